# avis audit DIR: the whole pipeline on real saved pages (tests/data/parse).
A="$BIN/avis"
mkdir -p pages/sub
cp "$TESTS/data/parse/pagesjaunes_fr_restaurant_pro_10avis.html" pages/
cp "$TESTS/data/parse/trustpilot_enUI_fr_burgerking_fr_2024_20reviews.html" pages/sub/
mkdir -p out
"$A" audit pages -o out/audit.html --now 2026-01-15 >summary.txt 2>err; rc=$?
expect_rc "audit: exit 0" $rc 0
# 10 PagesJaunes reviews + 20 Trustpilot reviews (tests/data/parse/*.expected.tsv)
expect_match "audit: summary counts the reviews" "$(cat summary.txt)" '^reviews: +30$'
expect_match "audit: summary gives the findings" "$(cat summary.txt)" '^findings: +[0-9]+ error, [0-9]+ warning, [0-9]+ info$'
expect_match "audit: summary says where the report is" "$(cat summary.txt)" 'report: +out/audit\.html'
expect_eq "audit: records beside the report, one per review + each page's aggregate" \
	"$(jq -r 'if .type == "aggregate" then "agg" else "rev" end' out/audit.jsonl | sort | uniq -c | tr -s ' ' | tr '\n' '|')" \
	" 2 agg| 30 rev|"
expect_eq "audit: every stage ran (norm, sentiment, findings array)" \
	"$(jq -r 'select(.type != "aggregate") | [(.norm != null), (.sentiment != null), (.findings | type)] | @tsv' out/audit.jsonl | sort -u)" \
	"$(printf 'true\ttrue\tarray')"
expect_match "audit: the report is written" "$(head -1 out/audit.html)" '^<!DOCTYPE html>'
expect_match "audit: the report names the practice" "$(cat out/audit.html)" "L&#39;Entracte"
"$A" audit pages -o out/en.html --lang en --pseudonymize=s --now 2026-01-15 >/dev/null 2>&1
expect_match "audit --lang en" "$(cat out/en.html)" '<html lang="en">'
expect_no_match "audit --pseudonymize: names gone from the report" "$(cat out/en.html)" 'wllswbb|NouvelUtilisateur'
mkdir -p empty
"$A" audit empty -o out/e.html >/dev/null 2>err; rc=$?
expect_rc "audit: no page, exit 2" $rc 2
expect_match "audit: no page, said" "$(cat err)" "no reviews found"
"$A" audit nowhere >/dev/null 2>err; rc=$?
expect_rc "audit: missing directory, exit 2" $rc 2
expect_match "audit: missing directory, named" "$(cat err)" "^avis: nowhere: No such file or directory"
"$A" frobnicate pages >/dev/null 2>err; rc=$?
expect_rc "avis: unknown command, exit 2" $rc 2
expect_match "avis: usage on a wrong command" "$(cat err)" '^Usage: avis audit'

# One unreadable page: the report covers the others, and the status says 2.
mkdir -p mixed
cp "$TESTS/data/parse/pagesjaunes_fr_restaurant_pro_10avis.html" mixed/
printf 'MIME-Version: 1.0\nContent-Type: multipart/related; boundary=""\n\n--\n' >mixed/bad.mhtml
"$A" audit mixed -o out/mixed.html --now 2026-01-15 >summary.txt 2>err; rc=$?
expect_rc "audit: a bad page makes exit 2" $rc 2
expect_match "audit: the bad page is named" "$(cat err)" "bad\.mhtml"
expect_match "audit: the report is still written" "$(head -1 out/mixed.html)" '^<!DOCTYPE html>'
expect_match "audit: the summary counts the good page" "$(cat summary.txt)" '^reviews: +10$'
# A later stage failing is blamed, not the parser that lost its pipe.
mkdir -p badrules/lang
AVIS_RULES="$TMP/badrules" "$A" audit pages -o out/b.html >/dev/null 2>err; rc=$?
expect_rc "audit: a failing stage makes exit 2" $rc 2
expect_no_match "audit: the parser is not blamed for a later stage" "$(grep '^avis:' err)" 'avis-parse failed'
