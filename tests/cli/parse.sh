# avis-parse: golden tests on real saved pages (tests/data/parse, see
# SOURCES.md there), site profile errors, charsets, MHTML, Takeout.
P="$BIN/avis-parse"
D="$TESTS/data/parse"

# review_tsv FILE: author, rating, date, first 3 and last 3 words of the
# text, reply yes/no — the columns of the *.expected.tsv files, which were
# written by reading the pages.
review_tsv() {
	printf 'author\trating\tdate\tfirst\tlast\treply\n'
	jq -r 'select(.type != "aggregate") | ([.text // "" | splits("\\s+")] | map(select(. != ""))) as $w |
		[.author, (.rating|tostring), (.date // "null"), ($w[:3]|join(" ")), ($w[-3:]|join(" ")),
		 (if .reply then "yes" else "no" end)] | @tsv' "$1"
}

golden() {   # NAME PAGE NOW
	"$P" --now "$3" "$D/$2" >"$1.jsonl" 2>"$1.err"; rc=$?
	expect_rc "$1: exit 0" $rc 0
	no_sanitizer_report "$1: no sanitizer report" "$1.err"
	review_tsv "$1.jsonl" | tr '\n' ' ' | sed 's/  */ /g' >"$1.got"
	tr '\n' ' ' <"$D/$1.expected.tsv" | sed 's/  */ /g' >"$1.want"
	expect_file_eq "$1: every review (author, rating, date, first/last words, reply)" "$1.got" "$1.want"
}

golden gmaps gmaps_en_cy_restaurant_place_panel.html 2023-04-22
golden pagesjaunes pagesjaunes_fr_restaurant_pro_10avis.html 2026-01-22
golden cuisineaz cuisineaz_fr_recipe_comments_entity_encoded.html 2023-11-28
golden wordpress wordpress_fr_cuisinezpourbebe_comments_dieteticienne_replies.html 2025-08-27
golden trustpilot trustpilot_en_beautytheshop_2025_business_replies.html 2025-05-13
golden trustpilot-fr trustpilot_enUI_fr_burgerking_fr_2024_20reviews.html 2024-06-23
golden yelp yelp_en_us_2016_biz_phone_repair_microdata.html 2016-05-15
golden allrecipes allrecipes_en_jsonld_review_array.html 2024-07-06
golden dealerrater dealerrater_en_us_dealer_reviews_page1.html 2022-02-14

expect_eq "gmaps: the place's global rating as an aggregate record" \
	"$(jq -c 'select(.type == "aggregate") | [.subject, .rating, .count]' gmaps.jsonl)" '["Tipsy Sticks",4.7,20]'
expect_eq "gmaps: relative date precision kept" \
	"$(jq -r 'select(.author=="Ιωάννα Μεζιρίδου") | .date_precision + " " + .date_raw' gmaps.jsonl)" "month a month ago"
expect_eq "gmaps: reply text is the owner's, not the review's" \
	"$(jq -r 'select(.author=="Ana Maria Garcia") | .reply.text' gmaps.jsonl)" "Thank you for your review Ana Maria 😀"
expect_eq "gmaps: source, subject and id prefix" \
	"$(jq -r 'select(.type == null) | [.source, .subject, (.id|test("^gm-[0-9a-f]{16}$"))] | map(tostring) | join("|")' gmaps.jsonl | sort -u)" \
	"google-maps|Tipsy Sticks|true"
expect_eq "pagesjaunes: the owner form is not a reply" "$(jq -r 'select(.reply != null)' pagesjaunes.jsonl)" ""
expect_eq "pagesjaunes: aggregate from JSON-LD (4,1 on 10 reviews)" \
	"$(jq -c 'select(.type=="aggregate") | [.subject, .rating, .count]' pagesjaunes.jsonl)" '["L'"'"'Entracte",4.1,10]'
expect_eq "cuisineaz: entity-encoded newline and accents decoded" \
	"$(jq -r 'select(.author=="Valentin") | .text' cuisineaz.jsonl)" \
	"Super recette N'hésitez pas a visiter ma boutique https://maitrecoutelier.com/"
expect_eq "ids are stable across runs" \
	"$("$P" --now 2023-04-22 "$D/gmaps_en_cy_restaurant_place_panel.html" | jq -r .id | tr '\n' ' ')" \
	"$(jq -r .id gmaps.jsonl | tr '\n' ' ')"
expect_eq "key order of a review record" \
	"$(jq -c 'select(.author=="Ana Maria Garcia") | keys_unsorted' gmaps.jsonl)" \
	'["id","source","file","url","subject","author","rating","date","date_raw","date_precision","text","reply"]'

# --- counts on the other real pages (SOURCES.md gives them) ----------------------
count_of() { "$P" --now 2025-06-01 "$D/$1" 2>/dev/null | jq -r "$2" | wc -l | tr -d ' '; }
expect_eq "trustpilot FR: a text that ends in 'Plus jamais !' keeps its 'Plus'" \
	"$(jq -r 'select(.author == "Denderah Temple") | .text' trustpilot-fr.jsonl | tail -c 14)" "Plus jamais !"
expect_eq "trustpilot: 20 reviews (4 repeated cards dropped)" \
	"$(count_of trustpilot_en_beautytheshop_2025_business_replies.html 'select(.type!="aggregate") | .id')" 20
expect_eq "trustpilot: 16 business replies" \
	"$(count_of trustpilot_en_beautytheshop_2025_business_replies.html 'select(.reply != null) | .id')" 16
expect_eq "trustpilot: reply author and date" \
	"$("$P" "$D/trustpilot_en_beautytheshop_2025_business_replies.html" | jq -r 'select(.reply != null) | .reply.author' | sort -u)" \
	"BeautyTheShop"
expect_eq "yelp microdata: 20 reviews, all 5 stars" \
	"$(count_of yelp_en_us_2016_biz_phone_repair_microdata.html 'select(.rating == 5 and .type == null) | .author')" 20
expect_eq "yelp microdata: first author and date" \
	"$("$P" "$D/yelp_en_us_2016_biz_phone_repair_microdata.html" | jq -r 'select(.type == null) | .author + " " + .date' | head -1)" \
	"Juelz T. 2016-04-16"
expect_eq "allrecipes JSON-LD: 10 reviews" \
	"$(count_of allrecipes_en_jsonld_review_array.html 'select(.type == null) | .id')" 10
expect_eq "allrecipes JSON-LD: first review has no date" \
	"$("$P" "$D/allrecipes_en_jsonld_review_array.html" | jq -c 'select(.type == null) | [.author, .date]' | head -1)" '["G8RTCHR",null]'
expect_eq "allrecipes JSON-LD: aggregate 4.8 on 489" \
	"$("$P" "$D/allrecipes_en_jsonld_review_array.html" | jq -c 'select(.type == "aggregate") | [.rating, .count]')" '[4.8,489]'
expect_eq "wordpress: the dietitians' replies" \
	"$("$P" "$D/wordpress_fr_cuisinezpourbebe_comments_dieteticienne_replies.html" | jq -r 'select(.reply != null) | .reply.author' | sort | uniq -c | awk '{print $1, $2}' | tr '\n' ' ')" \
	"3 Alice 2 Leila "
"$P" -v "$D/google_serp_en_us_coffee_localpack_nojs.html" >serp.jsonl 2>serp.err; rc=$?
expect_rc "SERP local pack: no review, exit 1" $rc 1
expect_eq "SERP local pack: three aggregates" "$(jq -c '[.subject, .rating, .count]' serp.jsonl | tr '\n' ' ')" \
	'["Scooter'"'"'s Coffee",4.5,60] ["Ane Mae'"'"'s Coffee and Sandwich Shop",4.7,389] ["Cafe Lala",5,2] '
expect_match "-v names the site" "$(cat serp.err)" "site google-serp, 0 reviews, 0 replies, 3 aggregates"

# --- nothing recognised, errors ----------------------------------------------------
printf '<html><body><p>Bonjour</p></body></html>' >plain.html
"$P" plain.html >out 2>err; rc=$?
expect_rc "nothing recognised: exit 1" $rc 1
expect_eq "nothing recognised: message" "$(cat err)" \
	"avis-parse: plain.html: no reviews found (site not recognised — see avis-sites(5))"
"$P" missing.html >out 2>err; rc=$?
expect_rc "missing file: exit 2" $rc 2
mkdir -p dir/sub && cp "$D/gmaps_en_cy_restaurant_place_panel.html" dir/sub/a.html
"$P" dir >out 2>err; rc=$?
expect_rc "directory without -r: exit 2" $rc 2
"$P" -r --now 2023-04-22 dir >out 2>err; rc=$?
expect_eq "-r reads pages in sub-directories" "$rc $(jq -r 'select(.type == null) | .file' out | sort | uniq -c | awk '{print $1, $2}')" "0 3 dir/sub/a.html"
printf '<div><div><div>' >deep.html
for _ in $(seq 12); do cat deep.html deep.html >deep2.html; mv deep2.html deep.html; done
"$P" deep.html >out 2>err; rc=$?
expect_rc "deeply nested HTML survives" $rc 1
no_sanitizer_report "deeply nested HTML: no sanitizer report" err

# --- charsets ---------------------------------------------------------------
# ISO-8859-1 cannot hold the typographic apostrophe: iconv writes "'".
sed 's/charset="UTF-8"/charset="ISO-8859-1"/' "$D/pagesjaunes_fr_restaurant_pro_10avis.html" |
	iconv -f UTF-8 -t ISO-8859-1//TRANSLIT >latin1.html
"$P" --now 2026-01-22 latin1.html >latin1.jsonl 2>err
expect_eq "ISO-8859-1 page (meta charset): every review, French dates read" \
	"$(review_tsv latin1.jsonl | sed "s/’/'/g" | md5sum)" "$(review_tsv pagesjaunes.jsonl | sed "s/’/'/g" | md5sum)"
expect_eq "ISO-8859-1 page: accents decoded" \
	"$(jq -r 'select(.author=="wllswbb") | .text[:40]' latin1.jsonl)" "Très bonne adresse à deux pas de l'Opéra"
expect_eq "ISO-8859-1 page: no repair flag (the bytes are what they claim)" "$(jq -r '.flags // empty' latin1.jsonl)" ""
sed 's/charset="UTF-8"/charset="windows-1252"/' "$D/pagesjaunes_fr_restaurant_pro_10avis.html" | iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT >cp1252.html
"$P" --now 2026-01-22 cp1252.html >cp1252.jsonl 2>err
expect_eq "Windows-1252 page decoded (typographic apostrophe)" \
	"$(jq -r 'select(.author=="wllswbb") | .text[:40]' cp1252.jsonl)" "Très bonne adresse à deux pas de l’Opéra"
iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT "$D/pagesjaunes_fr_restaurant_pro_10avis.html" >liar.html
"$P" --now 2026-01-22 liar.html >liar.jsonl 2>err
expect_eq "claims UTF-8 but is not: read as Windows-1252 and flagged" \
	"$(jq -r 'select(.author=="SerG") | [.text[:16], (.flags|join(","))] | join("|")' liar.jsonl)" "Service et accue|repaired-utf8"
expect_match "claims UTF-8 but is not: warned" "$(cat err)" "liar.html: warning: not valid UTF-8 as declared"

# --- MHTML ------------------------------------------------------------------
{
	printf 'From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.google.com/maps/place/x\r\n'
	printf 'Subject: x\r\nDate: Sat, 22 Apr 2023 10:00:00 -0000\r\nMIME-Version: 1.0\r\n'
	printf 'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--abc----"\r\n\r\n\r\n'
	printf -- '------MultipartBoundary--abc----\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n'
	printf 'Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://www.google.com/maps/place/x\r\n\r\n'
	python3 -c 'import quopri,sys; sys.stdout.buffer.write(quopri.encodestring(open(sys.argv[1],"rb").read()).replace(b"\n", b"\r\n"))' \
		"$D/gmaps_en_cy_restaurant_place_panel.html"
	printf -- '\r\n------MultipartBoundary--abc------\r\n'
} >page.mhtml
"$P" page.mhtml >mhtml.jsonl 2>err; rc=$?
expect_rc "MHTML (quoted-printable): exit 0" $rc 0
expect_eq "MHTML: reviews as from the HTML, dates from the archive's Date:" \
	"$(jq -r '[.author, .date, .url] | join("|")' mhtml.jsonl | head -1)" \
	"Nikolas Melillos|2023-04-15|https://www.google.com/maps/place/x"

# --- Google Takeout -------------------------------------------------------------
cat >takeout.json <<'EOT'
{"reviews": [
 {"name": "accounts/1/locations/2/reviews/A", "reviewer": {"displayName": "Marie L."},
  "starRating": "TWO", "comment": "Attente interminable, accueil froid.",
  "createTime": "2025-09-14T08:12:00Z",
  "reviewReply": {"comment": "Merci pour votre retour.", "updateTime": "2025-09-15T09:00:00Z"}},
 {"name": "accounts/1/locations/2/reviews/B", "reviewer": {"displayName": "Paul"},
  "starRating": "FIVE", "createTime": "2025-10-01T10:00:00Z"}
]}
EOT
"$P" takeout.json >takeout.jsonl 2>err; rc=$?
expect_rc "Takeout: exit 0" $rc 0
expect_eq "Takeout: reviews, star words, reply" \
	"$(jq -c '[.source, .author, .rating, .date, .text, .reply.text, .reply.date]' takeout.jsonl | tr '\n' ' ')" \
	'["takeout","Marie L.",2,"2025-09-14","Attente interminable, accueil froid.","Merci pour votre retour.","2025-09-15"] ["takeout","Paul",5,"2025-10-01",null,null,null] '

# --- site profile errors -----------------------------------------------------------
mkdir -p r1/sites
printf 'name = x\ndetect = //div[\n' >r1/sites/a.site
"$P" --rules r1 plain.html >out 2>err; rc=$?
expect_rc "bad XPath: exit 2" $rc 2
expect_match "bad XPath: FILE:LINE" "$(cat err)" "r1/sites/a.site:2: bad XPath: //div\["
printf 'name = x\ndetect = //div\n[review]\nselect = //li\ntext = . ~ (unclosed\n' >r1/sites/a.site
"$P" --rules r1 plain.html >out 2>err
expect_match "bad regex: FILE:LINE" "$(cat err)" "r1/sites/a.site:5: bad regex: .*missing closing parenthesis"
printf 'name = x\ndetect = //div\n[review]\ntext = .\n' >r1/sites/a.site
"$P" --rules r1 plain.html >out 2>err
expect_match "missing key: FILE:LINE" "$(cat err)" "r1/sites/a.site:3: \[review\]: missing key 'select'"
printf 'name = x\ndetect = //div\n[review]\nselect = //li\ntext = .\ncolour = red\n' >r1/sites/a.site
"$P" --rules r1 plain.html >out 2>err
expect_match "unknown key: FILE:LINE" "$(cat err)" "r1/sites/a.site:6: unknown key 'colour' in \[review\]"
printf 'name = x\ndetect = nope(1)\n' >r1/sites/a.site
"$P" --rules r1 plain.html >out 2>err
expect_match "unknown XPath function: FILE:LINE" "$(cat err)" "r1/sites/a.site:2: bad XPath"

# --- a new site is a new file, no C -----------------------------------------------------
mkdir -p r2/sites
cat >r2/sites/cabinet.site <<'EOT'
name = cabinet-demo
id = cd
detect = //ul[@id='avis']
subject = //h1
[review]
select = //ul[@id='avis']/li
author = .//b
rating = .//span/@title ~ Noté ([0-9],[0-9]) sur 5
date = .//i
text = .//q
EOT
printf '<html><body><h1>Cabinet du Parc</h1><ul id="avis"><li><b>Marie</b><span title="Noté 4,0 sur 5">★★★★☆</span><i>il y a 2 mois</i><q>Très bien</q><button>J%saime</button></li></ul></body></html>' "'" >cab.html
expect_eq "a new site profile, regex capture, French relative date" \
	"$("$P" --rules r2 --now 2025-11-14 cab.html | jq -c '[.source, .subject, .author, .rating, .date, .date_precision, .text]')" \
	'["cabinet-demo","Cabinet du Parc","Marie",4,"2025-09-14","month","Très bien"]'

# --- French Google Maps UI: the real page with its UI strings translated as
# Google writes them in French (labels, relative dates, buttons) ------------
sed -e 's/aria-label=" \([0-9]\) stars\{0,1\} "/aria-label=" \1 étoiles "/g' \
    -e 's/>a week ago</>il y a une semaine</; s/>4 weeks ago</>il y a 4 semaines</' \
    -e 's/>a month ago</>Modifié il y a un mois</g; s/>3 weeks ago</>il y a 3 semaines</' \
    -e 's/>Response from the owner</>Réponse du propriétaire</g' \
    -e 's/>More</>Plus</g; s/>Like</>J'"'"'aime</g; s/>Share</>Partager</g' \
    "$D/gmaps_en_cy_restaurant_place_panel.html" >gmaps-fr.html
"$P" --now 2023-04-22 gmaps-fr.html >fr.jsonl 2>err
expect_eq "gmaps FR: ratings from 'N étoiles', French relative dates" \
	"$(jq -r 'select(.type == null) | [.rating, .date, .date_precision] | map(tostring) | join(" ")' fr.jsonl | tr '\n' '|')" \
	"4 2023-04-15 week|5 2023-03-25 week|5 2023-03-22 month|"
expect_eq "gmaps FR: reply dated from 'il y a 3 semaines'" \
	"$(jq -r 'select(.reply) | .reply.date' fr.jsonl | tr '\n' ' ')" "2023-04-01 2023-03-22 "
expect_eq "gmaps FR: no UI chrome in texts (Plus, J'aime, Partager, Réponse du propriétaire)" \
	"$(jq -r 'select(.type == null) | .text, .reply.text' fr.jsonl | grep -cE "Plus|J'aime|Partager|Réponse du propriétaire|★")" 0
expect_eq "gmaps FR: same texts as the English page" \
	"$(jq -r 'select(.type == null) | .text' fr.jsonl | md5sum)" "$(jq -r 'select(.type == null) | .text' gmaps.jsonl | md5sum)"

# --- the filter contract -----------------------------------------------------------
"$P" --now 2023-04-22 - <"$D/gmaps_en_cy_restaurant_place_panel.html" >stdin.jsonl 2>err; rc=$?
expect_eq "stdin: read as <stdin>" "$rc $(jq -r .file stdin.jsonl | sort -u)" "0 <stdin>"
if [ -w /dev/full ]; then
	"$P" -o /dev/full "$D/gmaps_en_cy_restaurant_place_panel.html" 2>err; rc=$?
	expect_rc "a failed write is an error" $rc 2
fi
"$P" --now yesterday plain.html >out 2>err; rc=$?
expect_rc "--now with a bad date: exit 2" $rc 2
"$P" -q -v --now 2023-04-22 "$D/gmaps_en_cy_restaurant_place_panel.html" plain.html >out 2>err; rc=$?
expect_eq "one file with reviews is enough for exit 0; -q silences" "$rc $(wc -c <err | tr -d ' ')" "0 0"
"$P" "$D/gmaps_en_cy_restaurant_place_panel.html" "$D/gmaps_en_cy_restaurant_place_panel.html" >twice.jsonl 2>/dev/null
expect_eq "de-duplication is per page: the same page twice gives its reviews twice" "$(wc -l <twice.jsonl | tr -d ' ')" 8

# --- MHTML with a base64 part and a declared charset --------------------------
{
	printf 'From: <Saved by Blink>\nSnapshot-Content-Location: https://www.pagesjaunes.fr/pros/05416214\n'
	printf 'Date: Thu, 22 Jan 2026 09:00:00 +0100\nMIME-Version: 1.0\n'
	printf 'Content-Type: multipart/related; type="text/html"; boundary=XYZ\n\n'
	printf -- '--XYZ\nContent-Type: text/html; charset=windows-1252\nContent-Transfer-Encoding: base64\n\n'
	sed 's/<meta charset="UTF-8">//g' "$D/pagesjaunes_fr_restaurant_pro_10avis.html" | iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT | base64
	printf -- '--XYZ\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--XYZ--\n'
} >pj.mhtml
"$P" pj.mhtml >pj.jsonl 2>err; rc=$?
expect_rc "MHTML (base64, windows-1252 part): exit 0" $rc 0
expect_eq "MHTML (base64): every review, charset from the part header" \
	"$(review_tsv pj.jsonl | md5sum)" "$(review_tsv pagesjaunes.jsonl | md5sum)"

# --- the worked example of avis-sites(5) works as printed ------------------------
mkdir -p r3/sites
sed -n '/^# Cabinet du Parc/,/^reply.text/p' "$ROOT/man/man5/avis-sites.5" >r3/sites/cabinet-du-parc.site
{
	printf '<html><head><link rel="canonical" href="https://cabinet-du-parc.example/avis"></head><body>\n'
	sed -n '/^<h1>Cabinet dentaire du Parc/,/^<\/ul>/p' "$ROOT/man/man5/avis-sites.5"
	printf '</body></html>\n'
} >cabinet.html
expect_eq "avis-sites(5) example: the profile reads the example page" \
	"$("$P" --rules r3 cabinet.html | jq -c '[.source, .subject, .author, .rating, .date, .text, .reply.author, .reply.text]')" \
	'["cabinet-du-parc","Cabinet dentaire du Parc","Marie L.",2,"2025-09-14","Attente interminable…","Dr X","Merci pour votre retour."]'

# --- a review shown twice on a page comes out once -----------------------------------
# A real Google Maps card (from the fuzz seeds, cut from the test page)
# repeated, as a panel re-rendered before saving shows it.
card=$(sed -n 's|.*\(<div class="jftiEf.*\)</body></html>|\1|p' "$TESTS/fuzz/seeds/html/gmaps-card.html")
printf '<html><body><h1 class="DUwDvf">Tipsy Sticks</h1>%s%s</body></html>' "$card" "$card" >dup.html
"$P" -v --now 2023-04-22 dup.html >dup.jsonl 2>err
expect_eq "a card shown twice (same data-review-id) gives one review" \
	"$(jq -r 'select(.type == null) | .author' dup.jsonl)" "Ana Maria Garcia"
expect_match "-v counts the duplicate" "$(cat err)" "site google-maps, 1 review, 1 reply, 0 aggregates \(duplicates dropped\)"

# --- progress on stderr: only on a terminal, only for more than a few files -------------
six=$(for _ in 1 2 3 4 5 6; do printf '%s ' "$D/gmaps_en_cy_restaurant_place_panel.html"; done)
"$P" --now 2023-04-22 $six >/dev/null 2>err
expect_eq "no progress when stderr is not a terminal" "$(cat err)" ""
if command -v script >/dev/null; then
	script -qc "$P --now 2023-04-22 $six >/dev/null" /dev/null >tty.out 2>&1
	expect_match "progress on a terminal" "$(tr '\r' '\n' <tty.out)" "avis-parse: 6/6 files"
fi

# --- empty and broken inputs ---------------------------------------------------------
: >empty.html
"$P" empty.html >out 2>err; rc=$?
expect_eq "an empty file: no reviews, not an error" "$rc $(cat err)" \
	"1 avis-parse: empty.html: no reviews found (site not recognised — see avis-sites(5))"
printf '{"reviews": [' >broken.json
"$P" broken.json >out 2>err; rc=$?
expect_eq "a broken Takeout file: error, once" "$rc $(cat err)" \
	"2 avis-parse: broken.json:1: invalid JSON: ']' expected near end of file"
head -c 300000 "$D/trustpilot_en_beautytheshop_2025_business_replies.html" >cut.html
"$P" --now 2025-05-13 cut.html >cut.jsonl 2>err; rc=$?
expect_eq "a page cut short (download interrupted): the reviews it holds" \
	"$rc $(jq -r 'select(.type == null) | .author' cut.jsonl | head -2 | tr '\n' '|')" "0 Barb Young|Paul|"
no_sanitizer_report "a page cut short: no sanitizer report" err

# --- DealerRater: rating in a class name, expanded text, "by " prefix ------------------
expect_eq "dealerrater: 50-point class rating kept as rating_raw" \
	"$(jq -r 'select(.type == null) | [.rating, .rating_raw] | map(tostring) | join(" ")' dealerrater.jsonl | sort -u)" "5 50"
expect_eq "dealerrater: JSON-LD aggregate (the counts on the page disagree: 2204 here)" \
	"$(jq -c 'select(.type == "aggregate") | [.source, .rating, .count]' dealerrater.jsonl)" '["dealerrater",4.9,2204]'

# --- a listing page: global ratings only, no review ------------------------------------
"$P" -v "$D/pagesjaunes_fr_listing_restaurants_paris_aggregate.html" >pjl.jsonl 2>err; rc=$?
expect_rc "PagesJaunes listing: no review, exit 1" $rc 1
expect_eq "PagesJaunes listing: one aggregate per business with a note (16)" \
	"$(jq -r '.type' pjl.jsonl | sort | uniq -c | awk '{print $1, $2}')" "16 aggregate"
expect_eq "PagesJaunes listing: 'Note moyenne 4.1/5' and '(10 avis)'" \
	"$(jq -c 'select(.subject == "L'"'"'Entracte") | [.rating, .count]' pjl.jsonl)" "[4.1,10]"

# --- the page's own save date and URL -------------------------------------------------
{
	printf '<!-- saved from url=(0052)https://www.pagesjaunes.fr/pros/cabinet-dentaire-x -->\n'
	printf '<!--\n Page saved with SingleFile \n url: https://x.example/a \n'
	printf ' saved date: Fri Nov 14 2025 10:05:11 GMT+0100 (heure normale d’Europe centrale)\n-->\n'
	printf '<html><body><h1>Cabinet du Parc</h1><ul id="avis"><li><b>Marie</b>'
	printf '<span title="Noté 4,0 sur 5"></span><i>il y a 2 mois</i><q>Très bien</q></li></ul></body></html>'
} >saved.html
touch -d 2020-01-01 saved.html
expect_eq "URL from 'saved from url=(N)', relative date from SingleFile's saved date (not mtime)" \
	"$("$P" --rules r2 saved.html | jq -c '[.url, .date, .date_precision]')" \
	'["https://www.pagesjaunes.fr/pros/cabinet-dentaire-x","2025-09-14","month"]'
sed '1,6d' saved.html >mtime.html
touch -d 2024-03-10T12:00:00Z mtime.html
expect_eq "without a save date in the page: the file's modification time" \
	"$("$P" --rules r2 mtime.html | jq -r .date)" "2024-01-10"

# --- numbers as written: 4.8, not 4.7999999999999998 ------------------------------------
expect_match "ratings written in their short form" \
	"$("$P" "$D/allrecipes_en_jsonld_review_array.html" | grep '"type":"aggregate"')" '"rating":4\.8,'
expect_eq "a real that needs 17 digits keeps them (records pass through unchanged)" \
	"$(printf '%s\n' '{"x":0.30000000000000004,"y":4.8}' | "$BIN/avis-norm" -q | cut -d, -f1-2)" \
	'{"x":0.30000000000000004,"y":4.7999999999999998'

# --- common options ---------------------------------------------------------------------
"$P" --help >help.out 2>&1; rc=$?
expect_eq "--help: usage, exit 0" "$rc $(head -1 help.out)" "0 Usage: avis-parse [OPTION]... [FILE|DIR]..."
expect_match "--version" "$("$P" --version)" "^avis-parse \(avis\) [0-9]+\.[0-9]+"
"$P" --no-such-option </dev/null >/dev/null 2>err; rc=$?
expect_eq "unknown option: exit 2, named" "$rc $(grep -c no-such-option err)" "2 1"
"$P" -o out.jsonl --now 2023-04-22 "$D/gmaps_en_cy_restaurant_place_panel.html"; rc=$?
expect_eq "-o FILE" "$rc $(wc -l <out.jsonl | tr -d ' ')" "0 4"

# Symbolic links back up the tree: each page read once, no loop.
mkdir -p loop
cp "$TESTS/data/parse/pagesjaunes_fr_restaurant_pro_10avis.html" loop/
ln -s . loop/a
ln -s . loop/b
n=$(timeout 60 "$BIN/avis-parse" -r --now=2025-01-01 loop | wc -l)
expect_eq "parse -r: symlinked folders read once (10 reviews + 1 aggregate)" "$n" 11

# JSON-LD with raw line breaks inside strings (JSON forbids them; pages do it).
printf '<script type="application/ld+json">{"@type":"Dentist","name":"Dr Y","review":[{"@type":"Review","reviewRating":{"ratingValue":"2"},"reviewBody":"Attente.\nNul."},{"@type":"Review","reviewRating":{"ratingValue":"5"},"reviewBody":"Parfait"}]}</script>\n' >ldnl.html
expect_eq "parse: JSON-LD with raw line breaks still read" \
	"$("$BIN/avis-parse" --now 2025-01-01 ldnl.html | jq -r '[.rating, .text] | @tsv' | tr '\n' '|')" \
	"$(printf '2\tAttente. Nul.|5\tParfait|')"

# A rules directory that does not exist is an error, not "no profiles".
"$BIN/avis-parse" --rules="$TMP/typo" --now=2025-01-01 "$TESTS/data/parse/trustpilot_en_beautytheshop_2025_business_replies.html" >/dev/null 2>err; rc=$?
expect_rc "parse: missing rules directory exits 2" $rc 2
expect_match "parse: missing rules directory named" "$(cat err)" "typo: No such file or directory"
