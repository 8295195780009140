#!/usr/bin/env bash
# make check-office: the --excel CSV opened by LibreOffice Calc (headless),
# as a spreadsheet user would: accents intact, and no cell evaluated as a
# formula.  LibreOffice is heavy (hundreds of MB), so CI does not run this;
# run it by hand after `apt-get install libreoffice-calc-nogui`.
set -u
cd "$(dirname "$0")/../.."
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -z "$SOFFICE" ]; then
	echo "check-office: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)" >&2
	exit 2
fi
OUT=build/office
rm -rf "$OUT"
mkdir -p "$OUT"
cat >"$OUT/in.jsonl" <<'EOR'
{"author":"Zoé Lefèvre","rating":4.5,"text":"Très bien, l'accueil « parfait »"}
{"author":"=1+1","rating":1,"text":"=HYPERLINK(\"http://example.invalid\";\"clic\")"}
{"author":"@SUM(1;2)","rating":2,"text":"+33 6 12 34 56 78"}
{"author":"-2+3","rating":3,"text":"ligne 1\nligne 2"}
EOR
bin/avis-fmt -f csv --excel --fields author,rating,text -o "$OUT/avis.csv" "$OUT/in.jsonl" || exit 2
# Read it as Calc does a French CSV (';', '"', UTF-8, French locale 1036 for the
# decimal comma), write it back as
# plain CSV (',', '"', UTF-8): what comes out is what the cells hold.
HOME="$PWD/$OUT" timeout 120 "$SOFFICE" --headless --norestore \
	--infilter="CSV:59,34,76,1,,1036" --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" \
	--outdir "$PWD/$OUT/out" "$PWD/$OUT/avis.csv" >"$OUT/soffice.log" 2>&1
got="$OUT/out/avis.csv"
passed=0 failed=0
check() {
	if python3 - "$got" "$2" "$3" "$4" <<'EOP'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
r, c, want = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sys.exit(0 if len(rows) > r and len(rows[r]) > c and rows[r][c] == want else 1)
EOP
	then passed=$((passed + 1)); else failed=$((failed + 1)); echo "   FAIL $1"; fi
}
if [ ! -s "$got" ]; then
	echo "   FAIL LibreOffice converted the file"; cat "$OUT/soffice.log"
	echo "office: 0 passed, 1 failed"
	exit 1
fi
check "header" 0 0 "author"
check "accents round-trip" 1 0 "Zoé Lefèvre"
check "guillemets and apostrophe" 1 2 "Très bien, l'accueil « parfait »"
check "decimal comma read as a number" 1 1 "4.5"
check "=1+1 not evaluated" 2 0 "'=1+1"
check "HYPERLINK not evaluated" 2 2 "'=HYPERLINK(\"http://example.invalid\";\"clic\")"
check "@ not evaluated" 3 0 "'@SUM(1;2)"
check "+ not evaluated" 3 2 "'+33 6 12 34 56 78"
check "- not evaluated" 4 0 "'-2+3"
check "line break kept in the cell" 4 2 "$(printf 'ligne 1\nligne 2')"
echo "office: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
