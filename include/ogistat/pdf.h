/* pdf.h - the text layer of a PDF as column-aligned lines; the only module that uses poppler.
 *
 * Every character of a page comes with its box (poppler-glib). Characters are
 * grouped into lines by their vertical centre, lines are ordered top to bottom,
 * and each line is written left to right with its characters placed on a grid
 * of half an em (a CJK character is two columns wide): a gap between cells
 * becomes a run of spaces, as `pdftotext -layout` writes it, so the
 * column-aligned reader handles tables, wrapped labels and one-character
 * vertical labels alike. Page-number lines ("-3-", "第 3 页", "3 / 6") are
 * dropped; pages are joined in order, so a table crossing a page break reads
 * as one.
 */
#ifndef OGISTAT_PDF_H
#define OGISTAT_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include "ogistat/diag.h"

/* Does the buffer start like a PDF ("%PDF-")? */
bool pdf_is_pdf(const char *buf, size_t n);

/* The text of the PDF in buf as UTF-8 lines (malloc'd, NUL-terminated, *outn its length).
 * Returns 0; -1 with a message in d when the PDF cannot be opened ("not a readable PDF: ...",
 * "encrypted PDF") or has no text layer ("no text layer (scanned PDF?)"). */
int pdf_to_text(const char *buf, size_t n, const char *path, char **out, size_t *outn, struct diag *d);

#endif
