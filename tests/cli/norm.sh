# avis-norm: repairs, normalisation, artefacts, lang, dedupe, pseudonyms.
N="$BIN/avis-norm"

# norm_field JSON_LINE FILTER: run one record through avis-norm, apply jq FILTER.
norm_field() { printf '%s\n' "$1" | "$N" | jq -r "$2"; }

# --- fields pass through, in place --------------------------------------
out=$(printf '%s\n' '{"zeta":1,"id":"k","custom":{"b":[1,2.5,null]},"text":"Bien","alpha":"x"}' | "$N")
expect_eq "unknown fields kept in order, new ones appended" \
	"$(printf '%s' "$out" | jq -c 'keys_unsorted')" '["zeta","id","custom","text","alpha","norm","lang"]'
expect_eq "unknown values untouched" "$(printf '%s' "$out" | jq -c .custom)" '{"b":[1,2.5,null]}'
expect_eq "one compact line per record" "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1

# --- text cleaning ---------------------------------------------------------
expect_eq "HTML entities decoded" \
	"$(norm_field '{"text":"Tom &amp; Jerry l&#39;ont dit &eacute;t&eacute; &#x2764; &bogus; &amp"}' .text)" \
	"Tom & Jerry l'ont dit été ❤ &bogus; &amp"
expect_eq "typographic apostrophes and quotes unified, guillemets kept" \
	"$(norm_field '{"text":"L’équipe m‘a dit “super” « oui »"}' .text)" \
	"L'équipe m'a dit \"super\" « oui »"
expect_eq "white space collapsed, paragraphs kept as one newline" \
	"$(norm_field '{"text":"  Un\t\tdeux\u00a0 trois \r\n\r\n\n  Quatre  \u2028cinq  "}' .text)" \
	"$(printf 'Un deux trois\nQuatre\ncinq')"
expect_eq "NFC: decomposed accents composed" \
	"$(norm_field '{"text":"Tre\u0300s e\u0301te\u0301"}' '.text | explode | length')" 8
expect_eq "escaped NUL and control characters removed" \
	"$(norm_field '{"text":"a\u0000b\u0007c\u200bd"}' .text)" "abcd"
expect_eq "C1 controls read as Windows-1252" \
	"$(norm_field '{"text":"C\u0092est \u0080 10"}' '.text, (.flags|join(","))' | tr '\n' '|')" \
	"C'est € 10|repaired-charset|"
expect_eq "mojibake undone" \
	"$(norm_field '{"text":"TrÃ¨s bien, lâ€™accueil Ã©tait parfait"}' '.text, (.flags|join(","))' | tr '\n' '|')" \
	"Très bien, l'accueil était parfait|repaired-charset|"
expect_eq "no repair flag on clean text" "$(norm_field '{"text":"Très bien"}' '.flags')" "null"
expect_eq "author, subject and reply cleaned too" \
	"$(norm_field '{"author":" Marie&nbsp;L. ","subject":"Cabinet  du Parc","reply":{"author":"Dr&nbsp;X","text":"Merci  !"}}' '[.author,.subject,.reply.author,.reply.text]|join("|")')" \
	"Marie L.|Cabinet du Parc|Dr X|Merci !"

# --- raw bytes: invalid UTF-8, Windows-1252, NUL ------------------------------
printf '{"text":"caf\xe9 tr\xe8s bon \xe2\x82\xac \x81"}\n' >bad-utf8.jsonl
"$N" bad-utf8.jsonl >out 2>err; rc=$?
expect_rc "invalid UTF-8 is repaired, not rejected" $rc 0
expect_eq "invalid bytes read as Windows-1252, undefined ones U+FFFD" "$(jq -r .text out)" "café très bon € �"
expect_eq "repaired-utf8 flag" "$(jq -c .flags out)" '["repaired-utf8"]'
printf 'Très bien, l’accueil est « parfait »' | iconv -f UTF-8 -t WINDOWS-1252 >t.txt
{ printf '{"id":"w","text":"'; cat t.txt; printf '"}\n'; } >cp1252.jsonl
expect_eq "a Windows-1252 record decoded" "$("$N" cp1252.jsonl | jq -r .text)" "Très bien, l'accueil est « parfait »"
printf '{"id":"n","te\0xt":"a\0b"}\n' >nul.jsonl
"$N" nul.jsonl >out 2>err; rc=$?
expect_rc "raw NUL bytes do not reject the record" $rc 0
expect_eq "raw NUL bytes removed" "$(jq -r .text out)" "ab"
expect_eq "raw NUL removal flagged" "$(jq -c .flags out)" '["removed-nul"]'

# --- norm -------------------------------------------------------------------
expect_eq "norm.text folded: case, accents, ligatures, punctuation spaced" \
	"$(norm_field '{"text":"TRÈS déçu!!! L’Œuvre du Dr. Müller, rendez-vous à 17:30 le 14/09/2025 (3,5 h)…😡"}' .norm.text)" \
	"tres decu !!! l'oeuvre du dr . muller , rendez-vous a 17:30 le 14/09/2025 ( 3,5 h )... 😡"
expect_eq "norm.text keeps paragraphs" "$(norm_field '{"text":"Un.\n\nDeux"}' .norm.text)" "$(printf 'un .\ndeux')"
expect_eq "norm.reply folded" "$(norm_field '{"text":"x","reply":{"text":"Merci, Marie-Hélène."}}' .norm.reply)" "merci , marie-helene ."
expect_eq "norm is null without text" "$(norm_field '{"rating":5}' '.norm|tostring')" '{"text":null,"reply":null}'
expect_eq "emoji are tokens of their own, emoticons stay whole" "$(norm_field '{"text":"Top😊😊 merci :-) !!"}' .norm.text)" "top 😊 😊 merci :-) !!"

# --- platform artefacts ------------------------------------------------------------
out=$(norm_field '{"text":"(Traduit par Google) Very good dentist\n\n(Avis d’origine)\nTrès bon dentiste"}' '[.text,.text_translation,(.flags|join(","))]|join("|")')
expect_eq "Google translation: original kept, translation aside" "$out" "Très bon dentiste|Very good dentist|translated"
out=$(norm_field '{"text":"(Translated by Google) Great doctor"}' '[.text,(.flags|join(","))]|join("|")')
expect_eq "Google translation without original: banner removed" "$out" "Great doctor|translated"
out=$(norm_field '{"text":"Attente beaucoup trop longue, et la secrétaire… Plus"}' '[.text,(.flags|join(","))]|join("|")')
expect_eq "truncated text: More button removed, ellipsis kept" "$out" "Attente beaucoup trop longue, et la secrétaire…|truncated"
out=$(norm_field '{"text":"Great care...\nMore"}' '[.text,(.flags|join(","))]|join("|")')
expect_eq "More alone on the last line" "$out" "Great care...|truncated"
out=$(norm_field '{"text":"Je ne reviendrai plus. Jamais Plus"}' '[.text,(.flags|tostring)]|join("|")')
expect_eq "near miss: a sentence ending in plus is not truncation" "$out" "Je ne reviendrai plus. Jamais Plus|null"
out=$(norm_field '{"text":"x","reply":{"text":"(Traduit par Google) Thank you\n(Texte d’origine)\nMerci"}}' '[.reply.text,.reply.text_translation,(.flags|join(","))]|join("|")')
expect_eq "reply artefacts flagged as reply-*" "$out" "Merci|Thank you|reply-translated"

# --- lang --------------------------------------------------------------------
expect_eq "lang fr" "$(norm_field '{"text":"Le docteur est très à l’écoute et la secrétaire est aimable."}' .lang)" fr
expect_eq "lang en" "$(norm_field '{"text":"The staff were kind and the doctor listened to me."}' .lang)" en
expect_eq "lang other for Spanish" "$(norm_field '{"text":"El médico fue muy amable y la atención es excelente, gracias por todo."}' .lang)" other
expect_eq "lang other for German" "$(norm_field '{"text":"Der Arzt war sehr freundlich und die Praxis ist immer sauber, danke."}' .lang)" other
expect_eq "lang other for emoji only" "$(norm_field '{"text":"👍👍"}' .lang)" other
expect_eq "lang kept when present" "$(norm_field '{"text":"The doctor was great","lang":"fr"}' .lang)" fr
expect_eq "no lang without text" "$(norm_field '{"rating":4}' '.lang')" null

# --- idempotence -------------------------------------------------------------------
printf '%s\n' '{"text":"(Traduit par Google) Hi\n(Avis d’origine)\nSalut… Plus","author":"Zoé"}' '{"text":"C\u0092est   TrÃ¨s &amp; bien"}' >idem.jsonl
"$N" idem.jsonl >once.jsonl
"$N" once.jsonl >twice.jsonl
expect_file_eq "normalising twice changes nothing" twice.jsonl once.jsonl

# --- dedupe -------------------------------------------------------------------------
printf '%s\n' '{"id":"a","text":"un"}' '{"id":"b","text":"un"}' '{"id":"a","text":"autre"}' \
	'{"text":"Très  bien","author":"Zoé"}' '{"text":"très bien","author":"Zoé"}' '{"text":"très bien","author":"Léa"}' >dup.jsonl
"$N" --dedupe dup.jsonl >out 2>err; rc=$?
expect_eq "dedupe by id, else by folded text and author" "$(jq -r '.id // .author' out | tr '\n' ' ')" "a b Zoé Léa "
expect_eq "dedupe count reported" "$(cat err)" "avis-norm: 2 duplicate records dropped"
expect_rc "dedupe exits 0" $rc 0
expect_eq "without --dedupe nothing is dropped" "$("$N" dup.jsonl | wc -l | tr -d ' ')" 6

# --- pseudonyms -----------------------------------------------------------------------
printf '%s\n' '{"author":"Marie L.","text":"a"}' '{"author":"MARIE L.","text":"b"}' '{"author":"Paul","text":"c"}' '{"text":"d"}' >authors.jsonl
a1=$("$N" --pseudonymize=sel1 authors.jsonl | jq -r '.author' | tr '\n' ' ')
a2=$("$N" --pseudonymize=sel1 authors.jsonl | jq -r '.author' | tr '\n' ' ')
a3=$("$N" --pseudonymize=sel2 authors.jsonl | jq -r '.author' | tr '\n' ' ')
a4=$(AVIS_SALT=sel1 "$N" -p authors.jsonl | jq -r '.author' | tr '\n' ' ')
expect_match "pseudonyms look like anon-XXXXXXXX" "$a1" '^anon-[0-9a-f]{8} anon-[0-9a-f]{8} anon-[0-9a-f]{8} null $'
expect_eq "same salt, same pseudonyms across runs" "$a1" "$a2"
expect_no_match "real names gone" "$a1" "Marie|Paul"
set -- $a1
expect_eq "case variants of one name are one person" "$1" "$2"
[ "$1" != "$3" ] && pass "different authors, different pseudonyms" || fail "different authors, different pseudonyms"
[ "$a1" != "$a3" ] && pass "another salt, other pseudonyms" || fail "another salt, other pseudonyms"
expect_eq "AVIS_SALT is the salt" "$a4" "$a1"
got=$(printf '%s\n' '{"author":{"name":"Marie Dupont"},"text":"x"}' | "$N" --pseudonymize=s | jq -r .author)
expect_match "a name inside an object is pseudonymised too" "$got" '^anon-[0-9a-f]{8}$'
r1=$(env -u AVIS_SALT "$N" -p authors.jsonl | jq -r '.author' | head -1)
r2=$(env -u AVIS_SALT "$N" -p authors.jsonl | jq -r '.author' | head -1)
[ "$r1" != "$r2" ] && pass "no salt: a random one per run" || fail "no salt: a random one per run"

# --- jq on both sides of the pipe ------------------------------------------------------
got=$(printf '%s\n' '{"text":"Très bien"}' | jq -c '. + {mine: {k: [1, "é"]}}' | "$N" | jq -c '[.mine, .norm.text, .lang]')
expect_eq "fields added with jq survive avis-norm" "$got" '[{"k":[1,"é"]},"tres bien","fr"]'

# --- rules data --------------------------------------------------------------------------
printf '{"text":"x"}\n' | "$N" --rules "$TMP/none" >/dev/null 2>err; rc=$?
expect_rc "missing rules directory exits 2" $rc 2
expect_match "missing rules directory named" "$(cat err)" "^avis-norm: $TMP/none/lang: No such file or directory"
mkdir -p myrules/lang
printf 'bonjour\nCaf\n' >myrules/lang/fr.words
printf '{"text":"x"}\n' | AVIS_RULES="$TMP/myrules" "$N" >/dev/null 2>err; rc=$?
expect_rc "bad profile exits 2" $rc 2
expect_match "bad profile word located" "$(cat err)" "myrules/lang/fr\.words:2: 'Caf' is not a folded word"
printf 'zorglub\n' >myrules/lang/fr.words
printf 'hello\n' >myrules/lang/en.words
expect_eq "AVIS_RULES chooses the profiles" "$(printf '{"text":"zorglub"}\n' | AVIS_RULES="$TMP/myrules" "$N" | jq -r .lang)" fr
expect_eq "--rules beats AVIS_RULES" "$(printf '{"text":"zorglub"}\n' | AVIS_RULES=/nonexistent "$N" --rules "$TMP/myrules" | jq -r .lang)" fr
