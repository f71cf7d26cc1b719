/* Unit tests for report_sarif.c: the log validates against the official SARIF 2.1.0
 * schema (tests/e2e/tools/validate_sarif.py, run from the repository root as `make`
 * does), rules and results, locations and related locations, URIs, end columns, the
 * notifications, write failures. Structure is asserted on exact pretty-printed text. */
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "testutil.h"
#include "report_fixture.h"
#include "report_sarif.h"

#define VALIDATOR "tests/e2e/tools/validate_sarif.py"

/* Set before the tests fork: no SARIF schema here (a clone with no shared/ beside it).
 * The validator then runs only crosscheck's own checks; CI always has the schema. */
static bool schema_missing;

static void probe_schema(void)
{
    FILE *p = popen("python3 " VALIDATOR " --schema-path", "r");
    char path[4096] = "";
    if (p) {
        if (!fgets(path, sizeof path, p))
            path[0] = '\0';
        pclose(p);
    }
    path[strcspn(path, "\n")] = '\0';
    const char *ci = getenv("CI");
    schema_missing = access(path, R_OK) != 0 && !(ci && strcmp(ci, "true") == 0);
    if (schema_missing)
        printf("test_report_sarif: SKIP schema validation: no '%s' (../shared is not beside "
               "this clone); crosscheck's own SARIF checks still run\n", path);
}

static char *render_sarif(const cc_run *run)
{
    cc_report_opts o = {.rulebook_path = "rules/egov-vn.yaml"};
    int rc = -2;
    char *t = fx_render(cc_report_sarif, run, &o, &rc);
    ck_assert_int_eq(rc, 0);
    return t;
}

/* Runs the schema validator on `sarif`; returns its exit status, its output in *said. */
static int validate(const char *sarif, char **said)
{
    char path[] = "/tmp/cc-test-sarif-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    size_t n = strlen(sarif);
    ck_assert_int_eq(write(fd, sarif, n), (ssize_t)n);
    close(fd);
    cc_buf cmd = CC_BUF_INIT, out = CC_BUF_INIT;
    cc_buf_addf(&cmd, "python3 " VALIDATOR " '%s' 2>&1", path);
    FILE *p = popen(cmd.data, "r");
    ck_assert_ptr_nonnull(p);
    char chunk[512];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, p)) > 0)
        cc_buf_add(&out, chunk, k);
    int st = pclose(p);
    unlink(path);
    cc_buf_free(&cmd);
    *said = cc_buf_detach(&out);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#define ck_assert_valid(sarif)                                                  \
    do {                                                                        \
        char *said_ = NULL;                                                     \
        int st_ = validate((sarif), &said_);                                    \
        ck_assert_msg(st_ == 0, "validator exit %d: %s", st_, said_);           \
        free(said_);                                                            \
    } while (0)

#define ck_assert_has(text, part) \
    ck_assert_msg(strstr((text), (part)) != NULL, "missing: %s", (part))

/* Occurrences of `part` in `text`. */
static int count(const char *text, const char *part)
{
    int n = 0;
    for (const char *p = strstr(text, part); p; p = strstr(p + 1, part))
        n++;
    return n;
}

/* ---- schema ------------------------------------------------------------------- */

START_TEST(test_fixture_validates)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_sarif(&fx.run);
    ck_assert_valid(t);
    free(t);
    fx_free(&fx);
}
END_TEST

/* The validator is no rubber stamp: a log without a result's message fails it. */
START_TEST(test_validator_rejects_invalid)
{
    if (schema_missing)
        return;
    char *said = NULL;
    int st = validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": "
                      "{\"name\": \"crosscheck\"}}, \"results\": [{\"ruleId\": \"x\"}]}]}",
                      &said);
    ck_assert_int_eq(st, 1);
    ck_assert_has(said, "'message' is a required property");
    free(said);
}
END_TEST

/* Hostile paths and text, findings of every kind, a fatal diagnostic: still valid. */
START_TEST(test_hostile_run_validates)
{
    fixture fx;
    memset(&fx, 0, sizeof fx);
    fx_rulebook(&fx);
    fx.rules[0].derived = "egdi.rank.asia <= 47";
    cc_run_init(&fx.run, &fx.rb);
    cc_run_add_document(&fx.run, "dir/tin mới<1>,\"x\".txt");
    cc_run_add_document(&fx.run, "/abs/đường dẫn.txt");
    cc_claim *c = fx_claim(&fx.run, 0, 1, 0, 2020, 1, 1, 0, "\xff\xfe 30% \x1b[31m\tz", "30%",
                           "30%\xc0");
    c->value = fx_percent(30, 30);
    c = fx_claim(&fx.run, 1, 1, 0, 2020, 2, 5, 0, "Đạt 40%\r\nnhé", "40%", "40%");
    c->value = fx_percent(40, 40);
    c = fx_claim(&fx.run, 1, 0, 0, 2020, 0, 0, 0, "hạng 25/24", "25/24", "25/24");
    c->value.type = CC_TYPE_RANK;

    cc_finding *f = fx_finding(&fx.run, CC_FIND_CONFLICT, -1, 1, CC_SEV_INFO,
                               "khác nhau: \xe2\x80 \x01\"quoted\"\\", "1111111111111111", 1);
    f->subject = 0;
    f->scope = 2020;
    f->majority = -1;
    fx_sides(f, 2);
    fx_side(&f->sides[0], fx_percent(30, 30), 1, 1, (const size_t[]){0});
    fx_side(&f->sides[1], fx_percent(40, 40), 1, 2, (const size_t[]){1, 99});
    f = fx_finding(&fx.run, CC_FIND_DERIVED, 0, -1, CC_SEV_ERROR, "derived", "2222222222222222", 2);
    f->majority = -1;
    fx_sides(f, 1);
    fx_side(&f->sides[0], fx.run.claims[2].value, 1, 1, (const size_t[]){2});
    f = fx_finding(&fx.run, CC_FIND_LIMIT, -1, -1, CC_SEV_ERROR, "pattern hit its match limit",
                   "3333333333333333", -1);
    f->majority = -1;
    f->path = cc_xstrdup("/abs/đường dẫn.txt");
    cc_diag_addf(&fx.run.diags, CC_SEV_ERROR, CC_DIAG_IO, "dir/gone.txt", CC_AT(0, 0, UINT64_MAX), "cannot read 'dir/gone.txt'");
    cc_run_summarise(&fx.run, CC_SEV_ERROR);

    char *t = render_sarif(&fx.run);
    ck_assert_valid(t);
    ck_assert_has(t, "\"uri\": \"dir/tin%20m%E1%BB%9Bi%3C1%3E%2C%22x%22.txt\"");
    ck_assert_has(t, "\"uri\": \"file:///abs/%C4%91%C6%B0%E1%BB%9Dng%20d%E1%BA%ABn.txt\"");
    ck_assert_has(t, "\"executionSuccessful\": false,");
    ck_assert_has(t, "\"level\": \"error\",\n              \"message\": {\n"
                     "                \"text\": \"cannot read 'dir/gone.txt'\"");
    ck_assert_has(t, "\"text\": \"khác nhau: \xef\xbf\xbd \\u0001\\\"quoted\\\"\\\\\"");
    ck_assert_has(t, "\"ruleId\": \"field/dvc.level4.target\",\n          \"ruleIndex\": 0,");
    ck_assert_has(t, "\"ruleId\": \"egdi-asia-rank\",\n          \"ruleIndex\": 1,");
    ck_assert_has(t, "\"ruleId\": \"crosscheck/limit\",\n          \"ruleIndex\": 2,");
    ck_assert_has(t, "\"text\": \"Derived rule: 'egdi.rank.asia <= 47' must hold");
    ck_assert_has(t, "No rule of the rulebook checks this field");
    /* the claim without a line has no region; the out-of-range claim 99 is left out */
    ck_assert_int_eq(count(t, "\"region\""), 2);
    ck_assert_int_eq(count(t, "\"id\": 1,"), 1);
    ck_assert_int_eq(count(t, "\"id\": 2,"), 0);
    free(t);
    fx_free(&fx);
}
END_TEST

/* ---- rules and results -------------------------------------------------------- */

START_TEST(test_tool_and_rules)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_sarif(&fx.run);
    ck_assert_has(t, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                     "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n"
                     "        \"driver\": {\n          \"name\": \"crosscheck\",\n"
                     "          \"version\": \"" CC_VERSION "\",\n");
    ck_assert_ptr_null(strstr(t, "informationUri"));
    ck_assert_has(t, "      \"columnKind\": \"unicodeCodePoints\",\n");
    ck_assert_has(t,
        "            {\n"
        "              \"id\": \"level4-target\",\n"
        "              \"name\": \"Level4Target\",\n"
        "              \"shortDescription\": {\n"
        "                \"text\": \"dvc.level4.target\"\n"
        "              },\n"
        "              \"fullDescription\": {\n"
        "                \"text\": \"The claims of field 'dvc.level4.target' about the same "
        "subject and scope must agree; a single claim that is impossible by itself (a rank "
        "past its total, a percentage over 100) is reported too.\"\n"
        "              },\n"
        "              \"defaultConfiguration\": {\n"
        "                \"level\": \"warning\"\n"
        "              }\n"
        "            },\n");
    /* rules in order of first appearance, each once */
    const char *a = strstr(t, "\"id\": \"level4-target\"");
    const char *b = strstr(t, "\"id\": \"egdi-asia-rank\"");
    const char *c = strstr(t, "\"id\": \"crosscheck/input\"");
    ck_assert(a && b && c && a < b && b < c);
    ck_assert_has(t, "\"text\": \"a problem with an input file\"");
    ck_assert_int_eq(count(t, "\"defaultConfiguration\""), 3);
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(test_results)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_sarif(&fx.run);
    ck_assert_has(t, "\"ruleId\": \"level4-target\",\n          \"ruleIndex\": 0,\n"
                     "          \"level\": \"warning\",\n          \"message\": {\n"
                     "            \"text\": \"the level-4 target for 2020 differs between "
                     "sources: 50% here, 30% in 2 other documents\"\n          },\n");
    ck_assert_has(t, "\"ruleId\": \"egdi-asia-rank\",\n          \"ruleIndex\": 1,\n"
                     "          \"level\": \"error\",\n");
    ck_assert_has(t, "\"ruleId\": \"crosscheck/input\",\n          \"ruleIndex\": 2,\n"
                     "          \"level\": \"note\",\n");
    ck_assert_has(t, "\"partialFingerprints\": {\n            \"crosscheck/v1\": "
                     "\"0123456789abcdef\"\n          },\n");
    ck_assert_has(t,
        "          \"properties\": {\n"
        "            \"kind\": \"conflict\",\n"
        "            \"field\": \"dvc.level4.target\",\n"
        "            \"subject\": \"vietnam\",\n"
        "            \"scope\": \"2020\",\n"
        "            \"majority\": \"30%\",\n"
        "            \"sides\": [\n"
        "              {\n"
        "                \"value\": \"30%\",\n"
        "                \"documents\": 2\n"
        "              },\n"
        "              {\n"
        "                \"value\": \"50%\",\n"
        "                \"documents\": 1\n"
        "              }\n"
        "            ]\n"
        "          }\n");
    ck_assert_has(t, "            \"kind\": \"input\",\n            \"field\": null,\n"
                     "            \"subject\": null,\n            \"scope\": null,\n"
                     "            \"majority\": null,\n            \"sides\": []\n");
    free(t);
    fx_free(&fx);
}
END_TEST

/* The location is the reported claim: its value's columns and words. */
START_TEST(test_locations)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_sarif(&fx.run);
    ck_assert_has(t,
        "          \"locations\": [\n"
        "            {\n"
        "              \"physicalLocation\": {\n"
        "                \"artifactLocation\": {\n"
        "                  \"uri\": \"c.txt\"\n"
        "                },\n"
        "                \"region\": {\n"
        "                  \"startLine\": 4,\n"
        "                  \"startColumn\": 170,\n"
        "                  \"endColumn\": 173,\n"
        "                  \"snippet\": {\n"
        "                    \"text\": \"50%\"\n"
        "                  }\n"
        "                }\n"
        "              }\n"
        "            }\n"
        "          ],\n");
    /* the input finding: its file, line and column, no related locations */
    ck_assert_has(t,
        "                \"artifactLocation\": {\n"
        "                  \"uri\": \"b.txt\"\n"
        "                },\n"
        "                \"region\": {\n"
        "                  \"startLine\": 7,\n"
        "                  \"startColumn\": 3\n"
        "                }\n"
        "              }\n"
        "            }\n"
        "          ],\n"
        "          \"partialFingerprints\": {\n"
        "            \"crosscheck/v1\": \"00000000000000ff\"");
    ck_assert_has(t, "\"startColumn\": 31,\n                  \"endColumn\": 36,\n"
                     "                  \"snippet\": {\n                    \"text\": \"25/24\"");
    ck_assert_ptr_null(strstr(t, "charOffset"));
    ck_assert_ptr_null(strstr(t, "byteOffset"));
    free(t);
    fx_free(&fx);
}
END_TEST

/* Every other claim of every side, then the compatible ones; never the location. */
START_TEST(test_related_locations)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_sarif(&fx.run);
    ck_assert_has(t,
        "          \"relatedLocations\": [\n"
        "            {\n"
        "              \"id\": 1,\n"
        "              \"physicalLocation\": {\n"
        "                \"artifactLocation\": {\n"
        "                  \"uri\": \"a.txt\"\n"
        "                },\n"
        "                \"region\": {\n"
        "                  \"startLine\": 3,\n"
        "                  \"startColumn\": 22,\n"
        "                  \"endColumn\": 25,\n");
    ck_assert_int_eq(count(t, "\"text\": \"30% in 2 documents (the majority)\""), 2);
    ck_assert_has(t, "\"id\": 2,\n              \"physicalLocation\": {\n"
                     "                \"artifactLocation\": {\n"
                     "                  \"uri\": \"b.txt\"\n");
    ck_assert_has(t, "\"id\": 3,\n              \"physicalLocation\": {\n"
                     "                \"artifactLocation\": {\n"
                     "                  \"uri\": \"b.txt\"\n                },\n"
                     "                \"region\": {\n                  \"startLine\": 9,\n"
                     "                  \"startColumn\": 1,\n"
                     "                  \"endColumn\": 14,\n");
    ck_assert_has(t, "\"text\": \"Tối thiểu 30%: compatible with several sides\"");
    ck_assert_int_eq(count(t, "\"relatedLocations\""), 1); /* the others have none */
    ck_assert_int_eq(count(t, "\"id\": 4,"), 0);
    free(t);
    fx_free(&fx);
}
END_TEST

/* A claim of the reported side other than the location agrees with it. */
START_TEST(test_same_side_message)
{
    fixture fx;
    fx_init(&fx);
    fx.run.findings[0].location = 0; /* report at a.txt: b.txt's 30% is on its side */
    char *t = render_sarif(&fx.run);
    ck_assert_has(t, "\"text\": \"30%, agreeing with this claim (the majority)\"");
    ck_assert_has(t, "\"text\": \"50% in 1 document\"");
    free(t);
    fx_free(&fx);
}
END_TEST

/* Two findings of one rule share its descriptor. */
START_TEST(test_rule_shared)
{
    fixture fx;
    fx_init(&fx);
    fx.run.findings[1].rule = 1;
    char *t = render_sarif(&fx.run);
    ck_assert_int_eq(count(t, "\"defaultConfiguration\""), 2);
    ck_assert_int_eq(count(t, "\"ruleIndex\": 0,"), 2);
    ck_assert_int_eq(count(t, "\"ruleIndex\": 1,"), 1);
    ck_assert_valid(t);
    free(t);
    fx_free(&fx);
}
END_TEST

/* A finding without a fingerprint has no partialFingerprints (never an empty one). */
START_TEST(test_no_fingerprint)
{
    fixture fx;
    fx_init(&fx);
    fx.run.findings[2].fingerprint[0] = '\0';
    char *t = render_sarif(&fx.run);
    ck_assert_int_eq(count(t, "\"partialFingerprints\""), 2);
    ck_assert_ptr_null(strstr(t, "\"crosscheck/v1\": \"\""));
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(test_no_findings)
{
    fixture fx;
    memset(&fx, 0, sizeof fx);
    fx_rulebook(&fx);
    cc_run_init(&fx.run, &fx.rb);
    cc_run_add_document(&fx.run, "x.txt");
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_sarif(&fx.run);
    ck_assert_has(t, "\"rules\": []");
    ck_assert_has(t, "\"results\": []");
    ck_assert_has(t, "\"toolExecutionNotifications\": []");
    ck_assert_valid(t);
    free(t);
    fx_free(&fx);
}
END_TEST

/* ---- helpers --------------------------------------------------------------------- */

static char *uri(const char *path)
{
    cc_buf b = CC_BUF_INIT;
    cc_sarif_uri(&b, path);
    return cc_buf_detach(&b);
}

#define ck_assert_uri(path, expected)        \
    do {                                     \
        char *u_ = uri(path);                \
        ck_assert_str_eq(u_, (expected));    \
        free(u_);                            \
    } while (0)

START_TEST(test_uri)
{
    ck_assert_uri("fixtures/seeds/000_5bc8.txt", "fixtures/seeds/000_5bc8.txt");
    ck_assert_uri("a b/ü~.txt", "a%20b/%C3%BC~.txt");
    ck_assert_uri("./x/./y.txt", "x/./y.txt");
    ck_assert_uri(".//./z.txt", "z.txt");
    ck_assert_uri("../up.txt", "../up.txt");
    ck_assert_uri("/tmp/a b.txt", "file:///tmp/a%20b.txt");
    ck_assert_uri("<stdin>", "%3Cstdin%3E");
    ck_assert_uri("c:\\x#y?z%", "c%3A%5Cx%23y%3Fz%25");
    ck_assert_uri("\xff", "%FF");
    ck_assert_uri("", "");
    ck_assert_uri(NULL, "");
}
END_TEST

static char *rule_id(const cc_run *run, const cc_finding *f)
{
    cc_buf b = CC_BUF_INIT;
    cc_report_rule_id(run, f, &b);
    return cc_buf_detach(&b);
}

START_TEST(test_rule_ids)
{
    fixture fx;
    fx_init(&fx);
    cc_finding f = {.kind = CC_FIND_CONFLICT, .rule = 1, .field = 1};
    char *id = rule_id(&fx.run, &f);
    ck_assert_str_eq(id, "level4-target");
    free(id);
    f.rule = -1;
    id = rule_id(&fx.run, &f);
    ck_assert_str_eq(id, "field/dvc.level4.target");
    free(id);
    f.rule = 7; /* out of range: as if none */
    f.field = -1;
    id = rule_id(&fx.run, &f);
    ck_assert_str_eq(id, "crosscheck/conflict");
    free(id);
    f.kind = CC_FIND_LIMIT;
    f.field = 0;
    id = rule_id(&fx.run, &f);
    ck_assert_str_eq(id, "crosscheck/limit");
    free(id);
    fx_free(&fx);
}
END_TEST

Suite *make_suite(void)
{
    probe_schema();
    Suite *s = suite_create("report_sarif");
    TCase *tc = CC_TCASE(s, "core", NULL, NULL, test_fixture_validates,
                         test_validator_rejects_invalid, test_hostile_run_validates,
                         test_tool_and_rules, test_results, test_locations, test_related_locations,
                         test_same_side_message, test_rule_shared, test_no_fingerprint,
                         test_no_findings, test_uri, test_rule_ids);
    tcase_set_timeout(tc, 60);
    return s;
}
