/* agg.h - grouping reports and aggregating their values (agg, trend, compare, summary).
 *
 * Reports are fed one at a time (agg_add, straight from recin_run: a records
 * CSV is streamed); only per-group accumulators are held, plus one small entry
 * per report (body, year, region) for the no-double-counting rules below, and
 * the values themselves only for the ops that need them (median, quantiles, sd).
 *
 * What is added up (DOMAIN §3.4, §7.4):
 *   - a report seen twice (same body, year, region and scope: the same report
 *     in two formats) counts once, the first in input order (a note says so);
 *   - a region's aggregate report (scope=aggregate) is not added to the
 *     reports it covers: those of the same year whose region lies inside its
 *     region (a county's departments, a city's counties). Regions are the
 *     province/city/county fields; an empty field is an unknown region, which
 *     neither covers nor is covered, so when an aggregate report and reports of
 *     unknown region meet in one group, the group's coverage is "unknown"
 *     (they may overlap);
 *   - with year among the keys, a group whose year lacks a body that reports
 *     in another year of the same group (and is not covered by an aggregate)
 *     has coverage "partial" (absent_bodies says how many).
 * Never imputed: a BLANK, NA or not determined value is left out of the sum;
 * n says how many reports gave a value and status is "partial" when n < count.
 */
#ifndef OGISTAT_AGG_H
#define OGISTAT_AGG_H

#include <stdbool.h>
#include <stddef.h>
#include "ogistat/diag.h"
#include "ogistat/harmonize.h"
#include "ogistat/record.h"

enum agg_key { K_PROVINCE, K_CITY, K_COUNTY, K_BODY, K_BODY_TYPE, K_SCOPE, K_YEAR, K_REGIME, K__COUNT };
extern const char *const AGG_KEY_NAMES[K__COUNT];
int agg_key_find(const char *name);                 /* or -1 */

enum agg_op {
    OP_COUNT, OP_N, OP_SUM, OP_MEAN, OP_SD, OP_MIN, OP_P10, OP_Q1, OP_MEDIAN, OP_Q3, OP_P90, OP_MAX, OP_RATIO,
    OP__COUNT
};
struct agg_op_def {
    const char *name;
    const char *desc;
    bool needs_values;          /* keeps the group's values */
    double p;                   /* quantile ops */
};
extern const struct agg_op_def AGG_OPS[OP__COUNT];
int agg_op_find(const char *name);                  /* or -1 */

enum item_kind { ITEM_CELL, ITEM_H, ITEM_IND };
struct agg_item {
    enum item_kind kind;
    int id;                     /* metric, enum h_id or enum ind_id */
    int applicant;              /* ITEM_CELL */
};
/* "req_new" (总计 column for metrics with applicants), "req_new.natural", "h_decided",
 * or an indicator id. Returns 0, or -1 if unknown. */
int agg_item_parse(const char *s, struct agg_item *it);
/* The item's name as parsed: "req_new.total", "h_decided", "disclosure_rate". */
void agg_item_name(const struct agg_item *it, char *buf, size_t sz);

struct agg_where {
    int key;
    const char *value;
    bool negate;                /* keep reports whose key is NOT value */
};

struct agg_spec {
    int keys[K__COUNT];
    size_t nkeys;
    const struct agg_item *items;   /* NULL: every cell in the data (metric x applicant) */
    size_t nitems;
    int ops[OP__COUNT];
    size_t nops;
    double min_den;             /* indicators: smallest denominator for a ratio */
    const struct agg_where *where;  /* keep only reports whose key equals value (or not: negate) */
    size_t nwhere;
};

/* One output row: a group and an item. Strings are owned by the agg. */
struct agg_row {
    const char *const *keys;    /* spec.nkeys values ("" for an unknown field) */
    struct agg_item item;
    size_t count;               /* reports added up in the group */
    size_t n;                   /* of them, reports that gave a value */
    size_t nv;                  /* values mean, sd, min, quantiles, max are over (rates: the
                                 * reports whose own rate was computed) */
    char grade;                 /* worst grade (h_* and indicators), 0 for cells */
    double op[OP__COUNT];       /* NaN when not defined or not applicable */
    const char *status;         /* "complete", "partial" (n < count), "none" (n = 0),
                                 * "not computed" (ratio below the minimum denominator) */
    const char *coverage;       /* "complete", "partial", "unknown" */
    size_t absent_bodies;       /* coverage partial: bodies of other years missing here */
    unsigned regimes;           /* 1 << enum regime of the reports added up */
};

struct agg;
struct agg *agg_new(const struct agg_spec *spec);
/* Add one report (the spec's filters apply). Notes (duplicates) go to d. */
void agg_add(struct agg *a, const struct report *r, struct diag *d);
/* Resolve coverage; call once after the last agg_add. Notes go to d. */
void agg_finish(struct agg *a, struct diag *d);
/* Call fn for every row, groups in key order (years numerically), items in
 * spec order (or registry order for all cells). Stops at a nonzero return. */
int agg_each(struct agg *a, int (*fn)(const struct agg_row *row, void *ctx), void *ctx);
void agg_free(struct agg *a);

/* A key's value in a report: "" when unknown. buf for the year (>= 12 bytes). */
const char *agg_key_value(const struct report *r, int key, char *buf, size_t sz);

#endif
