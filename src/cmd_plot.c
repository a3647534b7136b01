/* cmd_plot.c - `ogistat plot`: charts of records through gnuplot (series.c builds the
 * series tables, chart.c writes the scripts and runs gnuplot). */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/chart.h"
#include "ogistat/cli.h"
#include "ogistat/commands.h"
#include "ogistat/csvio.h"
#include "ogistat/exit.h"
#include "ogistat/harmonize.h"
#include "ogistat/output.h"
#include "ogistat/recin.h"
#include "ogistat/registry.h"
#include "ogistat/series.h"
#include "ogistat/util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void usage_plot(FILE *fp)
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
          "  -m, --metric=ID      a metric of the registry (ogistat metrics), or a harmonized\n"
          "                       h_* id, comparable across the templates (ogistat indicators)\n"
          "      --indicator=ID   an indicator (ogistat indicators): rates in per cent, not drawn\n"
          "                       where the denominator is below 10\n"
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
          "  ogistat plot trend --indicator disclosure_rate --match 平潭 records.csv -o rate.png\n"
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

int cmd_plot(int argc, char **argv)
{
    enum { O_PROVINCE = 256, O_CITY, O_COUNTY, O_BODY, O_SCOPE, O_YEARS, O_FIT, O_NO_REGIMES, O_LANG, O_FONT,
           O_SIZE, O_TITLE, O_EACH, O_SCRIPT, O_MATCH, O_INDICATOR };
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' }, { "metric", required_argument, NULL, 'm' },
        { "applicant", required_argument, NULL, 'a' }, { "parts", required_argument, NULL, 'p' },
        { "by", required_argument, NULL, 'b' }, { "province", required_argument, NULL, O_PROVINCE },
        { "city", required_argument, NULL, O_CITY }, { "county", required_argument, NULL, O_COUNTY },
        { "body", required_argument, NULL, O_BODY }, { "scope", required_argument, NULL, O_SCOPE },
        { "match", required_argument, NULL, O_MATCH }, { "indicator", required_argument, NULL, O_INDICATOR },
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
    const char *metric = NULL, *applicant = NULL, *parts = NULL, *script = NULL, *indicator = NULL;
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
        case O_INDICATOR: indicator = optarg; break;
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
    if (rc == EXIT_OK && (k->flags & CKF_METRIC) && indicator) {
        int ii = ind_find(indicator);
        if (metric) rc = plot_usage_error("%s", "give -m or --indicator, not both");
        else if (ii < 0) rc = plot_usage_error("unknown indicator '%s' (ogistat indicators lists them)", indicator);
        else measure_indicator(&m, ii);
    } else if (rc == EXIT_OK && (k->flags & CKF_METRIC)) {
        int mi = metric ? reg_metric_find(metric) : -1, hi = metric ? harm_find(metric) : -1;
        if (!metric) rc = plot_usage_error("%s needs a metric (-m ID) or --indicator ID", k->name);
        else if (hi >= 0) measure_harmonized(&m, hi);
        else if (mi < 0) rc = plot_usage_error("unknown metric '%s' (ogistat metrics and ogistat indicators list them)", metric);
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
    if (rc == EXIT_OK && (metric || indicator) && !(k->flags & CKF_METRIC))
        rc = plot_usage_error("%s takes --parts, not --metric or --indicator", k->name);
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
