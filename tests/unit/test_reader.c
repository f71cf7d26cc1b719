/* Unit tests for reader.c: line endings, encodings, NFC and the offset map, front
 * matter, limits and bad files. Files go to a mkdtemp() directory. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include "testutil.h"
#include "reader.h"
#include "util.h"

/* Files go to testutil.h's temporary folder: tu_tmp_setup, tu_write. */

/* ---- helpers -------------------------------------------------------------------- */

/* One line as read: copies, since the reader's pointers are borrowed. */
typedef struct got {
    char *text, *raw;
    size_t len, raw_len;
    unsigned lineno;
    uint64_t file_offset;
} got;

typedef struct gotlines {
    got v[64];
    size_t n;
} gotlines;

static void read_all(cc_reader *r, gotlines *g)
{
    cc_line l;
    int rc;
    g->n = 0;
    while ((rc = cc_reader_next(r, &l)) == 1) {
        ck_assert_uint_lt(g->n, 64);
        ck_assert_int_eq(l.text[l.len], '\0');
        ck_assert_int_eq(l.raw[l.raw_len], '\0');
        g->v[g->n++] = (got){cc_xstrndup(l.text, l.len), cc_xstrndup(l.raw, l.raw_len), l.len,
                             l.raw_len, l.lineno, l.file_offset};
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(cc_reader_next(r, &l), 0); /* stays at the end */
}

static void gotlines_free(gotlines *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->v[i].text);
        free(g->v[i].raw);
    }
    g->n = 0;
}

static void expect_line(const gotlines *g, size_t i, const char *text, unsigned lineno,
                        uint64_t file_offset)
{
    ck_assert_uint_lt(i, g->n);
    ck_assert_str_eq(g->v[i].text, text);
    ck_assert_uint_eq(g->v[i].lineno, lineno);
    ck_assert_uint_eq(g->v[i].file_offset, file_offset);
}

/* Reads the next line, asserting there is one. */
static cc_line next_line(cc_reader *r)
{
    cc_line l;
    ck_assert_int_eq(cc_reader_next(r, &l), 1);
    return l;
}

static size_t offset_of(const cc_line *l, const char *needle)
{
    const char *p = strstr(l->text, needle);
    ck_assert_ptr_nonnull(p);
    return (size_t)(p - l->text);
}

/* ---- line endings ---------------------------------------------------------------- */

START_TEST(crlf_file_lines)
{
    const char data[] = "ab\r\ncd\r\n\r\nef\r\n";
    const char *path = tu_write("crlf.txt", data, sizeof data - 1);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open(path, NULL, &d);
    ck_assert_ptr_nonnull(r);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 4);
    expect_line(&g, 0, "ab", 1, 0);
    expect_line(&g, 1, "cd", 2, 4);
    expect_line(&g, 2, "", 3, 8);
    expect_line(&g, 3, "ef", 4, 10);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(cc_reader_bytes(r), sizeof data - 1);
    gotlines_free(&g);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(lone_cr_and_last_line_without_ending)
{
    const char data[] = "ab\rcd\r\ref\rgh";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("cr.txt", data, sizeof data - 1, &d);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 5);
    expect_line(&g, 0, "ab", 1, 0);
    expect_line(&g, 1, "cd", 2, 3);
    expect_line(&g, 2, "", 3, 6);
    expect_line(&g, 3, "ef", 4, 7);
    expect_line(&g, 4, "gh", 5, 10);
    ck_assert_uint_eq(d.n, 0);
    gotlines_free(&g);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(trailing_newline_makes_no_extra_line)
{
    const char data[] = "one\ntwo\n";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("t.txt", data, sizeof data - 1, &d);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 2);
    expect_line(&g, 1, "two", 2, 4);
    gotlines_free(&g);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* Every chunk size gives the same lines, offsets and warnings (CRLF, sequences and
 * surrogates split between reads). */
START_TEST(chunk_boundaries_do_not_matter)
{
    const char data[] = "a\r\nVie\xcc\x82\xcc\xa3t\r\n\xe2\x82X \xf0\x9f\x98\x80 caf\xe9\r"
                        "\n\xed\xa0\x80z\n\r\n\xe2\x82";
    size_t len = sizeof data - 1;
    cc_diags d0 = {0};
    cc_reader *r0 = cc_reader_open_mem("c.txt", data, len, &d0);
    gotlines want;
    read_all(r0, &want);
    ck_assert_uint_eq(want.n, 6);
    expect_line(&want, 1, "Vi\xe1\xbb\x87t", 2, 3);
    expect_line(&want, 2, "\xef\xbf\xbdX \xf0\x9f\x98\x80 caf\xef\xbf\xbd", 3, 13);
    expect_line(&want, 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz", 4, 28);
    expect_line(&want, 4, "", 5, 33);
    expect_line(&want, 5, "\xef\xbf\xbd", 6, 35);
    ck_assert_uint_eq(d0.n, 6);
    for (size_t chunk = 1; chunk <= 9; chunk++) {
        cc_diags d = {0};
        cc_reader *r = cc_reader_open_mem_chunked("c.txt", data, len, chunk, &d);
        gotlines g;
        read_all(r, &g);
        ck_assert_uint_eq(g.n, want.n);
        for (size_t i = 0; i < g.n; i++)
            expect_line(&g, i, want.v[i].text, want.v[i].lineno, want.v[i].file_offset);
        ck_assert_uint_eq(d.n, d0.n);
        for (size_t i = 0; i < d.n; i++) {
            ck_assert_str_eq(d.v[i].message, d0.v[i].message);
            ck_assert_uint_eq(d.v[i].line, d0.v[i].line);
            ck_assert_uint_eq(d.v[i].column, d0.v[i].column);
        }
        gotlines_free(&g);
        cc_reader_close(r);
        cc_diags_free(&d);
    }
    gotlines_free(&want);
    cc_reader_close(r0);
    cc_diags_free(&d0);
}
END_TEST

/* ---- BOM, NFC and the offset map ----------------------------------------------- */

START_TEST(utf8_bom_is_skipped_but_counted)
{
    const char data[] = "\xef\xbb\xbfS\xe1\xbb\x91 88\n";
    const char *path = tu_write("bom.txt", data, sizeof data - 1);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open(path, NULL, &d);
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, "S\xe1\xbb\x91 88");
    ck_assert_uint_eq(l.file_offset, 3);
    cc_pos p = cc_reader_locate(r, 0);
    ck_assert_uint_eq(p.column, 1);
    ck_assert_uint_eq(p.file_offset, 3);
    ck_assert_uint_eq(p.raw_offset, 0);
    p = cc_reader_locate(r, offset_of(&l, "88"));
    ck_assert_uint_eq(p.column, 4);
    ck_assert_uint_eq(p.file_offset, 8);
    ck_assert_uint_eq(d.n, 0);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* NFD "Việt Nam đạt 88,53%" after a first line: text NFC, columns and offsets of the
 * original. */
START_TEST(nfd_line_maps_back)
{
    const char nfd[] = "Vie\xcc\x82\xcc\xa3t Nam \xc4\x91" "a\xcc\xa3t 88,53%";
    const char nfc[] = "Vi\xe1\xbb\x87t Nam \xc4\x91\xe1\xba\xa1t 88,53%";
    cc_buf file = CC_BUF_INIT;
    cc_buf_adds(&file, "first\n");
    cc_buf_adds(&file, nfd);
    cc_buf_adds(&file, "\n");
    const char *path = tu_write("nfd.txt", file.data, file.len);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open(path, NULL, &d);
    next_line(r);
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, nfc);
    ck_assert_str_eq(l.raw, nfd);
    ck_assert_uint_eq(l.file_offset, 6);
    size_t raw8 = (size_t)(strstr(nfd, "88") - nfd);
    cc_pos p = cc_reader_locate(r, offset_of(&l, "88"));
    ck_assert_uint_eq(p.column, 14);
    ck_assert_uint_eq(p.raw_offset, raw8);
    ck_assert_uint_eq(p.file_offset, 6 + raw8);
    /* "ệ" and any byte inside it map to the 'e' it was written with */
    size_t e = offset_of(&l, "\xe1\xbb\x87");
    for (size_t k = 0; k < 3; k++) {
        p = cc_reader_locate(r, e + k);
        ck_assert_uint_eq(p.raw_offset, 2);
        ck_assert_uint_eq(p.column, 3);
        ck_assert_uint_eq(p.file_offset, 8);
    }
    /* 't' after it: column 4, after the two combining marks */
    p = cc_reader_locate(r, e + 3);
    ck_assert_uint_eq(p.raw_offset, 7);
    ck_assert_uint_eq(p.column, 4);
    /* the end of the line */
    p = cc_reader_locate(r, l.len);
    ck_assert_uint_eq(p.raw_offset, l.raw_len);
    ck_assert_uint_eq(p.file_offset, 6 + l.raw_len);
    ck_assert_uint_eq(p.column, 20);
    /* past the end is clamped */
    p = cc_reader_locate(r, l.len + 100);
    ck_assert_uint_eq(p.raw_offset, l.raw_len);
    cc_reader_close(r);
    cc_buf_free(&file);
    cc_diags_free(&d);
}
END_TEST

START_TEST(mixed_nfc_nfd_in_one_line)
{
    const char raw[] = "Vi\xe1\xbb\x87t Nam (Vie\xcc\x82\xcc\xa3t Nam) \xe2\x80\x9c" "88\xe2\x80\x9d";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("m.txt", raw, sizeof raw - 1, &d);
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, "Vi\xe1\xbb\x87t Nam (Vi\xe1\xbb\x87t Nam) \xe2\x80\x9c" "88\xe2\x80\x9d");
    ck_assert_uint_eq(l.raw_len, l.len + 2);
    cc_pos p = cc_reader_locate(r, offset_of(&l, "88"));
    ck_assert_uint_eq(p.column, 22);
    ck_assert_uint_eq(p.raw_offset, (size_t)(strstr(raw, "88") - raw));
    ck_assert_uint_eq(p.file_offset, p.raw_offset);
    p = cc_reader_locate(r, offset_of(&l, "Nam)"));
    ck_assert_uint_eq(p.column, 16);
    ck_assert_uint_eq(p.raw_offset, (size_t)(strstr(raw, "Nam)") - raw));
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(nfc_and_nfd_lines_alternate)
{
    const char data[] = "Hu\xe1\xba\xbf 1\nHue\xcc\x82\xcc\x81 2\nHu\xe1\xba\xbf 3\n";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("a.txt", data, sizeof data - 1, &d);
    for (unsigned i = 1; i <= 3; i++) {
        cc_line l = next_line(r);
        char want[16];
        snprintf(want, sizeof want, "Hu\xe1\xba\xbf %u", i);
        ck_assert_str_eq(l.text, want);
        cc_pos p = cc_reader_locate(r, offset_of(&l, " "));
        ck_assert_uint_eq(p.column, 4);
        ck_assert_uint_eq(p.file_offset, l.file_offset + (i == 2 ? 7 : 5));
    }
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* Cyrillic letters are cut points too: a letter after an NFD "й" keeps its column. */
START_TEST(nfd_cyrillic_maps_per_letter)
{
    const char raw[] = "\xd0\x92\xd0\xb8\xd0\xb8\xcc\x86\xd1\x82\xd0\xb8 5";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("ru.txt", raw, sizeof raw - 1, &d);
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, "\xd0\x92\xd0\xb8\xd0\xb9\xd1\x82\xd0\xb8 5");
    cc_pos p = cc_reader_locate(r, offset_of(&l, "\xd1\x82"));
    ck_assert_uint_eq(p.column, 4);
    ck_assert_uint_eq(p.raw_offset, 8);
    p = cc_reader_locate(r, offset_of(&l, "5"));
    ck_assert_uint_eq(p.column, 7);
    ck_assert_uint_eq(p.file_offset, 13);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* ---- invalid UTF-8 --------------------------------------------------------------- */

START_TEST(latin1_byte_is_replaced_and_reported)
{
    const char data[] = "caf\xe9 26/8";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("latin1.txt", data, sizeof data - 1, &d);
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, "caf\xef\xbf\xbd 26/8");
    ck_assert_str_eq(l.raw, "caf\xef\xbf\xbd 26/8");
    cc_pos p = cc_reader_locate(r, offset_of(&l, "26"));
    ck_assert_uint_eq(p.column, 6);
    ck_assert_uint_eq(p.file_offset, 5);
    ck_assert_uint_eq(p.raw_offset, 7);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "invalid UTF-8 byte 0xE9 at offset 3");
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "encoding");
    ck_assert_str_eq(d.v[0].path, "latin1.txt");
    ck_assert_uint_eq(d.v[0].line, 1);
    ck_assert_uint_eq(d.v[0].column, 4);
    ck_assert_uint_eq(d.v[0].byte_offset, 3);
    ck_assert(!cc_diag_fatal(&d.v[0]));
    ck_assert_int_eq(d.v[0].severity, CC_SEV_WARNING);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(more_than_ten_bad_bytes_are_counted)
{
    cc_buf data = CC_BUF_INIT;
    for (int i = 0; i < 12; i++)
        cc_buf_adds(&data, "a\xff");
    cc_buf_adds(&data, "\nb\n");
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("bad.txt", data.data, data.len, &d);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 2);
    expect_line(&g, 1, "b", 2, 25);
    ck_assert_uint_eq(d.n, 11);
    ck_assert_str_eq(d.v[0].message, "invalid UTF-8 byte 0xFF at offset 1");
    ck_assert_str_eq(d.v[9].message, "invalid UTF-8 byte 0xFF at offset 19");
    ck_assert_uint_eq(d.v[9].column, 20);
    ck_assert_str_eq(d.v[10].message, "2 more invalid UTF-8 sequences (a legacy Vietnamese file? try --encoding windows-1258)");
    gotlines_free(&g);
    cc_reader_close(r);
    cc_buf_free(&data);
    cc_diags_free(&d);
}
END_TEST

/* Maximal subparts: a truncated sequence is one U+FFFD; overlong forms, surrogates and
 * code points above U+10FFFF are one U+FFFD per byte. */
START_TEST(maximal_subparts)
{
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        {"\xe2\x82" "A", "\xef\xbf\xbd" "A"},
        {"\xf0\x9f\x98" "A", "\xef\xbf\xbd" "A"},
        {"\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd"},
        {"\xe0\x80\xaf", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
        {"\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
        {"\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
        {"\xf0\x80", "\xef\xbf\xbd\xef\xbf\xbd"},
        {"\xed\x9f\xbf", "\xed\x9f\xbf"},
        {"\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"},
        {"\xef\xbf\xbd", "\xef\xbf\xbd"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cc_diags d = {0};
        cc_reader *r = cc_reader_open_mem("s.txt", cases[i].in, strlen(cases[i].in), &d);
        cc_line l = next_line(r);
        ck_assert_str_eq(l.raw, cases[i].out);
        cc_pos p = cc_reader_locate(r, l.len);
        ck_assert_uint_eq(p.file_offset, strlen(cases[i].in));
        cc_reader_close(r);
        cc_diags_free(&d);
    }
}
END_TEST

START_TEST(offsets_after_a_truncated_sequence)
{
    const char data[] = "\xe2\x82" "A \xe2\x82\xac" "5";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("t.txt", data, sizeof data - 1, &d);
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, "\xef\xbf\xbd" "A \xe2\x82\xac" "5");
    cc_pos p = cc_reader_locate(r, offset_of(&l, "A"));
    ck_assert_uint_eq(p.file_offset, 2);
    ck_assert_uint_eq(p.raw_offset, 3);
    ck_assert_uint_eq(p.column, 2);
    p = cc_reader_locate(r, offset_of(&l, "5"));
    ck_assert_uint_eq(p.file_offset, 7);
    ck_assert_uint_eq(p.column, 5);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "invalid UTF-8 byte 0xE2 at offset 0");
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* ---- UTF-16 and binary files ---------------------------------------------------- */

/* UTF-16 of a code unit list, after a BOM. */
static size_t utf16(const uint16_t *u, size_t n, bool le, unsigned char *out)
{
    size_t k = 0;
    out[k++] = le ? 0xFF : 0xFE;
    out[k++] = le ? 0xFE : 0xFF;
    for (size_t i = 0; i < n; i++) {
        unsigned char lo = (unsigned char)(u[i] & 0xFF), hi = (unsigned char)(u[i] >> 8);
        out[k++] = le ? lo : hi;
        out[k++] = le ? hi : lo;
    }
    return k;
}

/* Windows-1258: "Việt Nam 26/8" with ê precomposed (0xEA) and the dot below as a
 * combining mark (0xF2), "đ" (0xF0); NFC composes "ệ"; offsets count single bytes. */
START_TEST(windows_1258_is_decoded_when_asked)
{
    const unsigned char bytes[] = "Vi\xea\xf2t Nam \xf0\xe3ng 26/8\r\n";
    const char *path = tu_write("cp1258.txt", bytes, sizeof bytes - 1);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_as(path, NULL, CC_ENCODING_WINDOWS_1258, &d);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "decoded as Windows-1258 (--encoding)");
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, "Vi\xe1\xbb\x87t Nam \xc4\x91\xc4\x83ng 26/8");
    cc_pos p = cc_reader_locate(r, offset_of(&l, "26"));
    ck_assert_uint_eq(p.file_offset, 15);
    ck_assert_uint_eq(p.column, 15);
    cc_encoding e;
    ck_assert_int_eq(cc_encoding_parse("cp1258", &e), 0);
    ck_assert_int_eq(e, CC_ENCODING_WINDOWS_1258);
    ck_assert_int_eq(cc_encoding_parse("latin-9", &e), -1);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(utf16le_is_decoded)
{
    /* "Hà Nội 4\r\n" U+1F600 (a pair), a lone high surrogate, "x" */
    const uint16_t u[] = {'H', 0xE0, ' ', 'N', 0x1ED9, 'i', ' ', '4', '\r', '\n',
                          0xD83D, 0xDE00, 0xD800, 'x'};
    unsigned char bytes[64];
    size_t n = utf16(u, sizeof u / sizeof u[0], true, bytes);
    const char *path = tu_write("u16.txt", bytes, n);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open(path, NULL, &d);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "decoded as UTF-16LE (byte order mark)");
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "encoding");
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, "H\xc3\xa0 N\xe1\xbb\x99i 4");
    ck_assert_uint_eq(l.file_offset, 2);
    cc_pos p = cc_reader_locate(r, offset_of(&l, "4"));
    ck_assert_uint_eq(p.column, 8);
    ck_assert_uint_eq(p.file_offset, 2 + 7 * 2);
    l = next_line(r);
    ck_assert_uint_eq(l.lineno, 2);
    ck_assert_uint_eq(l.file_offset, 22);
    ck_assert_str_eq(l.text, "\xf0\x9f\x98\x80\xef\xbf\xbdx");
    p = cc_reader_locate(r, offset_of(&l, "x"));
    ck_assert_uint_eq(p.file_offset, 22 + 4 + 2);
    ck_assert_uint_eq(p.column, 3);
    ck_assert_uint_eq(d.n, 2);
    ck_assert_str_eq(d.v[1].message, "invalid UTF-16 code unit 0xD800 at offset 26");
    cc_line end;
    ck_assert_int_eq(cc_reader_next(r, &end), 0);
    ck_assert(!cc_reader_skipped(r));
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(utf16be_is_decoded)
{
    const uint16_t u[] = {'a', 0x1EA1, '\n', 'b'};
    unsigned char bytes[32];
    size_t n = utf16(u, 4, false, bytes);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("be.txt", (const char *)bytes, n, &d);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 2);
    expect_line(&g, 0, "a\xe1\xba\xa1", 1, 2);
    expect_line(&g, 1, "b", 2, 8);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "decoded as UTF-16BE (byte order mark)");
    gotlines_free(&g);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(binary_file_is_skipped)
{
    const char data[] = "abc\ndef\0ghi\n";
    const char *path = tu_write("bin.dat", data, sizeof data - 1);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open(path, NULL, &d);
    ck_assert_ptr_nonnull(r);
    cc_line l;
    ck_assert_int_eq(cc_reader_next(r, &l), 0);
    ck_assert(cc_reader_skipped(r));
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "binary file (NUL byte at offset 7): skipped");
    ck_assert_uint_eq(d.v[0].byte_offset, 7);
    ck_assert(!cc_diags_fatal(&d));
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* A pipe cannot be scanned ahead: the NUL is found in the first chunk. */
START_TEST(binary_stdin_pipe_is_skipped)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    const char data[] = "text\n\0\1\2";
    ck_assert_int_eq(write(fds[1], data, sizeof data - 1), (ssize_t)(sizeof data - 1));
    close(fds[1]);
    ck_assert_int_eq(dup2(fds[0], 0), 0);
    close(fds[0]);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open("-", NULL, &d);
    ck_assert_ptr_nonnull(r);
    cc_line l;
    ck_assert_int_eq(cc_reader_next(r, &l), 0);
    ck_assert(cc_reader_skipped(r));
    ck_assert_str_eq(d.v[0].message, "binary file (NUL byte at offset 5): skipped");
    ck_assert_str_eq(d.v[0].path, "<stdin>");
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(stdin_file_is_read)
{
    const char data[] = "m\xe1\xbb\x99t\nhai";
    const char *path = tu_write("in.txt", data, sizeof data - 1);
    int fd = open(path, O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(dup2(fd, 0), 0);
    close(fd);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open("-", "article.txt", &d);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 2);
    expect_line(&g, 0, "m\xe1\xbb\x99t", 1, 0);
    expect_line(&g, 1, "hai", 2, 6);
    gotlines_free(&g);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* ---- bad files ------------------------------------------------------------------- */

START_TEST(empty_file_gives_nothing)
{
    const char *path = tu_write("empty.txt", "", 0);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open(path, NULL, &d);
    ck_assert_ptr_nonnull(r);
    cc_line l;
    ck_assert_int_eq(cc_reader_next(r, &l), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert(!cc_reader_skipped(r));
    ck_assert(!cc_reader_front_matter(r)->present);
    ck_assert_uint_eq(cc_reader_front_matter(r)->body_line, 1);
    cc_reader_close(r);
    /* a BOM alone is empty too */
    r = cc_reader_open_mem("bom.txt", "\xef\xbb\xbf", 3, &d);
    ck_assert_int_eq(cc_reader_next(r, &l), 0);
    ck_assert_uint_eq(d.n, 0);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(missing_file_is_one_fatal_diagnostic)
{
    cc_buf path = CC_BUF_INIT;
    cc_buf_addf(&path, "%s/nope.txt", tu_dir);
    cc_diags d = {0};
    ck_assert_ptr_null(cc_reader_open(path.data, NULL, &d));
    ck_assert_uint_eq(d.n, 1);
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "cannot read '%s': No such file or directory", path.data);
    ck_assert_str_eq(d.v[0].message, want.data);
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "io");
    ck_assert(cc_diag_fatal(&d.v[0]));
    ck_assert_int_eq(d.v[0].severity, CC_SEV_ERROR);
    cc_buf_free(&path);
    cc_buf_free(&want);
    cc_diags_free(&d);
}
END_TEST

START_TEST(directory_is_one_fatal_diagnostic)
{
    cc_diags d = {0};
    ck_assert_ptr_null(cc_reader_open(tu_dir, NULL, &d));
    ck_assert_uint_eq(d.n, 1);
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "cannot read '%s': Is a directory", tu_dir);
    ck_assert_str_eq(d.v[0].message, want.data);
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "io");
    ck_assert(cc_diag_fatal(&d.v[0]));
    cc_buf_free(&want);
    cc_diags_free(&d);
}
END_TEST

/* A FIFO no one writes to, and devices: refused at once with one fatal diagnostic
 * (opening the FIFO without O_NONBLOCK would wait for a writer forever). */
START_TEST(fifo_and_devices_are_refused_without_waiting)
{
    const char *fifo = tu_path("fifo");
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    cc_diags d = {0};
    ck_assert_ptr_null(cc_reader_open(fifo, "fifo", &d));
    ck_assert_ptr_null(cc_reader_open("/dev/zero", NULL, &d));
    ck_assert_uint_eq(d.n, 2);
    ck_assert_str_eq(d.v[0].message, "cannot read 'fifo': not a regular file (a FIFO)");
    ck_assert_str_eq(d.v[1].message,
                     "cannot read '/dev/zero': not a regular file (a character device)");
    ck_assert_str_eq(cc_diag_kind_name(d.v[1].kind), "io");
    ck_assert(cc_diags_fatal(&d));
    cc_diags_free(&d);
}
END_TEST

/* ---- front matter ---------------------------------------------------------------- */

START_TEST(front_matter_is_read)
{
    const char data[] = "\xef\xbb\xbf---\ndate: 2020-08-26\nsource: VnExpress\n"
                        "title: \"Vie\xcc\x82\xcc\xa3t Nam t\xc4\x83ng 2 b\xe1\xba\xad" "c\"\n"
                        "tags: [a, b]\nnested: {x: 1}\n---\nBody 88\n";
    const char *path = tu_write("fm.txt", data, sizeof data - 1);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open(path, NULL, &d);
    const cc_front_matter *fm = cc_reader_front_matter(r);
    ck_assert(fm->present);
    ck_assert_str_eq(fm->date, "2020-08-26");
    ck_assert_str_eq(fm->source, "VnExpress");
    ck_assert_str_eq(fm->title, "Vi\xe1\xbb\x87t Nam t\xc4\x83ng 2 b\xe1\xba\xad" "c");
    ck_assert_uint_eq(fm->body_line, 8);
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, "Body 88");
    ck_assert_uint_eq(l.lineno, 8);
    ck_assert_uint_eq(l.file_offset, (uint64_t)(strstr(data, "Body") - data));
    ck_assert_int_eq(cc_reader_next(r, &l), 0);
    ck_assert_uint_eq(d.n, 0);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(front_matter_dots_close_and_empty_block)
{
    cc_diags d = {0};
    const char a[] = "---\ntitle: A\n...\nx\n";
    cc_reader *r = cc_reader_open_mem("a.txt", a, sizeof a - 1, &d);
    ck_assert(cc_reader_front_matter(r)->present);
    ck_assert_str_eq(cc_reader_front_matter(r)->title, "A");
    ck_assert_ptr_null(cc_reader_front_matter(r)->date);
    cc_line l = next_line(r);
    ck_assert_uint_eq(l.lineno, 4);
    cc_reader_close(r);
    const char b[] = "---\n---\ny";
    r = cc_reader_open_mem("b.txt", b, sizeof b - 1, &d);
    ck_assert(cc_reader_front_matter(r)->present);
    ck_assert_uint_eq(cc_reader_front_matter(r)->body_line, 3);
    l = next_line(r);
    ck_assert_str_eq(l.text, "y");
    cc_reader_close(r);
    ck_assert_uint_eq(d.n, 0);
    cc_diags_free(&d);
}
END_TEST

START_TEST(unterminated_front_matter_is_body)
{
    const char data[] = "---\ndate: 2020-08-26\nbody 1\n";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("u.txt", data, sizeof data - 1, &d);
    const cc_front_matter *fm = cc_reader_front_matter(r);
    ck_assert(!fm->present);
    ck_assert_ptr_null(fm->date);
    ck_assert_uint_eq(fm->body_line, 1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "front matter has no closing '---'; read as body");
    ck_assert_uint_eq(d.v[0].line, 1);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 3);
    expect_line(&g, 0, "---", 1, 0);
    expect_line(&g, 1, "date: 2020-08-26", 2, 4);
    expect_line(&g, 2, "body 1", 3, 21);
    gotlines_free(&g);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* 200 lines without a closing line: given up, all read as body. */
START_TEST(front_matter_gives_up_after_200_lines)
{
    cc_buf data = CC_BUF_INIT;
    cc_buf_adds(&data, "---\n");
    for (int i = 0; i < 250; i++)
        cc_buf_addf(&data, "k%d: v\n", i);
    cc_buf_adds(&data, "---\nz\n");
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("long.txt", data.data, data.len, &d);
    ck_assert(!cc_reader_front_matter(r)->present);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "front matter has no closing '---'; read as body");
    cc_line l;
    unsigned n = 0, last = 0;
    while (cc_reader_next(r, &l) == 1) {
        n++;
        ck_assert_uint_eq(l.lineno, n);
        last = l.lineno;
    }
    ck_assert_uint_eq(n, 253);
    ck_assert_uint_eq(last, 253);
    cc_reader_close(r);
    cc_buf_free(&data);
    cc_diags_free(&d);
}
END_TEST

START_TEST(front_matter_bad_date)
{
    const char data[] = "---\ntitle: x\ndate: 2020-02-30\n---\nbody\n";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("bd.txt", data, sizeof data - 1, &d);
    const cc_front_matter *fm = cc_reader_front_matter(r);
    ck_assert(fm->present);
    ck_assert_ptr_null(fm->date);
    ck_assert_str_eq(fm->title, "x");
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "front matter date '2020-02-30' is not a date (YYYY-MM-DD)");
    ck_assert_uint_eq(d.v[0].line, 3);
    ck_assert_uint_eq(d.v[0].column, 7);
    cc_line l = next_line(r);
    ck_assert_str_eq(l.text, "body");
    ck_assert_uint_eq(l.lineno, 5);
    cc_reader_close(r);
    cc_diags_free(&d);
    const char *bad[] = {"26/8/2020", "2020-8-26", "2020-08-26x", "\"\""};
    for (size_t i = 0; i < 4; i++) {
        cc_buf b = CC_BUF_INIT;
        cc_buf_addf(&b, "---\ndate: %s\n---\n", bad[i]);
        r = cc_reader_open_mem("bd.txt", b.data, b.len, &d);
        ck_assert_ptr_null(cc_reader_front_matter(r)->date);
        ck_assert_uint_eq(d.n, 1);
        ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "input");
        cc_reader_close(r);
        cc_diags_free(&d);
        cc_buf_free(&b);
    }
}
END_TEST

START_TEST(front_matter_yaml_error_is_body)
{
    const char data[] = "---\ntitle: ok\nsource: [unclosed\n---\nbody\n";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("y.txt", data, sizeof data - 1, &d);
    const cc_front_matter *fm = cc_reader_front_matter(r);
    ck_assert(!fm->present);
    ck_assert_ptr_null(fm->title);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "front matter is not valid YAML: did not find expected ',' "
                                     "or ']' at 4:1; read as body");
    ck_assert_uint_eq(d.v[0].line, 4);
    ck_assert_uint_eq(d.v[0].column, 1);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 5);
    expect_line(&g, 0, "---", 1, 0);
    expect_line(&g, 4, "body", 5, 36);
    gotlines_free(&g);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

START_TEST(front_matter_not_a_mapping_is_body)
{
    const char data[] = "---\njust a sentence\n---\nbody\n";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("n.txt", data, sizeof data - 1, &d);
    ck_assert(!cc_reader_front_matter(r)->present);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message,
                     "front matter is not a mapping of keys to values; read as body");
    ck_assert_uint_eq(d.v[0].line, 2);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 4);
    gotlines_free(&g);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* "---" further down is not front matter. */
START_TEST(dashes_after_line_one_are_body)
{
    const char data[] = "title\n---\ndate: 2020-01-01\n---\n";
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("h.txt", data, sizeof data - 1, &d);
    ck_assert(!cc_reader_front_matter(r)->present);
    gotlines g;
    read_all(r, &g);
    ck_assert_uint_eq(g.n, 4);
    expect_line(&g, 1, "---", 2, 6);
    ck_assert_uint_eq(d.n, 0);
    gotlines_free(&g);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* ---- limits ----------------------------------------------------------------------- */

/* A 10 MB line (Vietnamese, some of it NFD) comes back whole. */
START_TEST(ten_megabyte_line_in_one_piece)
{
    const char unit[] = "Vi\xe1\xbb\x87t Nam \xc4\x91\xe1\xba\xa1t 88,53% Hue\xcc\x82\xcc\x81 ";
    size_t ulen = sizeof unit - 1;
    size_t reps = 10u * 1000u * 1000u / ulen;
    char *data = cc_xmalloc(reps * ulen + 1);
    for (size_t i = 0; i < reps; i++)
        memcpy(data + i * ulen, unit, ulen);
    data[reps * ulen] = '\n';
    const char *path = tu_write("big.txt", data, reps * ulen + 1);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open(path, NULL, &d);
    cc_line l = next_line(r);
    ck_assert_uint_eq(l.raw_len, reps * ulen);
    ck_assert_uint_eq(l.len, reps * (ulen - 2));
    ck_assert_uint_eq(l.lineno, 1);
    ck_assert_int_eq(memcmp(l.raw, data, l.raw_len), 0);
    /* the last "88" of the line: 24 characters per unit, "88" at byte 18 of it */
    const char *last = l.text + l.len - (ulen - 2) + 18;
    ck_assert_int_eq(memcmp(last, "88", 2), 0);
    cc_pos p = cc_reader_locate(r, (size_t)(last - l.text));
    ck_assert_uint_eq(p.column, (reps - 1) * 24 + 14);
    ck_assert_uint_eq(p.file_offset, (reps - 1) * ulen + 18);
    p = cc_reader_locate(r, l.len);
    ck_assert_uint_eq(p.file_offset, reps * ulen);
    ck_assert_uint_eq(p.column, reps * 24 + 1);
    ck_assert_int_eq(cc_reader_next(r, &l), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(cc_reader_bytes(r), reps * ulen + 1);
    cc_reader_close(r);
    cc_diags_free(&d);
    free(data);
}
END_TEST

START_TEST(overlong_line_is_cut_with_one_warning)
{
    size_t big = CC_READER_MAX_LINE + 1000000u;
    char *data = cc_xmalloc(big + 8);
    memset(data, 'x', big);
    memcpy(data + big, "\nend\n", 5);
    const char *path = tu_write("huge.txt", data, big + 5);
    free(data);
    cc_diags d = {0};
    cc_reader *r = cc_reader_open(path, NULL, &d);
    cc_line l = next_line(r);
    ck_assert_uint_eq(l.len, CC_READER_MAX_LINE);
    ck_assert_uint_eq(l.lineno, 1);
    ck_assert_uint_eq(l.file_offset, 0);
    l = next_line(r);
    ck_assert_uint_eq(l.len, 1000000u);
    ck_assert_uint_eq(l.lineno, 1);
    ck_assert_uint_eq(l.file_offset, CC_READER_MAX_LINE);
    cc_pos p = cc_reader_locate(r, 10);
    ck_assert_uint_eq(p.column, CC_READER_MAX_LINE + 11);
    ck_assert_uint_eq(p.file_offset, CC_READER_MAX_LINE + 10);
    l = next_line(r);
    ck_assert_str_eq(l.text, "end");
    ck_assert_uint_eq(l.lineno, 2);
    ck_assert_int_eq(cc_reader_next(r, &l), 0);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "line 1 is longer than 16777216 bytes: cut into pieces");
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "limit");
    ck_assert_uint_eq(d.v[0].line, 1);
    cc_reader_close(r);
    cc_diags_free(&d);
}
END_TEST

/* A base letter with 2 MB of combining marks in an order NFC must change: it stays
 * linear (clusters end after 30 marks) and the map stays consistent. */
START_TEST(long_run_of_marks_is_linear)
{
    size_t pairs = 500000;
    char *data = cc_xmalloc(1 + pairs * 4);
    data[0] = 'a';
    for (size_t i = 0; i < pairs; i++)
        memcpy(data + 1 + i * 4, "\xcc\x81\xcc\xa3", 4); /* U+0301 (230) U+0323 (220) */
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("marks.txt", data, 1 + pairs * 4, &d);
    cc_line l = next_line(r);
    ck_assert_uint_eq(l.raw_len, 1 + pairs * 4);
    cc_pos p = cc_reader_locate(r, l.len);
    ck_assert_uint_eq(p.file_offset, 1 + pairs * 4);
    ck_assert_uint_eq(p.column, 2);
    cc_reader_close(r);
    cc_diags_free(&d);
    free(data);
}
END_TEST

/* ---- the NFC-safe table ------------------------------------------------------------ */

/* Every code point the reader may cut before is a starter, NFC of itself, and never
 * appears after the first place of a canonical decomposition (so it is never the
 * second half of a composition, nor is the starter its own decomposition begins with). */
START_TEST(nfc_safe_table_is_sound)
{
    bool *first = cc_xcalloc(0x110000, 1);
    size_t nsafe = 0;
    for (uint32_t c = 0; c < 0x110000; c++) {
        if (!cc_reader_nfc_safe(c))
            continue;
        nsafe++;
        ck_assert_int_eq(utf8proc_get_property((utf8proc_int32_t)c)->combining_class, 0);
        utf8proc_int32_t dec[8];
        int bc = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char((utf8proc_int32_t)c, dec, 8,
                                                     UTF8PROC_DECOMPOSE, &bc);
        ck_assert_int_ge(m, 1);
        ck_assert_int_le(m, 8);
        ck_assert_int_eq(utf8proc_get_property(dec[0])->combining_class, 0);
        first[dec[0]] = true;
        first[c] = true;
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        char s[5] = {0};
        utf8proc_encode_char((utf8proc_int32_t)c, (utf8proc_uint8_t *)s);
        utf8proc_uint8_t *n = NULL;
        utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &n,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        ck_assert_msg(c == 0 || (k == (utf8proc_ssize_t)strlen(s) && memcmp(n, s, (size_t)k) == 0),
                      "U+%04X is not NFC of itself", (unsigned)c);
        free(n);
    }
    ck_assert_uint_gt(nsafe, 30000);
    for (uint32_t c = 0; c < 0x110000; c++) {
        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        utf8proc_int32_t dec[32];
        int bc = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char((utf8proc_int32_t)c, dec, 32,
                                                     UTF8PROC_DECOMPOSE, &bc);
        for (utf8proc_ssize_t i = 1; i < m && i < 32; i++)
            ck_assert_msg(!first[dec[i]], "U+%04X follows in the decomposition of U+%04X",
                          (unsigned)dec[i], (unsigned)c);
    }
    free(first);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("reader");
    CC_TCASE(s, "lines", tu_tmp_setup, tu_tmp_teardown, crlf_file_lines,
             windows_1258_is_decoded_when_asked, lone_cr_and_last_line_without_ending,
             trailing_newline_makes_no_extra_line, chunk_boundaries_do_not_matter,
             utf8_bom_is_skipped_but_counted, nfd_line_maps_back, mixed_nfc_nfd_in_one_line,
             nfc_and_nfd_lines_alternate, nfd_cyrillic_maps_per_letter,
             latin1_byte_is_replaced_and_reported, more_than_ten_bad_bytes_are_counted,
             maximal_subparts, offsets_after_a_truncated_sequence, utf16le_is_decoded,
             utf16be_is_decoded, binary_file_is_skipped, binary_stdin_pipe_is_skipped,
             stdin_file_is_read, empty_file_gives_nothing, missing_file_is_one_fatal_diagnostic,
             directory_is_one_fatal_diagnostic, fifo_and_devices_are_refused_without_waiting);

    CC_TCASE(s, "front matter", tu_tmp_setup, tu_tmp_teardown, front_matter_is_read,
             front_matter_dots_close_and_empty_block, unterminated_front_matter_is_body,
             front_matter_gives_up_after_200_lines, front_matter_bad_date,
             front_matter_yaml_error_is_body, front_matter_not_a_mapping_is_body,
             dashes_after_line_one_are_body);

    TCase *big = CC_TCASE(s, "limits", tu_tmp_setup, tu_tmp_teardown,
                          ten_megabyte_line_in_one_piece, overlong_line_is_cut_with_one_warning,
                          long_run_of_marks_is_linear, nfc_safe_table_is_sound);
    tcase_set_timeout(big, 120);

    return s;
}
