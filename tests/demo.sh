#!/usr/bin/env bash
# make demo: `avis audit` on real saved review pages bundled with the tests
# (tests/data/parse: copies of pages from public repositories, with their
# source and rights notes in tests/data/parse/SOURCES.md).
set -eu
cd "$(dirname "$0")/.."
OUT=build/demo
rm -rf "$OUT"
mkdir -p "$OUT/pages"
for page in pagesjaunes_fr_restaurant_pro_10avis trustpilot_enUI_fr_burgerking_fr_2024_20reviews \
	    wordpress_fr_cuisinezpourbebe_comments_dieteticienne_replies gmaps_en_cy_restaurant_place_panel \
	    trustpilot_en_beautytheshop_2025_business_replies; do
	ln -s "$PWD/tests/data/parse/$page.html" "$OUT/pages/$page.html"
done
echo "== avis audit $OUT/pages  (pages: tests/data/parse, see SOURCES.md there)"
bin/avis audit "$OUT/pages" -o "$OUT/audit.html"
echo
echo "Open $OUT/audit.html in a browser; other views of the same records:"
echo "  bin/avis-fmt $OUT/audit.jsonl"
echo "  bin/avis-stats $OUT/audit.jsonl"
echo "  bin/avis-fmt -f csv --excel $OUT/audit.jsonl > avis.csv"
