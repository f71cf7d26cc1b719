/*
 * report_sarif.c — SARIF 2.1.0: one run, a rule descriptor per rule that reported, a
 * result per finding with its related locations and fingerprint, and the diagnostics as
 * tool execution notifications.
 *
 * The log is pretty-printed by the kit's JSON emitter (report.h), as the JSON report
 * is, and flushed between results. Every string goes through cc_json_string (invalid
 * UTF-8 becomes U+FFFD) and every URI through cc_sarif_uri (plain ASCII), so the log is valid
 * JSON whatever the articles hold.
 */
#include "report_sarif.h"

#include <stdlib.h>
#include <string.h>
#include "text.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define FINGERPRINT_KEY "crosscheck/v1"

/* ---- JSON ---------------------------------------------------------------- */

/* {"text": s}: a SARIF message or multiformatMessageString. */
static void json_kmessage(cc_json *j, const char *key, const char *text)
{
    cc_json_key(j, key);
    cc_json_object(j);
    cc_json_kstr(j, "text", text ? text : "");
    cc_json_end(j);
}

/* ---- URIs ----------------------------------------------------------------- */

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
    if (cc_report_rule(run, f->rule) && run->rb->rules[f->rule].id)
        return &t->by_rule[f->rule];
    const cc_field *fd = cc_report_field(run, f->field);
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
    const cc_rule *r = cc_report_rule(run, f->rule);
    const cc_field *fd = cc_report_field(run, r ? r->field : f->field);
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

static void sarif_rule(cc_json *j, const cc_run *run, const cc_finding *f)
{
    cc_buf id = CC_BUF_INIT, name = CC_BUF_INIT, shortd = CC_BUF_INIT, fulld = CC_BUF_INIT;
    cc_report_rule_id(run, f, &id);
    pascal_case(&name, id.data);
    rule_descriptions(run, f, &shortd, &fulld);
    const cc_rule *r = cc_report_rule(run, f->rule);
    cc_json_object(j);
    cc_json_kstr(j, "id", id.data);
    cc_json_kstr(j, "name", name.data);
    json_kmessage(j, "shortDescription", shortd.data);
    json_kmessage(j, "fullDescription", fulld.data);
    cc_json_key(j, "defaultConfiguration");
    cc_json_object(j);
    cc_json_kstr(j, "level", sarif_level(r ? r->severity : f->severity));
    cc_json_end(j);
    cc_json_end(j);
    cc_buf_free(&id);
    cc_buf_free(&name);
    cc_buf_free(&shortd);
    cc_buf_free(&fulld);
}

static void sarif_tool(cc_json *j, const cc_run *run, const rule_table *t)
{
    cc_json_key(j, "tool");
    cc_json_object(j);
    cc_json_key(j, "driver");
    cc_json_object(j);
    cc_json_kstr(j, "name", "crosscheck");
    cc_json_kstr(j, "version", CC_VERSION);
    cc_json_kstr(j, "semanticVersion", CC_VERSION);
    cc_json_key(j, "rules");
    cc_json_array(j);
    for (size_t i = 0; i < t->n; i++) {
        sarif_rule(j, run, &run->findings[t->first[i]]);
    }
    cc_json_end(j);
    cc_json_end(j);
    cc_json_end(j);
}

/* ---- locations -------------------------------------------------------------- */

static void sarif_artifact(cc_json *j, const char *path)
{
    cc_buf uri = CC_BUF_INIT;
    cc_sarif_uri(&uri, path);
    cc_json_key(j, "artifactLocation");
    cc_json_object(j);
    cc_json_kstr(j, "uri", uri.data);
    cc_json_end(j);
    cc_buf_free(&uri);
}

/* "region" for a claim: its value's lines and columns and the value as a snippet. */
static void sarif_claim_region(cc_json *j, const cc_claim *c)
{
    if (c->line == 0)
        return;
    cc_json_key(j, "region");
    cc_json_object(j);
    cc_json_kuint(j, "startLine", c->line);
    if (c->column > 0) {
        unsigned end_line, end_col;
        cc_report_value_end(c, &end_line, &end_col);
        cc_json_kuint(j, "startColumn", c->column);
        if (end_line != c->line)
            cc_json_kuint(j, "endLine", end_line);
        cc_json_kuint(j, "endColumn", end_col > c->column || end_line != c->line ? end_col
                                                                             : c->column);
    }
    if (c->value_text && c->value_text[0]) {
        cc_json_key(j, "snippet");
        cc_json_object(j);
        cc_json_kstr(j, "text", c->value_text);
        cc_json_end(j);
    }
    cc_json_end(j);
}

/* A location object at claim c; `id` < 0 for none, `message` NULL for none. */
static void sarif_claim_location(cc_json *j, const cc_run *run, const cc_claim *c, long id,
                                 const char *message)
{
    cc_json_object(j);
    if (id >= 0)
        cc_json_kuint(j, "id", (unsigned long long)id);
    cc_json_key(j, "physicalLocation");
    cc_json_object(j);
    const cc_document *d = cc_report_doc(run, c->doc);
    sarif_artifact(j, d ? d->path : NULL);
    sarif_claim_region(j, c);
    cc_json_end(j);
    if (message)
        json_kmessage(j, "message", message);
    cc_json_end(j);
}

/* A location object for a file and an optional line and column. */
static void sarif_file_location(cc_json *j, const char *path, unsigned line, unsigned column)
{
    cc_json_object(j);
    cc_json_key(j, "physicalLocation");
    cc_json_object(j);
    sarif_artifact(j, path);
    if (line > 0) {
        cc_json_key(j, "region");
        cc_json_object(j);
        cc_json_kuint(j, "startLine", line);
        if (column > 0)
            cc_json_kuint(j, "startColumn", column);
        cc_json_end(j);
    }
    cc_json_end(j);
    cc_json_end(j);
}

/* The message of a related location for a claim of side `s`. */
static void side_claim_message(const cc_run *run, const cc_finding *f, size_t s,
                               const cc_claim *c, bool same_side, cc_buf *msg)
{
    const cc_field *fd = cc_report_field(run, c->field);
    if (f->kind == CC_FIND_DERIVED && fd)
        cc_buf_addf(msg, "%s: ", fd->id);
    cc_buf_adds(msg, c->value_text ? c->value_text : "");
    if (same_side) {
        cc_buf_adds(msg, ", agreeing with this claim");
    } else {
        cc_buf_adds(msg, " in ");
        cc_report_count(msg, f->sides[s].ndocs > 0 ? (size_t)f->sides[s].ndocs : 0, "document");
    }
    if (f->majority >= 0 && (size_t)f->majority == s)
        cc_buf_adds(msg, " (the majority)");
}

/* The message of a related location for a compatible claim. */
static void compatible_claim_message(const cc_claim *c, cc_buf *msg)
{
    cc_buf_adds(msg, c->value_text ? c->value_text : "");
    cc_buf_adds(msg, ": compatible with several sides");
}

/* relatedLocations: every claim of every side but the location itself, then the
 * compatible claims; ids count from 1 (0 would read as "the result's location"). */
static void sarif_related(cc_json *j, const cc_run *run, const cc_finding *f)
{
    cc_notes it;
    cc_notes_begin(&it, run, f, CC_NOTES_ALL_SIDES);
    const cc_claim *c = cc_notes_next(&it);
    if (!c)
        return;
    cc_json_key(j, "relatedLocations");
    cc_json_array(j);
    long id = 1;
    cc_buf msg = CC_BUF_INIT;
    for (; c; c = cc_notes_next(&it)) {
        cc_buf_reset(&msg);
        if (it.side < f->nsides)
            side_claim_message(run, f, it.side, c, (long)it.side == it.here, &msg);
        else
            compatible_claim_message(c, &msg);
        sarif_claim_location(j, run, c, id++, msg.data);
    }
    cc_buf_free(&msg);
    cc_json_end(j);
}

/* ---- results -------------------------------------------------------------- */

static void sarif_properties(cc_json *j, const cc_run *run, const cc_finding *f)
{
    const cc_field *fd = cc_report_field(run, f->field);
    cc_buf tmp = CC_BUF_INIT;
    cc_json_key(j, "properties");
    cc_json_object(j);
    cc_json_kstr(j, "kind", cc_finding_kind_name(f->kind));
    cc_json_kstr(j, "field", fd ? fd->id : NULL);
    cc_json_kstr(j, "subject", cc_report_subject_id(run, f->subject));
    cc_json_kscope(j, "scope", f->scope);
    cc_json_key(j, "majority");
    if (f->majority >= 0 && (size_t)f->majority < f->nsides) {
        cc_value_canonical(&f->sides[f->majority].value, &tmp);
        cc_json_str(j, tmp.data);
    } else {
        cc_json_str(j, NULL);
    }
    cc_json_key(j, "sides");
    cc_json_array(j);
    for (size_t s = 0; s < f->nsides; s++) {
        cc_buf_reset(&tmp);
        cc_value_canonical(&f->sides[s].value, &tmp);
        cc_json_object(j);
        cc_json_kstr(j, "value", tmp.data);
        cc_json_kuint(j, "documents", f->sides[s].ndocs > 0 ? (uint64_t)f->sides[s].ndocs : 0);
        cc_json_end(j);
    }
    cc_json_end(j);
    cc_json_end(j);
    cc_buf_free(&tmp);
}

static void sarif_result(cc_json *j, const cc_run *run, const cc_finding *f, long rule_index)
{
    cc_buf id = CC_BUF_INIT;
    cc_report_rule_id(run, f, &id);
    cc_json_object(j);
    cc_json_kstr(j, "ruleId", id.data);
    cc_json_kuint(j, "ruleIndex", (unsigned long long)rule_index);
    cc_json_kstr(j, "level", sarif_level(f->severity));
    json_kmessage(j, "message", f->message);
    const cc_claim *loc = cc_report_claim(run, f->location);
    if (loc || (f->path && f->path[0])) {
        cc_json_key(j, "locations");
        cc_json_array(j);
        if (loc)
            sarif_claim_location(j, run, loc, -1, NULL);
        else
            sarif_file_location(j, f->path, f->line, f->column);
        cc_json_end(j);
    }
    sarif_related(j, run, f);
    size_t nfp = strnlen(f->fingerprint, sizeof f->fingerprint);
    if (nfp) {
        cc_json_key(j, "partialFingerprints");
        cc_json_object(j);
        cc_json_key(j, FINGERPRINT_KEY);
        cc_json_strn(j, f->fingerprint, nfp);
        cc_json_end(j);
    }
    sarif_properties(j, run, f);
    cc_json_end(j);
    cc_buf_free(&id);
}

static void sarif_results(cc_json *j, const cc_run *run, const rule_table *t)
{
    cc_json_key(j, "results");
    cc_json_array(j);
    for (size_t i = 0; i < run->nfindings; i++) {
        sarif_result(j, run, &run->findings[i], t->of_finding[i]);
        cc_writer_maybe_flush(j->w);
    }
    cc_json_end(j);
}

/* ---- invocation, run properties -------------------------------------------- */

static void sarif_notification(cc_json *j, const cc_diag *d)
{
    cc_json_object(j);
    cc_json_kstr(j, "level", cc_diag_fatal(d) ? "error" : sarif_level(d->severity));
    json_kmessage(j, "message", d->message);
    if (d->path && d->path[0]) {
        cc_json_key(j, "locations");
        cc_json_array(j);
        sarif_file_location(j, d->path, d->line, d->column);
        cc_json_end(j);
    }
    cc_json_key(j, "descriptor");
    cc_json_object(j);
    cc_json_kstr(j, "id", cc_diag_kind_name(d->kind));
    cc_json_end(j);
    cc_json_end(j);
}

static void sarif_invocation(cc_json *j, const cc_run *run)
{
    cc_json_key(j, "invocations");
    cc_json_array(j);
    cc_json_object(j);
    cc_json_kbool(j, "executionSuccessful", !cc_diags_fatal(&run->diags));
    cc_json_key(j, "toolExecutionNotifications");
    cc_json_array(j);
    for (size_t i = 0; i < run->diags.n; i++) {
        sarif_notification(j, &run->diags.v[i]);
        cc_writer_maybe_flush(j->w);
    }
    cc_json_end(j);
    cc_json_end(j);
    cc_json_end(j);
}

static void sarif_run_properties(cc_json *j, const cc_run *run, const cc_report_opts *o)
{
    cc_json_key(j, "properties");
    cc_json_object(j);
    cc_json_key(j, "rulebook");
    cc_json_object(j);
    cc_json_kstr(j, "path", cc_report_rulebook_path(run, o));
    cc_json_kstr(j, "name", run->rb ? run->rb->name : NULL);
    cc_json_kstr(j, "sha256", run->rb && run->rb->sha256[0] ? run->rb->sha256 : NULL);
    cc_json_end(j);
    cc_json_summary(j, &run->summary);
    cc_json_end(j);
}

int cc_report_sarif(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    cc_json j;
    cc_json_to_file(&j, out, true);
    rule_table t;
    rule_table_build(&t, run);
    cc_json_object(&j);
    cc_json_kstr(&j, "$schema", SARIF_SCHEMA);
    cc_json_kstr(&j, "version", "2.1.0");
    cc_json_key(&j, "runs");
    cc_json_array(&j);
    cc_json_object(&j);
    sarif_tool(&j, run, &t);
    sarif_invocation(&j, run);
    cc_json_kstr(&j, "columnKind", "unicodeCodePoints");
    sarif_results(&j, run, &t);
    sarif_run_properties(&j, run, o);
    cc_json_end(&j);
    cc_json_end(&j);
    cc_json_end(&j);
    cc_buf_addc(j.w->out, '\n');
    rule_table_free(&t);
    return cc_json_finish(&j);
}
