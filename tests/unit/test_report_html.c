/* Unit tests for report_html.c: escaping (a sentence holding <script> stays text), the
 * page's structure (a section per finding, a column per side, majority and location
 * badges, <mark> on the claim's words), the Content-Security-Policy hashes, no network,
 * long sentences, an empty run, write failures. Every test asserts exact text. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "report_fixture.h"
#include "report_html.h"
#include "sha256.h"

#define ELLIPSIS "\xE2\x80\xA6"

static char *render_html_with(const cc_run *run, const cc_report_opts *o)
{
    int rc = -2;
    char *t = fx_render(cc_report_html, run, o, &rc);
    ck_assert_int_eq(rc, 0);
    return t;
}

static char *render_html(const cc_run *run)
{
    cc_report_opts o = {.rulebook_path = "rules/egov-vn.yaml"};
    return render_html_with(run, &o);
}

#define ck_assert_has(text, part) \
    ck_assert_msg(strstr((text), (part)) != NULL, "missing: %s", (part))

/* Occurrences of `part` in `text`. */
static int count(const char *text, const char *part)
{
    int n = 0;
    size_t at = 0, len = strlen(text);
    while (at < len) {
        const char *p = strstr(text + at, part);
        if (!p)
            break;
        n++;
        at = (size_t)(p - text) + 1;
    }
    return n;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static char *escaped(const char *s, size_t n)
{
    cc_buf b = CC_BUF_INIT;
    cc_html_escape(&b, s, n);
    return cc_buf_detach(&b);
}

#define ck_assert_escape(s, expected)                 \
    do {                                              \
        char *e_ = escaped((s), sizeof(s) - 1);       \
        ck_assert_str_eq(e_, (expected));             \
        free(e_);                                     \
    } while (0)

/* A run over one document whose one claim sits in `sentence`, reported by a conflict
 * against a claim of a second document. */
static void two_side_run(fixture *fx, const char *path, const char *sentence, const char *value)
{
    memset(fx, 0, sizeof *fx);
    fx_rulebook(fx);
    cc_run_init(&fx->run, &fx->rb);
    cc_run_add_document(&fx->run, path);
    cc_run_add_document(&fx->run, "other.txt");
    cc_claim *c = fx_claim(&fx->run, 0, 0, 0, 2020, 3, 1, 0, sentence, value, value);
    c->value.type = CC_TYPE_RANK;
    c->value.position = 24;
    c->value.total = 24;
    c = fx_claim(&fx->run, 1, 0, 0, 2020, 1, 1, 0, "Xếp 24/47 châu Á.", "24/47", "24/47");
    c->value.type = CC_TYPE_RANK;
    c->value.position = 24;
    c->value.total = 47;
    cc_finding *f = fx_finding(&fx->run, CC_FIND_CONFLICT, 0, 0, CC_SEV_ERROR, "rank differs",
                               "0123456789abcdef", 0);
    f->subject = 0;
    f->scope = 2020;
    f->majority = -1;
    fx_sides(f, 2);
    fx_side(&f->sides[0], fx->run.claims[0].value, 1, 1, (const size_t[]){0});
    fx_side(&f->sides[1], fx->run.claims[1].value, 1, 1, (const size_t[]){1});
    cc_run_summarise(&fx->run, CC_SEV_ERROR);
}

/* ---- escaping ------------------------------------------------------------------- */

START_TEST(test_escape)
{
    ck_assert_escape("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    ck_assert_escape("a & b \"c\" 'd'", "a &amp; b &quot;c&quot; &#39;d&#39;");
    ck_assert_escape("&amp;", "&amp;amp;");
    ck_assert_escape("x\ty\nz\033[31m\x7f" "\xc2\x9b", "x\\ty\\nz\\x1b[31m\\x7f\\u009b");
    ck_assert_escape("\xff" "ok\xe1\xbb", "\\xffok\\xe1\\xbb");
    ck_assert_escape("a\xe2\x80\xae" "b", "a\\u202eb");
    ck_assert_escape("Tối thiểu 30% 【Tin】", "Tối thiểu 30% 【Tin】");
    ck_assert_escape("", "");
}
END_TEST

/* The claim's sentence holds markup: it shows as text, with the claim marked. */
START_TEST(test_script_in_sentence_is_text)
{
    fixture fx;
    two_side_run(&fx, "evil<b>.txt",
                 "<script>alert(1)</script> Việt Nam xếp 24/24 châu Á "
                 "<img src=x onerror=alert(2)>",
                 "24/24");
    char *t = render_html(&fx.run);
    ck_assert_has(t, "<blockquote>&lt;script&gt;alert(1)&lt;/script&gt; Việt Nam xếp "
                     "<mark>24/24</mark> châu Á &lt;img src=x onerror=alert(2)&gt;</blockquote>");
    ck_assert_ptr_null(strstr(t, "<script>alert"));
    ck_assert_ptr_null(strstr(t, "<img"));
    ck_assert_int_eq(count(t, "<script"), 1); /* the page's own */
    ck_assert_has(t, "<span class=\"loc\"><b>evil&lt;b&gt;.txt</b>:3:40</span>");
    free(t);
    fx_free(&fx);
}
END_TEST

/* Every string from the run is escaped: message, ids, paths, rulebook, diagnostics. */
START_TEST(test_every_string_escaped)
{
    fixture fx;
    fx_init(&fx);
    fx.rb.name = "<i>rb</i>";
    fx.subjects[0].id = "<u>vn</u>";
    fx.fields[1].id = "f<\"x\">";
    fx.rules[1].id = "r&'1'";
    free(fx.run.findings[0].message);
    fx.run.findings[0].message = cc_xstrdup("</h2><h1>hi</h1>");
    free(fx.run.docs[0].title);
    fx.run.docs[0].title = cc_xstrdup("<title>x</title>");
    free(fx.run.diags.v[0].message);
    fx.run.diags.v[0].message = cc_xstrdup("<b>bad</b>");
    cc_report_opts o = {.rulebook_path = "<rules>.yaml"};
    char *t = render_html_with(&fx.run, &o);
    ck_assert_has(t, "rulebook <b>&lt;i&gt;rb&lt;/i&gt;</b> <code>&lt;rules&gt;.yaml</code>");
    ck_assert_has(t, "subject <code>&lt;u&gt;vn&lt;/u&gt;</code>");
    ck_assert_has(t, "field <code>f&lt;&quot;x&quot;&gt;</code>");
    ck_assert_has(t, "<span class=\"rule\">r&amp;&#39;1&#39;</span>");
    ck_assert_has(t, "<h2>&lt;/h2&gt;&lt;h1&gt;hi&lt;/h1&gt;</h2>");
    ck_assert_has(t, "<td>&lt;title&gt;x&lt;/title&gt;</td>");
    ck_assert_has(t, "<td>&lt;b&gt;bad&lt;/b&gt;</td>");
    ck_assert_int_eq(count(t, "<h1>"), 1);
    ck_assert_int_eq(count(t, "<title>"), 1);
    free(t);
    fx_free(&fx);
}
END_TEST

/* ---- structure ------------------------------------------------------------------- */

START_TEST(test_structure)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_html(&fx.run);
    ck_assert(starts_with(t, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                             "<meta charset=\"utf-8\">\n"));
    ck_assert_has(t, "<title>crosscheck: 3 findings (1 error, 1 warning, 1 info) in 3 documents; "
                     "6 claims in 2 groups</title>");
    ck_assert_has(t, "<h1>3 findings in 3 documents</h1>");
    ck_assert_has(t, "<li class=\"stat s-documents\"><b>3</b><span>documents</span></li>\n"
                     "<li class=\"stat s-claims\"><b>6</b><span>claims</span></li>\n"
                     "<li class=\"stat s-groups\"><b>2</b><span>groups</span></li>\n"
                     "<li class=\"stat s-error\"><b>1</b><span>error</span></li>\n"
                     "<li class=\"stat s-warning\"><b>1</b><span>warning</span></li>\n"
                     "<li class=\"stat s-info\"><b>1</b><span>info</span></li>\n");
    /* a section per finding, in order, with its severity */
    ck_assert_int_eq(count(t, "<section class=\"finding "), 3);
    const char *f1 = strstr(t, "<section class=\"finding warning\" id=\"finding-1\" "
                               "data-severity=\"warning\">");
    const char *f2 = strstr(t, "<section class=\"finding error\" id=\"finding-2\" "
                               "data-severity=\"error\">");
    const char *f3 = strstr(t, "<section class=\"finding info\" id=\"finding-3\" "
                               "data-severity=\"info\">");
    ck_assert(f1 && f2 && f3 && f1 < f2 && f2 < f3);
    /* the filter: a checkbox per severity with its count */
    ck_assert_has(t, "<label class=\"chip error\"><input type=\"checkbox\" value=\"error\" "
                     "checked>errors <span class=\"c\">1</span></label>");
    ck_assert_has(t, "<span class=\"shown\" id=\"shown\">3 of 3 shown</span>");
    /* the conflict: two sides, the majority badged, the location marked */
    ck_assert_int_eq(count(t, "<div class=\"shead\">"), 3);
    ck_assert_has(t, "<div class=\"side majority\"><div class=\"shead\"><span class=\"value\">30%"
                     "</span><span class=\"docs\">2 documents</span><span class=\"badge maj\">"
                     "majority</span></div>");
    ck_assert_has(t, "<div class=\"side\"><div class=\"shead\"><span class=\"value\">50%</span>"
                     "<span class=\"docs\">1 document</span></div>");
    ck_assert_int_eq(count(t, "badge maj\">"), 1);
    ck_assert_has(t, "<li class=\"claim is-here\"><div class=\"top2\"><span class=\"loc\"><b>"
                     "c.txt</b>:4:170</span><span class=\"badge here\">reported here</span>");
    ck_assert_int_eq(count(t, "reported here</span>"), 2);
    ck_assert_has(t, "<li class=\"claim\"><div class=\"top2\"><span class=\"loc\"><b>a.txt</b>"
                     ":3:22</span><span class=\"as\">as written: &ldquo;30%&rdquo;</span></div>"
                     "<blockquote>Mục tiêu năm 2020 có <mark>30%</mark> dịch vụ công trực tuyến "
                     "mức độ 4.</blockquote></li>");
    ck_assert_has(t, "<div class=\"compat\"><h3>Compatible with several sides</h3>\n"
                     "<ul class=\"claims\">\n<li class=\"claim\"><div class=\"top2\"><span "
                     "class=\"loc\"><b>b.txt</b>:9:1</span>");
    ck_assert_has(t, "<blockquote><mark>Tối thiểu 30%</mark> dịch vụ công trực tuyến đạt mức "
                     "độ 4 trong năm 2020.</blockquote>");
    /* the tab in claim 6's sentence is not on the page: that claim is in no finding */
    ck_assert_int_eq(count(t, "<mark>"), 5);
    /* the input finding: its place, no sides */
    ck_assert_has(t, "<p class=\"meta\"><span class=\"loc\"><b>b.txt</b>:7:3</span>");
    /* documents and diagnostics */
    ck_assert_has(t, "<tr><td><span class=\"loc\"><b>a.txt</b></span></td><td>2020-08-26 "
                     "<span class=\"docs\">front-matter</span></td><td>Phiên họp thứ hai</td>"
                     "<td class=\"n\">2</td></tr>");
    ck_assert_has(t, "<summary>3 diagnostics</summary>");
    ck_assert_has(t, "<tr><td>crosscheck</td><td>info</td><td>usage</td>");
    ck_assert(ends_with(t, "</script>\n</body>\n</html>\n"));
    free(t);
    fx_free(&fx);
}
END_TEST

/* Paths show their folder muted and their file name in bold. */
START_TEST(test_path_split)
{
    fixture fx;
    two_side_run(&fx, "fixtures/seeds/004.txt", "Xếp 24/24 châu Á.", "24/24");
    char *t = render_html(&fx.run);
    ck_assert_has(t, "<span class=\"loc\">fixtures/seeds/<b>004.txt</b>:3:5</span>");
    ck_assert_int_eq(count(t, "<div class=\"shead\">"), 2);
    ck_assert_int_eq(count(t, "<div class=\"side majority\""), 0);
    ck_assert_int_eq(count(t, "badge maj\">"), 0);
    free(t);
    fx_free(&fx);
}
END_TEST

/* ---- self-contained ------------------------------------------------------------- */

static void base64(const unsigned char *d, size_t n, cc_buf *out)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)d[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)d[i + 1] << 8;
        if (i + 2 < n)
            v |= d[i + 2];
        cc_buf_addc(out, a[v >> 18 & 63]);
        cc_buf_addc(out, a[v >> 12 & 63]);
        cc_buf_addc(out, i + 1 < n ? a[v >> 6 & 63] : '=');
        cc_buf_addc(out, i + 2 < n ? a[v & 63] : '=');
    }
}

/* "'sha256-…'" of the text between `open` and `close` in t. */
static char *hash_between(const char *t, const char *open, const char *close)
{
    const char *a = strstr(t, open);
    ck_assert_ptr_nonnull(a);
    a += strlen(open);
    const char *b = strstr(a, close);
    ck_assert_ptr_nonnull(b);
    unsigned char d[32];
    cc_sha256 ctx;
    cc_sha256_init(&ctx);
    cc_sha256_update(&ctx, a, (size_t)(b - a));
    cc_sha256_final(&ctx, d);
    cc_buf out = CC_BUF_INIT;
    cc_buf_adds(&out, "'sha256-");
    base64(d, 32, &out);
    cc_buf_addc(&out, '\'');
    return cc_buf_detach(&out);
}

/* The policy allows exactly the page's style and script, and nothing else. */
START_TEST(test_content_security_policy)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_html(&fx.run);
    char *style = hash_between(t, "<style>", "</style>");
    char *script = hash_between(t, "<script>", "</script>");
    cc_buf want = CC_BUF_INIT;
    cc_buf_addf(&want, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                       "'none'; style-src %s; script-src %s; base-uri 'none'; form-action "
                       "'none'\">", style, script);
    ck_assert_has(t, want.data);
    ck_assert_int_eq(strlen(style), 53);
    cc_buf_free(&want);
    free(style);
    free(script);
    free(t);
    fx_free(&fx);
}
END_TEST

/* Nothing on the page points outside it. */
START_TEST(test_no_network)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_html(&fx.run);
    ck_assert_ptr_null(strstr(t, "://"));
    ck_assert_ptr_null(strstr(t, "<link"));
    ck_assert_ptr_null(strstr(t, " src="));
    ck_assert_ptr_null(strstr(t, "url("));
    ck_assert_ptr_null(strstr(t, "@import"));
    ck_assert_int_eq(count(t, "<style>"), 1);
    ck_assert_int_eq(count(t, "<script>"), 1);
    free(t);
    fx_free(&fx);
}
END_TEST

/* ---- sizes and edges ------------------------------------------------------------- */

/* A 200 kB sentence shows as a window around the claim, cut between words. */
START_TEST(test_long_sentence_window)
{
    cc_buf s = CC_BUF_INIT;
    for (int i = 0; i < 20000; i++)
        cc_buf_adds(&s, "chữ dài ");
    cc_buf_adds(&s, "xếp 24/24 châu Á ");
    for (int i = 0; i < 20000; i++)
        cc_buf_adds(&s, "cuối câu ");
    fixture fx;
    two_side_run(&fx, "x.txt", s.data, "24/24");
    char *t = render_html(&fx.run);
    ck_assert_uint_lt(strlen(t), 40000);
    const char *q = strstr(t, "<blockquote>");
    ck_assert_ptr_nonnull(q);
    q += strlen("<blockquote>");
    /* an ellipsis, then a whole word */
    ck_assert(starts_with(q, ELLIPSIS "chữ dài ") || starts_with(q, ELLIPSIS "dài chữ "));
    ck_assert_ptr_nonnull(strstr(q, "chữ dài xếp <mark>24/24</mark> châu Á cuối câu"));
    const char *end = strstr(q, "</blockquote>");
    ck_assert_ptr_nonnull(end);
    cc_buf shown = CC_BUF_INIT;
    cc_buf_add(&shown, q, (size_t)(end - q));
    ck_assert(ends_with(shown.data, "cuối câu" ELLIPSIS) ||
              ends_with(shown.data, "câu cuối" ELLIPSIS));
    /* about HTML_CONTEXT_BYTES (600) on each side */
    ck_assert_uint_gt(shown.len, 1000);
    ck_assert_uint_lt(shown.len, 1300);
    cc_buf_free(&shown);
    free(t);
    fx_free(&fx);
    cc_buf_free(&s);
}
END_TEST

/* Offsets that do not fit the sentence cannot make the page read outside it. */
START_TEST(test_value_offset_out_of_range)
{
    fixture fx;
    two_side_run(&fx, "x.txt", "Xếp 24/24 châu Á.", "24/24");
    fx.run.claims[0].value_in_sentence = 1000;
    char *t = render_html(&fx.run);
    ck_assert_has(t, "<blockquote>Xếp 24/24 châu Á.<mark></mark></blockquote>");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(test_no_findings)
{
    fixture fx;
    memset(&fx, 0, sizeof fx);
    fx_rulebook(&fx);
    cc_run_init(&fx.run, &fx.rb);
    cc_run_add_document(&fx.run, "x.txt");
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_html(&fx.run);
    ck_assert_has(t, "<h1>No conflicts in 1 document</h1>");
    ck_assert_has(t, "<p class=\"nofind\">The sources agree: nothing to report.</p>");
    ck_assert_has(t, "<li class=\"stat s-error zero\"><b>0</b><span>errors</span></li>");
    ck_assert_int_eq(count(t, "<section class=\"finding"), 0);
    ck_assert_ptr_null(strstr(t, "diagnostic"));
    free(t);
    fx_free(&fx);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("report_html");
    CC_TCASE(s, "core", NULL, NULL, test_escape, test_script_in_sentence_is_text,
             test_every_string_escaped, test_structure, test_path_split,
             test_content_security_policy, test_no_network, test_long_sentence_window,
             test_value_offset_out_of_range, test_no_findings);
    return s;
}
