/* Unit tests for value.c: cc_format_double's shortcuts (integers, short decimals) print
 * exactly what its general loop prints, and calendar days are written as printf would. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "value.h"

/* The first value whose text differs from the general loop's, or NAN when none does. */
static double first_difference(const double *v, size_t n, char *got, char *want)
{
    cc_buf b = CC_BUF_INIT, general = CC_BUF_INIT;
    double differs = NAN;
    for (size_t i = 0; i < n && isnan(differs); i++) {
        for (int sign = 1; sign >= -1 && isnan(differs); sign -= 2) {
            double x = sign * v[i];
            cc_buf_reset(&b);
            cc_buf_reset(&general);
            cc_format_double(x, &b);
            cc_format_double_general(x, &general);
            if (strcmp(b.data, general.data) != 0) {
                snprintf(got, 64, "%s", b.data);
                snprintf(want, 64, "%s", general.data);
                differs = x;
            }
        }
    }
    cc_buf_free(&b);
    cc_buf_free(&general);
    return differs;
}

START_TEST(format_double_matches_general_loop)
{
    static const double fixed[] = {
        0, 1, 7, 10, 100, 503, 1000, 1200000, 999999999999.0, 1e12, 1e12 + 1, 123456789012345.0,
        1e15, 1e18, 1e20, 7.6, 88.53, 88.525, 0.5, 0.66665, 7.05, 1.1, 99.99, 9999.5, 9999.55,
        12345.6, 1.0000001, 66550000.00000001, 60.5e6 * 1.1, 0.1 + 0.2, 1e-7, 3.3e-5,
        5000000000005000.0, 5000000000015000.0, 7000000000025000.0, 8999999999995000.0,
        6543210987655000.0, 6543210987665000.0, 2629800.5, 1.5e-300, 4.9e-324, INFINITY, NAN, 0.1 * 3, 1.0 / 3, 2.0 / 3, 1234.5678,
    };
    char got[64], want[64];
    double x = first_difference(fixed, sizeof fixed / sizeof fixed[0], got, want);
    ck_assert_msg(isnan(x), "%.17g: '%s', the loop prints '%s'", x, got, want);
    /* every decimal of up to 6 significant digits around the short-decimal range, and
     * a spread of integers and products */
    enum { N = 30000 };
    double *v = malloc(N * sizeof *v);
    ck_assert_ptr_nonnull(v);
    size_t n = 0;
    for (int m = 1; m < 100000 && n < N; m += 11)
        v[n++] = m / 10.0;
    for (int m = 1; m < 100000 && n < N; m += 7)
        v[n++] = m / 1000.0;
    for (int m = 1; m < 100000 && n < N; m += 13)
        v[n++] = m / 10000.0 * 1.1;
    for (uint64_t k = 1; n < N - 8000; k++) /* 52-bit keys (identifiers), big integers */
        v[n++] = (double)((k * 0x9E3779B97F4A7C15ull) >> 12);
    for (uint64_t k = 1; n < N - 4000; k++) { /* exact halves at every digit: ties */
        uint64_t unit = 1;
        for (uint64_t m = k % 12; m > 0; m--)
            unit *= 10;
        v[n++] = (double)((k * 7919 % 999999 + 1) * unit * 10 + unit * 5);
    }
    for (; n < N; n++)
        v[n] = (double)n * 12345.678 / 7;
    x = first_difference(v, n, got, want);
    free(v);
    ck_assert_msg(isnan(x), "%.17g: '%s', the loop prints '%s'", x, got, want);
}
END_TEST

START_TEST(format_day_as_printf)
{
    char want[16], got[11];
    for (int32_t day = -800000; day <= 3000000; day += 997) {
        int y, m, d;
        cc_civil_from_days(day, &y, &m, &d);
        snprintf(want, sizeof want, "%04d-%02d-%02d", (y % 10000 + 10000) % 10000,
                 (m % 100 + 100) % 100, (d % 100 + 100) % 100);
        cc_format_day(day, got);
        if (strcmp(got, want) != 0)
            ck_abort_msg("day %d: '%s', printf writes '%s'", (int)day, got, want);
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("value");
    CC_TCASE(s, "format", NULL, NULL, format_double_matches_general_loop, format_day_as_printf);
    return s;
}
