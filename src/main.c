/* main.c - ogistat's entry point: option parsing, dispatch, exit status.
 *
 * Subcommands are a table (CMDS); each has a run function and a usage text.
 * Only this file exits. Exit status: 0 ok, 1 some input failed or was
 * flagged, 2 usage, 3 I/O or system error.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/check.h"
#include "ogistat/exit.h"
#include "ogistat/lex.h"
#include "ogistat/output.h"
#include "ogistat/parse.h"
#include "ogistat/recin.h"
#include "ogistat/registry.h"
#include "ogistat/util.h"

#include <errno.h>
#include <getopt.h>
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

static const char EXIT_HELP[] =
    "Exit status:\n"
    "  0  success\n"
    "  1  some input could not be read or parsed, or was flagged\n"
    "  2  usage error\n"
    "  3  I/O or system error (e.g. cannot write the output)\n";

static void try_help(const char *cmd)
{
    fprintf(stderr, "Try 'ogistat %s%s--help' for more information.\n", cmd ? cmd : "", cmd ? " " : "");
}

static long default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

/* -j N: 1-256. Returns EXIT_OK, or EXIT_USAGE after saying why. */
static int parse_jobs(const char *cmd, const char *arg, long *jobs)
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
static void report_notes(struct report *r, bool quiet)
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
static int output_done(struct ofile *of, int wrc, const char *outpath)
{
    if (wrc == 0 && ofile_commit(of) == 0) return EXIT_OK;
    int e = errno;
    ofile_abort(of);
    fprintf(stderr, "ogistat: %s: write error: %s\n", outpath ? outpath : "standard output", strerror(e ? e : EIO));
    return EXIT_IO;
}

/* ==== parse ==== */

static void usage_parse(FILE *fp)
{
    fputs("Usage: ogistat parse [OPTION]... FILE|DIR|-...\n"
          "Extract the statistics of 政府信息公开工作年度报告 (annual open-government-information\n"
          "reports) into records: one row per table cell, with its status and source line.\n"
          "\n"
          "Inputs: files of any name, directories (searched recursively for .txt .md .htm .html .pdf;\n"
          "README, SOURCES, LICENSE and CHANGELOG files are skipped),\n"
          "and - for standard input. A PDF is read from its text layer (rows and columns rebuilt\n"
          "from the characters' positions; a scanned PDF without one is reported, not guessed).\n"
          "UTF-8 (with or without BOM), GB18030/GBK and Big5 are detected;\n"
          "Traditional script is read through OpenCC t2s. Layouts: pipe-separated rows, markdown\n"
          "tables, one cell per line, HTML tables (read from the DOM, rowspan/colspan honoured),\n"
          "column-aligned text from `pdftotext -layout`, plain `pdftotext` text, and web dumps\n"
          "whose cells ran together. Templates: R08 local forms, the R14 national form, R19, R21;\n"
          "figures stated only in the prose are read too (source=text).\n"
          "\n"
          "Options:\n"
          "  -f, --format=FMT   long (default): one row per cell, columns\n"
          "                       report,body,year,regime,province,city,county,scope,\n"
          "                       metric,applicant,value,status,qualifier,source,line\n"
          "                     wide: one row per report, one column per metric[.applicant]\n"
          "  -o, --output=FILE  write to FILE (atomically: a temporary file renamed on success)\n"
          "  -j, --jobs=N       parse N files in parallel (default: number of cores);\n"
          "                     output order is always input order\n"
          "      --bom          start the CSV with a UTF-8 BOM (for spreadsheet programs)\n"
          "  -q, --quiet        do not print per-report notes (errors are still printed)\n"
          "      --tokens       show how each file was read: one line per token\n"
          "                     (LINE T text | LINE C value cell | LINE | end of a table row)\n"
          "      --text         show the text of each file as read (a PDF's text layer rebuilt\n"
          "                     into lines and columns), in UTF-8\n"
          "  -h, --help         show this help\n"
          "\n"
          "Values are in the metric's canonical unit (counts; money in 元, 万元 cells x 10000).\n"
          "status is VALUE, BLANK (printed empty: never read as 0) or NA (/, -, not applicable or\n"
          "not determined); qualifier is exact, at_least, at_most, approx or rounded; source is\n"
          "table or text. A report in which no figure was found keeps one row with metric '-'.\n"
          "\n"
          "Examples:\n"
          "  ogistat parse data/reports/seed_004.txt\n"
          "  ogistat parse -j 2 --format wide -o records-wide.csv data/reports\n"
          "\n", fp);
    fputs(EXIT_HELP, fp);
}

struct parse_ctx {
    struct out_writer *out;
    bool quiet;
    bool any_failed;
    bool io_error;
};

static int emit_report(struct report *r, void *arg)
{
    struct parse_ctx *c = arg;
    if (r->failed || r->diag.worst == DIAG_ERROR) c->any_failed = true;
    report_notes(r, c->quiet);
    if (!r->failed) out_report(c->out, r);
    return 0;
}

static int cmd_parse(int argc, char **argv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "jobs", required_argument, NULL, 'j' },
        { "bom", no_argument, NULL, 'B' },
        { "quiet", no_argument, NULL, 'q' },
        { "tokens", no_argument, NULL, 'T' },
        { "text", no_argument, NULL, 'X' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    bool tokens = false, text = false;
    enum out_format fmt = OUT_LONG;
    const char *outpath = NULL;
    long jobs = default_jobs();
    int csv_flags = 0;
    bool quiet = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:j:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "long") == 0) fmt = OUT_LONG;
            else if (strcmp(optarg, "wide") == 0) fmt = OUT_WIDE;
            else { fprintf(stderr, "ogistat: parse: unknown format '%s' (long, wide)\n", optarg); try_help("parse"); return EXIT_USAGE; }
            break;
        case 'o': outpath = optarg; break;
        case 'j':
            if (parse_jobs("parse", optarg, &jobs) != EXIT_OK) return EXIT_USAGE;
            break;
        case 'B': csv_flags |= CSVW_BOM; break;
        case 'q': quiet = true; break;
        case 'T': tokens = true; break;
        case 'X': text = true; break;
        case 'h': usage_parse(stdout); return EXIT_OK;
        default: try_help("parse"); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "ogistat: parse: no input (give files, directories or -)\n");
        try_help("parse");
        return EXIT_USAGE;
    }

    struct diag d;
    diag_init(&d);
    if (tokens || text) {
        int bad = 0;
        for (int i = optind; i < argc; i++)
            bad |= tokens ? parse_dump_tokens(argv[i], stdout, &d) : parse_dump_text(argv[i], stdout, &d);
        diag_flush(&d, stderr);
        return bad ? EXIT_DATA : EXIT_OK;
    }
    char **files;
    size_t nfiles;
    int collect_rc = parse_collect(argv + optind, (size_t)(argc - optind), &files, &nfiles, &d);
    diag_flush(&d, stderr);

    struct ofile of;
    if (ofile_open(&of, outpath) != 0) {
        fprintf(stderr, "ogistat: %s: cannot write: %s\n", outpath, strerror(errno));
        parse_files_free(files, nfiles);
        return EXIT_IO;
    }
    struct parse_ctx ctx = { .out = out_new(of.fp, fmt, csv_flags), .quiet = quiet };
    int rc = parse_run(files, nfiles, (int)jobs, emit_report, &ctx, &d);
    diag_flush(&d, stderr);
    int wrc = out_free(ctx.out);
    parse_files_free(files, nfiles);
    if (rc == 3) { ofile_abort(&of); return EXIT_IO; }
    if (output_done(&of, wrc, outpath) != EXIT_OK) return EXIT_IO;
    return (collect_rc || ctx.any_failed) ? EXIT_DATA : EXIT_OK;
}

/* ==== check ==== */

static void usage_check(FILE *fp)
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
    if (c->csv) {
        check_write_csv(c->csv, &c->list, c->show);
        return 0;
    }
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

static int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "jobs", required_argument, NULL, 'j' },
        { "all", no_argument, NULL, 'a' },
        { "failures-only", no_argument, NULL, 'F' },
        { "quiet", no_argument, NULL, 'q' },
        { "list", no_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    bool csv = false;
    const char *outpath = NULL;
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
    struct ofile of;
    if (ofile_open(&of, outpath) != 0) {
        fprintf(stderr, "ogistat: %s: cannot write: %s\n", outpath, strerror(errno));
        return EXIT_IO;
    }
    ctx.fp = of.fp;
    ctx.series = check_series_new();
    check_results_init(&ctx.list);
    if (csv) {
        ctx.csv = csvw_new(of.fp, 0);
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
    if (ctx.csv) {
        check_write_csv(ctx.csv, &ctx.list, ctx.show);
    } else {
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
    if (rc == 3) { ofile_abort(&of); return EXIT_IO; }
    if (output_done(&of, wrc, outpath) != EXIT_OK) return EXIT_IO;
    return (rc || ctx.any_failed || any_fail) ? EXIT_DATA : EXIT_OK;
}

/* ==== metrics ==== */

static void usage_metrics(FILE *fp)
{
    fputs("Usage: ogistat metrics [--format=text|csv]\n"
          "List the metric registry: id, unit, applicant dimension, Chinese label, English name.\n"
          "The ids are the ones used in records, truth files and scripts.\n"
          "\n", fp);
    fputs(EXIT_HELP, fp);
}

static int cmd_metrics(int argc, char **argv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    bool csv = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "csv") == 0) csv = true;
            else if (strcmp(optarg, "text") == 0) csv = false;
            else { fprintf(stderr, "ogistat: metrics: unknown format '%s' (text, csv)\n", optarg); try_help("metrics"); return EXIT_USAGE; }
            break;
        case 'h': usage_metrics(stdout); return EXIT_OK;
        default: try_help("metrics"); return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "ogistat: metrics: unexpected argument '%s'\n", argv[optind]);
        try_help("metrics");
        return EXIT_USAGE;
    }
    if (csv) {
        struct csvw *w = csvw_new(stdout, 0);
        const char *h[] = { "id", "unit", "applicant_dim", "label_zh", "name_en", "group" };
        for (size_t i = 0; i < ARRAY_LEN(h); i++) csvw_fieldz(w, h[i]);
        csvw_endrow(w);
        for (int m = 0; m < M__COUNT; m++) {
            const struct metric_def *d = &REG_METRICS[m];
            csvw_fieldz(w, d->id);
            csvw_fieldz(w, d->unit);
            csvw_fieldz(w, d->applicant_dim ? "yes" : "no");
            csvw_fieldz(w, d->label_zh);
            csvw_fieldz(w, d->name_en);
            csvw_fieldz(w, d->group);
            csvw_endrow(w);
        }
        return csvw_free(w) == 0 ? EXIT_OK : EXIT_IO;
    }
    for (int m = 0; m < M__COUNT; m++) {
        const struct metric_def *d = &REG_METRICS[m];
        printf("%-32s %-4s %s  %s  (%s)\n", d->id, d->unit, d->applicant_dim ? "A" : "-", d->label_zh, d->name_en);
    }
    return EXIT_OK;
}

/* ==== dispatch ==== */

static const struct cmd CMDS[] = {
    { .name = "parse", .run = cmd_parse, .usage = usage_parse,
      .summary = "extract records from reports (CSV, long or wide)" },
    { .name = "check", .run = cmd_check, .usage = usage_check,
      .summary = "check reports against their forms' arithmetic (identities, across years)" },
    { .name = "metrics", .run = cmd_metrics, .usage = usage_metrics,
      .summary = "list the metric registry (ids, units, labels)" },
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
