/* check_numparse.c - unit tests for numparse.c (DOMAIN §6.1-6.7).
 * Every test vector of §6.4 and §6.7 is here with its exact mant/scale/q/
 * precision/unit, plus the label chunks the lexer must keep as TEXT. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "ogistat/numparse.h"

Suite *suite_numparse(void);

/* Expected parse result; precision is in the units of mant (see numparse.h). */
struct want {
    enum cell_status st;
    int64_t mant;
    int scale;
    enum qualifier q;
    int64_t prec;
    const char *unit;
    bool ratio, zw;
};

static void check_val(const char *what, const char *s, const struct numval *v, const struct want *w, int line)
{
    ck_assert_msg(v->status == w->st, "line %d %s '%s': status %d, want %d", line, what, s, v->status, w->st);
    if (w->st != CELL_VALUE) return;
    ck_assert_msg(v->mant == w->mant, "line %d %s '%s': mant %lld, want %lld", line, what, s,
                  (long long)v->mant, (long long)w->mant);
    ck_assert_msg(v->scale == w->scale, "line %d %s '%s': scale %d, want %d", line, what, s, v->scale, w->scale);
    ck_assert_msg(v->q == w->q, "line %d %s '%s': q %d, want %d", line, what, s, v->q, w->q);
    ck_assert_msg(v->precision == w->prec, "line %d %s '%s': precision %lld, want %lld", line, what, s,
                  (long long)v->precision, (long long)w->prec);
    ck_assert_msg(strcmp(v->unit, w->unit) == 0, "line %d %s '%s': unit '%s', want '%s'", line, what, s,
                  v->unit, w->unit);
    ck_assert_msg(v->is_ratio == w->ratio, "line %d %s '%s': is_ratio %d", line, what, s, v->is_ratio);
    ck_assert_msg(v->zero_word == w->zw, "line %d %s '%s': zero_word %d", line, what, s, v->zero_word);
}

static void cell_is(const char *s, bool neg, struct want w, int line)
{
    struct numval v;
    enum cell_status st = num_parse_cell(s, strlen(s), neg, &v);
    ck_assert_msg(st == v.status, "line %d: return value differs from out->status", line);
    check_val("cell", s, &v, &w, line);
}

static void token_is(const char *s, size_t want_len, struct want w, int line)
{
    struct numval v;
    size_t n = num_parse_token(s, strlen(s), &v);
    ck_assert_msg(n == want_len, "line %d token '%s': consumed %zu, want %zu", line, s, n, want_len);
    if (want_len == 0) w.st = CELL_UNPARSEABLE;
    check_val("token", s, &v, &w, line);
}

/* value shorthands */
#define V(m, sc, q, p, u) ((struct want){CELL_VALUE, (m), (sc), (q), (p), (u), false, false})
#define R(m, sc, q, p, u) ((struct want){CELL_VALUE, (m), (sc), (q), (p), (u), true, false})
#define ZW ((struct want){CELL_VALUE, 0, 0, Q_EXACT, 1, "", false, true})
#define ST(s) ((struct want){(s), 0, 0, Q_EXACT, 1, "", false, false})
#define CELL(s, w) cell_is((s), false, (w), __LINE__)
#define CELLNEG(s, w) cell_is((s), true, (w), __LINE__)
#define TOK(s, n, w) token_is((s), (n), (w), __LINE__)
#define NOTOK(s) token_is((s), 0, ST(CELL_UNPARSEABLE), __LINE__)
#define BAD(s) do { CELL((s), ST(CELL_UNPARSEABLE)); CELLNEG((s), ST(CELL_UNPARSEABLE)); } while (0)

/* ------------------------------------------------------------- cells -- */

START_TEST(cell_blank)
{
    CELL("", ST(CELL_BLANK));
    CELL("   ", ST(CELL_BLANK));
    CELL("\t \t", ST(CELL_BLANK));
    CELL("&nbsp;", ST(CELL_BLANK));
    CELL(" &nbsp;&NBSP; ", ST(CELL_BLANK));
    CELL("\xE3\x80\x80", ST(CELL_BLANK));          /* U+3000 */
    CELL("\xC2\xA0\xC2\xA0", ST(CELL_BLANK));      /* NBSP */
    struct numval v;
    ck_assert_int_eq(num_parse_cell(NULL, 0, false, &v), CELL_BLANK);
}
END_TEST

START_TEST(cell_na)
{
    static const char *const na[] = {
        "/", "／", "\\", "-", "—", "——", "–", "－", "―", "─", "…", "……", "--",
        "N/A", "n/a", "NA", "不适用", " / ", "&nbsp;—&nbsp;", "\xE3\x80\x80-\xE3\x80\x80",
    };
    for (size_t i = 0; i < sizeof na / sizeof na[0]; i++) {
        CELL(na[i], ST(CELL_NA));
        CELLNEG(na[i], ST(CELL_NA));   /* a lone "-" is NA even where -8 is allowed */
    }
}
END_TEST

START_TEST(cell_zero_words)
{
    static const char *const zw[] = {"〇", "零", "无", "没有", "暂无", "空", "为零", "为0", "○", " 无 "};
    for (size_t i = 0; i < sizeof zw / sizeof zw[0]; i++) CELL(zw[i], ZW);
    /* plain 0 is a number, not a zero word (§6.7 "0"→0) */
    CELL("0", V(0, 0, Q_EXACT, 1, ""));
    CELL("０", V(0, 0, Q_EXACT, 1, ""));
    CELL("0.00", V(0, 2, Q_EXACT, 1, ""));
    CELL("0件", V(0, 0, Q_EXACT, 1, "件"));
    BAD("零件");                        /* "parts", not a zero */
    BAD("无收费");
}
END_TEST

START_TEST(cell_vectors)
{
    /* §6.4 */
    CELL("１２３", V(123, 0, Q_EXACT, 1, ""));
    CELL("1,234件", V(1234, 0, Q_EXACT, 1, "件"));
    CELLNEG("-8", V(-8, 0, Q_EXACT, 1, ""));
    CELL("80618元", V(80618, 0, Q_EXACT, 1, "元"));
    CELL("0.5", V(5, 1, Q_EXACT, 1, ""));            /* ×10⁴ is the column's job */
    CELL("86.92%", R(8692, 4, Q_EXACT, 1, "%"));
    CELL("500余条", V(500, 0, Q_AT_LEAST, 100, "条"));
    CELL("2万", V(20000, 0, Q_ROUNDED, 10000, ""));
    /* §6.7 */
    CELL("３５", V(35, 0, Q_EXACT, 1, ""));
    CELL("1，234", V(1234, 0, Q_EXACT, 1, ""));
    BAD("12，3");                                   /* two numbers, not a thousands group */
    CELL("0.35", V(35, 2, Q_EXACT, 1, ""));
    CELL("/", ST(CELL_NA));
    CELL("—", ST(CELL_NA));
    CELL("", ST(CELL_BLANK));
    CELL("无", ZW);
    CELL("0", V(0, 0, Q_EXACT, 1, ""));
}
END_TEST

START_TEST(cell_numbers)
{
    CELL("7730.28", V(773028, 2, Q_EXACT, 1, ""));
    CELL("4068.208", V(4068208, 3, Q_EXACT, 1, ""));
    CELL("24252.311082", V(24252311082LL, 6, Q_EXACT, 1, ""));
    CELL("1.123456789", V(1123456789, 9, Q_EXACT, 1, ""));
    BAD("1.1234567891");                            /* more than 9 decimals */
    CELL("2023", V(2023, 0, Q_EXACT, 1, ""));       /* context decides elsewhere */
    CELL("007", V(7, 0, Q_EXACT, 1, ""));
    CELL("  12  ", V(12, 0, Q_EXACT, 1, ""));
    CELL("&nbsp;12&nbsp;", V(12, 0, Q_EXACT, 1, ""));
    CELL("\xE3\x80\x80" "12" "\xC2\xA0", V(12, 0, Q_EXACT, 1, ""));
    CELL("１，２３４．５", V(12345, 1, Q_EXACT, 1, ""));
    CELL("1,234,567", V(1234567, 0, Q_EXACT, 1, ""));
    CELL("1,234.56", V(123456, 2, Q_EXACT, 1, ""));
    BAD("1,2345");
    BAD("1234,567");                                /* first group longer than 3 */
    BAD("1,234,56");
    BAD("1,23");
    /* units */
    CELL("12件", V(12, 0, Q_EXACT, 1, "件"));
    CELL("3人次", V(3, 0, Q_EXACT, 1, "人次"));
    CELL("5人", V(5, 0, Q_EXACT, 1, "人"));
    CELL("12 件", V(12, 0, Q_EXACT, 1, "件"));
    CELL("4068.208万元", V(40682080, 0, Q_EXACT, 10, "元"));
    CELL("0.35万元", V(3500, 0, Q_EXACT, 100, "元"));
    CELL("1.5亿元", V(150000000, 0, Q_EXACT, 10000000, "元"));
    CELL("3千元", V(3000, 0, Q_EXACT, 1000, "元"));
    CELL("13575394432.52元", V(1357539443252LL, 2, Q_EXACT, 1, "元"));
    BAD("12户");                                    /* unknown unit */
    /* signs */
    CELL("+1", V(1, 0, Q_EXACT, 1, ""));
    CELLNEG("+1", V(1, 0, Q_EXACT, 1, ""));
    CELL("-8", ST(CELL_UNPARSEABLE));
    CELLNEG("－8", V(-8, 0, Q_EXACT, 1, ""));       /* full-width minus */
    CELLNEG("−2", V(-2, 0, Q_EXACT, 1, ""));        /* U+2212 */
    CELLNEG("-2.5", V(-25, 1, Q_EXACT, 1, ""));
    CELLNEG("-18538", V(-18538, 0, Q_EXACT, 1, ""));
    BAD("—8");                                      /* an em dash is not a sign */
    /* notes after the number */
    CELL("22（其中修订 16 件）", V(22, 0, Q_EXACT, 1, ""));
    CELL("55（含自然失效 29 件）", V(55, 0, Q_EXACT, 1, ""));
    CELL("3件(含转办1件)", V(3, 0, Q_EXACT, 1, "件"));
    BAD("22（其中修订 16 件");                     /* unclosed */
    BAD("22 其中修订16件");
    /* qualifiers inside a cell */
    CELL("约10万元", V(100000, 0, Q_APPROX, 10000, "元"));
    CELL("近3000", V(3000, 0, Q_AT_MOST, 1000, ""));
    CELL("1600多份", V(1600, 0, Q_AT_LEAST, 100, "份"));
    CELL("10余万元", V(100000, 0, Q_AT_LEAST, 100000, "元"));
    CELL("300件左右", V(300, 0, Q_APPROX, 100, "件"));
    /* percentages */
    CELL("６.６１％", R(661, 4, Q_EXACT, 1, "%"));
    CELL("100%", R(100, 2, Q_EXACT, 1, "%"));
    CELL("5‰", R(5, 3, Q_EXACT, 1, "‰"));
    CELL("百分之80", R(80, 2, Q_EXACT, 1, "%"));
    /* OCR confusables (§6.1 rule 3) */
    CELL("2O19", V(2019, 0, Q_EXACT, 1, ""));
    CELL("l0", V(10, 0, Q_EXACT, 1, ""));
    BAD("O");
    BAD("lO");
}
END_TEST

START_TEST(cell_labels)
{
    /* The lexer asks num_parse_cell whether a chunk is a value: these are text. */
    static const char *const text[] = {
        "1.属于国家秘密", "（一）予以公开", "(一)予以公开", "第二十条第（一）项", "2.", "1.",
        "规章", "2023年", "-3-", "1、", "一、", "三", "十二", "两千", "一百零五", "万元",
        "千元", "（单位：万元）", "百分之", "约", "共计", "99999999999999999999999",
        "9223372036854775808", "1.2.3", "3/4", "1-2", "2023-12-31", "12:30", "①", "第1",
        "其中:", "230 000023", "12 3", "%", "元", "余", ".5", "1O件", "12三",
    };
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) BAD(text[i]);
    /* int64 limits */
    CELL("9223372036854775807", V(INT64_MAX, 0, Q_EXACT, 1, ""));
    CELLNEG("-9223372036854775807", V(-INT64_MAX, 0, Q_EXACT, 1, ""));
    BAD("922337203685477580.8万");
    BAD("1.23456789%");                             /* the ratio would need scale 10 */
}
END_TEST

START_TEST(cell_unit_truncation)
{
    /* unit is always NUL-terminated and never splits a code point */
    struct numval v;
    num_parse_cell("5个百分点", strlen("5个百分点"), false, &v);
    ck_assert_int_eq(v.status, CELL_VALUE);
    ck_assert_str_eq(v.unit, "百分点");
    ck_assert(v.is_ratio);
    ck_assert_int_eq(v.mant, 5);
    ck_assert_int_eq(v.scale, 2);
    ck_assert(memchr(v.unit, 0, sizeof v.unit) != NULL);
}
END_TEST

/* ------------------------------------------------------------ tokens -- */

START_TEST(token_vectors)
{
    /* §6.4 */
    TOK("500余条", 9, V(500, 0, Q_AT_LEAST, 100, "条"));
    TOK("1600多份", 10, V(1600, 0, Q_AT_LEAST, 100, "份"));
    TOK("3000余份", 10, V(3000, 0, Q_AT_LEAST, 1000, "份"));
    TOK("2万", 4, V(20000, 0, Q_ROUNDED, 10000, ""));
    TOK("1.2万余条", 12, V(12000, 0, Q_AT_LEAST, 1000, "条"));
    TOK("26.8万条", 10, V(268000, 0, Q_ROUNDED, 1000, "条"));
    TOK("约10万元", 11, V(100000, 0, Q_APPROX, 10000, "元"));
    TOK("近万条", 9, V(10000, 0, Q_AT_MOST, 10000, "条"));
    TOK("一千二百", 12, V(1200, 0, Q_EXACT, 1, ""));
    TOK("１２３", 9, V(123, 0, Q_EXACT, 1, ""));
    TOK("1,234件", 8, V(1234, 0, Q_EXACT, 1, "件"));
    TOK("80618元", 8, V(80618, 0, Q_EXACT, 1, "元"));
    TOK("占86.92%", 9, R(8692, 4, Q_EXACT, 1, "%"));
    TOK("百分之八十", 15, R(80, 2, Q_EXACT, 1, "%"));
    /* §6.7 */
    TOK("３５", 6, V(35, 0, Q_EXACT, 1, ""));
    TOK("1，234", 7, V(1234, 0, Q_EXACT, 1, ""));
    TOK("12，3", 2, V(12, 0, Q_EXACT, 1, ""));     /* list comma: 12, then 3 */
    TOK("3", 1, V(3, 0, Q_EXACT, 1, ""));
    TOK("十二", 6, V(12, 0, Q_EXACT, 1, ""));
    TOK("一百零五", 12, V(105, 0, Q_EXACT, 1, ""));
    TOK("两千", 6, V(2000, 0, Q_EXACT, 1, ""));
    TOK("一万五", 9, V(15000, 0, Q_ROUNDED, 1000, ""));
    TOK("10余万元", 11, V(100000, 0, Q_AT_LEAST, 100000, "元"));
    TOK("约1.5万条", 12, V(15000, 0, Q_APPROX, 1000, "条"));
    TOK("超过300件", 12, V(300, 0, Q_AT_LEAST, 100, "件"));
    TOK("不足50件", 11, V(50, 0, Q_AT_MOST, 10, "件"));
    TOK("0.35万元", 10, V(3500, 0, Q_EXACT, 100, "元"));
    TOK("80618元", 8, V(80618, 0, Q_EXACT, 1, "元"));
    TOK("占6.61%", 8, R(661, 4, Q_EXACT, 1, "%"));
}
END_TEST

START_TEST(token_grammar)
{
    /* prefixes */
    TOK("大约200人", 12, V(200, 0, Q_APPROX, 100, "人"));
    TOK("将近100场", 12, V(100, 0, Q_AT_MOST, 100, "场"));
    TOK("接近90篇", 11, V(90, 0, Q_AT_MOST, 10, "篇"));
    TOK("逾千人", 9, V(1000, 0, Q_AT_LEAST, 1000, "人"));
    TOK("超300件", 9, V(300, 0, Q_AT_LEAST, 100, "件"));
    TOK("不到20个", 11, V(20, 0, Q_AT_MOST, 10, "个"));
    TOK("达12期", 8, V(12, 0, Q_EXACT, 1, "期"));
    TOK("共计2069条", 13, V(2069, 0, Q_EXACT, 1, "条"));
    TOK("累计81916条", 14, V(81916, 0, Q_EXACT, 1, "条"));
    TOK("合计3家", 10, V(3, 0, Q_EXACT, 1, "家"));
    TOK("仅1项", 7, V(1, 0, Q_EXACT, 1, "项"));
    TOK("共计2万条", 13, V(20000, 0, Q_ROUNDED, 10000, "条"));   /* 共计 is no bound */
    /* multipliers and their precision */
    TOK("2千", 4, V(2000, 0, Q_ROUNDED, 1000, ""));
    TOK("1.5亿", 6, V(150000000, 0, Q_ROUNDED, 10000000, ""));
    TOK("3千万", 7, V(30000000, 0, Q_ROUNDED, 10000000, ""));
    TOK("1.2345万", 9, V(12345, 0, Q_EXACT, 1, ""));              /* fully determined */
    TOK("0.00001万", 10, V(1, 1, Q_EXACT, 1, ""));     /* 0.1, to the written digit */
    TOK("2万多人次", 13, V(20000, 0, Q_AT_LEAST, 10000, "人次"));
    TOK("10多万元", 11, V(100000, 0, Q_AT_LEAST, 100000, "元"));
    TOK("十余万元", 12, V(100000, 0, Q_AT_LEAST, 100000, "元"));
    /* suffix qualifiers */
    TOK("10来个", 8, V(10, 0, Q_APPROX, 10, "个"));
    TOK("10来访", 2, V(10, 0, Q_EXACT, 1, ""));
    TOK("300件左右", 12, V(300, 0, Q_APPROX, 100, "件"));
    TOK("300左右", 9, V(300, 0, Q_APPROX, 100, ""));
    TOK("500上下", 9, V(500, 0, Q_APPROX, 100, ""));
    TOK("50%以上", 9, R(50, 2, Q_AT_LEAST, 10, "%"));
    TOK("20件以下", 11, V(20, 0, Q_AT_MOST, 10, "件"));
    TOK("15个工作日", 5, V(15, 0, Q_EXACT, 1, "个"));
    TOK("近500余件", 12, V(500, 0, Q_APPROX, 100, "件"));         /* contradiction */
    TOK("超过300余件", 15, V(300, 0, Q_AT_LEAST, 100, "件"));
    /* spaces between parts (never after the last part) */
    TOK("约 10 万元 ", 13, V(100000, 0, Q_APPROX, 10000, "元"));
    TOK("640 件", 7, V(640, 0, Q_EXACT, 1, "件"));
    TOK("12 ", 2, V(12, 0, Q_EXACT, 1, ""));
    TOK("230 000023", 3, V(230, 0, Q_EXACT, 1, ""));
    /* ratios */
    TOK("百分之九十五", 18, R(95, 2, Q_EXACT, 1, "%"));
    TOK("百分之百", 12, R(100, 2, Q_EXACT, 1, "%"));
    TOK("约百分之八十", 18, R(80, 2, Q_APPROX, 10, "%"));
    TOK("90.3%", 5, R(903, 3, Q_EXACT, 1, "%"));
    TOK("3个百分点", 13, R(3, 2, Q_EXACT, 1, "百分点"));
    TOK("5‰", 4, R(5, 3, Q_EXACT, 1, "‰"));
    /* units: longest match, 人次 before 人 */
    TOK("3人次", 7, V(3, 0, Q_EXACT, 1, "人次"));
    TOK("2起", 4, V(2, 0, Q_EXACT, 1, "起"));
    TOK("12次会议", 5, V(12, 0, Q_EXACT, 1, "次"));
}
END_TEST

START_TEST(token_chinese_and_rejects)
{
    TOK("二十条", 9, V(20, 0, Q_EXACT, 1, "条"));
    TOK("二十条第一款", 9, V(20, 0, Q_EXACT, 1, "条"));
    TOK("三百五十万元", 18, V(3500000, 0, Q_EXACT, 1, "元"));
    TOK("两万", 6, V(20000, 0, Q_ROUNDED, 10000, ""));
    TOK("十二万", 9, V(120000, 0, Q_ROUNDED, 10000, ""));
    TOK("一百余件", 12, V(100, 0, Q_AT_LEAST, 100, "件"));
    TOK("二〇一三年", 12, V(2013, 0, Q_EXACT, 1, ""));
    TOK("一一对应", 3, V(1, 0, Q_EXACT, 1, ""));
    TOK("二O一三年", 10, V(2013, 0, Q_EXACT, 1, ""));      /* Latin O inside a year */
    TOK("十OA", 3, V(10, 0, Q_EXACT, 1, ""));
    TOK("近百人", 9, V(100, 0, Q_AT_MOST, 100, "人"));
    TOK("壹仟贰佰元", 15, V(1200, 0, Q_EXACT, 1, "元"));
    /* no number at the start */
    NOTOK("");
    NOTOK("第二十条");
    NOTOK("万元");
    NOTOK("千元");
    NOTOK("百分之");
    NOTOK("近年来");
    NOTOK("约");
    NOTOK("共有");
    NOTOK("abc");
    NOTOK(" 12");                                   /* must start at s */
    NOTOK("-8");                                    /* prose takes no sign */
    NOTOK("O");
    NOTOK("（一）");
    NOTOK("99999999999999999999999件");             /* overflow: never wraps */
    NOTOK("1.1234567891");
    NOTOK("922337203685477580.8万");
    /* a number then something that is not part of it */
    TOK("1.属于国家秘密", 1, V(1, 0, Q_EXACT, 1, ""));
    TOK("2019-2020", 4, V(2019, 0, Q_EXACT, 1, ""));
    TOK("2023年", 4, V(2023, 0, Q_EXACT, 1, ""));
    TOK("5千米", 4, V(5000, 0, Q_ROUNDED, 1000, ""));
    TOK("3十分", 1, V(3, 0, Q_EXACT, 1, ""));       /* 十分 = "very" */
    TOK("1,2345", 1, V(1, 0, Q_EXACT, 1, ""));
    /* token on a length-limited view: no reading past n */
    struct numval v;
    ck_assert_uint_eq(num_parse_token("123456", 3, &v), 3);
    ck_assert_int_eq(v.mant, 123);
    ck_assert_uint_eq(num_parse_token("12万", 4, &v), 2);   /* 万 cut in the middle */
    ck_assert_int_eq(v.mant, 12);
    ck_assert_uint_eq(num_parse_token(NULL, 0, &v), 0);
}
END_TEST

/* ----------------------------------------------------------- chinese -- */

static int64_t cn(const char *s, bool *ok)
{
    int64_t v = -1;
    *ok = num_parse_chinese(s, strlen(s), &v);
    return v;
}

#define CN_OK(s, want) do { bool ok_; int64_t v_ = cn((s), &ok_); \
    ck_assert_msg(ok_, "'%s' rejected", (s)); \
    ck_assert_msg(v_ == (want), "'%s' = %lld, want %lld", (s), (long long)v_, (long long)(want)); } while (0)
#define CN_BAD(s) do { bool ok_; cn((s), &ok_); ck_assert_msg(!ok_, "'%s' accepted", (s)); } while (0)

START_TEST(chinese_numerals)
{
    CN_OK("零", 0);
    CN_OK("〇", 0);
    CN_OK("一", 1);
    CN_OK("九", 9);
    CN_OK("十", 10);
    CN_OK("十二", 12);
    CN_OK("二十", 20);
    CN_OK("二十五", 25);
    CN_OK("一百", 100);
    CN_OK("一百零五", 105);
    CN_OK("一百一十五", 115);
    CN_OK("一百十五", 115);
    CN_OK("三百五", 350);
    CN_OK("一千二", 1200);
    CN_OK("一千二百", 1200);
    CN_OK("一千零二十", 1020);
    CN_OK("两千", 2000);
    CN_OK("两", 2);
    CN_OK("万", 10000);
    CN_OK("一万五", 15000);
    CN_OK("一万五千", 15000);
    CN_OK("一万零五", 10005);
    CN_OK("十万", 100000);
    CN_OK("一亿五", 150000000);
    CN_OK("二亿三千万", 230000000);
    CN_OK("一万亿", 1000000000000LL);
    CN_OK("一百二十三万四千五百六十七", 1234567);
    CN_OK("幺", 1);
    CN_OK("壹仟贰佰叁拾肆", 1234);
    CN_OK("伍佰", 500);
    CN_OK("肆拾", 40);
    CN_OK("亿", 100000000);
    CN_OK("九万九千九百九十九亿", 9999900000000LL);
}
END_TEST

START_TEST(chinese_years)
{
    CN_OK("二〇一三", 2013);
    CN_OK("二○一三", 2013);
    CN_OK("二O一三", 2013);
    CN_OK("二o一三", 2013);
    CN_OK("二 O O 八", 2008);                     /* §6.7, spaces from scanned notices */
    CN_OK("二〇二四", 2024);
    CN_OK(" 二〇〇八 ", 2008);
    CN_BAD("一二三");                               /* only 4-digit years */
    CN_BAD("一二");
    CN_BAD("二〇一三年");
    CN_BAD("O");
    CN_BAD("0");
    CN_BAD("2013");
    CN_BAD("");
    CN_BAD("一百O五");                             /* Latin O only in the year form */
    CN_BAD("一二百");
    CN_BAD("一百二百");
    CN_BAD("十十");
    CN_BAD("一万二万");
    CN_BAD("第二十");
    CN_BAD("二十条");
    CN_BAD("一千亿亿");                             /* 亿亿 is not a numeral */
    CN_BAD("陆柒");
    CN_BAD("一亿二亿");
    CN_OK("一万一亿", 1000100000000LL);
}
END_TEST

/* --------------------------------------------------------- v100 -- */

static struct numval nv(int64_t mant, int scale)
{
    struct numval v;
    memset(&v, 0, sizeof v);
    v.status = CELL_VALUE;
    v.mant = mant;
    v.scale = scale;
    v.precision = 1;
    return v;
}

#define V100(m, sc, f, want) do { struct numval v_ = nv((m), (sc)); int64_t r_ = 0; \
    ck_assert_msg(num_to_v100(&v_, (f), &r_), "%lld e-%d x %lld overflowed", (long long)(m), (sc), (long long)(f)); \
    ck_assert_msg(r_ == (want), "%lld e-%d x %lld = %lld, want %lld", (long long)(m), (sc), (long long)(f), \
                  (long long)r_, (long long)(want)); } while (0)
#define V100_OVF(m, sc, f) do { struct numval v_ = nv((m), (sc)); int64_t r_ = 0; \
    ck_assert_msg(!num_to_v100(&v_, (f), &r_), "%lld e-%d x %lld did not overflow", (long long)(m), (sc), (long long)(f)); } while (0)

START_TEST(v100)
{
    V100(35, 2, 10000, 350000);                     /* "0.35" in a 万元 column = 3500.00 元 */
    V100(5, 1, 10000, 500000);                      /* "0.5" 万元 = 5000 元 */
    V100(4068208, 3, 10000, 4068208000LL);          /* 4068.208 万元 = 40682080.00 元 */
    V100(773028, 2, 1, 773028);
    V100(80618, 0, 1, 8061800);
    V100(-8, 0, 1, -800);
    V100(8692, 4, 1, 87);                           /* 0.8692 -> 0.87 */
    V100(1005, 3, 1, 101);                          /* 1.005 -> 1.01, half away from zero */
    V100(-1005, 3, 1, -101);
    V100(1004, 3, 1, 100);
    V100(-1004, 3, 1, -100);
    V100(24252311082LL, 6, 10000, 24252311082LL);   /* 24252.311082 万元 */
    V100(999999999, 9, 1000000000000LL, 99999999900000LL);
    V100(1, 9, 1, 0);
    V100(5, 3, 1, 1);                               /* 0.005 -> 0.01 */
    V100(0, 0, 10000, 0);
    V100(3, 0, -1, -300);
    V100(INT64_MAX / 100, 0, 1, INT64_MAX / 100 * 100);
    V100(INT64_MIN, 2, 1, INT64_MIN);
    V100(INT64_MAX, 5, 1, 9223372036854776LL);      /* 92233720368547.75807 -> .76 */
    V100_OVF(INT64_MAX, 0, 1);
    V100_OVF(INT64_MAX / 100 + 1, 0, 1);
    V100_OVF(100000000000000LL, 0, 10000);
    V100_OVF(INT64_MIN, 0, 1);
    V100_OVF(1, 12, 1);                             /* scale out of range */
    V100_OVF(1, -1, 1);
    /* straight from the parser */
    struct numval v;
    int64_t r;
    num_parse_cell("4068.208万元", strlen("4068.208万元"), false, &v);
    ck_assert(num_to_v100(&v, 1, &r));
    ck_assert_int_eq(r, 4068208000LL);
}
END_TEST

Suite *suite_numparse(void)
{
    Suite *s = suite_create("numparse");
    TCase *tc = tcase_create("cell");
    tcase_add_test(tc, cell_blank);
    tcase_add_test(tc, cell_na);
    tcase_add_test(tc, cell_zero_words);
    tcase_add_test(tc, cell_vectors);
    tcase_add_test(tc, cell_numbers);
    tcase_add_test(tc, cell_labels);
    tcase_add_test(tc, cell_unit_truncation);
    suite_add_tcase(s, tc);
    tc = tcase_create("token");
    tcase_add_test(tc, token_vectors);
    tcase_add_test(tc, token_grammar);
    tcase_add_test(tc, token_chinese_and_rejects);
    suite_add_tcase(s, tc);
    tc = tcase_create("chinese");
    tcase_add_test(tc, chinese_numerals);
    tcase_add_test(tc, chinese_years);
    suite_add_tcase(s, tc);
    tc = tcase_create("v100");
    tcase_add_test(tc, v100);
    suite_add_tcase(s, tc);
    return s;
}
