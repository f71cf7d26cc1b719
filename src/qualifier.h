/*
 * qualifier.h — words that widen a figure: "khoảng", "hơn", "gần", "tối thiểu"...
 * A qualifier multiplies the low end of the interval by `lo` and the high end by
 * `hi` (either may be ±INFINITY): "trên 60 triệu" is [59.5e6 × 1, 60.5e6 × 1.10].
 */
#ifndef CC_QUALIFIER_H
#define CC_QUALIFIER_H

#include <stddef.h>
#include "value.h"

typedef struct cc_qualifier {
    char *kind;    /* "about", "over", "nearly", "at-least", "at-most", or a rulebook's own */
    char **words;  /* NFC, lowercase: "khoảng", "xấp xỉ", ... */
    size_t nwords;
    double lo, hi; /* factors for the interval's ends */
} cc_qualifier;

typedef struct cc_qualifiers {
    cc_qualifier *v;
    size_t n;
} cc_qualifiers;

/* The default table of SPEC §1 (about, over, nearly, at-least, at-most). */
void cc_qualifiers_default(cc_qualifiers *q);
/* The same words as read in open mode (figure.h): "over" is 1.0..1.5 (see qualifier.c). */
void cc_qualifiers_open(cc_qualifiers *q);
void cc_qualifiers_free(cc_qualifiers *q);

/*
 * Strips qualifier words from the front of the slice [*s, *s + *n), repeatedly
 * ("khoảng hơn 7,6"), longest word first, case-insensitively, each followed by
 * white space. Advances *s and shrinks *n past them. Returns the number stripped
 * and writes up to `max` of them (innermost last) to `found`.
 */
size_t cc_qualifiers_strip(const cc_qualifiers *q, const char **s, size_t *n,
                           const cc_qualifier **found, size_t max);

/* Applies qualifiers (innermost first) to a range. */
cc_range cc_qualifiers_apply(cc_range r, const cc_qualifier *const *found, size_t nfound);

/* Appends a PCRE2 alternation matching any qualifier word, longest first, with
 * regex metacharacters escaped: "(?:xấp xỉ|khoảng|...)". */
void cc_qualifiers_regex(const cc_qualifiers *q, cc_buf *out);

#endif
