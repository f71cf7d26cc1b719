/*
 * report_html.c — the self-contained HTML report: a header, summary counts, a severity
 * filter, one <section class="finding"> per finding with its sides side by side, then
 * the documents and the diagnostics.
 *
 * The style and the script are constants below; their SHA-256 (base64) goes into the
 * page's Content-Security-Policy, which allows nothing else. Everything from the run is
 * written through html_text(), the one escaping function. The page is written through
 * the kit's writer (report.h), flushed between findings, and a sentence shows at most
 * HTML_CONTEXT_BYTES on each side of its claim, so a 10 MB line costs no more than a
 * short one.
 */
#include "report_html.h"

#include <string.h>
#include "sha256.h"
#define HTML_CONTEXT_BYTES 600 /* of a sentence shown on each side of the claim */
#define WORD_SEARCH_BYTES 40   /* how far a cut sentence looks for a space to cut at */
#define ELLIPSIS "\xE2\x80\xA6"

/* ---- the page's style and script -------------------------------------------- */

static const char page_style[] =
    ":root{--bg:#f6f8fa;--card:#fff;--ink:#1f2328;--muted:#59636e;--faint:#818b98;"
    "--line:#d1d9e0;--soft:#eff2f5;--err:#cf222e;--err-bg:#ffebe9;--warn:#9a6700;"
    "--warn-bg:#fff8c5;--info:#0969da;--info-bg:#ddf4ff;--ok:#1a7f37;--ok-bg:#dafbe1;"
    "--ok-tint:#f5fbf7;--mark:#fff1a8;--mark-ink:#3b2300;--top:#1f2328}\n"
    "@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#151b23;--ink:#e6edf3;"
    "--muted:#9198a1;--faint:#768390;--line:#30363d;--soft:#212830;--err:#ff7b72;"
    "--err-bg:#3c1618;--warn:#d29922;--warn-bg:#37290b;--info:#58a6ff;--info-bg:#0c2d6b;"
    "--ok:#3fb950;--ok-bg:#0f3319;--ok-tint:#122117;--mark:#634d0b;--mark-ink:#fff5cc;"
    "--top:#010409}}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,"
    "-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Liberation Sans\",\"DejaVu Sans\","
    "Arial,sans-serif}\n"
    "code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,\"Liberation Mono\","
    "\"DejaVu Sans Mono\",monospace;font-size:.85em}\n"
    ".top{background:var(--top);color:#f0f6fc;padding:14px 0}\n"
    ".wrap{max-width:1160px;margin:0 auto;padding:0 28px}\n"
    ".top .wrap{display:flex;align-items:baseline;gap:16px;flex-wrap:wrap}\n"
    ".brand{font-weight:700;font-size:18px;letter-spacing:.2px}\n"
    ".brand .tag{font-weight:400;color:#9198a1;margin-left:6px}\n"
    ".top .rb{margin-left:auto;color:#c9d1d9;font-size:13px}\n"
    ".top .rb code{color:#9198a1}\n"
    "main.wrap{padding-top:24px;padding-bottom:48px}\n"
    "h1{font-size:24px;line-height:1.25;margin:0 0 4px;font-weight:600}\n"
    ".lead{color:var(--muted);margin:0 0 20px}\n"
    ".stats{display:grid;grid-template-columns:repeat(6,minmax(0,1fr));gap:12px;"
    "margin:0 0 20px;padding:0;list-style:none}\n"
    ".stat{background:var(--card);border:1px solid var(--line);border-radius:8px;"
    "padding:12px 16px}\n"
    ".stat b{display:block;font-size:26px;line-height:1.2;font-weight:600;"
    "font-variant-numeric:tabular-nums}\n"
    ".stat span{color:var(--muted);font-size:13px}\n"
    ".stat.s-error b{color:var(--err)}.stat.s-warning b{color:var(--warn)}"
    ".stat.s-info b{color:var(--info)}.stat.zero b{color:var(--faint)}\n"
    ".filter{display:flex;align-items:center;gap:8px;flex-wrap:wrap;margin:0 0 8px;"
    "padding:10px 12px;background:var(--card);border:1px solid var(--line);border-radius:8px}"
    "\n"
    ".filter .lbl{color:var(--muted);font-size:13px;margin-right:4px}\n"
    ".chip{display:inline-flex;align-items:center;gap:6px;padding:3px 12px 3px 8px;"
    "border:1px solid var(--line);border-radius:999px;font-size:13px;cursor:pointer;"
    "user-select:none;background:var(--soft)}\n"
    ".chip input{margin:0;accent-color:var(--ink)}\n"
    ".chip.error{color:var(--err)}.chip.warning{color:var(--warn)}.chip.info{color:var(--info)}"
    "\n"
    ".chip .c{color:var(--muted);font-variant-numeric:tabular-nums}\n"
    ".filter .shown{margin-left:auto;color:var(--muted);font-size:13px}\n"
    ".finding{background:var(--card);border:1px solid var(--line);border-radius:8px;"
    "margin:16px 0;overflow:hidden;border-top:3px solid var(--sev)}\n"
    ".finding[hidden],.filter[hidden]{display:none}\n"
    ".finding.error{--sev:var(--err);--sev-bg:var(--err-bg)}"
    ".finding.warning{--sev:var(--warn);--sev-bg:var(--warn-bg)}"
    ".finding.info{--sev:var(--info);--sev-bg:var(--info-bg)}\n"
    ".fhead{padding:14px 20px 12px;border-bottom:1px solid var(--line)}\n"
    ".fline{display:flex;align-items:center;gap:8px;flex-wrap:wrap;font-size:13px;"
    "color:var(--muted)}\n"
    ".fline .num{margin-left:auto;color:var(--faint)}\n"
    ".sev{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;"
    "font-weight:600;text-transform:uppercase;letter-spacing:.4px;color:var(--sev);"
    "background:var(--sev-bg);border:1px solid var(--sev)}\n"
    ".rule{font-weight:600;color:var(--ink)}\n"
    ".fhead h2{font-size:16px;line-height:1.4;font-weight:600;margin:6px 0 4px}\n"
    ".meta{margin:0;font-size:13px;color:var(--muted)}\n"
    ".meta code{color:var(--ink)}\n"
    ".meta .sep{color:var(--line);margin:0 6px}\n"
    ".loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,\"Liberation Mono\","
    "\"DejaVu Sans Mono\",monospace;font-size:12.5px;color:var(--muted);"
    "overflow-wrap:anywhere}\n"
    ".loc b{color:var(--ink);font-weight:600}\n"
    ".sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:1px;"
    "background:var(--line)}\n"
    ".side{background:var(--card);padding:14px 20px 16px;min-width:0}\n"
    ".side.majority{background:var(--ok-tint)}\n"
    ".shead{display:flex;align-items:baseline;gap:10px;flex-wrap:wrap;margin-bottom:8px}\n"
    ".value{font-size:22px;font-weight:650;font-variant-numeric:tabular-nums;"
    "overflow-wrap:anywhere}\n"
    ".docs{color:var(--muted);font-size:13px}\n"
    ".badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;"
    "font-weight:600}\n"
    ".badge.maj{color:var(--ok);background:var(--ok-bg);border:1px solid var(--ok)}\n"
    ".badge.here{color:var(--sev);background:var(--sev-bg)}\n"
    ".side .fid{display:block;font-size:12px;color:var(--muted)}\n"
    ".claims{list-style:none;margin:0;padding:0}\n"
    ".claim{margin:10px 0 0}\n"
    ".claim .top2{display:flex;align-items:center;gap:8px;flex-wrap:wrap}\n"
    ".claim .as{font-size:12px;color:var(--muted)}\n"
    "blockquote{margin:4px 0 0;padding:6px 10px;border-left:3px solid var(--line);"
    "background:var(--soft);border-radius:0 6px 6px 0;font-size:14px;line-height:1.6;"
    "overflow-wrap:anywhere}\n"
    ".claim.is-here blockquote{border-left-color:var(--sev)}\n"
    "mark{background:var(--mark);color:var(--mark-ink);padding:0 2px;border-radius:3px;"
    "font-weight:600;box-shadow:0 0 0 1px rgba(154,103,0,.25)}\n"
    ".compat{padding:12px 20px 16px;border-top:1px solid var(--line)}\n"
    ".compat h3,.docs-sec h3{font-size:13px;font-weight:600;margin:0;color:var(--muted);"
    "text-transform:uppercase;letter-spacing:.4px}\n"
    ".nofind{background:var(--card);border:1px dashed var(--line);border-radius:8px;"
    "padding:28px;text-align:center;color:var(--muted)}\n"
    "details.docs-sec{background:var(--card);border:1px solid var(--line);border-radius:8px;"
    "margin:24px 0 0;padding:12px 20px}\n"
    "details.docs-sec summary{cursor:pointer;font-weight:600}\n"
    "table{border-collapse:collapse;width:100%;margin-top:10px;font-size:13px}\n"
    "th,td{text-align:left;padding:6px 10px;border-top:1px solid var(--line);"
    "vertical-align:top}\n"
    "th{color:var(--muted);font-weight:600;border-top:0}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".skip{color:var(--err)}\n"
    "footer{color:var(--faint);font-size:12px;margin-top:32px}\n"
    "@media (max-width:760px){.stats{grid-template-columns:repeat(3,minmax(0,1fr))}"
    ".wrap{padding:0 14px}}\n"
    "@media print{:root{--bg:#fff;--card:#fff;--soft:#fff}body{font-size:11pt}"
    ".top{background:none;color:#000;border-bottom:1px solid #999}.top .rb,.top .rb code,"
    ".brand .tag{color:#333}.filter{display:none}.finding{break-inside:avoid}"
    "details.docs-sec{break-inside:avoid}mark{box-shadow:none;outline:1px solid #9a6700}}\n";

static const char page_script[] =
    "(function(){\n"
    "var bar=document.getElementById('filter');\n"
    "var boxes=bar.querySelectorAll('input[type=checkbox]');\n"
    "var findings=document.querySelectorAll('section.finding');\n"
    "var shown=document.getElementById('shown');\n"
    "function apply(){\n"
    "var on={},hide=[],n=0,i;\n"
    "for(i=0;i<boxes.length;i++){on[boxes[i].value]=boxes[i].checked;"
    "if(!boxes[i].checked)hide.push(boxes[i].value);}\n"
    "for(i=0;i<findings.length;i++){var v=on[findings[i].getAttribute('data-severity')]"
    "!==false;findings[i].hidden=!v;if(v)n++;}\n"
    "shown.textContent=n+' of '+findings.length+' shown';\n"
    "try{history.replaceState(null,'',hide.length?'#hide='+hide.join(','):"
    "location.pathname+location.search);}catch(e){}\n"
    "}\n"
    "var m=/(?:^#|&)hide=([a-z,]*)/.exec(location.hash);\n"
    "if(m){var h=m[1].split(',');for(var i=0;i<boxes.length;i++)"
    "if(h.indexOf(boxes[i].value)>=0)boxes[i].checked=false;}\n"
    "for(var j=0;j<boxes.length;j++)boxes[j].addEventListener('change',apply);\n"
    "bar.hidden=false;\n"
    "apply();\n"
    "})();\n";

/* ---- escaping ------------------------------------------------------------------ */

static bool html_escape_char(cc_buf *out, int32_t cp, const void *unused)
{
    switch (cp) {
    case '&': cc_buf_adds(out, "&amp;"); return true;
    case '<': cc_buf_adds(out, "&lt;"); return true;
    case '>': cc_buf_adds(out, "&gt;"); return true;
    case '"': cc_buf_adds(out, "&quot;"); return true;
    case '\'': cc_buf_adds(out, "&#39;"); return true;
    default: return false;
    }
}

void cc_html_escape(cc_buf *out, const char *s, size_t n)
{
    cc_report_clean(out, s, n, html_escape_char, NULL);
}

/* Escaped text; nothing for NULL. */
static void html_text(cc_buf *b, const char *s)
{
    if (s)
        cc_html_escape(b, s, strlen(s));
}

/* "'sha256-BASE64'" of a constant, for the Content-Security-Policy. */
static void add_csp_hash(cc_buf *b, const char *s)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char d[33] = {0};
    cc_sha256 ctx;
    cc_sha256_init(&ctx);
    cc_sha256_update(&ctx, s, strlen(s));
    cc_sha256_final(&ctx, d);
    cc_buf_adds(b, "'sha256-");
    for (size_t i = 0; i < 32; i += 3) {
        unsigned v = (unsigned)d[i] << 16 | (unsigned)d[i + 1] << 8 | d[i + 2];
        char quad[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], b64[v >> 6 & 63], b64[v & 63]};
        if (i + 1 >= 32)
            quad[2] = '=';
        if (i + 2 >= 32)
            quad[3] = '=';
        cc_buf_add(b, quad, 4);
    }
    cc_buf_addc(b, '\'');
}

/* ---- locations ------------------------------------------------------- */

/* PATH:LINE:COL, the folder muted and the file name in bold. */
static void add_location(cc_buf *b, const char *path, unsigned line, unsigned column)
{
    const char *p = path ? path : "";
    const char *slash = strrchr(p, '/');
    size_t dir = slash ? (size_t)(slash - p) + 1 : 0;
    cc_buf_adds(b, "<span class=\"loc\">");
    cc_html_escape(b, p, dir);
    cc_buf_adds(b, "<b>");
    html_text(b, p + dir);
    cc_buf_adds(b, "</b>");
    if (line) {
        cc_buf_addf(b, ":%u", line);
        if (column)
            cc_buf_addf(b, ":%u", column);
    }
    cc_buf_adds(b, "</span>");
}

/* ---- the page head and the summary --------------------------------------------- */

static void page_head(cc_buf *b, const cc_run *run, const cc_report_opts *o)
{
    cc_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src ");
    add_csp_hash(b, page_style);
    cc_buf_adds(b, "; script-src ");
    add_csp_hash(b, page_script);
    cc_buf_adds(b, "; base-uri 'none'; form-action 'none'\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"crosscheck " CC_VERSION "\">\n<title>");
    cc_buf summary = CC_BUF_INIT;
    cc_report_summary_line(run, &summary);
    cc_buf_adds(b, "crosscheck: ");
    html_text(b, summary.data);
    cc_buf_free(&summary);
    cc_buf_adds(b, "</title>\n<style>");
    cc_buf_adds(b, page_style);
    cc_buf_adds(b, "</style>\n</head>\n<body>\n<header class=\"top\"><div class=\"wrap\">"
                   "<span class=\"brand\">crosscheck<span class=\"tag\">report</span></span>");
    const char *rb_path = cc_report_rulebook_path(run, o);
    if (run->rb) {
        cc_buf_adds(b, "<span class=\"rb\">rulebook <b>");
        html_text(b, run->rb->name ? run->rb->name : rb_path);
        cc_buf_adds(b, "</b>");
        if (rb_path) {
            cc_buf_adds(b, " <code>");
            html_text(b, rb_path);
            cc_buf_adds(b, "</code>");
        }
        if (run->rb->sha256[0]) {
            cc_buf_adds(b, " <code title=\"sha256 ");
            html_text(b, run->rb->sha256);
            cc_buf_adds(b, "\">");
            cc_html_escape(b, run->rb->sha256, strnlen(run->rb->sha256, 12));
            cc_buf_adds(b, "</code>");
        }
        cc_buf_adds(b, "</span>");
    }
    cc_buf_adds(b, "</div></header>\n<main class=\"wrap\">\n");
}

static void add_stat(cc_buf *b, const char *cls, size_t n, const char *noun)
{
    cc_buf_addf(b, "<li class=\"stat s-%s%s\"><b>%zu</b><span>%s%s</span></li>\n", cls,
                n ? "" : " zero", n, noun,
                n == 1 ? "" : "s");
}

static void page_summary(cc_buf *b, const cc_run *run)
{
    const cc_summary *s = &run->summary;
    const char *noun = cc_report_finding_noun(run);
    cc_buf_adds(b, "<h1>");
    if (s->findings)
        cc_report_count(b, s->findings, noun);
    else
        cc_buf_addf(b, "No %ss", noun);
    cc_buf_adds(b, " in ");
    cc_report_count(b, s->documents, "document");
    cc_buf_adds(b, "</h1>\n<p class=\"lead\">");
    cc_buf line = CC_BUF_INIT;
    cc_report_summary_line(run, &line);
    html_text(b, line.data);
    cc_buf_free(&line);
    cc_buf_adds(b, "</p>\n<ul class=\"stats\">\n");
    add_stat(b, "documents", s->documents, "document");
    add_stat(b, "claims", s->claims, "claim");
    add_stat(b, "groups", s->groups, "group");
    add_stat(b, "error", s->errors, "error");
    add_stat(b, "warning", s->warnings, "warning");
    add_stat(b, "info", s->infos, "info");
    cc_buf_adds(b, "</ul>\n");
}

static void add_chip(cc_buf *b, const char *sev, const char *label, size_t n)
{
    cc_buf_addf(b, "<label class=\"chip %s\"><input type=\"checkbox\" value=\"%s\" checked>"
                   "%s <span class=\"c\">%zu</span></label>\n", sev, sev, label, n);
}

/* Hidden until the script runs: without it, it could not filter. */
static void page_filter(cc_buf *b, const cc_run *run)
{
    const cc_summary *s = &run->summary;
    cc_buf_adds(b, "<nav class=\"filter\" id=\"filter\" hidden aria-label=\"severity filter\">"
                   "<span class=\"lbl\">Show</span>\n");
    add_chip(b, "error", "errors", s->errors);
    add_chip(b, "warning", "warnings", s->warnings);
    add_chip(b, "info", "infos", s->infos);
    cc_buf_addf(b, "<span class=\"shown\" id=\"shown\">%zu of %zu shown</span></nav>\n",
                run->nfindings, run->nfindings);
}

/* ---- findings ------------------------------------------------------------------- */

/* The claim's sentence, at most HTML_CONTEXT_BYTES on each side of the value, with the
 * value in <mark>. */
static void add_sentence(cc_buf *b, const cc_claim *c)
{
    const char *s = c->sentence ? c->sentence : "";
    size_t n = strlen(s);
    size_t vs = c->value_in_sentence < n ? c->value_in_sentence : n;
    size_t vlen = c->value_text ? strlen(c->value_text) : 0;
    size_t ve = vlen < n - vs ? vs + vlen : n;
    size_t start = vs > HTML_CONTEXT_BYTES ? vs - HTML_CONTEXT_BYTES : 0;
    while (start > 0 && start < vs && ((unsigned char)s[start] & 0xC0) == 0x80)
        start++; /* start on a character, not inside one */
    size_t end = n - ve > HTML_CONTEXT_BYTES ? ve + HTML_CONTEXT_BYTES : n;
    while (end < n && end > ve && ((unsigned char)s[end] & 0xC0) == 0x80)
        end--;
    for (size_t i = 0; start > 0 && i < WORD_SEARCH_BYTES && start + i < vs; i++)
        if (s[start + i] == ' ') {
            start += i + 1; /* cut between words */
            break;
        }
    for (size_t i = 0; end < n && i < WORD_SEARCH_BYTES && end - i > ve; i++)
        if (s[end - i - 1] == ' ') {
            end -= i + 1;
            break;
        }
    cc_buf_adds(b, "<blockquote>");
    if (start > 0)
        cc_buf_adds(b, ELLIPSIS);
    cc_html_escape(b, s + start, vs - start);
    cc_buf_adds(b, "<mark>");
    cc_html_escape(b, s + vs, ve - vs);
    cc_buf_adds(b, "</mark>");
    cc_html_escape(b, s + ve, end - ve);
    if (end < n)
        cc_buf_adds(b, ELLIPSIS);
    cc_buf_adds(b, "</blockquote>");
}

/* One claim: where it is, its words as written, its sentence. */
static void add_claim(cc_buf *b, const cc_run *run, const cc_claim *c, bool here)
{
    cc_buf_adds(b, here ? "<li class=\"claim is-here\"><div class=\"top2\">"
                        : "<li class=\"claim\"><div class=\"top2\">");
    add_location(b, cc_report_claim_path(run, c), c->line, c->column);
    if (here)
        cc_buf_adds(b, "<span class=\"badge here\">reported here</span>");
    cc_buf_adds(b, "<span class=\"as\">as written: &ldquo;");
    html_text(b, c->value_text);
    cc_buf_adds(b, "&rdquo;</span></div>");
    add_sentence(b, c);
    cc_buf_adds(b, "</li>\n");
}

static void add_side(cc_buf *b, const cc_run *run, const cc_finding *f, size_t s)
{
    const cc_side *side = &f->sides[s];
    bool majority = f->majority >= 0 && (size_t)f->majority == s;
    cc_buf_adds(b, majority ? "<div class=\"side majority\">" : "<div class=\"side\">");
    const cc_claim *first = side->nclaims ? cc_report_claim(run, (long)side->claims[0]) : NULL;
    const cc_field *fd = first ? cc_report_field(run, first->field) : NULL;
    if (f->kind == CC_FIND_DERIVED && fd) {
        cc_buf_adds(b, "<span class=\"fid\"><code>");
        html_text(b, fd->id);
        cc_buf_adds(b, "</code></span>");
    }
    cc_buf_adds(b, "<div class=\"shead\"><span class=\"value\">");
    cc_buf value = CC_BUF_INIT;
    /* as the messages write it: "8/2017–7/2019", "24/47", the first claim's own words */
    cc_value_words(&side->value, first ? first->value_text : NULL, &value);
    html_text(b, value.data);
    cc_buf_free(&value);
    cc_buf_adds(b, "</span><span class=\"docs\">");
    cc_report_count(b, side->ndocs > 0 ? (size_t)side->ndocs : 0, "document");
    cc_buf_adds(b, "</span>");
    if (majority)
        cc_buf_adds(b, "<span class=\"badge maj\">majority</span>");
    cc_buf_adds(b, "</div>\n<ul class=\"claims\">\n");
    for (size_t i = 0; i < side->nclaims; i++) {
        const cc_claim *c = cc_report_claim(run, (long)side->claims[i]);
        if (c)
            add_claim(b, run, c, f->location >= 0 && side->claims[i] == (size_t)f->location);
    }
    cc_buf_adds(b, "</ul></div>\n");
}

static void add_compatible(cc_buf *b, const cc_run *run, const cc_finding *f)
{
    if (f->ncompatible == 0)
        return;
    cc_buf_adds(b, "<div class=\"compat\"><h3>Compatible with several sides</h3>\n"
                   "<ul class=\"claims\">\n");
    for (size_t i = 0; i < f->ncompatible; i++) {
        const cc_claim *c = cc_report_claim(run, (long)f->compatible[i]);
        if (c)
            add_claim(b, run, c, false);
    }
    cc_buf_adds(b, "</ul></div>\n");
}

/* field · subject · scope · location · fingerprint */
static void add_meta(cc_buf *b, const cc_run *run, const cc_finding *f)
{
    static const char sep[] = "<span class=\"sep\">|</span>";
    const cc_field *fd = cc_report_field(run, f->field);
    const char *subject = cc_report_subject_id(run, f->subject);
    cc_buf_adds(b, "<p class=\"meta\">");
    if (fd) {
        cc_buf_adds(b, "field <code>");
        html_text(b, fd->id);
        cc_buf_adds(b, "</code>");
        cc_buf_adds(b, sep);
    }
    if (subject) {
        cc_buf_adds(b, "subject <code>");
        html_text(b, subject);
        cc_buf_adds(b, "</code>");
        cc_buf_adds(b, sep);
    }
    if (f->scope) {
        cc_buf_addf(b, "scope <code>%d</code>", f->scope);
        cc_buf_adds(b, sep);
    }
    const cc_claim *loc = cc_report_claim(run, f->location);
    if (loc)
        add_location(b, cc_report_claim_path(run, loc), loc->line, loc->column);
    else if (f->path && f->path[0])
        add_location(b, f->path, f->line, f->column);
    else
        cc_buf_adds(b, "the run as a whole");
    cc_buf_adds(b, sep);
    cc_buf_adds(b, "fingerprint <code>");
    cc_html_escape(b, f->fingerprint, strnlen(f->fingerprint, sizeof f->fingerprint));
    cc_buf_adds(b, "</code></p>\n");
}

static void add_finding(cc_buf *b, const cc_run *run, const cc_finding *f, size_t index)
{
    const char *sev = cc_severity_name(f->severity);
    cc_buf_addf(b, "<section class=\"finding %s\" id=\"finding-%zu\" data-severity=\"%s\">\n"
                   "<div class=\"fhead\"><div class=\"fline\"><span class=\"sev\">%s</span>",
                sev, index + 1, sev, sev);
    cc_buf rule = CC_BUF_INIT;
    cc_report_rule_id(run, f, &rule);
    cc_buf_adds(b, "<span class=\"rule\">");
    html_text(b, rule.data);
    cc_buf_free(&rule);
    cc_buf_addf(b, "</span><span>%s</span><a class=\"num\" href=\"#finding-%zu\">#%zu</a>"
                   "</div>\n<h2>",
                cc_finding_kind_name(f->kind), index + 1, index + 1);
    html_text(b, f->message);
    cc_buf_adds(b, "</h2>\n");
    add_meta(b, run, f);
    cc_buf_adds(b, "</div>\n");
    if (f->nsides) {
        cc_buf_adds(b, "<div class=\"sides\">\n");
        for (size_t s = 0; s < f->nsides; s++)
            add_side(b, run, f, s);
        cc_buf_adds(b, "</div>\n");
    }
    add_compatible(b, run, f);
    cc_buf_adds(b, "</section>\n");
}

/* ---- documents and diagnostics ----------------------------------------------------- */

static void page_documents(cc_writer *w, const cc_run *run)
{
    cc_buf *b = w->out;
    cc_buf_adds(b, "<details class=\"docs-sec\"><summary>");
    cc_report_count(b, run->ndocs, "document");
    cc_buf_adds(b, "</summary>\n<table><thead><tr><th>path</th><th>date</th><th>title</th>"
                   "<th class=\"n\">claims</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < run->ndocs; i++) {
        const cc_document *d = &run->docs[i];
        cc_buf_adds(b, "<tr><td>");
        add_location(b, d->path, 0, 0);
        if (d->skipped)
            cc_buf_adds(b, " <span class=\"skip\">skipped</span>");
        cc_buf_adds(b, "</td><td>");
        html_text(b, d->date[0] ? d->date : "-");
        if (d->date[0]) {
            cc_buf_adds(b, " <span class=\"docs\">");
            html_text(b, cc_date_from_name(d->date_from));
            cc_buf_adds(b, "</span>");
        }
        cc_buf_adds(b, "</td><td>");
        html_text(b, d->title ? d->title : "");
        cc_buf_addf(b, "</td><td class=\"n\">%zu</td></tr>\n", d->nclaims);
        cc_writer_maybe_flush(w);
    }
    cc_buf_adds(b, "</tbody></table></details>\n");
}

static void page_diagnostics(cc_writer *w, const cc_run *run)
{
    cc_buf *b = w->out;
    if (run->diags.n == 0)
        return;
    cc_buf_adds(b, "<details class=\"docs-sec\" open><summary>");
    cc_report_count(b, run->diags.n, "diagnostic");
    cc_buf_adds(b, "</summary>\n<table><thead><tr><th>where</th><th>severity</th><th>kind</th>"
                   "<th>message</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < run->diags.n; i++) {
        const cc_diag *d = &run->diags.v[i];
        cc_buf_adds(b, "<tr><td>");
        if (d->path && d->path[0])
            add_location(b, d->path, d->line, d->column);
        else
            cc_buf_adds(b, "crosscheck");
        cc_buf_adds(b, "</td><td>");
        html_text(b, cc_diag_fatal(d) ? "fatal" : cc_severity_name(d->severity));
        cc_buf_adds(b, "</td><td>");
        html_text(b, cc_diag_kind_name(d->kind));
        cc_buf_adds(b, "</td><td>");
        html_text(b, d->message);
        cc_buf_adds(b, "</td></tr>\n");
        cc_writer_maybe_flush(w);
    }
    cc_buf_adds(b, "</tbody></table></details>\n");
}

int cc_report_html(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    cc_writer w;
    cc_writer_to_file(&w, out);
    cc_buf *b = w.out;
    page_head(b, run, o);
    page_summary(b, run);
    page_filter(b, run);
    if (run->nfindings == 0)
        cc_buf_adds(b, "<p class=\"nofind\">The sources agree: nothing to report.</p>\n");
    for (size_t i = 0; i < run->nfindings; i++) {
        add_finding(b, run, &run->findings[i], i);
        cc_writer_maybe_flush(&w);
    }
    page_documents(&w, run);
    page_diagnostics(&w, run);
    cc_buf_adds(b, "<footer>Generated by crosscheck " CC_VERSION
                   ". This page is self-contained: it loads nothing from the network."
                   "</footer>\n</main>\n<script>");
    cc_buf_adds(b, page_script);
    cc_buf_adds(b, "</script>\n</body>\n</html>\n");
    return cc_writer_finish(&w);
}
