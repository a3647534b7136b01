/* output.c - records as CSV (long, wide) through csvio, and atomic output files. */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/output.h"
#include "ogistat/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ==== atomic files ==== */

/* Create the temporary file beside path (mode 0666 less the umask); o->path, o->tmp set. */
static int make_tmp(struct ofile *o, const char *path)
{
    o->path = xstrdup(path);
    size_t n = strlen(path);
    o->tmp = xmalloc(n + 16);
    snprintf(o->tmp, n + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        free(o->path);
        memset(o, 0, sizeof *o);
        errno = e;
        return -1;
    }
    /* mkstemp creates 0600; the output is an ordinary file: 0666 less the umask */
    mode_t um = umask(0);
    umask(um);
    (void)fchmod(fd, 0666 & ~um);
    return fd;
}

int ofile_open(struct ofile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device or pipe (/dev/stdout, /dev/full, a FIFO): nothing to rename, write directly */
        o->fp = fopen(path, "w");
        if (!o->fp) return -1;
        o->path = xstrdup(path);
        return 0;
    }
    int fd = make_tmp(o, path);
    if (fd < 0) return -1;
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        free(o->path);
        memset(o, 0, sizeof *o);
        errno = e;
        return -1;
    }
    return 0;
}

int ofile_reserve(struct ofile *o, const char *path)
{
    memset(o, 0, sizeof *o);
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        errno = EINVAL;
        return -1;
    }
    int fd = make_tmp(o, path);
    if (fd < 0) return -1;
    close(fd);
    return 0;
}

int ofile_commit(struct ofile *o)
{
    if (!o->fp && !o->tmp) return 0;
    if (!o->tmp) {                       /* stdout (closed by main) or a device */
        int rc = fflush(o->fp) == 0 && !ferror(o->fp) ? 0 : -1;
        int e = errno;
        if (o->path && fclose(o->fp) != 0 && rc == 0) { rc = -1; e = errno; }
        o->fp = NULL;
        free(o->path);
        o->path = NULL;
        errno = e;
        return rc;
    }
    int bad = 0, e = 0;
    if (o->fp) {                         /* written by us (ofile_reserve: by another program) */
        bad = fflush(o->fp) != 0 || ferror(o->fp);
        e = errno;
        if (fclose(o->fp) != 0 && !bad) { bad = 1; e = errno; }
        o->fp = NULL;
    }
    if (!bad && rename(o->tmp, o->path) != 0) { bad = 1; e = errno; }
    if (bad) unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    errno = e;
    return bad ? -1 : 0;
}

void ofile_abort(struct ofile *o)
{
    if (o->fp && (o->tmp || o->path)) fclose(o->fp);
    if (o->tmp) unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

/* ==== CSV ==== */

const char *const OUT_LONG_HEADER[15] = {
    "report", "body", "year", "regime", "province", "city", "county", "scope",
    "metric", "applicant", "value", "status", "qualifier", "source", "line",
};
#define N_META 8

struct out_writer {
    struct csvw *csv;
    enum out_format fmt;
    bool header_done;
};

struct out_writer *out_new(FILE *fp, enum out_format fmt, int csv_flags)
{
    struct out_writer *w = xcalloc(1, sizeof *w);
    w->csv = csvw_new(fp, csv_flags);
    w->fmt = fmt;
    return w;
}

static void write_meta(struct out_writer *w, const struct report *r)
{
    char y[16];
    if (r->year) snprintf(y, sizeof y, "%d", r->year); else y[0] = '\0';
    csvw_fieldz(w->csv, r->path);
    csvw_fieldz(w->csv, r->body);
    csvw_fieldz(w->csv, y);
    csvw_fieldz(w->csv, regime_name(r->regime));
    csvw_fieldz(w->csv, r->province);
    csvw_fieldz(w->csv, r->city);
    csvw_fieldz(w->csv, r->county);
    csvw_fieldz(w->csv, r->scope);
}

static void write_long(struct out_writer *w, const struct report *r)
{
    char v[40], line[24];
    if (!w->header_done) {
        for (size_t i = 0; i < ARRAY_LEN(OUT_LONG_HEADER); i++) csvw_fieldz(w->csv, OUT_LONG_HEADER[i]);
        csvw_endrow(w->csv);
        w->header_done = true;
    }
    if (r->ncells == 0) {
        /* keep the report's header fields even when no figure was found */
        write_meta(w, r);
        const char *rest[] = { "-", "-", "", "NA", "", "", "" };
        for (size_t i = 0; i < ARRAY_LEN(rest); i++) csvw_fieldz(w->csv, rest[i]);
        csvw_endrow(w->csv);
        return;
    }
    for (size_t i = 0; i < r->ncells; i++) {
        const struct cell *c = &r->cells[i];
        write_meta(w, r);
        csvw_fieldz(w->csv, REG_METRICS[c->metric].id);
        csvw_fieldz(w->csv, REG_APPLICANTS[c->applicant].code);
        if (c->status == CELL_VALUE) v100_format(c->v100, v, sizeof v); else v[0] = '\0';
        csvw_fieldz(w->csv, v);
        csvw_fieldz(w->csv, status_name(c->status));
        csvw_fieldz(w->csv, qualifier_name(c->q));
        csvw_fieldz(w->csv, c->source == SRC_TEXT ? "text" : "table");
        snprintf(line, sizeof line, "%ld", c->line);
        csvw_fieldz(w->csv, c->line > 0 ? line : "");
        csvw_endrow(w->csv);
    }
}

/* Wide: one column per metric, or metric.applicant for the seven standard applicant columns
 * (plus org_subtotal). A cell printed empty is "BLANK", one marked not applicable "NA",
 * a cell the report does not have is empty. */
static const int WIDE_APPLICANTS[] = { AP_NATURAL, AP_ORG_BUSINESS, AP_ORG_RESEARCH, AP_ORG_NGO, AP_ORG_LEGAL,
                                       AP_ORG_OTHER, AP_ORG_SUBTOTAL, AP_TOTAL };

static void write_wide(struct out_writer *w, const struct report *r)
{
    char v[96];           /* "res_other_no_correction.org_business": longer than a value */
    if (!w->header_done) {
        for (size_t i = 0; i < N_META; i++) csvw_fieldz(w->csv, OUT_LONG_HEADER[i]);
        csvw_fieldz(w->csv, "region_code");
        csvw_fieldz(w->csv, "body_type");
        for (int m = 0; m < M__COUNT; m++) {
            if (!REG_METRICS[m].applicant_dim) { csvw_fieldz(w->csv, REG_METRICS[m].id); continue; }
            for (size_t a = 0; a < ARRAY_LEN(WIDE_APPLICANTS); a++) {
                snprintf(v, sizeof v, "%s.%s", REG_METRICS[m].id, REG_APPLICANTS[WIDE_APPLICANTS[a]].code);
                csvw_fieldz(w->csv, v);
            }
        }
        csvw_endrow(w->csv);
        w->header_done = true;
    }
    /* index the report's cells: metric x applicant */
    const struct cell **idx = xcalloc((size_t)M__COUNT * AP__COUNT, sizeof *idx);
    for (size_t i = 0; i < r->ncells; i++)
        idx[(size_t)r->cells[i].metric * AP__COUNT + (size_t)r->cells[i].applicant] = &r->cells[i];
    write_meta(w, r);
    csvw_fieldz(w->csv, r->region_code);
    csvw_fieldz(w->csv, r->body_type);
    for (int m = 0; m < M__COUNT; m++) {
        size_t na = REG_METRICS[m].applicant_dim ? ARRAY_LEN(WIDE_APPLICANTS) : 1;
        for (size_t a = 0; a < na; a++) {
            int ap = REG_METRICS[m].applicant_dim ? WIDE_APPLICANTS[a] : AP_NONE;
            const struct cell *c = idx[(size_t)m * AP__COUNT + (size_t)ap];
            if (!c) v[0] = '\0';
            else if (c->status == CELL_VALUE) v100_format(c->v100, v, sizeof v);
            else snprintf(v, sizeof v, "%s", c->status == CELL_BLANK ? "BLANK" : "NA");
            csvw_fieldz(w->csv, v);
        }
    }
    csvw_endrow(w->csv);
    free(idx);
}

void out_report(struct out_writer *w, const struct report *r)
{
    switch (w->fmt) {
    case OUT_LONG: write_long(w, r); break;
    case OUT_WIDE: write_wide(w, r); break;
    }
}

int out_free(struct out_writer *w)
{
    if (!w) return 0;
    int rc = csvw_free(w->csv);
    free(w);
    return rc;
}
