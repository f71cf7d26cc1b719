/*
 * test_examples.c — `rules test` (examples.h): failures are reported one line each, and
 * with --explain each is followed by the step that failed — the expected value, the
 * pattern (its prefilter, or the longest start of it that matches), the value read, the
 * subject, the context, the scope — in exact words.
 */
#include "testutil.h"

#include <string.h>
#include "examples.h"

static const char RULEBOOK[] =
    "version: 1\nname: explain\nsubjects:\n  vn: {name: Việt Nam, aliases: [Việt Nam]}\n"
    "fields:\n"
    "  asia:\n    type: rank\n    subject: vn\n    patterns: ['{rank}\\s+châu\\s+Á']\n"
    "    examples:\n"
    "      - {text: 'xếp hạng 24/47 châu Á', value: '24/47'}\n"                /* 11 */
    "      - {text: 'xếp hạng 86/193 quốc gia, 24/24 châu Á', value: '24/47'}\n" /* 12 */
    "      - {text: 'xếp hạng 24/47 ở châu Á', value: '24/47'}\n"              /* 13 */
    "      - {text: 'xếp hạng 24/47 Đông Nam Á', value: '24/47'}\n"            /* 14 */
    "      - {text: '6/11 châu Á', none: true}\n"                              /* 15 */
    "  passengers:\n    type: number\n    patterns: ['{number}\\s+hành\\s+khách']\n"
    "    examples:\n"
    "      - {text: 'Tàu chở 503 hành khách.', value: '503'}\n"                /* 20 */
    "      - {text: 'Việt Nam có 99999999999999999999999999 hành khách.', value: '5'}\n"
    "      - {text: 'Tàu chở 503 hành khách.', value: 'nhiều'}\n"              /* 22 */
    "  rate:\n    type: percent\n    subject: vn\n    scope: sentence-year\n"
    "    patterns: ['tỷ lệ {percent}']\n    context: ['hồ sơ']\n"
    "    examples:\n"
    "      - {text: 'Năm 2020 hồ sơ tỷ lệ 86,5%', value: '86,5%', scope: 2019}\n" /* 30 */
    "      - {text: 'Năm 2020 tỷ lệ 86,5%', value: '86,5%'}\n";                 /* 31 */

/* Compares line by line, so that a difference shows the one line (Check cuts long
 * messages). */
static void assert_lines(const char *got, const char *want)
{
    while (*got || *want) {
        const char *g = strchr(got, '\n'), *w = strchr(want, '\n');
        size_t gn = g ? (size_t)(g - got) : strlen(got), wn = w ? (size_t)(w - want) : strlen(want);
        char *gl = strndup(got, gn), *wl = strndup(want, wn);
        ck_assert_str_eq(gl, wl);
        free(gl);
        free(wl);
        got += gn + (g != NULL);
        want += wn + (w != NULL);
    }
}

/* What cc_examples_run writes, and the failure count through *failed. */
static char *run_examples(bool explain, size_t *failed, size_t *total)
{
    cc_rulebook *rb = tu_rulebook_compiled(RULEBOOK);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    *failed = cc_examples_run(rb, "r.yaml", explain, f, total);
    fclose(f);
    cc_rulebook_free(rb);
    return text;
}

static const char FAILURES[] =
    "r.yaml:12:9: example of field 'asia' failed: expected 24/47, got 24/24 (vn, 0)\n"
    "r.yaml:13:9: example of field 'asia' failed: expected 24/47, got nothing\n"
    "r.yaml:14:9: example of field 'asia' failed: expected 24/47, got nothing\n"
    "r.yaml:15:9: example of field 'asia' failed: expected no claim, got 6/11 (vn, 0)\n"
    "r.yaml:20:9: example of field 'passengers' failed: expected 503, got nothing\n"
    "r.yaml:21:9: example of field 'passengers' failed: expected 5, got nothing\n"
    "r.yaml:22:9: example of field 'passengers' failed: expected nhiều, got nothing\n"
    "r.yaml:30:9: example of field 'rate' failed: expected 86,5%, got 86.45..86.55% (vn, 2020)\n"
    "r.yaml:31:9: example of field 'rate' failed: expected 86,5%, got nothing\n";

START_TEST(failures_without_explain)
{
    size_t failed, total;
    char *text = run_examples(false, &failed, &total);
    ck_assert_uint_eq(total, 10);
    ck_assert_uint_eq(failed, 9);
    assert_lines(text, FAILURES);
    free(text);
}
END_TEST

START_TEST(failures_explained)
{
    size_t failed, total;
    char *text = run_examples(true, &failed, &total);
    ck_assert_uint_eq(failed, 9);
    assert_lines(
        text,
        "r.yaml:12:9: example of field 'asia' failed: expected 24/47, got 24/24 (vn, 0)\n"
        "  the value differed: the pattern matched '24/24 châu Á' and read 24/24, not 24/47\n"
        "r.yaml:13:9: example of field 'asia' failed: expected 24/47, got nothing\n"
        "  the pattern did not match: pattern 1 '{rank}\\s+châu\\s+Á'; its longest start that "
        "matches is '{rank}\\s+' (on 'hạng 24/47 '), and what follows, 'châu\\s+Á', does not\n"
        "r.yaml:14:9: example of field 'asia' failed: expected 24/47, got nothing\n"
        "  the pattern did not match: pattern 1 '{rank}\\s+châu\\s+Á' is not tried on a "
        "sentence without 'châu' (its prefilter)\n"
        "r.yaml:15:9: example of field 'asia' failed: expected no claim, got 6/11 (vn, 0)\n"
        "  the pattern matched a figure the example says is not one: '6/11 châu Á' read as 6/11\n"
        "r.yaml:20:9: example of field 'passengers' failed: expected 503, got nothing\n"
        "  the subject was not found: pattern 1 '{number}\\s+hành\\s+khách' matched '503 hành "
        "khách', but the sentence names none of the field's subjects (and the field has no "
        "'else:')\n"
        "r.yaml:21:9: example of field 'passengers' failed: expected 5, got nothing\n"
        "  the value did not parse: pattern 1 '{number}\\s+hành\\s+khách' matched "
        "'99999999999999999999999999 hành khách', but '99999999999999999999999999' is not read "
        "as a number\n"
        "r.yaml:22:9: example of field 'passengers' failed: expected nhiều, got nothing\n"
        "  the expected value did not parse: 'nhiều' is not read as a number\n"
        "r.yaml:30:9: example of field 'rate' failed: expected 86,5%, got 86.45..86.55% (vn, 2020)\n"
        "  the scope differed: 'tỷ lệ 86,5%' was read for the year 2020, not 2019\n"
        "r.yaml:31:9: example of field 'rate' failed: expected 86,5%, got nothing\n"
        "  the context did not match: pattern 1 'tỷ lệ {percent}' matched, but none of the "
        "field's 'context' patterns matches the sentence\n");
    free(text);
}
END_TEST

/* The longest start of a pattern that matches: cut only where an item ends at the top
 * level, never before a quantifier, never past a top-level '|'. */
START_TEST(longest_prefix_cuts)
{
    cc_rulebook *rb = tu_rulebook_compiled(
        "version: 1\nname: p\nsubjects: {}\nfields:\n  f:\n    type: number\n    patterns:\n"
        "      - '{number}\\s+(?:người|hành khách)\\s+chết'\n"
        "      - 'xe\\s+chở\\s+{number}'\n"
        "      - 'a|{number}\\s+b'\n");
    const cc_field *f = &rb->fields[0];
    cc_span m;
    const char *s = "có 5 hành khách bị thương";
    size_t cut = cc_pattern_longest_prefix(rb, &f->patterns[0], s, strlen(s), &m);
    ck_assert_str_eq(f->patterns[0].source + cut, "chết");
    ck_assert_uint_eq(m.start, strlen("có "));
    ck_assert_uint_eq(m.end, strlen("có 5 hành khách "));
    s = "tàu chở 5";
    ck_assert_uint_eq(cc_pattern_longest_prefix(rb, &f->patterns[1], s, strlen(s), &m), 0);
    s = "xe tải";
    cut = cc_pattern_longest_prefix(rb, &f->patterns[1], s, strlen(s), &m);
    ck_assert_str_eq(f->patterns[1].source + cut, "chở\\s+{number}");
    s = "5 c";
    ck_assert_uint_eq(cc_pattern_longest_prefix(rb, &f->patterns[2], s, strlen(s), &m), 0);
    cc_rulebook_free(rb);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("examples");
    CC_TCASE(s, "explain", NULL, NULL, failures_without_explain, failures_explained,
             longest_prefix_cuts);
    return s;
}
