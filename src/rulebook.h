/*
 * rulebook.h — the YAML rulebook: subjects, fields and their patterns, rules.
 * The schema is documented key by key in docs/rulebook.md.
 *
 * The loader walks libyaml's document nodes and checks every mapping against a table
 * of known keys, so every error reads `rulebook.yaml:LINE:COL: what was expected`,
 * and an unknown key gets "did you mean 'x'?". Input is bounded: the file size
 * (CC_RULEBOOK_MAX_BYTES), nesting depth and alias expansion are capped, so an alias
 * bomb or a 10 000-deep document is refused with a message, never followed.
 *
 * Patterns are kept as source text with their position; the extractor compiles them
 * (pattern.h). Ownership: cc_rulebook_load() returns a rulebook the caller frees with
 * cc_rulebook_free(); every string in it belongs to it.
 */
#ifndef CC_RULEBOOK_H
#define CC_RULEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include "expr.h"
#include "figure.h"
#include "num.h"
#include "qualifier.h"
#include "srcpos.h"
#include "util.h"
#include "value.h"

#define CC_RULEBOOK_MAX_BYTES (4u * 1024u * 1024u)
#define CC_RULEBOOK_MAX_DEPTH 64
/* Nodes that aliases (`*x`) may add in total when expanded: a billion-laughs file is
 * refused at the alias that passes this, without expanding anything. */
#define CC_RULEBOOK_MAX_ALIAS_NODES 10000u
/* YAML nodes (scalars, lists, mappings) in one rulebook, aliases not expanded. */
#define CC_RULEBOOK_MAX_NODES 250000u
/* Patterns in one rulebook, of every kind (fields, scopes, contexts, document): each is
 * compiled (about 8 KB for a pattern with a {number} slot, more once JIT-compiled), so
 * this bounds the memory and the start-up time of a run; the shipped rulebook has ~130. */
#define CC_RULEBOOK_MAX_PATTERNS 5000u


typedef struct cc_subject {
    char *id;              /* "vietnam" */
    char *name;            /* "Việt Nam" (the id when not given) */
    char **aliases;        /* as written; the name is always one of them */
    size_t naliases;
    char **folded;         /* cc_fold() of each alias, same order */
    cc_mark mark;
} cc_subject;

/* One regular expression as written in the rulebook. */
typedef struct cc_pattern {
    char *source;          /* as written, slots unexpanded */
    cc_mark mark;          /* where the string starts in the rulebook */
    bool plain_scalar;     /* written as a plain (unquoted) YAML scalar: the mark's
                              column is the first character of the pattern */
    bool quoted_single;    /* written in single quotes: pattern starts at column + 1 */
    int sign;              /* +1, or -1 for `{match: ..., sign: -1}`: negates the value */
    struct cc_compiled_pattern *compiled; /* owned and set by pattern.c, NULL before */
} cc_pattern;

typedef enum cc_scope_kind {
    CC_SCOPE_DOCUMENT_YEAR,  /* the document's year */
    CC_SCOPE_SENTENCE_YEAR,  /* nearest year before the claim in its sentence, else after,
                                else the document's year */
    CC_SCOPE_PARAGRAPH_YEAR, /* as sentence-year, then nearest before in the paragraph */
    CC_SCOPE_EVENT,          /* the story's event: one scope for every document, unless a
                                year is written with the figure (a {year} slot) */
    CC_SCOPE_PATTERNS,       /* the `year` capture of the first scope pattern that matches
                                the sentence, else `scope_else` (no name: a mapping) */
} cc_scope_kind;

typedef struct cc_example {
    char *text;            /* a sentence to extract from */
    char *value;           /* expected value as written ("24/47", "88,53%"), or NULL */
    char *subject;         /* expected subject id, or NULL (not checked) */
    int scope;             /* expected scope year, or 0 (not checked) */
    bool none;             /* the field must extract nothing from `text` */
    cc_mark mark;
} cc_example;

typedef struct cc_field {
    char *id;              /* "egdi.rank.asia" */
    char *description;     /* or NULL */
    cc_type type;
    int subject;           /* index into subjects when fixed; -1 when from the sentence */
    int *among;            /* subject from sentence: the subjects allowed (all when none) */
    size_t namong;
    cc_scope_kind scope;
    cc_pattern *scope_patterns;
    size_t nscope_patterns;
    cc_scope_kind scope_else;   /* for CC_SCOPE_PATTERNS: the fallback */
    cc_pattern *patterns;
    size_t npatterns;
    cc_example *examples;
    size_t nexamples;
    bool has_min, has_max; /* sanity bounds; percent defaults to [0, 100] */
    double min, max;
    int rule;              /* index of the rule checking this field, -1 when none */
    cc_mark mark;
    int subject_else;      /* subject from the sentence: the subject when it names none
                              (`else:`), -1 for no claim then */
    cc_pattern *context;   /* a claim is kept only if one of these matches its paragraph */
    size_t ncontext;
} cc_field;

typedef struct cc_tolerance {
    double abs;            /* absolute, in the field's unit */
    double rel;            /* relative: 0.02 for "2%" */
    int days;              /* dates and periods */
} cc_tolerance;

typedef struct cc_rule {
    char *id;
    int field;             /* index into fields; -1 for a derived rule */
    char *derived;         /* the expression source, or NULL */
    cc_expr *expr;         /* parsed `derived`, or NULL */
    cc_tolerance tolerance;
    cc_severity severity;  /* default error */
    char *message;         /* or NULL: a message is then made from the field id */
    cc_mark mark;
} cc_rule;

typedef struct cc_rulebook {
    char *path;            /* as given */
    char sha256[65];       /* hex digest of the file's bytes */
    int version;           /* 1 */
    char *name;
    cc_locale locale;
    bool open_off;         /* `open: off`: no open claims, only the fields' (docs/rulebook.md) */
    cc_tolerance open_tolerance[CC_FIG_NKINDS]; /* `open: {tolerance: {kind: ...}}` */
    bool open_tolerance_set[CC_FIG_NKINDS];     /* which kinds the rulebook set */
    cc_pattern *date_patterns;  /* document.date-patterns: capture `date` */
    size_t ndate_patterns;
    cc_pattern *skip;           /* document.skip: lines not to read */
    size_t nskip;
    cc_subject *subjects;
    size_t nsubjects;
    cc_qualifiers qualifiers;   /* the defaults unless `qualifiers:` redefines them */
    cc_field *fields;
    size_t nfields;
    cc_rule *rules;
    size_t nrules;
    char *description;          /* or NULL */
    cc_severity default_severity; /* defaults.severity: for fields without a rule
                                     (default warning) */
    cc_pattern *require;        /* document.require: a document yields claims only if
                                   one of these matches one of its lines */
    size_t nrequire;
    char **relative_words;      /* document.relative-years: "năm ngoái" (folded lowercase) */
    int *relative_offsets;      /* ... and its offset from the document's year (-1) */
    size_t nrelative;
    /* Frees what a later stage attached to the patterns (pattern.c sets it when it
     * compiles them); cc_rulebook_free() calls it first. NULL when nothing is attached. */
    void (*release_compiled)(struct cc_rulebook *rb);
} cc_rulebook;

/* Loads and validates; NULL on error with one fatal "rulebook" diagnostic per problem
 * found (path, line, column). `path` is read from disk. */
cc_rulebook *cc_rulebook_load(const char *path, cc_diags *d);
/* The same from memory; `name` is used in messages. */
cc_rulebook *cc_rulebook_load_mem(const char *name, const char *data, size_t len, cc_diags *d);
void cc_rulebook_free(cc_rulebook *rb);

int cc_rulebook_field_index(const cc_rulebook *rb, const char *id);   /* -1 when none */
int cc_rulebook_subject_index(const cc_rulebook *rb, const char *id); /* -1 when none */

/* The rulebook position of byte `offset` of `p->source` (a PCRE2 error offset, say):
 * exact for plain and single-quoted scalars written on one line, approximate (escapes
 * counted as one character) for double-quoted ones, the scalar's start otherwise. */
cc_mark cc_pattern_mark_at(const cc_pattern *p, size_t offset);

/* Levenshtein-closest of `cands` to `word` (in code points; the first on a tie) when
 * close enough to suggest: a distance of at most 2, or at most a third of the longer
 * string's length rounded up ("warn" → "warning"), and less than that length (so
 * nothing is suggested for a word that would be replaced whole). NULL otherwise. */
const char *cc_did_you_mean(const char *word, const char *const *cands, size_t ncands);

#endif
