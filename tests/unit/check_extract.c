/* check_extract.c - unit tests for extract.c: 表二/表三/表四 of the 2019 and 2021 templates.
 *
 * Token streams come from lex_text() over real report excerpts in tests/data/unit/
 * (see tests/data/unit/README.md for the source file and line range of each); the
 * expected cells are excerpts of the hand-checked truth files of the shared corpus,
 * copied beside them (*.truth.tsv), so every value, applicant column, status and
 * qualifier is compared with a known answer, and no cell may be added beyond them.
 * Line numbers are lines of the excerpt (source line - offset, given per test).
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/extract.h"
#include "ogistat/lex.h"
#include "ogistat/record.h"
#include "ogistat/registry.h"
#include "testutil.h"

Suite *suite_extract(void);

/* ==== helpers ==== */

/* Lex text and extract its tables into a fresh report. */
static void run(struct report *r, const char *s, size_t n, enum regime doc, struct extract_info *info)
{
    struct tokstream ts;
    ts_init(&ts);
    lex_text(s, n, &ts);
    report_init(r, "test");
    memset(info, 0, sizeof *info);
    info->doc_regime = doc;
    extract_tables(r, &ts, info);
    ts_free(&ts);
}

static void run_fixture(struct report *r, const char *name, enum regime doc, struct extract_info *info)
{
    size_t n;
    char *s = load_fixture(name, &n);
    run(r, s, n, doc, info);
    free(s);
}

static size_t count_left_out(const struct report *r)
{
    size_t k = 0;
    for (size_t i = 0; i < r->diag.n; i++) k += strstr(r->diag.v[i].text, "left out") != NULL;
    return k;
}

/* ==== (a) pipe rows, R21 (seed_004 lines 9-60; excerpt line = source line - 8) ==== */

START_TEST(test_pipe_r21_seed004)
{
    struct report r;
    struct extract_info info;
    run_fixture(&r, "seed004_tables.txt", RG_R21, &info);
    truth_is(&r, "seed004_tables.truth.tsv");
    /* 表二 R21: 本年制发/废止/现行有效 */
    CELL_IS(&r, "art20_normdoc_issued", "-", "0", 4);
    CELL_IS(&r, "art20_normdoc_in_force", "-", "1", 4);
    CELL_IS(&r, "art20_license_decisions", "-", "262", 7);
    CELL_IS(&r, "art20_fee_amount_yuan", "-", "0", 14);
    ABSENT(&r, "art20_rules_issued", "-");                 /* no 规章 row printed */
    /* 表三: the report's own sums do not add up (total 0 for natural 1): kept as printed */
    ROW7_IS(&r, "req_new", "1 0 0 0 0 0 0", 19);
    ROW7_IS(&r, "res_granted", "0 0 0 0 0 0 0", 21);      /* label after the vertical 三、本年度办理结果 cell */
    ROW7_IS(&r, "res_denied_state_secret", "0 0 0 0 0 0 0", 23);
    ROW7_IS(&r, "res_denied_internal_affairs", "1 0 0 0 0 0 0", 27);
    ROW7_IS(&r, "res_unable_not_held", "0 0 0 0 0 0 0", 31);
    ROW7_IS(&r, "res_noproc_confirm", "0 0 0 0 0 0 0", 38);
    /* （六）其他处理: three sub-rows (R21), then （七）总计 and 四、结转 */
    ROW7_IS(&r, "res_other_no_correction", "0 0 0 0 0 0 0", 39);
    ROW7_IS(&r, "res_other_no_fee", "0 0 0 0 0 0 0", 40);
    ROW7_IS(&r, "res_other_misc", "0 0 0 0 0 0 0", 41);
    ABSENT(&r, "res_other_total", "total");
    ROW7_IS(&r, "res_total", "1 0 0 0 0 0 0", 42);
    ROW7_IS(&r, "req_carry_out", "0 0 0 0 0 0 0", 43);
    /* 表四: one row of 15 */
    CELL_IS(&r, "rev_upheld", "-", "0", 48);
    CELL_IS(&r, "lit_after_rev_total", "-", "0", 48);
    /* the local table 五、信息处理收费收取情况 */
    CELL_IS(&r, "info_proc_fee_cases", "-", "0", 51);
    CELL_IS(&r, "info_proc_fee_yuan", "-", "0", 51);
    ck_assert(info.t2_found && info.t3_found && info.t4_found && info.other_split);
    ck_assert_int_eq(info.t2_version, RG_R21);
    char d[2048];
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(count_left_out(&r) == 0, "rows left out:%s", d);
    report_free(&r);
}
END_TEST

/* The seed_004 layout carrying distinct values (those of 034 淮安市 2024, truth
 * 034_huaian_shi_2024.tsv), so a shifted column or a swapped row shows. */
static const char PIPE_R21_034[] =
    "三、收到和处理政府信息公开申请情况\n"
    "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||\n"
    "自然人 | 法人或其他组织 | 总计 | |||||||\n"
    "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n"
    "一、本年新收政府信息公开申请数量 | 3001 | 53 | 0 | 0 | 61 | 4 | 3119 | ||\n"
    "二、上年结转政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34 | ||\n"
    "三、本年度办理结果 | (一)予以公开 | 1288 | 21 | 0 | 0 | 50 | 3 | 1362 | |\n"
    "(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 447 | 7 | 0 | 0 | 0 | 0 | 454 | ||\n"
    "(三)不予公开 | 1.属于国家秘密 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | |\n"
    "2.其他法律行政法规禁止公开 | 30 | 1 | 0 | 0 | 0 | 0 | 31 | ||\n"
    "3.危及“三安全一稳定” | 5 | 0 | 0 | 0 | 0 | 0 | 5 | ||\n"
    "4.保护第三方合法权益 | 6 | 0 | 0 | 0 | 0 | 0 | 6 | ||\n"
    "5.属于三类内部事务信息 | 7 | 1 | 0 | 0 | 0 | 0 | 8 | ||\n"
    "6.属于四类过程性信息 | 12 | 0 | 0 | 0 | 0 | 0 | 12 | ||\n"
    "7.属于行政执法案卷 | 9 | 0 | 0 | 0 | 0 | 0 | 9 | ||\n"
    "8.属于行政查询事项 | 105 | 0 | 0 | 0 | 0 | 0 | 105 | ||\n"
    "(四)无法提供 | 1.本机关不掌握相关政府信息 | 746 | 12 | 0 | 0 | 10 | 1 | 769 | |\n"
    "2.没有现成信息需要另行制作 | 11 | 0 | 0 | 0 | 0 | 0 | 11 | ||\n"
    "3.补正后申请内容仍不明确 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n"
    "(五)不予处理 | 1.信访举报投诉类申请 | 56 | 6 | 0 | 0 | 0 | 0 | 62 | |\n"
    "2.重复申请 | 25 | 0 | 0 | 0 | 0 | 0 | 25 | ||\n"
    "3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
    "4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n"
    "5.要求行政机关确认或重新出具已获取信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n"
    "(六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 67 | 3 | 0 | 0 | 1 | 0 | 71 | |\n"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 6 | 0 | 0 | 0 | 0 | 0 | 6 | ||\n"
    "3.其他 | 108 | 2 | 0 | 0 | 0 | 0 | 110 | ||\n"
    "(七)总计 | 2932 | 53 | 0 | 0 | 61 | 4 | 3050 | ||\n"
    "四、结转下年度继续办理 | 103 | 0 | 0 | 0 | 0 | 0 | 103 |\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "行政复议 | 行政诉讼 | |||||||||||||\n"
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||\n"
    "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | |||||\n"
    "72 | 64 | 178 | 37 | 351 | 13 | 4 | 8 | 1 | 26 | 12 | 1 | 1 | 6 | 20 |\n"
    "五、存在的主要问题及改进情况\n";

START_TEST(test_pipe_r21_distinct_values)
{
    struct report r;
    struct extract_info info;
    run(&r, PIPE_R21_034, strlen(PIPE_R21_034), RG_R21, &info);
    truth_is(&r, "huaian2024_t3t4.truth.tsv");
    ROW7_IS(&r, "req_new", "3001 53 0 0 61 4 3119", 5);
    ROW7_IS(&r, "res_granted", "1288 21 0 0 50 3 1362", 7);
    ROW7_IS(&r, "res_partial", "447 7 0 0 0 0 454", 8);
    ROW7_IS(&r, "res_unable_not_held", "746 12 0 0 10 1 769", 17);
    ROW7_IS(&r, "res_other_no_correction", "67 3 0 0 1 0 71", 25);
    ROW7_IS(&r, "res_other_no_fee", "6 0 0 0 0 0 6", 26);
    ROW7_IS(&r, "res_other_misc", "108 2 0 0 0 0 110", 27);
    ROW7_IS(&r, "res_total", "2932 53 0 0 61 4 3050", 28);
    ROW7_IS(&r, "req_carry_out", "103 0 0 0 0 0 103", 29);
    CELL_IS(&r, "rev_upheld", "-", "72", 34);
    CELL_IS(&r, "rev_total", "-", "351", 34);
    CELL_IS(&r, "lit_direct_upheld", "-", "13", 34);
    CELL_IS(&r, "lit_direct_total", "-", "26", 34);
    CELL_IS(&r, "lit_after_rev_pending", "-", "6", 34);
    CELL_IS(&r, "lit_after_rev_total", "-", "20", 34);
    ck_assert(info.t3_found && info.t4_found && info.other_split);
    report_free(&r);
}
END_TEST

/* ==== (b) one cell per line, R19 (seed_001 after t2s, lines 16-296; excerpt line = source line - 15) ==== */

START_TEST(test_cells_r19_seed001)
{
    struct report r;
    struct extract_info info;
    run_fixture(&r, "seed001_r19_cells.txt", RG_R19, &info);
    truth_is(&r, "seed001_r19_cells.truth.tsv");
    /* 表二 R19 triples */
    CELL_IS(&r, "art20_rules_made", "-", "0", 7);
    CELL_IS(&r, "art20_rules_public_total", "-", "0", 9);
    CELL_IS(&r, "art20_normdoc_made", "-", "0", 11);         /* 规范性档案 (t2s of 規範性檔案) = 规范性文件 */
    CELL_IS(&r, "art20_license_prev_items", "-", "0", 20);
    CELL_IS(&r, "art20_othersvc_prev_items", "-", "8", 24);
    CELL_IS(&r, "art20_othersvc_delta", "-", "-4", 25);      /* 本年增/减 printed as -4 */
    CELL_IS(&r, "art20_othersvc_decisions", "-", "0", 26);
    const struct cell *d = report_get(&r, M_ART20_OTHERSVC_DELTA, AP_NONE);
    ck_assert_int_eq(d->v100, -400);
    CELL_IS(&r, "art20_fee_prev_items", "-", "0", 45);
    CELL_IS(&r, "art20_fee_delta", "-", "0", 46);
    CELL_IS(&r, "art20_procure_items", "-", "0", 52);
    CELL_IS(&r, "art20_procure_amount_yuan", "-", "0", 53);
    ABSENT(&r, "art20_normdoc_issued", "-");                 /* R21 columns: not this version */
    /* 表三: single-row （六）其他处理 (R19); no 四、结转 row printed */
    ROW7_IS(&r, "req_new", "0 0 0 0 0 0 0", 0);
    CELL_IS(&r, "req_new", "natural", "0", 66);             /* one value per line */
    CELL_IS(&r, "req_new", "total", "0", 72);
    ROW7_IS(&r, "res_other_total", "0 0 0 0 0 0 0", 0);
    ABSENT(&r, "res_other_misc", "natural");
    ABSENT(&r, "req_carry_out", "natural");
    CELL_IS(&r, "rev_pending", "-", "1", 0);
    CELL_IS(&r, "rev_total", "-", "1", 0);
    ck_assert(info.t2_found && info.t3_found && info.t4_found);
    ck_assert(!info.other_split);
    ck_assert_int_eq(info.t2_version, RG_R19);
    report_free(&r);
}
END_TEST

/* The R19 version of 表二 is told by its header words even when the document's regime is unknown. */
START_TEST(test_cells_r19_by_header_words)
{
    static const char s[] = "第二十条第(五)项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n"
                            "其他对外管理服务事项\n8\n-4\n0\n";
    struct report r;
    struct extract_info info;
    run(&r, s, strlen(s), RG_NONE, &info);
    CELL_IS(&r, "art20_othersvc_prev_items", "-", "8", 7);
    CELL_IS(&r, "art20_othersvc_delta", "-", "-4", 8);
    CELL_IS(&r, "art20_othersvc_decisions", "-", "0", 9);
    ck_assert_int_eq(info.t2_version, RG_R19);
    ck_assert_uint_eq(r.ncells, 3);
    report_free(&r);
}
END_TEST

/* A negative value outside a 本年增/减 column is not a count. */
START_TEST(test_negative_only_in_delta)
{
    static const char s[] = "第二十条第(五)项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n"
                            "行政许可\n12\n-3\n-5\n";
    struct report r;
    struct extract_info info;
    run(&r, s, strlen(s), RG_R19, &info);
    CELL_IS(&r, "art20_license_prev_items", "-", "12", 7);
    CELL_IS(&r, "art20_license_delta", "-", "-3", 8);
    const struct cell *c = report_get(&r, M_ART20_LICENSE_DECISIONS, AP_NONE);
    ck_assert_msg(c == NULL || c->status != CELL_VALUE, "a negative 处理决定数量 was stored as a value");
    report_free(&r);
}
END_TEST

/* ==== (c) pdftotext -layout (020 洪泽区 2023 lines 41-150; excerpt line = source line - 40) ==== */

START_TEST(test_layout_hongze2023)
{
    struct report r;
    struct extract_info info;
    run_fixture(&r, "hongze2023_layout.txt", RG_R21, &info);
    truth_is(&r, "hongze2023_layout.truth.tsv");
    CELL_IS(&r, "art20_rules_in_force", "-", "0", 8);
    CELL_IS(&r, "art20_normdoc_repealed", "-", "5", 10);
    CELL_IS(&r, "art20_license_decisions", "-", "550", 19);
    CELL_IS(&r, "art20_penalty_decisions", "-", "4119", 29);
    CELL_IS(&r, "art20_coercion_decisions", "-", "195", 31);
    /* 本年收费金额（单位：万元） 7730.28 -> 77302800 元 */
    CELL_IS(&r, "art20_fee_amount_yuan", "-", "77302800", 39);
    ck_assert_int_eq(report_get(&r, M_ART20_FEE_AMOUNT_YUAN, AP_NONE)->v100, INT64_C(7730280000));
    ROW7_IS(&r, "req_new", "21 0 0 0 0 0 21", 56);
    /* "（二）部分公开（区分处理的，只计这一情 形，不 / 计其他情形）" wrapped; values on the next line */
    ROW7_IS(&r, "res_partial", "4 0 0 0 0 0 4", 61);
    ROW7_IS(&r, "res_denied_state_secret", "1 0 0 0 0 0 1", 62);
    /* the typo row "2.其他法律行政止公开" */
    ROW7_IS(&r, "res_denied_law_forbidden", "0 0 0 0 0 0 0", 68);
    ROW7_IS(&r, "res_unable_not_held", "10 0 0 0 0 0 10", 76);
    /* "4.无正当理由大量反复 申请" and the wrapped "5.要求行政机关确认或重 新出具 / 已获取信息" */
    ROW7_IS(&r, "res_noproc_excessive", "0 0 0 0 0 0 0", 86);
    ROW7_IS(&r, "res_noproc_confirm", "0 0 0 0 0 0 0", 89);
    /* single-row （六）其他处理 */
    ROW7_IS(&r, "res_other_total", "0 0 0 0 0 0 0", 90);
    ROW7_IS(&r, "res_total", "21 0 0 0 0 0 21", 91);
    ROW7_IS(&r, "req_carry_out", "0 0 0 0 0 0 0", 92);
    /* 表四: 15 numbers on one line (the report's own totals do not add up: kept) */
    CELL_IS(&r, "rev_upheld", "-", "10", 109);
    CELL_IS(&r, "rev_corrected", "-", "1", 109);
    CELL_IS(&r, "rev_total", "-", "0", 109);
    CELL_IS(&r, "lit_after_rev_upheld", "-", "5", 109);
    CELL_IS(&r, "lit_after_rev_total", "-", "0", 109);
    /* the page numbers -2- and -3- are not values */
    ck_assert(info.t2_found && info.t3_found && info.t4_found);
    ck_assert(!info.other_split);
    ck_assert_int_eq(info.t2_version, RG_R21);
    report_free(&r);
}
END_TEST

/* ==== (d) 034 淮安市 2024 (lines 111-222; excerpt line = source line - 110):
 * the vertical "（六）其 / 他处理" interleaves with the three wrapped sub-row labels ==== */

START_TEST(test_layout_huaian2024_other_rows)
{
    struct report r;
    struct extract_info info;
    run_fixture(&r, "huaian2024_t3t4.txt", RG_R21, &info);
    truth_is(&r, "huaian2024_t3t4.truth.tsv");
    ROW7_IS(&r, "req_new", "3001 53 0 0 61 4 3119", 13);
    /* "（二）部分公开（区分处理的，只计这一情 / values / 形，不计其他情形）" */
    ROW7_IS(&r, "res_partial", "447 7 0 0 0 0 454", 20);
    /* the vertical 三、本年度办理结果, one character per line, between the rows */
    ROW7_IS(&r, "res_denied_law_forbidden", "30 1 0 0 0 0 31", 27);
    ROW7_IS(&r, "res_denied_internal_affairs", "7 1 0 0 0 0 8", 37);
    ROW7_IS(&r, "res_unable_needs_creation", "11 0 0 0 0 0 11", 51);
    ROW7_IS(&r, "res_noproc_confirm", "1 0 0 0 0 0 1", 66);
    /* source lines 180-197 */
    ROW7_IS(&r, "res_other_no_correction", "67 3 0 0 1 0 71", 72);
    ROW7_IS(&r, "res_other_no_fee", "6 0 0 0 0 0 6", 78);
    ROW7_IS(&r, "res_other_misc", "108 2 0 0 0 0 110", 82);
    ROW7_IS(&r, "res_total", "2932 53 0 0 61 4 3050", 84);
    ROW7_IS(&r, "req_carry_out", "103 0 0 0 0 0 103", 87);
    ABSENT(&r, "res_other_total", "total");
    CELL_IS(&r, "rev_other", "-", "178", 110);
    CELL_IS(&r, "lit_direct_total", "-", "26", 110);
    ck_assert(info.t3_found && info.t4_found && info.other_split);
    char d[2048];
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(count_left_out(&r) == 0, "rows left out:%s", d);
    report_free(&r);
}
END_TEST

/* ==== (e) markdown 表四 split into three 5-cell tables (025 沭阳县 2025 lines 137-175;
 * excerpt line = source line - 136) ==== */

START_TEST(test_markdown_t4_three_tables)
{
    struct report r;
    struct extract_info info;
    run_fixture(&r, "shuyang2025_t4.md", RG_R21, &info);
    truth_is(&r, "shuyang2025_t4.truth.tsv");
    /* the spurious header row "| 项目 | 本年新收件数 | ... |" inside 表三 is not a data row */
    ROW7_IS(&r, "res_other_no_correction", "9 0 0 0 0 0 9", 13);
    ROW7_IS(&r, "res_other_no_fee", "7 0 0 0 0 0 7", 17);
    ROW7_IS(&r, "res_other_misc", "142 1 0 0 0 0 143", 18);
    ROW7_IS(&r, "res_total", "710 3 0 0 5 0 718", 19);
    ROW7_IS(&r, "req_carry_out", "31 0 0 0 0 0 31", 20);
    CELL_IS(&r, "rev_upheld", "-", "27", 27);
    CELL_IS(&r, "rev_corrected", "-", "10", 27);
    CELL_IS(&r, "rev_other", "-", "9", 27);
    CELL_IS(&r, "rev_pending", "-", "15", 27);
    CELL_IS(&r, "rev_total", "-", "61", 27);
    CELL_IS(&r, "lit_direct_upheld", "-", "3", 32);
    CELL_IS(&r, "lit_direct_total", "-", "3", 32);
    CELL_IS(&r, "lit_after_rev_upheld", "-", "8", 37);
    CELL_IS(&r, "lit_after_rev_other", "-", "1", 37);
    CELL_IS(&r, "lit_after_rev_pending", "-", "1", 37);
    CELL_IS(&r, "lit_after_rev_total", "-", "10", 37);
    ck_assert(info.t4_found);
    report_free(&r);
}
END_TEST

/* 表四 of 15 values in a structured row followed by empty colspan padding. */
START_TEST(test_pipe_t4_padding)
{
    static const char s[] = "三、收到和处理政府信息公开申请情况\n"
                            "四、结转下年度继续办理 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
                            "四、政府信息公开行政复议、行政诉讼情况\n"
                            "1 | 2 | 3 | 4 | 10 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | | |\n";
    struct report r;
    struct extract_info info;
    run(&r, s, strlen(s), RG_R21, &info);
    CELL_IS(&r, "rev_upheld", "-", "1", 4);
    CELL_IS(&r, "rev_pending", "-", "4", 4);
    CELL_IS(&r, "rev_total", "-", "10", 4);
    CELL_IS(&r, "lit_direct_pending", "-", "1", 4);
    CELL_IS(&r, "lit_direct_total", "-", "1", 4);
    CELL_IS(&r, "lit_after_rev_total", "-", "0", 4);
    ck_assert(info.t4_found);
    report_free(&r);
}
END_TEST

/* ==== (f) 表二 R21 fee in 万元 ==== */

START_TEST(test_fee_wanyuan)
{
    /* seed_004's 表二 (八) in pipe rows with 020's amount */
    static const char pipe[] = "二、主动公开政府信息情况\n"
                               "第二十条第(八)项 | |||\n"
                               "信息内容 | 本年收费金额(单位:万元) | ||\n"
                               "行政事业性收费 | 7730.28 |\n";
    struct report r;
    struct extract_info info;
    run(&r, pipe, strlen(pipe), RG_R21, &info);
    CELL_IS(&r, "art20_fee_amount_yuan", "-", "77302800", 4);
    ck_assert_int_eq(report_get(&r, M_ART20_FEE_AMOUNT_YUAN, AP_NONE)->v100, INT64_C(7730280000));
    ck_assert_int_eq(info.t2_version, RG_R21);
    report_free(&r);

    /* 020 lines 74-79, full-width （单位：万元）, pdftotext spacing */
    static const char layout[] = "     二、主动公开政府信息情况\n"
                                 "                                       第二十条第（八）项\n\n\n"
                                 "                    信息内容                   本年收费金额（单位：万元）\n\n"
                                 "行政事业性收费                                            7730.28\n";
    run(&r, layout, strlen(layout), RG_R21, &info);
    CELL_IS(&r, "art20_fee_amount_yuan", "-", "77302800", 7);
    report_free(&r);

    /* 025 沭阳县 2025 line 75: three decimals, markdown */
    static const char md[] = "## 二、主动公开政府信息情况\n"
                             "### 第二十条第（八）项\n"
                             "| 信息内容 | 本年收费金额（单位：万元） |\n"
                             "|---|---|\n"
                             "| 行政事业性收费 | 4068.208 |\n";
    run(&r, md, strlen(md), RG_R21, &info);
    CELL_IS(&r, "art20_fee_amount_yuan", "-", "40682080", 5);
    report_free(&r);

    /* a cell that carries its own unit is not scaled again by the column's 万元 */
    static const char unit[] = "二、主动公开政府信息情况\n"
                               "信息内容 | 本年收费金额(单位:万元) |\n"
                               "行政事业性收费 | 80618元 |\n";
    run(&r, unit, strlen(unit), RG_R21, &info);
    CELL_IS(&r, "art20_fee_amount_yuan", "-", "80618", 3);
    report_free(&r);
}
END_TEST

/* ==== (g) a row with the wrong number of values is left out, with a note naming it ==== */

START_TEST(test_wrong_count_left_out)
{
    /* 表三 pipe rows: "1.属于国家秘密" has 6 values where 7 are expected */
    static const char pipe[] = "三、收到和处理政府信息公开申请情况\n"
                               "自然人 | 法人或其他组织 | 总计 |\n"
                               "一、本年新收政府信息公开申请数量 | 21 | 0 | 0 | 0 | 0 | 0 | 21 |\n"
                               "(三)不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 1 |\n"
                               "2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n";
    struct report r;
    struct extract_info info;
    char d[2048];
    run(&r, pipe, strlen(pipe), RG_R21, &info);
    ROW7_IS(&r, "req_new", "21 0 0 0 0 0 21", 3);
    ABSENT(&r, "res_denied_state_secret", "natural");
    ABSENT(&r, "res_denied_state_secret", "total");
    ROW7_IS(&r, "res_denied_law_forbidden", "0 0 0 0 0 0 0", 5);
    ck_assert_uint_eq(r.ncells, 14);
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(diag_has(&r, "属于国家秘密", "6 values", "left out"), "no note naming the row:%s", d);
    ck_assert_msg(diag_has(&r, ":4:", "属于国家秘密", NULL), "the note does not give the row's line:%s", d);
    ck_assert_uint_eq(count_left_out(&r), 1);
    report_free(&r);

    /* pdftotext layout: 8 values on a 7-column row (020 line 123 with a stray value) */
    static const char layout[] = "                  三、收到和处理政府信息公开申请情况\n"
                                 "一、本年新收政府信息公开申请数量                             21    0      0     0   0   0     21\n"
                                 "                 1.信访举报投诉类申请           1    0   0   0    0    0   1\n"
                                 "                 2.重复申请                0    0   0   0    0    0   0   9\n"
                                 "                 3.要求提供公开出版物           0    0   0   0    0    0   0\n";
    run(&r, layout, strlen(layout), RG_R21, &info);
    ROW7_IS(&r, "res_noproc_petition", "1 0 0 0 0 0 1", 3);
    ABSENT(&r, "res_noproc_repeat", "natural");
    ROW7_IS(&r, "res_noproc_publication", "0 0 0 0 0 0 0", 5);
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(diag_has(&r, "重复申请", "8 values", "left out"), "no note naming the row:%s", d);
    report_free(&r);

    /* 表二 R21: 行政许可 has one column (本年处理决定数量) but two values */
    static const char t2[] = "二、主动公开政府信息情况\n"
                             "第二十条第(五)项 | |||\n"
                             "信息内容 | 本年处理决定数量 | ||\n"
                             "行政许可 | 262 | 5 |\n"
                             "行政处罚 | 1 | |\n";
    run(&r, t2, strlen(t2), RG_R21, &info);
    ABSENT(&r, "art20_license_decisions", "-");
    CELL_IS(&r, "art20_penalty_decisions", "-", "1", 5);   /* an empty padding cell is not a value */
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(diag_has(&r, "行政许可", "left out", NULL), "no note naming the row:%s", d);
    report_free(&r);

    /* 013 平潭 2019: an R19 triple run together ("行政许可3960181" = 396|0|181 or 39|60|181):
     * not guessed (DOMAIN §6.8) */
    static const char flat[] = "第二十条第(五)项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可3960181\n";
    run(&r, flat, strlen(flat), RG_R19, &info);
    ABSENT(&r, "art20_license_prev_items", "-");
    ABSENT(&r, "art20_license_delta", "-");
    ABSENT(&r, "art20_license_decisions", "-");
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(diag_has(&r, "行政许可", "left out", NULL), "no note naming the row:%s", d);
    report_free(&r);

    /* 表四 with 14 of its 15 values (032 line 147 with one cell lost): nothing stored */
    static const char t4short[] = "三、收到和处理政府信息公开申请情况\n"
                                  "四、结转下年度继续办理 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
                                  "     四、政府信息公开行政复议、行政诉讼情况\n"
                                  " 1    1      0   0    2   1    0   0   0    1   2   0     1   0\n"
                                  "     五、存在的主要问题及改进情况\n";
    run(&r, t4short, strlen(t4short), RG_R21, &info);
    ABSENT(&r, "rev_upheld", "-");
    ABSENT(&r, "lit_after_rev_pending", "-");
    ck_assert(!info.t4_found);
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(diag_has(&r, "表四", "14", "left out"), "no note on 表四:%s", d);
    report_free(&r);

    /* 表四 with 16 values on one line: not aligned, nothing stored */
    static const char t4long[] = "三、收到和处理政府信息公开申请情况\n"
                                 "四、结转下年度继续办理 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
                                 "     四、政府信息公开行政复议、行政诉讼情况\n"
                                 " 1    1      0   0    2   1    0   0   0    1   2   0     1   0   3   7\n"
                                 "     五、存在的主要问题及改进情况\n";
    run(&r, t4long, strlen(t4long), RG_R21, &info);
    ABSENT(&r, "rev_upheld", "-");
    ABSENT(&r, "lit_after_rev_total", "-");
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(diag_has(&r, "表四", "16 values", "left out"), "no note on 表四:%s", d);
    report_free(&r);
}
END_TEST

/* ==== (h) prose before the tables ==== */

START_TEST(test_prose_before_tables)
{
    static const char prose[] =
        "一、总体情况\n"
        "（二）依申请公开情况。2023年全区本年新收政府信息公开申请数量 21 件，上年结转政府信息公开申请数量 3 件，"
        "均在法定期限答复。\n"
        "本年新收政府信息公开申请数量21件。\n"
        "三、本年度办理结果 予以公开 12 件。\n";
    struct report r;
    struct extract_info info;
    char d[2048];
    run(&r, prose, strlen(prose), RG_R21, &info);
    ck_assert_msg(r.ncells == 0, "prose gave %zu cells (first: %s)", r.ncells,
                  r.ncells ? REG_METRICS[r.cells[0].metric].id : "");
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(count_left_out(&r) == 0, "prose reported as table rows:%s", d);
    ck_assert(!info.t3_found);
    report_free(&r);

    /* the same prose, then the real table: only the table's values */
    size_t nt;
    char *tables = load_fixture("seed004_tables.txt", &nt);
    size_t np = strlen(prose);
    char *doc = malloc(np + nt + 1);
    ck_assert_ptr_nonnull(doc);
    memcpy(doc, prose, np);
    memcpy(doc + np, tables, nt);
    doc[np + nt] = '\0';
    free(tables);
    run(&r, doc, np + nt, RG_R21, &info);
    free(doc);
    truth_is(&r, "seed004_tables.truth.tsv");
    ROW7_IS(&r, "req_new", "1 0 0 0 0 0 0", 19 + 4);
    ROW7_IS(&r, "req_carry_in", "0 0 0 0 0 0 0", 20 + 4);
    report_free(&r);
}
END_TEST

/* ==== smaller cases ==== */

START_TEST(test_blank_cells_kept)
{
    /* 上海 2019 prints zeros as empty cells: BLANK, not 0 and not left out */
    static const char s[] = "三、收到和处理政府信息公开申请情况\n"
                            "一、本年新收政府信息公开申请数量 | 5 |  | | | | | 5 | |\n"
                            "二、上年结转政府信息公开申请数量 | / | | | | | | 1 |\n";
    struct report r;
    struct extract_info info;
    run(&r, s, strlen(s), RG_R19, &info);
    CELL_IS(&r, "req_new", "natural", "5", 2);
    CELL_IS(&r, "req_new", "org_business", "BLANK", 2);
    CELL_IS(&r, "req_new", "org_other", "BLANK", 2);
    CELL_IS(&r, "req_new", "total", "5", 2);
    CELL_IS(&r, "req_carry_in", "natural", "NA", 3);
    CELL_IS(&r, "req_carry_in", "total", "1", 3);
    ck_assert_uint_eq(r.ncells, 14);
    report_free(&r);
}
END_TEST

START_TEST(test_org_subtotal_column)
{
    /* a 法人或其他组织 小计 column makes 表三 eight columns wide */
    static const char s[] = "三、收到和处理政府信息公开申请情况\n"
                            "自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 小计 | 总计 |\n"
                            "一、本年新收政府信息公开申请数量 | 10 | 2 | 0 | 1 | 0 | 3 | 6 | 16 |\n";
    struct report r;
    struct extract_info info;
    run(&r, s, strlen(s), RG_R21, &info);
    CELL_IS(&r, "req_new", "natural", "10", 3);
    CELL_IS(&r, "req_new", "org_business", "2", 3);
    CELL_IS(&r, "req_new", "org_other", "3", 3);
    CELL_IS(&r, "req_new", "org_subtotal", "6", 3);
    CELL_IS(&r, "req_new", "total", "16", 3);
    ck_assert_uint_eq(r.ncells, 8);
    report_free(&r);
}
END_TEST

START_TEST(test_fold_label)
{
    size_t k;
    static const struct { const char *in, *out; } v[] = {
        { "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开" },
        { "1.属于国家秘密", "属于国家秘密" },
        { "规范性档案", "规范性文件" },
        /* an unclosed note runs to the end (wrapped around the row's values) */
        { "（二）部分公开（区分处理的，只计这一情", "部分公开" },
    };
    for (k = 0; k < sizeof v / sizeof v[0]; k++) {
        char *f = extract_fold_label(v[k].in, strlen(v[k].in));
        ck_assert_msg(strcmp(f, v[k].out) == 0, "fold('%s') = '%s', want '%s'", v[k].in, f, v[k].out);
        free(f);
    }
}
END_TEST

START_TEST(test_empty_stream)
{
    struct report r;
    struct extract_info info;
    run(&r, "", 0, RG_R21, &info);
    ck_assert_uint_eq(r.ncells, 0);
    ck_assert(!info.t2_found && !info.t3_found && !info.t4_found && !info.other_split);
    ck_assert_int_eq(info.t2_version, RG_NONE);
    report_free(&r);
}
END_TEST

Suite *suite_extract(void)
{
    Suite *s = suite_create("extract");
    TCase *tp = tcase_create("pipe");
    tcase_add_test(tp, test_pipe_r21_seed004);
    tcase_add_test(tp, test_pipe_r21_distinct_values);
    tcase_add_test(tp, test_pipe_t4_padding);
    tcase_add_test(tp, test_blank_cells_kept);
    tcase_add_test(tp, test_org_subtotal_column);
    suite_add_tcase(s, tp);

    TCase *tc = tcase_create("cell-per-line");
    tcase_add_test(tc, test_cells_r19_seed001);
    tcase_add_test(tc, test_cells_r19_by_header_words);
    tcase_add_test(tc, test_negative_only_in_delta);
    suite_add_tcase(s, tc);

    TCase *tl = tcase_create("layout");
    tcase_add_test(tl, test_layout_hongze2023);
    tcase_add_test(tl, test_layout_huaian2024_other_rows);
    tcase_add_test(tl, test_markdown_t4_three_tables);
    suite_add_tcase(s, tl);

    TCase *tr = tcase_create("rules");
    tcase_add_test(tr, test_fee_wanyuan);
    tcase_add_test(tr, test_wrong_count_left_out);
    tcase_add_test(tr, test_prose_before_tables);
    tcase_add_test(tr, test_fold_label);
    tcase_add_test(tr, test_empty_stream);
    suite_add_tcase(s, tr);
    return s;
}
