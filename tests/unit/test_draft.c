/*
 * test_draft.c — the draft rulebook of `rules init` (draft.h): field ids, regex text and
 * YAML scalars, the words around a figure, patterns generalised from several documents'
 * contexts (exact strings), and whole drafts from in-memory reports that load, compile and
 * pass their own examples.
 */
#include "testutil.h"

#include <string.h>
#include "checker.h"
#include "draft.h"
#include "examples.h"
#include "extract.h"

/* ---- field ids ------------------------------------------------------------------ */

static void assert_slug(const char *words, const char *want)
{
    cc_buf b = CC_BUF_INIT;
    cc_draft_slug(words, strlen(words), &b);
    ck_assert_str_eq(b.data, want);
    cc_buf_free(&b);
}

START_TEST(slug_folds_to_ascii)
{
    assert_slug("hành khách", "hanh_khach");
    assert_slug("Tỷ lệ", "ty_le");
    assert_slug("đường sắt", "duong_sat");
    assert_slug("  km/giờ ", "km_gio");
    assert_slug("CHÂU Á", "chau_a");
    assert_slug("3 người", "_3_nguoi");  /* an id starts with a letter or '_' */
    assert_slug("", "");
    assert_slug("—…", "");               /* nothing to keep */
    assert_slug("nạn nhân", "nan_nhan");
}
END_TEST

/* ---- regex text --------------------------------------------------------------------- */

static void assert_escape(const char *s, const char *want)
{
    cc_buf b = CC_BUF_INIT;
    cc_draft_regex_escape(s, strlen(s), &b);
    ck_assert_str_eq(b.data, want);
    cc_buf_free(&b);
}

START_TEST(escape_metacharacters_and_space)
{
    assert_escape("km/giờ", "km/giờ");
    assert_escape("a.b(c)", "a\\.b\\(c\\)");
    assert_escape("x  y\tz", "x\\s+y\\s+z");
    assert_escape("1+1?", "1\\+1\\?");
    assert_escape("{number}", "\\{number\\}");
    assert_escape("$5^ [x]|y* #", "\\$5\\^\\s+\\[x\\]\\|y\\*\\s+\\#");
    assert_escape("a\\b", "a\\\\b");
    assert_escape("a\x01" "b", "a\\x{1}b");
    assert_escape("TP.HCM", "TP\\.HCM");
}
END_TEST

/* What the escaped text matches, compiled as the pattern compiler does: the text itself
 * (with any white space between words), whole. */
START_TEST(escaped_text_matches_itself)
{
    const char *texts[] = {"km/giờ", "a.b(c)", "1+1?", "{number}", "$5^ [x]|y* #",
                           "a\\b", "TP.HCM", "(?x)#", "Đà  Nẵng"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        cc_buf b = CC_BUF_INIT;
        cc_draft_regex_escape(texts[i], strlen(texts[i]), &b);
        pcre2_code *re = tu_fragment_compile("escaped", b.data, true);
        size_t s, e;
        ck_assert_msg(tu_find(re, texts[i], &s, &e), "'%s' does not match '%s'", b.data, texts[i]);
        ck_assert(!tu_find(re, "other", &s, &e));
        pcre2_code_free(re);
        cc_buf_free(&b);
    }
}
END_TEST

/* ---- YAML scalars ------------------------------------------------------------------- */

static void assert_quote(const char *s, const char *want)
{
    cc_buf b = CC_BUF_INIT;
    cc_draft_yaml_quote(s, strlen(s), &b);
    ck_assert_str_eq(b.data, want);
    cc_buf_free(&b);
}

START_TEST(yaml_quote_single_or_double)
{
    assert_quote("abc", "'abc'");
    assert_quote("it's", "'it''s'");
    assert_quote("{number}\\s+người", "'{number}\\s+người'");
    assert_quote("a: b, [c] #d", "'a: b, [c] #d'");
    assert_quote("tab\there", "\"tab\\there\"");
    assert_quote("x\x01y\"z\\", "\"x\\x01y\\\"z\\\\\"");
    assert_quote("a\xe2\x80\xa8" "b", "\"a\\u2028b\"");        /* a line separator */
    assert_quote("\xef\xbb\xbf" "x", "\"\\uFEFFx\"");          /* a byte order mark */
    assert_quote("", "''");
}
END_TEST

/* Every quoted scalar reads back as the text it came from. */
START_TEST(yaml_quote_round_trips)
{
    const char *texts[] = {"abc", "it's", "tab\there", "x\x01y\"z\\", ("a\xe2\x80\xa8" "b"),
                           "Chiều 12/3, xe khách chở 30 người.", "'\"", " lead and trail "};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        cc_buf y = CC_BUF_INIT;
        cc_buf_adds(&y, "version: 1\nname: q\nsubjects: {}\nfields: {}\ndescription: ");
        cc_draft_yaml_quote(texts[i], strlen(texts[i]), &y);
        cc_buf_adds(&y, "\n");
        cc_rulebook *rb = tu_rulebook(y.data);
        ck_assert_str_eq(rb->description, texts[i]);
        cc_rulebook_free(rb);
        cc_buf_free(&y);
    }
}
END_TEST

/* ---- contexts ------------------------------------------------------------------------ */

/* The context of the first occurrence of `fig` in `s`. */
static cc_draft_context context_of(const char *s, const char *fig)
{
    const char *at = strstr(s, fig);
    ck_assert_ptr_nonnull(at);
    cc_draft_context c;
    cc_draft_context_of(s, strlen(s), (size_t)(at - s), (size_t)(at - s) + strlen(fig), &c);
    return c;
}

START_TEST(context_words_around_a_figure)
{
    cc_draft_context c = context_of("Đoàn tàu E1 chở 503 hành khách, 35 nhân viên.", "503");
    ck_assert_uint_eq(c.nleft, 1); /* "E1" holds a digit: another figure */
    ck_assert_str_eq(c.left[0], "chở");
    ck_assert_uint_eq(c.nright, 2); /* the comma after "khách" ends the side */
    ck_assert_str_eq(c.right[0], "hành");
    ck_assert_str_eq(c.right[1], "khách");

    c = context_of("Nạn nhân (43 tuổi), trú tại Hà Nội.", "43 tuổi");
    ck_assert_uint_eq(c.nleft, 0); /* glued punctuation on both sides */
    ck_assert_uint_eq(c.nright, 0);

    c = context_of("Các công ty trên đã trốn thuế tới 27 tỉ đồng thuế nhập khẩu", "27 tỉ đồng");
    ck_assert_uint_eq(c.nleft, 4); /* at most CC_DRAFT_WORDS */
    ck_assert_str_eq(c.left[0], "tới");
    ck_assert_str_eq(c.left[3], "đã");
    ck_assert_uint_eq(c.nright, 3);
    ck_assert_str_eq(c.right[2], "khẩu");

    c = context_of("tốc độ \"69 km/giờ\" (quy định)", "69 km/giờ");
    ck_assert_uint_eq(c.nleft + c.nright, 0);

    c = context_of("(vượt 72% so với quy định", "72%");
    ck_assert_uint_eq(c.nleft, 1); /* "(vượt": the word is kept, the side ends after it */
    ck_assert_str_eq(c.left[0], "vượt");
    ck_assert_uint_eq(c.nright, 4);
}
END_TEST

/* ---- patterns ------------------------------------------------------------------------ */

/* The candidates for the figures `figs[i]` of `sentences[i]`, joined by '\n'. */
static char *candidates(const char *const *sentences, const char *const *figs, size_t n,
                        const char *core, cc_draft_side names)
{
    cc_draft_context ctx[8];
    for (size_t i = 0; i < n; i++)
        ctx[i] = context_of(sentences[i], figs[i]);
    char **v;
    cc_draft_shape shapes[CC_DRAFT_CANDIDATES];
    size_t k = cc_draft_patterns(ctx, n, core, names, cc_draft_head_words(CC_LOCALE_VI), &v,
                                 shapes);
    cc_buf b = CC_BUF_INIT;
    for (size_t i = 0; i < k; i++)
        cc_buf_addf(&b, "%s\n", v[i]);
    cc_draft_patterns_free(v, k);
    return cc_buf_detach(&b);
}

START_TEST(patterns_from_shared_words)
{
    const char *s[] = {"Đoàn tàu chở 503 hành khách cùng 35 nhân viên",
                       "Tàu E1 chở gần 80 hành khách bị thương"};
    const char *f[] = {"503", "gần 80"};
    char *got = candidates(s, f, 2, "{number}", CC_DRAFT_AFTER);
    /* one shared word before (chở), two after (hành khách): the noun first, and a
     * Vietnamese word of two syllables is not cut to one */
    ck_assert_str_eq(got, "{number}\\s+hành\\s+khách\\b\n"
                          "\\bchở\\s+{number}\\s+hành\\s+khách\\b\n"
                          "\\bchở\\s+{number}\n");
    free(got);
    got = candidates(s, f, 2, "{number}", CC_DRAFT_BEFORE); /* the words before first */
    ck_assert_str_eq(got, "\\bchở\\s+{number}\n"
                          "\\bchở\\s+{number}\\s+hành\\s+khách\\b\n"
                          "{number}\\s+hành\\s+khách\\b\n");
    free(got);
}
END_TEST

START_TEST(patterns_every_count_of_words)
{
    const char *s[] = {"đã đạt trên 60 triệu lượt truy cập, trên",
                       "doanh nghiệp, đạt trên 60 triệu lượt truy cập thành công"};
    const char *f[] = {"trên 60 triệu", "trên 60 triệu"};
    char *got = candidates(s, f, 2, "{number}", CC_DRAFT_AFTER);
    /* "đạt" once before; "lượt truy cập" after: two and three of them */
    ck_assert_str_eq(got, "{number}\\s+lượt\\s+truy\\b\n"
                          "{number}\\s+lượt\\s+truy\\s+cập\\b\n"
                          "\\bđạt\\s+{number}\\s+lượt\\s+truy\\b\n"
                          "\\bđạt\\s+{number}\\s+lượt\\s+truy\\s+cập\\b\n"
                          "\\bđạt\\s+{number}\n");
    free(got);
}
END_TEST

/* In English a word is a word: one shared word is a head noun. */
START_TEST(patterns_in_english)
{
    cc_draft_context ctx[2] = {
        context_of("The ship carried 1,250 passengers and 40 crew.", "1,250"),
        context_of("A ship with 1,205 passengers and 40 crew sank.", "1,205")};
    char **v;
    size_t k = cc_draft_patterns(ctx, 2, "{number}", CC_DRAFT_AFTER,
                                 cc_draft_head_words(CC_LOCALE_EN), &v, NULL);
    ck_assert_uint_eq(k, 5);
    ck_assert_str_eq(v[0], "{number}\\s+passengers\\b");
    ck_assert_str_eq(v[1], "{number}\\s+passengers\\s+and\\b");
    /* "ship" before, past one word that differs ("carried", "with") */
    ck_assert_str_eq(v[2], "\\bship\\s+(?:[^\\s\\d]+\\s+){0,1}?{number}\\s+passengers\\b");
    ck_assert_str_eq(v[4], "\\bship\\s+(?:[^\\s\\d]+\\s+){0,1}?{number}");
    cc_draft_patterns_free(v, k);
}
END_TEST

START_TEST(patterns_with_a_gap_before)
{
    const char *s[] = {"Nhập lậu ôtô, trốn thuế 27 tỷ đồng",
                       "Các công ty đã trốn thuế tới 27 tỉ đồng."};
    const char *f[] = {"27 tỷ đồng", "27 tỉ đồng"};
    char *got = candidates(s, f, 2, "{money}", CC_DRAFT_BEFORE);
    ck_assert_str_eq(got, "\\btrốn\\s+thuế\\s+(?:[^\\s\\d]+\\s+){0,1}?{money}\n");
    free(got);
}
END_TEST

START_TEST(patterns_core_alone_and_units)
{
    const char *s[] = {"Nạn nhân là anh B (43 tuổi), trú tại Hà Nội.",
                       "Nạn nhân B, 45 tuổi, trú tại Hà Nội."};
    const char *f[] = {"43 tuổi", "45 tuổi"};
    char *got = candidates(s, f, 2, "{number}\\s*tuổi", CC_DRAFT_AFTER);
    ck_assert_str_eq(got, "{number}\\s*tuổi\n"); /* nothing shared: the core alone */
    free(got);
    const char *s2[] = {"rơi xuống vực sâu 60 mét (theo", "lao xuống Vực Sâu 80 mét."};
    const char *f2[] = {"60 mét", "80 mét"};
    got = candidates(s2, f2, 2, "{number}\\s*mét", CC_DRAFT_BEFORE);
    /* compared lowercase, written as the first document writes them */
    ck_assert_str_eq(got, "\\bvực\\s+sâu\\s+{number}\\s*mét\n"
                          "\\bxuống\\s+vực\\s+sâu\\s+{number}\\s*mét\n");
    free(got);
}
END_TEST

/* Every candidate compiles in a rulebook and reads the figure of each sentence. */
START_TEST(patterns_read_their_sentences)
{
    const char *s[] = {"Đoàn tàu chở 503 hành khách cùng 35 nhân viên",
                       "Tàu E1 chở gần 80 hành khách bị thương"};
    const char *f[] = {"503", "gần 80"};
    cc_draft_context ctx[2] = {context_of(s[0], f[0]), context_of(s[1], f[1])};
    char **v;
    size_t k = cc_draft_patterns(ctx, 2, "{number}", CC_DRAFT_AFTER, 2, &v, NULL);
    for (size_t i = 0; i < k; i++) {
        cc_buf y = CC_BUF_INIT;
        cc_buf_adds(&y, "version: 1\nname: t\nopen: off\nsubjects: {s: {name: S}}\nfields:\n"
                        "  f:\n    type: number\n    subject: s\n    patterns: [");
        cc_draft_yaml_quote(v[i], strlen(v[i]), &y);
        cc_buf_adds(&y, "]\n    examples:\n      - {text: 'Đoàn tàu chở 503 hành khách cùng 35 nhân "
                        "viên', value: '503'}\n      - {text: 'Tàu E1 chở gần 80 hành khách bị "
                        "thương', value: 'gần 80'}\n");
        cc_rulebook *rb = tu_rulebook_compiled(y.data);
        size_t total;
        ck_assert_uint_eq(cc_examples_run(rb, "t", false, stderr, &total), 0);
        ck_assert_uint_eq(total, 2);
        cc_rulebook_free(rb);
        cc_buf_free(&y);
    }
    cc_draft_patterns_free(v, k);
}
END_TEST

/* ---- whole drafts ----------------------------------------------------------------------- */

static const char OPEN_RULEBOOK[] = "version: 1\nname: open\nopen: on\nsubjects: {}\nfields: {}\n";

/* The story's texts, extracted again by the draft with each rulebook it tries. */
typedef struct texts {
    const char *const *v;
    size_t n;
} texts;

static void extract_texts(void *ctx, const cc_rulebook *rb, cc_run *run)
{
    const texts *t = ctx;
    cc_extractor *ex = cc_extractor_new(rb, NULL);
    for (size_t i = 0; i < t->n; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%zu.txt", i + 1);
        cc_extract_mem(ex, run, name, t->v[i], strlen(t->v[i]));
    }
    cc_extractor_free(ex);
}

/* The draft of the texts (the caller frees it); its summary in *sum. */
static char *draft_of(const char *const *v, size_t n, cc_draft_summary *sum)
{
    cc_rulebook *rb = tu_rulebook_compiled(OPEN_RULEBOOK);
    cc_run run;
    cc_run_init(&run, rb);
    texts t = {v, n};
    extract_texts(&t, rb, &run);
    cc_run_date_open_claims(&run);
    cc_draft_source src = {extract_texts, &t};
    cc_buf out = CC_BUF_INIT;
    cc_diags d = {0};
    ck_assert_int_eq(cc_draft_write(&run, &src, CC_LOCALE_VI, &out, sum, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    cc_run_free(&run);
    cc_rulebook_free(rb);
    return cc_buf_detach(&out);
}

/* The draft loads, compiles and passes its examples; returns it, compiled. */
static cc_rulebook *assert_valid(const char *yaml, size_t want_examples)
{
    cc_rulebook *rb = tu_rulebook_compiled(yaml);
    size_t total;
    ck_assert_uint_eq(cc_examples_run(rb, "draft", false, stderr, &total), 0);
    ck_assert_uint_eq(total, want_examples);
    return rb;
}

START_TEST(draft_of_two_reports)
{
    const char *v[] = {
        "Tàu chở 503 hành khách cùng 35 nhân viên đường sắt. Vụ tai nạn làm 11 người chết.\n"
        "Trên tàu còn 40 hành khách nước ngoài.\n",
        "Đoàn tàu chở 530 hành khách cùng 35 nhân viên đường sắt.\n",
    };
    cc_draft_summary sum;
    char *yaml = draft_of(v, 2, &sum);
    ck_assert_uint_eq(sum.documents, 2);
    ck_assert_uint_eq(sum.aligned, 2);
    ck_assert_uint_eq(sum.fields, 2);
    ck_assert_uint_eq(sum.left_out, 0);
    /* "40 hành khách nước ngoài" is a look-alike: the pattern takes "cùng" too, and that
     * sentence is a none example */
    ck_assert_ptr_nonnull(strstr(yaml, "  hanh_khach:\n    type: number\n    subject: story\n"
                                       "    scope: event\n    patterns:\n      - '{number}\\s+hành\\s+khách\\s+"
                                       "cùng\\b'\n"));
    ck_assert_ptr_nonnull(strstr(yaml, "{text: 'Trên tàu còn 40 hành khách nước ngoài.', "
                                       "none: true}"));
    ck_assert_ptr_nonnull(strstr(yaml, "{text: 'Đoàn tàu chở 530 hành khách cùng 35 nhân viên "
                                       "đường sắt.', value: '530'}   # d2 line 1\n"));
    ck_assert_ptr_nonnull(strstr(yaml, "  #   open mode: a conflict (warning): 503 / 530\n"));
    ck_assert_ptr_nonnull(strstr(yaml, "  - id: hanh_khach\n    field: hanh_khach\n"
                                       "    severity: warning\n    message: 'the figure for "
                                       "''hành khách'' differs between sources'\n"));
    ck_assert_ptr_nonnull(strstr(yaml, "  nhan_vien:\n"));
    cc_rulebook *rb = assert_valid(yaml, 5);
    ck_assert(!rb->open_off);
    cc_rulebook_free(rb);
    free(yaml);
}
END_TEST

START_TEST(draft_checks_like_open_mode)
{
    const char *v[] = {
        "Tỷ lệ hồ sơ trực tuyến đạt 86,5% trong tháng 7.\n",
        "Tỷ lệ hồ sơ trực tuyến đạt 87,6% trong tháng 7.\n",
    };
    cc_draft_summary sum;
    char *yaml = draft_of(v, 2, &sum);
    ck_assert_uint_eq(sum.fields, 1);
    ck_assert_ptr_nonnull(strstr(yaml, "    type: percent\n"));
    ck_assert_ptr_nonnull(strstr(yaml, "    tolerance: {abs: 0.1}\n"));
    /* the draft with open mode off finds the conflict through its field */
    char *on = strstr(yaml, "\nopen: on\n");
    ck_assert_ptr_nonnull(on);
    cc_buf copy = CC_BUF_INIT; /* the copy of the draft with open mode off */
    cc_buf_addf(&copy, "%.*s\nopen: off\n%s", (int)(on - yaml), yaml, on + strlen("\nopen: on\n"));
    cc_rulebook *rb = assert_valid(copy.data, 2);
    cc_buf_free(&copy);
    ck_assert(rb->open_off);
    cc_run run;
    cc_run_init(&run, rb);
    texts t = {v, 2};
    extract_texts(&t, rb, &run);
    cc_check(&run);
    ck_assert_uint_eq(run.nfindings, 1);
    ck_assert_int_eq(run.findings[0].kind, CC_FIND_CONFLICT);
    ck_assert(!run.findings[0].open);
    cc_run_free(&run);
    cc_rulebook_free(rb);
    free(yaml);
}
END_TEST

START_TEST(draft_leaves_out_what_no_type_holds)
{
    const char *v[] = {
        "Vụ cháy xảy ra lúc 7h30 sáng tại chợ Bến Thành.\n",
        "Khoảng 9 giờ sáng, vụ cháy xảy ra tại chợ Bến Thành.\n",
    };
    cc_draft_summary sum;
    char *yaml = draft_of(v, 2, &sum);
    ck_assert_uint_eq(sum.aligned, 1);
    ck_assert_uint_eq(sum.fields, 0);
    ck_assert_uint_eq(sum.left_out, 1);
    ck_assert_ptr_nonnull(strstr(yaml, "fields: {}\n  # left out: a time aligned across 2 "
                                       "documents"));
    ck_assert_ptr_nonnull(strstr(yaml, "a time has no rulebook type (number, percent, money, "
                                       "rank, date or period)\n"));
    ck_assert_ptr_null(strstr(yaml, "rules:"));
    cc_rulebook_free(assert_valid(yaml, 0));
    free(yaml);
}
END_TEST

START_TEST(draft_of_nothing_aligned)
{
    const char *v[] = {"Không có con số nào ở đây.\n", "Một bài khác, 12 người.\n"};
    cc_draft_summary sum;
    char *yaml = draft_of(v, 2, &sum);
    ck_assert_uint_eq(sum.aligned, 0);
    ck_assert_ptr_nonnull(strstr(yaml, "# Open mode aligned no figure across these documents"));
    ck_assert_ptr_nonnull(strstr(yaml, "\nfields: {}\n"));
    cc_rulebook_free(assert_valid(yaml, 0));
    free(yaml);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("draft");
    CC_TCASE(s, "words", NULL, NULL, slug_folds_to_ascii, escape_metacharacters_and_space,
             escaped_text_matches_itself, yaml_quote_single_or_double, yaml_quote_round_trips);
    CC_TCASE(s, "patterns", NULL, NULL, context_words_around_a_figure, patterns_from_shared_words,
             patterns_every_count_of_words, patterns_in_english, patterns_with_a_gap_before,
             patterns_core_alone_and_units, patterns_read_their_sentences);
    CC_TCASE(s, "drafts", NULL, NULL, draft_of_two_reports, draft_checks_like_open_mode,
             draft_leaves_out_what_no_type_holds, draft_of_nothing_aligned);
    return s;
}
