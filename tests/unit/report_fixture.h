/*
 * report_fixture.h — a small finished run built by hand, shared by the reporter tests:
 * a rulebook with 2 subjects, 2 fields and 2 rules; 3 documents; 6 claims; a conflict
 * (2 sides, a majority, a compatible claim), a sanity finding, an input finding without
 * a claim; diagnostics for a document, for a file that is no document, and for the run.
 *
 * Claims are placed by the sentence's first column: the value's column is that plus the
 * characters before the value in the sentence, and value_in_sentence is found with
 * strstr, so that the numbers cannot disagree with the text.
 */
#ifndef CC_REPORT_FIXTURE_H
#define CC_REPORT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

typedef struct fixture {
    cc_rulebook rb;
    cc_subject subjects[2];
    cc_field fields[2];
    cc_rule rules[2];
    cc_run run;
} fixture;

/* Code points in s[0..n). */
static inline unsigned fx_chars(const char *s, size_t n)
{
    unsigned k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static inline cc_claim *fx_claim(cc_run *run, int doc, int field, int subject, int scope,
                                 unsigned line, unsigned sentence_col, uint64_t byte_offset,
                                 const char *sentence, const char *value_text,
                                 const char *text)
{
    cc_claim *c = cc_run_add_claim(run);
    const char *at = strstr(sentence, value_text);
    if (!at)
        abort();
    c->doc = doc;
    c->field = field;
    c->subject = subject;
    c->scope = scope;
    c->line = line;
    c->value_in_sentence = (size_t)(at - sentence);
    c->column = sentence_col + fx_chars(sentence, c->value_in_sentence);
    c->byte_offset = byte_offset;
    c->byte_length = (uint32_t)strlen(value_text);
    c->sentence = cc_xstrdup(sentence);
    c->value_text = cc_xstrdup(value_text);
    c->text = cc_xstrdup(text);
    run->docs[doc].nclaims++;
    return c;
}

static inline cc_value fx_percent(double lo, double hi)
{
    cc_value v = {.type = CC_TYPE_PERCENT, .range = {lo, hi}};
    return v;
}

static inline void fx_side(cc_side *s, cc_value v, int ndocs, size_t n, const size_t *claims)
{
    s->value = v;
    s->ndocs = ndocs;
    s->nclaims = n;
    s->claims = cc_xmalloc(n * sizeof *claims);
    memcpy(s->claims, claims, n * sizeof *claims);
}

/* The sentence of claim 3: long enough to be cut on both sides. */
#define FX_LONG_SENTENCE                                                                  \
    "Theo kế hoạch được Thủ tướng phê duyệt tại phiên họp thứ hai của Ủy ban Quốc gia về " \
    "Chính phủ điện tử, đến cuối năm 2020 tỷ lệ dịch vụ công trực tuyến mức độ 4 phải đạt " \
    "50% trên tổng số thủ tục hành chính, đồng thời tích hợp với Cổng Dịch vụ công quốc gia."

static inline void fx_rulebook(fixture *fx)
{
    cc_rulebook *rb = &fx->rb;
    rb->path = "rules/egov-vn.yaml";
    memset(rb->sha256, 'a', 64);
    rb->version = 1;
    rb->name = "Chính phủ điện tử 2020";
    fx->subjects[0].id = "vietnam";
    fx->subjects[0].name = "Việt Nam";
    fx->subjects[1].id = "hanoi";
    fx->subjects[1].name = "Hà Nội";
    fx->fields[0].id = "egdi.rank.asia";
    fx->fields[0].type = CC_TYPE_RANK;
    fx->fields[0].subject = 0;
    fx->fields[0].rule = 0;
    fx->fields[1].id = "dvc.level4.target";
    fx->fields[1].type = CC_TYPE_PERCENT;
    fx->fields[1].subject = -1;
    fx->fields[1].rule = 1;
    fx->rules[0].id = "egdi-asia-rank";
    fx->rules[0].field = 0;
    fx->rules[0].severity = CC_SEV_ERROR;
    fx->rules[1].id = "level4-target";
    fx->rules[1].field = 1;
    fx->rules[1].severity = CC_SEV_WARNING;
    rb->subjects = fx->subjects;
    rb->nsubjects = 2;
    rb->fields = fx->fields;
    rb->nfields = 2;
    rb->rules = fx->rules;
    rb->nrules = 2;
}

static inline void fx_documents(cc_run *run)
{
    cc_document *a = cc_run_add_document(run, "a.txt");
    memcpy(a->date, "2020-08-26", 11);
    a->year = 2020;
    a->date_from = CC_DATE_FRONT_MATTER;
    a->title = cc_xstrdup("Phiên họp thứ hai");
    a->source = cc_xstrdup("baochinhphu.vn");
    cc_document *b = cc_run_add_document(run, "b.txt");
    memcpy(b->date, "2020", 5);
    b->year = 2020;
    b->date_from = CC_DATE_INFERRED;
    cc_run_add_document(run, "c.txt");
}

static inline void fx_claims(cc_run *run)
{
    cc_claim *c;
    c = fx_claim(run, 0, 1, 0, 2020, 3, 1, 130,
                 "Mục tiêu năm 2020 có 30% dịch vụ công trực tuyến mức độ 4.", "30%",
                 "30% dịch vụ công trực tuyến mức độ 4");
    c->value = fx_percent(30, 30);
    c = fx_claim(run, 1, 1, 0, 2020, 5, 12, 210,
                 "Năm 2020, phấn đấu 30% dịch vụ công đạt mức độ 4.", "30%", "30% dịch vụ công");
    c->value = fx_percent(30, 30);
    c = fx_claim(run, 1, 1, 0, 2020, 9, 1, 400,
                 "Tối thiểu 30% dịch vụ công trực tuyến đạt mức độ 4 trong năm 2020.",
                 "Tối thiểu 30%", "Tối thiểu 30% dịch vụ công trực tuyến đạt mức độ 4");
    c->value = fx_percent(30, INFINITY);
    c = fx_claim(run, 2, 1, 0, 2020, 4, 1, 321, FX_LONG_SENTENCE, "50%",
                 "50% trên tổng số thủ tục hành chính");
    c->value = fx_percent(50, 50);
    c = fx_claim(run, 2, 0, 0, 2020, 6, 1, 700,
                 "【Tin nhanh】 Việt Nam xếp hạng 25/24 châu Á năm 2020.", "25/24",
                 "xếp hạng 25/24 châu Á");
    c->value.type = CC_TYPE_RANK;
    c->value.position = 25;
    c->value.total = 24;
    c = fx_claim(run, 0, 1, -1, 0, 7, 1, 900, "Tỷ lệ\thiện nay đạt 15,91%.", "15,91%",
                 "15,91%");
    c->value = fx_percent(15.905, 15.915);
}

/* Adds a finding of `kind` for `rule` and `field` (-1: none) at claim `location` (-1: none)
 * with `severity`, `message` (copied) and `fingerprint` (16 hex digits; NULL: none); the
 * other members keep cc_run_add_finding()'s defaults. */
static inline cc_finding *fx_finding(cc_run *run, cc_finding_kind kind, int rule, int field,
                                     cc_severity severity, const char *message,
                                     const char *fingerprint, long location)
{
    cc_finding *f = cc_run_add_finding(run);
    f->kind = kind;
    f->rule = rule;
    f->field = field;
    f->severity = severity;
    f->message = cc_xstrdup(message);
    if (fingerprint)
        memcpy(f->fingerprint, fingerprint, 17);
    f->location = location;
    return f;
}

/* Gives `f` `n` sides, zeroed (fx_side() fills one). */
static inline void fx_sides(cc_finding *f, size_t n)
{
    f->nsides = n;
    f->sides = cc_xcalloc(n, sizeof *f->sides);
}

static inline void fx_findings(cc_run *run)
{
    cc_finding *f = fx_finding(run, CC_FIND_CONFLICT, 1, 1, CC_SEV_WARNING,
                               "the level-4 target for 2020 differs between sources: "
                               "50% here, 30% in 2 other documents", "0123456789abcdef", 3);
    f->subject = 0;
    f->scope = 2020;
    f->majority = 0;
    fx_sides(f, 2);
    fx_side(&f->sides[0], fx_percent(30, 30), 2, 2, (const size_t[]){0, 1});
    fx_side(&f->sides[1], fx_percent(50, 50), 1, 1, (const size_t[]){3});
    f->ncompatible = 1;
    f->compatible = cc_xmalloc(sizeof *f->compatible);
    f->compatible[0] = 2;

    f = fx_finding(run, CC_FIND_SANITY, 0, 0, CC_SEV_ERROR,
                   "Việt Nam's rank in Asia 25/24 is past the total", "fedcba9876543210", 4);
    f->subject = 0;
    f->scope = 2020;
    fx_sides(f, 1);
    fx_side(&f->sides[0], run->claims[4].value, 1, 1, (const size_t[]){4});

    f = fx_finding(run, CC_FIND_INPUT, -1, -1, CC_SEV_INFO, "invalid UTF-8 replaced by U+FFFD",
                   "00000000000000ff", -1);
    f->path = cc_xstrdup("b.txt");
    f->line = 7;
    f->column = 3;
}

static inline void fx_diags(cc_run *run)
{
    cc_diag_addf(&run->diags, CC_SEV_WARNING, CC_DIAG_ENCODING, "b.txt", CC_AT(7, 3, 120), "invalid UTF-8 byte 0x%02x", 0xff);
    cc_diag_addf(&run->diags, CC_SEV_WARNING, CC_DIAG_IO, "missing.txt", CC_AT(0, 0, UINT64_MAX), "cannot read '%s': %s", "missing.txt", "No such file or directory");
    cc_diag_addf(&run->diags, CC_SEV_INFO, CC_DIAG_USAGE, "", CC_AT(0, 0, UINT64_MAX), "'--date' not used: every document has a date");
}

/* The whole run, summarised with --fail-on error. */
static inline void fx_init(fixture *fx)
{
    memset(fx, 0, sizeof *fx);
    fx_rulebook(fx);
    cc_run_init(&fx->run, &fx->rb);
    fx_documents(&fx->run);
    fx_claims(&fx->run);
    fx_findings(&fx->run);
    fx_diags(&fx->run);
    fx->run.ngroups = 2;
    cc_run_summarise(&fx->run, CC_SEV_ERROR);
}

static inline void fx_free(fixture *fx)
{
    cc_run_free(&fx->run);
}

/* Runs a reporter into memory; returns the text (free it) and sets *rc. */
typedef int (*fx_reporter)(FILE *, const cc_run *, const cc_report_opts *);

static inline char *fx_render(fx_reporter report, const cc_run *run, const cc_report_opts *o,
                              int *rc)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        abort();
    *rc = report(f, run, o);
    fclose(f);
    return text;
}

#endif
