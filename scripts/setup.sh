#!/bin/sh
# Install the Debian packages ogistat needs to build, test and run its demo.
# Idempotent: does nothing when everything is present. Uses sudo when not root.
#   scripts/setup.sh          install what is missing
#   scripts/setup.sh --check  exit 0 if everything is installed, 1 otherwise (no install)
set -eu

# build and runtime libraries
PKGS="build-essential pkg-config libcsv-dev check libsubunit-dev libopencc-dev libuchardet-dev libxml2-dev libpoppler-glib-dev"
# tools used by tests, CI and benchmarks
PKGS="$PKGS python3 valgrind poppler-utils"

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
