/* extract.h - statistics tables of the new templates (R19/R21) from a token stream.
 *
 * Table-driven: the rows of 表二, 表三 and 表四 are data (extract.c), matched
 * against the label text that precedes each run of value cells. Adds cells to
 * the report and per-report notes (rows with the wrong number of values,
 * tables not found) to r->diag. Never guesses: a row whose values cannot be
 * aligned with its columns is left out and said so.
 */
#ifndef OGISTAT_EXTRACT_H
#define OGISTAT_EXTRACT_H

#include "ogistat/lex.h"
#include "ogistat/record.h"

struct extract_info {
    enum regime doc_regime;  /* in: regime detected from the whole text (DOMAIN §1.5) */
    bool t2_found, t3_found, t4_found;
    bool other_split;        /* R21 three-row （六）其他处理 present */
    enum regime t2_version;  /* RG_R19 or RG_R21 表二 columns, RG_NONE if not seen */
};

/* The form's columns: applicants of 表三 (without an org subtotal column) and the
 * fifteen metrics of 表四, in printed order. Shared with the flattened-table solver. */
extern const int EXTRACT_T3_COLS[7];
extern const int EXTRACT_T4_COLS[15];

void extract_tables(struct report *r, const struct tokstream *ts, struct extract_info *info);

/* Exposed for tests: fold a label for matching (hz_fold + parenthetical notes removed).
 * Returns a malloc'd string. */
char *extract_fold_label(const char *s, size_t n);

#endif
