/* Unit tests for patcache.c and its use by cc_patterns_prepare(): a record is read back
 * only when its key, length and checksum are exactly right; a damaged one counts as
 * none (everything compiled again, a sound record written); a rulebook with an error is
 * reported, not recorded; the patterns decoded from a record match as compiled ones do. */
#include <stdlib.h>
#include <string.h>
#include "patcache.h"
#include "pattern.h"
#include "testutil.h"

static const char *const RULEBOOK =
    "version: 1\nname: t\nsubjects:\n  vn: {name: Việt Nam}\nfields:\n  f:\n    type: rank\n"
    "    subject: vn\n    patterns:\n      - '{rank}\\s+châu Á'\n";

static void use_test_cache(void)
{
    tu_tmp_setup();
    setenv("XDG_CACHE_HOME", tu_dir, 1);
    unsetenv("CROSSCHECK_NO_CACHE");
}

/* The only record file in the cache folder (static storage), or NULL. */
static const char *the_record(void)
{
    static char path[600];
    char dir[300];
    snprintf(dir, sizeof dir, "%s/crosscheck", tu_dir);
    DIR *d = opendir(dir);
    const char *found = NULL;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            ck_assert_msg(found == NULL, "more than one file in the cache");
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            found = path;
        }
    if (d)
        closedir(d);
    return found;
}

START_TEST(put_then_get)
{
    cc_pattern_record rec;
    ck_assert(!cc_pattern_cache_get("key\n", 4, &rec));
    cc_pattern_cache_put("key\n", 4, "payload bytes", 13);
    ck_assert(cc_pattern_cache_get("key\n", 4, &rec));
    ck_assert_uint_eq(rec.len, 13);
    ck_assert(memcmp(rec.payload, "payload bytes", 13) == 0);
    cc_pattern_record_close(&rec);
    ck_assert(!cc_pattern_cache_get("kez\n", 4, &rec)); /* another key, another file */
}
END_TEST

START_TEST(damaged_records_are_none)
{
    cc_pattern_cache_put("key\n", 4, "payload bytes", 13);
    const char *path = the_record();
    ck_assert_ptr_nonnull(path);
    size_t len;
    char *good = tu_read(path, &len);
    cc_pattern_record rec;
    struct {
        size_t at;
        char byte;
    } flips[] = {{0, 'K'}, {6, 'x'}, {len - 1, 'S'}};
    for (size_t i = 0; i < sizeof flips / sizeof flips[0]; i++) {
        char *bad = cc_xstrndup(good, len);
        bad[flips[i].at] = flips[i].byte; /* the key, the payload line, the payload */
        FILE *f = fopen(path, "wb");
        fwrite(bad, 1, len, f);
        fclose(f);
        ck_assert_msg(!cc_pattern_cache_get("key\n", 4, &rec), "flip %zu accepted", i);
        free(bad);
    }
    FILE *f = fopen(path, "wb");
    fwrite(good, 1, len - 3, f); /* truncated */
    fclose(f);
    ck_assert(!cc_pattern_cache_get("key\n", 4, &rec));
    free(good);
}
END_TEST

/* Files in the cache folder. */
static size_t records(void)
{
    char dir[300];
    snprintf(dir, sizeof dir, "%s/crosscheck", tu_dir);
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

START_TEST(old_records_evicted)
{
    char key[32];
    for (int i = 0; i < 40; i++) {
        snprintf(key, sizeof key, "key %d\n", i);
        cc_pattern_cache_put(key, strlen(key), "payload", 7);
    }
    ck_assert_uint_eq(records(), 16);
    cc_pattern_record rec;
    ck_assert(cc_pattern_cache_get(key, strlen(key), &rec)); /* the newest is kept */
    cc_pattern_record_close(&rec);
}
END_TEST

START_TEST(turned_off)
{
    setenv("CROSSCHECK_NO_CACHE", "1", 1);
    cc_pattern_cache_put("key\n", 4, "payload", 7);
    ck_assert_ptr_null(the_record());
    unsetenv("CROSSCHECK_NO_CACHE");
}
END_TEST

/* Prepares RULEBOOK and checks that its pattern matches as a compiled one does. */
static void prepare_and_match(void)
{
    cc_diags d = {0};
    cc_rulebook *rb = cc_rulebook_load_mem("t.yaml", RULEBOOK, strlen(RULEBOOK), &d);
    ck_assert_ptr_nonnull(rb);
    ck_assert_int_eq(cc_patterns_prepare(rb, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    const char *t = "xếp hạng 86/193 quốc gia, 24/47 CHÂU Á";
    cc_match m;
    ck_assert_int_eq(cc_pattern_match(&rb->fields[0].patterns[0], t, strlen(t), 0, &m),
                     CC_MATCH_FOUND);
    ck_assert_uint_eq(m.nslots, 1);
    ck_assert_int_eq(m.slot_kind[0], CC_SLOT_RANK);
    ck_assert(memcmp(t + m.slots[0].start, "24/47", 5) == 0);
    cc_slot kinds[CC_MAX_SLOTS];
    ck_assert_uint_eq(cc_pattern_slots(&rb->fields[0].patterns[0], kinds), 1);
    char *const *w;
    ck_assert_uint_eq(cc_pattern_required(&rb->fields[0].patterns[0], &w), 1);
    ck_assert_str_eq(w[0], "châu á");
    cc_rulebook_free(rb);
    cc_diags_free(&d);
}

START_TEST(prepared_rulebook_from_the_cache)
{
    prepare_and_match(); /* compiled, then recorded */
    const char *path = the_record();
    ck_assert_ptr_nonnull(path);
    size_t len;
    char *first = tu_read(path, &len);
    prepare_and_match(); /* decoded from the record */
    /* a damaged record: compiled again, and a sound record takes its place */
    first[len - 1] ^= 1;
    FILE *f = fopen(path, "wb");
    fwrite(first, 1, len, f);
    fclose(f);
    prepare_and_match();
    size_t len2;
    char *second = tu_read(path, &len2);
    ck_assert_uint_eq(len2, len);
    first[len - 1] ^= 1;
    ck_assert(memcmp(first, second, len) == 0);
    free(first);
    free(second);
}
END_TEST

START_TEST(errors_reported_not_recorded)
{
    const char *bad = "version: 1\nname: t\nsubjects:\n  vn: {name: Việt Nam}\nfields:\n  f:\n"
                      "    type: rank\n    subject: vn\n    patterns:\n"
                      "      - '{rank}\\s+(?<x châu Á'\n";
    for (int round = 0; round < 2; round++) {
        cc_diags d = {0};
        cc_rulebook *rb = cc_rulebook_load_mem("t.yaml", bad, strlen(bad), &d);
        ck_assert_int_eq(cc_patterns_prepare(rb, &d), -1);
        ck_assert_uint_eq(d.n, 1);
        ck_assert_uint_eq(d.v[0].line, 10);
        ck_assert_uint_eq(d.v[0].column, 23);
        cc_rulebook_free(rb);
        cc_diags_free(&d);
    }
    ck_assert_ptr_null(the_record());
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("patcache");
    CC_TCASE(s, "records", use_test_cache, tu_tmp_teardown, put_then_get,
             damaged_records_are_none, old_records_evicted, turned_off);
    CC_TCASE(s, "prepare", use_test_cache, tu_tmp_teardown, prepared_rulebook_from_the_cache,
             errors_reported_not_recorded);
    return s;
}
