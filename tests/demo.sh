#!/usr/bin/env bash
# make demo: the pipeline on the bundled example records (examples/).
# It will grow into `avis audit` on saved pages once avis-parse exists.
set -eu
cd "$(dirname "$0")/.."
OUT=build/demo
mkdir -p "$OUT"
bin/avis-norm examples/*.jsonl >"$OUT/avis.jsonl"
echo "== avis-norm examples/*.jsonl | avis-fmt"
bin/avis-fmt --fields date,rating,author,lang,text "$OUT/avis.jsonl"
bin/avis-fmt -f csv --excel --fields date,rating,author,lang,text,flags -o "$OUT/avis.csv" "$OUT/avis.jsonl"
echo
echo "records:     $OUT/avis.jsonl ($(wc -l <"$OUT/avis.jsonl" | tr -d ' ') reviews)"
echo "spreadsheet: $OUT/avis.csv"
