/* recin.h - reports from any input: raw report files (parsed) or records CSV.
 *
 * Commands that work on records (check, agg, trend, ...) take raw reports and
 * records CSV alike. A file whose name ends in .csv is read as records written
 * by `ogistat parse` (long or wide, told apart by the header; a researcher may
 * have corrected values by hand); everything else goes through parse_collect
 * and parse_run. Reports are handed to emit one at a time, in input order; a
 * records CSV is streamed (one report in memory at a time: the long rows of a
 * report must be consecutive, as parse writes them).
 */
#ifndef OGISTAT_RECIN_H
#define OGISTAT_RECIN_H

#include <stddef.h>
#include "ogistat/record.h"
#include "ogistat/diag.h"

typedef int (*recin_emit_fn)(struct report *r, void *ctx);

/* Returns 0; 1 if some input could not be read (messages in d, others still
 * processed); 3 on a read/system error; or the first nonzero value returned by
 * emit (reading stops). emit owns nothing: the report is freed after the call. */
int recin_run(char *const *inputs, size_t n, int jobs, recin_emit_fn emit, void *ctx, struct diag *d);

/* Read one records CSV (exposed for tests). Same return values. */
int recin_csv(const char *path, recin_emit_fn emit, void *ctx, struct diag *d);

#endif
