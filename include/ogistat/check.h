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

enum ck_status { CK_PASS, CK_PASS_IMPUTED, CK_FAIL, CK_WARN, CK_UNCHECKABLE, CK__NSTATUS };
enum ck_class { CK_CLASS_NONE, CK_SOURCE, CK_EXTRACTION };

struct ck_result {
    const char *id;             /* "N1" (static) */
    enum ck_status status;
    enum ck_class cls;          /* FAIL and WARN only */
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

struct ck_list {
    struct ck_result *v;
    size_t n, cap;
};

void ck_list_init(struct ck_list *l);
void ck_list_clear(struct ck_list *l);     /* frees the results, keeps the list usable */
void ck_list_free(struct ck_list *l);      /* frees members, not l; accepts NULL */

/* Evaluate every identity of r's regime and the prose checks; results appended to out. */
void check_report(const struct report *r, struct ck_list *out);

/* ==== across reports ==== */
struct ck_series;
struct ck_series *check_series_new(void);
void check_series_add(struct ck_series *s, const struct report *r);   /* copies what it needs */
void check_series_run(const struct ck_series *s, struct ck_list *out);
void check_series_free(struct ck_series *s);                          /* accepts NULL */

/* ==== output ==== */
enum ck_show { CK_SHOW_FINDINGS, CK_SHOW_FAILURES, CK_SHOW_ALL };

/* Per-status counts of a list (FAIL and WARN split by class in the text summary). */
struct ck_counts {
    size_t n[CK__NSTATUS];
    size_t source[CK__NSTATUS], extraction[CK__NSTATUS];   /* FAIL and WARN by class */
};
void ck_count(const struct ck_list *l, struct ck_counts *c);

/* Text: one line per shown result, "FILE:LINE: 表三 “row” / col: text [ID STATUS class]". */
void ck_write_text(FILE *fp, const struct ck_list *l, enum ck_show show);
/* "FILE: body year regime: 41 PASS, 2 PASS_IMPUTED, 1 FAIL (source), 0 WARN, 3 UNCHECKABLE"
 * (a class in brackets when all FAILs or WARNs have it, else "(2 source, 1 extraction)") */
void ck_write_summary(FILE *fp, const char *label, const struct ck_counts *c);
/* CSV rows (header with ck_csv_header); rows not shown are skipped. */
struct csvw;
void ck_csv_header(struct csvw *w);
void ck_write_csv(struct csvw *w, const struct ck_list *l, enum ck_show show);

/* The checks for --help and --list: id, regimes, description; NULL-terminated walk. */
struct ck_info {
    const char *id, *regimes, *desc;
};
size_t ck_infos(const struct ck_info **out);

#endif
