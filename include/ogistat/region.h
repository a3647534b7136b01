/* region.h - China's administrative divisions and region resolution (DOMAIN.md §7.3-7.5).
 *
 * The gazetteer (GB/T 2260 codes; provinces, prefectures and county-level
 * divisions with full and short names) is compiled in from data/gazetteer.csv
 * by scripts/gen-gazetteer-c.py: no data file is read at run time. It is one
 * vintage (the 民政部 list of December 2020): divisions abolished before
 * then (崇文区 110103) are not in it.
 *
 * Municipalities' districts and the 省直辖 county-level divisions (仙桃市) hang
 * directly under their province: they have no prefecture, so a report of
 * such a body has an empty city.
 */
#ifndef OGISTAT_REGION_H
#define OGISTAT_REGION_H

#include <stdbool.h>
#include <stddef.h>
#include "ogistat/record.h"

enum gz_level { GZ_PROVINCE, GZ_PREFECTURE, GZ_COUNTY };

struct gz_div {
    const char *code;          /* "430408" */
    const char *name;          /* full name: 蒸湘区 */
    const char *short_name;    /* 蒸湘; "" when a single character would remain (叶县) */
    enum gz_level level;
    int parent;                /* index in GZ_DIVS; -1 for a province */
    const char *area_code;     /* telephone prefix(es), '|'-separated ("0734"), or "" */
};

struct gz_name {
    const char *name;          /* a full or a short name */
    int div;                   /* index in GZ_DIVS */
    bool is_short;
};

/* Generated tables: GZ_DIVS in code order, GZ_NAMES sorted by strcmp of name. */
extern const struct gz_div GZ_DIVS[];
extern const size_t GZ_NDIVS;
extern const struct gz_name GZ_NAMES[];
extern const size_t GZ_NNAMES;

const char *gz_level_name(enum gz_level l);   /* "province", "prefecture", "county" */
/* Index in GZ_DIVS of the division with this 6-digit code, or -1. */
int gz_find_code(const char *code);
/* The division's ancestor at level l (itself if it is at l), or -1. */
int gz_ancestor(int div, enum gz_level l);

/* Divisions that NAME denotes: a full or short name (鼓楼区, 鼓楼), or a chain of
 * them written out (福州市鼓楼区, 福建福州鼓楼区). Writes up to max indices to out,
 * in code order, and returns how many there are (which may exceed max). */
size_t gz_lookup(const char *name, int *out, size_t max);

/* body_type of a body name by its suffix, longest match winning (DOMAIN §7.4):
 * "gov", "gov_office", "dept", "township", "zone"; NULL when no suffix fits. */
const char *region_body_type(const char *body);

/* Fill r->province, city, county, region_code and body_type. The region is read
 * from the body name (the longest province/prefecture/county chain it starts
 * with), else from the 发布机构 field or the body's name as the text writes it
 * with a place before it; several candidates (鼓楼区 ×4) are told apart by
 * evidence in text: their parents' names, the division code in a 索引号's
 * credit code, telephone area codes. Candidates the evidence does not separate
 * leave the fields empty (but for the parents they share) and a note in r->diag
 * naming them. text is the document's compact text. */
void region_resolve(struct report *r, const char *text);

#endif
