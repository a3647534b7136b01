/* numparse.c - numbers as printed in reports (DOMAIN.md §6).
 *
 * Three entry points share one grammar (§6.3):
 *   num_parse_cell   a whole table cell: BLANK / NA / zero word / number (+unit,
 *                    +parenthetical note) / UNPARSEABLE.  The lexer also calls it
 *                    on every whitespace-separated chunk of plain text to decide
 *                    TK_CELL vs TK_TEXT, so it must say UNPARSEABLE for labels
 *                    ("1.属于国家秘密", "（一）", "2.", "2023年", "-3-").
 *   num_parse_token  a number at the start of prose, with qualifiers and units.
 *   num_parse_chinese a whole Chinese numeral (§6.5).
 *
 * Everything is done on the caller's bytes: full-width forms (§6.1 rule 1) are
 * folded character by character while scanning instead of copying a normalised
 * string, so no call allocates (this runs on every cell and every prose number).
 *
 * Decisions where DOMAIN §6 is silent (also stated in numparse.h):
 *  - precision is counted in the same units as mant, i.e. the uncertainty is
 *    precision × 10^-scale.  That is how "86.92%" (0.8692, precision 0.0001)
 *    and "26.8万" (268000, precision 1000) fit in one int64 field.
 *  - Multipliers 十百千万亿 are folded into the value; out->unit never holds
 *    them: "0.35万元" -> 3500 unit "元", "4068.208万元" -> 40682080 "元".  A
 *    multiplier followed by 元 is an accounting unit, not rounding, so it stays
 *    EXACT (precision = place of the last written digit, "0.35万元" -> 100);
 *    any other multiplier without a qualifier gives ROUNDED ("2万"), and so
 *    does a Chinese numeral containing 万/亿 ("两万", "一万五" -> precision
 *    1000); ROUNDED with precision 1 is reported as EXACT ("1.2345万").
 *  - Precision for a qualified number (余/多/以上/约/近/超过/…): with a
 *    multiplier after the digits it is the place of the last written digit
 *    × multiplier ("约10万元" -> 10000, "1.2万余" -> 1000); when 余/多 sits right
 *    after the digits, or there is no multiplier, it is 10^(trailing zeros) of
 *    the written digits ("500余" -> 100, "10余万" -> 10 × 10^4, "近万" -> 10000).
 *  - Ratios keep the fraction: "86.92%" -> mant 8692 scale 4, unit "%";
 *    "百分之八十" -> 80 scale 2 unit "%"; ‰ divides by 1000; "5个百分点" ->
 *    0.05 unit "百分点" (is_ratio: a difference of shares, never a count).
 *  - Prefix qualifiers 达/共计/累计/合计/仅 (and 共, 达到, 占) carry no bound, so
 *    "共计2万" stays ROUNDED.  Contradictory prefix and suffix (近…余) -> APPROX.
 *    Extra prefixes beyond §6.3: 不少于/至少 (AT_LEAST), 不超过/最多 (AT_MOST),
 *    占 (a share: "占86.92%"), 共, 达到.  Extra suffixes: 以内 (AT_MOST), and
 *    左右/上下/以上/以下/以内/开外 may also follow the unit ("300件左右").
 *  - Extra units beyond §6.3: 起 宗 (cases) 册 (leaflets), 百分点.  Other unit
 *    words (年 户 米 …) end the token; in a cell they make it UNPARSEABLE.
 *  - Cells accept Arabic numbers only, never Chinese numerals: pdftotext splits
 *    the vertical label "三、本年度办理结果" into one character per line, and a
 *    chunk "三" must stay TEXT.  Chinese zero words (零 〇 无 …) are handled.
 *  - Prose tokens take no sign: "2019-2020" would otherwise yield -2020, and
 *    negatives are legitimate only in R19 表二 增/减 cells (allow_negative).
 *  - In prose a Chinese numeral may start with 百/千/万/亿 only after a prefix
 *    qualifier or 百分之 ("近万条", "逾千"), otherwise "万元" or "千克" would
 *    become numbers; a leading 十 is always fine ("十二").  来 counts only when
 *    a unit or multiplier follows ("10来个"; "10来访" is not 10).
 *  - Overflow beyond int64, more than 9 decimals, or a ratio whose scale would
 *    exceed 9 is "not a number": the cell is UNPARSEABLE and the token parser
 *    returns 0 (callers scanning prose must skip the whole digit run).
 *  - Spaces (ASCII, U+3000, NBSP) are allowed between the parts of a
 *    number ("约 10 万元", "640 件"), as K7's markdown puts spaces around digits;
 *    never inside the digits ("230 000023" stays two chunks).
 *  - OCR confusables O/o -> 0, l/I -> 1 (§6.1 rule 3) apply only to cells made
 *    of digits, '.', ',' and those letters, with at least one real digit.
 */
#define _POSIX_C_SOURCE 200809L
#include "ogistat/numparse.h"

#include <stdint.h>
#include <string.h>

typedef unsigned char uchar;

static const int64_t P10[19] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
    100000000LL, 1000000000LL, 10000000000LL, 100000000000LL, 1000000000000LL,
    10000000000000LL, 100000000000000LL, 1000000000000000LL,
    10000000000000000LL, 100000000000000000LL, 1000000000000000000LL
};

/* ---------------------------------------------------------------- UTF-8 -- */

/* Decode one code point at p < e.  Lenient: a bad or truncated sequence is
 * U+FFFD of length 1, so scanning always makes progress. */
static unsigned dec(const uchar *p, const uchar *e, size_t *len)
{
    unsigned c = p[0], cp;
    size_t n;
    if (c < 0x80) { *len = 1; return c; }
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
    else { *len = 1; return 0xFFFD; }
    if ((size_t)(e - p) < n) { *len = 1; return 0xFFFD; }
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) { *len = 1; return 0xFFFD; }
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    *len = n;
    return cp;
}

/* §6.1 rule 1: full width -> ASCII.  The dashes fold to '-' here, but '-' is
 * only ever looked at as a sign directly before a digit, which is the rule's
 * "only when directly before a digit". */
static unsigned fold(unsigned cp)
{
    if (cp >= 0xFF10 && cp <= 0xFF19) return '0' + (cp - 0xFF10);
    switch (cp) {
    case 0xFF0E: return '.';
    case 0xFF0C: return ',';
    case 0xFF05: return '%';
    case 0xFF0B: return '+';
    case 0xFF0D: case 0x2212: case 0x2012: case 0x2013: return '-';
    case 0x3000: case 0x00A0: case '\t': return ' ';
    default: return cp;
    }
}

/* Folded code point at p (0 and *len = 0 at the end). */
static unsigned peekf(const uchar *p, const uchar *e, size_t *len)
{
    if (p >= e) { *len = 0; return 0; }
    return fold(dec(p, e, len));
}

static int is_digit(unsigned c) { return c >= '0' && c <= '9'; }

/* Spaces allowed between the parts of a number (and trimmed around cells). */
static const uchar *skip_sp(const uchar *p, const uchar *e)
{
    while (p < e) {
        size_t l;
        unsigned c = peekf(p, e, &l);
        if (c != ' ' && c != '\r' && c != '\n' && c != '\v' && c != '\f') break;
        p += l;
    }
    return p;
}

/* Length of literal s if the bytes at p start with it, else 0. */
static size_t litn(const uchar *p, const uchar *e, const char *s, size_t n)
{
    return (size_t)(e - p) >= n && memcmp(p, s, n) == 0 ? n : 0;
}
#define lit(p, e, s) litn((p), (e), (s), strlen(s))   /* strlen of a literal folds */
/* Table entries carry their length: strlen through a table pointer does not fold. */
#define L(s) s, sizeof(s) - 1

static int ascii_ieq(const uchar *p, size_t n, const char *s)
{
    if (strlen(s) != n) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned a = p[i], b = (uchar)s[i];
        if (a >= 'A' && a <= 'Z') a += 32;
        if (b >= 'A' && b <= 'Z') b += 32;
        if (a != b) return 0;
    }
    return 1;
}

/* Copy a unit into out->unit, truncating on a code-point boundary. */
static void set_unit(struct numval *o, const char *u)
{
    size_t n = strlen(u);
    if (n >= sizeof o->unit) {
        n = sizeof o->unit - 1;
        while (n > 0 && ((uchar)u[n] & 0xC0) == 0x80) n--;
    }
    memcpy(o->unit, u, n);
    o->unit[n] = '\0';
}

static void clear(struct numval *o, enum cell_status st)
{
    memset(o, 0, sizeof *o);
    o->status = st;
    o->q = Q_EXACT;
    o->precision = 1;
}

static int mul_pow10(int64_t *x, int k)
{
    if (k < 0 || k > 18) return *x == 0;
    return !__builtin_mul_overflow(*x, P10[k], x);
}

static int tz_count(uint64_t v)
{
    int t = 0;
    if (v == 0) return 0;
    while (v % 10 == 0) { v /= 10; t++; }
    return t;
}

/* -------------------------------------------------------- Arabic digits -- */

struct arabic {
    uint64_t mant;   /* all written digits, decimal point removed */
    int scale;       /* digits after the point */
    int tz;          /* trailing zeros of the written digits (0 for "0") */
};

/* Does a group of exactly 3 digits (and no 4th) start at p?  Returns its end. */
static const uchar *three_digits(const uchar *p, const uchar *e)
{
    for (int i = 0; i < 3; i++) {
        size_t l;
        if (!is_digit(peekf(p, e, &l))) return NULL;
        p += l;
    }
    size_t l;
    return is_digit(peekf(p, e, &l)) ? NULL : p;
}

/* digits [',' ddd]* ['.' digits].  Returns the end, or NULL if no digit at p
 * or the number does not fit (int64 overflow, more than 9 decimals). */
static const uchar *scan_arabic(const uchar *p, const uchar *e, struct arabic *a)
{
    uint64_t m = 0;
    int nd = 0, frac = 0, tz = 0, first = 1, bad = 0;
    size_t l;
    unsigned c;

    for (;;) {
        while (is_digit(c = peekf(p, e, &l))) {
            unsigned d = c - '0';
            if (m > ((uint64_t)INT64_MAX - d) / 10) bad = 1;
            else m = m * 10 + d;
            tz = d == 0 ? tz + 1 : 0;
            nd++;
            p += l;
        }
        if (nd == 0) return NULL;
        /* §6.1 rule 2: a comma is a thousands separator only between a 1-3
         * digit group and exactly 3 digits; "予以公开12，部分公开3" is a list. */
        if (c == ',' && (!first || nd <= 3) && three_digits(p + l, e)) {
            p += l;
            first = 0;
            nd = 0;           /* next group is exactly 3 by three_digits() */
            continue;
        }
        break;
    }
    if (c == '.') {
        size_t l2;
        if (is_digit(peekf(p + l, e, &l2))) {
            p += l;
            while (is_digit(c = peekf(p, e, &l))) {
                unsigned d = c - '0';
                if (m > ((uint64_t)INT64_MAX - d) / 10) bad = 1;
                else m = m * 10 + d;
                tz = d == 0 ? tz + 1 : 0;
                frac++;
                p += l;
            }
        }
    }
    if (bad || frac > 9) return NULL;
    a->mant = m;
    a->scale = frac;
    a->tz = m == 0 ? 0 : tz;
    return p;
}

/* ------------------------------------------------------ Chinese numerals -- */

enum { CN_NONE, CN_DIGIT, CN_SMALL, CN_BIG };

struct cnitem {
    int kind;
    int64_t v;       /* digit 0-9, or 10/100/1000, or 10^4/10^8 */
    int latin;       /* ASCII 'O'/'o'/'0' used as a zero (OCR years) */
};

#define CN_MAXRUN 32

/* §6.5 character classes (plus the Traditional forms that survive when the
 * text was not converted: 萬 億 兩 貳 陸 參). */
static int cn_class(unsigned cp, struct cnitem *it)
{
    int64_t v;
    int k = CN_DIGIT;
    it->latin = 0;
    switch (cp) {
    case 0x96F6: case 0x3007: case 0x25CB: v = 0; break;            /* 零〇○ */
    case 'O': case 'o': case '0': v = 0; it->latin = 1; break;
    case 0x4E00: case 0x58F9: case 0x5E7A: v = 1; break;            /* 一壹幺 */
    case 0x4E8C: case 0x4E24: case 0x8D30: case 0x5169: case 0x8CB3:
        v = 2; break;                                               /* 二两贰兩貳 */
    case 0x4E09: case 0x53C1: case 0x53C3: v = 3; break;            /* 三叁參 */
    case 0x56DB: case 0x8086: v = 4; break;                         /* 四肆 */
    case 0x4E94: case 0x4F0D: v = 5; break;                         /* 五伍 */
    case 0x516D: case 0x9646: case 0x9678: v = 6; break;            /* 六陆陸 */
    case 0x4E03: case 0x67D2: v = 7; break;                         /* 七柒 */
    case 0x516B: case 0x634C: v = 8; break;                         /* 八捌 */
    case 0x4E5D: case 0x7396: v = 9; break;                         /* 九玖 */
    case 0x5341: case 0x62FE: k = CN_SMALL; v = 10; break;          /* 十拾 */
    case 0x767E: case 0x4F70: k = CN_SMALL; v = 100; break;         /* 百佰 */
    case 0x5343: case 0x4EDF: k = CN_SMALL; v = 1000; break;        /* 千仟 */
    case 0x4E07: case 0x842C: k = CN_BIG; v = 10000; break;         /* 万萬 */
    case 0x4EBF: case 0x5104: k = CN_BIG; v = 100000000; break;     /* 亿億 */
    default: return CN_NONE;
    }
    it->kind = k;
    it->v = v;
    return k;
}

/* Evaluate items[0..n) as one numeral.  *has_big: contains 万/亿. */
static int cn_eval(const struct cnitem *it, size_t n, int64_t *out, int *has_big)
{
    size_t units = 0;
    *has_big = 0;
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++) units += it[i].kind != CN_DIGIT;

    if (units == 0) {
        /* A lone digit, or the digit-by-digit year form "二〇一三". Other unit-free
         * runs ("一一") are not numerals. */
        if (n == 1) { *out = it[0].v; return !it[0].latin; }
        if (n != 4) return 0;
        int64_t v = 0;
        for (size_t i = 0; i < n; i++) v = v * 10 + it[i].v;
        *out = v;
        return 1;
    }

    /* Positional (§6.5): hi = the 亿 part, wan = the 万 part, sec = the part
     * below 万; d = pending digit (-1 none).  Elision ("一千二", "一万五"): a
     * final digit right after a unit counts unit/10. */
    int64_t hi = 0, wan = 0, sec = 0, last_small = 10000, last_unit = 0;
    int d = -1, zero_gap = 0, prev_unit = 0, elide = 0;
    for (size_t i = 0; i < n; i++) {
        const struct cnitem *c = &it[i];
        if (c->kind == CN_DIGIT) {
            if (c->latin) return 0;          /* Latin O only in the year form */
            if (d > 0) return 0;             /* "一二百" */
            if (c->v == 0) { zero_gap = 1; d = 0; prev_unit = 0; continue; }
            elide = prev_unit && !zero_gap;
            d = (int)c->v;
            prev_unit = 0;
        } else if (c->kind == CN_SMALL) {
            if (c->v >= last_small || d == 0) return 0;   /* "一百二百", "零十" */
            int64_t coef = d > 0 ? d : 1;                 /* leading 十 = 一十 */
            sec += coef * c->v;
            last_small = c->v;
            last_unit = c->v;
            d = -1; zero_gap = 0; prev_unit = 1;
        } else {
            int64_t part = sec + (d > 0 ? d : 0), t;
            if (c->v == 10000) {
                if (wan != 0) return 0;
                if (part == 0) {
                    if (i != 0) return 0;
                    part = 1;                             /* "万" alone: 近万 */
                }
                if (__builtin_mul_overflow(part, (int64_t)10000, &wan)) return 0;
            } else {
                if (part == 0 && !(i > 0 && it[i - 1].kind == CN_BIG && wan > 0)) {
                    if (i != 0) return 0;
                    part = 1;                             /* "亿" alone */
                }
                if (hi != 0) return 0;                    /* "一亿二亿" */
                if (__builtin_add_overflow(hi, wan, &t) ||
                    __builtin_add_overflow(t, part, &t) ||
                    __builtin_mul_overflow(t, (int64_t)100000000, &hi)) return 0;
                wan = 0;
            }
            sec = 0;
            d = -1; zero_gap = 0; prev_unit = 1;
            last_small = 10000;
            last_unit = c->v;
            *has_big = 1;
        }
    }
    int64_t tail = 0, v;
    if (d > 0) tail = elide && last_unit >= 10 ? d * (last_unit / 10) : d;
    if (__builtin_add_overflow(hi, wan, &v) || __builtin_add_overflow(v, sec, &v) ||
        __builtin_add_overflow(v, tail, &v)) return 0;
    *out = v;
    return 1;
}

/* The longest Chinese numeral starting at p (prose).  allow_bare: may start
 * with 百/千/万/亿 (after 近/逾/… or 百分之). */
static const uchar *scan_chinese(const uchar *p, const uchar *e, int allow_bare,
                                 int64_t *val, int *has_big)
{
    struct cnitem it[CN_MAXRUN];
    const uchar *ends[CN_MAXRUN];
    size_t n = 0;
    const uchar *q = p;
    while (q < e && n < CN_MAXRUN) {
        size_t l;
        unsigned cp = dec(q, e, &l);
        if (cn_class(cp, &it[n]) == CN_NONE) break;
        if (it[n].latin && n == 0) break;
        q += l;
        ends[n++] = q;
    }
    if (n == 0) return NULL;
    if (!allow_bare && (it[0].kind == CN_BIG || (it[0].kind == CN_SMALL && it[0].v != 10)))
        return NULL;
    /* Shrink until valid: "一一对应" -> "一". */
    for (size_t k = n; k > 0; k--)
        if (cn_eval(it, k, val, has_big)) return ends[k - 1];
    return NULL;
}

bool num_parse_chinese(const char *s, size_t n, int64_t *out)
{
    struct cnitem it[CN_MAXRUN];
    size_t k = 0;
    int cjk = 0, has_big;
    const uchar *p = (const uchar *)s, *e = p + (s ? n : 0);
    while (p < e) {
        size_t l;
        unsigned cp = fold(dec(p, e, &l));
        if (cp == ' ' || cp == '\r' || cp == '\n') { p += l; continue; }   /* "二 O O 八" */
        if (k == CN_MAXRUN || cn_class(cp, &it[k]) == CN_NONE) return false;
        cjk |= !it[k].latin;
        k++;
        p += l;
    }
    int64_t v;
    if (!cjk || !cn_eval(it, k, &v, &has_big)) return false;
    *out = v;
    return true;
}

/* ------------------------------------------------------------- grammar -- */

#define QNONE (-1)

static const struct { const char *s; size_t n; int q; } PREFIXES[] = {
    {L("大约"), Q_APPROX}, {L("约"), Q_APPROX},
    {L("将近"), Q_AT_MOST}, {L("接近"), Q_AT_MOST}, {L("近"), Q_AT_MOST},
    {L("不足"), Q_AT_MOST}, {L("不到"), Q_AT_MOST}, {L("不超过"), Q_AT_MOST}, {L("最多"), Q_AT_MOST},
    {L("超过"), Q_AT_LEAST}, {L("逾"), Q_AT_LEAST}, {L("超"), Q_AT_LEAST},
    {L("不少于"), Q_AT_LEAST}, {L("至少"), Q_AT_LEAST},
    /* no bound: the number is as written */
    {L("达到"), QNONE}, {L("达"), QNONE}, {L("共计"), QNONE}, {L("累计"), QNONE}, {L("合计"), QNONE},
    {L("共"), QNONE}, {L("仅"), QNONE}, {L("占"), QNONE},
};

/* May stand before or after the unit ("300左右件" is rare, "300件左右" common). */
static const struct { const char *s; size_t n; int q; } SUFFIXES[] = {
    {L("左右"), Q_APPROX}, {L("上下"), Q_APPROX}, {L("以上"), Q_AT_LEAST}, {L("开外"), Q_AT_LEAST},
    {L("以下"), Q_AT_MOST}, {L("以内"), Q_AT_MOST},
};

static const struct { const char *s; size_t n; const char *canon; int ratio_exp; } UNITS[] = {
    {L("个百分点"), "百分点", 2}, {L("百分点"), "百分点", 2},
    {L("人次"), "人次", 0}, {L("条"), "条", 0}, {L("件"), "件", 0}, {L("次"), "次", 0},
    {L("人"), "人", 0}, {L("个"), "个", 0}, {L("场"), "场", 0}, {L("期"), "期", 0},
    {L("篇"), "篇", 0}, {L("份"), "份", 0}, {L("项"), "项", 0}, {L("家"), "家", 0},
    {L("起"), "起", 0}, {L("宗"), "宗", 0}, {L("册"), "册", 0}, {L("笔"), "笔", 0}, {L("元"), "元", 0},
    {L("%"), "%", 2}, {L("\xEF\xBC\x85"), "%", 2} /* ％ */, {L("\xE2\x80\xB0"), "\xE2\x80\xB0", 3} /* ‰ */,
};

static size_t match_unit(const uchar *p, const uchar *e, size_t *idx)
{
    size_t best = 0;
    if (p >= e || (*p < 0x80 && *p != '%')) return 0;     /* cheap reject */
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
        size_t l = litn(p, e, UNITS[i].s, UNITS[i].n);
        if (l > best) { best = l; *idx = i; }
    }
    return best;
}

static size_t match_suffix(const uchar *p, const uchar *e, int *q)
{
    if (p >= e || *p < 0xE0) return 0;                    /* all are CJK */
    for (size_t i = 0; i < sizeof SUFFIXES / sizeof SUFFIXES[0]; i++) {
        size_t l = litn(p, e, SUFFIXES[i].s, SUFFIXES[i].n);
        if (l) { *q = SUFFIXES[i].q; return l; }
    }
    return 0;
}

/* Multiplier after Arabic digits: [十|百|千] [万 [亿] | 亿].  十/百 directly
 * before 分 are 十分 ("very") and 百分之/百分点, not multipliers. */
static size_t match_mult(const uchar *p, const uchar *e, int *exp)
{
    const uchar *q = p;
    size_t l;
    int x = 0;
    if ((l = lit(q, e, "十")) && !lit(q + l, e, "分")) { x = 1; q += l; }
    else if ((l = lit(q, e, "百")) && !lit(q + l, e, "分")) { x = 2; q += l; }
    else if ((l = lit(q, e, "千"))) { x = 3; q += l; }
    if ((l = lit(q, e, "万"))) {
        x += 4; q += l;
        if ((l = lit(q, e, "亿"))) { x += 8; q += l; }
    } else if ((l = lit(q, e, "亿"))) {
        x += 8; q += l;
    }
    *exp = x;
    return x ? (size_t)(q - p) : 0;
}

static int combine(int a, int b)
{
    if (a == QNONE) return b;
    if (b == QNONE) return a;
    return a == b ? a : Q_APPROX;
}

enum { PM_CELL = 1, PM_NO_PREFIX = 2 };

/* number := [prefix_q] ['百分之'] core [余|多|来] [mult [余|多]] [suffix_q] [unit] [suffix_q]
 * Fills *out (status VALUE) and returns the end of the last consumed part, or
 * NULL if no number starts at s.  PM_CELL: Arabic core only. */
static const uchar *parse_number(const uchar *s, const uchar *e, int mode, struct numval *out)
{
    const uchar *p = s, *t;
    int pq = QNONE, sq = QNONE, have_prefix = 0, pct = 0;
    size_t l;

    if (!(mode & PM_NO_PREFIX) && p < e && *p >= 0xE0) {  /* prefixes are CJK */
        size_t best = 0;
        for (size_t i = 0; i < sizeof PREFIXES / sizeof PREFIXES[0]; i++) {
            l = litn(p, e, PREFIXES[i].s, PREFIXES[i].n);
            if (l > best) { best = l; pq = PREFIXES[i].q; }
        }
        if (best) { have_prefix = 1; p = skip_sp(p + best, e); }
    }
    if (p < e && *p >= 0xE0 && (l = lit(p, e, "百分之"))) { pct = 1; p = skip_sp(p + l, e); }

    /* core */
    uint64_t digits;
    int scale = 0, tz, chinese = 0, has_big = 0;
    unsigned c = peekf(p, e, &l);
    if (is_digit(c)) {
        struct arabic a;
        if (!(p = scan_arabic(p, e, &a))) return NULL;
        digits = a.mant; scale = a.scale; tz = a.tz;
    } else if (!(mode & PM_CELL)) {
        int64_t v;
        if (!(p = scan_chinese(p, e, have_prefix || pct, &v, &has_big))) return NULL;
        digits = (uint64_t)v; tz = tz_count(digits); chinese = 1;
    } else {
        return NULL;
    }
    const uchar *end = p;

    /* 余/多/来 right after the digits: "500余", "10余万", "10来个" */
    int tz_rule = 0, m = 0, yu = 0;
    t = skip_sp(end, e);
    if ((l = lit(t, e, "余")) || (l = lit(t, e, "多"))) {
        sq = Q_AT_LEAST; tz_rule = yu = 1; end = t + l;
    } else if ((l = lit(t, e, "来"))) {
        size_t ui;
        int x;
        const uchar *u = skip_sp(t + l, e);
        if (!pct && (match_unit(u, e, &ui) || match_mult(u, e, &x))) {
            sq = Q_APPROX; tz_rule = yu = 1; end = t + l;
        }
    }

    /* Multiplier: after Arabic digits, or after 余 following a Chinese numeral
     * ("十余万"; otherwise 万 is part of the numeral itself). */
    if (!pct && (!chinese || yu)) {
        t = skip_sp(end, e);
        if ((l = match_mult(t, e, &m))) {
            end = t + l;
            if (!yu) {
                t = skip_sp(end, e);
                if ((l = lit(t, e, "余")) || (l = lit(t, e, "多"))) { sq = Q_AT_LEAST; end = t + l; }
            }
        }
    }

    /* suffix qualifier, unit, suffix qualifier */
    int fq, money = 0, ratio_exp = pct ? 2 : 0;
    const char *unit = pct ? "%" : "";
    t = skip_sp(end, e);
    if ((l = match_suffix(t, e, &fq))) { sq = combine(sq, fq); end = t + l; }
    if (!pct) {
        size_t ui;
        t = skip_sp(end, e);
        if ((l = match_unit(t, e, &ui))) {
            unit = UNITS[ui].canon;
            ratio_exp = UNITS[ui].ratio_exp;
            money = (m > 0 || has_big) && strcmp(unit, "元") == 0;
            end = t + l;
            t = skip_sp(end, e);
            if ((l = match_suffix(t, e, &fq))) { sq = combine(sq, fq); end = t + l; }
        }
    }

    /* qualifier */
    int q = combine(pq, sq);
    if (q == QNONE) q = (m > 0 || has_big) && !money ? Q_ROUNDED : Q_EXACT;

    /* value = digits × 10^-scale × 10^m, kept exact: consume the multiplier
     * with the decimals first ("26.8万" -> 268000 scale 0). */
    int ns = scale > m ? scale - m : 0;
    int k = m - scale + ns;
    int64_t mant = (int64_t)digits, prec = 1;
    if (!mul_pow10(&mant, k) || !mul_pow10(&prec, k)) return NULL;
    /* prec is now the place of the last written digit; bounds and rounded
     * Chinese numerals widen it to 10^(trailing zeros) (see header). */
    if ((tz_rule || (m == 0 && q != Q_EXACT)) && !mul_pow10(&prec, tz)) return NULL;
    if (q == Q_ROUNDED && prec == 1) q = Q_EXACT;
    ns += ratio_exp;
    if (ns > 9) return NULL;

    clear(out, CELL_VALUE);
    out->q = (enum qualifier)q;
    out->mant = mant;
    out->scale = ns;
    out->precision = prec;
    out->is_ratio = ratio_exp > 0;
    set_unit(out, unit);
    return end;
}

/* ---------------------------------------------------------------- cells -- */

/* One trimmable item at p (whitespace, NBSP, U+3000, zero-width, &nbsp;)? */
static size_t space_at(const uchar *p, const uchar *e)
{
    size_t n = (size_t)(e - p);
    if (n == 0) return 0;
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f') return 1;
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 2;
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3;     /* U+3000 */
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B) return 3;     /* U+200B */
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return 3;     /* BOM */
    if (n >= 6 && ascii_ieq(p, 6, "&nbsp;")) return 6;
    if (n >= 6 && ascii_ieq(p, 6, "&#160;")) return 6;
    return 0;
}

static size_t space_before(const uchar *b, const uchar *e)
{
    size_t n = (size_t)(e - b);
    static const size_t lens[] = {1, 2, 3, 6};
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
        if (n >= lens[i] && space_at(e - lens[i], e) == lens[i]) return lens[i];
    return 0;
}

static int is_dash(unsigned cp)
{
    switch (cp) {
    case '-': case 0x2014: case 0x2013: case 0xFF0D: case 0x2015: case 0x2500:
    case 0x2212: case 0x2012: case 0x2501: case 0x2026: case 0x22EF:
        return 1;
    default:
        return 0;
    }
}

static int is_slash(unsigned cp)
{
    return cp == '/' || cp == 0xFF0F || cp == '\\' || cp == 0xFF3C;
}

/* §6.2: a cell made only of dashes/ellipses, or only of slashes, or a
 * not-applicable word. */
static int is_na(const uchar *b, const uchar *e)
{
    static const char *const words[] = {"不适用", "N/A", "NA", "n.a."};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (ascii_ieq(b, (size_t)(e - b), words[i])) return 1;   /* bytewise for 不适用 */
    int dash = 1, slash = 1;
    for (const uchar *p = b; p < e;) {
        size_t l;
        unsigned cp = dec(p, e, &l);
        dash &= is_dash(cp);
        slash &= is_slash(cp);
        if (!dash && !slash) return 0;
        p += l;
    }
    return 1;
}

static int is_zero_word(const uchar *b, const uchar *e)
{
    static const char *const words[] = {
        "〇", "○", "零", "无", "没有", "暂无", "空", "为零", "为0", "为０", "为〇",
        "無", "沒有", "暫無", "為零", "為0",
    };
    if (*b < 0x80) return 0;                              /* all start with CJK */
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (lit(b, e, words[i]) == (size_t)(e - b)) return 1;
    return 0;
}

/* §6.1 rule 3: OCR confusables in an otherwise numeric cell ("2O19" -> 2019).
 * Writes the repaired bytes to buf; returns 0 when the rule does not apply. */
static int ocr_fix(const uchar *b, const uchar *e, uchar *buf, size_t cap, size_t *outn)
{
    int digit = 0, conf = 0;
    size_t n = 0;
    for (const uchar *p = b; p < e;) {
        size_t l;
        unsigned c = fold(dec(p, e, &l));
        if (c == 'O' || c == 'o') { c = '0'; conf = 1; }
        else if (c == 'l' || c == 'I') { c = '1'; conf = 1; }
        else if (is_digit(c)) digit = 1;
        else if (c != '.' && c != ',') return 0;
        if (n == cap) return 0;
        buf[n++] = (uchar)c;
        p += l;
    }
    *outn = n;
    return digit && conf;
}

/* A note after the number: "22（其中修订 16 件）".  The rest must be one
 * parenthesised span reaching the end of the cell. */
static int is_note(const uchar *p, const uchar *e)
{
    size_t l, ln = 0;
    unsigned c = dec(p, e, &l);
    if (c != '(' && c != 0xFF08) return 0;
    if (e - p >= 1 && e[-1] == ')') ln = 1;
    else if (e - p >= 3 && memcmp(e - 3, "\xEF\xBC\x89", 3) == 0) ln = 3;     /* ） */
    return ln && (size_t)(e - p) > l;
}

enum cell_status num_parse_cell(const char *s, size_t n, bool allow_negative, struct numval *out)
{
    const uchar *b = (const uchar *)s, *e = b + (s ? n : 0);
    size_t l;
    clear(out, CELL_UNPARSEABLE);

    while ((l = space_at(b, e))) b += l;
    while (e > b && (l = space_before(b, e))) e -= l;
    if (b == e) return out->status = CELL_BLANK;
    if (is_na(b, e)) return out->status = CELL_NA;
    if (is_zero_word(b, e)) {
        clear(out, CELL_VALUE);
        out->zero_word = true;
        return out->status;
    }

    uchar buf[64];
    size_t bn;
    if (ocr_fix(b, e, buf, sizeof buf, &bn)) { b = buf; e = buf + bn; }

    /* sign: "+1", "-8", "－8" (a dash counts as a sign only before a digit) */
    int neg = 0, mode = PM_CELL;
    unsigned c = peekf(b, e, &l);
    if (c == '+' || c == '-') {
        size_t l2;
        if (is_digit(peekf(b + l, e, &l2))) {
            neg = c == '-';
            b += l;
            mode |= PM_NO_PREFIX;
        }
    }
    if (neg && !allow_negative) return out->status;

    const uchar *end = parse_number(b, e, mode, out);
    if (!end) { clear(out, CELL_UNPARSEABLE); return out->status; }
    const uchar *rest = skip_sp(end, e);
    if (rest != e && !is_note(rest, e)) { clear(out, CELL_UNPARSEABLE); return out->status; }
    if (neg) out->mant = -out->mant;
    return out->status;
}

/* --------------------------------------------------------------- tokens -- */

size_t num_parse_token(const char *s, size_t n, struct numval *out)
{
    const uchar *b = (const uchar *)s, *e = b + (s ? n : 0);
    clear(out, CELL_UNPARSEABLE);
    /* Fast path: prose is mostly not numbers, and no ASCII byte but a digit
     * can start one (full-width digits and Chinese are multi-byte). */
    if (b == e || (*b < 0x80 && !is_digit(*b))) return 0;
    const uchar *end = parse_number(b, e, 0, out);
    if (!end) { clear(out, CELL_UNPARSEABLE); return 0; }
    return (size_t)(end - b);
}

/* ---------------------------------------------------------- conversion -- */

bool num_to_v100(const struct numval *v, int64_t factor, int64_t *v100)
{
    /* Work on magnitudes so rounding is half away from zero; the scale bound
     * keeps d*d below 2^64 in the remainder product. */
    if (v->scale < 0 || v->scale > 11) return false;
    int neg = (v->mant < 0) != (factor < 0);
    uint64_t m = v->mant < 0 ? (uint64_t)0 - (uint64_t)v->mant : (uint64_t)v->mant;
    uint64_t f = factor < 0 ? (uint64_t)0 - (uint64_t)factor : (uint64_t)factor;
    uint64_t r;
    if (v->scale <= 2) {
        if (__builtin_mul_overflow(m, f, &r) ||
            __builtin_mul_overflow(r, (uint64_t)P10[2 - v->scale], &r)) return false;
    } else {
        /* m*f/d = q*f + rem*fq + rem*fr/d  with m = q*d+rem, f = fq*d+fr.
         * rem*fq < f and rem*fr < d^2 <= 10^18, so only q*f can overflow. */
        uint64_t d = (uint64_t)P10[v->scale - 2];
        uint64_t q = m / d, rem = m % d, fq = f / d, fr = f % d;
        uint64_t a, num = rem * fr, c = num / d, rr = num % d;
        if (2 * rr >= d) c++;
        if (__builtin_mul_overflow(q, f, &a) ||
            __builtin_add_overflow(a, rem * fq, &a) ||
            __builtin_add_overflow(a, c, &r)) return false;
    }
    if (neg) {
        if (r > (uint64_t)INT64_MAX + 1) return false;
        *v100 = r == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)r;
    } else {
        if (r > (uint64_t)INT64_MAX) return false;
        *v100 = (int64_t)r;
    }
    return true;
}
