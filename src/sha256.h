/* sha256.h — SHA-256 (FIPS 180-4), for the rulebook hash and finding fingerprints. */
#ifndef CC_SHA256_H
#define CC_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct cc_sha256 {
    uint32_t h[8];
    uint64_t nbytes;
    unsigned char block[64];
    size_t nblock;
} cc_sha256;

void cc_sha256_init(cc_sha256 *c);
void cc_sha256_update(cc_sha256 *c, const void *p, size_t n);
void cc_sha256_final(cc_sha256 *c, unsigned char out[32]);
/* cc_sha256_final() written as lowercase hex: 64 digits and a NUL. */
void cc_sha256_final_hex(cc_sha256 *c, char out[65]);
/* Lowercase hex of the digest of [p, p+n): 64 digits and a NUL. */
void cc_sha256_hex(const void *p, size_t n, char out[65]);

#endif
