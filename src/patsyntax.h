/*
 * patsyntax.h — the one reader of rulebook pattern syntax: PCRE2's, plus typed slots.
 *
 * The rulebook loader (lint) and the pattern compiler both walk a pattern with this
 * lexer, so they agree on what is a slot. A slot is a `{name}` (a letter or '_', then
 * letters, digits, '_' or '-') standing where PCRE2 reads pattern syntax. The same text
 * inside an escape (\p{..}, \x{..}), a comment ((?#..), or '#' to the end of the line
 * under (?x)) is not a slot: PCRE2 ignores it, and so do we. Inside \Q...\E or a
 * character class it cannot capture either, but there it is a mistake worth reporting.
 * Quantifiers ({2}, {1,3}, {,4}) start with a digit or a comma and are never slots.
 *
 * The lexer works on a slice and never reads outside it; it owns no memory.
 */
#ifndef CC_PATSYNTAX_H
#define CC_PATSYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "slot.h"
#include "util.h"

#define CC_MAX_SLOTS 4          /* slots in one pattern */
#define CC_PATLEX_MAX_DEPTH 256 /* groups whose (?x) state is tracked (PCRE2 allows 250) */

typedef enum cc_pattok_kind {
    CC_PATTOK_LITERAL, /* anything else: literal text, metacharacters, group parentheses */
    CC_PATTOK_ESCAPE,  /* \d, \., \p{L}, \x{1F600}, \cA; a lone '\' at the end */
    CC_PATTOK_QUOTED,  /* \Q...\E, to the end of the pattern when there is no \E */
    CC_PATTOK_CLASS,   /* [...] with [:alpha:], a leading ']' or '^]', \Q..\E inside */
    CC_PATTOK_COMMENT, /* (?#...), or '#' to the end of the line under (?x) */
    CC_PATTOK_SLOT,    /* {name} */
} cc_pattok_kind;

typedef struct cc_pattok {
    cc_pattok_kind kind;
    size_t start, end; /* [start, end) in the pattern; never empty */
} cc_pattok;

typedef struct cc_patlex {
    const char *s;
    size_t len, pos;      /* the slice, and where the next token starts */
    unsigned depth;       /* open groups */
    bool extended;        /* (?x) is on here: '#' starts a comment */
    uint8_t outer[CC_PATLEX_MAX_DEPTH / 8]; /* `extended` of each enclosing group */
} cc_patlex;

void cc_patlex_init(cc_patlex *x, const char *s, size_t len);
/* The next token into *t; false at the end. Tokens cover the pattern without gaps. */
bool cc_patlex_next(cc_patlex *x, cc_pattok *t);

/* Length of a slot-shaped `{name}` at s[i] (the name need not be a slot), or 0. */
size_t cc_slot_ref_len(const char *s, size_t len, size_t i);

/* Why a `{name}` of a pattern cannot become a capturing slot. */
typedef enum cc_slot_problem {
    CC_SLOT_OK,       /* it captures */
    CC_SLOT_UNKNOWN,  /* the name is no slot */
    CC_SLOT_QUOTED,   /* a slot name inside \Q...\E */
    CC_SLOT_IN_CLASS, /* a slot name inside [...] */
    CC_SLOT_TOO_MANY, /* past CC_MAX_SLOTS */
} cc_slot_problem;

typedef struct cc_slot_use {
    size_t start, end;       /* the '{' and just past the '}' */
    cc_slot kind;            /* valid unless the problem is CC_SLOT_UNKNOWN */
    cc_slot_problem problem;
} cc_slot_use;

/* Walks the slots of a pattern: every slot-shaped {name} where PCRE2 reads syntax, and
 * every {slot} with a slot's name inside \Q...\E or a class. */
typedef struct cc_slot_scan {
    cc_patlex lex;
    cc_pattok tok;        /* the token being searched */
    size_t at;            /* where the search of `tok` goes on */
    bool in_tok;          /* `tok` has more to search */
    size_t ncapturing;    /* CC_SLOT_OK uses so far */
} cc_slot_scan;

void cc_slot_scan_init(cc_slot_scan *sc, const char *s, size_t len);
bool cc_slot_scan_next(cc_slot_scan *sc, cc_slot_use *u);

/* Appends the message for a slot with a problem: "unknown slot '{foo}'; expected
 * {number}, ... or {year}". `where` ("field 'f'"), when not NULL, says which pattern. */
void cc_slot_problem_message(const char *s, const cc_slot_use *u, const char *where,
                             cc_buf *out);

#endif
