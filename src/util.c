/* util.c — memory, buffers and diagnostics shared by every module. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

const char cc_buf_empty[1] = "";

static void die_oom(size_t n)
{
    fprintf(stderr, "crosscheck: out of memory (allocating %zu bytes)\n", n);
    abort();
}

void *cc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die_oom(n);
    return p;
}

void *cc_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        die_oom(count * size);
    return p;
}

void *cc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die_oom(n);
    return q;
}

char *cc_xstrdup(const char *s)
{
    return cc_xstrndup(s, strlen(s));
}

char *cc_xstrndup(const char *s, size_t n)
{
    char *p = cc_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void cc_grow_array(void **pv, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2 / elem)
            die_oom(SIZE_MAX);
        c *= 2;
    }
    *pv = cc_xrealloc(*pv, c * elem);
    *cap = c;
}

/* ---- cc_buf ------------------------------------------------------------ */

void cc_buf_init(cc_buf *b, size_t max)
{
    b->data = (char *)cc_buf_empty;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

/* Makes room for `extra` more bytes (plus the NUL); -1 past the cap. */
static int buf_reserve(cc_buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t c = b->cap ? b->cap : 64;
    while (c < need)
        c = c > SIZE_MAX / 2 ? need : c * 2;
    char *p = b->cap ? b->data : NULL;
    p = cc_xrealloc(p, c);
    if (!b->cap)
        p[0] = '\0';
    b->data = p;
    b->cap = c;
    return 0;
}

int cc_buf_add_grow(cc_buf *b, const void *p, size_t n)
{
    if (buf_reserve(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int cc_buf_adds(cc_buf *b, const char *s)
{
    return cc_buf_add(b, s, strlen(s));
}


int cc_buf_vaddf(cc_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0 || buf_reserve(b, (size_t)n) < 0)
        return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int cc_buf_addf(cc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = cc_buf_vaddf(b, fmt, ap);
    va_end(ap);
    return r;
}

void cc_buf_reset(cc_buf *b)
{
    b->len = 0;
    if (b->cap)
        b->data[0] = '\0';
}

char *cc_buf_detach(cc_buf *b)
{
    char *p = b->cap ? b->data : cc_xstrdup("");
    cc_buf_init(b, b->max);
    return p;
}

void cc_buf_free(cc_buf *b)
{
    if (b->cap)
        free(b->data);
    cc_buf_init(b, b->max);
}

/* ---- severities and diagnostics ----------------------------------------- */

/* ---- names of enum values -------------------------------------------------- */

const char *cc_name_of(cc_names t, int v)
{
    return v >= 0 && (size_t)v < t.n && t.names[v] ? t.names[v] : "?";
}

int cc_name_find(cc_names t, const char *s)
{
    for (size_t i = 0; i < t.n; i++)
        if (t.names[i] && strcmp(s, t.names[i]) == 0)
            return (int)i;
    return -1;
}

void cc_names_choice(cc_buf *out, cc_names t, char quote)
{
    char q[2] = {quote, '\0'};
    cc_names_choice_around(out, t, q, q);
}

static const char *const SEVERITY_NAMES[] = {"info", "warning", "error"};
const cc_names cc_severity_names = CC_NAMES(SEVERITY_NAMES);

const char *cc_severity_name(cc_severity s)
{
    return cc_name_of(cc_severity_names, (int)s);
}

int cc_severity_parse(const char *s, cc_severity *out)
{
    int v = cc_name_find(cc_severity_names, s);
    if (v < 0)
        return -1;
    *out = (cc_severity)v;
    return 0;
}

static const char *const DIAG_KIND_NAMES[] = {
    [CC_DIAG_INPUT] = "input",       [CC_DIAG_ENCODING] = "encoding",
    [CC_DIAG_LIMIT] = "limit",       [CC_DIAG_RULEBOOK] = "rulebook",
    [CC_DIAG_USAGE] = "usage",       [CC_DIAG_IO] = "io",
    [CC_DIAG_BASELINE] = "baseline", [CC_DIAG_DATABASE] = "database",
};
const cc_names cc_diag_kind_names = CC_NAMES(DIAG_KIND_NAMES);

const char *cc_diag_kind_name(cc_diag_kind k)
{
    return cc_name_of(cc_diag_kind_names, (int)k);
}

/* ---- diagnostics ------------------------------------------------------------- */

static cc_diag *diag_push(cc_diags *d, cc_severity sev, cc_diag_kind kind, const char *path,
                          cc_where pos)
{
    CC_GROW(d->v, d->cap, d->n + 1);
    cc_diag *g = &d->v[d->n++];
    g->path = cc_xstrdup(path ? path : "");
    g->line = pos.line;
    g->column = pos.column;
    g->byte_offset = pos.byte_offset;
    g->severity = sev;
    g->kind = kind;
    g->message = NULL;
    return g;
}

static void diag_vmessage(cc_diag *g, int err, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void diag_vmessage(cc_diag *g, int err, const char *fmt, va_list ap)
{
    cc_buf msg = CC_BUF_INIT;
    cc_buf_vaddf(&msg, fmt, ap);
    if (err)
        cc_buf_addf(&msg, ": %s", strerror(err));
    g->message = cc_buf_detach(&msg);
}

#define DIAG_BODY(sev, kind, path, pos, err, result)                                     \
    do {                                                                                 \
        va_list ap;                                                                      \
        va_start(ap, fmt);                                                               \
        diag_vmessage(diag_push(d, (sev), (kind), (path), (pos)), (err), fmt, ap);       \
        va_end(ap);                                                                      \
        return (result);                                                                 \
    } while (0)

int cc_diag_addf(cc_diags *d, cc_severity sev, cc_diag_kind kind, const char *path, cc_where pos,
                 const char *fmt, ...)
{
    DIAG_BODY(sev, kind, path, pos, 0, sev == CC_SEV_ERROR ? -1 : 0);
}

int cc_error(cc_diags *d, cc_diag_kind kind, const char *path, const char *fmt, ...)
{
    DIAG_BODY(CC_SEV_ERROR, kind, path, CC_WHERE_NONE, 0, -1);
}

int cc_error_at(cc_diags *d, cc_diag_kind kind, const char *path, cc_where pos,
                const char *fmt, ...)
{
    DIAG_BODY(CC_SEV_ERROR, kind, path, pos, 0, -1);
}

int cc_error_errno(cc_diags *d, cc_diag_kind kind, const char *path, int err,
                   const char *fmt, ...)
{
    DIAG_BODY(CC_SEV_ERROR, kind, path, CC_WHERE_NONE, err, -1);
}

int cc_warn(cc_diags *d, cc_diag_kind kind, const char *path, const char *fmt, ...)
{
    DIAG_BODY(CC_SEV_WARNING, kind, path, CC_WHERE_NONE, 0, 0);
}

int cc_warn_at(cc_diags *d, cc_diag_kind kind, const char *path, cc_where pos,
               const char *fmt, ...)
{
    DIAG_BODY(CC_SEV_WARNING, kind, path, pos, 0, 0);
}

void cc_diag_copy(cc_diags *to, const cc_diag *g)
{
    cc_diag *c = diag_push(to, g->severity, g->kind, g->path,
                           CC_AT(g->line, g->column, g->byte_offset));
    c->message = cc_xstrdup(g->message);
}

bool cc_diags_fatal(const cc_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (cc_diag_fatal(&d->v[i]))
            return true;
    return false;
}

void cc_diags_free(cc_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].path);
        free(d->v[i].message);
    }
    free(d->v);
    d->v = NULL;
    d->n = d->cap = 0;
}

bool cc_is_digit(int c)
{
    return c >= '0' && c <= '9';
}

int cc_parse_uint(const char *s, size_t n, uint64_t max, uint64_t *out)
{
    if (n == 0)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!cc_is_digit((unsigned char)s[i]))
            return -1;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* ---- a string index (util.h) ---------------------------------------------- */

uint64_t cc_hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static struct cc_strslot *strindex_slot(const cc_strindex *x, const char *s, size_t n)
{
    size_t i = (size_t)cc_hash_bytes(s, n) & (x->cap - 1);
    while (x->slots[i].s && (x->slots[i].len != n || memcmp(x->slots[i].s, s, n) != 0))
        i = (i + 1) & (x->cap - 1);
    return &x->slots[i];
}

size_t cc_strindex_get(const cc_strindex *x, const char *s, size_t n)
{
    if (!x->cap)
        return SIZE_MAX;
    const struct cc_strslot *e = strindex_slot(x, s, n);
    return e->s ? e->value : SIZE_MAX;
}

size_t cc_strindex_put(cc_strindex *x, const char *s, size_t n, size_t value, bool replace)
{
    if (2 * (x->n + 1) > x->cap) {
        cc_strindex old = *x;
        x->cap = old.cap ? 2 * old.cap : 16;
        x->slots = cc_xcalloc(x->cap, sizeof *x->slots);
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i].s)
                *strindex_slot(x, old.slots[i].s, old.slots[i].len) = old.slots[i];
        free(old.slots);
    }
    struct cc_strslot *e = strindex_slot(x, s, n);
    if (!e->s) {
        *e = (struct cc_strslot){s, n, value};
        x->n++;
    } else if (replace) {
        e->value = value;
    }
    return e->value;
}

void cc_strindex_free(cc_strindex *x)
{
    free(x->slots);
    x->slots = NULL;
    x->cap = x->n = 0;
}

/* ---- paths (util.h) ------------------------------------------------------------ */

char *cc_path_normalize(const char *p)
{
    cc_buf b = CC_BUF_INIT;
    bool absolute = p[0] == '/';
    if (absolute)
        cc_buf_addc(&b, '/');
    const char *s = p;
    while (*s) {
        while (*s == '/')
            s++;
        const char *e = s;
        while (*e && *e != '/')
            e++;
        size_t n = (size_t)(e - s);
        if (n && !(n == 1 && s[0] == '.')) {
            if (b.len && b.data[b.len - 1] != '/')
                cc_buf_addc(&b, '/');
            cc_buf_add(&b, s, n);
        }
        s = e;
    }
    if (b.len == 0)
        cc_buf_addc(&b, '.');
    return cc_buf_detach(&b);
}

/* ---- user strings in messages (util.h) ------------------------------------ */

const char *cc_shown(const char *s, char buf[CC_SHOWN_MAX + 8])
{
    size_t n = 0;
    for (; s[n] && n < CC_SHOWN_MAX; n++)
        buf[n] = (unsigned char)s[n] < 0x20 || s[n] == 0x7f ? '?' : s[n];
    if (s[n]) {
        while (n > 0 && ((unsigned char)buf[n] & 0xc0) == 0x80)
            n--; /* buf[n] would be a continuation byte: drop the partial character */
        memcpy(buf + n, "…", strlen("…"));
        n += strlen("…");
    }
    buf[n] = '\0';
    return buf;
}

/* ---- files (util.h) ---------------------------------------------------------------- */

const char *cc_not_regular_reason(unsigned mode)
{
    switch (mode & S_IFMT) {
    case S_IFIFO: return "not a regular file (a FIFO)";
    case S_IFCHR: return "not a regular file (a character device)";
    case S_IFBLK: return "not a regular file (a block device)";
    case S_IFSOCK: return "not a regular file (a socket)";
    case S_IFDIR: return "not a regular file (a folder)";
    default: return "not a regular file";
    }
}

int cc_read_regular(const char *path, size_t max, cc_buf *out, const char **reason)
{
    cc_buf_init(out, max);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    int err = fd < 0 ? errno : fstat(fd, &st) < 0 ? errno : 0;
    *reason = NULL;
    if (!err && !S_ISREG(st.st_mode)) {
        err = EINVAL;
        *reason = cc_not_regular_reason(st.st_mode);
    }
    char chunk[65536];
    while (!err) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n == 0)
            break;
        if (n < 0 && errno != EINTR)
            err = errno;
        else if (n > 0 && cc_buf_add(out, chunk, (size_t)n) < 0)
            err = EFBIG;
    }
    if (fd >= 0)
        close(fd);
    if (!err)
        return 0;
    cc_buf_free(out);
    if (!*reason)
        *reason = strerror(err);
    errno = err;
    return -1;
}

/* ---- names of enum values: choices with brackets (pattern helper) ---------------- */

void cc_names_choice_around(cc_buf *out, cc_names t, const char *before, const char *after)
{
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < t.n; i++)
        total += t.names[i] != NULL;
    for (size_t i = 0; i < t.n; i++) {
        if (!t.names[i])
            continue;
        if (shown)
            cc_buf_adds(out, shown + 1 == total ? " or " : ", ");
        cc_buf_adds(out, before);
        cc_buf_adds(out, t.names[i]);
        cc_buf_adds(out, after);
        shown++;
    }
}
