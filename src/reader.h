/*
 * reader.h — documents in, lines of NFC text out, each with a map back to the file.
 *
 * The reader reads a file (or stdin) once, in chunks, and hands out one line at a
 * time, so memory is bounded by the longest line (capped: see CC_READER_MAX_LINE),
 * never by the file. It:
 *   - checks UTF-8: each invalid sequence becomes U+FFFD and is reported (file and
 *     byte offset; the first 10, then a count);
 *   - skips a UTF-8 BOM; decodes UTF-16LE/BE when the file starts with its BOM
 *     (warning naming the encoding); refuses a binary file (a NUL byte in UTF-8 text)
 *     with a warning naming it, and no lines;
 *   - ends lines at LF, CRLF or a lone CR (none of them is part of the line);
 *   - normalises each line to NFC with utf8proc, keeping a map from NFC byte offsets
 *     back to the decoded original, so that reports give the line and the column (in
 *     characters) of the original file, and its byte offset;
 *   - reads optional YAML front matter ("---" first line ... "---") with yamltree.h and
 *     keeps `date`, `source` and `title`; malformed front matter (no closing line, bad
 *     YAML, a bad date) is a warning and the lines are read as body.
 *
 * Ownership: cc_reader_open() returns a reader the caller frees with
 * cc_reader_close(). A cc_line's pointers are borrowed and stay valid only until
 * the next cc_reader_next() or cc_reader_close().
 */
#ifndef CC_READER_H
#define CC_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util.h"

/* A line longer than this is cut into pieces of this size (a warning says so). */
#define CC_READER_MAX_LINE (16u * 1024u * 1024u)

typedef struct cc_reader cc_reader;

typedef struct cc_line {
    const char *text;      /* NFC, valid UTF-8, no line ending; NUL-terminated */
    size_t len;            /* bytes in text */
    const char *raw;       /* the line as written (decoded to valid UTF-8, U+FFFD for bad
                              bytes, not normalised); NUL-terminated */
    size_t raw_len;
    unsigned lineno;       /* 1-based line number in the file */
    uint64_t file_offset;  /* byte offset of the line's first byte in the file */
} cc_line;

/* Where an NFC byte offset of the current line lies in the original. */
typedef struct cc_pos {
    size_t raw_offset;     /* byte offset in cc_line.raw */
    uint64_t file_offset;  /* byte offset in the file */
    unsigned column;       /* 1-based, in characters of the original line */
} cc_pos;

typedef struct cc_front_matter {
    bool present;          /* a well-formed front matter block was read */
    char *date;            /* "YYYY-MM-DD" as written and validated, or NULL */
    char *source;          /* or NULL */
    char *title;           /* or NULL */
    unsigned body_line;    /* first line number after the block (1 when none) */
} cc_front_matter;

/*
 * Opens `path` ("-" for stdin). `name` is the label used in diagnostics and reports
 * (the path itself when NULL). Returns NULL, with a fatal "cannot read 'x': reason"
 * diagnostic, when the file cannot be opened, is a directory or is not a regular file
 * (a FIFO, a device: util.h's cc_not_regular_reason; stdin may be anything). Front matter is read
 * here, so cc_reader_front_matter() is valid as soon as this returns.
 * Warnings (encoding, bad bytes, front matter) go to `d`, which must outlive the reader.
 */
cc_reader *cc_reader_open(const char *path, const char *name, cc_diags *d);

/* Text encodings a caller may impose; AUTO is UTF-8, or UTF-16 after its byte order mark. */
typedef enum cc_encoding {
    CC_ENCODING_AUTO,
    CC_ENCODING_WINDOWS_1258, /* the legacy Vietnamese code page (combining tone marks) */
} cc_encoding;

/* As cc_reader_open, decoding the file as `enc` (a warning says so when it is not AUTO). */
cc_reader *cc_reader_open_as(const char *path, const char *name, cc_encoding enc, cc_diags *d);
/* "auto", "utf-8" (AUTO), "windows-1258" or "cp1258"; 0 ok, -1 unknown. */
int cc_encoding_parse(const char *s, cc_encoding *out);

/* The same over bytes in memory (borrowed; must outlive the reader). */
cc_reader *cc_reader_open_mem(const char *name, const char *data, size_t len, cc_diags *d);

/*
 * The same as cc_reader_open_mem, but the bytes reach the decoder `chunk` bytes at a
 * time (as short reads from a pipe would; 0 means the usual 64 KiB), so that tests and
 * the fuzzer reach every state the decoder can be in at a chunk boundary.
 */
cc_reader *cc_reader_open_mem_chunked(const char *name, const char *data, size_t len,
                                      size_t chunk, cc_diags *d);

const cc_front_matter *cc_reader_front_matter(const cc_reader *r);

/* 1 and *line set; 0 at the end of the file; -1 on a read error (diagnostic added). */
int cc_reader_next(cc_reader *r, cc_line *line);

/* Maps an NFC byte offset of the line last returned (0..len inclusive) to the original. */
cc_pos cc_reader_locate(const cc_reader *r, size_t nfc_offset);

/*
 * The whole input as written, when the reader holds all of it (memory mode, or a file
 * that fits in its first chunk of 64 KiB) and it is UTF-8 (no UTF-16 byte order mark, no
 * --encoding): true with *data and *len set (valid until cc_reader_close()). For a
 * prefilter that looks at a document before its lines are decoded and normalised.
 */
bool cc_reader_whole_utf8(cc_reader *r, const char **data, size_t *len);
/* True when the file was skipped as binary or undecodable: no lines were produced. */
bool cc_reader_skipped(const cc_reader *r);
/* Bytes read from the file so far. */
uint64_t cc_reader_bytes(const cc_reader *r);

void cc_reader_close(cc_reader *r);

/*
 * For the unit test: true when a line may be cut before code point `cp` and NFC
 * normalised piece by piece (combining class 0, never the second of a composition,
 * NFC of itself). The reader's quick NFC check accepts a line made only of these.
 */
bool cc_reader_nfc_safe(uint32_t cp);

#endif
