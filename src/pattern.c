/*
 * pattern.c — rulebook patterns compiled once with PCRE2 and its JIT.
 *
 * A pattern's typed slots are replaced by named groups (`(?<cc_s0>FRAGMENT)`), the
 * result is compiled with UTF, UCP and CASELESS, then JIT-compiled. Matching runs with
 * a match context that caps the match count, the depth and the heap, so a pathological
 * pattern ends with CC_MATCH_LIMIT instead of hanging the run.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pattern.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* What a compiled pattern needs at match time. */
struct cc_compiled_pattern {
    pcre2_code *code;            /* compiled (and JIT-compiled when the JIT is available) */
    pcre2_match_data *md;        /* reused by every match of this pattern */
    uint32_t slot_group[CC_MAX_SLOTS]; /* capture group number of each slot */
    cc_slot slot_kind[CC_MAX_SLOTS];
    size_t nslots;
    uint32_t group_subject, group_year, group_date; /* 0 when absent */
    char *required;              /* lowercase word every match contains, or NULL */
};

/* One piece of the expansion, to map an offset in the expanded regex back to the source. */
typedef struct segment {
    size_t exp_start, exp_len;   /* in the expanded pattern */
    size_t src_start;            /* in the source pattern */
    bool slot;                   /* a slot expansion: every offset maps to its '{' */
} segment;

typedef struct expansion {
    cc_buf re;                   /* the expanded pattern */
    segment *seg;
    size_t nseg, capseg;
    cc_slot kinds[CC_MAX_SLOTS];
    size_t nslots;
} expansion;

static pcre2_match_context *match_ctx;
static pcre2_jit_stack *jit_stack;
static size_t live_rulebooks;

static void ensure_match_context(void)
{
    if (match_ctx)
        return;
    match_ctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(match_ctx, CC_PCRE_MATCH_LIMIT);
    pcre2_set_depth_limit(match_ctx, CC_PCRE_DEPTH_LIMIT);
    pcre2_set_heap_limit(match_ctx, 64 * 1024); /* KiB */
    jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (jit_stack)
        pcre2_jit_stack_assign(match_ctx, NULL, jit_stack);
}

static void add_segment(expansion *x, size_t src_start, size_t exp_len, bool slot)
{
    CC_GROW(x->seg, x->capseg, x->nseg + 1);
    x->seg[x->nseg++] = (segment){x->re.len - exp_len, exp_len, src_start, slot};
}

/* Length of a `{name}` slot reference at s[i] (0 when it is not one), and its kind. */
static size_t slot_at(const char *s, size_t n, size_t i, cc_slot *kind)
{
    if (s[i] != '{')
        return 0;
    size_t j = i + 1;
    while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || s[j] == '-'))
        j++;
    if (j >= n || s[j] != '}' || j == i + 1)
        return 0;
    return cc_slot_lookup(s + i + 1, j - i - 1, kind) == 0 ? j - i + 1 : 0;
}

/* Expands slots; returns -1 (with a message in `err`) when a pattern has too many. */
static int expand(const cc_rulebook *rb, const char *src, expansion *x, char *err, size_t errlen,
                  size_t *err_off)
{
    size_t n = strlen(src), lit_start = 0;
    for (size_t i = 0; i < n;) {
        cc_slot kind;
        size_t len;
        if (src[i] == '\\' && i + 1 < n) {
            i += 2;
            continue;
        }
        if (!(len = slot_at(src, n, i, &kind))) {
            i++;
            continue;
        }
        if (x->nslots == CC_MAX_SLOTS) {
            snprintf(err, errlen, "a pattern may hold at most %d slots", CC_MAX_SLOTS);
            *err_off = i;
            return -1;
        }
        cc_buf_add(&x->re, src + lit_start, i - lit_start);
        add_segment(x, lit_start, i - lit_start, false);
        size_t before = x->re.len;
        cc_buf_addf(&x->re, "(?<cc_s%zu>", x->nslots);
        cc_slot_regex(kind, rb->locale, &rb->qualifiers, &x->re);
        cc_buf_addc(&x->re, ')');
        add_segment(x, i, x->re.len - before, true);
        x->kinds[x->nslots++] = kind;
        i += len;
        lit_start = i;
    }
    cc_buf_add(&x->re, src + lit_start, n - lit_start);
    add_segment(x, lit_start, n - lit_start, false);
    return 0;
}

static size_t source_offset(const expansion *x, size_t exp_off)
{
    for (size_t i = 0; i < x->nseg; i++) {
        const segment *s = &x->seg[i];
        if (exp_off < s->exp_start + s->exp_len || i + 1 == x->nseg)
            return s->slot ? s->src_start : s->src_start + (exp_off - s->exp_start);
    }
    return 0;
}

/* The rulebook column of byte `off` of a pattern written as a one-line YAML scalar. */
static unsigned rulebook_column(const cc_pattern *p, size_t off)
{
    unsigned col = p->mark.column + (p->plain_scalar ? 0 : 1);
    for (size_t i = 0; i < off && p->source[i]; i++) {
        unsigned char c = (unsigned char)p->source[i];
        if ((c & 0xC0) != 0x80)
            col++;
        if (p->quoted_single && c == '\'')
            col++; /* written as '' */
    }
    return col;
}

/* Lowercases UTF-8 text code point by code point (utf8proc), for the prefilter. */
void cc_lowercase(const char *s, size_t n, cc_buf *out)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            cc_buf_addc(out, s[i]);
            i++;
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), enc);
        cc_buf_add(out, enc, (size_t)m);
        i += (size_t)k;
    }
}

/*
 * The longest plain word (3 bytes or more) that every match of the pattern must
 * contain, or NULL: a literal run at the top level of the pattern, outside groups and
 * classes, not made optional by a quantifier, in a pattern without top-level '|'.
 * The extractor looks for it with memmem() before running the regex: most sentences
 * hold no "châu" or "lượt", and a failed memmem is far cheaper than a failed match.
 */
static char *required_literal(const char *src)
{
    size_t n = strlen(src), best_start = 0, best_len = 0, run_start = 0, run_len = 0;
    int depth = 0;
    bool in_class = false;
    for (size_t i = 0; i <= n; i++) {
        char c = i < n ? src[i] : '\0';
        bool literal = false;
        if (in_class) {
            if (c == '\\' && i + 1 < n)
                i++;
            else if (c == ']')
                in_class = false;
        } else if (c == '\\' && i + 1 < n) {
            i++; /* an escape: \s, \d, \. ... ends a word either way */
        } else if (c == '[') {
            in_class = true;
        } else if (c == '{') { /* a quantifier {0,40} or a slot {rank}: not literal text */
            if (run_len)
                run_len--; /* as a quantifier it makes the last character optional */
            while (i + 1 < n && src[i + 1] != '}')
                i++;
        } else if (c == '(') {
            depth++;
        } else if (c == ')') {
            depth--;
        } else if (c == '|' && depth == 0) {
            return NULL;
        } else if (depth == 0 && ((unsigned char)c >= 0x80 || (c >= 'a' && c <= 'z') ||
                                  (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            literal = true;
        }
        if (literal) {
            if (!run_len)
                run_start = i;
            run_len++;
            continue;
        }
        /* a quantifier after a word makes its last character optional or repeated */
        if (run_len && (c == '?' || c == '*'))
            run_len--;
        if (run_len > best_len) {
            best_start = run_start;
            best_len = run_len;
        }
        run_len = 0;
    }
    /* do not end inside a multi-byte character (a quantifier may have cut one) */
    while (best_len && ((unsigned char)src[best_start + best_len] & 0xC0) == 0x80)
        best_len--;
    if (best_len < 3)
        return NULL;
    cc_buf lower = CC_BUF_INIT;
    cc_lowercase(src + best_start, best_len, &lower);
    return cc_buf_detach(&lower);
}

const char *cc_pattern_required(const cc_pattern *p)
{
    const cc_compiled_pattern *cp = p->compiled;
    return cp ? cp->required : NULL;
}

static uint32_t group_number(pcre2_code *code, const char *name)
{
    int r = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
    return r > 0 ? (uint32_t)r : 0;
}

/* Compiles one pattern; `what` names it in messages ("field 'x'"). */
static int compile_one(const cc_rulebook *rb, cc_pattern *p, const char *what, cc_diags *d)
{
    expansion x = {.re = CC_BUF_INIT};
    char err[256];
    size_t err_off = 0;
    int rc = -1;
    if (expand(rb, p->source, &x, err, sizeof err, &err_off) < 0) {
        cc_diag_add(d, true, CC_SEV_ERROR, "rulebook", rb->path, p->mark.line,
                    rulebook_column(p, err_off), UINT64_MAX, "%s in %s", err, what);
        goto out;
    }
    int code_err;
    PCRE2_SIZE code_off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)x.re.data, x.re.len,
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code_err,
                                     &code_off, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code_err, msg, sizeof msg);
        size_t src_off = source_offset(&x, code_off);
        cc_diag_add(d, true, CC_SEV_ERROR, "rulebook", rb->path, p->mark.line,
                    rulebook_column(p, src_off), UINT64_MAX,
                    "invalid regular expression in %s: %s (at offset %zu of the pattern)", what,
                    (const char *)msg, src_off);
        goto out;
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if absent */
    cc_compiled_pattern *cp = cc_xcalloc(1, sizeof *cp);
    cp->code = code;
    cp->md = pcre2_match_data_create_from_pattern(code, NULL);
    cp->nslots = x.nslots;
    for (size_t i = 0; i < x.nslots; i++) {
        char name[16];
        snprintf(name, sizeof name, "cc_s%zu", i);
        cp->slot_group[i] = group_number(code, name);
        cp->slot_kind[i] = x.kinds[i];
    }
    cp->group_subject = group_number(code, "subject");
    cp->group_year = group_number(code, "year");
    cp->group_date = group_number(code, "date");
    cp->required = required_literal(p->source);
    p->compiled = cp;
    rc = 0;
out:
    cc_buf_free(&x.re);
    free(x.seg);
    return rc;
}

/* A field's pattern must carry a slot that yields the field's type. */
static int check_field_slots(const cc_rulebook *rb, const cc_field *f, const cc_pattern *p,
                             cc_diags *d)
{
    const cc_compiled_pattern *cp = p->compiled;
    for (size_t i = 0; i < cp->nslots; i++)
        if (cc_slot_type(cp->slot_kind[i]) == f->type)
            return 0;
    return cc_diag_add(d, true, CC_SEV_ERROR, "rulebook", rb->path, p->mark.line,
                       p->mark.column, UINT64_MAX,
                       "pattern of field '%s' has no slot of its type %s (expected {%s})", f->id,
                       cc_type_name(f->type),
                       f->type == CC_TYPE_DATE ? "date} or {year" : cc_type_name(f->type));
}

static int compile_list(cc_rulebook *rb, cc_pattern *v, size_t n, const char *what, cc_diags *d)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        if (compile_one(rb, &v[i], what, d) < 0)
            rc = -1;
    return rc;
}

int cc_patterns_compile(cc_rulebook *rb, cc_diags *d)
{
    int rc = 0;
    cc_buf what = CC_BUF_INIT;
    ensure_match_context();
    live_rulebooks++;
    rc |= compile_list(rb, rb->date_patterns, rb->ndate_patterns, "document.date-patterns", d);
    rc |= compile_list(rb, rb->skip, rb->nskip, "document.skip", d);
    rc |= compile_list(rb, rb->require, rb->nrequire, "document.require", d);
    for (size_t i = 0; i < rb->nfields; i++) {
        cc_field *f = &rb->fields[i];
        cc_buf_reset(&what);
        cc_buf_addf(&what, "field '%s'", f->id);
        for (size_t j = 0; j < f->npatterns; j++) {
            if (compile_one(rb, &f->patterns[j], what.data, d) < 0)
                rc = -1;
            else if (check_field_slots(rb, f, &f->patterns[j], d) < 0)
                rc = -1;
        }
        cc_buf_reset(&what);
        cc_buf_addf(&what, "the scope of field '%s'", f->id);
        rc |= compile_list(rb, f->scope_patterns, f->nscope_patterns, what.data, d);
        cc_buf_reset(&what);
        cc_buf_addf(&what, "the context of field '%s'", f->id);
        rc |= compile_list(rb, f->context, f->ncontext, what.data, d);
    }
    cc_buf_free(&what);
    return rc ? -1 : 0;
}

static void release_list(cc_pattern *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cc_compiled_pattern *cp = v[i].compiled;
        if (!cp)
            continue;
        pcre2_match_data_free(cp->md);
        pcre2_code_free(cp->code);
        free(cp->required);
        free(cp);
        v[i].compiled = NULL;
    }
}

void cc_patterns_release(cc_rulebook *rb)
{
    bool had = false;
    for (size_t i = 0; i < rb->nfields && !had; i++)
        had = rb->fields[i].npatterns && rb->fields[i].patterns[0].compiled;
    release_list(rb->date_patterns, rb->ndate_patterns);
    release_list(rb->skip, rb->nskip);
    release_list(rb->require, rb->nrequire);
    for (size_t i = 0; i < rb->nfields; i++) {
        release_list(rb->fields[i].patterns, rb->fields[i].npatterns);
        release_list(rb->fields[i].context, rb->fields[i].ncontext);
        release_list(rb->fields[i].scope_patterns, rb->fields[i].nscope_patterns);
    }
    if (had && live_rulebooks && --live_rulebooks == 0 && match_ctx) {
        pcre2_match_context_free(match_ctx);
        pcre2_jit_stack_free(jit_stack);
        match_ctx = NULL;
        jit_stack = NULL;
    }
}

static cc_span group_span(const PCRE2_SIZE *ov, uint32_t count, uint32_t g)
{
    cc_span s = {SIZE_MAX, SIZE_MAX};
    if (g && g < count && ov[2 * g] != PCRE2_UNSET) {
        s.start = ov[2 * g];
        s.end = ov[2 * g + 1];
    }
    return s;
}

cc_match_status cc_pattern_match(const cc_pattern *p, const char *subject, size_t len,
                                 size_t from, cc_match *m)
{
    const cc_compiled_pattern *cp = p->compiled;
    if (!cp || from > len)
        return CC_MATCH_ERROR;
    ensure_match_context();
    /* The reader hands out valid UTF-8 only; without this flag PCRE2 would validate the
     * whole subject on every call, which is quadratic over a long line. */
    int rc = pcre2_match(cp->code, (PCRE2_SPTR)subject, len, from, PCRE2_NO_UTF_CHECK, cp->md,
                         match_ctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return CC_MATCH_NONE;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
        return CC_MATCH_LIMIT;
    if (rc < 0)
        return CC_MATCH_ERROR;
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(cp->md);
    uint32_t count = pcre2_get_ovector_count(cp->md);
    m->whole = (cc_span){ov[0], ov[1]};
    m->nslots = cp->nslots;
    for (size_t i = 0; i < cp->nslots; i++) {
        m->slots[i] = group_span(ov, count, cp->slot_group[i]);
        m->slot_kind[i] = cp->slot_kind[i];
    }
    m->subject = group_span(ov, count, cp->group_subject);
    m->year = group_span(ov, count, cp->group_year);
    m->date = group_span(ov, count, cp->group_date);
    return CC_MATCH_FOUND;
}
