/* Unit tests for pattern.c: slot expansion, compile errors at rulebook positions, limits,
 * and the prefilter words read from each pattern. */
#include <string.h>
#include "pattern.h"
#include "testutil.h"

static cc_rulebook *load(const char *yaml, cc_diags *d)
{
    cc_rulebook *rb = cc_rulebook_load_mem("t.yaml", yaml, strlen(yaml), d);
    ck_assert_ptr_nonnull(rb);
    return rb;
}

static const char *const BASE =
    "version: 1\nname: t\nsubjects:\n  vn: {name: Việt Nam}\nfields:\n  f:\n    type: rank\n"
    "    subject: vn\n    patterns:\n";

/* The prefilter words of the first pattern of field f, space-separated ("" when none). */
static void words_of(const char *pattern, char *out, size_t cap)
{
    cc_buf y = CC_BUF_INIT;
    cc_buf_addf(&y, "%s      - '%s'\n", BASE, pattern);
    cc_diags d = {0};
    cc_rulebook *rb = load(y.data, &d);
    ck_assert_int_eq(cc_patterns_compile(rb, &d), 0);
    char *const *w;
    size_t n = cc_pattern_required(&rb->fields[0].patterns[0], &w);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(out, i ? " " : "", cap - strlen(out) - 1);
        strncat(out, w[i], cap - strlen(out) - 1);
    }
    cc_rulebook_free(rb);
    cc_diags_free(&d);
    cc_buf_free(&y);
}

START_TEST(prefilter_words)
{
    static const struct {
        const char *pattern, *words;
    } cases[] = {
        {"{rank}\\s+châu Á", "châu"},
        {"(?:Đông Nam Á|ASEAN)\\s*{rank}", "đông asean"},
        {"(?<!Đông Nam ){rank}\\s+(?:quốc gia|nước)", "quốc nước"},
        {"(?:quốc gia)?{rank}", ""},               /* optional group proves nothing */
        {"xếp\\s+{rank}|{rank}\\s+thế giới", "xếp giới"},
        {"(?:a|{rank})", ""},                      /* one alternative has no word */
        {"{rank}.{0,40}hạng", "hạng"},
        {"(?<year>năm)\\s+{rank}", "năm"},
        {"thứ?\\s*{rank}", ""},                   /* "th" is too short once 'ứ' is optional */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[128];
        words_of(cases[i].pattern, got, sizeof got);
        ck_assert_msg(strcmp(got, cases[i].words) == 0, "'%s': words '%s', expected '%s'",
                      cases[i].pattern, got, cases[i].words);
    }
}
END_TEST

START_TEST(slots_become_groups_and_match)
{
    cc_buf y = CC_BUF_INIT;
    cc_buf_addf(&y, "%s      - '{rank}\\s+châu Á'\n", BASE);
    cc_diags d = {0};
    cc_rulebook *rb = load(y.data, &d);
    ck_assert_int_eq(cc_patterns_compile(rb, &d), 0);
    const char *t = "xếp hạng 86/193 quốc gia, 24/47 CHÂU Á";
    cc_match m;
    ck_assert_int_eq(cc_pattern_match(&rb->fields[0].patterns[0], t, strlen(t), 0, &m),
                     CC_MATCH_FOUND);
    ck_assert_uint_eq(m.nslots, 1);
    ck_assert_int_eq(m.slot_kind[0], CC_SLOT_RANK);
    ck_assert_uint_eq(m.slots[0].end - m.slots[0].start, 5);
    ck_assert(memcmp(t + m.slots[0].start, "24/47", 5) == 0);
    cc_rulebook_free(rb);
    cc_diags_free(&d);
    cc_buf_free(&y);
}
END_TEST

START_TEST(compile_error_at_rulebook_column)
{
    cc_buf y = CC_BUF_INIT;
    cc_buf_addf(&y, "%s      - '{rank}\\s+(?<x châu Á'\n", BASE);
    cc_diags d = {0};
    cc_rulebook *rb = load(y.data, &d);
    ck_assert_int_eq(cc_patterns_compile(rb, &d), -1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_uint_eq(d.v[0].line, 10);
    ck_assert_uint_eq(d.v[0].column, 23); /* the pattern starts at column 10; offset 13 */
    ck_assert_str_eq(d.v[0].message, "invalid regular expression in field 'f': syntax error in "
                                     "subpattern name (missing terminator?) (at offset 13 of the "
                                     "pattern)");
    cc_rulebook_free(rb);
    cc_diags_free(&d);
    cc_buf_free(&y);
}
END_TEST

START_TEST(catastrophic_pattern_hits_the_limit)
{
    cc_buf y = CC_BUF_INIT;
    cc_buf_addf(&y, "%s      - '(?:(a+)+$|{rank})'\n", BASE);
    cc_diags d = {0};
    cc_rulebook *rb = load(y.data, &d);
    ck_assert_int_eq(cc_patterns_compile(rb, &d), 0);
    cc_buf t = CC_BUF_INIT;
    for (int i = 0; i < 30000; i++)
        cc_buf_addc(&t, 'a');
    cc_buf_addc(&t, 'b');
    cc_match m;
    ck_assert_int_eq(cc_pattern_match(&rb->fields[0].patterns[0], t.data, t.len, 0, &m),
                     CC_MATCH_LIMIT);
    cc_buf_free(&t);
    cc_rulebook_free(rb);
    cc_diags_free(&d);
    cc_buf_free(&y);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("pattern");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, prefilter_words);
    tcase_add_test(tc, slots_become_groups_and_match);
    tcase_add_test(tc, compile_error_at_rulebook_column);
    tcase_add_test(tc, catastrophic_pattern_hits_the_limit);
    suite_add_tcase(s, tc);
    return s;
}
