/* libFuzzer harness: the archive opener and loader on arbitrary database files (seeded
 * with a small real archive, so mutations reach SQLite pages, the schema and the rows).
 * Properties: open gives a store or a fatal diagnostic, never both or neither; a load
 * either fails with a fatal diagnostic or adds claims whose document, field and subject
 * indices are in range; the checker then runs on them. Run from the repository root. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "checker.h"
#include "fuzz_input.h"
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void remove_db(const char *path)
{
    char side[96];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/cc_fuzz_store_%ld.db", (long)getpid());
    remove_db(path);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    cc_diags d = {0};
    cc_store *s = cc_store_open(path, false, &d);
    if ((s != NULL) == cc_diags_fatal(&d))
        __builtin_trap();
    if (s) {
        const cc_rulebook *rb = fuzz_shipped_rulebook();
        cc_run run;
        cc_run_init(&run, rb);
        size_t before = d.n;
        int rc = cc_store_load_all(s, &run, &d);
        if (rc < 0 && !cc_diags_fatal(&d))
            __builtin_trap();
        (void)before;
        for (size_t i = 0; i < run.nclaims; i++) {
            const cc_claim *c = &run.claims[i];
            if (c->doc < 0 || (size_t)c->doc >= run.ndocs || c->field < 0 ||
                (size_t)c->field >= rb->nfields || c->subject < -1 ||
                (c->subject >= 0 && (size_t)c->subject >= rb->nsubjects) || !c->text ||
                !c->value_text || !c->sentence)
                __builtin_trap();
        }
        if (rc == 0)
            cc_check(&run);
        size_t docs, claims;
        cc_store_counts(s, &docs, &claims);
        cc_run_free(&run);
        cc_store_close(s);
    }
    cc_diags_free(&d);
    remove_db(path);
    return 0;
}
