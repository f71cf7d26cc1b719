/*
 * fuzz_input.h — how the reporter harnesses read their input: the first `nhead` bytes are
 * option bytes (zero-padded when the input is shorter), the rest is split at NUL bytes into
 * `npieces` strings (empty ones when there are fewer), each malloc'd; and the check they
 * all make of what a reporter printed.
 */
#ifndef CC_FUZZ_INPUT_H
#define CC_FUZZ_INPUT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "util.h"

/* The little-endian 32-bit number at p. */
static inline uint32_t fuzz_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Aborts unless s[0..n) is valid UTF-8 whose only C0 control bytes are in `allowed`. */
static inline void fuzz_check_utf8(const char *s, size_t n, const char *allowed)
{
    for (size_t i = 0; i < n;) {
        size_t k;
        int32_t cp = cc_utf8_decode(s + i, n - i, &k);
        if (cp < 0 || (cp < 0x20 && !strchr(allowed, (char)cp)))
            abort();
        i += k;
    }
}

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
