/* Unit tests for report_json.c: the SPEC §5 object byte for byte, claims as JSON Lines,
 * typed values, string escaping and UTF-8 repair. Outputs are also handed to Python's
 * json module, which must parse them and print them back identically. */
#include <math.h>
#include <string.h>
#include <unistd.h>
#include "testutil.h"
#include "report_fixture.h"
#include "report_json.h"

/* ---- helpers ------------------------------------------------------------- */

/* Parses stdin strictly (UTF-8, JSON) and says whether json.dumps(indent=2,
 * ensure_ascii=False) prints it back identically. */
#define PY_PRETTY                                                                         \
    "import json,sys; s=sys.stdin.buffer.read().decode(\"utf-8\"); d=json.loads(s); "    \
    "print(\"same\" if json.dumps(d,indent=2,ensure_ascii=False)+\"\\n\"==s else \"differs\")"
/* The same for JSON Lines, each line compact. */
#define PY_LINES                                                                          \
    "import json,sys; ls=sys.stdin.buffer.read().decode(\"utf-8\").splitlines(True); "   \
    "ok=all(json.dumps(json.loads(l),ensure_ascii=False,separators=(\",\",\":\"))+\"\\n\"==l " \
    "for l in ls); print(\"same\" if ok and ls else \"differs\")"

/* Runs `python3 -c SCRIPT` on `text`; returns its first output line ("" when it failed,
 * for instance because the JSON did not parse). */
static char *python_says(const char *text, const char *script)
{
    char path[] = "/tmp/cc-report-json-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    size_t len = strlen(text);
    ck_assert_int_eq((long)write(fd, text, len), (long)len);
    close(fd);
    cc_buf cmd = CC_BUF_INIT;
    cc_buf_addf(&cmd, "python3 -c '%s' < %s 2>/dev/null", script, path);
    FILE *p = popen(cmd.data, "r");
    ck_assert_ptr_nonnull(p);
    char line[64] = "";
    if (!fgets(line, sizeof line, p))
        line[0] = '\0';
    pclose(p);
    unlink(path);
    cc_buf_free(&cmd);
    line[strcspn(line, "\n")] = '\0';
    return cc_xstrdup(line);
}

#define ck_assert_python(text, script, want)         \
    do {                                            \
        char *said_ = python_says((text), (script)); \
        ck_assert_str_eq(said_, (want));            \
        free(said_);                                \
    } while (0)

static char *render_json(const cc_run *run, const cc_report_opts *o)
{
    int rc = -2;
    char *t = fx_render(cc_report_json, run, o, &rc);
    ck_assert_int_eq(rc, 0);
    return t;
}


static char *json_value_of(cc_value v)
{
    cc_buf b = CC_BUF_INIT;
    cc_json_value(&b, &v);
    return cc_buf_detach(&b);
}

#define ck_assert_json_value(v, want)    \
    do {                                 \
        char *j_ = json_value_of(v);     \
        ck_assert_str_eq(j_, (want));    \
        free(j_);                        \
    } while (0)

/* ---- the report ------------------------------------------------------------- */

static const char full_json[] =
    "{\n"
    "  \"tool\": {\n"
    "    \"name\": \"crosscheck\",\n"
    "    \"version\": \"" CC_VERSION "\"\n"
    "  },\n"
    "  \"rulebook\": {\n"
    "    \"path\": \"rules/egov-vn.yaml\",\n"
    "    \"name\": \"Chính phủ điện tử 2020\",\n"
    "    \"sha256\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n"
    "  },\n"
    "  \"documents\": [\n"
    "    {\n"
    "      \"path\": \"a.txt\",\n"
    "      \"date\": \"2020-08-26\",\n"
    "      \"date_from\": \"front-matter\",\n"
    "      \"title\": \"Phiên họp thứ hai\",\n"
    "      \"source\": \"baochinhphu.vn\",\n"
    "      \"skipped\": false,\n"
    "      \"claims\": 2,\n"
    "      \"diagnostics\": []\n"
    "    },\n"
    "    {\n"
    "      \"path\": \"b.txt\",\n"
    "      \"date\": \"2020\",\n"
    "      \"date_from\": \"inferred\",\n"
    "      \"title\": null,\n"
    "      \"source\": null,\n"
    "      \"skipped\": false,\n"
    "      \"claims\": 2,\n"
    "      \"diagnostics\": [\n"
    "        {\n"
    "          \"line\": 7,\n"
    "          \"column\": 3,\n"
    "          \"byte_offset\": 120,\n"
    "          \"severity\": \"warning\",\n"
    "          \"kind\": \"encoding\",\n"
    "          \"message\": \"invalid UTF-8 byte 0xff\"\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"path\": \"c.txt\",\n"
    "      \"date\": null,\n"
    "      \"date_from\": \"none\",\n"
    "      \"title\": null,\n"
    "      \"source\": null,\n"
    "      \"skipped\": false,\n"
    "      \"claims\": 2,\n"
    "      \"diagnostics\": []\n"
    "    }\n"
    "  ],\n"
    "  \"diagnostics\": [\n"
    "    {\n"
    "      \"path\": \"missing.txt\",\n"
    "      \"line\": 0,\n"
    "      \"column\": 0,\n"
    "      \"byte_offset\": null,\n"
    "      \"severity\": \"warning\",\n"
    "      \"kind\": \"io\",\n"
    "      \"message\": \"cannot read 'missing.txt': No such file or directory\"\n"
    "    },\n"
    "    {\n"
    "      \"path\": null,\n"
    "      \"line\": 0,\n"
    "      \"column\": 0,\n"
    "      \"byte_offset\": null,\n"
    "      \"severity\": \"info\",\n"
    "      \"kind\": \"usage\",\n"
    "      \"message\": \"'--date' not used: every document has a date\"\n"
    "    }\n"
    "  ],\n"
    "  \"findings\": [\n"
    "    {\n"
    "      \"kind\": \"conflict\",\n"
    "      \"rule\": \"level4-target\",\n"
    "      \"field\": \"dvc.level4.target\",\n"
    "      \"subject\": \"vietnam\",\n"
    "      \"scope\": \"2020\",\n"
    "      \"severity\": \"warning\",\n"
    "      \"message\": \"the level-4 target for 2020 differs between sources: 50% here, 30% in 2 other documents\",\n"
    "      \"fingerprint\": \"0123456789abcdef\",\n"
    "      \"location\": {\n"
    "        \"path\": \"c.txt\",\n"
    "        \"line\": 4,\n"
    "        \"column\": 170,\n"
    "        \"byte_offset\": 321,\n"
    "        \"byte_length\": 3,\n"
    "        \"text\": \"50% trên tổng số thủ tục hành chính\",\n"
    "        \"value_text\": \"50%\",\n"
    "        \"sentence\": \"Theo kế hoạch được Thủ tướng phê duyệt tại phiên họp thứ hai của Ủy ban Quốc gia về Chính phủ điện tử, đến cuối năm 2020 tỷ lệ dịch vụ công trực tuyến mức độ 4 phải đạt 50% trên tổng số thủ tục hành chính, đồng thời tích hợp với Cổng Dịch vụ công quốc gia.\",\n"
    "        \"field\": \"dvc.level4.target\",\n"
    "        \"subject\": \"vietnam\",\n"
    "        \"scope\": \"2020\",\n"
    "        \"value\": {\n"
    "          \"type\": \"percent\",\n"
    "          \"lo\": 50,\n"
    "          \"hi\": 50\n"
    "        }\n"
    "      },\n"
    "      \"majority\": 0,\n"
    "      \"sides\": [\n"
    "        {\n"
    "          \"value\": {\n"
    "            \"type\": \"percent\",\n"
    "            \"lo\": 30,\n"
    "            \"hi\": 30\n"
    "          },\n"
    "          \"documents\": 2,\n"
    "          \"claims\": [\n"
    "            {\n"
    "              \"path\": \"a.txt\",\n"
    "              \"line\": 3,\n"
    "              \"column\": 22,\n"
    "              \"byte_offset\": 130,\n"
    "              \"byte_length\": 3,\n"
    "              \"text\": \"30% dịch vụ công trực tuyến mức độ 4\",\n"
    "              \"value_text\": \"30%\",\n"
    "              \"sentence\": \"Mục tiêu năm 2020 có 30% dịch vụ công trực tuyến mức độ 4.\",\n"
    "              \"field\": \"dvc.level4.target\",\n"
    "              \"subject\": \"vietnam\",\n"
    "              \"scope\": \"2020\",\n"
    "              \"value\": {\n"
    "                \"type\": \"percent\",\n"
    "                \"lo\": 30,\n"
    "                \"hi\": 30\n"
    "              }\n"
    "            },\n"
    "            {\n"
    "              \"path\": \"b.txt\",\n"
    "              \"line\": 5,\n"
    "              \"column\": 31,\n"
    "              \"byte_offset\": 210,\n"
    "              \"byte_length\": 3,\n"
    "              \"text\": \"30% dịch vụ công\",\n"
    "              \"value_text\": \"30%\",\n"
    "              \"sentence\": \"Năm 2020, phấn đấu 30% dịch vụ công đạt mức độ 4.\",\n"
    "              \"field\": \"dvc.level4.target\",\n"
    "              \"subject\": \"vietnam\",\n"
    "              \"scope\": \"2020\",\n"
    "              \"value\": {\n"
    "                \"type\": \"percent\",\n"
    "                \"lo\": 30,\n"
    "                \"hi\": 30\n"
    "              }\n"
    "            }\n"
    "          ]\n"
    "        },\n"
    "        {\n"
    "          \"value\": {\n"
    "            \"type\": \"percent\",\n"
    "            \"lo\": 50,\n"
    "            \"hi\": 50\n"
    "          },\n"
    "          \"documents\": 1,\n"
    "          \"claims\": [\n"
    "            {\n"
    "              \"path\": \"c.txt\",\n"
    "              \"line\": 4,\n"
    "              \"column\": 170,\n"
    "              \"byte_offset\": 321,\n"
    "              \"byte_length\": 3,\n"
    "              \"text\": \"50% trên tổng số thủ tục hành chính\",\n"
    "              \"value_text\": \"50%\",\n"
    "              \"sentence\": \"Theo kế hoạch được Thủ tướng phê duyệt tại phiên họp thứ hai của Ủy ban Quốc gia về Chính phủ điện tử, đến cuối năm 2020 tỷ lệ dịch vụ công trực tuyến mức độ 4 phải đạt 50% trên tổng số thủ tục hành chính, đồng thời tích hợp với Cổng Dịch vụ công quốc gia.\",\n"
    "              \"field\": \"dvc.level4.target\",\n"
    "              \"subject\": \"vietnam\",\n"
    "              \"scope\": \"2020\",\n"
    "              \"value\": {\n"
    "                \"type\": \"percent\",\n"
    "                \"lo\": 50,\n"
    "                \"hi\": 50\n"
    "              }\n"
    "            }\n"
    "          ]\n"
    "        }\n"
    "      ],\n"
    "      \"compatible\": [\n"
    "        {\n"
    "          \"path\": \"b.txt\",\n"
    "          \"line\": 9,\n"
    "          \"column\": 1,\n"
    "          \"byte_offset\": 400,\n"
    "          \"byte_length\": 17,\n"
    "          \"text\": \"Tối thiểu 30% dịch vụ công trực tuyến đạt mức độ 4\",\n"
    "          \"value_text\": \"Tối thiểu 30%\",\n"
    "          \"sentence\": \"Tối thiểu 30% dịch vụ công trực tuyến đạt mức độ 4 trong năm 2020.\",\n"
    "          \"field\": \"dvc.level4.target\",\n"
    "          \"subject\": \"vietnam\",\n"
    "          \"scope\": \"2020\",\n"
    "          \"value\": {\n"
    "            \"type\": \"percent\",\n"
    "            \"lo\": 30,\n"
    "            \"hi\": null\n"
    "          }\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"kind\": \"sanity\",\n"
    "      \"rule\": \"egdi-asia-rank\",\n"
    "      \"field\": \"egdi.rank.asia\",\n"
    "      \"subject\": \"vietnam\",\n"
    "      \"scope\": \"2020\",\n"
    "      \"severity\": \"error\",\n"
    "      \"message\": \"Việt Nam's rank in Asia 25/24 is past the total\",\n"
    "      \"fingerprint\": \"fedcba9876543210\",\n"
    "      \"location\": {\n"
    "        \"path\": \"c.txt\",\n"
    "        \"line\": 6,\n"
    "        \"column\": 31,\n"
    "        \"byte_offset\": 700,\n"
    "        \"byte_length\": 5,\n"
    "        \"text\": \"xếp hạng 25/24 châu Á\",\n"
    "        \"value_text\": \"25/24\",\n"
    "        \"sentence\": \"【Tin nhanh】 Việt Nam xếp hạng 25/24 châu Á năm 2020.\",\n"
    "        \"field\": \"egdi.rank.asia\",\n"
    "        \"subject\": \"vietnam\",\n"
    "        \"scope\": \"2020\",\n"
    "        \"value\": {\n"
    "          \"type\": \"rank\",\n"
    "          \"position\": 25,\n"
    "          \"total\": 24\n"
    "        }\n"
    "      },\n"
    "      \"majority\": null,\n"
    "      \"sides\": [\n"
    "        {\n"
    "          \"value\": {\n"
    "            \"type\": \"rank\",\n"
    "            \"position\": 25,\n"
    "            \"total\": 24\n"
    "          },\n"
    "          \"documents\": 1,\n"
    "          \"claims\": [\n"
    "            {\n"
    "              \"path\": \"c.txt\",\n"
    "              \"line\": 6,\n"
    "              \"column\": 31,\n"
    "              \"byte_offset\": 700,\n"
    "              \"byte_length\": 5,\n"
    "              \"text\": \"xếp hạng 25/24 châu Á\",\n"
    "              \"value_text\": \"25/24\",\n"
    "              \"sentence\": \"【Tin nhanh】 Việt Nam xếp hạng 25/24 châu Á năm 2020.\",\n"
    "              \"field\": \"egdi.rank.asia\",\n"
    "              \"subject\": \"vietnam\",\n"
    "              \"scope\": \"2020\",\n"
    "              \"value\": {\n"
    "                \"type\": \"rank\",\n"
    "                \"position\": 25,\n"
    "                \"total\": 24\n"
    "              }\n"
    "            }\n"
    "          ]\n"
    "        }\n"
    "      ],\n"
    "      \"compatible\": []\n"
    "    },\n"
    "    {\n"
    "      \"kind\": \"input\",\n"
    "      \"rule\": null,\n"
    "      \"field\": null,\n"
    "      \"subject\": null,\n"
    "      \"scope\": null,\n"
    "      \"severity\": \"info\",\n"
    "      \"message\": \"invalid UTF-8 replaced by U+FFFD\",\n"
    "      \"fingerprint\": \"00000000000000ff\",\n"
    "      \"location\": null,\n"
    "      \"path\": \"b.txt\",\n"
    "      \"line\": 7,\n"
    "      \"column\": 3,\n"
    "      \"majority\": null,\n"
    "      \"sides\": [],\n"
    "      \"compatible\": []\n"
    "    }\n"
    "  ],\n"
    "  \"summary\": {\n"
    "    \"documents\": 3,\n"
    "    \"claims\": 6,\n"
    "    \"groups\": 2,\n"
    "    \"findings\": 3,\n"
    "    \"errors\": 1,\n"
    "    \"warnings\": 1,\n"
    "    \"infos\": 1,\n"
    "    \"exit_code\": 1\n"
    "  }\n"
    "}\n"
;

START_TEST(json_full_report)
{
    fixture fx;
    fx_init(&fx);
    char *t = render_json(&fx.run, NULL);
    ck_assert_str_eq(t, full_json);
    ck_assert_python(t, PY_PRETTY, "same");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(json_rulebook_path_from_the_options)
{
    fixture fx;
    fx_init(&fx);
    cc_report_opts o = {.rulebook_path = "./my rules.yaml"};
    char *t = render_json(&fx.run, &o);
    ck_assert_ptr_nonnull(strstr(t, "  \"rulebook\": {\n    \"path\": \"./my rules.yaml\",\n"));
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(json_run_with_nothing_found)
{
    cc_rulebook rb = {.path = "r.yaml", .name = NULL, .sha256 = "0f"};
    cc_run run;
    cc_run_init(&run, &rb);
    cc_run_add_document(&run, "bin.dat")->skipped = true;
    cc_diag_addf(&run.diags, CC_SEV_WARNING, CC_DIAG_ENCODING, "bin.dat", CC_AT(0, 0, 0), "skipped 'bin.dat': binary file (NUL bytes)");
    cc_run_summarise(&run, CC_SEV_ERROR);
    char *t = render_json(&run, NULL);
    ck_assert_str_eq(t,
        "{\n"
        "  \"tool\": {\n"
        "    \"name\": \"crosscheck\",\n"
        "    \"version\": \"" CC_VERSION "\"\n"
        "  },\n"
        "  \"rulebook\": {\n"
        "    \"path\": \"r.yaml\",\n"
        "    \"name\": null,\n"
        "    \"sha256\": \"0f\"\n"
        "  },\n"
        "  \"documents\": [\n"
        "    {\n"
        "      \"path\": \"bin.dat\",\n"
        "      \"date\": null,\n"
        "      \"date_from\": \"none\",\n"
        "      \"title\": null,\n"
        "      \"source\": null,\n"
        "      \"skipped\": true,\n"
        "      \"claims\": 0,\n"
        "      \"diagnostics\": [\n"
        "        {\n"
        "          \"line\": 0,\n"
        "          \"column\": 0,\n"
        "          \"byte_offset\": 0,\n"
        "          \"severity\": \"warning\",\n"
        "          \"kind\": \"encoding\",\n"
        "          \"message\": \"skipped 'bin.dat': binary file (NUL bytes)\"\n"
        "        }\n"
        "      ]\n"
        "    }\n"
        "  ],\n"
        "  \"diagnostics\": [],\n"
        "  \"findings\": [],\n"
        "  \"summary\": {\n"
        "    \"documents\": 1,\n"
        "    \"claims\": 0,\n"
        "    \"groups\": 0,\n"
        "    \"findings\": 0,\n"
        "    \"errors\": 0,\n"
        "    \"warnings\": 0,\n"
        "    \"infos\": 0,\n"
        "    \"exit_code\": 0\n"
        "  }\n"
        "}\n");
    ck_assert_python(t, PY_PRETTY, "same");
    free(t);
    cc_run_free(&run);
}
END_TEST

START_TEST(json_hostile_input_stays_valid_json)
{
    fixture fx;
    fx_init(&fx);
    cc_claim *c = &fx.run.claims[0];
    free(c->sentence);
    c->sentence = cc_xstrdup("\"quoted\" \\ back\x01\x1b[31m \xff\xfe \xed\xa0\x80 \xe1\xbb\n\r\t\x7f");
    free(fx.run.docs[0].path);
    fx.run.docs[0].path = cc_xstrdup("b\xc0\xaf" "d.txt");
    char *t = render_json(&fx.run, NULL);
    ck_assert_ptr_nonnull(strstr(t,
        "\"sentence\": \"\\\"quoted\\\" \\\\ back\\u0001\\u001b[31m \xEF\xBF\xBD\xEF\xBF\xBD "
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\\n\\r\\t\x7f\""));
    ck_assert_ptr_nonnull(strstr(t, "\"path\": \"b\xEF\xBF\xBD\xEF\xBF\xBD" "d.txt\""));
    ck_assert_python(t, PY_PRETTY, "same");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(json_claims_as_lines)
{
    fixture fx;
    fx_init(&fx);
    int rc = -2;
    char *t = fx_render(cc_report_claims_jsonl, &fx.run, NULL, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(t,
    "{\"path\":\"a.txt\",\"line\":3,\"column\":22,\"byte_offset\":130,\"byte_length\":3,\"text\":\"30% dịch vụ công trực tuyến mức độ 4\",\"value_text\":\"30%\",\"sentence\":\"Mục tiêu năm 2020 có 30% dịch vụ công trực tuyến mức độ 4.\",\"field\":\"dvc.level4.target\",\"subject\":\"vietnam\",\"scope\":\"2020\",\"value\":{\"type\":\"percent\",\"lo\":30,\"hi\":30}}\n"
    "{\"path\":\"b.txt\",\"line\":5,\"column\":31,\"byte_offset\":210,\"byte_length\":3,\"text\":\"30% dịch vụ công\",\"value_text\":\"30%\",\"sentence\":\"Năm 2020, phấn đấu 30% dịch vụ công đạt mức độ 4.\",\"field\":\"dvc.level4.target\",\"subject\":\"vietnam\",\"scope\":\"2020\",\"value\":{\"type\":\"percent\",\"lo\":30,\"hi\":30}}\n"
    "{\"path\":\"b.txt\",\"line\":9,\"column\":1,\"byte_offset\":400,\"byte_length\":17,\"text\":\"Tối thiểu 30% dịch vụ công trực tuyến đạt mức độ 4\",\"value_text\":\"Tối thiểu 30%\",\"sentence\":\"Tối thiểu 30% dịch vụ công trực tuyến đạt mức độ 4 trong năm 2020.\",\"field\":\"dvc.level4.target\",\"subject\":\"vietnam\",\"scope\":\"2020\",\"value\":{\"type\":\"percent\",\"lo\":30,\"hi\":null}}\n"
    "{\"path\":\"c.txt\",\"line\":4,\"column\":170,\"byte_offset\":321,\"byte_length\":3,\"text\":\"50% trên tổng số thủ tục hành chính\",\"value_text\":\"50%\",\"sentence\":\"Theo kế hoạch được Thủ tướng phê duyệt tại phiên họp thứ hai của Ủy ban Quốc gia về Chính phủ điện tử, đến cuối năm 2020 tỷ lệ dịch vụ công trực tuyến mức độ 4 phải đạt 50% trên tổng số thủ tục hành chính, đồng thời tích hợp với Cổng Dịch vụ công quốc gia.\",\"field\":\"dvc.level4.target\",\"subject\":\"vietnam\",\"scope\":\"2020\",\"value\":{\"type\":\"percent\",\"lo\":50,\"hi\":50}}\n"
    "{\"path\":\"c.txt\",\"line\":6,\"column\":31,\"byte_offset\":700,\"byte_length\":5,\"text\":\"xếp hạng 25/24 châu Á\",\"value_text\":\"25/24\",\"sentence\":\"【Tin nhanh】 Việt Nam xếp hạng 25/24 châu Á năm 2020.\",\"field\":\"egdi.rank.asia\",\"subject\":\"vietnam\",\"scope\":\"2020\",\"value\":{\"type\":\"rank\",\"position\":25,\"total\":24}}\n"
    "{\"path\":\"a.txt\",\"line\":7,\"column\":20,\"byte_offset\":900,\"byte_length\":6,\"text\":\"15,91%\",\"value_text\":\"15,91%\",\"sentence\":\"Tỷ lệ\\thiện nay đạt 15,91%.\",\"field\":\"dvc.level4.target\",\"subject\":null,\"scope\":null,\"value\":{\"type\":\"percent\",\"lo\":15.905,\"hi\":15.915}}\n"
);
    ck_assert_python(t, PY_LINES, "same");
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(json_claim_compact_with_nulls)
{
    fixture fx;
    fx_init(&fx);
    cc_buf b = CC_BUF_INIT;
    cc_claim c = fx.run.claims[5];
    c.doc = 7;      /* no such document */
    c.field = 9;    /* no such field */
    c.text = NULL;
    cc_json_claim(&b, &fx.run, &c);
    ck_assert_str_eq(b.data,
        "{\"path\":null,\"line\":7,\"column\":20,\"byte_offset\":900,\"byte_length\":6,"
        "\"text\":null,\"value_text\":\"15,91%\",\"sentence\":\"Tỷ lệ\\thiện nay đạt 15,91%.\","
        "\"field\":null,\"subject\":null,\"scope\":null,"
        "\"value\":{\"type\":\"percent\",\"lo\":15.905,\"hi\":15.915}}");
    cc_buf_free(&b);
    fx_free(&fx);
}
END_TEST

START_TEST(json_large_run_is_flushed_in_pieces)
{
    /* 3 000 claims make a report of several flush buffers; it must still be one whole,
     * valid object. */
    fixture fx;
    fx_init(&fx);
    for (int i = 0; i < 3000; i++) {
        cc_claim *c = fx_claim(&fx.run, 2, 0, 0, 2020, (unsigned)(100 + i), 1, 0,
                               "Việt Nam xếp thứ 24/47 châu Á.", "24/47", "24/47 châu Á");
        c->value.type = CC_TYPE_RANK;
        c->value.position = 24;
        c->value.total = 47;
    }
    cc_finding *f = &fx.run.findings[0];
    f->nsides = 3;
    f->sides = cc_xrealloc(f->sides, 3 * sizeof *f->sides);
    memset(&f->sides[2], 0, sizeof f->sides[2]);
    f->sides[2].nclaims = 3000;
    f->sides[2].claims = cc_xmalloc(3000 * sizeof(size_t));
    for (size_t i = 0; i < 3000; i++)
        f->sides[2].claims[i] = 6 + i;
    cc_run_summarise(&fx.run, CC_SEV_ERROR);
    char *t = render_json(&fx.run, NULL);
    ck_assert_uint_gt(strlen(t), 3 * 64 * 1024);
    ck_assert_python(t, PY_PRETTY, "same");
    const char *tail = "    \"exit_code\": 1\n  }\n}\n";
    ck_assert_str_eq(t + strlen(t) - strlen(tail), tail);
    free(t);
    fx_free(&fx);
}
END_TEST

START_TEST(python_check_tells_bad_json_apart)
{
    /* The checks above would be worthless if the helper said "same" to anything. */
    ck_assert_python("{\"a\": [1,]}\n", PY_PRETTY, "");
    ck_assert_python("{\"a\": \"\xff\"}\n", PY_PRETTY, "");
    ck_assert_python("{\"a\":1}\n", PY_PRETTY, "differs");
    ck_assert_python("{\n  \"a\": 1\n}\n", PY_PRETTY, "same");
    ck_assert_python("{\"a\": 1}\n", PY_LINES, "differs");
}
END_TEST

/* ---- values ----------------------------------------------------------------- */

START_TEST(json_values_of_every_type)
{
    cc_value v = {.type = CC_TYPE_NUMBER, .range = {4350000, 4450000}};
    ck_assert_json_value(v, "{\"type\":\"number\",\"lo\":4350000,\"hi\":4450000}");
    v = (cc_value){.type = CC_TYPE_PERCENT, .range = {88.525, 88.535}};
    ck_assert_json_value(v, "{\"type\":\"percent\",\"lo\":88.525,\"hi\":88.535}");
    v = (cc_value){.type = CC_TYPE_PERCENT, .range = {-INFINITY, 30}};
    ck_assert_json_value(v, "{\"type\":\"percent\",\"lo\":null,\"hi\":30}");
    v = (cc_value){.type = CC_TYPE_MONEY, .range = {30500, 30500}, .currency = "VND"};
    ck_assert_json_value(v, "{\"type\":\"money\",\"currency\":\"VND\",\"lo\":30500,\"hi\":30500}");
    v = (cc_value){.type = CC_TYPE_MONEY, .range = {47.5e9, 48.5e9}, .currency = "USD"};
    ck_assert_json_value(v,
        "{\"type\":\"money\",\"currency\":\"USD\",\"lo\":47500000000,\"hi\":48500000000}");
    v = (cc_value){.type = CC_TYPE_RANK, .position = 24, .total = 47};
    ck_assert_json_value(v, "{\"type\":\"rank\",\"position\":24,\"total\":47}");
    v = (cc_value){.type = CC_TYPE_RANK, .position = 1};
    ck_assert_json_value(v, "{\"type\":\"rank\",\"position\":1,\"total\":null}");
    v = (cc_value){.type = CC_TYPE_DATE, .start = cc_date_make(2017, 8, 0, CC_PREC_MONTH)};
    ck_assert_json_value(v, "{\"type\":\"date\",\"from\":\"2017-08-01\",\"to\":\"2017-08-31\","
                            "\"precision\":\"month\"}");
    v = (cc_value){.type = CC_TYPE_DATE, .start = cc_date_make(2020, 8, 26, CC_PREC_DAY)};
    ck_assert_json_value(v, "{\"type\":\"date\",\"from\":\"2020-08-26\",\"to\":\"2020-08-26\","
                            "\"precision\":\"day\"}");
    v = (cc_value){.type = CC_TYPE_DATE, .start = cc_date_make(2019, 0, 0, CC_PREC_YEAR)};
    ck_assert_json_value(v, "{\"type\":\"date\",\"from\":\"2019-01-01\",\"to\":\"2019-12-31\","
                            "\"precision\":\"year\"}");
    v = (cc_value){.type = CC_TYPE_PERIOD, .start = cc_date_make(2017, 8, 0, CC_PREC_MONTH),
                   .end = cc_date_make(2020, 7, 0, CC_PREC_MONTH)};
    ck_assert_json_value(v,
        "{\"type\":\"period\","
        "\"start\":{\"from\":\"2017-08-01\",\"to\":\"2017-08-31\",\"precision\":\"month\"},"
        "\"end\":{\"from\":\"2020-07-01\",\"to\":\"2020-07-31\",\"precision\":\"month\"}}");
}
END_TEST

/* ---- strings and UTF-8 -------------------------------------------------------- */

Suite *make_suite(void)
{
    Suite *s = suite_create("report_json");
    TCase *tc = CC_TCASE(s, "report", NULL, NULL, json_full_report,
                         json_rulebook_path_from_the_options, json_run_with_nothing_found,
                         json_hostile_input_stays_valid_json, json_claims_as_lines,
                         json_claim_compact_with_nulls, json_large_run_is_flushed_in_pieces,
                         python_check_tells_bad_json_apart);
    tcase_set_timeout(tc, 30);
    CC_TCASE(s, "values", NULL, NULL, json_values_of_every_type);
    return s;
}
