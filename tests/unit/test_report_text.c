/* Unit tests for report_text.c: findings like a compiler, the source window and its
 * caret, colours, the summary line, the claims table. Every test asserts exact text. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "report_fixture.h"
#include "report_text.h"

/* ---- helpers ------------------------------------------------------------- */

static char *render_text(const cc_run *run, bool color)
{
    cc_report_opts o = {.color = color};
    int rc = -2;
    char *t = fx_render(cc_report_text, run, &o, &rc);
    ck_assert_int_eq(rc, 0);
    return t;
}

/* A run over one document "x.txt" with the rulebook of the fixture and no claims. */
static void small_run(fixture *fx)
{
    memset(fx, 0, sizeof *fx);
    fx_rulebook(fx);
    cc_run_init(&fx->run, &fx->rb);
    cc_run_add_document(&fx->run, "x.txt");
}

static cc_finding *add_error_at(cc_run *run, long claim, const char *message)
{
    cc_finding *f = fx_finding(run, CC_FIND_SANITY, 0, -1, CC_SEV_ERROR, message, NULL, claim);
    return f;
}

/*
 * The two window lines (source and caret) printed for one claim in `sentence` whose
 * value is `value`, the sentence starting at column `col` of line `line`.
 */
static char *window_lines(const char *sentence, const char *value, unsigned line,
                          unsigned col)
{
    fixture fx;
    small_run(&fx);
    cc_claim *c = fx_claim(&fx.run, 0, 0, 0, 2020, line, col, 0, sentence, value, value);
    c->value.type = CC_TYPE_RANK;
    add_error_at(&fx.run, 0, "m");
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_text(&fx.run, false);
    fx_free(&fx);
    /* Drop the finding's first line and the summary line. */
    char *start = strchr(t, '\n') + 1;
    char *end = strstr(start, "1 finding (1 error)");
    ck_assert_ptr_nonnull(end);
    char *w = cc_xstrndup(start, (size_t)(end - start));
    free(t);
    return w;
}

/* n copies of the `len` bytes at s */
static char *repeat_n(const char *s, size_t len, int n)
{
    cc_buf b = CC_BUF_INIT;
    for (int i = 0; i < n; i++)
        cc_buf_add(&b, s, len);
    return cc_buf_detach(&b);
}

/* ---- the whole report ------------------------------------------------------- */

static const char full_report[] =
    "c.txt:4:170: warning: the level-4 target for 2020 differs between sources: 50% here, 30% in 2 other documents [level4-target]\n"
    "    4 | …ch vụ công trực tuyến mức độ 4 phải đạt 50% trên tổng số thủ tục hành chính, đồn…\n"
    "      |                                          ^~~\n"
    "  note: 30% in a.txt:3:22 \"30% dịch vụ công trực tuyến mức độ 4\"\n"
    "  note: 30% in b.txt:5:31 \"30% dịch vụ công\"\n"
    "  note: compatible with several sides: b.txt:9:1 \"Tối thiểu 30% dịch vụ công trực tuyến đạt mức độ 4\"\n"
    "  help: 2 documents say 30%; correct this figure if the original source agrees\n"
    "c.txt:6:31: error: Việt Nam's rank in Asia 25/24 is past the total [egdi-asia-rank]\n"
    "    6 | 【Tin nhanh】 Việt Nam xếp hạng 25/24 châu Á năm 2020.\n"
    "      |                                 ^~~~~\n"
    "b.txt:7:3: info: invalid UTF-8 replaced by U+FFFD\n"
    "3 findings (1 error, 1 warning, 1 info) in 3 documents; 6 claims in 2 groups\n";

START_TEST(text_full_report)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_text(&fx.run, false);
    ck_assert_str_eq(t, full_report);
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(text_full_report_in_colour)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_text(&fx.run, true);
    ck_assert_str_eq(t,
        "\033[1mc.txt:4:170:\033[0m \033[1;35mwarning:\033[0m the level-4 target for 2020 differs between sources: 50% here, 30% in 2 other documents [level4-target]\n"
        "    4 | …ch vụ công trực tuyến mức độ 4 phải đạt 50% trên tổng số thủ tục hành chính, đồn…\n"
        "      |                                          \033[1;32m^~~\033[0m\n"
        "  \033[1;36mnote:\033[0m 30% in a.txt:3:22 \"30% dịch vụ công trực tuyến mức độ 4\"\n"
        "  \033[1;36mnote:\033[0m 30% in b.txt:5:31 \"30% dịch vụ công\"\n"
        "  \033[1;36mnote:\033[0m compatible with several sides: b.txt:9:1 \"Tối thiểu 30% dịch vụ công trực tuyến đạt mức độ 4\"\n"
        "  \033[1mhelp:\033[0m 2 documents say 30%; correct this figure if the original source agrees\n"
        "\033[1mc.txt:6:31:\033[0m \033[1;31merror:\033[0m Việt Nam's rank in Asia 25/24 is past the total [egdi-asia-rank]\n"
        "    6 | 【Tin nhanh】 Việt Nam xếp hạng 25/24 châu Á năm 2020.\n"
        "      |                                 \033[1;32m^~~~~\033[0m\n"
        "\033[1mb.txt:7:3:\033[0m \033[1;36minfo:\033[0m invalid UTF-8 replaced by U+FFFD\n"
        "3 findings (1 error, 1 warning, 1 info) in 3 documents; 6 claims in 2 groups\n");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(text_does_not_change_the_run)
{
    fixture fx;
    fx_init(&fx);
    char *first = render_text(&fx.run, false);
    char *second = render_text(&fx.run, false);
    ck_assert_str_eq(first, second);
    ck_assert_uint_eq(fx.run.nfindings, 3);
    ck_assert_str_eq(fx.run.claims[3].sentence, FX_LONG_SENTENCE);
    free(first);
    free(second);
    fx_free(&fx);
}
END_TEST

/* ---- locations and notes ---------------------------------------------------- */

START_TEST(text_finding_without_claim_locations)
{
    fixture fx;
    small_run(&fx);
    cc_finding *f = add_error_at(&fx.run, -1, "no line");
    f->rule = -1;
    f->kind = CC_FIND_INPUT;
    f->path = cc_xstrdup("b.txt");
    f = add_error_at(&fx.run, -1, "line only");
    f->kind = CC_FIND_LIMIT;
    f->path = cc_xstrdup("b.txt");
    f->line = 12;
    f = add_error_at(&fx.run, -1, "no file");
    f->severity = CC_SEV_WARNING;
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_text(&fx.run, false);
    ck_assert_str_eq(t,
        "b.txt: error: no line\n"
        "b.txt:12: error: line only [egdi-asia-rank]\n"
        "crosscheck: warning: no file [egdi-asia-rank]\n"
        "3 findings (2 errors, 1 warning) in 1 document; 0 claims in 0 groups\n");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(text_notes_for_every_side_when_the_location_is_none)
{
    fixture fx;
    small_run(&fx);
    cc_run_add_document(&fx.run, "y.txt");
    cc_claim *c = fx_claim(&fx.run, 0, 1, 0, 2020, 2, 1, 0, "Đạt 30% năm 2020.", "30%", "Đạt 30%");
    c->value = fx_percent(30, 30);
    c = fx_claim(&fx.run, 1, 1, 0, 2020, 8, 1, 0, "Đạt 50 % năm 2020.", "50 %", "50 %");
    c->value = fx_percent(50, 50);
    cc_finding *f = add_error_at(&fx.run, -1, "derived rule fails");
    f->kind = CC_FIND_DERIVED;
    f->rule = 1;
    f->path = cc_xstrdup("y.txt");
    f->line = 8;
    f->column = 1;
    fx_sides(f, 2);
    fx_side(&f->sides[0], fx_percent(30, 30), 1, 1, (const size_t[]){0});
    fx_side(&f->sides[1], fx_percent(50, 50), 1, 1, (const size_t[]){1});
    fx.run.ngroups = 1;
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_text(&fx.run, false);
    ck_assert_str_eq(t,
        "y.txt:8:1: error: derived rule fails [level4-target]\n"
        "  note: 30% in x.txt:2:5 \"Đạt 30%\"\n"
        "  note: 50 % in y.txt:8:5 \"50 %\"\n"
        "1 finding (1 error) in 2 documents; 2 claims in 1 group\n");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(text_cleans_control_characters_and_bad_bytes)
{
    fixture fx;
    small_run(&fx);
    cc_claim *c = fx_claim(&fx.run, 0, 0, 0, 2020, 1, 1, 0, "A\033[2J 24/47\x01 \xff.", "24/47",
                           "24/47\x01\xff");
    c->value.type = CC_TYPE_RANK;
    add_error_at(&fx.run, 0, "bad\tmessage\033[31m");
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_text(&fx.run, false);
    ck_assert_str_eq(t,
        "x.txt:1:7: error: bad\\tmessage\\x1b[31m [egdi-asia-rank]\n"
        "    1 | A\\x1b[2J 24/47\\x01 \\xff.\n"
        "      |          ^~~~~\n"
        "1 finding (1 error) in 1 document; 1 claim in 0 groups\n");
    free(t);
    fx_free(&fx);
}
END_TEST

/* ---- the source window ----------------------------------------------------------- */

/* One window a row: the sentence, its value, line and column, and the two lines shown.
 * In the sentence and the lines, "{S*N}" stands for N copies of S (see spell()). */
typedef struct window_row {
    const char *name;
    const char *sentence, *value;
    unsigned line, col;
    const char *want;
} window_row;

static const window_row WINDOWS[] = {
    {"short sentence at line start", "24/47 châu Á.", "24/47", 1, 1,
     "    1 | 24/47 châu Á.\n"
     "      | ^~~~~\n"},
    {"short sentence further in its line", "Việt Nam xếp thứ 24/47.", "24/47", 3, 1,
     "    3 | Việt Nam xếp thứ 24/47.\n"
     "      |                  ^~~~~\n"},
    {"sentence in the middle of its line", "Việt Nam xếp thứ 24/47.", "24/47", 3, 40,
     "    3 | …Việt Nam xếp thứ 24/47.\n"
     "      |                   ^~~~~\n"},
    /* 50 columns before the value: the last 40 are kept. */
    {"cut on the left", "{abcdefghij*5} 24/47 châu Á.", "24/47", 2, 1,
     "    2 | …bcdefghijabcdefghijabcdefghijabcdefghij 24/47 châu Á.\n"
     "      |                                          ^~~~~\n"},
    /* The value at the start: 5 + 75 columns of the 100 after it are kept. */
    {"cut on the right", "24/47{0123456789*10}", "24/47", 2, 1,
     "    2 | 24/47012345678901234567890123456789012345678901234567890123456789012345678901234…\n"
     "      | ^~~~~\n"},
    /* 40 x, the value (5), 35 y. */
    {"cut on both sides", "{x*45}24/47{y*45}", "24/47", 2, 1,
     "    2 | …{x*40}24/47{y*35}…\n      | { *41}^~~~~\n"},
    /* 30 wide brackets (60 columns) before the value: 20 of them fit in 40 columns. */
    {"wide characters count twice", "{【*30}24/47】", "24/47", 9, 1,
     "    9 | …{【*20}24/47】\n      | { *41}^~~~~\n"},
    /* NFD "Việt": e + U+0302 + U+0323 is one column; the column counts code points. */
    {"combining marks take no column", "Vie\xCC\x82\xCC\xA3t Nam 24/47.", "24/47", 1, 1,
     "    1 | Vie\xCC\x82\xCC\xA3t Nam 24/47.\n"
     "      |          ^~~~~\n"},
    /* "a" + U+0301 then 40 "b": the mark fits in the 40 columns, its letter does not. */
    {"never starts on a cut combining mark", "za\xCC\x81{b*40}24/47", "24/47", 1, 1,
     "    1 | …{b*40}24/47\n      | { *41}^~~~~\n"},
    /* Only a few KB around the value are looked at; the window is the same. */
    {"a very long line", "{x*200000}24/47{y*200000}", "24/47", 2, 1,
     "    2 | …{x*40}24/47{y*35}…\n      | { *41}^~~~~\n"},
    /* 3 000 zero-width marks before the value: more than is scanned, none shown. */
    {"cut inside endless combining marks", "a{\xCC\x81*3000}24/47", "24/47", 1, 1,
     "    1 | …24/47\n"
     "      |  ^~~~~\n"},
    {"a tab shows as its escape", "Tỷ lệ\tđạt 88,53%.", "88,53%", 1, 1,
     "    1 | Tỷ lệ\\tđạt 88,53%.\n"
     "      |            ^~~~~~\n"},
    {"the gutter grows for long line numbers", "Thứ 24/47.", "24/47", 123456, 1,
     "123456 | Thứ 24/47.\n"
     "       |     ^~~~~\n"},
};

/* `s` with each "{S*N}" replaced by N copies of S (the caller frees). */
static char *spell(const char *s)
{
    cc_buf b = CC_BUF_INIT;
    for (const char *p = s; *p;) {
        const char *star = *p == '{' ? strchr(p, '*') : NULL;
        const char *close = star ? strchr(star, '}') : NULL;
        if (!close) {
            cc_buf_add(&b, p++, 1);
            continue;
        }
        char *copy = repeat_n(p + 1, (size_t)(star - p - 1), atoi(star + 1));
        cc_buf_adds(&b, copy);
        free(copy);
        p = close + 1;
    }
    return cc_buf_detach(&b);
}

START_TEST(window_rows)
{
    const window_row *r = &WINDOWS[_i];
    char *sentence = spell(r->sentence), *want = spell(r->want);
    char *w = window_lines(sentence, r->value, r->line, r->col);
    ck_assert_msg(strcmp(w, want) == 0, "%s:\n got: %s\nwant: %s", r->name, w, want);
    free(w);
    free(want);
    free(sentence);
}
END_TEST

START_TEST(window_shows_only_the_value_line)
{
    /* A sentence over three lines (LF, then CRLF): only the value's line is shown, and
     * it starts its line, so no "…" however the column reads. */
    fixture fx;
    small_run(&fx);
    cc_claim *c = fx_claim(&fx.run, 0, 0, 0, 2020, 5, 1, 0,
                           "Dòng đầu,\nViệt Nam thứ 24/47\r\nchâu Á.", "24/47", "24/47");
    c->column = 14;
    c->value.type = CC_TYPE_RANK;
    add_error_at(&fx.run, 0, "m");
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_text(&fx.run, false);
    ck_assert_str_eq(t,
        "x.txt:5:14: error: m [egdi-asia-rank]\n"
        "    5 | Việt Nam thứ 24/47\n"
        "      |              ^~~~~\n"
        "1 finding (1 error) in 1 document; 1 claim in 0 groups\n");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(window_survives_offsets_past_the_sentence)
{
    fixture fx;
    small_run(&fx);
    cc_claim *c = fx_claim(&fx.run, 0, 0, 0, 2020, 1, 1, 0, "Thứ 24/47.", "24/47", "24/47");
    c->value_in_sentence = 1000;
    c->column = 11;
    add_error_at(&fx.run, 0, "m");
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_text(&fx.run, false);
    ck_assert_str_eq(t,
        "x.txt:1:11: error: m [egdi-asia-rank]\n"
        "    1 | Thứ 24/47.\n"
        "      |           ^\n"
        "1 finding (1 error) in 1 document; 1 claim in 0 groups\n");
    free(t);
    fx_free(&fx);
}
END_TEST

/* ---- the summary line ---------------------------------------------------------------- */

static char *summary_of(cc_run *run)
{
    cc_run_summarise(run, CC_SEV_ERROR);
    char *t = render_text(run, false);
    char *last = strrchr(t, '\n');
    while (last > t && last[-1] != '\n')
        last--;
    char *line = cc_xstrdup(last);
    free(t);
    return line;
}

START_TEST(summary_without_findings)
{
    fixture fx;
    small_run(&fx);
    cc_run_add_document(&fx.run, "y.txt");
    cc_claim *c = fx_claim(&fx.run, 0, 0, 0, 2020, 1, 1, 0, "Thứ 24/47.", "24/47", "24/47");
    c->value.type = CC_TYPE_RANK;
    fx.run.ngroups = 1;
    char *s = summary_of(&fx.run);
    ck_assert_str_eq(s, "no conflicts in 2 documents; 1 claim in 1 group\n");
    free(s);
    fx_free(&fx);
}
END_TEST

START_TEST(summary_counts_conflicts_and_severities)
{
    fixture fx;
    small_run(&fx);
    cc_finding *f = add_error_at(&fx.run, -1, "a");
    f->kind = CC_FIND_CONFLICT;
    char *s = summary_of(&fx.run);
    ck_assert_str_eq(s, "1 conflict (1 error) in 1 document; 0 claims in 0 groups\n");
    free(s);
    f = add_error_at(&fx.run, -1, "b");
    f->kind = CC_FIND_CONFLICT;
    f = add_error_at(&fx.run, -1, "c");
    f->kind = CC_FIND_CONFLICT;
    f->severity = CC_SEV_WARNING;
    fx.run.ngroups = 38;
    s = summary_of(&fx.run);
    ck_assert_str_eq(s, "3 conflicts (2 errors, 1 warning) in 1 document; 0 claims in 38 groups\n");
    free(s);
    fx_free(&fx);
}
END_TEST

START_TEST(summary_says_findings_when_not_all_are_conflicts)
{
    fixture fx;
    small_run(&fx);
    cc_finding *f = add_error_at(&fx.run, -1, "a");
    f->severity = CC_SEV_INFO;
    f = add_error_at(&fx.run, -1, "b");
    f->severity = CC_SEV_INFO;
    char *s = summary_of(&fx.run);
    ck_assert_str_eq(s, "2 findings (2 infos) in 1 document; 0 claims in 0 groups\n");
    free(s);
    fx_free(&fx);
}
END_TEST

START_TEST(summary_counts_skipped_files)
{
    fixture fx;
    small_run(&fx);
    cc_run_add_document(&fx.run, "bin.dat")->skipped = true;
    char *s = summary_of(&fx.run);
    ck_assert_str_eq(s, "no conflicts in 2 documents; 0 claims in 0 groups; 1 file skipped\n");
    free(s);
    cc_run_add_document(&fx.run, "utf16.txt")->skipped = true;
    s = summary_of(&fx.run);
    ck_assert_str_eq(s, "no conflicts in 3 documents; 0 claims in 0 groups; 2 files skipped\n");
    free(s);
    fx_free(&fx);
}
END_TEST

/* ---- the claims table ------------------------------------------------------------------ */

START_TEST(claims_table_of_the_fixture)
{
    fixture fx;
    fx_init(&fx);
    int rc = -2;
    char *t = fx_render(cc_report_claims_table, &fx.run, NULL, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(t,
        "LOCATION     FIELD              SUBJECT  SCOPE  VALUE            WORDS\n"
        "a.txt:3:22   dvc.level4.target  vietnam  2020   30%              30%\n"
        "b.txt:5:31   dvc.level4.target  vietnam  2020   30%              30%\n"
        "b.txt:9:1    dvc.level4.target  vietnam  2020   30..inf%         Tối thiểu 30%\n"
        "c.txt:4:170  dvc.level4.target  vietnam  2020   50%              50%\n"
        "c.txt:6:31   egdi.rank.asia     vietnam  2020   25/24            25/24\n"
        "a.txt:7:20   dvc.level4.target  -        -      15.905..15.915%  15,91%\n"
        "6 claims in 3 documents\n");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(claims_table_pads_by_display_width)
{
    fixture fx;
    memset(&fx, 0, sizeof fx);
    fx_rulebook(&fx);
    cc_run_init(&fx.run, &fx.rb);
    cc_run_add_document(&fx.run, "báo【1】.txt");
    cc_claim *c = fx_claim(&fx.run, 0, 0, 1, 2019, 2, 1, 0, "Hà Nội thứ 1.", "thứ 1", "thứ 1");
    c->value.type = CC_TYPE_RANK;
    c->value.position = 1;
    int rc = -2;
    char *t = fx_render(cc_report_claims_table, &fx.run, NULL, &rc);
    ck_assert_int_eq(rc, 0);
    /* "báo【1】.txt:2:8" is 16 columns wide (each bracket is 2). */
    ck_assert_str_eq(t,
        "LOCATION          FIELD           SUBJECT  SCOPE  VALUE  WORDS\n"
        "báo【1】.txt:2:8  egdi.rank.asia  hanoi    2019   1      thứ 1\n"
        "1 claim in 1 document\n");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(claims_table_without_claims)
{
    fixture fx;
    small_run(&fx);
    int rc = -2;
    char *t = fx_render(cc_report_claims_table, &fx.run, NULL, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(t, "LOCATION  FIELD  SUBJECT  SCOPE  VALUE  WORDS\n0 claims in 1 document\n");
    free(t);
    fx_free(&fx);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("report_text");
    CC_TCASE(s, "report", NULL, NULL, text_full_report, text_full_report_in_colour,
             text_does_not_change_the_run, text_finding_without_claim_locations,
             text_notes_for_every_side_when_the_location_is_none,
             text_cleans_control_characters_and_bad_bytes);
    TCase *tc = CC_TCASE(s, "window", NULL, NULL, window_shows_only_the_value_line,
                         window_survives_offsets_past_the_sentence);
    tcase_add_loop_test(tc, window_rows, 0, sizeof WINDOWS / sizeof WINDOWS[0]);
    CC_TCASE(s, "summary", NULL, NULL, summary_without_findings,
             summary_counts_conflicts_and_severities,
             summary_says_findings_when_not_all_are_conflicts, summary_counts_skipped_files);
    CC_TCASE(s, "claims_table", NULL, NULL, claims_table_of_the_fixture,
             claims_table_pads_by_display_width, claims_table_without_claims);
    return s;
}
