/*
 * fuzz_report_formats.c — the SARIF, GitHub and HTML reporters on hostile strings and
 * positions (built as fuzz_report.c builds its run: the input's first bytes choose the
 * claims' offsets, lines, columns, values and the finding's shape; the rest, split at NUL
 * bytes, gives the sentence, the value's words, the match, the path and the message).
 * What they print is checked, and any breach aborts:
 *   - all: valid UTF-8;
 *   - SARIF: well-formed JSON (a small syntax checker below), no raw control characters
 *     but newlines;
 *   - GitHub: one line per finding, each starting with "::error ", "::warning " or
 *     "::notice ", then the summary line; no control characters but the newlines, no
 *     bidi controls (GitHub and HTML: shown as escapes);
 *   - HTML: every '<' starts a tag of the page's own (a known name), so no article
 *     text became markup; exactly one <script>; one <section> per finding.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_input.h"
#include "report_github.h"
#include "report_html.h"
#include "report_json.h"
#include "report_sarif.h"

enum { MAX_JSON_DEPTH = 64 };

static size_t count(const char *s, const char *part)
{
    size_t n = 0;
    for (const char *p = strstr(s, part); p; p = strstr(p + 1, part))
        n++;
    return n;
}

/* ---- a JSON syntax checker ---------------------------------------------------- */

typedef struct jp {
    const char *s;
    size_t n, i;
} jp;

static void jp_ws(jp *p)
{
    while (p->i < p->n && strchr(" \n\r\t", p->s[p->i]) && p->s[p->i])
        p->i++;
}

static int jp_value(jp *p, int depth);

static int jp_string(jp *p)
{
    if (p->i >= p->n || p->s[p->i] != '"')
        return -1;
    for (p->i++; p->i < p->n; p->i++) {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c == '"') {
            p->i++;
            return 0;
        }
        if (c < 0x20)
            return -1;
        if (c == '\\') {
            p->i++;
            if (p->i >= p->n || !strchr("\"\\/bfnrtu", p->s[p->i]) || !p->s[p->i])
                return -1;
            if (p->s[p->i] == 'u') {
                for (int k = 0; k < 4; k++)
                    if (++p->i >= p->n || !strchr("0123456789abcdefABCDEF", p->s[p->i]) ||
                        !p->s[p->i])
                        return -1;
            }
        }
    }
    return -1;
}

static int jp_number(jp *p)
{
    size_t start = p->i;
    if (p->i < p->n && p->s[p->i] == '-')
        p->i++;
    while (p->i < p->n && (cc_is_digit((unsigned char)p->s[p->i]) || strchr(".eE+-", p->s[p->i])) &&
           p->s[p->i])
        p->i++;
    return p->i > start ? 0 : -1;
}

static int jp_word(jp *p, const char *w)
{
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
        return -1;
    p->i += k;
    return 0;
}

/* An object or array; `close` is '}' or ']'. */
static int jp_container(jp *p, int depth, char close)
{
    p->i++;
    jp_ws(p);
    if (p->i < p->n && p->s[p->i] == close) {
        p->i++;
        return 0;
    }
    for (;;) {
        jp_ws(p);
        if (close == '}') {
            if (jp_string(p) < 0)
                return -1;
            jp_ws(p);
            if (p->i >= p->n || p->s[p->i++] != ':')
                return -1;
        }
        if (jp_value(p, depth + 1) < 0)
            return -1;
        jp_ws(p);
        if (p->i >= p->n)
            return -1;
        char c = p->s[p->i++];
        if (c == close)
            return 0;
        if (c != ',')
            return -1;
    }
}

static int jp_value(jp *p, int depth)
{
    if (depth > MAX_JSON_DEPTH)
        return -1;
    jp_ws(p);
    if (p->i >= p->n)
        return -1;
    switch (p->s[p->i]) {
    case '{': return jp_container(p, depth, '}');
    case '[': return jp_container(p, depth, ']');
    case '"': return jp_string(p);
    case 't': return jp_word(p, "true");
    case 'f': return jp_word(p, "false");
    case 'n': return jp_word(p, "null");
    default: return jp_number(p);
    }
}

static void check_json(const char *s, size_t n)
{
    jp p = {s, n, 0};
    if (jp_value(&p, 0) < 0)
        abort();
    jp_ws(&p);
    if (p.i != n)
        abort();
}

/* ---- HTML: only the page's own tags --------------------------------------------- */

static const char *const page_tags[] = {
    "html", "head", "meta", "title", "style", "body", "header", "div", "span", "b", "code",
    "main", "h1", "p", "ul", "li", "nav", "label", "input", "section", "a", "h2", "h3",
    "blockquote", "mark", "details", "summary", "table", "thead", "tbody", "tr", "th", "td",
    "footer", "script", NULL,
};

static void check_html_tags(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '<')
            continue;
        size_t j = i + 1;
        if (j < n && s[j] == '!') /* <!DOCTYPE html> only */
            continue;
        if (j < n && s[j] == '/')
            j++;
        size_t k = j;
        while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9')))
            k++;
        bool known = false;
        for (size_t t = 0; page_tags[t]; t++)
            if (strlen(page_tags[t]) == k - j && memcmp(page_tags[t], s + j, k - j) == 0)
                known = true;
        if (!known || k >= n || !strchr(" >", s[k]) || !s[k])
            abort();
        /* the page's own style and script are not markup */
        bool raw = s[j - 1] == '<' && ((k - j == 5 && memcmp(s + j, "style", 5) == 0) ||
                                        (k - j == 6 && memcmp(s + j, "script", 6) == 0));
        if (raw) {
            const char *end = strstr(s + k, s[j] == 's' && s[j + 1] == 't' ? "</style>"
                                                                          : "</script>");
            if (!end)
                abort();
            i = (size_t)(end - s);
        }
    }
}

/* ---- the harness -------------------------------------------------------------- */

static char *render(cc_reporter r, const cc_run *run, size_t *len)
{
    cc_report_opts o = {.rulebook_path = run->rb->path};
    return fuzz_render(r, run, &o, true, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_book bk;
    fuzz_book_init(&bk, data, size, 20, 2);
    const uint8_t *head = bk.head;
    char *const *piece = bk.piece;
    bk.fields[0] = (cc_field){.id = piece[4], .type = CC_TYPE_PERCENT, .description = piece[2]};
    bk.fields[1] = (cc_field){.id = "f.y", .type = CC_TYPE_RANK};
    bk.rule.message = head[16] & 1 ? piece[2] : NULL;
    bk.rule.derived = head[16] & 2 ? piece[1] : NULL;
    memcpy(bk.rb.sha256, "0123456789abcdef", 17);
    cc_run run;
    cc_document *d = fuzz_run_start(&run, &bk);
    d->title = head[16] & 4 ? cc_xstrdup(piece[2]) : NULL;
    cc_run_add_document(&run, piece[2]);
    fuzz_add_claim(&run, head, piece, piece[0], piece[1], piece[2]);
    cc_claim *c = fuzz_add_claim(&run, head, piece, piece[2], piece[4], piece[2]);
    c->field = (int)(head[17] % 3) - 1;
    c->doc = (int)(head[17] % 4) - 1;
    c->line = head[18];
    c->column = head[19];
    d->nclaims = 2;

    size_t nfind = 1 + head[19] % 3;
    for (size_t k = 0; k < nfind; k++) {
        cc_finding *f = cc_run_add_finding(&run);
        uint8_t h = (uint8_t)(head[9] + 37 * k);
        f->kind = (cc_finding_kind)(h % 5);
        f->rule = h & 8 ? 0 : h & 16 ? 5 : -1;
        f->field = (int)(h % 4) - 1;
        f->subject = h & 32 ? 0 : -1;
        f->scope = h & 64 ? 2020 : 0;
        f->severity = (cc_severity)((head[10] + k) % 3);
        f->message = cc_xstrdup(piece[4]);
        f->location = head[10] & 4 ? (k < 2 ? (long)k : 99) : -1; /* 99: out of range */
        f->path = h & 128 ? cc_xstrdup(piece[3]) : NULL;
        f->line = head[11];
        f->column = head[12];
        f->majority = (int)(head[13] % 4) - 1;
        if (head[16] & 8)
            memcpy(f->fingerprint, "0123456789abcdef", 17);
        f->nsides = head[11] % 3;
        f->sides = f->nsides ? cc_xcalloc(f->nsides, sizeof *f->sides) : NULL;
        for (size_t s = 0; s < f->nsides; s++) {
            f->sides[s].value = run.claims[s % 2].value;
            f->sides[s].ndocs = (int)s + 1;
            f->sides[s].nclaims = 2;
            f->sides[s].claims = cc_xmalloc(2 * sizeof(size_t));
            f->sides[s].claims[0] = s % 2;
            f->sides[s].claims[1] = (size_t)head[18]; /* maybe out of range */
        }
        f->ncompatible = head[17] & 1;
        f->compatible = f->ncompatible ? cc_xmalloc(sizeof(size_t)) : NULL;
        if (f->ncompatible)
            f->compatible[0] = head[17] >> 1;
    }
    cc_diag_addf(&run.diags, CC_SEV_WARNING, (cc_diag_kind)((unsigned char)piece[2][0] % cc_diag_kind_names.n), piece[3], CC_AT(head[18], head[19], UINT64_MAX), "%s", piece[4]);
    run.ngroups = 1;
    cc_run_summarise(&run, CC_SEV_ERROR);

    size_t len;
    char *t = render(cc_report_sarif, &run, &len);
    fuzz_check_utf8(t, len, "\n");
    check_json(t, len);
    free(t);

    t = render(cc_report_github, &run, &len);
    fuzz_check_shown(t, len, "\n", false); /* its commands are checked below */
    if (len == 0 || t[len - 1] != '\n')
        abort();
    size_t lines = 0;
    for (const char *p = t; *p; p = strchr(p, '\n') + 1) {
        if (lines < run.nfindings && strncmp(p, "::error ", 8) != 0 &&
            strncmp(p, "::warning ", 10) != 0 && strncmp(p, "::notice ", 9) != 0)
            abort();
        lines++;
    }
    if (lines != run.nfindings + 1)
        abort();
    free(t);

    t = render(cc_report_html, &run, &len);
    fuzz_check_shown(t, len, "\n", false);
    check_html_tags(t, len);
    if (count(t, "<script") != 1 || count(t, "<section class=\"finding") != run.nfindings)
        abort();
    free(t);

    cc_buf b = CC_BUF_INIT;
    cc_html_escape(&b, (const char *)data, size);
    fuzz_check_utf8(b.data, b.len, "");
    if (memchr(b.data, '<', b.len) || memchr(b.data, '>', b.len) || memchr(b.data, '"', b.len) ||
        memchr(b.data, '\'', b.len))
        abort();
    cc_buf_reset(&b);
    cc_github_escape(&b, (const char *)data, size, true);
    fuzz_check_utf8(b.data, b.len, "");
    if (memchr(b.data, ',', b.len) || memchr(b.data, ':', b.len))
        abort();
    cc_buf_reset(&b);
    cc_sarif_uri(&b, piece[0]);
    for (size_t i = 0; i < b.len; i++)
        if ((unsigned char)b.data[i] <= 0x20 || (unsigned char)b.data[i] >= 0x7F)
            abort();
    cc_buf_free(&b);

    cc_run_free(&run);
    fuzz_book_free(&bk);
    return 0;
}
