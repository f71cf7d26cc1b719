/*
 * report_github.c — GitHub Actions workflow commands: one `::error`, `::warning` or
 * `::notice` line per finding, positioned at the claim (file, line, col, endColumn),
 * titled with the rule id, the text report's notes appended to the message; then the
 * text report's summary line.
 *
 * Each line is built in a buffer and written whole, so memory stays bounded by the
 * largest finding however many there are.
 */
#include "report_github.h"
#include "report_text.h"

#include <string.h>
#include "report_json.h"
#include "report_sarif.h"

/* ---- escaping ---------------------------------------------------------------- */

static bool is_control(int32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

void cc_github_escape(cc_buf *out, const char *s, size_t n, bool property)
{
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = cc_report_utf8_next(s + i, n - i, &cp);
        if (cp < 0)
            cc_buf_adds(out, "\xEF\xBF\xBD"); /* U+FFFD */
        else if (cp == '%')
            cc_buf_adds(out, "%25");
        else if (cp == '\r')
            cc_buf_adds(out, "%0D");
        else if (cp == '\n')
            cc_buf_adds(out, "%0A");
        else if (property && cp == ':')
            cc_buf_adds(out, "%3A");
        else if (property && cp == ',')
            cc_buf_adds(out, "%2C");
        else if (is_control(cp))
            cc_buf_addc(out, ' ');
        else
            cc_buf_add(out, s + i, k);
        i += k;
    }
}

static void add_data(cc_buf *b, const char *s)
{
    if (s)
        cc_github_escape(b, s, strlen(s), false);
}

static void add_prop(cc_buf *b, const char *s)
{
    if (s)
        cc_github_escape(b, s, strlen(s), true);
}

/* ---- ids and claims ------------------------------------------------------------- */

static const cc_claim *claim_at(const cc_run *run, long i)
{
    return i >= 0 && (size_t)i < run->nclaims ? &run->claims[i] : NULL;
}

static const char *claim_path(const cc_run *run, const cc_claim *c)
{
    return c->doc >= 0 && (size_t)c->doc < run->ndocs ? run->docs[c->doc].path : "?";
}

static const char *command_name(cc_severity s)
{
    return s == CC_SEV_ERROR ? "error" : s == CC_SEV_WARNING ? "warning" : "notice";
}

/* ---- one finding --------------------------------------------------------------- */

/* "file=…,line=…,col=…,endColumn=…," for the claim (only what is known). */
static void add_claim_props(cc_buf *b, const cc_run *run, const cc_claim *c)
{
    cc_buf_adds(b, "file=");
    add_prop(b, claim_path(run, c));
    cc_buf_addc(b, ',');
    if (c->line == 0)
        return;
    unsigned end_line, end_col;
    cc_sarif_value_end(c, &end_line, &end_col);
    cc_buf_addf(b, "line=%u,", c->line);
    if (end_line != c->line)
        cc_buf_addf(b, "endLine=%u,", end_line);
    if (c->column > 0)
        cc_buf_addf(b, "col=%u,endColumn=%u,", c->column, end_col);
}

/* The same for a finding without a claim. */
static void add_finding_props(cc_buf *b, const cc_finding *f)
{
    if (!f->path || !f->path[0])
        return;
    cc_buf_adds(b, "file=");
    add_prop(b, f->path);
    cc_buf_addc(b, ',');
    if (f->line == 0)
        return;
    cc_buf_addf(b, "line=%u,", f->line);
    if (f->column > 0)
        cc_buf_addf(b, "col=%u,", f->column);
}

/* PATH:LINE:COL "TEXT", the text report's quote of a claim. */
static void add_claim_quote(cc_buf *b, const cc_run *run, const cc_claim *c)
{
    add_data(b, claim_path(run, c));
    cc_buf_addf(b, ":%u:%u \"", c->line, c->column);
    add_data(b, c->text);
    cc_buf_addc(b, '"');
}

/* The side the finding is reported at, or -1. */
static long location_side(const cc_finding *f)
{
    for (size_t s = 0; s < f->nsides && f->location >= 0; s++)
        for (size_t i = 0; i < f->sides[s].nclaims; i++)
            if (f->sides[s].claims[i] == (size_t)f->location)
                return (long)s;
    return -1;
}

/* The text report's notes, each after an escaped new line. */
static void add_notes(cc_buf *b, const cc_run *run, const cc_finding *f)
{
    long here = location_side(f);
    for (size_t s = 0; s < f->nsides; s++) {
        if ((long)s == here)
            continue;
        for (size_t i = 0; i < f->sides[s].nclaims; i++) {
            const cc_claim *c = claim_at(run, (long)f->sides[s].claims[i]);
            if (!c)
                continue;
            cc_buf_adds(b, "%0Anote: ");
            add_data(b, c->value_text);
            cc_buf_adds(b, " in ");
            add_claim_quote(b, run, c);
        }
    }
    for (size_t i = 0; i < f->ncompatible; i++) {
        const cc_claim *c = claim_at(run, (long)f->compatible[i]);
        if (!c)
            continue;
        cc_buf_adds(b, "%0Anote: compatible with several sides: ");
        add_claim_quote(b, run, c);
    }
}

static void add_finding(cc_buf *b, const cc_run *run, const cc_finding *f)
{
    const cc_claim *loc = claim_at(run, f->location);
    cc_buf id = CC_BUF_INIT;
    cc_sarif_rule_id(run, f, &id);
    cc_buf_addf(b, "::%s ", command_name(f->severity));
    if (loc)
        add_claim_props(b, run, loc);
    else
        add_finding_props(b, f);
    cc_buf_adds(b, "title=");
    add_prop(b, id.data);
    cc_buf_adds(b, "::");
    add_data(b, f->message);
    add_notes(b, run, f);
    cc_buf help = CC_BUF_INIT;
    if (cc_text_help(run, f, &help)) {
        cc_buf_adds(b, "%0Ahelp: ");
        add_data(b, help.data);
    }
    cc_buf_free(&help);
    cc_buf_addc(b, '\n');
    cc_buf_free(&id);
}

/* ---- the summary line ---------------------------------------------------------- */

void cc_github_summary_line(const cc_run *run, cc_buf *b)
{
    cc_text_summary_line(run, b);
}

/* Writes and empties the buffer; -1 when the write fails. */
static int flush_buf(FILE *out, cc_buf *b)
{
    int rc = 0;
    if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
        rc = -1;
    cc_buf_reset(b);
    return rc;
}

int cc_report_github(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    cc_buf b = CC_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < run->nfindings; i++) {
        add_finding(&b, run, &run->findings[i]);
        if (flush_buf(out, &b) < 0)
            rc = -1;
    }
    cc_github_summary_line(run, &b);
    cc_buf_addc(&b, '\n');
    if (flush_buf(out, &b) < 0)
        rc = -1;
    cc_buf_free(&b);
    if (fflush(out) != 0 || ferror(out))
        rc = -1;
    return rc;
}
