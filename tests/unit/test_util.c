/* Unit tests for util.c and value.c: buffers, diagnostics, calendar, canonical values. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "util.h"
#include "value.h"

START_TEST(buf_grows_and_stays_terminated)
{
    cc_buf b = CC_BUF_INIT;
    ck_assert_str_eq(b.data, "");
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(cc_buf_addc(&b, 'x'), 0);
    ck_assert_uint_eq(b.len, 1000);
    ck_assert_int_eq(b.data[1000], '\0');
    cc_buf_addf(&b, "%d", 42);
    ck_assert_str_eq(b.data + 1000, "42");
    char *p = cc_buf_detach(&b);
    ck_assert_str_eq(b.data, "");
    ck_assert_uint_eq(strlen(p), 1002);
    free(p);
}
END_TEST

START_TEST(buf_cap_refuses_and_keeps_content)
{
    cc_buf b;
    cc_buf_init(&b, 4);
    ck_assert_int_eq(cc_buf_adds(&b, "abc"), 0);
    ck_assert_int_eq(cc_buf_adds(&b, "de"), -1);
    ck_assert_str_eq(b.data, "abc");
    cc_buf_free(&b);
}
END_TEST

START_TEST(diag_fatal_returns_minus_one)
{
    cc_diags d = {0};
    ck_assert_int_eq(cc_diag_addf(&d, CC_SEV_WARNING, CC_DIAG_ENCODING, "a.txt", CC_AT(3, 4, 17), "invalid UTF-8 at byte %d", 17), 0);
    ck_assert(!cc_diags_fatal(&d));
    ck_assert_int_eq(cc_diag_addf(&d, CC_SEV_ERROR, CC_DIAG_IO, "b.txt", CC_AT(0, 0, UINT64_MAX), "cannot read '%s': %s", "b.txt", "No such file"), -1);
    ck_assert(cc_diags_fatal(&d));
    ck_assert_str_eq(d.v[1].message, "cannot read 'b.txt': No such file");
    cc_diags_free(&d);
}
END_TEST

START_TEST(parse_uint_bounds)
{
    uint64_t v;
    ck_assert_int_eq(cc_parse_uint("2020", 4, 9999, &v), 0);
    ck_assert_uint_eq(v, 2020);
    ck_assert_int_eq(cc_parse_uint("20201", 5, 9999, &v), -1);
    ck_assert_int_eq(cc_parse_uint("2a", 2, 9999, &v), -1);
    ck_assert_int_eq(cc_parse_uint("", 0, 9999, &v), -1);
    ck_assert_int_eq(cc_parse_uint("18446744073709551616", 20, UINT64_MAX, &v), -1);
}
END_TEST

START_TEST(calendar_round_trips)
{
    ck_assert_int_eq(cc_days_from_civil(1970, 1, 1), 0);
    ck_assert_int_eq(cc_days_from_civil(2020, 7, 31) - cc_days_from_civil(2019, 1, 1) + 1, 578);
    int y, m, d;
    cc_civil_from_days(cc_days_from_civil(2020, 2, 29), &y, &m, &d);
    ck_assert_int_eq(y * 10000 + m * 100 + d, 20200229);
    ck_assert(cc_valid_ymd(2020, 2, 29));
    ck_assert(!cc_valid_ymd(2019, 2, 29));
    ck_assert(!cc_valid_ymd(2020, 2, 31));
    cc_date mo = cc_date_make(2017, 8, 0, CC_PREC_MONTH);
    ck_assert_int_eq(mo.to - mo.from + 1, 31);
}
END_TEST

START_TEST(canonical_values)
{
    cc_buf b = CC_BUF_INIT;
    cc_value v = {.type = CC_TYPE_NUMBER, .range = {4350000, 4450000}};
    cc_value_canonical(&v, &b);
    ck_assert_str_eq(b.data, "4350000..4450000");
    cc_buf_reset(&b);
    cc_value pct = {.type = CC_TYPE_PERCENT, .range = {30, INFINITY}};
    cc_value_canonical(&pct, &b);
    ck_assert_str_eq(b.data, "30..inf%");
    cc_buf_reset(&b);
    cc_value r = {.type = CC_TYPE_RANK, .position = 24, .total = 47};
    cc_value_canonical(&r, &b);
    ck_assert_str_eq(b.data, "24/47");
    cc_buf_reset(&b);
    cc_value p = {.type = CC_TYPE_PERIOD, .start = cc_date_make(2017, 8, 0, CC_PREC_MONTH),
                  .end = cc_date_make(2020, 7, 0, CC_PREC_MONTH)};
    cc_value_canonical(&p, &b);
    ck_assert_str_eq(b.data, "2017-08..2020-07");
    cc_buf_reset(&b);
    cc_format_double(88.525, &b);
    ck_assert_str_eq(b.data, "88.525");
    cc_buf_free(&b);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("util");
    CC_TCASE(s, "core", NULL, NULL, buf_grows_and_stays_terminated,
             buf_cap_refuses_and_keeps_content, diag_fatal_returns_minus_one, parse_uint_bounds,
             calendar_round_trips, canonical_values);
    return s;
}
