/*
 * date.h — dates and periods as written in Vietnamese news, at their precision.
 * Parses the whole NFC slice (see num.h for the conventions). `doc_year` fills in
 * a missing year ("26/8" in a 2020 article is 2020-08-26); 0 means unknown, and
 * then a date without a year is NONE.
 *
 * Dates: "26/8", "26-8-2020", "26/08/2020", "ngày 26 tháng 8 năm 2020", "tháng 8/2017",
 * "8/2017", "tháng 7-2020", "tháng Tám năm 2017", "tháng 7" (doc year), "năm 2020",
 * "2020". An impossible calendar date ("31/2/2020") is NONE.
 * Periods: "từ tháng 8/2017 đến tháng 7/2020", "8/2017-7/2019", "8/2017 – 7/2020",
 * "giai đoạn 2014 - 2020", "2017–2020", "từ ngày 01/01/2019 đến hết ngày 31/7/2020".
 */
#ifndef CC_DATE_H
#define CC_DATE_H

#include <stddef.h>
#include "num.h"
#include "util.h"

/*
 * The grammar cc_date_parse accepts, in full (D 1..31 and M 1..12 in one or two
 * digits, Y four digits 1900..2099, MW a month word: giêng/một 1, hai 2, ba 3,
 * tư/bốn 4, năm 5, sáu 6, bảy/bẩy 7, tám 8, chín 9, mười 10, mười một 11,
 * mười hai/chạp 12; spaces are \s+):
 *   day:   ["ngày"] D/M[/Y]  ["ngày"] D-M[-Y]  D.M.Y  "ngày" D.M
 *          "ngày" D "tháng" (M | MW) ["năm" Y]
 *   month: ["tháng"] M/Y  ["tháng"] M-Y  "tháng" M.Y  "tháng" (M | MW) ["năm" Y]
 *   year:  ["năm"] Y
 * When the second number has four digits it is a year ("8/2017" is August 2017). A
 * missing year is doc_year (1..9999; anything else, such as 0, makes it NONE). An
 * impossible calendar date is NONE. Never OVERFLOW.
 */
cc_parse_status cc_date_parse(const char *s, size_t n, int doc_year, cc_date *out);

/*
 * ["giai đoạn"] ["từ"] DATE JOIN DATE, both dates of the same precision (day-day,
 * month-month or year-year), JOIN one of - ‐ ‑ ‒ – — − (spaces around optional) or
 * "đến", "tới", "đến hết", "tới hết", "cho đến", "cho tới", "cho đến hết",
 * "cho tới hết" between spaces. A date without a year takes the other end's year:
 * "từ 1/1 đến 31/7/2020" starts on 2020-01-01; when that would put the start after
 * the end it is the year before ("từ 1/12 đến 31/1/2020" starts on 2019-12-01),
 * likewise an end without a year is the year after when needed. With neither year
 * the end takes doc_year. A start after the end with both years written is
 * returned as written (the checker reports it). Slices over 256 bytes are NONE.
 */
cc_parse_status cc_period_parse(const char *s, size_t n, int doc_year, cc_date *start,
                                cc_date *end);
/* A four-digit year 1900..2099 alone ("2020"), or NONE. */
cc_parse_status cc_year_parse(const char *s, size_t n, int *year);

/* Days covered by a period, as an interval: day precision gives one number
 * (01/01/2019–31/7/2020 is 578, both ends inclusive); coarser precision gives
 * [end.from - start.to + 1, end.to - start.from + 1]. When the ends can overlap
 * ("tháng 8/2017 - tháng 8/2017") the lower bound is raised to 1: a period lasts
 * at least a day. A reversed period (end.to < start.from) keeps the formula. */
cc_range cc_period_days(cc_date start, cc_date end);

/*
 * Regex fragments for the slots {date}, {period} and {year}: each appends a PCRE2
 * fragment matching what cc_date_parse, cc_period_parse and cc_year_parse accept
 * (a superset only in the values: "31/2/2020" matches), for patterns compiled with
 * PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS. Only non-capturing groups; never the empty
 * string; never inside a larger number or word ("2020" in "12020" or "a2020"), and
 * a date never matches one end of a period written with a dash ("8/2017-7/2019").
 */
void cc_date_regex(cc_buf *out);
void cc_period_regex(cc_buf *out);
void cc_year_regex(cc_buf *out);

#endif
