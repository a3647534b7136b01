/* check_header.c - unit tests for header.c and prose.c: body, statistics year,
 * regime (DOMAIN §1.5, §7.1-7.2) and the main figures stated only in prose.
 *
 * Documents are small but real: the title lines, period sentence and a few table
 * rows of corpus reports (named per test), run through parse_buffer() as a file
 * would be; expected answers are those of the corpus truth files.
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

Suite *suite_header(void);

/* ==== helpers ==== */

static void header_is_at(const struct report *r, const char *body, int year, enum regime g, int tline)
{
    char d[2048];
    diag_dump(r, d, sizeof d);
    if (body)
        ck_assert_msg(r->body && strcmp(r->body, body) == 0, "test line %d: body '%s', want '%s'%s", tline,
                      r->body ? r->body : "(null)", body, d);
    else
        ck_assert_msg(r->body == NULL, "test line %d: body '%s', want none", tline, r->body);
    ck_assert_msg(r->year == year, "test line %d: year %d, want %d%s", tline, r->year, year, d);
    ck_assert_msg(r->regime == g, "test line %d: regime %s, want %s", tline, regime_name(r->regime), regime_name(g));
}
#define HEADER_IS(r, body, year, g) header_is_at((r), (body), (year), (g), __LINE__)

/* A prose figure: value in the canonical unit as printed in truth files. */
static void text_cell_is_at(const struct report *r, int metric, int64_t v100, enum qualifier q, long line, int tline)
{
    const struct cell *c = report_get(r, metric, AP_NONE);
    ck_assert_msg(c != NULL, "test line %d: %s missing", tline, REG_METRICS[metric].id);
    ck_assert_msg(c->status == CELL_VALUE, "test line %d: %s status %s", tline, REG_METRICS[metric].id,
                  status_name(c->status));
    ck_assert_msg(c->v100 == v100, "test line %d: %s v100 %" PRId64 ", want %" PRId64, tline, REG_METRICS[metric].id,
                  c->v100, v100);
    ck_assert_msg(c->q == q, "test line %d: %s qualifier %s, want %s", tline, REG_METRICS[metric].id,
                  qualifier_name(c->q), qualifier_name(q));
    ck_assert_msg(c->source == SRC_TEXT, "test line %d: %s source is not text", tline, REG_METRICS[metric].id);
    if (line > 0)
        ck_assert_msg(c->line == line, "test line %d: %s line %ld, want %ld", tline, REG_METRICS[metric].id, c->line,
                      line);
}
#define TEXT_CELL_IS(r, m, v100, q, line) text_cell_is_at((r), (m), (v100), (q), (line), __LINE__)

/* Regime of a text by content, through the compact view (no parse_buffer). */
static enum regime regime_of(const char *s, int year)
{
    struct tokstream ts;
    struct compact c;
    ts_init(&ts);
    lex_text(s, strlen(s), &ts);
    compact_build(&c, &ts);
    enum regime g = header_regime(&c, year);
    compact_free(&c);
    ts_free(&ts);
    return g;
}

/* ==== body and year ==== */

/* 013 平潭综合实验区 2019: crawler page with a "标题:" line; the text names the 管委会 */
START_TEST(test_title_label_place_name)
{
    static const char doc[] =
        "标题: 平潭综合实验区2019年度政府信息公开工作年度报告\n"
        "发布时间: 2020-01-20 15:22\n"
        "栏目: 政府信息公开年报\n"
        "==================== 正文 ====================\n"
        "平潭综合实验区2019年政府信息公开工作年度报告 根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
        "要求，区管委会办公室编制完成了本报告。本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。"
        "及时下发《平潭综合实验区管委会办公室关于印发2019年政务公开工作主要任务的通知》要求。\n"
        "第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n0\n0\n0\n";
    struct report r;
    parse_doc(&r, doc);
    HEADER_IS(&r, "平潭综合实验区管委会", 2019, RG_R19);
    ck_assert_ptr_nonnull(report_get(&r, M_ART20_RULES_MADE, AP_NONE));
    report_free(&r);
}
END_TEST

/* 020 洪泽区 2023 (pdftotext -layout): the body on the line above the title */
START_TEST(test_title_two_lines_pdf)
{
    static const char doc[] =
        "                洪泽区人民政府\n"
        "      2023 年政府信息公开工作年度报告\n"
        "\n"
        "   本报告由淮安市洪泽区人民政府办公室根据《中华人民共和\n"
        "国政府信息公开条例》（国令第 711 号）（以下简称《条例》）\n"
        "要求编制此报告。报告中所列数据统计期限自 2023 年 1 月 1 日\n"
        "起至 2023 年 12 月 31 日止。如对本报告有疑问，请与淮安市洪\n"
        "     二、主动公开政府信息情况\n"
        "              第二十条第（一）项\n"
        "       信息内容   本年制发件数    本年废止件数    现行有效件数\n"
        "规章               0          0       0\n"
        "行政规范性文件          0          5       5\n";
    struct report r;
    parse_doc(&r, doc);
    HEADER_IS(&r, "洪泽区人民政府", 2023, RG_R21);
    const struct cell *c = report_get(&r, M_ART20_NORMDOC_REPEALED, AP_NONE);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->v100, 500);
    ck_assert_int_eq(c->line, 12);
    report_free(&r);

    /* 034 淮安市 2024, same layout */
    static const char doc2[] =
        "            淮安市人民政府\n"
        "     2024 年政府信息公开工作年度报告\n"
        "\n"
        "\n"
        "   本报告由淮安市人民政府办公室根据《中华人民共和国政府\n"
        "信息公开条例》（国令第 711 号）（以下简称《条例》）规定编\n"
        "制。报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。\n";
    parse_doc(&r, doc2);
    HEADER_IS(&r, "淮安市人民政府", 2024, RG_NONE);
    report_free(&r);
}
END_TEST

/* seed_004 漳州市司法局 2023: the title only inside the first sentence, after the
 * title of the notice that asked for it */
START_TEST(test_title_inside_prose)
{
    static const char doc[] =
        "根据《中华人民共和国政府信息公开条例》规定和《漳州市人民政府办公室关于编制2023年政府信息公开工作年度报告"
        "有关事项的通知》要求,结合我局年度政府信息公开工作实际,现编制形成《漳州市司法局2023年政府信息公开工作年度"
        "报告》,有关情况及数据统计期限为2023年1月1日起至2023年12月31日。如有疑问,可与漳州市司法局办公室联系"
        "(联系电话:0596-2966126,传真电话:0596-2949795)。\n"
        "一、总体情况\n"
        "二、主动公开政府信息情况\n"
        "第二十条第(一)项 | |||\n"
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
        "规范性文件 | 0 | 0 | 1 |\n";
    struct report r;
    parse_doc(&r, doc);
    HEADER_IS(&r, "漳州市司法局", 2023, RG_R21);
    const struct cell *c = report_get(&r, M_ART20_NORMDOC_IN_FORCE, AP_NONE);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->v100, 100);
    report_free(&r);
}
END_TEST

/* seed_002 衡阳市安监局 2012: "现向社会公布衡阳市安监局2012年政府信息公开工作年度报告。" */
START_TEST(test_title_in_sentence)
{
    static const char doc[] =
        "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)的规定,现向社会公布衡阳市安监局2012年政府信息公开"
        "工作年度报告。内容涵盖安监局2012年1月1日至\n"
        "一、概述\n"
        "2012年,我局在衡阳市委、市政府的正确领导下,认真贯彻落实《条例》。\n"
        "对申请的答复总数\n|\n条\n|\n0\n|\n";
    struct report r;
    parse_doc(&r, doc);
    HEADER_IS(&r, "衡阳市安监局", 2012, RG_R08);
    report_free(&r);
}
END_TEST

/* seed_000 衡阳市司法局: no title; the body alone on the first line, then the
 * publication date; the period sentence gives the year (not the date's 2014) */
START_TEST(test_first_line_body_period_year)
{
    static const char doc[] =
        "衡阳市司法局\n"
        "(2014年3月12日)\n"
        "编制说明:本年度报告根据国、省、市政府信息公开相关法律、法规的规定编制,内容包括:概述,主动公开,依申请公开,"
        "咨询处理,行政复议、诉讼和申诉,政府信息公开的收费及减免情况,主要问题和改进措施,附表八部分组成。本年度报告中"
        "所列中共衡阳市委、衡阳市人大、衡阳市政府、衡阳市政协的统计期限自2013年1月1日起至2013年12月31日止。\n"
        "一、概述\n"
        "指 标 | 单位 | 数 量 |\n"
        "主动公开信息数 | 条 | 600 |\n"
        "对申请的答复总数 | 条 | 1 |\n";
    struct report r;
    parse_doc(&r, doc);
    HEADER_IS(&r, "衡阳市司法局", 2013, RG_R08);
    report_free(&r);
}
END_TEST

START_TEST(test_title_forms)
{
    struct report r;
    /* seed_003: bare district name -> its 人民政府; mangled period "201411日" not read: title year */
    parse_doc(&r, "当前位置:首页 > 政务公开 > 信息公开年报\n\n蒸湘区2014年政府信息公开年度报告\n\n"
                  "本年度报告中所列数据的统计期限自201411日起至20141231日止。\n");
    HEADER_IS(&r, "蒸湘区人民政府", 2014, RG_NONE);
    report_free(&r);
    /* year first (DOMAIN §7.1: 2020年上海市人民政府办公厅政府信息公开工作年度报告) */
    parse_doc(&r, "2020年上海市人民政府办公厅政府信息公开工作年度报告\n本报告所列数据统计期限自2020年1月1日至12月31日止。\n");
    HEADER_IS(&r, "上海市人民政府办公厅", 2020, RG_NONE);
    report_free(&r);
    /* a markdown heading and a (图片版) note */
    parse_doc(&r, "# 宿州市人民政府2019年政府信息公开工作年度报告（图片版）\n正文\n");
    HEADER_IS(&r, "宿州市人民政府", 2019, RG_NONE);
    report_free(&r);
    /* 图解/解读 are not the report */
    parse_doc(&r, "图解：某市人民政府2022年政府信息公开工作年度报告\n关于某县2022年政府信息公开工作年度报告的解读\n");
    HEADER_IS(&r, NULL, 0, RG_NONE);
    report_free(&r);
}
END_TEST

/* Fixed (header.c, TITLE_KINDS): DOMAIN §7.1 lists the title form
 * "^(body)关于(Y)年度?政府信息公开工作(情况)?的报告" ("…关于2013年度政府信息公开工作情况的报告");
 * header.c has no such kind, so neither body nor year is read from it. */
START_TEST(test_title_guanyu_form)
{
    struct report r;
    parse_doc(&r, "衡阳市人民政府关于2013年度政府信息公开工作情况的报告\n一、概述\n");
    HEADER_IS(&r, "衡阳市人民政府", 2013, RG_NONE);
    report_free(&r);
    parse_doc(&r, "衡阳市人民政府关于2013年政府信息公开工作的报告\n一、概述\n");
    HEADER_IS(&r, "衡阳市人民政府", 2013, RG_NONE);
    report_free(&r);
}
END_TEST

/* Fixed (header.c, find_year): DOMAIN §7.1 "The year pattern Y is (19|20)\d{2} or a
 * digit-by-digit Chinese year (§6.5)" (二〇一四年, 二○一三年, 二O一三年); find_year() reads
 * Arabic digits only, so such a title gives no year. */
START_TEST(test_title_chinese_year)
{
    struct report r;
    parse_doc(&r, "某市人民政府\n二〇一四年政府信息公开工作年度报告\n一、概述\n");
    HEADER_IS(&r, "某市人民政府", 2014, RG_NONE);
    report_free(&r);
    parse_doc(&r, "某县人民政府二○一三年政府信息公开工作年度报告\n一、概述\n");
    HEADER_IS(&r, "某县人民政府", 2013, RG_NONE);
    report_free(&r);
}
END_TEST

START_TEST(test_period_year_rules)
{
    struct report r;
    char d[2048];
    /* the period sentence beats the title year (DOMAIN §7.2 priority 1), and says so */
    parse_doc(&r, "某县人民政府2019年政府信息公开工作年度报告\n本报告所列数据的统计期限自2018年1月1日起至2018年12月31日止。\n");
    HEADER_IS(&r, "某县人民政府", 2018, RG_NONE);
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(strstr(d, "2018") && strstr(d, "2019"), "no note on the conflict:%s", d);
    report_free(&r);
    /* no second year ("至12月31日止", R6) */
    parse_doc(&r, "某县人民政府2017年政府信息公开工作年度报告\n报告所列数据的统计期限自2017年1月1日起至12月31日止。\n");
    HEADER_IS(&r, "某县人民政府", 2017, RG_NONE);
    report_free(&r);
    /* a period over two years is not one statistics year: the title's */
    parse_doc(&r, "某县人民政府2020年政府信息公开工作年度报告\n统计期限自2019年9月1日起至2020年12月31日止。\n");
    HEADER_IS(&r, "某县人民政府", 2020, RG_NONE);
    report_free(&r);
    /* no title and no period: unknown, with notes */
    parse_doc(&r, "一、总体情况\n2023年，我局认真贯彻《条例》。\n");
    HEADER_IS(&r, NULL, 0, RG_NONE);
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(strstr(d, "no report title") && strstr(d, "year not found"), "missing notes:%s", d);
    report_free(&r);
}
END_TEST

/* ==== regime (DOMAIN §1.5) ==== */

START_TEST(test_regime_rules)
{
    /* rule 1: R21 */
    ck_assert_int_eq(regime_of("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", 0), RG_R21);
    ck_assert_int_eq(regime_of("信息内容 | 本年收费金额(单位:万元) |", 0), RG_R21);
    ck_assert_int_eq(regime_of("现行有效件数", 0), RG_R21);
    ck_assert_int_eq(regime_of("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 |", 0), RG_R21);
    /* pdftotext wraps that label: still R21 on the joined text (034 lines 180-183) */
    ck_assert_int_eq(regime_of("1、申请人无正当理由逾期不补\n\n正、行政机关不再处理其政府信\n息公开申请", 0), RG_R21);
    /* 逾期不补正 alone is not enough */
    ck_assert_int_eq(regime_of("逾期不补正\n本年新收政府信息公开申请数量 | 1 |", 0), RG_R19);
    /* rule 1 before rule 2: an R21 form also has 本年新收政府信息公开申请数量 */
    ck_assert_int_eq(regime_of("一、本年新收政府信息公开申请数量 | 1 |\n本年制发件数", 0), RG_R21);
    /* rule 2: R19 */
    ck_assert_int_eq(regime_of("信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量", 0), RG_R19);
    ck_assert_int_eq(regime_of("采购项目数量 | 采购总金额 |", 0), RG_R19);
    ck_assert_int_eq(regime_of("一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21", 0), RG_R19);
    /* rule 3: R14 */
    ck_assert_int_eq(regime_of("1.属于已主动公开范围数 | 件 | 0 |", 0), RG_R14);
    ck_assert_int_eq(regime_of("告知作出更改补充数", 0), RG_R14);
    ck_assert_int_eq(regime_of("告知通过其他途径办理数", 0), RG_R14);
    ck_assert_int_eq(regime_of("按时办结数", 0), RG_R14);
    ck_assert_int_eq(regime_of("回应公众关注热点或重大舆情数", 0), RG_R14);
    ck_assert_int_eq(regime_of("维持具体行政行为数", 0), RG_R14);
    /* rule 4: R08 */
    ck_assert_int_eq(regime_of("对申请的答复总数 | 条 | 1 |", 0), RG_R08);
    ck_assert_int_eq(regime_of("3、否决公开答复总数", 0), RG_R08);
    ck_assert_int_eq(regime_of("“免予公开范围1”数", 0), RG_R08);
    ck_assert_int_eq(regime_of("其中:全文电子化的主动公开信息数", 0), RG_R08);
    ck_assert_int_eq(regime_of("3、电子邮件申请数", 0), RG_R08);
    ck_assert_int_eq(regime_of("指标 单位 本年 历年累计", 0), RG_R08);
    /* R14 before R08 */
    ck_assert_int_eq(regime_of("对申请的答复总数\n属于已主动公开范围", 0), RG_R14);
    /* rule 5: narrative only */
    ck_assert_int_eq(regime_of("2013年，我局共主动公开政府信息45条，受理申请117件。", 0), RG_NONE);
    ck_assert_int_eq(regime_of("", 0), RG_NONE);
}
END_TEST

START_TEST(test_regime_content_beats_year)
{
    struct report r;
    /* a 2019 report printing the 2021 表二 (transitional): R21 */
    parse_doc(&r, "某县人民政府2019年政府信息公开工作年度报告\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
                  "规章 | 0 | 0 | 0 |\n");
    HEADER_IS(&r, "某县人民政府", 2019, RG_R21);
    report_free(&r);
    /* a 2022 report still on the 2019 form: R19 */
    parse_doc(&r, "某县人民政府2022年政府信息公开工作年度报告\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
                  "规章 | 0 | 0 | 0 |\n");
    HEADER_IS(&r, "某县人民政府", 2022, RG_R19);
    report_free(&r);
    /* a narrative-only report has no table regime whatever its year (truth: none) */
    parse_doc(&r, "平潭综合实验区地方税务局2013年政府信息公开工作年度报告\n"
                  "2013年，我局新增主动公开政府信息45条，受理依申请公开117件。\n");
    ck_assert_int_eq(r.regime, RG_NONE);
    report_free(&r);
}
END_TEST

/* Fixed (header.c, header_regime): header.h documents "year used as a prior only when
 * content says nothing and the document has tables", and DOMAIN §1.5 rule 5 gives the
 * prior (<=2013 R08, 2014-2018 R14, 2019-2020 R19, >=2021 R21); header_regime()
 * ignores its year argument ("(void)year;"), so a report whose statistics table has
 * none of the §1.5 key phrases gets regime none. */
START_TEST(test_regime_year_prior_with_table)
{
    static const char table[] = "指 标 | 单位 | 数 量 |\n主动公开政府信息数 | 条 | 120 |\n受理申请总数 | 件 | 3 |\n";
    ck_assert_msg(regime_of(table, 2016) == RG_R14, "2016 + table: %s, want R14", regime_name(regime_of(table, 2016)));
    ck_assert_msg(regime_of(table, 2011) == RG_R08, "2011 + table: %s, want R08", regime_name(regime_of(table, 2011)));
    ck_assert_msg(regime_of(table, 2020) == RG_R19, "2020 + table: %s, want R19", regime_name(regime_of(table, 2020)));
    ck_assert_msg(regime_of(table, 2023) == RG_R21, "2023 + table: %s, want R21", regime_name(regime_of(table, 2023)));
    /* without a table the prior does not apply */
    ck_assert_int_eq(regime_of("2016年，我局共主动公开政府信息120条。", 2016), RG_NONE);
}
END_TEST

/* ==== prose figures (prose.c) ==== */

START_TEST(test_prose_pro_total)
{
    struct report r;
    /* seed_004 line 4 */
    parse_doc(&r, "漳州市司法局2023年政府信息公开工作年度报告\n"
                  "(一)严格落实主动公开。我局认真落实《条例》要求,积极做好政府信息主动公开工作,以门户网站为主渠道,"
                  "全年共主动公开政府信息860条,其中,机构概况8条、政策文件3条、行政许可和处罚强制信息276条。\n");
    TEXT_CELL_IS(&r, M_PRO_TOTAL, 86000, Q_EXACT, 2);
    report_free(&r);
    /* 034 lines 17-18: wrapped by pdftotext, spaces around the number, 余 */
    parse_doc(&r, "淮安市人民政府2024年政府信息公开工作年度报告\n"
                  "   （一）主动公开情况。2024 年，市政府网站主动公开各类政\n"
                  "府信息 5500 余条，全年新增公开市政府规章 1 件、市政府及市\n");
    TEXT_CELL_IS(&r, M_PRO_TOTAL, 550000, Q_AT_LEAST, 3);
    report_free(&r);
    /* 020 lines 17-19 */
    parse_doc(&r, "洪泽区人民政府2023年政府信息公开工作年度报告\n"
                  "   （一）主动公开情况。主要通过政府门户网站主动公开政府\n"
                  "文件、项目审批、通知公告等各类政府信息。2023 年，我区在政\n"
                  "府网站平台主动公开政府信息 1136 条。\n");
    TEXT_CELL_IS(&r, M_PRO_TOTAL, 113600, Q_EXACT, 4);
    report_free(&r);
}
END_TEST

START_TEST(test_prose_not_pro_total)
{
    struct report r;
    /* 101 平潭财金局 2024: the catalogue total (制作、获取…总数) is not the proactive total */
    parse_doc(&r, "平潭综合实验区财政金融局2024年政府信息公开工作年度报告\n"
                  "二、主动公开政府信息情况(一)主动公开政府信息的数量2024年制作、获取政府信息总数397条。\n");
    const struct cell *c = report_get(&r, M_PRO_TOTAL, AP_NONE);
    ck_assert_msg(c == NULL, "pro_total %" PRId64 " from 制作、获取政府信息总数397条", c ? c->v100 : 0);
    report_free(&r);
    /* the whole 101 passage: 61 (truth), never 397, never the share 15.4% */
    parse_doc(&r, "平潭综合实验区财政金融局2024年政府信息公开工作年度报告\n"
                  "加大预决算、“三公经费”等的公开力度，2024年主动公开政府信息61条。二、主动公开政府信息情况(一)主动公开政府"
                  "信息的数量2024年制作、获取政府信息总数397条，其中主动公开政府信息61条，依申请公开信息数255条，"
                  "不子公开信息数81条。主动公开的政府信息占15.4%\n");
    TEXT_CELL_IS(&r, M_PRO_TOTAL, 6100, Q_EXACT, 2);
    report_free(&r);
    /* a percentage is never a count */
    parse_doc(&r, "某局2024年政府信息公开工作年度报告\n主动公开的政府信息占15.4%。全年主动公开政府信息100%按时发布。\n"
                  "政府信息公开率达百分之九十。\n");
    c = report_get(&r, M_PRO_TOTAL, AP_NONE);
    ck_assert_msg(c == NULL, "pro_total %" PRId64 " from a percentage", c ? c->v100 : 0);
    report_free(&r);
    /* applications are not proactive disclosure */
    parse_doc(&r, "某局2024年政府信息公开工作年度报告\n2024年，我局收到政府信息公开申请12件。依申请公开政府信息3条。\n");
    c = report_get(&r, M_PRO_TOTAL, AP_NONE);
    ck_assert_msg(c == NULL, "pro_total %" PRId64 " from applications", c ? c->v100 : 0);
    report_free(&r);
}
END_TEST

START_TEST(test_prose_fees)
{
    struct report r;
    /* 018 平潭 2024 */
    parse_doc(&r, "平潭综合实验区2024年政府信息公开工作年度报告\n六、其他需要报告的事项\n2024年，无收取信息处理费情况。\n");
    TEXT_CELL_IS(&r, M_INFO_PROC_FEE_YUAN, 0, Q_EXACT, 3);
    ck_assert_ptr_null(report_get(&r, M_INFO_PROC_FEE_CASES, AP_NONE));
    report_free(&r);
    /* 025 沭阳县 2025 line 186: amount and case count */
    parse_doc(&r, "沭阳县人民政府2025年政府信息公开工作年度报告\n六、其他需要报告的事项\n"
                  "我县认真落实《政府信息公开信息处理费管理办法》要求，指导推动全县行政机关按规定收取费用。全县行政机关在办理"
                  "2025年度信息公开申请中收取信息处理费共计380元，其中民政局1件，收取380元。\n");
    TEXT_CELL_IS(&r, M_INFO_PROC_FEE_YUAN, 38000, Q_EXACT, 3);
    TEXT_CELL_IS(&r, M_INFO_PROC_FEE_CASES, 100, Q_EXACT, 3);
    report_free(&r);
    /* 034 lines 167-168: the 管理办法's name comes first, then the amount, spaced */
    parse_doc(&r, "淮安市人民政府2024年政府信息公开工作年度报告\n"
                  "      2024 年，市政府严格落实《政府信息公开信息处理费管理\n"
                  "办法》，全年收取政府信息公开信息处理费 3940 元。\n");
    TEXT_CELL_IS(&r, M_INFO_PROC_FEE_YUAN, 394000, Q_EXACT, 3);
    ck_assert_ptr_null(report_get(&r, M_INFO_PROC_FEE_CASES, AP_NONE));
    report_free(&r);
    /* DOMAIN §1.4 (C1 fixture): "有1件政府信息公开申请案件收取信息处理费380元" */
    parse_doc(&r, "某县人民政府2025年政府信息公开工作年度报告\n2025年有1件政府信息公开申请案件收取信息处理费380元。\n");
    TEXT_CELL_IS(&r, M_INFO_PROC_FEE_YUAN, 38000, Q_EXACT, 2);
    TEXT_CELL_IS(&r, M_INFO_PROC_FEE_CASES, 100, Q_EXACT, 2);
    report_free(&r);
    /* a case count without an amount charged is not a fee count */
    parse_doc(&r, "某县人民政府2025年政府信息公开工作年度报告\n收取信息处理费的申请1件，正在办理。\n");
    ck_assert_ptr_null(report_get(&r, M_INFO_PROC_FEE_CASES, AP_NONE));
    report_free(&r);
}
END_TEST

/* Fixed (prose.c, PROSE_ZERO): 102/104/105 (平潭 2023-2024) say "本年度没有产生信息公开处理费";
 * their truth files record info_proc_fee_yuan 0 (text), DOMAIN §6.2 "prose zeros"; the
 * phrase is not among the zero statements, so no cell is produced. */
START_TEST(test_prose_fee_zero_no_charge_arose)
{
    struct report r;
    parse_doc(&r, "平潭综合实验区交通与建设局2024年政府信息公开工作年度报告\n"
                  "六、其他需要报告的事项按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》国办函〔2020〕109号）"
                  "规定的按件、按量收费标准，本年度没有产生信息公开处理费。\n");
    TEXT_CELL_IS(&r, M_INFO_PROC_FEE_YUAN, 0, Q_EXACT, 2);
    report_free(&r);
}
END_TEST

/* ==== the compact view ==== */

START_TEST(test_compact_view)
{
    static const char s[] = "   （一）主动公开情况。2024 年，市政府网站主动公开各类政\n"
                            "府信息 5500 余条\n"
                            "规范性文件 | 0 | 1 |\n";
    struct tokstream ts;
    struct compact c;
    ts_init(&ts);
    lex_text(s, strlen(s), &ts);
    compact_build(&c, &ts);
    /* text of plain lines joined without spaces, values set off by one space, table cells by '|' */
    ck_assert_str_eq(c.text.s, "（一）主动公开情况。 2024 年，市政府网站主动公开各类政府信息 5500 余条|规范性文件|0|1\n");
    const char *p = strstr(c.text.s, "府信息");
    ck_assert_int_eq(compact_line(&c, (size_t)(p - c.text.s)), 2);
    ck_assert_int_eq(compact_line(&c, 0), 1);
    p = strstr(c.text.s, "规范性文件");
    ck_assert_int_eq(compact_line(&c, (size_t)(p - c.text.s)), 3);
    compact_free(&c);
    ts_free(&ts);
    /* empty stream: an empty string, line 0 */
    ts_init(&ts);
    compact_build(&c, &ts);
    ck_assert_str_eq(c.text.s, "");
    ck_assert_int_eq(compact_line(&c, 0), 0);
    compact_free(&c);
    ts_free(&ts);
}
END_TEST

Suite *suite_header(void)
{
    Suite *s = suite_create("header");
    TCase *tb = tcase_create("body-year");
    tcase_add_test(tb, test_title_label_place_name);
    tcase_add_test(tb, test_title_two_lines_pdf);
    tcase_add_test(tb, test_title_inside_prose);
    tcase_add_test(tb, test_title_in_sentence);
    tcase_add_test(tb, test_first_line_body_period_year);
    tcase_add_test(tb, test_title_forms);
    tcase_add_test(tb, test_title_guanyu_form);
    tcase_add_test(tb, test_title_chinese_year);
    tcase_add_test(tb, test_period_year_rules);
    suite_add_tcase(s, tb);

    TCase *tr = tcase_create("regime");
    tcase_add_test(tr, test_regime_rules);
    tcase_add_test(tr, test_regime_content_beats_year);
    tcase_add_test(tr, test_regime_year_prior_with_table);
    suite_add_tcase(s, tr);

    TCase *tp = tcase_create("prose");
    tcase_add_test(tp, test_prose_pro_total);
    tcase_add_test(tp, test_prose_not_pro_total);
    tcase_add_test(tp, test_prose_fees);
    tcase_add_test(tp, test_prose_fee_zero_no_charge_arose);
    suite_add_tcase(s, tp);

    TCase *tc = tcase_create("compact");
    tcase_add_test(tc, test_compact_view);
    suite_add_tcase(s, tc);
    return s;
}
