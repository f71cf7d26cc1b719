/*
 * open.h — open claims: what a figure no rulebook field claimed is about, and whether
 * two such figures from different reports state the same fact ("open mode").
 *
 * A figure (figure.h) becomes an open fact with:
 *   - its kind, dimension and currency, which two facts must share to be compared;
 *   - its measure: the content words right after it (the noun: "503 hành khách", "3 người
 *     chết") and right before it in its clause ("vực sâu 60 mét", "mức án 12 năm tù");
 *   - its names: proper names written in its clause ("Nguyễn Văn A", "Cao Bằng"), the
 *     person or place it is about;
 *   - its cues: words that change what a figure means, from one table (open.c): a
 *     requested versus an imposed sentence, a plan versus a result, a running total
 *     versus one period, a change versus a level, an earlier time;
 *   - its time: a date written in its clause ("đến chiều 25/4"), when there is one.
 *
 * cc_open_compare() says whether two facts state the same fact, how sure it is (a score
 * from shared measure words) and why (the shared words); the checker aligns the claims of
 * different documents with it. Words are compared lowercase, as written (NFC). A word
 * the whole run repeats (cc_open_common) is no evidence; Vietnamese writes a word as
 * syllables, so the words shared on each side count up to a cap (one concept of three
 * syllables is not three pieces of evidence).
 */
#ifndef CC_OPEN_H
#define CC_OPEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "figure.h"
#include "util.h"

#define CC_OPEN_WORDS 6        /* measure words kept on each side of a figure */
#define CC_OPEN_WORD_MAX 24    /* bytes of one word, NUL included (longer: cut) */
#define CC_OPEN_NAMES 4        /* names kept per clause */
#define CC_OPEN_NAME_MAX 40

/* Cue classes (bits): what a figure's words say about it beyond its measure. Their names
 * ("request", "imposed", ...) are cc_open_cue_names, bit k named by entry k. */
enum {
    CC_CUE_REQUEST = 1u << 0,  /* "đề nghị", "đề xuất", "truy tố": asked for, not decided */
    CC_CUE_IMPOSED = 1u << 1,  /* "tuyên phạt", "xử phạt", "kết án": decided */
    CC_CUE_PLAN = 1u << 2,     /* "dự kiến", "kế hoạch", "mục tiêu": not yet happened */
    CC_CUE_TOTAL = 1u << 3,    /* "tổng cộng", "lũy kế", "từ đầu năm": a running total */
    CC_CUE_CHANGE = 1u << 4,   /* "tăng", "giảm": a change, not a level; "bỏ xa",
                                  "chênh lệch": a margin between two figures */
    CC_CUE_EARLIER = 1u << 5,  /* "năm ngoái", "cùng kỳ", "trước đó": another time */
    CC_CUE_PART = 1u << 6,     /* "thêm 100 xe", "trong đó": an addition to the whole, or a
                                  part of it */
    CC_CUE_OTHER = 1u << 7,    /* "11 đối tượng khác", "còn lại": others besides someone;
                                  often only "the others than the dead" ("1 người chết, 4
                                  người khác bị thương"), so it weighs against, not blocks */
};

extern const cc_names cc_open_cue_names;

typedef struct cc_open_fact {
    cc_figure_kind kind;
    int dim;                          /* cc_dim of its unit, or CC_DIM_NONE */
    char currency[4];                 /* money */
    char before[CC_OPEN_WORDS][CC_OPEN_WORD_MAX]; /* content words before, nearest first */
    char after[CC_OPEN_WORDS][CC_OPEN_WORD_MAX];  /* content words after, nearest first */
    unsigned nbefore, nafter;
    char names[CC_OPEN_NAMES][CC_OPEN_NAME_MAX];  /* proper names in its clause, lowercase */
    unsigned nnames;
    unsigned cues;                    /* CC_CUE_* found before it in its sentence or after it */
    cc_range value, value2;           /* the figure's value (a period's start and end) */
    double second;                    /* a rank's total */
    bool has_time;                    /* a date written in its clause */
    cc_range time;                    /* that date, in days since 1970-01-01 */
    bool yearless, yearless2;         /* value / value2 (a date, a period's ends) and */
    bool time_yearless;               /* time were written without a year: read in
                                         CC_FIGURE_YEARLESS until cc_open_set_year */
} cc_open_fact;

/* Whether figures of this kind become open claims (years do not: a year is the time of
 * other figures). */
bool cc_open_kind_claimed(const cc_figure *fig);

/* Whether a lowercase word says nothing about what a figure measures (a function word,
 * pronoun, qualifier, time or number word: the table in open.c). */
bool cc_open_function_word(const char *w);

/* Builds the fact of figure `i` of `figs`, scanned from the sentence s[0..n). */
void cc_open_fact_make(const char *s, size_t n, const cc_figures *figs, size_t i,
                       cc_open_fact *out);

/* The same for several figures of one sentence: its words are read once
 * (cc_open_sentence_read), then each fact is built from them. The sentence s[0..n) must
 * outlive the facts' building; one cc_open_sentence is reused from sentence to sentence. */
typedef struct cc_open_sentence cc_open_sentence;
cc_open_sentence *cc_open_sentence_new(void);
void cc_open_sentence_free(cc_open_sentence *sn);
void cc_open_sentence_read(cc_open_sentence *sn, const char *s, size_t n);
void cc_open_fact_of(const cc_open_sentence *sn, const cc_figures *figs, size_t i,
                     cc_open_fact *out);

/* The words that say what the fact measures, as a phrase for messages ("người bị thương",
 * "vực sâu"): the words after it, else the words before it. */
void cc_open_measure(const cc_open_fact *f, cc_buf *out);

/*
 * Words too common in a run to say which fact a figure states: the story's own words
 * ("chính phủ điện tử" in every sentence of a report about it). Built by the aligner from
 * all open claims of the run; sorted, for bsearch.
 */
typedef struct cc_open_common {
    char (*words)[CC_OPEN_WORD_MAX];
    size_t n;
} cc_open_common;

/* The words of the run's facts that stand near more than one in `share` of them (and
 * near at least `min_count`). */
void cc_open_common_build(const cc_open_fact *const *facts, size_t n, size_t share,
                          size_t min_count, cc_open_common *out);
void cc_open_common_free(cc_open_common *c);

/* How two facts of different documents compare. */
typedef struct cc_open_match {
    int score;          /* -1: cannot be the same fact; 0 and up: measure words shared */
    bool same_time;     /* false when both name a time and the times differ */
    bool noun_only;     /* counts that share only their noun ("503 hành khách" and "gần 80
                           hành khách bị thương"): a candidate, not an alarm */
    char why[160];      /* the shared words, quoted: "'người', 'bị thương'" */
} cc_open_match;

/* Compares two facts; score -1 when they cannot be the same fact (another kind, unit,
 * currency, person or place, or a different cue such as requested versus imposed). */
cc_open_match cc_open_compare(const cc_open_fact *a, const cc_open_fact *b,
                              const cc_open_common *common);

/* Whether the values of two facts of one kind meet (their intervals intersect; a rank's
 * or score's second numbers are equal; a period's two ends both meet). */
bool cc_open_values_meet(const cc_open_fact *a, const cc_open_fact *b);

/* Gives the dates of `f` written without a year (value, value2, time) the year `year`
 * (1..9999), the story's: "21/3" in a 2005 story is 2005-03-21; 29/2 in a common year
 * is the 28th. */
void cc_open_set_year(cc_open_fact *f, int year);

#endif
