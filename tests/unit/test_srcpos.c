/* Unit tests for srcpos.c: byte offsets to 1-based lines and character columns, and back. */
#include <stdint.h>
#include <string.h>
#include "srcpos.h"
#include "testutil.h"

static cc_mark mark_of(const char *text, size_t off)
{
    cc_srcpos m;
    cc_srcpos_init(&m, text, strlen(text));
    cc_mark r = cc_srcpos_mark(&m, off);
    cc_srcpos_free(&m);
    return r;
}

#define ck_assert_mark(m, l, c)                                                           \
    do {                                                                                  \
        cc_mark m_ = (m);                                                                 \
        ck_assert_msg(m_.line == (l) && m_.column == (c), "%s = %u:%u, expected %u:%u",   \
                      #m, m_.line, m_.column, (unsigned)(l), (unsigned)(c));              \
    } while (0)

START_TEST(every_yaml_line_break_ends_a_line)
{
    /* CRLF, LF, NEL, LS, PS and a lone CR. */
    const char *t = "ab\r\ncd\ne\xc2\x85" "f\xe2\x80\xa8g\xe2\x80\xa9h\ri";
    ck_assert_mark(mark_of(t, 0), 1, 1);
    ck_assert_mark(mark_of(t, 2), 1, 3); /* the CR of CRLF is still line 1 */
    ck_assert_mark(mark_of(t, 4), 2, 1);
    ck_assert_mark(mark_of(t, 10), 4, 1); /* f, after the NEL */
    ck_assert_mark(mark_of(t, 14), 5, 1); /* g, after LS */
    ck_assert_mark(mark_of(t, 18), 6, 1); /* h, after PS */
    ck_assert_mark(mark_of(t, 20), 7, 1); /* i, after CR */
}
END_TEST

START_TEST(columns_count_characters_nfc_and_nfd)
{
    /* "hạng" is 4 characters in NFC and 5 in NFD (a, then the combining dot below). */
    const char *nfc = "x: h\xe1\xba\xa1ng!";
    const char *nfd = "x: ha\xcc\xa3ng!";
    ck_assert_mark(mark_of(nfc, strlen(nfc) - 1), 1, 8);
    ck_assert_mark(mark_of(nfd, strlen(nfd) - 1), 1, 9);
    /* An invalid byte is one column, as U+FFFD would be. */
    ck_assert_mark(mark_of("\xff" "a", 1), 1, 2);
}
END_TEST

START_TEST(byte_order_mark_is_not_a_column)
{
    const char *t = "\xef\xbb\xbf" "ab\ncd";
    ck_assert_mark(mark_of(t, 3), 1, 1);
    ck_assert_mark(mark_of(t, 4), 1, 2);
    ck_assert_mark(mark_of(t, 0), 1, 1); /* inside the mark: its start */
    ck_assert_mark(mark_of(t, 999), 2, 3); /* past the end: the end */
}
END_TEST

START_TEST(offsets_round_trip)
{
    const char *t = "a: h\xe1\xba\xa1ng\n  - ha\xcc\xa3ng\r\n\xef\xbc\x85 x\n";
    size_t n = strlen(t);
    cc_srcpos m;
    cc_srcpos_init(&m, t, n);
    for (size_t off = 0; off <= n; off++) {
        if (off < n && ((unsigned char)t[off] & 0xc0) == 0x80)
            continue; /* not a character boundary */
        cc_mark k = cc_srcpos_mark(&m, off);
        size_t back = cc_srcpos_offset(&m, k);
        ck_assert_msg(back == off,
                      "offset %zu -> %u:%u -> %zu", off, k.line, k.column, back);
    }
    /* No such line, no such column, no column 0. */
    ck_assert_uint_eq(cc_srcpos_offset(&m, (cc_mark){9, 1}), SIZE_MAX);
    ck_assert_uint_eq(cc_srcpos_offset(&m, (cc_mark){1, 40}), SIZE_MAX);
    ck_assert_uint_eq(cc_srcpos_offset(&m, (cc_mark){1, 0}), SIZE_MAX);
    /* Walking on from a later column of the same line, then back to an earlier one. */
    ck_assert_uint_eq(cc_srcpos_offset(&m, (cc_mark){2, 6}), strlen("a: h\xe1\xba\xa1ng\n  - h"));
    ck_assert_uint_eq(cc_srcpos_offset(&m, (cc_mark){2, 2}), strlen("a: h\xe1\xba\xa1ng\n "));
    cc_srcpos_free(&m);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("srcpos");
    CC_TCASE(s, "core", NULL, NULL, every_yaml_line_break_ends_a_line,
             columns_count_characters_nfc_and_nfd, byte_order_mark_is_not_a_column,
             offsets_round_trip);
    return s;
}
