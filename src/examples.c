/* examples.c — `crosscheck rules test`: each field's examples are read as a one-sentence
 * document and must yield the value, subject and scope they state (or nothing). With
 * --explain, each failure is followed by the step that failed. */
#include "examples.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "extract.h"
#include "pattern.h"
#include "text.h"

/*
 * One line of `rules test` output: formatted, then shown through text.h's escaper, since
 * it quotes the rulebook's own text (patterns, examples, values), which may hold control
 * characters, bidi controls or a leading "::" that a CI log would read as a command.
 */
static void say(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(FILE *out, const char *fmt, ...)
{
    cc_buf line = CC_BUF_INIT, shown = CC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vaddf(&line, fmt, ap);
    va_end(ap);
    cc_escape_shown(&shown, line.data, line.len);
    cc_buf_addc(&shown, '\n');
    fwrite(shown.data, 1, shown.len, out);
    cc_buf_free(&line);
    cc_buf_free(&shown);
}

/* Does any claim of `field` in the run match the example's expectations? */
static bool example_holds(const cc_rulebook *rb, const cc_run *run, int field,
                          const cc_example *ex, int doc_year, cc_buf *got)
{
    cc_value want;
    cc_buf want_canon = CC_BUF_INIT;
    bool ok = false;
    if (!ex->none &&
        cc_value_parse(rb, rb->locale, rb->fields[field].type, ex->value, strlen(ex->value),
                       doc_year, &want) == CC_PARSE_OK)
        cc_value_canonical(&want, &want_canon);
    size_t found = 0;
    for (size_t i = 0; i < run->nclaims; i++) {
        const cc_claim *cl = &run->claims[i];
        if (cl->field != field)
            continue;
        found++;
        cc_buf canon = CC_BUF_INIT;
        cc_value_canonical(&cl->value, &canon);
        if (got->len)
            cc_buf_adds(got, ", ");
        cc_buf_addf(got, "%s", canon.data);
        if (cl->subject >= 0)
            cc_buf_addf(got, " (%s, %d)", rb->subjects[cl->subject].id, cl->scope);
        bool subject_ok = !ex->subject || (cl->subject >= 0 &&
                                           strcmp(rb->subjects[cl->subject].id, ex->subject) == 0);
        bool scope_ok = !ex->scope || cl->scope == ex->scope;
        if (!ex->none && want_canon.len && strcmp(canon.data, want_canon.data) == 0 && subject_ok &&
            scope_ok)
            ok = true;
        cc_buf_free(&canon);
    }
    if (ex->none)
        ok = found == 0;
    if (!got->len)
        cc_buf_adds(got, "nothing");
    cc_buf_free(&want_canon);
    return ok;
}

/* ---- --explain ---------------------------------------------------------------------- */

/* The example's text as the extractor reads it: NFC, one line after another. */
typedef struct example_text {
    cc_buf nfc;       /* the lines, joined by '\n' */
} example_text;

static void read_example(const cc_example *ex, example_text *t)
{
    cc_diags d = {0};
    t->nfc = (cc_buf)CC_BUF_INIT;
    cc_reader *r = cc_reader_open_mem("example", ex->text, strlen(ex->text), &d);
    cc_line line;
    while (r && cc_reader_next(r, &line) > 0) {
        if (t->nfc.len)
            cc_buf_addc(&t->nfc, '\n');
        cc_buf_add(&t->nfc, line.text, line.len);
    }
    if (r)
        cc_reader_close(r);
    cc_diags_free(&d);
}

/* "pattern 2 '{rank}\s+châu Á'": which pattern, as the rulebook writes it. */
static void pattern_name(const cc_field *f, size_t pi, cc_buf *out)
{
    cc_buf_addf(out, "pattern %zu '%s'", pi + 1, f->patterns[pi].source);
}

/* Whether the text holds one of the pattern's prefilter words (or it has none). */
static bool prefilter_passes(const cc_pattern *p, const char *lower, cc_buf *words)
{
    char *const *req;
    size_t nreq = cc_pattern_required(p, &req);
    for (size_t k = 0; k < nreq; k++) {
        if (strstr(lower, req[k]))
            return true;
        cc_buf_addf(words, "%s'%s'", k ? (k + 1 == nreq ? " or " : ", ") : "", req[k]);
    }
    return nreq == 0;
}

/* Why no pattern matched: for each, the prefilter word that is missing, or the longest
 * part of the pattern that matches and the part after it that does not. */
static void explain_no_match(FILE *out, const cc_rulebook *rb, const cc_field *f,
                             const example_text *t)
{
    cc_buf lower = CC_BUF_INIT;
    cc_lowercase(t->nfc.data, t->nfc.len, &lower);
    for (size_t pi = 0; pi < f->npatterns; pi++) {
        const cc_pattern *p = &f->patterns[pi];
        cc_buf msg = CC_BUF_INIT, words = CC_BUF_INIT;
        pattern_name(f, pi, &msg);
        if (!prefilter_passes(p, lower.data, &words)) {
            say(out, "  the pattern did not match: %s is not tried on a sentence without "
                    "%s (its prefilter)", msg.data, words.data);
        } else {
            cc_span m;
            size_t cut = cc_pattern_longest_prefix(rb, p, t->nfc.data, t->nfc.len, &m);
            if (cut)
                say(out, "  the pattern did not match: %s; its longest start that matches "
                        "is '%.*s' (on '%.*s'), and what follows, '%s', does not", msg.data,
                        (int)cut, p->source, (int)(m.end - m.start), t->nfc.data + m.start,
                        p->source + cut);
            else
                say(out, "  the pattern did not match: %s; not even its first item "
                        "matches", msg.data);
        }
        cc_buf_free(&msg);
        cc_buf_free(&words);
    }
    cc_buf_free(&lower);
}

/* Whether the text names one of the subjects the field may take (aliases folded). */
static bool names_a_subject(const cc_rulebook *rb, const cc_field *f, const char *text)
{
    cc_buf folded = CC_BUF_INIT;
    cc_fold(text, strlen(text), &folded);
    bool found = false;
    for (size_t si = 0; si < rb->nsubjects && !found; si++) {
        bool allowed = f->namong == 0;
        for (size_t k = 0; k < f->namong; k++)
            allowed |= f->among[k] == (int)si;
        for (size_t a = 0; allowed && a < rb->subjects[si].naliases && !found; a++)
            found = strstr(folded.data, rb->subjects[si].folded[a]) != NULL;
    }
    cc_buf_free(&folded);
    return found;
}

static bool context_matches(const cc_field *f, const char *text, size_t n)
{
    for (size_t i = 0; i < f->ncontext; i++) {
        cc_match m;
        if (cc_pattern_match(&f->context[i], text, n, 0, &m) == CC_MATCH_FOUND)
            return true;
    }
    return f->ncontext == 0;
}

/* A pattern matched but no claim came of it: the value, the subject or the context. */
static void explain_dropped(FILE *out, const cc_rulebook *rb, const cc_field *f, size_t pi,
                            const cc_match *m, const example_text *t)
{
    cc_buf name = CC_BUF_INIT;
    pattern_name(f, pi, &name);
    const char *s = t->nfc.data;
    size_t vi = SIZE_MAX;
    for (size_t i = 0; i < m->nslots && vi == SIZE_MAX; i++)
        if (m->slots[i].start != SIZE_MAX && cc_slot_type(m->slot_kind[i]) == f->type)
            vi = i;
    bool told = false;
    if (vi != SIZE_MAX) {
        cc_value v;
        const char *slot = s + m->slots[vi].start;
        size_t n = m->slots[vi].end - m->slots[vi].start;
        if (cc_value_parse(rb, rb->locale, f->type, slot, n, 0, &v) != CC_PARSE_OK) {
            say(out, "  the value did not parse: %s matched '%.*s', but '%.*s' is not read "
                    "as a %s", name.data, (int)(m->whole.end - m->whole.start),
                    s + m->whole.start, (int)n, slot, cc_type_name(f->type));
            told = true;
        }
    }
    if (f->subject < 0 && f->subject_else < 0 && m->subject.start == SIZE_MAX &&
        !names_a_subject(rb, f, s)) {
        say(out, "  the subject was not found: %s matched '%.*s', but the sentence names "
                "none of the field's subjects (and the field has no 'else:')", name.data,
                (int)(m->whole.end - m->whole.start), s + m->whole.start);
        told = true;
    }
    if (!context_matches(f, s, t->nfc.len)) {
        say(out, "  the context did not match: %s matched, but none of the field's "
                "'context' patterns matches the sentence", name.data);
        told = true;
    }
    if (!told)
        say(out, "  %s matched '%.*s', but no claim was made of it (a document.skip "
                "pattern, or a subject capture that names no subject)", name.data,
                (int)(m->whole.end - m->whole.start), s + m->whole.start);
    cc_buf_free(&name);
}

/* The first match of any pattern of the field in the text; its index, or SIZE_MAX. */
static size_t first_match(const cc_field *f, const example_text *t, cc_match *m)
{
    for (size_t pi = 0; pi < f->npatterns; pi++)
        if (cc_pattern_match(&f->patterns[pi], t->nfc.data, t->nfc.len, 0, m) == CC_MATCH_FOUND)
            return pi;
    return SIZE_MAX;
}

/* Says which step of extraction failed the example: the expected value, the pattern, the
 * value, the subject, the scope, or a look-alike for a `none` example. */
static void explain(FILE *out, const cc_rulebook *rb, int field, const cc_example *ex,
                    const cc_run *run)
{
    const cc_field *f = &rb->fields[field];
    example_text t;
    read_example(ex, &t);
    cc_value want;
    cc_buf want_canon = CC_BUF_INIT;
    if (!ex->none && cc_value_parse(rb, rb->locale, f->type, ex->value, strlen(ex->value),
                                    run->docs[0].year, &want) != CC_PARSE_OK) {
        say(out, "  the expected value did not parse: '%s' is not read as a %s",
                ex->value, cc_type_name(f->type));
        cc_buf_free(&t.nfc);
        return;
    }
    if (!ex->none)
        cc_value_canonical(&want, &want_canon);
    size_t nclaims = 0;
    for (size_t i = 0; i < run->nclaims; i++) {
        const cc_claim *cl = &run->claims[i];
        if (cl->field != field)
            continue;
        nclaims++;
        cc_buf canon = CC_BUF_INIT;
        cc_value_canonical(&cl->value, &canon);
        const char *sid = cl->subject >= 0 ? rb->subjects[cl->subject].id : "none";
        if (ex->none)
            say(out, "  the pattern matched a figure the example says is not one: '%s' "
                    "read as %s", cl->text, canon.data);
        else if (strcmp(canon.data, want_canon.data) != 0)
            say(out, "  the value differed: the pattern matched '%s' and read %s, not %s",
                    cl->text, canon.data, want_canon.data);
        else if (ex->subject && strcmp(sid, ex->subject) != 0)
            say(out, "  the subject differed: '%s' was read for %s, not %s", cl->text,
                    sid, ex->subject);
        else if (ex->scope && cl->scope != ex->scope)
            say(out, "  the scope differed: '%s' was read for the year %d, not %d",
                    cl->text, cl->scope, ex->scope);
        cc_buf_free(&canon);
    }
    if (nclaims == 0) {
        cc_match m;
        size_t pi = first_match(f, &t, &m);
        if (pi == SIZE_MAX)
            explain_no_match(out, rb, f, &t);
        else
            explain_dropped(out, rb, f, pi, &m, &t);
    }
    cc_buf_free(&want_canon);
    cc_buf_free(&t.nfc);
}

size_t cc_examples_run(const cc_rulebook *rb, const char *path, bool explain_failures, FILE *out,
                       size_t *ntotal)
{
    size_t total = 0, failed = 0;
    for (size_t fi = 0; fi < rb->nfields; fi++) {
        const cc_field *f = &rb->fields[fi];
        for (size_t ei = 0; ei < f->nexamples; ei++) {
            const cc_example *ex = &f->examples[ei];
            char date[16];
            cc_extract_opts eo = {.ignore_require = true};
            if (ex->scope) {
                snprintf(date, sizeof date, "%04d-06-30", ex->scope % 10000);
                eo.date = date;
            }
            cc_run run;
            cc_run_init(&run, rb);
            cc_extractor *x = cc_extractor_new(rb, &eo);
            cc_extract_mem(x, &run, "example", ex->text, strlen(ex->text));
            cc_extractor_free(x);
            cc_buf got = CC_BUF_INIT;
            total++;
            if (!example_holds(rb, &run, (int)fi, ex, run.docs[0].year, &got)) {
                failed++;
                if (ex->none)
                    say(out, "%s:%u:%u: example of field '%s' failed: expected no claim, got %s",
                           path, ex->mark.line, ex->mark.column, f->id, got.data);
                else
                    say(out, "%s:%u:%u: example of field '%s' failed: expected %s%s%s, got %s",
                           path, ex->mark.line, ex->mark.column, f->id, ex->value,
                           ex->subject ? " for " : "", ex->subject ? ex->subject : "", got.data);
                if (explain_failures)
                    explain(out, rb, (int)fi, ex, &run);
            }
            cc_buf_free(&got);
            cc_run_free(&run);
        }
    }
    *ntotal = total;
    return failed;
}
