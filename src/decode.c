/* decode.c - bytes to UTF-8; the only module that uses uchardet and iconv.
 *
 * Order (TOOLCHAIN.md §6, decode.h):
 *   1. strict UTF-8 (own validator) -> copy, strip one leading BOM;
 *   2. a UTF-16 BOM (FF FE / FE FF) -> strict UTF-16LE/BE (no CJK legacy
 *      encoding can start with these bytes; on failure fall through);
 *   3. uchardet over the whole buffer:
 *        GB2312/GBK/GB18030/CP936/EUC-CN/HZ/ISO-2022-CN -> GB18030, where a
 *          lone 0x80 byte (CP936's euro sign, rejected by glibc's GB18030)
 *          is decoded as U+20AC in place and the conversion goes on;
 *        BIG5/CP950/BIG5-HKSCS -> BIG5, retried as BIG5-HKSCS then CP950;
 *        anything else (non-CJK, "", EUC-TW, a "UTF-8" guess for invalid
 *          UTF-8) -> strict GB18030, accepted only if the bytes look like
 *          real GB2312-range Chinese (see gb_plausible);
 *   4. otherwise -1.
 * Every conversion is strict: an invalid (EILSEQ) or truncated (EINVAL)
 * sequence anywhere makes that attempt fail; nothing is dropped or replaced.
 * The output keeps CR/LF bytes, has NUL bytes replaced by spaces, and has
 * no leading U+FEFF. HZ and ISO-2022-CN are 7-bit, so such a file is valid
 * ASCII and returned as is by step 1 (they are listed in step 3 only for a
 * buffer that also has high bytes).
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/decode.h"
#include "ogistat/util.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

/* ==== strict UTF-8 validation ==== */

#define HIBITS 0x8080808080808080ULL

size_t decode_utf8_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *e = p + n;

    while (p < e) {
        unsigned c = *p;
        if (c < 0x80) {
            /* ASCII fast path: 16 then 8 bytes at a time. */
            p++;
            while (e - p >= 16) {
                uint64_t a, b;
                memcpy(&a, p, 8);
                memcpy(&b, p + 8, 8);
                if ((a | b) & HIBITS) break;
                p += 16;
            }
            while (p < e && *p < 0x80) p++;
            continue;
        }
        if (c < 0xE0) {                              /* 2 bytes: C2..DF 80..BF */
            if (c < 0xC2 || e - p < 2 || (p[1] & 0xC0) != 0x80) return (size_t)(p - (const unsigned char *)s);
            p += 2;
        } else if (c < 0xF0) {                       /* 3 bytes */
            if (e - p < 3) return (size_t)(p - (const unsigned char *)s);
            unsigned b1 = p[1];
            if (c == 0xE0) {                         /* no overlongs */
                if (b1 < 0xA0 || b1 > 0xBF) return (size_t)(p - (const unsigned char *)s);
            } else if (c == 0xED) {                  /* no surrogates */
                if (b1 < 0x80 || b1 > 0x9F) return (size_t)(p - (const unsigned char *)s);
            } else if ((b1 & 0xC0) != 0x80) {
                return (size_t)(p - (const unsigned char *)s);
            }
            if ((p[2] & 0xC0) != 0x80) return (size_t)(p - (const unsigned char *)s);
            p += 3;
        } else if (c < 0xF5) {                       /* 4 bytes, <= U+10FFFF */
            if (e - p < 4) return (size_t)(p - (const unsigned char *)s);
            unsigned b1 = p[1];
            if (c == 0xF0) {
                if (b1 < 0x90 || b1 > 0xBF) return (size_t)(p - (const unsigned char *)s);
            } else if (c == 0xF4) {
                if (b1 < 0x80 || b1 > 0x8F) return (size_t)(p - (const unsigned char *)s);
            } else if ((b1 & 0xC0) != 0x80) {
                return (size_t)(p - (const unsigned char *)s);
            }
            if ((p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return (size_t)(p - (const unsigned char *)s);
            p += 4;
        } else {
            return (size_t)(p - (const unsigned char *)s);                                /* F5..FF */
        }
    }
    return n;
}

int decode_is_utf8(const char *s, size_t n)
{
    return decode_utf8_prefix(s, n) == n;
}

/* ==== helpers ==== */

/* Replace NUL bytes by spaces (downstream code uses C strings). */
static void nul_to_space(char *s, size_t n)
{
    char *e = s + n;
    while ((s = memchr(s, '\0', (size_t)(e - s))) != NULL) *s++ = ' ';
}

/* Drop a leading U+FEFF (EF BB BF) from a decoded buffer, in place. */
static void strip_bom(char *s, size_t *n)
{
    if (*n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF) {
        memmove(s, s + 3, *n - 3);
        *n -= 3;
        s[*n] = '\0';
    }
}

/* Strict conversion of in[0..n) from `from` to UTF-8. With euro80, a 0x80
 * byte where a character must start (CP936's euro sign; glibc's GB18030
 * rejects it) becomes U+20AC and the conversion goes on. Returns 0 and a
 * malloc'd NUL-terminated buffer, or -1 (nothing allocated) on an invalid
 * or truncated sequence or an unknown charset. */
static int conv(const char *from, const char *in, size_t n, int euro80,
                char **out, size_t *outn)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return -1;
    if (n > (SIZE_MAX - 64) / 2) { iconv_close(cd); return -1; }

    size_t cap = 2 * n + 16;               /* GB18030/Big5 -> UTF-8 grows <= 1.5x */
    char *buf = xmalloc(cap);
    char *ip = (char *)(uintptr_t)in;      /* iconv's prototype is not const-correct */
    size_t il = n;
    char *op = buf;
    size_t ol = cap - 1;                   /* room for the terminating NUL */
    int rc = -1;
    int flushing = 0;

    for (;;) {
        size_t r = flushing ? iconv(cd, NULL, NULL, &op, &ol)
                            : iconv(cd, &ip, &il, &op, &ol);
        if (r != (size_t)-1) {
            if (flushing) { rc = 0; break; }
            flushing = 1;                  /* all input consumed: emit any shift state */
            continue;
        }
        if (errno == E2BIG) {
            size_t used = (size_t)(op - buf);
            if (cap > SIZE_MAX / 2) break;
            cap *= 2;
            buf = xrealloc(buf, cap);
            op = buf + used;
            ol = cap - 1 - used;
            continue;
        }
        if (errno == EILSEQ && euro80 && !flushing && il > 0 &&
            (unsigned char)*ip == 0x80) {
            if (ol < 3) {                  /* make room, then retry this byte */
                size_t used = (size_t)(op - buf);
                cap *= 2;
                buf = xrealloc(buf, cap);
                op = buf + used;
                ol = cap - 1 - used;
            }
            memcpy(op, "\xE2\x82\xAC", 3);
            op += 3;
            ol -= 3;
            ip++;
            il--;
            iconv(cd, NULL, NULL, NULL, NULL);   /* back to the initial state */
            continue;
        }
        break;                             /* EILSEQ, EINVAL (truncated), other */
    }
    iconv_close(cd);
    if (rc != 0) {
        free(buf);
        return -1;
    }
    *op = '\0';
    *outn = (size_t)(op - buf);
    *out = buf;
    return 0;
}

/* Does this (strictly GB18030-decodable) buffer look like Chinese text?
 * Used only for the fallback when uchardet gave no CJK answer: Big5,
 * Latin-1 and UTF-8 bytes also decode "validly" as GB18030, into rare
 * characters, kana rows and GBK extension code points. Real GB text is
 * almost entirely GB2312 hanzi (rows B0-F7) and punctuation (rows A1-A3).
 * Accept when there are at least 2 such hanzi and >= 90% of the non-ASCII
 * characters are GB2312 hanzi/punctuation. */
static int gb_plausible(const unsigned char *p, size_t n)
{
    size_t han = 0, punct = 0, other = 0;
    size_t i = 0;
    while (i < n) {
        unsigned b = p[i];
        if (b < 0x80) { i++; continue; }
        if (b == 0x80) { i++; continue; }            /* euro sign: neutral */
        if (i + 1 >= n) { other++; break; }
        unsigned t = p[i + 1];
        if (t >= 0x30 && t <= 0x39) { other++; i += 4; continue; }   /* 4-byte */
        if (t >= 0xA1 && t <= 0xFE && b >= 0xB0 && b <= 0xF7) han++;
        else if (t >= 0xA1 && t <= 0xFE && b >= 0xA1 && b <= 0xA3) punct++;
        else if (t >= 0xA1 && t <= 0xFE && b >= 0xA6 && b <= 0xA9) { /* Greek, Cyrillic, pinyin, box: neutral */ }
        else other++;                               /* kana rows, GBK extensions, user area */
        i += 2;
    }
    return han >= 2 && other * 10 <= han + punct + other;
}

static int finish(char *buf, size_t len, char **out, size_t *outn,
                  const char **enc, const char *name, int strip)
{
    if (strip) strip_bom(buf, &len);
    nul_to_space(buf, len);
    *out = buf;
    if (outn) *outn = len;
    if (enc) *enc = name;
    return 0;
}

enum family { FAM_OTHER, FAM_GB, FAM_BIG5 };

static enum family classify(const char *cs)
{
    static const char *const gb[] = { "GB18030", "GBK", "GB2312", "CP936", "EUC-CN",
                                      "HZ-GB-2312", "HZ", "ISO-2022-CN", "WINDOWS-936" };
    static const char *const big5[] = { "BIG5", "BIG5-HKSCS", "BIG5HKSCS", "CP950" };
    if (!cs) return FAM_OTHER;
    for (size_t i = 0; i < ARRAY_LEN(gb); i++)
        if (strcasecmp(cs, gb[i]) == 0) return FAM_GB;
    for (size_t i = 0; i < ARRAY_LEN(big5); i++)
        if (strcasecmp(cs, big5[i]) == 0) return FAM_BIG5;
    return FAM_OTHER;
}

static enum family detect(const char *buf, size_t n)
{
    uchardet_t ud = uchardet_new();
    if (!ud) return FAM_OTHER;
    enum family f = FAM_OTHER;
    if (uchardet_handle_data(ud, buf, n) == 0) {
        uchardet_data_end(ud);
        f = classify(uchardet_get_charset(ud));
    }
    uchardet_delete(ud);
    return f;
}

/* ==== entry point ==== */

int decode_to_utf8(const char *buf, size_t n, char **out, size_t *outn, const char **enc)
{
    char *o = NULL;
    size_t on = 0;

    *out = NULL;
    if (outn) *outn = 0;
    if (enc) *enc = NULL;

    /* 1. strict UTF-8 (includes pure ASCII and the empty buffer) */
    if (decode_is_utf8(buf, n)) {
        size_t skip = 0;
        if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) skip = 3;
        on = n - skip;
        o = xmalloc(on + 1);
        memcpy(o, buf + skip, on);
        o[on] = '\0';
        return finish(o, on, out, outn, enc, "UTF-8", 0);   /* BOM already skipped */
    }

    /* 2. UTF-16 with a byte-order mark */
    if (n >= 2 && n % 2 == 0) {
        const unsigned char *u = (const unsigned char *)buf;
        const char *cs = NULL;
        if (u[0] == 0xFF && u[1] == 0xFE) cs = "UTF-16LE";
        else if (u[0] == 0xFE && u[1] == 0xFF) cs = "UTF-16BE";
        if (cs && conv(cs, buf + 2, n - 2, 0, &o, &on) == 0)
            return finish(o, on, out, outn, enc, cs, 1);
    }

    /* 3. uchardet */
    switch (detect(buf, n)) {
    case FAM_GB:
        if (conv("GB18030", buf, n, 1, &o, &on) == 0)
            return finish(o, on, out, outn, enc, "GB18030", 1);
        return -1;
    case FAM_BIG5:
        if (conv("BIG5", buf, n, 0, &o, &on) == 0 ||
            conv("BIG5-HKSCS", buf, n, 0, &o, &on) == 0 ||
            conv("CP950", buf, n, 0, &o, &on) == 0)
            return finish(o, on, out, outn, enc, "BIG5", 1);
        return -1;
    case FAM_OTHER:
        break;
    }

    /* 4. short or misdetected: strict GB18030 if it looks like Chinese */
    if (gb_plausible((const unsigned char *)buf, n) &&
        conv("GB18030", buf, n, 1, &o, &on) == 0)
        return finish(o, on, out, outn, enc, "GB18030", 1);
    return -1;
}
