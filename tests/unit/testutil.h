/*
 * testutil.h — what every Check test file shares, in one place:
 *   - main(), which runs the file's suite and exits non-zero when a test fails;
 *   - tu_suite_add(): one test case with its tests listed once (CC_TCASE);
 *   - ck_assert_near() for doubles;
 *   - a temporary folder per test (tu_tmp_setup/tu_tmp_teardown), tu_path(),
 *     tu_write(), tu_read();
 *   - regex fragments compiled the way the pattern compiler does (tu_fragment_compile,
 *     tu_find, tu_assert_no_captures);
 *   - a rulebook from a YAML string, its first diagnostic shown when it is refused
 *     (tu_rulebook), patterns compiled too (tu_rulebook_compiled).
 * Each tests/unit/test_X.c defines `Suite *make_suite(void)` and includes this once.
 * Helpers are `static inline` so that a file that does not use one is not warned about it.
 */
#ifndef CC_TESTUTIL_H
#define CC_TESTUTIL_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif

#include <check.h>
#include <dirent.h>
#include <math.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pattern.h"
#include "rulebook.h"
#include "util.h"

Suite *make_suite(void);

/* Two doubles equal to 1e-9 relative (figures like 4350000 or 0.66665). */
#define ck_assert_near(a, b)                                                              \
    do {                                                                                  \
        double a_ = (a), b_ = (b);                                                        \
        ck_assert_msg((isinf(a_) && isinf(b_) && (a_ > 0) == (b_ > 0)) ||                 \
                          fabs(a_ - b_) <= 1e-9 * fmax(1.0, fmax(fabs(a_), fabs(b_))),    \
                      "%s = %.17g, expected %.17g", #a, a_, b_);                          \
    } while (0)

/* ---- suites ------------------------------------------------------------------ */

/* Adds a test case named `name` to `s` with the `n` tests of `tests` and, when `setup`
 * is not NULL, a checked fixture; returns it (for loop tests or a timeout). */
static inline TCase *tu_suite_add(Suite *s, const char *name, SFun setup, SFun teardown,
                                  const TTest *const *tests, size_t n)
{
    TCase *tc = tcase_create(name);
    if (setup || teardown)
        tcase_add_checked_fixture(tc, setup, teardown);
    for (size_t i = 0; i < n; i++)
        tcase_add_test(tc, tests[i]);
    suite_add_tcase(s, tc);
    return tc;
}

/* CC_TCASE(s, "name", setup, teardown, test_a, test_b, ...): the tests listed once. */
#define CC_TCASE(s, name, setup, teardown, ...)                                           \
    tu_suite_add((s), (name), (setup), (teardown), (const TTest *const[]){__VA_ARGS__},   \
                 sizeof((const TTest *const[]){__VA_ARGS__}) / sizeof(const TTest *))

/* ---- a temporary folder ------------------------------------------------------ */

static char tu_dir[64] __attribute__((unused)); /* the current test's folder, "" outside one */

static inline void tu_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            cc_buf sub = CC_BUF_INIT;
            cc_buf_addf(&sub, "%s/%s", path, e->d_name);
            tu_remove_tree(sub.data);
            cc_buf_free(&sub);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* A fixture: a fresh mkdtemp() folder before each test, removed with all it holds after. */
static inline void tu_tmp_setup(void)
{
    snprintf(tu_dir, sizeof tu_dir, "/tmp/cc_test_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tu_dir));
}

static inline void tu_tmp_teardown(void)
{
    if (tu_dir[0])
        tu_remove_tree(tu_dir);
    tu_dir[0] = '\0';
}

/* Entries in the test folder (to check that no temporary or lock file is left). */
static inline size_t tu_count_files(void)
{
    DIR *d = opendir(tu_dir);
    ck_assert_ptr_nonnull(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* A path in the test folder (static storage, sixteen in turn: hold no more at once). */
static inline const char *tu_path(const char *name)
{
    static char paths[16][256];
    static unsigned next;
    char *p = paths[next++ % 16];
    snprintf(p, sizeof paths[0], "%s/%s", tu_dir, name);
    return p;
}

/* Writes `len` bytes to `name` in the test folder; returns its path (see tu_path). */
static inline const char *tu_write(const char *name, const void *data, size_t len)
{
    const char *p = tu_path(name);
    FILE *f = fopen(p, "wb");
    ck_assert_msg(f != NULL, "cannot create %s", p);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    return p;
}

static inline const char *tu_write_text(const char *name, const char *text)
{
    return tu_write(name, text, strlen(text));
}

/* The whole file at `path` (the caller frees); its length in *len when not NULL. */
static inline char *tu_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    cc_buf b = CC_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cc_buf_add(&b, chunk, n);
    fclose(f);
    if (len)
        *len = b.len;
    return cc_buf_detach(&b);
}

/* ---- regex fragments ---------------------------------------------------------- */

/* Compiles `frag` with the options of the pattern compiler (UTF, UCP, caseless),
 * wrapped as ^(?:FRAG)$ when `whole`; a fragment that does not compile fails the test
 * with PCRE2's message, `what` naming it. */
static inline pcre2_code *tu_fragment_compile(const char *what, const char *frag, bool whole)
{
    cc_buf pat = CC_BUF_INIT;
    cc_buf_addf(&pat, whole ? "^(?:%s)$" : "%s", frag);
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat.data, pat.len,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        ck_abort_msg("%s fragment does not compile at %zu: %s: %s", what, (size_t)off,
                     (char *)msg, pat.data);
    }
    cc_buf_free(&pat);
    return re;
}

/* A fragment is embedded in patterns with named groups: it must capture nothing. */
static inline void tu_assert_no_captures(const char *frag)
{
    for (const char *p = frag; (p = strchr(p, '(')) != NULL; p++)
        if (p == frag || p[-1] != '\\')
            ck_assert_msg(p[1] == '?', "capturing group in fragment at %zu", (size_t)(p - frag));
}

/* The first match of `re` in `text`: true and its byte span, or false. */
static inline bool tu_find(pcre2_code *re, const char *text, size_t *start, size_t *end)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
    if (rc > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        *start = ov[0];
        *end = ov[1];
    }
    pcre2_match_data_free(md);
    return rc > 0;
}

/* ---- rulebooks ------------------------------------------------------------------ */

/* The diagnostics as "LINE:COL: message\n" each (the caller frees). */
static inline char *tu_diags_text(const cc_diags *d)
{
    cc_buf b = CC_BUF_INIT;
    for (size_t i = 0; i < d->n; i++)
        cc_buf_addf(&b, "%u:%u: %s\n", d->v[i].line, d->v[i].column, d->v[i].message);
    return cc_buf_detach(&b);
}

/* Loads a rulebook (named "rulebook.yaml") that must be accepted without a diagnostic;
 * when it is not, the test fails showing every diagnostic. */
static inline cc_rulebook *tu_rulebook(const char *yaml)
{
    cc_diags d = {0};
    cc_rulebook *rb = cc_rulebook_load_mem("rulebook.yaml", yaml, strlen(yaml), &d);
    if (!rb || d.n) {
        char *t = tu_diags_text(&d);
        ck_abort_msg("rulebook refused:\n%s", t);
    }
    cc_diags_free(&d);
    return rb;
}

/* tu_rulebook() with its patterns compiled, ready for an extractor. */
static inline cc_rulebook *tu_rulebook_compiled(const char *yaml)
{
    cc_rulebook *rb = tu_rulebook(yaml);
    cc_diags d = {0};
    if (cc_patterns_compile(rb, &d) != 0 || d.n) {
        char *t = tu_diags_text(&d);
        ck_abort_msg("patterns refused:\n%s", t);
    }
    cc_diags_free(&d);
    return rb;
}

int main(void)
{
    SRunner *sr = srunner_create(make_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
