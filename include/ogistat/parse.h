/* parse.h - from input paths to reports: collect files, decode, lex, extract.
 *
 * parse_run() parses files on `jobs` threads and hands each report to the
 * emit callback in input order (a bounded window keeps memory flat however
 * many files there are). Per-report problems are in r->diag, never fatal.
 */
#ifndef OGISTAT_PARSE_H
#define OGISTAT_PARSE_H

#include <stddef.h>
#include <stdio.h>
#include "ogistat/record.h"
#include "ogistat/diag.h"

/* Expand files, directories (recursive, .txt .md .htm .html, sorted) and "-".
 * Returns 0, or 1 if some input could not be read (message in d; others kept). */
int parse_collect(char *const *inputs, size_t n, char ***files, size_t *nfiles, struct diag *d);
void parse_files_free(char **files, size_t n);

/* Parse one report from memory (tests, fuzzing). r must be report_init'ed. */
void parse_buffer(struct report *r, const char *buf, size_t n);
/* The same with a Traditional->Simplified converter the caller keeps (hz_new; NULL: no
 * conversion), so that many buffers cost one OpenCC start (the fuzz target). */
struct hz;
void parse_buffer_hz(struct report *r, struct hz *hz, const char *buf, size_t n);
/* Parse one file (path "-" = stdin). */
void parse_file(struct report *r);

/* Write the token stream of one file (debugging aid: `ogistat parse --tokens`):
 * one line per token, "LINE KIND text", KIND one of T (text), C (value cell), | (row end). */
int parse_dump_tokens(const char *path, FILE *out, struct diag *d);

/* Write the text of one file as ogistat reads it, in UTF-8 (`ogistat parse --text`):
 * a PDF's text layer rebuilt into lines, other inputs decoded. Returns 0, or 1 (message in d). */
int parse_dump_text(const char *path, FILE *out, struct diag *d);

typedef int (*parse_emit_fn)(struct report *r, void *ctx);
/* Returns 0, or the first nonzero value returned by emit (parsing stops).
 * Returns 3 with a message in d when threads cannot be started or OpenCC cannot be opened. */
int parse_run(char *const *files, size_t n, int jobs, parse_emit_fn emit, void *ctx, struct diag *d);

#endif
