/*
 * report_github.h — GitHub Actions workflow commands (`--format github`): one
 * annotation line per finding, which the Actions runner shows on the pull request's
 * diff and in the job summary:
 *
 *   ::error file=a.txt,line=4,col=170,endColumn=173,title=level4-target::MESSAGE%0Anote: …
 *
 * `::warning` for warnings and `::notice` for infos. The notes of the text report (the
 * other sides' claims, the compatible claims) follow the message, each after an
 * escaped newline (%0A). The last line is the text report's summary line, plain.
 *
 * Escaping is GitHub's: in the message % → %25, CR → %0D, LF → %0A; in properties
 * (file, title) also : → %3A and , → %2C. Other control characters (tab, ESC…) and
 * bidirectional formatting characters become one space and invalid UTF-8 U+FFFD, so an article cannot end the command, start a
 * new one or colour the log. Returns 0, or -1 when writing to `out` failed.
 */
#ifndef CC_REPORT_GITHUB_H
#define CC_REPORT_GITHUB_H

#include "report.h"

int cc_report_github(FILE *out, const cc_run *run, const cc_report_opts *o);

/* Appends s[0..n) escaped as above: as a property value when `property`, else as
 * the message. */
void cc_github_escape(cc_buf *out, const char *s, size_t n, bool property);

#endif
