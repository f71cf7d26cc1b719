/*
 * num.c — numbers, percentages and money as written in Vietnamese (or English) news.
 *
 * A slice is cut into white-space separated tokens (on the stack, at most
 * MAX_TOKENS), then read either as one digit token followed by scale words
 * ("4,4 triệu", "1,2 nghìn tỷ") or as a run of number words ("hai mươi mốt",
 * "sáu mươi triệu"). Nothing is allocated and nothing outside the slice is read.
 *
 * Precision: a figure with a decimal part or a scale word covers half a unit of
 * its last written digit, scaled; a plain integer is exact.
 */
#include "num.h"

#include <assert.h>
#include <math.h>
#include <string.h>
#include "text.h"

#define MAX_TOKENS 32       /* a longer slice is not one figure */
#define MAX_WORD_BYTES 32   /* longer tokens are never vocabulary words */
#define MAX_SIG_DIGITS 19   /* what a uint64_t holds exactly */
#define MAX_FRAC_DIGITS 40  /* fraction digits kept: past these a double sees 0 */
#define MAX_SCALE_EXP 36    /* 10^36 and beyond: out of range whatever the digits */
#define VALUE_LIMIT 1e18    /* SPEC: larger values are CC_PARSE_OVERFLOW */

typedef struct tok {
    const char *p; /* first byte of the token */
    size_t n;      /* its length in bytes */
} tok;

/* ---------------------------------------------------------------- text helpers */

/* Splits the slice into white-space separated tokens; returns how many, or
 * max + 1 when there are more than `max`. */
static size_t tokenize(const char *s, size_t n, tok *out, size_t max)
{
    size_t count = 0, i = cc_skip_space(s, n);
    while (i < n) {
        size_t start = i;
        while (i < n && cc_space_len(s + i, n - i) == 0)
            i++;
        if (count == max)
            return max + 1;
        out[count].p = s + start;
        out[count].n = i - start;
        count++;
        i += cc_skip_space(s + i, n - i);
    }
    return count;
}

/* True when the token, lowercased, is exactly `word` (a lowercase literal). */
static bool token_is(tok t, const char *word)
{
    char buf[MAX_WORD_BYTES];
    size_t len = cc_lowercase_to(t.p, t.n, buf, sizeof buf);
    return len != SIZE_MAX && len == strlen(word) && memcmp(buf, word, len) == 0;
}

/* 10^e for 0 <= e <= MAX_SCALE_EXP + MAX_SIG_DIGITS; exact up to 10^22. */
static double pow10_exact(int e)
{
    static const double table[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (e >= 0 && e < (int)(sizeof table / sizeof table[0]))
        return table[e];
    return pow(10.0, e);
}

int cc_locale_parse(const char *s, cc_locale *out)
{
    if (strcmp(s, "vi") == 0)
        *out = CC_LOCALE_VI;
    else if (strcmp(s, "en") == 0)
        *out = CC_LOCALE_EN;
    else
        return -1;
    return 0;
}

/* ---------------------------------------------------------------- vocabulary */

typedef enum word_kind {
    W_UNIT,     /* không..chín: 0..9 */
    W_TU,       /* tư: 4 after mươi, mười, linh/lẻ */
    W_LAM,      /* lăm: 5 after mươi, mười */
    W_MOT_SAC,  /* mốt: 1 after mươi */
    W_MUOI10,   /* mười: 10 */
    W_MUOI,     /* mươi: tens after 2..9 */
    W_LINH,     /* linh, lẻ: zero tens after hundreds */
    W_TRAM,     /* trăm: hundreds (a scale of 10^2 after digits) */
    W_CHUC,     /* chục: tens after 1..9 */
    W_BIG,      /* nghìn, ngàn, triệu, tỷ, tỉ (and English scales in CC_LOCALE_EN) */
} word_kind;

typedef struct vocab {
    const char *text;  /* NFC lowercase */
    word_kind kind;
    int val;           /* the digit for units, the power of ten for scales */
    bool english;      /* only in CC_LOCALE_EN */
} vocab;

static const vocab VOCAB[] = {
    {"không", W_UNIT, 0, false},   {"một", W_UNIT, 1, false},     {"hai", W_UNIT, 2, false},
    {"ba", W_UNIT, 3, false},      {"bốn", W_UNIT, 4, false},     {"năm", W_UNIT, 5, false},
    {"sáu", W_UNIT, 6, false},     {"bảy", W_UNIT, 7, false},     {"bẩy", W_UNIT, 7, false},
    {"tám", W_UNIT, 8, false},     {"chín", W_UNIT, 9, false},    {"tư", W_TU, 4, false},
    {"lăm", W_LAM, 5, false},      {"mốt", W_MOT_SAC, 1, false},  {"mười", W_MUOI10, 10, false},
    {"mươi", W_MUOI, 10, false},   {"linh", W_LINH, 0, false},    {"lẻ", W_LINH, 0, false},
    {"trăm", W_TRAM, 2, false},    {"chục", W_CHUC, 1, false},    {"nghìn", W_BIG, 3, false},
    {"ngàn", W_BIG, 3, false},     {"triệu", W_BIG, 6, false},    {"tỷ", W_BIG, 9, false},
    {"tỉ", W_BIG, 9, false},       {"thousand", W_BIG, 3, true},  {"million", W_BIG, 6, true},
    {"billion", W_BIG, 9, true},   {"trillion", W_BIG, 12, true},
};

/* The vocabulary entry the token spells (case-insensitively), or NULL. */
static const vocab *lookup_word(tok t, cc_locale loc)
{
    char buf[MAX_WORD_BYTES];
    size_t len = cc_lowercase_to(t.p, t.n, buf, sizeof buf);
    if (len == SIZE_MAX)
        return NULL;
    for (size_t i = 0; i < sizeof VOCAB / sizeof VOCAB[0]; i++) {
        const vocab *v = &VOCAB[i];
        if (v->english && loc != CC_LOCALE_EN)
            continue;
        if (strlen(v->text) == len && memcmp(v->text, buf, len) == 0)
            return v;
    }
    return NULL;
}

/* The power of ten of a scale word after digits (trăm included), or -1. */
static int scale_exponent(tok t, cc_locale loc)
{
    const vocab *v = lookup_word(t, loc);
    if (v && (v->kind == W_BIG || v->kind == W_TRAM))
        return v->val;
    return -1;
}

/* ---------------------------------------------------------------- the result */

/* A decimal m × 10^exp; `exact` when it was written as a plain integer. */
typedef struct decimal {
    uint64_t m;
    int exp;
    bool exact;
} decimal;

/* Turns a decimal into its interval: exact, or ± half a unit of the last digit.
 * The ends are computed as (m ± 0.5) × 10^exp in one rounding, so "0,6667" gives
 * the double nearest to 0.66665. A written figure is never negative: lo >= 0. */
static cc_parse_status decimal_range(decimal d, cc_range *out)
{
    if (d.exp > MAX_SCALE_EXP)
        return CC_PARSE_OVERFLOW;
    double m = (double)d.m;
    double nominal = d.exp >= 0 ? m * pow10_exact(d.exp) : m / pow10_exact(-d.exp);
    if (nominal > VALUE_LIMIT)
        return CC_PARSE_OVERFLOW;
    if (d.exact) {
        out->lo = out->hi = nominal;
        return CC_PARSE_OK;
    }
    if (d.exp > 18)
        return CC_PARSE_OVERFLOW; /* half a unit above 1e18: "0 tỷ tỷ tỷ" */
    if (d.exp >= 0) {
        out->lo = (m - 0.5) * pow10_exact(d.exp);
        out->hi = (m + 0.5) * pow10_exact(d.exp);
    } else {
        out->lo = (m - 0.5) / pow10_exact(-d.exp);
        out->hi = (m + 0.5) / pow10_exact(-d.exp);
    }
    if (out->lo < 0)
        out->lo = 0;
    return CC_PARSE_OK;
}

/* ---------------------------------------------------------------- digits */

/* Appends one integer digit to *m; false when there are more than MAX_SIG_DIGITS
 * significant ones (the integer is then above 1e18). */
static bool add_int_digit(char c, uint64_t *m, int *sig)
{
    if (*sig > 0 || c != '0')
        (*sig)++;
    if (*sig > MAX_SIG_DIGITS)
        return false;
    *m = *m * 10 + (uint64_t)(c - '0');
    return true;
}

/* Appends the fraction digits to the decimal *d. Digits past MAX_SIG_DIGITS
 * significant ones (or MAX_FRAC_DIGITS in all) round the last one kept: more
 * precision than a double carries is dropped, but the interval still holds the
 * written value. */
static void add_fraction(const char *s, size_t n, int sig, decimal *d)
{
    for (size_t i = 0; i < n; i++) {
        if (d->m > 0 || s[i] != '0')
            sig++;
        if (sig > MAX_SIG_DIGITS || -d->exp >= MAX_FRAC_DIGITS) {
            if (s[i] >= '5')
                d->m++; /* at most 10^19, which a uint64_t holds */
            return;
        }
        d->m = d->m * 10 + (uint64_t)(s[i] - '0');
        d->exp--;
    }
}

static bool all_zeros(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '0')
            return false;
    return true;
}

/* Where the digit token's integer part ends and how its separators read. */
typedef struct digit_layout {
    size_t int_end;    /* integer part is [0, int_end), grouping separators included */
    size_t frac_start; /* fraction is [frac_start, n); frac_start == n when none */
} digit_layout;

/*
 * Decides how the separators of a digit token read. `group` is the thousands
 * separator of the locale ('.' in vi) and `dec` the decimal one (',' in vi).
 * A lone group separator is a decimal point when the integer part is 0 or one
 * or two digits follow it ("0.6667", "86.5"); otherwise separators must make
 * groups of three after a first group of one to three non-zero digits.
 */
static bool digit_layout_of(const char *s, size_t n, char group, char dec, digit_layout *lay)
{
    size_t ngroup = 0, ndec = 0, first_group = n, dec_at = n;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == group) {
            ngroup++;
            if (first_group == n)
                first_group = i;
        } else if (s[i] == dec) {
            ndec++;
            dec_at = i;
        } else if (!cc_is_digit((unsigned char)s[i])) {
            return false;
        }
    }
    if (ndec > 1 || !cc_is_digit((unsigned char)s[0]) || !cc_is_digit((unsigned char)s[n - 1]))
        return false;
    lay->int_end = dec_at;
    lay->frac_start = dec_at < n ? dec_at + 1 : n;
    if (ngroup == 0)
        return true;
    if (ndec == 0 && ngroup == 1) {
        size_t after = n - first_group - 1;
        if (all_zeros(s, first_group) || after <= 2) {
            lay->int_end = first_group; /* the group separator is a decimal point */
            lay->frac_start = first_group + 1;
            return true;
        }
    }
    if (first_group > dec_at || first_group == 0 || first_group > 3 || all_zeros(s, first_group))
        return false;
    size_t run = 0;
    for (size_t i = first_group + 1; i <= dec_at; i++) {
        if (i == dec_at || s[i] == group) {
            if (run != 3)
                return false;
            run = 0;
        } else {
            run++;
        }
    }
    return true;
}

/* Parses one digit token ("1.039", "0,6667", "86.5") into a decimal. */
static cc_parse_status parse_digit_token(tok t, cc_locale loc, decimal *d)
{
    char group = loc == CC_LOCALE_EN ? ',' : '.';
    char dec = loc == CC_LOCALE_EN ? '.' : ',';
    digit_layout lay;
    if (!digit_layout_of(t.p, t.n, group, dec, &lay))
        return CC_PARSE_NONE;
    uint64_t m = 0;
    int sig = 0;
    for (size_t i = 0; i < lay.int_end; i++)
        if (t.p[i] != group && !add_int_digit(t.p[i], &m, &sig))
            return CC_PARSE_OVERFLOW; /* 20 or more integer digits: above 1e18 */
    size_t nfrac = lay.frac_start < t.n ? t.n - lay.frac_start : 0;
    d->m = m;
    d->exp = 0;
    add_fraction(t.p + lay.frac_start, nfrac, sig, d);
    d->exact = nfrac == 0;
    return CC_PARSE_OK;
}

/* A digit token followed by scale words, all of which multiply it. */
static cc_parse_status parse_digit_tokens(const tok *t, size_t n, cc_locale loc, cc_range *out)
{
    decimal d;
    cc_parse_status st = parse_digit_token(t[0], loc, &d);
    if (st != CC_PARSE_OK)
        return st;
    int scale = 0;
    for (size_t i = 1; i < n; i++) {
        int e = scale_exponent(t[i], loc);
        if (e < 0)
            return CC_PARSE_NONE;
        scale += e;
        d.exact = false;
    }
    if (scale > MAX_SCALE_EXP)
        return CC_PARSE_OVERFLOW;
    d.exp += scale;
    return decimal_range(d, out);
}

/* ---------------------------------------------------------------- number words */

typedef struct word {
    word_kind kind;
    int val;
} word;

static bool is_unit(const word *w, int lo, int hi)
{
    return w->kind == W_UNIT && w->val >= lo && w->val <= hi;
}

/* The unit at w[*j] after "mười" (mười một, mười tư, mười lăm) or, with `mot_sac`,
 * after "mươi" (hai mươi mốt), and *j moved past it; 0 when there is none (units are
 * 1..9). "không" never follows. */
static int unit_after_ten(const word *w, size_t n, size_t *j, bool mot_sac)
{
    if (*j >= n)
        return 0;
    const word *u = &w[*j];
    int v;
    if (is_unit(u, 1, 9) || u->kind == W_TU || u->kind == W_LAM)
        v = u->val;
    else if (mot_sac && u->kind == W_MOT_SAC)
        v = 1;
    else
        return 0;
    assert(v >= 1 && v <= 9);
    (*j)++;
    return v;
}

/* "linh năm", "lẻ tư": zero tens then a unit; advances *i on success. */
static bool parse_linh(const word *w, size_t n, size_t *i, int *out)
{
    size_t j = *i;
    if (j + 1 >= n || w[j].kind != W_LINH)
        return false;
    if (!is_unit(&w[j + 1], 1, 9) && w[j + 1].kind != W_TU)
        return false;
    *out = w[j + 1].val;
    *i = j + 2;
    return true;
}

/* "mười [một]", "hai mươi [mốt]", "hai chục": 10..99; advances *i on success. */
static bool parse_tens(const word *w, size_t n, size_t *i, int *out)
{
    size_t j = *i;
    int v;
    if (j < n && w[j].kind == W_MUOI10) {
        j++;
        v = 10 + unit_after_ten(w, n, &j, false);
    } else if (j + 1 < n && is_unit(&w[j], 2, 9) && w[j + 1].kind == W_MUOI) {
        v = w[j].val * 10;
        j += 2;
        v += unit_after_ten(w, n, &j, true);
    } else if (j + 1 < n && is_unit(&w[j], 1, 9) && w[j + 1].kind == W_CHUC) {
        v = w[j].val * 10;
        j += 2;
    } else {
        return false;
    }
    *out = v;
    *i = j;
    return true;
}

/* One group below a thousand: "[X trăm] [tens | linh U]", or a lone unit.
 * `after_scale` allows a group that starts with linh ("một nghìn linh năm"). */
static bool parse_group(const word *w, size_t n, size_t *i, bool after_scale, int *out)
{
    size_t j = *i;
    int part;
    if (j + 1 < n && is_unit(&w[j], 0, 9) && w[j + 1].kind == W_TRAM) {
        int v = w[j].val * 100;
        j += 2;
        if (parse_linh(w, n, &j, &part) || parse_tens(w, n, &j, &part))
            v += part;
        *out = v;
        *i = j;
        return true;
    }
    if ((after_scale && parse_linh(w, n, &j, &part)) || parse_tens(w, n, &j, &part)) {
        *out = part;
        *i = j;
        return true;
    }
    if (j < n && is_unit(&w[j], 0, 9)) {
        *out = w[j].val;
        *i = j + 1;
        return true;
    }
    return false;
}

/* A run of scale words after a group, each larger than the one before
 * ("nghìn tỷ"); returns their product's power of ten, 0 when there is none. */
static int parse_scale_run(const word *w, size_t n, size_t *i)
{
    int total = 0, prev = 0;
    while (*i < n && w[*i].kind == W_BIG) {
        if (w[*i].val <= prev)
            return -1;
        prev = w[*i].val;
        total += prev;
        (*i)++;
    }
    return total;
}

/*
 * Number words: groups below a thousand, each optionally followed by a run of
 * scale words. A run larger than everything before stacks on it ("một nghìn hai
 * trăm tỷ" is 1 200 × 10^9); a smaller one adds ("hai triệu ba trăm nghìn").
 * Ending on a scale word gives half a unit of that scale; otherwise exact.
 */
static cc_parse_status parse_word_tokens(const tok *t, size_t n, cc_locale loc, cc_range *out)
{
    word w[MAX_TOKENS];
    for (size_t k = 0; k < n; k++) {
        const vocab *v = lookup_word(t[k], loc);
        if (!v)
            return CC_PARSE_NONE;
        w[k].kind = v->kind;
        w[k].val = v->val;
    }
    double total = 0;
    int largest = 0, previous = MAX_SCALE_EXP + 1;
    size_t i = 0;
    for (bool first = true;; first = false) {
        int g;
        if (!parse_group(w, n, &i, !first, &g))
            return CC_PARSE_NONE;
        int e = parse_scale_run(w, n, &i);
        if (e < 0)
            return CC_PARSE_NONE;
        if (e == 0) {
            if (i != n)
                return CC_PARSE_NONE; /* two groups in a row: "hai ba" */
            total += g;
            if (total > VALUE_LIMIT)
                return CC_PARSE_OVERFLOW;
            out->lo = out->hi = total;
            return CC_PARSE_OK;
        }
        if (e > largest) {
            if (e > MAX_SCALE_EXP)
                return CC_PARSE_OVERFLOW;
            total = (total + g) * pow10_exact(e);
            largest = e;
        } else if (e < previous) {
            total += g * pow10_exact(e);
        } else {
            return CC_PARSE_NONE; /* "một nghìn hai nghìn" */
        }
        previous = e;
        if (total > VALUE_LIMIT)
            return CC_PARSE_OVERFLOW;
        if (i == n) {
            double half = 0.5 * pow10_exact(e);
            out->lo = total - half > 0 ? total - half : 0;
            out->hi = total + half;
            return CC_PARSE_OK;
        }
    }
}

/* ---------------------------------------------------------------- entry points */

/* A figure made of the tokens: digits and scale words, or number words. */
static cc_parse_status parse_tokens(const tok *t, size_t n, cc_locale loc, cc_range *out)
{
    if (n == 0)
        return CC_PARSE_NONE;
    if (cc_is_digit((unsigned char)t[0].p[0]))
        return parse_digit_tokens(t, n, loc, out);
    return parse_word_tokens(t, n, loc, out);
}

cc_parse_status cc_num_parse(const char *s, size_t n, cc_locale loc, cc_range *out)
{
    tok t[MAX_TOKENS];
    size_t nt = tokenize(s, n, t, MAX_TOKENS);
    if (nt > MAX_TOKENS)
        return CC_PARSE_NONE;
    return parse_tokens(t, nt, loc, out);
}

cc_parse_status cc_percent_parse(const char *s, size_t n, cc_locale loc, cc_range *out)
{
    tok t[MAX_TOKENS];
    size_t nt = tokenize(s, n, t, MAX_TOKENS);
    if (nt == 0 || nt > MAX_TOKENS)
        return CC_PARSE_NONE;
    tok *last = &t[nt - 1];
    if (last->p[last->n - 1] == '%') {
        last->n--;
        if (last->n == 0)
            nt--;
    } else if (nt >= 2 && token_is(t[nt - 2], "phần") && token_is(*last, "trăm")) {
        nt -= 2;
    } else {
        return CC_PARSE_NONE;
    }
    return parse_tokens(t, nt, loc, out);
}

/* ---------------------------------------------------------------- money */

typedef struct currency_word {
    const char *words[3]; /* lowercase tokens, unused ones NULL */
    const char *code;     /* "VND" or "USD" */
} currency_word;

static const currency_word CURRENCIES[] = {
    {{"đô", "la", "mỹ"}, "USD"}, {{"đô", "la", NULL}, "USD"}, {{"đôla", NULL, NULL}, "USD"},
    {{"usd", NULL, NULL}, "USD"}, {{"us$", NULL, NULL}, "USD"}, {{"đồng", NULL, NULL}, "VND"},
    {{"vnd", NULL, NULL}, "VND"}, {{"vnđ", NULL, NULL}, "VND"}, {{"đ", NULL, NULL}, "VND"},
};

/* How many tokens a currency spans. */
static size_t currency_len(const currency_word *c)
{
    size_t k = 0;
    while (k < 3 && c->words[k])
        k++;
    return k;
}

/* Length of the digits and separators a token starts with, when they end in a
 * digit ("30.500" in "30.500đ"); 0 otherwise. */
static size_t digit_prefix(tok t)
{
    size_t i = 0;
    while (i < t.n && (cc_is_digit((unsigned char)t.p[i]) || t.p[i] == '.' || t.p[i] == ','))
        i++;
    return i > 0 && cc_is_digit((unsigned char)t.p[i - 1]) ? i : 0;
}

/*
 * The currency written as the last tokens of t[0..*n): either separate tokens
 * ("30.500 đồng", "5 đô la Mỹ") or with its first word glued to the digits
 * ("30.500đ", "100USD", "5đô la"). Takes the currency off the tokens (shortening a
 * glued token to its digits) and returns it, or NULL. "đ" counts only right
 * after a digit.
 */
static const currency_word *take_currency(tok *t, size_t *n)
{
    for (size_t c = 0; c < sizeof CURRENCIES / sizeof CURRENCIES[0]; c++) {
        const currency_word *cw = &CURRENCIES[c];
        size_t k = currency_len(cw);
        if (k > *n)
            continue;
        size_t at = *n - k; /* the token holding the first word */
        bool rest = true;
        for (size_t j = 1; j < k && rest; j++)
            rest = token_is(t[at + j], cw->words[j]);
        if (!rest)
            continue;
        if (at >= 1 && token_is(t[at], cw->words[0])) {
            const tok *before = &t[at - 1];
            if (strcmp(cw->words[0], "đ") == 0 &&
                !cc_is_digit((unsigned char)before->p[before->n - 1]))
                continue;
            *n = at;
            return cw;
        }
        size_t digits = digit_prefix(t[at]);
        tok glued = {t[at].p + digits, t[at].n - digits};
        if (digits > 0 && glued.n > 0 && token_is(glued, cw->words[0])) {
            t[at].n = digits;
            *n = at + 1;
            return cw;
        }
    }
    return NULL;
}

/* Strips "$" or "US$" glued before the digits of the first token. */
static bool leading_dollar(tok *first)
{
    size_t k = 0;
    if (first->n > 1 && first->p[0] == '$')
        k = 1;
    else if (first->n > 3 && (first->p[0] | 0x20) == 'u' && (first->p[1] | 0x20) == 's' &&
             first->p[2] == '$')
        k = 3;
    if (k == 0 || !cc_is_digit((unsigned char)first->p[k]))
        return false;
    first->p += k;
    first->n -= k;
    return true;
}

#define MONEY_TAIL 16 /* bytes of a slice's end lowercased for cc_money_may_parse */

bool cc_money_may_parse(const char *s, size_t n)
{
    if (n && (s[0] == '$' || (n > 2 && (s[0] | 0x20) == 'u' && (s[1] | 0x20) == 's' && s[2] == '$')))
        return true; /* leading_dollar() */
    size_t from = n > MONEY_TAIL ? n - MONEY_TAIL : 0;
    while (from > 0 && from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
        from++; /* a character boundary */
    char low[4 * MONEY_TAIL];
    size_t len = cc_lowercase_to(s + from, n - from, low, sizeof low);
    if (len == SIZE_MAX)
        return true; /* not decided here */
    for (size_t c = 0; c < sizeof CURRENCIES / sizeof CURRENCIES[0]; c++) {
        const char *w = CURRENCIES[c].words[currency_len(&CURRENCIES[c]) - 1];
        size_t wl = strlen(w);
        if (len < wl) {
            if (from > 0)
                return true; /* the tail lowercased to fewer bytes than the word: untold */
            continue;
        }
        if (memcmp(low + len - wl, w, wl) == 0)
            return true;
    }
    return false;
}

cc_parse_status cc_money_parse(const char *s, size_t n, cc_locale loc, cc_range *out,
                               char currency[4])
{
    tok t[MAX_TOKENS];
    size_t nt = tokenize(s, n, t, MAX_TOKENS);
    if (nt == 0 || nt > MAX_TOKENS)
        return CC_PARSE_NONE;
    const char *code = NULL;
    if (leading_dollar(&t[0]))
        code = "USD";
    const currency_word *c = take_currency(t, &nt);
    if (c && code)
        return CC_PARSE_NONE; /* "$5 USD" */
    if (c)
        code = c->code;
    if (!code)
        return CC_PARSE_NONE;
    cc_range r;
    cc_parse_status st = parse_tokens(t, nt, loc, &r);
    if (st != CC_PARSE_OK)
        return st;
    *out = r;
    memcpy(currency, code, 4);
    return CC_PARSE_OK;
}

/* ---------------------------------------------------------------- hint */

/* Number and rank words that make a sentence worth matching (NFC lowercase). */
static const char *const HINT_WORDS[] = {
    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín", "mười",
    "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "chục", "nhất", "nhì",
    "tư", "lăm", "mốt", "linh", "lẻ", "đầu",
};
#define HINT_MAX_BYTES 8 /* the longest hint word, "triệu", is 7 bytes */

/* Length of the word character at s[i], or 0 when it is not one; *digit is set
 * for an ASCII digit. Undecodable bytes are not word characters. */
static size_t word_char_len(const char *s, size_t n, size_t i, bool *digit)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *digit = c >= '0' && c <= '9';
        return (*digit || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ? 1 : 0;
    }
    size_t k;
    int32_t cp = cc_utf8_decode(s + i, n - i, &k);
    return cp >= 0 && cc_is_alnum_or_mark(cp) ? k : 0;
}

#define NHINTS (sizeof HINT_WORDS / sizeof HINT_WORDS[0])

/* Whether the first character of s[0..n), lowercased, starts as a hint word does (a
 * table of first bytes built once): most words are passed over without lowercasing. */
static bool may_start_hint(const char *s, size_t n)
{
    static bool first_byte[256], built;
    if (!built) {
        for (size_t i = 0; i < NHINTS; i++)
            first_byte[(unsigned char)HINT_WORDS[i][0]] = true;
        built = true;
    }
    size_t len;
    int32_t cp = cc_utf8_decode(s, n, &len);
    if (cp < 0)
        return true; /* left to cc_lowercase_to, which refuses it */
    char enc[4];
    cc_utf8_encode(cc_to_lower(cp), enc);
    return first_byte[(unsigned char)enc[0]];
}

static bool is_hint_word(const char *s, size_t n)
{
    static unsigned char hint_len[NHINTS]; /* strlen of each, measured once */
    if (!hint_len[0])
        for (size_t i = 0; i < NHINTS; i++)
            hint_len[i] = (unsigned char)strlen(HINT_WORDS[i]);
    if (n < 2 || n > HINT_MAX_BYTES || !may_start_hint(s, n))
        return false;
    char buf[HINT_MAX_BYTES + 4];
    size_t len = cc_lowercase_to(s, n, buf, sizeof buf);
    if (len == SIZE_MAX)
        return false;
    for (size_t i = 0; i < NHINTS; i++)
        if (hint_len[i] == len && HINT_WORDS[i][0] == buf[0] &&
            memcmp(HINT_WORDS[i], buf, len) == 0)
            return true;
    return false;
}

/* Whether s[0..n) holds an ASCII digit. The word loop below would find any (a digit is a
 * word character and never part of a multi-byte one), but a plain scan costs less, and
 * most sentences that have figures have digits. */
static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)(s[i] - '0') <= 9)
            return true;
    return false;
}

bool cc_has_number_hint(const char *s, size_t n)
{
    if (has_digit(s, n))
        return true;
    size_t i = 0;
    while (i < n) {
        bool digit = false;
        size_t k = word_char_len(s, n, i, &digit);
        if (digit)
            return true;
        if (k == 0) {
            i++; /* a space, punctuation, or a continuation byte of one */
            continue;
        }
        size_t start = i;
        while (i < n && (k = word_char_len(s, n, i, &digit)) > 0) {
            if (digit)
                return true;
            i += k;
        }
        if (is_hint_word(s + start, i - start))
            return true;
    }
    return false;
}

/* ---- the number-word regex fragment (pattern helper) ------------------------------ */

#define W CC_NUM_RE_WORD_END
/* Number words, as cc_num_parse reads them above. */
#define U19 "một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín"
#define U09 "không|" U19
#define D29 "hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín"
#define AFTER_MUOI10 "một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|bẩy|tám|chín"
#define AFTER_MUOI "mốt|" AFTER_MUOI10
#define TENS                                                                                 \
    "(?:mười" W "(?:\\s+(?:" AFTER_MUOI10 ")" W ")?"                                         \
    "|(?:" D29 ")" W "\\s+mươi" W "(?:\\s+(?:" AFTER_MUOI ")" W ")?"                          \
    "|(?:" U19 ")" W "\\s+chục" W ")"
#define LINH "(?:linh|lẻ)" W "\\s+(?:" U19 "|tư)" W
#define HUNDREDS "(?:" U09 ")" W "\\s+trăm" W "(?:\\s+(?:" TENS "|" LINH "))?"
#define GROUP "(?:" HUNDREDS "|" TENS "|(?:" U09 ")" W ")"
#define GROUP_AFTER_SCALE "(?:" HUNDREDS "|" TENS "|" LINH "|(?:" U09 ")" W ")"
/* A run of scale words after a group, each larger than the one before: "nghìn",
 * "nghìn tỷ", "triệu tỷ"... */
#define RUN                                                                                  \
    "(?:(?:nghìn|ngàn)" W "(?:\\s+triệu" W ")?(?:\\s+(?:tỷ|tỉ)" W ")?"                       \
    "|triệu" W "(?:\\s+(?:tỷ|tỉ)" W ")?|(?:tỷ|tỉ)" W ")"
/* Groups and scale runs: a group in the middle is followed by a run and a last
 * group may only follow one, so "hai ba" and "hai triệu nghìn" are not numbers. */
#define WORDS                                                                                \
    GROUP "(?:\\s+" RUN "(?:\\s+" GROUP_AFTER_SCALE "\\s+" RUN ")*"                             \
    "(?:\\s+" GROUP_AFTER_SCALE ")?)?"

void cc_num_words_regex(cc_buf *out)
{
    cc_buf_adds(out, "(?:" WORDS ")");
}
