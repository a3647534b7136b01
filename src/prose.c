/* prose.c - main figures stated only in sentences (source=text).
 *
 * A figure is bound to its metric inside one clause (between ，。；and table
 * cell boundaries): the metric's key phrase, a short gap without digits or
 * words that narrow the count ("其中", "制作", "总数"), then the number and a
 * unit. Percentages are never counts. A value the tables already gave is not
 * stated twice. Rules are data (PROSE_RULES); explicit zero statements
 * ("无收取信息处理费") are rules too.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/header.h"
#include "ogistat/numparse.h"
#include "ogistat/util.h"

#include <string.h>

struct prose_rule {
    int metric;
    unsigned regimes;            /* bit (1 << enum regime): where the prose is the source */
    const char *key;             /* phrase the number follows */
    const char *clause_needs[4]; /* the clause must contain one of these (NULL: no condition) */
    const char *clause_bans[6];  /* ... and none of these */
    const char *units[5];        /* accepted units after the number */
    int gap;                     /* max code points between key and number */
    bool sentence;               /* the number may be anywhere in the key's sentence */
};

#define NEW_OR_NONE ((1u << RG_NONE) | (1u << RG_R19) | (1u << RG_R21))
#define ALL_REGIMES ((1u << RG__COUNT) - 1)

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
      .units = { "元", "万元" } },
    /* "收取信息处理费共计380元，其中民政局1件" / "有1件政府信息公开申请案件收取信息处理费380元" */
    { .metric = M_INFO_PROC_FEE_CASES, .key = "信息处理费", .sentence = true, .regimes = ALL_REGIMES,
      .clause_needs = { "收取" },
      .units = { "件" } },
};

/* "no fee collected" statements: a clause with the key, a negation and a verb,
 * and no number, states 0 ("无收取信息处理费情况", "本年度没有产生信息公开处理费"). */
static const struct {
    int metric;
    const char *key;
    const char *neg[4];
    const char *verb[4];
} PROSE_ZERO[] = {
    { M_INFO_PROC_FEE_YUAN, "处理费", { "无", "未", "没有", "不存在" }, { "收取", "产生", "发生", "收费" } },
};

static bool is_clause_break(const char *p, size_t left)
{
    if (left >= 1 && (*p == '|' || *p == '\n' || *p == ';')) return true;
    if (left >= 3) {
        static const char *const B[] = { "，", "。", "；", "！", "？", "：" };
        for (size_t i = 0; i < ARRAY_LEN(B); i++)
            if (memcmp(p, B[i], 3) == 0) return true;
    }
    return false;
}

/* Does s[from, to) state an amount (digits followed by 元)? A year ("2024年，无收取…") is not one. */
static bool digit_amount(const char *s, size_t from, size_t to)
{
    for (size_t j = from; j < to; j++) {
        if (!(s[j] >= '0' && s[j] <= '9')) continue;
        size_t e = j;
        while (e < to && ((s[e] >= '0' && s[e] <= '9') || s[e] == '.' || s[e] == ' ')) e++;
        if (e + 3 <= to && (memcmp(s + e, "元", 3) == 0 || memcmp(s + e, "万", 3) == 0)) return true;
        j = e;
    }
    return false;
}

/* Start of the clause containing offset off. */
static size_t clause_start(const char *s, size_t off)
{
    size_t i = off;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
        if (is_clause_break(s + j, off - j)) return i;
        i = j;
    }
    return 0;
}

static bool clause_has(const char *s, size_t from, size_t to, const char *w)
{
    size_t wn = strlen(w);
    for (size_t i = from; i + wn <= to; i++)
        if (memcmp(s + i, w, wn) == 0) return true;
    return false;
}

static bool unit_ok(const struct prose_rule *pr, const char *unit)
{
    for (size_t i = 0; i < ARRAY_LEN(pr->units) && pr->units[i]; i++)
        if (strcmp(pr->units[i], unit) == 0) return true;
    return false;
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
    bool need = pr->clause_needs[0] == NULL, fee = false;
    for (size_t i = 0; i < ARRAY_LEN(pr->clause_needs) && pr->clause_needs[i]; i++)
        need |= clause_has(s, a, b, pr->clause_needs[i]);
    if (!need) return false;
    struct numval hit;
    size_t hit_at = 0;
    bool have = false;
    for (size_t p = a; p < b;) {
        if (!(s[p] >= '0' && s[p] <= '9')) { p++; continue; }
        struct numval v;
        size_t used = num_parse_token(s + p, b - p, &v);
        if (used == 0) {            /* not a number we read: skip the whole digit run */
            while (p < b && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.')) p++;
            continue;
        }
        if (strcmp(v.unit, "元") == 0) fee = true;
        if (!have && unit_ok(pr, v.unit) && !v.is_ratio) { hit = v; hit_at = p; have = true; }
        p += used;
    }
    int64_t v100;
    /* a count means something only next to the amount that was charged */
    if (!have || !fee || !num_to_v100(&hit, 1, &v100)) return false;
    report_set(r, pr->metric, AP_NONE, CELL_VALUE, hit.q, v100, SRC_TEXT, compact_line(c, hit_at));
    return true;
}

/* Try rule pr with the key at s+k; store the cell and return true on success. */
static bool try_rule(struct report *r, const struct compact *c, const struct prose_rule *pr, size_t k)
{
    const char *s = c->text.s;
    size_t n = c->text.len;
    size_t p = k + strlen(pr->key);
    size_t cs = clause_start(s, k);
    bool need = pr->clause_needs[0] == NULL;
    for (size_t i = 0; i < ARRAY_LEN(pr->clause_needs) && pr->clause_needs[i]; i++)
        need |= clause_has(s, cs, k, pr->clause_needs[i]);
    if (!need) return false;
    /* skip the gap: CJK text without digits or clause breaks, and spaces */
    int cps = 0;
    while (p < n) {
        if (s[p] == ' ') { p++; continue; }
        if ((s[p] >= '0' && s[p] <= '9') || is_clause_break(s + p, n - p)) break;
        size_t l = utf8_seqlen((const unsigned char *)s + p, n - p);
        if (l < 2) break;      /* ASCII other than space ends the gap */
        if (cps++ >= pr->gap) return false;
        p += l;
    }
    for (size_t i = 0; i < ARRAY_LEN(pr->clause_bans) && pr->clause_bans[i]; i++)
        if (clause_has(s, cs, p, pr->clause_bans[i])) return false;
    if (p >= n || !(s[p] >= '0' && s[p] <= '9')) return false;
    /* the number, then spaces, then its unit (pdftotext: "1136 条") */
    struct numval v;
    size_t used = num_parse_token(s + p, n - p, &v);
    if (used == 0 || v.is_ratio) return false;
    if (!v.unit[0]) {
        size_t q = p + used;
        while (q < n && s[q] == ' ') q++;
        struct numval v2;
        char buf[64];
        size_t m = 0;
        /* re-parse number + unit with the spaces removed */
        for (size_t i = p; i < q + 12 && i < n && m + 1 < sizeof buf; i++)
            if (s[i] != ' ') buf[m++] = s[i];
        buf[m] = '\0';
        if (num_parse_token(buf, m, &v2) == 0 || v2.is_ratio) return false;
        v = v2;
    }
    if (!unit_ok(pr, v.unit)) return false;
    int64_t v100;
    int64_t factor = strcmp(v.unit, "万元") == 0 ? 10000 : 1;
    if (!num_to_v100(&v, factor, &v100)) return false;
    report_set(r, pr->metric, AP_NONE, CELL_VALUE, v.q, v100, SRC_TEXT, compact_line(c, p));
    return true;
}

void prose_extract(struct report *r, const struct compact *c)
{
    const char *s = c->text.s;
    for (size_t i = 0; i < ARRAY_LEN(PROSE_RULES); i++) {
        const struct prose_rule *pr = &PROSE_RULES[i];
        if (!(pr->regimes & (1u << r->regime)) || report_get(r, pr->metric, AP_NONE)) continue;
        for (const char *k = strstr(s, pr->key); k; k = strstr(k + 1, pr->key))
            if (pr->sentence ? try_sentence(r, c, pr, (size_t)(k - s)) : try_rule(r, c, pr, (size_t)(k - s))) break;
    }
    for (size_t i = 0; i < ARRAY_LEN(PROSE_ZERO); i++) {
        if (report_get(r, PROSE_ZERO[i].metric, AP_NONE)) continue;
        for (const char *k = strstr(s, PROSE_ZERO[i].key); k; k = strstr(k + 1, PROSE_ZERO[i].key)) {
            size_t at = (size_t)(k - s), cs = clause_start(s, at), ce = at;
            while (ce < c->text.len && !is_clause_break(s + ce, c->text.len - ce)) ce++;
            bool neg = false, verb = false;
            for (size_t j = 0; j < 4 && PROSE_ZERO[i].neg[j]; j++) neg |= clause_has(s, cs, at, PROSE_ZERO[i].neg[j]);
            for (size_t j = 0; j < 4 && PROSE_ZERO[i].verb[j]; j++) verb |= clause_has(s, cs, at, PROSE_ZERO[i].verb[j]);
            if (neg && verb && !digit_amount(s, cs, ce)) {
                report_set(r, PROSE_ZERO[i].metric, AP_NONE, CELL_VALUE, Q_EXACT, 0, SRC_TEXT, compact_line(c, at));
                break;
            }
        }
    }
}
