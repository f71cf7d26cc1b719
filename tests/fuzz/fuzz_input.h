/*
 * fuzz_input.h — what the harnesses share:
 *   - fuzz_split(): the first `nhead` bytes are option bytes (zero-padded when the input is
 *     shorter), the rest is split at NUL bytes into `npieces` strings (empty ones when there
 *     are fewer), each malloc'd;
 *   - fuzz_book, fuzz_run_start() and fuzz_add_claim(): the reporter harnesses' rulebook,
 *     run, first document and claims shaped by those pieces and bytes;
 *   - fuzz_render() and fuzz_check_utf8(): a reporter's output and the check they all make
 *     of it;
 *   - fuzz_shipped_rulebook(): rules/egov-vn.yaml, loaded and compiled once (run from the
 *     repository root).
 */
#ifndef CC_FUZZ_INPUT_H
#define CC_FUZZ_INPUT_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "formats.h"
#include "pattern.h"
#include "text.h"
#include "util.h"

/* The little-endian 32-bit number at p. */
static inline uint32_t fuzz_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Aborts unless s[0..n) is valid UTF-8 whose only C0 control bytes are in `allowed`. */
static inline void fuzz_check_utf8(const char *s, size_t n, const char *allowed)
{
    for (size_t i = 0; i < n;) {
        size_t k;
        int32_t cp = cc_utf8_decode(s + i, n - i, &k);
        if (cp < 0 || (cp < 0x20 && !strchr(allowed, (char)cp)))
            abort();
        i += k;
    }
}

/* What people read (the text, GitHub and HTML reports, stderr): as fuzz_check_utf8(), and
 * no DEL, C1 or bidi control (text.h shows them as escapes); with `no_command_lines`, no
 * line starts with "::" (a GitHub workflow command). */
static inline void fuzz_check_shown(const char *s, size_t n, const char *allowed,
                                    bool no_command_lines)
{
    fuzz_check_utf8(s, n, allowed);
    for (size_t i = 0; i < n;) {
        size_t k;
        int32_t cp = cc_utf8_decode(s + i, n - i, &k);
        if (cc_is_bidi_control(cp) || (cp >= 0x7f && cp < 0xa0))
            abort();
        bool line_start = i == 0 || s[i - 1] == '\n';
        if (no_command_lines && line_start && n - i >= 2 && s[i] == ':' && s[i + 1] == ':')
            abort();
        i += k;
    }
}

static inline void fuzz_split(const uint8_t *data, size_t size, uint8_t *head, size_t nhead,
                              char **piece, int npieces)
{
    size_t h = size < nhead ? size : nhead;
    memset(head, 0, nhead);
    memcpy(head, data, h);
    const char *rest = (const char *)data + h;
    size_t nrest = size - h;
    for (int i = 0; i < npieces; i++) {
        const char *end = memchr(rest, '\0', nrest);
        size_t n = end ? (size_t)(end - rest) : nrest;
        piece[i] = cc_xstrndup(rest, n);
        rest += n < nrest ? n + 1 : n;
        nrest -= n < nrest ? n + 1 : n;
    }
}

/* The shipped rulebook with its patterns compiled, loaded at the first call; aborts when
 * it is refused. */
static inline cc_rulebook *fuzz_shipped_rulebook(void)
{
    static cc_rulebook *rb;
    if (!rb) {
        cc_diags d = {0};
        rb = cc_rulebook_load("rules/egov-vn.yaml", &d);
        if (!rb || cc_patterns_compile(rb, &d) < 0)
            abort();
        cc_diags_free(&d);
    }
    return rb;
}

/* What `r` prints for `run` with `o`, malloc'd, its length in *len; aborts when no memory
 * stream opens, or when `must_succeed` and the reporter returns an error. */
static inline char *fuzz_render(cc_reporter r, const cc_run *run, const cc_report_opts *o,
                                bool must_succeed, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f)
        abort();
    if (r(f, run, o) != 0 && must_succeed)
        abort();
    fclose(f);
    return text;
}

/* The reporter harnesses' input and rulebook: `nhead` option bytes (at most 20) and
 * FUZZ_NPIECES pieces (fuzz_split), and a rulebook named piece[4] at path piece[3] with one
 * subject (piece[3]), one rule (piece[4]) and `nfields` fields that the caller fills in. */
enum { FUZZ_NPIECES = 5 };

typedef struct fuzz_book {
    uint8_t head[20];
    char *piece[FUZZ_NPIECES];
    cc_subject subject;
    cc_field fields[2];
    cc_rule rule;
    cc_rulebook rb;
} fuzz_book;

static inline void fuzz_book_init(fuzz_book *b, const uint8_t *data, size_t size, size_t nhead,
                                  size_t nfields)
{
    *b = (fuzz_book){0};
    fuzz_split(data, size, b->head, nhead, b->piece, FUZZ_NPIECES);
    b->subject.id = b->piece[3];
    b->rule.id = b->piece[4];
    b->rb = (cc_rulebook){.path = b->piece[3], .name = b->piece[4], .subjects = &b->subject,
                          .nsubjects = 1, .fields = b->fields, .nfields = nfields,
                          .rules = &b->rule, .nrules = 1};
}

static inline void fuzz_book_free(fuzz_book *b)
{
    for (int i = 0; i < FUZZ_NPIECES; i++)
        free(b->piece[i]);
}

/* Starts `run` on b's rulebook with its first document, named piece[3], skipped (head[15] & 1)
 * and dated (piece[1]) as the input says; returns the document. */
static inline cc_document *fuzz_run_start(cc_run *run, const fuzz_book *b)
{
    const uint8_t *head = b->head;
    char *const *piece = b->piece;
    cc_run_init(run, &b->rb);
    cc_document *d = cc_run_add_document(run, piece[3]);
    d->skipped = head[15] & 1;
    memcpy(d->date, piece[1], strnlen(piece[1], 10));
    return d;
}

/* Adds a claim of field 0 in document 0 shaped by head[0..16): its line, column, offset in
 * the sentence (up to 8 past the end of piece[0]), subject, scope and value; `sentence`,
 * `value_text` and `text` are copied. */
static inline cc_claim *fuzz_add_claim(cc_run *run, const uint8_t *head, char *const *piece,
                                       const char *sentence, const char *value_text,
                                       const char *text)
{
    cc_claim *c = cc_run_add_claim(run);
    c->field = 0;
    c->subject = head[14] & 1 ? 0 : -1;
    c->scope = (int)(int16_t)(head[12] | head[13] << 8);
    c->doc = 0;
    c->line = fuzz_u32(head);
    c->column = fuzz_u32(head + 4) & 0xFFFF;
    c->value_in_sentence = fuzz_u32(head + 8) % (strlen(piece[0]) + 8);
    c->sentence = cc_xstrdup(sentence);
    c->value_text = cc_xstrdup(value_text);
    c->text = cc_xstrdup(text);
    c->value.type = (cc_type)((head[14] >> 1) % 6);
    c->value.range.lo = (double)(int32_t)fuzz_u32(head) / 7.0;
    c->value.range.hi = head[15] & 2 ? INFINITY : c->value.range.lo;
    memcpy(c->value.currency, "VND", 4);
    c->value.position = head[4];
    c->value.total = head[5];
    c->value.start = cc_date_make(2000 + head[6] % 100, 1 + head[7] % 12, 1,
                                  (cc_precision)(head[8] % 3));
    c->value.end = c->value.start;
    return c;
}

#endif
