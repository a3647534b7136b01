/* check_registry.c - unit tests for the generated metric registry
 * (registry.h, src/registry.c, src/registry_data.c). */
#include <check.h>
#include <stdbool.h>
#include <string.h>

#include "ogistat/registry.h"

Suite *suite_registry(void);

static bool is_snake_case(const char *s)
{
    if (!(*s >= 'a' && *s <= 'z')) return false;
    for (const char *p = s; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
        if (!ok) return false;
        if (*p == '_' && (p[1] == '_' || p[1] == '\0')) return false;
    }
    return true;
}

static size_t list_len(const char *const *l)
{
    size_t n = 0;
    while (l[n]) n++;
    return n;
}

START_TEST(test_count)
{
    ck_assert_int_eq(M__COUNT, 149);
    ck_assert_uint_eq(sizeof REG_METRICS / sizeof REG_METRICS[0], 149);
    ck_assert_int_eq(M_REQ_NEW, 0);
    ck_assert_int_eq(M_TRAIN_TRAINEES, 148);
    ck_assert_int_eq(AP__COUNT, 9);
}
END_TEST

START_TEST(test_find_own_index)
{
    for (int i = 0; i < M__COUNT; i++) {
        ck_assert_ptr_nonnull(REG_METRICS[i].id);
        ck_assert_msg(reg_metric_find(REG_METRICS[i].id) == i,
                      "%s not found at its index %d", REG_METRICS[i].id, i);
    }
    ck_assert_int_eq(reg_metric_find("req_new"), M_REQ_NEW);
    ck_assert_int_eq(reg_metric_find("res_other_misc"), M_RES_OTHER_MISC);
    ck_assert_int_eq(reg_metric_find("appeal_complaint_total"), M_APPEAL_COMPLAINT_TOTAL);
    ck_assert_int_eq(reg_metric_find("train_trainees"), M_TRAIN_TRAINEES);
}
END_TEST

START_TEST(test_find_missing)
{
    ck_assert_int_eq(reg_metric_find("nope"), -1);
    ck_assert_int_eq(reg_metric_find(""), -1);
    ck_assert_int_eq(reg_metric_find(NULL), -1);
    ck_assert_int_eq(reg_metric_find("req"), -1);
    ck_assert_int_eq(reg_metric_find("req_new "), -1);
    ck_assert_int_eq(reg_metric_find("REQ_NEW"), -1);
    ck_assert_int_eq(reg_metric_find("aaa"), -1);      /* before the first id */
    ck_assert_int_eq(reg_metric_find("zzz"), -1);      /* after the last id */
}
END_TEST

START_TEST(test_ids_unique_snake)
{
    for (int i = 0; i < M__COUNT; i++) {
        ck_assert_msg(is_snake_case(REG_METRICS[i].id), "id %s is not snake_case",
                      REG_METRICS[i].id);
        for (int j = i + 1; j < M__COUNT; j++)
            ck_assert_msg(strcmp(REG_METRICS[i].id, REG_METRICS[j].id) != 0,
                          "duplicate id %s", REG_METRICS[i].id);
    }
}
END_TEST

START_TEST(test_sorted_index)
{
    for (int i = 0; i < M__COUNT; i++) {
        const struct metric_index_entry *e = &REG_METRIC_INDEX[i];
        ck_assert_int_ge(e->metric, 0);
        ck_assert_int_lt(e->metric, M__COUNT);
        ck_assert_str_eq(e->id, REG_METRICS[e->metric].id);
        if (i > 0)
            ck_assert_msg(strcmp(REG_METRIC_INDEX[i - 1].id, e->id) < 0,
                          "index not strictly sorted at %d (%s)", i, e->id);
    }
}
END_TEST

START_TEST(test_units)
{
    ck_assert_str_eq(REG_METRICS[M_REQ_NEW].unit, "件");
    ck_assert_str_eq(REG_METRICS[M_OGI_FEE_YUAN].unit, "元");
    ck_assert_str_eq(REG_METRICS[M_CONSULT_TOTAL].unit, "人次");
    ck_assert_str_eq(REG_METRICS[M_ART20_LICENSE_DELTA].unit, "项");
    ck_assert_str_eq(REG_METRICS[M_PRO_TOTAL].unit, "条");
    ck_assert_str_eq(REG_METRICS[M_CAP_STAFF].unit, "人");
    ck_assert_str_eq(REG_METRICS[M_RESP_INTERPRETATIONS].unit, "篇");
    ck_assert_str_eq(REG_METRICS[M_REQ_NEW].group, "requests");
    ck_assert_str_eq(REG_METRICS[M_RES_GRANTED].group, "outcomes_new");
}
END_TEST

START_TEST(test_applicant_dim)
{
    ck_assert(REG_METRICS[M_REQ_NEW].applicant_dim);
    ck_assert(!REG_METRICS[M_REV_TOTAL].applicant_dim);
    ck_assert(REG_METRICS[M_RES_TOTAL].applicant_dim);
    ck_assert(!REG_METRICS[M_REP_TOTAL].applicant_dim);
    int n = 0;
    for (int i = 0; i < M__COUNT; i++) {
        if (REG_METRICS[i].applicant_dim) n++;
        if (strncmp(REG_METRICS[i].id, "res_", 4) == 0)
            ck_assert_msg(REG_METRICS[i].applicant_dim, "%s lacks applicant_dim",
                          REG_METRICS[i].id);
    }
    ck_assert_int_eq(n, 29);    /* req_new, req_carry_in, req_carry_out + 26 res_* */
}
END_TEST

START_TEST(test_labels)
{
    const struct metric_def *m = &REG_METRICS[M_RES_OTHER_MISC];
    ck_assert_str_eq(m->labels[3][0], "3.其他");
    ck_assert_ptr_null(m->labels[3][1]);
    ck_assert_ptr_null(m->labels[0][0]);
    ck_assert_ptr_null(m->labels[1][0]);
    ck_assert_ptr_null(m->labels[2][0]);

    m = &REG_METRICS[M_REQ_NEW];
    ck_assert_uint_eq(list_len(m->labels[0]), 4);
    ck_assert_str_eq(m->labels[0][3], "信息公开申请数");
    ck_assert_str_eq(m->labels[1][0], "收到申请数");
    ck_assert_str_eq(m->labels[2][0], "一、本年新收政府信息公开申请数量");
    ck_assert_uint_eq(list_len(m->variants), 4);
    ck_assert_str_eq(m->variants[0], "本年新收申请");

    /* a label and a variant with quotes survive escaping */
    m = &REG_METRICS[M_RES_DENIED_SAFETY_STABILITY];
    ck_assert_str_eq(m->labels[3][0], "3.危及“三安全一稳定”");
    ck_assert_str_eq(m->variants[0], "危及\"三安全一稳定\"");
    ck_assert_str_eq(m->note, "第十四条");

    ck_assert_uint_eq(list_len(REG_METRICS[M_REQ_CARRY_IN].labels[0]), 0);
    ck_assert_str_eq(REG_METRICS[M_REP_DENY_STATE_SECRET].labels[0][1], "“不予公开范围1”数");
}
END_TEST

START_TEST(test_label_zh)
{
    ck_assert_str_eq(REG_METRICS[M_RES_GRANTED].label_zh, "予以公开");
    ck_assert_str_eq(REG_METRICS[M_REQ_NEW].label_zh, "本年新收政府信息公开申请数量");
    ck_assert_str_eq(REG_METRICS[M_REV_UPHELD].label_zh, "行政复议 结果维持");
    ck_assert_str_eq(REG_METRICS[M_RES_DENIED_STATE_SECRET].label_zh, "属于国家秘密");
    ck_assert_str_eq(REG_METRICS[M_RES_OTHER_MISC].label_zh, "其他");
    ck_assert_str_eq(REG_METRICS[M_REP_OTHER_TYPE].label_zh, "其他类型答复数");        /* 4、 */
    ck_assert_str_eq(REG_METRICS[M_APPEAL_FIRST_UNSATISFIED].label_zh,
                     "对本部门首次处理不满意的行政申诉数");                          /* 其中： */
    ck_assert_str_eq(REG_METRICS[M_REQ_CLOSED].label_zh, "申请办结数");              /* R14 only */
    ck_assert_str_eq(REG_METRICS[M_ART20_LICENSE_DECISIONS].label_zh,
                     "行政许可 本年处理决定数量");                                  /* R21 over R19 */
}
END_TEST

START_TEST(test_every_metric_complete)
{
    for (int i = 0; i < M__COUNT; i++) {
        const struct metric_def *m = &REG_METRICS[i];
        ck_assert_msg(m->name_en && m->name_en[0], "%s: empty name_en", m->id);
        ck_assert_msg(m->label_zh && m->label_zh[0], "%s: empty label_zh", m->id);
        ck_assert_msg(m->group && m->group[0], "%s: empty group", m->id);
        ck_assert_msg(m->unit && m->unit[0], "%s: empty unit", m->id);
        ck_assert_msg(m->note != NULL, "%s: NULL note", m->id);
        ck_assert_msg(m->variants != NULL, "%s: NULL variants", m->id);
        /* label_zh keeps no leading enumerator */
        ck_assert_msg(!(m->label_zh[0] >= '0' && m->label_zh[0] <= '9'),
                      "%s: label_zh %s starts with a digit", m->id, m->label_zh);
        ck_assert_msg(strncmp(m->label_zh, "其中", strlen("其中")) != 0,
                      "%s: label_zh %s starts with 其中", m->id, m->label_zh);
        size_t nlabels = 0;
        for (int r = 0; r < 4; r++) {
            ck_assert_msg(m->labels[r] != NULL, "%s: NULL label list %d", m->id, r);
            for (size_t k = 0; m->labels[r][k]; k++) {
                ck_assert_msg(m->labels[r][k][0] != '\0', "%s: empty label", m->id);
                nlabels++;
            }
        }
        ck_assert_msg(nlabels > 0, "%s: no label in any regime", m->id);
    }
}
END_TEST

START_TEST(test_applicants)
{
    ck_assert_int_eq(reg_applicant_find("org_ngo"), AP_ORG_NGO);
    ck_assert_int_eq(reg_applicant_find("-"), AP_NONE);
    ck_assert_int_eq(reg_applicant_find("natural"), AP_NATURAL);
    ck_assert_int_eq(reg_applicant_find("total"), AP_TOTAL);
    ck_assert_int_eq(reg_applicant_find("nope"), -1);
    ck_assert_int_eq(reg_applicant_find(""), -1);
    ck_assert_int_eq(reg_applicant_find(NULL), -1);
    for (int i = 0; i < AP__COUNT; i++) {
        const struct applicant_def *a = &REG_APPLICANTS[i];
        ck_assert_ptr_nonnull(a->code);
        ck_assert_int_eq(reg_applicant_find(a->code), i);
        ck_assert_ptr_nonnull(a->label_zh);
        ck_assert_msg(a->name_en && a->name_en[0], "%s: empty name_en", a->code);
        if (i != AP_NONE) ck_assert_msg(a->label_zh[0], "%s: empty label", a->code);
    }
    ck_assert_str_eq(REG_APPLICANTS[AP_NONE].label_zh, "");
    ck_assert_str_eq(REG_APPLICANTS[AP_NONE].name_en, "none");
    ck_assert_str_eq(REG_APPLICANTS[AP_NATURAL].label_zh, "自然人");
    ck_assert_str_eq(REG_APPLICANTS[AP_ORG_OTHER].label_zh, "其他");
    ck_assert_str_eq(REG_APPLICANTS[AP_TOTAL].label_zh, "总计");
    ck_assert_str_eq(REG_APPLICANTS[AP_ORG_NGO].name_en, "public-interest organisation");
}
END_TEST

Suite *suite_registry(void)
{
    Suite *s = suite_create("registry");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_count);
    tcase_add_test(tc, test_find_own_index);
    tcase_add_test(tc, test_find_missing);
    tcase_add_test(tc, test_ids_unique_snake);
    tcase_add_test(tc, test_sorted_index);
    tcase_add_test(tc, test_units);
    tcase_add_test(tc, test_applicant_dim);
    tcase_add_test(tc, test_labels);
    tcase_add_test(tc, test_label_zh);
    tcase_add_test(tc, test_every_metric_complete);
    tcase_add_test(tc, test_applicants);
    suite_add_tcase(s, tc);
    return s;
}
