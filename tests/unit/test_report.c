/*
 * test_report.c — the reporter kit (report.h): the writer's failure flag, the JSON
 * emitter's escaping and layout, the run accessors, the notes, the rule id, the value's
 * end and the cleaner. (The table of formats, and every reporter's write failure
 * through it, are tested in test_formats.c.)
 */
#include "testutil.h"

#include <string.h>
#include "report_fixture.h"

/* ---- the writer ---------------------------------------------------------------- */

START_TEST(writer_failure_is_reported_once_at_the_end)
{
    FILE *full = fopen("/dev/full", "w");
    ck_assert_ptr_nonnull(full);
    setvbuf(full, NULL, _IONBF, 0);
    cc_writer w;
    cc_writer_to_file(&w, full);
    for (size_t i = 0; i < CC_WRITER_FLUSH_BYTES; i++)
        cc_buf_addc(w.out, 'x');
    cc_writer_maybe_flush(&w);
    ck_assert(w.failed);
    ck_assert_uint_eq(w.out->len, 0); /* dropped, not kept growing */
    cc_buf_adds(w.out, "more");
    ck_assert_int_eq(cc_writer_finish(&w), -1);
    fclose(full);
}
END_TEST

START_TEST(writer_keeps_small_output_until_the_end)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cc_writer w;
    cc_writer_to_file(&w, f);
    cc_buf_adds(w.out, "abc");
    cc_writer_maybe_flush(&w);
    ck_assert_uint_eq(w.out->len, 3);
    ck_assert_int_eq(cc_writer_finish(&w), 0);
    fclose(f);
    ck_assert_str_eq(text, "abc");
    free(text);
}
END_TEST

START_TEST(writer_in_memory_appends_to_the_callers_buffer)
{
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "x=");
    cc_json j;
    cc_json_to_buf(&j, &b, false);
    cc_json_int(&j, -3);
    ck_assert_int_eq(cc_json_finish(&j), 0);
    ck_assert_str_eq(b.data, "x=-3");
    cc_buf_free(&b);
}
END_TEST

/* ---- the JSON emitter ---------------------------------------------------------- */

static char *json_string_of(const char *s, size_t n)
{
    cc_buf b = CC_BUF_INIT;
    cc_json_string(&b, s, n);
    return cc_buf_detach(&b);
}

#define ck_assert_json_string(s, n, want)       \
    do {                                        \
        char *j_ = json_string_of((s), (n));    \
        ck_assert_str_eq(j_, (want));           \
        free(j_);                               \
    } while (0)

START_TEST(json_escapes_controls_and_invalid_bytes)
{
    ck_assert_json_string("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
    ck_assert_json_string("\b\f\n\r\t", 5, "\"\\b\\f\\n\\r\\t\"");
    ck_assert_json_string("\x01\x1f\x7f", 3, "\"\\u0001\\u001f\x7f\"");
    ck_assert_json_string("x\0y", 3, "\"x\\u0000y\"");
    ck_assert_json_string("\xC2\x85 \xE2\x80\xAE", 6, "\"\xC2\x85 \xE2\x80\xAE\"");
    ck_assert_json_string("\xff", 1, "\"\xEF\xBF\xBD\"");
    ck_assert_json_string("\xE1\xBB", 2, "\"\xEF\xBF\xBD\"");   /* one maximal subpart */
    ck_assert_json_string("\xC0\xAF", 2, "\"\xEF\xBF\xBD\xEF\xBF\xBD\""); /* overlong */
    ck_assert_json_string("Vi\xE1\xBB\x87t", 6, "\"Vi\xE1\xBB\x87t\"");
}
END_TEST

START_TEST(json_string_escapes)
{
    ck_assert_json_string("a\"b\\c/d", 7, "\"a\\\"b\\\\c/d\"");
    ck_assert_json_string("\n\t\r\b\f\x01\x1f\x7f", 8,
                          "\"\\n\\t\\r\\b\\f\\u0001\\u001f\x7f\"");
    ck_assert_json_string("a\0b", 3, "\"a\\u0000b\"");
    ck_assert_json_string("", 0, "\"\"");
    ck_assert_json_string("Việt Nam 【24/47】 \xF0\x9F\x98\x80", 27,
                          "\"Việt Nam 【24/47】 \xF0\x9F\x98\x80\"");
    /* n bounds the string: nothing past it is read. */
    ck_assert_json_string("abcdef", 3, "\"abc\"");
}
END_TEST

START_TEST(json_string_repairs_invalid_utf8)
{
    ck_assert_json_string("\xff", 1, "\"\xEF\xBF\xBD\"");
    /* A sequence cut by the end of the slice: one U+FFFD for the whole prefix. */
    ck_assert_json_string("a\xE1\xBB", 3, "\"a\xEF\xBF\xBD\"");
    ck_assert_json_string("\xE1\xBB\x87", 2, "\"\xEF\xBF\xBD\"");
    ck_assert_json_string("\xE1\xBBx", 3, "\"\xEF\xBF\xBDx\"");
    /* Overlong, surrogate, past U+10FFFF: each byte is its own bad sequence. */
    ck_assert_json_string("\xC0\xAF", 2, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    ck_assert_json_string("\xED\xA0\x80", 3, "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    ck_assert_json_string("\xF4\x90\x80\x80", 4,
                          "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}
END_TEST

/* {"a": [1, null, {}], "b": [], "s": "x", "t": true} in both layouts. */
static char *emit_sample(bool pretty)
{
    cc_buf b = CC_BUF_INIT;
    cc_json j;
    cc_json_to_buf(&j, &b, pretty);
    cc_json_object(&j);
    cc_json_key(&j, "a");
    cc_json_array(&j);
    cc_json_uint(&j, 1);
    cc_json_double(&j, INFINITY);
    cc_json_object(&j);
    cc_json_end(&j);
    cc_json_end(&j);
    cc_json_key(&j, "b");
    cc_json_array(&j);
    cc_json_end(&j);
    cc_json_kstr(&j, "s", "x");
    cc_json_kbool(&j, "t", true);
    cc_json_kscope(&j, "scope", 2020);
    cc_json_kscope(&j, "none", 0);
    cc_json_end(&j);
    ck_assert_uint_eq(j.depth, 0);
    return cc_buf_detach(&b);
}

START_TEST(json_pretty_and_compact)
{
    char *pretty = emit_sample(true), *compact = emit_sample(false);
    ck_assert_str_eq(pretty, "{\n"
                             "  \"a\": [\n"
                             "    1,\n"
                             "    null,\n"
                             "    {}\n"
                             "  ],\n"
                             "  \"b\": [],\n"
                             "  \"s\": \"x\",\n"
                             "  \"t\": true,\n"
                             "  \"scope\": \"2020\",\n"
                             "  \"none\": null\n"
                             "}");
    ck_assert_str_eq(compact,
                     "{\"a\":[1,null,{}],\"b\":[],\"s\":\"x\",\"t\":true,\"scope\":\"2020\","
                     "\"none\":null}");
    free(pretty);
    free(compact);
}
END_TEST

/* ---- the run ----------------------------------------------------------------------- */

START_TEST(accessors_check_their_bounds)
{
    fixture fx;
    fx_init(&fx);
    const cc_run *run = &fx.run;
    ck_assert_ptr_eq(cc_report_claim(run, 5), &run->claims[5]);
    ck_assert_ptr_null(cc_report_claim(run, 6));
    ck_assert_ptr_null(cc_report_claim(run, -1));
    ck_assert_ptr_null(cc_report_doc(run, 3));
    ck_assert_str_eq(cc_report_field_id(run, 1), "dvc.level4.target");
    ck_assert_ptr_null(cc_report_field_id(run, 2));
    ck_assert_str_eq(cc_report_subject_id(run, 1), "hanoi");
    ck_assert_ptr_null(cc_report_subject_id(run, -1));
    ck_assert_ptr_null(cc_report_rule(run, 2));
    ck_assert_str_eq(cc_report_claim_path(run, &run->claims[3]), "c.txt");
    cc_claim orphan = {.doc = 7};
    ck_assert_str_eq(cc_report_claim_path(run, &orphan), "?");
    ck_assert_str_eq(cc_report_rulebook_path(run, NULL), "rules/egov-vn.yaml");
    cc_report_opts o = {.rulebook_path = "given.yaml"};
    ck_assert_str_eq(cc_report_rulebook_path(run, &o), "given.yaml");
    ck_assert_int_eq(cc_report_location_side(&run->findings[0]), 1);
    ck_assert_int_eq(cc_report_location_side(&run->findings[2]), -1);
    fx_free(&fx);
}
END_TEST

/* The claim indices the notes walk through, as "side:claim" ("c" for compatible). */
static void notes_of(const cc_run *run, const cc_finding *f, cc_notes_kind kind, cc_buf *out)
{
    cc_notes it;
    cc_notes_begin(&it, run, f, kind);
    for (const cc_claim *c; (c = cc_notes_next(&it));) {
        if (it.side < f->nsides)
            cc_buf_addf(out, "%zu:%td ", it.side, c - run->claims);
        else
            cc_buf_addf(out, "c:%td ", c - run->claims);
    }
}

START_TEST(notes_of_other_sides_and_of_all_sides)
{
    fixture fx;
    fx_init(&fx);
    cc_buf b = CC_BUF_INIT;
    notes_of(&fx.run, &fx.run.findings[0], CC_NOTES_OTHER_SIDES, &b);
    ck_assert_str_eq(b.data, "0:0 0:1 c:2 ");
    cc_buf_reset(&b);
    notes_of(&fx.run, &fx.run.findings[0], CC_NOTES_ALL_SIDES, &b);
    ck_assert_str_eq(b.data, "0:0 0:1 c:2 ");
    cc_buf_reset(&b);
    fx.run.findings[0].sides[0].claims[1] = 99; /* out of range: skipped */
    fx.run.findings[0].location = 0;            /* now on side 0 */
    notes_of(&fx.run, &fx.run.findings[0], CC_NOTES_OTHER_SIDES, &b);
    ck_assert_str_eq(b.data, "1:3 c:2 ");
    cc_buf_reset(&b);
    notes_of(&fx.run, &fx.run.findings[0], CC_NOTES_ALL_SIDES, &b);
    ck_assert_str_eq(b.data, "1:3 c:2 ");
    cc_buf_reset(&b);
    notes_of(&fx.run, &fx.run.findings[2], CC_NOTES_ALL_SIDES, &b);
    ck_assert_str_eq(b.data, "");
    cc_buf_free(&b);
    fx_free(&fx);
}
END_TEST

static void value_end(const char *value, unsigned line, unsigned col, unsigned *el,
                      unsigned *ec)
{
    cc_claim c = {.line = line, .column = col, .value_text = (char *)value};
    cc_report_value_end(&c, el, ec);
}

START_TEST(value_end_in_characters_and_lines)
{
    unsigned el, ec;
    value_end("Tối thiểu 30%", 9, 1, &el, &ec);
    ck_assert_uint_eq(el, 9);
    ck_assert_uint_eq(ec, 14);
    value_end("thu\xcc\x81", 1, 5, &el, &ec); /* NFD: 3 characters */
    ck_assert_uint_eq(ec, 8);
    value_end("8/2017 –\n7/2020", 4, 100, &el, &ec);
    ck_assert_uint_eq(el, 5);
    ck_assert_uint_eq(ec, 7);
    value_end("a\r\nb\rcd", 1, 1, &el, &ec);
    ck_assert_uint_eq(el, 3);
    ck_assert_uint_eq(ec, 3);
    value_end("\xff\xfe", 2, 2, &el, &ec); /* each bad byte one U+FFFD */
    ck_assert_uint_eq(el, 2);
    ck_assert_uint_eq(ec, 4);
    value_end(NULL, 2, 2, &el, &ec);
    ck_assert_uint_eq(ec, 2);
}
END_TEST

/* ---- what several formats print ---------------------------------------------------- */

START_TEST(summary_line_and_help)
{
    fixture fx;
    fx_init(&fx);
    cc_buf b = CC_BUF_INIT;
    cc_report_summary_line(&fx.run, &b);
    ck_assert_str_eq(b.data, "3 findings (1 error, 1 warning, 1 info) in 3 documents; "
                             "6 claims in 2 groups");
    cc_buf_reset(&b);
    ck_assert(cc_report_help(&fx.run, &fx.run.findings[0], &b));
    ck_assert_str_eq(b.data, "2 documents say 30%; correct this figure if the original "
                             "source agrees");
    cc_buf_reset(&b);
    ck_assert(!cc_report_help(&fx.run, &fx.run.findings[1], &b));
    ck_assert_uint_eq(b.len, 0);
    ck_assert_str_eq(cc_report_finding_noun(&fx.run), "finding");
    cc_buf_free(&b);
    fx_free(&fx);
}
END_TEST

/* Escapes '<' only: a stand-in for a format's hook. */
static bool escape_lt(cc_buf *out, int32_t cp, const void *ctx)
{
    if (cp != '<')
        return false;
    cc_buf_adds(out, (const char *)ctx);
    return true;
}

START_TEST(clean_escapes_controls_bidi_and_bad_bytes)
{
    static const char in[] = "a<\t\x1b[31m\xC2\x9B\xE2\x80\xAE!\xE2\x81\xA6\xff\xE1\xBB\x87";
    cc_buf b = CC_BUF_INIT;
    cc_report_clean(&b, in, sizeof in - 1, escape_lt, "&lt;");
    ck_assert_str_eq(b.data, "a&lt;\\t\\x1b[31m\\u009b\\u202e!\\u2066\\xff\xE1\xBB\x87");
    cc_buf_reset(&b);
    cc_report_clean(&b, in, 2, NULL, NULL);
    ck_assert_str_eq(b.data, "a<");
    cc_buf_reset(&b);
    /* the format's hook comes first; a joiner is not a bidi control; no "::" rule here */
    cc_report_clean(&b, "::\xE2\x80\x8D<", 6, escape_lt, "&lt;");
    ck_assert_str_eq(b.data, "::\xE2\x80\x8D&lt;");
    cc_buf_free(&b);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("report");
    CC_TCASE(s, "writer", NULL, NULL, writer_failure_is_reported_once_at_the_end,
             writer_keeps_small_output_until_the_end,
             writer_in_memory_appends_to_the_callers_buffer);
    CC_TCASE(s, "json", NULL, NULL, json_escapes_controls_and_invalid_bytes, json_string_escapes,
             json_string_repairs_invalid_utf8, json_pretty_and_compact);
    CC_TCASE(s, "run", NULL, NULL, accessors_check_their_bounds,
             notes_of_other_sides_and_of_all_sides, value_end_in_characters_and_lines,
             summary_line_and_help, clean_escapes_controls_bidi_and_bad_bytes);
    return s;
}
