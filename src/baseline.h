/*
 * baseline.h — what an audit has already seen, and what editors have judged.
 *
 * A baseline file (`audit --write-baseline FILE`) lists the fingerprints of the findings
 * of one audit; `audit --baseline FILE` then reports only findings not in it. The ignore
 * file (.crosscheck-ignore.yaml) lists fingerprints an editor has acknowledged, each with
 * a reason, who and when; `crosscheck ack` appends to it. Both are YAML, read with
 * libyaml; errors name the file, line and column. Formats: docs/archive.md.
 */
#ifndef CC_BASELINE_H
#define CC_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

typedef struct cc_fingerprints {
    char (*v)[17];        /* 16 hex digits each, NUL-terminated */
    size_t n, cap;
    char rulebook_sha256[65]; /* a baseline read: the SHA-256 of the rulebook it was written
                                 with (lowercase hex), "" when it does not say */
} cc_fingerprints;

bool cc_fingerprints_has(const cc_fingerprints *f, const char *fp);
void cc_fingerprints_free(cc_fingerprints *f);

/* Reads a baseline or an ignore file (its fingerprints only); -1 with a fatal diagnostic.
 * A missing ignore file is not an error (nothing is ignored: 0, no fingerprints); a
 * missing baseline is. */
int cc_baseline_read(const char *path, cc_fingerprints *out, cc_diags *d);
int cc_ignore_read(const char *path, cc_fingerprints *out, cc_diags *d);
/* The same over text in memory; `name` labels the diagnostics (fuzzing, tests). */
int cc_baseline_read_mem(const char *name, const char *text, size_t len, cc_fingerprints *out,
                         cc_diags *d);
int cc_ignore_read_mem(const char *name, const char *text, size_t len, cc_fingerprints *out,
                       cc_diags *d);

/* Writes the run's findings as a baseline, atomically (temporary file, then rename),
 * with the SHA-256 of the run's rulebook. */
int cc_baseline_write(const char *path, const cc_run *run, cc_diags *d);

/* Appends one acknowledged fingerprint to the ignore file (created if missing). */
int cc_ignore_append(const char *path, const char *fingerprint, const char *reason,
                     const char *who, const char *date, cc_diags *d);

/* Removes from the run every finding whose fingerprint is in `skip`; returns how many. */
size_t cc_run_drop_findings(cc_run *run, const cc_fingerprints *skip);

#endif
