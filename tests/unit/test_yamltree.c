/* Unit tests for yamltree.c: the tree, its marks, and each limit with its exact message. */
#include <string.h>
#include "testutil.h"
#include "yamltree.h"

static const cc_yaml_limits roomy = {.name = "test", .max_bytes = 1u << 20, .max_depth = 64,
                                     .max_nodes = 100000, .max_alias_nodes = 1000};

/* Reads `text` with `lim`; on failure, the one diagnostic must be `msg` at line:col. */
static void expect_refused(const char *text, const cc_yaml_limits *lim, unsigned line,
                           unsigned col, const char *msg)
{
    cc_yaml_doc y;
    cc_diags d = {0};
    ck_assert_int_eq(cc_yaml_read(&y, text, strlen(text), lim, "t.yaml", CC_DIAG_RULEBOOK, &d), -1);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].message, msg);
    ck_assert_str_eq(d.v[0].path, "t.yaml");
    ck_assert_uint_eq(d.v[0].line, line);
    ck_assert_uint_eq(d.v[0].column, col);
    ck_assert(cc_diag_fatal(&d.v[0]));
    cc_yaml_free(&y);
    cc_diags_free(&d);
}

START_TEST(tree_and_marks)
{
    const char *t = "a: [1, 'h\xe1\xba\xa1ng']\nb: &x !!str v\nc: *x\n";
    cc_yaml_doc y;
    cc_diags d = {0};
    ck_assert_int_eq(cc_yaml_read(&y, t, strlen(t), &roomy, "t.yaml", CC_DIAG_RULEBOOK, &d), 0);
    const cc_yaml_node *r = y.root;
    ck_assert_int_eq(r->kind, CC_YAML_MAP);
    ck_assert_uint_eq(r->nkids, 6);
    const cc_yaml_node *list = r->kids[1];
    ck_assert_int_eq(list->kind, CC_YAML_SEQ);
    ck_assert_uint_eq(list->nkids, 2);
    ck_assert_str_eq(list->kids[1]->text, "h\xe1\xba\xa1ng");
    ck_assert_uint_eq(list->kids[1]->mark.line, 1);
    ck_assert_uint_eq(list->kids[1]->mark.column, 8);
    /* A scalar's mark is its own text, past &anchor and !tag. */
    const cc_yaml_node *v = r->kids[3];
    ck_assert_uint_eq(v->mark.line, 2);
    ck_assert_uint_eq(v->mark.column, 13);
    /* An alias is the anchored node itself, not a copy. */
    ck_assert_ptr_eq(r->kids[5], v);
    /* Byte 4 of 'hạng' ('n'), after the quote: column 8 + 1 + 2. */
    cc_mark m = cc_yaml_scalar_mark_at(&y, list->kids[1], 4);
    ck_assert_uint_eq(m.column, 11);
    ck_assert_uint_eq(cc_yaml_offset(&y, m), strlen("a: [1, 'h\xe1\xba\xa1"));
    ck_assert_uint_eq(d.n, 0);
    cc_yaml_free(&y);
}
END_TEST

START_TEST(positions_in_nfd_lines)
{
    /* NFD "hạng" (5 characters) before the value moves its column by one. */
    const char *t = "ha\xcc\xa3ng: 'it''s'\n";
    cc_yaml_doc y;
    cc_diags d = {0};
    ck_assert_int_eq(cc_yaml_read(&y, t, strlen(t), &roomy, "t.yaml", CC_DIAG_RULEBOOK, &d), 0);
    const cc_yaml_node *v = y.root->kids[1];
    ck_assert_uint_eq(v->mark.column, 8);
    /* "it's": byte 3 ('s') is written after the doubled quote. */
    ck_assert_uint_eq(cc_yaml_scalar_mark_at(&y, v, 3).column, 13);
    ck_assert_uint_eq(cc_yaml_text_mark(v->mark, v->style, v->text, 3).column, 13);
    cc_yaml_free(&y);
}
END_TEST

START_TEST(each_limit_with_its_message)
{
    cc_yaml_limits lim = roomy;
    lim.max_bytes = 4;
    expect_refused("abcde", &lim, 0, 0, "the test is too large (5 bytes; the limit is 4)");
    lim = roomy;
    lim.max_depth = 2;
    expect_refused("a: {b: {c: 1}}\n", &lim, 1, 8, "the test nests deeper than 2 levels");
    lim = roomy;
    lim.max_nodes = 3;
    expect_refused("[a, b, c]\n", &lim, 1, 8, "the test has too many YAML nodes (over 3)");
    expect_refused("a: 1\n---\nb: 2\n", &roomy, 2, 1,
                   "a test is one YAML document; found a second one");
    expect_refused("a: *nope\n", &roomy, 1, 4, "unknown alias '*nope'");
    expect_refused("a: &s [*s]\n", &roomy, 1, 8, "alias '*s' refers to a node that contains it");
    expect_refused("a: [1,\n", &roomy, 2, 1,
                   "invalid YAML: did not find expected node content (while parsing a flow node)");
}
END_TEST

START_TEST(alias_bomb_refused_without_expanding)
{
    /* Each level is ten aliases of the one before: 10^9 nodes if expanded. */
    cc_buf b = CC_BUF_INIT;
    cc_buf_adds(&b, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 8; i++) {
        cc_buf_addf(&b, "a%d: &a%d [", i, i);
        for (int k = 0; k < 10; k++)
            cc_buf_addf(&b, "%s*a%d", k ? ", " : "", i - 1);
        cc_buf_adds(&b, "]\n");
    }
    cc_yaml_limits lim = roomy;
    lim.max_alias_nodes = 10000;
    /* a0 weighs 11, a1 111, a2 1111: a1 and a2 add 1220, and the eighth *a2 in a3
     * brings the total to 10 108, past 10 000. */
    expect_refused(b.data, &lim, 4, 45,
                   "alias '*a2' expands the test past 10000 nodes; aliases are refused "
                   "beyond that");
    cc_buf_free(&b);
}
END_TEST

/* The options of the baseline and front matter readers. */
START_TEST(options_of_the_other_readers)
{
    cc_yaml_limits lim = roomy;
    lim.aliases = CC_YAML_ALIASES_REFUSED;
    lim.wording = CC_YAML_TERSE;
    expect_refused("a: &x 1\nb: *x\n", &lim, 2, 4, "aliases are not allowed in this file");
    expect_refused("a: 1\n---\nb: 2\n", &lim, 2, 1, "more than one YAML document");
    expect_refused("a: [1,\n", &lim, 2, 1,
                   "did not find expected node content while parsing a flow node");
    /* Deep values kept empty, their content (an unknown alias too) read over. */
    lim = roomy;
    lim.max_depth = 1;
    lim.skip_deeper = true;
    lim.aliases = CC_YAML_ALIASES_UNREAD;
    lim.many_documents = true;
    lim.wording = CC_YAML_PROBLEM;
    const char *t = "a: [[[*x]]]\nb: *y\nc: Null\n---\n- d\n";
    cc_yaml_doc y;
    ck_assert_int_eq(cc_yaml_read(&y, t, strlen(t), &lim, "t.yaml", CC_DIAG_RULEBOOK, NULL), 0);
    ck_assert_uint_eq(y.nroots, 2);
    ck_assert_ptr_eq(y.root, y.roots[0]);
    ck_assert_int_eq(y.roots[1]->kind, CC_YAML_SEQ);
    const cc_yaml_node *m = y.root;
    ck_assert_uint_eq(m->nkids, 6);
    ck_assert_int_eq(m->kids[1]->kind, CC_YAML_SEQ);
    ck_assert(m->kids[1]->flow);
    ck_assert_uint_eq(m->kids[1]->nkids, 0);
    ck_assert(m->kids[3]->alias);
    ck_assert(!cc_yaml_is_null(m->kids[3]));
    ck_assert(cc_yaml_is_null(m->kids[5]));
    cc_yaml_free(&y);
    /* With no diagnostics list, the problem stays in the document, what came before too. */
    t = "a: 1\nb: [\n";
    ck_assert_int_eq(cc_yaml_read(&y, t, strlen(t), &lim, "t.yaml", CC_DIAG_RULEBOOK, NULL), -1);
    ck_assert_str_eq(y.error, "did not find expected node content");
    ck_assert_uint_eq(y.error_mark.line, 3);
    ck_assert_uint_eq(y.root->nkids, 4);
    cc_yaml_free(&y);
}
END_TEST

/* Collections read over still count towards CC_YAML_MAX_NESTING: libyaml's cost per token
 * grows with the open brackets, so 1 MB of '[' would take hours; it stops at the cap, at
 * the bracket that passes it, in milliseconds (the test's timeout says so). */
START_TEST(nesting_read_over_is_capped)
{
    cc_yaml_limits lim = roomy;
    lim.max_depth = 1;
    lim.skip_deeper = true;
    lim.max_bytes = SIZE_MAX;
    size_t n = 1u << 20;
    char *t = malloc(2 * n + 8);
    memcpy(t, "a: ", 3);
    memset(t + 3, '[', n);
    memset(t + 3 + n, ']', n);
    strcpy(t + 3 + 2 * n, "\n");
    expect_refused(t, &lim, 1, 3 + CC_YAML_MAX_NESTING, "the test nests deeper than 128 levels");
    /* at the cap exactly, it reads */
    sprintf(t, "a: ");
    memset(t + 3, '{', CC_YAML_MAX_NESTING - 1);
    memset(t + 3 + CC_YAML_MAX_NESTING - 1, '}', CC_YAML_MAX_NESTING - 1);
    strcpy(t + 3 + 2 * (CC_YAML_MAX_NESTING - 1), "\n");
    cc_yaml_doc y;
    ck_assert_int_eq(cc_yaml_read(&y, t, strlen(t), &lim, "t.yaml", CC_DIAG_RULEBOOK, NULL), 0);
    cc_yaml_free(&y);
    free(t);
}
END_TEST

Suite *make_suite(void)
{
    Suite *s = suite_create("yamltree");
    CC_TCASE(s, "core", NULL, NULL, tree_and_marks, positions_in_nfd_lines,
             each_limit_with_its_message, alias_bomb_refused_without_expanding,
             options_of_the_other_readers, nesting_read_over_is_capped);
    return s;
}
