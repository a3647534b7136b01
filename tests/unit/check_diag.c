/* check_diag.c - diag.c: message format, dropping a reader's moot notes. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <string.h>

#include "ogistat/diag.h"

Suite *suite_diag(void);

START_TEST(test_format)
{
    struct diag d;
    diag_init(&d);
    diag_add(&d, DIAG_NOTE, "a.txt", 10, "row left out '%s'", "8 0 0");
    diag_add(&d, DIAG_WARN, "a.txt", 0, "no line");
    diag_add(&d, DIAG_NOTE, NULL, 0, "no file");
    ck_assert_str_eq(d.v[0].text, "ogistat: a.txt:10: note: row left out '8 0 0'");
    ck_assert_ptr_nonnull(strstr(d.v[1].text, "ogistat: a.txt: "));
    ck_assert_ptr_nonnull(strstr(d.v[2].text, "ogistat: "));
    ck_assert_int_eq(d.worst, DIAG_WARN);
    diag_free(&d);
}
END_TEST

START_TEST(test_drop_range)
{
    struct diag d;
    diag_init(&d);
    diag_add(&d, DIAG_NOTE, "a", 1, "keep 1");
    diag_add(&d, DIAG_WARN, "a", 2, "drop 2");
    diag_add(&d, DIAG_NOTE, "a", 3, "drop 3");
    diag_add(&d, DIAG_NOTE, "a", 4, "keep 4");
    diag_drop(&d, 1, 3);
    ck_assert_uint_eq(d.n, 2);
    ck_assert_ptr_nonnull(strstr(d.v[0].text, "keep 1"));
    ck_assert_ptr_nonnull(strstr(d.v[1].text, "keep 4"));
    ck_assert_int_eq(d.worst, DIAG_NOTE);       /* the warning went with its range */
    diag_drop(&d, 1, 99);                        /* clamped to the end */
    ck_assert_uint_eq(d.n, 1);
    diag_drop(&d, 1, 1);                         /* empty range: nothing */
    ck_assert_uint_eq(d.n, 1);
    diag_free(&d);
}
END_TEST

Suite *suite_diag(void)
{
    Suite *s = suite_create("diag");
    TCase *tc = tcase_create("diag");
    tcase_add_test(tc, test_format);
    tcase_add_test(tc, test_drop_range);
    suite_add_tcase(s, tc);
    return s;
}
