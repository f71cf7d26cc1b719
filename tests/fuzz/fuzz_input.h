/*
 * fuzz_input.h — how the reporter harnesses read their input: the first `nhead` bytes are
 * option bytes (zero-padded when the input is shorter), the rest is split at NUL bytes into
 * `npieces` strings (empty ones when there are fewer), each malloc'd.
 */
#ifndef CC_FUZZ_INPUT_H
#define CC_FUZZ_INPUT_H

#include <stdint.h>
#include <string.h>
#include "util.h"

static inline void fuzz_split(const uint8_t *data, size_t size, uint8_t *head, size_t nhead,
                              char **piece, int npieces)
{
    size_t h = size < nhead ? size : nhead;
    memset(head, 0, nhead);
    memcpy(head, data, h);
    const char *rest = (const char *)data + h;
    size_t nrest = size - h;
    for (int i = 0; i < npieces; i++) {
        const char *end = memchr(rest, '\0', nrest);
        size_t n = end ? (size_t)(end - rest) : nrest;
        piece[i] = cc_xstrndup(rest, n);
        rest += n < nrest ? n + 1 : n;
        nrest -= n < nrest ? n + 1 : n;
    }
}

#endif
