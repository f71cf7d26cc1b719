/* value.c — typed values: names, calendar arithmetic, canonical text. */
#include "value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const TYPE_NAMES[] = {
    [CC_TYPE_NUMBER] = "number", [CC_TYPE_PERCENT] = "percent", [CC_TYPE_MONEY] = "money",
    [CC_TYPE_RANK] = "rank",     [CC_TYPE_DATE] = "date",       [CC_TYPE_PERIOD] = "period",
};
const cc_names cc_type_names = CC_NAMES(TYPE_NAMES);

const char *cc_type_name(cc_type t)
{
    return cc_name_of(cc_type_names, (int)t);
}

int cc_type_parse(const char *s, cc_type *out)
{
    int v = cc_name_find(cc_type_names, s);
    if (v >= 0)
        *out = (cc_type)v;
    return v >= 0 ? 0 : -1;
}

const char *cc_precision_name(cc_precision p)
{
    switch (p) {
    case CC_PREC_DAY: return "day";
    case CC_PREC_MONTH: return "month";
    case CC_PREC_YEAR: return "year";
    }
    return "day";
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int32_t cc_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2u) / 5u + (unsigned)d - 1u;
    const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

void cc_civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
    const unsigned doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
    const unsigned mp = (5u * doy + 2u) / 153u;
    *d = (int)(doy - (153u * mp + 2u) / 5u + 1u);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)yoe + era * 400 + (*m <= 2);
}

int cc_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

bool cc_valid_ymd(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= cc_days_in_month(y, m);
}

cc_date cc_date_make(int y, int m, int d, cc_precision p)
{
    cc_date r;
    r.precision = p;
    switch (p) {
    case CC_PREC_DAY:
        r.from = r.to = cc_days_from_civil(y, m, d);
        break;
    case CC_PREC_MONTH:
        r.from = cc_days_from_civil(y, m, 1);
        r.to = cc_days_from_civil(y, m, cc_days_in_month(y, m));
        break;
    case CC_PREC_YEAR:
    default:
        r.from = cc_days_from_civil(y, 1, 1);
        r.to = cc_days_from_civil(y, 12, 31);
        break;
    }
    return r;
}

void cc_format_day(int32_t days, char out[11])
{
    int y, m, d;
    cc_civil_from_days(days, &y, &m, &d);
    /* y is taken within 0..9999 and m, d within 0..99: "%04d-%02d-%02d" in 11 bytes,
     * written digit by digit (every open claim's date goes through here) */
    unsigned yy = (unsigned)((y % 10000 + 10000) % 10000);
    unsigned mm = (unsigned)((m % 100 + 100) % 100), dd = (unsigned)((d % 100 + 100) % 100);
    out[0] = (char)('0' + yy / 1000);
    out[1] = (char)('0' + yy / 100 % 10);
    out[2] = (char)('0' + yy / 10 % 10);
    out[3] = (char)('0' + yy % 10);
    out[4] = '-';
    out[5] = (char)('0' + mm / 10);
    out[6] = (char)('0' + mm % 10);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10);
    out[9] = (char)('0' + dd % 10);
    out[10] = '\0';
}

/*
 * An integral |x| below 2^53 (counts, money in đồng, an identifier's 52-bit key) printed
 * as the loop of cc_format_double() prints it, in integer arithmetic: the loop stops at
 * the first precision p whose "%.pg" reads back as x, or (from 6 digits on) within
 * 1e-12 of x, and that text is x rounded to p significant digits (ties to even, as
 * printf rounds), written in plain digits. False when a rounding would pass 2^53.
 */
#define EXACT_INTEGERS (9007199254740992.0) /* 2^53 */

static bool add_integer(double x, cc_buf *out)
{
    uint64_t v = (uint64_t)fabs(x), pow10[20];
    int digits = 0;
    pow10[0] = 1;
    for (int i = 1; i < 20; i++)
        pow10[i] = pow10[i - 1] * 10;
    while (digits < 19 && v >= pow10[digits])
        digits++;
    uint64_t r = v;
    for (int p = 1; p <= 17; p++) {
        if (p >= digits) {
            r = v;
            break;
        }
        uint64_t unit = pow10[digits - p], q = v / unit, rem = v % unit;
        if (rem > unit / 2 || (rem == unit / 2 && (q & 1))) /* 10^k, k >= 1: an exact half */
            q++;
        r = q * unit;
        if (r >= (uint64_t)EXACT_INTEGERS)
            return false;
        if (r == v || (p >= 6 && fabs((double)r - fabs(x)) <= 1e-12 * fabs(x)))
            break;
    }
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + r % 10);
        r /= 10;
    } while (r);
    if (x < 0)
        tmp[--i] = '-';
    cc_buf_add(out, tmp + i, sizeof tmp - i);
    return true;
}

/* Short decimals ("88.53", "7.6", "-0.5"... a percent, a share) are written without
 * the loop below when they have at most SHORT_DIGITS significant digits and an integer
 * part of 1 to SHORT_DIGITS - 1 digits. The loop takes the first precision p whose "%.pg"
 * reads back as x exactly (below 6 digits nothing else counts), and "%.pg" of such a
 * value is plain notation: its integer part, '.', its d = p - (integer digits) decimals.
 * The fewest decimals d whose rounding m / 10^d reads back as x give that p: m / 10^d in
 * doubles is rounded once, as strtod rounds the text, and x × 10^d lands within far less
 * than 0.5 of m, so no shorter decimal is passed over. */
#define SHORT_DIGITS 5

static bool add_short_decimal(double x, cc_buf *out)
{
    static const double pow10[SHORT_DIGITS] = {1, 10, 100, 1000, 10000};
    double a = fabs(x);
    if (!(a >= 1 && a < pow10[SHORT_DIGITS - 1]))
        return false;
    int int_digits = 1;
    while (int_digits < SHORT_DIGITS && a >= pow10[int_digits])
        int_digits++;
    for (int d = 1; int_digits + d <= SHORT_DIGITS; d++) {
        double m = nearbyint(a * pow10[d]);
        if (m / pow10[d] != a)
            continue;
        char tmp[16];
        size_t i = sizeof tmp;
        uint64_t v = (uint64_t)m;
        for (int k = 0; k < d; k++, v /= 10)
            tmp[--i] = (char)('0' + v % 10);
        tmp[--i] = '.';
        do {
            tmp[--i] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        if (x < 0)
            tmp[--i] = '-';
        cc_buf_add(out, tmp + i, sizeof tmp - i);
        return true;
    }
    return false;
}

void cc_format_double_general(double x, cc_buf *out)
{
    if (isinf(x)) {
        cc_buf_adds(out, x < 0 ? "-inf" : "inf");
        return;
    }
    if (isnan(x)) {
        cc_buf_adds(out, "nan");
        return;
    }
    if (x == 0) {
        cc_buf_adds(out, "0");
        return;
    }
    /* The fewest significant digits (at most 15) that read back within 1e-12 of x:
     * interval ends computed as 60.5e6 × 1.1 print as 66550000, not 66550000.00000001. */
    char tmp[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, x);
        double back = strtod(tmp, NULL);
        if (back == x || (prec >= 6 && fabs(back - x) <= 1e-12 * fabs(x)))
            break;
    }
    /* Plain notation for the magnitudes news figures have (up to 1e18). */
    if (strchr(tmp, 'e') && fabs(x) < 1e18 && fabs(x) >= 1e-6) {
        double v = strtod(tmp, NULL);
        char plain[64];
        for (int dec = 0; dec <= 17; dec++) {
            snprintf(plain, sizeof plain, "%.*f", dec, v);
            if (strtod(plain, NULL) == v) {
                cc_buf_adds(out, plain);
                return;
            }
        }
    }
    cc_buf_adds(out, tmp);
}

void cc_format_double(double x, cc_buf *out)
{
    bool finite_nonzero = !isinf(x) && !isnan(x) && x != 0;
    if (finite_nonzero && fabs(x) < EXACT_INTEGERS && x == trunc(x) && add_integer(x, out))
        return;
    if (finite_nonzero && add_short_decimal(x, out))
        return;
    cc_format_double_general(x, out);
}

static void canonical_range(cc_range r, cc_buf *out)
{
    cc_format_double(r.lo, out);
    if (r.hi != r.lo) {
        cc_buf_adds(out, "..");
        cc_format_double(r.hi, out);
    }
}

/* "2020-08-26", "2017-08" or "2020" according to precision. */
static void canonical_date(cc_date d, cc_buf *out)
{
    char day[11];
    cc_format_day(d.from, day);
    size_t n = d.precision == CC_PREC_DAY ? 10 : d.precision == CC_PREC_MONTH ? 7 : 4;
    cc_buf_add(out, day, n);
}

/* Number, percent and money: the range, after the currency or before '%'. */
static void canonical_amount(const cc_value *v, cc_buf *out)
{
    if (v->type == CC_TYPE_MONEY)
        cc_buf_addf(out, "%s ", v->currency);
    canonical_range(v->range, out);
    if (v->type == CC_TYPE_PERCENT)
        cc_buf_addc(out, '%');
}

/* Date and period: the start, and for a period "..end". */
static void canonical_span(const cc_value *v, cc_buf *out)
{
    canonical_date(v->start, out);
    if (v->type == CC_TYPE_PERIOD) {
        cc_buf_adds(out, "..");
        canonical_date(v->end, out);
    }
}

void cc_value_canonical(const cc_value *v, cc_buf *out)
{
    switch (v->type) {
    case CC_TYPE_NUMBER:
    case CC_TYPE_PERCENT:
    case CC_TYPE_MONEY:
        canonical_amount(v, out);
        break;
    case CC_TYPE_RANK:
        cc_buf_addf(out, "%lld", (long long)v->position);
        if (v->total)
            cc_buf_addf(out, "/%lld", (long long)v->total);
        break;
    case CC_TYPE_DATE:
    case CC_TYPE_PERIOD:
        canonical_span(v, out);
        break;
    }
}

static void words_date(cc_date d, cc_buf *out)
{
    int y, m, day;
    cc_civil_from_days(d.from, &y, &m, &day);
    if (d.precision == CC_PREC_DAY)
        cc_buf_addf(out, "%d/%d/%d", day, m, y);
    else if (d.precision == CC_PREC_MONTH)
        cc_buf_addf(out, "%d/%d", m, y);
    else
        cc_buf_addf(out, "%d", y);
}

void cc_value_words(const cc_value *v, const char *as_written, cc_buf *out)
{
    if (v->type == CC_TYPE_DATE) {
        words_date(v->start, out);
    } else if (v->type == CC_TYPE_PERIOD) {
        words_date(v->start, out);
        cc_buf_adds(out, "\xe2\x80\x93"); /* – */
        words_date(v->end, out);
    } else if (v->type == CC_TYPE_RANK) {
        cc_value_canonical(v, out); /* "86/193", not "hạng thứ 86/193" */
    } else if (as_written) {
        cc_buf_adds(out, as_written);
    } else {
        cc_value_canonical(v, out);
    }
}
