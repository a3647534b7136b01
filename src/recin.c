/* recin.c - reports from raw files (parse) or from records CSV (long or wide). */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/recin.h"
#include "ogistat/csvio.h"
#include "ogistat/parse.h"
#include "ogistat/registry.h"
#include "ogistat/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ==== records CSV ==== */

/* Columns a records CSV may have, by header name. */
enum rc_col {
    RC_REPORT, RC_BODY, RC_YEAR, RC_REGIME, RC_PROVINCE, RC_CITY, RC_COUNTY, RC_SCOPE,
    RC_REGION_CODE, RC_BODY_TYPE, RC_METRIC, RC_APPLICANT, RC_VALUE, RC_STATUS, RC_QUALIFIER,
    RC_SOURCE, RC_LINE, RC__COUNT
};
static const char *const RC_NAMES[RC__COUNT] = {
    [RC_REPORT] = "report", [RC_BODY] = "body", [RC_YEAR] = "year", [RC_REGIME] = "regime",
    [RC_PROVINCE] = "province", [RC_CITY] = "city", [RC_COUNTY] = "county", [RC_SCOPE] = "scope",
    [RC_REGION_CODE] = "region_code", [RC_BODY_TYPE] = "body_type", [RC_METRIC] = "metric",
    [RC_APPLICANT] = "applicant", [RC_VALUE] = "value", [RC_STATUS] = "status",
    [RC_QUALIFIER] = "qualifier", [RC_SOURCE] = "source", [RC_LINE] = "line",
};

/* wide: a data column is metric or metric.applicant */
struct wide_col {
    int metric, applicant;
};

struct rc_reader {
    const char *path;
    struct diag *d;
    recin_emit_fn emit;
    void *ctx;
    bool header_done, wide;
    long col[RC__COUNT];        /* field index, -1 if absent */
    struct wide_col *wcols;     /* wide: per field, metric -1 for meta columns */
    size_t nwcols;
    struct report cur;
    bool have_cur;
    int bad;                    /* some row was rejected */
    int emit_rc;
};

static const char *field(struct rc_reader *rr, enum rc_col c, size_t nf, char **f)
{
    long i = rr->col[c];
    return i >= 0 && (size_t)i < nf ? f[i] : NULL;
}

static char *dup_or_null(const char *s)
{
    return s && *s ? xstrdup(s) : NULL;
}

static int flush_cur(struct rc_reader *rr)
{
    if (!rr->have_cur) return 0;
    report_sort(&rr->cur);
    int rc = rr->emit(&rr->cur, rr->ctx);
    report_free(&rr->cur);
    rr->have_cur = false;
    return rc;
}

static void start_report(struct rc_reader *rr, size_t nf, char **f, long line)
{
    const char *rep = field(rr, RC_REPORT, nf, f);
    report_init(&rr->cur, rep);
    rr->have_cur = true;
    struct report *r = &rr->cur;
    r->body = dup_or_null(field(rr, RC_BODY, nf, f));
    const char *y = field(rr, RC_YEAR, nf, f);
    if (y && *y) {
        char *end;
        long yv = strtol(y, &end, 10);
        if (*end || yv < 1900 || yv > 2100) {
            char q[128];
            diag_quote(q, sizeof q, y, strlen(y), 40);
            diag_add(rr->d, DIAG_ERROR, rr->path, line, "not a year '%s'", q);
            rr->bad = 1;
        } else {
            r->year = (int)yv;
        }
    }
    const char *g = field(rr, RC_REGIME, nf, f);
    int gi = g ? regime_find(g) : RG_NONE;
    if (gi < 0) {
        char q[128];
        diag_quote(q, sizeof q, g, strlen(g), 40);
        diag_add(rr->d, DIAG_ERROR, rr->path, line, "unknown regime '%s' (R08, R14, R19, R21, none)", q);
        rr->bad = 1;
        gi = RG_NONE;
    }
    r->regime = (enum regime)gi;
    r->province = dup_or_null(field(rr, RC_PROVINCE, nf, f));
    r->city = dup_or_null(field(rr, RC_CITY, nf, f));
    r->county = dup_or_null(field(rr, RC_COUNTY, nf, f));
    r->scope = dup_or_null(field(rr, RC_SCOPE, nf, f));
    r->region_code = dup_or_null(field(rr, RC_REGION_CODE, nf, f));
    r->body_type = dup_or_null(field(rr, RC_BODY_TYPE, nf, f));
}

static void reject(struct rc_reader *rr, long line, const char *what, const char *s)
{
    char q[160];
    diag_quote(q, sizeof q, s ? s : "", s ? strlen(s) : 0, 60);
    diag_add(rr->d, DIAG_ERROR, rr->path, line, "%s '%s'", what, q);
    rr->bad = 1;
}

/* One cell from its value/status/qualifier texts; returns false (and says why) if unusable. */
static bool set_cell(struct rc_reader *rr, int metric, int applicant, const char *val, const char *st,
                     const char *qual, const char *src, long srcline, long line)
{
    int status;
    if (st && *st) {
        status = status_find(st);
        if (status < 0) { reject(rr, line, "unknown status (VALUE, BLANK, NA)", st); return false; }
    } else {
        status = val && *val ? CELL_VALUE : CELL_BLANK;
    }
    int64_t v100 = 0;
    if (status == CELL_VALUE && (!val || v100_parse(val, &v100) != 0)) {
        reject(rr, line, "not a number", val);
        return false;
    }
    int q = qual ? qualifier_find(qual) : Q_EXACT;
    if (q < 0) { reject(rr, line, "unknown qualifier", qual); return false; }
    enum source_kind sk = src && strcmp(src, "text") == 0 ? SRC_TEXT : SRC_TABLE;
    report_set(&rr->cur, metric, applicant, (enum cell_status)status, (enum qualifier)q, v100, sk, srcline);
    return true;
}

static int header_row(struct rc_reader *rr, size_t nf, char **f, long line)
{
    for (size_t c = 0; c < RC__COUNT; c++) rr->col[c] = -1;
    for (size_t i = 0; i < nf; i++)
        for (size_t c = 0; c < RC__COUNT; c++)
            if (rr->col[c] < 0 && strcmp(f[i], RC_NAMES[c]) == 0) rr->col[c] = (long)i;
    if (rr->col[RC_REPORT] < 0) {
        diag_add(rr->d, DIAG_ERROR, rr->path, line, "not a records CSV: no 'report' column (write it with ogistat parse)");
        return 1;
    }
    rr->wide = rr->col[RC_METRIC] < 0;
    if (!rr->wide) {
        if (rr->col[RC_APPLICANT] < 0 || rr->col[RC_VALUE] < 0) {
            diag_add(rr->d, DIAG_ERROR, rr->path, line, "records CSV without 'applicant' or 'value' column");
            return 1;
        }
        return 0;
    }
    rr->wcols = xcalloc(nf ? nf : 1, sizeof *rr->wcols);
    rr->nwcols = nf;
    size_t ndata = 0;
    for (size_t i = 0; i < nf; i++) {
        rr->wcols[i].metric = -1;
        bool meta = false;
        for (size_t c = 0; c < RC__COUNT; c++) meta |= rr->col[c] == (long)i;
        if (meta) continue;
        char *dot = strchr(f[i], '.');
        if (dot) *dot = '\0';
        int m = reg_metric_find(f[i]);
        int a = dot ? reg_applicant_find(dot + 1) : AP_NONE;
        if (dot) *dot = '.';
        if (m < 0 || a < 0 || (a == AP_NONE) == REG_METRICS[m].applicant_dim) {
            char q[160];
            diag_quote(q, sizeof q, f[i], strlen(f[i]), 60);
            diag_add(rr->d, DIAG_WARN, rr->path, line, "unknown column '%s' ignored", q);
            rr->bad = 1;
            continue;
        }
        rr->wcols[i].metric = m;
        rr->wcols[i].applicant = a;
        ndata++;
    }
    if (!ndata) {
        diag_add(rr->d, DIAG_ERROR, rr->path, line, "not a records CSV: neither a 'metric' column nor metric columns");
        return 1;
    }
    return 0;
}

static int on_row(void *arg, size_t nf, char **f, const size_t *lens, long rowno, long line)
{
    (void)lens;
    (void)rowno;
    struct rc_reader *rr = arg;
    if (!rr->header_done) {
        rr->header_done = true;
        return header_row(rr, nf, f, line) ? 1 : 0;
    }
    const char *rep = field(rr, RC_REPORT, nf, f);
    if (!rep || !*rep) { reject(rr, line, "row without a report name", ""); return 0; }
    if (rr->wide || !rr->have_cur || strcmp(rr->cur.path, rep) != 0) {
        int rc = flush_cur(rr);
        if (rc) { rr->emit_rc = rc; return rc; }
        start_report(rr, nf, f, line);
    }
    if (rr->wide) {
        for (size_t i = 0; i < nf && i < rr->nwcols; i++) {
            if (rr->wcols[i].metric < 0 || !*f[i]) continue;
            bool word = strcmp(f[i], "BLANK") == 0 || strcmp(f[i], "NA") == 0;
            set_cell(rr, rr->wcols[i].metric, rr->wcols[i].applicant, word ? NULL : f[i], word ? f[i] : "VALUE",
                     NULL, NULL, 0, line);
        }
        return 0;
    }
    const char *mid = field(rr, RC_METRIC, nf, f);
    if (!mid || strcmp(mid, "-") == 0 || !*mid) return 0;     /* a report with no figures */
    int m = reg_metric_find(mid);
    if (m < 0) { reject(rr, line, "unknown metric (see ogistat metrics)", mid); return 0; }
    const char *ap = field(rr, RC_APPLICANT, nf, f);
    int a = reg_applicant_find(ap && *ap ? ap : "-");
    if (a < 0 || (a == AP_NONE) == REG_METRICS[m].applicant_dim) { reject(rr, line, "wrong applicant for this metric", ap); return 0; }
    const char *sl = field(rr, RC_LINE, nf, f);
    long srcline = sl && *sl ? strtol(sl, NULL, 10) : 0;
    set_cell(rr, m, a, field(rr, RC_VALUE, nf, f), field(rr, RC_STATUS, nf, f), field(rr, RC_QUALIFIER, nf, f),
             field(rr, RC_SOURCE, nf, f), srcline, line);
    return 0;
}

int recin_csv(const char *path, recin_emit_fn emit, void *ctx, struct diag *d)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        diag_add(d, DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
        return 1;
    }
    struct rc_reader rr = { .path = path, .d = d, .emit = emit, .ctx = ctx };
    int rc = csvr_read(fp, path, on_row, &rr, d);
    if (fp != stdin) fclose(fp);
    if (rr.emit_rc) rc = rr.emit_rc;
    else if (rc == 0 || rc == 1) {
        int erc = flush_cur(&rr);
        if (erc) rc = erc;
    }
    if (rr.have_cur) report_free(&rr.cur);
    free(rr.wcols);
    if (rc == 0 && !rr.header_done) {
        diag_add(d, DIAG_ERROR, path, 0, "empty records CSV");
        rc = 1;
    }
    return rc ? rc : rr.bad;
}

/* ==== any input ==== */

static bool is_csv(const char *p)
{
    size_t n = strlen(p);
    return n > 4 && strcmp(p + n - 4, ".csv") == 0;
}

int recin_run(char *const *inputs, size_t n, int jobs, recin_emit_fn emit, void *ctx, struct diag *d)
{
    int worst = 0;
    size_t i = 0;
    while (i < n) {
        if (is_csv(inputs[i])) {
            int rc = recin_csv(inputs[i], emit, ctx, d);
            i++;
            if (rc == 1) worst = worst ? worst : 1;
            else if (rc == 3) worst = 3;
            else if (rc) return rc;
            continue;
        }
        size_t j = i;
        while (j < n && !is_csv(inputs[j])) j++;
        char **files;
        size_t nfiles;
        if (parse_collect(inputs + i, j - i, &files, &nfiles, d) != 0 && !worst) worst = 1;
        int rc = parse_run(files, nfiles, jobs, emit, ctx, d);
        parse_files_free(files, nfiles);
        if (rc) return rc;
        i = j;
    }
    return worst;
}
