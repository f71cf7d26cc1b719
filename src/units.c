/*
 * units.c — the one table of units (see units.h for the conventions).
 *
 * A row is { canonical name, dimension, factor, offset, { spellings } }:
 *   - the value in the dimension's base unit is value × factor + offset;
 *   - spellings are NFC lowercase, glued or spaced forms alike ("mét vuông", "m²", "m2");
 *     a space stands for any run of white space; matching is case-insensitive;
 *   - the longest spelling at a position wins, so a spelling may extend another
 *     ("km/g" extends "km"); no two rows may share a spelling (test_units checks it).
 * To add a unit: add a row (or a spelling to a row), then a row to tests/unit/test_units.c
 * that parses it. To add a dimension: extend cc_dim and DIM_NAMES in step.
 *
 * Choices worth knowing: "độ" alone is a temperature (news rarely writes angles);
 * "h" is an hour here, and the figure scanner decides first whether "20h" is a clock
 * time; "khối" is a cubic metre; "ký"/"kí" a kilogram; "km/g" kilometres per giờ.
 */
#include "units.h"

#include <string.h>
#include <utf8proc.h>
#include "text.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define MINUTE 60.0
#define HOUR 3600.0
#define DAY 86400.0
#define YEAR (365.25 * DAY)
#define MONTH (YEAR / 12.0) /* 30.4375 days: 12 months make a year exactly */

static const char *const DIM_NAMES[] = {
    "none", "length", "area", "volume", "mass", "speed", "temperature", "power", "energy",
    "duration",
};
const cc_names cc_dim_names = CC_NAMES(DIM_NAMES);

static const cc_unit UNITS[] = {
    /* length, base m */
    {"km", CC_DIM_LENGTH, 1000, 0, {"km", "ki-lô-mét", "kilômét", "kilomet", "cây số"}},
    {"m", CC_DIM_LENGTH, 1, 0, {"m", "mét"}},
    {"cm", CC_DIM_LENGTH, 0.01, 0, {"cm", "xen-ti-mét", "xentimét"}},
    {"mm", CC_DIM_LENGTH, 0.001, 0, {"mm", "mi-li-mét", "milimét"}},
    {"nmi", CC_DIM_LENGTH, 1852, 0, {"hải lý"}},
    /* area, base m² */
    {"km2", CC_DIM_AREA, 1e6, 0, {"km2", "km²", "ki-lô-mét vuông", "cây số vuông"}},
    {"ha", CC_DIM_AREA, 1e4, 0, {"ha", "hecta", "héc-ta", "hécta", "hec-ta"}},
    {"m2", CC_DIM_AREA, 1, 0, {"m2", "m²", "mét vuông"}},
    /* volume, base m³ */
    {"m3", CC_DIM_VOLUME, 1, 0, {"m3", "m³", "mét khối", "khối"}},
    {"l", CC_DIM_VOLUME, 1e-3, 0, {"l", "lít"}},
    {"ml", CC_DIM_VOLUME, 1e-6, 0, {"ml", "mi-li-lít", "mililít"}},
    /* mass, base kg */
    {"t", CC_DIM_MASS, 1000, 0, {"tấn"}},
    {"ta", CC_DIM_MASS, 100, 0, {"tạ"}},
    {"yen", CC_DIM_MASS, 10, 0, {"yến"}},
    {"kg", CC_DIM_MASS, 1, 0, {"kg", "ký", "kí", "ki-lô-gam", "kilôgam", "kilogram"}},
    {"g", CC_DIM_MASS, 1e-3, 0, {"g", "gam", "gram", "gờ-ram"}},
    {"mg", CC_DIM_MASS, 1e-6, 0, {"mg", "mi-li-gam", "miligam"}},
    /* speed, base km/h */
    {"km/h", CC_DIM_SPEED, 1, 0, {"km/h", "km/giờ", "km/g", "km một giờ", "cây số/giờ"}},
    {"m/s", CC_DIM_SPEED, 3.6, 0, {"m/s", "m/giây", "mét/giây"}},
    {"kn", CC_DIM_SPEED, 1.852, 0, {"hải lý/giờ", "hải lý/h", "knot"}},
    /* temperature, base °C */
    {"C", CC_DIM_TEMPERATURE, 1, 0, {"độ c", "°c", "ºc", "oc", "độ"}},
    {"F", CC_DIM_TEMPERATURE, 5.0 / 9.0, -32.0 * 5.0 / 9.0, {"độ f", "°f", "ºf"}},
    /* power, base W */
    {"W", CC_DIM_POWER, 1, 0, {"w", "oát"}},
    {"kW", CC_DIM_POWER, 1e3, 0, {"kw"}},
    {"MW", CC_DIM_POWER, 1e6, 0, {"mw"}},
    {"GW", CC_DIM_POWER, 1e9, 0, {"gw"}},
    /* energy, base Wh */
    {"Wh", CC_DIM_ENERGY, 1, 0, {"wh"}},
    {"kWh", CC_DIM_ENERGY, 1e3, 0, {"kwh", "số điện"}},
    {"MWh", CC_DIM_ENERGY, 1e6, 0, {"mwh"}},
    {"GWh", CC_DIM_ENERGY, 1e9, 0, {"gwh"}},
    /* duration, base s */
    {"century", CC_DIM_DURATION, 100 * YEAR, 0, {"thế kỷ", "thế kỉ"}},
    {"decade", CC_DIM_DURATION, 10 * YEAR, 0, {"thập kỷ", "thập kỉ", "thập niên"}},
    {"year", CC_DIM_DURATION, YEAR, 0, {"năm"}},
    {"month", CC_DIM_DURATION, MONTH, 0, {"tháng"}},
    {"week", CC_DIM_DURATION, 7 * DAY, 0, {"tuần"}},
    {"day", CC_DIM_DURATION, DAY, 0, {"ngày", "ngày đêm"}},
    {"hour", CC_DIM_DURATION, HOUR, 0, {"giờ", "tiếng", "tiếng đồng hồ", "h"}},
    {"minute", CC_DIM_DURATION, MINUTE, 0, {"phút"}},
    {"second", CC_DIM_DURATION, 1, 0, {"giây"}},
};

const cc_unit *cc_unit_table(size_t *count)
{
    *count = COUNT(UNITS);
    return UNITS;
}

const cc_unit *cc_unit_find(const char *name)
{
    for (size_t i = 0; i < COUNT(UNITS); i++)
        if (strcmp(UNITS[i].name, name) == 0)
            return &UNITS[i];
    return NULL;
}

/* True for a character that continues a word: letters, marks and digits. */
static bool continues_word(const char *s, size_t n)
{
    size_t len;
    int32_t cp = cc_utf8_decode(s, n, &len);
    return cp >= 0 && cc_is_alnum_or_mark(cp);
}

/* Bytes of the text that `spelling` matches at its start (caselessly, a space standing
 * for \s+), followed by a word boundary; 0 when it does not match. */
static size_t match_spelling(const char *s, size_t n, const char *spelling)
{
    size_t si = 0, wi = 0, wn = strlen(spelling);
    while (wi < wn) {
        if (spelling[wi] == ' ') {
            size_t k = cc_skip_space(s + si, n - si);
            if (k == 0)
                return 0;
            si += k;
            wi++;
            continue;
        }
        if (si >= n)
            return 0;
        size_t wlen, tlen;
        int32_t want = cc_utf8_decode(spelling + wi, wn - wi, &wlen);
        int32_t got = cc_utf8_decode(s + si, n - si, &tlen);
        if (got < 0 || cc_to_lower(got) != want)
            return 0;
        wi += wlen;
        si += tlen;
    }
    if (si < n && continues_word(s + si, n - si))
        return 0;
    return si;
}

/* The first code point of each spelling (decoded once): a spelling whose first character
 * is not the text's, lowercased, cannot match, and most are passed over on that alone. */
static int32_t first_cp[COUNT(UNITS)][CC_UNIT_MAX_SPELLINGS];

static void measure_first_cps(void)
{
    for (size_t i = 0; i < COUNT(UNITS); i++)
        for (size_t j = 0; j < CC_UNIT_MAX_SPELLINGS && UNITS[i].spellings[j]; j++) {
            size_t k;
            const char *sp = UNITS[i].spellings[j];
            first_cp[i][j] = sp[0] ? cc_utf8_decode(sp, strlen(sp), &k) : -1;
        }
}

const cc_unit *cc_unit_at(const char *s, size_t n, size_t *len)
{
    static bool measured;
    if (!measured) {
        measure_first_cps();
        measured = true;
    }
    const cc_unit *best = NULL;
    size_t best_len = 0;
    size_t k0;
    int32_t first = n ? cc_utf8_decode(s, n, &k0) : -1;
    if (first >= 0)
        first = cc_to_lower(first);
    for (size_t i = 0; i < COUNT(UNITS); i++) {
        for (size_t j = 0; j < CC_UNIT_MAX_SPELLINGS && UNITS[i].spellings[j]; j++) {
            if (first_cp[i][j] != first && first_cp[i][j] != ' ')
                continue; /* match_spelling() would fail at the first character */
            size_t k = match_spelling(s, n, UNITS[i].spellings[j]);
            if (k > best_len) {
                best_len = k;
                best = &UNITS[i];
            }
        }
    }
    *len = best_len;
    return best;
}

cc_range cc_unit_to_base(const cc_unit *u, cc_range r)
{
    cc_range out = {r.lo * u->factor + u->offset, r.hi * u->factor + u->offset};
    return out;
}
