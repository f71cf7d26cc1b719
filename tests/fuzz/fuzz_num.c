/*
 * fuzz_num.c — libFuzzer harness for num.c, qualifier.c and slot.c.
 *
 * Runs every parser on the input bytes (both locales) and traps when a result
 * breaks its contract: an interval with NaN or lo > hi, a currency that is not
 * VND/USD. It also checks the slot fragments against the parsers: a figure in
 * digits that a number/percent/money fragment matches whole must not be refused
 * as NONE. (For number words the fragment is looser than the parser, which
 * refuses orders such as "một nghìn hai nghìn" that a regex cannot rule out.)
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "num.h"
#include "qualifier.h"
#include "slot.h"

#define NSLOTS 3 /* number, percent, money */

static cc_qualifiers quals;
static pcre2_code *whole[NSLOTS][2];
static pcre2_match_context *mctx;

static void init(void)
{
    cc_qualifiers_default(&quals);
    for (int s = 0; s < NSLOTS; s++) {
        for (int loc = 0; loc < 2; loc++) {
            cc_buf b = CC_BUF_INIT;
            cc_buf_adds(&b, "^(?:");
            cc_slot_regex((cc_slot)s, (cc_locale)loc, &quals, &b);
            cc_buf_adds(&b, ")$");
            int err;
            PCRE2_SIZE off;
            whole[s][loc] = pcre2_compile((PCRE2_SPTR)b.data, b.len,
                                          PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off,
                                          NULL);
            if (!whole[s][loc])
                abort();
            cc_buf_free(&b);
        }
    }
    mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mctx, 1000000);
    pcre2_set_depth_limit(mctx, 10000);
}

static void check_range(cc_parse_status st, cc_range r)
{
    if (st != CC_PARSE_OK)
        return;
    if (isnan(r.lo) || isnan(r.hi) || r.lo > r.hi || r.lo < 0 || r.hi > 2e18)
        __builtin_trap();
}

/* Parses the text as the slot does: qualifiers stripped first. *digits tells
 * whether the figure is written with digits. */
static cc_parse_status parse_as_slot(int slot, cc_locale loc, const char *s, size_t n,
                                     bool *digits)
{
    const cc_qualifier *found[8];
    size_t k = cc_qualifiers_strip(&quals, &s, &n, found, 8);
    *digits = n > 0 && (cc_is_digit((unsigned char)s[0]) || s[0] == '$' || s[0] == 'U' ||
                        s[0] == 'u');
    cc_range r;
    char cur[4];
    cc_parse_status st = slot == 0   ? cc_num_parse(s, n, loc, &r)
                         : slot == 1 ? cc_percent_parse(s, n, loc, &r)
                                     : cc_money_parse(s, n, loc, &r, cur);
    if (st == CC_PARSE_OK) {
        cc_range w = cc_qualifiers_apply(r, found, k < 8 ? k : 8);
        if (isnan(w.lo) || isnan(w.hi) || w.lo > w.hi)
            __builtin_trap();
    }
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        init();
        ready = 1;
    }
    /* An exact-size copy, so that ASan sees any read past the slice. */
    char *s = malloc(size ? size : 1);
    memcpy(s, data, size);
    cc_range r;
    char cur[4];
    for (int loc = 0; loc < 2; loc++) {
        check_range(cc_num_parse(s, size, (cc_locale)loc, &r), r);
        check_range(cc_percent_parse(s, size, (cc_locale)loc, &r), r);
        cc_parse_status st = cc_money_parse(s, size, (cc_locale)loc, &r, cur);
        check_range(st, r);
        if (st == CC_PARSE_OK && strcmp(cur, "VND") != 0 && strcmp(cur, "USD") != 0)
            __builtin_trap();
    }
    (void)cc_has_number_hint(s, size);

    if (size < 256) {
        pcre2_match_data *md = pcre2_match_data_create(1, NULL);
        for (int slot = 0; slot < NSLOTS; slot++) {
            for (int loc = 0; loc < 2; loc++) {
                int rc = pcre2_match(whole[slot][loc], (PCRE2_SPTR)s, size, 0, 0, md, mctx);
                bool digits = false;
                if (rc > 0 &&
                    parse_as_slot(slot, (cc_locale)loc, s, size, &digits) == CC_PARSE_NONE &&
                    digits)
                    __builtin_trap(); /* the fragment and the parser disagree */
            }
        }
        pcre2_match_data_free(md);
    }
    free(s);
    return 0;
}
