/* util.c — memory, buffers and diagnostics shared by every module. */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int cc_buf_add(cc_buf *b, const void *p, size_t n)
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

int cc_buf_addc(cc_buf *b, char c)
{
    return cc_buf_add(b, &c, 1);
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

const char *cc_severity_name(cc_severity s)
{
    switch (s) {
    case CC_SEV_INFO: return "info";
    case CC_SEV_WARNING: return "warning";
    case CC_SEV_ERROR: return "error";
    }
    return "error";
}

int cc_severity_parse(const char *s, cc_severity *out)
{
    static const struct { const char *name; cc_severity sev; } table[] = {
        {"info", CC_SEV_INFO}, {"warning", CC_SEV_WARNING}, {"error", CC_SEV_ERROR},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(s, table[i].name) == 0) {
            *out = table[i].sev;
            return 0;
        }
    return -1;
}

int cc_diag_add(cc_diags *d, bool fatal, cc_severity sev, const char *kind,
                const char *path, unsigned line, unsigned column, uint64_t byte_offset,
                const char *fmt, ...)
{
    CC_GROW(d->v, d->cap, d->n + 1);
    cc_diag *g = &d->v[d->n++];
    cc_buf msg = CC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    g->path = cc_xstrdup(path ? path : "");
    g->line = line;
    g->column = column;
    g->byte_offset = byte_offset;
    g->severity = sev;
    g->fatal = fatal;
    g->kind = cc_xstrdup(kind ? kind : "input");
    g->message = cc_buf_detach(&msg);
    return fatal ? -1 : 0;
}

bool cc_diags_fatal(const cc_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].fatal)
            return true;
    return false;
}

void cc_diags_free(cc_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].path);
        free(d->v[i].kind);
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
