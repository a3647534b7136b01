/* header.h - report-level fields and prose figures (DOMAIN.md §1.5, §7.1-7.2, §6.2).
 *
 * Both work on a "compact" view of the document built from the token stream:
 * text tokens of plain lines joined without spaces (so labels and sentences
 * wrapped by pdftotext or split by stray spaces read as one), value tokens of
 * plain lines set off by one space, structured table cells by '|'. Each byte
 * maps back to its input line.
 */
#ifndef OGISTAT_HEADER_H
#define OGISTAT_HEADER_H

#include "ogistat/lex.h"
#include "ogistat/record.h"

struct compact {
    strbuf text;
    size_t *line_off;      /* byte offset in text where token k starts ... */
    long *line_no;         /* ... and its input line */
    size_t nmap, capmap;
};

void compact_build(struct compact *c, const struct tokstream *ts);
void compact_free(struct compact *c);
long compact_line(const struct compact *c, size_t off);   /* input line of byte off */

/* Regime of the document's tables by content (DOMAIN §1.5); year used as a prior only
 * when content says nothing and the document has tables. */
enum regime header_regime(const struct compact *c, int year);

/* Fill r->body, r->year, r->scope from the title, the period sentence and cues.
 * lines: the document's first lines (plain text) or HTML prose blocks. */
void header_parse(struct report *r, const struct compact *c, const struct line_view *lines, size_t nlines);

/* Main figures stated only in prose (source=text): proactive-disclosure total,
 * applications received, consultations and page visits, review and litigation
 * counts, fees, capacity (prose-only reports), and explicit zero statements
 * ("未收到政府信息公开申请"); never a metric the tables already gave a cell.
 * For `check`, side figures (report_say, never records): the figure the prose
 * states for a metric whose table cell is a value (SAID_PROSE, the body's own
 * total only), and a sentence dating the body's work to the year before or
 * after the report's (SAID_YEAR). */
void prose_extract(struct report *r, const struct compact *c);

#endif
