/* main.c - ogistat's entry point: option parsing, dispatch, exit status.
 *
 * Subcommands are a table (CMDS); each has a run function and a usage text.
 * Only this file exits. Exit status: 0 ok, 1 some input failed or was
 * flagged, 2 usage, 3 I/O or system error.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/agg.h"
#include "ogistat/check.h"
#include "ogistat/commands.h"
#include "ogistat/exit.h"
#include "ogistat/cli.h"
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
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef OGISTAT_VERSION
#define OGISTAT_VERSION "0.1.0"
#endif

struct cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    void (*usage)(FILE *fp);
    const char *summary;
};

/* ==== dispatch ==== */

static const struct cmd CMDS[] = {
    { .name = "parse", .run = cmd_parse, .usage = usage_parse,
      .summary = "extract records from reports (CSV, long or wide)" },
    { .name = "check", .run = cmd_check, .usage = usage_check,
      .summary = "check reports against their forms' arithmetic (identities, across years)" },
    { .name = "metrics", .run = cmd_metrics, .usage = usage_metrics,
      .summary = "list the metric registry (ids, units, labels)" },
    { .name = "regions", .run = cmd_regions, .usage = usage_regions,
      .summary = "look up administrative divisions (GB/T 2260 codes, levels, parents)" },
    { .name = "agg", .run = cmd_agg, .usage = usage_agg,
      .summary = "aggregate records by region, body, year, ... (sums, means, quantiles, rates)" },
    { .name = "trend", .run = cmd_trend, .usage = usage_trend,
      .summary = "trends per series over the years (OLS, Mann-Kendall, Theil-Sen, CAGR)" },
    { .name = "summary", .run = cmd_summary, .usage = usage_summary,
      .summary = "descriptive tables for papers (csv, Markdown, LaTeX booktabs)" },
    { .name = "compare", .run = cmd_compare, .usage = usage_compare,
      .summary = "the counties or bodies of one unit side by side (rank, z, share, chi-square)" },
    { .name = "report", .run = cmd_report, .usage = usage_report,
      .summary = "parse, check, aggregate and chart reports into one directory (index.html)" },
    { .name = "indicators", .run = cmd_indicators, .usage = usage_indicators,
      .summary = "list the harmonized ids (h_*, grades) and the indicators" },
    { .name = "plot", .run = cmd_plot, .usage = usage_plot,
      .summary = "charts (SVG, PNG, PDF) of records through gnuplot" },
};

static void usage_main(FILE *fp)
{
    fputs("Usage: ogistat COMMAND [OPTION]... [ARG]...\n"
          "Extract, check and analyse the statistics of Chinese government open-information\n"
          "annual reports (政府信息公开工作年度报告).\n"
          "\n"
          "Commands:\n", fp);
    for (size_t i = 0; i < ARRAY_LEN(CMDS); i++) fprintf(fp, "  %-10s %s\n", CMDS[i].name, CMDS[i].summary);
    fputs("\n"
          "Options:\n"
          "  -h, --help     show this help (ogistat COMMAND --help for a command)\n"
          "  -V, --version  show the version\n"
          "\n", fp);
    fputs(EXIT_HELP, fp);
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        fprintf(stderr, "ogistat: missing command\n");
        try_help(NULL);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage_main(stdout);
        return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_IO;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("ogistat %s\n", OGISTAT_VERSION);
        return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_IO;
    }
    for (size_t i = 0; i < ARRAY_LEN(CMDS); i++) {
        if (strcmp(argv[1], CMDS[i].name) != 0) continue;
        html_init();
        int rc = CMDS[i].run(argc - 1, argv + 1);
        html_fini();
        if ((fflush(stdout) != 0 || ferror(stdout)) && rc != EXIT_IO) {
            fprintf(stderr, "ogistat: write error: %s\n", strerror(errno ? errno : EIO));
            rc = EXIT_IO;
        }
        if (fclose(stdout) != 0 && rc != EXIT_IO) {
            fprintf(stderr, "ogistat: write error: %s\n", strerror(errno));
            rc = EXIT_IO;
        }
        return rc;
    }
    fprintf(stderr, "ogistat: unknown command '%s'\n", argv[1]);
    try_help(NULL);
    return EXIT_USAGE;
}

