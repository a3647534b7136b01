/* flat.c - tables whose cells ran together: the digit-run solver (DOMAIN §6.8).
 *
 * The rows are found by key phrases, in the order of the form (FLAT_T3,
 * FLAT_T2), each searched after the previous row, so prose that mentions a
 * label earlier cannot be taken for a row. The digits after a key, up to the
 * next label, are the row's run; an enumerator glued to the next label
 * ("00000002.其他法律…") is cut off. Splits are enumerated with the form's
 * identities as constraints, rows still ambiguous are solved jointly with
 * N1 and N2 per applicant column, and what stays ambiguous is reported and
 * stored as NA (qualifier ambiguous). A cell on which every surviving
 * reading agrees is determined and stored.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/flat.h"
#include "ogistat/extract.h"
#include "ogistat/numparse.h"
#include "ogistat/registry.h"
#include "ogistat/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIGITS 40           /* a longer run is not a table row */
#define MAX_CAND 64             /* readings kept per row */
#define MAX_COMBOS 200000       /* joint solve: combinations tried at most */
#define KEY_WINDOW 400          /* bytes a row's key may lie after the previous row */
#define NCOL 7

/* ==== splitting ==== */

struct dfs {
    const char *d;
    size_t n, k, gsize, found, max, stop;
    int64_t cur[64];
    int64_t *out;
};

static void dfs(struct dfs *s, size_t pos, size_t cell)
{
    if (s->stop && s->found >= s->stop) return;
    if (cell == s->k) {
        if (pos != s->n) return;
        if (s->found < s->max) memcpy(s->out + s->found * s->k, s->cur, s->k * sizeof *s->cur);
        s->found++;
        return;
    }
    size_t left_cells = s->k - cell;
    if (s->n - pos < left_cells) return;
    size_t maxlen = s->n - pos - (left_cells - 1);
    if (maxlen > 15) maxlen = 15;
    if (s->d[pos] == '0') maxlen = 1;              /* no multi-digit cell starts with 0 */
    int64_t v = 0;
    for (size_t len = 1; len <= maxlen; len++) {
        v = v * 10 + (s->d[pos + len - 1] - '0');
        s->cur[cell] = v;
        if (s->gsize && cell % s->gsize == s->gsize - 1) {
            int64_t sum = 0;
            for (size_t i = cell - (s->gsize - 1); i < cell; i++) sum += s->cur[i];
            if (sum != v) continue;
        }
        dfs(s, pos + len, cell + 1);
    }
}

size_t flat_splits(const char *d, size_t n, size_t k, size_t gsize, int64_t *out, size_t max)
{
    if (k == 0 || k > 64 || n < k || n > MAX_DIGITS) return 0;
    for (size_t i = 0; i < n; i++)
        if (d[i] < '0' || d[i] > '9') return 0;
    struct dfs s = { .d = d, .n = n, .k = k, .gsize = gsize, .max = max, .out = out };
    dfs(&s, 0, 0);
    return s.found;
}

/* Do the digits alone (no identity) admit a single split into k cells? A row whose
 * digits admit several is read by the form's equalities: its cells are inferred. */
static bool split_forced(const char *d, size_t n, size_t k)
{
    if (k == 0 || k > 64 || n < k || n > MAX_DIGITS) return false;
    struct dfs s = { .d = d, .n = n, .k = k, .stop = 2 };
    dfs(&s, 0, 0);
    return s.found == 1;
}

/* ==== runs in the text ==== */

struct run {
    char digits[MAX_DIGITS + 1];
    size_t n;
    size_t ntok;                /* space-separated tokens in the run */
    char tok[16][MAX_DIGITS + 1];
    size_t at;                  /* offset in the compact text */
    size_t end;
    bool decimal;               /* contains '.' (money) */
};

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Skip a parenthetical note and closing quotes after a key. */
static size_t skip_note(const char *s, size_t n, size_t p)
{
    static const char *const CLOSERS[] = { "”", "\"", "」", "’", NULL };
    for (;;) {
        if (p + 3 <= n && memcmp(s + p, "（", 3) == 0) {
            const char *e = strstr(s + p, "）");
            if (!e || (size_t)(e - s) - p > 200) return p;
            p = (size_t)(e - s) + 3;
            continue;
        }
        if (p < n && s[p] == '(') {
            const char *e = memchr(s + p, ')', n - p);
            if (!e || (size_t)(e - s) - p > 200) return p;
            p = (size_t)(e - s) + 1;
            continue;
        }
        bool closed = false;
        for (const char *const *q = CLOSERS; *q; q++)
            if (strncmp(s + p, *q, strlen(*q)) == 0) { p += strlen(*q); closed = true; }
        if (!closed) return p;
    }
}

/* Read the digit run at p (digits, and spaces between digits; '.' when money).
 * A trailing digit followed by '.'/'、' and a non-digit is the next row's
 * enumerator and is dropped. */
static bool read_run(const char *s, size_t n, size_t p, bool money, struct run *r)
{
    memset(r, 0, sizeof *r);
    while (p < n && s[p] == ' ') p++;
    r->at = p;
    size_t q = p, last_digit_end = p;
    while (q < n && (is_digit(s[q]) || s[q] == ' ' || (money && s[q] == '.' && q + 1 < n && is_digit(s[q + 1])))) {
        if (is_digit(s[q]) || s[q] == '.') last_digit_end = q + 1;
        q++;
    }
    size_t e = last_digit_end;
    if (e == p) return false;
    bool enumerator = (e < n && (s[e] == '.' || strncmp(s + e, "、", 3) == 0 || strncmp(s + e, "．", 3) == 0)) &&
                      !(e + 1 < n && is_digit(s[e + 1]));
    if (enumerator) {
        e--;                                      /* the enumerator digit */
        while (e > p && s[e - 1] == ' ') e--;
    }
    bool in_tok = false;
    for (size_t i = p; i < e; i++) {
        if (s[i] == ' ') { in_tok = false; continue; }
        if (r->n >= MAX_DIGITS) return false;
        if (s[i] == '.') r->decimal = true;
        r->digits[r->n++] = s[i];
        if (!in_tok) { if (r->ntok < 16) r->ntok++; in_tok = true; }
        if (r->ntok <= 16) {
            size_t tl = strlen(r->tok[r->ntok - 1]);
            if (tl < MAX_DIGITS) r->tok[r->ntok - 1][tl] = s[i];
        }
    }
    r->digits[r->n] = '\0';
    r->end = e;
    return r->n > 0;
}

/* The run's own separators, when they give exactly k integer cells. */
static bool tokens_as_cells(const struct run *r, size_t k, int64_t *out)
{
    if (r->ntok != k || k > 16) return false;
    for (size_t i = 0; i < k; i++) {
        const char *t = r->tok[i];
        size_t tl = strlen(t);
        if (tl == 0 || tl > 15 || (tl > 1 && t[0] == '0')) return false;
        int64_t v = 0;
        for (size_t j = 0; j < tl; j++) {
            if (!is_digit(t[j])) return false;
            v = v * 10 + (t[j] - '0');
        }
        out[i] = v;
    }
    return true;
}

/* ==== the same figure stated in prose ==== */

static const char *const UNIT_WORDS[] = { "条", "件", "人次", "人", "个", "次", "篇", "项", "元", "万元", "份", "笔", NULL };

static bool has_all(const char *clause, const char *const *keys)
{
    for (; keys && *keys; keys++)
        if (!strstr(clause, *keys)) return false;
    return true;
}

static bool has_any(const char *clause, const char *const *keys)
{
    return !keys || !*keys || str_contains_any(clause, keys);
}

bool flat_prose_states(const char *s, size_t n, size_t skip0, size_t skip1, const char *const *all,
                       const char *const *any, int64_t v)
{
    static const char *const BREAKS[] = { "。", "；", "，", "！", ";", ",", "\n", NULL };
    char num[24];
    int len = snprintf(num, sizeof num, "%lld", (long long)v);
    for (const char *p = strstr(s, num); p; p = strstr(p + 1, num)) {
        size_t at = (size_t)(p - s), e = at + (size_t)len;
        if (at >= skip0 && at < skip1) continue;
        if ((at > 0 && (is_digit(s[at - 1]) || s[at - 1] == '.')) || (e < n && (is_digit(s[e]) || s[e] == '.')))
            continue;
        bool unit = false;
        for (const char *const *u = UNIT_WORDS; *u && !unit; u++) unit = strncmp(s + e, *u, strlen(*u)) == 0;
        if (!unit) continue;
        /* the clause: back to the nearest break, at most 200 bytes */
        size_t c0 = at > 200 ? at - 200 : 0;
        for (const char *const *b = BREAKS; *b; b++) {
            size_t bl = strlen(*b);
            for (size_t q = at; q >= bl && q > c0; q--)
                if (memcmp(s + q - bl, *b, bl) == 0) { c0 = q; break; }
        }
        char clause[256];
        size_t cl = at - c0 < sizeof clause - 1 ? at - c0 : sizeof clause - 1;
        memcpy(clause, s + at - cl, cl);
        clause[cl] = '\0';
        if (has_all(clause, all) && has_any(clause, any) && !strstr(clause, "累计")) return true;
    }
    return false;
}

/* ==== 表三 ==== */

struct flat_row {
    int metric;
    const char *key;
    const char *tail;           /* the digits follow this, found after key (long labels) */
    bool adjacent;              /* must follow the previous row's run directly ("3.其他") */
};

static const struct flat_row FLAT_T3[] = {
    { .metric = M_REQ_NEW, .key = "本年新收政府信息公开申请数量" },
    { .metric = M_REQ_CARRY_IN, .key = "上年结转政府信息公开申请数量" },
    { .metric = M_RES_GRANTED, .key = "予以公开" },
    { .metric = M_RES_PARTIAL, .key = "部分公开" },
    { .metric = M_RES_DENIED_TOTAL, .key = "不予公开" },
    { .metric = M_RES_DENIED_STATE_SECRET, .key = "属于国家秘密" },
    { .metric = M_RES_DENIED_LAW_FORBIDDEN, .key = "其他法律行政法规禁止公开" },
    { .metric = M_RES_DENIED_SAFETY_STABILITY, .key = "三安全一稳定" },
    { .metric = M_RES_DENIED_THIRD_PARTY, .key = "保护第三方合法权益" },
    { .metric = M_RES_DENIED_INTERNAL_AFFAIRS, .key = "属于三类内部事务信息" },
    { .metric = M_RES_DENIED_PROCESS_INFO, .key = "属于四类过程性信息" },
    { .metric = M_RES_DENIED_ENFORCEMENT_FILE, .key = "属于行政执法案卷" },
    { .metric = M_RES_DENIED_ADMIN_QUERY, .key = "属于行政查询事项" },
    { .metric = M_RES_UNABLE_TOTAL, .key = "无法提供" },
    { .metric = M_RES_UNABLE_NOT_HELD, .key = "本机关不掌握相关政府信息" },
    { .metric = M_RES_UNABLE_NEEDS_CREATION, .key = "没有现成信息需要另行制作" },
    { .metric = M_RES_UNABLE_UNCLEAR, .key = "补正后申请内容仍不明确" },
    { .metric = M_RES_NOPROC_TOTAL, .key = "不予处理" },
    { .metric = M_RES_NOPROC_PETITION, .key = "信访举报投诉类申请" },
    { .metric = M_RES_NOPROC_REPEAT, .key = "重复申请" },
    { .metric = M_RES_NOPROC_PUBLICATION, .key = "要求提供公开出版物" },
    { .metric = M_RES_NOPROC_EXCESSIVE, .key = "无正当理由大量反复申请" },
    { .metric = M_RES_NOPROC_CONFIRM, .key = "要求行政机关确认或重新出具已获取信息" },
    { .metric = M_RES_OTHER_TOTAL, .key = "其他处理" },
    { .metric = M_RES_OTHER_NO_CORRECTION, .key = "逾期不补正", .tail = "政府信息公开申请" },
    { .metric = M_RES_OTHER_NO_FEE, .key = "逾期未按收费通知", .tail = "政府信息公开申请" },
    { .metric = M_RES_OTHER_MISC, .key = "其他", .adjacent = true },
    { .metric = M_RES_TOTAL, .key = "总计" },
    { .metric = M_REQ_CARRY_OUT, .key = "结转下年度继续办理" },
};
#define N_FLAT_T3 ARRAY_LEN(FLAT_T3)

struct t3_found {
    bool present;               /* the row's digits were read */
    bool inferred;              /* the digits alone admit several splits */
    size_t ncand;               /* readings satisfying N4 (0: none) */
    int64_t cand[MAX_CAND][NCOL];
    size_t at, len;
    long line;
    char digits[MAX_DIGITS + 1];
};

/* Find key at or after *pos within the window; returns the offset after the key
 * (and its tail, and any note), or (size_t)-1. */
static size_t find_key(const char *s, size_t n, size_t pos, const struct flat_row *fr, size_t window)
{
    if (pos >= n) return (size_t)-1;
    const char *k = strstr(s + pos, fr->key);
    if (!k || (size_t)(k - s) - pos > window) return (size_t)-1;
    size_t p = (size_t)(k - s) + strlen(fr->key);
    if (fr->tail) {
        const char *t = strstr(s + p, fr->tail);
        if (!t || (size_t)(t - s) - p > 80) return (size_t)-1;
        p = (size_t)(t - s) + strlen(fr->tail);
    }
    return skip_note(s, n, p);
}

static bool row_sums(const int64_t *v)
{
    int64_t sum = 0;
    for (int i = 0; i < NCOL - 1; i++) sum += v[i];
    return sum == v[NCOL - 1];
}

/* Index of a metric in FLAT_T3. */
static int t3_idx(int metric)
{
    for (size_t i = 0; i < N_FLAT_T3; i++)
        if (FLAT_T3[i].metric == metric) return (int)i;
    return -1;
}

/* Values of row i under the current choice, or NULL when not known. */
static const int64_t *row_val(const struct t3_found *f, const size_t *choice, int i)
{
    if (i < 0 || !f[i].present || f[i].ncand == 0) return NULL;
    return f[i].cand[f[i].ncand == 1 ? 0 : choice[i]];
}

/* N1 and N2 for every applicant column; identities with an unknown term are skipped. */
static bool identities_hold(const struct t3_found *f, const size_t *choice, bool split_other)
{
    static const int OUTCOMES[] = {
        M_RES_GRANTED, M_RES_PARTIAL, M_RES_DENIED_STATE_SECRET, M_RES_DENIED_LAW_FORBIDDEN,
        M_RES_DENIED_SAFETY_STABILITY, M_RES_DENIED_THIRD_PARTY, M_RES_DENIED_INTERNAL_AFFAIRS,
        M_RES_DENIED_PROCESS_INFO, M_RES_DENIED_ENFORCEMENT_FILE, M_RES_DENIED_ADMIN_QUERY,
        M_RES_UNABLE_NOT_HELD, M_RES_UNABLE_NEEDS_CREATION, M_RES_UNABLE_UNCLEAR,
        M_RES_NOPROC_PETITION, M_RES_NOPROC_REPEAT, M_RES_NOPROC_PUBLICATION, M_RES_NOPROC_EXCESSIVE,
        M_RES_NOPROC_CONFIRM,
    };
    static const int OTHER_SPLIT[] = { M_RES_OTHER_NO_CORRECTION, M_RES_OTHER_NO_FEE, M_RES_OTHER_MISC };
    const int64_t *nw = row_val(f, choice, t3_idx(M_REQ_NEW)), *ci = row_val(f, choice, t3_idx(M_REQ_CARRY_IN));
    const int64_t *tot = row_val(f, choice, t3_idx(M_RES_TOTAL)), *co = row_val(f, choice, t3_idx(M_REQ_CARRY_OUT));
    for (int a = 0; a < NCOL; a++) {
        if (nw && ci && tot && co && nw[a] + ci[a] != tot[a] + co[a]) return false;          /* N1 */
        if (!tot) continue;
        int64_t sum = 0;
        bool known = true;
        for (size_t i = 0; i < ARRAY_LEN(OUTCOMES) && known; i++) {
            const int64_t *v = row_val(f, choice, t3_idx(OUTCOMES[i]));
            if (v) sum += v[a]; else known = false;
        }
        if (split_other) {
            for (size_t i = 0; i < ARRAY_LEN(OTHER_SPLIT) && known; i++) {
                const int64_t *v = row_val(f, choice, t3_idx(OTHER_SPLIT[i]));
                if (v) sum += v[a]; else known = false;
            }
        } else {
            const int64_t *v = row_val(f, choice, t3_idx(M_RES_OTHER_TOTAL));
            if (v) sum += v[a]; else known = false;
        }
        if (known && sum != tot[a]) return false;                                          /* N2 */
    }
    return true;
}

static void note_candidates(struct report *r, long line, const char *what, const char *digits,
                            const int64_t *cand, size_t ncand, size_t k)
{
    strbuf b;
    sb_init(&b);
    for (size_t c = 0; c < ncand && c < 6; c++) {
        if (c) sb_puts(&b, " or ");
        for (size_t i = 0; i < k; i++) sb_printf(&b, "%s%lld", i ? "|" : "", (long long)cand[c * k + i]);
    }
    if (ncand > 6) sb_printf(&b, " (+%zu more)", ncand - 6);
    diag_add(&r->diag, DIAG_NOTE, r->path, line, "%s: digits '%s' split %zu ways (%s); cells not determined, left NA",
             what, digits, ncand, b.s ? b.s : "");
    sb_free(&b);
}

static size_t store(struct report *r, int metric, int applicant, int64_t v, bool inferred, long line)
{
    if (report_get(r, metric, applicant)) return 0;
    report_set(r, metric, applicant, CELL_VALUE, Q_EXACT, v * 100, SRC_TABLE, line)->inferred = inferred;
    return 1;
}

static size_t store_na(struct report *r, int metric, int applicant, long line)
{
    if (report_get(r, metric, applicant)) return 0;
    report_set(r, metric, applicant, CELL_NA, Q_AMBIGUOUS, 0, SRC_TABLE, line);
    return 1;
}

/* Store cells from the surviving readings of a run (k cells each; cell i is
 * metrics[i] x applicants[i]): a cell on which they all agree is determined,
 * the others are NA (ambiguous). inferred: the digits alone admit other splits. */
static size_t store_readings(struct report *r, const int *metrics, const int *applicants, size_t k,
                             const int64_t *cand, size_t ncand, bool inferred, long line)
{
    size_t stored = 0;
    for (size_t i = 0; i < k; i++) {
        bool agree = true;
        for (size_t c = 1; c < ncand && agree; c++) agree = cand[c * k + i] == cand[i];
        stored += agree ? store(r, metrics[i], applicants[i], cand[i], inferred, line)
                        : store_na(r, metrics[i], applicants[i], line);
    }
    return stored;
}

static const int NO_APPLICANT[15] = { AP_NONE };      /* 表二 and 表四 cells (AP_NONE is 0) */

/* A 表三 row: one metric, the seven applicant columns. */
static size_t store_row(struct report *r, int metric, const int64_t *cand, size_t ncand, bool inferred, long line)
{
    int metrics[NCOL];
    for (size_t i = 0; i < NCOL; i++) metrics[i] = metric;
    return store_readings(r, metrics, EXTRACT_T3_COLS, NCOL, cand, ncand, inferred, line);
}

static size_t solve_t3(struct report *r, const struct compact *c, size_t *t3_end)
{
    const char *s = c->text.s;
    size_t n = c->text.len;
    struct t3_found *f = xcalloc(N_FLAT_T3, sizeof *f);
    /* the table starts at the first req_new key that digits follow */
    size_t pos = 0, start = (size_t)-1;
    for (const char *k = strstr(s, FLAT_T3[0].key); k; k = strstr(k + 1, FLAT_T3[0].key)) {
        size_t p = skip_note(s, n, (size_t)(k - s) + strlen(FLAT_T3[0].key));
        while (p < n && s[p] == ' ') p++;
        if (p < n && is_digit(s[p])) { start = (size_t)(k - s); break; }
    }
    if (start == (size_t)-1) { free(f); return 0; }
    pos = start;
    bool split_other = false;
    for (size_t i = 0; i < N_FLAT_T3; i++) {
        const struct flat_row *fr = &FLAT_T3[i];
        size_t p = find_key(s, n, pos, fr, fr->adjacent ? 8 : KEY_WINDOW);
        if (p == (size_t)-1) continue;
        struct run run;
        if (!read_run(s, n, p, false, &run) || run.n < NCOL) {
            pos = p;                                   /* a group header without a subtotal */
            continue;
        }
        pos = run.end;
        struct t3_found *t = &f[i];
        t->present = true;
        t->at = run.at;
        t->line = compact_line(c, run.at);
        memcpy(t->digits, run.digits, sizeof t->digits);
        if (fr->metric == M_RES_OTHER_NO_CORRECTION || fr->metric == M_RES_OTHER_NO_FEE) split_other = true;
        int64_t tk[NCOL];
        if (tokens_as_cells(&run, NCOL, tk) && row_sums(tk)) {
            memcpy(t->cand[0], tk, sizeof tk);
            t->ncand = 1;
            continue;
        }
        if (run.decimal) continue;
        t->inferred = !split_forced(run.digits, run.n, NCOL);
        int64_t buf[MAX_CAND * NCOL];
        size_t k = flat_splits(run.digits, run.n, NCOL, NCOL, buf, MAX_CAND);
        if (k > MAX_CAND) k = 0;                       /* too many readings to be useful */
        if (k == 0 && run.n == NCOL) {
            /* one digit per cell: the only reading, stored as printed */
            k = flat_splits(run.digits, run.n, NCOL, 0, buf, MAX_CAND);
            diag_add(&r->diag, DIAG_NOTE, r->path, t->line,
                     "表三 '%s': digits '%s' read one per cell; the applicant columns do not add up to 总计 as printed",
                     REG_METRICS[fr->metric].label_zh, run.digits);
            t->ncand = k;
            memcpy(t->cand, buf, k * NCOL * sizeof *buf);
            continue;
        }
        t->ncand = k;
        memcpy(t->cand, buf, k * NCOL * sizeof *buf);
        if (k == 0)
            diag_add(&r->diag, DIAG_NOTE, r->path, t->line,
                     "表三 '%s': digits '%s' have no reading whose columns add up to 总计; cells left out",
                     REG_METRICS[fr->metric].label_zh, run.digits);
    }
    *t3_end = pos;

    /* joint solve over the ambiguous rows */
    size_t amb[N_FLAT_T3], namb = 0, combos = 1;
    for (size_t i = 0; i < N_FLAT_T3; i++)
        if (f[i].present && f[i].ncand > 1) {
            amb[namb++] = i;
            combos *= f[i].ncand;
            if (combos > MAX_COMBOS) break;
        }
    size_t choice[N_FLAT_T3] = { 0 };
    /* surviving[i][c]: reading c of row i occurs in some consistent combination */
    bool (*surv)[MAX_CAND] = xcalloc(N_FLAT_T3, sizeof *surv);
    size_t nsurv = 0;
    if (namb && combos <= MAX_COMBOS) {
        for (size_t iter = 0; iter < combos; iter++) {
            size_t x = iter;
            for (size_t j = 0; j < namb; j++) { choice[amb[j]] = x % f[amb[j]].ncand; x /= f[amb[j]].ncand; }
            if (!identities_hold(f, choice, split_other)) continue;
            nsurv++;
            for (size_t j = 0; j < namb; j++) surv[amb[j]][choice[amb[j]]] = true;
        }
    }
    size_t stored = 0;
    for (size_t i = 0; i < N_FLAT_T3; i++) {
        struct t3_found *t = &f[i];
        if (!t->present || t->ncand == 0) continue;
        if (t->ncand == 1) {
            stored += store_row(r, FLAT_T3[i].metric, t->cand[0], 1, t->inferred, t->line);
            continue;
        }
        /* keep the readings that survived the joint solve (all, if none did) */
        int64_t keep[MAX_CAND * NCOL];
        size_t nk = 0;
        for (size_t cnd = 0; cnd < t->ncand; cnd++)
            if (nsurv == 0 || surv[i][cnd]) memcpy(keep + NCOL * nk++, t->cand[cnd], sizeof t->cand[cnd]);
        if (nk > 1)
            note_candidates(r, t->line, REG_METRICS[FLAT_T3[i].metric].label_zh, t->digits, keep, nk, NCOL);
        stored += store_row(r, FLAT_T3[i].metric, keep, nk, t->inferred, t->line);
    }
    free(surv);
    free(f);
    return stored;
}

/* ==== 表四 ==== */

static size_t solve_t4(struct report *r, const struct compact *c, size_t from)
{
    const char *s = c->text.s;
    size_t n = c->text.len;
    const char *h = strstr(s + from, "复议");
    if (!h) return 0;
    /* the first digit run of the section, before the next section */
    const char *stop = strstr(h, "存在的主要问题");
    size_t end = stop ? (size_t)(stop - s) : n;
    for (size_t p = (size_t)(h - s); p < end; p++) {
        if (!is_digit(s[p])) continue;
        struct run run;
        if (!read_run(s, n, p, false, &run) || run.n < 15) { p = run.end > p ? run.end : p; continue; }
        long line = compact_line(c, run.at);
        int64_t tk[15];
        if (tokens_as_cells(&run, 15, tk)) {
            if (extract_t4_n5(tk)) return store_readings(r, EXTRACT_T4_COLS, NO_APPLICANT, 15, tk, 1, false, line);
        }
        int64_t buf[MAX_CAND * 15];
        size_t k = flat_splits(run.digits, run.n, 15, 5, buf, MAX_CAND);
        if (k == 0 && run.n == 15) {
            /* one digit per cell: the only reading, stored as printed even though
             * its groups do not add up (a source inconsistency for `check`) */
            k = flat_splits(run.digits, run.n, 15, 0, buf, MAX_CAND);
            diag_add(&r->diag, DIAG_NOTE, r->path, line,
                     "表四: digits '%s' read one per cell; the groups do not add up to 总计 as printed", run.digits);
        }
        if (k == 0) {
            diag_add(&r->diag, DIAG_NOTE, r->path, line,
                     "表四: digits '%s' have no reading whose groups add up to 总计; cells left out", run.digits);
            return 0;
        }
        if (k > MAX_CAND) return 0;
        if (k > 1) note_candidates(r, line, "表四", run.digits, buf, k, 15);
        return store_readings(r, EXTRACT_T4_COLS, NO_APPLICANT, 15, buf, k, !split_forced(run.digits, run.n, 15), line);
    }
    return 0;
}

/* ==== 表二 ==== */

struct flat_t2 {
    const char *key;
    int n21, r21[3];
    int n19, r19[3];
    bool money;                 /* the R21 amount column (万元) */
    const char *const *prose21[3];  /* R21 columns: words naming the figure in prose */
};

static const char *const P_ISSUED[] = { "制发", "制定", "出台", "印发", NULL };
static const char *const P_REPEALED[] = { "废止", NULL };
static const char *const P_IN_FORCE[] = { "现行有效", NULL };

static const struct flat_t2 FLAT_T2[] = {
    { .key = "规章", .n21 = 3, .r21 = { M_ART20_RULES_ISSUED, M_ART20_RULES_REPEALED, M_ART20_RULES_IN_FORCE },
      .prose21 = { P_ISSUED, P_REPEALED, P_IN_FORCE },
      .n19 = 3, .r19 = { M_ART20_RULES_MADE, M_ART20_RULES_PUBLISHED, M_ART20_RULES_PUBLIC_TOTAL } },
    { .key = "规范性文件", .n21 = 3, .r21 = { M_ART20_NORMDOC_ISSUED, M_ART20_NORMDOC_REPEALED, M_ART20_NORMDOC_IN_FORCE },
      .prose21 = { P_ISSUED, P_REPEALED, P_IN_FORCE },
      .n19 = 3, .r19 = { M_ART20_NORMDOC_MADE, M_ART20_NORMDOC_PUBLISHED, M_ART20_NORMDOC_PUBLIC_TOTAL } },
    { .key = "行政许可", .n21 = 1, .r21 = { M_ART20_LICENSE_DECISIONS },
      .n19 = 3, .r19 = { M_ART20_LICENSE_PREV_ITEMS, M_ART20_LICENSE_DELTA, M_ART20_LICENSE_DECISIONS } },
    { .key = "其他对外管理服务事项", .n21 = 0,
      .n19 = 3, .r19 = { M_ART20_OTHERSVC_PREV_ITEMS, M_ART20_OTHERSVC_DELTA, M_ART20_OTHERSVC_DECISIONS } },
    { .key = "行政处罚", .n21 = 1, .r21 = { M_ART20_PENALTY_DECISIONS },
      .n19 = 3, .r19 = { M_ART20_PENALTY_PREV_ITEMS, M_ART20_PENALTY_DELTA, M_ART20_PENALTY_DECISIONS } },
    { .key = "行政强制", .n21 = 1, .r21 = { M_ART20_COERCION_DECISIONS },
      .n19 = 3, .r19 = { M_ART20_COERCION_PREV_ITEMS, M_ART20_COERCION_DELTA, M_ART20_COERCION_DECISIONS } },
    { .key = "行政事业性收费", .n21 = 1, .r21 = { M_ART20_FEE_AMOUNT_YUAN }, .money = true,
      .n19 = 2, .r19 = { M_ART20_FEE_PREV_ITEMS, M_ART20_FEE_DELTA } },
};

/* Keep the readings of an R21 表二 triple whose cells agree with the figures the
 * prose states for that row and column; every column the prose speaks of must
 * match. Returns the number of readings kept (all of them without evidence). */
static size_t prose_filter(const struct compact *c, const struct flat_t2 *row, size_t t2_start, size_t t3_start,
                           int64_t *buf, size_t nc, size_t k)
{
    const char *s = c->text.s;
    size_t n = c->text.len;
    const char *const all[] = { row->key, NULL };
    bool stated[MAX_CAND][3] = { { false } }, evidence[3] = { false };
    for (size_t j = 0; j < k && j < 3; j++) {
        if (!row->prose21[j]) continue;
        for (size_t x = 0; x < nc; x++) {
            stated[x][j] = flat_prose_states(s, n, t2_start, t3_start, all, row->prose21[j], buf[x * k + j]);
            evidence[j] |= stated[x][j];
        }
    }
    size_t m = 0;
    for (size_t x = 0; x < nc; x++) {
        bool ok = true;
        for (size_t j = 0; j < k && j < 3; j++) ok &= !evidence[j] || stated[x][j];
        if (ok) memmove(buf + m++ * k, buf + x * k, k * sizeof *buf);
    }
    return m ? m : nc;
}

/* One number of the procurement row at p: digits (and '.'), then an optional unit
 * word. Returns bytes read (0: no number). */
static size_t procure_number(const char *s, size_t n, size_t p, char *num, size_t numsz, const char **unit)
{
    static const char *const UNITS[] = { "万元", "元", "个", "笔", "项", "件", "次", NULL };
    size_t q = p, k = 0;
    while (q < n && (is_digit(s[q]) || (s[q] == '.' && q + 1 < n && is_digit(s[q + 1])))) {
        if (k + 1 < numsz) num[k++] = s[q];
        q++;
    }
    num[k] = '\0';
    *unit = NULL;
    if (q == p) return 0;
    for (const char *const *u = UNITS; *u; u++)
        if (strncmp(s + q, *u, strlen(*u)) == 0) { *unit = *u; q += strlen(*u); break; }
    return q - p;
}

/* R19 表二 (九) 政府集中采购: 采购项目数量 | 采购总金额. The form leaves the amount's
 * unit open (元 or 万元), so the cells are read only when the dump shows where one
 * ends ("1个246900元", "2笔 984361元"), or both are 0 ("00"). */
static size_t solve_procure(struct report *r, const struct compact *c, size_t from, size_t t3_start)
{
    const char *s = c->text.s;
    size_t n = c->text.len;
    const char *k = strstr(s + from, "政府集中采购");
    if (!k || (size_t)(k - s) >= t3_start) return 0;
    size_t p = (size_t)(k - s) + strlen("政府集中采购");
    while (p < n && s[p] == ' ') p++;
    long line = compact_line(c, p);
    char a[32], b[32];
    const char *ua, *ub;
    size_t la = procure_number(s, n, p, a, sizeof a, &ua);
    if (la == 0) return 0;
    size_t q = p + la;
    while (q < n && s[q] == ' ') q++;
    size_t lb = procure_number(s, n, q, b, sizeof b, &ub);
    bool money_b = ub && (strcmp(ub, "元") == 0 || strcmp(ub, "万元") == 0);
    struct numval va, vb;
    int64_t items, amount;
    if (ua && !money_b && strcmp(a, "0") != 0) ub = NULL;
    if (ua && lb && money_b && num_parse_cell(a, strlen(a), false, &va) == CELL_VALUE &&
        num_parse_cell(b, strlen(b), false, &vb) == CELL_VALUE && num_to_v100(&va, 1, &items) &&
        num_to_v100(&vb, strcmp(ub, "万元") == 0 ? 10000 : 1, &amount)) {
        size_t st = 0;
        if (!report_get(r, M_ART20_PROCURE_ITEMS, AP_NONE))
            st += report_set(r, M_ART20_PROCURE_ITEMS, AP_NONE, CELL_VALUE, Q_EXACT, items, SRC_TABLE, line) != NULL;
        if (!report_get(r, M_ART20_PROCURE_AMOUNT_YUAN, AP_NONE))
            st += report_set(r, M_ART20_PROCURE_AMOUNT_YUAN, AP_NONE, CELL_VALUE, Q_EXACT, amount, SRC_TABLE, line) !=
                  NULL;
        return st;
    }
    /* "00" / "0 0": zero in any unit */
    bool zeros = !ua && ((strcmp(a, "00") == 0 && !lb) || (strcmp(a, "0") == 0 && lb && strcmp(b, "0") == 0 && !ub));
    if (zeros) return store(r, M_ART20_PROCURE_ITEMS, AP_NONE, 0, false, line) +
                      store(r, M_ART20_PROCURE_AMOUNT_YUAN, AP_NONE, 0, false, line);
    diag_add(&r->diag, DIAG_NOTE, r->path, line,
             "政府集中采购: '%s%s%s%s' does not show where 采购项目数量 ends and 采购总金额 (元 or 万元) begins; cells left out",
             a, ua ? ua : "", lb ? b : "", lb && ub ? ub : "");
    return 0;
}

static size_t solve_t2(struct report *r, const struct compact *c, enum regime g, size_t t3_start)
{
    const char *s = c->text.s;
    const char *t2 = strstr(s, "第二十条第");
    if (!t2 || (size_t)(t2 - s) >= t3_start) return 0;
    size_t t2_start = (size_t)(t2 - s);
    size_t pos = t2_start, stored = 0;
    for (size_t i = 0; i < ARRAY_LEN(FLAT_T2); i++) {
        const struct flat_t2 *row = &FLAT_T2[i];
        int k = g == RG_R19 ? row->n19 : row->n21;
        const int *cols = g == RG_R19 ? row->r19 : row->r21;
        if (k == 0) continue;
        const char *key = strstr(s + pos, row->key);
        if (!key || (size_t)(key - s) >= t3_start) continue;
        size_t p = (size_t)(key - s) + strlen(row->key);
        struct run run;
        bool money = row->money && g == RG_R21;
        if (!read_run(s, c->text.len, p, money, &run)) continue;
        pos = run.end;
        long line = compact_line(c, run.at);
        if (k == 1) {
            struct numval v;
            int64_t v100;
            if (run.ntok != 1 || num_parse_cell(run.digits, run.n, false, &v) != CELL_VALUE ||
                !num_to_v100(&v, money ? 10000 : 1, &v100))
                continue;
            if (!report_get(r, cols[0], AP_NONE)) {
                report_set(r, cols[0], AP_NONE, CELL_VALUE, Q_EXACT, v100, SRC_TABLE, line);
                stored++;
            }
            continue;
        }
        if (run.decimal) continue;
        int64_t tk[3], buf[MAX_CAND * 3];
        size_t nc;
        if (tokens_as_cells(&run, (size_t)k, tk)) { memcpy(buf, tk, sizeof tk); nc = 1; }
        else nc = flat_splits(run.digits, run.n, (size_t)k, 0, buf, MAX_CAND);
        if (nc == 0 || nc > MAX_CAND) continue;
        /* 表二 rows have no identity of their own (DOMAIN §6.8): a split is read when it
         * is forced, or when the report's prose states its figures ("废止规范性文件6件") */
        if (nc > 1 && g == RG_R21) nc = prose_filter(c, row, t2_start, t3_start, buf, nc, (size_t)k);
        if (nc > 1) note_candidates(r, line, row->key, run.digits, buf, nc, (size_t)k);
        /* a split the prose states is read, not inferred; 表二 has no equality to infer by */
        stored += store_readings(r, cols, NO_APPLICANT, (size_t)k, buf, nc, false, line);
    }
    if (g == RG_R19) stored += solve_procure(r, c, pos, t3_start);
    return stored;
}

size_t flat_extract(struct report *r, const struct compact *c)
{
    if (r->regime != RG_R19 && r->regime != RG_R21) return 0;
    const char *t3 = strstr(c->text.s, FLAT_T3[0].key);
    size_t t3_start = t3 ? (size_t)(t3 - c->text.s) : c->text.len;
    size_t t3_end = 0;
    size_t n = solve_t2(r, c, r->regime, t3_start);
    n += solve_t3(r, c, &t3_end);
    if (t3_end) n += solve_t4(r, c, t3_end);
    return n;
}
