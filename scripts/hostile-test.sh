#!/usr/bin/env bash
# The slow hostile inputs (the fast ones are tests/hostile.rs): a 2 GB file, one 100 MB line, 10,000
# nested folders. Prints wall time and max RSS for each run; every run must exit 0, report the file, and
# keep the one good article.
#
#   scripts/hostile-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/newsdex
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

run() { # name, extra flags...
  local name=$1; shift
  local out
  out=$( { /usr/bin/time -f "%e s, max RSS %M KB" "$bin" index corpus --index "idx-$name" --quiet "$@"; } 2>&1 ) || {
    echo "FAIL $name: exit $?"; echo "$out"; exit 1; }
  echo "$name: $(echo "$out" | tail -n 1) | $(echo "$out" | grep -c newsdex:) warnings"
  echo "$out" | grep -v '^[0-9.]* s, max' | tail -n 3 | sed 's/^/    /'
  "$bin" check --index "idx-$name" | head -n 1 | sed 's/^/    /'
}

mkdir corpus && printf 'Good story headline here\n\nThe good story survives.\n' > corpus/good.txt

truncate -s 2G corpus/huge.txt
run two-gb-file
rm corpus/huge.txt

head -c 100000000 /dev/zero | tr '\0' 'a' > corpus/oneline.txt
run one-100mb-line-skipped
run one-100mb-line-read --max-file-size 200
rm corpus/oneline.txt

d=corpus; for i in $(seq 1 400); do d="$d/d$i"; done; mkdir -p "$d" && printf 'Deep story headline\n\nDeep.\n' > "$d/deep.txt"
run deep-folders
