/*
 * report_html.h — one self-contained HTML page (`--format html -o report.html`) for
 * editors: summary counts, a severity filter, and a section per finding with the sides
 * side by side (value, documents, majority badge), every claim's source path:line:col
 * and its sentence with the claim's words in <mark>, and the compatible claims; then the
 * documents and the diagnostics.
 *
 * Self-contained: the style and the script are inline and nothing is fetched (no
 * fonts, images or links to load). A Content-Security-Policy meta tag allows only that
 * style and that script, by their SHA-256, and nothing from the network, so even
 * markup that got into the page could not run or load anything. Every string from the
 * run (article text, paths, messages, ids) is HTML-escaped (& < > " '), control
 * and bidirectional formatting characters become spaces and invalid UTF-8 U+FFFD. Long sentences are shown as a
 * window around the claim. The filter works without a server; `#hide=warning,info` in
 * the URL starts with those severities hidden. Returns 0, or -1 when writing failed.
 */
#ifndef CC_REPORT_HTML_H
#define CC_REPORT_HTML_H

#include "report.h"

int cc_report_html(FILE *out, const cc_run *run, const cc_report_opts *o);

/* Appends s[0..n) HTML-escaped as above (safe in text and in quoted attributes). */
void cc_html_escape(cc_buf *out, const char *s, size_t n);

#endif
