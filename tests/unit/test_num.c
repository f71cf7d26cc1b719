/* Unit tests for num.c: numbers, percentages, money and the number hint (SPEC §2). */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "num.h"

typedef struct row {
    const char *text;
    cc_parse_status status;
    double lo, hi; /* when status is CC_PARSE_OK */
} row;

/* Parses `text` from a heap copy of exactly its length, so that ASan catches any
 * read past the slice. */
static cc_parse_status parse_exact(cc_parse_status (*fn)(const char *, size_t, cc_locale,
                                                          cc_range *),
                                   const char *text, cc_locale loc, cc_range *out)
{
    size_t n = strlen(text);
    char *copy = malloc(n ? n : 1);
    memcpy(copy, text, n);
    cc_parse_status st = fn(copy, n, loc, out);
    free(copy);
    return st;
}

static void check_row(cc_parse_status (*fn)(const char *, size_t, cc_locale, cc_range *),
                      cc_locale loc, const row *r)
{
    cc_range got = {-1, -1};
    cc_parse_status st = parse_exact(fn, r->text, loc, &got);
    ck_assert_msg(st == r->status, "'%s': status %d, expected %d", r->text, st, r->status);
    if (r->status != CC_PARSE_OK)
        return;
    ck_assert_msg(fabs(got.lo - r->lo) <= 1e-9 * fmax(1.0, fabs(r->lo)),
                  "'%s': lo = %.17g, expected %.17g", r->text, got.lo, r->lo);
    ck_assert_msg(fabs(got.hi - r->hi) <= 1e-9 * fmax(1.0, fabs(r->hi)),
                  "'%s': hi = %.17g, expected %.17g", r->text, got.hi, r->hi);
}

/* ------------------------------------------------------------ SPEC §2, number */

static const row SPEC_NUMBERS[] = {
    {"1.039", CC_PARSE_OK, 1039, 1039},
    {"235.000", CC_PARSE_OK, 235000, 235000},
    {"123.477", CC_PARSE_OK, 123477, 123477},
    {"30.500", CC_PARSE_OK, 30500, 30500},
    {"0,6667", CC_PARSE_OK, 0.66665, 0.66675},
    {"0.6667", CC_PARSE_OK, 0.66665, 0.66675},
    {"0.667", CC_PARSE_OK, 0.6665, 0.6675},
    {"86,5", CC_PARSE_OK, 86.45, 86.55},
    {"02", CC_PARSE_OK, 2, 2},
    {"4,4 triệu", CC_PARSE_OK, 4350000, 4450000},
    {"60 triệu", CC_PARSE_OK, 59500000, 60500000},
    {"235 nghìn", CC_PARSE_OK, 234500, 235500},
    {"235 ngàn", CC_PARSE_OK, 234500, 235500},
    {"7,8 nghìn", CC_PARSE_OK, 7750, 7850},
    {"48,8 tỷ", CC_PARSE_OK, 48.75e9, 48.85e9},
    {"48,8 tỉ", CC_PARSE_OK, 48.75e9, 48.85e9},
    {"1,2 nghìn tỷ", CC_PARSE_OK, 1.15e12, 1.25e12},
    {"hai", CC_PARSE_OK, 2, 2},
    {"mười một", CC_PARSE_OK, 11, 11},
    {"mười lăm", CC_PARSE_OK, 15, 15},
    {"hai mươi mốt", CC_PARSE_OK, 21, 21},
    {"hai mươi tư", CC_PARSE_OK, 24, 24},
    {"ba mươi lăm", CC_PARSE_OK, 35, 35},
    {"bốn mươi bảy", CC_PARSE_OK, 47, 47},
    {"tám mươi sáu", CC_PARSE_OK, 86, 86},
    {"một trăm linh năm", CC_PARSE_OK, 105, 105},
    {"một trăm lẻ năm", CC_PARSE_OK, 105, 105},
    {"một trăm chín mươi ba", CC_PARSE_OK, 193, 193},
    {"hai chục", CC_PARSE_OK, 20, 20},
    {"sáu mươi triệu", CC_PARSE_OK, 59500000, 60500000},
    {"1.23.4", CC_PARSE_NONE, 0, 0},
    {"1.0000", CC_PARSE_NONE, 0, 0},
    {"99999999999999999999999 tỷ", CC_PARSE_OVERFLOW, 0, 0},
};

START_TEST(spec_number_rows)
{
    check_row(cc_num_parse, CC_LOCALE_VI, &SPEC_NUMBERS[_i]);
}
END_TEST

/* ------------------------------------------------------------ more numbers */

static const row MORE_NUMBERS[] = {
    /* white space around and between, NBSP included; case of scale words */
    {" \xc2\xa0" "1.039 \t", CC_PARSE_OK, 1039, 1039},
    {"4,4\xc2\xa0triệu", CC_PARSE_OK, 4350000, 4450000},
    {"4,4 \u202f Triệu", CC_PARSE_OK, 4350000, 4450000},
    {"48,8 TỶ", CC_PARSE_OK, 48.75e9, 48.85e9},
    /* separators */
    {"1.234.567", CC_PARSE_OK, 1234567, 1234567},
    {"1.234,5", CC_PARSE_OK, 1234.45, 1234.55},
    {"86.5", CC_PARSE_OK, 86.45, 86.55},
    {"12.34", CC_PARSE_OK, 12.335, 12.345},
    {"4,40", CC_PARSE_OK, 4.395, 4.405},
    {"72", CC_PARSE_OK, 72, 72},
    {"0", CC_PARSE_OK, 0, 0},
    {"0,0", CC_PARSE_OK, 0, 0.05},
    {"5 trăm", CC_PARSE_OK, 450, 550},
    {"1.039 tỷ", CC_PARSE_OK, 1038.5e9, 1039.5e9},
    {"1 tỷ tỷ", CC_PARSE_OK, 0.5e18, 1.5e18},
    /* number words */
    {"Hai Mươi Mốt", CC_PARSE_OK, 21, 21},
    {"SÁU MƯƠI TRIỆU", CC_PARSE_OK, 59500000, 60500000},
    {"không", CC_PARSE_OK, 0, 0},
    {"mười", CC_PARSE_OK, 10, 10},
    {"mười tư", CC_PARSE_OK, 14, 14},
    {"hai mươi", CC_PARSE_OK, 20, 20},
    {"hai mươi năm", CC_PARSE_OK, 25, 25},
    {"bẩy", CC_PARSE_OK, 7, 7},
    {"một trăm", CC_PARSE_OK, 100, 100},
    {"một trăm mười", CC_PARSE_OK, 110, 110},
    {"một trăm linh tư", CC_PARSE_OK, 104, 104},
    {"hai chục nghìn", CC_PARSE_OK, 19500, 20500},
    {"một nghìn tỷ", CC_PARSE_OK, 0.5e12, 1.5e12},
    {"hai triệu ba trăm nghìn", CC_PARSE_OK, 2299500, 2300500},
    {"hai triệu ba trăm nghìn năm", CC_PARSE_OK, 2300005, 2300005},
    {"một nghìn không trăm linh năm", CC_PARSE_OK, 1005, 1005},
    {"một nghìn linh năm", CC_PARSE_OK, 1005, 1005},
    {"một nghìn hai trăm tỷ", CC_PARSE_OK, 1.1995e12, 1.2005e12},
    {"một tỷ hai trăm triệu", CC_PARSE_OK, 1.1995e9, 1.2005e9},
    {"một nghìn triệu tỷ", CC_PARSE_OK, 0.5e18, 1.5e18},
    /* not one number */
    {"", CC_PARSE_NONE, 0, 0},
    {" \t ", CC_PARSE_NONE, 0, 0},
    {"abc", CC_PARSE_NONE, 0, 0},
    {"1,2,3", CC_PARSE_NONE, 0, 0},
    {"1.2.3", CC_PARSE_NONE, 0, 0},
    {",5", CC_PARSE_NONE, 0, 0},
    {"5,", CC_PARSE_NONE, 0, 0},
    {"5.", CC_PARSE_NONE, 0, 0},
    {"1234.567", CC_PARSE_NONE, 0, 0},
    {"0.123.456", CC_PARSE_NONE, 0, 0},
    {"000.123", CC_PARSE_OK, 0.1225, 0.1235},
    {"1.5.000", CC_PARSE_NONE, 0, 0},
    {"1.234,5,6", CC_PARSE_NONE, 0, 0},
    {"1,5.000", CC_PARSE_NONE, 0, 0},
    {"-5", CC_PARSE_NONE, 0, 0},
    {"1.039 người", CC_PARSE_NONE, 0, 0},
    {"4,4triệu", CC_PARSE_NONE, 0, 0},
    {"5 thousand", CC_PARSE_NONE, 0, 0},
    {"hai ba", CC_PARSE_NONE, 0, 0},
    {"mươi", CC_PARSE_NONE, 0, 0},
    {"lăm", CC_PARSE_NONE, 0, 0},
    {"mốt", CC_PARSE_NONE, 0, 0},
    {"tư", CC_PARSE_NONE, 0, 0},
    {"mười mốt", CC_PARSE_NONE, 0, 0},
    {"một mươi", CC_PARSE_NONE, 0, 0},
    {"một trăm năm", CC_PARSE_NONE, 0, 0},
    {"linh năm", CC_PARSE_NONE, 0, 0},
    {"nghìn", CC_PARSE_NONE, 0, 0},
    {"hai mươi không", CC_PARSE_NONE, 0, 0},
    {"một nghìn hai nghìn", CC_PARSE_NONE, 0, 0},
    {"một tỷ nghìn", CC_PARSE_NONE, 0, 0},
    {"hai 3", CC_PARSE_NONE, 0, 0},
    {"3 hai", CC_PARSE_NONE, 0, 0},
    {"0,000000000000000000001", CC_PARSE_OK, 0.5e-21, 1.5e-21},
    /* more digits than a double holds: rounded, still covering the written value */
    {"0,0000000000000000000000000000001", CC_PARSE_OK, 0.5e-31, 1.5e-31},
    {"1,00000000000000000001", CC_PARSE_OK, 1, 1},
    {"88,33333333333333333333333300033333333333333665", CC_PARSE_OK, 88.333333333333333,
     88.333333333333333},
    {"0,99999999999999999999999", CC_PARSE_OK, 1, 1},
    /* out of range: reported, never wrapped */
    {"2 tỷ tỷ", CC_PARSE_OVERFLOW, 0, 0},
    {"100000000000000000000", CC_PARSE_OVERFLOW, 0, 0},
    {"1.000.000.000.000.000.000.000", CC_PARSE_OVERFLOW, 0, 0},
    {"hai nghìn triệu tỷ", CC_PARSE_OVERFLOW, 0, 0},
    {"1 tỷ tỷ tỷ tỷ tỷ", CC_PARSE_OVERFLOW, 0, 0},
    {"0 tỷ tỷ tỷ tỷ tỷ", CC_PARSE_OVERFLOW, 0, 0},
    {"0 tỷ tỷ tỷ", CC_PARSE_OVERFLOW, 0, 0},
    {"0 nghìn triệu tỷ", CC_PARSE_OK, 0, 0.5e18},
};

START_TEST(more_number_rows)
{
    check_row(cc_num_parse, CC_LOCALE_VI, &MORE_NUMBERS[_i]);
}
END_TEST

static const row ENGLISH_NUMBERS[] = {
    {"1,039", CC_PARSE_OK, 1039, 1039},
    {"0.6667", CC_PARSE_OK, 0.66665, 0.66675},
    {"1,234,567", CC_PARSE_OK, 1234567, 1234567},
    {"1,234.5", CC_PARSE_OK, 1234.45, 1234.55},
    {"1.039", CC_PARSE_OK, 1.0385, 1.0395},
    {"4.4 million", CC_PARSE_OK, 4350000, 4450000},
    {"1.2 Trillion", CC_PARSE_OK, 1.15e12, 1.25e12},
    {"235 thousand", CC_PARSE_OK, 234500, 235500},
    {"48.8 billion", CC_PARSE_OK, 48.75e9, 48.85e9},
    {"60 triệu", CC_PARSE_OK, 59500000, 60500000},
    {"1,0000", CC_PARSE_NONE, 0, 0},
    {"0 trillion\fbillion\f", CC_PARSE_OVERFLOW, 0, 0},
};

START_TEST(english_rows)
{
    check_row(cc_num_parse, CC_LOCALE_EN, &ENGLISH_NUMBERS[_i]);
}
END_TEST

START_TEST(parses_only_the_slice)
{
    cc_range r;
    const char *s = "1.0395 triệu";
    ck_assert_int_eq(cc_num_parse(s, 5, CC_LOCALE_VI, &r), CC_PARSE_OK);
    ck_assert_near(r.lo, 1039);
    ck_assert_near(r.hi, 1039);
    ck_assert_int_eq(cc_num_parse("hai mươi", 3, CC_LOCALE_VI, &r), CC_PARSE_OK);
    ck_assert_near(r.lo, 2);
    ck_assert_int_eq(cc_percent_parse("72%", 2, CC_LOCALE_VI, &r), CC_PARSE_NONE);
}
END_TEST

START_TEST(pathological_inputs_end_quickly)
{
    size_t n = 1000000;
    char *s = malloc(n);
    cc_range r;
    memset(s, '9', n);
    ck_assert_int_eq(cc_num_parse(s, n, CC_LOCALE_VI, &r), CC_PARSE_OVERFLOW);
    for (size_t i = 0; i < n; i++)
        s[i] = (i % 4 == 3) ? '.' : '1';
    ck_assert_int_eq(cc_num_parse(s, n, CC_LOCALE_VI, &r), CC_PARSE_NONE);
    for (size_t i = 0; i < n; i++)
        s[i] = (i % 2) ? ' ' : '1';
    ck_assert_int_eq(cc_num_parse(s, n, CC_LOCALE_VI, &r), CC_PARSE_NONE);
    memset(s, ' ', n);
    ck_assert_int_eq(cc_num_parse(s, n, CC_LOCALE_VI, &r), CC_PARSE_NONE);
    ck_assert(!cc_has_number_hint(s, n));
    s[n - 1] = '7';
    ck_assert(cc_has_number_hint(s, n));
    free(s);
}
END_TEST

START_TEST(locale_names)
{
    cc_locale loc = CC_LOCALE_EN;
    ck_assert_int_eq(cc_locale_parse("vi", &loc), 0);
    ck_assert_int_eq(loc, CC_LOCALE_VI);
    ck_assert_int_eq(cc_locale_parse("en", &loc), 0);
    ck_assert_int_eq(loc, CC_LOCALE_EN);
    ck_assert_int_eq(cc_locale_parse("fr", &loc), -1);
    ck_assert_int_eq(cc_locale_parse("", &loc), -1);
}
END_TEST

/* ------------------------------------------------------------ percent */

static const row PERCENTS[] = {
    {"88,53%", CC_PARSE_OK, 88.525, 88.535},
    {"88,53 %", CC_PARSE_OK, 88.525, 88.535},
    {"72%", CC_PARSE_OK, 72, 72},
    {"15,91 phần trăm", CC_PARSE_OK, 15.905, 15.915},
    {"bảy mươi hai phần trăm", CC_PARSE_OK, 72, 72},
    /* beyond the SPEC table */
    {"72\xc2\xa0%", CC_PARSE_OK, 72, 72},
    {"72 Phần Trăm", CC_PARSE_OK, 72, 72},
    {"0.5%", CC_PARSE_OK, 0.45, 0.55},
    {"%", CC_PARSE_NONE, 0, 0},
    {"72", CC_PARSE_NONE, 0, 0},
    {"72 phần", CC_PARSE_NONE, 0, 0},
    {"trăm", CC_PARSE_NONE, 0, 0},
    {"72%%", CC_PARSE_NONE, 0, 0},
    {"hơn 72%", CC_PARSE_NONE, 0, 0},
    {"1.23.4%", CC_PARSE_NONE, 0, 0},
    {"99999999999999999999999%", CC_PARSE_OVERFLOW, 0, 0},
};

START_TEST(percent_rows)
{
    check_row(cc_percent_parse, CC_LOCALE_VI, &PERCENTS[_i]);
}
END_TEST

/* ------------------------------------------------------------ money */

typedef struct money_row {
    const char *text;
    cc_parse_status status;
    const char *currency;
    double lo, hi;
} money_row;

static const money_row MONEY[] = {
    {"30.500 đồng", CC_PARSE_OK, "VND", 30500, 30500},
    {"5 tỷ đồng", CC_PARSE_OK, "VND", 4.5e9, 5.5e9},
    {"5 tỉ VNĐ", CC_PARSE_OK, "VND", 4.5e9, 5.5e9},
    {"5 tỷ VND", CC_PARSE_OK, "VND", 4.5e9, 5.5e9},
    {"1,2 triệu USD", CC_PARSE_OK, "USD", 1150000, 1250000},
    /* beyond the SPEC table */
    {"30.500đ", CC_PARSE_OK, "VND", 30500, 30500},
    {"30.500 đ", CC_PARSE_OK, "VND", 30500, 30500},
    {"30.500đồng", CC_PARSE_OK, "VND", 30500, 30500},
    {"5 vnđ", CC_PARSE_OK, "VND", 5, 5},
    {"năm triệu đồng", CC_PARSE_OK, "VND", 4.5e6, 5.5e6},
    {"$5", CC_PARSE_OK, "USD", 5, 5},
    {"US$1,2 triệu", CC_PARSE_OK, "USD", 1150000, 1250000},
    {"100USD", CC_PARSE_OK, "USD", 100, 100},
    {"5 US$", CC_PARSE_OK, "USD", 5, 5},
    {"5 đô la", CC_PARSE_OK, "USD", 5, 5},
    {"5 đô la Mỹ", CC_PARSE_OK, "USD", 5, 5},
    {"5 Đô La Mỹ", CC_PARSE_OK, "USD", 5, 5},
    {"5 đôla", CC_PARSE_OK, "USD", 5, 5},
    {"5đô la Mỹ", CC_PARSE_OK, "USD", 5, 5},
    {"1,5US$", CC_PARSE_OK, "USD", 1.45, 1.55},
    {"5", CC_PARSE_NONE, "", 0, 0},
    {"đồng", CC_PARSE_NONE, "", 0, 0},
    {"5 tỷ đ", CC_PARSE_NONE, "", 0, 0},
    {"năm đ", CC_PARSE_NONE, "", 0, 0},
    {"$5 USD", CC_PARSE_NONE, "", 0, 0},
    {"5 EUR", CC_PARSE_NONE, "", 0, 0},
    {"$", CC_PARSE_NONE, "", 0, 0},
    {"5 tỷđồng", CC_PARSE_NONE, "", 0, 0},
    {"99999999999999999999999 đồng", CC_PARSE_OVERFLOW, "", 0, 0},
};

START_TEST(money_rows)
{
    const money_row *m = &MONEY[_i];
    cc_range r = {-1, -1};
    char cur[4] = "";
    size_t n = strlen(m->text);
    char *copy = malloc(n);
    memcpy(copy, m->text, n);
    cc_parse_status st = cc_money_parse(copy, n, CC_LOCALE_VI, &r, cur);
    bool may = cc_money_may_parse(copy, n);
    free(copy);
    ck_assert_msg(st == m->status, "'%s': status %d, expected %d", m->text, st, m->status);
    /* the quick test never refuses what the parser would take */
    ck_assert_msg(may || st != CC_PARSE_OK, "'%s': cc_money_may_parse says no", m->text);
    if (strcmp(m->text, "5") == 0 || strcmp(m->text, "5 EUR") == 0)
        ck_assert_msg(!may, "'%s': cc_money_may_parse says yes", m->text);
    if (m->status != CC_PARSE_OK)
        return;
    ck_assert_str_eq(cur, m->currency);
    ck_assert_near(r.lo, m->lo);
    ck_assert_near(r.hi, m->hi);
}
END_TEST

/* ------------------------------------------------------------ hint */

typedef struct hint_row {
    const char *text;
    bool hint;
} hint_row;

static const hint_row HINTS[] = {
    {"Thừa Thiên Huế dẫn đầu", true},
    {"Việt Nam tăng hai bậc", true},
    {"Không có gì", false},
    {"bao giờ", false},
    {"", false},
    {"Năm 2020", true},
    {"x1", true},
    {"HAI", true},
    {"TRIỆU người", true},
    {"Đầu tiên", true},
    {"xếp thứ nhất", true},
    {"\xe2\x80\x9chai\xe2\x80\x9d", true},   /* “hai” */
    {"hai\xc2\xa0người", true},
    {"baba", false},
    {"tỷ lệ", true},
    {"chính phủ điện tử", false},
    {"\xff\xfe\x80", false},
    {"ba\xcc\x81o", false},                  /* a combining mark continues the word */
};

START_TEST(hint_rows)
{
    const hint_row *h = &HINTS[_i];
    ck_assert_msg(cc_has_number_hint(h->text, strlen(h->text)) == h->hint, "'%s': expected %d",
                  h->text, h->hint);
}
END_TEST

/* U+0085 is \s to PCRE2 (so the fragment matches "4,4<U+0085>triệu"): the parser
 * splits there too and reads what it reads with a plain space. */
START_TEST(next_line_char_separates_like_a_space)
{
    cc_range spaced = {-1, -1}, nel = {-1, -1};
    ck_assert_int_eq(parse_exact(cc_num_parse, "4,4 tri\xe1\xbb\x87u", CC_LOCALE_VI, &spaced),
                     CC_PARSE_OK);
    ck_assert_int_eq(parse_exact(cc_num_parse, "4,4\xc2\x85tri\xe1\xbb\x87u", CC_LOCALE_VI, &nel),
                     CC_PARSE_OK);
    ck_assert_near(nel.lo, 4350000);
    ck_assert_near(nel.hi, 4450000);
    ck_assert(nel.lo == spaced.lo && nel.hi == spaced.hi);
}
END_TEST

#define NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *make_suite(void)
{
    Suite *s = suite_create("num");
    TCase *tc = CC_TCASE(s, "core", NULL, NULL, parses_only_the_slice,
                         pathological_inputs_end_quickly, locale_names,
                         next_line_char_separates_like_a_space);
    tcase_add_loop_test(tc, spec_number_rows, 0, NROWS(SPEC_NUMBERS));
    tcase_add_loop_test(tc, more_number_rows, 0, NROWS(MORE_NUMBERS));
    tcase_add_loop_test(tc, english_rows, 0, NROWS(ENGLISH_NUMBERS));
    tcase_add_loop_test(tc, percent_rows, 0, NROWS(PERCENTS));
    tcase_add_loop_test(tc, money_rows, 0, NROWS(MONEY));
    tcase_add_loop_test(tc, hint_rows, 0, NROWS(HINTS));
    return s;
}
