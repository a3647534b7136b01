/* stats.c - statistics through GSL (the only file that includes GSL headers).
 *
 * GSL's pitfalls are handled here and nowhere else:
 *   - its default error handler abort()s: it is turned off before every call
 *     into GSL (cheap: it sets one pointer);
 *   - gsl_sort puts NaN anywhere and gsl_stats_median reorders its input:
 *     NaN are filtered out and data copied before sorting;
 *   - gsl_fit_linear returns GSL_SUCCESS with NaN or infinite variances for
 *     degenerate data (n = 2, all x equal, a perfect fit): those cases are
 *     decided here before any division.
 */
#include "ogistat/stats.h"
#include "ogistat/util.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void gsl_quiet(void)
{
    gsl_set_error_handler_off();
}

/* ==== descriptives ==== */

size_t stats_clean_sort(double *x, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) x[k++] = x[i];
    gsl_quiet();
    if (k > 1) gsl_sort(x, 1, k);
    return k;
}

double stats_quantile_sorted(const double *x, size_t n, double p)
{
    if (n == 0 || isnan(p) || p < 0 || p > 1) return NAN;
    gsl_quiet();
    return gsl_stats_quantile_from_sorted_data(x, 1, n, p);
}

/* The non-NaN values of x, copied (caller frees); *k gets their number. */
static double *clean_copy(const double *x, size_t n, size_t *k)
{
    double *c = xmalloc((n ? n : 1) * sizeof *c);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i])) c[m++] = x[i];
    *k = m;
    return c;
}

double stats_mean(const double *x, size_t n)
{
    size_t k;
    double *c = clean_copy(x, n, &k);
    gsl_quiet();
    double m = k ? gsl_stats_mean(c, 1, k) : NAN;
    free(c);
    return m;
}

double stats_sd(const double *x, size_t n)
{
    size_t k;
    double *c = clean_copy(x, n, &k);
    gsl_quiet();
    double s = k >= 2 ? gsl_stats_sd(c, 1, k) : NAN;
    free(c);
    return s;
}

void stats_describe(const double *x, size_t n, struct stats_desc *o)
{
    size_t k;
    double *c = clean_copy(x, n, &k);
    k = stats_clean_sort(c, k);
    o->n = k;
    o->n_nan = n - k;
    o->sum = 0;
    for (size_t i = 0; i < k; i++) o->sum += c[i];
    gsl_quiet();
    o->mean = k ? gsl_stats_mean(c, 1, k) : NAN;
    o->sd = k >= 2 ? gsl_stats_sd_m(c, 1, k, o->mean) : NAN;
    o->min = k ? c[0] : NAN;
    o->max = k ? c[k - 1] : NAN;
    o->q1 = stats_quantile_sorted(c, k, 0.25);
    o->median = stats_quantile_sorted(c, k, 0.5);
    o->q3 = stats_quantile_sorted(c, k, 0.75);
    free(c);
}

/* ==== regression ==== */

/* The pairs of (x, y) where both are non-NaN, copied; *k gets their number. */
static void clean_pairs(const double *x, const double *y, size_t n, double **cx, double **cy, size_t *k)
{
    *cx = xmalloc((n ? n : 1) * sizeof **cx);
    *cy = xmalloc((n ? n : 1) * sizeof **cy);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(x[i]) || isnan(y[i])) continue;
        (*cx)[m] = x[i];
        (*cy)[m] = y[i];
        m++;
    }
    *k = m;
}

static bool all_equal(const double *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[0]) return false;
    return true;
}

void stats_ols(const double *x, const double *y, size_t n, struct stats_ols *o)
{
    double *cx, *cy;
    size_t k;
    clean_pairs(x, y, n, &cx, &cy, &k);
    o->n = k;
    o->intercept = o->slope = o->se = o->t = o->p = o->ci_lo = o->ci_hi = o->r2 = NAN;
    o->df = k >= 2 ? (double)k - 2 : NAN;
    if (k < 2 || all_equal(cx, k)) goto out;

    gsl_quiet();
    double c0, c1, cov00, cov01, cov11, sumsq;
    gsl_fit_linear(cx, 1, cy, 1, k, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
    o->intercept = c0;
    o->slope = c1;
    double tss = gsl_stats_tss(cy, 1, k);
    o->r2 = tss > 0 ? 1 - sumsq / tss : NAN;
    if (k == 2) {                       /* two points: a line, no error estimate */
        o->r2 = tss > 0 ? 1 : NAN;
        goto out;
    }
    /* gsl_fit_linear scales cov11 by sumsq / (n - 2) already */
    o->se = sumsq > 0 && cov11 > 0 ? sqrt(cov11) : 0;
    if (o->se == 0) {
        o->ci_lo = o->ci_hi = c1;
        if (c1 != 0) {
            o->t = c1 > 0 ? INFINITY : -INFINITY;
            o->p = 0;
        }
        goto out;
    }
    o->t = c1 / o->se;
    o->p = 2 * gsl_cdf_tdist_Q(fabs(o->t), o->df);
    double tq = gsl_cdf_tdist_Qinv(0.025, o->df);
    o->ci_lo = c1 - tq * o->se;
    o->ci_hi = c1 + tq * o->se;
out:
    free(cx);
    free(cy);
}

/* ==== Mann-Kendall and Theil-Sen ==== */

static int sgn(double v)
{
    return (v > 0) - (v < 0);
}

void stats_mann_kendall(const double *x, const double *y, size_t n, struct stats_mk *o)
{
    double *cx, *cy;
    size_t k;
    clean_pairs(x, y, n, &cx, &cy, &k);
    o->n = k;
    o->s = o->var_s = o->z = o->p = o->tau = o->sen_slope = o->sen_intercept = NAN;
    if (k < 2) goto out;

    /* S = sum over pairs of sgn(dx) sgn(dy): the time-ordered sign sum,
     * whatever the order of the input. */
    long s = 0;
    size_t npairs = k * (k - 1) / 2;
    double *slopes = xmalloc(npairs * sizeof *slopes);
    size_t ns = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++) {
            s += sgn(cx[j] - cx[i]) * sgn(cy[j] - cy[i]);
            if (cx[j] != cx[i]) slopes[ns++] = (cy[j] - cy[i]) / (cx[j] - cx[i]);
        }
    o->s = (double)s;
    o->tau = (double)s / (double)npairs;

    /* var S = [n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18 over tie groups of y */
    double *sy = xmalloc(k * sizeof *sy);
    memcpy(sy, cy, k * sizeof *sy);
    gsl_quiet();
    gsl_sort(sy, 1, k);
    double nn = (double)k;
    double var = nn * (nn - 1) * (2 * nn + 5);
    for (size_t i = 0; i < k;) {
        size_t j = i;
        while (j < k && sy[j] == sy[i]) j++;
        double t = (double)(j - i);
        var -= t * (t - 1) * (2 * t + 5);
        i = j;
    }
    o->var_s = var / 18;
    if (o->var_s > 0) {
        o->z = (o->s - sgn(o->s)) / sqrt(o->var_s);
        o->p = 2 * gsl_cdf_ugaussian_Q(fabs(o->z));
        if (o->p > 1) o->p = 1;
    }

    if (ns > 0) {
        gsl_sort(slopes, 1, ns);
        o->sen_slope = gsl_stats_median_from_sorted_data(slopes, 1, ns);
        for (size_t i = 0; i < k; i++) sy[i] = cy[i] - o->sen_slope * cx[i];
        gsl_sort(sy, 1, k);
        o->sen_intercept = gsl_stats_median_from_sorted_data(sy, 1, k);
    }
    free(sy);
    free(slopes);
out:
    free(cx);
    free(cy);
}

/* ==== chi-square test of homogeneity ==== */

void stats_chisq(const double *tab, size_t rows, size_t cols, struct stats_chisq *o)
{
    memset(o, 0, sizeof *o);
    o->chi2 = o->df = o->p = o->cramer_v = o->min_expected = NAN;
    double *rt = xcalloc(rows ? rows : 1, sizeof *rt);
    double *ct = xcalloc(cols ? cols : 1, sizeof *ct);
    double total = 0;
    for (size_t i = 0; i < rows; i++)
        for (size_t j = 0; j < cols; j++) {
            double v = tab[i * cols + j];
            if (isnan(v) || v < 0) { o->total = NAN; goto out; }
            rt[i] += v;
            ct[j] += v;
            total += v;
        }
    o->total = total;
    for (size_t i = 0; i < rows; i++) o->rows_used += rt[i] > 0;
    for (size_t j = 0; j < cols; j++) o->cols_used += ct[j] > 0;
    if (o->rows_used < 2 || o->cols_used < 2) goto out;

    double chi2 = 0, emin = INFINITY;
    for (size_t i = 0; i < rows; i++) {
        if (rt[i] == 0) continue;
        for (size_t j = 0; j < cols; j++) {
            if (ct[j] == 0) continue;
            double e = rt[i] * ct[j] / total;
            double d = tab[i * cols + j] - e;
            chi2 += d * d / e;
            if (e < emin) emin = e;
            if (e < 5) o->n_small++;
        }
    }
    o->chi2 = chi2;
    o->min_expected = emin;
    o->df = (double)(o->rows_used - 1) * (double)(o->cols_used - 1);
    gsl_quiet();
    o->p = gsl_cdf_chisq_Q(chi2, o->df);
    size_t m = o->rows_used < o->cols_used ? o->rows_used : o->cols_used;
    o->cramer_v = sqrt(chi2 / (total * (double)(m - 1)));
out:
    free(rt);
    free(ct);
}

/* ==== growth ==== */

double stats_cagr(double first, double last, double years)
{
    if (isnan(first) || isnan(last) || isnan(years) || first <= 0 || last < 0 || years <= 0) return NAN;
    return pow(last / first, 1 / years) - 1;
}
