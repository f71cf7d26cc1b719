/*
 * rulebook.c — loads and validates the YAML rulebook (schema: docs/rulebook.md).
 *
 * Two passes. The first reads libyaml's events into a small tree of our own, which is
 * where the input limits live: nesting depth, node count, and alias expansion (an
 * alias is a shared pointer to the anchored node, never a copy, and the nodes it would
 * add are counted, so a billion-laughs file is refused at the alias that passes the
 * cap). The second walks that tree section by section, checking each mapping against a
 * table of known keys, and fills the cc_rulebook. Every problem is collected as a
 * fatal "rulebook" diagnostic at its line and column (1-based; libyaml's are 0-based);
 * they are sorted by position at the end and the load returns NULL if there was any.
 */
#include "rulebook.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "patsyntax.h"
#include "reader.h"
#include "sha256.h"
#include "text.h"
#include "yamltree.h"

#define MAX_ERRORS 100   /* diagnostics per load; a count of the rest follows */
#define MAX_SHOWN CC_SHOWN_MAX
#define MAX_SUGGEST 64   /* code points: longer words get no "did you mean" */

/* ---- did you mean --------------------------------------------------------- */

/* Decodes UTF-8 leniently (a stray byte is one code point); SIZE_MAX when longer than max. */
static size_t decode_points(const char *s, uint32_t *out, size_t max)
{
    size_t n = 0, len = strlen(s), i = 0;
    while (i < len) {
        if (n == max)
            return SIZE_MAX;
        size_t k;
        int32_t cp = cc_utf8_decode(s + i, len - i, &k);
        if (cp < 0) {
            cp = (unsigned char)s[i];
            k = 1;
        }
        out[n++] = (uint32_t)cp;
        i += k;
    }
    return n;
}

static size_t levenshtein(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t row[MAX_SUGGEST + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

const char *cc_did_you_mean(const char *word, const char *const *cands, size_t ncands)
{
    uint32_t w[MAX_SUGGEST], c[MAX_SUGGEST];
    size_t nw = decode_points(word, w, MAX_SUGGEST);
    if (nw == SIZE_MAX || nw == 0)
        return NULL;
    const char *best = NULL;
    size_t bestd = SIZE_MAX;
    for (size_t i = 0; i < ncands; i++) {
        size_t nc = decode_points(cands[i], c, MAX_SUGGEST);
        if (nc == SIZE_MAX)
            continue;
        size_t d = levenshtein(w, nw, c, nc);
        size_t longer = nw > nc ? nw : nc;
        bool close = d <= 2 || d <= (longer + 2) / 3;
        if (d > 0 && close && d < longer && d < bestd) {
            best = cands[i];
            bestd = d;
        }
    }
    return best;
}

/* ---- the YAML tree -------------------------------------------------------- */

typedef struct loader {
    const char *path;
    cc_yaml_doc y;           /* the file's tree, with the marks of its nodes */
    cc_diags *d;
    size_t first_diag;       /* d->n when the load started */
    size_t nerr;
    cc_rulebook *rb;
    cc_strindex subject_ids; /* subject id → index, as subjects are read */
    cc_strindex field_ids;   /* field id → index */
    cc_strindex rule_ids;    /* rule id → index */
    cc_strindex qualifier_kinds; /* qualifier kind → index, the defaults' first */
    size_t npatterns;        /* patterns read so far, of every kind (CC_RULEBOOK_MAX_PATTERNS) */
} loader;

/* A user string fit for a message (cc_shown). */
static const char *shown(const char *s, char buf[MAX_SHOWN + 8])
{
    return cc_shown(s, buf);
}

/* ---- positions ------------------------------------------------------------ */

static uint64_t offset_of(loader *L, cc_mark m)
{
    size_t r = cc_yaml_offset(&L->y, m);
    return r == SIZE_MAX ? UINT64_MAX : (uint64_t)r;
}

cc_mark cc_pattern_mark_at(const cc_pattern *p, size_t offset)
{
    size_t len = strlen(p->source);
    if (offset > len)
        offset = len;
    yaml_scalar_style_t style = p->plain_scalar    ? YAML_PLAIN_SCALAR_STYLE
                                : p->quoted_single ? YAML_SINGLE_QUOTED_SCALAR_STYLE
                                                   : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    return cc_yaml_text_mark(p->mark, style, p->source, offset);
}

/* ---- diagnostics ---------------------------------------------------------- */

__attribute__((format(printf, 3, 4)))
static void error_at(loader *L, cc_mark m, const char *fmt, ...)
{
    if (++L->nerr > MAX_ERRORS)
        return;
    cc_buf msg = CC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cc_buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    cc_error_at(L->d, CC_DIAG_RULEBOOK, L->path, CC_AT(m.line, m.column, offset_of(L, m)), "%s", msg.data);
    cc_buf_free(&msg);
}

#define MAX_SUGGEST_CANDS 2000

/* cc_did_you_mean(), unless the message would not be shown anyway or the candidates
 * are too many to compare (a hostile file with 100 000 subjects). */
static const char *suggest(const loader *L, const char *word, const char *const *cands,
                           size_t n)
{
    if (L->nerr >= MAX_ERRORS || n > MAX_SUGGEST_CANDS)
        return NULL;
    return cc_did_you_mean(word, cands, n);
}

static bool same_diag(const cc_diag *a, const cc_diag *b)
{
    return a->line == b->line && a->column == b->column && strcmp(a->message, b->message) == 0;
}

/* Orders this load's diagnostics by position (stable), drops repeats (a mapping reached
 * through an alias is checked again), then notes any left out. */
static void finish_diags(loader *L)
{
    if (L->d->n <= L->first_diag)
        return; /* nothing to order (and d->v may still be NULL) */
    cc_diag *v = L->d->v + L->first_diag;
    size_t n = L->d->n - L->first_diag;
    for (size_t i = 1; i < n; i++) {
        cc_diag x = v[i];
        size_t j = i;
        for (; j > 0 && (v[j - 1].line > x.line ||
                         (v[j - 1].line == x.line && v[j - 1].column > x.column));
             j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept && same_diag(&v[kept - 1], &v[i])) {
            free(v[i].path);
            free(v[i].message);
            continue;
        }
        v[kept++] = v[i];
    }
    L->d->n = L->first_diag + kept;
    if (L->nerr > MAX_ERRORS)
        cc_error(L->d, CC_DIAG_RULEBOOK, L->path, "too many errors: %zu more not shown", L->nerr - MAX_ERRORS);
}

/* ---- reading values ------------------------------------------------------- */

static bool is_null(const cc_yaml_node *n)
{
    return cc_yaml_is_null(n);
}

static const char *kind_desc(const cc_yaml_node *n)
{
    switch (n->kind) {
    case CC_YAML_MAP: return "a mapping";
    case CC_YAML_SEQ: return "a list";
    case CC_YAML_SCALAR: break;
    }
    return is_null(n) ? "nothing" : "a string";
}

static bool is_scalar(const cc_yaml_node *n)
{
    return n->kind == CC_YAML_SCALAR && !is_null(n);
}

static bool key_is(const cc_yaml_node *k, const char *name)
{
    return k->kind == CC_YAML_SCALAR && strlen(name) == k->len && strcmp(k->text, name) == 0;
}

/* The value of the first `key` in a mapping, or NULL. */
static const cc_yaml_node *map_get(const cc_yaml_node *map, const char *key)
{
    for (size_t i = 0; i + 1 < map->nkids; i += 2)
        if (key_is(map->kids[i], key))
            return map->kids[i + 1];
    return NULL;
}

static bool is_name_key(const cc_yaml_node *k)
{
    return is_scalar(k) && !memchr(k->text, 0, k->len);
}

/* The key node of a mapping's pair i (an index into kids) when an earlier pair has
 * the same key, or NULL. */
static const cc_yaml_node *earlier_key(const cc_yaml_node *map, size_t i)
{
    cc_yaml_node *m = (cc_yaml_node *)map; /* the cache is not part of the node's value */
    if (!m->first) {
        cc_strindex seen = {0};
        m->first = cc_xcalloc(m->nkids / 2 + 1, sizeof *m->first);
        for (size_t j = 0; j + 1 < m->nkids; j += 2) {
            const cc_yaml_node *k = m->kids[j];
            m->first[j / 2] = is_name_key(k) ? cc_strindex_put(&seen, k->text, k->len, j / 2, false)
                                             : SIZE_MAX;
        }
        cc_strindex_free(&seen);
    }
    size_t f = m->first[i / 2];
    return f != SIZE_MAX && f != i / 2 ? m->kids[2 * f] : NULL;
}

/*
 * Checks every key of a mapping: a name, not repeated, and (when `known` is given)
 * one of `known`. `where` completes the message ("in field 'x'"). Callers skip the
 * pairs it complained about with pair_ok().
 */
static void check_keys(loader *L, const cc_yaml_node *map, const char *const *known, size_t nknown,
                       const char *where)
{
    char b[MAX_SHOWN + 8];
    for (size_t i = 0; i + 1 < map->nkids; i += 2) {
        const cc_yaml_node *k = map->kids[i];
        if (!is_name_key(k)) {
            error_at(L, k->mark, "expected a name as a key %s, found %s", where, kind_desc(k));
            continue;
        }
        const cc_yaml_node *first = earlier_key(map, i);
        if (first) {
            error_at(L, k->mark, "duplicate key '%s' %s (first at %u:%u)", shown(k->text, b),
                     where, first->mark.line, first->mark.column);
            continue;
        }
        if (!known)
            continue;
        bool found = false;
        for (size_t j = 0; j < nknown && !found; j++)
            found = strcmp(k->text, known[j]) == 0;
        if (found)
            continue;
        const char *hint = suggest(L, k->text, known, nknown);
        if (hint)
            error_at(L, k->mark, "unknown key '%s' %s; did you mean '%s'?", shown(k->text, b),
                     where, hint);
        else
            error_at(L, k->mark, "unknown key '%s' %s", shown(k->text, b), where);
    }
}

/* True when pair i of a mapping has a usable key (checked by check_keys). */
static bool pair_ok(const cc_yaml_node *map, size_t i)
{
    const cc_yaml_node *k = map->kids[i];
    return is_name_key(k) && !earlier_key(map, i);
}

/* True when v is of `kind`; else "expected WHAT for 'KEY', found ..." and false. */
static bool expect_kind(loader *L, const cc_yaml_node *v, cc_yaml_kind kind, const char *what,
                        const char *key)
{
    if (v->kind == kind)
        return true;
    error_at(L, v->mark, "expected %s for '%s', found %s", what, key, kind_desc(v));
    return false;
}

static bool expect_map(loader *L, const cc_yaml_node *v, const char *what, const char *key)
{
    return expect_kind(L, v, CC_YAML_MAP, what, key);
}

static bool expect_list(loader *L, const cc_yaml_node *v, const char *what, const char *key)
{
    return expect_kind(L, v, CC_YAML_SEQ, what, key);
}

/* A section that maps ids to definitions ('subjects', 'qualifiers', 'fields'): a mapping
 * whose keys are names, each written once. False after a diagnostic. */
static bool expect_id_map(loader *L, const cc_yaml_node *v, const char *what, const char *section)
{
    if (!expect_map(L, v, what, section))
        return false;
    char where[32];
    snprintf(where, sizeof where, "in '%s'", section);
    check_keys(L, v, NULL, 0, where);
    return true;
}

/* Loads one pair of a mapping: its key and its value. */
typedef void pair_loader(loader *L, const cc_yaml_node *key, const cc_yaml_node *v);

/* Calls load_one for each pair whose key check_keys() accepted, in order. */
static void load_pairs(loader *L, const cc_yaml_node *map, pair_loader *load_one)
{
    for (size_t i = 0; i + 1 < map->nkids; i += 2)
        if (pair_ok(map, i))
            load_one(L, map->kids[i], map->kids[i + 1]);
}

/* A string value, owned by the caller, or NULL after a diagnostic. */
static char *get_string(loader *L, const cc_yaml_node *v, const char *key)
{
    if (!is_scalar(v)) {
        error_at(L, v->mark, "expected a string for '%s', found %s", key, kind_desc(v));
        return NULL;
    }
    if (memchr(v->text, 0, v->len)) {
        error_at(L, v->mark, "'%s' contains a NUL character", key);
        return NULL;
    }
    return cc_xstrdup(v->text);
}

static void set_string(loader *L, const cc_yaml_node *map, const char *key, char **out)
{
    const cc_yaml_node *v = map_get(map, key);
    if (v)
        *out = get_string(L, v, key);
}

static bool ascii_ieq(const char *a, size_t n, const char *b)
{
    if (strlen(b) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if ((x >= 'A' && x <= 'Z' ? x + 32 : x) != y)
            return false;
    }
    return true;
}

/*
 * A decimal number as YAML writes it ("0.95", "-2", "1e3", "-.inf", "inf"), without the
 * locale-dependent strtod. -1 when the text is not one.
 */
static int parse_double(const char *s, size_t n, double *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    if (ascii_ieq(s + i, n - i, "inf") || ascii_ieq(s + i, n - i, ".inf") ||
        ascii_ieq(s + i, n - i, "infinity")) {
        *out = neg ? -INFINITY : INFINITY;
        return 0;
    }
    double v = 0;
    int exp10 = 0;
    size_t digits = 0;
    for (; i < n && cc_is_digit((unsigned char)s[i]); i++, digits++)
        v = v * 10 + (s[i] - '0');
    if (i < n && s[i] == '.')
        for (i++; i < n && cc_is_digit((unsigned char)s[i]); i++, digits++, exp10--)
            v = v * 10 + (s[i] - '0');
    if (!digits || digits > 40)
        return -1;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = i < n && s[i] == '-';
        if (i < n && (s[i] == '-' || s[i] == '+'))
            i++;
        uint64_t e;
        if (cc_parse_uint(s + i, n - i, 400, &e) < 0)
            return -1;
        exp10 += eneg ? -(int)e : (int)e;
        i = n;
    }
    if (i != n)
        return -1;
    double p = 1;
    for (int k = 0; k < (exp10 < 0 ? -exp10 : exp10); k++)
        p *= 10;
    v = exp10 < 0 ? v / p : v * p;
    if (!isfinite(v))
        return -1;
    *out = neg ? -v : v;
    return 0;
}

/* A whole number in [min, max]; -1 when not. */
static int parse_int(const char *s, size_t n, long long min, long long max, long long *out)
{
    bool neg = n > 0 && s[0] == '-';
    size_t skip = n > 0 && (s[0] == '-' || s[0] == '+');
    uint64_t u;
    if (cc_parse_uint(s + skip, n - skip, (uint64_t)1 << 62, &u) < 0)
        return -1;
    long long v = neg ? -(long long)u : (long long)u;
    if (v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* A whole number in [min, max]; else the error `expects` at v, and false. */
static bool get_int(loader *L, const cc_yaml_node *v, long long min, long long max,
                    const char *expects, long long *out)
{
    if (is_scalar(v) && parse_int(v->text, v->len, min, max, out) == 0)
        return true;
    error_at(L, v->mark, "%s", expects);
    return false;
}

static int parse_bool(const char *s, size_t n, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
    for (size_t i = 0; i < 3; i++) {
        if (ascii_ieq(s, n, yes[i])) {
            *out = true;
            return 0;
        }
        if (ascii_ieq(s, n, no[i])) {
            *out = false;
            return 0;
        }
    }
    return -1;
}

/* NFC, lowercase: how qualifier words are compared with the text. */
static char *nfc_lower(const char *s)
{
    utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)s);
    const char *src = nfc ? (const char *)nfc : s;
    cc_buf b = CC_BUF_INIT;
    cc_lowercase(src, strlen(src), &b);
    free(nfc);
    return cc_buf_detach(&b);
}

/* ---- patterns --------------------------------------------------------------- */

static bool is_name_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_name_char(char c)
{
    return is_name_start(c) || cc_is_digit((unsigned char)c) || c == '-';
}

/* One slot that cannot capture, with a suggestion for a misspelt name. */
static void report_slot(loader *L, const cc_yaml_node *v, const cc_slot_use *u)
{
    cc_buf msg = CC_BUF_INIT;
    cc_slot_problem_message(v->text, u, NULL, &msg);
    if (u->problem == CC_SLOT_UNKNOWN) {
        char word[MAX_SHOWN + 1];
        size_t n = u->end - u->start - 2;
        n = n < MAX_SHOWN ? n : MAX_SHOWN;
        memcpy(word, v->text + u->start + 1, n);
        word[n] = '\0';
        const char *hint = suggest(L, word, cc_slot_names.names, cc_slot_names.n);
        if (hint)
            cc_buf_addf(&msg, "; did you mean '{%s}'?", hint);
    }
    error_at(L, cc_yaml_scalar_mark_at(&L->y, v, u->start), "%s", msg.data);
    cc_buf_free(&msg);
}

/*
 * Reports every `{name}` of a pattern that cannot become a capturing slot: an unknown
 * name, a slot inside \Q...\E or a class, one slot too many. The pattern lexer decides
 * what is a slot, for this check and for the compiler alike (patsyntax.h).
 */
static void check_slots(loader *L, const cc_yaml_node *v)
{
    cc_slot_scan sc;
    cc_slot_use u;
    cc_slot_scan_init(&sc, v->text, v->len);
    while (cc_slot_scan_next(&sc, &u))
        if (u.problem != CC_SLOT_OK)
            report_slot(L, v, &u);
}

/* True when the pattern has a named group `name`, or the slot {name}. */
static bool has_capture(const char *src, const char *name)
{
    char forms[4][24];
    snprintf(forms[0], sizeof forms[0], "(?<%s>", name);
    snprintf(forms[1], sizeof forms[1], "(?'%s'", name);
    snprintf(forms[2], sizeof forms[2], "(?P<%s>", name);
    snprintf(forms[3], sizeof forms[3], "{%s}", name);
    for (int i = 0; i < 4; i++)
        if (strstr(src, forms[i]))
            return true;
    return false;
}

static bool pattern_from_scalar(loader *L, const cc_yaml_node *v, const char *key, cc_pattern *p)
{
    char *src = get_string(L, v, key);
    if (!src)
        return false;
    if (!*src) {
        error_at(L, v->mark, "empty pattern in '%s'", key);
        free(src);
        return false;
    }
    p->source = src;
    p->mark = v->mark;
    p->plain_scalar = v->style == YAML_PLAIN_SCALAR_STYLE;
    p->quoted_single = v->style == YAML_SINGLE_QUOTED_SCALAR_STYLE;
    p->sign = 1;
    p->compiled = NULL;
    check_slots(L, v);
    return true;
}

/* `{match: regex, sign: -1}` */
static bool pattern_from_map(loader *L, const cc_yaml_node *m, cc_pattern *p)
{
    static const char *const keys[] = {"match", "sign"};
    check_keys(L, m, keys, 2, "in a pattern");
    const cc_yaml_node *match = map_get(m, "match"), *sign = map_get(m, "sign");
    if (!match) {
        error_at(L, m->mark, "pattern has no 'match'");
        return false;
    }
    if (!pattern_from_scalar(L, match, "match", p))
        return false;
    long long sg;
    if (sign && (!is_scalar(sign) || parse_int(sign->text, sign->len, -1, 1, &sg) < 0 ||
                 sg == 0))
        error_at(L, sign->mark, "'sign' expects 1 or -1");
    else if (sign)
        p->sign = (int)sg;
    return true;
}

/* Counts one more pattern; false past CC_RULEBOOK_MAX_PATTERNS (said once, at the first
 * pattern over: each compiled pattern costs memory and time however it is written). */
static bool count_pattern(loader *L, cc_mark m)
{
    if (L->npatterns++ < CC_RULEBOOK_MAX_PATTERNS)
        return true;
    if (L->npatterns == CC_RULEBOOK_MAX_PATTERNS + 1)
        error_at(L, m, "the rulebook has more than %u patterns (of fields, scopes, contexts "
                 "and the document); split it into rulebooks of one story each",
                 CC_RULEBOOK_MAX_PATTERNS);
    return false;
}

/*
 * A list of patterns for `key`. With `signs`, items may be {match, sign} mappings.
 * `capture` names a group every pattern must have ("year", "date"), or NULL.
 */
static void get_patterns(loader *L, const cc_yaml_node *v, const char *key, bool signs,
                         const char *capture, cc_pattern **out, size_t *n)
{
    if (!expect_list(L, v, "a list of strings", key))
        return;
    *out = cc_xcalloc(v->nkids, sizeof **out);
    for (size_t i = 0; i < v->nkids; i++) {
        const cc_yaml_node *item = v->kids[i];
        if (!count_pattern(L, item->mark))
            break;
        cc_pattern *p = &(*out)[*n];
        bool ok;
        if (item->kind == CC_YAML_MAP && signs) {
            ok = pattern_from_map(L, item, p);
        } else if (item->kind == CC_YAML_SCALAR) {
            ok = pattern_from_scalar(L, item, key, p);
        } else {
            error_at(L, item->mark, "expected a string%s in '%s', found %s",
                     signs ? " or {match: ..., sign: -1}" : "", key, kind_desc(item));
            ok = false;
        }
        if (!ok)
            continue;
        (*n)++;
        if (capture && !has_capture(p->source, capture))
            error_at(L, p->mark, "pattern in '%s' has no (?<%s>...) capture", key, capture);
    }
}

/* ---- sections ------------------------------------------------------------- */

/* "unknown severity 'x'; expected ...; did you mean 'y'?" for a word not in `names`. */
static void unknown_word(loader *L, cc_mark m, const char *what, const char *word,
                         cc_names names, const char *expected)
{
    char b[MAX_SHOWN + 8];
    const char *hint = suggest(L, word, names.names, names.n);
    error_at(L, m, "unknown %s '%s'; expected %s%s%s%s", what, shown(word, b), expected,
             hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
}

static bool get_severity(loader *L, const cc_yaml_node *v, cc_severity *out)
{
    char *s = get_string(L, v, "severity");
    if (!s)
        return false;
    bool ok = cc_severity_parse(s, out) == 0;
    if (!ok) /* worst first, as docs/rulebook.md lists them */
        unknown_word(L, v->mark, "severity", s, cc_severity_names, "error, warning or info");
    free(s);
    return ok;
}

/* document.relative-years: words that name a year by its distance from the document's
 * year ("năm ngoái: -1"), for sentence and paragraph scopes. */
static void load_relative_years(loader *L, const cc_yaml_node *v)
{
    if (!expect_map(L, v, "a mapping of words to year offsets", "relative-years"))
        return;
    cc_rulebook *rb = L->rb;
    rb->relative_words = cc_xcalloc(v->nkids / 2 + 1, sizeof *rb->relative_words);
    rb->relative_offsets = cc_xcalloc(v->nkids / 2 + 1, sizeof *rb->relative_offsets);
    for (size_t i = 0; i + 1 < v->nkids; i += 2) {
        const cc_yaml_node *k = v->kids[i], *val = v->kids[i + 1];
        long long off;
        if (k->kind != CC_YAML_SCALAR || !k->len) {
            error_at(L, k->mark, "expected words as a key of 'relative-years'");
            continue;
        }
        if (val->kind != CC_YAML_SCALAR || parse_int(val->text, val->len, -10, 10, &off) < 0) {
            error_at(L, val->mark, "expected a whole number of years from -10 to 10 for '%s' "
                     "in 'relative-years'", k->text);
            continue;
        }
        cc_buf lower = CC_BUF_INIT; /* matched against the lowercased line */
        cc_lowercase(k->text, k->len, &lower);
        rb->relative_words[rb->nrelative] = cc_buf_detach(&lower);
        rb->relative_offsets[rb->nrelative++] = (int)off;
    }
}

static void load_document(loader *L, const cc_yaml_node *v)
{
    static const char *const keys[] = {"date-patterns", "skip", "require", "relative-years"};
    if (!expect_map(L, v, "a mapping", "document"))
        return;
    check_keys(L, v, keys, 4, "in 'document'");
    const cc_yaml_node *rel = map_get(v, "relative-years");
    if (rel)
        load_relative_years(L, rel);
    const cc_yaml_node *req = map_get(v, "require");
    if (req)
        get_patterns(L, req, "require", false, NULL, &L->rb->require, &L->rb->nrequire);
    const cc_yaml_node *dp = map_get(v, "date-patterns"), *skip = map_get(v, "skip");
    if (dp)
        get_patterns(L, dp, "date-patterns", false, "date", &L->rb->date_patterns,
                     &L->rb->ndate_patterns);
    if (skip)
        get_patterns(L, skip, "skip", false, NULL, &L->rb->skip, &L->rb->nskip);
}

static void load_defaults(loader *L, const cc_yaml_node *v)
{
    static const char *const keys[] = {"severity"};
    if (!expect_map(L, v, "a mapping", "defaults"))
        return;
    check_keys(L, v, keys, 1, "in 'defaults'");
    const cc_yaml_node *sev = map_get(v, "severity");
    if (sev)
        get_severity(L, sev, &L->rb->default_severity);
}

static bool has_alias(const cc_subject *s, const char *a)
{
    for (size_t i = 0; i < s->naliases; i++)
        if (strcmp(s->aliases[i], a) == 0)
            return true;
    return false;
}

static void load_subject_body(loader *L, const cc_yaml_node *v, cc_subject *s)
{
    static const char *const keys[] = {"name", "aliases"};
    char b[MAX_SHOWN + 8], where[MAX_SHOWN + 32];
    snprintf(where, sizeof where, "in subject '%s'", shown(s->id, b));
    check_keys(L, v, keys, 2, where);
    set_string(L, v, "name", &s->name);
    const cc_yaml_node *al = map_get(v, "aliases");
    if (!al)
        return;
    if (!expect_list(L, al, "a list of strings", "aliases"))
        return;
    s->aliases = cc_xcalloc(al->nkids + 1, sizeof *s->aliases);
    cc_strindex seen = {0};
    for (size_t i = 0; i < al->nkids; i++) {
        char *a = get_string(L, al->kids[i], "aliases");
        if (a && !*a) {
            error_at(L, al->kids[i]->mark, "empty alias in subject '%s'", shown(s->id, b));
            free(a);
            a = NULL;
        }
        if (a && cc_strindex_put(&seen, a, strlen(a), s->naliases, false) != s->naliases)
            free(a); /* written twice: once is enough */
        else if (a)
            s->aliases[s->naliases++] = a;
    }
    cc_strindex_free(&seen);
}

/* The name is always an alias (first when it was not written among them). */
static void finish_subject(cc_subject *s)
{
    if (!s->name)
        s->name = cc_xstrdup(s->id);
    if (!has_alias(s, s->name)) {
        s->aliases = cc_xrealloc(s->aliases, (s->naliases + 1) * sizeof *s->aliases);
        memmove(s->aliases + 1, s->aliases, s->naliases * sizeof *s->aliases);
        s->aliases[0] = cc_xstrdup(s->name);
        s->naliases++;
    }
    s->folded = cc_xcalloc(s->naliases, sizeof *s->folded);
    for (size_t i = 0; i < s->naliases; i++) {
        cc_buf f = CC_BUF_INIT;
        cc_fold(s->aliases[i], strlen(s->aliases[i]), &f);
        s->folded[i] = cc_buf_detach(&f);
    }
}

/* One subject: its id is known from here on, even when its body has errors. */
static void load_subject(loader *L, const cc_yaml_node *key, const cc_yaml_node *v)
{
    cc_rulebook *rb = L->rb;
    cc_subject *s = &rb->subjects[rb->nsubjects];
    s->id = cc_xstrdup(key->text);
    cc_strindex_put(&L->subject_ids, s->id, key->len, rb->nsubjects++, false);
    s->mark = key->mark;
    if (v->kind == CC_YAML_MAP) {
        load_subject_body(L, v, s);
    } else if (!is_null(v)) {
        char b[MAX_SHOWN + 8];
        error_at(L, v->mark, "expected a mapping like {name: ..., aliases: [...]} for "
                 "subject '%s', found %s", shown(s->id, b), kind_desc(v));
    }
    finish_subject(s);
}

static void load_subjects(loader *L, const cc_yaml_node *v)
{
    if (!expect_id_map(L, v, "a mapping of subject ids", "subjects"))
        return;
    L->rb->subjects = cc_xcalloc(v->nkids / 2 + 1, sizeof *L->rb->subjects);
    load_pairs(L, v, load_subject);
}

static const char *const qualifier_keys[] = {"words", "lo", "hi"};

static void get_factor(loader *L, const cc_yaml_node *q, const char *key, double *out)
{
    const cc_yaml_node *v = map_get(q, key);
    if (!v)
        return;
    if (!is_scalar(v) || parse_double(v->text, v->len, out) < 0)
        error_at(L, v->mark, "'%s' expects a number like 0.95, or -inf or inf", key);
}

/* One qualifier kind: a new one, or new words and factors for a default. */
static void load_qualifier(loader *L, const cc_yaml_node *key, const cc_yaml_node *v)
{
    cc_strindex *kinds = &L->qualifier_kinds;
    char b[MAX_SHOWN + 8], where[MAX_SHOWN + 32];
    snprintf(where, sizeof where, "in qualifier '%s'", shown(key->text, b));
    if (v->kind != CC_YAML_MAP) {
        error_at(L, v->mark, "expected a mapping like {words: [...], lo: 0.95, hi: 1.05} for "
                 "qualifier '%s', found %s", shown(key->text, b), kind_desc(v));
        return;
    }
    check_keys(L, v, qualifier_keys, 3, where);
    cc_qualifiers *qs = &L->rb->qualifiers;
    size_t k = cc_strindex_get(kinds, key->text, key->len);
    if (k == SIZE_MAX)
        k = qs->n;
    double lo = k < qs->n ? qs->v[k].lo : 1, hi = k < qs->n ? qs->v[k].hi : 1;
    get_factor(L, v, "lo", &lo);
    get_factor(L, v, "hi", &hi);
    if (lo > hi)
        error_at(L, v->mark, "'lo' (%g) is greater than 'hi' (%g) %s", lo, hi, where);
    const cc_yaml_node *words = map_get(v, "words");
    if (!words) {
        error_at(L, key->mark, "qualifier '%s' has no 'words'", shown(key->text, b));
        return;
    }
    if (!expect_list(L, words, "a list of strings", "words"))
        return;
    if (k == qs->n) {
        qs->v = cc_xrealloc(qs->v, (qs->n + 1) * sizeof *qs->v);
        memset(&qs->v[k], 0, sizeof qs->v[k]);
        qs->v[k].kind = cc_xstrdup(key->text);
        qs->n++;
        cc_strindex_put(kinds, qs->v[k].kind, key->len, k, false);
    }
    cc_qualifier *q = &qs->v[k];
    for (size_t i = 0; i < q->nwords; i++)
        free(q->words[i]);
    free(q->words);
    q->words = cc_xcalloc(words->nkids + 1, sizeof *q->words);
    q->nwords = 0;
    q->lo = lo;
    q->hi = hi;
    for (size_t i = 0; i < words->nkids; i++) {
        char *w = get_string(L, words->kids[i], "words");
        if (w && !*w)
            error_at(L, words->kids[i]->mark, "empty word %s", where);
        if (w && *w)
            q->words[q->nwords++] = nfc_lower(w);
        free(w);
    }
}

static void load_qualifiers(loader *L, const cc_yaml_node *v)
{
    if (!expect_id_map(L, v, "a mapping of qualifier kinds", "qualifiers"))
        return;
    const cc_qualifiers *qs = &L->rb->qualifiers;
    for (size_t k = 0; k < qs->n; k++)
        cc_strindex_put(&L->qualifier_kinds, qs->v[k].kind, strlen(qs->v[k].kind), k, false);
    load_pairs(L, v, load_qualifier);
}

/* A subject id known to the rulebook, with "did you mean" when not; -1 after an error. */
static int subject_ref(loader *L, const cc_yaml_node *v, const char *key, const char *owner)
{
    char *id = get_string(L, v, key);
    if (!id)
        return -1;
    size_t found = cc_strindex_get(&L->subject_ids, id, strlen(id));
    int k = found == SIZE_MAX ? -1 : (int)found;
    if (k < 0) {
        const char **ids = cc_xcalloc(L->rb->nsubjects + 1, sizeof *ids);
        for (size_t i = 0; i < L->rb->nsubjects; i++)
            ids[i] = L->rb->subjects[i].id;
        const char *hint = suggest(L, id, ids, L->rb->nsubjects);
        char b[MAX_SHOWN + 8];
        error_at(L, v->mark, "unknown subject '%s' %s%s%s%s", shown(id, b), owner,
                 hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
        free(ids);
    }
    free(id);
    return k;
}

static void load_field_subject(loader *L, const cc_yaml_node *v, cc_field *f, const char *where)
{
    if (v->kind == CC_YAML_SCALAR) {
        f->subject = subject_ref(L, v, "subject", where);
        return;
    }
    if (!expect_map(L, v, "a subject id or {from: sentence, among: [...]}", "subject"))
        return;
    static const char *const keys[] = {"from", "among", "else"};
    check_keys(L, v, keys, 3, "in 'subject'");
    const cc_yaml_node *from = map_get(v, "from"), *among = map_get(v, "among"),
                       *fallback = map_get(v, "else");
    if (fallback)
        f->subject_else = subject_ref(L, fallback, "else", where);
    char *s = from ? get_string(L, from, "from") : NULL;
    if (!from)
        error_at(L, v->mark, "'subject' has no 'from'; write {from: sentence}");
    else if (s && strcmp(s, "sentence") != 0) {
        char b[MAX_SHOWN + 8];
        error_at(L, from->mark, "unknown subject source '%s'; expected sentence", shown(s, b));
    }
    free(s);
    if (!among)
        return;
    if (!expect_list(L, among, "a list of subject ids", "among"))
        return;
    f->among = cc_xcalloc(among->nkids + 1, sizeof *f->among);
    for (size_t i = 0; i < among->nkids; i++) {
        int k = subject_ref(L, among->kids[i], "among", where);
        if (k >= 0)
            f->among[f->namong++] = k;
    }
}

static const char *const SCOPE_NAMES[] = {
    [CC_SCOPE_DOCUMENT_YEAR] = "document-year",
    [CC_SCOPE_SENTENCE_YEAR] = "sentence-year",
    [CC_SCOPE_PARAGRAPH_YEAR] = "paragraph-year",
    [CC_SCOPE_EVENT] = "event",
};
static const cc_names scope_names = CC_NAMES(SCOPE_NAMES);

static bool scope_kind(loader *L, const cc_yaml_node *v, const char *key, cc_scope_kind *out)
{
    char *s = get_string(L, v, key);
    if (!s)
        return false;
    int k = cc_name_find(scope_names, s);
    if (k >= 0) {
        *out = (cc_scope_kind)k;
        free(s);
        return true;
    }
    cc_buf expected = CC_BUF_INIT;
    for (size_t i = 0; i < scope_names.n; i++) /* "a, b, c or {patterns...}" */
        cc_buf_addf(&expected, "%s%s", i ? ", " : "", scope_names.names[i]);
    cc_buf_adds(&expected, " or {patterns: [...], else: ...}");
    unknown_word(L, v->mark, "scope", s, scope_names, expected.data);
    cc_buf_free(&expected);
    free(s);
    return false;
}

static void load_field_scope(loader *L, const cc_yaml_node *v, cc_field *f)
{
    if (v->kind == CC_YAML_SCALAR) {
        scope_kind(L, v, "scope", &f->scope);
        return;
    }
    if (!expect_map(L, v, "a scope name or {patterns: [...], else: ...}", "scope"))
        return;
    static const char *const keys[] = {"patterns", "else"};
    check_keys(L, v, keys, 2, "in 'scope'");
    f->scope = CC_SCOPE_PATTERNS;
    f->scope_else = CC_SCOPE_DOCUMENT_YEAR;
    const cc_yaml_node *pats = map_get(v, "patterns"), *els = map_get(v, "else");
    if (!pats)
        error_at(L, v->mark, "'scope' has no 'patterns'");
    else
        get_patterns(L, pats, "patterns", false, "year", &f->scope_patterns,
                     &f->nscope_patterns);
    if (pats && pats->kind == CC_YAML_SEQ && pats->nkids == 0)
        error_at(L, pats->mark, "'patterns' of 'scope' is empty; give at least one pattern");
    if (els)
        scope_kind(L, els, "else", &f->scope_else);
}

static void get_bound(loader *L, const cc_yaml_node *field, const char *key, bool *has, double *out)
{
    const cc_yaml_node *v = map_get(field, key);
    if (!v)
        return;
    if (!is_scalar(v) || parse_double(v->text, v->len, out) < 0) {
        error_at(L, v->mark, "'%s' expects a number", key);
        return;
    }
    *has = true;
}

static void load_example(loader *L, const cc_yaml_node *v, cc_example *ex)
{
    static const char *const keys[] = {"text", "value", "none", "subject", "scope"};
    ex->mark = v->mark;
    check_keys(L, v, keys, 5, "in an example");
    const cc_yaml_node *text = map_get(v, "text"), *value = map_get(v, "value"),
                       *none = map_get(v, "none"), *subject = map_get(v, "subject"),
                       *scope = map_get(v, "scope");
    if (!text)
        error_at(L, v->mark, "example has no 'text'");
    else
        ex->text = get_string(L, text, "text");
    if (value)
        ex->value = get_string(L, value, "value");
    if (none && (!is_scalar(none) || parse_bool(none->text, none->len, &ex->none) < 0))
        error_at(L, none->mark, "'none' expects true or false");
    if (ex->none && value)
        error_at(L, v->mark, "example has both 'value' and 'none: true'; give one");
    else if (!ex->none && !value)
        error_at(L, v->mark, "example has neither 'value' nor 'none: true'");
    if (subject) {
        int k = subject_ref(L, subject, "subject", "in an example");
        if (k >= 0)
            ex->subject = cc_xstrdup(L->rb->subjects[k].id);
    }
    long long year;
    if (scope && get_int(L, scope, 1, 9999, "'scope' of an example expects a year like 2019",
                         &year))
        ex->scope = (int)year;
}

static void load_examples(loader *L, const cc_yaml_node *v, cc_field *f)
{
    if (!expect_list(L, v, "a list of examples", "examples"))
        return;
    f->examples = cc_xcalloc(v->nkids + 1, sizeof *f->examples);
    for (size_t i = 0; i < v->nkids; i++) {
        const cc_yaml_node *item = v->kids[i];
        if (item->kind != CC_YAML_MAP) {
            error_at(L, item->mark, "expected an example like {text: ..., value: ...} in "
                     "'examples', found %s", kind_desc(item));
            continue;
        }
        load_example(L, item, &f->examples[f->nexamples++]);
    }
}

/* Field ids are the FIELD token of derived expressions. */
static bool valid_field_id(const char *s)
{
    if (!is_name_start(s[0]))
        return false;
    for (size_t i = 1; s[i]; i++)
        if (!is_name_char(s[i]) && s[i] != '.')
            return false;
    return true;
}

static void load_field_type(loader *L, const cc_yaml_node *key, const cc_yaml_node *v, cc_field *f)
{
    char b[MAX_SHOWN + 8];
    const cc_yaml_node *t = map_get(v, "type");
    if (!t) {
        error_at(L, key->mark, "field '%s' has no 'type'", shown(f->id, b));
        return;
    }
    char *s = get_string(L, t, "type");
    if (s && cc_type_parse(s, &f->type) < 0) {
        cc_buf expected = CC_BUF_INIT;
        cc_names_choice(&expected, cc_type_names, 0);
        unknown_word(L, t->mark, "type", s, cc_type_names, expected.data);
        cc_buf_free(&expected);
    }
    free(s);
}

static void load_field(loader *L, const cc_yaml_node *key, const cc_yaml_node *v, cc_field *f)
{
    static const char *const keys[] = {"type",     "description", "subject", "scope",
                                       "patterns", "min",         "max",     "examples",
                                       "context"};
    char b[MAX_SHOWN + 8], where[MAX_SHOWN + 32];
    f->id = cc_xstrdup(key->text);
    f->mark = key->mark;
    f->subject = -1;
    f->subject_else = -1;
    f->rule = -1;
    snprintf(where, sizeof where, "in field '%s'", shown(f->id, b));
    if (!valid_field_id(f->id))
        error_at(L, key->mark, "field id '%s' is not a name: use letters, digits, '_', '.' "
                 "and '-', starting with a letter or '_'", shown(f->id, b));
    if (v->kind != CC_YAML_MAP) {
        error_at(L, v->mark, "expected a mapping for field '%s', found %s", shown(f->id, b),
                 kind_desc(v));
        return;
    }
    check_keys(L, v, keys, sizeof keys / sizeof keys[0], where);
    load_field_type(L, key, v, f);
    set_string(L, v, "description", &f->description);
    const cc_yaml_node *subject = map_get(v, "subject"), *scope = map_get(v, "scope"),
                       *patterns = map_get(v, "patterns"), *examples = map_get(v, "examples");
    if (subject)
        load_field_subject(L, subject, f, where);
    if (scope)
        load_field_scope(L, scope, f);
    if (!patterns)
        error_at(L, key->mark, "field '%s' has no 'patterns'", shown(f->id, b));
    else
        get_patterns(L, patterns, "patterns", true, NULL, &f->patterns, &f->npatterns);
    if (patterns && patterns->kind == CC_YAML_SEQ && patterns->nkids == 0)
        error_at(L, patterns->mark, "'patterns' of field '%s' is empty; give at least one "
                 "pattern", shown(f->id, b));
    if (f->type == CC_TYPE_PERCENT) {
        f->has_min = f->has_max = true;
        f->min = 0;
        f->max = 100;
    }
    get_bound(L, v, "min", &f->has_min, &f->min);
    get_bound(L, v, "max", &f->has_max, &f->max);
    if ((map_get(v, "min") || map_get(v, "max")) &&
        (f->type == CC_TYPE_DATE || f->type == CC_TYPE_PERIOD))
        error_at(L, key->mark, "'min' and 'max' apply to number, percent, money and rank "
                 "fields, not to field '%s'", shown(f->id, b));
    else if (f->has_min && f->has_max && f->min > f->max)
        error_at(L, key->mark, "'min' (%g) is greater than 'max' (%g) in field '%s'", f->min,
                 f->max, shown(f->id, b));
    if (examples)
        load_examples(L, examples, f);
    const cc_yaml_node *context = map_get(v, "context");
    if (context)
        get_patterns(L, context, "context", false, NULL, &f->context, &f->ncontext);
}

/* One field; its id is known to the fields and rules after it. */
static void add_field(loader *L, const cc_yaml_node *key, const cc_yaml_node *v)
{
    cc_rulebook *rb = L->rb;
    cc_field *f = &rb->fields[rb->nfields];
    load_field(L, key, v, f);
    cc_strindex_put(&L->field_ids, f->id, key->len, rb->nfields++, false);
}

static void load_fields(loader *L, const cc_yaml_node *v)
{
    if (!expect_id_map(L, v, "a mapping of field ids", "fields"))
        return;
    L->rb->fields = cc_xcalloc(v->nkids / 2 + 1, sizeof *L->rb->fields);
    load_pairs(L, v, add_field);
}

/* "did you mean" over the field ids, as a message tail ("" when nothing is close). */
static void field_hint(const loader *L, const char *id, cc_buf *out)
{
    if (L->nerr >= MAX_ERRORS || L->rb->nfields > MAX_SUGGEST_CANDS)
        return;
    const char **ids = cc_xcalloc(L->rb->nfields + 1, sizeof *ids);
    for (size_t i = 0; i < L->rb->nfields; i++)
        ids[i] = L->rb->fields[i].id;
    const char *hint = suggest(L, id, ids, L->rb->nfields);
    if (hint)
        cc_buf_addf(out, "; did you mean '%s'?", hint);
    free(ids);
}

static void check_derived_ref(loader *L, const cc_yaml_node *v, const cc_expr_ref *ref,
                              const char *rule_id)
{
    char b[MAX_SHOWN + 8], b2[MAX_SHOWN + 8];
    size_t found = cc_strindex_get(&L->field_ids, ref->id, strlen(ref->id));
    cc_type t = found == SIZE_MAX ? CC_TYPE_NUMBER : L->rb->fields[found].type;
    bool fits = found != SIZE_MAX && ref->in_days == (t == CC_TYPE_PERIOD) && t != CC_TYPE_DATE;
    if (fits)
        return;
    cc_mark m = cc_yaml_scalar_mark_at(&L->y, v, ref->offset);
    if (found == SIZE_MAX) {
        cc_buf hint = CC_BUF_INIT;
        field_hint(L, ref->id, &hint);
        error_at(L, m, "unknown field '%s' in derived rule '%s'%s", shown(ref->id, b),
                 shown(rule_id, b2), hint.data);
        cc_buf_free(&hint);
        return;
    }
    if (ref->in_days && t != CC_TYPE_PERIOD)
        error_at(L, m, "days() needs a period; field '%s' is a %s", shown(ref->id, b),
                 cc_type_name(t));
    else if (!ref->in_days && t == CC_TYPE_PERIOD)
        error_at(L, m, "field '%s' is a period; use days(%s)", shown(ref->id, b),
                 shown(ref->id, b2));
    else if (t == CC_TYPE_DATE)
        error_at(L, m, "field '%s' is a date; a derived rule cannot compute with dates",
                 shown(ref->id, b));
}

static void load_derived(loader *L, const cc_yaml_node *v, cc_rule *r)
{
    r->derived = get_string(L, v, "derived");
    if (!r->derived)
        return;
    char err[128], b[MAX_SHOWN + 8];
    size_t off = 0;
    r->expr = cc_expr_parse(r->derived, err, sizeof err, &off);
    if (!r->expr) {
        error_at(L, cc_yaml_scalar_mark_at(&L->y, v, off), "%s in derived rule '%s'", err,
                 shown(r->id ? r->id : "", b));
        return;
    }
    const cc_expr_ref *refs;
    size_t n = cc_expr_refs(r->expr, &refs);
    for (size_t i = 0; i < n; i++)
        check_derived_ref(L, v, &refs[i], r->id ? r->id : "");
}

static void load_tolerance(loader *L, const cc_yaml_node *v, cc_tolerance *t)
{
    static const char *const keys[] = {"abs", "rel", "days"};
    if (!expect_map(L, v, "a mapping like {rel: 2%}", "tolerance"))
        return;
    check_keys(L, v, keys, 3, "in 'tolerance'");
    const cc_yaml_node *a = map_get(v, "abs"), *r = map_get(v, "rel"), *d = map_get(v, "days");
    if (a && (!is_scalar(a) || parse_double(a->text, a->len, &t->abs) < 0 || t->abs < 0 ||
              !isfinite(t->abs)))
        error_at(L, a->mark, "'abs' expects a non-negative number like 0.5");
    if (r) {
        bool pct = is_scalar(r) && r->len > 1 && r->text[r->len - 1] == '%';
        size_t n = pct ? r->len - 1 : r->len;
        while (pct && n > 0 && r->text[n - 1] == ' ')
            n--;
        double x = -1;
        if (!is_scalar(r) || parse_double(r->text, n, &x) < 0 || x < 0 || !isfinite(x) ||
            (!pct && x > 1))
            error_at(L, r->mark, "'rel' expects a percentage like 2%% or a fraction like 0.02");
        else
            t->rel = pct ? x / 100 : x;
    }
    long long days;
    if (d && get_int(L, d, 0, 36500, "'days' expects a whole number of days like 31", &days))
        t->days = (int)days;
}

/* The rule's `field`: a field id, -1 after an error. */
static void load_rule_field(loader *L, const cc_yaml_node *v, cc_rule *r)
{
    char *id = get_string(L, v, "field");
    if (!id)
        return;
    size_t found = cc_strindex_get(&L->field_ids, id, strlen(id));
    r->field = found == SIZE_MAX ? -1 : (int)found;
    if (r->field < 0) {
        char b[MAX_SHOWN + 8], b2[MAX_SHOWN + 8];
        cc_buf hint = CC_BUF_INIT;
        field_hint(L, id, &hint);
        error_at(L, v->mark, "unknown field '%s' in rule '%s'%s", shown(id, b),
                 shown(r->id ? r->id : "", b2), hint.data);
        cc_buf_free(&hint);
    }
    free(id);
}

static void load_rule(loader *L, const cc_yaml_node *v, size_t index)
{
    static const char *const keys[] = {"id",        "field",    "derived",
                                       "tolerance", "severity", "message"};
    cc_rule *r = &L->rb->rules[index];
    char b[MAX_SHOWN + 8], where[MAX_SHOWN + 32];
    r->field = -1;
    r->severity = CC_SEV_ERROR;
    r->mark = v->mark;
    const cc_yaml_node *id = map_get(v, "id");
    if (!id)
        error_at(L, v->mark, "rule has no 'id'");
    else if ((r->id = get_string(L, id, "id")) != NULL) {
        r->mark = id->mark;
        size_t first = cc_strindex_put(&L->rule_ids, r->id, strlen(r->id), index, false);
        if (first != index)
            error_at(L, id->mark, "duplicate rule id '%s' (first at %u:%u)", shown(r->id, b),
                     L->rb->rules[first].mark.line, L->rb->rules[first].mark.column);
    }
    snprintf(where, sizeof where, "in rule '%s'", shown(r->id ? r->id : "", b));
    check_keys(L, v, keys, sizeof keys / sizeof keys[0], where);
    const cc_yaml_node *field = map_get(v, "field"), *derived = map_get(v, "derived"),
                       *tol = map_get(v, "tolerance"), *sev = map_get(v, "severity");
    if (field && derived)
        error_at(L, derived->mark, "rule '%s' has both 'field' and 'derived'; give one",
                 shown(r->id ? r->id : "", b));
    else if (!field && !derived)
        error_at(L, v->mark, "rule '%s' has neither 'field' nor 'derived'",
                 shown(r->id ? r->id : "", b));
    else if (field)
        load_rule_field(L, field, r);
    else
        load_derived(L, derived, r);
    if (tol)
        load_tolerance(L, tol, &r->tolerance);
    if (sev)
        get_severity(L, sev, &r->severity);
    set_string(L, v, "message", &r->message);
}

static void load_rules(loader *L, const cc_yaml_node *v)
{
    if (!expect_list(L, v, "a list of rules", "rules"))
        return;
    cc_rulebook *rb = L->rb;
    rb->rules = cc_xcalloc(v->nkids + 1, sizeof *rb->rules);
    for (size_t i = 0; i < v->nkids; i++) {
        const cc_yaml_node *item = v->kids[i];
        if (item->kind != CC_YAML_MAP) {
            error_at(L, item->mark, "expected a mapping for each rule in 'rules', found %s",
                     kind_desc(item));
            continue;
        }
        load_rule(L, item, rb->nrules++);
    }
    for (size_t i = 0; i < rb->nrules; i++) {
        int f = rb->rules[i].field;
        if (f >= 0 && rb->fields[f].rule < 0)
            rb->fields[f].rule = (int)i;
    }
}

static void load_version(loader *L, const cc_yaml_node *v)
{
    long long ver;
    char b[MAX_SHOWN + 8];
    if (!is_scalar(v) || parse_int(v->text, v->len, 1, 1, &ver) < 0)
        error_at(L, v->mark, "unsupported rulebook version '%s'; expected 1",
                 v->kind == CC_YAML_SCALAR ? shown(v->text, b) : kind_desc(v));
    else
        L->rb->version = 1;
}

static void load_locale(loader *L, const cc_yaml_node *v)
{
    char *s = get_string(L, v, "locale");
    char b[MAX_SHOWN + 8];
    if (s && cc_locale_parse(s, &L->rb->locale) < 0)
        error_at(L, v->mark, "unknown locale '%s'; expected vi or en", shown(s, b));
    free(s);
}

static void load_tolerance(loader *L, const cc_yaml_node *v, cc_tolerance *t);

/* `open: {tolerance: {count: {abs: 0}, money: {rel: 5%}}}`: per kind of figure. */
static void load_open_tolerances(loader *L, const cc_yaml_node *v)
{
    if (!expect_map(L, v, "a mapping of kinds of figures like {money: {rel: 2%}}",
                    "tolerance"))
        return;
    check_keys(L, v, NULL, 0, "in 'open.tolerance'");
    cc_buf expected = CC_BUF_INIT;
    cc_names_choice(&expected, cc_figure_kind_names, 0);
    for (size_t i = 0; i + 1 < v->nkids; i += 2) {
        if (!pair_ok(v, i))
            continue;
        const cc_yaml_node *k = v->kids[i];
        int kind = cc_name_find(cc_figure_kind_names, k->text);
        if (kind < 0 || kind >= CC_FIG_NKINDS) {
            unknown_word(L, k->mark, "kind of figure", k->text, cc_figure_kind_names,
                         expected.data);
            continue;
        }
        memset(&L->rb->open_tolerance[kind], 0, sizeof L->rb->open_tolerance[kind]);
        load_tolerance(L, v->kids[i + 1], &L->rb->open_tolerance[kind]);
        L->rb->open_tolerance_set[kind] = true;
    }
    cc_buf_free(&expected);
}

/* `open: on | off`, or a mapping {enabled: on|off, tolerance: {...}}: whether figures no
 * field claims become open claims (default on), and how far each kind may differ. */
static void load_open(loader *L, const cc_yaml_node *v)
{
    static const char *const keys[] = {"enabled", "tolerance"};
    bool on = true;
    char b[MAX_SHOWN + 8];
    if (v->kind == CC_YAML_MAP) {
        check_keys(L, v, keys, 2, "in 'open'");
        const cc_yaml_node *e = map_get(v, "enabled"), *t = map_get(v, "tolerance");
        if (e && (!is_scalar(e) || parse_bool(e->text, e->len, &on) < 0))
            error_at(L, e->mark, "'enabled' must be on or off, found '%s'",
                     e->kind == CC_YAML_SCALAR ? shown(e->text, b) : kind_desc(e));
        if (t)
            load_open_tolerances(L, t);
    } else if (!is_scalar(v) || parse_bool(v->text, v->len, &on) < 0) {
        error_at(L, v->mark, "'open' must be on, off or a mapping like {tolerance: {money: "
                 "{rel: 2%%}}}, found '%s'",
                 v->kind == CC_YAML_SCALAR ? shown(v->text, b) : kind_desc(v));
    }
    L->rb->open_off = !on;
}

static void load_name(loader *L, const cc_yaml_node *v)
{
    L->rb->name = get_string(L, v, "name");
}

static void load_description(loader *L, const cc_yaml_node *v)
{
    L->rb->description = get_string(L, v, "description");
}

/* The top-level keys, in the order they are loaded: subjects before the fields that name
 * them, fields before the rules that check them. */
static const struct section {
    const char *key;
    bool required;
    void (*load)(loader *L, const cc_yaml_node *v);
} sections[] = {
    {"version", true, load_version},          {"name", true, load_name},
    {"description", false, load_description}, {"locale", false, load_locale},
    {"document", false, load_document},       {"defaults", false, load_defaults},
    {"subjects", true, load_subjects},        {"qualifiers", false, load_qualifiers},
    {"fields", true, load_fields},            {"rules", false, load_rules},
    {"open", false, load_open},
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

static void load_root(loader *L, const cc_yaml_node *root)
{
    if (!root || is_null(root)) {
        error_at(L, (cc_mark){1, 1}, "the rulebook is empty; expected a mapping with "
                 "'version', 'name', 'subjects' and 'fields'");
        return;
    }
    if (root->kind != CC_YAML_MAP) {
        error_at(L, root->mark, "expected a mapping at the top of the rulebook, found %s",
                 kind_desc(root));
        return;
    }
    const char *keys[NSECTIONS];
    for (size_t i = 0; i < NSECTIONS; i++)
        keys[i] = sections[i].key;
    check_keys(L, root, keys, NSECTIONS, "in the rulebook");
    for (size_t i = 0; i < NSECTIONS; i++)
        if (sections[i].required && !map_get(root, sections[i].key))
            error_at(L, root->mark, "the rulebook has no '%s'", sections[i].key);
    for (size_t i = 0; i < NSECTIONS; i++) {
        const cc_yaml_node *v = map_get(root, sections[i].key);
        if (v)
            sections[i].load(L, v);
    }
}

/* ---- public --------------------------------------------------------------- */

static const cc_yaml_limits rulebook_limits = {
    .name = "rulebook",
    .max_bytes = CC_RULEBOOK_MAX_BYTES,
    .max_depth = CC_RULEBOOK_MAX_DEPTH,
    .max_nodes = CC_RULEBOOK_MAX_NODES,
    .max_alias_nodes = CC_RULEBOOK_MAX_ALIAS_NODES,
};

cc_rulebook *cc_rulebook_load_mem(const char *name, const char *data, size_t len, cc_diags *d)
{
    if (!name)
        name = "rulebook";
    loader L = {.path = name, .d = d, .first_diag = d->n};
    if (cc_yaml_read(&L.y, data, len, &rulebook_limits, name, CC_DIAG_RULEBOOK, d) < 0) {
        cc_yaml_free(&L.y);
        return NULL;
    }
    cc_rulebook *rb = cc_xcalloc(1, sizeof *rb);
    L.rb = rb;
    rb->path = cc_xstrdup(name);
    cc_sha256_hex(data, len, rb->sha256);
    rb->locale = CC_LOCALE_VI;
    rb->default_severity = CC_SEV_WARNING;
    cc_qualifiers_default(&rb->qualifiers);
    load_root(&L, L.y.root);
    finish_diags(&L);
    cc_yaml_free(&L.y);
    cc_strindex_free(&L.subject_ids);
    cc_strindex_free(&L.field_ids);
    cc_strindex_free(&L.rule_ids);
    cc_strindex_free(&L.qualifier_kinds);
    if (L.nerr) {
        cc_rulebook_free(rb);
        return NULL;
    }
    return rb;
}

cc_rulebook *cc_rulebook_load(const char *path, cc_diags *d)
{
    /* Stops reading at the limit: a 50 MB file costs 4 MB, not 50. */
    cc_buf text;
    const char *reason;
    cc_rulebook *rb = NULL;
    if (cc_read_regular(path, (size_t)CC_RULEBOOK_MAX_BYTES, &text, &reason) == 0)
        rb = cc_rulebook_load_mem(path, text.data ? text.data : "", text.len, d);
    else if (errno == EFBIG)
        cc_error(d, CC_DIAG_RULEBOOK, path, "the rulebook is too large (over %u bytes)", CC_RULEBOOK_MAX_BYTES);
    else
        cc_error(d, CC_DIAG_IO, path, "cannot read '%s': %s", path, reason);
    cc_buf_free(&text);
    return rb;
}

static void free_patterns(cc_pattern *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(p[i].source);
    free(p);
}

/* v[0..n) and v itself; v may be NULL. */
static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static void free_subject(cc_subject *s)
{
    free(s->id);
    free(s->name);
    free_strings(s->aliases, s->naliases);
    free_strings(s->folded, s->naliases);
}

static void free_example(cc_example *ex)
{
    free(ex->text);
    free(ex->value);
    free(ex->subject);
}

static void free_field(cc_field *f)
{
    free_patterns(f->scope_patterns, f->nscope_patterns);
    free_patterns(f->patterns, f->npatterns);
    free_patterns(f->context, f->ncontext);
    free(f->id);
    free(f->description);
    free(f->among);
    for (size_t k = 0; k < f->nexamples; k++)
        free_example(&f->examples[k]);
    free(f->examples);
}

static void free_rule(cc_rule *r)
{
    free(r->id);
    free(r->derived);
    free(r->message);
    cc_expr_free(r->expr);
}

void cc_rulebook_free(cc_rulebook *rb)
{
    if (!rb)
        return;
    if (rb->release_compiled)
        rb->release_compiled(rb);
    free(rb->path);
    free(rb->name);
    free(rb->description);
    free_patterns(rb->date_patterns, rb->ndate_patterns);
    free_patterns(rb->skip, rb->nskip);
    free_patterns(rb->require, rb->nrequire);
    free_strings(rb->relative_words, rb->nrelative);
    free(rb->relative_offsets);
    for (size_t i = 0; i < rb->nsubjects; i++)
        free_subject(&rb->subjects[i]);
    free(rb->subjects);
    cc_qualifiers_free(&rb->qualifiers);
    for (size_t i = 0; i < rb->nfields; i++)
        free_field(&rb->fields[i]);
    free(rb->fields);
    for (size_t i = 0; i < rb->nrules; i++)
        free_rule(&rb->rules[i]);
    free(rb->rules);
    free(rb);
}

int cc_rulebook_field_index(const cc_rulebook *rb, const char *id)
{
    for (size_t i = 0; i < rb->nfields; i++)
        if (rb->fields[i].id && strcmp(rb->fields[i].id, id) == 0)
            return (int)i;
    return -1;
}

int cc_rulebook_subject_index(const cc_rulebook *rb, const char *id)
{
    for (size_t i = 0; i < rb->nsubjects; i++)
        if (strcmp(rb->subjects[i].id, id) == 0)
            return (int)i;
    return -1;
}
