/*
 * report_json.h — the JSON contract of SPEC §5: one object with tool, rulebook,
 * documents, findings and summary; and `extract --format json`, one claim per line.
 */
#ifndef CC_REPORT_JSON_H
#define CC_REPORT_JSON_H

#include "report.h"

int cc_report_json(FILE *out, const cc_run *run, const cc_report_opts *o);
int cc_report_claims_jsonl(FILE *out, const cc_run *run, const cc_report_opts *o);

/* Appends the {claim} object and the typed {value} object of SPEC §5 (shared with
 * later formats that embed claims). */
void cc_json_claim(cc_buf *out, const cc_run *run, const cc_claim *c);
void cc_json_value(cc_buf *out, const cc_value *v);

#endif
