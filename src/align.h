/*
 * align.h — which open claims of different documents state the same fact.
 *
 * For each pair of documents, every open claim of one is compared with every open claim
 * of the other (cc_open_compare). A pair is aligned when each is the other's best match
 * and the score reaches CC_ALIGN_MIN_SCORE: a figure is compared with the one figure of
 * the other report that says most nearly the same thing, never with every look-alike.
 * Aligned pairs are joined into groups across documents (a fact three reports state is
 * one group). Each group keeps its weakest link's score and margin (how far the best
 * match was ahead of the next best), which say how sure the alignment is.
 *
 * Only documents of one story are compared: with run->stories (audit, check --db, and a
 * check of more than 100 documents, which gets the stories story.h finds among them:
 * checker.c, CC_CHECK_ONE_STORY_MAX) each document's story is its cc_document.story and
 * documents without one are not aligned; otherwise the documents of the run are one story
 * (a check of reports the user chose).
 * The story's common words are found per story.
 *
 * Work is bounded: documents of a story are compared in pairs, and each pair's work is the
 * product of their open claims, at most CC_ALIGN_MAX_CLAIMS each (the rest are not aligned).
 */
#ifndef CC_ALIGN_H
#define CC_ALIGN_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

#define CC_ALIGN_MIN_SCORE 3
#define CC_ALIGN_MAX_CLAIMS 2000


/* Groups the run's open claims (cc_aligned, model.h); returns how many groups (each of two
 * or more documents) and sets *out (free with cc_aligned_free). */
size_t cc_align_open(const cc_run *run, cc_aligned **out);
void cc_aligned_free(cc_aligned *groups, size_t n);

/*
 * The documents of one check are reports of one story. The words (three bytes or more,
 * no function words) of each document's sentences with figures are compared with every
 * other document's: when no other document has at least CC_STORY_MIN_SHARE of the smaller
 * set in common, the document gets a warning, since it is probably about something else
 * and its figures would be compared with another story's. On the corpus, reports of one
 * story share 50-100% (35 labelled stories), unrelated articles 11-18%. Open mode only.
 */
#define CC_STORY_MIN_SHARE 0.25

void cc_check_one_story(cc_run *run);

#endif
