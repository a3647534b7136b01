/* check_agg.c - agg.c: sums, duplicates counted once, aggregate reports replacing the
 * reports they cover, coverage partial/unknown, quantile ops, BLANK never read as 0;
 * table.c number formatting. Every expected number is added up by hand in the comments. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <string.h>

#include "ogistat/agg.h"
#include "ogistat/table.h"
#include "ogistat/util.h"

Suite *suite_agg(void);

static void mkrep(struct report *r, const char *path, const char *body, int year, const char *county,
                  const char *scope, double req_new)
{
    report_init(r, path);
    r->body = xstrdup(body);
    r->year = year;
    r->regime = RG_R21;
    if (county) {                     /* no county: no region at all (unknown) */
        r->province = xstrdup("甲省");
        r->city = xstrdup("甲市");
        r->county = xstrdup(county);
    }
    r->scope = xstrdup(scope);
    if (req_new >= 0)
        report_set(r, M_REQ_NEW, AP_TOTAL, CELL_VALUE, Q_EXACT, (int64_t)llround(req_new * 100), SRC_TABLE, 1);
    else
        report_set(r, M_REQ_NEW, AP_TOTAL, CELL_BLANK, Q_EXACT, 0, SRC_TABLE, 1);
}

struct got {
    char key[8][64];
    double sum[8], median[8];
    size_t count[8], n[8];
    char status[8][16], coverage[8][16];
    size_t rows;
};

static int keep(const struct agg_row *row, void *arg)
{
    struct got *g = arg;
    size_t i = g->rows++;
    ck_assert_uint_lt(i, 8);
    snprintf(g->key[i], sizeof g->key[i], "%s/%s", row->keys[0], row->keys[1]);
    g->sum[i] = row->op[OP_SUM];
    g->median[i] = row->op[OP_MEDIAN];
    g->count[i] = row->count;
    g->n[i] = row->n;
    snprintf(g->status[i], sizeof g->status[i], "%s", row->status);
    snprintf(g->coverage[i], sizeof g->coverage[i], "%s", row->coverage);
    return 0;
}

static struct agg *county_year_agg(void)
{
    static struct agg_item item;
    agg_item_parse("req_new", &item);
    struct agg_spec s = { .keys = { K_COUNTY, K_YEAR }, .nkeys = 2, .items = &item, .nitems = 1,
                          .ops = { OP_SUM, OP_MEDIAN }, .nops = 2, .min_den = 10 };
    return agg_new(&s);
}

START_TEST(test_cover_and_duplicates)
{
    /* 东县 2023: aggregate 100 covers its bureau (7): sum 100, count 1.
     * 东县 2024: only the bureau (9) and a second bureau (BLANK): sum 9 from n = 1 of 2,
     *            partial; the county report of 2023 is missing in 2024: coverage partial.
     * 西县 2023: the same bureau twice (two formats): counted once: 5. */
    struct report r[6];
    mkrep(&r[0], "dong23.txt", "东县人民政府", 2023, "东县", "aggregate", 100);
    mkrep(&r[1], "dongcz23.txt", "东县财政局", 2023, "东县", "body", 7);
    mkrep(&r[2], "dongcz24.txt", "东县财政局", 2024, "东县", "body", 9);
    mkrep(&r[3], "dongjy24.txt", "东县教育局", 2024, "东县", "body", -1);
    mkrep(&r[4], "xi23.txt", "西县财政局", 2023, "西县", "body", 5);
    mkrep(&r[5], "xi23.html", "西县财政局", 2023, "西县", "body", 5);
    struct agg *a = county_year_agg();
    struct diag d;
    diag_init(&d);
    for (int i = 0; i < 6; i++) agg_add(a, &r[i], &d);
    ck_assert_uint_eq(d.n, 1);                       /* the duplicate */
    ck_assert_ptr_nonnull(strstr(d.v[0].text, "counted once"));
    agg_finish(a, &d);
    struct got g = { 0 };
    agg_each(a, keep, &g);
    ck_assert_uint_eq(g.rows, 3);
    ck_assert_str_eq(g.key[0], "东县/2023");
    ck_assert(g.sum[0] == 100);
    ck_assert_uint_eq(g.count[0], 1);
    ck_assert_str_eq(g.coverage[0], "complete");
    ck_assert_str_eq(g.key[1], "东县/2024");
    ck_assert(g.sum[1] == 9);
    ck_assert_uint_eq(g.count[1], 2);
    ck_assert_uint_eq(g.n[1], 1);
    ck_assert_str_eq(g.status[1], "partial");
    ck_assert_str_eq(g.coverage[1], "partial");
    ck_assert_str_eq(g.key[2], "西县/2023");
    ck_assert(g.sum[2] == 5);
    ck_assert_uint_eq(g.count[2], 1);
    agg_free(a);
    diag_free(&d);
    for (int i = 0; i < 6; i++) report_free(&r[i]);
}
END_TEST

START_TEST(test_unknown_region_and_median)
{
    /* region unknown: an aggregate and a body report may overlap: both added (12 + 4),
     * coverage unknown. 南县: three bodies 1, 2, 10: median 2, sum 13. All BLANK: sum empty. */
    struct report r[6];
    mkrep(&r[0], "a.txt", "某县人民政府", 2024, NULL, "aggregate", 12);
    mkrep(&r[1], "b.txt", "某局", 2024, NULL, "body", 4);
    mkrep(&r[2], "c.txt", "南一局", 2024, "南县", "body", 1);
    mkrep(&r[3], "d.txt", "南二局", 2024, "南县", "body", 10);
    mkrep(&r[4], "e.txt", "南三局", 2024, "南县", "body", 2);
    mkrep(&r[5], "f.txt", "北局", 2024, "北县", "body", -1);
    struct agg *a = county_year_agg();
    struct diag d;
    diag_init(&d);
    for (int i = 0; i < 6; i++) agg_add(a, &r[i], &d);
    agg_finish(a, &d);
    struct got g = { 0 };
    agg_each(a, keep, &g);
    ck_assert_uint_eq(g.rows, 3);
    ck_assert_str_eq(g.key[0], "/2024");
    ck_assert(g.sum[0] == 16);
    ck_assert_str_eq(g.coverage[0], "unknown");
    ck_assert_str_eq(g.key[1], "北县/2024");   /* byte order: 北 E5 8C 97 < 南 E5 8D 97 */
    ck_assert(isnan(g.sum[1]));
    ck_assert_str_eq(g.status[1], "none");
    ck_assert_str_eq(g.key[2], "南县/2024");
    ck_assert(g.sum[2] == 13);
    ck_assert(g.median[2] == 2);
    bool noted = false;
    for (size_t i = 0; i < d.n; i++) noted |= strstr(d.v[i].text, "may overlap") != NULL;
    ck_assert(noted);
    agg_free(a);
    diag_free(&d);
    for (int i = 0; i < 6; i++) report_free(&r[i]);
}
END_TEST

START_TEST(test_items_and_numbers)
{
    struct agg_item it;
    char buf[64];
    ck_assert_int_eq(agg_item_parse("req_new.natural", &it), 0);
    agg_item_name(&it, buf, sizeof buf);
    ck_assert_str_eq(buf, "req_new.natural");
    ck_assert_int_eq(agg_item_parse("rev_total", &it), 0);
    ck_assert_int_eq(it.applicant, AP_NONE);
    ck_assert_int_eq(agg_item_parse("rev_total.total", &it), -1);   /* no applicant dimension */
    ck_assert_int_eq(agg_item_parse("h_other", &it), 0);
    ck_assert_int_eq(it.kind, ITEM_H);
    ck_assert_int_eq(agg_item_parse("backlog_rate", &it), 0);
    ck_assert_int_eq(it.kind, ITEM_IND);
    ck_assert_int_eq(agg_item_parse("nope", &it), -1);
    ck_assert_int_eq(agg_key_find("county"), K_COUNTY);
    ck_assert_int_eq(agg_op_find("median"), OP_MEDIAN);

    table_num(buf, sizeof buf, 1234);
    ck_assert_str_eq(buf, "1234");
    table_num(buf, sizeof buf, 0.25);
    ck_assert_str_eq(buf, "0.25");
    table_num(buf, sizeof buf, NAN);
    ck_assert_str_eq(buf, "");
    table_num_read(buf, sizeof buf, 1234567.891, 1, true);
    ck_assert_str_eq(buf, "1,234,567.9");
    table_num_read(buf, sizeof buf, -1234, 0, true);
    ck_assert_str_eq(buf, "-1,234");
    table_num_read(buf, sizeof buf, -0.01, 1, true);
    ck_assert_str_eq(buf, "0.0");
    table_num_read(buf, sizeof buf, 999, 0, true);
    ck_assert_str_eq(buf, "999");
}
END_TEST

Suite *suite_agg(void)
{
    Suite *s = suite_create("agg");
    TCase *tc = tcase_create("agg");
    tcase_add_test(tc, test_cover_and_duplicates);
    tcase_add_test(tc, test_unknown_region_and_median);
    tcase_add_test(tc, test_items_and_numbers);
    suite_add_tcase(s, tc);
    return s;
}
