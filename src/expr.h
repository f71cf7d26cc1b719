/*
 * expr.h — the small expression language of derived rules:
 *
 *   rule    := sum cmp sum
 *   cmp     := "==" | "<=" | ">=" | "<" | ">"
 *   sum     := product (("+" | "-" | "−") product)*
 *   product := unary (("*" | "×" | "/" | "÷") unary)*
 *   unary   := "-" unary | primary
 *   primary := NUMBER | FIELD | "days" "(" FIELD ")" | "(" sum ")"
 *   FIELD   := [A-Za-z_][A-Za-z0-9_.-]*   (a field id of the rulebook)
 *   NUMBER  := digits with an optional "." decimal part
 *
 * Evaluation is interval arithmetic: each field stands for the interval its sources
 * agree on, days(period) for the days the period covers. `a == b` holds when the two
 * sides, each widened by the tolerance, meet; `a <= b` when lo(a) <= hi(b) after
 * widening, and so on.
 */
#ifndef CC_EXPR_H
#define CC_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include "value.h"

typedef struct cc_expr cc_expr;

/* Parses `src`. On error returns NULL and writes a message ("expected ')'") and the
 * 0-based byte offset in `src` where the problem is. */
cc_expr *cc_expr_parse(const char *src, char *err, size_t errlen, size_t *err_offset);
void cc_expr_free(cc_expr *e);

/* The field ids the expression refers to, in order of first appearance (borrowed). */
size_t cc_expr_fields(const cc_expr *e, const char ***ids);

/* Caps: a longer source or a deeper nesting of parentheses and unary minus is a parse
 * error ("expression too long", "expression nested too deeply"). */
#define CC_EXPR_MAX_LEN 4096
#define CC_EXPR_MAX_DEPTH 64
#define CC_EXPR_MAX_NODES 512

/* One field reference as written, so that a loader can point at it (unknown field,
 * a period used without days()). */
typedef struct cc_expr_ref {
    const char *id;   /* the field id (borrowed from the expression) */
    size_t offset;    /* 0-based byte offset of the id in the source */
    bool in_days;     /* written as days(id) */
} cc_expr_ref;

/* Every field reference, in source order, repeats included (borrowed). */
size_t cc_expr_refs(const cc_expr *e, const cc_expr_ref **refs);

/* Returns the value of field `id`, or NULL when it has none in this scope. */
typedef const cc_value *(*cc_expr_lookup)(void *ctx, const char *id);

typedef struct cc_expr_result {
    bool evaluated;   /* false when a field had no value, or a type did not fit */
    bool holds;       /* the comparison holds within the tolerance */
    cc_range lhs, rhs;/* the two sides, before widening */
    char why[128];    /* when !evaluated: which field was missing or mistyped */
} cc_expr_result;

/* Widening: [lo - abs - rel*|lo|, hi + abs + rel*|hi|]. */
cc_expr_result cc_expr_eval(const cc_expr *e, cc_expr_lookup lookup, void *ctx,
                            double tol_abs, double tol_rel);

#endif
