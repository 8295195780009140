#!/usr/bin/env bash
# make bench: throughput and peak memory of each filter on generated
# records, against two baselines measured in the same run: a no-op Jansson
# read-write (tests/bench/noop.c) and `jq -c .`.
# Usage: tests/bench/run.sh [N]   (N records for the large run; default 1M)
set -eu
cd "$(dirname "$0")/../.."
N=${1:-1000000}
SMALL=$((N / 10))
OUT=build/bench
mkdir -p "$OUT"
CFLAGS="-std=c11 -O2 -Wall -Wextra -Wpedantic -Werror"
cc $CFLAGS -o "$OUT/gen" tests/bench/gen.c
cc $CFLAGS -o "$OUT/rss" tests/bench/rss.c
cc $CFLAGS $(pkg-config --cflags jansson) -o "$OUT/noop" tests/bench/noop.c $(pkg-config --libs jansson)

"$OUT/gen" -s 42 -n "$N" >"$OUT/big.jsonl"
head -n "$SMALL" "$OUT/big.jsonl" >"$OUT/small.jsonl"
bin/avis-norm "$OUT/small.jsonl" >"$OUT/small-norm.jsonl"
bytes_big=$(stat -c %s "$OUT/big.jsonl")
echo "input: $N generated records, $((bytes_big / 1000000)) MB (seed 42); small run: $SMALL records"
echo

REPEAT=${BENCH_REPEAT:-3}
# measure INPUT CMD...: prints "wall_s rss_kb", the best wall time of
# REPEAT runs (the machine is shared: the minimum is the least disturbed)
# and the largest peak RSS.
measure() {
	local input=$1; shift
	local best="" rss=0 i line t r
	for i in $(seq "$REPEAT"); do
		"$OUT/rss" "$@" <"$input" >/dev/null 2>"$OUT/rss.err" || { cat "$OUT/rss.err" >&2; return 1; }
		line=$(sed -n 's/.*max_rss_kb=\([0-9]*\) wall_s=\([0-9.]*\).*/\2 \1/p' "$OUT/rss.err" | tail -1)
		t=${line% *}; r=${line#* }
		best=$(awk -v a="${best:-$t}" -v b="$t" 'BEGIN { print (b < a ? b : a) }')
		[ "$r" -gt "$rss" ] && rss=$r
	done
	echo "$best $rss"
}

printf '%-28s %10s %9s %8s %10s %10s %8s\n' program "records/s" "MB/s" "x noop" "RSS small" "RSS big" "growth"
row() {
	local name=$1; shift
	local s b
	s=$(measure "$OUT/small.jsonl" "$@")
	b=$(measure "$OUT/big.jsonl" "$@")
	set -- $s $b
	local t=$3 rss_s=$2 rss_b=$4
	local rps mbs ratio growth
	rps=$(awk -v n="$N" -v t="$t" 'BEGIN { printf "%.0f", n / t }')
	mbs=$(awk -v b="$bytes_big" -v t="$t" 'BEGIN { printf "%.1f", b / 1e6 / t }')
	ratio=$(awk -v t="$t" -v base="${NOOP_T:-$t}" 'BEGIN { printf "%.2f", t / base }')
	growth=$(awk -v a="$rss_s" -v b="$rss_b" 'BEGIN { printf "%.2f", b / a }')
	printf '%-28s %10s %9s %8s %8s kB %7s kB %8s\n' "$name" "$rps" "$mbs" "$ratio" "$rss_s" "$rss_b" "$growth"
	LAST_T=$t
}

row "noop (Jansson read-write)" "$OUT/noop"
NOOP_T=$LAST_T
row "jq -c ." jq -c .
row "avis-norm" bin/avis-norm
row "avis-norm --dedupe" bin/avis-norm --dedupe -q
row "avis-fmt -f csv" bin/avis-fmt -f csv
row "avis-fmt -f table -w 120" bin/avis-fmt -f table -w 120
row "avis-fmt -f json" bin/avis-fmt -f json
row "avis-fmt -f html (report)" bin/avis-fmt -f html --now 2026-01-01
row "avis-stats -f json" bin/avis-stats -f json --now 2026-01-01
row "avis-score (folds the text)" bin/avis-score -q
row "avis-check (fr pack)" bin/avis-check --fail-on never -q
row "avis-check --models" bin/avis-check --fail-on never -q --models
# avis-score as in the pipeline, on what avis-norm writes (norm present:
# no folding to do), against the no-op round trip of that same file.
bin/avis-norm -q "$OUT/big.jsonl" >"$OUT/big-norm.jsonl"
norm_row() {
	local name=$1; shift
	local m t rss rps mbs bytes ratio input=${ROW_INPUT:-$OUT/big-norm.jsonl}
	m=$(measure "$input" "$@")
	t=${m% *}; rss=${m#* }
	bytes=$(stat -c %s "$input")
	rps=$(awk -v n="$N" -v t="$t" 'BEGIN { printf "%.0f", n / t }')
	mbs=$(awk -v b="$bytes" -v t="$t" 'BEGIN { printf "%.1f", b / 1e6 / t }')
	ratio=$(awk -v t="$t" -v base="${NORM_NOOP_T:-$t}" 'BEGIN { printf "%.2f", t / base }')
	printf '%-28s %10s %9s %8s %11s %7s kB %8s\n' "$name" "$rps" "$mbs" "$ratio" "-" "$rss" "-"
	NORM_LAST_T=$t
}
norm_row "noop, normalised input" "$OUT/noop"
NORM_NOOP_T=$NORM_LAST_T
norm_row "avis-score, normalised input" bin/avis-score -q
# avis-check as in the pipeline, on what avis-score writes (norm,
# sentiment and aspects: longer records), against that file's no-op.
bin/avis-score -q "$OUT/big-norm.jsonl" >"$OUT/big-scored.jsonl"
unset NORM_NOOP_T
ROW_INPUT=$OUT/big-scored.jsonl norm_row "noop, scored input" "$OUT/noop"
NORM_NOOP_T=$NORM_LAST_T
ROW_INPUT=$OUT/big-scored.jsonl norm_row "avis-check, scored input" bin/avis-check --fail-on never -q
rm -f "$OUT/big-norm.jsonl" "$OUT/big-scored.jsonl"
# avis-check on the written cases of make eval (tests/eval, French pack):
# every case has a reply, and each is dense with what the rules look for,
# so more patterns pass the prefilter and run than on the generated
# records: the hard case, not the usual stream.  Cycled to N records,
# against that file's no-op.
ls tests/eval/*.jsonl | grep -v '\.second\.jsonl$' | xargs jq -c 'select((.pack // "fr") == "fr" and .review != null)
	| {id, rating, date, text: .review, reply: (if .reply then {text: .reply, date: .reply_date} else null end)}' \
	>"$OUT/cases.jsonl"
awk -v n="$N" '{ l[NR] = $0 } END { for (i = 0; i < n; i++) print l[i % NR + 1] }' "$OUT/cases.jsonl" >"$OUT/big-cases.jsonl"
unset NORM_NOOP_T
ROW_INPUT=$OUT/big-cases.jsonl norm_row "noop, eval cases" "$OUT/noop"
NORM_NOOP_T=$NORM_LAST_T
ROW_INPUT=$OUT/big-cases.jsonl norm_row "avis-check, eval cases" bin/avis-check --fail-on never -q --now 2025-06-01
rm -f "$OUT/cases.jsonl" "$OUT/big-cases.jsonl"
# Node peers of avis-score (make eval-peers installs them), whole process
# like avis-score.  They are slow, so they run on PEER_N records (default
# 20000; records/s is per record all the same), once.
peer_row() {
	local name=$1; shift
	local m t rss rps mbs bytes
	m=$(REPEAT=1 measure "$OUT/peer.jsonl" "$@")
	t=${m% *}; rss=${m#* }
	bytes=$(stat -c %s "$OUT/peer.jsonl")
	rps=$(awk -v n="$PEER_N" -v t="$t" 'BEGIN { printf "%.0f", n / t }')
	mbs=$(awk -v b="$bytes" -v t="$t" 'BEGIN { printf "%.1f", b / 1e6 / t }')
	printf '%-28s %10s %9s %8s %8s kB %10s %8s\n' "$name" "$rps" "$mbs" "-" "$rss" "-" "-"
}
if [ -d tests/eval/peers/node_modules ] && command -v node >/dev/null; then
	PEER_N=${PEER_N:-20000}
	head -n "$PEER_N" "$OUT/big.jsonl" >"$OUT/peer.jsonl"
	peer_row "node @nlpjs/sentiment (fr)" node tests/eval/peers/filter.js nlpjs
	peer_row "node vader-sentiment (en)" node tests/eval/peers/filter.js vader
fi
echo
echo "times: best of $REPEAT runs (BENCH_REPEAT)."
echo "x noop: wall time relative to the no-op Jansson round trip on the same input"
echo "(for the normalised, scored input and eval cases rows: the no-op round trip of that file)."
echo "growth: peak RSS at $N records / at $SMALL records (flat = about 1; --dedupe"
echo "remembers 16 bytes per distinct record by design)."
echo "avis-check remembers 16 bytes per distinct author and subject (author_seen)."
rm -f "$OUT/big.jsonl"

# ---- avis-parse: saved HTML pages ---------------------------------------------------
# The real pages of tests/data/parse, named again and again on one command
# line until the input reaches BENCH_PARSE_MB (default 200) MB, against two
# baselines on the same files: xmllint (libxml2's parse alone: the floor
# for this design) and a BeautifulSoup + lxml script doing the same
# extraction (tests/bench/peers/parse_bs4.py; run on a tenth of the
# repetitions, it is slow; MB/s compare all the same).
echo
PAGES=(tests/data/parse/*.html)
page_bytes=$(cat "${PAGES[@]}" | wc -c)
PARSE_MB=${BENCH_PARSE_MB:-200}
reps=$(((PARSE_MB * 1000000 + page_bytes - 1) / page_bytes))
peer_reps=$(((reps + 9) / 10))
ARGS=() PEER_ARGS=()
for i in $(seq "$reps"); do ARGS+=("${PAGES[@]}"); done
for i in $(seq "$peer_reps"); do PEER_ARGS+=("${PAGES[@]}"); done
largest=$(ls -S "${PAGES[@]}" | head -1)
echo "avis-parse input: ${#PAGES[@]} saved pages ($((page_bytes / 1000)) kB) x $reps = $((page_bytes * reps / 1000000)) MB"
printf '%-34s %9s %10s %12s %12s\n' program "MB/s" "x floor" "RSS 1 page" "RSS all"
parse_row() {   # NAME REPS CMD... : the files are appended by the caller
	local name=$1 n=$2; shift 2
	local m t rss
	m=$(measure /dev/null "$@")
	t=${m% *}; rss=${m#* }
	local mbs ratio
	mbs=$(awk -v b="$page_bytes" -v n="$n" -v t="$t" 'BEGIN { printf "%.1f", b * n / 1e6 / t }')
	ratio=$(awk -v m="$mbs" -v f="${FLOOR_MBS:-$mbs}" 'BEGIN { printf "%.2f", f / m }')
	printf '%-34s %9s %10s %9s kB %9s kB\n' "$name" "$mbs" "$ratio" "${RSS_ONE:--}" "$rss"
	LAST_MBS=$mbs
}
RSS_ONE=$(measure /dev/null sh -c 'xmllint --html --noout --nonet "$1" 2>/dev/null; exit 0' sh "$largest" | cut -d' ' -f2)
parse_row "xmllint --html --noout --nonet" "$reps" sh -c 'xmllint --html --noout --nonet "$@" 2>/dev/null; exit 0' sh "${ARGS[@]}"
FLOOR_MBS=$LAST_MBS
RSS_ONE=$(measure /dev/null bin/avis-parse -q --now 2025-11-14 "$largest" | cut -d' ' -f2)
parse_row "avis-parse" "$reps" bin/avis-parse -q --now 2025-11-14 "${ARGS[@]}"
PARSE_MBS=$LAST_MBS
RSS_ONE=$(measure /dev/null /usr/bin/python3 tests/bench/peers/parse_bs4.py "$largest" | cut -d' ' -f2)
REPEAT=1 parse_row "BeautifulSoup + lxml (peer)" "$peer_reps" /usr/bin/python3 tests/bench/peers/parse_bs4.py "${PEER_ARGS[@]}"
echo
echo "x floor: time per MB relative to xmllint (target: at most 1.5)."
awk -v a="$PARSE_MBS" -v b="$LAST_MBS" 'BEGIN { printf "avis-parse vs BeautifulSoup + lxml: %.1fx faster (target: at least 5)\n", a / b }'
echo "RSS 1 page: the largest page ($(basename "$largest")) alone; RSS all: the whole run"
echo "(flat = memory bounded by the largest page, not by the input)."
