/*
 * libFuzzer harness: lint and the compiler agree on the slots of every pattern.
 *
 * The input is one pattern. Lint: it is written into a rulebook as a double-quoted YAML
 * string and loaded. Compile: it is compiled alone, in a rulebook made by hand, as if
 * lint had passed it. Both read slots with the lexer of patsyntax.h, so
 *   - lint refuses the pattern exactly when the compiler refuses one of its slots, and
 *     with the same message (lint may add "did you mean", the compiler names the field);
 *   - when lint accepts it, the loaded pattern is the input, and it compiles to the same
 *     slots, in the same order, as the pattern compiled alone;
 *   - PCRE2 finds a capturing group for every slot the lexer hands out (the compiler
 *     reports "never captures" otherwise, which only a user group named like ours under
 *     (?J) may cause).
 * Any difference aborts.
 */
#include <stdlib.h>
#include <string.h>
#include "pattern.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const char BASE[] = "version: 1\nname: t\nsubjects:\n  vn: {name: Việt Nam}\nfields:\n"
                           "  f:\n    type: number\n    subject: vn\n    patterns:\n      - \"";

/* Code points libyaml refuses in a document, or reads as line breaks: escaped. */
static bool needs_escape(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

/* The pattern as a double-quoted YAML scalar's content (valid UTF-8 in). */
static void yaml_quote(const char *s, size_t n, cc_buf *out)
{
    for (size_t i = 0; i < n;) {
        size_t len;
        int32_t cp = cc_utf8_decode(s + i, n - i, &len);
        if (cp == '\\' || cp == '"')
            cc_buf_addf(out, "\\%c", (char)cp);
        else if (needs_escape(cp))
            cc_buf_addf(out, "\\u%04X", (unsigned)cp);
        else
            cc_buf_add(out, s + i, len);
        i += len;
    }
}

/* A message with what only one side says taken out: the compiler's " in field 'f'" and
 * lint's "; did you mean ...". */
static void normalize(char *msg)
{
    char *in = strstr(msg, " in field 'f'");
    if (in)
        memmove(in, in + strlen(" in field 'f'"), strlen(in + strlen(" in field 'f'")) + 1);
    char *hint = strstr(msg, "; did you mean");
    if (hint)
        *hint = '\0';
}

/* Whether the compiler's message comes from a later stage than the slots. */
static bool after_slots(const char *msg)
{
    return strncmp(msg, "invalid regular expression", 26) == 0 ||
           strncmp(msg, "pattern of field", 16) == 0 || strstr(msg, "never captures: ");
}

static cc_rulebook *lint(const char *src, size_t n, cc_diags *d)
{
    cc_buf y = CC_BUF_INIT;
    cc_buf_adds(&y, BASE);
    yaml_quote(src, n, &y);
    cc_buf_adds(&y, "\"\n");
    cc_rulebook *rb = cc_rulebook_load_mem("t.yaml", y.data, y.len, d);
    cc_buf_free(&y);
    return rb;
}

static void same_slots(const cc_pattern *a, const cc_pattern *b)
{
    cc_slot ka[CC_MAX_SLOTS], kb[CC_MAX_SLOTS];
    size_t na = cc_pattern_slots(a, ka), nb = cc_pattern_slots(b, kb);
    if (na != nb || memcmp(ka, kb, na * sizeof *ka) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *src = (const char *)data;
    if (size == 0 || size > 4096 || memchr(data, 0, size) || !cc_utf8_valid(src, size))
        return 0;
    cc_pattern pat = {.source = cc_xstrndup(src, size), .mark = {1, 1}, .plain_scalar = true,
                      .sign = 1};
    cc_field field = {.id = "f", .type = CC_TYPE_NUMBER, .patterns = &pat, .npatterns = 1};
    cc_rulebook alone = {.path = "fuzz.yaml", .fields = &field, .nfields = 1};
    cc_qualifiers_default(&alone.qualifiers);
    cc_diags dc = {0}, dl = {0};
    int rc = cc_patterns_compile(&alone, &dc);
    char *compiled = cc_xstrdup(dc.n ? dc.v[0].message : "");
    if (strstr(compiled, "never captures: ") && !strstr(src, "cc_s"))
        abort(); /* the lexer handed out a slot that PCRE2 reads as text */
    cc_rulebook *rb = lint(src, size, &dl);
    if (!rb) {
        /* lint refused: the compiler refused a slot, with the same words */
        if (rc == 0 || !dl.n || after_slots(compiled))
            abort();
        char *linted = cc_xstrdup(dl.v[0].message);
        normalize(linted);
        normalize(compiled);
        if (strcmp(linted, compiled) != 0)
            abort();
        free(linted);
    } else {
        const cc_pattern *loaded = &rb->fields[0].patterns[0];
        if (rc < 0 && !after_slots(compiled))
            abort(); /* lint passed a slot the compiler refuses */
        if (strcmp(loaded->source, pat.source) != 0)
            abort(); /* the YAML quoting above is wrong, or the loader changed the pattern */
        cc_diags d2 = {0};
        (void)cc_patterns_compile(rb, &d2);
        same_slots(loaded, &pat);
        cc_diags_free(&d2);
        cc_rulebook_free(rb);
    }
    free(compiled);
    cc_patterns_release(&alone);
    cc_qualifiers_free(&alone.qualifiers);
    cc_diags_free(&dc);
    cc_diags_free(&dl);
    free(pat.source);
    return 0;
}
