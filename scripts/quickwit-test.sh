#!/usr/bin/env bash
# quickwit-test.sh: newsdex against a real Quickwit on 127.0.0.1, single node then a 2-node cluster.
#
# Indexes the Reuters corpus (../shared/corpora/reuters21578) into a local newsdex index and,
# through `newsdex index --to-quickwit`, into Quickwit; then checks that the counts of the
# queries below are equal on both, that `--all` returns every hit (the same ids as the local
# index), and prints ingest and query timings. The cluster run starts two processes on other
# ports (one with every service, one searcher joining it by gossip, sharing the file metastore
# and storage) and searches through the searcher.
#
# Run it as `bash scripts/quickwit-test.sh`; `cargo test` runs it too (tests/quickwit.rs).
# Quickwit: `quickwit` on PATH, else the 0.9.0 binary in ../shared/tools/quickwit/. Without one
# (or without the corpus) the script says "skipped" and exits 0, so CI stays green.
# Exit: 0 all checks passed or skipped, 1 a check failed, 2 the setup failed.
set -uo pipefail
set -f # queries hold `*`: no file-name expansion anywhere
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${NEWSDEX_SHARED:-$repo/../shared}
qw=$(command -v quickwit || true)
[ -z "$qw" ] && [ -x "$shared/tools/quickwit/quickwit" ] && qw=$shared/tools/quickwit/quickwit
corpus=${QUICKWIT_TEST_CORPUS:-$shared/corpora/reuters21578}
if [ -z "$qw" ]; then
  echo "quickwit-test: skipped: no quickwit binary (none on PATH, none in $shared/tools/quickwit/)"; exit 0
fi
if [ ! -d "$corpus" ]; then
  echo "quickwit-test: skipped: no corpus at $corpus"; exit 0
fi
# NEWSDEX_BIN: a newsdex binary already built (the cargo test that runs this script gives its own).
nd=${NEWSDEX_BIN:-}
if [ -z "$nd" ]; then
  cargo build --release --quiet --manifest-path "$repo/Cargo.toml" || { echo "quickwit-test: build failed" >&2; exit 2; }
  nd=$repo/target/release/newsdex
fi
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
failures=0

# A port pair (REST/gossip and gRPC = PORT+1) nothing listens on.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && continue
    (exec 3<>/dev/tcp/127.0.0.1/$((p + 1))) 2>/dev/null && continue
    echo $p; return
  done
}

# start_node DIR PORT ID [PEER_PORT SERVICES]: one node on 127.0.0.1, ready when it answers.
start_node() {
  local dir=$1 port=$2 id=$3 peer=${4:-} services=${5:-}
  mkdir -p "$dir/indexes" "$dir/$id"
  {
    echo "version: 0.8"; echo "node_id: $id"; echo "cluster_id: newsdex-test"; echo "listen_address: 127.0.0.1"
    echo "rest:"; echo "  listen_port: $port"
    [ -n "$peer" ] && echo "peer_seeds: [127.0.0.1:$peer]"
    echo "data_dir: $dir/$id"; echo "metastore_uri: file://$dir/indexes"; echo "default_index_root_uri: file://$dir/indexes"
  } >"$dir/$id.yaml"
  local args=(run --config "$dir/$id.yaml"); [ -n "$services" ] && args+=(--service "$services")
  QW_DISABLE_TELEMETRY=1 "$qw" "${args[@]}" >"$dir/$id.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$port/api/v1/version" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "quickwit-test: node $id did not start; its log:" >&2; tail -20 "$dir/$id.log" >&2; exit 2
}

now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{printf "%.3f", $2 - $1}'; }

# The queries compared: phrases, slop, booleans, field prefixes, --any, name and date filters.
# Each entry is the query (one argument), then ` ;; ` and its flags (words, quotes allowed).
queries=(
  '*'
  'oil'
  '"oil prices"'
  '"oil prices"~3'
  'opec -saudi'
  '(crude OR petroleum) AND "price cut"'
  'headline:dollar'
  'NOT oil'
  'gold silver ;; --any'
  'U.S. trade deficit'
  'Zürich'
  '* ;; --since 1987-03 --until 1987-03'
  'oil ;; --since 1987-04-01'
  'bank ;; --place tokyo'
  '* ;; --person reagan'
  '* ;; --speaker baker'
  'rates ;; --speaker "james baker" --until 1987-06'
)

# split ENTRY: sets `args` to the query followed by its flags.
split() {
  local entry=$1 flags=()
  local q=${entry%% ;; *}
  [ "$q" != "$entry" ] && eval "flags=(${entry#* ;; })"
  args=("$q" "${flags[@]}")
}

# compare LABEL URL: counts of every query, local vs Quickwit, and --all against the local ids.
compare() {
  local label=$1 url=$2 q args ok=0 bad=0
  for entry in "${queries[@]}"; do
    split "$entry"
    local l r
    l=$("$nd" search "${args[@]}" --index "$work/local" --count 2>/dev/null)
    r=$("$nd" search "${args[@]}" --quickwit "$url" --quickwit-index reuters --count 2>"$work/err")
    if [ "$l" = "$r" ] && [ -n "$l" ]; then ok=$((ok + 1)); s=ok; else bad=$((bad + 1)); s=DIFFERENT; fi
    printf '  %-9s local %6s  quickwit %6s  %s\n' "$s" "$l" "$r" "$entry"
    [ "$s" = ok ] || sed 's/^/    /' "$work/err"
  done
  echo "$label: $ok of ${#queries[@]} query counts equal"
  [ $bad -eq 0 ] || failures=$((failures + 1))
  for q in '*' 'oil' '"oil prices" ;; --sort date'; do
    split "$q"
    "$nd" search "${args[@]}" --index "$work/local" --all --format jsonl --fields id 2>/dev/null | sort >"$work/local.ids"
    "$nd" search "${args[@]}" --quickwit "$url" --quickwit-index reuters --all --format jsonl --fields id 2>/dev/null | sort >"$work/qw.ids"
    local n_l n_q n_u
    n_l=$(wc -l <"$work/local.ids"); n_q=$(wc -l <"$work/qw.ids"); n_u=$(sort -u "$work/qw.ids" | wc -l)
    if [ "$n_l" -gt 0 ] && [ "$n_l" = "$n_q" ] && [ "$n_q" = "$n_u" ] && cmp -s "$work/local.ids" "$work/qw.ids"; then
      echo "$label: --all $q: $n_q hits, each once, the same ids as the local index: ok"
    else
      echo "$label: --all $q: local $n_l hits, quickwit $n_q ($n_u distinct): DIFFERENT"; failures=$((failures + 1))
    fi
  done
}

# timings URL: median of 5 runs of each query through the CLI (process start included), both sides.
timings() {
  local url=$1 q args
  printf '  %-40s %10s %10s\n' query "local ms" "quickwit ms"
  for q in 'oil' '"oil prices"' 'opec -saudi' '* ;; --since 1987-03 --until 1987-03' '* ;; --person reagan'; do
    split "$q"
    local side med l r
    for side in local qw; do
      local t=()
      for _ in 1 2 3 4 5; do
        local a; a=$(now)
        if [ $side = local ]; then "$nd" search "${args[@]}" --index "$work/local" --limit 10 --format jsonl >/dev/null 2>&1
        else "$nd" search "${args[@]}" --quickwit "$url" --quickwit-index reuters --limit 10 --format jsonl >/dev/null 2>&1; fi
        t+=("$(elapsed "$a" "$(now)")")
      done
      med=$(printf '%s\n' "${t[@]}" | sort -n | sed -n 3p)
      if [ $side = local ]; then l=$med; else r=$med; fi
    done
    printf '  %-40s %10.1f %10.1f\n' "$q" "$(echo "$l*1000" | bc)" "$(echo "$r*1000" | bc)"
  done
}

# ingest LABEL URL: create the index from `newsdex quickwit config` and send the corpus.
ingest() {
  local label=$1 url=$2 a
  "$nd" quickwit config --index-id reuters --commit-timeout 5 >"$work/reuters.yaml"
  QW_DISABLE_TELEMETRY=1 "$qw" index create --index-config "$work/reuters.yaml" --endpoint "$url" --yes >/dev/null 2>"$work/err" \
    || { echo "quickwit-test: index create failed:" >&2; cat "$work/err" >&2; exit 2; }
  a=$(now)
  "$nd" index "$corpus" --to-quickwit "$url" --quickwit-index reuters --quickwit-state "$work/$label.state" -q 2>"$work/ingest.log" \
    || { echo "quickwit-test: newsdex index --to-quickwit failed:" >&2; cat "$work/ingest.log" >&2; exit 2; }
  local secs; secs=$(elapsed "$a" "$(now)")
  local mb; mb=$(du -sb "$corpus" | awk '{print $1 / 1e6}')
  echo "$label: ingest: $(grep 'files seen' "$work/ingest.log")"
  echo "$label: ingest wall time $secs s ($(echo "$mb / $secs" | bc -l | xargs printf '%.1f') MB/s, until searchable)"
  # A re-run sends nothing: the fingerprints say every file is unchanged.
  "$nd" index "$corpus" --to-quickwit "$url" --quickwit-index reuters --quickwit-state "$work/$label.state" -q 2>"$work/rerun.log"
  if grep -q ' 0 indexed, ' "$work/rerun.log"; then echo "$label: re-run: nothing sent: ok"
  else echo "$label: re-run sent files again: DIFFERENT"; cat "$work/rerun.log"; failures=$((failures + 1)); fi
}

echo "quickwit-test: Quickwit $("$qw" --version 2>/dev/null | head -1) at $qw; corpus $corpus"
a=$(now)
"$nd" index "$corpus" --index "$work/local" -q 2>"$work/local.log" || { cat "$work/local.log" >&2; exit 2; }
echo "local: index: $(grep 'files seen' "$work/local.log")"
echo "local: index wall time $(elapsed "$a" "$(now)") s"

echo "== single node"
p1=$(free_port)
start_node "$work/single" "$p1" node1
ingest single "http://127.0.0.1:$p1"
compare single "http://127.0.0.1:$p1"
timings "http://127.0.0.1:$p1"
kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; pids=()

echo "== 2-node cluster (node1: every service; node2: searcher; shared metastore and storage)"
p1=$(free_port); start_node "$work/cluster" "$p1" node1
p2=$(free_port); while [ "$p2" = "$p1" ] || [ "$p2" = $((p1 + 1)) ]; do p2=$(free_port); done
start_node "$work/cluster" "$p2" node2 "$p1" searcher
for _ in $(seq 60); do
  n=$(curl -s "http://127.0.0.1:$p2/api/v1/cluster" | grep -o '"node_id": *"node[12]"' | sort -u | wc -l)
  [ "$n" -ge 2 ] && break; sleep 0.5
done
echo "cluster: nodes seen by node2: $n"
ingest cluster "http://127.0.0.1:$p1"
compare "cluster (searching through node2)" "http://127.0.0.1:$p2"
compare "cluster (searching through node1)" "http://127.0.0.1:$p1"

if [ $failures -eq 0 ]; then echo "quickwit-test: all checks passed"; exit 0; fi
echo "quickwit-test: $failures check(s) failed"; exit 1
