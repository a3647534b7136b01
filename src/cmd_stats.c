/* cmd_stats.c - the records commands: agg, trend, summary, compare (GSL through stats.c). */
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

/* ==== records commands: agg, trend, compare, summary, indicators ==== */

/* Options shared by the commands that work on records (flags say which a command takes). */
enum { SO_ITEMS = 1, SO_OPS = 2, SO_BY = 4, SO_WITHIN = 8, SO_TABLE = 16 };

struct stat_opts {
    int keys[K__COUNT];
    size_t nkeys;
    struct agg_item items[64];
    size_t nitems;
    int ops[OP__COUNT];
    size_t nops;
    struct agg_where where[16];
    size_t nwhere;
    double min_den;
    enum table_fmt fmt;
    const char *outpath;
    long jobs;
    int csv_flags;
    bool quiet;
    const char *within;
    int year;
    const char *table;
    const char *dist;
};

/* Split a comma list in place; calls fn on each element. Returns the first nonzero. */
static int each_csv_word(char *list, int (*fn)(const char *w, void *ctx), void *ctx)
{
    char *save = NULL;
    for (char *w = strtok_r(list, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        int rc = fn(w, ctx);
        if (rc) return rc;
    }
    return 0;
}

static int add_key(const char *w, void *ctx)
{
    struct stat_opts *o = ctx;
    int k = agg_key_find(w);
    if (k < 0 || o->nkeys >= K__COUNT) return 1;
    for (size_t i = 0; i < o->nkeys; i++)
        if (o->keys[i] == k) return 0;
    o->keys[o->nkeys++] = k;
    return 0;
}

static int add_op(const char *w, void *ctx)
{
    struct stat_opts *o = ctx;
    int op = agg_op_find(w);
    if (op < 0 || o->nops >= OP__COUNT) return 1;
    o->ops[o->nops++] = op;
    return 0;
}

static int add_metric(const char *w, void *ctx)
{
    struct stat_opts *o = ctx;
    struct agg_item it;
    if (agg_item_parse(w, &it) != 0 || it.kind == ITEM_IND || o->nitems >= ARRAY_LEN(o->items)) return 1;
    o->items[o->nitems++] = it;
    return 0;
}

static int add_indicator(const char *w, void *ctx)
{
    struct stat_opts *o = ctx;
    struct agg_item it;
    if (agg_item_parse(w, &it) != 0 || it.kind != ITEM_IND || o->nitems >= ARRAY_LEN(o->items)) return 1;
    o->items[o->nitems++] = it;
    return 0;
}

/* Returns -1 to go on, or an exit status (help shown, usage error). */
static int parse_stat_opts(int argc, char **argv, const char *cmd, unsigned flags, void (*usage)(FILE *),
                           struct stat_opts *o)
{
    static const struct option opts[] = {
        { "by", required_argument, NULL, 'b' },
        { "metric", required_argument, NULL, 'm' },
        { "indicator", required_argument, NULL, 'i' },
        { "op", required_argument, NULL, 'O' },
        { "where", required_argument, NULL, 'w' },
        { "min-den", required_argument, NULL, 'D' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "jobs", required_argument, NULL, 'j' },
        { "within", required_argument, NULL, 'W' },
        { "year", required_argument, NULL, 'y' },
        { "table", required_argument, NULL, 't' },
        { "dist", required_argument, NULL, 'd' },
        { "bom", no_argument, NULL, 'B' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    memset(o, 0, sizeof *o);
    o->min_den = IND_MIN_DEN_DEFAULT;
    o->jobs = default_jobs();
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "b:m:i:o:j:f:qh", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'b':
            if (!(flags & SO_BY)) return bad_opt(cmd, "option not taken", "--by");
            if (each_csv_word(optarg, add_key, o)) return bad_opt(cmd, "unknown key in --by (province, city, county, body, body_type, scope, year, regime)", optarg);
            break;
        case 'm':
            if (!(flags & SO_ITEMS)) return bad_opt(cmd, "option not taken", "--metric");
            if (each_csv_word(optarg, add_metric, o)) return bad_opt(cmd, "unknown metric (ogistat metrics; h_* ids: ogistat indicators)", optarg);
            break;
        case 'i':
            if (!(flags & SO_ITEMS)) return bad_opt(cmd, "option not taken", "--indicator");
            if (each_csv_word(optarg, add_indicator, o)) return bad_opt(cmd, "unknown indicator (ogistat indicators)", optarg);
            break;
        case 'O':
            if (!(flags & SO_OPS)) return bad_opt(cmd, "option not taken", "--op");
            if (each_csv_word(optarg, add_op, o)) return bad_opt(cmd, "unknown op (see --help)", optarg);
            break;
        case 'w': {
            char *eq = strchr(optarg, '=');
            bool neg = eq && eq > optarg && eq[-1] == '!';
            char *kend = neg ? eq - 1 : eq;
            int k = -1;
            if (eq) { char save = *kend; *kend = '\0'; k = agg_key_find(optarg); *kend = save; }
            if (k < 0 || o->nwhere >= ARRAY_LEN(o->where))
                return bad_opt(cmd, "--where needs KEY=VALUE or KEY!=VALUE, KEY one of the --by keys", optarg);
            o->where[o->nwhere++] = (struct agg_where){ .key = k, .value = eq + 1, .negate = neg };
            break;
        }
        case 'D':
            errno = 0;
            o->min_den = strtod(optarg, &end);
            if (errno || *end || end == optarg || !(o->min_den >= 0)) return bad_opt(cmd, "invalid minimum denominator", optarg);
            break;
        case 'f': {
            int f = table_fmt_find(optarg);
            if (f < 0) return bad_opt(cmd, "unknown format (csv, md, latex)", optarg);
            o->fmt = (enum table_fmt)f;
            break;
        }
        case 'o': o->outpath = optarg; break;
        case 'j':
            errno = 0;
            o->jobs = strtol(optarg, &end, 10);
            if (errno || *end || o->jobs < 1 || o->jobs > 256) return bad_opt(cmd, "invalid number of jobs (1-256)", optarg);
            break;
        case 'W':
            if (!(flags & SO_WITHIN)) return bad_opt(cmd, "option not taken", "--within");
            o->within = optarg;
            break;
        case 'y':
            if (!(flags & SO_WITHIN)) return bad_opt(cmd, "option not taken", "--year");
            errno = 0;
            o->year = (int)strtol(optarg, &end, 10);
            if (errno || *end || o->year < 1900 || o->year > 2100) return bad_opt(cmd, "invalid year", optarg);
            break;
        case 't':
            if (!(flags & SO_TABLE)) return bad_opt(cmd, "option not taken", "--table");
            o->table = optarg;
            break;
        case 'd':
            if (!(flags & SO_WITHIN)) return bad_opt(cmd, "option not taken", "--dist");
            if (strcmp(optarg, "outcome") != 0 && strcmp(optarg, "refusal") != 0) return bad_opt(cmd, "unknown distribution (outcome, refusal)", optarg);
            o->dist = optarg;
            break;
        case 'B': o->csv_flags |= CSVW_BOM; break;
        case 'q': o->quiet = true; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: try_help(cmd); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "ogistat: %s: no input (records CSV written by ogistat parse, or report files)\n", cmd);
        try_help(cmd);
        return EXIT_USAGE;
    }
    return -1;
}

static const char STAT_INPUT_HELP[] =
    "Input: records CSV written by `ogistat parse` (long or wide: files ending in .csv), or report\n"
    "files and directories (parsed first).\n"
    "Region keys (province, city, county) are empty until the region is resolved: such reports are\n"
    "grouped under '' and a note says so.\n";

static const char STAT_COMMON_HELP[] =
    "  -m, --metric=LIST    metrics (req_new, req_new.natural, ...) or harmonized ids (h_decided, ...)\n"
    "  -i, --indicator=LIST indicators (disclosure_rate, ...; ogistat indicators lists them)\n"
    "      --where=KEY=VAL  keep only reports whose KEY is VAL (KEY!=VAL: is not VAL; repeatable),\n"
    "                       e.g. --where scope=body, --where scope!=aggregate\n"
    "      --min-den=N      smallest denominator for which a rate is computed (default 10);\n"
    "                       below it the rate is empty with status 'not computed'\n"
    "  -f, --format=FMT     csv (default), md (Markdown) or latex (booktabs tabular, ready to \\input)\n"
    "  -o, --output=FILE    write to FILE (atomically)\n"
    "      --bom            CSV with a UTF-8 BOM\n"
    "  -j, --jobs=N         parse report files in N threads\n"
    "  -q, --quiet          no notes on standard error\n"
    "  -h, --help           show this help\n";

void usage_agg(FILE *fp)
{
    fputs("Usage: ogistat agg --by KEYS [--metric M...|--indicator I...] [--op OPS] INPUT...\n"
          "Aggregate records by group: one row per group and metric (or indicator).\n"
          "\n"
          "  -b, --by=KEYS        group by these keys, comma-separated:\n"
          "                       province, city, county, body, body_type, scope, year, regime\n"
          "      --op=OPS         what to compute, comma-separated (default n,sum; with indicators\n"
          "                       also ratio):\n", fp);
    for (int o = 0; o < OP__COUNT; o++) fprintf(fp, "                         %-7s %s\n", AGG_OPS[o].name, AGG_OPS[o].desc);
    fputs(STAT_COMMON_HELP, fp);
    fputs("\n"
          "Without --metric/--indicator every metric x applicant in the data is summed.\n"
          "No double counting: the same report read twice counts once; a region's aggregate report\n"
          "(scope=aggregate) replaces the reports of the same year it covers (its departments,\n"
          "counties); with year among the keys, a body that reports in another year of the group but\n"
          "not in this one makes coverage 'partial'. Never imputed: BLANK, NA and not-determined values\n"
          "are left out of sums: n says how many reports gave a value, and status is 'partial' when\n"
          "n < count. Rates: 'ratio' pools the group (sum of numerators / sum of denominators);\n"
          "mean, median, ... are over the reports' own rates. grade is the worst comparability grade\n"
          "(A-D, DOMAIN §4) of the values added.\n"
          "\n"
          "Output columns: KEYS..., item, grade, count, n, OPS..., status, coverage.\n"
          "\n", fp);
    fputs(STAT_INPUT_HELP, fp);
    fputs("\n"
          "Examples:\n"
          "  ogistat agg --by county,year records.csv\n"
          "  ogistat agg --by year --metric h_decided,h_grant_full --indicator disclosure_rate records.csv\n"
          "  ogistat agg --by body --indicator disclosure_rate --op ratio,median --where scope=body records.csv\n"
          "\n", fp);
    fputs(EXIT_HELP, fp);
}

/* Run the inputs through an agg; returns the worst input status (0, 1) or EXIT_IO. */
struct feed_ctx {
    struct agg *agg;
    struct stat_opts *o;
    struct diag *d;
    bool any_failed;
};

static int feed_report(struct report *r, void *arg)
{
    struct feed_ctx *c = arg;
    if (r->failed) c->any_failed = true;
    if (c->o->quiet) diag_free(&r->diag);
    else diag_flush(&r->diag, stderr);
    if (r->failed) return 0;
    if (c->o->within) {
        bool in = (r->city && strcmp(r->city, c->o->within) == 0) || (r->province && strcmp(r->province, c->o->within) == 0);
        if (!in || r->year != c->o->year) return 0;
    }
    agg_add(c->agg, r, c->d);
    if (!c->o->quiet) diag_flush(c->d, stderr);
    else diag_free(c->d);
    return 0;
}

static int run_agg(struct agg *a, struct stat_opts *o, char **inputs, size_t n)
{
    struct diag d;
    diag_init(&d);
    struct feed_ctx ctx = { .agg = a, .o = o, .d = &d };
    int rc = recin_run(inputs, n, (int)o->jobs, feed_report, &ctx, &d);
    agg_finish(a, &d);
    if (o->quiet) {
        for (size_t i = 0; i < d.n; i++)
            if (d.v[i].level == DIAG_ERROR) fprintf(stderr, "%s\n", d.v[i].text);
        diag_free(&d);
    } else {
        diag_flush(&d, stderr);
    }
    if (rc == 3) return EXIT_IO;
    return rc || ctx.any_failed ? EXIT_DATA : EXIT_OK;
}

static void item_label(const struct agg_item *it, char *buf, size_t sz)
{
    agg_item_name(it, buf, sz);
}

/* An output table on o->outpath. */
struct out_table {
    struct ofile of;
    struct table *t;
};

static int out_table_open(struct out_table *ot, const struct stat_opts *o, const struct table_col *cols, size_t n)
{
    if (ofile_open(&ot->of, o->outpath) != 0) {
        fprintf(stderr, "ogistat: %s: cannot write: %s\n", o->outpath, strerror(errno));
        return EXIT_IO;
    }
    ot->t = table_new(ot->of.fp, o->fmt, cols, n, o->csv_flags);
    return 0;
}

static int out_table_close(struct out_table *ot, const struct stat_opts *o, int rc)
{
    int wrc = table_free(ot->t);
    if (rc == EXIT_IO) { ofile_abort(&ot->of); return rc; }
    if (wrc != 0 || ofile_commit(&ot->of) != 0) {
        int e = errno;
        ofile_abort(&ot->of);
        fprintf(stderr, "ogistat: %s: write error: %s\n", o->outpath ? o->outpath : "standard output", strerror(e ? e : EIO));
        return EXIT_IO;
    }
    return rc;
}

/* A number for a table: round-trippable in CSV, for reading in md/latex. */
static void num_cell(char *buf, size_t sz, double v, enum table_fmt fmt, bool rate)
{
    if (fmt == TF_CSV) { table_num(buf, sz, v); return; }
    if (rate) table_num_read(buf, sz, v, 4, false);
    else table_num_read(buf, sz, v, v == floor(v) ? 0 : 2, true);
}

struct agg_print {
    struct table *t;
    const struct stat_opts *o;
    size_t ncols;
};

static int print_agg_row(const struct agg_row *row, void *arg)
{
    struct agg_print *p = arg;
    const struct stat_opts *o = p->o;
    char buf[OP__COUNT + 8][64];
    const char *cells[K__COUNT + OP__COUNT + 8];
    size_t c = 0;
    for (size_t k = 0; k < o->nkeys; k++) cells[c++] = row->keys[k];
    item_label(&row->item, buf[0], sizeof buf[0]);
    cells[c++] = buf[0];
    buf[1][0] = row->grade;
    buf[1][1] = '\0';
    cells[c++] = buf[1];
    snprintf(buf[2], sizeof buf[2], "%zu", row->count);
    cells[c++] = buf[2];
    snprintf(buf[3], sizeof buf[3], "%zu", row->n);
    cells[c++] = buf[3];
    bool rate = row->item.kind == ITEM_IND && ind_is_ratio(row->item.id);
    for (size_t i = 0; i < o->nops; i++) {
        int op = o->ops[i];
        num_cell(buf[4 + i], sizeof buf[4 + i], row->op[op], o->fmt, rate && op != OP_N && op != OP_COUNT);
        cells[c++] = buf[4 + i];
    }
    cells[c++] = row->status;
    cells[c++] = row->coverage;
    table_row(p->t, cells);
    return 0;
}

/* Drop count/n from the ops (always printed), fill the defaults. */
static void settle_ops(struct stat_opts *o)
{
    size_t k = 0;
    bool any_ratio = false;
    for (size_t i = 0; i < o->nitems; i++) any_ratio |= o->items[i].kind == ITEM_IND && ind_is_ratio(o->items[i].id);
    if (!o->nops) {
        o->ops[o->nops++] = OP_SUM;
        if (any_ratio) o->ops[o->nops++] = OP_RATIO;
    }
    for (size_t i = 0; i < o->nops; i++)
        if (o->ops[i] != OP_COUNT && o->ops[i] != OP_N) o->ops[k++] = o->ops[i];
    o->nops = k;
}

static void spec_of(const struct stat_opts *o, struct agg_spec *s)
{
    memset(s, 0, sizeof *s);
    memcpy(s->keys, o->keys, sizeof s->keys);
    s->nkeys = o->nkeys;
    s->items = o->nitems ? o->items : NULL;
    s->nitems = o->nitems;
    memcpy(s->ops, o->ops, sizeof s->ops);
    s->nops = o->nops;
    s->min_den = o->min_den;
    s->where = o->where;
    s->nwhere = o->nwhere;
}

int cmd_agg(int argc, char **argv)
{
    struct stat_opts o;
    int prc = parse_stat_opts(argc, argv, "agg", SO_ITEMS | SO_OPS | SO_BY, usage_agg, &o);
    if (prc >= 0) return prc;
    if (!o.nkeys) {
        fprintf(stderr, "ogistat: agg: --by is required\n");
        try_help("agg");
        return EXIT_USAGE;
    }
    settle_ops(&o);
    struct agg_spec spec;
    spec_of(&o, &spec);
    struct agg *a = agg_new(&spec);
    int rc = run_agg(a, &o, argv + optind, (size_t)(argc - optind));
    if (rc == EXIT_IO) { agg_free(a); return rc; }

    struct table_col cols[K__COUNT + OP__COUNT + 8];
    size_t nc = 0;
    for (size_t k = 0; k < o.nkeys; k++) cols[nc++] = (struct table_col){ AGG_KEY_NAMES[o.keys[k]], 'l' };
    cols[nc++] = (struct table_col){ "item", 'l' };
    cols[nc++] = (struct table_col){ "grade", 'l' };
    cols[nc++] = (struct table_col){ "count", 'r' };
    cols[nc++] = (struct table_col){ "n", 'r' };
    for (size_t i = 0; i < o.nops; i++) cols[nc++] = (struct table_col){ AGG_OPS[o.ops[i]].name, 'r' };
    cols[nc++] = (struct table_col){ "status", 'l' };
    cols[nc++] = (struct table_col){ "coverage", 'l' };
    struct out_table ot;
    if (out_table_open(&ot, &o, cols, nc) != 0) { agg_free(a); return EXIT_IO; }
    struct agg_print p = { .t = ot.t, .o = &o, .ncols = nc };
    agg_each(a, print_agg_row, &p);
    agg_free(a);
    return out_table_close(&ot, &o, rc);
}

/* ==== collecting agg rows per group ==== */

/* The rows of an agg run, grouped: one entry per (group, item). Key strings
 * belong to the agg, which must outlive this. */
struct grow {
    const char *const *keys;
    struct agg_item item;
    double value;               /* sum, or the pooled ratio for rates */
    size_t n, count;
    char grade;
    unsigned regimes;
    const char *status, *coverage;
    double op[OP__COUNT];
};

struct growvec {
    struct grow *v;
    size_t n, cap;
};

static int collect_row(const struct agg_row *row, void *arg)
{
    struct growvec *gv = arg;
    if (gv->n == gv->cap) {
        gv->cap = gv->cap ? 2 * gv->cap : 64;
        gv->v = xrealloc(gv->v, gv->cap * sizeof *gv->v);
    }
    struct grow *g = &gv->v[gv->n++];
    bool ratio = row->item.kind == ITEM_IND && ind_is_ratio(row->item.id);
    *g = (struct grow){ .keys = row->keys, .item = row->item, .value = ratio ? row->op[OP_RATIO] : row->op[OP_SUM],
                        .n = row->n, .count = row->count, .grade = row->grade, .regimes = row->regimes,
                        .status = row->status, .coverage = row->coverage };
    memcpy(g->op, row->op, sizeof g->op);
    return 0;
}

static bool same_keys(const char *const *a, const char *const *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return false;     /* interned: equal strings are the same pointer */
    return true;
}

static bool item_eq(const struct agg_item *a, const struct agg_item *b)
{
    return a->kind == b->kind && a->id == b->id && (a->kind != ITEM_CELL || a->applicant == b->applicant);
}

static void regimes_text(unsigned bits, char *buf, size_t sz)
{
    size_t off = 0;
    buf[0] = '\0';
    for (int g = RG_R08; g < RG__COUNT && off < sz; g++)
        if (bits & (1u << g)) off += (size_t)snprintf(buf + off, sz - off, "%s%s", off ? "+" : "", regime_name(g));
}

static void grade_text(char g, char *buf)
{
    buf[0] = g;
    buf[1] = '\0';
}

static bool item_rate(const struct agg_item *it)
{
    return it->kind == ITEM_IND && ind_is_ratio(it->id);
}

/* A number for reading: decimals, or 0 when integral (counts). */
static void read_cell(char *buf, size_t sz, double v, enum table_fmt fmt, int decimals)
{
    if (fmt == TF_CSV) table_num(buf, sz, v);
    else table_num_read(buf, sz, v, isfinite(v) && v == floor(v) && decimals <= 2 ? 0 : decimals, true);
}

/* ==== trend ==== */

void usage_trend(FILE *fp)
{
    fputs("Usage: ogistat trend [--by KEYS] --metric M|--indicator I [--table stats|years] INPUT...\n"
          "Trends of a series per region or body over the years: one series per group of KEYS\n"
          "(default: body) and item; each year's value is the agg sum (rates: the pooled ratio).\n"
          "\n"
          "  -b, --by=KEYS        series keys (province, city, county, body, body_type, scope, regime)\n"
          "      --table=T        stats (default): one row per series: years, first and last value,\n"
          "                       CAGR, OLS slope with standard error, 95% CI, p-value and R2,\n"
          "                       Mann-Kendall S, z (tie-corrected, normal approximation) and p,\n"
          "                       Kendall's tau, Theil-Sen slope, gaps and regimes;\n"
          "                       years: one row per series and year: value, change on the previous\n"
          "                       year, regime, grade, status, coverage and a mark for gaps and\n"
          "                       regime changes\n", fp);
    fputs(STAT_COMMON_HELP, fp);
    fputs("\n"
          "Years without a value (BLANK, NA, not computed) are left out of the fits, never read as 0.\n"
          "With fewer than 3 years there is no standard error; the Mann-Kendall p-value is a normal\n"
          "approximation, rough below 10 years: read it with n_years. Drop grade-C years with\n"
          "--table years and the grade column when a series crosses templates (regimes column).\n"
          "\n", fp);
    fputs(STAT_INPUT_HELP, fp);
    fputs("\n"
          "Examples:\n"
          "  ogistat trend --metric h_received records.csv\n"
          "  ogistat trend --by county --indicator disclosure_rate --table years records.csv\n"
          "\n", fp);
    fputs(EXIT_HELP, fp);
}

struct series {
    size_t first, n;            /* rows [first, first + n) of the growvec, in year order */
};

static int trend_years(const struct stat_opts *o, size_t nk, const struct growvec *gv, const struct series *sv,
                       size_t ns, struct table *t)
{
    for (size_t s = 0; s < ns; s++) {
        const struct grow *prev = NULL;
        unsigned prev_reg = 0;
        for (size_t i = 0; i < sv[s].n; i++) {
            const struct grow *g = &gv->v[sv[s].first + i];
            int year = atoi(g->keys[nk]);
            char b[10][64], mark[128] = "";
            const char *cells[K__COUNT + 12];
            size_t c = 0;
            for (size_t k = 0; k < nk; k++) cells[c++] = g->keys[k];
            agg_item_name(&g->item, b[0], sizeof b[0]);
            cells[c++] = b[0];
            cells[c++] = g->keys[nk];
            bool rate = item_rate(&g->item);
            read_cell(b[1], sizeof b[1], g->value, o->fmt, rate ? 4 : 2);
            cells[c++] = b[1];
            double chg = NAN, pct = NAN;
            if (prev && atoi(prev->keys[nk]) == year - 1 && isfinite(prev->value) && isfinite(g->value)) {
                chg = g->value - prev->value;
                pct = prev->value != 0 ? chg / prev->value : NAN;
            }
            read_cell(b[2], sizeof b[2], chg, o->fmt, rate ? 4 : 2);
            read_cell(b[3], sizeof b[3], pct, o->fmt, 4);
            cells[c++] = b[2];
            cells[c++] = b[3];
            regimes_text(g->regimes, b[4], sizeof b[4]);
            cells[c++] = b[4];
            grade_text(g->grade, b[5]);
            cells[c++] = b[5];
            cells[c++] = g->status;
            cells[c++] = g->coverage;
            if (prev && atoi(prev->keys[nk]) < year - 1) snprintf(mark, sizeof mark, "gap");
            if (prev && g->regimes && prev_reg && g->regimes != prev_reg) {
                char r0[32], r1[32];
                regimes_text(prev_reg, r0, sizeof r0);
                regimes_text(g->regimes, r1, sizeof r1);
                size_t l = strlen(mark);
                snprintf(mark + l, sizeof mark - l, "%sregime %s>%s", l ? ";" : "", r0, r1);
            }
            cells[c++] = mark;
            table_row(t, cells);
            prev = g;
            if (g->regimes) prev_reg = g->regimes;
        }
    }
    return 0;
}

static int trend_stats(const struct stat_opts *o, size_t nk, const struct growvec *gv, const struct series *sv,
                       size_t ns, struct table *t)
{
    for (size_t s = 0; s < ns; s++) {
        const struct grow *g0 = &gv->v[sv[s].first];
        double *x = xmalloc(sv[s].n * sizeof *x), *y = xmalloc(sv[s].n * sizeof *y);
        size_t m = 0;
        char grade = 0;
        unsigned last_reg = 0;
        char regs[96] = "";
        for (size_t i = 0; i < sv[s].n; i++) {
            const struct grow *g = &gv->v[sv[s].first + i];
            if (!isfinite(g->value)) continue;
            x[m] = atoi(g->keys[nk]);
            y[m] = g->value;
            m++;
            if (g->grade > grade) grade = g->grade;
            if (g->regimes && g->regimes != last_reg) {
                char r[32];
                regimes_text(g->regimes, r, sizeof r);
                size_t l = strlen(regs);
                snprintf(regs + l, sizeof regs - l, "%s%s", l ? ">" : "", r);
                last_reg = g->regimes;
            }
        }
        int gaps = m ? (int)(x[m - 1] - x[0]) + 1 - (int)m : 0;
        struct stats_ols ols;
        struct stats_mk mk;
        stats_ols(x, y, m, &ols);
        stats_mann_kendall(x, y, m, &mk);
        double cagr = m >= 2 ? stats_cagr(y[0], y[m - 1], x[m - 1] - x[0]) : NAN;

        bool rate = item_rate(&g0->item);
        int dv = rate ? 4 : 2;
        char b[26][64];
        const char *cells[K__COUNT + 30];
        size_t c = 0, bi = 0;
        for (size_t k = 0; k < nk; k++) cells[c++] = g0->keys[k];
        agg_item_name(&g0->item, b[bi], sizeof b[bi]);
        cells[c++] = b[bi++];
        grade_text(grade, b[bi]);
        cells[c++] = b[bi++];
        double vals[] = { (double)m, m ? x[0] : NAN, m ? x[m - 1] : NAN, m ? y[0] : NAN, m ? y[m - 1] : NAN, cagr,
                          ols.slope, ols.se, ols.ci_lo, ols.ci_hi, ols.p, ols.r2, mk.s, mk.z, mk.p, mk.tau,
                          mk.sen_slope, (double)gaps };
        int dec[] = { 0, 0, 0, dv, dv, 4, dv + 2, dv + 2, dv + 2, dv + 2, 4, 4, 0, 3, 4, 3, dv + 2, 0 };
        for (size_t i = 0; i < ARRAY_LEN(vals); i++) {
            if (o->fmt == TF_CSV) table_num(b[bi], sizeof b[bi], vals[i]);
            else if (i < 3 || i == 17) table_num_read(b[bi], sizeof b[bi], vals[i], 0, i != 1 && i != 2);
            else table_num_read(b[bi], sizeof b[bi], vals[i], dec[i], true);
            cells[c++] = b[bi++];
        }
        cells[c++] = regs;
        table_row(t, cells);
        free(x);
        free(y);
    }
    return 0;
}

int cmd_trend(int argc, char **argv)
{
    struct stat_opts o;
    int prc = parse_stat_opts(argc, argv, "trend", SO_ITEMS | SO_BY | SO_TABLE, usage_trend, &o);
    if (prc >= 0) return prc;
    bool years = false;
    if (o.table && strcmp(o.table, "years") == 0) years = true;
    else if (o.table && strcmp(o.table, "stats") != 0) return bad_opt("trend", "unknown table (stats, years)", o.table);
    if (!o.nitems) {
        fprintf(stderr, "ogistat: trend: give the series: --metric or --indicator\n");
        try_help("trend");
        return EXIT_USAGE;
    }
    for (size_t k = 0; k < o.nkeys; k++)
        if (o.keys[k] == K_YEAR) return bad_opt("trend", "the year is the time axis, not a key", "year");
    if (!o.nkeys) o.keys[o.nkeys++] = K_BODY;
    size_t nk = o.nkeys;
    o.keys[o.nkeys++] = K_YEAR;
    o.nops = 0;
    o.ops[o.nops++] = OP_SUM;
    o.ops[o.nops++] = OP_RATIO;
    struct agg_spec spec;
    spec_of(&o, &spec);
    struct agg *a = agg_new(&spec);
    int rc = run_agg(a, &o, argv + optind, (size_t)(argc - optind));
    if (rc == EXIT_IO) { agg_free(a); return rc; }
    struct growvec gv = { 0 };
    agg_each(a, collect_row, &gv);

    /* series: rows of one key tuple (without the year) and one item, in year order */
    struct series *sv = xmalloc((gv.n ? gv.n : 1) * sizeof *sv);
    size_t ns = 0;
    size_t *idx = xmalloc((gv.n ? gv.n : 1) * sizeof *idx);
    size_t ni = 0;
    for (size_t i = 0; i < gv.n;) {
        size_t j = i;
        while (j < gv.n && same_keys(gv.v[j].keys, gv.v[i].keys, nk)) j++;
        for (size_t it = 0; it < o.nitems; it++) {
            sv[ns].first = ni;
            for (size_t r = i; r < j; r++)
                if (item_eq(&gv.v[r].item, &o.items[it])) idx[ni++] = r;
            sv[ns].n = ni - sv[ns].first;
            if (sv[ns].n) ns++;
        }
        i = j;
    }
    /* reorder rows so each series is contiguous */
    struct grow *ordered = xmalloc((gv.n ? gv.n : 1) * sizeof *ordered);
    for (size_t i = 0; i < ni; i++) ordered[i] = gv.v[idx[i]];
    free(gv.v);
    gv.v = ordered;
    free(idx);

    struct table_col cols[K__COUNT + 30];
    size_t nc = 0;
    for (size_t k = 0; k < nk; k++) cols[nc++] = (struct table_col){ AGG_KEY_NAMES[o.keys[k]], 'l' };
    cols[nc++] = (struct table_col){ "item", 'l' };
    if (years) {
        static const struct table_col yc[] = {
            { "year", 'l' }, { "value", 'r' }, { "change", 'r' }, { "change_pct", 'r' }, { "regime", 'l' },
            { "grade", 'l' }, { "status", 'l' }, { "coverage", 'l' }, { "mark", 'l' },
        };
        for (size_t i = 0; i < ARRAY_LEN(yc); i++) cols[nc++] = yc[i];
    } else {
        static const struct table_col sc[] = {
            { "grade", 'l' }, { "n_years", 'r' }, { "first_year", 'r' }, { "last_year", 'r' }, { "first", 'r' },
            { "last", 'r' }, { "cagr", 'r' }, { "ols_slope", 'r' }, { "ols_se", 'r' }, { "ols_ci_lo", 'r' },
            { "ols_ci_hi", 'r' }, { "ols_p", 'r' }, { "r2", 'r' }, { "mk_s", 'r' }, { "mk_z", 'r' }, { "mk_p", 'r' },
            { "kendall_tau", 'r' }, { "sen_slope", 'r' }, { "gaps", 'r' }, { "regimes", 'l' },
        };
        for (size_t i = 0; i < ARRAY_LEN(sc); i++) cols[nc++] = sc[i];
    }
    struct out_table ot;
    if (out_table_open(&ot, &o, cols, nc) != 0) rc = EXIT_IO;
    else {
        if (years) trend_years(&o, nk, &gv, sv, ns, ot.t);
        else trend_stats(&o, nk, &gv, sv, ns, ot.t);
        rc = out_table_close(&ot, &o, rc);
    }
    free(sv);
    free(gv.v);
    agg_free(a);
    return rc;
}

/* ==== summary ==== */

void usage_summary(FILE *fp)
{
    fputs("Usage: ogistat summary [--by KEYS] [--metric M...|--indicator I...] [--format csv|md|latex] INPUT...\n"
          "Descriptive tables for papers: per group and item, N (reports with a value), mean, sd,\n"
          "min, quartiles and max of the reports' values (rates: of each report's own rate, computed\n"
          "only when its denominator reaches --min-den). Default items: h_received, h_decided,\n"
          "disclosure_rate. md and latex print numbers for reading (thousands separators, rates in %);\n"
          "latex is a booktabs tabular ready to \\input.\n"
          "\n"
          "  -b, --by=KEYS        group by these keys (none: one group of all reports)\n", fp);
    fputs(STAT_COMMON_HELP, fp);
    fputs("\nThe reports added up follow agg's rules (duplicates once, aggregate reports replace the\n"
          "reports they cover): describe departments with --where scope=body.\n\n", fp);
    fputs(STAT_INPUT_HELP, fp);
    fputs("\n"
          "Examples:\n"
          "  ogistat summary --by year --format md records.csv\n"
          "  ogistat summary --by scope --indicator disclosure_rate --format latex -o table1.tex records.csv\n"
          "\n", fp);
    fputs(EXIT_HELP, fp);
}

static const int SUMMARY_OPS[] = { OP_MEAN, OP_SD, OP_MIN, OP_Q1, OP_MEDIAN, OP_Q3, OP_MAX };

static int print_summary_row(const struct agg_row *row, void *arg)
{
    struct agg_print *p = arg;
    const struct stat_opts *o = p->o;
    char b[ARRAY_LEN(SUMMARY_OPS) + 3][64];
    const char *cells[K__COUNT + ARRAY_LEN(SUMMARY_OPS) + 3];
    size_t c = 0;
    for (size_t k = 0; k < o->nkeys; k++) cells[c++] = row->keys[k];
    bool rate = item_rate(&row->item);
    agg_item_name(&row->item, b[0], sizeof b[0]);
    if (rate && o->fmt != TF_CSV) strncat(b[0], " (%)", sizeof b[0] - strlen(b[0]) - 1);
    cells[c++] = b[0];
    snprintf(b[1], sizeof b[1], "%zu", row->nv);
    cells[c++] = b[1];
    for (size_t i = 0; i < ARRAY_LEN(SUMMARY_OPS); i++) {
        int op = SUMMARY_OPS[i];
        double v = row->op[op];
        if (o->fmt == TF_CSV) table_num(b[2 + i], sizeof b[2 + i], v);
        else if (rate) table_num_read(b[2 + i], sizeof b[2 + i], v * 100, 1, false);
        else if (op == OP_MEAN || op == OP_SD) table_num_read(b[2 + i], sizeof b[2 + i], v, 1, true);
        else table_num_read(b[2 + i], sizeof b[2 + i], v, isfinite(v) && v == floor(v) ? 0 : 1, true);
        cells[c++] = b[2 + i];
    }
    table_row(p->t, cells);
    return 0;
}

int cmd_summary(int argc, char **argv)
{
    struct stat_opts o;
    int prc = parse_stat_opts(argc, argv, "summary", SO_ITEMS | SO_BY, usage_summary, &o);
    if (prc >= 0) return prc;
    if (!o.nitems) {
        static const char *const def[] = { "h_received", "h_decided", "disclosure_rate" };
        for (size_t i = 0; i < ARRAY_LEN(def); i++) agg_item_parse(def[i], &o.items[o.nitems++]);
    }
    o.nops = 0;
    for (size_t i = 0; i < ARRAY_LEN(SUMMARY_OPS); i++) o.ops[o.nops++] = SUMMARY_OPS[i];
    struct agg_spec spec;
    spec_of(&o, &spec);
    struct agg *a = agg_new(&spec);
    int rc = run_agg(a, &o, argv + optind, (size_t)(argc - optind));
    if (rc == EXIT_IO) { agg_free(a); return rc; }
    struct table_col cols[K__COUNT + ARRAY_LEN(SUMMARY_OPS) + 3];
    size_t nc = 0;
    for (size_t k = 0; k < o.nkeys; k++) cols[nc++] = (struct table_col){ AGG_KEY_NAMES[o.keys[k]], 'l' };
    cols[nc++] = (struct table_col){ "item", 'l' };
    cols[nc++] = (struct table_col){ "N", 'r' };
    for (size_t i = 0; i < ARRAY_LEN(SUMMARY_OPS); i++) cols[nc++] = (struct table_col){ AGG_OPS[SUMMARY_OPS[i]].name, 'r' };
    struct out_table ot;
    if (out_table_open(&ot, &o, cols, nc) != 0) { agg_free(a); return EXIT_IO; }
    struct agg_print p = { .t = ot.t, .o = &o, .ncols = nc };
    agg_each(a, print_summary_row, &p);
    agg_free(a);
    return out_table_close(&ot, &o, rc);
}

/* ==== compare ==== */

void usage_compare(FILE *fp)
{
    fputs("Usage: ogistat compare --within UNIT --year Y [--by county|body] [--metric M|--indicator I]\n"
          "                       [--dist outcome|refusal] [--table units|test] INPUT...\n"
          "The counties (or bodies) of one city or province side by side in one year.\n"
          "\n"
          "      --within=UNIT    the reports whose city (or province) is UNIT\n"
          "      --year=Y         of year Y\n"
          "  -b, --by=KEY         county (default) or body: the units compared\n"
          "      --table=T        units (default): per unit the item's value (sum; rates: pooled),\n"
          "                       rank (1 = largest), z-score, share of the units' total, n, status,\n"
          "                       coverage;\n"
          "                       test: chi-square test of homogeneity of the distribution across\n"
          "                       the units, with Cramer's V and a warning when expected counts are\n"
          "                       below 5\n"
          "      --dist=D         outcome (default): the h_* outcome partition (8 categories);\n"
          "                       refusal: the 8 不予公开 reasons (new forms)\n", fp);
    fputs(STAT_COMMON_HELP, fp);
    fputs("\nDefault item: h_received. Reports without a value for the key (county '') are the unit's\n"
          "own reports and are not compared; a note says how many. A unit with a category not\n"
          "determined is left out of the test.\n\n", fp);
    fputs(STAT_INPUT_HELP, fp);
    fputs("\n"
          "Examples:\n"
          "  ogistat compare --within 淮安市 --year 2024 records.csv\n"
          "  ogistat compare --within 淮安市 --year 2024 --table test --dist refusal records.csv\n"
          "\n", fp);
    fputs(EXIT_HELP, fp);
}

static const int REFUSAL_CELLS[] = {
    M_RES_DENIED_STATE_SECRET, M_RES_DENIED_LAW_FORBIDDEN, M_RES_DENIED_SAFETY_STABILITY, M_RES_DENIED_THIRD_PARTY,
    M_RES_DENIED_INTERNAL_AFFAIRS, M_RES_DENIED_PROCESS_INFO, M_RES_DENIED_ENFORCEMENT_FILE, M_RES_DENIED_ADMIN_QUERY,
};
#define N_CATS 8

static int compare_units(const struct stat_opts *o, const struct grow *main, size_t nu, struct table *t)
{
    double *v = xmalloc((nu ? nu : 1) * sizeof *v);
    double total = 0;
    for (size_t i = 0; i < nu; i++) {
        v[i] = main[i].value;
        if (isfinite(v[i])) total += v[i];
    }
    double mean = stats_mean(v, nu), sd = stats_sd(v, nu);
    bool rate = item_rate(&main[0].item);
    for (size_t i = 0; i < nu; i++) {
        size_t rank = 1;
        for (size_t j = 0; j < nu; j++)
            if (isfinite(v[j]) && isfinite(v[i]) && v[j] > v[i]) rank++;
        char b[8][64];
        const char *cells[10];
        size_t c = 0;
        cells[c++] = main[i].keys[0];
        agg_item_name(&main[i].item, b[0], sizeof b[0]);
        cells[c++] = b[0];
        read_cell(b[1], sizeof b[1], v[i], o->fmt, rate ? 4 : 2);
        cells[c++] = b[1];
        if (isfinite(v[i])) snprintf(b[2], sizeof b[2], "%zu", rank);
        else b[2][0] = '\0';
        cells[c++] = b[2];
        read_cell(b[3], sizeof b[3], sd > 0 ? (v[i] - mean) / sd : NAN, o->fmt, 3);
        cells[c++] = b[3];
        read_cell(b[4], sizeof b[4], !rate && total > 0 ? v[i] / total : NAN, o->fmt, 4);
        cells[c++] = b[4];
        snprintf(b[5], sizeof b[5], "%zu", main[i].n);
        cells[c++] = b[5];
        cells[c++] = main[i].status;
        cells[c++] = main[i].coverage;
        table_row(t, cells);
    }
    free(v);
    return 0;
}

static int compare_test(const struct stat_opts *o, const struct grow *rows, size_t nu, size_t per_unit,
                        struct table *t, struct diag *d)
{
    double *tab = xmalloc((nu ? nu : 1) * N_CATS * sizeof *tab);
    size_t used = 0;
    bool cat_any[N_CATS] = { false };
    for (size_t u = 0; u < nu; u++)
        for (size_t k = 0; k < N_CATS; k++) cat_any[k] |= rows[u * per_unit + 1 + k].n > 0;
    for (size_t u = 0; u < nu; u++) {
        bool ok = true;
        for (size_t k = 0; k < N_CATS; k++) {
            const struct grow *g = &rows[u * per_unit + 1 + k];
            if (cat_any[k] && (g->n == 0 || g->n < g->count)) ok = false;
        }
        if (!ok) {
            diag_add(d, DIAG_NOTE, NULL, 0, "compare: unit '%s' left out of the test: a category is not determined",
                     rows[u * per_unit].keys[0]);
            continue;
        }
        for (size_t k = 0; k < N_CATS; k++) tab[used * N_CATS + k] = cat_any[k] ? rows[u * per_unit + 1 + k].value : 0;
        used++;
    }
    struct stats_chisq cs;
    stats_chisq(tab, used, N_CATS, &cs);
    free(tab);
    char b[12][64];
    const char *cells[12];
    size_t c = 0;
    cells[c++] = o->dist ? o->dist : "outcome";
    snprintf(b[0], sizeof b[0], "%zu", cs.rows_used);
    cells[c++] = b[0];
    snprintf(b[1], sizeof b[1], "%zu", cs.cols_used);
    cells[c++] = b[1];
    read_cell(b[2], sizeof b[2], cs.total, o->fmt, 0);
    cells[c++] = b[2];
    double vals[] = { cs.chi2, cs.df, cs.p, cs.cramer_v, cs.min_expected };
    int dec[] = { 3, 0, 4, 3, 2 };
    for (size_t i = 0; i < ARRAY_LEN(vals); i++) {
        read_cell(b[3 + i], sizeof b[3 + i], vals[i], o->fmt, dec[i]);
        cells[c++] = b[3 + i];
    }
    snprintf(b[8], sizeof b[8], "%zu", cs.n_small);
    cells[c++] = b[8];
    const char *warn = "";
    if (isnan(cs.chi2)) warn = "not computed: fewer than 2 units or categories with counts";
    else if (cs.min_expected < 1 || cs.n_small * 5 > cs.rows_used * cs.cols_used)
        warn = "expected counts small: chi-square approximation doubtful";
    cells[c++] = warn;
    table_row(t, cells);
    return 0;
}

int cmd_compare(int argc, char **argv)
{
    struct stat_opts o;
    int prc = parse_stat_opts(argc, argv, "compare", SO_ITEMS | SO_BY | SO_WITHIN | SO_TABLE, usage_compare, &o);
    if (prc >= 0) return prc;
    if (!o.within || !o.year) {
        fprintf(stderr, "ogistat: compare: --within and --year are required\n");
        try_help("compare");
        return EXIT_USAGE;
    }
    bool test = false;
    if (o.table && strcmp(o.table, "test") == 0) test = true;
    else if (o.table && strcmp(o.table, "units") != 0) return bad_opt("compare", "unknown table (units, test)", o.table);
    if (o.nkeys > 1 || (o.nkeys == 1 && o.keys[0] != K_COUNTY && o.keys[0] != K_BODY))
        return bad_opt("compare", "units are county or body", AGG_KEY_NAMES[o.keys[o.nkeys - 1]]);
    if (!o.nkeys) o.keys[o.nkeys++] = K_COUNTY;
    if (o.nitems > 1) return bad_opt("compare", "one item at a time", "--metric/--indicator");
    if (!o.nitems) agg_item_parse("h_received", &o.items[o.nitems++]);
    /* the categories of the test follow the item */
    bool refusal = o.dist && strcmp(o.dist, "refusal") == 0;
    for (size_t k = 0; k < N_CATS; k++)
        o.items[o.nitems++] = refusal ? (struct agg_item){ .kind = ITEM_CELL, .id = REFUSAL_CELLS[k], .applicant = AP_TOTAL }
                                      : (struct agg_item){ .kind = ITEM_H, .id = H_PART_FIRST + (int)k };
    o.nops = 0;
    o.ops[o.nops++] = OP_SUM;
    o.ops[o.nops++] = OP_RATIO;
    struct agg_spec spec;
    spec_of(&o, &spec);
    struct agg *a = agg_new(&spec);
    int rc = run_agg(a, &o, argv + optind, (size_t)(argc - optind));
    if (rc == EXIT_IO) { agg_free(a); return rc; }
    struct growvec gv = { 0 };
    agg_each(a, collect_row, &gv);
    size_t per_unit = 1 + N_CATS;
    size_t nu = gv.n / per_unit;
    /* units with an empty key are the unit's own reports: not compared */
    struct diag d;
    diag_init(&d);
    size_t first = 0;
    if (nu && !*gv.v[0].keys[0]) {
        diag_add(&d, DIAG_NOTE, NULL, 0, "compare: %zu report%s without a %s (the unit's own) not compared",
                 gv.v[0].count, gv.v[0].count == 1 ? "" : "s", AGG_KEY_NAMES[o.keys[0]]);
        first = 1;
    }
    struct grow *mainv = xmalloc((nu ? nu : 1) * sizeof *mainv);
    for (size_t u = first; u < nu; u++) mainv[u - first] = gv.v[u * per_unit];
    struct table_col ucols[] = {
        { AGG_KEY_NAMES[o.keys[0]], 'l' }, { "item", 'l' }, { "value", 'r' }, { "rank", 'r' }, { "z", 'r' },
        { "share", 'r' }, { "n", 'r' }, { "status", 'l' }, { "coverage", 'l' },
    };
    struct table_col tcols[] = {
        { "dist", 'l' }, { "units", 'r' }, { "categories", 'r' }, { "N", 'r' }, { "chi2", 'r' }, { "df", 'r' },
        { "p", 'r' }, { "cramer_v", 'r' }, { "min_expected", 'r' }, { "cells_below_5", 'r' }, { "warning", 'l' },
    };
    struct out_table ot;
    if (out_table_open(&ot, &o, test ? tcols : ucols, test ? ARRAY_LEN(tcols) : ARRAY_LEN(ucols)) != 0) rc = EXIT_IO;
    else {
        if (test) compare_test(&o, gv.v + first * per_unit, nu - first, per_unit, ot.t, &d);
        else compare_units(&o, mainv, nu - first, ot.t);
        rc = out_table_close(&ot, &o, rc);
    }
    if (o.quiet) diag_free(&d);
    else diag_flush(&d, stderr);
    free(mainv);
    free(gv.v);
    agg_free(a);
    return rc;
}

