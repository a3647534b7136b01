/* testutil.c - helpers shared by the unit tests (see testutil.h). */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ogistat/parse.h"
#include "ogistat/registry.h"

/* Read tests/data/unit/<name> (the runner is started from the repository root;
 * OGISTAT_TESTDATA overrides the directory). */
char *load_fixture(const char *name, size_t *n)
{
    const char *dirs[] = { getenv("OGISTAT_TESTDATA"), "tests/data/unit", "../tests/data/unit",
                           "../../tests/data/unit" };
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (!dirs[i]) continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dirs[i], name);
        FILE *fp = fopen(path, "rb");
        if (!fp) continue;
        size_t cap = 1 << 16, len = 0;
        char *buf = malloc(cap + 1);
        ck_assert_ptr_nonnull(buf);
        size_t got;
        while ((got = fread(buf + len, 1, cap - len, fp)) > 0) {
            len += got;
            if (len == cap) {
                cap *= 2;
                buf = realloc(buf, cap + 1);
                ck_assert_ptr_nonnull(buf);
            }
        }
        fclose(fp);
        buf[len] = '\0';
        *n = len;
        return buf;
    }
    ck_abort_msg("fixture %s not found (run from the repository root, or set OGISTAT_TESTDATA)", name);
    return NULL;
}

/* A value as printed in truth files ("7730.28", "-4", "77302800") -> v100. */
int64_t v100_of(const char *v)
{
    int neg = *v == '-';
    if (neg) v++;
    int64_t ip = 0, fp = 0;
    int fd = 0;
    for (; *v >= '0' && *v <= '9'; v++) ip = ip * 10 + (*v - '0');
    if (*v == '.')
        for (v++; *v >= '0' && *v <= '9'; v++) {
            ck_assert_msg(fd < 2, "test value with more than 2 decimals");
            fp = fp * 10 + (*v - '0');
            fd++;
        }
    if (fd == 1) fp *= 10;
    int64_t x = ip * 100 + fp;
    return neg ? -x : x;
}

int metric_of(const char *id)
{
    int m = reg_metric_find(id);
    ck_assert_msg(m >= 0, "unknown metric id '%s' in the test", id);
    return m;
}

int applicant_of(const char *code)
{
    int a = reg_applicant_find(code);
    ck_assert_msg(a >= 0, "unknown applicant code '%s' in the test", code);
    return a;
}

/* One table cell: value "BLANK", "NA" or a number in the canonical unit; line 0 = don't check. */
void cell_is_at(const struct report *r, const char *metric, const char *ap, const char *value, long line,
                       int tline)
{
    const struct cell *c = report_get(r, metric_of(metric), applicant_of(ap));
    ck_assert_msg(c != NULL, "test line %d: %s/%s missing (want %s)", tline, metric, ap, value);
    char got[40];
    v100_format(c->v100, got, sizeof got);
    if (strcmp(value, "BLANK") == 0 || strcmp(value, "NA") == 0) {
        ck_assert_msg(strcmp(status_name(c->status), value) == 0, "test line %d: %s/%s status %s, want %s", tline,
                      metric, ap, status_name(c->status), value);
    } else {
        ck_assert_msg(c->status == CELL_VALUE, "test line %d: %s/%s status %s, want VALUE %s", tline, metric, ap,
                      status_name(c->status), value);
        ck_assert_msg(c->v100 == v100_of(value), "test line %d: %s/%s v100 %" PRId64 " (%s), want %" PRId64 " (%s)",
                      tline, metric, ap, c->v100, got, v100_of(value), value);
    }
    ck_assert_msg(c->source == SRC_TABLE, "test line %d: %s/%s source is not table", tline, metric, ap);
    if (line > 0)
        ck_assert_msg(c->line == line, "test line %d: %s/%s line %ld, want %ld", tline, metric, ap, c->line, line);
}

/* A 表三 row: seven values "natural org_business org_research org_ngo org_legal org_other total". */
void row7_is_at(const struct report *r, const char *metric, const char *values, long line, int tline)
{
    static const char *const aps[] = { "natural", "org_business", "org_research", "org_ngo", "org_legal",
                                       "org_other", "total" };
    char buf[128];
    snprintf(buf, sizeof buf, "%s", values);
    char *save = NULL, *tok = strtok_r(buf, " ", &save);
    for (size_t i = 0; i < 7; i++) {
        ck_assert_msg(tok != NULL, "test line %d: fewer than 7 values", tline);
        cell_is_at(r, metric, aps[i], tok, line, tline);
        tok = strtok_r(NULL, " ", &save);
    }
}

void absent_at(const struct report *r, const char *metric, const char *ap, int tline)
{
    const struct cell *c = report_get(r, metric_of(metric), applicant_of(ap));
    char got[40] = "";
    if (c) v100_format(c->v100, got, sizeof got);
    ck_assert_msg(c == NULL, "test line %d: %s/%s should be left out, got %s %s (line %ld)", tline, metric, ap,
                  c ? status_name(c->status) : "", got, c ? c->line : 0L);
}

/* Compare the report with a truth excerpt: every listed cell with its value, status,
 * qualifier and source, and no other cell. All differences are listed on failure. */
void truth_is(const struct report *r, const char *truth_name)
{
    size_t n;
    char *t = load_fixture(truth_name, &n);
    bool *seen = calloc(r->ncells + 1, sizeof *seen);
    ck_assert_ptr_nonnull(seen);
    char msg[4096];
    size_t mo = 0, bad = 0, want = 0, extra = 0;
    msg[0] = '\0';
    char *save = NULL;
    for (char *l = strtok_r(t, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (l[0] == '#' || strncmp(l, "metric\t", 7) == 0) continue;
        char *f[5] = { 0 };
        char *s2 = NULL;
        size_t k = 0;
        for (char *x = strtok_r(l, "\t", &s2); x && k < 5; x = strtok_r(NULL, "\t", &s2)) f[k++] = x;
        ck_assert_msg(k == 5, "%s: bad line", truth_name);
        want++;
        const struct cell *c = report_get(r, metric_of(f[0]), applicant_of(f[1]));
        const char *why = NULL;
        char got[40] = "";
        if (c) {
            v100_format(c->v100, got, sizeof got);
            seen[c - r->cells] = true;
        }
        if (!c) why = "missing";
        else if (strcmp(f[2], "BLANK") == 0 || strcmp(f[2], "NA") == 0) {
            if (strcmp(status_name(c->status), f[2]) != 0) why = "status";
        } else if (c->status != CELL_VALUE) why = "status";
        else if (c->v100 != v100_of(f[2])) why = "value";
        else if (strcmp(qualifier_name(c->q), f[3]) != 0) why = "qualifier";
        if (!why && c && strcmp(c->source == SRC_TABLE ? "table" : "text", f[4]) != 0) why = "source";
        if (why) {
            bad++;
            if (mo + 200 < sizeof msg)
                mo += (size_t)snprintf(msg + mo, sizeof msg - mo, "\n  %s %s/%s: want %s, got %s %s (line %ld)", why,
                                       f[0], f[1], f[2], c ? status_name(c->status) : "-", got, c ? c->line : 0L);
        }
    }
    free(t);
    /* cells the truth does not have */
    for (size_t i = 0; i < r->ncells; i++) {
        if (seen[i]) continue;
        extra++;
        char got[40];
        v100_format(r->cells[i].v100, got, sizeof got);
        if (mo + 200 < sizeof msg)
            mo += (size_t)snprintf(msg + mo, sizeof msg - mo, "\n  extra %s/%s %s %s (line %ld)",
                                   REG_METRICS[r->cells[i].metric].id, REG_APPLICANTS[r->cells[i].applicant].code,
                                   status_name(r->cells[i].status), got, r->cells[i].line);
    }
    free(seen);
    ck_assert_msg(bad == 0 && extra == 0, "%s: %zu of %zu cells differ, %zu extra:%s", truth_name, bad, want, extra,
                  msg);
}

/* Does some diag message contain every one of the given strings? */
bool diag_has(const struct report *r, const char *a, const char *b, const char *c)
{
    for (size_t i = 0; i < r->diag.n; i++) {
        const char *t = r->diag.v[i].text;
        if (strstr(t, a) && (!b || strstr(t, b)) && (!c || strstr(t, c))) return true;
    }
    return false;
}

void parse_doc(struct report *r, const char *doc)
{
    report_init(r, "doc.txt");
    parse_buffer(r, doc, strlen(doc));
    ck_assert_msg(!r->failed, "parse_buffer failed");
}

void diag_dump(const struct report *r, char *buf, size_t sz)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < r->diag.n && o + 1 < sz; i++) {
        int k = snprintf(buf + o, sz - o, "\n  %s", r->diag.v[i].text);
        if (k < 0) break;
        o += (size_t)k;
    }
}
