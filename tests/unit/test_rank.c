/* Unit tests for rank.c: cc_rank_parse (SPEC §2 rank rows and the task's list) and the
 * {rank} regex fragment, which must match whole every text the parser accepts. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>
#include "rank.h"
#include "testutil.h"

typedef struct rank_case {
    const char *text;
    int64_t position;
    int64_t total; /* 0: not written */
} rank_case;

/* Every text the parser must accept, with its exact value. */
static const rank_case accepted[] = {
    /* SPEC §2 */
    {"86/193", 86, 193},
    {"thứ 56/63", 56, 63},
    {"thứ 86 trên 193", 86, 193},
    {"thứ 86 trong số 193", 86, 193},
    {"vị trí thứ 86 trong 193", 86, 193},
    {"hạng 86", 86, 0},
    {"thứ nhất", 1, 0},
    {"dẫn đầu", 1, 0},
    {"thứ hai", 2, 0},
    {"thứ tư", 4, 0},
    /* the task's list */
    {"hạng 86/193", 86, 193},
    {"vị trí 86", 86, 0},
    {"thứ 2", 2, 0},
    {"86", 86, 0},
    /* counts in words after a leading word, as cc_num_parse reads them */
    {"thứ hai mươi mốt", 21, 0},
    {"thứ tám mươi sáu", 86, 0},
    {"vị trí thứ tám mươi sáu trên một trăm chín mươi ba", 86, 193},
    {"hạng hai mươi tư trên bốn mươi bảy", 24, 47},
    {"thứ hai mươi tư trong số 47", 24, 47},
    {"thứ mười năm", 15, 0},
    {"thứ bốn", 4, 0},
    {"đứng đầu", 1, 0},
    {"thứ nhì", 2, 0},
    {"thứ ba", 3, 0},
    {"thứ năm", 5, 0},
    {"thứ sáu", 6, 0},
    {"thứ bảy", 7, 0},
    {"thứ bẩy", 7, 0},
    {"thứ tám", 8, 0},
    {"thứ chín", 9, 0},
    {"thứ mười", 10, 0},
    {"thứ mười một", 11, 0},
    {"thứ mười hai", 12, 0},
    {"thứ mười lăm", 15, 0},
    {"thứ mười chín", 19, 0},
    {"thứ hai mươi", 20, 0},
    {"86 / 193", 86, 193},
    {"thứ 56 /63", 56, 63},
    {"hạng thứ 3", 3, 0},
    {"hạng thứ nhất", 1, 0},
    {"vị trí thứ ba", 3, 0},
    {"hạng 5 trên tổng số 63", 5, 63},
    {"thứ 5 trong tổng số 63", 5, 63},
    {"25/24", 25, 24}, /* position > total is the checker's sanity finding */
    {"086/193", 86, 193},
    {"1000000000/1000000000", 1000000000, 1000000000},
    /* case, white space (NBSP, tabs) */
    {"THỨ 56/63", 56, 63},
    {"Thứ Nhất", 1, 0},
    {"Dẫn Đầu", 1, 0},
    {"VỊ TRÍ THỨ 86 TRONG SỐ 193", 86, 193},
    {"thứ\xc2\xa0" "86\xc2\xa0trên\xc2\xa0" "193", 86, 193},
    {"thứ   mười  một", 11, 0},
    {"thứ hai mươi tư\xc2\xa0trên\xc2\xa0" "bốn mươi bảy", 24, 47},
    {"hạng hai mươi tư TRÊN  47", 24, 47},
    {"thứ ba trong\xc2\xa0số\t47", 3, 47},
};

/* White space around the slice is allowed (num.h), though a slot never captures it. */
START_TEST(rank_allows_surrounding_space)
{
    int64_t pos = -1, tot = -1;
    ck_assert_int_eq(cc_rank_parse("  86/193\t", 9, &pos, &tot), CC_PARSE_OK);
    ck_assert_int_eq(pos, 86);
    ck_assert_int_eq(tot, 193);
    ck_assert_int_eq(cc_rank_parse("\xc2\xa0thứ tư ", strlen("\xc2\xa0thứ tư "), &pos, &tot),
                     CC_PARSE_OK);
    ck_assert_int_eq(pos, 4);
    ck_assert_int_eq(tot, 0);
}
END_TEST

static const char *const rejected[] = {
    "0", "0/5", "5/0", "thứ 0", "1.23/4", "86/", "/193", "86//193", "thứ", "hạng", "vị trí",
    "thứ86", "86 trên 193", "86 trong số 193", "thứ 86 trên", "thứ nhất/10", "vị trí dẫn đầu",
    "86/193 quốc gia", "1.039", "86,5", "abc", "", "   ", "\xef\xbc\x92", /* fullwidth 2 */
    "hạng nhất", "đầu", "chiều 26", "86/193/5", "-86",
    "\xff\xfe", "86\xff", "thứ tám mươi sáu trên", "thứ hai mươi trên không",
};

static const char *const overflowing[] = {
    "1000000001", "5/1000000001", "99999999999999999999999/3", "thứ 1000000001 trên 5",
};

START_TEST(rank_accepts)
{
    const rank_case *c = &accepted[_i];
    int64_t pos = -1, tot = -1;
    ck_assert_msg(cc_rank_parse(c->text, strlen(c->text), &pos, &tot) == CC_PARSE_OK,
                  "'%s' not parsed", c->text);
    ck_assert_msg(pos == c->position && tot == c->total, "'%s' gave %lld/%lld", c->text,
                  (long long)pos, (long long)tot);
}
END_TEST

START_TEST(rank_rejects)
{
    int64_t pos = -1, tot = -1;
    const char *t = rejected[_i];
    ck_assert_msg(cc_rank_parse(t, strlen(t), &pos, &tot) == CC_PARSE_NONE, "'%s' accepted", t);
}
END_TEST

START_TEST(rank_overflows)
{
    int64_t pos = -1, tot = -1;
    const char *t = overflowing[_i];
    ck_assert_msg(cc_rank_parse(t, strlen(t), &pos, &tot) == CC_PARSE_OVERFLOW, "'%s'", t);
}
END_TEST

/* The parser reads only its slice: an exact-size heap copy (ASan catches a byte past
 * it) and a prefix of a longer string. */
START_TEST(rank_reads_only_the_slice)
{
    char *exact = malloc(6);
    memcpy(exact, "86/193", 6);
    int64_t pos = 0, tot = 0;
    ck_assert_int_eq(cc_rank_parse(exact, 6, &pos, &tot), CC_PARSE_OK);
    ck_assert_int_eq(pos, 86);
    ck_assert_int_eq(tot, 193);
    free(exact);
    ck_assert_int_eq(cc_rank_parse("thứ 56/6399", strlen("thứ 56/63"), &pos, &tot),
                     CC_PARSE_OK);
    ck_assert_int_eq(tot, 63);
    ck_assert_int_eq(cc_rank_parse("thứ nhấtx", strlen("thứ nhất"), &pos, &tot), CC_PARSE_OK);
    ck_assert_int_eq(pos, 1);
    ck_assert_int_eq(cc_rank_parse("86/193", 3, &pos, &tot), CC_PARSE_NONE); /* "86/" */
}
END_TEST

/* ---- the regex fragment ---- */

static pcre2_code *compile_rank(bool whole)
{
    cc_buf frag = CC_BUF_INIT;
    cc_rank_regex(&frag);
    pcre2_code *re = tu_fragment_compile("rank", frag.data, whole);
    ck_assert_int_eq(strstr(frag.data, "(?<") != NULL, 1); /* lookbehinds only, ... */
    tu_assert_no_captures(frag.data);
    cc_buf_free(&frag);
    return re;
}

/* A bare integer ("86") is a rank to the parser, but the fragment leaves it alone: in
 * running text a lone number is a count far more often than a rank ("193 quốc gia"). */
static bool bare_integer(const char *t)
{
    for (; *t; t++)
        if (!cc_is_digit((unsigned char)*t))
            return false;
    return true;
}

START_TEST(rank_regex_matches_whole)
{
    pcre2_code *re = compile_rank(true);
    size_t s, e;
    const char *t = accepted[_i].text;
    if (bare_integer(t))
        ck_assert_msg(!tu_find(re, t, &s, &e), "fragment matches the bare integer '%s'", t);
    else
        ck_assert_msg(tu_find(re, t, &s, &e), "fragment does not match '%s' whole", t);
    pcre2_code_free(re);
}
END_TEST

/* In a sentence, the fragment finds the rank and the parser reads the same value. */
START_TEST(rank_regex_then_parser_agree)
{
    const rank_case *c = &accepted[_i];
    if (bare_integer(c->text))
        return; /* see rank_regex_matches_whole */
    cc_buf text = CC_BUF_INIT;
    cc_buf_addf(&text, "Theo báo cáo, xếp %s quốc gia.", c->text);
    pcre2_code *re = compile_rank(false);
    size_t s, e;
    ck_assert_msg(tu_find(re, text.data, &s, &e), "no match in '%s'", text.data);
    int64_t pos = -1, tot = -1;
    ck_assert_msg(cc_rank_parse(text.data + s, e - s, &pos, &tot) == CC_PARSE_OK &&
                      pos == c->position && tot == c->total,
                  "'%.*s' in '%s' gave %lld/%lld", (int)(e - s), text.data + s, text.data,
                  (long long)pos, (long long)tot);
    pcre2_code_free(re);
    cc_buf_free(&text);
}
END_TEST

/* Where the fragment must find exactly `want` (NULL: nothing). */
static const struct {
    const char *text, *want;
} searches[] = {
    {"xếp hạng 86/193 quốc gia", "hạng 86/193"},
    {"Điện Biên xếp thứ 56/63 tỉnh", "thứ 56/63"},
    {"đứng thứ mười một khu vực", "thứ mười một"},
    {"xếp thứ hai mươi trong", "thứ hai mươi"},
    {"Thừa Thiên Huế dẫn đầu và", "dẫn đầu"},
    {"số 1234 ở đây", NULL},
    {"của 193 quốc gia, vùng lãnh thổ", NULL},
    {"1.23/4", NULL},
    {"a86/193", NULL},
    {"86/193b", NULL},
    {"1.039", NULL},
    {"86,5", NULL},
    {"", NULL},
    {"không có hạng", NULL},
    {"8/2017-7/2019", NULL},
};

START_TEST(rank_regex_search)
{
    pcre2_code *re = compile_rank(false);
    size_t s = 0, e = 0;
    int found = tu_find(re, searches[_i].text, &s, &e);
    if (searches[_i].want == NULL) {
        ck_assert_msg(!found, "'%s': unexpected match '%.*s'", searches[_i].text,
                      (int)(e - s), searches[_i].text + s);
    } else {
        ck_assert_msg(found, "'%s': no match", searches[_i].text);
        ck_assert_uint_eq(e - s, strlen(searches[_i].want));
        ck_assert(memcmp(searches[_i].text + s, searches[_i].want, e - s) == 0);
    }
    pcre2_code_free(re);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *make_suite(void)
{
    Suite *s = suite_create("rank");
    TCase *tc = CC_TCASE(s, "parse", NULL, NULL, rank_reads_only_the_slice,
                         rank_allows_surrounding_space);
    tcase_add_loop_test(tc, rank_accepts, 0, N(accepted));
    tcase_add_loop_test(tc, rank_rejects, 0, N(rejected));
    tcase_add_loop_test(tc, rank_overflows, 0, N(overflowing));
    TCase *rx = tcase_create("regex");
    tcase_add_loop_test(rx, rank_regex_matches_whole, 0, N(accepted));
    tcase_add_loop_test(rx, rank_regex_then_parser_agree, 0, N(accepted));
    tcase_add_loop_test(rx, rank_regex_search, 0, N(searches));
    suite_add_tcase(s, rx);
    return s;
}
