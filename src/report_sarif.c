/*
 * report_sarif.c — SARIF 2.1.0: one run, a rule descriptor per rule that reported, a
 * result per finding with its related locations and fingerprint, and the diagnostics as
 * tool execution notifications.
 *
 * The log is pretty-printed with 2-space indentation (as report_json.c does) into a
 * buffer flushed to the FILE every SARIF_FLUSH_BYTES, so memory stays bounded however
 * many findings there are. Every string goes through cc_json_string (invalid UTF-8
 * becomes U+FFFD) and every URI through cc_sarif_uri (plain ASCII), so the log is valid
 * JSON whatever the articles hold.
 */
#include "report_sarif.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "report_json.h"

#ifndef CC_VERSION
#define CC_VERSION "unknown"
#endif

#define SARIF_FLUSH_BYTES (64u * 1024u)
#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define FINGERPRINT_KEY "crosscheck/v1"

/* ---- a small pretty JSON writer ------------------------------------------- */

typedef struct sw {
    cc_buf *out;      /* what is written */
    FILE *file;       /* flushed to now and then */
    int depth;        /* open objects and arrays */
    bool first;       /* nothing written yet in the innermost open container */
    bool failed;      /* a write to `file` failed */
} sw;

static void sw_flush(sw *w)
{
    if (w->out->len == 0)
        return;
    if (fwrite(w->out->data, 1, w->out->len, w->file) != w->out->len)
        w->failed = true;
    cc_buf_reset(w->out);
}

static void sw_maybe_flush(sw *w)
{
    if (w->out->len >= SARIF_FLUSH_BYTES)
        sw_flush(w);
}

static void sw_newline(sw *w)
{
    cc_buf_addc(w->out, '\n');
    for (int i = 0; i < w->depth; i++)
        cc_buf_add(w->out, "  ", 2);
}

static void sw_open(sw *w, char bracket)
{
    cc_buf_addc(w->out, bracket);
    w->depth++;
    w->first = true;
}

static void sw_close(sw *w, char bracket)
{
    w->depth--;
    if (!w->first)
        sw_newline(w);
    cc_buf_addc(w->out, bracket);
    w->first = false;
}

/* Before an array element or an object member. */
static void sw_item(sw *w)
{
    if (!w->first)
        cc_buf_addc(w->out, ',');
    sw_newline(w);
    w->first = false;
}

static void sw_key(sw *w, const char *key)
{
    sw_item(w);
    cc_json_string(w->out, key, strlen(key));
    cc_buf_adds(w->out, ": ");
}

/* A string, or null for NULL. */
static void sw_str(sw *w, const char *s)
{
    if (s)
        cc_json_string(w->out, s, strlen(s));
    else
        cc_buf_adds(w->out, "null");
}

static void sw_kstr(sw *w, const char *key, const char *s)
{
    sw_key(w, key);
    sw_str(w, s);
}

static void sw_kuint(sw *w, const char *key, unsigned long long v)
{
    sw_key(w, key);
    cc_buf_addf(w->out, "%llu", v);
}

/* {"text": s}: a SARIF message or multiformatMessageString. */
static void sw_kmessage(sw *w, const char *key, const char *text)
{
    sw_key(w, key);
    sw_open(w, '{');
    sw_kstr(w, "text", text ? text : "");
    sw_close(w, '}');
}

/* ---- ids and claims ------------------------------------------------------- */

static const cc_rule *rule_at(const cc_run *run, int i)
{
    return run->rb && i >= 0 && (size_t)i < run->rb->nrules ? &run->rb->rules[i] : NULL;
}

static const cc_field *field_at(const cc_run *run, int i)
{
    return run->rb && i >= 0 && (size_t)i < run->rb->nfields ? &run->rb->fields[i] : NULL;
}

static const char *subject_id(const cc_run *run, int i)
{
    return run->rb && i >= 0 && (size_t)i < run->rb->nsubjects ? run->rb->subjects[i].id : NULL;
}

static const cc_claim *claim_at(const cc_run *run, long i)
{
    return i >= 0 && (size_t)i < run->nclaims ? &run->claims[i] : NULL;
}

static const char *claim_path(const cc_run *run, const cc_claim *c)
{
    return c->doc >= 0 && (size_t)c->doc < run->ndocs ? run->docs[c->doc].path : NULL;
}

void cc_sarif_rule_id(const cc_run *run, const cc_finding *f, cc_buf *out)
{
    const cc_rule *r = rule_at(run, f->rule);
    const cc_field *fd = field_at(run, f->field);
    if (r && r->id) {
        cc_buf_adds(out, r->id);
    } else if (fd && fd->id && f->kind != CC_FIND_INPUT && f->kind != CC_FIND_LIMIT) {
        cc_buf_adds(out, "field/");
        cc_buf_adds(out, fd->id);
    } else {
        cc_buf_adds(out, "crosscheck/");
        cc_buf_adds(out, cc_finding_kind_name(f->kind));
    }
}

static bool uri_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || cc_is_digit(c) || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

void cc_sarif_uri(cc_buf *out, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *p = path ? path : "";
    if (p[0] == '/') {
        cc_buf_adds(out, "file://");
    } else {
        while (p[0] == '.' && p[1] == '/') {
            p += 2;
            while (*p == '/')
                p++;
        }
    }
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (uri_unreserved(c)) {
            cc_buf_addc(out, (char)c);
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
            cc_buf_add(out, esc, 3);
        }
    }
}

/* A combining mark does not start a character of its own: reported columns skip them
 * (as reader.c counts them). */
static bool is_combining(int32_t cp)
{
    return cp >= 0x300 && utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0;
}

void cc_sarif_value_end(const cc_claim *c, unsigned *end_line, unsigned *end_column)
{
    const char *s = c->value_text ? c->value_text : "";
    size_t n = strlen(s);
    unsigned line = c->line, col = c->column;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = cc_report_utf8_next(s + i, n - i, &cp);
        if (cp == '\r' || cp == '\n') {
            if (cp == '\r' && i + 1 < n && s[i + 1] == '\n')
                k++;
            line++;
            col = 1;
        } else if (cp < 0 || !is_combining(cp)) {
            col++;
        }
        i += k;
    }
    *end_line = line;
    *end_column = col;
}

/* ---- rules ---------------------------------------------------------------- */

/* The rules that reported, in order of first appearance; each finding's index. */
typedef struct rule_table {
    long *by_rule;        /* rulebook rule -> descriptor index, -1 when none yet */
    long *by_field;       /* field without a rule -> descriptor index */
    long by_kind[5];      /* input/limit (and kinds without a field) -> index */
    size_t *first;        /* descriptor -> index of the first finding reported under it */
    size_t n, cap;
    long *of_finding;     /* finding -> descriptor index */
} rule_table;

static long *minus_ones(size_t n)
{
    long *v = cc_xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = -1;
    return v;
}

/* The slot that holds the descriptor index of finding f. */
static long *rule_slot(rule_table *t, const cc_run *run, const cc_finding *f)
{
    if (rule_at(run, f->rule) && run->rb->rules[f->rule].id)
        return &t->by_rule[f->rule];
    const cc_field *fd = field_at(run, f->field);
    if (fd && fd->id && f->kind != CC_FIND_INPUT && f->kind != CC_FIND_LIMIT)
        return &t->by_field[f->field];
    unsigned k = (unsigned)f->kind;
    return &t->by_kind[k < 5 ? k : 4];
}

static void rule_table_build(rule_table *t, const cc_run *run)
{
    memset(t, 0, sizeof *t);
    t->by_rule = minus_ones(run->rb ? run->rb->nrules : 0);
    t->by_field = minus_ones(run->rb ? run->rb->nfields : 0);
    for (size_t k = 0; k < 5; k++)
        t->by_kind[k] = -1;
    t->of_finding = minus_ones(run->nfindings);
    for (size_t i = 0; i < run->nfindings; i++) {
        long *slot = rule_slot(t, run, &run->findings[i]);
        if (*slot < 0) {
            CC_GROW(t->first, t->cap, t->n + 1);
            t->first[t->n] = i;
            *slot = (long)t->n++;
        }
        t->of_finding[i] = *slot;
    }
}

static void rule_table_free(rule_table *t)
{
    free(t->by_rule);
    free(t->by_field);
    free(t->first);
    free(t->of_finding);
}

static const char *sarif_level(cc_severity s)
{
    return s == CC_SEV_ERROR ? "error" : s == CC_SEV_WARNING ? "warning" : "note";
}

/* "egdi-asia-rank" -> "EgdiAsiaRank": SARIF wants a readable identifier as the name. */
static void pascal_case(cc_buf *out, const char *id)
{
    bool upper = true;
    size_t before = out->len;
    for (const char *p = id; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || cc_is_digit(c) ||
                     c >= 0x80;
        if (!alnum) {
            upper = true;
            continue;
        }
        cc_buf_addc(out, (char)(upper && c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
        upper = false;
    }
    if (out->len == before)
        cc_buf_adds(out, id);
}

static void add_field_words(cc_buf *b, const cc_field *fd)
{
    cc_buf_addf(b, "field '%s'", fd->id);
    if (fd->description)
        cc_buf_addf(b, " (%s)", fd->description);
}

/* Short and full descriptions of the rule finding f is reported under. */
static void rule_descriptions(const cc_run *run, const cc_finding *f, cc_buf *shortd,
                              cc_buf *fulld)
{
    const cc_rule *r = rule_at(run, f->rule);
    const cc_field *fd = field_at(run, r ? r->field : f->field);
    if (!r && !fd && f->kind != CC_FIND_INPUT && f->kind != CC_FIND_LIMIT) {
        cc_buf_addf(shortd, "a %s finding", cc_finding_kind_name(f->kind));
        cc_buf_addf(fulld, "A %s finding that no rule of the rulebook names.",
                    cc_finding_kind_name(f->kind));
        return;
    }
    if (f->kind == CC_FIND_INPUT || f->kind == CC_FIND_LIMIT) {
        bool limit = f->kind == CC_FIND_LIMIT;
        cc_buf_adds(shortd, limit ? "a pattern hit its match or depth limit"
                                  : "a problem with an input file");
        cc_buf_adds(fulld, limit ? "A rulebook pattern hit its match or depth limit on a "
                                   "document, so the document may have been read only in part."
                                 : "A problem with an input file worth reporting as a finding "
                                   "(unreadable, binary or undecodable text).");
        return;
    }
    if (r && r->derived) {
        cc_buf_adds(shortd, r->message ? r->message : r->derived);
        cc_buf_addf(fulld, "Derived rule: '%s' must hold, with interval arithmetic, for the "
                           "values the sources agree on in each scope.", r->derived);
        return;
    }
    if (r && r->message)
        cc_buf_adds(shortd, r->message);
    else if (fd && fd->description)
        cc_buf_adds(shortd, fd->description);
    else
        cc_buf_adds(shortd, fd ? fd->id : r->id);
    cc_buf_adds(fulld, "The claims of ");
    if (fd)
        add_field_words(fulld, fd);
    else
        cc_buf_adds(fulld, "this field");
    cc_buf_adds(fulld, " about the same subject and scope must agree; a single claim that is "
                       "impossible by itself (a rank past its total, a percentage over 100) is "
                       "reported too.");
    if (!r)
        cc_buf_adds(fulld, " No rule of the rulebook checks this field: its severity is the "
                           "rulebook's defaults.severity.");
}

static void sarif_rule(sw *w, const cc_run *run, const cc_finding *f)
{
    cc_buf id = CC_BUF_INIT, name = CC_BUF_INIT, shortd = CC_BUF_INIT, fulld = CC_BUF_INIT;
    cc_sarif_rule_id(run, f, &id);
    pascal_case(&name, id.data);
    rule_descriptions(run, f, &shortd, &fulld);
    const cc_rule *r = rule_at(run, f->rule);
    sw_open(w, '{');
    sw_kstr(w, "id", id.data);
    sw_kstr(w, "name", name.data);
    sw_kmessage(w, "shortDescription", shortd.data);
    sw_kmessage(w, "fullDescription", fulld.data);
    sw_key(w, "defaultConfiguration");
    sw_open(w, '{');
    sw_kstr(w, "level", sarif_level(r ? r->severity : f->severity));
    sw_close(w, '}');
    sw_close(w, '}');
    cc_buf_free(&id);
    cc_buf_free(&name);
    cc_buf_free(&shortd);
    cc_buf_free(&fulld);
}

static void sarif_tool(sw *w, const cc_run *run, const rule_table *t)
{
    sw_key(w, "tool");
    sw_open(w, '{');
    sw_key(w, "driver");
    sw_open(w, '{');
    sw_kstr(w, "name", "crosscheck");
    sw_kstr(w, "version", CC_VERSION);
    sw_kstr(w, "semanticVersion", CC_VERSION);
    sw_key(w, "rules");
    sw_open(w, '[');
    for (size_t i = 0; i < t->n; i++) {
        sw_item(w);
        sarif_rule(w, run, &run->findings[t->first[i]]);
    }
    sw_close(w, ']');
    sw_close(w, '}');
    sw_close(w, '}');
}

/* ---- locations -------------------------------------------------------------- */

static void sarif_artifact(sw *w, const char *path)
{
    cc_buf uri = CC_BUF_INIT;
    cc_sarif_uri(&uri, path);
    sw_key(w, "artifactLocation");
    sw_open(w, '{');
    sw_kstr(w, "uri", uri.data);
    sw_close(w, '}');
    cc_buf_free(&uri);
}

/* "region" for a claim: its value's lines and columns and the value as a snippet. */
static void sarif_claim_region(sw *w, const cc_claim *c)
{
    if (c->line == 0)
        return;
    sw_key(w, "region");
    sw_open(w, '{');
    sw_kuint(w, "startLine", c->line);
    if (c->column > 0) {
        unsigned end_line, end_col;
        cc_sarif_value_end(c, &end_line, &end_col);
        sw_kuint(w, "startColumn", c->column);
        if (end_line != c->line)
            sw_kuint(w, "endLine", end_line);
        sw_kuint(w, "endColumn", end_col > c->column || end_line != c->line ? end_col
                                                                             : c->column);
    }
    if (c->value_text && c->value_text[0]) {
        sw_key(w, "snippet");
        sw_open(w, '{');
        sw_kstr(w, "text", c->value_text);
        sw_close(w, '}');
    }
    sw_close(w, '}');
}

/* A location object at claim c; `id` < 0 for none, `message` NULL for none. */
static void sarif_claim_location(sw *w, const cc_run *run, const cc_claim *c, long id,
                                 const char *message)
{
    sw_open(w, '{');
    if (id >= 0)
        sw_kuint(w, "id", (unsigned long long)id);
    sw_key(w, "physicalLocation");
    sw_open(w, '{');
    sarif_artifact(w, claim_path(run, c));
    sarif_claim_region(w, c);
    sw_close(w, '}');
    if (message)
        sw_kmessage(w, "message", message);
    sw_close(w, '}');
}

/* A location object for a file and an optional line and column. */
static void sarif_file_location(sw *w, const char *path, unsigned line, unsigned column)
{
    sw_open(w, '{');
    sw_key(w, "physicalLocation");
    sw_open(w, '{');
    sarif_artifact(w, path);
    if (line > 0) {
        sw_key(w, "region");
        sw_open(w, '{');
        sw_kuint(w, "startLine", line);
        if (column > 0)
            sw_kuint(w, "startColumn", column);
        sw_close(w, '}');
    }
    sw_close(w, '}');
    sw_close(w, '}');
}

static void add_count(cc_buf *b, long n, const char *noun)
{
    cc_buf_addf(b, "%ld %s%s", n, noun, n == 1 ? "" : "s");
}

/* The message of a related location for a claim of side `s`. */
static void side_claim_message(const cc_run *run, const cc_finding *f, size_t s,
                               const cc_claim *c, bool same_side, cc_buf *msg)
{
    const cc_field *fd = field_at(run, c->field);
    if (f->kind == CC_FIND_DERIVED && fd)
        cc_buf_addf(msg, "%s: ", fd->id);
    cc_buf_adds(msg, c->value_text ? c->value_text : "");
    if (same_side) {
        cc_buf_adds(msg, ", agreeing with this claim");
    } else {
        cc_buf_adds(msg, " in ");
        add_count(msg, f->sides[s].ndocs, "document");
    }
    if (f->majority >= 0 && (size_t)f->majority == s)
        cc_buf_adds(msg, " (the majority)");
}

/* relatedLocations: every claim of every side but the location itself, then the
 * compatible claims; ids count from 1 (0 would read as "the result's location"). */
static void sarif_related(sw *w, const cc_run *run, const cc_finding *f)
{
    size_t nrel = 0;
    for (size_t s = 0; s < f->nsides; s++)
        for (size_t i = 0; i < f->sides[s].nclaims; i++)
            nrel += claim_at(run, (long)f->sides[s].claims[i]) &&
                    (f->location < 0 || f->sides[s].claims[i] != (size_t)f->location);
    for (size_t i = 0; i < f->ncompatible; i++)
        nrel += claim_at(run, (long)f->compatible[i]) != NULL;
    if (nrel == 0)
        return;
    long here_side = -1;
    for (size_t s = 0; s < f->nsides && f->location >= 0; s++)
        for (size_t i = 0; i < f->sides[s].nclaims; i++)
            if (f->sides[s].claims[i] == (size_t)f->location)
                here_side = (long)s;
    sw_key(w, "relatedLocations");
    sw_open(w, '[');
    long id = 1;
    cc_buf msg = CC_BUF_INIT;
    for (size_t s = 0; s < f->nsides; s++) {
        for (size_t i = 0; i < f->sides[s].nclaims; i++) {
            size_t ci = f->sides[s].claims[i];
            const cc_claim *c = claim_at(run, (long)ci);
            if (!c || (f->location >= 0 && ci == (size_t)f->location))
                continue;
            cc_buf_reset(&msg);
            side_claim_message(run, f, s, c, (long)s == here_side, &msg);
            sw_item(w);
            sarif_claim_location(w, run, c, id++, msg.data);
        }
    }
    for (size_t i = 0; i < f->ncompatible; i++) {
        const cc_claim *c = claim_at(run, (long)f->compatible[i]);
        if (!c)
            continue;
        cc_buf_reset(&msg);
        cc_buf_adds(&msg, c->value_text ? c->value_text : "");
        cc_buf_adds(&msg, ": compatible with several sides");
        sw_item(w);
        sarif_claim_location(w, run, c, id++, msg.data);
    }
    cc_buf_free(&msg);
    sw_close(w, ']');
}

/* ---- results -------------------------------------------------------------- */

static void sarif_properties(sw *w, const cc_run *run, const cc_finding *f)
{
    const cc_field *fd = field_at(run, f->field);
    cc_buf tmp = CC_BUF_INIT;
    sw_key(w, "properties");
    sw_open(w, '{');
    sw_kstr(w, "kind", cc_finding_kind_name(f->kind));
    sw_kstr(w, "field", fd ? fd->id : NULL);
    sw_kstr(w, "subject", subject_id(run, f->subject));
    sw_key(w, "scope");
    if (f->scope) {
        cc_buf_addf(&tmp, "%d", f->scope);
        sw_str(w, tmp.data);
    } else {
        sw_str(w, NULL);
    }
    sw_key(w, "majority");
    cc_buf_reset(&tmp);
    if (f->majority >= 0 && (size_t)f->majority < f->nsides) {
        cc_value_canonical(&f->sides[f->majority].value, &tmp);
        sw_str(w, tmp.data);
    } else {
        sw_str(w, NULL);
    }
    sw_key(w, "sides");
    sw_open(w, '[');
    for (size_t s = 0; s < f->nsides; s++) {
        cc_buf_reset(&tmp);
        cc_value_canonical(&f->sides[s].value, &tmp);
        sw_item(w);
        sw_open(w, '{');
        sw_kstr(w, "value", tmp.data);
        sw_kuint(w, "documents", f->sides[s].ndocs > 0 ? (unsigned long long)f->sides[s].ndocs
                                                       : 0);
        sw_close(w, '}');
    }
    sw_close(w, ']');
    sw_close(w, '}');
    cc_buf_free(&tmp);
}

static void sarif_result(sw *w, const cc_run *run, const cc_finding *f, long rule_index)
{
    cc_buf id = CC_BUF_INIT;
    cc_sarif_rule_id(run, f, &id);
    sw_open(w, '{');
    sw_kstr(w, "ruleId", id.data);
    sw_kuint(w, "ruleIndex", (unsigned long long)rule_index);
    sw_kstr(w, "level", sarif_level(f->severity));
    sw_kmessage(w, "message", f->message);
    const cc_claim *loc = claim_at(run, f->location);
    if (loc || (f->path && f->path[0])) {
        sw_key(w, "locations");
        sw_open(w, '[');
        sw_item(w);
        if (loc)
            sarif_claim_location(w, run, loc, -1, NULL);
        else
            sarif_file_location(w, f->path, f->line, f->column);
        sw_close(w, ']');
    }
    sarif_related(w, run, f);
    size_t nfp = strnlen(f->fingerprint, sizeof f->fingerprint);
    if (nfp) {
        sw_key(w, "partialFingerprints");
        sw_open(w, '{');
        sw_key(w, FINGERPRINT_KEY);
        cc_json_string(w->out, f->fingerprint, nfp);
        sw_close(w, '}');
    }
    sarif_properties(w, run, f);
    sw_close(w, '}');
    cc_buf_free(&id);
}

static void sarif_results(sw *w, const cc_run *run, const rule_table *t)
{
    sw_key(w, "results");
    sw_open(w, '[');
    for (size_t i = 0; i < run->nfindings; i++) {
        sw_item(w);
        sarif_result(w, run, &run->findings[i], t->of_finding[i]);
        sw_maybe_flush(w);
    }
    sw_close(w, ']');
}

/* ---- invocation, run properties -------------------------------------------- */

static void sarif_notification(sw *w, const cc_diag *d)
{
    sw_open(w, '{');
    sw_kstr(w, "level", cc_diag_fatal(d) ? "error" : sarif_level(d->severity));
    sw_kmessage(w, "message", d->message);
    if (d->path && d->path[0]) {
        sw_key(w, "locations");
        sw_open(w, '[');
        sw_item(w);
        sarif_file_location(w, d->path, d->line, d->column);
        sw_close(w, ']');
    }
    sw_key(w, "descriptor");
    sw_open(w, '{');
    sw_kstr(w, "id", cc_diag_kind_name(d->kind));
    sw_close(w, '}');
    sw_close(w, '}');
}

static void sarif_invocation(sw *w, const cc_run *run)
{
    sw_key(w, "invocations");
    sw_open(w, '[');
    sw_item(w);
    sw_open(w, '{');
    sw_key(w, "executionSuccessful");
    cc_buf_adds(w->out, cc_diags_fatal(&run->diags) ? "false" : "true");
    sw_key(w, "toolExecutionNotifications");
    sw_open(w, '[');
    for (size_t i = 0; i < run->diags.n; i++) {
        sw_item(w);
        sarif_notification(w, &run->diags.v[i]);
        sw_maybe_flush(w);
    }
    sw_close(w, ']');
    sw_close(w, '}');
    sw_close(w, ']');
}

static void sarif_run_properties(sw *w, const cc_run *run, const cc_report_opts *o)
{
    const cc_summary *s = &run->summary;
    sw_key(w, "properties");
    sw_open(w, '{');
    sw_key(w, "rulebook");
    sw_open(w, '{');
    sw_kstr(w, "path", o && o->rulebook_path ? o->rulebook_path : run->rb ? run->rb->path : NULL);
    sw_kstr(w, "name", run->rb ? run->rb->name : NULL);
    sw_kstr(w, "sha256", run->rb && run->rb->sha256[0] ? run->rb->sha256 : NULL);
    sw_close(w, '}');
    sw_key(w, "summary");
    sw_open(w, '{');
    sw_kuint(w, "documents", s->documents);
    sw_kuint(w, "claims", s->claims);
    sw_kuint(w, "groups", s->groups);
    sw_kuint(w, "findings", s->findings);
    sw_kuint(w, "errors", s->errors);
    sw_kuint(w, "warnings", s->warnings);
    sw_kuint(w, "infos", s->infos);
    sw_key(w, "exit_code");
    cc_buf_addf(w->out, "%d", s->exit_code);
    sw_close(w, '}');
    sw_close(w, '}');
}

int cc_report_sarif(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    cc_buf buf = CC_BUF_INIT;
    sw w = {.out = &buf, .file = out, .first = true};
    rule_table t;
    rule_table_build(&t, run);
    sw_open(&w, '{');
    sw_kstr(&w, "$schema", SARIF_SCHEMA);
    sw_kstr(&w, "version", "2.1.0");
    sw_key(&w, "runs");
    sw_open(&w, '[');
    sw_item(&w);
    sw_open(&w, '{');
    sarif_tool(&w, run, &t);
    sarif_invocation(&w, run);
    sw_kstr(&w, "columnKind", "unicodeCodePoints");
    sarif_results(&w, run, &t);
    sarif_run_properties(&w, run, o);
    sw_close(&w, '}');
    sw_close(&w, ']');
    sw_close(&w, '}');
    cc_buf_addc(&buf, '\n');
    rule_table_free(&t);
    sw_flush(&w);
    cc_buf_free(&buf);
    if (fflush(out) != 0 || ferror(out))
        w.failed = true;
    return w.failed ? -1 : 0;
}
