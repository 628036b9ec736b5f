#!/usr/bin/env bash
# Full disk: an index on a small tmpfs (needs root for mount) first holds the sample corpus, then an
# index run of the Reuters corpus runs out of space. It must stop with exit 2 and a message that says
# the disk is full, leave the previous committed index searchable, and free the space it filled.
#
#   sudo scripts/full-disk-test.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
cargo build --release --quiet
bin=$PWD/target/release/newsdex
mnt=$(mktemp -d)
mount -t tmpfs -o size=8m tmpfs "$mnt"
trap 'umount "$mnt"; rmdir "$mnt"' EXIT

"$bin" index corpus --index "$mnt/idx" --quiet 2>/dev/null
before=$("$bin" search '"territorial issues"' --index "$mnt/idx" --count)
set +e
msg=$("$bin" index "$shared/corpora/reuters21578" --index "$mnt/idx" --quiet 2>&1)
code=$?
set -e
echo "index on a full disk: exit $code: $msg"
[ "$code" -eq 2 ] || { echo "FAIL: expected exit 2" >&2; exit 1; }
echo "$msg" | grep -q "no space left" || { echo "FAIL: the message does not say the disk is full" >&2; exit 1; }
after=$("$bin" search '"territorial issues"' --index "$mnt/idx" --count)
"$bin" check --index "$mnt/idx"
echo "hits before: $before, after: $after; disk use after the failure: $(df -h "$mnt" | tail -n 1 | awk '{print $5}')"
[ "$before" = "$after" ] || { echo "FAIL: the committed index changed" >&2; exit 1; }
echo "ok"
