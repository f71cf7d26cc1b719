/*
 * libFuzzer harness for open mode: the input bytes are split in two at a NUL byte (or in
 * half) and read as two articles with no rulebook fields and open mode on; every figure
 * becomes an open claim, the claims are aligned and checked, and reported in text and
 * JSON. Properties: no crash, sanitizer report or hang; every open finding has two or more
 * sides, each of claims of open facts, a confidence in [0, 1] and its evidence.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checker.h"
#include "extract.h"
#include "formats.h"
#include "pattern.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static cc_rulebook *open_rulebook(void)
{
    static cc_rulebook *rb;
    if (!rb) {
        static const char yaml[] = "version: 1\nname: open\nopen: on\nsubjects: {}\nfields: {}\n";
        cc_diags d = {0};
        rb = cc_rulebook_load_mem("open", yaml, strlen(yaml), &d);
        if (!rb || cc_patterns_compile(rb, &d) < 0)
            abort();
        cc_diags_free(&d);
    }
    return rb;
}

static void check_findings(const cc_run *run)
{
    for (size_t i = 0; i < run->nfindings; i++) {
        const cc_finding *f = &run->findings[i];
        if (!f->open)
            continue;
        assert(f->nsides >= 2 && f->evidence && f->confidence >= 0 && f->confidence <= 1);
        for (size_t s = 0; s < f->nsides; s++)
            for (size_t k = 0; k < f->sides[s].nclaims; k++)
                assert(run->claims[f->sides[s].claims[k]].open != NULL);
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const unsigned char *nul = memchr(data, 0, size);
    size_t first = nul ? (size_t)(nul - data) : size / 2;
    size_t second_at = nul ? first + 1 : first;
    cc_rulebook *rb = open_rulebook();
    cc_run run;
    cc_run_init(&run, rb);
    cc_extractor *ex = cc_extractor_new(rb, NULL);
    cc_extract_mem(ex, &run, "a.txt", (const char *)data, first);
    cc_extract_mem(ex, &run, "b.txt", (const char *)data + second_at, size - second_at);
    cc_extractor_free(ex);
    cc_check(&run);
    check_findings(&run);
    cc_run_summarise(&run, 2);
    FILE *null = fopen("/dev/null", "w");
    cc_report_opts ro = {0};
    cc_report_format_find("text")->report(null, &run, &ro);
    cc_report_format_find("json")->report(null, &run, &ro);
    fclose(null);
    cc_run_free(&run);
    return 0;
}
