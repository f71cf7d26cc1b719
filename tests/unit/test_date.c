/* Unit tests for date.c: cc_date_parse, cc_period_parse, cc_year_parse, cc_period_days
 * (SPEC §2 date and period rows and the task's lists) and the {date}, {period} and
 * {year} regex fragments, which must match whole every text the parsers accept. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>
#include "date.h"
#include "testutil.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define DAY CC_PREC_DAY
#define MONTH CC_PREC_MONTH
#define YEAR CC_PREC_YEAR

typedef struct ymd {
    int y, m, d;
    cc_precision p;
} ymd;

static void assert_date(const char *what, cc_date got, ymd want)
{
    cc_date w = cc_date_make(want.y, want.m, want.d, want.p);
    char gf[11], gt[11], wf[11], wt[11];
    cc_format_day(got.from, gf);
    cc_format_day(got.to, gt);
    cc_format_day(w.from, wf);
    cc_format_day(w.to, wt);
    ck_assert_msg(got.from == w.from && got.to == w.to && got.precision == w.precision,
                  "'%s' gave %s..%s (%s), expected %s..%s (%s)", what, gf, gt,
                  cc_precision_name(got.precision), wf, wt, cc_precision_name(w.precision));
}

/* ---- dates ---- */

typedef struct date_case {
    const char *text;
    int doc_year;
    ymd want;
} date_case;

static const date_case dates[] = {
    /* SPEC §2 */
    {"26/8", 2020, {2020, 8, 26, DAY}},
    {"26-8-2020", 0, {2020, 8, 26, DAY}},
    {"26/08/2020", 0, {2020, 8, 26, DAY}},
    {"ngày 26 tháng 8 năm 2020", 0, {2020, 8, 26, DAY}},
    {"tháng 8/2017", 0, {2017, 8, 0, MONTH}},
    {"8/2017", 0, {2017, 8, 0, MONTH}},
    {"tháng 7-2020", 0, {2020, 7, 0, MONTH}},
    {"tháng Tám năm 2017", 0, {2017, 8, 0, MONTH}},
    {"năm 2020", 0, {2020, 0, 0, YEAR}},
    {"29/2/2020", 0, {2020, 2, 29, DAY}},
    /* the task's list: days */
    {"26-8", 2020, {2020, 8, 26, DAY}},
    {"26-8-2020", 1999, {2020, 8, 26, DAY}}, /* a written year wins */
    {"26.8.2020", 0, {2020, 8, 26, DAY}},
    {"ngày 26/8", 2020, {2020, 8, 26, DAY}},
    {"ngày 26 tháng 8", 2020, {2020, 8, 26, DAY}},
    {"ngày 26.8", 2020, {2020, 8, 26, DAY}},
    {"ngày 26-8-2020", 0, {2020, 8, 26, DAY}},
    {"ngày 01/01/2019", 0, {2019, 1, 1, DAY}},
    {"31/7/2020", 0, {2020, 7, 31, DAY}},
    {"ngày 1 tháng Mười hai năm 2019", 0, {2019, 12, 1, DAY}},
    {"ngày 5/1", 2021, {2021, 1, 5, DAY}},
    /* months */
    {"08/2017", 0, {2017, 8, 0, MONTH}},
    {"7-2020", 0, {2020, 7, 0, MONTH}},
    {"tháng 7.2020", 0, {2020, 7, 0, MONTH}},
    {"tháng 7 năm 2020", 0, {2020, 7, 0, MONTH}},
    {"tháng 7", 2020, {2020, 7, 0, MONTH}},
    {"tháng 07/2020", 0, {2020, 7, 0, MONTH}},
    {"tháng 12/2019", 0, {2019, 12, 0, MONTH}},
    {"tháng 2/2020", 0, {2020, 2, 0, MONTH}}, /* to 29 Feb */
    {"tháng giêng", 2020, {2020, 1, 0, MONTH}},
    {"tháng một", 2020, {2020, 1, 0, MONTH}},
    {"tháng hai", 2020, {2020, 2, 0, MONTH}},
    {"tháng ba", 2020, {2020, 3, 0, MONTH}},
    {"tháng tư", 2020, {2020, 4, 0, MONTH}},
    {"tháng bốn", 2020, {2020, 4, 0, MONTH}},
    {"tháng năm", 2020, {2020, 5, 0, MONTH}},
    {"tháng Năm năm 2020", 0, {2020, 5, 0, MONTH}},
    {"tháng sáu", 2020, {2020, 6, 0, MONTH}},
    {"tháng bảy", 2020, {2020, 7, 0, MONTH}},
    {"tháng bẩy", 2020, {2020, 7, 0, MONTH}},
    {"tháng tám", 2020, {2020, 8, 0, MONTH}},
    {"tháng chín", 2020, {2020, 9, 0, MONTH}},
    {"tháng mười", 2020, {2020, 10, 0, MONTH}},
    {"tháng Mười năm 2020", 0, {2020, 10, 0, MONTH}},
    {"tháng mười một", 2020, {2020, 11, 0, MONTH}},
    {"tháng mười hai", 2020, {2020, 12, 0, MONTH}},
    {"tháng Chạp", 2020, {2020, 12, 0, MONTH}},
    /* years */
    {"2020", 0, {2020, 0, 0, YEAR}},
    {"1900", 0, {1900, 0, 0, YEAR}},
    {"năm 2099", 0, {2099, 0, 0, YEAR}},
    /* case and white space */
    {"THÁNG TÁM NĂM 2017", 0, {2017, 8, 0, MONTH}},
    {"Ngày 26 Tháng 8 Năm 2020", 0, {2020, 8, 26, DAY}},
    {"tháng\xc2\xa0" "8/2017", 0, {2017, 8, 0, MONTH}},
    {"ngày  26   tháng\t8", 2020, {2020, 8, 26, DAY}},
};

static const struct {
    const char *text;
    int doc_year;
} bad_dates[] = {
    {"31/2/2020", 0}, {"32/1/2020", 0}, {"0/1/2020", 0}, {"13/2020", 0}, {"29/2/2021", 0},
    {"29/2", 2021}, {"31/4", 2020}, {"26/8", 0}, {"tháng 7", 0}, {"ngày 26 tháng 8", 0},
    {"26/8", -5}, {"26/8", 10000}, {"1899", 0}, {"2100", 0}, {"năm 1899", 0}, {"202", 0},
    {"20200", 0}, {"26.8", 2020}, {"7.2020", 0}, {"chiều 26/8", 2020}, {"26/8/20", 0},
    {"26/8-2020", 0}, {"26-8/2020", 0}, {"tháng 13/2020", 0}, {"tháng 0/2020", 0},
    {"tháng 8 2017", 0}, {"tháng năm 2020", 0}, {"tháng mười ba", 2020}, {"tháng", 2020},
    {"ngày", 2020}, {"ngày 26", 2020}, {"năm", 0}, {"năm2020", 0}, {"tháng8/2017", 0},
    {"26 / 8 / 2020", 0}, {"123/4/2020", 0}, {"1/123/2020", 0}, {"", 2020}, {"  ", 2020},
    {"8/2017-7/2019", 0}, {"ngày 26 tháng 8 năm 20", 0}, {"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x90", 0},
    {"2020\xff", 0}, {"tháng 8/2017 và", 0}, {"000/2017", 0},
};

START_TEST(date_accepts)
{
    const date_case *c = &dates[_i];
    cc_date d = {0, 0, CC_PREC_YEAR};
    ck_assert_msg(cc_date_parse(c->text, strlen(c->text), c->doc_year, &d) == CC_PARSE_OK,
                  "'%s' not parsed", c->text);
    assert_date(c->text, d, c->want);
}
END_TEST

START_TEST(date_rejects)
{
    cc_date d;
    const char *t = bad_dates[_i].text;
    ck_assert_msg(cc_date_parse(t, strlen(t), bad_dates[_i].doc_year, &d) == CC_PARSE_NONE,
                  "'%s' accepted", t);
}
END_TEST

/* "A date covers its whole day, month or year", checked against the calendar directly. */
START_TEST(date_covers_its_precision)
{
    cc_date d;
    ck_assert_int_eq(cc_date_parse("8/2017", 6, 0, &d), CC_PARSE_OK);
    ck_assert_int_eq(d.from, cc_days_from_civil(2017, 8, 1));
    ck_assert_int_eq(d.to, cc_days_from_civil(2017, 8, 31));
    ck_assert_int_eq(d.precision, CC_PREC_MONTH);
    ck_assert_int_eq(cc_date_parse("năm 2020", strlen("năm 2020"), 0, &d), CC_PARSE_OK);
    ck_assert_int_eq(d.from, cc_days_from_civil(2020, 1, 1));
    ck_assert_int_eq(d.to, cc_days_from_civil(2020, 12, 31));
    ck_assert_int_eq(d.to - d.from, 365); /* leap year */
    ck_assert_int_eq(cc_date_parse("26/8", 4, 2020, &d), CC_PARSE_OK);
    ck_assert_int_eq(d.from, 18500); /* 2020-08-26 */
    ck_assert_int_eq(d.to, 18500);
    ck_assert_int_eq(cc_date_parse("tháng 2/2020", strlen("tháng 2/2020"), 0, &d), CC_PARSE_OK);
    ck_assert_int_eq(d.to - d.from + 1, 29);
}
END_TEST

START_TEST(date_reads_only_the_slice)
{
    char *exact = malloc(9);
    memcpy(exact, "26/8/2020", 9);
    cc_date d;
    ck_assert_int_eq(cc_date_parse(exact, 9, 0, &d), CC_PARSE_OK);
    ck_assert_int_eq(d.from, cc_days_from_civil(2020, 8, 26));
    ck_assert_int_eq(cc_date_parse(exact, 4, 2019, &d), CC_PARSE_OK); /* "26/8" */
    ck_assert_int_eq(d.from, cc_days_from_civil(2019, 8, 26));
    ck_assert_int_eq(cc_date_parse(exact, 8, 0, &d), CC_PARSE_NONE); /* "26/8/202" */
    free(exact);
    ck_assert_int_eq(cc_date_parse("  tháng 7/2020 \n", strlen("  tháng 7/2020 \n"), 0, &d),
                     CC_PARSE_OK);
    ck_assert_int_eq(d.from, cc_days_from_civil(2020, 7, 1));
}
END_TEST

/* ---- years ---- */

START_TEST(year_parse)
{
    int y = 0;
    ck_assert_int_eq(cc_year_parse("2020", 4, &y), CC_PARSE_OK);
    ck_assert_int_eq(y, 2020);
    ck_assert_int_eq(cc_year_parse(" 1900 ", 6, &y), CC_PARSE_OK);
    ck_assert_int_eq(y, 1900);
    ck_assert_int_eq(cc_year_parse("2099", 4, &y), CC_PARSE_OK);
    ck_assert_int_eq(y, 2099);
    ck_assert_int_eq(cc_year_parse("20201", 4, &y), CC_PARSE_OK); /* the slice is "2020" */
    ck_assert_int_eq(y, 2020);
    const char *bad[] = {"1899", "2100", "20200", "202", "năm 2020", "2020a", "a2020", "",
                         "20 20", "-2020", "2020.5", "0020"};
    for (int k = 0; k < N(bad); k++)
        ck_assert_msg(cc_year_parse(bad[k], strlen(bad[k]), &y) == CC_PARSE_NONE, "'%s'",
                      bad[k]);
}
END_TEST

/* ---- periods ---- */

typedef struct period_case {
    const char *text;
    int doc_year;
    ymd start, end;
} period_case;

static const period_case periods[] = {
    /* SPEC §2 */
    {"từ tháng 8/2017 đến tháng 7/2020", 0, {2017, 8, 0, MONTH}, {2020, 7, 0, MONTH}},
    {"8/2017-7/2019", 0, {2017, 8, 0, MONTH}, {2019, 7, 0, MONTH}},
    {"8/2017 – 7/2020", 0, {2017, 8, 0, MONTH}, {2020, 7, 0, MONTH}},
    {"giai đoạn 2014 - 2020", 0, {2014, 0, 0, YEAR}, {2020, 0, 0, YEAR}},
    {"2017–2020", 0, {2017, 0, 0, YEAR}, {2020, 0, 0, YEAR}},
    {"từ ngày 01/01/2019 đến hết ngày 31/7/2020", 0, {2019, 1, 1, DAY}, {2020, 7, 31, DAY}},
    /* the task's list */
    {"tháng 8/2017-7/2019", 0, {2017, 8, 0, MONTH}, {2019, 7, 0, MONTH}},
    {"tháng 8/2017 - 7/2019", 0, {2017, 8, 0, MONTH}, {2019, 7, 0, MONTH}},
    {"từ năm 2017 đến năm 2020", 0, {2017, 0, 0, YEAR}, {2020, 0, 0, YEAR}},
    {"từ 1/1 đến 31/7/2020", 0, {2020, 1, 1, DAY}, {2020, 7, 31, DAY}},
    {"giai đoạn từ tháng 8/2017-7/2019", 0, {2017, 8, 0, MONTH}, {2019, 7, 0, MONTH}},
    {"từ tháng 8/2017 – 7/2020", 0, {2017, 8, 0, MONTH}, {2020, 7, 0, MONTH}},
    {"2017—2020", 0, {2017, 0, 0, YEAR}, {2020, 0, 0, YEAR}},
    {"2017 tới 2020", 0, {2017, 0, 0, YEAR}, {2020, 0, 0, YEAR}},
    {"từ 2017 cho đến 2020", 0, {2017, 0, 0, YEAR}, {2020, 0, 0, YEAR}},
    {"từ tháng 1 đến hết tháng 7/2020", 0, {2020, 1, 0, MONTH}, {2020, 7, 0, MONTH}},
    {"từ ngày 1 tháng 1 đến ngày 31 tháng 7 năm 2020", 0, {2020, 1, 1, DAY},
     {2020, 7, 31, DAY}},
    {"26-8-2020 - 27-8-2020", 0, {2020, 8, 26, DAY}, {2020, 8, 27, DAY}},
    {"từ 26/8 đến 28/8", 2020, {2020, 8, 26, DAY}, {2020, 8, 28, DAY}},
    {"từ tháng 1 đến tháng 7", 2020, {2020, 1, 0, MONTH}, {2020, 7, 0, MONTH}},
    /* a missing year rolls over the new year rather than reversing the period */
    {"từ 1/12 đến 31/1/2020", 0, {2019, 12, 1, DAY}, {2020, 1, 31, DAY}},
    {"từ 1/12/2019 đến 31/1", 0, {2019, 12, 1, DAY}, {2020, 1, 31, DAY}},
    {"từ 1/12 đến 31/1", 2020, {2019, 12, 1, DAY}, {2020, 1, 31, DAY}},
    {"từ 1/3/2020 đến 31/7", 0, {2020, 3, 1, DAY}, {2020, 7, 31, DAY}},
    /* start after end with both years written is kept: the checker reports it */
    {"2020 - 2017", 0, {2020, 0, 0, YEAR}, {2017, 0, 0, YEAR}},
    /* case, white space */
    {"Từ Tháng 8/2017 Đến Tháng 7/2020", 0, {2017, 8, 0, MONTH}, {2020, 7, 0, MONTH}},
    {"GIAI ĐOẠN 2014-2020", 0, {2014, 0, 0, YEAR}, {2020, 0, 0, YEAR}},
    {"8/2017\xc2\xa0\xe2\x80\x93\xc2\xa0" "7/2020", 0, {2017, 8, 0, MONTH}, {2020, 7, 0, MONTH}},
};

static const struct {
    const char *text;
    int doc_year;
} bad_periods[] = {
    {"từ tháng 8/2017", 0}, {"8/2017 7/2019", 0}, {"tháng 8/2017 - 2020", 0},
    {"1-8-2020", 2020}, {"từ 1/1 đến 31/7", 0}, {"từ 29/2 đến 1/3/2021", 0},
    {"từ 31/2/2020 đến 1/3/2020", 0}, {"2017-", 0}, {"-2017", 0}, {"2017 đến", 0},
    {"đến 2020", 0}, {"2017 đến hết ngày 2020", 0}, {"2017đến2020", 0}, {"2017 - - 2020", 0},
    {"từ từ 2017 đến 2020", 0}, {"giai đoạn", 0}, {"", 0}, {"2017 và 2020", 0},
    {"26/8", 2020}, {"2020", 0}, {"1899-2020", 0}, {"8/2017-13/2019", 0},
};

START_TEST(period_accepts)
{
    const period_case *c = &periods[_i];
    cc_date s = {0, 0, CC_PREC_YEAR}, e = s;
    ck_assert_msg(cc_period_parse(c->text, strlen(c->text), c->doc_year, &s, &e) == CC_PARSE_OK,
                  "'%s' not parsed", c->text);
    assert_date(c->text, s, c->start);
    assert_date(c->text, e, c->end);
}
END_TEST

START_TEST(period_rejects)
{
    cc_date s, e;
    const char *t = bad_periods[_i].text;
    ck_assert_msg(cc_period_parse(t, strlen(t), bad_periods[_i].doc_year, &s, &e) ==
                      CC_PARSE_NONE,
                  "'%s' accepted", t);
}
END_TEST

START_TEST(period_caps_its_length)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "2017");
    for (int k = 0; k < 300; k++)
        cc_buf_addc(&b, ' ');
    cc_buf_adds(&b, "- 2020");
    cc_date s, e;
    ck_assert_int_eq(cc_period_parse(b.data, b.len, 0, &s, &e), CC_PARSE_NONE);
    ck_assert_int_eq(cc_period_parse(b.data + b.len - 100, 100, 0, &s, &e), CC_PARSE_NONE);
    cc_buf_free(&b);
}
END_TEST

/* SPEC §2: "từ ngày 01/01/2019 đến hết ngày 31/7/2020" lasts 578 days, both ends in. */
START_TEST(period_days_spec_row)
{
    const char *t = "từ ngày 01/01/2019 đến hết ngày 31/7/2020";
    cc_date s, e;
    ck_assert_int_eq(cc_period_parse(t, strlen(t), 0, &s, &e), CC_PARSE_OK);
    cc_range r = cc_period_days(s, e);
    ck_assert_near(r.lo, 578);
    ck_assert_near(r.hi, 578);
}
END_TEST

START_TEST(period_days_coarse)
{
    /* month to month: [end.from - start.to + 1, end.to - start.from + 1] */
    cc_range r = cc_period_days(cc_date_make(2017, 8, 1, CC_PREC_MONTH),
                                cc_date_make(2020, 7, 1, CC_PREC_MONTH));
    ck_assert_near(r.lo, cc_days_from_civil(2020, 7, 1) - cc_days_from_civil(2017, 8, 31) + 1);
    ck_assert_near(r.hi, cc_days_from_civil(2020, 7, 31) - cc_days_from_civil(2017, 8, 1) + 1);
    ck_assert_near(r.lo, 1036);
    ck_assert_near(r.hi, 1096);
    /* year to year */
    r = cc_period_days(cc_date_make(2014, 1, 1, CC_PREC_YEAR),
                       cc_date_make(2020, 1, 1, CC_PREC_YEAR));
    ck_assert_near(r.lo, cc_days_from_civil(2020, 1, 1) - cc_days_from_civil(2014, 12, 31) + 1);
    ck_assert_near(r.hi, cc_days_from_civil(2020, 12, 31) - cc_days_from_civil(2014, 1, 1) + 1);
    /* one month to itself lasts 1 to 31 days, not -29 to 31 */
    r = cc_period_days(cc_date_make(2017, 8, 1, CC_PREC_MONTH),
                       cc_date_make(2017, 8, 1, CC_PREC_MONTH));
    ck_assert_near(r.lo, 1);
    ck_assert_near(r.hi, 31);
    /* the same day: 1 */
    r = cc_period_days(cc_date_make(2020, 8, 26, CC_PREC_DAY), cc_date_make(2020, 8, 26, CC_PREC_DAY));
    ck_assert_near(r.lo, 1);
    ck_assert_near(r.hi, 1);
    /* reversed periods keep the formula (the checker reports them) */
    r = cc_period_days(cc_date_make(2020, 1, 1, CC_PREC_YEAR),
                       cc_date_make(2017, 1, 1, CC_PREC_YEAR));
    ck_assert_near(r.lo, cc_days_from_civil(2017, 1, 1) - cc_days_from_civil(2020, 12, 31) + 1);
    ck_assert_near(r.hi, cc_days_from_civil(2017, 12, 31) - cc_days_from_civil(2020, 1, 1) + 1);
}
END_TEST

/* ---- the regex fragments ---- */

typedef void (*regex_fn)(cc_buf *);

static pcre2_code *compile_frag(regex_fn fn, bool whole)
{
    cc_buf frag = CC_BUF_INIT;
    fn(&frag);
    pcre2_code *re = tu_fragment_compile("date", frag.data, whole);
    tu_assert_no_captures(frag.data);
    uint32_t captures = 99;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &captures);
    ck_assert_uint_eq(captures, 0);
    cc_buf_free(&frag);
    return re;
}

START_TEST(date_regex_matches_whole)
{
    pcre2_code *re = compile_frag(cc_date_regex, true);
    size_t s, e;
    ck_assert_msg(tu_find(re, dates[_i].text, &s, &e), "'%s' not matched whole", dates[_i].text);
    pcre2_code_free(re);
}
END_TEST

START_TEST(period_regex_matches_whole)
{
    pcre2_code *re = compile_frag(cc_period_regex, true);
    size_t s, e;
    ck_assert_msg(tu_find(re, periods[_i].text, &s, &e), "'%s' not matched whole",
                  periods[_i].text);
    pcre2_code_free(re);
}
END_TEST

START_TEST(year_regex_matches_whole)
{
    pcre2_code *re = compile_frag(cc_year_regex, true);
    size_t s, e;
    ck_assert(tu_find(re, "2020", &s, &e));
    ck_assert(tu_find(re, "1900", &s, &e));
    ck_assert(tu_find(re, "2099", &s, &e));
    ck_assert(!tu_find(re, "1899", &s, &e));
    ck_assert(!tu_find(re, "2100", &s, &e));
    ck_assert(!tu_find(re, "", &s, &e));
    pcre2_code_free(re);
}
END_TEST

/* In a sentence, the fragment finds the date and the parser reads the same value. */
START_TEST(date_regex_then_parser_agree)
{
    const date_case *c = &dates[_i];
    cc_buf text = CC_BUF_INIT;
    cc_buf_addf(&text, "Chiều %s, Ủy ban họp.", c->text);
    pcre2_code *re = compile_frag(cc_date_regex, false);
    size_t s, e;
    ck_assert_msg(tu_find(re, text.data, &s, &e), "no match in '%s'", text.data);
    ck_assert_msg(e - s == strlen(c->text), "'%s': found '%.*s'", text.data, (int)(e - s),
                  text.data + s);
    cc_date d = {0, 0, CC_PREC_YEAR};
    ck_assert_msg(cc_date_parse(text.data + s, e - s, c->doc_year, &d) == CC_PARSE_OK,
                  "'%.*s' found in '%s' not parsed", (int)(e - s), text.data + s, text.data);
    assert_date(text.data, d, c->want);
    pcre2_code_free(re);
    cc_buf_free(&text);
}
END_TEST

START_TEST(period_regex_then_parser_agree)
{
    const period_case *c = &periods[_i];
    cc_buf text = CC_BUF_INIT;
    cc_buf_addf(&text, "Báo cáo ghi nhận, %s, Việt Nam tăng 2 bậc.", c->text);
    pcre2_code *re = compile_frag(cc_period_regex, false);
    size_t s, e;
    ck_assert_msg(tu_find(re, text.data, &s, &e), "no match in '%s'", text.data);
    ck_assert_msg(e - s == strlen(c->text), "'%s': found '%.*s'", text.data, (int)(e - s),
                  text.data + s);
    cc_date ps = {0, 0, CC_PREC_YEAR}, pe = ps;
    ck_assert_msg(cc_period_parse(text.data + s, e - s, c->doc_year, &ps, &pe) == CC_PARSE_OK,
                  "'%.*s' not parsed", (int)(e - s), text.data + s);
    assert_date(c->text, ps, c->start);
    assert_date(c->text, pe, c->end);
    pcre2_code_free(re);
    cc_buf_free(&text);
}
END_TEST

/* Where a fragment must find exactly `want` (NULL: nothing). */
typedef struct search_case {
    regex_fn fn;
    const char *text, *want;
} search_case;

static const search_case searches[] = {
    {cc_date_regex, "Chiều 26/8, Ủy ban quốc gia", "26/8"},
    {cc_date_regex, "Thứ năm - 27/08/2020 21:30", "27/08/2020"},
    {cc_date_regex, "riêng trong tháng 8/2020 có trên 3.000", "tháng 8/2020"},
    {cc_date_regex, "Tháng 7/2020, Liên Hợp quốc công bố", "Tháng 7/2020"},
    {cc_date_regex, "kết quả năm 2019, Điện Biên", "năm 2019"},
    {cc_date_regex, "vào ngày 26 tháng 8 năm 2020 tại", "ngày 26 tháng 8 năm 2020"},
    {cc_date_regex, "đến tháng mười một năm 2020.", "tháng mười một năm 2020"},
    {cc_date_regex, "từ tháng 8/2017 đến tháng 7/2020", "tháng 8/2017"},
    {cc_date_regex, "giai đoạn từ tháng 8/2017-7/2019", NULL}, /* a period, not a date */
    {cc_date_regex, "2017–2020", NULL},
    {cc_date_regex, "Nghị định 42/2022/NĐ-CP", NULL},
    {cc_date_regex, "126/8", NULL},
    {cc_date_regex, "26/8/20201", NULL},
    {cc_date_regex, "12020", NULL},
    {cc_date_regex, "a2020", NULL},
    {cc_date_regex, "2020a", NULL},
    {cc_date_regex, "1.2020", NULL},
    {cc_date_regex, "2020,5", NULL},
    {cc_date_regex, "", NULL},
    {cc_date_regex, "ngày tháng", NULL},
    {cc_period_regex, "ghi nhận kết quả trong giai đoạn từ tháng 8/2017 đến tháng 7/2020. Theo",
     "giai đoạn từ tháng 8/2017 đến tháng 7/2020"},
    {cc_period_regex, "Tính từ ngày 01/01/2019 đến hết ngày 31/7/2020 đã có",
     "từ ngày 01/01/2019 đến hết ngày 31/7/2020"},
    {cc_period_regex, "trong giai đoạn từ tháng 8/2017 – 7/2020. Theo",
     "giai đoạn từ tháng 8/2017 – 7/2020"},
    {cc_period_regex, "Từ tháng 3/2020, hệ thống thanh toán", NULL},
    {cc_period_regex, "Thứ năm - 27/08/2020 21:30", NULL},
    {cc_period_regex, "12017-2020", NULL},
    {cc_period_regex, "2017-20201", NULL},
    {cc_period_regex, "", NULL},
    {cc_year_regex, "năm 2020 và", "2020"},
    {cc_year_regex, "12020", NULL},
    {cc_year_regex, "20201", NULL},
    {cc_year_regex, "a2020", NULL},
    {cc_year_regex, "2020a", NULL},
    {cc_year_regex, "1.2020", NULL},
    {cc_year_regex, "2020.5", NULL},
    {cc_year_regex, "8/2017", NULL},
    {cc_year_regex, "2017-2020", NULL},
};

START_TEST(regex_search)
{
    const search_case *c = &searches[_i];
    pcre2_code *re = compile_frag(c->fn, false);
    size_t s = 0, e = 0;
    int found = tu_find(re, c->text, &s, &e);
    if (c->want == NULL) {
        ck_assert_msg(!found, "'%s': unexpected match '%.*s'", c->text, (int)(e - s),
                      c->text + s);
    } else {
        ck_assert_msg(found, "'%s': no match", c->text);
        ck_assert_msg(e - s == strlen(c->want) && memcmp(c->text + s, c->want, e - s) == 0,
                      "'%s': found '%.*s', expected '%s'", c->text, (int)(e - s), c->text + s,
                      c->want);
    }
    pcre2_code_free(re);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("date");
    TCase *tc = CC_TCASE(s, "date", NULL, NULL, date_covers_its_precision,
                         date_reads_only_the_slice, year_parse);
    tcase_add_loop_test(tc, date_accepts, 0, N(dates));
    tcase_add_loop_test(tc, date_rejects, 0, N(bad_dates));
    TCase *tp = CC_TCASE(s, "period", NULL, NULL, period_caps_its_length, period_days_spec_row,
                         period_days_coarse);
    tcase_add_loop_test(tp, period_accepts, 0, N(periods));
    tcase_add_loop_test(tp, period_rejects, 0, N(bad_periods));
    TCase *rx = CC_TCASE(s, "regex", NULL, NULL, year_regex_matches_whole);
    tcase_add_loop_test(rx, date_regex_matches_whole, 0, N(dates));
    tcase_add_loop_test(rx, period_regex_matches_whole, 0, N(periods));
    tcase_add_loop_test(rx, date_regex_then_parser_agree, 0, N(dates));
    tcase_add_loop_test(rx, period_regex_then_parser_agree, 0, N(periods));
    tcase_add_loop_test(rx, regex_search, 0, N(searches));
    return s;
}
