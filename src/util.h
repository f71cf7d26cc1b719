/*
 * util.h — memory, growable buffers, diagnostics: the few things every module shares.
 *
 * Ownership, once for the whole program: a function that returns a pointer from a
 * `*_new`, `*_load`, `*_dup` or `*_detach` call hands it to the caller, who frees it
 * with the matching `*_free` (or free()). Everything else returns borrowed pointers.
 *
 * Library code never exits: it returns -1 (or an error status) and appends a
 * diagnostic. Only main() turns diagnostics into an exit code. The one exception is
 * running out of memory, which aborts with a message (as git's xmalloc does).
 */
#ifndef CC_UTIL_H
#define CC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *cc_xmalloc(size_t n);
void *cc_xcalloc(size_t count, size_t size);
void *cc_xrealloc(void *p, size_t n);
char *cc_xstrdup(const char *s);
char *cc_xstrndup(const char *s, size_t n);
/* Grows *pv (an array of `elem` bytes each) so that it can hold at least `need` items. */
void cc_grow_array(void **pv, size_t *cap, size_t need, size_t elem);
#define CC_GROW(v, cap, need) cc_grow_array((void **)&(v), &(cap), (need), sizeof(*(v)))

/*
 * cc_buf — a growable byte string.
 * `data` is never NULL and always NUL-terminated (an empty buffer points at a static
 * ""), `len` excludes the NUL. `max` caps `len`: an append that would pass it fails
 * with -1 and leaves the buffer as it was. cc_buf_detach() hands the storage to the
 * caller and leaves the buffer empty.
 */
typedef struct cc_buf {
    char *data;   /* the bytes, NUL-terminated */
    size_t len;   /* bytes used, excluding the NUL */
    size_t cap;   /* bytes allocated (0 while data is the static "") */
    size_t max;   /* cap on len; SIZE_MAX for none */
} cc_buf;

#define CC_BUF_INIT { (char *)cc_buf_empty, 0, 0, SIZE_MAX }
extern const char cc_buf_empty[1];

void cc_buf_init(cc_buf *b, size_t max);
/* Out of line: what cc_buf_add() and cc_buf_addc() do when the bytes do not fit yet. */
int cc_buf_add_grow(cc_buf *b, const void *p, size_t n);
/* Inline when the bytes fit the storage (reporters append a few bytes at a time). */
static inline int cc_buf_add(cc_buf *b, const void *p, size_t n)
{
    if (n < b->cap - b->len && b->len <= b->max && n <= b->max - b->len) {
        if (n)
            memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return 0;
    }
    return cc_buf_add_grow(b, p, n);
}
int cc_buf_adds(cc_buf *b, const char *s);
static inline int cc_buf_addc(cc_buf *b, char c)
{
    return cc_buf_add(b, &c, 1);
}
int cc_buf_addf(cc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cc_buf_vaddf(cc_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void cc_buf_reset(cc_buf *b);
char *cc_buf_detach(cc_buf *b);
void cc_buf_free(cc_buf *b);

/*
 * Names of an enum's values, one table per enum: the value at index i is named
 * names[i]. Messages that list the choices ("expected a, b or c") are built from the
 * same table, so that the words a user may write and the words we suggest never drift.
 */
typedef struct cc_names {
    const char *const *names;
    size_t n;
} cc_names;
#define CC_NAMES(arr) ((cc_names){(arr), sizeof(arr) / sizeof((arr)[0])})

/* The name of value `v`, or "?" when it has none. */
const char *cc_name_of(cc_names t, int v);
/* The value named `s` (exact match); -1 when there is none. */
int cc_name_find(cc_names t, const char *s);
/* Appends the names as a choice: "'a', 'b' or 'c'" (quoted with `quote`, or bare
 * when it is 0). */
void cc_names_choice(cc_buf *out, cc_names t, char quote);

/* Severity of a diagnostic or a finding; ordered so that a larger value is worse. */
typedef enum cc_severity {
    CC_SEV_INFO = 0,
    CC_SEV_WARNING = 1,
    CC_SEV_ERROR = 2,
} cc_severity;

extern const cc_names cc_severity_names; /* "info", "warning", "error" */
const char *cc_severity_name(cc_severity s);
int cc_severity_parse(const char *s, cc_severity *out); /* 0 ok, -1 unknown word */

/* What a diagnostic is about. The names are part of the JSON and SARIF output. */
typedef enum cc_diag_kind {
    CC_DIAG_INPUT,    /* an article: out-of-range figure, binary file, ... */
    CC_DIAG_ENCODING, /* invalid UTF-8, another encoding decoded */
    CC_DIAG_LIMIT,    /* a limit was reached: match limit, claim cap, depth */
    CC_DIAG_RULEBOOK, /* the rulebook is wrong */
    CC_DIAG_USAGE,    /* the command line is wrong */
    CC_DIAG_IO,       /* a file could not be read or written */
    CC_DIAG_BASELINE, /* a baseline or ignore file is wrong */
    CC_DIAG_DATABASE, /* the archive */
} cc_diag_kind;

extern const cc_names cc_diag_kind_names;
const char *cc_diag_kind_name(cc_diag_kind k);

/* Where in a file: 1-based line and column (in characters), byte offset. Unknown parts
 * are 0 (line, column) and UINT64_MAX (offset); CC_WHERE_NONE is the file as a whole. */
typedef struct cc_where {
    unsigned line;
    unsigned column;
    uint64_t byte_offset;
} cc_where;
#define CC_WHERE_NONE ((cc_where){0, 0, UINT64_MAX})
#define CC_AT(l, c, off) ((cc_where){(l), (c), (off)})

/*
 * A diagnostic: a problem with the input or the run, not a disagreement between
 * sources. An error means the run could not do what was asked (exit 2); a warning
 * does not change the exit code.
 */
typedef struct cc_diag {
    char *path;          /* file the problem is in ("" for the run as a whole) */
    unsigned line;       /* 1-based; 0 when not known */
    unsigned column;     /* 1-based, in characters; 0 when not known */
    uint64_t byte_offset;/* byte offset in the file, or UINT64_MAX when not known */
    cc_severity severity;/* CC_SEV_ERROR (the run failed) or CC_SEV_WARNING */
    cc_diag_kind kind;
    char *message;       /* lowercase, problem first, subject quoted */
} cc_diag;

typedef struct cc_diags {
    cc_diag *v;          /* the diagnostics, in the order they were added */
    size_t n, cap;
} cc_diags;

/*
 * Appending diagnostics, the way git's error() works: the error calls return -1 so
 * that a caller can write `return cc_error(...)`; the warning calls return 0.
 * `path` may be NULL (the run as a whole). The _errno variants append
 * ": <strerror(err)>" to the message.
 */
int cc_error(cc_diags *d, cc_diag_kind kind, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int cc_error_at(cc_diags *d, cc_diag_kind kind, const char *path, cc_where pos,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int cc_error_errno(cc_diags *d, cc_diag_kind kind, const char *path, int err,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int cc_warn(cc_diags *d, cc_diag_kind kind, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int cc_warn_at(cc_diags *d, cc_diag_kind kind, const char *path, cc_where pos,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The general form the others call: any severity (an informational note too). */
int cc_diag_addf(cc_diags *d, cc_severity sev, cc_diag_kind kind, const char *path, cc_where pos,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Appends a copy of `g` (from another list). */
void cc_diag_copy(cc_diags *to, const cc_diag *g);
/* Whether `g` means the run failed (exit 2). */
static inline bool cc_diag_fatal(const cc_diag *g)
{
    return g->severity == CC_SEV_ERROR;
}
bool cc_diags_fatal(const cc_diags *d);
void cc_diags_free(cc_diags *d);

/* Bounded, locale-independent helpers (no strtol/sscanf in this code base). */
bool cc_is_digit(int c);
/* Parses an unsigned decimal of at most `n` bytes, all digits; -1 when not, or > max. */
int cc_parse_uint(const char *s, size_t n, uint64_t max, uint64_t *out);

/* FNV-1a over s[0..n): the hash of the string index, and a stable number for a text. */
uint64_t cc_hash_bytes(const char *s, size_t n);

/* ---- a string index ----------------------------------------------------------------- */

/*
 * Open addressing from (borrowed) byte strings to a number, so that duplicate keys,
 * anchors and id look-ups stay linear on a hostile file with 100 000 keys. The strings
 * must outlive the index; a zeroed cc_strindex is empty.
 */
typedef struct cc_strindex {
    struct cc_strslot {
        const char *s;       /* NULL when the slot is free */
        size_t len;
        size_t value;
    } *slots;
    size_t cap, n;           /* cap is 0 or a power of two, at least 2n */
} cc_strindex;

/* The value stored for s[0..n), or SIZE_MAX. */
size_t cc_strindex_get(const cc_strindex *x, const char *s, size_t n);
/* Stores s[0..n) → value unless s is there; returns the value now stored. With
 * `replace`, an existing entry takes the new value. */
size_t cc_strindex_put(cc_strindex *x, const char *s, size_t n, size_t value, bool replace);
void cc_strindex_free(cc_strindex *x);

/* ---- paths -------------------------------------------------------------------------- */

/* A path as reports show it and fingerprints use it: no "./" components, no repeated or
 * trailing slashes, so that "./a//b.txt" and "a/b.txt" read the same. "." stays ".".
 * Lexical only (no file system). Owned by the caller. */
char *cc_path_normalize(const char *p);

/* ---- user strings in messages ------------------------------------------------------- */

#define CC_SHOWN_MAX 60 /* bytes of a user string quoted in a message */
/* A user string fit for a message, written into buf: cut at CC_SHOWN_MAX bytes (on a
 * character boundary, with "…"), control characters shown as '?'. Returns buf. */
const char *cc_shown(const char *s, char buf[CC_SHOWN_MAX + 8]);

/* ---- files ------------------------------------------------------------------------ */

/*
 * Articles are read from regular files (and "-", standard input) only: a FIFO no one
 * writes to would block the run, a device such as /dev/zero never ends. The reason a
 * file named to check, extract or index is refused, for "cannot read 'x': REASON":
 * "not a regular file (a FIFO)", "... (a character device)". `mode` is stat's st_mode.
 */
const char *cc_not_regular_reason(unsigned mode);

/*
 * Reads the whole of the regular file `path` into out (initialised here, capped at `max`
 * bytes): the one reader of the small files a run names (rulebook, baseline, ignore
 * file). Opened without blocking, so that a FIFO cannot hang the run. 0, or -1 with
 * errno set (EFBIG when the file is larger than `max`) and *reason the text that follows
 * "cannot read 'x': " (strerror, or cc_not_regular_reason for a FIFO or a device); `out`
 * is then empty.
 */
int cc_read_regular(const char *path, size_t max, cc_buf *out, const char **reason);

/* ---- names of enum values: choices with brackets (pattern helper) ---------------- */

/* As cc_names_choice(), each name between `before` and `after`: "{a}, {b} or {c}". */
void cc_names_choice_around(cc_buf *out, cc_names t, const char *before, const char *after);

#endif
