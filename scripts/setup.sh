#!/bin/sh
# Install the Debian packages ogistat needs to build, test and run its demo.
# Idempotent: does nothing when everything is present. Uses sudo when not root.
#   scripts/setup.sh          install what is missing
#   scripts/setup.sh --check  exit 0 if everything is installed, 1 otherwise (no install)
#   scripts/setup.sh --bench  also the tools `make bench` compares against (datamash)
#   scripts/setup.sh --browser  also headless Chromium (scripts/screenshot.sh: look at index.html)
set -eu

# build and runtime libraries
PKGS="build-essential pkg-config libcsv-dev check libsubunit-dev libopencc-dev libuchardet-dev libxml2-dev libpoppler-glib-dev libgsl-dev libfontconfig-dev"
# charts: gnuplot (svg, pngcairo, pdfcairo) and a CJK font (Noto Sans CJK SC: publication quality, 7 weights)
PKGS="$PKGS gnuplot-nox fonts-noto-cjk"
# tools used by tests, CI and benchmarks (librsvg2-bin: rsvg-convert, to look at an SVG as a viewer draws it)
PKGS="$PKGS python3 valgrind poppler-utils librsvg2-bin"
# only for `make bench` (scripts/bench.sh): the reference tool agg is timed against
if [ "${1:-}" = "--bench" ]; then PKGS="$PKGS datamash"; shift; fi
# only for looking at `ogistat report`'s index.html as a browser shows it
if [ "${1:-}" = "--browser" ]; then PKGS="$PKGS chromium"; shift; fi

missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done

if [ -z "$missing" ]; then
    [ "${1:-}" = "--check" ] || echo "setup: all packages present"
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    echo "setup: missing:$missing" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo
    else echo "setup: need root or sudo to install:$missing" >&2; exit 3; fi
fi
echo "setup: installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
