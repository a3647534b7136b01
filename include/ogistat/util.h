/* util.h - allocation helpers and a growable string buffer.
 *
 * x* allocators never return NULL: on out-of-memory they print
 * "ogistat: out of memory" and exit with EXIT_IO (the one place besides
 * main() that exits, as in datamash/redis: callers carry no NULL checks).
 */
#ifndef OGISTAT_UTIL_H
#define OGISTAT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Growable, always NUL-terminated byte buffer. sb_init() on caller-owned
 * storage; sb_free() releases the bytes, not the struct. */
typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;

void sb_init(strbuf *b);
void sb_free(strbuf *b);
void sb_reset(strbuf *b);                 /* len = 0, keeps the allocation */
void sb_append(strbuf *b, const char *p, size_t n);
void sb_puts(strbuf *b, const char *s);
void sb_putc(strbuf *b, char c);
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *b, const char *fmt, va_list ap);
char *sb_take(strbuf *b);                 /* returns the bytes (caller frees); b is reset to empty */

/* UTF-8 helpers */
/* Length in bytes of the UTF-8 sequence starting at p (1..4), or 0 if invalid / truncated within n. */
/* Does s contain one of the NULL-terminated words? */
bool str_contains_any(const char *s, const char *const *words);

size_t utf8_seqlen(const unsigned char *p, size_t n);
/* Decode one code point at p (assumes utf8_seqlen(p,n) > 0); *len gets its byte length. */
unsigned utf8_decode(const unsigned char *p, size_t n, size_t *len);
/* Append code point cp as UTF-8. */
void sb_put_cp(strbuf *b, unsigned cp);

#endif
