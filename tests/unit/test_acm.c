/* Unit tests for acm.c: every occurrence of every word, overlapping ones and words inside
 * words included, in one pass; the step interface agrees with the scan. */
#include <string.h>
#include "acm.h"
#include "testutil.h"

typedef struct hits {
    uint32_t id[64];
    size_t end[64];
    size_t n;
    size_t stop_after; /* 0: never stop */
} hits;

static bool record(void *ctx, uint32_t id, size_t end)
{
    hits *h = ctx;
    ck_assert_uint_lt(h->n, 64);
    h->id[h->n] = id;
    h->end[h->n++] = end;
    return h->stop_after && h->n == h->stop_after;
}

/* Whether word `id` was reported ending at `end`. */
static bool has(const hits *h, uint32_t id, size_t end)
{
    for (size_t i = 0; i < h->n; i++)
        if (h->id[i] == id && h->end[i] == end)
            return true;
    return false;
}

static cc_acm *classic(void)
{
    cc_acm *a = cc_acm_new();
    const char *w[] = {"he", "she", "his", "hers"};
    for (uint32_t i = 0; i < 4; i++)
        cc_acm_add(a, w[i], strlen(w[i]), i);
    cc_acm_build(a);
    return a;
}

START_TEST(overlapping_words_all_reported)
{
    cc_acm *a = classic();
    hits h = {0};
    const char *t = "ushers";
    ck_assert(!cc_acm_scan(a, t, strlen(t), record, &h));
    ck_assert_uint_eq(h.n, 3);
    ck_assert(has(&h, 1, 4)); /* she */
    ck_assert(has(&h, 0, 4)); /* he, a suffix of she */
    ck_assert(has(&h, 3, 6)); /* hers */
    ck_assert_uint_eq(cc_acm_words(a), 4);
    cc_acm_free(a);
}
END_TEST

START_TEST(no_word_no_hit_and_stop)
{
    cc_acm *a = classic();
    hits h = {0};
    ck_assert(!cc_acm_scan(a, "xyz abc", 7, record, &h));
    ck_assert_uint_eq(h.n, 0);
    h.stop_after = 1;
    ck_assert(cc_acm_scan(a, "he he he", 8, record, &h));
    ck_assert_uint_eq(h.n, 1);
    cc_acm_free(a);
}
END_TEST

START_TEST(utf8_words_and_shared_ids)
{
    cc_acm *a = cc_acm_new();
    cc_acm_add(a, "châu", strlen("châu"), 7);
    cc_acm_add(a, "châu", strlen("châu"), 9); /* the same word for two patterns */
    cc_acm_add(a, "đông", strlen("đông"), 8);
    cc_acm_build(a);
    hits h = {0};
    const char *t = "xếp thứ 3 Đông Nam Á, đông dân nhất châu Á";
    cc_acm_scan(a, t, strlen(t), record, &h);
    ck_assert_uint_eq(h.n, 3); /* "Đông" is not "đông": callers lowercase first */
    ck_assert(has(&h, 8, (size_t)(strstr(t, "đông") - t) + strlen("đông")));
    size_t chau = (size_t)(strstr(t, "châu") - t) + strlen("châu");
    ck_assert(has(&h, 7, chau) && has(&h, 9, chau));
    cc_acm_free(a);
}
END_TEST

START_TEST(steps_agree_with_scan)
{
    cc_acm *a = classic();
    const char *t = "this is his shed; hers";
    hits h = {0};
    cc_acm_scan(a, t, strlen(t), record, &h);
    size_t finals = 0, distinct_ends = 0, last = SIZE_MAX;
    for (size_t i = 0; i < h.n; i++)
        if (h.end[i] != last) {
            distinct_ends++;
            last = h.end[i];
        }
    uint32_t s = cc_acm_start(a);
    for (size_t i = 0; t[i]; i++) {
        s = cc_acm_step(a, s, (unsigned char)t[i]);
        finals += cc_acm_final(a, s);
    }
    ck_assert_uint_eq(finals, distinct_ends);
    cc_acm_free(a);
}
END_TEST

START_TEST(empty_automaton)
{
    cc_acm *a = cc_acm_new();
    cc_acm_build(a);
    hits h = {0};
    ck_assert(!cc_acm_scan(a, "anything", 8, record, &h));
    ck_assert_uint_eq(h.n, 0);
    cc_acm_free(a);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("acm");
    CC_TCASE(s, "search", NULL, NULL, overlapping_words_all_reported, no_word_no_hit_and_stop,
             utf8_words_and_shared_ids, steps_agree_with_scan, empty_automaton);
    return s;
}
