/*
 * libFuzzer harness for pattern.c: the input is a pattern as a rulebook would hold it
 * (slots and all). It is expanded, compiled with the JIT, its prefilter words are read,
 * and it is matched against a fixed sentence: any crash, sanitizer report or hang is a bug,
 * and so is a match whose sentence lacks every prefilter word or literal of the pattern.
 */
#include <stdlib.h>
#include <string.h>
#include "pattern.h"
#include "prefilter.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* A pattern that matched `t`: its prefilter words (lowercase) and its literals
 * (prefilter.h, folded) must be in t, or a prefilter would have skipped a match. */
static void check_prefilters_hold(const cc_pattern *pat, const char *t, char *const *w, size_t n)
{
    cc_buf lower = CC_BUF_INIT, folded = CC_BUF_INIT, lit_folded = CC_BUF_INIT;
    cc_lowercase(t, strlen(t), &lower);
    bool found = n == 0;
    for (size_t i = 0; i < n && !found; i++)
        found = strstr(lower.data, w[i]) != NULL;
    if (!found)
        abort();
    char *lit[CC_PREFILTER_MAX_LITERALS];
    size_t nl = cc_prefilter_literals(pat->source, strlen(pat->source), lit);
    cc_prefilter_fold(t, strlen(t), &folded);
    found = nl == 0;
    for (size_t i = 0; i < nl; i++) {
        cc_buf_reset(&lit_folded);
        cc_prefilter_fold(lit[i], strlen(lit[i]), &lit_folded);
        found = found || strstr(folded.data, lit_folded.data) != NULL;
        free(lit[i]);
    }
    if (!found)
        abort();
    cc_buf_free(&lower);
    cc_buf_free(&folded);
    cc_buf_free(&lit_folded);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size > 4096 || memchr(data, 0, size))
        return 0;
    cc_pattern pat = {0};
    pat.source = cc_xstrndup((const char *)data, size);
    pat.mark = (cc_mark){1, 1};
    pat.plain_scalar = true;
    pat.sign = 1;
    cc_field field = {0};
    field.id = "f";
    field.type = CC_TYPE_NUMBER;
    field.patterns = &pat;
    field.npatterns = 1;
    field.subject = 0;
    cc_rulebook rb = {0};
    rb.path = "fuzz.yaml";
    rb.fields = &field;
    rb.nfields = 1;
    cc_qualifiers_default(&rb.qualifiers);
    cc_diags d = {0};
    if (cc_patterns_compile(&rb, &d) == 0) {
        char *const *w;
        size_t n = cc_pattern_required(&pat, &w);
        for (size_t i = 0; i < n; i++)
            if (strlen(w[i]) < 3)
                abort();
        const char *t = "Việt Nam đạt trên 60 triệu lượt truy cập, xếp thứ 86/193 năm 2020.";
        cc_match m;
        size_t from = 0;
        bool matched = false;
        while (from <= strlen(t) && cc_pattern_match(&pat, t, strlen(t), from, &m) == CC_MATCH_FOUND) {
            from = m.whole.end > from ? m.whole.end : from + 1;
            matched = true;
        }
        if (matched)
            check_prefilters_hold(&pat, t, w, n);
    }
    cc_patterns_release(&rb);
    cc_qualifiers_free(&rb.qualifiers);
    cc_diags_free(&d);
    free(pat.source);
    return 0;
}
