/*
 * pattern.c — rulebook patterns compiled once with PCRE2 and its JIT.
 *
 * A pattern's typed slots are replaced by named groups (`(?<cc_s0>FRAGMENT)`), the
 * result is compiled with UTF, UCP and CASELESS, and JIT-compiled when it is first
 * matched. Matching runs with a match context that caps the match count, the depth and
 * the heap, so a pathological pattern ends with CC_MATCH_LIMIT instead of hanging the run.
 *
 * Memory per pattern: PCRE2's JIT code for a pattern with a {number} slot is about
 * 96 KB, its compiled code 8 KB. So JIT compilation waits until a pattern is matched
 * (`rules lint` and patterns whose prefilter words never occur cost no JIT at all), JIT
 * code is capped in total (CC_JIT_MAX_BYTES: past it, patterns run in PCRE2's
 * interpreter, slower but as exact), and one match data block and one JIT stack serve
 * every pattern (a match's results are copied out before the next match).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pattern.h"

#include <assert.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "patcache.h"
#include "prefilter.h"
#include "sha256.h"

#define CACHE_FORMAT 1 /* bump when what a clean compilation depends on changes */
#define MAX_ANY 8 /* prefilter words in one set; a pattern with more alternatives gets none */

/* What a compiled pattern needs at match time. */
struct cc_compiled_pattern {
    pcre2_code *code;            /* compiled (or decoded from the pattern cache) */
    bool jit_tried;              /* the JIT was tried (or refused for the budget) */
    size_t searched;             /* bytes of subject searched before the JIT was tried */
    size_t jit_bytes;            /* its JIT code, counted in jit_total */
    uint32_t pairs;              /* ovector pairs a match fills: capture groups + 1 */
    uint64_t budget_epoch;       /* the budget `spent` counts for (cc_match_budget.epoch) */
    double spent;                /* seconds of matching within that budget */
    uint32_t slot_group[CC_MAX_SLOTS]; /* capture group number of each slot */
    cc_slot slot_kind[CC_MAX_SLOTS];
    size_t nslots;
    uint32_t group_subject, group_year, group_date; /* 0 when absent */
    char *required[CC_PREFILTER_MAX_LITERALS]; /* lowercase words or phrases, one of
                                                  which every match contains */
    size_t nrequired;            /* 0 when no such words are known */
    bool required_read;          /* `required` was read from the source (when first asked) */
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
    size_t slot_at[CC_MAX_SLOTS]; /* offset of each slot's '{' in the source */
    size_t nslots;
} expansion;

static cc_compiled_pattern *compiled(const cc_pattern *p);

static pcre2_match_context *match_ctx;
static pcre2_jit_stack *jit_stack;
static size_t live_rulebooks;
static pcre2_match_data *shared_md;   /* every pattern's matches */
static uint32_t shared_pairs;         /* ... its ovector pairs */
static size_t jit_total;              /* JIT code of the live compiled patterns */

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

/* The expansion of one capturing slot: a named group around the slot's fragment. */
static void expand_slot(const cc_rulebook *rb, const cc_slot_use *u, expansion *x)
{
    size_t before = x->re.len;
    cc_buf_addf(&x->re, "(?<cc_s%zu>", x->nslots);
    cc_slot_regex(u->kind, rb->locale, &rb->qualifiers, &x->re);
    cc_buf_addc(&x->re, ')');
    add_segment(x, u->start, x->re.len - before, true);
    x->slot_at[x->nslots] = u->start;
    x->kinds[x->nslots++] = u->kind;
}

/*
 * Expands the slots the pattern lexer finds; refuses, as the rulebook loader does, any
 * slot that cannot capture (unknown, quoted, in a class, one too many): -1 with the
 * message in `err` and the offset of its '{' in *err_off.
 */
static int expand(const cc_rulebook *rb, const char *src, const char *what, expansion *x,
                  cc_buf *err, size_t *err_off)
{
    size_t n = strlen(src), lit_start = 0;
    cc_slot_scan sc;
    cc_slot_use u;
    cc_slot_scan_init(&sc, src, n);
    while (cc_slot_scan_next(&sc, &u)) {
        if (u.problem != CC_SLOT_OK) {
            cc_slot_problem_message(src, &u, what, err);
            *err_off = u.start;
            return -1;
        }
        assert(x->nslots < CC_MAX_SLOTS);
        cc_buf_add(&x->re, src + lit_start, u.start - lit_start);
        add_segment(x, lit_start, u.start - lit_start, false);
        expand_slot(rb, &u, x);
        lit_start = u.end;
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

/*
 * Prefilter words. For each pattern, a small set of lowercase words of which every match
 * contains at least one ("châu", or one of "đông"/"asean"), found by reading the pattern:
 * literal runs at the top level (outside classes, not made optional by a quantifier), and
 * mandatory groups whose every alternative has such a word. The extractor looks for the
 * words with memchr/memcmp in the lowered sentence before running the regex: most
 * sentences hold none of them, and a failed lookup is far cheaper than a failed match.
 */
#define MIN_WORD 3     /* bytes; shorter words prove little */

typedef struct any_of {
    char *w[MAX_ANY];
    size_t n;          /* 0: nothing is known */
} any_of;

static void any_clear(any_of *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->w[i]);
    a->n = 0;
}

/* The shortest word of a set: how much a match of the set proves. 0 when empty. */
static size_t any_score(const any_of *a)
{
    size_t m = 0;
    for (size_t i = 0; i < a->n; i++)
        if (i == 0 || strlen(a->w[i]) < m)
            m = strlen(a->w[i]);
    return m;
}

static bool word_byte(char c)
{
    return (unsigned char)c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

/* The length of the {n}, {n,}, {n,m} or {,m} quantifier at s[i] == '{'; 1 when it is
 * none (PCRE2 then reads the '{' as a literal). */
static size_t quantifier_len(const char *s, size_t n, size_t i)
{
    size_t j = i + 1, lo = 0, hi = 0;
    while (j < n && s[j] >= '0' && s[j] <= '9')
        j++, lo++;
    if (j < n && s[j] == ',') {
        j++;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++, hi++;
    }
    return j < n && s[j] == '}' && (lo || hi) ? j + 1 - i : 1;
}

/* The index after the element starting at s[i]: an escape, a class, a slot, a
 * quantifier, a group (to its matching parenthesis), or one byte. */
static size_t skip_element(const char *s, size_t n, size_t i)
{
    if (s[i] == '\\')
        return i + 2 <= n ? i + 2 : n;
    if (s[i] == '[') {
        size_t j = i + 1;
        if (j < n && s[j] == '^')
            j++;
        if (j < n && s[j] == ']')
            j++;
        while (j < n && s[j] != ']')
            j += s[j] == '\\' ? 2 : 1;
        return j < n ? j + 1 : n;
    }
    if (s[i] == '{') { /* a slot or a quantifier; any other '{' is a literal brace,
                          and what follows it ('|' too) is read as usual */
        size_t slot = cc_slot_ref_len(s, n, i);
        return slot ? i + slot : i + quantifier_len(s, n, i);
    }
    if (s[i] == '(') {
        int depth = 0;
        size_t j = i;
        while (j < n) {
            if (s[j] == '\\' || s[j] == '[') {
                j = skip_element(s, n, j);
                continue;
            }
            if (s[j] == '(')
                depth++;
            else if (s[j] == ')' && --depth == 0)
                return j + 1;
            j++;
        }
        return n;
    }
    return i + 1;
}

/* A quantifier at s[i] that lets what precedes it be absent: ?, *, {0,...}. */
static bool optional_quantifier(const char *s, size_t n, size_t i)
{
    return i < n && (s[i] == '?' || s[i] == '*' || (s[i] == '{' && i + 1 < n && s[i + 1] == '0'));
}

static void any_one(any_of *a, const char *w, size_t len)
{
    cc_buf lower = CC_BUF_INIT;
    cc_lowercase(w, len, &lower);
    a->w[0] = cc_buf_detach(&lower);
    a->n = 1;
}

static bool required_any(const char *s, size_t n, int depth, any_of *out);

/* One alternative (no top-level '|'): its best literal word or mandatory group. */
static bool required_in_sequence(const char *s, size_t n, int depth, any_of *out)
{
    any_of best = {0}, cand;
    size_t run_start = 0, run_len = 0;
    for (size_t i = 0; i <= n;) {
        if (i < n && word_byte(s[i])) {
            if (!run_len)
                run_start = i;
            run_len++;
            i++;
            continue;
        }
        if (run_len) { /* a word ends; a quantifier after it makes its last letter optional */
            if (optional_quantifier(s, n, i) || (i < n && s[i] == '{'))
                run_len--;
            while (run_len && ((unsigned char)s[run_start + run_len] & 0xC0) == 0x80)
                run_len--; /* never end inside a multi-byte character */
            if (run_len >= MIN_WORD && run_len > any_score(&best)) {
                any_clear(&best);
                any_one(&best, s + run_start, run_len);
            }
            run_len = 0;
        }
        if (i >= n)
            break;
        size_t next = skip_element(s, n, i);
        bool group = s[i] == '(';
        bool assertion = group && i + 2 < n && s[i + 1] == '?' &&
                         (s[i + 2] == '=' || s[i + 2] == '!' ||
                          (s[i + 2] == '<' && i + 3 < n && (s[i + 3] == '=' || s[i + 3] == '!')));
        bool plain = group && !assertion &&
                     (s[i + 1] != '?' || (i + 2 < n && (s[i + 2] == ':' || s[i + 2] == '<')));
        if (plain && depth < 8 && !optional_quantifier(s, n, next)) {
            size_t body = s[i + 1] != '?' ? i + 1 : s[i + 2] == ':' ? i + 3 : i + 3;
            if (s[i + 1] == '?' && s[i + 2] == '<') /* (?<name>...) */
                while (body < next && s[body - 1] != '>')
                    body++;
            cand = (any_of){0};
            if (next - 1 > body && required_any(s + body, next - 1 - body, depth + 1, &cand) &&
                any_score(&cand) > any_score(&best)) {
                any_clear(&best);
                best = cand;
            } else {
                any_clear(&cand);
            }
        }
        i = next;
    }
    *out = best;
    return best.n > 0;
}

/* Every match contains one of out's words; false when nothing is known. */
static bool required_any(const char *s, size_t n, int depth, any_of *out)
{
    size_t start = 0;
    out->n = 0;
    for (size_t i = 0; i <= n;) {
        if (i < n && s[i] != '|') {
            i = skip_element(s, n, i);
            continue;
        }
        any_of alt = {0};
        bool ok = required_in_sequence(s + start, i - start, depth, &alt);
        if (!ok || out->n + alt.n > MAX_ANY) {
            any_clear(&alt);
            any_clear(out);
            return false;
        }
        for (size_t k = 0; k < alt.n; k++)
            out->w[out->n++] = alt.w[k];
        i++;
        start = i;
    }
    return out->n > 0;
}

static void read_required(const cc_pattern *p, cc_compiled_pattern *cp);

size_t cc_pattern_required(const cc_pattern *p, char *const **words)
{
    cc_compiled_pattern *cp = p->compiled;
    if (!cp)
        return 0;
    if (!cp->required_read) /* only field patterns are asked: the others never pay */
        read_required(p, cp);
    *words = cp->required;
    return cp->nrequired;
}

/* Where byte `off` of the pattern's source is in the rulebook. */
static cc_where where_in_pattern(const cc_pattern *p, size_t off)
{
    cc_mark m = cc_pattern_mark_at(p, off);
    return CC_AT(m.line, m.column, UINT64_MAX);
}

size_t cc_pattern_slots(const cc_pattern *p, cc_slot kinds[CC_MAX_SLOTS])
{
    const cc_compiled_pattern *cp = compiled(p);
    if (!cp)
        return 0;
    memcpy(kinds, cp->slot_kind, cp->nslots * sizeof *kinds);
    return cp->nslots;
}

static uint32_t group_number(pcre2_code *code, const char *name)
{
    int r = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
    return r > 0 ? (uint32_t)r : 0;
}

static uint32_t slot_group(pcre2_code *code, size_t i)
{
    char name[32]; /* "cc_s" and at most 20 digits */
    snprintf(name, sizeof name, "cc_s%zu", i);
    return group_number(code, name);
}

/* The first slot of `x` that has no group of its own in `code`, or x->nslots. */
static size_t missing_slot_group(pcre2_code *code, const expansion *x)
{
    size_t i = 0;
    while (i < x->nslots && slot_group(code, i) != 0)
        i++;
    return i;
}

static void fill_compiled(cc_compiled_pattern *cp, pcre2_code *code, const expansion *x)
{
    cp->code = code;
    uint32_t groups = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
    cp->pairs = groups + 1;
    cp->nslots = x->nslots;
    for (size_t i = 0; i < x->nslots; i++) {
        cp->slot_group[i] = slot_group(code, i);
        cp->slot_kind[i] = x->kinds[i];
    }
    cp->group_subject = group_number(code, "subject");
    cp->group_year = group_number(code, "year");
    cp->group_date = group_number(code, "date");
}

/*
 * The literals of prefilter.h read whole phrases ("lượt truy cập", "chính phủ điện tử")
 * where the words above keep one word: when their shortest is longer than the shortest
 * word, a sentence holds them far less often, and the pattern runs on fewer sentences.
 */
static void take_literals_if_better(const cc_pattern *p, cc_compiled_pattern *cp)
{
    char *lit[CC_PREFILTER_MAX_LITERALS];
    size_t n = cc_prefilter_literals(p->source, strlen(p->source), lit);
    size_t words = 0, phrases = 0;
    for (size_t i = 0; i < cp->nrequired; i++)
        if (i == 0 || strlen(cp->required[i]) < words)
            words = strlen(cp->required[i]);
    for (size_t i = 0; i < n; i++) {
        cc_buf lower = CC_BUF_INIT;
        cc_lowercase(lit[i], strlen(lit[i]), &lower);
        free(lit[i]);
        lit[i] = cc_buf_detach(&lower);
        if (i == 0 || strlen(lit[i]) < phrases)
            phrases = strlen(lit[i]);
    }
    bool better = n && phrases >= MIN_WORD && phrases > words;
    char **drop = better ? cp->required : lit;
    size_t ndrop = better ? cp->nrequired : n;
    for (size_t i = 0; i < ndrop; i++)
        free(drop[i]);
    if (better) {
        memcpy(cp->required, lit, n * sizeof *lit);
        cp->nrequired = n;
    }
}

/* Attaches the pattern's compiled state, without its code yet. */
static cc_compiled_pattern *prepare_one(cc_pattern *p)
{
    cc_compiled_pattern *cp = p->compiled;
    if (cp)
        return cp;
    cp = cc_xcalloc(1, sizeof *cp);
    p->compiled = cp;
    return cp;
}

/* Whether required_any() can read s: its element reader knows escapes of two bytes,
 * classes, braces and groups, not \cX (which takes any character, '(' too), \Q..\E,
 * comments, (?x), or verbs such as (*ACCEPT) and (*:NAME) (whose names may hold any
 * character); the pattern lexer finds the first ones, a "(*" anywhere the last. */
static bool words_readable(const char *s, size_t n)
{
    cc_patlex lx;
    cc_pattok t;
    if (strstr(s, "(*"))
        return false;
    cc_patlex_init(&lx, s, n);
    while (cc_patlex_next(&lx, &t))
        if (lx.extended || t.kind == CC_PATTOK_QUOTED || t.kind == CC_PATTOK_COMMENT ||
            (t.kind == CC_PATTOK_ESCAPE && t.end - t.start > 2 && s[t.start + 1] == 'c'))
            return false;
    return true;
}

/* The pattern's prefilter words, read from its source when first asked for. */
static void read_required(const cc_pattern *p, cc_compiled_pattern *cp)
{
    any_of req = {0};
    size_t n = strlen(p->source);
    cp->required_read = true;
    if (words_readable(p->source, n) && required_any(p->source, n, 0, &req)) {
        memcpy(cp->required, req.w, req.n * sizeof *req.w);
        cp->nrequired = req.n;
    }
    take_literals_if_better(p, cp);
}

/* Compiles one pattern; `what` names it in messages ("field 'x'"). */
static int compile_one(const cc_rulebook *rb, cc_pattern *p, const char *what, cc_diags *d)
{
    expansion x = {.re = CC_BUF_INIT};
    cc_buf err = CC_BUF_INIT;
    size_t err_off = 0;
    int rc = -1;
    cc_compiled_pattern *cp = prepare_one(p);
    if (cp->code)
        return 0;
    if (expand(rb, p->source, what, &x, &err, &err_off) < 0) {
        cc_error_at(d, CC_DIAG_RULEBOOK, rb->path, where_in_pattern(p, err_off), "%s", err.data);
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
        cc_error_at(d, CC_DIAG_RULEBOOK, rb->path, where_in_pattern(p, src_off), "invalid regular expression in %s: %s (at offset %zu of the pattern)", what, (const char *)msg, src_off);
        goto out;
    }
    size_t lost = missing_slot_group(code, &x);
    if (lost < x.nslots) {
        /* Only a group of the user's that reuses our name under (?J) gets here: the
         * lexer hands out no slot that PCRE2 reads as text. */
        cc_error_at(d, CC_DIAG_RULEBOOK, rb->path, where_in_pattern(p, x.slot_at[lost]), "slot '{%s}' in %s never captures: the pattern has another group named 'cc_s%zu'", cc_slot_name(x.kinds[lost]), what, lost);
        pcre2_code_free(code);
        goto out;
    }
    fill_compiled(cp, code, &x);
    rc = 0;
out:
    cc_buf_free(&x.re);
    cc_buf_free(&err);
    free(x.seg);
    return rc;
}

/* The pattern's compiled state with its PCRE2 code; NULL when it has none (it did not
 * compile, or the rulebook was not compiled). */
static cc_compiled_pattern *compiled(const cc_pattern *p)
{
    cc_compiled_pattern *cp = p->compiled;
    return cp && cp->code ? cp : NULL;
}

/* A field's pattern must carry a slot that yields the field's type. */
static int check_field_slots(const cc_rulebook *rb, const cc_field *f, const cc_pattern *p,
                             cc_diags *d)
{
    const cc_compiled_pattern *cp = p->compiled;
    for (size_t i = 0; i < cp->nslots; i++)
        if (cc_slot_type(cp->slot_kind[i]) == f->type)
            return 0;
    return cc_error_at(d, CC_DIAG_RULEBOOK, rb->path, CC_AT(p->mark.line, p->mark.column, UINT64_MAX), "pattern of field '%s' has no slot of its type %s (expected {%s})", f->id, cc_type_name(f->type), f->type == CC_TYPE_DATE ? "date} or {year" : cc_type_name(f->type));
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
    if (rb->release_compiled != cc_patterns_release)
        live_rulebooks++;
    rb->release_compiled = cc_patterns_release;
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

/*
 * What a clean compilation of rb depends on, as text: the key of its record in the
 * pattern cache (patcache.h). The slot expansions are hashed in (they come from slot.c,
 * the locale and the rulebook's qualifiers), so that a build whose slots changed under
 * the same version number does not trust another build's record. Empty (no caching)
 * for a rulebook without a hash.
 */
static void cache_key(const cc_rulebook *rb, cc_buf *out)
{
    if (!rb->sha256[0])
        return;
    char version[64] = "";
    pcre2_config(PCRE2_CONFIG_VERSION, version);
    cc_buf slots = CC_BUF_INIT;
    for (int k = 0; k < CC_SLOT_COUNT_; k++)
        cc_slot_regex((cc_slot)k, rb->locale, &rb->qualifiers, &slots);
    char hex[65];
    cc_sha256_hex(slots.data, slots.len, hex);
    cc_buf_free(&slots);
    cc_buf_addf(out, "crosscheck %s, compiled rulebook record %d\npcre2 %s\nrulebook sha256 %s\n"
                "locale %d\nslot expansions sha256 %s\n", CC_VERSION, CACHE_FORMAT, version,
                rb->sha256, (int)rb->locale, hex);
}

typedef struct pattern_list {
    cc_pattern **v;
    size_t n, cap;
} pattern_list;

static void add_list(pattern_list *l, cc_pattern *v, size_t n)
{
    CC_GROW(l->v, l->cap, l->n + n + 1);
    for (size_t i = 0; i < n; i++)
        l->v[l->n++] = &v[i];
}

/* Every pattern of the rulebook, in one fixed order (the order of the cache's codes);
 * the caller frees the array. */
static size_t all_patterns(cc_rulebook *rb, cc_pattern ***out)
{
    pattern_list l = {0};
    add_list(&l, rb->date_patterns, rb->ndate_patterns);
    add_list(&l, rb->skip, rb->nskip);
    add_list(&l, rb->require, rb->nrequire);
    for (size_t i = 0; i < rb->nfields; i++) {
        cc_field *f = &rb->fields[i];
        add_list(&l, f->patterns, f->npatterns);
        add_list(&l, f->scope_patterns, f->nscope_patterns);
        add_list(&l, f->context, f->ncontext);
    }
    *out = l.v;
    return l.n;
}

/* The slots of a pattern's source, as expand() finds them (the source compiled cleanly
 * when the cache's codes were made: every slot captures). */
static void slots_of(const char *src, expansion *x)
{
    cc_slot_scan sc;
    cc_slot_use u;
    x->nslots = 0;
    cc_slot_scan_init(&sc, src, strlen(src));
    while (cc_slot_scan_next(&sc, &u) && x->nslots < CC_MAX_SLOTS)
        if (u.problem == CC_SLOT_OK)
            x->kinds[x->nslots++] = u.kind;
}

/* Attaches the codes of the cache's record `bytes` to the rulebook's patterns; false
 * (nothing attached) when the record does not hold one code per pattern, each with
 * the groups its pattern's slots need. */
static bool attach_cached(cc_pattern **pats, size_t n, const char *bytes, size_t len)
{
    const uint8_t *b = (const uint8_t *)bytes;
    if (n == 0 || n > INT32_MAX || len < 16 ||
        pcre2_serialize_get_number_of_codes(b) != (int32_t)n)
        return false;
    pcre2_code **codes = cc_xcalloc(n, sizeof *codes);
    bool ok = pcre2_serialize_decode(codes, (int32_t)n, b, NULL) == (int32_t)n;
    expansion *xs = cc_xcalloc(n, sizeof *xs);
    for (size_t i = 0; ok && i < n; i++) {
        slots_of(pats[i]->source, &xs[i]);
        ok = missing_slot_group(codes[i], &xs[i]) == xs[i].nslots;
    }
    for (size_t i = 0; i < n; i++) {
        if (ok)
            fill_compiled(prepare_one(pats[i]), codes[i], &xs[i]);
        else
            pcre2_code_free(codes[i]); /* NULL-safe: those not decoded */
    }
    free(xs);
    free(codes);
    return ok;
}

/* Writes the rulebook's compiled codes to the cache under `key`. */
static void cache_codes(cc_pattern **pats, size_t n, const cc_buf *key)
{
    const pcre2_code **codes = cc_xcalloc(n ? n : 1, sizeof *codes);
    for (size_t i = 0; i < n; i++)
        codes[i] = ((cc_compiled_pattern *)pats[i]->compiled)->code;
    uint8_t *bytes = NULL;
    PCRE2_SIZE size = 0;
    if (n && n <= INT32_MAX &&
        pcre2_serialize_encode(codes, (int32_t)n, &bytes, &size, NULL) == (int32_t)n) {
        cc_pattern_cache_put(key->data, key->len, bytes, size);
        pcre2_serialize_free(bytes);
    }
    free(codes);
}

int cc_patterns_prepare(cc_rulebook *rb, cc_diags *d)
{
    cc_buf key = CC_BUF_INIT;
    cc_pattern **pats;
    size_t n = all_patterns(rb, &pats);
    cc_pattern_record record = {0};
    int rc = 0;
    if (cc_pattern_cache_available()) /* the key hashes every slot's regex: not for nothing */
        cache_key(rb, &key);
    if (key.len && cc_pattern_cache_get(key.data, key.len, &record) &&
        attach_cached(pats, n, record.payload, record.len)) {
        ensure_match_context();
        if (rb->release_compiled != cc_patterns_release)
            live_rulebooks++;
        rb->release_compiled = cc_patterns_release;
    } else if ((rc = cc_patterns_compile(rb, d)) == 0 && key.len) {
        cache_codes(pats, n, &key);
    }
    cc_pattern_record_close(&record);
    free(pats);
    cc_buf_free(&key);
    return rc;
}

static void release_list(cc_pattern *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cc_compiled_pattern *cp = v[i].compiled;
        if (!cp)
            continue;
        jit_total -= cp->jit_bytes;
        pcre2_code_free(cp->code);
        for (size_t k = 0; k < cp->nrequired; k++)
            free(cp->required[k]);
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
        pcre2_match_data_free(shared_md);
        match_ctx = NULL;
        jit_stack = NULL;
        shared_md = NULL;
        shared_pairs = 0;
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

/* JIT-compiles cp once it has searched CC_JIT_AFTER_BYTES of text (a subject that long
 * on its own is searched with JIT code from the start), while the JIT budget lasts; until
 * then, or past the budget, or when the platform has no JIT, PCRE2 interprets it: the
 * same matches, more slowly. Compiling to machine code costs as much as interpreting
 * some 50 KB: a one-file `check` never repays it, a run over a corpus does at once. */
static void jit_when_due(cc_compiled_pattern *cp, size_t subject_len)
{
    if (cp->jit_tried)
        return;
    cp->searched += subject_len;
    if (cp->searched < CC_JIT_AFTER_BYTES)
        return;
    cp->jit_tried = true;
    if (jit_total >= CC_JIT_MAX_BYTES || pcre2_jit_compile(cp->code, PCRE2_JIT_COMPLETE) != 0)
        return;
    size_t bytes = 0;
    pcre2_pattern_info(cp->code, PCRE2_INFO_JITSIZE, &bytes);
    cp->jit_bytes = bytes;
    jit_total += bytes;
}

size_t cc_pattern_jit_bytes(void)
{
    return jit_total;
}

/* The match data every pattern shares, with room for cp's groups. */
static pcre2_match_data *match_data_for(const cc_compiled_pattern *cp)
{
    if (cp->pairs > shared_pairs) {
        pcre2_match_data_free(shared_md);
        shared_pairs = cp->pairs > 16 ? cp->pairs : 16;
        shared_md = pcre2_match_data_create(shared_pairs, NULL);
        if (!shared_md) {
            shared_pairs = 0;
            return NULL;
        }
    }
    return shared_md;
}

cc_match_status cc_pattern_match(const cc_pattern *p, const char *subject, size_t len,
                                 size_t from, cc_match *m)
{
    cc_compiled_pattern *cp = compiled(p);
    if (!cp || from > len)
        return CC_MATCH_ERROR;
    ensure_match_context();
    jit_when_due(cp, len - from);
    pcre2_match_data *md = match_data_for(cp);
    if (!md)
        return CC_MATCH_ERROR;
    /* The reader hands out valid UTF-8 only; without this flag PCRE2 would validate the
     * whole subject on every call, which is quadratic over a long line. */
    int rc = pcre2_match(cp->code, (PCRE2_SPTR)subject, len, from, PCRE2_NO_UTF_CHECK, md,
                         match_ctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return CC_MATCH_NONE;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
        return CC_MATCH_LIMIT;
    if (rc < 0)
        return CC_MATCH_ERROR;
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    uint32_t count = pcre2_get_ovector_count(md);
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

/* ---- a budget of matching time --------------------------------------------------- */

static uint64_t budget_epochs; /* budgets started so far */

static double clock_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cc_match_budget_start(cc_match_budget *b, double seconds)
{
    *b = (cc_match_budget){.limit = seconds, .epoch = ++budget_epochs};
}

bool cc_match_budget_spent(const cc_match_budget *b)
{
    return b->spent > b->limit;
}

cc_match_status cc_pattern_match_within(const cc_pattern *p, cc_match_budget *b,
                                        const char *subject, size_t len, size_t from,
                                        cc_match *m)
{
    cc_compiled_pattern *cp = p->compiled;
    if (cc_match_budget_spent(b))
        return CC_MATCH_BUDGET;
    double t0 = clock_seconds();
    cc_match_status st = cc_pattern_match(p, subject, len, from, m);
    double dt = clock_seconds() - t0;
    b->spent += dt;
    if (cp) {
        if (cp->budget_epoch != b->epoch) {
            cp->budget_epoch = b->epoch;
            cp->spent = 0;
        }
        cp->spent += dt;
        if (cp->spent > b->costliest_spent) {
            b->costliest = p;
            b->costliest_spent = cp->spent;
        }
    }
    return st;
}

/* ---- explaining a pattern that does not match ------------------------------------ */

/* A quantifier starts at s[i]: '*', '+', '?', or '{' and a digit or ','. */
static bool quantifier_at(const char *s, size_t n, size_t i)
{
    return i < n && (s[i] == '*' || s[i] == '+' || s[i] == '?' ||
                     (s[i] == '{' && i + 1 < n && (cc_is_digit(s[i + 1]) || s[i + 1] == ',')));
}

/* Where the pattern may be cut: after each item at the top level that no quantifier
 * follows, up to the first top-level '|'. Returns how many offsets went into cuts[]. */
static size_t cut_points(const char *s, size_t n, size_t *cuts, size_t cap)
{
    cc_patlex lx;
    cc_pattok t;
    size_t count = 0;
    int depth = 0;
    cc_patlex_init(&lx, s, n);
    while (cc_patlex_next(&lx, &t)) {
        if (t.kind != CC_PATTOK_LITERAL) {
            if (depth == 0 && !quantifier_at(s, n, t.end) && count < cap)
                cuts[count++] = t.end;
            continue;
        }
        for (size_t i = t.start; i < t.end;) {
            if (s[i] == '|' && depth == 0)
                return count;
            if (s[i] == '{' && quantifier_at(s, n, i)) { /* a {m,n} is part of its item */
                while (i < t.end && s[i] != '}')
                    i++;
            }
            depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
            size_t len = 1;
            while (i + len < t.end && ((unsigned char)s[i + len] & 0xC0) == 0x80)
                len++;
            i += len;
            if (depth == 0 && i < n && !quantifier_at(s, n, i) && count < cap)
                cuts[count++] = i;
        }
    }
    return count;
}

/* Whether the first `n` bytes of `src`, compiled as a pattern of `rb`, match somewhere. */
static bool prefix_matches(const cc_rulebook *rb, const char *src, size_t n, const char *subject,
                           size_t len, cc_span *matched)
{
    char *prefix = cc_xstrndup(src, n);
    expansion x = {.re = CC_BUF_INIT};
    cc_buf err = CC_BUF_INIT;
    size_t err_off;
    bool found = false;
    if (expand(rb, prefix, "a prefix", &x, &err, &err_off) == 0) {
        int code_err;
        PCRE2_SIZE code_off;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)x.re.data, x.re.len,
                                         PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code_err,
                                         &code_off, NULL);
        if (code) {
            ensure_match_context();
            pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
            if (pcre2_match(code, (PCRE2_SPTR)subject, len, 0, 0, md, match_ctx) > 0) {
                const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
                *matched = (cc_span){ov[0], ov[1]};
                found = true;
            }
            pcre2_match_data_free(md);
            pcre2_code_free(code);
        }
    }
    cc_buf_free(&x.re);
    cc_buf_free(&err);
    free(x.seg);
    free(prefix);
    return found;
}

size_t cc_pattern_longest_prefix(const cc_rulebook *rb, const cc_pattern *p,
                                 const char *subject, size_t len, cc_span *matched)
{
    size_t n = strlen(p->source), cuts[256];
    size_t ncuts = cut_points(p->source, n, cuts, sizeof cuts / sizeof cuts[0]);
    *matched = (cc_span){SIZE_MAX, SIZE_MAX};
    for (size_t k = ncuts; k > 0; k--)
        if (cuts[k - 1] < n && prefix_matches(rb, p->source, cuts[k - 1], subject, len, matched) &&
            matched->end > matched->start) /* a lone \b matches nothing worth showing */
            return cuts[k - 1];
    *matched = (cc_span){SIZE_MAX, SIZE_MAX};
    return 0;
}
