#!/usr/bin/env bash
# Browser check of `newsdex serve` in headless Chromium (Debian's `chromium`, installed when
# missing): loads the page for a query, applies a filter, follows a facet, a timeline bar and an
# article link as rendered in the DOM, downloads both exports, compares every visible hit count
# and export row count with the CLI's, and saves screenshots.
#
# Usage: scripts/serve-browser.sh INDEX [OUTDIR]   (default OUTDIR: ./browser-shots)
# Needs target/release/newsdex (cargo build --release). Exit 0 when every check passes.
set -euo pipefail
index=${1:?usage: scripts/serve-browser.sh INDEX [OUTDIR]}
out=${2:-browser-shots}
bin=${NEWSDEX_BIN:-target/release/newsdex}
mkdir -p "$out"
if ! command -v chromium >/dev/null; then
    if ! { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }; then
        echo "skipped: chromium is missing and apt-get could not install it"
        exit 0
    fi
fi
log=$(mktemp)
"$bin" serve --index "$index" --port 0 >"$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q http:// "$log" && break; sleep 0.05; done
base=$(sed -n 's|.*\(http://[^/]*\)/.*|\1|p' "$log" | head -1)
fails=0
chrome() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }
dom() { chrome --dump-dom "$base$1"; }
shot() { chrome --window-size=1280,1100 --screenshot="$out/$2.png" "$base$1" >/dev/null; }
# The visible hit count of a page (the digits of <span id="hit-count">).
count_of() { sed -n 's|.*<span id="hit-count">\([0-9,]*\)</span>.*|\1|p' | head -1 | tr -d ,; }
# The first href in the DOM after a marker, entities decoded.
href_after() { grep -o "$1[^>]*href=\"[^\"]*\"" | head -1 | sed 's|.*href="\([^"]*\)"|\1|; s|&amp;|\&|g'; }
check() { # label, page count, CLI args...
    local label=$1 got=$2; shift 2
    local want; want=$("$bin" search "$@" --index "$index" --count || true)
    if [ "$got" = "$want" ]; then echo "ok   $label: $got"; else echo "FAIL $label: page $got, CLI $want"; fails=$((fails + 1)); fi
}
q='"trade deficit"'
page=$(dom "/?q=%22trade+deficit%22")
check "query $q" "$(count_of <<<"$page")" "$q"
shot "/?q=%22trade+deficit%22" 1-query
filtered=$(dom "/?q=%22trade+deficit%22&speaker=baker")
check "filter --speaker baker" "$(count_of <<<"$filtered")" "$q" --speaker baker
shot "/?q=%22trade+deficit%22&speaker=baker" 2-filter
facet=$(href_after '<div class="facet" id="facet-person"><h3>People</h3><ul><li><a' <<<"$page")
[ -n "$facet" ] || facet=$(grep -o 'id="facet-person".*' <<<"$page" | href_after '<a')
person=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.parse_qs(urllib.parse.urlparse(sys.argv[1]).query)["person"][0])' "$facet")
check "facet person=$person" "$(dom "$facet" | count_of)" "$q" --person "$person"
shot "$facet" 3-facet
bar=$(grep -o '<a class="bar"[^>]*>' <<<"$page" | sort -t'"' -k10 -n | tail -1 | sed 's|.*href="\([^"]*\)".*|\1|; s|&amp;|\&|g')
month=$(sed 's|.*since=\([0-9-]*\).*|\1|' <<<"$bar")
check "timeline bar $month" "$(dom "$bar" | count_of)" "$q" --since "$month" --until "$month"
shot "$bar" 4-timeline
art=$(href_after '<a class="title"' <<<"$page")
if dom "$art" | grep -q '<h1 id="headline">'; then echo "ok   article page $art"; else echo "FAIL article page $art"; fails=$((fails + 1)); fi
shot "$art" 5-article
quotes=$(dom "/?q=dollar&in_quotes=1")
check "quote view dollar" "$(count_of <<<"$quotes")" dollar --in-quotes
shot "/?q=dollar&in_quotes=1" 6-quotes
for format in csv jsonl; do
    link=$(href_after "<a id=\"export-$format\"" <<<"$page")
    got=$(curl -s "$base$link" | wc -l)
    want=$("$bin" search "$q" --index "$index" --all --format "$format" | wc -l)
    if [ "$got" = "$want" ]; then echo "ok   export $format: $got lines"; else echo "FAIL export $format: $got lines, CLI $want"; fails=$((fails + 1)); fi
done
echo "screenshots in $out/"
if [ "$fails" = 0 ]; then echo "all checks passed"; else echo "$fails check(s) failed"; exit 1; fi
