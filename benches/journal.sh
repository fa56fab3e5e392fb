#!/usr/bin/env bash
# What the intent journal costs: `adr new` (one file, no journal) and
# `adr new -s` / `adr supersede` (two files, through the journal) on a
# generated log of 10,000 ADRs, beside the floor of reading every file
# once, and beside another adr build (BEFORE=path/to/adr) in the same run.
# Results go to target/bench/journal-*.md.
#
#   BEFORE=/tmp/adr-main benches/journal.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
cargo build --release --quiet --bin adr --example generate-adrs
adr="$PWD/target/release/adr"
out="$PWD/target/bench"
mkdir -p "$out"
n=${N:-10000}
work=$(mktemp -d)
target/release/examples/generate-adrs "$work" "$n"
cd "$work"
# Two records that `supersede` rewrites, put back before each run.
a=$(ls doc/adr | sed -n 3p)
b=$(ls doc/adr | sed -n 5p)
mkdir -p .saved && cp "doc/adr/$a" "doc/adr/$b" .saved/
reset="cp .saved/$a .saved/$b doc/adr/"
builds=(-n "after" "$adr")
if [ -n "${BEFORE:-}" ]; then builds+=(-n "before" "$BEFORE"); fi
env_="VISUAL= EDITOR= ADR_DATE=2026-01-01"
cmds=(-n "cat (floor)" "cat doc/adr/*.md > /dev/null")
for ((i = 1; i < ${#builds[@]}; i += 3)); do
  name=${builds[i]}; bin=${builds[i + 1]}
  cmds+=(-n "new ($name)" "$env_ $bin new Benchmark record > /dev/null"
         -n "new -s ($name)" "$env_ $bin new -s 3 Benchmark supersede > /dev/null")
done
hyperfine --warmup 2 --min-runs 15 --export-markdown "$out/journal-new-$n.md" "${cmds[@]}"
cmds=()
for ((i = 1; i < ${#builds[@]}; i += 3)); do
  name=${builds[i]}; bin=${builds[i + 1]}
  cmds+=(-n "supersede ($name)" "$env_ $bin supersede 3 5 > /dev/null")
done
hyperfine --warmup 2 --min-runs 15 --prepare "$reset" --export-markdown "$out/journal-supersede-$n.md" \
  -n "cat (floor)" "cat doc/adr/*.md > /dev/null" "${cmds[@]}"
cd - >/dev/null
rm -rf "$work"
cat "$out"/journal-*-"$n".md
