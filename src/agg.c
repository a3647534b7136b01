/* agg.c - grouping and aggregation (see agg.h for what is added up and why).
 *
 * Layout in memory:
 *   group  one per distinct key tuple;
 *   unit   a part of a group: the reports of one year, one region
 *          (province, city, county) and one scope class (aggregate or not).
 *          The no-double-counting rule works on units: a unit is dropped
 *          when an aggregate unit of the same group and year covers its region;
 *   acc    one accumulator per (unit, item), found through a hash of
 *          unit x item and chained per unit; sums of cells are kept exact in
 *          hundredths (v100), like the records;
 *   member one small entry per report added (its body, year, region), for the
 *          duplicate check and the expected-bodies rule.
 * Nothing is kept per row: memory is the groups, their accumulators and one
 * member per report.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/agg.h"
#include "ogistat/stats.h"
#include "ogistat/util.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== tables ==== */

const char *const AGG_KEY_NAMES[K__COUNT] = {
    [K_PROVINCE] = "province", [K_CITY] = "city", [K_COUNTY] = "county", [K_BODY] = "body",
    [K_BODY_TYPE] = "body_type", [K_SCOPE] = "scope", [K_YEAR] = "year", [K_REGIME] = "regime",
};

const struct agg_op_def AGG_OPS[OP__COUNT] = {
    [OP_COUNT] = { .name = "count", .desc = "reports added up in the group" },
    [OP_N] = { .name = "n", .desc = "reports that gave a value" },
    [OP_SUM] = { .name = "sum", .desc = "sum of the values (not for rates)" },
    [OP_MEAN] = { .name = "mean", .desc = "mean of the values (rates: of the reports' own rates)" },
    [OP_SD] = { .name = "sd", .desc = "sample standard deviation", .needs_values = true },
    [OP_MIN] = { .name = "min", .desc = "smallest value" },
    [OP_P10] = { .name = "p10", .desc = "10th percentile", .needs_values = true, .p = 0.10 },
    [OP_Q1] = { .name = "q1", .desc = "first quartile", .needs_values = true, .p = 0.25 },
    [OP_MEDIAN] = { .name = "median", .desc = "median", .needs_values = true, .p = 0.5 },
    [OP_Q3] = { .name = "q3", .desc = "third quartile", .needs_values = true, .p = 0.75 },
    [OP_P90] = { .name = "p90", .desc = "90th percentile", .needs_values = true, .p = 0.90 },
    [OP_MAX] = { .name = "max", .desc = "largest value" },
    [OP_RATIO] = { .name = "ratio", .desc = "rates: pooled, sum of numerators / sum of denominators" },
};

int agg_key_find(const char *name)
{
    for (int k = 0; k < K__COUNT; k++)
        if (strcmp(AGG_KEY_NAMES[k], name) == 0) return k;
    return -1;
}

int agg_op_find(const char *name)
{
    for (int o = 0; o < OP__COUNT; o++)
        if (strcmp(AGG_OPS[o].name, name) == 0) return o;
    return -1;
}

int agg_item_parse(const char *s, struct agg_item *it)
{
    int i = harm_find(s);
    if (i >= 0) { *it = (struct agg_item){ .kind = ITEM_H, .id = i }; return 0; }
    i = ind_find(s);
    if (i >= 0) { *it = (struct agg_item){ .kind = ITEM_IND, .id = i }; return 0; }
    char buf[96];
    if (strlen(s) >= sizeof buf) return -1;
    strcpy(buf, s);
    char *dot = strchr(buf, '.');
    if (dot) *dot = '\0';
    int m = reg_metric_find(buf);
    if (m < 0) return -1;
    int ap = dot ? reg_applicant_find(dot + 1) : (REG_METRICS[m].applicant_dim ? AP_TOTAL : AP_NONE);
    if (ap < 0 || (ap == AP_NONE) == REG_METRICS[m].applicant_dim) return -1;
    *it = (struct agg_item){ .kind = ITEM_CELL, .id = m, .applicant = ap };
    return 0;
}

void agg_item_name(const struct agg_item *it, char *buf, size_t sz)
{
    switch (it->kind) {
    case ITEM_H: snprintf(buf, sz, "%s", H_DEFS[it->id].id); break;
    case ITEM_IND: snprintf(buf, sz, "%s", IND_DEFS[it->id].id); break;
    case ITEM_CELL:
        if (it->applicant == AP_NONE) snprintf(buf, sz, "%s", REG_METRICS[it->id].id);
        else snprintf(buf, sz, "%s.%s", REG_METRICS[it->id].id, REG_APPLICANTS[it->applicant].code);
        break;
    }
}

const char *agg_key_value(const struct report *r, int key, char *buf, size_t sz)
{
    const char *v = NULL;
    switch ((enum agg_key)key) {
    case K_PROVINCE: v = r->province; break;
    case K_CITY: v = r->city; break;
    case K_COUNTY: v = r->county; break;
    case K_BODY: v = r->body; break;
    case K_BODY_TYPE: v = r->body_type; break;
    case K_SCOPE: v = r->scope; break;
    case K_REGIME: v = r->regime == RG_NONE ? "" : regime_name(r->regime); break;
    case K_YEAR:
        if (!r->year) return "";
        snprintf(buf, sz, "%d", r->year);
        return buf;
    case K__COUNT: break;
    }
    return v ? v : "";
}

/* ==== hash maps ==== */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static uint64_t hash_u64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

/* string -> uint32; keys owned */
struct strmap {
    char **k;
    uint32_t *v;
    size_t cap, n;
};

static void strmap_grow(struct strmap *m)
{
    size_t ncap = m->cap ? 2 * m->cap : 64;
    char **nk = xcalloc(ncap, sizeof *nk);
    uint32_t *nv = xmalloc(ncap * sizeof *nv);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->k[i]) continue;
        size_t j = hash_str(m->k[i]) & (ncap - 1);
        while (nk[j]) j = (j + 1) & (ncap - 1);
        nk[j] = m->k[i];
        nv[j] = m->v[i];
    }
    free(m->k);
    free(m->v);
    m->k = nk;
    m->v = nv;
    m->cap = ncap;
}

/* The value of key; if absent, add it with value v (and set *added). */
static uint32_t strmap_put(struct strmap *m, const char *key, uint32_t v, bool *added)
{
    if (2 * (m->n + 1) > m->cap) strmap_grow(m);
    size_t j = hash_str(key) & (m->cap - 1);
    while (m->k[j]) {
        if (strcmp(m->k[j], key) == 0) { if (added) *added = false; return m->v[j]; }
        j = (j + 1) & (m->cap - 1);
    }
    m->k[j] = xstrdup(key);
    m->v[j] = v;
    m->n++;
    if (added) *added = true;
    return v;
}

static const char *strmap_key_of(const struct strmap *m, const char *key)
{
    if (!m->cap) return NULL;
    size_t j = hash_str(key) & (m->cap - 1);
    while (m->k[j]) {
        if (strcmp(m->k[j], key) == 0) return m->k[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

static void strmap_free(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++) free(m->k[i]);
    free(m->k);
    free(m->v);
}

/* uint64 -> uint32 */
#define U64_EMPTY UINT64_MAX
struct u64map {
    uint64_t *k;
    uint32_t *v;
    size_t cap, n;
};

static void u64map_grow(struct u64map *m)
{
    size_t ncap = m->cap ? 2 * m->cap : 1024;
    uint64_t *nk = xmalloc(ncap * sizeof *nk);
    uint32_t *nv = xmalloc(ncap * sizeof *nv);
    for (size_t i = 0; i < ncap; i++) nk[i] = U64_EMPTY;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->k[i] == U64_EMPTY) continue;
        size_t j = hash_u64(m->k[i]) & (ncap - 1);
        while (nk[j] != U64_EMPTY) j = (j + 1) & (ncap - 1);
        nk[j] = m->k[i];
        nv[j] = m->v[i];
    }
    free(m->k);
    free(m->v);
    m->k = nk;
    m->v = nv;
    m->cap = ncap;
}

static uint32_t u64map_put(struct u64map *m, uint64_t key, uint32_t v, bool *added)
{
    if (2 * (m->n + 1) > m->cap) u64map_grow(m);
    size_t j = hash_u64(key) & (m->cap - 1);
    while (m->k[j] != U64_EMPTY) {
        if (m->k[j] == key) { *added = false; return m->v[j]; }
        j = (j + 1) & (m->cap - 1);
    }
    m->k[j] = key;
    m->v[j] = v;
    m->n++;
    *added = true;
    return v;
}

static bool u64map_has(const struct u64map *m, uint64_t key)
{
    if (!m->cap) return false;
    size_t j = hash_u64(key) & (m->cap - 1);
    while (m->k[j] != U64_EMPTY) {
        if (m->k[j] == key) return true;
        j = (j + 1) & (m->cap - 1);
    }
    return false;
}

/* ==== state ==== */

#define N_SLOTS ((size_t)M__COUNT * AP__COUNT)
#define N_ITEMS (N_SLOTS + H__COUNT + IND__COUNT)
#define NONE UINT32_MAX

struct acc {
    int64_t sum100;             /* cells and h: exact sum */
    double vsum;                /* sum of the per-report values (rates for indicators) */
    double num, den;            /* indicators: pooled numerator and denominator */
    double min, max;
    uint32_t n;                 /* reports that gave a value (indicators: a numerator and denominator) */
    uint32_t nv;                /* per-report values (indicators: rates computed) */
    char grade, grade_all;      /* worst grade of the values / of every report */
    double *vals;
    size_t nvals, capv;
    uint32_t item, next;        /* chain of the unit's accumulators */
};

struct unit {
    uint32_t group;
    int year;
    const char *reg[3];         /* interned province, city, county ("" unknown) */
    int level;                  /* 0 unknown region; else 1 + index of the last known field */
    bool is_agg, covered;
    uint32_t nreports;
    unsigned regimes;           /* 1 << regime of its reports */
    uint32_t first_acc;
};

struct group {
    const char **keys;          /* interned */
    uint32_t family;            /* the key tuple without the year */
    int year;                   /* when year is a key */
    uint32_t *units;
    size_t nunits, capu;
};

struct member {
    uint32_t group, body;       /* body: interned identity (name, region, scope) */
    uint32_t unit;
    const char *path;           /* interned: the report's input, for the duplicate note */
};

struct agg {
    struct agg_spec spec;
    struct agg_item *items;
    bool want_h, want_values, year_key;
    struct strmap strs;         /* interned strings */
    struct strmap groups_by_key, units_by_key, families, bodies, seen;
    struct group *groups;
    size_t ngroups, capg;
    struct unit *units;
    size_t nunits, capu;
    struct acc *accs;
    size_t naccs, capa;
    struct u64map acc_of;       /* unit * N_ITEMS + item -> acc */
    struct member *members;
    size_t nmembers, capm;
    size_t no_key[K__COUNT];    /* reports with an empty region key */
    struct u64map present;      /* group << 32 | body: a body reports in the group */
    /* results of agg_finish */
    uint32_t *order;            /* groups in key order */
    const char **coverage;
    size_t *absent;
    size_t *count;
};

static const char *intern(struct agg *a, const char *s)
{
    strmap_put(&a->strs, s, 0, NULL);
    return strmap_key_of(&a->strs, s);
}

struct agg *agg_new(const struct agg_spec *spec)
{
    struct agg *a = xcalloc(1, sizeof *a);
    a->spec = *spec;
    if (spec->nitems) {
        a->items = xmalloc(spec->nitems * sizeof *a->items);
        memcpy(a->items, spec->items, spec->nitems * sizeof *a->items);
        a->spec.items = a->items;
    }
    for (size_t i = 0; i < spec->nitems; i++) a->want_h |= spec->items[i].kind != ITEM_CELL;
    for (size_t o = 0; o < spec->nops; o++) a->want_values |= AGG_OPS[spec->ops[o]].needs_values;
    for (size_t k = 0; k < spec->nkeys; k++) a->year_key |= spec->keys[k] == K_YEAR;
    return a;
}

static size_t item_index(const struct agg_item *it)
{
    switch (it->kind) {
    case ITEM_CELL: return (size_t)it->id * AP__COUNT + (size_t)it->applicant;
    case ITEM_H: return N_SLOTS + (size_t)it->id;
    case ITEM_IND: return N_SLOTS + H__COUNT + (size_t)it->id;
    }
    return 0;
}

static struct agg_item item_of_index(size_t i)
{
    if (i < N_SLOTS) return (struct agg_item){ .kind = ITEM_CELL, .id = (int)(i / AP__COUNT), .applicant = (int)(i % AP__COUNT) };
    if (i < N_SLOTS + H__COUNT) return (struct agg_item){ .kind = ITEM_H, .id = (int)(i - N_SLOTS) };
    return (struct agg_item){ .kind = ITEM_IND, .id = (int)(i - N_SLOTS - H__COUNT) };
}

static bool item_is_ratio(const struct agg_item *it)
{
    return it->kind == ITEM_IND && ind_is_ratio(it->id);
}

/* ==== adding reports ==== */

static uint32_t group_of(struct agg *a, const struct report *r)
{
    strbuf key, fam;
    sb_init(&key);
    sb_init(&fam);
    char yb[16];
    for (size_t k = 0; k < a->spec.nkeys; k++) {
        const char *v = agg_key_value(r, a->spec.keys[k], yb, sizeof yb);
        sb_puts(&key, v);
        sb_putc(&key, '\x1f');
        if (a->spec.keys[k] != K_YEAR) { sb_puts(&fam, v); sb_putc(&fam, '\x1f'); }
    }
    bool added;
    uint32_t g = strmap_put(&a->groups_by_key, key.s ? key.s : "", (uint32_t)a->ngroups, &added);
    if (added) {
        if (a->ngroups == a->capg) {
            a->capg = a->capg ? 2 * a->capg : 64;
            a->groups = xrealloc(a->groups, a->capg * sizeof *a->groups);
        }
        struct group *gr = &a->groups[a->ngroups++];
        memset(gr, 0, sizeof *gr);
        gr->keys = xmalloc((a->spec.nkeys ? a->spec.nkeys : 1) * sizeof *gr->keys);
        for (size_t k = 0; k < a->spec.nkeys; k++) gr->keys[k] = intern(a, agg_key_value(r, a->spec.keys[k], yb, sizeof yb));
        gr->year = r->year;
        gr->family = strmap_put(&a->families, fam.s ? fam.s : "", (uint32_t)a->families.n, NULL);
    }
    sb_free(&key);
    sb_free(&fam);
    return g;
}

static void region_of(struct agg *a, const struct report *r, const char *reg[3], int *level)
{
    const char *f[3] = { r->province, r->city, r->county };
    *level = 0;
    for (int i = 0; i < 3; i++) {
        reg[i] = intern(a, f[i] ? f[i] : "");
        if (*reg[i]) *level = i + 1;
    }
}

static uint32_t unit_of(struct agg *a, uint32_t g, const struct report *r)
{
    bool is_agg = r->scope && strcmp(r->scope, "aggregate") == 0;
    strbuf key;
    sb_init(&key);
    sb_printf(&key, "%u\x1f%d\x1f%s\x1f%s\x1f%s\x1f%d", g, r->year, r->province ? r->province : "",
              r->city ? r->city : "", r->county ? r->county : "", is_agg);
    bool added;
    uint32_t u = strmap_put(&a->units_by_key, key.s, (uint32_t)a->nunits, &added);
    sb_free(&key);
    if (added) {
        if (a->nunits == a->capu) {
            a->capu = a->capu ? 2 * a->capu : 64;
            a->units = xrealloc(a->units, a->capu * sizeof *a->units);
        }
        struct unit *un = &a->units[a->nunits++];
        memset(un, 0, sizeof *un);
        un->group = g;
        un->year = r->year;
        un->is_agg = is_agg;
        un->first_acc = NONE;
        region_of(a, r, un->reg, &un->level);
        struct group *gr = &a->groups[g];
        if (gr->nunits == gr->capu) {
            gr->capu = gr->capu ? 2 * gr->capu : 4;
            gr->units = xrealloc(gr->units, gr->capu * sizeof *gr->units);
        }
        gr->units[gr->nunits++] = u;
    }
    a->units[u].nreports++;
    a->units[u].regimes |= 1u << r->regime;
    return u;
}

static struct acc *acc_of(struct agg *a, uint32_t u, size_t item)
{
    bool added;
    uint32_t i = u64map_put(&a->acc_of, (uint64_t)u * N_ITEMS + item, (uint32_t)a->naccs, &added);
    if (added) {
        if (a->naccs == a->capa) {
            a->capa = a->capa ? 2 * a->capa : 1024;
            a->accs = xrealloc(a->accs, a->capa * sizeof *a->accs);
        }
        struct acc *c = &a->accs[a->naccs++];
        memset(c, 0, sizeof *c);
        c->min = INFINITY;
        c->max = -INFINITY;
        c->item = (uint32_t)item;
        c->next = a->units[u].first_acc;
        a->units[u].first_acc = i;
    }
    return &a->accs[i];
}

static void acc_value(struct agg *a, struct acc *c, double x)
{
    c->vsum += x;
    c->nv++;
    if (x < c->min) c->min = x;
    if (x > c->max) c->max = x;
    if (!a->want_values) return;
    if (c->nvals == c->capv) {
        c->capv = c->capv ? 2 * c->capv : 8;
        c->vals = xrealloc(c->vals, c->capv * sizeof *c->vals);
    }
    c->vals[c->nvals++] = x;
}

static void add_cell(struct agg *a, uint32_t u, const struct cell *c)
{
    struct acc *ac = acc_of(a, u, (size_t)c->metric * AP__COUNT + (size_t)c->applicant);
    if (c->status != CELL_VALUE) return;
    ac->sum100 += c->v100;
    ac->n++;
    acc_value(a, ac, (double)c->v100 / 100);
}

static char gmax(char a, char b)
{
    return a > b ? a : b;
}

static void add_item(struct agg *a, uint32_t u, const struct agg_item *it, const struct report *r,
                     const struct hval *h)
{
    switch (it->kind) {
    case ITEM_CELL: {
        const struct cell *c = report_get(r, it->id, it->applicant);
        if (c) add_cell(a, u, c);
        return;
    }
    case ITEM_H: {
        const struct hval *v = &h[it->id];
        struct acc *ac = acc_of(a, u, item_index(it));
        ac->grade_all = gmax(ac->grade_all, v->grade);
        if (v->st != HS_VALUE) return;
        ac->grade = gmax(ac->grade, v->grade);
        ac->sum100 += v->v100;
        ac->n++;
        acc_value(a, ac, (double)v->v100 / 100);
        return;
    }
    case ITEM_IND: {
        struct ival v;
        ind_eval(it->id, r, h, a->spec.min_den, &v);
        struct acc *ac = acc_of(a, u, item_index(it));
        ac->grade_all = gmax(ac->grade_all, v.grade);
        if (v.st != IS_VALUE && v.st != IS_SMALL_BASE) return;
        ac->grade = gmax(ac->grade, v.grade);
        ac->num += v.num;
        ac->den += v.den;
        ac->n++;
        if (v.st == IS_VALUE) acc_value(a, ac, v.value);
        return;
    }
    }
}

void agg_add(struct agg *a, const struct report *r, struct diag *d)
{
    char yb[16];
    for (size_t w = 0; w < a->spec.nwhere; w++)
        if ((strcmp(agg_key_value(r, a->spec.where[w].key, yb, sizeof yb), a->spec.where[w].value) != 0) !=
            a->spec.where[w].negate)
            return;

    /* the same report twice (two formats of one report): count it once */
    strbuf id;
    sb_init(&id);
    sb_printf(&id, "%s\x1f%s\x1f%s\x1f%s\x1f%s", r->body ? r->body : r->path, r->province ? r->province : "",
              r->city ? r->city : "", r->county ? r->county : "", r->scope ? r->scope : "");
    size_t idlen = id.len;
    sb_printf(&id, "\x1f%d", r->year);
    bool added;
    uint32_t first = strmap_put(&a->seen, id.s, (uint32_t)a->nmembers, &added);
    if (!added) {
        diag_add(d, DIAG_NOTE, r->path, 0, "same body, region and year as %s: counted once '%s %d'",
                 a->members[first].path, r->body ? r->body : "", r->year);
        sb_free(&id);
        return;
    }
    id.s[idlen] = '\0';

    uint32_t g = group_of(a, r);
    uint32_t u = unit_of(a, g, r);
    for (size_t k = 0; k < a->spec.nkeys; k++) {
        int key = a->spec.keys[k];
        if ((key == K_PROVINCE || key == K_CITY || key == K_COUNTY) && !*agg_key_value(r, key, yb, sizeof yb))
            a->no_key[key]++;
    }
    if (a->nmembers == a->capm) {
        a->capm = a->capm ? 2 * a->capm : 256;
        a->members = xrealloc(a->members, a->capm * sizeof *a->members);
    }
    uint32_t body = strmap_put(&a->bodies, id.s, (uint32_t)a->bodies.n, NULL);
    a->members[a->nmembers++] = (struct member){ .group = g, .body = body, .unit = u, .path = intern(a, r->path) };
    bool dummy;
    u64map_put(&a->present, (uint64_t)g << 32 | body, 0, &dummy);
    sb_free(&id);

    if (!a->spec.nitems) {
        for (size_t i = 0; i < r->ncells; i++) add_cell(a, u, &r->cells[i]);
        return;
    }
    struct hval h[H__COUNT];
    if (a->want_h) harm_report(r, h);
    for (size_t i = 0; i < a->spec.nitems; i++) add_item(a, u, &a->spec.items[i], r, h);
}

/* ==== coverage ==== */

/* Does aggregate unit x cover unit y (same year, y's region inside x's)? */
static bool covers(const struct unit *x, const struct unit *y)
{
    if (!x->is_agg || x == y || x->year != y->year || x->level == 0) return false;
    for (int l = 0; l < x->level; l++)
        if (x->reg[l] != y->reg[l]) return false;
    return y->level > x->level || (y->level == x->level && !y->is_agg);
}

static struct agg *sort_ctx;

static int cmp_key(const char *x, const char *y, bool numeric)
{
    if (numeric) {
        long a = *x ? atol(x) : -1, b = *y ? atol(y) : -1;
        if (a != b) return a < b ? -1 : 1;
        return 0;
    }
    return strcmp(x, y);
}

static int cmp_groups(const void *pa, const void *pb)
{
    const struct group *x = &sort_ctx->groups[*(const uint32_t *)pa];
    const struct group *y = &sort_ctx->groups[*(const uint32_t *)pb];
    for (size_t k = 0; k < sort_ctx->spec.nkeys; k++) {
        int c = cmp_key(x->keys[k], y->keys[k], sort_ctx->spec.keys[k] == K_YEAR);
        if (c) return c;
    }
    return 0;
}

static void group_label(const struct agg *a, const struct group *g, char *buf, size_t sz)
{
    size_t off = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < a->spec.nkeys && off < sz; k++)
        off += (size_t)snprintf(buf + off, sz - off, "%s%s", k ? "," : "", g->keys[k]);
}

void agg_finish(struct agg *a, struct diag *d)
{
    a->order = xmalloc((a->ngroups ? a->ngroups : 1) * sizeof *a->order);
    a->coverage = xmalloc((a->ngroups ? a->ngroups : 1) * sizeof *a->coverage);
    a->absent = xcalloc(a->ngroups ? a->ngroups : 1, sizeof *a->absent);
    a->count = xcalloc(a->ngroups ? a->ngroups : 1, sizeof *a->count);
    size_t n_unknown = 0;
    strbuf unk;
    sb_init(&unk);
    for (size_t gi = 0; gi < a->ngroups; gi++) {
        struct group *g = &a->groups[gi];
        a->order[gi] = (uint32_t)gi;
        for (size_t i = 0; i < g->nunits; i++) {
            struct unit *y = &a->units[g->units[i]];
            for (size_t j = 0; j < g->nunits && !y->covered; j++) y->covered = covers(&a->units[g->units[j]], y);
        }
        bool unknown = false;
        for (size_t i = 0; i < g->nunits; i++) {
            struct unit *x = &a->units[g->units[i]];
            if (x->covered) continue;
            a->count[gi] += x->nreports;
            if (!x->is_agg) continue;
            if (x->nreports > 1) unknown = true;     /* two aggregate reports of one region-year */
            for (size_t j = 0; j < g->nunits; j++) {
                struct unit *y = &a->units[g->units[j]];
                if (y != x && !y->covered && y->year == x->year && (x->level == 0 || y->level == 0)) unknown = true;
            }
        }
        a->coverage[gi] = unknown ? "unknown" : "complete";
        if (unknown && ++n_unknown <= 3) {
            char lab[256];
            group_label(a, g, lab, sizeof lab);
            sb_printf(&unk, "%s'%s'", n_unknown > 1 ? " " : "", lab);
        }
    }

    /* expected bodies: with year a key, a body of the same family (keys but the year)
     * that reports in another year and is neither here nor covered here */
    if (a->year_key) {
        /* one representative member per (family, body) */
        struct u64map fb = { 0 };
        uint32_t *rep_of = xmalloc((a->nmembers ? a->nmembers : 1) * sizeof *rep_of);
        size_t nrep = 0;
        for (size_t i = 0; i < a->nmembers; i++) {
            const struct member *m = &a->members[i];
            bool added;
            u64map_put(&fb, (uint64_t)a->groups[m->group].family << 32 | m->body, 0, &added);
            if (added) rep_of[nrep++] = (uint32_t)i;
        }
        for (size_t gi = 0; gi < a->ngroups; gi++) {
            const struct group *g = &a->groups[gi];
            for (size_t k = 0; k < nrep; k++) {
                const struct member *m = &a->members[rep_of[k]];
                if (a->groups[m->group].family != g->family) continue;
                if (u64map_has(&a->present, (uint64_t)gi << 32 | m->body)) continue;
                struct unit probe = a->units[m->unit];
                probe.year = g->year;
                bool cov = false;
                for (size_t j = 0; j < g->nunits && !cov; j++) cov = covers(&a->units[g->units[j]], &probe);
                if (!cov) a->absent[gi]++;
            }
            if (a->absent[gi] && strcmp(a->coverage[gi], "unknown") != 0) a->coverage[gi] = "partial";
        }
        free(rep_of);
        free(fb.k);
        free(fb.v);
    }
    for (int k = K_PROVINCE; k <= K_COUNTY; k++)
        if (a->no_key[k])
            diag_add(d, DIAG_NOTE, NULL, 0, "%zu report%s without a %s: grouped under ''", a->no_key[k],
                     a->no_key[k] == 1 ? "" : "s", AGG_KEY_NAMES[k]);
    if (n_unknown)
        diag_add(d, DIAG_NOTE, NULL, 0,
                 "%zu group%s (%s%s): an aggregate report and reports of unknown region may overlap: coverage "
                 "unknown (fill province/city/county, or --where scope=...)", n_unknown, n_unknown == 1 ? "" : "s",
                 unk.s, n_unknown > 3 ? " ..." : "");
    sb_free(&unk);
    sort_ctx = a;
    if (a->ngroups > 1) qsort(a->order, a->ngroups, sizeof *a->order, cmp_groups);
    sort_ctx = NULL;
}

/* ==== results ==== */

static void acc_merge(struct acc *dst, const struct acc *src, bool values)
{
    dst->sum100 += src->sum100;
    dst->vsum += src->vsum;
    dst->num += src->num;
    dst->den += src->den;
    if (src->min < dst->min) dst->min = src->min;
    if (src->max > dst->max) dst->max = src->max;
    dst->n += src->n;
    dst->nv += src->nv;
    dst->grade = gmax(dst->grade, src->grade);
    dst->grade_all = gmax(dst->grade_all, src->grade_all);
    if (!values || !src->nvals) return;
    if (dst->nvals + src->nvals > dst->capv) {
        dst->capv = dst->nvals + src->nvals;
        dst->vals = xrealloc(dst->vals, dst->capv * sizeof *dst->vals);
    }
    memcpy(dst->vals + dst->nvals, src->vals, src->nvals * sizeof *src->vals);
    dst->nvals += src->nvals;
}

static void fill_row(struct agg *a, struct agg_row *row, const struct agg_item *it, struct acc *c, size_t count)
{
    static const struct acc empty = { .min = INFINITY, .max = -INFINITY };
    if (!c) c = (struct acc *)&empty;
    bool ratio = item_is_ratio(it);
    row->item = *it;
    row->count = count;
    row->n = c->n;
    row->nv = c->nv;
    row->grade = it->kind == ITEM_CELL ? 0 : (c->grade ? c->grade : c->grade_all);
    for (int o = 0; o < OP__COUNT; o++) row->op[o] = NAN;
    row->op[OP_COUNT] = (double)count;
    row->op[OP_N] = (double)c->n;
    if (c->n) {
        if (it->kind == ITEM_IND) row->op[OP_SUM] = ratio ? NAN : c->num;
        else row->op[OP_SUM] = (double)c->sum100 / 100;
    }
    if (c->nv) {
        row->op[OP_MEAN] = c->vsum / c->nv;
        row->op[OP_MIN] = c->min;
        row->op[OP_MAX] = c->max;
    }
    if (a->want_values && c->nvals) {
        size_t k = stats_clean_sort(c->vals, c->nvals);
        row->op[OP_SD] = stats_sd(c->vals, k);
        for (int o = 0; o < OP__COUNT; o++)
            if (AGG_OPS[o].p > 0) row->op[o] = stats_quantile_sorted(c->vals, k, AGG_OPS[o].p);
    }
    row->status = c->n == 0 ? "none" : c->n < count ? "partial" : "complete";
    if (ratio && c->n) {
        struct ival v;
        ind_ratio(it->id, c->num, c->den, a->spec.min_den, &v);
        if (v.st == IS_VALUE) row->op[OP_RATIO] = v.value;
        else row->status = "not computed";
    }
}

int agg_each(struct agg *a, int (*fn)(const struct agg_row *row, void *ctx), void *ctx)
{
    struct acc *merged = xcalloc(N_ITEMS, sizeof *merged);
    bool *touched = xcalloc(N_ITEMS, sizeof *touched);
    int rc = 0;
    for (size_t oi = 0; oi < a->ngroups && !rc; oi++) {
        uint32_t gi = a->order[oi];
        const struct group *g = &a->groups[gi];
        for (size_t i = 0; i < g->nunits; i++) {
            const struct unit *u = &a->units[g->units[i]];
            if (u->covered) continue;
            for (uint32_t ai = u->first_acc; ai != NONE; ai = a->accs[ai].next) {
                const struct acc *src = &a->accs[ai];
                struct acc *dst = &merged[src->item];
                if (!touched[src->item]) {
                    touched[src->item] = true;
                    dst->min = INFINITY;
                    dst->max = -INFINITY;
                }
                acc_merge(dst, src, a->want_values);
            }
        }
        struct agg_row row = { .keys = g->keys, .coverage = a->coverage[gi], .absent_bodies = a->absent[gi] };
        for (size_t i = 0; i < g->nunits; i++)
            if (!a->units[g->units[i]].covered) row.regimes |= a->units[g->units[i]].regimes;
        if (a->spec.nitems) {
            for (size_t i = 0; i < a->spec.nitems && !rc; i++) {
                size_t ix = item_index(&a->spec.items[i]);
                fill_row(a, &row, &a->spec.items[i], touched[ix] ? &merged[ix] : NULL, a->count[gi]);
                rc = fn(&row, ctx);
            }
        } else {
            for (size_t ix = 0; ix < N_SLOTS && !rc; ix++) {
                if (!touched[ix]) continue;
                struct agg_item it = item_of_index(ix);
                fill_row(a, &row, &it, &merged[ix], a->count[gi]);
                rc = fn(&row, ctx);
            }
        }
        for (size_t ix = 0; ix < N_ITEMS; ix++) {
            if (!touched[ix]) continue;
            free(merged[ix].vals);
            memset(&merged[ix], 0, sizeof merged[ix]);
            touched[ix] = false;
        }
    }
    free(merged);
    free(touched);
    return rc;
}

void agg_free(struct agg *a)
{
    if (!a) return;
    for (size_t i = 0; i < a->ngroups; i++) {
        free(a->groups[i].keys);
        free(a->groups[i].units);
    }
    for (size_t i = 0; i < a->naccs; i++) free(a->accs[i].vals);
    free(a->groups);
    free(a->units);
    free(a->accs);
    free(a->acc_of.k);
    free(a->acc_of.v);
    free(a->present.k);
    free(a->present.v);
    free(a->members);
    free(a->items);
    free(a->order);
    free(a->coverage);
    free(a->absent);
    free(a->count);
    strmap_free(&a->strs);
    strmap_free(&a->groups_by_key);
    strmap_free(&a->units_by_key);
    strmap_free(&a->families);
    strmap_free(&a->bodies);
    strmap_free(&a->seen);
    free(a);
}
