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
/* Appends a JSON string literal: escapes quotes, backslashes, control characters;
 * invalid UTF-8 becomes U+FFFD. */
void cc_json_string(cc_buf *out, const char *s, size_t n);

/* Decodes one UTF-8 sequence at s[0..n) (n >= 1) for the reporters. Returns the bytes
 * it spans (>= 1, never more than n) and sets *cp to the code point, or to -1 for an
 * invalid sequence: then the count is its maximal valid prefix (at least 1 byte), so
 * that each bad sequence becomes exactly one U+FFFD, as Unicode recommends. Overlong
 * forms, surrogates and code points past U+10FFFF are invalid. */
size_t cc_report_utf8_next(const char *s, size_t n, int32_t *cp);

#endif
