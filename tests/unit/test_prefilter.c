/* Unit tests for prefilter.c: the literals read from patterns, the fold (case, marks,
 * NFC and NFD alike), and the document filter, which must let through every document
 * the real document.require test accepts: the fixtures as they are, uppercased, in NFD
 * and with CRLF line ends. */
#include <dirent.h>
#include <string.h>
#include <utf8proc.h>
#include "prefilter.h"
#include "reader.h"
#include "text.h"
#include "testutil.h"

#define SHIPPED_REQUIRE                                                                    \
    "Chính phủ (?:điện tử|số)|chính quyền điện tử|dịch vụ công trực tuyến|DVCTT|EGDI|"     \
    "E-?Government|chuyển đổi số"

/* The literals of `pattern`, sorted and joined with " | " (static storage). */
static const char *literals(const char *pattern)
{
    static char out[1024];
    char *lit[CC_PREFILTER_MAX_LITERALS];
    size_t n = cc_prefilter_literals(pattern, strlen(pattern), lit);
    for (size_t i = 1; i < n; i++) /* insertion sort: a few strings */
        for (size_t j = i; j > 0 && strcmp(lit[j - 1], lit[j]) > 0; j--) {
            char *t = lit[j];
            lit[j] = lit[j - 1];
            lit[j - 1] = t;
        }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(out, " | ");
        strcat(out, lit[i]);
        free(lit[i]);
    }
    return out;
}

START_TEST(literals_of_the_shipped_require_pattern)
{
    ck_assert_str_eq(literals(SHIPPED_REQUIRE),
                     "Chính phủ số | Chính phủ điện tử | DVCTT | EGDI | Government | "
                     "chuyển đổi số | chính quyền điện tử | dịch vụ công trực tuyến");
}
END_TEST

START_TEST(literals_multiply_and_cut)
{
    ck_assert_str_eq(literals("a(?:bc|de)f"), "abcf | adef");
    ck_assert_str_eq(literals("(?<name>xy|zw)z"), "xyz | zwz");
    ck_assert_str_eq(literals("abcd?efg"), "abc");   /* d? cuts; "abc" beats "efg"? tie: fewer */
    ck_assert_str_eq(literals("(?:foo)?barbaz"), "barbaz");
    ck_assert_str_eq(literals("{number}\\s+lượt truy cập"), "lượt truy cập");
    ck_assert_str_eq(literals("[Tt]hứ\\s+{rank}"), "hứ");
    ck_assert_str_eq(literals("ab\\.cd"), "ab.cd");
    ck_assert_str_eq(literals("(?:x+|yy)zzz"), "zzz");
    ck_assert_str_eq(literals("(?i:abc)defg"), "defg");
    ck_assert_str_eq(literals("abc(?=xyz)"), "abc"); /* lookarounds are not read */
    ck_assert_str_eq(literals("x{2,3}yz"), "yz");
    ck_assert_str_eq(literals("(?:ab){1,2}c"), "ab");
    ck_assert_str_eq(literals("x(?<*ab)yz|qrs"), "qrs | yz"); /* (?<* is a lookbehind */
}
END_TEST

START_TEST(nothing_known_gives_none)
{
    ck_assert_str_eq(literals("\\d+"), "");
    ck_assert_str_eq(literals("abc|\\d+"), "");      /* one alternative needs no literal */
    ck_assert_str_eq(literals("(?x) a b c"), "");    /* white space means nothing there */
    ck_assert_str_eq(literals("abc(*ACCEPT)def"), ""); /* verbs end matches early */
    ck_assert_str_eq(literals("(?:abc)?"), "");
    ck_assert_str_eq(literals("abc)"), "");          /* unbalanced */
    ck_assert_str_eq(literals("(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q)"), ""); /* too many */
}
END_TEST

static const char *fold(const char *s)
{
    static cc_buf b = CC_BUF_INIT;
    cc_buf_reset(&b);
    ck_assert(cc_prefilter_fold(s, strlen(s), &b));
    return b.data;
}

START_TEST(fold_case_marks_nfc_nfd)
{
    ck_assert_str_eq(fold("Chính phủ điện tử"), "chinh phu dien tu");
    ck_assert_str_eq(fold("CHÍNH PHỦ ĐIỆN TỬ"), "chinh phu dien tu");
    ck_assert_str_eq(fold("Chi\xcc\x81nh phu\xcc\x89 đie\xcc\xa3\xcc\x82n tu\xcc\x9b\xcc\x89"),
                     "chinh phu dien tu"); /* NFD: the marks apart */
    ck_assert_str_eq(fold("E-GOVERNMENT\r\n"), "e-government\r\n");
    cc_buf b = CC_BUF_INIT;
    ck_assert(!cc_prefilter_fold("ab\xff", 3, &b));
    ck_assert(!cc_prefilter_fold("\xe1\xba", 2, &b)); /* cut short */
    ck_assert(!cc_prefilter_fold("\xed\xa0\x80", 3, &b)); /* a surrogate */
    cc_buf_free(&b);
}
END_TEST

static cc_rulebook *shipped(void)
{
    cc_diags d = {0};
    cc_rulebook *rb = cc_rulebook_load("rules/egov-vn.yaml", &d);
    ck_assert_msg(rb != NULL, "cannot load rules/egov-vn.yaml (run from the repository)");
    ck_assert_int_eq(cc_patterns_compile(rb, &d), 0);
    cc_diags_free(&d);
    return rb;
}

START_TEST(document_filter_tolerant)
{
    cc_rulebook *rb = shipped();
    cc_docfilter *f = cc_docfilter_new(rb);
    ck_assert(f != NULL);
    const char *yes[] = {
        "Hôm nay, Chính phủ điện tử đã...",
        "HỘI NGHỊ VỀ CHÍNH PHỦ SỐ\r\n",
        "Xây dựng chi\xcc\x81nh phu\xcc\x89 sô\xcc\x81", /* NFD */
        "the UN E-Government Survey",
        "egovernment",
        "bad byte \xff then nothing", /* not UTF-8: let through */
    };
    const char *no[] = {"Giá vàng hôm nay tăng 2%", "Chính phủ họp về giá xăng", ""};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        ck_assert_msg(cc_docfilter_maybe(f, yes[i], strlen(yes[i])), "turned away: %s", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        ck_assert_msg(!cc_docfilter_maybe(f, no[i], strlen(no[i])), "let through: %s", no[i]);
    cc_docfilter_free(f);
    cc_rulebook_free(rb);
    const char *base = "version: 1\nname: b\nopen: on\nsubjects: {}\nfields: {}\n";
    cc_rulebook *none = tu_rulebook_compiled(base);
    ck_assert(cc_docfilter_new(none) == NULL); /* no require: nothing to filter on */
    cc_rulebook_free(none);
    cc_buf y = CC_BUF_INIT;
    cc_buf_addf(&y, "%sdocument:\n  require: ['abc', '\\d+']\n", base);
    cc_rulebook *digits = tu_rulebook_compiled(y.data);
    ck_assert(cc_docfilter_new(digits) == NULL); /* one pattern has no literal */
    cc_rulebook_free(digits);
    cc_buf_free(&y);
}
END_TEST

/* The real test: a require pattern matches some line (NFC, as the extractor reads it). */
static bool real_on_topic(const cc_rulebook *rb, const char *data, size_t len)
{
    cc_diags d = {0};
    cc_reader *r = cc_reader_open_mem("doc", data, len, &d);
    bool found = false;
    cc_line l;
    while (r && !found && cc_reader_next(r, &l) > 0)
        for (size_t i = 0; i < rb->nrequire && !found; i++) {
            cc_match m;
            found = cc_pattern_match(&rb->require[i], l.text, l.len, 0, &m) == CC_MATCH_FOUND;
        }
    if (r)
        cc_reader_close(r);
    cc_diags_free(&d);
    return found;
}

static char *uppercased(const char *s, size_t n, size_t *out_len)
{
    cc_buf b = CC_BUF_INIT;
    for (size_t i = 0, k; i < n; i += k) {
        int32_t cp = cc_utf8_decode(s + i, n - i, &k);
        cc_utf8_add(&b, cp < 0 ? 0xFFFD : cc_to_upper(cp));
    }
    *out_len = b.len;
    return cc_buf_detach(&b);
}

static char *crlf(const char *s, size_t n, size_t *out_len)
{
    cc_buf b = CC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
            cc_buf_addc(&b, '\r');
        cc_buf_addc(&b, s[i]);
    }
    *out_len = b.len;
    return cc_buf_detach(&b);
}

typedef struct tally {
    const cc_rulebook *rb;
    const cc_docfilter *f;
    size_t files, on_topic, turned_away;
} tally;

/* Checks one document: whatever the real test accepts, the filter lets through. */
static void check_document(tally *t, const char *what, const char *data, size_t len)
{
    bool real = real_on_topic(t->rb, data, len);
    bool maybe = cc_docfilter_maybe(t->f, data, len);
    ck_assert_msg(!real || maybe, "on topic but turned away by the prefilter: %s", what);
    t->on_topic += real;
    t->turned_away += !maybe;
}

static void check_file(tally *t, const char *path)
{
    size_t len, n;
    char *data = tu_read(path, &len);
    t->files++;
    check_document(t, path, data, len);
    char *v = uppercased(data, len, &n);
    check_document(t, path, v, n);
    free(v);
    v = crlf(data, len, &n);
    check_document(t, path, v, n);
    free(v);
    utf8proc_uint8_t *nfd = utf8proc_NFD((const utf8proc_uint8_t *)data);
    if (nfd) {
        check_document(t, path, (const char *)nfd, strlen((const char *)nfd));
        free(nfd);
    }
    free(data);
}

/* Every .txt below `dir`, two levels deep. */
static void check_tree(tally *t, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t n = strlen(e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth > 0)
            check_tree(t, path, depth - 1);
        else if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0 && S_ISREG(st.st_mode) &&
                 st.st_size < 2 * 1024 * 1024)
            check_file(t, path);
    }
    closedir(d);
}

START_TEST(filter_lets_through_every_fixture_on_topic)
{
    cc_rulebook *rb = shipped();
    cc_docfilter *f = cc_docfilter_new(rb);
    tally t = {rb, f, 0, 0, 0};
    check_tree(&t, "fixtures", 2);
    check_tree(&t, "tests/e2e/cases", 2);
    ck_assert_uint_gt(t.files, 40);
    ck_assert_uint_gt(t.on_topic, 40);   /* the seeds, in their four forms */
    ck_assert_uint_gt(t.turned_away, 10); /* and the filter does turn some away */
    cc_docfilter_free(f);
    cc_rulebook_free(rb);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("prefilter");
    CC_TCASE(s, "literals", NULL, NULL, literals_of_the_shipped_require_pattern,
             literals_multiply_and_cut, nothing_known_gives_none);
    CC_TCASE(s, "fold", NULL, NULL, fold_case_marks_nfc_nfd);
    CC_TCASE(s, "documents", NULL, NULL, document_filter_tolerant,
             filter_lets_through_every_fixture_on_topic);
    return s;
}
