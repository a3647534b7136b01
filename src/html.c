/* html.c - HTML reports to the token stream, read from libxml2's DOM (see lex.h).
 *
 * This is the only file that includes libxml2. The page is parsed once with
 * libxml2's forgiving HTML parser and the tree is walked in document order:
 *
 *   - a statistics table becomes structured rows: one token per <td>/<th>
 *     (ts_push_auto, in_table=true, line of the cell's start tag), then
 *     TK_ROW_END per <tr>. A cell spanning several rows is emitted once, in
 *     the row where it starts; later rows simply do not contain it.
 *   - everything else becomes prose: one TK_TEXT token (in_table=false) and
 *     one prose line per block element (p, div, h1-h6, li, td of a layout
 *     table, ...) or <br>-separated segment; the <title> is the first.
 *
 * Why no explicit rowspan/colspan grid: HTML's table model places the cells
 * of a row left to right at the first free column at or after the previous
 * cell's end, so a row's cells in source order ARE its cells in column order,
 * and "cells that start in this row" are exactly the <td> children of this
 * <tr>. Nothing we emit depends on the column index, so spans need no
 * allocation and absurd span values (rowspan=99999999) cost nothing. If the
 * extractor ever needs the column index, it is a running sum of clamped
 * colspans plus the columns still covered by rowspans from above.
 *
 * Layout tables: a <table> that contains another <table>, or has fewer than
 * two cells, is page layout (site chrome, a 1x1 frame around the whole
 * article), not statistics. Its cells are walked as ordinary blocks (each
 * <td> ends a prose block), so the report text inside stays prose and the
 * tables nested inside are found and emitted as tables in document order.
 * Only innermost tables with at least two cells become structured rows.
 *
 * Stack safety: every walk below is iterative (node->children / next /
 * parent), so document depth never reaches the C stack. libxml2 2.9.14 also
 * stops building the tree at depth 256 without HTML_PARSE_HUGE (deeper
 * content is dropped), which keeps its own recursive code safe; do not add
 * HTML_PARSE_HUGE.
 *
 * Threads: html_lex() may run in several threads at once. libxml2 must be
 * initialised once before any thread starts (html_init() from main) and
 * cleaned up, if at all, only after all threads are done (html_fini());
 * html_lex() itself never calls xmlCleanupParser().
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/lex.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

void html_init(void)
{
    xmlInitParser();
}

void html_fini(void)
{
    xmlCleanupParser();
}

/* ==== text normalisation ==== */

/* Whitespace collapsed to one ASCII space: ASCII white space, NEL, NBSP
 * (&nbsp; is everywhere in Word HTML), the Unicode spaces and U+3000. */
static bool is_space(unsigned c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

/* Dropped outright: zero-width characters (they split labels invisibly) and
 * C0 controls, which are never text in a report. */
static bool is_dropped(unsigned c)
{
    return c == 0x200B || c == 0x2060 || c == 0xFEFF || c < 0x20 || c == 0x7F;
}

/* East Asian wide characters (CJK ideographs, CJK punctuation, kana, full-width
 * forms); Hangul syllables are excluded, as in CSS. */
static bool is_wide(unsigned c)
{
    return (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

/* Streaming whitespace collapser writing into out: no leading or trailing
 * space, one ASCII space per run. A run that contains a source line break
 * between two wide characters is removed instead (CSS Text 3 segment-break
 * rule, as Firefox renders it): Word and CMS editors wrap long Chinese lines
 * anywhere, and "本年新收政府信息\n公开申请数量" is one label. Element
 * boundaries (<br>, <p>, <div>, ...) always give a space. */
struct norm {
    strbuf *out;
    unsigned prev;          /* last code point written */
    bool ws, nl, brk;       /* pending: white space, a line break in it, an element boundary */
};

static void norm_reset(struct norm *z)
{
    sb_reset(z->out);
    z->prev = 0;
    z->ws = z->nl = z->brk = false;
}

static void norm_break(struct norm *z)
{
    if (z->out->len) z->brk = true;
}

static void norm_text(struct norm *z, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    bool closer = true;     /* a "]>" may still follow (else stop looking: no O(n^2)) */
    while (n) {
        /* Word's "downlevel-revealed" conditionals, <![if !supportLists]> and
         * <![endif]>, reach the tree as literal text: drop the markers, keep
         * what lies between them (list numbers such as "1．"). */
        if (closer && n >= 4 && p[0] == '<' && p[1] == '!' && p[2] == '[') {
            size_t e = 3;
            while (e + 1 < n && !(p[e] == ']' && p[e + 1] == '>')) e++;
            if (e + 1 < n) {
                p += e + 2;
                n -= e + 2;
                continue;
            }
            closer = false;
        }
        /* libxml2 passes invalid UTF-8 through byte by byte when the
         * encoding was given explicitly: replace it so tokens stay valid. */
        size_t l = utf8_seqlen(p, n);
        unsigned c = l ? utf8_decode(p, n, &l) : 0xFFFD;
        const unsigned char *cp = p;
        size_t cl = l;
        p += l ? l : 1;
        n -= l ? l : 1;
        if (is_space(c)) {
            if (z->out->len) {
                z->ws = true;
                if (c == '\n' || c == '\r') z->nl = true;
            }
            continue;
        }
        if (is_dropped(c)) continue;
        if (z->brk || (z->ws && !(z->nl && is_wide(z->prev) && is_wide(c))))
            sb_putc(z->out, ' ');
        z->brk = z->ws = z->nl = false;
        if (cl)
            sb_append(z->out, (const char *)cp, cl);
        else
            sb_put_cp(z->out, c);
        z->prev = c;
    }
}

/* ==== element classes ==== */

static bool name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

static bool name_in(const xmlNode *n, const char *const *set, size_t k)
{
    if (n->type != XML_ELEMENT_NODE || !n->name) return false;
    for (size_t i = 0; i < k; i++)
        if (strcmp((const char *)n->name, set[i]) == 0) return true;
    return false;
}

/* Never text of the report: code, styles, the <head> (its <title> is taken
 * separately), embedded objects, Word's <xml> document properties. */
static bool is_skipped(const xmlNode *n)
{
    static const char *const set[] = {
        "script", "style", "head", "noscript", "template", "iframe", "object",
        "embed", "applet", "xml", "select",
    };
    return name_in(n, set, ARRAY_LEN(set));
}

/* Elements whose start and end break text into separate blocks (prose) or
 * separate words (inside a cell). libxml2 lower-cases HTML tag names. */
static bool is_block(const xmlNode *n)
{
    static const char *const set[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "title", "body",
        "html", "blockquote", "pre", "center", "section", "article", "header", "footer",
        "nav", "aside", "main", "address", "form", "fieldset", "legend", "figure",
        "figcaption", "hr", "details", "summary", "menu", "dir",
    };
    return name_in(n, set, ARRAY_LEN(set));
}

static bool is_cell(const xmlNode *n)
{
    return name_is(n, "td") || name_is(n, "th");
}

static bool is_text(const xmlNode *n)
{
    return (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content;
}

static long line_of(const xmlNode *n)
{
    /* libxml2 records the line where the start tag (text node) ENDS, which
     * differs only for tags whose attributes span lines; it stores lines in
     * 16 bits, so anything past line 65535 reports 65535. */
    long l = xmlGetLineNo(n);
    return l > 0 ? l : 0;
}

/* ==== iterative walk ==== */

/* Visits every node of the subtree at root twice, on entry (leaving=false)
 * and on exit (leaving=true), in document order, without recursion. */
struct walk {
    xmlNode *root, *cur;
    bool leaving;
};

static void walk_start(struct walk *w, xmlNode *root)
{
    w->root = w->cur = root;
    w->leaving = false;
}

/* Advance; descend says whether to enter the current node's children (only
 * looked at on an entry event). Returns false when the walk is over. */
static bool walk_next(struct walk *w, bool descend)
{
    if (!w->leaving) {
        if (descend && w->cur->children) {
            w->cur = w->cur->children;
            return true;
        }
        w->leaving = true;
        return true;
    }
    if (w->cur == w->root) return false;
    if (w->cur->next) {
        w->cur = w->cur->next;
        w->leaving = false;
    } else {
        w->cur = w->cur->parent;     /* leaving stays true */
    }
    return w->cur != NULL;
}

/* ==== state ==== */

struct pline {
    size_t off, n;
    long line;
};

struct tabinfo {
    bool nested;            /* contains another <table> */
    size_t ncells;
};

struct hx {
    struct tokstream *ts;
    strbuf *prose_buf;
    struct pline *pl;
    size_t npl, capl;
    strbuf blkbuf, cellbuf;
    struct norm blk, cell;  /* current prose block; scratch for one cell */
    long blk_line;          /* line of the current block, 0 = not yet known */
    const xmlNode *title;
    struct tabinfo *tab;
    size_t ntab, captab;
};

/* End the current prose block: one TK_TEXT token and one prose line. */
static void flow_flush(struct hx *h)
{
    if (h->blkbuf.len) {
        long line = h->blk_line;
        ts_push(h->ts, TK_TEXT, h->blkbuf.s, h->blkbuf.len, line, false);
        strbuf *pb = h->prose_buf;
        if (pb->len && pb->s[pb->len - 1] != '\n') sb_putc(pb, '\n');
        if (h->npl == h->capl) {
            h->capl = h->capl ? 2 * h->capl : 64;
            h->pl = xrealloc(h->pl, h->capl * sizeof *h->pl);
        }
        /* Offsets, not pointers: prose_buf may move until the document is done. */
        h->pl[h->npl++] = (struct pline){ pb->len, h->blkbuf.len, line };
        sb_append(pb, h->blkbuf.s, h->blkbuf.len);
    }
    norm_reset(&h->blk);
    h->blk_line = 0;
}

static void flow_text(struct hx *h, const xmlNode *t)
{
    size_t before = h->blkbuf.len;
    norm_text(&h->blk, (const char *)t->content);
    /* Text not inside a block of its own (after a <br>, between blocks):
     * its line is that of its first text node. */
    if (!before && h->blkbuf.len && !h->blk_line) h->blk_line = line_of(t);
}

/* ==== table classification ==== */

static struct tabinfo *tab_of(struct hx *h, const xmlNode *table)
{
    uintptr_t i = (uintptr_t)table->_private;
    return i && i <= h->ntab ? &h->tab[i - 1] : NULL;
}

/* One pass over the document recording, for every <table>, whether it holds
 * a nested table and how many cells are its own. The record's index + 1 is
 * kept in the node's _private field (reserved for applications; the parser
 * leaves it NULL), so later lookups cost nothing. The stack of open tables
 * lives on the heap. */
static void classify_tables(struct hx *h, xmlDoc *doc)
{
    size_t *stk = NULL, nstk = 0, capstk = 0;
    struct walk w;
    walk_start(&w, (xmlNode *)doc);
    bool descend;
    do {
        xmlNode *n = w.cur;
        descend = n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
                  n->type == XML_HTML_DOCUMENT_NODE;
        if (n->type != XML_ELEMENT_NODE) continue;
        if (is_skipped(n)) {
            descend = false;
        } else if (name_is(n, "table")) {
            if (!w.leaving) {
                if (nstk) h->tab[stk[nstk - 1]].nested = true;
                if (h->ntab == h->captab) {
                    h->captab = h->captab ? 2 * h->captab : 16;
                    h->tab = xrealloc(h->tab, h->captab * sizeof *h->tab);
                }
                h->tab[h->ntab] = (struct tabinfo){ false, 0 };
                if (nstk == capstk) {
                    capstk = capstk ? 2 * capstk : 16;
                    stk = xrealloc(stk, capstk * sizeof *stk);
                }
                stk[nstk++] = h->ntab++;
                n->_private = (void *)(uintptr_t)h->ntab;
            } else if (nstk) {
                nstk--;
            }
        } else if (is_cell(n) && !w.leaving && nstk) {
            h->tab[stk[nstk - 1]].ncells++;
        }
    } while (walk_next(&w, descend));
    free(stk);
}

static bool is_data_table(struct hx *h, const xmlNode *table)
{
    const struct tabinfo *ti = tab_of(h, table);
    return ti && !ti->nested && ti->ncells >= 2;
}

/* ==== tables ==== */

/* A cell's text: its descendant text nodes, with <br> and block boundaries as
 * one space, white space collapsed. Result in h->cellbuf. */
static void cell_text(struct hx *h, xmlNode *td)
{
    norm_reset(&h->cell);
    struct walk w;
    walk_start(&w, td);
    bool descend;
    do {
        xmlNode *n = w.cur;
        descend = true;
        if (n == td) continue;
        if (is_text(n)) {
            if (!w.leaving) norm_text(&h->cell, (const char *)n->content);
        } else if (n->type != XML_ELEMENT_NODE || is_skipped(n)) {
            descend = false;                 /* comments, PIs, scripts */
        } else if (name_is(n, "br") || is_block(n)) {
            norm_break(&h->cell);
        }
    } while (walk_next(&w, descend));
}

/* Emit a statistics table: first whatever text it holds outside cells (its
 * <caption>, and stray text, which browsers render above the table) as prose,
 * then its rows. */
static void table_emit(struct hx *h, xmlNode *table)
{
    struct walk w;
    bool descend;

    walk_start(&w, table);
    do {
        xmlNode *n = w.cur;
        descend = true;
        if (n == table) continue;
        if (is_text(n)) {
            if (!w.leaving) flow_text(h, n);
        } else if (n->type != XML_ELEMENT_NODE || is_skipped(n) || is_cell(n) || name_is(n, "table")) {
            descend = false;
        } else if (name_is(n, "br") || is_block(n)) {
            flow_flush(h);
            if (!w.leaving && name_is(n, "caption")) h->blk_line = line_of(n);
        }
    } while (walk_next(&w, descend));
    flow_flush(h);

    /* Rows. A <tr> opens a row and its end closes it; cells outside any <tr>
     * (the parser keeps what it is given) form one implicit row until the
     * next <tr> or the end of the table. */
    const xmlNode *row = NULL;   /* the open row's <tr>, or table for an implicit row */
    long row_line = 0;
    walk_start(&w, table);
    do {
        xmlNode *n = w.cur;
        descend = true;
        if (n == table) continue;
        if (n->type != XML_ELEMENT_NODE || is_skipped(n) || name_is(n, "caption") ||
            name_is(n, "table")) {
            descend = false;
        } else if (name_is(n, "tr")) {
            if (!w.leaving) {
                if (row) ts_row_end(h->ts, row_line);
                row = n;
                row_line = line_of(n);
            } else if (row == n) {
                ts_row_end(h->ts, row_line);
                row = NULL;
            }
        } else if (is_cell(n)) {
            descend = false;
            if (!w.leaving) {
                if (!row) {
                    row = table;
                    row_line = line_of(n);
                }
                cell_text(h, n);
                /* Empty cells too: in_table=true makes them empty TK_CELLs. */
                ts_push_auto(h->ts, h->cellbuf.s ? h->cellbuf.s : "", h->cellbuf.len, line_of(n), true);
            }
        }
    } while (walk_next(&w, descend));
    if (row) ts_row_end(h->ts, row_line);
}

/* ==== document ==== */

static xmlNode *find_title(xmlDoc *doc)
{
    struct walk w;
    walk_start(&w, (xmlNode *)doc);
    do {
        if (!w.leaving && name_is(w.cur, "title")) return w.cur;
    } while (walk_next(&w, true));
    return NULL;
}

static void flow_walk(struct hx *h, xmlDoc *doc)
{
    struct walk w;
    bool descend;
    walk_start(&w, (xmlNode *)doc);
    do {
        xmlNode *n = w.cur;
        descend = true;
        if (is_text(n)) {
            if (!w.leaving) flow_text(h, n);
            continue;
        }
        if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) continue;
        if (n->type != XML_ELEMENT_NODE || is_skipped(n) || n == h->title) {
            descend = false;                 /* comments, PIs, DTD, the title done first */
            continue;
        }
        if (name_is(n, "table") && is_data_table(h, n)) {
            descend = false;
            if (!w.leaving) {
                flow_flush(h);
                table_emit(h, n);
            }
        } else if (name_is(n, "br")) {
            flow_flush(h);                   /* <br>-separated segments are blocks */
        } else if (is_block(n)) {
            flow_flush(h);
            if (!w.leaving) h->blk_line = line_of(n);
        }
    } while (walk_next(&w, descend));
    flow_flush(h);
}

/* libxml2 stops building the tree at depth 256 (see the top of this file): a
 * document that reaches it lost what was nested deeper. Returns the first node
 * at that depth, or NULL. Iterative, like every walk here. */
#define HTML_DEPTH_LIMIT 255
static xmlNode *depth_cut(xmlDoc *doc)
{
    xmlNode *root = (xmlNode *)doc, *n = root;
    int depth = 0;
    while (n) {
        if (n->children) {
            n = n->children;
            if (++depth >= HTML_DEPTH_LIMIT) return n;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            depth--;
        }
        n = n == root ? NULL : n->next;
    }
    return NULL;
}

int html_lex(const char *s, size_t n, const char *path, struct tokstream *ts,
             strbuf *prose_buf, struct line_view **prose, size_t *nprose, struct diag *d)
{
    *prose = NULL;
    *nprose = 0;
    /* The input is already UTF-8: the explicit encoding makes libxml2 ignore
     * <meta charset=gb2312> declarations (checked by the unit tests). */
    htmlDocPtr doc = NULL;
    if (s && n <= INT_MAX)
        doc = htmlReadMemory(s, (int)n, NULL, "UTF-8",
                             HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    if (!doc) {
        diag_add(d, DIAG_ERROR, path, 0, "cannot parse HTML");
        return -1;
    }
    xmlNode *cut = depth_cut(doc);
    if (cut)
        diag_add(d, DIAG_ERROR, path, xmlGetLineNo(cut),
                 "HTML nested more than %d elements deep: what lies deeper was not read", HTML_DEPTH_LIMIT);

    struct hx h;
    memset(&h, 0, sizeof h);
    h.ts = ts;
    h.prose_buf = prose_buf;
    sb_init(&h.blkbuf);
    sb_init(&h.cellbuf);
    h.blk.out = &h.blkbuf;
    h.cell.out = &h.cellbuf;
    norm_reset(&h.blk);
    norm_reset(&h.cell);

    classify_tables(&h, doc);

    /* The <title> first: report titles name the body and the year. */
    xmlNode *title = find_title(doc);
    if (title) {
        h.title = title;
        cell_text(&h, title);
        if (h.cellbuf.len) {
            sb_append(&h.blkbuf, h.cellbuf.s, h.cellbuf.len);
            h.blk_line = line_of(title);
            flow_flush(&h);
        }
    }
    flow_walk(&h, doc);

    /* Only now, with prose_buf final, turn offsets into views. */
    if (h.npl) {
        struct line_view *lv = xmalloc(h.npl * sizeof *lv);
        for (size_t i = 0; i < h.npl; i++)
            lv[i] = (struct line_view){ prose_buf->s + h.pl[i].off, h.pl[i].n, h.pl[i].line };
        *prose = lv;
        *nprose = h.npl;
    }

    free(h.pl);
    free(h.tab);
    sb_free(&h.blkbuf);
    sb_free(&h.cellbuf);
    xmlFreeDoc(doc);
    return 0;
}
