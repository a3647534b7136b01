/* check_hanzi.c - hz_t2s, hz_looks_traditional, hz_fold, hz_fold_keep_enum. */
#include "ogistat/hanzi.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static struct hz *hz;

static void setup(void)
{
    const char *err = NULL;
    hz = hz_new(&err);
    ck_assert_msg(hz != NULL, "hz_new: %s", err ? err : "?");
}

static void teardown(void)
{
    hz_free(hz);
    hz = NULL;
}

static void t2s_is(const char *in, const char *want)
{
    size_t n = 0;
    char *out = hz_t2s(hz, in, strlen(in), &n);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, want);
    ck_assert_uint_eq(n, strlen(want));
    free(out);
}

static size_t count_nl(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += s[i] == '\n';
    return k;
}

/* ==== t2s ==== */

START_TEST(test_t2s_basic)
{
    t2s_is("收到和處理政府信息公開申請情況 申請人情況 總計",
           "收到和处理政府信息公开申请情况 申请人情况 总计");
    t2s_is("行政復議", "行政复议");
    t2s_is("行政複議", "行政复议");
    t2s_is("屬于國家祕密", "属于国家秘密");
    t2s_is("答覆 答復", "答复 答复");
    t2s_is("規範性檔案", "规范性档案");
    /* already Simplified and ASCII text are unchanged */
    t2s_is("收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请情况");
    t2s_is("ASCII only 123", "ASCII only 123");
    t2s_is("", "");
}
END_TEST

START_TEST(test_t2s_lines_preserved)
{
    static const char in[] =
        "\n"
        "天水市司法局2020年政府資訊公開工作年度報告\r\n"
        "\n\n"
        "一、總體情況\n"
        "plain ascii line\n"
        "行政復議 0 件\n"
        "\n"
        "最後一行沒有換行";
    static const char want[] =
        "\n"
        "天水市司法局2020年政府资讯公开工作年度报告\r\n"
        "\n\n"
        "一、总体情况\n"
        "plain ascii line\n"
        "行政复议 0 件\n"
        "\n"
        "最后一行没有换行";
    size_t n = 0;
    char *out = hz_t2s(hz, in, sizeof in - 1, &n);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, want);
    ck_assert_uint_eq(count_nl(out, n), count_nl(in, sizeof in - 1));
    free(out);

    /* trailing newline kept too */
    t2s_is("總計\n", "总计\n");
    t2s_is("\n\n\n", "\n\n\n");
}
END_TEST

START_TEST(test_t2s_embedded_nul)
{
    /* OpenCC stops at NUL; hz_t2s converts around it and keeps it */
    static const char in[] = "總計\0總計\n數據";
    size_t n = 0;
    char *out = hz_t2s(hz, in, sizeof in - 1, &n);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(n, sizeof("总计\0总计\n数据") - 1);
    ck_assert(memcmp(out, "总计\0总计\n数据", n) == 0);
    free(out);
}
END_TEST

START_TEST(test_t2s_invalid_utf8)
{
    size_t n = 7;
    /* truncated last character: OpenCC would read past the end */
    ck_assert_ptr_null(hz_t2s(hz, "總計\xe8\xa8", 8, &n));
    ck_assert_uint_eq(n, 0);
    /* raw GBK */
    ck_assert_ptr_null(hz_t2s(hz, "\xd7\xdc\xbc\xc6", 4, NULL));
    ck_assert_ptr_null(hz_t2s(NULL, "abc", 3, NULL));
}
END_TEST

START_TEST(test_t2s_large)
{
    /* many lines of Traditional text: the result matches line-wise conversion */
    static const char line[] = "收到和處理政府信息公開申請情況 申請人情況 總計\n";
    static const char want_line[] = "收到和处理政府信息公开申请情况 申请人情况 总计\n";
    size_t reps = 3000, ul = sizeof line - 1, wl = sizeof want_line - 1;
    char *in = malloc(ul * reps);
    ck_assert_ptr_nonnull(in);
    for (size_t i = 0; i < reps; i++) memcpy(in + i * ul, line, ul);
    size_t n = 0;
    char *out = hz_t2s(hz, in, ul * reps, &n);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(n, wl * reps);
    for (size_t i = 0; i < reps; i++) ck_assert(memcmp(out + i * wl, want_line, wl) == 0);
    free(out);
    free(in);
}
END_TEST

START_TEST(test_hz_new_free)
{
    hz_free(NULL);
    const char *err = NULL;
    struct hz *h = hz_new(&err);
    ck_assert_ptr_nonnull(h);
    hz_free(h);
}
END_TEST

/* ==== Traditional detection ==== */

static const char trad_para[] =
    "根據修訂後的《中華人民共和國政府信息公開條例》(以下簡稱為《公開條例》)和《天水市2020年"
    "政府信息公開工作要點》有關要求,結合工作實際,現將我局2020年政府信息公開工作情況進行總結並向"
    "社會公開。本年報所列數據的統計期限自2020年1月1日起至2020年12月31日止。一、基本情況 2020年,"
    "我局高度重視政府信息公開工作,認真貫徹黨的十九大精神,進一步規範政府信息公開辦理工作。";

static const char simp_para[] =
    "根据修订后的《中华人民共和国政府信息公开条例》(以下简称为《公开条例》)和《天水市2020年"
    "政府信息公开工作要点》有关要求,结合工作实际,现将我局2020年政府信息公开工作情况进行总结并向"
    "社会公开。本年报所列数据的统计期限自2020年1月1日起至2020年12月31日止。一、基本情况 2020年,"
    "我局高度重视政府信息公开工作,认真贯彻党的十九大精神,进一步规范政府信息公开办理工作。";

START_TEST(test_looks_traditional)
{
    ck_assert(hz_looks_traditional(trad_para, strlen(trad_para)));
    ck_assert(!hz_looks_traditional(simp_para, strlen(simp_para)));
    ck_assert(!hz_looks_traditional("Annual report 2020, plain ASCII.", 32));
    ck_assert(!hz_looks_traditional("", 0));
    /* a short Traditional heading still counts; its Simplified form does not */
    ck_assert(hz_looks_traditional("收到和處理政府信息公開申請情況", strlen("收到和處理政府信息公開申請情況")));
    ck_assert(!hz_looks_traditional("收到和处理政府信息公开申请情况", strlen("收到和处理政府信息公开申请情况")));
    /* one stray Traditional character in Simplified text is not enough */
    ck_assert(!hz_looks_traditional("本机关收到申请共计12件,已全部办结開", strlen("本机关收到申请共计12件,已全部办结開")));
}
END_TEST

START_TEST(test_looks_traditional_t2s_roundtrip)
{
    /* whatever t2s makes of the Traditional paragraph no longer looks Traditional */
    size_t n = 0;
    char *s = hz_t2s(hz, trad_para, strlen(trad_para), &n);
    ck_assert_ptr_nonnull(s);
    ck_assert(!hz_looks_traditional(s, n));
    free(s);
}
END_TEST

START_TEST(test_looks_traditional_scan_limit)
{
    /* 70 KiB of Simplified text followed by Traditional text: only the first
     * 64 KiB are looked at */
    size_t sl = strlen(simp_para), tl = strlen(trad_para), reps = 70 * 1024 / sl + 1;
    char *buf = malloc(sl * reps + tl * 20);
    ck_assert_ptr_nonnull(buf);
    for (size_t i = 0; i < reps; i++) memcpy(buf + i * sl, simp_para, sl);
    for (size_t i = 0; i < 20; i++) memcpy(buf + sl * reps + i * tl, trad_para, tl);
    ck_assert(!hz_looks_traditional(buf, sl * reps + tl * 20));
    ck_assert(hz_looks_traditional(buf + sl * reps, tl * 20));
    free(buf);
}
END_TEST

/* ==== folding ==== */

static void fold_is(const char *in, const char *want)
{
    size_t n = 99;
    char *out = hz_fold(in, strlen(in), &n);
    ck_assert_ptr_nonnull(out);
    ck_assert_msg(strcmp(out, want) == 0, "hz_fold(\"%s\") = \"%s\", want \"%s\"", in, out, want);
    ck_assert_uint_eq(n, strlen(want));
    free(out);
}

static void keep_is(const char *in, const char *want)
{
    size_t n = 99;
    char *out = hz_fold_keep_enum(in, strlen(in), &n);
    ck_assert_ptr_nonnull(out);
    ck_assert_msg(strcmp(out, want) == 0, "hz_fold_keep_enum(\"%s\") = \"%s\", want \"%s\"", in, out, want);
    ck_assert_uint_eq(n, strlen(want));
    free(out);
}

START_TEST(test_fold_examples)
{
    fold_is("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "部分公开(区分处理的,只计这一情形,不计其他情形)");
    fold_is("3.危及“三安全一稳定”", "危及\"三安全一稳定\"");
    fold_is("4.无正当理由大量反复 申请", "无正当理由大量反复申请");
    fold_is("三 、本 年 度办 理 结果", "本年度办理结果");
    fold_is("其中：主动公开规范性文件数", "主动公开规范性文件数");
    keep_is("3.其他", "3.其他");
}
END_TEST

START_TEST(test_fold_after_t2s)
{
    size_t n = 0;
    char *s = hz_t2s(hz, "規範性檔案", strlen("規範性檔案"), &n);
    ck_assert_ptr_nonnull(s);
    char *f = hz_fold(s, n, &n);
    ck_assert_str_eq(f, "规范性文件");
    free(f);
    free(s);

    s = hz_t2s(hz, "（七）總計", strlen("（七）總計"), &n);
    ck_assert_ptr_nonnull(s);
    f = hz_fold(s, n, &n);
    ck_assert_str_eq(f, "总计");
    free(f);
    free(s);
}
END_TEST

START_TEST(test_fold_variants)
{
    fold_is("部份公开", "部分公开");
    fold_is("部 份公开", "部分公开");               /* after whitespace removal */
    fold_is("份额", "份额");                        /* 份 alone is kept */
    fold_is("政府资讯公开", "政府信息公开");
    fold_is("资 讯", "信息");
    fold_is("其它", "其他");
    fold_is("记帐", "记账");
    fold_is("帐", "账");
    fold_is("规范性档案", "规范性文件");
    fold_is("規範性檔案", "規範性文件");
    fold_is("档案馆", "文件馆");                    /* folded everywhere, on both sides */
    fold_is("档次 方案", "档次方案");               /* 档/案 apart are kept */
}
END_TEST

START_TEST(test_fold_width_space_quotes)
{
    fold_is("ＡＢＣ　１２３．４５％", "ABC123.45%");
    fold_is("（）", "");                            /* empty brackets dropped */
    keep_is("（）", "()");
    keep_is("a\t b\r\n c\xC2\xA0" "d\xE2\x80\x82" "e\xE2\x80\x8B" "f\xE3\x80\x80g", "abcdefg");
    keep_is("“a”\"b\"「c」『d』‘e’'f'＂g＂＇h＇", "\"a\"\"b\"\"c\"\"d\"\"e\"\"f\"\"g\"\"h\"");
    keep_is("其中：", "其中:");
    keep_is("（一）公开", "(一)公开");
    keep_is("一、总体情况", "一、总体情况");
    keep_is("①", "①");
    keep_is("", "");
}
END_TEST

START_TEST(test_fold_enumerators)
{
    fold_is("一、总体情况", "总体情况");
    fold_is("十一、其他", "其他");
    fold_is("(十二)其他", "其他");
    fold_is("（三）不予公开", "不予公开");
    fold_is("1.属于国家秘密", "属于国家秘密");
    fold_is("12、其他", "其他");
    fold_is("1．属于", "属于");
    fold_is("１．属于", "属于");
    fold_is("①本机关不掌握", "本机关不掌握");
    fold_is("⑳其他", "其他");
    fold_is("⑴其他", "其他");
    /* embedded, not only leading */
    fold_is("六、其他处理（三）其他 3.其他", "其他处理其他其他");
    fold_is("2.其他法律行政法规禁止公开 ", "其他法律行政法规禁止公开");
    fold_is("四、结果 其中：1.行政复议", "结果行政复议");
    /* numbers are not enumerators */
    fold_is("7730.28", "7730.28");
    fold_is("共7730.28万元", "共7730.28万元");
    fold_is("2013年", "2013年");
    fold_is("3、5", "3、5");
    fold_is("第3.", "第3.");                        /* nothing follows: kept */
    fold_is("这一情形", "这一情形");
    fold_is("统一规范", "统一规范");
    /* bracket leftovers */
    fold_is("部分公开(①)", "部分公开");
    fold_is("【】标题〔〕", "标题");
}
END_TEST

START_TEST(test_fold_invalid_utf8_and_null_outn)
{
    /* invalid bytes are copied, never read past the end */
    size_t n = 0;
    char *out = hz_fold("a\xff" "b\xe4\xb8", 5, &n);
    ck_assert_uint_eq(n, 5);
    ck_assert(memcmp(out, "a\xff" "b\xe4\xb8", 5) == 0);
    free(out);
    out = hz_fold("一、x", strlen("一、x"), NULL);
    ck_assert_str_eq(out, "x");
    free(out);
}
END_TEST

Suite *suite_hanzi(void);    /* called by check_main.c */
Suite *suite_hanzi(void)
{
    Suite *s = suite_create("hanzi");
    TCase *tc = tcase_create("t2s");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_t2s_basic);
    tcase_add_test(tc, test_t2s_lines_preserved);
    tcase_add_test(tc, test_t2s_embedded_nul);
    tcase_add_test(tc, test_t2s_invalid_utf8);
    tcase_add_test(tc, test_t2s_large);
    tcase_add_test(tc, test_hz_new_free);
    tcase_add_test(tc, test_looks_traditional_t2s_roundtrip);
    tcase_add_test(tc, test_fold_after_t2s);
    suite_add_tcase(s, tc);

    TCase *tf = tcase_create("fold");
    tcase_add_test(tf, test_looks_traditional);
    tcase_add_test(tf, test_looks_traditional_scan_limit);
    tcase_add_test(tf, test_fold_examples);
    tcase_add_test(tf, test_fold_variants);
    tcase_add_test(tf, test_fold_width_space_quotes);
    tcase_add_test(tf, test_fold_enumerators);
    tcase_add_test(tf, test_fold_invalid_utf8_and_null_outn);
    suite_add_tcase(s, tf);
    return s;
}
