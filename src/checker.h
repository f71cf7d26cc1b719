/*
 * checker.h — claims to findings (SPEC §4).
 *
 * Claims are grouped by (field, subject, scope). Each claim's interval is widened by
 * its rule's tolerance; a group whose widened intervals all meet is consistent.
 * Otherwise bounded claims are swept in value order into sides, half-bounded ones
 * join the one side they meet (or are "compatible" with several, or form their own),
 * and the side backed by the most documents is the majority. Single claims are
 * checked for sanity, derived rules are evaluated per scope, and findings are sorted
 * by path, line, column and rule id.
 */
#ifndef CC_CHECKER_H
#define CC_CHECKER_H

#include "align.h"
#include "model.h"

/* Puts the run's claims in output order (path, line, column, field): `extract` needs
 * only this; cc_check() does it first. */
void cc_sort_claims(cc_run *run);

/* Adds the run's findings (and sorts claims into output order first). 0 ok. */
int cc_check(cc_run *run);

/* Open mode's tolerance for figures of a kind (docs/rulebook.md, "Open mode"): the
 * rulebook's `open: {tolerance: ...}` for the kind, else the default; what `rules init`
 * writes into a field drafted from open claims of that kind. */
cc_tolerance cc_open_tolerance(const cc_rulebook *rb, cc_figure_kind kind);
/* The severity of an open conflict, from how sure its alignment is (and its kind). */
cc_severity cc_open_severity(const cc_run *run, const cc_aligned *g);

/* The first 16 hex digits of SHA-256 over rule, field, subject, scope and the sorted
 * canonical values of the sides, and, when every claim of the finding is one document's
 * (a sanity finding, a derived rule that fails in one article), that document's path
 * (normalized): stable when lines move, and a baseline entry for one article's finding
 * does not silence the same finding in another. */
void cc_fingerprint(const cc_run *run, const cc_finding *f, char out[17]);

#endif
