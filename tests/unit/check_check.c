/* check_check.c - known answers for src/check.c: the identities on synthetic reports
 * (report_set, hand-computed), on real report excerpts (tests/data/unit), and the
 * checks across reports on synthetic series. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/check.h"
#include "ogistat/csvio.h"
#include "ogistat/registry.h"
#include "ogistat/util.h"
#include "testutil.h"

Suite *suite_check(void);

/* ==== helpers ==== */

static const int COLS7[] = { AP_NATURAL, AP_ORG_BUSINESS, AP_ORG_RESEARCH, AP_ORG_NGO, AP_ORG_LEGAL, AP_ORG_OTHER,
                             AP_TOTAL };

/* A 表三 row: seven values, or "B" (BLANK) for every cell when v is NULL. */
static void row7(struct report *r, int m, const int *v, long line)
{
    for (size_t i = 0; i < 7; i++)
        report_set(r, m, COLS7[i], v ? CELL_VALUE : CELL_BLANK, Q_EXACT, v ? (int64_t)v[i] * 100 : 0, SRC_TABLE, line);
}

static void one(struct report *r, int m, int64_t v, long line)
{
    report_set(r, m, REG_METRICS[m].applicant_dim ? AP_TOTAL : AP_NONE, CELL_VALUE, Q_EXACT, v * 100, SRC_TABLE, line);
}

/* A report with just its header; cells follow with one() or cells(). */
static void blank_report(struct report *r, const char *path, const char *body, int year, enum regime g)
{
    report_init(r, path);
    r->body = body ? xstrdup(body) : NULL;
    r->year = year;
    r->regime = g;
}

/* Cells without the applicant dimension (or its 总计): { metric, value, line } each. */
struct mv {
    int m, v, line;
};
static void cells(struct report *r, const struct mv *v, size_t n)
{
    for (size_t i = 0; i < n; i++) one(r, v[i].m, v[i].v, v[i].line);
}
#define CELLS(r, ...) cells((r), (const struct mv[]){ __VA_ARGS__ }, \
                            sizeof((const struct mv[]){ __VA_ARGS__ }) / sizeof(struct mv))

/* A consistent R21 report (the 平潭 2021 req_new row of DOMAIN §6.8):
 *   一、本年新收   64 0 0 2 0 4 70      二、上年结转 0 …
 *   （一）予以公开 50 0 0 2 0 4 56      1.本机关不掌握 13 0 0 0 0 0 13   every other outcome 0
 *   （七）总计     63 0 0 2 0 4 69      四、结转下年度  1 0 0 0 0 0 1
 *   表四 行政复议 1 1 0 0 2, 诉讼 0. */
static void r21(struct report *r, const char *path)
{
    static const int NEW[] = { 64, 0, 0, 2, 0, 4, 70 }, ZERO[7] = { 0 }, GRANTED[] = { 50, 0, 0, 2, 0, 4, 56 },
                     HELD[] = { 13, 0, 0, 0, 0, 0, 13 }, TOTAL[] = { 63, 0, 0, 2, 0, 4, 69 },
                     OUT[] = { 1, 0, 0, 0, 0, 0, 1 };
    static const int LEAVES[] = { M_RES_PARTIAL, M_RES_DENIED_STATE_SECRET, M_RES_DENIED_LAW_FORBIDDEN,
                                  M_RES_DENIED_SAFETY_STABILITY, M_RES_DENIED_THIRD_PARTY, M_RES_DENIED_INTERNAL_AFFAIRS,
                                  M_RES_DENIED_PROCESS_INFO, M_RES_DENIED_ENFORCEMENT_FILE, M_RES_DENIED_ADMIN_QUERY,
                                  M_RES_UNABLE_NEEDS_CREATION, M_RES_UNABLE_UNCLEAR, M_RES_NOPROC_PETITION,
                                  M_RES_NOPROC_REPEAT, M_RES_NOPROC_PUBLICATION, M_RES_NOPROC_EXCESSIVE,
                                  M_RES_NOPROC_CONFIRM, M_RES_OTHER_NO_CORRECTION, M_RES_OTHER_NO_FEE,
                                  M_RES_OTHER_MISC };
    report_init(r, path);
    r->body = xstrdup("漳州市司法局");
    r->year = 2021;
    r->regime = RG_R21;
    row7(r, M_REQ_NEW, NEW, 200);
    row7(r, M_REQ_CARRY_IN, ZERO, 201);
    row7(r, M_RES_GRANTED, GRANTED, 202);
    row7(r, M_RES_UNABLE_NOT_HELD, HELD, 203);
    for (size_t i = 0; i < sizeof LEAVES / sizeof LEAVES[0]; i++) row7(r, LEAVES[i], ZERO, 204 + (long)i);
    row7(r, M_RES_TOTAL, TOTAL, 212);
    row7(r, M_REQ_CARRY_OUT, OUT, 213);
    static const int T4[] = { M_REV_UPHELD, M_REV_CORRECTED, M_REV_OTHER, M_REV_PENDING, M_REV_TOTAL };
    static const int T4V[] = { 1, 1, 0, 0, 2 };
    for (size_t i = 0; i < 5; i++) one(r, T4[i], T4V[i], 230);
    static const int LIT[] = { M_LIT_DIRECT_UPHELD, M_LIT_DIRECT_CORRECTED, M_LIT_DIRECT_OTHER, M_LIT_DIRECT_PENDING,
                               M_LIT_DIRECT_TOTAL, M_LIT_AFTER_REV_UPHELD, M_LIT_AFTER_REV_CORRECTED,
                               M_LIT_AFTER_REV_OTHER, M_LIT_AFTER_REV_PENDING, M_LIT_AFTER_REV_TOTAL };
    for (size_t i = 0; i < 10; i++) one(r, LIT[i], 0, 230);
}

static void set7(struct report *r, int m, int ap, enum cell_status st, int64_t v, enum qualifier q)
{
    const struct cell *c = report_get(r, m, ap);
    report_set(r, m, ap, st, q, v * 100, SRC_TABLE, c ? c->line : 0);
}

/* The results of id at column col (a row/column label), in order. */
static const struct check_result *find(const struct check_results *l, const char *id, const char *row, const char *col, size_t k)
{
    for (size_t i = 0; i < l->n; i++) {
        const struct check_result *x = &l->v[i];
        if (strcmp(x->id, id) != 0) continue;
        if (row && (!x->row || strcmp(x->row, row) != 0)) continue;
        if (col && (!x->col || strcmp(x->col, col) != 0)) continue;
        if (k-- == 0) return x;
    }
    return NULL;
}

static size_t count(const struct check_results *l, const char *id, enum check_status st)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++) n += (!id || strcmp(l->v[i].id, id) == 0) && l->v[i].status == st;
    return n;
}

static void result_is_at(const struct check_result *x, enum check_status st, enum check_class cls, long line, const char *text,
                         int tline)
{
    ck_assert_msg(x != NULL, "test line %d: no such result", tline);
    ck_assert_msg(x->status == st && x->cls == cls, "test line %d: status %d class %d, want %d %d (%s)", tline,
                  x->status, x->cls, st, cls, x->text);
    if (line) ck_assert_msg(x->line == line, "test line %d: line %ld, want %ld", tline, x->line, line);
    if (text) ck_assert_msg(strcmp(x->text, text) == 0, "test line %d: text\n  '%s'\nwant\n  '%s'", tline, x->text, text);
}
#define RESULT_IS(x, st, cls, line, text) result_is_at((x), (st), (cls), (line), (text), __LINE__)

/* ==== per report ==== */

START_TEST(test_consistent_r21)
{
    struct report r;
    r21(&r, "data/x.html");
    struct check_results l;
    check_results_init(&l);
    check_report(&r, &l);
    ck_assert_uint_eq(count(&l, "N1", CHK_PASS), 7);
    ck_assert_uint_eq(count(&l, "N2", CHK_PASS), 7);
    ck_assert_uint_eq(count(&l, "N4", CHK_PASS), 25);     /* 表三 rows: 3 request rows, 21 leaves, （七） */
    ck_assert_uint_eq(count(&l, "N5", CHK_PASS), 3);
    ck_assert_uint_eq(count(&l, "NN", CHK_PASS), 2);      /* 表三, 表四 */
    ck_assert_uint_eq(l.n, 44);
    RESULT_IS(find(&l, "N1", "（七）总计", "自然人", 0), CHK_PASS, CHK_CLASS_NONE, 212, "一+二 (64+0) = 三+四 (63+1)");
    RESULT_IS(find(&l, "N2", NULL, "自然人", 0), CHK_PASS, CHK_CLASS_NONE, 212,
              "（一）+（二）+（三）+（四）+（五）+（六） (50+0+0+13+0+0) = （七） (63)");
    RESULT_IS(find(&l, "N5", "行政复议", "总计", 0), CHK_PASS, CHK_CLASS_NONE, 230,
              "结果维持+结果纠正+其他结果+尚未审结 (1+1+0+0) = 总计 (2)");
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* r21 with nothing carried out: N1 fails in the 自然人 and 总计 columns. Checked into l. */
static void broken_n1(struct report *r, struct check_results *l)
{
    r21(r, "data/x.html");
    set7(r, M_REQ_CARRY_OUT, AP_NATURAL, CELL_VALUE, 0, Q_EXACT);
    set7(r, M_REQ_CARRY_OUT, AP_TOTAL, CELL_VALUE, 0, Q_EXACT);
    check_results_init(l);
    check_report(r, l);
}

/* The issue's example: 一+二 (64+0) ≠ 三+四 (63+0), 差 1, located at （七）总计 / 自然人 */
START_TEST(test_n1_fail_source)
{
    struct report r;
    struct check_results l;
    broken_n1(&r, &l);
    ck_assert_uint_eq(count(&l, NULL, CHK_FAIL), 2);
    const struct check_result *x = find(&l, "N1", "（七）总计", "自然人", 0);
    RESULT_IS(x, CHK_FAIL, CHK_SOURCE, 212, "一+二 (64+0) ≠ 三+四 (63+0), 差 1");
    ck_assert_str_eq(x->table, "表三");
    ck_assert_str_eq(x->path, "data/x.html");
    ck_assert(x->has_values && x->lhs == 6400 && x->rhs == 6300);
    RESULT_IS(find(&l, "N1", NULL, "总计", 0), CHK_FAIL, CHK_SOURCE, 212, "一+二 (70+0) ≠ 三+四 (69+0), 差 1");

    /* the text line, as printed */
    char *buf = NULL;
    size_t bn = 0;
    FILE *fp = open_memstream(&buf, &bn);
    check_write_text(fp, &l, CHK_SHOW_FAILURES);
    struct check_counts k;
    check_count(&l, &k);
    check_write_summary(fp, "data/x.html: 漳州市司法局 2021 R21", &k);
    fclose(fp);
    ck_assert_str_eq(buf, "data/x.html:212: 表三 “（七）总计” / 自然人: 一+二 (64+0) ≠ 三+四 (63+0), 差 1 [N1 FAIL source]\n"
                          "data/x.html:212: 表三 “（七）总计” / 总计: 一+二 (70+0) ≠ 三+四 (69+0), 差 1 [N1 FAIL source]\n"
                          "data/x.html: 漳州市司法局 2021 R21: 42 PASS, 0 PASS_IMPUTED, 2 FAIL (source), 0 WARN, "
                          "0 UNCHECKABLE\n");
    free(buf);
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* A term inferred from digits that ran together, stated in prose, or qualified: extraction */
START_TEST(test_fail_extraction)
{
    struct report r;
    r21(&r, "x");
    set7(&r, M_REQ_CARRY_OUT, AP_NATURAL, CELL_VALUE, 0, Q_EXACT);
    struct cell *c = (struct cell *)report_get(&r, M_RES_TOTAL, AP_NATURAL);
    c->inferred = true;
    struct check_results l;
    check_results_init(&l);
    check_report(&r, &l);
    RESULT_IS(find(&l, "N1", NULL, "自然人", 0), CHK_FAIL, CHK_EXTRACTION, 212,
              "一+二 (64+0) ≠ 三+四 (63+0), 差 1; “（七）总计” / 自然人 was inferred from digits that ran together");
    check_results_clear(&l);
    c->inferred = false;
    c->q = Q_AT_LEAST;
    check_report(&r, &l);
    RESULT_IS(find(&l, "N1", NULL, "自然人", 0), CHK_FAIL, CHK_EXTRACTION, 212,
              "一+二 (64+0) ≠ 三+四 (63+0), 差 1; “（七）总计” / 自然人 is a lower bound (余/多)");
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* BLANK is read as 0: PASS_IMPUTED when the identity then holds, FAIL (source) when not */
START_TEST(test_blank_cells)
{
    struct report r;
    r21(&r, "x");
    row7(&r, M_REQ_CARRY_IN, NULL, 201);
    struct check_results l;
    check_results_init(&l);
    check_report(&r, &l);
    ck_assert_uint_eq(count(&l, "N1", CHK_PASS_IMPUTED), 7);
    RESULT_IS(find(&l, "N1", NULL, "自然人", 0), CHK_PASS_IMPUTED, CHK_CLASS_NONE, 212,
              "一+二 (64+空) = 三+四 (63+1) (空 read as 0)");
    check_results_clear(&l);
    /* 上海市人民政府办公厅 2019: an empty 总计 cell beside filled columns */
    set7(&r, M_RES_GRANTED, AP_TOTAL, CELL_BLANK, 0, Q_EXACT);
    check_report(&r, &l);
    RESULT_IS(find(&l, "N4", "（一）予以公开", NULL, 0), CHK_FAIL, CHK_SOURCE, 202,
              "自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 (50+0+0+2+0+4) ≠ 总计 (空), 差 56 (空 read as 0)");
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* NA (a run of digits with several readings) or a missing row: UNCHECKABLE, naming the cell */
START_TEST(test_uncheckable)
{
    struct report r;
    r21(&r, "x");
    set7(&r, M_REQ_CARRY_OUT, AP_NATURAL, CELL_NA, 0, Q_AMBIGUOUS);
    struct check_results l;
    check_results_init(&l);
    check_report(&r, &l);
    RESULT_IS(find(&l, "N1", NULL, "自然人", 0), CHK_UNCHECKABLE, CHK_CLASS_NONE, 212,
              "一+二 = 三+四 not checkable: “四、结转下年度继续办理” / 自然人 is NA (digits that ran together, not determined)");
    ck_assert(!find(&l, "N1", NULL, "自然人", 0)->has_values);
    RESULT_IS(find(&l, "N4", "四、结转下年度继续办理", NULL, 0), CHK_UNCHECKABLE, CHK_CLASS_NONE, 213, NULL);
    ck_assert_uint_eq(count(&l, NULL, CHK_FAIL), 0);
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* R19: （六）其他处理 is one row; a printed 小计 is checked against its rows (N3) */
START_TEST(test_r19_other_row_and_subtotal)
{
    struct report r;
    r21(&r, "x");
    r.regime = RG_R19;
    /* drop the three R21 sub-rows: R19 prints （六） as one data row */
    size_t k = 0;
    for (size_t i = 0; i < r.ncells; i++) {
        int m = r.cells[i].metric;
        if (m != M_RES_OTHER_NO_CORRECTION && m != M_RES_OTHER_NO_FEE && m != M_RES_OTHER_MISC) r.cells[k++] = r.cells[i];
    }
    r.ncells = k;
    static const int OTHER[] = { 0, 0, 0, 0, 0, 1, 1 };
    row7(&r, M_RES_OTHER_TOTAL, OTHER, 209);
    static const int UNABLE[] = { 13, 0, 0, 0, 0, 0, 12 };
    row7(&r, M_RES_UNABLE_TOTAL, UNABLE, 203);
    struct check_results l;
    check_results_init(&l);
    check_report(&r, &l);
    /* 其他 column: 4 (granted) + 1 (（六）) = 5 against （七） 4 */
    RESULT_IS(find(&l, "N2", NULL, "其他", 0), CHK_FAIL, CHK_SOURCE, 212,
              "（一）+（二）+（三）+（四）+（五）+（六） (4+0+0+0+0+1) ≠ （七） (4), 差 1");
    RESULT_IS(find(&l, "N3", "（四）无法提供", "自然人", 0), CHK_PASS, CHK_CLASS_NONE, 203, "1+2+3 (13+0+0) = 小计 (13)");
    RESULT_IS(find(&l, "N4", "（四）无法提供", NULL, 0), CHK_FAIL, CHK_SOURCE, 203, NULL);
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* NN: a negative count fails, a signed 本年增/减 does not; counts are whole numbers */
START_TEST(test_nonnegative)
{
    struct report r;
    blank_report(&r, "x", NULL, 0, RG_R19);
    report_set(&r, M_ART20_LICENSE_DELTA, AP_NONE, CELL_VALUE, Q_EXACT, -800, SRC_TABLE, 5);
    report_set(&r, M_ART20_PENALTY_PREV_ITEMS, AP_NONE, CELL_VALUE, Q_EXACT, -300, SRC_TABLE, 6);
    report_set(&r, M_ART20_PROCURE_AMOUNT_YUAN, AP_NONE, CELL_VALUE, Q_EXACT, 12345, SRC_TABLE, 7);
    report_set(&r, M_REV_TOTAL, AP_NONE, CELL_VALUE, Q_EXACT, 250, SRC_TABLE, 9);
    struct check_results l;
    check_results_init(&l);
    check_report(&r, &l);
    ck_assert_uint_eq(count(&l, "NN", CHK_FAIL), 2);
    ck_assert_uint_eq(count(&l, "NN", CHK_PASS), 0);
    const struct check_result *x = find(&l, "NN", "行政处罚", "上一年项目数量", 0);
    RESULT_IS(x, CHK_FAIL, CHK_SOURCE, 6, "-3 < 0");
    ck_assert_str_eq(x->table, "表二");
    RESULT_IS(find(&l, "NN", "行政复议", "总计", 0), CHK_FAIL, CHK_SOURCE, 9, "2.5 is not a whole number");
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* R08 (DOMAIN §3.3): which reading of 否决公开 holds */
START_TEST(test_r08_deny_scope)
{
    struct report r;
    blank_report(&r, "x", NULL, 0, RG_R08);
    CELLS(&r, { M_REP_TOTAL, 10, 50 }, { M_REP_AGREE, 5, 51 }, { M_REP_PARTIAL, 2, 52 }, { M_REP_DENY_TOTAL, 3, 53 },
          { M_REP_DENY_NOT_GOV_INFO, 0, 54 }, { M_REP_NOT_EXIST, 2, 55 }, { M_REP_NOT_THIS_AGENCY, 1, 56 },
          { M_REP_UNCLEAR, 0, 57 }, { M_REP_DENY_STATE_SECRET, 0, 58 }, { M_REP_DENY_OTHER, 0, 59 });
    struct check_results l;
    check_results_init(&l);
    check_report(&r, &l);
    const struct check_result *x = find(&l, "A2", NULL, NULL, 0);
    RESULT_IS(x, CHK_PASS, CHK_CLASS_NONE, 50, NULL);
    ck_assert_msg(strncmp(x->text, "reading A2a inclusive holds; ", 29) == 0, "%s", x->text);
    ck_assert_uint_eq(count(&l, "A2", CHK_PASS), 1);
    check_results_clear(&l);
    /* the same replies, printed with 否决 excluding the non-exemption reasons */
    one(&r, M_REP_TOTAL, 13, 50);
    one(&r, M_REP_DENY_STATE_SECRET, 3, 58);
    check_report(&r, &l);
    x = find(&l, "A2", NULL, NULL, 0);
    RESULT_IS(x, CHK_PASS, CHK_CLASS_NONE, 50, NULL);
    ck_assert_msg(strncmp(x->text, "reading A2b exclusive holds; ", 29) == 0, "%s", x->text);
    check_results_clear(&l);
    /* neither */
    one(&r, M_REP_TOTAL, 20, 50);
    check_report(&r, &l);
    RESULT_IS(find(&l, "A2", NULL, NULL, 0), CHK_FAIL, CHK_SOURCE, 50,
              "A2a inclusive: 同意公开+同意部分公开+否决公开 (5+2+3) ≠ 答复总数 (20), 差 -10; "
              "非政府信息+不存在+非本部门+不明确+免予公开范围 (0+2+1+0+3) ≠ 否决公开 (3), 差 3; "
              "A2b exclusive: 同意公开+同意部分公开+否决公开+非政府信息+不存在+非本部门+不明确 (5+2+3+0+2+1+0) ≠ "
              "答复总数 (20), 差 -7; 免予公开范围 (3) = 否决公开 (3)");
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* A1 with the channel rows a local form prints; A3 is an inequality; A7 (福建 form) */
START_TEST(test_r08_other)
{
    struct report r;
    blank_report(&r, "x", NULL, 0, RG_R08);
    CELLS(&r, { M_REQ_NEW, 7, 10 }, { M_REQ_CH_IN_PERSON, 0, 11 }, { M_REQ_CH_EMAIL, 3, 12 }, { M_REQ_CH_WEB, 4, 13 },
          { M_PRO_TOTAL, 600, 20 }, { M_PRO_FULLTEXT_E, 700, 21 });
    struct check_results l;
    check_results_init(&l);
    check_report(&r, &l);
    RESULT_IS(find(&l, "A1", NULL, NULL, 0), CHK_PASS, CHK_CLASS_NONE, 10, "当面+电子邮件+网上 (0+3+4) = 申请总数 (7)");
    RESULT_IS(find(&l, "A3", NULL, NULL, 0), CHK_FAIL, CHK_SOURCE, 21, "全文电子化 (700) > 主动公开信息数 (600), 差 100");
    check_results_clear(&l);
    report_free(&r);
    /* 004 平潭县 2012 */
    blank_report(&r, "x", NULL, 0, RG_R08);
    CELLS(&r, { M_PRO_TOTAL, 2026, 10 }, { M_PRO_CH_WEBSITE, 1795, 10 }, { M_PRO_CH_GAZETTE, 0, 10 });
    check_report(&r, &l);
    RESULT_IS(find(&l, "A7", "主动公开信息数", NULL, 0), CHK_FAIL, CHK_SOURCE, 10,
              "网站公开+政府公报公开 (1795+0) ≠ 主动公开信息数 (2026), 差 -231");
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* ==== real reports ==== */

/* Parse a fixture (tests/data/unit) and check it. */
static void check_fixture(const char *name, struct report *r, struct check_results *l)
{
    size_t n;
    char *doc = load_fixture(name, &n);
    parse_doc(r, doc);
    free(doc);
    check_results_init(l);
    check_report(r, l);
}

/* 洪泽区 2023 (pdftotext -layout): 表四 行政复议 10 1 0 0 总计 0 and 复议后起诉 5 0 0 0 总计 0,
 * every cell read cleanly: the report contradicts itself (truth: # source inconsistency) */
START_TEST(test_real_hongze2023)
{
    struct report r;
    struct check_results l;
    check_fixture("hongze2023_layout.txt", &r, &l);
    ck_assert_uint_eq(count(&l, NULL, CHK_FAIL), 2);
    RESULT_IS(find(&l, "N5", "行政复议", "总计", 0), CHK_FAIL, CHK_SOURCE, 109,
              "结果维持+结果纠正+其他结果+尚未审结 (10+1+0+0) ≠ 总计 (0), 差 11");
    RESULT_IS(find(&l, "N5", "复议后起诉", "总计", 0), CHK_FAIL, CHK_SOURCE, 109,
              "结果维持+结果纠正+其他结果+尚未审结 (5+0+0+0) ≠ 总计 (0), 差 5");
    /* its single-row （六）其他处理 under the 2021 form: N2 takes that row */
    RESULT_IS(find(&l, "N2", NULL, "总计", 0), CHK_PASS, CHK_CLASS_NONE, 0, NULL);
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* 漳州市司法局 2023 (pipe rows): 1|0|0|0|0|0|0 in three rows (truth: # source inconsistency) */
START_TEST(test_real_seed004)
{
    struct report r;
    struct check_results l;
    check_fixture("seed004_tables.txt", &r, &l);
    ck_assert_uint_eq(count(&l, NULL, CHK_FAIL), 3);
    ck_assert_uint_eq(count(&l, "N4", CHK_FAIL), 3);
    RESULT_IS(find(&l, "N4", "一、本年新收政府信息公开申请数量", "总计", 0), CHK_FAIL, CHK_SOURCE, 19,
              "自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 (1+0+0+0+0+0) ≠ 总计 (0), 差 1");
    ck_assert_ptr_nonnull(find(&l, "N4", "5.属于三类内部事务信息", NULL, 0));
    ck_assert_ptr_nonnull(find(&l, "N4", "（七）总计", NULL, 0));
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* 平潭综合实验区 2021 (cells ran together): the solver's rows are inferred, and the
 * report passes every identity it can be checked on */
START_TEST(test_real_flattened_inferred)
{
    struct report r;
    struct check_results l;
    check_fixture("015_flattened_tables.txt", &r, &l);
    const struct cell *c = report_get(&r, M_REQ_NEW, AP_NATURAL);       /* 640020470 */
    ck_assert(c && c->inferred);
    c = report_get(&r, M_REV_TOTAL, AP_NONE);                          /* 10203120001200000 */
    ck_assert(c && c->inferred);
    ck_assert_uint_eq(count(&l, NULL, CHK_FAIL), 0);
    ck_assert_uint_gt(count(&l, NULL, CHK_PASS), 40);
    check_results_free(&l);
    report_free(&r);
}
END_TEST

/* ==== across reports ==== */

/* The checks across the n reports v (freed here), into l. */
static void run_series(struct report *v, size_t n, struct check_results *l)
{
    struct check_series *s = check_series_new();
    for (size_t i = 0; i < n; i++) {
        check_series_add(s, &v[i]);
        report_free(&v[i]);
    }
    check_results_init(l);
    check_series_run(s, l);
    check_series_free(s);
}

/* S1: 结转下年度 (t) against 上年结转 (t+1), the same body under two names */
START_TEST(test_s1_carry_over)
{
    struct report v[2];
    r21(&v[0], "a/2023.txt");
    free(v[0].body);
    v[0].body = xstrdup("洪泽区人民政府");
    v[0].year = 2023;
    r21(&v[1], "b/2024.txt");
    free(v[1].body);
    v[1].body = xstrdup("淮安市洪泽区人民政府");
    v[1].year = 2024;
    static const int IN[] = { 1, 0, 0, 0, 0, 0, 2 };
    row7(&v[1], M_REQ_CARRY_IN, IN, 130);
    struct check_results l;
    run_series(v, 2, &l);
    ck_assert_uint_eq(count(&l, "S1", CHK_PASS), 6);
    RESULT_IS(find(&l, "S1", NULL, "总计", 0), CHK_WARN, CHK_SOURCE, 130,
              "2023 “四、结转下年度继续办理” (1, a/2023.txt:213) ≠ 2024 “二、上年结转政府信息公开申请数量” (2), 差 -1");
    ck_assert_str_eq(find(&l, "S1", NULL, "总计", 0)->path, "b/2024.txt");
    check_results_free(&l);
}
END_TEST

/* S2 (R21): 现行有效 (t) + 制发 (t+1) − 废止 (t+1) = 现行有效 (t+1): 平潭 2024 → 2025
 * as the truth files read them, 440 + 58 − 45 = 453 against 546 (truth: # source inconsistency) */
START_TEST(test_s2_in_force)
{
    struct report v[2];
    blank_report(&v[0], "018.html", "平潭综合实验区管委会", 2024, RG_R21);
    one(&v[0], M_ART20_NORMDOC_IN_FORCE, 440, 349);
    blank_report(&v[1], "019.txt", "平潭综合实验区管理委员会", 2025, RG_R21);
    CELLS(&v[1], { M_ART20_NORMDOC_ISSUED, 58, 10 }, { M_ART20_NORMDOC_REPEALED, 45, 10 },
          { M_ART20_NORMDOC_IN_FORCE, 546, 10 });
    struct check_results l;
    run_series(v, 2, &l);
    ck_assert_uint_eq(l.n, 1);
    const struct check_result *x = find(&l, "S2", "行政规范性文件", "现行有效件数", 0);
    RESULT_IS(x, CHK_WARN, CHK_SOURCE, 10,
              "2024 现行有效件数 (440, 018.html:349) + 2025 本年制发件数 (58) − 2025 本年废止件数 (45) ≠ "
              "2025 现行有效件数 (546), 差 -93");
    ck_assert_str_eq(x->table, "表二");
    check_results_free(&l);
}
END_TEST

/* A6: 历年累计 (t−1) + 本年度 (t) = 历年累计 (t); 平潭 2016 → 2017 restarts its count */
START_TEST(test_a6_cumulative)
{
    struct report v[2];
    blank_report(&v[0], "010.txt", "平潭综合实验区管委会", 2016, RG_R08);
    one(&v[0], M_PRO_TOTAL, 3460, 10);
    report_say(&v[0], SAID_CUMULATIVE, M_PRO_TOTAL, AP_NONE, 8537600, Q_EXACT, 10);
    blank_report(&v[1], "011.txt", "平潭综合实验区管委会", 2017, RG_R08);
    one(&v[1], M_PRO_TOTAL, 2122, 11);
    report_say(&v[1], SAID_CUMULATIVE, M_PRO_TOTAL, AP_NONE, 1003700, Q_EXACT, 11);
    struct check_results l;
    run_series(v, 2, &l);
    ck_assert_uint_eq(l.n, 1);
    RESULT_IS(find(&l, "A6", NULL, "历年累计", 0), CHK_WARN, CHK_SOURCE, 11,
              "2016 历年累计 (85376, 010.txt:10) + 2017 本年度 (2122) ≠ 2017 历年累计 (10037), 差 77461");
    check_results_free(&l);
}
END_TEST

/* H1: an aggregate report is not below the sum of its region's bodies (same year);
 * a body of another year or region is not one of them */
START_TEST(test_h1_aggregate)
{
    struct report v[4];
    blank_report(&v[0], "p.txt", "平潭综合实验区管委会", 2024, RG_R21);
    v[0].scope = xstrdup("aggregate");
    one(&v[0], M_REQ_NEW, 30, 5);
    blank_report(&v[1], "c1.txt", "平潭综合实验区财政金融局", 2024, RG_R21);
    one(&v[1], M_REQ_NEW, 28, 6);
    blank_report(&v[2], "c2.txt", "平潭综合实验区公安局", 2024, RG_R21);
    one(&v[2], M_REQ_NEW, 8, 7);
    blank_report(&v[3], "o.txt", "平潭综合实验区公安局", 2023, RG_R21);
    one(&v[3], M_REQ_NEW, 99, 7);
    struct check_results l;
    run_series(v, 4, &l);
    const struct check_result *x = find(&l, "H1", NULL, NULL, 0);
    RESULT_IS(x, CHK_WARN, CHK_SOURCE, 5,
              "2 reports of bodies within it, 2024: 财政金融局 28 + 公安局 8 = 36 > 平潭综合实验区管委会 (30), 差 6");
    ck_assert_str_eq(x->path, "p.txt");
    ck_assert_str_eq(x->row, "一、本年新收政府信息公开申请数量");
    ck_assert_uint_eq(count(&l, "H1", CHK_WARN) + count(&l, "H1", CHK_PASS), 1);
    check_results_free(&l);
    /* a county's department is in the county's report, not counted again for the city */
    blank_report(&v[0], "city.txt", "淮安市人民政府", 2024, RG_R21);
    v[0].scope = xstrdup("aggregate");
    one(&v[0], M_REQ_NEW, 100, 5);
    blank_report(&v[1], "county.txt", "淮安市洪泽区人民政府", 2024, RG_R21);
    one(&v[1], M_REQ_NEW, 95, 6);
    blank_report(&v[2], "dept.txt", "淮安市洪泽区财政局", 2024, RG_R21);
    one(&v[2], M_REQ_NEW, 10, 7);
    run_series(v, 3, &l);
    RESULT_IS(find(&l, "H1", NULL, NULL, 0), CHK_PASS, CHK_CLASS_NONE, 5,
              "1 report of bodies within it, 2024: 洪泽区人民政府 95 = 95 ≤ 淮安市人民政府 (100)");
    check_results_free(&l);
}
END_TEST

/* CSV: one row per result with the numbers apart */
START_TEST(test_csv_rows)
{
    struct report r;
    struct check_results l;
    broken_n1(&r, &l);
    char *buf = NULL;
    size_t bn = 0;
    FILE *fp = open_memstream(&buf, &bn);
    struct csvw *w = csvw_new(fp, 0);
    check_csv_header(w);
    check_write_csv(w, &l, CHK_SHOW_FAILURES);
    ck_assert_int_eq(csvw_free(w), 0);
    fclose(fp);
    ck_assert_str_eq(buf,
                     "report,body,year,regime,check,status,class,table,row,column,line,lhs,rhs,difference,message\n"
                     "data/x.html,漳州市司法局,2021,R21,N1,FAIL,source,表三,（七）总计,自然人,212,64,63,1,"
                     "\"一+二 (64+0) ≠ 三+四 (63+0), 差 1\"\n"
                     "data/x.html,漳州市司法局,2021,R21,N1,FAIL,source,表三,（七）总计,总计,212,70,69,1,"
                     "\"一+二 (70+0) ≠ 三+四 (69+0), 差 1\"\n");
    free(buf);
    check_results_free(&l);
    report_free(&r);
}
END_TEST

Suite *suite_check(void)
{
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("identities");
    tcase_add_test(tc, test_consistent_r21);
    tcase_add_test(tc, test_n1_fail_source);
    tcase_add_test(tc, test_fail_extraction);
    tcase_add_test(tc, test_blank_cells);
    tcase_add_test(tc, test_uncheckable);
    tcase_add_test(tc, test_r19_other_row_and_subtotal);
    tcase_add_test(tc, test_nonnegative);
    tcase_add_test(tc, test_r08_deny_scope);
    tcase_add_test(tc, test_r08_other);
    suite_add_tcase(s, tc);
    tc = tcase_create("real");
    tcase_add_test(tc, test_real_hongze2023);
    tcase_add_test(tc, test_real_seed004);
    tcase_add_test(tc, test_real_flattened_inferred);
    suite_add_tcase(s, tc);
    tc = tcase_create("across");
    tcase_add_test(tc, test_s1_carry_over);
    tcase_add_test(tc, test_s2_in_force);
    tcase_add_test(tc, test_a6_cumulative);
    tcase_add_test(tc, test_h1_aggregate);
    tcase_add_test(tc, test_csv_rows);
    suite_add_tcase(s, tc);
    return s;
}
