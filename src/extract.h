/*
 * extract.h — documents to claims.
 *
 * For each line the reader gives (NFC), lines matched by document.skip are dropped;
 * the rest is cut into sentences; a sentence with no digit and no number word
 * (cc_has_number_hint) is not offered to the patterns. Each field's patterns are
 * matched in the sentence; every slot's text goes to its typed parser; the claim's
 * subject and scope are resolved; its position is mapped back to the original file.
 * Values that depend on the document's year ("26/8") are parsed when the document
 * ends, since the year may be inferred from the whole body; the text is read once.
 */
#ifndef CC_EXTRACT_H
#define CC_EXTRACT_H

#include "model.h"
#include "num.h"
#include "reader.h"

/* A document yields at most this many claims; past it, a warning and no more. */
#define CC_MAX_CLAIMS_PER_DOC 100000u

/*
 * Bounds on matching, per document. A pattern that hits PCRE2's match limit is reported
 * and not run again on the document. All the rulebook's matches of one document share a
 * budget of time, CC_MATCH_BUDGET_MS plus CC_MATCH_BUDGET_MS_PER_MB per MB read (an
 * on-topic 105 MB file spends under 2 s in all): once spent, the rest of the document is
 * not searched and an error (kind "limit") names the pattern that spent the most.
 */
#define CC_MATCH_BUDGET_MS 5000u
#define CC_MATCH_BUDGET_MS_PER_MB 1000u

typedef struct cc_extract_opts {
    cc_locale locale;      /* overrides the rulebook's when `locale_set` */
    bool locale_set;
    const char *date;      /* --date YYYY-MM-DD, or NULL */
    cc_encoding encoding;  /* how files are decoded (--encoding); AUTO: UTF-8 or UTF-16 */
    bool ignore_require;   /* read every document, even one no document.require pattern
                              matches (rulebook examples are sentences, not articles) */
    bool terms;            /* also collect each document's story terms (cc_document.terms,
                              story.h): index and check --db find stories with them */
    unsigned match_budget_ms; /* the budget of matching time per document before its size
                              is counted (pattern.h); 0: CC_MATCH_BUDGET_MS */
    bool named;            /* the files were named on the command line: one the reader
                              skips (binary, UTF-16 without a byte order mark) is an error
                              (exit 2), not a warning, so that a draft someone asked to
                              check cannot pass unchecked; files found in folders (index)
                              are skipped with a warning */
} cc_extract_opts;

typedef struct cc_extractor cc_extractor;

/* The rulebook's patterns must be compiled (cc_patterns_compile). */
cc_extractor *cc_extractor_new(const cc_rulebook *rb, const cc_extract_opts *o);
void cc_extractor_free(cc_extractor *ex);

/* Reads one file ("-" for stdin; `name` labels it, NULL for the path) into the run:
 * a document, its claims and its diagnostics. 0, or -1 when it could not be read
 * (a fatal diagnostic was added and the document is marked skipped). */
int cc_extract_file(cc_extractor *ex, cc_run *run, const char *path, const char *name);
/* The same over text in memory (rules test, unit tests). */
int cc_extract_mem(cc_extractor *ex, cc_run *run, const char *name, const char *text,
                   size_t len);

/* Gives the open claims' dates written without a year a year, once every document of
 * the run is read: the document's own (front matter, --date, a date pattern), else the
 * story's: the most frequent year of the dates written in full in the run ("18-1-2005"),
 * else of its documents (inferred from their text included), the latest on a tie. With no year anywhere they stay yearless (open.h) and are
 * compared only with each other. Call before checking or listing open claims. */
void cc_run_date_open_claims(cc_run *run);

/* Parses `s` as a value of `type` the way a slot of that type is parsed (qualifier
 * words first for figures): the expected values of rulebook examples. */
cc_parse_status cc_value_parse(const cc_rulebook *rb, cc_locale loc, cc_type type,
                               const char *s, size_t n, int doc_year, cc_value *out);

#endif
