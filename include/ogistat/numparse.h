/* numparse.h - numbers as printed in reports (DOMAIN.md §6).
 *
 * Values are exact decimals: mant × 10^-scale. Canonical record values are
 * int64 hundredths (v100) of the metric's canonical unit, so money in 元 keeps
 * its fen and 4068.208 万元 converts exactly to 40682080 元.
 */
#ifndef OGISTAT_NUMPARSE_H
#define OGISTAT_NUMPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cell_status {
    CELL_VALUE,        /* a number (including 0 and zero words such as 无) */
    CELL_BLANK,        /* printed empty */
    CELL_NA,           /* "/", "-", "—", "不适用", "N/A": not applicable (or not determined) */
    CELL_UNPARSEABLE   /* text that is not a number; keep the raw text */
};

enum qualifier {
    Q_EXACT,
    Q_AT_LEAST,        /* 500余, 1600多, 超过300 */
    Q_AT_MOST,         /* 不足50, 近万 */
    Q_APPROX,          /* 约10万元 */
    Q_ROUNDED,         /* 2万, 26.8万 */
    Q_AMBIGUOUS        /* a flattened cell with several readings: status NA, not determined */
};

struct numval {
    enum cell_status status;
    enum qualifier q;
    int64_t mant;      /* value = mant * 10^-scale, in `unit`, multipliers 十百千万亿 already
                        * applied: "26.8万" -> 268000, "0.35万元" -> 3500 元 */
    int scale;         /* 0..9 */
    int64_t precision; /* magnitude of rounding in the units of mant (i.e. precision *
                        * 10^-scale): 1 for exact numbers, "500余" -> 100, "26.8万" -> 1000,
                        * "86.92%" -> 1 (= 0.0001 at scale 4) */
    char unit[16];     /* canonical unit after the number, UTF-8, "" if none: "件" "人次" "元"
                        * "%" "‰" "百分点".  Never a multiplier: "万元" becomes value×10^4 in
                        * "元" (so a cell "4068.208万元" needs factor 1, not the column's 10000) */
    bool zero_word;    /* value came from 无/没有/零/〇 ... (plain "0" is not a zero word) */
    bool is_ratio;     /* a share: never a count.  mant/scale hold the fraction:
                        * "86.92%" -> 8692 scale 4 (0.8692), "百分之八十" -> 80 scale 2 */
};

/* Parse a whole table cell (DOMAIN §6.1-6.2). Leading/trailing spaces, U+3000,
 * NBSP and "&nbsp;" ignored. Always fills *out; returns out->status.
 * `allow_negative` permits "-8" (R19 表二 本年增/减 only); otherwise a lone "-" is
 * NA and "-8" is UNPARSEABLE. Arabic numbers only (a chunk "三" from a vertical
 * label must stay text); a parenthesised note after the number is ignored
 * ("22（其中修订 16 件）" -> 22). Labels ("1.属于国家秘密", "（一）", "2.",
 * "2023年") and overflow beyond int64 are UNPARSEABLE. No allocation. */
enum cell_status num_parse_cell(const char *s, size_t n, bool allow_negative, struct numval *out);

/* Parse a number token at the start of s (prose; §6.3 grammar: optional prefix
 * qualifier 约/近/超过…, arabic or Chinese numeral, 余/多, multipliers 万/亿,
 * unit, 左右/以上/以下). Returns bytes consumed, not counting trailing spaces
 * (0 if no number starts at s; then out->status is CELL_UNPARSEABLE). No sign
 * is taken ("2019-2020"). A digit run that overflows int64 also returns 0: a
 * caller scanning prose must skip the whole digit run, not one byte.
 * "第" before a Chinese numeral (ordinals) is the caller's business. */
size_t num_parse_token(const char *s, size_t n, struct numval *out);

/* Chinese numeral (§6.5): "一百零五" -> 105, "一万五" -> 15000, "二〇一三" ->
 * 2013 (digit-by-digit: exactly 4 digits, Latin O allowed, spaces skipped).
 * Returns false if s is not entirely a Chinese numeral or overflows int64. */
bool num_parse_chinese(const char *s, size_t n, int64_t *out);

/* Convert to hundredths of the canonical unit: value × `factor` × 100
 * (factor 10000 for a bare cell in a 万元 column stored in 元, 1 otherwise).
 * Rounds half away from zero below 0.01. Returns false on overflow or a
 * scale outside 0..11. */
bool num_to_v100(const struct numval *v, int64_t factor, int64_t *v100);

#endif
