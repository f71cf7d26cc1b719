/*
 * value.h — typed values. Every figure is an interval, so that "4,4 triệu",
 * "khoảng 15,91%" and "tối thiểu 30%" compare by overlap rather than equality.
 */
#ifndef CC_VALUE_H
#define CC_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include "util.h"

typedef enum cc_type {
    CC_TYPE_NUMBER,
    CC_TYPE_PERCENT,
    CC_TYPE_MONEY,
    CC_TYPE_RANK,
    CC_TYPE_DATE,
    CC_TYPE_PERIOD,
} cc_type;

extern const cc_names cc_type_names;             /* "number", "percent", ..., enum order */
const char *cc_type_name(cc_type t);
int cc_type_parse(const char *s, cc_type *out); /* 0 ok, -1 unknown */

/* A closed interval [lo, hi]; lo may be -INFINITY and hi INFINITY. */
typedef struct cc_range {
    double lo, hi;
} cc_range;

typedef enum cc_precision {
    CC_PREC_DAY,
    CC_PREC_MONTH,
    CC_PREC_YEAR,
} cc_precision;

const char *cc_precision_name(cc_precision p); /* "day", "month", "year" */

/* A date at its precision: the inclusive range of days it covers, in days since
 * 1970-01-01 (proleptic Gregorian). "8/2017" is from 2017-08-01 to 2017-08-31. */
typedef struct cc_date {
    int32_t from, to;
    cc_precision precision;
} cc_date;

typedef struct cc_value {
    cc_type type;
    cc_range range;        /* number, percent (points), money */
    char currency[4];      /* money: "VND" or "USD", NUL-terminated */
    int64_t position;      /* rank: 1-based position */
    int64_t total;         /* rank: total, 0 when not written */
    cc_date start;         /* date: the date; period: its start */
    cc_date end;           /* period: its end */
} cc_value;

/* Calendar helpers. */
int32_t cc_days_from_civil(int y, int m, int d);          /* days since 1970-01-01 */
void cc_civil_from_days(int32_t days, int *y, int *m, int *d);
bool cc_valid_ymd(int y, int m, int d);
int cc_days_in_month(int y, int m);
/* Builds a date of the given precision (d ignored for month, m and d for year). */
cc_date cc_date_make(int y, int m, int d, cc_precision p);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL) for a day number. */
void cc_format_day(int32_t days, char out[11]);

/* A canonical text for a value, stable across releases: used in fingerprints and
 * in JSON/text reports where one string must stand for the value.
 * number/percent/money: "lo..hi" or "v" when lo == hi, shortest round-trip decimals,
 * "-inf"/"inf" for unbounded ends, money prefixed by currency ("VND 30500");
 * percent suffixed by "%"; rank "24/47" or "24"; date "2017-08" / "2020-08-26" / "2020";
 * period "2017-08..2020-07". */
void cc_value_canonical(const cc_value *v, cc_buf *out);

/* A value for a sentence of a report: dates, periods and ranks in one form ("26/8/2020",
 * "8/2017–7/2020", "86/193") whatever their wording, every other value as written
 * (`as_written`, or the canonical text when NULL). */
void cc_value_words(const cc_value *v, const char *as_written, cc_buf *out);

/* Shortest decimal that reads back as the same double ("4350000", "0.66665", "88.525"). */
void cc_format_double(double x, cc_buf *out);
/* The same without its shortcuts for integers and short decimals (the general loop of
 * snprintf and strtod); the unit tests hold the shortcuts to it. */
void cc_format_double_general(double x, cc_buf *out);

#endif
