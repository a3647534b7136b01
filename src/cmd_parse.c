/* cmd_parse.c - ogistat parse. */
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

/* ==== parse ==== */

void usage_parse(FILE *fp)
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
    report_notes(r, c->quiet);
    if (!r->failed) out_report(c->out, r);
    return 0;
}

int cmd_parse(int argc, char **argv)
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

