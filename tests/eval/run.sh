#!/usr/bin/env bash
# make eval: accuracy figures against labeled data, read in place (it may
# not be redistributed: never copy it into this repository).
# Usage: tests/eval/run.sh DATA_DIR   (holding dev.jsonl; see its SOURCES.md)
set -eu
cd "$(dirname "$0")/../.."

# --- deontology rules (avis-check) -------------------------------------------
# Written cases and the catalogue's examples; needs no labeled corpus.
# Then the held-out cases (tests/eval/heldout*.jsonl), scored apart and never
# used to write rules: only their figures are printed (check_eval.py
# --heldout-errors lists them, for a final error analysis only).
python3 tests/eval/check_eval.py bin ../shared/deontology/deontology-catalogue.json
echo
# The word models (off by default): the same held-out sets with them, and
# whether the shipped models are those the development cases give.
echo "avis-check --models (the rules' word models too), held-out sets:"
python3 tests/eval/check_eval.py bin ../shared/deontology/deontology-catalogue.json --set heldout --models |
	grep -E '^held-out sets together|^  together|against both readers|^  recall' || true
PYTHONHASHSEED=0 python3 tests/eval/train_models.py bin rules/fr --check &&
	echo "word models: rules/fr/models/ are up to date (make models)"
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

# --- sentiment (avis-score) ------------------------------------------------
# Per source, French overall, health sources and overall: n, balanced
# binary accuracy (mean of pos and neg recall over items labeled pos or
# neg; a neu prediction counts as wrong), plain accuracy (3 classes) and
# 3-class macro-F1.  The labeled `lang` is dropped: avis-norm finds it.
echo
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
jq -c '. + {expected: .label, expected_lang: .lang} | del(.label, .lang)' "$FILE" | bin/avis-norm -q >"$TMPD/norm.jsonl"
t0=$(date +%s.%N)
bin/avis-score -q "$TMPD/norm.jsonl" >"$TMPD/scored.jsonl"
t1=$(date +%s.%N)
jq -r '[.source, .expected, .sentiment.label, (.domain | startswith("health") | tostring)] | @tsv' "$TMPD/scored.jsonl" |
	tests/eval/sentiment-metrics.awk -v title="avis-score sentiment (label: pos / neu / neg)"

# --- peers on the same reviews ------------------------------------------------
echo
echo "sentiment tools on the same reviews (balanced accuracy; records/s)"
printf '  %-30s %8s %8s %10s\n' tool "bal.fr" "bal.en" "records/s"
jq -r '[.expected_lang, .expected, .sentiment.label] | @tsv' "$TMPD/scored.jsonl" |
	awk -F'\t' -v n="$(wc -l <"$TMPD/scored.jsonl")" -v t="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" '
	{ if ($2 == "pos" || $2 == "neg") { g[$1, $2]++; if ($2 == $3) ok[$1, $2]++ } }
	function bal(l) { return (ok[l, "pos"] / g[l, "pos"] + ok[l, "neg"] / g[l, "neg"]) / 2 }
	END { printf "  %-30s %8.3f %8.3f %10.0f  (whole process, both languages)\n", "avis-score", bal("fr"), bal("en"), n / t }'
if [ -d tests/eval/peers/node_modules ]; then
	node tests/eval/peers/score.js "$FILE" | awk -F'\t' '{ printf "  %-30s %8s %8s %10s  (scoring only, in node)\n", $1, $2, $3, $4 }'
else
	echo "  (peers not installed: make eval-peers installs them into tests/eval/peers)"
fi
