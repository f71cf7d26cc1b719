/*
 * report.h — the reporter kit: what every reporter shares, as cmark's render.c serves
 * its html, man and latex writers. A reporter only reads a finished cc_run (documents,
 * claims, findings, diagnostics, summary) and writes one format; adding a format touches
 * nothing upstream: a report_X.c on this kit and a row in the table of formats.
 * Output order is the run's order, which the checker makes deterministic (path, line, column, rule id).
 *
 * The kit has five parts: the buffered writer every reporter writes through; the JSON
 * emitter of the JSON and SARIF reports; the run's accessors (claims, ids and paths by
 * index, all bounds-checked, so a reporter never indexes the run itself); the pieces
 * that several formats print the same (rule id, notes, help advice, summary line,
 * cleaned text). The table of formats the CLI picks from is formats.h.
 */
#ifndef CC_REPORT_H
#define CC_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "model.h"
#include "text.h"

#ifndef CC_VERSION
#define CC_VERSION "unknown"
#endif

typedef struct cc_report_opts {
    bool color;               /* ANSI colours (text only) */
    const char *rulebook_path;/* as given, for the JSON "rulebook" object */
} cc_report_opts;

/* ---- the writer ---------------------------------------------------------------- */

/* A reporter flushes its buffer between findings once it holds this much, so memory
 * stays bounded by the largest finding however many there are. */
#define CC_WRITER_FLUSH_BYTES (64u * 1024u)

/*
 * A buffered writer with a failure flag. Reporters append to `out`; to a FILE, the
 * buffer is written out by cc_writer_maybe_flush() between items and by
 * cc_writer_finish() at the end; a failed fwrite or fflush sets `failed`, which only
 * cc_writer_finish() reports, so the caller checks once. In memory (cc_writer_to_buf)
 * everything stays in the caller's buffer. `out` may point into the writer itself:
 * never copy a cc_writer.
 */
typedef struct cc_writer {
    cc_buf *out;  /* where text is appended: &own, or the caller's buffer */
    cc_buf own;   /* the buffer of a writer to a FILE */
    FILE *file;   /* where `out` is flushed to; NULL: kept in memory */
    bool failed;  /* a write to `file` failed */
} cc_writer;

void cc_writer_to_file(cc_writer *w, FILE *file);
void cc_writer_to_buf(cc_writer *w, cc_buf *b);
/* Writes the buffer to the FILE now (nothing in memory). */
void cc_writer_flush(cc_writer *w);
/* The same once CC_WRITER_FLUSH_BYTES are buffered. */
void cc_writer_maybe_flush(cc_writer *w);
/* Flushes, fflush()es the FILE and frees the writer's buffer: 0, or -1 when any write
 * failed. In memory it returns 0 and leaves the caller's buffer as it is. */
int cc_writer_finish(cc_writer *w);

/* ---- the JSON emitter ---------------------------------------------------------- */

/* Objects and arrays nest at most this deep (the reports need 8). */
#define CC_JSON_MAX_DEPTH 64

/*
 * Writes JSON through a cc_writer, pretty or compact. Pretty is exactly Python's
 * json.dumps(obj, indent=2, ensure_ascii=False): each member and element on its own
 * line, "[]" and "{}" when empty, ": " after keys; compact has no spaces at all. The
 * emitter puts the separators: inside an array each value starts an element, inside
 * an object cc_json_key() starts a member and the next value is its value.
 */
typedef struct cc_json {
    cc_writer own;    /* the writer it writes through */
    cc_writer *w;     /* &own */
    bool pretty;      /* 2-space indentation, else compact */
    bool first;       /* nothing written yet in the innermost open container */
    unsigned depth;   /* open objects and arrays */
    uint64_t arrays;  /* bit d: the container at depth d + 1 is an array */
} cc_json;

/* An emitter writing to a FILE (flushed as cc_writer says; never copy a cc_json) or
 * appending to the caller's buffer. */
void cc_json_to_file(cc_json *j, FILE *file, bool pretty);
void cc_json_to_buf(cc_json *j, cc_buf *b, bool pretty);
/* cc_writer_finish() of its writer: 0, or -1 when a write failed. */
int cc_json_finish(cc_json *j);
void cc_json_object(cc_json *j);
void cc_json_array(cc_json *j);
/* Closes the innermost object or array. */
void cc_json_end(cc_json *j);
void cc_json_key(cc_json *j, const char *key);
void cc_json_null(cc_json *j);
void cc_json_bool(cc_json *j, bool v);
void cc_json_uint(cc_json *j, uint64_t v);
void cc_json_int(cc_json *j, long long v);
/* The shortest round-trip form; null for an infinite end of a range (or NaN). */
void cc_json_double(cc_json *j, double x);
/* A string, or null for NULL. */
void cc_json_str(cc_json *j, const char *s);
void cc_json_strn(cc_json *j, const char *s, size_t n);
/* A member: the key, then the value. */
void cc_json_kstr(cc_json *j, const char *key, const char *s);
void cc_json_kuint(cc_json *j, const char *key, uint64_t v);
void cc_json_kint(cc_json *j, const char *key, long long v);
void cc_json_kbool(cc_json *j, const char *key, bool v);
void cc_json_kdouble(cc_json *j, const char *key, double x);
/* A scope year as a string ("2020"), null when 0: scopes are labels, not quantities. */
void cc_json_kscope(cc_json *j, const char *key, int year);
/* The "summary" member of the JSON report and of SARIF's run properties: the counts
 * and the exit code. */
void cc_json_summary(cc_json *j, const cc_summary *s);

/* Appends a JSON string literal: escapes quotes, backslashes and control characters
 * (\b \f \n \r \t, else \u00XX); invalid UTF-8 becomes U+FFFD. */
void cc_json_string(cc_buf *out, const char *s, size_t n);

/* ---- the run --------------------------------------------------------------------- */

/* Each returns NULL for an index out of range (or no rulebook). */
const cc_claim *cc_report_claim(const cc_run *run, long i);
const cc_document *cc_report_doc(const cc_run *run, int i);
const cc_rule *cc_report_rule(const cc_run *run, int i);
const cc_field *cc_report_field(const cc_run *run, int i);
const char *cc_report_field_id(const cc_run *run, int i);
const char *cc_report_subject_id(const cc_run *run, int i);
/* The path of the claim's document, "?" when it has none (as people read it). */
const char *cc_report_claim_path(const cc_run *run, const cc_claim *c);
/* The rulebook's path as the user gave it, else as loaded; NULL without a rulebook. */
const char *cc_report_rulebook_path(const cc_run *run, const cc_report_opts *o);
/* The side the finding is reported at (the side holding its location), or -1. */
long cc_report_location_side(const cc_finding *f);

/*
 * Appends the rule id a finding is reported under (SARIF, GitHub and HTML): the
 * rulebook rule's id; for a finding of a field that no rule checks, "field/" and the
 * field id; for an input or limit finding, "crosscheck/input" or "crosscheck/limit"
 * (and "crosscheck/" and the kind name for anything else).
 */
void cc_report_rule_id(const cc_run *run, const cc_finding *f, cc_buf *out);

/*
 * Where a claim's value ends, counted as its column is (characters of the original
 * line, combining marks not counted): *end_line is the line of its last character and
 * *end_column the column just past it. A value written over a line break ends on a
 * later line ("\n", "\r\n" and "\r" each end one).
 */
void cc_report_value_end(const cc_claim *c, unsigned *end_line, unsigned *end_column);

/* ---- what several formats print ------------------------------------------------- */

/* Which claims a finding's notes name, besides the one it is reported at. */
typedef enum cc_notes_kind {
    CC_NOTES_OTHER_SIDES, /* every claim of the other sides (text, GitHub) */
    CC_NOTES_ALL_SIDES,   /* every claim of every side but the location (SARIF) */
} cc_notes_kind;

/* Walks a finding's notes: the claims of its sides as `kind` says, in order, then its
 * compatible claims. Indices out of range are skipped. */
typedef struct cc_notes {
    const cc_run *run;
    const cc_finding *f;
    cc_notes_kind kind;
    long here;          /* the side the finding is reported at, or -1 */
    size_t side;        /* the side of the claim last returned; nsides: compatible */
    size_t next;        /* the next index within that side (or compatible list) */
} cc_notes;

void cc_notes_begin(cc_notes *it, const cc_run *run, const cc_finding *f, cc_notes_kind kind);
/* The next note's claim, or NULL at the end. it->side says whose it is: a side index,
 * or f->nsides for a compatible claim. */
const cc_claim *cc_notes_next(cc_notes *it);

/* Appends the advice of a conflict's `help:` line (without the label): what the majority
 * of documents say, or that no side has one. false (nothing appended) for other findings. */
bool cc_report_help(const cc_run *run, const cc_finding *f, cc_buf *out);

/* Appends the summary line, without its newline ("3 conflicts (2 errors, 1 warning) in 5
 * documents; 85 claims in 45 groups"): the text and GitHub reports' last line, the HTML
 * report's title and lead. */
void cc_report_summary_line(const cc_run *run, cc_buf *out);
/* "conflict" when every finding is one, else "finding". */
const char *cc_report_finding_noun(const cc_run *run);
/* "1 claim", "2 claims". */
void cc_report_count(cc_buf *b, size_t n, const char *noun);

/* A format's escapes for cc_report_clean() (text.h's hook): appends the escape of `cp`
 * and returns true, or returns false to leave `cp` to the cleaner. */
typedef cc_escape_hook cc_report_escape_fn;

/*
 * Appends s[0..n) cleaned for people to read: `esc` (when not NULL) may escape a
 * character; control characters, bidirectional formatting characters and invalid bytes
 * are shown as escapes ("\x1b", "\u202e", "\xff"), as on stderr: text.h's
 * cc_escape_shown_with() decides, so that an article or a file name can neither move
 * the cursor, colour the output nor make a line read otherwise than it is; every other
 * character is copied.
 */
void cc_report_clean(cc_buf *out, const char *s, size_t n, cc_report_escape_fn esc,
                     const void *ctx);

#endif
