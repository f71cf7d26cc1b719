/* examples.c — `crosscheck rules test`: each field's examples are read as a one-sentence
 * document and must yield the value, subject and scope they state (or nothing). */
#include "examples.h"

#include <stdio.h>
#include <string.h>

#include "extract.h"

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

size_t cc_examples_run(const cc_rulebook *rb, const char *path, FILE *out, size_t *ntotal)
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
                    fprintf(out, "%s:%u:%u: example of field '%s' failed: expected no claim, got %s\n",
                           path, ex->mark.line, ex->mark.column, f->id, got.data);
                else
                    fprintf(out, "%s:%u:%u: example of field '%s' failed: expected %s%s%s, got %s\n",
                           path, ex->mark.line, ex->mark.column, f->id, ex->value,
                           ex->subject ? " for " : "", ex->subject ? ex->subject : "", got.data);
            }
            cc_buf_free(&got);
            cc_run_free(&run);
        }
    }
    *ntotal = total;
    return failed;
}
