/* check.h - the form's own arithmetic: identities per report, continuity across reports
 * (DOMAIN.md §3; PEERS.md "Validation rules").
 *
 * The identities are a table (src/check.c, CK_IDENTITIES): an id ("N1"), the regimes it
 * belongs to, the terms as lists of metric ids, the Chinese labels of its table and row,
 * and a description (`ogistat check --list`). Each is evaluated per applicant column
 * where its metrics have that dimension. A result is
 *   PASS          every term is a value and the identity holds;
 *   PASS_IMPUTED  some term is BLANK (printed empty) and it holds with blanks read as 0;
 *   FAIL          it does not hold (blanks read as 0: the form as printed does not add up);
 *   WARN          an advisory check (across years, prose against tables) does not hold;
 *   UNCHECKABLE   a term is missing or NA.
 * A FAIL or WARN is classed `source` when every term was read cleanly (the report
 * contradicts itself) or `extraction` when a term was inferred from digits that ran
 * together, stated only in the prose, or qualified (约, 余, rounded). Values are never
 * repaired: a finding names the file, the line, the table and the row and column in the
 * report's own labels, and the numbers as printed.
 *
 * Checks across reports need all reports of a body: check_series_add keeps a small
 * summary of each report (a few dozen figures, not its cells); check_series_run pairs
 * consecutive years of the same body (carry-over S1, 表二 continuity S2, 历年累计 A6)
 * and sets an aggregate report against its departments of the same year (H1).
 */
#ifndef OGISTAT_CHECK_H
#define OGISTAT_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "ogistat/record.h"

enum check_status { CHK_PASS, CHK_PASS_IMPUTED, CHK_FAIL, CHK_WARN, CHK_UNCHECKABLE, CHK__NSTATUS };
enum check_class { CHK_CLASS_NONE, CHK_SOURCE, CHK_EXTRACTION };

struct check_result {
    const char *id;             /* "N1" (static) */
    enum check_status status;
    enum check_class cls;          /* FAIL and WARN only */
    char *path, *body;          /* the report the finding is located in (owned) */
    int year;
    enum regime regime;
    long line;                  /* 0 when no cell locates it */
    const char *table;          /* "表三", "表四", "统计表", "正文" ... (static) */
    char *row;                  /* the row's label as the form prints it, or NULL */
    const char *col;            /* the column's label (static), or NULL */
    char *text;                 /* "一+二 (64+0) ≠ 三+四 (63+0), 差 1" */
    bool has_values;            /* lhs/rhs are meaningful (v100) */
    int64_t lhs, rhs;
};

struct check_results {
    struct check_result *v;
    size_t n, cap;
};

void check_results_init(struct check_results *l);
void check_results_clear(struct check_results *l);     /* frees the results, keeps the list usable */
void check_results_free(struct check_results *l);      /* frees members, not l; accepts NULL */

/* Evaluate every identity of r's regime and the prose checks; results appended to out. */
void check_report(const struct report *r, struct check_results *out);

/* ==== across reports ==== */
struct check_series;
struct check_series *check_series_new(void);
void check_series_add(struct check_series *s, const struct report *r);   /* copies what it needs */
void check_series_run(const struct check_series *s, struct check_results *out);
void check_series_free(struct check_series *s);                          /* accepts NULL */

/* ==== output ==== */
enum check_show { CHK_SHOW_FINDINGS, CHK_SHOW_FAILURES, CHK_SHOW_ALL };

/* Per-status counts of a list (FAIL and WARN split by class in the text summary). */
struct check_counts {
    size_t n[CHK__NSTATUS];
    size_t source[CHK__NSTATUS], extraction[CHK__NSTATUS];   /* FAIL and WARN by class */
};
void check_count(const struct check_results *l, struct check_counts *c);

/* Text: one line per shown result, "FILE:LINE: 表三 “row” / col: text [ID STATUS class]". */
void check_write_text(FILE *fp, const struct check_results *l, enum check_show show);
/* "FILE: body year regime: 41 PASS, 2 PASS_IMPUTED, 1 FAIL (source), 0 WARN, 3 UNCHECKABLE"
 * (a class in brackets when all FAILs or WARNs have it, else "(2 source, 1 extraction)") */
void check_write_summary(FILE *fp, const char *label, const struct check_counts *c);
/* CSV rows (header with check_csv_header); rows not shown are skipped. */
struct csvw;
void check_csv_header(struct csvw *w);
void check_write_csv(struct csvw *w, const struct check_results *l, enum check_show show);

/* The checks for --help and --list: id, regimes, description; NULL-terminated walk. */
struct check_info {
    const char *id, *regimes, *desc;
};
size_t check_infos(const struct check_info **out);

#endif
