/* model.c — the run: documents, claims and findings, and what they add up to. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

const char *cc_date_from_name(cc_date_from f)
{
    switch (f) {
    case CC_DATE_NONE: return "none";
    case CC_DATE_FRONT_MATTER: return "front-matter";
    case CC_DATE_FLAG: return "flag";
    case CC_DATE_PATTERN: return "pattern";
    case CC_DATE_INFERRED: return "inferred";
    }
    return "none";
}

const char *cc_finding_kind_name(cc_finding_kind k)
{
    switch (k) {
    case CC_FIND_CONFLICT: return "conflict";
    case CC_FIND_SANITY: return "sanity";
    case CC_FIND_DERIVED: return "derived";
    case CC_FIND_INPUT: return "input";
    case CC_FIND_LIMIT: return "limit";
    }
    return "conflict";
}

void cc_run_init(cc_run *run, const cc_rulebook *rb)
{
    memset(run, 0, sizeof *run);
    run->rb = rb;
}

cc_document *cc_run_add_document(cc_run *run, const char *path)
{
    CC_GROW(run->docs, run->capdocs, run->ndocs + 1);
    cc_document *d = &run->docs[run->ndocs++];
    memset(d, 0, sizeof *d);
    d->path = cc_xstrdup(path);
    d->story = -1;
    d->duplicate_of = -1;
    return d;
}

cc_claim *cc_run_add_claim(cc_run *run)
{
    CC_GROW(run->claims, run->capclaims, run->nclaims + 1);
    cc_claim *c = &run->claims[run->nclaims++];
    memset(c, 0, sizeof *c);
    c->subject = -1;
    return c;
}

cc_finding *cc_run_add_finding(cc_run *run)
{
    CC_GROW(run->findings, run->capfindings, run->nfindings + 1);
    cc_finding *f = &run->findings[run->nfindings++];
    memset(f, 0, sizeof *f);
    f->rule = f->field = f->subject = f->majority = -1;
    f->location = -1;
    return f;
}

void cc_run_summarise(cc_run *run, int fail_on)
{
    cc_summary *s = &run->summary;
    memset(s, 0, sizeof *s);
    s->documents = run->ndocs;
    s->claims = run->nclaims;
    s->groups = run->ngroups;
    s->findings = run->nfindings;
    bool failed = false;
    for (size_t i = 0; i < run->nfindings; i++) {
        cc_severity sev = run->findings[i].severity;
        if (sev == CC_SEV_ERROR)
            s->errors++;
        else if (sev == CC_SEV_WARNING)
            s->warnings++;
        else
            s->infos++;
        if (fail_on >= 0 && (int)sev >= fail_on)
            failed = true;
    }
    s->exit_code = cc_diags_fatal(&run->diags) ? 2 : failed ? 1 : 0;
}

void cc_finding_free(cc_finding *f)
{
    free(f->message);
    free(f->path);
    free(f->evidence);
    for (size_t i = 0; i < f->nsides; i++)
        free(f->sides[i].claims);
    free(f->sides);
    free(f->compatible);
}

void cc_run_free(cc_run *run)
{
    for (size_t i = 0; i < run->ndocs; i++) {
        free(run->docs[i].path);
        free(run->docs[i].title);
        free(run->docs[i].source);
        free(run->docs[i].terms);
    }
    for (size_t i = 0; i < run->nclaims; i++) {
        free(run->claims[i].text);
        free(run->claims[i].value_text);
        free(run->claims[i].sentence);
        free(run->claims[i].open);
    }
    for (size_t i = 0; i < run->nfindings; i++)
        cc_finding_free(&run->findings[i]);
    free(run->docs);
    free(run->claims);
    free(run->findings);
    for (size_t i = 0; i < run->naligned; i++)
        free(run->aligned[i].claims);
    free(run->aligned);
    cc_diags_free(&run->diags);
    memset(run, 0, sizeof *run);
}
