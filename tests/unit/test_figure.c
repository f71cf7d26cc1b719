/* Unit tests for figure.c: every figure of a sentence, rows as in SPEC §2 —
 * sentence in, exact list of (span, kind, lo, hi, dimension, noun) out. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "figure.h"

#define Y 31557600.0 /* a year in seconds: 365.25 days */
#define MO (Y / 12)  /* a month */
#define D 86400.0
#define INF INFINITY

typedef struct want {
    const char *span;    /* the figure as written */
    cc_figure_kind kind;
    double lo, hi;
    cc_dim dim;
    const char *noun;    /* "" for none */
} want;

#define MAX_WANT 6
typedef struct row {
    const char *sentence;
    want w[MAX_WANT];    /* ends at the first span that is NULL */
} row;

static cc_figures figs;

static void setup(void)
{
    cc_figures_init(&figs);
}

static void teardown(void)
{
    cc_figures_free(&figs);
}

/* Scans a heap copy of exactly the sentence, so that ASan sees reads past it; the
 * spans are checked against the original. */
static void scan(const char *s)
{
    size_t n = strlen(s);
    char *copy = malloc(n ? n : 1);
    memcpy(copy, s, n);
    cc_figure_scan(copy, n, CC_LOCALE_VI, &figs);
    free(copy);
}

static bool span_is(const char *s, size_t start, size_t end, const char *text)
{
    return end - start == strlen(text) && memcmp(s + start, text, end - start) == 0;
}

static void check_row(const row *r)
{
    scan(r->sentence);
    size_t nwant = 0;
    while (nwant < MAX_WANT && r->w[nwant].span)
        nwant++;
    ck_assert_msg(figs.n == nwant, "'%s': %zu figures, expected %zu (first: '%.*s')",
                  r->sentence, figs.n, nwant,
                  figs.n ? (int)(figs.v[0].end - figs.v[0].start) : 0,
                  figs.n ? r->sentence + figs.v[0].start : "");
    for (size_t i = 0; i < nwant; i++) {
        const cc_figure *f = &figs.v[i];
        const want *w = &r->w[i];
        const char *s = r->sentence;
        ck_assert_msg(span_is(s, f->start, f->end, w->span), "'%s': figure %zu is '%.*s', expected '%s'",
                      s, i, (int)(f->end - f->start), s + f->start, w->span);
        ck_assert_msg(f->kind == w->kind, "'%s': kind %s, expected %s", w->span,
                      cc_name_of(cc_figure_kind_names, f->kind),
                      cc_name_of(cc_figure_kind_names, w->kind));
        ck_assert_msg(cc_figure_dim(f) == w->dim, "'%s': dimension %s, expected %s", w->span,
                      cc_name_of(cc_dim_names, cc_figure_dim(f)), cc_name_of(cc_dim_names, w->dim));
        ck_assert_near(f->range.lo, w->lo);
        ck_assert_near(f->range.hi, w->hi);
        ck_assert_msg(span_is(s, f->noun_start, f->noun_end, w->noun),
                      "'%s': noun '%.*s', expected '%s'", w->span,
                      (int)(f->noun_end - f->noun_start), s + f->noun_start, w->noun);
    }
}

static void check_rows(const row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++)
        check_row(&rows[i]);
}
#define CHECK_ROWS(a) check_rows((a), sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ quantities */

static const row QUANTITIES[] = {
    {"Xe chạy 69km/g khi va chạm.", {{"69km/g", CC_FIG_QUANTITY, 69, 69, CC_DIM_SPEED, ""}}},
    {"tốc độ 96 km/giờ", {{"96 km/giờ", CC_FIG_QUANTITY, 96, 96, CC_DIM_SPEED, ""}}},
    {"tốc độ 96km/h", {{"96km/h", CC_FIG_QUANTITY, 96, 96, CC_DIM_SPEED, ""}}},
    {"chở 900kg hàng", {{"900kg", CC_FIG_QUANTITY, 900, 900, CC_DIM_MASS, "hàng"}}},
    {"chở 0,9 tấn hàng", {{"0,9 tấn", CC_FIG_QUANTITY, 850, 950, CC_DIM_MASS, "hàng"}}},
    {"cao 60 mét.", {{"60 mét", CC_FIG_QUANTITY, 60, 60, CC_DIM_LENGTH, ""}}},
    {"sâu gần 80m.", {{"80m", CC_FIG_QUANTITY, 72, 80, CC_DIM_LENGTH, ""}}},
    {"rộng 1.200 ha rừng", {{"1.200 ha", CC_FIG_QUANTITY, 1.2e7, 1.2e7, CC_DIM_AREA, "rừng"}}},
    {"nắng 35 độ C.", {{"35 độ C", CC_FIG_QUANTITY, 35, 35, CC_DIM_TEMPERATURE, ""}}},
    {"nắng 35°C.", {{"35°C", CC_FIG_QUANTITY, 35, 35, CC_DIM_TEMPERATURE, ""}}},
    {"công suất 500 MW.", {{"500 MW", CC_FIG_QUANTITY, 5e8, 5e8, CC_DIM_POWER, ""}}},
    {"nhà 120 m² đất", {{"120 m²", CC_FIG_QUANTITY, 120, 120, CC_DIM_AREA, "đất"}}},
    {"bể 3 khối nước", {{"3 khối", CC_FIG_QUANTITY, 3, 3, CC_DIM_VOLUME, "nước"}}},
    {"khoảng 2 lít", {{"2 lít", CC_FIG_QUANTITY, 0.0019, 0.0021, CC_DIM_VOLUME, ""}}},
};

START_TEST(quantities)
{
    CHECK_ROWS(QUANTITIES);
}
END_TEST

/* ------------------------------------------------------------ durations */

static const row DURATIONS[] = {
    {"Bị cáo lĩnh 3 năm 6 tháng tù.",
     {{"3 năm 6 tháng", CC_FIG_DURATION, 42 * MO, 42 * MO, CC_DIM_DURATION, "tù"}}},
    {"chờ 2 tiếng", {{"2 tiếng", CC_FIG_DURATION, 7200, 7200, CC_DIM_DURATION, ""}}},
    {"sau 45 phút", {{"45 phút", CC_FIG_DURATION, 2700, 2700, CC_DIM_DURATION, ""}}},
    {"lĩnh 12 năm tù", {{"12 năm", CC_FIG_DURATION, 12 * Y, 12 * Y, CC_DIM_DURATION, "tù"}}},
    {"18 tháng tù treo", {{"18 tháng", CC_FIG_DURATION, 18 * MO, 18 * MO, CC_DIM_DURATION, "tù treo"}}},
    {"mất 2 giờ 30 phút", {{"2 giờ 30 phút", CC_FIG_DURATION, 9000, 9000, CC_DIM_DURATION, ""}}},
    {"trong 2h", {{"2h", CC_FIG_DURATION, 7200, 7200, CC_DIM_DURATION, ""}}},
    {"sau 48h", {{"48h", CC_FIG_DURATION, 172800, 172800, CC_DIM_DURATION, ""}}},
    {"hai tiếng sau", {{"hai tiếng", CC_FIG_DURATION, 7200, 7200, CC_DIM_DURATION, ""}}},
    {"mười lăm phút", {{"mười lăm phút", CC_FIG_DURATION, 900, 900, CC_DIM_DURATION, ""}}},
};

START_TEST(durations)
{
    CHECK_ROWS(DURATIONS);
}
END_TEST

/* ------------------------------------------------------------ times of day */

/* A date written without a year, with no document year: read in CC_FIGURE_YEARLESS. */
#define DAY_YEARLESS_04_27 11074.0 /* 2000-04-27 */

static const row TIMES[] = {
    {"Lúc 7h30, xe đi", {{"7h30", CC_FIG_TIME, 450, 450, CC_DIM_NONE, ""}}},
    {"7h30 sáng nay", {{"7h30", CC_FIG_TIME, 450, 450, CC_DIM_NONE, "sáng"}}},
    {"lúc 7 giờ 30 phút", {{"7 giờ 30 phút", CC_FIG_TIME, 450, 450, CC_DIM_NONE, ""}}},
    {"7 giờ 30 phút sáng", {{"7 giờ 30 phút", CC_FIG_TIME, 450, 450, CC_DIM_NONE, "sáng"}}},
    {"khoảng 20h hôm qua", {{"20h", CC_FIG_TIME, 1200, 1200, CC_DIM_NONE, "hôm"}}},
    {"rạng sáng, 0h4' ngày", {{"0h4'", CC_FIG_TIME, 4, 4, CC_DIM_NONE, "ngày"}}},
    {"vào 11 giờ 49 phút", {{"11 giờ 49 phút", CC_FIG_TIME, 709, 709, CC_DIM_NONE, ""}}},
    {"11 giờ 49 phút ngày 27/4",
     {{"11 giờ 49 phút", CC_FIG_TIME, 709, 709, CC_DIM_NONE, "ngày"},
      {"27/4", CC_FIG_DATE, DAY_YEARLESS_04_27, DAY_YEARLESS_04_27, CC_DIM_NONE, ""}}},
    {"đến 7 giờ 30 thì", {{"7 giờ 30", CC_FIG_TIME, 450, 450, CC_DIM_NONE, ""}}},
    {"lúc 25h", {{"25h", CC_FIG_DURATION, 90000, 90000, CC_DIM_DURATION, ""}}},
};

START_TEST(times)
{
    CHECK_ROWS(TIMES);
}
END_TEST

/* ------------------------------------------------------------ ranges and scores */

static const row RANGES[] = {
    {"khoảng 15-20 ngày", {{"15-20 ngày", CC_FIG_DURATION, 15 * D * 0.95, 20 * D * 1.05, CC_DIM_DURATION, ""}}},
    {"được 68 - 69 điểm", {{"68 - 69", CC_FIG_COUNT, 68, 69, CC_DIM_NONE, "điểm"}}},
    {"chỉ 1-2 phút", {{"1-2 phút", CC_FIG_DURATION, 60, 120, CC_DIM_DURATION, ""}}},
    {"từ 15 đến 20 người", {{"15 đến 20", CC_FIG_COUNT, 15, 20, CC_DIM_NONE, "người"}}},
    {"từ 5-7 tỷ đồng", {{"5-7 tỷ đồng", CC_FIG_MONEY, 4.5e9, 7.5e9, CC_DIM_NONE, ""}}},
    {"tỷ lệ 1-2", {{"1-2", CC_FIG_COUNT, 1, 2, CC_DIM_NONE, ""}}},
    /* number words before a noun, and vague amounts */
    {"tại hai xã Mông Ân", {{"hai", CC_FIG_COUNT, 2, 2, CC_DIM_NONE, "xã Mông"}}},
    {"làm mười lăm người chết", {{"mười lăm", CC_FIG_COUNT, 15, 15, CC_DIM_NONE, "người chết"}}},
    {"hàng chục ngôi nhà bị sập", {{"hàng chục", CC_FIG_COUNT, 10, 99, CC_DIM_NONE, "ngôi nhà"}}},
    {"quận Hai Bà Trưng", {{NULL, 0, 0, 0, CC_DIM_NONE, NULL}}},
    {"ba mẹ tôi, năm người", {{NULL, 0, 0, 0, CC_DIM_NONE, NULL}}},
    {"một người", {{NULL, 0, 0, 0, CC_DIM_NONE, NULL}}},
    /* a range goes up: a day before a smaller month is a date; a month and a year too */
    {"sáng 21-3", {{"21-3", CC_FIG_DATE, 11037, 11037, CC_DIM_NONE, ""}}},
    {"rạng sáng 5-4", {{"5-4", CC_FIG_DATE, 11052, 11052, CC_DIM_NONE, ""}}},
    {"từ 12-1999", {{"12-1999", CC_FIG_DATE, 10926, 10956, CC_DIM_NONE, ""}}},
    {"giai đoạn 2014 - 2020", {{"2014 - 2020", CC_FIG_YEAR, 2014, 2020, CC_DIM_NONE, ""}}},
};

START_TEST(ranges)
{
    CHECK_ROWS(RANGES);
    scan("chỉ 1-2 phút");
    ck_assert(figs.v[0].is_range);
    scan("chỉ 12 phút");
    ck_assert(!figs.v[0].is_range);
}
END_TEST

static const row SCORES[] = {
    {"Đội nhà thắng 2-1.", {{"2-1", CC_FIG_SCORE, 2, 2, CC_DIM_NONE, ""}}},
    {"Hai đội hòa 3 - 3 sau 90 phút",
     {{"Hai", CC_FIG_COUNT, 2, 2, CC_DIM_NONE, "đội hòa"},
      {"3 - 3", CC_FIG_SCORE, 3, 3, CC_DIM_NONE, ""},
      {"90 phút", CC_FIG_DURATION, 5400, 5400, CC_DIM_DURATION, ""}}},
    {"chung cuộc 1–0 cho đội khách", {{"1–0", CC_FIG_SCORE, 1, 1, CC_DIM_NONE, ""}}},
};

START_TEST(scores)
{
    CHECK_ROWS(SCORES);
    scan("Đội nhà thắng 2-1.");
    ck_assert_near(figs.v[0].second, 1);
    ck_assert(!figs.v[0].is_range);
}
END_TEST

/* ------------------------------------------------------------ identifiers */

static const row IDENTIFIERS[] = {
    {"xe biển số 29M-6472 chạy", {{"29M-6472", CC_FIG_IDENTIFIER, 0, 0, CC_DIM_NONE, "chạy"}}},
    {"xe 51F-123.45.", {{"51F-123.45", CC_FIG_IDENTIFIER, 0, 0, CC_DIM_NONE, ""}}},
    {"chuyến bay mã D19E909 hạ cánh", {{"D19E909", CC_FIG_IDENTIFIER, 0, 0, CC_DIM_NONE, "hạ cánh"}}},
    {"(D19E909)", {{"D19E909", CC_FIG_IDENTIFIER, 0, 0, CC_DIM_NONE, ""}}},
    {"gọi 0912345678 ngay", {{"0912345678", CC_FIG_IDENTIFIER, 0, 0, CC_DIM_NONE, "ngay"}}},
    {"gọi 0912.345.678", {{"0912.345.678", CC_FIG_IDENTIFIER, 0, 0, CC_DIM_NONE, ""}}},
    {"mã 123456789", {{"123456789", CC_FIG_IDENTIFIER, 0, 0, CC_DIM_NONE, ""}}},
};

START_TEST(identifiers)
{
    CHECK_ROWS(IDENTIFIERS);
    scan("xe 51f-123.45 và 29m-6472");
    /* lowercase letters: "51f" is no identifier, and "29m" is 29 metres */
    scan("biển 29M-6472");
    ck_assert_str_eq(figs.v[0].text, "29M-6472");
    scan("Mã d19E909");
    ck_assert_uint_eq(figs.n, 1);
    ck_assert_str_eq(figs.v[0].text, "D19E909");
    scan("số 0912345678");
    ck_assert_str_eq(figs.v[0].text, "0912345678");
    ck_assert_str_eq(figs.v[0].currency, "");
}
END_TEST

/* ------------------------------------------------------------ ages, years, counts */

static const row PEOPLE[] = {
    {"Ông A (43 tuổi) cho biết", {{"43 tuổi", CC_FIG_AGE, 43, 43, CC_DIM_NONE, ""}}},
    {"bà B, 43 tuổi, trú tại", {{"43 tuổi", CC_FIG_AGE, 43, 43, CC_DIM_NONE, ""}}},
    {"ông C sinh năm 1962 ở", {{"1962", CC_FIG_YEAR, 1962, 1962, CC_DIM_NONE, ""}}},
    {"ông C (SN 1962)", {{"1962", CC_FIG_YEAR, 1962, 1962, CC_DIM_NONE, ""}}},
    {"năm 2004, ông", {{"2004", CC_FIG_YEAR, 2004, 2004, CC_DIM_NONE, ""}}},
    {"chở 503 hành khách", {{"503", CC_FIG_COUNT, 503, 503, CC_DIM_NONE, "hành khách"}}},
    {"3 người bị thương", {{"3", CC_FIG_COUNT, 3, 3, CC_DIM_NONE, "người"}}},
    {"thu giữ 50 hộ chiếu.", {{"50", CC_FIG_COUNT, 50, 50, CC_DIM_NONE, "hộ chiếu"}}},
    {"khoảng 235 nghìn người", {{"235 nghìn", CC_FIG_COUNT, 234500 * 0.95, 235500 * 1.05, CC_DIM_NONE, "người"}}},
    {"235.000 người", {{"235.000", CC_FIG_COUNT, 235000, 235000, CC_DIM_NONE, "người"}}},
    {"lần thứ 2 trong năm", {{"2", CC_FIG_RANK, 2, 2, CC_DIM_NONE, ""}}},
    {"xếp thứ 86/193 nước", {{"86/193", CC_FIG_RANK, 86, 86, CC_DIM_NONE, "nước"}}},
    {"đứng 86/193 nước", {{"86/193", CC_FIG_RANK, 86, 86, CC_DIM_NONE, "nước"}}},
};

START_TEST(people_and_counts)
{
    CHECK_ROWS(PEOPLE);
    scan("xếp thứ 86/193 nước");
    ck_assert_near(figs.v[0].second, 193);
}
END_TEST

/* ------------------------------------------------------------ dates, percent, money */

#define DAY_2020_08_26 18500.0

static const row DATES_MONEY[] = {
    {"ngày 27.4 vừa qua", {{"27.4", CC_FIG_DATE, DAY_YEARLESS_04_27, DAY_YEARLESS_04_27, CC_DIM_NONE, ""}}},
    {"tỷ lệ 27.4 điểm", {{"27.4", CC_FIG_COUNT, 27.35, 27.45, CC_DIM_NONE, "điểm"}}},
    {"ngày 27/4", {{"27/4", CC_FIG_DATE, DAY_YEARLESS_04_27, DAY_YEARLESS_04_27, CC_DIM_NONE, ""}}},
    {"ngày 26/8/2020", {{"26/8/2020", CC_FIG_DATE, DAY_2020_08_26, DAY_2020_08_26, CC_DIM_NONE, ""}}},
    {"hôm 26-8-2020", {{"26-8-2020", CC_FIG_DATE, DAY_2020_08_26, DAY_2020_08_26, CC_DIM_NONE, ""}}},
    {"ngày 26 tháng 8 năm 2020,",
     {{"26 tháng 8 năm 2020", CC_FIG_DATE, DAY_2020_08_26, DAY_2020_08_26, CC_DIM_NONE, ""}}},
    {"đạt 88,53% dân số", {{"88,53%", CC_FIG_PERCENT, 88.525, 88.535, CC_DIM_NONE, "dân số"}}},
    {"tối thiểu 30%", {{"30%", CC_FIG_PERCENT, 30, INF, CC_DIM_NONE, ""}}},
    {"15 phần trăm", {{"15 phần trăm", CC_FIG_PERCENT, 15, 15, CC_DIM_NONE, ""}}},
    {"thu 5 tỷ đồng", {{"5 tỷ đồng", CC_FIG_MONEY, 4.5e9, 5.5e9, CC_DIM_NONE, ""}}},
    {"giá 30.500đ", {{"30.500đ", CC_FIG_MONEY, 30500, 30500, CC_DIM_NONE, ""}}},
    /* open mode reads "over" as up to half as much again (qualifier.c) */
    {"trên 1,2 triệu USD", {{"1,2 triệu USD", CC_FIG_MONEY, 1.15e6, 1.25e6 * 1.5, CC_DIM_NONE, ""}}},
};

START_TEST(dates_percent_money)
{
    CHECK_ROWS(DATES_MONEY);
    scan("giá 30.500đ");
    ck_assert_str_eq(figs.v[0].currency, "VND");
    figs.doc_year = 2020;
    scan("ngày 26/8 vừa qua");
    ck_assert_near(figs.v[0].range.lo, DAY_2020_08_26);
    figs.doc_year = 0;
}
END_TEST

/* ------------------------------------------------------------ pairs that agree */

/* The value of the only figure of a sentence, in base units. */
static cc_range value_of(const char *s)
{
    scan(s);
    ck_assert_msg(figs.n == 1, "'%s': %zu figures", s, figs.n);
    return figs.v[0].range;
}

static bool overlap(cc_range a, cc_range b)
{
    return a.lo <= b.hi && b.lo <= a.hi;
}

START_TEST(equal_after_normalisation)
{
    static const char *const pairs[][2] = {
        {"chở 900kg", "chở 0,9 tấn"},
        {"có 235 nghìn người", "có 235.000 người"},
        {"chạy 96 km/giờ", "chạy 96km/h"},
        {"lĩnh 3 năm 6 tháng tù", "lĩnh 42 tháng tù"},
        {"chạy 69km/g", "chạy 69 km/h"},
        {"chờ 2 tiếng", "chờ 120 phút"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        cc_range a = value_of(pairs[i][0]);
        cc_figure_kind ka = figs.v[0].kind;
        cc_dim da = cc_figure_dim(&figs.v[0]);
        cc_range b = value_of(pairs[i][1]);
        ck_assert_msg(overlap(a, b), "'%s' and '%s' differ", pairs[i][0], pairs[i][1]);
        ck_assert_int_eq(ka, figs.v[0].kind);
        ck_assert_int_eq(da, cc_figure_dim(&figs.v[0]));
    }
    /* and pairs that do not agree */
    ck_assert(!overlap(value_of("chở 900kg"), value_of("chở 9 tấn")));
    ck_assert(!overlap(value_of("lĩnh 3 năm tù"), value_of("lĩnh 42 tháng tù")));
}
END_TEST

/* ------------------------------------------------------------ negatives */

static const row NEGATIVES[] = {
    {"mới đây, giờ G đã điểm", {{NULL, 0, 0, 0, 0, NULL}}},
    {"Giờ đây và năm nay", {{NULL, 0, 0, 0, 0, NULL}}},
    {"ba mẹ và năm người", {{NULL, 0, 0, 0, 0, NULL}}},
    {"abc123 và x9", {{NULL, 0, 0, 0, 0, NULL}}},
    {"", {{NULL, 0, 0, 0, 0, NULL}}},
    {"   ", {{NULL, 0, 0, 0, 0, NULL}}},
};

START_TEST(negatives)
{
    CHECK_ROWS(NEGATIVES);
    scan("năm 2004");
    ck_assert_int_eq(figs.v[0].kind, CC_FIG_YEAR);
    scan("chở 5m3 nước");
    ck_assert_int_eq(cc_figure_dim(&figs.v[0]), CC_DIM_VOLUME);
}
END_TEST

/* ------------------------------------------------------------ spans, limits, bad input */

START_TEST(qualifier_span)
{
    const char *s = "ước tính khoảng hơn 7,6 nghìn người";
    scan(s);
    ck_assert_uint_eq(figs.n, 1);
    ck_assert(span_is(s, figs.v[0].qual_start, figs.v[0].qual_end, "ước tính khoảng hơn"));
    ck_assert(span_is(s, figs.v[0].start, figs.v[0].end, "7,6 nghìn"));
    scan("chở 503 hành khách");
    ck_assert_uint_eq(figs.v[0].qual_start, figs.v[0].qual_end);
}
END_TEST

START_TEST(cap_per_sentence)
{
    cc_buf b = CC_BUF_INIT;
    for (int i = 0; i < 300; i++)
        cc_buf_addf(&b, "%d người, ", i + 1);
    cc_figure_scan(b.data, b.len, CC_LOCALE_VI, &figs);
    ck_assert_uint_eq(figs.n, CC_FIGURES_MAX);
    ck_assert(figs.truncated);
    scan("3 người");
    ck_assert(!figs.truncated);
    cc_buf_free(&b);
}
END_TEST

START_TEST(invalid_utf8)
{
    static const char *const bad[] = {
        "\xff\xfe 12 \xc3", "7h\xe2\x82", "\xe1\xba 35\xc2\xb0", "12\xed\xa0\x80kg",
        "29M-\xff", "ngày 2\xff/4", "\xc3\xa0\xc3",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        scan(bad[i]);
        for (size_t k = 0; k < figs.n; k++) {
            ck_assert_uint_le(figs.v[k].end, strlen(bad[i]));
            ck_assert_uint_lt(figs.v[k].start, figs.v[k].end);
        }
    }
}
END_TEST

START_TEST(kind_names)
{
    ck_assert_str_eq(cc_name_of(cc_figure_kind_names, CC_FIG_COUNT), "count");
    ck_assert_str_eq(cc_name_of(cc_figure_kind_names, CC_FIG_RANK), "rank");
    ck_assert_int_eq(cc_name_find(cc_figure_kind_names, "identifier"), CC_FIG_IDENTIFIER);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("figure");
    CC_TCASE(s, "core", setup, teardown, quantities, durations, times, ranges, scores, identifiers,
             people_and_counts, dates_percent_money, equal_after_normalisation, negatives,
             qualifier_span, cap_per_sentence, invalid_utf8, kind_names);
    return s;
}
