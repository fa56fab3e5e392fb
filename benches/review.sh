#!/usr/bin/env bash
# Reviews, beside the git commands that do the nearest thing:
# - `adr cites` on a generated tree of 100,000 source files (one in twenty
#   citing a record, in five forms) and 1,000 records, beside
#   `git grep -c ADR` over the same tree (target: at most 1.5 times);
# - `adr diff` over 1,000 records and 10,000 commits, beside
#   `git log --name-only` over the same range (target: at most as long),
#   with the history cache and without it, and over a pull request's
#   fifty commits.
# ONLY=cites or ONLY=diff runs one half; RUNS sets hyperfine's --min-runs
# (the CPU is shared: compare within one run, with many runs).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
cargo build --release --quiet --bin adr --example generate-adrs
adr="$PWD/target/release/adr"
generate="$PWD/target/release/examples/generate-adrs"
out="$PWD/target/bench"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

runs="${RUNS:-5}"
if [ "${ONLY:-cites}" = cites ]; then
"$generate" "$work/cites" "${RECORDS:-1000}" --sources "${SOURCES:-100000}"
cd "$work/cites"
git init -q -b main
git add -A
git -c user.name=bench -c user.email=bench@example.com commit -qm "a tree"
git gc -q
hyperfine --warmup 1 --min-runs "$runs" --export-markdown "$out/review-cites.md" \
  -n "git grep -c ADR" "git grep -c ADR > /dev/null" \
  -n "adr cites" "$adr cites > /dev/null 2>&1" \
  -n "adr cites --format json" "$adr cites --format json > /dev/null"
cat "$out/review-cites.md"
fi
[ "${ONLY:-diff}" = diff ] || exit 0

"$generate" "$work/history" "${RECORDS:-1000}" --commits "${COMMITS:-10000}"
cd "$work/history"
git gc -q
first=$(git rev-list --max-parents=0 HEAD)
# `adr diff` reads the history cache but does not write it: `adr log` does.
"$adr" log > /dev/null
hyperfine --warmup 1 --min-runs "$runs" --export-markdown "$out/review-diff.md" \
  --prepare "true" -n "git log --name-only FIRST..HEAD" "git log --name-only $first..HEAD > /dev/null" \
  --prepare "true" -n "adr diff FIRST..HEAD, history cached" "$adr diff $first..HEAD > /dev/null" \
  --prepare "rm -f .git/adr-history.json" -n "adr diff FIRST..HEAD, no cache" "$adr diff $first..HEAD > /dev/null" \
  --prepare "true" -n "git log --name-only HEAD~50..HEAD" "git log --name-only HEAD~50..HEAD > /dev/null" \
  --prepare "true" -n "adr diff HEAD~50..HEAD" "$adr diff HEAD~50..HEAD > /dev/null" \
  --prepare "true" -n "adr diff HEAD~50 --format markdown" "$adr diff HEAD~50 --format markdown > /dev/null"
cd - >/dev/null
cat "$out/review-diff.md"
