/* Unit tests for baseline.c: reading baseline and ignore files (and their exact errors),
 * writing a baseline atomically with escaped strings, appending to an ignore file while
 * keeping its bytes, and dropping findings. Files go to a mkdtemp() directory. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>
#include "testutil.h"
#include "baseline.h"
#include "checker.h"
#include "extract.h"
#include "pattern.h"
#include "rulebook.h"
#include "util.h"


#define FP1 "0123456789abcdef"
#define FP2 "fedcba9876543210"

/* ---- reading -------------------------------------------------------------------- */

START_TEST(baseline_reads_flow_and_block_entries)
{
    const char *p = tu_write_text("b.yaml",
        "# crosscheck baseline: findings already known when it was written\n"
        "version: 1\n"
        "findings:\n"
        "  - {fingerprint: " FP1 ", rule: egdi-asia-rank, message: \"a \\\"quoted\\\" one\"}\n"
        "  - fingerprint: FEDCBA9876543210\n"
        "    rule: survey-period\n");
    cc_fingerprints f;
    cc_diags d = {0};
    ck_assert_int_eq(cc_baseline_read(p, &f, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(f.n, 2);
    ck_assert_str_eq(f.v[0], FP1);
    ck_assert_str_eq(f.v[1], FP2); /* stored lowercase */
    ck_assert(cc_fingerprints_has(&f, FP1));
    ck_assert(cc_fingerprints_has(&f, "FEDCBA9876543210"));
    ck_assert(!cc_fingerprints_has(&f, "0000000000000000"));
    ck_assert(!cc_fingerprints_has(&f, "0123")); /* not a fingerprint */
    cc_fingerprints_free(&f);
    ck_assert_uint_eq(f.n, 0);
    ck_assert_ptr_null(f.v);
}
END_TEST

START_TEST(empty_lists_are_fine)
{
    cc_fingerprints f;
    cc_diags d = {0};
    ck_assert_int_eq(cc_baseline_read(tu_write_text("a.yaml", "version: 1\nfindings: []\n"), &f, &d),
                     0);
    ck_assert_uint_eq(f.n, 0);
    cc_fingerprints_free(&f);
    ck_assert_int_eq(cc_ignore_read(tu_write_text("b.yaml", "version: 1\nignore:\n"), &f, &d), 0);
    ck_assert_uint_eq(f.n, 0);
    cc_fingerprints_free(&f);
    ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(ignore_reads_entries_and_a_missing_file_is_empty)
{
    const char *p = tu_write_text(".crosscheck-ignore.yaml",
        "version: 1\n"
        "ignore:\n"
        "  - fingerprint: " FP1 "\n"
        "    reason: the 2020 report says 24/47; 24/24 is a typo we corrected\n"
        "    who: Lan\n"
        "    date: 2026-11-25\n"
        "  - fingerprint: " FP2 "\n");
    cc_fingerprints f;
    cc_diags d = {0};
    ck_assert_int_eq(cc_ignore_read(p, &f, &d), 0);
    ck_assert_uint_eq(f.n, 2);
    ck_assert_str_eq(f.v[1], FP2);
    cc_fingerprints_free(&f);
    ck_assert_int_eq(cc_ignore_read(tu_path("none.yaml"), &f, &d), 0);
    ck_assert_uint_eq(f.n, 0);
    ck_assert_uint_eq(d.n, 0);
    /* A baseline named explicitly must exist. */
    ck_assert_int_eq(cc_baseline_read(tu_path("none.yaml"), &f, &d), -1);
    ck_assert_uint_eq(d.n, 1);
    char want[256];
    snprintf(want, sizeof want, "cannot read '%s': No such file or directory",
             tu_path("none.yaml"));
    ck_assert_str_eq(d.v[0].message, want);
    cc_diags_free(&d);
}
END_TEST

/* Reads `text` as a baseline (or ignore file) expecting one error at line:col. */
static void expect_error(bool ignore, const char *text, unsigned line, unsigned col,
                         const char *message)
{
    const char *p = tu_write_text("bad.yaml", text);
    cc_fingerprints f = {0};
    cc_diags d = {0};
    int rc = ignore ? cc_ignore_read(p, &f, &d) : cc_baseline_read(p, &f, &d);
    ck_assert_int_eq(rc, -1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert(cc_diag_fatal(&d.v[0]));
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "baseline");
    ck_assert_str_eq(d.v[0].path, p);
    ck_assert_str_eq(d.v[0].message, message);
    ck_assert_uint_eq(d.v[0].line, line);
    ck_assert_uint_eq(d.v[0].column, col);
    ck_assert_uint_eq(f.n, 0);
    ck_assert_ptr_null(f.v);
    cc_diags_free(&d);
}

START_TEST(errors_name_line_and_column)
{
    expect_error(false, "version: 2\nfindings: []\n", 1, 10,
                 "unsupported version '2' (this crosscheck reads 1)");
    expect_error(false, "version: 1\nfindings:\n  - {fingerprint: xyz}\n", 3, 19,
                 "fingerprint 'xyz' is not 16 hexadecimal digits");
    expect_error(false, "version: 1\nfindings:\n  - {fingerprnt: " FP1 "}\n", 3, 6,
                 "unknown key 'fingerprnt' (did you mean 'fingerprint'?)");
    expect_error(false, "version: 1\nfindings:\n  - {rule: x}\n", 3, 5,
                 "entry has no 'fingerprint'");
    expect_error(false, "findings: []\n", 1, 1, "missing 'version: 1'");
    expect_error(false, "version: 1\n", 1, 1, "missing 'findings'");
    expect_error(false, "version: 1\nfindings: 3\n", 2, 11, "'findings' must be a list");
    expect_error(false, "version: 1\nfindings:\n  - " FP1 "\n", 3, 5,
                 "each entry of 'findings' must be a mapping with a 'fingerprint'");
    expect_error(false, "version: 1\nfindings:\n  - {fingerprint: [" FP1 "]}\n", 3, 19,
                 "'fingerprint' must be a string");
    expect_error(false, "version: 1\nversion: 1\nfindings: []\n", 2, 1, "duplicate key 'version'");
    expect_error(false, "version: 1\nfindings: []\nextra: 1\n", 3, 1, "unknown key 'extra'");
    expect_error(false, "- 1\n", 1, 1, "expected a mapping with 'version' and 'findings'");
    expect_error(false, "", 1, 1, "empty file; expected 'version: 1' and 'findings'");
    expect_error(false, "version: 1\nfindings: []\n---\nversion: 1\n", 3, 1,
                 "more than one YAML document");
    expect_error(false, "version: &v 1\nfindings: *v\n", 2, 11,
                 "aliases are not allowed in this file");
    expect_error(false, "version: 1\nfindings:\n  - {fingerprint: " FP1 "\n", 4, 1,
                 "did not find expected ',' or '}' while parsing a flow mapping");
    expect_error(false, "version: 1\nfindings:\n\t- x\n", 3, 1,
                 "found character that cannot start any token while scanning for the next token");
    expect_error(true, "version: 1\nignore:\n  - fingerprint: " FP1 "\n    reasn: typo\n", 4, 5,
                 "unknown key 'reasn' (did you mean 'reason'?)");
    expect_error(true, "version: 1\nfindings: []\n", 2, 1,
                 "unknown key 'findings'");
    expect_error(true, "version: 1\nignore:\n  - fingerprint: " FP1 "\n    who: {a: b}\n", 4, 10,
                 "'who' must be a string");
    expect_error(false, "version: 1\nrulebook_sha256: abc\nfindings: []\n", 2, 18,
                 "'rulebook_sha256' must be 64 hexadecimal digits");
    expect_error(true, "version: 1\nrulebook_sha256: abc\nignore: []\n", 2, 1,
                 "unknown key 'rulebook_sha256'"); /* a baseline's key only */
}
END_TEST

/* An ignore file in UTF-16: libyaml places a control character only by byte offset,
 * which is counted back to the line and column of the text (line 4 here, not 1:1). */
START_TEST(utf16_errors_name_line_and_column)
{
    /* "version: 1\r\nignore:\n  - fingerprint: FP1\n    reason: a\x01\n", BOM first */
    static const char text[] = "version: 1\r\nignore:\n  - fingerprint: " FP1 "\n    reason: a\001\n";
    for (int be = 0; be < 2; be++) {
        cc_buf b = CC_BUF_INIT;
        cc_buf_add(&b, be ? "\xfe\xff" : "\xff\xfe", 2);
        for (const char *c = text; *c; c++) {
            char unit[2] = {be ? 0 : *c, be ? *c : 0};
            cc_buf_add(&b, unit, 2);
        }
        const char *p = tu_write("u16.yaml", b.data, b.len);
        cc_fingerprints f = {0};
        cc_diags d = {0};
        ck_assert_int_eq(cc_ignore_read(p, &f, &d), -1);
        ck_assert_uint_eq(d.n, 1);
        ck_assert_str_eq(d.v[0].message, "control characters are not allowed");
        ck_assert_uint_eq(d.v[0].line, 4);
        ck_assert_uint_eq(d.v[0].column, 14);
        cc_diags_free(&d);
        cc_buf_free(&b);
    }
}
END_TEST

START_TEST(reading_from_memory)
{
    const char text[] = "version: 1\nignore:\n  - fingerprint: " FP1 "\n";
    cc_fingerprints f;
    cc_diags d = {0};
    ck_assert_int_eq(cc_ignore_read_mem("mem.yaml", text, sizeof text - 1, &f, &d), 0);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.v[0], FP1);
    cc_fingerprints_free(&f);
    ck_assert_int_eq(cc_baseline_read_mem("mem.yaml", text, sizeof text - 1, &f, &d), -1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].path, "mem.yaml");
    ck_assert_str_eq(d.v[0].message, "unknown key 'ignore'");
    ck_assert_uint_eq(d.v[0].line, 2);
    ck_assert_uint_eq(f.n, 0);
    cc_diags_free(&d);
    /* A NUL byte is not YAML. */
    ck_assert_int_eq(cc_baseline_read_mem("nul.yaml", "version: 1\0", 11, &f, &d), -1);
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "baseline");
    cc_diags_free(&d);
}
END_TEST

START_TEST(oversized_file_is_refused)
{
    const char *p = tu_path("huge.yaml");
    FILE *f = fopen(p, "wb");
    ck_assert_ptr_nonnull(f);
    fputs("version: 1\nfindings:\n", f);
    static char line[100];
    snprintf(line, sizeof line, "  - {fingerprint: %s}\n", FP1);
    for (size_t written = 0; written <= 16u * 1024u * 1024u; written += strlen(line))
        fputs(line, f);
    fclose(f);
    cc_fingerprints fp;
    cc_diags d = {0};
    ck_assert_int_eq(cc_baseline_read(p, &fp, &d), -1);
    char want[256];
    snprintf(want, sizeof want, "cannot read '%s': larger than 16 MB", p);
    ck_assert_str_eq(d.v[0].message, want);
    cc_diags_free(&d);
}
END_TEST

/* ---- writing -------------------------------------------------------------------- */

/* A run with findings made by hand (no rulebook: rules are named by kind). */
static void add_finding(cc_run *run, const char *fp, const char *message)
{
    cc_finding *f = cc_run_add_finding(run);
    f->kind = CC_FIND_CONFLICT;
    f->message = cc_xstrdup(message);
    snprintf(f->fingerprint, sizeof f->fingerprint, "%s", fp);
    f->nsides = 2;
    f->sides = cc_xcalloc(2, sizeof *f->sides);
    f->sides[0].claims = cc_xcalloc(1, sizeof(size_t));
    f->sides[0].nclaims = 1;
    f->compatible = cc_xcalloc(1, sizeof(size_t));
    f->ncompatible = 1;
    f->path = cc_xstrdup("x.txt");
}

START_TEST(baseline_write_exact_text_and_reads_back)
{
    cc_run run;
    cc_run_init(&run, NULL);
    add_finding(&run, FP1, "Việt Nam's rank: 24/24 here, \"24/47\" elsewhere");
    add_finding(&run, FP2, "back\\slash");
    add_finding(&run, FP1, "the same fingerprint again");
    const char *p = tu_path("baseline.yaml");
    cc_diags d = {0};
    ck_assert_int_eq(cc_baseline_write(p, &run, &d), 0);
    char *text = tu_read(p, NULL);
    ck_assert_str_eq(text,
        "# crosscheck baseline: findings already known when it was written\n"
        "version: 1\n"
        "findings:\n"
        "  - {fingerprint: " FP1 ", rule: \"conflict\", message: \"Việt Nam's rank: 24/24 here, "
        "\\\"24/47\\\" elsewhere\"}\n"
        "  - {fingerprint: " FP2 ", rule: \"conflict\", message: \"back\\\\slash\"}\n");
    free(text);
    cc_fingerprints f;
    ck_assert_int_eq(cc_baseline_read(p, &f, &d), 0);
    ck_assert_uint_eq(f.n, 2);
    cc_fingerprints_free(&f);
    ck_assert_uint_eq(tu_count_files(), 1);
    struct stat st;
    ck_assert_int_eq(stat(p, &st), 0);
    mode_t mask = umask(0);
    umask(mask);
    ck_assert_uint_eq(st.st_mode & 0777, 0666 & ~mask); /* not mkstemp's 0600 */
    cc_run_free(&run);
    cc_diags_free(&d);
}
END_TEST

START_TEST(baseline_without_findings)
{
    cc_run run;
    cc_run_init(&run, NULL);
    const char *p = tu_path("empty.yaml");
    cc_diags d = {0};
    ck_assert_int_eq(cc_baseline_write(p, &run, &d), 0);
    char *text = tu_read(p, NULL);
    ck_assert_str_eq(text, "# crosscheck baseline: findings already known when it was written\n"
                           "version: 1\nfindings: []\n");
    free(text);
    cc_fingerprints f;
    ck_assert_int_eq(cc_baseline_read(p, &f, &d), 0);
    ck_assert_uint_eq(f.n, 0);
    cc_fingerprints_free(&f);
    cc_run_free(&run);
}
END_TEST

/* The message scalar of the first finding, as libyaml reads it back. */
static char *first_message(const char *path)
{
    char *text = tu_read(path, NULL);
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, strlen(text));
    yaml_event_t ev;
    char *msg = NULL;
    bool next_is_message = false;
    while (!msg && yaml_parser_parse(&p, &ev)) {
        bool end = ev.type == YAML_STREAM_END_EVENT;
        if (ev.type == YAML_SCALAR_EVENT) {
            const char *v = (const char *)ev.data.scalar.value;
            if (next_is_message)
                msg = cc_xstrndup(v, ev.data.scalar.length);
            next_is_message = strcmp(v, "message") == 0;
        }
        yaml_event_delete(&ev);
        if (end)
            break;
    }
    ck_assert_int_eq(p.error, YAML_NO_ERROR);
    yaml_parser_delete(&p);
    free(text);
    ck_assert_ptr_nonnull(msg);
    return msg;
}

START_TEST(control_characters_and_separators_are_escaped)
{
    cc_run run;
    cc_run_init(&run, NULL);
    /* tab, newline, CR, NUL-free controls, DEL, NEL, LS, PS, BOM, an invalid byte */
    add_finding(&run, FP1, "a\tb\nc\rd\x01" "e\x1b" "f\x7f" "g\xc2\x85h\xe2\x80\xa8i\xe2\x80\xa9j"
                           "\xef\xbb\xbfk\xffl: m # n");
    const char *p = tu_path("b.yaml");
    cc_diags d = {0};
    ck_assert_int_eq(cc_baseline_write(p, &run, &d), 0);
    char *text = tu_read(p, NULL);
    ck_assert_ptr_nonnull(strstr(text, "message: \"a\\tb\\nc\\rd\\x01e\\ef\\x7Fg\\Nh\\Li\\Pj"
                                       "\\uFEFFk\\uFFFDl: m # n\"}\n"));
    free(text);
    char *msg = first_message(p);
    ck_assert_str_eq(msg, "a\tb\nc\rd\x01" "e\x1b" "f\x7f" "g\xc2\x85h\xe2\x80\xa8i\xe2\x80\xa9j"
                          "\xef\xbb\xbfk\xef\xbf\xbdl: m # n");
    free(msg);
    cc_run_free(&run);
}
END_TEST

START_TEST(write_into_missing_folder_fails_cleanly)
{
    cc_run run;
    cc_run_init(&run, NULL);
    add_finding(&run, FP1, "x");
    const char *p = tu_path("no/such/dir/baseline.yaml");
    cc_diags d = {0};
    ck_assert_int_eq(cc_baseline_write(p, &run, &d), -1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert(cc_diag_fatal(&d.v[0]));
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "io");
    char want[256];
    snprintf(want, sizeof want, "cannot write '%s': No such file or directory", p);
    ck_assert_str_eq(d.v[0].message, want);
    ck_assert_uint_eq(tu_count_files(), 0);
    cc_run_free(&run);
    cc_diags_free(&d);
}
END_TEST

START_TEST(baseline_replaces_atomically)
{
    const char *p = tu_write_text("baseline.yaml", "old content that is not YAML: [\n");
    cc_run run;
    cc_run_init(&run, NULL);
    add_finding(&run, FP2, "y");
    cc_diags d = {0};
    ck_assert_int_eq(chmod(p, 0640), 0);
    ck_assert_int_eq(cc_baseline_write(p, &run, &d), 0);
    cc_fingerprints f;
    ck_assert_int_eq(cc_baseline_read(p, &f, &d), 0);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.v[0], FP2);
    struct stat st;
    ck_assert_int_eq(stat(p, &st), 0);
    ck_assert_uint_eq(st.st_mode & 0777, 0640); /* the replaced file's mode is kept */
    ck_assert_uint_eq(tu_count_files(), 1);
    cc_fingerprints_free(&f);
    cc_run_free(&run);
}
END_TEST

/* ---- ignore file ---------------------------------------------------------------- */

START_TEST(ignore_append_creates_then_appends)
{
    const char *p = tu_path(".crosscheck-ignore.yaml");
    cc_diags d = {0};
    ck_assert_int_eq(cc_ignore_append(p, FP1, "the 2020 report says 24/47; 24/24 is a typo",
                                      "Lan", "2026-11-25", &d), 0);
    char *text = tu_read(p, NULL);
    ck_assert_str_eq(text, "version: 1\n"
                           "ignore:\n"
                           "  - fingerprint: " FP1 "\n"
                           "    reason: \"the 2020 report says 24/47; 24/24 is a typo\"\n"
                           "    who: \"Lan\"\n"
                           "    date: \"2026-11-25\"\n");
    ck_assert_int_eq(cc_ignore_append(p, "FEDCBA9876543210", "a \"quoted\" reason\non two lines",
                                      NULL, "2026-11-26", &d), 0);
    char *text2 = tu_read(p, NULL);
    ck_assert_uint_gt(strlen(text2), strlen(text));
    ck_assert(strncmp(text2, text, strlen(text)) == 0); /* the old bytes stay */
    ck_assert_str_eq(text2 + strlen(text),
                     "  - fingerprint: " FP2 "\n"
                     "    reason: \"a \\\"quoted\\\" reason\\non two lines\"\n"
                     "    date: \"2026-11-26\"\n");
    cc_fingerprints f;
    ck_assert_int_eq(cc_ignore_read(p, &f, &d), 0);
    ck_assert_uint_eq(f.n, 2);
    ck_assert_str_eq(f.v[0], FP1);
    ck_assert_str_eq(f.v[1], FP2);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(tu_count_files(), 1);
    cc_fingerprints_free(&f);
    free(text);
    free(text2);
}
END_TEST

START_TEST(ignore_append_keeps_hand_written_layout)
{
    /* Comments, no final newline, entries at column 0 under the key. */
    const char *orig = "# judged by the desk\nversion: 1\nignore:\n- fingerprint: " FP1 "\n"
                       "  reason: ok   # trailing comment";
    const char *p = tu_write_text("ign.yaml", orig);
    cc_diags d = {0};
    ck_assert_int_eq(cc_ignore_append(p, FP2, "r", "w", "2026-01-01", &d), 0);
    char *text = tu_read(p, NULL);
    ck_assert(strncmp(text, orig, strlen(orig)) == 0);
    ck_assert_str_eq(text + strlen(orig), "\n- fingerprint: " FP2 "\n  reason: \"r\"\n"
                                          "  who: \"w\"\n  date: \"2026-01-01\"\n");
    cc_fingerprints f;
    ck_assert_int_eq(cc_ignore_read(p, &f, &d), 0);
    ck_assert_uint_eq(f.n, 2);
    cc_fingerprints_free(&f);
    free(text);
    /* A file holding only a comment gets the header after it. */
    p = tu_write_text("c.yaml", "# nothing yet\n");
    ck_assert_int_eq(cc_ignore_append(p, FP1, NULL, NULL, NULL, &d), 0);
    text = tu_read(p, NULL);
    ck_assert_str_eq(text, "# nothing yet\nversion: 1\nignore:\n  - fingerprint: " FP1 "\n");
    free(text);
    ck_assert_uint_eq(d.n, 0);
}
END_TEST

/* Appending must fail and leave the file as it was; '%s' in `message` stands for the path. */
static void expect_append_refused(const char *orig, const char *fp, const char *message)
{
    const char *p = tu_write_text("ign.yaml", orig);
    cc_diags d = {0};
    ck_assert_int_eq(cc_ignore_append(p, fp, "r", "w", "d", &d), -1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert(cc_diag_fatal(&d.v[0]));
    char want[512];
    const char *at = strstr(message, "%s");
    if (at)
        snprintf(want, sizeof want, "%.*s%s%s", (int)(at - message), message, p, at + 2);
    else
        snprintf(want, sizeof want, "%s", message);
    ck_assert_str_eq(d.v[0].message, want);
    char *text = tu_read(p, NULL);
    ck_assert_str_eq(text, orig);
    free(text);
    ck_assert_uint_eq(tu_count_files(), 1);
    cc_diags_free(&d);
}

START_TEST(ignore_append_refusals_leave_the_file)
{
    expect_append_refused("ignore:\n  - fingerprint: " FP1 "\nversion: 1\n", FP2,
                          "cannot append to '%s': an entry added at its end would not be part "
                          "of its 'ignore' list; add it by hand");
    expect_append_refused("version: 1\nignore: [{fingerprint: " FP1 "}]\n", FP2,
                          "cannot append to '%s': its 'ignore' list is written in flow style "
                          "([...]); write it as a block list");
    expect_append_refused("version: 1\nignore:\n  - fingerprint: " FP1 "\n", "12345",
                          "fingerprint '12345' is not 16 hexadecimal digits");
    expect_append_refused("version: 3\nignore:\n", FP1,
                          "unsupported version '3' (this crosscheck reads 1)");
}
END_TEST

/* ---- dropping findings ---------------------------------------------------------- */

START_TEST(drop_findings_in_place)
{
    cc_run run;
    cc_run_init(&run, NULL);
    add_finding(&run, FP1, "one");
    add_finding(&run, FP2, "two");
    add_finding(&run, "1111111111111111", "three");
    add_finding(&run, FP1, "four");
    cc_fingerprints skip = {0};
    ck_assert_uint_eq(cc_run_drop_findings(&run, &skip), 0);
    ck_assert_uint_eq(run.nfindings, 4);
    const char *p = tu_write_text("ign.yaml", "version: 1\nignore:\n  - fingerprint: " FP1 "\n");
    cc_diags d = {0};
    ck_assert_int_eq(cc_ignore_read(p, &skip, &d), 0);
    ck_assert_uint_eq(cc_run_drop_findings(&run, &skip), 2);
    ck_assert_uint_eq(run.nfindings, 2);
    ck_assert_str_eq(run.findings[0].message, "two");
    ck_assert_str_eq(run.findings[1].message, "three");
    cc_fingerprints_free(&skip);
    cc_run_free(&run); /* ASan: dropped findings were freed once, kept ones once */
}
END_TEST

/* The seeds' three findings, through a baseline and back: nothing is new. */
START_TEST(seed_findings_round_trip_through_a_baseline)
{
    cc_diags d = {0};
    cc_rulebook *rb = cc_rulebook_load("rules/egov-vn.yaml", &d);
    ck_assert_ptr_nonnull(rb);
    ck_assert_int_eq(cc_patterns_compile(rb, &d), 0);
    cc_extractor *ex = cc_extractor_new(rb, NULL);
    cc_run run;
    cc_run_init(&run, rb);
    const char *seeds[] = {"fixtures/seeds/000_5bc85f0d70d8d680.txt",
                           "fixtures/seeds/001_7f7d1cc9118770b5.txt",
                           "fixtures/seeds/002_660d9fe603e5d0a2.txt",
                           "fixtures/seeds/003_d8a224e6b9af93c8.txt",
                           "fixtures/seeds/004_d707a4a1f824cfdf.txt"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_int_eq(cc_extract_file(ex, &run, seeds[i], NULL), 0);
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert_uint_eq(run.nfindings, 3);
    const char *p = tu_path("baseline.yaml");
    ck_assert_int_eq(cc_baseline_write(p, &run, &d), 0);
    char *text = tu_read(p, NULL);
    ck_assert_ptr_nonnull(strstr(text, "rule: \"egdi-asia-rank\", message: \""));
    char want[128];
    snprintf(want, sizeof want, "\nversion: 1\nrulebook_sha256: %.64s\nfindings:\n", rb->sha256);
    ck_assert_ptr_nonnull(strstr(text, want)); /* the rulebook it was written with */
    free(text);
    cc_fingerprints f;
    ck_assert_int_eq(cc_baseline_read(p, &f, &d), 0);
    ck_assert_str_eq(f.rulebook_sha256, rb->sha256);
    ck_assert_uint_eq(f.n, 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert_str_eq(f.v[i], run.findings[i].fingerprint);
    ck_assert_uint_eq(cc_run_drop_findings(&run, &f), 3);
    ck_assert_uint_eq(run.nfindings, 0);
    cc_fingerprints_free(&f);
    cc_run_free(&run);
    cc_extractor_free(ex);
    cc_rulebook_free(rb);
    cc_diags_free(&d);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("baseline");
    CC_TCASE(s, "read", tu_tmp_setup, tu_tmp_teardown,
             baseline_reads_flow_and_block_entries, empty_lists_are_fine,
             ignore_reads_entries_and_a_missing_file_is_empty, errors_name_line_and_column,
             utf16_errors_name_line_and_column,
             reading_from_memory, oversized_file_is_refused);

    CC_TCASE(s, "write", tu_tmp_setup, tu_tmp_teardown,
             baseline_write_exact_text_and_reads_back, baseline_without_findings,
             control_characters_and_separators_are_escaped,
             write_into_missing_folder_fails_cleanly, baseline_replaces_atomically,
             ignore_append_creates_then_appends, ignore_append_keeps_hand_written_layout,
             ignore_append_refusals_leave_the_file, drop_findings_in_place,
             seed_findings_round_trip_through_a_baseline);
    return s;
}
