/*
 * text.c — UTF-8 and character classes (see text.h).
 */
#include "text.h"

#include <assert.h>
#include <string.h>
#include <utf8proc.h>

/* ---- UTF-8 ------------------------------------------------------------------ */

bool cc_utf8_lead_of(unsigned char b, cc_utf8_lead *out)
{
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
        *out = (cc_utf8_lead){1, lo, hi, (int32_t)(b & 0x1F)};
    } else if (b >= 0xE0 && b <= 0xEF) {
        if (b == 0xE0)
            lo = 0xA0; /* overlong */
        if (b == 0xED)
            hi = 0x9F; /* surrogates */
        *out = (cc_utf8_lead){2, lo, hi, (int32_t)(b & 0x0F)};
    } else if (b >= 0xF0 && b <= 0xF4) {
        if (b == 0xF0)
            lo = 0x90; /* overlong */
        if (b == 0xF4)
            hi = 0x8F; /* past U+10FFFF */
        *out = (cc_utf8_lead){3, lo, hi, (int32_t)(b & 0x07)};
    } else {
        return false; /* ASCII, a continuation byte, C0, C1 or F5..FF */
    }
    return true;
}

int32_t cc_utf8_decode_any(const char *s, size_t n, size_t *len)
{
    assert(n >= 1);
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80) {
        *len = 1;
        return (int32_t)p[0];
    }
    cc_utf8_lead lead;
    if (!cc_utf8_lead_of(p[0], &lead)) {
        *len = 1;
        return -1;
    }
    int32_t v = lead.bits;
    unsigned lo = lead.lo, hi = lead.hi; /* allowed range of the next byte */
    for (size_t i = 1; i <= lead.need; i++) {
        if (i >= n || p[i] < lo || p[i] > hi) {
            *len = i; /* the maximal subpart ends before the offending byte */
            return -1;
        }
        v = (v << 6) | (int32_t)(p[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *len = lead.need + 1;
    return v;
}

size_t cc_utf8_encode(int32_t cp, char out[4])
{
    assert(cp >= 0 && cp <= 0x10FFFF);
    uint32_t c = (uint32_t)cp;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

void cc_utf8_add(cc_buf *b, int32_t cp)
{
    char enc[4];
    cc_buf_add(b, enc, cc_utf8_encode(cp, enc));
}

size_t cc_utf8_count(const char *s, size_t n)
{
    size_t count = 0, i = 0, len;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
        } else {
            cc_utf8_decode(s + i, n - i, &len);
            i += len;
        }
        count++;
    }
    return count;
}

bool cc_utf8_valid(const char *s, size_t n)
{
    size_t i = 0, len;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        if (cc_utf8_decode(s + i, n - i, &len) < 0)
            return false;
        i += len;
    }
    return true;
}

/* ---- character classes -------------------------------------------------------- */

/*
 * What the classes below ask of utf8proc, for every code point of the Basic
 * Multilingual Plane, is computed once per page of 256 code points, the first time a
 * code point of the page is asked about (a Vietnamese article touches five or six
 * pages), and read from the page after that: each character of every line is
 * classified and lowercased several times, and a table read is cheaper than utf8proc's
 * two-level lookup behind a call. Code points past the BMP ask utf8proc each time.
 */
enum {
    PROP_ALNUM = 1,      /* L*, N* */
    PROP_LETTER = 2,     /* L* */
    PROP_MARK = 4,       /* Mn, Mc, Me */
    PROP_ZSPACE = 8,     /* Zs, Zl, Zp */
    PROP_UPPER = 16,     /* Lu */
    PROP_NONSTARTER = 32 /* canonical combining class > 0 */
};

typedef struct prop_page {
    bool built;
    uint8_t props[256];
    int32_t lower[256];  /* utf8proc_tolower */
} prop_page;

static prop_page bmp_pages[256]; /* zero (not built) until first used */

static unsigned props_of(int32_t cp)
{
    unsigned p = 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
        p = PROP_ALNUM | PROP_LETTER | PROP_UPPER;
        break;
    case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        p = PROP_ALNUM | PROP_LETTER;
        break;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        p = PROP_ALNUM;
        break;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        p = PROP_MARK;
        break;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        p = PROP_ZSPACE;
        break;
    default:
        break;
    }
    if (utf8proc_get_property(cp)->combining_class != 0)
        p |= PROP_NONSTARTER;
    return p;
}

/* Out of line, so that the lookups that inline page_of() stay small. */
__attribute__((noinline)) static void build_page(prop_page *pg, int32_t base)
{
    for (int32_t i = 0; i < 256; i++) {
        pg->props[i] = (uint8_t)props_of(base + i);
        pg->lower[i] = utf8proc_tolower(base + i);
    }
    pg->built = true;
}

/* The page of a BMP code point, built if need be. */
static const prop_page *page_of(int32_t cp)
{
    prop_page *pg = &bmp_pages[cp >> 8];
    if (!pg->built)
        build_page(pg, cp & ~0xFF);
    return pg;
}

/* The PROP_* bits of a code point (none for a negative or out-of-range value). */
static unsigned props(int32_t cp)
{
    if (cp < 0 || cp > 0x10FFFF)
        return 0;
    if (cp > 0xFFFF)
        return props_of(cp);
    return page_of(cp)->props[cp & 0xFF];
}

bool cc_is_space(int32_t cp)
{
    if ((cp >= 0x09 && cp <= 0x0D) || cp == ' ' || cp == 0x85 || cp == 0x180E)
        return true;
    if (cp < 0xA0)
        return false;
    return (props(cp) & PROP_ZSPACE) != 0;
}

size_t cc_space_len(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80)
        return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
    size_t len;
    int32_t cp = cc_utf8_decode(s, n, &len);
    return cp >= 0 && cc_is_space(cp) ? len : 0;
}

size_t cc_skip_space(const char *s, size_t n)
{
    size_t i = 0, k;
    while (i < n && (k = cc_space_len(s + i, n - i)) > 0)
        i += k;
    return i;
}

bool cc_is_mark(int32_t cp)
{
    if (cp < 0x300)
        return false;
    return (props(cp) & PROP_MARK) != 0;
}

bool cc_is_control(int32_t cp)
{
    return (cp >= 0 && cp < 0x20) || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

bool cc_is_bidi_control(int32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool cc_is_dash(int32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2014) || cp == 0x2212;
}

bool cc_is_alnum(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    return (props(cp) & PROP_ALNUM) != 0;
}

bool cc_is_letter_or_mark(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 0 && (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return (props(cp) & (PROP_LETTER | PROP_MARK)) != 0;
}

bool cc_is_alnum_or_mark(int32_t cp)
{
    if (cp < 0x80)
        return cc_is_alnum(cp);
    return (props(cp) & (PROP_ALNUM | PROP_MARK)) != 0;
}

bool cc_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return (props(cp) & PROP_UPPER) != 0;
}

bool cc_is_nonstarter(int32_t cp)
{
    return cp >= 0x300 && (props(cp) & PROP_NONSTARTER) != 0;
}

/* ---- case and folding ---------------------------------------------------------- */

static inline int32_t lower_cp(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
    if (cp > 0xFFFF)
        return utf8proc_tolower(cp);
    return page_of(cp)->lower[cp & 0xFF];
}


/* Lowercases the character at s[0..n) into out; returns its length and sets *used to
 * the bytes read, or returns 0 for invalid UTF-8 (*used = its maximal subpart). */
static size_t lower_char(const char *s, size_t n, size_t *used, char out[4])
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        out[0] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        *used = 1;
        return 1;
    }
    int32_t cp = cc_utf8_decode(s, n, used);
    if (cp < 0)
        return 0;
    int32_t low = lower_cp(cp);
    if (low == cp) { /* most letters of a text are lowercase already */
        for (size_t k = 0; k < *used; k++)
            out[k] = s[k];
        return *used;
    }
    return cc_utf8_encode(low, out);
}

/* Appends runs of characters that lowercase to themselves with one append each. */
void cc_lowercase(const char *s, size_t n, cc_buf *out)
{
    size_t i = 0, run = 0, used;
    char enc[4];
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && !(c >= 'A' && c <= 'Z')) {
            i++;
            continue;
        }
        size_t k = lower_char(s + i, n - i, &used, enc);
        if (k == 0 || (k == used && memcmp(enc, s + i, k) == 0)) {
            i += used; /* unchanged (or invalid: copied as it is) */
            continue;
        }
        cc_buf_add(out, s + run, i - run);
        cc_buf_add(out, enc, k);
        i += used;
        run = i;
    }
    cc_buf_add(out, s + run, n - run);
}

/*
 * The code points of cp's fold into dec[0..32): NFKD, case folded, marks stripped, "đ" as
 * "d"; their count. Per code point (utf8proc_decompose_char): no canonical reordering is
 * needed because the marks it would reorder are stripped, and it keeps the work linear.
 */
static size_t fold_code_points(int32_t cp, utf8proc_int32_t dec[32])
{
    const utf8proc_option_t opts =
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK;
    int bound = 0;
    utf8proc_ssize_t m = utf8proc_decompose_char(cp, dec, 32, opts, &bound);
    if (m < 0 || m > 32) {
        dec[0] = cp;
        m = 1;
    }
    for (utf8proc_ssize_t j = 0; j < m; j++)
        if (dec[j] == 0x0111 || dec[j] == 0x0110)
            dec[j] = 'd';
    return (size_t)m;
}

size_t cc_fold_char(int32_t cp, char out[CC_FOLD_CHAR_MAX])
{
    utf8proc_int32_t dec[32];
    size_t m = fold_code_points(cp, dec), n = 0;
    for (size_t j = 0; j < m; j++) {
        unsigned char enc[4];
        utf8proc_ssize_t k = utf8proc_encode_char(dec[j], enc);
        if (n + (size_t)k > CC_FOLD_CHAR_MAX)
            break;
        memcpy(out + n, enc, (size_t)k);
        n += (size_t)k;
    }
    return n;
}

void cc_fold(const char *s, size_t n, cc_buf *out)
{
    bool space = false, any = false;
    size_t i = 0, len;
    while (i < n) {
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp < 0)
            cp = CC_REPLACEMENT_CHAR;
        i += len;
        utf8proc_int32_t dec[32];
        size_t m = fold_code_points(cp, dec);
        for (size_t j = 0; j < m; j++) {
            int32_t c = dec[j];
            if (cc_is_space(c)) {
                space = any;
                continue;
            }
            if (space)
                cc_buf_addc(out, ' ');
            space = false;
            any = true;
            cc_utf8_add(out, c);
        }
    }
}

/* ---- additions after the foundation -------------------------------------------- */

int32_t cc_to_lower(int32_t cp)
{
    return lower_cp(cp);
}

int32_t cc_to_upper(int32_t cp)
{
    return utf8proc_toupper(cp);
}

size_t cc_lowercase_to(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0, used;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (o >= cap)
                return SIZE_MAX;
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            i++;
            continue;
        }
        int32_t cp = cc_utf8_decode(s + i, n - i, &used);
        if (cp < 0)
            return SIZE_MAX;
        int32_t low = lower_cp(cp);
        if (low == cp) { /* the bytes as they are (no call to copy one to four) */
            if (used > cap - o)
                return SIZE_MAX;
            for (size_t k = 0; k < used; k++)
                out[o++] = s[i + k];
        } else {
            char enc[4];
            size_t k = cc_utf8_encode(low, enc);
            if (k > cap - o)
                return SIZE_MAX;
            for (size_t j = 0; j < k; j++)
                out[o++] = enc[j];
        }
        i += used;
    }
    return o;
}

/* ---- showing input to people ----------------------------------------------------- */

static const char HEX[] = "0123456789abcdef";

size_t cc_escape_to(int32_t cp, char out[CC_ESCAPE_MAX])
{
    if (!cc_is_control(cp) && !cc_is_bidi_control(cp))
        return 0;
    out[0] = '\\';
    if (cp == '\t' || cp == '\n' || cp == '\r') {
        out[1] = cp == '\t' ? 't' : cp == '\n' ? 'n' : 'r';
        return 2;
    }
    if (cp < 0x80) { /* C0 and DEL: one byte, shown as the byte it is */
        out[1] = 'x';
        out[2] = HEX[cp >> 4];
        out[3] = HEX[cp & 0xF];
        return 4;
    }
    out[1] = 'u'; /* C1 and bidi controls: code points, not bytes */
    for (int i = 0; i < 4; i++)
        out[2 + i] = HEX[(cp >> (12 - 4 * i)) & 0xF];
    return 6;
}

void cc_escape_shown_with(cc_buf *out, const char *s, size_t n, cc_escape_hook hook,
                          const void *ctx, bool line_start)
{
    size_t i = 0;
    if (line_start && n >= 1 && s[0] == ':') { /* what follows may be ":LINE" */
        cc_buf_adds(out, "\\x3a");
        i = 1;
    }
    while (i < n) {
        size_t k;
        int32_t cp = cc_utf8_decode(s + i, n - i, &k);
        if (cp < 0) {
            for (size_t j = 0; j < k; j++) {
                unsigned char b = (unsigned char)s[i + j];
                char esc[4] = {'\\', 'x', HEX[b >> 4], HEX[b & 0xF]};
                cc_buf_add(out, esc, 4);
            }
        } else if (!hook || !hook(out, cp, ctx)) {
            char esc[CC_ESCAPE_MAX];
            size_t e = cc_escape_to(cp, esc);
            if (e)
                cc_buf_add(out, esc, e);
            else
                cc_buf_add(out, s + i, k);
        }
        i += k;
    }
}

void cc_escape_shown(cc_buf *out, const char *s, size_t n)
{
    cc_escape_shown_with(out, s, n, NULL, NULL, true);
}
