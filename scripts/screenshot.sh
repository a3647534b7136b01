#!/bin/sh
# Take a screenshot of an HTML page (the index.html of `ogistat report`) in headless
# Chromium, to look at it as a reader will. Installs Chromium through setup.sh.
#   scripts/screenshot.sh out/report/index.html out/report-index.png [WIDTHxHEIGHT]
set -eu
page=${1:?usage: screenshot.sh PAGE.html OUT.png [WxH]}
png=${2:?usage: screenshot.sh PAGE.html OUT.png [WxH]}
size=${3:-1280x2400}
"$(dirname "$0")/setup.sh" --browser >/dev/null
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size="$(echo "$size" | tr x ,)" \
    --screenshot="$(realpath -m "$png")" "file://$(realpath "$page")" 2>/dev/null
[ -s "$png" ] && echo "screenshot: $png"
