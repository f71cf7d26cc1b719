/* Unit tests for pattern.c: slot expansion, compile errors at rulebook positions, limits,
 * and the prefilter words read from each pattern. */
#include <stdio.h>
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
        {"{rank}\\s+châu Á", "châu á"},             /* a phrase (prefilter.h) */
        {"(?:Đông Nam Á|ASEAN)\\s*{rank}", "đông asean"},
        {"(?<!Đông Nam ){rank}\\s+(?:quốc gia|nước)", "quốc gia nước"},
        {"(?:quốc gia)?{rank}", ""},               /* optional group proves nothing */
        {"xếp\\s+{rank}|{rank}\\s+thế giới", "xếp giới"},
        {"(?:a|{rank})", ""},                      /* one alternative has no word */
        {"{rank}.{0,40}hạng", "hạng"},
        {"(?<year>năm)\\s+{rank}", "năm"},
        {"thứ?\\s*{rank}", ""},                   /* "th" is too short once 'ứ' is optional */
        {"tuyến{x|\\d+{rank}", ""},              /* a literal '{' hides no '|' (fuzz_pattern) */
        {"tuyến\\c(|\\d+{rank}", ""},              /* \\c( is one character, not a group */
        {"1(*:(tuyến(){rank}", ""},                /* a verb's name is not text to match */
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

/* ---- the pattern lexer, shared by lint and compile ------------------------------- */

/* The tokens of a pattern as "kind:text" words: L literal, E escape, Q quoted, C class,
 * # comment, S slot. */
static void tokens_of(const char *pattern, cc_buf *out)
{
    static const char kinds[] = {
        [CC_PATTOK_LITERAL] = 'L', [CC_PATTOK_ESCAPE] = 'E', [CC_PATTOK_QUOTED] = 'Q',
        [CC_PATTOK_CLASS] = 'C',   [CC_PATTOK_COMMENT] = '#', [CC_PATTOK_SLOT] = 'S',
    };
    cc_patlex x;
    cc_pattok t;
    cc_patlex_init(&x, pattern, strlen(pattern));
    while (cc_patlex_next(&x, &t))
        cc_buf_addf(out, "%s%c:%.*s", out->len ? " " : "", kinds[t.kind],
                    (int)(t.end - t.start), pattern + t.start);
}

START_TEST(lexer_tokens)
{
    static const struct {
        const char *pattern, *tokens;
    } cases[] = {
        {"hạng {rank}", "L:hạng  S:{rank}"},
        {"a{2,3}{x-y_1}", "L:a L:{2,3} S:{x-y_1}"},
        {"\\Q{number}\\E", "Q:\\Q{number}\\E"},
        {"\\Q{number}", "Q:\\Q{number}"},                 /* no \\E: to the end */
        {"[{number}]", "C:[{number}]"},
        {"[]{rank}]x", "C:[]{rank}] L:x"},                 /* ']' first is literal */
        {"[^]a][:alpha:]]", "C:[^]a] C:[:alpha:] L:]"},
        {"[[:alpha:]{rank}]", "C:[[:alpha:]{rank}]"},
        {"[\\]{rank}]", "C:[\\]{rank}]"},
        {"[a\\Q]{rank}\\E]", "C:[a\\Q]{rank}\\E]"},
        {"\\p{L}\\x{1F600}\\c{rank}", "E:\\p{L} E:\\x{1F600} E:\\c{ L:rank}"},
        {"(?#{rank})(?:a)", "#:(?#{rank}) L:( L:?:a L:)"},
        {"(?x)a # {rank}\n{rank}", "L:(?x) L:a  #:# {rank}\n S:{rank}"},
        {"(?x:a\n)#{rank}", "L:(?x: L:a\n L:) L:# S:{rank}"}, /* (?x) ends with its group */
        {"(?x:#)#{rank}", "L:(?x: #:#)#{rank}"},       /* ')' in a comment is the comment's */
        {"(?-x)#{rank}", "L:(?-x) L:# S:{rank}"},
        {"\\", "E:\\"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cc_buf got = CC_BUF_INIT;
        tokens_of(cases[i].pattern, &got);
        ck_assert_msg(strcmp(got.data ? got.data : "", cases[i].tokens) == 0,
                      "'%s': tokens '%s', expected '%s'", cases[i].pattern, got.data,
                      cases[i].tokens);
        cc_buf_free(&got);
    }
}
END_TEST

/* Compiles `pattern` as the one pattern of a number field of a rulebook made by hand,
 * as if lint had passed it; the first diagnostic's message into `msg` ("" if none). */
static int compile_alone(const char *pattern, char *msg, size_t cap)
{
    cc_pattern pat = {.source = (char *)pattern, .mark = {3, 5}, .plain_scalar = true, .sign = 1};
    cc_field field = {.id = "f", .type = CC_TYPE_NUMBER, .patterns = &pat, .npatterns = 1};
    cc_rulebook rb = {.path = "t.yaml", .fields = &field, .nfields = 1};
    cc_diags d = {0};
    int rc = cc_patterns_compile(&rb, &d);
    snprintf(msg, cap, "%s", d.n ? d.v[0].message : "");
    if (d.n)
        ck_assert_uint_eq(d.v[0].column, 5 + 2); /* every case has its '{' at offset 2 */
    cc_patterns_release(&rb);
    cc_diags_free(&d);
    return rc;
}

/* The diagnostics of loading a rulebook whose field f has the one (plain) pattern. */
static void lint_errors(const char *pattern, char *msg, size_t cap)
{
    cc_buf y = CC_BUF_INIT;
    cc_buf_addf(&y, "%s      - %s\n", BASE, pattern);
    cc_diags d = {0};
    ck_assert_ptr_null(cc_rulebook_load_mem("t.yaml", y.data, y.len, &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert_uint_eq(d.v[0].line, 10);
    snprintf(msg, cap, "%u:%s", d.v[0].column, d.v[0].message);
    cc_diags_free(&d);
    cc_buf_free(&y);
}

/* A slot that cannot capture is refused by lint and by the compiler, with one message. */
START_TEST(lint_and_compile_refuse_the_same_slots)
{
    static const struct {
        const char *pattern, *lint, *compile;
    } cases[] = {
        {"\\Q{number}\\E lượt",
         "11:slot '{number}' is inside \\Q...\\E, where it never captures",
         "slot '{number}' in field 'f' is inside \\Q...\\E, where it never captures"},
        {"x[{number}]",
         "11:slot '{number}' is inside a character class, where it never captures",
         "slot '{number}' in field 'f' is inside a character class, where it never captures"},
        {"x {nmber}",
         "11:unknown slot '{nmber}'; expected {number}, {percent}, {money}, {rank}, {date}, "
         "{period} or {year}; did you mean '{number}'?",
         "unknown slot '{nmber}' in field 'f'; expected {number}, {percent}, {money}, "
         "{rank}, {date}, {period} or {year}"},
        {"x {number}{number}{number}{number}{number}",
         "43:a pattern may hold at most 4 slots",
         NULL /* checked below: the fifth '{' is not at offset 2 */},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char lint[256], compiled[256];
        lint_errors(cases[i].pattern, lint, sizeof lint);
        ck_assert_str_eq(lint, cases[i].lint);
        if (!cases[i].compile)
            continue;
        ck_assert_int_eq(compile_alone(cases[i].pattern, compiled, sizeof compiled), -1);
        ck_assert_str_eq(compiled, cases[i].compile);
    }
}
END_TEST

/* Slot-shaped text in a comment or an escape is PCRE2's, not a slot, for both sides. */
START_TEST(slots_in_comments_and_escapes_are_text)
{
    char msg[256];
    ck_assert_int_eq(compile_alone("x {number}(?#{rank})\\p{L}", msg, sizeof msg), 0);
    ck_assert_str_eq(msg, "");
    ck_assert_int_eq(compile_alone("x {number}(?x)#{rank}\n", msg, sizeof msg), 0);
    ck_assert_str_eq(msg, "");
}
END_TEST

/* JIT code is made once a pattern has searched CC_JIT_AFTER_BYTES, not when the rulebook
 * is compiled nor at its first match: a pattern never matched (`rules lint`, or its
 * prefilter words absent) or matched on one short draft costs none. One match data
 * block serves patterns with different numbers of groups. */
START_TEST(jit_waits_for_the_first_match)
{
    size_t before = cc_pattern_jit_bytes();
    cc_buf y = CC_BUF_INIT;
    cc_buf_addf(&y, "%s      - '{rank}\\s+châu Á'\n      - '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m)(n)(o)(p)(q)(r)(s)(t)\\s+{rank}'\n", BASE);
    cc_diags d = {0};
    cc_rulebook *rb = load(y.data, &d);
    ck_assert_int_eq(cc_patterns_compile(rb, &d), 0);
    ck_assert_uint_eq(cc_pattern_jit_bytes(), before);
    cc_match m;
    const char *t = "xếp thứ 24/47 châu Á";
    ck_assert_int_eq(cc_pattern_match(&rb->fields[0].patterns[0], t, strlen(t), 0, &m),
                     CC_MATCH_FOUND);
    ck_assert_uint_eq(cc_pattern_jit_bytes(), before); /* interpreted: a short text */
    cc_buf long_text = CC_BUF_INIT;
    while (long_text.len < CC_JIT_AFTER_BYTES)
        cc_buf_adds(&long_text, "không có gì ở đây. ");
    cc_buf_adds(&long_text, t);
    ck_assert_int_eq(cc_pattern_match(&rb->fields[0].patterns[0], long_text.data,
                                      long_text.len, 0, &m),
                     CC_MATCH_FOUND);
    cc_buf_free(&long_text);
    size_t one = cc_pattern_jit_bytes();
    ck_assert_uint_gt(one, before); /* enough text searched: JIT-compiled */
    const char *u = "abcdefghijklmnopqrst 3/5";
    ck_assert_int_eq(cc_pattern_match(&rb->fields[0].patterns[1], u, strlen(u), 0, &m),
                     CC_MATCH_FOUND); /* 21 groups: the shared match data grows */
    ck_assert_uint_eq(m.slots[0].start, 21);
    ck_assert_uint_eq(m.slots[0].end, 24);
    ck_assert_int_eq(cc_pattern_match(&rb->fields[0].patterns[0], t, strlen(t), 0, &m),
                     CC_MATCH_FOUND);
    ck_assert_uint_eq(m.slots[0].start, strlen("xếp ")); /* {rank} takes "thứ" */
    ck_assert_uint_eq(cc_pattern_jit_bytes(), one); /* the other one was not: short texts */
    cc_rulebook_free(rb);
    ck_assert_uint_eq(cc_pattern_jit_bytes(), before); /* freed with the rulebook */
    cc_diags_free(&d);
    cc_buf_free(&y);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("pattern");
    TCase *tc = CC_TCASE(s, "core", NULL, NULL, prefilter_words, slots_become_groups_and_match,
                         compile_error_at_rulebook_column, catastrophic_pattern_hits_the_limit,
                         lexer_tokens, lint_and_compile_refuse_the_same_slots,
                         slots_in_comments_and_escapes_are_text, jit_waits_for_the_first_match);
    tcase_set_timeout(tc, 30);
    return s;
}
