/*
 * patcache.h — a record of the rulebooks that compiled cleanly, to start faster.
 *
 * Compiling every pattern of the shipped rulebook costs about 50 ms, most of a one-file
 * `check`. The point of compiling all of them at start-up is to report a bad pattern
 * with its file, line and column before any document is read. Once a rulebook has
 * compiled cleanly, compiling the same rulebook again (the same bytes, locale and slot
 * expansions, the same PCRE2 and crosscheck) can only succeed again; so the record of
 * that success lets the next runs compile each pattern when first needed (pattern.h,
 * cc_patterns_prepare).
 *
 * A record is a small file named by the sha256 of its key, holding the key itself:
 * it is trusted only when its content is exactly the key (never a hash alone), written
 * to a temporary file and renamed (atomic), and anything wrong with it (missing,
 * unreadable, another content, a folder that cannot be made) counts as no record, so
 * that the run compiles everything as it would without a cache. Nothing else is kept:
 * no compiled code is ever read back. The folder is $XDG_CACHE_HOME/crosscheck, else
 * $HOME/.cache/crosscheck; CROSSCHECK_NO_CACHE (set and not empty) turns the cache off.
 */
#ifndef CC_PATCACHE_H
#define CC_PATCACHE_H

#include <stdbool.h>
#include <stddef.h>

/* Whether a record of `key` (key[0..len)) exists and holds exactly that key. */
bool cc_pattern_cache_has(const char *key, size_t len);
/* Records `key`; failures are silent (the cache is never required). */
void cc_pattern_cache_add(const char *key, size_t len);

#endif
