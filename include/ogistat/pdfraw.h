/* pdfraw.h - tables of plain `pdftotext` output (no -layout): the "pdf-raw" layout.
 *
 * Without -layout, pdftotext writes every text block of the page on lines of
 * its own, blocks separated by a blank line, in its own reading order: row
 * labels come apart from their numbers, and the cells of a table come out one
 * per line, either as single-cell blocks read along a row or as column blocks
 * (the cells of several rows of one column, on consecutive lines). The
 * extractor's "label, then its values" reading does not apply there.
 *
 * pdfraw_extract() reads the tables from the structure of the form instead:
 * in 表三 every 7 consecutive blocks of equal length k are k rows of the 7
 * applicant columns, and these bands tile the form's rows in order (23 rows
 * with a single （六）其他处理 row, 25 with its three R21 sub-rows); the
 * reading is kept only when the identities N1, N2 and N4 hold. 表二 is read
 * per 第二十条 sub-table (rows by their labels, values by the same banding),
 * 表四 as its 15 values in order when the identities N5 or the shape of the
 * text vouch for that order. A table that cannot be read so is left out with a
 * note: never guessed.
 */
#ifndef OGISTAT_PDFRAW_H
#define OGISTAT_PDFRAW_H

#include <stdbool.h>
#include <stddef.h>
#include "ogistat/extract.h"
#include "ogistat/lex.h"
#include "ogistat/record.h"

/* Is this the pdf-raw layout? Plain lines only (no structured rows); most
 * values stand alone on their line (prose numbers do not, nor do the cells of
 * -layout rows or of flattened dumps), and such values come in blocks
 * separated by blank lines (one cell per line without blank lines is the
 * extractor's "cell-per-line" layout). Decided on the whole text, so that a
 * pdf-raw document is never left to readers that would misplace its values. */
bool pdfraw_detect(const struct tokstream *ts);

/* Read 表二, 表三 and 表四 of a pdf-raw document of the new templates into r;
 * sets info's t2_found, t3_found, t4_found, other_split and t2_version
 * (info->doc_regime is an input). Returns the number of cells stored. */
size_t pdfraw_extract(struct report *r, const struct tokstream *ts, struct extract_info *info);

#endif
