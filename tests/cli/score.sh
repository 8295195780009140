# avis-score: the sentiment object, reply, lang, mismatch, --explain,
# lexicon errors.
S="$BIN/avis-score"

# sc JSON_LINE FILTER: one record through avis-norm and avis-score, then jq.
sc() { printf '%s\n' "$1" | "$BIN/avis-norm" | "$S" | jq -c "$2"; }

out=$(printf '%s\n' '{"zeta":1,"id":"k","text":"Bien","alpha":"x"}' | "$S")
expect_eq "fields kept in order, sentiment appended" \
	"$(printf '%s' "$out" | jq -c 'keys_unsorted')" '["zeta","id","text","alpha","sentiment"]'
expect_eq "sentiment keys" "$(printf '%s' "$out" | jq -c '.sentiment | keys_unsorted')" \
	'["score","label","pos","neg","neu","aspects"]'

expect_eq "negative review: label, aspects of the sentences that name them" \
	"$(sc '{"text":"Secrétaire désagréable. Trois heures d'"'"'attente !"}' \
		'[.sentiment.label, (.sentiment.aspects | keys), (.sentiment.aspects.attente < 0), (.sentiment.score < -0.5)]')" \
	'["neg",["attente","secretariat"],true,true]'
expect_eq "words glued where a line break was lost are scored apart, norm kept as written" \
	"$(sc '{"text":"Très bienMerci"}' '[.sentiment.label, .norm.text]')" \
	'["pos","tres bienmerci"]'
expect_eq "positive review" \
	"$(sc '{"text":"Dentiste très doux et à l'"'"'écoute, je recommande !"}' '[.sentiment.label, (.sentiment.score > 0.5), (.sentiment.aspects | keys)]')" \
	'["pos",true,["ecoute","soins"]]'
expect_eq "shares sum to 1" \
	"$(sc '{"text":"Accueil chaleureux mais attente interminable"}' '.sentiment | (.pos + .neg + .neu) * 1000 | round')" 1000

# Stars and text disagree.
expect_eq "5 stars with a clearly negative text: mismatch" \
	"$(sc '{"rating":5,"text":"Honteux, à fuir, personne ne répond au téléphone."}' .sentiment.mismatch)" true
expect_eq "1 star with a clearly positive text: mismatch" \
	"$(sc '{"rating":1,"text":"Excellent médecin, très humain, je recommande vivement !"}' .sentiment.mismatch)" true
expect_eq "5 stars, positive text: no mismatch" \
	"$(sc '{"rating":5,"text":"Excellent médecin, je recommande vivement !"}' .sentiment.mismatch)" false
expect_eq "no rating: no mismatch field" "$(sc '{"text":"Excellent"}' '.sentiment | has("mismatch")')" false

# The reply is scored too.
expect_eq "reply scored, its own label" \
	"$(sc '{"text":"Nul.","reply":{"text":"Merci beaucoup pour votre retour, ravi de vous avoir aidé !"}}' '[.sentiment.label, .sentiment.reply.label]')" \
	'["neg","pos"]'
expect_eq "no text and no reply: sentiment null" "$(sc '{"id":"x"}' .sentiment)" null

# English by lang; French otherwise.
expect_eq "English review scored with the English lexicon" \
	"$(sc '{"lang":"en","text":"The nurse was lovely and very kind"}' .sentiment.label)" '"pos"'
expect_eq "English negation" \
	"$(sc '{"lang":"en","text":"Staff were not helpful and I waited 4 hours"}' .sentiment.label)" '"neg"'

# Without avis-norm: the text is folded here, with the same result.
rec='{"text":"TRÈS déçue, l'"'"'attente était INTERMINABLE !!!"}'
expect_eq "record without norm scored like a normalised one" \
	"$(printf '%s\n' "$rec" | "$S" | jq -c .sentiment)" \
	"$(printf '%s\n' "$rec" | "$BIN/avis-norm" | "$S" | jq -c .sentiment)"

# Running it twice gives the same record.
once=$(printf '%s\n' "$rec" | "$S")
expect_eq "idempotent" "$(printf '%s\n' "$once" | "$S")" "$once"

# --explain: every contribution on stderr, the record unchanged on stdout.
printf '%s\n' '{"id":"e1","text":"Je ne recommande pas, 3 h d'"'"'attente. Mais accueil très chaleureux."}' >ex.jsonl
"$S" --explain ex.jsonl >ex.out 2>ex.err; rc=$?
expect_rc "--explain exits 0" $rc 0
expect_eq "--explain leaves stdout as without it" "$(cat ex.out)" "$("$S" ex.jsonl)"
expect_match "--explain names the record" "$(head -1 ex.err)" '^avis-score: ex\.jsonl:1: explain e1$'
expect_match "--explain: negated word with its lexicon line" "$(cat ex.err)" '"recommande" \+[0-9.]+ \(fr-care\.tsv:[0-9]+\) negated x-0\.74'
expect_match "--explain: fact pattern" "$(cat ex.err)" 'pattern "3 h d.attente" -2\.50 \(fr-patterns\.tsv:[0-9]+\) contrast x0\.5'
expect_match "--explain: booster and contrast" "$(cat ex.err)" '"chaleureux" .* boosted \+0\.293 contrast x1\.5'
expect_match "--explain: the total" "$(cat ex.err)" 'sum [-+][0-9.]+ over 2 sentences -> score [-+]?[0-9.]+ \((pos|neg|neu)'

# A malformed lexicon line is FILE:LINE: message and exit 2, not a crash.
mkdir -p rules
cp -R "$ROOT/rules/." rules/
printf 'bon\t2\nmauvais\tdeux\n' >rules/lexicon/fr-zz.tsv
printf '{"text":"x"}\n' | "$S" --rules rules >bad.out 2>bad.err; rc=$?
expect_rc "bad lexicon line: exit 2" $rc 2
expect_eq "bad lexicon line: FILE:LINE: message" "$(cat bad.err)" \
	"avis-score: rules/lexicon/fr-zz.tsv:2: valence 'deux' is not a number from -4 to 4"
rm rules/lexicon/fr-zz.tsv
printf -- '-2\t(unclosed\n' >>rules/lexicon/fr-patterns.tsv
printf '{"text":"x"}\n' | "$S" --rules rules >bad.out 2>bad.err; rc=$?
expect_rc "bad pattern: exit 2" $rc 2
expect_match "bad pattern: FILE:LINE: message" "$(cat bad.err)" \
	"^avis-score: rules/lexicon/fr-patterns\.tsv:[0-9]+: bad pattern at offset 9: missing closing parenthesis$"
no_sanitizer_report "avis-score: no sanitizer report" bad.err

# Each lexicon file written for avis names a term once: a second line
# would silently replace the first.  (fr.tsv and en.tsv are third-party
# lexicons, kept as distributed.)
for f in "$ROOT"/rules/lexicon/*-care.tsv "$ROOT"/rules/lexicon/*-grammar.tsv "$ROOT"/rules/lexicon/emoji.tsv; do
	expect_eq "no term twice in $(basename "$f")" \
		"$(grep -v '^#' "$f" | cut -f1 | grep -v '^$' | sort | uniq -d | head -3 | tr '\n' ' ')" ""
done
for f in "$ROOT"/rules/lexicon/*-patterns.tsv; do
	expect_eq "no pattern twice in $(basename "$f")" \
		"$(grep -v '^#' "$f" | cut -f2 | grep -v '^$' | sort | uniq -d | head -3 | tr '\n' ' ')" ""
done

# The README's --explain example is what avis-score prints.
readme_out=$(printf '%s\n' '{"rating":5,"text":"Je ne recommande pas : 3 h d'"'"'attente et personne ne répond au téléphone. Mais le dentiste est TRÈS doux."}' |
	"$BIN/avis-norm" | "$S" --explain 2>&1 >/dev/null | sed 's/^/    /')
expect_eq "README --explain example is current" \
	"$(printf '%s\n' "$readme_out" | while IFS= read -r l; do grep -qxF -- "$l" "$ROOT/README.md" || echo "missing: $l"; done)" ""
