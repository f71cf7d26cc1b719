/*
 * test_align.c — open claims of different documents aligned into facts (align.h): a fact
 * stated by several reports is one group, each report's figure its best match; a figure
 * no other report states, or a look-alike about another thing, stays alone.
 */
#include "testutil.h"

#include <string.h>
#include "align.h"
#include "checker.h"
#include "extract.h"

static const char OPEN_RULEBOOK[] = "version: 1\nname: open\nopen: on\nsubjects: {}\nfields: {}\n";

/* Each test's rulebook and run (the fixture frees them). */
static cc_rulebook *rb;
static cc_run run;

static void setup(void)
{
    rb = tu_rulebook_compiled(OPEN_RULEBOOK);
    cc_run_init(&run, rb);
}

static void teardown(void)
{
    cc_run_free(&run);
    cc_rulebook_free(rb);
}

/* Extracts each text as a document of the run. */
static void extract_texts(const char *const *texts, size_t n)
{
    cc_extractor *ex = cc_extractor_new(rb, NULL);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%zu.txt", i);
        ck_assert_int_eq(cc_extract_mem(ex, &run, name, texts[i], strlen(texts[i])), 0);
    }
    cc_extractor_free(ex);
    cc_sort_claims(&run);
}

/* The value text of each claim of group g, joined by " | ". */
static void group_words(const cc_aligned *g, cc_buf *out)
{
    for (size_t i = 0; i < g->n; i++)
        cc_buf_addf(out, "%s%s", i ? " | " : "", run.claims[g->claims[i]].value_text);
}

START_TEST(one_fact_three_reports)
{
    const char *texts[] = {
        "Vụ tai nạn làm 13 hành khách bị thương nặng. Xe chở 40 người.\n",
        "Tai nạn khiến 15 hành khách bị thương nặng.\n",
        "Có 13 hành khách bị thương nặng trong vụ tai nạn.\n",
    };
    extract_texts(texts, 3);
    cc_aligned *g;
    size_t n = cc_align_open(&run, &g);
    ck_assert_uint_eq(n, 1);
    cc_buf words = CC_BUF_INIT;
    group_words(&g[0], &words);
    ck_assert_str_eq(words.data, "13 | 15 | 13");
    ck_assert_int_ge(g[0].score, CC_ALIGN_MIN_SCORE);
    ck_assert(g[0].same_time);
    cc_buf_free(&words);
    cc_aligned_free(g, n);
}
END_TEST

START_TEST(checked_as_a_conflict_with_evidence)
{
    const char *texts[] = {
        "Vụ tai nạn làm 13 hành khách bị thương nặng.\n",
        "Tai nạn khiến 15 hành khách bị thương nặng.\n",
    };
    extract_texts(texts, 2);
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert_uint_eq(run.nfindings, 1);
    const cc_finding *f = &run.findings[0];
    ck_assert(f->open);
    ck_assert_str_eq(f->message, "the figure for 'hành khách thương nặng' differs between "
                                 "sources: 13 here, 15 in 1 other document");
    ck_assert_str_eq(f->evidence, "compared because both reports say 'hành', 'khách', "
                                  "'thương', 'nạn', 'tai' about a count (alignment score 7)");
    ck_assert_int_eq(f->severity, CC_SEV_ERROR);
}
END_TEST

START_TEST(lookalikes_stay_apart)
{
    const char *texts[] = {
        "VKS đề nghị mức án 12 năm tù cho bị cáo.\n",
        "Tòa tuyên phạt bị cáo 10 năm tù.\n",
    };
    extract_texts(texts, 2);
    cc_aligned *g;
    size_t n = cc_align_open(&run, &g);
    ck_assert_uint_eq(n, 0);
    cc_aligned_free(g, n);
}
END_TEST

START_TEST(a_count_of_others_against_the_count_of_all_is_information)
{
    /* 11 others besides Phố and 12 in all: both can be right */
    const char *texts[] = {
        "Ngoài Phố, công an cũng tạm giữ 11 đối tượng khác có liên quan đến đường dây.\n",
        "Công an tạm giữ 12 đối tượng có liên quan đến đường dây.\n",
    };
    extract_texts(texts, 2);
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert_uint_eq(run.nfindings, 1);
    const cc_finding *f = &run.findings[0];
    ck_assert_int_eq(f->severity, CC_SEV_INFO);
    ck_assert_str_eq(f->message, "the figure for 'đối tượng khác liên' differs between sources "
                                 "(one report counts the others besides someone: a part of the "
                                 "other's total?): 11 here, 12 in 1 other document");
}
END_TEST

/* ---- stories (audit, check --db) ---------------------------------------------------- */

static const char *const INJURED[] = {
    "Vụ tai nạn làm 13 hành khách bị thương nặng.\n",
    "Tai nạn khiến 15 hành khách bị thương nặng.\n",
    "Có 15 hành khách bị thương nặng trong vụ tai nạn.\n",
};

START_TEST(aligned_only_within_a_story)
{
    extract_texts(INJURED, 3);
    run.stories = true;
    run.docs[0].story = 7;
    run.docs[1].story = 9; /* another story: its 15 is not compared */
    run.docs[2].story = 7;
    cc_aligned *g;
    size_t n = cc_align_open(&run, &g);
    ck_assert_uint_eq(n, 1);
    cc_buf words = CC_BUF_INIT;
    group_words(&g[0], &words);
    ck_assert_str_eq(words.data, "13 | 15");
    ck_assert_int_eq(run.claims[g[0].claims[1]].doc, 2);
    cc_aligned_free(g, n);
    run.docs[2].story = -1; /* no story: aligned with nothing */
    n = cc_align_open(&run, &g);
    ck_assert_uint_eq(n, 0);
    cc_aligned_free(g, n);
    cc_buf_free(&words);
}
END_TEST

START_TEST(a_copy_counts_once_in_a_majority)
{
    extract_texts(INJURED, 3);
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert_uint_eq(run.nfindings, 1);
    ck_assert_int_ge(run.findings[0].majority, 0); /* two documents say 15 */
    cc_run_free(&run);
    cc_run_init(&run, rb);
    extract_texts(INJURED, 3);
    run.stories = true;
    for (size_t i = 0; i < 3; i++)
        run.docs[i].story = 1;
    run.docs[2].duplicate_of = 1; /* the third reprints the second */
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert_uint_eq(run.nfindings, 1);
    const cc_finding *f = &run.findings[0];
    ck_assert_int_eq(f->majority, -1); /* one text says 15, one says 13 */
    ck_assert_str_eq(f->message, "the figure for 'hành khách thương nặng' differs between "
                                 "sources: 13 here, 15 in 1 other document");
}
END_TEST

/* A check of more than CC_CHECK_ONE_STORY_MAX (100) documents is not one story: its
 * documents get the stories story.h finds, and only those are aligned. The three reports
 * of INJURED are one story among 98 articles of nothing in common (each alone in its
 * story, their counts of people compared with nothing); checked alone, the three are one
 * story as before, with the same finding. */
START_TEST(a_check_of_many_documents_is_aligned_by_stories)
{
    cc_extract_opts o = {.terms = true};
    cc_extractor *ex = cc_extractor_new(rb, &o);
    for (size_t i = 0; i < 101; i++) {
        char name[32], text[128];
        snprintf(name, sizeof name, "doc%03zu.txt", i);
        if (i < 3)
            snprintf(text, sizeof text, "%s", INJURED[i]);
        else
            snprintf(text, sizeof text, "Bài %zu kể chuyện khác: %zu người đi chợ.\n", i, i);
        ck_assert_int_eq(cc_extract_mem(ex, &run, name, text, strlen(text)), 0);
    }
    cc_extractor_free(ex);
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert(run.stories);
    ck_assert_int_eq(run.docs[1].story, run.docs[0].story);
    ck_assert_int_eq(run.docs[2].story, run.docs[0].story);
    for (size_t i = 3; i < 101; i++)
        ck_assert_int_eq(run.docs[i].story, (int64_t)i); /* alone */
    ck_assert_uint_eq(run.naligned, 1);
    ck_assert_uint_eq(run.nfindings, 1);
    for (size_t i = 0; i < run.aligned[0].n; i++)
        ck_assert_int_lt(run.claims[run.aligned[0].claims[i]].doc, 3);
    cc_run_free(&run);
    cc_run_init(&run, rb);
    ex = cc_extractor_new(rb, &o);
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(cc_extract_mem(ex, &run, "doc.txt", INJURED[i], strlen(INJURED[i])), 0);
    cc_extractor_free(ex);
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert(!run.stories);
    ck_assert_uint_eq(run.nfindings, 1);
}
END_TEST

/* check --db: documents 1 and 2 archived, document 0 the draft. */
static void as_check_db(void)
{
    run.stories = run.drafts_only = true;
    for (size_t i = 0; i < 3; i++) {
        run.docs[i].story = 0;
        run.docs[i].archived = i > 0;
        run.docs[i].draft = i == 0;
    }
}

START_TEST(check_db_reports_where_the_draft_disagrees)
{
    extract_texts(INJURED, 3);
    as_check_db();
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert_uint_eq(run.nfindings, 1);
    const cc_claim *at = &run.claims[run.findings[0].location];
    ck_assert_int_eq(at->doc, 0);
    ck_assert_str_eq(at->value_text, "13");
}
END_TEST

START_TEST(check_db_is_silent_when_the_draft_has_the_majority)
{
    const char *texts[] = {INJURED[1], INJURED[0], INJURED[2]}; /* the draft says 15 */
    extract_texts(texts, 3);
    as_check_db();
    ck_assert_int_eq(cc_check(&run), 0);
    ck_assert_uint_eq(run.nfindings, 0); /* the archive's own 13 is an audit's matter */
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("align");
    CC_TCASE(s, "core", setup, teardown, one_fact_three_reports, checked_as_a_conflict_with_evidence,
             lookalikes_stay_apart, a_count_of_others_against_the_count_of_all_is_information);
    CC_TCASE(s, "stories", setup, teardown, aligned_only_within_a_story,
             a_copy_counts_once_in_a_majority, check_db_reports_where_the_draft_disagrees,
             check_db_is_silent_when_the_draft_has_the_majority,
             a_check_of_many_documents_is_aligned_by_stories);
    return s;
}
