/* check_stats.c - stats.c against hand-computed answers.
 *
 * The expected values are worked out in the comments (sums of squares, sign
 * sums, tie groups); the p-values come from closed forms: the t distribution
 * with 3 degrees of freedom, F(t) = 1/2 + (a/(1+a^2) + atan a)/pi with
 * a = t/sqrt 3; the normal tail Q(z) = erfc(z/sqrt 2)/2; the chi-square tail
 * with 2 degrees of freedom, exp(-x/2), and with 1, 2 Q(sqrt x).
 */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>

#include "ogistat/stats.h"

Suite *suite_stats(void);

#define EPS 1e-9
#define ck_near(a, b) ck_assert_msg(fabs((a) - (b)) < EPS, "%s = %.12g, expected %.12g", #a, (double)(a), (double)(b))
#define ck_nan(a) ck_assert_msg(isnan(a), "%s = %.12g, expected NaN", #a, (double)(a))

/* ==== descriptives ==== */

START_TEST(test_describe_basic)
{
    /* 1 2 3 4: mean 2.5; squares about the mean 2.25+0.25+0.25+2.25 = 5, sd = sqrt(5/3);
     * type-7 quantiles: h = (n-1)p -> q1 at 0.75 = 1.75, median 2.5, q3 at 2.25 = 3.25 */
    double x[] = { 4, 1, 3, 2 };
    struct stats_desc d;
    stats_describe(x, 4, &d);
    ck_assert_uint_eq(d.n, 4);
    ck_assert_uint_eq(d.n_nan, 0);
    ck_near(d.sum, 10);
    ck_near(d.mean, 2.5);
    ck_near(d.sd, sqrt(5.0 / 3));
    ck_near(d.min, 1);
    ck_near(d.max, 4);
    ck_near(d.q1, 1.75);
    ck_near(d.median, 2.5);
    ck_near(d.q3, 3.25);
    ck_near(x[0], 4);                       /* input untouched */
}
END_TEST

START_TEST(test_describe_edge)
{
    struct stats_desc d;
    stats_describe(NULL, 0, &d);            /* n = 0 */
    ck_assert_uint_eq(d.n, 0);
    ck_near(d.sum, 0);
    ck_nan(d.mean);
    ck_nan(d.sd);
    ck_nan(d.median);
    ck_nan(d.min);

    double one[] = { 5 };                   /* n = 1: no sd */
    stats_describe(one, 1, &d);
    ck_near(d.mean, 5);
    ck_nan(d.sd);
    ck_near(d.median, 5);
    ck_near(d.q1, 5);

    double two[] = { 3, NAN, 1, NAN };      /* NaN skipped: n = 2, sd = sqrt(2) */
    stats_describe(two, 4, &d);
    ck_assert_uint_eq(d.n, 2);
    ck_assert_uint_eq(d.n_nan, 2);
    ck_near(d.mean, 2);
    ck_near(d.sd, sqrt(2));
    ck_near(d.median, 2);

    double same[] = { 7, 7, 7 };            /* all equal: sd 0 */
    stats_describe(same, 3, &d);
    ck_near(d.sd, 0);
    ck_near(d.median, 7);

    double allnan[] = { NAN, NAN };
    stats_describe(allnan, 2, &d);
    ck_assert_uint_eq(d.n, 0);
    ck_nan(d.mean);

    ck_nan(stats_mean(allnan, 2));
    ck_nan(stats_sd(one, 1));
    ck_near(stats_mean(two, 4), 2);
    ck_near(stats_sd(two, 4), sqrt(2));
}
END_TEST

START_TEST(test_quantile_ties)
{
    /* 1 2 2 2 9: median 2, q3 at h = 3 -> 2, 0.9 at h = 3.6 -> 2 + 0.6*7 = 6.2 */
    double x[] = { 2, 9, NAN, 2, 1, 2 };
    size_t n = stats_clean_sort(x, 6);
    ck_assert_uint_eq(n, 5);
    ck_near(x[0], 1);
    ck_near(x[4], 9);
    ck_near(stats_quantile_sorted(x, n, 0.5), 2);
    ck_near(stats_quantile_sorted(x, n, 0.75), 2);
    ck_near(stats_quantile_sorted(x, n, 0.9), 6.2);
    ck_near(stats_quantile_sorted(x, n, 0), 1);
    ck_near(stats_quantile_sorted(x, n, 1), 9);
    ck_nan(stats_quantile_sorted(x, 0, 0.5));
    ck_nan(stats_quantile_sorted(x, n, 1.5));
}
END_TEST

/* ==== OLS ==== */

START_TEST(test_ols_known)
{
    /* x 1..5, y 2 4 5 4 5: Sxx = 10, Sxy = 6 -> slope 0.6, intercept 4 - 1.8 = 2.2;
     * residuals -0.8 0.6 1 -0.6 -0.2, SSres = 2.4, SStot = 6, R2 = 0.6;
     * s2 = 2.4/3 = 0.8, se = sqrt(0.8/10); t = 2.1213203; df 3:
     * a = t/sqrt3 = sqrt 1.5, p = 2(1 - F) = 0.124027062657555;
     * t(0.975, 3) = 3.182446305284263 -> CI 0.6 -+ 0.900131745 */
    double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2, 4, 5, 4, 5 };
    struct stats_ols o;
    stats_ols(x, y, 5, &o);
    ck_assert_uint_eq(o.n, 5);
    ck_near(o.slope, 0.6);
    ck_near(o.intercept, 2.2);
    ck_near(o.r2, 0.6);
    ck_near(o.se, sqrt(0.08));
    ck_near(o.t, 2.1213203435596424);
    ck_near(o.df, 3);
    ck_near(o.p, 0.12402706265755459);
    ck_near(o.ci_lo, -0.3001317452914304);
    ck_near(o.ci_hi, 1.5001317452914305);

    /* the same with a NaN pair in the middle and the order shuffled */
    double x2[] = { 5, 3, 7, 1, 2, 4 }, y2[] = { 5, 5, NAN, 2, 4, 4 };
    stats_ols(x2, y2, 6, &o);
    ck_assert_uint_eq(o.n, 5);
    ck_near(o.slope, 0.6);
    ck_near(o.p, 0.12402706265755459);
}
END_TEST

START_TEST(test_ols_degenerate)
{
    struct stats_ols o;
    stats_ols(NULL, NULL, 0, &o);                         /* n = 0 */
    ck_assert_uint_eq(o.n, 0);
    ck_nan(o.slope);
    double x1[] = { 2020 }, y1[] = { 5 };                 /* n = 1 */
    stats_ols(x1, y1, 1, &o);
    ck_nan(o.slope);
    double x2[] = { 1, 2 }, y2[] = { 1, 3 };              /* n = 2: a line, no se */
    stats_ols(x2, y2, 2, &o);
    ck_near(o.slope, 2);
    ck_near(o.intercept, -1);
    ck_near(o.r2, 1);
    ck_nan(o.se);
    ck_nan(o.p);
    ck_near(o.df, 0);
    double xs[] = { 3, 3, 3 }, ys[] = { 1, 2, 3 };        /* all x equal */
    stats_ols(xs, ys, 3, &o);
    ck_nan(o.slope);
    double xe[] = { 1, 2, 3 }, ye[] = { 4, 4, 4 };        /* all y equal */
    stats_ols(xe, ye, 3, &o);
    ck_near(o.slope, 0);
    ck_near(o.se, 0);
    ck_nan(o.t);
    ck_nan(o.p);
    ck_nan(o.r2);
    double xp[] = { 1, 2, 3, 4 }, yp[] = { 3, 5, 7, 9 };  /* perfect fit */
    stats_ols(xp, yp, 4, &o);
    ck_near(o.slope, 2);
    ck_near(o.intercept, 1);
    ck_near(o.r2, 1);
    ck_assert(o.p < 1e-9);
}
END_TEST

/* ==== Mann-Kendall / Theil-Sen ==== */

START_TEST(test_mk_known)
{
    /* y 2 4 5 4 5 over x 1..5. Signs of later minus earlier:
     * from 2: + + + + (4); from 4: + 0 + (2); from 5: - 0 (-1); from 4: + (1): S = 6.
     * Ties in y: {4,4} and {5,5}: var = (5*4*15 - 2*(2*1*9))/18 = 264/18;
     * z = (6 - 1)/sqrt(264/18) = 1.30558241966773, p = 0.191694602051888; tau = 6/10.
     * Pairwise slopes -1 0 0 1/3 2/3 3/4 1 1 3/2 2: median (2/3 + 3/4)/2 = 17/24;
     * y - 17/24 x = 31/24 62/24 69/24 28/24 35/24 -> median 35/24. */
    double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2, 4, 5, 4, 5 };
    struct stats_mk m;
    stats_mann_kendall(x, y, 5, &m);
    ck_assert_uint_eq(m.n, 5);
    ck_near(m.s, 6);
    ck_near(m.var_s, 264.0 / 18);
    ck_near(m.z, 1.3055824196677337);
    ck_near(m.p, 0.1916946020518881);
    ck_near(m.tau, 0.6);
    ck_near(m.sen_slope, 17.0 / 24);
    ck_near(m.sen_intercept, 35.0 / 24);

    /* decreasing, no ties, input in reverse order: S = -10, var = 5*4*15/18 = 50/3,
     * z = (-10 + 1)/sqrt(50/3) */
    double xr[] = { 5, 4, 3, 2, 1 }, yr[] = { 1, 2, 3, 4, 5 };
    stats_mann_kendall(xr, yr, 5, &m);
    ck_near(m.s, -10);
    ck_near(m.var_s, 50.0 / 3);
    ck_near(m.z, -9 / sqrt(50.0 / 3));
    ck_near(m.tau, -1);
    ck_near(m.sen_slope, -1);
    ck_near(m.sen_intercept, 6);
}
END_TEST

START_TEST(test_mk_degenerate)
{
    struct stats_mk m;
    stats_mann_kendall(NULL, NULL, 0, &m);
    ck_assert_uint_eq(m.n, 0);
    ck_nan(m.s);
    ck_nan(m.p);
    ck_nan(m.sen_slope);
    double x1[] = { 1 }, y1[] = { 1 };
    stats_mann_kendall(x1, y1, 1, &m);
    ck_nan(m.tau);
    /* n = 2: S = 1, var = 2*1*9/18 = 1, z = (1 - 1)/1 = 0, p = 1 */
    double x2[] = { 2020, 2021 }, y2[] = { 3, 8 };
    stats_mann_kendall(x2, y2, 2, &m);
    ck_near(m.s, 1);
    ck_near(m.var_s, 1);
    ck_near(m.z, 0);
    ck_near(m.p, 1);
    ck_near(m.sen_slope, 5);
    /* all equal: S = 0, var = 0: no test */
    double xe[] = { 1, 2, 3, 4 }, ye[] = { 6, 6, 6, 6 };
    stats_mann_kendall(xe, ye, 4, &m);
    ck_near(m.s, 0);
    ck_near(m.var_s, 0);
    ck_nan(m.z);
    ck_nan(m.p);
    ck_near(m.tau, 0);
    ck_near(m.sen_slope, 0);
    /* NaN skipped: 1 NaN 3 -> two points */
    double xn[] = { 1, 2, 3 }, yn[] = { 1, NAN, 3 };
    stats_mann_kendall(xn, yn, 3, &m);
    ck_assert_uint_eq(m.n, 2);
    ck_near(m.sen_slope, 1);
}
END_TEST

/* ==== chi-square ==== */

START_TEST(test_chisq)
{
    /* 10 20 / 20 10: all expected 15, chi2 = 4 * 25/15 = 20/3, df 1,
     * p = 2 Q(sqrt(20/3)) = 0.00982327450751925, V = sqrt((20/3)/60) = 1/3 */
    double t[] = { 10, 20, 20, 10 };
    struct stats_chisq c;
    stats_chisq(t, 2, 2, &c);
    ck_near(c.chi2, 20.0 / 3);
    ck_near(c.df, 1);
    ck_near(c.p, 0.009823274507519254);
    ck_near(c.cramer_v, 1.0 / 3);
    ck_near(c.total, 60);
    ck_near(c.min_expected, 15);
    ck_assert_uint_eq(c.n_small, 0);

    /* an empty row and an empty column are dropped */
    double t0[] = { 10, 0, 20, 0, 0, 0, 20, 0, 10 };
    stats_chisq(t0, 3, 3, &c);
    ck_assert_uint_eq(c.rows_used, 2);
    ck_assert_uint_eq(c.cols_used, 2);
    ck_near(c.chi2, 20.0 / 3);

    /* small counts: 1 2 / 3 0 -> expected 2 1 / 2 1, chi2 = .5 + 1 + .5 + 1 = 3,
     * 2 x 2 so df 1; all 4 cells below 5 */
    double ts[] = { 1, 2, 3, 0 };
    stats_chisq(ts, 2, 2, &c);
    ck_near(c.chi2, 3);
    ck_near(c.min_expected, 1);
    ck_assert_uint_eq(c.n_small, 4);
    ck_near(c.cramer_v, sqrt(0.5));

    /* 3 columns, df 2: p = exp(-chi2/2). 5 5 5 / 5 5 5 -> chi2 0, p 1 */
    double t3[] = { 5, 5, 5, 5, 5, 5 };
    stats_chisq(t3, 2, 3, &c);
    ck_near(c.chi2, 0);
    ck_near(c.df, 2);
    ck_near(c.p, 1);
    /* 2 4 6 / 6 4 2: expected 4 everywhere, chi2 = (4+0+4)*2/4 = 4, p = exp(-2) */
    double t4[] = { 2, 4, 6, 6, 4, 2 };
    stats_chisq(t4, 2, 3, &c);
    ck_near(c.chi2, 4);
    ck_near(c.p, exp(-2));

    /* one row left, or NaN: not computed */
    double t1[] = { 1, 2, 0, 0 };
    stats_chisq(t1, 2, 2, &c);
    ck_nan(c.chi2);
    ck_nan(c.p);
    double tn[] = { 1, NAN, 2, 3 };
    stats_chisq(tn, 2, 2, &c);
    ck_nan(c.chi2);
    stats_chisq(NULL, 0, 0, &c);
    ck_nan(c.p);
}
END_TEST

START_TEST(test_cagr)
{
    ck_near(stats_cagr(100, 121, 2), 0.1);
    ck_near(stats_cagr(50, 50, 3), 0);
    ck_near(stats_cagr(80, 0, 2), -1);
    ck_nan(stats_cagr(0, 10, 2));
    ck_nan(stats_cagr(10, 20, 0));
    ck_nan(stats_cagr(NAN, 20, 1));
}
END_TEST

Suite *suite_stats(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("stats");
    tcase_add_test(tc, test_describe_basic);
    tcase_add_test(tc, test_describe_edge);
    tcase_add_test(tc, test_quantile_ties);
    tcase_add_test(tc, test_ols_known);
    tcase_add_test(tc, test_ols_degenerate);
    tcase_add_test(tc, test_mk_known);
    tcase_add_test(tc, test_mk_degenerate);
    tcase_add_test(tc, test_chisq);
    tcase_add_test(tc, test_cagr);
    suite_add_tcase(s, tc);
    return s;
}
