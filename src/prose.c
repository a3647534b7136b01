/* prose.c - main figures stated only in sentences (source=text).
 *
 * A figure is bound to its metric inside one clause (between ，。；：, an ASCII
 * comma that is not a thousands separator, and table cell boundaries): the
 * metric's key phrase, a short gap without digits, then the number and a unit
 * the metric accepts (numparse units plus the counters 例/名). A qualifier
 * written before the number (约, 近, 超过 …) is kept. Words that narrow or
 * change what the figure counts (其中, 占, %, 同比, 增长, 减少, 上年 …) ban the
 * clause. Percentages are never counts. A metric that already has any cell
 * (from a table, even BLANK) is not stated again. Rules are data
 * (PROSE_RULES); explicit zero statements ("未收到政府信息公开申请",
 * "无收取信息处理费情况") are data too (PROSE_ZERO): a negation bound to the
 * metric's key phrase in the same clause, and no figure in that clause.
 *
 * Regimes: each rule fires only where the prose is the metric's source. The
 * old-template tables (R08, R14) carry 主动公开信息数 and the capacity rows,
 * and their prose totals can differ from them, so those rules stay with the
 * regimes where truth takes them from the text.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/header.h"
#include "ogistat/numparse.h"
#include "ogistat/util.h"

#include <stdio.h>
#include <string.h>

#define RG_BIT(g) (1u << (g))
#define NEW_OR_NONE (RG_BIT(RG_NONE) | RG_BIT(RG_R19) | RG_BIT(RG_R21))
#define OLD_OR_NONE (RG_BIT(RG_NONE) | RG_BIT(RG_R08) | RG_BIT(RG_R14))
#define ALL_REGIMES ((1u << RG__COUNT) - 1)

/* Words that make a clause's figure a part, a share or a change, not the count itself. */
#define NARROWING "其中", "占", "%", "％", "百分之", "同比", "增长", "增加", "减少", "下降", "上年"

/* Counts of consultations and cases: units a person-visit or a case is counted in. */
#define CONSULT_UNITS { "人次", "次", "起", "例" }
#define CASE_UNITS { "件", "起", "例", "宗", "次" }

struct prose_rule {
    int metric;
    bool total;                  /* applicant "total" (req_new); otherwise none */
    unsigned regimes;            /* bit (1 << enum regime): where the prose is the source */
    const char *key;             /* phrase the number follows */
    const char *clause_needs[6]; /* the clause must contain one of these (NULL: no condition):
                                  * before the key, or anywhere in it with whole_clause */
    const char *clause_bans[28]; /* ... and none of these: up to the number, or anywhere with whole_clause */
    const char *units[6];        /* accepted units after the number */
    int gap;                     /* max code points between key and number */
    int before;                  /* > 0: the number may also stand before the key, at most this
                                  * many code points ("约4900人次通过各种方式…咨询") */
    bool whole_clause;           /* needs and bans apply to the whole clause */
    bool sentence;               /* the number may be anywhere in the key's sentence */
};

static const struct prose_rule PROSE_RULES[] = {
    /* R08/R14 tables print 主动公开信息数; their prose figure must not stand in for it */
    { .metric = M_PRO_TOTAL, .key = "政府信息", .gap = 6, .regimes = NEW_OR_NONE,
      .clause_needs = { "公开", "公布", "发布" },
      .clause_bans = { "申请", "制作", "获取", "总数", "其中", "依申请" },
      .units = { "条", "份", "件" } },
    { .metric = M_PRO_TOTAL, .key = "政府信息主动公开", .gap = 0, .regimes = NEW_OR_NONE,
      .units = { "条", "份", "件" } },
    { .metric = M_INFO_PROC_FEE_YUAN, .key = "信息处理费", .gap = 4, .regimes = ALL_REGIMES,
      .clause_bans = { "办法", "通知", "标准" },
      .units = { "元" } },
    /* "收取信息处理费共计380元，其中民政局1件" / "有1件政府信息公开申请案件收取信息处理费380元" */
    { .metric = M_INFO_PROC_FEE_CASES, .key = "信息处理费", .sentence = true, .regimes = ALL_REGIMES,
      .clause_needs = { "收取" },
      .units = { "件" } },

    /* Applications received: "共收到政府信息公开申请1件", "共收到有关政府信息公开的申请21条",
     * "共收到0例依申请公开申请". Not 审批 applications ("共受理申请121510件"), not a channel
     * ("信函申请1条"), not review or litigation. */
    { .metric = M_REQ_NEW, .total = true, .key = "收到", .gap = 16, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_needs = { "公开申请", "公开的申请", "依申请", "公开信息申请" },
      .clause_bans = { NARROWING, "复议", "诉讼", "申诉", "举报", "投诉", "来信", "信访", "当面", "信函", "邮件",
                       "传真", "网上", "审批", "许可", "办结", "答复" },
      .units = { "件", "条", "例", "个", "份" } },
    { .metric = M_REQ_NEW, .total = true, .key = "受理", .gap = 16, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_needs = { "公开申请", "公开的申请", "依申请", "公开信息申请" },
      .clause_bans = { NARROWING, "复议", "诉讼", "申诉", "举报", "投诉", "来信", "信访", "当面", "信函", "邮件",
                       "传真", "网上", "审批", "许可", "办结", "答复" },
      .units = { "件", "条", "例", "个", "份" } },

    /* Consultations: "共接受市民有关…信息咨询约410人次", "咨询0起", "有约4900人次通过各种方式向…咨询";
     * never a channel ("其中现场咨询320人次"), nor 12345 咨询投诉件 */
    { .metric = M_CONSULT_TOTAL, .key = "咨询", .gap = 4, .before = 20, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_bans = { NARROWING, "现场", "当面", "来访", "电话", "网上", "在线", "网络", "来电", "来信", "投诉",
                       "举报", "咨询会", "会议", "日均", "平均" },
      .units = CONSULT_UNITS },
    { .metric = M_CONSULT_ONSITE, .key = "现场咨询", .gap = 2, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_bans = { "占", "%", "％", "百分之", "同比", "增长", "增加", "减少", "下降", "上年", "日均", "平均" },
      .units = CONSULT_UNITS },
    { .metric = M_CONSULT_ONSITE, .key = "当面咨询", .gap = 2, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_bans = { "占", "%", "％", "百分之", "同比", "增长", "增加", "减少", "下降", "上年", "日均", "平均" },
      .units = CONSULT_UNITS },
    { .metric = M_CONSULT_PHONE, .key = "电话咨询", .gap = 2, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_bans = { "占", "%", "％", "百分之", "同比", "增长", "增加", "减少", "下降", "上年", "日均", "平均" },
      .units = CONSULT_UNITS },
    { .metric = M_CONSULT_ONLINE, .key = "网上咨询", .gap = 2, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_bans = { "占", "%", "％", "百分之", "同比", "增长", "增加", "减少", "下降", "上年", "日均", "平均" },
      .units = CONSULT_UNITS },
    { .metric = M_CONSULT_ONLINE, .key = "在线咨询", .gap = 2, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_bans = { "占", "%", "％", "百分之", "同比", "增长", "增加", "减少", "下降", "上年", "日均", "平均" },
      .units = CONSULT_UNITS },
    /* "政府信息公开专栏访问量达11460人次"; not a cumulative ("开通以来") or daily figure */
    { .metric = M_CONSULT_WEB_VISITS, .key = "访问量", .gap = 3, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_needs = { "专栏", "栏目", "网站", "网页", "页面", "门户" },
      .clause_bans = { NARROWING, "以来", "日均", "平均", "最高" },
      .units = { "人次", "次" } },

    /* Review and litigation about information disclosure: "针对我局政府信息公开的行政复议申请0件",
     * "收到以有关政府信息公开行政复议0件", "行政诉讼案0件"; not a body's own review caseload */
    { .metric = M_REV_TOTAL, .key = "行政复议", .gap = 6, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_needs = { "公开" },
      .clause_bans = { NARROWING, "诉讼", "维持", "纠正", "撤销", "驳回", "审结", "办结", "结转" },
      .units = CASE_UNITS },
    { .metric = M_LIT_TOTAL, .key = "行政诉讼", .gap = 6, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_needs = { "公开" },
      .clause_bans = { NARROWING, "复议", "胜诉", "败诉", "维持", "纠正", "撤销", "驳回", "撤诉", "审结", "结转" },
      .units = CASE_UNITS },

    /* Fees charged to applicants (检索、复制、邮寄): "依申请公开收取检索、复制费用50元". Money the
     * body spent ("用于印制宣传手册…等费用约10万元") is not a fee, nor the R21 信息处理费. */
    { .metric = M_OGI_FEE_YUAN, .key = "收取", .gap = 10, .regimes = OLD_OR_NONE, .whole_clause = true,
      .clause_needs = { "公开", "申请" },
      .clause_bans = { NARROWING, "处理费", "行政事业性", "标准", "办法", "减免税", "经费", "支出", "用于", "印制" },
      .units = { "元" } },

    /* Capacity, where no table gives it (prose-only reports; R14 prose can contradict its
     * table: "专职工作人员2人" vs 专职 0): "兼职人员1人", "政府信息公开费用1万元" */
    { .metric = M_CAP_STAFF_FULLTIME, .key = "专职", .gap = 4, .regimes = RG_BIT(RG_NONE), .whole_clause = true,
      .clause_bans = { NARROWING, "兼职" },
      .units = { "人", "名" } },
    { .metric = M_CAP_STAFF_FULLTIME, .key = "全职", .gap = 4, .regimes = RG_BIT(RG_NONE), .whole_clause = true,
      .clause_bans = { NARROWING, "兼职" },
      .units = { "人", "名" } },
    { .metric = M_CAP_STAFF_PARTTIME, .key = "兼职", .gap = 4, .regimes = RG_BIT(RG_NONE), .whole_clause = true,
      .clause_bans = { NARROWING, "专职", "全职" },
      .units = { "人", "名" } },
    { .metric = M_CAP_BUDGET_YUAN, .key = "信息公开费用", .gap = 3, .regimes = RG_BIT(RG_NONE) | RG_BIT(RG_R14),
      .whole_clause = true, .clause_bans = { NARROWING, "收取", "收费" }, .units = { "元" } },
    { .metric = M_CAP_BUDGET_YUAN, .key = "公开工作经费", .gap = 3, .regimes = RG_BIT(RG_NONE) | RG_BIT(RG_R14),
      .whole_clause = true, .clause_bans = { NARROWING, "收取", "收费" }, .units = { "元" } },
    { .metric = M_CAP_BUDGET_YUAN, .key = "公开专项经费", .gap = 3, .regimes = RG_BIT(RG_NONE) | RG_BIT(RG_R14),
      .whole_clause = true, .clause_bans = { NARROWING, "收取", "收费" }, .units = { "元" } },
};

/* A figure stated beside a table's cell (for `check`, S4) must be the body's own total:
 * not that of some of its units, a channel, or the office that wrote the report. */
static const char *const STATE_BANS[] = {
    "各单位", "各乡镇", "乡镇", "县直", "区直", "市直", "各部门", "部门", "网站", "门户", "微信", "微博", "公报",
    "代表", "办公室", "政府办", "分别",
};

/* Explicit zero statements: in one clause a negation (and a verb, where given)
 * at most ZERO_GAP code points before the key, the clause bound to the metric
 * (needs), nothing that changes its meaning (bans), and no figure at all. */
#define ZERO_GAP 20
#define OGI_NEG { "未收到", "没有收到", "未接到", "未接收到", "没有接到", "未发生", "没有发生", "未出现" }

static const struct prose_zero {
    int metric;
    bool total;
    unsigned regimes;
    const char *keys[4];
    const char *neg[10];
    const char *verb[4];         /* NULL: none needed */
    const char *needs[4];        /* NULL: none needed */
    const char *bans[16];
} PROSE_ZERO[] = {
    /* "2021年，无收取信息处理费情况", "本年度没有产生信息公开处理费" */
    { M_INFO_PROC_FEE_YUAN, false, ALL_REGIMES, { "处理费" }, { "无", "未", "没有", "不存在" },
      { "收取", "产生", "发生", "收费" }, { NULL }, { NULL } },
    /* "未收到政府信息公开申请", "未收到公民、法人和其他组织提请的政府信息公开申请",
     * "因未发生政府信息公开申请"; not "未收到…行政复议申请" */
    { M_REQ_NEW, true, OLD_OR_NONE, { "申请" }, OGI_NEG, { NULL }, { "公开" },
      { "复议", "诉讼", "申诉", "举报", "投诉", "申请人", "审批", "许可", "其中" } },
    /* "未收到有关政府信息公开行政复议申请", "未接收到有关政府信息公开事务的行政复议申请、行政诉讼…" */
    { M_REV_TOTAL, false, OLD_OR_NONE, { "行政复议" }, OGI_NEG, { NULL }, { "公开" }, { "其中" } },
    { M_LIT_TOTAL, false, OLD_OR_NONE, { "行政诉讼" }, OGI_NEG, { NULL }, { "公开" }, { "其中", "复议后" } },
    /* "没有政府信息公开的收费及减免情况", "未发生依申请公开政府信息收费、减免情况" */
    { M_OGI_FEE_YUAN, false, OLD_OR_NONE, { "收费", "费用" }, { "没有", "未发生", "未收取", "未产生", "无" },
      { NULL }, { "公开", "申请" },
      { "处理费", "标准", "办法", "行政事业性", "经费", "支出", "用于", "减免税", "印制" } },
    /* "没有从事政府信息公开工作的全职人员" */
    { M_CAP_STAFF_FULLTIME, false, RG_BIT(RG_NONE), { "全职人员", "专职人员", "专职工作人员", "全职工作人员" },
      { "没有", "无", "未配备", "未设" }, { NULL }, { NULL }, { "兼职" } },
};

/* Does a clause break start at s[i]? An ASCII comma between digits is a
 * thousands separator ("1,234"), not a break. */
static bool is_break_at(const char *s, size_t i, size_t n)
{
    char ch = s[i];
    if (ch == '|' || ch == '\n' || ch == ';') return true;
    if (ch == ',')
        return !(i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9');
    if (i + 3 <= n) {
        static const char *const B[] = { "，", "。", "；", "！", "？", "：" };
        for (size_t j = 0; j < ARRAY_LEN(B); j++)
            if (memcmp(s + i, B[j], 3) == 0) return true;
    }
    return false;
}

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

/* Start of the clause containing offset off. */
static size_t clause_start(const char *s, size_t off, size_t n)
{
    size_t i = off;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
        if (is_break_at(s, j, n)) return i;
        i = j;
    }
    return 0;
}

/* End of the clause containing offset off (the break, or n). */
static size_t clause_end(const char *s, size_t off, size_t n)
{
    size_t i = off;
    while (i < n && !is_break_at(s, i, n)) i++;
    return i;
}

static bool span_has(const char *s, size_t from, size_t to, const char *w)
{
    size_t wn = strlen(w);
    for (size_t i = from; i + wn <= to; i++)
        if (memcmp(s + i, w, wn) == 0) return true;
    return false;
}

static bool span_has_any(const char *s, size_t from, size_t to, const char *const *w, size_t nw)
{
    for (size_t i = 0; i < nw && w[i]; i++)
        if (span_has(s, from, to, w[i])) return true;
    return false;
}

/* Code points in s[from, to). */
static size_t cps(const char *s, size_t from, size_t to)
{
    size_t k = 0;
    for (size_t i = from; i < to; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k;
}

static bool unit_ok(const struct prose_rule *pr, const char *unit)
{
    for (size_t i = 0; i < ARRAY_LEN(pr->units) && pr->units[i]; i++)
        if (strcmp(pr->units[i], unit) == 0) return true;
    return false;
}

/* Counters numparse does not take as units (in a table cell they are text). */
static const char *const EXTRA_UNITS[] = { "例", "名" };

/* Read the number whose first digit is s[p]: a qualifier up to three characters
 * before it (约, 大约, 近, 超过 …, as numparse knows them), spaces before the
 * unit ("1136 条"), the counters 例/名. *end gets the end of number and unit.
 * False if no number starts there; v->is_ratio tells a share. */
static bool read_number(const char *s, size_t n, size_t p, struct numval *v, size_t *end)
{
    size_t used = num_parse_token(s + p, n - p, v);
    if (used == 0) return false;
    size_t e = p + used;
    if (!v->unit[0] && !v->is_ratio) {
        size_t q = e;
        while (q < n && s[q] == ' ') q++;
        if (q < n && !is_digit(s[q]) && q > e) {
            /* re-parse number + unit with the spaces removed (pdftotext: "1136 条") */
            char buf[64];
            size_t m = 0;
            for (size_t i = p; i < e && m + 1 < sizeof buf; i++)
                if (s[i] != ' ') buf[m++] = s[i];
            size_t numlen = m;
            for (size_t i = q; i < n && i < q + 12 && m + 1 < sizeof buf; i++) buf[m++] = s[i];
            buf[m] = '\0';
            struct numval v2;
            size_t u2 = num_parse_token(buf, m, &v2);
            if (u2 > numlen && v2.unit[0]) {
                *v = v2;
                e = q + (u2 - numlen);
            }
        }
        for (size_t i = 0; !v->unit[0] && i < ARRAY_LEN(EXTRA_UNITS); i++) {
            size_t ul = strlen(EXTRA_UNITS[i]);
            if (q + ul <= n && memcmp(s + q, EXTRA_UNITS[i], ul) == 0) {
                memcpy(v->unit, EXTRA_UNITS[i], ul + 1);
                e = q + ul;
            }
        }
    }
    /* a prefix qualifier: the same number read from one to three CJK characters earlier */
    for (size_t b = 9; b >= 3; b -= 3) {
        if (p < b) continue;
        bool cjk = true;
        for (size_t j = p - b; j < p; j += 3)
            cjk &= (unsigned char)s[j] >= 0xE0 && (unsigned char)s[j] < 0xF0;
        struct numval w;
        if (!cjk || num_parse_token(s + p - b, n - p + b, &w) <= b) continue;
        if (w.mant == v->mant && w.scale == v->scale && w.is_ratio == v->is_ratio) {
            if (w.q != Q_EXACT) v->q = w.q;
            break;
        }
    }
    *end = e;
    return true;
}

/* Does s[from, to) state a figure: a number with a unit, or digits before 元/万? A year or
 * a date ("2024年，无收取…", "1月1日至12月31日期间…未收到…") is not one. */
static bool clause_has_figure(const char *s, size_t from, size_t to)
{
    for (size_t j = from; j < to; j++) {
        if (!is_digit(s[j]) || (j > from && (is_digit(s[j - 1]) || s[j - 1] == '.'))) continue;
        struct numval v;
        size_t e;
        if (read_number(s, to, j, &v, &e) && (v.unit[0] || (e < to && span_has(s, e, e + 3 <= to ? e + 3 : to, "万"))))
            return true;
        while (j + 1 < to && (is_digit(s[j + 1]) || s[j + 1] == '.')) j++;
    }
    return false;
}

/* A figure bound to its metric: a cell (source text) when the metric has none, otherwise
 * a statement kept beside the table's cell for `check` (S4), never a second cell. */
static void store(struct report *r, const struct compact *c, int metric, bool total, const struct numval *v,
                  size_t at)
{
    int64_t v100;
    if (!num_to_v100(v, 1, &v100)) return;
    int ap = total ? AP_TOTAL : AP_NONE;
    if (report_get(r, metric, ap)) report_say(r, SAID_PROSE, metric, ap, v100, v->q, compact_line(c, at));
    else report_set(r, metric, ap, CELL_VALUE, v->q, v100, SRC_TEXT, compact_line(c, at));
}

static bool is_sentence_break(const char *p, size_t left)
{
    if (left >= 1 && (*p == '|' || *p == '\n')) return true;
    return left >= 3 && (memcmp(p, "。", 3) == 0 || memcmp(p, "；", 3) == 0);
}

/* Sentence rule: the first number with an accepted unit anywhere in the key's
 * sentence, provided the sentence also states a fee in 元 (a case count means
 * something only next to the amount it was charged). */
static bool try_sentence(struct report *r, const struct compact *c, const struct prose_rule *pr, size_t k)
{
    const char *s = c->text.s;
    size_t n = c->text.len, a = k, b = k;
    while (a > 0 && !is_sentence_break(s + a - 1, 1) && !(a >= 3 && is_sentence_break(s + a - 3, 3))) a--;
    while (b < n && !is_sentence_break(s + b, n - b)) b++;
    if (pr->clause_needs[0] && !span_has_any(s, a, b, pr->clause_needs, ARRAY_LEN(pr->clause_needs))) return false;
    struct numval hit;
    size_t hit_at = 0;
    bool have = false, fee = false;
    for (size_t p = a; p < b;) {
        if (!is_digit(s[p])) { p++; continue; }
        struct numval v;
        size_t used = num_parse_token(s + p, b - p, &v);
        if (used == 0) {            /* not a number we read: skip the whole digit run */
            while (p < b && (is_digit(s[p]) || s[p] == '.')) p++;
            continue;
        }
        if (strcmp(v.unit, "元") == 0) fee = true;
        if (!have && unit_ok(pr, v.unit) && !v.is_ratio) { hit = v; hit_at = p; have = true; }
        p += used;
    }
    /* a count means something only next to the amount that was charged */
    if (!have || !fee) return false;
    store(r, c, pr->metric, pr->total, &hit, hit_at);
    return true;
}

/* The number after the key: a gap of CJK text without digits or clause breaks
 * (spaces skipped), then the number. Returns its offset or n. */
static size_t number_after(const char *s, size_t n, size_t p, int gap)
{
    int k = 0;
    while (p < n) {
        if (s[p] == ' ') { p++; continue; }
        if (is_digit(s[p]) || is_break_at(s, p, n)) break;
        size_t l = utf8_seqlen((const unsigned char *)s + p, n - p);
        if (l < 2) return n;        /* ASCII other than space ends the gap */
        if (k++ >= gap) return n;
        p += l;
    }
    return p < n && is_digit(s[p]) ? p : n;
}

/* The last number with an accepted unit in s[cs, k), if nothing but text (at most
 * `before` code points) separates it from the key. Returns its offset or n. */
static size_t number_before(const char *s, size_t n, size_t cs, size_t k, const struct prose_rule *pr,
                            struct numval *out)
{
    size_t hit = n, last_end = cs;
    for (size_t p = cs; p < k; p++) {
        if (!is_digit(s[p]) || (p > cs && (is_digit(s[p - 1]) || s[p - 1] == '.'))) continue;
        struct numval v;
        size_t e;
        if (!read_number(s, k, p, &v, &e)) continue;
        last_end = e;
        if (!v.is_ratio && unit_ok(pr, v.unit)) { hit = p; *out = v; }
        else hit = n;               /* a later number of another kind stands between */
        p = e - 1;
    }
    if (hit == n || cps(s, last_end, k) > (size_t)pr->before) return n;
    return hit;
}

/* Try rule pr with the key at s+k; store the cell and return true on success. */
static bool try_rule(struct report *r, const struct compact *c, const struct prose_rule *pr, size_t k)
{
    const char *s = c->text.s;
    size_t n = c->text.len, ke = k + strlen(pr->key);
    size_t cs = clause_start(s, k, n), ce = clause_end(s, ke, n);
    if (pr->clause_needs[0] &&
        !span_has_any(s, cs, pr->whole_clause ? ce : k, pr->clause_needs, ARRAY_LEN(pr->clause_needs)))
        return false;
    struct numval v;
    size_t e = 0, p = number_after(s, n, ke, pr->gap);
    if (p < n && !(read_number(s, n, p, &v, &e) && !v.is_ratio && unit_ok(pr, v.unit))) p = n;
    if (p == n && pr->before > 0) p = number_before(s, n, cs, k, pr, &v);
    if (p == n) return false;
    if (span_has_any(s, cs, pr->whole_clause ? ce : p, pr->clause_bans, ARRAY_LEN(pr->clause_bans))) return false;
    if (report_get(r, pr->metric, pr->total ? AP_TOTAL : AP_NONE) &&
        span_has_any(s, cs, ce, STATE_BANS, ARRAY_LEN(STATE_BANS)))
        return false;
    store(r, c, pr->metric, pr->total, &v, p);
    return true;
}

/* Try zero statement z with its key at s+at. */
static bool try_zero(struct report *r, const struct compact *c, const struct prose_zero *z, size_t at)
{
    const char *s = c->text.s;
    size_t n = c->text.len, cs = clause_start(s, at, n), ce = clause_end(s, at, n);
    bool neg = false;
    for (size_t j = 0; j < ARRAY_LEN(z->neg) && z->neg[j] && !neg; j++) {
        size_t nl = strlen(z->neg[j]);
        for (size_t i = cs; i + nl <= at && !neg; i++)
            neg = memcmp(s + i, z->neg[j], nl) == 0 && cps(s, i + nl, at) <= ZERO_GAP;
    }
    if (!neg) return false;
    if (z->verb[0] && !span_has_any(s, cs, at, z->verb, ARRAY_LEN(z->verb))) return false;
    if (z->needs[0] && !span_has_any(s, cs, ce, z->needs, ARRAY_LEN(z->needs))) return false;
    if (span_has_any(s, cs, ce, z->bans, ARRAY_LEN(z->bans)) || clause_has_figure(s, cs, ce)) return false;
    if (report_get(r, z->metric, z->total ? AP_TOTAL : AP_NONE) &&
        span_has_any(s, cs, ce, STATE_BANS, ARRAY_LEN(STATE_BANS)))
        return false;
    struct numval zero = { .status = CELL_VALUE, .q = Q_EXACT, .precision = 1 };
    store(r, c, z->metric, z->total, &zero, at);
    return true;
}

/* ==== the year the prose dates the body's work to (check Y1) ==== */

/* Verbs of the body's own work in the year: "2023年，在主动公开的61条政府信息中",
 * "2024年制作、获取政府信息总数467条". */
static const char *const YEAR_VERBS[] = { "主动公开", "收到", "受理", "办理", "答复", "制作", "获取", "新增", "发布" };
/* the year's subject, between the year and the verb */
static const char *const YEAR_SUBJECTS[] = { "我局", "本机关", "本单位", "我委", "我办", "本局", "全区", "全市", "全县",
                                            "我区", "我市", "我县" };
/* a year set against another ("较2023年", "与2023年相比", "截至2023年") */
static const char *const YEAR_BEFORE[] = { "较", "比", "与", "至", "自", "从", "于", "同" };
static const char *const YEAR_COMPARE[] = { "同比", "相比", "较上年", "比上年", "将", "计划", "拟" };

static bool at_any(const char *s, size_t n, size_t p, const char *const *w, size_t nw, size_t *len)
{
    for (size_t i = 0; i < nw; i++) {
        size_t l = strlen(w[i]);
        if (p + l <= n && memcmp(s + p, w[i], l) == 0) { *len = l; return true; }
    }
    return false;
}

/* A sentence that opens with the year before or after the report's, followed at once by
 * the body's own work, and that names neither the report's year nor a comparison: a
 * year copied from another report. Kept as a side figure (SAID_YEAR). */
static void prose_years(struct report *r, const struct compact *c)
{
    if (!r->year) return;
    const char *s = c->text.s;
    size_t n = c->text.len, l;
    for (size_t p = 0; p + 7 <= n; p++) {
        if (!is_digit(s[p]) || (p > 0 && is_digit(s[p - 1]))) continue;
        if (!(is_digit(s[p + 1]) && is_digit(s[p + 2]) && is_digit(s[p + 3]) && memcmp(s + p + 4, "年", 3) == 0)) continue;
        int y = (s[p] - '0') * 1000 + (s[p + 1] - '0') * 100 + (s[p + 2] - '0') * 10 + (s[p + 3] - '0');
        if (y != r->year - 1 && y != r->year + 1) continue;
        if (p >= 3 && at_any(s, n, p - 3, YEAR_BEFORE, ARRAY_LEN(YEAR_BEFORE), &l)) continue;
        size_t q = p + 7;
        if (q + 3 <= n && memcmp(s + q, "度", 3) == 0) q += 3;
        if (q < n && s[q] == ',') q++;
        else if (q + 3 <= n && memcmp(s + q, "，", 3) == 0) q += 3;
        if (at_any(s, n, q, YEAR_SUBJECTS, ARRAY_LEN(YEAR_SUBJECTS), &l)) q += l;
        bool verb = false;
        for (int k = 0; k <= 4 && q < n && !verb; k++) {
            verb = at_any(s, n, q, YEAR_VERBS, ARRAY_LEN(YEAR_VERBS), &l);
            if (verb || is_digit(s[q]) || is_break_at(s, q, n)) break;
            size_t cl = utf8_seqlen((const unsigned char *)s + q, n - q);
            q += cl ? cl : 1;
        }
        if (!verb) continue;
        /* the sentence must not also speak of the report's year, or compare */
        size_t a = p, b = p;
        while (a > 0 && !is_sentence_break(s + a - 1, 1) && !(a >= 3 && is_sentence_break(s + a - 3, 3))) a--;
        while (b < n && !is_sentence_break(s + b, n - b)) b++;
        char own[8];
        snprintf(own, sizeof own, "%d年", r->year);
        if (span_has(s, a, b, own) || span_has_any(s, a, b, YEAR_COMPARE, ARRAY_LEN(YEAR_COMPARE))) continue;
        report_say(r, SAID_YEAR, -1, AP_NONE, (int64_t)y * 100, Q_EXACT, compact_line(c, p));
    }
}

/* Should rule (metric, regimes) run: to give the metric its cell (it has none and the
 * prose is its source in this regime), or to state it beside a table cell (once)? */
static bool rule_wanted(const struct report *r, int metric, bool total, unsigned regimes, const bool *said)
{
    const struct cell *cl = report_get(r, metric, total ? AP_TOTAL : AP_NONE);
    if (!cl) return (regimes & RG_BIT(r->regime)) != 0;
    return cl->source == SRC_TABLE && cl->status == CELL_VALUE && !said[metric];
}

void prose_extract(struct report *r, const struct compact *c)
{
    const char *s = c->text.s;
    bool said[M__COUNT] = { false };
    for (size_t i = 0; i < ARRAY_LEN(PROSE_RULES); i++) {
        const struct prose_rule *pr = &PROSE_RULES[i];
        if (!rule_wanted(r, pr->metric, pr->total, pr->regimes, said)) continue;
        size_t n0 = r->nsaid;
        for (const char *k = strstr(s, pr->key); k; k = strstr(k + 1, pr->key))
            if (pr->sentence ? try_sentence(r, c, pr, (size_t)(k - s)) : try_rule(r, c, pr, (size_t)(k - s))) break;
        if (r->nsaid > n0) said[pr->metric] = true;
    }
    for (size_t i = 0; i < ARRAY_LEN(PROSE_ZERO); i++) {
        const struct prose_zero *z = &PROSE_ZERO[i];
        if (!rule_wanted(r, z->metric, z->total, z->regimes, said)) continue;
        bool done = false;
        for (size_t j = 0; j < ARRAY_LEN(z->keys) && z->keys[j] && !done; j++)
            for (const char *k = strstr(s, z->keys[j]); k && !done; k = strstr(k + 1, z->keys[j]))
                done = try_zero(r, c, z, (size_t)(k - s));
    }
    prose_years(r, c);
}
