/* Unit tests for checker.c (SPEC §4): claims built through the model API go in, the
 * findings come out described in one line each, and every row of the table states the
 * exact description: sides with their documents, the majority, compatible claims, where
 * the finding is reported and its message. */
#include <string.h>
#include "checker.h"
#include "extract.h"
#include "model.h"
#include "sha256.h"
#include "testutil.h"

static const char RULEBOOK[] =
    "version: 1\n"
    "name: checker-test\n"
    "subjects:\n"
    "  vn: {name: Việt Nam, aliases: [Việt Nam]}\n"
    "  hn: {name: Hà Nội, aliases: [Hà Nội]}\n"
    "fields:\n"
    "  visits: {type: number, subject: vn, patterns: ['{number} lượt']}\n"
    "  near: {type: number, subject: vn, patterns: ['{number} gần']}\n"
    "  rate: {type: percent, subject: {from: sentence}, description: Tỷ lệ,\n"
    "         patterns: ['{percent} văn bản']}\n"
    "  rank: {type: rank, subject: vn, patterns: ['hạng {rank}']}\n"
    "  loose: {type: number, subject: vn, patterns: ['{number} x']}\n"
    "rules:\n"
    "  - {id: visits-rule, field: visits}\n"
    "  - {id: near-rule, field: near, tolerance: {abs: 1}}\n"
    "  - {id: rate-rule, field: rate, severity: warning}\n"
    "  - {id: rank-rule, field: rank, message: Thứ hạng khác nhau}\n";

/* One claim as a row: its field, subject ("" for none), scope, document, line and the
 * value as written (parsed as its field's slot would parse it, qualifiers included). */
typedef struct claim_row {
    const char *field, *subject;
    int scope;
    const char *path;
    unsigned line;
    const char *value;
} claim_row;

#define MAX_ROWS 5

typedef struct check_case {
    const char *name;
    claim_row claims[MAX_ROWS];
    size_t groups;         /* groups the checker formed */
    const char *findings;  /* describe() of the findings, "" for none */
} check_case;

static size_t doc_index(cc_run *run, const char *path)
{
    for (size_t i = 0; i < run->ndocs; i++)
        if (strcmp(run->docs[i].path, path) == 0)
            return i;
    cc_run_add_document(run, path);
    return run->ndocs - 1;
}

static void add_claim(cc_run *run, const claim_row *r)
{
    const cc_rulebook *rb = run->rb;
    int field = cc_rulebook_field_index(rb, r->field);
    ck_assert_msg(field >= 0, "no field '%s'", r->field);
    cc_value v;
    ck_assert_int_eq(cc_value_parse(rb, rb->locale, rb->fields[field].type, r->value,
                                    strlen(r->value), r->scope, &v), CC_PARSE_OK);
    size_t doc = doc_index(run, r->path);
    cc_claim *c = cc_run_add_claim(run);
    c->field = field;
    c->subject = *r->subject ? cc_rulebook_subject_index(rb, r->subject) : -1;
    c->scope = r->scope;
    c->value = v;
    c->doc = (int)doc;
    run->docs[doc].nclaims++;
    c->line = r->line;
    c->column = 1;
    c->text = cc_xstrdup(r->value);
    c->value_text = cc_xstrdup(r->value);
    c->sentence = cc_xstrdup(r->value);
}

static void claim_at(cc_buf *b, const cc_run *run, size_t ci)
{
    const cc_claim *c = &run->claims[ci];
    cc_buf_addf(b, "%s:%u", run->docs[c->doc].path, c->line);
}

/* "KIND RULE at PATH:LINE {SIDE in N, ...} majority M compatible {PATH:LINE ...}: MESSAGE"
 * per finding, one a line; a side is its canonical value. */
static char *describe(const cc_run *run)
{
    cc_buf b = CC_BUF_INIT;
    for (size_t i = 0; i < run->nfindings; i++) {
        const cc_finding *f = &run->findings[i];
        cc_buf_addf(&b, "%s %s at ", cc_finding_kind_name(f->kind),
                    f->rule >= 0 ? run->rb->rules[f->rule].id : "-");
        claim_at(&b, run, (size_t)f->location);
        cc_buf_adds(&b, " {");
        for (size_t s = 0; s < f->nsides; s++) {
            cc_buf_adds(&b, s ? ", " : "");
            cc_value_canonical(&f->sides[s].value, &b);
            cc_buf_addf(&b, " in %d", f->sides[s].ndocs);
        }
        cc_buf_addf(&b, "} majority %d compatible {", f->majority);
        for (size_t k = 0; k < f->ncompatible; k++) {
            cc_buf_adds(&b, k ? " " : "");
            claim_at(&b, run, f->compatible[k]);
        }
        cc_buf_addf(&b, "} %s: %s\n", cc_severity_name(f->severity), f->message);
    }
    return cc_buf_detach(&b);
}

static void run_rows(cc_run *run, const cc_rulebook *rb, const claim_row *rows)
{
    cc_run_init(run, rb);
    for (size_t i = 0; i < MAX_ROWS && rows[i].field; i++)
        add_claim(run, &rows[i]);
    ck_assert_int_eq(cc_check(run), 0);
}

static const check_case CASES[] = {
    {"two documents agree",
     {{"visits", "vn", 2020, "a.txt", 3, "60"}, {"visits", "vn", 2020, "b.txt", 7, "60"}},
     1, ""},
    {"exact conflict, one against one: no majority",
     {{"visits", "vn", 2020, "a.txt", 3, "60"}, {"visits", "vn", 2020, "b.txt", 7, "70"}},
     1,
     "conflict visits-rule at a.txt:3 {60 in 1, 70 in 1} majority -1 compatible {} error: "
     "visits differs between sources: 60 here, 70 in 1 other document\n"},
    {"two against one: the majority named, reported at the minority",
     {{"visits", "vn", 2020, "a.txt", 3, "60"},
      {"visits", "vn", 2020, "b.txt", 7, "70"},
      {"visits", "vn", 2020, "c.txt", 1, "60"}},
     1,
     "conflict visits-rule at b.txt:7 {60 in 2, 70 in 1} majority 0 compatible {} error: "
     "visits differs between sources: 70 here, 60 in 2 other documents\n"},
    {"both values in one document",
     {{"visits", "vn", 2020, "a.txt", 3, "60"}, {"visits", "vn", 2020, "a.txt", 9, "70"}},
     1,
     "conflict visits-rule at a.txt:3 {60 in 1, 70 in 1} majority -1 compatible {} error: "
     "visits differs between sources: 60 here, 70 elsewhere in this document\n"},
    {"an approximate value meeting both is swept into the first side",
     {{"visits", "vn", 2020, "a.txt", 1, "100"},
      {"visits", "vn", 2020, "b.txt", 1, "104"},
      {"visits", "vn", 2020, "c.txt", 1, "khoảng 102"}},
     1,
     "conflict visits-rule at b.txt:1 {100 in 2, 104 in 1} majority 0 compatible {} error: "
     "visits differs between sources: 104 here, 100 in 2 other documents\n"},
    {"a half-bounded value meeting both sides is compatible with both",
     {{"visits", "vn", 2020, "a.txt", 1, "100"},
      {"visits", "vn", 2020, "b.txt", 1, "104"},
      {"visits", "vn", 2020, "c.txt", 1, "tối thiểu 90"}},
     1,
     "conflict visits-rule at a.txt:1 {100 in 1, 104 in 1} majority -1 compatible {c.txt:1} "
     "error: visits differs between sources: 100 here, 104 in 1 other document\n"},
    {"a half-bounded value meeting one side joins it; the side stands for the meet",
     {{"visits", "vn", 2020, "a.txt", 1, "100"},
      {"visits", "vn", 2020, "b.txt", 1, "104"},
      {"visits", "vn", 2020, "c.txt", 1, "tối thiểu 102"}},
     1,
     "conflict visits-rule at a.txt:1 {100 in 1, 104 in 2} majority 1 compatible {} "
     "error: visits differs between sources: 100 here, 104 in 2 other documents\n"},
    {"tolerance: ends that touch agree (100 ± 1 meets 102 ± 1)",
     {{"near", "vn", 2020, "a.txt", 1, "100"}, {"near", "vn", 2020, "b.txt", 1, "102"}},
     1, ""},
    {"tolerance: just outside conflicts",
     {{"near", "vn", 2020, "a.txt", 1, "100"}, {"near", "vn", 2020, "b.txt", 1, "102,1"}},
     1,
     "conflict near-rule at a.txt:1 {100 in 1, 102.05..102.15 in 1} majority -1 compatible "
     "{} error: near differs between sources: 100 here, 102,1 in 1 other document\n"},
    {"without tolerance the same values conflict",
     {{"visits", "vn", 2020, "a.txt", 1, "100"}, {"visits", "vn", 2020, "b.txt", 1, "101"}},
     1,
     "conflict visits-rule at a.txt:1 {100 in 1, 101 in 1} majority -1 compatible {} error: "
     "visits differs between sources: 100 here, 101 in 1 other document\n"},
    {"different subjects and scopes are never compared",
     {{"rate", "hn", 2020, "a.txt", 1, "50%"},
      {"rate", "vn", 2020, "b.txt", 1, "60%"},
      {"rate", "hn", 2019, "c.txt", 1, "70%"},
      {"visits", "vn", 2020, "c.txt", 2, "50"}},
     4, ""},
    {"a subject from the sentence is named in the message, with the rule's severity",
     {{"rate", "hn", 2020, "a.txt", 1, "50%"}, {"rate", "hn", 2020, "b.txt", 1, "60%"}},
     1,
     "conflict rate-rule at a.txt:1 {50% in 1, 60% in 1} majority -1 compatible {} warning: "
     "Tỷ lệ for Hà Nội differs between sources: 50% here, 60% in 1 other document\n"},
    {"a field without a rule: the default severity, no rule id",
     {{"loose", "vn", 2020, "a.txt", 1, "1"}, {"loose", "vn", 2020, "b.txt", 1, "2"}},
     1,
     "conflict - at a.txt:1 {1 in 1, 2 in 1} majority -1 compatible {} warning: "
     "loose differs between sources: 1 here, 2 in 1 other document\n"},
    {"a rank compares position and total (no total meets both); sides in output order",
     {{"rank", "vn", 2020, "a.txt", 1, "24/47"},
      {"rank", "vn", 2020, "b.txt", 1, "24/46"},
      {"rank", "vn", 2020, "c.txt", 1, "thứ 24"}},
     1,
     "conflict rank-rule at a.txt:1 {24/47 in 1, 24/46 in 1} majority -1 compatible {c.txt:1} "
     "error: Thứ hạng khác nhau: 24/47 here, 24/46 in 1 other document\n"},
    {"sanity: a percent above 100 and a rank beyond its total",
     {{"rate", "hn", 2020, "a.txt", 1, "120%"}, {"rank", "vn", 2020, "a.txt", 2, "25/24"}},
     2,
     "sanity rate-rule at a.txt:1 {120% in 1} majority -1 compatible {} warning: "
     "Tỷ lệ: 120% is above the largest possible value 100\n"
     "sanity rank-rule at a.txt:2 {25/24 in 1} majority -1 compatible {} error: "
     "rank: rank 25/24 is impossible: the position is beyond the total\n"},
};

START_TEST(checker_table)
{
    const check_case *k = &CASES[_i];
    cc_rulebook *rb = tu_rulebook(RULEBOOK);
    cc_run run;
    run_rows(&run, rb, k->claims);
    char *got = describe(&run);
    ck_assert_msg(strcmp(got, k->findings) == 0, "%s:\n got: %s\nwant: %s", k->name, got,
                  k->findings);
    ck_assert_uint_eq(run.ngroups, k->groups);
    free(got);
    cc_run_free(&run);
    cc_rulebook_free(rb);
}
END_TEST

/* The fingerprint is the first 16 hex digits of SHA-256 over the rule, field, subject
 * and scope and the sorted canonical values of the sides, each NUL-terminated. */
START_TEST(fingerprint_is_the_documented_hash)
{
    cc_rulebook *rb = tu_rulebook(RULEBOOK);
    cc_run run;
    run_rows(&run, rb, CASES[1].claims);
    ck_assert_uint_eq(run.nfindings, 1);
    static const char key[] = "visits-rule\0visits\0vn\0" "2020\0" "60\0" "70";
    char hex[65];
    cc_sha256_hex(key, sizeof key, hex);
    hex[16] = '\0';
    ck_assert_str_eq(run.findings[0].fingerprint, hex);
    char again[17];
    cc_fingerprint(&run, &run.findings[0], again);
    ck_assert_str_eq(again, hex);
    cc_run_free(&run);
    cc_rulebook_free(rb);
}
END_TEST

static void fingerprint_of(const claim_row *rows, char out[17])
{
    cc_rulebook *rb = tu_rulebook(RULEBOOK);
    cc_run run;
    run_rows(&run, rb, rows);
    ck_assert_uint_eq(run.nfindings, 1);
    memcpy(out, run.findings[0].fingerprint, 17);
    cc_run_free(&run);
    cc_rulebook_free(rb);
}

START_TEST(fingerprint_is_stable_when_lines_and_files_move)
{
    char a[17], b[17], c[17], d[17];
    fingerprint_of((const claim_row[]){{"visits", "vn", 2020, "a.txt", 3, "60"},
                                       {"visits", "vn", 2020, "b.txt", 7, "70"},
                                       {0}}, a);
    /* Other lines, other names, the other order: the same finding. */
    fingerprint_of((const claim_row[]){{"visits", "vn", 2020, "z.txt", 40, "70"},
                                       {"visits", "vn", 2020, "y.txt", 2, "60"},
                                       {0}}, b);
    ck_assert_str_eq(a, b);
    /* Another value or another scope: another finding. */
    fingerprint_of((const claim_row[]){{"visits", "vn", 2020, "a.txt", 3, "60"},
                                       {"visits", "vn", 2020, "b.txt", 7, "71"},
                                       {0}}, c);
    fingerprint_of((const claim_row[]){{"visits", "vn", 2021, "a.txt", 3, "60"},
                                       {"visits", "vn", 2021, "b.txt", 7, "70"},
                                       {0}}, d);
    ck_assert_str_ne(a, c);
    ck_assert_str_ne(a, d);
    ck_assert_str_ne(c, d);
}
END_TEST

/* A finding about one document (a sanity finding: one claim) names it in its
 * fingerprint: the same impossible 120% in another article is another finding, which a
 * baseline entry for the first must not silence; lines still move freely. */
START_TEST(fingerprint_of_a_single_document_finding_names_it)
{
    char a[17], b[17], c[17], d[17];
    fingerprint_of((const claim_row[]){{"rate", "hn", 2020, "a.txt", 1, "120%"}, {0}}, a);
    fingerprint_of((const claim_row[]){{"rate", "hn", 2020, "a.txt", 30, "120%"}, {0}}, b);
    fingerprint_of((const claim_row[]){{"rate", "hn", 2020, "./a.txt", 2, "120%"}, {0}}, c);
    fingerprint_of((const claim_row[]){{"rate", "hn", 2020, "new.txt", 1, "120%"}, {0}}, d);
    ck_assert_str_eq(a, b);
    ck_assert_str_eq(a, c); /* the path as normalized */
    ck_assert_str_ne(a, d);
    /* The documented key: the conflict's, then the path. */
    static const char key[] = "rate-rule\0rate\0hn\0" "2020\0" "120%\0\0a.txt";
    char hex[65];
    cc_sha256_hex(key, sizeof key - 1, hex);
    hex[16] = '\0';
    ck_assert_str_eq(a, hex);
}
END_TEST

/* Findings come out by path, then line: a finding in a.txt precedes one in b.txt
 * whatever order the claims were added in. */
START_TEST(findings_in_output_order)
{
    cc_rulebook *rb = tu_rulebook(RULEBOOK);
    cc_run run;
    run_rows(&run, rb, (const claim_row[]){{"rank", "vn", 2020, "b.txt", 5, "30/20"},
                                           {"rate", "hn", 2020, "b.txt", 2, "101%"},
                                           {"visits", "vn", 2020, "a.txt", 9, "60"},
                                           {"visits", "vn", 2020, "c.txt", 1, "61"},
                                           {0}});
    ck_assert_uint_eq(run.nfindings, 3);
    char *got = describe(&run);
    ck_assert_str_eq(got,
        "conflict visits-rule at a.txt:9 {60 in 1, 61 in 1} majority -1 compatible {} error: "
        "visits differs between sources: 60 here, 61 in 1 other document\n"
        "sanity rate-rule at b.txt:2 {101% in 1} majority -1 compatible {} warning: "
        "Tỷ lệ: 101% is above the largest possible value 100\n"
        "sanity rank-rule at b.txt:5 {30/20 in 1} majority -1 compatible {} error: "
        "rank: rank 30/20 is impossible: the position is beyond the total\n");
    /* Claims were put in output order too. */
    ck_assert_str_eq(run.docs[run.claims[0].doc].path, "a.txt");
    ck_assert_uint_eq(run.claims[1].line, 2);
    free(got);
    cc_run_free(&run);
    cc_rulebook_free(rb);
}
END_TEST

START_TEST(an_empty_run_has_no_findings)
{
    cc_rulebook *rb = tu_rulebook(RULEBOOK);
    cc_run run;
    run_rows(&run, rb, (const claim_row[]){{0}});
    ck_assert_uint_eq(run.nfindings, 0);
    ck_assert_uint_eq(run.ngroups, 0);
    cc_run_free(&run);
    cc_rulebook_free(rb);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("checker");
    TCase *tc = CC_TCASE(s, "check", NULL, NULL, fingerprint_is_the_documented_hash,
                         fingerprint_is_stable_when_lines_and_files_move,
                         fingerprint_of_a_single_document_finding_names_it,
                         findings_in_output_order, an_empty_run_has_no_findings);
    tcase_add_loop_test(tc, checker_table, 0, sizeof CASES / sizeof CASES[0]);
    return s;
}
