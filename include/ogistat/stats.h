/* stats.h - the statistics behind agg, trend, compare and summary.
 *
 * The only module that uses GSL (src/stats.c). Every function takes plain
 * double arrays, skips NaN entries (a value that was not determined is never
 * read as 0), never aborts (GSL's error handler is turned off) and returns NaN
 * for a statistic that is not defined for the data: no values, one value for
 * a standard deviation, n < 3 for a regression standard error, all x equal,
 * all y equal for a test. Callers print NaN as an empty cell.
 */
#ifndef OGISTAT_STATS_H
#define OGISTAT_STATS_H

#include <stddef.h>

/* Remove the NaNs of x[0..n) in place and sort the rest ascending.
 * Returns the number of values kept. */
size_t stats_clean_sort(double *x, size_t n);

/* On data sorted by stats_clean_sort (no NaN): the p-quantile, 0 <= p <= 1,
 * interpolated between order statistics (R type 7, numpy's default: the
 * median of 1 2 3 4 is 2.5, its 0.25-quantile 1.75). NaN if n == 0. */
double stats_quantile_sorted(const double *x, size_t n, double p);

/* Mean and sample standard deviation (n - 1 denominator) of the non-NaN
 * values: NaN when there are none (mean) or fewer than two (sd). */
double stats_mean(const double *x, size_t n);
double stats_sd(const double *x, size_t n);

struct stats_desc {
    size_t n;          /* values used (NaN skipped) */
    size_t n_nan;      /* NaN entries skipped */
    double sum, mean, sd, min, q1, median, q3, max;
};
/* Descriptive statistics of x (not modified). Everything but n, n_nan is NaN
 * when n == 0; sd is NaN when n < 2; sum is 0 when n == 0. */
void stats_describe(const double *x, size_t n, struct stats_desc *out);

/* Ordinary least squares y = intercept + slope * x over the pairs where both
 * are non-NaN. se is the slope's standard error, t = slope / se with
 * df = n - 2, p its two-sided p-value, [ci_lo, ci_hi] the 95% confidence
 * interval of the slope, r2 = 1 - SSres / SStot.
 *   n < 2 or all x equal: everything NaN;
 *   n == 2: slope and intercept only (se, t, p, ci NaN), r2 = 1;
 *   a perfect fit with slope != 0: se = 0, t = +-inf, p = 0, ci = [slope, slope];
 *   all y equal: slope 0, se 0, t and p NaN, r2 NaN. */
struct stats_ols {
    size_t n;
    double intercept, slope, se, t, df, p, ci_lo, ci_hi, r2;
};
void stats_ols(const double *x, const double *y, size_t n, struct stats_ols *o);

/* Mann-Kendall trend test of y ordered by x (pairs with a NaN skipped; the
 * pairs need not be sorted, but x must be distinct), with the variance
 * corrected for ties in y, the continuity-corrected normal approximation
 *   z = (S - sgn S) / sqrt(var S),  p = 2 Q(|z|)   (two-sided),
 * Kendall's tau-a = S / (n (n - 1) / 2), and the Theil-Sen slope: the median
 * of the pairwise slopes (y_j - y_i) / (x_j - x_i), with the intercept
 * median(y - slope x).
 *   n < 2: everything NaN but n;
 *   var S == 0 (all y equal): z and p NaN, tau 0, sen_slope 0.
 * The normal approximation is rough for n < 10: check `n` before trusting p. */
struct stats_mk {
    size_t n;
    double s, var_s, z, p, tau;
    double sen_slope, sen_intercept;
};
void stats_mann_kendall(const double *x, const double *y, size_t n, struct stats_mk *o);

/* Pearson chi-square test of homogeneity on a rows x cols table of counts
 * (row-major; NaN or negative cells make the result NaN). Rows and columns
 * whose total is 0 are dropped first (rows_used, cols_used say how many were
 * kept). Expected counts e_ij = R_i C_j / N; chi2 = sum (o - e)^2 / e;
 * df = (r - 1)(c - 1); p = Q_chi2(chi2; df); Cramer's V = sqrt(chi2 / (N (min(r, c) - 1))).
 * min_expected and n_small (cells with e < 5) tell when the approximation is
 * doubtful. Fewer than two rows or columns left: chi2, df, p, V NaN. */
struct stats_chisq {
    size_t rows_used, cols_used;
    double total, chi2, df, p, cramer_v, min_expected;
    size_t n_small;
};
void stats_chisq(const double *tab, size_t rows, size_t cols, struct stats_chisq *o);

/* Compound annual growth rate from first to last over `years` years:
 * (last / first)^(1 / years) - 1. NaN when first <= 0, last < 0, years <= 0
 * or an argument is NaN. */
double stats_cagr(double first, double last, double years);

#endif
