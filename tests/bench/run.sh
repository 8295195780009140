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
echo
echo "times: best of $REPEAT runs (BENCH_REPEAT)."
echo "x noop: wall time relative to the no-op Jansson round trip on the same input."
echo "growth: peak RSS at $N records / at $SMALL records (flat = about 1; --dedupe"
echo "remembers 16 bytes per distinct record by design)."
rm -f "$OUT/big.jsonl"
