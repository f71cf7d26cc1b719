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

/* *total is 0 when not written. NONE for 0 positions, "1.23/4", words that are not ranks. */
cc_parse_status cc_rank_parse(const char *s, size_t n, int64_t *position, int64_t *total);

#endif
