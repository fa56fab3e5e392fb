#!/usr/bin/env bash
# The git history walk on a generated repository of 1,000 records and
# 10,000 commits, beside `git log --name-only` over the same history:
# first run (no cache), then a repeated run with HEAD unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
cargo build --release --quiet --bin adr --example generate-adrs
adr="$PWD/target/release/adr"
out="$PWD/target/bench"
mkdir -p "$out"
work=$(mktemp -d)
target/release/examples/generate-adrs "$work" "${RECORDS:-1000}" --commits "${COMMITS:-10000}"
cd "$work"
git gc -q
hyperfine --warmup 1 --min-runs 5 --export-markdown "$out/git-history.md" \
  --prepare "true" -n "git log --name-only -- doc/adr" "git log --name-only -- doc/adr > /dev/null" \
  --prepare "rm -f .git/adr-history.json" -n "adr log, first run (no cache)" "$adr log > /dev/null" \
  --prepare "true" -n "adr log, HEAD unchanged" "$adr log > /dev/null" \
  --prepare "true" -n "adr list --format json, HEAD unchanged" "$adr list --format json > /dev/null"
cd - >/dev/null
rm -rf "$work"
cat "$out/git-history.md"
