/* report.c - `ogistat report`: parse, check, aggregate and chart a folder of reports in one
 * run, into one output directory with an index.html.
 *
 * Everything is written into a fresh temporary directory beside DIR; only when every
 * step has succeeded does it take DIR's place (renameat2 RENAME_EXCHANGE when DIR exists,
 * so readers see the old or the new outputs, never a mixture), and the old outputs are
 * removed. A failure midway removes the temporary directory and leaves DIR as it was.
 * The steps reuse the commands (check, summary, trend, compare, plot) on the records
 * parsed once here.
 */
#define _GNU_SOURCE
#include "ogistat/cli.h"
#include "ogistat/commands.h"
#include "ogistat/csvio.h"
#include "ogistat/exit.h"
#include "ogistat/output.h"
#include "ogistat/parse.h"
#include "ogistat/util.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void usage_report(FILE *fp)
{
    fputs("Usage: ogistat report [OPTION]... -o DIR INPUT...\n"
          "Parse, check, aggregate and chart reports in one run. DIR receives:\n"
          "  records.csv, records-wide.csv   the records (long and wide, as `ogistat parse` writes them)\n"
          "  checks.txt, checks.csv          the identity checks (as `ogistat check`)\n"
          "  summary.{csv,md,tex}            descriptive table by year (h_received, h_decided and rates)\n"
          "  trend.csv, trend-years.csv      trends per body (OLS, Mann-Kendall, Theil-Sen) and the series\n"
          "  compare.csv, compare-test.csv   the bodies of one unit in the latest year with several\n"
          "  *.svg, *.png                    the standard charts (when gnuplot and a CJK font are installed)\n"
          "  index.html                      all of it on one page, with links to the files\n"
          "\n"
          "DIR is replaced only when every step succeeded: the outputs are written to a temporary\n"
          "directory beside it and swapped in at the end; a failure leaves the previous outputs intact.\n"
          "\n"
          "Options:\n"
          "  -o, --output=DIR   the output directory (required)\n"
          "  -j, --jobs=N       parse N files in parallel (default: number of cores)\n"
          "      --min-den=N    smallest denominator for which a rate is computed (default 10)\n"
          "  -q, --quiet        no progress and no per-report notes (errors are still printed)\n"
          "  -h, --help         show this help\n"
          "\n"
          "A progress line (files done / total, reports per second) is shown on standard error when\n"
          "it is a terminal.\n"
          "\n"
          "Example:\n"
          "  ogistat report -o out/report data/reports\n"
          "\n"
          "Exit status:\n"
          "  0  success\n"
          "  1  some input could not be read or parsed, or was flagged by check\n"
          "  2  usage error\n"
          "  3  I/O or system error (DIR is then left as it was)\n",
          fp);
}

/* ==== progress ==== */

struct progress {
    bool on;
    size_t done, total;
    struct timespec t0;
};

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void progress_show(struct progress *p, const char *stage)
{
    if (!p->on) return;
    double s = since(&p->t0);
    fprintf(stderr, "\r\033[K%s: %zu/%zu files", stage, p->done, p->total);
    if (s > 0 && p->done) fprintf(stderr, ", %.0f reports/s", (double)p->done / s);
}

static void progress_stage(struct progress *p, const char *stage)
{
    if (!p->on) return;
    fprintf(stderr, "\r\033[K%s ...", stage);
}

static void progress_end(struct progress *p)
{
    if (p->on) fputs("\r\033[K", stderr);
}

/* ==== step 1: parse once, write long and wide records ==== */

/* A body's report as the comparison step needs it: its city, county and year. Only
 * reports that name a city and are not aggregates (which are not compared) are kept. */
struct unit_seen {
    char *city, *county;
    int year;
    size_t order;               /* input order: the first city wins a tie */
};

struct parse_step {
    struct out_writer *lw, *ww;
    struct progress *prog;
    bool quiet, any_failed;
    struct unit_seen *units;
    size_t nunits, cap;
};

static int emit_both(struct report *r, void *arg)
{
    struct parse_step *s = arg;
    if (r->failed || r->diag.worst == DIAG_ERROR) s->any_failed = true;
    if (s->prog->on && r->diag.worst == DIAG_ERROR) fputs("\r\033[K", stderr);   /* not over the progress line */
    report_notes(r, s->quiet || s->prog->on);
    if (!r->failed) {
        out_report(s->lw, r);
        out_report(s->ww, r);
        if (r->year && r->body && r->city && !(r->scope && strcmp(r->scope, "aggregate") == 0)) {
            if (s->nunits == s->cap) {
                s->cap = s->cap ? 2 * s->cap : 64;
                s->units = xrealloc(s->units, s->cap * sizeof *s->units);
            }
            s->units[s->nunits] = (struct unit_seen){ .city = xstrdup(r->city), .year = r->year, .order = s->nunits,
                                                      .county = r->county ? xstrdup(r->county) : NULL };
            s->nunits++;
        }
    }
    s->prog->done++;
    progress_show(s->prog, "parse");
    return 0;
}

/* ==== files in the temporary directory ==== */

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static void rm_tree(const char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Run a command in-process on argv (a NULL-terminated list of strings, copied: option
 * parsers may write into their arguments). */
static int run(int (*cmd)(int, char **), ...)
{
    char *argv[64];
    int argc = 0;
    va_list ap;
    va_start(ap, cmd);
    for (const char *a; argc < 63 && (a = va_arg(ap, const char *)) != NULL;) argv[argc++] = xstrdup(a);
    va_end(ap);
    argv[argc] = NULL;
    int rc = cmd(argc, argv);
    for (int i = 0; i < argc; i++) free(argv[i]);
    return rc;
}

/* ==== step: choose the unit to compare ==== */

static int strcmp_null(const char *a, const char *b)
{
    return !a || !b ? (a != NULL) - (b != NULL) : strcmp(a, b);
}

/* by year, city, county */
static int unit_cmp(const void *pa, const void *pb)
{
    const struct unit_seen *a = pa, *b = pb;
    if (a->year != b->year) return a->year < b->year ? -1 : 1;
    int c = strcmp(a->city, b->city);
    return c ? c : strcmp_null(a->county, b->county);
}

/* The city and year with the most bodies that are not aggregates (the latest year on a
 * tie, then the city met first), at least two: that is the comparison worth showing.
 * Counties are compared when the city has two or more of them that year, else the bodies.
 * Returns false if there is none. Sorts s->units. */
static bool pick_compare(struct parse_step *s, int *year, const char **city, bool *by_body)
{
    if (s->nunits > 1) qsort(s->units, s->nunits, sizeof *s->units, unit_cmp);
    size_t best = 1, best_order = 0;
    bool found = false;
    for (size_t i = 0, j; i < s->nunits; i = j) {
        const struct unit_seen *u = &s->units[i];
        size_t counties = 0, order = u->order;
        for (j = i; j < s->nunits && s->units[j].year == u->year && strcmp(s->units[j].city, u->city) == 0; j++) {
            const struct unit_seen *v = &s->units[j];
            counties += v->county && (j == i || strcmp_null(v->county, s->units[j - 1].county) != 0);
            if (v->order < order) order = v->order;
        }
        size_t bodies = j - i;
        if (bodies > best || (bodies == best && found && (u->year > *year || (u->year == *year && order < best_order)))) {
            best = bodies;
            best_order = order;
            found = true;
            *year = u->year;
            *city = u->city;
            *by_body = counties < 2;
        }
    }
    return found;
}

/* ==== index.html ==== */

static void html_text(FILE *fp, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        default: fputc(*s, fp);
        }
    }
}

struct html_table {
    FILE *fp;
    bool head_done;
};

static int table_row(void *ctx, size_t nf, char **f, const size_t *lens, long rowno, long line)
{
    (void)lens;
    (void)rowno;
    (void)line;
    struct html_table *t = ctx;
    const char *cell = t->head_done ? "td" : "th";
    fputs("<tr>", t->fp);
    for (size_t i = 0; i < nf; i++) {
        fprintf(t->fp, "<%s>", cell);
        html_text(t->fp, f[i]);
        fprintf(t->fp, "</%s>", cell);
    }
    fputs("</tr>\n", t->fp);
    t->head_done = true;
    return 0;
}

/* A CSV of the report directory as an HTML table (nothing when the file is absent). */
static void html_csv_table(FILE *fp, const char *dir, const char *name, struct diag *d)
{
    char *p = path_in(dir, name);
    FILE *in = fopen(p, "rb");
    if (in) {
        struct html_table t = { .fp = fp };
        fputs("<table>\n", fp);
        csvr_read(in, p, table_row, &t, d);
        fputs("</table>\n", fp);
        fclose(in);
    }
    free(p);
}

static bool exists(const char *dir, const char *name)
{
    char *p = path_in(dir, name);
    struct stat st;
    bool ok = stat(p, &st) == 0 && st.st_size > 0;
    free(p);
    return ok;
}

/* The last line of checks.txt: the summary over all reports. */
static void html_check_summary(FILE *fp, const char *dir)
{
    char *p = path_in(dir, "checks.txt");
    FILE *in = fopen(p, "r");
    free(p);
    if (!in) return;
    char line[1024], last[1024] = "";
    while (fgets(line, sizeof line, in))
        if (line[0] != '\n') snprintf(last, sizeof last, "%s", line);
    fclose(in);
    fputs("<p class=\"summary\">", fp);
    html_text(fp, last);
    fputs("</p>\n", fp);
}

struct chart_ref {
    const char *base, *caption;
};

static int write_index(const char *dir, const struct chart_ref *charts, size_t ncharts, const char *compare_caption,
                       size_t nreports, struct diag *d)
{
    char *p = path_in(dir, "index.html");
    FILE *fp = fopen(p, "w");
    if (!fp) {
        diag_add(d, DIAG_ERROR, p, 0, "cannot write: %s", strerror(errno));
        free(p);
        return EXIT_IO;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>ogistat report</title>\n<style>\n"
          "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;margin:2em auto;max-width:70em;"
          "padding:0 1em;color:#222}\n"
          "table{border-collapse:collapse;font-size:90%;margin:1em 0}\n"
          "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}\nth{background:#f3f3f3}\n"
          "td:first-child,th:first-child{text-align:left}\n"
          "figure{display:inline-block;margin:1em 1em 1em 0}\nfigure img{max-width:100%;border:1px solid #eee}\n"
          ".summary{font-family:monospace}\n</style>\n</head>\n<body>\n", fp);
    fprintf(fp, "<h1>ogistat report</h1>\n<p>%zu reports parsed. Files: ", nreports);
    static const char *const files[] = { "records.csv", "records-wide.csv", "checks.txt", "checks.csv",
                                         "summary.csv", "summary.md", "summary.tex", "trend.csv",
                                         "trend-years.csv", "compare.csv", "compare-test.csv" };
    for (size_t i = 0; i < ARRAY_LEN(files); i++)
        if (exists(dir, files[i])) fprintf(fp, "<a href=\"%s\">%s</a> ", files[i], files[i]);
    fputs("</p>\n<h2>Charts</h2>\n", fp);
    size_t shown = 0;
    for (size_t i = 0; i < ncharts; i++) {
        char png[256], svg[256];
        snprintf(png, sizeof png, "%s.png", charts[i].base);
        snprintf(svg, sizeof svg, "%s.svg", charts[i].base);
        if (!exists(dir, png)) continue;
        fprintf(fp, "<figure><a href=\"%s\"><img src=\"%s\" alt=\"", svg, png);
        html_text(fp, charts[i].caption);
        fputs("\"></a><figcaption>", fp);
        html_text(fp, charts[i].caption);
        fprintf(fp, " (<a href=\"%s\">SVG</a>)</figcaption></figure>\n", svg);
        shown++;
    }
    if (!shown) fputs("<p>No charts: gnuplot or a CJK font is not installed (scripts/setup.sh installs both).</p>\n", fp);
    fputs("<h2>Checks</h2>\n", fp);
    html_check_summary(fp, dir);
    fputs("<p>Every finding, with file, line and the report's own labels: <a href=\"checks.txt\">checks.txt</a>.</p>\n", fp);
    fputs("<h2>Summary by year</h2>\n", fp);
    html_csv_table(fp, dir, "summary.csv", d);
    fputs("<h2>Trends per body</h2>\n", fp);
    html_csv_table(fp, dir, "trend.csv", d);
    if (compare_caption) {
        fputs("<h2>", fp);
        html_text(fp, compare_caption);
        fputs("</h2>\n", fp);
        html_csv_table(fp, dir, "compare.csv", d);
        html_csv_table(fp, dir, "compare-test.csv", d);
    }
    fputs("<p><small>Made by ogistat. Rates are not computed below the minimum denominator; "
          "blank and NA cells are never read as 0.</small></p>\n</body>\n</html>\n", fp);
    int bad = ferror(fp);
    if (fclose(fp) != 0) bad = 1;
    if (bad) diag_add(d, DIAG_ERROR, p, 0, "write error: %s", strerror(errno ? errno : EIO));
    free(p);
    return bad ? EXIT_IO : EXIT_OK;
}

/* The standard charts (file base names; drawn in cmd_report). */
static const struct chart_ref CHARTS[] = {
    { .base = "trend-received", .caption = "Applications received per year, by county (h_received)" },
    { .base = "trend-disclosure", .caption = "Disclosure rate per year, by county (%)" },
    { .base = "compare-received", .caption = "Applications received: the bodies of one unit in one year" },
    { .base = "composition-reasons", .caption = "Refusals by reason (不予公开), the same bodies" },
};

/* ==== the command ==== */

static int worst(int a, int b)
{
    if (a == EXIT_IO || b == EXIT_IO) return EXIT_IO;
    if (a == EXIT_USAGE || b == EXIT_USAGE) return EXIT_USAGE;
    return a > b ? a : b;
}

/* Put tmp in DIR's place. Returns 0, or -1 with errno. */
static int swap_in(const char *tmp, const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0) return rename(tmp, dir);
    if (!S_ISDIR(st.st_mode)) { errno = ENOTDIR; return -1; }
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) != 0) return -1;
    rm_tree(tmp);                                  /* now holds the previous outputs */
    return 0;
}

int cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' },
        { "jobs", required_argument, NULL, 'j' },
        { "min-den", required_argument, NULL, 'm' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *dir = NULL, *min_den = "10";
    long jobs = default_jobs();
    bool quiet = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o': dir = optarg; break;
        case 'j':
            if (parse_jobs("report", optarg, &jobs) != EXIT_OK) return EXIT_USAGE;
            break;
        case 'm': min_den = optarg; break;
        case 'q': quiet = true; break;
        case 'h': usage_report(stdout); return EXIT_OK;
        default: try_help("report"); return EXIT_USAGE;
        }
    }
    if (!dir || optind >= argc) {
        fprintf(stderr, "ogistat: report: %s\n", !dir ? "no output directory (give -o DIR)" : "no input");
        try_help("report");
        return EXIT_USAGE;
    }
    char **inputs = argv + optind;
    size_t ninputs = (size_t)(argc - optind);

    /* the temporary directory, beside DIR so that the final rename stays on one file system */
    size_t dn = strlen(dir);
    while (dn > 1 && dir[dn - 1] == '/') dn--;
    char *target = xstrndup(dir, dn);
    char *tmp = xmalloc(dn + 16);
    snprintf(tmp, dn + 16, "%s.tmp-XXXXXX", target);
    if (!mkdtemp(tmp)) {
        fprintf(stderr, "ogistat: %s: cannot create a directory beside it: %s\n", target, strerror(errno));
        free(tmp);
        free(target);
        return EXIT_IO;
    }
    chmod(tmp, 0777 & ~(mode_t)umask(umask(0)));

    struct diag d;
    diag_init(&d);
    struct progress prog = { .on = !quiet && isatty(STDERR_FILENO) };
    clock_gettime(CLOCK_MONOTONIC, &prog.t0);
    int rc = EXIT_OK;

    /* 1. records */
    char **files;
    size_t nfiles;
    if (parse_collect(inputs, ninputs, &files, &nfiles, &d) != 0) rc = EXIT_DATA;
    diag_flush(&d, stderr);
    prog.total = nfiles;
    char *rec = path_in(tmp, "records.csv"), *wide = path_in(tmp, "records-wide.csv");
    FILE *lf = fopen(rec, "w"), *wf = fopen(wide, "w");
    struct parse_step ps = { .prog = &prog, .quiet = quiet };
    if (!lf || !wf) {
        fprintf(stderr, "ogistat: %s: cannot write: %s\n", tmp, strerror(errno));
        rc = EXIT_IO;
    } else {
        ps.lw = out_new(lf, OUT_LONG, 0);
        ps.ww = out_new(wf, OUT_WIDE, 0);
        int prc = parse_run(files, nfiles, (int)jobs, emit_both, &ps, &d);
        diag_flush(&d, stderr);
        if (prc == 3) rc = EXIT_IO;
        if (out_free(ps.lw) != 0 || out_free(ps.ww) != 0) rc = EXIT_IO;
        if (ps.any_failed) rc = worst(rc, EXIT_DATA);
    }
    if (lf && fclose(lf) != 0) rc = EXIT_IO;
    if (wf && fclose(wf) != 0) rc = EXIT_IO;
    parse_files_free(files, nfiles);
    if (rc == EXIT_IO) progress_end(&prog);

    /* 2.-5. the other commands, on the raw inputs (check) or the records */
    char jbuf[24];
    snprintf(jbuf, sizeof jbuf, "%ld", jobs);
    char *out[12];
    static const char *const names[] = { "checks.txt", "checks.csv", "summary.csv", "summary.md", "summary.tex",
                                         "trend.csv", "trend-years.csv", "compare.csv", "compare-test.csv" };
    for (size_t i = 0; i < ARRAY_LEN(names); i++) out[i] = path_in(tmp, names[i]);
    const char *items_m = "h_received,h_decided";
    const char *items_i = "disclosure_rate,refusal_rate_strict,not_held_rate,review_rate";
    const char *compare_caption = NULL;
    char capbuf[256];
    if (rc != EXIT_IO) {
        progress_stage(&prog, "check");
        /* check's FAILs are content of the report, and flag the run (exit 1) as `check` does */
        char **cargv = xmalloc((ninputs + 10) * sizeof *cargv);
        const char *fixed[] = { "check", "-q", "-j", jbuf, "-o", out[0], "--csv", out[1] };
        size_t k = 0;
        for (size_t i = 0; i < ARRAY_LEN(fixed); i++) cargv[k++] = (char *)fixed[i];
        for (size_t i = 0; i < ninputs; i++) cargv[k++] = inputs[i];
        cargv[k] = NULL;
        rc = worst(rc, cmd_check((int)k, cargv));
        free(cargv);
        progress_stage(&prog, "summary");
        static const char *const fmts[] = { "csv", "md", "latex" };
        for (size_t i = 0; i < 3 && rc != EXIT_IO; i++) {
            char fbuf[32];
            snprintf(fbuf, sizeof fbuf, "--format=%s", fmts[i]);
            int src = run(cmd_summary, "summary", "-q", "--by=year", "-m", items_m, "-i", items_i, "--min-den", min_den,
                          fbuf, "-o", out[2 + i], rec, (const char *)NULL);
            if (src == EXIT_IO) rc = EXIT_IO;
        }
        progress_stage(&prog, "trend");
        if (rc != EXIT_IO && run(cmd_trend, "trend", "-q", "--by=body", "-m", "h_received", "--min-den", min_den, "-o",
                                 out[5], rec, (const char *)NULL) == EXIT_IO)
            rc = EXIT_IO;
        if (rc != EXIT_IO && run(cmd_trend, "trend", "-q", "--by=body", "-m", "h_received", "--table=years", "-o",
                                 out[6], rec, (const char *)NULL) == EXIT_IO)
            rc = EXIT_IO;
        int cy = 0;
        const char *city = NULL;
        bool by_body = true;
        if (rc != EXIT_IO && pick_compare(&ps, &cy, &city, &by_body)) {
            progress_stage(&prog, "compare");
            char ybuf[16];
            snprintf(ybuf, sizeof ybuf, "%d", cy);
            const char *by = by_body ? "--by=body" : "--by=county";
            if (run(cmd_compare, "compare", "-q", "--within", city, "--year", ybuf, by, "--where=scope!=aggregate", "-m",
                    "h_received", "-o", out[7], rec, (const char *)NULL) == EXIT_IO ||
                run(cmd_compare, "compare", "-q", "--within", city, "--year", ybuf, by, "--where=scope!=aggregate",
                    "--table=test", "-o", out[8], rec, (const char *)NULL) == EXIT_IO)
                rc = EXIT_IO;
            snprintf(capbuf, sizeof capbuf, "%s %d: the %s side by side", city, cy, by_body ? "bodies" : "counties");
            compare_caption = capbuf;
        }

        /* the standard charts, each as SVG and PNG; a chart that cannot be drawn (no
         * gnuplot, no CJK font) is said on stderr and left out, the rest of the report stays */
        progress_stage(&prog, "charts");
        char ybuf[16];
        snprintf(ybuf, sizeof ybuf, "%d", cy);
        const char *by = by_body ? "--by=body" : "--by=county";
        char *chart_out[ARRAY_LEN(CHARTS) * 2];
        for (size_t i = 0; i < ARRAY_LEN(CHARTS); i++) {
            char nb[64];
            snprintf(nb, sizeof nb, "%s.svg", CHARTS[i].base);
            chart_out[2 * i] = path_in(tmp, nb);
            snprintf(nb, sizeof nb, "%s.png", CHARTS[i].base);
            chart_out[2 * i + 1] = path_in(tmp, nb);
        }
        int prc[ARRAY_LEN(CHARTS)];
        prc[0] = run(cmd_plot, "plot", "trend", "-q", "--by=county", "-m", "h_received", "-o", chart_out[0], "-o",
                     chart_out[1], rec, (const char *)NULL);
        prc[1] = run(cmd_plot, "plot", "trend", "-q", "--by=county", "--indicator", "disclosure_rate", "-o", chart_out[2],
                     "-o", chart_out[3], rec, (const char *)NULL);
        bool have_cmp = compare_caption != NULL;
        prc[2] = have_cmp ? run(cmd_plot, "plot", "compare", "-q", by, "--city", city, "--year", ybuf, "-m", "h_received",
                                "-o", chart_out[4], "-o", chart_out[5], rec, (const char *)NULL)
                          : EXIT_DATA;
        prc[3] = have_cmp ? run(cmd_plot, "plot", "composition", "-q", by, "--city", city, "--year", ybuf, "--parts",
                                "reasons", "-o", chart_out[6], "-o", chart_out[7], rec, (const char *)NULL)
                          : EXIT_DATA;
        for (size_t i = 0; i < ARRAY_LEN(CHARTS); i++) {
            if (prc[i] != EXIT_OK && (i < 2 || have_cmp)) rc = worst(rc, EXIT_DATA);
            free(chart_out[2 * i]);
            free(chart_out[2 * i + 1]);
        }
    }

    /* 6. index.html */
    if (rc != EXIT_IO) {
        progress_stage(&prog, "index.html");
        rc = worst(rc, write_index(tmp, CHARTS, ARRAY_LEN(CHARTS), compare_caption, prog.done, &d));
        diag_flush(&d, stderr);
    }
    progress_end(&prog);

    /* 7. swap in, or leave DIR alone */
    if (rc == EXIT_IO) {
        rm_tree(tmp);
        fprintf(stderr, "ogistat: report: %s left as it was\n", target);
    } else if (swap_in(tmp, target) != 0) {
        fprintf(stderr, "ogistat: %s: cannot replace it: %s\n", target, strerror(errno));
        rm_tree(tmp);
        rc = EXIT_IO;
    } else if (!quiet) {
        fprintf(stderr, "report: %zu reports in %.2f s; open %s/index.html\n", prog.done, since(&prog.t0), target);
    }
    for (size_t i = 0; i < ARRAY_LEN(names); i++) free(out[i]);
    for (size_t i = 0; i < ps.nunits; i++) {
        free(ps.units[i].city);
        free(ps.units[i].county);
    }
    free(ps.units);
    free(rec);
    free(wide);
    free(tmp);
    free(target);
    diag_free(&d);
    return rc;
}
