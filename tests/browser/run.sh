#!/usr/bin/env bash
# make check-browser: the HTML report as a person sees it, in headless
# Chromium: a screenshot (examples/report.png, shown in the README), the
# DOM after load checked for every section, and an injection fixture
# proving that no script or handler from a review runs (the payloads would
# set document.title to PWNED).  A control page with a real script shows
# that the check would see it if one ran.
set -u
cd "$(dirname "$0")/../.."
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
	echo "check-browser: chromium is not installed (apt-get install chromium)" >&2
	exit 2
fi
OUT=build/browser
mkdir -p "$OUT"
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
FLAGS=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	--disable-background-networking --disable-component-update --disable-sync
	--user-data-dir="$PROFILE")
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "   FAIL $1"; }
check() { if grep -Eq -- "$2" "$3"; then ok; else ko "$1"; fi; }
check_not() { if grep -Eq -- "$2" "$3"; then ko "$1"; else ok; fi; }

dom() { timeout 60 "$CHROME" "${FLAGS[@]}" --virtual-time-budget=2000 --dump-dom "file://$PWD/$1" 2>/dev/null; }

bin/avis-fmt -f html --now 2025-10-01 tests/data/report/audit.jsonl >"$OUT/report.html" || exit 2
dom "$OUT/report.html" >"$OUT/report.dom.html"
check "the page loads" '<h1>Audit des avis en ligne</h1>' "$OUT/report.dom.html"
for id in notes mois sentiment reponses constats signalables attente methode; do
	check "section $id in the DOM" "<section id=\"$id\">" "$OUT/report.dom.html"
done
check "charts in the DOM" '<svg class="chart"' "$OUT/report.dom.html"
check "title untouched: no injected script ran" '<title>Audit des avis en ligne</title>' "$OUT/report.dom.html"
check_not "no PWNED title" '<title>[^<]*PWNED' "$OUT/report.dom.html"
check_not "no script element" '<script' "$OUT/report.dom.html"
check_not "no img element" '<img' "$OUT/report.dom.html"
check "the payload is shown as text" "&lt;script&gt;document.title='PWNED'" "$OUT/report.dom.html"

# Control: the same check sees a script that does run.
printf '<!DOCTYPE html><html><head><title>clean</title></head><body><script>document.title="PWNED"</script></body></html>\n' >"$OUT/control.html"
dom "$OUT/control.html" >"$OUT/control.dom.html"
check "control: a real script is seen running" '<title>PWNED</title>' "$OUT/control.dom.html"

# The screenshot for the README, and proof that it is a picture.
rm -f "$OUT/report.png"
timeout 60 "$CHROME" "${FLAGS[@]}" --hide-scrollbars --window-size=1100,1800 \
	--screenshot="$PWD/$OUT/report.png" "file://$PWD/$OUT/report.html" >/dev/null 2>&1
if [ -s "$OUT/report.png" ] && head -c 8 "$OUT/report.png" | od -An -c | grep -q 'P   N   G'; then
	ok
	cp "$OUT/report.png" examples/report.png
else
	ko "screenshot taken"
fi
echo "browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
