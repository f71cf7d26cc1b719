/*
 * report_text.h — compiler-style text for editors:
 *
 *   path:line:col: error: message [rule-id]
 *       4 | …the source line, windowed to about 80 characters around the claim…
 *         |          ^~~~~
 *     note: 24/47 in other.txt:3:210 "24/47 châu Á"
 *   3 conflicts (2 errors, 1 warning) in 5 documents; 112 claims in 38 groups
 *
 * Diagnostics (unreadable files, bad bytes, limits) are not printed here: the CLI
 * prints them to stderr. Returns 0, or -1 when writing to `out` failed.
 */
#ifndef CC_REPORT_TEXT_H
#define CC_REPORT_TEXT_H

#include "report.h"

int cc_report_text(FILE *out, const cc_run *run, const cc_report_opts *o);
/* `crosscheck extract` in text: one aligned row per claim
 * (location, field, subject, scope, value, words). */
int cc_report_claims_table(FILE *out, const cc_run *run, const cc_report_opts *o);

#endif
