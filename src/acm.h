/*
 * acm.h — many words found in one pass over a text (Aho–Corasick).
 *
 * The prefilters of the rulebook's patterns ask "which of these 100 words occur in this
 * sentence?" (extract.c) and "does any of these phrases occur in this document?"
 * (prefilter.h). Searching each word in turn costs a pass per word; an automaton built
 * once answers for all of them in one pass, a table lookup per byte.
 *
 * Words are byte strings (compare them with text folded or lowercased the same way).
 * Bytes that occur in no word share one class, so the table has a row per state and a
 * column per distinct byte of the words. Build: cc_acm_new(), cc_acm_add() for each word
 * with the number the caller wants back, cc_acm_build(); then cc_acm_scan() or the
 * step functions any number of times. Ownership: the caller frees with cc_acm_free().
 */
#ifndef CC_ACM_H
#define CC_ACM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cc_acm cc_acm;

cc_acm *cc_acm_new(void);
void cc_acm_free(cc_acm *a);
/* Adds a word (len >= 1 bytes) reported as `id`; only before cc_acm_build(). The same
 * word may be added under several ids: each is reported. */
void cc_acm_add(cc_acm *a, const char *word, size_t len, uint32_t id);
/* Freezes the words into the automaton. */
void cc_acm_build(cc_acm *a);
/* Words added. */
size_t cc_acm_words(const cc_acm *a);

/* Called for each occurrence of a word, at `end` (just past its last byte); returning
 * true stops the scan. */
typedef bool (*cc_acm_hit_fn)(void *ctx, uint32_t id, size_t end);

/* Reports every occurrence of every word in text[0..len), in order of where each ends.
 * Returns true when `hit` stopped the scan. */
bool cc_acm_scan(const cc_acm *a, const char *text, size_t len, cc_acm_hit_fn hit, void *ctx);

/*
 * The automaton's tables, for a caller that runs its own loop (prefilter.c folds a
 * document as it goes): the next state of s on byte b is
 * delta[s * ncls + cls[b]], and a word ends in s when final[s]. Valid until
 * cc_acm_free().
 */
typedef struct cc_acm_tables {
    const uint32_t *delta;
    const uint16_t *cls;  /* 256 entries */
    size_t ncls;
    const bool *final;
} cc_acm_tables;

cc_acm_tables cc_acm_tables_of(const cc_acm *a);

/* Step by step, for a text that is produced piece by piece: start from
 * cc_acm_start(), feed each byte with cc_acm_step(); cc_acm_final() is true when a word
 * ends at the byte just fed. */
uint32_t cc_acm_start(const cc_acm *a);
uint32_t cc_acm_step(const cc_acm *a, uint32_t state, unsigned char byte);
bool cc_acm_final(const cc_acm *a, uint32_t state);

#endif
