/*
 * formats.c — the table of report formats (see formats.h).
 */
#include "formats.h"

#include <string.h>
#include "report_github.h"
#include "report_html.h"
#include "report_json.h"
#include "report_sarif.h"
#include "report_text.h"

static const cc_report_format S_formats[] = {
    {"text", cc_report_text, cc_report_claims_table},
    {"json", cc_report_json, cc_report_claims_jsonl},
    {"sarif", cc_report_sarif, NULL},
    {"github", cc_report_github, NULL},
    {"html", cc_report_html, NULL},
};

const cc_report_format *cc_report_format_find(const char *name)
{
    for (size_t i = 0; i < sizeof S_formats / sizeof S_formats[0]; i++)
        if (strcmp(S_formats[i].name, name) == 0)
            return &S_formats[i];
    return NULL;
}
