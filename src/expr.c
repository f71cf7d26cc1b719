/*
 * expr.c — derived-rule expressions: a recursive-descent parser over the grammar in
 * expr.h into a small array of nodes, and an interval evaluator over them.
 *
 * Nodes live in one array and refer to their operands by index, so freeing is one
 * free() per array and a failed parse leaks nothing. Parsing depth (parentheses,
 * unary minus, days()) and node count are capped (expr.h), which also bounds the
 * evaluator's recursion.
 */
#include "expr.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "date.h"
#include "util.h"

typedef enum node_kind {
    N_NUM,   /* a literal */
    N_FIELD, /* a field's interval */
    N_DAYS,  /* days(period field) */
    N_NEG,
    N_ADD,
    N_SUB,
    N_MUL,
    N_DIV,
} node_kind;

typedef struct enode {
    node_kind kind;
    double num;      /* N_NUM */
    size_t field;    /* N_FIELD, N_DAYS: index into ids */
    int a, b;        /* operands (indices into nodes); -1 when unused */
} enode;

typedef enum cmp_op { CMP_EQ, CMP_LE, CMP_GE, CMP_LT, CMP_GT } cmp_op;

struct cc_expr {
    enode *nodes;        /* all nodes; operands refer to earlier ones */
    size_t nnodes, cap;
    int lhs, rhs;        /* roots of the two sides */
    cmp_op cmp;
    const char **ids;    /* distinct field ids, first appearance first (owned strings) */
    size_t nids, idcap;
    cc_expr_ref *refs;   /* every reference, in source order */
    size_t nrefs, refcap;
};

/* ---- lexer ---------------------------------------------------------------- */

typedef enum tok_kind {
    T_END,
    T_NUM,
    T_IDENT,
    T_LPAREN,
    T_RPAREN,
    T_PLUS,
    T_MINUS,
    T_STAR,
    T_SLASH,
    T_CMP,
    T_BAD,   /* a character no token starts with; the lexer already set the error */
} tok_kind;

typedef struct token {
    tok_kind kind;
    size_t start, end; /* byte offsets in the source */
    double num;        /* T_NUM */
    cmp_op cmp;        /* T_CMP */
} token;

#define MAX_IDENT 128
#define MAX_DIGITS 30

typedef struct parser {
    const char *src;
    size_t len;
    size_t pos;        /* where the lexer reads next */
    token tok;         /* the current token */
    cc_expr *e;
    int depth;
    bool failed;
    char *err;
    size_t errlen;
    size_t *err_offset;
} parser;

/* Records the first error only: later ones are consequences of it. */
__attribute__((format(printf, 3, 4)))
static int fail(parser *P, size_t offset, const char *fmt, ...)
{
    if (P->failed)
        return -1;
    P->failed = true;
    if (P->err && P->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(P->err, P->errlen, fmt, ap);
        va_end(ap);
    }
    if (P->err_offset)
        *P->err_offset = offset;
    return -1;
}

static bool is_ident_start(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_ident_char(int c)
{
    return is_ident_start(c) || cc_is_digit(c) || c == '.' || c == '-';
}

static bool has_prefix(const parser *P, size_t at, const char *lit)
{
    size_t n = strlen(lit);
    return at <= P->len && P->len - at >= n && memcmp(P->src + at, lit, n) == 0;
}

/* The character at `at` for a message: 'x', a whole UTF-8 sequence, or \xHH. */
static void describe_char(const parser *P, size_t at, char out[16])
{
    unsigned char c = (unsigned char)P->src[at];
    size_t n = c < 0x80 ? 1 : c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (n && at + n <= P->len) {
        bool ok = true;
        for (size_t i = 1; i < n; i++)
            ok = ok && ((unsigned char)P->src[at + i] & 0xc0) == 0x80;
        if (ok && (n > 1 || (c >= 0x20 && c < 0x7f))) {
            memcpy(out, P->src + at, n);
            out[n] = '\0';
            return;
        }
    }
    snprintf(out, 16, "\\x%02x", c);
}

static void skip_space(parser *P)
{
    while (P->pos < P->len) {
        char c = P->src[P->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            P->pos++;
        else if (has_prefix(P, P->pos, "\xc2\xa0")) /* a no-break space pasted from a document */
            P->pos += 2;
        else
            break;
    }
}

static void lex_number(parser *P, token *t)
{
    double v = 0;
    size_t ndigits = 0;
    while (P->pos < P->len && cc_is_digit((unsigned char)P->src[P->pos])) {
        v = v * 10 + (P->src[P->pos++] - '0');
        ndigits++;
    }
    if (P->pos + 1 < P->len && P->src[P->pos] == '.' &&
        cc_is_digit((unsigned char)P->src[P->pos + 1])) {
        P->pos++;
        double scale = 1;
        while (P->pos < P->len && cc_is_digit((unsigned char)P->src[P->pos])) {
            v = v * 10 + (P->src[P->pos++] - '0');
            scale *= 10;
            ndigits++;
        }
        v /= scale;
    }
    t->kind = T_NUM;
    t->num = v;
    if (ndigits > MAX_DIGITS)
        fail(P, t->start, "number too long (over %d digits)", MAX_DIGITS);
}

/* Operators, ASCII or their Unicode forms (− × ÷). */
static bool lex_operator(parser *P, token *t)
{
    static const struct { const char *text; tok_kind kind; cmp_op cmp; } ops[] = {
        {"==", T_CMP, CMP_EQ}, {"<=", T_CMP, CMP_LE}, {">=", T_CMP, CMP_GE},
        {"<", T_CMP, CMP_LT},  {">", T_CMP, CMP_GT},  {"(", T_LPAREN, CMP_EQ},
        {")", T_RPAREN, CMP_EQ}, {"+", T_PLUS, CMP_EQ}, {"-", T_MINUS, CMP_EQ},
        {"\xe2\x88\x92", T_MINUS, CMP_EQ}, {"*", T_STAR, CMP_EQ},
        {"\xc3\x97", T_STAR, CMP_EQ}, {"/", T_SLASH, CMP_EQ}, {"\xc3\xb7", T_SLASH, CMP_EQ},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (has_prefix(P, P->pos, ops[i].text)) {
            t->kind = ops[i].kind;
            t->cmp = ops[i].cmp;
            P->pos += strlen(ops[i].text);
            return true;
        }
    return false;
}

/* Reads the next token into P->tok. */
static void next(parser *P)
{
    skip_space(P);
    token *t = &P->tok;
    memset(t, 0, sizeof *t);
    t->start = P->pos;
    if (P->pos >= P->len) {
        t->kind = T_END;
    } else if (cc_is_digit((unsigned char)P->src[P->pos])) {
        lex_number(P, t);
    } else if (is_ident_start((unsigned char)P->src[P->pos])) {
        while (P->pos < P->len && is_ident_char((unsigned char)P->src[P->pos]))
            P->pos++;
        t->kind = T_IDENT;
        if (P->pos - t->start > MAX_IDENT)
            fail(P, t->start, "field id too long (over %d bytes)", MAX_IDENT);
    } else if (!lex_operator(P, t)) {
        t->kind = T_BAD;
        if (has_prefix(P, P->pos, "!="))
            fail(P, P->pos, "'!=' is not supported; use ==, <=, >=, < or >");
        else if (has_prefix(P, P->pos, "="))
            fail(P, P->pos, "expected '==', found '='");
        else {
            char c[16];
            describe_char(P, P->pos, c);
            fail(P, P->pos, "unexpected character '%s'", c);
        }
    }
    t->end = P->pos;
}

/* The current token's text for a message, cut to a sensible length. */
static void describe_token(const parser *P, char out[40])
{
    size_t n = P->tok.end - P->tok.start;
    if (n > 32)
        n = 32;
    memcpy(out, P->src + P->tok.start, n);
    out[n] = '\0';
}

/* ---- parser --------------------------------------------------------------- */

/* "expected WHAT, found 'TOKEN'" at the current token. */
static int fail_found(parser *P, const char *what)
{
    char t[40];
    describe_token(P, t);
    return fail(P, P->tok.start, "expected %s, found '%s'", what, t);
}

/* "expected WHAT" at the end of the text, else fail_found(). */
static int fail_expected(parser *P, const char *what)
{
    if (P->tok.kind == T_END)
        return fail(P, P->tok.start, "expected %s", what);
    return fail_found(P, what);
}

static int add_node(parser *P, node_kind kind, int a, int b)
{
    cc_expr *e = P->e;
    if (e->nnodes >= CC_EXPR_MAX_NODES)
        return fail(P, P->tok.start, "expression too long (over %d terms)", CC_EXPR_MAX_NODES);
    CC_GROW(e->nodes, e->cap, e->nnodes + 1);
    enode *n = &e->nodes[e->nnodes];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->a = a;
    n->b = b;
    return (int)e->nnodes++;
}

/* Interns the identifier token and records the reference. */
static int add_field(parser *P, const token *t, bool in_days)
{
    cc_expr *e = P->e;
    const char *s = P->src + t->start;
    size_t n = t->end - t->start, i;
    for (i = 0; i < e->nids; i++)
        if (strlen(e->ids[i]) == n && memcmp(e->ids[i], s, n) == 0)
            break;
    if (i == e->nids) {
        CC_GROW(e->ids, e->idcap, e->nids + 1);
        e->ids[e->nids++] = cc_xstrndup(s, n);
    }
    CC_GROW(e->refs, e->refcap, e->nrefs + 1);
    e->refs[e->nrefs++] = (cc_expr_ref){e->ids[i], t->start, in_days};
    int k = add_node(P, in_days ? N_DAYS : N_FIELD, -1, -1);
    if (k >= 0)
        e->nodes[k].field = i;
    return k;
}

static int parse_sum(parser *P);

static int enter(parser *P)
{
    if (++P->depth > CC_EXPR_MAX_DEPTH)
        return fail(P, P->tok.start, "expression nested too deeply (over %d levels)",
                    CC_EXPR_MAX_DEPTH);
    return 0;
}

static bool ident_is(const parser *P, const char *word)
{
    size_t n = strlen(word);
    return P->tok.kind == T_IDENT && P->tok.end - P->tok.start == n &&
           memcmp(P->src + P->tok.start, word, n) == 0;
}

/* True when the next non-space byte after the current token is `c`. */
static bool followed_by(parser *P, char c)
{
    size_t save = P->pos;
    skip_space(P);
    bool yes = P->pos < P->len && P->src[P->pos] == c;
    P->pos = save;
    return yes;
}

static int expect(parser *P, tok_kind kind, const char *what)
{
    if (P->tok.kind == kind) {
        next(P);
        return P->failed ? -1 : 0;
    }
    return fail_expected(P, what);
}

/* "days" "(" FIELD ")"; the current token is "days". */
static int parse_days(parser *P)
{
    next(P); /* days */
    if (enter(P) < 0 || expect(P, T_LPAREN, "'('") < 0)
        return -1;
    if (P->tok.kind != T_IDENT)
        return fail_expected(P, "a field inside days()");
    token field = P->tok;
    next(P);
    int k = add_field(P, &field, true);
    if (k < 0 || expect(P, T_RPAREN, "')'") < 0)
        return -1;
    P->depth--;
    return k;
}

static int parse_primary(parser *P)
{
    if (P->failed)
        return -1;
    token t = P->tok;
    switch (t.kind) {
    case T_NUM: {
        next(P);
        int k = add_node(P, N_NUM, -1, -1);
        if (k >= 0)
            P->e->nodes[k].num = t.num;
        return P->failed ? -1 : k;
    }
    case T_IDENT:
        if (ident_is(P, "days") && followed_by(P, '('))
            return parse_days(P);
        next(P);
        return P->failed ? -1 : add_field(P, &t, false);
    case T_LPAREN: {
        if (enter(P) < 0)
            return -1;
        next(P);
        int k = parse_sum(P);
        if (k < 0 || expect(P, T_RPAREN, "')'") < 0)
            return -1;
        P->depth--;
        return k;
    }
    default:
        return fail_expected(P, "a number, a field or '('");
    }
}

static int parse_unary(parser *P)
{
    if (P->tok.kind != T_MINUS)
        return parse_primary(P);
    if (enter(P) < 0)
        return -1;
    next(P);
    int a = parse_unary(P);
    if (a < 0)
        return -1;
    P->depth--;
    return add_node(P, N_NEG, a, -1);
}

/* The binary operators, loosest level first (sum, then product: expr.h); each level's
 * operands are read at the next level, the last level's by parse_unary. */
typedef struct binary_op {
    tok_kind tok;
    node_kind node;
} binary_op;

static const binary_op binary_levels[][2] = {
    {{T_PLUS, N_ADD}, {T_MINUS, N_SUB}},
    {{T_STAR, N_MUL}, {T_SLASH, N_DIV}},
};
#define BINARY_LEVELS (sizeof binary_levels / sizeof binary_levels[0])
#define OPS_PER_LEVEL (sizeof binary_levels[0] / sizeof binary_levels[0][0])

/* The operator of `level` that the current token is, or NULL. */
static const binary_op *binary_at(const parser *P, size_t level)
{
    for (size_t i = 0; i < OPS_PER_LEVEL; i++)
        if (P->tok.kind == binary_levels[level][i].tok)
            return &binary_levels[level][i];
    return NULL;
}

/* operand (op operand)* at `level`, left-associative. */
static int parse_binary(parser *P, size_t level)
{
    if (level == BINARY_LEVELS)
        return parse_unary(P);
    int a = parse_binary(P, level + 1);
    const binary_op *op;
    while (a >= 0 && (op = binary_at(P, level)) != NULL) {
        next(P);
        int b = parse_binary(P, level + 1);
        a = b < 0 ? -1 : add_node(P, op->node, a, b);
    }
    return a;
}

static int parse_sum(parser *P)
{
    return parse_binary(P, 0);
}

/* cmp, between the two sides of a rule. */
static int parse_cmp(parser *P)
{
    if (P->tok.kind == T_END)
        return fail(P, P->tok.start, "expected a comparison (==, <=, >=, < or >)");
    if (P->tok.kind != T_CMP)
        return fail_found(P, "an operator or a comparison (==, <=, >=, < or >)");
    P->e->cmp = P->tok.cmp;
    next(P);
    return 0;
}

static int parse_rule(parser *P)
{
    P->e->lhs = parse_sum(P);
    if (P->e->lhs < 0 || parse_cmp(P) < 0)
        return -1;
    P->e->rhs = parse_sum(P);
    if (P->e->rhs < 0)
        return -1;
    if (P->tok.kind == T_CMP)
        return fail(P, P->tok.start, "only one comparison is allowed");
    if (P->tok.kind != T_END)
        return fail_found(P, "an operator or the end");
    return 0;
}

cc_expr *cc_expr_parse(const char *src, char *err, size_t errlen, size_t *err_offset)
{
    parser P = {.src = src, .err = err, .errlen = errlen, .err_offset = err_offset};
    if (err && errlen)
        err[0] = '\0';
    size_t len = strnlen(src, CC_EXPR_MAX_LEN + 1);
    if (len > CC_EXPR_MAX_LEN) {
        fail(&P, CC_EXPR_MAX_LEN, "expression too long (over %d bytes)", CC_EXPR_MAX_LEN);
        return NULL;
    }
    P.len = len;
    P.e = cc_xcalloc(1, sizeof *P.e);
    next(&P);
    if (!P.failed && P.tok.kind == T_END)
        fail(&P, 0, "empty expression");
    if (P.failed || parse_rule(&P) < 0) {
        cc_expr_free(P.e);
        return NULL;
    }
    return P.e;
}

void cc_expr_free(cc_expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nids; i++)
        free((char *)e->ids[i]);
    free(e->ids);
    free(e->refs);
    free(e->nodes);
    free(e);
}

size_t cc_expr_fields(const cc_expr *e, const char ***ids)
{
    *ids = e->ids;
    return e->nids;
}

size_t cc_expr_refs(const cc_expr *e, const cc_expr_ref **refs)
{
    *refs = e->refs;
    return e->nrefs;
}

/* ---- evaluation ----------------------------------------------------------- */

typedef struct evaluator {
    const cc_expr *e;
    cc_expr_lookup lookup;
    void *ctx;
    cc_expr_result *r;
} evaluator;

__attribute__((format(printf, 2, 3)))
static int not_evaluated(evaluator *E, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(E->r->why, sizeof E->r->why, fmt, ap);
    va_end(ap);
    return -1;
}

/* A product of interval ends where 0 × ∞ is 0: an exact zero stays zero. */
static double mul_end(double a, double b)
{
    return a == 0 || b == 0 ? 0 : a * b;
}

static cc_range range_mul(cc_range a, cc_range b)
{
    double p[4] = {mul_end(a.lo, b.lo), mul_end(a.lo, b.hi), mul_end(a.hi, b.lo),
                   mul_end(a.hi, b.hi)};
    cc_range r = {p[0], p[0]};
    for (int i = 1; i < 4; i++) {
        r.lo = fmin(r.lo, p[i]);
        r.hi = fmax(r.hi, p[i]);
    }
    return r;
}

static int eval_field(evaluator *E, const enode *n, cc_range *out)
{
    const char *id = E->e->ids[n->field];
    const cc_value *v = E->lookup(E->ctx, id);
    if (!v)
        return not_evaluated(E, "no value for '%s'", id);
    if (n->kind == N_DAYS) {
        if (v->type != CC_TYPE_PERIOD)
            return not_evaluated(E, "days() needs a period; '%s' is a %s", id,
                                 cc_type_name(v->type));
        *out = cc_period_days(v->start, v->end);
        return 0;
    }
    switch (v->type) {
    case CC_TYPE_NUMBER:
    case CC_TYPE_PERCENT:
    case CC_TYPE_MONEY:
        *out = v->range;
        return 0;
    case CC_TYPE_RANK:
        out->lo = out->hi = (double)v->position;
        return 0;
    case CC_TYPE_PERIOD:
        return not_evaluated(E, "field '%s' is a period; use days(%s)", id, id);
    case CC_TYPE_DATE:
        break;
    }
    return not_evaluated(E, "field '%s' is a date; a derived rule cannot compute with dates",
                         id);
}

static int eval_node(evaluator *E, int i, cc_range *out)
{
    const enode *n = &E->e->nodes[i];
    cc_range a, b;
    switch (n->kind) {
    case N_NUM:
        out->lo = out->hi = n->num;
        return 0;
    case N_FIELD:
    case N_DAYS:
        return eval_field(E, n, out);
    case N_NEG:
        if (eval_node(E, n->a, &a) < 0)
            return -1;
        out->lo = -a.hi;
        out->hi = -a.lo;
        return 0;
    default:
        break;
    }
    if (eval_node(E, n->a, &a) < 0 || eval_node(E, n->b, &b) < 0)
        return -1;
    switch (n->kind) {
    case N_ADD:
        *out = (cc_range){a.lo + b.lo, a.hi + b.hi};
        break;
    case N_SUB:
        *out = (cc_range){a.lo - b.hi, a.hi - b.lo};
        break;
    case N_MUL:
        *out = range_mul(a, b);
        break;
    default: /* N_DIV */
        if (b.lo <= 0 && b.hi >= 0)
            return not_evaluated(E, "division by an interval containing 0 ([%g, %g])", b.lo,
                                 b.hi);
        *out = range_mul(a, (cc_range){1 / b.hi, 1 / b.lo});
        break;
    }
    if (isnan(out->lo) || isnan(out->hi))
        return not_evaluated(E, "the result is not a number");
    return 0;
}

/* [lo - abs - rel*|lo|, hi + abs + rel*|hi|], leaving infinite ends alone. */
static cc_range widen(cc_range r, double abs_tol, double rel_tol)
{
    if (isfinite(r.lo))
        r.lo -= abs_tol + rel_tol * fabs(r.lo);
    if (isfinite(r.hi))
        r.hi += abs_tol + rel_tol * fabs(r.hi);
    return r;
}

cc_expr_result cc_expr_eval(const cc_expr *e, cc_expr_lookup lookup, void *ctx,
                            double tol_abs, double tol_rel)
{
    cc_expr_result r;
    memset(&r, 0, sizeof r);
    evaluator E = {e, lookup, ctx, &r};
    if (eval_node(&E, e->lhs, &r.lhs) < 0 || eval_node(&E, e->rhs, &r.rhs) < 0) {
        r.lhs = r.rhs = (cc_range){0, 0};
        return r;
    }
    r.evaluated = true;
    cc_range a = widen(r.lhs, tol_abs, tol_rel), b = widen(r.rhs, tol_abs, tol_rel);
    switch (e->cmp) {
    case CMP_EQ: r.holds = a.lo <= b.hi && b.lo <= a.hi; break;
    case CMP_LE: r.holds = a.lo <= b.hi; break;
    case CMP_LT: r.holds = a.lo < b.hi; break;
    case CMP_GE: r.holds = a.hi >= b.lo; break;
    case CMP_GT: r.holds = a.hi > b.lo; break;
    }
    return r;
}
