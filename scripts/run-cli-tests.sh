#!/bin/sh
# Golden CLI tests: each case is a directory tests/cli/<area>/<name>/ holding
#   cmd      a shell snippet run from the repository root, with $OGISTAT set to the binary
#   expout   expected standard output (compared exactly)
#   experr   expected standard error (optional; compared exactly when present)
#   status   expected exit status (optional; default 0)
# Usage: scripts/run-cli-tests.sh BINARY [CASE_DIR...]
#        scripts/run-cli-tests.sh --update BINARY CASE_DIR...   rewrite expout/experr/status
# OGISTAT_WRAP (e.g. "valgrind -q --error-exitcode=42") prefixes every ogistat call.
set -u
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
bin=${1:?usage: run-cli-tests.sh [--update] BINARY [CASE...]}
shift
case "$bin" in /*) ;; *) bin="$(pwd)/$bin" ;; esac
OGISTAT="${OGISTAT_WRAP:+$OGISTAT_WRAP }$bin"
export OGISTAT LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
if [ $# -eq 0 ]; then set -- $(find tests/cli -mindepth 2 -maxdepth 2 -type d | sort); fi
pass=0; fail=0
for dir in "$@"; do
    dir=${dir%/}
    [ -f "$dir/cmd" ] || { echo "cli: $dir: no cmd file" >&2; fail=$((fail+1)); continue; }
    sh "$dir/cmd" >"$tmp/out" 2>"$tmp/err"
    st=$?
    if [ $update -eq 1 ]; then
        cp "$tmp/out" "$dir/expout"
        if [ -s "$tmp/err" ] || [ -f "$dir/experr" ]; then cp "$tmp/err" "$dir/experr"; fi
        if [ $st -ne 0 ]; then echo $st > "$dir/status"; else rm -f "$dir/status"; fi
        echo "cli: updated $dir"
        continue
    fi
    want=0; [ -f "$dir/status" ] && want=$(cat "$dir/status")
    ok=1
    if ! cmp -s "$tmp/out" "$dir/expout"; then ok=0; echo "cli: FAIL $dir: stdout differs" >&2; diff "$dir/expout" "$tmp/out" | head -20 >&2; fi
    if [ -f "$dir/experr" ] && ! cmp -s "$tmp/err" "$dir/experr"; then ok=0; echo "cli: FAIL $dir: stderr differs" >&2; diff "$dir/experr" "$tmp/err" | head -20 >&2; fi
    if [ "$st" != "$want" ]; then ok=0; echo "cli: FAIL $dir: exit status $st, expected $want" >&2; fi
    if [ $ok -eq 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); fi
done
[ $update -eq 1 ] && exit 0
echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
