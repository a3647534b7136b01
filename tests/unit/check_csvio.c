/* check_csvio.c - unit tests for the CSV reader and writer (src/csvio.c). */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ogistat/csvio.h"
#include "ogistat/diag.h"
#include "ogistat/util.h"

Suite *suite_csvio(void);

/* ==== helpers ==== */

#define MAXF 16

struct rec {
    size_t nf;
    char *f[MAXF];
    size_t len[MAXF];
    long rowno, line;
};

struct sink {
    struct rec *v;
    size_t n, cap;
    long stop_at;     /* return stop_val when rowno == stop_at */
    int stop_val;
};

static int collect(void *ctx, size_t nfields, char **fields, const size_t *lens, long rowno,
                   long line)
{
    struct sink *k = ctx;
    ck_assert_uint_le(nfields, MAXF);
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 8;
        k->v = xrealloc(k->v, k->cap * sizeof *k->v);
    }
    struct rec *r = &k->v[k->n++];
    r->nf = nfields;
    r->rowno = rowno;
    r->line = line;
    for (size_t i = 0; i < nfields; i++) {
        /* the contract: NUL-terminated, lens exclude the NUL */
        ck_assert_int_eq(fields[i][lens[i]], '\0');
        r->f[i] = xstrndup(fields[i], lens[i]);
        r->len[i] = lens[i];
    }
    return rowno == k->stop_at ? k->stop_val : 0;
}

static void sink_free(struct sink *k)
{
    for (size_t i = 0; i < k->n; i++)
        for (size_t j = 0; j < k->v[i].nf; j++) free(k->v[i].f[j]);
    free(k->v);
    memset(k, 0, sizeof *k);
}

static FILE *file_with(const char *s, size_t n)
{
    FILE *fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(s, 1, n, fp), n);
    rewind(fp);
    return fp;
}

/* Parse s (n bytes) as file "t.csv"; rows go to k, messages to d. */
static int read_mem(const char *s, size_t n, struct sink *k, struct diag *d)
{
    FILE *fp = file_with(s, n);
    int rc = csvr_read(fp, "t.csv", collect, k, d);
    fclose(fp);
    return rc;
}

static int read_str(const char *s, struct sink *k, struct diag *d)
{
    return read_mem(s, strlen(s), k, d);
}

static void assert_field(const struct sink *k, size_t row, size_t col, const char *want)
{
    ck_assert_uint_lt(row, k->n);
    ck_assert_uint_lt(col, k->v[row].nf);
    ck_assert_uint_eq(k->v[row].len[col], strlen(want));
    ck_assert_str_eq(k->v[row].f[col], want);
}

static void assert_same_records(const struct sink *a, const struct sink *b)
{
    ck_assert_uint_eq(a->n, b->n);
    for (size_t i = 0; i < a->n; i++) {
        ck_assert_uint_eq(a->v[i].nf, b->v[i].nf);
        ck_assert_int_eq(a->v[i].rowno, b->v[i].rowno);
        ck_assert_int_eq(a->v[i].line, b->v[i].line);
        for (size_t j = 0; j < a->v[i].nf; j++) {
            ck_assert_uint_eq(a->v[i].len[j], b->v[i].len[j]);
            ck_assert_mem_eq(a->v[i].f[j], b->v[i].f[j], a->v[i].len[j]);
        }
    }
}

/* Write rows (NULL-terminated lists of fields, the list of rows ended by a
 * NULL row) with flags; returns the bytes (caller frees) and their length. */
static char *write_rows(const char *const *const *rows, int flags, size_t *len)
{
    char *out = NULL;
    FILE *fp = open_memstream(&out, len);
    ck_assert_ptr_nonnull(fp);
    struct csvw *w = csvw_new(fp, flags);
    for (size_t i = 0; rows[i]; i++) {
        for (size_t j = 0; rows[i][j]; j++) csvw_fieldz(w, rows[i][j]);
        csvw_endrow(w);
    }
    ck_assert_int_eq(csvw_free(w), 0);
    ck_assert_int_eq(fclose(fp), 0);
    return out;
}

/* ==== fixtures ==== */

static const char *const row_tricky[] = {
    "plain", "a,b", "say \"hi\"", "line1\nline2", "衡阳市司法局", "“三安全一稳定”", "",
    " lead", "trail ", "\ttab", "cr\rin", "crlf\r\nin", "\"", NULL
};
static const char *const row_lone_empty[] = { "", NULL };
static const char *const row_two_empty[] = { "", "", NULL };
static const char *const row_cjk[] = { "衡阳市司法局", "2019", "“三安全一稳定”工作", NULL };
static const char *const row_spaces[] = { "  ", " x y ", "a, b", NULL };
static const char *const *const rows_all[] = {
    row_tricky, row_lone_empty, row_two_empty, row_cjk, row_spaces, NULL
};

static void assert_rows(const struct sink *k, const char *const *const *rows)
{
    size_t i = 0;
    for (; rows[i]; i++) {
        ck_assert_uint_lt(i, k->n);
        ck_assert_int_eq(k->v[i].rowno, (long)i + 1);
        size_t nf = 0;
        while (rows[i][nf]) nf++;
        ck_assert_uint_eq(k->v[i].nf, nf);
        for (size_t j = 0; j < nf; j++) assert_field(k, i, j, rows[i][j]);
    }
    ck_assert_uint_eq(k->n, i);
}

/* ==== writer ==== */

START_TEST(test_write_exact)
{
    static const char *const r1[] = { "a", "b,c", "d\"e", "", "衡阳市司法局", "x\ny", " lead", NULL };
    static const char *const r2[] = { "", NULL };
    static const char *const r3[] = { "", "", NULL };
    static const char *const *const rows[] = { r1, r2, r3, NULL };
    size_t n;
    char *out = write_rows(rows, 0, &n);
    const char *want = "a,\"b,c\",\"d\"\"e\",,衡阳市司法局,\"x\ny\",\" lead\"\n\"\"\n,\n";
    ck_assert_uint_eq(n, strlen(want));
    ck_assert_str_eq(out, want);
    free(out);

    out = write_rows(rows, CSVW_CRLF, &n);
    want = "a,\"b,c\",\"d\"\"e\",,衡阳市司法局,\"x\ny\",\" lead\"\r\n\"\"\r\n,\r\n";
    ck_assert_str_eq(out, want);
    free(out);
}
END_TEST

START_TEST(test_write_bom)
{
    static const char *const r1[] = { "名称", "值", NULL };
    static const char *const *const rows[] = { r1, NULL };
    size_t n;
    char *out = write_rows(rows, CSVW_BOM, &n);
    ck_assert_str_eq(out, "\xEF\xBB\xBF名称,值\n");
    free(out);
    out = write_rows(rows, 0, &n);
    ck_assert_str_eq(out, "名称,值\n");
    free(out);

    /* field data that looks like a BOM at the start of a BOM-less file is kept */
    static const char *const r2[] = { "\xEF\xBB\xBFx", NULL };
    static const char *const *const rows2[] = { r2, NULL };
    struct sink k = { 0 };
    struct diag d;
    diag_init(&d);
    out = write_rows(rows2, 0, &n);
    ck_assert_int_eq(read_mem(out, n, &k, &d), 0);
    assert_rows(&k, rows2);
    free(out);
    sink_free(&k);
    diag_free(&d);
}
END_TEST

START_TEST(test_write_error)
{
    FILE *fp = fopen("/dev/full", "w");
    if (!fp) return;   /* no /dev/full in this sandbox: nothing to test */
    struct csvw *w = csvw_new(fp, CSVW_BOM);
    for (int i = 0; i < 3; i++) {
        csvw_fieldz(w, "衡阳市司法局");
        csvw_fieldz(w, "a,b");
        csvw_endrow(w);
    }
    ck_assert_int_eq(csvw_free(w), -1);
    fclose(fp);

    /* and the same writer reports success on a working stream */
    fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    w = csvw_new(fp, 0);
    csvw_fieldz(w, "ok");
    csvw_endrow(w);
    ck_assert_int_eq(csvw_free(w), 0);
    ck_assert_int_eq(csvw_free(NULL), 0);
    fclose(fp);
}
END_TEST

/* ==== round trip ==== */

START_TEST(test_roundtrip)
{
    static const int flag_sets[] = { 0, CSVW_CRLF, CSVW_BOM, CSVW_BOM | CSVW_CRLF };
    for (size_t f = 0; f < ARRAY_LEN(flag_sets); f++) {
        size_t n;
        char *out = write_rows(rows_all, flag_sets[f], &n);
        struct sink k = { 0 };
        struct diag d;
        diag_init(&d);
        ck_assert_int_eq(read_mem(out, n, &k, &d), 0);
        ck_assert_uint_eq(d.n, 0);
        assert_rows(&k, rows_all);
        /* row_tricky spans 3 physical lines (two embedded LFs; CR is not a line) */
        ck_assert_int_eq(k.v[0].line, 1);
        ck_assert_int_eq(k.v[1].line, 4);
        ck_assert_int_eq(k.v[4].line, 7);
        free(out);
        sink_free(&k);
        diag_free(&d);
    }
}
END_TEST

START_TEST(test_roundtrip_fieldn)
{
    /* csvw_field takes a length: embedded NULs survive, NULL is an empty field */
    char *out = NULL;
    size_t n;
    FILE *fp = open_memstream(&out, &n);
    ck_assert_ptr_nonnull(fp);
    struct csvw *w = csvw_new(fp, 0);
    csvw_field(w, "a\0b", 3);
    csvw_field(w, "xyz", 2);
    csvw_field(w, NULL, 0);
    csvw_fieldz(w, NULL);
    csvw_endrow(w);
    ck_assert_int_eq(csvw_free(w), 0);
    fclose(fp);

    struct sink k = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(read_mem(out, n, &k, &d), 0);
    ck_assert_uint_eq(k.n, 1);
    ck_assert_uint_eq(k.v[0].nf, 4);
    ck_assert_uint_eq(k.v[0].len[0], 3);
    ck_assert_mem_eq(k.v[0].f[0], "a\0b", 3);
    assert_field(&k, 0, 1, "xy");
    assert_field(&k, 0, 2, "");
    assert_field(&k, 0, 3, "");
    free(out);
    sink_free(&k);
    diag_free(&d);
}
END_TEST

/* ==== reader ==== */

START_TEST(test_read_bom_stripped)
{
    struct sink k = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(read_str("\xEF\xBB\xBF单位,值\n衡阳市司法局,12\n", &k, &d), 0);
    ck_assert_uint_eq(k.n, 2);
    assert_field(&k, 0, 0, "单位");
    assert_field(&k, 1, 0, "衡阳市司法局");
    assert_field(&k, 1, 1, "12");
    sink_free(&k);

    /* only a leading BOM is special */
    ck_assert_int_eq(read_str("a\n\xEF\xBB\xBF" "b\n", &k, &d), 0);
    ck_assert_uint_eq(k.n, 2);
    assert_field(&k, 1, 0, "\xEF\xBB\xBF" "b");
    sink_free(&k);

    /* a file that is only a BOM has no records */
    ck_assert_int_eq(read_str("\xEF\xBB\xBF", &k, &d), 0);
    ck_assert_uint_eq(k.n, 0);
    ck_assert_uint_eq(d.n, 0);
    diag_free(&d);
}
END_TEST

START_TEST(test_read_crlf_same_as_lf)
{
    const char *lf = "h1,h2\n衡阳市司法局,“三安全一稳定”\n\n\"q,1\",\n last , x\n\n\nend";
    const char *crlf = "h1,h2\r\n衡阳市司法局,“三安全一稳定”\r\n\r\n\"q,1\",\r\n last , x\r\n\r\n\r\nend";
    struct sink a = { 0 }, b = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(read_str(lf, &a, &d), 0);
    ck_assert_int_eq(read_str(crlf, &b, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(a.n, 5);   /* blank lines are no records */
    assert_same_records(&a, &b);
    assert_field(&a, 1, 1, "“三安全一稳定”");
    assert_field(&a, 2, 0, "q,1");
    assert_field(&a, 2, 1, "");
    assert_field(&a, 3, 0, "last");   /* libcsv trims unquoted fields */
    assert_field(&a, 4, 0, "end");
    ck_assert_int_eq(b.v[2].line, 4);
    ck_assert_int_eq(b.v[3].line, 5);
    ck_assert_int_eq(b.v[4].line, 8);
    sink_free(&a);
    sink_free(&b);
    diag_free(&d);
}
END_TEST

START_TEST(test_read_line_numbers)
{
    const char *in =
        "h1,h2\n"                       /* line 1 */
        "\"multi\nline\nfield\",x\n"    /* lines 2-4 */
        "next,row\n"                    /* line 5 */
        "   \n"                         /* line 6: whitespace only, skipped */
        "\n"                            /* line 7 */
        "a,\"b\r\nc\"\n"                /* lines 8-9 */
        "\"q\",z\n";                    /* line 10 */
    struct sink k = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(read_str(in, &k, &d), 0);
    ck_assert_uint_eq(k.n, 5);
    static const long want_line[] = { 1, 2, 5, 8, 10 };
    for (size_t i = 0; i < k.n; i++) {
        ck_assert_int_eq(k.v[i].rowno, (long)i + 1);
        ck_assert_int_eq(k.v[i].line, want_line[i]);
    }
    assert_field(&k, 1, 0, "multi\nline\nfield");
    assert_field(&k, 3, 1, "b\r\nc");
    assert_field(&k, 4, 0, "q");
    sink_free(&k);

    /* A lone CR ends a record too (old Mac files) but only LF counts lines. */
    ck_assert_int_eq(read_str("a\r\"b\nc\",d\re\n", &k, &d), 0);
    ck_assert_uint_eq(k.n, 3);
    ck_assert_int_eq(k.v[0].line, 1);
    ck_assert_int_eq(k.v[1].line, 1);
    ck_assert_int_eq(k.v[2].line, 2);
    assert_field(&k, 1, 0, "b\nc");
    assert_field(&k, 2, 0, "e");
    sink_free(&k);
    diag_free(&d);
}
END_TEST

START_TEST(test_read_empty)
{
    struct sink k = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(read_mem("", 0, &k, &d), 0);
    ck_assert_int_eq(read_str("\n\r\n  \n", &k, &d), 0);
    ck_assert_uint_eq(k.n, 0);
    ck_assert_uint_eq(d.n, 0);
    diag_free(&d);
}
END_TEST

static void assert_malformed(const char *in, const char *where, size_t want_rows)
{
    struct sink k = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(read_str(in, &k, &d), 1);
    ck_assert_uint_eq(k.n, want_rows);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_int_eq(d.worst, DIAG_ERROR);
    ck_assert_ptr_nonnull(strstr(d.v[0].text, where));
    ck_assert_ptr_nonnull(strstr(d.v[0].text, "malformed CSV: "));
    sink_free(&k);
    diag_free(&d);
}

START_TEST(test_read_malformed)
{
    assert_malformed("a,\"b", "ogistat: t.csv:1: malformed CSV", 0);
    /* an unterminated quote is reported where the quoted field starts */
    assert_malformed("x,y\n\"p\nq\",r\nc,\"d\ne\nf\n", "t.csv:4:", 2);
    assert_malformed("a,b\"c\n", "t.csv:1:", 0);
    assert_malformed("x,y\nok,fine\na,b\"c\n", "t.csv:3:", 2);
    /* line counting after a multi-line field; text after a closing quote */
    assert_malformed("\"p\nq\",r\n\"ab\"c\n", "t.csv:3:", 1);
    assert_malformed("h\r\n\r\n\"a\" \"b\"\r\n", "t.csv:3:", 1);
}
END_TEST

START_TEST(test_read_stop)
{
    struct sink k = { .stop_at = 2, .stop_val = 7 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(read_str("a\nb\nc\nd\n", &k, &d), 7);
    ck_assert_uint_eq(k.n, 2);
    assert_field(&k, 1, 0, "b");
    sink_free(&k);

    /* the last record, without a final newline, can stop too */
    k.stop_at = 3;
    k.stop_val = -2;
    ck_assert_int_eq(read_str("a\nb\nc", &k, &d), -2);
    ck_assert_uint_eq(k.n, 3);
    sink_free(&k);

    /* nothing after the stopping record is parsed, even on the same line */
    k.stop_at = 1;
    k.stop_val = 4;
    ck_assert_int_eq(read_str("a\rb\"c\n", &k, &d), 4);
    ck_assert_uint_eq(k.n, 1);
    ck_assert_uint_eq(d.n, 0);
    sink_free(&k);

    /* nor after a CRLF */
    k.stop_at = 1;
    k.stop_val = 5;
    ck_assert_int_eq(read_str("a\r\nb,\"unterminated\n", &k, &d), 5);
    ck_assert_uint_eq(k.n, 1);
    ck_assert_uint_eq(d.n, 0);
    sink_free(&k);
    diag_free(&d);
}
END_TEST

START_TEST(test_read_error)
{
    /* reading a directory stream fails with EISDIR */
    FILE *fp = fopen(".", "r");
    if (!fp) return;
    struct sink k = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(csvr_read(fp, "dir", collect, &k, &d), 3);
    ck_assert_uint_eq(k.n, 0);
    ck_assert_uint_eq(d.n, 1);
    ck_assert_ptr_nonnull(strstr(d.v[0].text, "dir: read error"));
    fclose(fp);
    diag_free(&d);
}
END_TEST

START_TEST(test_read_chunk_boundaries)
{
    /* Far more than one 64 KiB read: a CRLF straddling the chunk boundary,
     * a quoted field spanning it, a BOM, then many multi-line records. */
    strbuf b;
    sb_init(&b);
    sb_puts(&b, "\xEF\xBB\xBF");
    sb_putc(&b, 'x');
    while (b.len < 65535) sb_putc(&b, 'p');
    sb_puts(&b, "\r\n");                       /* CR at offset 65535, LF at 65536 */
    sb_puts(&b, "\"");
    size_t big_start = b.len;
    for (int i = 0; i < 100000; i++) sb_putc(&b, (char)('a' + i % 26));
    size_t big_len = b.len - big_start;
    sb_puts(&b, "\",tail\r\n");
    for (int i = 0; i < 3000; i++) sb_printf(&b, "%d,\"衡阳\n市\",“三安全一稳定”\r\n\r\n", i);

    struct sink k = { 0 };
    struct diag d;
    diag_init(&d);
    ck_assert_int_eq(read_mem(b.s, b.len, &k, &d), 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert_uint_eq(k.n, 3002);
    ck_assert_uint_eq(k.v[0].len[0], 65535 - 3);
    ck_assert_int_eq(k.v[0].f[0][0], 'x');
    ck_assert_int_eq(k.v[1].line, 2);
    ck_assert_uint_eq(k.v[1].len[0], big_len);
    ck_assert_mem_eq(k.v[1].f[0], b.s + big_start, big_len);
    assert_field(&k, 1, 1, "tail");
    for (size_t i = 2; i < k.n; i++) {
        ck_assert_int_eq(k.v[i].line, 3 + 3 * (long)(i - 2));
        ck_assert_int_eq(k.v[i].rowno, (long)i + 1);
        assert_field(&k, i, 1, "衡阳\n市");
        assert_field(&k, i, 2, "“三安全一稳定”");
    }
    sink_free(&k);
    diag_free(&d);
    sb_free(&b);
}
END_TEST

Suite *suite_csvio(void)
{
    Suite *s = suite_create("csvio");
    TCase *tw = tcase_create("writer");
    tcase_add_test(tw, test_write_exact);
    tcase_add_test(tw, test_write_bom);
    tcase_add_test(tw, test_write_error);
    suite_add_tcase(s, tw);

    TCase *tt = tcase_create("roundtrip");
    tcase_add_test(tt, test_roundtrip);
    tcase_add_test(tt, test_roundtrip_fieldn);
    suite_add_tcase(s, tt);

    TCase *tr = tcase_create("reader");
    tcase_add_test(tr, test_read_bom_stripped);
    tcase_add_test(tr, test_read_crlf_same_as_lf);
    tcase_add_test(tr, test_read_line_numbers);
    tcase_add_test(tr, test_read_empty);
    tcase_add_test(tr, test_read_malformed);
    tcase_add_test(tr, test_read_stop);
    tcase_add_test(tr, test_read_error);
    tcase_add_test(tr, test_read_chunk_boundaries);
    suite_add_tcase(s, tr);
    return s;
}
