/*
 * rank.h — ranks: "86/193", "thứ 56/63", "thứ 86 trên 193", "thứ 86 trong số 193",
 * "vị trí thứ 86 trong 193", "hạng 86", "thứ nhất", "dẫn đầu", "thứ hai", "thứ tư".
 * Parses the whole NFC slice (see num.h for the conventions).
 */
#ifndef CC_RANK_H
#define CC_RANK_H

#include <stddef.h>
#include <stdint.h>
#include "num.h"
#include "util.h"

/* *total is 0 when not written. NONE for 0 positions, "1.23/4", words that are not ranks. */
cc_parse_status cc_rank_parse(const char *s, size_t n, int64_t *position, int64_t *total);

/*
 * The grammar cc_rank_parse accepts, in full:
 *   [ ("vị trí" | "hạng") [ "thứ" ] | "thứ" ] N [ "/" N ]   spaces around "/" allowed
 *   ( ("vị trí" | "hạng") [ "thứ" ] | "thứ" ) N CONN N      CONN: "trên", "trong",
 *                                   "trong số", "trên tổng số", "trong tổng số"
 *   [ ("vị trí" | "hạng") ] "thứ" ORDINAL                    "nhất" 1, "nhì"/"hai" 2,
 *                                   "ba" 3, "tư" 4, ... "mười" 10, "mười một" ..
 *                                   "mười chín" (15 is "mười lăm"), "hai mươi" 20
 *   "dẫn đầu" | "đứng đầu"                                    position 1
 * N is a run of ASCII digits: 0 is NONE, more than 1e9 is OVERFLOW. A word total
 * connector needs a leading word ("86 trên 193" alone is NONE). Position greater
 * than total ("25/24") is accepted: the checker reports it.
 */

/*
 * Appends a PCRE2 fragment matching what cc_rank_parse accepts (a superset only in
 * the values: "0/5" and overflowing digits match), for patterns compiled with
 * PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS. Only non-capturing groups; never matches
 * the empty string, nor inside a larger number or word ("23" in "1.23", "86" in "186").
 */
void cc_rank_regex(cc_buf *out);

#endif
