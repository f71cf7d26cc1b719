/*
 * patcache.h — the compiled patterns of a rulebook, kept between runs.
 *
 * Compiling every pattern of the shipped rulebook with PCRE2 costs about 40 ms, most of
 * a one-file `check`. Patterns are compiled at start-up so that a bad one is reported
 * with its file, line and column before any document is read; a rulebook that compiled
 * cleanly once compiles cleanly again, so its compiled code (pcre2_serialize_encode) is
 * kept, and the next runs decode it instead (pattern.h, cc_patterns_prepare).
 *
 * A record is a file named by the sha256 of its key. It holds the key itself (what the
 * code depends on: crosscheck's version, PCRE2's, the rulebook's sha256, the locale and
 * the slot expansions), then the payload's length and FNV-1a checksum, then the payload.
 * It is used only when the key is exactly the one asked for and the length and checksum
 * match, so that a truncated, corrupt or foreign file is never handed to PCRE2's
 * decoder (which trusts its input); anything wrong (missing, unreadable, another
 * content, a folder that cannot be made) counts as no record, and the run compiles
 * everything as it would without a cache. Records are written to a temporary file and
 * renamed (atomic); the folder keeps the 16 newest records. The folder is $XDG_CACHE_HOME/crosscheck, else
 * $HOME/.cache/crosscheck; CROSSCHECK_NO_CACHE (set and not empty) turns the cache off.
 */
#ifndef CC_PATCACHE_H
#define CC_PATCACHE_H

#include <stdbool.h>
#include <stddef.h>

/* A record found in the cache: its payload, mapped read-only from the file. */
typedef struct cc_pattern_record {
    void *map;           /* the whole file, or NULL */
    size_t map_len;
    const char *payload; /* within map */
    size_t len;
} cc_pattern_record;

/* Whether there is a cache folder to use (CROSSCHECK_NO_CACHE unset, a HOME or an
 * XDG_CACHE_HOME): without one, the caller need not make a key at all. */
bool cc_pattern_cache_available(void);

/* The record of key[0..klen): true with *rec set (close it with
 * cc_pattern_record_close()); false when there is no sound record. The file is mapped,
 * not copied: a record is never changed in place (a new one is renamed over it). */
bool cc_pattern_cache_get(const char *key, size_t klen, cc_pattern_record *rec);
void cc_pattern_record_close(cc_pattern_record *rec);
/* Records payload[0..plen) under key[0..klen); failures are silent (the cache is never
 * required). */
void cc_pattern_cache_put(const char *key, size_t klen, const void *payload, size_t plen);

#endif
