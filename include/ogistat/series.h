/* series.h - series tables for charts: named series over years, built from reports.
 *
 * A measure says what one report contributes to a chart (one value, or the
 * parts of a composition) and how that is labelled, in Chinese and English.
 * A series table holds, for every series (a body or a region) and every year
 * of a consecutive range, the measure's values, NaN where missing (BLANK, NA,
 * not printed, no report): never 0. The chart builders (chart.c) read series
 * tables and know nothing of reports; the plot command fills them through a
 * series_set, one report at a time, as recin hands them over.
 *
 * An indicator (a rate computed from several cells, or a harmonized h_* value)
 * plugs in as one more measure: a value function and its labels.
 */
#ifndef OGISTAT_SERIES_H
#define OGISTAT_SERIES_H

#include <stdbool.h>
#include <stddef.h>
#include "ogistat/diag.h"
#include "ogistat/record.h"

enum lang { LANG_ZH, LANG_EN, LANG__COUNT };

#define MEASURE_MAX_PARTS 8

struct measure;
/* The measure's values for report r: out[0 .. m->nparts-1], NaN where not determined. */
typedef void (*measure_fn)(const struct measure *m, const struct report *r, double *out);

struct measure {
    char label[LANG__COUNT][192];         /* what is measured: 本年新收政府信息公开申请数量 */
    char unit[LANG__COUNT][32];           /* 件 / cases; "%" for a rate */
    size_t nparts;                        /* 1, or the categories of a composition */
    char part_label[MEASURE_MAX_PARTS][LANG__COUNT][96];
    bool integral;                        /* values are whole numbers (counts) */
    int metric, applicant;                /* the metric (h id, indicator) read; -1 for compositions */
    measure_fn value;
};

/* One registry metric (applicant AP_NONE for metrics without the dimension,
 * AP_TOTAL by default for those with it). Returns 0, or -1 when the applicant
 * does not fit the metric. */
int measure_metric(struct measure *m, int metric, int applicant);

/* The harmonized layer (harmonize.h): an h_* id (enum h_id), comparable across
 * the templates; the value when determined, NaN otherwise (grade D, BLANK, NA). */
void measure_harmonized(struct measure *m, int h);
/* An indicator of IND_DEFS (enum ind_id): a ratio in per cent (NaN below the
 * minimum denominator or when a term is not determined), or a volume in its unit. */
void measure_indicator(struct measure *m, int ind);

/* Compositions of 表三 (R19/R21): the outcome groups (予以公开, 部分公开, 不予公开,
 * 无法提供, 不予处理, 其他处理) or the eight refusal reasons, for one applicant column. */
enum parts_kind { PARTS_OUTCOMES, PARTS_REASONS, PARTS__COUNT };
struct parts_def {
    const char *name;                     /* "outcomes", "reasons" (--parts) */
    const char *summary;
};
extern const struct parts_def PARTS[PARTS__COUNT];
int parts_find(const char *name);         /* enum parts_kind, or -1 */
void measure_parts(struct measure *m, enum parts_kind k, int applicant);

/* Shorten a registry label for display: the text before the first （ or (,
 * trailing spaces dropped. Writes at most sz bytes (NUL-terminated). */
void label_short(char *buf, size_t sz, const char *label);

/* ==== series tables ==== */

struct stable {
    size_t nrow, ncol, nparts;
    char **name;          /* nrow series names, as printed in the reports (untrusted text) */
    int y0;               /* column c is year y0 + c */
    double *v;            /* [part][row][col]; NaN = missing */
};
#define ST_V(t, p, r, c) ((t)->v[((p) * (t)->nrow + (r)) * (t)->ncol + (c)])

void stable_free(struct stable *t);      /* frees members and t; accepts NULL */
/* Does row r have a value (of any part) in some year? */
bool stable_row_has_data(const struct stable *t, size_t r);
/* Does column c (of row r) have every part determined? */
bool stable_cell_complete(const struct stable *t, size_t r, size_t c);
/* Drop rows without any value; returns how many were dropped. */
size_t stable_drop_empty(struct stable *t);
/* A new table holding row r of t only (for one chart per series). */
struct stable *stable_row(const struct stable *t, size_t r);
/* Least-squares line through the finite values of part p of row r:
 * y = a + b * year. Returns false with fewer than two distinct years. */
bool stable_fit(const struct stable *t, size_t p, size_t r, double *a, double *b);

/* ==== building a table from reports ==== */

enum series_by { BY_BODY, BY_COUNTY, BY_CITY, BY_PROVINCE, BY__COUNT };
struct by_def {
    const char *name;                     /* "body", ... (--by) */
    const char *label[LANG__COUNT];       /* 机关 / body */
    const char *many[LANG__COUNT];        /* 各机关 / bodies */
};
extern const struct by_def SERIES_BY[BY__COUNT];
int series_by_find(const char *name);     /* enum series_by, or -1 */

struct series_filter {
    const char *province, *city, *county, *body;   /* exact match; NULL = any */
    const char *match;                    /* the body's name contains this; NULL = any */
    const char *scope;                    /* "body" or "aggregate"; NULL = any */
    int year_from, year_to;               /* 0 = open */
};

struct series_set;
struct series_set *series_set_new(const struct measure *m, enum series_by by, const struct series_filter *f);
/* Take one report's values (or note why it is left out). */
void series_set_add(struct series_set *s, const struct report *r);
/* The table, rows in byte order of their names, years from the first to the
 * last one seen. Several reports for one series and year: the values they
 * agree on (or the one that states it); a disagreement is NaN and a warning
 * in d. NULL (and an error in d) when no report gave a series. Frees s. */
struct stable *series_set_finish(struct series_set *s, struct diag *d);
void series_set_free(struct series_set *s);   /* accepts NULL */

#endif
