/*
 * test_open.c — open facts (open.h): the measure words around a figure, its names, cues
 * and time, and whether two facts of different reports state the same fact. Rows are
 * pairs of sentences; each row says whether the figures named compare (score >= 3) and
 * the exact words they are compared on.
 */
#include "testutil.h"

#include <string.h>
#include "open.h"

/* The fact of the figure written `figure` in sentence `s`. */
static void fact_of(const char *s, const char *figure, cc_open_fact *out)
{
    cc_figures figs;
    cc_figures_init(&figs);
    figs.doc_year = 2005;
    cc_figure_scan(s, strlen(s), CC_LOCALE_VI, &figs);
    const char *at = strstr(s, figure);
    ck_assert_msg(at != NULL, "'%s' not in the sentence", figure);
    size_t i = 0;
    while (i < figs.n && figs.v[i].start != (size_t)(at - s))
        i++;
    ck_assert_msg(i < figs.n, "no figure at '%s'", figure);
    cc_open_fact_make(s, strlen(s), &figs, i, out);
    cc_figures_free(&figs);
}

static const struct pair_row {
    const char *a, *fa, *b, *fb;
    bool same;          /* compared: score at least 3 */
    const char *why;    /* the shared words, when compared */
} PAIRS[] = {
    /* the same fact in other words and another value */
    {"Vụ tai nạn làm 13 hành khách bị thương nặng.", "13",
     "Tai nạn khiến 15 hành khách bị thương nặng.", "15", true,
     "'hành', 'khách', 'thương', 'nạn', 'tai'"},
    {"Xe lao xuống vực sâu 60 mét.", "60 mét", "Chiếc xe rơi xuống vực sâu gần 80m.", "80m",
     true, "'sâu', 'vực', 'xe'"},
    /* requested versus imposed: never the same fact */
    {"VKS đề nghị mức án 12 năm tù cho bị cáo.", "12 năm", "Tòa tuyên phạt bị cáo 10 năm tù.",
     "10 năm", false, ""},
    /* a target is not a result */
    {"Mục tiêu đến năm 2010 đạt 50% hộ dân dùng nước sạch.", "50%",
     "Hiện 30% hộ dân dùng nước sạch.", "30%", false, ""},
    /* another place, named in each clause */
    {"Lốc làm sập 40 ngôi nhà ở Cao Bằng.", "40", "Lốc làm sập 12 ngôi nhà ở Lạng Sơn.", "12",
     false, ""},
    /* another kind of figure (a count and a money amount) */
    {"Công ty có 200 công nhân.", "200", "Công ty nợ 200 triệu đồng tiền lương công nhân.",
     "200 triệu đồng", false, ""},
    /* an addition or a part is not the whole */
    {"Sở đề nghị SAMCO hỗ trợ thêm 100 xe buýt chở khách.", "100",
     "Sở đề nghị SAMCO hỗ trợ khoảng 20 xe buýt chở khách.", "20", false, ""},
    /* "khác" (others) weighs 2 against, no more: "4 người khác bị thương" is often the
     * others than the dead */
    {"Công an tạm giữ 11 đối tượng khác có liên quan.", "11",
     "Công an tạm giữ 12 đối tượng có liên quan.", "12", true,
     "'đối', 'tượng', 'liên', 'giữ', 'tạm', 'an'"},
    /* counts of two things: another head noun (a classifier is passed over) */
    {"Các bị can bị đề nghị truy tố 2 tội lừa đảo chiếm đoạt tài sản.", "2",
     "Đề nghị truy tố 11 bị can lừa đảo chiếm đoạt tài sản.", "11", false, ""},
    {"Công an thu giữ 2 khẩu súng tự chế trong hang.", "2",
     "Công an thu giữ 3 súng tự chế trong hang.", "3", true,
     "'súng', 'tự', 'chế', 'giữ', 'thu', 'an'"},
    /* people at two stages of a case: the indicted and the tried */
    {"Cơ quan điều tra chưa đủ sức xác định nguồn gốc, nhưng cả 2 bị can Huỳnh Thái Sơn và "
     "Đoàn Ngọc Phăng đều khai nhận.", "2",
     "Tòa đưa vụ án ra xét xử sơ thẩm với 4 bị cáo là Huỳnh Thái Sơn, Đoàn Ngọc Phăng.", "4",
     false, ""},
    /* a margin between two figures is not either figure */
    {"Lực đã bỏ xa đối thủ người Indonesia giành HCB tới 7kg.", "7kg",
     "Lực sĩ Indonesia giành HCB với thành tích 261 kg.", "261 kg", false, ""},
    /* a known limit: the same people under another noun, the cue on either side; the
     * words shared across sides ('đề', 'nghị') do not outweigh what follows each noun */
    {"Vụ án có 12 người bị đề nghị truy tố về tội lừa đảo.", "12",
     "Đề nghị truy tố 11 bị can về tội lừa đảo.", "11", false, ""},
};

START_TEST(pairs_compare)
{
    const struct pair_row *r = &PAIRS[_i];
    cc_open_fact a, b;
    fact_of(r->a, r->fa, &a);
    fact_of(r->b, r->fb, &b);
    cc_open_match m = cc_open_compare(&a, &b, NULL);
    ck_assert_msg((m.score >= 3) == r->same, "row %d: score %d (%s)", _i, m.score, m.why);
    if (r->same)
        ck_assert_str_eq(m.why, r->why);
}
END_TEST

START_TEST(a_date_without_a_year_takes_the_story_year)
{
    cc_open_fact f;
    cc_figures figs;
    cc_figures_init(&figs); /* doc_year 0: no year known while reading */
    const char *s = "Ngày 21-3, lốc xoáy làm sập 40 ngôi nhà.";
    cc_figure_scan(s, strlen(s), CC_LOCALE_VI, &figs);
    ck_assert_uint_ge(figs.n, 1);
    ck_assert_int_eq(figs.v[0].kind, CC_FIG_DATE);
    cc_open_fact_make(s, strlen(s), &figs, 0, &f);
    cc_figures_free(&figs);
    ck_assert(f.yearless);
    ck_assert_str_eq(f.after[0], "lốc"); /* alone between commas: the next clause's words */
    cc_open_set_year(&f, 2005);
    ck_assert(!f.yearless);
    ck_assert_double_eq(f.value.lo, 12863.0); /* 2005-03-21 */
    ck_assert_double_eq(f.value.hi, 12863.0);
    cc_open_set_year(&f, 2004); /* already dated: unchanged */
    ck_assert_double_eq(f.value.lo, 12863.0);
}
END_TEST

START_TEST(a_decided_cue_after_the_figure)
{
    cc_open_fact f;
    fact_of("Vụ án có 12 người bị đề nghị truy tố.", "12", &f);
    ck_assert_uint_eq(f.cues, CC_CUE_REQUEST);
    fact_of("Tòa tuyên phạt 3 bị cáo, họ đã bị đề nghị truy tố.", "3", &f);
    ck_assert_uint_eq(f.cues, CC_CUE_IMPOSED); /* the one before wins */
    fact_of("Thuế giá trị gia tăng là 13,5 tỷ đồng.", "13,5", &f);
    ck_assert_uint_eq(f.cues, 0); /* VAT is no increase */
}
END_TEST

START_TEST(measure_words_and_clause)
{
    cc_open_fact f;
    fact_of("Vụ tai nạn làm 3 người chết, 5 người bị thương.", "5", &f);
    cc_buf b = CC_BUF_INIT;
    cc_open_measure(&f, &b);
    ck_assert_str_eq(b.data, "người thương");
    ck_assert_uint_eq(f.nbefore, 0); /* the comma ends the clause before it */
    cc_buf_free(&b);
    fact_of("Từ đầu năm, tổng cộng 120 vụ cháy đã xảy ra.", "120", &f);
    ck_assert(f.cues & CC_CUE_TOTAL);
    fact_of("Kim ngạch tăng 12% so với năm ngoái.", "12%", &f);
    ck_assert(f.cues & CC_CUE_CHANGE);
    ck_assert(f.cues & CC_CUE_EARLIER);
    fact_of("Đội nhà thắng, chênh lệch 12 điểm.", "12", &f);
    ck_assert_uint_eq(f.cues, CC_CUE_CHANGE);
}
END_TEST

START_TEST(names_and_time_of_the_clause)
{
    cc_open_fact f;
    fact_of("Đến chiều 25/4, Bộ Y tế ghi nhận 73 ca nhiễm.", "73", &f);
    ck_assert_uint_eq(f.nnames, 1);
    ck_assert_str_eq(f.names[0], "bộ y"); /* capitalised words: "tế" is not */
    ck_assert(!f.has_time); /* "25/4" stands in another clause */
    fact_of("Bộ Y tế ghi nhận 91 ca nhiễm đến trưa 26/4.", "91", &f);
    ck_assert(f.has_time);
    ck_assert(f.time.lo == f.time.hi);
}
END_TEST

/* Two counts that share only their noun are a candidate, not an alarm. */
START_TEST(a_shared_noun_alone_is_a_candidate)
{
    cc_open_fact a, b;
    fact_of("Đoàn E1 chở 503 hành khách cùng 35 nhân viên.", "503", &a);
    fact_of("Vụ lật tàu làm gần 80 hành khách bị thương.", "80", &b);
    cc_open_match m = cc_open_compare(&a, &b, NULL);
    ck_assert_int_ge(m.score, 3);
    ck_assert(m.noun_only);
    fact_of("Vụ lật tàu làm 86 hành khách bị thương.", "86", &a);
    m = cc_open_compare(&a, &b, NULL);
    ck_assert(!m.noun_only);
}
END_TEST

START_TEST(common_words_are_no_evidence)
{
    cc_open_fact a, b;
    fact_of("Chính phủ điện tử có 12 dịch vụ mới.", "12", &a);
    fact_of("Chính phủ điện tử có 15 dịch vụ công.", "15", &b);
    const cc_open_fact *facts[] = {&a, &b};
    cc_open_common common;
    cc_open_common_build(facts, 2, 2, 2, &common); /* words near both: common */
    ck_assert_uint_gt(common.n, 0);
    cc_open_match with = cc_open_compare(&a, &b, &common), without = cc_open_compare(&a, &b, NULL);
    ck_assert_int_lt(with.score, without.score);
    cc_open_common_free(&common);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("open");
    TCase *tc = CC_TCASE(s, "core", NULL, NULL, measure_words_and_clause,
                         names_and_time_of_the_clause, common_words_are_no_evidence,
                         a_shared_noun_alone_is_a_candidate,
                         a_date_without_a_year_takes_the_story_year, a_decided_cue_after_the_figure);
    tcase_add_loop_test(tc, pairs_compare, 0, (int)(sizeof PAIRS / sizeof PAIRS[0]));
    return s;
}
