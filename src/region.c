/* region.c - the gazetteer, region resolution and body type (DOMAIN §7.3-7.5).
 *
 * Names are matched as chains "province? prefecture? county?" at the start of
 * a string, each division inside the one before it; the longest chain wins.
 * A short name (衡阳 for 衡阳市) counts only when a place name or a body word
 * (人民政府, 综合实验区, ...) follows it, since many are ordinary words (和平,
 * 中山, 新华). Candidates that the name does not separate are told apart by
 * evidence in the text; if none does, the note names them all.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/region.h"
#include "ogistat/util.h"

#include <stdlib.h>
#include <string.h>

/* ==== the gazetteer ==== */

static const char *const LEVEL_NAMES[] = {
    [GZ_PROVINCE] = "province", [GZ_PREFECTURE] = "prefecture", [GZ_COUNTY] = "county",
};

const char *gz_level_name(enum gz_level l)
{
    return LEVEL_NAMES[l];
}

int gz_find_code(const char *code)
{
    size_t lo = 0, hi = GZ_NDIVS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(GZ_DIVS[mid].code, code);
        if (c == 0) return (int)mid;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return -1;
}

int gz_ancestor(int div, enum gz_level l)
{
    while (div >= 0 && GZ_DIVS[div].level > l) div = GZ_DIVS[div].parent;
    return div >= 0 && GZ_DIVS[div].level == l ? div : -1;
}

static bool is_ancestor(int a, int d)
{
    for (; d >= 0; d = GZ_DIVS[d].parent)
        if (d == a) return true;
    return false;
}

/* The range [*lo, *hi) of GZ_NAMES that start with the first character of s. */
static void names_from(const char *s, size_t n, size_t *lo, size_t *hi)
{
    size_t cl = utf8_seqlen((const unsigned char *)s, n);
    *lo = *hi = 0;
    if (cl == 0) return;
    size_t a = 0, b = GZ_NNAMES;
    while (a < b) {
        size_t mid = (a + b) / 2;
        if (strncmp(GZ_NAMES[mid].name, s, cl) < 0) a = mid + 1; else b = mid;
    }
    *lo = a;
    b = GZ_NNAMES;
    while (a < b) {
        size_t mid = (a + b) / 2;
        if (strncmp(GZ_NAMES[mid].name, s, cl) <= 0) a = mid + 1; else b = mid;
    }
    *hi = a;
}

/* ==== chains of names ==== */

/* Words after which a short name is a place: 平潭综合实验区, 衡阳高新区, 福州人民政府. */
static const char *const SHORT_FOLLOWERS[] = {
    "人民政府", "政府", "综合实验区", "实验区", "试验区", "示范区", "经济技术开发区", "经济开发区",
    "高新技术产业开发区", "高新技术开发区", "高新区", "开发区", "保税区", "新区", "管委会", "管理委员会", NULL,
};

static size_t starts_with_any(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strncmp(s, *words, strlen(*words)) == 0) return strlen(*words);
    return 0;
}

#define MAX_CAND 16

struct match {
    size_t len;                /* bytes of the longest chain */
    int cand[MAX_CAND];        /* the last divisions of the chains of that length, in code order */
    size_t n;
};

static void match_add(struct match *m, size_t len, int div)
{
    if (len < m->len) return;
    if (len > m->len) { m->len = len; m->n = 0; }
    size_t i = 0;
    while (i < m->n && m->cand[i] < div) i++;
    if ((i < m->n && m->cand[i] == div) || m->n == MAX_CAND) return;
    memmove(m->cand + i + 1, m->cand + i, (m->n - i) * sizeof *m->cand);
    m->cand[i] = div;
    m->n++;
}

/* Longest chains of division names at s (n bytes), each division inside `above`
 * (-1: anywhere); a short name needs a place or a body word after it (looked for
 * past n too: a body written after its place). Adds the chains' last divisions to m. */
static void chain_at(const char *s, size_t n, int above, struct match *m)
{
    size_t lo, hi;
    names_from(s, n, &lo, &hi);
    for (size_t i = lo; i < hi; i++) {
        const struct gz_name *e = &GZ_NAMES[i];
        size_t len = strlen(e->name);
        int d = e->div;
        if (len > n || memcmp(s, e->name, len) != 0) continue;
        if (above >= 0 && (GZ_DIVS[d].level <= GZ_DIVS[above].level || !is_ancestor(above, d))) continue;
        struct match deeper = { 0 };
        if (GZ_DIVS[d].level != GZ_COUNTY) chain_at(s + len, n - len, d, &deeper);
        if (deeper.n > 0) {
            for (size_t k = 0; k < deeper.n; k++) match_add(m, len + deeper.len, deeper.cand[k]);
        } else if (!e->is_short || starts_with_any(s + len, SHORT_FOLLOWERS)) {
            match_add(m, len, d);
        }
    }
}

/* Of several chains of one length, a name shared by levels means the higher one
 * (衡阳 is 衡阳市 before 衡阳县). */
static void keep_highest_level(struct match *m)
{
    enum gz_level top = GZ_COUNTY;
    for (size_t i = 0; i < m->n; i++)
        if (GZ_DIVS[m->cand[i]].level < top) top = GZ_DIVS[m->cand[i]].level;
    size_t k = 0;
    for (size_t i = 0; i < m->n; i++)
        if (GZ_DIVS[m->cand[i]].level == top) m->cand[k++] = m->cand[i];
    m->n = k;
}

size_t gz_lookup(const char *name, int *out, size_t max)
{
    struct match m = { 0 };
    size_t n = strlen(name);
    chain_at(name, n, -1, &m);
    size_t found = 0;
    if (m.len == n) {
        found = m.n;
    } else {
        /* a short name on its own (鼓楼), which chain_at takes only before a body word */
        m.n = 0;
        size_t lo, hi;
        names_from(name, n, &lo, &hi);
        for (size_t i = lo; i < hi; i++)
            if (strcmp(GZ_NAMES[i].name, name) == 0) match_add(&m, n, GZ_NAMES[i].div);
        found = m.n;
    }
    for (size_t i = 0; i < found && i < max; i++) out[i] = m.cand[i];
    return found;
}

/* ==== body type (DOMAIN §7.4) ==== */

struct body_kind {
    const char *suffix;
    const char *type;
};

/* The longest suffix wins: 镇人民政府 is a township, 实验区管委会 a zone, 管委会 a dept. */
static const struct body_kind BODY_KINDS[] = {
    { .suffix = "人民政府", .type = "gov" },
    { .suffix = "政府", .type = "gov" },
    { .suffix = "人民政府办公厅", .type = "gov_office" },
    { .suffix = "人民政府办公室", .type = "gov_office" },
    { .suffix = "政府办公厅", .type = "gov_office" },
    { .suffix = "政府办公室", .type = "gov_office" },
    { .suffix = "政府办", .type = "gov_office" },
    { .suffix = "管委会办公室", .type = "gov_office" },
    { .suffix = "局", .type = "dept" },
    { .suffix = "管理局", .type = "dept" },
    { .suffix = "委员会", .type = "dept" },
    { .suffix = "委", .type = "dept" },
    { .suffix = "厅", .type = "dept" },
    { .suffix = "办", .type = "dept" },
    { .suffix = "署", .type = "dept" },
    { .suffix = "中心", .type = "dept" },
    { .suffix = "管委会", .type = "dept" },
    { .suffix = "街道办事处", .type = "township" },
    { .suffix = "街道", .type = "township" },
    { .suffix = "乡人民政府", .type = "township" },
    { .suffix = "镇人民政府", .type = "township" },
    { .suffix = "乡政府", .type = "township" },
    { .suffix = "镇政府", .type = "township" },
    { .suffix = "乡", .type = "township" },
    { .suffix = "镇", .type = "township" },
    { .suffix = "开发区", .type = "zone" },
    { .suffix = "高新区", .type = "zone" },
    { .suffix = "新区管委会", .type = "zone" },
    { .suffix = "开发区管委会", .type = "zone" },
    { .suffix = "高新区管委会", .type = "zone" },
    { .suffix = "实验区管委会", .type = "zone" },
    { .suffix = "试验区管委会", .type = "zone" },
    { .suffix = "示范区管委会", .type = "zone" },
    { .suffix = "开发区管理委员会", .type = "zone" },
    { .suffix = "实验区管理委员会", .type = "zone" },
};

const char *region_body_type(const char *body)
{
    if (!body) return NULL;
    size_t n = strlen(body), best = 0;
    const char *type = NULL;
    for (size_t i = 0; i < ARRAY_LEN(BODY_KINDS); i++) {
        size_t k = strlen(BODY_KINDS[i].suffix);
        if (k > best && k <= n && memcmp(body + n - k, BODY_KINDS[i].suffix, k) == 0) {
            best = k;
            type = BODY_KINDS[i].type;
        }
    }
    return type;
}

/* ==== evidence in the text ==== */

/* Does the text name division d: its full name, or its short name before a
 * body word or before a place inside d (福州鼓楼区)? */
static bool text_names(const char *text, int d)
{
    if (strstr(text, GZ_DIVS[d].name)) return true;
    const char *sn = GZ_DIVS[d].short_name;
    size_t sl = strlen(sn);
    if (sl == 0) return false;
    for (const char *p = strstr(text, sn); p; p = strstr(p + sl, sn)) {
        if (starts_with_any(p + sl, SHORT_FOLLOWERS)) return true;
        struct match deeper = { 0 };
        chain_at(p + sl, strnlen(p + sl, 128), d, &deeper);      /* a place name is short */
        if (deeper.n > 0) return true;
    }
    return false;
}

/* How close a division the text points to (e) is to candidate c:
 * 2 in the same prefecture, 1 in the same province. */
static int affinity(int e, int c)
{
    int pe = gz_ancestor(e, GZ_PREFECTURE), pc = gz_ancestor(c, GZ_PREFECTURE);
    if (pe >= 0 && pe == pc) return 2;
    if (is_ancestor(e, c) || is_ancestor(c, e)) return GZ_DIVS[e].level == GZ_PROVINCE ? 1 : 2;
    return gz_ancestor(e, GZ_PROVINCE) == gz_ancestor(c, GZ_PROVINCE) ? 1 : 0;
}

#define MAX_EVIDENCE 32

struct evidence {
    int div[MAX_EVIDENCE];
    size_t n;
};

static void ev_add(struct evidence *ev, int d)
{
    if (d < 0) return;
    for (size_t i = 0; i < ev->n; i++)
        if (ev->div[i] == d) return;
    if (ev->n < MAX_EVIDENCE) ev->div[ev->n++] = d;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The division of a 6-digit code, or of its prefecture or province when the
 * code itself is not in the gazetteer (a stale or statistical code). */
static int div_of_code(const char *code6)
{
    char c[7];
    memcpy(c, code6, 6);
    c[6] = '\0';
    int d = gz_find_code(c);
    if (d < 0) { memcpy(c + 4, "00", 2); d = gz_find_code(c); }
    if (d < 0) { memcpy(c + 2, "0000", 4); d = gz_find_code(c); }
    return d;
}

/* 索引号 "11370900004341590P/2017-00150": characters 3-8 of an 18-character
 * unified social credit code are the registering authority's division. */
static void ev_credit_codes(const char *text, struct evidence *ev)
{
    static const char KEY[] = "索引号";
    for (const char *p = strstr(text, KEY); p; p = strstr(p + 1, KEY)) {
        const char *s = p + strlen(KEY);
        while (*s == ':' || *s == ' ' || *s == '|') s++;
        if (strncmp(s, "：", strlen("：")) == 0) s += strlen("：");
        size_t k = 0;
        while (k < 18 && (is_digit(s[k]) || (s[k] >= 'A' && s[k] <= 'Z'))) k++;
        if (k == 18 && !is_digit(s[18]) && !(s[18] >= 'A' && s[18] <= 'Z') && is_digit(s[2]))
            ev_add(ev, div_of_code(s + 2));
    }
}

/* Telephone numbers "0591-24321234", "（0523）86xxxxxx": the area code's divisions. */
static void ev_area_codes(const char *text, struct evidence *ev)
{
    static const char *const SEPS[] = { "-", "－", "—", ")", "）", NULL };
    size_t found = 0;
    for (const char *p = text; *p && found < 8; p++) {
        if (*p != '0' || (p > text && is_digit(p[-1]))) continue;
        size_t k = (p[1] == '1' || p[1] == '2') ? 3 : 4;
        size_t j = 1;
        while (j < k && is_digit(p[j])) j++;
        if (j < k || is_digit(p[k])) continue;
        size_t sl = starts_with_any(p + k, SEPS);
        if (!sl) continue;
        size_t digits = 0;
        while (is_digit(p[k + sl + digits])) digits++;
        if (digits < 7 || digits > 8) continue;
        found++;
        char code[8];
        memcpy(code, p, k);
        code[k] = '\0';
        for (size_t d = 0; d < GZ_NDIVS; d++) {
            const char *ac = GZ_DIVS[d].area_code;
            for (const char *q = strstr(ac, code); q; q = strstr(q + 1, code))
                if ((q == ac || q[-1] == '|') && (q[k] == '\0' || q[k] == '|')) ev_add(ev, (int)d);
        }
    }
}

/* The one candidate the text's evidence favours, or -1. */
static int disambiguate(const struct match *m, const char *text)
{
    struct evidence ev = { 0 };
    for (size_t i = 0; i < m->n; i++)
        for (int a = GZ_DIVS[m->cand[i]].parent; a >= 0; a = GZ_DIVS[a].parent)
            if (text_names(text, a)) ev_add(&ev, a);
    ev_credit_codes(text, &ev);
    ev_area_codes(text, &ev);
    int best = -1, best_score = 0;
    bool tie = false;
    for (size_t i = 0; i < m->n; i++) {
        int score = 0;
        for (size_t k = 0; k < ev.n; k++) score += affinity(ev.div[k], m->cand[i]);
        if (score > best_score) { best = m->cand[i]; best_score = score; tie = false; }
        else if (score == best_score && score > 0) tie = true;
    }
    return tie ? -1 : best;
}

/* The deepest division that contains every candidate, or -1. */
static int common_ancestor(const struct match *m)
{
    int a = m->cand[0];
    for (size_t i = 1; i < m->n && a >= 0; i++)
        while (a >= 0 && !is_ancestor(a, m->cand[i])) a = GZ_DIVS[a].parent;
    return a;
}

/* ==== resolution ==== */

/* A name after a label ("发布机构：平潭综合实验区管委会"): chains at its start.
 * Returns where the name starts, NULL without the label. */
static const char *chain_after_label(const char *text, const char *label, struct match *m)
{
    const char *p = strstr(text, label);
    if (!p) return NULL;
    p += strlen(label);
    while (*p == ':' || *p == ' ' || *p == '|') p++;
    if (strncmp(p, "：", strlen("：")) == 0) p += strlen("：");
    chain_at(p, strlen(p), -1, m);
    return p;
}

/* The body as the text writes it after its place ("…衡阳市司法局" for a body 司法局).
 * Returns where the place starts, NULL if there is none. */
static const char *chain_before_body(const char *text, const char *body, struct match *m)
{
    size_t bl = strlen(body);
    if (bl == 0) return NULL;
    size_t seen = 0;
    for (const char *p = strstr(text, body); p && seen < 20 && m->n == 0; p = strstr(p + bl, body), seen++) {
        const char *q = p;
        for (int back = 0; back < 16 && q > text && m->n == 0; back++) {
            do q--; while (q > text && ((unsigned char)*q & 0xC0) == 0x80);
            struct match t = { 0 };
            chain_at(q, (size_t)(p - q), -1, &t);
            if (t.n > 0 && t.len == (size_t)(p - q)) { *m = t; return q; }
        }
    }
    return NULL;
}

static void set_region(struct report *r, int d)
{
    int prov = gz_ancestor(d, GZ_PROVINCE), pref = gz_ancestor(d, GZ_PREFECTURE), cty = gz_ancestor(d, GZ_COUNTY);
    r->province = prov >= 0 ? xstrdup(GZ_DIVS[prov].name) : NULL;
    r->city = pref >= 0 ? xstrdup(GZ_DIVS[pref].name) : NULL;
    r->county = cty >= 0 ? xstrdup(GZ_DIVS[cty].name) : NULL;
    r->region_code = xstrdup(GZ_DIVS[d].code);
}

static void note_ambiguous(struct report *r, const char *what, size_t wn, const struct match *m, int kept)
{
    bool same_name = true;
    for (size_t i = 1; i < m->n; i++)
        same_name &= strcmp(GZ_DIVS[m->cand[i]].name, GZ_DIVS[m->cand[0]].name) == 0;
    strbuf b;
    sb_init(&b);
    for (size_t i = 0; i < m->n; i++) {
        const struct gz_div *d = &GZ_DIVS[m->cand[i]];
        sb_printf(&b, "%s%s%s %s", i ? ", " : "", d->parent >= 0 ? GZ_DIVS[d->parent].name : "",
                  same_name ? "" : d->name, d->code);
    }
    char q[160];
    diag_quote(q, sizeof q, what, wn, 60);
    diag_add(&r->diag, DIAG_NOTE, r->path, 0, "'%s' is ambiguous (%s); %s", q, b.s,
             kept < 0 ? "region left empty"
                      : GZ_DIVS[kept].level == GZ_PROVINCE ? "city and county left empty" : "county left empty");
    sb_free(&b);
}

void region_resolve(struct report *r, const char *text)
{
    const char *bt = region_body_type(r->body);
    if (bt) r->body_type = xstrdup(bt);
    struct match m = { 0 };
    const char *what = r->body;
    if (r->body) chain_at(r->body, strlen(r->body), -1, &m);
    if (m.n == 0) what = chain_after_label(text, "发布机构", &m);
    if (m.n == 0 && r->body) what = chain_before_body(text, r->body, &m);
    if (m.n == 0) return;
    keep_highest_level(&m);
    int d = m.n == 1 ? m.cand[0] : disambiguate(&m, text);
    if (d < 0) {
        d = common_ancestor(&m);
        note_ambiguous(r, what, m.len, &m, d);
        if (d < 0) return;
    }
    set_region(r, d);
}
