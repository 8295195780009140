#!/usr/bin/awk -f
# Sentiment metrics from lines "source<TAB>expected<TAB>predicted<TAB>health"
# (health: true for the health sources).  Prints one row per source, then
# French, French health, all health (with the English NHS comments),
# English and overall rows: n, balanced binary accuracy (mean of the
# pos and neg recalls over items labeled pos or neg: neu predicted is
# wrong), plain 3-class accuracy and 3-class macro-F1.
BEGIN { FS = "\t" }
function add(g, e, p) {
	groups[g] = 1; n[g]++
	if (e == p) ok[g]++
	tp[g, p] += (e == p); pred[g, p]++; gold[g, e]++
}
{
	add($1, $2, $3)
	if ($1 ~ /^fr-/) add("FR overall", $2, $3)
	if ($4 == "true" && $1 ~ /^fr-/) add("FR health (hospital, pharmacy)", $2, $3)
	if ($4 == "true") add("health, FR and EN (+ NHS)", $2, $3)
	if ($1 ~ /^en-/) add("EN overall", $2, $3)
	add("overall", $2, $3)
}
function recall(g, c) { return gold[g, c] ? tp[g, c] / gold[g, c] : 0 }
function f1(g, c,   p, r) {
	p = pred[g, c] ? tp[g, c] / pred[g, c] : 0; r = recall(g, c)
	return p + r ? 2 * p * r / (p + r) : 0
}
function row(g,   bal, mf, k) {
	bal = (recall(g, "pos") + recall(g, "neg")) / 2
	mf = 0; k = 0
	if (gold[g, "pos"]) { mf += f1(g, "pos"); k++ }
	if (gold[g, "neg"]) { mf += f1(g, "neg"); k++ }
	if (gold[g, "neu"]) { mf += f1(g, "neu"); k++ }
	printf "  %-30s %5d %5d %5d %5d %9.3f %9.3f %9.3f\n", g, n[g], gold[g, "pos"], gold[g, "neg"], gold[g, "neu"],
		bal, ok[g] / n[g], k ? mf / k : 0
}
END {
	print title
	printf "  %-30s %5s %5s %5s %5s %9s %9s %9s\n", "source", "n", "pos", "neg", "neu", "bal.acc", "accuracy", "macro-F1"
	for (g in groups) if (g ~ /^(fr|en)-/) src[++ns] = g
	for (i = 1; i <= ns; i++) for (j = i + 1; j <= ns; j++) if (src[j] < src[i]) { t = src[i]; src[i] = src[j]; src[j] = t }
	for (i = 1; i <= ns; i++) row(src[i])
	row("FR overall"); row("FR health (hospital, pharmacy)"); row("health, FR and EN (+ NHS)"); row("EN overall"); row("overall")
	print "  targets: bal.acc >= 0.85 French and health, >= 0.80 English"
}
