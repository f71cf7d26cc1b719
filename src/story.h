/*
 * story.h — which documents of an archive report one story, and which are reprints.
 *
 * A document's **terms** are the distinct pairs of adjacent words of its text (words are
 * runs of letters, digits and marks, lowercased; Vietnamese writes a word as syllables,
 * so a pair is often one word: "xe khách", "hải vân"), each hashed to 31 bits, with a
 * flag bit set when both words of the pair start with a capital somewhere in the
 * document (a name: "Hải Vân", "Trần Văn"). cc_story_terms builds them line by line.
 *
 * Two documents are **linked** when, over the terms found in at most CC_STORY_MAX_DF
 * documents (rarer terms say more: each weighs log(1 + N/df), a name twice that):
 *   - they share at least CC_STORY_MIN_SHARED such terms,
 *   - the cosine of their weighted term vectors is at least CC_STORY_MIN_COSINE,
 *   - each is among the other's CC_STORY_NEIGHBOURS best such matches (a document that
 *     resembles many, a topic rather than an event, links with its closest few only),
 *   - and, when both are dated to the day, their dates are at most CC_STORY_MAX_DAYS apart.
 * A **story** is a connected group of linked documents; its id is the index of its first
 * document. Two documents whose whole term sets have a Jaccard index of at least
 * CC_STORY_DUPLICATE are **near-duplicates** (one text printed twice): they are always in
 * one story, and every copy but the earliest (by date, then index) points to it.
 *
 * Work is bounded: candidate pairs come from the postings of rare terms only (at most
 * CC_STORY_MAX_DF documents each), so each document is compared with at most
 * CC_STORY_MAX_DF documents per term, never with every document; a document keeps at
 * most CC_STORY_MAX_TERMS terms. Memory is linear in the terms of all documents.
 */
#ifndef CC_STORY_H
#define CC_STORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CC_STORY_MAX_DF 50         /* terms in more documents are not evidence */
#define CC_STORY_MIN_SHARED 6      /* rare terms two documents of a story share */
#define CC_STORY_MIN_COSINE 0.09   /* of their weighted rare-term vectors */
#define CC_STORY_NEIGHBOURS 3      /* a link is among each side's best this many */
#define CC_STORY_MAX_DAYS 7        /* dated documents further apart are other news */
#define CC_STORY_NAME_WEIGHT 2.0   /* a name's term counts this many times a word pair's */
#define CC_STORY_DUPLICATE 0.7     /* Jaccard of all terms: one text printed twice */
#define CC_STORY_MAX_TERMS 16384   /* distinct terms kept per document */
#define CC_STORY_NO_DAY INT32_MIN  /* a document not dated to the day */

#define CC_STORY_TERM_NAME 1u      /* the flag bit of a term: both words capitalised */
#define CC_STORY_TERM_KEY(t) ((t) >> 1) /* the pair's hash, without the flag */

/* ---- terms ------------------------------------------------------------------------- */

/* The terms of one document while its lines are read. Initialise with
 * cc_story_terms_init(), add lines, take them with cc_story_terms_detach() (which also
 * starts the next document), free with cc_story_terms_free(). */
typedef struct cc_story_terms {
    uint32_t *slots;      /* open addressing by key; 0 is an empty slot */
    uint32_t *order;      /* the terms in the order first seen (n of them) */
    size_t n;
    uint64_t prev;        /* hash of the last word read, 0 when none (a document start) */
    bool prev_capital;    /* it starts with a capital */
} cc_story_terms;

void cc_story_terms_init(cc_story_terms *t);
void cc_story_terms_free(cc_story_terms *t);
/* Adds the terms of one line of NFC text; a pair may span two lines of a document. */
void cc_story_terms_add(cc_story_terms *t, const char *s, size_t n);
/* The document's terms, sorted and distinct (malloc'd; NULL when none), and starts over. */
uint32_t *cc_story_terms_detach(cc_story_terms *t, size_t *n);

/* ---- grouping ---------------------------------------------------------------------- */

typedef struct cc_story_doc {
    const uint32_t *terms;   /* sorted, distinct (cc_story_terms_detach) */
    size_t nterms;
    int32_t day;             /* days since 1970-01-01, or CC_STORY_NO_DAY */
} cc_story_doc;

typedef struct cc_story_out {
    size_t story;            /* index of the first document of its story (itself alone) */
    size_t duplicate_of;     /* the earlier document it reprints, or SIZE_MAX */
    double norm;             /* the length of its weighted rare-term vector */
} cc_story_out;

typedef struct cc_story_stats {
    size_t candidates;       /* pairs that share a rare term */
    size_t links;            /* pairs linked (the rules above) */
    size_t duplicates;       /* documents that reprint an earlier one */
    size_t stories;          /* stories of two or more documents */
    size_t grouped;          /* documents in those */
} cc_story_stats;

/* Groups docs[0..n) into stories; out[0..n) receives each document's story. */
void cc_story_group(const cc_story_doc *docs, size_t n, cc_story_out *out,
                    cc_story_stats *stats);

/* Receives one distinct term key of the documents grouped and its document frequency
 * df; `docs` lists the documents that hold it (indices, ascending) when df is below
 * CC_STORY_MAX_DF, else is NULL (a term that common is never evidence for a draft). */
typedef void cc_story_term_sink(void *ctx, uint32_t key, const size_t *docs, size_t df);

/* cc_story_group, also handing every term key to `sink` in ascending key order (the
 * postings it sorts anyway): what an archive keeps so that a draft's story is found
 * without reading every document's terms (cc_story_match_df). */
void cc_story_group_terms(const cc_story_doc *docs, size_t n, cc_story_out *out,
                          cc_story_stats *stats, cc_story_term_sink *sink, void *ctx);

/*
 * For a draft that is not one of docs[0..n) (check --db): the documents it would be linked
 * with, by the same rules except that only the draft's best CC_STORY_NEIGHBOURS count
 * (the archive's neighbours are those stored), plus any document it reprints. `norms` are
 * the documents' cc_story_out.norm; document frequencies count docs and the draft.
 * Writes at most CC_STORY_NEIGHBOURS + 1 indices to out (best first); returns how many.
 */
size_t cc_story_match(const cc_story_doc *docs, const double *norms, size_t n,
                      const cc_story_doc *draft, size_t out[CC_STORY_NEIGHBOURS + 1]);

/*
 * cc_story_match with the document frequencies known: archive_df[i] is the number of
 * the archive's documents that hold the draft's term i (by key; the draft not counted),
 * ndocs the number of its documents with terms. docs[0..n) need only be those that share
 * at least CC_STORY_MIN_SHARED terms with the draft whose frequency (the draft counted) is
 * 2 to CC_STORY_MAX_DF, in the archive's order: no other document can be linked, so the
 * result is the same as over the whole archive, with indices into docs.
 */
size_t cc_story_match_df(const cc_story_doc *docs, const double *norms, size_t n, size_t ndocs,
                         const size_t *archive_df, const cc_story_doc *draft,
                         size_t out[CC_STORY_NEIGHBOURS + 1]);

/* The day of a "YYYY-MM-DD" date, or CC_STORY_NO_DAY for anything else ("2005", ""). */
int32_t cc_story_day(const char *date);

#endif
