/* series.c - measures and series tables for charts (series.h).
 *
 * No gnuplot here: this module turns reports into numbers (a series table),
 * chart.c turns series tables into gnuplot scripts.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/series.h"
#include "ogistat/harmonize.h"
#include "ogistat/util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ==== labels ==== */

void label_short(char *buf, size_t sz, const char *label)
{
    if (!sz) return;
    const char *cut = strstr(label, "（");
    const char *p = strchr(label, '(');
    if (!cut || (p && p < cut)) cut = p;
    size_t n = cut ? (size_t)(cut - label) : strlen(label);
    while (n > 0 && label[n - 1] == ' ') n--;
    if (n >= sz) {                      /* cut at a UTF-8 boundary */
        n = sz - 1;
        while (n > 0 && ((unsigned char)label[n] & 0xC0) == 0x80) n--;
    }
    memcpy(buf, label, n);
    buf[n] = '\0';
}

/* English words for the registry's units */
static const struct {
    const char *zh, *en;
} UNITS[] = {
    { "件", "cases" }, { "条", "items" }, { "项", "items" }, { "元", "yuan" }, { "人次", "person-times" },
    { "人", "persons" }, { "个", "units" }, { "次", "times" }, { "篇", "articles" },
};

static void set_unit(struct measure *m, const char *zh)
{
    snprintf(m->unit[LANG_ZH], sizeof m->unit[LANG_ZH], "%s", zh);
    snprintf(m->unit[LANG_EN], sizeof m->unit[LANG_EN], "%s", zh);
    for (size_t i = 0; i < ARRAY_LEN(UNITS); i++)
        if (strcmp(UNITS[i].zh, zh) == 0) snprintf(m->unit[LANG_EN], sizeof m->unit[LANG_EN], "%s", UNITS[i].en);
}

/* An applicant column other than the total is named after the label. */
static void add_applicant(struct measure *m, int applicant)
{
    if (applicant == AP_NONE || applicant == AP_TOTAL) return;
    const struct applicant_def *a = &REG_APPLICANTS[applicant];
    size_t n = strlen(m->label[LANG_ZH]);
    snprintf(m->label[LANG_ZH] + n, sizeof m->label[LANG_ZH] - n, "（%s）", a->label_zh);
    n = strlen(m->label[LANG_EN]);
    snprintf(m->label[LANG_EN] + n, sizeof m->label[LANG_EN] - n, " (%s)", a->name_en);
}

/* ==== metric measures ==== */

static double cell_value(const struct report *r, int metric, int applicant)
{
    const struct cell *c = report_get(r, metric, applicant);
    return c && c->status == CELL_VALUE ? (double)c->v100 / 100.0 : NAN;
}

static void metric_value(const struct measure *m, const struct report *r, double *out)
{
    out[0] = cell_value(r, m->metric, m->applicant);
}

int measure_metric(struct measure *m, int metric, int applicant)
{
    const struct metric_def *d = &REG_METRICS[metric];
    if (applicant < 0) applicant = d->applicant_dim ? AP_TOTAL : AP_NONE;
    if ((applicant == AP_NONE) == d->applicant_dim) return -1;
    memset(m, 0, sizeof *m);
    label_short(m->label[LANG_ZH], sizeof m->label[LANG_ZH], d->label_zh);
    snprintf(m->label[LANG_EN], sizeof m->label[LANG_EN], "%s", d->name_en);
    if (m->label[LANG_EN][0] >= 'a' && m->label[LANG_EN][0] <= 'z') m->label[LANG_EN][0] = (char)(m->label[LANG_EN][0] - 'a' + 'A');
    add_applicant(m, applicant);
    set_unit(m, d->unit);
    m->nparts = 1;
    m->integral = strcmp(d->unit, "元") != 0;
    m->metric = metric;
    m->applicant = applicant;
    m->value = metric_value;
    return 0;
}

/* ==== the harmonized layer and the indicators ==== */

static void harmonized_value(const struct measure *m, const struct report *r, double *out)
{
    struct hval h[H__COUNT];
    harm_report(r, h);
    out[0] = h[m->metric].st == HS_VALUE ? (double)h[m->metric].v100 / 100.0 : NAN;
}

/* The unit of an h id: money in 元, proactive items in 条, the rest cases (件). */
static const char *h_unit(int h)
{
    size_t n = strlen(H_DEFS[h].id);
    if (n > 5 && strcmp(H_DEFS[h].id + n - 5, "_yuan") == 0) return "元";
    return h == H_PROACTIVE_TOTAL ? "条" : "件";
}

/* "h_received" -> "Received"; "disclosure_rate" -> "Disclosure rate" */
static void id_words(char *buf, size_t sz, const char *id)
{
    if (strncmp(id, "h_", 2) == 0) id += 2;
    snprintf(buf, sz, "%s", id);
    for (char *p = buf; *p; p++)
        if (*p == '_') *p = ' ';
    if (buf[0] >= 'a' && buf[0] <= 'z') buf[0] = (char)(buf[0] - 'a' + 'A');
}

void measure_harmonized(struct measure *m, int h)
{
    memset(m, 0, sizeof *m);
    label_short(m->label[LANG_ZH], sizeof m->label[LANG_ZH], H_DEFS[h].label_zh);
    id_words(m->label[LANG_EN], sizeof m->label[LANG_EN], H_DEFS[h].id);
    set_unit(m, h_unit(h));
    m->nparts = 1;
    m->integral = strcmp(h_unit(h), "元") != 0;
    m->metric = h;                      /* the h id */
    m->applicant = AP_TOTAL;
    m->value = harmonized_value;
}

static void indicator_value(const struct measure *m, const struct report *r, double *out)
{
    struct hval h[H__COUNT];
    struct ival iv;
    harm_report(r, h);
    ind_eval(m->metric, r, h, IND_MIN_DEN_DEFAULT, &iv);
    out[0] = iv.st == IS_VALUE ? iv.value * (ind_is_ratio(m->metric) ? 100.0 : 1.0) : NAN;
}

void measure_indicator(struct measure *m, int ind)
{
    const struct ind_def *d = &IND_DEFS[ind];
    memset(m, 0, sizeof *m);
    snprintf(m->label[LANG_ZH], sizeof m->label[LANG_ZH], "%s", d->label_zh);
    id_words(m->label[LANG_EN], sizeof m->label[LANG_EN], d->id);
    const struct ind_term *t = &d->num[0];
    const char *unit = ind_is_ratio(ind) ? "%" : t->src == IT_H ? h_unit(t->id) : REG_METRICS[t->id].unit;
    set_unit(m, unit);
    m->nparts = 1;
    m->integral = !ind_is_ratio(ind);
    m->metric = ind;                    /* the indicator */
    m->applicant = AP_TOTAL;
    m->value = indicator_value;
}

/* ==== compositions of 表三 ==== */

/* A category: the group's printed subtotal (or -1) and its leaf rows. */
struct part_group {
    int header;
    int leaves[8];
    size_t nleaves;
};

/* DOMAIN §2.2/§3.1 N2: the outcome groups partition （七）总计. */
static const struct part_group OUTCOME_GROUPS[] = {
    { .header = M_RES_GRANTED, .nleaves = 0 },
    { .header = M_RES_PARTIAL, .nleaves = 0 },
    { .header = M_RES_DENIED_TOTAL, .nleaves = 8,
      .leaves = { M_RES_DENIED_STATE_SECRET, M_RES_DENIED_LAW_FORBIDDEN, M_RES_DENIED_SAFETY_STABILITY,
                  M_RES_DENIED_THIRD_PARTY, M_RES_DENIED_INTERNAL_AFFAIRS, M_RES_DENIED_PROCESS_INFO,
                  M_RES_DENIED_ENFORCEMENT_FILE, M_RES_DENIED_ADMIN_QUERY } },
    { .header = M_RES_UNABLE_TOTAL, .nleaves = 3,
      .leaves = { M_RES_UNABLE_NOT_HELD, M_RES_UNABLE_NEEDS_CREATION, M_RES_UNABLE_UNCLEAR } },
    { .header = M_RES_NOPROC_TOTAL, .nleaves = 5,
      .leaves = { M_RES_NOPROC_PETITION, M_RES_NOPROC_REPEAT, M_RES_NOPROC_PUBLICATION,
                  M_RES_NOPROC_EXCESSIVE, M_RES_NOPROC_CONFIRM } },
    { .header = M_RES_OTHER_TOTAL, .nleaves = 3,
      .leaves = { M_RES_OTHER_NO_CORRECTION, M_RES_OTHER_NO_FEE, M_RES_OTHER_MISC } },
};
_Static_assert(ARRAY_LEN(OUTCOME_GROUPS) <= MEASURE_MAX_PARTS, "too many outcome groups");

/* The refusal reasons are the leaves of the 不予公开 group. */
#define REASONS (&OUTCOME_GROUPS[2])

const struct parts_def PARTS[PARTS__COUNT] = {
    [PARTS_OUTCOMES] = { .name = "outcomes",
                         .summary = "表三 outcome groups: 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理" },
    [PARTS_REASONS] = { .name = "reasons", .summary = "the eight reasons of 不予公开 (refusals)" },
};

int parts_find(const char *name)
{
    for (int i = 0; i < PARTS__COUNT; i++)
        if (strcmp(name, PARTS[i].name) == 0) return i;
    return -1;
}

/* A group's count: its subtotal as printed, else the sum of its leaves when
 * every leaf the report has is a value; NaN when a leaf is BLANK or NA (never
 * read as 0) or the report has none of them. */
static double group_value(const struct part_group *g, const struct report *r, int applicant)
{
    double h = cell_value(r, g->header, applicant);
    if (!isnan(h) || !g->nleaves) return h;
    double sum = 0;
    size_t present = 0;
    for (size_t i = 0; i < g->nleaves; i++) {
        const struct cell *c = report_get(r, g->leaves[i], applicant);
        if (!c) continue;
        if (c->status != CELL_VALUE) return NAN;
        sum += (double)c->v100 / 100.0;
        present++;
    }
    return present ? sum : NAN;
}

static void outcomes_value(const struct measure *m, const struct report *r, double *out)
{
    for (size_t i = 0; i < ARRAY_LEN(OUTCOME_GROUPS); i++) out[i] = group_value(&OUTCOME_GROUPS[i], r, m->applicant);
}

static void reasons_value(const struct measure *m, const struct report *r, double *out)
{
    for (size_t i = 0; i < REASONS->nleaves; i++) out[i] = cell_value(r, REASONS->leaves[i], m->applicant);
}

/* English part label: "refused: total" -> "refused"; "refused: state secret" -> "state secret" */
static void part_label_en(char *buf, size_t sz, const char *name_en, bool leaf)
{
    const char *colon = strstr(name_en, ": ");
    if (!colon) snprintf(buf, sz, "%s", name_en);
    else if (leaf) snprintf(buf, sz, "%s", colon + 2);
    else snprintf(buf, sz, "%.*s", (int)(colon - name_en), name_en);
}

void measure_parts(struct measure *m, enum parts_kind k, int applicant)
{
    if (applicant < 0) applicant = AP_TOTAL;
    memset(m, 0, sizeof *m);
    const bool reasons = k == PARTS_REASONS;
    snprintf(m->label[LANG_ZH], sizeof m->label[LANG_ZH], "%s", reasons ? "不予公开的理由" : "申请的办理结果");
    snprintf(m->label[LANG_EN], sizeof m->label[LANG_EN], "%s", reasons ? "Reasons for refusal" : "Outcomes of requests");
    add_applicant(m, applicant);
    set_unit(m, "件");
    m->integral = true;
    m->metric = -1;
    m->applicant = applicant;
    m->nparts = reasons ? REASONS->nleaves : ARRAY_LEN(OUTCOME_GROUPS);
    m->value = reasons ? reasons_value : outcomes_value;
    for (size_t i = 0; i < m->nparts; i++) {
        const struct metric_def *d = &REG_METRICS[reasons ? REASONS->leaves[i] : OUTCOME_GROUPS[i].header];
        label_short(m->part_label[i][LANG_ZH], sizeof m->part_label[i][LANG_ZH], d->label_zh);
        part_label_en(m->part_label[i][LANG_EN], sizeof m->part_label[i][LANG_EN], d->name_en, reasons);
    }
}

/* ==== series tables ==== */

void stable_free(struct stable *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->nrow; i++) free(t->name[i]);
    free(t->name);
    free(t->v);
    free(t);
}

bool stable_row_has_data(const struct stable *t, size_t r)
{
    for (size_t p = 0; p < t->nparts; p++)
        for (size_t c = 0; c < t->ncol; c++)
            if (!isnan(ST_V(t, p, r, c))) return true;
    return false;
}

bool stable_cell_complete(const struct stable *t, size_t r, size_t c)
{
    for (size_t p = 0; p < t->nparts; p++)
        if (isnan(ST_V(t, p, r, c))) return false;
    return true;
}

size_t stable_drop_empty(struct stable *t)
{
    size_t keep = 0;
    double *v = xmalloc((t->nparts * t->nrow * t->ncol + 1) * sizeof *v);
    size_t nkeep = 0;
    for (size_t r = 0; r < t->nrow; r++) nkeep += stable_row_has_data(t, r);
    for (size_t r = 0; r < t->nrow; r++) {
        if (!stable_row_has_data(t, r)) {
            free(t->name[r]);
            continue;
        }
        for (size_t p = 0; p < t->nparts; p++)
            memcpy(&v[(p * nkeep + keep) * t->ncol], &ST_V(t, p, r, 0), t->ncol * sizeof *v);
        t->name[keep++] = t->name[r];
    }
    size_t dropped = t->nrow - keep;
    free(t->v);
    t->v = v;
    t->nrow = keep;
    return dropped;
}

struct stable *stable_row(const struct stable *t, size_t r)
{
    struct stable *o = xcalloc(1, sizeof *o);
    o->nrow = 1;
    o->ncol = t->ncol;
    o->nparts = t->nparts;
    o->y0 = t->y0;
    o->name = xmalloc(sizeof *o->name);
    o->name[0] = xstrdup(t->name[r]);
    o->v = xmalloc(t->nparts * t->ncol * sizeof *o->v);
    for (size_t p = 0; p < t->nparts; p++) memcpy(&ST_V(o, p, 0, 0), &ST_V(t, p, r, 0), t->ncol * sizeof *o->v);
    return o;
}

bool stable_fit(const struct stable *t, size_t p, size_t r, double *a, double *b)
{
    double n = 0, sx = 0, sy = 0;
    for (size_t c = 0; c < t->ncol; c++) {
        double y = ST_V(t, p, r, c);
        if (isnan(y)) continue;
        n++;
        sx += (double)c;
        sy += y;
    }
    if (n < 2) return false;
    double mx = sx / n, my = sy / n, sxx = 0, sxy = 0;
    for (size_t c = 0; c < t->ncol; c++) {
        double y = ST_V(t, p, r, c);
        if (isnan(y)) continue;
        sxx += ((double)c - mx) * ((double)c - mx);
        sxy += ((double)c - mx) * (y - my);
    }
    if (sxx <= 0) return false;
    *b = sxy / sxx;
    *a = my - *b * (mx + t->y0);          /* centred on the columns, returned in years */
    return true;
}

/* ==== building from reports ==== */

const struct by_def SERIES_BY[BY__COUNT] = {
    [BY_BODY] = { .name = "body", .label = { "机关", "body" }, .many = { "各机关", "bodies" } },
    [BY_COUNTY] = { .name = "county", .label = { "县（区）", "county" }, .many = { "各县（区）", "counties" } },
    [BY_CITY] = { .name = "city", .label = { "市", "city" }, .many = { "各市", "cities" } },
    [BY_PROVINCE] = { .name = "province", .label = { "省", "province" }, .many = { "各省", "provinces" } },
};

int series_by_find(const char *name)
{
    for (int i = 0; i < BY__COUNT; i++)
        if (strcmp(name, SERIES_BY[i].name) == 0) return i;
    return -1;
}

struct entry {
    char *key;
    int year;
    char *path;
    size_t vi;               /* values at vals[vi .. vi + nparts) */
};

struct series_set {
    const struct measure *m;
    enum series_by by;
    struct series_filter f;
    struct entry *e;
    size_t n, cap;
    double *vals;
    size_t nvals, capvals;
    size_t no_key, no_year, not_level;
    char *first_skipped;     /* a report left out for want of a key, for the message */
};

struct series_set *series_set_new(const struct measure *m, enum series_by by, const struct series_filter *f)
{
    struct series_set *s = xcalloc(1, sizeof *s);
    s->m = m;
    s->by = by;
    if (f) s->f = *f;
    return s;
}

void series_set_free(struct series_set *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->e[i].key);
        free(s->e[i].path);
    }
    free(s->e);
    free(s->vals);
    free(s->first_skipped);
    free(s);
}

static bool eq_or_any(const char *want, const char *have)
{
    return !want || (have && strcmp(want, have) == 0);
}

static bool blank(const char *s)
{
    return !s || !*s;
}

void series_set_add(struct series_set *s, const struct report *r)
{
    const struct series_filter *f = &s->f;
    if (!eq_or_any(f->province, r->province) || !eq_or_any(f->city, r->city) || !eq_or_any(f->county, r->county) ||
        !eq_or_any(f->body, r->body) || !eq_or_any(f->scope, r->scope) ||
        (f->match && (!r->body || !strstr(r->body, f->match))))
        return;
    if (r->year && ((f->year_from && r->year < f->year_from) || (f->year_to && r->year > f->year_to))) return;
    const char *key = NULL;
    /* A region's series is its own government's report: the level's field set,
     * the finer levels empty, and not a department's (scope body) report. */
    switch (s->by) {
    case BY_BODY: key = r->body; break;
    case BY_COUNTY: key = r->county; break;
    case BY_CITY: key = blank(r->county) ? r->city : NULL; break;
    case BY_PROVINCE: key = blank(r->county) && blank(r->city) ? r->province : NULL; break;
    case BY__COUNT: break;
    }
    if (s->by != BY_BODY && !blank(key) && r->scope && strcmp(r->scope, "body") == 0) {
        s->not_level++;
        return;
    }
    if (blank(key)) {
        if (!s->no_key++) s->first_skipped = xstrdup(r->path);
        return;
    }
    if (!r->year) {
        s->no_year++;
        return;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->e = xrealloc(s->e, s->cap * sizeof *s->e);
    }
    size_t np = s->m->nparts;
    if (s->nvals + np > s->capvals) {
        s->capvals = s->capvals ? 2 * s->capvals + np : 64 * np;
        s->vals = xrealloc(s->vals, s->capvals * sizeof *s->vals);
    }
    struct entry *e = &s->e[s->n++];
    e->key = xstrdup(key);
    e->year = r->year;
    e->path = xstrdup(r->path);
    e->vi = s->nvals;
    s->m->value(s->m, r, &s->vals[s->nvals]);
    s->nvals += np;
}

static int entry_cmp(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return strcmp(x->path, y->path);
}

struct stable *series_set_finish(struct series_set *s, struct diag *d)
{
    if (s->no_key) {
        char q[200];
        diag_quote(q, sizeof q, s->first_skipped, strlen(s->first_skipped), 120);
        diag_add(d, DIAG_NOTE, NULL, 0, "%zu report%s without a %s (or of another level) left out, e.g. '%s'",
                 s->no_key, s->no_key == 1 ? "" : "s", SERIES_BY[s->by].name, q);
    }
    if (s->no_year)
        diag_add(d, DIAG_NOTE, NULL, 0, "%zu report%s of unknown year left out", s->no_year, s->no_year == 1 ? "" : "s");
    if (s->not_level)
        diag_add(d, DIAG_NOTE, NULL, 0, "%zu department report%s left out: a region's series is its government's report",
                 s->not_level, s->not_level == 1 ? "" : "s");
    if (!s->n) {
        diag_add(d, DIAG_ERROR, NULL, 0, "no report gives a series by %s (check the filters and the %s field)",
                 SERIES_BY[s->by].name, SERIES_BY[s->by].name);
        series_set_free(s);
        return NULL;
    }
    qsort(s->e, s->n, sizeof *s->e, entry_cmp);
    struct stable *t = xcalloc(1, sizeof *t);
    int y0 = s->e[0].year, y1 = y0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->e[i].year < y0) y0 = s->e[i].year;
        if (s->e[i].year > y1) y1 = s->e[i].year;
        if (i == 0 || strcmp(s->e[i].key, s->e[i - 1].key) != 0) t->nrow++;
    }
    t->y0 = y0;
    t->ncol = (size_t)(y1 - y0 + 1);
    t->nparts = s->m->nparts;
    t->name = xcalloc(t->nrow, sizeof *t->name);
    t->v = xmalloc(t->nparts * t->nrow * t->ncol * sizeof *t->v);
    for (size_t i = 0; i < t->nparts * t->nrow * t->ncol; i++) t->v[i] = NAN;
    size_t row = 0;
    for (size_t i = 0, j; i < s->n; i = j) {
        /* the reports [i, j) give the same series and year */
        const struct entry *e = &s->e[i];
        if (i > 0 && strcmp(e->key, s->e[i - 1].key) != 0) row++;
        if (!t->name[row]) t->name[row] = xstrdup(e->key);
        for (j = i + 1; j < s->n && s->e[j].year == e->year && strcmp(s->e[j].key, e->key) == 0; j++) {}
        size_t col = (size_t)(e->year - y0);
        for (size_t p = 0; p < t->nparts; p++) {
            const struct entry *first = NULL;
            double v = NAN;
            bool clash = false;
            for (size_t k = i; k < j && !clash; k++) {
                double x = s->vals[s->e[k].vi + p];
                if (isnan(x)) continue;
                if (!first) { first = &s->e[k]; v = x; continue; }
                if (x == v) continue;
                /* two reports state different values: not determined */
                char qk[200], qp[200];
                diag_quote(qk, sizeof qk, e->key, strlen(e->key), 120);
                diag_quote(qp, sizeof qp, first->path, strlen(first->path), 120);
                diag_add(d, DIAG_WARN, s->e[k].path, 0,
                         "%d: %g here, %g in '%s' for the same series: left undetermined '%s'", e->year, x, v, qp, qk);
                clash = true;
            }
            ST_V(t, p, row, col) = clash ? NAN : v;
        }
    }
    series_set_free(s);
    return t;
}
