/*
 * figure.h — every figure of a sentence, with no rulebook ("open mode", issue 8).
 *
 * cc_figure_scan() reads one sentence of NFC UTF-8 and returns each figure in it: its
 * byte span as written, its kind, its value as an interval (in the base unit of its
 * dimension, see units.h), the qualifier written before it and the one or two words
 * after it (the noun the measure builder will use). It reuses num.h for the numeric
 * part (digits, decimal commas, scale words), qualifier.h for "khoảng", "hơn", "gần"...,
 * date.h for dates and units.h for units.
 *
 * Spans cover the number and its unit ("900kg", "3 năm 6 tháng", "43 tuổi", "15-20 ngày",
 * "7 giờ 30 phút", "29M-6472"), never the cue word before it ("lúc", "ngày", "năm",
 * "sinh năm", "thứ", "từ" are context, not the figure); a range "từ 15 đến 20 người"
 * spans "15 đến 20", its noun "người". Numbers glued after a letter ("abc123") are
 * part of a word and never figures.
 *
 * The rules that decide between readings, in the order they are tried at a number:
 *   1. time of day, glued (minutes since midnight): "NhM" ("7h30", "0h4'", "20h";
 *      N <= 24, M <= 59) unless a duration cue comes before ("trong", "trong vòng",
 *      "mất", "suốt", "kéo dài", "sau"); "48h" or "trong 2h" is a duration.
 *   2. date: after "ngày" ("ngày 27/4", "ngày 27.4", "ngày 27-4", "ngày 26 tháng 8 năm
 *      2020") or after "tháng" ("tháng 8/2017", "tháng 7-2020"), and D/M[/Y], D-M-Y,
 *      D.M.Y, M/Y, M-YYYY glued anywhere, and D-M glued when it cannot be a range (the
 *      day before the month: "21-3") or after a part of the day ("sáng 5-4"); date.h
 *      parses them ("27.4" alone is a decimal, "1-2" alone a range). Without a year
 *      the date takes cc_figures.doc_year, and when that is 0 it is read in the leap
 *      year CC_FIGURE_YEARLESS and flagged `yearless`: the documents of one story
 *      share a year, which the caller gives it later (see cc_open_set_year). The
 *      interval is in days since 1970-01-01.
 *      N/M glued that is no date is a rank ("86/193": 86, `second` 193).
 *   3. identifier: a glued run of ASCII letters and digits (with inner '-' and '.') that
 *      holds an uppercase letter and a digit and is not a number followed by a unit that
 *      ends the run ("29M-6472", "51F-123.45", "D19E909"; but "500MW", "900kg" are
 *      quantities, and so is "5G" — a known limit); a run of 8 or more digits, or of 4
 *      or more starting with 0 (a phone number: "0912345678"), or digits num.h refuses
 *      ("0912.345.678"). Compared as text: uppercase, no spaces. A phone number written
 *      with spaces ("0912 345 678") is read as three figures.
 *   4. time of day, in words: "N giờ M" without "phút"; "N giờ [M phút]" after a clock
 *      cue ("lúc", "vào", "vào lúc", "từ", "đến", "tới") or followed by a part of the
 *      day ("sáng", "trưa", "chiều", "tối", "đêm", "khuya", "ngày", "hôm"), unless a
 *      duration cue comes before. Otherwise "7 giờ 30 phút" is a duration.
 *   5. year: four digits 1900..2099 after "năm" or "SN" ("năm 2004", "sinh năm 1962" are
 *      years, not durations); two such years joined by a dash are a range of years.
 *   6. ordinal/rank: after "thứ", "hạng", "vị trí" ("lần thứ 2" is the ordinal 2, not a
 *      count), with an optional glued "/total".
 *   7. range or score: N-M, N - M, N–M, "từ N đến|tới M". With a score cue anywhere in
 *      the sentence (tỷ số, thắng, thua, hòa, bàn, ván, set, chung cuộc...) and two
 *      integers below 1000 joined by a dash, it is a score (range = first, second = the
 *      other side). Otherwise a range [min, max]; what follows the second number applies
 *      to both ("15-20 ngày", "1-2 phút", "5-7 tỷ đồng").
 *   8. a number (digits plus scale words, or number words before a unit) followed by:
 *      "%"/"phần trăm" (percent), a currency (money), "tuổi" (age in years), a unit
 *      (quantity; durations add up: "3 năm 6 tháng"), or anything else (count).
 * Number words ("hai", "mười lăm") are read before a unit, a duration or "tuổi", and as a
 * count before a lowercase noun when they start with "hai".."mười" ("hai xã", "ba bị cáo";
 * never "một", "năm" (also "year") or "tư", nor "ba mẹ"); vague amounts before a noun are
 * counts with their interval ("hàng chục ngôi nhà" is 10..99, "hàng trăm" 100..999, "vài
 * chục" 20..90; the table VAGUE_AMOUNTS in figure.c).
 *
 * Work is linear in n, nothing outside [s, s + n) is read, and invalid UTF-8 is a
 * separator that matches nothing.
 */
#ifndef CC_FIGURE_H
#define CC_FIGURE_H

#include <stdbool.h>
#include <stddef.h>
#include "num.h"
#include "qualifier.h"
#include "units.h"
#include "value.h"

typedef enum cc_figure_kind {
    CC_FIG_COUNT,      /* a plain number, usually before a noun: "503 hành khách" */
    CC_FIG_QUANTITY,   /* a number with a unit of measure, in the base unit: "900kg" */
    CC_FIG_DURATION,   /* seconds: "3 năm 6 tháng", "2 tiếng" */
    CC_FIG_TIME,       /* a time of day, minutes since midnight: "7h30" is 450 */
    CC_FIG_SCORE,      /* "2-1" after a score cue: range = 2, second = 1 */
    CC_FIG_IDENTIFIER, /* compared as text (cc_figure.text): "29M-6472", "D19E909" */
    CC_FIG_AGE,        /* years: "43 tuổi" */
    CC_FIG_YEAR,       /* a calendar year: "sinh năm 1962", "SN 1962", "năm 2004" */
    CC_FIG_PERCENT,    /* percentage points: "88,53%" */
    CC_FIG_MONEY,      /* in cc_figure.currency: "5 tỷ đồng" */
    CC_FIG_DATE,       /* days since 1970-01-01: "ngày 27/4" */
    CC_FIG_RANK,       /* an ordinal or rank: "thứ 2", "86/193" (second = total) */
    CC_FIG_PERIOD,     /* two dates joined: "8/2017-7/2019", "từ 28/4 đến 30/4" (range is
                          the start date, range2 the end date, in days) */
} cc_figure_kind;

#define CC_FIG_NKINDS (CC_FIG_PERIOD + 1)

/* "count", "quantity", "duration", "time", "score", "identifier", "age", "year",
 * "percent", "money", "date", "rank", "period" (index = cc_figure_kind). */
extern const cc_names cc_figure_kind_names;

#define CC_FIGURE_TEXT_MAX 32   /* an identifier's canonical text, NUL included */
#define CC_FIGURES_MAX 256      /* figures kept per sentence; more sets `truncated` */
#define CC_FIGURE_YEARLESS 2000 /* the year of a date written without one, while unknown */

typedef struct cc_figure {
    cc_figure_kind kind;
    size_t start, end;           /* the figure as written: s[start, end) */
    size_t qual_start, qual_end; /* qualifier words before it ("khoảng hơn"); equal when none */
    size_t noun_start, noun_end; /* the 1–2 words after it ("hành khách"); equal when none */
    cc_range range;              /* the value (see the kinds); never NaN, lo <= hi */
    const cc_unit *unit;         /* quantity, duration: the (first) unit written; else NULL */
    bool is_range;               /* written as a range: "15-20 ngày", "từ 15 đến 20" */
    double second;               /* score: the other side; rank: the total (0: none); else 0 */
    cc_range range2;             /* period: the end date, in days; else {0, 0} */
    bool yearless, yearless2;    /* date, period start / period end: written without a
                                    year and read in CC_FIGURE_YEARLESS */
    char currency[4];            /* money: "VND" or "USD"; else "" */
    char text[CC_FIGURE_TEXT_MAX]; /* identifier: uppercase, no spaces; else "" */
} cc_figure;

/*
 * The figures of one sentence, and what a scan needs between calls. Initialise with
 * cc_figures_init() (it builds the default qualifier table), scan as many sentences as
 * needed (each scan replaces the list), free with cc_figures_free().
 */
typedef struct cc_figures {
    cc_figure *v;        /* the figures, in order of start */
    size_t n, cap;
    bool truncated;      /* more than CC_FIGURES_MAX figures: the rest were dropped */
    int doc_year;        /* input: the year of a date written without one; 0 unknown */
    cc_qualifiers quals; /* the qualifier table (default; a caller may replace it) */
    void *toks;          /* scratch: the sentence's tokens */
    size_t ntoks, toks_cap;
    char *lows;          /* scratch: its words lowercased, once per scan */
    size_t lowlen, lowcap;
    void *qual_words;    /* scratch: the first words of `quals`, read when it changes */
} cc_figures;

void cc_figures_init(cc_figures *f);
void cc_figures_free(cc_figures *f);

/* Scans s[0..n) and replaces f's list with its figures. Returns the number found. */
size_t cc_figure_scan(const char *s, size_t n, cc_locale loc, cc_figures *f);

/* The dimension of a figure: its unit's, CC_DIM_DURATION for durations, else none. */
cc_dim cc_figure_dim(const cc_figure *fig);

#endif
