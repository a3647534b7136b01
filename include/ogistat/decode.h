/* decode.h - bytes to UTF-8; the only module that uses uchardet and iconv.
 *
 * Order (TOOLCHAIN.md §6): strict UTF-8 (BOM stripped) -> UTF-16 with a BOM
 * -> uchardet on the whole buffer, GB2312/GBK/GB18030 decoded as GB18030 (a
 * lone 0x80, CP936's euro sign, becomes U+20AC), BIG5 as BIG5 (then
 * BIG5-HKSCS, CP950) -> for a short or misdetected buffer, a strict GB18030
 * attempt, accepted only if the bytes look like GB2312 Chinese text.
 * Never GB18030 first (Big5 decodes "validly" into garbage).
 * Every attempt is strict: an invalid byte or a sequence truncated at the end
 * fails it (so UTF-8 cut inside its last character is refused, not repaired).
 */
#ifndef OGISTAT_DECODE_H
#define OGISTAT_DECODE_H

#include <stddef.h>

/* On success returns 0, *out is a malloc'd NUL-terminated UTF-8 string with
 * CRLF/CR kept as is (line counting is the lexer's job), NUL bytes replaced by
 * spaces and no leading U+FEFF, *outn its length, *enc a static name
 * ("UTF-8", "GB18030", "BIG5", or "UTF-16LE"/"UTF-16BE" for a file with a
 * UTF-16 BOM). outn and enc may be NULL.
 * Returns -1 when the bytes cannot be decoded: nothing allocated, *out = NULL,
 * *outn = 0, *enc = NULL. */
int decode_to_utf8(const char *buf, size_t n, char **out, size_t *outn, const char **enc);

/* True if s[0..n) is entirely valid UTF-8 (no overlongs, no surrogates, nothing
 * above U+10FFFF, no truncated sequence; NUL bytes are valid). ~1.5 GB/s. */
int decode_is_utf8(const char *s, size_t n);
/* Length of the longest valid UTF-8 prefix of s[0..n) (n when all of it is valid). */
size_t decode_utf8_prefix(const char *s, size_t n);

#endif
