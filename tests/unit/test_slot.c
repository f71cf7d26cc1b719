/* Unit tests for slot.c: names, types, and the regex fragments compiled with PCRE2. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>
#include "testutil.h"
#include "slot.h"

static cc_qualifiers quals;

static void setup(void)
{
    cc_qualifiers_default(&quals);
}

static void teardown(void)
{
    cc_qualifiers_free(&quals);
}

/* The slot's fragment, wrapped as ^(?:FRAG)$ when `whole`, compiled as the pattern
 * compiler does. */
static pcre2_code *compile_slot(cc_slot s, cc_locale loc, bool whole)
{
    cc_buf b = CC_BUF_INIT;
    cc_slot_regex(s, loc, &quals, &b);
    pcre2_code *re = tu_fragment_compile(cc_slot_name(s), b.data, whole);
    cc_buf_free(&b);
    return re;
}

static bool matches_whole(cc_slot s, cc_locale loc, const char *text)
{
    pcre2_code *re = compile_slot(s, loc, true);
    size_t a, b;
    bool ok = tu_find(re, text, &a, &b);
    pcre2_code_free(re);
    return ok;
}

/* Strips qualifiers from the text and parses the rest as the slot's type. */
static cc_parse_status parse_slot_text(cc_slot s, cc_locale loc, const char *text)
{
    const char *p = text;
    size_t n = strlen(text);
    const cc_qualifier *found[4];
    cc_qualifiers_strip(&quals, &p, &n, found, 4);
    cc_range r;
    char cur[4];
    if (s == CC_SLOT_PERCENT)
        return cc_percent_parse(p, n, loc, &r);
    if (s == CC_SLOT_MONEY)
        return cc_money_parse(p, n, loc, &r, cur);
    return cc_num_parse(p, n, loc, &r);
}

typedef struct slot_row {
    cc_slot slot;
    cc_locale loc;
    const char *text;
} slot_row;

/* Whole matches, each of which the slot's parser accepts too. */
static const slot_row WHOLE[] = {
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "1.039"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "235.000"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "0,6667"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "0.6667"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "0.667"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "86,5"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "86.5"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "02"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "1.234.567"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "1.234,5"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "4,4 triệu"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "4,4\xc2\xa0Triệu"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "60 triệu"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hơn 60 triệu"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "khoảng hơn 7,6 nghìn"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "235 nghìn"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "235 ngàn"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "48,8 tỉ"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "1,2 nghìn tỷ"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "trên 235.000"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hai"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "mười một"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "mười lăm"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hai mươi mốt"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hai mươi tư"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "ba mươi lăm"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "bốn mươi bảy"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "tám mươi sáu"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "một trăm linh năm"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "một trăm lẻ năm"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "một trăm chín mươi ba"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hai chục"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "sáu mươi triệu"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "Sáu Mươi Triệu"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hai triệu ba trăm nghìn"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hai triệu ba trăm nghìn năm"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "một nghìn linh năm"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "một nghìn hai trăm tỷ"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "một nghìn tỷ"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "một tỷ hai trăm triệu năm mươi nghìn"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "xấp xỉ 5 trăm"},
    {CC_SLOT_NUMBER, CC_LOCALE_EN, "1,039"},
    {CC_SLOT_NUMBER, CC_LOCALE_EN, "0.6667"},
    {CC_SLOT_NUMBER, CC_LOCALE_EN, "4.4 million"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "88,53%"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "88,53 %"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "72%"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "15,91 phần trăm"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "bảy mươi hai phần trăm"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "khoảng 15,91%"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "gần 83%"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "tối thiểu 30%"},
    {CC_SLOT_PERCENT, CC_LOCALE_EN, "88.53%"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "30.500 đồng"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "5 tỷ đồng"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "5 tỉ VNĐ"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "5 tỷ VND"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "1,2 triệu USD"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "30.500đ"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "30.500 đ"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "100USD"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "$5"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "US$1,2 triệu"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "5 đô la Mỹ"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "5 đôla"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "năm triệu đồng"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "hơn 5 tỷ đồng"},
    {CC_SLOT_MONEY, CC_LOCALE_EN, "1.2 million USD"},
};

START_TEST(whole_matches_and_parses)
{
    const slot_row *r = &WHOLE[_i];
    ck_assert_msg(matches_whole(r->slot, r->loc, r->text), "%s does not match '%s'",
                  cc_slot_name(r->slot), r->text);
    ck_assert_msg(parse_slot_text(r->slot, r->loc, r->text) == CC_PARSE_OK,
                  "%s matches '%s' but its parser refuses it", cc_slot_name(r->slot), r->text);
}
END_TEST

/* Not a whole match: the parser refuses these too (or they lack a unit). */
static const slot_row NOT_WHOLE[] = {
    {CC_SLOT_NUMBER, CC_LOCALE_VI, ""},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hơn"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "1.23.4"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "1.0000"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "1234.567"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "0.123.456"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "4,4triệu"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hai ba"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hai triệu nghìn"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "một tỷ nghìn"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "mười mốt"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "một trăm năm"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "tư"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "hơn60"},
    {CC_SLOT_NUMBER, CC_LOCALE_VI, "5 thousand"},
    {CC_SLOT_NUMBER, CC_LOCALE_EN, "1,0000"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "72"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "%"},
    {CC_SLOT_PERCENT, CC_LOCALE_VI, "72 phần"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "5"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "5 tỷ đ"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "năm đ"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "5 tỷđồng"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "5 EUR"},
    {CC_SLOT_MONEY, CC_LOCALE_VI, "đồng"},
};

START_TEST(non_matches)
{
    const slot_row *r = &NOT_WHOLE[_i];
    ck_assert_msg(!matches_whole(r->slot, r->loc, r->text), "%s matches '%s'",
                  cc_slot_name(r->slot), r->text);
}
END_TEST

/* Unanchored: what the number fragment finds first in a sentence. */
typedef struct find_row {
    const char *text;
    const char *found; /* NULL when nothing */
} find_row;

static const find_row FINDS[] = {
    {"1234", "1234"},
    {"1.2345", NULL},
    {"1,2345.6", NULL},
    {"bao giờ", NULL},
    {"aba", NULL},
    {"tăng ba bậc", "ba"},
    {"x1234", NULL},
    {"năm 2020, 5 tỉnh", "năm"},
    {"với 63 tỉnh", "63"},
    {"đạt 4,4 triệu lượt.", "4,4 triệu"},
    {"đạt 4,4 triệu, tăng", "4,4 triệu"},
    {"là 1.039.", "1.039"},
    {"hơn 60 triệu người", "hơn 60 triệu"},
    {"tỷ lệ 0,6667 năm", "0,6667"},
    {"có 5 triệuX", "5"},
    {"Mười hai", "Mười hai"},
};

START_TEST(number_found_in_sentence)
{
    const find_row *f = &FINDS[_i];
    pcre2_code *re = compile_slot(CC_SLOT_NUMBER, CC_LOCALE_VI, false);
    size_t a = 0, b = 0;
    bool ok = tu_find(re, f->text, &a, &b);
    pcre2_code_free(re);
    if (!f->found) {
        ck_assert_msg(!ok, "'%s': found '%.*s'", f->text, (int)(b - a), f->text + a);
        return;
    }
    ck_assert_msg(ok, "'%s': nothing found", f->text);
    ck_assert_msg(b - a == strlen(f->found) && memcmp(f->text + a, f->found, b - a) == 0,
                  "'%s': found '%.*s', expected '%s'", f->text, (int)(b - a), f->text + a,
                  f->found);
}
END_TEST

START_TEST(fragments_have_no_captures)
{
    for (int s = 0; s < CC_SLOT_COUNT_; s++) {
        for (int loc = CC_LOCALE_VI; loc <= CC_LOCALE_EN; loc++) {
            pcre2_code *re = compile_slot((cc_slot)s, (cc_locale)loc, false);
            uint32_t n = 99;
            pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &n);
            ck_assert_msg(n == 0, "%s has %u captures", cc_slot_name((cc_slot)s), n);
            pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
            ck_assert_msg(pcre2_match(re, (PCRE2_SPTR) "", 0, 0, 0, md, NULL) < 0,
                          "%s matches the empty string", cc_slot_name((cc_slot)s));
            pcre2_match_data_free(md);
            pcre2_code_free(re);
        }
    }
}
END_TEST

START_TEST(without_qualifiers)
{
    cc_buf b = CC_BUF_INIT;
    cc_slot_regex(CC_SLOT_NUMBER, CC_LOCALE_VI, NULL, &b);
    ck_assert_ptr_null(strstr(b.data, "khoảng"));
    cc_buf_reset(&b);
    cc_slot_regex(CC_SLOT_NUMBER, CC_LOCALE_VI, &quals, &b);
    ck_assert_ptr_nonnull(strstr(b.data, "khoảng"));
    cc_buf_free(&b);
}
END_TEST

/* Rank, date, period and year come from rank.c / date.c: only what both the
 * stand-ins and the real fragments satisfy. */
START_TEST(rank_date_period_year)
{
    ck_assert(matches_whole(CC_SLOT_RANK, CC_LOCALE_VI, "86/193"));
    ck_assert(matches_whole(CC_SLOT_DATE, CC_LOCALE_VI, "8/2017"));
    ck_assert(matches_whole(CC_SLOT_PERIOD, CC_LOCALE_VI, "8/2017-7/2019"));
    ck_assert(matches_whole(CC_SLOT_YEAR, CC_LOCALE_VI, "2020"));
}
END_TEST

/* Repeated scale words then a failure: the match must fail fast, not hit a limit. */
START_TEST(no_catastrophic_backtracking)
{
    cc_buf text = CC_BUF_INIT;
    cc_buf_adds(&text, "khoảng hơn một");
    for (int i = 0; i < 300; i++)
        cc_buf_adds(&text, i % 3 == 0 ? " nghìn" : i % 3 == 1 ? " hai" : " tỷ");
    cc_buf_adds(&text, " x");
    for (int s = CC_SLOT_NUMBER; s <= CC_SLOT_MONEY; s++) {
        cc_buf b = CC_BUF_INIT;
        cc_buf_adds(&b, "(?:");
        cc_slot_regex((cc_slot)s, CC_LOCALE_VI, &quals, &b);
        cc_buf_adds(&b, ")\\s+đồng\\s+x");
        int err;
        PCRE2_SIZE off;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.data, b.len,
                                       PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
        ck_assert_ptr_nonnull(re);
        pcre2_match_context *mc = pcre2_match_context_create(NULL);
        pcre2_set_match_limit(mc, 1000000);
        pcre2_set_depth_limit(mc, 10000);
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
        int rc = pcre2_match(re, (PCRE2_SPTR)text.data, text.len, 0, 0, md, mc);
        ck_assert_msg(rc == PCRE2_ERROR_NOMATCH, "%s: rc %d", cc_slot_name((cc_slot)s), rc);
        pcre2_match_data_free(md);
        pcre2_match_context_free(mc);
        pcre2_code_free(re);
        cc_buf_free(&b);
    }
    cc_buf_free(&text);
}
END_TEST

START_TEST(names_lookup_types)
{
    const char *names[] = {"number", "percent", "money", "rank", "date", "period", "year"};
    const cc_type types[] = {CC_TYPE_NUMBER, CC_TYPE_PERCENT, CC_TYPE_MONEY, CC_TYPE_RANK,
                             CC_TYPE_DATE,   CC_TYPE_PERIOD,  CC_TYPE_DATE};
    for (int i = 0; i < CC_SLOT_COUNT_; i++) {
        ck_assert_str_eq(cc_slot_name((cc_slot)i), names[i]);
        cc_slot s = CC_SLOT_COUNT_;
        ck_assert_int_eq(cc_slot_lookup(names[i], strlen(names[i]), &s), 0);
        ck_assert_int_eq(s, i);
        ck_assert_int_eq(cc_slot_type((cc_slot)i), types[i]);
    }
    cc_slot s;
    ck_assert_int_eq(cc_slot_lookup("rankx", 4, &s), 0); /* the slice, not the string */
    ck_assert_int_eq(s, CC_SLOT_RANK);
    ck_assert_int_eq(cc_slot_lookup("rank", 3, &s), -1);
    ck_assert_int_eq(cc_slot_lookup("Number", 6, &s), -1);
    ck_assert_int_eq(cc_slot_lookup("", 0, &s), -1);
}
END_TEST

/* The "expected ..." of lint's messages comes from the name tables. */
START_TEST(name_tables_give_the_choices)
{
    cc_buf b = CC_BUF_INIT;
    ck_assert_uint_eq(cc_slot_names.n, CC_SLOT_COUNT_);
    cc_names_choice_around(&b, cc_slot_names, "{", "}");
    ck_assert_str_eq(b.data, "{number}, {percent}, {money}, {rank}, {date}, {period} or {year}");
    cc_buf_reset(&b);
    cc_names_choice(&b, cc_type_names, 0);
    ck_assert_str_eq(b.data, "number, percent, money, rank, date or period");
    cc_buf_free(&b);
}
END_TEST

/* The number-word fragment (num.h) that {number} and {rank} are built on: whole numbers
 * in words, and not two numbers side by side. */
START_TEST(number_words_fragment)
{
    static const struct {
        const char *text;
        bool whole;
    } cases[] = {
        {"tám mươi sáu", true},  {"một trăm linh năm", true}, {"hai mươi mốt", true},
        {"sáu mươi triệu", true}, {"hai ba", false},          {"hai triệu nghìn", false},
        {"86", false},
    };
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "^");
    cc_num_words_regex(&b);
    cc_buf_adds(&b, "$");
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)b.data, b.len,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
    ck_assert_ptr_nonnull(re);
    uint32_t captures = 1;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &captures);
    ck_assert_uint_eq(captures, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t start, end;
        ck_assert_msg(tu_find(re, cases[i].text, &start, &end) == cases[i].whole,
                      "'%s' %s", cases[i].text, cases[i].whole ? "not matched" : "matched");
    }
    pcre2_code_free(re);
    cc_buf_free(&b);
}
END_TEST

#define NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *make_suite(void)
{
    Suite *s = suite_create("slot");
    TCase *tc = CC_TCASE(s, "core", setup, teardown, fragments_have_no_captures,
                         without_qualifiers, rank_date_period_year, no_catastrophic_backtracking,
                         names_lookup_types, name_tables_give_the_choices,
                         number_words_fragment);
    tcase_add_loop_test(tc, whole_matches_and_parses, 0, NROWS(WHOLE));
    tcase_add_loop_test(tc, non_matches, 0, NROWS(NOT_WHOLE));
    tcase_add_loop_test(tc, number_found_in_sentence, 0, NROWS(FINDS));
    return s;
}
