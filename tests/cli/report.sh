# avis-fmt -f html: the audit report, checked as text (tests/browser checks
# it in Chromium).  Fixture: tests/data/report/audit.jsonl, written for
# the test, with one record full of injection attempts (r06).
F="$BIN/avis-fmt"
A="$TESTS/data/report/audit.jsonl"

"$F" -f html --now 2025-10-01 "$A" >report.html 2>err; rc=$?
expect_rc "report: exit 0" $rc 0
html=$(cat report.html)
expect_match "report: a whole HTML document" "$(head -1 report.html)" '^<!DOCTYPE html>$'
expect_match "report: French by default" "$html" '<html lang="fr">'
for id in notes mois sentiment reponses constats signalables attente methode; do
	expect_match "report: section $id" "$html" "<section id=\"$id\">"
done
expect_match "report: audit date in French" "$html" "Audit du 1 octobre 2025"
expect_match "report: practice named" "$html" 'id="subject">Cabinet dentaire du Parc<'
# 6 reviews (the aggregate is not one); mean (1+5+2+1+4+1)/6 = 2.3; page shows 4.3 (87)
expect_match "report: review count" "$html" 'Avis</span><span class="kpi-value">6<'
expect_match "report: mean rating, decimal comma" "$html" 'Note moyenne</span><span class="kpi-value">2,3 / 5'
expect_match "report: page's own rating beside it" "$html" '4,3 / 5 <small>\(87\)'
expect_match "report: offending passage highlighted" "$html" 'Madame, <mark>lors de votre consultation</mark> du 12'
expect_match "report: passage found by its match" "$html" 'à <mark>prix promotionnel</mark>'
expect_match "report: reference cited" "$html" 'CSP R4127-4 ; C. pén. 226-13'
expect_match "report: errors before warnings" "$(grep -o '<h3><code>[^<]*' report.html | head -1)" 'pub.promotion|secret.confirms-patient'
expect_match "report: reportable review listed with its reason" "$html" "L&#39;avis contient des injures"
# waiting: r03 (2025-07-10), r04 (2025-06-01), r06 (2025-04-02): oldest first
order=$(sed -n '/<section id="attente">/,/<\/section>/p' report.html | grep -o '<td>[0-9][0-9]/[0-9][0-9]/2025' | tr '\n' ' ')
expect_eq "report: awaiting reply, oldest first, French dates" "$order" "<td>02/04/2025 <td>01/06/2025 <td>10/07/2025 "
expect_match "report: SVG charts inline" "$html" '<svg class="chart"'
expect_no_match "report: nothing fetched" "$html" '(src|href)="?(https?:)?//'
expect_match "report: print CSS, A4" "$html" '@page\{size:A4'

# Injection through a field the report reformats (a date that only looks
# like one).
printf '%s\n' '{"id":"d","author":"x onmouseover=alert(1)","rating":1,"date":"<a h-xx-xx","text":"t","findings":[{"rule":"abuse.insult","level":"warning","target":"review","message":"m"}]}' \
	'{"id":"e","rating":1,"date":"<!--------","text":"u"}' >dates.jsonl
"$F" -f html --now 2025-10-01 dates.jsonl >dates.html
expect_no_match "report: a fake date opens no tag" "$(cat dates.html)" '<a h|<!--'
expect_match "report: a fake date is shown escaped" "$(cat dates.html)" '&lt;a h-xx-xx'
expect_match "report: every section after a fake date" "$(cat dates.html)" '<section id="methode">'

# Injection: whatever a review holds is text.
expect_no_match "report: no script element from data" "$html" '<script'
expect_no_match "report: no img element from data" "$html" '<img'
expect_no_match "report: no style element from data" "$(sed -n '/<\/head>/,$p' report.html)" '<style'
expect_no_match "report: no javascript: link" "$html" 'href="javascript'
expect_match "report: the payload shown escaped" "$html" '&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;'
expect_match "report: only known level classes" "$html" 'class="level info">&lt;script'

"$F" -f html --lang en --now 2025-10-01 "$A" >en.html
expect_match "report --lang en" "$(cat en.html)" '<html lang="en">'
expect_match "report --lang en: dates" "$(cat en.html)" 'Audit of October 1, 2025'
expect_match "report --lang en: decimal point" "$(cat en.html)" 'Mean rating</span><span class="kpi-value">2.3 / 5'

"$F" -f html --pseudonymize=sel --now 2025-10-01 "$A" >pseudo.html
expect_no_match "report --pseudonymize: names gone" "$(cat pseudo.html)" 'Marie L\.|Paul D\.|Jean-Pierre'
expect_match "report --pseudonymize: pseudonyms" "$(cat pseudo.html)" 'anon-[0-9a-f]{8}'
expect_match "report --pseudonymize: practitioner kept" "$(cat pseudo.html)" 'Cabinet dentaire du Parc'

"$F" -f html --lang de "$A" >/dev/null 2>err; rc=$?
expect_rc "report: unknown language exits 2" $rc 2
: >empty.jsonl
"$F" -f html --now 2025-10-01 empty.jsonl >empty.html; rc=$?
expect_rc "report on no record: exit 0" $rc 0
expect_match "report on no record: says there is nothing" "$(cat empty.html)" 'Aucun constat\.'

# Bounded: 3000 reviews of one rule show 5 passages and a count.
for i in $(seq 3000); do
	printf '{"id":"b%d","rating":1,"date":"2025-01-01","text":"Escroc numero %d","findings":[{"rule":"abuse.insult","level":"warning","target":"review","match":"Escroc","message":"Injure"}]}\n' "$i" "$i"
done >many.jsonl
"$F" -f html --now 2025-10-01 many.jsonl >many.html
expect_eq "report: 5 passages per rule" "$(sed -n '/<section id="constats">/,/<\/section>/p' many.html | grep -c '<blockquote>')" 5
expect_match "report: the others counted" "$(cat many.html)" 'et 2995 autres cas'
size=$(wc -c <many.html)
[ "$size" -lt 100000 ] && pass "report: size stays small ($size bytes for 3000 reviews)" || fail "report: size stays small" "$size bytes"
