/*
 * fuzz_figure.c — libFuzzer harness for figure.c and units.c.
 *
 * Scans the input bytes as one sentence (both locales, with and without a document
 * year) and traps when a result breaks its contract: a span outside the input, empty
 * or out of order, a qualifier or noun span outside it, NaN or lo > hi, more figures
 * than the cap, an identifier text that is not NUL-terminated. Also looks up a unit at
 * every byte offset (the lookup must never read past the slice).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "units.h"

static void check(const cc_figures *f, size_t size)
{
    if (f->n > CC_FIGURES_MAX)
        __builtin_trap();
    size_t prev_end = 0;
    for (size_t i = 0; i < f->n; i++) {
        const cc_figure *g = &f->v[i];
        if (g->start >= g->end || g->end > size || g->start < prev_end)
            __builtin_trap();
        if (g->qual_start > g->qual_end || g->qual_end > g->start)
            __builtin_trap();
        if (g->noun_start > g->noun_end || g->noun_end > size ||
            (g->noun_end > g->noun_start && g->noun_start < g->end))
            __builtin_trap();
        if (isnan(g->range.lo) || isnan(g->range.hi) || g->range.lo > g->range.hi ||
            isnan(g->second))
            __builtin_trap();
        if ((int)g->kind < 0 || (size_t)g->kind >= cc_figure_kind_names.n)
            __builtin_trap();
        if (memchr(g->text, '\0', sizeof g->text) == NULL)
            __builtin_trap();
        prev_end = g->end;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cc_figures f;
    static int ready;
    if (!ready) {
        cc_figures_init(&f);
        ready = 1;
    }
    /* An exact-size copy, so that ASan sees any read past the slice. */
    char *s = malloc(size ? size : 1);
    memcpy(s, data, size);
    for (int loc = 0; loc < 2; loc++) {
        f.doc_year = loc ? 2020 : 0;
        cc_figure_scan(s, size, (cc_locale)loc, &f);
        check(&f, size);
    }
    for (size_t i = 0; i < size && i < 512; i++) {
        size_t len;
        const cc_unit *u = cc_unit_at(s + i, size - i, &len);
        if ((u == NULL) != (len == 0) || len > size - i)
            __builtin_trap();
    }
    free(s);
    return 0;
}
