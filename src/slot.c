/*
 * slot.c — the regex fragments behind {number}, {percent}, {money}, {rank}, {date},
 * {period} and {year} in rulebook patterns.
 *
 * The number-like fragments follow the grammar num.c parses: digits grouped and
 * separated for the locale, or Vietnamese number words, then scale words. They
 * are built so that backtracking stays linear: every repeated part starts with a
 * different kind of word than the part before it. Word boundaries are explicit
 * lookarounds, since \b does not see "1.2345" as one token.
 */
#include "slot.h"

#include <string.h>

#include "date.h"
#include "rank.h"


/* Not preceded by a letter, a digit or "digit + separator" ("1.2345" is one token). */
#define B_START "(?<![\\p{L}\\p{M}\\p{N}]|\\p{N}[.,])"
/* Not followed by a letter, a digit or "separator + digit". */
#define B_END "(?![\\p{L}\\p{M}\\p{N}]|[.,]\\p{N})"
/* The end of a word. */
#define W CC_NUM_RE_WORD_END

#define SCALES_VI "nghìn|ngàn|triệu|tỷ|tỉ|trăm"
#define SCALES_EN SCALES_VI "|thousand|million|billion|trillion"

/* Digits grouped by "." with "," decimals (vi), or the other way round (en); a lone
 * group separator is a decimal point after 0 or before one or two digits. */
#define DIGITS_VI                                                                            \
    "(?:(?!0{1,3}\\.)[0-9]{1,3}(?:\\.[0-9]{3})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?"               \
    "|0+\\.[0-9]+|[0-9]+\\.[0-9]{1,2})"
#define DIGITS_EN                                                                            \
    "(?:(?!0{1,3},)[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]+)?|[0-9]+(?:\\.[0-9]+)?"               \
    "|0+,[0-9]+|[0-9]+,[0-9]{1,2})"

#define CURRENCY "(?:đô\\s+la(?:\\s+mỹ)?|đôla|đồng|vnđ|vnd|usd|us\\$)" W

static const char *const SLOT_NAMES[] = {
    [CC_SLOT_NUMBER] = "number", [CC_SLOT_PERCENT] = "percent", [CC_SLOT_MONEY] = "money",
    [CC_SLOT_RANK] = "rank",     [CC_SLOT_DATE] = "date",       [CC_SLOT_PERIOD] = "period",
    [CC_SLOT_YEAR] = "year",
};
_Static_assert(sizeof SLOT_NAMES / sizeof SLOT_NAMES[0] == CC_SLOT_COUNT_, "a name per slot");
const cc_names cc_slot_names = CC_NAMES(SLOT_NAMES);

const char *cc_slot_name(cc_slot s)
{
    return cc_name_of(cc_slot_names, (int)s);
}

int cc_slot_lookup(const char *name, size_t n, cc_slot *out)
{
    for (size_t i = 0; i < cc_slot_names.n; i++) {
        if (strlen(SLOT_NAMES[i]) == n && memcmp(SLOT_NAMES[i], name, n) == 0) {
            *out = (cc_slot)i;
            return 0;
        }
    }
    return -1;
}

cc_type cc_slot_type(cc_slot s)
{
    switch (s) {
    case CC_SLOT_PERCENT: return CC_TYPE_PERCENT;
    case CC_SLOT_MONEY: return CC_TYPE_MONEY;
    case CC_SLOT_RANK: return CC_TYPE_RANK;
    case CC_SLOT_DATE: return CC_TYPE_DATE;
    case CC_SLOT_PERIOD: return CC_TYPE_PERIOD;
    case CC_SLOT_YEAR: return CC_TYPE_DATE;
    default: return CC_TYPE_NUMBER;
    }
}

/* The start boundary and an optional run of qualifier words, each followed by
 * white space ("khoảng hơn "). */
static void add_prefix(const cc_qualifiers *q, cc_buf *out)
{
    cc_buf_adds(out, B_START);
    if (!q || q->n == 0)
        return;
    cc_buf_adds(out, "(?:");
    cc_qualifiers_regex(q, out);
    cc_buf_adds(out, "\\s+)*");
}

static const char *digits_for(cc_locale loc)
{
    return loc == CC_LOCALE_EN ? DIGITS_EN : DIGITS_VI;
}

/* Scale words after digits, each preceded by white space, zero or more. */
static void add_scales(cc_locale loc, cc_buf *out)
{
    cc_buf_adds(out, "(?:\\s+(?:");
    cc_buf_adds(out, loc == CC_LOCALE_EN ? SCALES_EN : SCALES_VI);
    cc_buf_adds(out, ")" W ")*");
}

/* Digits with scale words, or number words: the figure without its unit. */
static void add_figure(cc_locale loc, cc_buf *out)
{
    cc_buf_adds(out, "(?:");
    cc_buf_adds(out, digits_for(loc));
    add_scales(loc, out);
    cc_buf_adds(out, "|");
    cc_num_words_regex(out);
    cc_buf_adds(out, ")");
}

static void add_money(cc_locale loc, cc_buf *out)
{
    const char *digits = digits_for(loc);
    /* "$5 triệu", "US$1,2 tỷ" */
    cc_buf_adds(out, "(?:(?:US\\$|\\$)");
    cc_buf_adds(out, digits);
    add_scales(loc, out);
    cc_buf_adds(out, B_END);
    /* "30.500 đồng", "5 tỷ VNĐ", "100USD" */
    cc_buf_adds(out, "|");
    cc_buf_adds(out, digits);
    cc_buf_adds(out, "(?:(?:\\s+(?:");
    cc_buf_adds(out, loc == CC_LOCALE_EN ? SCALES_EN : SCALES_VI);
    cc_buf_adds(out, ")" W ")+\\s+|\\s*)" CURRENCY);
    /* "30.500đ", "30.500 đ": đ only right after digits */
    cc_buf_adds(out, "|");
    cc_buf_adds(out, digits);
    cc_buf_adds(out, "\\s*đ" W);
    /* "năm triệu đồng" */
    cc_buf_adds(out, "|");
    cc_num_words_regex(out);
    cc_buf_adds(out, "\\s+" CURRENCY ")");
}

void cc_slot_regex(cc_slot s, cc_locale loc, const cc_qualifiers *q, cc_buf *out)
{
    switch (s) {
    case CC_SLOT_NUMBER:
        add_prefix(q, out);
        add_figure(loc, out);
        cc_buf_adds(out, B_END);
        /* "40%" is a percentage: its digits are not a {number} ("40% hồ sơ"). */
        cc_buf_adds(out, "(?!\\s?%|\\s+phần\\s+trăm" W ")");
        return;
    case CC_SLOT_PERCENT:
        add_prefix(q, out);
        add_figure(loc, out);
        cc_buf_adds(out, "(?:\\s?%|\\s+phần\\s+trăm" W ")");
        return;
    case CC_SLOT_MONEY:
        add_prefix(q, out);
        add_money(loc, out);
        return;
    case CC_SLOT_RANK:
    case CC_SLOT_DATE:
    case CC_SLOT_PERIOD:
    case CC_SLOT_YEAR:
        cc_buf_adds(out, "(?:");
        if (s == CC_SLOT_RANK)
            cc_rank_regex(out);
        else if (s == CC_SLOT_DATE)
            cc_date_regex(out);
        else if (s == CC_SLOT_PERIOD)
            cc_period_regex(out);
        else
            cc_year_regex(out);
        cc_buf_adds(out, ")");
        return;
    default:
        cc_buf_adds(out, "(?!)");
        return;
    }
}
