/*
 * report_text.c — compiler-style text: one block per finding (location, severity,
 * message, rule id; the source line windowed around the value with a caret under it;
 * notes for the other sides and the compatible claims), then one summary line; and
 * the aligned claims table of `crosscheck extract`.
 *
 * Everything printed from the input (paths, messages, sentences, words) goes through
 * a cleaner: control characters (tabs and newlines included), bidi controls and invalid
 * bytes are shown as escapes ("\t", "\u202e", "\xff": text.h decides), so that a
 * hostile article cannot move the cursor, change colours on the reader's terminal or
 * reorder a line, and the columns stay aligned. Widths are
 * terminal display widths (utf8proc_charwidth): "【" is 2 columns, a combining mark 0.
 */
#include "report_text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "text.h"

#define WINDOW_COLS 80        /* about this many columns of source are shown */
#define WINDOW_BEFORE_COLS 40 /* of which at most this many before the value */
#define WINDOW_SCAN_BYTES 4096 /* of the line looked at on each side of the value */
#define GUTTER_MIN 5          /* line numbers are right-aligned in at least this */
#define ELLIPSIS "\xE2\x80\xA6" /* "…", one column */

#define SGR_BOLD "\033[1m"
#define SGR_RED "\033[1;31m"
#define SGR_MAGENTA "\033[1;35m"
#define SGR_CYAN "\033[1;36m"
#define SGR_GREEN "\033[1;32m"
#define SGR_RESET "\033[0m"

/* ---- characters and widths ---------------------------------------------- */

/* How one decoded character is shown. */
typedef enum show {
    SHOW_COPY,    /* its own bytes */
    SHOW_ESCAPE,  /* a control character (tab, newline, ESC...), a bidi control or an
                     invalid byte: its escape, as text.h's cc_escape_shown_with() writes it */
} show;

/* One character of a sentence: where it is and how wide it shows. */
typedef struct cell {
    size_t off;   /* byte offset in the sentence */
    size_t len;   /* bytes */
    int width;    /* display columns */
    show how;
} cell;

/* Decodes the character at s[0..n) and says how it is shown and how wide it is; an
 * escape is as wide as its ASCII text ("\u202e" is 6 columns). */
static size_t next_char(const char *s, size_t n, show *how, int *width)
{
    size_t k;
    int32_t cp = cc_utf8_decode(s, n, &k);
    char esc[CC_ESCAPE_MAX];
    size_t e = cp < 0 ? 4 * k : cc_escape_to(cp, esc);
    if (e) {
        *how = SHOW_ESCAPE;
        *width = (int)e;
    } else {
        int w = utf8proc_charwidth(cp);
        *how = SHOW_COPY;
        *width = w > 0 ? w : 0;
    }
    return k;
}

static void add_shown(cc_buf *b, const char *s, size_t len, show how)
{
    if (how == SHOW_COPY)
        cc_buf_add(b, s, len);
    else
        cc_escape_shown_with(b, s, len, NULL, NULL, false);
}

/* Appends s[0..n) cleaned for a terminal; returns its display width. */
static size_t add_clean(cc_buf *b, const char *s, size_t n)
{
    size_t width = 0;
    for (size_t i = 0; i < n;) {
        show how;
        int w;
        size_t k = next_char(s + i, n - i, &how, &w);
        add_shown(b, s + i, k, how);
        width += (size_t)w;
        i += k;
    }
    return width;
}

static size_t add_cleans(cc_buf *b, const char *s)
{
    return s ? add_clean(b, s, strlen(s)) : 0;
}

static void add_spaces(cc_buf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cc_buf_addc(b, ' ');
}

/* Appends `sgr` when colouring. */
static void add_sgr(cc_buf *b, bool color, const char *sgr)
{
    if (color)
        cc_buf_adds(b, sgr);
}

/* ---- ids and locations ----------------------------------------------------- */

/* A path, cleaned; a leading ':' is escaped, since a location starts a line and a line
 * that starts with "::" is a GitHub workflow command in a CI log. */
static void add_path(cc_buf *b, const char *path)
{
    cc_escape_shown_with(b, path, strlen(path), NULL, NULL, true);
}

/* PATH:LINE:COL of a claim. */
static void add_claim_location(cc_buf *b, const cc_run *run, const cc_claim *c)
{
    add_path(b, cc_report_claim_path(run, c));
    cc_buf_addf(b, ":%u:%u", c->line, c->column);
}

/* PATH[:LINE[:COL]] of a finding without a claim; "crosscheck" when it has no file. */
static void add_finding_location(cc_buf *b, const cc_finding *f)
{
    if (f->path && f->path[0])
        add_path(b, f->path);
    else
        cc_buf_adds(b, "crosscheck");
    if (f->line) {
        cc_buf_addf(b, ":%u", f->line);
        if (f->column)
            cc_buf_addf(b, ":%u", f->column);
    }
}

/* ---- the source window ------------------------------------------------------- */

/* The characters of one line of a sentence, with the value's among them. */
typedef struct line_cells {
    cell *v;          /* the characters, in order */
    size_t n, cap;
    size_t value0;    /* index of the value's first character */
    size_t value1;    /* one past its last */
    bool at_sentence_start; /* v[0] is the sentence's first character */
    bool capped_left;  /* the line goes on before v[0] (past WINDOW_SCAN_BYTES) */
    bool capped_right; /* the line goes on after the last cell */
} line_cells;

static void decode_cells(line_cells *lc, const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to;) {
        CC_GROW(lc->v, lc->cap, lc->n + 1);
        cell *c = &lc->v[lc->n++];
        c->off = i;
        c->len = next_char(s + i, to - i, &c->how, &c->width);
        i += c->len;
    }
}

static bool is_line_break(char c)
{
    return c == '\n' || c == '\r';
}

/*
 * Splits the value's line out of the sentence (a sentence may run over a line break:
 * the gutter shows the value's line, so only that line is shown) and decodes it in
 * three slices (before, value, after) so that the value's bounds are character bounds
 * even if the offsets were not. Only WINDOW_SCAN_BYTES on each side of the value are
 * looked at, far more than the window shows, so that a 10 MB line costs no more than
 * a short one.
 */
static void value_line_cells(const cc_claim *c, line_cells *lc)
{
    const char *s = c->sentence;
    size_t n = strlen(s);
    size_t vs = c->value_in_sentence < n ? c->value_in_sentence : n;
    size_t vlen = c->value_text ? strlen(c->value_text) : 0;
    size_t ve = vlen < n - vs ? vs + vlen : n;
    size_t start = vs, end = ve;
    while (start > 0 && vs - start < WINDOW_SCAN_BYTES && !is_line_break(s[start - 1]))
        start--;
    lc->capped_left = start > 0 && !is_line_break(s[start - 1]);
    while (lc->capped_left && start < vs && ((unsigned char)s[start] & 0xC0) == 0x80)
        start++; /* start on a character, not inside one */
    while (end < n && end - ve < WINDOW_SCAN_BYTES && !is_line_break(s[end]))
        end++;
    lc->capped_right = end < n && !is_line_break(s[end]);
    lc->at_sentence_start = start == 0;
    decode_cells(lc, s, start, vs);
    lc->value0 = lc->n;
    decode_cells(lc, s, vs, ve);
    lc->value1 = lc->n;
    decode_cells(lc, s, ve, end);
}

static size_t cells_width(const line_cells *lc, size_t from, size_t to)
{
    size_t w = 0;
    for (size_t i = from; i < to; i++)
        w += (size_t)lc->v[i].width;
    return w;
}

static int digits(unsigned v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

/*
 *     LINE | …the sentence around the value…
 *          |          ^~~~~
 * At most WINDOW_BEFORE_COLS columns before the value, and as many after it as make
 * WINDOW_COLS; "…" where text was cut, and at the start when the sentence does not
 * start its line (its first character is not column 1).
 */
static void add_source_window(cc_buf *b, const cc_claim *c, bool color)
{
    if (!c->sentence)
        return;
    line_cells lc = {0};
    value_line_cells(c, &lc);

    size_t first = lc.value0, before = 0;
    while (first > 0 && before + (size_t)lc.v[first - 1].width <= WINDOW_BEFORE_COLS)
        before += (size_t)lc.v[--first].width;
    bool cut_left = first > 0 || lc.capped_left;
    while (cut_left && first < lc.value0 && lc.v[first].width == 0)
        first++; /* never start on a combining mark cut from its letter */
    bool mid_line = lc.at_sentence_start && c->column > 0 && c->column != lc.value0 + 1;

    size_t value_width = cells_width(&lc, lc.value0, lc.value1);
    size_t used = before + value_width;
    size_t budget = used < WINDOW_COLS ? WINDOW_COLS - used : 0, after = 0;
    size_t last = lc.value1;
    while (last < lc.n && after + (size_t)lc.v[last].width <= budget)
        after += (size_t)lc.v[last++].width;
    bool cut_right = last < lc.n || lc.capped_right;

    int gutter = digits(c->line) > GUTTER_MIN ? digits(c->line) : GUTTER_MIN;
    cc_buf_addf(b, "%*u | ", gutter, c->line);
    bool lead = cut_left || mid_line;
    if (lead)
        cc_buf_adds(b, ELLIPSIS);
    for (size_t i = first; i < last; i++)
        add_shown(b, c->sentence + lc.v[i].off, lc.v[i].len, lc.v[i].how);
    if (cut_right)
        cc_buf_adds(b, ELLIPSIS);
    cc_buf_addc(b, '\n');

    add_spaces(b, (size_t)gutter);
    cc_buf_adds(b, " | ");
    add_spaces(b, (lead ? 1 : 0) + cells_width(&lc, first, lc.value0));
    add_sgr(b, color, SGR_GREEN);
    cc_buf_addc(b, '^');
    for (size_t i = 1; i < value_width; i++)
        cc_buf_addc(b, '~');
    add_sgr(b, color, SGR_RESET);
    cc_buf_addc(b, '\n');
    free(lc.v);
}

/* ---- findings ------------------------------------------------------------------- */

static const char *severity_sgr(cc_severity s)
{
    return s == CC_SEV_ERROR ? SGR_RED : s == CC_SEV_WARNING ? SGR_MAGENTA : SGR_CYAN;
}

static void add_note_head(cc_buf *b, bool color)
{
    cc_buf_adds(b, "  ");
    add_sgr(b, color, SGR_CYAN);
    cc_buf_adds(b, "note:");
    add_sgr(b, color, SGR_RESET);
    cc_buf_addc(b, ' ');
}

/* PATH:LINE:COL "TEXT" */
static void add_claim_quote(cc_buf *b, const cc_run *run, const cc_claim *c)
{
    add_claim_location(b, run, c);
    cc_buf_adds(b, " \"");
    add_cleans(b, c->text);
    cc_buf_adds(b, "\"\n");
}

/* One note per claim of every other side, then one per compatible claim. */
static void add_notes(cc_buf *b, const cc_run *run, const cc_finding *f, bool color)
{
    cc_notes it;
    cc_notes_begin(&it, run, f, CC_NOTES_OTHER_SIDES);
    for (const cc_claim *c; (c = cc_notes_next(&it));) {
        add_note_head(b, color);
        if (it.side < f->nsides) {
            add_cleans(b, c->value_text);
            cc_buf_adds(b, " in ");
        } else {
            cc_buf_adds(b, "compatible with several sides: ");
        }
        add_claim_quote(b, run, c);
    }
}

static void add_help(cc_buf *b, const cc_run *run, const cc_finding *f, bool color)
{
    cc_buf help = CC_BUF_INIT;
    if (cc_report_help(run, f, &help)) {
        cc_buf_adds(b, "  ");
        add_sgr(b, color, SGR_BOLD);
        cc_buf_adds(b, "help:");
        add_sgr(b, color, SGR_RESET);
        cc_buf_addc(b, ' ');
        add_cleans(b, help.data);
        cc_buf_addc(b, '\n');
    }
    cc_buf_free(&help);
}

static void add_finding(cc_buf *b, const cc_run *run, const cc_finding *f, bool color)
{
    const cc_claim *loc = cc_report_claim(run, f->location);
    add_sgr(b, color, SGR_BOLD);
    if (loc)
        add_claim_location(b, run, loc);
    else
        add_finding_location(b, f);
    cc_buf_addc(b, ':');
    add_sgr(b, color, SGR_RESET);
    cc_buf_addc(b, ' ');
    add_sgr(b, color, severity_sgr(f->severity));
    cc_buf_adds(b, cc_severity_name(f->severity));
    cc_buf_addc(b, ':');
    add_sgr(b, color, SGR_RESET);
    cc_buf_addc(b, ' ');
    add_cleans(b, f->message);
    const cc_rule *rule = cc_report_rule(run, f->rule);
    if ((rule && rule->id) || f->open) {
        cc_buf id = CC_BUF_INIT;
        cc_report_rule_id(run, f, &id);
        cc_buf_adds(b, " [");
        add_cleans(b, id.data);
        cc_buf_addc(b, ']');
        cc_buf_free(&id);
    }
    cc_buf_addc(b, '\n');
    if (loc)
        add_source_window(b, loc, color);
    add_notes(b, run, f, color);
    if (f->evidence) { /* why an open finding compared these figures */
        add_note_head(b, color);
        add_cleans(b, f->evidence);
        cc_buf_addc(b, '\n');
    }
    add_help(b, run, f, color);
}

/* ---- the report ------------------------------------------------------------------ */

int cc_report_text(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    bool color = o && o->color;
    cc_writer w;
    cc_writer_to_file(&w, out);
    for (size_t i = 0; i < run->nfindings; i++) {
        add_finding(w.out, run, &run->findings[i], color);
        cc_writer_maybe_flush(&w);
    }
    cc_report_summary_line(run, w.out);
    cc_buf_addc(w.out, '\n');
    return cc_writer_finish(&w);
}

/* ---- the claims table ------------------------------------------------------------- */

/* An open claim (no rulebook field) shows its kind as its field ("open/age"), the first
 * proper name of its clause as its subject, the date of its clause as its scope, and
 * what it measures in a last column, which only runs with open claims have. */
enum { COL_LOCATION, COL_FIELD, COL_SUBJECT, COL_SCOPE, COL_VALUE, COL_WORDS, COL_MEASURE, NCOLS };

static const char *const column_heads[NCOLS] = {
    "LOCATION", "FIELD", "SUBJECT", "SCOPE", "VALUE", "WORDS", "MEASURE",
};

/* One end of an open value, by its kind: a time of day as HH:MM, a duration in the
 * largest unit that divides it (y, mo, d, h, min, s: units.c's year is 365.25 days,
 * its month a twelfth of that), a date without a year as --MM-DD. */
static void add_open_end(cc_buf *b, const cc_open_fact *f, double x)
{
    if (f->kind == CC_FIG_TIME) {
        cc_buf_addf(b, "%02d:%02d", (int)(x / 60), (int)fmod(x, 60));
        return;
    }
    if (f->kind == CC_FIG_DATE && f->yearless) {
        int y, m, d;
        cc_civil_from_days((int32_t)x, &y, &m, &d);
        cc_buf_addf(b, "--%02d-%02d", m, d);
        return;
    }
    static const struct { double seconds; const char *unit; } UNITS[] = {
        {31557600, "y"}, {2629800, "mo"}, {86400, "d"}, {3600, "h"}, {60, "min"}, {1, "s"},
    };
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++)
        if (fmod(x, UNITS[i].seconds) == 0 || i + 1 == sizeof UNITS / sizeof UNITS[0]) {
            cc_buf_addf(b, "%g%s", x / UNITS[i].seconds, UNITS[i].unit);
            return;
        }
}

/* The value column of an open claim whose kind reads better than its number; false for
 * the others (shown as any claim's value). */
static bool add_open_value(cc_buf *b, const cc_claim *c)
{
    const cc_open_fact *f = c->open;
    if (f->kind == CC_FIG_IDENTIFIER) { /* compared as text */
        cc_buf_adds(b, c->value_text ? c->value_text : "");
        return true;
    }
    bool special = f->kind == CC_FIG_TIME || f->kind == CC_FIG_DURATION ||
                   (f->kind == CC_FIG_DATE && f->yearless);
    if (!special || !isfinite(f->value.lo) || !isfinite(f->value.hi))
        return false;
    add_open_end(b, f, f->value.lo);
    if (f->value.hi > f->value.lo) {
        cc_buf_adds(b, "..");
        add_open_end(b, f, f->value.hi);
    }
    return true;
}

/* The open claim's clause date, as YYYY-MM-DD (a span as FROM..TO). */
static void add_open_time(cc_buf *b, const cc_open_fact *f)
{
    char day[11];
    cc_format_day((int32_t)f->time.lo, day);
    cc_buf_adds(b, day);
    if (f->time.hi > f->time.lo) {
        cc_format_day((int32_t)f->time.hi, day);
        cc_buf_addf(b, "..%s", day);
    }
}

/* Appends one cell of a claim's row, cleaned (ids and paths come from input too);
 * returns its display width. */
static size_t add_cell(cc_buf *b, const cc_run *run, const cc_claim *c, int col)
{
    cc_buf raw = CC_BUF_INIT;
    switch (col) {
    case COL_LOCATION:
        add_claim_location(&raw, run, c);
        break;
    case COL_FIELD: {
        const char *id = cc_report_field_id(run, c->field);
        if (c->open)
            cc_buf_addf(&raw, "open/%s", cc_name_of(cc_figure_kind_names, (int)c->open->kind));
        else
            cc_buf_adds(&raw, id ? id : "-");
        break;
    }
    case COL_SUBJECT: {
        const char *id = cc_report_subject_id(run, c->subject);
        if (c->open && c->open->nnames)
            id = c->open->names[0];
        cc_buf_adds(&raw, id ? id : "-");
        break;
    }
    case COL_SCOPE:
        if (c->open && c->open->has_time && !c->open->time_yearless)
            add_open_time(&raw, c->open);
        else if (c->scope)
            cc_buf_addf(&raw, "%d", c->scope);
        else
            cc_buf_addc(&raw, '-');
        break;
    case COL_VALUE:
        if (!c->open || !add_open_value(&raw, c))
            cc_value_canonical(&c->value, &raw);
        break;
    case COL_MEASURE:
        if (c->open)
            cc_open_measure(c->open, &raw);
        if (!raw.len)
            cc_buf_addc(&raw, '-');
        break;
    default:
        cc_buf_adds(&raw, c->value_text ? c->value_text : "");
        break;
    }
    size_t w = add_clean(b, raw.data, raw.len);
    cc_buf_free(&raw);
    return w;
}

/* Pads to `width` and separates from the next column; the last column is not padded. */
static void end_cell(cc_buf *b, int col, int ncols, size_t shown, size_t width)
{
    if (col == ncols - 1) {
        cc_buf_addc(b, '\n');
        return;
    }
    add_spaces(b, width - shown + 2);
}

/* The widest cell of each column, its head included. */
static void column_widths(const cc_run *run, size_t width[NCOLS])
{
    cc_buf scratch = CC_BUF_INIT;
    for (int col = 0; col < NCOLS; col++)
        width[col] = strlen(column_heads[col]);
    for (size_t i = 0; i < run->nclaims; i++)
        for (int col = 0; col < NCOLS; col++) {
            size_t w = add_cell(&scratch, run, &run->claims[i], col);
            if (w > width[col])
                width[col] = w;
            cc_buf_reset(&scratch);
        }
    cc_buf_free(&scratch);
}

int cc_report_claims_table(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    size_t width[NCOLS];
    column_widths(run, width);
    int ncols = NCOLS - 1; /* MEASURE: open claims only */
    for (size_t i = 0; i < run->nclaims && ncols < NCOLS; i++)
        if (run->claims[i].open)
            ncols = NCOLS;
    cc_writer w;
    cc_writer_to_file(&w, out);
    cc_buf *b = w.out;
    for (int col = 0; col < ncols; col++) {
        cc_buf_adds(b, column_heads[col]);
        end_cell(b, col, ncols, strlen(column_heads[col]), width[col]);
    }
    for (size_t i = 0; i < run->nclaims; i++) {
        for (int col = 0; col < ncols; col++)
            end_cell(b, col, ncols, add_cell(b, run, &run->claims[i], col), width[col]);
        cc_writer_maybe_flush(&w);
    }
    cc_report_count(b, run->nclaims, "claim");
    cc_buf_adds(b, " in ");
    cc_report_count(b, run->ndocs, "document");
    cc_buf_addc(b, '\n');
    return cc_writer_finish(&w);
}
