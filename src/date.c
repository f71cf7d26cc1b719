/* date.c — dates, periods and years as written in Vietnamese news, at their precision. */
#include "date.h"

#include "text.h"
#include "vscan.h"

#define YEAR_MIN 1900
#define YEAR_MAX 2099
#define PERIOD_MAX_BYTES 256 /* a period is tried at every joiner: keep that bounded */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Month words after "tháng". Multi-word phrases first (see vs_regex_table). */
static const vs_word_value month_words[] = {
    {"mười một", 11}, {"mười hai", 12}, {"giêng", 1}, {"một", 1},  {"hai", 2},
    {"ba", 3},        {"tư", 4},        {"bốn", 4},   {"năm", 5},  {"sáu", 6},
    {"bảy", 7},       {"bẩy", 7},       {"tám", 8},   {"chín", 9}, {"mười", 10},
    {"chạp", 12},
};

/* Words joining the two ends of a period, between spaces. */
static const vs_word_value joiners[] = {
    {"cho đến hết", 0}, {"cho tới hết", 0}, {"cho đến", 0}, {"cho tới", 0},
    {"đến hết", 0},     {"tới hết", 0},     {"đến", 0},     {"tới", 0},
};

/* A date as written, before a missing year is filled in. */
typedef struct raw_date {
    cc_precision prec; /* what was written: day, month or year */
    int y;             /* 0 when not written */
    int m, d;          /* 0 when not written */
} raw_date;

/* One or two digits in [lo, hi]. */
static bool read_small(vs_cur *c, int lo, int hi, int *v)
{
    const char *d;
    size_t k = vs_digits(c, &d);
    uint64_t x;
    if (k == 0 || k > 2 || cc_parse_uint(d, k, 99, &x) != 0 || (int)x < lo || (int)x > hi)
        return false;
    *v = (int)x;
    return true;
}

/* Exactly four digits, YEAR_MIN..YEAR_MAX. */
static bool read_year(vs_cur *c, int *y)
{
    const char *d;
    size_t k = vs_digits(c, &d);
    uint64_t x;
    if (k != 4 || cc_parse_uint(d, k, 9999, &x) != 0 || x < YEAR_MIN || x > YEAR_MAX)
        return false;
    *y = (int)x;
    return true;
}

/* A word followed by at least one space ("ngày ", "tháng "). */
static bool read_keyword(vs_cur *c, const char *word)
{
    vs_cur t = *c;
    if (vs_word(&t, word) && vs_space1(&t)) {
        *c = t;
        return true;
    }
    return false;
}

/* The end of the slice, or \s+ "năm" \s+ Y and then the end. */
static bool read_year_tail(vs_cur c, int *y)
{
    vs_cur t = c;
    if (vs_finish(&t)) {
        *y = 0;
        return true;
    }
    return vs_space1(&c) && read_keyword(&c, "năm") && read_year(&c, y) && vs_finish(&c);
}

/* (M | MW) then read_year_tail: every month word is tried, so that "mười" can still
 * be read when "mười một" does not fit the rest. */
static bool read_month_then_tail(vs_cur c, int *m, int *y)
{
    vs_cur t = c;
    if (read_small(&t, 1, 12, m))
        return read_year_tail(t, y);
    for (size_t k = 0; k < COUNT(month_words); k++) {
        t = c;
        if (vs_word(&t, month_words[k].word) && read_year_tail(t, y)) {
            *m = month_words[k].value;
            return true;
        }
    }
    return false;
}

/* ["ngày"] D/M[/Y], ["ngày"] D-M[-Y], D.M.Y, "ngày" D.M */
static bool form_numeric_day(vs_cur c, raw_date *r)
{
    bool ngay = read_keyword(&c, "ngày");
    if (!read_small(&c, 1, 31, &r->d) || c.i >= c.n)
        return false;
    char sep = c.s[c.i];
    if (sep != '/' && sep != '-' && sep != '.')
        return false;
    c.i++;
    if (!read_small(&c, 1, 12, &r->m))
        return false;
    r->y = 0;
    if (vs_ascii(&c, sep)) {
        if (!read_year(&c, &r->y))
            return false;
    } else if (sep == '.' && !ngay) {
        return false; /* a bare "26.8" is a decimal number, not a date */
    }
    r->prec = CC_PREC_DAY;
    return vs_finish(&c);
}

/* "ngày" D "tháng" (M | MW) ["năm" Y] */
static bool form_worded_day(vs_cur c, raw_date *r)
{
    if (!read_keyword(&c, "ngày") || !read_small(&c, 1, 31, &r->d) || !vs_space1(&c) ||
        !read_keyword(&c, "tháng"))
        return false;
    r->prec = CC_PREC_DAY;
    return read_month_then_tail(c, &r->m, &r->y);
}

/* ["tháng"] M/Y, ["tháng"] M-Y, "tháng" M.Y */
static bool form_numeric_month(vs_cur c, raw_date *r)
{
    bool thang = read_keyword(&c, "tháng");
    if (!read_small(&c, 1, 12, &r->m) || c.i >= c.n)
        return false;
    char sep = c.s[c.i];
    if (sep != '/' && sep != '-' && !(sep == '.' && thang))
        return false;
    c.i++;
    r->prec = CC_PREC_MONTH;
    r->d = 0;
    return read_year(&c, &r->y) && vs_finish(&c);
}

/* "tháng" (M | MW) ["năm" Y] */
static bool form_worded_month(vs_cur c, raw_date *r)
{
    if (!read_keyword(&c, "tháng"))
        return false;
    r->prec = CC_PREC_MONTH;
    r->d = 0;
    return read_month_then_tail(c, &r->m, &r->y);
}

/* ["năm"] Y */
static bool form_year(vs_cur c, raw_date *r)
{
    read_keyword(&c, "năm");
    r->prec = CC_PREC_YEAR;
    r->m = r->d = 0;
    return read_year(&c, &r->y) && vs_finish(&c);
}

/* Reads the whole slice as one date, its year possibly missing. */
static bool parse_raw(const char *s, size_t n, raw_date *r)
{
    vs_cur c = {s, n, 0};
    vs_skip_space(&c);
    return form_numeric_day(c, r) || form_worded_day(c, r) || form_numeric_month(c, r) ||
           form_worded_month(c, r) || form_year(c, r);
}

/* Whether the written parts make a real calendar date (the year is filled in). */
static bool raw_valid(const raw_date *r)
{
    if (r->y < 1 || r->y > 9999)
        return false;
    if (r->prec == CC_PREC_DAY)
        return cc_valid_ymd(r->y, r->m, r->d);
    if (r->prec == CC_PREC_MONTH)
        return r->m >= 1 && r->m <= 12;
    return true;
}

static cc_date raw_make(const raw_date *r)
{
    return cc_date_make(r->y, r->m, r->d, r->prec);
}

static bool doc_year_usable(int doc_year)
{
    return doc_year >= 1 && doc_year <= 9999;
}

cc_parse_status cc_date_parse(const char *s, size_t n, int doc_year, cc_date *out)
{
    raw_date r;
    if (!parse_raw(s, n, &r))
        return CC_PARSE_NONE;
    if (r.y == 0) {
        if (!doc_year_usable(doc_year))
            return CC_PARSE_NONE;
        r.y = doc_year;
    }
    if (!raw_valid(&r))
        return CC_PARSE_NONE;
    *out = raw_make(&r);
    return CC_PARSE_OK;
}

/* Month and day as one comparable number (years aside). */
static int month_day_key(const raw_date *r)
{
    return r->m * 32 + r->d;
}

/* Fills in the years of a period's ends; false when no year can be found. */
static bool fill_period_years(raw_date *a, raw_date *b, int doc_year)
{
    if (a->y == 0 && b->y == 0) {
        if (!doc_year_usable(doc_year))
            return false;
        b->y = doc_year;
    }
    if (a->y == 0)
        a->y = month_day_key(a) > month_day_key(b) ? b->y - 1 : b->y;
    else if (b->y == 0)
        b->y = month_day_key(b) < month_day_key(a) ? a->y + 1 : a->y;
    return true;
}

/* Tries the period with its first end in [s, s+split) and its second in
 * [rest, s+n); both must be dates of the same precision. */
static bool try_split(const char *s, size_t split, size_t rest, size_t n, int doc_year,
                      cc_date *start, cc_date *end)
{
    raw_date a, b;
    if (!parse_raw(s, split, &a) || !parse_raw(s + rest, n - rest, &b) || a.prec != b.prec)
        return false;
    if (!fill_period_years(&a, &b, doc_year) || !raw_valid(&a) || !raw_valid(&b))
        return false;
    *start = raw_make(&a);
    *end = raw_make(&b);
    return true;
}

/* Tries every joiner that starts at byte `p` of the slice. */
static bool try_joiners_at(const char *s, size_t n, size_t p, int doc_year, cc_date *start,
                           cc_date *end)
{
    vs_cur c = {s, n, p};
    size_t len;
    int32_t cp = vs_peek(&c, &len);
    if (cp < 0)
        return false;
    if (cc_is_dash(cp))
        return try_split(s, p, p + len, n, doc_year, start, end);
    if (!cc_is_space(cp))
        return false;
    vs_skip_space(&c);
    for (size_t k = 0; k < COUNT(joiners); k++) {
        vs_cur t = c;
        if (read_keyword(&t, joiners[k].word) &&
            try_split(s, p, t.i, n, doc_year, start, end))
            return true;
    }
    return false;
}

cc_parse_status cc_period_parse(const char *s, size_t n, int doc_year, cc_date *start,
                                cc_date *end)
{
    if (n > PERIOD_MAX_BYTES)
        return CC_PARSE_NONE;
    vs_cur c = {s, n, 0};
    vs_skip_space(&c);
    read_keyword(&c, "giai đoạn");
    read_keyword(&c, "từ");
    const char *body = s + c.i;
    size_t len = n - c.i;
    for (size_t p = 1; p < len; p++)
        if (try_joiners_at(body, len, p, doc_year, start, end))
            return CC_PARSE_OK;
    return CC_PARSE_NONE;
}

cc_parse_status cc_year_parse(const char *s, size_t n, int *year)
{
    vs_cur c = {s, n, 0};
    vs_skip_space(&c);
    int y;
    if (!read_year(&c, &y) || !vs_finish(&c))
        return CC_PARSE_NONE;
    *year = y;
    return CC_PARSE_OK;
}

cc_range cc_period_days(cc_date start, cc_date end)
{
    cc_range r;
    r.lo = (double)end.from - (double)start.to + 1.0;
    r.hi = (double)end.to - (double)start.from + 1.0;
    if (r.hi >= 1.0 && r.lo < 1.0)
        r.lo = 1.0;
    return r;
}

/* Regex pieces, kept in step with the forms above. */
#define RE_D "(?:0?[1-9]|[12][0-9]|3[01])"
#define RE_M "(?:0?[1-9]|1[0-2])"
#define RE_Y "(?:19|20)[0-9]{2}"

/* (?:M|MW)(?:\s+năm\s+Y)? */
static void regex_month_then_tail(cc_buf *out)
{
    cc_buf_adds(out, "(?:" RE_M "|");
    vs_regex_table(out, month_words, COUNT(month_words));
    cc_buf_adds(out, ")(?:\\s+năm\\s+" RE_Y ")?");
}

static void regex_day(cc_buf *out)
{
    cc_buf_adds(out, "(?:(?:ngày\\s+)?" RE_D "(?:/" RE_M "(?:/" RE_Y ")?|-" RE_M "(?:-" RE_Y
                     ")?|\\." RE_M "\\." RE_Y ")"
                     "|ngày\\s+" RE_D "\\." RE_M
                     "|ngày\\s+" RE_D "\\s+tháng\\s+");
    regex_month_then_tail(out);
    cc_buf_addc(out, ')');
}

static void regex_month(cc_buf *out)
{
    cc_buf_adds(out, "(?:(?:tháng\\s+)?" RE_M "[/\\-]" RE_Y
                     "|tháng\\s+" RE_M "\\." RE_Y
                     "|tháng\\s+");
    regex_month_then_tail(out);
    cc_buf_addc(out, ')');
}

static void regex_year(cc_buf *out)
{
    cc_buf_adds(out, "(?:(?:năm\\s+)?" RE_Y ")");
}

void cc_date_regex(cc_buf *out)
{
    cc_buf_adds(out, VS_RE_START "(?:");
    regex_day(out);
    cc_buf_addc(out, '|');
    regex_month(out);
    cc_buf_addc(out, '|');
    regex_year(out);
    cc_buf_adds(out, ")" VS_RE_END);
}

/* \s*DASH\s* or \s+JOINER\s+ */
static void regex_joiner(cc_buf *out)
{
    cc_buf_adds(out, "(?:\\s*" VS_RE_DASH "\\s*|\\s+");
    vs_regex_table(out, joiners, COUNT(joiners));
    cc_buf_adds(out, "\\s+)");
}

void cc_period_regex(cc_buf *out)
{
    void (*const ends[])(cc_buf *) = {regex_day, regex_month, regex_year};
    cc_buf_adds(out, VS_RE_START "(?:giai\\s+đoạn\\s+)?(?:từ\\s+)?(?:");
    for (size_t k = 0; k < COUNT(ends); k++) {
        if (k)
            cc_buf_addc(out, '|');
        ends[k](out);
        regex_joiner(out);
        ends[k](out);
    }
    cc_buf_adds(out, ")" VS_RE_END);
}

void cc_year_regex(cc_buf *out)
{
    cc_buf_adds(out, VS_RE_START RE_Y VS_RE_END);
}
