/* check_chart.c - charts through gnuplot (src/chart.c): quoting, generated scripts pinned as
 * text, datablocks without names, and real rendering (SVG parses as XML, PNG signature, PDF
 * header), names that try to run commands, and gnuplot failures (a stand-in gnuplot). */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <errno.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "ogistat/chart.h"
#include "ogistat/util.h"
#include "testutil.h"

Suite *suite_chart(void);

static const char *const HOSTILE[] = {
    "a`touch x`b",
    "x' ; system(\"touch y\") ; '",
    "line1\nline2\r\\ back\\\\slash @GPVAL_TERM @_^{}& \"q\"\nEOD",
};

static char *quoted(const char *s)
{
    strbuf b;
    sb_init(&b);
    chart_quote(&b, s);
    return sb_take(&b);
}

START_TEST(quote)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "平潭综合实验区", "'平潭综合实验区'" },
        { "a`touch x`b", "'a`touch x`b'" },                          /* no command substitution in '' */
        { "x' ; system(\"touch y\") ; '", "'x'' ; system(\"touch y\") ; '''" },
        { "a\nb\rc\td", "'a b c d'" },                                /* one line, always */
        { "back\\slash \\n", "'back\\slash \\n'" },                   /* no escapes in '' */
        { "@GPVAL_TERM @_^{}&", "'@GPVAL_TERM @_^{}&'" },             /* no macros in '' */
        { "bad\xff\xfe utf8", "'bad\xEF\xBF\xBD\xEF\xBF\xBD utf8'" },  /* not UTF-8: U+FFFD */
        { "c1\xC2\x85 del\x7f", "'c1  del '" },                       /* C1 control, DEL */
        { "", "''" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char *q = quoted(cases[i].in);
        ck_assert_str_eq(q, cases[i].out);
        free(q);
    }
}
END_TEST

START_TEST(terms_and_kinds)
{
    ck_assert_int_eq(chart_term_of_path("out/trend.svg"), TERM_SVG);
    ck_assert_int_eq(chart_term_of_path("趋势.PNG"), TERM_PNG);
    ck_assert_int_eq(chart_term_of_path("a.b.pdf"), TERM_PDF);
    ck_assert_int_eq(chart_term_of_path("trend.svgz"), -1);
    ck_assert_int_eq(chart_term_of_path("dir.svg/trend"), -1);
    ck_assert_int_eq(chart_term_of_path("trend"), -1);
    for (int k = 0; k < CK__COUNT; k++) {
        ck_assert_ptr_nonnull(CHART_KINDS[k].name);
        ck_assert_ptr_nonnull(CHART_KINDS[k].summary);
        ck_assert_ptr_nonnull(CHART_KINDS[k].needs);
        ck_assert(CHART_KINDS[k].build != NULL);
        ck_assert_int_eq(chart_kind_find(CHART_KINDS[k].name), k);
        ck_assert(!!(CHART_KINDS[k].flags & CKF_METRIC) != !!(CHART_KINDS[k].flags & CKF_PARTS));
    }
    ck_assert_int_eq(chart_kind_find("pie"), -1);
}
END_TEST

/* A table of n series over years y0.., values row by row (NaN = missing), nparts parts. */
static struct stable *mk_table(const char *const *names, size_t n, int y0, size_t ncol, size_t nparts, const double *v)
{
    struct stable *t = xcalloc(1, sizeof *t);
    t->nrow = n;
    t->ncol = ncol;
    t->nparts = nparts;
    t->y0 = y0;
    t->name = xcalloc(n, sizeof *t->name);
    for (size_t i = 0; i < n; i++) t->name[i] = xstrdup(names[i]);
    t->v = xmalloc(n * ncol * nparts * sizeof *t->v);
    memcpy(t->v, v, n * ncol * nparts * sizeof *t->v);
    return t;
}

static char *script_of(const struct chart *c, const char *out, struct diag *d)
{
    strbuf b;
    sb_init(&b);
    char *paths[] = { (char *)out };
    enum chart_term terms[] = { (enum chart_term)chart_term_of_path(out) };
    if (chart_script(&b, c, 1, paths, terms, 1, d) != 0) {
        sb_free(&b);
        return NULL;
    }
    return sb_take(&b);
}

static const char TREND_SCRIPT[] =
    "# ogistat chart 1: trend\n"
    "print 'ogistat-chart 1'\n"
    "$c1_d << EOD\n"
    "2018 3 1\n"
    "2019 NaN 2\n"
    "2020 5 NaN\n"
    "EOD\n"
    "$c1_f << EOD\n"
    "2018 3\n"
    "2020 5\n"
    "\n"
    "\n"
    "2018 1\n"
    "2019 2\n"
    "EOD\n"
    "set terminal svg size 900,540 fixed noenhanced fontscale 1.35 font 'Noto Sans CJK SC,Source Han Sans SC,"
    "Microsoft YaHei,PingFang SC,WenQuanYi Micro Hei,sans-serif,11' background rgb '#ffffff'\n"
    "set output 'trend.svg'\n"
    "reset\n"
    "set encoding utf8\n"
    "set termoption noenhanced\n"
    "set border 3 lc rgb '#444444'\n"
    "set tics nomirror out scale 0.6\n"
    "set grid back lc rgb '#e5e5e5' lw 1\n"
    "set xrange [2017.50:2020.50]\n"
    "set xtics 2018,1,2020\n"
    "set format x '%.0f'\n"
    "set yrange [0:5.4]\n"
    "set ytics 1\n"
    "set format y '%.10g'\n"
    "set title '本年新收政府信息公开申请数量'.\"\\n\".'按县（区），2018–2020年' font ',13'\n"
    "set xlabel '年份'\n"
    "set ylabel '本年新收政府信息公开申请数量（件）'\n"
    "set key outside right top vertical Left reverse samplen 2.5 spacing 1.1\n"
    "set arrow from 2018.5, graph 0 to 2018.5, graph 1 nohead back dt 2 lw 1 lc rgb '#999999'\n"
    "set label '2019年表式' at 2018.5, graph 1 left offset char 0.3,-0.8 back textcolor rgb '#777777' font ',9'\n"
    "plot $c1_d using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#4E79A7' title '平潭县', \\\n"
    "     $c1_d using 1:3 with linespoints lw 2 pt 7 ps 0.8 lc rgb '#F28E2B' title '连江县', \\\n"
    "     $c1_f index 0 using 1:2 with lines dt 2 lw 1.2 lc rgb '#4E79A7' notitle, \\\n"
    "     $c1_f index 1 using 1:2 with lines dt 2 lw 1.2 lc rgb '#F28E2B' notitle, \\\n"
    "     keyentry with lines dt 2 lw 1.2 lc rgb '#555555' title '线性趋势（虚线）'\n"
    "unset output\n"
    "undefine $c1_d $c1_f\n";

START_TEST(trend_script_pinned)
{
    /* 平潭县 3 . 5 (latest 5: first in the legend), 连江县 1 2 . ; the 2019 form marked before 2019 */
    static const char *const names[] = { "平潭县", "连江县" };
    static const double v[] = { 3, NAN, 5, 1, 2, NAN };
    struct stable *t = mk_table(names, 2, 2018, 3, 1, v);
    struct measure m;
    measure_metric(&m, metric_of("req_new"), -1);
    struct chart c = { .kind = CK_TREND, .t = t, .m = &m, .by = BY_COUNTY, .fit = true };
    struct diag d;
    diag_init(&d);
    char *s = script_of(&c, "trend.svg", &d);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s, TREND_SCRIPT);
    ck_assert_uint_eq(d.n, 0);
    free(s);
    /* English: the words change, the data do not */
    c.lang = LANG_EN;
    c.fit = false;
    c.no_regimes = true;
    s = script_of(&c, "trend.png", &d);
    ck_assert(strstr(s, "set title 'New requests received'.\"\\n\".'by county, 2018–2020' font ',13'\n"));
    ck_assert(strstr(s, "set ylabel 'New requests received (cases)'\n"));
    ck_assert(strstr(s, "set xlabel 'Year'\n"));
    ck_assert(strstr(s, "set terminal pngcairo size 900,540 noenhanced font "));
    ck_assert(!strstr(s, "set arrow"));
    ck_assert(!strstr(s, "$c1_f"));
    free(s);
    stable_free(t);
    diag_free(&d);
}
END_TEST

/* Every datablock line is numbers (or NaN): no name ever inside a datablock. */
static void blocks_are_numbers(const char *s)
{
    const char *p = s;
    while ((p = strstr(p, " << EOD\n"))) {
        p += 8;
        const char *end = strstr(p, "\nEOD\n");
        ck_assert_ptr_nonnull(end);
        for (const char *q = p; q < end; q++) {
            if (strncmp(q, "NaN", 3) == 0) { q += 2; continue; }
            ck_assert_msg(strchr("0123456789.-+e \n", *q), "datablock holds '%c' in:\n%.*s", *q, (int)(end - p), p);
        }
        p = end;
    }
}

START_TEST(names_never_in_data)
{
    static const double v[] = {
        1, 2, NAN, 4, 5, 6, NAN, 8, 9, 0, 0, 1,
    };
    /* three hostile names, two years, two parts (a composition of two parts for that kind) */
    struct stable *t = mk_table(HOSTILE, 3, 2019, 2, 1, v);
    struct stable *tp = mk_table(HOSTILE, 3, 2019, 2, 2, v);
    struct measure m, mp;
    measure_metric(&m, metric_of("req_new"), -1);
    measure_parts(&mp, PARTS_OUTCOMES, -1);
    mp.nparts = 2;
    for (int k = 0; k < CK__COUNT; k++) {
        struct chart c = { .kind = (enum chart_kind_id)k, .t = t, .m = &m, .fit = true };
        if (CHART_KINDS[k].flags & CKF_PARTS) {
            c.t = tp;
            c.m = &mp;
            c.year = 2020;
        }
        struct diag d;
        diag_init(&d);
        char *s = script_of(&c, "x.svg", &d);
        ck_assert_msg(s != NULL, "%s: no script", CHART_KINDS[k].name);
        blocks_are_numbers(s);
        /* each name appears only as a quoted literal */
        char *q = quoted(HOSTILE[1]);
        ck_assert_msg(strstr(s, q), "%s: %s not quoted", CHART_KINDS[k].name, q);
        free(q);
        ck_assert(!strstr(s, "line1\n"));
        free(s);
        diag_free(&d);
    }
    stable_free(t);
    stable_free(tp);
}
END_TEST

START_TEST(nothing_to_draw)
{
    static const char *const names[] = { "甲", "乙" };
    static const double v[] = { 3, NAN, NAN, NAN };
    struct stable *t = mk_table(names, 2, 2020, 2, 1, v);
    struct measure m;
    measure_metric(&m, metric_of("req_new"), -1);
    struct chart c = { .kind = CK_COMPARE, .t = t, .m = &m, .year = 2021 };
    struct diag d;
    diag_init(&d);
    ck_assert_ptr_null(script_of(&c, "c.png", &d));
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].text, "ogistat: c.png: no values for 2021");
    diag_free(&d);
    c.year = 1999;
    diag_init(&d);
    ck_assert_ptr_null(script_of(&c, "c.png", &d));
    ck_assert_str_eq(d.v[0].text, "ogistat: c.png: no values for 1999 (the data cover 2020–2021)");
    diag_free(&d);
    /* compare without a year: the year most series have (2020) */
    c.year = 0;
    diag_init(&d);
    char *s = script_of(&c, "c.png", &d);
    ck_assert(strstr(s, "$c1_d << EOD\n1 3\nEOD\n"));
    ck_assert(strstr(s, "set label '无数据' at first 0, first 0 left"));
    free(s);
    diag_free(&d);
    static const double nan4[] = { NAN, NAN, NAN, NAN };
    struct stable *e = mk_table(names, 2, 2020, 2, 1, nan4);
    c.t = e;
    diag_init(&d);
    ck_assert_ptr_null(script_of(&c, "c.png", &d));
    ck_assert_str_eq(d.v[0].text, "ogistat: c.png: no values to draw");
    diag_free(&d);
    stable_free(e);
    stable_free(t);
}
END_TEST

START_TEST(composition_script)
{
    /* one series, parts granted 3 | refused 1 (2020), incomplete (2021), 0 requests (2022) */
    static const char *const names[] = { "甲" };
    static const double v[] = { 3, NAN, 0, 1, 2, 0 };
    struct stable *t = mk_table(names, 1, 2020, 3, 2, v);
    struct measure m;
    measure_parts(&m, PARTS_OUTCOMES, -1);
    m.nparts = 2;
    struct chart c = { .kind = CK_COMPOSITION, .t = t, .m = &m };
    struct diag d;
    diag_init(&d);
    char *s = script_of(&c, "c.pdf", &d);
    ck_assert(strstr(s, "$c1_d << EOD\n2020 0 75 75 100\nEOD\n"));
    ck_assert(strstr(s, "set label 'n=4' at 2020, 100 center"));
    ck_assert(strstr(s, "set label '数据不全' at 2021, 100 center"));
    ck_assert(strstr(s, "set label 'n=0' at 2022, 100 center"));
    ck_assert(strstr(s, "set terminal pdfcairo size 9.375in,5.625in noenhanced fontscale 0.765 font "));
    ck_assert(strstr(s, "title '予以公开'"));
    free(s);
    diag_free(&d);
    stable_free(t);
    /* no request in any year: nothing to compose, said so */
    static const double zeros[] = { 0, 0, 0, 0 };
    t = mk_table(names, 1, 2020, 2, 2, zeros);
    c.t = t;
    diag_init(&d);
    ck_assert_ptr_null(script_of(&c, "c.pdf", &d));
    ck_assert_str_eq(d.v[0].text, "ogistat: c.pdf: nothing to compose: every bar has n=0");
    diag_free(&d);
    stable_free(t);
}
END_TEST

/* ==== real rendering ==== */

static bool have_gnuplot(void)
{
    const char *path = getenv("PATH");
    if (!path) return false;
    char *p = xstrdup(path), *save = NULL;
    bool found = false;
    for (char *dir = strtok_r(p, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char f[4096];
        snprintf(f, sizeof f, "%s/gnuplot", dir);
        found = access(f, X_OK) == 0;
    }
    free(p);
    return found;
}

static char *tmpdir(void)
{
    char *d = xstrdup("/tmp/ogistat-chart-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(d));
    return d;
}

static void rmtree(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp) return;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char f[4096];
        snprintf(f, sizeof f, "%s/%s", dir, e->d_name);
        unlink(f);
    }
    closedir(dp);
    rmdir(dir);
}

static size_t entries(const char *dir)
{
    DIR *dp = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dp))) n += e->d_name[0] != '.';
    closedir(dp);
    return n;
}

static long size_of(const char *f)
{
    struct stat st;
    return stat(f, &st) == 0 ? (long)st.st_size : -1;
}

static bool starts_with_bytes(const char *f, const char *magic, size_t n)
{
    char buf[16] = { 0 };
    FILE *fp = fopen(f, "rb");
    if (!fp) return false;
    size_t k = fread(buf, 1, n, fp);
    fclose(fp);
    return k == n && memcmp(buf, magic, n) == 0;
}

static bool svg_parses(const char *f)
{
    xmlDocPtr doc = xmlReadFile(f, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    bool ok = doc && xmlDocGetRootElement(doc) && strcmp((const char *)xmlDocGetRootElement(doc)->name, "svg") == 0;
    if (doc) xmlFreeDoc(doc);
    return ok;
}

/* Render every kind of chart with hostile names into svg, png and pdf, from inside a
 * scratch directory (where a `touch` would land). */
START_TEST(render_and_injection)
{
    if (!have_gnuplot()) {
        fprintf(stderr, "check_chart: SKIPPED real rendering: gnuplot is not installed (scripts/setup.sh installs it)\n");
        return;
    }
    char *dir = tmpdir();
    char cwd[4096];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(dir), 0);
    static const double v[] = { 1, 2, NAN, 4, 5, 6, NAN, 8, 9, 0, 0, 1 };
    struct stable *t = mk_table(HOSTILE, 3, 2019, 2, 1, v);
    struct stable *tp = mk_table(HOSTILE, 3, 2019, 2, 2, v);
    struct measure m, mp;
    measure_metric(&m, metric_of("req_new"), -1);
    measure_parts(&mp, PARTS_OUTCOMES, -1);
    mp.nparts = 2;
    struct diag d;
    diag_init(&d);
    struct chart_session *s;
    ck_assert_int_eq(chart_session_open(&s, NULL, &d), 0);
    char *outs[CK__COUNT][3];
    for (int k = 0; k < CK__COUNT; k++) {
        struct chart c = { .kind = (enum chart_kind_id)k, .t = t, .m = &m, .fit = true };
        if (CHART_KINDS[k].flags & CKF_PARTS) {
            c.t = tp;
            c.m = &mp;
            c.year = 2020;
        }
        for (int e = 0; e < TERM__COUNT; e++) {
            char f[64];
            snprintf(f, sizeof f, "%s.%s", CHART_KINDS[k].name, CHART_TERM_EXT[e]);
            outs[k][e] = xstrdup(f);
        }
        ck_assert_int_eq(chart_session_add(s, &c, outs[k], 3, &d), 0);
    }
    int rc = chart_session_close(s, &d);
    char msgs[2000] = "";
    for (size_t i = 0; i < d.n; i++) {
        strncat(msgs, d.v[i].text, sizeof msgs - strlen(msgs) - 2);
        strcat(msgs, "\n");
    }
    ck_assert_msg(rc == 0, "gnuplot failed:\n%s", msgs);
    for (int k = 0; k < CK__COUNT; k++) {
        ck_assert_msg(svg_parses(outs[k][TERM_SVG]), "%s is not SVG XML", outs[k][TERM_SVG]);
        ck_assert_msg(starts_with_bytes(outs[k][TERM_PNG], "\x89PNG\r\n\x1a\n", 8), "%s: not a PNG", outs[k][TERM_PNG]);
        ck_assert_msg(starts_with_bytes(outs[k][TERM_PDF], "%PDF-", 5), "%s: not a PDF", outs[k][TERM_PDF]);
        ck_assert_int_gt(size_of(outs[k][TERM_PDF]), 1000);
        for (int e = 0; e < TERM__COUNT; e++) free(outs[k][e]);
    }
    /* nothing was executed, no temporary file is left: exactly the 15 charts */
    ck_assert_int_eq(access("x", F_OK), -1);
    ck_assert_int_eq(access("y", F_OK), -1);
    ck_assert_uint_eq(entries("."), 15);
    ck_assert_int_eq(chdir(cwd), 0);
    rmtree(dir);
    free(dir);
    stable_free(t);
    stable_free(tp);
    diag_free(&d);
}
END_TEST

/* ==== gnuplot failures, through a stand-in gnuplot on PATH ==== */

/* The stand-in echoes the markers to stderr as gnuplot's print does and writes "fake" into
 * every `set output` file; FAKE_GP=err2 reports an error in chart 2 (whose file stays empty,
 * as gnuplot leaves it), FAKE_GP=nothing writes no file, FAKE_GP=quit exits at once. */
static const char FAKE_GNUPLOT[] =
    "#!/bin/sh\n"
    "[ \"$FAKE_GP\" = quit ] && exit 0\n"
    "n=0; bad=\n"
    "while IFS= read -r line; do\n"
    "  case $line in\n"
    "    \"print 'ogistat-chart \"*) n=${line#print \\'ogistat-chart }; n=${n%\\'}; echo \"ogistat-chart $n\" >&2\n"
    "      if [ \"$FAKE_GP\" = err2 ] && [ \"$n\" = 2 ]; then\n"
    "        printf 'gnuplot> plot $c2_d using 1:2\\n                   ^\\n         line 0: all points y value undefined!\\n\\n' >&2; bad=1\n"
    "      fi ;;\n"
    "    \"set output '\"*) f=${line#set output \\'}; f=${f%\\'}\n"
    "      if [ \"$FAKE_GP\" = nothing ]; then :; elif [ \"$bad$n\" = 12 ]; then : > \"$f\"; else echo fake > \"$f\"; fi ;;\n"
    "  esac\n"
    "done\n"
    "[ -n \"$bad\" ] && exit 1\n"
    "exit 0\n";

static char *fake_gnuplot(const char *mode)
{
    char *dir = tmpdir();
    char f[4096];
    snprintf(f, sizeof f, "%s/gnuplot", dir);
    FILE *fp = fopen(f, "w");
    fputs(FAKE_GNUPLOT, fp);
    fclose(fp);
    chmod(f, 0755);
    const char *path = getenv("PATH");
    char p[8192];
    snprintf(p, sizeof p, "%s:%s", dir, path ? path : "/usr/bin:/bin");
    setenv("PATH", p, 1);
    setenv("FAKE_GP", mode, 1);
    unsetenv("OGISTAT_GNUPLOT");
    return dir;
}

/* Two charts of two outputs each into out/; returns chart_session_close's status. */
static int two_charts(const char *out, struct diag *d)
{
    static const char *const names[] = { "甲" };
    static const double v[] = { 1, 2 };
    struct stable *t = mk_table(names, 1, 2020, 2, 1, v);
    struct measure m;
    measure_metric(&m, metric_of("req_new"), -1);
    struct chart c = { .kind = CK_TREND, .t = t, .m = &m };
    struct chart_session *s;
    ck_assert_int_eq(chart_session_open(&s, NULL, d), 0);
    for (int k = 1; k <= 2; k++) {
        char a[4096], b[4096];
        snprintf(a, sizeof a, "%s/c%d.svg", out, k);
        snprintf(b, sizeof b, "%s/c%d.png", out, k);
        char *paths[] = { a, b };
        chart_session_add(s, &c, paths, 2, d);
    }
    stable_free(t);
    return chart_session_close(s, d);
}

/* A run of two_charts through the stand-in in the given mode: it fails (3). */
struct fake_run {
    char *bin, *out;
    struct diag d;
};

static void fake_run(struct fake_run *f, const char *mode)
{
    f->bin = fake_gnuplot(mode);
    f->out = tmpdir();
    diag_init(&f->d);
    ck_assert_int_eq(two_charts(f->out, &f->d), 3);
}

static void fake_done(struct fake_run *f)
{
    diag_free(&f->d);
    rmtree(f->out);
    rmtree(f->bin);
    free(f->out);
    free(f->bin);
}

START_TEST(error_names_its_chart)
{
    struct fake_run f;
    fake_run(&f, "err2");
    char p[4096];
    snprintf(p, sizeof p, "%s/c1.svg", f.out);
    ck_assert_int_eq(size_of(p), 5);             /* chart 1 is in place */
    snprintf(p, sizeof p, "%s/c2.svg", f.out);
    ck_assert_int_eq(size_of(p), -1);            /* chart 2 is not, and no temporary file is left */
    ck_assert_uint_eq(entries(f.out), 2);
    ck_assert_uint_eq(f.d.n, 1);
    char want[4200];
    snprintf(want, sizeof want, "ogistat: %s/c2.svg: gnuplot: all points y value undefined!", f.out);
    ck_assert_str_eq(f.d.v[0].text, want);
    fake_done(&f);
}
END_TEST

START_TEST(empty_outputs_removed)
{
    struct fake_run f;
    fake_run(&f, "nothing");
    ck_assert_uint_eq(entries(f.out), 0);        /* the 0-byte temporary files are gone */
    ck_assert_uint_eq(f.d.n, 4);
    char want[4200];
    snprintf(want, sizeof want, "ogistat: %s/c1.png: gnuplot wrote nothing", f.out);
    ck_assert_str_eq(f.d.v[1].text, want);
    fake_done(&f);
}
END_TEST

START_TEST(gnuplot_gone)
{
    struct fake_run f;
    fake_run(&f, "quit");                        /* exits without reading */
    ck_assert_uint_eq(entries(f.out), 0);
    ck_assert_uint_ge(f.d.n, 1);
    fake_done(&f);

    /* not installed at all */
    setenv("PATH", "/nonexistent", 1);
    unsetenv("OGISTAT_GNUPLOT");
    struct diag d;
    diag_init(&d);
    struct chart_session *s;
    ck_assert_int_eq(chart_session_open(&s, NULL, &d), 3);
    ck_assert_ptr_null(s);
    ck_assert_str_eq(d.v[0].text, "ogistat: cannot run gnuplot: No such file or directory (install gnuplot-nox: "
                                  "scripts/setup.sh does) 'gnuplot'");
    diag_free(&d);
}
END_TEST

Suite *suite_chart(void)
{
    Suite *s = suite_create("chart");
    TCase *tc = tcase_create("script");
    tcase_add_test(tc, quote);
    tcase_add_test(tc, terms_and_kinds);
    tcase_add_test(tc, trend_script_pinned);
    tcase_add_test(tc, names_never_in_data);
    tcase_add_test(tc, nothing_to_draw);
    tcase_add_test(tc, composition_script);
    suite_add_tcase(s, tc);
    TCase *gp = tcase_create("gnuplot");
    tcase_set_timeout(gp, 60);
    tcase_add_test(gp, render_and_injection);
    tcase_add_test(gp, error_names_its_chart);
    tcase_add_test(gp, empty_outputs_removed);
    tcase_add_test(gp, gnuplot_gone);
    suite_add_tcase(s, gp);
    return s;
}
