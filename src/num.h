/*
 * num.h — numbers, percentages and money as written in Vietnamese (or English) news.
 *
 * Every parser takes a slice (pointer + length) of NFC text and parses the WHOLE
 * slice (leading/trailing white space allowed); it never reads outside the slice.
 * Matching of words is case-insensitive. Results are intervals (see value.h):
 * a figure with a decimal part or a scale word covers half a unit of its last
 * written digit; a plain integer is exact.
 */
#ifndef CC_NUM_H
#define CC_NUM_H

#include <stddef.h>
#include "value.h"

typedef enum cc_locale {
    CC_LOCALE_VI, /* "1.039" is 1039, "0,6667" a decimal */
    CC_LOCALE_EN, /* "1,039" is 1039, "0.6667" a decimal */
} cc_locale;

int cc_locale_parse(const char *s, cc_locale *out); /* "vi" | "en"; 0 ok, -1 unknown */

typedef enum cc_parse_status {
    CC_PARSE_OK = 0,       /* *out is set */
    CC_PARSE_NONE = 1,     /* not a value of this type */
    CC_PARSE_OVERFLOW = 2, /* looks like one but is out of range (> 1e18): report, no claim */
} cc_parse_status;

/* "1.039", "0,6667", "86,5", "4,4 triệu", "1,2 nghìn tỷ", "hai mươi mốt", "sáu mươi triệu". */
cc_parse_status cc_num_parse(const char *s, size_t n, cc_locale loc, cc_range *out);
/* "88,53%", "88,53 %", "15,91 phần trăm", "bảy mươi hai phần trăm". */
cc_parse_status cc_percent_parse(const char *s, size_t n, cc_locale loc, cc_range *out);
/* "30.500 đồng", "5 tỷ VNĐ", "1,2 triệu USD"; currency is "VND" or "USD". */
cc_parse_status cc_money_parse(const char *s, size_t n, cc_locale loc, cc_range *out,
                               char currency[4]);
/* False when cc_money_parse(s, n) cannot succeed: s[0..n) neither starts with "$" or
 * "US$" nor ends with the last word of a currency (a quick test for callers that try
 * many slices: the figure scanner tries three ends after every number). */
bool cc_money_may_parse(const char *s, size_t n);

/* True when the slice holds an ASCII digit or a Vietnamese number or rank word
 * (một … chín, mười, mươi, trăm, nghìn, ngàn, triệu, tỷ, tỉ, chục, nhất, đầu …):
 * the cheap test that keeps sentences without figures away from the patterns. */
bool cc_has_number_hint(const char *s, size_t n);

/* ---- the number-word regex fragment (pattern helper) ------------------------------ */

/* The end of a word, in a fragment compiled with PCRE2_UTF | PCRE2_UCP. */
#define CC_NUM_RE_WORD_END "(?![\\p{L}\\p{M}\\p{N}])"

/* Appends a PCRE2 fragment (non-capturing groups only) matching a number written in
 * words ("tám mươi sáu", "một trăm linh năm") as cc_num_parse reads them; the {number}
 * family of slots and the rank fragment are built on it. */
void cc_num_words_regex(cc_buf *out);

#endif
