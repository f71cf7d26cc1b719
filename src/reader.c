/*
 * reader.c — documents in, lines of NFC text out, each with a map back to the file.
 *
 * Three layers, each a small state machine fed from the one before:
 *
 *   bytes (read(2) in 64 KiB chunks, or memory)
 *     -> decoder: UTF-8 (invalid sequences -> U+FFFD, maximal subparts) or UTF-16LE/BE
 *        (surrogate pairs; lone surrogates -> U+FFFD); each code point comes out with
 *        the file offset and the number of file bytes it stood for;
 *     -> line assembler: LF / CRLF / CR end a line; the decoded line ("raw") grows in
 *        a buffer with sparse checkpoints (raw offset, file offset, column) every
 *        MARK_STRIDE bytes and one byte per U+FFFD saying how many file bytes it
 *        replaced, so that any raw offset maps back to the file in O(log n + stride);
 *     -> per returned line: NFC. Most lines are NFC already (a quick check over the
 *        code points proves it); otherwise each cluster (a "safe" starter and what
 *        follows it) is normalised on its own and the clusters that changed are
 *        recorded, so an NFC offset maps to a raw offset by binary search.
 *
 * Only the line being built and the line last returned are held in memory (plus, at
 * open, the few lines of a front matter block), so memory is bounded by the longest
 * line (itself capped at CC_READER_MAX_LINE), never by the file.
 */
#include "reader.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <utf8proc.h>

#include "text.h"
#include "value.h"
#include "yamltree.h"

#define CHUNK_SIZE (64u * 1024u)      /* bytes per read(2) */
#define MARK_STRIDE 128u              /* raw bytes between checkpoints */
#define MAX_BAD_WARNINGS 10u          /* invalid sequences reported one by one */
#define MAX_NONSTARTER_RUN 30u        /* UAX #15 stream-safe limit: bounds reordering */
#define FM_MAX_LINES 200u             /* front matter: lines searched for the closing */
#define FM_MAX_BYTES (64u * 1024u)    /* front matter: bytes searched for the closing */
typedef enum encoding { ENC_UTF8, ENC_UTF16LE, ENC_UTF16BE, ENC_CP1258 } encoding;

/* A point of a line where raw offset, file offset and column are known exactly. */
typedef struct mark {
    size_t raw;            /* byte offset in the line's raw text */
    uint64_t file;         /* byte offset in the file */
    uint64_t col;          /* characters before it in the original line (0-based column) */
    size_t fffd;           /* U+FFFD code points before it in this piece (index into fffd) */
} mark;

/* A line (or a piece of a cut line) as decoded, before normalisation. */
typedef struct rline {
    char *raw;             /* decoded UTF-8, NUL-terminated once complete */
    size_t len, cap;
    mark *marks;           /* checkpoints, ascending raw offsets, the first at raw 0 */
    size_t nmarks, capmarks;
    uint8_t *fffd;         /* file bytes each U+FFFD of raw stood for (1..4) */
    size_t nfffd, capfffd;
    unsigned lineno;       /* 1-based line number in the file */
    uint64_t file_offset;  /* of the first code point (or of the line ending when empty) */
    uint64_t col_base;     /* code points of the line before this piece (0 unless cut) */
    uint64_t ncol;         /* characters in raw (code points but combining marks) */
    bool started;          /* a code point (or the line ending) has been seen */
    bool not_nfc_safe;     /* a code point that is not NFC-safe (nfc_safe) was added: the
                              line is not known to be NFC already */
} rline;

/* A stretch of the NFC text: identity (text bytes equal raw bytes) or one cluster
 * whose normalisation changed it (every offset inside maps to the cluster start). */
typedef struct seg {
    uint32_t nfc;          /* start offset in the NFC text */
    uint32_t raw : 31;     /* start offset in raw (lines are capped at 16 MiB) */
    uint32_t identity : 1; /* 1: raw = raw + (x - nfc); 0: raw = raw */
} seg;
_Static_assert(3ull * CC_READER_MAX_LINE < (1ull << 31), "seg offsets must fit 31 bits (NFC grows text 3x at most)");

struct cc_reader {
    cc_diags *d;           /* where warnings go (borrowed) */
    char *label;           /* file name used in diagnostics */
    encoding enc;

    /* source */
    int fd;                /* -1 in memory mode */
    bool own_fd;           /* close fd at the end (false for stdin) */
    const unsigned char *mem; /* memory mode: the bytes (borrowed) */
    size_t mem_len, mem_pos;
    size_t mem_chunk;      /* memory mode: bytes handed over per "read" */
    unsigned char *buf;    /* current chunk */
    size_t pos, end;       /* next byte to decode, bytes in buf */
    uint64_t buf_off;      /* file offset of buf[0] */
    bool eof;              /* the source has no more bytes */
    bool short_read;       /* a read(2) returned fewer bytes than asked: a regular file
                              ended there when it was read */
    uint64_t bytes;        /* bytes read from the source */

    /* UTF-8 decoder: the sequence in progress */
    unsigned u8_need;      /* continuation bytes still expected */
    unsigned char u8_lo, u8_hi; /* range allowed for the next continuation byte */
    uint32_t u8_cp;
    unsigned u8_len;       /* bytes of the sequence so far */
    uint64_t u8_off;       /* file offset of its first byte */
    unsigned char u8_first;

    /* UTF-16 decoder */
    bool u16_have_byte;    /* one byte of a code unit read */
    unsigned char u16_byte;
    uint64_t u16_byte_off;
    bool u16_have_unit;    /* a code unit waiting to be (re)processed */
    uint32_t u16_unit;
    uint64_t u16_unit_off;
    bool u16_have_high;    /* a high surrogate waiting for its low half */
    uint32_t u16_high;
    uint64_t u16_high_off;

    /* line assembly */
    rline build;           /* the line being decoded */
    rline out;             /* the line last completed / returned */
    bool have_ready;       /* out holds a completed line not yet returned */
    bool pending_cr;       /* the last code point was CR: a LF right after belongs to it */
    unsigned lineno;       /* number of the line being decoded */
    bool cut_warned;       /* the current line was already reported as too long */
    uint64_t nbad;         /* invalid sequences seen */
    bool flushed_summary;  /* the "N more invalid" warning was considered */
    bool finished;         /* every line has been handed to out */
    bool skipped;          /* binary or undecodable: no lines */
    bool failed;           /* a read error happened (diagnostic added) */

    /* front matter: lines read ahead at open that must still be returned */
    rline *queue;
    size_t qhead, qn, qcap;
    cc_front_matter fm;

    /* the returned line in NFC and its map */
    bool line_valid;       /* out was returned and can be located */
    bool text_is_raw;      /* NFC text == raw (no segments) */
    char *text;
    size_t text_len, text_cap;
    seg *segs;
    size_t nsegs, capsegs;
    utf8proc_int32_t *ubuf; /* scratch for utf8proc (code points, then UTF-8 in place) */
    size_t ubuf_cap;       /* in code points */
};

/* Decodes the code point at s[0..n) of a line the reader built (valid UTF-8, as emit_cp
 * and emit_ascii_run write it); *len = bytes. */
static uint32_t decode_built(const char *s, size_t n, size_t *len)
{
    int32_t cp = cc_utf8_decode(s, n, len);
    assert(cp >= 0);
    return (uint32_t)cp;
}

/*
 * A code point before which a cluster may begin, and which is NFC by itself:
 * combining class 0, never the second half of a canonical composition, its canonical
 * decomposition (if any) starts with such a starter, and NFC maps it to itself.
 * Then NFC(x + c...) == NFC(x) + NFC(c...) for any x. Covers Latin (all of Vietnamese),
 * Cyrillic letters, general punctuation, currency signs, Hangul syllables and CJK ideographs; the unit
 * test checks every one of them against utf8proc's tables.
 */
static bool nfc_safe(uint32_t cp)
{
    return cp < 0x300 || (cp >= 0x400 && cp <= 0x482) || (cp >= 0x48A && cp <= 0x4FF) ||
           (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2002 && cp <= 0x206F) ||
           (cp >= 0x20A0 && cp <= 0x20BF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3);
}

bool cc_reader_nfc_safe(uint32_t cp)
{
    return nfc_safe(cp);
}

/*
 * A non-starter (combining class > 0) does not start a character of its own, so it
 * does not advance the column: "ệ" is one column whether the file spells it as one
 * code point (NFC) or as e + U+0302 + U+0323 (NFD), and a figure gets the same
 * column in both. On text without such marks, a column counts code points.
 * Not cc_is_mark(): NFC works by combining class, and spacing marks such as U+0903
 * (category Mc, class 0) do start a cluster.
 */
static bool is_nonstarter(uint32_t cp)
{
    return cp >= 0x300 && cc_is_nonstarter((int32_t)cp);
}

/* ---- rline --------------------------------------------------------------------- */

static void rline_clear(rline *l)
{
    l->len = 0;
    l->nmarks = 0;
    l->nfffd = 0;
    l->lineno = 0;
    l->file_offset = 0;
    l->col_base = 0;
    l->ncol = 0;
    l->started = false;
    l->not_nfc_safe = false;
    if (l->cap)
        l->raw[0] = '\0';
}

static void rline_free(rline *l)
{
    free(l->raw);
    free(l->marks);
    free(l->fffd);
    memset(l, 0, sizeof *l);
}

static void rline_swap(rline *a, rline *b)
{
    rline t = *a;
    *a = *b;
    *b = t;
}

static void rline_reserve(rline *l, size_t extra)
{
    CC_GROW(l->raw, l->cap, l->len + extra + 1);
}

/* ---- diagnostics helpers ------------------------------------------------------- */

static unsigned clamp_uint(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (unsigned)v;
}

static void io_error(cc_reader *r, int err)
{
    cc_error_errno(r->d, CC_DIAG_IO, r->label, err, "cannot read '%s'", r->label);
    r->failed = true;
}

/* ---- line assembly -------------------------------------------------------------- */

/* Hands the line being built to `out` (whose buffers the next line reuses). */
static void complete_line(cc_reader *r)
{
    rline_reserve(&r->build, 0);
    r->build.raw[r->build.len] = '\0';
    rline_swap(&r->build, &r->out);
    rline_clear(&r->build);
    r->have_ready = true;
}

static void start_line(cc_reader *r, uint64_t off)
{
    rline *b = &r->build;
    b->started = true;
    b->file_offset = off;
    b->lineno = r->lineno;
}

/* The line reached CC_READER_MAX_LINE: what is built becomes a piece of its own. */
static void cut_line(cc_reader *r, uint64_t off)
{
    if (!r->cut_warned) {
        r->cut_warned = true;
        cc_warn_at(r->d, CC_DIAG_LIMIT, r->label, CC_AT(r->lineno, clamp_uint(r->build.col_base + r->build.ncol + 1), off), "line %u is longer than %u bytes: cut into pieces", r->lineno, (unsigned)CC_READER_MAX_LINE);
    }
    uint64_t next_col = r->build.col_base + r->build.ncol;
    complete_line(r);
    r->build.col_base = next_col;
}

static void add_mark_if_due(rline *b, uint64_t off)
{
    if (b->nmarks && b->len - b->marks[b->nmarks - 1].raw < MARK_STRIDE)
        return;
    CC_GROW(b->marks, b->capmarks, b->nmarks + 1);
    b->marks[b->nmarks++] = (mark){b->len, off, b->col_base + b->ncol, b->nfffd};
}

static void emit_encoded(cc_reader *r, uint32_t cp, const char *enc, size_t n, uint64_t off,
                         unsigned flen);

/* One decoded code point at file offset `off`, standing for `flen` file bytes. */
static void emit_cp(cc_reader *r, uint32_t cp, uint64_t off, unsigned flen)
{
    char enc[4];
    if (cp == '\n' || cp == '\r')
        emit_encoded(r, cp, NULL, 0, off, flen);
    else
        emit_encoded(r, cp, enc, cc_utf8_encode((int32_t)cp, enc), off, flen);
}

/* emit_cp() of a code point whose UTF-8 is enc[0..n) (the bytes as the file has them,
 * when it is UTF-8: no need to encode them again). */
static void emit_encoded(cc_reader *r, uint32_t cp, const char *enc, size_t n, uint64_t off,
                         unsigned flen)
{
    if (r->pending_cr) {
        r->pending_cr = false;
        if (cp == '\n')
            return; /* the LF of a CRLF */
    }
    rline *b = &r->build;
    if (cp == '\n' || cp == '\r') {
        if (!b->started)
            start_line(r, off);
        complete_line(r);
        r->pending_cr = cp == '\r';
        if (r->lineno < UINT32_MAX)
            r->lineno++;
        r->cut_warned = false;
        return;
    }
    if (cp >= 0x80 && !nfc_safe(cp))
        b->not_nfc_safe = true;
    if (b->len + n > CC_READER_MAX_LINE)
        cut_line(r, off);
    if (!b->started)
        start_line(r, off);
    add_mark_if_due(b, off);
    rline_reserve(b, n);
    memcpy(b->raw + b->len, enc, n);
    b->len += n;
    if (!is_nonstarter(cp))
        b->ncol++;
    if (cp == CC_REPLACEMENT_CHAR) {
        CC_GROW(b->fffd, b->capfffd, b->nfffd + 1);
        b->fffd[b->nfffd++] = (uint8_t)flen;
    }
}

/* A run of ASCII bytes (no NUL, CR or LF) starting at file offset `off`. */
static void emit_ascii_run(cc_reader *r, const unsigned char *p, size_t n, uint64_t off)
{
    r->pending_cr = false;
    rline *b = &r->build;
    while (n > 0) {
        if (b->len >= CC_READER_MAX_LINE)
            cut_line(r, off);
        if (!b->started)
            start_line(r, off);
        add_mark_if_due(b, off);
        size_t k = n;
        size_t room = CC_READER_MAX_LINE - b->len;
        size_t to_mark = b->marks[b->nmarks - 1].raw + MARK_STRIDE - b->len;
        if (k > room)
            k = room;
        if (k > to_mark)
            k = to_mark;
        rline_reserve(b, k);
        memcpy(b->raw + b->len, p, k);
        b->len += k;
        b->ncol += k;
        p += k;
        n -= k;
        off += k;
    }
}

/* An invalid sequence: warned about (the first few), then decoded as U+FFFD. */
static void emit_bad(cc_reader *r, uint32_t what, uint64_t off, unsigned flen, bool utf16_tail)
{
    r->nbad++;
    if (r->nbad <= MAX_BAD_WARNINGS) {
        unsigned col = clamp_uint(r->build.col_base + r->build.ncol + 1);
        if (utf16_tail)
            cc_warn_at(r->d, CC_DIAG_ENCODING, r->label, CC_AT(r->lineno, col, off), "truncated UTF-16 code unit (odd byte 0x%02X) at offset %llu", (unsigned)what, (unsigned long long)off);
        else if (r->enc == ENC_UTF8)
            cc_warn_at(r->d, CC_DIAG_ENCODING, r->label, CC_AT(r->lineno, col, off), "invalid UTF-8 byte 0x%02X at offset %llu", (unsigned)what, (unsigned long long)off);
        else
            cc_warn_at(r->d, CC_DIAG_ENCODING, r->label, CC_AT(r->lineno, col, off), "invalid UTF-16 code unit 0x%04X at offset %llu", (unsigned)what, (unsigned long long)off);
    }
    emit_cp(r, CC_REPLACEMENT_CHAR, off, flen);
}

static void set_binary(cc_reader *r, uint64_t off)
{
    cc_warn_at(r->d, CC_DIAG_ENCODING, r->label, CC_AT(0, 0, off), "binary file (NUL byte at offset %llu): skipped", (unsigned long long)off);
    r->skipped = true;
    r->have_ready = false;
}

/* ---- UTF-8 decoder --------------------------------------------------------------- */

/* Starts a sequence at lead byte b; false when b cannot start one. */
static bool u8_start(cc_reader *r, unsigned char b, uint64_t off)
{
    cc_utf8_lead lead;
    if (!cc_utf8_lead_of(b, &lead))
        return false;
    r->u8_need = lead.need;
    r->u8_lo = lead.lo;
    r->u8_hi = lead.hi;
    r->u8_cp = (uint32_t)lead.bits;
    r->u8_len = 1;
    r->u8_off = off;
    r->u8_first = b;
    return true;
}

/* Feeds one byte; false when it must be fed again (it ended an invalid subpart). */
static bool u8_byte(cc_reader *r, unsigned char b, uint64_t off)
{
    if (r->u8_need == 0) {
        if (b < 0x80) {
            if (b == 0)
                set_binary(r, off);
            else
                emit_cp(r, b, off, 1);
        } else if (!u8_start(r, b, off)) {
            emit_bad(r, b, off, 1, false);
        }
        return true;
    }
    if (b < r->u8_lo || b > r->u8_hi) {
        /* the maximal subpart so far is one U+FFFD; b starts afresh */
        r->u8_need = 0;
        emit_bad(r, r->u8_first, r->u8_off, r->u8_len, false);
        return false;
    }
    r->u8_cp = (r->u8_cp << 6) | (b & 0x3Fu);
    r->u8_len++;
    r->u8_lo = 0x80;
    r->u8_hi = 0xBF;
    if (--r->u8_need == 0)
        emit_cp(r, r->u8_cp, r->u8_off, r->u8_len);
    return true;
}

static bool is_plain_ascii(unsigned char b)
{
    return b != 0 && b < 0x80 && b != '\n' && b != '\r';
}

/* Whether none of the 8 bytes of x is NUL, LF, CR or past ASCII (a word at a time: the
 * classic test for a zero byte, on x and on x with LF and CR turned into zeros). */
static bool plain_ascii_word(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t lf = x ^ (ones * '\n'), cr = x ^ (ones * '\r');
    uint64_t zero = ((x - ones) & ~x) | ((lf - ones) & ~lf) | ((cr - ones) & ~cr);
    return ((zero | x) & highs) == 0;
}

/* Emits the run of plain ASCII bytes at the read position (the fast path of both byte
 * decoders); false when the next byte is not one. */
static bool take_ascii_run(cc_reader *r)
{
    const unsigned char *p = r->buf + r->pos;
    size_t k = 0, avail = r->end - r->pos;
    for (uint64_t x; k + 8 <= avail && (memcpy(&x, p + k, 8), plain_ascii_word(x));)
        k += 8;
    while (k < avail && is_plain_ascii(p[k]))
        k++;
    if (k == 0)
        return false;
    emit_ascii_run(r, p, k, r->buf_off + r->pos);
    r->pos += k;
    return true;
}

/* A whole, valid multi-byte sequence at the read position, emitted at once (the fast
 * path of the UTF-8 decoder: what u8_byte() would emit after its last byte); false when
 * the bytes there are not one (invalid, or cut by the end of the chunk), which the byte
 * by byte decoder then takes. */
static bool take_sequence(cc_reader *r)
{
    if (r->buf[r->pos] < 0x80)
        return false;
    size_t len;
    const char *p = (const char *)r->buf + r->pos;
    int32_t cp = cc_utf8_decode(p, r->end - r->pos, &len);
    if (cp < 0)
        return false;
    emit_encoded(r, (uint32_t)cp, p, len, r->buf_off + r->pos, (unsigned)len);
    r->pos += len;
    return true;
}

/*
 * The fast path of the UTF-8 decoder: the run at the read position of plain ASCII
 * (no NUL, CR or LF) and whole, valid multi-byte sequences (but U+FFFD, which the line
 * keeps a count of) appended to the line at once, with the checkpoints and the column
 * emit_encoded() would give them one by one. False when the run is empty, or when it
 * could reach the line's cap (the character by character path cuts the line).
 */
static bool take_run(cc_reader *r)
{
    const unsigned char *p = r->buf + r->pos;
    size_t avail = r->end - r->pos, i = 0;
    rline *b = &r->build;
    if (avail > CC_READER_MAX_LINE - b->len)
        return false;
    uint64_t off = r->buf_off + r->pos;
    size_t next_mark = b->nmarks ? b->marks[b->nmarks - 1].raw + MARK_STRIDE : b->len;
    while (i < avail) {
        size_t len = 1;
        uint32_t cp = p[i];
        if (cp >= 0x80) {
            int32_t c = cc_utf8_decode((const char *)p + i, avail - i, &len);
            if (c < 0 || c == CC_REPLACEMENT_CHAR)
                break;
            cp = (uint32_t)c;
        } else if (!is_plain_ascii(p[i])) {
            break;
        }
        if (i == 0) {
            r->pending_cr = false;
            if (!b->started)
                start_line(r, off);
        }
        if (b->len + i >= next_mark) {
            CC_GROW(b->marks, b->capmarks, b->nmarks + 1);
            b->marks[b->nmarks++] = (mark){b->len + i, off + i, b->col_base + b->ncol, b->nfffd};
            next_mark = b->len + i + MARK_STRIDE;
        }
        if (cp >= 0x80 && !nfc_safe(cp))
            b->not_nfc_safe = true;
        if (!is_nonstarter(cp))
            b->ncol++;
        i += len;
    }
    if (i == 0)
        return false;
    rline_reserve(b, i);
    memcpy(b->raw + b->len, p, i);
    b->len += i;
    r->pos += i;
    return true;
}

/* Decodes from buf until a line is ready or the chunk is used up. */
static void u8_step(cc_reader *r)
{
    while (r->pos < r->end && !r->have_ready && !r->skipped) {
        if (r->u8_need == 0 && (take_run(r) || take_ascii_run(r) || take_sequence(r)))
            continue;
        if (u8_byte(r, r->buf[r->pos], r->buf_off + r->pos))
            r->pos++;
    }
}

/* ---- Windows-1258 decoder (--encoding windows-1258) ------------------------------ */

/* Bytes 0x80..0xFF of Windows-1258 (the legacy Vietnamese code page, whose tone marks are
 * combining characters: NFC composes them); U+FFFD for the five unassigned bytes. */
static const uint16_t cp1258_high[128] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0xFFFD, 0x2039, 0x0152, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0xFFFD, 0x203A, 0x0153, 0xFFFD, 0xFFFD, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF, 0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF, 0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF, 0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF
};

static void cp1258_step(cc_reader *r)
{
    while (r->pos < r->end && !r->have_ready && !r->skipped) {
        if (take_ascii_run(r))
            continue;
        const unsigned char *p = r->buf + r->pos;
        if (*p == 0)
            set_binary(r, r->buf_off + r->pos);
        else if (*p < 0x80)
            emit_cp(r, *p, r->buf_off + r->pos, 1); /* line endings */
        else
            emit_cp(r, cp1258_high[*p - 0x80], r->buf_off + r->pos, 1);
        r->pos++;
    }
}

/* ---- UTF-16 decoder -------------------------------------------------------------- */

/* Feeds one code unit; false when it must be fed again. */
static bool u16_unit(cc_reader *r, uint32_t u, uint64_t off)
{
    if (r->u16_have_high) {
        r->u16_have_high = false;
        if (u >= 0xDC00 && u <= 0xDFFF) {
            uint32_t cp = 0x10000 + ((r->u16_high - 0xD800) << 10) + (u - 0xDC00);
            emit_cp(r, cp, r->u16_high_off, 4);
            return true;
        }
        emit_bad(r, r->u16_high, r->u16_high_off, 2, false);
        return false;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
        r->u16_have_high = true;
        r->u16_high = u;
        r->u16_high_off = off;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
        emit_bad(r, u, off, 2, false);
    } else if (u == 0) {
        set_binary(r, off);
    } else {
        emit_cp(r, u, off, 2);
    }
    return true;
}

static void u16_step(cc_reader *r)
{
    while (!r->have_ready && !r->skipped) {
        if (!r->u16_have_unit) {
            if (r->pos >= r->end)
                return;
            unsigned char b = r->buf[r->pos];
            uint64_t off = r->buf_off + r->pos;
            r->pos++;
            if (!r->u16_have_byte) {
                r->u16_have_byte = true;
                r->u16_byte = b;
                r->u16_byte_off = off;
                continue;
            }
            r->u16_have_byte = false;
            r->u16_unit = r->enc == ENC_UTF16LE ? (uint32_t)r->u16_byte | ((uint32_t)b << 8)
                                                : ((uint32_t)r->u16_byte << 8) | b;
            r->u16_unit_off = r->u16_byte_off;
            r->u16_have_unit = true;
        }
        if (u16_unit(r, r->u16_unit, r->u16_unit_off))
            r->u16_have_unit = false;
    }
}

/* ---- source ---------------------------------------------------------------------- */

/* Reads more bytes after buf[end) (keeping what is unread); 0 ok (eof may be set), -1 error. */
static int fill(cc_reader *r)
{
    if (r->pos == r->end) {
        r->buf_off += r->end;
        r->pos = r->end = 0;
    }
    size_t room = CHUNK_SIZE - r->end;
    if (room == 0)
        return 0;
    if (r->fd < 0) {
        size_t n = r->mem_len - r->mem_pos;
        if (n > r->mem_chunk)
            n = r->mem_chunk;
        if (n > room)
            n = room;
        if (n)
            memcpy(r->buf + r->end, r->mem + r->mem_pos, n);
        r->mem_pos += n;
        r->end += n;
        r->bytes += n;
        if (r->mem_pos == r->mem_len)
            r->eof = true;
        return 0;
    }
    for (;;) {
        ssize_t n = read(r->fd, r->buf + r->end, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            io_error(r, errno);
            return -1;
        }
        if (n == 0)
            r->eof = true;
        else if ((size_t)n < room)
            r->short_read = true;
        r->end += (size_t)n;
        r->bytes += (uint64_t)n;
        return 0;
    }
}

/* At the end of the input: flushes the decoder, then the last line, then the count. */
static void finish_step(cc_reader *r)
{
    if (r->enc == ENC_UTF8 && r->u8_need) {
        r->u8_need = 0;
        emit_bad(r, r->u8_first, r->u8_off, r->u8_len, false);
        return;
    }
    if ((r->enc == ENC_UTF16LE || r->enc == ENC_UTF16BE) && r->u16_have_high) {
        r->u16_have_high = false;
        emit_bad(r, r->u16_high, r->u16_high_off, 2, false);
        return;
    }
    if ((r->enc == ENC_UTF16LE || r->enc == ENC_UTF16BE) && r->u16_have_byte) {
        r->u16_have_byte = false;
        emit_bad(r, r->u16_byte, r->u16_byte_off, 1, true);
        return;
    }
    if (r->build.started) {
        complete_line(r);
        return;
    }
    if (!r->flushed_summary) {
        r->flushed_summary = true;
        if (r->nbad > MAX_BAD_WARNINGS)
            cc_warn_at(r->d, CC_DIAG_ENCODING, r->label, CC_AT(0, 0, UINT64_MAX), "%llu more invalid %s sequences%s", (unsigned long long)(r->nbad - MAX_BAD_WARNINGS), r->enc == ENC_UTF8 ? "UTF-8" : "UTF-16", r->enc == ENC_UTF8 ? " (a legacy Vietnamese file? try --encoding windows-1258)"
                                    : "");
    }
    r->finished = true;
}

/* Decodes until `out` holds a new line, or the end; -1 on a read error. */
static int pump(cc_reader *r)
{
    while (!r->have_ready && !r->skipped && !r->finished && !r->failed) {
        bool pending = (r->enc == ENC_UTF16LE || r->enc == ENC_UTF16BE) && r->u16_have_unit;
        if (r->pos < r->end || pending) {
            if (r->enc == ENC_UTF8)
                u8_step(r);
            else if (r->enc == ENC_CP1258)
                cp1258_step(r);
            else
                u16_step(r);
        } else if (!r->eof) {
            if (fill(r) < 0)
                return -1;
        } else {
            finish_step(r);
        }
    }
    return r->failed ? -1 : 0;
}

/* ---- binary detection ahead of reading -------------------------------------------- */

/* Offset of the first NUL byte (UTF-8) or U+0000 unit (UTF-16) in p[0..n), which starts
 * at file offset `off` (even for UTF-16); UINT64_MAX when none. */
static uint64_t find_nul(encoding enc, const unsigned char *p, size_t n, uint64_t off)
{
    if (enc == ENC_UTF8 || enc == ENC_CP1258) {
        const unsigned char *z = memchr(p, 0, n);
        return z ? off + (uint64_t)(z - p) : UINT64_MAX;
    }
    for (size_t i = 0; i + 1 < n; i += 2)
        if (p[i] == 0 && p[i + 1] == 0)
            return off + i;
    return UINT64_MAX;
}

/* Scans a regular file (from `start`, without moving its offset) for a NUL so that a
 * binary file yields no lines at all. -1 on a read error. */
static int prescan_fd(cc_reader *r, uint64_t start, uint64_t *nul)
{
    if ((r->enc == ENC_UTF8 || r->enc == ENC_CP1258) && start == 0 && r->buf_off == 0 &&
        r->short_read) {
        /* the whole file is in the first chunk already (most articles are a few KiB):
         * it is scanned there, not read a second time */
        *nul = find_nul(r->enc, r->buf, r->end, 0);
        return 0;
    }
    unsigned char *tmp = cc_xmalloc(CHUNK_SIZE);
    uint64_t off = start;
    size_t have = 0; /* bytes in tmp (an odd UTF-16 byte carried over) */
    *nul = UINT64_MAX;
    for (;;) {
        ssize_t n = pread(r->fd, tmp + have, CHUNK_SIZE - have, (off_t)(off + have));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            free(tmp);
            io_error(r, errno);
            return -1;
        }
        if (n == 0)
            break;
        size_t total = have + (size_t)n;
        size_t scan = r->enc == ENC_UTF8 || r->enc == ENC_CP1258 ? total : total & ~(size_t)1;
        *nul = find_nul(r->enc, tmp, scan, off);
        if (*nul != UINT64_MAX)
            break;
        have = total - scan;
        if (have)
            tmp[0] = tmp[scan];
        off += scan;
    }
    free(tmp);
    return 0;
}

/* ---- NFC and the offset map ------------------------------------------------------ */

/* NFC of s[0..n) into r->ubuf (as UTF-8); returns its length. */
static size_t nfc_into(cc_reader *r, const char *s, size_t n, const char **outp)
{
    const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    for (;;) {
        utf8proc_ssize_t m = utf8proc_decompose((const utf8proc_uint8_t *)s,
                                                (utf8proc_ssize_t)n, r->ubuf,
                                                (utf8proc_ssize_t)r->ubuf_cap, opts);
        if (m < 0) { /* not expected on valid UTF-8: keep the text as it is */
            *outp = s;
            return n;
        }
        if ((size_t)m > r->ubuf_cap) {
            size_t c = r->ubuf_cap ? r->ubuf_cap : 64;
            while (c < (size_t)m)
                c *= 2;
            free(r->ubuf);
            /* reencode writes UTF-8 in place plus a NUL: one spare code point */
            r->ubuf = cc_xmalloc((c + 1) * sizeof *r->ubuf);
            r->ubuf_cap = c;
            continue;
        }
        utf8proc_ssize_t k = utf8proc_reencode(r->ubuf, m, opts);
        if (k < 0) {
            *outp = s;
            return n;
        }
        *outp = (const char *)r->ubuf;
        return (size_t)k;
    }
}

static void text_add(cc_reader *r, const char *p, size_t n)
{
    CC_GROW(r->text, r->text_cap, r->text_len + n + 1);
    memcpy(r->text + r->text_len, p, n);
    r->text_len += n;
}

static void seg_add(cc_reader *r, size_t nfc, size_t raw, bool identity)
{
    if (identity && r->nsegs && r->segs[r->nsegs - 1].identity)
        return;
    CC_GROW(r->segs, r->capsegs, r->nsegs + 1);
    r->segs[r->nsegs++] = (seg){(uint32_t)nfc, (uint32_t)raw, identity};
}

/* Normalises one cluster raw[start, end) and records how it maps. */
static bool nfc_cluster(cc_reader *r, const char *raw, size_t start, size_t end)
{
    size_t n = end - start;
    size_t cl;
    uint32_t cp = decode_built(raw + start, n, &cl);
    const char *out = raw + start;
    size_t k = n;
    if (!(cl == n && nfc_safe(cp)))
        k = nfc_into(r, raw + start, n, &out);
    bool changed = k != n || memcmp(out, raw + start, n) != 0;
    seg_add(r, r->text_len, start, !changed);
    text_add(r, out, k);
    return changed;
}

/* True when every code point is NFC-safe (then the text is NFC as it is). */
static bool quick_nfc(const char *raw, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)raw[i] < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp = decode_built(raw + i, len - i, &n);
        if (!nfc_safe(cp))
            return false;
        i += n;
    }
    return true;
}

/*
 * NFC of a line with its map. Clusters begin before each NFC-safe code point, and
 * also after MAX_NONSTARTER_RUN combining marks in a row (UAX #15's stream-safe
 * format), which keeps utf8proc's reordering of marks linear on hostile input.
 */
static void nfc_line(cc_reader *r, const char *raw, size_t len, bool known_safe)
{
    r->nsegs = 0;
    r->text_len = 0;
    r->text_is_raw = known_safe || quick_nfc(raw, len);
    if (r->text_is_raw)
        return;
    size_t start = 0, i = 0;
    unsigned run = 0;
    bool changed = false;
    while (i < len) {
        size_t n;
        uint32_t cp = decode_built(raw + i, len - i, &n);
        bool starter = !is_nonstarter(cp);
        if (i > start && (nfc_safe(cp) || (!starter && run >= MAX_NONSTARTER_RUN))) {
            changed |= nfc_cluster(r, raw, start, i);
            start = i;
            run = 0;
        }
        run = starter ? 0 : run + 1;
        i += n;
    }
    if (i > start)
        changed |= nfc_cluster(r, raw, start, i);
    if (!changed) {
        r->text_is_raw = true;
        r->nsegs = 0;
        return;
    }
    seg_add(r, r->text_len, len, true);
    r->text[r->text_len] = '\0';
}

/* ---- opening --------------------------------------------------------------------- */

/*
 * The chunk buffer of the last reader closed, kept for the next one: a run reads
 * thousands of files one after another, and a 64 KiB block allocated and freed for each
 * made malloc sort every small block freed since into its bins (and fault pages in
 * again) once per file. One spare is enough: readers are opened one at a time, and a
 * second one open at once (front matter, a draft's trial) just allocates its own.
 */
static unsigned char *spare_chunk;

static unsigned char *chunk_new(void)
{
    unsigned char *b = spare_chunk;
    spare_chunk = NULL;
    return b ? b : cc_xmalloc(CHUNK_SIZE);
}

static void chunk_free(unsigned char *b)
{
    if (!spare_chunk)
        spare_chunk = b;
    else
        free(b);
}

static cc_reader *reader_new(const char *label, cc_diags *d)
{
    cc_reader *r = cc_xcalloc(1, sizeof *r);
    r->d = d;
    r->label = cc_xstrdup(label);
    r->fd = -1;
    r->buf = chunk_new();
    r->lineno = 1;
    r->fm.body_line = 1;
    return r;
}

/* Reads until at least 3 bytes are buffered (or the end), then takes a byte order mark. */
static int detect_encoding(cc_reader *r)
{
    while (r->end < 3 && !r->eof)
        if (fill(r) < 0)
            return -1;
    if (r->enc == ENC_CP1258) { /* given by the caller: no byte order mark to look for */
        cc_warn_at(r->d, CC_DIAG_ENCODING, r->label, CC_AT(0, 0, 0), "decoded as Windows-1258 (--encoding)");
        return 0;
    }
    const unsigned char *b = r->buf;
    if (r->end >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        r->pos = 3;
    } else if (r->end >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
        r->enc = b[0] == 0xFF ? ENC_UTF16LE : ENC_UTF16BE;
        r->pos = 2;
        cc_warn_at(r->d, CC_DIAG_ENCODING, r->label, CC_AT(0, 0, 0), "decoded as %s (byte order mark)", r->enc == ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE");
    }
    return 0;
}

static bool line_is(const rline *l, const char *s)
{
    size_t n = strlen(s);
    return l->col_base == 0 && l->len == n && memcmp(l->raw, s, n) == 0;
}

static void queue_push_out(cc_reader *r)
{
    CC_GROW(r->queue, r->qcap, r->qn + 1);
    memset(&r->queue[r->qn], 0, sizeof r->queue[r->qn]);
    rline_swap(&r->queue[r->qn], &r->out);
    r->qn++;
    r->have_ready = false;
}

static void queue_free(cc_reader *r)
{
    for (size_t i = r->qhead; i < r->qn; i++)
        rline_free(&r->queue[i]);
    free(r->queue);
    r->queue = NULL;
    r->qhead = r->qn = r->qcap = 0;
}

/* NFC copy of a front matter value. */
static char *fm_value(cc_reader *r, const char *s, size_t n)
{
    nfc_line(r, s, n, false);
    return r->text_is_raw ? cc_xstrndup(s, n) : cc_xstrndup(r->text, r->text_len);
}

static bool valid_date(const char *s, size_t n)
{
    uint64_t y, m, d;
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (cc_parse_uint(s, 4, 9999, &y) < 0 || cc_parse_uint(s + 5, 2, 99, &m) < 0 ||
        cc_parse_uint(s + 8, 2, 99, &d) < 0)
        return false;
    return cc_valid_ymd((int)y, (int)m, (int)d);
}

/*
 * Front matter is read by the tree reader of every YAML file, with what suits a block
 * of a few keys: a nested value is kept empty (it is ignored, so nesting costs nothing
 * however deep), an alias is left unread, the documents of a block are read in turn,
 * and a problem comes back unworded so that the warning can say it at the article's
 * line. The block is FM_MAX_BYTES at most (read_front_matter), so the node cap is a
 * backstop: a real block has a few dozen nodes.
 */
#define FM_MAX_NODES (1u << 18)
static const cc_yaml_limits fm_limits = {
    .name = "front matter", .max_bytes = SIZE_MAX, .max_depth = 1,
    .max_nodes = FM_MAX_NODES, .skip_deeper = true, .aliases = CC_YAML_ALIASES_UNREAD,
    .many_documents = true, .wording = CC_YAML_PROBLEM};

/* File line of a mark in the block queue[1 .. close): YAML line 1 is queue[1]. */
static unsigned fm_file_line(const cc_reader *r, size_t close, cc_mark m)
{
    size_t i = m.line ? m.line : 1;
    if (i > close)
        i = close;
    return r->queue[i].lineno;
}

static bool fm_is_string(const cc_yaml_node *n)
{
    return n->kind == CC_YAML_SCALAR && !n->alias;
}

/* A scalar value for a known key. */
static void fm_take(cc_reader *r, size_t close, const char *key, const cc_yaml_node *v)
{
    char **slot = strcmp(key, "date") == 0     ? &r->fm.date
                  : strcmp(key, "source") == 0 ? &r->fm.source
                  : strcmp(key, "title") == 0  ? &r->fm.title
                                               : NULL;
    if (!slot)
        return;
    free(*slot);
    *slot = NULL;
    if (cc_yaml_is_null(v))
        return;
    if (slot == &r->fm.date && !valid_date(v->text, v->len)) {
        cc_warn_at(r->d, CC_DIAG_INPUT, r->label, CC_AT(fm_file_line(r, close, v->mark), v->mark.column, UINT64_MAX), "front matter date '%.*s' is not a date (YYYY-MM-DD)", (int)(v->len > 64 ? 64 : v->len), v->text);
        return;
    }
    *slot = fm_value(r, v->text, v->len);
}

/* The pairs of a document's mapping read so far, in order; only a string key with a
 * string value counts. */
static void fm_take_pairs(cc_reader *r, size_t close, const cc_yaml_node *map)
{
    for (size_t i = 0; i + 1 < map->nkids; i += 2)
        if (fm_is_string(map->kids[i]) && fm_is_string(map->kids[i + 1]))
            fm_take(r, close, map->kids[i]->text, map->kids[i + 1]);
}

/*
 * Takes the values of each document of the tree in turn, as far as it was read; 0, or
 * -1 with a warning at the first document that is not a mapping or else at the problem
 * that stopped the read. A document that is not a mapping is told first even when a
 * syntax error follows it: that is what the writer got wrong.
 */
static int fm_take_documents(cc_reader *r, size_t close, const cc_yaml_doc *y, int read_rc)
{
    for (size_t i = 0; i < y->nroots; i++) {
        const cc_yaml_node *top = y->roots[i];
        if (top->kind != CC_YAML_MAP) {
            cc_warn_at(r->d, CC_DIAG_INPUT, r->label, CC_AT(fm_file_line(r, close, top->mark), top->mark.column, UINT64_MAX), "front matter is not a mapping of keys to values; read as body");
            return -1;
        }
        fm_take_pairs(r, close, top);
    }
    if (read_rc == 0)
        return 0;
    assert(y->error);
    unsigned line = fm_file_line(r, close, y->error_mark), col = y->error_mark.column;
    cc_warn_at(r->d, CC_DIAG_INPUT, r->label, CC_AT(line, col, UINT64_MAX), "front matter is not valid YAML: %s at %u:%u; read as body", y->error, line, col);
    return -1;
}

/* Parses the block queue[1 .. close); 0 when well formed (a mapping, or empty), -1 with
 * a warning. */
static int fm_parse(cc_reader *r, size_t close)
{
    cc_buf text = CC_BUF_INIT;
    for (size_t i = 1; i < close; i++) {
        cc_buf_add(&text, r->queue[i].raw, r->queue[i].len);
        cc_buf_addc(&text, '\n');
    }
    cc_yaml_doc y;
    int rc = cc_yaml_read(&y, text.data ? text.data : "", text.len, &fm_limits, r->label,
                          CC_DIAG_INPUT, NULL);
    rc = fm_take_documents(r, close, &y, rc);
    cc_yaml_free(&y);
    cc_buf_free(&text);
    return rc;
}

static void fm_clear(cc_front_matter *fm)
{
    free(fm->date);
    free(fm->source);
    free(fm->title);
    fm->date = fm->source = fm->title = NULL;
}

/* The first line is in out. Reads and parses a front matter block when it starts one. */
static int read_front_matter(cc_reader *r)
{
    if (!r->have_ready || r->out.lineno != 1 || !line_is(&r->out, "---"))
        return 0;
    queue_push_out(r);
    size_t bytes = 0;
    bool closed = false;
    while (r->qn - 1 < FM_MAX_LINES && bytes <= FM_MAX_BYTES) {
        if (pump(r) < 0)
            return -1;
        if (!r->have_ready)
            break;
        bytes += r->out.len + 1;
        bool is_close = line_is(&r->out, "---") || line_is(&r->out, "...");
        queue_push_out(r);
        if (is_close) {
            closed = true;
            break;
        }
    }
    if (r->skipped)
        return 0;
    if (!closed) {
        cc_warn_at(r->d, CC_DIAG_INPUT, r->label, CC_AT(1, 1, UINT64_MAX), "front matter has no closing '---'; read as body");
        return 0;
    }
    size_t close = r->qn - 1;
    if (fm_parse(r, close) < 0) {
        fm_clear(&r->fm);
        return 0;
    }
    r->fm.present = true;
    r->fm.body_line = r->queue[close].lineno + 1;
    queue_free(r);
    return 0;
}

/* UTF-16 written without a byte order mark: in the first bytes, NULs at every other
 * offset (ASCII, Latin-1 and most Vietnamese letters have a zero high byte), odd offsets
 * for little-endian. 'L' or 'B', or 0 when the NULs do not fall that way (binary). */
static char utf16_without_bom(const unsigned char *p, size_t n)
{
    size_t zeros[2] = {0, 0};
    n = (n > 4096 ? 4096 : n) & ~(size_t)1;
    for (size_t i = 0; i < n; i++)
        zeros[i & 1] += p[i] == 0;
    size_t units = n / 2;
    if (units >= 8 && zeros[1] * 4 >= units && zeros[0] * 16 <= zeros[1])
        return 'L';
    if (units >= 8 && zeros[0] * 4 >= units && zeros[1] * 16 <= zeros[0])
        return 'B';
    return 0;
}

/* A file with a NUL: skipped, and called UTF-16 rather than binary when it looks so. */
static void set_nul_skipped(cc_reader *r, uint64_t nul)
{
    char endian = r->enc == ENC_UTF8 && r->buf_off == 0 ? utf16_without_bom(r->buf, r->end) : 0;
    if (!endian) {
        set_binary(r, nul);
        return;
    }
    cc_warn_at(r->d, CC_DIAG_ENCODING, r->label, CC_AT(0, 0, 0), "UTF-16%s without a byte order mark (NUL bytes at every other offset): skipped; save it as UTF-8, or as UTF-16 with a byte order mark", endian == 'L' ? "LE" : "BE");
    r->skipped = true;
    r->have_ready = false;
}

/* Common tail of both openers: encoding, binary check, first line, front matter. */
static cc_reader *reader_start(cc_reader *r, uint64_t nul)
{
    if (nul != UINT64_MAX) {
        set_nul_skipped(r, nul);
        return r;
    }
    if (pump(r) < 0 || read_front_matter(r) < 0) {
        cc_reader_close(r);
        return NULL;
    }
    return r;
}

cc_reader *cc_reader_open(const char *path, const char *name, cc_diags *d)
{
    return cc_reader_open_as(path, name, CC_ENCODING_AUTO, d);
}

cc_reader *cc_reader_open_as(const char *path, const char *name, cc_encoding enc, cc_diags *d)
{
    bool is_stdin = strcmp(path, "-") == 0;
    cc_reader *r = reader_new(name ? name : is_stdin ? "<stdin>" : path, d);
    if (enc == CC_ENCODING_WINDOWS_1258)
        r->enc = ENC_CP1258;
    if (is_stdin) {
        r->fd = 0;
    } else {
        /* O_NONBLOCK: opening a FIFO that no one writes to must not wait (it is
         * refused below); on a regular file the flag does nothing */
        r->fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (r->fd < 0) {
            io_error(r, errno);
            cc_reader_close(r);
            return NULL;
        }
        r->own_fd = true;
    }
    struct stat st;
    if (fstat(r->fd, &st) < 0) {
        io_error(r, errno);
        cc_reader_close(r);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        io_error(r, EISDIR);
        cc_reader_close(r);
        return NULL;
    }
    if (!is_stdin && !S_ISREG(st.st_mode)) {
        cc_error(r->d, CC_DIAG_IO, r->label, "cannot read '%s': %s", r->label,
                 cc_not_regular_reason(st.st_mode));
        r->failed = true;
        cc_reader_close(r);
        return NULL;
    }
    if (!is_stdin)
        fcntl(r->fd, F_SETFL, fcntl(r->fd, F_GETFL) & ~O_NONBLOCK);
    off_t start = S_ISREG(st.st_mode) ? lseek(r->fd, 0, SEEK_CUR) : (off_t)-1;
    if (detect_encoding(r) < 0) {
        cc_reader_close(r);
        return NULL;
    }
    uint64_t nul = UINT64_MAX;
    if (start >= 0) {
        /* offsets are relative to where we started; UTF-16 units start after the BOM */
        uint64_t from = r->enc == ENC_UTF8 || r->enc == ENC_CP1258 ? 0 : 2;
        if (prescan_fd(r, (uint64_t)start + from, &nul) < 0) {
            cc_reader_close(r);
            return NULL;
        }
        if (nul != UINT64_MAX)
            nul -= (uint64_t)start;
    } else {
        nul = find_nul(r->enc, r->buf + r->pos, r->end - r->pos, r->pos);
    }
    return reader_start(r, nul);
}

int cc_encoding_parse(const char *s, cc_encoding *out)
{
    if (strcmp(s, "auto") == 0 || strcmp(s, "utf-8") == 0 || strcmp(s, "utf8") == 0)
        *out = CC_ENCODING_AUTO;
    else if (strcmp(s, "windows-1258") == 0 || strcmp(s, "cp1258") == 0)
        *out = CC_ENCODING_WINDOWS_1258;
    else
        return -1;
    return 0;
}

cc_reader *cc_reader_open_mem_chunked(const char *name, const char *data, size_t len,
                                      size_t chunk, cc_diags *d)
{
    cc_reader *r = reader_new(name ? name : "<memory>", d);
    r->mem = (const unsigned char *)data;
    r->mem_len = len;
    r->mem_chunk = chunk ? chunk : CHUNK_SIZE;
    r->eof = len == 0;
    if (detect_encoding(r) < 0) { /* cannot fail in memory */
        cc_reader_close(r);
        return NULL;
    }
    size_t from = r->enc == ENC_UTF8 ? 0 : 2;
    uint64_t nul = len > from ? find_nul(r->enc, r->mem + from, len - from, from) : UINT64_MAX;
    return reader_start(r, nul);
}

cc_reader *cc_reader_open_mem(const char *name, const char *data, size_t len, cc_diags *d)
{
    return cc_reader_open_mem_chunked(name, data, len, CHUNK_SIZE, d);
}

/* ---- reading --------------------------------------------------------------------- */

const cc_front_matter *cc_reader_front_matter(const cc_reader *r)
{
    return &r->fm;
}

int cc_reader_next(cc_reader *r, cc_line *line)
{
    r->line_valid = false;
    if (r->failed)
        return -1;
    if (r->skipped)
        return 0;
    if (r->qhead < r->qn) {
        rline_swap(&r->out, &r->queue[r->qhead]);
        rline_free(&r->queue[r->qhead]);
        if (++r->qhead == r->qn)
            queue_free(r);
    } else if (!r->have_ready) {
        if (pump(r) < 0)
            return -1;
        if (!r->have_ready)
            return 0;
    }
    r->have_ready = false;
    r->line_valid = true;
    /* the decoder saw every code point of the line: when all were NFC-safe, the line
     * is NFC as it is (what quick_nfc() would find again) */
    nfc_line(r, r->out.raw, r->out.len, !r->out.not_nfc_safe);
    line->raw = r->out.raw;
    line->raw_len = r->out.len;
    line->text = r->text_is_raw ? r->out.raw : r->text;
    line->len = r->text_is_raw ? r->out.len : r->text_len;
    line->lineno = r->out.lineno;
    line->file_offset = r->out.file_offset;
    return 1;
}

/*
 * The last of n ascending keys that is <= x (0 when none is): key(base, i) reads key i.
 * Both maps of a line are searched with it: its checkpoints by raw offset and its NFC
 * segments by NFC offset.
 */
static size_t last_at_or_below(const void *base, size_t n, size_t x,
                               size_t (*key)(const void *base, size_t i))
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (key(base, mid) <= x)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t seg_nfc(const void *segs, size_t i)
{
    return ((const seg *)segs)[i].nfc;
}

static size_t mark_raw(const void *marks, size_t i)
{
    return ((const mark *)marks)[i].raw;
}

/* NFC offset -> raw offset, rounded down to the start of a code point. */
static size_t nfc_to_raw(const cc_reader *r, size_t x)
{
    const rline *l = &r->out;
    size_t raw;
    if (r->text_is_raw) {
        raw = x > l->len ? l->len : x;
    } else {
        if (x > r->text_len)
            x = r->text_len;
        assert(r->nsegs > 0);
        const seg *s = &r->segs[last_at_or_below(r->segs, r->nsegs, x, seg_nfc)];
        raw = s->identity ? (size_t)s->raw + (x - s->nfc) : (size_t)s->raw;
        if (raw > l->len)
            raw = l->len;
    }
    while (raw > 0 && raw < l->len && ((unsigned char)l->raw[raw] & 0xC0) == 0x80)
        raw--;
    return raw;
}

cc_pos cc_reader_locate(const cc_reader *r, size_t nfc_offset)
{
    cc_pos pos = {0, 0, 1};
    if (!r->line_valid)
        return pos;
    const rline *l = &r->out;
    size_t raw = nfc_to_raw(r, nfc_offset);
    mark m = {0, l->file_offset, l->col_base, 0};
    if (l->nmarks)
        m = l->marks[last_at_or_below(l->marks, l->nmarks, raw, mark_raw)];
    while (m.raw < raw) {
        if (r->enc == ENC_UTF8 && (unsigned char)l->raw[m.raw] < 0x80) {
            m.raw++; /* ASCII: one byte of the file, one column (as below, quicker) */
            m.file++;
            m.col++;
            continue;
        }
        size_t n;
        uint32_t cp = decode_built(l->raw + m.raw, l->len - m.raw, &n);
        unsigned flen;
        if (cp == CC_REPLACEMENT_CHAR && m.fffd < l->nfffd)
            flen = l->fffd[m.fffd++];
        else if (r->enc == ENC_UTF8)
            flen = (unsigned)n;
        else if (r->enc == ENC_CP1258)
            flen = 1; /* one byte per code point */
        else
            flen = cp > 0xFFFF ? 4 : 2;
        m.raw += n;
        m.file += flen;
        if (!is_nonstarter(cp))
            m.col++;
    }
    pos.raw_offset = raw;
    pos.file_offset = m.file;
    pos.column = clamp_uint(m.col + 1);
    return pos;
}

bool cc_reader_whole_utf8(cc_reader *r, const char **data, size_t *len)
{
    if (r->enc != ENC_UTF8 || r->skipped || r->failed)
        return false;
    if (r->fd < 0) {
        *data = (const char *)r->mem;
        *len = r->mem_len;
        return true;
    }
    /* one more read tells whether the first chunk was all there is (fill() keeps the
     * unread bytes only while some are left: pos < end) */
    if (r->buf_off != 0 || (!r->eof && (r->pos == r->end || fill(r) < 0)) || !r->eof ||
        r->buf_off != 0)
        return false;
    *data = (const char *)r->buf;
    *len = r->end;
    return true;
}

bool cc_reader_skipped(const cc_reader *r)
{
    return r->skipped;
}

uint64_t cc_reader_bytes(const cc_reader *r)
{
    return r->bytes;
}

/* The returned line's NFC text, its map and utf8proc's scratch. */
static void nfc_free(cc_reader *r)
{
    free(r->text);
    free(r->segs);
    free(r->ubuf);
}

void cc_reader_close(cc_reader *r)
{
    if (!r)
        return;
    if (r->own_fd && r->fd >= 0)
        close(r->fd);
    queue_free(r);
    rline_free(&r->build);
    rline_free(&r->out);
    fm_clear(&r->fm);
    nfc_free(r);
    chunk_free(r->buf);
    free(r->label);
    free(r);
}

