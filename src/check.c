/* check.c - the form's own arithmetic (see check.h).
 *
 * The identities are data (CK_IDENTITIES): each lists its terms as metric ids on
 * either side of = (or <=), with the short labels the formula is printed with, and
 * is evaluated per applicant column where its metrics have that dimension. Three
 * kinds need code of their own: N4 (every 表三 row against its 总计 column), the
 * non-negative integer cells (NN), and the checks across reports (S1, S2, A6, H1),
 * which work on small per-report summaries (struct ssum).
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/check.h"
#include "ogistat/csvio.h"
#include "ogistat/registry.h"
#include "ogistat/util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define RB(g) (1u << (g))
#define NEW_FORMS (RB(RG_R19) | RB(RG_R21))

/* ==== the identities (DOMAIN §3) ==== */

#define CK_MAXM 8               /* metrics summed in one term */
#define CK_MAXT 10              /* terms on one side */

struct ck_mset {
    int m[CK_MAXM];
    int n;
};
#define NARGS(...) ((int)(sizeof((int[]){ __VA_ARGS__ }) / sizeof(int)))
#define MS(...) { .m = { __VA_ARGS__ }, .n = NARGS(__VA_ARGS__) }

struct ck_term {
    const char *label;          /* how the formula names it: "一", "（三）", "结果维持" */
    struct ck_mset ms;          /* metrics summed */
    int ap;                     /* applicant of the cells; AP_NONE: the column evaluated */
    bool optional;              /* a form may not print this row: a missing cell is left out */
};
#define T(lab, ...) { .label = (lab), .ms = MS(__VA_ARGS__) }
#define TOPT(lab, ...) { .label = (lab), .ms = MS(__VA_ARGS__), .optional = true }

enum ck_rel { REL_EQ, REL_LE };

struct ck_eq {
    struct ck_term lhs[CK_MAXT], rhs[CK_MAXT];   /* end at the first NULL label */
    enum ck_rel rel;            /* lhs = rhs, or lhs <= rhs */
};

enum ck_kind { CKK_SUM, CKK_COLUMNS, CKK_NONNEG };

struct ck_identity {
    const char *id;
    enum ck_kind kind;
    unsigned regimes;           /* RB(regime) bits */
    bool per_applicant;         /* once per applicant column (表三 of R19/R21) */
    int anchor;                 /* the cell that locates a finding (its table, row, line) */
    struct ck_mset all, any, none;   /* evaluated only if all / any / none of these have a cell */
    const char *reading;        /* one of several readings of the same id: the id holds if one does */
    struct ck_eq eq[2];         /* all must hold */
    int neq;
    const char *desc;
};

/* 表三 outcome leaves by group (N2, N3) */
#define DENIED8 M_RES_DENIED_STATE_SECRET, M_RES_DENIED_LAW_FORBIDDEN, M_RES_DENIED_SAFETY_STABILITY, \
    M_RES_DENIED_THIRD_PARTY, M_RES_DENIED_INTERNAL_AFFAIRS, M_RES_DENIED_PROCESS_INFO,            \
    M_RES_DENIED_ENFORCEMENT_FILE, M_RES_DENIED_ADMIN_QUERY
#define UNABLE3 M_RES_UNABLE_NOT_HELD, M_RES_UNABLE_NEEDS_CREATION, M_RES_UNABLE_UNCLEAR
#define NOPROC5 M_RES_NOPROC_PETITION, M_RES_NOPROC_REPEAT, M_RES_NOPROC_PUBLICATION, M_RES_NOPROC_EXCESSIVE, \
    M_RES_NOPROC_CONFIRM
#define OTHER3 M_RES_OTHER_NO_CORRECTION, M_RES_OTHER_NO_FEE, M_RES_OTHER_MISC
/* R08 replies refused for an exemption (免予/不予公开范围k and 其它原因; schemes differ, so the
 * rows are summed as far as the form prints them) */
#define R08_EXEMPT TOPT("免予公开范围", M_REP_DENY_STATE_SECRET, M_REP_DENY_COMMERCIAL_SECRET, M_REP_DENY_PRIVACY, \
    M_REP_DENY_INTERNAL, M_REP_DENY_PROCESS, M_REP_DENY_ENFORCEMENT, M_REP_DENY_OTHER_LAW, M_REP_DENY_OTHER)
#define R08_REASONS TOPT("非政府信息", M_REP_DENY_NOT_GOV_INFO), TOPT("不存在", M_REP_NOT_EXIST), \
    TOPT("非本部门", M_REP_NOT_THIS_AGENCY), TOPT("不明确", M_REP_UNCLEAR)

static const struct ck_identity CK_IDENTITIES[] = {
    /* ---- R19 / R21 (DOMAIN §3.1) ---- */
    { .id = "N1", .regimes = NEW_FORMS, .per_applicant = true, .anchor = M_RES_TOTAL, .neq = 1,
      .eq = { { .lhs = { T("一", M_REQ_NEW), T("二", M_REQ_CARRY_IN) },
                .rhs = { T("三", M_RES_TOTAL), T("四", M_REQ_CARRY_OUT) } } },
      .desc = "表三 per column: 一、本年新收 + 二、上年结转 = 三、办理结果（七）总计 + 四、结转下年度 "
              "(the form's own 勾稽 note)" },
    { .id = "N2", .regimes = NEW_FORMS, .per_applicant = true, .anchor = M_RES_TOTAL, .neq = 1,
      .any = MS(OTHER3),
      .eq = { { .lhs = { T("（一）", M_RES_GRANTED), T("（二）", M_RES_PARTIAL), T("（三）", DENIED8),
                         T("（四）", UNABLE3), T("（五）", NOPROC5), T("（六）", OTHER3) },
                .rhs = { T("（七）", M_RES_TOTAL) } } },
      .desc = "表三 per column: the outcomes add up to （七）总计 (R21 form: （六） as its three rows)" },
    { .id = "N2", .regimes = NEW_FORMS, .per_applicant = true, .anchor = M_RES_TOTAL, .neq = 1,
      .none = MS(OTHER3),
      .eq = { { .lhs = { T("（一）", M_RES_GRANTED), T("（二）", M_RES_PARTIAL), T("（三）", DENIED8),
                         T("（四）", UNABLE3), T("（五）", NOPROC5), T("（六）", M_RES_OTHER_TOTAL) },
                .rhs = { T("（七）", M_RES_TOTAL) } } },
      .desc = "the same with （六）其他处理 as one row (R19 form; some later reports keep it)" },
    { .id = "N3", .regimes = NEW_FORMS, .per_applicant = true, .anchor = M_RES_DENIED_TOTAL, .neq = 1,
      .all = MS(M_RES_DENIED_TOTAL),
      .eq = { { .lhs = { T("1", M_RES_DENIED_STATE_SECRET), T("2", M_RES_DENIED_LAW_FORBIDDEN),
                         T("3", M_RES_DENIED_SAFETY_STABILITY), T("4", M_RES_DENIED_THIRD_PARTY),
                         T("5", M_RES_DENIED_INTERNAL_AFFAIRS), T("6", M_RES_DENIED_PROCESS_INFO),
                         T("7", M_RES_DENIED_ENFORCEMENT_FILE), T("8", M_RES_DENIED_ADMIN_QUERY) },
                .rhs = { T("小计", M_RES_DENIED_TOTAL) } } },
      .desc = "表三 group subtotals, when printed: （三）不予公开 = 1–8" },
    { .id = "N3", .regimes = NEW_FORMS, .per_applicant = true, .anchor = M_RES_UNABLE_TOTAL, .neq = 1,
      .all = MS(M_RES_UNABLE_TOTAL),
      .eq = { { .lhs = { T("1", M_RES_UNABLE_NOT_HELD), T("2", M_RES_UNABLE_NEEDS_CREATION),
                         T("3", M_RES_UNABLE_UNCLEAR) },
                .rhs = { T("小计", M_RES_UNABLE_TOTAL) } } },
      .desc = "（四）无法提供 = 1–3" },
    { .id = "N3", .regimes = NEW_FORMS, .per_applicant = true, .anchor = M_RES_NOPROC_TOTAL, .neq = 1,
      .all = MS(M_RES_NOPROC_TOTAL),
      .eq = { { .lhs = { T("1", M_RES_NOPROC_PETITION), T("2", M_RES_NOPROC_REPEAT), T("3", M_RES_NOPROC_PUBLICATION),
                         T("4", M_RES_NOPROC_EXCESSIVE), T("5", M_RES_NOPROC_CONFIRM) },
                .rhs = { T("小计", M_RES_NOPROC_TOTAL) } } },
      .desc = "（五）不予处理 = 1–5" },
    { .id = "N3", .regimes = NEW_FORMS, .per_applicant = true, .anchor = M_RES_OTHER_TOTAL, .neq = 1,
      .all = MS(M_RES_OTHER_TOTAL), .any = MS(OTHER3),
      .eq = { { .lhs = { T("1", M_RES_OTHER_NO_CORRECTION), T("2", M_RES_OTHER_NO_FEE), T("3", M_RES_OTHER_MISC) },
                .rhs = { T("小计", M_RES_OTHER_TOTAL) } } },
      .desc = "（六）其他处理 = 1–3 (R21 form)" },
    { .id = "N4", .kind = CKK_COLUMNS, .regimes = NEW_FORMS,
      .desc = "表三 per row: 自然人 + the five 法人或其他组织 columns = 总计 (and the 小计 column, when printed)" },
    { .id = "N5", .regimes = NEW_FORMS, .anchor = M_REV_TOTAL, .neq = 1,
      .eq = { { .lhs = { T("结果维持", M_REV_UPHELD), T("结果纠正", M_REV_CORRECTED), T("其他结果", M_REV_OTHER),
                         T("尚未审结", M_REV_PENDING) },
                .rhs = { T("总计", M_REV_TOTAL) } } },
      .desc = "表四 行政复议: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计" },
    { .id = "N5", .regimes = NEW_FORMS, .anchor = M_LIT_DIRECT_TOTAL, .neq = 1,
      .eq = { { .lhs = { T("结果维持", M_LIT_DIRECT_UPHELD), T("结果纠正", M_LIT_DIRECT_CORRECTED),
                         T("其他结果", M_LIT_DIRECT_OTHER), T("尚未审结", M_LIT_DIRECT_PENDING) },
                .rhs = { T("总计", M_LIT_DIRECT_TOTAL) } } },
      .desc = "表四 未经复议直接起诉: the same" },
    { .id = "N5", .regimes = NEW_FORMS, .anchor = M_LIT_AFTER_REV_TOTAL, .neq = 1,
      .eq = { { .lhs = { T("结果维持", M_LIT_AFTER_REV_UPHELD), T("结果纠正", M_LIT_AFTER_REV_CORRECTED),
                         T("其他结果", M_LIT_AFTER_REV_OTHER), T("尚未审结", M_LIT_AFTER_REV_PENDING) },
                .rhs = { T("总计", M_LIT_AFTER_REV_TOTAL) } } },
      .desc = "表四 复议后起诉: the same" },
    { .id = "N6", .regimes = NEW_FORMS, .anchor = M_LIT_TOTAL, .neq = 1, .all = MS(M_LIT_TOTAL),
      .eq = { { .lhs = { T("未经复议直接起诉", M_LIT_DIRECT_TOTAL), T("复议后起诉", M_LIT_AFTER_REV_TOTAL) },
                .rhs = { T("行政诉讼", M_LIT_TOTAL) } } },
      .desc = "表四, when a 行政诉讼 total is printed: 未经复议直接起诉 + 复议后起诉 = 行政诉讼 (and for 维持, 纠正, 其他)" },
    { .id = "N6", .regimes = NEW_FORMS, .anchor = M_LIT_UPHELD, .neq = 1, .all = MS(M_LIT_UPHELD),
      .eq = { { .lhs = { T("未经复议直接起诉", M_LIT_DIRECT_UPHELD), T("复议后起诉", M_LIT_AFTER_REV_UPHELD) },
                .rhs = { T("行政诉讼", M_LIT_UPHELD) } } } },
    { .id = "N6", .regimes = NEW_FORMS, .anchor = M_LIT_CORRECTED, .neq = 1, .all = MS(M_LIT_CORRECTED),
      .eq = { { .lhs = { T("未经复议直接起诉", M_LIT_DIRECT_CORRECTED), T("复议后起诉", M_LIT_AFTER_REV_CORRECTED) },
                .rhs = { T("行政诉讼", M_LIT_CORRECTED) } } } },
    { .id = "N6", .regimes = NEW_FORMS, .anchor = M_LIT_OTHER, .neq = 1, .all = MS(M_LIT_OTHER),
      .eq = { { .lhs = { T("未经复议直接起诉", M_LIT_DIRECT_OTHER), T("复议后起诉", M_LIT_AFTER_REV_OTHER) },
                .rhs = { T("行政诉讼", M_LIT_OTHER) } } } },

    /* ---- R14 national form (DOMAIN §3.2) ---- */
    { .id = "B1", .regimes = RB(RG_R14), .anchor = M_REQ_NEW, .neq = 1,
      .any = MS(M_REQ_CH_IN_PERSON, M_REQ_CH_FAX, M_REQ_CH_NETWORK, M_REQ_CH_LETTER),
      .eq = { { .lhs = { T("当面", M_REQ_CH_IN_PERSON), T("传真", M_REQ_CH_FAX), T("网络", M_REQ_CH_NETWORK),
                         T("信函", M_REQ_CH_LETTER) },
                .rhs = { T("收到申请数", M_REQ_NEW) } } },
      .desc = "收到申请数 = 当面 + 传真 + 网络 + 信函" },
    { .id = "B2", .regimes = RB(RG_R14), .anchor = M_REQ_CLOSED, .neq = 1,
      .any = MS(M_REQ_CLOSED, M_REQ_CLOSED_ONTIME, M_REQ_CLOSED_EXTENDED),
      .eq = { { .lhs = { T("按时办结", M_REQ_CLOSED_ONTIME), T("延期办结", M_REQ_CLOSED_EXTENDED) },
                .rhs = { T("申请办结数", M_REQ_CLOSED) } } },
      .desc = "申请办结数 = 按时办结 + 延期办结" },
    { .id = "B3", .regimes = RB(RG_R14), .anchor = M_REP_TOTAL, .neq = 1,
      .any = MS(M_REP_TOTAL, M_REP_AGREE),
      .eq = { { .lhs = { T("已主动公开", M_REP_ALREADY_PUBLIC), T("同意公开", M_REP_AGREE), T("同意部分公开", M_REP_PARTIAL),
                         T("不同意公开", M_REP_DENY_TOTAL), T("不属于本机关", M_REP_NOT_THIS_AGENCY),
                         T("不存在", M_REP_NOT_EXIST), T("告知更改补充", M_REP_UNCLEAR),
                         T("告知其他途径", M_REP_OTHER_ROUTE) },
                .rhs = { T("申请答复数", M_REP_TOTAL) } } },
      .desc = "申请答复数 = the eight reply categories" },
    { .id = "B4", .regimes = RB(RG_R14), .anchor = M_REP_DENY_TOTAL, .neq = 1,
      .any = MS(M_REP_DENY_TOTAL),
      .eq = { { .lhs = { T("国家秘密", M_REP_DENY_STATE_SECRET), T("商业秘密", M_REP_DENY_COMMERCIAL_SECRET),
                         T("个人隐私", M_REP_DENY_PRIVACY), T("三安全一稳定", M_REP_DENY_SAFETY_STABILITY),
                         T("非政府信息", M_REP_DENY_NOT_GOV_INFO), T("其他情形", M_REP_DENY_OTHER_LAW) },
                .rhs = { T("不同意公开", M_REP_DENY_TOTAL) } } },
      .desc = "不同意公开答复数 = its six reasons" },
    { .id = "B5", .regimes = RB(RG_R14), .anchor = M_REV_TOTAL, .neq = 1,
      .any = MS(M_REV_UPHELD, M_REV_CORRECTED, M_REV_OTHER),
      .eq = { { .lhs = { T("维持", M_REV_UPHELD), T("纠错", M_REV_CORRECTED), T("其他", M_REV_OTHER) },
                .rhs = { T("行政复议数量", M_REV_TOTAL) } } },
      .desc = "行政复议数量 = 维持 + 纠错 + 其他; 行政诉讼数量 likewise" },
    { .id = "B5", .regimes = RB(RG_R14), .anchor = M_LIT_TOTAL, .neq = 1,
      .any = MS(M_LIT_UPHELD, M_LIT_CORRECTED, M_LIT_OTHER),
      .eq = { { .lhs = { T("维持", M_LIT_UPHELD), T("纠错", M_LIT_CORRECTED), T("其他", M_LIT_OTHER) },
                .rhs = { T("行政诉讼数量", M_LIT_TOTAL) } } } },
    { .id = "B6", .regimes = RB(RG_R14), .anchor = M_CAP_STAFF, .neq = 1,
      .any = MS(M_CAP_STAFF, M_CAP_STAFF_FULLTIME, M_CAP_STAFF_PARTTIME),
      .eq = { { .lhs = { T("专职", M_CAP_STAFF_FULLTIME), T("兼职", M_CAP_STAFF_PARTTIME) },
                .rhs = { T("工作人员数", M_CAP_STAFF) } } },
      .desc = "从事政府信息公开工作人员数 = 专职 + 兼职" },

    /* ---- R08 local forms (DOMAIN §3.3) ---- */
    { .id = "A1", .regimes = RB(RG_R08), .anchor = M_REQ_NEW, .neq = 1,
      .any = MS(M_REQ_CH_IN_PERSON, M_REQ_CH_FAX, M_REQ_CH_EMAIL, M_REQ_CH_WEB, M_REQ_CH_LETTER, M_REQ_CH_OTHER),
      .none = MS(M_REQ_CH_LETTER_FAX),
      .eq = { { .lhs = { TOPT("当面", M_REQ_CH_IN_PERSON), TOPT("传真", M_REQ_CH_FAX), TOPT("电子邮件", M_REQ_CH_EMAIL),
                         TOPT("网上", M_REQ_CH_WEB), TOPT("信函", M_REQ_CH_LETTER), TOPT("其他", M_REQ_CH_OTHER) },
                .rhs = { T("申请总数", M_REQ_NEW) } } },
      .desc = "申请总数 = 当面 + 传真 + 电子邮件 + 网上 + 信函 + 其他形式 (the channel rows the local form prints)" },
    { .id = "A5", .regimes = RB(RG_R08), .anchor = M_REQ_NEW, .neq = 1, .all = MS(M_REQ_CH_LETTER_FAX),
      .eq = { { .lhs = { T("当面", M_REQ_CH_IN_PERSON), T("网上", M_REQ_CH_WEB), T("信函、传真", M_REQ_CH_LETTER_FAX) },
                .rhs = { T("申请总数", M_REQ_NEW) } } },
      .desc = "福建 form: 申请总数 = 当面 + 网上 + 信函、传真; 答复总数 = 同意 + 部分 + 不予公开 + 其他类型" },
    { .id = "A5", .regimes = RB(RG_R08), .anchor = M_REP_TOTAL, .neq = 1, .all = MS(M_REP_OTHER_TYPE),
      .eq = { { .lhs = { T("同意公开", M_REP_AGREE), T("同意部分公开", M_REP_PARTIAL), T("不予公开", M_REP_DENY_TOTAL),
                         T("其他类型", M_REP_OTHER_TYPE) },
                .rhs = { T("答复总数", M_REP_TOTAL) } } } },
    { .id = "A2", .regimes = RB(RG_R08), .anchor = M_REP_TOTAL, .neq = 1,
      .any = MS(M_REP_AGREE, M_REP_PARTIAL, M_REP_DENY_TOTAL),
      .none = MS(M_REP_OTHER_TYPE, M_REP_DENY_NOT_GOV_INFO, M_REP_NOT_EXIST, M_REP_NOT_THIS_AGENCY, M_REP_UNCLEAR),
      .eq = { { .lhs = { T("同意公开", M_REP_AGREE), T("同意部分公开", M_REP_PARTIAL), T("否决公开", M_REP_DENY_TOTAL) },
                .rhs = { T("答复总数", M_REP_TOTAL) } } },
      .desc = "对申请的答复总数 = 同意 + 同意部分 + 否决公开; where the form prints the reasons, the reading of "
              "否决公开 that holds: A2a inclusive (否决 includes 非政府信息, 信息不存在, 非本部门掌握, 申请内容不明确) "
              "or A2b exclusive (they sit beside it)" },
    { .id = "A2", .regimes = RB(RG_R08), .anchor = M_REP_TOTAL, .neq = 2, .reading = "A2a inclusive",
      .any = MS(M_REP_DENY_NOT_GOV_INFO, M_REP_NOT_EXIST, M_REP_NOT_THIS_AGENCY, M_REP_UNCLEAR),
      .eq = { { .lhs = { T("同意公开", M_REP_AGREE), T("同意部分公开", M_REP_PARTIAL), T("否决公开", M_REP_DENY_TOTAL) },
                .rhs = { T("答复总数", M_REP_TOTAL) } },
              { .lhs = { R08_REASONS, R08_EXEMPT }, .rhs = { T("否决公开", M_REP_DENY_TOTAL) } } } },
    { .id = "A2", .regimes = RB(RG_R08), .anchor = M_REP_TOTAL, .neq = 2, .reading = "A2b exclusive",
      .any = MS(M_REP_DENY_NOT_GOV_INFO, M_REP_NOT_EXIST, M_REP_NOT_THIS_AGENCY, M_REP_UNCLEAR),
      .eq = { { .lhs = { T("同意公开", M_REP_AGREE), T("同意部分公开", M_REP_PARTIAL), T("否决公开", M_REP_DENY_TOTAL),
                         R08_REASONS },
                .rhs = { T("答复总数", M_REP_TOTAL) } },
              { .lhs = { R08_EXEMPT }, .rhs = { T("否决公开", M_REP_DENY_TOTAL) } } } },
    { .id = "A3", .regimes = RB(RG_R08), .anchor = M_PRO_FULLTEXT_E, .neq = 1, .all = MS(M_PRO_FULLTEXT_E),
      .eq = { { .lhs = { T("全文电子化", M_PRO_FULLTEXT_E) }, .rhs = { T("主动公开信息数", M_PRO_TOTAL) },
                .rel = REL_LE } },
      .desc = "其中：全文电子化的主动公开信息数 <= 主动公开信息数" },
    { .id = "A7", .regimes = RB(RG_R08), .anchor = M_PRO_TOTAL, .neq = 1,
      .all = MS(M_PRO_CH_WEBSITE, M_PRO_CH_GAZETTE), .none = MS(M_PRO_CH_WEIBO, M_PRO_CH_WECHAT, M_PRO_CH_OTHER),
      .eq = { { .lhs = { T("网站公开", M_PRO_CH_WEBSITE), T("政府公报公开", M_PRO_CH_GAZETTE) },
                .rhs = { T("主动公开信息数", M_PRO_TOTAL) } } },
      .desc = "福建 form: 主动公开信息数 = 其中 网站公开 + 政府公报公开 (its two channel rows)" },

    /* ---- every regime ---- */
    { .id = "NN", .kind = CKK_NONNEG, .regimes = RB(RG_NONE) | RB(RG_R08) | RB(RG_R14) | NEW_FORMS,
      .desc = "every cell is a non-negative number, a whole one for counts (a signed 本年增/减 excepted)" },
};

/* Checks of the prose and across reports (advisory: WARN, never FAIL), for --list. */
static const struct check_info CK_ADVISORY[] = {
    { "S4", "all", "a figure the prose states for a metric equals the table's cell (约/余 figures as bounds)" },
    { "Y1", "all", "the prose dates the report's own work to the report's year" },
    { "S1", "R19 R21", "across years, same body: 结转下年度 (t) = 上年结转 (t+1), per column" },
    { "S2", "R19 R21", "across years: 现行有效 (t-1) + 制发 (t) - 废止 (t) = 现行有效 (t) (R21); "
                       "上一年项目数量 (t) + 本年增/减 (t) = 上一年项目数量 (t+1) (R19)" },
    { "A6", "R08", "across years: 历年累计 (t-1) + 本年度 (t) = 历年累计 (t)" },
    { "H1", "all", "same year: an aggregate report's totals are not below the sum of its departments' reports" },
};

/* ==== results ==== */

void check_results_init(struct check_results *l)
{
    memset(l, 0, sizeof *l);
}

void check_results_clear(struct check_results *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct check_result *x = &l->v[i];
        free(x->path);
        free(x->body);
        free(x->row);
        free(x->text);
    }
    l->n = 0;
}

void check_results_free(struct check_results *l)
{
    if (!l) return;
    check_results_clear(l);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static struct check_result *add_result(struct check_results *l, const char *id, enum check_status st, const char *path,
                                    const char *body, int year, enum regime g)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    struct check_result *x = &l->v[l->n++];
    memset(x, 0, sizeof *x);
    x->id = id;
    x->status = st;
    x->path = xstrdup(path ? path : "-");
    x->body = body ? xstrdup(body) : NULL;
    x->year = year;
    x->regime = g;
    return x;
}

/* ==== labels in the report's own language ==== */

static bool is_new(enum regime g) { return g == RG_R19 || g == RG_R21; }

/* The row label the report's form prints for metric m (first label of its regime). */
static const char *metric_label(int m, enum regime g)
{
    const struct metric_def *d = &REG_METRICS[m];
    if (g >= RG_R08 && g <= RG_R21) {
        const char *const *l = d->labels[g - RG_R08];
        if (l && l[0]) return l[0];
    }
    for (int k = 3; k >= 0; k--)
        if (d->labels[k] && d->labels[k][0]) return d->labels[k][0];
    return d->label_zh;
}

static const char *table_of(int m, enum regime g, enum source_kind src)
{
    if (src == SRC_TEXT) return "正文";
    const char *grp = REG_METRICS[m].group;
    if (!is_new(g)) return "统计表";
    if (strcmp(grp, "article20") == 0) return "表二";
    if (strcmp(grp, "requests") == 0 || strcmp(grp, "outcomes_new") == 0) return "表三";
    if (strcmp(grp, "review") == 0 || strcmp(grp, "litigation") == 0) return "表四";
    return "统计表";
}

/* Table, row and column of a cell: 表二/表四 labels are "row column". */
struct place {
    const char *table;
    char *row;                  /* owned */
    const char *col;
};

static struct place place_of(int m, int ap, enum regime g, enum source_kind src)
{
    struct place p = { .table = table_of(m, g, src) };
    const char *lab = metric_label(m, g);
    const char *sp = strchr(lab, ' ');
    if (sp && src == SRC_TABLE && (strcmp(p.table, "表二") == 0 || strcmp(p.table, "表四") == 0)) {
        p.row = xstrndup(lab, (size_t)(sp - lab));
        p.col = sp + 1;
    } else {
        p.row = xstrdup(lab);
        if (is_new(g) && REG_METRICS[m].applicant_dim && ap != AP_NONE) p.col = REG_APPLICANTS[ap].label_zh;
    }
    return p;
}

/* “row” / col, for naming a term inside a message. */
static void sb_place(strbuf *b, int m, int ap, enum regime g, enum source_kind src)
{
    struct place p = place_of(m, ap, g, src);
    sb_printf(b, "“%s”", p.row);
    if (p.col) sb_printf(b, " / %s", p.col);
    free(p.row);
}

static void sb_v100(strbuf *b, int64_t v)
{
    char buf[32];
    v100_format(v, buf, sizeof buf);
    sb_puts(b, buf);
}

/* Why a cell's value is not a clean reading, or NULL. */
static const char *taint_of(const struct cell *c)
{
    if (c->source == SRC_TEXT) return "is stated only in the prose";
    if (c->inferred) return "was inferred from digits that ran together";
    switch (c->q) {
    case Q_EXACT: return NULL;
    case Q_AT_LEAST: return "is a lower bound (余/多)";
    case Q_AT_MOST: return "is an upper bound";
    case Q_APPROX: return "is approximate (约)";
    case Q_ROUNDED: return "is rounded";
    case Q_AMBIGUOUS: return "is ambiguous";
    }
    return NULL;
}

/* ==== evaluating one equation ==== */

struct side {
    int64_t sum;
    strbuf labs, vals;          /* "一+二", "64+0" */
};

struct eval {
    bool any;                   /* some term has a cell */
    bool uncheck;               /* a required term is missing or NA */
    int um, ua;                 /* ... that cell */
    const char *uwhy;
    bool blank;                 /* some term is BLANK (read as 0) */
    const char *twhy;           /* a term not read cleanly ... */
    int tm, ta;
    enum source_kind tsrc;
    long line;                  /* first line of a term's cell */
};

static int cell_ap(int m, int term_ap, int col)
{
    if (!REG_METRICS[m].applicant_dim) return AP_NONE;
    return term_ap != AP_NONE ? term_ap : col;
}

static void eval_side(const struct report *r, const struct ck_term *terms, int col, struct side *s, struct eval *e)
{
    sb_init(&s->labs);
    sb_init(&s->vals);
    s->sum = 0;
    for (int t = 0; t < CK_MAXT && terms[t].label; t++) {
        const struct ck_term *tm = &terms[t];
        int64_t sum = 0;
        int present = 0, blanks = 0;
        for (int k = 0; k < tm->ms.n; k++) {
            int m = tm->ms.m[k], ap = cell_ap(m, tm->ap, col);
            const struct cell *c = report_get(r, m, ap);
            if (!c) {
                if (!tm->optional && !e->uncheck) { e->uncheck = true; e->um = m; e->ua = ap; e->uwhy = "is missing"; }
                continue;
            }
            present++;
            e->any = true;
            if (!e->line && c->line > 0) e->line = c->line;
            switch (c->status) {
            case CELL_VALUE:
                sum += c->v100;
                if (!e->twhy && taint_of(c)) { e->twhy = taint_of(c); e->tm = m; e->ta = ap; e->tsrc = c->source; }
                break;
            case CELL_BLANK:
                blanks++;
                e->blank = true;
                break;
            case CELL_NA:
            case CELL_UNPARSEABLE:
                if (!e->uncheck) {
                    e->uncheck = true;
                    e->um = m;
                    e->ua = ap;
                    e->uwhy = c->q == Q_AMBIGUOUS ? "is NA (digits that ran together, not determined)" : "is NA";
                }
                break;
            }
        }
        if (present == 0 && tm->optional) continue;     /* a row this form does not print */
        if (s->labs.len) { sb_putc(&s->labs, '+'); sb_putc(&s->vals, '+'); }
        sb_puts(&s->labs, tm->label);
        if (present > 0 && blanks == present) sb_puts(&s->vals, "空");
        else if (present == 0) sb_puts(&s->vals, "?");
        else sb_v100(&s->vals, sum);
        s->sum += sum;
    }
}

static void side_free(struct side *s)
{
    sb_free(&s->labs);
    sb_free(&s->vals);
}

static bool holds(enum ck_rel rel, int64_t l, int64_t r)
{
    switch (rel) {
    case REL_EQ: return l == r;
    case REL_LE: return l <= r;
    }
    return false;
}

/* The formula with its values: "一+二 (64+0) ≠ 三+四 (63+0), 差 1". */
static void sb_formula(strbuf *b, const struct side *l, const struct side *r, enum ck_rel rel, bool ok)
{
    const char *op = rel == REL_EQ ? (ok ? "=" : "≠") : (ok ? "≤" : ">");
    sb_printf(b, "%s (%s) %s %s (%s)", l->labs.s ? l->labs.s : "", l->vals.s ? l->vals.s : "", op,
              r->labs.s ? r->labs.s : "", r->vals.s ? r->vals.s : "");
    if (!ok) {
        sb_puts(b, ", 差 ");
        sb_v100(b, l->sum - r->sum);
    }
}

/* One identity (all its equations) at one column. Returns false when it does not
 * apply (no cell of any term). Fills status, class, text and the sums of the first
 * failing (or the first) equation. */
struct outcome {
    enum check_status st;
    enum check_class cls;
    strbuf text;
    int64_t lhs, rhs;
    bool has_values;
    long line;
};

static bool eval_identity(const struct report *r, const struct ck_identity *id, const struct ck_eq *eqs, int neq,
                          int col, struct outcome *o)
{
    struct eval e = { 0 };
    struct side l[2], rr[2];
    bool ok[2] = { true, true };
    for (int q = 0; q < neq; q++) {
        eval_side(r, eqs[q].lhs, col, &l[q], &e);
        eval_side(r, eqs[q].rhs, col, &rr[q], &e);
        ok[q] = holds(eqs[q].rel, l[q].sum, rr[q].sum);
    }
    bool applies = e.any;
    sb_init(&o->text);
    o->line = e.line;
    if (applies) {
        const struct cell *a = id && id->anchor >= 0 ? report_get(r, id->anchor, cell_ap(id->anchor, AP_NONE, col)) : NULL;
        if (a && a->line > 0) o->line = a->line;
        int bad = ok[0] ? (neq > 1 && !ok[1] ? 1 : -1) : 0;
        int shown = bad >= 0 ? bad : 0;
        o->lhs = l[shown].sum;
        o->rhs = rr[shown].sum;
        if (e.uncheck) {
            o->st = CHK_UNCHECKABLE;
            o->cls = CHK_CLASS_NONE;
            o->has_values = false;
            for (int q = 0; q < neq; q++) {
                if (q) sb_puts(&o->text, "; ");
                sb_printf(&o->text, "%s %s %s", l[q].labs.s ? l[q].labs.s : "", eqs[q].rel == REL_EQ ? "=" : "≤",
                          rr[q].labs.s ? rr[q].labs.s : "");
            }
            sb_puts(&o->text, " not checkable: ");
            sb_place(&o->text, e.um, e.ua, r->regime, SRC_TABLE);
            sb_printf(&o->text, " %s", e.uwhy);
        } else {
            o->has_values = true;
            for (int q = 0; q < neq; q++) {
                if (q) sb_puts(&o->text, "; ");
                sb_formula(&o->text, &l[q], &rr[q], eqs[q].rel, ok[q]);
            }
            if (bad >= 0) {
                o->st = CHK_FAIL;
                o->cls = e.twhy ? CHK_EXTRACTION : CHK_SOURCE;
                if (e.twhy) {
                    sb_puts(&o->text, "; ");
                    sb_place(&o->text, e.tm, e.ta, r->regime, e.tsrc);
                    sb_printf(&o->text, " %s", e.twhy);
                }
            } else {
                o->st = e.blank ? CHK_PASS_IMPUTED : CHK_PASS;
                o->cls = CHK_CLASS_NONE;
            }
            if (e.blank) sb_puts(&o->text, " (空 read as 0)");
        }
    }
    for (int q = 0; q < neq; q++) {
        side_free(&l[q]);
        side_free(&rr[q]);
    }
    if (!applies) sb_free(&o->text);
    return applies;
}

/* ==== per report ==== */

static bool has_metric(const struct report *r, int m)
{
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].metric == m) return true;
    return false;
}

static bool applies_to(const struct report *r, const struct ck_identity *id)
{
    if (!(id->regimes & RB(r->regime))) return false;
    for (int k = 0; k < id->all.n; k++)
        if (!has_metric(r, id->all.m[k])) return false;
    bool any = id->any.n == 0;
    for (int k = 0; k < id->any.n && !any; k++) any = has_metric(r, id->any.m[k]);
    if (!any) return false;
    for (int k = 0; k < id->none.n; k++)
        if (has_metric(r, id->none.m[k])) return false;
    return true;
}

static bool has_subtotal_column(const struct report *r)
{
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].applicant == AP_ORG_SUBTOTAL) return true;
    return false;
}

/* Store an outcome as a result located at the anchor (or the first term). */
static void put_outcome(struct check_results *out, const struct report *r, const char *id, int anchor, int col,
                        struct outcome *o)
{
    struct check_result *x = add_result(out, id, o->st, r->path, r->body, r->year, r->regime);
    struct place p = place_of(anchor, col, r->regime, SRC_TABLE);
    x->table = p.table;
    x->row = p.row;
    x->col = p.col;
    x->cls = o->cls;
    x->line = o->line;
    x->text = sb_take(&o->text);
    x->has_values = o->has_values;
    x->lhs = o->lhs;
    x->rhs = o->rhs;
}

static const int COLUMNS[] = { AP_NATURAL, AP_ORG_BUSINESS, AP_ORG_RESEARCH, AP_ORG_NGO, AP_ORG_LEGAL,
                               AP_ORG_OTHER, AP_ORG_SUBTOTAL, AP_TOTAL };

/* An identity with readings (A2): the readings are consecutive entries with the same id. */
static size_t check_readings(const struct report *r, size_t i, struct check_results *out)
{
    size_t j = i;
    while (j < ARRAY_LEN(CK_IDENTITIES) && CK_IDENTITIES[j].reading &&
           strcmp(CK_IDENTITIES[j].id, CK_IDENTITIES[i].id) == 0)
        j++;
    const struct ck_identity *first = &CK_IDENTITIES[i];
    if (!applies_to(r, first)) return j;
    struct outcome o[4];
    size_t n = j - i < 4 ? j - i : 4, npass = 0, nunch = 0, napplied = 0;
    for (size_t k = 0; k < n; k++) {
        const struct ck_identity *id = &CK_IDENTITIES[i + k];
        bool ap = eval_identity(r, id, id->eq, id->neq, AP_NONE, &o[k]);
        if (!ap) { o[k].st = CHK__NSTATUS; continue; }
        napplied++;
        npass += o[k].st == CHK_PASS || o[k].st == CHK_PASS_IMPUTED;
        nunch += o[k].st == CHK_UNCHECKABLE;
    }
    if (napplied) {
        struct outcome res = { .st = CHK_FAIL, .cls = CHK_SOURCE };
        sb_init(&res.text);
        if (npass) {
            res.st = CHK_PASS;
            sb_puts(&res.text, "reading ");
            bool sep = false;
            for (size_t k = 0; k < n; k++) {
                if (o[k].st != CHK_PASS && o[k].st != CHK_PASS_IMPUTED) continue;
                if (o[k].st == CHK_PASS_IMPUTED) res.st = CHK_PASS_IMPUTED;
                sb_printf(&res.text, "%s%s", sep ? " and " : "", CK_IDENTITIES[i + k].reading);
                sep = true;
            }
            sb_puts(&res.text, npass > 1 ? " both hold (scope unknown)" : " holds");
        } else if (nunch) {
            res.st = CHK_UNCHECKABLE;
            res.cls = CHK_CLASS_NONE;
        }
        for (size_t k = 0; k < n; k++) {
            if (o[k].st == CHK__NSTATUS) continue;
            if (!res.has_values && o[k].has_values) {
                res.has_values = true;
                res.lhs = o[k].lhs;
                res.rhs = o[k].rhs;
            }
            if (o[k].st == CHK_FAIL && o[k].cls == CHK_EXTRACTION) res.cls = CHK_EXTRACTION;
            if (!res.line) res.line = o[k].line;
            sb_printf(&res.text, "%s%s: %s", res.text.len ? "; " : "", CK_IDENTITIES[i + k].reading, o[k].text.s);
        }
        if (res.st != CHK_FAIL) res.cls = CHK_CLASS_NONE;
        put_outcome(out, r, first->id, first->anchor, AP_NONE, &res);
    }
    for (size_t k = 0; k < n; k++)
        if (o[k].st != CHK__NSTATUS) sb_free(&o[k].text);
    return j;
}

/* N4: every 表三 row against its 总计 column (and the 小计 column when printed). */
static void check_columns(const struct report *r, const struct ck_identity *id, struct check_results *out)
{
    bool sub = has_subtotal_column(r);
    for (int m = 0; m < M__COUNT; m++) {
        if (!REG_METRICS[m].applicant_dim || !has_metric(r, m)) continue;
        struct ck_eq eq[2];
        memset(eq, 0, sizeof eq);
        int k = 0;
        static const int ORGS[] = { AP_ORG_BUSINESS, AP_ORG_RESEARCH, AP_ORG_NGO, AP_ORG_LEGAL, AP_ORG_OTHER };
        eq[0].lhs[k++] = (struct ck_term){ .label = REG_APPLICANTS[AP_NATURAL].label_zh, .ms = MS(m), .ap = AP_NATURAL };
        if (sub) {
            eq[0].lhs[k++] = (struct ck_term){ .label = "小计", .ms = MS(m), .ap = AP_ORG_SUBTOTAL };
            for (size_t j = 0; j < ARRAY_LEN(ORGS); j++)
                eq[1].lhs[j] = (struct ck_term){ .label = REG_APPLICANTS[ORGS[j]].label_zh, .ms = MS(m), .ap = ORGS[j] };
            eq[1].rhs[0] = (struct ck_term){ .label = "小计", .ms = MS(m), .ap = AP_ORG_SUBTOTAL };
        } else {
            for (size_t j = 0; j < ARRAY_LEN(ORGS); j++)
                eq[0].lhs[k++] = (struct ck_term){ .label = REG_APPLICANTS[ORGS[j]].label_zh, .ms = MS(m), .ap = ORGS[j] };
        }
        eq[0].rhs[0] = (struct ck_term){ .label = REG_APPLICANTS[AP_TOTAL].label_zh, .ms = MS(m), .ap = AP_TOTAL };
        struct ck_identity at = { .anchor = m };
        struct outcome o;
        if (eval_identity(r, &at, eq, sub ? 2 : 1, AP_TOTAL, &o)) put_outcome(out, r, id->id, m, AP_TOTAL, &o);
    }
}

static bool is_delta(int m)
{
    size_t n = strlen(REG_METRICS[m].id);
    return n > 6 && strcmp(REG_METRICS[m].id + n - 6, "_delta") == 0;
}

/* NN: each table passes once when all its cells are non-negative (whole, for counts);
 * each cell that is not is a finding of its own. */
static void check_nonneg(const struct report *r, const struct ck_identity *id, struct check_results *out)
{
    const char *tables[8];
    bool bad[8];
    size_t nt = 0;
    for (size_t i = 0; i < r->ncells; i++) {
        const struct cell *c = &r->cells[i];
        const char *t = table_of(c->metric, r->regime, c->source);
        size_t k = 0;
        while (k < nt && strcmp(tables[k], t) != 0) k++;
        if (k == nt && nt < ARRAY_LEN(tables)) { tables[nt] = t; bad[nt++] = false; }
        if (c->status != CELL_VALUE) continue;
        bool money = strcmp(REG_METRICS[c->metric].unit, "元") == 0;
        const char *why = NULL;
        if (c->v100 < 0 && !is_delta(c->metric)) why = "< 0";
        else if (!money && c->v100 % 100 != 0) why = "is not a whole number";
        if (!why) continue;
        if (k < nt) bad[k] = true;
        struct check_result *x = add_result(out, id->id, CHK_FAIL, r->path, r->body, r->year, r->regime);
        struct place p = place_of(c->metric, c->applicant, r->regime, c->source);
        x->table = p.table;
        x->row = p.row;
        x->col = p.col;
        x->line = c->line;
        x->cls = taint_of(c) ? CHK_EXTRACTION : CHK_SOURCE;
        strbuf b;
        sb_init(&b);
        sb_v100(&b, c->v100);
        sb_printf(&b, " %s", why);
        if (taint_of(c)) sb_printf(&b, "; it %s", taint_of(c));
        x->text = sb_take(&b);
        x->has_values = true;
        x->lhs = c->v100;
        x->rhs = 0;
    }
    for (size_t k = 0; k < nt; k++) {
        if (bad[k]) continue;
        struct check_result *x = add_result(out, id->id, CHK_PASS, r->path, r->body, r->year, r->regime);
        x->table = tables[k];
        x->text = xstrdup("every cell is a non-negative number");
    }
}

/* S4 and Y1: the prose against the tables and the report's year. */
static void check_prose(const struct report *r, struct check_results *out)
{
    for (size_t i = 0; i < r->nsaid; i++) {
        const struct said *s = &r->said[i];
        if (s->kind == SAID_YEAR) {
            int y = (int)(s->v100 / 100);
            if (!r->year) continue;
            struct check_result *x = add_result(out, "Y1", y == r->year ? CHK_PASS : CHK_WARN, r->path, r->body, r->year,
                                             r->regime);
            x->table = "正文";
            x->line = s->line;
            x->cls = y == r->year ? CHK_CLASS_NONE : CHK_SOURCE;
            strbuf b;
            sb_init(&b);
            sb_printf(&b, "the prose dates the report's own work to %d年 (the report's year is %d)", y, r->year);
            x->text = sb_take(&b);
            continue;
        }
        /* 约/万 figures are not held to a cell */
        if (s->kind != SAID_PROSE || s->q == Q_APPROX || s->q == Q_ROUNDED) continue;
        const struct cell *c = report_get(r, s->metric, s->applicant);
        if (!c || c->source != SRC_TABLE) continue;
        struct place p = place_of(s->metric, s->applicant, r->regime, SRC_TABLE);
        strbuf b;
        sb_init(&b);
        enum check_status st;
        if (c->status != CELL_VALUE) {
            st = CHK_UNCHECKABLE;
            sb_printf(&b, "the prose states ");
            sb_v100(&b, s->v100);
            sb_printf(&b, " (line %ld); the table's cell is %s", s->line, status_name(c->status));
        } else {
            bool ok = s->q == Q_AT_LEAST ? c->v100 >= s->v100 : s->q == Q_AT_MOST ? c->v100 <= s->v100
                                                                                     : c->v100 == s->v100;
            /* "共收到申请75件" in a new-form report may count the requests carried in too */
            const struct cell *ci = s->metric == M_REQ_NEW && is_new(r->regime) ? report_get(r, M_REQ_CARRY_IN, s->applicant)
                                                                                 : NULL;
            bool with_ci = !ok && s->q == Q_EXACT && ci && ci->status == CELL_VALUE && ci->v100 > 0 &&
                           c->v100 + ci->v100 == s->v100;
            ok |= with_ci;
            st = ok ? CHK_PASS : CHK_WARN;
            sb_puts(&b, "正文 (");
            sb_v100(&b, s->v100);
            sb_printf(&b, "%s, line %ld) %s 表 (", s->q == Q_AT_LEAST ? "余" : "", s->line, ok ? "=" : "≠");
            sb_v100(&b, c->v100);
            if (with_ci) {
                sb_puts(&b, " + 上年结转 ");
                sb_v100(&b, ci->v100);
            }
            sb_puts(&b, ")");
            if (!ok) {
                sb_puts(&b, ", 差 ");
                sb_v100(&b, s->v100 - c->v100);
            }
        }
        struct check_result *x = add_result(out, "S4", st, r->path, r->body, r->year, r->regime);
        x->table = p.table;
        x->row = p.row;
        x->col = p.col;
        x->line = c->line;
        x->cls = st == CHK_WARN ? (taint_of(c) ? CHK_EXTRACTION : CHK_SOURCE) : CHK_CLASS_NONE;
        x->has_values = c->status == CELL_VALUE;
        x->lhs = s->v100;
        x->rhs = c->v100;
        x->text = sb_take(&b);
    }
}

void check_report(const struct report *r, struct check_results *out)
{
    bool sub = has_subtotal_column(r);
    for (size_t i = 0; i < ARRAY_LEN(CK_IDENTITIES);) {
        const struct ck_identity *id = &CK_IDENTITIES[i];
        if (id->reading) { i = check_readings(r, i, out); continue; }
        i++;
        if (!applies_to(r, id)) continue;
        switch (id->kind) {
        case CKK_COLUMNS: check_columns(r, id, out); continue;
        case CKK_NONNEG: check_nonneg(r, id, out); continue;
        case CKK_SUM: break;
        }
        for (size_t c = 0; c < ARRAY_LEN(COLUMNS); c++) {
            int col = COLUMNS[c];
            if (!id->per_applicant && col != AP_TOTAL) continue;
            if (col == AP_ORG_SUBTOTAL && !sub) continue;
            struct outcome o;
            if (eval_identity(r, id, id->eq, id->neq, col, &o)) put_outcome(out, r, id->id, id->anchor, col, &o);
        }
    }
    check_prose(r, out);
}

/* ==== across reports ==== */

/* The figures a summary keeps: carry-over, 表二 continuity, and the totals an
 * aggregate is set against its departments with. */
static const int SERIES_METRICS[] = {
    M_REQ_CARRY_IN, M_REQ_CARRY_OUT, M_REQ_NEW, M_RES_TOTAL, M_REP_TOTAL, M_REV_TOTAL, M_LIT_DIRECT_TOTAL,
    M_LIT_AFTER_REV_TOTAL, M_LIT_TOTAL,
    M_ART20_RULES_ISSUED, M_ART20_RULES_REPEALED, M_ART20_RULES_IN_FORCE,
    M_ART20_NORMDOC_ISSUED, M_ART20_NORMDOC_REPEALED, M_ART20_NORMDOC_IN_FORCE,
    M_ART20_LICENSE_PREV_ITEMS, M_ART20_LICENSE_DELTA, M_ART20_OTHERSVC_PREV_ITEMS, M_ART20_OTHERSVC_DELTA,
    M_ART20_PENALTY_PREV_ITEMS, M_ART20_PENALTY_DELTA, M_ART20_COERCION_PREV_ITEMS, M_ART20_COERCION_DELTA,
    M_ART20_FEE_PREV_ITEMS, M_ART20_FEE_DELTA,
};

/* H1: the totals an aggregate report must not fall below (the 总计 column). */
static const int H1_METRICS[] = {
    M_REQ_NEW, M_REQ_CARRY_IN, M_RES_TOTAL, M_REQ_CARRY_OUT, M_REP_TOTAL, M_REV_TOTAL, M_LIT_DIRECT_TOTAL,
    M_LIT_AFTER_REV_TOTAL,
};

struct sfig {
    int metric, applicant;
    bool cumulative;            /* a 历年累计 figure (SAID_CUMULATIVE) */
    enum cell_status st;
    int64_t v100;
    const char *taint;          /* static */
    long line;
};

struct ssum {
    char *path, *body, *key;
    int year;
    enum regime regime;
    bool aggregate;
    size_t idx;                 /* input order */
    struct sfig *f;
    size_t nf;
};

struct check_series {
    struct ssum *v;
    size_t n, cap;
};

struct check_series *check_series_new(void)
{
    return xcalloc(1, sizeof(struct check_series));
}

void check_series_free(struct check_series *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].path);
        free(s->v[i].body);
        free(s->v[i].key);
        free(s->v[i].f);
    }
    free(s->v);
    free(s);
}

static bool starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* Code points of s up to byte n. */
static size_t cp_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && s[i]; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* A body's name for matching years: 管理委员会 as 管委会, and a county-level name
 * without the city before it (淮安市洪泽区人民政府 and 洪泽区人民政府 are one body). */
static char *body_key(const char *body)
{
    strbuf b;
    sb_init(&b);
    for (const char *p = body; *p;) {
        if (starts_with(p, "管理委员会")) { sb_puts(&b, "管委会"); p += strlen("管理委员会"); }
        else sb_putc(&b, *p++);
    }
    char *k = sb_take(&b);
    const char *shi = strstr(k, "市");
    if (shi && cp_count(k, (size_t)(shi - k)) >= 1 && cp_count(k, (size_t)(shi - k)) <= 4) {
        const char *rest = shi + strlen("市");
        static const char *const LEVEL[] = { "区", "县", "旗" };
        for (size_t i = 0; i < ARRAY_LEN(LEVEL); i++) {
            const char *lv = strstr(rest, LEVEL[i]);
            size_t n = lv ? cp_count(rest, (size_t)(lv - rest)) : 0;
            if (lv && n >= 1 && n <= 4 && lv[strlen(LEVEL[i])]) {
                char *t = xstrdup(rest);
                free(k);
                return t;
            }
        }
    }
    return k;
}

static void sum_add(struct ssum *s, size_t *cap, struct sfig f)
{
    if (s->nf == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        s->f = xrealloc(s->f, *cap * sizeof *s->f);
    }
    s->f[s->nf++] = f;
}

static struct sfig fig_of_cell(const struct cell *c)
{
    return (struct sfig){ .metric = c->metric, .applicant = c->applicant, .st = c->status, .v100 = c->v100,
                          .taint = c->status == CELL_VALUE ? taint_of(c) : NULL, .line = c->line };
}

void check_series_add(struct check_series *s, const struct report *r)
{
    if (!r->body || !r->year) return;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->v = xrealloc(s->v, s->cap * sizeof *s->v);
    }
    struct ssum *x = &s->v[s->n];
    memset(x, 0, sizeof *x);
    x->idx = s->n++;
    x->path = xstrdup(r->path);
    x->body = xstrdup(r->body);
    x->key = body_key(r->body);
    x->year = r->year;
    x->regime = r->regime;
    x->aggregate = r->scope && strcmp(r->scope, "aggregate") == 0;
    size_t cap = 0;
    for (size_t i = 0; i < r->ncells; i++) {
        const struct cell *c = &r->cells[i];
        bool want = false;
        for (size_t k = 0; k < ARRAY_LEN(SERIES_METRICS) && !want; k++) want = c->metric == SERIES_METRICS[k];
        for (size_t k = 0; k < r->nsaid && !want; k++)
            want = r->said[k].kind == SAID_CUMULATIVE && r->said[k].metric == c->metric;
        if (want) sum_add(x, &cap, fig_of_cell(c));
    }
    for (size_t k = 0; k < r->nsaid; k++) {
        const struct said *sd = &r->said[k];
        if (sd->kind != SAID_CUMULATIVE) continue;
        sum_add(x, &cap, (struct sfig){ .metric = sd->metric, .applicant = sd->applicant, .cumulative = true,
                                        .st = CELL_VALUE, .v100 = sd->v100,
                                        .taint = sd->q == Q_EXACT ? NULL : "is not exact", .line = sd->line });
    }
}

/* Reports of one body and year (duplicates of one report in several layouts are merged:
 * the first value wins). */
struct byear {
    const struct ssum *const *v;
    size_t n;
};

struct found {
    const struct sfig *f;
    const struct ssum *s;
};

static int status_rank(enum cell_status st)
{
    switch (st) {
    case CELL_VALUE: return 3;
    case CELL_BLANK: return 2;
    case CELL_NA: return 1;
    case CELL_UNPARSEABLE: return 1;
    }
    return 0;
}

static struct found year_fig(const struct byear *y, int m, int ap, bool cumulative)
{
    struct found best = { 0 };
    for (size_t i = 0; i < y->n; i++) {
        const struct ssum *s = y->v[i];
        for (size_t k = 0; k < s->nf; k++) {
            const struct sfig *f = &s->f[k];
            if (f->metric != m || f->applicant != ap || f->cumulative != cumulative) continue;
            if (!best.f || status_rank(f->st) > status_rank(best.f->st)) { best.f = f; best.s = s; }
        }
    }
    return best;
}

/* A term of a check across reports. */
struct xterm {
    const char *label;          /* "2021 结转下年度继续办理" */
    struct found fd;
    int sign;                   /* +1 or -1 */
    bool cite;                  /* name its file and line */
};

/* Evaluate sum(terms with sign) = target; nothing when no term has a figure. */
static void cross_check(struct check_results *out, const char *id, const struct xterm *t, size_t nt,
                        const struct xterm *target, struct place pl)
{
    bool any = target->fd.f != NULL, uncheck = !target->fd.f, blank = false;
    const char *taint = NULL;
    for (size_t i = 0; i < nt; i++) any |= t[i].fd.f != NULL;
    if (!any) { free(pl.row); return; }
    const struct xterm *all[8];
    size_t na = 0;
    for (size_t i = 0; i < nt && na < 7; i++) all[na++] = &t[i];
    all[na++] = target;
    /* the sum first: the text says = or ≠ */
    int64_t sum = 0;
    for (size_t i = 0; i < na; i++) {
        const struct sfig *f = all[i]->fd.f;
        if (!f || f->st == CELL_NA || f->st == CELL_UNPARSEABLE) uncheck = true;
        else if (f->st == CELL_BLANK) blank = true;
        else if (!taint && f->taint) taint = f->taint;
        if (all[i] != target && f && f->st == CELL_VALUE) sum += all[i]->sign * f->v100;
    }
    int64_t tv = target->fd.f && target->fd.f->st == CELL_VALUE ? target->fd.f->v100 : 0;
    enum check_status st = uncheck ? CHK_UNCHECKABLE : sum == tv ? (blank ? CHK_PASS_IMPUTED : CHK_PASS) : CHK_WARN;
    strbuf b;
    sb_init(&b);
    for (size_t i = 0; i < na; i++) {
        const struct xterm *x = all[i];
        const struct sfig *f = x->fd.f;
        if (x == target) sb_printf(&b, " %s ", st == CHK_WARN ? "≠" : "=");
        else if (i > 0) sb_printf(&b, " %s ", x->sign < 0 ? "−" : "+");
        sb_printf(&b, "%s (", x->label);
        if (!f) sb_puts(&b, "missing");
        else if (f->st == CELL_VALUE) sb_v100(&b, f->v100);
        else sb_puts(&b, f->st == CELL_BLANK ? "空" : "NA");
        if (f && x->cite) sb_printf(&b, ", %s:%ld", x->fd.s->path, f->line);
        sb_puts(&b, ")");
    }
    /* the finding sits in the later report, at the target's cell */
    const struct ssum *at = target->fd.s;
    for (size_t i = 0; !at && i < na; i++) at = all[i]->fd.s;
    if (st == CHK_WARN) {
        sb_puts(&b, ", 差 ");
        sb_v100(&b, sum - tv);
        if (taint) sb_printf(&b, "; a figure %s", taint);
    }
    if (blank && st != CHK_UNCHECKABLE) sb_puts(&b, " (空 read as 0)");
    struct check_result *x = add_result(out, id, st, at->path, at->body, at->year, at->regime);
    x->table = pl.table;
    x->row = pl.row;
    x->col = pl.col;
    x->line = target->fd.f ? target->fd.f->line : 0;
    x->cls = st == CHK_WARN ? (taint ? CHK_EXTRACTION : CHK_SOURCE) : CHK_CLASS_NONE;
    x->has_values = st != CHK_UNCHECKABLE;
    x->lhs = sum;
    x->rhs = tv;
    x->text = sb_take(&b);
}

static char *year_label(int y, int m, enum regime g)
{
    strbuf b;
    sb_init(&b);
    struct place p = place_of(m, AP_NONE, g, SRC_TABLE);
    sb_printf(&b, "%d %s", y, p.col ? p.col : p.row);
    free(p.row);
    return sb_take(&b);
}

/* S1: carry-over per column between years t and t+1. */
static void check_s1(struct check_results *out, const struct byear *a, const struct byear *b, int ya, enum regime gb)
{
    for (size_t c = 0; c < ARRAY_LEN(COLUMNS); c++) {
        int ap = COLUMNS[c];
        char lab_a[160], lab_b[160];
        snprintf(lab_a, sizeof lab_a, "%d “%s”", ya, metric_label(M_REQ_CARRY_OUT, gb));
        snprintf(lab_b, sizeof lab_b, "%d “%s”", ya + 1, metric_label(M_REQ_CARRY_IN, gb));
        struct xterm t = { .label = lab_a, .fd = year_fig(a, M_REQ_CARRY_OUT, ap, false), .sign = 1, .cite = true };
        struct xterm target = { .label = lab_b, .fd = year_fig(b, M_REQ_CARRY_IN, ap, false) };
        if (!t.fd.f && !target.fd.f) continue;
        cross_check(out, "S1", &t, 1, &target, place_of(M_REQ_CARRY_IN, ap, gb, SRC_TABLE));
    }
}

/* S2: 表二 continuity. R21: in_force(t) + issued(t+1) − repealed(t+1) = in_force(t+1);
 * R19: prev_items(t) + delta(t) = prev_items(t+1). */
static const struct {
    enum regime g;
    int base, plus, minus, target;     /* base from year t; plus/minus from (R21: t+1, R19: t) */
} S2_ROWS[] = {
    { RG_R21, M_ART20_RULES_IN_FORCE, M_ART20_RULES_ISSUED, M_ART20_RULES_REPEALED, M_ART20_RULES_IN_FORCE },
    { RG_R21, M_ART20_NORMDOC_IN_FORCE, M_ART20_NORMDOC_ISSUED, M_ART20_NORMDOC_REPEALED, M_ART20_NORMDOC_IN_FORCE },
    { RG_R19, M_ART20_LICENSE_PREV_ITEMS, M_ART20_LICENSE_DELTA, -1, M_ART20_LICENSE_PREV_ITEMS },
    { RG_R19, M_ART20_OTHERSVC_PREV_ITEMS, M_ART20_OTHERSVC_DELTA, -1, M_ART20_OTHERSVC_PREV_ITEMS },
    { RG_R19, M_ART20_PENALTY_PREV_ITEMS, M_ART20_PENALTY_DELTA, -1, M_ART20_PENALTY_PREV_ITEMS },
    { RG_R19, M_ART20_COERCION_PREV_ITEMS, M_ART20_COERCION_DELTA, -1, M_ART20_COERCION_PREV_ITEMS },
    { RG_R19, M_ART20_FEE_PREV_ITEMS, M_ART20_FEE_DELTA, -1, M_ART20_FEE_PREV_ITEMS },
};

static void check_s2(struct check_results *out, const struct byear *a, const struct byear *b, int ya, enum regime ga,
                     enum regime gb)
{
    for (size_t i = 0; i < ARRAY_LEN(S2_ROWS); i++) {
        if (S2_ROWS[i].g != ga || S2_ROWS[i].g != gb) continue;
        bool r21 = S2_ROWS[i].g == RG_R21;
        const struct byear *from = r21 ? b : a;
        int yf = r21 ? ya + 1 : ya;
        char *l0 = year_label(ya, S2_ROWS[i].base, ga), *l1 = year_label(yf, S2_ROWS[i].plus, ga);
        char *l2 = S2_ROWS[i].minus >= 0 ? year_label(yf, S2_ROWS[i].minus, ga) : NULL;
        char *lt = year_label(ya + 1, S2_ROWS[i].target, gb);
        struct xterm t[3] = {
            { .label = l0, .fd = year_fig(a, S2_ROWS[i].base, AP_NONE, false), .sign = 1, .cite = true },
            { .label = l1, .fd = year_fig(from, S2_ROWS[i].plus, AP_NONE, false), .sign = 1, .cite = !r21 },
            { .label = l2, .fd = l2 ? year_fig(from, S2_ROWS[i].minus, AP_NONE, false) : (struct found){ 0 },
              .sign = -1 },
        };
        struct xterm target = { .label = lt, .fd = year_fig(b, S2_ROWS[i].target, AP_NONE, false) };
        if (t[0].fd.f || target.fd.f)
            cross_check(out, "S2", t, l2 ? 3 : 2, &target, place_of(S2_ROWS[i].target, AP_NONE, gb, SRC_TABLE));
        free(l0);
        free(l1);
        free(l2);
        free(lt);
    }
}

/* A6: 历年累计 (t) + 本年度 (t+1) = 历年累计 (t+1), for every row with both columns. */
static void check_a6(struct check_results *out, const struct byear *a, const struct byear *b, int ya, enum regime gb)
{
    for (int m = 0; m < M__COUNT; m++) {
        int ap = m == M_REQ_NEW ? AP_TOTAL : AP_NONE;
        struct found ca = year_fig(a, m, ap, true), cb = year_fig(b, m, ap, true);
        if (!ca.f || !cb.f) continue;
        char la[64], lb[64], lt[64];
        snprintf(la, sizeof la, "%d 历年累计", ya);
        snprintf(lb, sizeof lb, "%d 本年度", ya + 1);
        snprintf(lt, sizeof lt, "%d 历年累计", ya + 1);
        struct xterm t[2] = { { .label = la, .fd = ca, .sign = 1, .cite = true },
                              { .label = lb, .fd = year_fig(b, m, ap, false), .sign = 1 } };
        struct xterm target = { .label = lt, .fd = cb };
        struct place pl = place_of(m, AP_NONE, gb, SRC_TABLE);
        pl.col = "历年累计";
        cross_check(out, "A6", t, 2, &target, pl);
    }
}

/* Name of a department relative to its parent's region ("财政金融局"). */
static const char *short_name(const char *body, const char *prefix)
{
    return starts_with(body, prefix) && body[strlen(prefix)] ? body + strlen(prefix) : body;
}

/* The region an aggregate report covers: its body without the government's own name. */
static char *region_prefix(const char *body)
{
    static const char *const GOV[] = { "人民政府办公室", "人民政府办公厅", "人民政府", "管委会", "管理委员会", "政府" };
    size_t n = strlen(body);
    for (size_t i = 0; i < ARRAY_LEN(GOV); i++) {
        size_t g = strlen(GOV[i]);
        if (n > g && strcmp(body + n - g, GOV[i]) == 0) return xstrndup(body, n - g);
    }
    return NULL;
}

static bool group_aggregate(const struct byear *g)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->v[i]->aggregate) return true;
    return false;
}

/* H1 for the bodies of one year: each aggregate report against the reports of the bodies
 * within its region (their names start with the region's), not counting a body that lies
 * within another of them (a county's departments are in the county's report). */
static void check_h1_year(struct check_results *out, const struct byear *g, size_t ng)
{
    const struct byear **kids = xmalloc(ng * sizeof *kids);
    for (size_t i = 0; i < ng; i++) {
        if (!group_aggregate(&g[i])) continue;
        const struct ssum *p = g[i].v[0];
        char *pre = region_prefix(p->body);
        if (!pre || cp_count(pre, strlen(pre)) < 2) { free(pre); continue; }
        size_t nk = 0;
        for (size_t k = 0; k < ng; k++) {
            const struct ssum *c = g[k].v[0];
            if (k == i || !starts_with(c->body, pre) || is_new(c->regime) != is_new(p->regime) || c->regime == RG_NONE)
                continue;
            kids[nk++] = &g[k];
        }
        /* drop the bodies inside another child's region */
        size_t m = 0;
        for (size_t k = 0; k < nk; k++) {
            bool inner = false;
            for (size_t j = 0; j < nk && !inner; j++) {
                char *cp = j != k ? region_prefix(kids[j]->v[0]->body) : NULL;
                inner = cp && strcmp(cp, pre) != 0 && starts_with(kids[k]->v[0]->body, cp);
                free(cp);
            }
            if (!inner) kids[m++] = kids[k];
        }
        nk = m;
        for (size_t k = 1; k < nk; k++)             /* in input order */
            for (size_t j = k; j > 0 && kids[j]->v[0]->idx < kids[j - 1]->v[0]->idx; j--) {
                const struct byear *t = kids[j];
                kids[j] = kids[j - 1];
                kids[j - 1] = t;
            }
        for (size_t mi = 0; mi < ARRAY_LEN(H1_METRICS) && nk; mi++) {
            int mt = H1_METRICS[mi], ap = REG_METRICS[mt].applicant_dim ? AP_TOTAL : AP_NONE;
            struct found pf = year_fig(&g[i], mt, ap, false);
            if (!pf.f || pf.f->st != CELL_VALUE) continue;
            int64_t sum = 0;
            size_t used = 0;
            const char *taint = pf.f->taint;
            strbuf b;
            sb_init(&b);
            for (size_t k = 0; k < nk; k++) {
                struct found kf = year_fig(kids[k], mt, ap, false);
                if (!kf.f || kf.f->st != CELL_VALUE) continue;
                if (!taint && kf.f->taint) taint = kf.f->taint;
                sb_printf(&b, "%s%s ", used ? " + " : "", short_name(kids[k]->v[0]->body, pre));
                sb_v100(&b, kf.f->v100);
                sum += kf.f->v100;
                used++;
            }
            if (used == 0) { sb_free(&b); continue; }
            bool ok = sum <= pf.f->v100;
            strbuf t;
            sb_init(&t);
            sb_printf(&t, "%zu report%s of bodies within it, %d: %s = ", used, used > 1 ? "s" : "", p->year, b.s);
            sb_v100(&t, sum);
            sb_printf(&t, " %s %s (", ok ? "≤" : ">", p->body);
            sb_v100(&t, pf.f->v100);
            sb_puts(&t, ")");
            if (!ok) {
                sb_puts(&t, ", 差 ");
                sb_v100(&t, sum - pf.f->v100);
                if (taint) sb_printf(&t, "; a figure %s", taint);
            }
            sb_free(&b);
            struct check_result *x = add_result(out, "H1", ok ? CHK_PASS : CHK_WARN, pf.s->path, pf.s->body, pf.s->year,
                                                pf.s->regime);
            struct place pl = place_of(mt, ap, p->regime, SRC_TABLE);
            x->table = pl.table;
            x->row = pl.row;
            x->col = pl.col;
            x->line = pf.f->line;
            x->cls = ok ? CHK_CLASS_NONE : taint ? CHK_EXTRACTION : CHK_SOURCE;
            x->has_values = true;
            x->lhs = sum;
            x->rhs = pf.f->v100;
            x->text = sb_take(&t);
        }
        free(pre);
    }
    free(kids);
}

static int ssum_year_cmp(const void *a, const void *b)
{
    const struct ssum *x = *(const struct ssum *const *)a, *y = *(const struct ssum *const *)b;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

/* H1, year by year (reports sorted by year, body, input order). */
static void check_h1(struct check_results *out, const struct ssum **v, size_t n)
{
    qsort(v, n, sizeof *v, ssum_year_cmp);
    struct byear *g = xmalloc(n * sizeof *g);
    size_t i = 0;
    while (i < n) {
        size_t j = i, ng = 0;
        while (j < n && v[j]->year == v[i]->year) {
            size_t k = j;
            while (k < n && v[k]->year == v[j]->year && !strcmp(v[k]->key, v[j]->key)) k++;
            g[ng++] = (struct byear){ v + j, k - j };
            j = k;
        }
        check_h1_year(out, g, ng);
        i = j;
    }
    free(g);
}

static int ssum_cmp(const void *a, const void *b)
{
    const struct ssum *x = *(const struct ssum *const *)a, *y = *(const struct ssum *const *)b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

void check_series_run(const struct check_series *s, struct check_results *out)
{
    if (s->n == 0) return;
    const struct ssum **v = xmalloc(s->n * sizeof *v);
    for (size_t i = 0; i < s->n; i++) v[i] = &s->v[i];
    qsort(v, s->n, sizeof *v, ssum_cmp);
    /* body by body, year by year */
    size_t i = 0;
    while (i < s->n) {
        size_t j = i;
        while (j < s->n && !strcmp(v[j]->key, v[i]->key)) j++;
        size_t y0 = i;
        while (y0 < j) {
            size_t y1 = y0;
            while (y1 < j && v[y1]->year == v[y0]->year) y1++;
            if (y1 < j && v[y1]->year == v[y0]->year + 1) {
                size_t y2 = y1;
                while (y2 < j && v[y2]->year == v[y1]->year) y2++;
                struct byear a = { v + y0, y1 - y0 }, b = { v + y1, y2 - y1 };
                enum regime ga = v[y0]->regime, gb = v[y1]->regime;
                if (is_new(ga) && is_new(gb)) check_s1(out, &a, &b, v[y0]->year, gb);
                check_s2(out, &a, &b, v[y0]->year, ga, gb);
                if (!is_new(ga) && !is_new(gb)) check_a6(out, &a, &b, v[y0]->year, gb);
            }
            y0 = y1;
        }
        i = j;
    }
    /* aggregates against the bodies within their region, year by year */
    check_h1(out, v, s->n);
    free(v);
}

/* ==== output ==== */

static const char *const STATUS_NAME[CHK__NSTATUS] = {
    [CHK_PASS] = "PASS", [CHK_PASS_IMPUTED] = "PASS_IMPUTED", [CHK_FAIL] = "FAIL", [CHK_WARN] = "WARN",
    [CHK_UNCHECKABLE] = "UNCHECKABLE",
};

static const char *class_name(enum check_class c)
{
    switch (c) {
    case CHK_CLASS_NONE: return "";
    case CHK_SOURCE: return "source";
    case CHK_EXTRACTION: return "extraction";
    }
    return "";
}

static bool shown(const struct check_result *x, enum check_show show)
{
    switch (show) {
    case CHK_SHOW_ALL: return true;
    case CHK_SHOW_FAILURES: return x->status == CHK_FAIL || x->status == CHK_WARN;
    case CHK_SHOW_FINDINGS: return x->status == CHK_FAIL || x->status == CHK_WARN || x->status == CHK_UNCHECKABLE;
    }
    return true;
}

void check_count(const struct check_results *l, struct check_counts *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < l->n; i++) {
        const struct check_result *x = &l->v[i];
        c->n[x->status]++;
        if (x->cls == CHK_SOURCE) c->source[x->status]++;
        if (x->cls == CHK_EXTRACTION) c->extraction[x->status]++;
    }
}

void check_write_text(FILE *fp, const struct check_results *l, enum check_show show)
{
    for (size_t i = 0; i < l->n; i++) {
        const struct check_result *x = &l->v[i];
        if (!shown(x, show)) continue;
        if (x->line > 0) fprintf(fp, "%s:%ld: ", x->path, x->line);
        else fprintf(fp, "%s: ", x->path);
        fputs(x->table ? x->table : "", fp);
        if (x->row) fprintf(fp, " “%s”", x->row);
        if (x->col) fprintf(fp, " / %s", x->col);
        fprintf(fp, ": %s [%s %s%s%s]\n", x->text ? x->text : "", x->id, STATUS_NAME[x->status],
                x->cls != CHK_CLASS_NONE ? " " : "", class_name(x->cls));
    }
}

/* "3 FAIL (source)", "3 FAIL (2 source, 1 extraction)", "0 FAIL" */
static void count_with_class(FILE *fp, const struct check_counts *c, enum check_status st)
{
    fprintf(fp, "%zu %s", c->n[st], STATUS_NAME[st]);
    if (!c->n[st]) return;
    if (c->source[st] == c->n[st]) fputs(" (source)", fp);
    else if (c->extraction[st] == c->n[st]) fputs(" (extraction)", fp);
    else fprintf(fp, " (%zu source, %zu extraction)", c->source[st], c->extraction[st]);
}

void check_write_summary(FILE *fp, const char *label, const struct check_counts *c)
{
    fprintf(fp, "%s: %zu PASS, %zu PASS_IMPUTED, ", label, c->n[CHK_PASS], c->n[CHK_PASS_IMPUTED]);
    count_with_class(fp, c, CHK_FAIL);
    fputs(", ", fp);
    count_with_class(fp, c, CHK_WARN);
    fprintf(fp, ", %zu UNCHECKABLE\n", c->n[CHK_UNCHECKABLE]);
}

void check_csv_header(struct csvw *w)
{
    static const char *const H[] = { "report", "body", "year", "regime", "check", "status", "class", "table", "row",
                                     "column", "line", "lhs", "rhs", "difference", "message" };
    for (size_t i = 0; i < ARRAY_LEN(H); i++) csvw_fieldz(w, H[i]);
    csvw_endrow(w);
}

void check_write_csv(struct csvw *w, const struct check_results *l, enum check_show show)
{
    char buf[32];
    for (size_t i = 0; i < l->n; i++) {
        const struct check_result *x = &l->v[i];
        if (!shown(x, show)) continue;
        csvw_fieldz(w, x->path);
        csvw_fieldz(w, x->body);
        if (x->year) snprintf(buf, sizeof buf, "%d", x->year);
        else buf[0] = '\0';
        csvw_fieldz(w, buf);
        csvw_fieldz(w, regime_name(x->regime));
        csvw_fieldz(w, x->id);
        csvw_fieldz(w, STATUS_NAME[x->status]);
        csvw_fieldz(w, class_name(x->cls));
        csvw_fieldz(w, x->table);
        csvw_fieldz(w, x->row);
        csvw_fieldz(w, x->col);
        if (x->line > 0) snprintf(buf, sizeof buf, "%ld", x->line);
        else buf[0] = '\0';
        csvw_fieldz(w, buf);
        for (int k = 0; k < 3; k++) {
            if (!x->has_values) { csvw_fieldz(w, NULL); continue; }
            v100_format(k == 0 ? x->lhs : k == 1 ? x->rhs : x->lhs - x->rhs, buf, sizeof buf);
            csvw_fieldz(w, buf);
        }
        csvw_fieldz(w, x->text);
        csvw_endrow(w);
    }
}

/* ==== the list of checks ==== */

static const char *regimes_text(unsigned bits)
{
    static const struct { unsigned bits; const char *text; } R[] = {
        { NEW_FORMS, "R19 R21" }, { RB(RG_R14), "R14" }, { RB(RG_R08), "R08" },
    };
    for (size_t i = 0; i < ARRAY_LEN(R); i++)
        if (bits == R[i].bits) return R[i].text;
    return "all";
}

size_t check_infos(const struct check_info **out)
{
    static struct check_info list[ARRAY_LEN(CK_IDENTITIES) + ARRAY_LEN(CK_ADVISORY)];
    static size_t n;
    if (!n) {
        for (size_t i = 0; i < ARRAY_LEN(CK_IDENTITIES); i++) {
            if (!CK_IDENTITIES[i].desc) continue;
            list[n++] = (struct check_info){ CK_IDENTITIES[i].id, regimes_text(CK_IDENTITIES[i].regimes),
                                          CK_IDENTITIES[i].desc };
        }
        for (size_t i = 0; i < ARRAY_LEN(CK_ADVISORY); i++) list[n++] = CK_ADVISORY[i];
    }
    *out = list;
    return n;
}
