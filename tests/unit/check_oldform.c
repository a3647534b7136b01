/* check_oldform.c - the old templates' tables (oldform.c): R08 Shanghai-model and
 * 福建 forms, the R14 national 统计表, and 福建 web dumps whose cells ran together.
 *
 * Fixtures are real report excerpts (tests/data/unit/README.md gives source and
 * lines); the expected cells are the hand-checked truth rows (source = table) of
 * the same reports, compared cell by cell with no extra cell allowed.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/header.h"
#include "ogistat/lex.h"
#include "ogistat/oldform.h"
#include "ogistat/record.h"
#include "testutil.h"

Suite *suite_oldform(void);

static void run_text(struct report *r, const char *s, size_t n, enum regime g)
{
    struct tokstream ts;
    ts_init(&ts);
    lex_text(s, n, &ts);
    struct compact c;
    compact_build(&c, &ts);
    report_init(r, "test");
    r->regime = g;
    oldform_extract(r, &ts, &c);
    compact_free(&c);
    ts_free(&ts);
}

static void run_fixture(struct report *r, const char *name, enum regime g)
{
    size_t n;
    char *s = load_fixture(name, &n);
    run_text(r, s, n, g);
    free(s);
}

#define RUN(r, text, g) run_text((r), (text), strlen(text), (g))

/* seed_000 (衡阳市司法局 2013) 八、附表: four pipe-row tables 指标 | 单位 | 数量 */
START_TEST(test_r08_pipe_rows)
{
    struct report r;
    run_fixture(&r, "seed000_r08_pipes.txt", RG_R08);
    truth_is(&r, "seed000_r08_pipes.truth.tsv");
    /* "2万" in the 人次 row: rounded, on excerpt line 38 (source line 70) */
    CELL_IS(&r, "consult_web_visits", "-", "20000", 38);
    CELL_IS(&r, "pro_total", "-", "600", 4);
    report_free(&r);
}
END_TEST

/* seed_002 (衡阳市安监局 2012): one cell per line with "|" lines; empty cells are
 * BLANK, "500余条" is at least 500, "“免予公开范围" lost its digit (mapped in order) */
START_TEST(test_r08_blank_cells)
{
    struct report r;
    run_fixture(&r, "seed002_r08_blank.txt", RG_R08);
    truth_is(&r, "seed002_r08_blank.truth.tsv");
    report_free(&r);
}
END_TEST

/* seed_003 (蒸湘区 2014): the R14 national form, one cell per line, "&nbsp;" cells;
 * 复议 and 诉讼 repeat 被依法纠错数/其他情形数; 万元 rows are stored in 元 */
START_TEST(test_r14_national_form)
{
    struct report r;
    run_fixture(&r, "seed003_r14.txt", RG_R14);
    truth_is(&r, "seed003_r14.truth.tsv");
    CELL_IS(&r, "cap_budget_yuan", "-", "10000", 0);
    CELL_IS(&r, "pro_ch_gazette", "-", "BLANK", 0);
    report_free(&r);
}
END_TEST

/* 004 平潭县 2012: 指标名称计量单位2012年度历年累计主动公开信息数条20263542…, every
 * row's two cells run together; split with annual <= cumulative, the channel sum
 * (18|18 + 0|0 + 3|3 ... = 21|21) and the reply sum (17 + 2 + 2 = 21) */
START_TEST(test_fujian_runs_identities)
{
    struct report r;
    run_fixture(&r, "pingtan2012_runs.txt", RG_R08);
    truth_is(&r, "pingtan2012_runs.truth.tsv");
    report_free(&r);
}
END_TEST

/* 010 平潭综合实验区 2016: 主动公开文件数条346085376 reads 3|46085376, 34|6085376 or
 * 3460|85376; the prose "主动公开政府信息3460条" settles it. Without that sentence the
 * annual cell is not determined: NA (ambiguous), with the readings on stderr. */
START_TEST(test_fujian_runs_prose)
{
    struct report r;
    size_t n;
    char *s = load_fixture("pingtan2016_runs.txt", &n);
    run_text(&r, s, n, RG_R08);
    truth_is(&r, "pingtan2016_runs.truth.tsv");
    report_free(&r);

    char *p = strstr(s, "主动公开政府信息3460条");
    ck_assert_ptr_nonnull(p);
    memcpy(p + strlen("主动公开政府信息"), "XXXX", 4);
    run_text(&r, s, n, RG_R08);
    CELL_IS(&r, "pro_total", "-", "NA", 0);
    CELL_IS(&r, "pro_ch_website", "-", "NA", 0);
    ck_assert_int_eq(report_get(&r, M_PRO_TOTAL, AP_NONE)->q, Q_AMBIGUOUS);
    ck_assert(diag_has(&r, "346085376", "3460|85376", "not determined"));
    CELL_IS(&r, "pro_ch_gazette", "-", "0", 0);
    report_free(&r);
    free(s);
}
END_TEST

/* Only the annual column is stored, wherever it is printed */
START_TEST(test_annual_column_only)
{
    struct report r;
    RUN(&r, "指标名称 | 计量单位 | 2011年度 | 历年累计 |\n主动公开信息数 | 条 | 425 | 1516 |\n", RG_R08);
    CELL_IS(&r, "pro_total", "-", "425", 2);
    ck_assert_uint_eq(r.ncells, 1);
    report_free(&r);
    RUN(&r, "指标名称 | 计量单位 | 历年累计 | 2011年度 |\n主动公开信息数 | 条 | 1516 | 425 |\n", RG_R08);
    CELL_IS(&r, "pro_total", "-", "425", 2);
    report_free(&r);
    /* 005: one cell of a row lost; a lone 0 leaves the annual cell 0 either way */
    RUN(&r, "指标名称 计量单位 2013年度 历年累计 主动公开信息数 条 72804 76424 其中：1、网站公开 条 72804 76424 "
            "2、政府公报公开 条 0 受理依申请公开信息总数 条 0 0", RG_R08);
    CELL_IS(&r, "pro_ch_gazette", "-", "0", 1);
    CELL_IS(&r, "req_new", "total", "0", 1);
    report_free(&r);
    /* ... but a lone non-zero value could be either column: left out */
    RUN(&r, "指标名称 计量单位 2013年度 历年累计 2、政府公报公开 条 7 受理依申请公开信息总数 条 0 0", RG_R08);
    ABSENT(&r, "pro_ch_gazette", "-");
    ck_assert(diag_has(&r, "政府公报", "1 cells", NULL) || diag_has(&r, "政府公报", "2 cells", NULL));
    report_free(&r);
}
END_TEST

/* The 历年累计 cell is no record, but `check` (A6) keeps it beside the annual cell */
static void cumulative_is_at(const struct report *r, int metric, int64_t v, int tline)
{
    for (size_t i = 0; i < r->nsaid; i++)
        if (r->said[i].kind == SAID_CUMULATIVE && r->said[i].metric == metric) {
            ck_assert_msg(r->said[i].v100 == v * 100, "test line %d: cumulative %lld, want %lld", tline,
                          (long long)r->said[i].v100 / 100, (long long)v);
            return;
        }
    ck_abort_msg("test line %d: no cumulative figure for metric %d", tline, metric);
}
#define CUMULATIVE_IS(r, m, v) cumulative_is_at((r), (m), (v), __LINE__)

START_TEST(test_cumulative_kept_aside)
{
    struct report r;
    RUN(&r, "指标名称 | 计量单位 | 2011年度 | 历年累计 |\n主动公开信息数 | 条 | 425 | 1516 |\n", RG_R08);
    CUMULATIVE_IS(&r, M_PRO_TOTAL, 1516);
    ck_assert_uint_eq(r.nsaid, 1);
    report_free(&r);
    /* 004 平潭县 2012, cells run together: 20263542 = 2026 | 3542, 17953304 = 1795 | 3304 */
    run_fixture(&r, "pingtan2012_runs.txt", RG_R08);
    CUMULATIVE_IS(&r, M_PRO_TOTAL, 3542);
    CUMULATIVE_IS(&r, M_PRO_CH_WEBSITE, 3304);
    CUMULATIVE_IS(&r, M_PRO_CH_GAZETTE, 7);
    /* 1795 is the only reading with 其中 not above its total in both columns: read, not inferred */
    const struct cell *c = report_get(&r, M_PRO_CH_WEBSITE, AP_NONE);
    ck_assert(c && !c->inferred);
    report_free(&r);
    /* a single value column: nothing aside */
    RUN(&r, "指标 | 单位 | 数量 |\n主动公开信息数 | 条 | 600 |\n", RG_R08);
    ck_assert_uint_eq(r.nsaid, 0);
    report_free(&r);
}
END_TEST

/* A row with more cells than the form has is left out, with a note naming it */
START_TEST(test_wrong_cell_count)
{
    struct report r;
    RUN(&r, "指 标 | 单位 | 数 量 |\n申请总数 | 条 | 3 | 4 |\n行政复议数 | 件 | 1 |\n", RG_R08);
    ABSENT(&r, "req_new", "total");
    CELL_IS(&r, "rev_total", "-", "1", 3);
    ck_assert(diag_has(&r, "3 cells where the form has 2", NULL, NULL));
    report_free(&r);
}
END_TEST

/* Rows are read only inside a table (after its 指标 header): the same words in
 * prose are not rows, and an R14 label is not read in an R08 form */
START_TEST(test_prose_is_not_a_row)
{
    struct report r;
    RUN(&r, "本年度行政复议数\n0\n指 标 | 单位 | 数 量 |\n行政诉讼数 | 件 | 2 |\n3.网络申请数 | 件 | 5 |\n", RG_R08);
    ABSENT(&r, "rev_total", "-");
    ABSENT(&r, "req_ch_network", "-");
    CELL_IS(&r, "lit_total", "-", "2", 4);
    ck_assert_uint_eq(r.ncells, 1);
    report_free(&r);
}
END_TEST

Suite *suite_oldform(void)
{
    Suite *s = suite_create("oldform");
    TCase *tc = tcase_create("r08");
    tcase_add_test(tc, test_r08_pipe_rows);
    tcase_add_test(tc, test_r08_blank_cells);
    tcase_add_test(tc, test_annual_column_only);
    tcase_add_test(tc, test_cumulative_kept_aside);
    tcase_add_test(tc, test_wrong_cell_count);
    tcase_add_test(tc, test_prose_is_not_a_row);
    suite_add_tcase(s, tc);
    tc = tcase_create("r14");
    tcase_add_test(tc, test_r14_national_form);
    suite_add_tcase(s, tc);
    tc = tcase_create("runs");
    tcase_add_test(tc, test_fujian_runs_identities);
    tcase_add_test(tc, test_fujian_runs_prose);
    suite_add_tcase(s, tc);
    return s;
}
