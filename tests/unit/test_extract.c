/* Unit tests for extract.c through cc_extract_mem(): a claim's value, subject, scope,
 * line, column and byte offset (NFC, NFD and CRLF text), qualifiers, document.require,
 * sentences without a digit, and the match-limit diagnostic. */
#include <string.h>
#include "checker.h"
#include "extract.h"
#include "model.h"
#include "testutil.h"

#define SUBJECTS                                                                          \
    "subjects:\n"                                                                         \
    "  vn: {name: Việt Nam, aliases: [Việt Nam]}\n"                                       \
    "  hn: {name: Hà Nội, aliases: [Hà Nội]}\n"

#define FIELDS                                                                            \
    "fields:\n"                                                                           \
    "  visits: {type: number, subject: vn, patterns: ['{number}\\s+lượt truy cập']}\n"    \
    "  rate: {type: percent, subject: {from: sentence}, patterns: ['{percent} văn bản']}\n"

static const char RULEBOOK[] = "version: 1\nname: extract-test\nopen: off\n" SUBJECTS FIELDS;

static const char REQUIRING[] =
    "version: 1\nname: require-test\nopen: off\n"
    "document: {require: ['dịch vụ công']}\n" SUBJECTS FIELDS;

/* The pattern of fixtures/rulebooks/catastrophic.yaml: (a+)+$ backtracks exponentially
 * on "aaaa…b". */
static const char CATASTROPHIC[] =
    "version: 1\nname: catastrophic\nopen: off\n" SUBJECTS
    "fields:\n"
    "  bad: {type: number, subject: vn, patterns: ['(?:(a+)+$|{number}\\s+zzz)']}\n"
    "  visits: {type: number, subject: vn, patterns: ['{number}\\s+lượt truy cập']}\n";

/* Extracts `len` bytes of `text` as document "t.txt" into *run (claims in output
 * order); returns what cc_extract_mem() returned. */
static int extract(cc_run *run, const char *yaml, const cc_extract_opts *o, const char *text,
                   size_t len)
{
    cc_rulebook *rb = tu_rulebook_compiled(yaml);
    cc_extractor *ex = cc_extractor_new(rb, o);
    cc_run_init(run, rb);
    int rc = cc_extract_mem(ex, run, "t.txt", text, len);
    cc_sort_claims(run);
    cc_extractor_free(ex);
    return rc;
}

static void release(cc_run *run)
{
    const cc_rulebook *rb = run->rb;
    cc_run_free(run);
    cc_rulebook_free((cc_rulebook *)rb);
}

/* "FIELD SUBJECT SCOPE LINE:COL @OFFSET+LENGTH CANONICAL 'VALUE TEXT'" per claim. */
static char *claims_of(const cc_run *run)
{
    cc_buf b = CC_BUF_INIT;
    for (size_t i = 0; i < run->nclaims; i++) {
        const cc_claim *c = &run->claims[i];
        cc_buf_addf(&b, "%s %s %d %u:%u @%llu+%u ", run->rb->fields[c->field].id,
                    c->subject >= 0 ? run->rb->subjects[c->subject].id : "-", c->scope,
                    c->line, c->column, (unsigned long long)c->byte_offset, c->byte_length);
        cc_value_canonical(&c->value, &b);
        cc_buf_addf(&b, " '%s'\n", c->value_text);
    }
    return cc_buf_detach(&b);
}

#define assert_claims(run, want)                                                          \
    do {                                                                                  \
        char *got_ = claims_of(run);                                                      \
        ck_assert_str_eq(got_, want);                                                     \
        free(got_);                                                                       \
    } while (0)

START_TEST(value_line_column_and_offset)
{
    static const char text[] = "Dòng một.\nTrang có 60 lượt truy cập năm 2021.\n";
    cc_run run;
    ck_assert_int_eq(extract(&run, RULEBOOK, NULL, text, strlen(text)), 0);
    ck_assert_uint_eq(run.ndocs, 1);
    ck_assert_str_eq(run.docs[0].path, "t.txt");
    ck_assert_uint_eq(run.docs[0].nclaims, 1);
    ck_assert_int_eq(run.docs[0].year, 2021); /* inferred from the body: the scope */
    /* "60" is the 10th character of line 2, at byte 12 + 1 + 10 of the file. */
    ck_assert_uint_eq((size_t)(strstr(text, "60") - text), 23);
    assert_claims(&run, "visits vn 2021 2:10 @23+2 60 '60'\n");
    ck_assert_str_eq(run.claims[0].text, "60 lượt truy cập");
    ck_assert_str_eq(run.claims[0].sentence, "Trang có 60 lượt truy cập năm 2021.");
    ck_assert_uint_eq(run.claims[0].value_in_sentence, strlen("Trang có "));
    ck_assert_uint_eq(run.diags.n, 0);
    release(&run);
}
END_TEST

/* The same sentence decomposed (NFD): the same column in characters, the byte offset
 * and length of the original bytes, the words as written. */
START_TEST(nfd_line_keeps_columns_in_characters)
{
    /* "Trang có 1.039 lượt truy cập" with ó and ư ợ decomposed. */
    static const char text[] = "Trang co\xcc\x81 1.039 lu\xcc\x9bo\xcc\x9b\xcc\xa3t truy "
                               "ca\xcc\x82\xcc\xa3p.\n";
    cc_run run;
    ck_assert_int_eq(extract(&run, RULEBOOK, NULL, text, strlen(text)), 0);
    ck_assert_uint_eq((size_t)(strstr(text, "1.039") - text), 11);
    assert_claims(&run, "visits vn 0 1:10 @11+5 1039 '1.039'\n");
    ck_assert_uint_eq(strlen(run.claims[0].sentence), strlen(text) - 1); /* no "\n" */
    ck_assert_int_eq(memcmp(run.claims[0].sentence, text, strlen(text) - 1), 0);
    release(&run);
}
END_TEST

START_TEST(crlf_file_positions)
{
    static const char text[] = "Dòng một.\r\n\r\nCó khoảng 60 lượt truy cập.\r\n";
    cc_run run;
    ck_assert_int_eq(extract(&run, RULEBOOK, NULL, text, strlen(text)), 0);
    ck_assert_uint_eq((size_t)(strstr(text, "khoảng") - text), 20);
    /* The qualifier is part of the value: widened to [0.95 v, 1.05 v]. */
    assert_claims(&run, "visits vn 0 3:4 @20+11 57..63 'khoảng 60'\n");
    ck_assert_uint_eq(run.docs[0].lines, 3);
    release(&run);
}
END_TEST

START_TEST(qualifiers_widen_the_interval)
{
    static const char text[] =
        "Có hơn 60 lượt truy cập. Có gần 4,4 lượt truy cập. Có tối thiểu 30% văn bản ở Hà Nội.\n";
    cc_run run;
    ck_assert_int_eq(extract(&run, RULEBOOK, NULL, text, strlen(text)), 0);
    assert_claims(&run,
                  "visits vn 0 1:4 @4+7 60..66 'hơn 60'\n"
                  "visits vn 0 1:29 @36+9 3.915..4.45 'gần 4,4'\n"
                  "rate hn 0 1:55 @70+17 30..inf% 'tối thiểu 30%'\n");
    release(&run);
}
END_TEST

/* A subject from the sentence: the alias nearest before the value, else the nearest
 * after it; a sentence naming none gives no claim. */
START_TEST(subject_from_the_sentence)
{
    static const char text[] =
        "Hà Nội đạt 50% văn bản, Việt Nam đạt 60% văn bản.\n"
        "Có 70% văn bản được ký số tại Hà Nội.\n"
        "Có 80% văn bản được ký số.\n";
    cc_run run;
    ck_assert_int_eq(extract(&run, RULEBOOK, NULL, text, strlen(text)), 0);
    assert_claims(&run,
                  "rate hn 0 1:12 @17+3 50% '50%'\n"
                  "rate vn 0 1:38 @51+3 60% '60%'\n"
                  "rate hn 0 2:4 @71+3 70% '70%'\n");
    release(&run);
}
END_TEST

START_TEST(document_require_skips_a_document)
{
    static const char off_topic[] = "Có 60 lượt truy cập.\n";
    static const char on_topic[] = "Có 60 lượt truy cập.\nCổng dịch vụ công quốc gia.\n";
    cc_run run;
    ck_assert_int_eq(extract(&run, REQUIRING, NULL, off_topic, strlen(off_topic)), 0);
    ck_assert_uint_eq(run.ndocs, 1);
    ck_assert(!run.docs[0].skipped);
    assert_claims(&run, "");
    release(&run);
    /* A line anywhere in the document puts it on topic, even after the figure. */
    ck_assert_int_eq(extract(&run, REQUIRING, NULL, on_topic, strlen(on_topic)), 0);
    assert_claims(&run, "visits vn 0 1:4 @4+2 60 '60'\n");
    release(&run);
    /* Rulebook examples ignore document.require. */
    cc_extract_opts o = {.ignore_require = true};
    ck_assert_int_eq(extract(&run, REQUIRING, &o, off_topic, strlen(off_topic)), 0);
    assert_claims(&run, "visits vn 0 1:4 @4+2 60 '60'\n");
    release(&run);
}
END_TEST

/* A document the document filter turns away (prefilter.h) is still dated as any other:
 * by its date patterns and years, on the lines that are not skipped. The same texts
 * read in full (a require pattern the filter cannot read, so it is off) give the same
 * dates. */
START_TEST(turned_away_documents_keep_their_dates)
{
    static const char *const docs[][2] = {
        {"Ảnh: 12/01/2001\nGiá vàng 1999 tăng.\nĐăng 12/03/2004 lúc 9 giờ.\n", "2004-03-12"},
        {"Ảnh: 5/5/2001 năm 2001, 2001\nGiá 1998 và 1998.\nNăm 2003.\n", "1998"},
        {"Ảnh: 5/5/2001 năm 2001\nKhông có năm nào.\n", ""},
    };
    const char *filtered =
        "version: 1\nname: t\nopen: off\ndocument:\n  require: ['dịch vụ công']\n"
        "  date-patterns: ['(?<date>\\d{1,2}/\\d{1,2}/\\d{4})']\n  skip: ['^Ảnh:']\n"
        SUBJECTS FIELDS;
    const char *unfiltered =
        "version: 1\nname: t\nopen: off\ndocument:\n  require: ['dịch vụ công|\\d{12}']\n"
        "  date-patterns: ['(?<date>\\d{1,2}/\\d{1,2}/\\d{4})']\n  skip: ['^Ảnh:']\n"
        SUBJECTS FIELDS;
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        cc_run a, b;
        ck_assert_int_eq(extract(&a, filtered, NULL, docs[i][0], strlen(docs[i][0])), 0);
        ck_assert_int_eq(extract(&b, unfiltered, NULL, docs[i][0], strlen(docs[i][0])), 0);
        ck_assert_str_eq(a.docs[0].date, docs[i][1]);
        ck_assert_str_eq(b.docs[0].date, docs[i][1]);
        ck_assert_int_eq(a.docs[0].date_from, b.docs[0].date_from);
        ck_assert_uint_eq(a.nclaims + b.nclaims, 0);
        release(&a);
        release(&b);
    }
}
END_TEST

/* Only a sentence with a digit (or a number word) is offered to the patterns: the
 * catastrophic pattern is never run on the line of a's without one, and hits the match
 * limit on the same line with a digit. The next lines are still read. */
START_TEST(match_limit_and_sentences_without_digits)
{
    cc_buf text = CC_BUF_INIT;
    for (int line = 0; line < 2; line++) {
        cc_buf_adds(&text, line ? "1 " : "");
        for (int i = 0; i < 5000; i++)
            cc_buf_addc(&text, 'a');
        cc_buf_adds(&text, "b\n");
    }
    cc_buf_adds(&text, "Có 60 lượt truy cập.\n");
    cc_run run;
    ck_assert_int_eq(extract(&run, CATASTROPHIC, NULL, text.data, text.len), 0);
    ck_assert_uint_eq(run.diags.n, 1);
    const cc_diag *g = &run.diags.v[0];
    ck_assert_str_eq(g->message, "a pattern of field 'bad' hit the PCRE2 match limit; the rest "
                                 "of the line and of the document was not searched with it");
    ck_assert_str_eq(g->path, "t.txt");
    ck_assert_uint_eq(g->line, 2);
    ck_assert_uint_eq(g->column, 1);
    ck_assert_uint_eq(g->byte_offset, 5002);
    ck_assert_str_eq(cc_diag_kind_name(g->kind), "limit");
    ck_assert(cc_diag_fatal(g));
    assert_claims(&run, "visits vn 0 3:4 @10010+2 60 '60'\n");
    release(&run);
    cc_buf_free(&text);
}
END_TEST

/* A pattern that hit the match limit is not run again on the document: 1000 more such
 * lines cost nothing (the test's timeout says so: 2 ms each before), one error is
 * reported, and the other fields' patterns still run on every line. */
START_TEST(a_pattern_over_the_limit_is_not_run_again)
{
    cc_buf text = CC_BUF_INIT;
    for (int line = 0; line < 1000; line++)
        cc_buf_adds(&text, "1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n");
    cc_buf_adds(&text, "Có 60 lượt truy cập.\n");
    cc_run run;
    ck_assert_int_eq(extract(&run, CATASTROPHIC, NULL, text.data, text.len), 0);
    ck_assert_uint_eq(run.diags.n, 1);
    ck_assert_uint_eq(run.diags.v[0].line, 1);
    assert_claims(&run, "visits vn 0 1001:4 @44004+2 60 '60'\n");
    release(&run);
    cc_buf_free(&text);
}
END_TEST

/* The document's budget of matching time (here 1 ms, plus 1 ms per KB): a pattern that
 * stays under the match limit but costs ~0.4 ms a line spends it within a few lines;
 * the rest of the document is not searched, and one error names the costliest pattern. */
START_TEST(the_budget_of_matching_time_stops_a_document)
{
    cc_buf text = CC_BUF_INIT;
    for (int line = 0; line < 400; line++)
        cc_buf_adds(&text, "1 aaaaaaaaaaaaaaaab\n"); /* 16 a's: 2^16 steps, under the limit */
    cc_buf_adds(&text, "Có 60 lượt truy cập.\n");
    cc_extract_opts o = {.match_budget_ms = 1};
    cc_run run;
    ck_assert_int_eq(extract(&run, CATASTROPHIC, &o, text.data, text.len), 0);
    ck_assert_uint_eq(run.diags.n, 1);
    const cc_diag *g = &run.diags.v[0];
    ck_assert_str_eq(cc_diag_kind_name(g->kind), "limit");
    ck_assert(cc_diag_fatal(g));
    const char *head = "matching the rulebook's patterns used up this document's budget of ";
    ck_assert_msg(strncmp(g->message, head, strlen(head)) == 0, "%s", g->message);
    ck_assert_msg(strstr(g->message, " s (0.001 s, and 1 s per MB read); the rest of it was not "
                                     "searched; most of it went to a pattern of field 'bad' "
                                     "(rulebook.yaml:8:47), "), "%s", g->message);
    ck_assert_uint_lt(g->line, 400);
    ck_assert_uint_eq(run.nclaims, 0); /* the last line was not searched */
    release(&run);
    cc_buf_free(&text);
}
END_TEST

/* Open claims' dates written without a year take the story's year once the run is read:
 * the year of its dates written in full, not the year a document names most. */
START_TEST(a_date_without_a_year_takes_the_story_year)
{
    static const char BUILTIN[] = "version: 1\nname: b\nopen: on\nsubjects: {}\nfields: {}\n";
    cc_rulebook *rb = tu_rulebook_compiled(BUILTIN);
    cc_extract_opts o = {0};
    cc_extractor *ex = cc_extractor_new(rb, &o);
    cc_run run;
    cc_run_init(&run, rb);
    static const char A[] = "Từ năm 2003 đến năm 2003, chị gửi tiền. Ngày 18-1-2005, chị rút 30 "
                            "triệu đồng.\n";
    static const char B[] = "Ngày 18/1, chị phát hiện tài khoản bị thiếu 30 triệu đồng.\n";
    cc_extract_mem(ex, &run, "a.txt", A, strlen(A));
    cc_extract_mem(ex, &run, "b.txt", B, strlen(B));
    cc_run_date_open_claims(&run);
    size_t dates = 0;
    for (size_t i = 0; i < run.nclaims; i++) {
        const cc_claim *c = &run.claims[i];
        if (!c->open || c->open->kind != CC_FIG_DATE)
            continue;
        cc_buf b = CC_BUF_INIT;
        cc_value_canonical(&c->value, &b);
        ck_assert_str_eq(b.data, "2005-01-18"); /* a.txt's 18-1-2005 and b.txt's 18/1 */
        ck_assert(!c->open->yearless);
        cc_buf_free(&b);
        dates++;
    }
    ck_assert_uint_eq(dates, 2);
    ck_assert_int_eq(run.docs[0].year, 2003); /* a.txt's own year is still the one it names most */
    cc_extractor_free(ex);
    cc_run_free(&run);
    cc_rulebook_free(rb);
}
END_TEST

/* The claim cap: 9 figures out of range, then more than the cap. The figures counted
 * towards it when found, so 99 991 claims are kept, and the warning says so at the line
 * where the cap was reached (it said "more than 100000" before). A named file the reader
 * skips is an error. */
START_TEST(claim_cap_says_what_was_kept)
{
    cc_buf text = CC_BUF_INIT;
    for (int i = 0; i < 9; i++)
        cc_buf_adds(&text, "Có 99999999999999999999999 lượt truy cập.\n");
    for (unsigned i = 0; i < CC_MAX_CLAIMS_PER_DOC; i++)
        cc_buf_adds(&text, "Có 60 lượt truy cập.\n");
    cc_run run;
    ck_assert_int_eq(extract(&run, RULEBOOK, NULL, text.data, text.len), 0);
    ck_assert_uint_eq(run.nclaims, CC_MAX_CLAIMS_PER_DOC - 9);
    ck_assert_uint_eq(run.diags.n, 10); /* 9 out of range, then the cap */
    const cc_diag *g = &run.diags.v[9];
    ck_assert_str_eq(g->message, "the document reached the cap of 100000 claims here: the rest "
                                 "of it was not read for claims (99991 claims kept)");
    ck_assert_uint_eq(g->line, CC_MAX_CLAIMS_PER_DOC);
    ck_assert(!cc_diag_fatal(g));
    release(&run);
    cc_buf_free(&text);
}
END_TEST

START_TEST(a_named_file_that_is_not_text_is_an_error)
{
    static const char bin[] = "Có 60 lượt\0 truy cập.\n";
    for (int named = 0; named < 2; named++) {
        cc_extract_opts o = {.named = named};
        cc_run run;
        ck_assert_int_eq(extract(&run, RULEBOOK, &o, bin, sizeof bin - 1), 0);
        ck_assert(run.docs[0].skipped);
        ck_assert_uint_eq(run.diags.n, 1);
        ck_assert_int_eq(cc_diag_fatal(&run.diags.v[0]), named);
        ck_assert_str_eq(run.diags.v[0].message, "binary file (NUL byte at offset 14): skipped");
        release(&run);
    }
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("extract");
    CC_TCASE(s, "extract", NULL, NULL, value_line_column_and_offset,
             nfd_line_keeps_columns_in_characters, crlf_file_positions,
             qualifiers_widen_the_interval, subject_from_the_sentence,
             document_require_skips_a_document, turned_away_documents_keep_their_dates,
             match_limit_and_sentences_without_digits,
             a_date_without_a_year_takes_the_story_year, a_pattern_over_the_limit_is_not_run_again,
             the_budget_of_matching_time_stops_a_document, a_named_file_that_is_not_text_is_an_error);
    TCase *cap = CC_TCASE(s, "cap", NULL, NULL, claim_cap_says_what_was_kept);
    tcase_set_timeout(cap, 60);
    return s;
}
