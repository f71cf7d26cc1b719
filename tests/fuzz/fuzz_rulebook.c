/* libFuzzer harness: the rulebook loader on arbitrary bytes (YAML syntax, schema, limits). */
#include <stddef.h>
#include <stdint.h>
#include "rulebook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cc_diags d = {0};
    cc_rulebook *rb = cc_rulebook_load_mem("fuzz.yaml", (const char *)data, size, &d);
    /* Either a rulebook or at least one fatal diagnostic, never both or neither. */
    if ((rb != NULL) == cc_diags_fatal(&d))
        __builtin_trap();
    if (rb)
        for (size_t i = 0; i < rb->nfields; i++)
            for (size_t k = 0; k < rb->fields[i].npatterns; k++)
                (void)cc_pattern_mark_at(&rb->fields[i].patterns[k], k);
    cc_rulebook_free(rb);
    cc_diags_free(&d);
    return 0;
}
