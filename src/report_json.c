/*
 * report_json.c — the JSON contract of SPEC §5, and `extract --format json` (one claim
 * per line).
 *
 * The report is pretty-printed exactly as Python's json.dumps(obj, indent=2,
 * ensure_ascii=False) would print it (every object and array opened on its own lines,
 * "[]" and "{}" when empty, ", " never at a line end), so that the output is stable,
 * diffable and easy to check against any JSON library. JSON Lines output is compact
 * (no spaces after ':' and ','). Both come from the kit's JSON emitter (report.h),
 * flushed between documents, findings and claims.
 */
#include "report_json.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- values and claims ---------------------------------------------------- */

/* The members of a date object: "from", "to", "precision". */
static void json_date_members(cc_json *j, const cc_date *d)
{
    char day[11];
    cc_format_day(d->from, day);
    cc_json_kstr(j, "from", day);
    cc_format_day(d->to, day);
    cc_json_kstr(j, "to", day);
    cc_json_kstr(j, "precision", cc_precision_name(d->precision));
}

static void json_value(cc_json *j, const cc_value *v)
{
    cc_json_object(j);
    cc_json_kstr(j, "type", cc_type_name(v->type));
    switch (v->type) {
    case CC_TYPE_NUMBER:
    case CC_TYPE_PERCENT:
        cc_json_kdouble(j, "lo", v->range.lo);
        cc_json_kdouble(j, "hi", v->range.hi);
        break;
    case CC_TYPE_MONEY:
        cc_json_key(j, "currency");
        cc_json_strn(j, v->currency, strnlen(v->currency, sizeof v->currency));
        cc_json_kdouble(j, "lo", v->range.lo);
        cc_json_kdouble(j, "hi", v->range.hi);
        break;
    case CC_TYPE_RANK:
        cc_json_key(j, "position");
        cc_json_int(j, (long long)v->position);
        cc_json_key(j, "total");
        if (v->total)
            cc_json_int(j, (long long)v->total);
        else
            cc_json_null(j);
        break;
    case CC_TYPE_DATE:
        json_date_members(j, &v->start);
        break;
    case CC_TYPE_PERIOD:
        cc_json_key(j, "start");
        cc_json_object(j);
        json_date_members(j, &v->start);
        cc_json_end(j);
        cc_json_key(j, "end");
        cc_json_object(j);
        json_date_members(j, &v->end);
        cc_json_end(j);
        break;
    }
    cc_json_end(j);
}

/* A day number as "YYYY-MM-DD". */
static void json_day(cc_json *j, double day)
{
    if (!isfinite(day)) {
        cc_json_null(j);
        return;
    }
    char s[11];
    cc_format_day((int32_t)day, s);
    cc_json_str(j, s);
}

/* A member holding n fixed-size strings (an open fact's words or names) as an array. */
static void json_words(cc_json *j, const char *key, const char *first, size_t size, unsigned n)
{
    cc_json_key(j, key);
    cc_json_array(j);
    for (unsigned i = 0; i < n; i++)
        cc_json_str(j, first + i * size);
    cc_json_end(j);
}

/* What an open claim is about: its kind, measure, names, time and cues (open.h). */
static void json_open(cc_json *j, const cc_open_fact *f)
{
    cc_json_object(j);
    cc_json_kstr(j, "kind", cc_name_of(cc_figure_kind_names, (int)f->kind));
    cc_buf measure = CC_BUF_INIT;
    cc_open_measure(f, &measure);
    cc_json_kstr(j, "measure", measure.len ? measure.data : NULL);
    cc_buf_free(&measure);
    json_words(j, "words_before", f->before[0], sizeof f->before[0], f->nbefore);
    json_words(j, "words_after", f->after[0], sizeof f->after[0], f->nafter);
    json_words(j, "names", f->names[0], sizeof f->names[0], f->nnames);
    cc_json_key(j, "time");
    if (f->has_time) {
        cc_json_object(j);
        cc_json_key(j, "from");
        json_day(j, f->time.lo);
        cc_json_key(j, "to");
        json_day(j, f->time.hi);
        cc_json_end(j);
    } else {
        cc_json_null(j);
    }
    cc_json_kbool(j, "yearless", f->yearless || f->yearless2 || f->time_yearless);
    cc_json_key(j, "cues");
    cc_json_array(j);
    for (size_t k = 0; k < cc_open_cue_names.n; k++)
        if (f->cues & (1u << k))
            cc_json_str(j, cc_open_cue_names.names[k]);
    cc_json_end(j);
    cc_json_end(j);
}

static void json_claim(cc_json *j, const cc_run *run, const cc_claim *c)
{
    cc_json_object(j);
    const cc_document *d = cc_report_doc(run, c->doc);
    cc_json_kstr(j, "path", d ? d->path : NULL);
    cc_json_kuint(j, "line", c->line);
    cc_json_kuint(j, "column", c->column);
    cc_json_kuint(j, "byte_offset", c->byte_offset);
    cc_json_kuint(j, "byte_length", c->byte_length);
    cc_json_kstr(j, "text", c->text);
    cc_json_kstr(j, "value_text", c->value_text);
    cc_json_kstr(j, "sentence", c->sentence);
    cc_json_kstr(j, "field", cc_report_field_id(run, c->field));
    cc_json_kstr(j, "subject", cc_report_subject_id(run, c->subject));
    cc_json_kscope(j, "scope", c->scope);
    cc_json_key(j, "value");
    json_value(j, &c->value);
    if (c->open) {
        cc_json_key(j, "open");
        json_open(j, c->open);
    }
    cc_json_end(j);
}

void cc_json_claim(cc_buf *out, const cc_run *run, const cc_claim *c)
{
    cc_json j;
    cc_json_to_buf(&j, out, false);
    json_claim(&j, run, c);
}

void cc_json_value(cc_buf *out, const cc_value *v)
{
    cc_json j;
    cc_json_to_buf(&j, out, false);
    json_value(&j, v);
}

/* ---- the report ------------------------------------------------------------ */

static void json_tool(cc_json *j)
{
    cc_json_key(j, "tool");
    cc_json_object(j);
    cc_json_kstr(j, "name", "crosscheck");
    cc_json_kstr(j, "version", CC_VERSION);
    cc_json_end(j);
}

static void json_rulebook(cc_json *j, const cc_run *run, const cc_report_opts *o)
{
    const cc_rulebook *rb = run->rb;
    cc_json_key(j, "rulebook");
    cc_json_object(j);
    cc_json_kstr(j, "path", cc_report_rulebook_path(run, o));
    cc_json_kstr(j, "name", rb ? rb->name : NULL);
    cc_json_kstr(j, "sha256", rb ? rb->sha256 : NULL);
    cc_json_end(j);
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

static void json_diag(cc_json *j, const cc_diag *g, bool with_path)
{
    cc_json_object(j);
    if (with_path)
        cc_json_kstr(j, "path", g->path && g->path[0] ? g->path : NULL);
    cc_json_kuint(j, "line", g->line);
    cc_json_kuint(j, "column", g->column);
    cc_json_key(j, "byte_offset");
    if (g->byte_offset == UINT64_MAX)
        cc_json_null(j);
    else
        cc_json_uint(j, g->byte_offset);
    cc_json_kstr(j, "severity", cc_severity_name(g->severity));
    cc_json_kstr(j, "kind", cc_diag_kind_name(g->kind));
    cc_json_kstr(j, "message", g->message);
    cc_json_end(j);
}

/* "diagnostics": the diagnostics owned by document `doc` (-1: the run's own). */
static void json_diags(cc_json *j, const cc_run *run, const long *owner, long doc)
{
    cc_json_key(j, "diagnostics");
    cc_json_array(j);
    for (size_t i = 0; i < run->diags.n; i++)
        if (owner[i] == doc) {
            json_diag(j, &run->diags.v[i], doc < 0);
        }
    cc_json_end(j);
}

static void json_document(cc_json *j, const cc_run *run, size_t i, const long *owner)
{
    const cc_document *d = &run->docs[i];
    cc_json_object(j);
    cc_json_kstr(j, "path", d->path);
    cc_json_kstr(j, "date", d->date[0] ? d->date : NULL);
    cc_json_kstr(j, "date_from", cc_date_from_name(d->date_from));
    cc_json_kstr(j, "title", d->title);
    cc_json_kstr(j, "source", d->source);
    cc_json_kbool(j, "skipped", d->skipped);
    cc_json_kuint(j, "claims", d->nclaims);
    json_diags(j, run, owner, (long)i);
    cc_json_end(j);
}

static void json_documents(cc_json *j, const cc_run *run, const long *owner)
{
    cc_json_key(j, "documents");
    cc_json_array(j);
    for (size_t i = 0; i < run->ndocs; i++) {
        json_document(j, run, i, owner);
        cc_writer_maybe_flush(j->w);
    }
    cc_json_end(j);
}

/* An array of claims given by index (indices out of range are left out). */
static void json_claim_list(cc_json *j, const cc_run *run, const size_t *idx, size_t n)
{
    cc_json_array(j);
    for (size_t i = 0; i < n; i++) {
        const cc_claim *c = cc_report_claim(run, (long)idx[i]);
        if (!c)
            continue;
        json_claim(j, run, c);
    }
    cc_json_end(j);
}

static void json_side(cc_json *j, const cc_run *run, const cc_side *s)
{
    cc_json_object(j);
    cc_json_key(j, "value");
    json_value(j, &s->value);
    cc_json_key(j, "documents");
    cc_json_int(j, s->ndocs);
    cc_json_key(j, "claims");
    json_claim_list(j, run, s->claims, s->nclaims);
    cc_json_end(j);
}

/* "location": the claim, or null and then "path", "line", "column" of the finding. */
static void json_location(cc_json *j, const cc_run *run, const cc_finding *f)
{
    const cc_claim *loc = cc_report_claim(run, f->location);
    cc_json_key(j, "location");
    if (loc) {
        json_claim(j, run, loc);
        return;
    }
    cc_json_null(j);
    cc_json_kstr(j, "path", f->path);
    cc_json_kuint(j, "line", f->line);
    cc_json_kuint(j, "column", f->column);
}

static void json_finding(cc_json *j, const cc_run *run, const cc_finding *f)
{
    cc_json_object(j);
    cc_json_kstr(j, "kind", cc_finding_kind_name(f->kind));
    const cc_rule *r = cc_report_rule(run, f->rule);
    if (f->open) { /* an open finding: named by its kind, with its evidence */
        cc_buf id = CC_BUF_INIT;
        cc_report_rule_id(run, f, &id);
        cc_json_kstr(j, "rule", id.data);
        cc_buf_free(&id);
    } else {
        cc_json_kstr(j, "rule", r ? r->id : NULL);
    }
    cc_json_kstr(j, "field", cc_report_field_id(run, f->field));
    cc_json_kstr(j, "subject", cc_report_subject_id(run, f->subject));
    cc_json_kscope(j, "scope", f->scope);
    cc_json_kstr(j, "severity", cc_severity_name(f->severity));
    cc_json_kstr(j, "message", f->message);
    if (f->open) {
        cc_json_kdouble(j, "confidence", f->confidence);
        cc_json_kstr(j, "evidence", f->evidence);
    }
    cc_json_key(j, "fingerprint");
    cc_json_strn(j, f->fingerprint, strnlen(f->fingerprint, sizeof f->fingerprint));
    json_location(j, run, f);
    cc_json_key(j, "majority");
    if (f->majority >= 0 && (size_t)f->majority < f->nsides)
        cc_json_int(j, f->majority);
    else
        cc_json_null(j);
    cc_json_key(j, "sides");
    cc_json_array(j);
    for (size_t i = 0; i < f->nsides; i++) {
        json_side(j, run, &f->sides[i]);
    }
    cc_json_end(j);
    cc_json_key(j, "compatible");
    json_claim_list(j, run, f->compatible, f->ncompatible);
    cc_json_end(j);
}

static void json_findings(cc_json *j, const cc_run *run)
{
    cc_json_key(j, "findings");
    cc_json_array(j);
    for (size_t i = 0; i < run->nfindings; i++) {
        json_finding(j, run, &run->findings[i]);
        cc_writer_maybe_flush(j->w);
    }
    cc_json_end(j);
}

/* Whether any claim of the run is an open claim (the report then lists alignments). */
static bool has_open_claims(const cc_run *run)
{
    for (size_t i = 0; i < run->nclaims; i++)
        if (run->claims[i].open)
            return true;
    return false;
}

/* Open mode: every aligned fact, agreeing or not, and why its claims were aligned. */
static void json_alignments(cc_json *j, const cc_run *run)
{
    cc_json_key(j, "alignments");
    cc_json_array(j);
    for (size_t i = 0; i < run->naligned; i++) {
        const cc_aligned *g = &run->aligned[i];
        cc_json_object(j);
        cc_json_kint(j, "score", g->score);
        cc_json_kint(j, "margin", g->margin == INT_MAX ? -1 : g->margin);
        cc_json_kbool(j, "same_time", g->same_time);
        cc_json_kbool(j, "noun_only", g->noun_only);
        cc_json_kstr(j, "shared_words", g->why);
        cc_json_key(j, "claims");
        cc_json_array(j);
        for (size_t k = 0; k < g->n; k++) {
            const cc_claim *c = cc_report_claim(run, (long)g->claims[k]);
            if (!c)
                continue;
            const cc_document *d = cc_report_doc(run, c->doc);
            cc_json_object(j);
            cc_json_kstr(j, "path", d ? d->path : NULL);
            cc_json_kuint(j, "line", c->line);
            cc_json_kuint(j, "column", c->column);
            cc_json_kstr(j, "value_text", c->value_text);
            cc_json_end(j);
        }
        cc_json_end(j);
        cc_json_end(j);
        cc_writer_maybe_flush(j->w);
    }
    cc_json_end(j);
}

int cc_report_json(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    cc_json j;
    cc_json_to_file(&j, out, true);
    long *owner = diag_owners(run);
    cc_json_object(&j);
    json_tool(&j);
    json_rulebook(&j, run, o);
    json_documents(&j, run, owner);
    json_diags(&j, run, owner, -1);
    json_findings(&j, run);
    if (has_open_claims(run))
        json_alignments(&j, run);
    cc_json_summary(&j, &run->summary);
    cc_json_end(&j);
    cc_buf_addc(j.w->out, '\n');
    free(owner);
    return cc_json_finish(&j);
}

int cc_report_claims_jsonl(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    cc_json j;
    cc_json_to_file(&j, out, false);
    for (size_t i = 0; i < run->nclaims; i++) {
        json_claim(&j, run, &run->claims[i]);
        cc_buf_addc(j.w->out, '\n');
        cc_writer_maybe_flush(j.w);
    }
    return cc_json_finish(&j);
}
