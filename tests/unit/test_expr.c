/* Unit tests for expr.c: parse errors with offsets, precedence, interval evaluation. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "expr.h"
#include "testutil.h"

/* ---- a lookup over a small table of values ---- */

typedef struct entry {
    const char *id;
    cc_value v;
} entry;

typedef struct table {
    entry e[8];
    size_t n;
} table;

static const cc_value *lookup(void *ctx, const char *id)
{
    table *t = ctx;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->e[i].id, id) == 0)
            return &t->e[i].v;
    return NULL;
}

static void put_range(table *t, const char *id, cc_type type, double lo, double hi)
{
    entry *e = &t->e[t->n++];
    memset(e, 0, sizeof *e);
    e->id = id;
    e->v.type = type;
    e->v.range.lo = lo;
    e->v.range.hi = hi;
}

static void put_period(table *t, const char *id, cc_date start, cc_date end)
{
    entry *e = &t->e[t->n++];
    memset(e, 0, sizeof *e);
    e->id = id;
    e->v.type = CC_TYPE_PERIOD;
    e->v.start = start;
    e->v.end = end;
}

/* Parses, evaluates with tolerance, frees. The expression must parse. */
static cc_expr_result run(const char *src, table *t, double abs_tol, double rel_tol)
{
    char err[128];
    size_t off = 0;
    cc_expr *e = cc_expr_parse(src, err, sizeof err, &off);
    ck_assert_msg(e != NULL, "'%s' did not parse: %s at %zu", src, err, off);
    table empty = {.n = 0};
    cc_expr_result r = cc_expr_eval(e, lookup, t ? t : &empty, abs_tol, rel_tol);
    cc_expr_free(e);
    return r;
}

/* ---- parse errors ---- */

static void assert_parse_error(const char *src, const char *msg, size_t offset)
{
    char err[128];
    size_t off = 12345;
    cc_expr *e = cc_expr_parse(src, err, sizeof err, &off);
    ck_assert_msg(e == NULL, "'%s' parsed", src);
    ck_assert_str_eq(err, msg);
    ck_assert_msg(off == offset, "'%s': offset %zu, expected %zu", src, off, offset);
}

START_TEST(missing_paren_at_end)
{
    /* The brief's example: 25 bytes, the ')' is expected at the end (0-based 25,
     * column 26 when counted from 1). */
    assert_parse_error("ngsp.daily == (ngsp.total", "expected ')'", 25);
}
END_TEST

START_TEST(parse_errors_with_offsets)
{
    static const struct { const char *src, *msg; size_t off; } cases[] = {
        {"", "empty expression", 0},
        {"   ", "empty expression", 0},
        {"a ==", "expected a number, a field or '('", 4},
        {"a + b", "expected a comparison (==, <=, >=, < or >)", 5},
        {"a = b", "expected '==', found '='", 2},
        {"a != b", "'!=' is not supported; use ==, <=, >=, < or >", 2},
        {"a == b == c", "only one comparison is allowed", 7},
        {"a == b c", "expected an operator or the end, found 'c'", 7},
        {"a b == c", "expected an operator or a comparison (==, <=, >=, < or >), found 'b'", 2},
        {"days(a == 1", "expected ')', found '=='", 7},
        {"days() == 1", "expected a field inside days(), found ')'", 5},
        {"days(2) == 1", "expected a field inside days(), found '2'", 5},
        {"a == 1 $", "unexpected character '$'", 7},
        {"a == 2 \xc3\x97 )", "expected a number, a field or '(', found ')'", 10},
        {"a == 1.2.3", "unexpected character '.'", 8},
        {"a == \xe2\x88\x92", "expected a number, a field or '('", 8},
        {"a == b \xe2\x82\xac", "unexpected character '\xe2\x82\xac'", 7},
        {"a == \x01", "unexpected character '\\x01'", 5},
        {"(a == b)", "expected ')', found '=='", 3},
        {"a == 1234567890123456789012345678901", "number too long (over 30 digits)", 5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_parse_error(cases[i].src, cases[i].msg, cases[i].off);
}
END_TEST

START_TEST(caps_on_length_and_depth)
{
    char deep[200];
    memset(deep, '(', 100);
    strcpy(deep + 100, "1");
    assert_parse_error(deep, "expression nested too deeply (over 64 levels)", 64);
    memset(deep, '-', 100);
    strcpy(deep + 100, "1 == 1");
    assert_parse_error(deep, "expression nested too deeply (over 64 levels)", 64);

    char *long_src = malloc(CC_EXPR_MAX_LEN + 2);
    memset(long_src, ' ', CC_EXPR_MAX_LEN + 1);
    long_src[CC_EXPR_MAX_LEN + 1] = '\0';
    assert_parse_error(long_src, "expression too long (over 4096 bytes)", 4096);
    /* many terms within the byte cap: 1+1+...+1 */
    size_t n = 0;
    for (int i = 0; i < 600; i++)
        n += (size_t)snprintf(long_src + n, 8, "1+");
    strcpy(long_src + n, "1 == 0");
    char err[128];
    size_t off;
    ck_assert_ptr_null(cc_expr_parse(long_src, err, sizeof err, &off));
    ck_assert_str_eq(err, "expression too long (over 512 terms)");
    free(long_src);
}
END_TEST

/* ---- precedence and arithmetic ---- */

START_TEST(precedence_and_associativity)
{
    static const struct { const char *src; double v; } cases[] = {
        {"2 + 3 * 4 == 14", 14},
        {"(2 + 3) * 4 == 20", 20},
        {"10 - 4 - 3 == 3", 3},
        {"12 / 2 / 3 == 2", 2},
        {"-2 * -3 == 6", 6},
        {"- - 2 == 2", 2},
        {"2 \xc3\x97 3 \xe2\x88\x92 1 \xc3\xb7 2 == 5.5", 5.5},
        {"\xe2\x88\x92" "4 + 1 == -3", -3},
        {"1 - 2 * 3 + 8 / 4 == -3", -3},
        {"0.25 * 8 == 2", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cc_expr_result r = run(cases[i].src, NULL, 0, 0);
        ck_assert_msg(r.evaluated && r.holds, "'%s' does not hold", cases[i].src);
        ck_assert_near(r.lhs.lo, cases[i].v);
        ck_assert_near(r.lhs.hi, cases[i].v);
        ck_assert_near(r.rhs.lo, cases[i].v);
    }
}
END_TEST

START_TEST(interval_arithmetic)
{
    table t = {.n = 0};
    put_range(&t, "a", CC_TYPE_NUMBER, 1, 2);
    put_range(&t, "b", CC_TYPE_NUMBER, -3, 4);
    put_range(&t, "c", CC_TYPE_NUMBER, 2, 4);
    cc_expr_result r = run("a - c == 0", &t, 0, 0);
    ck_assert_near(r.lhs.lo, -3);
    ck_assert_near(r.lhs.hi, 0);
    ck_assert(r.holds);
    r = run("a * b == 0", &t, 0, 0);
    ck_assert_near(r.lhs.lo, -6);
    ck_assert_near(r.lhs.hi, 8);
    r = run("a / c == 0", &t, 0, 0);
    ck_assert_near(r.lhs.lo, 0.25);
    ck_assert_near(r.lhs.hi, 1);
    ck_assert(r.evaluated && !r.holds);
    r = run("-b == 0", &t, 0, 0);
    ck_assert_near(r.lhs.lo, -4);
    ck_assert_near(r.lhs.hi, 3);
}
END_TEST

START_TEST(division_by_interval_containing_zero)
{
    table t = {.n = 0};
    put_range(&t, "a", CC_TYPE_NUMBER, 1, 2);
    put_range(&t, "z", CC_TYPE_NUMBER, -1, 1);
    cc_expr_result r = run("a / z == 1", &t, 0, 0);
    ck_assert(!r.evaluated);
    ck_assert(!r.holds);
    ck_assert_str_eq(r.why, "division by an interval containing 0 ([-1, 1])");
    r = run("a / (a - a) == 1", &t, 0, 0);
    ck_assert(!r.evaluated);
    ck_assert_str_eq(r.why, "division by an interval containing 0 ([-1, 1])");
    r = run("a / 0 == 1", &t, 0, 0);
    ck_assert_str_eq(r.why, "division by an interval containing 0 ([0, 0])");
}
END_TEST

START_TEST(unbounded_ends)
{
    table t = {.n = 0};
    put_range(&t, "min30", CC_TYPE_PERCENT, 30, INFINITY);
    cc_expr_result r = run("min30 * 0 == 0", &t, 0, 0.05);
    ck_assert(r.evaluated && r.holds);
    ck_assert_near(r.lhs.lo, 0);
    ck_assert_near(r.lhs.hi, 0);
    r = run("min30 + 1 >= 100", &t, 0, 0.05);
    ck_assert(r.evaluated && r.holds);
    ck_assert(isinf(r.lhs.hi));
    r = run("min30 <= 20", &t, 0, 0);
    ck_assert(r.evaluated && !r.holds);
    r = run("1 / min30 <= 1", &t, 0, 0);
    ck_assert_near(r.lhs.lo, 0);
    ck_assert_near(r.lhs.hi, 1.0 / 30);
}
END_TEST

/* ---- the seed's derived rule ---- */

static void seed_table(table *t, double daily_lo, double daily_hi)
{
    t->n = 0;
    /* "khoảng 4,4 triệu": [4 350 000 × 0,95, 4 450 000 × 1,05] */
    put_range(t, "ngsp.total", CC_TYPE_NUMBER, 4132500, 4672500);
    put_period(t, "ngsp.period", cc_date_make(2019, 1, 1, CC_PREC_DAY),
               cc_date_make(2020, 7, 31, CC_PREC_DAY));
    put_range(t, "ngsp.daily", CC_TYPE_NUMBER, daily_lo, daily_hi);
}

START_TEST(seed_derived_rule_holds)
{
    table t;
    seed_table(&t, 7172.5, 8835.75); /* "khoảng hơn 7,6 nghìn" */
    cc_expr_result r = run("ngsp.daily == ngsp.total / days(ngsp.period)", &t, 0, 0.05);
    ck_assert(r.evaluated);
    ck_assert(r.holds);
    ck_assert_near(r.lhs.lo, 7172.5);
    ck_assert_near(r.lhs.hi, 8835.75);
    ck_assert_near(r.rhs.lo, 4132500.0 / 578);
    ck_assert_near(r.rhs.hi, 4672500.0 / 578);
}
END_TEST

START_TEST(seed_derived_rule_fails_on_a_wrong_daily)
{
    table t;
    seed_table(&t, 760, 770);
    cc_expr_result r = run("ngsp.daily == ngsp.total / days(ngsp.period)", &t, 0, 0.05);
    ck_assert(r.evaluated);
    ck_assert(!r.holds);
    ck_assert_near(r.lhs.lo, 760);
    ck_assert_near(r.rhs.lo, 4132500.0 / 578);
}
END_TEST

START_TEST(days_of_a_month_period)
{
    table t = {.n = 0};
    cc_date s = cc_date_make(2017, 8, 0, CC_PREC_MONTH), e = cc_date_make(2020, 7, 0, CC_PREC_MONTH);
    put_period(&t, "p", s, e);
    cc_expr_result r = run("days(p) >= 1", &t, 0, 0);
    ck_assert(r.evaluated && r.holds);
    ck_assert_near(r.lhs.lo, cc_days_from_civil(2020, 7, 1) - cc_days_from_civil(2017, 8, 31) + 1);
    ck_assert_near(r.lhs.hi, cc_days_from_civil(2020, 7, 31) - cc_days_from_civil(2017, 8, 1) + 1);
}
END_TEST

/* ---- types that do not fit, missing values ---- */

START_TEST(not_evaluated_reasons)
{
    table t;
    seed_table(&t, 7000, 8000);
    entry *d = &t.e[t.n++];
    memset(d, 0, sizeof *d);
    d->id = "meeting";
    d->v.type = CC_TYPE_DATE;
    d->v.start = cc_date_make(2020, 8, 26, CC_PREC_DAY);

    cc_expr_result r = run("ngsp.period == 578", &t, 0, 0);
    ck_assert(!r.evaluated && !r.holds);
    ck_assert_str_eq(r.why, "field 'ngsp.period' is a period; use days(ngsp.period)");
    r = run("ngsp.daily == days(ngsp.total)", &t, 0, 0);
    ck_assert_str_eq(r.why, "days() needs a period; 'ngsp.total' is a number");
    r = run("meeting == 1", &t, 0, 0);
    ck_assert_str_eq(r.why, "field 'meeting' is a date; a derived rule cannot compute with dates");
    r = run("ngsp.daily == ngsp.missing * 2", &t, 0, 0);
    ck_assert(!r.evaluated);
    ck_assert_str_eq(r.why, "no value for 'ngsp.missing'");
}
END_TEST

START_TEST(rank_gives_its_position)
{
    table t = {.n = 0};
    entry *e = &t.e[t.n++];
    memset(e, 0, sizeof *e);
    e->id = "egdi.rank.asia";
    e->v.type = CC_TYPE_RANK;
    e->v.position = 24;
    e->v.total = 47;
    cc_expr_result r = run("egdi.rank.asia + 1 == 25", &t, 0, 0);
    ck_assert(r.evaluated && r.holds);
    ck_assert_near(r.lhs.lo, 25);
    ck_assert_near(r.lhs.hi, 25);
}
END_TEST

/* ---- comparisons and widening ---- */

START_TEST(comparisons_widen_both_sides)
{
    table t = {.n = 0};
    put_range(&t, "a", CC_TYPE_NUMBER, 10, 12);
    put_range(&t, "b", CC_TYPE_NUMBER, 5, 9);
    put_range(&t, "five", CC_TYPE_NUMBER, 5, 5);
    put_range(&t, "hundred", CC_TYPE_NUMBER, 100, 100);
    put_range(&t, "h104", CC_TYPE_NUMBER, 104, 104);
    ck_assert(!run("a <= b", &t, 0, 0).holds);
    ck_assert(run("a <= b", &t, 0.5, 0).holds);     /* 9.5 <= 9.5 */
    ck_assert(run("b <= a", &t, 0, 0).holds);
    ck_assert(!run("five < five", &t, 0, 0).holds);
    ck_assert(run("five <= five", &t, 0, 0).holds);
    ck_assert(run("five < five", &t, 0.1, 0).holds);
    ck_assert(!run("b >= a", &t, 0, 0).holds);
    ck_assert(run("b >= a", &t, 0.5, 0).holds);     /* 9.5 >= 9.5 */
    ck_assert(!run("five > five", &t, 0, 0).holds);
    ck_assert(run("five >= five", &t, 0, 0).holds);
    ck_assert(run("a > b", &t, 0, 0).holds);
    ck_assert(!run("hundred == h104", &t, 0, 0).holds);
    ck_assert(!run("hundred == h104", &t, 0, 0.01).holds); /* 101 vs 102.96 */
    ck_assert(run("hundred == h104", &t, 0, 0.02).holds);  /* 102 vs 101.92 */
    ck_assert(run("hundred == h104", &t, 2, 0).holds);
}
END_TEST

/* ---- fields and references ---- */

START_TEST(fields_in_order_of_first_appearance)
{
    char err[128];
    size_t off;
    cc_expr *e = cc_expr_parse("b + a + b == days(c)", err, sizeof err, &off);
    ck_assert_ptr_nonnull(e);
    const char **ids;
    ck_assert_uint_eq(cc_expr_fields(e, &ids), 3);
    ck_assert_str_eq(ids[0], "b");
    ck_assert_str_eq(ids[1], "a");
    ck_assert_str_eq(ids[2], "c");
    const cc_expr_ref *refs;
    ck_assert_uint_eq(cc_expr_refs(e, &refs), 4);
    ck_assert_str_eq(refs[2].id, "b");
    ck_assert_uint_eq(refs[2].offset, 8);
    ck_assert(!refs[2].in_days);
    ck_assert_str_eq(refs[3].id, "c");
    ck_assert_uint_eq(refs[3].offset, 18);
    ck_assert(refs[3].in_days);
    cc_expr_free(e);
}
END_TEST

START_TEST(field_ids_with_dots_dashes_and_the_word_days)
{
    char err[128];
    size_t off;
    cc_expr *e = cc_expr_parse("portal.visits-2020 == days * 2", err, sizeof err, &off);
    ck_assert_ptr_nonnull(e);
    const char **ids;
    ck_assert_uint_eq(cc_expr_fields(e, &ids), 2);
    ck_assert_str_eq(ids[0], "portal.visits-2020");
    ck_assert_str_eq(ids[1], "days");
    cc_expr_free(e);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("expr");
    CC_TCASE(s, "parse", NULL, NULL, missing_paren_at_end, parse_errors_with_offsets,
             caps_on_length_and_depth, precedence_and_associativity,
             fields_in_order_of_first_appearance, field_ids_with_dots_dashes_and_the_word_days);
    CC_TCASE(s, "eval", NULL, NULL, interval_arithmetic, division_by_interval_containing_zero,
             unbounded_ends, seed_derived_rule_holds, seed_derived_rule_fails_on_a_wrong_daily,
             days_of_a_month_period, not_evaluated_reasons, rank_gives_its_position,
             comparisons_widen_both_sides);
    return s;
}
