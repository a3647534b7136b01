/* chart.h - charts through gnuplot. The only module that knows gnuplot.
 *
 * Two halves, kept apart so the first can be unit-tested as text:
 *  - script generation (chart_script): a series table (series.h) becomes the
 *    gnuplot commands of one chart, data in datablocks (numbers only: names
 *    and labels appear only as quoted strings, chart_quote);
 *  - the gnuplot process (chart_session_*): one `gnuplot -d` child per
 *    command, fed through a pipe, stdout /dev/null, stderr to a temporary
 *    file; a marker is printed before each chart so an error names its chart;
 *    every output is written under a temporary name beside its final path and
 *    renamed only when gnuplot reported nothing against its chart and the file
 *    is not empty.
 * The chart kinds are a table (CHART_KINDS); `ogistat plot --help` lists it.
 */
#ifndef OGISTAT_CHART_H
#define OGISTAT_CHART_H

#include <stdbool.h>
#include <stdio.h>
#include "ogistat/diag.h"
#include "ogistat/series.h"
#include "ogistat/util.h"

enum chart_term { TERM_SVG, TERM_PNG, TERM_PDF, TERM__COUNT };
/* The terminal for an output file name, by its extension (.svg .png .pdf, any case), or -1. */
int chart_term_of_path(const char *path);
extern const char *const CHART_TERM_EXT[TERM__COUNT];   /* "svg", "png", "pdf" */

/* The font families asked for when --font is not given: a CSS-style list, so
 * an SVG shows CJK text on Linux, Windows and macOS viewers alike. */
#define CHART_DEFAULT_FONT \
    "Noto Sans CJK SC,Source Han Sans SC,Microsoft YaHei,PingFang SC,WenQuanYi Micro Hei,sans-serif"

enum chart_kind_id { CK_TREND, CK_COMPARE, CK_COMPOSITION, CK_HEATMAP, CK_SMALL_MULTIPLES, CK__COUNT };

/* What a kind needs from the command line. */
/* CKF_DROP_EMPTY: series without any value are left out (a line or panel of nothing) */
enum { CKF_METRIC = 1, CKF_PARTS = 2, CKF_EACH = 4, CKF_DROP_EMPTY = 8 };

struct chart;
struct gen;
typedef int (*chart_build_fn)(struct gen *g);

struct chart_kind {
    const char *name;             /* "trend" */
    const char *summary;          /* one line for plot --help */
    const char *needs;            /* required options, for plot --help */
    unsigned flags;               /* CKF_* */
    chart_build_fn build;
    int width, height;            /* default size in pixels */
};
extern const struct chart_kind CHART_KINDS[CK__COUNT];
int chart_kind_find(const char *name);   /* enum chart_kind_id, or -1 */

struct chart {
    enum chart_kind_id kind;
    const struct stable *t;       /* the data; not owned */
    const struct measure *m;      /* what the values are; not owned */
    enum series_by by;            /* what a series is (titles) */
    enum lang lang;
    const char *font;             /* family list; NULL: CHART_DEFAULT_FONT */
    int width, height;            /* pixels (a PDF is the same size at 96 dpi); 0: the kind's */
    int year;                     /* compare, composition: the year; 0: the latest with data */
    bool fit;                     /* trend: a dashed least-squares line per series */
    bool no_regimes;              /* do not mark the template changes */
    const char *title;            /* first title line; NULL: the measure's label */
    const char *within;           /* the region the series belong to (titles), or NULL */
};

/* Append to sb a gnuplot single-quoted string literal of s: ' doubled,
 * newlines, tabs and other control characters as spaces, bytes that are not
 * UTF-8 as U+FFFD. Such a literal is plain text to gnuplot: no backquote
 * command substitution, no @macro, no escape sequences. */
void chart_quote(strbuf *sb, const char *s);

/* Append the commands that draw chart c (number idx in its session) into each
 * output: paths[i] is written into `set output` and drawn with terms[i].
 * Returns 0, or -1 with an error in d when the chart has nothing to draw
 * (notes, e.g. series left out, are added to d too). */
int chart_script(strbuf *sb, const struct chart *c, int idx, char *const *paths, const enum chart_term *terms,
                 size_t nout, struct diag *d);

/* Is a font with Chinese glyphs installed (fontconfig)? family gets its name. */
bool chart_cjk_font(char *family, size_t sz);

/* ==== the gnuplot process ==== */

struct chart_session;
/* Start gnuplot ($OGISTAT_GNUPLOT when set, else gnuplot on PATH). copy (may be NULL) receives the script as sent, with the
 * final output names in place of the temporary ones (--script). Returns 0, or
 * 3 with an error in d (gnuplot cannot be started). */
int chart_session_open(struct chart_session **s, FILE *copy, struct diag *d);
/* Send one chart drawn into paths[0..nout) (formats by extension). Returns 0;
 * 1 when the chart has nothing to draw (error in d; nothing sent); 3 when an
 * output cannot be created or gnuplot is gone. */
int chart_session_add(struct chart_session *s, const struct chart *c, char *const *paths, size_t nout,
                      struct diag *d);
/* Close gnuplot's input and wait for it; check every chart: outputs renamed
 * into place on success, removed otherwise (errors in d, naming the output).
 * Returns 0, or 3 when some chart failed. Frees s. */
int chart_session_close(struct chart_session *s, struct diag *d);

#endif
