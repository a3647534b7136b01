#!/bin/sh
# bench.sh BINARY - parse throughput of ogistat (run by `make bench`).
#
# Builds a corpus of >= 50 MB in bench-data/ (untracked, reused when already
# complete and big enough) by replicating the report files, then times
#   BINARY parse -q -j 1 bench-data > /dev/null     (and -j 2)
# best of $BENCH_REPS (default 3), and prints MB/s, reports/s and peak RSS.
# Memory check: -j 1 on a quarter of the corpus (bench-data/q1) and on all of it.
#
# Layout: bench-data/q1/RRRR_<name> for the first quarter of the replication
# rounds, bench-data/rest/RRRR_<name> for the others; every copy is a normal
# report under its own name. bench-data/.complete marks a finished build.
#
# Then the aggregation bench: `BINARY agg --by county,year` over a records CSV of
# $BENCH_AGG_ROWS rows (default 1,000,000; bench-agg/), made by replicating the
# parsed reports under other bodies and counties (20 counties, so the number of groups
# does not grow with the rows), against `datamash -t, -s -g county,year,metric,applicant
# sum value` on the same file (LC_ALL=C, its fastest; installed by scripts/setup.sh --bench); and
# peak RSS at a quarter of the rows and at all of them.
#
# Environment: BENCH_MB (corpus size, default 50), BENCH_REPS (default 3),
# BENCH_SRC (source directory of reports, overrides the default search),
# BENCH_ONLY=parse|agg|plot (run one part), BENCH_AGG_ROWS, BENCH_CHARTS (plot, default 100).
#
# Plot: BENCH_CHARTS synthetic bodies x 15 years of req_new (every 7th cell NA)
# drawn as trend charts, SVG then PNG: all of them in one command
# (`plot trend --each`: one gnuplot process) versus one command, so one gnuplot
# process, per chart; prints the time per chart.
# Benchmarks never fail builds: a throughput below the target still exits 0.
# The script fails only when it cannot run (no binary, no reports, binary crashed).
set -eu

TARGET_MBS=20                     # MB/s per core, -j 1
MIN_MB=${BENCH_MB:-50}
REPS=${BENCH_REPS:-3}
DATA=bench-data
MB=1000000                        # report sizes in decimal megabytes

die() { echo "bench: $*" >&2; exit 1; }
trap 'exit 130' INT TERM          # so that the EXIT traps below clean up

[ $# -eq 1 ] || die "usage: scripts/bench.sh BINARY"
BIN=$1
case $BIN in */*) ;; *) BIN=./$BIN ;; esac
[ -x "$BIN" ] || die "$BIN: not an executable (build it with make)"

# Run from the repo root whatever the caller's directory. Time a private copy of
# the binary, so that a concurrent rebuild cannot swap it between runs.
BIN_COPY=${TMPDIR:-/tmp}/ogistat-bench.$$
cp "$BIN" "$BIN_COPY" || die "cannot copy $BIN to $BIN_COPY"
trap 'rm -f "$BIN_COPY"' EXIT
BIN_NAME=$BIN
BIN=$BIN_COPY
cd "$(dirname "$0")/.."

# --- plot: one gnuplot for all charts vs one per chart -----------------------
bench_plot() {
    n=${BENCH_CHARTS:-100}
    if [ -z "${OGISTAT_GNUPLOT:-}" ] && ! command -v gnuplot > /dev/null 2>&1; then
        echo "plot: skipped: no gnuplot (scripts/setup.sh installs it)"
        return 0
    fi
    p=${TMPDIR:-/tmp}/ogistat-bench-plot.$$
    rm -rf "$p"
    trap 'rm -rf "$p" "$BIN_COPY"' EXIT
    mkdir -p "$p/in" "$p/one" "$p/sep"
    awk -v n="$n" -v dir="$p/in" 'BEGIN {
        h = "report,body,year,regime,scope,req_new.total"
        all = dir "/all.csv"
        print h > all
        for (b = 1; b <= n; b++) {
            f = sprintf("%s/b%03d.csv", dir, b)
            print h > f
            for (y = 2011; y <= 2025; y++) {
                v = (b * 37 + y * 11) % 97
                if ((b + y) % 7 == 0) v = "NA"
                g = y >= 2021 ? "R21" : y >= 2019 ? "R19" : y >= 2014 ? "R14" : "R08"
                row = sprintf("r%03d_%d,机关%03d,%d,%s,body,%s", b, y, b, y, g, v)
                print row > all
                print row > f
            }
            close(f)
        }
    }'
    for fmt in svg png; do
        t0=$(date +%s.%N)
        "$BIN" plot trend -q -m req_new --each "$p/in/all.csv" -o "$p/one/t.$fmt" > /dev/null ||
            die "$BIN_NAME plot trend --each failed"
        t1=$(date +%s.%N)
        i=1
        while [ "$i" -le "$n" ]; do
            b=$(printf 'b%03d' "$i")
            "$BIN" plot trend -q -m req_new "$p/in/$b.csv" -o "$p/sep/$b.$fmt" || die "$BIN_NAME plot trend failed"
            i=$((i + 1))
        done
        t2=$(date +%s.%N)
        got1=$(find "$p/one" -name "*.$fmt" -size +0 | wc -l | tr -d ' ')
        got2=$(find "$p/sep" -name "*.$fmt" -size +0 | wc -l | tr -d ' ')
        [ "$got1" -eq "$n" ] && [ "$got2" -eq "$n" ] || die "plot: $got1 and $got2 $fmt files instead of $n"
        awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$n" -v f="$(echo "$fmt" | tr a-z A-Z)" 'BEGIN {
            one = b - a; sep = c - b
            printf "plot: %d %s charts: one command %.2f s (%.1f ms/chart), one command per chart %.2f s (%.1f ms/chart): x%.1f\n",
                   n, f, one, one * 1000 / n, sep, sep * 1000 / n, sep / (one > 0 ? one : 0.0001)
        }'
    done
    rm -rf "$p"
    trap 'rm -f "$BIN_COPY"' EXIT
}

if [ "${BENCH_ONLY:-}" = plot ]; then
    bench_plot
    exit 0
fi

# --- report files ----------------------------------------------------------
# Only the files the tool picks up when it walks a directory: the report
# extensions, not hidden, not documentation beside the reports (SOURCES.md...).
is_report() {
    case $(basename "$1" | tr '[:upper:]' '[:lower:]') in
        .*|readme|readme.*|sources|sources.*|license|license.*|changelog|changelog.*) return 1 ;;
        *.txt|*.md|*.htm|*.html) return 0 ;;
    esac
    return 1
}

# list_reports DIR: the report files directly in DIR, one per line, sorted.
list_reports() {
    for f in "$1"/*; do
        [ -f "$f" ] && is_report "$f" && printf '%s\n' "$f"
    done
    return 0
}

# bytes_of DIR: total size of the report files under DIR (recursively).
bytes_of() {
    find "$1" -type f ! -name '.*' -exec cat {} + | wc -c | tr -d ' '
}

count_of() {
    find "$1" -type f ! -name '.*' | wc -l | tr -d ' '
}

src=
if [ -n "${BENCH_SRC:-}" ]; then
    src=$BENCH_SRC
else
    for d in ../shared/corpus/reports data/reports tests/data; do
        if [ -d "$d" ] && [ -n "$(list_reports "$d")" ]; then src=$d; break; fi
    done
fi

mb_min_bytes=$(awk -v m="$MIN_MB" -v u="$MB" 'BEGIN { printf "%d", m * u }')

have_data=no
if [ -f "$DATA/.complete" ] && [ -d "$DATA/q1" ] && [ -d "$DATA/rest" ]; then
    if [ "$(bytes_of "$DATA")" -ge "$mb_min_bytes" ]; then have_data=yes; fi
fi

if [ $have_data = no ]; then
    [ -n "$src" ] || die "no report files (*.txt *.md *.htm *.html) in ../shared/corpus/reports, data/reports or tests/data; set BENCH_SRC=DIR"
    src_bytes=0; src_n=0
    list_reports "$src" > "${TMPDIR:-/tmp}/bench-src.$$"
    trap 'rm -f "${TMPDIR:-/tmp}/bench-src.$$" "$BIN_COPY"' EXIT
    while IFS= read -r f; do
        src_n=$((src_n + 1))
        src_bytes=$((src_bytes + $(wc -c < "$f")))
    done < "${TMPDIR:-/tmp}/bench-src.$$"
    [ "$src_bytes" -gt 0 ] || die "$src: report files are empty"
    rounds=$(awk -v need="$mb_min_bytes" -v b="$src_bytes" 'BEGIN { r = int((need + b - 1) / b); if (r < 4) r = 4; print r }')
    quarter=$(awk -v r="$rounds" 'BEGIN { print int(r / 4) }')
    echo "bench: building $DATA/ from $src ($src_n reports, $(awk -v b="$src_bytes" 'BEGIN { printf "%.0f KB", b / 1000 }') x $rounds copies)..."

    tmp=$DATA.tmp.$$                  # *.tmp* is ignored by git; renamed when complete
    trap 'rm -rf "$tmp" "${TMPDIR:-/tmp}/bench-src.$$" "$BIN_COPY"' EXIT
    mkdir -p "$tmp/q1" "$tmp/rest"
    r=1
    while [ "$r" -le "$rounds" ]; do
        if [ "$r" -le "$quarter" ]; then sub=q1; else sub=rest; fi
        pre=$(printf '%04d' "$r")
        while IFS= read -r f; do
            cp "$f" "$tmp/$sub/${pre}_$(basename "$f")"
        done < "${TMPDIR:-/tmp}/bench-src.$$"
        r=$((r + 1))
    done
    printf 'source %s\nrounds %s\nquarter %s\n' "$src" "$rounds" "$quarter" > "$tmp/.complete"
    rm -rf "$DATA"
    mv "$tmp" "$DATA"
    rm -f "${TMPDIR:-/tmp}/bench-src.$$"
    trap 'rm -f "$BIN_COPY"' EXIT
fi

full_bytes=$(bytes_of "$DATA")
full_n=$(count_of "$DATA")
q_bytes=$(bytes_of "$DATA/q1")
q_n=$(count_of "$DATA/q1")

# --- timing ------------------------------------------------------------------
if [ -x /usr/bin/time ]; then HAVE_TIME=yes; else HAVE_TIME=no; fi
case $(date +%N 2>/dev/null) in
    ''|*[!0-9]*) HAVE_NS=no ;;
    *) HAVE_NS=yes ;;
esac
if [ $HAVE_NS = no ] && [ $HAVE_TIME = no ]; then
    die "need date +%s.%N (GNU date) or /usr/bin/time to measure wall time"
fi
now() { date +%s.%N; }

RSS_FILE=${TMPDIR:-/tmp}/bench-rss.$$
trap 'rm -f "$RSS_FILE" "$BIN_COPY"' EXIT

# run_once JOBS INPUT: sets T (wall seconds) and RSS (KB, empty when unknown).
run_once() {
    rc=0
    if [ $HAVE_TIME = yes ]; then
        _t0=$( [ $HAVE_NS = yes ] && now || echo 0)
        /usr/bin/time -f '%e %M' -o "$RSS_FILE" \
            "$BIN" parse -q -j "$1" "$2" > /dev/null 2>/dev/null || rc=$?
        _t1=$( [ $HAVE_NS = yes ] && now || echo 0)
        # "%e %M" is the last line (after "Command exited with non-zero status N").
        RSS=$(awk 'END { print $2 }' "$RSS_FILE")
        if [ $HAVE_NS = yes ]; then
            T=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.4f", b - a }')
        else
            T=$(awk 'END { print $1 }' "$RSS_FILE")
        fi
    else
        _t0=$(now)
        "$BIN" parse -q -j "$1" "$2" > /dev/null 2>/dev/null || rc=$?
        _t1=$(now)
        T=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.4f", b - a }')
        RSS=
    fi
    # 1 = some report was flagged: still a full parse. Anything else is a failure.
    if [ "$rc" -gt 1 ]; then
        die "$BIN_NAME parse -q -j $jobs $input failed (exit status $rc)"
    fi
}

# measure JOBS INPUT: best wall time (BEST) and highest peak RSS (PEAK) of REPS runs.
measure() {
    jobs=$1; input=$2
    BEST=; PEAK=
    i=0
    while [ "$i" -lt "$REPS" ]; do
        run_once "$jobs" "$input"
        BEST=$(awk -v b="$BEST" -v t="$T" 'BEGIN { if (b == "" || t < b) b = t; print b }')
        if [ -n "$RSS" ]; then
            PEAK=$(awk -v p="$PEAK" -v r="$RSS" 'BEGIN { if (p == "" || r > p) p = r; print p }')
        fi
        i=$((i + 1))
    done
}

rss_text() {
    if [ -n "$1" ]; then
        awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'
    else
        echo "n/a"
    fi
}

# line LABEL SECONDS BYTES REPORTS PEAK EXTRA
line() {
    awk -v l="$1" -v t="$2" -v b="$3" -v n="$4" -v rss="$5" -v extra="$6" -v u="$MB" 'BEGIN {
        if (t <= 0) t = 0.0001
        printf "%s: %5.2f s  %5.1f MB/s  %5.0f reports/s   peak RSS %s%s\n",
               l, t, b / u / t, n / t, rss, extra
    }'
}

if [ "${BENCH_ONLY:-}" = agg ]; then SKIP_PARSE=yes; else SKIP_PARSE=no; fi
if [ $SKIP_PARSE = no ]; then
echo "bench: corpus $(awk -v b="$full_bytes" -v u="$MB" 'BEGIN { printf "%.1f MB", b / u }'), $full_n reports ($DATA/), best of $REPS, $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') cores"

measure 1 "$DATA"
t1=$BEST; rss1=$PEAK
mbs1=$(awk -v b="$full_bytes" -v t="$t1" -v u="$MB" 'BEGIN { if (t <= 0) t = 0.0001; printf "%.1f", b / u / t }')
verdict=$(awk -v m="$mbs1" -v g="$TARGET_MBS" 'BEGIN { print (m >= g) ? "PASS" : "BELOW" }')
line "parse -j 1" "$t1" "$full_bytes" "$full_n" "$(rss_text "$rss1")" "   (target >= $TARGET_MBS MB/s per core: $verdict)"

measure 2 "$DATA"
line "parse -j 2" "$BEST" "$full_bytes" "$full_n" "$(rss_text "$PEAK")" "   (speed-up x$(awk -v a="$t1" -v b="$BEST" 'BEGIN { if (b <= 0) b = 0.0001; printf "%.2f", a / b }'))"

if [ $HAVE_TIME = yes ]; then
    measure 1 "$DATA/q1"
    rssq=$PEAK
    awk -v q="$rssq" -v f="$rss1" -v qb="$q_bytes" -v fb="$full_bytes" -v qn="$q_n" -v fn="$full_n" -v u="$MB" 'BEGIN {
        printf "memory: peak RSS %.1f MB at %.1f MB input (%d reports), %.1f MB at %.1f MB input (%d reports) (-j 1): x%.2f for x%.1f input\n",
               q / 1024, qb / u, qn, f / 1024, fb / u, fn, f / q, fb / qb
    }'
else
    echo "peak RSS: n/a (install the time package)"
fi
fi   # SKIP_PARSE
[ "${BENCH_ONLY:-}" = parse ] && exit 0

# --- aggregation ---------------------------------------------------------------
AGG_ROWS=${BENCH_AGG_ROWS:-1000000}
ADIR=bench-agg
scripts/setup.sh --bench >/dev/null || die "cannot install datamash (scripts/setup.sh --bench)"
command -v datamash >/dev/null 2>&1 || die "datamash not found after scripts/setup.sh --bench"
if [ ! -f "$ADIR/.complete-$AGG_ROWS" ]; then
    echo "bench: building $ADIR/records.csv ($AGG_ROWS rows) from the parsed reports of $src..."
    mkdir -p "$ADIR"
    "$BIN" parse -q -o "$ADIR/seed.csv" "$src" || [ $? -eq 1 ] || die "parse of $src failed"
    # Copy r of every report: body and report name get #r, county 县(r mod 20) of 市(r mod 4);
    # an empty value (BLANK, NA) is written NA, which both tools skip (datamash --narm).
    awk -F, -v OFS=, -v target="$AGG_ROWS" '
        NR == 1 { print; next }
        { row[++n] = $0 }
        END {
            out = 0; r = 0
            while (out < target) {
                r++
                for (i = 1; i <= n && out < target; i++) {
                    m = split(row[i], f, ",")
                    f[1] = f[1] "#" r; f[2] = f[2] "#" r
                    f[5] = "福建省"; f[6] = "市" (r % 4); f[7] = "县" (r % 20)
                    if (f[11] == "") f[11] = "NA"
                    line = f[1]
                    for (k = 2; k <= m; k++) line = line "," f[k]
                    print line
                    out++
                }
            }
        }' "$ADIR/seed.csv" > "$ADIR/records.csv"
    head -n $((AGG_ROWS / 4 + 1)) "$ADIR/records.csv" > "$ADIR/records-q.csv"
    rm -f "$ADIR"/.complete-*
    touch "$ADIR/.complete-$AGG_ROWS"
fi
agg_mb=$(awk -v b="$(wc -c < "$ADIR/records.csv")" -v u="$MB" 'BEGIN { printf "%.0f", b / u }')
echo "bench: agg input $ADIR/records.csv: $AGG_ROWS rows, $agg_mb MB, best of $REPS"

# time_cmd OUTFILE CMD...: best wall time (BEST) and highest peak RSS (PEAK) of REPS runs
time_cmd() {
    _out=$1; shift
    BEST=; PEAK=
    _i=0
    while [ "$_i" -lt "$REPS" ]; do
        _t0=$(now)
        /usr/bin/time -f '%M' -o "$RSS_FILE" "$@" > "$_out" 2>/dev/null || die "$* failed"
        _t1=$(now)
        T=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.3f", b - a }')
        RSS=$(awk 'END { print $1 }' "$RSS_FILE")
        BEST=$(awk -v b="$BEST" -v t="$T" 'BEGIN { if (b == "" || t < b) b = t; print b }')
        PEAK=$(awk -v p="$PEAK" -v r="$RSS" 'BEGIN { if (p == "" || r > p) p = r; print p }')
        _i=$((_i + 1))
    done
}
[ $HAVE_TIME = yes ] && [ $HAVE_NS = yes ] || die "the agg bench needs GNU date and /usr/bin/time"
AOUT=${TMPDIR:-/tmp}/bench-agg.$$
trap 'rm -f "$RSS_FILE" "$BIN_COPY" "$AOUT" "$AOUT.dm"' EXIT
time_cmd "$AOUT" "$BIN" agg -q --by county,year "$ADIR/records.csv"
t_ogi=$BEST; rss_ogi=$PEAK
time_cmd "$AOUT.dm" env LC_ALL=C sh -c 'exec datamash -t, -s --narm --header-in -g 7,3,9,10 sum 11 < "$1"' sh "$ADIR/records.csv"
t_dm=$BEST; rss_dm=$PEAK
verdict=$(awk -v a="$t_ogi" -v b="$t_dm" 'BEGIN { print (a < b) ? "FASTER" : "SLOWER" }')
printf 'agg --by county,year:      %6.2f s  peak RSS %s  (%s lines out)\n' "$t_ogi" "$(rss_text "$rss_ogi")" "$(wc -l < "$AOUT" | tr -d ' ')"
printf 'datamash -s -g ... sum:    %6.2f s  peak RSS %s  (%s lines out)\n' "$t_dm" "$(rss_text "$rss_dm")" "$(wc -l < "$AOUT.dm" | tr -d ' ')"
awk -v a="$t_ogi" -v b="$t_dm" -v v="$verdict" 'BEGIN { if (a <= 0) a = 0.001; printf "agg vs datamash: x%.2f (%s)\n", b / a, v }'
time_cmd "$AOUT" "$BIN" agg -q --by county,year "$ADIR/records-q.csv"
awk -v q="$PEAK" -v f="$rss_ogi" -v n="$AGG_ROWS" 'BEGIN {
    printf "agg memory: peak RSS %.1f MB at %d rows, %.1f MB at %d rows: x%.2f for x4 rows (same groups)\n",
           q / 1024, n / 4, f / 1024, n, f / q }'
[ "${BENCH_ONLY:-}" = agg ] || bench_plot
exit 0
