#!/usr/bin/env bash
# Whole-command benchmarks with hyperfine on generated logs of 1,000 and
# 10,000 ADRs, beside the floor of reading every file once and, when they
# are installed, adr-tools (Debian's adr-tools) and adrs (crates.io), all
# in the same run. Results go to target/bench/*.md.
#
#   benches/run.sh            # both sizes
#   SIZES=1000 benches/run.sh # one size
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
cargo build --release --quiet --bin adr --example generate-adrs
adr="$PWD/target/release/adr"
out="$PWD/target/bench"
mkdir -p "$out"
others=()
for n in ${SIZES:-1000 10000}; do
  work=$(mktemp -d)
  target/release/examples/generate-adrs "$work" "$n"
  cd "$work"
  # A log lives in a repository, committed: its .git is where the record
  # and history caches are kept, and what git says of each record (dates,
  # authors, an edit not yet committed) is read as on a real log. The
  # runs below are warm (the caches are written by the warmup).
  git init -q
  git add -A
  git -c user.name=Bench -c user.email=bench@example.org -c commit.gpgsign=false \
    commit -q -m "Generated log of $n records"
  others=()
  if command -v adrs >/dev/null; then
    others+=(-n "adrs list" "adrs list > /dev/null"
             -n "adrs generate toc" "adrs generate toc > /dev/null")
  fi
  if [ -x /usr/bin/adr ] && [ -d /usr/libexec/adr-tools ]; then
    others+=(-n "adr-tools list" "/usr/bin/adr list > /dev/null")
  fi
  hyperfine --warmup 3 --min-runs 10 --export-markdown "$out/commands-$n.md" \
    -n "cat (floor)" "cat doc/adr/*.md > /dev/null" \
    -n "list" "$adr list > /dev/null" \
    -n "list --format json" "$adr list --format json > /dev/null" \
    -n "show" "$adr show $((n / 2)) > /dev/null" \
    -n "generate toc" "$adr generate toc > /dev/null" \
    -n "generate graph" "$adr generate graph > /dev/null" \
    -n "graph --format json" "$adr graph --format json > /dev/null" \
    -n "check" "$adr check > /dev/null 2>&1 || true" \
    "${others[@]}"
  # Cold: no record cache, every file read and parsed (and the cache
  # written) in each run.
  hyperfine --warmup 1 --min-runs 5 --export-markdown "$out/cold-$n.md" \
    --prepare "rm -f .git/adr-records.cache" \
    -n "cat (floor)" "cat doc/adr/*.md > /dev/null" \
    -n "check (cold cache)" "$adr check > /dev/null 2>&1 || true" \
    -n "list --format json (cold cache)" "$adr list --format json > /dev/null"
  # The HTML site: a whole export as on a fresh clone (no output folder and
  # no twin of it in .git); the same into a memory-backed folder when the
  # machine has one, which leaves out the disk's cost of creating ten
  # thousand files; a re-export after one record changed (the prepare step
  # edits it, so each run has one change to render); peak memory and bytes
  # written of a whole export.
  memory=()
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    shm=$(mktemp -d /dev/shm/adr-bench-XXXXXX)
    memory=(--prepare "rm -rf $shm/site"
            -n "export html (whole, into memory)" "$adr export html --out $shm/site > /dev/null")
  fi
  # The disk's floor: as many files of a record page's size made by one
  # process (GNU split), into a folder made again each run as the site is.
  floor=(--prepare "rm -rf $work/floor"
         -n "make $n files of 4 KB (floor)"
         "mkdir $work/floor && head -c $((n * 4000)) /dev/zero | split -b 4000 -a 6 - $work/floor/x")
  hyperfine --warmup 1 --min-runs 5 --export-markdown "$out/export-$n.md" \
    --prepare "rm -rf $work/site $work/.git/adr-site-*" \
    -n "export html (whole)" "$adr export html --out $work/site > /dev/null" \
    "${memory[@]}" "${floor[@]}"
  rm -rf "$work/floor"
  [ -n "${shm:-}" ] && rm -rf "$shm"
  rm -rf "$work/site" "$work"/.git/adr-site-*
  /usr/bin/time -v "$adr" export html --out "$work/site" 2>"$out/export-time-$n.txt" >/dev/null
  record=$(ls doc/adr/*.md | sed -n "$((n / 2))p")
  hyperfine --warmup 1 --min-runs 10 --export-markdown "$out/re-export-$n.md" \
    --prepare "printf '\\nEdited %s.\\n' \"\$(date +%s%N)\" >> $record" \
    -n "re-export html after one edit" "$adr export html --out $work/site > /dev/null"
  awk -v n="$n" '/Maximum resident/ { printf "export html, %s records: peak %.1f MiB\n", n, $6 / 1024 }' "$out/export-time-$n.txt" | tee "$out/export-memory-$n.txt"
  # `new` writes: each run adds a record, as users do.
  hyperfine --warmup 2 --min-runs 10 --export-markdown "$out/new-$n.md" \
    -n "new" "VISUAL= EDITOR= ADR_DATE=2026-01-01 $adr new Benchmark record > /dev/null" \
    -n "new -s" "VISUAL= EDITOR= ADR_DATE=2026-01-01 $adr new -s 3 Benchmark supersede > /dev/null"
  du -sk --apparent-size "$work/site" | awk -v n="$n" '{ printf "export html, %s records: %.1f MiB\n", n, $1 / 1024 }' | tee "$out/site-size-$n.txt"
  # adr-tools' toc starts processes for every record, for every record:
  # one run at 1,000 records takes most of a minute.
  if [ -x /usr/bin/adr ] && [ -d /usr/libexec/adr-tools ] && [ "$n" -le 1000 ]; then
    hyperfine --runs 2 --export-markdown "$out/adr-tools-toc-$n.md" \
      -n "adr-tools generate toc" "/usr/bin/adr generate toc > /dev/null" \
      -n "adr generate toc" "$adr generate toc > /dev/null"
  fi
  cd - >/dev/null
  rm -rf "$work"
done
cat "$out"/*.md
