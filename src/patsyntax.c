/*
 * patsyntax.c — the lexer of rulebook patterns, and the slots it finds.
 *
 * It follows PCRE2's own reading (pcre2_compile.c, parse_regex) only as far as slots
 * need: where escapes, quoted runs, classes and comments end, and which groups turn
 * (?x) on. Everything else is a literal token and is left to PCRE2 to judge.
 */
#include "patsyntax.h"

#include <assert.h>
#include <string.h>

#define SHOWN_NAME 60 /* bytes of an unknown slot name quoted in a message */

static bool name_start(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool name_char(char c)
{
    return name_start(c) || cc_is_digit((unsigned char)c) || c == '-';
}

size_t cc_slot_ref_len(const char *s, size_t len, size_t i)
{
    if (i + 1 >= len || s[i] != '{' || !name_start(s[i + 1]))
        return 0;
    size_t j = i + 2;
    while (j < len && name_char(s[j]))
        j++;
    return j < len && s[j] == '}' ? j + 1 - i : 0;
}

/* The index just past the first `end` at or after i, or len. */
static size_t skip_past(const char *s, size_t len, size_t i, const char *end)
{
    size_t n = strlen(end);
    for (; i + n <= len; i++)
        if (memcmp(s + i, end, n) == 0)
            return i + n;
    return len;
}

/* Past the UTF-8 character starting at s[i] (a stray continuation byte is one). */
static size_t past_char(const char *s, size_t len, size_t i)
{
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* ---- escapes, classes, comments ------------------------------------------------ */

/* The escape at s[i] == '\\': its end and kind. */
static size_t escape_end(const char *s, size_t len, size_t i, cc_pattok_kind *kind)
{
    *kind = CC_PATTOK_ESCAPE;
    if (i + 1 >= len)
        return len;
    char e = s[i + 1];
    if (e == 'Q') {
        *kind = CC_PATTOK_QUOTED;
        return skip_past(s, len, i + 2, "\\E");
    }
    if (strchr("pPxogkNu", e) && i + 2 < len && s[i + 2] == '{')
        return skip_past(s, len, i + 3, "}");
    if (e == 'c' && i + 2 < len) /* \cX: X is taken as it is, even '{' */
        return past_char(s, len, i + 2);
    return past_char(s, len, i + 1);
}

/* PCRE2's check_posix_syntax: s[i] is the ':', '.' or '=' after a '[' inside a class;
 * the index past the closing ":]" when it is a POSIX class, else 0. */
static size_t posix_class_end(const char *s, size_t len, size_t i)
{
    char term = s[i];
    for (size_t j = i + 1; j + 2 <= len; j++) {
        if (s[j] == '\\' && (s[j + 1] == ']' || s[j + 1] == '\\'))
            j++;
        else if ((s[j] == '[' && s[j + 1] == term) || s[j] == ']')
            return 0;
        else if (s[j] == term && s[j + 1] == ']')
            return j + 2;
    }
    return 0;
}

/* The class at s[i] == '[': the index past its ']', or len when it is not closed. */
static size_t class_end(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j < len && s[j] == '^')
        j++;
    if (j < len && s[j] == ']')
        j++; /* a ']' first in a class is literal */
    while (j < len) {
        size_t posix;
        if (s[j] == '\\' && j + 1 < len && s[j + 1] == 'Q')
            j = skip_past(s, len, j + 2, "\\E");
        else if (s[j] == '\\')
            j = j + 2 <= len ? j + 2 : len;
        else if (s[j] == '[' && j + 1 < len && strchr(":.=", s[j + 1]) &&
                 (posix = posix_class_end(s, len, j + 1)))
            j = posix;
        else if (s[j] == ']')
            return j + 1;
        else
            j++;
    }
    return len;
}

/* ---- groups and (?x) ------------------------------------------------------------ */

static void push_group(cc_patlex *x)
{
    if (x->depth < CC_PATLEX_MAX_DEPTH) {
        uint8_t bit = (uint8_t)(1u << (x->depth % 8));
        if (x->extended)
            x->outer[x->depth / 8] |= bit;
        else
            x->outer[x->depth / 8] &= (uint8_t)~bit;
    }
    x->depth++;
}

static void pop_group(cc_patlex *x)
{
    if (x->depth == 0)
        return; /* an unmatched ')': PCRE2 reports it */
    x->depth--;
    if (x->depth < CC_PATLEX_MAX_DEPTH)
        x->extended = x->outer[x->depth / 8] >> (x->depth % 8) & 1u;
}

/*
 * An option setting at s[i] == '(' ("(?x)", "(?-x:", "(?^i)"): applies it and returns
 * its end, or 0 when there is none. Letters are not checked: PCRE2 rejects bad ones.
 */
static size_t option_setting(cc_patlex *x, size_t i)
{
    const char *s = x->s;
    size_t j = i + 2;
    bool on = true, ext = x->extended;
    if (i + 2 >= x->len || s[i + 1] != '?')
        return 0;
    for (; j < x->len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                          s[j] == '-' || s[j] == '^');
         j++) {
        if (s[j] == '^')
            ext = false;
        else if (s[j] == '-')
            on = false;
        else if (s[j] == 'x')
            ext = on;
    }
    if (j == i + 2 || j >= x->len || (s[j] != ')' && s[j] != ':'))
        return 0;
    if (s[j] == ':') /* (?x: ... ) opens a group with the options */
        push_group(x);
    x->extended = ext;
    return j + 1;
}

/* The token at s[i] == '(': a comment, an option setting, or a group opening. */
static size_t paren_end(cc_patlex *x, size_t i, cc_pattok_kind *kind)
{
    size_t end;
    *kind = CC_PATTOK_LITERAL;
    if (i + 2 < x->len && x->s[i + 1] == '?' && x->s[i + 2] == '#') {
        *kind = CC_PATTOK_COMMENT;
        return skip_past(x->s, x->len, i + 3, ")");
    }
    if ((end = option_setting(x, i)))
        return end;
    push_group(x);
    return i + 1;
}

/* ---- the lexer ------------------------------------------------------------------- */

void cc_patlex_init(cc_patlex *x, const char *s, size_t len)
{
    memset(x, 0, sizeof *x);
    x->s = s;
    x->len = len;
}

/* A literal run from s[i]: up to the next byte that may start another token. */
static size_t literal_end(const cc_patlex *x, size_t i)
{
    size_t j = i + 1;
    while (j < x->len && !strchr("\\[(){#", x->s[j]))
        j++;
    return j;
}

bool cc_patlex_next(cc_patlex *x, cc_pattok *t)
{
    const char *s = x->s;
    size_t i = x->pos, end, slot;
    if (i >= x->len)
        return false;
    t->kind = CC_PATTOK_LITERAL;
    if (s[i] == '\\') {
        end = escape_end(s, x->len, i, &t->kind);
    } else if (s[i] == '[') {
        t->kind = CC_PATTOK_CLASS;
        end = class_end(s, x->len, i);
    } else if (s[i] == '(') {
        end = paren_end(x, i, &t->kind);
    } else if (s[i] == ')') {
        pop_group(x);
        end = i + 1;
    } else if (s[i] == '#' && x->extended) {
        t->kind = CC_PATTOK_COMMENT;
        end = skip_past(s, x->len, i + 1, "\n");
    } else if ((slot = cc_slot_ref_len(s, x->len, i))) {
        t->kind = CC_PATTOK_SLOT;
        end = i + slot;
    } else {
        end = literal_end(x, i);
    }
    assert(end > i && end <= x->len);
    t->start = i;
    t->end = end;
    x->pos = end;
    return true;
}

/* ---- slots ----------------------------------------------------------------------- */

void cc_slot_scan_init(cc_slot_scan *sc, const char *s, size_t len)
{
    memset(sc, 0, sizeof *sc);
    cc_patlex_init(&sc->lex, s, len);
}

/* A `{slot}` with a slot's name inside a quoted run or a class token, from sc->at on. */
static bool hidden_slot(cc_slot_scan *sc, cc_slot_use *u)
{
    const char *s = sc->lex.s;
    size_t end = sc->tok.end;
    for (size_t i = sc->at; i < end; i++) {
        if (s[i] == '\\' && sc->tok.kind == CC_PATTOK_CLASS) {
            i++; /* an escaped brace is a brace */
            continue;
        }
        size_t n = cc_slot_ref_len(s, end, i);
        if (n && cc_slot_lookup(s + i + 1, n - 2, &u->kind) == 0) {
            u->start = i;
            u->end = i + n;
            u->problem = sc->tok.kind == CC_PATTOK_CLASS ? CC_SLOT_IN_CLASS : CC_SLOT_QUOTED;
            sc->at = i + n;
            return true;
        }
    }
    sc->in_tok = false;
    return false;
}

bool cc_slot_scan_next(cc_slot_scan *sc, cc_slot_use *u)
{
    for (;;) {
        if (sc->in_tok && hidden_slot(sc, u))
            return true;
        if (!cc_patlex_next(&sc->lex, &sc->tok))
            return false;
        if (sc->tok.kind == CC_PATTOK_QUOTED || sc->tok.kind == CC_PATTOK_CLASS) {
            sc->in_tok = true;
            sc->at = sc->tok.start + 1;
            continue;
        }
        if (sc->tok.kind != CC_PATTOK_SLOT)
            continue;
        const char *name = sc->lex.s + sc->tok.start + 1;
        u->start = sc->tok.start;
        u->end = sc->tok.end;
        u->kind = CC_SLOT_COUNT_;
        if (cc_slot_lookup(name, u->end - u->start - 2, &u->kind) < 0)
            u->problem = CC_SLOT_UNKNOWN;
        else if (sc->ncapturing == CC_MAX_SLOTS)
            u->problem = CC_SLOT_TOO_MANY;
        else
            u->problem = CC_SLOT_OK;
        sc->ncapturing += u->problem == CC_SLOT_OK;
        return true;
    }
}

void cc_slot_problem_message(const char *s, const cc_slot_use *u, const char *where,
                             cc_buf *out)
{
    int n = (int)(u->end - u->start - 2);
    const char *name = s + u->start + 1;
    const char *cut = n > SHOWN_NAME ? "…" : "";
    n = n > SHOWN_NAME ? SHOWN_NAME : n;
    switch (u->problem) {
    case CC_SLOT_UNKNOWN:
        cc_buf_addf(out, "unknown slot '{%.*s%s}'", n, name, cut);
        if (where)
            cc_buf_addf(out, " in %s", where);
        cc_buf_adds(out, "; expected ");
        cc_names_choice_around(out, cc_slot_names, "{", "}");
        return;
    case CC_SLOT_QUOTED:
    case CC_SLOT_IN_CLASS:
        cc_buf_addf(out, "slot '{%.*s}'", n, name);
        if (where)
            cc_buf_addf(out, " in %s", where);
        cc_buf_adds(out, u->problem == CC_SLOT_QUOTED
                             ? " is inside \\Q...\\E, where it never captures"
                             : " is inside a character class, where it never captures");
        return;
    case CC_SLOT_TOO_MANY:
        cc_buf_addf(out, "a pattern may hold at most %d slots", CC_MAX_SLOTS);
        if (where)
            cc_buf_addf(out, " in %s", where);
        return;
    case CC_SLOT_OK:
        break;
    }
    assert(!"a slot without a problem has no message");
}
