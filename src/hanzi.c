/* hanzi.c - Chinese text normalisation; the only module that includes <opencc.h>.
 *
 * hz_t2s: OpenCC t2s.json, opened by absolute path, line by line.
 * hz_looks_traditional: table of very common Traditional-only characters.
 * hz_fold / hz_fold_keep_enum: DOMAIN §2.3 steps 2-5, two passes over one
 * output buffer (folding never makes the text longer).
 */
#include "ogistat/hanzi.h"
#include "ogistat/decode.h"
#include "ogistat/util.h"

#include <opencc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef OGISTAT_OPENCC_T2S
#define OGISTAT_OPENCC_T2S "/usr/share/opencc/t2s.json"
#endif

struct hz {
    opencc_t od;
};

struct hz *hz_new(const char **err)
{
    /* Absolute path: a relative config name is looked up in the CWD first
     * (TOOLCHAIN §5). The .ocd2 dictionaries named inside the config are still
     * tried in the CWD first by OpenCC itself (checked: a junk TSPhrases.ocd2
     * in the CWD makes opencc_open fail), hence the wording of *err. */
    opencc_t od = opencc_open(OGISTAT_OPENCC_T2S);
    if (od == (opencc_t)-1) {                     /* failure is (opencc_t)-1, not NULL */
        if (err) *err = "cannot open OpenCC config " OGISTAT_OPENCC_T2S
                        " (OpenCC data not installed, or a stray TSPhrases.ocd2 /"
                        " TSCharacters.ocd2 in the current directory)";
        return NULL;
    }
    struct hz *h = xmalloc(sizeof *h);
    h->od = od;
    return h;
}

void hz_free(struct hz *h)
{
    if (!h) return;
    opencc_close(h->od);
    free(h);
}

/* ==== helpers ==== */

static int all_ascii(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL) return 0;
    }
    for (; i < n; i++)
        if (p[i] & 0x80) return 0;
    return 1;
}

/* Encode cp (< 0x110000) as UTF-8 at o; returns the byte count. */
static size_t put_cp(char *o, unsigned cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Code point of the 3-byte character ending at o[w) (0 if none). */
static unsigned last_cp3(const char *o, size_t w)
{
    if (w < 3) return 0;
    const unsigned char *p = (const unsigned char *)o + w - 3;
    if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
}

/* ==== t2s ==== */

/* Convert s[0..n) (valid UTF-8, no '\n') and append it to b. */
static int t2s_segment(struct hz *h, strbuf *b, const char *s, size_t n)
{
    while (n > 0) {
        /* OpenCC output is NUL-terminated, so convert around embedded NULs. */
        const char *z = memchr(s, '\0', n);
        size_t len = z ? (size_t)(z - s) : n;
        if (all_ascii(s, len)) {
            sb_append(b, s, len);
        } else {
            char *c = opencc_convert_utf8(h->od, s, len);
            if (!c) return -1;
            sb_append(b, c, strlen(c));
            opencc_convert_utf8_free(c);
        }
        if (!z) break;
        sb_append(b, "", 1);                 /* the NUL itself */
        s += len + 1;
        n -= len + 1;
    }
    return 0;
}

char *hz_t2s(struct hz *h, const char *s, size_t n, size_t *outn)
{
    if (outn) *outn = 0;
    if (!h || !s) return NULL;
    /* OpenCC reads past a truncated sequence at the end and returns NULL on
     * other invalid input: check once here, so every line below is valid. */
    if (!decode_is_utf8(s, n)) return NULL;

    strbuf b;
    sb_init(&b);
    b.cap = n + n / 8 + 64;                  /* t2s output is about as long as its input */
    b.s = xmalloc(b.cap);
    b.s[0] = '\0';

    const char *p = s, *e = s + n;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        const char *le = nl ? nl : e;
        if (t2s_segment(h, &b, p, (size_t)(le - p)) != 0) {
            sb_free(&b);
            return NULL;
        }
        if (!nl) break;
        sb_putc(&b, '\n');
        p = nl + 1;
    }
    if (outn) *outn = b.len;
    return sb_take(&b);
}

/* ==== Traditional detection ==== */

/* Very common characters that exist only in Traditional script (each one is
 * changed by OpenCC t2s; none occurs in the Simplified corpus reports).
 * Sorted by code point for bsearch. */
static const uint16_t trad_only[] = {
    0x4E26, 0x4F86, 0x4FC2, 0x500B, 0x5011, 0x50B3, 0x50F9, 0x5104, 0x511F, 0x512A, /* 並來係個們傳價億償優 */
    0x5167, 0x5169, 0x5247, 0x5283, 0x52D5, 0x52D9, 0x52DE, 0x5340, 0x54E1, 0x554F, /* 內兩則劃動務勞區員問 */
    0x55AE, 0x570B, 0x570D, 0x5716, 0x57F7, 0x5831, 0x5834, 0x5B78, 0x5BE6, 0x5BE9, /* 單國圍圖執報場學實審 */
    0x5C07, 0x5C08, 0x5C0D, 0x5C0E, 0x5C6C, 0x5E79, 0x5EE3, 0x5EF3, 0x5F59, 0x5F8C, /* 將專對導屬幹廣廳彙後 */
    0x5F9E, 0x5FA9, 0x5FB5, 0x614B, 0x6191, 0x61C9, 0x6236, 0x63DB, 0x64C7, 0x64D4, /* 從復徵態憑應戶換擇擔 */
    0x64DA, 0x6578, 0x65BC, 0x6642, 0x66F8, 0x6703, 0x6771, 0x689D, 0x696D, 0x69CB, /* 據數於時書會東條業構 */
    0x6A19, 0x6A5F, 0x6A94, 0x6AA2, 0x6B0A, 0x6B77, 0x6B78, 0x6C23, 0x6C7A, 0x6CC1, /* 標機檔檢權歷歸氣決況 */
    0x6E96, 0x6EFF, 0x6FDF, 0x6FEB, 0x7063, 0x707D, 0x70BA, 0x7121, 0x71DF, 0x72C0, /* 準滿濟濫灣災為無營狀 */
    0x7372, 0x73FE, 0x74B0, 0x7522, 0x7576, 0x7642, 0x767C, 0x76E3, 0x7A05, 0x7A2E, /* 獲現環產當療發監稅種 */
    0x7A31, 0x7BC0, 0x7BC4, 0x7D00, 0x7D04, 0x7D19, 0x7D1A, 0x7D44, 0x7D50, 0x7D71, /* 稱節範紀約紙級組結統 */
    0x7D93, 0x7DAD, 0x7DB2, 0x7DDA, 0x7E23, 0x7E3D, 0x7E54, 0x7E6B, 0x7F70, 0x7FA9, /* 經維網線縣總織繫罰義 */
    0x7FD2, 0x805E, 0x806F, 0x8077, 0x81FA, 0x8207, 0x8208, 0x8209, 0x820A, 0x83EF, /* 習聞聯職臺與興舉舊華 */
    0x842C, 0x84CB, 0x85E5, 0x8655, 0x865F, 0x885B, 0x88DC, 0x88E1, 0x8907, 0x898B, /* 萬蓋藥處號衛補裡複見 */
    0x898F, 0x8996, 0x89AA, 0x89BD, 0x89C0, 0x8A08, 0x8A0A, 0x8A18, 0x8A1F, 0x8A2D, /* 規視親覽觀計訊記訟設 */
    0x8A34, 0x8A55, 0x8A71, 0x8A72, 0x8A8D, 0x8A9E, 0x8AA4, 0x8AAA, 0x8ABF, 0x8AC7, /* 訴評話該認語誤說調談 */
    0x8ACB, 0x8AD6, 0x8B49, 0x8B58, 0x8B6F, 0x8B70, 0x8B77, 0x8B80, 0x8B8A, 0x8CA0, /* 請論證識譯議護讀變負 */
    0x8CA1, 0x8CAC, 0x8CB7, 0x8CB8, 0x8CBB, 0x8CC7, 0x8CE3, 0x8CEA, 0x8CFC, 0x8ECA, /* 財責買貸費資賣質購車 */
    0x8F49, 0x8FA6, 0x8FB2, 0x9019, 0x9023, 0x9032, 0x904B, 0x904E, 0x9054, 0x9055, /* 轉辦農這連進運過達違 */
    0x905E, 0x9060, 0x9069, 0x9078, 0x9084, 0x908A, 0x90F5, 0x9109, 0x91AB, 0x9280, /* 遞遠適選還邊郵鄉醫銀 */
    0x92B7, 0x9304, 0x9322, 0x932F, 0x93AE, 0x9435, 0x9577, 0x9580, 0x958B, 0x9593, /* 銷錄錢錯鎮鐵長門開間 */
    0x95B1, 0x95DC, 0x9678, 0x967D, 0x968A, 0x969B, 0x96AA, 0x96B1, 0x96FB, 0x9801, /* 閱關陸陽隊際險隱電頁 */
    0x9805, 0x9808, 0x982D, 0x984C, 0x984D, 0x985E, 0x98A8, 0x9928, 0x9A57, 0x9AD4, /* 項須頭題額類風館驗體 */
    0x9EDE, 0x9EE8, 0x9F4A, /* 點黨齊 */
};

static int in_trad_table(unsigned cp)
{
    size_t lo = 0, hi = ARRAY_LEN(trad_only);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (trad_only[mid] == cp) return 1;
        if (trad_only[mid] < cp) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

#define TRAD_SCAN_MAX (64u * 1024u)

bool hz_looks_traditional(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t lim = n < TRAD_SCAN_MAX ? n : TRAD_SCAN_MAX;
    size_t cjk = 0, hits = 0, i = 0;

    if (!s) return false;
    while (i < lim) {
        if (p[i] < 0x80) { i++; continue; }
        size_t l = utf8_seqlen(p + i, lim - i);
        if (l != 3) { i += l ? l : 1; continue; }   /* all table entries are 3 bytes */
        unsigned cp = ((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
        i += 3;
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) {
            cjk++;
            if (cp >= trad_only[0] && in_trad_table(cp)) hits++;
        }
    }
    /* Simplified text has (almost) no hits at all; Traditional report prose
     * has 15-30% of its characters in the table. Long text: >= 10 hits and
     * >= 3%; short text (a title, a label): >= 3 hits and >= 10%. */
    if (hits >= 10 && hits * 100 >= cjk * 3) return true;
    if (cjk < 200 && hits >= 3 && hits * 10 >= cjk) return true;
    return false;
}

/* ==== label folding ==== */

static int is_space_cp(unsigned cp)
{
    return cp == 0x3000 || cp == 0x00A0 || cp == 0x0085 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

static int is_quote_cp(unsigned cp)
{
    return cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
           (cp >= 0x300C && cp <= 0x300F);             /* 「」『』 */
}

/* Pass 1: variants, width fold, whitespace, quotes. Writes into o (room for n
 * bytes: no step makes the text longer) and returns the length. Invalid
 * UTF-8 bytes are copied unchanged. */
static size_t fold_chars(const char *s, size_t n, char *o)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, w = 0;

    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
            o[w++] = (char)(c == '\'' ? '"' : c);
            continue;
        }
        size_t l = utf8_seqlen(p + i, n - i);
        if (l == 0) { o[w++] = (char)c; i++; continue; }
        unsigned cp;
        if (l == 2) cp = ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
        else if (l == 3) cp = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
        else cp = ((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) | (p[i + 3] & 0x3Fu);

        if (cp >= 0xFF01 && cp <= 0xFF5E) {            /* full-width ASCII */
            char a = (char)(cp - 0xFEE0);
            o[w++] = a == '\'' ? '"' : a;
            i += l;
            continue;
        }
        if (is_space_cp(cp)) { i += l; continue; }
        if (is_quote_cp(cp)) { o[w++] = '"'; i += l; continue; }

        unsigned prev, rep = cp;
        switch (cp) {
        case 0x4EFD:                                   /* 部份 -> 部分 */
            if (last_cp3(o, w) == 0x90E8) rep = 0x5206;
            break;
        case 0x8BAF:                                   /* 资讯 -> 信息 */
            if (last_cp3(o, w) == 0x8D44) { put_cp(o + w - 3, 0x4FE1); rep = 0x606F; }
            break;
        case 0x5B83:                                   /* 其它 -> 其他 */
            if (last_cp3(o, w) == 0x5176) rep = 0x4ED6;
            break;
        case 0x5E10:                                   /* 帐 -> 账 */
            rep = 0x8D26;
            break;
        case 0x6848:                                   /* 档案/檔案 -> 文件 */
            prev = last_cp3(o, w);
            if (prev == 0x6863 || prev == 0x6A94) { put_cp(o + w - 3, 0x6587); rep = 0x4EF6; }
            break;
        default:
            break;
        }
        if (rep == cp) {
            memcpy(o + w, p + i, l);
            w += l;
        } else {
            w += put_cp(o + w, rep);                   /* all replacements are 3 bytes, like cp */
        }
        i += l;
    }
    return w;
}

/* Byte length of a run of Chinese numerals 一..十 at o[r..w) (multiple of 3). */
static size_t cn_num_run(const char *o, size_t r, size_t w)
{
    static const char nums[][4] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    size_t k = 0;
    while (r + k + 3 <= w) {
        size_t j;
        for (j = 0; j < ARRAY_LEN(nums); j++)
            if (memcmp(o + r + k, nums[j], 3) == 0) break;
        if (j == ARRAY_LEN(nums)) break;
        k += 3;
    }
    return k;
}

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define DUNHAO "\xE3\x80\x81"                          /* 、 */

/* Pass 2 (hz_fold only): remove enumerators anywhere, in place:
 *   [一..十]+、   ([一..十]+)   \d+[.、] before a non-digit   ①..⒛ (U+2460-249B)   其中:
 * and then empty bracket pairs left behind: () [] 【】 〔〕. */
static size_t drop_enums(char *o, size_t w)
{
    size_t r = 0, d = 0;
    while (r < w) {
        unsigned char c = (unsigned char)o[r];
        size_t k;

        if (c == 0xE4 || c == 0xE5) {
            k = cn_num_run(o, r, w);
            if (k) {
                if (r + k + 3 <= w && memcmp(o + r + k, DUNHAO, 3) == 0) { r += k + 3; continue; }
                memmove(o + d, o + r, k);              /* not an enumerator: keep the run */
                d += k;
                r += k;
                continue;
            }
            if (r + 7 <= w && memcmp(o + r, "其中:", 7) == 0) { r += 7; continue; }
        } else if (c == '(') {
            k = cn_num_run(o, r + 1, w);
            if (k && r + 1 + k < w && o[r + 1 + k] == ')') { r += k + 2; continue; }
        } else if (IS_DIGIT(c)) {
            k = 0;
            while (r + k < w && IS_DIGIT(o[r + k])) k++;
            size_t sep = 0;
            if (r + k < w && o[r + k] == '.') sep = 1;
            else if (r + k + 3 <= w && memcmp(o + r + k, DUNHAO, 3) == 0) sep = 3;
            if (sep && r + k + sep < w && !IS_DIGIT(o[r + k + sep])) { r += k + sep; continue; }
            memmove(o + d, o + r, k);
            d += k;
            r += k;
            continue;
        } else if (c == 0xE2 && r + 3 <= w) {
            unsigned char c1 = (unsigned char)o[r + 1], c2 = (unsigned char)o[r + 2];
            if ((c1 == 0x91 && c2 >= 0xA0 && c2 <= 0xBF) || (c1 == 0x92 && c2 >= 0x80 && c2 <= 0x9B)) {
                r += 3;                                /* ①..⑳ ⑴..⒇ ⒈..⒛ */
                continue;
            }
        } else if ((c == ')' && d >= 1 && o[d - 1] == '(') || (c == ']' && d >= 1 && o[d - 1] == '[')) {
            d--;                                       /* empty pair left behind */
            r++;
            continue;
        }
        if (c == 0xE3 && r + 3 <= w && d >= 3 &&
            ((memcmp(o + r, "】", 3) == 0 && memcmp(o + d - 3, "【", 3) == 0) ||
             (memcmp(o + r, "〕", 3) == 0 && memcmp(o + d - 3, "〔", 3) == 0))) {
            d -= 3;
            r += 3;
            continue;
        }
        o[d++] = o[r++];
    }
    return d;
}

static char *fold(const char *s, size_t n, size_t *outn, int enums)
{
    char *o = xmalloc(n + 1);
    size_t w = s ? fold_chars(s, n, o) : 0;
    if (enums) w = drop_enums(o, w);
    o[w] = '\0';
    if (outn) *outn = w;
    return o;
}

char *hz_fold(const char *s, size_t n, size_t *outn)
{
    return fold(s, n, outn, 1);
}

char *hz_fold_keep_enum(const char *s, size_t n, size_t *outn)
{
    return fold(s, n, outn, 0);
}
