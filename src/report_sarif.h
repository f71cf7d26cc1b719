/*
 * report_sarif.h — SARIF 2.1.0 (`--format sarif`), the format code-scanning services
 * (GitHub, GitLab, Azure DevOps) and IDE viewers read.
 *
 * One run: tool.driver names crosscheck and lists a reportingDescriptor for every rule
 * that reported something (in order of first appearance); one result per finding, at
 * the claim the finding is reported at, with every other claim of every side and every
 * compatible claim as relatedLocations, the fingerprint as partialFingerprints
 * "crosscheck/v1" and the finding's kind, field, subject, scope and majority as
 * properties. Diagnostics become invocations[0].toolExecutionNotifications.
 * Columns are characters as the text report counts them (run.columnKind
 * "unicodeCodePoints"); no byte or char offsets are written. The layout is documented
 * in docs/output.md. Returns 0, or -1 when writing to `out` failed.
 */
#ifndef CC_REPORT_SARIF_H
#define CC_REPORT_SARIF_H

#include "report.h"

int cc_report_sarif(FILE *out, const cc_run *run, const cc_report_opts *o);

/*
 * Appends `path` as a percent-encoded URI reference: a relative path stays relative
 * (leading "./" segments dropped), an absolute one becomes "file:///...". Every byte
 * but ASCII letters, digits, "-._~" and "/" is written as %XX (uppercase hex), so the
 * result is plain ASCII whatever the path holds ("<stdin>" gives "%3Cstdin%3E").
 */
void cc_sarif_uri(cc_buf *out, const char *path);

#endif
