/* csvio.h - CSV reading and writing; the only module that includes <csv.h> (libcsv).
 *
 * Writer: RFC 4180 quoting through csv_fwrite (a field with a comma, quote,
 * CR or LF, or with a leading/trailing space or tab, is quoted; quotes
 * doubled), other fields are written as-is; rows end in "\n" (or "\r\n" with
 * CSVW_CRLF), optional UTF-8 BOM (CSVW_BOM, for spreadsheet users). A row that
 * is a single empty field is written as "" (a blank line would be skipped
 * on reading); a row with no fields at all is a blank line.
 * Reader: strips a leading UTF-8 BOM, accepts LF and CRLF (a lone CR also ends
 * a record, but only LF counts lines), quoted fields with embedded newlines,
 * and reports malformed input with its line (strict: a quote inside an
 * unquoted field, text after a closing quote, an unterminated quote).
 * As libcsv does, it skips blank and whitespace-only lines and trims spaces
 * and tabs around unquoted fields (quoted fields are kept verbatim).
 */
#ifndef OGISTAT_CSVIO_H
#define OGISTAT_CSVIO_H

#include <stdio.h>
#include <stddef.h>
#include "ogistat/diag.h"

enum { CSVW_BOM = 1, CSVW_CRLF = 2 };

struct csvw;                                   /* opaque writer */
struct csvw *csvw_new(FILE *fp, int flags);    /* writes the BOM immediately if asked */
void csvw_field(struct csvw *w, const char *s, size_t n);
void csvw_fieldz(struct csvw *w, const char *s);  /* NUL-terminated; NULL writes an empty field */
void csvw_endrow(struct csvw *w);
/* Flush; returns 0, or -1 if any write failed (ferror). Frees w (accepts NULL). Does not fclose fp. */
int csvw_free(struct csvw *w);

/* Called once per record. fields[i] are NUL-terminated (lens[i] excludes the NUL);
 * valid only during the call. rowno is the 1-based record number, line the 1-based
 * physical line where the record starts. Return nonzero to stop reading. */
typedef int (*csvr_row_fn)(void *ctx, size_t nfields, char **fields, const size_t *lens,
                           long rowno, long line);

/* Read fp to the end, streaming (64 KiB at a time). Returns 0 ok, 1 malformed
 * CSV (message "malformed CSV: ..." added to d, naming fname and the line of
 * the offending byte, or for an unterminated quote the line where the quoted
 * field starts), 3 read error (message "read error: ..." added to d), or the
 * callback's nonzero return (nothing after that record is parsed). */
int csvr_read(FILE *fp, const char *fname, csvr_row_fn fn, void *ctx, struct diag *d);

#endif
