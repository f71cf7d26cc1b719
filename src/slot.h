/*
 * slot.h — typed slots in rulebook patterns. A pattern such as
 * '{rank}\s+châu Á' names a slot; the pattern compiler replaces it with a named
 * capture group around the regex fragment below, and the extractor hands the
 * captured text to the slot's parser.
 */
#ifndef CC_SLOT_H
#define CC_SLOT_H

#include "num.h"
#include "qualifier.h"

typedef enum cc_slot {
    CC_SLOT_NUMBER,
    CC_SLOT_PERCENT,
    CC_SLOT_MONEY,
    CC_SLOT_RANK,
    CC_SLOT_DATE,
    CC_SLOT_PERIOD,
    CC_SLOT_YEAR,
    CC_SLOT_COUNT_,
} cc_slot;

extern const cc_names cc_slot_names; /* "number", ..., "year", in enum order */
const char *cc_slot_name(cc_slot s);
int cc_slot_lookup(const char *name, size_t n, cc_slot *out); /* 0 ok, -1 unknown */

/*
 * Appends a PCRE2 fragment (no capturing groups, only (?:...)) that matches the
 * text of a slot as the slot's parser accepts it, for patterns compiled with
 * PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS. Number-like slots (number, percent,
 * money) are preceded by an optional run of qualifier words from `q`, so that
 * "hơn 60 triệu" is one slot. The fragment never matches an empty string and
 * starts and ends at word boundaries, so "123" is never matched inside "1234".
 */
void cc_slot_regex(cc_slot s, cc_locale loc, const cc_qualifiers *q, cc_buf *out);

/* The type of value a slot yields (year yields CC_TYPE_DATE at year precision). */
cc_type cc_slot_type(cc_slot s);

#endif
