/* check_flat.c - the digit-run solver for flattened tables (DOMAIN §6.8).
 * Known answers: the verified splits of §6.8, and the real 表二/表三/表四 of
 * 平潭综合实验区 2021 (corpus 015), a web dump whose cells ran together. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/flat.h"
#include "ogistat/header.h"
#include "ogistat/lex.h"
#include "ogistat/parse.h"
#include "ogistat/record.h"
#include "testutil.h"

static size_t splits(const char *d, size_t k, size_t g, int64_t *out)
{
    return flat_splits(d, strlen(d), k, g, out, 16);
}

static void expect(const int64_t *got, const int64_t *want, size_t k)
{
    for (size_t i = 0; i < k; i++) ck_assert_int_eq(got[i], want[i]);
}

START_TEST(test_t3_rows_unique)
{
    int64_t out[16 * 7];
    ck_assert_uint_eq(splits("640020470", 7, 7, out), 1);
    expect(out, (int64_t[]){ 64, 0, 0, 2, 0, 4, 70 }, 7);
    ck_assert_uint_eq(splits("713000074", 7, 7, out), 1);
    expect(out, (int64_t[]){ 71, 3, 0, 0, 0, 0, 74 }, 7);
    ck_assert_uint_eq(splits("801000081", 7, 7, out), 1);
    expect(out, (int64_t[]){ 80, 1, 0, 0, 0, 0, 81 }, 7);
    ck_assert_uint_eq(splits("0000000", 7, 7, out), 1);
}
END_TEST

START_TEST(test_t3_rows_ambiguous)
{
    int64_t out[16 * 7];
    /* §6.8: both read as N4-consistent rows; the table decides */
    ck_assert_uint_eq(splits("191000020", 7, 7, out), 2);
    ck_assert_uint_eq(splits("220000325", 7, 7, out), 2);
    /* a row whose columns cannot add up has no reading at all */
    ck_assert_uint_eq(splits("1000000", 7, 7, out), 0);
}
END_TEST

START_TEST(test_t4_groups)
{
    int64_t out[16 * 15];
    ck_assert_uint_eq(splits("10203120001200000", 15, 5, out), 1);
    expect(out, (int64_t[]){ 1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0 }, 15);
    ck_assert_uint_eq(splits("110024001510102", 15, 5, out), 1);
    expect(out, (int64_t[]){ 1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2 }, 15);
}
END_TEST

START_TEST(test_no_leading_zero_and_bounds)
{
    int64_t out[16 * 3];
    ck_assert_uint_eq(splits("000", 3, 0, out), 1);             /* 0|0|0 only */
    ck_assert_uint_eq(splits("0100", 3, 0, out), 1);            /* 0|10|0 */
    expect(out, (int64_t[]){ 0, 10, 0 }, 3);
    ck_assert_uint_eq(splits("12", 3, 0, out), 0);              /* too few digits */
    ck_assert_uint_eq(splits("12a4", 3, 0, out), 0);            /* not digits */
    ck_assert_uint_eq(flat_splits("1", 1, 0, 0, out, 16), 0);
}
END_TEST

static struct report parsed(void)
{
    FILE *fp = fopen("tests/data/unit/015_flattened_tables.txt", "rb");
    ck_assert_ptr_nonnull(fp);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    struct report r;
    report_init(&r, "015.txt");
    parse_buffer(&r, buf, n);
    return r;
}

static void cell_is(const struct report *r, int metric, int ap, int64_t v)
{
    const struct cell *c = report_get(r, metric, ap);
    ck_assert_msg(c != NULL, "%s[%d] missing", REG_METRICS[metric].id, ap);
    ck_assert_int_eq(c->status, CELL_VALUE);
    ck_assert_int_eq(c->v100, v * 100);
}

static void cell_na(const struct report *r, int metric)
{
    const struct cell *c = report_get(r, metric, AP_NONE);
    ck_assert_msg(c != NULL, "%s missing", REG_METRICS[metric].id);
    ck_assert_int_eq(c->status, CELL_NA);
    ck_assert_int_eq(c->q, Q_AMBIGUOUS);
}

START_TEST(test_real_015_tables)
{
    struct report r = parsed();
    ck_assert_int_eq(r.regime, RG_R21);
    cell_is(&r, M_REQ_NEW, AP_NATURAL, 64);
    cell_is(&r, M_REQ_NEW, AP_TOTAL, 70);
    /* "（二）部分公开（区分处理的…）500000 5": note skipped, spaces not trusted */
    cell_is(&r, M_RES_PARTIAL, AP_NATURAL, 5);
    cell_is(&r, M_RES_PARTIAL, AP_TOTAL, 5);
    /* "2200003252.没有现成…": the glued enumerator 2 is cut, and 220000325 is read
     * 22|0|0|0|0|3|25 (not 2|20|…) because only that reading satisfies N1/N2 */
    cell_is(&r, M_RES_UNABLE_NOT_HELD, AP_NATURAL, 22);
    cell_is(&r, M_RES_UNABLE_NOT_HELD, AP_ORG_BUSINESS, 0);
    cell_is(&r, M_RES_UNABLE_NOT_HELD, AP_ORG_OTHER, 3);
    cell_is(&r, M_RES_UNABLE_NOT_HELD, AP_TOTAL, 25);
    cell_is(&r, M_RES_OTHER_MISC, AP_TOTAL, 1);
    cell_is(&r, M_RES_TOTAL, AP_TOTAL, 69);
    cell_is(&r, M_REQ_CARRY_OUT, AP_TOTAL, 1);
    /* 表四 "10203120001200000" */
    cell_is(&r, M_REV_TOTAL, AP_NONE, 3);
    cell_is(&r, M_LIT_DIRECT_TOTAL, AP_NONE, 12);
    cell_is(&r, M_LIT_AFTER_REV_TOTAL, AP_NONE, 0);
    /* 表二: "规章 000" is forced; "693665" has ten readings and no identity: not determined */
    cell_is(&r, M_ART20_RULES_ISSUED, AP_NONE, 0);
    cell_na(&r, M_ART20_NORMDOC_ISSUED);
    cell_is(&r, M_ART20_LICENSE_DECISIONS, AP_NONE, 2293);
    const struct cell *fee = report_get(&r, M_ART20_FEE_AMOUNT_YUAN, AP_NONE);
    ck_assert_ptr_nonnull(fee);
    ck_assert_int_eq(fee->v100, 24252311082);             /* 24252.311082 万元 = 242523110.82 元 */
    /* the ambiguity is said, with the candidates */
    bool said = false;
    for (size_t i = 0; i < r.diag.n; i++) said |= strstr(r.diag.v[i].text, "'693665' split 10 ways") != NULL;
    ck_assert(said);
    report_free(&r);
}
END_TEST

/* Run flat_extract over an inline dump with the regime given. */
static void run_flat(struct report *r, const char *text, enum regime g)
{
    struct tokstream ts;
    ts_init(&ts);
    lex_text(text, strlen(text), &ts);
    struct compact c;
    compact_build(&c, &ts);
    report_init(r, "test");
    r->regime = g;
    flat_extract(r, &c);
    compact_free(&c);
    ts_free(&ts);
}

/* 102 平潭 行政审批局 2024: "行政规范性文件15621" splits six ways; the prose
 * "废止规范性文件6件，制定规范性文件15件" leaves 15|6|21 only. Without the
 * prose the three cells are NA (ambiguous). */
START_TEST(test_t2_triple_settled_by_prose)
{
    static const char T2[] = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件15621"
                             "第二十条第（五）项信息内容本年处理决定数量行政许可3";
    char doc[1024];
    snprintf(doc, sizeof doc, "2024年，我局废止规范性文件6件，制定规范性文件15件，已公开。%s", T2);
    struct report r;
    run_flat(&r, doc, RG_R21);
    CELL_IS(&r, "art20_normdoc_issued", "-", "15", 1);
    CELL_IS(&r, "art20_normdoc_repealed", "-", "6", 1);
    CELL_IS(&r, "art20_normdoc_in_force", "-", "21", 1);
    CELL_IS(&r, "art20_rules_issued", "-", "0", 1);
    report_free(&r);
    /* a figure in a clause about something else settles nothing */
    snprintf(doc, sizeof doc, "2024年，我局废止合同6件，主动公开信息15件。%s", T2);
    run_flat(&r, doc, RG_R21);
    CELL_IS(&r, "art20_normdoc_issued", "-", "NA", 1);
    CELL_IS(&r, "art20_normdoc_in_force", "-", "NA", 1);
    ck_assert(diag_has(&r, "15621", "6 ways", NULL));
    report_free(&r);
}
END_TEST

/* 102: 表四 "100000000000000" has one digit per cell; stored as printed although
 * 复议 维持 1 exceeds its 总计 0 (the report contradicts itself) */
START_TEST(test_t4_one_digit_per_cell)
{
    struct report r;
    run_flat(&r, "本年新收政府信息公开申请数量1000001总计1000001结转下年度继续办理0000000"
                 "四、行政复议、行政诉讼情况行政复议行政诉讼100000000000000五、存在的主要问题",
             RG_R21);
    CELL_IS(&r, "rev_upheld", "-", "1", 1);
    CELL_IS(&r, "rev_total", "-", "0", 1);
    CELL_IS(&r, "lit_after_rev_total", "-", "0", 1);
    ck_assert(diag_has(&r, "表四", "one per cell", NULL));
    report_free(&r);
}
END_TEST

/* R19 政府集中采购: read when units show the boundary (026 "1个246900元", 107 "2笔
 * 984361元") or both are 0 (028 "00"); "13575394432.52元" (013) is left out */
START_TEST(test_procurement)
{
    static const char *const T3 = "本年新收政府信息公开申请数量0000000";
    char doc[512];
    struct report r;
    snprintf(doc, sizeof doc, "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购1个246900元%s", T3);
    run_flat(&r, doc, RG_R19);
    CELL_IS(&r, "art20_procure_items", "-", "1", 1);
    CELL_IS(&r, "art20_procure_amount_yuan", "-", "246900", 1);
    report_free(&r);
    snprintf(doc, sizeof doc, "第二十条第（九）项政府集中采购 2笔 98.5万元 %s", T3);
    run_flat(&r, doc, RG_R19);
    CELL_IS(&r, "art20_procure_items", "-", "2", 1);
    CELL_IS(&r, "art20_procure_amount_yuan", "-", "985000", 1);
    report_free(&r);
    snprintf(doc, sizeof doc, "第二十条第（九）项政府集中采购00 %s", T3);
    run_flat(&r, doc, RG_R19);
    CELL_IS(&r, "art20_procure_items", "-", "0", 1);
    CELL_IS(&r, "art20_procure_amount_yuan", "-", "0", 1);
    report_free(&r);
    snprintf(doc, sizeof doc, "第二十条第（九）项政府集中采购13575394432.52元%s", T3);
    run_flat(&r, doc, RG_R19);
    ABSENT(&r, "art20_procure_items", "-");
    ABSENT(&r, "art20_procure_amount_yuan", "-");
    ck_assert(diag_has(&r, "政府集中采购", "13575394432.52", "left out"));
    report_free(&r);
}
END_TEST

Suite *suite_flat(void);
Suite *suite_flat(void)
{
    Suite *s = suite_create("flat");
    TCase *tc = tcase_create("splits");
    tcase_add_test(tc, test_t3_rows_unique);
    tcase_add_test(tc, test_t3_rows_ambiguous);
    tcase_add_test(tc, test_t4_groups);
    tcase_add_test(tc, test_no_leading_zero_and_bounds);
    suite_add_tcase(s, tc);
    TCase *tr = tcase_create("real");
    tcase_add_test(tr, test_real_015_tables);
    tcase_add_test(tr, test_t2_triple_settled_by_prose);
    tcase_add_test(tr, test_t4_one_digit_per_cell);
    tcase_add_test(tr, test_procurement);
    suite_add_tcase(s, tr);
    return s;
}
