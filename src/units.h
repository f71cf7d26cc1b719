/*
 * units.h — units of measure and of duration as written in Vietnamese news, in ONE table
 * (src/units.c), so that "900kg" equals "0,9 tấn" and "96 km/giờ" equals "96km/h".
 *
 * Each unit belongs to a dimension and converts to that dimension's base unit by
 *     base = value × factor + offset
 * (offset is 0 except for temperatures in °F). The base units:
 *     length m, area m², volume m³, mass kg, speed km/h, temperature °C, power W,
 *     energy Wh, duration s.
 * A year is 12 months and a month 365.25 / 12 = 30.4375 days, so that "3 năm 6 tháng"
 * and "42 tháng" are the same duration exactly.
 *
 * Spellings are NFC lowercase; they are matched case-insensitively, a space in a
 * spelling matches one or more white-space characters, and a spelling matches only
 * when no letter or digit follows it ("m" is not the start of "mới", "g" not of "giờ").
 * At one position the longest spelling wins ("km/g" over "km", "m²" over "m").
 * Percent and currencies are not units: num.h owns them.
 */
#ifndef CC_UNITS_H
#define CC_UNITS_H

#include <stddef.h>
#include "util.h"
#include "value.h"

typedef enum cc_dim {
    CC_DIM_NONE,        /* no unit (a count) */
    CC_DIM_LENGTH,      /* base m */
    CC_DIM_AREA,        /* base m² */
    CC_DIM_VOLUME,      /* base m³ */
    CC_DIM_MASS,        /* base kg */
    CC_DIM_SPEED,       /* base km/h */
    CC_DIM_TEMPERATURE, /* base °C */
    CC_DIM_POWER,       /* base W */
    CC_DIM_ENERGY,      /* base Wh */
    CC_DIM_DURATION,    /* base s */
} cc_dim;

/* "none", "length", "area", "volume", "mass", "speed", "temperature", "power", "energy",
 * "duration" (index = cc_dim). */
extern const cc_names cc_dim_names;

#define CC_UNIT_MAX_SPELLINGS 8

/* One row of the table: a unit and every way news writes it. */
typedef struct cc_unit {
    const char *name;     /* canonical symbol, unique: "km", "m2", "kg", "km/h", "month" */
    cc_dim dim;           /* what it measures */
    double factor;        /* base = value × factor + offset */
    double offset;
    const char *spellings[CC_UNIT_MAX_SPELLINGS]; /* NFC lowercase; unused ones NULL */
} cc_unit;

/* The table, in order, and its length. */
const cc_unit *cc_unit_table(size_t *count);

/* The unit whose canonical name is `name`, or NULL. */
const cc_unit *cc_unit_find(const char *name);

/*
 * The unit spelled at the start of s[0..n) — the longest spelling of any row, followed
 * by the end of the slice or by a character that is neither a letter, a mark nor a
 * digit — and the bytes it covers in *len; NULL (and *len = 0) when none. Never reads
 * outside the slice; invalid UTF-8 matches nothing.
 */
const cc_unit *cc_unit_at(const char *s, size_t n, size_t *len);

/* The interval `r` (in unit u) in the dimension's base unit. */
cc_range cc_unit_to_base(const cc_unit *u, cc_range r);

#endif
