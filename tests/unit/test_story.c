/*
 * test_story.c — story terms and grouping (story.h): two reports of one event make one
 * story, an unrelated article stays alone, a reprint is one story with its original and
 * points to it, a report dated weeks later is other news; a draft finds its story.
 */
#include "testutil.h"

#include <stdint.h>
#include <string.h>
#include "story.h"
#include "value.h"

/* The terms of one text, line by line (a document). */
static uint32_t *terms_of(cc_story_terms *t, const char *text, size_t *n)
{
    const char *s = text;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        cc_story_terms_add(t, s, len);
        s += len + (e != NULL);
    }
    return cc_story_terms_detach(t, n);
}

static bool has_key(const uint32_t *terms, size_t n, uint32_t key, uint32_t *term)
{
    for (size_t i = 0; i < n; i++)
        if (CC_STORY_TERM_KEY(terms[i]) == key) {
            *term = terms[i];
            return true;
        }
    return false;
}

START_TEST(terms_are_pairs_lowercase_sorted_with_a_name_flag)
{
    cc_story_terms t;
    cc_story_terms_init(&t);
    size_t n1, n2, n3;
    uint32_t *a = terms_of(&t, "Đèo Hải Vân", &n1);       /* two pairs, both names */
    uint32_t *b = terms_of(&t, "đèo hải vân, đèo hải", &n2); /* the same pairs, lowercase */
    uint32_t *c = terms_of(&t, "Đèo Hải\nVân", &n3);       /* a pair spans two lines */
    ck_assert_uint_eq(n1, 2);
    ck_assert_uint_eq(n2, 3); /* "vân đèo" too */
    ck_assert_uint_eq(n3, 2);
    for (size_t i = 0; i < n1; i++) {
        uint32_t other;
        ck_assert(a[i] & CC_STORY_TERM_NAME);
        ck_assert(has_key(b, n2, CC_STORY_TERM_KEY(a[i]), &other));
        ck_assert(!(other & CC_STORY_TERM_NAME));
        ck_assert(has_key(c, n3, CC_STORY_TERM_KEY(a[i]), &other));
        ck_assert_uint_eq(other, a[i]);
    }
    for (size_t i = 1; i < n2; i++)
        ck_assert_uint_lt(b[i - 1], b[i]);
    /* A pair written once as a name and once not keeps the flag. */
    size_t n4;
    uint32_t *d = terms_of(&t, "hải vân và Hải Vân", &n4);
    uint32_t hv;
    ck_assert(has_key(d, n4, CC_STORY_TERM_KEY(a[1]), &hv) || has_key(d, n4, CC_STORY_TERM_KEY(a[0]), &hv));
    ck_assert(hv & CC_STORY_TERM_NAME);
    /* Nothing to pair: no terms. */
    size_t n5;
    ck_assert_ptr_null(terms_of(&t, "Một. ,,, ", &n5));
    ck_assert_uint_eq(n5, 0);
    free(a), free(b), free(c), free(d);
    cc_story_terms_free(&t);
}
END_TEST

START_TEST(terms_are_capped_per_document)
{
    cc_story_terms t;
    cc_story_terms_init(&t);
    cc_buf text = CC_BUF_INIT;
    for (int i = 0; i < CC_STORY_MAX_TERMS + 500; i++)
        cc_buf_addf(&text, "w%d ", i);
    size_t n;
    uint32_t *a = terms_of(&t, text.data, &n);
    ck_assert_uint_eq(n, CC_STORY_MAX_TERMS);
    free(a);
    a = terms_of(&t, "một hai ba", &n); /* the next document starts empty */
    ck_assert_uint_eq(n, 2);
    free(a);
    cc_buf_free(&text);
    cc_story_terms_free(&t);
}
END_TEST

START_TEST(day_of_a_date)
{
    ck_assert_int_eq(cc_story_day("1970-01-02"), 1);
    ck_assert_int_eq(cc_story_day("2005-03-12"), cc_days_from_civil(2005, 3, 12));
    ck_assert_int_eq(cc_story_day("2005"), CC_STORY_NO_DAY);
    ck_assert_int_eq(cc_story_day(""), CC_STORY_NO_DAY);
    ck_assert_int_eq(cc_story_day("2005-02-30"), CC_STORY_NO_DAY);
    ck_assert_int_eq(cc_story_day(NULL), CC_STORY_NO_DAY);
}
END_TEST

/* ---- grouping ---------------------------------------------------------------------- */

#define REPORT_A "Chiều 12/3, xe khách chở 30 người lao xuống vực sâu 60 mét tại đèo Hải Vân.\n" \
                 "Ông Nguyễn Văn Bình, tài xế xe khách, bị thương nặng và được đưa đi cấp cứu.\n"

static const struct {
    const char *text;
    const char *date;
} DOCS[] = {
    /* 0: a report */
    {REPORT_A, "2005-03-12"},
    /* 1: another outlet's report of the same accident */
    {"Xe khách chở 30 người rơi xuống vực sâu gần 80m trên đèo Hải Vân chiều 12/3.\n"
     "Tài xế Nguyễn Văn Bình bị thương nặng, được đưa đi cấp cứu tại bệnh viện Đà Nẵng.\n",
     "2005-03-13"},
    /* 2: unrelated */
    {"Giá vàng trong nước hôm nay tăng 200.000 đồng mỗi lượng.\n"
     "Công ty Vàng bạc Đá quý Sài Gòn niêm yết giá mua vào 8,9 triệu đồng.\n",
     "2005-03-12"},
    /* 3: report 0 reprinted, one word changed */
    {"Chiều 12/3, xe khách chở 30 người lao xuống vực sâu 60 mét tại đèo Hải Vân.\n"
     "Ông Nguyễn Văn Bình, tài xế xe khách, bị thương rất nặng và được đưa đi cấp cứu.\n",
     "2005-03-13"},
    /* 4: the same accident five weeks later (the trial): other news */
    {"Tòa xét xử tài xế Nguyễn Văn Bình, người lái xe khách chở 30 người lao xuống vực sâu "
     "tại đèo Hải Vân chiều 12/3, bị thương nặng và được đưa đi cấp cứu.\n",
     "2005-04-20"},
};
#define NDOCS (sizeof DOCS / sizeof DOCS[0])

static void make_docs(cc_story_doc *docs, size_t n)
{
    cc_story_terms t;
    cc_story_terms_init(&t);
    for (size_t i = 0; i < n; i++) {
        docs[i].terms = terms_of(&t, DOCS[i].text, &docs[i].nterms);
        docs[i].day = cc_story_day(DOCS[i].date);
    }
    cc_story_terms_free(&t);
}

static void free_docs(cc_story_doc *docs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free((void *)docs[i].terms);
}

START_TEST(reports_grouped_unrelated_alone_reprint_flagged_late_apart)
{
    cc_story_doc docs[NDOCS];
    make_docs(docs, NDOCS);
    cc_story_out out[NDOCS];
    cc_story_stats st;
    cc_story_group(docs, NDOCS, out, &st);
    const size_t story[NDOCS] = {0, 0, 2, 0, 4};
    const size_t dup[NDOCS] = {SIZE_MAX, SIZE_MAX, SIZE_MAX, 0, SIZE_MAX};
    for (size_t i = 0; i < NDOCS; i++) {
        ck_assert_msg(out[i].story == story[i], "document %zu: story %zu, expected %zu", i,
                      out[i].story, story[i]);
        ck_assert_msg(out[i].duplicate_of == dup[i], "document %zu: duplicate of %zu", i,
                      out[i].duplicate_of);
        ck_assert(out[i].norm > 0);
    }
    ck_assert_uint_eq(st.stories, 1);
    ck_assert_uint_eq(st.grouped, 3);
    ck_assert_uint_eq(st.duplicates, 1);
    ck_assert_uint_eq(st.links, 3);

    /* Undated, the late report joins the story: dates only keep dated documents apart. */
    docs[4].day = CC_STORY_NO_DAY;
    cc_story_group(docs, NDOCS, out, &st);
    ck_assert_uint_eq(out[4].story, 0);
    ck_assert_uint_eq(out[2].story, 2);
    free_docs(docs, NDOCS);
}
END_TEST

START_TEST(the_earliest_copy_is_the_original)
{
    cc_story_doc docs[NDOCS];
    make_docs(docs, NDOCS);
    docs[0].day = cc_story_day("2005-03-14"); /* the reprint (3) came out first */
    cc_story_out out[NDOCS];
    cc_story_group(docs, NDOCS, out, NULL);
    ck_assert_uint_eq(out[0].duplicate_of, 3);
    ck_assert_uint_eq(out[3].duplicate_of, SIZE_MAX);
    ck_assert_uint_eq(out[0].story, 0);
    ck_assert_uint_eq(out[3].story, 0);
    free_docs(docs, NDOCS);
}
END_TEST

START_TEST(nothing_to_group)
{
    cc_story_out out[1];
    cc_story_stats st;
    cc_story_group(NULL, 0, out, &st);
    ck_assert_uint_eq(st.stories, 0);
    cc_story_doc empty = {NULL, 0, CC_STORY_NO_DAY};
    cc_story_group(&empty, 1, out, &st);
    ck_assert_uint_eq(out[0].story, 0);
    ck_assert_uint_eq(out[0].duplicate_of, SIZE_MAX);
    ck_assert(out[0].norm == 0);
}
END_TEST

START_TEST(draft_finds_its_story)
{
    /* The archive: documents 0, 2, 3, 4; the draft is report 1. */
    cc_story_doc all[NDOCS];
    make_docs(all, NDOCS);
    cc_story_doc docs[4] = {all[0], all[2], all[3], all[4]};
    cc_story_out out[4];
    cc_story_group(docs, 4, out, NULL);
    double norms[4];
    for (size_t i = 0; i < 4; i++)
        norms[i] = out[i].norm;
    size_t match[CC_STORY_NEIGHBOURS + 1];
    size_t m = cc_story_match(docs, norms, 4, &all[1], match);
    ck_assert_uint_eq(m, 2); /* reports 0 and 3; not the gold price, not the late trial */
    ck_assert((match[0] == 0 && match[1] == 2) || (match[0] == 2 && match[1] == 0));
    /* The reprint as a draft: its original is among its matches. */
    cc_story_doc first[3] = {all[0], all[1], all[2]};
    cc_story_group(first, 3, out, NULL);
    for (size_t i = 0; i < 3; i++)
        norms[i] = out[i].norm;
    m = cc_story_match(first, norms, 3, &all[3], match);
    ck_assert_uint_ge(m, 1);
    ck_assert_uint_eq(match[0], 0);
    /* Undated drafts and documents are compared on their words only; a draft with no
     * terms matches nothing. */
    cc_story_doc none = {NULL, 0, CC_STORY_NO_DAY};
    ck_assert_uint_eq(cc_story_match(first, norms, 3, &none, match), 0);
    free_docs(all, NDOCS);
}
END_TEST

/* What cc_story_group_terms hands over: each key, its df, and its documents. */
typedef struct sunk {
    uint32_t key[4096];
    size_t df[4096];
    size_t docs[4096][CC_STORY_MAX_DF];
    size_t n;
} sunk;

static void sink(void *ctx, uint32_t key, const size_t *docs, size_t df)
{
    sunk *k = ctx;
    ck_assert_uint_lt(k->n, 4096);
    ck_assert(k->n == 0 || k->key[k->n - 1] < key); /* ascending, each key once */
    ck_assert_ptr_nonnull(docs); /* a handful of documents: every term is listed */
    k->key[k->n] = key;
    k->df[k->n] = df;
    memcpy(k->docs[k->n++], docs, df * sizeof *docs);
}

START_TEST(match_df_over_the_sharing_documents_is_match)
{
    cc_story_doc all[NDOCS];
    make_docs(all, NDOCS);
    cc_story_doc docs[4] = {all[0], all[2], all[3], all[4]};
    cc_story_out out[4];
    sunk *k = cc_xcalloc(1, sizeof *k);
    cc_story_group_terms(docs, 4, out, NULL, sink, k);
    double norms[4];
    size_t ndocs = 0;
    for (size_t i = 0; i < 4; i++) {
        norms[i] = out[i].norm;
        ndocs += docs[i].nterms > 0;
    }
    const cc_story_doc *draft = &all[1];
    size_t *df = cc_xcalloc(draft->nterms, sizeof *df);
    bool sharing[4] = {false};
    for (size_t i = 0; i < draft->nterms; i++)
        for (size_t t = 0; t < k->n; t++)
            if (k->key[t] == CC_STORY_TERM_KEY(draft->terms[i])) {
                df[i] = k->df[t];
                for (size_t j = 0; j < k->df[t]; j++)
                    sharing[k->docs[t][j]] = true;
            }
    cc_story_doc subset[4];
    double subset_norms[4];
    size_t index[4], n = 0;
    for (size_t i = 0; i < 4; i++)
        if (sharing[i]) {
            subset[n] = docs[i];
            subset_norms[n] = norms[i];
            index[n++] = i;
        }
    size_t want[CC_STORY_NEIGHBOURS + 1], got[CC_STORY_NEIGHBOURS + 1];
    size_t m = cc_story_match(docs, norms, 4, draft, want);
    ck_assert_uint_eq(m, 2);
    ck_assert_uint_lt(n, 4); /* the gold price shares nothing rare enough */
    ck_assert_uint_eq(cc_story_match_df(subset, subset_norms, n, ndocs, df, draft, got), m);
    for (size_t i = 0; i < m; i++)
        ck_assert_uint_eq(index[got[i]], want[i]);
    free(df);
    free(k);
    free_docs(all, NDOCS);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("story");
    CC_TCASE(s, "terms", NULL, NULL, terms_are_pairs_lowercase_sorted_with_a_name_flag,
             terms_are_capped_per_document, day_of_a_date);
    CC_TCASE(s, "group", NULL, NULL, reports_grouped_unrelated_alone_reprint_flagged_late_apart,
             the_earliest_copy_is_the_original, nothing_to_group, draft_finds_its_story,
             match_df_over_the_sharing_documents_is_match);
    return s;
}
