/*
 * examples.h — the rulebook's field examples, run as `crosscheck rules test`.
 */
#ifndef CC_EXAMPLES_H
#define CC_EXAMPLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "rulebook.h"

/* Reads every example of every field as a one-sentence document (document.require does
 * not apply; an example's `scope` dates it) and checks that the field yields the value —
 * and the subject and scope, when the example states them — or nothing (`none`). Writes
 * one `path:line:col: example of field 'x' failed: ...` line per failure to `out`; returns
 * the number of failures and sets *ntotal to the number of examples. The rulebook's
 * patterns must be compiled.
 *
 * With `explain`, each failure line is followed by lines (indented two spaces) saying
 * which step failed: the expected value did not parse; the pattern did not match (per
 * pattern: the prefilter word missing from the sentence, or the longest start of the
 * pattern that matches and the rest that does not); the value did not parse (the text
 * the slot matched); the subject was not found or differed; the context did not match;
 * the scope differed; the value differed; or, for `none`, what the pattern matched. */
size_t cc_examples_run(const cc_rulebook *rb, const char *path, bool explain, FILE *out,
                       size_t *ntotal);

#endif
