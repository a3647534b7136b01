/* check_series.c - measures and series tables (src/series.c): known answers, hand-computed. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/harmonize.h"
#include "ogistat/series.h"
#include "ogistat/util.h"
#include "testutil.h"

Suite *suite_series(void);

/* a report with a body, year, region and some cells "metric.applicant=value" (BLANK, NA or a number) */
static void mkreport(struct report *r, const char *path, const char *body, int year, const char *county,
                     const char *scope, const char *const *cells)
{
    report_init(r, path);
    r->body = body ? xstrdup(body) : NULL;
    r->year = year;
    r->county = county ? xstrdup(county) : NULL;
    r->city = xstrdup("福州市");
    r->scope = scope ? xstrdup(scope) : NULL;
    for (size_t i = 0; cells && cells[i]; i++) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", cells[i]);
        char *eq = strchr(buf, '=');
        *eq = '\0';
        char *dot = strchr(buf, '.');
        if (dot) *dot = '\0';
        int m = metric_of(buf), a = dot ? applicant_of(dot + 1) : AP_NONE;
        const char *v = eq + 1;
        if (strcmp(v, "BLANK") == 0) report_set(r, m, a, CELL_BLANK, Q_EXACT, 0, SRC_TABLE, 1);
        else if (strcmp(v, "NA") == 0) report_set(r, m, a, CELL_NA, Q_EXACT, 0, SRC_TABLE, 1);
        else report_set(r, m, a, CELL_VALUE, Q_EXACT, v100_of(v), SRC_TABLE, 1);
    }
}

START_TEST(labels)
{
    char b[64];
    label_short(b, sizeof b, "部分公开（区分处理的，只计这一情形，不计其他情形）");
    ck_assert_str_eq(b, "部分公开");
    label_short(b, sizeof b, "主动公开政府信息数（不同渠道和方式公开相同信息计1条）");
    ck_assert_str_eq(b, "主动公开政府信息数");
    label_short(b, sizeof b, "new requests (all) ");
    ck_assert_str_eq(b, "new requests");
    label_short(b, 7, "本年新收");             /* cut at a character boundary: 6 bytes = 2 characters */
    ck_assert_str_eq(b, "本年");

    struct measure m;
    ck_assert_int_eq(measure_metric(&m, metric_of("req_new"), -1), 0);
    ck_assert_int_eq(m.applicant, AP_TOTAL);
    ck_assert_str_eq(m.label[LANG_ZH], "本年新收政府信息公开申请数量");
    ck_assert_str_eq(m.label[LANG_EN], "New requests received");
    ck_assert_str_eq(m.unit[LANG_ZH], "件");
    ck_assert_str_eq(m.unit[LANG_EN], "cases");
    ck_assert(m.integral);
    ck_assert_int_eq(measure_metric(&m, metric_of("req_new"), AP_NATURAL), 0);
    ck_assert_str_eq(m.label[LANG_ZH], "本年新收政府信息公开申请数量（自然人）");
    ck_assert_str_eq(m.label[LANG_EN], "New requests received (natural person)");
    ck_assert_int_eq(measure_metric(&m, metric_of("req_new"), AP_NONE), -1);
    ck_assert_int_eq(measure_metric(&m, metric_of("pro_total"), AP_TOTAL), -1);
    ck_assert_int_eq(measure_metric(&m, metric_of("ogi_fee_yuan"), -1), 0);
    ck_assert(!m.integral);
    ck_assert_str_eq(m.unit[LANG_EN], "yuan");

    measure_parts(&m, PARTS_OUTCOMES, -1);
    ck_assert_uint_eq(m.nparts, 6);
    ck_assert_str_eq(m.part_label[1][LANG_ZH], "部分公开");
    ck_assert_str_eq(m.part_label[2][LANG_ZH], "不予公开");
    ck_assert_str_eq(m.part_label[2][LANG_EN], "refused");
    ck_assert_str_eq(m.part_label[5][LANG_EN], "other handling");
    measure_parts(&m, PARTS_REASONS, AP_ORG_LEGAL);
    ck_assert_uint_eq(m.nparts, 8);
    ck_assert_str_eq(m.part_label[0][LANG_ZH], "属于国家秘密");
    ck_assert_str_eq(m.part_label[0][LANG_EN], "state secret");
    ck_assert_str_eq(m.part_label[7][LANG_EN], "administrative inquiry matter");
    ck_assert_str_eq(m.label[LANG_ZH], "不予公开的理由（法律服务机构）");
    ck_assert_int_eq(parts_find("reasons"), PARTS_REASONS);
    ck_assert_int_eq(parts_find("refusals"), -1);
    ck_assert_int_eq(series_by_find("county"), BY_COUNTY);
    ck_assert_int_eq(series_by_find("town"), -1);
}
END_TEST

START_TEST(metric_values)
{
    struct measure m;
    measure_metric(&m, metric_of("req_new"), -1);
    double v[1];
    struct report r;
    const char *c1[] = { "req_new.total=12", "req_new.natural=7", NULL };
    mkreport(&r, "a", "甲", 2020, NULL, NULL, c1);
    m.value(&m, &r, v);
    ck_assert_double_eq(v[0], 12);
    report_free(&r);
    const char *c2[] = { "req_new.total=BLANK", NULL };
    mkreport(&r, "a", "甲", 2020, NULL, NULL, c2);
    m.value(&m, &r, v);
    ck_assert(isnan(v[0]));                      /* BLANK is missing, never 0 */
    report_free(&r);
    const char *c3[] = { "req_new.total=NA", NULL };
    mkreport(&r, "a", "甲", 2020, NULL, NULL, c3);
    m.value(&m, &r, v);
    ck_assert(isnan(v[0]));
    report_free(&r);
    mkreport(&r, "a", "甲", 2020, NULL, NULL, NULL);
    m.value(&m, &r, v);
    ck_assert(isnan(v[0]));                      /* not printed */
    report_free(&r);
    const char *c4[] = { "ogi_fee_yuan=7730.28", NULL };
    measure_metric(&m, metric_of("ogi_fee_yuan"), -1);
    mkreport(&r, "a", "甲", 2012, NULL, NULL, c4);
    m.value(&m, &r, v);
    ck_assert_double_eq_tol(v[0], 7730.28, 1e-9);
    report_free(&r);
}
END_TEST

START_TEST(harmonized_and_indicators)
{
    /* an R21 report: h_received = req_new; disclosure rate = (granted + partial) / decided */
    const char *cells[] = { "req_new.total=40", "res_granted.total=10", "res_partial.total=2", "res_total.total=16",
                            NULL };
    struct report r;
    mkreport(&r, "a", "甲", 2021, NULL, NULL, cells);
    r.regime = RG_R21;
    struct measure m;
    double v[1];
    measure_harmonized(&m, harm_find("h_received"));
    ck_assert_str_eq(m.label[LANG_ZH], "收到申请");
    ck_assert_str_eq(m.label[LANG_EN], "Received");
    ck_assert_str_eq(m.unit[LANG_ZH], "件");
    m.value(&m, &r, v);
    ck_assert_double_eq(v[0], 40);
    measure_indicator(&m, ind_find("disclosure_rate"));
    ck_assert_str_eq(m.label[LANG_ZH], "公开率");
    ck_assert_str_eq(m.label[LANG_EN], "Disclosure rate");
    ck_assert_str_eq(m.unit[LANG_ZH], "%");
    ck_assert(!m.integral);
    m.value(&m, &r, v);
    ck_assert_double_eq_tol(v[0], 75.0, 1e-9);   /* 12 / 16 */
    report_free(&r);
    /* a denominator below 10: not computed, a gap */
    const char *small[] = { "res_granted.total=1", "res_total.total=2", NULL };
    mkreport(&r, "a", "甲", 2021, NULL, NULL, small);
    r.regime = RG_R21;
    m.value(&m, &r, v);
    ck_assert(isnan(v[0]));
    report_free(&r);
    measure_indicator(&m, ind_find("app_volume"));
    ck_assert_str_eq(m.unit[LANG_ZH], "件");
    ck_assert(m.integral);
}
END_TEST

START_TEST(outcome_groups)
{
    struct measure m;
    measure_parts(&m, PARTS_OUTCOMES, -1);
    double v[MEASURE_MAX_PARTS];
    struct report r;
    /* R19: 其他处理 is one printed row; groups summed from their leaves */
    const char *r19[] = { "res_granted.total=5", "res_partial.total=2", "res_denied_state_secret.total=1",
                          "res_denied_third_party.total=2", "res_unable_not_held.total=3",
                          "res_unable_unclear.total=1", "res_noproc_repeat.total=0", "res_other_total.total=1", NULL };
    mkreport(&r, "a", "甲", 2020, NULL, NULL, r19);
    m.value(&m, &r, v);
    ck_assert_double_eq(v[0], 5);
    ck_assert_double_eq(v[1], 2);
    ck_assert_double_eq(v[2], 3);
    ck_assert_double_eq(v[3], 4);
    ck_assert_double_eq(v[4], 0);
    ck_assert_double_eq(v[5], 1);
    report_free(&r);
    /* a printed subtotal is the group's figure; a BLANK leaf leaves a group undetermined */
    const char *r21[] = { "res_granted.total=10", "res_denied_total.total=9", "res_denied_state_secret.total=1",
                          "res_unable_not_held.total=BLANK", "res_unable_unclear.total=2",
                          "res_other_no_correction.total=2", "res_other_misc.total=1", NULL };
    mkreport(&r, "a", "甲", 2021, NULL, NULL, r21);
    m.value(&m, &r, v);
    ck_assert_double_eq(v[0], 10);
    ck_assert(isnan(v[1]));                      /* 部分公开 not in the report */
    ck_assert_double_eq(v[2], 9);
    ck_assert(isnan(v[3]));
    ck_assert(isnan(v[4]));
    ck_assert_double_eq(v[5], 3);
    report_free(&r);

    /* every 表三 outcome row (registry group outcomes_new) falls in exactly one group */
    for (int mi = 0; mi < M__COUNT; mi++) {
        const char *id = REG_METRICS[mi].id;
        if (strcmp(REG_METRICS[mi].group, "outcomes_new") != 0 || strcmp(id, "res_total") == 0) continue;
        char cell[96];
        snprintf(cell, sizeof cell, "%s.total=1", id);
        const char *cells[] = { cell, NULL };
        mkreport(&r, "a", "甲", 2021, NULL, NULL, cells);
        m.value(&m, &r, v);
        double sum = 0;
        int in = 0;
        for (size_t p = 0; p < m.nparts; p++)
            if (!isnan(v[p])) { sum += v[p]; in++; }
        ck_assert_msg(in == 1 && sum == 1, "%s is in %d groups", id, in);
        report_free(&r);
    }
    measure_parts(&m, PARTS_REASONS, -1);
    const char *rs[] = { "res_denied_state_secret.total=1", "res_denied_admin_query.total=4", NULL };
    mkreport(&r, "a", "甲", 2021, NULL, NULL, rs);
    m.value(&m, &r, v);
    ck_assert_double_eq(v[0], 1);
    ck_assert(isnan(v[1]));
    ck_assert_double_eq(v[7], 4);
    report_free(&r);
}
END_TEST

struct rs {
    const char *path, *body;
    int year;
    const char *county, *scope, *value;
};

static struct stable *table_of(const struct rs *rows, size_t n, enum series_by by, const struct series_filter *f,
                               struct diag *d)
{
    struct measure *m = xmalloc(sizeof *m);
    measure_metric(m, metric_of("req_new"), -1);
    struct series_set *s = series_set_new(m, by, f);
    for (size_t i = 0; i < n; i++) {
        char cell[64];
        snprintf(cell, sizeof cell, "req_new.total=%s", rows[i].value);
        const char *cells[] = { cell, NULL };
        struct report r;
        mkreport(&r, rows[i].path, rows[i].body, rows[i].year, rows[i].county, rows[i].scope, cells);
        series_set_add(s, &r);
        report_free(&r);
    }
    struct stable *t = series_set_finish(s, d);
    free(m);
    return t;
}

static bool diag_contains(const struct diag *d, const char *what)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->v[i].text, what)) return true;
    return false;
}

START_TEST(grouping)
{
    static const struct rs rows[] = {
        { "lj21", "连江县人民政府", 2021, "连江县", "aggregate", "6" },
        { "mh19", "闽侯县人民政府", 2019, "闽侯县", "aggregate", "12" },
        { "mh22", "闽侯县人民政府", 2022, "闽侯县", "aggregate", "BLANK" },
        { "mhcz", "闽侯县财政局", 2022, "闽侯县", "body", "5" },      /* a department: not the county's figure */
        { "lj19", "连江县人民政府", 2019, "连江县", NULL, "8" },        /* scope unknown: taken */
        { "fz21", "福州市人民政府", 2021, NULL, "aggregate", "140" },  /* no county */
    };
    struct diag d;
    diag_init(&d);
    struct stable *t = table_of(rows, ARRAY_LEN(rows), BY_COUNTY, NULL, &d);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(t->nrow, 2);
    ck_assert_str_eq(t->name[0], "连江县");      /* byte order: 连 E8 < 闽 E9 */
    ck_assert_str_eq(t->name[1], "闽侯县");
    ck_assert_int_eq(t->y0, 2019);
    ck_assert_uint_eq(t->ncol, 4);               /* 2019..2022, 2020 a gap in both */
    ck_assert_double_eq(ST_V(t, 0, 0, 0), 8);
    ck_assert(isnan(ST_V(t, 0, 0, 1)));
    ck_assert_double_eq(ST_V(t, 0, 0, 2), 6);
    ck_assert(isnan(ST_V(t, 0, 0, 3)));
    ck_assert_double_eq(ST_V(t, 0, 1, 0), 12);
    ck_assert(isnan(ST_V(t, 0, 1, 3)));          /* BLANK, and the department's 5 not taken */
    ck_assert(diag_contains(&d, "1 report without a county"));
    ck_assert(diag_contains(&d, "1 department report left out"));
    stable_free(t);
    diag_free(&d);

    /* by body, with a filter: every report of the county, departments included */
    struct series_filter f = { .county = "闽侯县" };
    diag_init(&d);
    t = table_of(rows, ARRAY_LEN(rows), BY_BODY, &f, &d);
    ck_assert_uint_eq(t->nrow, 2);
    ck_assert_str_eq(t->name[0], "闽侯县人民政府");
    ck_assert_str_eq(t->name[1], "闽侯县财政局");
    ck_assert_double_eq(ST_V(t, 0, 1, 3), 5);
    stable_free(t);
    diag_free(&d);

    /* years filter; nothing left is an error */
    f = (struct series_filter){ .year_from = 2030 };
    diag_init(&d);
    t = table_of(rows, ARRAY_LEN(rows), BY_BODY, &f, &d);
    ck_assert_ptr_null(t);
    ck_assert(diag_contains(&d, "no report gives a series by body"));
    diag_free(&d);
}
END_TEST

START_TEST(duplicates)
{
    /* the same report twice (a .txt and an .html copy) agrees; a value beats a missing one;
     * two different values leave the cell undetermined, with a warning */
    static const struct rs rows[] = {
        { "a.txt", "甲", 2024, NULL, NULL, "218" }, { "a.html", "甲", 2024, NULL, NULL, "218" },
        { "b.txt", "甲", 2023, NULL, NULL, "NA" },  { "b.html", "甲", 2023, NULL, NULL, "17" },
        { "c.txt", "甲", 2022, NULL, NULL, "74" },  { "c2.txt", "甲", 2022, NULL, NULL, "75" },
        { "c3.txt", "甲", 2022, NULL, NULL, "74" },
    };
    struct diag d;
    diag_init(&d);
    struct stable *t = table_of(rows, ARRAY_LEN(rows), BY_BODY, NULL, &d);
    ck_assert_uint_eq(t->nrow, 1);
    ck_assert_double_eq(ST_V(t, 0, 0, 2), 218);
    ck_assert_double_eq(ST_V(t, 0, 0, 1), 17);
    ck_assert(isnan(ST_V(t, 0, 0, 0)));
    ck_assert_uint_eq(d.n, 1);
    ck_assert(strstr(d.v[0].text, "2022: 75 here, 74 in 'c.txt' for the same series: left undetermined '甲'"));
    stable_free(t);
    diag_free(&d);
}
END_TEST

START_TEST(table_ops)
{
    static const struct rs rows[] = {
        { "a", "甲", 2011, NULL, NULL, "1" }, { "b", "甲", 2013, NULL, NULL, "5" }, { "c", "甲", 2014, NULL, NULL, "6" },
        { "d", "乙", 2012, NULL, NULL, "NA" }, { "e", "丙", 2012, NULL, NULL, "4" },
    };
    struct diag d;
    diag_init(&d);
    struct stable *t = table_of(rows, ARRAY_LEN(rows), BY_BODY, NULL, &d);
    ck_assert_uint_eq(t->nrow, 3);
    ck_assert_str_eq(t->name[0], "丙");          /* 丙 E4B899 < 乙 E4B999 < 甲 E794B2 */
    ck_assert_str_eq(t->name[1], "乙");
    /* least squares through (2011,1) (2013,5) (2014,6): mean x 2012 2/3, mean y 4,
     * Sxy = (-5/3)(-3) + (1/3)(1) + (4/3)(2) = 8, Sxx = 25/9 + 1/9 + 16/9 = 14/3: slope 12/7 */
    double a, b;
    ck_assert(stable_fit(t, 0, 2, &a, &b));
    ck_assert_double_eq_tol(b, 12.0 / 7.0, 1e-12);
    ck_assert_double_eq_tol(a + b * 2012.6666666666667, 4.0, 1e-9);   /* through the means */
    ck_assert(!stable_fit(t, 0, 0, &a, &b));     /* one point */
    ck_assert(!stable_row_has_data(t, 1));
    struct stable *one = stable_row(t, 2);
    ck_assert_uint_eq(one->nrow, 1);
    ck_assert_str_eq(one->name[0], "甲");
    ck_assert_double_eq(ST_V(one, 0, 0, 3), 6);
    stable_free(one);
    ck_assert_uint_eq(stable_drop_empty(t), 1);
    ck_assert_uint_eq(t->nrow, 2);
    ck_assert_str_eq(t->name[1], "甲");
    ck_assert_double_eq(ST_V(t, 0, 0, 1), 4);
    ck_assert_double_eq(ST_V(t, 0, 1, 2), 5);
    stable_free(t);
    diag_free(&d);
}
END_TEST

Suite *suite_series(void)
{
    Suite *s = suite_create("series");
    TCase *tc = tcase_create("series");
    tcase_add_test(tc, labels);
    tcase_add_test(tc, metric_values);
    tcase_add_test(tc, harmonized_and_indicators);
    tcase_add_test(tc, outcome_groups);
    tcase_add_test(tc, grouping);
    tcase_add_test(tc, duplicates);
    tcase_add_test(tc, table_ops);
    suite_add_tcase(s, tc);
    return s;
}
