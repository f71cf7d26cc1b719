/* libFuzzer harness: the expression parser on arbitrary bytes, then the evaluator on
 * whatever parses, with fields of every type (missing, ranges with infinite ends,
 * ranks, dates, periods) chosen from the field id's first byte. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const cc_value *lookup(void *ctx, const char *id)
{
    static cc_value v[6];
    (void)ctx;
    v[0] = (cc_value){.type = CC_TYPE_NUMBER, .range = {-3, 7.5}};
    v[1] = (cc_value){.type = CC_TYPE_PERCENT, .range = {30, INFINITY}};
    v[2] = (cc_value){.type = CC_TYPE_MONEY, .range = {-INFINITY, 0}};
    v[3] = (cc_value){.type = CC_TYPE_RANK, .position = 24, .total = 47};
    v[4] = (cc_value){.type = CC_TYPE_DATE, .start = cc_date_make(2020, 8, 26, CC_PREC_DAY)};
    v[5] = (cc_value){.type = CC_TYPE_PERIOD, .start = cc_date_make(2017, 8, 0, CC_PREC_MONTH),
                      .end = cc_date_make(2020, 7, 0, CC_PREC_MONTH)};
    unsigned k = (unsigned char)id[0] % 7;
    return k == 6 ? NULL : &v[k];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *src = malloc(size + 1);
    memcpy(src, data, size);
    src[size] = '\0';
    char err[128];
    size_t off = 0;
    cc_expr *e = cc_expr_parse(src, err, sizeof err, &off);
    if (!e) {
        if (off > strlen(src) || !err[0])
            __builtin_trap(); /* an error points inside the source and says something */
    } else {
        const char **ids;
        const cc_expr_ref *refs;
        size_t n = cc_expr_fields(e, &ids), m = cc_expr_refs(e, &refs);
        if (m < n)
            __builtin_trap();
        for (size_t i = 0; i < m; i++)
            if (refs[i].offset >= strlen(src) ||
                strncmp(src + refs[i].offset, refs[i].id, strlen(refs[i].id)) != 0)
                __builtin_trap();
        cc_expr_result r = cc_expr_eval(e, lookup, NULL, 0.5, 0.05);
        if (!r.evaluated && (r.holds || !r.why[0]))
            __builtin_trap();
        cc_expr_free(e);
    }
    free(src);
    return 0;
}
