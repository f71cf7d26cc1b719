/* Unit tests for walk.c: the files an `index` run reads. One file reached by several
 * names (a relative path, a symlink to its folder, its absolute path) is one file with
 * one key, shown by the first name given; the roots' keys and whether every path was
 * walked completely (what --prune relies on); the path helpers. Files go to a mkdtemp()
 * directory; the relative paths are taken from inside it. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "testutil.h"
#include "walk.h"

static char g_cwd[PATH_MAX];

/* The test folder, holding corpus/{a.txt,b.md,sub/c.txt,skip.csv} and link -> corpus;
 * the current folder is the test folder until teardown. */
static void setup(void)
{
    tu_tmp_setup();
    ck_assert_ptr_nonnull(getcwd(g_cwd, sizeof g_cwd));
    ck_assert_int_eq(chdir(tu_dir), 0);
    ck_assert_int_eq(mkdir("corpus", 0755), 0);
    ck_assert_int_eq(mkdir("corpus/sub", 0755), 0);
    tu_write_text("corpus/a.txt", "a\n");
    tu_write_text("corpus/b.md", "b\n");
    tu_write_text("corpus/sub/c.txt", "c\n");
    tu_write_text("corpus/skip.csv", "x\n");
    ck_assert_int_eq(symlink("corpus", "link"), 0);
}

static void teardown(void)
{
    ck_assert_int_eq(chdir(g_cwd), 0);
    tu_tmp_teardown();
}

/* The real (symlink-free) path of the test folder joined with `name`. */
static char *real_in(const char *name)
{
    char *dir = realpath(tu_dir, NULL);
    ck_assert_ptr_nonnull(dir);
    cc_buf b = CC_BUF_INIT;
    cc_buf_addf(&b, "%s/%s", dir, name);
    free(dir);
    return cc_buf_detach(&b);
}

static void walk(cc_walk *w, cc_diags *d, const char *const *roots, size_t n)
{
    cc_walk_init(w, NULL, d);
    for (size_t i = 0; i < n; i++)
        cc_walk_root(w, roots[i]);
    cc_walk_dedupe(w);
}

START_TEST(one_file_by_three_names_is_one_file)
{
    char *abs = real_in("corpus");
    const char *roots[] = {"./corpus/", "link", abs, "corpus/a.txt"};
    cc_walk w;
    cc_diags d = {0};
    walk(&w, &d, roots, 4);
    ck_assert_uint_eq(d.n, 0);
    ck_assert(!w.incomplete);
    ck_assert_uint_eq(w.nfiles, 3); /* a.txt, b.md, sub/c.txt: not 9, nor 10 */
    ck_assert_str_eq(w.files[0].path, "corpus/a.txt"); /* the first name given, normalized */
    ck_assert_str_eq(w.files[1].path, "corpus/b.md");
    ck_assert_str_eq(w.files[2].path, "corpus/sub/c.txt");
    char *key = real_in("corpus/a.txt");
    ck_assert_str_eq(w.files[0].key, key);
    ck_assert(w.files[0].named); /* named too, after the folder: it stays named */
    ck_assert(!w.files[1].named);
    ck_assert_uint_eq(w.nroots, 4); /* the keys of what was given */
    ck_assert_str_eq(w.roots[0], abs);
    ck_assert_str_eq(w.roots[1], abs);
    ck_assert_str_eq(w.roots[3], key);
    free(key);
    free(abs);
    cc_walk_free(&w);
    cc_diags_free(&d);
}
END_TEST

START_TEST(a_path_that_cannot_be_walked_makes_the_walk_incomplete)
{
    const char *roots[] = {"corpus", "missing"};
    cc_walk w;
    cc_diags d = {0};
    walk(&w, &d, roots, 2);
    ck_assert(w.incomplete);
    ck_assert_uint_eq(w.failed, 1);
    ck_assert_uint_eq(w.nfiles, 3);
    ck_assert_uint_eq(w.nroots, 1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "cannot read 'missing': No such file or directory");
    cc_walk_free(&w);
    cc_diags_free(&d);
    /* A folder too deep to walk leaves files out too. */
    cc_buf deep = CC_BUF_INIT;
    cc_buf_adds(&deep, "deep");
    for (int i = 0; i <= CC_WALK_MAX_DEPTH + 1; i++) {
        ck_assert_int_eq(mkdir(deep.data, 0755), 0);
        cc_buf_adds(&deep, "/d");
    }
    const char *deep_root[] = {"deep"};
    walk(&w, &d, deep_root, 1);
    ck_assert(w.incomplete);
    ck_assert_uint_eq(w.failed, 0);
    ck_assert_uint_eq(d.n, 1); /* a warning */
    ck_assert(!cc_diags_fatal(&d));
    cc_walk_free(&w);
    cc_diags_free(&d);
    cc_buf_free(&deep);
}
END_TEST

START_TEST(an_archived_file_is_added_by_key_and_shown_by_its_stored_path)
{
    char *key = real_in("corpus/sub/c.txt");
    cc_walk w;
    cc_diags d = {0};
    cc_walk_init(&w, NULL, &d);
    ck_assert(cc_walk_add_file(&w, key, "news/c.txt"));
    ck_assert(!cc_walk_add_file(&w, "/nonexistent/c.txt", "c.txt"));
    ck_assert(!cc_walk_add_file(&w, tu_dir, "dir")); /* not a regular file */
    ck_assert_uint_eq(w.nfiles, 1);
    ck_assert_str_eq(w.files[0].path, "news/c.txt");
    ck_assert_str_eq(w.files[0].key, key);
    ck_assert(!w.files[0].named);
    ck_assert(!w.incomplete);
    free(key);
    cc_walk_free(&w);
    cc_diags_free(&d);
}
END_TEST

START_TEST(path_helpers)
{
    ck_assert(cc_path_under("/a/b/c.txt", "/a/b"));
    ck_assert(cc_path_under("/a/b", "/a/b"));
    ck_assert(!cc_path_under("/a/bc/d.txt", "/a/b"));
    ck_assert(!cc_path_under("/a", "/a/b"));
    ck_assert(cc_path_under("/x.txt", "/"));
    char *p = cc_path_absolute("/a//./b/");
    ck_assert_str_eq(p, "/a/b");
    free(p);
    p = cc_path_absolute("./gone/x.txt");
    char *cwd = getcwd(NULL, 0);
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "%s/gone/x.txt", cwd);
    ck_assert_str_eq(p, want.data);
    free(p);
    free(cwd);
    cc_buf_free(&want);
    ck_assert_ptr_null(cc_path_key("gone/x.txt"));
    ck_assert_int_eq(errno, ENOENT);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("walk");
    CC_TCASE(s, "walk", setup, teardown, one_file_by_three_names_is_one_file,
             a_path_that_cannot_be_walked_makes_the_walk_incomplete,
             an_archived_file_is_added_by_key_and_shown_by_its_stored_path, path_helpers);
    return s;
}
