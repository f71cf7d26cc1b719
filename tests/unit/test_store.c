/* Unit tests for store.c: opening and refusing files, indexing a folder of articles made
 * from the seeds (skip unchanged, replace changed, prune, rulebook change), loading by
 * key and in full, and the claims coming back exactly as extracted. Files go to a
 * mkdtemp() directory; the rulebook is the shipped rules/egov-vn.yaml. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testutil.h"
#include "checker.h"
#include "extract.h"
#include "pattern.h"
#include "rulebook.h"
#include "store.h"
#include "util.h"

#define SEED(n) "fixtures/seeds/" n
static const char *const SEEDS[] = {
    SEED("000_5bc85f0d70d8d680.txt"), SEED("001_7f7d1cc9118770b5.txt"),
    SEED("002_660d9fe603e5d0a2.txt"), SEED("003_d8a224e6b9af93c8.txt"),
    SEED("004_d707a4a1f824cfdf.txt"),
};

/* ---- fixtures ------------------------------------------------------------------- */

static char g_db[128];
static char g_articles[128];
static cc_rulebook *g_rb;

static void setup(void)
{
    tu_tmp_setup();
    snprintf(g_db, sizeof g_db, "%s/archive.db", tu_dir);
    snprintf(g_articles, sizeof g_articles, "%s/articles", tu_dir);
    ck_assert_int_eq(mkdir(g_articles, 0755), 0);
    cc_diags d = {0};
    g_rb = cc_rulebook_load("rules/egov-vn.yaml", &d);
    ck_assert_ptr_nonnull(g_rb);
    ck_assert_int_eq(cc_patterns_compile(g_rb, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    cc_diags_free(&d);
}

static void teardown(void)
{
    cc_rulebook_free(g_rb);
    tu_tmp_teardown();
}

static char *path_in(const char *dir, const char *name)
{
    cc_buf p = CC_BUF_INIT;
    cc_buf_addf(&p, "%s/%s", dir, name);
    return cc_buf_detach(&p);
}

static void write_all(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot create %s", path);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* Copies seed `i` into the articles folder as `name`. */
static char *copy_seed(int i, const char *name)
{
    size_t len;
    char *data = tu_read(SEEDS[i], &len);
    char *to = path_in(g_articles, name);
    write_all(to, data, len);
    free(data);
    return to;
}

/* Seeds 000-003 as a.txt, b.txt, c.md, d.txt, and a file the globs leave out. */
static void make_articles(void)
{
    free(copy_seed(0, "a.txt"));
    free(copy_seed(1, "b.txt"));
    free(copy_seed(2, "c.md"));
    free(copy_seed(3, "d.txt"));
    char *csv = path_in(g_articles, "notes.csv");
    write_all(csv, "Việt Nam xếp hạng 24/47 châu Á\n", strlen("Việt Nam xếp hạng 24/47 châu Á\n"));
    free(csv);
}

static int index_paths(cc_store *s, const char *const *paths, size_t n, const cc_index_opts *o,
                       cc_index_stats *st, cc_diags *d)
{
    return cc_store_index(s, g_rb, NULL, (char *const *)paths, n, o, st, d);
}

static int index_articles(cc_store *s, bool prune, cc_index_stats *st)
{
    cc_diags d = {0};
    cc_index_opts o = {.prune = prune};
    const char *paths[] = {g_articles};
    int rc = index_paths(s, paths, 1, &o, st, &d);
    ck_assert_msg(d.n == 0, "unexpected diagnostic: %s", d.n ? d.v[0].message : "");
    cc_diags_free(&d);
    return rc;
}

static cc_store *open_new(void)
{
    cc_diags d = {0};
    cc_store *s = cc_store_open(g_db, true, &d);
    ck_assert_msg(s != NULL, "open failed: %s", d.n ? d.v[0].message : "");
    cc_diags_free(&d);
    return s;
}

/* Claims extracted directly from `path` (what the archive must give back). */
static void extract_direct(cc_run *run, const char *path)
{
    cc_extractor *ex = cc_extractor_new(g_rb, NULL);
    cc_run_init(run, g_rb);
    ck_assert_int_eq(cc_extract_file(ex, run, path, NULL), 0);
    cc_extractor_free(ex);
}

static size_t direct_claims(const char *name)
{
    char *p = path_in(g_articles, name);
    cc_run run;
    extract_direct(&run, p);
    size_t n = run.nclaims;
    cc_run_free(&run);
    free(p);
    return n;
}

static long doc_named(const cc_run *run, const char *path)
{
    for (size_t i = 0; i < run->ndocs; i++)
        if (strcmp(run->docs[i].path, path) == 0)
            return (long)i;
    return -1;
}

/* One integer from SQL over a second connection (as another process would see it). */
static long long sql_int(const char *path, const char *sql)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void sql_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "");
    sqlite3_close(db);
}

/* ---- opening -------------------------------------------------------------------- */

START_TEST(create_sets_pragmas_and_schema)
{
    cc_store *s = open_new();
    size_t docs = 9, claims = 9;
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims), 0);
    ck_assert_uint_eq(docs, 0);
    ck_assert_uint_eq(claims, 0);
    cc_store_close(s);
    ck_assert_int_eq(sql_int(g_db, "PRAGMA application_id"), 0x43434B31);
    ck_assert_int_eq(sql_int(g_db, "PRAGMA user_version"), CC_STORE_SCHEMA_VERSION);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM pragma_journal_mode WHERE "
                                   "journal_mode = 'wal'"), 1);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                   "AND name IN ('meta', 'documents', 'claims', 'stories')"), 4);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM meta WHERE key = 'schema_version' "
                                   "AND value = '4'"), 1);
    /* Opening it again (without create) finds it ours. */
    cc_diags d = {0};
    s = cc_store_open(g_db, false, &d);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(d.n, 0);
    cc_store_close(s);
}
END_TEST

START_TEST(missing_file_without_create_is_refused)
{
    cc_diags d = {0};
    ck_assert_ptr_null(cc_store_open(g_db, false, &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert(cc_diag_fatal(&d.v[0]));
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "database");
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "cannot open archive '%s': No such file or directory", g_db);
    ck_assert_str_eq(d.v[0].message, want.data);
    ck_assert_int_eq(access(g_db, F_OK), -1);
    cc_buf_free(&want);
    cc_diags_free(&d);
    ck_assert_ptr_null(cc_store_open("", true, &d));
    ck_assert_str_eq(d.v[0].message, "cannot open archive '': empty path");
    cc_diags_free(&d);
}
END_TEST

/* Opens `path` (create or not) expecting a refusal with `why`, and the bytes unchanged. */
static void expect_refused(const char *path, bool create, const char *why)
{
    size_t before_len, after_len;
    char *before = tu_read(path, &before_len);
    cc_diags d = {0};
    ck_assert_ptr_null(cc_store_open(path, create, &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert(cc_diag_fatal(&d.v[0]));
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "database");
    ck_assert_str_eq(d.v[0].path, path);
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "'%s' is not a crosscheck archive (%s)", path, why);
    ck_assert_str_eq(d.v[0].message, want.data);
    char *after = tu_read(path, &after_len);
    ck_assert_uint_eq(after_len, before_len);
    ck_assert(memcmp(before, after, before_len) == 0);
    cc_buf_free(&want);
    cc_diags_free(&d);
    free(before);
    free(after);
}

START_TEST(foreign_sqlite_database_is_refused_unchanged)
{
    sql_exec(g_db, "CREATE TABLE users(name TEXT); INSERT INTO users VALUES('lan');");
    expect_refused(g_db, true, "an SQLite database without crosscheck's application_id; "
                               "table 'users' is not crosscheck's");
    expect_refused(g_db, false, "an SQLite database without crosscheck's application_id; "
                                "table 'users' is not crosscheck's");
    char *wal = path_in(tu_dir, "archive.db-wal");
    ck_assert_int_eq(access(wal, F_OK), -1);
    free(wal);
}
END_TEST

START_TEST(other_application_id_is_refused)
{
    sql_exec(g_db, "PRAGMA application_id = 1234; CREATE TABLE documents(x);");
    expect_refused(g_db, true, "an SQLite database with application_id 0x000004d2");
}
END_TEST

START_TEST(garbage_file_is_refused_unchanged)
{
    const char junk[] = "this is not a database at all, just words\n\x01\x02\xff";
    write_all(g_db, junk, sizeof junk - 1);
    expect_refused(g_db, true, "not an SQLite database");
    expect_refused(g_db, false, "not an SQLite database");
}
END_TEST

START_TEST(corrupt_archive_is_refused_unchanged)
{
    cc_store *s = open_new();
    cc_store_close(s);
    /* Overwrite the schema page after the 100-byte header. */
    size_t len;
    char *data = tu_read(g_db, &len);
    ck_assert_uint_ge(len, 4096);
    memset(data + 100, 0xA5, 3000);
    write_all(g_db, data, len);
    free(data);
    expect_refused(g_db, true, "database disk image is malformed");
}
END_TEST

START_TEST(newer_schema_version_is_refused)
{
    sql_exec(g_db, "PRAGMA application_id = 1128483633; PRAGMA user_version = 7;"
                   "CREATE TABLE meta(key, value);");
    expect_refused(g_db, true, "schema version 7; this crosscheck reads version 4");
}
END_TEST

START_TEST(extra_table_is_refused)
{
    cc_store *s = open_new();
    cc_store_close(s);
    sql_exec(g_db, "CREATE TABLE extra(x)");
    expect_refused(g_db, false, "table 'extra' is not crosscheck's");
}
END_TEST

START_TEST(empty_file_needs_create)
{
    write_all(g_db, "", 0);
    expect_refused(g_db, false, "an empty file");
    cc_store *s = open_new();
    cc_store_close(s);
    ck_assert_int_eq(sql_int(g_db, "PRAGMA application_id"), 0x43434B31);
}
END_TEST

START_TEST(directory_is_refused)
{
    cc_diags d = {0};
    ck_assert_ptr_null(cc_store_open(g_articles, true, &d));
    ck_assert_uint_eq(d.n, 1);
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "'%s' is not a crosscheck archive (a directory)", g_articles);
    ck_assert_str_eq(d.v[0].message, want.data);
    cc_buf_free(&want);
    cc_diags_free(&d);
}
END_TEST

/* ---- indexing ------------------------------------------------------------------- */

START_TEST(index_then_reindex_skips_unchanged)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    size_t want = direct_claims("a.txt") + direct_claims("b.txt") + direct_claims("c.md") +
                  direct_claims("d.txt");
    ck_assert_uint_gt(want, 40);
    ck_assert_uint_eq(st.files, 4); /* notes.csv is not matched by *.txt,*.md */
    ck_assert_uint_eq(st.indexed, 4);
    ck_assert_uint_eq(st.unchanged, 0);
    ck_assert_uint_eq(st.failed, 0);
    ck_assert_uint_eq(st.claims, want);
    size_t docs, claims;
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims), 0);
    ck_assert_uint_eq(docs, 4);
    ck_assert_uint_eq(claims, want);

    ck_assert_int_eq(index_articles(s, false, &st), 0);
    ck_assert_uint_eq(st.files, 4);
    ck_assert_uint_eq(st.indexed, 0);
    ck_assert_uint_eq(st.unchanged, 4);
    ck_assert_uint_eq(st.claims, 0);
    ck_assert_uint_gt(st.bytes, 20000); /* unchanged files are still read and hashed */
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims), 0);
    ck_assert_uint_eq(docs, 4);
    ck_assert_uint_eq(claims, want);
    cc_store_close(s);
    /* Documents are stored in sorted walk order, each with its claim count. */
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents d WHERE claims = "
                                   "(SELECT count(*) FROM claims c WHERE c.document_id = d.id)"),
                     4);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id FROM documents WHERE path = '%s/c.md'", g_articles);
    ck_assert_int_eq(sql_int(g_db, sql), 3);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents WHERE length(sha256) = 64 "
                                   "AND size > 4000 AND indexed_at > 0 AND mtime > 0"), 4);
}
END_TEST

START_TEST(changed_file_is_replaced)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    /* d.txt (seed 003) now says 25/47 instead of 24/47. */
    char *d_txt = path_in(g_articles, "d.txt");
    size_t len;
    char *data = tu_read(d_txt, &len);
    char *at = strstr(data, "24/47");
    ck_assert_ptr_nonnull(at);
    at[1] = '5';
    write_all(d_txt, data, len);
    free(data);
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    ck_assert_uint_eq(st.indexed, 1);
    ck_assert_uint_eq(st.unchanged, 3);
    ck_assert_uint_eq(st.claims, direct_claims("d.txt"));

    cc_run run;
    cc_diags d = {0};
    cc_run_init(&run, g_rb);
    ck_assert_int_eq(cc_store_load_all(s, &run, &d), 0);
    ck_assert_uint_eq(run.ndocs, 4);
    long doc = doc_named(&run, d_txt);
    ck_assert_int_ge(doc, 0);
    int asia = cc_rulebook_field_index(g_rb, "egdi.rank.asia");
    size_t found = 0;
    for (size_t i = 0; i < run.nclaims; i++) {
        if (run.claims[i].doc == doc && run.claims[i].field == asia) {
            ck_assert_int_eq(run.claims[i].value.position, 25);
            ck_assert_int_eq(run.claims[i].value.total, 47);
            found++;
        }
    }
    ck_assert_uint_eq(found, 1);
    size_t docs, claims;
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims), 0);
    ck_assert_uint_eq(claims, run.nclaims); /* the old version's claims are gone */
    cc_run_free(&run);
    cc_diags_free(&d);
    free(d_txt);
    cc_store_close(s);
}
END_TEST

START_TEST(prune_drops_documents_whose_files_are_gone)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    char *b = path_in(g_articles, "b.txt");
    ck_assert_int_eq(unlink(b), 0);
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    ck_assert_uint_eq(st.pruned, 0);
    size_t docs, claims;
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims), 0);
    ck_assert_uint_eq(docs, 4); /* without --prune it stays */
    ck_assert_int_eq(index_articles(s, true, &st), 0);
    ck_assert_uint_eq(st.pruned, 1);
    ck_assert_uint_eq(st.unchanged, 3);
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims), 0);
    ck_assert_uint_eq(docs, 3);
    ck_assert_uint_eq(claims, direct_claims("a.txt") + direct_claims("c.md") +
                                  direct_claims("d.txt"));
    cc_store_close(s);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM documents WHERE path = '%s'", b);
    ck_assert_int_eq(sql_int(g_db, sql), 0);
    free(b);
}
END_TEST

/* The articles indexed through the folder's path, a symlink to it (from inside the test
 * folder, relative) and its absolute path: one document per file, shown by the path it
 * was first stored with. */
START_TEST(one_file_by_three_names_is_one_document)
{
    make_articles();
    char *link = path_in(tu_dir, "link");
    ck_assert_int_eq(symlink("articles", link), 0);
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    ck_assert_uint_eq(st.indexed, 4);
    char *cwd = getcwd(NULL, 0);
    ck_assert_int_eq(chdir(tu_dir), 0);
    const char *relative[] = {"link", "./articles//"};
    cc_diags d = {0};
    int rc = index_paths(s, relative, 2, NULL, &st, &d);
    ck_assert_int_eq(chdir(cwd), 0);
    ck_assert_int_eq(rc, 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(st.files, 4);
    ck_assert_uint_eq(st.unchanged, 4);
    size_t docs, claims;
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims), 0);
    ck_assert_uint_eq(docs, 4);
    cc_store_close(s);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM documents WHERE path LIKE '%s/%%'", g_articles);
    ck_assert_int_eq(sql_int(g_db, sql), 4);
    free(cwd);
    free(link);
    cc_diags_free(&d);
}
END_TEST

/* A path that cannot be read (run from the wrong folder, a volume not mounted) must not
 * read as "every file under it is gone": nothing is pruned, and the run says so. */
START_TEST(prune_with_a_root_that_cannot_be_walked_prunes_nothing)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    char *b = path_in(g_articles, "b.txt");
    ck_assert_int_eq(unlink(b), 0);
    char *missing = path_in(tu_dir, "missing");
    const char *paths[] = {g_articles, missing};
    cc_index_opts o = {.prune = true};
    cc_diags d = {0};
    ck_assert_int_eq(index_paths(s, paths, 2, &o, &st, &d), 0);
    ck_assert_uint_eq(st.pruned, 0);
    ck_assert_uint_eq(d.n, 2);
    ck_assert_str_eq(d.v[1].message, "nothing pruned: a path could not be walked completely "
                                     "(above), and --prune removes documents only under paths "
                                     "that were");
    ck_assert(cc_diag_fatal(&d.v[1]));
    size_t docs, claims;
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims), 0);
    ck_assert_uint_eq(docs, 4);
    cc_diags_free(&d);
    cc_store_close(s);
    free(b);
    free(missing);
}
END_TEST

/* --prune removes gone files under the paths of the run only. */
START_TEST(prune_leaves_documents_outside_the_paths_alone)
{
    make_articles();
    char *other = path_in(tu_dir, "other");
    ck_assert_int_eq(mkdir(other, 0755), 0);
    char *x = path_in(other, "x.txt");
    write_all(x, "x\n", 2);
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    const char *paths[] = {other};
    cc_diags d = {0};
    ck_assert_int_eq(index_paths(s, paths, 1, NULL, &st, &d), 0);
    ck_assert_int_eq(unlink(x), 0);
    char *a = path_in(g_articles, "a.txt");
    ck_assert_int_eq(unlink(a), 0);
    ck_assert_int_eq(index_articles(s, true, &st), 0);
    ck_assert_uint_eq(st.pruned, 1); /* a.txt; other/x.txt is not under the path given */
    cc_store_close(s);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM documents WHERE path = '%s'", x);
    ck_assert_int_eq(sql_int(g_db, sql), 1);
    cc_diags_free(&d);
    free(other);
    free(x);
    free(a);
}
END_TEST

START_TEST(changed_rulebook_reextracts_everything)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    size_t docs, claims_before, claims_after;
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims_before), 0);
    memset(g_rb->sha256, 'e', 64); /* the rulebook as another version of it */
    /* Only one file is named, yet the three others were extracted with the old
     * rulebook and are read again too. */
    char *a = path_in(g_articles, "a.txt");
    const char *paths[] = {a};
    cc_diags d = {0};
    ck_assert_int_eq(index_paths(s, paths, 1, NULL, &st, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(st.files, 4);
    ck_assert_uint_eq(st.indexed, 4);
    ck_assert_uint_eq(st.unchanged, 0);
    ck_assert_int_eq(cc_store_counts(s, &docs, &claims_after), 0);
    ck_assert_uint_eq(docs, 4);
    ck_assert_uint_eq(claims_after, claims_before);
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    ck_assert_uint_eq(st.unchanged, 4);
    cc_store_close(s);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents WHERE rulebook_sha256 = "
                                   "'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'"),
                     4);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM meta WHERE key = 'rulebook_sha256' AND "
                                   "value LIKE 'eeee%'"), 1);
    free(a);
    cc_diags_free(&d);
}
END_TEST

START_TEST(walk_globs_hidden_symlinks_and_explicit_files)
{
    make_articles();
    char *sub = path_in(g_articles, "sub");
    char *hidden = path_in(g_articles, ".hidden");
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    ck_assert_int_eq(mkdir(hidden, 0755), 0);
    char *e = path_in(sub, "e.txt"), *h = path_in(hidden, "h.txt");
    write_all(e, "x\n", 2);
    write_all(h, "x\n", 2);
    char *loop = path_in(sub, "loop"), *dangling = path_in(g_articles, "gone.txt");
    ck_assert_int_eq(symlink(g_articles, loop), 0); /* back to an ancestor */
    ck_assert_int_eq(symlink("/nonexistent/file.txt", dangling), 0);
    char *csv = path_in(g_articles, "notes.csv");
    char *missing = path_in(tu_dir, "missing.txt");
    /* The folder twice, plus a file inside it again with "./" and "//" in its path. */
    cc_buf again = CC_BUF_INIT;
    cc_buf_addf(&again, "%s/.//a.txt", g_articles);
    const char *paths[] = {g_articles, csv, missing, g_articles, again.data};
    cc_store *s = open_new();
    cc_index_stats st;
    cc_diags d = {0};
    cc_index_opts o = {.include = "*.txt, *.md", .batch = 2};
    ck_assert_int_eq(index_paths(s, paths, 5, &o, &st, &d), 0);
    ck_assert_uint_eq(st.files, 6); /* a b c.md d e, and notes.csv named explicitly */
    ck_assert_uint_eq(st.indexed, 6);
    ck_assert_uint_eq(st.failed, 1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert(cc_diag_fatal(&d.v[0]));
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "io");
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "cannot read '%s': No such file or directory", missing);
    ck_assert_str_eq(d.v[0].message, want.data);
    cc_store_close(s);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents"), 6);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents WHERE path LIKE '%hidden%' "
                                   "OR path LIKE '%loop%' OR path LIKE '%//%' OR path LIKE '%/./%'"),
                     0);
    /* Sorted walk order: ids follow the names. */
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id FROM documents WHERE path = '%s/sub/e.txt'", g_articles);
    ck_assert_int_eq(sql_int(g_db, sql), 5);
    snprintf(sql, sizeof sql, "SELECT id FROM documents WHERE path = '%s'", csv);
    ck_assert_int_eq(sql_int(g_db, sql), 6);
    cc_buf_free(&want);
    cc_buf_free(&again);
    cc_diags_free(&d);
    free(sub), free(hidden), free(e), free(h), free(loop), free(dangling), free(csv);
    free(missing);
}
END_TEST

START_TEST(binary_file_is_stored_without_claims)
{
    char *bin = path_in(g_articles, "x.txt");
    write_all(bin, "abc\0def\n", 8);
    cc_store *s = open_new();
    cc_index_stats st;
    cc_diags d = {0};
    const char *paths[] = {g_articles};
    ck_assert_int_eq(index_paths(s, paths, 1, NULL, &st, &d), 0);
    ck_assert_uint_eq(st.indexed, 1);
    ck_assert_uint_eq(st.claims, 0);
    ck_assert_uint_eq(d.n, 1); /* the reader's warning, copied */
    ck_assert(!cc_diag_fatal(&d.v[0]));
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "encoding");
    ck_assert_str_eq(d.v[0].path, bin);
    cc_diags_free(&d);
    ck_assert_int_eq(index_paths(s, paths, 1, NULL, &st, &d), 0);
    ck_assert_uint_eq(st.unchanged, 1);
    cc_store_close(s);
    ck_assert_int_eq(sql_int(g_db, "SELECT skipped FROM documents"), 1);
    cc_diags_free(&d);
    free(bin);
}
END_TEST

/* A binary file named on the command line is an error and is not stored (a file someone
 * asked for is never passed over in silence); found in a folder it is a warning. */
START_TEST(named_binary_file_is_an_error_and_not_stored)
{
    char *bin = path_in(g_articles, "x.txt");
    write_all(bin, "abc\0def\n", 8);
    cc_store *s = open_new();
    cc_index_stats st;
    cc_diags d = {0};
    const char *paths[] = {bin};
    for (int run = 0; run < 2; run++) { /* and again: not stored, so said again */
        ck_assert_int_eq(index_paths(s, paths, 1, NULL, &st, &d), 0);
        ck_assert_uint_eq(st.indexed, 0);
        ck_assert_uint_eq(st.failed, 1);
        ck_assert_uint_eq(d.n, 1);
        ck_assert(cc_diag_fatal(&d.v[0]));
        ck_assert_str_eq(d.v[0].message, "binary file (NUL byte at offset 3): skipped");
        cc_diags_free(&d);
    }
    /* Stored as skipped from a folder walk, then named: said again, not "unchanged". */
    const char *folder[] = {g_articles};
    ck_assert_int_eq(index_paths(s, folder, 1, NULL, &st, &d), 0);
    ck_assert(!cc_diags_fatal(&d));
    cc_diags_free(&d);
    ck_assert_int_eq(index_paths(s, paths, 1, NULL, &st, &d), 0);
    ck_assert_uint_eq(st.unchanged, 0);
    ck_assert(cc_diags_fatal(&d));
    cc_store_close(s);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents"), 1); /* the folder's */
    cc_diags_free(&d);
    free(bin);
}
END_TEST

/* Every call the store makes to the progress callback, in order. */
typedef struct progress_log {
    cc_index_progress calls[16];
    size_t n;
} progress_log;

static void log_progress(void *ctx, const cc_index_progress *p)
{
    progress_log *log = ctx;
    if (log->n < 16)
        log->calls[log->n] = *p;
    log->n++;
}

START_TEST(progress_reported_per_file_then_final)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    cc_diags d = {0};
    progress_log log = {0};
    cc_index_opts o = {.progress = log_progress, .progress_ctx = &log};
    const char *paths[] = {g_articles};
    int rc = index_paths(s, paths, 1, &o, &st, &d);
    ck_assert_int_eq(rc, 0);
    /* One call per file, then the final one: the store prints nothing itself. */
    ck_assert_uint_eq(log.n, 5);
    for (size_t i = 0; i < 4; i++) {
        ck_assert_uint_eq(log.calls[i].done, i + 1);
        ck_assert_uint_eq(log.calls[i].total_files, 4);
        ck_assert(!log.calls[i].final);
    }
    const cc_index_progress *last = &log.calls[4];
    ck_assert(last->final);
    ck_assert_uint_eq(last->done, 4);
    ck_assert_uint_eq(last->claims, st.claims);
    ck_assert_uint_eq(last->bytes, st.bytes);
    ck_assert_uint_eq(last->total_bytes, st.bytes); /* unchanged since the walk */
    cc_diags_free(&d);
    cc_store_close(s);
}
END_TEST

/* ---- loading -------------------------------------------------------------------- */

static void assert_same_claim(const cc_claim *a, const cc_claim *b)
{
    ck_assert_int_eq(a->field, b->field);
    ck_assert_int_eq(a->subject, b->subject);
    ck_assert_int_eq(a->scope, b->scope);
    ck_assert_int_eq(a->value.type, b->value.type);
    if (a->value.type == CC_TYPE_NUMBER || a->value.type == CC_TYPE_PERCENT ||
        a->value.type == CC_TYPE_MONEY) { /* the types that use it (and store it) */
        ck_assert_near(a->value.range.lo, b->value.range.lo);
        ck_assert_near(a->value.range.hi, b->value.range.hi);
    }
    ck_assert_str_eq(a->value.currency, b->value.currency);
    ck_assert_int_eq(a->value.position, b->value.position);
    ck_assert_int_eq(a->value.total, b->value.total);
    ck_assert_int_eq(a->value.start.from, b->value.start.from);
    ck_assert_int_eq(a->value.start.to, b->value.start.to);
    ck_assert_int_eq(a->value.start.precision, b->value.start.precision);
    ck_assert_int_eq(a->value.end.from, b->value.end.from);
    ck_assert_int_eq(a->value.end.to, b->value.end.to);
    ck_assert_int_eq(a->value.end.precision, b->value.end.precision);
    ck_assert_uint_eq(a->line, b->line);
    ck_assert_uint_eq(a->column, b->column);
    ck_assert_uint_eq(a->byte_offset, b->byte_offset);
    ck_assert_uint_eq(a->byte_length, b->byte_length);
    ck_assert_str_eq(a->text, b->text);
    ck_assert_str_eq(a->value_text, b->value_text);
    ck_assert_str_eq(a->sentence, b->sentence);
    ck_assert_uint_eq(a->value_in_sentence, b->value_in_sentence);
}

START_TEST(load_all_restores_every_member)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    cc_run run;
    cc_diags d = {0};
    cc_run_init(&run, g_rb);
    ck_assert_int_eq(cc_store_load_all(s, &run, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(run.ndocs, 4);
    ck_assert_uint_eq(run.nclaims, st.claims);
    const char *names[] = {"a.txt", "b.txt", "c.md", "d.txt"};
    bool saw_infinite = false;
    for (size_t k = 0; k < 4; k++) {
        char *p = path_in(g_articles, names[k]);
        cc_run direct;
        extract_direct(&direct, p);
        long doc = doc_named(&run, p);
        ck_assert_int_eq(doc, (long)k); /* documents come by path */
        const cc_document *want = &direct.docs[0], *got = &run.docs[doc];
        ck_assert_str_eq(got->date, want->date);
        ck_assert_int_eq(got->year, want->year);
        ck_assert_int_eq(got->date_from, want->date_from);
        ck_assert_uint_eq(got->bytes, want->bytes);
        ck_assert_uint_eq(got->lines, want->lines);
        ck_assert_uint_eq(got->nclaims, want->nclaims);
        ck_assert(!got->skipped);
        if (want->title)
            ck_assert_str_eq(got->title, want->title);
        else
            ck_assert_ptr_null(got->title);
        size_t j = 0;
        for (size_t i = 0; i < run.nclaims; i++) {
            if (run.claims[i].doc != doc)
                continue;
            ck_assert_uint_lt(j, direct.nclaims);
            assert_same_claim(&run.claims[i], &direct.claims[j++]);
            if (isinf(run.claims[i].value.range.hi))
                saw_infinite = true;
        }
        ck_assert_uint_eq(j, direct.nclaims);
        cc_run_free(&direct);
        free(p);
    }
    ck_assert(saw_infinite); /* 001's "tối thiểu 30%" is [30, inf) and comes back so */
    cc_run_free(&run);
    cc_diags_free(&d);
    cc_store_close(s);
}
END_TEST

/* Seeds 000-003 archived, 004 checked against them. */
START_TEST(load_matching_adds_only_the_drafts_keys)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    cc_run run;
    extract_direct(&run, SEEDS[4]);
    size_t own = run.nclaims;
    ck_assert_uint_gt(own, 10);
    cc_diags d = {0};
    ck_assert_int_eq(cc_store_load_matching(s, &run, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_gt(run.nclaims, own);
    ck_assert_uint_ge(run.ndocs, 3);
    /* Every archived claim has the key of a draft claim... */
    for (size_t i = own; i < run.nclaims; i++) {
        const cc_claim *c = &run.claims[i];
        ck_assert_int_gt(c->doc, 0);
        bool matched = false;
        for (size_t k = 0; k < own && !matched; k++)
            matched = run.claims[k].field == c->field && run.claims[k].subject == c->subject &&
                      run.claims[k].scope == c->scope;
        ck_assert_msg(matched, "claim %zu (%s) has no key of the draft", i, c->value_text);
    }
    /* ...and every archived claim with such a key is there. */
    cc_run all;
    cc_run_init(&all, g_rb);
    ck_assert_int_eq(cc_store_load_all(s, &all, &d), 0);
    size_t want = 0;
    for (size_t i = 0; i < all.nclaims; i++) {
        bool matched = false;
        for (size_t k = 0; k < own && !matched; k++)
            matched = run.claims[k].field == all.claims[i].field &&
                      run.claims[k].subject == all.claims[i].subject &&
                      run.claims[k].scope == all.claims[i].scope;
        want += matched;
    }
    ck_assert_uint_lt(want, all.nclaims);
    ck_assert_uint_eq(run.nclaims - own, want);
    for (size_t i = 1; i < run.ndocs; i++) {
        size_t n = 0;
        for (size_t k = own; k < run.nclaims; k++)
            n += run.claims[k].doc == (int)i;
        ck_assert_uint_eq(run.docs[i].nclaims, n);
        ck_assert_uint_gt(n, 0); /* a document only comes with a claim */
    }
    cc_run_free(&all);

    /* The checker sees the archive as sources: the Asia-rank conflict cites d.txt. */
    ck_assert_int_eq(cc_check(&run), 0);
    int rule = -1;
    for (size_t i = 0; i < g_rb->nrules; i++)
        if (strcmp(g_rb->rules[i].id, "egdi-asia-rank") == 0)
            rule = (int)i;
    ck_assert_int_ge(rule, 0);
    const cc_finding *asia = NULL;
    for (size_t i = 0; i < run.nfindings; i++)
        if (run.findings[i].rule == rule)
            asia = &run.findings[i];
    ck_assert_ptr_nonnull(asia);
    ck_assert_uint_eq(asia->nsides, 2);
    char *d_txt = path_in(g_articles, "d.txt");
    bool cites = false;
    for (size_t k = 0; k < asia->nsides; k++)
        for (size_t j = 0; j < asia->sides[k].nclaims; j++) {
            const cc_claim *c = &run.claims[asia->sides[k].claims[j]];
            if (strcmp(run.docs[c->doc].path, d_txt) == 0) {
                cites = true;
                ck_assert_uint_eq(c->line, 3);
                ck_assert_str_eq(c->value_text, "24/47");
            }
        }
    ck_assert(cites);
    free(d_txt);
    cc_run_free(&run);
    cc_diags_free(&d);
    cc_store_close(s);
}
END_TEST

START_TEST(load_matching_leaves_out_the_drafts_own_path)
{
    make_articles();
    char *draft = copy_seed(4, "e.txt");
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    ck_assert_uint_eq(st.indexed, 5);
    /* Named with "./" and "//": still the archived e.txt. */
    cc_buf alias = CC_BUF_INIT;
    cc_buf_addf(&alias, "%s/.//e.txt", g_articles);
    cc_run run;
    extract_direct(&run, alias.data);
    size_t own = run.nclaims;
    cc_diags d = {0};
    ck_assert_int_eq(cc_store_load_matching(s, &run, &d), 0);
    ck_assert_uint_gt(run.nclaims, own);
    ck_assert_int_eq(doc_named(&run, draft), -1);
    for (size_t i = own; i < run.nclaims; i++)
        ck_assert_int_ne(run.claims[i].doc, 0);
    size_t loaded = run.nclaims - own;
    cc_run_free(&run);
    /* Named relative to the current folder while the archive holds it absolute: the
     * same file, still left out (through a symlink to the articles from here). */
    char link[64];
    snprintf(link, sizeof link, "cc_store_test_link_%ld", (long)getpid());
    ck_assert_int_eq(symlink(g_articles, link), 0);
    cc_buf rel = CC_BUF_INIT;
    cc_buf_addf(&rel, "%s/e.txt", link);
    extract_direct(&run, rel.data);
    ck_assert_int_eq(cc_store_load_matching(s, &run, &d), 0);
    unlink(link);
    ck_assert_uint_eq(run.nclaims - own, loaded);
    ck_assert_int_eq(doc_named(&run, draft), -1);
    cc_buf_free(&rel);
    cc_run_free(&run);
    cc_buf_free(&alias);
    cc_diags_free(&d);
    cc_store_close(s);
    free(draft);
}
END_TEST

START_TEST(unknown_field_is_skipped_and_other_rulebook_warned)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    cc_store_close(s);
    sql_exec(g_db, "UPDATE claims SET field = 'no.such.field' WHERE id = 1;"
                   "UPDATE claims SET subject = 'atlantis' WHERE id = 2;"
                   "UPDATE meta SET value = 'abcdef0123456789' WHERE key = 'rulebook_sha256'");
    cc_diags d = {0};
    s = cc_store_open(g_db, false, &d);
    ck_assert_ptr_nonnull(s);
    cc_run run;
    cc_run_init(&run, g_rb);
    ck_assert_int_eq(cc_store_load_all(s, &run, &d), 0);
    ck_assert_uint_eq(run.nclaims, st.claims - 2);
    ck_assert_uint_eq(d.n, 1);
    ck_assert(!cc_diag_fatal(&d.v[0]));
    ck_assert_int_eq(d.v[0].severity, CC_SEV_WARNING);
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "archive '%s' was indexed with another rulebook (sha256 abcdef012345...); "
                       "fields and subjects are matched by id", g_db);
    ck_assert_str_eq(d.v[0].message, want.data);
    cc_buf_free(&want);
    cc_run_free(&run);
    cc_diags_free(&d);
    cc_store_close(s);
}
END_TEST

START_TEST(lookup_uses_the_key_index)
{
    cc_store *s = open_new();
    cc_buf plan = CC_BUF_INIT;
    ck_assert_int_eq(cc_store_query_plan(s, &plan), 0);
    ck_assert_str_eq(plan.data,
                     "SEARCH claims USING INDEX claims_key (field=? AND subject=? AND scope=?)\n");
    cc_buf_free(&plan);
    cc_store_close(s);
}
END_TEST

START_TEST(reader_sees_last_commit_while_writer_holds_a_transaction)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    /* Another connection writes and does not commit: WAL lets us read meanwhile. */
    sqlite3 *w;
    ck_assert_int_eq(sqlite3_open(g_db, &w), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(w, "BEGIN IMMEDIATE; DELETE FROM documents;", NULL, NULL,
                                  NULL), SQLITE_OK);
    cc_diags d = {0};
    cc_store *r = cc_store_open(g_db, false, &d);
    ck_assert_ptr_nonnull(r);
    cc_run run;
    cc_run_init(&run, g_rb);
    ck_assert_int_eq(cc_store_load_all(r, &run, &d), 0);
    ck_assert_uint_eq(run.ndocs, 4);
    ck_assert_uint_eq(run.nclaims, st.claims);
    ck_assert_int_eq(sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(w);
    cc_run_free(&run);
    cc_diags_free(&d);
    cc_store_close(r);
    cc_store_close(s);
}
END_TEST

/* ---- open claims and stories ------------------------------------------------------ */

static const char OPEN_RULEBOOK[] = "version: 1\nname: open\nopen: on\nsubjects: {}\nfields: {}\n";

#define OPEN_FIXTURE(n) "fixtures/open/" n

/* Copies a file into the articles folder as `name`; returns the new path. */
static char *copy_file(const char *from, const char *name)
{
    size_t len;
    char *data = tu_read(from, &len);
    char *to = path_in(g_articles, name);
    write_all(to, data, len);
    free(data);
    return to;
}

/* An article about something else that also gives a depth in metres. */
static const char OTHER_STORY[] =
    "Giá vàng trong nước hôm nay tăng 200.000 đồng mỗi lượng, theo Công ty Vàng bạc Đá quý.\n"
    "Tại Lào Cai, một xe tải rơi xuống vực sâu 100 mét, tài xế may mắn thoát nạn.\n";

/* ravine-a.txt, ravine-b.txt (one story), gold.txt (another), the seeds 000 and 004. */
static void make_open_articles(void)
{
    free(copy_file(OPEN_FIXTURE("ravine-a.txt"), "ravine-a.txt"));
    free(copy_file(OPEN_FIXTURE("ravine-b.txt"), "ravine-b.txt"));
    char *gold = path_in(g_articles, "gold.txt");
    write_all(gold, OTHER_STORY, strlen(OTHER_STORY));
    free(gold);
    free(copy_seed(0, "seed0.txt"));
    free(copy_seed(4, "seed4.txt"));
}

static int index_with(cc_store *s, const cc_rulebook *rb, const char *const *paths, size_t n,
                      cc_index_stats *st)
{
    cc_diags d = {0};
    int rc = cc_store_index(s, rb, NULL, (char *const *)paths, n, NULL, st, &d);
    ck_assert_msg(d.n == 0, "unexpected diagnostic: %s", d.n ? d.v[0].message : "");
    cc_diags_free(&d);
    return rc;
}

static void assert_same_words(const char (*a)[CC_OPEN_WORD_MAX], const char (*b)[CC_OPEN_WORD_MAX],
                              unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        ck_assert_str_eq(a[i], b[i]);
}

static void assert_same_fact(const cc_open_fact *a, const cc_open_fact *b)
{
    ck_assert_int_eq(a->kind, b->kind);
    ck_assert_int_eq(a->dim, b->dim);
    ck_assert_str_eq(a->currency, b->currency);
    ck_assert_uint_eq(a->nbefore, b->nbefore);
    ck_assert_uint_eq(a->nafter, b->nafter);
    ck_assert_uint_eq(a->nnames, b->nnames);
    assert_same_words(a->before, b->before, a->nbefore);
    assert_same_words(a->after, b->after, a->nafter);
    for (unsigned i = 0; i < a->nnames; i++)
        ck_assert_str_eq(a->names[i], b->names[i]);
    ck_assert_uint_eq(a->cues, b->cues);
    ck_assert_near(a->value.lo, b->value.lo);
    ck_assert_near(a->value.hi, b->value.hi);
    ck_assert_near(a->value2.lo, b->value2.lo);
    ck_assert_near(a->value2.hi, b->value2.hi);
    ck_assert_near(a->second, b->second);
    ck_assert_int_eq(a->has_time, b->has_time);
    if (a->has_time) {
        ck_assert_near(a->time.lo, b->time.lo);
        ck_assert_near(a->time.hi, b->time.hi);
    }
}

START_TEST(open_claims_round_trip)
{
    cc_rulebook *open = tu_rulebook_compiled(OPEN_RULEBOOK);
    make_open_articles();
    /* and one report of every other kind of open figure */
    static const char *const more[] = {"age-a.txt", "cargo-b.txt", "fire-time-a.txt",
                                       "plate-b.txt", "score-a.txt", "sentence-b.txt",
                                       "trains-a.txt"};
    for (size_t k = 0; k < sizeof more / sizeof more[0]; k++) {
        char from[64];
        snprintf(from, sizeof from, "fixtures/open/%s", more[k]);
        free(copy_file(from, more[k]));
    }
    cc_store *s = open_new();
    cc_index_stats st;
    const char *paths[] = {g_articles};
    ck_assert_int_eq(index_with(s, open, paths, 1, &st), 0);
    ck_assert_uint_eq(st.indexed, 12);
    cc_run run;
    cc_diags d = {0};
    cc_run_init(&run, open);
    ck_assert_int_eq(cc_store_load_all(s, &run, &d), 0);
    ck_assert_uint_eq(run.ndocs, 12);
    ck_assert_uint_eq(run.nclaims, st.claims);
    ck_assert(run.stories);
    size_t facts = 0;
    bool saw_time = false, saw_names = false, saw_period = false;
    for (size_t k = 0; k < run.ndocs; k++) {
        const char *path = run.docs[k].path;
        cc_run direct;
        cc_extractor *ex = cc_extractor_new(open, NULL);
        cc_run_init(&direct, open);
        ck_assert_int_eq(cc_extract_file(ex, &direct, path, NULL), 0);
        cc_extractor_free(ex);
        size_t j = 0;
        for (size_t i = 0; i < run.nclaims; i++) {
            const cc_claim *got = &run.claims[i];
            if (got->doc != (int)k)
                continue;
            ck_assert_uint_lt(j, direct.nclaims);
            const cc_claim *want = &direct.claims[j++];
            assert_same_claim(got, want);
            ck_assert_ptr_nonnull(got->open);
            ck_assert_ptr_nonnull(want->open);
            assert_same_fact(got->open, want->open);
            facts++;
            saw_time |= got->open->has_time;
            saw_names |= got->open->nnames > 0;
            saw_period |= got->open->kind == CC_FIG_PERIOD;
        }
        ck_assert_uint_eq(j, direct.nclaims);
        cc_run_free(&direct);
    }
    ck_assert_uint_gt(facts, 40);
    ck_assert(saw_time && saw_names && saw_period);
    cc_run_free(&run);
    cc_diags_free(&d);
    cc_store_close(s);
    cc_rulebook_free(open);
}
END_TEST

/* The story id and original of the document stored as `name` (in the articles folder). */
static void story_of(const char *name, long long *story, long long *dup)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT story_id FROM stories t JOIN documents d ON d.id = "
                              "t.document_id WHERE d.path = '%s/%s'", g_articles, name);
    *story = sql_int(g_db, sql);
    snprintf(sql, sizeof sql, "SELECT coalesce(duplicate_of, -1) FROM stories t JOIN documents d"
                              " ON d.id = t.document_id WHERE d.path = '%s/%s'", g_articles, name);
    *dup = sql_int(g_db, sql);
}

/* The open-mode articles and a copy of ravine-a.txt, indexed into a new archive. */
static cc_store *index_open_articles_and_a_copy(const cc_rulebook *open, cc_index_stats *st)
{
    make_open_articles();
    free(copy_file(OPEN_FIXTURE("ravine-a.txt"), "ravine-copy.txt"));
    cc_store *s = open_new();
    const char *paths[] = {g_articles};
    ck_assert_int_eq(index_with(s, open, paths, 1, st), 0);
    return s;
}

START_TEST(stories_stored_and_recomputed_when_stale)
{
    cc_rulebook *open = tu_rulebook_compiled(OPEN_RULEBOOK);
    cc_index_stats st;
    cc_store *s = index_open_articles_and_a_copy(open, &st);
    const char *paths[] = {g_articles}; /* indexed again below */
    ck_assert(st.stories_updated);
    ck_assert_uint_eq(st.stories.stories, 2);    /* the ravine; seeds 000 and 004 */
    ck_assert_uint_eq(st.stories.duplicates, 1); /* ravine-copy.txt */
    /* Ids follow the sorted walk: gold 1, ravine-a 2, ravine-b 3, ravine-copy 4, seed0 5,
     * seed4 6. */
    long long story, dup;
    story_of("ravine-a.txt", &story, &dup);
    ck_assert_int_eq(story, 2);
    ck_assert_int_eq(dup, -1);
    story_of("ravine-b.txt", &story, &dup);
    ck_assert_int_eq(story, 2);
    story_of("ravine-copy.txt", &story, &dup);
    ck_assert_int_eq(story, 2);
    ck_assert_int_eq(dup, 2);
    story_of("gold.txt", &story, &dup);
    ck_assert_int_eq(story, 1);
    story_of("seed4.txt", &story, &dup);
    ck_assert_int_eq(story, 5);
    /* Nothing changed: not computed again. */
    ck_assert_int_eq(index_with(s, open, paths, 1, &st), 0);
    ck_assert(!st.stories_updated);
    /* A run killed before it stored the stories leaves them stale: the next computes them. */
    sql_exec(g_db, "DELETE FROM stories WHERE document_id = 3");
    ck_assert_int_eq(index_with(s, open, paths, 1, &st), 0);
    ck_assert(st.stories_updated);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM stories"), 6);
    /* A pruned document's story is computed again without it. */
    char *a = path_in(g_articles, "ravine-a.txt");
    ck_assert_int_eq(unlink(a), 0);
    cc_diags d = {0};
    cc_index_opts o = {.prune = true};
    ck_assert_int_eq(cc_store_index(s, open, NULL, (char *const *)paths, 1, &o, &st, &d), 0);
    ck_assert_uint_eq(st.pruned, 1);
    ck_assert(st.stories_updated);
    story_of("ravine-copy.txt", &story, &dup);
    ck_assert_int_eq(story, 3); /* with ravine-b, the smallest id now */
    ck_assert_int_eq(dup, -1);  /* its original is gone */
    free(a);
    cc_diags_free(&d);
    cc_store_close(s);
    cc_rulebook_free(open);
}
END_TEST

START_TEST(audit_load_gives_stories_and_copies)
{
    cc_rulebook *open = tu_rulebook_compiled(OPEN_RULEBOOK);
    cc_index_stats st;
    cc_store *s = index_open_articles_and_a_copy(open, &st);
    cc_run run;
    cc_diags d = {0};
    cc_run_init(&run, open);
    ck_assert_int_eq(cc_store_load_all(s, &run, &d), 0);
    ck_assert(run.stories);
    ck_assert(!run.drafts_only);
    char *a = path_in(g_articles, "ravine-a.txt"), *b = path_in(g_articles, "ravine-b.txt"),
         *copy = path_in(g_articles, "ravine-copy.txt"), *gold = path_in(g_articles, "gold.txt");
    long ia = doc_named(&run, a), ib = doc_named(&run, b), ic = doc_named(&run, copy),
         ig = doc_named(&run, gold);
    ck_assert(run.docs[ia].archived);
    ck_assert_int_eq(run.docs[ia].story, run.docs[ib].story);
    ck_assert_int_eq(run.docs[ia].story, run.docs[ic].story);
    ck_assert_int_ne(run.docs[ia].story, run.docs[ig].story);
    ck_assert_int_eq(run.docs[ic].duplicate_of, ia);
    ck_assert_int_eq(run.docs[ia].duplicate_of, -1);
    cc_run_free(&run);
    /* With `open: off` the open claims and the stories stay out, as before. */
    cc_run_init(&run, g_rb);
    ck_assert_int_eq(cc_store_load_all(s, &run, &d), 0);
    ck_assert(!run.stories);
    for (size_t i = 0; i < run.nclaims; i++)
        ck_assert_ptr_null(run.claims[i].open);
    for (size_t i = 0; i < run.ndocs; i++)
        ck_assert_int_eq(run.docs[i].story, -1);
    cc_run_free(&run);
    free(a), free(b), free(copy), free(gold);
    cc_diags_free(&d);
    cc_store_close(s);
    cc_rulebook_free(open);
}
END_TEST

/* check --db of ravine-b.txt (not archived) against the open-mode articles: its story
 * is ravine-a.txt's, and only that document is loaded. */
static void expect_ravine_b_story(cc_store *s, const cc_rulebook *open)
{
    cc_run run;
    cc_extract_opts eo = {.terms = true};
    cc_extractor *ex = cc_extractor_new(open, &eo);
    cc_run_init(&run, open);
    ck_assert_int_eq(cc_extract_file(ex, &run, OPEN_FIXTURE("ravine-b.txt"), NULL), 0);
    cc_extractor_free(ex);
    ck_assert_uint_gt(run.docs[0].nterms, 10);
    size_t own = run.nclaims;
    cc_diags d = {0};
    ck_assert_int_eq(cc_store_load_matching(s, &run, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert(run.stories && run.drafts_only);
    ck_assert_uint_eq(run.ndocs, 2); /* the draft and ravine-a.txt, nothing else */
    char *a = path_in(g_articles, "ravine-a.txt");
    ck_assert_str_eq(run.docs[1].path, a);
    ck_assert(run.docs[1].archived && !run.docs[0].archived);
    ck_assert_int_eq(run.docs[0].story, run.docs[1].story);
    ck_assert_uint_eq(run.nclaims - own, run.docs[1].nclaims);
    ck_assert_uint_gt(run.docs[1].nclaims, 0);
    /* The conflict is the draft's: reported at its depth. */
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert_uint_eq(run.nfindings, 1);
    const cc_claim *at = &run.claims[run.findings[0].location];
    ck_assert_str_eq(run.docs[at->doc].path, OPEN_FIXTURE("ravine-b.txt"));
    ck_assert_str_eq(at->value_text, "gần 80m");
    cc_run_free(&run);
    free(a);
    cc_diags_free(&d);
}

START_TEST(check_db_loads_the_drafts_story_only)
{
    cc_rulebook *open = tu_rulebook_compiled(OPEN_RULEBOOK);
    make_open_articles();
    char *b = path_in(g_articles, "ravine-b.txt");
    ck_assert_int_eq(unlink(b), 0); /* the draft, not archived */
    cc_store *s = open_new();
    cc_index_stats st;
    const char *paths[] = {g_articles};
    ck_assert_int_eq(index_with(s, open, paths, 1, &st), 0);
    /* The story is found through the story terms: every term key is there. */
    ck_assert_int_eq(sql_int(g_db, "SELECT value FROM meta WHERE key = 'story_documents'"), 4);
    ck_assert_int_gt(sql_int(g_db, "SELECT count(*) FROM story_terms"), 0);
    expect_ravine_b_story(s, open);
    /* Without them (an archive of version 3), by reading every document's terms. */
    sql_exec(g_db, "DELETE FROM meta WHERE key = 'story_documents'; DELETE FROM story_terms");
    expect_ravine_b_story(s, open);
    free(b);
    cc_store_close(s);
    cc_rulebook_free(open);
}
END_TEST

/* Version 3 (no story_terms) is read as it is, and upgraded by `index`, which computes
 * the stories again with their terms. */
START_TEST(version_3_is_read_and_upgraded_by_index)
{
    cc_rulebook *open = tu_rulebook_compiled(OPEN_RULEBOOK);
    make_open_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    const char *paths[] = {g_articles};
    ck_assert_int_eq(index_with(s, open, paths, 1, &st), 0);
    cc_store_close(s);
    sql_exec(g_db, "DROP TABLE story_terms; DELETE FROM meta WHERE key = 'story_documents';"
                   " PRAGMA user_version = 3; UPDATE meta SET value = '3'"
                   " WHERE key = 'schema_version';");
    cc_diags d = {0};
    s = cc_store_open(g_db, false, &d); /* check, audit */
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(d.n, 0);
    cc_store_close(s);
    ck_assert_int_eq(sql_int(g_db, "PRAGMA user_version"), 3);
    s = open_new(); /* index */
    ck_assert_int_eq(sql_int(g_db, "PRAGMA user_version"), CC_STORE_SCHEMA_VERSION);
    ck_assert_int_eq(index_with(s, open, paths, 1, &st), 0);
    ck_assert_uint_eq(st.indexed, 0);
    ck_assert(st.stories_updated); /* no story terms yet: stale */
    ck_assert_int_eq(sql_int(g_db, "SELECT value FROM meta WHERE key = 'story_documents'"), 5);
    ck_assert_int_gt(sql_int(g_db, "SELECT count(*) FROM story_terms"), 0);
    cc_store_close(s);
    cc_diags_free(&d);
    cc_rulebook_free(open);
}
END_TEST

/* The tables of schema version 1, as crosscheck 0.1.0 made them. */
static const char SCHEMA_V1[] =
    "PRAGMA application_id = 1128483633; PRAGMA user_version = 1;"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,"
    " sha256 TEXT NOT NULL, rulebook_sha256 TEXT NOT NULL, date TEXT NOT NULL,"
    " date_from TEXT NOT NULL, year INTEGER NOT NULL, title TEXT, source TEXT,"
    " size INTEGER NOT NULL, lines INTEGER NOT NULL, skipped INTEGER NOT NULL,"
    " mtime INTEGER NOT NULL, indexed_at INTEGER NOT NULL, claims INTEGER NOT NULL);"
    "CREATE TABLE claims (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES"
    " documents(id) ON DELETE CASCADE, field TEXT NOT NULL, subject TEXT NOT NULL,"
    " scope INTEGER NOT NULL, type TEXT NOT NULL, lo REAL, hi REAL, currency TEXT,"
    " position INTEGER, total INTEGER, start_from INTEGER, start_to INTEGER,"
    " start_precision TEXT, end_from INTEGER, end_to INTEGER, end_precision TEXT,"
    " line INTEGER NOT NULL, \"column\" INTEGER NOT NULL, byte_offset INTEGER NOT NULL,"
    " byte_length INTEGER NOT NULL, text TEXT NOT NULL, value_text TEXT NOT NULL,"
    " sentence TEXT NOT NULL, value_in_sentence INTEGER NOT NULL);"
    "CREATE INDEX claims_key ON claims(field, subject, scope);"
    "CREATE INDEX claims_document ON claims(document_id);"
    "INSERT INTO meta VALUES('schema_version', '1');";

START_TEST(version_1_is_upgraded_by_index_only)
{
    make_articles();
    sql_exec(g_db, SCHEMA_V1);
    char *a = path_in(g_articles, "a.txt");
    char sql[512];
    snprintf(sql, sizeof sql, "INSERT INTO documents VALUES(1, '%s', 'x', '%s', '', 'none', 0,"
             " NULL, NULL, 1, 1, 0, 0, 0, 0)", a, g_rb->sha256);
    sql_exec(g_db, sql);
    cc_diags d = {0};
    ck_assert_ptr_null(cc_store_open(g_db, false, &d)); /* check, audit */
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "archive '%s' has schema version 1; this crosscheck reads version 4: "
                       "run 'crosscheck index' on it once to upgrade it (its articles are "
                       "extracted again)", g_db);
    ck_assert_str_eq(d.v[0].message, want.data);
    ck_assert_int_eq(sql_int(g_db, "PRAGMA user_version"), 1);
    cc_diags_free(&d);
    cc_store *s = open_new(); /* index */
    ck_assert_int_eq(sql_int(g_db, "PRAGMA user_version"), CC_STORE_SCHEMA_VERSION);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM meta WHERE key = 'schema_version' "
                                   "AND value = '4'"), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM documents WHERE file = '%s'", a);
    ck_assert_int_eq(sql_int(g_db, sql), 1); /* its key, from its path */
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents WHERE rulebook_sha256 = ''"), 1);
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    ck_assert_uint_eq(st.indexed, 4); /* a.txt too: extracted again */
    ck_assert(!st.stories_updated);   /* `open: off`: no terms, no stories */
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents WHERE terms IS NOT NULL"), 0);
    /* In open mode (another rulebook: everything extracted again) they are made. */
    cc_rulebook *open = tu_rulebook_compiled(OPEN_RULEBOOK);
    const char *paths[] = {g_articles};
    ck_assert_int_eq(index_with(s, open, paths, 1, &st), 0);
    ck_assert_uint_eq(st.indexed, 4);
    ck_assert(st.stories_updated);
    cc_rulebook_free(open);
    cc_store_close(s);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM stories"), 4);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents WHERE terms IS NOT NULL"), 4);
    /* The upgraded archive opens as any archive of version 2. */
    s = cc_store_open(g_db, false, &d);
    ck_assert_ptr_nonnull(s);
    cc_store_close(s);
    cc_buf_free(&want);
    free(a);
}
END_TEST

/* Version 2 (no documents.file) is upgraded by `index` without extracting again: every
 * document gets its file's key; of two documents that were one file by two names (what
 * version 3 ends) the first stays; a gone file gets its path made absolute. */
START_TEST(version_2_is_upgraded_by_index_only)
{
    make_articles();
    cc_store *s = open_new();
    cc_index_stats st;
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    cc_store_close(s);
    char *a = path_in(g_articles, "a.txt");
    char sql[1024];
    snprintf(sql, sizeof sql,
             "DROP INDEX documents_file; ALTER TABLE documents DROP COLUMN file;"
             " DROP TABLE story_terms; DELETE FROM meta WHERE key = 'story_documents';"
             " PRAGMA user_version = 2; UPDATE meta SET value = '2' WHERE key = 'schema_version';"
             " INSERT INTO documents(path, sha256, rulebook_sha256, date, date_from, year, size,"
             " lines, skipped, mtime, indexed_at, claims) SELECT '%s/../articles/a.txt',"
             " sha256, rulebook_sha256, date, date_from, year, size, lines, skipped, mtime,"
             " indexed_at, claims FROM documents WHERE path = '%s';"
             " INSERT INTO documents(path, sha256, rulebook_sha256, date, date_from, year, size,"
             " lines, skipped, mtime, indexed_at, claims) VALUES('gone/x.txt', 'x', 'x', '',"
             " 'none', 0, 1, 1, 0, 0, 0, 0);", g_articles, a);
    sql_exec(g_db, sql);
    cc_diags d = {0};
    ck_assert_ptr_null(cc_store_open(g_db, false, &d)); /* check, audit */
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "archive '%s' has schema version 2; this crosscheck reads version 4: "
                       "run 'crosscheck index' on it once to upgrade it", g_db);
    ck_assert_str_eq(d.v[0].message, want.data);
    cc_diags_free(&d);
    s = open_new(); /* index */
    ck_assert_int_eq(sql_int(g_db, "PRAGMA user_version"), CC_STORE_SCHEMA_VERSION);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM documents"), 5);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM documents WHERE path = '%s' AND file = '%s'",
             a, a);
    ck_assert_int_eq(sql_int(g_db, sql), 1);
    char *cwd = getcwd(NULL, 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM documents WHERE file = '%s/gone/x.txt'", cwd);
    ck_assert_int_eq(sql_int(g_db, sql), 1);
    ck_assert_int_eq(index_articles(s, false, &st), 0);
    ck_assert_uint_eq(st.unchanged, 4); /* not extracted again */
    cc_store_close(s);
    free(cwd);
    free(a);
    cc_buf_free(&want);
}
END_TEST

/* A column dropped by hand: the message names it, instead of a query failing later. */
START_TEST(dropped_column_is_named)
{
    cc_store_close(open_new());
    sql_exec(g_db, "ALTER TABLE claims DROP COLUMN sentence");
    for (int create = 0; create < 2; create++) {
        cc_diags d = {0};
        ck_assert_ptr_null(cc_store_open(g_db, create, &d));
        ck_assert_uint_eq(d.n, 1);
        cc_buf want = CC_BUF_INIT;
        cc_buf_addf(&want, "archive '%s': the schema is damaged: no column 'sentence' in table "
                           "'claims'; index the articles again into a new archive", g_db);
        ck_assert_str_eq(d.v[0].message, want.data);
        cc_buf_free(&want);
        cc_diags_free(&d);
    }
}
END_TEST

/* A symbolic link to an archive not made yet: the archive is made where it points. */
START_TEST(archive_through_a_dangling_symlink_is_made)
{
    char *link = path_in(tu_dir, "link.db");
    ck_assert_int_eq(symlink("archive.db", link), 0);
    cc_diags d = {0};
    cc_store *s = cc_store_open(link, true, &d);
    ck_assert_msg(s != NULL, "%s", d.n ? d.v[0].message : "");
    cc_store_close(s);
    ck_assert_int_eq(sql_int(g_db, "PRAGMA user_version"), CC_STORE_SCHEMA_VERSION);
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    free(link);
}
END_TEST

/* Several processes creating one new archive at once: each opens it (the file lock makes
 * one create it while the others wait), none calls it "not a crosscheck archive". */
START_TEST(concurrent_creation_opens_everywhere)
{
    enum { N = 12 };
    pid_t kids[N];
    int go[2];
    ck_assert_int_eq(pipe(go), 0);
    for (int i = 0; i < N; i++) {
        kids[i] = fork();
        ck_assert_int_ge(kids[i], 0);
        if (kids[i] == 0) {
            char c;
            close(go[1]);
            if (read(go[0], &c, 1) != 0) /* waits for the parent to close its end */
                _exit(3);
            cc_diags d = {0};
            cc_store *s = cc_store_open(g_db, true, &d);
            int rc = s && d.n == 0 ? 0 : 1;
            if (rc)
                fprintf(stderr, "%s\n", d.n ? d.v[0].message : "?");
            cc_store_close(s);
            _exit(rc);
        }
    }
    close(go[0]);
    close(go[1]); /* every child starts now */
    for (int i = 0; i < N; i++) {
        int status;
        ck_assert_int_eq(waitpid(kids[i], &status, 0), kids[i]);
        ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d failed", i);
    }
    ck_assert_int_eq(sql_int(g_db, "PRAGMA user_version"), CC_STORE_SCHEMA_VERSION);
    ck_assert_int_eq(sql_int(g_db, "SELECT count(*) FROM meta WHERE key = 'created_at'"), 1);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("store");
    CC_TCASE(s, "open", setup, teardown, create_sets_pragmas_and_schema,
             missing_file_without_create_is_refused,
             foreign_sqlite_database_is_refused_unchanged, other_application_id_is_refused,
             garbage_file_is_refused_unchanged, corrupt_archive_is_refused_unchanged,
             newer_schema_version_is_refused, extra_table_is_refused, empty_file_needs_create,
             directory_is_refused, dropped_column_is_named, concurrent_creation_opens_everywhere,
             archive_through_a_dangling_symlink_is_made);

    TCase *index = CC_TCASE(s, "index", setup, teardown, index_then_reindex_skips_unchanged,
                            changed_file_is_replaced, prune_drops_documents_whose_files_are_gone,
                            changed_rulebook_reextracts_everything,
                            walk_globs_hidden_symlinks_and_explicit_files,
                            binary_file_is_stored_without_claims,
                            named_binary_file_is_an_error_and_not_stored,
                            one_file_by_three_names_is_one_document,
                            prune_with_a_root_that_cannot_be_walked_prunes_nothing,
                            prune_leaves_documents_outside_the_paths_alone,
                            progress_reported_per_file_then_final);
    tcase_set_timeout(index, 60);

    TCase *load = CC_TCASE(s, "load", setup, teardown, load_all_restores_every_member,
                           load_matching_adds_only_the_drafts_keys,
                           load_matching_leaves_out_the_drafts_own_path,
                           unknown_field_is_skipped_and_other_rulebook_warned,
                           lookup_uses_the_key_index,
                           reader_sees_last_commit_while_writer_holds_a_transaction);
    tcase_set_timeout(load, 60);

    TCase *open = CC_TCASE(s, "open", setup, teardown, open_claims_round_trip,
                           stories_stored_and_recomputed_when_stale,
                           audit_load_gives_stories_and_copies,
                           check_db_loads_the_drafts_story_only, version_1_is_upgraded_by_index_only,
                           version_2_is_upgraded_by_index_only,
                           version_3_is_read_and_upgraded_by_index);
    tcase_set_timeout(open, 60);
    return s;
}
