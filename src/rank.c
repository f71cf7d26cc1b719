/* rank.c — ranks as written in Vietnamese news: "86/193", "thứ 56/63", "hạng 86", "thứ tư". */
#include "rank.h"

#include <math.h>

#include "text.h"
#include "vscan.h"

#define RANK_MAX 1000000000LL /* positions and totals above this are OVERFLOW */

/* Ordinal words after "thứ". Multi-word phrases first: the regex fragment is built
 * from this table in order, and an unanchored search must prefer "mười một" to "mười". */
static const vs_word_value ordinals[] = {
    {"hai mươi", 20}, {"mười một", 11}, {"mười hai", 12}, {"mười ba", 13},
    {"mười bốn", 14}, {"mười lăm", 15}, {"mười sáu", 16}, {"mười bảy", 17},
    {"mười bẩy", 17}, {"mười tám", 18}, {"mười chín", 19}, {"nhất", 1},
    {"nhì", 2},       {"hai", 2},       {"ba", 3},        {"tư", 4},
    {"năm", 5},       {"sáu", 6},       {"bảy", 7},       {"bẩy", 7},
    {"tám", 8},       {"chín", 9},      {"mười", 10},
};

/* Words between a position and its total: "thứ 86 trên 193", "thứ 86 trong số 193"
 * (values unused). */
static const vs_word_value connectors[] = {
    {"trên tổng số", 0}, {"trong tổng số", 0}, {"trong số", 0}, {"trên", 0}, {"trong", 0},
};

/* Words that mean first place on their own. */
static const vs_word_value leaders[] = {
    {"dẫn đầu", 1},
    {"đứng đầu", 1},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Which words came before the number. */
typedef struct rank_prefix {
    bool any;   /* "vị trí", "hạng" or "thứ" was written */
    bool thu;   /* "thứ" was written (ordinal words need it) */
} rank_prefix;

/* Reads [("vị trí" | "hạng") \s+] ["thứ" \s+]; false when a word is not followed by
 * white space. */
static bool read_prefix(vs_cur *c, rank_prefix *p)
{
    p->any = p->thu = false;
    if (vs_word(c, "vị trí") || vs_word(c, "hạng")) {
        if (!vs_space1(c))
            return false;
        p->any = true;
    }
    if (vs_word(c, "thứ")) {
        if (!vs_space1(c))
            return false;
        p->any = p->thu = true;
    }
    return true;
}

/* Reads a position or total: ASCII digits, saturating above RANK_MAX. */
static bool read_count(vs_cur *c, int64_t *v, bool *overflow)
{
    const char *d;
    size_t k = vs_digits(c, &d);
    if (k == 0)
        return false;
    uint64_t x;
    if (cc_parse_uint(d, k, (uint64_t)RANK_MAX, &x) != 0) {
        *overflow = true;
        x = (uint64_t)RANK_MAX + 1;
    }
    *v = (int64_t)x;
    return true;
}

/* "thứ" ORDINAL, the ordinal ending the slice. */
static bool read_ordinal(vs_cur c, int64_t *position)
{
    for (size_t k = 0; k < COUNT(ordinals); k++) {
        vs_cur t = c;
        if (vs_word(&t, ordinals[k].word) && vs_finish(&t)) {
            *position = ordinals[k].value;
            return true;
        }
    }
    return false;
}

/* The total after a position, if any, then the end of the slice. `words` allows the
 * word connectors (only after a leading word). *total stays -1 when none is written. */
static bool read_total(vs_cur c, bool words, int64_t *total, bool *overflow)
{
    *total = -1;
    vs_cur t = c;
    if (vs_finish(&t))
        return true;
    t = c;
    vs_skip_space(&t);
    if (vs_ascii(&t, '/')) {
        vs_skip_space(&t);
        return read_count(&t, total, overflow) && vs_finish(&t);
    }
    if (!words || !vs_space1(&c))
        return false;
    for (size_t k = 0; k < COUNT(connectors); k++) {
        t = c;
        bool big = false; /* only a connector that fits may report an overflow */
        if (vs_word(&t, connectors[k].word) && vs_space1(&t) && read_count(&t, total, &big) &&
            vs_finish(&t)) {
            *overflow = *overflow || big;
            return true;
        }
    }
    return false;
}

/* A count written in words ("tám mươi sáu"), or (`digits`) plain ASCII digits: an exact
 * integer from 1 up. */
static bool words_count(const char *s, size_t n, bool digits, int64_t *v)
{
    size_t k = 0;
    while (k < n && !cc_is_digit((unsigned char)s[k]))
        k++;
    if (k < n) { /* digits: only a plain run of them, as the fragment has it */
        uint64_t u;
        if (!digits || k != 0 || cc_parse_uint(s, n, (uint64_t)RANK_MAX, &u) != 0 || u < 1)
            return false;
        *v = (int64_t)u;
        return true;
    }
    cc_range r;
    if (cc_num_parse(s, n, CC_LOCALE_VI, &r) != CC_PARSE_OK || r.lo != r.hi || r.lo < 1 ||
        r.lo > (double)RANK_MAX || r.lo != floor(r.lo))
        return false;
    *v = (int64_t)r.lo;
    return true;
}

/*
 * After "thứ"/"hạng"/"vị trí": a position in words, with an optional total after a
 * connector ("thứ tám mươi sáu", "thứ hai mươi tư trên bốn mươi bảy"). The slice is
 * split at the first connector that leaves two counts; the connector and the white
 * space around it are read as the fragment's \s+ connector \s+ reads them.
 */
static bool read_word_rank(vs_cur c, int64_t *position, int64_t *total)
{
    const char *rest = c.s + c.i;
    size_t n = c.n - c.i;
    if (words_count(rest, n, false, position)) {
        *total = 0;
        return true;
    }
    for (size_t i = 1; i < n;) {
        if (cc_space_len(rest + i, n - i) == 0) {
            i++;
            continue;
        }
        vs_cur after = {rest, n, i};
        vs_skip_space(&after);
        for (size_t k = 0; k < COUNT(connectors); k++) {
            vs_cur t = after;
            if (vs_word(&t, connectors[k].word) && vs_space1(&t) &&
                words_count(rest, i, false, position) &&
                words_count(rest + t.i, n - t.i, true, total))
                return true;
        }
        i = after.i;
    }
    return false;
}

cc_parse_status cc_rank_parse(const char *s, size_t n, int64_t *position, int64_t *total)
{
    vs_cur c = {s, n, 0};
    vs_skip_space(&c);
    for (size_t k = 0; k < COUNT(leaders); k++) {
        vs_cur t = c;
        if (vs_word(&t, leaders[k].word) && vs_finish(&t)) {
            *position = leaders[k].value;
            *total = 0;
            return CC_PARSE_OK;
        }
    }
    rank_prefix pre;
    if (!read_prefix(&c, &pre))
        return CC_PARSE_NONE;
    int64_t pos = 0, tot = 0;
    if (pre.thu && read_ordinal(c, &pos)) {
        *position = pos;
        *total = 0;
        return CC_PARSE_OK;
    }
    if (pre.any && read_word_rank(c, &pos, &tot)) {
        *position = pos;
        *total = tot;
        return CC_PARSE_OK;
    }
    bool overflow = false;
    if (!read_count(&c, &pos, &overflow) || !read_total(c, pre.any, &tot, &overflow))
        return CC_PARSE_NONE;
    /* "86/0" is not a rank either: a total of 0 would read as "not written". */
    if (pos == 0 || tot == 0)
        return CC_PARSE_NONE;
    if (overflow)
        return CC_PARSE_OVERFLOW;
    *position = pos;
    *total = tot < 0 ? 0 : tot;
    return CC_PARSE_OK;
}

void cc_rank_regex(cc_buf *out)
{
    static const char num[] = "[0-9]+";
    cc_buf_adds(out, VS_RE_START "(?:");
    /* "thứ tám mươi sáu", "hạng hai mươi tư trên bốn mươi bảy": counts in words */
    cc_buf_adds(out, "(?:(?:vị\\s+trí|hạng)\\s+(?:thứ\\s+)?|thứ\\s+)");
    cc_num_words_regex(out);
    cc_buf_adds(out, "(?:\\s+");
    vs_regex_table(out, connectors, COUNT(connectors));
    cc_buf_adds(out, "\\s+(?:");
    cc_num_words_regex(out);
    cc_buf_adds(out, "|[0-9]+))?|");
    /* "thứ tư", "vị trí thứ nhất" */
    cc_buf_adds(out, "(?:(?:vị\\s+trí|hạng)\\s+)?thứ\\s+");
    vs_regex_table(out, ordinals, COUNT(ordinals));
    /* "thứ 86/193", "hạng 86", "vị trí thứ 86 trong số 193" */
    cc_buf_adds(out, "|(?:(?:vị\\s+trí|hạng)\\s+(?:thứ\\s+)?|thứ\\s+)");
    cc_buf_adds(out, num);
    cc_buf_adds(out, "(?:\\s*/\\s*");
    cc_buf_adds(out, num);
    cc_buf_adds(out, "|\\s+");
    vs_regex_table(out, connectors, COUNT(connectors));
    cc_buf_adds(out, "\\s+");
    cc_buf_adds(out, num);
    cc_buf_adds(out, ")?");
    /* "86/193". A bare "86" is a rank to the parser but not to the fragment: in running
     * text a lone integer is far more often a count ("193 quốc gia") than a rank. */
    cc_buf_addc(out, '|');
    cc_buf_adds(out, num);
    cc_buf_adds(out, "\\s*/\\s*");
    cc_buf_adds(out, num);
    cc_buf_adds(out, "|");
    /* "dẫn đầu" */
    vs_regex_table(out, leaders, COUNT(leaders));
    cc_buf_adds(out, ")" VS_RE_END);
}
