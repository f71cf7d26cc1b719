/*
 * srcpos.h — one map from byte offsets in a text to 1-based line and column, and back.
 *
 * As in jq's locfile: positions are kept as byte offsets while reading, the table of
 * line starts is built once per text, and a line and column are computed only when a
 * message shows one. Columns count characters (cc_utf8_count: a code point, or one
 * invalid sequence, is one column), so "hạng" in NFC is 4 columns and in NFD 5 (the
 * combining dot below is a character of its own). Lines end as YAML ends them: CRLF,
 * CR, LF, NEL, LS and PS; a byte order mark at the start of the text is not a column.
 *
 * Ownership: the map borrows the text (it must outlive the map) and owns its table;
 * cc_srcpos_free() releases it.
 */
#ifndef CC_SRCPOS_H
#define CC_SRCPOS_H

#include <stddef.h>

/* A position in a file, 1-based; {0, 0} when unknown. */
typedef struct cc_mark {
    unsigned line, column;
} cc_mark;

typedef struct cc_srcpos {
    const char *text;      /* borrowed */
    size_t len;
    size_t *line_start;    /* byte offset where each line starts, ascending */
    size_t nlines;         /* at least 1 */
    cc_mark cache_mark;    /* the last mark cc_srcpos_offset() found ... */
    size_t cache_offset;   /* ... and its byte offset */
} cc_srcpos;

/* Builds the map of text[0..len): one pass over the text. */
void cc_srcpos_init(cc_srcpos *m, const char *text, size_t len);
void cc_srcpos_free(cc_srcpos *m);

/* Line and column of byte `off` (clamped to the text's length). */
cc_mark cc_srcpos_mark(const cc_srcpos *m, size_t off);

/* Byte offset of a 1-based mark, or SIZE_MAX when the text has no such position.
 * Marks mostly come in text order: walking on from the last one found on the same line
 * keeps 100 000 marks on one long line linear. */
size_t cc_srcpos_offset(cc_srcpos *m, cc_mark mark);

/* Bytes of the line break at s[i] (CRLF 2, CR, LF 1, NEL 2, LS, PS 3), 0 when none. */
size_t cc_line_break_len(const char *s, size_t i, size_t len);

#endif
