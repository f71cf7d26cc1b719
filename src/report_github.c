/*
 * report_github.c — GitHub Actions workflow commands: one `::error`, `::warning` or
 * `::notice` line per finding, positioned at the claim (file, line, col, endColumn),
 * titled with the rule id, the text report's notes appended to the message; then the
 * text report's summary line.
 *
 * Written through the kit's writer (report.h), flushed between findings.
 */
#include "report_github.h"

#include <string.h>

/* ---- escaping ---------------------------------------------------------------- */

/* GitHub's escapes; `property` points to whether a property value is escaped. */
static bool github_escape_char(cc_buf *out, int32_t cp, const void *property)
{
    bool in_property = *(const bool *)property;
    if (cp == '%')
        cc_buf_adds(out, "%25");
    else if (cp == '\r')
        cc_buf_adds(out, "%0D");
    else if (cp == '\n')
        cc_buf_adds(out, "%0A");
    else if (in_property && cp == ':')
        cc_buf_adds(out, "%3A");
    else if (in_property && cp == ',')
        cc_buf_adds(out, "%2C");
    else
        return false;
    return true;
}

void cc_github_escape(cc_buf *out, const char *s, size_t n, bool property)
{
    cc_report_clean(out, s, n, github_escape_char, &property);
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

/* ---- one finding --------------------------------------------------------------- */

static const char *command_name(cc_severity s)
{
    return s == CC_SEV_ERROR ? "error" : s == CC_SEV_WARNING ? "warning" : "notice";
}

/* "file=…,line=…,col=…,endColumn=…," for the claim (only what is known). */
static void add_claim_props(cc_buf *b, const cc_run *run, const cc_claim *c)
{
    cc_buf_adds(b, "file=");
    add_prop(b, cc_report_claim_path(run, c));
    cc_buf_addc(b, ',');
    if (c->line == 0)
        return;
    unsigned end_line, end_col;
    cc_report_value_end(c, &end_line, &end_col);
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
    add_data(b, cc_report_claim_path(run, c));
    cc_buf_addf(b, ":%u:%u \"", c->line, c->column);
    add_data(b, c->text);
    cc_buf_addc(b, '"');
}

/* The text report's notes, each after an escaped new line. */
static void add_notes(cc_buf *b, const cc_run *run, const cc_finding *f)
{
    cc_notes it;
    cc_notes_begin(&it, run, f, CC_NOTES_OTHER_SIDES);
    for (const cc_claim *c; (c = cc_notes_next(&it));) {
        if (it.side < f->nsides) {
            cc_buf_adds(b, "%0Anote: ");
            add_data(b, c->value_text);
            cc_buf_adds(b, " in ");
        } else {
            cc_buf_adds(b, "%0Anote: compatible with several sides: ");
        }
        add_claim_quote(b, run, c);
    }
}

static void add_finding(cc_buf *b, const cc_run *run, const cc_finding *f)
{
    const cc_claim *loc = cc_report_claim(run, f->location);
    cc_buf id = CC_BUF_INIT;
    cc_report_rule_id(run, f, &id);
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
    if (cc_report_help(run, f, &help)) {
        cc_buf_adds(b, "%0Ahelp: ");
        add_data(b, help.data);
    }
    cc_buf_free(&help);
    cc_buf_addc(b, '\n');
    cc_buf_free(&id);
}

/* ---- the report ---------------------------------------------------------------- */

int cc_report_github(FILE *out, const cc_run *run, const cc_report_opts *o)
{
    cc_writer w;
    cc_writer_to_file(&w, out);
    for (size_t i = 0; i < run->nfindings; i++) {
        add_finding(w.out, run, &run->findings[i]);
        cc_writer_maybe_flush(&w);
    }
    cc_report_summary_line(run, w.out);
    cc_buf_addc(w.out, '\n');
    return cc_writer_finish(&w);
}
