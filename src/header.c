/* header.c - body, statistics year, regime and scope of a report (DOMAIN §1.5, §7). */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/header.h"
#include "ogistat/numparse.h"
#include "ogistat/util.h"

#include <pthread.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

/* ==== compact view ==== */

static void map_push(struct compact *c, size_t off, long line)
{
    if (c->nmap == c->capmap) {
        c->capmap = c->capmap ? 2 * c->capmap : 256;
        c->line_off = xrealloc(c->line_off, c->capmap * sizeof *c->line_off);
        c->line_no = xrealloc(c->line_no, c->capmap * sizeof *c->line_no);
    }
    c->line_off[c->nmap] = off;
    c->line_no[c->nmap] = line;
    c->nmap++;
}

void compact_build(struct compact *c, const struct tokstream *ts)
{
    memset(c, 0, sizeof *c);
    sb_init(&c->text);
    const struct token *prev = NULL;
    for (size_t i = 0; i < ts->n; i++) {
        const struct token *t = &ts->v[i];
        if (t->kind == TK_ROW_END) {
            sb_putc(&c->text, '\n');
            prev = NULL;
            continue;
        }
        if (prev) {
            if (t->in_table || prev->in_table) sb_putc(&c->text, '|');
            else if (t->kind == TK_CELL || prev->kind == TK_CELL) sb_putc(&c->text, ' ');
        }
        map_push(c, c->text.len, t->line);
        sb_append(&c->text, tok_text(ts, t), t->len);
        prev = t;
    }
    if (!c->text.s) sb_puts(&c->text, "");
}

void compact_free(struct compact *c)
{
    sb_free(&c->text);
    free(c->line_off);
    free(c->line_no);
    memset(c, 0, sizeof *c);
}

long compact_line(const struct compact *c, size_t off)
{
    size_t lo = 0, hi = c->nmap;
    if (hi == 0) return 0;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (c->line_off[mid] <= off) lo = mid; else hi = mid;
    }
    return c->line_no[lo];
}

/* ==== regime (DOMAIN §1.5: content beats year) ==== */

struct regime_rule {
    enum regime regime;
    const char *any[8];        /* any one of these ... */
    const char *with;          /* ... (first entry only) together with this */
};

static const struct regime_rule REGIME_RULES[] = {
    { .regime = RG_R21, .any = { "逾期不补正" }, .with = "不再处理" },
    { .regime = RG_R21, .any = { "本年制发件数", "现行有效件数", "本年收费金额" } },
    { .regime = RG_R19, .any = { "本年新收政府信息公开申请数量", "本年新制作数量", "采购总金额" } },
    { .regime = RG_R14, .any = { "属于已主动公开范围", "告知作出更改补充", "告知通过其他途径办理", "按时办结数",
                                 "回应公众关注热点", "维持具体行政行为数" } },
    { .regime = RG_R08, .any = { "对申请的答复总数", "否决公开", "免予公开范围", "全文电子化", "电子邮件申请数",
                                 "历年累计" } },
};

/* Does the document print a statistics table? Structured rows (cells set off by
 * '|' in the compact view), or many separate value tokens in column layouts. */
static bool has_table(const struct compact *c)
{
    if (memchr(c->text.s, '|', c->text.len)) return true;
    size_t cells = 0;
    for (size_t i = 0; i + 1 < c->text.len; i++)
        cells += c->text.s[i] == ' ' && c->text.s[i + 1] >= '0' && c->text.s[i + 1] <= '9';
    return cells >= 30;
}

/* DOMAIN §1.5 rule 5: the year is a prior only, for a table no key phrase identifies. */
static enum regime regime_of_year(int year)
{
    if (year <= 0) return RG_NONE;
    if (year <= 2013) return RG_R08;
    if (year <= 2018) return RG_R14;
    if (year <= 2020) return RG_R19;
    return RG_R21;
}

enum regime header_regime(const struct compact *c, int year)
{
    const char *s = c->text.s;
    for (size_t i = 0; i < ARRAY_LEN(REGIME_RULES); i++) {
        const struct regime_rule *rr = &REGIME_RULES[i];
        for (size_t k = 0; k < ARRAY_LEN(rr->any) && rr->any[k]; k++) {
            if (!strstr(s, rr->any[k])) continue;
            if (rr->with && !strstr(s, rr->with)) continue;
            return rr->regime;
        }
    }
    return has_table(c) ? regime_of_year(year) : RG_NONE;
}

/* ==== title ==== */

static const char *const TITLE_KINDS[] = { "政府信息公开工作情况的报告", "政府信息公开工作的报告", "政府信息公开工作年度报告", "政府信息公开年度报告", "政务信息公开工作年度报告",
                                           "政务信息公开年度报告", "信息公开工作年度报告", "信息公开年度报告",
                                           "政府信息公开工作报告", "政府信息公开年报", "政府信息公开情况统计表", NULL };

/* Names that already denote a body (DOMAIN §7.4); a bare place name does not. */
static const char *const BODY_SUFFIXES[] = { "人民政府", "政府", "办公厅", "办公室", "管委会", "委员会", "管理局",
                                             "局", "委", "厅", "办", "署", "中心", "街道办事处", "街道", "镇", "乡",
                                             "院", "所", "会", "处", "队", NULL };
static const char *const GOV_FORMS[] = { "管委会", "人民政府", "管理委员会", NULL };
/* Place names whose government is a 人民政府 when the text names none. */
static const char *const PLACE_SUFFIXES[] = { "区", "县", "市", "旗", "省", NULL };

static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

static bool ends_with_any(const char *s, const char *const *sufs)
{
    size_t n = strlen(s);
    for (; *sufs; sufs++)
        if (ends_with(s, n, *sufs)) return true;
    return false;
}

/* Copy s without white space and decorations; returns malloc'd. */
static char *squeeze(const char *s, size_t n)
{
    strbuf b;
    sb_init(&b);
    for (size_t i = 0; i < n;) {
        unsigned char u = (unsigned char)s[i];
        if (u == ' ' || u == '\t' || u == '\r' || u == '\n') { i++; continue; }
        if (n - i >= 3 && u == 0xE3 && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) { i += 3; continue; }
        if (n - i >= 2 && u == 0xC2 && (unsigned char)s[i + 1] == 0xA0) { i += 2; continue; }
        sb_putc(&b, s[i]);
        i++;
    }
    return sb_take(&b);
}

static void strip_prefix(const char **s, const char *pre)
{
    size_t k = strlen(pre);
    if (strncmp(*s, pre, k) == 0) *s += k;
}

/* A digit-by-digit Chinese year before 年 ("二〇一四年", "二○一三年", "二O一三年"):
 * returns its byte length at t, 0 if none. */
static size_t chinese_year(const char *t, int *year)
{
    size_t i = 0, digits = 0;
    while (digits < 4 && t[i]) {
        size_t l = utf8_seqlen((const unsigned char *)t + i, strlen(t + i));
        if (l == 0) return 0;
        int64_t d;
        if (!num_parse_chinese(t + i, l, &d) || d > 9) return 0;
        i += l;
        digits++;
    }
    if (digits != 4 || strncmp(t + i, "年", 3) != 0) return 0;
    int64_t y;
    if (!num_parse_chinese(t, i, &y) || y < 1990 || y > 2099) return 0;
    *year = (int)y;
    return i;
}

/* Find "YYYY年" (or "YYYY年度", or YYYY directly before a body) in t; returns its offset or -1.
 * *ylen gets the length of the year itself (4 for Arabic digits). */
static long find_year_len(const char *t, int *year, size_t *ylen)
{
    for (size_t i = 0; t[i]; i++) {
        size_t l = ((unsigned char)t[i] >= 0x80) ? chinese_year(t + i, year) : 0;
        if (l) { *ylen = l; return (long)i; }
        if ((t[i] == '1' && t[i + 1] == '9') || (t[i] == '2' && t[i + 1] == '0')) {
            if (t[i + 2] >= '0' && t[i + 2] <= '9' && t[i + 3] >= '0' && t[i + 3] <= '9' &&
                !(t[i + 4] >= '0' && t[i + 4] <= '9') && (i == 0 || !(t[i - 1] >= '0' && t[i - 1] <= '9'))) {
                *year = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
                *ylen = 4;
                return (long)i;
            }
        }
    }
    return -1;
}


struct title {
    char *body;
    int year;
};

/* What may follow a title's kind: the end, a closing quote or punctuation, a (图片版) note. */
static bool title_end_ok(const char *p)
{
    static const char *const OK[] = { "》", "。", "，", ",", "(", "（", "\"", "”", " ", "\n", "|", NULL };
    if (*p == '\0') return true;
    for (const char *const *k = OK; *k; k++)
        if (strncmp(p, *k, strlen(*k)) == 0) return true;
    return false;
}

/* Words after which a body name starts when the title sits inside a sentence
 * ("现向社会公布衡阳市安监局2012年…"). */
static const char *const BODY_CUTS[] = { "，", ",", "。", "：", ":", "《", "》", "公布", "发布", "形成", "编制",
                                         "现将", "关于", NULL };

static char *cut_body(const char *s, size_t n)
{
    size_t from = 0;
    for (const char *const *k = BODY_CUTS; *k; k++) {
        size_t kn = strlen(*k);
        for (size_t i = 0; i + kn <= n; i++)
            if (memcmp(s + i, *k, kn) == 0 && i + kn > from) from = i + kn;
    }
    return xstrndup(s + from, n - from);
}

/* Parse one candidate title line (already squeezed). True if it is a title. */
static bool parse_title(const char *t, struct title *out)
{
    if (strstr(t, "解读") || strstr(t, "图解")) return false;
    const char *kind = NULL;
    for (const char *const *k = TITLE_KINDS; *k && !kind; k++) {
        kind = strstr(t, *k);
        if (kind && !title_end_ok(kind + strlen(*k))) kind = NULL;
    }
    if (!kind) return false;
    while (*t == '#') t++;      /* markdown heading */
    strip_prefix(&t, "标题:");
    strip_prefix(&t, "标题：");
    strip_prefix(&t, "《");
    int year = 0;
    size_t ylen = 4;
    long y = find_year_len(t, &year, &ylen);
    if (y < 0 || t + y > kind) return false;
    const char *after = t + y + ylen;
    if (strncmp(after, "年度", 6) == 0) after += 6;
    else if (strncmp(after, "年", 3) == 0) after += 3;
    out->year = year;
    if (y > 0) {
        size_t bn = (size_t)y;
        if (ends_with(t, bn, "关于")) bn -= strlen("关于");    /* "X关于2013年度…工作情况的报告" */
        out->body = cut_body(t, bn);
    } else if (after < kind) {
        /* "2019年上海市人民政府办公厅政府信息公开工作年度报告" */
        out->body = xstrndup(after, (size_t)(kind - after));
    } else {
        out->body = NULL;
    }
    return true;
}

/* A bare place name ("平潭综合实验区", "蒸湘区") names the government of that place:
 * use the form the text itself uses most ("平潭综合实验区管委会"), else 人民政府. */
static char *body_from_place(const char *place, const char *text)
{
    size_t pn = strlen(place);
    if (ends_with_any(place, BODY_SUFFIXES)) return xstrdup(place);
    const char *best = NULL;
    size_t best_n = 0;
    for (const char *const *g = GOV_FORMS; *g; g++) {
        size_t cnt = 0;
        for (const char *p = strstr(text, place); p; p = strstr(p + pn, place))
            if (strncmp(p + pn, *g, strlen(*g)) == 0) cnt++;
        if (cnt > best_n) { best = *g; best_n = cnt; }
    }
    strbuf b;
    sb_init(&b);
    sb_puts(&b, place);
    if (best) sb_puts(&b, best);
    else if (ends_with_any(place, PLACE_SUFFIXES))
        sb_puts(&b, "人民政府");
    return sb_take(&b);
}

/* ==== statistics period (DOMAIN §7.2) ==== */

static regex_t period_re;
static pthread_once_t period_once = PTHREAD_ONCE_INIT;
static int period_ok;

static void period_init(void)
{
    /* on text without spaces: 统计(期限|时限|...)...YYYY年M月D日(起)?(至|到|—|-|~)(YYYY年)?M月D日 */
    const char *pat = "(统计|数据)[^0-9]{0,30}([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日(起)?"
                      "(至|到|—|-|~|－)([0-9]{4}年)?([0-9]{1,2})月([0-9]{1,2})日";
    period_ok = regcomp(&period_re, pat, REG_EXTENDED) == 0;
}

/* Year of the period sentence when it covers one year, else 0. */
static int period_year(const char *squeezed)
{
    pthread_once(&period_once, period_init);
    if (!period_ok) return 0;
    regmatch_t m[10];
    if (regexec(&period_re, squeezed, 10, m, 0) != 0) return 0;
    int y1 = atoi(squeezed + m[2].rm_so);
    if (m[7].rm_so >= 0) {
        int y2 = atoi(squeezed + m[7].rm_so);
        if (y2 != y1) return 0;
    }
    return y1;
}

/* ==== scope (DOMAIN §7.4): only when the text says so ==== */

/* An agency speaks of itself as 我局/本局/我委; a government's report that sums up
 * its departments speaks of 我区, 全县各…, 各单位. (本机关 is no cue: it is in the
 * 表三 label 本机关不掌握相关政府信息. 我办 is no cue: a 政府办 writes both kinds.) */
static const char *const SCOPE_BODY[] = { "我局", "本局", "我委", NULL };
static const char *const SCOPE_AGGREGATE[] = { "我区", "我县", "我市", "全区各", "全县各", "全市各", "全区政府", "全区共",
                                               "各单位", "各部门", "汇总", NULL };
static const char *const GOV_SUFFIXES[] = { "人民政府", "政府", "管委会", "管理委员会", NULL };
static const char *const OFFICE_SUFFIXES[] = { "办公厅", "办公室", NULL };

static size_t count_words(const char *text, const char *const *words)
{
    size_t n = 0;
    for (; *words; words++)
        for (const char *p = strstr(text, *words); p; p = strstr(p + 1, *words)) n++;
    return n;
}

static const char *scope_of(const char *body, const char *text)
{
    if (!body) return NULL;
    size_t own = count_words(text, SCOPE_BODY);
    if (own >= 3) return "body";
    if (ends_with_any(body, OFFICE_SUFFIXES)) return "body";
    if (ends_with_any(body, GOV_SUFFIXES) && own == 0 && count_words(text, SCOPE_AGGREGATE) > 0) return "aggregate";
    return NULL;
}

void header_parse(struct report *r, const struct compact *c, const struct line_view *lines, size_t nlines)
{
    struct title t = { 0 };
    bool found = false;
    char *prev = NULL;
    for (size_t i = 0; i < nlines && i < 80 && !found; i++) {
        if (lines[i].n > 400) { free(prev); prev = NULL; continue; }
        char *sq = squeeze(lines[i].s, lines[i].n);
        if (parse_title(sq, &t)) {
            found = true;
            if (!t.body && prev && strlen(prev) <= 60 && !strpbrk(prev, "0123456789")) t.body = xstrdup(prev);
        }
        if (*sq) { free(prev); prev = sq; } else free(sq);
    }
    free(prev);
    const char *text = c->text.s;
    char *sq_all = NULL;
    if (!found) {
        /* a title quoted in the prose: 《漳州市司法局2023年政府信息公开工作年度报告》 */
        for (const char *p = strstr(text, "《"); p && !found; p = strstr(p + 3, "《")) {
            const char *e = strstr(p, "》");
            if (!e || e - p > 200) continue;
            char *cand = xstrndup(p + 3, (size_t)(e - p - 3));
            if (parse_title(cand, &t) && t.body) found = true;
            else { free(t.body); t.body = NULL; }
            free(cand);
        }
    }
    if (!t.body || !*t.body) {
        /* no title: a first line that names a body ("衡阳市司法局", then the date) */
        for (size_t i = 0; i < nlines && i < 5; i++) {
            char *sq = squeeze(lines[i].s, lines[i].n);
            size_t n = strlen(sq);
            bool named = n <= 60 && ends_with_any(sq, BODY_SUFFIXES);
            if (n && !strpbrk(sq, "0123456789")) {
                if (named) { free(t.body); t.body = sq; sq = NULL; }
                free(sq);
                break;
            }
            free(sq);
        }
    }
    if (t.body && *t.body) {
        r->body = body_from_place(t.body, text);
    }
    free(t.body);
    sq_all = squeeze(text, c->text.len);
    int py = period_year(sq_all);
    r->year = py ? py : t.year;
    if (py && t.year && py != t.year)
        diag_add(&r->diag, DIAG_NOTE, r->path, 0, "statistics period says %d but the title says %d; using %d", py, t.year, py);
    free(sq_all);

    const char *scope = scope_of(r->body, text);
    if (scope) r->scope = xstrdup(scope);
}
