/* lex.h - every input layout becomes one stream of tokens.
 *
 * Pipe rows, markdown tables, one-cell-per-line text, column-aligned
 * `pdftotext -layout` text and HTML tables (read from the DOM) are all
 * turned into the same stream, so the table extractor is written once:
 *   TK_TEXT     a piece of label or prose text (one cell of a structured row,
 *               or one whitespace-separated chunk of a plain line)
 *   TK_CELL     a value-like cell: a number, an empty cell (structured rows
 *               only), or an NA mark ("/", "-", "—")
 *   TK_ROW_END  end of a structured table row (pipe, markdown, HTML <tr>);
 *               plain-line layouts have none (labels may wrap across lines)
 * Token text lives in the stream's arena: use tok_text().
 */
#ifndef OGISTAT_LEX_H
#define OGISTAT_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include "ogistat/util.h"
#include "ogistat/diag.h"

enum tok_kind { TK_TEXT, TK_CELL, TK_ROW_END };

struct token {
    enum tok_kind kind;
    size_t off, len;      /* text in ts->arena */
    long line;            /* 1-based line in the decoded input (HTML: line of the <td>/<th> or element) */
    bool in_table;        /* inside a structured table row */
};

struct tokstream {
    struct token *v;
    size_t n, cap;
    strbuf arena;
};

/* A line of prose for the text-figure extractor: borrowed view. */
struct line_view {
    const char *s;
    size_t n;
    long line;
};

void ts_init(struct tokstream *ts);
void ts_free(struct tokstream *ts);
/* Append a token; text is copied into the arena (trimmed of ASCII/ideographic spaces
 * and NBSP at both ends). kind TK_TEXT/TK_CELL is decided by the caller or by ts_push_auto. */
void ts_push(struct tokstream *ts, enum tok_kind kind, const char *s, size_t n, long line, bool in_table);
/* Classify s as TK_CELL (value-like: number with optional unit, empty when
 * in_table, NA mark) or TK_TEXT, then push. */
void ts_push_auto(struct tokstream *ts, const char *s, size_t n, long line, bool in_table);
void ts_row_end(struct tokstream *ts, long line);
static inline const char *tok_text(const struct tokstream *ts, const struct token *t)
{
    return ts->arena.s + t->off;
}

/* Lex decoded plain text (txt/md/pdftotext output). */
void lex_text(const char *s, size_t n, struct tokstream *ts);

/* Parse HTML with libxml2's HTML parser (the only module that includes libxml2):
 * tables become structured rows read from the DOM, honouring rowspan/colspan
 * (a spanned cell is emitted once, at its top-left position; grid positions it
 * covers in later rows are skipped, as in the printed table); text outside tables
 * becomes TK_TEXT tokens (in_table=false), one per block element, and is also
 * appended to *prose (one line_view per block, pointing into *prose_buf).
 * prose_buf is appended to ('\n' between lines); *prose is malloc'd (caller
 * frees; NULL when there is no prose) and valid while prose_buf is unchanged.
 * The <title> is the first prose line. Tables holding other tables, and
 * tables of fewer than two cells, are page layout: their text is prose.
 * Returns 0, or -1 if the document cannot be parsed at all (message in d). */
int html_lex(const char *s, size_t n, const char *path, struct tokstream *ts,
             strbuf *prose_buf, struct line_view **prose, size_t *nprose, struct diag *d);
/* libxml2's global parser state: main() calls html_init() once before any
 * thread may call html_lex(), and html_fini() (optional) only after every
 * such thread has finished. html_lex() is then safe to run concurrently. */
void html_init(void);
void html_fini(void);

#endif
