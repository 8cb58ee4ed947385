#!/usr/bin/env bash
# The generalization figures of model/MODEL_CARD.md: train without a source, evaluate on what was
# left out, and live through it with the online protocol, side by side with bogofilter.
#   scripts/evaluate-splits.sh [CORPUS_DIR] [OUT_DIR]
# Split A: usrp_users SAFE (a mailing list) held out entirely, with every other phishing_pot junk message.
# Split B: spamassassin (2002 ham and junk) held out entirely.
# Both train sets include the synthetic transactional ham (scripts/make-synthetic-ham.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-/tmp/tagwise-corpus}
out=${2:-/tmp/tagwise-splits}
mkdir -p "$out"
[ -f "$corpus/shipped-labels.tsv" ] || { node scripts/make-synthetic-ham.mjs "$corpus" 600 7; { cat "$corpus/labels.tsv"; tail -n +2 "$corpus/synthetic-labels.tsv"; } > "$corpus/shipped-labels.tsv"; }
split() { # NAME AWK-CONDITION-FOR-TEST
  awk -F'\t' -v dir="$corpus" -v tr="$out/$1-train.tsv" -v te="$out/$1-test.tsv" '
    NR == 1 { print > tr; print > te; next }
    { line = dir "/" $0; if ('"$2"') print line > te; else print line > tr }' "$corpus/shipped-labels.tsv"
}
split A '$4 == "usrp_users" || ($4 == "phishing_pot" && $2 != "SAFE" && NR % 2 == 0)'
split B '$4 == "spamassassin"'
node build.mjs --cli-only
for s in ${SPLITS:-A B}; do
  echo "== split $s"
  node dist-cli/tagwise.mjs train --labels "$out/$s-train.tsv" --out "$out/$s-model.json" 2>/dev/null | tail -n 2
  node dist-cli/tagwise.mjs eval --labels "$out/$s-test.tsv" --model "$out/$s-model.json" 2>/dev/null | tail -n 18
  [ -n "${NO_ONLINE:-}" ] || node dist-cli/tagwise.mjs online --labels "$out/$s-test.tsv" --model "$out/$s-model.json" --bogofilter-train "$out/$s-train.tsv" 2>/dev/null | tail -n 5
done
