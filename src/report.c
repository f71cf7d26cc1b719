/*
 * report.c — the reporter kit (see report.h): the writer, the JSON emitter, the run's
 * accessors, and what several formats print the same.
 */
#include "report.h"

#include <assert.h>
#include <math.h>
#include <string.h>
#include <utf8proc.h>
#include "text.h"

/* ---- the writer ---------------------------------------------------------------- */

void cc_writer_to_file(cc_writer *w, FILE *file)
{
    assert(file);
    *w = (cc_writer){.own = CC_BUF_INIT, .file = file};
    w->out = &w->own;
}

void cc_writer_to_buf(cc_writer *w, cc_buf *b)
{
    *w = (cc_writer){.out = b, .own = CC_BUF_INIT};
}

void cc_writer_flush(cc_writer *w)
{
    if (!w->file || w->out->len == 0)
        return;
    if (fwrite(w->out->data, 1, w->out->len, w->file) != w->out->len)
        w->failed = true;
    cc_buf_reset(w->out);
}

void cc_writer_maybe_flush(cc_writer *w)
{
    if (w->out->len >= CC_WRITER_FLUSH_BYTES)
        cc_writer_flush(w);
}

int cc_writer_finish(cc_writer *w)
{
    if (!w->file)
        return 0;
    cc_writer_flush(w);
    cc_buf_free(&w->own);
    if (fflush(w->file) != 0 || ferror(w->file))
        w->failed = true;
    return w->failed ? -1 : 0;
}

/* ---- the JSON emitter ---------------------------------------------------------- */

static void S_json_init(cc_json *j, bool pretty)
{
    j->w = &j->own;
    j->pretty = pretty;
    j->first = true;
    j->depth = 0;
    j->arrays = 0;
}

void cc_json_to_file(cc_json *j, FILE *file, bool pretty)
{
    cc_writer_to_file(&j->own, file);
    S_json_init(j, pretty);
}

void cc_json_to_buf(cc_json *j, cc_buf *b, bool pretty)
{
    cc_writer_to_buf(&j->own, b);
    S_json_init(j, pretty);
}

int cc_json_finish(cc_json *j)
{
    assert(j->depth == 0);
    return cc_writer_finish(j->w);
}

static bool S_in_array(const cc_json *j)
{
    return j->depth > 0 && (j->arrays >> (j->depth - 1) & 1);
}

static void S_newline(cc_json *j)
{
    if (!j->pretty)
        return;
    cc_buf_addc(j->w->out, '\n');
    for (unsigned i = 0; i < j->depth; i++)
        cc_buf_add(j->w->out, "  ", 2);
}

/* Before an array element or an object member. */
static void S_item(cc_json *j)
{
    if (!j->first)
        cc_buf_addc(j->w->out, ',');
    S_newline(j);
    j->first = false;
}

/* Before any value: in an array it starts an element (in an object the key did). */
static void S_value(cc_json *j)
{
    if (S_in_array(j))
        S_item(j);
}

static void S_open(cc_json *j, char bracket, bool array)
{
    assert(j->depth < CC_JSON_MAX_DEPTH);
    S_value(j);
    cc_buf_addc(j->w->out, bracket);
    if (array)
        j->arrays |= (uint64_t)1 << j->depth;
    else
        j->arrays &= ~((uint64_t)1 << j->depth);
    j->depth++;
    j->first = true;
}

void cc_json_object(cc_json *j)
{
    S_open(j, '{', false);
}

void cc_json_array(cc_json *j)
{
    S_open(j, '[', true);
}

void cc_json_end(cc_json *j)
{
    assert(j->depth > 0);
    bool array = S_in_array(j);
    j->depth--;
    if (!j->first)
        S_newline(j);
    cc_buf_addc(j->w->out, array ? ']' : '}');
    j->first = false;
}

void cc_json_key(cc_json *j, const char *key)
{
    assert(j->depth > 0 && !S_in_array(j));
    S_item(j);
    cc_json_string(j->w->out, key, strlen(key));
    cc_buf_adds(j->w->out, j->pretty ? ": " : ":");
}

void cc_json_null(cc_json *j)
{
    S_value(j);
    cc_buf_adds(j->w->out, "null");
}

void cc_json_bool(cc_json *j, bool v)
{
    S_value(j);
    cc_buf_adds(j->w->out, v ? "true" : "false");
}

/* The decimal digits of v (as printf's "%llu" writes them), without printf's cost:
 * every claim has four such members. */
static void S_add_uint(cc_buf *out, uint64_t v)
{
    char tmp[20];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    cc_buf_add(out, tmp + i, sizeof tmp - i);
}

void cc_json_uint(cc_json *j, uint64_t v)
{
    S_value(j);
    S_add_uint(j->w->out, v);
}

void cc_json_int(cc_json *j, long long v)
{
    S_value(j);
    if (v < 0)
        cc_buf_addc(j->w->out, '-');
    S_add_uint(j->w->out, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
}

void cc_json_double(cc_json *j, double x)
{
    if (isinf(x) || isnan(x)) {
        cc_json_null(j);
        return;
    }
    S_value(j);
    cc_format_double(x, j->w->out);
}

void cc_json_strn(cc_json *j, const char *s, size_t n)
{
    S_value(j);
    cc_json_string(j->w->out, s, n);
}

void cc_json_str(cc_json *j, const char *s)
{
    if (s)
        cc_json_strn(j, s, strlen(s));
    else
        cc_json_null(j);
}

void cc_json_kstr(cc_json *j, const char *key, const char *s)
{
    cc_json_key(j, key);
    cc_json_str(j, s);
}

void cc_json_kuint(cc_json *j, const char *key, uint64_t v)
{
    cc_json_key(j, key);
    cc_json_uint(j, v);
}

void cc_json_kint(cc_json *j, const char *key, long long v)
{
    cc_json_key(j, key);
    cc_json_int(j, v);
}

void cc_json_kbool(cc_json *j, const char *key, bool v)
{
    cc_json_key(j, key);
    cc_json_bool(j, v);
}

void cc_json_kdouble(cc_json *j, const char *key, double x)
{
    cc_json_key(j, key);
    cc_json_double(j, x);
}

void cc_json_kscope(cc_json *j, const char *key, int year)
{
    cc_json_key(j, key);
    if (year == 0) {
        cc_json_null(j);
        return;
    }
    char tmp[16]; /* "%d" of the year, as a string */
    size_t n = 0;
    if (year < 0)
        tmp[n++] = '-';
    char rev[12];
    size_t r = 0;
    for (unsigned v = year < 0 ? 0u - (unsigned)year : (unsigned)year; v || !r; v /= 10)
        rev[r++] = (char)('0' + v % 10);
    while (r)
        tmp[n++] = rev[--r];
    cc_json_strn(j, tmp, n);
}

void cc_json_summary(cc_json *j, const cc_summary *s)
{
    const struct {
        const char *key;
        size_t n;
    } counts[] = {
        {"documents", s->documents}, {"claims", s->claims},     {"groups", s->groups},
        {"findings", s->findings},   {"errors", s->errors},     {"warnings", s->warnings},
        {"infos", s->infos},
    };
    cc_json_key(j, "summary");
    cc_json_object(j);
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        cc_json_kuint(j, counts[i].key, counts[i].n);
    cc_json_kint(j, "exit_code", s->exit_code);
    cc_json_end(j);
}

/* The escape JSON (and Python) use for an ASCII byte, or NULL when it needs none. */
static const char *S_json_short_escape(unsigned char c)
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return NULL;
    }
}

/* Whether an ASCII byte goes into a JSON string as it is. */
static bool S_json_plain(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\' && c < 0x80;
}

/*
 * Runs of bytes that need no escape (plain ASCII and valid UTF-8 sequences, the whole
 * string in most cases) are copied with one append each, not byte by byte.
 */
void cc_json_string(cc_buf *out, const char *s, size_t n)
{
    cc_buf_addc(out, '"');
    size_t run = 0; /* start of the run of bytes copied as they are */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (S_json_plain(c)) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t k;
            if (cc_utf8_decode(s + i, n - i, &k) >= 0) {
                i += k;
                continue;
            }
            cc_buf_add(out, s + run, i - run);
            cc_buf_adds(out, CC_REPLACEMENT_UTF8);
            i += k;
            run = i;
            continue;
        }
        cc_buf_add(out, s + run, i - run);
        const char *esc = S_json_short_escape(c);
        if (esc) {
            cc_buf_adds(out, esc);
        } else {
            char u[7] = {'\\', 'u', '0', '0', "0123456789abcdef"[c >> 4],
                         "0123456789abcdef"[c & 0xF], '\0'};
            cc_buf_add(out, u, 6);
        }
        i++;
        run = i;
    }
    cc_buf_add(out, s + run, n - run);
    cc_buf_addc(out, '"');
}

/* ---- the run --------------------------------------------------------------------- */

const cc_claim *cc_report_claim(const cc_run *run, long i)
{
    return i >= 0 && (size_t)i < run->nclaims ? &run->claims[i] : NULL;
}

const cc_document *cc_report_doc(const cc_run *run, int i)
{
    return i >= 0 && (size_t)i < run->ndocs ? &run->docs[i] : NULL;
}

const cc_rule *cc_report_rule(const cc_run *run, int i)
{
    return run->rb && i >= 0 && (size_t)i < run->rb->nrules ? &run->rb->rules[i] : NULL;
}

const cc_field *cc_report_field(const cc_run *run, int i)
{
    return run->rb && i >= 0 && (size_t)i < run->rb->nfields ? &run->rb->fields[i] : NULL;
}

const char *cc_report_field_id(const cc_run *run, int i)
{
    const cc_field *fd = cc_report_field(run, i);
    return fd ? fd->id : NULL;
}

const char *cc_report_subject_id(const cc_run *run, int i)
{
    return run->rb && i >= 0 && (size_t)i < run->rb->nsubjects ? run->rb->subjects[i].id : NULL;
}

const char *cc_report_claim_path(const cc_run *run, const cc_claim *c)
{
    const cc_document *d = cc_report_doc(run, c->doc);
    return d ? d->path : "?";
}

const char *cc_report_rulebook_path(const cc_run *run, const cc_report_opts *o)
{
    if (o && o->rulebook_path)
        return o->rulebook_path;
    return run->rb ? run->rb->path : NULL;
}

long cc_report_location_side(const cc_finding *f)
{
    if (f->location < 0)
        return -1;
    for (size_t s = 0; s < f->nsides; s++)
        for (size_t i = 0; i < f->sides[s].nclaims; i++)
            if (f->sides[s].claims[i] == (size_t)f->location)
                return (long)s;
    return -1;
}

/* Input and limit findings are about a file, not a field, whatever field they carry. */
static bool S_about_a_file(const cc_finding *f)
{
    return f->kind == CC_FIND_INPUT || f->kind == CC_FIND_LIMIT;
}

void cc_report_rule_id(const cc_run *run, const cc_finding *f, cc_buf *out)
{
    const cc_rule *r = cc_report_rule(run, f->rule);
    const cc_field *fd = cc_report_field(run, f->field);
    if (r && r->id) {
        cc_buf_adds(out, r->id);
    } else if (f->open) {
        cc_buf_adds(out, "open/");
        cc_buf_adds(out, cc_name_of(cc_figure_kind_names, f->open_kind));
    } else if (fd && fd->id && !S_about_a_file(f)) {
        cc_buf_adds(out, "field/");
        cc_buf_adds(out, fd->id);
    } else {
        cc_buf_adds(out, "crosscheck/");
        cc_buf_adds(out, cc_finding_kind_name(f->kind));
    }
}

/* A combining mark does not start a character of its own: reported columns skip them
 * (as reader.c counts them). */
static bool S_is_combining(int32_t cp)
{
    return cp >= 0x300 && utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0;
}

void cc_report_value_end(const cc_claim *c, unsigned *end_line, unsigned *end_column)
{
    const char *s = c->value_text ? c->value_text : "";
    size_t n = strlen(s);
    unsigned line = c->line, col = c->column;
    for (size_t i = 0; i < n;) {
        size_t k;
        int32_t cp = cc_utf8_decode(s + i, n - i, &k);
        if (cp == '\r' || cp == '\n') {
            if (cp == '\r' && i + 1 < n && s[i + 1] == '\n')
                k++;
            line++;
            col = 1;
        } else if (cp < 0 || !S_is_combining(cp)) {
            col++;
        }
        i += k;
    }
    *end_line = line;
    *end_column = col;
}

/* ---- notes -------------------------------------------------------------------------- */

void cc_notes_begin(cc_notes *it, const cc_run *run, const cc_finding *f, cc_notes_kind kind)
{
    *it = (cc_notes){.run = run, .f = f, .kind = kind, .here = cc_report_location_side(f)};
}

/* Whether the claim at sides[side].claims[i] is left out of the notes. */
static bool S_note_skipped(const cc_notes *it, size_t side, size_t i)
{
    if (it->kind == CC_NOTES_OTHER_SIDES)
        return (long)side == it->here;
    return it->f->location >= 0 && it->f->sides[side].claims[i] == (size_t)it->f->location;
}

const cc_claim *cc_notes_next(cc_notes *it)
{
    const cc_finding *f = it->f;
    for (; it->side < f->nsides; it->side++, it->next = 0)
        while (it->next < f->sides[it->side].nclaims) {
            size_t i = it->next++;
            const cc_claim *c = cc_report_claim(it->run, (long)f->sides[it->side].claims[i]);
            if (c && !S_note_skipped(it, it->side, i))
                return c;
        }
    while (it->next < f->ncompatible) {
        const cc_claim *c = cc_report_claim(it->run, (long)f->compatible[it->next++]);
        if (c)
            return c;
    }
    return NULL;
}

/* ---- help and summary ------------------------------------------------------------- */

/* When most documents agree and this claim is not with them, say what they say. A tie
 * gets no advice: only the original source can settle it. */
bool cc_report_help(const cc_run *run, const cc_finding *f, cc_buf *out)
{
    if (f->kind != CC_FIND_CONFLICT || f->nsides < 2)
        return false;
    long here = cc_report_location_side(f);
    if (f->majority < 0 || (size_t)f->majority >= f->nsides) {
        cc_buf_adds(out, "no side has a majority of documents; check the figure against the "
                         "original source");
        return true;
    }
    const cc_side *m = &f->sides[f->majority];
    const cc_claim *c = m->nclaims ? cc_report_claim(run, (long)m->claims[0]) : NULL;
    if (here == f->majority || !c) {
        cc_buf_adds(out, "this figure is the majority's; check the other sources");
        return true;
    }
    cc_buf_addf(out, "%d document%s say ", m->ndocs, m->ndocs == 1 ? "" : "s");
    cc_value_words(&c->value, c->value_text, out);
    cc_buf_adds(out, "; correct this figure if the original source agrees");
    return true;
}

void cc_report_count(cc_buf *b, size_t n, const char *noun)
{
    cc_buf_addf(b, "%zu %s%s", n, noun, n == 1 ? "" : "s");
}

const char *cc_report_finding_noun(const cc_run *run)
{
    for (size_t i = 0; i < run->nfindings; i++)
        if (run->findings[i].kind != CC_FIND_CONFLICT)
            return "finding";
    return "conflict";
}

/* " (2 errors, 1 warning)": the non-zero severities; nothing when all are zero. */
static void S_add_severity_counts(cc_buf *b, const cc_summary *s)
{
    const size_t counts[] = {s->errors, s->warnings, s->infos};
    const char *const nouns[] = {"error", "warning", "info"};
    const char *sep = " (";
    for (size_t i = 0; i < 3; i++) {
        if (!counts[i])
            continue;
        cc_buf_adds(b, sep);
        cc_report_count(b, counts[i], nouns[i]);
        sep = ", ";
    }
    if (sep[0] == ',')
        cc_buf_addc(b, ')');
}

void cc_report_summary_line(const cc_run *run, cc_buf *b)
{
    const cc_summary *s = &run->summary;
    const char *noun = cc_report_finding_noun(run);
    if (s->findings == 0) {
        cc_buf_addf(b, "no %ss", noun);
    } else {
        cc_report_count(b, s->findings, noun);
        S_add_severity_counts(b, s);
    }
    cc_buf_adds(b, " in ");
    cc_report_count(b, s->documents, "document");
    cc_buf_adds(b, "; ");
    cc_report_count(b, s->claims, "claim");
    cc_buf_adds(b, " in ");
    cc_report_count(b, s->groups, "group");
    size_t skipped = 0;
    for (size_t i = 0; i < run->ndocs; i++)
        skipped += run->docs[i].skipped;
    if (skipped) {
        cc_buf_adds(b, "; ");
        cc_report_count(b, skipped, "file");
        cc_buf_adds(b, " skipped");
    }
}

/* ---- cleaning ------------------------------------------------------------------------ */

void cc_report_clean(cc_buf *out, const char *s, size_t n, cc_report_escape_fn esc,
                     const void *ctx)
{
    cc_escape_shown_with(out, s, n, esc, ctx, false);
}
