/* check_pdfraw.c - unit tests for pdfraw.c: tables of plain `pdftotext` output.
 *
 * Fixtures (tests/data/unit/README.md): hongze2024_pdfraw.txt is 表二-表四 of
 * 淮安市洪泽区 2024 (corpus 021, lines 41-448: excerpt line = source line - 40),
 * with the hand-checked truth of its table cells beside it; the two 表四
 * excerpts are 洪泽区 2023 (corpus 031), whose printed 表四 does not add up, and
 * 淮安市 2024 (plain pdftotext of pdf/034), whose 表四 values come out of the
 * form's order. Every cell is compared with its known answer; a table the
 * reader cannot vouch for must be left out whole.
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/extract.h"
#include "ogistat/lex.h"
#include "ogistat/pdfraw.h"
#include "ogistat/record.h"
#include "ogistat/registry.h"
#include "testutil.h"

Suite *suite_pdfraw(void);

/* ==== helpers ==== */

static bool detect(const char *s)
{
    struct tokstream ts;
    ts_init(&ts);
    lex_text(s, strlen(s), &ts);
    bool d = pdfraw_detect(&ts);
    ts_free(&ts);
    return d;
}

static bool detect_fixture(const char *name)
{
    size_t n;
    char *s = load_fixture(name, &n);
    bool d = detect(s);
    free(s);
    return d;
}

/* Lex s and read its tables as a pdf-raw R21 document into a fresh report. */
static size_t run(struct report *r, const char *s, struct extract_info *info)
{
    struct tokstream ts;
    ts_init(&ts);
    lex_text(s, strlen(s), &ts);
    report_init(r, "test");
    memset(info, 0, sizeof *info);
    info->doc_regime = RG_R21;
    size_t n = pdfraw_extract(r, &ts, info);
    ts_free(&ts);
    return n;
}

/* A table section alone needs the 表三 heading before it to be found (it adds
 * one line: the cell lines asserted below are fixture lines + 1). */
static char *with_t3_heading(const char *name)
{
    static const char head[] = "三、收到和处理政府信息公开申请情况\n";
    size_t n;
    char *s = load_fixture(name, &n);
    char *t = malloc(sizeof head + n);
    ck_assert_ptr_nonnull(t);
    memcpy(t, head, sizeof head - 1);
    memcpy(t + sizeof head - 1, s, n + 1);
    free(s);
    return t;
}

/* How many cells of r have a metric id starting with one of the prefixes? */
static size_t count_cells(const struct report *r, const char *const *prefixes)
{
    size_t k = 0;
    for (size_t i = 0; i < r->ncells; i++)
        for (const char *const *p = prefixes; *p; p++)
            k += strncmp(REG_METRICS[r->cells[i].metric].id, *p, strlen(*p)) == 0;
    return k;
}

static const char *const T2_IDS[] = { "art20_", NULL };
static const char *const T3_IDS[] = { "req_", "res_", NULL };
static const char *const T4_IDS[] = { "rev_", "lit_", NULL };

/* s with the first occurrence of `from` replaced by `to` (malloc'd). */
static char *replace_first(const char *s, const char *from, const char *to)
{
    const char *p = strstr(s, from);
    ck_assert_msg(p != NULL, "test: '%s' not in the fixture", from);
    size_t a = (size_t)(p - s), fl = strlen(from), tl = strlen(to), n = strlen(s);
    char *o = malloc(n - fl + tl + 1);
    ck_assert_ptr_nonnull(o);
    memcpy(o, s, a);
    memcpy(o + a, to, tl);
    memcpy(o + a + tl, p + fl, n - a - fl + 1);
    return o;
}

/* ==== detection ==== */

START_TEST(test_detect_layouts)
{
    ck_assert(detect_fixture("hongze2024_pdfraw.txt"));
    /* the same kind of report through pdftotext -layout, one cell per line without
     * blank lines, pipe rows, a flattened web dump: other readers' layouts */
    ck_assert(!detect_fixture("hongze2023_layout.txt"));
    ck_assert(!detect_fixture("huaian2024_t3t4.txt"));
    ck_assert(!detect_fixture("seed001_r19_cells.txt"));
    ck_assert(!detect_fixture("seed004_tables.txt"));
    ck_assert(!detect_fixture("015_flattened_tables.txt"));
    ck_assert(!detect(""));
    ck_assert(!detect("三、收到和处理政府信息公开申请情况\n"));
}
END_TEST

/* ==== 洪泽区 2024: every table cell ==== */

START_TEST(test_hongze2024_all_cells)
{
    size_t n;
    char *s = load_fixture("hongze2024_pdfraw.txt", &n);
    struct report r;
    struct extract_info info;
    ck_assert_uint_eq(run(&r, s, &info), 186);
    free(s);
    truth_is(&r, "hongze2024_pdfraw.truth.tsv");
    ck_assert(info.t2_found && info.t3_found && info.t4_found);
    ck_assert(!info.other_split);            /* one row of （六）其他处理 */
    ck_assert_int_eq(info.t2_version, RG_R21);
    /* 表二: a label, a page number and a header between 行政许可 and its value;
     * 收费 in 万元 */
    CELL_IS(&r, "art20_license_decisions", "-", "9487", 34);
    CELL_IS(&r, "art20_fee_amount_yuan", "-", "75450000", 53);
    CELL_IS(&r, "art20_normdoc_in_force", "-", "8", 25);
    /* 表三: rows read along (single-cell blocks) ... */
    CELL_IS(&r, "req_new", "natural", "95", 74);
    CELL_IS(&r, "req_new", "total", "95", 86);
    /* ... and down columns: 7 blocks of 9 rows (1.属于国家秘密 .. 1.本机关不掌握) */
    CELL_IS(&r, "res_denied_safety_stability", "natural", "1", 139);
    CELL_IS(&r, "res_unable_not_held", "natural", "31", 145);
    CELL_IS(&r, "res_unable_not_held", "total", "31", 205);
    /* 7 blocks of 5 after a page break, 7 blocks of 2 for （六） and （七） */
    CELL_IS(&r, "res_unable_needs_creation", "natural", "1", 230);
    CELL_IS(&r, "res_noproc_petition", "total", "1", 268);
    CELL_IS(&r, "res_other_total", "natural", "0", 304);
    CELL_IS(&r, "res_total", "natural", "95", 305);
    CELL_IS(&r, "res_total", "total", "95", 323);
    /* 表四: the last total after its header word */
    CELL_IS(&r, "rev_total", "-", "2", 384);
    CELL_IS(&r, "lit_after_rev_other", "-", "1", 400);
    CELL_IS(&r, "lit_after_rev_total", "-", "3", 406);
    report_free(&r);
}
END_TEST

/* ==== guards: a reading the identities or the form's shape do not vouch for ==== */

START_TEST(test_t3_identity_guard)
{
    size_t n;
    char *s = load_fixture("hongze2024_pdfraw.txt", &n);
    /* 1.本机关不掌握相关政府信息, natural: 31 -> 30 (the total column still says 31) */
    char *m = replace_first(s, "\n0\n31\n", "\n0\n30\n");
    free(s);
    struct report r;
    struct extract_info info;
    run(&r, m, &info);
    free(m);
    ck_assert(!info.t3_found);
    ck_assert_uint_eq(count_cells(&r, T3_IDS), 0);
    ck_assert(diag_has(&r, "表三", "N4 fails in row res_unable_not_held", NULL));
    /* the other tables stand on their own */
    ck_assert_uint_eq(count_cells(&r, T2_IDS), 10);
    ck_assert_uint_eq(count_cells(&r, T4_IDS), 15);
    report_free(&r);
}
END_TEST

START_TEST(test_t3_shape_guard)
{
    size_t n;
    char *s = load_fixture("hongze2024_pdfraw.txt", &n);
    /* one cell lost from the first block of 5 rows: the blocks no longer tile the form */
    char *m = replace_first(s, "\n1\n0\n1\n0\n0\n", "\n1\n0\n1\n0\n");
    free(s);
    struct report r;
    struct extract_info info;
    run(&r, m, &info);
    free(m);
    ck_assert(!info.t3_found);
    ck_assert_uint_eq(count_cells(&r, T3_IDS), 0);
    ck_assert(diag_has(&r, "表三", "do not make the form's 23 rows", NULL));
    report_free(&r);
}
END_TEST

START_TEST(test_t2_column_blocks)
{
    /* 表二 (一) as column blocks (one block per column, two rows each), and a
     * value printed before its row label */
    static const char s[] = "第二十条第（一）项\n信息内容\n\n本年制发件数\n\n本年废止件数\n\n现行有效件数\n\n"
                            "规章\n\n行政规范性文件\n\n1\n3\n\n0\n2\n\n11\n8\n\n"
                            "第二十条第（五）项\n信息内容\n\n本年处理决定数量\n550\n\n行政许可\n\n"
                            "第二十条第（六）项\n\n行政处罚\n\n行政强制\n\n4119\n195\n\n"
                            "三、收到和处理政府信息公开申请情况\n";
    struct report r;
    struct extract_info info;
    ck_assert_uint_eq(run(&r, s, &info), 9);
    CELL_IS(&r, "art20_rules_issued", "-", "1", 14);
    CELL_IS(&r, "art20_rules_repealed", "-", "0", 17);
    CELL_IS(&r, "art20_rules_in_force", "-", "11", 20);
    CELL_IS(&r, "art20_normdoc_issued", "-", "3", 15);
    CELL_IS(&r, "art20_normdoc_repealed", "-", "2", 18);
    CELL_IS(&r, "art20_normdoc_in_force", "-", "8", 21);
    CELL_IS(&r, "art20_license_decisions", "-", "550", 27);
    CELL_IS(&r, "art20_penalty_decisions", "-", "4119", 37);
    CELL_IS(&r, "art20_coercion_decisions", "-", "195", 38);
    report_free(&r);

    /* a 表二 sub-table with one value too few is left out, not shifted */
    static const char short_row[] = "第二十条第（一）项\n\n规章\n\n0\n\n0\n\n行政规范性文件\n\n0\n\n5\n\n5\n\n"
                                    "三、收到和处理政府信息公开申请情况\n";
    ck_assert_uint_eq(run(&r, short_row, &info), 0);
    ck_assert(diag_has(&r, "表二", "5 values for 2 rows of 3", NULL));
    report_free(&r);
}
END_TEST

START_TEST(test_t4_printed_contradiction_kept)
{
    /* 洪泽区 2023: 复议 10+1+0+0 printed with 总计 0 (checked against the PDF's
     * word positions); the values come in one piece, the last after its header */
    char *s = with_t3_heading("hongze2023_t4_pdfraw.txt");
    struct report r;
    struct extract_info info;
    ck_assert_uint_eq(run(&r, s, &info), 15);
    free(s);
    ck_assert(info.t4_found);
    CELL_IS(&r, "rev_upheld", "-", "10", 30);
    CELL_IS(&r, "rev_corrected", "-", "1", 32);
    CELL_IS(&r, "rev_total", "-", "0", 38);
    CELL_IS(&r, "lit_direct_total", "-", "0", 48);
    CELL_IS(&r, "lit_after_rev_upheld", "-", "5", 50);
    CELL_IS(&r, "lit_after_rev_total", "-", "0", 60);
    ck_assert(diag_has(&r, "表四", "recorded as printed", NULL));
    report_free(&r);
}
END_TEST

START_TEST(test_t4_out_of_order_left_out)
{
    /* 淮安市 2024 through plain pdftotext: 72 64 178 37 | 12 1 1 6 | 总计 351 |
     * 13 4 8 1 26 | 总计 20, where the form reads 72 64 178 37 351 | 13 4 8 1 26 |
     * 12 1 1 6 20. Read in text order N5 fails; reordering the pieces would be a
     * guess (two orders add up). Nothing may be stored. */
    char *s = with_t3_heading("huaian2024_t4_pdfraw.txt");
    struct report r;
    struct extract_info info;
    ck_assert_uint_eq(run(&r, s, &info), 0);
    free(s);
    ck_assert(!info.t4_found);
    ck_assert_uint_eq(count_cells(&r, T4_IDS), 0);
    ck_assert(diag_has(&r, "表四", "left out", NULL));
    report_free(&r);
}
END_TEST

Suite *suite_pdfraw(void)
{
    Suite *s = suite_create("pdfraw");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_detect_layouts);
    tcase_add_test(tc, test_hongze2024_all_cells);
    tcase_add_test(tc, test_t3_identity_guard);
    tcase_add_test(tc, test_t3_shape_guard);
    tcase_add_test(tc, test_t2_column_blocks);
    tcase_add_test(tc, test_t4_printed_contradiction_kept);
    tcase_add_test(tc, test_t4_out_of_order_left_out);
    suite_add_tcase(s, tc);
    return s;
}
