/* check_html.c - html_lex(): HTML tables read from the DOM, prose from blocks.
 *
 * Each test lexes a small page and compares a compact rendering of the token
 * stream (see render()), so a failure shows the whole stream at once. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/lex.h"

Suite *suite_html(void);

/* One lexed page. */
struct page {
    int rc;
    struct tokstream ts;
    strbuf prose_buf;
    struct line_view *prose;
    size_t nprose;
    struct diag d;
    strbuf out;     /* render() */
};

/* Tokens as text: [x] table text, {x} table cell, <x> prose text (in_table=false;
 * a TK_CELL outside a table would show as (x)), | row end; separated by spaces. */
static const char *render(struct page *p)
{
    sb_reset(&p->out);
    for (size_t i = 0; i < p->ts.n; i++) {
        const struct token *t = &p->ts.v[i];
        if (i) sb_putc(&p->out, ' ');
        if (t->kind == TK_ROW_END) {
            sb_putc(&p->out, '|');
            continue;
        }
        const char *open = t->kind == TK_CELL ? (t->in_table ? "{" : "(") : (t->in_table ? "[" : "<");
        const char *close = t->kind == TK_CELL ? (t->in_table ? "}" : ")") : (t->in_table ? "]" : ">");
        sb_printf(&p->out, "%s%.*s%s", open, (int)t->len, tok_text(&p->ts, t), close);
    }
    return p->out.s ? p->out.s : "";
}

static void lex_n(struct page *p, const char *html, size_t n)
{
    ts_init(&p->ts);
    sb_init(&p->prose_buf);
    sb_init(&p->out);
    diag_init(&p->d);
    p->prose = (struct line_view *)&p->prose; /* must be overwritten */
    p->nprose = 12345;
    p->rc = html_lex(html, n, "t.html", &p->ts, &p->prose_buf, &p->prose, &p->nprose, &p->d);
}

static void lex(struct page *p, const char *html)
{
    lex_n(p, html, strlen(html));
}

static void done(struct page *p)
{
    free(p->prose);
    sb_free(&p->prose_buf);
    sb_free(&p->out);
    ts_free(&p->ts);
    diag_free(&p->d);
}

/* Lex html and compare its rendering with want. */
static void expect(const char *html, const char *want)
{
    struct page p;
    lex(&p, html);
    ck_assert_int_eq(p.rc, 0);
    ck_assert_str_eq(render(&p), want);
    done(&p);
}

START_TEST(table_3x3)
{
    struct page p;
    lex(&p, "<table><tr><th>项目</th><th>甲</th><th>乙</th></tr>"
            "<tr><td>申请</td><td>217</td><td>1</td></tr>"
            "<tr><td>结转</td><td>0</td><td>-</td></tr></table>");
    ck_assert_int_eq(p.rc, 0);
    ck_assert_str_eq(render(&p), "[项目] [甲] [乙] | [申请] {217} {1} | [结转] {0} {-} |");
    for (size_t i = 0; i < p.ts.n; i++) ck_assert(p.ts.v[i].in_table);
    ck_assert_int_eq(p.ts.v[3].kind, TK_ROW_END);
    ck_assert_int_eq(p.ts.v[5].kind, TK_CELL);
    done(&p);
}
END_TEST

START_TEST(rowspan_first_column)
{
    /* The spanned cell appears once; the next row starts with its own first cell. */
    expect("<table><tr><td rowspan=2>（三）不予公开</td><td>1.国家秘密</td><td>4</td></tr>"
           "<tr><td>2.其他</td><td>0</td></tr>"
           "<tr><td>（四）</td><td>x</td><td>5</td></tr></table>",
           "[（三）不予公开] [1.国家秘密] {4} | [2.其他] {0} | [（四）] [x] {5} |");
}
END_TEST

START_TEST(colspan)
{
    expect("<table><tr><td colspan=\"3\">第二十条第（一）项</td></tr>"
           "<tr><td>规章</td><td colspan=2>13</td></tr>"
           "<tr><td>a</td><td>1</td><td>2</td></tr></table>",
           "[第二十条第（一）项] | [规章] {13} | [a] {1} {2} |");
}
END_TEST

START_TEST(absurd_spans)
{
    /* Spans cost nothing: no grid is allocated for them. */
    expect("<table><tr><td rowspan=99999999 colspan=2147483647>a</td><td colspan=-5>1</td>"
           "<td rowspan=0 colspan=0>2</td></tr><tr><td>3</td></tr></table>",
           "[a] {1} {2} | {3} |");
}
END_TEST

START_TEST(empty_cell)
{
    struct page p;
    lex(&p, "<table><tr><td>a</td><td></td><td>&nbsp;</td><td> <span> </span> </td></tr></table>");
    ck_assert_str_eq(render(&p), "[a] {} {} {} |");
    ck_assert_int_eq(p.ts.v[1].kind, TK_CELL);
    ck_assert_uint_eq(p.ts.v[1].len, 0);
    done(&p);
}
END_TEST

START_TEST(cell_text_joins)
{
    /* <br> and blocks give one space; entities decoded; NBSP trimmed/collapsed. */
    expect("<table><tr><td>甲<br>乙</td><td>&nbsp;5&nbsp;</td>"
           "<td><p>商业</p><p>企业</p></td><td>A&amp;B&nbsp;&nbsp; C</td>"
           "<td><div>x</div><div></div><br><div>y</div></td></tr></table>",
           "[甲 乙] {5} [商业 企业] [A&B C] [x y] |");
    /* Text only: whether "1 2" is a value is ts_push_auto's business. */
    struct page p;
    lex(&p, "<table><tr><td>a</td><td>1<br>2</td></tr></table>");
    ck_assert_uint_eq(p.ts.n, 3);
    ck_assert_str_eq(tok_text(&p.ts, &p.ts.v[1]), "1 2");
    ck_assert(p.ts.v[1].in_table);
    done(&p);
}
END_TEST

START_TEST(cjk_line_break)
{
    /* A source line break between two CJK characters is no space (CSS
     * segment-break rule); next to ASCII it is one. Element boundaries
     * always are. */
    expect("<table><tr><td>本年新收政府信息\n   公开申请数量</td><td>申请\n218</td>"
           "<td>a\n b</td><td>甲 乙</td></tr></table>",
           "[本年新收政府信息公开申请数量] [申请 218] [a b] [甲 乙] |");
}
END_TEST

START_TEST(cell_lines)
{
    struct page p;
    lex(&p, "<html><body>\n"          /* line 1 */
            "<table>\n"               /* 2 */
            "<tr>\n"                  /* 3 */
            "<td>a</td>\n"            /* 4 */
            "<td>1</td></tr>\n"       /* 5 */
            "<tr><td>b</td>\n"        /* 6 */
            "\n"                      /* 7 */
            "<td>2</td>\n"            /* 8 */
            "</tr></table></body></html>\n");
    ck_assert_str_eq(render(&p), "[a] {1} | [b] {2} |");
    ck_assert_int_eq(p.ts.v[0].line, 4);
    ck_assert_int_eq(p.ts.v[1].line, 5);
    ck_assert_int_eq(p.ts.v[2].line, 3);   /* row end: the <tr> */
    ck_assert_int_eq(p.ts.v[3].line, 6);
    ck_assert_int_eq(p.ts.v[4].line, 8);
    done(&p);
}
END_TEST

START_TEST(prose_blocks)
{
    struct page p;
    lex(&p, "<html><head><title> 某区2024年度政府信息公开工作年度报告 </title></head>\n"
            "<body><p>一、总体情况</p>\n"
            "<div>共收到申请<b>218</b>件。<p>嵌套</p>尾巴</div>\n"
            "<p>第一行<br>第二行</p><p>   </p>\n"
            "<ul><li>条目</li></ul><h2>二、主动公开</h2>\n"
            "<table><tr><td>x</td><td>1</td></tr></table>\n"
            "<p>after</p></body></html>");
    ck_assert_int_eq(p.rc, 0);
    ck_assert_str_eq(render(&p),
                     "<某区2024年度政府信息公开工作年度报告> <一、总体情况> <共收到申请218件。> <嵌套> <尾巴> "
                     "<第一行> <第二行> <条目> <二、主动公开> [x] {1} | <after>");
    ck_assert_uint_eq(p.nprose, 10);
    ck_assert_str_eq(p.prose_buf.s,
                     "某区2024年度政府信息公开工作年度报告\n一、总体情况\n共收到申请218件。\n嵌套\n尾巴\n"
                     "第一行\n第二行\n条目\n二、主动公开\nafter");
    ck_assert_int_eq(p.prose[0].line, 1);
    ck_assert(p.prose[0].s == p.prose_buf.s);
    ck_assert_uint_eq(p.prose[1].n, strlen("一、总体情况"));
    ck_assert(memcmp(p.prose[1].s, "一、总体情况", p.prose[1].n) == 0);
    ck_assert_int_eq(p.prose[1].line, 2);
    ck_assert_int_eq(p.prose[2].line, 3);
    ck_assert_int_eq(p.prose[9].line, 7);
    ck_assert(memcmp(p.prose[9].s, "after", 5) == 0);
    for (size_t i = 0; i < p.ts.n; i++)
        if (p.ts.v[i].kind == TK_TEXT && p.ts.v[i].line != 6) ck_assert(!p.ts.v[i].in_table);
    done(&p);

    /* A block's line is that of its start tag; text after a <br> or between
     * blocks takes the line of its first text node. */
    lex(&p, "<div>\n<p\nclass=x>\n\n段落<br>\n\n下一段</p>\n尾</div>");
    ck_assert_str_eq(render(&p), "<段落> <下一段> <尾>");
    ck_assert_int_eq(p.ts.v[0].line, 3);   /* the start tag ends on line 3 */
    ck_assert_int_eq(p.ts.v[1].line, 7);
    ck_assert_int_eq(p.ts.v[2].line, 8);
    done(&p);
}
END_TEST

START_TEST(prose_appends)
{
    /* prose_buf is appended to, one '\n' between lines. */
    struct tokstream ts;
    strbuf pb;
    struct line_view *lv;
    size_t nl;
    struct diag d;
    ts_init(&ts);
    sb_init(&pb);
    diag_init(&d);
    sb_puts(&pb, "old");
    ck_assert_int_eq(html_lex("<p>new</p>", 10, NULL, &ts, &pb, &lv, &nl, &d), 0);
    ck_assert_str_eq(pb.s, "old\nnew");
    ck_assert_uint_eq(nl, 1);
    ck_assert(lv[0].s == pb.s + 4 && lv[0].n == 3);
    free(lv);
    /* No prose at all: NULL array. */
    sb_reset(&pb);
    ck_assert_int_eq(html_lex("<table><tr><td>1</td><td>2</td></tr></table>", 44, NULL, &ts, &pb, &lv, &nl,
                              &d), 0);
    ck_assert_uint_eq(nl, 0);
    ck_assert_ptr_null(lv);
    ck_assert_uint_eq(d.n, 0);
    sb_free(&pb);
    ts_free(&ts);
    diag_free(&d);
}
END_TEST

START_TEST(skipped_content)
{
    expect("<html><head><style>p{color:red}</style><script>var a='<p>no</p>';</script>"
           "<title>T</title></head><body>"
           "<script type=\"text/javascript\">document.write('x')</script>"
           "<p><!--[if !supportLists]-->1．<!--[endif]-->主动公开</p>"
           "<p><![if !supportLists]>2．<![endif]>依申请公开</p>"
           "<!-- <p>注释</p> --><style>.a{}</style><noscript>启用JS</noscript>"
           "<table><tr><td><!-- c -->a<script>s()</script></td><td>7</td></tr></table>"
           "</body></html>",
           "<T> <1．主动公开> <2．依申请公开> [a] {7} |");
    /* Word's hidden column-width row: its markers are not text. */
    expect("<table><tr><td>a</td><td>1</td></tr>\n<![if !supportMisalignedColumns]>\n"
           "<tr height=0><td width=77></td><td width=50></td></tr>\n<![endif]>\n</table>",
           "[a] {1} | {} {} |");
}
END_TEST

START_TEST(meta_charset_ignored)
{
    /* Real pages declare gb2312 in a meta tag; the bytes are already UTF-8. */
    expect("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
           "<title>政府信息公开</title></head><body><p>收到申请 218 件</p>"
           "<table><tr><td>自然人</td><td>217</td></tr></table></body></html>",
           "<政府信息公开> <收到申请 218 件> [自然人] {217} |");
    expect("<meta charset=gb2312><p>平潭综合实验区</p>", "<平潭综合实验区>");
    expect("<?xml version=\"1.0\" encoding=\"gbk\"?><meta charset=\"GBK\"><p>年度报告</p>", "<年度报告>");
}
END_TEST

START_TEST(layout_tables)
{
    /* A table holding a table is layout: its cells are prose blocks, the
     * inner table is the data. A 1x1 table is layout too. */
    expect("<table><tr><td>导航</td><td><p>正文</p>"
           "<table><tr><td>a</td><td>1</td></tr></table>"
           "<p>结尾</p></td></tr></table>"
           "<table><tr><td><p>整篇文章</p><p>第二段</p></td></tr></table>",
           "<导航> <正文> [a] {1} | <结尾> <整篇文章> <第二段>");
}
END_TEST

START_TEST(caption_and_stray)
{
    /* Text in a table outside any cell is rendered above it: prose first. */
    expect("<table><caption>表一</caption><tr><td>a</td><td>1</td></tr></table>",
           "<表一> [a] {1} |");
    /* Cells outside a <tr> form one row. */
    expect("<table><td>a</td><td>1</td></table>", "[a] {1} |");
}
END_TEST

START_TEST(deep_nesting)
{
    /* 10,000 levels: libxml2 stops the tree at depth 256, our walks are
     * iterative; no stack overflow, ASan quiet. */
    size_t levels = 10000;
    const char *tags[] = { "<div>", "<table><tr><td>", "<span>" };
    for (size_t k = 0; k < ARRAY_LEN(tags); k++) {
        strbuf b;
        sb_init(&b);
        for (size_t i = 0; i < levels; i++) sb_puts(&b, tags[k]);
        sb_puts(&b, "深处");
        struct page p;
        lex_n(&p, b.s, b.len);
        ck_assert_int_eq(p.rc, 0);
        done(&p);
        sb_free(&b);
    }
}
END_TEST

START_TEST(garbage)
{
    static const char *const inputs[] = {
        "\x01\x02<<<>>>", "<", "</td></tr>", "<td rowspan=", "<table><tr><td", "   ",
        "<p>a\xff\xfe b</p>", "\xef\xbb\xbf<p>bom</p>", "<![if !supportMisalignedColumns]><tr><td>x",
    };
    for (size_t i = 0; i < ARRAY_LEN(inputs); i++) {
        struct page p;
        lex(&p, inputs[i]);
        ck_assert(p.rc == 0 || p.rc == -1);
        if (p.rc == 0) {
            /* Tokens stay valid UTF-8 whatever the input. */
            for (size_t t = 0; t < p.ts.n; t++) {
                const unsigned char *s = (const unsigned char *)tok_text(&p.ts, &p.ts.v[t]);
                size_t n = p.ts.v[t].len;
                for (size_t j = 0; j < n;) {
                    size_t l = utf8_seqlen(s + j, n - j);
                    ck_assert_msg(l > 0, "invalid UTF-8 in token of input %zu", i);
                    j += l;
                }
            }
        } else {
            ck_assert_uint_eq(p.nprose, 0);
        }
        done(&p);
    }
    /* Invalid bytes become U+FFFD; a BOM is not text. */
    expect("<p>a\xff" "b</p>", "<a\xef\xbf\xbd" "b>");
    expect("\xef\xbb\xbf<p>bom</p>", "<bom>");
}
END_TEST

START_TEST(no_document)
{
    struct page p;
    lex_n(&p, "", 0);
    ck_assert_int_eq(p.rc, -1);
    ck_assert_uint_eq(p.ts.n, 0);
    ck_assert_ptr_null(p.prose);
    ck_assert_uint_eq(p.nprose, 0);
    ck_assert_uint_eq(p.d.n, 1);
    ck_assert_int_eq(p.d.worst, DIAG_ERROR);
    ck_assert_str_eq(p.d.v[0].text, "ogistat: t.html: cannot parse HTML");
    done(&p);
}
END_TEST

Suite *suite_html(void)
{
    Suite *s = suite_create("html");
    TCase *tc = tcase_create("core");
    tcase_add_unchecked_fixture(tc, html_init, NULL);
    tcase_set_timeout(tc, 60);   /* valgrind on the deep-nesting test */
    tcase_add_test(tc, table_3x3);
    tcase_add_test(tc, rowspan_first_column);
    tcase_add_test(tc, colspan);
    tcase_add_test(tc, absurd_spans);
    tcase_add_test(tc, empty_cell);
    tcase_add_test(tc, cell_text_joins);
    tcase_add_test(tc, cjk_line_break);
    tcase_add_test(tc, cell_lines);
    tcase_add_test(tc, prose_blocks);
    tcase_add_test(tc, prose_appends);
    tcase_add_test(tc, skipped_content);
    tcase_add_test(tc, meta_charset_ignored);
    tcase_add_test(tc, layout_tables);
    tcase_add_test(tc, caption_and_stray);
    tcase_add_test(tc, deep_nesting);
    tcase_add_test(tc, garbage);
    tcase_add_test(tc, no_document);
    suite_add_tcase(s, tc);
    return s;
}
