/* diag.c - diagnostics: formatted once, collected per report, flushed by main. */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/diag.h"
#include "ogistat/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(struct diag *d)
{
    d->v = NULL;
    d->n = d->cap = 0;
    d->worst = DIAG_NOTE;
}

void diag_free(struct diag *d)
{
    if (!d) return;
    for (size_t i = 0; i < d->n; i++) free(d->v[i].text);
    free(d->v);
    diag_init(d);
}

void diag_drop(struct diag *d, size_t from, size_t to)
{
    if (to > d->n) to = d->n;
    if (from >= to) return;
    for (size_t i = from; i < to; i++) free(d->v[i].text);
    memmove(d->v + from, d->v + to, (d->n - to) * sizeof *d->v);
    d->n -= to - from;
    d->worst = DIAG_NOTE;
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].level > d->worst) d->worst = d->v[i].level;
}

void diag_add(struct diag *d, enum diag_level lvl, const char *file, long line,
              const char *fmt, ...)
{
    strbuf b;
    sb_init(&b);
    sb_puts(&b, "ogistat: ");
    if (file) {
        sb_puts(&b, file);
        if (line > 0) sb_printf(&b, ":%ld", line);
        sb_puts(&b, ": ");
    }
    if (lvl == DIAG_WARN) sb_puts(&b, "warning: ");
    else if (lvl == DIAG_NOTE) sb_puts(&b, "note: ");
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 8;
        d->v = xrealloc(d->v, d->cap * sizeof *d->v);
    }
    d->v[d->n].level = lvl;
    d->v[d->n].text = sb_take(&b);
    d->n++;
    if (lvl > d->worst) d->worst = lvl;
}

int diag_flush(struct diag *d, FILE *fp)
{
    int rc = 0;
    for (size_t i = 0; i < d->n; i++)
        if (fprintf(fp, "%s\n", d->v[i].text) < 0) rc = -1;
    enum diag_level w = d->worst;
    diag_free(d);
    d->worst = w;
    if (fflush(fp) != 0) rc = -1;
    return rc;
}

void diag_quote(char *buf, size_t sz, const char *s, size_t n, size_t max)
{
    size_t o = 0;
    if (sz == 0) return;
    if (n > max) {
        n = max;
        /* do not cut inside a UTF-8 sequence */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    for (size_t i = 0; i < n && o + 3 < sz; i++) {
        char c = s[i];
        if (c == '\n') { buf[o++] = '\\'; buf[o++] = 'n'; }
        else if (c == '\r') { buf[o++] = '\\'; buf[o++] = 'r'; }
        else if (c == '\t') buf[o++] = ' ';
        else if ((unsigned char)c < 0x20) buf[o++] = '?';
        else buf[o++] = c;
    }
    if (n == max && o + 3 < sz) { buf[o++] = '.'; buf[o++] = '.'; buf[o++] = '.'; }
    buf[o < sz ? o : sz - 1] = '\0';
}
