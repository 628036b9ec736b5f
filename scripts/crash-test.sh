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
# Kill a first run at each delay (walk, mid-batch, commit, merge), check the committed state, then
# let a second run complete it: exactly 21,578 articles and no duplicate ids every time.
for delay in 0.05 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.0 1.2 1.5; do
  rm -rf "$idx"
  "$bin" index "$corpus" --index "$idx" --quiet --commit-interval 0.1 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
  committed=0
  if [ -f "$idx/meta.json" ]; then
    set +e
    "$bin" check --index "$idx" >/dev/null 2>"$work/check.err"; code=$?
    "$bin" search oil --index "$idx" --count >/dev/null 2>>"$work/check.err"; scode=$?
    set -e
    if [ "$code" -eq 2 ] || [ "$scode" -eq 2 ]; then
      echo "FAIL: kill after ${delay}s left an index that does not open:" >&2; cat "$work/check.err" >&2; exit 1
    fi
    committed=$(articles)
  fi
  "$bin" index "$corpus" --index "$idx" --quiet 2>/dev/null
  n=$(articles)
  "$bin" check --index "$idx" >/dev/null
  echo "kill after ${delay}s: $committed articles committed; re-run: $n articles, check clean"
  [ "$n" -eq 21578 ] || { echo "FAIL: expected 21578 articles, found $n" >&2; exit 1; }
done
# Kill --rebuild runs: the previous complete index must stay whole.
for delay in 0.2 0.5 0.8 1.1; do
  "$bin" index "$corpus" --index "$idx" --quiet --rebuild >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
  n=$(articles)
  echo "rebuild killed after ${delay}s: $n articles"
  [ "$n" -eq 21578 ] || { echo "FAIL: a killed rebuild lost documents ($n)" >&2; exit 1; }
done
echo "kills that hit a running process: $kills; documents lost: 0"
