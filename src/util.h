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
int cc_buf_add(cc_buf *b, const void *p, size_t n);
int cc_buf_adds(cc_buf *b, const char *s);
int cc_buf_addc(cc_buf *b, char c);
int cc_buf_addf(cc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cc_buf_vaddf(cc_buf *b, const char *fmt, va_list ap);
void cc_buf_reset(cc_buf *b);
char *cc_buf_detach(cc_buf *b);
void cc_buf_free(cc_buf *b);

/* Severity of a diagnostic or a finding; ordered so that a larger value is worse. */
typedef enum cc_severity {
    CC_SEV_INFO = 0,
    CC_SEV_WARNING = 1,
    CC_SEV_ERROR = 2,
} cc_severity;

const char *cc_severity_name(cc_severity s); /* "info", "warning", "error" */
int cc_severity_parse(const char *s, cc_severity *out); /* 0 ok, -1 unknown word */

/*
 * A diagnostic: a problem with the input or the run, not a disagreement between
 * sources. `fatal` diagnostics mean the run could not do what was asked (exit 2);
 * the others are warnings that do not change the exit code.
 */
typedef struct cc_diag {
    char *path;          /* file the problem is in ("" for the run as a whole) */
    unsigned line;       /* 1-based; 0 when not known */
    unsigned column;     /* 1-based, in characters; 0 when not known */
    uint64_t byte_offset;/* byte offset in the file, or UINT64_MAX when not known */
    cc_severity severity;
    bool fatal;          /* the run cannot do what was asked: exit code 2 */
    char *kind;          /* short tag: "input", "encoding", "limit", "rulebook", "usage", "io" */
    char *message;       /* lowercase, problem first, subject quoted */
} cc_diag;

typedef struct cc_diags {
    cc_diag *v;          /* the diagnostics, in the order they were added */
    size_t n, cap;
} cc_diags;

/* Appends one diagnostic; returns -1 so that callers can `return cc_diag_add(...)`
 * when `fatal`, and 0 otherwise. */
int cc_diag_add(cc_diags *d, bool fatal, cc_severity sev, const char *kind,
                const char *path, unsigned line, unsigned column, uint64_t byte_offset,
                const char *fmt, ...) __attribute__((format(printf, 9, 10)));
bool cc_diags_fatal(const cc_diags *d);
void cc_diags_free(cc_diags *d);

/* Bounded, locale-independent helpers (no strtol/sscanf in this code base). */
bool cc_is_digit(int c);
/* Parses an unsigned decimal of at most `n` bytes, all digits; -1 when not, or > max. */
int cc_parse_uint(const char *s, size_t n, uint64_t max, uint64_t *out);

#endif
