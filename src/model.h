/*
 * model.h — the data that flows between stages: documents, claims, findings.
 * Extraction fills documents and claims, checking adds findings, reporters only read.
 * All of it lives in one cc_run, which owns every string and array below.
 */
#ifndef CC_MODEL_H
#define CC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "open.h"
#include "rulebook.h"
#include "util.h"
#include "value.h"

typedef enum cc_date_from {
    CC_DATE_NONE,          /* no year anywhere: year-scoped claims get scope 0 */
    CC_DATE_FRONT_MATTER,
    CC_DATE_FLAG,          /* --date */
    CC_DATE_PATTERN,       /* document.date-patterns */
    CC_DATE_INFERRED,      /* the year written most often in the body */
} cc_date_from;

const char *cc_date_from_name(cc_date_from f); /* "front-matter", "flag", "pattern", "inferred", "none" */

typedef struct cc_document {
    char *path;            /* as given on the command line (or --name for stdin) */
    char date[11];         /* "YYYY-MM-DD", "" when none; inferred dates give "YYYY" only */
    int year;              /* 0 when unknown */
    cc_date_from date_from;
    char *title;           /* from front matter, or NULL */
    char *source;          /* from front matter, or NULL */
    size_t nclaims;
    uint64_t bytes;        /* bytes read */
    unsigned lines;        /* lines read */
    bool skipped;          /* not read (cannot open, binary, undecodable) */
    bool draft;            /* a draft being checked (--draft, or a file of check --db): a
                              disagreement with no majority is reported on it */
    uint32_t *terms;       /* its story terms (story.h), sorted, when the extractor was asked
                              for them (index, check --db); else NULL */
    size_t nterms;
    bool archived;         /* loaded from an archive (check --db, audit), not read now; the
                              documents read now by check --db are drafts (`draft`) */
    int64_t story;         /* with run->stories: its story's id (the archive's), -1 none */
    long duplicate_of;     /* with run->stories: the document (index into cc_run.docs) whose
                              text it reprints, -1 none; a copy does not count again in a
                              majority of documents */
} cc_document;

typedef struct cc_claim {
    int field;             /* index into the rulebook's fields; -1 for an open claim */
    int subject;           /* index into the rulebook's subjects; -1 when none */
    int scope;             /* the year the figure refers to; 0 when none */
    cc_value value;
    int doc;               /* index into cc_run.docs */
    unsigned line;         /* 1-based line of the value in the original file */
    unsigned column;       /* 1-based column in characters of the original line */
    uint64_t byte_offset;  /* of the value in the original file */
    uint32_t byte_length;  /* of the value in the original file (decoded bytes) */
    char *text;            /* the whole match, as written */
    char *value_text;      /* the value's words, as written ("24/47", "hơn 60 triệu") */
    char *sentence;        /* the sentence, as written */
    size_t value_in_sentence; /* byte offset of value_text within sentence (for carets) */
    cc_open_fact *open;    /* an open claim (no rulebook field made it): what it measures;
                              NULL for a rulebook claim */
} cc_claim;

/* Open claims of different documents that state one fact (align.h aligns them). */
typedef struct cc_aligned {
    size_t *claims;   /* indices into run->claims, in order */
    size_t n;
    int score;        /* the weakest link's score */
    int best;         /* the strongest link's score (its words are `why`) */
    int margin;       /* the weakest link's lead over the next best match */
    bool same_time;   /* false when two linked claims name different times */
    bool noun_only;   /* a link shares only the noun of a count (cc_open_match) */
    char why[160];    /* the shared words of the strongest link */
} cc_aligned;

typedef enum cc_finding_kind {
    CC_FIND_CONFLICT,      /* sources disagree */
    CC_FIND_SANITY,        /* one claim is impossible by itself (24/24 is fine, 25/24 is not) */
    CC_FIND_DERIVED,       /* a derived rule does not hold */
    CC_FIND_INPUT,         /* an input problem worth reporting as a finding */
    CC_FIND_LIMIT,         /* a pattern hit its match or depth limit */
} cc_finding_kind;

const char *cc_finding_kind_name(cc_finding_kind k);

typedef struct cc_side {
    cc_value value;        /* the running intersection of the side's claims */
    size_t *claims;        /* indices into cc_run.claims, in output order */
    size_t nclaims;
    int ndocs;             /* distinct documents behind the side */
} cc_side;

typedef struct cc_finding {
    cc_finding_kind kind;
    int rule;              /* index into the rulebook's rules; -1 for input/limit */
    int field;             /* -1 for derived rules and input findings */
    int subject;           /* -1 when none */
    int scope;             /* 0 when none */
    cc_severity severity;
    char *message;         /* one line, as printed after "error: " */
    char fingerprint[17];  /* 16 hex digits, see cc_fingerprint() */
    long location;         /* index into cc_run.claims where it is reported; -1 = none */
    char *path;            /* input/limit findings without a claim: the file, else NULL */
    unsigned line, column; /* for those: the position, 0 when unknown */
    int majority;          /* index into sides, -1 for a tie or when not a conflict */
    cc_side *sides;
    size_t nsides;
    size_t *compatible;    /* claims that meet two or more sides */
    size_t ncompatible;
    bool open;             /* an open finding: its claims are open claims (no rulebook field) */
    int open_kind;         /* an open finding: the cc_figure_kind of its claims */
    double confidence;     /* an open finding: how sure the alignment is, 0..1; else 0 */
    char *evidence;        /* an open finding: why the claims were compared; else NULL */
} cc_finding;

typedef struct cc_summary {
    size_t documents, claims, groups, findings;
    size_t errors, warnings, infos;
    int exit_code;
} cc_summary;

typedef struct cc_run {
    const cc_rulebook *rb;
    cc_document *docs;
    size_t ndocs, capdocs;
    cc_claim *claims;
    size_t nclaims, capclaims;
    cc_finding *findings;
    size_t nfindings, capfindings;
    cc_diags diags;        /* input and run problems, with file/line/column */
    bool stories;          /* documents carry their stories (audit, check --db): open claims
                              are aligned only within a story, and copies count once */
    bool drafts_only;      /* check --db: open findings only where a draft (a document not
                              archived) is outside the majority, reported at the draft */
    size_t ngroups;        /* set by the checker */
    cc_aligned *aligned;   /* open mode: the aligned facts, agreeing or not (the checker) */
    size_t naligned;
    cc_summary summary;    /* set by cc_run_summarise() */
} cc_run;

void cc_run_init(cc_run *run, const cc_rulebook *rb);
void cc_run_free(cc_run *run);
cc_document *cc_run_add_document(cc_run *run, const char *path);
cc_claim *cc_run_add_claim(cc_run *run);
cc_finding *cc_run_add_finding(cc_run *run);
/* Frees what a finding owns (not the finding itself, which lives in run->findings). */
void cc_finding_free(cc_finding *f);
/* Counts severities and sets the exit code for `fail_on` (-1: never). */
void cc_run_summarise(cc_run *run, int fail_on);

#endif
