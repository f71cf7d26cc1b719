/*
 * fuzz_date.c — libFuzzer harness for the rank, date, period and year parsers.
 * Besides crashes and sanitizer reports it checks the contract between each parser
 * and its regex fragment: whatever a parser accepts, the fragment matches whole
 * (allowing the white space around the slice the parsers tolerate). The first byte
 * picks the document year.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "date.h"
#include "rank.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { RE_RANK, RE_DATE, RE_PERIOD, RE_YEAR, RE_COUNT };

static pcre2_code *compile_whole(void (*fn)(cc_buf *))
{
    cc_buf frag = CC_BUF_INIT, pat = CC_BUF_INIT;
    fn(&frag);
    cc_buf_addf(&pat, "^\\s*(?:%s)\\s*$", frag.data);
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat.data, pat.len,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
    if (!re)
        abort();
    cc_buf_free(&frag);
    cc_buf_free(&pat);
    return re;
}

/* Aborts when `re` does not match the whole input (which the parser accepted). */
static void must_match(pcre2_code *re, const uint8_t *s, size_t n)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, s, n, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    if (rc < 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pcre2_code *re[RE_COUNT];
    if (!re[0]) {
        re[RE_RANK] = compile_whole(cc_rank_regex);
        re[RE_DATE] = compile_whole(cc_date_regex);
        re[RE_PERIOD] = compile_whole(cc_period_regex);
        re[RE_YEAR] = compile_whole(cc_year_regex);
    }
    if (size == 0)
        return 0;
    static const int doc_years[] = {0, 2020, 1900, 2099, -1, 10000, 1, 9999};
    int doc_year = doc_years[data[0] % 8];
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    /* An exact-size copy, so that ASan sees any read past the slice. */
    char *copy = malloc(n ? n : 1);
    memcpy(copy, s, n);

    int64_t pos, tot;
    if (cc_rank_parse(copy, n, &pos, &tot) == CC_PARSE_OK) {
        if (pos < 1 || pos > 1000000000 || tot < 0 || tot > 1000000000)
            abort();
        /* A bare integer ("86") is a rank to the parser only: the fragment leaves lone
         * numbers alone (see cc_rank_regex). */
        bool bare = true; /* no '/' and no letter: only digits and white space */
        for (size_t j = 0; j < n && bare;) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t len = utf8proc_iterate(data + 1 + j, (utf8proc_ssize_t)(n - j), &cp);
            if (len <= 0)
                break;
            /* white space as the parsers and PCRE2's \s read it (text.h): U+180E too,
             * which Unicode now calls a format character but PCRE2 still a space */
            bare = (cp >= '0' && cp <= '9') || cc_is_space(cp);
            j += (size_t)len;
        }
        if (!bare)
            must_match(re[RE_RANK], data + 1, n);
    }
    cc_date d, e;
    if (cc_date_parse(copy, n, doc_year, &d) == CC_PARSE_OK) {
        if (d.from > d.to)
            abort();
        must_match(re[RE_DATE], data + 1, n);
    }
    if (cc_period_parse(copy, n, doc_year, &d, &e) == CC_PARSE_OK) {
        if (d.from > d.to || e.from > e.to || d.precision != e.precision)
            abort();
        cc_range r = cc_period_days(d, e);
        if (r.lo > r.hi)
            abort();
        must_match(re[RE_PERIOD], data + 1, n);
    }
    int y;
    if (cc_year_parse(copy, n, &y) == CC_PARSE_OK) {
        if (y < 1900 || y > 2099)
            abort();
        must_match(re[RE_YEAR], data + 1, n);
    }
    free(copy);
    return 0;
}
