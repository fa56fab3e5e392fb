#!/usr/bin/env bash
# Lighthouse (mobile emulation, its default) on every page kind of the
# site of two corpus logs of about 90 records, as a static host serves
# them: performance, accessibility, best practices and SEO, one line per
# page. A measure, not a timed test; the README quotes its output.
#
#   benches/lighthouse.sh     # needs chromium, node and npm
#
# Lighthouse is installed from npm into target/lighthouse (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${ADR_CORPUS:-$(cd .. && pwd)/shared/adr-corpus}"
[ -x /usr/bin/chromium ] || { echo "chromium is needed: apt-get install chromium" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is needed" >&2; exit 1; }
[ -d "$corpus" ] || { echo "the corpus is needed at $corpus (or set ADR_CORPUS)" >&2; exit 1; }
cargo build --release --quiet --bin adr --example generate-adrs
adr="$PWD/target/release/adr"
tools="$PWD/target/lighthouse"
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm init -y >/dev/null && npm install --silent lighthouse@12 >/dev/null)
fi
work=$(mktemp -d)
site="$work/site"
mkdir -p "$site"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

# Each log committed in a repository of its own, as a real log is (dates
# and authors from git).
export_log() { # name source-folder adr-dir
  cp -r "$2" "$work/$1"
  (cd "$work/$1" && git init -q && git add -A &&
    git -c user.name=Bench -c user.email=bench@example.org -c commit.gpgsign=false commit -q -m log &&
    "$adr" --dir "$3" export html --out "$site/$1" >/dev/null 2>&1)
}
export_log cometbft "$corpus/cometbft__cometbft" docs/references/architecture
export_log brighter "$corpus/BrighterCommand__Brighter" docs/adr
# The corpus logs have no tags; a generated log of 90 records has them.
target/release/examples/generate-adrs "$work/generated" 90 >/dev/null
(cd "$work/generated" && git init -q && git add -A &&
  git -c user.name=Bench -c user.email=bench@example.org -c commit.gpgsign=false commit -q -m log &&
  "$adr" export html --out "$site/generated" >/dev/null)

port=$((20000 + RANDOM % 20000))
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
sleep 1

pages=(
  cometbft/index.html cometbft/adr-101-data-companion-pull-api.html cometbft/_graph.html
  cometbft/_timeline.html
  brighter/index.html brighter/0001-record-architecture-decisions.html brighter/_graph.html
  generated/index.html generated/0005-use-schema-for-deploy-5.html generated/_tags/index.html
  generated/_tags/backup.html generated/_graph.html generated/_timeline.html
)
printf '| page | performance | accessibility | best practices | SEO |\n|---|---:|---:|---:|---:|\n'
for page in "${pages[@]}"; do
  CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" \
    --quiet --output=json --output-path="$work/report.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    >/dev/null 2>&1 || true
  python3 - "$work/report.json" "$page" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
cats = report.get("categories", {})
score = lambda k: "error" if cats.get(k, {}).get("score") is None else str(round(cats[k]["score"] * 100))
print(f"| {sys.argv[2]} | " + " | ".join(score(k) for k in ("performance", "accessibility", "best-practices", "seo")) + " |")
for k, cat in cats.items():
    for ref in cat["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            print(f"|   {k}: {ref['id']} {audit.get('displayValue', '')} | | | | |")
EOF
  rm -f "$work/report.json"
done
