/* extract.c - the statistics tables of the 2019 and 2021 templates.
 *
 * Input is the token stream of lex.h, whatever the layout. The extractor
 * walks it once, keeping the label text that precedes each run of value
 * cells; the label is folded (hanzi.h) and matched against the rows of the
 * form, which are data: T2_ROWS (表二, per template version), EXTRACT_T3_ROWS
 * (表三, labels from the metric registry) and EXTRACT_T4_COLS (表四). Matching
 * prefers the registered label that ends last in the label text (a wrapped
 * group label such as "（三）不予公开" comes before the row's own label), then
 * the longest; inside 表三 a row label with typos ("2.其他法律行政止公开") is
 * accepted by edit distance against the row the form expects next.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/extract.h"
#include "ogistat/hanzi.h"
#include "ogistat/numparse.h"
#include "ogistat/registry.h"
#include "ogistat/util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NO_METRIC (-1)
#define MAX_LABELS 12
#define LABEL_KEEP 512          /* bytes of label text kept before a value run (wrapped labels are shorter) */
#define TAIL_SLACK 6            /* bytes of unmatched text allowed after a label (2 CJK chars) */

/* ==== the form, as data ==== */

/* 表二 rows: one label set, and per template version the metric of each column. */
struct t2_row {
    const char *labels[3];
    int n19, r19[3];            /* R19: 本年新制作/新公开/对外公开总数量, 上一年项目数量/本年增减/处理决定数量, ... */
    int n21, r21[3];            /* R21: 本年制发/废止/现行有效, 本年处理决定数量, 本年收费金额 */
};

static const struct t2_row T2_ROWS[] = {
    { .labels = { "规章" },
      .n19 = 3, .r19 = { M_ART20_RULES_MADE, M_ART20_RULES_PUBLISHED, M_ART20_RULES_PUBLIC_TOTAL },
      .n21 = 3, .r21 = { M_ART20_RULES_ISSUED, M_ART20_RULES_REPEALED, M_ART20_RULES_IN_FORCE } },
    { .labels = { "规范性文件", "行政规范性文件" },
      .n19 = 3, .r19 = { M_ART20_NORMDOC_MADE, M_ART20_NORMDOC_PUBLISHED, M_ART20_NORMDOC_PUBLIC_TOTAL },
      .n21 = 3, .r21 = { M_ART20_NORMDOC_ISSUED, M_ART20_NORMDOC_REPEALED, M_ART20_NORMDOC_IN_FORCE } },
    { .labels = { "行政许可" },
      .n19 = 3, .r19 = { M_ART20_LICENSE_PREV_ITEMS, M_ART20_LICENSE_DELTA, M_ART20_LICENSE_DECISIONS },
      .n21 = 1, .r21 = { M_ART20_LICENSE_DECISIONS } },
    { .labels = { "其他对外管理服务事项" },
      .n19 = 3, .r19 = { M_ART20_OTHERSVC_PREV_ITEMS, M_ART20_OTHERSVC_DELTA, M_ART20_OTHERSVC_DECISIONS },
      .n21 = 0 },
    { .labels = { "行政处罚" },
      .n19 = 3, .r19 = { M_ART20_PENALTY_PREV_ITEMS, M_ART20_PENALTY_DELTA, M_ART20_PENALTY_DECISIONS },
      .n21 = 1, .r21 = { M_ART20_PENALTY_DECISIONS } },
    { .labels = { "行政强制" },
      .n19 = 3, .r19 = { M_ART20_COERCION_PREV_ITEMS, M_ART20_COERCION_DELTA, M_ART20_COERCION_DECISIONS },
      .n21 = 1, .r21 = { M_ART20_COERCION_DECISIONS } },
    { .labels = { "行政事业性收费" },
      .n19 = 2, .r19 = { M_ART20_FEE_PREV_ITEMS, M_ART20_FEE_DELTA },
      .n21 = 1, .r21 = { M_ART20_FEE_AMOUNT_YUAN } },
    { .labels = { "政府集中采购" },
      .n19 = 2, .r19 = { M_ART20_PROCURE_ITEMS, M_ART20_PROCURE_AMOUNT_YUAN },
      .n21 = 0 },
};

/* Header words that tell the two versions of 表二 apart (DOMAIN §1.3-1.4). */
static const char *const T2_WORDS_R21[] = { "本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", NULL };
static const char *const T2_WORDS_R19[] = { "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
                                            "采购项目数量", NULL };

/* Money columns of 表二 and the unit of a bare cell: 万元 when the header says
 * 万元 after the anchor, 元 when it says 元, else no_unit (the R21 form prints
 * 本年收费金额（单位：万元）; procurement amounts vary). */
static const struct { int metric; const char *anchor; int64_t no_unit; } T2_MONEY[] = {
    { .metric = M_ART20_FEE_AMOUNT_YUAN, .anchor = "", .no_unit = 10000 },
    { .metric = M_ART20_PROCURE_AMOUNT_YUAN, .anchor = "采购", .no_unit = 1 },
};

/* 表三 rows in the order of the form. Labels come from the registry (R19, R21, variants). */
const int EXTRACT_T3_ROWS[] = {   /* its size is checked against EXTRACT_N_T3 by the declaration */
    M_REQ_NEW, M_REQ_CARRY_IN,
    M_RES_GRANTED, M_RES_PARTIAL,
    M_RES_DENIED_TOTAL, M_RES_DENIED_STATE_SECRET, M_RES_DENIED_LAW_FORBIDDEN, M_RES_DENIED_SAFETY_STABILITY,
    M_RES_DENIED_THIRD_PARTY, M_RES_DENIED_INTERNAL_AFFAIRS, M_RES_DENIED_PROCESS_INFO,
    M_RES_DENIED_ENFORCEMENT_FILE, M_RES_DENIED_ADMIN_QUERY,
    M_RES_UNABLE_TOTAL, M_RES_UNABLE_NOT_HELD, M_RES_UNABLE_NEEDS_CREATION, M_RES_UNABLE_UNCLEAR,
    M_RES_NOPROC_TOTAL, M_RES_NOPROC_PETITION, M_RES_NOPROC_REPEAT, M_RES_NOPROC_PUBLICATION,
    M_RES_NOPROC_EXCESSIVE, M_RES_NOPROC_CONFIRM,
    M_RES_OTHER_TOTAL, M_RES_OTHER_NO_CORRECTION, M_RES_OTHER_NO_FEE, M_RES_OTHER_MISC,
    M_RES_TOTAL, M_REQ_CARRY_OUT,
};
#define N_T3 ((size_t)EXTRACT_N_T3)

/* Extra labels seen in real reports, beyond the registry's. */
static const struct { int metric; const char *label; } T3_EXTRA[] = {
    { M_RES_TOTAL, "总计" },
    { M_RES_OTHER_MISC, "其他" },
};

/* Short labels are ambiguous ("总计" is also a column, "其他" also an applicant):
 * they are accepted only right after one of the listed rows. */
static const struct { int metric; int after[4]; int nafter; } T3_SHORT_CONTEXT[] = {
    { M_RES_OTHER_MISC, { M_RES_OTHER_NO_FEE, M_RES_OTHER_NO_CORRECTION, M_RES_OTHER_TOTAL }, 3 },
    { M_RES_TOTAL, { M_RES_OTHER_MISC, M_RES_OTHER_TOTAL, M_RES_OTHER_NO_FEE, M_RES_NOPROC_CONFIRM }, 4 },
};

/* Columns of 表三: applicant per column, with and without an org subtotal column. */
const int EXTRACT_T3_COLS[7] = { AP_NATURAL, AP_ORG_BUSINESS, AP_ORG_RESEARCH, AP_ORG_NGO, AP_ORG_LEGAL,
                                AP_ORG_OTHER, AP_TOTAL };
static const int T3_COLS8[] = { AP_NATURAL, AP_ORG_BUSINESS, AP_ORG_RESEARCH, AP_ORG_NGO, AP_ORG_LEGAL,
                                AP_ORG_OTHER, AP_ORG_SUBTOTAL, AP_TOTAL };

/* 表四: fifteen cells in the form's column order. */
const int EXTRACT_T4_COLS[15] = {
    M_REV_UPHELD, M_REV_CORRECTED, M_REV_OTHER, M_REV_PENDING, M_REV_TOTAL,
    M_LIT_DIRECT_UPHELD, M_LIT_DIRECT_CORRECTED, M_LIT_DIRECT_OTHER, M_LIT_DIRECT_PENDING, M_LIT_DIRECT_TOTAL,
    M_LIT_AFTER_REV_UPHELD, M_LIT_AFTER_REV_CORRECTED, M_LIT_AFTER_REV_OTHER, M_LIT_AFTER_REV_PENDING,
    M_LIT_AFTER_REV_TOTAL,
};
#define N_T4 ARRAY_LEN(EXTRACT_T4_COLS)

/* Local tables printed after 表四 (漳州 form: 信息处理费收取情况 | 通知收取件数 | 通知收取金额 | 实际收取金额). */
static const struct { const char *label; int n; int cols[3]; } EXTRA_ROWS[] = {
    { "信息处理费收取情况", 3, { M_INFO_PROC_FEE_CASES, NO_METRIC, M_INFO_PROC_FEE_YUAN } },
};

/* Section headings (matched on the raw, Simplified token text). */
static const char *const SEC_T2[] = { "主动公开政府信息情况", "第二十条第", NULL };
static const char *const SEC_T3[] = { "收到和处理政府信息公开申请", NULL };
static const char *const SEC_END[] = { "存在的主要问题", "其他需要报告的事项", NULL };

/* ==== folded label cache (built once, read-only afterwards) ==== */

struct flabel {
    char *s;
    size_t n;
    size_t ncp;                 /* code points, for the edit-distance bound */
};

static struct flabel T3_LAB[N_T3][MAX_LABELS];
static struct flabel T2_LAB[ARRAY_LEN(T2_ROWS)][3];
static struct flabel EXTRA_LAB[ARRAY_LEN(EXTRA_ROWS)];
static pthread_once_t labels_once = PTHREAD_ONCE_INIT;

static size_t count_cp(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* Remove parenthetical notes "(...)" (after width folding). An unclosed "("
 * runs to the end: pdftotext wraps a long note ("（区分处理的，只计这一情 / 形，
 * 不计其他情形）") around the row's values, so its end comes after them. */
static void strip_parens(char *s, size_t *n)
{
    size_t o = 0;
    for (size_t i = 0; i < *n; i++) {
        if (s[i] == '(') {
            const char *close = memchr(s + i, ')', *n - i);
            if (!close) break;
            i = (size_t)(close - s);
            continue;
        }
        s[o++] = s[i];
    }
    *n = o;
    s[o] = '\0';
}

char *extract_fold_label(const char *s, size_t n)
{
    size_t fn;
    char *f = hz_fold(s, n, &fn);
    strip_parens(f, &fn);
    return f;
}

static void flabel_set(struct flabel *fl, const char *s)
{
    fl->s = extract_fold_label(s, strlen(s));
    fl->n = strlen(fl->s);
    fl->ncp = count_cp(fl->s, fl->n);
}

static void add_t3_label(size_t row, const char *s)
{
    for (size_t k = 0; k < MAX_LABELS; k++) {
        if (!T3_LAB[row][k].s) {
            flabel_set(&T3_LAB[row][k], s);
            if (T3_LAB[row][k].n == 0) { free(T3_LAB[row][k].s); T3_LAB[row][k].s = NULL; }
            return;
        }
        /* skip duplicates */
        char *f = extract_fold_label(s, strlen(s));
        int same = strcmp(f, T3_LAB[row][k].s) == 0;
        free(f);
        if (same) return;
    }
}

static void build_labels(void)
{
    for (size_t r = 0; r < N_T3; r++) {
        const struct metric_def *m = &REG_METRICS[EXTRACT_T3_ROWS[r]];
        for (int g = 2; g <= 3; g++)
            for (const char *const *l = m->labels[g]; l && *l; l++) add_t3_label(r, *l);
        for (const char *const *l = m->variants; l && *l; l++) add_t3_label(r, *l);
        for (size_t e = 0; e < ARRAY_LEN(T3_EXTRA); e++)
            if (T3_EXTRA[e].metric == EXTRACT_T3_ROWS[r]) add_t3_label(r, T3_EXTRA[e].label);
    }
    for (size_t r = 0; r < ARRAY_LEN(T2_ROWS); r++)
        for (size_t k = 0; k < 3 && T2_ROWS[r].labels[k]; k++) flabel_set(&T2_LAB[r][k], T2_ROWS[r].labels[k]);
    for (size_t r = 0; r < ARRAY_LEN(EXTRA_ROWS); r++) flabel_set(&EXTRA_LAB[r], EXTRA_ROWS[r].label);
}

/* ==== matching ==== */

struct match {
    int row;                    /* index into the row table, -1 if none */
    size_t end, len;
};

/* Length of the longest prefix of the label that the text ends with (at least
 * half the label and 4 characters): a label wrapped around its values
 * ("5.要求行政机关确认或重新出 / 1 0 0 ... / 具已获取信息"). */
static size_t prefix_tail(const char *f, size_t fn, const struct flabel *fl)
{
    size_t min = fl->n / 2 > 12 ? fl->n / 2 : 12;
    for (size_t k = fl->n - 1; k >= min && k > 0; k--) {
        if (((unsigned char)fl->s[k] & 0xC0) == 0x80) continue;   /* whole characters only */
        if (k <= fn && memcmp(f + fn - k, fl->s, k) == 0) return k;
    }
    return 0;
}

/* End of the last occurrence of the label that ends within TAIL_SLACK of the
 * text's end (only such a match can win), or 0. */
static size_t near_end(const char *f, size_t fn, const char *l, size_t ln)
{
    if (ln == 0 || ln > fn) return 0;
    size_t lo = fn - ln > TAIL_SLACK ? fn - ln - TAIL_SLACK : 0;
    for (size_t i = fn - ln + 1; i-- > lo;)
        if (f[i] == l[0] && memcmp(f + i, l, ln) == 0) return i + ln;
    return 0;
}

static void consider(struct match *best, int row, const struct flabel *fl, const char *f, size_t fn)
{
    if (!fl->s) return;
    size_t e = near_end(f, fn, fl->s, fl->n);
    if (e == 0) {
        size_t k = prefix_tail(f, fn, fl);
        if (k == 0) return;
        e = fn;
    }
    if (best->row < 0 || e > best->end || (e == best->end && fl->n > best->len)) {
        best->row = row;
        best->end = e;
        best->len = fl->n;
    }
}

/* Levenshtein distance over code points, bounded work (labels are short). */
static size_t edit_distance(const char *a, size_t an, const char *b, size_t bn)
{
    unsigned ca[96], cb[96];
    size_t na = 0, nb = 0, l;
    for (size_t i = 0; i < an && na < 96; i += l) ca[na++] = utf8_decode((const unsigned char *)a + i, an - i, &l);
    for (size_t i = 0; i < bn && nb < 96; i += l) cb[nb++] = utf8_decode((const unsigned char *)b + i, bn - i, &l);
    size_t prev[97], cur[97];
    for (size_t j = 0; j <= nb; j++) prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t sub = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (nb + 1) * sizeof *prev);
    }
    return prev[nb];
}

/* Byte offset of the start of the last k code points of s. */
static size_t tail_cp(const char *s, size_t n, size_t k)
{
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        if (((unsigned char)s[i] & 0xC0) != 0x80) k--;
    }
    return i;
}

/* Byte length of the first m code points of s. */
static size_t head_cp(const char *s, size_t n, size_t m)
{
    size_t i = 0;
    while (i < n && m > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
        m--;
    }
    return i;
}

/* Does the end of the label text look like label fl, or a long prefix of it
 * (wrapped around its values), within a few typos? A quarter of the
 * characters may differ: "2.其他法律行政止公开" (3 missing of 12), and a
 * vertical group label read into the row's ("…收费通知要他处理求缴纳…"). */
static bool fuzzy_tail(const char *f, size_t fn, const struct flabel *fl)
{
    if (!fl->s || fl->ncp < 4) return false;
    size_t mmin = fl->ncp / 2 > 4 ? fl->ncp / 2 : 4;
    for (size_t m = fl->ncp; m >= mmin; m--) {
        size_t ln = head_cp(fl->s, fl->n, m);
        size_t bound = m / 4 > 2 ? m / 4 : 2;
        for (size_t k = m > bound ? m - bound : 1; k <= m + bound; k++) {
            size_t off = tail_cp(f, fn, k);
            if (edit_distance(f + off, fn - off, fl->s, ln) <= bound) return true;
        }
    }
    return false;
}

bool extract_t4_n5(const int64_t *v)
{
    for (size_t g = 0; g < 15; g += 5)
        if (v[g] + v[g + 1] + v[g + 2] + v[g + 3] != v[g + 4]) return false;
    return true;
}

/* ==== the walk ==== */

enum mode { MD_NONE, MD_T2, MD_T3, MD_T4, MD_END };

struct walk {
    struct report *r;
    const struct tokstream *ts;
    struct extract_info *info;
    enum mode mode;
    strbuf label;               /* raw label text since the last value run */
    strbuf t2_text;             /* folded-ish raw header text of 表二 so far */
    int last_t3;                /* metric of the last 表三 row matched, -1 */
    bool t3_subtotal;
    struct token t4[N_T4];      /* 表四 cells collected so far (printed as one row, or as 3 groups of 5) */
    size_t t4n;
};

void extract_put_cell(struct report *r, const struct tokstream *ts, int metric, int applicant, const struct token *t,
                      int64_t header_factor)
{
    const char *s = tok_text(ts, t);
    const struct metric_def *m = &REG_METRICS[metric];
    bool signed_ok = strstr(m->id, "_delta") != NULL;
    struct numval v;
    enum cell_status st = num_parse_cell(s, t->len, signed_ok, &v);
    int64_t v100 = 0;
    char q[64];
    if (st == CELL_VALUE && v.is_ratio) st = CELL_UNPARSEABLE;
    if (st == CELL_VALUE) {
        int64_t factor = 1;
        if (strcmp(m->unit, "元") == 0) {
            if (strcmp(v.unit, "万元") == 0) factor = 10000;
            else if (strcmp(v.unit, "元") == 0) factor = 1;
            else factor = header_factor;
        }
        if (!num_to_v100(&v, factor, &v100)) st = CELL_UNPARSEABLE;
        else if (v100 < 0 && !signed_ok) st = CELL_UNPARSEABLE;
    }
    if (st == CELL_UNPARSEABLE) {
        diag_quote(q, sizeof q, s, t->len, 40);
        diag_add(&r->diag, DIAG_WARN, r->path, t->line, "%s: not a count, recorded as NA '%s'", m->id, q);
        st = CELL_NA;
    }
    const struct cell *old = report_get(r, metric, applicant);
    if (old && old->status == CELL_VALUE && st != CELL_VALUE) return;  /* never overwrite a value with a blank */
    report_set(r, metric, applicant, st, st == CELL_VALUE ? v.q : Q_EXACT, v100, SRC_TABLE, t->line);
}

static void put_cell(struct walk *w, int metric, int applicant, const struct token *t, int64_t header_factor)
{
    extract_put_cell(w->r, w->ts, metric, applicant, t, header_factor);
}

static void row_count_note(struct walk *w, const char *what, const struct token *cells, size_t k, size_t want)
{
    char q[96];
    strbuf b;
    sb_init(&b);
    for (size_t i = 0; i < k && i < 16; i++) {
        if (i) sb_putc(&b, ' ');
        sb_append(&b, tok_text(w->ts, &cells[i]), cells[i].len);
    }
    diag_quote(q, sizeof q, b.s ? b.s : "", b.len, 80);
    sb_free(&b);
    diag_add(&w->r->diag, DIAG_NOTE, w->r->path, cells[0].line,
             "%s: %zu value%s where %zu were expected, row left out '%s'", what, k, k == 1 ? "" : "s", want, q);
}

/* How many cells of a run are usable for a row of want columns: want when the
 * run has exactly that many, or (structured rows) more whose extras are empty
 * padding from colspans. 0 when the row cannot be aligned. */
static size_t usable(const struct token *cells, size_t k, size_t want)
{
    if (k == want) return want;
    if (k > want && cells[0].in_table) {
        for (size_t i = want; i < k; i++)
            if (cells[i].len) return 0;
        return want;
    }
    return 0;
}

static bool all_blank(const struct token *cells, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (cells[i].len) return false;
    return true;
}

enum regime extract_t2_version(const char *header)
{
    if (str_contains_any(header, T2_WORDS_R21)) return RG_R21;
    if (str_contains_any(header, T2_WORDS_R19)) return RG_R19;
    return RG_NONE;
}

int64_t extract_t2_factor(int metric, const char *header)
{
    for (size_t i = 0; i < ARRAY_LEN(T2_MONEY); i++) {
        if (T2_MONEY[i].metric != metric) continue;
        const char *from = strstr(header, T2_MONEY[i].anchor);
        if (!from) return T2_MONEY[i].no_unit;
        if (strstr(from, "万元")) return 10000;
        return strstr(from, "元") ? 1 : T2_MONEY[i].no_unit;
    }
    return 1;
}

int extract_t2_row(const char *label, size_t n, enum regime ver, const int **cols)
{
    pthread_once(&labels_once, build_labels);
    char *f = extract_fold_label(label, n);
    int found = -1;
    for (size_t r = 0; r < ARRAY_LEN(T2_ROWS) && found < 0; r++)
        for (size_t j = 0; j < 3 && T2_LAB[r][j].s; j++)
            if (strcmp(f, T2_LAB[r][j].s) == 0) {
                found = (int)r;
                break;
            }
    free(f);
    if (found < 0) return -1;
    *cols = ver == RG_R19 ? T2_ROWS[found].r19 : T2_ROWS[found].r21;
    return ver == RG_R19 ? T2_ROWS[found].n19 : T2_ROWS[found].n21;
}

static enum regime t2_version(struct walk *w, size_t ncells, const struct t2_row *row)
{
    enum regime ver = extract_t2_version(w->t2_text.s ? w->t2_text.s : "");
    if (ver != RG_NONE) return ver;
    if (row->n19 != row->n21) {
        if (ncells == (size_t)row->n21) return RG_R21;
        if (ncells == (size_t)row->n19) return RG_R19;
    }
    return w->info->doc_regime == RG_R19 ? RG_R19 : RG_R21;
}

/* Is s exactly n zeros? */
static bool zeros_run(const char *s, size_t n)
{
    size_t i = 0;
    while (s[i] == '0') i++;
    return i == n && s[i] == '\0';
}

static bool try_t2(struct walk *w, const char *f, size_t fn, const struct token *cells, size_t k)
{
    struct match best = { .row = -1 };
    for (size_t r = 0; r < ARRAY_LEN(T2_ROWS); r++)
        for (size_t j = 0; j < 3; j++) consider(&best, (int)r, &T2_LAB[r][j], f, fn);
    if (best.row < 0) return false;
    const struct t2_row *row = &T2_ROWS[best.row];
    enum regime ver = t2_version(w, k, row);
    int n = ver == RG_R19 ? row->n19 : row->n21;
    const int *cols = ver == RG_R19 ? row->r19 : row->r21;
    if (n == 0) return true;    /* a row this version does not have */
    size_t use = usable(cells, k, (size_t)n);
    if (!use && k == 1 && zeros_run(tok_text(w->ts, &cells[0]), (size_t)n)) {
        /* "00": zero cells that ran together (no number starts with 0), 0 in any unit */
        for (int i = 0; i < n; i++)
            if (!report_get(w->r, cols[i], AP_NONE))
                report_set(w->r, cols[i], AP_NONE, CELL_VALUE, Q_EXACT, 0, SRC_TABLE, cells[0].line);
        w->info->t2_found = true;
        return true;
    }
    if (!use) {
        row_count_note(w, T2_ROWS[best.row].labels[0], cells, k, (size_t)n);
        return true;
    }
    const char *t2 = w->t2_text.s ? w->t2_text.s : "";
    for (int i = 0; i < n; i++) put_cell(w, cols[i], AP_NONE, &cells[i], extract_t2_factor(cols[i], t2));
    w->info->t2_found = true;
    if (w->info->t2_version == RG_NONE) w->info->t2_version = ver;
    return true;
}

static int t3_index(int metric)
{
    for (size_t i = 0; i < N_T3; i++)
        if (EXTRACT_T3_ROWS[i] == metric) return (int)i;
    return -1;
}

static bool short_ok(const struct walk *w, int metric, const struct flabel *fl)
{
    if (fl->ncp > 2) return true;
    for (size_t i = 0; i < ARRAY_LEN(T3_SHORT_CONTEXT); i++) {
        if (T3_SHORT_CONTEXT[i].metric != metric) continue;
        for (int j = 0; j < T3_SHORT_CONTEXT[i].nafter; j++)
            if (T3_SHORT_CONTEXT[i].after[j] == w->last_t3) return true;
        return false;
    }
    return w->last_t3 >= 0;
}

static bool try_t3(struct walk *w, const char *f, size_t fn, const struct token *cells, size_t k)
{
    struct match best = { .row = -1 };
    for (size_t r = 0; r < N_T3; r++)
        for (size_t j = 0; j < MAX_LABELS; j++) {
            const struct flabel *fl = &T3_LAB[r][j];
            if (fl->s && short_ok(w, EXTRACT_T3_ROWS[r], fl)) consider(&best, (int)r, fl, f, fn);
        }
    if (best.row < 0 && w->last_t3 >= 0) {
        /* a typo in a row label: accept the row the form expects next, if close */
        int next = t3_index(w->last_t3) + 1;
        for (int r = next; r < (int)N_T3 && r <= next + 1 && best.row < 0; r++)
            for (size_t j = 0; j < MAX_LABELS && best.row < 0; j++)
                if (fuzzy_tail(f, fn, &T3_LAB[r][j])) best.row = r;
    }
    if (best.row < 0) return false;
    int metric = EXTRACT_T3_ROWS[best.row];
    const int *cols = w->t3_subtotal ? T3_COLS8 : EXTRACT_T3_COLS;
    size_t want = w->t3_subtotal ? ARRAY_LEN(T3_COLS8) : ARRAY_LEN(EXTRACT_T3_COLS);
    size_t use = usable(cells, k, want);
    if (!use) {
        /* before the table's heading, a row label followed by a stray number is prose */
        if (w->mode != MD_T3) return false;
        row_count_note(w, REG_METRICS[metric].label_zh, cells, k, want);
        w->last_t3 = metric;
        return true;
    }
    /* a header row ("自然人 | 法人或其他组织 | 总计 | | |") is not a data row */
    if (cells[0].in_table && all_blank(cells, use) && best.len <= 6) return true;
    for (size_t i = 0; i < use; i++) put_cell(w, metric, cols[i], &cells[i], 1);
    w->last_t3 = metric;
    w->info->t3_found = true;
    if (metric == M_RES_OTHER_NO_CORRECTION || metric == M_RES_OTHER_NO_FEE || metric == M_RES_OTHER_MISC)
        w->info->other_split = true;
    return true;
}

static bool try_extra(struct walk *w, const char *f, size_t fn, const struct token *cells, size_t k)
{
    struct match best = { .row = -1 };
    for (size_t r = 0; r < ARRAY_LEN(EXTRA_ROWS); r++) consider(&best, (int)r, &EXTRA_LAB[r], f, fn);
    if (best.row < 0) return false;
    size_t use = usable(cells, k, (size_t)EXTRA_ROWS[best.row].n);
    if (!use) return true;
    for (size_t i = 0; i < use; i++)
        if (EXTRA_ROWS[best.row].cols[i] != NO_METRIC) put_cell(w, EXTRA_ROWS[best.row].cols[i], AP_NONE, &cells[i], 1);
    return true;
}

/* 表四: fifteen cells after its heading, printed as one row of 15 or as three
 * groups of 5 under their own headings. Empty cells of a structured row are
 * real blanks (上海 2019 prints zeros as empty cells); trailing empties beyond a
 * multiple of five are colspan padding. */
static void t4_collect(struct walk *w, const struct token *cells, size_t k)
{
    if (cells[0].in_table) {
        while (k > 0 && k % 5 != 0 && cells[k - 1].len == 0) k--;
        if (k > N_T4) {
            for (size_t i = N_T4; i < k; i++)
                if (cells[i].len) { row_count_note(w, "表四", cells, k, N_T4); return; }
            k = N_T4;
        }
        if (k == 0 || all_blank(cells, k)) return;
    }
    if (k == N_T4) w->t4n = 0;                    /* a complete row replaces partial groups */
    if (w->t4n + k > N_T4) {
        row_count_note(w, "表四", cells, k, N_T4 - w->t4n);
        w->t4n = 0;
        return;
    }
    memcpy(&w->t4[w->t4n], cells, k * sizeof *cells);
    w->t4n += k;
    if (w->t4n < N_T4) return;
    for (size_t i = 0; i < N_T4; i++) put_cell(w, EXTRACT_T4_COLS[i], AP_NONE, &w->t4[i], 1);
    w->info->t4_found = true;
}

/* Section headings are short: an introduction that names every section is not one. */
#define HEADING_MAX 90

static void on_text(struct walk *w, const struct token *t)
{
    const char *s = tok_text(w->ts, t);
    if (t->len > HEADING_MAX) {
        /* prose: part of the label run only */
    } else if (w->mode != MD_T4 && w->mode != MD_END) {
        if (str_contains_any(s, SEC_T3)) w->mode = MD_T3;
        else if (str_contains_any(s, SEC_T2) && w->mode == MD_NONE) w->mode = MD_T2;
    }
    if (t->len <= HEADING_MAX && w->mode == MD_T3 && w->last_t3 >= 0 && strstr(s, "复议")) w->mode = MD_T4;
    if (t->len <= HEADING_MAX && w->mode == MD_T4 && str_contains_any(s, SEC_END)) {
        if (!w->info->t4_found && w->t4n)
            diag_add(&w->r->diag, DIAG_NOTE, w->r->path, t->line, "表四: only %zu of 15 values found, left out", w->t4n);
        w->mode = MD_END;
    }
    if (w->mode == MD_T2)           /* header words, without the spaces PDFs put inside them */
        for (size_t i = 0; i < t->len; i++)
            if (s[i] != ' ') sb_putc(&w->t2_text, s[i]);
    if (w->mode == MD_T3 && w->last_t3 < 0 && (strstr(s, "小计") || strstr(s, "合计"))) w->t3_subtotal = true;
    sb_append(&w->label, s, t->len);
    if (w->label.len > 2 * LABEL_KEEP) {
        /* prose before a number is not a label: keep the tail, at a character boundary */
        size_t cut = w->label.len - LABEL_KEEP;
        while (cut < w->label.len && ((unsigned char)w->label.s[cut] & 0xC0) == 0x80) cut++;
        memmove(w->label.s, w->label.s + cut, w->label.len - cut + 1);
        w->label.len -= cut;
    }
}

static void on_cells(struct walk *w, const struct token *cells, size_t k)
{
    if (w->mode == MD_T4 && !w->info->t4_found) {
        t4_collect(w, cells, k);
        return;
    }
    if (w->label.len == 0) return;
    char *f = extract_fold_label(w->label.s, w->label.len);
    size_t fn = strlen(f);
    bool done = false;
    if (w->mode == MD_T2) done = try_t2(w, f, fn, cells, k);
    if (!done && w->mode != MD_T4 && w->mode != MD_END && (w->mode == MD_T3 || w->mode == MD_NONE || w->mode == MD_T2)) {
        done = try_t3(w, f, fn, cells, k);
        if (done && w->mode != MD_T3) w->mode = MD_T3;
    }
    if (!done && w->last_t3 >= 0) try_extra(w, f, fn, cells, k);
    free(f);
}

void extract_tables(struct report *r, const struct tokstream *ts, struct extract_info *info)
{
    pthread_once(&labels_once, build_labels);
    struct walk w = { .r = r, .ts = ts, .info = info, .mode = MD_NONE, .last_t3 = -1 };
    sb_init(&w.label);
    sb_init(&w.t2_text);
    info->t2_found = info->t3_found = info->t4_found = info->other_split = false;
    info->t2_version = RG_NONE;

    size_t i = 0;
    while (i < ts->n) {
        const struct token *t = &ts->v[i];
        switch (t->kind) {
        case TK_TEXT:
            on_text(&w, t);
            i++;
            break;
        case TK_ROW_END:
            sb_reset(&w.label);
            i++;
            break;
        case TK_CELL: {
            /* a run of value cells: one structured row's, or consecutive values of plain lines;
             * 表四's values may continue over several structured rows */
            size_t j = i;
            struct token *run = NULL;
            size_t nrun = 0, cap = 0;
            while (j < ts->n && ts->v[j].kind == TK_CELL) {
                if (ts->v[j].kind == TK_CELL) {
                    if (nrun == cap) { cap = cap ? 2 * cap : 32; run = xrealloc(run, cap * sizeof *run); }
                    run[nrun++] = ts->v[j];
                }
                j++;
            }
            if (nrun) on_cells(&w, run, nrun);
            free(run);
            sb_reset(&w.label);
            i = j;
            break;
        }
        }
    }
    sb_free(&w.label);
    sb_free(&w.t2_text);
}
