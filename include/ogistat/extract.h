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

#include <stdbool.h>
#include <stdint.h>
#include "ogistat/lex.h"
#include "ogistat/record.h"

struct extract_info {
    enum regime doc_regime;  /* in: regime detected from the whole text (DOMAIN §1.5) */
    bool t2_found, t3_found, t4_found;
    bool other_split;        /* R21 three-row （六）其他处理 present */
    enum regime t2_version;  /* RG_R19 or RG_R21 表二 columns, RG_NONE if not seen */
};

/* The form, shared with the flattened-table solver and the pdf-raw reader: the
 * applicants of 表三's columns (without an org subtotal column), 表三's rows in
 * printed order (group headers and both versions of （六）其他处理 included), and
 * the fifteen metrics of 表四 in printed order. */
#define EXTRACT_N_T3 29
extern const int EXTRACT_T3_COLS[7];
extern const int EXTRACT_T3_ROWS[EXTRACT_N_T3];
extern const int EXTRACT_T4_COLS[15];

/* N5: each of 表四's three groups (v in EXTRACT_T4_COLS order) adds up to its 总计. */
bool extract_t4_n5(const int64_t *v);

void extract_tables(struct report *r, const struct tokstream *ts, struct extract_info *info);

/* Store value token t as table cell metric/applicant (number, unit, NA mark;
 * a value that is not a count becomes NA with a warning). header_factor: unit
 * of a bare number in a money column (10000 for 万元). A value is never
 * replaced by a blank. */
void extract_put_cell(struct report *r, const struct tokstream *ts, int metric, int applicant, const struct token *t,
                      int64_t header_factor);

/* 表二 helpers. extract_t2_version: RG_R21 or RG_R19 by the column words of a
 * header text ("本年制发件数", "上一年项目数量", ...), RG_NONE when it has none.
 * extract_t2_row: if label[0..n) is (after folding) a 表二 row label, set *cols to
 * its metrics in template version ver and return their number (0: a row ver does
 * not have); -1 if it is not a row label. extract_t2_factor: header_factor of a
 * bare cell of metric under header text (万元 / 元). */
enum regime extract_t2_version(const char *header);
int extract_t2_row(const char *label, size_t n, enum regime ver, const int **cols);
int64_t extract_t2_factor(int metric, const char *header);

/* Exposed for tests: fold a label for matching (hz_fold + parenthetical notes removed).
 * Returns a malloc'd string. */
char *extract_fold_label(const char *s, size_t n);

#endif
