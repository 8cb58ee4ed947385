#!/usr/bin/env bash
# Rebuilds the shipped model, model/tagwise-model.json, from the development corpus plus the invented
# modern transactional mail of scripts/make-synthetic-ham.mjs (see model/MODEL_CARD.md).
#   scripts/train-shipped-model.sh [CORPUS_DIR]     (default /tmp/tagwise-corpus, made by ../shared/corpus/unpack.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-/tmp/tagwise-corpus}
[ -f "$corpus/labels.tsv" ] || { echo "no $corpus/labels.tsv: unpack the corpus first (../shared/corpus/unpack.sh $corpus)" >&2; exit 2; }
node scripts/make-synthetic-ham.mjs "$corpus" 600 7
{ cat "$corpus/labels.tsv"; tail -n +2 "$corpus/synthetic-labels.tsv"; } > "$corpus/shipped-labels.tsv"
npm run --silent cli -- train --labels "$corpus/shipped-labels.tsv" --out model/tagwise-model.json --seed 1
