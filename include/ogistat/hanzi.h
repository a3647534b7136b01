/* hanzi.h - Chinese text normalisation; the only module that includes <opencc.h>.
 *
 * hz_t2s: Traditional -> Simplified with OpenCC t2s.json (DOMAIN §2.3 step 1).
 * hz_fold: the label-normalisation pipeline of §2.3 steps 2-5 for matching.
 */
#ifndef OGISTAT_HANZI_H
#define OGISTAT_HANZI_H

#include <stdbool.h>
#include <stddef.h>

struct hz;                          /* one OpenCC converter; not shared between threads */
/* Returns NULL (and a static message in *err) if OpenCC's t2s config cannot be opened. */
struct hz *hz_new(const char **err);
void hz_free(struct hz *h);         /* accepts NULL */

/* Heuristic: does this UTF-8 text look Traditional? Counts characters that exist
 * only in Traditional script (a table of ~220 common ones, e.g. 開 資 報 關 機 條 與
 * 會 區 為) among the CJK ideographs of the first 64 KiB: true for >= 10 hits
 * making >= 3%, or, for short text (< 200 ideographs), >= 3 hits making >= 10%.
 * Cheap (no allocation). */
bool hz_looks_traditional(const char *s, size_t n);

/* Convert s[0..n) to Simplified. Returns a malloc'd NUL-terminated string
 * (caller frees with free()) and its length in *outn (outn may be NULL), or
 * NULL if s is not valid UTF-8 (OpenCC would over-read a truncated sequence).
 * Converts line by line (faster and lighter than one call, TOOLCHAIN §5);
 * pure-ASCII lines are copied; every '\n', '\r' and NUL byte is kept, so
 * line numbers stay valid. */
char *hz_t2s(struct hz *h, const char *s, size_t n, size_t *outn);

/* Normalise a label for matching (§2.3 steps 2-5), on Simplified UTF-8.
 * Apply it to both sides of a comparison.
 *  - variants: 部份->部分, 资讯->信息, 其它->其他, 帐->账, 档案/檔案->文件
 *    (everywhere, not only after 规范性; checked after whitespace removal,
 *    so "部 份" folds too)
 *  - width fold: full-width ASCII U+FF01-FF5E (！-～) -> ASCII, so （）：，．０-９％
 *    become ():,.0-9%
 *  - strip all whitespace: ASCII, U+3000, NBSP, U+2000-200B, U+202F, U+205F,
 *    U+FEFF, ... (spaces inside labels: "处理决定 数量")
 *  - quotes “”"「」『』‘’' (and ＂＇) -> the ASCII "
 *  - remove enumerators anywhere in the string, not only leading:
 *    [一二三四五六七八九十]+、   ([一二三四五六七八九十]+) (full- or half-width
 *    brackets)   \d+[.、] when a non-digit follows (so "7730.28" and a final
 *    "第3." are kept)   ①-⑳ ⑴-⒇ ⒈-⒛   and "其中:" / "其中："; then drop
 *    bracket pairs left empty: () [] 【】 〔〕
 *  - colons are folded to ':' and otherwise kept (only "其中:" is removed)
 * Invalid UTF-8 bytes are copied unchanged. Never longer than the input; one
 * allocation. Returns a malloc'd string (caller frees), length in *outn
 * (outn may be NULL). */
char *hz_fold(const char *s, size_t n, size_t *outn);

/* Same folding, but keeps enumerators, "其中:" and empty brackets (used where
 * the enumerator is the only distinguishing feature, e.g. "3.其他"). */
char *hz_fold_keep_enum(const char *s, size_t n, size_t *outn);

#endif
