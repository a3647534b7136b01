/* diag.h - diagnostics collected by modules, printed by main.
 *
 * Modules never print or exit: they add messages to a struct diag, which
 * the caller flushes (in input order, even when files are parsed in
 * parallel). Every message is formatted once, as
 *     ogistat: FILE:LINE: message '<quoted input>'
 * (FILE and LINE omitted when unknown: "ogistat: FILE: msg", "ogistat: msg").
 */
#ifndef OGISTAT_DIAG_H
#define OGISTAT_DIAG_H

#include <stdio.h>

enum diag_level { DIAG_NOTE, DIAG_WARN, DIAG_ERROR };

struct diag_msg {
    enum diag_level level;
    char *text;                /* full formatted line, without trailing newline */
};

struct diag {
    struct diag_msg *v;
    size_t n, cap;
    enum diag_level worst;     /* highest level added; DIAG_NOTE when empty */
};

void diag_init(struct diag *d);
void diag_free(struct diag *d);     /* frees messages, not d itself; accepts NULL */
/* file may be NULL; line <= 0 means "no line". */
void diag_add(struct diag *d, enum diag_level lvl, const char *file, long line,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Remove messages [from, to) (a reader's notes that a later reader made moot). */
void diag_drop(struct diag *d, size_t from, size_t to);
/* Write every message, one per line, then empty d. Returns 0, or -1 on write error. */
int diag_flush(struct diag *d, FILE *fp);
/* Append a quoted, length-limited, single-line rendering of untrusted input
 * (at most max bytes, cut at a UTF-8 boundary, newlines shown as \n) to buf of size sz. */
void diag_quote(char *buf, size_t sz, const char *s, size_t n, size_t max);

#endif
