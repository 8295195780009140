# avis-fmt: csv, tsv, json, table, lint, --fields.
F="$BIN/avis-fmt"

cat >recs.jsonl <<'EOR'
{"id":"r1","file":"pages/a.html","author":"Zoé, \"la\" patiente","rating":2,"date":"2025-09-14","text":"Attente\ninterminable","reply":{"text":"Merci"},"sentiment":{"score":-0.62},"flags":["translated","truncated"],"findings":[{"rule":"secret.confirms-patient","level":"error","message":"La réponse confirme"},{"rule":"timing.hot-reply","level":"warning","message":"Réponse à chaud"}]}
{"id":"r2","author":"=HYPERLINK(\"http://x\")","rating":5,"text":"+33 6 00 00 00 00","extra":[{"a":1}]}
{"id":"r3","author":"@SUM(A1)","rating":4.5,"text":"-mauvais\ttab"}
EOR

# --- csv ---------------------------------------------------------------------
"$F" -f csv --fields id,author,rating,text,reply.text,sentiment.score,flags,missing recs.jsonl >out.csv; rc=$?
expect_rc "csv exits 0" $rc 0
expected=$(cat <<'EOX'
id,author,rating,text,reply.text,sentiment.score,flags,missing
r1,"Zoé, ""la"" patiente",2,"Attente
interminable",Merci,-0.62,"translated, truncated",
r2,"'=HYPERLINK(""http://x"")",5,"'+33 6 00 00 00 00",,,,
r3,"'@SUM(A1)",4.5,"'-mauvais	tab",,,,
EOX
)
expect_eq "csv: RFC 4180 quoting, dotted fields, formula guard, numbers as is" "$(cat out.csv)" "$expected"
expect_eq "csv: LF line ends" "$(grep -c $'\r' out.csv)" 0
got=$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); print(len(r), r[1][3].replace("\n","|"), r[2][1])' out.csv)
expect_eq "csv: a CSV reader sees the same cells" "$got" "4 Attente|interminable '=HYPERLINK(\"http://x\")"

"$F" -f csv --excel --fields author,sentiment.score,rating recs.jsonl >excel.csv
expect_eq "excel: UTF-8 BOM first" "$(head -c 3 excel.csv | od -An -tx1 | tr -d ' ')" "efbbbf"
expect_eq "excel: CRLF line ends" "$(grep -c $'\r$' excel.csv)" 4
expected=$(cat <<'EOX'
author;sentiment.score;rating
"Zoé, ""la"" patiente";-0,62;2
"'=HYPERLINK(""http://x"")";;5
"'@SUM(A1)";;4,5
EOX
)
expect_eq "excel: ';' separator, decimal comma, formula guard" "$(tail -c +4 excel.csv | tr -d '\r')" "$expected"
"$F" -f tsv --excel recs.jsonl >/dev/null 2>err; rc=$?
expect_rc "--excel needs csv" $rc 2

# --- tsv ---------------------------------------------------------------------
"$F" -f tsv --fields id,text,author recs.jsonl >out.tsv
expect_eq "tsv: escapes tab, newline, backslash; formula guard" "$(cat out.tsv)" "id	text	author
r1	Attente\\ninterminable	Zoé, \"la\" patiente
r2	'+33 6 00 00 00 00	'=HYPERLINK(\"http://x\")
r3	'-mauvais\\ttab	'@SUM(A1)"

# --- json --------------------------------------------------------------------
expect_eq "json: the same values jq reads" "$("$F" -f json recs.jsonl | jq -c .)" "$(jq -c . recs.jsonl)"
expect_match "json: pretty (indented)" "$("$F" -f json recs.jsonl | head -2)" '^\{
  "id": "r1",$'
expect_eq "json --fields: only those, keyed by path" "$("$F" -f json --fields id,reply.text recs.jsonl | jq -c .)" \
	'{"id":"r1","reply.text":"Merci"}
{"id":"r2","reply.text":null}
{"id":"r3","reply.text":null}'

# --- lint --------------------------------------------------------------------
printf '%s\n' '{"text":"x","findings":[{"rule":"abuse.insult","level":"info","message":"Insulte\nmulti"}]}' >nofile.jsonl
expect_eq "lint: file:id: level rule: message, one per finding" "$("$F" -f lint recs.jsonl nofile.jsonl)" \
"pages/a.html:r1: error secret.confirms-patient: La réponse confirme
pages/a.html:r1: warning timing.hot-reply: Réponse à chaud
nofile.jsonl:1: info abuse.insult: Insulte multi"

# --- table -------------------------------------------------------------------
"$F" -w 40 --fields id,author,text recs.jsonl >table.txt
widths=$(max_width table.txt)
[ "$widths" -le 40 ] && pass "table: fits the width" || fail "table: fits the width" "widest line $widths > 40"
expect_match "table: header first" "$(head -1 table.txt)" '^id +author +text'
expect_match "table: cut cells end with …" "$(cat table.txt)" '…'
expect_eq "table: one line per record" "$(wc -l <table.txt | tr -d ' ')" 4
"$F" -w 0 --fields id,text recs.jsonl >wide.txt
expect_match "table: width 0 does not cut" "$(cat wide.txt)" 'Attente interminable'
expect_eq "table: columns aligned" "$(cut -c1-4 wide.txt | tr '\n' '|')" "id  |r1  |r2  |r3  |"
printf '%s\n' '{"author":"李小龍","text":"x"}' '{"author":"Al","text":"y"}' >wide-chars.jsonl
expect_eq "table: wide characters take two columns" "$("$F" -w 0 --fields author,text wide-chars.jsonl | sed -n 3p)" "Al      y"

# Colour: only on a terminal, never with NO_COLOR.
"$F" recs.jsonl >plain.txt
expect_no_match "no colour into a pipe" "$(cat plain.txt)" $'\033'
"$F" --color=always recs.jsonl >always.txt
expect_match "--color=always colours" "$(cat always.txt)" $'\033\\[31m2'
NO_COLOR=1 "$F" --color=always recs.jsonl >nocolor.txt
expect_no_match "NO_COLOR wins" "$(cat nocolor.txt)" $'\033'
if script -qec "true" /dev/null >/dev/null 2>&1; then
	script -qec "$F $TMP/recs.jsonl" /dev/null </dev/null >tty.txt 2>&1
	expect_match "colour on a terminal" "$(cat tty.txt)" $'\033\\['
	NO_COLOR=1 script -qec "$F $TMP/recs.jsonl" /dev/null </dev/null >tty2.txt 2>&1
	expect_no_match "NO_COLOR on a terminal" "$(cat tty2.txt)" $'\033\\['
	COLUMNS=30 script -qec "stty cols 30; $F $TMP/recs.jsonl" /dev/null </dev/null >tty3.txt 2>&1
	expect_eq "terminal width respected" "$(max_width tty3.txt)" 30
fi

# --- errors ------------------------------------------------------------------
"$F" -f yaml recs.jsonl >/dev/null 2>err; rc=$?
expect_rc "unknown format exits 2" $rc 2
expect_match "unknown format named" "$(cat err)" "unknown format 'yaml'"
"$F" --fields 'a,,b' recs.jsonl >/dev/null 2>err; rc=$?
expect_rc "empty field path exits 2" $rc 2
"$F" --fields 'reply..text' recs.jsonl >/dev/null 2>err; rc=$?
expect_match "bad field path named" "$(cat err)" "bad field path 'reply..text'"
"$F" -w abc recs.jsonl >/dev/null 2>err; rc=$?
expect_rc "bad width exits 2" $rc 2
"$F" -f csv empty-input.jsonl >/dev/null 2>&1; rc=$?
expect_rc "csv on a missing file exits 2" $rc 2
: >empty.jsonl
expect_eq "csv with no record still has its header" "$("$F" -f csv --fields a,b empty.jsonl)" "a,b"

# Invalid UTF-8 is repaired only by avis-norm; here it is a bad record.
printf '{"id":"x","text":"caf\xe9"}\n{"id":"y"}\n' >inv.jsonl
"$F" -f json inv.jsonl >out 2>err; rc=$?
expect_rc "invalid UTF-8 record: exit 2" $rc 2
expect_eq "invalid UTF-8 record reported with its place" "$(cat err)" \
	"avis-fmt: inv.jsonl:1: invalid record: invalid UTF-8 at byte 22 (avis-norm repairs it)"
expect_eq "the next record still comes out" "$(jq -r .id out)" y

# Terminal escapes in records never reach the terminal.
printf '{"author":"a\\u001b]0;owned\\u0007","text":"x\\u001b[2J y","findings":[{"rule":"r","level":"info","message":"m\\u001b[2J"}]}\n' >esc.jsonl
expect_no_match "table: no control characters from records" "$("$F" --color=never esc.jsonl)" $'[\001-\010\016-\037\033]'
expect_no_match "lint: no control characters from records" "$("$F" -f lint esc.jsonl)" $'[\001-\010\016-\037\033]'
