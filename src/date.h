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

cc_parse_status cc_date_parse(const char *s, size_t n, int doc_year, cc_date *out);
cc_parse_status cc_period_parse(const char *s, size_t n, int doc_year, cc_date *start,
                                cc_date *end);
/* A four-digit year 1900..2099 alone ("2020"), or NONE. */
cc_parse_status cc_year_parse(const char *s, size_t n, int *year);

/* Days covered by a period, as an interval: day precision gives one number
 * (01/01/2019–31/7/2020 is 578, both ends inclusive); coarser precision gives
 * [end.from - start.to + 1, end.to - start.from + 1]. */
cc_range cc_period_days(cc_date start, cc_date end);

#endif
