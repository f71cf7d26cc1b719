/*
 * pattern.h — rulebook patterns compiled once with PCRE2 and its JIT.
 *
 * Typed slots ({number} {percent} {money} {rank} {date} {period} {year}) are replaced by
 * named groups around the slot's fragment (slot.h); which `{name}` is a slot is decided
 * by the pattern lexer (patsyntax.h) that the rulebook loader uses too. Patterns are compiled with
 * PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS and matched with a match limit and a
 * depth limit, so a catastrophic pattern reports CC_MATCH_LIMIT instead of hanging.
 * A compile error is reported at the rulebook line and column of the offending
 * character, with PCRE2's own message.
 */
#ifndef CC_PATTERN_H
#define CC_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "patsyntax.h"
#include "rulebook.h"
#include "text.h"

#define CC_PCRE_MATCH_LIMIT 1000000u
#define CC_PCRE_DEPTH_LIMIT 10000u
#define CC_JIT_MAX_BYTES (64u * 1024u * 1024u)
/* A pattern is JIT-compiled once it has searched this many bytes (pattern.c). */
#define CC_JIT_AFTER_BYTES (48u * 1024u)

typedef struct cc_compiled_pattern cc_compiled_pattern;

typedef struct cc_span {
    size_t start, end; /* byte offsets in the subject; start == end == SIZE_MAX when unset */
} cc_span;

typedef struct cc_match {
    cc_span whole;
    cc_span slots[CC_MAX_SLOTS]; /* in the order the slots are written in the pattern */
    cc_slot slot_kind[CC_MAX_SLOTS];
    size_t nslots;
    cc_span subject;   /* the (?<subject>...) group, if the pattern has one */
    cc_span year;      /* the (?<year>...) group, if any */
    cc_span date;      /* the (?<date>...) group, if any */
} cc_match;

typedef enum cc_match_status {
    CC_MATCH_NONE = 0,
    CC_MATCH_FOUND = 1,
    CC_MATCH_LIMIT = -1, /* the match or depth limit was hit */
    CC_MATCH_ERROR = -2,
    CC_MATCH_BUDGET = -3, /* the budget of matching time is spent: not run */
} cc_match_status;

/* Compiles every pattern of the rulebook (fields, scopes, document); 0 ok, -1 with
 * fatal diagnostics naming the rulebook line and column. */
int cc_patterns_compile(cc_rulebook *rb, cc_diags *d);
/*
 * As cc_patterns_compile(), but each pattern is compiled when first matched, when this
 * rulebook (these bytes, locale and slot expansions, with this PCRE2 and this
 * crosscheck) is known to have compiled cleanly before: a record of that, kept in the
 * pattern cache (patcache.h), is what lets the errors of a rulebook still be reported
 * at the start of the run without compiling all of it every time. Without the record
 * every pattern is compiled now, as cc_patterns_compile() does, and the record is made
 * when all compile. 0 ok, -1 with fatal diagnostics.
 */
int cc_patterns_prepare(cc_rulebook *rb, cc_diags *d);
/* Frees what cc_patterns_compile() attached. cc_rulebook_free() calls it (through the
 * rulebook's release hook, so that rulebook.c need not know this module). */
void cc_patterns_release(cc_rulebook *rb);

/* Finds the first match starting at or after `from` in subject[0..len), which must be
 * valid UTF-8 (the reader guarantees it; it is not checked again). */
cc_match_status cc_pattern_match(const cc_pattern *p, const char *subject, size_t len,
                                 size_t from, cc_match *m);

/*
 * A budget of matching time, for one document (extract.c): the per-match limits bound
 * one call, not how many calls a pathological pattern makes over 10 000 lines. Matches
 * made through cc_pattern_match_within() are timed (a monotonic clock) and added up, in
 * total and per pattern; once the total passes `limit`, they are not run any more and
 * return CC_MATCH_BUDGET. `costliest` is the pattern that spent the most of it.
 */
typedef struct cc_match_budget {
    double limit;                  /* seconds allowed (the caller may raise it as it goes) */
    double spent;                  /* seconds spent in matches so far */
    uint64_t epoch;                /* this budget's number: per-pattern times of an
                                      earlier budget do not count */
    const cc_pattern *costliest;   /* the pattern that spent the most, or NULL */
    double costliest_spent;        /* ... how much */
} cc_match_budget;

/* Starts a budget of `seconds`, nothing spent. */
void cc_match_budget_start(cc_match_budget *b, double seconds);
/* Whether the budget is spent. */
bool cc_match_budget_spent(const cc_match_budget *b);
/* cc_pattern_match(), timed against the budget; CC_MATCH_BUDGET (not run) once spent. */
cc_match_status cc_pattern_match_within(const cc_pattern *p, cc_match_budget *b,
                                        const char *subject, size_t len, size_t from,
                                        cc_match *m);

/* Bytes of JIT code of the live compiled patterns: a pattern is JIT-compiled once it has
 * searched CC_JIT_AFTER_BYTES of text, while this stays under CC_JIT_MAX_BYTES (64 MiB);
 * later ones are interpreted. */
size_t cc_pattern_jit_bytes(void);

/* The slots of a compiled pattern, in the order they are written: their kinds into
 * kinds[0 .. CC_MAX_SLOTS) and their number (0 for a pattern not compiled). */
size_t cc_pattern_slots(const cc_pattern *p, cc_slot kinds[CC_MAX_SLOTS]);

/* Lowercase words or phrases of which every match of `p` contains at least one (a
 * prefilter: single words read here, or prefilter.h's literals when they prove more);
 * sets *words and returns how many, 0 when none are known. Read from the source when
 * first asked for. Compare them with the text lowered by cc_lowercase(). */
size_t cc_pattern_required(const cc_pattern *p, char *const **words);

/*
 * For explaining a pattern that does not match (`rules test --explain`): the longest
 * prefix of p's source, cut where an item of the regex ends at the top level (never
 * between an item and its quantifier, never past a top-level '|'), that matches somewhere
 * in subject[0..len) (valid UTF-8). Returns the prefix's length in bytes of the source
 * and sets *matched to what it matched; 0 when not even the first item matches (or the
 * pattern cannot be cut).
 */
size_t cc_pattern_longest_prefix(const cc_rulebook *rb, const cc_pattern *p,
                                 const char *subject, size_t len, cc_span *matched);

#endif
