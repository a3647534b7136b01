/* check_decode.c - decode_to_utf8 / decode_is_utf8.
 *
 * Decisions pinned here:
 *  - invalid input never decodes "lossily": garbage bytes, and UTF-8 that is
 *    truncated in its last character (short ASCII file or long Chinese file),
 *    give -1 rather than a guess (no GB18030 mojibake, no silent drop);
 *  - a lone 0x80 in GBK text is CP936's euro sign and decodes to U+20AC,
 *    with enc "GB18030";
 *  - a 4-Hanzi Big5 snippet (too short for uchardet) is refused (-1) rather
 *    than decoded as GB18030 garbage;
 *  - UTF-16 with a byte-order mark is accepted (enc "UTF-16LE"/"UTF-16BE").
 */
#include "ogistat/decode.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define HENGYANG_UTF8 "衡阳市司法局2013年政府信息公开工作年度报告"
#define HENGYANG_GBK                                                              \
    "\xba\xe2\xd1\xf4\xca\xd0\xcb\xbe\xb7\xa8\xbe\xd6\x32\x30\x31\x33\xc4\xea\xd5" \
    "\xfe\xb8\xae\xd0\xc5\xcf\xa2\xb9\xab\xbf\xaa\xb9\xa4\xd7\xf7\xc4\xea\xb6\xc8" \
    "\xb1\xa8\xb8\xe6"

#define TIANSHUI_UTF8 "天水市司法局2020年政府資訊公開工作年度報告"
#define TIANSHUI_BIG5                                                             \
    "\xa4\xd1\xa4\xf4\xa5\xab\xa5\x71\xaa\x6b\xa7\xbd\x32\x30\x32\x30\xa6\x7e\xac" \
    "\x46\xa9\xb2\xb8\xea\xb0\x54\xa4\xbd\xb6\x7d\xa4\x75\xa7\x40\xa6\x7e\xab\xd7" \
    "\xb3\xf8\xa7\x69"

/* "一、总体情况\n本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到申请12件。" */
#define PARA_UTF8 "一、总体情况\n本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到申请12件。"
#define PARA_GBK                                                                  \
    "\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xc7\xe9\xbf\xf6\x0a\xb1\xbe\xbb\xfa\xb9\xd8" \
    "\xc8\xcf\xd5\xe6\xb9\xe1\xb3\xb9\xc2\xe4\xca\xb5\xa1\xb6\xd6\xd0\xbb\xaa\xc8" \
    "\xcb\xc3\xf1\xb9\xb2\xba\xcd\xb9\xfa\xd5\xfe\xb8\xae\xd0\xc5\xcf\xa2\xb9\xab" \
    "\xbf\xaa\xcc\xf5\xc0\xfd\xa1\xb7\xa3\xac\xc8\xab\xc4\xea\xb9\xb2\xca\xd5\xb5" \
    "\xbd\xc9\xea\xc7\xeb\x31\x32\xbc\xfe\xa1\xa3"

/* Decode a literal (sizeof - 1 keeps embedded NULs). */
#define DEC(lit, out, outn, enc) decode_to_utf8((lit), sizeof(lit) - 1, (out), (outn), (enc))

static void expect_ok(const char *in, size_t n, const char *want, const char *want_enc)
{
    char *out = NULL;
    size_t outn = 0;
    const char *enc = NULL;
    ck_assert_int_eq(decode_to_utf8(in, n, &out, &outn, &enc), 0);
    ck_assert_ptr_nonnull(out);
    ck_assert_str_eq(out, want);
    ck_assert_uint_eq(outn, strlen(want));
    ck_assert_str_eq(enc, want_enc);
    ck_assert(decode_is_utf8(out, outn));
    free(out);
}

static void expect_fail(const char *in, size_t n)
{
    char *out = (char *)1;
    size_t outn = 99;
    const char *enc = "x";
    ck_assert_int_eq(decode_to_utf8(in, n, &out, &outn, &enc), -1);
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(outn, 0);
}

START_TEST(test_is_utf8_valid)
{
    ck_assert(decode_is_utf8("", 0));
    ck_assert(decode_is_utf8("plain ASCII text, long enough for the word loop", 47));
    ck_assert(decode_is_utf8(HENGYANG_UTF8, strlen(HENGYANG_UTF8)));
    ck_assert(decode_is_utf8("\xC2\x80", 2));                    /* U+0080 */
    ck_assert(decode_is_utf8("\xDF\xBF", 2));                    /* U+07FF */
    ck_assert(decode_is_utf8("\xE0\xA0\x80", 3));                /* U+0800 */
    ck_assert(decode_is_utf8("\xED\x9F\xBF", 3));                /* U+D7FF */
    ck_assert(decode_is_utf8("\xEE\x80\x80", 3));                /* U+E000 */
    ck_assert(decode_is_utf8("\xEF\xBF\xBF", 3));                /* U+FFFF */
    ck_assert(decode_is_utf8("\xF0\x90\x80\x80", 4));            /* U+10000 */
    ck_assert(decode_is_utf8("\xF0\xA0\x80\x80", 4));            /* 𠀀 */
    ck_assert(decode_is_utf8("\xF4\x8F\xBF\xBF", 4));            /* U+10FFFF */
    ck_assert(decode_is_utf8("a\0b", 3));                        /* NUL is valid UTF-8 */
}
END_TEST

START_TEST(test_is_utf8_invalid)
{
    ck_assert(!decode_is_utf8("\x80", 1));                       /* lone continuation */
    ck_assert(!decode_is_utf8("\xC0\x80", 2));                   /* overlong NUL */
    ck_assert(!decode_is_utf8("\xC1\xBF", 2));                   /* overlong */
    ck_assert(!decode_is_utf8("\xE0\x9F\xBF", 3));               /* overlong 3-byte */
    ck_assert(!decode_is_utf8("\xF0\x8F\xBF\xBF", 4));           /* overlong 4-byte */
    ck_assert(!decode_is_utf8("\xED\xA0\x80", 3));               /* U+D800 */
    ck_assert(!decode_is_utf8("\xED\xBF\xBF", 3));               /* U+DFFF */
    ck_assert(!decode_is_utf8("\xF4\x90\x80\x80", 4));           /* U+110000 */
    ck_assert(!decode_is_utf8("\xF5\x80\x80\x80", 4));
    ck_assert(!decode_is_utf8("\xFF", 1));
    ck_assert(!decode_is_utf8("\xE4\xB8", 2));                   /* truncated */
    ck_assert(!decode_is_utf8("\xE4\xB8\x41", 3));               /* bad continuation */
    ck_assert(!decode_is_utf8("\xF0\xA0\x80", 3));               /* truncated 4-byte */
    /* the error after a long ASCII run (word loop) and at the very end */
    ck_assert(!decode_is_utf8("0123456789abcdefghijklmnopqrstuv\x80", 33));
    ck_assert(!decode_is_utf8("0123456789abcdefghijklmnopqrstu\xE4\xB8", 33));
    /* the length is respected: the valid prefix is valid */
    ck_assert(decode_is_utf8("abc\xE4\xB8\xAD", 3));
    ck_assert(!decode_is_utf8("abc\xE4\xB8\xAD", 5));
}
END_TEST

START_TEST(test_utf8_plain_and_bom)
{
    expect_ok(HENGYANG_UTF8, strlen(HENGYANG_UTF8), HENGYANG_UTF8, "UTF-8");
    expect_ok("\xEF\xBB\xBF" HENGYANG_UTF8, strlen(HENGYANG_UTF8) + 3, HENGYANG_UTF8, "UTF-8");
    expect_ok("\xEF\xBB\xBF", 3, "", "UTF-8");                 /* BOM only */
    expect_ok("", 0, "", "UTF-8");
    expect_ok("ASCII only\n", 11, "ASCII only\n", "UTF-8");
    /* only one BOM is stripped, and only at the start */
    expect_ok("a\xEF\xBB\xBF" "b", 5, "a\xEF\xBB\xBF" "b", "UTF-8");
}
END_TEST

START_TEST(test_utf8_crlf_kept_nul_replaced)
{
    char *out;
    size_t outn;
    const char *enc;
    ck_assert_int_eq(DEC("总计\r\n12\0件\r\n\0", &out, &outn, &enc), 0);
    ck_assert_uint_eq(outn, sizeof("总计\r\n12\0件\r\n\0") - 1);
    ck_assert_str_eq(out, "总计\r\n12 件\r\n ");
    ck_assert_ptr_null(memchr(out, '\0', outn));
    ck_assert_str_eq(enc, "UTF-8");
    free(out);
}
END_TEST

START_TEST(test_gbk_sentence)
{
    expect_ok(HENGYANG_GBK, sizeof(HENGYANG_GBK) - 1, HENGYANG_UTF8, "GB18030");
    expect_ok(PARA_GBK, sizeof(PARA_GBK) - 1, PARA_UTF8, "GB18030");
}
END_TEST

START_TEST(test_gbk_crlf_and_nul)
{
    /* CRLF kept, NUL -> space, in the iconv path too */
    static const char in[] = HENGYANG_GBK "\r\n\0" PARA_GBK "\r\n";
    expect_ok(in, sizeof in - 1, HENGYANG_UTF8 "\r\n " PARA_UTF8 "\r\n", "GB18030");
}
END_TEST

START_TEST(test_gb18030_four_byte_and_bom)
{
    /* 𠀀 is a GB18030 4-byte sequence (GBK cannot decode it); a GB18030 BOM
     * (84 31 95 33 = U+FEFF) is dropped. */
    static const char in[] = "\x84\x31\x95\x33" HENGYANG_GBK "\x95\x32\x82\x36";
    expect_ok(in, sizeof in - 1, HENGYANG_UTF8 "𠀀", "GB18030");
}
END_TEST

START_TEST(test_gbk_lone_0x80_euro)
{
    /* CP936 0x80 = €; glibc's GB18030 rejects it, the decoder maps it. */
    static const char in[] = PARA_GBK "\xbc\xdb\xb8\xf1\xce\xaa\x31\x30\x30\x80\xa3\xac\xba\xcf\xbc\xc6";
    expect_ok(in, sizeof in - 1, PARA_UTF8 "价格为100€，合计", "GB18030");
    /* short: uchardet cannot tell, the strict GB18030 fallback can */
    expect_ok("\xbc\xdb\xb8\xf1\xce\xaa\x31\x30\x30\x80\xa3\xac\xba\xcf\xbc\xc6", 16,
              "价格为100€，合计", "GB18030");
    /* the same text with € encoded the GB18030 way */
    expect_ok("\xbc\xdb\xb8\xf1\xce\xaa\x31\x30\x30\xa2\xe3\xa3\xac\xba\xcf\xbc\xc6", 17,
              "价格为100€，合计", "GB18030");
}
END_TEST

START_TEST(test_big5_sentence)
{
    expect_ok(TIANSHUI_BIG5, sizeof(TIANSHUI_BIG5) - 1, TIANSHUI_UTF8, "BIG5");
    static const char two[] = TIANSHUI_BIG5 "\r\n" TIANSHUI_BIG5 "\n";
    expect_ok(two, sizeof two - 1, TIANSHUI_UTF8 "\r\n" TIANSHUI_UTF8 "\n", "BIG5");
}
END_TEST

START_TEST(test_short_big5_refused)
{
    /* 資訊公開 in Big5: uchardet cannot tell for 4 Hanzi, and as GB18030 the
     * bytes are not plausible GB2312 text, so: refuse rather than garble. */
    expect_fail("\xb8\xea\xb0\x54\xa4\xbd\xb6\x7d", 8);
}
END_TEST

START_TEST(test_garbage_refused)
{
    expect_fail("\xff\xfe\xfd", 3);
    expect_fail("\xff", 1);
    expect_fail("\x80\x80\x80\x80", 4);
    /* Latin-1 text is not Chinese */
    expect_fail("caf\xe9 na\xefve r\xe9sum\xe9 d\xe9j\xe0 vu", 24);
}
END_TEST

START_TEST(test_truncated_utf8_refused)
{
    /* Decision: UTF-8 truncated inside its last character is refused (-1):
     * no repair, and never re-read as GB18030 mojibake. */
    expect_fail("hello world\xe4\xb8", 13);
    expect_fail("annual report 2020\xe5", 19);

    /* a long Chinese UTF-8 text cut in its last character */
    size_t unit = strlen(PARA_UTF8);
    size_t n = unit * 50 + 2;
    char *buf = malloc(n);
    ck_assert_ptr_nonnull(buf);
    for (size_t i = 0; i < 50; i++) memcpy(buf + i * unit, PARA_UTF8, unit);
    memcpy(buf + unit * 50, "\xe6\x80", 2);                 /* first 2 bytes of 总 */
    expect_fail(buf, n);
    free(buf);
}
END_TEST

START_TEST(test_truncated_gbk_refused)
{
    /* GBK cut after the lead byte of its last character (iconv EINVAL) */
    static const char in[] = PARA_GBK PARA_GBK "\xd7";
    expect_fail(in, sizeof in - 1);
}
END_TEST

START_TEST(test_utf16_bom)
{
    expect_ok("\xff\xfe\x3f\x65\x9c\x5e\xe1\x4f\x6f\x60\x6c\x51\x00\x5f\x0d\x00\x0a\x00", 18,
              "政府信息公开\r\n", "UTF-16LE");
    expect_ok("\xfe\xff\x65\x3f\x5e\x9c\x00\x0a", 8, "政府\n", "UTF-16BE");
}
END_TEST

START_TEST(test_large_gbk_grows_buffer)
{
    /* many repetitions: exercises E2BIG-free sizing and iconv over a big buffer */
    size_t unit = sizeof(PARA_GBK) - 1, reps = 2000;
    char *in = malloc(unit * reps);
    ck_assert_ptr_nonnull(in);
    for (size_t i = 0; i < reps; i++) memcpy(in + i * unit, PARA_GBK, unit);
    char *out;
    size_t outn;
    const char *enc;
    ck_assert_int_eq(decode_to_utf8(in, unit * reps, &out, &outn, &enc), 0);
    ck_assert_str_eq(enc, "GB18030");
    ck_assert_uint_eq(outn, strlen(PARA_UTF8) * reps);
    ck_assert(memcmp(out + outn - strlen(PARA_UTF8), PARA_UTF8, strlen(PARA_UTF8)) == 0);
    free(out);
    free(in);
}
END_TEST

START_TEST(test_null_optional_outputs)
{
    char *out;
    ck_assert_int_eq(decode_to_utf8(HENGYANG_GBK, sizeof(HENGYANG_GBK) - 1, &out, NULL, NULL), 0);
    ck_assert_str_eq(out, HENGYANG_UTF8);
    free(out);
}
END_TEST

Suite *suite_decode(void);   /* called by check_main.c */
START_TEST(utf8_prefix)
{
    ck_assert_uint_eq(decode_utf8_prefix("abc", 3), 3);
    ck_assert_uint_eq(decode_utf8_prefix("测试", 6), 6);
    ck_assert_uint_eq(decode_utf8_prefix("测试\xe6\xb5", 8), 6);      /* cut short at the end */
    ck_assert_uint_eq(decode_utf8_prefix("ab\xff测", 6), 2);
    ck_assert_uint_eq(decode_utf8_prefix("\xc0\x80", 2), 0);          /* overlong */
    ck_assert_uint_eq(decode_utf8_prefix("", 0), 0);
}
END_TEST

Suite *suite_decode(void)
{
    Suite *s = suite_create("decode");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_is_utf8_valid);
    tcase_add_test(tc, utf8_prefix);
    tcase_add_test(tc, test_is_utf8_invalid);
    tcase_add_test(tc, test_utf8_plain_and_bom);
    tcase_add_test(tc, test_utf8_crlf_kept_nul_replaced);
    tcase_add_test(tc, test_gbk_sentence);
    tcase_add_test(tc, test_gbk_crlf_and_nul);
    tcase_add_test(tc, test_gb18030_four_byte_and_bom);
    tcase_add_test(tc, test_gbk_lone_0x80_euro);
    tcase_add_test(tc, test_big5_sentence);
    tcase_add_test(tc, test_short_big5_refused);
    tcase_add_test(tc, test_garbage_refused);
    tcase_add_test(tc, test_truncated_utf8_refused);
    tcase_add_test(tc, test_truncated_gbk_refused);
    tcase_add_test(tc, test_utf16_bom);
    tcase_add_test(tc, test_large_gbk_grows_buffer);
    tcase_add_test(tc, test_null_optional_outputs);
    suite_add_tcase(s, tc);
    return s;
}
