/* check_harmonize.c - harmonize.c: old and new templates mapped into the h_* partition,
 * the partition summing to the decided total ((七)总计 reproduced), grades, and the
 * indicators with their denominators and the minimum-denominator guard.
 *
 * Real reports come from tests/data/unit (see its README); the expected numbers
 * are the report's own cells, added by hand in the comments. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/harmonize.h"
#include "testutil.h"

Suite *suite_harmonize(void);

#define EPS 1e-9

static void parse_fixture(struct report *r, const char *name)
{
    size_t n;
    char *doc = load_fixture(name, &n);
    parse_doc(r, doc);
    free(doc);
}

static void h_is_at(const struct hval *h, int id, enum h_status st, char grade, double value, int line)
{
    ck_assert_msg(h[id].st == st, "line %d: %s status %s, expected %s", line, H_DEFS[id].id,
                  harm_status_name(h[id].st), harm_status_name(st));
    ck_assert_msg(h[id].grade == grade, "line %d: %s grade %c, expected %c", line, H_DEFS[id].id, h[id].grade, grade);
    if (st == HS_VALUE)
        ck_assert_msg(h[id].v100 == (int64_t)llround(value * 100), "line %d: %s = %.2f, expected %.2f", line,
                      H_DEFS[id].id, h[id].v100 / 100.0, value);
}
#define H_IS(h, id, st, g, v) h_is_at((h), (id), (st), (g), (v), __LINE__)

/* The partition members that are values add up to h_decided. */
static void partition_sums(const struct hval *h)
{
    ck_assert_int_eq(h[H_DECIDED].st, HS_VALUE);
    int64_t s = 0;
    for (int p = H_PART_FIRST; p <= H_PART_LAST; p++)
        if (h[p].st == HS_VALUE) s += h[p].v100;
    ck_assert_int_eq(s, h[H_DECIDED].v100);
}

static void set(struct report *r, int m, double v)
{
    report_set(r, m, REG_METRICS[m].applicant_dim ? AP_TOTAL : AP_NONE, CELL_VALUE, Q_EXACT,
               (int64_t)llround(v * 100), SRC_TABLE, 1);
}

/* ==== new templates ==== */

START_TEST(test_r21_flattened_2021)
{
    /* 015 (平潭 2021): granted 30, partial 5; 不予公开 0 0 0 0 1 0 6 1 = 8 (reason 8 行政查询 is a
     * refusal); not held 25; needs creation 0; unclear 0 + 逾期不补正 0; 不予处理 0 x 5;
     * 其他 0 + 0 + 1; (七)总计 69 = 30 + 5 + 8 + 25 + 0 + 0 + 0 + 1 */
    struct report r;
    parse_fixture(&r, "015_flattened_tables.txt");
    ck_assert_int_eq(r.regime, RG_R21);
    struct hval h[H__COUNT];
    harm_report(&r, h);
    H_IS(h, H_RECEIVED, HS_VALUE, 'A', 70);
    H_IS(h, H_DECIDED, HS_VALUE, 'A', 69);
    H_IS(h, H_GRANT_FULL, HS_VALUE, 'A', 30);
    H_IS(h, H_GRANT_PARTIAL, HS_VALUE, 'A', 5);
    H_IS(h, H_DENY_EXEMPT, HS_VALUE, 'A', 8);
    H_IS(h, H_NOT_HELD, HS_VALUE, 'A', 25);
    H_IS(h, H_UNCLEAR, HS_VALUE, 'A', 0);
    H_IS(h, H_NOT_PROCESSED, HS_VALUE, 'A', 0);
    H_IS(h, H_OTHER, HS_VALUE, 'A', 1);     /* = 逾期未缴费 0 + 其他 1 */
    H_IS(h, H_REVIEW_CLOSED, HS_VALUE, 'A', 3);
    H_IS(h, H_LIT_TOTAL, HS_VALUE, 'A', 12);
    H_IS(h, H_FEE_COST_YUAN, HS_NOT_REPORTED, 'D', 0);
    partition_sums(h);

    /* reviews closed 3 < 10: the correction rate is not computed; with a minimum of 1 it is 0/3 */
    struct ival v;
    ind_eval(IND_REVIEW_CORRECTION_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert_int_eq(v.st, IS_SMALL_BASE);
    ck_assert(fabs(v.den - 3) < EPS);
    ind_eval(IND_REVIEW_CORRECTION_RATE, &r, h, 1, &v);
    ck_assert_int_eq(v.st, IS_VALUE);
    ck_assert(fabs(v.value) < EPS);
    /* disclosure (30 + 5) / 69 */
    ind_eval(IND_DISCLOSURE_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert_int_eq(v.st, IS_VALUE);
    ck_assert(fabs(v.value - 35.0 / 69) < EPS);
    ck_assert_int_eq(v.grade, 'A');
    report_free(&r);
}
END_TEST

START_TEST(test_total_reproduced_huaian)
{
    /* 淮安 2024 (read as R19: no 表二 in the excerpt): 不予公开 2+31+5+6+8+12+9+105 = 178,
     * 无法提供 769 + 11 + 1, 不予处理 62+25+0+0+1 = 88 (all five reasons), 其他 71+6+110 = 187;
     * 1362 + 454 + 178 + 769 + 11 + 1 + 88 + 187 = 3050 = (七)总计. */
    struct report r;
    parse_fixture(&r, "huaian2024_t3t4.txt");
    struct hval h[H__COUNT];
    harm_report(&r, h);
    char g = r.regime == RG_R21 ? 'A' : 'B';
    H_IS(h, H_DECIDED, HS_VALUE, 'A', 3050);
    H_IS(h, H_DENY_EXEMPT, HS_VALUE, 'A', 178);
    H_IS(h, H_NOT_PROCESSED, HS_VALUE, 'A', 88);
    H_IS(h, H_UNABLE, HS_VALUE, 'A', 781);
    if (r.regime == RG_R21) {
        H_IS(h, H_UNCLEAR, HS_VALUE, 'A', 72);
        H_IS(h, H_OTHER, HS_VALUE, 'A', 116);
    } else {
        H_IS(h, H_UNCLEAR, HS_VALUE, g, 1);
        H_IS(h, H_OTHER, HS_VALUE, g, 187);
    }
    partition_sums(h);
    /* the leaf cells of 表三 add up to (七)总计 too */
    int64_t leaves = 0;
    for (int m = M_RES_GRANTED; m < M_RES_TOTAL; m++) {
        if (m == M_RES_DENIED_TOTAL || m == M_RES_UNABLE_TOTAL || m == M_RES_NOPROC_TOTAL || m == M_RES_OTHER_TOTAL)
            continue;
        const struct cell *c = report_get(&r, m, AP_TOTAL);
        if (c) leaves += c->v100;
    }
    ck_assert_int_eq(leaves, h[H_DECIDED].v100);

    struct ival v;
    ind_eval(IND_REVIEW_CORRECTION_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);   /* 64 / (351 - 37) */
    ck_assert(fabs(v.value - 64.0 / 314) < EPS);
    ind_eval(IND_LIT_CORRECTION_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);      /* (4 + 1) / (26 - 1 + 20 - 6) */
    ck_assert(fabs(v.value - 5.0 / 39) < EPS);
    ind_eval(IND_CORRECTION_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);          /* (64 + 5) / (314 + 39) */
    ck_assert(fabs(v.value - 69.0 / 353) < EPS);
    ind_eval(IND_BACKLOG_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);             /* 103 / (3119 + 34) */
    ck_assert(fabs(v.value - 103.0 / 3153) < EPS);
    ind_eval(IND_REFUSAL_RATE_STRICT, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert(fabs(v.value - 178.0 / 3050) < EPS);
    ind_eval(IND_NOT_PROCESSED_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert(fabs(v.value - 88.0 / 3050) < EPS);
    report_free(&r);
}
END_TEST

START_TEST(test_r21_single_other_row)
{
    /* 洪泽 2023: R21 with the R19 single (六)其他处理 row: h_unclear falls back to grade B;
     * 0 + 4 + (1+0+0+0+0+1+1+0) + 10 + 3 + 0 + 1 + 0 = 21 */
    struct report r;
    parse_fixture(&r, "hongze2023_layout.txt");
    struct hval h[H__COUNT];
    harm_report(&r, h);
    H_IS(h, H_UNCLEAR, HS_VALUE, 'B', 0);
    H_IS(h, H_DENY_EXEMPT, HS_VALUE, 'A', 3);
    H_IS(h, H_OTHER, HS_VALUE, 'B', 0);
    partition_sums(h);
    report_free(&r);
}
END_TEST

START_TEST(test_new_form_blank_and_missing)
{
    /* a BLANK cell: not determined, and the residual with it; never read as 0 */
    struct report r;
    report_init(&r, "x");
    r.regime = RG_R21;
    set(&r, M_REQ_NEW, 12);
    set(&r, M_RES_TOTAL, 12);
    set(&r, M_RES_GRANTED, 12);
    report_set(&r, M_RES_PARTIAL, AP_TOTAL, CELL_BLANK, Q_EXACT, 0, SRC_TABLE, 2);
    struct hval h[H__COUNT];
    harm_report(&r, h);
    H_IS(h, H_GRANT_PARTIAL, HS_UNDETERMINED, 'A', 0);
    ck_assert_int_eq(h[H_OTHER].st, HS_UNDETERMINED);
    ck_assert_int_eq(h[H_DENY_EXEMPT].st, HS_ABSENT);      /* the new form prints it: absent, not D */
    struct ival v;
    ind_eval(IND_DISCLOSURE_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert_int_eq(v.st, IS_UNDETERMINED);
    ind_eval(IND_FULL_GRANT_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert(fabs(v.value - 1) < EPS);
    ind_eval(IND_FULLTEXT_E_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);  /* R08 rows only */
    ck_assert_int_eq(v.st, IS_NOT_REPORTED);
    ck_assert_int_eq(v.grade, 'D');
    report_free(&r);

    /* categories above the total: the residual would be negative, so it is not determined */
    report_init(&r, "y");
    r.regime = RG_R19;
    set(&r, M_RES_TOTAL, 1);
    set(&r, M_RES_GRANTED, 3);
    harm_report(&r, h);
    ck_assert_int_eq(h[H_OTHER].st, HS_UNDETERMINED);
    report_free(&r);
}
END_TEST

/* ==== old templates ==== */

START_TEST(test_r08_shanghai_model)
{
    /* rep_total 20 = 同意 8 + 部分 2 + 否决 10; 否决 = 非政府信息 1 + 不存在 3 + 非本部门 2 + 不明确 1
     * + 范围1 1 + 范围3 1 + 其它 1. strict exemptions 2 (C), not held 5, unclear 1,
     * residual 20 - 8 - 2 - 2 - 5 - 1 = 2 = 非政府信息 + 其它; broad refusal 10 (C) */
    struct report r;
    report_init(&r, "sh");
    r.regime = RG_R08;
    r.year = 2010;
    set(&r, M_REQ_NEW, 21);
    set(&r, M_REP_TOTAL, 20);
    set(&r, M_REP_AGREE, 8);
    set(&r, M_REP_PARTIAL, 2);
    set(&r, M_REP_DENY_TOTAL, 10);
    set(&r, M_REP_DENY_NOT_GOV_INFO, 1);
    set(&r, M_REP_NOT_EXIST, 3);
    set(&r, M_REP_NOT_THIS_AGENCY, 2);
    set(&r, M_REP_UNCLEAR, 1);
    set(&r, M_REP_DENY_STATE_SECRET, 1);
    set(&r, M_REP_DENY_PRIVACY, 1);
    set(&r, M_REP_DENY_OTHER, 1);
    struct hval h[H__COUNT];
    harm_report(&r, h);
    H_IS(h, H_RECEIVED, HS_VALUE, 'B', 21);
    H_IS(h, H_DECIDED, HS_VALUE, 'B', 20);
    H_IS(h, H_GRANT_FULL, HS_VALUE, 'B', 8);
    H_IS(h, H_GRANT_PARTIAL, HS_VALUE, 'A', 2);
    H_IS(h, H_DENY_EXEMPT, HS_VALUE, 'C', 2);
    H_IS(h, H_NOT_HELD, HS_VALUE, 'B', 5);
    H_IS(h, H_UNCLEAR, HS_VALUE, 'B', 1);
    H_IS(h, H_NEEDS_CREATION, HS_NOT_REPORTED, 'D', 0);
    H_IS(h, H_NOT_PROCESSED, HS_NOT_REPORTED, 'D', 0);
    H_IS(h, H_OTHER, HS_VALUE, 'C', 2);
    H_IS(h, H_DENY_BROAD, HS_VALUE, 'C', 10);
    H_IS(h, H_CARRY_IN, HS_NOT_REPORTED, 'D', 0);
    partition_sums(h);
    struct ival v;
    ind_eval(IND_DISCLOSURE_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert(fabs(v.value - 0.5) < EPS);
    ck_assert_int_eq(v.grade, 'B');
    ind_eval(IND_REFUSAL_RATE_STRICT, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert(fabs(v.value - 0.1) < EPS);
    ck_assert_int_eq(v.grade, 'C');
    ind_eval(IND_BACKLOG_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);      /* no carry-in in R08 */
    ck_assert_int_eq(v.st, IS_NOT_REPORTED);
    ind_eval(IND_ORG_APPLICANT_SHARE, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert_int_eq(v.st, IS_NOT_REPORTED);
    report_free(&r);
}
END_TEST

START_TEST(test_r08_fujian_and_r14)
{
    /* 平潭 2016 (福建 form): no reason rows: exemptions and not-held absent, inside h_other (C) */
    struct report r;
    parse_fixture(&r, "pingtan2016_runs.txt");
    struct hval h[H__COUNT];
    harm_report(&r, h);
    H_IS(h, H_DECIDED, HS_VALUE, 'B', 0);
    H_IS(h, H_GRANT_FULL, HS_VALUE, 'B', 0);
    H_IS(h, H_DENY_EXEMPT, HS_ABSENT, 'C', 0);
    H_IS(h, H_NOT_HELD, HS_ABSENT, 'B', 0);
    H_IS(h, H_OTHER, HS_VALUE, 'C', 0);
    H_IS(h, H_PROACTIVE_TOTAL, HS_VALUE, 'B', 3460);
    partition_sums(h);
    struct ival v;
    ind_eval(IND_DISCLOSURE_RATE, &r, h, IND_MIN_DEN_DEFAULT, &v);    /* 0 decided */
    ck_assert_int_eq(v.st, IS_SMALL_BASE);
    ind_eval(IND_PROACTIVE_VOLUME, &r, h, IND_MIN_DEN_DEFAULT, &v);
    ck_assert_int_eq(v.st, IS_VALUE);
    ck_assert(fabs(v.value - 3460) < EPS);
    report_free(&r);

    /* 蒸湘区 2014 (R14 national form, all zero) */
    parse_fixture(&r, "seed003_r14.txt");
    harm_report(&r, h);
    H_IS(h, H_GRANT_FULL, HS_VALUE, 'B', 0);
    H_IS(h, H_NOT_PROCESSED, HS_VALUE, 'C', 0);
    H_IS(h, H_REVIEW_CLOSED, HS_VALUE, 'B', 0);
    H_IS(h, H_OTHER, HS_VALUE, 'C', 0);
    partition_sums(h);
    report_free(&r);

    /* 衡阳安监局 2012: printed-empty cells stay not determined */
    parse_fixture(&r, "seed002_r08_blank.txt");
    harm_report(&r, h);
    H_IS(h, H_RECEIVED, HS_UNDETERMINED, 'B', 0);
    H_IS(h, H_DECIDED, HS_UNDETERMINED, 'B', 0);
    ck_assert_int_eq(h[H_OTHER].st, HS_UNDETERMINED);
    ck_assert_int_eq(h[H_PROACTIVE_TOTAL].st, HS_VALUE);
    ck_assert_int_eq(h[H_PROACTIVE_TOTAL].q, Q_AT_LEAST);         /* 500余条 */
    report_free(&r);
}
END_TEST

START_TEST(test_regime_none_and_tables)
{
    /* no tables (regime none): the year prior (2013 -> R08), grades at best C */
    struct report r;
    report_init(&r, "t");
    r.year = 2013;
    set(&r, M_PRO_TOTAL, 40);
    struct hval h[H__COUNT];
    harm_report(&r, h);
    ck_assert_int_eq(harm_regime(&r), RG_R08);
    H_IS(h, H_PROACTIVE_TOTAL, HS_VALUE, 'C', 40);
    ck_assert_int_eq(h[H_DECIDED].st, HS_ABSENT);
    r.year = 0;
    harm_report(&r, h);
    ck_assert_int_eq(h[H_PROACTIVE_TOTAL].st, HS_NOT_REPORTED);
    report_free(&r);

    /* lookups; every h id and indicator has an id, label and description */
    ck_assert_int_eq(harm_find("h_other"), H_OTHER);
    ck_assert_int_eq(harm_find("h_nope"), -1);
    ck_assert_int_eq(ind_find("correction_rate"), IND_CORRECTION_RATE);
    for (int i = 0; i < H__COUNT; i++) ck_assert(H_DEFS[i].id && H_DEFS[i].label_zh && H_DEFS[i].desc);
    for (int i = 0; i < IND__COUNT; i++) ck_assert(IND_DEFS[i].id && IND_DEFS[i].label_zh && IND_DEFS[i].num_desc);
    ck_assert(!ind_is_ratio(IND_APP_VOLUME));
    ck_assert(ind_is_ratio(IND_BACKLOG_RATE));
    struct ival v;
    ind_ratio(IND_DISCLOSURE_RATE, 3, 9.5, 10, &v);                /* below the minimum */
    ck_assert_int_eq(v.st, IS_SMALL_BASE);
    ind_ratio(IND_DISCLOSURE_RATE, 3, 0, 0, &v);                   /* never divides by 0 */
    ck_assert_int_eq(v.st, IS_SMALL_BASE);
    ind_ratio(IND_DISCLOSURE_RATE, 5, 10, 10, &v);
    ck_assert(fabs(v.value - 0.5) < EPS);
}
END_TEST

Suite *suite_harmonize(void)
{
    Suite *s = suite_create("harmonize");
    TCase *tc = tcase_create("harmonize");
    tcase_add_test(tc, test_r21_flattened_2021);
    tcase_add_test(tc, test_total_reproduced_huaian);
    tcase_add_test(tc, test_r21_single_other_row);
    tcase_add_test(tc, test_new_form_blank_and_missing);
    tcase_add_test(tc, test_r08_shanghai_model);
    tcase_add_test(tc, test_r08_fujian_and_r14);
    tcase_add_test(tc, test_regime_none_and_tables);
    suite_add_tcase(s, tc);
    return s;
}
