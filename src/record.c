/* record.c - a parsed report and its cells. */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/record.h"
#include "ogistat/util.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_init(struct report *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->path = xstrdup(path);
    diag_init(&r->diag);
}

void report_free(struct report *r)
{
    if (!r) return;
    free(r->path);
    free(r->body);
    free(r->province);
    free(r->city);
    free(r->county);
    free(r->region_code);
    free(r->body_type);
    free(r->scope);
    free(r->cells);
    free(r->said);
    diag_free(&r->diag);
    memset(r, 0, sizeof *r);
}

struct cell *report_set(struct report *r, int metric, int applicant, enum cell_status st,
                        enum qualifier q, int64_t v100, enum source_kind src, long line)
{
    struct cell *c = NULL;
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].metric == metric && r->cells[i].applicant == applicant) { c = &r->cells[i]; break; }
    if (!c) {
        if (r->ncells == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 64;
            r->cells = xrealloc(r->cells, r->cap * sizeof *r->cells);
        }
        c = &r->cells[r->ncells++];
    }
    c->metric = metric;
    c->applicant = applicant;
    c->status = st;
    c->q = q;
    c->v100 = st == CELL_VALUE ? v100 : 0;
    c->source = src;
    c->inferred = false;
    c->line = line;
    return c;
}

void report_say(struct report *r, enum said_kind kind, int metric, int applicant, int64_t v100, enum qualifier q,
                long line)
{
    if (r->nsaid == r->capsaid) {
        r->capsaid = r->capsaid ? 2 * r->capsaid : 8;
        r->said = xrealloc(r->said, r->capsaid * sizeof *r->said);
    }
    r->said[r->nsaid++] = (struct said){ .kind = kind, .metric = metric, .applicant = applicant, .v100 = v100,
                                         .q = q, .line = line };
}

const struct cell *report_get(const struct report *r, int metric, int applicant)
{
    for (size_t i = 0; i < r->ncells; i++)
        if (r->cells[i].metric == metric && r->cells[i].applicant == applicant) return &r->cells[i];
    return NULL;
}

static int cell_cmp(const void *a, const void *b)
{
    const struct cell *x = a, *y = b;
    if (x->metric != y->metric) return x->metric < y->metric ? -1 : 1;
    return (x->applicant > y->applicant) - (x->applicant < y->applicant);
}

void report_sort(struct report *r)
{
    if (r->ncells > 1) qsort(r->cells, r->ncells, sizeof *r->cells, cell_cmp);
}

const char *regime_name(enum regime g)
{
    static const char *const names[RG__COUNT] = {
        [RG_NONE] = "none", [RG_R08] = "R08", [RG_R14] = "R14", [RG_R19] = "R19", [RG_R21] = "R21",
    };
    return (unsigned)g < RG__COUNT ? names[g] : "none";
}

const char *qualifier_name(enum qualifier q)
{
    switch (q) {
    case Q_EXACT: return "exact";
    case Q_AT_LEAST: return "at_least";
    case Q_AT_MOST: return "at_most";
    case Q_APPROX: return "approx";
    case Q_ROUNDED: return "rounded";
    case Q_AMBIGUOUS: return "ambiguous";
    }
    return "exact";
}

const char *status_name(enum cell_status s)
{
    switch (s) {
    case CELL_VALUE: return "VALUE";
    case CELL_BLANK: return "BLANK";
    case CELL_NA: return "NA";
    case CELL_UNPARSEABLE: return "NA";
    }
    return "NA";
}

void v100_format(int64_t v100, char *buf, size_t sz)
{
    uint64_t a = v100 < 0 ? (uint64_t)0 - (uint64_t)v100 : (uint64_t)v100;
    const char *sign = v100 < 0 ? "-" : "";
    uint64_t ip = a / 100, fp = a % 100;
    if (fp == 0) snprintf(buf, sz, "%s%" PRIu64, sign, ip);
    else if (fp % 10 == 0) snprintf(buf, sz, "%s%" PRIu64 ".%" PRIu64, sign, ip, fp / 10);
    else snprintf(buf, sz, "%s%" PRIu64 ".%02" PRIu64, sign, ip, fp);
}

int regime_find(const char *name)
{
    for (int g = 0; g < RG__COUNT; g++)
        if (strcmp(name, regime_name((enum regime)g)) == 0) return g;
    return *name ? -1 : RG_NONE;
}

int qualifier_find(const char *name)
{
    static const enum qualifier all[] = { Q_EXACT, Q_AT_LEAST, Q_AT_MOST, Q_APPROX, Q_ROUNDED, Q_AMBIGUOUS };
    if (!*name) return Q_EXACT;
    for (size_t i = 0; i < ARRAY_LEN(all); i++)
        if (strcmp(name, qualifier_name(all[i])) == 0) return (int)all[i];
    return -1;
}

int status_find(const char *name)
{
    static const enum cell_status all[] = { CELL_VALUE, CELL_BLANK, CELL_NA };
    for (size_t i = 0; i < ARRAY_LEN(all); i++)
        if (strcmp(name, status_name(all[i])) == 0) return (int)all[i];
    return -1;
}

int v100_parse(const char *s, int64_t *v100)
{
    bool neg = *s == '-';
    if (neg) s++;
    if (!(*s >= '0' && *s <= '9')) return -1;
    uint64_t ip = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (ip > (UINT64_MAX - 9) / 10) return -1;
        ip = ip * 10 + (uint64_t)(*s - '0');
    }
    uint64_t fp = 0;
    if (*s == '.') {
        s++;
        int nd = 0;
        for (; *s >= '0' && *s <= '9'; s++, nd++) {
            if (nd >= 2) return -1;
            fp = fp * 10 + (uint64_t)(*s - '0');
        }
        if (nd == 0) return -1;
        if (nd == 1) fp *= 10;
    }
    if (*s) return -1;
    if (ip > (uint64_t)INT64_MAX / 100 - 1) return -1;
    int64_t v = (int64_t)(ip * 100 + fp);
    *v100 = neg ? -v : v;
    return 0;
}
