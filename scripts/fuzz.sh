#!/usr/bin/env bash
# Long fuzzing runs: each fuzz target of tests/fuzz.rs for a fixed time, looping over seeds, then
# random queries through the real `newsdex search` binary (tests/queries.rs).
#
#   scripts/fuzz.sh [TARGET...]
#
# Environment:
#   NEWSDEX_FUZZ_SECONDS  seconds per target (default 60)
#   NEWSDEX_FUZZ_CHUNK    seconds per test process, one seed each (default 30)
#   NEWSDEX_FUZZ_SEED     first seed (default: the current time; printed, so a run can be repeated)
#   NEWSDEX_QUERY_RUNS    random queries through the binary (default 10000; 0 skips them)
#   NEWSDEX_FUZZ_PROFILE  release (default: fast) or debug (overflow checks and debug assertions
#                         turn silent wrap-arounds into crashes, at a tenth of the speed)
#
# Prints per target: iterations, inputs tried, crashes found (and how many of them are known bugs
# listed in KNOWN_CRASHES of tests/fuzz.rs). Failing inputs are saved in target/fuzz/; each report
# has the NEWSDEX_FUZZ_SEED/NEWSDEX_FUZZ_ITER line that replays it. Exits 1 if anything crashed.
set -uo pipefail
cd "$(dirname "$0")/.."

all_targets="cleanup text html json jsonl sgml gzip dateline people quotes enrich query"
targets=${*:-$all_targets}
per=${NEWSDEX_FUZZ_SECONDS:-60}
chunk=${NEWSDEX_FUZZ_CHUNK:-30}
seed=${NEWSDEX_FUZZ_SEED:-$(date +%s)}
query_runs=${NEWSDEX_QUERY_RUNS:-10000}

case ${NEWSDEX_FUZZ_PROFILE:-release} in
  debug) profile=(); dir=debug ;;
  *) profile=(--release); dir=release ;;
esac
out=target/fuzz/$dir
mkdir -p "$out/current"
bin=$(cargo test "${profile[@]}" --test fuzz --no-run 2>&1 | grep -o "target/$dir/deps/fuzz-[0-9a-f]*" | tail -n 1)
[ -x "$bin" ] || { echo "fuzz.sh: could not build the fuzz tests" >&2; exit 2; }
# A private copy, so rebuilding the tests while this runs does not swap the binary under it.
cp "$bin" "$out/fuzz-bin" && bin="$out/fuzz-bin"
echo "fuzzing $per s per target ($dir build), first seed $seed"

field() { sed -E "s/.* $1 ([0-9]+).*/\1/"; }
failed=0
for target in $targets; do
  iters=0 inputs=0 crashes=0 known=0 procs=0
  start=$SECONDS
  while (( SECONDS - start < per )); do
    left=$(( per - (SECONDS - start) ))
    secs=$(( left < chunk ? left : chunk ))
    log="$out/$target-$seed.log"
    # A hang or a crash that kills the process (stack overflow, abort) leaves no summary line:
    # the input that was running is in $out/current/$target.current.
    NEWSDEX_FUZZ_SECONDS=$secs NEWSDEX_FUZZ_SEED=$seed NEWSDEX_FUZZ_CURRENT="$out/current" \
      timeout $(( secs + 120 )) "$bin" --exact "fuzz_$target" --nocapture --test-threads 1 >"$log" 2>&1
    rc=$?
    procs=$(( procs + 1 ))
    line=$(grep -a -o "fuzz $target: iterations .*" "$log" | tail -n 1)
    if [ -z "$line" ]; then
      crashes=$(( crashes + 1 ))
      keep="$out/$target-$seed-died.bin"
      cp "$out/current/$target.current" "$keep" 2>/dev/null
      echo "  $target seed $seed: process died (exit $rc); input saved to $keep; log $log"
    else
      iters=$(( iters + $(echo "$line" | field iterations) ))
      inputs=$(( inputs + $(echo "$line" | field inputs) ))
      c=$(echo "$line" | field crashes)
      k=$(echo "$line" | field known)
      crashes=$(( crashes + c ))
      known=$(( known + k ))
      if (( c > k )); then
        grep -a -E '^- |^  (input|replay)|panicked at' "$log" | head -n 12 | sed 's/^/  /'
        echo "  (full report: $log)"
      else
        rm -f "$log"
      fi
    fi
    seed=$(( seed + 1 ))
  done
  (( crashes > known )) && failed=1
  printf '%-9s %9d iterations %10d inputs %5d crashes (%d known) in %d s, %d seeds\n' \
    "$target" "$iters" "$inputs" "$crashes" "$known" $(( SECONDS - start )) "$procs"
done

if (( query_runs > 0 )); then
  echo "running $query_runs random queries through newsdex search"
  qlog="$out/queries.log"
  NEWSDEX_QUERY_RUNS=$query_runs cargo test "${profile[@]}" --test queries random_queries_through_the_binary \
    -- --nocapture >"$qlog" 2>&1
  rc=$?
  grep -a '^queries via binary' "$qlog" || { echo "  no summary: see $qlog"; }
  (( rc != 0 )) && { failed=1; grep -a -A8 'panicked at' "$qlog" | head -n 30; }
fi
exit $failed
