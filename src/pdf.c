/* pdf.c - PDF text layer to column-aligned lines (poppler-glib); see pdf.h. */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/pdf.h"
#include "ogistat/util.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

/* poppler's global state is shared by every document; reading one PDF at a
 * time keeps parse -j safe whatever the poppler build does. */
static pthread_mutex_t pdf_mu = PTHREAD_MUTEX_INITIALIZER;

bool pdf_is_pdf(const char *buf, size_t n)
{
    return n >= 5 && memcmp(buf, "%PDF-", 5) == 0;
}

struct glyph {
    double x1, y1, x2, y2, yc;
    unsigned cp;
};

struct line {
    size_t from, to;            /* glyphs [from, to) after sorting */
    double yc, y1, y2, h;
};

static int by_yc(const void *a, const void *b)
{
    const struct glyph *x = a, *y = b;
    if (x->yc != y->yc) return x->yc < y->yc ? -1 : 1;
    return (x->x1 > y->x1) - (x->x1 < y->x1);
}

static int by_x(const void *a, const void *b)
{
    const struct glyph *x = a, *y = b;
    return (x->x1 > y->x1) - (x->x1 < y->x1);
}

static bool is_wide(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* A page-number line: "-3-", "— 3 —", "第3页", "第 3 页 共 6 页", "3 / 6" (a line of
 * several numbers apart is a table row, not a page number). */
static bool page_number_line(const char *s)
{
    static const char *const strip[] = { "-", "—", "－", "第", "页", "共", "/", "／", " ", NULL };
    bool digit = false, decorated = false;
    int numbers = 0;
    while (*s) {
        if (*s >= '0' && *s <= '9') {
            if (!digit) numbers++;
            digit = true;
            s++;
            continue;
        }
        digit = false;
        if (*s != ' ') decorated = true;
        size_t k = 0;
        for (size_t i = 0; strip[i]; i++) {
            size_t n = strlen(strip[i]);
            if (strncmp(s, strip[i], n) == 0) { k = n; break; }
        }
        if (!k) return false;
        s += k;
    }
    return numbers == 1 || (numbers == 2 && decorated);
}

/* Write one line: glyphs on a grid of `unit` points; a CJK glyph is two columns. */
static void render_line(strbuf *out, const struct glyph *g, size_t n, double unit, double left)
{
    strbuf b;
    sb_init(&b);
    long col = 0;
    double prev_x2 = 0, h = 0;
    for (size_t i = 0; i < n; i++) h = fmax(h, g[i].y2 - g[i].y1);
    for (size_t i = 0; i < n; i++) {
        long want = lround((g[i].x1 - left) / unit);
        if (i > 0) {
            /* touching glyphs stay together whatever the grid says; a gap is a word
             * gap (one space at least) or a cell gap (two at least) */
            double gap = g[i].x1 - prev_x2;
            long min_sp = gap > 1.2 * h ? 2 : gap > 0.25 * h ? 1 : 0;
            if (min_sp == 0 || want < col + min_sp) want = col + min_sp;
        }
        while (col < want) { sb_putc(&b, ' '); col++; }
        sb_put_cp(&b, g[i].cp);
        col += is_wide(g[i].cp) ? 2 : 1;
        prev_x2 = g[i].x2;
    }
    if (!page_number_line(b.s ? b.s : "")) {
        sb_append(out, b.s ? b.s : "", b.len);
        sb_putc(out, '\n');
    }
    sb_free(&b);
}

/* One page's glyphs to lines. Returns the number of glyphs. */
static size_t page_text(PopplerPage *page, strbuf *out)
{
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    if (!text || !poppler_page_get_text_layout(page, &rects, &nrects)) {
        g_free(text);
        g_free(rects);
        return 0;
    }
    size_t cap = 256, ng = 0;
    struct glyph *g = xmalloc(cap * sizeof *g);
    const unsigned char *p = (const unsigned char *)text;
    size_t left_bytes = strlen(text), cl;
    double wsum = 0;
    size_t wn = 0;
    for (guint i = 0; left_bytes && i < nrects; i++, p += cl, left_bytes -= cl) {
        unsigned cp = utf8_decode(p, left_bytes, &cl);
        if (cp <= 0x20 || cp == 0xA0 || cp == 0x3000 || cp == 0xFEFF) continue;
        const PopplerRectangle *r = &rects[i];
        if (r->x2 <= r->x1 || r->y2 <= r->y1) continue;
        if (ng == cap) { cap *= 2; g = xrealloc(g, cap * sizeof *g); }
        g[ng] = (struct glyph){ .x1 = r->x1, .y1 = r->y1, .x2 = r->x2, .y2 = r->y2,
                                .yc = (r->y1 + r->y2) / 2, .cp = cp };
        if (is_wide(cp)) { wsum += r->x2 - r->x1; wn++; }
        ng++;
    }
    g_free(text);
    g_free(rects);
    if (!ng) { free(g); return 0; }
    /* the grid: half the typical CJK advance, else a digit's */
    double unit = wn ? wsum / (double)wn / 2 : 0;
    if (unit <= 0) {
        double s = 0;
        for (size_t i = 0; i < ng; i++) s += g[i].x2 - g[i].x1;
        unit = s / (double)ng;
    }
    if (unit < 1) unit = 1;
    double left = g[0].x1;
    for (size_t i = 1; i < ng; i++) left = fmin(left, g[i].x1);

    qsort(g, ng, sizeof *g, by_yc);
    size_t from = 0;
    while (from < ng) {
        double yc = g[from].yc, h = g[from].y2 - g[from].y1;
        size_t to = from + 1;
        /* same line: centre within a third of the line's height */
        while (to < ng && fabs(g[to].yc - yc) <= 0.35 * fmax(h, g[to].y2 - g[to].y1)) to++;
        qsort(g + from, to - from, sizeof *g, by_x);
        render_line(out, g + from, to - from, unit, left);
        from = to;
    }
    free(g);
    return ng;
}

int pdf_to_text(const char *buf, size_t n, const char *path, char **out, size_t *outn, struct diag *d)
{
    *out = NULL;
    if (outn) *outn = 0;
    pthread_mutex_lock(&pdf_mu);
    GError *err = NULL;
    GBytes *bytes = g_bytes_new(buf, n);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    if (!doc) {
        bool locked = err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED;
        if (locked) diag_add(d, DIAG_ERROR, path, 0, "encrypted PDF (a password is needed to read it)");
        else diag_add(d, DIAG_ERROR, path, 0, "not a readable PDF: %s", err ? err->message : "unknown error");
        if (err) g_error_free(err);
        g_bytes_unref(bytes);
        pthread_mutex_unlock(&pdf_mu);
        return -1;
    }
    strbuf b;
    sb_init(&b);
    int pages = poppler_document_get_n_pages(doc);
    size_t glyphs = 0;
    for (int i = 0; i < pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page) continue;
        glyphs += page_text(page, &b);
        g_object_unref(page);
    }
    g_object_unref(doc);
    g_bytes_unref(bytes);
    pthread_mutex_unlock(&pdf_mu);
    /* a scanned report has no characters, or a page number or a stamp per page;
     * a page of a real report has hundreds */
    if (glyphs < 16 * (size_t)(pages > 0 ? pages : 1)) {
        sb_free(&b);
        diag_add(d, DIAG_ERROR, path, 0, "no text layer (scanned PDF?)");
        return -1;
    }
    if (outn) *outn = b.len;
    *out = sb_take(&b);
    return 0;
}
