#!/usr/bin/env python3
"""check-stats.py - recompute ogistat's trend, summary and compare numbers independently.

Python standard library only (no GSL, no numpy): OLS in closed form with the
t distribution through the regularized incomplete beta function, Mann-Kendall
with tie correction, Theil-Sen, CAGR, type-7 quantiles, and the chi-square test
through the regularized incomplete gamma function, all written here from their
textbook definitions. The values are read from the same records CSV that
ogistat reads, then compared with ogistat's CSV output (relative tolerance 1e-6).

Usage:
  scripts/check-stats.py OGISTAT RECORDS.csv [COMPARE.csv CITY YEAR]
    OGISTAT      the command (may carry a wrapper: "valgrind -q build/ogistat")
    RECORDS.csv  a long records CSV (ogistat parse); checks
                   trend --by body --metric M   for M in req_new, pro_total
                   summary --by year --metric req_new,pro_total --where scope=body
    COMPARE.csv  a records CSV with counties (tests/data/stats/compare.csv); checks
                   compare --within CITY --year YEAR (units and the outcome test)
Exit status 0 when every number agrees, 1 otherwise.
"""
import csv
import io
import math
import shlex
import subprocess
import sys

TOL = 1e-6


# ---- special functions -------------------------------------------------------

def betacf(a, b, x):
    """Continued fraction for the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) > tiny else tiny
        de = d * c
        h *= de
        if abs(de - 1) < 1e-15:
            break
    return h


def betainc(a, b, x):
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbt) * betacf(a, b, x) / a
    return 1 - math.exp(lbt) * betacf(b, a, 1 - x) / b


def t_two_sided_p(t, df):
    return betainc(df / 2, 0.5, df / (df + t * t))


def t_quantile_975(df):
    lo, hi = 0.0, 1000.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_two_sided_p(mid, df) > 0.05:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def gammainc_upper(s, x):
    """Regularized upper incomplete gamma Q(s, x)."""
    if x <= 0:
        return 1.0
    if x < s + 1:        # series for P
        term = total = 1 / s
        n = s
        for _ in range(1000):
            n += 1
            term *= x / n
            total += term
            if abs(term) < abs(total) * 1e-16:
                break
        return 1 - total * math.exp(-x + s * math.log(x) - math.lgamma(s))
    tiny = 1e-300        # continued fraction for Q
    b = x + 1 - s
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 1000):
        an = -i * (i - s)
        b += 2
        d = an * d + b
        d = d if abs(d) > tiny else tiny
        c = b + an / c
        c = c if abs(c) > tiny else tiny
        d = 1 / d
        de = d * c
        h *= de
        if abs(de - 1) < 1e-16:
            break
    return math.exp(-x + s * math.log(x) - math.lgamma(s)) * h


def norm_two_sided_p(z):
    return math.erfc(abs(z) / math.sqrt(2))


# ---- statistics ------------------------------------------------------------------

def quantile7(sorted_v, p):
    n = len(sorted_v)
    h = (n - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, n - 1)
    return sorted_v[lo] + (h - lo) * (sorted_v[hi] - sorted_v[lo])


def describe(v):
    n = len(v)
    s = sorted(v)
    mean = sum(v) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in v) / (n - 1)) if n > 1 else float("nan")
    return {"N": n, "mean": mean, "sd": sd, "min": s[0], "q1": quantile7(s, .25), "median": quantile7(s, .5),
            "q3": quantile7(s, .75), "max": s[-1]}


def ols(x, y):
    n = len(x)
    out = {}
    if n < 2 or len(set(x)) == 1:
        return out
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    slope = sxy / sxx
    out["ols_slope"] = slope
    sst = sum((b - my) ** 2 for b in y)
    sse = sum((b - (my + slope * (a - mx))) ** 2 for a, b in zip(x, y))
    if sst > 0:
        out["r2"] = 1 - sse / sst if n > 2 else 1.0
    if n > 2 and sse > 1e-12 * max(sst, 1):
        se = math.sqrt(sse / (n - 2) / sxx)
        t = slope / se
        out["ols_se"] = se
        out["ols_p"] = t_two_sided_p(t, n - 2)
        q = t_quantile_975(n - 2)
        out["ols_ci_lo"] = slope - q * se
        out["ols_ci_hi"] = slope + q * se
    return out


def mann_kendall(x, y):
    n = len(x)
    out = {}
    if n < 2:
        return out
    sgn = lambda v: (v > 0) - (v < 0)
    s = sum(sgn(x[j] - x[i]) * sgn(y[j] - y[i]) for i in range(n) for j in range(i + 1, n))
    out["mk_s"] = s
    out["kendall_tau"] = s / (n * (n - 1) / 2)
    ties = {}
    for v in y:
        ties[v] = ties.get(v, 0) + 1
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties.values())) / 18
    if var > 0:
        z = (s - sgn(s)) / math.sqrt(var)
        out["mk_z"] = z
        out["mk_p"] = min(1.0, norm_two_sided_p(z))
    slopes = sorted((y[j] - y[i]) / (x[j] - x[i]) for i in range(n) for j in range(i + 1, n) if x[j] != x[i])
    if slopes:
        m = len(slopes)
        out["sen_slope"] = slopes[m // 2] if m % 2 else (slopes[m // 2 - 1] + slopes[m // 2]) / 2
    return out


def chisq(table):
    rows = [r for r in table if sum(r) > 0]
    cols = [j for j in range(len(table[0])) if sum(r[j] for r in rows) > 0]
    rows = [[r[j] for j in cols] for r in rows]
    rt = [sum(r) for r in rows]
    ct = [sum(r[j] for r in rows) for j in range(len(cols))]
    total = sum(rt)
    chi2 = sum((rows[i][j] - rt[i] * ct[j] / total) ** 2 / (rt[i] * ct[j] / total)
               for i in range(len(rows)) for j in range(len(cols)))
    df = (len(rows) - 1) * (len(cols) - 1)
    return {"units": len(rows), "categories": len(cols), "N": total, "chi2": chi2, "df": df,
            "p": gammainc_upper(df / 2, chi2 / 2),
            "cramer_v": math.sqrt(chi2 / (total * (min(len(rows), len(cols)) - 1))),
            "min_expected": min(rt[i] * ct[j] / total for i in range(len(rows)) for j in range(len(cols)))}


# ---- reading records --------------------------------------------------------

def read_reports(path):
    """Reports of a long or wide records CSV: dicts of header fields and {metric.applicant: value}."""
    reports, order = {}, []
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            rep = row["report"]
            if rep not in reports:
                reports[rep] = {"row": row, "cells": {}}
                order.append(rep)
            cells = reports[rep]["cells"]
            if "metric" in row:
                if row["metric"] == "-" or row.get("status", "VALUE") != "VALUE":
                    continue
                key = row["metric"] + ("" if row["applicant"] == "-" else "." + row["applicant"])
                cells[key] = float(row["value"])
            else:
                for k, v in row.items():
                    if "_" in k and v not in ("", "BLANK", "NA") and k not in ("region_code", "body_type"):
                        cells[k] = float(v)
    out, seen = [], set()
    for rep in order:       # the same body, region, scope and year twice: the first counts
        r = reports[rep]["row"]
        ident = (r["body"], r.get("province", ""), r.get("city", ""), r.get("county", ""), r.get("scope", ""), r["year"])
        if ident in seen:
            continue
        seen.add(ident)
        out.append(reports[rep])
    return out


def run(ogistat, args):
    p = subprocess.run(shlex.split(ogistat) + args + ["-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if p.returncode not in (0, 1):
        sys.exit("check-stats: %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return list(csv.DictReader(io.StringIO(p.stdout.decode())))


class Checker:
    def __init__(self):
        self.n = 0
        self.bad = 0
        self.maxrel = 0.0

    def same(self, what, got, want):
        if want is None or (isinstance(want, float) and math.isnan(want)):
            ok = got == ""
            rel = 0.0
        else:
            ok = got != ""
            rel = abs(float(got) - want) / max(1.0, abs(want)) if ok else float("inf")
            ok = ok and rel <= TOL
        self.n += 1
        self.maxrel = max(self.maxrel, rel if rel != float("inf") else 0)
        if not ok:
            self.bad += 1
            print("check-stats: MISMATCH %s: ogistat '%s', independent %r" % (what, got, want))


def check_trend(ck, ogistat, path, reports):
    for metric in ("req_new", "pro_total"):
        key = metric + ".total" if metric == "req_new" else metric
        series = {}
        for r in reports:
            if key in r["cells"]:
                series.setdefault(r["row"]["body"], {}).setdefault(int(r["row"]["year"]), 0.0)
                series[r["row"]["body"]][int(r["row"]["year"])] += r["cells"][key]
        rows = run(ogistat, ["trend", "--by", "body", "--metric", metric, path])
        for row in rows:
            s = series.get(row["body"], {})
            years = sorted(s)
            x = [float(y) for y in years]
            y = [s[k] for k in years]
            want = {"n_years": len(x)}
            if x:
                want.update(first=y[0], last=y[-1], first_year=x[0], last_year=x[-1])
                if len(x) >= 2 and y[0] > 0 and y[-1] >= 0:
                    want["cagr"] = (y[-1] / y[0]) ** (1 / (x[-1] - x[0])) - 1
            want.update(ols(x, y))
            want.update(mann_kendall(x, y))
            for col in ("n_years", "first_year", "last_year", "first", "last", "cagr", "ols_slope", "ols_se",
                        "ols_ci_lo", "ols_ci_hi", "ols_p", "r2", "mk_s", "mk_z", "mk_p", "kendall_tau", "sen_slope"):
                ck.same("trend %s %s %s" % (metric, row["body"], col), row[col], want.get(col))


def check_summary(ck, ogistat, path, reports):
    rows = run(ogistat, ["summary", "--by", "year", "--metric", "req_new,pro_total", "--where", "scope=body", path])
    for row in rows:
        key = "req_new.total" if row["item"] == "req_new.total" else row["item"]
        v = [r["cells"][key] for r in reports
             if r["row"]["year"] == row["year"] and r["row"].get("scope") == "body" and key in r["cells"]]
        want = describe(v) if v else {"N": 0}
        for col in ("N", "mean", "sd", "min", "q1", "median", "q3", "max"):
            ck.same("summary %s %s %s" % (row["year"], row["item"], col), row[col], want.get(col))


def h_partition(c):
    g = lambda k: c.get(k + ".total", 0.0)
    full, part = g("res_granted"), g("res_partial")
    exempt = sum(g(k) for k in ("res_denied_state_secret", "res_denied_law_forbidden", "res_denied_safety_stability",
                                "res_denied_third_party", "res_denied_internal_affairs", "res_denied_process_info",
                                "res_denied_enforcement_file", "res_denied_admin_query"))
    noproc = sum(g(k) for k in ("res_noproc_petition", "res_noproc_repeat", "res_noproc_publication",
                                "res_noproc_excessive", "res_noproc_confirm"))
    unclear = g("res_unable_unclear") + g("res_other_no_correction")
    cats = [full, part, exempt, g("res_unable_not_held"), g("res_unable_needs_creation"), unclear, noproc]
    return cats + [g("res_total") - sum(cats)]


def check_compare(ck, ogistat, path, city, year):
    reports = read_reports(path)
    units = {}
    inside = [r for r in reports if r["row"]["city"] == city and r["row"]["year"] == year and r["row"]["county"]]
    for r in inside:         # a county's aggregate report replaces its departments
        county = r["row"]["county"]
        has_agg = any(o["row"]["county"] == county and o["row"]["scope"] == "aggregate" for o in inside)
        if has_agg and r["row"]["scope"] != "aggregate":
            continue
        units.setdefault(county, []).append(r)
    vals = {u: sum(r["cells"]["req_new.total"] for r in rs) for u, rs in units.items()}
    total = sum(vals.values())
    mean = total / len(vals)
    sd = math.sqrt(sum((v - mean) ** 2 for v in vals.values()) / (len(vals) - 1))
    for row in run(ogistat, ["compare", "--within", city, "--year", year, path]):
        v = vals[row["county"]]
        ck.same("compare value %s" % row["county"], row["value"], v)
        ck.same("compare rank %s" % row["county"], row["rank"], 1 + sum(1 for o in vals.values() if o > v))
        ck.same("compare z %s" % row["county"], row["z"], (v - mean) / sd)
        ck.same("compare share %s" % row["county"], row["share"], v / total)
    table = [[sum(x) for x in zip(*(h_partition(r["cells"]) for r in rs))] for _, rs in sorted(units.items())]
    want = chisq(table)
    row = run(ogistat, ["compare", "--within", city, "--year", year, "--table", "test", path])[0]
    for col in ("units", "categories", "N", "chi2", "df", "p", "cramer_v", "min_expected"):
        ck.same("compare test %s" % col, row[col], float(want[col]))


def main():
    if len(sys.argv) not in (3, 6):
        sys.exit(__doc__)
    ogistat, path = sys.argv[1], sys.argv[2]
    ck = Checker()
    reports = read_reports(path)
    check_trend(ck, ogistat, path, reports)
    check_summary(ck, ogistat, path, reports)
    if len(sys.argv) == 6:
        check_compare(ck, ogistat, sys.argv[3], sys.argv[4], sys.argv[5])
    print("check-stats: %d numbers compared, %d mismatches, largest relative difference %.2g" % (ck.n, ck.bad, ck.maxrel))
    sys.exit(1 if ck.bad else 0)


if __name__ == "__main__":
    main()
