/*
 * examples.h — the rulebook's field examples, run as `crosscheck rules test`.
 */
#ifndef CC_EXAMPLES_H
#define CC_EXAMPLES_H

#include <stddef.h>
#include <stdio.h>
#include "rulebook.h"

/* Reads every example of every field as a one-sentence document (document.require does
 * not apply; an example's `scope` dates it) and checks that the field yields the value —
 * and the subject and scope, when the example states them — or nothing (`none`). Writes
 * one `path:line:col: example of field 'x' failed: ...` line per failure to `out`; returns
 * the number of failures and sets *ntotal to the number of examples. The rulebook's
 * patterns must be compiled. */
size_t cc_examples_run(const cc_rulebook *rb, const char *path, FILE *out, size_t *ntotal);

#endif
