#!/usr/bin/env bash
# make eval: accuracy figures against labeled data, read in place (it may
# not be redistributed: never copy it into this repository).
# Usage: tests/eval/run.sh DATA_DIR   (holding dev.jsonl; see its SOURCES.md)
set -eu
cd "$(dirname "$0")/../.."

# --- deontology rules (avis-check) -------------------------------------------
# Written cases and the catalogue's examples; needs no labeled corpus.
python3 tests/eval/check_eval.py bin ../shared/deontology/deontology-catalogue.json
echo
DATA=${1:-../shared/corpus/sentiment}
FILE="$DATA/dev.jsonl"
if [ ! -r "$FILE" ]; then
	echo "make eval: no labeled data at $FILE; set EVAL_DATA=DIR (a directory holding dev.jsonl)"
	exit 0
fi
echo "labeled data: $FILE ($(wc -l <"$FILE" | tr -d ' ') records), read in place"
echo

# --- language identification (avis-norm) --------------------------------
# The label is the source's language; avis-norm must find it again from
# the text alone.
jq -c '. + {expected_lang: .lang} | del(.lang)' "$FILE" |
	bin/avis-norm -q |
	jq -r '[.source, .expected_lang, .lang] | @tsv' |
	awk -F'\t' '
	{ n[$1]++; N++; if ($2 == $3) { ok[$1]++; OK++ }
	  conf[$2 " -> " $3]++; lang[$1] = $2 }
	END {
		# a sort key first, cut off below, so sections keep their order
		print "0\tavis-norm language identification (fr / en / other)"
		printf "1\t  %-28s %5s %6s %9s\n", "source", "lang", "n", "accuracy"
		for (s in n) printf "2\t  %-28s %5s %6d %9.3f\n", s, lang[s], n[s], ok[s] / n[s]
		printf "3\t  %-28s %5s %6d %9.3f\n", "overall", "", N, OK / N
		print "4\t  confusion (expected -> found):"
		for (c in conf) printf "5\t    %-14s %d\n", c, conf[c]
	}' | sort -t"$(printf '\t')" -k1,1n -k2 | cut -f2-
echo "  (the label is the language of the source: some reviews of the French"
echo "  sources are written in English or Indonesian, and are counted wrong)"
