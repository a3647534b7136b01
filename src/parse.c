/* parse.c - the parse stage: files -> decoded text -> tokens -> report.
 *
 * Per file: read, decode (decode.c), convert Traditional script (hanzi.c,
 * only when the text looks Traditional: OpenCC is slow), lex (lex.c for
 * text layouts, html.c for HTML), then header fields, tables and prose.
 * parse_run() spreads files over threads; reports are emitted strictly in
 * input order through a bounded window, so output is deterministic and
 * memory does not grow with the number of inputs.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/parse.h"
#include "ogistat/pdf.h"
#include "ogistat/decode.h"
#include "ogistat/extract.h"
#include "ogistat/flat.h"
#include "ogistat/oldform.h"
#include "ogistat/hanzi.h"
#include "ogistat/header.h"
#include "ogistat/lex.h"
#include "ogistat/pdfraw.h"
#include "ogistat/region.h"
#include "ogistat/util.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_INPUT (256u << 20)   /* a single report larger than this is refused */

/* ==== collecting inputs ==== */

static const char *const EXTENSIONS[] = { ".txt", ".md", ".htm", ".html", ".pdf", NULL };

struct flist {
    char **v;
    size_t n, cap;
};

static void fl_push(struct flist *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
}

/* Documentation that lives beside reports (data/reports/SOURCES.md) is not a report. */
static const char *const DOC_NAMES[] = { "README", "SOURCES", "LICENSE", "CHANGELOG", NULL };

static bool wanted(const char *path)
{
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    for (const char *const *d = DOC_NAMES; *d; d++)
        if (strncasecmp(name, *d, strlen(*d)) == 0 && (name[strlen(*d)] == '.' || name[strlen(*d)] == '\0'))
            return false;
    const char *dot = strrchr(name, '.');
    if (!dot) return false;
    for (const char *const *e = EXTENSIONS; *e; e++)
        if (strcasecmp(dot, *e) == 0) return true;
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(const char *dir, struct flist *out, struct diag *d, int depth)
{
    if (depth > 64) {
        diag_add(d, DIAG_ERROR, dir, 0, "directory nesting too deep, skipped");
        return 1;
    }
    DIR *dp = opendir(dir);
    if (!dp) {
        diag_add(d, DIAG_ERROR, dir, 0, "cannot read directory: %s", strerror(errno));
        return 1;
    }
    struct flist here = { 0 };
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.') continue;
        strbuf p;
        sb_init(&p);
        sb_printf(&p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
        fl_push(&here, sb_take(&p));
    }
    closedir(dp);
    qsort(here.v, here.n, sizeof *here.v, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < here.n; i++) {
        struct stat st;
        if (stat(here.v[i], &st) != 0) {
            diag_add(d, DIAG_ERROR, here.v[i], 0, "cannot read: %s", strerror(errno));
            rc = 1;
            free(here.v[i]);
        } else if (S_ISDIR(st.st_mode)) {
            rc |= walk_dir(here.v[i], out, d, depth + 1);
            free(here.v[i]);
        } else if (S_ISREG(st.st_mode) && wanted(here.v[i])) {
            fl_push(out, here.v[i]);
        } else {
            free(here.v[i]);
        }
    }
    free(here.v);
    return rc;
}

int parse_collect(char *const *inputs, size_t n, char ***files, size_t *nfiles, struct diag *d)
{
    struct flist out = { 0 };
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(inputs[i], "-") == 0) { fl_push(&out, xstrdup("-")); continue; }
        if (stat(inputs[i], &st) != 0) {
            diag_add(d, DIAG_ERROR, inputs[i], 0, "cannot read: %s", strerror(errno));
            rc = 1;
        } else if (S_ISDIR(st.st_mode)) {
            rc |= walk_dir(inputs[i], &out, d, 0);
        } else {
            fl_push(&out, xstrdup(inputs[i]));
        }
    }
    *files = out.v;
    *nfiles = out.n;
    return rc;
}

void parse_files_free(char **files, size_t n)
{
    for (size_t i = 0; i < n; i++) free(files[i]);
    free(files);
}

/* ==== one report ==== */

static bool looks_html(const char *path, const char *s, size_t n)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)) return true;
    size_t i = 0;
    while (i < n && i < 512 && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++;
    return n - i >= 5 && (strncasecmp(s + i, "<!doc", 5) == 0 || strncasecmp(s + i, "<html", 5) == 0);
}

/* Split plain text into line views (the title search reads the first lines). */
static struct line_view *text_lines(const char *s, size_t n, size_t max, size_t *nl)
{
    struct line_view *v = xmalloc(max * sizeof *v);
    size_t k = 0, i = 0;
    long line = 1;
    while (i < n && k < max) {
        const char *e = memchr(s + i, '\n', n - i);
        size_t len = e ? (size_t)(e - (s + i)) : n - i;
        v[k].s = s + i;
        v[k].n = len;
        v[k].line = line++;
        k++;
        if (!e) break;
        i += len + 1;
    }
    *nl = k;
    return v;
}

/* A decoded, lexed document: what every consumer of an input needs. */
struct doc {
    char *text;
    size_t tn;
    const char *enc;
    bool traditional;
    struct tokstream ts;
    strbuf prose_buf;
    struct line_view *lines;    /* first lines (text) or prose blocks (HTML), for the title */
    size_t nlines;
};

static void doc_free(struct doc *doc);

/* Bytes that are no encoding ogistat knows: name the first byte that is not UTF-8, and its line. */
static void decode_error(const char *path, const char *buf, size_t n, struct diag *d)
{
    size_t at = decode_utf8_prefix(buf, n);
    long line = 1;
    for (size_t i = 0; i < at; i++) line += buf[i] == '\n';
    diag_add(d, DIAG_ERROR, path, line, "cannot decode: not UTF-8 (byte 0x%02X%s), nor GB18030 or Big5 text",
             at < n ? (unsigned char)buf[at] : 0, at < n && n - at < 4 ? ", a character cut short at the end" : "");
}

/* Decode, convert Traditional script, lex. Returns 0, or -1 with a message in d
 * (the bytes cannot be decoded or the HTML cannot be parsed; nothing to free). */
static int doc_load(struct doc *doc, const char *path, struct hz *hz, const char *buf, size_t n, struct diag *d)
{
    memset(doc, 0, sizeof *doc);
    if (decode_to_utf8(buf, n, &doc->text, &doc->tn, &doc->enc) != 0) {
        decode_error(path, buf, n, d);
        return -1;
    }
    if (hz && hz_looks_traditional(doc->text, doc->tn)) {
        size_t sn;
        char *simp = hz_t2s(hz, doc->text, doc->tn, &sn);
        if (simp) {
            free(doc->text);
            doc->text = simp;
            doc->tn = sn;
            doc->traditional = true;
        }
    }
    ts_init(&doc->ts);
    sb_init(&doc->prose_buf);
    if (looks_html(path, doc->text, doc->tn)) {
        if (html_lex(doc->text, doc->tn, path, &doc->ts, &doc->prose_buf, &doc->lines, &doc->nlines, d) != 0) {
            doc_free(doc);
            return -1;
        }
    } else {
        lex_text(doc->text, doc->tn, &doc->ts);
        doc->lines = text_lines(doc->text, doc->tn, 80, &doc->nlines);
    }
    return 0;
}

static void doc_free(struct doc *doc)
{
    free(doc->lines);
    sb_free(&doc->prose_buf);
    ts_free(&doc->ts);
    free(doc->text);
    memset(doc, 0, sizeof *doc);
}

/* A table cell holding only digits that no count can have (more than 18: beyond
 * int64) is not a label: say so, as the row it sits in cannot be read. */
static void flag_overflows(struct report *r, const struct tokstream *ts)
{
    for (size_t i = 0; i < ts->n; i++) {
        const struct token *t = &ts->v[i];
        if (t->kind != TK_TEXT || !t->in_table || t->len < 19) continue;
        const char *s = tok_text(ts, t);
        size_t digits = 0, k = 0;
        for (; k < t->len && ((s[k] >= '0' && s[k] <= '9') || s[k] == ',' || s[k] == '.'); k++)
            digits += s[k] >= '0' && s[k] <= '9';
        if (k < t->len || digits < 19) continue;
        char q[96];
        diag_quote(q, sizeof q, s, t->len, 40);
        diag_add(&r->diag, DIAG_ERROR, r->path, t->line, "number too large for a count '%s'", q);
    }
}

static void parse_text(struct report *r, struct hz *hz, const char *buf, size_t n)
{
    struct doc doc;
    if (doc_load(&doc, r->path, hz, buf, n, &r->diag) != 0) {
        r->failed = true;
        return;
    }
    r->encoding = doc.enc;
    r->traditional = doc.traditional;
    flag_overflows(r, &doc.ts);
    struct compact c;
    compact_build(&c, &doc.ts);
    header_parse(r, &c, doc.lines, doc.nlines);
    region_resolve(r, c.text.s);
    r->regime = header_regime(&c, r->year);
    struct extract_info info = { .doc_regime = r->regime };
    if (r->regime == RG_R08 || r->regime == RG_R14) oldform_extract(r, &doc.ts, &c);
    if ((r->regime == RG_R19 || r->regime == RG_R21) && pdfraw_detect(&doc.ts)) {
        /* plain pdftotext: labels apart from their values, cells in column blocks */
        pdfraw_extract(r, &doc.ts, &info);
    } else if (r->regime == RG_R19 || r->regime == RG_R21) {
        size_t d0 = r->diag.n;
        extract_tables(r, &doc.ts, &info);
        size_t d1 = r->diag.n;
        /* no aligned 表三 row at all: a web dump whose cells ran together */
        if (!info.t3_found && flat_extract(r, &c) > 0) {
            /* the aligned reader's "row left out" notes are moot: the run reader
             * read those rows, and notes what it could not determine itself */
            diag_drop(&r->diag, d0, d1);
            info.t3_found = report_get(r, M_REQ_NEW, AP_TOTAL) || report_get(r, M_RES_TOTAL, AP_TOTAL);
            info.t4_found = report_get(r, M_REV_TOTAL, AP_NONE) != NULL;
        }
    }
    if ((r->regime == RG_R19 || r->regime == RG_R21) && !info.t3_found)
        diag_add(&r->diag, DIAG_NOTE, r->path, 0, "%s report but no 表三 (收到和处理政府信息公开申请情况) rows were read",
                 regime_name(r->regime));
    else if ((r->regime == RG_R19 || r->regime == RG_R21) && !info.t4_found)
        diag_add(&r->diag, DIAG_NOTE, r->path, 0, "%s report but no 表四 (行政复议、行政诉讼) row of 15 values was read",
                 regime_name(r->regime));
    prose_extract(r, &c);
    if (!r->body) diag_add(&r->diag, DIAG_NOTE, r->path, 0, "no report title found: body unknown");
    if (!r->year) diag_add(&r->diag, DIAG_NOTE, r->path, 0, "statistics year not found");
    report_sort(r);

    compact_free(&c);
    doc_free(&doc);
}

static int read_all(FILE *fp, char **out, size_t *outn)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap >= MAX_INPUT) { free(buf); errno = EFBIG; return -1; }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0) break;
    }
    if (ferror(fp)) { int e = errno; free(buf); errno = e ? e : EIO; return -1; }
    *out = buf;
    *outn = n;
    return 0;
}

/* A PDF (by its signature, or by its name) is read through its text layer: *buf is
 * replaced by the text (the bytes freed). Returns 0, or -1 with a message in d (*buf kept). */
static int pdf_as_text(const char *path, char **buf, size_t *n, struct diag *d)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!pdf_is_pdf(*buf, *n) && !(dot && strcasecmp(dot, ".pdf") == 0 && *n > 0)) return 0;
    char *text;
    size_t tn;
    if (pdf_to_text(*buf, *n, path, &text, &tn, d) != 0) return -1;
    free(*buf);
    *buf = text;
    *n = tn;
    return 0;
}

/* Open and read a whole input ("-" is stdin). Returns 0, or -1 with a message in d. */
static int read_input(const char *path, char **buf, size_t *n, struct diag *d)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        diag_add(d, DIAG_ERROR, path, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    int rc = read_all(fp, buf, n);
    int e = errno;
    if (fp != stdin) fclose(fp);
    if (rc != 0) {
        diag_add(d, DIAG_ERROR, path, 0, "cannot read: %s", e == EFBIG ? "file too large" : strerror(e));
        return -1;
    }
    if (pdf_as_text(path, buf, n, d) != 0) {
        free(*buf);
        return -1;
    }
    return 0;
}

static void parse_file_hz(struct report *r, struct hz *hz)
{
    char *buf;
    size_t n;
    if (read_input(r->path, &buf, &n, &r->diag) != 0) {
        r->failed = true;
        return;
    }
    if (n == 0) {
        diag_add(&r->diag, DIAG_ERROR, r->path, 0, "empty file");
        r->failed = true;
        free(buf);
        return;
    }
    parse_text(r, hz, buf, n);
    free(buf);
}

void parse_buffer(struct report *r, const char *buf, size_t n)
{
    const char *err = NULL;
    struct hz *hz = hz_new(&err);
    parse_buffer_hz(r, hz, buf, n);
    hz_free(hz);
}

void parse_buffer_hz(struct report *r, struct hz *hz, const char *buf, size_t n)
{
    if (pdf_is_pdf(buf, n)) {
        char *copy = xmalloc(n ? n : 1);
        memcpy(copy, buf, n);
        if (pdf_as_text(r->path, &copy, &n, &r->diag) == 0) parse_text(r, hz, copy, n);
        else r->failed = true;
        free(copy);
    } else {
        parse_text(r, hz, buf, n);
    }
}

void parse_file(struct report *r)
{
    const char *err = NULL;
    struct hz *hz = hz_new(&err);
    parse_file_hz(r, hz);
    hz_free(hz);
}

int parse_dump_text(const char *path, FILE *out, struct diag *d)
{
    char *buf, *text;
    size_t n, tn;
    if (read_input(path, &buf, &n, d) != 0) return 1;
    int rc = decode_to_utf8(buf, n, &text, &tn, NULL);
    if (rc != 0) decode_error(path, buf, n, d);
    free(buf);
    if (rc != 0) return 1;
    fwrite(text, 1, tn, out);
    free(text);
    return 0;
}

int parse_dump_tokens(const char *path, FILE *out, struct diag *d)
{
    char *buf;
    size_t n;
    int rc;
    if (read_input(path, &buf, &n, d) != 0) return 1;
    const char *err;
    struct hz *hz = hz_new(&err);
    struct doc doc;
    rc = doc_load(&doc, path, hz, buf, n, d);
    hz_free(hz);
    free(buf);
    if (rc != 0) return 1;
    static const char kinds[] = { [TK_TEXT] = 'T', [TK_CELL] = 'C', [TK_ROW_END] = '|' };
    for (size_t i = 0; i < doc.ts.n; i++) {
        const struct token *t = &doc.ts.v[i];
        fprintf(out, "%ld %c %s\n", t->line, kinds[t->kind], tok_text(&doc.ts, t));
    }
    doc_free(&doc);
    return 0;
}

/* ==== parallel run, ordered output ==== */

#define WINDOW 64                /* reports parsed ahead of the writer, at most */

struct slot {
    struct report r;
    int state;                   /* 0 free, 1 taken, 2 done */
};

struct pool {
    char *const *files;
    size_t n, next, emitted;
    struct slot *slots;          /* ring of WINDOW */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stop;
};

static void *worker(void *arg)
{
    struct pool *p = arg;
    const char *err = NULL;
    struct hz *hz = hz_new(&err);
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->stop && p->next < p->n && p->next >= p->emitted + WINDOW) pthread_cond_wait(&p->cv, &p->mu);
        if (p->stop || p->next >= p->n) { pthread_mutex_unlock(&p->mu); break; }
        size_t i = p->next++;
        struct slot *s = &p->slots[i % WINDOW];
        s->state = 1;
        pthread_mutex_unlock(&p->mu);

        report_init(&s->r, p->files[i]);
        parse_file_hz(&s->r, hz);

        pthread_mutex_lock(&p->mu);
        s->state = 2;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    hz_free(hz);
    return NULL;
}

int parse_run(char *const *files, size_t n, int jobs, parse_emit_fn emit, void *ctx, struct diag *d)
{
    const char *err = NULL;
    struct hz *probe = hz_new(&err);
    if (!probe) {
        diag_add(d, DIAG_ERROR, NULL, 0, "cannot open OpenCC's t2s conversion: %s", err ? err : "unknown error");
        return 3;
    }
    if (jobs <= 1 || n <= 1) {
        int rc = 0;
        for (size_t i = 0; i < n && rc == 0; i++) {
            struct report r;
            report_init(&r, files[i]);
            parse_file_hz(&r, probe);
            rc = emit(&r, ctx);
            report_free(&r);
        }
        hz_free(probe);
        return rc;
    }
    hz_free(probe);

    struct pool p = { .files = files, .n = n };
    p.slots = xcalloc(WINDOW, sizeof *p.slots);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    size_t nt = (size_t)jobs < n ? (size_t)jobs : n;
    pthread_t *th = xcalloc(nt, sizeof *th);
    size_t started = 0;
    for (; started < nt; started++)
        if (pthread_create(&th[started], NULL, worker, &p) != 0) break;
    int rc = 0;
    if (started == 0) {
        diag_add(d, DIAG_ERROR, NULL, 0, "cannot start worker threads");
        rc = 3;
    }
    while (rc == 0 && p.emitted < n) {
        struct slot *s = &p.slots[p.emitted % WINDOW];
        pthread_mutex_lock(&p.mu);
        while (s->state != 2) pthread_cond_wait(&p.cv, &p.mu);
        pthread_mutex_unlock(&p.mu);
        rc = emit(&s->r, ctx);
        report_free(&s->r);
        pthread_mutex_lock(&p.mu);
        s->state = 0;
        p.emitted++;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
    }
    pthread_mutex_lock(&p.mu);
    p.stop = true;
    pthread_cond_broadcast(&p.cv);
    pthread_mutex_unlock(&p.mu);
    for (size_t i = 0; i < started; i++) pthread_join(th[i], NULL);
    /* reports parsed ahead of a stopped writer */
    for (size_t i = 0; i < WINDOW; i++)
        if (p.slots[i].state == 2) report_free(&p.slots[i].r);
    free(th);
    free(p.slots);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    return rc;
}
