/* cli.h - helpers the commands share (src/cli.c): the exit-status help text, option
 * parsing aids, per-report notes and committing an output file. */
#ifndef OGISTAT_CLI_H
#define OGISTAT_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include "ogistat/output.h"
#include "ogistat/record.h"

extern const char EXIT_HELP[];
void try_help(const char *cmd);                 /* "Try 'ogistat CMD --help' ..." on stderr */
long default_jobs(void);                        /* the number of cores */
int parse_jobs(const char *cmd, const char *arg, long *jobs);   /* -j N: EXIT_OK or EXIT_USAGE */
int bad_opt(const char *cmd, const char *what, const char *arg); /* message + hint: EXIT_USAGE */
void report_notes(struct report *r, bool quiet);                /* a report's notes on stderr */
int output_done(struct ofile *of, int wrc, const char *outpath); /* commit: EXIT_OK or EXIT_IO */

#endif
