/* Unit tests for rulebook.c: the schema, every error message at its line and column,
 * and the input limits (SPEC §8: alias bomb, 10 000-deep nesting, 50 MB file). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "reader.h"
#include "rulebook.h"
#include "sha256.h"
#include "testutil.h"
#include "text.h"

#define RB "rulebook.yaml"

static cc_rulebook *load(const char *yaml, cc_diags *d)
{
    return cc_rulebook_load_mem(RB, yaml, strlen(yaml), d);
}

/* Loads text that must be refused; returns its diagnostics, one "LINE:COL: message\n"
 * each (the caller frees). Every one must be a fatal rulebook error on RB. */
static char *errors_of_len(const char *yaml, size_t len)
{
    cc_diags d = {0};
    cc_rulebook *rb = cc_rulebook_load_mem(RB, yaml, len, &d);
    ck_assert_ptr_null(rb);
    ck_assert_uint_gt(d.n, 0);
    cc_buf b = CC_BUF_INIT;
    for (size_t i = 0; i < d.n; i++) {
        ck_assert(cc_diag_fatal(&d.v[i]));
        ck_assert_int_eq(d.v[i].severity, CC_SEV_ERROR);
        ck_assert_str_eq(cc_diag_kind_name(d.v[i].kind), "rulebook");
        ck_assert_str_eq(d.v[i].path, RB);
        cc_buf_addf(&b, "%u:%u: %s\n", d.v[i].line, d.v[i].column, d.v[i].message);
    }
    cc_diags_free(&d);
    return cc_buf_detach(&b);
}

/* Loads text that must be accepted, showing the first diagnostic when it is not. */
static cc_rulebook *load_ok(const char *yaml)
{
    cc_diags d = {0};
    cc_rulebook *rb = load(yaml, &d);
    ck_assert_msg(rb && d.n == 0, "refused: %u:%u: %s", d.n ? d.v[0].line : 0,
                  d.n ? d.v[0].column : 0, d.n ? d.v[0].message : "");
    cc_diags_free(&d);
    return rb;
}

static char *errors_of(const char *yaml)
{
    return errors_of_len(yaml, strlen(yaml));
}

#define assert_errors(yaml, expected)                                                     \
    do {                                                                                  \
        char *e_ = errors_of(yaml);                                                       \
        ck_assert_str_eq(e_, expected);                                                   \
        free(e_);                                                                         \
    } while (0)

/* The top of a valid rulebook, subjects included; tests append fields and rules. */
#define HEAD                                                                              \
    "version: 1\n"                                                                        \
    "name: t\n"                                                                           \
    "subjects:\n"                                                                         \
    "  vietnam: {name: Viet Nam, aliases: [VN]}\n"                                        \
    "  hanoi: {name: Ha Noi}\n"
/* HEAD is 5 lines: a test's own lines start at line 6. */

/* ---- a complete rulebook ---------------------------------------------------- */

static const char full[] =
    "version: 1\n"
    "name: egov-vn\n"
    "locale: en\n"
    "description: E-government figures\n"
    "document:\n"
    "  date-patterns: ['(?<date>\\d{1,2}/\\d{1,2}/\\d{4})\\s+\\d{1,2}:\\d{2}']\n"
    "  skip: ['^\\s*- ·']\n"
    "defaults:\n"
    "  severity: info\n"
    "subjects:\n"
    "  vietnam: {name: Việt Nam, aliases: [Việt Nam, VN, nước ta]}\n"
    "  hanoi: {name: Hà Nội, aliases: [thành phố Hà Nội]}\n"
    "  dien-bien:\n"
    "qualifiers:\n"
    "  about: {words: [KHOẢNG, xấp xỉ]}\n"
    "  roughly: {words: [chừng], lo: 0.9, hi: inf}\n"
    "fields:\n"
    "  egdi.rank.asia:\n"
    "    type: rank\n"
    "    description: Asia rank\n"
    "    subject: vietnam\n"
    "    scope: document-year\n"
    "    patterns:\n"
    "      - '{rank}\\s+châu Á'\n"
    "      - {match: \"{rank} ở châu Á\", sign: -1}\n"
    "      - hạng {rank} châu Á\n"
    "    min: 1\n"
    "    max: 200\n"
    "    examples:\n"
    "      - {text: 'xếp hạng 86/193 quốc gia, 24/47 châu Á', value: '24/47'}\n"
    "      - {text: '6/11 Đông Nam Á', none: true}\n"
    "      - {text: 'Hà Nội 5/10 châu Á', value: '5/10', subject: hanoi, scope: 2019}\n"
    "  docs.rate:\n"
    "    type: percent\n"
    "    subject: {from: sentence, among: [hanoi, dien-bien]}\n"
    "    scope: {patterns: ['Báo cáo .{0,40}năm (?<year>\\d{4})'], else: sentence-year}\n"
    "    patterns: ['{percent} văn bản']\n"
    "  ngsp.total: {type: number, subject: vietnam, scope: paragraph-year, patterns: ['x {number}']}\n"
    "  ngsp.daily: {type: number, patterns: ['{number} mỗi ngày']}\n"
    "  ngsp.period: {type: period, patterns: ['{period}']}\n"
    "rules:\n"
    "  - id: egdi-asia-rank\n"
    "    field: egdi.rank.asia\n"
    "    message: Việt Nam's rank in Asia differs between sources\n"
    "  - id: docs-rate\n"
    "    field: docs.rate\n"
    "    tolerance: {abs: 0.5, rel: 2%, days: 31}\n"
    "    severity: warning\n"
    "  - id: ngsp-daily-average\n"
    "    derived: 'ngsp.daily == ngsp.total / days(ngsp.period)'\n"
    "    tolerance: {rel: 0.05}\n"
    "    severity: info\n";

START_TEST(full_rulebook_top_level)
{
    cc_rulebook *rb = load_ok(full);
    ck_assert_str_eq(rb->path, RB);
    ck_assert_int_eq(rb->version, 1);
    ck_assert_str_eq(rb->name, "egov-vn");
    ck_assert_int_eq(rb->locale, CC_LOCALE_EN);
    ck_assert_str_eq(rb->description, "E-government figures");
    ck_assert_int_eq(rb->default_severity, CC_SEV_INFO);
    char sha[65];
    cc_sha256_hex(full, strlen(full), sha);
    ck_assert_str_eq(rb->sha256, sha);
    ck_assert_uint_eq(rb->ndate_patterns, 1);
    ck_assert_str_eq(rb->date_patterns[0].source,
                     "(?<date>\\d{1,2}/\\d{1,2}/\\d{4})\\s+\\d{1,2}:\\d{2}");
    ck_assert_uint_eq(rb->date_patterns[0].mark.line, 6);
    ck_assert_uint_eq(rb->date_patterns[0].mark.column, 19);
    ck_assert_uint_eq(rb->nskip, 1);
    ck_assert_str_eq(rb->skip[0].source, "^\\s*- ·");
    cc_rulebook_free(rb);
}
END_TEST

START_TEST(full_rulebook_subjects_and_qualifiers)
{
    cc_rulebook *rb = load_ok(full);
    ck_assert_uint_eq(rb->nsubjects, 3);
    cc_subject *vn = &rb->subjects[0], *hn = &rb->subjects[1], *db = &rb->subjects[2];
    ck_assert_str_eq(vn->id, "vietnam");
    ck_assert_str_eq(vn->name, "Việt Nam");
    ck_assert_uint_eq(vn->naliases, 3); /* the name was written among the aliases */
    ck_assert_str_eq(vn->aliases[0], "Việt Nam");
    ck_assert_str_eq(vn->aliases[2], "nước ta");
    ck_assert_uint_eq(vn->mark.line, 11);
    ck_assert_uint_eq(vn->mark.column, 3);
    ck_assert_uint_eq(hn->naliases, 2); /* the name comes first when not written */
    ck_assert_str_eq(hn->aliases[0], "Hà Nội");
    ck_assert_str_eq(hn->aliases[1], "thành phố Hà Nội");
    ck_assert_str_eq(db->name, "dien-bien");
    ck_assert_uint_eq(db->naliases, 1);
    ck_assert_str_eq(db->aliases[0], "dien-bien");
    for (size_t i = 0; i < vn->naliases; i++) {
        cc_buf f = CC_BUF_INIT;
        cc_fold(vn->aliases[i], strlen(vn->aliases[i]), &f);
        ck_assert_str_eq(vn->folded[i], f.data);
        cc_buf_free(&f);
    }
    ck_assert_str_eq(vn->folded[1], "vn");
    ck_assert_int_eq(cc_rulebook_subject_index(rb, "hanoi"), 1);
    ck_assert_int_eq(cc_rulebook_subject_index(rb, "paris"), -1);

    /* about redefined (words lowercased, factors kept), roughly added */
    cc_qualifiers *q = &rb->qualifiers;
    ck_assert_uint_eq(q->n, 6);
    ck_assert_str_eq(q->v[0].kind, "about");
    ck_assert_uint_eq(q->v[0].nwords, 2);
    ck_assert_str_eq(q->v[0].words[0], "khoảng");
    ck_assert_str_eq(q->v[0].words[1], "xấp xỉ");
    ck_assert_near(q->v[0].lo, 0.95);
    ck_assert_near(q->v[0].hi, 1.05);
    ck_assert_str_eq(q->v[5].kind, "roughly");
    ck_assert_str_eq(q->v[5].words[0], "chừng");
    ck_assert_near(q->v[5].lo, 0.9);
    ck_assert(isinf(q->v[5].hi) && q->v[5].hi > 0);
    cc_rulebook_free(rb);
}
END_TEST

START_TEST(full_rulebook_fields)
{
    cc_rulebook *rb = load_ok(full);
    ck_assert_uint_eq(rb->nfields, 5);
    cc_field *f = &rb->fields[0];
    ck_assert_str_eq(f->id, "egdi.rank.asia");
    ck_assert_str_eq(f->description, "Asia rank");
    ck_assert_int_eq(f->type, CC_TYPE_RANK);
    ck_assert_int_eq(f->subject, 0);
    ck_assert_int_eq(f->scope, CC_SCOPE_DOCUMENT_YEAR);
    ck_assert_uint_eq(f->mark.line, 18);
    ck_assert_uint_eq(f->mark.column, 3);
    ck_assert_uint_eq(f->npatterns, 3);
    ck_assert_str_eq(f->patterns[0].source, "{rank}\\s+châu Á");
    ck_assert_uint_eq(f->patterns[0].mark.line, 24);
    ck_assert_uint_eq(f->patterns[0].mark.column, 9);
    ck_assert(f->patterns[0].quoted_single && !f->patterns[0].plain_scalar);
    ck_assert_int_eq(f->patterns[0].sign, 1);
    ck_assert_ptr_null(f->patterns[0].compiled);
    ck_assert_str_eq(f->patterns[1].source, "{rank} ở châu Á");
    ck_assert_int_eq(f->patterns[1].sign, -1);
    ck_assert(!f->patterns[1].quoted_single && !f->patterns[1].plain_scalar);
    ck_assert_uint_eq(f->patterns[1].mark.column, 17);
    ck_assert_str_eq(f->patterns[2].source, "hạng {rank} châu Á");
    ck_assert(f->patterns[2].plain_scalar);
    ck_assert_uint_eq(f->patterns[2].mark.column, 9);
    ck_assert(f->has_min && f->has_max);
    ck_assert_near(f->min, 1);
    ck_assert_near(f->max, 200);
    ck_assert_uint_eq(f->nexamples, 3);
    ck_assert_str_eq(f->examples[0].text, "xếp hạng 86/193 quốc gia, 24/47 châu Á");
    ck_assert_str_eq(f->examples[0].value, "24/47");
    ck_assert(!f->examples[0].none);
    ck_assert_ptr_null(f->examples[0].subject);
    ck_assert_int_eq(f->examples[0].scope, 0);
    ck_assert_uint_eq(f->examples[0].mark.line, 30);
    ck_assert(f->examples[1].none);
    ck_assert_ptr_null(f->examples[1].value);
    ck_assert_str_eq(f->examples[2].subject, "hanoi");
    ck_assert_int_eq(f->examples[2].scope, 2019);
    ck_assert_int_eq(f->rule, 0);

    f = &rb->fields[1];
    ck_assert_str_eq(f->id, "docs.rate");
    ck_assert_int_eq(f->type, CC_TYPE_PERCENT);
    ck_assert_int_eq(f->subject, -1);
    ck_assert_uint_eq(f->namong, 2);
    ck_assert_int_eq(f->among[0], 1);
    ck_assert_int_eq(f->among[1], 2);
    ck_assert_int_eq(f->scope, CC_SCOPE_PATTERNS);
    ck_assert_int_eq(f->scope_else, CC_SCOPE_SENTENCE_YEAR);
    ck_assert_uint_eq(f->nscope_patterns, 1);
    ck_assert_str_eq(f->scope_patterns[0].source, "Báo cáo .{0,40}năm (?<year>\\d{4})");
    ck_assert(f->has_min && f->has_max); /* percent: 0..100 unless written */
    ck_assert_near(f->min, 0);
    ck_assert_near(f->max, 100);
    ck_assert_int_eq(f->rule, 1);

    f = &rb->fields[2];
    ck_assert_int_eq(f->scope, CC_SCOPE_PARAGRAPH_YEAR);
    ck_assert(!f->has_min && !f->has_max);
    ck_assert_int_eq(f->rule, -1);
    ck_assert_ptr_null(f->description);
    ck_assert_int_eq(rb->fields[3].subject, -1);
    ck_assert_uint_eq(rb->fields[3].namong, 0);
    ck_assert_int_eq(cc_rulebook_field_index(rb, "ngsp.period"), 4);
    ck_assert_int_eq(cc_rulebook_field_index(rb, "ngsp"), -1);
    cc_rulebook_free(rb);
}
END_TEST

START_TEST(full_rulebook_rules)
{
    cc_rulebook *rb = load_ok(full);
    ck_assert_uint_eq(rb->nrules, 3);
    cc_rule *r = &rb->rules[0];
    ck_assert_str_eq(r->id, "egdi-asia-rank");
    ck_assert_int_eq(r->field, 0);
    ck_assert_int_eq(r->severity, CC_SEV_ERROR);
    ck_assert_str_eq(r->message, "Việt Nam's rank in Asia differs between sources");
    ck_assert_ptr_null(r->derived);
    ck_assert_ptr_null(r->expr);
    ck_assert_near(r->tolerance.rel, 0);
    ck_assert_uint_eq(r->mark.line, 42);
    ck_assert_uint_eq(r->mark.column, 9);
    r = &rb->rules[1];
    ck_assert_near(r->tolerance.abs, 0.5);
    ck_assert_near(r->tolerance.rel, 0.02);
    ck_assert_int_eq(r->tolerance.days, 31);
    ck_assert_int_eq(r->severity, CC_SEV_WARNING);
    ck_assert_ptr_null(r->message);
    r = &rb->rules[2];
    ck_assert_int_eq(r->field, -1);
    ck_assert_str_eq(r->derived, "ngsp.daily == ngsp.total / days(ngsp.period)");
    ck_assert_ptr_nonnull(r->expr);
    const char **ids;
    ck_assert_uint_eq(cc_expr_fields(r->expr, &ids), 3);
    ck_assert_str_eq(ids[2], "ngsp.period");
    ck_assert_near(r->tolerance.rel, 0.05);
    ck_assert_int_eq(r->severity, CC_SEV_INFO);
    cc_rulebook_free(rb);
}
END_TEST

START_TEST(defaults_of_a_minimal_rulebook)
{
    cc_diags d = {0};
    cc_rulebook *rb = load(HEAD "fields:\n  a: {type: money, patterns: ['{money}']}\n", &d);
    ck_assert_ptr_nonnull(rb);
    ck_assert_int_eq(rb->locale, CC_LOCALE_VI);
    ck_assert_int_eq(rb->default_severity, CC_SEV_WARNING);
    ck_assert_ptr_null(rb->description);
    ck_assert_uint_eq(rb->ndate_patterns + rb->nskip + rb->nrules, 0);
    ck_assert_uint_eq(rb->qualifiers.n, 5);
    ck_assert_str_eq(rb->qualifiers.v[1].kind, "over");
    ck_assert_near(rb->qualifiers.v[1].hi, 1.10);
    ck_assert(isinf(rb->qualifiers.v[4].lo) && rb->qualifiers.v[4].lo < 0);
    ck_assert_int_eq(rb->fields[0].subject, -1);
    ck_assert_int_eq(rb->fields[0].scope, CC_SCOPE_DOCUMENT_YEAR);
    ck_assert_int_eq(rb->fields[0].rule, -1);
    ck_assert(!rb->fields[0].has_min);
    ck_assert_str_eq(rb->subjects[1].aliases[0], "Ha Noi");
    cc_rulebook_free(rb);
    cc_diags_free(&d);
}
END_TEST

START_TEST(aliases_share_nodes)
{
    cc_diags d = {0};
    cc_rulebook *rb = load(HEAD "fields:\n"
                                "  a: {type: rank, patterns: &p ['{rank} châu Á', 'x {rank}']}\n"
                                "  b: {type: rank, patterns: *p}\n",
                           &d);
    ck_assert_ptr_nonnull(rb);
    ck_assert_uint_eq(rb->fields[1].npatterns, 2);
    ck_assert_str_eq(rb->fields[1].patterns[1].source, "x {rank}");
    ck_assert_uint_eq(rb->fields[1].patterns[1].mark.line, 7);
    cc_rulebook_free(rb);
    cc_diags_free(&d);
}
END_TEST

/* ---- pattern positions ------------------------------------------------------ */

START_TEST(pattern_marks_skip_anchors_and_tags)
{
    cc_diags d = {0};
    cc_rulebook *rb = load(HEAD "fields:\n"
                                "  a:\n"
                                "    type: number\n"
                                "    patterns:\n"
                                "      - !!str &k   'x{number}'\n",
                           &d);
    ck_assert_ptr_nonnull(rb);
    ck_assert_uint_eq(rb->fields[0].patterns[0].mark.line, 10);
    ck_assert_uint_eq(rb->fields[0].patterns[0].mark.column, 20);
    ck_assert(rb->fields[0].patterns[0].quoted_single);
    cc_rulebook_free(rb);
    cc_diags_free(&d);
}
END_TEST

START_TEST(pattern_mark_at_offsets)
{
    cc_pattern p = {.source = "a''b{rank}", .mark = {3, 10}, .quoted_single = true};
    /* written 'a''''b{rank}': the quote at 10, a at 11, two quotes for each ' */
    cc_mark m = cc_pattern_mark_at(&p, 4);
    ck_assert_uint_eq(m.line, 3);
    ck_assert_uint_eq(m.column, 10 + 1 + 4 + 2);
    p.quoted_single = false;
    p.plain_scalar = true;
    p.source = "hạng {rank}";
    m = cc_pattern_mark_at(&p, strlen("hạng "));
    ck_assert_uint_eq(m.column, 15); /* 5 characters, 6 bytes */
    p.source = "a\nb";
    m = cc_pattern_mark_at(&p, 2);
    ck_assert_uint_eq(m.column, 10);
}
END_TEST

/* ---- slots -------------------------------------------------------------------- */

START_TEST(unknown_slot_with_column_and_suggestion)
{
    assert_errors(HEAD "fields:\n"
                       "  a: {type: rank, patterns: ['hạng {ranking}\\s+châu Á']}\n",
                  "7:36: unknown slot '{ranking}'; expected {number}, {percent}, {money}, "
                  "{rank}, {date}, {period} or {year}; did you mean '{rank}'?\n");
    /* single quotes written twice before the brace, plain and double-quoted scalars */
    assert_errors(HEAD "fields:\n"
                       "  a:\n"
                       "    type: rank\n"
                       "    patterns:\n"
                       "      - 'it''s {rnak}'\n"
                       "      - x {foo}\n"
                       "      - \"\\u00e9\\t{rnk}\"\n",
                  "10:16: unknown slot '{rnak}'; expected {number}, {percent}, {money}, "
                  "{rank}, {date}, {period} or {year}; did you mean '{rank}'?\n"
                  "11:11: unknown slot '{foo}'; expected {number}, {percent}, {money}, "
                  "{rank}, {date}, {period} or {year}\n"
                  "12:18: unknown slot '{rnk}'; expected {number}, {percent}, {money}, "
                  "{rank}, {date}, {period} or {year}; did you mean '{rank}'?\n");
}
END_TEST

START_TEST(quantifiers_escapes_and_classes_are_not_slots)
{
    cc_diags d = {0};
    cc_rulebook *rb = load(HEAD "fields:\n"
                                "  a:\n"
                                "    type: number\n"
                                "    patterns:\n"
                                "      - '\\d{2}\\s{1,3}.{0,40}x{,4}y{3,} {number}'\n"
                                "      - '\\p{L}+ \\x{1EA1} \\g{name} \\{rank} \\Q{abc}\\E {year}'\n"
                                "      - '[{abc}] [^]{x}] [[:alpha:]{q}] (?#{note}) {percent}'\n",
                           &d);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_ptr_nonnull(rb);
    ck_assert_uint_eq(rb->fields[0].npatterns, 3);
    cc_rulebook_free(rb);
    cc_diags_free(&d);
}
END_TEST

/* ---- syntax errors ------------------------------------------------------------ */

START_TEST(yaml_syntax_error)
{
    assert_errors("version: 1\nname: t\nsubjects: {\nfields: {}\n",
                  "5:1: invalid YAML: did not find expected ',' or '}' (while parsing a flow "
                  "mapping that started at 3:11)\n");
    assert_errors("version: 1\nname: \"t\n",
                  "3:1: invalid YAML: found unexpected end of stream (while scanning a quoted "
                  "scalar that started at 2:7)\n");
    assert_errors("version: 1\nname: t\n  x: y\n",
                  "3:4: invalid YAML: mapping values are not allowed in this context\n");
}
END_TEST

START_TEST(tab_indentation)
{
    assert_errors("version: 1\nname: t\nsubjects:\n\tvn: {}\n",
                  "4:1: invalid YAML: a tab cannot indent YAML, use spaces; found character "
                  "that cannot start any token (while scanning for the next token)\n");
    assert_errors(HEAD "fields:\n  a:\n    type: number\n\tpatterns: [x]\n",
                  "9:1: invalid YAML: a tab cannot indent YAML, use spaces; found a tab "
                  "character that violates indentation (while scanning a plain scalar that "
                  "started at 8:11)\n");
}
END_TEST

START_TEST(invalid_utf8)
{
    assert_errors("version: 1\nname: \xff\n",
                  "2:7: invalid YAML: invalid leading UTF-8 octet (0xff)\n");
}
END_TEST

START_TEST(empty_and_wrong_documents)
{
    assert_errors("", "1:1: the rulebook is empty; expected a mapping with 'version', 'name', "
                      "'subjects' and 'fields'\n");
    assert_errors("# only a comment\n", "1:1: the rulebook is empty; expected a mapping with "
                                        "'version', 'name', 'subjects' and 'fields'\n");
    assert_errors("- a\n- b\n", "1:1: expected a mapping at the top of the rulebook, found a "
                                "list\n");
    assert_errors(HEAD "fields: {}\n---\nx: 1\n",
                  "7:1: a rulebook is one YAML document; found a second one\n");
}
END_TEST

/* ---- schema errors ------------------------------------------------------------ */

START_TEST(missing_required_keys)
{
    assert_errors("name: t\n",
                  "1:1: the rulebook has no 'version'\n"
                  "1:1: the rulebook has no 'subjects'\n"
                  "1:1: the rulebook has no 'fields'\n");
    assert_errors(HEAD "fields:\n  egdi.rank:\n    patterns: [x]\n",
                  "7:3: field 'egdi.rank' has no 'type'\n");
    assert_errors(HEAD "fields:\n  a: {type: rank}\n", "7:3: field 'a' has no 'patterns'\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: []}\n",
                  "7:29: 'patterns' of field 'a' is empty; give at least one pattern\n");
}
END_TEST

START_TEST(unknown_keys_with_suggestions)
{
    assert_errors(HEAD "fields:\n  x:\n    type: rank\n    pattern: ['{rank}']\n",
                  "7:3: field 'x' has no 'patterns'\n"
                  "9:5: unknown key 'pattern' in field 'x'; did you mean 'patterns'?\n");
    assert_errors(HEAD "fields: {}\nfeilds: {}\nzzz: 1\n",
                  "7:1: unknown key 'feilds' in the rulebook; did you mean 'fields'?\n"
                  "8:1: unknown key 'zzz' in the rulebook\n");
    assert_errors(HEAD "fields: {}\nrules:\n  - {id: r, field: a, tolerence: {rel: 2%}}\n",
                  "8:20: unknown field 'a' in rule 'r'\n"
                  "8:23: unknown key 'tolerence' in rule 'r'; did you mean 'tolerance'?\n");
}
END_TEST

START_TEST(wrong_types)
{
    assert_errors(HEAD "fields:\n  a:\n    type: rank\n    patterns: {x: y}\n",
                  "9:15: expected a list of strings for 'patterns', found a mapping\n");
    assert_errors(HEAD "fields:\n  a: {type: [rank], patterns: [[x]]}\n",
                  "7:13: expected a string for 'type', found a list\n"
                  "7:32: expected a string or {match: ..., sign: -1} in 'patterns', found a "
                  "list\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: [x], description: }\n",
                  "7:47: expected a string for 'description', found nothing\n");
    assert_errors("version: 1\nname: t\nsubjects: [a]\nfields: x\n",
                  "3:11: expected a mapping of subject ids for 'subjects', found a list\n"
                  "4:9: expected a mapping of field ids for 'fields', found a string\n");
}
END_TEST

START_TEST(bad_enum_values)
{
    assert_errors(HEAD "fields:\n  a: {type: ranking, patterns: [x]}\n",
                  "7:13: unknown type 'ranking'; expected number, percent, money, rank, date "
                  "or period; did you mean 'rank'?\n");
    assert_errors(HEAD "locale: fr\nfields:\n  a: {type: rank, patterns: [x], scope: sentence}\n"
                       "rules: [{id: r, field: a, severity: warn}]\n",
                  "6:9: unknown locale 'fr'; expected vi or en\n"
                  "8:41: unknown scope 'sentence'; expected document-year, sentence-year, "
                  "paragraph-year, event or {patterns: [...], else: ...}; did you mean "
                  "'sentence-year'?\n"
                  "9:37: unknown severity 'warn'; expected error, warning or info; did you mean "
                  "'warning'?\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: [x], scope: sentense-year}\n",
                  "7:41: unknown scope 'sentense-year'; expected document-year, sentence-year, "
                  "paragraph-year, event or {patterns: [...], else: ...}; did you mean "
                  "'sentence-year'?\n");
}
END_TEST

START_TEST(version_must_be_one)
{
    assert_errors("version: 2\nname: t\nsubjects: {}\nfields: {}\n",
                  "1:10: unsupported rulebook version '2'; expected 1\n");
}
END_TEST

START_TEST(duplicate_keys_and_ids)
{
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: [x], type: number}\n",
                  "7:34: duplicate key 'type' in field 'a' (first at 7:7)\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: [x]}\n  a: {type: rank, patterns: [y]}\n",
                  "8:3: duplicate key 'a' in 'fields' (first at 7:3)\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: [x]}\n"
                       "rules:\n  - id: same\n    field: a\n  - id: same\n    field: a\n",
                  "11:9: duplicate rule id 'same' (first at 9:9)\n");
}
END_TEST

START_TEST(unknown_fields_and_subjects)
{
    assert_errors(HEAD "fields:\n  egdi.rank.asia: {type: rank, patterns: [x], subject: hanoy}\n"
                       "rules: [{id: r, field: egdi.rank.asai}]\n",
                  "7:56: unknown subject 'hanoy' in field 'egdi.rank.asia'; did you mean "
                  "'hanoi'?\n"
                  "8:24: unknown field 'egdi.rank.asai' in rule 'r'; did you mean "
                  "'egdi.rank.asia'?\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: [x], subject: {from: sentence, "
                       "among: [hanoi, vietnan, paris]}}\n",
                  "7:75: unknown subject 'vietnan' in field 'a'; did you mean 'vietnam'?\n"
                  "7:84: unknown subject 'paris' in field 'a'\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: [x], subject: {from: paragraph}}\n",
                  "7:50: unknown subject source 'paragraph'; expected sentence\n");
}
END_TEST

START_TEST(derived_rule_errors)
{
    /* the expression's own offset mapped into the rulebook line */
    assert_errors(HEAD "fields:\n  ngsp.total: {type: number, patterns: [x]}\n"
                       "rules:\n  - id: d\n    derived: 'ngsp.total == (ngsp.total'\n",
                  "10:40: expected ')' in derived rule 'd'\n");
    assert_errors(HEAD "fields:\n  ngsp.total: {type: number, patterns: [x]}\n"
                       "rules:\n  - id: d\n    derived: ngsp.total == ngsp.totl * 2\n",
                  "10:28: unknown field 'ngsp.totl' in derived rule 'd'; did you mean "
                  "'ngsp.total'?\n");
    assert_errors(HEAD "fields:\n  t: {type: number, patterns: [x]}\n  p: {type: period, patterns: [x]}\n"
                       "  m: {type: date, patterns: [x]}\n"
                       "rules:\n  - id: d\n    derived: \"\\t t == p + days(t) + m\"\n",
                  "12:23: field 'p' is a period; use days(p)\n"
                  "12:32: days() needs a period; field 't' is a number\n"
                  "12:37: field 'm' is a date; a derived rule cannot compute with dates\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: [x]}\n"
                       "rules:\n  - {id: both, field: a, derived: a == 1}\n  - {id: none}\n",
                  "9:35: rule 'both' has both 'field' and 'derived'; give one\n"
                  "10:5: rule 'none' has neither 'field' nor 'derived'\n");
}
END_TEST

START_TEST(bad_tolerances)
{
    assert_errors(HEAD "fields:\n  a: {type: number, patterns: [x]}\n"
                       "rules:\n"
                       "  - {id: r1, field: a, tolerance: {rel: 2}}\n"
                       "  - {id: r2, field: a, tolerance: {rel: two%}}\n"
                       "  - {id: r3, field: a, tolerance: {abs: -1, days: 1.5}}\n"
                       "  - {id: r4, field: a, tolerance: 2%}\n",
                  "9:41: 'rel' expects a percentage like 2% or a fraction like 0.02\n"
                  "10:41: 'rel' expects a percentage like 2% or a fraction like 0.02\n"
                  "11:41: 'abs' expects a non-negative number like 0.5\n"
                  "11:51: 'days' expects a whole number of days like 31\n"
                  "12:35: expected a mapping like {rel: 2%} for 'tolerance', found a string\n");
    cc_diags d = {0};
    cc_rulebook *rb = load(HEAD "fields:\n  a: {type: number, patterns: [x]}\n"
                                "rules: [{id: r, field: a, tolerance: {rel: 12.5 %}}]\n", &d);
    ck_assert_ptr_nonnull(rb);
    ck_assert_near(rb->rules[0].tolerance.rel, 0.125);
    cc_rulebook_free(rb);
    cc_diags_free(&d);
}
END_TEST

START_TEST(open_mode_and_its_tolerances)
{
    cc_diags d = {0};
    cc_rulebook *rb = load(HEAD "fields: {}\n"
                                "open:\n"
                                "  enabled: on\n"
                                "  tolerance: {money: {rel: 5%}, count: {abs: 1}}\n", &d);
    ck_assert_ptr_nonnull(rb);
    ck_assert(!rb->open_off);
    ck_assert(rb->open_tolerance_set[CC_FIG_MONEY]);
    ck_assert_near(rb->open_tolerance[CC_FIG_MONEY].rel, 0.05);
    ck_assert_near(rb->open_tolerance[CC_FIG_COUNT].abs, 1);
    ck_assert(!rb->open_tolerance_set[CC_FIG_PERCENT]);
    cc_rulebook_free(rb);
    rb = load(HEAD "fields: {}\nopen: off\n", &d);
    ck_assert(rb->open_off);
    cc_rulebook_free(rb);
    cc_diags_free(&d);
    assert_errors(HEAD "fields: {}\n"
                       "open:\n"
                       "  enable: on\n"
                       "  tolerance:\n"
                       "    quantiti: {rel: 4%}\n"
                       "    money: 2%\n",
                  "8:3: unknown key 'enable' in 'open'; did you mean 'enabled'?\n"
                  "10:5: unknown kind of figure 'quantiti'; expected count, quantity, duration, "
                  "time, score, identifier, age, year, percent, money, date, rank or period; "
                  "did you mean 'quantity'?\n"
                  "11:12: expected a mapping like {rel: 2%} for 'tolerance', found a string\n");
    assert_errors(HEAD "fields: {}\nopen: maybe\n",
                  "7:7: 'open' must be on, off or a mapping like {tolerance: {money: "
                  "{rel: 2%}}}, found 'maybe'\n");
}
END_TEST

START_TEST(scope_and_document_patterns_need_their_capture)
{
    assert_errors(HEAD "document: {date-patterns: ['\\d+/\\d+']}\n"
                       "fields:\n  a: {type: rank, patterns: [x], scope: {patterns: ['năm (\\d{4})']}}\n",
                  "6:28: pattern in 'date-patterns' has no (?<date>...) capture\n"
                  "8:53: pattern in 'patterns' has no (?<year>...) capture\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: [x], scope: {else: document-year}}\n",
                  "7:41: 'scope' has no 'patterns'\n");
}
END_TEST

START_TEST(example_errors)
{
    assert_errors(HEAD "fields:\n  a:\n    type: rank\n    patterns: [x]\n    examples:\n"
                       "      - {text: t}\n"
                       "      - {text: t, value: '1', none: true}\n"
                       "      - {value: '1', subject: hanio, scope: 20190}\n"
                       "      - just text\n",
                  "11:9: example has neither 'value' nor 'none: true'\n"
                  "12:9: example has both 'value' and 'none: true'; give one\n"
                  "13:9: example has no 'text'\n"
                  "13:31: unknown subject 'hanio' in an example; did you mean 'hanoi'?\n"
                  "13:45: 'scope' of an example expects a year like 2019\n"
                  "14:9: expected an example like {text: ..., value: ...} in 'examples', found "
                  "a string\n");
}
END_TEST

START_TEST(bounds_and_qualifier_errors)
{
    assert_errors(HEAD "qualifiers:\n  about: {words: khoảng}\n  new: {lo: x, hi: 1}\n"
                       "  odd: {words: [a], lo: 2, hi: 1}\n"
                       "fields:\n  a: {type: number, patterns: [x], min: 5, max: 1}\n"
                       "  b: {type: date, patterns: [x], min: 0}\n"
                       "  c: {type: number, patterns: [x], max: many}\n",
                  "7:18: expected a list of strings for 'words', found a string\n"
                  "8:3: qualifier 'new' has no 'words'\n"
                  "8:13: 'lo' expects a number like 0.95, or -inf or inf\n"
                  "9:8: 'lo' (2) is greater than 'hi' (1) in qualifier 'odd'\n"
                  "11:3: 'min' (5) is greater than 'max' (1) in field 'a'\n"
                  "12:3: 'min' and 'max' apply to number, percent, money and rank fields, not "
                  "to field 'b'\n"
                  "13:41: 'max' expects a number\n");
}
END_TEST

START_TEST(field_ids_must_be_names)
{
    assert_errors(HEAD "fields:\n  2020 rate: {type: number, patterns: [x]}\n",
                  "7:3: field id '2020 rate' is not a name: use letters, digits, '_', '.' and "
                  "'-', starting with a letter or '_'\n");
}
END_TEST

START_TEST(errors_are_collected_and_sorted)
{
    char *e = errors_of("zzz: 1\nversion: 3\nname: [x]\nsubjects: {}\nfields:\n"
                        "  a: {type: rank}\n");
    ck_assert_str_eq(e, "1:1: unknown key 'zzz' in the rulebook\n"
                        "2:10: unsupported rulebook version '3'; expected 1\n"
                        "3:7: expected a string for 'name', found a list\n"
                        "6:3: field 'a' has no 'patterns'\n");
    free(e);
}
END_TEST

START_TEST(error_count_is_capped)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, HEAD "fields: {}\n");
    for (int i = 0; i < 150; i++)
        cc_buf_addf(&b, "unknown%d: 1\n", i);
    cc_diags d = {0};
    ck_assert_ptr_null(load(b.data, &d));
    ck_assert_uint_eq(d.n, 101);
    ck_assert_str_eq(d.v[0].message, "unknown key 'unknown0' in the rulebook");
    ck_assert_str_eq(d.v[100].message, "too many errors: 50 more not shown");
    cc_diags_free(&d);
    cc_buf_free(&b);
}
END_TEST

/* ---- limits (SPEC §8) ----------------------------------------------------------- */

START_TEST(billion_laughs_is_refused)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, HEAD "fields: {}\n");
    cc_buf_adds(&b, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'j'; c++) {
        cc_buf_addf(&b, "%c: &%c [", c, c);
        for (int i = 0; i < 9; i++)
            cc_buf_addf(&b, "%s*%c", i ? ", " : "", c - 1);
        cc_buf_adds(&b, "]\n");
    }
    /* 10^9 nodes if expanded; refused at the alias that passes 10 000 */
    assert_errors(b.data, "11:8: alias '*d' expands the rulebook past 10000 nodes; aliases "
                          "are refused beyond that\n");
    cc_buf_free(&b);
}
END_TEST

START_TEST(recursive_and_unknown_aliases)
{
    assert_errors("a: &a [x, *a]\n", "1:11: alias '*a' refers to a node that contains it\n");
    assert_errors("a: [*nope]\n", "1:5: unknown alias '*nope'\n");
}
END_TEST

START_TEST(deep_nesting_is_refused)
{
    size_t depth = 10000;
    char *s = malloc(2 * depth + 32);
    size_t n = (size_t)snprintf(s, 32, "version: 1\nx: ");
    memset(s + n, '[', depth);
    memset(s + n + depth, ']', depth);
    s[n + 2 * depth] = '\0';
    /* the root mapping is level 1: the 64th '[' (column 67) opens level 65 */
    assert_errors(s, "2:67: the rulebook nests deeper than 64 levels\n");
    s[n + depth] = '\0'; /* unclosed: refused the same way, before libyaml sees the end */
    assert_errors(s, "2:67: the rulebook nests deeper than 64 levels\n");
    free(s);
    /* 64 levels are fine as far as nesting goes */
    char ok[200];
    n = (size_t)snprintf(ok, 32, "version: 1\nx: ");
    memset(ok + n, '[', 63);
    memset(ok + n + 63, ']', 63);
    ok[n + 126] = '\0';
    assert_errors(ok, "1:1: the rulebook has no 'name'\n"
                      "1:1: the rulebook has no 'subjects'\n"
                      "1:1: the rulebook has no 'fields'\n"
                      "2:1: unknown key 'x' in the rulebook\n");
}
END_TEST

START_TEST(fifty_megabytes_in_memory)
{
    size_t len = 50u * 1024 * 1024;
    char *s = malloc(len);
    memset(s, '#', len);
    cc_diags d = {0};
    ck_assert_ptr_null(cc_rulebook_load_mem(RB, s, len, &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "the rulebook is too large (52428800 bytes; the limit is "
                                     "4194304)");
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "rulebook");
    ck_assert(cc_diag_fatal(&d.v[0]));
    cc_diags_free(&d);
    free(s);
}
END_TEST

/* Patterns are capped per rulebook, every kind counted: the first one over is refused at
 * its line and column, once; at the cap exactly the rulebook loads. */
static char *book_of_patterns(size_t fields, size_t per_field, bool with_skip)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "version: 1\nname: t\nsubjects: {vn: {name: VN}}\n");
    if (with_skip)
        cc_buf_adds(&b, "document: {skip: ['^bỏ']}\n");
    cc_buf_adds(&b, "fields:\n");
    for (size_t f = 0; f < fields; f++) {
        cc_buf_addf(&b, "  f%zu:\n    type: number\n    subject: vn\n    patterns:\n", f);
        for (size_t p = 0; p < per_field; p++)
            cc_buf_addf(&b, "      - '{number} w%zux%zu'\n", f, p);
    }
    return cc_buf_detach(&b);
}

START_TEST(patterns_are_capped)
{
    char *at_cap = book_of_patterns(CC_RULEBOOK_MAX_PATTERNS / 100, 100, false);
    cc_diags d = {0};
    cc_rulebook *rb = cc_rulebook_load_mem(RB, at_cap, strlen(at_cap), &d);
    ck_assert_ptr_nonnull(rb);
    ck_assert_uint_eq(d.n, 0);
    cc_rulebook_free(rb);
    free(at_cap);
    char *over = book_of_patterns(CC_RULEBOOK_MAX_PATTERNS / 100 + 2, 100, true);
    ck_assert_ptr_null(cc_rulebook_load_mem(RB, over, strlen(over), &d));
    char *t = tu_diags_text(&d);
    /* the skip pattern counts: field 49's last pattern is the first over, on line
     * 6 + 49 fields of 104 lines + 4 + 99 */
    ck_assert_str_eq(t, "5205:9: the rulebook has more than 5000 patterns (of fields, scopes, "
                        "contexts and the document); split it into rulebooks of one story each\n");
    free(t);
    cc_diags_free(&d);
    free(over);
}
END_TEST

static char *temp_file(const char *content, size_t len, off_t size)
{
    char *path = strdup("/tmp/test_rulebook_XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, content, len), (ssize_t)len);
    if (size)
        ck_assert_int_eq(ftruncate(fd, size), 0);
    close(fd);
    return path;
}

START_TEST(fifty_megabyte_file)
{
    char *path = temp_file("version: 1\n", 11, (off_t)50 * 1024 * 1024);
    cc_diags d = {0};
    ck_assert_ptr_null(cc_rulebook_load(path, &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "the rulebook is too large (over 4194304 bytes)");
    ck_assert_str_eq(d.v[0].path, path);
    cc_diags_free(&d);
    unlink(path);
    free(path);
}
END_TEST

/* Exactly at the limit is read; one byte more is refused before parsing. */
START_TEST(size_limit_boundary)
{
    size_t len = CC_RULEBOOK_MAX_BYTES;
    char *s = malloc(len + 2);
    memset(s, '#', len + 1);
    memcpy(s, "version: 1\n", 11);
    s[len - 1] = '\n';
    char *path = temp_file(s, len, 0);
    cc_diags d = {0};
    ck_assert_ptr_null(cc_rulebook_load(path, &d));
    ck_assert_str_eq(d.v[0].message, "the rulebook has no 'name'"); /* parsed */
    cc_diags_free(&d);
    unlink(path);
    free(path);
    path = temp_file(s, len + 1, 0);
    ck_assert_ptr_null(cc_rulebook_load(path, &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, "the rulebook is too large (over 4194304 bytes)");
    cc_diags_free(&d);
    unlink(path);
    free(path);
    free(s);
}
END_TEST

/* Columns count characters of the line as libyaml does: a BOM is not one, CR and CRLF
 * end lines like LF. */
START_TEST(bom_and_crlf_positions)
{
    const char *crlf = "\xef\xbb\xbfversion: 1\r\nname: t\r\nsubjects: {}\r\nfields:\r\n"
                       "  a: {type: rank, patterns: ['hạng {rnk}']}\r\n";
    const char *expected = "5:36: unknown slot '{rnk}'; expected {number}, {percent}, {money}, "
                           "{rank}, {date}, {period} or {year}; did you mean '{rank}'?\n";
    assert_errors(crlf, expected);
    assert_errors("version: 1\rname: t\rsubjects: {}\rfields:\r"
                  "  a: {type: rank, patterns: ['hạng {rnk}']}\r", expected);
}
END_TEST

START_TEST(load_from_file)
{
    const char *text = HEAD "fields:\n  a: {type: number, patterns: [x]}\n";
    char *path = temp_file(text, strlen(text), 0);
    cc_diags d = {0};
    cc_rulebook *rb = cc_rulebook_load(path, &d);
    ck_assert_ptr_nonnull(rb);
    ck_assert_str_eq(rb->path, path);
    char sha[65];
    cc_sha256_hex(text, strlen(text), sha);
    ck_assert_str_eq(rb->sha256, sha);
    cc_rulebook_free(rb);
    unlink(path);
    free(path);

    ck_assert_ptr_null(cc_rulebook_load("/nonexistent/rules.yaml", &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message,
                     "cannot read '/nonexistent/rules.yaml': No such file or directory");
    ck_assert_str_eq(cc_diag_kind_name(d.v[0].kind), "io");
    ck_assert(cc_diag_fatal(&d.v[0]));
    ck_assert_ptr_null(cc_rulebook_load("/tmp", &d));
    ck_assert_str_eq(d.v[1].message, "cannot read '/tmp': not a regular file (a folder)");
    cc_diags_free(&d);
}
END_TEST

/* Pathological inputs that a quadratic loader would take minutes over; the test case's
 * timeout fails them. */
START_TEST(many_keys_anchors_and_tags_stay_linear)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "version: 1\nname: t\nfields: {}\nsubjects:\n");
    for (int i = 0; i < 100000; i++)
        cc_buf_addf(&b, "  s%d:\n", i);
    cc_buf_adds(&b, "  s99999:\n");
    char *e = errors_of(b.data);
    ck_assert_str_eq(e, "100005:3: duplicate key 's99999' in 'subjects' (first at 100004:3)\n");
    free(e);

    cc_buf_reset(&b);
    cc_buf_adds(&b, HEAD "fields: {}\nx: [");
    for (int i = 0; i < 100000; i++)
        cc_buf_addf(&b, "%s&a%d !!str a", i ? "," : "", i);
    cc_buf_adds(&b, "]\ny: [");
    for (int i = 0; i < 5000; i++)
        cc_buf_addf(&b, "%s*a0", i ? "," : "");
    cc_buf_adds(&b, "]\n");
    e = errors_of(b.data);
    ck_assert_str_eq(e, "7:1: unknown key 'x' in the rulebook\n"
                        "8:1: unknown key 'y' in the rulebook\n");
    free(e);
    cc_buf_free(&b);
}
END_TEST

START_TEST(a_mapping_reached_twice_is_reported_once)
{
    assert_errors(HEAD "fields:\n  a: &f {type: rank, patterns: [x], typo: 1}\n  b: *f\n",
                  "7:37: unknown key 'typo' in field 'a'; did you mean 'type'?\n"
                  "7:37: unknown key 'typo' in field 'b'; did you mean 'type'?\n");
    assert_errors(HEAD "fields:\n  a: {type: rank, patterns: &p [x, '{rnk}']}\n  b: {type: rank, patterns: *p}\n",
                  "7:37: unknown slot '{rnk}'; expected {number}, {percent}, {money}, {rank}, "
                  "{date}, {period} or {year}; did you mean '{rank}'?\n");
}
END_TEST

/* ---- did you mean --------------------------------------------------------------- */

START_TEST(did_you_mean)
{
    static const char *const keys[] = {"type", "description", "subject", "scope", "patterns"};
    ck_assert_str_eq(cc_did_you_mean("pattern", keys, 5), "patterns");
    ck_assert_str_eq(cc_did_you_mean("tpye", keys, 5), "type");
    ck_assert_str_eq(cc_did_you_mean("scop", keys, 5), "scope");
    ck_assert_str_eq(cc_did_you_mean("descriptoin", keys, 5), "description");
    ck_assert_ptr_null(cc_did_you_mean("colour", keys, 5));
    ck_assert_ptr_null(cc_did_you_mean("type", keys, 5)); /* the same word is no suggestion */
    ck_assert_ptr_null(cc_did_you_mean("", keys, 5));
    static const char *const short_ones[] = {"id", "ab"};
    ck_assert_ptr_null(cc_did_you_mean("x", short_ones, 2)); /* would replace everything */
    static const char *const types[] = {"number", "percent", "money", "rank", "date", "period"};
    ck_assert_str_eq(cc_did_you_mean("ranking", types, 6), "rank");   /* 3 <= ceil(7/3) */
    ck_assert_ptr_null(cc_did_you_mean("rankings", types, 6));        /* 4 > ceil(8/3) */
    static const char *const sev[] = {"error", "warning", "info"};
    ck_assert_str_eq(cc_did_you_mean("warn", sev, 3), "warning");     /* 3 <= ceil(7/3) */
    static const char *const vi[] = {"Hà Nội", "Việt Nam"};
    ck_assert_str_eq(cc_did_you_mean("Hà Nọi", vi, 2), "Hà Nội"); /* code points, not bytes */
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("rulebook");
    CC_TCASE(s, "schema", NULL, NULL, full_rulebook_top_level,
             full_rulebook_subjects_and_qualifiers, full_rulebook_fields, full_rulebook_rules,
             defaults_of_a_minimal_rulebook, aliases_share_nodes,
             pattern_marks_skip_anchors_and_tags, pattern_mark_at_offsets,
             quantifiers_escapes_and_classes_are_not_slots, load_from_file, did_you_mean);
    CC_TCASE(s, "errors", NULL, NULL, unknown_slot_with_column_and_suggestion, yaml_syntax_error,
             tab_indentation, invalid_utf8, empty_and_wrong_documents, missing_required_keys,
             unknown_keys_with_suggestions, wrong_types, bad_enum_values, version_must_be_one,
             duplicate_keys_and_ids, unknown_fields_and_subjects, derived_rule_errors,
             bad_tolerances, open_mode_and_its_tolerances, scope_and_document_patterns_need_their_capture, example_errors,
             bounds_and_qualifier_errors, field_ids_must_be_names,
             errors_are_collected_and_sorted, error_count_is_capped,
             a_mapping_reached_twice_is_reported_once, bom_and_crlf_positions);
    TCase *lim = CC_TCASE(s, "limits", NULL, NULL, billion_laughs_is_refused,
                          recursive_and_unknown_aliases, deep_nesting_is_refused,
                          fifty_megabytes_in_memory, fifty_megabyte_file,
                          many_keys_anchors_and_tags_stay_linear, size_limit_boundary,
                          patterns_are_capped);
    tcase_set_timeout(lim, 20);
    return s;
}
