/*
 * formats.h — the table of report formats: the one place that knows every reporter, so
 * that main picks a format by name and the reporters need not know each other.
 * Adding a format: a report_X.c on the kit in report.h, and a row in formats.c.
 */
#ifndef CC_FORMATS_H
#define CC_FORMATS_H

#include <stdio.h>
#include "report.h"

/* A reporter: writes the run to `out`; 0, or -1 when writing failed. */
typedef int (*cc_reporter)(FILE *out, const cc_run *run, const cc_report_opts *o);

typedef struct cc_report_format {
    const char *name;     /* as --format takes it */
    cc_reporter report;   /* `check`: the findings */
    cc_reporter claims;   /* `extract`: the claims; NULL when the format has none */
} cc_report_format;

/* The format called `name`, or NULL. */
const cc_report_format *cc_report_format_find(const char *name);

#endif
