# avis-check: the rule engine, its options, and the shipped packs.
C="$BIN/avis-check"
D="$TESTS/data/check"

# --- the shipped packs: every example, and lint ------------------------------
for pack in fr us-hipaa; do
	[ -d "$TESTS/../rules/$pack" ] || continue
	"$C" --rules "$TESTS/../rules/$pack" --self-test >out 2>err; rc=$?
	expect_rc "pack $pack: every example+ fires and no example- does" $rc 0
	[ $rc -eq 0 ] || cat err | head -20
	expect_match "pack $pack: self-test summary" "$(cat err)" 'self-test: [0-9]+ rules, [0-9]+ examples, 0 failed'
	"$C" --rules "$TESTS/../rules/$pack" --lint >out 2>err; rc=$?
	expect_rc "pack $pack: lint clean" $rc 0
	[ $rc -eq 0 ] || cat err | head -20
	no_sanitizer_report "pack $pack: no sanitizer report" err
	"$C" --rules "$TESTS/../rules/$pack" --models --self-test >out 2>err; rc=$?
	expect_rc "pack $pack: the examples hold with --models too" $rc 0
	[ $rc -eq 0 ] || cat err | head -20
done
expect_eq "the fr pack keeps the 51 catalogue ids" \
	"$("$C" --rules "$TESTS/../rules/fr" --list --profile strict-2025 --skip 'reply.exists' | cut -f1 | grep -vc -- '-missing$')" 51

# --- findings: span in the original text, match, message, ref ------------
printf '%s\n' '{"id":"x","zeta":1,"rating":2,"date":"2025-03-10","text":"Déçue.","reply":{"text":"Bonjour. Lors de votre Consultation, tout était normal.","date":"2025-03-14"}}' >one.jsonl
out=$("$C" --only 'secret.confirms-patient' one.jsonl); rc=$?
expect_rc "an error finding exits 1 (default --fail-on warning)" $rc 1
expect_eq "fields kept in order, findings appended" "$(printf '%s' "$out" | jq -c 'keys_unsorted')" \
	'["id","zeta","rating","date","text","reply","findings"]'
expect_eq "span counts characters of the original reply, match is the original text" \
	"$(printf '%s' "$out" | jq -c '.findings[0] | [.rule,.level,.target,.span,.match]')" \
	'["secret.confirms-patient","error","reply",[9,35],"Lors de votre Consultation"]'
expect_eq "span indexes the original string" \
	"$(printf '%s' "$out" | jq -r '.reply.text[.findings[0].span[0]:.findings[0].span[1]]')" "Lors de votre Consultation"
expect_match "ref carried" "$(printf '%s' "$out" | jq -r '.findings[0].ref')" 'R4127-4'

# accents and case folded: a pattern written without accents matches accented text
printf '%s\n' '{"text":"x","reply":{"text":"Vous ÉTIEZ très angoissée, ce qui est compréhensible."}}' >acc.jsonl
expect_eq "accent- and case-insensitive match, span on the original" \
	"$("$C" --only secret.health-state acc.jsonl | jq -c '.findings[0] | [.span,.match]')" \
	'[[0,25],"Vous ÉTIEZ très angoissée"]'

# --- options ----------------------------------------------------------------
"$C" --rules "$D/watch.rules" --now 2025-05-10 "$D/stream.jsonl" >out 2>err; rc=$?
expect_rc "a warning finding exits 1 (default --fail-on warning)" $rc 1
expect_eq "watch rule on the practitioner's name: per record" \
	"$(jq -c '[.id, [.findings[].rule]]' out | tr '\n' ' ')" \
	'["r1",["watch.own-name"]] ["r2",["watch.own-name","watch.bad-mood"]] ["r3",[]] '
expect_eq "watch rule span" "$(jq -c 'select(.id=="r2") | .findings[0] | [.span,.match]' out)" '[[13,27],"Docteur MARTIN"]'
expect_match "a rule that needs sentiment is skipped with a message when absent" "$(cat err)" \
	'watch.bad-mood needs `sentiment` \(run avis-score first\)'
expect_eq "the message is given once" "$(grep -c 'needs `sentiment`' err)" 1
# conditions are read per record, though fields and rules are resolved once
# (several rules read rating, age_days and reply.delay_hours; one reads another)
expect_eq "conditions: each record's own fields, derived fields and fired rules" \
	"$("$C" --rules "$D/fields.rules" --now 2025-05-10 --fail-on never "$D/fields.jsonl" |
	   jq -c '[.id, [.findings[].rule]]' | tr '\n' ' ')" \
	'["a",["t.low","t.hot","t.low-again"]] ["b",[]] ["c",["t.low","t.low-again"]] ["d",["t.hot"]] ["e",[]] ["f",[]] '
"$C" --rules "$D/watch.rules" --only 'watch.own-*' "$D/stream.jsonl" >out; rc=$?
expect_rc "--only: info findings only, exit 0" $rc 0
expect_eq "--only keeps matching ids" "$(jq -r '.findings[].rule' out | sort -u)" "watch.own-name"
"$C" --rules "$D/watch.rules" --skip 'watch.own-*' -q "$D/stream.jsonl" >out
expect_eq "--skip drops matching ids" "$(jq -r '.findings[].rule' out | sort -u)" "watch.bad-mood"
"$C" --rules "$D/watch.rules" --level warning -q "$D/stream.jsonl" >out
expect_eq "--level hides lower levels" "$(jq -r '.findings[].rule' out | sort -u)" "watch.bad-mood"
"$C" --rules "$D/watch.rules" --fail-on error -q "$D/stream.jsonl" >/dev/null; rc=$?
expect_rc "--fail-on error: warnings do not fail" $rc 0
"$C" --rules "$D/watch.rules" --fail-on info -q "$D/stream.jsonl" >/dev/null; rc=$?
expect_rc "--fail-on info: info findings fail" $rc 1
expect_eq "--list: id, level, target, message" "$("$C" --rules "$D/watch.rules" --list | head -1)" \
	"$(printf 'watch.own-name\tinfo\treview\tL'"'"'avis nomme le Dr Martin.')"
out=$("$C" --rules "$D/watch.rules" --explain watch.bad-mood)
expect_match "--explain shows the condition" "$out" 'when +sentiment.score <= -0.5'
expect_match "--explain shows the examples" "$out" 'example- +\{"text":"Bien"'
"$C" --rules "$D/watch.rules" --explain nope >/dev/null 2>err; rc=$?
expect_rc "--explain of an unknown id: exit 2" $rc 2

# profiles (fr pack)
printf '%s\n' '{"rating":4,"text":"Bien.","reply":{"text":"Merci pour votre retour, nous restons joignables par téléphone."}}' >p.jsonl
expect_eq "cnom-2018 (default): a polite reply passes" "$("$C" --level warning p.jsonl | jq -c '[.findings[].rule]')" '[]'
expect_eq "strict-2025: any reply is flagged" "$("$C" --profile strict-2025 --level warning p.jsonl | jq -c '[.findings[].rule]')" '["reply.exists"]'
"$C" --profile nonesuch p.jsonl >/dev/null 2>err; rc=$?
expect_rc "an unknown profile is an error" $rc 2

# --- rule-file errors: FILE:LINE, the other rules still load ---------------
"$C" --rules "$D/bad.rules" --rules "$D/watch.rules" "$D/stream.jsonl" >out 2>err; rc=$?
expect_rc "bad rules: exit 2" $rc 2
expect_match "bad regex named with file:line" "$(cat err)" 'bad\.rules:7: rule bad\.regex: match: bad regex at offset'
expect_match "unknown key" "$(cat err)" "bad\.rules:16: rule bad\.key: unknown key 'mtach'"
expect_match "duplicate id" "$(cat err)" 'bad\.rules:27: rule good\.one: duplicate id \(first at .*bad\.rules:18\)'
expect_match "bad condition" "$(cat err)" "bad\.rules:37: rule bad\.when: when: column 11: unexpected '&'"
expect_eq "the good rules still ran" "$(jq -r '.findings[].rule' out | sort -u | tr '\n' ' ')" "watch.bad-mood watch.own-name "
"$C" --strict --rules "$D/bad.rules" "$D/stream.jsonl" >out 2>err; rc=$?
expect_rc "--strict: a bad rule stops the run" $rc 2
expect_eq "--strict: nothing written" "$(count_lines out)" 0
"$C" --rules "$D/bad.rules" --lint >/dev/null 2>err; rc=$?
expect_rc "--lint: problems exit 1" $rc 1
expect_match "--lint: too few examples" "$(cat err)" 'rule lint\.few-examples: 1 example\+ \(at least 2 wanted\)'
expect_match "--lint: no near miss" "$(cat err)" 'rule lint\.few-examples: no example-'
expect_no_match "--lint: {NAME} defines expand" "$(cat err)" 'undefined'

"$C" --rules "$D/bad.rules" --self-test >/dev/null 2>err
expect_no_match "self-test: the good rule with a define passes" "$(cat err)" 'good\.one: example'

# a define given twice is an error naming both lines (the first would win unseen)
printf 'define.A = chat\ndefine.B = chien\ndefine.A = chats?\n[t.d]\nlevel = info\ntarget = review\nmessage = m\nmatch = \\b{A}\\b\nexample+ = un chat\nexample+ = le chat\nexample- = un chien\n' >d.rules
"$C" --rules d.rules --lint >/dev/null 2>err; rc=$?
expect_match "a define given twice: file:line and the first line" "$(cat err)" 'd\.rules:3: define\.A defined twice \(first at line 1\)'
expect_rc "a define given twice: a --lint problem (exit 1)" $rc 1
printf '{"text":"un chat"}\n' | "$C" --rules d.rules >/dev/null 2>err; rc=$?
expect_rc "a define given twice: an error in a run (exit 2)" $rc 2

# a failing example is reported as file:line
printf '[t.x]\nlevel = info\ntarget = review\nmessage = m\nmatch = \\bchat\\b\nexample+ = un chien\nexample+ = un chat\nexample- = le chat\n' >f.rules
"$C" --rules f.rules --self-test >/dev/null 2>err; rc=$?
expect_rc "self-test failures exit 1" $rc 1
expect_match "example+ that does not fire: file:line" "$(cat err)" 'f\.rules:6: rule t\.x: example\+ does not fire'
expect_match "example- that fires: file:line and match" "$(cat err)" 'f\.rules:8: rule t\.x: example- fires on "chat"'

# --- a catastrophic pattern: an error naming the rule, never a hang --------
timeout 20 "$C" --rules "$D/catastrophic.rules" "$D/slow.jsonl" >out 2>err; rc=$?
expect_rc "catastrophic pattern: exit 2, not a timeout" $rc 2
expect_match "the error names the rule and the record" "$(cat err)" \
	'catastrophic\.rules:6: rule slow\.backtrack: pattern failed on .*slow\.jsonl:1 \(match limit exceeded\)'
expect_eq "the other rules still apply to every record" "$(jq -r '.findings[].rule' out | tr '\n' ' ')" "ok.after ok.after "
no_sanitizer_report "catastrophic: no sanitizer report" err

# --- filter contract ----------------------------------------------------------
printf '%s\n' '{"text":"Le Dr Martin"}' 'not json' '{"text":"rien"}' >mixed.jsonl
"$C" --rules "$D/watch.rules" -q mixed.jsonl >out 2>err; rc=$?
expect_rc "a bad line: exit 2" $rc 2
expect_eq "the good records still come out" "$(count_lines out)" 2
expect_match "the bad line is named" "$(cat err)" 'mixed\.jsonl:2: invalid record'
"$C" --rules "$D/watch.rules" "$D/stream.jsonl" >/dev/full 2>err; rc=$?
expect_rc "a failed write: exit 2" $rc 2

# --- the worked example of avis-rules(5) ---------------------------------------
W="$D/watch-man.rules"
"$C" --rules "$W" --self-test >/dev/null 2>err; rc=$?
expect_rc "man5 watch rule: examples pass" $rc 0
expect_eq "man5 watch rule: self-test line as in the page" "$(cat err)" "avis-check: self-test: 2 rules, 7 examples, 0 failed"
"$C" --rules "$W" --lint >/dev/null 2>&1; rc=$?
expect_rc "man5 watch rule: lint clean" $rc 0
printf '%s\n' '{"date":"2025-05-02","rating":2,"text":"Dr. Martin pressé, accueil froid.","sentiment":{"score":-0.5}}' \
	'{"date":"2025-05-03","rating":5,"text":"Très bien.","sentiment":{"score":0.8}}' \
	'{"date":"2025-05-04","rating":1,"text":"Le Dr Martinez, jamais là."}' >week.jsonl
expect_eq "man5 watch rule with the fr pack on a week's snapshot" \
	"$("$C" --rules fr --rules "$W" --only 'watch.*' -q week.jsonl | jq -c 'select(.findings != []) | [.date, [.findings[].rule], .text[.findings[0].span[0]:.findings[0].span[1]]]')" \
	'["2025-05-02",["watch.dr-martin","watch.dr-martin-negative"],"Dr. Martin"]'

# the team watch of avis-rules(5): names in a term list beside the rule file
T="$D/watch-team.rules"
"$C" --rules "$T" --self-test >/dev/null 2>err; rc=$?
expect_rc "man5 team watch: examples pass" $rc 0
expect_eq "man5 team watch: the term list is the page's" "$(grep -v '^#' "$D/equipe.lex")" \
	"$(printf '%s\n' '(?:dr|docteur) ?\.? ?martin' '(?:dr|docteur) ?\.? ?nguyen' '(?:dr|docteure?) ?\.? ?lefebvre' 'sophie(?: durand)?' 'karim(?: benali)?')"
printf '%s\n' '{"text":"Dr.Nguyen, parfait"}' '{"text":"Docteur  Martinez"}' '{"text":"Merci Karim Benali"}' '{"text":"docteur   martin"}' >team.jsonl
expect_eq "man5 team watch: spans of the names, a space then ? is optional" \
	"$("$C" --rules "$T" --fail-on never team.jsonl | jq -c '[.findings[] | .match]' | tr '\n' ' ')" \
	'["Dr.Nguyen"] [] ["Karim Benali"] ["docteur   martin"] '

# --- engine features, one rule each (tests/data/check/features.rules) ------
F="$D/features.rules"
"$C" --rules "$F" --self-test >/dev/null 2>err; rc=$?
expect_rc "features: all examples pass" $rc 0
[ $rc -eq 0 ] || cat err
fire() { printf '%s\n' "$2" | "$C" --rules "$F" --only "$1" --fail-on never -q | jq -c "[.findings[] | [.rule, .span, .match]]"; }
expect_eq "unless, sentence scope: excused in its sentence" \
	"$(fire f.sentence '{"reply":{"text":"Nous ne pouvons pas parler de votre traitement."}}')" '[]'
expect_eq "unless, sentence scope: not excused by another sentence; span in the original" \
	"$(fire f.sentence '{"reply":{"text":"Votre TRAITEMENT est fini. Nous ne pouvons rien dire."}}')" '[["f.sentence",[0,16],"Votre TRAITEMENT"]]'
expect_eq "unless, target scope: excused anywhere" \
	"$(fire f.whole '{"reply":{"text":"Votre traitement est fini. Nous ne pouvons rien dire."}}')" '[]'
expect_eq "unless: a later unexcused match still fires" \
	"$(fire f.sentence '{"reply":{"text":"Nous ne pouvons parler de votre traitement. Votre traitement, lui, est fini."}}')" '[["f.sentence",[44,60],"Votre traitement"]]'
expect_eq "mode absent: fires without span" "$(fire f.absent '{"reply":{"text":"Bonjour."}}')" '[["f.absent",null,null]]'
expect_eq "mode absent: no reply, no finding" "$(fire f.absent '{"text":"x","reply":null}')" '[]'
expect_eq "echo: span of the term in the reply" \
	"$(fire f.echo '{"text":"Mon implant bouge.","reply":{"text":"Un implant peut bouger."}}')" '[["f.echo",[3,10],"implant"]]'
expect_eq "echo-group: each text in its own words, span in the reply" \
	"$(fire f.echo-group '{"text":"Des douleurs, et ma PHOBIE.","reply":{"text":"Oui, la peur du dentiste. Une réaction douloureuse."}}')" \
	'[["f.echo-group",[8,24],"peur du dentiste"]]'
expect_eq "echo-group: a group in one text only does not fire" \
	"$(fire f.echo-group '{"text":"Ma phobie.","reply":{"text":"Des douleurs ?"}}')" '[]'
printf '[x]\nlevel = info\ntarget = reply\nmessage = m\necho-group = a\n' >eg.rules
"$C" --rules eg.rules --self-test >/dev/null 2>err; rc=$?
expect_rc "echo-group outside a thread rule: an error" $rc 2
expect_match "echo-group outside a thread rule: says why" "$(cat err)" 'eg.rules:1: rule x: review-match, echo and echo-group are for target = thread'
expect_eq "patterns one by one: the leftmost match wins, whichever pattern finds it" \
	"$(fire f.leftmost '{"text":"alpha zeta alphabet"}')" '[["f.leftmost",[0,5],"alpha"]]'
expect_eq "patterns one by one: the first pattern's match when it is leftmost" \
	"$(fire f.leftmost '{"text":"zeta alpha"}')" '[["f.leftmost",[0,4],"zeta"]]'
expect_eq "patterns one by one: a later pattern found after the best does not replace it" \
	"$(fire f.leftmost '{"text":"x zetas and alphas"}')" '[["f.leftmost",[2,7],"zetas"]]'
expect_eq "review-match and when" "$(fire f.review-match '{"text":"Le prix.","reply":{"text":"Oui"}}')" '[["f.review-match",null,null]]'
expect_eq "text = original: case kept" "$(fire f.original '{"text":"Voir le Dr. Élise demain"}')" '[["f.original",[8,17],"Dr. Élise"]]'
expect_eq "text = original: folded would not" "$(fire f.original '{"text":"voir le dr. élise"}')" '[]'
expect_eq "emoji and combining marks before the match: span in characters" \
	"$(fire f.sentence '{"reply":{"text":"😀 e\u0301te\u0301 : votre traitement"}}')" '[["f.sentence",[10,26],"votre traitement"]]'

# --- escalation: a plain amount is a warning, a promotion an error ---------
printf '%s\n' '{"rating":3,"text":"x","reply":{"text":"Nos implants sont à 990 €."}}' \
	'{"rating":3,"text":"x","reply":{"text":"Profitez de -20 % ce mois-ci."}}' \
	'{"rating":5,"text":"Top","reply":{"text":"Merci !"}}' \
	'{"rating":5,"text":"Top","reply":{"text":"Merci ! Retrouvez-nous sur Instagram."}}' >esc.jsonl
expect_eq "escalate (pattern) and escalate-when (fired) set the level" \
	"$("$C" --only 'pub.*' --fail-on never esc.jsonl | jq -c '[.findings[] | [.rule,.level]]' | tr '\n' ' ')" \
	'[["pub.price-or-discount","warning"]] [["pub.price-or-discount","error"]] [["pub.reply-to-laudatory","warning"]] [["pub.url-or-social","warning"],["pub.reply-to-laudatory","error"]] '
"$C" --only 'pub.price-or-discount' --fail-on error -q esc.jsonl >/dev/null; rc=$?
expect_rc "--fail-on error sees the escalated level" $rc 1
expect_eq "--level error keeps only escalated findings" \
	"$("$C" --only 'pub.price-or-discount' --level error --fail-on never esc.jsonl | jq -c '[.findings[].level]' | tr '\n' ' ')" \
	'[] ["error"] [] [] '

# --- the literal prefilter: the same findings as running every pattern ------
# A pattern is not run on a text that lacks a literal it cannot match
# without: shown by a catastrophic pattern that needs "zq" or "yr".
timeout 20 "$C" --rules "$D/prefilter.rules" "$D/slow.jsonl" >out 2>err; rc=$?
expect_rc "prefilter: a pattern whose literals are absent is not run" $rc 0
timeout 20 "$C" --rules "$D/prefilter.rules" --no-prefilter "$D/slow.jsonl" >out 2>err; rc=$?
expect_rc "--no-prefilter runs it (and hits the match limit)" $rc 2
"$C" --rules "$D/prefilter.rules" --self-test 2>err; rc=$?
expect_rc "prefilter: the rule still fires where its literals are" $rc 0
# A quantifier after a comment applies to the item before it ("s(?#)?"
# is "s?"): the prefilter must not require that item (found by fuzz_reqlit).
cat >comment.rules <<'RULES'
[t.comment]
level   = warning
target  = review
message = greeting
match   = \bbonjours(?# the plural is optional)?\b
example+ = Bonjour docteur.
example- = Au revoir.
RULES
printf '%s\n' '{"text":"Bonjour docteur."}' >comment.jsonl
for pf in "" --no-prefilter; do
	expect_eq "a quantified comment ${pf:-(prefilter)}" \
		"$("$C" --rules comment.rules -q --fail-on never $pf comment.jsonl | jq -c '[.findings[].match]')" '["Bonjour"]'
done
# Byte for byte the same output, prefilter on and off: every shipped pack
# and the test rule files, on generated records and on every rule example
# (the self-test, both ways).
if command -v cc >/dev/null; then
	cc -std=c11 -O2 -o gen "$TESTS/bench/gen.c" &&
		"./gen" -s 7 -n "$([ "$FLAVOUR" = plain ] && echo 20000 || echo 3000)" >gen.jsonl
	cat "$D/stream.jsonl" "$D/slow.jsonl" >>gen.jsonl
	n=$(count_lines gen.jsonl)
	for run in "fr --profile cnom-2018" "fr --profile strict-2025" us-hipaa \
		"$D/features.rules" "$D/watch.rules"; do
		set -- $run
		"$C" --rules "$@" --now 2026-01-01 --fail-on never -q gen.jsonl >on.jsonl 2>/dev/null
		"$C" --rules "$@" --now 2026-01-01 --fail-on never -q --no-prefilter gen.jsonl >off.jsonl 2>/dev/null
		expect_eq "prefilter: every record out ($(basename "$run"))" "$(count_lines on.jsonl)" "$n"
		[ "$1" = fr ] && expect_match "prefilter: generated records have findings ($run)" \
			"$(grep -c '"rule"' on.jsonl)" '^[1-9][0-9]+$'
		expect_file_eq "prefilter on and off: same output ($(basename "$run"))" on.jsonl off.jsonl
		# A record that holds `findings` already gets its new ones as
		# Jansson values, in place; the others as text encoded once per
		# rule (findings.h): at the end of the record, the same bytes.
		sed 's/\([^{ ]\) *}$/\1,"findings":null}/' gen.jsonl >had.jsonl
		"$C" --rules "$@" --now 2026-01-01 --fail-on never -q had.jsonl >values.jsonl 2>/dev/null
		# (as values, the record is encoded again by Jansson: "\u000B"
		# where the line had "\u000b"; the same JSON values)
		expect_eq "findings as values and as text: same output ($(basename "$run"))" \
			"$(jq -c . values.jsonl | cksum)" "$(jq -c . on.jsonl | cksum)"
	done
	# A record that held no findings is written as its own line, byte for
	# byte, with `findings` spliced in before the closing brace.
	expect_eq "records kept byte for byte, findings appended" \
		"$(sed 's/,"findings":\[.*\]}$//' on.jsonl | cksum)" "$(sed 's/}$//' gen.jsonl | cksum)"
	# Strings that need escaping, in the rule and in the text.
	cat >escape.rules <<'RULES'
[t.escape]
level   = warning
target  = review
message = « Guillemets », "quotes", \backslash\ et </script> ☃
ref     = R4127-19 "ref" \u0041
match   = (?i)"[^"]*"\s+\S+
example+ = Il a dit "non"	merci
example- = rien
RULES
	printf '%s\n' '{"text":"Il a dit \"non\"\tmerci \\ \u00e9t\u00e9 \ud83d\ude00","n":1.5e300}' \
		'{"text":"x"}' '{"a":{"b":[1,2.25,null,true]},"text":"\"\u0001\" é"}' >escape.jsonl
	sed 's/\([^{ ]\) *}$/\1,"findings":null}/' escape.jsonl >had.jsonl
	"$C" --rules escape.rules --fail-on never -q escape.jsonl >on.jsonl
	"$C" --rules escape.rules --fail-on never -q had.jsonl >values.jsonl
	expect_eq "escaping: two findings" "$(grep -c t.escape on.jsonl)" 2
	expect_eq "findings as values and as text: same values (escaping)" "$(jq -c . values.jsonl)" "$(jq -c . on.jsonl)"
	expect_eq "escaping: the record's own escapes and numbers kept" \
		"$(head -1 on.jsonl | sed 's/,"findings":.*//')" "$(head -1 escape.jsonl | sed 's/}$//')"
	# The line as read, blanks around it dropped; an empty object.
	printf ' { "text" : "x" , "n" : 1.10 } \r\n{}\n{ }\n' >spaced.jsonl
	expect_eq "a spaced line: kept, findings spliced in" \
		"$("$C" --rules escape.rules --fail-on never -q spaced.jsonl | tr '\n' '|')" \
		'{ "text" : "x" , "n" : 1.10 ,"findings":[]}|{"findings":[]}|{ "findings":[]}|'
	# Encoded again rather than kept: a line with a key twice (the value
	# checked, the last, is the one written) or a carriage return inside.
	printf '{"text":"a","text":"b"}\n{"a":1,\r"text":"x"}\r\n' >dup.jsonl
	expect_eq "a key twice or a CR inside: the record encoded again" \
		"$("$C" --rules escape.rules --fail-on never -q dup.jsonl | tr '\n' '|')" \
		'{"text":"b","findings":[]}|{"a":1,"text":"x","findings":[]}|'
	# A byte order mark opening the file is not part of the record.
	printf '\357\273\277{"text":"x"}\n' >bom.jsonl
	expect_eq "a byte order mark: dropped, the line kept after it" \
		"$("$C" --rules escape.rules --fail-on never -q bom.jsonl)" '{"text":"x","findings":[]}'
	expect_eq "escaping: the message reads back" "$(jq -r '.findings[0].message' on.jsonl | head -1)" \
		'« Guillemets », "quotes", \backslash\ et </script> ☃'
fi
for pack in fr us-hipaa; do
	"$C" --rules "$pack" --self-test --no-prefilter >out 2>err; rc=$?
	expect_rc "pack $pack: self-test without the prefilter" $rc 0
done
# Patterns that each compile but are too large for PCRE2 once joined run
# one by one: the rule loads and fires, and --lint has nothing to say.
python3 - <<'PY'
import string
L = string.ascii_lowercase
def words(tag, n):  # no common first letter: the list would be joined
    return "|".join("%s%s%04d%s" % (L[i % 26], tag, i, L[i * 7 % 26]) for i in range(n))
open("big.rules", "w").write("[t.big]\nlevel = info\ntarget = review\nmessage = m\nref = test\n"
    "match = \\b(?:%s)\\b\nmatch = \\b(?:%s)\\b\n"
    "example+ = le bzy0001h ici\nexample+ = le aqx0000a ici\nexample- = rien\n" % (words("qx", 2600), words("zy", 2600)))
PY
"$C" --rules big.rules --self-test >/dev/null 2>err; rc=$?
expect_rc "patterns too large to join: the rule loads and its examples pass" $rc 0
"$C" --rules big.rules --lint >/dev/null 2>err; rc=$?
expect_rc "patterns too large to join: no lint problem" $rc 0
# A list whose pattern refers to a group by number is never joined (the
# numbers would shift in the alternation): the back-reference finds the
# repeated word, prefilter on and off.
cat >backref.rules <<'RULES'
[t.repeat]
level   = warning
target  = review
message = repeated word
match   = \b(nul|honteux)\b
match   = \b(\w+)\s+\1\b
example+ = Un accueil très très froid.
example+ = C'est nul.
example- = Un accueil froid.
RULES
printf '%s\n' '{"text":"Un accueil très très froid."}' >backref.jsonl
for pf in "" --no-prefilter; do
	expect_eq "back-reference in a list of patterns ${pf:-(prefilter)}" \
		"$("$C" --rules backref.rules -q --fail-on never $pf backref.jsonl | jq -c '[.findings[].match]')" '["très très"]'
done

# --- or-when: a condition as an alternative to the patterns ------------------
cat >orwhen.rules <<'RULES'
[t.shout]
level   = warning
target  = reply
message = shouting
text    = original
match   = [!?]{3,}
or-when = reply.letters >= 20 && reply.caps_ratio >= 0.5
RULES
ow() { printf '%s\n' "$1" | "$C" --rules orwhen.rules --fail-on never -q | jq -c '[.findings[] | [.rule, has("span")]]'; }
expect_eq "or-when: fires without a match when the condition holds, without a span" \
	"$(ow '{"text":"x","reply":{"text":"NOUS NE POUVONS PAS ACCEPTER CELA, Madame"}}')" '[["t.shout",false]]'
expect_eq "or-when: a match still fires with its span" \
	"$(ow '{"text":"x","reply":{"text":"Vraiment ???"}}')" '[["t.shout",true]]'
expect_eq "or-when: neither a match nor the condition: no finding" \
	"$(ow '{"text":"x","reply":{"text":"Nous ne pouvons pas accepter cela, MADAME"}}')" '[]'
printf '[t.x]\nlevel = info\ntarget = reply\nmessage = m\nor-when = reply.letters > 3\n' >orwhen-bad.rules
"$C" --rules orwhen-bad.rules --lint >out 2>err; rc=$?
expect_rc "or-when without match: a rule error" $rc 1
expect_match "or-when without match: FILE:LINE names the rule" "$(cat err)" 'orwhen-bad.rules:1: rule t.x: or-when is an alternative to match'

# --- warn-if-in: a name the author gave is a warning, not an error ------------
cat >warnin.rules <<'RULES'
[t.name]
level      = error
target     = reply
message    = names the author
text       = original
match      = \b(?:Madame|Monsieur)\s+(?-i:\p{Lu})[\p{Ll}'-]+
warn-if-in = author
RULES
wi() { printf '%s\n' "$1" | "$C" --rules warnin.rules --fail-on never -q | jq -c '[.findings[] | .level]'; }
expect_eq "warn-if-in: the name is the author's signature: warning" \
	"$(wi '{"author":"Marie DURAND","text":"x","reply":{"text":"Madame Durand, merci."}}')" '["warning"]'
expect_eq "warn-if-in: a pseudonymous author: error" \
	"$(wi '{"author":"Marie D.","text":"x","reply":{"text":"Madame Durand, merci."}}')" '["error"]'
expect_eq "warn-if-in: a whole word only (Durandal is not Durand)" \
	"$(wi '{"author":"Durandal","text":"x","reply":{"text":"Madame Durand, merci."}}')" '["error"]'
expect_eq "warn-if-in: an empty author: error" \
	"$(wi '{"author":"","text":"x","reply":{"text":"Madame Durand, merci."}}')" '["error"]'
expect_eq "warn-if-in: no author: error" \
	"$(wi '{"text":"x","reply":{"text":"Monsieur Élie, merci."}}')" '["error"]'
expect_eq "warn-if-in: accents folded on both sides" \
	"$(wi '{"author":"elie M","text":"x","reply":{"text":"Monsieur Élie, merci."}}')" '["warning"]'
"$C" --rules warnin.rules --explain t.name >out 2>&1
expect_match "warn-if-in shown by --explain" "$(cat out)" 'warn-if-in +author'

# --- lexicon.NAME: a term list as a macro (wordlist.h) --------------------------
"$C" --rules "$D/lexicon.rules" --self-test >out 2>err; rc=$?
expect_rc "lexicon: the examples read the term list (file order, groups, spaces, bars)" $rc 0
[ $rc -eq 0 ] || cat err
"$C" --rules "$D/lexicon.rules" --lint >out 2>err; rc=$?
expect_rc "lexicon: a clean term list passes --lint" $rc 0
printf '%s\n' '{"text":"Ma couronne"}' '{"text":"Votre carie, vos   soins dentaires"}' '{"text":"Un chien"}' >lx.jsonl
expect_eq "lexicon: one finding per matching record, spans in the original" \
	"$("$C" --rules "$D/lexicon.rules" --fail-on never lx.jsonl | jq -c '[.findings[]?.span]')" \
	"$(printf '%s\n' '[]' '[[0,11]]' '[]')"
# terms are checked one by one: a bad one is named and left out, the others load
mkdir -p lxbad
printf 'lexicon.T = t.lex\nlexicon.U = missing.lex\n[t.l]\nlevel = info\ntarget = review\nmessage = m\nmatch = \\b{T}\\b\nmatch = \\b{U}\\b\nexample+ = un chat\nexample+ = des chats\nexample- = un chien\n' >lxbad/l.rules
printf '# pets\nchats?\n\nbad(\ns?\nchats?\nsouris\n' >lxbad/t.lex
"$C" --rules lxbad/l.rules --lint >/dev/null 2>err; rc=$?
expect_rc "lexicon: problems are --lint problems (exit 1)" $rc 1
expect_match "lexicon: a term that does not compile: list:line" "$(cat err)" 't\.lex:4: bad term at offset 4: missing closing parenthesis'
expect_match "lexicon: a term that matches nothing at all: list:line" "$(cat err)" 't\.lex:5: term matches the empty string'
expect_match "lexicon: a term listed twice (--lint): both lines" "$(cat err)" "t\.lex:6: term 'chats\?' listed twice \(first at line 2\)"
expect_match "lexicon: a missing list is named" "$(cat err)" 'missing\.lex: cannot read the term list: No such file or directory'
printf 'lexicon.T = n.lex\n[t.z]\nlevel = info\ntarget = review\nmessage = m\nmatch = \\b{T}\\b\n' >lxbad/z.rules
printf 'chats?\nsou\000ris\n' >lxbad/n.lex
printf '%s\n' '{"text":"un chat"}' '{"text":"une sou"}' | "$C" --rules lxbad/z.rules --fail-on never >out 2>err; rc=$?
expect_match "lexicon: a NUL byte in a term is named, not cut silently" "$(cat err)" 'n\.lex:2: NUL byte in line'
expect_eq "lexicon: the line with a NUL is left out, the others run" "$(jq -c '[.findings[]?.rule]' out | tr '\n' ' ')" '["t.z"] [] '
printf '%s\n' '{"text":"une souris"}' '{"text":"un chien"}' | "$C" --rules lxbad/l.rules --fail-on never >out 2>err; rc=$?
expect_rc "lexicon: a bad term is an error in a run (exit 2)" $rc 2
expect_eq "lexicon: the good terms still run, the missing list matches nothing" "$(jq -c '[.findings[]?.rule]' out | tr '\n' ' ')" '["t.l"] [] '
printf 'lexicon.A = t.lex\ndefine.A = chien\n[t.d]\nlevel = info\ntarget = review\nmessage = m\nmatch = \\b{A}\\b\nexample+ = un chien\nexample+ = le chien\nexample- = un chat\n' >lxbad/d.rules
"$C" --rules lxbad/d.rules --lint >/dev/null 2>err
expect_match "lexicon: a name both a lexicon and a define is an error" "$(cat err)" 'd\.rules:2: define\.A defined twice \(first at line 1\)'

# a define may name another define or a lexicon; a cycle is an error, not a hang
printf 'define.A = {B}s?\ndefine.B = (?:chat|{C})\ndefine.C = chien\n[t.n]\nlevel = info\ntarget = review\nmessage = m\nmatch = \\b{A}\\b\nexample+ = des chats\nexample+ = un chien\nexample- = un chaton\n' >n.rules
"$C" --rules n.rules --self-test >/dev/null 2>err; rc=$?
expect_rc "nested defines expand" $rc 0
printf 'define.X = a{Y}\ndefine.Y = b{X}\n[t.c]\nlevel = info\ntarget = review\nmessage = m\nmatch = \\b{X}\\b\nexample+ = ab\nexample+ = aba\nexample- = c\n' >c.rules
"$C" --rules c.rules --lint >/dev/null 2>err; rc=$?
expect_match "a cycle of defines is named" "$(cat err)" 'c\.rules:7: rule t\.c: match: \{X\}: defines nested too deep \(a cycle\?\)'

# --- word models (model = FILE): beside the patterns -------------------------
mkdir -p wm/models
printf '[w.care]\nlevel = warning\ntarget = reply\nmessage = m\nref = r\nmodel = models/w.tsv\nmatch = \\bextraction\\b\nunless = \\bnous\\s+proposons\\b\nexample+ = Votre extraction.\nexample+ = L'"'"'extraction de votre dent.\nexample- = Bonne journée.\n' >wm/w.rules
printf '# test model\nthreshold\t0.5\nbias\t-1\ndent\t0.75\nvotre_dent\t1\nsoin\t0.5\n' >wm/models/w.tsv
printf '%s\n' \
	'{"id":"a","text":"Bof.","reply":{"text":"Bonjour. Votre dent allait mieux ensuite. Merci !"}}' \
	'{"id":"b","text":"Bof.","reply":{"text":"Bonjour. Une dent de sagesse, un soin."}}' \
	'{"id":"c","text":"Bof.","reply":{"text":"Bonjour, merci."}}' \
	'{"id":"d","text":"Bof.","reply":{"text":"Votre dent : nous proposons un rendez-vous."}}' \
	'{"id":"e","text":"Bof.","reply":{"text":"Votre extraction."}}' \
	'{"id":"f","text":"Bof.","reply":{"text":"Une dent. Un soin."}}' >wm.jsonl
"$C" --rules wm/w.rules --fail-on never --models wm.jsonl >out 2>err; rc=$?
expect_rc "model: a rule with a model runs" $rc 0
expect_eq "model: fires when a sentence reaches its threshold, without a match; the span is that sentence" \
	"$(jq -c '[.id, (.findings[0] // {} | [.span, .match])]' out | tr '\n' ' ')" \
	'["a",[[9,41],"Votre dent allait mieux ensuite."]] ["b",[[9,38],"Une dent de sagesse, un soin."]] ["c",[null,null]] ["d",[null,null]] ["e",[[6,16],"extraction"]] ["f",[null,null]] '
"$C" --rules wm/w.rules --fail-on never wm.jsonl >out 2>err
expect_eq "model: without --models, the patterns alone" "$(jq -c '[.findings[]?.rule]' out | tr '\n' ' ')" '[] [] [] [] ["w.care"] [] '
expect_match "model: --explain names it, with its threshold" "$("$C" --rules wm/w.rules --explain w.care)" \
	'model +models/w\.tsv \(with --models: fires without a match on a sentence at probability 0\.5 or more; 3 weights\)'
"$C" --rules wm/w.rules --models --self-test >/dev/null 2>err; rc=$?
expect_rc "model: examples run with the model" $rc 0
printf 'threshold\t0.5\nbias\t0\nDent\t1\n' >wm/models/w.tsv
printf '%s\n' '{"text":"x","reply":{"text":"Votre extraction."}}' | "$C" --rules wm/w.rules --fail-on never >out 2>err; rc=$?
expect_rc "model: a bad model file is an error (exit 2), read with or without --models" $rc 2
expect_match "model: its file and line are named" "$(cat err)" 'wm/models/w\.tsv:3: a feature is a word .*\(model of rule w\.care\)'
rm wm/models/w.tsv
"$C" --rules wm/w.rules --lint >/dev/null 2>err; rc=$?
expect_match "model: a missing model file is named at the rule's line" "$(cat err)" \
	'wm/w\.rules:6: rule w\.care: wm/models/w\.tsv: cannot read the model: No such file or directory'
printf '[w.t]\nlevel = info\ntarget = thread\nmessage = m\nmodel = models/x.tsv\necho = \\bdent\\b\n' >wm/t.rules
printf 'threshold\t0.5\nbias\t0\n' >wm/models/x.tsv
"$C" --rules wm/t.rules --lint >/dev/null 2>err
expect_match "model: not on thread rules" "$(cat err)" 't\.rules:1: rule w\.t: a model reads the folded review or reply'

# the trainer cuts texts into the features the engine reads (test_model.c
# checks the engine on these texts: "Dent" is "ent", upper case being a
# separator in folded text)
got=$(python3 - "$TESTS/eval" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from train_models import features
print(" ".join(features("votre dent , votre dent ; l'extraction .")))
print(" ".join(features("votre-dent l'\u00e9tat Dent votredent")))
PY
)
sents=$(python3 - "$TESTS/eval" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from train_models import sentences
print(sentences("bonjour . il a 3.5 ans ! ok ? fin\nsuite"))
PY
)
expect_eq "model: the trainer cuts sentences where the engine does" "$sents" \
	"['bonjour .', ' il a 3.5 ans !', ' ok ?', ' fin\\n', 'suite']"
expect_eq "model: the trainer's features are the engine's" "$got" \
	"$(printf '%s\n' 'dent dent_l dent_votre extraction l l_extraction votre votre_dent' 'dent dent_l ent ent_votredent l l_état votre votre_dent votredent état état_ent')"
