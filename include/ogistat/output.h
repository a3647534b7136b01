/* output.h - records as CSV (long and wide) and atomic output files. */
#ifndef OGISTAT_OUTPUT_H
#define OGISTAT_OUTPUT_H

#include <stdio.h>
#include "ogistat/record.h"
#include "ogistat/csvio.h"

/* An output that is written to a temporary file beside its final path and
 * renamed on success, so no half-written file is ever left. "-" or NULL is stdout. */
struct ofile {
    FILE *fp;
    char *path, *tmp;
};
/* Returns 0, or -1 with errno set. */
int ofile_open(struct ofile *o, const char *path);
/* Flush, close and rename. Returns 0, or -1 (errno set; the temporary file is removed). */
int ofile_commit(struct ofile *o);
/* For a file another program writes (gnuplot): create the temporary file
 * beside path as ofile_open does, close it, and leave its name in o->tmp (fp
 * is NULL). The program writes o->tmp; then ofile_commit renames it into
 * place, or ofile_abort removes it. A regular file only: -1 with errno EINVAL
 * when path exists and is something else. Returns 0, or -1 with errno set. */
int ofile_reserve(struct ofile *o, const char *path);
/* Remove the temporary file; nothing is left. Accepts a never-opened ofile. */
void ofile_abort(struct ofile *o);

enum out_format { OUT_LONG, OUT_WIDE };

struct out_writer;
struct out_writer *out_new(FILE *fp, enum out_format fmt, int csv_flags);
/* Write one report's rows. */
void out_report(struct out_writer *w, const struct report *r);
/* Returns 0, or -1 if a write failed. Frees w. */
int out_free(struct out_writer *w);

extern const char *const OUT_LONG_HEADER[15];

#endif
