/* Unit tests for text.c: the UTF-8 decoder and encoder, and the character classes
 * checked against PCRE2 itself over every code point. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#include "testutil.h"
#include "text.h"

/* ---- the classes against PCRE2 ---------------------------------------------------- */

/* `pattern` compiled as the rulebook's patterns are (UTF, UCP), with JIT when there is. */
static pcre2_code *compile(const char *pattern)
{
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
    ck_assert_msg(re != NULL, "cannot compile '%s'", pattern);
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* Whether `re` matches the whole UTF-8 of `cp`. */
static bool matches_cp(pcre2_code *re, pcre2_match_data *md, int32_t cp)
{
    char enc[4];
    size_t n = cc_utf8_encode(cp, enc);
    return pcre2_match(re, (PCRE2_SPTR)enc, n, 0, PCRE2_NO_UTF_CHECK, md, NULL) >= 0;
}

/*
 * Asserts that class(cp) is true exactly when `pattern` matches the code point, for
 * every scalar value that both utf8proc and PCRE2 know. The two libraries may follow
 * different Unicode versions: a code point only the newer one has assigned is skipped
 * (at most MAX_SKEW of them: utf8proc 15.0 against PCRE2 10.42 skips 4489).
 */
#define MAX_SKEW 8000
static void check_class_over_all(bool (*class)(int32_t), const char *pattern)
{
    pcre2_code *re = compile(pattern), *unassigned = compile("^\\p{Cn}$");
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    unsigned skew = 0;
    int32_t first_wrong = -1; /* asserting per code point would cost Check a message each */
    for (int32_t cp = 0; cp <= 0x10FFFF && first_wrong < 0; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue; /* surrogates are not scalar values */
        if (matches_cp(unassigned, md, cp) != (utf8proc_category(cp) == UTF8PROC_CATEGORY_CN))
            skew++;
        else if (class(cp) != matches_cp(re, md, cp))
            first_wrong = cp;
    }
    ck_assert_msg(first_wrong < 0, "U+%04X: class says %d, %s says the opposite",
                  (unsigned)first_wrong, first_wrong >= 0 && class(first_wrong), pattern);
    ck_assert_uint_le(skew, MAX_SKEW);
    pcre2_match_data_free(md);
    pcre2_code_free(unassigned);
    pcre2_code_free(re);
}

START_TEST(space_is_pcre2_ucp_s)
{
    check_class_over_all(cc_is_space, "^\\s$");
}
END_TEST

START_TEST(alnum_is_letter_or_number)
{
    check_class_over_all(cc_is_alnum, "^[\\p{L}\\p{N}]$");
}
END_TEST

START_TEST(mark_is_category_m)
{
    check_class_over_all(cc_is_mark, "^\\p{M}$");
}
END_TEST

/* The classes read from per-page tables (text.c) against utf8proc itself, over every
 * code point (pages are built as they are first touched, in any order). */
/* The classes read from per-page tables (text.c) against utf8proc itself, over every
 * code point (pages are built as they are first touched, in any order). Failures are
 * counted and asserted once: Check marks every assertion, which costs a write each. */
START_TEST(classes_agree_with_utf8proc_everywhere)
{
    int32_t first_bad = -2;
    for (int32_t cp = 0x10FFFF; cp >= -1; cp--) {
        utf8proc_category_t cat = cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
        bool letter = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
                      cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
                      cat == UTF8PROC_CATEGORY_LO;
        bool mark = cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
                    cat == UTF8PROC_CATEGORY_ME;
        bool number = cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_NL ||
                      cat == UTF8PROC_CATEGORY_NO;
        bool ok = cc_is_letter_or_mark(cp) == (letter || mark) &&
                  cc_is_alnum(cp) == (letter || number) && cc_is_mark(cp) == mark &&
                  cc_is_alnum_or_mark(cp) == (letter || number || mark) &&
                  cc_is_upper(cp) == (cat == UTF8PROC_CATEGORY_LU);
        if (cp >= 0)
            ok = ok && cc_is_nonstarter(cp) == (utf8proc_get_property(cp)->combining_class != 0) &&
                 cc_to_lower(cp) == utf8proc_tolower(cp);
        if (!ok)
            first_bad = cp;
    }
    ck_assert_msg(first_bad == -2, "U+%04X is classified otherwise than utf8proc says",
                  (unsigned)first_bad);
}
END_TEST

/* The inline decoder's fast paths against the full decoder, for every one- and two-byte
 * input and every three-byte input whose last byte is one of the boundary values. */
START_TEST(decode_fast_paths_agree_with_full_decoder)
{
    static const unsigned char last[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                         0xA0, 0xBF, 0xC0, 0xE1, 0xFF};
    unsigned bad = 0, where = 0;
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (size_t n = 1; n <= 3; n++)
                for (size_t l = 0; l < (n == 3 ? sizeof last : 1); l++) {
                    char s[3] = {(char)a, (char)b, (char)last[l]};
                    size_t k1 = 99, k2 = 98;
                    int32_t c1 = cc_utf8_decode(s, n, &k1), c2 = cc_utf8_decode_any(s, n, &k2);
                    if (c1 != c2 || k1 != k2) {
                        bad++;
                        where = a << 16 | b << 8 | last[l];
                    }
                }
    ck_assert_msg(bad == 0, "%u inputs decode otherwise, e.g. %06x", bad, where);
}
END_TEST

START_TEST(space_len_and_skip)
{
    ck_assert_uint_eq(cc_space_len("\xc2\x85x", 3), 2);       /* U+0085 NEL */
    ck_assert_uint_eq(cc_space_len("\xe1\xa0\x8e", 3), 3);    /* U+180E */
    ck_assert_uint_eq(cc_space_len("\xe3\x80\x80", 3), 3);    /* U+3000 */
    ck_assert_uint_eq(cc_space_len("\xe2\x80\x8b", 3), 0);    /* U+200B is not \s */
    ck_assert_uint_eq(cc_space_len("\xc2", 1), 0);            /* truncated */
    ck_assert_uint_eq(cc_space_len("", 0), 0);
    ck_assert_uint_eq(cc_skip_space(" \t\xc2\xa0\xe2\x80\xa8x ", 9), 7);
}
END_TEST

START_TEST(small_classes)
{
    ck_assert(cc_is_control(0) && cc_is_control(0x1F) && cc_is_control(0x7F));
    ck_assert(cc_is_control(0x80) && cc_is_control(0x9F));
    ck_assert(!cc_is_control(' ') && !cc_is_control(0xA0) && !cc_is_control(-1));
    ck_assert(cc_is_dash('-') && cc_is_dash(0x2013) && cc_is_dash(0x2212));
    ck_assert(!cc_is_dash(0x2015) && !cc_is_dash('_'));
    ck_assert(cc_is_bidi_control(0x202E) && cc_is_bidi_control(0x2066));
    ck_assert(!cc_is_bidi_control(0x2029));
}
END_TEST

/* ---- the decoder ----------------------------------------------------------------- */

/* Decodes all of s[0..n) and writes each step as "cp/len" (cp -1 for invalid). */
static void decode_steps(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    out[0] = '\0';
    while (i < n) {
        size_t len = 0;
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        ck_assert_uint_ge(len, 1);
        o += (size_t)snprintf(out + o, cap - o, "%s%d/%zu", o ? " " : "", (int)cp, len);
        ck_assert_uint_lt(o, cap);
        i += len;
    }
}

typedef struct decode_row {
    const char *bytes;
    const char *steps; /* "cp/len" per step */
} decode_row;

static const decode_row DECODES[] = {
    {"A", "65/1"},
    {"\xc3\xa9", "233/2"},
    {"\xe1\xbb\x87", "7879/3"},                    /* ệ */
    {"\xf0\x9f\x98\x80", "128512/4"},
    {"\xf4\x8f\xbf\xbf", "1114111/4"},             /* U+10FFFF */
    /* Unicode Table 3-8: one U+FFFD per maximal subpart */
    {"\xf1\x80\x80\xe1\x80\xc2", "-1/3 -1/2 -1/1"},
    {"a\xf1\x80\x80\xe1\x80\xc2" "b", "97/1 -1/3 -1/2 -1/1 98/1"},
    {"\xc0\xaf", "-1/1 -1/1"},                     /* overlong "/": C0 never leads */
    {"\xe0\x80\xaf", "-1/1 -1/1 -1/1"},            /* overlong: E0 wants A0..BF */
    {"\xf0\x80\x80\xaf", "-1/1 -1/1 -1/1 -1/1"},   /* overlong: F0 wants 90..BF */
    {"\xed\xa0\x80", "-1/1 -1/1 -1/1"},            /* surrogate U+D800 */
    {"\xed\x9f\xbf", "55295/3"},                   /* U+D7FF, just below */
    {"\xf4\x90\x80\x80", "-1/1 -1/1 -1/1 -1/1"},   /* past U+10FFFF */
    {"\xf5\x80", "-1/1 -1/1"},
    {"\xff", "-1/1"},
    {"\x80\xbf", "-1/1 -1/1"},                     /* lone continuation bytes */
    {"\xe1\xbb", "-1/2"},                          /* truncated at the end */
    {"\xf0\x9f\x98", "-1/3"},
    {"\xc3", "-1/1"},
};

START_TEST(decode_rows)
{
    const decode_row *r = &DECODES[_i];
    char got[128];
    decode_steps(r->bytes, strlen(r->bytes), got, sizeof got);
    ck_assert_str_eq(got, r->steps);
}
END_TEST

START_TEST(decode_reads_only_the_slice)
{
    size_t len;
    ck_assert_int_eq(cc_utf8_decode("\xe1\xbb\x87", 2, &len), -1);
    ck_assert_uint_eq(len, 2);
    ck_assert_int_eq(cc_utf8_decode("\xe1\xbb\x87", 1, &len), -1);
    ck_assert_uint_eq(len, 1);
}
END_TEST

START_TEST(encode_round_trip)
{
    int32_t first_wrong = -1;
    for (int32_t cp = 0; cp <= 0x10FFFF && first_wrong < 0; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char enc[4];
        size_t n = cc_utf8_encode(cp, enc), len = 0;
        size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (n != want || cc_utf8_decode(enc, n, &len) != cp || len != n)
            first_wrong = cp;
    }
    ck_assert_msg(first_wrong < 0, "U+%04X does not round-trip", (unsigned)first_wrong);
    char enc[4];
    ck_assert_uint_eq(cc_utf8_encode(0x1EC7, enc), 3);
    ck_assert_int_eq(memcmp(enc, "\xe1\xbb\x87", 3), 0);
}
END_TEST

START_TEST(count_and_valid)
{
    ck_assert_uint_eq(cc_utf8_count("", 0), 0);
    ck_assert_uint_eq(cc_utf8_count("Vi\xe1\xbb\x87t", 6), 4);
    ck_assert_uint_eq(cc_utf8_count("\xf1\x80\x80\xe1\x80\xc2", 6), 3); /* 3 U+FFFD */
    ck_assert_uint_eq(cc_utf8_count("e\xcc\x82", 3), 2);                /* e + U+0302 */
    ck_assert(cc_utf8_valid("Vi\xe1\xbb\x87t", 6));
    ck_assert(!cc_utf8_valid("Vi\xe1\xbb", 4));
    ck_assert(!cc_utf8_valid("\xed\xa0\x80", 3));
}
END_TEST

/* ---- case and folding ------------------------------------------------------------- */

static char *lowercase(const char *s, size_t n)
{
    cc_buf b = CC_BUF_INIT;
    cc_lowercase(s, n, &b);
    return cc_buf_detach(&b);
}

START_TEST(lowercase_keeps_invalid_bytes)
{
    char *got = lowercase("VI\xe1\xbb\x86T\xff\xe1\x80" "A", 10);
    ck_assert_str_eq(got, "vi\xe1\xbb\x87t\xff\xe1\x80" "a");
    free(got);
}
END_TEST

START_TEST(lowercase_to_fixed_buffer)
{
    char buf[8];
    ck_assert_uint_eq(cc_lowercase_to("TRI\xe1\xbb\x86U", 7, buf, sizeof buf), 7);
    ck_assert_int_eq(memcmp(buf, "tri\xe1\xbb\x87u", 7), 0);
    ck_assert_uint_eq(cc_lowercase_to("TRI\xe1\xbb\x86U", 7, buf, 6), SIZE_MAX);
    ck_assert_uint_eq(cc_lowercase_to("A\xff", 2, buf, sizeof buf), SIZE_MAX);
    ck_assert_uint_eq(cc_lowercase_to("", 0, buf, 0), 0);
    ck_assert_int_eq(cc_to_lower(0x1EC6), 0x1EC7);
    ck_assert_int_eq(cc_to_upper('k'), 'K');
}
END_TEST

static void expect_fold(const char *in, const char *want)
{
    cc_buf b = CC_BUF_INIT;
    cc_fold(in, strlen(in), &b);
    ck_assert_str_eq(b.data, want);
    cc_buf_free(&b);
}

START_TEST(fold_names)
{
    expect_fold("Vi\xe1\xbb\x87t Nam", "viet nam");
    expect_fold("VI\xe1\xbb\x86T  NAM", "viet nam");
    expect_fold("Vi\xc3\xaa\xcc\xa3t Nam", "viet nam");
    expect_fold("\xc4\x90i\xe1\xbb\x87n Bi\xc3\xaan", "dien bien");
    expect_fold("Th\xe1\xbb\xab" "a Thi\xc3\xaan Hu\xe1\xba\xbf", "thua thien hue");
    expect_fold("  \t H\xc3\xa0\xc2\xa0N\xe1\xbb\x99i \n", "ha noi");
    expect_fold("\xc4\x91\xe1\xbb\x93ng", "dong");
    expect_fold("", "");
    expect_fold("   ", "");
    expect_fold("\xef\xbc\xa1\xef\xbc\xa2", "ab"); /* fullwidth: NFKD */
    expect_fold("VI\xe1\xbb\x86T  Nam\xc2\x85\xc4\x90\xc3\xa0", "viet nam da"); /* U+0085 is \s */
}
END_TEST

START_TEST(fold_appends_and_survives_bad_bytes)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "x|");
    cc_fold("A\xff" "B", 3, &b);
    ck_assert_str_eq(b.data, "x|a\xef\xbf\xbd" "b");
    cc_buf_free(&b);
}
END_TEST

/* One character's fold: what cc_fold makes of it, without the handling of white space. */
static void expect_fold_char(int32_t cp, const char *want)
{
    char out[CC_FOLD_CHAR_MAX + 1];
    size_t n = cc_fold_char(cp, out);
    out[n] = '\0';
    ck_assert_str_eq(out, want);
}

START_TEST(fold_one_character)
{
    expect_fold_char(0x1EBE, "e");   /* Ế */
    expect_fold_char(0x0110, "d");   /* Đ */
    expect_fold_char(0x0111, "d");   /* đ */
    expect_fold_char(0x0301, "");    /* a combining acute alone: stripped */
    expect_fold_char(0x00A0, " ");   /* no-break space: NFKD */
    expect_fold_char(0xFF21, "a");   /* fullwidth A */
    expect_fold_char(0x00DF, "ss");  /* ß: full case folding */
    expect_fold_char('Q', "q");
    /* a fold longer than CC_FOLD_CHAR_MAX bytes is cut on a character boundary:
     * U+FDFA (an Arabic ligature) is 18 letters and spaces, 33 bytes */
    char out[CC_FOLD_CHAR_MAX];
    size_t n = cc_fold_char(0xFDFA, out);
    ck_assert_uint_le(n, CC_FOLD_CHAR_MAX);
    ck_assert(cc_utf8_valid(out, n));
}
END_TEST

/* ---- showing input to people --------------------------------------------------------- */

/* cc_escape_shown() of s[0..n) as a new string, for exact comparisons. */
static char *shown(const char *s, size_t n)
{
    cc_buf b = CC_BUF_INIT;
    cc_escape_shown(&b, s, n);
    return cc_buf_detach(&b);
}

#define ck_shown(in, want)                                                                \
    do {                                                                                  \
        char *got_ = shown((in), sizeof(in) - 1);                                         \
        ck_assert_str_eq(got_, (want));                                                   \
        free(got_);                                                                       \
    } while (0)

START_TEST(escape_controls)
{
    ck_shown("a\tb\nc\rd", "a\\tb\\nc\\rd");
    ck_shown("\x1b[31mred", "\\x1b[31mred");
    ck_shown("nul\x00" "x", "nul\\x00x");
    ck_shown("\x01\x07\x08\x0b\x0c\x1f", "\\x01\\x07\\x08\\x0b\\x0c\\x1f");
    ck_shown("del\x7f", "del\\x7f");
    ck_shown("c1 \xC2\x80 \xC2\x85 \xC2\x9B \xC2\x9F", "c1 \\u0080 \\u0085 \\u009b \\u009f");
    ck_shown("plain ASCII: a/b.txt", "plain ASCII: a/b.txt");
    ck_shown("back\\slash", "back\\slash"); /* not escaped: escapes are for reading */
}
END_TEST

START_TEST(escape_bidi_controls)
{
    ck_shown("a\xE2\x80\xAE" "txt.exe", "a\\u202etxt.exe");        /* RLO */
    ck_shown("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD",
             "\\u202a\\u202b\\u202c\\u202d");
    ck_shown("\xE2\x81\xA6\xE2\x81\xA7\xE2\x81\xA8\xE2\x81\xA9",
             "\\u2066\\u2067\\u2068\\u2069");
    ck_shown("\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C", "\\u200e\\u200f\\u061c");
    /* letters, marks, a joiner and a no-break space are shown as themselves */
    ck_shown("Vi\xE1\xBB\x87t e\xCC\x82 \xE2\x80\x8D \xC2\xA0", "Vi\xE1\xBB\x87t e\xCC\x82 \xE2\x80\x8D \xC2\xA0");
}
END_TEST

START_TEST(escape_invalid_bytes)
{
    ck_shown("a\xff" "b", "a\\xffb");
    ck_shown("\xC3", "\\xc3");                    /* truncated */
    ck_shown("\xE1\xBB" "x", "\\xe1\\xbbx");       /* a maximal subpart: each byte shown */
    ck_shown("\xC0\xAF", "\\xc0\\xaf");            /* overlong */
    ck_shown("\xED\xA0\x80", "\\xed\\xa0\\x80");   /* a surrogate */
}
END_TEST

START_TEST(escape_leading_workflow_command)
{
    ck_shown("::error file=README.md,line=1::PWNED.txt", "\\x3a:error file=README.md,line=1::PWNED.txt");
    ck_shown("a::b", "a::b");
    ck_shown(":x", "\\x3ax"); /* ":" + ":1:1" would start a command too */
    ck_shown("x\n::warning::y", "x\\n::warning::y"); /* no new line, so no line start */
    cc_buf b = CC_BUF_INIT;
    cc_escape_shown_with(&b, "::x", 3, NULL, NULL, false);
    ck_assert_str_eq(b.data, "::x");
    cc_buf_free(&b);
}
END_TEST

START_TEST(escape_to_decides_for_every_code_point)
{
    char esc[CC_ESCAPE_MAX];
    int32_t wrong = -1; /* the first code point decided otherwise (ck_assert per point is slow) */
    for (int32_t cp = 0; cp <= 0x10FFFF && wrong < 0; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        size_t n = cc_escape_to(cp, esc);
        bool want = cc_is_control(cp) || cc_is_bidi_control(cp);
        bool printable = n <= CC_ESCAPE_MAX;
        for (size_t i = 0; i < n && printable; i++) /* an escape is printable ASCII */
            printable = esc[i] > 0x20 && esc[i] < 0x7f;
        if ((n > 0) != want || !printable)
            wrong = cp;
    }
    ck_assert_msg(wrong < 0, "U+%04X", (unsigned)wrong);
    ck_assert_uint_eq(cc_escape_to(0x202E, esc), 6);
    ck_assert(memcmp(esc, "\\u202e", 6) == 0);
}
END_TEST

#define NROWS(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *make_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = CC_TCASE(s, "core", NULL, NULL, space_is_pcre2_ucp_s, alnum_is_letter_or_number,
                         classes_agree_with_utf8proc_everywhere,
                         decode_fast_paths_agree_with_full_decoder,
                         mark_is_category_m, space_len_and_skip, small_classes,
                         decode_reads_only_the_slice, encode_round_trip, count_and_valid,
                         lowercase_keeps_invalid_bytes, lowercase_to_fixed_buffer, fold_names,
                         fold_appends_and_survives_bad_bytes, fold_one_character);
    CC_TCASE(s, "shown", NULL, NULL, escape_controls, escape_bidi_controls, escape_invalid_bytes,
             escape_leading_workflow_command, escape_to_decides_for_every_code_point);
    tcase_set_timeout(tc, 120); /* the three classes walk all 1.1 million code points */
    tcase_add_loop_test(tc, decode_rows, 0, NROWS(DECODES));
    return s;
}
