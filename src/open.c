/*
 * open.c — open facts and their comparison (see open.h).
 *
 * The language knowledge lives in two tables at the top: words that carry no measure
 * (function words, pronouns, time words, number words) and cue phrases that change
 * what a figure means. Everything else is generic: tokens, clauses, shared words.
 */
#include "open.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "text.h"
#include "value.h"

/* ---- tables ------------------------------------------------------------------------ */

/*
 * Words that say nothing about what a figure measures: function words, pronouns and
 * titles, qualifiers, time words (a figure's time is compared apart), and the number
 * words of figures. Lowercase NFC, one word each.
 */
static const char *const NON_MEASURE_WORDS[] = {
    "và", "của", "các", "những", "là", "có", "được", "đã", "sẽ", "đang", "với", "cho",
    "trong", "tại", "ở", "từ", "đến", "tới", "này", "đó", "kia", "thì", "mà", "theo", "về",
    "khi", "nhưng", "cũng", "vẫn", "rằng", "như", "nên", "để", "do", "bởi", "vì", "hay",
    "hoặc", "lại", "ra", "vào", "lên", "xuống", "nữa", "rồi", "chỉ", "còn", "mới", "đều",
    "ông", "bà", "anh", "chị", "em", "họ", "hắn", "y", "thị", "người", "ta", "chúng",
    "khoảng", "gần", "hơn", "trên", "dưới", "tối", "thiểu", "đa", "chừng", "xấp", "xỉ",
    "ngày", "tháng", "năm", "giờ", "phút", "sáng", "chiều", "trưa", "đêm", "hôm",
    "qua", "nay", "sau", "trước", "lúc", "vừa", "số", "một", "hai", "ba", "bốn",
    "sáu", "bảy", "tám", "chín", "mười", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ",
    "thứ", "lần", "gồm", "bao", "tất", "cả", "mỗi", "nhiều", "ít", "đây", "nào", "gì",
    "không", "chưa", "phải", "bị", "bằng", "so", "cùng", "thêm", "riêng", "tổng",
};

/*
 * Classifiers: the word between a count and its noun ("3 chiếc xe", "2 khẩu súng", "530
 * tờ hóa đơn"); one report writes it, the other may not ("3 xe"). A count's head noun is
 * the word after its classifier. Lowercase NFC.
 */
static const char *const CLASSIFIERS[] = {
    "chiếc", "con", "cái", "ngôi", "căn", "tấm", "bức", "quả", "cây", "bộ", "tờ", "cuốn",
    "quyển", "đôi", "khẩu", "viên", "mảnh", "thửa", "lá", "sợi", "tòa", "toà", "ngọn",
};

/* Head nouns that name people, by their first syllable: "7 đối tượng" and "tám thành
 * viên" may count the same people (see heads_may_count_the_same). */
#define PERSON "người" /* the noun of any person */
static const char *const PERSON_NOUNS[] = {
    "người", "nhân", "cá",    /* người, nhân viên, cá nhân */
    "đối", "thành", "nạn",    /* đối tượng, thành viên, nạn nhân */
    "can", "cáo", "phạm",     /* bị can, bị cáo, phạm nhân ("bị" is a function word) */
    "hành", "bệnh", "học",    /* hành khách, bệnh nhân, học sinh */
    "sinh", "cán", "chiến",   /* sinh viên, cán bộ, chiến sĩ */
    "ngư", "thuyền", "công",  /* ngư dân, thuyền viên, công nhân */
};

/* Of those, the nouns that name a person by the stage of a criminal case: "2 bị can"
 * (investigated, indicted) and "4 bị cáo" (tried) are often counts of different sets of
 * people, so two different ones weigh against a match (stage_penalty). */
static const char *const CASE_STAGE_NOUNS[] = {
    "can", "cáo", "phạm", /* bị can, bị cáo, phạm nhân */
};

static const char *const CUE_NAMES[] = {
    "request", "imposed", "plan", "total", "change", "earlier", "part", "other",
};
const cc_names cc_open_cue_names = CC_NAMES(CUE_NAMES);

/* A person is counted as "người": it is the head noun of many counts ("3 người chết"),
 * so it is not a measure word on its own, but "người" right after a figure is kept as
 * the noun (see noun_word). */

/* Where a cue phrase must stand to give a figure its class. */
typedef enum cue_place {
    CUE_NEAREST,     /* before it in its sentence, the nearest such phrase wins ("đề nghị
                        ... 12 năm, tuyên phạt ... 9 năm": each term its own verb) */
    CUE_NEAR_BEFORE, /* at most three words before it in its clause ("tăng 2 bậc") */
    CUE_CLAUSE,      /* anywhere in its clause ("tính đến ... là 91 người") */
    CUE_NEAR_AFTER,  /* at most four words after it in its clause ("11 đối tượng khác") */
    CUE_CLAUSE_BEFORE, /* before it in its clause ("trong đó 5 người") */
} cue_place;

/* Cue phrases, lowercase NFC, words separated by one space, and where each counts. */
static const struct {
    const char *phrase;
    unsigned cue;
    cue_place place;
} CUES[] = {
    {"đề nghị", CC_CUE_REQUEST, CUE_NEAREST},    {"đề xuất", CC_CUE_REQUEST, CUE_NEAREST},
    {"kiến nghị", CC_CUE_REQUEST, CUE_NEAREST},  {"truy tố", CC_CUE_REQUEST, CUE_NEAREST},
    {"yêu cầu", CC_CUE_REQUEST, CUE_NEAREST},    {"đòi", CC_CUE_REQUEST, CUE_NEAREST},
    {"tuyên", CC_CUE_IMPOSED, CUE_NEAREST},      {"tuyên phạt", CC_CUE_IMPOSED, CUE_NEAREST},
    {"xử phạt", CC_CUE_IMPOSED, CUE_NEAREST},    {"kết án", CC_CUE_IMPOSED, CUE_NEAREST},
    {"lĩnh", CC_CUE_IMPOSED, CUE_NEAREST},       {"tuyên án", CC_CUE_IMPOSED, CUE_NEAREST},
    {"y án", CC_CUE_IMPOSED, CUE_NEAREST},       {"phạt", CC_CUE_IMPOSED, CUE_NEAREST},
    {"dự kiến", CC_CUE_PLAN, CUE_NEAREST},       {"kế hoạch", CC_CUE_PLAN, CUE_NEAREST},
    {"mục tiêu", CC_CUE_PLAN, CUE_NEAREST},      {"phấn đấu", CC_CUE_PLAN, CUE_NEAREST},
    {"dự báo", CC_CUE_PLAN, CUE_NEAREST},        {"dự tính", CC_CUE_PLAN, CUE_NEAREST},
    {"tổng cộng", CC_CUE_TOTAL, CUE_CLAUSE},     {"lũy kế", CC_CUE_TOTAL, CUE_CLAUSE},
    {"luỹ kế", CC_CUE_TOTAL, CUE_CLAUSE},        {"từ đầu năm", CC_CUE_TOTAL, CUE_CLAUSE},
    {"tính đến", CC_CUE_TOTAL, CUE_CLAUSE},      {"tổng số", CC_CUE_TOTAL, CUE_CLAUSE},
    {"tăng", CC_CUE_CHANGE, CUE_NEAR_BEFORE},    {"giảm", CC_CUE_CHANGE, CUE_NEAR_BEFORE},
    {"tăng thêm", CC_CUE_CHANGE, CUE_NEAR_BEFORE},
    /* a margin between two figures is a difference too ("bỏ xa đối thủ tới 7kg") */
    {"bỏ xa", CC_CUE_CHANGE, CUE_CLAUSE},        {"chênh lệch", CC_CUE_CHANGE, CUE_CLAUSE},
    {"cách biệt", CC_CUE_CHANGE, CUE_CLAUSE},    {"nhiều hơn", CC_CUE_CHANGE, CUE_NEAR_BEFORE},
    {"ít hơn", CC_CUE_CHANGE, CUE_NEAR_BEFORE},
    {"năm ngoái", CC_CUE_EARLIER, CUE_CLAUSE},   {"cùng kỳ", CC_CUE_EARLIER, CUE_CLAUSE},
    {"năm trước", CC_CUE_EARLIER, CUE_CLAUSE},   {"trước đó", CC_CUE_EARLIER, CUE_CLAUSE},
    {"năm qua", CC_CUE_EARLIER, CUE_CLAUSE},
    {"thêm", CC_CUE_PART, CUE_NEAR_BEFORE},      {"khác", CC_CUE_OTHER, CUE_NEAR_AFTER},
    {"còn lại", CC_CUE_OTHER, CUE_NEAR_AFTER},   {"trong đó", CC_CUE_PART, CUE_CLAUSE_BEFORE},
    {"trong số đó", CC_CUE_PART, CUE_CLAUSE_BEFORE},
    /* no cue: phrases that hold a cue word but do not mean it (VAT is "thuế giá trị gia
     * tăng"); their words are passed over */
    {"giá trị gia tăng", 0, CUE_CLAUSE},
};

#define DECIDED_CUES (CC_CUE_REQUEST | CC_CUE_IMPOSED | CC_CUE_PLAN)
#define CLAUSE_CUES (CC_CUE_TOTAL | CC_CUE_CHANGE | CC_CUE_EARLIER | CC_CUE_PART)
#define SOFT_CUES CC_CUE_OTHER /* a difference that weighs against, never blocks */

/* ---- tokens ------------------------------------------------------------------------ */

#define MAX_TOKENS 512 /* cue_at keeps a token index in 16 bits */

typedef struct token {
    size_t start, end;      /* in the sentence */
    bool boundary_before;   /* a clause mark (, ; : ( ) " ...) stands between it and the last */
    bool paren_before;      /* ... and the last such mark is '(': it opens a parenthesis */
    bool capital;           /* starts with an uppercase letter */
    bool digit;             /* holds a digit */
    char low[CC_OPEN_WORD_MAX]; /* the word lowercased (cut on a character boundary) */
} token;

static bool is_clause_mark(int32_t cp)
{
    return cp == ',' || cp == ';' || cp == ':' || cp == '(' || cp == ')' || cp == '[' ||
           cp == ']' || cp == '"' || cp == 0x201C || cp == 0x201D || cp == '.' || cp == '!' ||
           cp == '?' || cp == 0x2013 || cp == 0x2014;
}

static bool is_word_cp(int32_t cp)
{
    return cc_is_alnum_or_mark(cp);
}

static void token_lower(const char *s, token *t);

static size_t tokenize(const char *s, size_t n, token *out, size_t max)
{
    size_t count = 0, i = 0, len;
    bool mark = false, paren = false;
    while (i < n && count < max) {
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp < 0 || !is_word_cp(cp)) {
            if (cp >= 0 && is_clause_mark(cp)) {
                mark = true;
                paren = cp == '(';
            }
            i += len;
            continue;
        }
        token *t = &out[count++];
        t->start = i;
        t->boundary_before = mark;
        t->paren_before = mark && paren;
        paren = false;
        t->capital = cc_is_upper(cp);
        t->digit = false;
        mark = false;
        while (i < n) {
            cp = cc_utf8_decode(s + i, n - i, &len);
            if (cp < 0 || !is_word_cp(cp))
                break;
            t->digit |= cp >= '0' && cp <= '9';
            i += len;
        }
        t->end = i;
        token_lower(s, t);
    }
    return count;
}

/* The byte length of s[0..n) cut to at most `max` bytes on a character boundary. */
static size_t cut_at_char(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* The token's lowercase word, once per token and without allocating: every window,
 * name and cue phrase compares these. */
static void token_lower(const char *s, token *t)
{
    size_t n = cut_at_char(s + t->start, t->end - t->start, CC_OPEN_WORD_MAX - 1);
    char tmp[2 * CC_OPEN_WORD_MAX];
    size_t len = cc_lowercase_to(s + t->start, n, tmp, sizeof tmp);
    if (len == SIZE_MAX) { /* cannot happen on a token of whole code points; keep it */
        memcpy(tmp, s + t->start, n);
        len = n;
    }
    len = cut_at_char(tmp, len, CC_OPEN_WORD_MAX - 1);
    memcpy(t->low, tmp, len);
    t->low[len] = '\0';
}

/* Words that join the items of a list: a figure's words end there ("24/47 châu Á và
 * 6/11 Đông Nam Á"). */
static bool is_list_joint(const char *w)
{
    /* not "còn": "chỉ còn 8 độ C" is "down to", and a contrast ("..., còn 6/11") comes
     * after a comma, which ends the clause anyway */
    return strcmp(w, "và") == 0 || strcmp(w, "hoặc") == 0 || strcmp(w, "nhưng") == 0;
}

static int cmp_word_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* NON_MEASURE_WORDS, sorted once for bsearch: every word of every sentence is looked up. */
static const char *sorted_non_measure[sizeof NON_MEASURE_WORDS / sizeof NON_MEASURE_WORDS[0]];

bool cc_open_function_word(const char *w)
{
    size_t n = sizeof NON_MEASURE_WORDS / sizeof NON_MEASURE_WORDS[0];
    if (!sorted_non_measure[0]) {
        memcpy(sorted_non_measure, NON_MEASURE_WORDS, sizeof sorted_non_measure);
        qsort(sorted_non_measure, n, sizeof *sorted_non_measure, cmp_word_ptr);
    }
    return bsearch(&w, sorted_non_measure, n, sizeof *sorted_non_measure, cmp_word_ptr) != NULL;
}

/* Whether token t lies inside one of the sentence's figures (their numbers and units). */
static bool inside_figure(const cc_figures *figs, const token *t)
{
    for (size_t i = 0; i < figs->n; i++)
        if (t->start < figs->v[i].end && t->end > figs->v[i].qual_start)
            return true;
    return false;
}

/* ---- building a fact --------------------------------------------------------------- */

typedef struct sentence_view {
    const char *s;
    size_t n;
    const token *t;
    size_t nt;
    const cc_figures *figs;
} sentence_view;

/* The content words from token `from` on, in direction `step` (+1 or -1), up to the end
 * of the clause; `cross` lets the window step over the first clause mark after `from`. */
static void collect_words(const sentence_view *v, size_t from, int step, size_t fig_tok,
                          char words[][CC_OPEN_WORD_MAX], unsigned *nwords, bool keep_person,
                          bool cross)
{
    *nwords = 0;
    for (size_t k = from; k < v->nt && *nwords < CC_OPEN_WORDS; k += (size_t)step) {
        const token *t = &v->t[k];
        /* crossing into another clause ends the window */
        if (step > 0 && t->boundary_before && !(cross && k == from))
            break;
        if (t->digit || inside_figure(v->figs, t)) {
            if (k != fig_tok && (*nwords || step > 0))
                break; /* another figure: another item of a list */
            if (step < 0 && k == 0)
                break;
            continue;
        }
        const char *w = t->low;
        if (is_list_joint(w))
            break;
        bool first_after = keep_person && *nwords == 0 && strcmp(w, "người") == 0;
        if (first_after || !cc_open_function_word(w))
            memcpy(words[(*nwords)++], w, CC_OPEN_WORD_MAX);
        if (step < 0 && (t->boundary_before || k == 0))
            break;
    }
}

/* Index of the first token at or after byte `at`, or nt. */
static size_t token_at(const sentence_view *v, size_t at)
{
    size_t k = 0;
    while (k < v->nt && v->t[k].end <= at)
        k++;
    return k;
}

/* Clause of the figure: [first, last) tokens between clause marks around `fig_tok`. */
static void clause_of(const sentence_view *v, size_t fig_tok, size_t *first, size_t *last)
{
    size_t a = fig_tok < v->nt ? fig_tok : v->nt;
    while (a > 0 && !(a < v->nt && v->t[a].boundary_before))
        a--;
    size_t b = fig_tok + 1;
    while (b < v->nt && !v->t[b].boundary_before)
        b++;
    *first = a;
    *last = b < v->nt ? b : v->nt;
}

static void collect_names(const sentence_view *v, size_t first, size_t last, cc_open_fact *f)
{
    for (size_t k = first; k < last && f->nnames < CC_OPEN_NAMES;) {
        if (!v->t[k].capital || v->t[k].digit) {
            k++;
            continue;
        }
        size_t e = k + 1;
        while (e < last && v->t[e].capital && !v->t[e].digit && !v->t[e].boundary_before)
            e++;
        /* two capitalised words make a name ("Cao Bằng", "Nguyễn Văn A"); one alone is
         * too often a capitalised common word ("Theo Báo cáo") */
        if (e - k >= 2) {
            cc_buf b = CC_BUF_INIT;
            cc_lowercase(v->s + v->t[k].start, v->t[e - 1].end - v->t[k].start, &b);
            size_t n = cut_at_char(b.data, b.len, CC_OPEN_NAME_MAX - 1);
            memcpy(f->names[f->nnames], b.data, n);
            f->names[f->nnames][n] = '\0';
            bool seen = false; /* a clause and the one before a parenthesis may both name it */
            for (unsigned q = 0; q < f->nnames && !seen; q++)
                seen = strcmp(f->names[q], f->names[f->nnames]) == 0;
            f->nnames += !seen;
            cc_buf_free(&b);
        }
        k = e;
    }
}

/* Whether the cue phrase starts at token k (words compared lowercase). */
static bool phrase_at(const sentence_view *v, size_t k, const char *phrase)
{
    const char *p = phrase;
    for (size_t j = k; j < v->nt; j++) {
        const char *w = v->t[j].low;
        size_t wl = strlen(w);
        if (strncmp(p, w, wl) != 0 || (p[wl] != ' ' && p[wl] != '\0'))
            return false;
        if (p[wl] == '\0')
            return true;
        p += wl + 1;
    }
    return false;
}

static size_t phrase_word_count(const char *phrase)
{
    size_t n = 1;
    for (const char *p = phrase; *p; p++)
        n += *p == ' ';
    return n;
}

/* Whether a cue phrase at token k counts for the figure at fig_tok in its clause
 * [first, last). */
static bool cue_applies(cue_place place, size_t k, size_t fig_tok, size_t first, size_t last)
{
    if (k < first || k >= last)
        return false;
    switch (place) {
    case CUE_NEAR_BEFORE:
        return k < fig_tok && fig_tok - k <= 3;
    case CUE_NEAR_AFTER:
        return k > fig_tok && k - fig_tok <= 5;
    case CUE_CLAUSE_BEFORE:
        return k < fig_tok;
    case CUE_CLAUSE:
        return true;
    case CUE_NEAREST:
        break;
    }
    return false;
}

/* A cue phrase found in a sentence: CUES[cue] starts at token k. */
typedef struct cue_at {
    uint16_t k;
    uint8_t cue;
} cue_at;

/* Every cue phrase of the sentence, in order of token and then of the table, with the
 * words of a no-cue phrase passed over: read once per sentence for all its figures. */
#define NCUES (sizeof CUES / sizeof CUES[0])

/* The cue phrases by their first byte, each list in table order (built once): a word is
 * compared with the few phrases that start as it does. */
static const uint8_t *cues_starting_with(unsigned char b, size_t *n)
{
    static uint8_t order[NCUES];          /* cue indices sorted by first byte, stably */
    static uint8_t from[257];             /* order[from[b] .. from[b + 1]) start with b */
    static bool built;
    if (!built) {
        size_t k = 0;
        for (unsigned byte = 0; byte < 256; byte++) {
            from[byte] = (uint8_t)k;
            for (size_t c = 0; c < NCUES; c++)
                if ((unsigned char)CUES[c].phrase[0] == byte)
                    order[k++] = (uint8_t)c;
        }
        from[256] = (uint8_t)k;
        built = true;
    }
    *n = (size_t)(from[b + 1] - from[b]);
    return order + from[b];
}

/* Bytes of the first word of each cue phrase (measured once). */
static const uint8_t *cue_first_lengths(void)
{
    static uint8_t len[NCUES];
    static bool measured;
    if (!measured) {
        for (size_t c = 0; c < NCUES; c++)
            while (CUES[c].phrase[len[c]] && CUES[c].phrase[len[c]] != ' ')
                len[c]++;
        measured = true;
    }
    return len;
}

static size_t find_cues(const sentence_view *v, cue_at **out, size_t *cap)
{
    size_t n = 0;
    const uint8_t *first_len = cue_first_lengths();
    for (size_t k = 0; k < v->nt; k++) {
        size_t ncand, len = 0;
        const uint8_t *cand = cues_starting_with((unsigned char)v->t[k].low[0], &ncand);
        if (ncand)
            len = strlen(v->t[k].low);
        for (size_t i = 0; i < ncand; i++) {
            size_t c = cand[i];
            if (first_len[c] != len || !phrase_at(v, k, CUES[c].phrase))
                continue; /* a first word of another length cannot be this word */
            if (!CUES[c].cue) {
                k += phrase_word_count(CUES[c].phrase) - 1;
                break;
            }
            CC_GROW(*out, *cap, n + 1);
            (*out)[n++] = (cue_at){(uint16_t)k, (uint8_t)c};
        }
    }
    return n;
}

static void collect_cues(const sentence_view *v, const cue_at *cues, size_t ncues,
                         size_t fig_tok, size_t first, size_t last, cc_open_fact *f)
{
    size_t nearest = SIZE_MAX; /* distance in tokens of the nearest decided-cue */
    unsigned decided = 0, decided_after = 0;
    for (size_t i = 0; i < ncues && cues[i].k < last; i++) {
        size_t k = cues[i].k, c = cues[i].cue;
        if (CUES[c].place == CUE_NEAREST) {
            if (k < fig_tok && fig_tok - k <= nearest) {
                nearest = fig_tok - k;
                decided = CUES[c].cue;
            } else if (k > fig_tok && k >= first && !decided_after) {
                decided_after = CUES[c].cue; /* "12 người bị đề nghị truy tố" */
            }
        } else if (cue_applies(CUES[c].place, k, fig_tok, first, last)) {
            f->cues |= CUES[c].cue;
        }
    }
    f->cues |= decided ? decided : decided_after;
}

static void collect_time(const sentence_view *v, size_t self, size_t first, size_t last,
                         cc_open_fact *f)
{
    size_t lo = first < v->nt ? v->t[first].start : v->n;
    size_t hi = last < v->nt ? v->t[last].start : v->n;
    for (size_t i = 0; i < v->figs->n; i++) {
        const cc_figure *g = &v->figs->v[i];
        if (i == self || g->kind != CC_FIG_DATE || g->start < lo || g->end > hi)
            continue;
        if (!isfinite(g->range.lo) || !isfinite(g->range.hi))
            continue;
        f->has_time = true;
        f->time = g->range;
        f->time_yearless = g->yearless;
        return;
    }
}

bool cc_open_kind_claimed(const cc_figure *fig)
{
    switch (fig->kind) {
    case CC_FIG_COUNT: case CC_FIG_QUANTITY: case CC_FIG_DURATION: case CC_FIG_TIME:
    case CC_FIG_AGE: case CC_FIG_PERCENT: case CC_FIG_DATE: case CC_FIG_RANK:
        return isfinite(fig->range.lo) || isfinite(fig->range.hi);
    case CC_FIG_MONEY: /* no price is a few đồng: "gần 3,2 đồng tỷ" is a typo */
        if (strcmp(fig->currency, "VND") == 0 && fig->range.hi < 100)
            return false;
        return isfinite(fig->range.lo) || isfinite(fig->range.hi);
    case CC_FIG_PERIOD:
        return isfinite(fig->range.lo) && isfinite(fig->range2.hi);
    case CC_FIG_SCORE:
    case CC_FIG_IDENTIFIER:
        return true;
    case CC_FIG_YEAR:
        return false;
    }
    return false;
}

struct cc_open_sentence {
    const char *s;
    size_t n;
    size_t nt;
    token t[MAX_TOKENS];
    cue_at *cues;          /* its cue phrases (find_cues) */
    size_t ncues, capcues;
};

cc_open_sentence *cc_open_sentence_new(void)
{
    return cc_xcalloc(1, sizeof(cc_open_sentence));
}

void cc_open_sentence_free(cc_open_sentence *sn)
{
    if (sn)
        free(sn->cues);
    free(sn);
}

void cc_open_sentence_read(cc_open_sentence *sn, const char *s, size_t n)
{
    sn->s = s;
    sn->n = n;
    sn->nt = tokenize(s, n, sn->t, MAX_TOKENS);
    sentence_view v = {s, n, sn->t, sn->nt, NULL};
    sn->ncues = find_cues(&v, &sn->cues, &sn->capcues);
}

void cc_open_fact_make(const char *s, size_t n, const cc_figures *figs, size_t i,
                       cc_open_fact *out)
{
    cc_open_sentence *sn = cc_open_sentence_new();
    cc_open_sentence_read(sn, s, n);
    cc_open_fact_of(sn, figs, i, out);
    cc_open_sentence_free(sn);
}

void cc_open_fact_of(const cc_open_sentence *sn, const cc_figures *figs, size_t i,
                     cc_open_fact *out)
{
    assert(i < figs->n);
    const cc_figure *fig = &figs->v[i];
    memset(out, 0, sizeof *out);
    out->kind = fig->kind;
    out->dim = cc_figure_dim(fig);
    out->value = fig->range;
    out->value2 = fig->range2;
    out->yearless = fig->yearless;
    out->yearless2 = fig->yearless2;
    out->second = fig->second;
    memcpy(out->currency, fig->currency, sizeof out->currency);
    sentence_view v = {sn->s, sn->n, sn->t, sn->nt, figs};
    size_t fig_tok = token_at(&v, fig->qual_start < fig->start ? fig->qual_start : fig->start);
    size_t after_tok = token_at(&v, fig->end);
    if (after_tok < v.nt)
        collect_words(&v, after_tok, 1, SIZE_MAX, out->after, &out->nafter, true, false);
    if (fig_tok > 0 && !(fig_tok < v.nt && v.t[fig_tok].boundary_before))
        collect_words(&v, fig_tok - 1, -1, fig_tok, out->before, &out->nbefore, false, false);
    /* a date or a time alone between commas ("Theo tin đã đưa, ngày 10/8, lãnh đạo UBND
     * ra quyết định...") says when the next clause happened: its words are its measure */
    bool when = fig->kind == CC_FIG_DATE || fig->kind == CC_FIG_TIME || fig->kind == CC_FIG_PERIOD;
    if (when && !out->nbefore && !out->nafter && after_tok < v.nt)
        collect_words(&v, after_tok, 1, SIZE_MAX, out->after, &out->nafter, false, true);
    size_t first, last;
    clause_of(&v, fig_tok, &first, &last);
    collect_names(&v, first, last, out);
    if (fig->kind == CC_FIG_AGE && !out->nnames && first > 0) {
        /* "do Võ Văn Tâm, 22 tuổi, cầm đầu": an age set off by commas is the person's
         * named right before it */
        size_t outer_first, outer_last;
        clause_of(&v, first - 1, &outer_first, &outer_last);
        collect_names(&v, outer_first, first, out);
    }
    if (first > 0 && first < v.nt && v.t[first].paren_before) {
        /* "anh Trần Văn B (43 tuổi)", "hạt to (khoảng 4 mm)": a parenthesis is about what
         * comes right before it, whose words and names are the figure's too */
        size_t outer_first, outer_last;
        clause_of(&v, first - 1, &outer_first, &outer_last);
        collect_names(&v, outer_first, first, out);
        if (!out->nbefore)
            collect_words(&v, first - 1, -1, fig_tok, out->before, &out->nbefore, false, false);
    }
    collect_cues(&v, sn->cues, sn->ncues, fig_tok, first, last, out);
    if ((out->cues & CC_CUE_OTHER) && i > 0 && figs->v[i - 1].kind == fig->kind)
        out->cues &= ~CC_CUE_OTHER; /* "2 người chết, 4 người khác bị thương": others than
                                       the figure before it, not a part of this one */
    collect_time(&v, i, first, last, out);
}

static bool ranges_meet(cc_range a, cc_range b)
{
    return a.lo <= b.hi && b.lo <= a.hi;
}

bool cc_open_values_meet(const cc_open_fact *a, const cc_open_fact *b)
{
    if (a->kind != CC_FIG_SCORE && !ranges_meet(a->value, b->value))
        return false;
    if (a->kind == CC_FIG_PERIOD)
        return ranges_meet(a->value2, b->value2);
    if (a->kind == CC_FIG_SCORE) /* "0-1" and "1-0": one score from either side */
        return (a->value.lo == b->value.lo && a->second == b->second) ||
               (a->value.lo == b->second && a->second == b->value.lo);
    if (a->kind == CC_FIG_RANK)
        return a->second == b->second;
    return true;
}

/* The day `day` of CC_FIGURE_YEARLESS moved to the same month and day of `year`. */
static double move_to_year(double day, int year)
{
    if (!isfinite(day))
        return day;
    int y, m, d;
    cc_civil_from_days((int32_t)day, &y, &m, &d);
    y += year - CC_FIGURE_YEARLESS;
    if (y < 1 || y > 9999)
        return day;
    int last = cc_days_in_month(y, m);
    return cc_days_from_civil(y, m, d < last ? d : last);
}

static void range_to_year(cc_range *r, bool *yearless, int year)
{
    if (!*yearless)
        return;
    r->lo = move_to_year(r->lo, year);
    r->hi = move_to_year(r->hi, year);
    *yearless = false;
}

void cc_open_set_year(cc_open_fact *f, int year)
{
    assert(year >= 1 && year <= 9999);
    if (f->kind == CC_FIG_DATE || f->kind == CC_FIG_PERIOD)
        range_to_year(&f->value, &f->yearless, year);
    if (f->kind == CC_FIG_PERIOD)
        range_to_year(&f->value2, &f->yearless2, year);
    range_to_year(&f->time, &f->time_yearless, year);
}

void cc_open_measure(const cc_open_fact *f, cc_buf *out)
{
    size_t start = out->len;
    if (f->kind == CC_FIG_AGE && f->nnames) { /* an age is a person's */
        cc_buf_adds(out, f->names[0]);
        return;
    }
    bool when = f->kind == CC_FIG_DATE || f->kind == CC_FIG_PERIOD || f->kind == CC_FIG_TIME ||
                f->kind == CC_FIG_QUANTITY; /* "vực sâu 60 mét": the words before name it */
    if (when && f->nbefore) { /* "giai đoạn 8/2017–7/2020": the words before name it */
        for (unsigned k = f->nbefore < 3 ? f->nbefore : 3; k > 0; k--) {
            if (out->len > start)
                cc_buf_addc(out, ' ');
            cc_buf_adds(out, f->before[k - 1]);
        }
        return;
    }
    for (unsigned k = 0; k < f->nafter && k < 4; k++) {
        if (out->len > start)
            cc_buf_addc(out, ' ');
        cc_buf_adds(out, f->after[k]);
    }
    if (out->len > start)
        return;
    for (unsigned k = f->nbefore < 3 ? f->nbefore : 3; k > 0; k--) {
        if (out->len > start)
            cc_buf_addc(out, ' ');
        cc_buf_adds(out, f->before[k - 1]);
    }
}

/* ---- comparing facts --------------------------------------------------------------- */

static bool same_kind(const cc_open_fact *a, const cc_open_fact *b)
{
    if (a->kind != b->kind || a->dim != b->dim)
        return false;
    /* a date without a year is compared with another only once both have the story's */
    if (a->yearless != b->yearless || a->yearless2 != b->yearless2)
        return false;
    return a->kind != CC_FIG_MONEY || strcmp(a->currency, b->currency) == 0;
}

static bool in_table(const char *w, const char *const *table, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, table[i]) == 0)
            return true;
    return false;
}

#define IN_TABLE(w, t) in_table((w), (t), sizeof(t) / sizeof((t)[0]))

/* The index in `after` of a fact's head noun: its first word, or the one after a
 * classifier; nafter when it has none. */
static unsigned head_index(const cc_open_fact *f)
{
    if (!f->nafter)
        return 0;
    return f->nafter > 1 && IN_TABLE(f->after[0], CLASSIFIERS) ? 1 : 0;
}

/* The words of a count's noun from the start of `after`: its classifier, then one
 * syllable for "người", else two ("hành khách", "ngôi nhà"). */
static unsigned noun_length(const cc_open_fact *f)
{
    unsigned h = head_index(f);
    if (h < f->nafter && strcmp(f->after[h], PERSON) == 0)
        return h + 1;
    return h + 2;
}

/* Two different head nouns may count the same things when one is "người" (anyone) or
 * both name people ("7 đối tượng", "tám thành viên"). */
static bool heads_may_count_the_same(const char *a, const char *b)
{
    return strcmp(a, PERSON) == 0 || strcmp(b, PERSON) == 0 ||
           (IN_TABLE(a, PERSON_NOUNS) && IN_TABLE(b, PERSON_NOUNS));
}

static bool has_word(const char words[][CC_OPEN_WORD_MAX], unsigned n, const char *w)
{
    for (unsigned i = 0; i < n; i++)
        if (strcmp(words[i], w) == 0)
            return true;
    return false;
}

static void note_word(cc_open_match *m, const char *w)
{
    size_t len = strlen(m->why);
    if (len + strlen(w) + 5 >= sizeof m->why)
        return;
    snprintf(m->why + len, sizeof m->why - len, "%s'%s'", len ? ", " : "", w);
}

static int cmp_word(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static bool is_common(const cc_open_common *c, const char *w)
{
    return c && c->n && bsearch(w, c->words, c->n, sizeof *c->words, cmp_word);
}

/* Words of `a` (first `na`) also among the first `nb` of `b`, common words left out,
 * at most `cap`. */
static int shared(const char a[][CC_OPEN_WORD_MAX], unsigned na, const char b[][CC_OPEN_WORD_MAX],
                  unsigned nb, const cc_open_common *common, int cap, cc_open_match *m)
{
    int count = 0;
    for (unsigned i = 0; i < na && count < cap; i++)
        if (!has_word(a, i, a[i]) && has_word(b, nb, a[i]) && !is_common(common, a[i])) {
            count++;
            note_word(m, a[i]);
        }
    return count;
}

void cc_open_common_build(const cc_open_fact *const *facts, size_t n, size_t share,
                          size_t min_count, cc_open_common *out)
{
    /* every (fact, distinct word) once, sorted, then counted in runs */
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += facts[i]->nbefore + facts[i]->nafter;
    char(*all)[CC_OPEN_WORD_MAX] = cc_xcalloc(total ? total : 1, sizeof *all);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const cc_open_fact *f = facts[i];
        size_t first = k;
        for (unsigned j = 0; j < f->nbefore + f->nafter; j++) {
            const char *w = j < f->nbefore ? f->before[j] : f->after[j - f->nbefore];
            bool seen = false;
            for (size_t q = first; q < k && !seen; q++)
                seen = strcmp(all[q], w) == 0;
            if (!seen)
                memcpy(all[k++], w, CC_OPEN_WORD_MAX);
        }
    }
    qsort(all, k, sizeof *all, cmp_word);
    out->words = cc_xcalloc(k ? k : 1, sizeof *out->words);
    out->n = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i + 1;
        while (j < k && strcmp(all[i], all[j]) == 0)
            j++;
        if (j - i >= min_count && (j - i) * share > n)
            memcpy(out->words[out->n++], all[i], CC_OPEN_WORD_MAX);
        i = j;
    }
    free(all);
}

void cc_open_common_free(cc_open_common *c)
{
    free(c->words);
    c->words = NULL;
    c->n = 0;
}

static bool names_disjoint(const cc_open_fact *a, const cc_open_fact *b)
{
    if (!a->nnames || !b->nnames)
        return false;
    for (unsigned i = 0; i < a->nnames; i++)
        for (unsigned j = 0; j < b->nnames; j++)
            if (strstr(a->names[i], b->names[j]) || strstr(b->names[j], a->names[i]))
                return false;
    return true;
}

static bool cues_differ(const cc_open_fact *a, const cc_open_fact *b)
{
    unsigned da = a->cues & DECIDED_CUES, db = b->cues & DECIDED_CUES;
    if (da && db && da != db)
        return true;
    if ((a->cues ^ b->cues) & CC_CUE_PLAN)
        return true; /* a target is never the result, whatever the other says */
    return (a->cues & CLAUSE_CUES) != (b->cues & CLAUSE_CUES);
}

/* -2 when two counts name people at different stages of a case ("bị can", "bị cáo"). */
static int stage_penalty(const char *head_a, const char *head_b)
{
    return strcmp(head_a, head_b) != 0 && IN_TABLE(head_a, CASE_STAGE_NOUNS) &&
                   IN_TABLE(head_b, CASE_STAGE_NOUNS)
               ? 2
               : 0;
}

/* Cues that only weigh against (SOFT_CUES): -2 when one fact has one the other has not. */
static int soft_cue_penalty(const cc_open_fact *a, const cc_open_fact *b)
{
    return ((a->cues ^ b->cues) & SOFT_CUES) ? 2 : 0;
}

static bool has_unit(cc_figure_kind k)
{
    return k == CC_FIG_QUANTITY || k == CC_FIG_DURATION || k == CC_FIG_AGE ||
           k == CC_FIG_PERCENT || k == CC_FIG_MONEY;
}

/* Kinds a report states few of: two of them with shared words are likely one fact. */
static bool rare_kind(cc_figure_kind k)
{
    return k == CC_FIG_PERIOD || k == CC_FIG_RANK || k == CC_FIG_TIME || k == CC_FIG_AGE;
}

static bool meets(cc_range a, cc_range b)
{
    return a.lo <= b.hi && b.lo <= a.hi;
}

/* Values that agree in part: a period with the same start or end, a rank out of the
 * same total. A coincidence of that kind is evidence that both state one fact. */
static int shared_end(const cc_open_fact *a, const cc_open_fact *b)
{
    if (a->kind == CC_FIG_PERIOD && (meets(a->value, b->value) || meets(a->value2, b->value2)))
        return 2;
    if (a->kind == CC_FIG_RANK && a->second > 0 && a->second == b->second)
        return 1;
    return 0;
}

cc_open_match cc_open_compare(const cc_open_fact *a, const cc_open_fact *b,
                              const cc_open_common *common)
{
    cc_open_match m = {-1, true, false, ""};
    if (!same_kind(a, b) || names_disjoint(a, b) || cues_differ(a, b))
        return m;
    int score = 0;
    unsigned ha = head_index(a), hb = head_index(b);
    bool both_heads = ha < a->nafter && hb < b->nafter;
    bool head = both_heads && strcmp(a->after[ha], b->after[hb]) == 0;
    if (head) {
        score += 3;
        note_word(&m, a->after[ha]);
    } else if (both_heads && a->kind == CC_FIG_COUNT &&
               !heads_may_count_the_same(a->after[ha], b->after[hb])) {
        score -= 3; /* "2 tội" and "11 bị can": counts of two things */
    } else if (both_heads && a->kind == CC_FIG_COUNT) {
        score -= stage_penalty(a->after[ha], b->after[hb]);
    }
    unsigned na = a->nafter < 4 ? a->nafter : 4, nb = b->nafter < 4 ? b->nafter : 4;
    unsigned skip = head ? ha + 1 : 0;
    if (skip > na)
        skip = na;
    score += shared(a->after + skip, na - skip, b->after, nb, common, 2, &m);
    na = a->nbefore < 5 ? a->nbefore : 5;
    nb = b->nbefore < 5 ? b->nbefore : 5;
    if (a->nafter > 2 && b->nafter > 2) {
        /* past a two-word noun come the words that say what happened to it ("hành khách
         * bị thương"): both saying something, and nothing in common, is two facts */
        cc_open_match unused = m;
        if (!shared(a->after + 2, a->nafter - 2, b->after + 2, b->nafter - 2, NULL, 1, &unused))
            score -= 2;
    }
    int before = shared(a->before, na, b->before, nb, common, 3, &m);
    if (!before) {
        /* one report writes before the figure what the other writes after it ("12 người
         * bị đề nghị truy tố", "đề nghị truy tố 11 bị can") */
        unsigned ma = a->nafter < 5 ? a->nafter : 5, mb = b->nafter < 5 ? b->nafter : 5;
        before = shared(a->after, ma, b->before, nb, common, 2, &m);
        if (before < 2)
            before += shared(a->before, na, b->after, mb, common, 2 - before, &m);
    }
    score += before;
    if (a->kind == CC_FIG_COUNT && !before) {
        /* what both say past the noun: two syllables ("hành khách"), or one when it is a
         * person noun ("6 người bị thương") */
        unsigned la = noun_length(a), lb = noun_length(b);
        cc_open_match unused = m;
        m.noun_only = a->nafter <= la || b->nafter <= lb ||
                      !shared(a->after + la, a->nafter - la, b->after + lb, b->nafter - lb,
                              common, 1, &unused);
    }
    if (!before && na >= 2 && nb >= 2)
        score -= 2; /* both say what leads to the figure, and say different things */
    if ((has_unit(a->kind) || rare_kind(a->kind)) && score > 0)
        score += 1; /* the unit, or a rarer kind of figure, is evidence of its own */
    score += shared_end(a, b);
    score -= soft_cue_penalty(a, b);
    /* an age is the age of a person: the same name is the evidence ("Võ Văn Tâm (23
     * tuổi)", "Võ Văn Tâm, 22 tuổi") */
    int per_name = a->kind == CC_FIG_AGE ? 4 : 1;
    for (unsigned i = 0; i < a->nnames && (score > 0 || per_name > 1); i++)
        for (unsigned j = 0; j < b->nnames; j++)
            if (strcmp(a->names[i], b->names[j]) == 0) {
                score += per_name;
                if (per_name > 1)
                    note_word(&m, a->names[i]);
                break;
            }
    m.score = score < 0 ? 0 : score;
    if (a->has_time && b->has_time && a->time_yearless == b->time_yearless &&
        (a->time.hi < b->time.lo || b->time.hi < a->time.lo))
        m.same_time = false;
    return m;
}
