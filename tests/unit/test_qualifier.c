/* Unit tests for qualifier.c: the default table, stripping, widening, the regex. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <string.h>
#include "testutil.h"
#include "num.h"
#include "qualifier.h"

static cc_qualifiers defaults;

static void setup(void)
{
    cc_qualifiers_default(&defaults);
}

static void teardown(void)
{
    cc_qualifiers_free(&defaults);
}

/* Strips qualifiers from `text`, parses the rest with `parse` and widens it: what
 * the extractor does with a slot's text. */
static cc_range qualified(const char *text,
                          cc_parse_status (*parse)(const char *, size_t, cc_locale, cc_range *))
{
    const char *s = text;
    size_t n = strlen(text);
    const cc_qualifier *found[4];
    size_t k = cc_qualifiers_strip(&defaults, &s, &n, found, 4);
    ck_assert_uint_ge(k, 1);
    cc_range r;
    ck_assert_int_eq(parse(s, n, CC_LOCALE_VI, &r), CC_PARSE_OK);
    return cc_qualifiers_apply(r, found, k);
}

START_TEST(default_table)
{
    ck_assert_uint_eq(defaults.n, 5);
    const char *kinds[] = {"about", "over", "nearly", "at-least", "at-most"};
    const size_t nwords[] = {5, 3, 1, 2, 5};
    for (size_t i = 0; i < 5; i++) {
        ck_assert_str_eq(defaults.v[i].kind, kinds[i]);
        ck_assert_uint_eq(defaults.v[i].nwords, nwords[i]);
    }
    ck_assert_str_eq(defaults.v[0].words[1], "xấp xỉ");
    ck_assert_str_eq(defaults.v[4].words[4], "chưa tới");
    ck_assert_near(defaults.v[0].lo, 0.95);
    ck_assert_near(defaults.v[0].hi, 1.05);
    ck_assert_near(defaults.v[1].hi, 1.10);
    ck_assert_near(defaults.v[2].lo, 0.90);
    ck_assert(isinf(defaults.v[3].hi) && defaults.v[3].hi > 0);
    ck_assert(isinf(defaults.v[4].lo) && defaults.v[4].lo < 0);
}
END_TEST

/* ------------------------------------------------------------ SPEC §2 rows */

START_TEST(spec_about_percent)
{
    cc_range r = qualified("khoảng 15,91%", cc_percent_parse);
    ck_assert_near(r.lo, 15.10975);
    ck_assert_near(r.hi, 16.71075);
}
END_TEST

START_TEST(spec_over_millions)
{
    cc_range r = qualified("trên 60 triệu", cc_num_parse);
    ck_assert_near(r.lo, 59500000);
    ck_assert_near(r.hi, 66550000);
}
END_TEST

START_TEST(spec_nearly_percent)
{
    cc_range r = qualified("gần 83%", cc_percent_parse);
    ck_assert_near(r.lo, 74.7);
    ck_assert_near(r.hi, 83);
}
END_TEST

START_TEST(spec_at_least_percent)
{
    cc_range r = qualified("tối thiểu 30%", cc_percent_parse);
    ck_assert_near(r.lo, 30);
    ck_assert(isinf(r.hi) && r.hi > 0);
}
END_TEST

/* ------------------------------------------------------------ stripping */

START_TEST(strip_two_in_a_row)
{
    const char *text = "Khoảng hơn 7,6 nghìn";
    const char *s = text;
    size_t n = strlen(text);
    const cc_qualifier *found[4] = {NULL};
    ck_assert_uint_eq(cc_qualifiers_strip(&defaults, &s, &n, found, 4), 2);
    ck_assert_str_eq(found[0]->kind, "about");
    ck_assert_str_eq(found[1]->kind, "over");
    ck_assert_uint_eq(n, strlen("7,6 nghìn"));
    ck_assert(memcmp(s, "7,6 nghìn", n) == 0);
    cc_range r;
    ck_assert_int_eq(cc_num_parse(s, n, CC_LOCALE_VI, &r), CC_PARSE_OK);
    r = cc_qualifiers_apply(r, found, 2);
    ck_assert_near(r.lo, 7550 * 0.95);
    ck_assert_near(r.hi, 7650 * 1.10 * 1.05);
}
END_TEST

START_TEST(strip_longest_word_first)
{
    const char *s = "ước tính 5 triệu";
    size_t n = strlen(s);
    const cc_qualifier *found[1];
    ck_assert_uint_eq(cc_qualifiers_strip(&defaults, &s, &n, found, 1), 1);
    ck_assert_str_eq(found[0]->kind, "about");
    ck_assert_uint_eq(n, strlen("5 triệu"));

    s = "Không Quá 5";
    n = strlen(s);
    ck_assert_uint_eq(cc_qualifiers_strip(&defaults, &s, &n, found, 1), 1);
    ck_assert_str_eq(found[0]->kind, "at-most");
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(s[0], '5');
}
END_TEST

START_TEST(strip_any_white_space_inside_words)
{
    const char *s = " xấp\xc2\xa0\t xỉ\xc2\xa0" "5";
    size_t n = strlen(s);
    const cc_qualifier *found[1];
    ck_assert_uint_eq(cc_qualifiers_strip(&defaults, &s, &n, found, 1), 1);
    ck_assert_str_eq(found[0]->kind, "about");
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(s[0], '5');
}
END_TEST

START_TEST(strip_needs_white_space_after)
{
    const char *texts[] = {"hơn", "hơn5", "trênđây 5", "5 triệu", "", "gầngũi 3", "khoảngg 3"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *s = texts[i];
        size_t n = strlen(s);
        const cc_qualifier *found[1] = {NULL};
        ck_assert_msg(cc_qualifiers_strip(&defaults, &s, &n, found, 1) == 0, "'%s'", texts[i]);
        ck_assert_ptr_eq(s, texts[i]);
        ck_assert_uint_eq(n, strlen(texts[i]));
        ck_assert_ptr_null(found[0]);
    }
}
END_TEST

START_TEST(strip_counts_past_max)
{
    const char *s = "khoảng hơn gần 5";
    size_t n = strlen(s);
    const cc_qualifier *found[1] = {NULL};
    ck_assert_uint_eq(cc_qualifiers_strip(&defaults, &s, &n, found, 1), 3);
    ck_assert_str_eq(found[0]->kind, "about");
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(cc_qualifiers_strip(NULL, &s, &n, found, 1), 0);
}
END_TEST

START_TEST(strip_reads_only_the_slice)
{
    /* "hơn 5" cut before the space: no white space follows "hơn" inside the slice */
    const char *s = "hơn 5";
    size_t n = strlen("hơn");
    char *copy = malloc(n);
    memcpy(copy, s, n);
    const char *p = copy;
    const cc_qualifier *found[1];
    ck_assert_uint_eq(cc_qualifiers_strip(&defaults, &p, &n, found, 1), 0);
    free(copy);
}
END_TEST

/* ------------------------------------------------------------ widening */

START_TEST(apply_infinite_factors_and_zero)
{
    const cc_qualifier *at_most[] = {&defaults.v[4]};
    cc_range r = cc_qualifiers_apply((cc_range){59.5, 60.5}, at_most, 1);
    ck_assert(isinf(r.lo) && r.lo < 0);
    ck_assert_near(r.hi, 60.5);
    r = cc_qualifiers_apply((cc_range){0, 5}, at_most, 1);
    ck_assert(r.lo == 0 && !isnan(r.lo));
    const cc_qualifier *at_least[] = {&defaults.v[3]};
    r = cc_qualifiers_apply((cc_range){0, 0}, at_least, 1);
    ck_assert(r.lo == 0 && r.hi == 0);
    r = cc_qualifiers_apply((cc_range){2, 3}, NULL, 0);
    ck_assert_near(r.lo, 2);
    ck_assert_near(r.hi, 3);
}
END_TEST

START_TEST(apply_combines)
{
    const cc_qualifier *both[] = {&defaults.v[0], &defaults.v[3]}; /* khoảng tối thiểu */
    cc_range r = cc_qualifiers_apply((cc_range){100, 100}, both, 2);
    ck_assert_near(r.lo, 95);
    ck_assert(isinf(r.hi) && r.hi > 0);
}
END_TEST

/* ------------------------------------------------------------ regex */

START_TEST(regex_default_longest_first)
{
    cc_buf b = CC_BUF_INIT;
    cc_qualifiers_regex(&defaults, &b);
    ck_assert_str_eq(b.data, "(?:tối\\s+thiểu|chưa\\s+đến|ước\\s+tính|chưa\\s+tới|không\\s+quá|"
                             "xấp\\s+xỉ|ít\\s+nhất|tối\\s+đa|khoảng|chừng|dưới|ngoài|ước|gần|"
                             "trên|hơn)");
    cc_buf_free(&b);
}
END_TEST

START_TEST(regex_escapes_and_compiles)
{
    char *words[] = {cc_xstrdup("a.b  (c)"), cc_xstrdup("x+"), cc_xstrdup("x+"), cc_xstrdup(" ")};
    cc_qualifier k = {.kind = "custom", .words = words, .nwords = 4, .lo = 1, .hi = 2};
    cc_qualifiers q = {.v = &k, .n = 1};
    cc_buf b = CC_BUF_INIT;
    cc_qualifiers_regex(&q, &b);
    ck_assert_str_eq(b.data, "(?:a\\.b\\s+\\(c\\)|x\\+)");
    for (size_t i = 0; i < 4; i++)
        free(words[i]);

    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.data, b.len,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
    ck_assert_ptr_nonnull(re);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    ck_assert_int_gt(pcre2_match(re, (PCRE2_SPTR) "A.B \t(C)", 8, 0, 0, md, NULL), 0);
    ck_assert_int_lt(pcre2_match(re, (PCRE2_SPTR) "aXb (c)", 7, 0, 0, md, NULL), 0);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    cc_buf_free(&b);
}
END_TEST

START_TEST(regex_matches_caseless_vietnamese)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "^");
    cc_qualifiers_regex(&defaults, &b);
    cc_buf_adds(&b, "$");
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.data, b.len,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
    ck_assert_ptr_nonnull(re);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    const char *yes[] = {"XẤP XỈ", "Khoảng", "chưa\xc2\xa0tới", "TỐI THIỂU"};
    for (size_t i = 0; i < 4; i++)
        ck_assert_msg(pcre2_match(re, (PCRE2_SPTR)yes[i], strlen(yes[i]), 0, 0, md, NULL) > 0,
                      "'%s'", yes[i]);
    const char *no[] = {"không", "tối", "khoảng cách"};
    for (size_t i = 0; i < 3; i++)
        ck_assert_msg(pcre2_match(re, (PCRE2_SPTR)no[i], strlen(no[i]), 0, 0, md, NULL) < 0,
                      "'%s'", no[i]);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    cc_buf_free(&b);
}
END_TEST

START_TEST(regex_empty_table_never_matches)
{
    cc_qualifiers q = {0};
    cc_buf b = CC_BUF_INIT;
    cc_qualifiers_regex(&q, &b);
    ck_assert_str_eq(b.data, "(?!)");
    cc_buf_free(&b);
    cc_qualifiers_free(&q);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("qualifier");
    CC_TCASE(s, "core", setup, teardown, default_table, spec_about_percent, spec_over_millions,
             spec_nearly_percent, spec_at_least_percent, strip_two_in_a_row,
             strip_longest_word_first, strip_any_white_space_inside_words,
             strip_needs_white_space_after, strip_counts_past_max, strip_reads_only_the_slice,
             apply_infinite_factors_and_zero, apply_combines, regex_default_longest_first,
             regex_escapes_and_compiles, regex_matches_caseless_vietnamese,
             regex_empty_table_never_matches);
    return s;
}
