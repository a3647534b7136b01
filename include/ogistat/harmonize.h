/* harmonize.h - the harmonized layer h_* and the indicators (DOMAIN.md §4, §5).
 *
 * Old (R08, R14) and new (R19, R21) templates count outcomes differently.
 * harm_report maps one report's cells into the h_* ids of H_DEFS: the outcome
 * partition h_grant_full ... h_other of h_decided (h_other is the residual, so
 * the partition always sums to the decided total), plus volumes, review and
 * litigation. Every value carries the comparability grade of its (regime, h id)
 * pair: A same definition, B same concept counted differently, C lossy or
 * partial, D not reported by that regime (never 0).
 *
 * The indicators of IND_DEFS are ratios of h_* values (or of cells, for the
 * applicant share) with their denominators stated; a ratio whose denominator
 * is below the minimum (default 10) is not computed.
 *
 * Never imputed: a BLANK or NA term makes the h value "not determined", and
 * the ratio built on it too.
 */
#ifndef OGISTAT_HARMONIZE_H
#define OGISTAT_HARMONIZE_H

#include <stdbool.h>
#include <stdint.h>
#include "ogistat/record.h"

enum h_id {
    /* volumes and stock */
    H_RECEIVED, H_CARRY_IN, H_CARRY_OUT, H_DECIDED,
    /* the outcome partition of h_decided, in this order (H_PART_FIRST..H_PART_LAST) */
    H_GRANT_FULL, H_GRANT_PARTIAL, H_DENY_EXEMPT, H_NOT_HELD, H_NEEDS_CREATION, H_UNCLEAR,
    H_NOT_PROCESSED, H_OTHER,
    /* overlapping groupings, outside the partition */
    H_DENY_BROAD, H_UNABLE,
    /* review and litigation */
    H_REVIEW_TOTAL, H_REVIEW_CORRECTED, H_REVIEW_CLOSED, H_LIT_TOTAL, H_LIT_CORRECTED, H_LIT_CLOSED,
    /* proactive disclosure and fees */
    H_PROACTIVE_TOTAL, H_FEE_COST_YUAN, H_INFO_PROC_FEE_YUAN,
    H__COUNT
};
#define H_PART_FIRST H_GRANT_FULL
#define H_PART_LAST H_OTHER

/* One term of a formula: + or - a cell (applicant 总计 for metrics with the
 * applicant dimension, "-" otherwise). sign 0 ends a list. */
struct h_term {
    int metric;
    int sign;
};

/* One way to compute an h id in a regime. The first alternative whose terms are
 * all in the report (any: at least one, summing those present) is used. */
struct h_formula {
    char grade;                 /* 'A'..'C'; 0 ends the alternatives */
    bool any;
    struct h_term t[10];
};

#define H_ALTS 3
struct h_def {
    const char *id;             /* "h_received" */
    const char *label_zh;
    const char *desc;           /* what it counts, and the mapping caveat */
    struct h_formula f[RG__COUNT][H_ALTS];   /* no alternative: grade D in that regime */
};
extern const struct h_def H_DEFS[H__COUNT];

enum h_status {
    HS_VALUE,            /* determined */
    HS_UNDETERMINED,     /* a term is BLANK or NA, or the report's categories exceed its total */
    HS_ABSENT,           /* the regime reports it, this report has none of it */
    HS_NOT_REPORTED      /* grade D: the regime does not report it */
};

struct hval {
    enum h_status st;
    char grade;                 /* 'A'..'D' */
    int64_t v100;               /* when st == HS_VALUE */
    enum qualifier q;           /* exact unless a term is not */
};

/* The regime whose formulas apply: the report's, or for a report without
 * tables (regime none) the data-year prior of DOMAIN §1.5 (then grades are at
 * best C). RG_NONE if neither is known. */
enum regime harm_regime(const struct report *r);
/* Fill h[H__COUNT] for one report. */
void harm_report(const struct report *r, struct hval h[H__COUNT]);
int harm_find(const char *id);                 /* index in H_DEFS, or -1 */
const char *harm_status_name(enum h_status s); /* "value", "not determined", "absent", "not reported" */

/* ==== indicators ==== */

enum ind_src { IT_END = 0, IT_H, IT_CELL };
struct ind_term {
    enum ind_src src;
    int id;                     /* enum h_id, or a metric */
    int applicant;              /* IT_CELL */
    int sign;
};

struct ind_def {
    const char *id;             /* "disclosure_rate" */
    const char *label_zh;
    const char *num_desc, *den_desc;
    const char *note;
    struct ind_term num[4], den[4];   /* den[0].src == IT_END: a volume, not a ratio */
};
enum ind_id {
    IND_APP_VOLUME, IND_ORG_APPLICANT_SHARE, IND_DISCLOSURE_RATE, IND_FULL_GRANT_RATE,
    IND_PARTIAL_GRANT_RATE, IND_REFUSAL_RATE_STRICT, IND_REFUSAL_RATE_BROAD, IND_NOT_HELD_RATE,
    IND_UNABLE_RATE, IND_NOT_PROCESSED_RATE, IND_OTHER_RATE, IND_REVIEW_RATE, IND_LITIGATION_RATE,
    IND_CONTEST_RATE, IND_REVIEW_CORRECTION_RATE, IND_LIT_CORRECTION_RATE, IND_CORRECTION_RATE,
    IND_BACKLOG_RATE, IND_PROACTIVE_VOLUME, IND_FULLTEXT_E_RATE,
    IND__COUNT
};
extern const struct ind_def IND_DEFS[IND__COUNT];

enum ind_status {
    IS_VALUE,            /* computed */
    IS_UNDETERMINED,     /* a term not determined (BLANK, NA) */
    IS_ABSENT,           /* a term absent from the report */
    IS_NOT_REPORTED,     /* a term the regime does not report (grade D) */
    IS_SMALL_BASE        /* denominator below the minimum: not computed */
};

struct ival {
    enum ind_status st;
    char grade;                 /* worst grade of the terms */
    double num, den;            /* numerator and denominator (den 1 for a volume); when determined */
    double value;               /* num / den when st == IS_VALUE */
};

#define IND_MIN_DEN_DEFAULT 10
/* Evaluate indicator i on one report's h values and cells. min_den: the
 * smallest denominator for which a ratio is computed. */
void ind_eval(int i, const struct report *r, const struct hval h[H__COUNT], double min_den, struct ival *out);
/* A ratio from summed numerator and denominator (pooling several reports):
 * IS_SMALL_BASE below min_den. */
void ind_ratio(int i, double num, double den, double min_den, struct ival *out);
bool ind_is_ratio(int i);
int ind_find(const char *id);                  /* index in IND_DEFS, or -1 */
const char *ind_status_name(enum ind_status s);/* "value", "not determined", "absent", "not reported", "not computed" */

#endif
