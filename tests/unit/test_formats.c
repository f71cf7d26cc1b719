/*
 * test_formats.c — the table of report formats (formats.h): every format by name, with
 * and without a claims reporter, and every reporter's write failure tested once through
 * the table.
 */
#include "testutil.h"

#include <string.h>
#include "formats.h"
#include "report_fixture.h"

/* Every format of the table, for `check` and (where it has one) for `extract`. */
START_TEST(every_format_returns_a_write_failure)
{
    static const char *const names[] = {"text", "json", "sarif", "github", "html"};
    fixture fx;
    fx_init(&fx);
    cc_report_opts o = {.color = true};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const cc_report_format *fmt = cc_report_format_find(names[i]);
        ck_assert_ptr_nonnull(fmt);
        ck_assert_str_eq(fmt->name, names[i]);
        FILE *full = fopen("/dev/full", "w");
        ck_assert_ptr_nonnull(full);
        ck_assert_msg(fmt->report(full, &fx.run, &o) == -1, "%s", names[i]);
        clearerr(full);
        if (fmt->claims)
            ck_assert_msg(fmt->claims(full, &fx.run, &o) == -1, "%s claims", names[i]);
        fclose(full);
    }
    fx_free(&fx);
}
END_TEST

START_TEST(format_table)
{
    ck_assert_ptr_null(cc_report_format_find("xml"));
    ck_assert_ptr_null(cc_report_format_find(""));
    ck_assert_ptr_nonnull(cc_report_format_find("text")->claims);
    ck_assert_ptr_nonnull(cc_report_format_find("json")->claims);
    ck_assert_ptr_null(cc_report_format_find("sarif")->claims);
    ck_assert_ptr_null(cc_report_format_find("github")->claims);
    ck_assert_ptr_null(cc_report_format_find("html")->claims);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("formats");
    CC_TCASE(s, "core", NULL, NULL, every_format_returns_a_write_failure, format_table);
    return s;
}
