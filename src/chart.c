/* chart.c - charts through gnuplot (chart.h): the only module that talks to gnuplot.
 *
 * Script generation. Each chart is
 *     # ogistat chart N: KIND
 *     print 'ogistat-chart N'          (the marker: gnuplot prints it to stderr)
 *     $cN_... << EOD ... EOD           (datablocks: numbers and NaN only)
 *     set terminal ...; set output '...'; <body>; unset output    (per output)
 *     undefine $cN_*
 * where <body> starts with `reset` and sets everything it uses. Text (titles,
 * names, labels) is only ever written as a single-quoted gnuplot string
 * (chart_quote) on a terminal in `noenhanced` mode. A missing value is NaN in
 * its datablock: gnuplot reads it as undefined, so a line breaks there (no
 * `set datafile missing`, which would join the points on both sides).
 *
 * The process. `gnuplot -d` (no init files) reads our pipe; stdout is
 * /dev/null (after a failed `set output` gnuplot plots to stdout); stderr is a
 * temporary file (a second pipe could deadlock). SIGPIPE is ignored and every
 * write checked. gnuplot reading a pipe goes on after an error and reports
 * "line 0", so the markers tell which chart an error belongs to.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/chart.h"
#include "ogistat/output.h"

#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

const char *const CHART_TERM_EXT[TERM__COUNT] = { [TERM_SVG] = "svg", [TERM_PNG] = "png", [TERM_PDF] = "pdf" };

int chart_term_of_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && slash > dot)) return -1;
    for (int t = 0; t < TERM__COUNT; t++) {
        const char *e = CHART_TERM_EXT[t];
        size_t i = 0;
        while (e[i] && (dot[1 + i] | 0x20) == e[i]) i++;
        if (!e[i] && !dot[1 + i]) return t;
    }
    return -1;
}

/* ==== quoting ==== */

void chart_quote(strbuf *sb, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    sb_putc(sb, '\'');
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seqlen(p + i, n - i);
        if (k == 0) {                           /* not UTF-8: U+FFFD */
            sb_puts(sb, "\xEF\xBF\xBD");
            i++;
        } else if (k > 1) {
            unsigned cp = utf8_decode(p + i, n - i, &k);
            if (cp >= 0x80 && cp < 0xA0) sb_putc(sb, ' ');   /* C1 controls */
            else sb_append(sb, s + i, k);
            i += k;
        } else {
            if (p[i] == '\'') sb_puts(sb, "''");
            else if (p[i] < 0x20 || p[i] == 0x7F) sb_putc(sb, ' ');
            else sb_putc(sb, (char)p[i]);
            i++;
        }
    }
    sb_putc(sb, '\'');
}

/* ==== generation helpers ==== */

/* Tableau 10: distinct, readable on white, fine in greyscale print order. */
static const char *const PALETTE[] = {
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC",
};
static const int POINTS[] = { 7, 5, 9, 11, 13 };
/* 表三 outcome groups in their own colours: granted greens, refused red ... */
static const char *const OUTCOME_COLOURS[] = { "#59A14F", "#A0CBE8", "#E15759", "#F28E2B", "#B07AA1", "#BAB0AC" };

/* Template changes (DOMAIN §1): marked before the first data year of a new form. */
static const struct {
    int year;
    const char *label[LANG__COUNT];
} REGIME_MARKS[] = {
    { 2014, { "2014年表式", "2014 form" } },
    { 2019, { "2019年表式", "2019 form" } },
    { 2021, { "2021年表式", "2021 form" } },
};

/* The words of a chart, in each language. */
enum word { W_YEAR, W_MEAN, W_NO_DATA, W_INCOMPLETE, W_TREND_LINE, W_SHARE, W_BY, W__COUNT };
static const char *const WORDS[W__COUNT][LANG__COUNT] = {
    [W_YEAR] = { "年份", "Year" },
    [W_MEAN] = { "平均", "mean" },
    [W_NO_DATA] = { "无数据", "no data" },
    [W_INCOMPLETE] = { "数据不全", "incomplete" },
    [W_TREND_LINE] = { "线性趋势（虚线）", "linear trend (dashed)" },
    [W_SHARE] = { "占比（%）", "Share (%)" },
    [W_BY] = { "按", "by " },
};

/* Division characters a shared name prefix may end with (平潭综合实验区|财政金融局). */
static const char *const DIVISION_ENDS[] = { "省", "市", "区", "县", "州", "旗", "盟" };

struct gen {
    const struct chart *c;
    int idx;
    strbuf data;          /* datablocks */
    strbuf body;          /* the drawing commands, repeated per output */
    strbuf blocks;        /* names of the datablocks, for undefine */
    struct diag *d;
    const char *who;      /* the chart's first output, for messages */
    const char **disp;    /* display name of each row: the name less the shared prefix */
    char *prefix;         /* the shared prefix, or NULL */
    double scale;         /* values are divided by this (元 -> 万元) */
    char unit[LANG__COUNT][32];
    int width, height;
};

static const char *word(const struct gen *g, enum word w)
{
    return WORDS[w][g->c->lang];
}

static void set_text(strbuf *b, const char *what, const char *text)
{
    sb_printf(b, "set %s ", what);
    chart_quote(b, text);
    sb_putc(b, '\n');
}

/* A number as written into a script: C locale, NaN for missing. */
static void put_num(strbuf *b, double v)
{
    if (isnan(v)) sb_puts(b, "NaN");
    else sb_printf(b, "%.15g", v);
}

/* Start datablock $cN_name. */
static void block_begin(struct gen *g, const char *name)
{
    sb_printf(&g->data, "$c%d_%s << EOD\n", g->idx, name);
    sb_printf(&g->blocks, " $c%d_%s", g->idx, name);
}

static void block_end(struct gen *g)
{
    sb_puts(&g->data, "EOD\n");
}

/* Byte length of the prefix all names share, ending after a division
 * character, when every name keeps something after it; 0 otherwise. */
static size_t shared_prefix(char *const *names, size_t n)
{
    if (n < 2) return 0;
    size_t len = strlen(names[0]);
    for (size_t i = 1; i < n; i++) {
        size_t k = 0;
        while (k < len && names[i][k] == names[0][k]) k++;
        len = k;
    }
    size_t best = 0;
    for (size_t i = 0; i < ARRAY_LEN(DIVISION_ENDS); i++) {
        size_t dl = strlen(DIVISION_ENDS[i]);
        for (size_t k = dl; k <= len; k++)
            if (memcmp(names[0] + k - dl, DIVISION_ENDS[i], dl) == 0 && k > best) best = k;
    }
    for (size_t i = 0; i < n; i++)
        if (strlen(names[i]) == best) return 0;
    return best;
}

/* Display width of s in columns at the chart font: a Chinese character is two. */
static size_t text_cols(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), cols = 0;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seqlen(p + i, n - i);
        if (!k) { cols++; i++; continue; }
        unsigned cp = k > 1 ? utf8_decode(p + i, n - i, &k) : p[i];
        cols += cp >= 0x1100 ? 2 : 1;
        i += k;
    }
    return cols;
}

/* Width in pixels a legend of these texts takes beside the plot (PNG, 11 pt: the widest terminal). */
static double key_px(const char *const *texts, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (text_cols(texts[i]) > w) w = text_cols(texts[i]);
    return 7.5 * (double)w + 70;
}

/* How many year labels fit along an axis of px pixels (a label is about 44). */
static int year_room(double px)
{
    int n = (int)(px / 44);
    return n < 2 ? 2 : n;
}

static double value(const struct gen *g, size_t p, size_t r, size_t c)
{
    return ST_V(g->c->t, p, r, c) / g->scale;
}

/* Smallest and largest value of part p (all parts when p < 0) over every row. */
static bool value_range(const struct gen *g, long p, double *lo, double *hi)
{
    const struct stable *t = g->c->t;
    bool any = false;
    for (size_t q = 0; q < t->nparts; q++) {
        if (p >= 0 && q != (size_t)p) continue;
        for (size_t r = 0; r < t->nrow; r++)
            for (size_t c = 0; c < t->ncol; c++) {
                double v = value(g, q, r, c);
                if (isnan(v)) continue;
                if (!any || v < *lo) *lo = v;
                if (!any || v > *hi) *hi = v;
                any = true;
            }
    }
    return any;
}

/* gnuplot format of a value label */
static const char *value_format(const struct gen *g)
{
    return g->c->m->integral && g->scale == 1 ? "%.0f" : "%.4g";
}

/* 1, 2 or 5 times a power of ten, at least x */
static double nice_step(double x)
{
    double p = pow(10, floor(log10(x)));
    return x <= p ? p : x <= 2 * p ? 2 * p : x <= 5 * p ? 5 * p : 10 * p;
}

/* A value axis from lo to hi (0 included) with headroom and about `ticks`
 * tick marks (whole numbers for counts). */
static void value_axis(struct gen *g, const char *axis, double lo, double hi, double headroom, int ticks)
{
    if (lo > 0) lo = 0;
    if (hi < 0) hi = 0;
    if (hi - lo <= 0) hi = lo + 1;
    double span = hi - lo;
    sb_printf(&g->body, "set %srange [%.15g:%.15g]\n", axis, lo < 0 ? lo - span * headroom : 0.0, hi + span * headroom);
    double step = nice_step(span / ticks);
    if (g->c->m->integral && g->scale == 1 && step < 1) step = 1;
    sb_printf(&g->body, "set %stics %.15g\nset format %s '%%.10g'\n", axis, step, axis);
}

/* Year ticks for columns y0..y1 with at most about `room` labels. */
static void year_axis(struct gen *g, const char *axis, int y0, int y1, int room, double pad)
{
    int span = y1 - y0 + 1, step = 1;
    while (span / step > room) step = step == 1 ? 2 : step == 2 ? 5 : step * 2;
    int first = y0 % step ? y0 + step - y0 % step : y0;
    sb_printf(&g->body, "set %srange [%.2f:%.2f]\n", axis, y0 - pad, y1 + pad);
    sb_printf(&g->body, "set %stics %d,%d,%d\nset format %s '%%.0f'\n", axis, first, step, y1, axis);
}

/* Dashed verticals before the first year of each new template inside y0..y1. */
static void regime_marks(struct gen *g, int y0, int y1, bool labels)
{
    if (g->c->no_regimes) return;
    int nlab = 0;
    for (size_t i = 0; i < ARRAY_LEN(REGIME_MARKS); i++) {
        int y = REGIME_MARKS[i].year;
        if (y <= y0 || y > y1) continue;
        sb_printf(&g->body, "set arrow from %.1f, graph 0 to %.1f, graph 1 nohead back dt 2 lw 1 lc rgb '#999999'\n",
                  y - 0.5, y - 0.5);
        if (!labels) continue;
        sb_puts(&g->body, "set label ");
        chart_quote(&g->body, REGIME_MARKS[i].label[g->c->lang]);
        /* staggered, so that marks two years apart keep their labels apart */
        sb_printf(&g->body, " at %.1f, graph 1 left offset char 0.3,%.1f back textcolor rgb '#777777' font ',9'\n",
                  y - 0.5, nlab++ % 2 ? -1.9 : -0.8);
    }
}

/* The title as a gnuplot string expression of two lines: the measure (or
 * --title), then what the series are, and the years. */
static void title_expr(struct gen *g, strbuf *out, int y0, int y1)
{
    const struct chart *c = g->c;
    enum lang L = c->lang;
    strbuf l2;
    sb_init(&l2);
    const char *within = c->within ? c->within : g->prefix;
    if (c->t->nrow == 1) sb_puts(&l2, c->t->name[0]);
    else if (within && L == LANG_ZH) sb_printf(&l2, "%s%s", within, SERIES_BY[c->by].many[L]);
    else if (within) sb_printf(&l2, "%s of %s", SERIES_BY[c->by].many[L], within);
    else sb_printf(&l2, "%s%s", word(g, W_BY), SERIES_BY[c->by].label[L]);
    if (y0 == y1) sb_printf(&l2, L == LANG_ZH ? "，%d年" : ", %d", y0);
    else sb_printf(&l2, L == LANG_ZH ? "，%d–%d年" : ", %d–%d", y0, y1);
    chart_quote(out, c->title ? c->title : c->m->label[L]);
    sb_puts(out, ".\"\\n\".");
    chart_quote(out, l2.s);
    sb_free(&l2);
}

static void title(struct gen *g, int y0, int y1)
{
    sb_puts(&g->body, "set title ");
    title_expr(g, &g->body, y0, y1);
    sb_puts(&g->body, " font ',13'\n");
}

/* "label（unit）" / "label (unit)" */
static void measure_axis_label(struct gen *g, const char *axis)
{
    enum lang L = g->c->lang;
    char buf[300];
    snprintf(buf, sizeof buf, L == LANG_ZH ? "%s（%s）" : "%s (%s)", g->c->m->label[L], g->unit[L]);
    sb_printf(&g->body, "set %slabel ", axis);
    chart_quote(&g->body, buf);
    sb_putc(&g->body, '\n');
}

/* Settings every chart starts with. */
static void common(struct gen *g)
{
    sb_puts(&g->body, "reset\nset encoding utf8\nset termoption noenhanced\n"
                      "set border 3 lc rgb '#444444'\nset tics nomirror out scale 0.6\n"
                      "set grid back lc rgb '#e5e5e5' lw 1\n");
}

/* The year in which most series have a (complete) value; the latest of equals. */
static int best_year(const struct stable *t)
{
    size_t best = 0;
    int year = 0;
    for (size_t c = 0; c < t->ncol; c++) {
        size_t k = 0;
        for (size_t r = 0; r < t->nrow; r++) k += stable_cell_complete(t, r, c);
        if (k && k >= best) {
            best = k;
            year = t->y0 + (int)c;
        }
    }
    return year;
}

static const char *colour(size_t i)
{
    return PALETTE[i % ARRAY_LEN(PALETTE)];
}

/* Datablock $cN_d: a row per year, the year then part 0 of every series (NaN = missing). */
static void year_matrix_block(struct gen *g)
{
    const struct stable *t = g->c->t;
    block_begin(g, "d");
    for (size_t c = 0; c < t->ncol; c++) {
        sb_printf(&g->data, "%d", t->y0 + (int)c);
        for (size_t r = 0; r < t->nrow; r++) {
            sb_putc(&g->data, ' ');
            put_num(&g->data, value(g, 0, r, c));
        }
        sb_putc(&g->data, '\n');
    }
    block_end(g);
}

/* Indices 0..n-1 ordered by key, largest first, NaN last; equal keys keep their order. */
static size_t *order_desc(const double *key, size_t n)
{
    size_t *ord = xmalloc((n + 1) * sizeof *ord);
    for (size_t i = 0; i < n; i++) ord[i] = i;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            double a = key[ord[j]], b = key[ord[j - 1]];
            if (!(isnan(b) ? !isnan(a) : !isnan(a) && a > b)) break;
            size_t x = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = x;
        }
    return ord;
}

/* ==== trend ==== */

static int build_trend(struct gen *g)
{
    const struct stable *t = g->c->t;
    size_t n = t->nrow;
    /* legend order: by the latest value, largest first, so it reads like the lines' ends */
    double *last = xmalloc((n + 1) * sizeof *last);
    for (size_t r = 0; r < n; r++) {
        last[r] = NAN;
        for (size_t c = t->ncol; c-- > 0;)
            if (!isnan(ST_V(t, 0, r, c))) { last[r] = ST_V(t, 0, r, c); break; }
    }
    size_t *ord = order_desc(last, n);
    year_matrix_block(g);
    bool any_fit = false;
    if (g->c->fit) {
        block_begin(g, "f");
        for (size_t r = 0; r < n; r++) {
            double a, b;
            size_t c0 = 0, c1 = t->ncol - 1;
            while (c0 < t->ncol && isnan(ST_V(t, 0, r, c0))) c0++;
            while (c1 > c0 && isnan(ST_V(t, 0, r, c1))) c1--;
            if (r) sb_puts(&g->data, "\n\n");
            if (!stable_fit(t, 0, r, &a, &b)) {  /* an empty index keeps the numbering */
                sb_puts(&g->data, "NaN NaN\n");
                continue;
            }
            any_fit = true;
            for (size_t c = c0; c <= c1; c += c1 - c0) {
                double x = t->y0 + (double)c;
                sb_printf(&g->data, "%.0f %.10g", x, (a + b * x) / g->scale);   /* 10 digits: no rounding noise */
                sb_putc(&g->data, '\n');
                if (c1 == c0) break;
            }
        }
        block_end(g);
    }
    common(g);
    int y1 = t->y0 + (int)t->ncol - 1;
    const char **keys = xmalloc((n + 1) * sizeof *keys);
    for (size_t r = 0; r < n; r++) keys[r] = g->disp[r];
    keys[n] = word(g, W_TREND_LINE);
    double keyw = n > 1 || g->c->fit ? key_px(keys, n + (g->c->fit ? 1 : 0)) : 0;
    free(keys);
    year_axis(g, "x", t->y0, y1, year_room(g->width - 110 - keyw), 0.5);
    double lo = 0, hi = 0;
    value_range(g, 0, &lo, &hi);
    value_axis(g, "y", lo, hi, 0.08, 6);
    title(g, t->y0, y1);
    set_text(&g->body, "xlabel", word(g, W_YEAR));
    measure_axis_label(g, "y");
    if (n > 1 || any_fit) sb_puts(&g->body, "set key outside right top vertical Left reverse samplen 2.5 spacing 1.1\n");
    else sb_puts(&g->body, "unset key\n");
    regime_marks(g, t->y0, y1, true);
    sb_puts(&g->body, "plot ");
    for (size_t i = 0; i < n; i++) {
        size_t r = ord[i];
        if (i) sb_puts(&g->body, ", \\\n     ");
        sb_printf(&g->body, "$c%d_d using 1:%zu with linespoints lw 2 pt %d ps 0.8 lc rgb '%s' title ", g->idx, r + 2,
                  POINTS[(i / ARRAY_LEN(PALETTE)) % ARRAY_LEN(POINTS)], colour(i));
        chart_quote(&g->body, n > 1 ? g->disp[r] : t->name[r]);
    }
    if (any_fit) {
        for (size_t i = 0; i < n; i++)
            sb_printf(&g->body, ", \\\n     $c%d_f index %zu using 1:2 with lines dt 2 lw 1.2 lc rgb '%s' notitle",
                      g->idx, ord[i], colour(i));
        sb_puts(&g->body, ", \\\n     keyentry with lines dt 2 lw 1.2 lc rgb '#555555' title ");
        chart_quote(&g->body, word(g, W_TREND_LINE));
    }
    sb_putc(&g->body, '\n');
    if (n > 10)
        diag_add(g->d, DIAG_NOTE, g->who, 0, "%zu series in one trend chart: small-multiples may read better", n);
    free(ord);
    free(last);
    return 0;
}

/* ==== compare ==== */

static int chosen_year(struct gen *g)
{
    const struct stable *t = g->c->t;
    int y = g->c->year ? g->c->year : best_year(t);
    if (!y) {
        diag_add(g->d, DIAG_ERROR, g->who, 0, "no year in which a series has a complete value");
        return 0;
    }
    if (y < t->y0 || y >= t->y0 + (int)t->ncol) {
        diag_add(g->d, DIAG_ERROR, g->who, 0, "no values for %d (the data cover %d–%d)", y, t->y0,
                 t->y0 + (int)t->ncol - 1);
        return 0;
    }
    return y;
}

static int build_compare(struct gen *g)
{
    const struct stable *t = g->c->t;
    int year = chosen_year(g);
    if (!year) return -1;
    size_t col = (size_t)(year - t->y0), n = t->nrow;
    /* bars sorted by value, largest on top; rows without a value at the bottom */
    double *key = xmalloc((n + 1) * sizeof *key);
    for (size_t r = 0; r < n; r++) key[r] = ST_V(t, 0, r, col);
    size_t *ord = order_desc(key, n);
    free(key);
    double sum = 0, lo = 0, hi = 0;
    size_t have = 0;
    block_begin(g, "d");
    for (size_t i = 0; i < n; i++) {
        double v = value(g, 0, ord[i], col);
        if (isnan(v)) continue;
        sb_printf(&g->data, "%zu ", n - 1 - i);
        put_num(&g->data, v);
        sb_putc(&g->data, '\n');
        sum += v;
        if (!have || v < lo) lo = v;
        if (!have || v > hi) hi = v;
        have++;
    }
    block_end(g);
    if (!have) {
        diag_add(g->d, DIAG_ERROR, g->who, 0, "no values for %d", year);
        free(ord);
        return -1;
    }
    double mean = sum / (double)have;
    g->height = g->c->height ? g->c->height : (n > 14 ? 150 + 26 * (int)n : g->height);
    common(g);
    sb_puts(&g->body, "set grid noytics\n");
    value_axis(g, "x", lo, hi, 0.14, 8);
    sb_printf(&g->body, "set yrange [-0.6:%zu.6]\nset ytics scale 0 (", n - 1);
    for (size_t i = 0; i < n; i++) {
        if (i) sb_puts(&g->body, ", ");
        chart_quote(&g->body, g->disp[ord[i]]);
        sb_printf(&g->body, " %zu", n - 1 - i);
    }
    sb_puts(&g->body, ")\n");
    title(g, year, year);
    measure_axis_label(g, "x");
    for (size_t i = 0; i < n; i++) {
        if (!isnan(ST_V(t, 0, ord[i], col))) continue;
        sb_puts(&g->body, "set label ");
        chart_quote(&g->body, word(g, W_NO_DATA));
        sb_printf(&g->body, " at first 0, first %zu left offset char 0.5,0 textcolor rgb '#888888'\n", n - 1 - i);
    }
    sb_printf(&g->body, "set arrow from %.15g, graph 0 to %.15g, graph 1 nohead front dt 2 lw 1.5 lc rgb '#E15759'\n",
              mean, mean);
    sb_puts(&g->body, "set key outside right top vertical Left reverse samplen 2\n");
    sb_printf(&g->body,
              "plot $c%d_d using ($2/2):1:($2/2):(0.36) with boxxyerror fs solid 0.9 noborder lc rgb '%s' notitle, \\\n"
              "     $c%d_d using 2:1:(sprintf('%s', $2)) with labels left offset char 0.5,0 notitle, \\\n"
              "     keyentry with lines dt 2 lw 1.5 lc rgb '#E15759' title ",
              g->idx, PALETTE[0], g->idx, value_format(g));
    char buf[96];
    snprintf(buf, sizeof buf, g->c->lang == LANG_ZH ? "%s：%.4g" : "%s: %.4g", word(g, W_MEAN), mean);
    chart_quote(&g->body, buf);
    sb_putc(&g->body, '\n');
    free(ord);
    return 0;
}

/* ==== composition ==== */

/* A composition's bar: the parts' total, or NaN when a part is not determined. */
static double bar_total(const struct stable *t, size_t r, size_t col)
{
    double total = 0;
    for (size_t p = 0; p < t->nparts; p++) total += ST_V(t, p, r, col);
    return total;
}

static int build_composition(struct gen *g)
{
    const struct chart *c = g->c;
    const struct stable *t = c->t;
    const struct measure *m = c->m;
    /* one series: a bar per year; several (or --year): a bar per series for one year */
    bool per_year = t->nrow == 1 && !c->year;
    int year = per_year ? 0 : chosen_year(g);
    if (!per_year && !year) return -1;
    size_t first = 0, nbar = per_year ? t->ncol : t->nrow;
    size_t *ord = xmalloc((nbar + 1) * sizeof *ord);
    if (per_year) {                    /* the years the form was used in: first to last with a part */
        size_t last = t->ncol - 1;
        for (first = 0; first < t->ncol; first++) {
            bool any = false;
            for (size_t p = 0; p < t->nparts; p++) any |= !isnan(ST_V(t, p, 0, first));
            if (any) break;
        }
        for (; last > first; last--) {
            bool any = false;
            for (size_t p = 0; p < t->nparts; p++) any |= !isnan(ST_V(t, p, 0, last));
            if (any) break;
        }
        nbar = last - first + 1;
        for (size_t b = 0; b < nbar; b++) ord[b] = first + b;
    } else {                           /* largest n on top; incomplete and missing below */
        size_t col = (size_t)(year - t->y0);
        double *key = xmalloc((nbar + 1) * sizeof *key);
        for (size_t r = 0; r < nbar; r++) key[r] = bar_total(t, r, col);
        free(ord);
        ord = order_desc(key, nbar);
        free(key);
    }
    size_t drawn = 0, zero = 0;
    block_begin(g, "d");
    strbuf labels;
    sb_init(&labels);
    for (size_t b = 0; b < nbar; b++) {
        size_t r = per_year ? 0 : ord[b], col = per_year ? ord[b] : (size_t)(year - t->y0);
        double pos = per_year ? t->y0 + (double)ord[b] : (double)(nbar - 1 - b);
        double total = bar_total(t, r, col);
        bool any = false;
        for (size_t p = 0; p < m->nparts; p++) any |= !isnan(ST_V(t, p, r, col));
        char lab[64];
        lab[0] = '\0';
        if (!isnan(total)) snprintf(lab, sizeof lab, "n=%.0f", total);
        else if (any || !per_year) snprintf(lab, sizeof lab, "%s", word(g, any ? W_INCOMPLETE : W_NO_DATA));
        if (lab[0]) {
            sb_puts(&labels, "set label ");
            chart_quote(&labels, lab);
            if (per_year) sb_printf(&labels, " at %.0f, 100 center offset 0,0.7 font ',9'\n", pos);
            else if (!isnan(total)) sb_printf(&labels, " at 100, %.0f left offset char 0.6,0 font ',9'\n", pos);
            else sb_printf(&labels, " at 0, %.0f left offset char 0.6,0 textcolor rgb '#888888'\n", pos);
        }
        zero += total == 0;
        if (isnan(total) || total <= 0) continue;
        sb_printf(&g->data, "%.0f", pos);
        double cum = 0;
        for (size_t p = 0; p < m->nparts; p++) {
            double share = ST_V(t, p, r, col) / total * 100.0;
            sb_printf(&g->data, " %.6g %.6g", cum, cum + share);
            cum += share;
        }
        sb_putc(&g->data, '\n');
        drawn++;
    }
    block_end(g);
    if (!drawn) {
        if (zero) diag_add(g->d, DIAG_ERROR, g->who, 0, "nothing to compose: every bar has n=0");
        else diag_add(g->d, DIAG_ERROR, g->who, 0, "no complete bar to draw (表三 of the R19/R21 templates)");
        sb_free(&labels);
        free(ord);
        return -1;
    }
    common(g);
    if (per_year) {
        int y0 = t->y0 + (int)first, y1 = y0 + (int)nbar - 1;
        year_axis(g, "x", y0, y1, year_room(g->width - 110), 0.6);
        sb_puts(&g->body, "set yrange [0:100]\nset ytics 0,20,100\nset grid noxtics\n");
        set_text(&g->body, "ylabel", word(g, W_SHARE));
        set_text(&g->body, "xlabel", word(g, W_YEAR));
        title(g, y0, y1);
    } else {
        g->height = c->height ? c->height : (nbar > 10 ? 170 + 30 * (int)nbar : g->height);
        sb_printf(&g->body, "set xrange [0:100]\nset xtics 0,20,100\nset grid noytics\nset yrange [-0.6:%zu.6]\n"
                            "set rmargin 8\nset ytics scale 0 (", nbar - 1);
        for (size_t b = 0; b < nbar; b++) {
            if (b) sb_puts(&g->body, ", ");
            chart_quote(&g->body, g->disp[ord[b]]);
            sb_printf(&g->body, " %zu", nbar - 1 - b);
        }
        sb_puts(&g->body, ")\n");
        set_text(&g->body, "xlabel", word(g, W_SHARE));
        title(g, year, year);
    }
    if (!c->height && m->nparts > 6) g->height += 120;    /* eight legend lines below */
    /* the legend below, in the order of the stack */
    sb_puts(&g->body, "set key outside bottom center horizontal Left reverse samplen 1.5 width 1 height 0.6\n");
    sb_puts(&g->body, labels.s);
    sb_free(&labels);
    sb_puts(&g->body, "set style fill solid 0.95 border lc rgb '#ffffff'\nplot ");
    for (size_t p = 0; p < m->nparts; p++) {
        const char *col = m->nparts == ARRAY_LEN(OUTCOME_COLOURS) ? OUTCOME_COLOURS[p] : colour(p);
        size_t lo = 2 + 2 * p, hi = 3 + 2 * p;
        if (p) sb_puts(&g->body, ", \\\n     ");
        if (per_year)
            sb_printf(&g->body, "$c%d_d using 1:(($%zu+$%zu)/2):($1-0.36):($1+0.36):%zu:%zu", g->idx, lo, hi, lo, hi);
        else
            sb_printf(&g->body, "$c%d_d using (($%zu+$%zu)/2):1:%zu:%zu:($1-0.36):($1+0.36)", g->idx, lo, hi, lo, hi);
        sb_printf(&g->body, " with boxxyerror lc rgb '%s' title ", col);
        chart_quote(&g->body, m->part_label[p][c->lang]);
    }
    sb_putc(&g->body, '\n');
    free(ord);
    return 0;
}

/* ==== heatmap ==== */

static int build_heatmap(struct gen *g)
{
    const struct stable *t = g->c->t;
    size_t n = t->nrow;
    double lo = 0, hi = 0;
    if (!value_range(g, 0, &lo, &hi)) return -1;
    block_begin(g, "d");
    size_t missing = 0;
    for (size_t r = 0; r < n; r++)
        for (size_t c = 0; c < t->ncol; c++) {
            double v = value(g, 0, r, c);
            if (isnan(v)) { missing++; continue; }
            sb_printf(&g->data, "%d %zu ", t->y0 + (int)c, n - 1 - r);
            put_num(&g->data, v);
            sb_putc(&g->data, '\n');
        }
    block_end(g);
    if (missing) {
        block_begin(g, "m");
        for (size_t r = 0; r < n; r++)
            for (size_t c = 0; c < t->ncol; c++)
                if (isnan(ST_V(t, 0, r, c))) sb_printf(&g->data, "%d %zu\n", t->y0 + (int)c, n - 1 - r);
        block_end(g);
    }
    g->height = g->c->height ? g->c->height : (n > 12 ? 160 + 30 * (int)n : g->height);
    common(g);
    int y1 = t->y0 + (int)t->ncol - 1;
    sb_puts(&g->body, "unset grid\nset border 0\nset tics scale 0\n");
    year_axis(g, "x", t->y0, y1, year_room(g->width - 170 - key_px(g->disp, n)), 0.5);
    sb_printf(&g->body, "set yrange [-0.5:%zu.5]\nset ytics (", n - 1);
    for (size_t r = 0; r < n; r++) {
        if (r) sb_puts(&g->body, ", ");
        chart_quote(&g->body, g->disp[r]);
        sb_printf(&g->body, " %zu", n - 1 - r);
    }
    sb_puts(&g->body, ")\n");
    if (lo > 0) lo = 0;
    if (hi <= lo) hi = lo + 1;
    sb_printf(&g->body, "set cbrange [%.15g:%.15g]\nset cbtics scale 0.5\nset format cb '%%.10g'\n", lo, hi);
    sb_puts(&g->body, "set palette defined (0 '#f7fbff', 0.35 '#9ecae1', 0.7 '#3182bd', 1 '#08306b')\n");
    sb_printf(&g->body, "set cblabel ");
    chart_quote(&g->body, g->unit[g->c->lang]);
    sb_puts(&g->body, " norotate offset char -1.5,graph 0.58\n");
    title(g, t->y0, y1);
    set_text(&g->body, "xlabel", word(g, W_YEAR));
    sb_puts(&g->body, missing ? "set key outside bottom center horizontal samplen 1.5 height 0.6\n" : "unset key\n");
    double dark = lo + (hi - lo) * 0.6;
    const char *fmt = value_format(g);
    sb_printf(&g->body, "plot $c%d_d using 1:2:(0.5):(0.5):3 with boxxyerror fs solid 1.0 border lc rgb '#ffffff' "
                        "lc palette notitle", g->idx);
    if (missing) {
        sb_printf(&g->body, ", \\\n     $c%d_m using 1:2:(0.5):(0.5) with boxxyerror fs pattern 4 border "
                            "lc rgb '#ffffff' lc rgb '#bbbbbb' title ", g->idx);
        chart_quote(&g->body, word(g, W_NO_DATA));
    }
    if (t->ncol <= 25 && n <= 40)
        sb_printf(&g->body,
                  ", \\\n     $c%d_d using 1:2:($3 > %.15g ? '' : sprintf('%s', $3)) with labels textcolor rgb '#222222' "
                  "font ',9' notitle, \\\n"
                  "     $c%d_d using 1:2:($3 > %.15g ? sprintf('%s', $3) : '') with labels textcolor rgb '#ffffff' "
                  "font ',9' notitle",
                  g->idx, dark, fmt, g->idx, dark, fmt);
    sb_putc(&g->body, '\n');
    return 0;
}

/* ==== small multiples ==== */

static int build_small_multiples(struct gen *g)
{
    const struct stable *t = g->c->t;
    size_t n = t->nrow;
    size_t cols = n <= 3 ? n : n == 4 ? 2 : n <= 9 ? 3 : 4;
    size_t rows = (n + cols - 1) / cols;
    if (!g->c->width) g->width = cols <= 2 ? 720 : 300 * (int)cols;
    if (!g->c->height) g->height = 90 + 220 * (int)rows;
    year_matrix_block(g);
    double lo = 0, hi = 0;
    value_range(g, 0, &lo, &hi);
    int y1 = t->y0 + (int)t->ncol - 1;
    common(g);
    sb_puts(&g->body, "unset key\n");
    year_axis(g, "x", t->y0, y1, year_room(g->width / (double)cols - 80), 0.5);
    value_axis(g, "y", lo, hi, 0.1, 4);
    regime_marks(g, t->y0, y1, false);
    /* panels placed in screen coordinates: title band, then rows of cells
     * (panel title above, year labels below each plot) */
    double W = g->width, H = g->height, top = 78, cellh = (H - top - 8) / (double)rows, cellw = (W - 20) / (double)cols;
    sb_puts(&g->body, "set multiplot title ");
    title_expr(g, &g->body, t->y0, y1);
    sb_puts(&g->body, " font ',13'\n");
    const char *yl = g->unit[g->c->lang];
    for (size_t r = 0; r < n; r++) {
        size_t row = r / cols, col = r % cols;
        double x0 = 10 + cellw * (double)col, yt = H - top - cellh * (double)row;
        sb_printf(&g->body, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
                            "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
                  (x0 + 62) / W, (x0 + cellw - 14) / W, (yt - 40) / H, (yt - cellh + 36) / H);
        sb_puts(&g->body, "set title ");
        chart_quote(&g->body, g->disp[r]);
        sb_puts(&g->body, " offset 0,-0.7\n");
        if (col == 0) set_text(&g->body, "ylabel", yl);
        else sb_puts(&g->body, "unset ylabel\n");
        sb_printf(&g->body, "plot $c%d_d using 1:%zu with linespoints lw 1.8 pt 7 ps 0.6 lc rgb '%s' notitle\n",
                  g->idx, r + 2, PALETTE[0]);
    }
    sb_puts(&g->body, "unset multiplot\n");
    return 0;
}

/* ==== the kinds ==== */

const struct chart_kind CHART_KINDS[CK__COUNT] = {
    [CK_TREND] = { .name = "trend", .needs = "-m METRIC or --indicator ID",
                   .summary = "one line per series over the years; --fit adds a dashed linear trend",
                   .flags = CKF_METRIC | CKF_EACH | CKF_DROP_EMPTY, .build = build_trend, .width = 900, .height = 540 },
    [CK_COMPARE] = { .name = "compare", .needs = "-m METRIC or --indicator ID [--year Y]",
                     .summary = "the series of one year as sorted horizontal bars, their mean marked",
                     .flags = CKF_METRIC, .build = build_compare, .width = 900, .height = 540 },
    [CK_COMPOSITION] = { .name = "composition", .needs = "--parts outcomes|reasons [--year Y]",
                         .summary = "100% stacked bars: per year (one series) or per series (--year)",
                         .flags = CKF_PARTS | CKF_EACH, .build = build_composition, .width = 900, .height = 540 },
    [CK_HEATMAP] = { .name = "heatmap", .needs = "-m METRIC or --indicator ID",
                     .summary = "series x year, one cell per value, missing cells hatched",
                     .flags = CKF_METRIC, .build = build_heatmap, .width = 900, .height = 540 },
    [CK_SMALL_MULTIPLES] = { .name = "small-multiples", .needs = "-m METRIC or --indicator ID",
                             .summary = "one small trend panel per series, on a shared scale",
                             .flags = CKF_METRIC | CKF_DROP_EMPTY, .build = build_small_multiples, .width = 900, .height = 540 },
};

int chart_kind_find(const char *name)
{
    for (int i = 0; i < CK__COUNT; i++)
        if (strcmp(name, CHART_KINDS[i].name) == 0) return i;
    return -1;
}

/* ==== the script of one chart ==== */

static void terminal(strbuf *b, const struct gen *g, enum chart_term term)
{
    const char *font = g->c->font ? g->c->font : CHART_DEFAULT_FONT;
    strbuf f;
    sb_init(&f);
    sb_printf(&f, "%s,11", font);
    /* the same look in the three formats: the fontscales make 11 pt text as wide as pngcairo draws it */
    switch (term) {
    case TERM_SVG:
        sb_printf(b, "set terminal svg size %d,%d fixed noenhanced fontscale 1.35 font ", g->width, g->height);
        break;
    case TERM_PNG: sb_printf(b, "set terminal pngcairo size %d,%d noenhanced font ", g->width, g->height); break;
    case TERM_PDF:
        sb_printf(b, "set terminal pdfcairo size %.3fin,%.3fin noenhanced fontscale 0.765 font ", g->width / 96.0,
                  g->height / 96.0);
        break;
    case TERM__COUNT: break;
    }
    chart_quote(b, f.s);
    sb_puts(b, term == TERM_PDF ? "\n" : " background rgb '#ffffff'\n");
    sb_free(&f);
}

int chart_script(strbuf *sb, const struct chart *c, int idx, char *const *paths, const enum chart_term *terms,
                 size_t nout, struct diag *d)
{
    const struct chart_kind *k = &CHART_KINDS[c->kind];
    const struct stable *t = c->t;
    struct gen g = { .c = c, .idx = idx, .d = d, .who = nout ? paths[0] : NULL, .scale = 1 };
    sb_init(&g.data);
    sb_init(&g.body);
    sb_init(&g.blocks);
    g.width = c->width ? c->width : k->width;
    g.height = c->height ? c->height : k->height;
    for (int L = 0; L < LANG__COUNT; L++) snprintf(g.unit[L], sizeof g.unit[L], "%s", c->m->unit[L]);
    double lo = 0, hi = 0;
    if (value_range(&g, -1, &lo, &hi) && strcmp(c->m->unit[LANG_ZH], "元") == 0 && fmax(fabs(lo), fabs(hi)) >= 1e5) {
        g.scale = 1e4;                      /* money: 万元 */
        snprintf(g.unit[LANG_ZH], sizeof g.unit[LANG_ZH], "万元");
        snprintf(g.unit[LANG_EN], sizeof g.unit[LANG_EN], "10,000 yuan");
    }
    size_t plen = shared_prefix(t->name, t->nrow);
    if (plen) g.prefix = xstrndup(t->name[0], plen);
    g.disp = xmalloc((t->nrow + 1) * sizeof *g.disp);
    for (size_t r = 0; r < t->nrow; r++) g.disp[r] = t->name[r] + plen;
    bool any = false;
    for (size_t r = 0; r < t->nrow && !any; r++) any = stable_row_has_data(t, r);
    int rc = -1;
    if (!any) diag_add(d, DIAG_ERROR, g.who, 0, "no values to draw");
    else rc = k->build(&g);
    if (rc == 0) {
        sb_printf(sb, "# ogistat chart %d: %s\nprint 'ogistat-chart %d'\n", idx, k->name, idx);
        sb_append(sb, g.data.s, g.data.len);
        for (size_t i = 0; i < nout; i++) {
            terminal(sb, &g, terms[i]);
            sb_puts(sb, "set output ");
            chart_quote(sb, paths[i]);
            sb_putc(sb, '\n');
            sb_append(sb, g.body.s, g.body.len);
            sb_puts(sb, "unset output\n");
        }
        sb_printf(sb, "undefine%s\n", g.blocks.s);
    }
    free(g.disp);
    free(g.prefix);
    sb_free(&g.data);
    sb_free(&g.body);
    sb_free(&g.blocks);
    return rc;
}

/* ==== fonts ==== */

bool chart_cjk_font(char *family, size_t sz)
{
    if (sz) family[0] = '\0';
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    if (!cfg) return false;
    FcPattern *pat = FcPatternCreate();
    FcLangSet *ls = FcLangSetCreate();
    FcLangSetAdd(ls, (const FcChar8 *)"zh-cn");
    FcPatternAddLangSet(pat, FC_LANG, ls);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
    FcFontSet *fs = FcFontList(cfg, pat, os);
    bool found = fs && fs->nfont > 0;
    if (found && sz) {
        FcChar8 *fam = NULL;
        if (FcPatternGetString(fs->fonts[0], FC_FAMILY, 0, &fam) == FcResultMatch)
            snprintf(family, sz, "%s", (const char *)fam);
    }
    if (fs) FcFontSetDestroy(fs);
    FcObjectSetDestroy(os);
    FcLangSetDestroy(ls);
    FcPatternDestroy(pat);
    FcConfigDestroy(cfg);
    return found;
}

/* ==== the gnuplot process ==== */

struct pending {
    struct ofile *out;
    size_t nout;
};

struct chart_session {
    pid_t pid;
    FILE *in;                 /* gnuplot's standard input */
    int errfd;                /* its standard error: an unlinked temporary file */
    FILE *copy;
    struct pending *charts;
    size_t n, cap;
    int write_errno;          /* a write to gnuplot failed: it is gone */
};

/* Is prog (a path, or a name looked up in PATH) an executable file? Checked before
 * spawning so that a missing gnuplot is reported the same way whatever posix_spawn does. */
static bool runnable(const char *prog)
{
    if (strchr(prog, '/')) return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path) return false;
    for (const char *p = path;; p++) {
        const char *end = strchr(p, ':');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        strbuf f;
        sb_init(&f);
        sb_printf(&f, "%.*s/%s", (int)n, n ? p : ".", prog);
        struct stat st;
        bool ok = stat(f.s, &st) == 0 && S_ISREG(st.st_mode) && access(f.s, X_OK) == 0;
        sb_free(&f);
        if (ok) return true;
        if (!end) return false;
        p = end;
    }
}

int chart_session_open(struct chart_session **sp, FILE *copy, struct diag *d)
{
    *sp = NULL;
    /* gnuplot may die while we write: a failed write, not a killed ogistat */
    signal(SIGPIPE, SIG_IGN);
    const char *tmpdir = getenv("TMPDIR");
    strbuf ep;
    sb_init(&ep);
    sb_printf(&ep, "%s/ogistat-gnuplot-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    char *errpath = ep.s;
    int errfd = mkstemp(errpath);
    if (errfd >= 0) unlink(errpath);
    sb_free(&ep);
    if (errfd < 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, "gnuplot: cannot create a temporary file: %s", strerror(errno));
        return 3;
    }
    int pfd[2];
    if (pipe(pfd) != 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, "gnuplot: cannot create a pipe: %s", strerror(errno));
        close(errfd);
        return 3;
    }
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
    fcntl(errfd, F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pfd[0], 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, errfd, 2);
    const char *prog = getenv("OGISTAT_GNUPLOT");   /* another gnuplot than the one on PATH */
    if (!prog || !*prog) prog = "gnuplot";
    char *argv[] = { (char *)prog, "-d", NULL };
    pid_t pid;
    int e = runnable(prog) ? posix_spawnp(&pid, prog, &fa, NULL, argv, environ) : ENOENT;
    posix_spawn_file_actions_destroy(&fa);
    close(pfd[0]);
    if (e != 0) {
        char q[300];
        diag_quote(q, sizeof q, prog, strlen(prog), 200);
        diag_add(d, DIAG_ERROR, NULL, 0, "cannot run gnuplot: %s (install gnuplot-nox: scripts/setup.sh does) '%s'",
                 strerror(e), q);
        close(pfd[1]);
        close(errfd);
        return 3;
    }
    struct chart_session *s = xcalloc(1, sizeof *s);
    s->pid = pid;
    s->errfd = errfd;
    s->copy = copy;
    s->in = fdopen(pfd[1], "w");
    if (!s->in) {
        s->write_errno = errno;
        close(pfd[1]);
    }
    static const char head[] = "set encoding utf8\n";
    if (s->in && fputs(head, s->in) == EOF) s->write_errno = errno;
    if (copy) fputs("# gnuplot script written by ogistat plot: run it with gnuplot -d FILE\nset encoding utf8\n", copy);
    *sp = s;
    return 0;
}

int chart_session_add(struct chart_session *s, const struct chart *c, char *const *paths, size_t nout, struct diag *d)
{
    if (s->write_errno) return 3;
    enum chart_term *terms = xmalloc((nout + 1) * sizeof *terms);
    for (size_t i = 0; i < nout; i++) terms[i] = (enum chart_term)chart_term_of_path(paths[i]);
    int idx = (int)s->n + 1;
    strbuf sb;
    sb_init(&sb);
    /* with the final names first: for --script, and so that nothing is created
     * when the chart has nothing to draw */
    int rc = chart_script(&sb, c, idx, paths, terms, nout, d);
    if (rc != 0) {
        sb_free(&sb);
        free(terms);
        return 1;
    }
    if (s->copy) fputs(sb.s, s->copy);
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->charts = xrealloc(s->charts, s->cap * sizeof *s->charts);
    }
    struct pending *p = &s->charts[s->n++];
    p->out = xcalloc(nout ? nout : 1, sizeof *p->out);
    p->nout = nout;
    char **tmp = xcalloc(nout ? nout : 1, sizeof *tmp);
    for (size_t i = 0; i < nout && rc == 0; i++) {
        if (ofile_reserve(&p->out[i], paths[i]) != 0) {
            diag_add(d, DIAG_ERROR, paths[i], 0, "cannot write: %s", strerror(errno));
            rc = 3;
        }
        tmp[i] = p->out[i].tmp;
    }
    if (rc == 0) {
        sb_reset(&sb);
        struct diag cd;                      /* the same messages again: dropped */
        diag_init(&cd);
        chart_script(&sb, c, idx, tmp, terms, nout, &cd);
        diag_free(&cd);
        errno = 0;
        if (!s->in || fwrite(sb.s, 1, sb.len, s->in) != sb.len || fflush(s->in) != 0) {
            s->write_errno = errno ? errno : EPIPE;   /* reported by chart_session_close */
            rc = 3;
        }
    }
    if (rc) {                                /* nothing of this chart will be checked */
        for (size_t i = 0; i < nout; i++) ofile_abort(&p->out[i]);
        p->nout = 0;
    }
    free(tmp);
    free(terms);
    sb_free(&sb);
    return rc;
}

/* Everything gnuplot wrote to its standard error. */
static char *read_all(int fd)
{
    strbuf b;
    sb_init(&b);
    if (lseek(fd, 0, SEEK_SET) == 0) {
        char buf[8192];
        ssize_t k;
        while ((k = read(fd, buf, sizeof buf)) > 0) sb_append(&b, buf, (size_t)k);
    }
    return sb_take(&b);
}

/* Report what gnuplot said in [p, end) against who; true if it was an error
 * ("line N: message", "system error: ..."); warnings are reported as such. */
static bool report_section(const char *p, const char *end, const char *who, struct diag *d)
{
    bool err = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        const char *q = p;
        while (q < nl && (*q == ' ' || *q == '\t')) q++;
        size_t n = (size_t)(nl - q);
        const char *msg = NULL;
        enum diag_level lvl = DIAG_ERROR;
        if (n > 5 && strncmp(q, "line ", 5) == 0 && memchr(q, ':', n)) {
            msg = (const char *)memchr(q, ':', n) + 1;
            while (msg < nl && *msg == ' ') msg++;
        } else if (n > 13 && strncmp(q, "system error:", 13) == 0) {
            msg = q;
        } else if (n > 8 && strncasecmp(q, "warning:", 8) == 0) {
            msg = q;
            lvl = DIAG_WARN;
        }
        if (msg) {
            char quoted[300];
            diag_quote(quoted, sizeof quoted, msg, (size_t)(nl - msg), 200);
            diag_add(d, lvl, who, 0, "gnuplot: %s", quoted);
            err |= lvl == DIAG_ERROR;
        }
        p = nl + 1;
    }
    return err;
}

int chart_session_close(struct chart_session *s, struct diag *d)
{
    if (s->in && fclose(s->in) != 0 && !s->write_errno) s->write_errno = errno;
    int st = 0;
    while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR) {}
    char *err = read_all(s->errfd);
    close(s->errfd);
    const char *end = err + strlen(err);
    bool exited = WIFEXITED(st);
    int status = exited ? WEXITSTATUS(st) : -1;
    bool broken = true;
    if (!exited)
        diag_add(d, DIAG_ERROR, NULL, 0, "gnuplot was killed by signal %d", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    else if (status == 127)
        diag_add(d, DIAG_ERROR, NULL, 0, "cannot run gnuplot (exit status 127)");
    else if (s->write_errno)
        diag_add(d, DIAG_ERROR, NULL, 0, "gnuplot stopped reading its script: %s", strerror(s->write_errno));
    else
        broken = false;
    /* chart k's section runs from its marker to the next marker found */
    const char **mark = xcalloc(s->n + 2, sizeof *mark), **text = xcalloc(s->n + 2, sizeof *text);
    const char *from = err;
    for (size_t k = 1; k <= s->n; k++) {
        char m[40];
        int ml = snprintf(m, sizeof m, "ogistat-chart %zu\n", k);
        for (const char *f = strstr(from, m); f; f = strstr(f + 1, m))
            if (f == err || f[-1] == '\n') {
                mark[k] = f;
                text[k] = from = f + ml;
                break;
            }
    }
    bool *bad = xcalloc(s->n + 1, sizeof *bad);
    size_t nbad = 0;
    const char *first = end;
    for (size_t k = 1; k <= s->n; k++)
        if (mark[k]) { first = mark[k]; break; }
    bool before = report_section(err, first, "gnuplot", d);
    for (size_t k = 1; k <= s->n; k++) {
        struct pending *p = &s->charts[k - 1];
        const char *who = p->nout ? p->out[0].path : "gnuplot";
        bad[k] = broken || before || !p->nout;
        if (!text[k]) {
            if (!broken && p->nout) diag_add(d, DIAG_ERROR, who, 0, "gnuplot did not reach this chart");
            bad[k] = true;
        } else {
            const char *next = end;
            for (size_t j = k + 1; j <= s->n; j++)
                if (mark[j]) { next = mark[j]; break; }
            bad[k] |= report_section(text[k], next, who, d);
        }
        nbad += bad[k];
    }
    if (!broken && status != 0 && !nbad) {   /* an error we could not place: trust no chart */
        diag_add(d, DIAG_ERROR, NULL, 0, "gnuplot: exit status %d", status);
        for (size_t k = 1; k <= s->n; k++) bad[k] = true;
    }
    int rc = broken || before ? 3 : 0;
    for (size_t k = 1; k <= s->n; k++) {
        struct pending *p = &s->charts[k - 1];
        for (size_t i = 0; i < p->nout; i++) {
            struct ofile *o = &p->out[i];
            struct stat sb;
            bool ok = !bad[k] && stat(o->tmp, &sb) == 0 && sb.st_size > 0;
            if (!bad[k] && !ok) diag_add(d, DIAG_ERROR, o->path, 0, "gnuplot wrote nothing");
            if (ok && ofile_commit(o) != 0) {
                diag_add(d, DIAG_ERROR, o->path, 0, "cannot write: %s", strerror(errno));
                ok = false;
            }
            if (!ok) ofile_abort(o);
            if (!ok) rc = 3;
        }
        if (bad[k]) rc = 3;
        free(p->out);
    }
    free(bad);
    free(mark);
    free(text);
    free(err);
    free(s->charts);
    free(s);
    return rc;
}
