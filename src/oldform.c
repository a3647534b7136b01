/* oldform.c - statistics tables of the old templates (see oldform.h).
 *
 * Two readers share one row table (OF_ROWS):
 *  - the token reader walks the token stream after a header row (指标 |
 *    单位 | 数量, or 指标名称 | 计量单位 | 2011年度 | 历年累计): a row is its
 *    label text followed by its cells (unit, then the value columns), so an
 *    explicitly empty cell is BLANK;
 *  - the run reader reads the compact text of a web dump whose cells ran
 *    together: label, unit, digit run, next label. A run is split into the
 *    value columns with the form's rules (DOMAIN §3.3, §6.8).
 * A label is matched by the key that ends last in it (the longest on a tie):
 * a label that took in an earlier row's text still names its own row.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/oldform.h"
#include "ogistat/extract.h"
#include "ogistat/flat.h"
#include "ogistat/hanzi.h"
#include "ogistat/numparse.h"
#include "ogistat/util.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum of_form { F_R08 = 1u << 0, F_R14 = 1u << 1 };
#define F_ALL (F_R08 | F_R14)

/* R14 rows that repeat under 四、行政复议 and 五、行政诉讼 */
enum of_section { SEC_NONE, SEC_REV, SEC_LIT };

/* 免予/不予公开范围k: the exemption numbering is local (DOMAIN §1.1) */
enum of_scope { SCOPE_NO, SCOPE_DINGXI, SCOPE_S8 };

struct of_row {
    const char *key;            /* phrase the folded label contains */
    int metric;
    unsigned forms;
    enum of_section section;    /* SEC_NONE: any section; else only inside it */
    bool opens;                 /* the row heads a section (its own value included) */
    enum of_section opened;
    enum of_scope scope;        /* the metric comes from the scheme and k */
    const char *prose;          /* the same figure in prose names this (run reader) */
};

static const struct of_row OF_ROWS[] = {
    /* ---- R08 (Shanghai model, 定西 S7; 福建 K1/K2) ---- */
    { .key = "主动公开信息数", .metric = M_PRO_TOTAL, .forms = F_R08, .prose = "主动公开" },
    { .key = "主动公开文件数", .metric = M_PRO_TOTAL, .forms = F_R08, .prose = "主动公开" },
    { .key = "全文电子化的主动公开信息数", .metric = M_PRO_FULLTEXT_E, .forms = F_R08 },
    { .key = "新增的行政规范性文件数", .metric = M_PRO_NORMDOC_PUBLISHED, .forms = F_R08 },
    { .key = "提供服务类信息数", .metric = M_PRO_SERVICE_INFO, .forms = F_R08 },
    { .key = "依申请公开信息目录数", .metric = M_PRO_CATALOG_APPLY, .forms = F_R08 },
    { .key = "网站公开", .metric = M_PRO_CH_WEBSITE, .forms = F_R08, .prose = "主动公开" },
    { .key = "政府公报公开", .metric = M_PRO_CH_GAZETTE, .forms = F_R08 },
    { .key = "网站专栏页面访问量", .metric = M_CONSULT_WEB_VISITS, .forms = F_R08 },
    { .key = "现场接待人数", .metric = M_CONSULT_ONSITE, .forms = F_R08 },
    { .key = "网上咨询数", .metric = M_CONSULT_ONLINE, .forms = F_R08 },
    { .key = "咨询电话接听数", .metric = M_CONSULT_PHONE, .forms = F_R08 },
    { .key = "申请总数", .metric = M_REQ_NEW, .forms = F_R08 },
    { .key = "依申请公开信息总数", .metric = M_REQ_NEW, .forms = F_R08 },
    { .key = "依申请公开总数", .metric = M_REQ_NEW, .forms = F_R08 },
    { .key = "当面申请数", .metric = M_REQ_CH_IN_PERSON, .forms = F_ALL },
    { .key = "传真申请数", .metric = M_REQ_CH_FAX, .forms = F_ALL },
    { .key = "电子邮件申请数", .metric = M_REQ_CH_EMAIL, .forms = F_R08 },
    { .key = "网上申请数", .metric = M_REQ_CH_WEB, .forms = F_R08 },
    { .key = "信函申请数", .metric = M_REQ_CH_LETTER, .forms = F_ALL },
    { .key = "信函、传真申请数", .metric = M_REQ_CH_LETTER_FAX, .forms = F_R08 },
    { .key = "其它形式申请数", .metric = M_REQ_CH_OTHER, .forms = F_R08 },
    { .key = "其他形式申请数", .metric = M_REQ_CH_OTHER, .forms = F_R08 },
    { .key = "对申请的答复", .metric = M_REP_TOTAL, .forms = F_R08 },
    { .key = "同意公开答复数", .metric = M_REP_AGREE, .forms = F_ALL },
    { .key = "同意部分公开答复数", .metric = M_REP_PARTIAL, .forms = F_ALL },
    { .key = "否决公开答复", .metric = M_REP_DENY_TOTAL, .forms = F_R08 },
    { .key = "不予公开答复数", .metric = M_REP_DENY_TOTAL, .forms = F_R08 },
    { .key = "其他类型答复数", .metric = M_REP_OTHER_TYPE, .forms = F_R08 },
    { .key = "所指政府信息", .metric = M_REP_DENY_NOT_GOV_INFO, .forms = F_ALL },
    { .key = "信息不存在", .metric = M_REP_NOT_EXIST, .forms = F_R08 },
    { .key = "非本部门掌握", .metric = M_REP_NOT_THIS_AGENCY, .forms = F_R08 },
    { .key = "非本机关掌握", .metric = M_REP_NOT_THIS_AGENCY, .forms = F_R08 },
    { .key = "申请内容不明确", .metric = M_REP_UNCLEAR, .forms = F_R08 },
    { .key = "免予公开范围", .metric = -1, .forms = F_R08, .scope = SCOPE_DINGXI },
    { .key = "不予公开范围", .metric = -1, .forms = F_R08, .scope = SCOPE_S8 },
    { .key = "其它原因", .metric = M_REP_DENY_OTHER, .forms = F_R08 },
    { .key = "其他原因", .metric = M_REP_DENY_OTHER, .forms = F_R08 },
    { .key = "政府信息公开收费减免金额", .metric = M_OGI_FEE_YUAN, .forms = F_R08 },
    { .key = "行政复议数", .metric = M_REV_TOTAL, .forms = F_R08 },
    { .key = "行政诉讼数", .metric = M_LIT_TOTAL, .forms = F_R08 },
    { .key = "行政申诉数", .metric = M_APPEAL_TOTAL, .forms = F_R08 },
    { .key = "首次处理不满意的行政申诉数", .metric = M_APPEAL_FIRST_UNSATISFIED, .forms = F_R08 },
    { .key = "行政申诉、举报数", .metric = M_APPEAL_COMPLAINT_TOTAL, .forms = F_R08 },
    { .key = "行政诉讼、举报数", .metric = M_APPEAL_COMPLAINT_TOTAL, .forms = F_R08 },

    /* ---- R14 national 统计表 (DOMAIN §1.2) ---- */
    { .key = "主动公开政府信息数", .metric = M_PRO_TOTAL, .forms = F_R14 },
    { .key = "主动公开规范性文件数", .metric = M_PRO_NORMDOC_PUBLISHED, .forms = F_R14 },
    { .key = "制发规范性文件总数", .metric = M_PRO_NORMDOC_ISSUED, .forms = F_R14 },
    { .key = "政府公报公开政府信息数", .metric = M_PRO_CH_GAZETTE, .forms = F_R14 },
    { .key = "政府网站公开政府信息数", .metric = M_PRO_CH_WEBSITE, .forms = F_R14 },
    { .key = "政务微博公开政府信息数", .metric = M_PRO_CH_WEIBO, .forms = F_R14 },
    { .key = "政务微信公开政府信息数", .metric = M_PRO_CH_WECHAT, .forms = F_R14 },
    { .key = "其他方式公开政府信息数", .metric = M_PRO_CH_OTHER, .forms = F_R14 },
    { .key = "回应公众关注热点或重大舆情数", .metric = M_RESP_HOTSPOTS, .forms = F_R14 },
    { .key = "参加或举办新闻发布会总次数", .metric = M_RESP_PRESS_CONF, .forms = F_R14 },
    { .key = "主要负责同志参加新闻发布会次数", .metric = M_RESP_PRESS_CONF_CHIEF, .forms = F_R14 },
    { .key = "政府网站在线访谈次数", .metric = M_RESP_ONLINE_INTERVIEWS, .forms = F_R14 },
    { .key = "主要负责同志参加政府网站在线访谈次数", .metric = M_RESP_ONLINE_INTERVIEWS_CHIEF, .forms = F_R14 },
    { .key = "政策解读稿件发布数", .metric = M_RESP_INTERPRETATIONS, .forms = F_R14 },
    { .key = "微博微信回应事件数", .metric = M_RESP_WEIBO_WECHAT, .forms = F_R14 },
    { .key = "其他方式回应事件数", .metric = M_RESP_OTHER, .forms = F_R14 },
    { .key = "收到申请数", .metric = M_REQ_NEW, .forms = F_R14 },
    { .key = "网络申请数", .metric = M_REQ_CH_NETWORK, .forms = F_R14 },
    { .key = "申请办结数", .metric = M_REQ_CLOSED, .forms = F_R14 },
    { .key = "按时办结数", .metric = M_REQ_CLOSED_ONTIME, .forms = F_R14 },
    { .key = "延期办结数", .metric = M_REQ_CLOSED_EXTENDED, .forms = F_R14 },
    { .key = "申请答复数", .metric = M_REP_TOTAL, .forms = F_R14 },
    { .key = "属于已主动公开范围数", .metric = M_REP_ALREADY_PUBLIC, .forms = F_R14 },
    { .key = "不同意公开答复数", .metric = M_REP_DENY_TOTAL, .forms = F_R14 },
    { .key = "涉及国家秘密", .metric = M_REP_DENY_STATE_SECRET, .forms = F_R14 },
    { .key = "涉及商业秘密", .metric = M_REP_DENY_COMMERCIAL_SECRET, .forms = F_R14 },
    { .key = "涉及个人隐私", .metric = M_REP_DENY_PRIVACY, .forms = F_R14 },
    { .key = "危及国家安全", .metric = M_REP_DENY_SAFETY_STABILITY, .forms = F_R14 },
    { .key = "法律法规规定的其他情形", .metric = M_REP_DENY_OTHER_LAW, .forms = F_R14 },
    { .key = "不属于本行政机关公开数", .metric = M_REP_NOT_THIS_AGENCY, .forms = F_R14 },
    { .key = "申请信息不存在数", .metric = M_REP_NOT_EXIST, .forms = F_R14 },
    { .key = "告知作出更改补充数", .metric = M_REP_UNCLEAR, .forms = F_R14 },
    { .key = "告知通过其他途径办理数", .metric = M_REP_OTHER_ROUTE, .forms = F_R14 },
    { .key = "行政复议数量", .metric = M_REV_TOTAL, .forms = F_R14, .opens = true, .opened = SEC_REV },
    { .key = "维持具体行政行为数", .metric = M_REV_UPHELD, .forms = F_R14, .section = SEC_REV },
    { .key = "被依法纠错数", .metric = M_REV_CORRECTED, .forms = F_R14, .section = SEC_REV },
    { .key = "其他情形数", .metric = M_REV_OTHER, .forms = F_R14, .section = SEC_REV },
    { .key = "行政诉讼数量", .metric = M_LIT_TOTAL, .forms = F_R14, .opens = true, .opened = SEC_LIT },
    { .key = "驳回原告诉讼请求数", .metric = M_LIT_UPHELD, .forms = F_R14, .section = SEC_LIT },
    { .key = "被依法纠错数", .metric = M_LIT_CORRECTED, .forms = F_R14, .section = SEC_LIT },
    { .key = "其他情形数", .metric = M_LIT_OTHER, .forms = F_R14, .section = SEC_LIT },
    { .key = "举报投诉数量", .metric = M_COMPLAINT_TOTAL, .forms = F_R14, .opens = true, .opened = SEC_NONE },
    { .key = "依申请公开信息收取的费用", .metric = M_OGI_FEE_YUAN, .forms = F_R14, .opens = true, .opened = SEC_NONE },
    { .key = "政府信息公开工作专门机构数", .metric = M_CAP_UNITS, .forms = F_R14 },
    { .key = "设置政府信息公开查阅点数", .metric = M_CAP_READING_POINTS, .forms = F_R14 },
    { .key = "从事政府信息公开工作人员数", .metric = M_CAP_STAFF, .forms = F_R14 },
    { .key = "专职人员数", .metric = M_CAP_STAFF_FULLTIME, .forms = F_R14 },
    { .key = "兼职人员数", .metric = M_CAP_STAFF_PARTTIME, .forms = F_R14 },
    { .key = "政府信息公开专项经费", .metric = M_CAP_BUDGET_YUAN, .forms = F_R14 },
    { .key = "召开政府信息公开工作会议或专题会议数", .metric = M_TRAIN_MEETINGS, .forms = F_R14 },
    { .key = "举办各类培训班数", .metric = M_TRAIN_COURSES, .forms = F_R14 },
    { .key = "接受培训人员数", .metric = M_TRAIN_TRAINEES, .forms = F_R14 },
};
#define N_ROWS ARRAY_LEN(OF_ROWS)

/* 免予公开范围1-6 (定西, S7) and 不予公开范围1-7 (S8), DOMAIN §1.1 */
static const int SCOPE_METRICS_DINGXI[] = {
    M_REP_DENY_STATE_SECRET, M_REP_DENY_COMMERCIAL_SECRET, M_REP_DENY_PRIVACY,
    M_REP_DENY_PROCESS, M_REP_DENY_ENFORCEMENT, M_REP_DENY_OTHER_LAW,
};
static const int SCOPE_METRICS_S8[] = {
    M_REP_DENY_STATE_SECRET, M_REP_DENY_COMMERCIAL_SECRET, M_REP_DENY_PRIVACY, M_REP_DENY_INTERNAL,
    M_REP_DENY_PROCESS, M_REP_DENY_ENFORCEMENT, M_REP_DENY_OTHER_LAW,
};

/* Unit words that fill a 单位 column. */
static const char *const UNIT_WORDS[] = { "条", "件", "人次", "人", "个", "次", "篇", "项", "元", "万元", "份", NULL };

/* ==== folded keys (built once, read-only afterwards) ==== */

static char *KEYS[N_ROWS];
static size_t KEYLEN[N_ROWS];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;

static void build_keys(void)
{
    for (size_t i = 0; i < N_ROWS; i++) {
        KEYS[i] = extract_fold_label(OF_ROWS[i].key, strlen(OF_ROWS[i].key));
        KEYLEN[i] = strlen(KEYS[i]);
    }
}

/* ==== matching ==== */

struct match {
    int row;                    /* OF_ROWS index, -1 if none */
    int metric;                 /* resolved metric (scope rows: from the scheme), -1 if none */
};

struct walk {
    unsigned form;
    enum of_section sec;
    int scope_seen;             /* 范围 rows met so far (labels that lost their digit) */
};

/* The 范围 number printed after the key ("免予公开范围3数"), or 0. */
static int scope_digit(const char *f, size_t after)
{
    char c = f[after];
    return c >= '1' && c <= '9' ? c - '0' : 0;
}

static struct match match_label(struct walk *w, const char *label, size_t n)
{
    struct match m = { -1, -1 };
    char *f = extract_fold_label(label, n);
    size_t best_end = 0, best_len = 0, best_at = 0;
    for (size_t i = 0; i < N_ROWS; i++) {
        const struct of_row *row = &OF_ROWS[i];
        if (!(row->forms & w->form) || KEYLEN[i] == 0) continue;
        if (row->section != SEC_NONE && row->section != w->sec) continue;
        /* the last occurrence of the key in the label */
        const char *hit = NULL;
        for (const char *p = strstr(f, KEYS[i]); p; p = strstr(p + 1, KEYS[i])) hit = p;
        if (!hit) continue;
        size_t end = (size_t)(hit - f) + KEYLEN[i];
        if (m.row < 0 || end > best_end || (end == best_end && KEYLEN[i] > best_len)) {
            m.row = (int)i;
            best_end = end;
            best_len = KEYLEN[i];
            best_at = end;
        }
    }
    if (m.row >= 0) {
        const struct of_row *row = &OF_ROWS[m.row];
        m.metric = row->metric;
        if (row->scope != SCOPE_NO) {
            const int *sm = row->scope == SCOPE_DINGXI ? SCOPE_METRICS_DINGXI : SCOPE_METRICS_S8;
            size_t nsm = row->scope == SCOPE_DINGXI ? ARRAY_LEN(SCOPE_METRICS_DINGXI) : ARRAY_LEN(SCOPE_METRICS_S8);
            int k = scope_digit(f, best_at);
            if (k == 0) k = w->scope_seen + 1;          /* digit lost: the next one in order */
            w->scope_seen = k;
            m.metric = (size_t)k <= nsm ? sm[k - 1] : -1;
        }
        if (row->opens) w->sec = row->opened;
    }
    free(f);
    return m;
}

/* ==== header ==== */

struct header {
    bool unit_col;              /* a 单位 column precedes the values */
    int nval;                   /* value columns: 1, or 2 with 历年累计 */
    int annual;                 /* index of the annual column among the values */
};

/* Classify the folded header text after "指标". */
static void header_classify(const char *f, struct header *h)
{
    static const char *const ANNUAL[] = { "年度", "本年", "本期", "数量", "统计数", "实际", NULL };
    h->unit_col = strstr(f, "单位") != NULL;
    const char *cum = strstr(f, "累计");
    if (cum && cum >= f + 3 && strncmp(cum - 3, "本年", 3) == 0 && !strstr(cum + 1, "累计")) cum = NULL;
    const char *ann = NULL;
    for (const char *const *a = ANNUAL; *a; a++) {
        const char *p = strstr(f, *a);
        if (p && (!cum || p != cum - 3) && (!ann || p < ann)) ann = p;
    }
    h->nval = cum ? 2 : 1;
    h->annual = cum && ann && cum < ann ? 1 : 0;
}

/* ==== storing ==== */

static bool is_unit_word(const char *s)
{
    for (const char *const *u = UNIT_WORDS; *u; u++)
        if (strcmp(s, *u) == 0) return true;
    return false;
}

/* Store one annual cell read from text s (a table cell). unit: the row's unit
 * cell or label (money: 万元 scales to 元). Returns 1 if stored. */
static size_t store_text_cell(struct report *r, int metric, const char *s, const char *unit, const char *label,
                              long line)
{
    int ap = metric == M_REQ_NEW ? AP_TOTAL : AP_NONE;
    if (report_get(r, metric, ap)) return 0;
    struct numval v;
    enum cell_status st = num_parse_cell(s, strlen(s), false, &v);
    switch (st) {
    case CELL_BLANK:
    case CELL_NA:
        report_set(r, metric, ap, st, Q_EXACT, 0, SRC_TABLE, line);
        return 1;
    case CELL_UNPARSEABLE:
        diag_add(&r->diag, DIAG_NOTE, r->path, line, "%s: cell is not a number '%s'; left out",
                 REG_METRICS[metric].label_zh, s);
        return 0;
    case CELL_VALUE:
        break;
    }
    if (v.is_ratio) {
        diag_add(&r->diag, DIAG_NOTE, r->path, line, "%s: a share is not a count '%s'; left out",
                 REG_METRICS[metric].label_zh, s);
        return 0;
    }
    bool money = strcmp(REG_METRICS[metric].unit, "元") == 0;
    int64_t factor = 1;
    if (money && v.unit[0] == '\0' && ((unit && strstr(unit, "万元")) || (!unit && label && strstr(label, "万元"))))
        factor = 10000;
    int64_t v100;
    if (!num_to_v100(&v, factor, &v100)) return 0;
    report_set(r, metric, ap, CELL_VALUE, v.q, v100, SRC_TABLE, line);
    return 1;
}

/* Keep the 历年累计 cell next to an annual cell for `check` (DOMAIN §3.3 A6): a side
 * figure, never a record. */
static void say_cumulative(struct report *r, int metric, const char *s, const char *unit, long line)
{
    struct numval v;
    int64_t v100;
    if (num_parse_cell(s, strlen(s), false, &v) != CELL_VALUE || v.is_ratio) return;
    bool money = strcmp(REG_METRICS[metric].unit, "元") == 0;
    if (!num_to_v100(&v, money && v.unit[0] == '\0' && unit && strstr(unit, "万元") ? 10000 : 1, &v100)) return;
    report_say(r, SAID_CUMULATIVE, metric, metric == M_REQ_NEW ? AP_TOTAL : AP_NONE, v100, v.q, line);
}

/* ==== token reader ==== */

#define MAX_GROUP 6
#define MAX_LABEL 240           /* bytes: a longer run of text is prose, not a row label */

/* One value where the form has annual and cumulative columns: when it is 0,
 * the annual cell is 0 whichever column it sits in (annual <= cumulative). */
static bool zero_pair(const struct tokstream *ts, const struct token *const *g, size_t ng, bool unit_col)
{
    if (ng == 0 || (unit_col && !is_unit_word(tok_text(ts, g[0])))) return false;
    const char *v = tok_text(ts, g[ng - 1]);
    return strcmp(v, "0") == 0;
}

static bool is_header_start(const char *f)
{
    return strstr(f, "指标") != NULL && strlen(f) <= 18;
}

static size_t read_tokens(struct report *r, const struct tokstream *ts, unsigned form, size_t *rows_read)
{
    struct walk w = { .form = form };
    struct header h = { .unit_col = true, .nval = 1, .annual = 0 };
    bool in_table = false;
    strbuf label, hdr;
    sb_init(&label);
    sb_init(&hdr);
    size_t stored = 0;
    long label_line = 0;
    size_t i = 0;
    while (i < ts->n) {
        const struct token *t = &ts->v[i];
        const char *s = tok_text(ts, t);
        if (t->kind == TK_ROW_END) { sb_reset(&label); i++; continue; }
        if (t->kind == TK_TEXT && !is_unit_word(s)) {
            /* a header: 指标 (possibly spaced out over tokens of one line) */
            sb_reset(&hdr);
            size_t j = i, fn;
            bool head = false;
            char *f;
            while (!head && j < ts->n && ts->v[j].kind == TK_TEXT && ts->v[j].line == t->line && hdr.len < 40) {
                sb_puts(&hdr, tok_text(ts, &ts->v[j++]));
                f = hz_fold(hdr.s, hdr.len, &fn);
                head = is_header_start(f);
                free(f);
            }
            if (head) {
                /* the header's cells, up to the first row label */
                sb_reset(&hdr);
                size_t k = i;
                for (; k < ts->n && k < i + 16; k++) {
                    const struct token *u = &ts->v[k];
                    if (u->kind == TK_ROW_END) { if (k > i + 1 && u->in_table) { k++; break; } continue; }
                    if (k >= j) {
                        struct walk probe = w;
                        struct match m = match_label(&probe, tok_text(ts, u), u->len);
                        if (m.row >= 0) break;
                    }
                    sb_puts(&hdr, tok_text(ts, u));
                }
                f = hz_fold(hdr.s, hdr.len, &fn);
                header_classify(f, &h);
                free(f);
                in_table = true;
                w.sec = SEC_NONE;
                w.scope_seen = 0;
                sb_reset(&label);
                i = k;
                continue;
            }
            if (!in_table) { i++; continue; }
            if (label.len == 0) label_line = t->line;
            sb_puts(&label, s);
            if (label.len > MAX_LABEL) { in_table = false; sb_reset(&label); }
            i++;
            continue;
        }
        if (!in_table || label.len == 0) { i++; continue; }
        /* the row's cells: unit words and value cells up to the next label */
        const struct token *g[MAX_GROUP];
        size_t ng = 0, j = i;
        while (j < ts->n && ts->v[j].kind != TK_ROW_END &&
               (ts->v[j].kind == TK_CELL || is_unit_word(tok_text(ts, &ts->v[j])))) {
            if (ng < MAX_GROUP) g[ng] = &ts->v[j];
            ng++;
            j++;
        }
        i = j;
        struct match m = match_label(&w, label.s, label.len);
        size_t want = (size_t)h.nval + (h.unit_col ? 1 : 0);
        const char *unit = NULL;
        const struct token *const *vals = g;
        if (m.metric >= 0) {
            if (ng == want && h.unit_col) {
                unit = tok_text(ts, g[0]);
                vals = g + 1;
            } else if (ng == (size_t)h.nval && !(h.unit_col && is_unit_word(tok_text(ts, g[0])))) {
                vals = g;
            } else if (h.nval == 2 && ng == want - 1 && zero_pair(ts, g, ng, h.unit_col)) {
                /* annual <= cumulative (A4): a lone 0 in either column leaves the annual cell 0 */
                unit = h.unit_col ? tok_text(ts, g[0]) : NULL;
                vals = h.unit_col ? g + 1 : g;
                stored += store_text_cell(r, m.metric, tok_text(ts, vals[0]), unit, label.s, vals[0]->line);
                (*rows_read)++;
                sb_reset(&label);
                continue;
            } else {
                diag_add(&r->diag, DIAG_NOTE, r->path, g[0]->line,
                         "%s: %zu cells where the form has %zu; row left out",
                         REG_METRICS[m.metric].label_zh, ng, want);
                sb_reset(&label);
                continue;
            }
            const struct token *v = vals[h.annual];
            size_t got = store_text_cell(r, m.metric, tok_text(ts, v), unit, label.s, v->line ? v->line : label_line);
            if (got && h.nval == 2) {
                const struct token *cu = vals[1 - h.annual];
                say_cumulative(r, m.metric, tok_text(ts, cu), unit, cu->line ? cu->line : label_line);
            }
            stored += got;
            (*rows_read)++;
        }
        sb_reset(&label);
    }
    sb_free(&label);
    sb_free(&hdr);
    return stored;
}

/* ==== run reader: cells that ran together ==== */

#define MAX_RUN_ROWS 48
#define MAX_CAND 16
#define MAX_DIGITS 30

struct run_row {
    int metric;
    const struct of_row *def;
    long line;
    char digits[MAX_DIGITS + 1];
    size_t ncand;
    int64_t cand[MAX_CAND][2];  /* value columns in printed order */
    int64_t orig[MAX_CAND][2];  /* before the prose filter */
    size_t norig;
    bool inferred;              /* the annual reading was settled by an equality (A1, A5) */
};

static bool isdig(char c) { return c >= '0' && c <= '9'; }

static size_t u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* An enumerator such as "1." / "2、" / "3．" at p (the digits and the mark), or 0. */
static size_t enumerator_at(const char *s, size_t n, size_t p)
{
    size_t q = p;
    while (q < n && isdig(s[q]) && q - p < 2) q++;
    if (q == p || q >= n || isdig(s[q])) return 0;
    size_t mark = s[q] == '.' ? 1 : (strncmp(s + q, "、", 3) == 0 || strncmp(s + q, "．", 3) == 0) ? 3 : 0;
    if (!mark || (q + mark < n && isdig(s[q + mark]))) return 0;
    return q + mark - p;
}

/* Candidate (annual, cumulative) readings of a run for k value columns. */
static size_t run_candidates(const char *d, size_t nd, size_t ntok, const char tok[2][MAX_DIGITS + 1],
                             const struct header *h, int64_t out[MAX_CAND][2])
{
    size_t k = (size_t)h->nval;
    if (ntok == k) {                                  /* the dump kept its separators */
        bool ok = true;
        int64_t v[2] = { 0, 0 };
        for (size_t i = 0; i < k && ok; i++) {
            size_t tl = strlen(tok[i]);
            if (tl == 0 || tl > 15 || (tl > 1 && tok[i][0] == '0')) ok = false;
            for (size_t j = 0; j < tl && ok; j++) v[i] = v[i] * 10 + (tok[i][j] - '0');
        }
        if (ok && (k == 1 || v[h->annual] <= v[1 - h->annual])) {
            out[0][0] = v[0];
            out[0][1] = v[1];
            return 1;
        }
    }
    if (k == 1) return 0;
    int64_t buf[64 * 2];
    size_t nc = flat_splits(d, nd, 2, 0, buf, 64);
    if (nc > 64) return 0;
    size_t m = 0;
    for (size_t c = 0; c < nc && m < MAX_CAND; c++) {
        int64_t a = buf[2 * c + (size_t)h->annual], cu = buf[2 * c + 1 - (size_t)h->annual];
        if (a > cu) continue;                         /* A4: annual <= cumulative */
        out[m][0] = buf[2 * c];
        out[m][1] = buf[2 * c + 1];
        m++;
    }
    return m;
}

/* The form's rules tying rows together (DOMAIN §3.3 A1, A2a/A5; 其中 rows):
 * SUM: total = sum of the parts present; PART: each part <= total. */
enum ident_kind { ID_SUM, ID_PART };
static const struct {
    enum ident_kind kind;
    int total;
    int parts[8];
    int nparts;
} RUN_IDENTS[] = {
    { ID_SUM, M_REQ_NEW, { M_REQ_CH_IN_PERSON, M_REQ_CH_FAX, M_REQ_CH_EMAIL, M_REQ_CH_WEB, M_REQ_CH_LETTER,
                           M_REQ_CH_OTHER, M_REQ_CH_LETTER_FAX }, 7 },
    { ID_SUM, M_REP_TOTAL, { M_REP_AGREE, M_REP_PARTIAL, M_REP_DENY_TOTAL, M_REP_OTHER_TYPE }, 4 },
    { ID_PART, M_PRO_TOTAL, { M_PRO_CH_WEBSITE, M_PRO_CH_GAZETTE }, 2 },
};

static struct run_row *find_row(struct run_row *rows, size_t nrows, int metric)
{
    for (size_t i = 0; i < nrows; i++)
        if (rows[i].metric == metric) return &rows[i];
    return NULL;
}

/* Do the readings of a row disagree on the annual column? */
static bool annual_open(const struct run_row *rr, int annual)
{
    for (size_t c = 1; c < rr->ncand; c++)
        if (rr->cand[c][annual] != rr->cand[0][annual]) return true;
    return false;
}

/* Keep the readings of the identity's rows that occur in some combination
 * satisfying it in every value column. Returns false when no combination does.
 * A row whose annual cell only an equality (ID_SUM) settles is marked inferred. */
static bool solve_ident(struct run_row *rows, size_t nrows, size_t id, int nval, int annual)
{
    struct run_row *tr = find_row(rows, nrows, RUN_IDENTS[id].total);
    if (!tr || tr->ncand == 0) return true;
    struct run_row *pr[8];
    size_t np = 0;
    for (int k = 0; k < RUN_IDENTS[id].nparts; k++) {
        struct run_row *p = find_row(rows, nrows, RUN_IDENTS[id].parts[k]);
        if (!p) continue;
        if (p->ncand == 0) return true;               /* a term is unknown: nothing to check */
        pr[np++] = p;
    }
    if (np == 0) return true;
    struct run_row *all[9];
    all[0] = tr;
    memcpy(all + 1, pr, np * sizeof *pr);
    size_t nall = np + 1, combos = 1;
    for (size_t i = 0; i < nall; i++) {
        combos *= all[i]->ncand;
        if (combos > 200000) return true;
    }
    bool keep[9][MAX_CAND];
    memset(keep, 0, sizeof keep);
    size_t nsurv = 0;
    for (size_t it = 0; it < combos; it++) {
        size_t x = it, ch[9];
        for (size_t i = 0; i < nall; i++) { ch[i] = x % all[i]->ncand; x /= all[i]->ncand; }
        bool ok = true;
        for (int col = 0; col < nval && ok; col++) {
            int64_t tot = all[0]->cand[ch[0]][col], sum = 0;
            for (size_t i = 1; i < nall; i++) {
                int64_t v = all[i]->cand[ch[i]][col];
                sum += v;
                if (RUN_IDENTS[id].kind == ID_PART && v > tot) ok = false;
            }
            if (RUN_IDENTS[id].kind == ID_SUM && sum != tot) ok = false;
        }
        if (!ok) continue;
        nsurv++;
        for (size_t i = 0; i < nall; i++) keep[i][ch[i]] = true;
    }
    if (nsurv == 0) return false;
    for (size_t i = 0; i < nall; i++) {
        bool open = annual_open(all[i], annual);
        size_t m = 0;
        for (size_t c = 0; c < all[i]->ncand; c++)
            if (keep[i][c]) { all[i]->cand[m][0] = all[i]->cand[c][0]; all[i]->cand[m][1] = all[i]->cand[c][1]; m++; }
        all[i]->ncand = m;
        if (RUN_IDENTS[id].kind == ID_SUM && open && !annual_open(all[i], annual)) all[i]->inferred = true;
    }
    return true;
}

/* Find the header of a flattened table in the compact text: "指标" then, within
 * a short window, 单位 and the column heads. *end: offset after the header. */
static bool find_run_header(const char *s, size_t n, size_t *start, size_t *end, struct header *h)
{
    for (const char *p = strstr(s, "指标"); p; p = strstr(p + 1, "指标")) {
        size_t at = (size_t)(p - s);
        size_t win = at + 90 < n ? at + 90 : n;
        char buf[128];
        size_t bl = win - at < sizeof buf - 1 ? win - at : sizeof buf - 1;
        memcpy(buf, p, bl);
        buf[bl] = '\0';
        char *u = strstr(buf, "单位");
        if (!u) continue;
        /* the header ends after its last column head */
        static const char *const HEADS[] = { "历年累计", "累计", "年度", "数量", "统计数", "实际", "单位", NULL };
        size_t e = 0;
        for (const char *const *hd = HEADS; *hd; hd++) {
            const char *q = strstr(buf, *hd);
            if (q && (size_t)(q - buf) + strlen(*hd) > e) e = (size_t)(q - buf) + strlen(*hd);
        }
        size_t fn;
        char *f = hz_fold(buf, e, &fn);
        header_classify(f, h);
        free(f);
        *start = at;
        *end = at + e;
        return true;
    }
    return false;
}

static void store_run_row(struct report *r, const struct run_row *rr, const struct header *h)
{
    int ap = rr->metric == M_REQ_NEW ? AP_TOTAL : AP_NONE;
    if (report_get(r, rr->metric, ap)) return;
    size_t a = (size_t)h->annual;
    bool agree = rr->ncand > 0;
    for (size_t c = 1; c < rr->ncand && agree; c++) agree = rr->cand[c][a] == rr->cand[0][a];
    if (agree) {
        report_set(r, rr->metric, ap, CELL_VALUE, Q_EXACT, rr->cand[0][a] * 100, SRC_TABLE, rr->line)->inferred =
            rr->inferred;
        bool cum = h->nval == 2;
        for (size_t c = 1; c < rr->ncand && cum; c++) cum = rr->cand[c][1 - a] == rr->cand[0][1 - a];
        if (cum) report_say(r, SAID_CUMULATIVE, rr->metric, ap, rr->cand[0][1 - a] * 100, Q_EXACT, rr->line);
        return;
    }
    strbuf b;
    sb_init(&b);
    for (size_t c = 0; c < rr->ncand && c < 6; c++)
        sb_printf(&b, "%s%lld|%lld", c ? " or " : "", (long long)rr->cand[c][0], (long long)rr->cand[c][1]);
    diag_add(&r->diag, DIAG_NOTE, r->path, rr->line,
             "%s: digits '%s' split %zu ways (%s); annual cell not determined, left NA",
             REG_METRICS[rr->metric].label_zh, rr->digits, rr->ncand, b.s ? b.s : "");
    sb_free(&b);
    report_set(r, rr->metric, ap, CELL_NA, Q_AMBIGUOUS, 0, SRC_TABLE, rr->line);
}

static size_t read_runs(struct report *r, const struct compact *c, unsigned form)
{
    const char *s = c->text.s;
    size_t n = c->text.len, t0, p;
    struct header h;
    if (!find_run_header(s, n, &t0, &p, &h)) return 0;
    struct walk w = { .form = form };
    struct run_row rows[MAX_RUN_ROWS];
    size_t nrows = 0;
    while (p < n && nrows < MAX_RUN_ROWS) {
        /* the label: up to a digit that is not an enumerator (notes in brackets skipped) */
        size_t q = p;
        while (q < n && q - p <= MAX_LABEL) {
            if (isdig(s[q])) {
                size_t e = enumerator_at(s, n, q);
                if (!e) break;
                q += e;
                continue;
            }
            q += u8len((unsigned char)s[q]);
        }
        if (q >= n || q - p > MAX_LABEL) break;
        /* the run: digits and spaces; a digit before ".中文" is the next enumerator */
        size_t e = q, last = q;
        while (e < n && (isdig(s[e]) || s[e] == ' ')) { if (isdig(s[e])) last = e + 1; e++; }
        e = last;
        if (e < n && enumerator_at(s, n, e - 1) && e - 1 > q) e--;
        struct run_row rr = { .metric = -1 };
        char tok[2][MAX_DIGITS + 1] = { "", "" };
        size_t nd = 0, ntok = 0;
        bool in_tok = false, too_long = false;
        for (size_t i = q; i < e; i++) {
            if (s[i] == ' ') { in_tok = false; continue; }
            if (nd >= MAX_DIGITS) { too_long = true; break; }
            rr.digits[nd++] = s[i];
            if (!in_tok) { ntok++; in_tok = true; }
            if (ntok <= 2) { size_t tl = strlen(tok[ntok - 1]); if (tl < MAX_DIGITS) tok[ntok - 1][tl] = s[i]; }
        }
        rr.digits[nd] = '\0';
        if ((e < n && s[e] == '|') || memchr(s + p, '|', q - p)) return 0;   /* cells with separators: not a run */
        struct match m = match_label(&w, s + p, q - p);
        size_t label_cp = 0;
        for (size_t i = p; i < q; i += u8len((unsigned char)s[i])) label_cp++;
        if (m.metric < 0) {
            if (label_cp > 40) break;                 /* prose: the table has ended */
            p = e > q ? e : q + 1;
            continue;
        }
        rr.metric = m.metric;
        rr.def = &OF_ROWS[m.row];
        rr.line = compact_line(c, q);
        if (!too_long) rr.ncand = run_candidates(rr.digits, nd, ntok, (const char (*)[MAX_DIGITS + 1])tok, &h, rr.cand);
        if (rr.ncand == 0)
            diag_add(&r->diag, DIAG_NOTE, r->path, rr.line, "%s: digits '%s' give no reading for %d columns; left out",
                     REG_METRICS[rr.metric].label_zh, rr.digits, h.nval);
        memcpy(rr.orig, rr.cand, sizeof rr.cand);
        rr.norig = rr.ncand;
        if (!find_row(rows, nrows, rr.metric)) rows[nrows++] = rr;
        p = e;
    }
    size_t t1 = p;
    /* a reading stated again in the prose settles an ambiguous row */
    for (size_t i = 0; i < nrows; i++) {
        struct run_row *rr = &rows[i];
        if (rr->ncand < 2 || !rr->def->prose) continue;
        size_t hit = 0, which = 0;
        for (size_t k = 0; k < rr->ncand; k++)
            if (flat_prose_states(s, n, t0, t1, (const char *const[]){ rr->def->prose, NULL }, NULL,
                                  rr->cand[k][h.annual])) {
                hit++;
                which = k;
            }
        if (hit == 1) {
            rr->cand[0][0] = rr->cand[which][0];
            rr->cand[0][1] = rr->cand[which][1];
            rr->ncand = 1;
        }
    }
    for (size_t id = 0; id < ARRAY_LEN(RUN_IDENTS); id++) {
        if (solve_ident(rows, nrows, id, h.nval, h.annual)) continue;
        /* no combination holds with the prose choices: retry the identity's rows
         * with every reading (a source inconsistency leaves them ambiguous) */
        for (size_t i = 0; i < nrows; i++) {
            bool member = rows[i].metric == RUN_IDENTS[id].total;
            for (int k = 0; k < RUN_IDENTS[id].nparts; k++) member |= rows[i].metric == RUN_IDENTS[id].parts[k];
            if (!member) continue;
            memcpy(rows[i].cand, rows[i].orig, sizeof rows[i].cand);
            rows[i].ncand = rows[i].norig;
            rows[i].inferred = false;
        }
        solve_ident(rows, nrows, id, h.nval, h.annual);
    }
    size_t stored = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (rows[i].ncand == 0) continue;
        store_run_row(r, &rows[i], &h);
        stored++;
    }
    return stored;
}

size_t oldform_extract(struct report *r, const struct tokstream *ts, const struct compact *c)
{
    pthread_once(&keys_once, build_keys);
    unsigned form = r->regime == RG_R14 ? F_R14 : F_R08;
    size_t rows = 0;
    size_t n = read_tokens(r, ts, form, &rows);
    if (rows == 0) n += read_runs(r, c, form);
    return n;
}
