/*
 * report.h — what every reporter shares. A reporter only reads a finished cc_run
 * (documents, claims, findings, diagnostics, summary) and writes one format; adding
 * a format touches nothing upstream. Output order is the run's order, which the
 * checker makes deterministic (path, line, column, rule id).
 */
#ifndef CC_REPORT_H
#define CC_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "model.h"

typedef struct cc_report_opts {
    bool color;               /* ANSI colours (text only) */
    const char *rulebook_path;/* as given, for the JSON "rulebook" object */
} cc_report_opts;

#endif
