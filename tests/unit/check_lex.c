/* check_lex.c - unit tests for lex.c: plain-text layouts to the token stream.
 *
 * Every layout the lexer reads (pipe rows, markdown tables, one cell per line,
 * pdftotext -layout columns, flattened web dumps) with the exact token kinds,
 * texts, line numbers and in_table flags it must produce. The inputs are lines
 * of real reports (seed_004 pipe rows, seed_001 cell-per-line, 020 洪泽区 2023
 * pdftotext -layout, 002 平潭县 2011 flattened, 025 沭阳县 2025 markdown).
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "ogistat/lex.h"

Suite *suite_lex(void);

/* One expected token: kind 'T' (text), 'C' (value cell), '|' (row end). */
struct want_tok {
    char kind;
    const char *text;
    long line;
};

static char kind_char(enum tok_kind k)
{
    switch (k) {
    case TK_TEXT: return 'T';
    case TK_CELL: return 'C';
    case TK_ROW_END: return '|';
    }
    return '?';
}

/* Render the stream for failure messages: "1:T:规章 2:C:0 ...". */
static void render(const struct tokstream *ts, char *buf, size_t sz)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < ts->n && o + 1 < sz; i++) {
        int k = snprintf(buf + o, sz - o, "%s%ld:%c:%s", i ? " " : "", ts->v[i].line, kind_char(ts->v[i].kind),
                         tok_text(ts, &ts->v[i]));
        if (k < 0) break;
        o += (size_t)k;
    }
}

/* Lex s and compare with want[0..nwant). in_table: expected flag of every non-ROW_END token
 * (-1: don't check). */
static void lex_is(const char *s, size_t n, const struct want_tok *want, size_t nwant, int in_table, int line)
{
    struct tokstream ts;
    char got[4096];
    ts_init(&ts);
    lex_text(s, n, &ts);
    render(&ts, got, sizeof got);
    ck_assert_msg(ts.n == nwant, "line %d: %zu tokens, want %zu: %s", line, ts.n, nwant, got);
    for (size_t i = 0; i < nwant; i++) {
        const struct token *t = &ts.v[i];
        const char *tx = tok_text(&ts, t);
        ck_assert_msg(kind_char(t->kind) == want[i].kind, "line %d token %zu: kind %c, want %c: %s", line, i,
                      kind_char(t->kind), want[i].kind, got);
        ck_assert_msg(strcmp(tx, want[i].text) == 0, "line %d token %zu: text '%s', want '%s': %s", line, i, tx,
                      want[i].text, got);
        ck_assert_msg(t->len == strlen(want[i].text), "line %d token %zu: len %zu, want %zu", line, i, t->len,
                      strlen(want[i].text));
        ck_assert_msg(t->line == want[i].line, "line %d token %zu ('%s'): line %ld, want %ld: %s", line, i, tx,
                      t->line, want[i].line, got);
        if (t->kind == TK_ROW_END) ck_assert_msg(t->in_table, "line %d token %zu: ROW_END not in_table", line, i);
        else if (in_table >= 0)
            ck_assert_msg(t->in_table == (in_table != 0), "line %d token %zu ('%s'): in_table %d, want %d", line, i,
                          tx, t->in_table, in_table);
    }
    ts_free(&ts);
}

#define LEX_IS(s, in_table, ...)                                                              \
    do {                                                                                     \
        static const struct want_tok w_[] = { __VA_ARGS__ };                                 \
        lex_is((s), strlen(s), w_, sizeof w_ / sizeof w_[0], (in_table), __LINE__);         \
    } while (0)

/* Number of tokens of a kind. */
static size_t count_kind(const struct tokstream *ts, enum tok_kind k)
{
    size_t c = 0;
    for (size_t i = 0; i < ts->n; i++) c += ts->v[i].kind == k;
    return c;
}

/* seed_004 line 12: a pipe row with a trailing pipe */
START_TEST(test_pipe_row)
{
    LEX_IS("规范性文件 | 0 | 0 | 1 |", 1,
           { 'T', "规范性文件", 1 }, { 'C', "0", 1 }, { 'C', "0", 1 }, { 'C', "1", 1 }, { '|', "", 1 });
    /* a row of two cells (one pipe, at the end), on line 3 */
    LEX_IS("\n\n行政许可 | 262 |", 1, { 'T', "行政许可", 3 }, { 'C', "262", 3 }, { '|', "", 3 });
    /* two rows: each ends with its own ROW_END on its own line */
    LEX_IS("规范性文件 | 0 | 0 | 1 |\n行政处罚 | 1 | ||\n", 1,
           { 'T', "规范性文件", 1 }, { 'C', "0", 1 }, { 'C', "0", 1 }, { 'C', "1", 1 }, { '|', "", 1 },
           { 'T', "行政处罚", 2 }, { 'C', "1", 2 }, { 'C', "", 2 }, { 'C', "", 2 }, { '|', "", 2 });
}
END_TEST

/* 025 沭阳县 2025 lines 160-163: markdown table, leading and trailing pipes, |---| skipped */
START_TEST(test_markdown_row)
{
    const char *md = "### 行政复议\n"
                     "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
                     "|----------|----------|----------|----------|------|\n"
                     "| 27 | 10 | 9 | 15 | 61 |\n";
    LEX_IS(md, -1,
           { 'T', "###", 1 }, { 'T', "行政复议", 1 },
           { 'T', "结果维持", 2 }, { 'T', "结果纠正", 2 }, { 'T', "其他结果", 2 }, { 'T', "尚未审结", 2 },
           { 'T', "总计", 2 }, { '|', "", 2 },
           { 'C', "27", 4 }, { 'C', "10", 4 }, { 'C', "9", 4 }, { 'C', "15", 4 }, { 'C', "61", 4 }, { '|', "", 4 });
    /* alignment colons in the separator */
    LEX_IS("| a | 1 |\n|:--|--:|\n| b | 2 |", 1,
           { 'T', "a", 1 }, { 'C', "1", 1 }, { '|', "", 1 }, { 'T', "b", 3 }, { 'C', "2", 3 }, { '|', "", 3 });
}
END_TEST

/* a separator row alone gives nothing */
START_TEST(test_markdown_separator_only)
{
    struct tokstream ts;
    ts_init(&ts);
    const char *s = "|---|---|\n| --- | :---: |\n";
    lex_text(s, strlen(s), &ts);
    ck_assert_uint_eq(ts.n, 0);
    ts_free(&ts);
}
END_TEST

START_TEST(test_empty_cell)
{
    /* an empty cell inside a pipe row is an empty TK_CELL (a BLANK value), not dropped */
    LEX_IS("行政许可 |  | 5 |", 1, { 'T', "行政许可", 1 }, { 'C', "", 1 }, { 'C', "5", 1 }, { '|', "", 1 });
    /* ideographic spaces and NBSP only: still an empty cell */
    LEX_IS("行政强制 |\xE3\x80\x80| \xC2\xA0 | 0", 1,
           { 'T', "行政强制", 1 }, { 'C', "", 1 }, { 'C', "", 1 }, { 'C', "0", 1 }, { '|', "", 1 });
    /* seed_004 line 10: a section row padded with empty cells */
    LEX_IS("第二十条第(一)项 | |||", 1,
           { 'T', "第二十条第(一)项", 1 }, { 'C', "", 1 }, { 'C', "", 1 }, { 'C', "", 1 }, { '|', "", 1 });
    /* NA marks are value cells */
    LEX_IS("行政强制 | / | — | - |", 1,
           { 'T', "行政强制", 1 }, { 'C', "/", 1 }, { 'C', "—", 1 }, { 'C', "-", 1 }, { '|', "", 1 });
}
END_TEST

/* seed_001 (after t2s) lines 21-28: one value per line, no row boundaries */
START_TEST(test_cell_per_line)
{
    const char *s = "规章\n0\n0\n0\n规范性档案\n0\n0\n0\n";
    LEX_IS(s, 0,
           { 'T', "规章", 1 }, { 'C', "0", 2 }, { 'C', "0", 3 }, { 'C', "0", 4 },
           { 'T', "规范性档案", 5 }, { 'C', "0", 6 }, { 'C', "0", 7 }, { 'C', "0", 8 });
    /* negative 本年增/减 "-4" (seed_001 line 40) is a value cell */
    LEX_IS("其他对外管理服务事项\n8\n-4\n0", 0,
           { 'T', "其他对外管理服务事项", 1 }, { 'C', "8", 2 }, { 'C', "-4", 3 }, { 'C', "0", 4 });
    struct tokstream ts;
    ts_init(&ts);
    lex_text(s, strlen(s), &ts);
    ck_assert_uint_eq(count_kind(&ts, TK_ROW_END), 0);
    ts_free(&ts);
}
END_TEST

/* 020 洪泽区 2023 (pdftotext -layout) lines 102, 96 and 141 */
START_TEST(test_pdftotext_layout)
{
    LEX_IS("                            1.属于国家秘密         1     0      0", 0,
           { 'T', "1.属于国家秘密", 1 }, { 'C', "1", 1 }, { 'C', "0", 1 }, { 'C', "0", 1 });
    LEX_IS("一、本年新收政府信息公开申请数量                             21    0      0     0   0   0     21", 0,
           { 'T', "一、本年新收政府信息公开申请数量", 1 }, { 'C', "21", 1 }, { 'C', "0", 1 }, { 'C', "0", 1 },
           { 'C', "0", 1 }, { 'C', "0", 1 }, { 'C', "0", 1 }, { 'C', "21", 1 });
    /* header words split by spaces are separate TEXT chunks; tabs separate too */
    LEX_IS("结果   结果     其他   尚未\n\t行政事业性收费\t7730.28", 0,
           { 'T', "结果", 1 }, { 'T', "结果", 1 }, { 'T', "其他", 1 }, { 'T', "尚未", 1 },
           { 'T', "行政事业性收费", 2 }, { 'C', "7730.28", 2 });
    /* ideographic space separates chunks too */
    LEX_IS("行政处罚\xE3\x80\x80\xE3\x80\x80" "4119", 0, { 'T', "行政处罚", 1 }, { 'C', "4119", 1 });
}
END_TEST

START_TEST(test_crlf)
{
    const char *lf = "规范性文件 | 0 | 0 | 1 |\n"
                     "| 27 | 10 |\n"
                     "|---|---|\n"
                     "规章\n"
                     "0\n"
                     "         1.属于国家秘密         1     0      0\n"
                     "\n"
                     "-3-\n";
    const char *crlf = "规范性文件 | 0 | 0 | 1 |\r\n"
                       "| 27 | 10 |\r\n"
                       "|---|---|\r\n"
                       "规章\r\n"
                       "0\r\n"
                       "         1.属于国家秘密         1     0      0\r\n"
                       "\r\n"
                       "-3-\r\n";
    struct tokstream a, b;
    ts_init(&a);
    ts_init(&b);
    lex_text(lf, strlen(lf), &a);
    lex_text(crlf, strlen(crlf), &b);
    char ra[2048], rb[2048];
    render(&a, ra, sizeof ra);
    render(&b, rb, sizeof rb);
    ck_assert_msg(a.n == 15, "LF: %zu tokens: %s", a.n, ra);
    ck_assert_msg(a.n == b.n, "LF %zu tokens, CRLF %zu: %s | %s", a.n, b.n, ra, rb);
    for (size_t i = 0; i < a.n; i++) {
        ck_assert_msg(a.v[i].kind == b.v[i].kind && a.v[i].line == b.v[i].line && a.v[i].len == b.v[i].len &&
                          a.v[i].in_table == b.v[i].in_table &&
                          strcmp(tok_text(&a, &a.v[i]), tok_text(&b, &b.v[i])) == 0,
                      "token %zu differs: %s | %s", i, ra, rb);
        ck_assert_msg(strchr(tok_text(&b, &b.v[i]), '\r') == NULL, "token %zu keeps a CR", i);
    }
    ck_assert_str_eq(ra, "1:T:规范性文件 1:C:0 1:C:0 1:C:1 1:|: 2:C:27 2:C:10 2:|: 4:T:规章 5:C:0 "
                         "6:T:1.属于国家秘密 6:C:1 6:C:0 6:C:0 8:T:-3-");
    ts_free(&a);
    ts_free(&b);
}
END_TEST

/* 002 平潭县 2011: a flattened table row whose cells were run together */
START_TEST(test_flattened_chunk)
{
    LEX_IS("主动公开信息数条4251516", 0, { 'T', "主动公开信息数条", 1 }, { 'C', "4251516", 1 });
    /* 013 平潭 2019: a 表二 row glued to its digits */
    LEX_IS("规范性文件898989", 0, { 'T', "规范性文件", 1 }, { 'C', "898989", 1 });
    /* a run after ASCII is not split: "ISO9001", "A4" stay text */
    LEX_IS("ISO9001 A4", 0, { 'T', "ISO9001", 1 }, { 'T', "A4", 1 });
    /* a year is a label, not a value */
    LEX_IS("2023年", 0, { 'T', "2023年", 1 });
    /* a decimal run glued to a label splits whole */
    LEX_IS("行政事业性收费7730.28", 0, { 'T', "行政事业性收费", 1 }, { 'C', "7730.28", 1 });
}
END_TEST

START_TEST(test_page_number_is_text)
{
    /* pdftotext page numbers ("-3-", 020 line 120) must not become values */
    LEX_IS("                                                                        -3-", 0, { 'T', "-3-", 1 });
    LEX_IS("-2-\n-12-", 0, { 'T', "-2-", 1 }, { 'T', "-12-", 2 });
}
END_TEST

/* seed_002 lines 63-72: one cell per line with "|" lines between the cells;
 * two separators in a row enclose the printed-empty value cell */
START_TEST(test_pipe_lines_empty_cell)
{
    LEX_IS("申请总数\n|\n条\n|\n|\n其中:1.当面申请数\n|\n条\n|\n4\n|\n", 0,
           { 'T', "申请总数", 1 }, { 'T', "条", 3 }, { 'C', "", 5 },
           { 'T', "其中:1.当面申请数", 6 }, { 'T', "条", 8 }, { 'C', "4", 10 });
}
END_TEST

/* seed_003 lines 121-131: cells separated by blank lines, an "&nbsp;" line is
 * an empty cell (both the unit and the value of 政府公报公开政府信息数) */
START_TEST(test_nbsp_line_empty_cell)
{
    LEX_IS("1.政府公报公开政府信息数  \n\n\xC2\xA0\n\n\xC2\xA0\n\n2.政府网站公开政府信息数\n\n\xC2\xA0\n\n4601\n", 0,
           { 'T', "1.政府公报公开政府信息数", 1 }, { 'C', "", 3 }, { 'C', "", 5 },
           { 'T', "2.政府网站公开政府信息数", 7 }, { 'C', "", 9 }, { 'C', "4601", 11 });
}
END_TEST

START_TEST(test_empty_input)
{
    static const char *const inputs[] = { "", "\n", "\n\n\n", "   \t \n\r\n", "\xE3\x80\x80\n" };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        struct tokstream ts;
        ts_init(&ts);
        lex_text(inputs[i], strlen(inputs[i]), &ts);
        ck_assert_msg(ts.n == 0, "input %zu: %zu tokens", i, ts.n);
        ts_free(&ts);
    }
    /* n = 0 with a non-empty buffer: nothing is read */
    struct tokstream ts;
    ts_init(&ts);
    lex_text("规章 | 1 |", 0, &ts);
    ck_assert_uint_eq(ts.n, 0);
    ts_free(&ts);
    ts_free(&ts);                     /* idempotent */
    ts_free(NULL);
}
END_TEST

START_TEST(test_no_trailing_newline)
{
    /* the last line is read without its '\n' */
    LEX_IS("行政许可\n262", 0, { 'T', "行政许可", 1 }, { 'C', "262", 2 });
    LEX_IS("行政许可 | 262 |", 1, { 'T', "行政许可", 1 }, { 'C', "262", 1 }, { '|', "", 1 });
}
END_TEST

START_TEST(test_push_api)
{
    struct tokstream ts;
    ts_init(&ts);
    /* ts_push trims ASCII, ideographic spaces and NBSP at both ends */
    const char *s = " \xE3\x80\x80\xC2\xA0规章\xC2\xA0\xE3\x80\x80 \t";
    ts_push(&ts, TK_TEXT, s, strlen(s), 7, false);
    ts_push_auto(&ts, " 12 ", 4, 8, true);
    ts_push_auto(&ts, "   ", 3, 8, false);      /* empty outside a table: dropped */
    ts_push_auto(&ts, "   ", 3, 8, true);       /* empty inside a table: an empty cell */
    ts_push_auto(&ts, "1.属于国家秘密", strlen("1.属于国家秘密"), 9, true);
    ts_row_end(&ts, 9);
    ck_assert_uint_eq(ts.n, 5);
    ck_assert_int_eq(ts.v[0].kind, TK_TEXT);
    ck_assert_str_eq(tok_text(&ts, &ts.v[0]), "规章");
    ck_assert_int_eq(ts.v[0].line, 7);
    ck_assert(!ts.v[0].in_table);
    ck_assert_int_eq(ts.v[1].kind, TK_CELL);
    ck_assert_str_eq(tok_text(&ts, &ts.v[1]), "12");
    ck_assert(ts.v[1].in_table);
    ck_assert_int_eq(ts.v[2].kind, TK_CELL);
    ck_assert_uint_eq(ts.v[2].len, 0);
    ck_assert_int_eq(ts.v[3].kind, TK_TEXT);
    ck_assert_int_eq(ts.v[4].kind, TK_ROW_END);
    ck_assert_int_eq(ts.v[4].line, 9);
    /* many tokens: the arena grows and earlier texts stay valid */
    for (int i = 0; i < 3000; i++) {
        char b[16];
        int k = snprintf(b, sizeof b, "%d", i);
        ts_push_auto(&ts, b, (size_t)k, 10 + i, false);
    }
    ck_assert_uint_eq(ts.n, 3005);
    ck_assert_str_eq(tok_text(&ts, &ts.v[0]), "规章");
    ck_assert_str_eq(tok_text(&ts, &ts.v[3004]), "2999");
    ck_assert_int_eq(ts.v[3004].kind, TK_CELL);
    ts_free(&ts);
}
END_TEST

Suite *suite_lex(void)
{
    Suite *s = suite_create("lex");
    TCase *tr = tcase_create("rows");
    tcase_add_test(tr, test_pipe_row);
    tcase_add_test(tr, test_markdown_row);
    tcase_add_test(tr, test_markdown_separator_only);
    tcase_add_test(tr, test_empty_cell);
    suite_add_tcase(s, tr);

    TCase *tp = tcase_create("plain");
    tcase_add_test(tp, test_cell_per_line);
    tcase_add_test(tp, test_pdftotext_layout);
    tcase_add_test(tp, test_crlf);
    tcase_add_test(tp, test_flattened_chunk);
    tcase_add_test(tp, test_page_number_is_text);
    tcase_add_test(tp, test_empty_input);
    tcase_add_test(tp, test_pipe_lines_empty_cell);
    tcase_add_test(tp, test_nbsp_line_empty_cell);
    tcase_add_test(tp, test_no_trailing_newline);
    suite_add_tcase(s, tp);

    TCase *ta = tcase_create("api");
    tcase_add_test(ta, test_push_api);
    suite_add_tcase(s, ta);
    return s;
}
