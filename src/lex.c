/* lex.c - plain-text layouts to the token stream (see lex.h).
 *
 * A line with table pipes ("a | b | c", markdown "| a | b |") is a
 * structured row: its cells become tokens and the row ends with TK_ROW_END,
 * so an empty cell is a BLANK value. One-cell-per-line dumps mark an empty
 * cell too: a line of NBSP only ("&nbsp;"), or nothing between two lines
 * that hold a lone "|" (the cell separators of such a dump); both become an
 * empty TK_CELL. Any other line (one cell per line,
 * `pdftotext -layout` columns, prose) is split on runs of white space; such
 * lines carry no row boundaries because labels wrap across lines there.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/lex.h"
#include "ogistat/numparse.h"

#include <stdlib.h>
#include <string.h>

void ts_init(struct tokstream *ts)
{
    ts->v = NULL;
    ts->n = ts->cap = 0;
    sb_init(&ts->arena);
}

void ts_free(struct tokstream *ts)
{
    if (!ts) return;
    free(ts->v);
    sb_free(&ts->arena);
    ts->v = NULL;
    ts->n = ts->cap = 0;
}

/* Length of a white-space character at p (ASCII space/tab/CR, U+3000, NBSP), else 0. */
static size_t space_len(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 1 && (u[0] == ' ' || u[0] == '\t' || u[0] == '\r' || u[0] == '\f' || u[0] == '\v')) return 1;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) return 2;
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) return 3;
    return 0;
}

static void trim(const char **s, size_t *n)
{
    size_t k;
    while (*n && (k = space_len(*s, *n)) > 0) { *s += k; *n -= k; }
    for (;;) {
        if (*n >= 1 && space_len(*s + *n - 1, 1)) { (*n)--; continue; }
        if (*n >= 2 && space_len(*s + *n - 2, 2) == 2) { *n -= 2; continue; }
        if (*n >= 3 && space_len(*s + *n - 3, 3) == 3) { *n -= 3; continue; }
        break;
    }
}

void ts_push(struct tokstream *ts, enum tok_kind kind, const char *s, size_t n, long line, bool in_table)
{
    trim(&s, &n);
    if (ts->n == ts->cap) {
        ts->cap = ts->cap ? 2 * ts->cap : 256;
        ts->v = xrealloc(ts->v, ts->cap * sizeof *ts->v);
    }
    struct token *t = &ts->v[ts->n++];
    t->kind = kind;
    t->off = ts->arena.len;
    t->len = n;
    t->line = line;
    t->in_table = in_table;
    sb_append(&ts->arena, s, n);
    sb_putc(&ts->arena, '\0');
}

void ts_push_auto(struct tokstream *ts, const char *s, size_t n, long line, bool in_table)
{
    trim(&s, &n);
    if (n == 0 && !in_table) return;
    struct numval v;
    enum cell_status st = num_parse_cell(s, n, true, &v);
    ts_push(ts, st == CELL_UNPARSEABLE ? TK_TEXT : TK_CELL, s, n, line, in_table);
}

void ts_row_end(struct tokstream *ts, long line)
{
    ts_push(ts, TK_ROW_END, "", 0, line, true);
}

/* ==== plain text ==== */

/* Is this a markdown separator row such as |---|:--:|? */
static bool md_separator(const char *s, size_t n)
{
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '-') dash = true;
        else if (c != '|' && c != ':' && c != ' ' && c != '\t') return false;
    }
    return dash;
}

static size_t count_pipes(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += s[i] == '|';
    return k;
}

static void lex_row(struct tokstream *ts, const char *s, size_t n, long line)
{
    trim(&s, &n);
    if (n && s[0] == '|') { s++; n--; }
    if (n && s[n - 1] == '|') n--;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '|') {
            ts_push_auto(ts, s + start, i - start, line, true);
            start = i + 1;
        }
    }
    ts_row_end(ts, line);
}

/* A chunk such as "主动公开信息数条4251516" (a flattened web dump) is split
 * into its label and its trailing digit run, so the extractor sees a value
 * token it can refuse (wrong cell count) instead of swallowing the digits
 * into the label. Only a run preceded by a non-ASCII character is split. */
static void push_chunk(struct tokstream *ts, const char *s, size_t n, long line)
{
    size_t i = n;
    while (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.')) i--;
    if (i > 0 && i < n && (unsigned char)s[i - 1] >= 0x80 && s[i] != '.') {
        ts_push_auto(ts, s, i, line, false);
        ts_push_auto(ts, s + i, n - i, line, false);
        return;
    }
    ts_push_auto(ts, s, n, line, false);
}

static void lex_plain(struct tokstream *ts, const char *s, size_t n, long line)
{
    size_t i = 0;
    while (i < n) {
        size_t k;
        while (i < n && (k = space_len(s + i, n - i)) > 0) i += k;
        size_t start = i;
        while (i < n && space_len(s + i, n - i) == 0) i++;
        if (i > start) push_chunk(ts, s + start, i - start, line);
    }
}

/* A line holding only white space of which some is NBSP: the "&nbsp;"
 * paragraph of an empty table cell in a one-cell-per-line dump. (A line of
 * U+3000 alone is paragraph indentation, not a cell.) */
static bool nbsp_only(const char *s, size_t n)
{
    bool nbsp = false;
    size_t k;
    for (size_t i = 0; i < n; i += k) {
        k = space_len(s + i, n - i);
        if (k == 0) return false;
        if (k == 2) nbsp = true;
    }
    return nbsp;
}

static bool lone_pipe(const char *s, size_t n)
{
    trim(&s, &n);
    return n == 1 && s[0] == '|';
}

void lex_text(const char *s, size_t n, struct tokstream *ts)
{
    long line = 1;
    size_t i = 0;
    bool after_pipe = false;          /* previous non-blank line was a lone "|" */
    while (i < n) {
        const char *e = memchr(s + i, '\n', n - i);
        size_t len = e ? (size_t)(e - (s + i)) : n - i;
        const char *l = s + i;
        if (len && l[len - 1] == '\r') len--;
        size_t pipes = count_pipes(l, len);
        if (lone_pipe(l, len)) {
            /* one cell per line with "|" lines between cells: two separators
             * in a row enclose an empty cell */
            if (after_pipe) ts_push(ts, TK_CELL, "", 0, line, false);
            after_pipe = true;
        } else if (pipes >= 2 || (pipes == 1 && (l[0] == '|' || l[len - 1] == '|'))) {
            if (!md_separator(l, len)) lex_row(ts, l, len, line);
            after_pipe = false;
        } else if (nbsp_only(l, len)) {
            ts_push(ts, TK_CELL, "", 0, line, false);
            after_pipe = false;
        } else {
            lex_plain(ts, l, len, line);
            if (len) after_pipe = false;
        }
        if (!e) break;
        i = (size_t)(e - s) + 1;
        line++;
    }
}
