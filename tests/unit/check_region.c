/* check_region.c - unit tests for region.c: the gazetteer, name lookup, body type
 * and region resolution (DOMAIN §7.3-7.5).
 *
 * Known answers are GB/T 2260 codes checked by hand against data/gazetteer.csv
 * (鼓楼区: 320106 南京, 320302 徐州, 350102 福州, 410204 开封). Documents are
 * small texts run through parse_buffer() as a file would be.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/parse.h"
#include "ogistat/record.h"
#include "ogistat/region.h"
#include "testutil.h"

Suite *suite_region(void);

/* ==== helpers ==== */

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Region fields of a report; "" for a field that must be empty (NULL). */
static void region_is_at(const struct report *r, const char *prov, const char *city, const char *county,
                         const char *code, int tline)
{
    char d[2048];
    diag_dump(r, d, sizeof d);
    const char *got[] = { or_empty(r->province), or_empty(r->city), or_empty(r->county), or_empty(r->region_code) };
    const char *want[] = { prov, city, county, code };
    const char *what[] = { "province", "city", "county", "region_code" };
    for (size_t i = 0; i < 4; i++)
        ck_assert_msg(strcmp(got[i], want[i]) == 0, "test line %d: %s '%s', want '%s'%s", tline, what[i], got[i],
                      want[i], d);
}
#define REGION_IS(r, p, c, k, code) region_is_at((r), (p), (c), (k), (code), __LINE__)

static void doc_region_is_at(const char *doc, const char *prov, const char *city, const char *county,
                             const char *code, int tline)
{
    struct report r;
    parse_doc(&r, doc);
    region_is_at(&r, prov, city, county, code, tline);
    report_free(&r);
}
#define DOC_REGION_IS(doc, p, c, k, code) doc_region_is_at((doc), (p), (c), (k), (code), __LINE__)

static const char *code_of(int div)
{
    return div >= 0 ? GZ_DIVS[div].code : "(none)";
}

/* ==== the gazetteer ==== */

START_TEST(test_gazetteer_table)
{
    /* codes in order, every parent one level up (or a province for municipal districts) */
    ck_assert_uint_gt(GZ_NDIVS, 3000);
    for (size_t i = 1; i < GZ_NDIVS; i++) ck_assert_str_lt(GZ_DIVS[i - 1].code, GZ_DIVS[i].code);
    for (size_t i = 1; i < GZ_NNAMES; i++) ck_assert_int_le(strcmp(GZ_NAMES[i - 1].name, GZ_NAMES[i].name), 0);
    for (size_t i = 0; i < GZ_NDIVS; i++) {
        const struct gz_div *g = &GZ_DIVS[i];
        if (g->level == GZ_PROVINCE) { ck_assert_int_eq(g->parent, -1); continue; }
        ck_assert_int_ge(g->parent, 0);
        ck_assert_int_lt(GZ_DIVS[g->parent].level, g->level);
        ck_assert_int_eq(strncmp(GZ_DIVS[g->parent].code, g->code, 2), 0);
    }
    int d = gz_find_code("430408");
    ck_assert_int_ge(d, 0);
    ck_assert_str_eq(GZ_DIVS[d].name, "蒸湘区");
    ck_assert_str_eq(GZ_DIVS[d].short_name, "蒸湘");
    ck_assert_str_eq(code_of(gz_ancestor(d, GZ_PREFECTURE)), "430400");
    ck_assert_str_eq(code_of(gz_ancestor(d, GZ_PROVINCE)), "430000");
    ck_assert_int_eq(gz_find_code("110103"), -1);               /* 崇文区, abolished 2010 */
    /* short names */
    ck_assert_str_eq(GZ_DIVS[gz_find_code("650000")].short_name, "新疆");
    ck_assert_str_eq(GZ_DIVS[gz_find_code("422800")].short_name, "恩施");
    ck_assert_str_eq(GZ_DIVS[gz_find_code("429021")].short_name, "神农架");
    ck_assert_str_eq(GZ_DIVS[gz_find_code("140109")].short_name, "万柏林");
    ck_assert_str_eq(GZ_DIVS[gz_find_code("410422")].short_name, "");     /* 叶县: 叶 alone is no name */
    /* municipal districts and 省直辖 cities hang under the province */
    ck_assert_str_eq(code_of(GZ_DIVS[gz_find_code("310101")].parent), "310000");
    ck_assert_str_eq(code_of(GZ_DIVS[gz_find_code("429004")].parent), "420000");
    ck_assert_str_eq(GZ_DIVS[gz_find_code("350100")].area_code, "0591");
    ck_assert_str_eq(gz_level_name(GZ_PREFECTURE), "prefecture");
}
END_TEST

START_TEST(test_lookup)
{
    int out[8];
    ck_assert_uint_eq(gz_lookup("鼓楼区", out, 8), 4);
    ck_assert_str_eq(code_of(out[0]), "320106");
    ck_assert_str_eq(code_of(out[1]), "320302");
    ck_assert_str_eq(code_of(out[2]), "350102");
    ck_assert_str_eq(code_of(out[3]), "410204");
    ck_assert_uint_eq(gz_lookup("鼓楼", out, 8), 4);            /* a short name on its own */
    ck_assert_uint_eq(gz_lookup("福州市鼓楼区", out, 8), 1);
    ck_assert_str_eq(code_of(out[0]), "350102");
    ck_assert_uint_eq(gz_lookup("江苏鼓楼区", out, 8), 2);
    ck_assert_uint_eq(gz_lookup("衡阳", out, 8), 2);            /* 衡阳市 and 衡阳县 */
    ck_assert_str_eq(code_of(out[0]), "430400");
    ck_assert_str_eq(code_of(out[1]), "430421");
    ck_assert_uint_eq(gz_lookup("北京市朝阳区", out, 8), 1);
    ck_assert_str_eq(code_of(out[0]), "110105");
    ck_assert_uint_eq(gz_lookup("崇文区", out, 8), 0);
    ck_assert_uint_eq(gz_lookup("鼓楼区", out, 2), 4);           /* the count, even past max */
}
END_TEST

/* ==== body type ==== */

START_TEST(test_body_type)
{
    static const char *const cases[][2] = {
        { "蒸湘区人民政府", "gov" },
        { "上海市人民政府办公厅", "gov_office" },
        { "衡阳市司法局", "dept" },
        { "平潭综合实验区金井片区管理局", "dept" },
        { "某某镇人民政府", "township" },
        { "某某街道办事处", "township" },
        { "平潭综合实验区管委会", "zone" },
        { "衡阳高新技术产业开发区", "zone" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(strcmp(or_empty(region_body_type(cases[i][0])), cases[i][1]) == 0, "%s: %s, want %s",
                      cases[i][0], or_empty(region_body_type(cases[i][0])), cases[i][1]);
    ck_assert_ptr_null(region_body_type("政府信息公开"));
    ck_assert_ptr_null(region_body_type(NULL));
}
END_TEST

/* ==== resolution from the body name ==== */

START_TEST(test_body_chains)
{
    /* the corpus' conventions: a prefecture-level body has no county, a provincial one no city */
    DOC_REGION_IS("衡阳市司法局2013年政府信息公开工作年度报告\n", "湖南省", "衡阳市", "", "430400");
    DOC_REGION_IS("蒸湘区2014年政府信息公开工作年度报告\n", "湖南省", "衡阳市", "蒸湘区", "430408");
    DOC_REGION_IS("淮安市洪泽区人民政府2024年政府信息公开工作年度报告\n", "江苏省", "淮安市", "洪泽区", "320813");
    DOC_REGION_IS("上海市人民政府办公厅2019年政府信息公开工作年度报告\n", "上海市", "", "", "310000");
    /* a short name before a body word: 平潭 + 综合实验区 is 平潭县 */
    DOC_REGION_IS("平潭综合实验区财政金融局2024年政府信息公开工作年度报告\n", "福建省", "福州市", "平潭县", "350128");
    /* a municipal district: no prefecture */
    DOC_REGION_IS("上海市黄浦区人民政府2022年政府信息公开工作年度报告\n", "上海市", "", "黄浦区", "310101");
    /* a short name shared by two levels is the higher one */
    DOC_REGION_IS("衡阳高新技术产业开发区管委会2020年政府信息公开工作年度报告\n", "湖南省", "衡阳市", "", "430400");
    /* a short name that is an ordinary word, with no body word after it, is no place */
    DOC_REGION_IS("和平饭店2020年政府信息公开工作年度报告\n", "", "", "", "");
}
END_TEST

START_TEST(test_body_from_text)
{
    /* no place in the body: the 发布机构 field, or the body as the text writes it after its place */
    DOC_REGION_IS("索引号：430400001/2014-00001 发布机构：衡阳市司法局\n司法局2013年政府信息公开工作年度报告\n",
                  "湖南省", "衡阳市", "", "430400");
    DOC_REGION_IS("司法局2013年政府信息公开工作年度报告\n\n天水市司法局全年共收到申请5件。\n", "甘肃省", "天水市", "",
                  "620500");
}
END_TEST

/* ==== ambiguous names ==== */

START_TEST(test_ambiguous_resolved_by_parent)
{
    /* 鼓楼区 ×4; the text names 福州市 (in an address) */
    struct report r;
    parse_doc(&r, "鼓楼区人民政府2023年政府信息公开工作年度报告\n\n"
                  "本报告由鼓楼区人民政府办公室编制。地址：福州市鼓楼区某某路1号。\n");
    REGION_IS(&r, "福建省", "福州市", "鼓楼区", "350102");
    ck_assert_str_eq(r.body_type, "gov");
    ck_assert(!diag_has(&r, "ambiguous", NULL, NULL));
    report_free(&r);
    /* the province alone settles it when only one candidate lies in it */
    DOC_REGION_IS("鼓楼区人民政府2023年政府信息公开工作年度报告\n\n河南省政府信息公开办公室通报。\n", "河南省", "开封市",
                  "鼓楼区", "410204");
}
END_TEST

START_TEST(test_ambiguous_by_credit_code_and_phone)
{
    /* 索引号 with an 18-character credit code: characters 3-8 are 320302 (徐州市鼓楼区) */
    DOC_REGION_IS("鼓楼区人民政府2023年政府信息公开工作年度报告\n索引号：11320302014123456X/2024-00012\n", "江苏省",
                  "徐州市", "鼓楼区", "320302");
    /* telephone area code 025 is 南京市 */
    DOC_REGION_IS("鼓楼区人民政府2023年政府信息公开工作年度报告\n联系电话：025-83123456\n", "江苏省", "南京市", "鼓楼区",
                  "320106");
    /* 江苏省 holds two of them: no decision from the province alone */
    DOC_REGION_IS("鼓楼区人民政府2023年政府信息公开工作年度报告\n江苏省政府信息公开办公室通报。\n", "", "", "", "");
}
END_TEST

START_TEST(test_ambiguous_left_empty)
{
    struct report r;
    parse_doc(&r, "鼓楼区人民政府2023年政府信息公开工作年度报告\n\n我区各部门共收到政府信息公开申请5件。\n");
    REGION_IS(&r, "", "", "", "");
    ck_assert_str_eq(r.body, "鼓楼区人民政府");
    ck_assert_str_eq(r.body_type, "gov");
    char d[2048];
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(diag_has(&r, "'鼓楼区' is ambiguous (南京市 320106, 徐州市 320302, 福州市 350102, 开封市 410204)",
                           "region left empty", NULL), "%s", d);
    report_free(&r);
    /* candidates in one prefecture keep what they share */
    parse_doc(&r, "井陉人民政府2023年政府信息公开工作年度报告\n");
    REGION_IS(&r, "河北省", "石家庄市", "", "130100");
    diag_dump(&r, d, sizeof d);
    ck_assert_msg(diag_has(&r, "'井陉' is ambiguous (石家庄市井陉矿区 130107, 石家庄市井陉县 130121)",
                           "county left empty", NULL), "%s", d);
    report_free(&r);
}
END_TEST

Suite *suite_region(void)
{
    Suite *s = suite_create("region");
    TCase *tg = tcase_create("gazetteer");
    tcase_add_test(tg, test_gazetteer_table);
    tcase_add_test(tg, test_lookup);
    tcase_add_test(tg, test_body_type);
    suite_add_tcase(s, tg);

    TCase *tr = tcase_create("resolve");
    tcase_add_test(tr, test_body_chains);
    tcase_add_test(tr, test_body_from_text);
    tcase_add_test(tr, test_ambiguous_resolved_by_parent);
    tcase_add_test(tr, test_ambiguous_by_credit_code_and_phone);
    tcase_add_test(tr, test_ambiguous_left_empty);
    suite_add_tcase(s, tr);
    return s;
}
