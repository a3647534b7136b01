/* cmd_check.c - ogistat check. */
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

/* ==== check ==== */

void usage_check(FILE *fp)
{
    fputs("Usage: ogistat check [OPTION]... FILE|DIR|records.csv...\n"
          "Check every report against its form's own arithmetic and say exactly where it breaks:\n"
          "the file and line, the table, and the row and column in the report's own labels.\n"
          "Raw reports are parsed; a records CSV written by `ogistat parse` (long or wide, perhaps\n"
          "corrected by hand) is read as it is.\n"
          "\n"
          "Each identity gets a status: PASS; PASS_IMPUTED (holds only with blank cells read as 0);\n"
          "FAIL, with the difference (blanks read as 0: the form as printed does not add up);\n"
          "UNCHECKABLE (a term is missing or NA). Advisory checks (prose, across years, aggregates)\n"
          "give WARN instead of FAIL. A FAIL or WARN is 'source' when every term was read cleanly\n"
          "(the report contradicts itself) or 'extraction' when a term was inferred from digits that\n"
          "ran together, stated only in the prose, or approximate.\n"
          "\n"
          "Checks:\n", fp);
    const struct check_info *ci;
    size_t n = check_infos(&ci);
    for (size_t i = 0; i < n; i++) {
        bool again = i > 0 && strcmp(ci[i].id, ci[i - 1].id) == 0;
        fprintf(fp, "  %-3s %-8s %s\n", again ? "" : ci[i].id, again ? "" : ci[i].regimes, ci[i].desc);
    }
    fputs("\n"
          "Options:\n"
          "  -f, --format=FMT     text (default): findings grouped by report, a summary line per\n"
          "                       report; csv: one row per result, columns report,body,year,regime,\n"
          "                       check,status,class,table,row,column,line,lhs,rhs,difference,message\n"
          "  -o, --output=FILE    write to FILE (atomically)\n"
          "      --csv=FILE       with the text format: also write the csv format to FILE, from the\n"
          "                       same run (the reports are parsed once)\n"
          "  -j, --jobs=N         parse N files in parallel (default: number of cores)\n"
          "  -a, --all            show every result, PASS included (default: FAIL, WARN, UNCHECKABLE)\n"
          "  -F, --failures-only  show FAIL and WARN only\n"
          "  -q, --quiet          do not print the parser's per-report notes\n"
          "  -l, --list           list the checks (id, regimes, description; tab-separated)\n"
          "  -h, --help           show this help\n"
          "\n"
          "Examples:\n"
          "  ogistat check data/reports/seed_004.txt\n"
          "  ogistat check --format csv -o findings.csv data/reports\n"
          "  ogistat parse -o records.csv data/reports && ogistat check records.csv\n"
          "\n"
          "Exit status:\n"
          "  0  every identity holds (or cannot be checked)\n"
          "  1  some identity FAILs, or some input could not be read\n"
          "  2  usage error\n"
          "  3  I/O or system error\n", fp);
}

struct check_ctx {
    FILE *fp;
    struct csvw *csv;
    enum check_show show;
    bool quiet;
    struct check_series *series;
    struct check_results list;
    struct check_counts all;
    size_t nreports, nfailed;
    bool any_failed;
};

static void counts_add(struct check_counts *a, const struct check_counts *b)
{
    for (int i = 0; i < CHK__NSTATUS; i++) {
        a->n[i] += b->n[i];
        a->source[i] += b->source[i];
        a->extraction[i] += b->extraction[i];
    }
}

static int emit_check(struct report *r, void *arg)
{
    struct check_ctx *c = arg;
    report_notes(r, c->quiet);
    if (r->failed) { c->any_failed = true; return 0; }
    check_results_clear(&c->list);
    check_report(r, &c->list);
    check_series_add(c->series, r);
    struct check_counts k;
    check_count(&c->list, &k);
    counts_add(&c->all, &k);
    c->nreports++;
    c->nfailed += k.n[CHK_FAIL] > 0;
    if (c->csv) check_write_csv(c->csv, &c->list, c->show);
    if (!c->fp) return 0;
    check_write_text(c->fp, &c->list, c->show);
    char year[16];
    snprintf(year, sizeof year, "%d", r->year);
    strbuf lab;
    sb_init(&lab);
    sb_printf(&lab, "%s: %s %s %s", r->path, r->body ? r->body : "?", r->year ? year : "?", regime_name(r->regime));
    check_write_summary(c->fp, lab.s, &k);
    sb_free(&lab);
    fputc('\n', c->fp);
    return 0;
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "csv", required_argument, NULL, 'C' },
        { "jobs", required_argument, NULL, 'j' },
        { "all", no_argument, NULL, 'a' },
        { "failures-only", no_argument, NULL, 'F' },
        { "quiet", no_argument, NULL, 'q' },
        { "list", no_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    bool csv = false;
    const char *outpath = NULL, *csvpath = NULL;
    long jobs = default_jobs();
    struct check_ctx ctx = { .show = CHK_SHOW_FINDINGS };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:j:aFqlh", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "csv") == 0) csv = true;
            else if (strcmp(optarg, "text") == 0) csv = false;
            else { fprintf(stderr, "ogistat: check: unknown format '%s' (text, csv)\n", optarg); try_help("check"); return EXIT_USAGE; }
            break;
        case 'o': outpath = optarg; break;
        case 'C': csvpath = optarg; break;
        case 'j':
            if (parse_jobs("check", optarg, &jobs) != EXIT_OK) return EXIT_USAGE;
            break;
        case 'a': ctx.show = CHK_SHOW_ALL; break;
        case 'F': ctx.show = CHK_SHOW_FAILURES; break;
        case 'q': ctx.quiet = true; break;
        case 'l': {
            const struct check_info *ci;
            size_t n = check_infos(&ci);
            for (size_t i = 0; i < n; i++) printf("%s\t%s\t%s\n", ci[i].id, ci[i].regimes, ci[i].desc);
            return EXIT_OK;
        }
        case 'h': usage_check(stdout); return EXIT_OK;
        default: try_help("check"); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "ogistat: check: no input (give report files, directories, records CSV or -)\n");
        try_help("check");
        return EXIT_USAGE;
    }
    if (csv && csvpath) {
        fprintf(stderr, "ogistat: check: --csv goes with the text format (with --format=csv, use -o)\n");
        try_help("check");
        return EXIT_USAGE;
    }
    struct ofile of, cof = { 0 };
    if (ofile_open(&of, outpath) != 0) {
        fprintf(stderr, "ogistat: %s: cannot write: %s\n", outpath, strerror(errno));
        return EXIT_IO;
    }
    if (csvpath && ofile_open(&cof, csvpath) != 0) {
        fprintf(stderr, "ogistat: %s: cannot write: %s\n", csvpath, strerror(errno));
        ofile_abort(&of);
        return EXIT_IO;
    }
    /* text to -o unless --format=csv; CSV to -o with --format=csv, or to --csv FILE beside the text */
    ctx.fp = csv ? NULL : of.fp;
    ctx.series = check_series_new();
    check_results_init(&ctx.list);
    if (csv || csvpath) {
        ctx.csv = csvw_new(csv ? of.fp : cof.fp, 0);
        check_csv_header(ctx.csv);
    }
    struct diag d;
    diag_init(&d);
    int rc = recin_run(argv + optind, (size_t)(argc - optind), (int)jobs, emit_check, &ctx, &d);
    diag_flush(&d, stderr);
    /* across reports */
    check_results_clear(&ctx.list);
    check_series_run(ctx.series, &ctx.list);
    struct check_counts k;
    check_count(&ctx.list, &k);
    if (ctx.csv) check_write_csv(ctx.csv, &ctx.list, ctx.show);
    if (ctx.fp) {
        if (ctx.list.n) {
            check_write_text(of.fp, &ctx.list, ctx.show);
            check_write_summary(of.fp, "across reports", &k);
        }
        strbuf lab;
        sb_init(&lab);
        sb_printf(&lab, "%zu report%s, %zu with FAIL", ctx.nreports, ctx.nreports == 1 ? "" : "s", ctx.nfailed);
        check_write_summary(of.fp, lab.s, &ctx.all);
        sb_free(&lab);
    }
    bool any_fail = ctx.all.n[CHK_FAIL] > 0;
    int wrc = ctx.csv ? csvw_free(ctx.csv) : 0;
    check_results_free(&ctx.list);
    check_series_free(ctx.series);
    if (rc == 3) {
        ofile_abort(&of);
        if (csvpath) ofile_abort(&cof);
        return EXIT_IO;
    }
    if (csvpath) {
        /* the text first, then its CSV twin; either failing is an I/O error */
        int trc = output_done(&of, 0, outpath);
        if (output_done(&cof, wrc, csvpath) != EXIT_OK || trc != EXIT_OK) return EXIT_IO;
    } else if (output_done(&of, wrc, outpath) != EXIT_OK) {
        return EXIT_IO;
    }
    return (rc || ctx.any_failed || any_fail) ? EXIT_DATA : EXIT_OK;
}

