/* Unit tests for report_github.c: workflow-command lines (severity, position, title,
 * notes), GitHub's escaping of data and properties, hostile text, the summary line.
 * Every test asserts exact text. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "report_fixture.h"
#include "report_github.h"
#include "report_text.h"

static char *render_github(const cc_run *run)
{
    cc_report_opts o = {0};
    int rc = -2;
    char *t = fx_render(cc_report_github, run, &o, &rc);
    ck_assert_int_eq(rc, 0);
    return t;
}

static char *escaped(const char *s, size_t n, bool property)
{
    cc_buf b = CC_BUF_INIT;
    cc_github_escape(&b, s, n, property);
    return cc_buf_detach(&b);
}

#define ck_assert_escape(s, property, expected)                   \
    do {                                                          \
        char *e_ = escaped((s), sizeof(s) - 1, (property));       \
        ck_assert_str_eq(e_, (expected));                         \
        free(e_);                                                 \
    } while (0)

/* A run over "x.txt" with the fixture's rulebook and one sanity finding at a claim. */
static void one_claim_run(fixture *fx, const char *path, const char *sentence,
                          const char *value, const char *message)
{
    memset(fx, 0, sizeof *fx);
    fx_rulebook(fx);
    cc_run_init(&fx->run, &fx->rb);
    cc_run_add_document(&fx->run, path);
    cc_claim *c = fx_claim(&fx->run, 0, 0, 0, 2020, 2, 1, 0, sentence, value, value);
    c->value.type = CC_TYPE_RANK;
    fx_finding(&fx->run, CC_FIND_SANITY, 0, 0, CC_SEV_ERROR, message, NULL, 0);
    cc_run_summarise(&fx->run, CC_SEV_ERROR);
}

START_TEST(test_whole_report)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_github(&fx.run);
    ck_assert_str_eq(t,
        "::warning file=c.txt,line=4,col=170,endColumn=173,title=level4-target::"
        "the level-4 target for 2020 differs between sources: 50%25 here, 30%25 in 2 other "
        "documents"
        "%0Anote: 30%25 in a.txt:3:22 \"30%25 dịch vụ công trực tuyến mức độ 4\""
        "%0Anote: 30%25 in b.txt:5:31 \"30%25 dịch vụ công\""
        "%0Anote: compatible with several sides: b.txt:9:1 "
        "\"Tối thiểu 30%25 dịch vụ công trực tuyến đạt mức độ 4\""
        "%0Ahelp: 2 documents say 30%25; correct this figure if the original source agrees\n"
        "::error file=c.txt,line=6,col=31,endColumn=36,title=egdi-asia-rank::"
        "Việt Nam's rank in Asia 25/24 is past the total\n"
        "::notice file=b.txt,line=7,col=3,title=crosscheck/input::"
        "invalid UTF-8 replaced by U+FFFD\n"
        "3 findings (1 error, 1 warning, 1 info) in 3 documents; 6 claims in 2 groups\n");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(test_escape_data_and_properties)
{
    ck_assert_escape("50% a\r\nb:c,d", false, "50%25 a%0D%0Ab:c,d");
    ck_assert_escape("50% a\r\nb:c,d", true, "50%25 a%0D%0Ab%3Ac%2Cd");
    /* tab, ESC, DEL, C1 and bidi controls and invalid bytes are shown as escapes */
    ck_assert_escape("a\tb\033[31mc\x7f" "d\xc2\x85" "e", false,
                     "a\\tb\\x1b[31mc\\x7fd\\u0085e");
    ck_assert_escape("x\xff" "y\xe1\xbb", true, "x\\xffy\\xe1\\xbb");
    ck_assert_escape("a\xe2\x80\xae" "b", true, "a\\u202eb");
    ck_assert_escape("Tối thiểu", true, "Tối thiểu");
    ck_assert_escape("", false, "");
}
END_TEST

/* A path with commas and colons cannot end the file property; a message with newlines
 * cannot start a second command: the output keeps one line per finding. */
START_TEST(test_hostile_path_and_message)
{
    fixture fx;
    one_claim_run(&fx, "tin,mới:2020.txt", "Xếp hạng 25/24.", "25/24",
                  "bad\n::error file=evil::injected\r\x1b[2J");
    char *t = render_github(&fx.run);
    ck_assert_str_eq(t, "::error file=tin%2Cmới%3A2020.txt,line=2,col=10,endColumn=15,"
                        "title=egdi-asia-rank::bad%0A::error file=evil::injected%0D\\x1b[2J\n"
                        "1 finding (1 error) in 1 document; 1 claim in 0 groups\n");
    free(t);
    fx_free(&fx);
}
END_TEST

/* Columns are characters, not bytes; a combining mark is not one. */
START_TEST(test_columns_in_characters)
{
    fixture fx;
    one_claim_run(&fx, "x.txt", "Đứng thứ 24/47 châu Á", "thứ 24/47", "m");
    char *t = render_github(&fx.run);
    ck_assert_str_eq(t, "::error file=x.txt,line=2,col=6,endColumn=15,title=egdi-asia-rank::m\n"
                        "1 finding (1 error) in 1 document; 1 claim in 0 groups\n");
    free(t);
    fx_free(&fx);
    /* "thu\xcc\x81" is "thú" in NFD: 3 characters, 4 code points */
    one_claim_run(&fx, "x.txt", "Đứng thu\xcc\x81 24/47", "thu\xcc\x81 24/47", "m");
    t = render_github(&fx.run);
    ck_assert_ptr_nonnull(strstr(t, "col=6,endColumn=15,"));
    free(t);
    fx_free(&fx);
}
END_TEST

/* A value written over a line break ends on the next line. */
START_TEST(test_value_over_a_line_break)
{
    fixture fx;
    one_claim_run(&fx, "x.txt", "từ tháng 8/2017 –\n7/2020 nhé", "8/2017 –\n7/2020", "m");
    char *t = render_github(&fx.run);
    ck_assert_str_eq(t, "::error file=x.txt,line=2,endLine=3,col=10,endColumn=7,"
                        "title=egdi-asia-rank::m\n"
                        "1 finding (1 error) in 1 document; 1 claim in 0 groups\n");
    free(t);
    fx_free(&fx);
}
END_TEST

/* Findings without a claim give what they know; a field without a rule gets
 * "field/ID" as its title. */
START_TEST(test_without_claim_or_rule)
{
    fixture fx;
    memset(&fx, 0, sizeof fx);
    fx_rulebook(&fx);
    cc_run_init(&fx.run, &fx.rb);
    cc_run_add_document(&fx.run, "x.txt");
    cc_finding *f = fx_finding(&fx.run, CC_FIND_LIMIT, -1, -1, CC_SEV_WARNING,
                               "pattern hit its match limit", NULL, -1);
    f->path = cc_xstrdup("x.txt");
    f = fx_finding(&fx.run, CC_FIND_INPUT, -1, -1, CC_SEV_INFO, "no file", NULL, -1);
    f = fx_finding(&fx.run, CC_FIND_CONFLICT, -1, 1, CC_SEV_WARNING, "sources disagree", NULL, -1);
    f->path = cc_xstrdup("x.txt");
    f->line = 9;
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_github(&fx.run);
    ck_assert_str_eq(t, "::warning file=x.txt,title=crosscheck/limit::pattern hit its match limit\n"
                        "::notice title=crosscheck/input::no file\n"
                        "::warning file=x.txt,line=9,title=field/dvc.level4.target::"
                        "sources disagree\n"
                        "3 findings (2 warnings, 1 info) in 1 document; 0 claims in 0 groups\n");
    free(t);
    fx_free(&fx);
}
END_TEST

/* The text after the last line break but one: the last line, with its newline. */
static const char *last_line(const char *s)
{
    const char *p = s + strlen(s);
    if (p > s)
        p--;
    while (p > s && p[-1] != '\n')
        p--;
    return p;
}

/* The last line is the text report's summary line, whatever the run. */
START_TEST(test_summary_matches_text_report)
{
    fixture fx;
    fx_init(&fx);
    fx.run.docs[2].skipped = true;
    cc_report_opts o = {0};
    int rc;
    char *g = fx_render(cc_report_github, &fx.run, &o, &rc);
    char *txt = fx_render(cc_report_text, &fx.run, &o, &rc);
    ck_assert_str_eq(last_line(g), last_line(txt));
    ck_assert_str_eq(last_line(g), "3 findings (1 error, 1 warning, 1 info) in 3 documents; "
                                   "6 claims in 2 groups; 1 file skipped\n");
    free(g);
    free(txt);
    fx_free(&fx);

    memset(&fx, 0, sizeof fx);
    fx_rulebook(&fx);
    cc_run_init(&fx.run, &fx.rb);
    cc_run_add_document(&fx.run, "x.txt");
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    g = render_github(&fx.run);
    ck_assert_str_eq(g, "no conflicts in 1 document; 0 claims in 0 groups\n");
    free(g);
    fx_free(&fx);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("report_github");
    CC_TCASE(s, "core", NULL, NULL, test_whole_report, test_escape_data_and_properties,
             test_hostile_path_and_message, test_columns_in_characters,
             test_value_over_a_line_break, test_without_claim_or_rule,
             test_summary_matches_text_report);
    return s;
}
