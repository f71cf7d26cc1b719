/* libFuzzer harness: baseline and ignore files on arbitrary bytes, and appending to one.
 * Properties: a read gives fingerprints or a fatal diagnostic, never both or neither;
 * every fingerprint read is 16 lowercase hex digits; an entry whose reason, who and date
 * are the input's bytes, appended to an ignore file, always reads back (the escaping
 * holds for any string); appending to the input as an existing file either fails with a
 * diagnostic and leaves it, or adds exactly one entry. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FP "0123456789abcdef"

static void check_read(int rc, const cc_fingerprints *f, const cc_diags *d)
{
    if ((rc == 0) == cc_diags_fatal(d))
        __builtin_trap();
    for (size_t i = 0; i < f->n; i++)
        for (size_t k = 0; k < 16; k++) {
            char c = f->v[i][k];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) || f->v[i][16])
                __builtin_trap();
        }
}

static const char *scratch_path(void)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/cc_fuzz_baseline_%ld.yaml", (long)getpid());
    return path;
}

static void write_bytes(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
}

/* The input as a string (NULs dropped: C strings cannot hold them). */
static char *as_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    size_t n = 0;
    for (size_t i = 0; i < size; i++)
        if (data[i])
            s[n++] = (char)data[i];
    s[n] = '\0';
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cc_fingerprints f;
    cc_diags d = {0};
    check_read(cc_baseline_read_mem("fuzz", (const char *)data, size, &f, &d), &f, &d);
    cc_fingerprints_free(&f);
    cc_diags_free(&d);
    int rc = cc_ignore_read_mem("fuzz", (const char *)data, size, &f, &d);
    check_read(rc, &f, &d);
    size_t before = f.n;
    cc_fingerprints_free(&f);
    cc_diags_free(&d);
    const char *path = scratch_path();

    /* Any string survives as a reason. */
    char *s = as_string(data, size < 4096 ? size : 4096);
    unlink(path);
    if (cc_ignore_append(path, FP, s, s, s, &d) != 0)
        __builtin_trap();
    if (cc_ignore_read(path, &f, &d) != 0 || f.n != 1 || !cc_fingerprints_has(&f, FP))
        __builtin_trap();
    cc_fingerprints_free(&f);
    free(s);

    /* Appending to the input as a file: one entry more, or a refusal. */
    write_bytes(path, data, size);
    if (cc_ignore_append(path, "FEDCBA9876543210", "r", "w", "d", &d) == 0) {
        if (rc != 0 || cc_ignore_read(path, &f, &d) != 0 || f.n != before + 1)
            __builtin_trap();
        cc_fingerprints_free(&f);
    } else if (!cc_diags_fatal(&d)) {
        __builtin_trap();
    }
    unlink(path);
    cc_diags_free(&d);
    return 0;
}
