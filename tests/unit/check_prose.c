/* check_prose.c - known-answer tests for prose.c: figures stated only in
 * sentences (source=text) and explicit zero statements (DOMAIN §6.2-6.4).
 *
 * The sentences are real ones from corpus reports (named per test); expected
 * answers are those of the corpus truth files. Negative tests cover what must
 * NOT become a figure: percentages, counts in a narrowing clause, money a body
 * spent (not a fee), zero statements about something else, and metrics a table
 * already gave.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/header.h"
#include "ogistat/lex.h"
#include "ogistat/parse.h"
#include "ogistat/record.h"
#include "ogistat/registry.h"
#include "testutil.h"

Suite *suite_prose(void);

/* ==== helpers ==== */

/* prose_extract alone on text s, for a report of regime g that may hold table cells already. */
static void prose_on(struct report *r, enum regime g, const char *s)
{
    struct tokstream ts;
    struct compact c;
    r->regime = g;
    ts_init(&ts);
    lex_text(s, strlen(s), &ts);
    compact_build(&c, &ts);
    prose_extract(r, &c);
    compact_free(&c);
    ts_free(&ts);
}

static void text_cell_is_at(const struct report *r, int metric, int applicant, int64_t v100, enum qualifier q,
                            int tline)
{
    const struct cell *c = report_get(r, metric, applicant);
    ck_assert_msg(c != NULL, "test line %d: %s missing", tline, REG_METRICS[metric].id);
    ck_assert_msg(c->status == CELL_VALUE, "test line %d: %s status %s", tline, REG_METRICS[metric].id,
                  status_name(c->status));
    ck_assert_msg(c->v100 == v100, "test line %d: %s v100 %" PRId64 ", want %" PRId64, tline, REG_METRICS[metric].id,
                  c->v100, v100);
    ck_assert_msg(c->q == q, "test line %d: %s qualifier %s, want %s", tline, REG_METRICS[metric].id,
                  qualifier_name(c->q), qualifier_name(q));
    ck_assert_msg(c->source == SRC_TEXT, "test line %d: %s source is not text", tline, REG_METRICS[metric].id);
}
#define TEXT_IS(r, m, v100, q) text_cell_is_at((r), (m), AP_NONE, (v100), (q), __LINE__)
#define REQ_NEW_IS(r, v100, q) text_cell_is_at((r), M_REQ_NEW, AP_TOTAL, (v100), (q), __LINE__)

static void no_cell_at(const struct report *r, int metric, int applicant, int tline)
{
    const struct cell *c = report_get(r, metric, applicant);
    ck_assert_msg(c == NULL, "test line %d: %s = %" PRId64 "/100, want none", tline, REG_METRICS[metric].id,
                  c ? c->v100 : 0);
}
#define NO_CELL(r, m) no_cell_at((r), (m), AP_NONE, __LINE__)
#define NO_REQ_NEW(r) no_cell_at((r), M_REQ_NEW, AP_TOTAL, __LINE__)

#define TITLE_2013 "平潭综合实验区地方税务局2013年信息公开年度报告\n"

/* ==== consultations ==== */

/* seed_000 衡阳市司法局 2013, section 四: total 约410 (approx); the channels follow 其中 */
START_TEST(test_consult_total_and_channels)
{
    struct report r;
    parse_doc(&r, "衡阳市司法局2013年政府信息公开工作年度报告\n四、咨询处理情况\n"
                  "共接受市民有关司法行政工作信息咨询约410人次,其中现场咨询320人次,电话咨询约90人次。\n");
    TEXT_IS(&r, M_CONSULT_TOTAL, 41000, Q_APPROX);
    TEXT_IS(&r, M_CONSULT_ONSITE, 32000, Q_EXACT);
    TEXT_IS(&r, M_CONSULT_PHONE, 9000, Q_APPROX);
    NO_CELL(&r, M_CONSULT_ONLINE);
    report_free(&r);
    /* seed_002 (咨询0人次) and seed_003 (咨询0起, then 网上/电话 sub-counts in their own clauses) */
    parse_doc(&r, "衡阳市安监局2012年政府信息公开工作年度报告\n四、咨询处理情况\n"
                  "2012年,我局共接受公民、法人及其他组织政府信息公开方面的咨询0人次。\n");
    TEXT_IS(&r, M_CONSULT_TOTAL, 0, Q_EXACT);
    report_free(&r);
    parse_doc(&r, "蒸湘区2014年政府信息公开年度报告\n"
                  "  五、咨询处理情况。区政府共接受公众有关信息公开咨询0起,网上直接办理0起,电话答复0起。\n");
    TEXT_IS(&r, M_CONSULT_TOTAL, 0, Q_EXACT);
    report_free(&r);
}
END_TEST

/* 006 平潭地税局 2013 (prose only): the total stands before 咨询, the channels after 其中 */
START_TEST(test_consult_number_before_key)
{
    struct report r;
    parse_doc(&r, TITLE_2013 "（三）咨询情况 2013年有约4900人次通过各种方式向我局各部门、基层所咨询涉税信息有关"
                             "事务，其中现场咨询1600人次，占32.65%；电话咨询3200人次，占65.31%，网上咨询100人次，"
                             "2.04%占。由于纳税人多年养成的习惯… 解答纳税人咨询达3000多人次，零投诉。\n");
    TEXT_IS(&r, M_CONSULT_TOTAL, 490000, Q_APPROX);
    TEXT_IS(&r, M_CONSULT_ONSITE, 160000, Q_EXACT);
    TEXT_IS(&r, M_CONSULT_PHONE, 320000, Q_EXACT);
    TEXT_IS(&r, M_CONSULT_ONLINE, 10000, Q_EXACT);
    report_free(&r);
}
END_TEST

START_TEST(test_consult_negative)
{
    struct report r;
    /* a channel count after 其中 is not the total */
    parse_doc(&r, TITLE_2013 "其中现场咨询320人次。\n");
    NO_CELL(&r, M_CONSULT_TOTAL);
    TEXT_IS(&r, M_CONSULT_ONSITE, 32000, Q_EXACT);
    report_free(&r);
    /* a share is never a count */
    parse_doc(&r, TITLE_2013 "现场咨询占总咨询量的40%。网上咨询的比例为百分之五。\n");
    NO_CELL(&r, M_CONSULT_ONSITE);
    NO_CELL(&r, M_CONSULT_ONLINE);
    NO_CELL(&r, M_CONSULT_TOTAL);
    report_free(&r);
    /* 012 平潭 2018: 12345 咨询投诉件 (a hotline's cumulative cases), not OGI consultations */
    parse_doc(&r, TITLE_2013 "依托“平潭12345便民服务平台”，对网民的咨询投诉件及时处理并反馈，截至目前共收到15564件"
                             "咨询投诉件，已办结15042件。\n");
    NO_CELL(&r, M_CONSULT_TOTAL);
    report_free(&r);
    /* desks and staff are not consultations */
    parse_doc(&r, TITLE_2013 "设立咨询台3个，咨询人员5人，召开咨询会3次。\n");
    NO_CELL(&r, M_CONSULT_TOTAL);
    report_free(&r);
}
END_TEST

/* 001 平潭 2011 (and 002-012): the column's page visits */
START_TEST(test_web_visits)
{
    struct report r;
    parse_doc(&r, "平潭综合实验区2011年政府信息公开工作年度报告\n"
                  "市民通过“政府信息公开”栏目可以查阅县政府、各乡镇、相关市属单位机构主动公开的政府信息。"
                  "2011年政府信息公开专栏访问量达11460人次。 2.公众查阅点\n");
    TEXT_IS(&r, M_CONSULT_WEB_VISITS, 1146000, Q_EXACT);
    report_free(&r);
    /* since launch, or per day: not the year's visits */
    parse_doc(&r, TITLE_2013 "我市政府门户网站自开通以来访问量达200万人次，日均访问量1.2万人次。\n");
    NO_CELL(&r, M_CONSULT_WEB_VISITS);
    report_free(&r);
}
END_TEST

/* ==== applications ==== */

START_TEST(test_req_new)
{
    struct report r;
    /* seed_000 */
    parse_doc(&r, "衡阳市司法局2013年政府信息公开工作年度报告\n三、依申请公开政府信息情况\n"
                  "我局2013年度共收到政府信息公开申请1件。收到网上来信4件,我局均按照《信访条例》的要求认真办理。\n");
    REQ_NEW_IS(&r, 100, Q_EXACT);
    report_free(&r);
    /* 004 平潭县 2012: unit 条, channels follow 其中 */
    parse_doc(&r, TITLE_2013 "三、政府信息依申请公开工作情况2012年全县共收到有关政府信息公开的申请21条，其中当面申请数"
                             "18条，电子邮件申请数3条。\n");
    REQ_NEW_IS(&r, 2100, Q_EXACT);
    report_free(&r);
    /* seed_003: the number right after 收到, counter 例 */
    parse_doc(&r, "蒸湘区2014年政府信息公开年度报告\n  申请情况。2014年度共收到0例依申请公开申请。\n");
    REQ_NEW_IS(&r, 0, Q_EXACT);
    report_free(&r);
}
END_TEST

START_TEST(test_req_new_zero)
{
    struct report r;
    /* 006: dates in the clause are not figures */
    parse_doc(&r, TITLE_2013 "（一）申请情况 2013年1月1日至12月31日期间我局办公室未收到政府信息公开申请。\n");
    REQ_NEW_IS(&r, 0, Q_EXACT);
    report_free(&r);
    /* seed_002: the negation 18 characters before 申请 */
    parse_doc(&r, "衡阳市安监局2012年政府信息公开工作年度报告\n三、依申请公开信息情况\n"
                  "我局2012年度未收到公民、法人和其他组织提请的政府信息公开申请。\n");
    REQ_NEW_IS(&r, 0, Q_EXACT);
    report_free(&r);
}
END_TEST

START_TEST(test_req_new_negative)
{
    struct report r;
    /* 008 平潭 2014: 审批 applications at the service centre */
    parse_doc(&r, TITLE_2013 "目前，区县已入驻审批服务部门和单位13个，开设窗口26个，共受理申请121510件。\n");
    NO_REQ_NEW(&r);
    report_free(&r);
    /* 001 平潭 2011: "未收到…行政复议申请" is about review, not applications */
    parse_doc(&r, TITLE_2013 "三、政府信息依申请公开工作情况 2011年全区未收到有关政府信息公开的申请，"
                             "未收到有关政府信息公开行政复议申请。\n");
    REQ_NEW_IS(&r, 0, Q_EXACT);
    TEXT_IS(&r, M_REV_TOTAL, 0, Q_EXACT);
    report_free(&r);
    parse_doc(&r, TITLE_2013 "本年度未收到有关政府信息公开行政复议申请。\n");
    NO_REQ_NEW(&r);
    report_free(&r);
    /* a zero statement about something else */
    parse_doc(&r, TITLE_2013 "本年度未收到行政许可申请。\n");
    NO_REQ_NEW(&r);
    report_free(&r);
    /* a channel is narrower than the total */
    parse_doc(&r, TITLE_2013 "2014年全区收到有关政府信息公开的信函申请1条，已受理回复。\n");
    NO_REQ_NEW(&r);
    report_free(&r);
}
END_TEST

/* ==== review and litigation ==== */

START_TEST(test_review_litigation)
{
    struct report r;
    /* seed_002 (R08 text; the table's cells are empty there) */
    parse_doc(&r, "衡阳市安监局2012年政府信息公开工作年度报告\n五、复议、诉讼和申诉情况\n"
                  "2012年,针对我局政府信息公开的行政复议申请0件,\n针对我局政府息公开的行政诉讼案0件。\n");
    TEXT_IS(&r, M_REV_TOTAL, 0, Q_EXACT);
    TEXT_IS(&r, M_LIT_TOTAL, 0, Q_EXACT);
    report_free(&r);
    /* 006: review only; the heading names litigation but states no figure for it */
    parse_doc(&r, TITLE_2013 "五、申请行政复议、提起行政诉讼和申诉的情况 2013年，我局收到以有关政府信息公开行政复议0件。\n");
    TEXT_IS(&r, M_REV_TOTAL, 0, Q_EXACT);
    NO_CELL(&r, M_LIT_TOTAL);
    report_free(&r);
    /* 012 平潭 2018: one negation for both */
    parse_doc(&r, TITLE_2013 "四、因政府信息公开申请行政复议、提起行政诉讼的情况2018年未收到有关政府信息公开行政复议、"
                             "提起行政诉讼的申请。\n");
    TEXT_IS(&r, M_REV_TOTAL, 0, Q_EXACT);
    TEXT_IS(&r, M_LIT_TOTAL, 0, Q_EXACT);
    NO_REQ_NEW(&r);
    report_free(&r);
    /* a body's own review caseload, narrowed by 其中: not the OGI review count */
    parse_doc(&r, TITLE_2013 "2012年，我局受理行政复议案件35件，其中涉及政府信息公开的2件。\n");
    NO_CELL(&r, M_REV_TOTAL);
    report_free(&r);
}
END_TEST

/* ==== fees and spending ==== */

START_TEST(test_fees)
{
    struct report r;
    /* seed_002: 没有…收费 */
    parse_doc(&r, "衡阳市安监局2012年政府信息公开工作年度报告\n六、政府信息公开的收费及减免情况\n"
                  "2012年,我局没有政府信息公开的收费及减免情况。\n");
    TEXT_IS(&r, M_OGI_FEE_YUAN, 0, Q_EXACT);
    report_free(&r);
    /* seed_000: money the bureau spent on printing is not a fee charged to applicants */
    parse_doc(&r, "衡阳市司法局2013年政府信息公开工作年度报告\n六、政府信息公开的收费及减免情况\n"
                  "本年度用于印制宣传手册、培训资料、网站建设和更新等费用约10万元。\n");
    NO_CELL(&r, M_OGI_FEE_YUAN);
    NO_CELL(&r, M_CAP_BUDGET_YUAN);
    report_free(&r);
    /* a fee stated with its amount */
    parse_doc(&r, TITLE_2013 "依申请公开政府信息收取检索、复制费用共计50元。\n");
    TEXT_IS(&r, M_OGI_FEE_YUAN, 5000, Q_EXACT);
    report_free(&r);
    /* no fee schedule is not "no fee"; 006's tax relief is not a fee */
    parse_doc(&r, TITLE_2013 "我局没有制定政府信息公开收费标准。受理审批个人出售自有住房减免税共计7件，"
                             "减免金额21470.27元。\n");
    NO_CELL(&r, M_OGI_FEE_YUAN);
    report_free(&r);
    /* the R21 信息处理费 is its own metric */
    parse_doc(&r, TITLE_2013 "2021年，无收取信息处理费情况。\n");
    NO_CELL(&r, M_OGI_FEE_YUAN);
    TEXT_IS(&r, M_INFO_PROC_FEE_YUAN, 0, Q_EXACT);
    report_free(&r);
}
END_TEST

/* ==== capacity (prose-only reports) ==== */

START_TEST(test_capacity)
{
    struct report r;
    /* 006 section 六 */
    parse_doc(&r, TITLE_2013 "六、工作人员及信息公开事务支出情况 （一）工作人员情况 我局没有从事政府信息公开工作的全职人员，"
                             "兼职人员1人。 （二）政府信息公开事务支出情况 2013年用于税收宣传、税收政策公告、设立和更新"
                             "公开栏等产生的政府信息公开费用1万元。\n");
    TEXT_IS(&r, M_CAP_STAFF_FULLTIME, 0, Q_EXACT);
    TEXT_IS(&r, M_CAP_STAFF_PARTTIME, 100, Q_EXACT);
    TEXT_IS(&r, M_CAP_BUDGET_YUAN, 1000000, Q_EXACT);
    NO_CELL(&r, M_OGI_FEE_YUAN);
    report_free(&r);
}
END_TEST

/* ==== tables win; regime guards ==== */

START_TEST(test_table_cells_win)
{
    struct report r;
    /* seed_002: the R08 table prints req_new / rev_total empty; prose must not fill them */
    report_init(&r, "doc.txt");
    report_set(&r, M_REQ_NEW, AP_TOTAL, CELL_BLANK, Q_EXACT, 0, SRC_TABLE, 40);
    report_set(&r, M_REV_TOTAL, AP_NONE, CELL_BLANK, Q_EXACT, 0, SRC_TABLE, 41);
    report_set(&r, M_CONSULT_WEB_VISITS, AP_NONE, CELL_VALUE, Q_EXACT, 1300000, SRC_TABLE, 42);
    prose_on(&r, RG_R08, "我局2012年度未收到公民、法人和其他组织提请的政府信息公开申请。\n"
                         "2012年,针对我局政府信息公开的行政复议申请0件,\n"
                         "我局2012年度政府信息公开专栏访问量为13000人次。\n");
    const struct cell *c = report_get(&r, M_REQ_NEW, AP_TOTAL);
    ck_assert(c && c->status == CELL_BLANK && c->source == SRC_TABLE);
    c = report_get(&r, M_REV_TOTAL, AP_NONE);
    ck_assert(c && c->status == CELL_BLANK && c->source == SRC_TABLE);
    c = report_get(&r, M_CONSULT_WEB_VISITS, AP_NONE);
    ck_assert(c && c->source == SRC_TABLE);
    report_free(&r);
    /* seed_003 (R14): prose "专职工作人员2人" contradicts the table (专职 0); capacity comes
     * from R14 tables only, and R08/R14 proactive totals likewise */
    report_init(&r, "doc.txt");
    prose_on(&r, RG_R14, "()区政府信息公开办公室共有专职工作人员2人;\n"
                         "截至目前，今年共主动公开政府信息6689条。\n");
    NO_CELL(&r, M_CAP_STAFF_FULLTIME);
    NO_CELL(&r, M_PRO_TOTAL);
    report_free(&r);
    /* consultations and review counts are old-template and prose-only figures: not read in R21 */
    report_init(&r, "doc.txt");
    prose_on(&r, RG_R21, "全年共接待群众咨询1200人次。本年度未收到政府信息公开申请。\n");
    NO_CELL(&r, M_CONSULT_TOTAL);
    NO_REQ_NEW(&r);
    report_free(&r);
}
END_TEST

/* A figure the prose states for a metric a table gave is kept beside the cell (check S4),
 * never as a second cell; one about some of the body's units, a channel or the office
 * that wrote the report is not the body's total. */
static const struct said *said_of(const struct report *r, enum said_kind k, int metric)
{
    for (size_t i = 0; i < r->nsaid; i++)
        if (r->said[i].kind == k && r->said[i].metric == metric) return &r->said[i];
    return NULL;
}

START_TEST(test_statements_beside_tables)
{
    struct report r;
    /* seed_004 (漳州市司法局 2023): the table's 总计 is 0, the prose says 1 */
    report_init(&r, "doc.txt");
    report_set(&r, M_REQ_NEW, AP_TOTAL, CELL_VALUE, Q_EXACT, 0, SRC_TABLE, 27);
    prose_on(&r, RG_R21, "2023年,我局收到政府信息公开申请1件,已按时办理答复,没有出现行政复议和行政诉讼案件\n");
    const struct said *sd = said_of(&r, SAID_PROSE, M_REQ_NEW);
    ck_assert(sd && sd->v100 == 100 && sd->applicant == AP_TOTAL && sd->line == 1);
    const struct cell *c = report_get(&r, M_REQ_NEW, AP_TOTAL);
    ck_assert(c->source == SRC_TABLE && c->v100 == 0);
    report_free(&r);
    /* 003 平潭综合实验区 2012: 1913 in prose against the table's 739; not the units' 1397 */
    report_init(&r, "doc.txt");
    report_set(&r, M_PRO_TOTAL, AP_NONE, CELL_VALUE, Q_EXACT, 73900, SRC_TABLE, 10);
    prose_on(&r, RG_R08, "区管委会办公室、区直各部门、各乡镇、县直各单位对政府信息进行了梳理和编目，"
                         "2012年主动公开政府信息1913条。其中，区直、县直各单位主动公开政府信息1397条，占73%。\n");
    sd = said_of(&r, SAID_PROSE, M_PRO_TOTAL);
    ck_assert(sd && sd->v100 == 191300);
    report_free(&r);
    /* 001: the units' share; 021: the office that wrote the report; a BLANK cell */
    report_init(&r, "doc.txt");
    report_set(&r, M_PRO_TOTAL, AP_NONE, CELL_VALUE, Q_EXACT, 42500, SRC_TABLE, 10);
    report_set(&r, M_REQ_NEW, AP_TOTAL, CELL_VALUE, Q_EXACT, 9500, SRC_TABLE, 10);
    report_set(&r, M_REV_TOTAL, AP_NONE, CELL_BLANK, Q_EXACT, 0, SRC_TABLE, 10);
    prose_on(&r, RG_R21, "主动公开的政府信息，区直、县直各单位主动公开政府信息303条，占71.3%。\n"
                         "2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。\n"
                         "2024年，针对我局政府信息公开的行政复议申请0件。\n");
    ck_assert_uint_eq(r.nsaid, 0);
    report_free(&r);
}
END_TEST

/* The prose dates the body's own work to the year before (a copied paragraph): kept for
 * check Y1; comparisons and other years' budgets are not that */
START_TEST(test_year_statements)
{
    struct report r;
    report_init(&r, "doc.txt");
    r.year = 2024;
    prose_on(&r, RG_R21, "(二)主动公开政府信息的主要类别2023年，在主动公开的61条政府信息中，全文电子化的主动公开信息数共61条。\n");
    const struct said *sd = said_of(&r, SAID_YEAR, -1);
    ck_assert(sd && sd->v100 == 202300 && sd->line == 1);
    report_free(&r);
    report_init(&r, "doc.txt");
    r.year = 2025;
    prose_on(&r, RG_R21, "(一)主动公开政府信息的数量2024年制作、获取政府信息总数467条，其中主动公开政府信息53条。\n");
    sd = said_of(&r, SAID_YEAR, -1);
    ck_assert(sd && sd->v100 == 202400);
    report_free(&r);
    report_init(&r, "doc.txt");
    r.year = 2024;
    prose_on(&r, RG_R21, "在平台公开了2024年政府预算、2023年政府决算。\n"
                         "2024年主动公开政府信息60条，2023年主动公开政府信息50条。\n"
                         "与2023年相比，收到申请增加5件。\n"
                         "2025年，我局将继续主动公开重点领域信息。\n");
    ck_assert_uint_eq(r.nsaid, 0);
    report_free(&r);
}
END_TEST

Suite *suite_prose(void)
{
    Suite *s = suite_create("prose");
    TCase *tc = tcase_create("consult");
    tcase_add_test(tc, test_consult_total_and_channels);
    tcase_add_test(tc, test_consult_number_before_key);
    tcase_add_test(tc, test_consult_negative);
    tcase_add_test(tc, test_web_visits);
    suite_add_tcase(s, tc);

    TCase *tq = tcase_create("requests");
    tcase_add_test(tq, test_req_new);
    tcase_add_test(tq, test_req_new_zero);
    tcase_add_test(tq, test_req_new_negative);
    tcase_add_test(tq, test_review_litigation);
    suite_add_tcase(s, tq);

    TCase *tf = tcase_create("fees-capacity");
    tcase_add_test(tf, test_fees);
    tcase_add_test(tf, test_capacity);
    suite_add_tcase(s, tf);

    TCase *tg = tcase_create("guards");
    tcase_add_test(tg, test_table_cells_win);
    tcase_add_test(tg, test_statements_beside_tables);
    tcase_add_test(tg, test_year_statements);
    suite_add_tcase(s, tg);
    return s;
}
