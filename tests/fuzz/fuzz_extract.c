/*
 * libFuzzer harness for the whole pipeline on one document: the input bytes are an
 * article, read with the shipped rulebook (run from the repository root), extracted
 * (document.require ignored, so that every pattern runs), checked and reported in text
 * and JSON. Any crash, sanitizer report or hang is a bug.
 */
#include <stdio.h>
#include <stdlib.h>
#include "checker.h"
#include "extract.h"
#include "fuzz_input.h"
#include "report_json.h"
#include "report_text.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    cc_rulebook *rb = fuzz_shipped_rulebook();
    cc_run run;
    cc_run_init(&run, rb);
    cc_extract_opts eo = {.ignore_require = true};
    cc_extractor *ex = cc_extractor_new(rb, &eo);
    /* the same bytes twice, as two documents, so that the checker has groups to compare */
    cc_extract_mem(ex, &run, "a.txt", (const char *)data, size);
    cc_extract_mem(ex, &run, "b.txt", (const char *)data, size / 2);
    cc_extractor_free(ex);
    cc_check(&run);
    cc_run_summarise(&run, 2);
    FILE *null = fopen("/dev/null", "w");
    cc_report_opts ro = {0};
    cc_report_text(null, &run, &ro);
    cc_report_json(null, &run, &ro);
    fclose(null);
    cc_run_free(&run);
    return 0;
}
