/*
 * prefilter.h — what a text must contain for a pattern to match, to skip work early.
 *
 * Two things, both safe in one direction only: they may let through text on which the
 * real test then fails, never turn away text on which it would succeed.
 *
 *   - cc_prefilter_literals() reads a rulebook pattern (PCRE2 syntax with slots, matched
 *     caselessly) and finds a few literal strings of which every match contains one:
 *     `Chính phủ (?:điện tử|số)|DVCTT` gives "Chính phủ điện tử", "Chính phủ số", "DVCTT".
 *     Sequences of literal characters and of groups with a few literal alternatives
 *     multiply out; anything it does not understand (classes, escapes such as \d,
 *     slots, optional items, (?x), verbs) only ends a literal, and a pattern it cannot
 *     read at all gives none (no prefilter).
 *
 *   - the document filter (cc_docfilter) tests the rulebook's `document.require` on a
 *     document's raw bytes, before any line is decoded, normalised or matched: the
 *     document can be on topic only if, folded, it contains one of the folded literals
 *     of some require pattern. The fold (cc_prefilter_fold: canonical decomposition,
 *     full case folding, marks stripped, đ as d) maps NFC and NFD alike, and any two
 *     characters PCRE2 matches caselessly, to the same bytes; CR, LF and the front matter
 *     stay in the raw bytes, which only lets more through.
 */
#ifndef CC_PREFILTER_H
#define CC_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include "rulebook.h"
#include "util.h"

#define CC_PREFILTER_MAX_LITERALS 16 /* literals of one pattern; more: none are given */

/* Literals of which every match of pattern[0..len) contains one (as written in the
 * pattern; fold them before comparing). Each out[i] is malloc'd and NUL-terminated (the
 * caller frees it); returns how many, 0 when nothing is known. */
size_t cc_prefilter_literals(const char *pattern, size_t len,
                             char *out[CC_PREFILTER_MAX_LITERALS]);

/* Appends the fold of s[0..n) to out; false (out then holds the fold of a prefix) when s
 * is not valid UTF-8. */
bool cc_prefilter_fold(const char *s, size_t n, cc_buf *out);

typedef struct cc_docfilter cc_docfilter;

/* The filter of rb's document.require, or NULL when there is none to apply: no require
 * patterns, or one of them has no literals of at least 3 bytes folded. */
cc_docfilter *cc_docfilter_new(const cc_rulebook *rb);
void cc_docfilter_free(cc_docfilter *f);
/* False only when no require pattern can match a line of the document whose raw bytes
 * (UTF-8 as in the file) are bytes[0..len); true when it may, or when the bytes are not
 * valid UTF-8. */
bool cc_docfilter_maybe(const cc_docfilter *f, const char *bytes, size_t len);

#endif
