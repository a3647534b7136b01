/* check_output.c - unit tests for output.c (long and wide CSV, atomic output files)
 * and record.c (cells, v100_format, names).
 *
 * CSV output is compared byte for byte (long) or read back with csvr_read (wide,
 * whose header has one column per metric and applicant). Atomic files are checked
 * by listing a private mkdtemp directory at each step.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ogistat/csvio.h"
#include "ogistat/output.h"
#include "ogistat/record.h"
#include "ogistat/registry.h"

Suite *suite_output(void);

/* ==== helpers ==== */

static const char LONG_HEADER[] =
    "report,body,year,regime,province,city,county,scope,metric,applicant,value,status,qualifier,source,line\n";

/* Write reports with a fresh writer into memory; returns the malloc'd output. */
static char *write_reports(enum out_format fmt, struct report *const *rs, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    struct out_writer *w = out_new(fp, fmt, 0);
    for (size_t i = 0; i < n; i++) out_report(w, rs[i]);
    ck_assert_int_eq(out_free(w), 0);
    ck_assert_int_eq(fclose(fp), 0);
    return buf;
}

/* The seed_004-like report used by several tests. */
static void make_report(struct report *r)
{
    report_init(r, "data/reports/seed_004.txt");
    r->body = strdup("漳州市司法局");
    r->year = 2023;
    r->regime = RG_R21;
    r->province = strdup("福建省");
    r->city = strdup("漳州市");
    r->scope = strdup("body");
    r->region_code = strdup("350600");
    r->body_type = strdup("dept");
    report_set(r, M_ART20_NORMDOC_IN_FORCE, AP_NONE, CELL_VALUE, Q_EXACT, 100, SRC_TABLE, 12);
    report_set(r, M_ART20_FEE_AMOUNT_YUAN, AP_NONE, CELL_VALUE, Q_EXACT, INT64_C(7730280000), SRC_TABLE, 22);
    report_set(r, M_ART20_OTHERSVC_DELTA, AP_NONE, CELL_VALUE, Q_EXACT, -400, SRC_TABLE, 40);
    report_set(r, M_REQ_NEW, AP_NATURAL, CELL_VALUE, Q_EXACT, 100, SRC_TABLE, 27);
    report_set(r, M_REQ_NEW, AP_TOTAL, CELL_VALUE, Q_EXACT, 0, SRC_TABLE, 27);
    report_set(r, M_RES_GRANTED, AP_ORG_NGO, CELL_BLANK, Q_EXACT, 0, SRC_TABLE, 29);
    report_set(r, M_REV_TOTAL, AP_NONE, CELL_NA, Q_EXACT, 0, SRC_TABLE, 56);
    report_set(r, M_PRO_TOTAL, AP_NONE, CELL_VALUE, Q_AT_LEAST, 550000, SRC_TEXT, 0);
}

static const char SEED_LONG_ROWS[] =
    "data/reports/seed_004.txt,漳州市司法局,2023,R21,福建省,漳州市,,body,art20_normdoc_in_force,-,1,VALUE,exact,table,12\n"
    "data/reports/seed_004.txt,漳州市司法局,2023,R21,福建省,漳州市,,body,art20_fee_amount_yuan,-,77302800,VALUE,exact,table,22\n"
    "data/reports/seed_004.txt,漳州市司法局,2023,R21,福建省,漳州市,,body,art20_othersvc_delta,-,-4,VALUE,exact,table,40\n"
    "data/reports/seed_004.txt,漳州市司法局,2023,R21,福建省,漳州市,,body,req_new,natural,1,VALUE,exact,table,27\n"
    "data/reports/seed_004.txt,漳州市司法局,2023,R21,福建省,漳州市,,body,req_new,total,0,VALUE,exact,table,27\n"
    "data/reports/seed_004.txt,漳州市司法局,2023,R21,福建省,漳州市,,body,res_granted,org_ngo,,BLANK,exact,table,29\n"
    "data/reports/seed_004.txt,漳州市司法局,2023,R21,福建省,漳州市,,body,rev_total,-,,NA,exact,table,56\n"
    "data/reports/seed_004.txt,漳州市司法局,2023,R21,福建省,漳州市,,body,pro_total,-,5500,VALUE,at_least,text,\n";

/* Rows read back with csvr_read. */
struct rows {
    char **cells;               /* row-major, ncols fixed by the first row */
    size_t nrows, ncols, cap;
    bool ragged;
};

static int on_row(void *ctx, size_t nf, char **f, const size_t *lens, long rowno, long line)
{
    struct rows *r = ctx;
    (void)lens;
    (void)rowno;
    (void)line;
    if (r->nrows == 0) r->ncols = nf;
    if (nf != r->ncols) { r->ragged = true; return 0; }
    if ((r->nrows + 1) * r->ncols > r->cap) {
        r->cap = (r->nrows + 1) * r->ncols * 2;
        r->cells = realloc(r->cells, r->cap * sizeof *r->cells);
        ck_assert_ptr_nonnull(r->cells);
    }
    for (size_t i = 0; i < nf; i++) r->cells[r->nrows * r->ncols + i] = strdup(f[i]);
    r->nrows++;
    return 0;
}

static void read_rows(const char *csv, struct rows *out)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fmemopen((void *)csv, strlen(csv), "r");
    ck_assert_ptr_nonnull(fp);
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(csvr_read(fp, "wide", on_row, out, &d), 0);
    diag_free(&d);
    fclose(fp);
    ck_assert_msg(!out->ragged, "rows of different widths");
}

static void rows_free(struct rows *r)
{
    for (size_t i = 0; i < r->nrows * r->ncols; i++) free(r->cells[i]);
    free(r->cells);
}

static const char *cell_at(const struct rows *r, size_t row, const char *col)
{
    for (size_t j = 0; j < r->ncols; j++)
        if (strcmp(r->cells[j], col) == 0) return r->cells[row * r->ncols + j];
    ck_abort_msg("no column '%s' in the wide header", col);
    return NULL;
}

/* Names in a directory (not . and ..), sorted, joined with ' '. */
static void list_dir(const char *dir, char *buf, size_t sz)
{
    DIR *dp = opendir(dir);
    ck_assert_ptr_nonnull(dp);
    char *names[16];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && n < 16) names[n++] = strdup(e->d_name);
    closedir(dp);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    buf[0] = '\0';
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int k = snprintf(buf + o, sz - o, "%s%s", i ? " " : "", names[i]);
        if (k > 0 && (size_t)k < sz - o) o += (size_t)k;
        free(names[i]);
    }
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s: %s", path, strerror(errno));
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* ==== record.c ==== */

START_TEST(test_v100_format)
{
    static const struct { int64_t v; const char *s; } v[] = {
        { 0, "0" },
        { 100, "1" },
        { 773028, "7730.28" },
        { 150, "1.5" },
        { -400, "-4" },
        { INT64_C(7730280000), "77302800" },
        { INT64_C(961716000), "9617160" },
        { 550000, "5500" },
        { 5, "0.05" },
        { 10, "0.1" },
        { 1, "0.01" },
        { -5, "-0.05" },
        { -150, "-1.5" },
        { 99, "0.99" },
        { 101, "1.01" },
        { INT64_MAX, "92233720368547758.07" },
        { INT64_MIN, "-92233720368547758.08" },
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char buf[40];
        memset(buf, 'x', sizeof buf);
        v100_format(v[i].v, buf, 32);
        ck_assert_msg(strcmp(buf, v[i].s) == 0, "v100_format(%" PRId64 ") = '%s', want '%s'", v[i].v, buf, v[i].s);
    }
    /* a short buffer is never overrun */
    char small[8];
    memset(small, 'x', sizeof small);
    v100_format(773028, small, 4);
    ck_assert_str_eq(small, "773");
    ck_assert_int_eq(small[4], 'x');
}
END_TEST

START_TEST(test_record_cells)
{
    struct report r;
    report_init(&r, "a.txt");
    ck_assert_str_eq(r.path, "a.txt");
    ck_assert_ptr_null(r.body);
    ck_assert_int_eq(r.year, 0);
    ck_assert_int_eq(r.regime, RG_NONE);
    ck_assert_uint_eq(r.ncells, 0);
    ck_assert_ptr_null(report_get(&r, M_REQ_NEW, AP_TOTAL));
    /* set, then replace the same metric+applicant: one cell */
    report_set(&r, M_REQ_NEW, AP_TOTAL, CELL_BLANK, Q_EXACT, 0, SRC_TABLE, 3);
    const struct cell *c = report_set(&r, M_REQ_NEW, AP_TOTAL, CELL_VALUE, Q_AT_LEAST, 2100, SRC_TEXT, 4);
    ck_assert_uint_eq(r.ncells, 1);
    ck_assert_ptr_eq(report_get(&r, M_REQ_NEW, AP_TOTAL), c);
    ck_assert_int_eq(c->status, CELL_VALUE);
    ck_assert_int_eq(c->v100, 2100);
    ck_assert_int_eq(c->q, Q_AT_LEAST);
    ck_assert_int_eq(c->source, SRC_TEXT);
    ck_assert_int_eq(c->line, 4);
    /* a non-value keeps no number */
    c = report_set(&r, M_REQ_NEW, AP_NATURAL, CELL_NA, Q_EXACT, 777, SRC_TABLE, 5);
    ck_assert_int_eq(c->v100, 0);
    ck_assert_ptr_null(report_get(&r, M_REQ_NEW, AP_ORG_OTHER));
    /* many cells: storage grows, lookups stay right */
    for (int m = 0; m < M__COUNT; m++) report_set(&r, m, AP_NONE, CELL_VALUE, Q_EXACT, m * 100, SRC_TABLE, m);
    ck_assert_uint_eq(r.ncells, 2 + (size_t)M__COUNT);
    ck_assert_int_eq(report_get(&r, M_PRO_TOTAL, AP_NONE)->v100, M_PRO_TOTAL * 100);
    /* sort: registry order of metrics, then applicants */
    report_sort(&r);
    for (size_t i = 1; i < r.ncells; i++) {
        const struct cell *a = &r.cells[i - 1], *b = &r.cells[i];
        ck_assert_msg(a->metric < b->metric || (a->metric == b->metric && a->applicant < b->applicant),
                      "cells %zu and %zu out of order", i - 1, i);
    }
    ck_assert_int_eq(report_get(&r, M_REQ_NEW, AP_TOTAL)->v100, 2100);
    report_free(&r);
    report_free(&r);            /* freed reports are empty: a second free is harmless */
    report_free(NULL);
}
END_TEST

START_TEST(test_names)
{
    ck_assert_str_eq(regime_name(RG_NONE), "none");
    ck_assert_str_eq(regime_name(RG_R08), "R08");
    ck_assert_str_eq(regime_name(RG_R14), "R14");
    ck_assert_str_eq(regime_name(RG_R19), "R19");
    ck_assert_str_eq(regime_name(RG_R21), "R21");
    ck_assert_str_eq(regime_name((enum regime)99), "none");
    ck_assert_str_eq(qualifier_name(Q_EXACT), "exact");
    ck_assert_str_eq(qualifier_name(Q_AT_LEAST), "at_least");
    ck_assert_str_eq(qualifier_name(Q_AT_MOST), "at_most");
    ck_assert_str_eq(qualifier_name(Q_APPROX), "approx");
    ck_assert_str_eq(qualifier_name(Q_ROUNDED), "rounded");
    ck_assert_str_eq(status_name(CELL_VALUE), "VALUE");
    ck_assert_str_eq(status_name(CELL_BLANK), "BLANK");
    ck_assert_str_eq(status_name(CELL_NA), "NA");
    ck_assert_str_eq(status_name(CELL_UNPARSEABLE), "NA");
}
END_TEST

/* ==== long CSV ==== */

START_TEST(test_long_exact)
{
    struct report r;
    make_report(&r);
    struct report *rs[] = { &r };
    char *out = write_reports(OUT_LONG, rs, 1);
    char want[4096];
    snprintf(want, sizeof want, "%s%s", LONG_HEADER, SEED_LONG_ROWS);
    ck_assert_str_eq(out, want);
    free(out);
    /* the header names, as exported */
    for (size_t i = 0; i < 15; i++) ck_assert_ptr_nonnull(strstr(LONG_HEADER, OUT_LONG_HEADER[i]));
    ck_assert_str_eq(OUT_LONG_HEADER[0], "report");
    ck_assert_str_eq(OUT_LONG_HEADER[14], "line");
    report_free(&r);
}
END_TEST

START_TEST(test_long_no_cells_and_quoting)
{
    /* a report with no cells keeps its header fields in one row, metric "-" */
    struct report a, b;
    report_init(&a, "reports/006_pingtan_dishuiju_2013.txt");
    a.body = strdup("平潭综合实验区地方税务局");
    a.year = 2013;
    report_init(&b, "dir/a,b \"x\".txt");                /* quoting: comma and quotes */
    b.body = strdup(" 前后空格 ");                        /* leading/trailing spaces are quoted */
    report_set(&b, M_REQ_NEW, AP_TOTAL, CELL_VALUE, Q_EXACT, 300, SRC_TABLE, 7);
    struct report *rs[] = { &a, &b };
    char *out = write_reports(OUT_LONG, rs, 2);
    char want[2048];
    snprintf(want, sizeof want, "%s%s%s", LONG_HEADER,
             "reports/006_pingtan_dishuiju_2013.txt,平潭综合实验区地方税务局,2013,none,,,,,-,-,,NA,,,\n",
             "\"dir/a,b \"\"x\"\".txt\",\" 前后空格 \",,none,,,,,req_new,total,3,VALUE,exact,table,7\n");
    ck_assert_str_eq(out, want);
    free(out);
    report_free(&a);
    report_free(&b);
}
END_TEST

/* ==== wide CSV ==== */

START_TEST(test_wide)
{
    struct report r, e;
    make_report(&r);
    report_init(&e, "empty.txt");
    struct report *rs[] = { &r, &e };
    char *out = write_reports(OUT_WIDE, rs, 2);
    struct rows t;
    read_rows(out, &t);
    free(out);
    /* header + one row per report */
    ck_assert_uint_eq(t.nrows, 3);
    size_t want_cols = 10;
    for (int m = 0; m < M__COUNT; m++) want_cols += REG_METRICS[m].applicant_dim ? 8 : 1;
    ck_assert_uint_eq(t.ncols, want_cols);
    static const char *const meta[] = { "report", "body", "year", "regime", "province", "city", "county", "scope",
                                        "region_code", "body_type" };
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++) ck_assert_str_eq(t.cells[i], meta[i]);
    ck_assert_str_eq(t.cells[10], REG_METRICS[0].applicant_dim ? "req_new.natural" : REG_METRICS[0].id);
    /* every metric.applicant column appears once */
    ck_assert_str_eq(cell_at(&t, 0, "req_new.org_subtotal"), "req_new.org_subtotal");
    /* report 1 */
    ck_assert_str_eq(cell_at(&t, 1, "report"), "data/reports/seed_004.txt");
    ck_assert_str_eq(cell_at(&t, 1, "body"), "漳州市司法局");
    ck_assert_str_eq(cell_at(&t, 1, "year"), "2023");
    ck_assert_str_eq(cell_at(&t, 1, "regime"), "R21");
    ck_assert_str_eq(cell_at(&t, 1, "province"), "福建省");
    ck_assert_str_eq(cell_at(&t, 1, "county"), "");
    ck_assert_str_eq(cell_at(&t, 1, "scope"), "body");
    ck_assert_str_eq(cell_at(&t, 1, "region_code"), "350600");
    ck_assert_str_eq(cell_at(&t, 1, "body_type"), "dept");
    ck_assert_str_eq(cell_at(&t, 1, "art20_normdoc_in_force"), "1");
    ck_assert_str_eq(cell_at(&t, 1, "art20_fee_amount_yuan"), "77302800");
    ck_assert_str_eq(cell_at(&t, 1, "art20_othersvc_delta"), "-4");
    ck_assert_str_eq(cell_at(&t, 1, "req_new.natural"), "1");
    ck_assert_str_eq(cell_at(&t, 1, "req_new.total"), "0");
    ck_assert_str_eq(cell_at(&t, 1, "req_new.org_business"), "");      /* not in the report */
    ck_assert_str_eq(cell_at(&t, 1, "res_granted.org_ngo"), "BLANK");
    ck_assert_str_eq(cell_at(&t, 1, "rev_total"), "NA");
    ck_assert_str_eq(cell_at(&t, 1, "pro_total"), "5500");
    ck_assert_str_eq(cell_at(&t, 1, "req_carry_out.total"), "");
    /* exactly the report's 8 cells are non-empty beyond the metadata */
    size_t filled = 0;
    for (size_t j = 10; j < t.ncols; j++) filled += t.cells[t.ncols + j][0] != '\0';
    ck_assert_uint_eq(filled, 8);
    /* report 2: no cells, metadata only */
    ck_assert_str_eq(cell_at(&t, 2, "report"), "empty.txt");
    ck_assert_str_eq(cell_at(&t, 2, "regime"), "none");
    ck_assert_str_eq(cell_at(&t, 2, "year"), "");
    for (size_t j = 9; j < t.ncols; j++) ck_assert_str_eq(t.cells[2 * t.ncols + j], "");
    rows_free(&t);
    report_free(&r);
    report_free(&e);
}
END_TEST

/* ==== atomic files ==== */

START_TEST(test_ofile_atomic)
{
    char dir[] = "/tmp/ogistat-check-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256], ls[512];
    snprintf(path, sizeof path, "%s/records.csv", dir);

    struct ofile o;
    ck_assert_int_eq(ofile_open(&o, path), 0);
    ck_assert_ptr_nonnull(o.fp);
    /* only a temporary file beside the final path */
    list_dir(dir, ls, sizeof ls);
    ck_assert_msg(strncmp(ls, "records.csv.tmp", 15) == 0 && !strchr(ls, ' '), "before commit: '%s'", ls);
    ck_assert_int_eq(access(path, F_OK), -1);
    struct out_writer *w = out_new(o.fp, OUT_LONG, 0);
    struct report r;
    make_report(&r);
    out_report(w, &r);
    report_free(&r);
    ck_assert_int_eq(out_free(w), 0);
    ck_assert_int_eq(access(path, F_OK), -1);       /* still not there after the writer is done */
    ck_assert_int_eq(ofile_commit(&o), 0);
    list_dir(dir, ls, sizeof ls);
    ck_assert_str_eq(ls, "records.csv");
    char want[4096];
    snprintf(want, sizeof want, "%s%s", LONG_HEADER, SEED_LONG_ROWS);
    ck_assert_str_eq(slurp(path), want);

    /* an aborted rewrite leaves the old file as it was, and no temporary file */
    ck_assert_int_eq(ofile_open(&o, path), 0);
    fputs("half-written", o.fp);
    list_dir(dir, ls, sizeof ls);
    ck_assert_msg(strncmp(ls, "records.csv records.csv.tmp", 27) == 0, "during rewrite: '%s'", ls);
    ofile_abort(&o);
    list_dir(dir, ls, sizeof ls);
    ck_assert_str_eq(ls, "records.csv");
    ck_assert_str_eq(slurp(path), want);
    ck_assert_ptr_null(o.fp);

    /* a committed rewrite replaces it */
    ck_assert_int_eq(ofile_open(&o, path), 0);
    fputs("new\n", o.fp);
    ck_assert_int_eq(ofile_commit(&o), 0);
    ck_assert_str_eq(slurp(path), "new\n");
    list_dir(dir, ls, sizeof ls);
    ck_assert_str_eq(ls, "records.csv");

    /* a first write that is aborted leaves nothing */
    char path2[256];
    snprintf(path2, sizeof path2, "%s/other.csv", dir);
    ck_assert_int_eq(ofile_open(&o, path2), 0);
    fputs("x\n", o.fp);
    ofile_abort(&o);
    list_dir(dir, ls, sizeof ls);
    ck_assert_str_eq(ls, "records.csv");

    /* abort of a never-opened (zeroed) ofile, and a second abort, are harmless */
    struct ofile z;
    memset(&z, 0, sizeof z);
    ofile_abort(&z);
    ofile_abort(&o);
    ck_assert_int_eq(ofile_commit(&z), 0);

    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_ofile_commit_fails_cleanly)
{
    char dir[] = "/tmp/ogistat-check-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256], ls[512];
    /* a directory that does not exist: open fails, errno says why, nothing is created */
    snprintf(path, sizeof path, "%s/missing/records.csv", dir);
    struct ofile o;
    errno = 0;
    ck_assert_int_eq(ofile_open(&o, path), -1);
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_ptr_null(o.fp);
    ck_assert_ptr_null(o.tmp);
    /* the rename fails (the final path became a directory): -1, and the temporary file is removed */
    snprintf(path, sizeof path, "%s/out", dir);
    ck_assert_int_eq(ofile_open(&o, path), 0);
    fputs("data\n", o.fp);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    errno = 0;
    ck_assert_int_eq(ofile_commit(&o), -1);
    ck_assert_int_ne(errno, 0);
    list_dir(dir, ls, sizeof ls);
    ck_assert_str_eq(ls, "out");
    ofile_abort(&o);                                 /* after a failed commit: harmless */
    ck_assert_int_eq(rmdir(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_ofile_dev_full)
{
    if (access("/dev/full", W_OK) != 0) return;     /* no /dev/full here: nothing to test */
    struct ofile o;
    ck_assert_int_eq(ofile_open(&o, "/dev/full"), 0);
    ck_assert_ptr_nonnull(o.fp);
    ck_assert_ptr_null(o.tmp);                      /* a device is written directly, no temporary file in /dev */
    fputs("report,body\n", o.fp);                   /* buffered: the error shows at commit */
    errno = 0;
    ck_assert_int_eq(ofile_commit(&o), -1);
    ck_assert_int_eq(errno, ENOSPC);
    ck_assert_ptr_null(o.fp);

    /* through the CSV writer: out_free reports it, and so does the commit */
    ck_assert_int_eq(ofile_open(&o, "/dev/full"), 0);
    struct out_writer *w = out_new(o.fp, OUT_LONG, 0);
    struct report r;
    make_report(&r);
    out_report(w, &r);
    report_free(&r);
    ck_assert_int_eq(out_free(w), -1);
    ck_assert_int_eq(ofile_commit(&o), -1);
}
END_TEST

Suite *suite_output(void)
{
    Suite *s = suite_create("output");
    TCase *tr = tcase_create("record");
    tcase_add_test(tr, test_v100_format);
    tcase_add_test(tr, test_record_cells);
    tcase_add_test(tr, test_names);
    suite_add_tcase(s, tr);

    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, test_long_exact);
    tcase_add_test(tc, test_long_no_cells_and_quoting);
    tcase_add_test(tc, test_wide);
    suite_add_tcase(s, tc);

    TCase *tf = tcase_create("files");
    tcase_add_test(tf, test_ofile_atomic);
    tcase_add_test(tf, test_ofile_commit_fails_cleanly);
    tcase_add_test(tf, test_ofile_dev_full);
    suite_add_tcase(s, tf);
    return s;
}
