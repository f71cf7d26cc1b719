/*
 * srcpos.c — byte offsets to lines and columns and back (contract: srcpos.h).
 */
#include "srcpos.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "util.h"

size_t cc_line_break_len(const char *s, size_t i, size_t len)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '\r')
        return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
    if (c == '\n')
        return 1;
    if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85)
        return 2; /* NEL */
    if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9))
        return 3; /* LS, PS */
    return 0;
}

void cc_srcpos_init(cc_srcpos *m, const char *text, size_t len)
{
    memset(m, 0, sizeof *m);
    m->text = text;
    m->len = len;
    size_t cap = 0;
    size_t i = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    CC_GROW(m->line_start, cap, 1);
    m->line_start[m->nlines++] = i;
    while (i < len) {
        size_t b = cc_line_break_len(text, i, len);
        if (!b) {
            i++;
            continue;
        }
        i += b;
        CC_GROW(m->line_start, cap, m->nlines + 1);
        m->line_start[m->nlines++] = i;
    }
}

void cc_srcpos_free(cc_srcpos *m)
{
    free(m->line_start);
    memset(m, 0, sizeof *m);
}

cc_mark cc_srcpos_mark(const cc_srcpos *m, size_t off)
{
    assert(m->nlines >= 1);
    if (off > m->len)
        off = m->len;
    size_t lo = 0, hi = m->nlines; /* the last line start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    size_t start = m->line_start[lo] <= off ? m->line_start[lo] : off; /* off inside a BOM */
    cc_mark r = {(unsigned)lo + 1, (unsigned)cc_utf8_count(m->text + start, off - start) + 1};
    return r;
}

size_t cc_srcpos_offset(cc_srcpos *m, cc_mark mark)
{
    if (mark.line == 0 || mark.column == 0 || mark.line > m->nlines)
        return SIZE_MAX;
    size_t i = m->line_start[mark.line - 1];
    size_t end = mark.line < m->nlines ? m->line_start[mark.line] : m->len;
    unsigned c = 1;
    if (m->cache_mark.line == mark.line && m->cache_mark.column &&
        m->cache_mark.column <= mark.column) {
        i = m->cache_offset;
        c = m->cache_mark.column;
    }
    for (; c < mark.column; c++) {
        if (i >= end)
            return SIZE_MAX;
        size_t n;
        cc_utf8_decode(m->text + i, end - i, &n);
        i += n;
    }
    m->cache_mark = mark;
    m->cache_offset = i;
    return i;
}
