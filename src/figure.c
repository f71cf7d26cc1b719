/*
 * figure.c — every figure of a sentence (see figure.h for the rules and their order).
 *
 * The sentence is cut once into tokens: runs of ASCII digits (with inner '.' or ','
 * before a digit: "1.200", "0,9"), runs of letters (and marks), and single other
 * characters (an invalid UTF-8 sequence is one such token). Each token records whether
 * white space came before it ("glued"), which is what tells "900kg" and "7h30" from
 * "900 kg". The scanner then walks the tokens left to right; at a number it tries the
 * readings of figure.h in order, each looking at a bounded number of tokens around it,
 * so the whole scan is linear in the sentence.
 *
 * Language knowledge is in the tables below, each with what it is for.
 */
#include "figure.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "date.h"
#include "rank.h"
#include "text.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_QUAL_WORDS 4      /* tokens looked at before a figure for its qualifiers */
#define MAX_SCALE_WORDS 3     /* "1,2 nghìn tỷ": scale words after digits */
#define MAX_NUMBER_WORDS 6    /* "một trăm chín mươi ba": number words before a unit */
#define MAX_DATE_TOKENS 9     /* "ngày 26 tháng 8 năm 2020" after the keyword */
#define MAX_DURATION_PARTS 4  /* "1 năm 2 tháng 3 ngày 4 giờ" */
#define MAX_ID_TOKENS 12      /* tokens of an identifier run */
#define PHONE_DIGITS 8        /* a bare digit run this long is a phone number or a code */
#define MONEY_BUF 96          /* "5 tỷ" rebuilt for the first end of "5-7 tỷ đồng" */

/* ---------------------------------------------------------------- tables */

/* Clock cues: before a number, they make "7 giờ 30 phút" and "7h" a time of day. */
static const char *const CLOCK_CUES[] = {"vào lúc", "lúc", "vào", "từ", "đến", "tới"};
/* Duration cues: before a number, they make "2h" and "7 giờ" a duration. */
static const char *const DURATION_CUES[] = {"trong vòng", "kéo dài", "trong", "mất", "suốt",
                                            "sau"};
/* Parts of the day (and "ngày"): after "N giờ [M phút]", they make it a time of day. */
static const char *const DAY_PARTS[] = {"sáng", "trưa", "chiều", "tối", "đêm", "khuya",
                                        "ngày", "hôm"};
/* Score cues: anywhere in the sentence, they make "2-1" a score rather than a range. */
static const char *const SCORE_CUES[] = {"tỷ số", "tỉ số", "thắng", "thua", "hòa", "hoà",
                                         "bàn", "ván", "set", "chung cuộc", "hiệp",
                                         "gỡ hòa", "dẫn"};
/* Before four digits 1900..2099, a calendar year ("năm 2004", "sinh năm 1962", "SN 1962"). */
static const char *const YEAR_CUES[] = {"năm", "sn"};
/* Before a number, an ordinal or rank ("lần thứ 2", "hạng 3"). */
static const char *const RANK_CUES[] = {"thứ", "hạng", "vị trí"};
/* Before a number, a date ("ngày 27/4", "tháng 8/2017"): date.h reads from the cue. */
static const char *const DATE_CUES[] = {"ngày", "tháng"};
/* Joining the two ends of a range after "từ". */
static const char *const RANGE_JOINS[] = {"đến", "tới"};
/* Scale words read with the digits before them (num.h knows their values). */
static const char *const SCALE_WORDS[] = {"nghìn", "ngàn", "triệu", "tỷ", "tỉ", "trăm",
                                          "thousand", "million", "billion", "trillion"};
/* Number words (num.h knows their values), read only before a unit or "tuổi". */
static const char *const NUMBER_WORDS[] = {
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín", "mười",
    "mươi", "mốt", "lăm", "tư", "linh", "lẻ", "trăm", "chục", "nghìn", "ngàn", "triệu",
    "tỷ", "tỉ"};
/* After a number, an age in years. */
static const char *const AGE_WORDS[] = {"tuổi"};
/* Number words that may start a count before a noun ("hai xã", "ba bị cáo", "mười lăm
 * người"): not "một" (also "a"), "năm" (also "year"), "tư" (also "private"), "không". */
static const char *const COUNT_WORD_STARTS[] = {"hai", "ba", "bốn", "sáu", "bảy", "bẩy",
                                                "tám", "chín", "mười"};
/* Words after a number word that make it no count ("ba mẹ", "hai là ..."). */
static const char *const NOT_COUNTED_AFTER[] = {"mẹ", "má", "tôi", "ơi", "là", "bên"};
/* Vague amounts before a noun, as intervals: "hàng chục ngôi nhà" is 10..99 houses. */
static const struct {
    const char *phrase;
    double lo, hi;
} VAGUE_AMOUNTS[] = {
    {"hàng chục", 10, 99},       {"hàng trăm", 100, 999},   {"hàng nghìn", 1000, 9999},
    {"hàng ngàn", 1000, 9999},   {"hàng vạn", 10000, 99999}, {"hàng triệu", 1e6, 9.99e6},
    {"vài chục", 20, 90},         {"vài trăm", 200, 900},    {"vài nghìn", 2000, 9000},
    {"vài ngàn", 2000, 9000},
};
/* After a number, a percentage (with "%"): num.h reads it. */
static const char *const PERCENT_WORDS[] = {"phần trăm"};
/* Function words that are never the noun after a figure: the noun stops before them. */
static const char *const NOUN_STOPWORDS[] = {
    "bị", "đã", "đang", "sẽ", "và", "của", "được", "tại", "ở", "trong", "là", "có", "với",
    "cho", "này", "đó", "kia", "khác", "từ", "đến", "tới", "trên", "dưới", "hơn", "so",
    "thì", "mà", "nhưng", "hay", "hoặc", "vào", "lúc", "sau", "trước", "khi", "nữa", "rồi",
    "như", "theo", "về", "do", "vì", "nên", "để", "ra", "lên", "xuống", "cũng", "đều",
    "không", "chưa", "vẫn", "còn", "nay", "qua", "vừa", "mới"};

/* A few phrases the rules below name inline. */
static const char *const MINUTE_WORDS[] = {"phút"};
static const char *const RANGE_STARTS[] = {"từ"};

/*
 * Each table above is looked up through an index built at its first use: a hash of each
 * distinct first word leads to the phrases that start with it, in table order, so a token
 * is compared with the few phrases that can match it rather than with every row (the
 * tables stay as written: one list of phrases per kind, with what it is for).
 */
#define PT_MAX 64            /* phrases in one table */
#define PT_SLOTS 128         /* hash slots: a power of two, more than twice PT_MAX */
#define PT_MAX_WORDS 4       /* words in one phrase */

typedef struct phrase_table {
    const char *const *phrase;     /* the table as written */
    size_t n;
    bool built;                    /* the index below is filled */
    unsigned char words[PT_MAX];   /* words of each phrase */
    unsigned char first_len[PT_MAX]; /* bytes of its first word */
    signed char next[PT_MAX];      /* the next phrase with the same first word, or -1 */
    signed char slot[PT_SLOTS];    /* the first phrase of a first word, by hash; -1 empty */
    uint32_t slot_hash[PT_SLOTS];
    bool has_words[PT_MAX_WORDS + 1]; /* some phrase has this many words */
} phrase_table;

#define PHRASES(table) {(table), COUNT(table), false, {0}, {0}, {0}, {0}, {0}, {false}}
static phrase_table CLOCK_CUES_INDEX = PHRASES(CLOCK_CUES);
static phrase_table DURATION_CUES_INDEX = PHRASES(DURATION_CUES);
static phrase_table DAY_PARTS_INDEX = PHRASES(DAY_PARTS);
static phrase_table SCORE_CUES_INDEX = PHRASES(SCORE_CUES);
static phrase_table YEAR_CUES_INDEX = PHRASES(YEAR_CUES);
static phrase_table RANK_CUES_INDEX = PHRASES(RANK_CUES);
static phrase_table DATE_CUES_INDEX = PHRASES(DATE_CUES);
static phrase_table RANGE_JOINS_INDEX = PHRASES(RANGE_JOINS);
static phrase_table SCALE_WORDS_INDEX = PHRASES(SCALE_WORDS);
static phrase_table NUMBER_WORDS_INDEX = PHRASES(NUMBER_WORDS);
static phrase_table AGE_WORDS_INDEX = PHRASES(AGE_WORDS);
static phrase_table COUNT_WORD_STARTS_INDEX = PHRASES(COUNT_WORD_STARTS);
static phrase_table NOT_COUNTED_AFTER_INDEX = PHRASES(NOT_COUNTED_AFTER);
static phrase_table PERCENT_WORDS_INDEX = PHRASES(PERCENT_WORDS);
static phrase_table NOUN_STOPWORDS_INDEX = PHRASES(NOUN_STOPWORDS);
static phrase_table MINUTE_WORDS_INDEX = PHRASES(MINUTE_WORDS);
static phrase_table RANGE_STARTS_INDEX = PHRASES(RANGE_STARTS);
/* VAGUE_AMOUNTS' phrases, in its order (filled with its index) */
static const char *vague_phrases[COUNT(VAGUE_AMOUNTS)];
static phrase_table VAGUE_AMOUNTS_INDEX = PHRASES(vague_phrases);

#define IN(table) (&table##_INDEX)

static const char *const KIND_NAMES[] = {
    "count", "quantity", "duration", "time", "score", "identifier", "age", "year",
    "percent", "money", "date", "rank", "period",
};
const cc_names cc_figure_kind_names = CC_NAMES(KIND_NAMES);

/* ---------------------------------------------------------------- tokens */

typedef enum tok_type {
    T_DIGITS, /* ASCII digits with inner '.' or ',' before a digit */
    T_WORD,   /* letters and marks */
    T_SYM,    /* one other character, or one invalid UTF-8 sequence */
} tok_type;

typedef struct tok {
    size_t start, end; /* s[start, end) */
    tok_type type;
    bool glued;        /* no white space before it (and not the first token) */
    uint32_t low, lowlen; /* a word's lowercase, at cc_figures.lows + low (words are
                             compared with the tables this way: lowercased once) */
    uint32_t hash;        /* word_hash() of that lowercase: its key in the table indexes */
} tok;

typedef struct scan {
    const char *s;
    size_t n;
    cc_locale loc;
    cc_figures *f;
    tok *t;
    size_t nt;
    int score_cue;  /* the sentence holds a score cue: 1, 0, or -1 not looked yet */
    const struct qual_words *qw; /* the qualifiers' first words (context_at) */
} scan;

static bool is_ascii_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A letter (L*) or a mark: the characters of a word token. */
static bool is_word_cp(int32_t cp)
{
    return cc_is_letter_or_mark(cp);
}

/* End of the digit run at i: digits, and '.' or ',' only between two digits. */
static size_t digits_end(const char *s, size_t n, size_t i)
{
    while (i < n) {
        if (is_ascii_digit(s[i]))
            i++;
        else if ((s[i] == '.' || s[i] == ',') && i + 1 < n && is_ascii_digit(s[i + 1]))
            i++;
        else
            break;
    }
    return i;
}

/* End of the word at i. */
static size_t word_end(const char *s, size_t n, size_t i)
{
    while (i < n) {
        size_t len;
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (!is_word_cp(cp))
            break;
        i += len;
    }
    return i;
}

/* FNV-1a of a word's bytes: the key of phrase_table's index. */
static uint32_t word_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

/* A word token's lowercase, appended to f->lows (a word too long for the tables, or one
 * that cannot be lowercased, gets an empty one, which no table word equals). */
static void lower_tok(const char *s, cc_figures *f, tok *t)
{
    char tmp[64];
    size_t len = cc_lowercase_to(s + t->start, t->end - t->start, tmp, sizeof tmp);
    if (len == SIZE_MAX)
        len = 0;
    CC_GROW(f->lows, f->lowcap, f->lowlen + len + 1);
    memcpy(f->lows + f->lowlen, tmp, len);
    t->low = (uint32_t)f->lowlen;
    t->lowlen = (uint32_t)len;
    t->hash = word_hash(tmp, len);
    f->lowlen += len;
}

static void push_tok(cc_figures *f, tok t)
{
    CC_GROW(*(tok **)&f->toks, f->toks_cap, f->ntoks + 1);
    ((tok *)f->toks)[f->ntoks++] = t;
}

static void tokenize(const char *s, size_t n, cc_figures *f)
{
    f->ntoks = 0;
    f->lowlen = 0;
    size_t i = 0;
    bool space = true;
    while (i < n) {
        size_t len;
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp >= 0 && cc_is_space(cp)) {
            i += len;
            space = true;
            continue;
        }
        tok t = {i, i + len, T_SYM, !space && f->ntoks > 0, 0, 0, 0};
        if (is_ascii_digit(s[i])) {
            t.type = T_DIGITS;
            t.end = digits_end(s, n, i);
        } else if (is_word_cp(cp)) {
            t.type = T_WORD;
            t.end = word_end(s, n, i);
            lower_tok(s, f, &t);
        }
        assert(t.end > t.start && t.end <= n);
        push_tok(f, t);
        i = t.end;
        space = false;
    }
}

/* ---------------------------------------------------------------- words */

/* Whether word token k is exactly `word` (n bytes of one lowercase NFC word), caselessly. */
static bool tok_is_word(const scan *sc, size_t k, const char *word, size_t n)
{
    const tok *t = &sc->t[k];
    return t->type == T_WORD && t->lowlen == n && memcmp(sc->f->lows + t->low, word, n) == 0;
}

static bool text_is(const scan *sc, size_t k, const char *word)
{
    return tok_is_word(sc, k, word, strlen(word));
}

static bool tok_valid(const scan *sc, size_t k)
{
    return k < sc->nt;
}

/* Tokens a phrase ("vào lúc") takes: its words. */
static size_t phrase_words(const char *phrase)
{
    size_t count = 1;
    for (const char *p = phrase; *p; p++)
        count += *p == ' ';
    return count;
}

/* Whether the word tokens from k on spell `phrase` (words separated by one space),
 * each after white space except the first. */
static bool phrase_at(const scan *sc, size_t k, const char *phrase)
{
    const char *p = phrase;
    if (!tok_valid(sc, k) || sc->t[k].type != T_WORD || !sc->t[k].lowlen ||
        sc->f->lows[sc->t[k].low] != phrase[0])
        return false; /* most table words differ at their first byte */
    for (size_t j = k;; j++) {
        if (!tok_valid(sc, j) || sc->t[j].type != T_WORD || (j > k && sc->t[j].glued))
            return false;
        size_t wl = 0;
        while (p[wl] && p[wl] != ' ')
            wl++;
        if (!tok_is_word(sc, j, p, wl))
            return false;
        if (!p[wl])
            return true;
        p += wl + 1;
    }
}

/* Bytes of the first word of a phrase. */
static size_t first_word_len(const char *phrase)
{
    size_t n = 0;
    while (phrase[n] && phrase[n] != ' ')
        n++;
    return n;
}

/* The slot of first word w[0..n) (hash h): its phrases, or the empty slot to fill. */
static size_t pt_slot(const phrase_table *pt, const char *w, size_t n, uint32_t h)
{
    size_t i = h & (PT_SLOTS - 1);
    while (pt->slot[i] >= 0) {
        int p = pt->slot[i];
        if (pt->slot_hash[i] == h && pt->first_len[p] == n && memcmp(pt->phrase[p], w, n) == 0)
            break;
        i = (i + 1) & (PT_SLOTS - 1);
    }
    return i;
}

static void pt_build(phrase_table *pt)
{
    if (pt == &VAGUE_AMOUNTS_INDEX)
        for (size_t i = 0; i < COUNT(VAGUE_AMOUNTS); i++)
            vague_phrases[i] = VAGUE_AMOUNTS[i].phrase;
    assert(pt->n <= PT_MAX);
    memset(pt->slot, -1, sizeof pt->slot);
    for (size_t p = 0; p < pt->n; p++) {
        size_t w = phrase_words(pt->phrase[p]), fl = first_word_len(pt->phrase[p]);
        assert(w <= PT_MAX_WORDS && fl > 0 && fl < 256);
        pt->words[p] = (unsigned char)w;
        pt->has_words[w] = true;
        pt->first_len[p] = (unsigned char)fl;
        pt->next[p] = -1;
        uint32_t h = word_hash(pt->phrase[p], fl);
        size_t i = pt_slot(pt, pt->phrase[p], fl, h);
        if (pt->slot[i] < 0) {
            pt->slot[i] = (signed char)p;
            pt->slot_hash[i] = h;
            continue;
        }
        int q = pt->slot[i]; /* append: the chain keeps the table's order */
        while (pt->next[q] >= 0)
            q = pt->next[q];
        pt->next[q] = (signed char)p;
    }
    pt->built = true;
}

/* The first phrase (in table order) whose first word is word token k, or -1; the
 * others follow through pt->next. */
static int pt_first(const scan *sc, size_t k, phrase_table *pt)
{
    if (!pt->built)
        pt_build(pt);
    if (!tok_valid(sc, k) || sc->t[k].type != T_WORD || !sc->t[k].lowlen)
        return -1;
    const tok *t = &sc->t[k];
    return pt->slot[pt_slot(pt, sc->f->lows + t->low, t->lowlen, t->hash)];
}

/* The phrase of the table at token k, or NULL; *ntok is its length in tokens. */
static const char *table_at(const scan *sc, size_t k, phrase_table *pt, size_t *ntok)
{
    for (int p = pt_first(sc, k, pt); p >= 0; p = pt->next[p]) {
        if (pt->words[p] == 1 || phrase_at(sc, k, pt->phrase[p])) {
            *ntok = pt->words[p];
            return pt->phrase[p];
        }
    }
    return NULL;
}

/* Whether a phrase of the table ends right before token k (separated by white space). */
static bool table_before(const scan *sc, size_t k, phrase_table *pt)
{
    if (k == 0 || k >= sc->nt || sc->t[k].glued)
        return false;
    if (!pt->built)
        pt_build(pt);
    for (size_t w = 1; w <= PT_MAX_WORDS && w <= k; w++) {
        if (!pt->has_words[w])
            continue;
        for (int p = pt_first(sc, k - w, pt); p >= 0; p = pt->next[p])
            if (pt->words[p] == w && (w == 1 || phrase_at(sc, k - w, pt->phrase[p])))
                return true;
    }
    return false;
}

/* Whether token k (after white space) starts a phrase of the table. */
static bool table_after(const scan *sc, size_t k, phrase_table *pt)
{
    size_t ntok;
    return tok_valid(sc, k) && !sc->t[k].glued && table_at(sc, k, pt, &ntok);
}

static bool tok_is_sym(const scan *sc, size_t k, char c)
{
    return tok_valid(sc, k) && sc->t[k].type == T_SYM && sc->t[k].end - sc->t[k].start == 1 &&
           sc->s[sc->t[k].start] == c;
}

static bool tok_is_dash(const scan *sc, size_t k)
{
    if (!tok_valid(sc, k) || sc->t[k].type != T_SYM)
        return false;
    size_t len;
    int32_t cp = cc_utf8_decode(sc->s + sc->t[k].start, sc->t[k].end - sc->t[k].start, &len);
    return cp >= 0 && cc_is_dash(cp);
}

/* Whether every byte of token k passes `ok`. */
static bool tok_all(const scan *sc, size_t k, bool (*ok)(char))
{
    for (size_t i = sc->t[k].start; i < sc->t[k].end; i++)
        if (!ok(sc->s[i]))
            return false;
    return true;
}

/* Whether token k is a run of plain digits (no separator) of at most `max` digits. */
static bool plain_digits(const scan *sc, size_t k, size_t max)
{
    if (!tok_valid(sc, k) || sc->t[k].type != T_DIGITS)
        return false;
    return sc->t[k].end - sc->t[k].start <= max && tok_all(sc, k, is_ascii_digit);
}

/* The value of a plain digit token of at most 4 digits. */
static int small_value(const scan *sc, size_t k)
{
    uint64_t v = 0;
    if (cc_parse_uint(sc->s + sc->t[k].start, sc->t[k].end - sc->t[k].start, 9999, &v) != 0)
        return -1;
    return (int)v;
}

/* ---------------------------------------------------------------- emitting */

/* Context of the number at token k: its qualifiers and the token before them. */
typedef struct context {
    size_t first;            /* the figure's first token */
    size_t qual_first;       /* first qualifier token; == first when none */
    const cc_qualifier *found[MAX_QUAL_WORDS];
    size_t nfound;
} context;

/*
 * The first words of the qualifier table, lowercased: a run of tokens can be stripped
 * as qualifiers only when its first token is one of them (a qualifier word must match
 * from the token's start up to white space, and the token ends there), so context_at()
 * asks cc_qualifiers_strip() only then. Read again whenever the table is another one
 * (the caller may replace it). A table with more or longer words than fit here is not
 * listed and every run is tried, as before.
 */
#define QW_MAX 64
#define QW_BYTES 32

typedef struct qual_words {
    const cc_qualifier *table; /* the table (cc_qualifiers.v and .n) they were read from */
    size_t table_n;
    bool all;                  /* not listed: every run may start a qualifier */
    size_t n;
    unsigned char len[QW_MAX];
    char word[QW_MAX][QW_BYTES];
} qual_words;

/* The lowercase of qualifier word w up to its first white space, after leading white
 * space (qualifier.c skips it); false when it does not fit or has no character. */
static bool first_word_lower(const char *w, char out[QW_BYTES], unsigned char *outlen)
{
    size_t n = strlen(w), lead = cc_skip_space(w, n), end = lead;
    while (end < n && cc_space_len(w + end, n - end) == 0)
        end++;
    if (end == lead)
        return false;
    size_t len = cc_lowercase_to(w + lead, end - lead, out, QW_BYTES);
    if (len == SIZE_MAX)
        return false;
    *outlen = (unsigned char)len;
    return true;
}

static const qual_words *qualifier_first_words(cc_figures *f)
{
    qual_words *qw = f->qual_words;
    if (!qw)
        qw = f->qual_words = cc_xcalloc(1, sizeof *qw);
    if (qw->table == f->quals.v && qw->table_n == f->quals.n && (qw->n || qw->all))
        return qw;
    qw->table = f->quals.v;
    qw->table_n = f->quals.n;
    qw->all = false;
    qw->n = 0;
    for (size_t i = 0; i < f->quals.n && !qw->all; i++)
        for (size_t j = 0; j < f->quals.v[i].nwords && !qw->all; j++) {
            const char *w = f->quals.v[i].words[j];
            size_t wn = strlen(w);
            if (cc_skip_space(w, wn) == wn)
                continue; /* no character: matches nothing */
            if (qw->n == QW_MAX || !first_word_lower(w, qw->word[qw->n], &qw->len[qw->n]))
                qw->all = true;
            else
                qw->n++;
        }
    if (!qw->n)
        qw->all = true; /* nothing listed: the cache above would never hold */
    return qw;
}

/* Whether a qualifier word may start at word token k (a token too long to have been
 * lowercased is not ruled out). */
static bool may_start_qualifier(const scan *sc, size_t k)
{
    const tok *t = &sc->t[k];
    if (sc->qw->all || !t->lowlen)
        return true;
    for (size_t i = 0; i < sc->qw->n; i++)
        if (sc->qw->len[i] == t->lowlen && memcmp(sc->qw->word[i], sc->f->lows + t->low, t->lowlen) == 0)
            return true;
    return false;
}

/* Finds the qualifiers written right before token `first` ("khoảng hơn 7,6"): the
 * earliest run of word tokens that cc_qualifiers_strip consumes entirely. */
static context context_at(const scan *sc, size_t first)
{
    context c = {first, first, {NULL}, 0};
    size_t from = first > MAX_QUAL_WORDS ? first - MAX_QUAL_WORDS : 0;
    if (first == 0 || sc->t[first].glued)
        return c;
    for (size_t j = from; j < first; j++) {
        bool words = true;
        for (size_t m = j; m < first && words; m++)
            words = sc->t[m].type == T_WORD && (m == j || !sc->t[m].glued);
        if (!words || !may_start_qualifier(sc, j))
            continue;
        const char *p = sc->s + sc->t[j].start;
        size_t len = sc->t[first].start - sc->t[j].start;
        const cc_qualifier *found[MAX_QUAL_WORDS];
        size_t k = cc_qualifiers_strip(&sc->f->quals, &p, &len, found, MAX_QUAL_WORDS);
        if (k > 0 && len == 0) {
            c.qual_first = j;
            c.nfound = k < MAX_QUAL_WORDS ? k : MAX_QUAL_WORDS;
            memcpy(c.found, found, c.nfound * sizeof found[0]);
            return c;
        }
    }
    return c;
}

/* Whether qualifiers widen a figure of this kind (a clock time or a date keeps its
 * value; its qualifier span is still reported). */
static bool kind_takes_qualifier(cc_figure_kind k)
{
    return k == CC_FIG_COUNT || k == CC_FIG_QUANTITY || k == CC_FIG_DURATION ||
           k == CC_FIG_AGE || k == CC_FIG_PERCENT || k == CC_FIG_MONEY;
}

/* The 1–2 words after token `last` that are not function words. */
static void set_noun(const scan *sc, size_t last, cc_figure *fig)
{
    fig->noun_start = fig->noun_end = fig->end;
    for (size_t k = last + 1; k <= last + 2; k++) {
        if (!tok_valid(sc, k) || sc->t[k].type != T_WORD || sc->t[k].glued)
            return;
        size_t ntok;
        if (table_at(sc, k, IN(NOUN_STOPWORDS), &ntok))
            return;
        if (k == last + 1)
            fig->noun_start = sc->t[k].start;
        fig->noun_end = sc->t[k].end;
    }
}

/* Appends a figure over tokens [c->first, last]; returns it for the caller to finish,
 * or NULL when the sentence already holds CC_FIGURES_MAX figures. */
static cc_figure *emit(scan *sc, const context *c, size_t last, cc_figure_kind kind,
                       cc_range r, const cc_unit *unit)
{
    cc_figures *f = sc->f;
    assert(last < sc->nt && c->first <= last);
    if (f->n >= CC_FIGURES_MAX) {
        f->truncated = true;
        return NULL;
    }
    CC_GROW(f->v, f->cap, f->n + 1);
    cc_figure *fig = &f->v[f->n++];
    memset(fig, 0, sizeof *fig);
    fig->kind = kind;
    fig->start = sc->t[c->first].start;
    fig->end = sc->t[last].end;
    fig->qual_start = fig->qual_end = fig->start;
    if (c->qual_first < c->first) {
        fig->qual_start = sc->t[c->qual_first].start;
        fig->qual_end = sc->t[c->first - 1].end;
        if (kind_takes_qualifier(kind))
            r = cc_qualifiers_apply(r, c->found, c->nfound);
    }
    assert(!isnan(r.lo) && !isnan(r.hi));
    if (r.lo > r.hi) {
        double x = r.lo;
        r.lo = r.hi;
        r.hi = x;
    }
    fig->range = r;
    fig->unit = unit;
    set_noun(sc, last, fig);
    return fig;
}

static cc_range point(double v)
{
    cc_range r = {v, v};
    return r;
}

/* ---------------------------------------------------------------- numbers */

/* A number read from tokens [first, last]. */
typedef struct number {
    size_t first, last;
    cc_range r;
} number;

/* Digits at token k and the scale words after them ("1,2 nghìn tỷ"), read by num.h.
 * False when the digits are not a number num.h accepts. */
static bool read_number(const scan *sc, size_t k, number *out)
{
    if (!tok_valid(sc, k) || sc->t[k].type != T_DIGITS)
        return false;
    size_t last = k, ntok;
    while (last + 1 < sc->nt && last - k < MAX_SCALE_WORDS && !sc->t[last + 1].glued &&
           table_at(sc, last + 1, IN(SCALE_WORDS), &ntok))
        last++;
    for (size_t e = last + 1; e-- > k;) {
        const char *p = sc->s + sc->t[k].start;
        if (cc_num_parse(p, sc->t[e].end - sc->t[k].start, sc->loc, &out->r) == CC_PARSE_OK) {
            out->first = k;
            out->last = e;
            return true;
        }
    }
    return false;
}

/* Number words from token k ("mười lăm", "hai") that num.h reads, followed by a unit or
 * an age word; the longest such run. */
static bool read_number_words(const scan *sc, size_t k, number *out)
{
    size_t last = k, ntok;
    if (!table_at(sc, k, IN(NUMBER_WORDS), &ntok))
        return false;
    while (last + 1 < sc->nt && last + 1 - k < MAX_NUMBER_WORDS && !sc->t[last + 1].glued &&
           table_at(sc, last + 1, IN(NUMBER_WORDS), &ntok))
        last++;
    for (size_t e = last + 1; e-- > k;) {
        size_t next = e + 1, len;
        if (!tok_valid(sc, next) || sc->t[next].glued)
            continue;
        bool unit = cc_unit_at(sc->s + sc->t[next].start, sc->n - sc->t[next].start, &len) ||
                    table_after(sc, next, IN(AGE_WORDS));
        const char *p = sc->s + sc->t[k].start;
        if (unit && cc_num_parse(p, sc->t[e].end - sc->t[k].start, sc->loc, &out->r) ==
                        CC_PARSE_OK) {
            out->first = k;
            out->last = e;
            return true;
        }
    }
    return false;
}

/* Whether token k is a lowercase word that can be the noun of a count. */
static bool count_noun_at(const scan *sc, size_t k)
{
    size_t ntok;
    if (!tok_valid(sc, k) || sc->t[k].type != T_WORD || sc->t[k].glued)
        return false;
    uint32_t cp = (unsigned char)sc->s[sc->t[k].start];
    if (cp < 0x80 && !(cp >= 'a' && cp <= 'z'))
        return false; /* "Hai Bà Trưng": a name, not a count */
    if (cp >= 0x80) {
        size_t len;
        int32_t u = cc_utf8_decode(sc->s + sc->t[k].start, sc->n - sc->t[k].start, &len);
        if (u < 0 || cc_to_lower(u) != u)
            return false;
    }
    return !table_at(sc, k, IN(NUMBER_WORDS), &ntok) &&
           !table_at(sc, k, IN(NOUN_STOPWORDS), &ntok) &&
           !table_at(sc, k, IN(NOT_COUNTED_AFTER), &ntok);
}

/* Number words from token k before the noun of a count ("hai xã", "mười lăm người"). */
static bool read_count_words(const scan *sc, size_t k, number *out)
{
    size_t last = k, ntok;
    if (!table_at(sc, k, IN(COUNT_WORD_STARTS), &ntok) || (k > 0 && sc->t[k].glued))
        return false;
    while (last + 1 < sc->nt && last + 1 - k < MAX_NUMBER_WORDS && !sc->t[last + 1].glued &&
           table_at(sc, last + 1, IN(NUMBER_WORDS), &ntok))
        last++;
    for (size_t e = last + 1; e-- > k;) {
        const char *p = sc->s + sc->t[k].start;
        if (count_noun_at(sc, e + 1) &&
            cc_num_parse(p, sc->t[e].end - sc->t[k].start, sc->loc, &out->r) == CC_PARSE_OK) {
            out->first = k;
            out->last = e;
            return true;
        }
    }
    return false;
}

/* A vague amount at token k before a noun ("hàng chục ngôi nhà"). */
static bool read_vague_amount(const scan *sc, size_t k, number *out)
{
    phrase_table *pt = IN(VAGUE_AMOUNTS);
    for (int i = pt_first(sc, k, pt); i >= 0; i = pt->next[i]) {
        size_t n = pt->words[i];
        if (phrase_at(sc, k, VAGUE_AMOUNTS[i].phrase) && count_noun_at(sc, k + n)) {
            out->first = k;
            out->last = k + n - 1;
            out->r.lo = VAGUE_AMOUNTS[i].lo;
            out->r.hi = VAGUE_AMOUNTS[i].hi;
            return true;
        }
    }
    return false;
}

/* The unit spelled at token k, and the last token it covers. */
static const cc_unit *unit_at_tok(const scan *sc, size_t k, size_t *last)
{
    if (!tok_valid(sc, k) || sc->t[k].type == T_DIGITS)
        return NULL;
    size_t len;
    const cc_unit *u = cc_unit_at(sc->s + sc->t[k].start, sc->n - sc->t[k].start, &len);
    if (!u)
        return NULL;
    size_t end = sc->t[k].start + len, j = k;
    while (j + 1 < sc->nt && sc->t[j + 1].start < end)
        j++;
    *last = j;
    return u;
}

/* ---------------------------------------------------------------- identifiers */

static bool is_ascii_letter(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* An ASCII word token or a digit token. */
static bool id_part(const scan *sc, size_t k)
{
    if (!tok_valid(sc, k))
        return false;
    if (sc->t[k].type == T_DIGITS)
        return true;
    return sc->t[k].type == T_WORD && tok_all(sc, k, is_ascii_letter);
}

/* The last token of the glued run of ASCII letters and digits from k, with inner '-'
 * and '.' ("29M-6472", "51F-123.45"). */
static size_t id_run_end(const scan *sc, size_t k)
{
    size_t j = k;
    while (j + 1 < sc->nt && j - k < MAX_ID_TOKENS && sc->t[j + 1].glued) {
        if (id_part(sc, j + 1)) {
            j++;
        } else if ((tok_is_sym(sc, j + 1, '-') || tok_is_sym(sc, j + 1, '.')) &&
                   j + 2 < sc->nt && sc->t[j + 2].glued && id_part(sc, j + 2)) {
            j += 2;
        } else {
            break;
        }
    }
    return j;
}

/* Whether the run [k, last] holds an uppercase letter and a digit. */
static bool id_has_upper_and_digit(const scan *sc, size_t k, size_t last)
{
    bool upper = false, digit = false;
    for (size_t i = sc->t[k].start; i < sc->t[last].end; i++) {
        upper |= sc->s[i] >= 'A' && sc->s[i] <= 'Z';
        digit |= is_ascii_digit(sc->s[i]);
    }
    return upper && digit;
}

/* Emits tokens [c->first, last] as an identifier: uppercase, no spaces. False when the
 * text does not fit. */
static bool emit_identifier(scan *sc, const context *c, size_t last)
{
    size_t from = sc->t[c->first].start, to = sc->t[last].end;
    if (to - from >= CC_FIGURE_TEXT_MAX)
        return false;
    cc_figure *fig = emit(sc, c, last, CC_FIG_IDENTIFIER, point(0), NULL);
    if (!fig)
        return true;
    size_t o = 0;
    for (size_t i = from; i < to; i++) {
        char ch = sc->s[i];
        fig->text[o++] = ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A') : ch;
    }
    fig->text[o] = '\0';
    return true;
}

/* Rule 1 at a digit token: "29M-6472" (not "500MW"), a phone number, digits num.h refuses. */
static bool try_identifier(scan *sc, const context *c, size_t *next)
{
    size_t k = c->first, last = id_run_end(sc, k);
    if (last > k && id_has_upper_and_digit(sc, k, last)) {
        size_t ulast;
        bool unit_ends_run = unit_at_tok(sc, k + 1, &ulast) && sc->t[k + 1].glued &&
                             ulast >= last;
        if (!unit_ends_run && emit_identifier(sc, c, last)) {
            *next = last + 1;
            return true;
        }
    }
    number nr;
    bool long_run = plain_digits(sc, k, SIZE_MAX) &&
                    (sc->t[k].end - sc->t[k].start >= PHONE_DIGITS ||
                     (sc->s[sc->t[k].start] == '0' && sc->t[k].end - sc->t[k].start >= 4));
    if ((long_run || !read_number(sc, k, &nr)) && emit_identifier(sc, c, k)) {
        *next = k + 1;
        return true;
    }
    return false;
}

/* An identifier that starts with a letter: "D19E909", "H5N1". */
static bool try_word_identifier(scan *sc, size_t k, size_t *next)
{
    if (!id_part(sc, k) || sc->t[k].type != T_WORD)
        return false;
    size_t last = id_run_end(sc, k);
    if (last == k || !id_has_upper_and_digit(sc, k, last))
        return false;
    context c = context_at(sc, k);
    if (!emit_identifier(sc, &c, last))
        return false;
    *next = last + 1;
    return true;
}

/* ---------------------------------------------------------------- times of day */

static bool emit_time(scan *sc, const context *c, size_t last, int h, int m, size_t *next)
{
    if (h > 24 || m > 59 || (h == 24 && m > 0))
        return false;
    emit(sc, c, last, CC_FIG_TIME, point(h * 60 + m), NULL);
    *next = last + 1;
    return true;
}

/* Rule 2, glued: "7h30", "0h4'", "20h" (unless a duration cue comes before). */
static bool try_time_glued(scan *sc, const context *c, size_t *next)
{
    size_t k = c->first, last = k + 1;
    if (!plain_digits(sc, k, 2) || !tok_valid(sc, last) || !sc->t[last].glued ||
        sc->t[last].type != T_WORD || !text_is(sc, last, "h"))
        return false;
    int m = 0;
    if (plain_digits(sc, last + 1, 2) && sc->t[last + 1].glued) {
        m = small_value(sc, last + 1);
        last++;
        if (tok_valid(sc, last + 1) && sc->t[last + 1].glued &&
            (tok_is_sym(sc, last + 1, '\'') ||
             (sc->t[last + 1].type == T_WORD &&
              text_is(sc, last + 1, "p"))))
            last++;
    }
    if (tok_valid(sc, last + 1) && sc->t[last + 1].glued && sc->t[last + 1].type != T_SYM)
        return false; /* "7h30a": not a time */
    if (table_before(sc, c->qual_first, IN(DURATION_CUES)))
        return false;
    return emit_time(sc, c, last, small_value(sc, k), m, next);
}

/* Rule 2, spaced: "7 giờ 30", "lúc 11 giờ 49 phút", "7 giờ sáng". */
static bool try_time_words(scan *sc, const context *c, size_t *next)
{
    size_t k = c->first, gio = k + 1, last = gio;
    if (!plain_digits(sc, k, 2) || !tok_valid(sc, gio) || sc->t[gio].type != T_WORD ||
        !text_is(sc, gio, "giờ"))
        return false;
    int m = 0;
    bool minutes_word = false, minutes = false;
    if (plain_digits(sc, gio + 1, 2) && !sc->t[gio + 1].glued) {
        m = small_value(sc, gio + 1);
        minutes = true;
        last = gio + 1;
        if (table_after(sc, last + 1, IN(MINUTE_WORDS))) {
            minutes_word = true;
            last++;
        }
    }
    bool clock = table_before(sc, c->qual_first, IN(CLOCK_CUES)) ||
                 table_after(sc, last + 1, IN(DAY_PARTS)) || (minutes && !minutes_word);
    if (!clock || table_before(sc, c->qual_first, IN(DURATION_CUES)))
        return false;
    return emit_time(sc, c, last, small_value(sc, k), m, next);
}

/* ---------------------------------------------------------------- dates, years, ranks */

/* Parses s[from, to) as a date; *yearless when no year was written and the document's
 * year is unknown (the date is then read in CC_FIGURE_YEARLESS). */
static bool parse_date(const scan *sc, size_t from, size_t to, cc_range *out, bool *yearless)
{
    *yearless = false;
    cc_date a, b;
    if (cc_date_parse(sc->s + from, to - from, 2000, &a) != CC_PARSE_OK ||
        cc_date_parse(sc->s + from, to - from, 2004, &b) != CC_PARSE_OK)
        return false;
    if (a.from == b.from) {
        out->lo = a.from;
        out->hi = a.to;
        return true;
    }
    int y = sc->f->doc_year;
    if (y < 1 || y > 9999) {
        y = CC_FIGURE_YEARLESS;
        *yearless = true;
    }
    if (cc_date_parse(sc->s + from, to - from, y, &a) != CC_PARSE_OK)
        return false;
    out->lo = a.from;
    out->hi = a.to;
    return true;
}

/* Rule 3 after "ngày" or "tháng": the longest date from the keyword on. */
static bool try_date_after_cue(scan *sc, const context *c, size_t *next)
{
    size_t k = c->first;
    if (k == 0 || c->qual_first != k || !table_before(sc, k, IN(DATE_CUES)))
        return false;
    size_t from = sc->t[k - 1].start;
    size_t top = k + MAX_DATE_TOKENS < sc->nt ? k + MAX_DATE_TOKENS : sc->nt - 1;
    for (size_t e = top + 1; e-- > k;) {
        cc_range r;
        bool yearless;
        if (parse_date(sc, from, sc->t[e].end, &r, &yearless)) {
            cc_figure *fig = emit(sc, c, e, CC_FIG_DATE, r, NULL);
            if (fig)
                fig->yearless = yearless;
            *next = e + 1;
            return true;
        }
    }
    return false;
}

/* The last token of a glued run digits (sep digits)* with one separator kind. */
static size_t sep_run_end(const scan *sc, size_t k, char *sep)
{
    size_t j = k;
    *sep = 0;
    while (j + 2 < sc->nt && j - k < 4 && sc->t[j + 1].glued && sc->t[j + 2].glued &&
           plain_digits(sc, j + 2, 4)) {
        char c = sc->s[sc->t[j + 1].start];
        bool is_sep = tok_is_sym(sc, j + 1, '/') || tok_is_sym(sc, j + 1, '-');
        if (!is_sep || (*sep && c != *sep))
            break;
        *sep = c;
        j += 2;
    }
    return j;
}

/*
 * Whether N-M glued at token k is a date, not a range: a month and a four-digit year
 * ("12-1999"), a day before a smaller month ("21-3": a range goes up), or a day and a
 * month after a part of the day ("sáng 5-4"). A score cue makes it a score instead.
 */
static bool score_cue(scan *sc);

static bool dash_pair_is_date(scan *sc, const context *c, size_t k)
{
    if (!plain_digits(sc, k, 2) || !plain_digits(sc, k + 2, 4) || score_cue(sc))
        return false;
    int first = small_value(sc, k);
    size_t second_len = sc->t[k + 2].end - sc->t[k + 2].start;
    if (second_len == 4)
        return first >= 1 && first <= 12;
    int second = small_value(sc, k + 2);
    if (first < 1 || first > 31 || second < 1 || second > 12)
        return false;
    return first > second || table_before(sc, c->qual_first, IN(DAY_PARTS));
}

/* Rule 3 without a cue: D/M[/Y], D-M-Y, M/Y glued; rule 5 for N/M that is no date. */
static bool try_date_glued(scan *sc, const context *c, size_t *next)
{
    size_t k = c->first;
    char sep;
    if (!plain_digits(sc, k, 4))
        return false;
    size_t last = sep_run_end(sc, k, &sep);
    if (last == k || (sep == '-' && last != k + 4 && !dash_pair_is_date(sc, c, k)))
        return false; /* "1-2" is a range, "26-8-2020" a date */
    for (size_t e = last; e > k; e -= 2) {
        cc_range r;
        bool yearless;
        if (parse_date(sc, sc->t[k].start, sc->t[e].end, &r, &yearless)) {
            cc_figure *fig = emit(sc, c, e, CC_FIG_DATE, r, NULL);
            if (fig)
                fig->yearless = yearless;
            *next = e + 1;
            return true;
        }
    }
    if (sep == '/' && last == k + 2) {
        int64_t pos, total;
        const char *p = sc->s + sc->t[k].start;
        if (cc_rank_parse(p, sc->t[last].end - sc->t[k].start, &pos, &total) == CC_PARSE_OK) {
            cc_figure *fig = emit(sc, c, last, CC_FIG_RANK, point((double)pos), NULL);
            if (fig)
                fig->second = (double)total;
            *next = last + 1;
            return true;
        }
    }
    return false;
}

/* Rule 4: "năm 2004", "sinh năm 1962", "SN 1962", and "2014 - 2020" (a range of years). */
static bool try_year(scan *sc, const context *c, size_t *next)
{
    size_t k = c->first;
    if (!plain_digits(sc, k, 4) || sc->t[k].end - sc->t[k].start != 4)
        return false;
    int y = small_value(sc, k);
    if (y < 1900 || y > 2099)
        return false;
    size_t d = k + 1;
    if (tok_is_dash(sc, d) && plain_digits(sc, d + 1, 4) &&
        sc->t[d + 1].end - sc->t[d + 1].start == 4) {
        int y2 = small_value(sc, d + 1);
        if (y2 > y && y2 <= 2099) {
            cc_figure *fig = emit(sc, c, d + 1, CC_FIG_YEAR, (cc_range){y, y2}, NULL);
            if (fig)
                fig->is_range = true;
            *next = d + 2;
            return true;
        }
    }
    if (!table_before(sc, c->qual_first, IN(YEAR_CUES)))
        return false;
    emit(sc, c, k, CC_FIG_YEAR, point(y), NULL);
    *next = k + 1;
    return true;
}

/* Rule 5: "lần thứ 2", "hạng 3", "thứ 56/63". */
static bool try_rank(scan *sc, const context *c, size_t *next)
{
    size_t k = c->first, last = k;
    if (!table_before(sc, c->qual_first, IN(RANK_CUES)) || !plain_digits(sc, k, 9))
        return false;
    double total = 0;
    if (tok_is_sym(sc, k + 1, '/') && sc->t[k + 1].glued && plain_digits(sc, k + 2, 9) &&
        sc->t[k + 2].glued) {
        uint64_t v;
        if (cc_parse_uint(sc->s + sc->t[k + 2].start, sc->t[k + 2].end - sc->t[k + 2].start,
                          UINT64_MAX, &v) == 0)
            total = (double)v;
        last = k + 2;
    }
    uint64_t pos;
    if (cc_parse_uint(sc->s + sc->t[k].start, sc->t[k].end - sc->t[k].start, UINT64_MAX,
                      &pos) != 0 || pos == 0)
        return false;
    cc_figure *fig = emit(sc, c, last, CC_FIG_RANK, point((double)pos), NULL);
    if (fig)
        fig->second = total;
    *next = last + 1;
    return true;
}

/* ---------------------------------------------------------------- what follows a number */

/* Durations after the first: "3 năm 6 tháng", each unit smaller than the one before.
 * Adds them to *total (seconds) and returns the last token read. */
static size_t more_durations(const scan *sc, size_t last, const cc_unit *prev, cc_range *total)
{
    for (int part = 1; part < MAX_DURATION_PARTS; part++) {
        number nr;
        size_t ulast;
        if (!read_number(sc, last + 1, &nr) || nr.first != nr.last)
            break;
        const cc_unit *u = unit_at_tok(sc, nr.last + 1, &ulast);
        if (!u || u->dim != CC_DIM_DURATION || u->factor >= prev->factor)
            break;
        cc_range add = cc_unit_to_base(u, nr.r);
        total->lo += add.lo;
        total->hi += add.hi;
        prev = u;
        last = ulast;
    }
    return last;
}

/* A currency after the number whose digits start at token `digits` and end at `last`:
 * the last token of the currency, and its code, read by num.h. */
static bool currency_after(const scan *sc, size_t digits, size_t last, size_t *cur_last,
                           char currency[4])
{
    for (size_t e = last + 3; e > last; e--) {
        if (!tok_valid(sc, e))
            continue;
        cc_range r;
        const char *p = sc->s + sc->t[digits].start;
        size_t len = sc->t[e].end - sc->t[digits].start;
        if (cc_money_may_parse(p, len) &&
            cc_money_parse(p, len, sc->loc, &r, currency) == CC_PARSE_OK) {
            *cur_last = e;
            return true;
        }
    }
    return false;
}

/*
 * Rule 7: what follows the number (or range) ending at token `last`, whose last
 * number's digits are at token `digits`: percent, money, age, a unit, or nothing
 * (a count). Emits the figure and sets *next.
 */
static void finish_number(scan *sc, const context *c, size_t digits, size_t last, cc_range r,
                          bool is_range, size_t *next)
{
    size_t t = last + 1, end = last, ntok;
    cc_figure_kind kind = CC_FIG_COUNT;
    const cc_unit *unit = NULL;
    char currency[4] = "";
    if (tok_is_sym(sc, t, '%')) {
        kind = CC_FIG_PERCENT;
        end = t;
    } else if (tok_valid(sc, t) && !sc->t[t].glued && table_at(sc, t, IN(PERCENT_WORDS), &ntok)) {
        kind = CC_FIG_PERCENT;
        end = t + ntok - 1;
    } else if (currency_after(sc, digits, last, &end, currency)) {
        kind = CC_FIG_MONEY;
    } else if (table_after(sc, t, IN(AGE_WORDS))) {
        kind = CC_FIG_AGE;
        end = t;
    } else if ((unit = unit_at_tok(sc, t, &end)) != NULL) {
        r = cc_unit_to_base(unit, r);
        kind = unit->dim == CC_DIM_DURATION ? CC_FIG_DURATION : CC_FIG_QUANTITY;
        if (kind == CC_FIG_DURATION && !is_range)
            end = more_durations(sc, end, unit, &r);
    }
    cc_figure *fig = emit(sc, c, end, kind, r, unit);
    if (fig) {
        fig->is_range = is_range;
        memcpy(fig->currency, currency, sizeof currency);
    }
    *next = end + 1;
}

/* The first end of "5-7 tỷ": 5 read with the scale words of the second end. */
static bool rescale_first(const scan *sc, const number *a, const number *b, cc_range *out)
{
    if (a->first != a->last || b->first == b->last)
        return false;
    char buf[MONEY_BUF];
    size_t n1 = sc->t[a->first].end - sc->t[a->first].start;
    size_t n2 = sc->t[b->last].end - sc->t[b->first + 1].start;
    if (n1 + 1 + n2 > sizeof buf)
        return false;
    memcpy(buf, sc->s + sc->t[a->first].start, n1);
    buf[n1] = ' ';
    memcpy(buf + n1 + 1, sc->s + sc->t[b->first + 1].start, n2);
    return cc_num_parse(buf, n1 + 1 + n2, sc->loc, out) == CC_PARSE_OK;
}

/* The second end of a range after the number `a`: "-20", " - 69", "đến 20" after "từ". */
static bool range_second(const scan *sc, const context *c, const number *a, number *b,
                         bool *dash)
{
    size_t j = a->last + 1;
    *dash = tok_is_dash(sc, j);
    if (*dash)
        return read_number(sc, j + 1, b);
    return table_before(sc, c->qual_first, IN(RANGE_STARTS)) &&
           table_after(sc, j, IN(RANGE_JOINS)) && read_number(sc, j + 1, b);
}

/* Rules 6 and 7 at the digits of token c->first. */
static bool try_number(scan *sc, const context *c, size_t *next)
{
    number a, b;
    if (!read_number(sc, c->first, &a))
        return false;
    bool dash;
    if (!range_second(sc, c, &a, &b, &dash)) {
        finish_number(sc, c, a.first, a.last, a.r, false, next);
        return true;
    }
    if (dash && plain_digits(sc, a.first, 3) && a.first == a.last && score_cue(sc) &&
        plain_digits(sc, b.first, 3) && b.first == b.last) {
        cc_figure *fig = emit(sc, c, b.last, CC_FIG_SCORE, a.r, NULL);
        if (fig)
            fig->second = b.r.lo;
        *next = b.last + 1;
        return true;
    }
    cc_range first = a.r;
    rescale_first(sc, &a, &b, &first);
    cc_range r = {fmin(first.lo, b.r.lo), fmax(first.hi, b.r.hi)};
    finish_number(sc, c, b.first, b.last, r, true, next);
    return true;
}

/* ---------------------------------------------------------------- the scan */

typedef bool (*reading)(scan *sc, const context *c, size_t *next);

/* The readings of a digit token, in the order figure.h gives. */
static const reading DIGIT_READINGS[] = {
    try_time_glued, try_date_after_cue, try_date_glued, try_identifier,
    try_time_words, try_year,           try_rank,       try_number,
};

static void scan_digits(scan *sc, size_t k, size_t *next)
{
    context c = context_at(sc, k);
    for (size_t i = 0; i < COUNT(DIGIT_READINGS); i++)
        if (DIGIT_READINGS[i](sc, &c, next))
            return;
    *next = k + 1;
}

/* Whether a word token can start a number word or a vague amount: its first byte is
 * the first byte of one (a table built once; most words are passed over with one load). */
static bool may_start_number(const scan *sc, size_t k)
{
    static unsigned char starts[256];
    static bool built;
    if (!built) {
        for (size_t i = 0; i < COUNT(NUMBER_WORDS); i++)
            starts[(unsigned char)NUMBER_WORDS[i][0]] = 1;
        for (size_t i = 0; i < COUNT(VAGUE_AMOUNTS); i++)
            starts[(unsigned char)VAGUE_AMOUNTS[i].phrase[0]] = 1;
        built = true;
    }
    const tok *t = &sc->t[k];
    return t->lowlen && starts[(unsigned char)sc->f->lows[t->low]];
}

static void scan_word(scan *sc, size_t k, size_t *next)
{
    if (try_word_identifier(sc, k, next))
        return;
    if (!may_start_number(sc, k)) {
        *next = k + 1;
        return;
    }
    number nr;
    if (read_number_words(sc, k, &nr)) {
        context c = context_at(sc, k);
        finish_number(sc, &c, nr.first, nr.last, nr.r, false, next);
        return;
    }
    if (read_count_words(sc, k, &nr) || read_vague_amount(sc, k, &nr)) {
        context c = context_at(sc, k);
        emit(sc, &c, nr.last, CC_FIG_COUNT, nr.r, NULL);
        *next = nr.last + 1;
        return;
    }
    *next = k + 1;
}

static bool has_score_cue(const scan *sc)
{
    size_t ntok;
    for (size_t k = 0; k < sc->nt; k++)
        if (sc->t[k].type == T_WORD && table_at(sc, k, IN(SCORE_CUES), &ntok))
            return true;
    return false;
}

/* Whether the sentence holds a score cue, looked up once and only when a pair of numbers
 * joined by a dash asks (most sentences have none). */
static bool score_cue(scan *sc)
{
    if (sc->score_cue < 0)
        sc->score_cue = has_score_cue(sc);
    return sc->score_cue;
}

void cc_figures_init(cc_figures *f)
{
    memset(f, 0, sizeof *f);
    cc_qualifiers_open(&f->quals);
}

void cc_figures_free(cc_figures *f)
{
    free(f->v);
    free(f->toks);
    free(f->lows);
    free(f->qual_words);
    cc_qualifiers_free(&f->quals);
    memset(f, 0, sizeof *f);
}

/*
 * Two dates joined by nothing but a dash and the words of a period ("8/2017-7/2019",
 * "từ 28/4 đến 30/4", "tháng 8/2017 đến tháng 7/2020") are one period: what lies between
 * them, once the words below and dashes and spaces are taken out, must be empty.
 */
static const char *const PERIOD_JOINT_WORDS[] = {"đến", "tới", "hết", "tháng", "ngày", "cuối"};

static bool period_joint(const char *s, size_t n)
{
    cc_buf low = CC_BUF_INIT;
    cc_lowercase(s, n, &low);
    bool ok = true;
    for (size_t i = 0; i < low.len && ok;) {
        size_t len;
        int32_t cp = cc_utf8_decode(low.data + i, low.len - i, &len);
        if (cp >= 0 && (cc_is_space(cp) || cc_is_dash(cp))) {
            i += len;
            continue;
        }
        ok = false;
        for (size_t w = 0; w < sizeof PERIOD_JOINT_WORDS / sizeof *PERIOD_JOINT_WORDS; w++) {
            size_t wl = strlen(PERIOD_JOINT_WORDS[w]);
            if (low.len - i >= wl && memcmp(low.data + i, PERIOD_JOINT_WORDS[w], wl) == 0) {
                i += wl;
                ok = true;
                break;
            }
        }
    }
    cc_buf_free(&low);
    return ok;
}

static void merge_periods(const char *s, cc_figures *f)
{
    size_t out = 0;
    for (size_t i = 0; i < f->n; i++) {
        cc_figure *a = &f->v[i];
        if (i + 1 < f->n && a->kind == CC_FIG_DATE && f->v[i + 1].kind == CC_FIG_DATE &&
            f->v[i + 1].start >= a->end &&
            period_joint(s + a->end, f->v[i + 1].qual_start - a->end)) {
            const cc_figure *b = &f->v[i + 1];
            a->kind = CC_FIG_PERIOD;
            a->range2 = b->range;
            a->yearless2 = b->yearless;
            a->end = b->end;
            a->noun_start = b->noun_start;
            a->noun_end = b->noun_end;
            f->v[out++] = *a;
            i++;
            continue;
        }
        f->v[out++] = *a;
    }
    f->n = out;
}

size_t cc_figure_scan(const char *s, size_t n, cc_locale loc, cc_figures *f)
{
    f->n = 0;
    f->truncated = false;
    tokenize(s, n, f);
    scan sc = {s, n, loc, f, f->toks, f->ntoks, false, qualifier_first_words(f)};
    sc.score_cue = -1;
    size_t k = 0;
    while (k < sc.nt && !f->truncated) {
        size_t next = k + 1;
        /* a token glued to a word or number before it is inside a word ("abc123") */
        bool inside = sc.t[k].glued && sc.t[k - 1].type != T_SYM;
        if (sc.t[k].type == T_DIGITS && !inside)
            scan_digits(&sc, k, &next);
        else if (sc.t[k].type == T_WORD && !inside)
            scan_word(&sc, k, &next);
        assert(next > k);
        k = next;
    }
    merge_periods(s, f);
    return f->n;
}

cc_dim cc_figure_dim(const cc_figure *fig)
{
    if (fig->unit)
        return fig->unit->dim;
    return fig->kind == CC_FIG_DURATION ? CC_DIM_DURATION : CC_DIM_NONE;
}
