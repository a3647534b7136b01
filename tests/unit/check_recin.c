/* check_recin.c - records CSV input (src/recin.c): long and wide round trips, bad rows. */
#define _DEFAULT_SOURCE          /* mkstemps */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE          /* mkstemps */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ogistat/output.h"
#include "ogistat/recin.h"
#include "ogistat/util.h"
#include "testutil.h"

Suite *suite_recin(void);

struct got {
    struct report r[4];
    size_t n;
};

/* keep a copy of each report's cells and header */
static int keep(struct report *r, void *ctx)
{
    struct got *g = ctx;
    ck_assert_uint_lt(g->n, 4);
    struct report *k = &g->r[g->n++];
    *k = *r;                      /* take ownership */
    report_init(r, "-");          /* leave the caller something to free */
    return 0;
}

static char *write_tmp(const char *text)
{
    char *p = xstrdup("/tmp/ogistat-recin-XXXXXX.csv");
    int fd = mkstemps(p, 4);
    ck_assert_int_ge(fd, 0);
    FILE *fp = fdopen(fd, "w");
    fputs(text, fp);
    fclose(fp);
    return p;
}

static void got_free(struct got *g)
{
    for (size_t i = 0; i < g->n; i++) report_free(&g->r[i]);
}

START_TEST(long_round_trip)
{
    /* a parsed report written long and read back has the same cells */
    struct report a;
    size_t n;
    char *doc = load_fixture("seed004_tables.txt", &n);
    parse_doc(&a, doc);
    free(doc);
    ck_assert_uint_gt(a.ncells, 50);
    char *p = xstrdup("/tmp/ogistat-recin-XXXXXX.csv");
    int fd = mkstemps(p, 4);
    FILE *fp = fdopen(fd, "w");
    struct out_writer *w = out_new(fp, OUT_LONG, 0);
    out_report(w, &a);
    ck_assert_int_eq(out_free(w), 0);
    fclose(fp);

    struct got g = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(recin_csv(p, keep, &g, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(g.n, 1);
    ck_assert_int_eq(a.body == NULL, g.r[0].body == NULL);
    if (a.body) ck_assert_str_eq(g.r[0].body, a.body);
    ck_assert_int_eq(g.r[0].year, a.year);
    ck_assert_int_eq(g.r[0].regime, a.regime);
    ck_assert_uint_eq(g.r[0].ncells, a.ncells);
    report_sort(&a);
    for (size_t i = 0; i < a.ncells; i++) {
        const struct cell *x = &a.cells[i], *y = &g.r[0].cells[i];
        ck_assert_int_eq(x->metric, y->metric);
        ck_assert_int_eq(x->applicant, y->applicant);
        ck_assert_int_eq(x->status, y->status);
        ck_assert_int_eq(x->q, y->q);
        ck_assert(x->v100 == y->v100);
        ck_assert_int_eq(x->source, y->source);
        ck_assert_int_eq(x->line, y->line);
    }
    got_free(&g);
    diag_free(&d);
    report_free(&a);
    unlink(p);
    free(p);
}
END_TEST

START_TEST(long_groups_and_bad_rows)
{
    char *p = write_tmp("report,body,year,regime,province,city,county,scope,metric,applicant,value,status,qualifier,source,line\n"
                        "a.txt,甲局,2023,R21,,,,body,req_new,natural,5,VALUE,exact,table,10\n"
                        "a.txt,甲局,2023,R21,,,,body,req_new,total,,BLANK,exact,table,10\n"
                        "a.txt,甲局,2023,R21,,,,body,no_such_metric,-,1,VALUE,exact,table,11\n"
                        "b.txt,乙局,2022,R19,,,,,ogi_fee_yuan,-,7730.28,VALUE,exact,text,4\n"
                        "b.txt,乙局,2022,R19,,,,,req_new,natural,12x,VALUE,exact,table,5\n"
                        "c.txt,,,none,,,,,-,-,,NA,,,\n");
    struct got g = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(recin_csv(p, keep, &g, &d), 1);
    ck_assert_uint_eq(g.n, 3);
    ck_assert_uint_eq(g.r[0].ncells, 2);
    CELL_IS(&g.r[0], "req_new", "natural", "5", 10);
    CELL_IS(&g.r[0], "req_new", "total", "BLANK", 10);
    ck_assert_uint_eq(g.r[1].ncells, 1);
    ck_assert_int_eq(g.r[1].cells[0].metric, metric_of("ogi_fee_yuan"));
    ck_assert(g.r[1].cells[0].v100 == 773028);
    ck_assert_int_eq(g.r[1].cells[0].line, 4);
    ck_assert_int_eq(g.r[1].cells[0].source, SRC_TEXT);
    ck_assert_uint_eq(g.r[2].ncells, 0);
    ck_assert_uint_eq(d.n, 2);
    ck_assert_ptr_nonnull(strstr(d.v[0].text, ":4: unknown metric (see ogistat metrics) 'no_such_metric'"));
    ck_assert_ptr_nonnull(strstr(d.v[1].text, ":6: not a number '12x'"));
    got_free(&g);
    diag_free(&d);
    unlink(p);
    free(p);
}
END_TEST

START_TEST(wide_cells)
{
    char *p = write_tmp("report,body,year,regime,province,city,county,scope,region_code,req_new.natural,req_new.total,ogi_fee_yuan\n"
                        "a.txt,甲局,2023,R21,福建省,福州市,平潭县,body,350128,3,BLANK,NA\n"
                        "b.txt,乙局,2023,R21,,,,,,,0,\n");
    struct got g = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(recin_csv(p, keep, &g, &d), 0);
    ck_assert_uint_eq(g.n, 2);
    ck_assert_str_eq(g.r[0].county, "平潭县");
    ck_assert_str_eq(g.r[0].region_code, "350128");
    CELL_IS(&g.r[0], "req_new", "natural", "3", 0);
    CELL_IS(&g.r[0], "req_new", "total", "BLANK", 0);
    CELL_IS(&g.r[0], "ogi_fee_yuan", "-", "NA", 0);
    ck_assert_uint_eq(g.r[1].ncells, 1);
    CELL_IS(&g.r[1], "req_new", "total", "0", 0);
    got_free(&g);
    diag_free(&d);
    unlink(p);
    free(p);
}
END_TEST

START_TEST(not_records)
{
    char *p = write_tmp("a,b\n1,2\n");
    struct got g = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(recin_csv(p, keep, &g, &d), 1);
    ck_assert_uint_eq(g.n, 0);
    ck_assert_ptr_nonnull(strstr(d.v[0].text, ":1: not a records CSV: no 'report' column"));
    diag_free(&d);
    unlink(p);
    free(p);
}
END_TEST

START_TEST(v100_parse_cases)
{
    int64_t v;
    ck_assert_int_eq(v100_parse("1234", &v), 0); ck_assert(v == 123400);
    ck_assert_int_eq(v100_parse("-8", &v), 0); ck_assert(v == -800);
    ck_assert_int_eq(v100_parse("7730.28", &v), 0); ck_assert(v == 773028);
    ck_assert_int_eq(v100_parse("0.5", &v), 0); ck_assert(v == 50);
    ck_assert_int_eq(v100_parse("1.234", &v), -1);
    ck_assert_int_eq(v100_parse("", &v), -1);
    ck_assert_int_eq(v100_parse("1.", &v), -1);
    ck_assert_int_eq(v100_parse("99999999999999999999", &v), -1);
}
END_TEST

Suite *suite_recin(void)
{
    Suite *s = suite_create("recin");
    TCase *t = tcase_create("core");
    tcase_add_test(t, long_round_trip);
    tcase_add_test(t, long_groups_and_bad_rows);
    tcase_add_test(t, wide_cells);
    tcase_add_test(t, not_records);
    tcase_add_test(t, v100_parse_cases);
    suite_add_tcase(s, t);
    return s;
}
