# avis-stats on a hand-counted corpus (tests/data/stats/corpus.jsonl).
# Every expected figure below was counted by hand; the working is shown.
S="$BIN/avis-stats"
C="$TESTS/data/stats/corpus.jsonl"

"$S" -f json --now 2025-04-01 "$C" >sum.json 2>err; rc=$?
expect_rc "stats: exit 0" $rc 0
q() { jq -c "$1" sum.json; }

# 14 records, one of them the page's aggregate.
expect_eq "reviews (aggregate not counted)" "$(q .reviews)" 13
expect_eq "sources" "$(q .sources)" '{"google-maps":7,"pagesjaunes":3,"trustpilot":3}'
expect_eq "aggregates listed" "$(q '.aggregates[0] | [.subject, .rating, .count]')" '["Cabinet du Parc",4.1,10]'
# rated: all but s8 (null) and s14 (none) = 11; sum 5+4+1+2+1+3+5+1+5+4.5+2 = 33.5
expect_eq "rated" "$(q .rating.count)" 11
expect_eq "mean rating 33.5/11" "$(q '.rating.mean * 1000 | round')" 3045
# 4.5 rounds to 5: 5★ s1 s7 s10 s12; 4★ s2; 3★ s6; 2★ s4 s13; 1★ s3 s5 s9
expect_eq "distribution" "$(q .rating.distribution)" '{"1":3,"2":2,"3":1,"4":1,"5":4}'
# negative: rating <= 2 (s3 s4 s5 s9 s13) + unrated with label neg (s8) = 6 of 13
expect_eq "negative count" "$(q .negative.count)" 6
expect_eq "negative share" "$(q '.negative.share * 1000 | round')" 462
# replied: s1 s3 s6 s10 s12 s13 = 6; on negative: s3 s13 = 2 of 6
expect_eq "replies" "$(q .replies.count)" 6
expect_eq "reply rate on negative" "$(q '.replies.negative_rate * 1000 | round')" 333
# delays: s1 0 h, s10 9 h, s6 36 h, s3 48 h, s13 744 h; s12 replied the day before
expect_eq "reply delays" "$(q '.replies.delay_hours | [.n, .q1, .median, .q3, .under_24h, .before_review]')" '[5,9,36,48,2,1]'
expect_eq "reply delay buckets" "$(q .replies.delay_hours.buckets)" '{"under_1d":2,"1_to_2d":1,"2_to_7d":1,"7_to_30d":0,"over_30d":1}'
# laudatory (rating >= 5): s1 s7 s10; answered s1 s10
expect_eq "laudatory" "$(q '.replies.laudatory | [.count, .replied]')" '[3,2]'
# months: 2024-12 s9 (1); 2025-01 s1 s2 s10 (14/3); 2025-02 s3 s4 s12 (7.5/3);
# 2025-03 s5 s6 s7 s8 s13 (rated 4: 11/4); s14 has no date
expect_eq "months" "$(q '[.months[] | [.month, .count, (.mean * 100 | round)]]')" \
	'[["2024-12",1,100],["2025-01",3,467],["2025-02",3,250],["2025-03",5,275]]'
expect_eq "findings by level" "$(q .findings.by_level)" '{"warning":3,"error":1}'
expect_eq "findings by rule, most first" "$(q '[.findings.by_rule[] | [.rule, .level, .count]]')" \
	'[["abuse.insult","warning",2],["pub.reply-to-laudatory","warning",1],["secret.confirms-patient","error",1]]'
# attente: -0.9 (s8) -0.3 (s10); prix -0.2; accueil +0.8
expect_eq "aspects, most hurtful first" "$(q '[.aspects[] | [.aspect, .mentions, (.negative_weight * 10 | round)]]')" \
	'[["attente",2,12],["prix",1,2],["accueil",1,0]]'
expect_eq "sentiment labels" "$(q '.sentiment | [.labels, .scored]')" '[{"neg":1,"pos":1},0]'
# waiting: s9 (1★, 2024-12-30), s5 (1★, 2025-03-01), s4 (2★), s8 (unrated);
# days to 2025-04-01: 92, 31, 50, 10
expect_eq "awaiting a reply, by priority" "$(q '[.awaiting_reply[] | [.id, .days_waiting]]')" \
	'[["s9",92],["s5",31],["s4",50],["s8",10]]'

"$S" --now 2025-04-01 "$C" >table.txt
expect_match "table: overview" "$(cat table.txt)" "reviews +13"
expect_match "table: percentages" "$(cat table.txt)" "negative share +46\.2 %"
"$S" -f md --now 2025-04-01 "$C" >sum.md
expect_match "md: title" "$(head -1 sum.md)" "^# Review audit$"
expect_match "md: table rows" "$(cat sum.md)" '\| reviews \| 13 \|'
expect_match "md: findings table" "$(cat sum.md)" '\| abuse\.insult \| warning \| 2 \|'

# Memory stays bounded: the waiting list keeps the 20 most urgent only.
for i in $(seq 1 50); do printf '{"id":"w%d","rating":1,"date":"2025-01-%02d"}\n' "$i" $(( (i % 28) + 1 )); done >many.jsonl
expect_eq "waiting list bounded" "$("$S" -f json --now 2025-02-01 many.jsonl | jq '.awaiting_reply | length')" 20
"$S" --now 2025-13-01 "$C" >/dev/null 2>err; rc=$?
expect_rc "bad --now exits 2" $rc 2
expect_match "bad --now named" "$(cat err)" "--now: '2025-13-01' is not a date"

# Bad lines are reported and skipped; the good records are counted.
printf '%s\n' '{"id":"a","rating":5}' '{"id":' '[1]' '{"id":"b","rating":1}' >mixed.jsonl
"$S" -f json mixed.jsonl >out 2>err; rc=$?
expect_rc "stats: bad lines make exit 2" $rc 2
expect_eq "stats: good records counted" "$(jq .reviews out)" 2
expect_eq "stats: bad lines reported" "$(grep -c 'invalid record' err)" 2
"$S" -f json </dev/null >out; rc=$?
expect_rc "stats: empty input is fine" $rc 0
expect_eq "stats: empty input, zero reviews, no mean" "$(jq -c '[.reviews, .rating.mean, .replies.rate]' out)" '[0,null,null]'
"$S" "$C" >/dev/full 2>err; rc=$?
expect_rc "stats: full disk exits 2" $rc 2

# Ratings off the 5-point scale do not move the mean.
printf '%s\n' '{"rating":50}' '{"rating":5}' '{"rating":-1}' '{"rating":3}' >scale.jsonl
expect_eq "stats: off-scale ratings counted apart" "$("$S" -f json scale.jsonl | jq -c '[.rating.count, .rating.off_scale, .rating.mean]')" '[2,2,4]'
# Markdown cells from records cannot break the document; odd types are fine.
printf '%s\n' '{"type":"aggregate","subject":[],"rating":4.5,"count":10}' '{"id":"a","source":"s|t\n## h\u001b[2J","rating":1}' >odd.jsonl
"$S" -f md --now=2025-01-01 odd.jsonl >odd.md 2>err; rc=$?
expect_rc "stats md: odd records, exit 0" $rc 0
expect_no_match "stats md: no injected heading" "$(cat odd.md)" '^## h'
expect_no_match "stats md: no escape character" "$(cat odd.md)" $'\033'
expect_no_match "stats md: no (null)" "$(cat odd.md)" '\(null\)'
