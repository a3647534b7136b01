/* table.h - result tables as CSV, Markdown or LaTeX (agg, trend, compare, summary).
 *
 * Rows are written as they come (nothing is buffered beyond stdio), so a
 * table of any length streams. CSV goes through csvio; Markdown escapes '|';
 * LaTeX is a booktabs tabular (\toprule \midrule \bottomrule, ready to
 * \input; needs \usepackage{booktabs}, and xeCJK or ctex for Chinese), with
 * & % $ # _ { } ~ ^ \ escaped.
 */
#ifndef OGISTAT_TABLE_H
#define OGISTAT_TABLE_H

#include <stdbool.h>
#include <stdio.h>

enum table_fmt { TF_CSV, TF_MD, TF_LATEX };
int table_fmt_find(const char *name);          /* "csv" "md" "latex", or -1 */

struct table_col {
    const char *name;
    char align;                 /* 'l' or 'r' */
};

struct table;
/* Writes the header at once; csv_flags as for csvw_new (CSVW_BOM). */
struct table *table_new(FILE *fp, enum table_fmt fmt, const struct table_col *cols, size_t ncols, int csv_flags);
void table_row(struct table *t, const char *const *cells);
/* Finish the table; returns 0, or -1 if a write failed. Frees t. */
int table_free(struct table *t);

/* Numbers for tables. NaN and infinities give "" (not computed).
 * table_num: plain, round-trippable ("%.10g"; integers without decimals).
 * table_num_read: for reading: `decimals` places, thousands separators in the
 * integer part when `thousands` ("12,345.6"). */
void table_num(char *buf, size_t sz, double v);
void table_num_read(char *buf, size_t sz, double v, int decimals, bool thousands);

#endif
