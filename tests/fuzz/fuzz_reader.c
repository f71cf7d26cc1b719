/*
 * fuzz_reader.c — libFuzzer harness for the document reader.
 *
 * The first input byte picks how the bytes reach the decoder (0: 64 KiB chunks, else
 * that many bytes per read), the rest is the document. Every line is checked: text
 * and raw are NUL-terminated valid UTF-8, the text is the NFC of raw (when raw has no
 * run of combining marks long enough for the stream-safe cut to apply), and
 * cc_reader_locate() maps every offset 0..len into the line, monotonically, within
 * the file. cc_fold() runs on every line too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "reader.h"
#include "text.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
    if (!ok)
        abort();
}

static void check_utf8(const char *s, size_t n)
{
    check(s[n] == '\0');
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        check(k > 0 && cp != 0);
        i += (size_t)k;
    }
}

/* True when raw has more than 30 combining marks in a row (NFC may then differ). */
static bool long_mark_run(const char *s, size_t n)
{
    size_t i = 0;
    unsigned run = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return true;
        run = utf8proc_get_property(cp)->combining_class ? run + 1 : 0;
        if (run > 30)
            return true;
        i += (size_t)k;
    }
    return false;
}

static size_t count_cps(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t chunk = data[0];
    const char *doc = (const char *)data + 1;
    size_t len = size - 1;
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem_chunked("fuzz", doc, len, chunk, &d);
    check(r != NULL);
    const cc_front_matter *fm = cc_reader_front_matter(r);
    check(fm->body_line >= 1);
    cc_line l;
    unsigned last_line = 0;
    uint64_t last_off = 0;
    int rc;
    while ((rc = cc_reader_next(r, &l)) == 1) {
        check_utf8(l.text, l.len);
        check_utf8(l.raw, l.raw_len);
        check(l.lineno >= last_line && l.lineno >= fm->body_line);
        check(l.file_offset >= last_off && l.file_offset <= len);
        last_line = l.lineno;
        last_off = l.file_offset;
        if (!long_mark_run(l.raw, l.raw_len)) {
            utf8proc_uint8_t *nfc = NULL;
            utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)l.raw,
                                              (utf8proc_ssize_t)l.raw_len, &nfc,
                                              UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            check(k >= 0 && (size_t)k == l.len && memcmp(nfc, l.text, l.len) == 0);
            free(nfc);
        }
        size_t ncp = count_cps(l.raw, l.raw_len);
        cc_pos prev = {0, 0, 0};
        for (size_t off = 0; off <= l.len; off++) {
            cc_pos p = cc_reader_locate(r, off);
            check(p.raw_offset <= l.raw_len);
            check(p.raw_offset == l.raw_len || ((unsigned char)l.raw[p.raw_offset] & 0xC0) != 0x80);
            check(p.file_offset >= l.file_offset && p.file_offset <= len);
            check(p.file_offset - l.file_offset <= 3 * (uint64_t)p.raw_offset + 4);
            check(p.column >= 1);
            check(off == 0 || (p.raw_offset >= prev.raw_offset && p.file_offset >= prev.file_offset &&
                               p.column >= prev.column));
            if (off == 0 && l.file_offset == 0)
                check(p.column == 1);
            if (off == l.len)
                check(p.raw_offset == l.raw_len && p.column <= prev.column + ncp + 1);
            prev = p;
        }
        cc_buf folded = CC_BUF_INIT;
        cc_fold(l.text, l.len, &folded);
        check(folded.len == 0 || (folded.data[0] != ' ' && folded.data[folded.len - 1] != ' '));
        cc_buf_free(&folded);
    }
    check(rc == 0);
    check(!cc_diags_fatal(&d));
    cc_reader_close(r);
    cc_diags_free(&d);
    return 0;
}
