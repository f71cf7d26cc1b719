/* Unit tests for units.c: the table's invariants, lookup at a position, conversion. */
#include <string.h>
#include "testutil.h"
#include "text.h"
#include "units.h"

typedef struct row {
    const char *text;  /* the unit at the start of the text */
    const char *name;  /* canonical name expected, or NULL for none */
    size_t len;        /* bytes matched */
} row;

static const row LOOKUPS[] = {
    {"km", "km", 2},
    {"ki-lô-mét nữa", "km", 11},
    {"cây số", "km", 9},
    {"m", "m", 1},
    {"mét", "m", 4},
    {"cm", "cm", 2},
    {"mm", "mm", 2},
    {"m2", "m2", 2},
    {"m²", "m2", 3},
    {"mét vuông", "m2", 11},
    {"m3", "m3", 2},
    {"m³", "m3", 3},
    {"khối", "m3", 6},
    {"ha", "ha", 2},
    {"hecta", "ha", 5},
    {"héc-ta", "ha", 7},
    {"kg", "kg", 2},
    {"KG", "kg", 2},
    {"ký", "kg", 3},
    {"tấn", "t", 5},
    {"tạ", "ta", 4},
    {"yến", "yen", 5},
    {"gam", "g", 3},
    {"g,", "g", 1},
    {"lít", "l", 4},
    {"l", "l", 1},
    {"độ C", "C", 7},
    {"độ  c", "C", 8},
    {"°C", "C", 3},
    {"độ", "C", 5},
    {"MW", "MW", 2},
    {"kW", "kW", 2},
    {"kWh", "kWh", 3},
    {"km/h", "km/h", 4},
    {"km/giờ", "km/h", 8},
    {"km/g,", "km/h", 4},
    {"m/s", "m/s", 3},
    {"năm", "year", 4},
    {"tháng", "month", 6},
    {"tuần", "week", 6},
    {"ngày", "day", 5},
    {"giờ", "hour", 5},
    {"tiếng", "hour", 7},
    {"h", "hour", 1},
    {"phút", "minute", 5},
    {"giây", "second", 5},
    /* no unit: a word that merely starts like one */
    {"mới", NULL, 0},
    {"giờ", "hour", 5},
    {"gà", NULL, 0},
    {"mét)", "m", 4},
    {"kgx", NULL, 0},
    {"m2a", NULL, 0},
    {"hành khách", NULL, 0},
    {"%", NULL, 0},
    {"đồng", NULL, 0},
    {"", NULL, 0},
    {"\xff\xfe", NULL, 0},
    {"k\xc3", NULL, 0},
};

/* Looks up from a heap copy of exactly the text, so that ASan sees reads past it. */
static const cc_unit *lookup(const char *text, size_t *len)
{
    size_t n = strlen(text);
    char *copy = malloc(n ? n : 1);
    memcpy(copy, text, n);
    const cc_unit *u = cc_unit_at(copy, n, len);
    free(copy);
    return u;
}

START_TEST(lookup_rows)
{
    for (size_t i = 0; i < sizeof LOOKUPS / sizeof LOOKUPS[0]; i++) {
        const row *r = &LOOKUPS[i];
        size_t len = 99;
        const cc_unit *u = lookup(r->text, &len);
        if (!r->name) {
            ck_assert_msg(u == NULL && len == 0, "'%s': matched %s", r->text, u ? u->name : "");
            continue;
        }
        ck_assert_msg(u != NULL, "'%s': no unit", r->text);
        ck_assert_msg(strcmp(u->name, r->name) == 0, "'%s': %s, expected %s", r->text, u->name,
                      r->name);
        ck_assert_msg(len == r->len, "'%s': %zu bytes, expected %zu", r->text, len, r->len);
    }
}
END_TEST

/* Every spelling is NFC lowercase, unique across the table, and found by cc_unit_at
 * as its own row (no longer spelling of another row shadows it). */
START_TEST(table_invariants)
{
    size_t count;
    const cc_unit *t = cc_unit_table(&count);
    ck_assert_uint_gt(count, 30);
    for (size_t i = 0; i < count; i++) {
        ck_assert_ptr_eq(cc_unit_find(t[i].name), &t[i]);
        ck_assert_msg(t[i].factor > 0, "%s: factor", t[i].name);
        ck_assert_msg(t[i].dim != CC_DIM_NONE, "%s: dimension", t[i].name);
        ck_assert_ptr_nonnull(t[i].spellings[0]);
        for (size_t j = 0; j < CC_UNIT_MAX_SPELLINGS && t[i].spellings[j]; j++) {
            const char *sp = t[i].spellings[j];
            cc_buf low = CC_BUF_INIT;
            cc_lowercase(sp, strlen(sp), &low);
            ck_assert_msg(strcmp(low.data, sp) == 0, "'%s' is not lowercase", sp);
            cc_buf_free(&low);
            ck_assert(cc_utf8_valid(sp, strlen(sp)));
            size_t len;
            ck_assert_msg(cc_unit_at(sp, strlen(sp), &len) == &t[i] && len == strlen(sp),
                          "'%s' does not find its own row %s", sp, t[i].name);
            for (size_t a = 0; a < count; a++)
                for (size_t b = 0; b < CC_UNIT_MAX_SPELLINGS && t[a].spellings[b]; b++)
                    ck_assert_msg((a == i && b == j) || strcmp(t[a].spellings[b], sp) != 0,
                                  "'%s' is spelled twice", sp);
        }
    }
    ck_assert_ptr_null(cc_unit_find("parsec"));
}
END_TEST

static cc_range base(const char *unit, double v)
{
    const cc_unit *u = cc_unit_find(unit);
    ck_assert_ptr_nonnull(u);
    return cc_unit_to_base(u, (cc_range){v, v});
}

START_TEST(conversions)
{
    ck_assert_near(base("kg", 900).lo, base("t", 0.9).lo);
    ck_assert_near(base("km/h", 96).lo, 96);
    ck_assert_near(base("m/s", 10).lo, 36);
    ck_assert_near(base("ha", 1.2).lo, 12000);
    ck_assert_near(base("km2", 1).lo, 100 * base("ha", 1).lo);
    ck_assert_near(base("l", 1000).lo, base("m3", 1).lo);
    ck_assert_near(base("F", 212).lo, 100);
    ck_assert_near(base("F", 32).lo, 0);
    ck_assert_near(base("MW", 0.5).lo, base("kW", 500).lo);
    ck_assert_near(base("kWh", 1).lo, 1000);
    /* 3 years 6 months is 42 months, exactly: a year is 12 months */
    ck_assert_near(base("year", 3).lo + base("month", 6).lo, base("month", 42).lo);
    ck_assert_near(base("hour", 2).lo, base("minute", 120).lo);
    ck_assert_near(base("day", 1).lo, 86400);
    ck_assert_near(base("week", 2).lo, base("day", 14).lo);
    ck_assert_near(base("month", 1).lo / 86400, 30.4375);
}
END_TEST

START_TEST(dimension_names)
{
    ck_assert_str_eq(cc_name_of(cc_dim_names, CC_DIM_NONE), "none");
    ck_assert_str_eq(cc_name_of(cc_dim_names, CC_DIM_SPEED), "speed");
    ck_assert_str_eq(cc_name_of(cc_dim_names, CC_DIM_DURATION), "duration");
    ck_assert_int_eq(cc_name_find(cc_dim_names, "temperature"), CC_DIM_TEMPERATURE);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("units");
    CC_TCASE(s, "core", NULL, NULL, lookup_rows, table_invariants, conversions, dimension_names);
    return s;
}
