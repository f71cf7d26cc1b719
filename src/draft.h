/*
 * draft.h — a draft rulebook from what open mode aligned across the reports of one story
 * (`crosscheck rules init`).
 *
 * Open mode (open.h, align.h) finds figures that several reports state about the same
 * fact. A newcomer's rulebook starts from exactly those: for each aligned group that two
 * or more documents state, one field whose
 *   - id is an ASCII slug of the figure's head noun, the first two words on the side the
 *     pattern names it by ("hành khách" → hanh_khach), made unique with _2, _3...;
 *   - type follows the figure's kind (count, age, quantity or duration in one unit →
 *     number with the unit in the pattern; percent, money, rank, date, period as such);
 *     times of day, scores and identifiers have no rulebook type and are left out;
 *   - subject one `story` subject, and `scope: event`: the reports of one story are
 *     compared whatever year each is dated or guessed to be, as open mode compares them;
 *   - pattern is generalised from the documents' sentences: the slot, then the words
 *     every document writes right after it, or right before it, or both (compared
 *     lowercase, written as in the first document, regex metacharacters escaped, white
 *     space as \s+). The slot already takes the qualifier words ("gần", "hơn"...).
 *     Candidates go from the most general (the shared head noun) to the most specific;
 *     the first that reads every document's figure and no other figure of the documents
 *     wins (a figure stated again with the same value — by the same document, or by one
 *     that is not in the group with one of the group's values — is not another figure).
 *     Every candidate is tried the real way: extracted from the documents with
 *     a rulebook holding it, through the source's callback;
 *   - examples are the documents' sentences with the value each yields, and `none:`
 *     examples are sentences holding a look-alike figure that a more general candidate
 *     (the chosen one with fewer of its words) read and the chosen one does not;
 *   - rule has open mode's tolerance for the kind and its severity for the alignment, and
 *     a message built from the measure words.
 * YAML comments say which documents and sentences a field came from, its alignment score
 * and whether open mode and the field find the same conflict. A group whose contexts give
 * no pattern that passes its own examples is left out with a comment saying why. Each
 * field's examples are run (examples.h) before it is written, and the whole draft is
 * loaded, compiled and tested again before it is returned: a draft that fails `rules
 * lint` or `rules test` is never written.
 *
 * Ownership: the caller owns the run, the source and the output buffer; everything the
 * draft builds on the way is freed before cc_draft_write() returns.
 */
#ifndef CC_DRAFT_H
#define CC_DRAFT_H

#include <stddef.h>
#include "model.h"
#include "num.h"
#include "util.h"

#define CC_DRAFT_WORDS 4        /* shared words kept on each side of a figure */
#define CC_DRAFT_WORD_MAX 64    /* bytes of one context word, NUL included (longer: stop) */
#define CC_DRAFT_CANDIDATES 12  /* patterns tried per group */
#define CC_DRAFT_NONE_MAX 3     /* `none:` examples per field */
#define CC_DRAFT_GAP 2          /* differing words allowed between the left words and a figure */

/* ---- words: field ids, regex text, YAML scalars ---------------------------------- */

/* Appends an ASCII field id made of the words s[0..n): diacritics folded ("đ" → "d"),
 * lowercase, every run of other characters one '_', none at the ends; "_" + the id when
 * it would start with a digit; nothing when no letter or digit is left. */
void cc_draft_slug(const char *s, size_t n, cc_buf *out);

/* Appends s[0..n) as PCRE2 text that matches it literally, except that every run of white
 * space becomes \s+ (and any other white-space character matches where one was written). */
void cc_draft_regex_escape(const char *s, size_t n, cc_buf *out);

/* Appends s[0..n) as one YAML scalar that reads back as exactly s: single-quoted ('' for
 * a quote) when every character may stand in YAML as it is, double-quoted with escapes
 * (\", \\, \t, \xNN, \uNNNN) otherwise. Invalid UTF-8 is written as U+FFFD. */
void cc_draft_yaml_quote(const char *s, size_t n, cc_buf *out);

/* ---- contexts and patterns -------------------------------------------------------- */

/* The words around one figure in its sentence: white-space separated, as written (NFC),
 * nearest first. A side stops at a word that holds a digit (another figure), at a
 * clause mark (, ; : . ! ? brackets and quotes around a word end the side after that
 * word), after CC_DRAFT_WORDS words, or at a word longer than CC_DRAFT_WORD_MAX. */
typedef struct cc_draft_context {
    char left[CC_DRAFT_WORDS][CC_DRAFT_WORD_MAX];  /* before the figure, nearest first */
    size_t nleft;
    char right[CC_DRAFT_WORDS][CC_DRAFT_WORD_MAX]; /* after the figure, nearest first */
    size_t nright;
} cc_draft_context;

/* The context of the figure s[start, end) of the NFC sentence s[0..n). */
void cc_draft_context_of(const char *s, size_t n, size_t start, size_t end,
                         cc_draft_context *out);

/*
 * The patterns that generalise n contexts around `core` (the slot and, for a figure with
 * a unit, the unit: "{number}" or "{number}\s*tuổi"), most general first. With k the
 * words all contexts share on a side (compared lowercase, nearest first), a side holds
 * none of them, or from `head` up to k (cc_draft_head_words: a Vietnamese word is often
 * two syllables, and "hành" alone is not "hành khách"); every pair of sides. Those with
 * words on the side that `names` the figure come first (when the documents share words
 * there), then fewer words first, then more of them on that side:
 *   "{number}\s+hành\s+khách\b", "\bchở\s+{number}\s+hành\s+khách\b", "\bchở\s+{number}"
 * When no word right before the figure is shared, the words before it may be shared
 * after a gap of up to CC_DRAFT_GAP words that differ ("trốn thuế 27 tỷ" and "trốn thuế
 * tới 27 tỉ"): the pattern allows that many words without a digit there, lazily, so that
 * the slot still takes its qualifier words: "\btrốn\s+thuế\s+(?:[^\s\d]+\s+){0,1}?{money}".
 * `core` alone when no word is shared. At most CC_DRAFT_CANDIDATES; sets *out to a
 * malloc'd array of malloc'd strings (free with cc_draft_patterns_free) and, when `shapes`
 * is not NULL, shapes[i] to the words pattern i holds on each side; returns how many.
 */
typedef struct cc_draft_shape {
    size_t left, right;   /* shared words a pattern holds before and after the core */
    size_t from;          /* where its left words start in the first context (a gap) */
    size_t gap;           /* words that may stand between its left words and the core */
} cc_draft_shape;

/* The side of a figure whose words say what it is. */
typedef enum cc_draft_side {
    CC_DRAFT_AFTER,     /* the noun after it: "503 hành khách" */
    CC_DRAFT_BEFORE,    /* the words before it: "giai đoạn 8/2017–7/2020", "vực sâu 60 mét" */
} cc_draft_side;

size_t cc_draft_patterns(const cc_draft_context *ctx, size_t n, const char *core,
                         cc_draft_side names, size_t head, char ***out, cc_draft_shape *shapes);

/* The words of a head noun: two in Vietnamese, written in syllables ("hành khách"), one
 * in English. A pattern's side holds at least that many shared words (fewer only when
 * fewer are shared), and a field is named by that many. */
size_t cc_draft_head_words(cc_locale loc);
void cc_draft_patterns_free(char **v, size_t n);

/* ---- the draft ------------------------------------------------------------------- */

/* How the draft reads the story's documents again, with a rulebook of candidate fields. */
typedef struct cc_draft_source {
    /* Adds the story's documents, extracted with `rb` (compiled), to `run` (initialised
     * with `rb`): the same documents in the same order at every call. */
    void (*extract)(void *ctx, const cc_rulebook *rb, cc_run *run);
    void *ctx;
} cc_draft_source;

typedef struct cc_draft_summary {
    size_t documents;   /* documents read */
    size_t aligned;     /* aligned groups that two or more documents state */
    size_t fields;      /* fields written */
    size_t left_out;    /* groups left out (each with a comment saying why) */
} cc_draft_summary;

/*
 * Writes a draft rulebook (YAML, locale `loc`) for the story in `run`: its documents
 * extracted with a rulebook that has open mode on and no fields, their open claims dated
 * (cc_run_date_open_claims), as `check` has them. Checks the run
 * (cc_check), aligns its open claims, drafts a field per group as above. Returns 0, or
 * -1 with a diagnostic in `d` when the draft did not pass its own lint and test (a bug:
 * nothing should be written then).
 */
int cc_draft_write(cc_run *run, const cc_draft_source *src, cc_locale loc, cc_buf *out,
                   cc_draft_summary *sum, cc_diags *d);

#endif
