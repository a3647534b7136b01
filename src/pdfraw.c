/* pdfraw.c - the tables of plain `pdftotext` output (see pdfraw.h).
 *
 * The text of a table section is reduced to its values, in text order, each
 * one alone on its line, grouped two ways:
 *   runs      values on consecutive lines: one pdftotext block, i.e. one
 *             column of one or more rows (a single-cell block is a run of 1);
 *   pieces    values between two text tokens (labels, page numbers).
 * A band is `ncols` consecutive runs of the same length k: k rows of the
 * table, read down each column. Bands must tile exactly the rows the form
 * has. Only the order of values within a run and of runs within the text is
 * trusted; labels are used to know which rows a 表二 sub-table prints and
 * whether 表三 has the three R21 sub-rows of （六）其他处理, never to place a
 * value. The form's identities decide whether a reading is kept.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/pdfraw.h"
#include "ogistat/numparse.h"
#include "ogistat/registry.h"
#include "ogistat/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADING_MAX 90          /* bytes: a section heading is a short line, prose lines are longer */
#define MAX_VALS 256            /* values of one section; the largest, 表三, has 7 x 25 */
#define T3_NCOLS 7
#define T3_MAXROWS 25
#define T2_MAXROWS 4            /* rows of one 第二十条 sub-table (the form has at most 2) */
#define T2_MAXCOLS 3            /* columns of a 表二 row */
#define T4_NVALS 15
#define T4_MAXPIECES 8          /* 表四 pieces whose orders are tried (8! orders) */
#define MAX_SQUARE 4            /* 7x7 bands of 表三 whose two orientations are tried */
#define DETECT_MIN_LONE 14      /* values alone on their line: two rows of 表三 at least ... */
#define DETECT_MIN_APART 6      /* ... and as many blocks apart as one row or band of 表三 has */

/* ==== the form ==== */

static const char *const HEAD_T2[] = { "第二十条", NULL };
static const char *const HEAD_T3[] = { "收到和处理政府信息公开申请", NULL };
static const char *const HEAD_T4[] = { "行政复议", NULL };
static const char *const HEAD_END[] = { "存在的主要问题", "其他需要报告的事项", NULL };
/* the R21 sub-rows of （六）其他处理, as their labels read in 表三's text */
static const char *const OTHER_SPLIT_WORDS[] = { "逾期不补正", "逾期未按收费通知", NULL };
/* an org subtotal column or subtotal rows: not in the form, not read here */
static const char *const SUBTOTAL_WORDS[] = { "小计", "合计", NULL };
/* the header of a total column, the only text allowed inside 表四's values */
static const char *const TOTAL_WORDS[] = { "总计", "合计", NULL };

/* What each row of 表三 is to the identities (DOMAIN §3.1). */
enum t3_role {
    T3_OUTCOME = 0,             /* an outcome row, summed by N2 (every row not listed below) */
    T3_INFLOW,                  /* left side of N1 */
    T3_TOTAL,                   /* （七）总计 */
    T3_CARRY_OUT,               /* 四、结转下年度继续办理 */
    T3_GROUP,                   /* （三）（四）（五） group headers: no cells in the form */
    T3_OTHER_ONE,               /* （六）其他处理 as one data row (R19; some R21 reports keep it) */
    T3_OTHER_SPLIT,             /* its three R21 sub-rows */
};

static const unsigned char T3_ROLE[M__COUNT] = {
    [M_REQ_NEW] = T3_INFLOW,
    [M_REQ_CARRY_IN] = T3_INFLOW,
    [M_RES_TOTAL] = T3_TOTAL,
    [M_REQ_CARRY_OUT] = T3_CARRY_OUT,
    [M_RES_DENIED_TOTAL] = T3_GROUP,
    [M_RES_UNABLE_TOTAL] = T3_GROUP,
    [M_RES_NOPROC_TOTAL] = T3_GROUP,
    [M_RES_OTHER_TOTAL] = T3_OTHER_ONE,
    [M_RES_OTHER_NO_CORRECTION] = T3_OTHER_SPLIT,
    [M_RES_OTHER_NO_FEE] = T3_OTHER_SPLIT,
    [M_RES_OTHER_MISC] = T3_OTHER_SPLIT,
};

/* The data rows of 表三 in printed order, with one or three rows of （六）. */
static size_t t3_rows(bool split, int *metrics)
{
    size_t n = 0;
    for (size_t i = 0; i < EXTRACT_N_T3; i++) {
        int m = EXTRACT_T3_ROWS[i];
        enum t3_role role = (enum t3_role)T3_ROLE[m];
        if (role == T3_GROUP || role == (split ? T3_OTHER_ONE : T3_OTHER_SPLIT)) continue;
        metrics[n++] = m;
    }
    return n;
}

/* ==== sections and values ==== */

struct span {
    size_t lo, hi;              /* token indices [lo, hi) */
};

struct sections {
    struct span t2, t3, t4;
};

static bool is_heading(const struct tokstream *ts, size_t i, const char *const *words)
{
    const struct token *t = &ts->v[i];
    return t->kind == TK_TEXT && t->len <= HEADING_MAX && str_contains_any(tok_text(ts, t), words);
}

static size_t find_heading(const struct tokstream *ts, size_t from, size_t to, const char *const *words)
{
    for (size_t i = from; i < to; i++)
        if (is_heading(ts, i, words)) return i;
    return to;
}

/* 表二 from its first 第二十条 heading, 表三 after its heading, 表四 after its
 * heading up to the next section. False if there is no 表三 heading. */
static bool find_sections(const struct tokstream *ts, struct sections *s)
{
    size_t n = ts->n;
    size_t h3 = find_heading(ts, 0, n, HEAD_T3);
    if (h3 == n) return false;
    size_t h2 = find_heading(ts, 0, h3, HEAD_T2);
    size_t h4 = find_heading(ts, h3 + 1, n, HEAD_T4);
    size_t end = find_heading(ts, h4 < n ? h4 + 1 : h3 + 1, n, HEAD_END);
    s->t2 = (struct span){ .lo = h2, .hi = h3 };
    s->t3 = (struct span){ .lo = h3 + 1, .hi = h4 < end ? h4 : end };
    s->t4 = (struct span){ .lo = h4 < end ? h4 + 1 : end, .hi = end };
    return true;
}

/* The text tokens of a span, joined (pdftotext's spaces are gone with the split). */
static void span_text(const struct tokstream *ts, struct span sp, strbuf *b)
{
    sb_init(b);
    for (size_t i = sp.lo; i < sp.hi; i++)
        if (ts->v[i].kind == TK_TEXT) sb_append(b, tok_text(ts, &ts->v[i]), ts->v[i].len);
    if (!b->s) sb_putc(b, '\0');
}

struct vals {
    size_t n;
    size_t tok[MAX_VALS];       /* token index of each value, in text order */
    size_t run[MAX_VALS];       /* its run (block of consecutive lines) */
    size_t piece[MAX_VALS];     /* its piece (values between two text tokens) */
    size_t nrun, npiece;
};

static bool alone(const struct tokstream *ts, size_t i)
{
    long l = ts->v[i].line;
    return (i == 0 || ts->v[i - 1].line != l) && (i + 1 >= ts->n || ts->v[i + 1].line != l);
}

/* Page numbers printed with marks around the number, on a line of their own
 * ("- 3 -", "— 3 —", "第 3 页"; "-3-" is a single text token already). */
static const struct { const char *before, *after; } PAGE_MARKS[] = {
    { .before = "-", .after = "-" },
    { .before = "—", .after = "—" },
    { .before = "－", .after = "－" },
    { .before = "第", .after = "页" },
};

static bool page_number(const struct tokstream *ts, size_t i)
{
    if (i == 0 || i + 1 >= ts->n) return false;
    const struct token *a = &ts->v[i - 1], *t = &ts->v[i], *b = &ts->v[i + 1];
    if (a->line != t->line || b->line != t->line) return false;
    if ((i >= 2 && ts->v[i - 2].line == t->line) || (i + 2 < ts->n && ts->v[i + 2].line == t->line)) return false;
    for (size_t k = 0; k < ARRAY_LEN(PAGE_MARKS); k++)
        if (strcmp(tok_text(ts, a), PAGE_MARKS[k].before) == 0 && strcmp(tok_text(ts, b), PAGE_MARKS[k].after) == 0)
            return true;
    return false;
}

/* The values of span sp. False when a value shares its line with another token
 * (not this layout) or there are more than a table holds. */
static bool collect(const struct tokstream *ts, struct span sp, struct vals *v)
{
    v->n = v->nrun = v->npiece = 0;
    bool text_since = true;
    long prev = 0;
    for (size_t i = sp.lo; i < sp.hi; i++) {
        const struct token *t = &ts->v[i];
        if (t->kind != TK_CELL || page_number(ts, i) || (i > 0 && page_number(ts, i - 1)) ||
            (i + 1 < ts->n && page_number(ts, i + 1))) {
            text_since = true;       /* text, or a page number and its marks */
            continue;
        }
        if (!alone(ts, i) || v->n == MAX_VALS) return false;
        if (text_since) v->npiece++;
        if (text_since || t->line != prev + 1) v->nrun++;
        v->tok[v->n] = i;
        v->run[v->n] = v->nrun - 1;
        v->piece[v->n] = v->npiece - 1;
        v->n++;
        text_since = false;
        prev = t->line;
    }
    return true;
}

struct band {
    size_t row, k;              /* first row, rows */
};

/* Every ncols consecutive runs of equal length k are k rows, read down each
 * column. Fills grid (ncols indices into v per row) and bands; returns the
 * number of rows, or 0 when the runs do not tile or give more than maxrows. */
static size_t tile(const struct vals *v, size_t ncols, size_t maxrows, size_t *grid, struct band *bands,
                   size_t *nbands)
{
    size_t start[MAX_VALS], len[MAX_VALS], nr = 0;
    for (size_t i = 0; i < v->n; i++) {
        if (i == 0 || v->run[i] != v->run[i - 1]) {
            start[nr] = i;
            len[nr++] = 0;
        }
        len[nr - 1]++;
    }
    size_t rows = 0;
    *nbands = 0;
    if (ncols == 0 || nr == 0) return 0;
    for (size_t b = 0; b < nr; b += ncols) {
        if (b + ncols > nr) return 0;
        size_t k = len[b];
        for (size_t j = 1; j < ncols; j++)
            if (len[b + j] != k) return 0;
        if (rows + k > maxrows) return 0;
        for (size_t j = 0; j < ncols; j++)
            for (size_t t = 0; t < k; t++) grid[(rows + t) * ncols + j] = start[b + j] + t;
        bands[(*nbands)++] = (struct band){ .row = rows, .k = k };
        rows += k;
    }
    return rows;
}

/* A plain count ("0", "21", "无"): the only values the identities can check. */
static bool count_of(const struct tokstream *ts, size_t tok, int64_t *out)
{
    const struct token *t = &ts->v[tok];
    struct numval nv;
    if (num_parse_cell(tok_text(ts, t), t->len, false, &nv) != CELL_VALUE) return false;
    if (nv.is_ratio || nv.scale != 0 || nv.q != Q_EXACT) return false;
    if (nv.unit[0] && strcmp(nv.unit, "件") != 0) return false;
    *out = nv.mant;
    return true;
}

/* A note on a table left out, quoting its first values. */
static void note(struct report *r, const struct tokstream *ts, const struct vals *v, const char *msg)
{
    strbuf b;
    sb_init(&b);
    for (size_t i = 0; i < v->n && i < 16; i++) {
        const struct token *t = &ts->v[v->tok[i]];
        if (i) sb_putc(&b, ' ');
        sb_append(&b, tok_text(ts, t), t->len);
    }
    char q[96];
    diag_quote(q, sizeof q, b.s ? b.s : "", b.len, 80);
    sb_free(&b);
    diag_add(&r->diag, DIAG_NOTE, r->path, v->n ? ts->v[v->tok[0]].line : 0, "%s '%s'", msg, q);
}

/* ==== 表二: one 第二十条 sub-table at a time ==== */

static size_t read_t2_part(struct report *r, const struct tokstream *ts, struct span sp, enum regime ver,
                           struct extract_info *info)
{
    const int *rows[T2_MAXROWS];
    size_t nrows = 0;
    int ncols = -1;
    char msg[160];
    struct vals v;
    bool ok = collect(ts, sp, &v);
    for (size_t i = sp.lo; i < sp.hi; i++) {
        if (ts->v[i].kind != TK_TEXT) continue;
        const int *cols;
        int k = extract_t2_row(tok_text(ts, &ts->v[i]), ts->v[i].len, ver, &cols);
        if (k < 0) continue;
        bool dup = false;
        for (size_t j = 0; j < nrows; j++) dup |= rows[j] == cols;
        if (k == 0 || k > T2_MAXCOLS || (ncols >= 0 && k != ncols) || dup || nrows == T2_MAXROWS) {
            snprintf(msg, sizeof msg, "表二 (pdf-raw): row labels that do not make one %s sub-table, left out",
                     regime_name(ver));
            note(r, ts, &v, msg);
            return 0;
        }
        ncols = k;
        rows[nrows++] = cols;
    }
    if (nrows == 0) {           /* prose that names 第二十条, or a label not recognised */
        if (ok && v.n) note(r, ts, &v, "表二 (pdf-raw): values without a row label of the form, left out");
        return 0;
    }
    if (!ok || v.n == 0) {
        if (!ok) note(r, ts, &v, "表二 (pdf-raw): a value shares its line, left out");
        return 0;
    }
    size_t grid[T2_MAXROWS * T2_MAXCOLS];
    struct band bands[T2_MAXROWS];
    size_t nb, want = nrows * (size_t)ncols;
    if (v.n != want || tile(&v, (size_t)ncols, nrows, grid, bands, &nb) != nrows) {
        snprintf(msg, sizeof msg, "表二 (pdf-raw): %zu values for %zu rows of %d, or not in row or column blocks, left out",
                 v.n, nrows, ncols);
        note(r, ts, &v, msg);
        return 0;
    }
    for (size_t b = 0; b < nb; b++)
        if (ncols > 1 && bands[b].k == (size_t)ncols) {
            note(r, ts, &v, "表二 (pdf-raw): a square block may be read along rows or columns, left out");
            return 0;
        }
    strbuf head;
    span_text(ts, sp, &head);
    for (size_t i = 0; i < want; i++) {
        int metric = rows[i / (size_t)ncols][i % (size_t)ncols];
        extract_put_cell(r, ts, metric, AP_NONE, &ts->v[v.tok[grid[i]]], extract_t2_factor(metric, head.s));
    }
    sb_free(&head);
    info->t2_found = true;
    if (info->t2_version == RG_NONE) info->t2_version = ver;
    return want;
}

static size_t read_t2(struct report *r, const struct tokstream *ts, struct span sp, struct extract_info *info)
{
    if (sp.lo >= sp.hi) return 0;
    strbuf all;
    span_text(ts, sp, &all);
    enum regime ver = extract_t2_version(all.s);
    sb_free(&all);
    if (ver == RG_NONE) ver = info->doc_regime == RG_R19 ? RG_R19 : RG_R21;
    size_t stored = 0;
    for (size_t a = sp.lo; a < sp.hi;) {
        size_t b = find_heading(ts, a + 1, sp.hi, HEAD_T2);
        stored += read_t2_part(r, ts, (struct span){ .lo = a, .hi = b }, ver, info);
        a = b;
    }
    return stored;
}

/* ==== 表三 ==== */

/* N4 in every row, N1 and N2 in every column. On failure, why says which. */
static bool t3_holds(const int64_t *val, const int *metrics, size_t nrows, char *why, size_t wsz)
{
    for (size_t i = 0; i < nrows; i++) {
        int64_t sum = 0;
        for (size_t c = 0; c + 1 < T3_NCOLS; c++) sum += val[i * T3_NCOLS + c];
        if (sum != val[i * T3_NCOLS + T3_NCOLS - 1]) {
            snprintf(why, wsz, "N4 fails in row %s", REG_METRICS[metrics[i]].id);
            return false;
        }
    }
    for (size_t c = 0; c < T3_NCOLS; c++) {
        int64_t in = 0, total = 0, out = 0, outcomes = 0;
        for (size_t i = 0; i < nrows; i++) {
            int64_t x = val[i * T3_NCOLS + c];
            switch ((enum t3_role)T3_ROLE[metrics[i]]) {
            case T3_INFLOW: in += x; break;
            case T3_TOTAL: total += x; break;
            case T3_CARRY_OUT: out += x; break;
            case T3_OUTCOME:
            case T3_OTHER_ONE:
            case T3_OTHER_SPLIT: outcomes += x; break;
            case T3_GROUP: break;
            }
        }
        const char *ap = REG_APPLICANTS[EXTRACT_T3_COLS[c]].code;
        if (in != total + out) {
            snprintf(why, wsz, "N1 fails in column %s", ap);
            return false;
        }
        if (total != outcomes) {
            snprintf(why, wsz, "N2 fails in column %s", ap);
            return false;
        }
    }
    return true;
}

static size_t read_t3(struct report *r, const struct tokstream *ts, struct span sp, struct extract_info *info)
{
    struct vals v;
    char msg[200], why[120] = "";
    if (!collect(ts, sp, &v)) {
        note(r, ts, &v, "表三 (pdf-raw): a value shares its line with other text, left out");
        return 0;
    }
    if (v.n == 0) return 0;
    strbuf text;
    span_text(ts, sp, &text);
    bool split = str_contains_any(text.s, OTHER_SPLIT_WORDS);
    bool subtotal = str_contains_any(text.s, SUBTOTAL_WORDS);
    sb_free(&text);
    if (subtotal) {
        note(r, ts, &v, "表三 (pdf-raw): a subtotal column or row (小计/合计) is not read, left out");
        return 0;
    }
    int metrics[T3_MAXROWS];
    size_t nrows = t3_rows(split, metrics);
    size_t grid[T3_MAXROWS * T3_NCOLS];
    struct band bands[T3_MAXROWS];
    size_t nb;
    if (tile(&v, T3_NCOLS, T3_MAXROWS, grid, bands, &nb) != nrows) {
        snprintf(msg, sizeof msg,
                 "表三 (pdf-raw): %zu values in %zu blocks do not make the form's %zu rows of 7 (%s （六）其他处理), left out",
                 v.n, v.nrun, nrows, split ? "three rows of" : "one row of");
        note(r, ts, &v, msg);
        return 0;
    }
    int64_t val[MAX_VALS];      /* by value index, as grid holds them */
    for (size_t i = 0; i < v.n; i++)
        if (!count_of(ts, v.tok[i], &val[i])) {
            note(r, ts, &v, "表三 (pdf-raw): a value that is not a count, identities uncheckable, left out");
            return 0;
        }
    /* a band of 7 blocks of 7 reads the same down columns or along rows: try both */
    size_t square[MAX_SQUARE], nsq = 0;
    for (size_t b = 0; b < nb; b++)
        if (bands[b].k == T3_NCOLS) {
            if (nsq == MAX_SQUARE) {
                note(r, ts, &v, "表三 (pdf-raw): too many square blocks, left out");
                return 0;
            }
            square[nsq++] = b;
        }
    size_t chosen[T3_MAXROWS * T3_NCOLS], g[T3_MAXROWS * T3_NCOLS];
    int64_t first[T3_MAXROWS * T3_NCOLS], x[T3_MAXROWS * T3_NCOLS];
    size_t npass = 0, ncells = nrows * T3_NCOLS;
    bool differ = false;
    for (unsigned mask = 0; mask < (1u << nsq); mask++) {
        memcpy(g, grid, ncells * sizeof *g);
        for (size_t s = 0; s < nsq; s++) {
            if (!(mask & (1u << s))) continue;
            size_t r0 = bands[square[s]].row;
            for (size_t i = 0; i < T3_NCOLS; i++)
                for (size_t j = 0; j < T3_NCOLS; j++) g[(r0 + i) * T3_NCOLS + j] = grid[(r0 + j) * T3_NCOLS + i];
        }
        for (size_t i = 0; i < ncells; i++) x[i] = val[g[i]];
        char scratch[sizeof why];   /* why the first (as printed) reading fails is the one told */
        if (!t3_holds(x, metrics, nrows, mask ? scratch : why, sizeof why)) continue;
        if (npass == 0) {
            memcpy(chosen, g, ncells * sizeof *g);
            memcpy(first, x, ncells * sizeof *x);
        } else if (memcmp(first, x, ncells * sizeof *x) != 0) {
            differ = true;
        }
        npass++;
    }
    if (npass == 0 || differ) {
        snprintf(msg, sizeof msg, "表三 (pdf-raw): %s, left out",
                 differ ? "a square block reads consistently both ways" : why);
        note(r, ts, &v, msg);
        return 0;
    }
    for (size_t i = 0; i < ncells; i++)
        extract_put_cell(r, ts, metrics[i / T3_NCOLS], EXTRACT_T3_COLS[i % T3_NCOLS], &ts->v[v.tok[chosen[i]]], 1);
    info->t3_found = true;
    info->other_split = split;
    return ncells;
}

/* ==== 表四 ==== */

/* Orders of 表四's pieces that satisfy N5: how many, and whether they disagree. */
struct orders {
    const int64_t *val;
    size_t start[T4_MAXPIECES], len[T4_MAXPIECES], npiece;
    int64_t first[T4_NVALS];
    size_t npass;
    bool differ;
};

static void try_orders(struct orders *o, size_t *order, size_t depth, unsigned used)
{
    if (depth == o->npiece) {
        int64_t x[T4_NVALS];
        size_t k = 0;
        for (size_t i = 0; i < o->npiece; i++)
            for (size_t j = 0; j < o->len[order[i]]; j++) x[k++] = o->val[o->start[order[i]] + j];
        if (!extract_t4_n5(x)) return;
        if (o->npass == 0) memcpy(o->first, x, sizeof x);
        else if (memcmp(o->first, x, sizeof x) != 0) o->differ = true;
        o->npass++;
        return;
    }
    for (size_t p = 0; p < o->npiece; p++) {
        if (used & (1u << p)) continue;
        order[depth] = p;
        try_orders(o, order, depth + 1, used | (1u << p));
    }
}

/* Is the text between two tokens only the header of a total column? */
static bool only_total_header(const struct tokstream *ts, size_t lo, size_t hi)
{
    strbuf b;
    sb_init(&b);
    for (size_t i = lo; i < hi; i++) sb_append(&b, tok_text(ts, &ts->v[i]), ts->v[i].len);
    bool ok = false;
    for (const char *const *w = TOTAL_WORDS; *w && b.s; w++) ok |= strcmp(b.s, *w) == 0;
    sb_free(&b);
    return ok;
}

static size_t read_t4(struct report *r, const struct tokstream *ts, struct span sp, struct extract_info *info)
{
    struct vals v;
    char msg[200];
    if (!collect(ts, sp, &v)) {
        note(r, ts, &v, "表四 (pdf-raw): a value shares its line with other text, left out");
        return 0;
    }
    if (v.n == 0) return 0;
    if (v.n != T4_NVALS || v.nrun != v.n || v.npiece > T4_MAXPIECES) {
        snprintf(msg, sizeof msg, "表四 (pdf-raw): %zu values in %zu blocks where 15 single cells were expected, left out",
                 v.n, v.nrun);
        note(r, ts, &v, msg);
        return 0;
    }
    int64_t val[T4_NVALS];
    for (size_t i = 0; i < T4_NVALS; i++)
        if (!count_of(ts, v.tok[i], &val[i])) {
            note(r, ts, &v, "表四 (pdf-raw): a value that is not a count, left out");
            return 0;
        }
    struct orders o = { .val = val, .npiece = v.npiece };
    for (size_t i = 0; i < T4_NVALS; i++) {
        if (i == 0 || v.piece[i] != v.piece[i - 1]) o.start[v.piece[i]] = i;
        o.len[v.piece[i]]++;
    }
    size_t order[T4_MAXPIECES];
    try_orders(&o, order, 0, 0);
    /* one piece, or the last cell alone after its own column header (a total
     * column read after the rest of the row): the text keeps the row's order */
    bool in_order = v.npiece == 1 ||
                    (v.npiece == 2 && o.len[1] == 1 && only_total_header(ts, v.tok[T4_NVALS - 2] + 1, v.tok[T4_NVALS - 1]));
    bool keep;
    if (extract_t4_n5(val)) {
        keep = !o.differ;
        if (!keep) note(r, ts, &v, "表四 (pdf-raw): its pieces add up (N5) in more than one order, left out");
    } else {
        keep = o.npass == 0 && in_order;
        if (keep)
            note(r, ts, &v, "表四 (pdf-raw): the printed values do not add up (N5), recorded as printed");
        else
            note(r, ts, &v, "表四 (pdf-raw): values out of the form's order (N5 fails as printed), left out");
    }
    if (!keep) return 0;
    for (size_t i = 0; i < T4_NVALS; i++) extract_put_cell(r, ts, EXTRACT_T4_COLS[i], AP_NONE, &ts->v[v.tok[i]], 1);
    info->t4_found = true;
    return T4_NVALS;
}

/* ==== entry points ==== */

bool pdfraw_detect(const struct tokstream *ts)
{
    size_t values = 0, lone = 0, apart = 0;
    for (size_t i = 0; i < ts->n; i++) {
        const struct token *t = &ts->v[i];
        if (t->in_table) return false;
        if (t->kind != TK_CELL) continue;
        values++;
        if (!alone(ts, i)) continue;
        lone++;
        /* the value before it, with only blank lines between: another block */
        if (i > 0 && ts->v[i - 1].kind == TK_CELL && alone(ts, i - 1) && t->line - ts->v[i - 1].line >= 2) apart++;
    }
    return lone >= DETECT_MIN_LONE && 2 * lone >= values && apart >= DETECT_MIN_APART;
}

size_t pdfraw_extract(struct report *r, const struct tokstream *ts, struct extract_info *info)
{
    info->t2_found = info->t3_found = info->t4_found = info->other_split = false;
    info->t2_version = RG_NONE;
    struct sections s;
    if (!find_sections(ts, &s)) return 0;
    size_t n = read_t2(r, ts, s.t2, info);
    n += read_t3(r, ts, s.t3, info);
    n += read_t4(r, ts, s.t4, info);
    return n;
}
