/* check_pdf.c - PDF text layer (src/pdf.c) and PDF reports through parse.
 * Fixtures: tests/data/unit/pdf_*.pdf, written by gen-pdf-fixtures.py (read it for
 * what each page holds; the values below are its V and t4 tables). */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/parse.h"
#include "ogistat/pdf.h"
#include "ogistat/registry.h"
#include "ogistat/util.h"
#include "testutil.h"

Suite *suite_pdf(void);

static char *pdf_text_of(const char *fixture, struct diag *d, int *rc)
{
    size_t n;
    char *buf = load_fixture(fixture, &n);
    char *text = NULL;
    size_t tn = 0;
    *rc = pdf_to_text(buf, n, fixture, &text, &tn, d);
    free(buf);
    if (*rc == 0) ck_assert_uint_eq(strlen(text), tn);
    return text;
}

START_TEST(signature)
{
    ck_assert(pdf_is_pdf("%PDF-1.7\n", 9));
    ck_assert(!pdf_is_pdf("%PDF", 4));
    ck_assert(!pdf_is_pdf("报告 %PDF-1.4", strlen("报告 %PDF-1.4")));
}
END_TEST

/* Page numbers go, rows stay whole, the vertical label keeps one character a line. */
START_TEST(text_layer_lines)
{
    struct diag d;
    diag_init(&d);
    int rc;
    char *t = pdf_text_of("pdf_r21_pagebreak.pdf", &d, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_ptr_null(strstr(t, "-1-"));
    ck_assert_ptr_null(strstr(t, "- 2 -"));
    /* a row: label, then the seven numbers set apart by runs of spaces */
    const char *row = strstr(t, "一、本年新收政府信息公开申请数量");
    ck_assert_ptr_nonnull(row);
    const char *eol = strchr(row, '\n');
    char line[512];
    snprintf(line, sizeof line, "%.*s", (int)(eol - row), row);
    const char *want[] = { "20", "1", "0", "0", "2", "0", "23" };
    char *save = NULL, *tok = strtok_r(line, " ", &save);
    ck_assert_str_eq(tok, "一、本年新收政府信息公开申请数量");
    for (size_t i = 0; i < ARRAY_LEN(want); i++) {
        tok = strtok_r(NULL, " ", &save);
        ck_assert_ptr_nonnull(tok);
        ck_assert_str_eq(tok, want[i]);
    }
    ck_assert_ptr_null(strtok_r(NULL, " ", &save));
    /* the numbers in a cell are not split by the grid: 23, not "2 3" */
    ck_assert_ptr_nonnull(strstr(t, "     22 "));
    /* the vertical label: 三 and 、 begin two consecutive lines */
    const char *v = strstr(t, "\n  三 ");
    ck_assert_ptr_nonnull(v);
    ck_assert_ptr_nonnull(strstr(v, "\n  、 "));
    free(t);
    diag_free(&d);
}
END_TEST

/* 表三 crosses the page break (its header repeated on page 2): every cell is read. */
static const int V[25][6] = {
    { 20, 1, 0, 0, 2, 0 }, { 3, 0, 0, 0, 0, 0 }, { 9, 1, 0, 0, 1, 0 }, { 2, 0, 0, 0, 0, 0 },
    { 0, 0, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 },
    { 0, 0, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0, 0 },
    { 4, 0, 0, 0, 1, 0 }, { 1, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 },
    { 1, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 },
    { 1, 0, 0, 0, 0, 0 }, { 0, 0, 0, 0, 0, 0 }, { 1, 0, 0, 0, 0, 0 },
    { 22, 1, 0, 0, 2, 0 }, { 1, 0, 0, 0, 0, 0 },
};
static const int ROWS[25] = {
    M_REQ_NEW, M_REQ_CARRY_IN, M_RES_GRANTED, M_RES_PARTIAL,
    M_RES_DENIED_STATE_SECRET, M_RES_DENIED_LAW_FORBIDDEN, M_RES_DENIED_SAFETY_STABILITY, M_RES_DENIED_THIRD_PARTY,
    M_RES_DENIED_INTERNAL_AFFAIRS, M_RES_DENIED_PROCESS_INFO, M_RES_DENIED_ENFORCEMENT_FILE, M_RES_DENIED_ADMIN_QUERY,
    M_RES_UNABLE_NOT_HELD, M_RES_UNABLE_NEEDS_CREATION, M_RES_UNABLE_UNCLEAR,
    M_RES_NOPROC_PETITION, M_RES_NOPROC_REPEAT, M_RES_NOPROC_PUBLICATION, M_RES_NOPROC_EXCESSIVE, M_RES_NOPROC_CONFIRM,
    M_RES_OTHER_NO_CORRECTION, M_RES_OTHER_NO_FEE, M_RES_OTHER_MISC,
    M_RES_TOTAL, M_REQ_CARRY_OUT,
};
static const int COLS[6] = { AP_NATURAL, AP_ORG_BUSINESS, AP_ORG_RESEARCH, AP_ORG_NGO, AP_ORG_LEGAL, AP_ORG_OTHER };

START_TEST(report_across_page_break)
{
    size_t n;
    char *buf = load_fixture("pdf_r21_pagebreak.pdf", &n);
    struct report r;
    report_init(&r, "x.pdf");
    parse_buffer(&r, buf, n);
    free(buf);
    ck_assert(!r.failed);
    ck_assert_str_eq(r.body, "测试县人民政府");
    ck_assert_int_eq(r.year, 2023);
    ck_assert_int_eq(r.regime, RG_R21);
    for (size_t k = 0; k < 25; k++) {
        int sum = 0;
        for (size_t a = 0; a < 6; a++) {
            const struct cell *c = report_get(&r, ROWS[k], COLS[a]);
            ck_assert_msg(c && c->status == CELL_VALUE && c->v100 == V[k][a] * 100, "row %zu col %zu", k, a);
            sum += V[k][a];
        }
        const struct cell *t = report_get(&r, ROWS[k], AP_TOTAL);
        ck_assert_msg(t && t->v100 == sum * 100, "row %zu total", k);
    }
    static const int T4[15] = { M_REV_UPHELD, M_REV_CORRECTED, M_REV_OTHER, M_REV_PENDING, M_REV_TOTAL,
                                M_LIT_DIRECT_UPHELD, M_LIT_DIRECT_CORRECTED, M_LIT_DIRECT_OTHER, M_LIT_DIRECT_PENDING,
                                M_LIT_DIRECT_TOTAL, M_LIT_AFTER_REV_UPHELD, M_LIT_AFTER_REV_CORRECTED,
                                M_LIT_AFTER_REV_OTHER, M_LIT_AFTER_REV_PENDING, M_LIT_AFTER_REV_TOTAL };
    static const int T4V[15] = { 2, 1, 0, 0, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0 };
    for (size_t i = 0; i < 15; i++) {
        const struct cell *c = report_get(&r, T4[i], AP_NONE);
        ck_assert_msg(c && c->status == CELL_VALUE && c->v100 == T4V[i] * 100, "表四 %zu", i);
    }
    /* 25 rows x 7 columns + 表四's 15 + the prose's nothing else */
    ck_assert_uint_eq(r.ncells, 25 * 7 + 15);
    report_free(&r);
}
END_TEST

START_TEST(scanned_pdf)
{
    struct diag d;
    diag_init(&d);
    int rc;
    char *t = pdf_text_of("pdf_scanned.pdf", &d, &rc);
    ck_assert_int_eq(rc, -1);
    ck_assert_ptr_null(t);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_str_eq(d.v[0].text, "ogistat: pdf_scanned.pdf: no text layer (scanned PDF?)");
    diag_free(&d);
}
END_TEST

START_TEST(broken_pdf)
{
    struct diag d;
    diag_init(&d);
    int rc;
    char *t = pdf_text_of("pdf_broken.pdf", &d, &rc);
    ck_assert_int_eq(rc, -1);
    ck_assert_ptr_null(t);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_msg(strncmp(d.v[0].text, "ogistat: pdf_broken.pdf: not a readable PDF: ", 45) == 0, "%s", d.v[0].text);
    /* and through parse: the report fails with that message, nothing is read */
    size_t n;
    char *buf = load_fixture("pdf_broken.pdf", &n);
    struct report r;
    report_init(&r, "b.pdf");
    parse_buffer(&r, buf, n);
    free(buf);
    ck_assert(r.failed);
    ck_assert_uint_eq(r.ncells, 0);
    report_free(&r);
    diag_free(&d);
}
END_TEST

Suite *suite_pdf(void)
{
    Suite *s = suite_create("pdf");
    TCase *t = tcase_create("core");
    tcase_add_test(t, signature);
    tcase_add_test(t, text_layer_lines);
    tcase_add_test(t, report_across_page_break);
    tcase_add_test(t, scanned_pdf);
    tcase_add_test(t, broken_pdf);
    suite_add_tcase(s, t);
    return s;
}
