/*
 * report_json.c — the JSON contract of SPEC §5, and `extract --format json` (one claim
 * per line).
 *
 * The report is pretty-printed exactly as Python's json.dumps(obj, indent=2,
 * ensure_ascii=False) would print it (every object and array opened on its own lines,
 * "[]" and "{}" when empty, ", " never at a line end), so that the output is stable,
 * diffable and easy to check against any JSON library. JSON Lines output is compact
 * (no spaces after ':' and ','). Output is built in a buffer that is flushed to the
 * FILE every JSON_FLUSH_BYTES, so memory stays bounded however many claims there are.
 */
#include "report_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CC_VERSION
#define CC_VERSION "unknown"
#endif

#define JSON_FLUSH_BYTES (64u * 1024u)

/* ---- UTF-8 and strings -------------------------------------------------- */

size_t cc_report_utf8_next(const char *s, size_t n, int32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;  /* allowed range of the second byte */
    int32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = (int32_t)(c & 0x1F);
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = (int32_t)(c & 0x0F);
        if (c == 0xE0)
            lo = 0xA0;              /* overlong */
        if (c == 0xED)
            hi = 0x9F;              /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = (int32_t)(c & 0x07);
        if (c == 0xF0)
            lo = 0x90;              /* overlong */
        if (c == 0xF4)
            hi = 0x8F;              /* past U+10FFFF */
    } else {
        *cp = -1;                   /* a continuation byte, C0, C1 or F5..FF */
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if (i >= n || p[i] < lo || p[i] > hi) {
            *cp = -1;
            return i;
        }
        v = (v << 6) | (int32_t)(p[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = v;
    return len;
}

/* The escape JSON (and Python) use for an ASCII byte, or NULL when it needs none. */
static const char *json_short_escape(unsigned char c)
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return NULL;
    }
}

void cc_json_string(cc_buf *out, const char *s, size_t n)
{
    cc_buf_addc(out, '"');
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int32_t cp;
            size_t k = cc_report_utf8_next(s + i, n - i, &cp);
            if (cp < 0)
                cc_buf_adds(out, "\xEF\xBF\xBD"); /* U+FFFD */
            else
                cc_buf_add(out, s + i, k);
            i += k;
            continue;
        }
        const char *esc = json_short_escape(c);
        if (esc)
            cc_buf_adds(out, esc);
        else if (c < 0x20)
            cc_buf_addf(out, "\\u%04x", c);
        else
            cc_buf_addc(out, (char)c);
        i++;
    }
    cc_buf_addc(out, '"');
}

/* ---- a small JSON writer -------------------------------------------------- */

/* Tracks where we are so that separators, newlines and indentation come out right
 * in both the pretty and the compact form. */
typedef struct jw {
    cc_buf *out;      /* what is written */
    FILE *file;       /* flushed to now and then; NULL: keep everything in `out` */
    bool pretty;      /* 2-space indentation, else compact */
    int depth;        /* open objects and arrays */
    bool first;       /* nothing written yet in the innermost open container */
    bool failed;      /* a write to `file` failed */
} jw;

static void jw_flush(jw *w)
{
    if (!w->file || w->out->len == 0)
        return;
    if (fwrite(w->out->data, 1, w->out->len, w->file) != w->out->len)
        w->failed = true;
    cc_buf_reset(w->out);
}

/* Flushes when the buffer is large: called between array elements. */
static void jw_maybe_flush(jw *w)
{
    if (w->out->len >= JSON_FLUSH_BYTES)
        jw_flush(w);
}

static void jw_newline(jw *w)
{
    if (!w->pretty)
        return;
    cc_buf_addc(w->out, '\n');
    for (int i = 0; i < w->depth; i++)
        cc_buf_add(w->out, "  ", 2);
}

static void jw_open(jw *w, char bracket)
{
    cc_buf_addc(w->out, bracket);
    w->depth++;
    w->first = true;
}

static void jw_close(jw *w, char bracket)
{
    w->depth--;
    if (!w->first)
        jw_newline(w);
    cc_buf_addc(w->out, bracket);
    w->first = false;
}

/* Before an array element or an object member. */
static void jw_item(jw *w)
{
    if (!w->first)
        cc_buf_addc(w->out, ',');
    jw_newline(w);
    w->first = false;
}

static void jw_key(jw *w, const char *key)
{
    jw_item(w);
    cc_json_string(w->out, key, strlen(key));
    cc_buf_adds(w->out, w->pretty ? ": " : ":");
}

static void jw_null(jw *w)
{
    cc_buf_adds(w->out, "null");
}

/* A string, or null for NULL. */
static void jw_str(jw *w, const char *s)
{
    if (s)
        cc_json_string(w->out, s, strlen(s));
    else
        jw_null(w);
}

static void jw_uint(jw *w, uint64_t v)
{
    cc_buf_addf(w->out, "%llu", (unsigned long long)v);
}

static void jw_int(jw *w, long long v)
{
    cc_buf_addf(w->out, "%lld", v);
}

/* A double in its shortest round-trip form; null for an infinite end (or NaN). */
static void jw_double(jw *w, double x)
{
    if (isinf(x) || isnan(x))
        jw_null(w);
    else
        cc_format_double(x, w->out);
}

static void jw_kstr(jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_str(w, s);
}

static void jw_kuint(jw *w, const char *key, uint64_t v)
{
    jw_key(w, key);
    jw_uint(w, v);
}

static void jw_kbool(jw *w, const char *key, bool v)
{
    jw_key(w, key);
    cc_buf_adds(w->out, v ? "true" : "false");
}

static void jw_kdouble(jw *w, const char *key, double x)
{
    jw_key(w, key);
    jw_double(w, x);
}

/* A year as a string ("2020"), null when 0: scopes are labels, not quantities. */
static void jw_kscope(jw *w, const char *key, int year)
{
    jw_key(w, key);
    if (year == 0) {
        jw_null(w);
        return;
    }
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%d", year);
    jw_str(w, tmp);
}

/* ---- ids from the rulebook ------------------------------------------------ */

static const char *field_id(const cc_run *run, int i)
{
    return run->rb && i >= 0 && (size_t)i < run->rb->nfields ? run->rb->fields[i].id : NULL;
}

static const char *subject_id(const cc_run *run, int i)
{
    return run->rb && i >= 0 && (size_t)i < run->rb->nsubjects ? run->rb->subjects[i].id : NULL;
}

static const char *rule_id(const cc_run *run, int i)
{
    return run->rb && i >= 0 && (size_t)i < run->rb->nrules ? run->rb->rules[i].id : NULL;
}

static const char *doc_path(const cc_run *run, int doc)
{
    return doc >= 0 && (size_t)doc < run->ndocs ? run->docs[doc].path : NULL;
}

/* ---- values and claims ---------------------------------------------------- */

/* The members of a date object: "from", "to", "precision". */
static void json_date_members(jw *w, const cc_date *d)
{
    char day[11];
    cc_format_day(d->from, day);
    jw_kstr(w, "from", day);
    cc_format_day(d->to, day);
    jw_kstr(w, "to", day);
    jw_kstr(w, "precision", cc_precision_name(d->precision));
}

static void json_value(jw *w, const cc_value *v)
{
    jw_open(w, '{');
    jw_kstr(w, "type", cc_type_name(v->type));
    switch (v->type) {
    case CC_TYPE_NUMBER:
    case CC_TYPE_PERCENT:
        jw_kdouble(w, "lo", v->range.lo);
        jw_kdouble(w, "hi", v->range.hi);
        break;
    case CC_TYPE_MONEY:
        jw_key(w, "currency");
        cc_json_string(w->out, v->currency, strnlen(v->currency, sizeof v->currency));
        jw_kdouble(w, "lo", v->range.lo);
        jw_kdouble(w, "hi", v->range.hi);
        break;
    case CC_TYPE_RANK:
        jw_key(w, "position");
        jw_int(w, (long long)v->position);
        jw_key(w, "total");
        if (v->total)
            jw_int(w, (long long)v->total);
        else
            jw_null(w);
        break;
    case CC_TYPE_DATE:
        json_date_members(w, &v->start);
        break;
    case CC_TYPE_PERIOD:
        jw_key(w, "start");
        jw_open(w, '{');
        json_date_members(w, &v->start);
        jw_close(w, '}');
        jw_key(w, "end");
        jw_open(w, '{');
        json_date_members(w, &v->end);
        jw_close(w, '}');
        break;
    }
    jw_close(w, '}');
}

static void json_claim(jw *w, const cc_run *run, const cc_claim *c)
{
    jw_open(w, '{');
    jw_kstr(w, "path", doc_path(run, c->doc));
    jw_kuint(w, "line", c->line);
    jw_kuint(w, "column", c->column);
    jw_kuint(w, "byte_offset", c->byte_offset);
    jw_kuint(w, "byte_length", c->byte_length);
    jw_kstr(w, "text", c->text);
    jw_kstr(w, "value_text", c->value_text);
    jw_kstr(w, "sentence", c->sentence);
    jw_kstr(w, "field", field_id(run, c->field));
    jw_kstr(w, "subject", subject_id(run, c->subject));
    jw_kscope(w, "scope", c->scope);
    jw_key(w, "value");
    json_value(w, &c->value);
    jw_close(w, '}');
}

void cc_json_claim(cc_buf *out, const cc_run *run, const cc_claim *c)
{
    jw w = {.out = out, .first = true};
    json_claim(&w, run, c);
}

void cc_json_value(cc_buf *out, const cc_value *v)
{
    jw w = {.out = out, .first = true};
    json_value(&w, v);
}

/* ---- the report ------------------------------------------------------------ */

static void json_tool(jw *w)
{
    jw_key(w, "tool");
    jw_open(w, '{');
    jw_kstr(w, "name", "crosscheck");
    jw_kstr(w, "version", CC_VERSION);
    jw_close(w, '}');
}

static void json_rulebook(jw *w, const cc_run *run, const cc_report_opts *o)
{
    const cc_rulebook *rb = run->rb;
    const char *path = o && o->rulebook_path ? o->rulebook_path : rb ? rb->path : NULL;
    jw_key(w, "rulebook");
    jw_open(w, '{');
    jw_kstr(w, "path", path);
    jw_kstr(w, "name", rb ? rb->name : NULL);
    jw_kstr(w, "sha256", rb ? rb->sha256 : NULL);
    jw_close(w, '}');
}

/* The document each diagnostic is listed under: the first one with its path, or -1
 * for run diagnostics (path "") and paths that match no document. */
static long *diag_owners(const cc_run *run)
{
    long *owner = cc_xcalloc(run->diags.n, sizeof *owner);
    for (size_t i = 0; i < run->diags.n; i++) {
        owner[i] = -1;
        const char *p = run->diags.v[i].path;
        for (size_t d = 0; p && p[0] && d < run->ndocs; d++)
            if (strcmp(run->docs[d].path, p) == 0) {
                owner[i] = (long)d;
                break;
            }
    }
    return owner;
}

static void json_diag(jw *w, const cc_diag *g, bool with_path)
{
    jw_open(w, '{');
    if (with_path)
        jw_kstr(w, "path", g->path && g->path[0] ? g->path : NULL);
    jw_kuint(w, "line", g->line);
    jw_kuint(w, "column", g->column);
    jw_key(w, "byte_offset");
    if (g->byte_offset == UINT64_MAX)
        jw_null(w);
    else
        jw_uint(w, g->byte_offset);
    jw_kstr(w, "severity", cc_severity_name(g->severity));
    jw_kstr(w, "kind", cc_diag_kind_name(g->kind));
    jw_kstr(w, "message", g->message);
    jw_close(w, '}');
}

/* "diagnostics": the diagnostics owned by document `doc` (-1: the run's own). */
static void json_diags(jw *w, const cc_run *run, const long *owner, long doc)
{
    jw_key(w, "diagnostics");
    jw_open(w, '[');
    for (size_t i = 0; i < run->diags.n; i++)
        if (owner[i] == doc) {
            jw_item(w);
            json_diag(w, &run->diags.v[i], doc < 0);
        }
    jw_close(w, ']');
}

static void json_document(jw *w, const cc_run *run, size_t i, const long *owner)
{
    const cc_document *d = &run->docs[i];
    jw_open(w, '{');
    jw_kstr(w, "path", d->path);
    jw_kstr(w, "date", d->date[0] ? d->date : NULL);
    jw_kstr(w, "date_from", cc_date_from_name(d->date_from));
    jw_kstr(w, "title", d->title);
    jw_kstr(w, "source", d->source);
    jw_kbool(w, "skipped", d->skipped);
    jw_kuint(w, "claims", d->nclaims);
    json_diags(w, run, owner, (long)i);
    jw_close(w, '}');
}

static void json_documents(jw *w, const cc_run *run, const long *owner)
{
    jw_key(w, "documents");
    jw_open(w, '[');
    for (size_t i = 0; i < run->ndocs; i++) {
        jw_item(w);
        json_document(w, run, i, owner);
        jw_maybe_flush(w);
    }
    jw_close(w, ']');
}

static const cc_claim *claim_at(const cc_run *run, long i)
{
    return i >= 0 && (size_t)i < run->nclaims ? &run->claims[i] : NULL;
}

/* An array of claims given by index (indices out of range are left out). */
static void json_claim_list(jw *w, const cc_run *run, const size_t *idx, size_t n)
{
    jw_open(w, '[');
    for (size_t i = 0; i < n; i++) {
        const cc_claim *c = claim_at(run, (long)idx[i]);
        if (!c)
            continue;
        jw_item(w);
        json_claim(w, run, c);
    }
    jw_close(w, ']');
}

static void json_side(jw *w, const cc_run *run, const cc_side *s)
{
    jw_open(w, '{');
    jw_key(w, "value");
    json_value(w, &s->value);
    jw_key(w, "documents");
    jw_int(w, s->ndocs);
    jw_key(w, "claims");
    json_claim_list(w, run, s->claims, s->nclaims);
    jw_close(w, '}');
}

/* "location": the claim, or null and then "path", "line", "column" of the finding. */
static void json_location(jw *w, const cc_run *run, const cc_finding *f)
{
    const cc_claim *loc = claim_at(run, f->location);
    jw_key(w, "location");
    if (loc) {
        json_claim(w, run, loc);
        return;
    }
    jw_null(w);
    jw_kstr(w, "path", f->path);
    jw_kuint(w, "line", f->line);
    jw_kuint(w, "column", f->column);
}

static void json_finding(jw *w, const cc_run *run, const cc_finding *f)
{
    jw_open(w, '{');
    jw_kstr(w, "kind", cc_finding_kind_name(f->kind));
    jw_kstr(w, "rule", rule_id(run, f->rule));
    jw_kstr(w, "field", field_id(run, f->field));
    jw_kstr(w, "subject", subject_id(run, f->subject));
    jw_kscope(w, "scope", f->scope);
    jw_kstr(w, "severity", cc_severity_name(f->severity));
    jw_kstr(w, "message", f->message);
    jw_key(w, "fingerprint");
    cc_json_string(w->out, f->fingerprint, strnlen(f->fingerprint, sizeof f->fingerprint));
    json_location(w, run, f);
    jw_key(w, "majority");
    if (f->majority >= 0 && (size_t)f->majority < f->nsides)
        jw_int(w, f->majority);
    else
        jw_null(w);
    jw_key(w, "sides");
    jw_open(w, '[');
    for (size_t i = 0; i < f->nsides; i++) {
        jw_item(w);
        json_side(w, run, &f->sides[i]);
    }
    jw_close(w, ']');
    jw_key(w, "compatible");
    json_claim_list(w, run, f->compatible, f->ncompatible);
    jw_close(w, '}');
}

static void json_findings(jw *w, const cc_run *run)
{
    jw_key(w, "findings");
    jw_open(w, '[');
    for (size_t i = 0; i < run->nfindings; i++) {
        jw_item(w);
        json_finding(w, run, &run->findings[i]);
        jw_maybe_flush(w);
    }
    jw_close(w, ']');
}

static void json_summary(jw *w, const cc_summary *s)
{
    jw_key(w, "summary");
    jw_open(w, '{');
    jw_kuint(w, "documents", s->documents);
    jw_kuint(w, "claims", s->claims);
    jw_kuint(w, "groups", s->groups);
    jw_kuint(w, "findings", s->findings);
    jw_kuint(w, "errors", s->errors);
    jw_kuint(w, "warnings", s->warnings);
    jw_kuint(w, "infos", s->infos);
    jw_key(w, "exit_code");
    jw_int(w, s->exit_code);
    jw_close(w, '}');
}

/* Writes what is left and reports whether every write went through. */
static int jw_finish(jw *w)
{
    jw_flush(w);
    cc_buf_free(w->out);
    if (fflush(w->file) != 0 || ferror(w->file))
        w->failed = true;
    return w->failed ? -1 : 0;
}

int cc_report_json(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    cc_buf buf = CC_BUF_INIT;
    jw w = {.out = &buf, .file = out, .pretty = true, .first = true};
    long *owner = diag_owners(run);
    jw_open(&w, '{');
    json_tool(&w);
    json_rulebook(&w, run, o);
    json_documents(&w, run, owner);
    json_diags(&w, run, owner, -1);
    json_findings(&w, run);
    json_summary(&w, &run->summary);
    jw_close(&w, '}');
    cc_buf_addc(&buf, '\n');
    free(owner);
    return jw_finish(&w);
}

int cc_report_claims_jsonl(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    cc_buf buf = CC_BUF_INIT;
    jw w = {.out = &buf, .file = out, .first = true};
    for (size_t i = 0; i < run->nclaims; i++) {
        w.first = true;
        json_claim(&w, run, &run->claims[i]);
        cc_buf_addc(&buf, '\n');
        jw_maybe_flush(&w);
    }
    return jw_finish(&w);
}
