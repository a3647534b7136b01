/* csvio.c - CSV reading and writing on top of libcsv.
 *
 * This is the only file that includes <csv.h>, so libcsv's quirks are dealt
 * with here and nowhere else:
 *   - libcsv trims spaces and tabs around unquoted fields, so the writer
 *     quotes fields that begin or end with one;
 *   - libcsv skips blank (and whitespace-only) lines, so a row holding a
 *     single empty field is written as "" to survive a round trip;
 *   - libcsv gives no byte positions, so the reader feeds it one physical
 *     line (or less) per csv_parse call and tracks line numbers itself;
 *   - libcsv callbacks cannot abort parsing; feeding at most one record
 *     terminator per call lets the reader stop right after the record whose
 *     callback asked to.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/csvio.h"
#include "ogistat/util.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define CSVR_CHUNK (64 * 1024)
/* libcsv grows its field buffer linearly by this much (default 128 bytes,
 * which makes long fields quadratic). */
#define CSVR_BLK (16 * 1024)

static const char utf8_bom[3] = { '\xEF', '\xBB', '\xBF' };

/* ==== writer ==== */

struct csvw {
    FILE *fp;
    int flags;
    size_t nfields;       /* fields written in the current row */
    bool lone_empty;      /* the row so far is exactly one empty field */
    bool bom_risk;        /* next field is the first byte of a BOM-less file */
    bool failed;          /* some write reported an error */
};

struct csvw *csvw_new(FILE *fp, int flags)
{
    struct csvw *w = xmalloc(sizeof *w);
    w->fp = fp;
    w->flags = flags;
    w->nfields = 0;
    w->lone_empty = false;
    w->bom_risk = !(flags & CSVW_BOM);
    w->failed = false;
    if ((flags & CSVW_BOM) && fwrite(utf8_bom, 1, sizeof utf8_bom, fp) != sizeof utf8_bom)
        w->failed = true;
    return w;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool needs_quotes(const char *s, size_t n, bool bom_risk)
{
    if (n == 0) return false;
    /* libcsv would trim these on the way back in */
    if (is_blank(s[0]) || is_blank(s[n - 1])) return true;
    /* a reader would strip a leading BOM that is really field data */
    if (bom_risk && n >= sizeof utf8_bom && memcmp(s, utf8_bom, sizeof utf8_bom) == 0)
        return true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
    }
    return false;
}

void csvw_field(struct csvw *w, const char *s, size_t n)
{
    if (!s) { s = ""; n = 0; }
    if (w->nfields > 0 && fputc(',', w->fp) == EOF) w->failed = true;
    w->nfields++;
    w->lone_empty = (w->nfields == 1 && n == 0);
    if (needs_quotes(s, n, w->bom_risk)) {
        if (csv_fwrite(w->fp, s, n) != 0) w->failed = true;
    } else if (n > 0 && fwrite(s, 1, n, w->fp) != n) {
        w->failed = true;
    }
    w->bom_risk = false;
}

void csvw_fieldz(struct csvw *w, const char *s)
{
    csvw_field(w, s, s ? strlen(s) : 0);
}

void csvw_endrow(struct csvw *w)
{
    /* An unquoted lone empty field would be a blank line, which readers skip. */
    if (w->lone_empty && fputs("\"\"", w->fp) == EOF) w->failed = true;
    if (fputs((w->flags & CSVW_CRLF) ? "\r\n" : "\n", w->fp) == EOF) w->failed = true;
    w->nfields = 0;
    w->lone_empty = false;
    w->bom_risk = false;
}

int csvw_free(struct csvw *w)
{
    if (!w) return 0;
    /* Buffered write errors (e.g. ENOSPC) only surface at flush time. */
    int rc = (fflush(w->fp) != 0 || ferror(w->fp) || w->failed) ? -1 : 0;
    free(w);
    return rc;
}

/* ==== reader ==== */

struct csvr {
    csvr_row_fn fn;
    void *ctx;
    strbuf data;          /* the current record's fields, each followed by a NUL */
    size_t *offs, *lens;  /* per field: offset into data.s, length */
    char **ptrs;
    size_t nf, cap;
    long rowno;
    long line;            /* physical line of the bytes being parsed */
    long rec_line;        /* line where the current record starts */
    long field_line;      /* line where the current field starts */
    bool in_record;       /* libcsv has started a record (left its "row not begun" state) */
    int stop;             /* nonzero return of the row callback */
};

static void on_field(void *s, size_t n, void *data)
{
    struct csvr *r = data;
    if (r->stop) return;
    if (r->nf == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->offs = xrealloc(r->offs, r->cap * sizeof *r->offs);
        r->lens = xrealloc(r->lens, r->cap * sizeof *r->lens);
        r->ptrs = xrealloc(r->ptrs, r->cap * sizeof *r->ptrs);
    }
    r->offs[r->nf] = r->data.len;
    r->lens[r->nf] = n;
    r->nf++;
    sb_append(&r->data, s, n);
    sb_putc(&r->data, '\0');
    /* The next field starts right after this delimiter, on this line. */
    r->field_line = r->line;
}

static void on_row(int term, void *data)
{
    struct csvr *r = data;
    (void)term;
    r->in_record = false;
    if (r->stop) return;
    /* Pointers are made only now: data.s moves while the record grows. */
    for (size_t i = 0; i < r->nf; i++) r->ptrs[i] = r->data.s + r->offs[i];
    r->rowno++;
    r->stop = r->fn(r->ctx, r->nf, r->ptrs, r->lens, r->rowno, r->rec_line);
    r->nf = 0;
    sb_reset(&r->data);
}

/* Mirrors libcsv's "row not begun" state: it skips spaces, tabs, CR and LF
 * there, and any other byte starts a record. */
static bool starts_record(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n') return true;
    return false;
}

/* Parse one segment: a piece of a single physical line, ending at the first
 * CR or LF if it has one. Returns 0, or 1 on malformed input. */
static int parse_segment(struct csv_parser *p, struct csvr *r, const unsigned char *s, size_t n,
                         const char *fname, struct diag *d)
{
    if (!r->in_record && starts_record(s, n)) {
        r->in_record = true;
        r->rec_line = r->field_line = r->line;
    }
    if (csv_parse(p, s, n, on_field, on_row, r) != n) {
        /* The offending byte is in this segment, hence on this line. */
        diag_add(d, DIAG_ERROR, fname, r->line, "malformed CSV: %s", csv_strerror(csv_error(p)));
        return 1;
    }
    if (s[n - 1] == '\n') r->line++;
    return 0;
}

static void csvr_free(struct csvr *r)
{
    sb_free(&r->data);
    free(r->offs);
    free(r->lens);
    free(r->ptrs);
}

int csvr_read(FILE *fp, const char *fname, csvr_row_fn fn, void *ctx, struct diag *d)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) {
        diag_add(d, DIAG_ERROR, fname, 0, "cannot initialise the CSV parser");
        return 3;
    }
    /* Out of memory then exits like everywhere else instead of a CSV_ENOMEM path. */
    csv_set_realloc_func(&p, xrealloc);
    csv_set_blk_size(&p, CSVR_BLK);

    struct csvr r = { .fn = fn, .ctx = ctx, .line = 1, .rec_line = 1, .field_line = 1 };
    sb_init(&r.data);
    unsigned char *buf = xmalloc(CSVR_CHUNK);
    bool first = true;
    int rc = 0;

    for (;;) {
        size_t n = fread(buf, 1, CSVR_CHUNK, fp);
        if (ferror(fp)) {
            char msg[128];
            if (strerror_r(errno, msg, sizeof msg) != 0) strcpy(msg, "I/O error");
            diag_add(d, DIAG_ERROR, fname, 0, "read error: %s", msg);
            rc = 3;
            goto out;
        }
        size_t i = 0;
        /* fread only comes up short at end of file, so a BOM is never split. */
        if (first && n >= sizeof utf8_bom && memcmp(buf, utf8_bom, sizeof utf8_bom) == 0)
            i = sizeof utf8_bom;
        first = false;
        while (i < n) {
            size_t j = i;
            while (j < n && buf[j] != '\n' && buf[j] != '\r') j++;
            if (j < n) j++;
            rc = parse_segment(&p, &r, buf + i, j - i, fname, d);
            if (rc == 0) rc = r.stop;
            if (rc != 0) goto out;
            i = j;
        }
        if (n < CSVR_CHUNK) break;
    }

    /* Delivers a last record that lacks a final newline. */
    if (csv_fini(&p, on_field, on_row, &r) != 0) {
        /* Only an unterminated quoted field fails here; point at its start. */
        diag_add(d, DIAG_ERROR, fname, r.field_line, "malformed CSV: %s",
                 csv_strerror(csv_error(&p)));
        rc = 1;
    } else {
        rc = r.stop;
    }

out:
    free(buf);
    csv_free(&p);
    csvr_free(&r);
    return rc;
}
