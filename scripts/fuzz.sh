#!/bin/sh
# Run the parser fuzz target (tests/fuzz/fuzz_parse.c) for SECONDS, seeded with the
# sample reports, the unit-test fixtures and (when present) the shared corpus.
# A crash stops the run; its input is in build-fuzz/artifacts/. Keep each one as a
# regression test: copy it to tests/fuzz/crashers/ (make check parses every file there).
#   scripts/fuzz.sh FUZZ_BINARY SECONDS
set -eu
bin=${1:?usage: fuzz.sh FUZZ_BINARY SECONDS}
secs=${2:-600}
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/artifacts
for f in data/reports/* tests/data/unit/* tests/fuzz/crashers/* ../shared/corpus/reports/*; do
    [ -f "$f" ] || continue
    case "$f" in *.pdf|*.py|*/README.md|*/SOURCES.md) continue ;; esac
    cp "$f" "$corpus/seed-$(basename "$f")"
done
echo "fuzz: $(ls "$corpus" | wc -l) inputs in $corpus, running for ${secs}s"
exec "$bin" -max_total_time="$secs" -max_len=262144 -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix=build-fuzz/artifacts/ "$corpus"
