/* main.c - ogistat's entry point: option parsing, dispatch, exit status.
 *
 * Subcommands are a table (CMDS); each has a run function and a usage text.
 * Only this file exits. Exit status: 0 ok, 1 some input failed or was
 * flagged, 2 usage, 3 I/O or system error.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/chart.h"
#include "ogistat/check.h"
#include "ogistat/exit.h"
#include "ogistat/lex.h"
#include "ogistat/output.h"
#include "ogistat/parse.h"
#include "ogistat/recin.h"
#include "ogistat/registry.h"
#include "ogistat/series.h"
#include "ogistat/util.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* ==== plot ==== */

static void usage_plot(FILE *fp)
{
    fputs("Usage: ogistat plot KIND [OPTION]... FILE|DIR|-... -o CHART.{svg,png,pdf}...\n"
          "Draw a chart (through gnuplot) from records CSV (written by ogistat parse) or raw reports.\n"
          "\n"
          "Kinds:\n", fp);
    for (size_t i = 0; i < CK__COUNT; i++)
        fprintf(fp, "  %-16s %s\n  %-16s   needs %s\n", CHART_KINDS[i].name, CHART_KINDS[i].summary, "",
                CHART_KINDS[i].needs);
    fputs("\n"
          "Options:\n"
          "  -o, --output=FILE    the chart; its extension picks the format: .svg, .png or .pdf.\n"
          "                       Repeat for several formats of the same chart. Written under a\n"
          "                       temporary name and renamed when gnuplot succeeded\n"
          "  -m, --metric=ID      a metric of the registry (ogistat metrics)\n"
          "  -a, --applicant=CODE the applicant column of a 表三 metric (default total):\n"
          "                       natural org_business org_research org_ngo org_legal org_other\n"
          "  -p, --parts=PARTS    composition:", fp);
    for (size_t i = 0; i < PARTS__COUNT; i++) fprintf(fp, "\n                         %-9s %s", PARTS[i].name, PARTS[i].summary);
    fputs("\n"
          "  -b, --by=SERIES      one series per", fp);
    for (size_t i = 0; i < BY__COUNT; i++) fprintf(fp, "%s %s", i ? "," : "", SERIES_BY[i].name);
    fputs(" (default body). A\n"
          "                       region's series is its own government's report (department\n"
          "                       reports are not added up)\n"
          "      --province=NAME, --city=NAME, --county=NAME, --body=NAME\n"
          "                       only the reports of that region or body (exact names)\n"
          "      --match=TEXT     only the bodies whose name contains TEXT (e.g. 平潭)\n"
          "      --scope=SCOPE    only body (a department's own) or aggregate reports\n"
          "      --years=FROM-TO  only these years (2014-2025, 2019-, -2018, 2024)\n"
          "  -y, --year=YEAR      compare, composition: the year (default: the latest with data)\n"
          "      --fit            trend: a dashed least-squares line per series\n"
          "      --no-regimes     do not mark the template changes (2014, 2019, 2021)\n"
          "      --lang=LANG      zh (default) or en: titles, axes and legends\n"
          "      --font=FAMILIES  font families, comma-separated (default:\n"
          "                       " CHART_DEFAULT_FONT ")\n"
          "      --size=WxH       pixels (a PDF: the same at 96 dpi); default 900x540, taller\n"
          "                       for many bars or panels\n"
          "      --title=TEXT     the first title line (default: what is plotted)\n"
          "      --each           trend, composition: one chart per series, FILE becoming\n"
          "                       FILE-001.svg, FILE-002.svg...; prints file,series (CSV)\n"
          "      --script=FILE    also save the gnuplot script (data in datablocks), for tweaking\n"
          "  -j, --jobs=N         parse N raw files in parallel\n"
          "  -q, --quiet          no notes (errors are still printed)\n"
          "  -h, --help           show this help\n"
          "\n"
          "Missing values (BLANK, NA, not printed, no report) are gaps, never zeros. Names come from\n"
          "the reports and are only ever written as quoted text. All charts of one command are drawn\n"
          "by one gnuplot process; a font with Chinese glyphs must be installed (fonts-noto-cjk).\n"
          "\n"
          "Environment:\n"
          "  OGISTAT_GNUPLOT      the gnuplot program to run (default: gnuplot on PATH)\n"
          "\n"
          "Examples:\n"
          "  ogistat plot trend -m req_new --fit records.csv -o trend.svg -o trend.png\n"
          "  ogistat plot compare -m req_new --scope body --match 平潭 --year 2024 data/reports -o compare.png\n"
          "  ogistat plot composition --parts outcomes --body 平潭综合实验区管委会 records.csv -o out.pdf\n"
          "  ogistat plot small-multiples -m req_new --by county --city 福州市 records.csv -o sm.svg\n"
          "\n", fp);
    fputs(EXIT_HELP, fp);
}

struct plot_ctx {
    struct series_set *set;
    bool any_failed;
};

static int plot_emit(struct report *r, void *arg)
{
    struct plot_ctx *c = arg;
    if (r->failed) c->any_failed = true;
    report_notes(r, true);                   /* the parse notes are not the chart's: errors only */
    if (!r->failed) series_set_add(c->set, r);
    return 0;
}

static bool parse_int_range(const char *s, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = (int)v;
    return true;
}

/* "2014-2025", "2019-", "-2018", "2024" */
static bool parse_years(const char *s, int *from, int *to)
{
    const char *dash = strchr(s, '-');
    char buf[16];
    if (!dash) return parse_int_range(s, 1900, 2100, from) && parse_int_range(s, 1900, 2100, to);
    size_t n = (size_t)(dash - s);
    if (n >= sizeof buf) return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    *from = *to = 0;
    if (n && !parse_int_range(buf, 1900, 2100, from)) return false;
    if (dash[1] && !parse_int_range(dash + 1, 1900, 2100, to)) return false;
    return (n || dash[1]) && (!*from || !*to || *from <= *to);
}

static bool ascii_only(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s >= 0x80) return false;
    return true;
}

/* FILE.ext -> FILE-NNN.ext */
static char *each_name(const char *path, size_t i)
{
    const char *dot = strrchr(path, '.');
    strbuf b;
    sb_init(&b);
    sb_append(&b, path, (size_t)(dot - path));
    sb_printf(&b, "-%03zu%s", i + 1, dot);
    return sb_take(&b);
}

static int plot_usage_error(const char *fmt, const char *arg)
{
    fputs("ogistat: plot: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    try_help("plot");
    return EXIT_USAGE;
}

static int cmd_plot(int argc, char **argv)
{
    enum { O_PROVINCE = 256, O_CITY, O_COUNTY, O_BODY, O_SCOPE, O_YEARS, O_FIT, O_NO_REGIMES, O_LANG, O_FONT,
           O_SIZE, O_TITLE, O_EACH, O_SCRIPT, O_MATCH };
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' }, { "metric", required_argument, NULL, 'm' },
        { "applicant", required_argument, NULL, 'a' }, { "parts", required_argument, NULL, 'p' },
        { "by", required_argument, NULL, 'b' }, { "province", required_argument, NULL, O_PROVINCE },
        { "city", required_argument, NULL, O_CITY }, { "county", required_argument, NULL, O_COUNTY },
        { "body", required_argument, NULL, O_BODY }, { "scope", required_argument, NULL, O_SCOPE },
        { "match", required_argument, NULL, O_MATCH },
        { "years", required_argument, NULL, O_YEARS }, { "year", required_argument, NULL, 'y' },
        { "fit", no_argument, NULL, O_FIT }, { "no-regimes", no_argument, NULL, O_NO_REGIMES },
        { "lang", required_argument, NULL, O_LANG }, { "font", required_argument, NULL, O_FONT },
        { "size", required_argument, NULL, O_SIZE }, { "title", required_argument, NULL, O_TITLE },
        { "each", no_argument, NULL, O_EACH }, { "script", required_argument, NULL, O_SCRIPT },
        { "jobs", required_argument, NULL, 'j' }, { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
    };
    char **outs = xcalloc((size_t)argc + 1, sizeof *outs);
    size_t nout = 0;
    const char *metric = NULL, *applicant = NULL, *parts = NULL, *script = NULL;
    struct series_filter filter = { 0 };
    struct chart ch = { .lang = LANG_ZH };
    enum series_by by = BY_BODY;
    bool each = false, quiet = false;
    long jobs = default_jobs();
    int rc = EXIT_OK, c;
    optind = 1;
    while (rc == EXIT_OK && (c = getopt_long(argc, argv, "o:m:a:p:b:y:j:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o': outs[nout++] = optarg; break;
        case 'm': metric = optarg; break;
        case 'a': applicant = optarg; break;
        case 'p': parts = optarg; break;
        case 'b': {
            int b = series_by_find(optarg);
            if (b < 0) rc = plot_usage_error("unknown series '%s' (body, county, city, province)", optarg);
            else by = (enum series_by)b;
            break;
        }
        case O_PROVINCE: filter.province = optarg; break;
        case O_CITY: filter.city = optarg; break;
        case O_COUNTY: filter.county = optarg; break;
        case O_BODY: filter.body = optarg; break;
        case O_MATCH: filter.match = optarg; break;
        case O_SCOPE:
            if (strcmp(optarg, "body") && strcmp(optarg, "aggregate"))
                rc = plot_usage_error("unknown scope '%s' (body, aggregate)", optarg);
            filter.scope = optarg;
            break;
        case O_YEARS:
            if (!parse_years(optarg, &filter.year_from, &filter.year_to))
                rc = plot_usage_error("invalid years '%s' (FROM-TO, e.g. 2014-2025)", optarg);
            break;
        case 'y':
            if (!parse_int_range(optarg, 1900, 2100, &ch.year)) rc = plot_usage_error("invalid year '%s'", optarg);
            break;
        case O_FIT: ch.fit = true; break;
        case O_NO_REGIMES: ch.no_regimes = true; break;
        case O_LANG:
            if (strcmp(optarg, "zh") == 0) ch.lang = LANG_ZH;
            else if (strcmp(optarg, "en") == 0) ch.lang = LANG_EN;
            else rc = plot_usage_error("unknown language '%s' (zh, en)", optarg);
            break;
        case O_FONT: ch.font = optarg; break;
        case O_SIZE: {
            char *x = strchr(optarg, 'x');
            if (x) *x = '\0';
            bool ok = x && parse_int_range(optarg, 200, 8000, &ch.width) && parse_int_range(x + 1, 150, 8000, &ch.height);
            if (x) *x = 'x';
            if (!ok) rc = plot_usage_error("invalid size '%s' (WIDTHxHEIGHT in pixels, e.g. 900x540)", optarg);
            break;
        }
        case O_TITLE: ch.title = optarg; break;
        case O_EACH: each = true; break;
        case O_SCRIPT: script = optarg; break;
        case 'j': rc = parse_jobs("plot", optarg, &jobs); break;
        case 'q': quiet = true; break;
        case 'h': usage_plot(stdout); free(outs); return EXIT_OK;
        default: try_help("plot"); rc = EXIT_USAGE; break;
        }
    }
    if (rc != EXIT_OK) { free(outs); return rc; }

    /* the kind, what to measure, where to draw */
    int kind = optind < argc ? chart_kind_find(argv[optind]) : -1;
    if (optind >= argc) rc = plot_usage_error("%s", "no chart kind (trend, compare, composition, heatmap, small-multiples)");
    else if (kind < 0) rc = plot_usage_error("unknown chart kind '%s' (trend, compare, composition, heatmap, small-multiples)", argv[optind]);
    else if (optind + 1 >= argc) rc = plot_usage_error("%s", "no input (give records CSV, report files, directories or -)");
    else if (!nout) rc = plot_usage_error("%s", "no output (-o CHART.svg, .png or .pdf)");
    const struct chart_kind *k = kind >= 0 ? &CHART_KINDS[kind] : NULL;
    int ap = -1;
    if (rc == EXIT_OK && applicant && (ap = reg_applicant_find(applicant)) < 0)
        rc = plot_usage_error("unknown applicant '%s' (natural, org_business, ..., total)", applicant);
    struct measure m;
    if (rc == EXIT_OK && (k->flags & CKF_METRIC)) {
        int mi = metric ? reg_metric_find(metric) : -1;
        if (!metric) rc = plot_usage_error("%s needs a metric (-m ID; ogistat metrics lists them)", k->name);
        else if (mi < 0) rc = plot_usage_error("unknown metric '%s' (ogistat metrics lists them)", metric);
        else if (measure_metric(&m, mi, ap) != 0)
            rc = plot_usage_error(REG_METRICS[mi].applicant_dim ? "metric '%s' needs an applicant column, not '-'"
                                                                : "metric '%s' has no applicant columns", metric);
    }
    if (rc == EXIT_OK && (k->flags & CKF_PARTS)) {
        int pk = parts ? parts_find(parts) : -1;
        if (!parts) rc = plot_usage_error("%s needs --parts (outcomes, reasons)", k->name);
        else if (pk < 0) rc = plot_usage_error("unknown parts '%s' (outcomes, reasons)", parts);
        else if (ap == AP_NONE) rc = plot_usage_error("%s", "--parts needs an applicant column, not '-'");
        else measure_parts(&m, (enum parts_kind)pk, ap);
    }
    if (rc == EXIT_OK && metric && !(k->flags & CKF_METRIC)) rc = plot_usage_error("%s takes --parts, not --metric", k->name);
    if (rc == EXIT_OK && parts && !(k->flags & CKF_PARTS)) rc = plot_usage_error("%s takes --metric, not --parts", k->name);
    if (rc == EXIT_OK && each && !(k->flags & CKF_EACH)) rc = plot_usage_error("--each is for trend and composition, not %s", k->name);
    for (size_t i = 0; rc == EXIT_OK && i < nout; i++) {
        if (chart_term_of_path(outs[i]) < 0)
            rc = plot_usage_error("output '%s': give a file name ending in .svg, .png or .pdf", outs[i]);
        for (const char *q = outs[i]; rc == EXIT_OK && *q; q++)
            if ((unsigned char)*q < 0x20) rc = plot_usage_error("output '%s': control characters in the name", outs[i]);
    }
    if (rc != EXIT_OK) { free(outs); return rc; }
    ch.kind = (enum chart_kind_id)kind;
    ch.within = filter.county ? filter.county : filter.city ? filter.city : filter.province;
    ch.m = &m;
    ch.by = by;

    /* the data */
    struct diag d;
    diag_init(&d);
    struct plot_ctx ctx = { .set = series_set_new(&m, by, &filter) };
    int in_rc = recin_run(argv + optind + 1, (size_t)(argc - optind - 1), (int)jobs, plot_emit, &ctx, &d);
    struct stable *t = series_set_finish(ctx.set, &d);
    if (t && (k->flags & CKF_DROP_EMPTY)) {
        size_t dropped = stable_drop_empty(t);
        if (dropped) diag_add(&d, DIAG_NOTE, NULL, 0, "%zu series without a value of %s left out", dropped, m.label[LANG_EN]);
        if (!t->nrow) {
            diag_add(&d, DIAG_ERROR, NULL, 0, "no values of %s in the input", m.label[LANG_EN]);
            stable_free(t);
            t = NULL;
        }
    }
    if (quiet) {
        size_t j = 0;
        for (size_t i = 0; i < d.n; i++) {
            if (d.v[i].level == DIAG_NOTE) free(d.v[i].text);
            else d.v[j++] = d.v[i];
        }
        d.n = j;
    }
    diag_flush(&d, stderr);
    if (in_rc == 3 || !t) {
        free(outs);
        stable_free(t);
        return in_rc == 3 ? EXIT_IO : EXIT_DATA;
    }
    rc = in_rc || ctx.any_failed ? EXIT_DATA : EXIT_OK;

    /* Chinese text needs a font with Chinese glyphs: gnuplot would draw boxes */
    bool cjk = ch.lang == LANG_ZH || !ascii_only(ch.title);
    for (size_t r = 0; r < t->nrow && !cjk; r++) cjk = !ascii_only(t->name[r]);
    char family[128];
    if (cjk && !chart_cjk_font(family, sizeof family)) {
        fprintf(stderr, "ogistat: plot: no font with Chinese glyphs is installed (fontconfig finds none for zh-cn); "
                        "install fonts-noto-cjk or fonts-wqy-microhei (scripts/setup.sh does)\n");
        free(outs);
        stable_free(t);
        return EXIT_IO;
    }

    /* the charts: one gnuplot for all */
    struct ofile sf = { 0 };
    if (script && ofile_open(&sf, script) != 0) {
        fprintf(stderr, "ogistat: %s: cannot write: %s\n", script, strerror(errno));
        free(outs);
        stable_free(t);
        return EXIT_IO;
    }
    struct chart_session *s;
    int src = chart_session_open(&s, script ? sf.fp : NULL, &d);
    size_t ncharts = each ? t->nrow : 1;
    char ***names = xcalloc(ncharts, sizeof *names);
    int worst = 0;
    for (size_t i = 0; src == 0 && i < ncharts; i++) {
        struct stable *one = each ? stable_row(t, i) : t;
        names[i] = xcalloc(nout + 1, sizeof **names);
        for (size_t o = 0; o < nout; o++) names[i][o] = each ? each_name(outs[o], i) : xstrdup(outs[o]);
        ch.t = one;
        int arc = chart_session_add(s, &ch, names[i], nout, &d);
        if (arc == 1) worst = worst ? worst : 1;
        if (arc == 3) worst = 3;
        if (each) stable_free(one);
        diag_flush(&d, stderr);
        if (arc == 3) break;
    }
    if (src == 0) {
        int crc = chart_session_close(s, &d);
        if (crc) worst = 3;
    } else {
        worst = 3;
    }
    diag_flush(&d, stderr);
    if (script && ofile_commit(&sf) != 0) {
        fprintf(stderr, "ogistat: %s: write error: %s\n", script, strerror(errno));
        worst = 3;
    }
    if (each) {                              /* which file is which series */
        struct csvw *w = csvw_new(stdout, 0);
        csvw_fieldz(w, "file");
        csvw_fieldz(w, "series");
        csvw_endrow(w);
        for (size_t i = 0; i < ncharts && names[i]; i++)
            for (size_t o = 0; o < nout; o++) {
                struct stat st;
                if (stat(names[i][o], &st) != 0) continue;
                csvw_fieldz(w, names[i][o]);
                csvw_fieldz(w, t->name[i]);
                csvw_endrow(w);
            }
        if (csvw_free(w) != 0) worst = 3;
    }
    for (size_t i = 0; i < ncharts; i++) {
        for (size_t o = 0; names[i] && o < nout; o++) free(names[i][o]);
        free(names[i]);
    }
    free(names);
    free(outs);
    stable_free(t);
    if (worst == 3) return EXIT_IO;
    return worst || rc ? EXIT_DATA : EXIT_OK;
}

/* ==== dispatch ==== */

static const struct cmd CMDS[] = {
    { .name = "parse", .run = cmd_parse, .usage = usage_parse,
      .summary = "extract records from reports (CSV, long or wide)" },
    { .name = "check", .run = cmd_check, .usage = usage_check,
      .summary = "check reports against their forms' arithmetic (identities, across years)" },
    { .name = "metrics", .run = cmd_metrics, .usage = usage_metrics,
      .summary = "list the metric registry (ids, units, labels)" },
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
