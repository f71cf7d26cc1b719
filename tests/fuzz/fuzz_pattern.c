/*
 * libFuzzer harness for pattern.c: the input is a pattern as a rulebook would hold it
 * (slots and all). It is expanded, compiled with the JIT, its prefilter words are read,
 * and it is matched against a fixed sentence: any crash, sanitizer report or hang is a bug.
 */
#include <stdlib.h>
#include <string.h>
#include "pattern.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

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
        while (from <= strlen(t) && cc_pattern_match(&pat, t, strlen(t), from, &m) == CC_MATCH_FOUND)
            from = m.whole.end > from ? m.whole.end : from + 1;
    }
    cc_patterns_release(&rb);
    cc_qualifiers_free(&rb.qualifiers);
    cc_diags_free(&d);
    free(pat.source);
    return 0;
}
