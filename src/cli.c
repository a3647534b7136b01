/* cli.c - what the commands share: help texts, option helpers, notes and output commit. */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/agg.h"
#include "ogistat/check.h"
#include "ogistat/cli.h"
#include "ogistat/commands.h"
#include "ogistat/csvio.h"
#include "ogistat/exit.h"
#include "ogistat/lex.h"
#include "ogistat/output.h"
#include "ogistat/parse.h"
#include "ogistat/recin.h"
#include "ogistat/region.h"
#include "ogistat/registry.h"
#include "ogistat/stats.h"
#include "ogistat/table.h"
#include "ogistat/util.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char EXIT_HELP[] =
    "Exit status:\n"
    "  0  success\n"
    "  1  some input could not be read or parsed, or was flagged\n"
    "  2  usage error\n"
    "  3  I/O or system error (e.g. cannot write the output)\n";

void try_help(const char *cmd)
{
    fprintf(stderr, "Try 'ogistat %s%s--help' for more information.\n", cmd ? cmd : "", cmd ? " " : "");
}

long default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

/* -j N: 1-256. Returns EXIT_OK, or EXIT_USAGE after saying why. */
int parse_jobs(const char *cmd, const char *arg, long *jobs)
{
    char *end;
    errno = 0;
    long n = strtol(arg, &end, 10);
    if (errno || *end || n < 1 || n > 256) {
        fprintf(stderr, "ogistat: %s: invalid number of jobs '%s' (1-256)\n", cmd, arg);
        try_help(cmd);
        return EXIT_USAGE;
    }
    *jobs = n;
    return EXIT_OK;
}

/* A report's parse notes on stderr (only its errors when quiet), in input order. */
void report_notes(struct report *r, bool quiet)
{
    if (quiet) {
        for (size_t i = 0; i < r->diag.n; i++)
            if (r->diag.v[i].level == DIAG_ERROR) fprintf(stderr, "%s\n", r->diag.v[i].text);
        diag_free(&r->diag);
    } else {
        diag_flush(&r->diag, stderr);
    }
}

/* Commit an output file (wrc: the writer's status). Returns EXIT_OK or EXIT_IO. */
int output_done(struct ofile *of, int wrc, const char *outpath)
{
    if (wrc == 0 && ofile_commit(of) == 0) return EXIT_OK;
    int e = errno;
    ofile_abort(of);
    fprintf(stderr, "ogistat: %s: write error: %s\n", outpath ? outpath : "standard output", strerror(e ? e : EIO));
    return EXIT_IO;
}


/* "ogistat CMD: WHAT 'ARG'" and the help hint; returns EXIT_USAGE. */
int bad_opt(const char *cmd, const char *what, const char *arg)
{
    fprintf(stderr, "ogistat: %s: %s '%s'\n", cmd, what, arg);
    try_help(cmd);
    return EXIT_USAGE;
}
