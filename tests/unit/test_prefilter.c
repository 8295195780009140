/* Unit tests: the prefilter's parts, reqlit (the literals a regex cannot
 * match without) and litscan (finding many literals in one pass). */
#define _GNU_SOURCE   /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "harness.h"
#include "litscan.h"
#include "reqlit.h"
#include "rules.h"

/* The clauses of re as text: "{a,b} {c}" (sorted as found). */
static void clauses(const char *re, unsigned flags, char *out, size_t outsz)
{
	avis_reqlit rl;
	avis_reqlit_find(re, strlen(re), flags, &rl);
	size_t at = 0;
	out[0] = '\0';
	for (size_t k = 0; k < rl.n; k++) {
		at += (size_t)snprintf(out + at, outsz - at, "%s{", k ? " " : "");
		for (size_t i = 0; i < rl.all[k].n; i++)
			at += (size_t)snprintf(out + at, outsz - at, "%s%s", i ? "," : "", rl.all[k].v[i]);
		at += (size_t)snprintf(out + at, outsz - at, "}");
	}
	avis_reqlit_free(&rl);
}

static void expect_flags(T *t, const char *re, unsigned flags, const char *want)
{
	char got[1024];
	clauses(re, flags, got, sizeof got);
	char what[256];
	snprintf(what, sizeof what, "reqlit (flags %u): %s", flags, re);
	CHECK_STR(t, got, strlen(got), want, what);
}

static void expect(T *t, const char *re, bool caseless, const char *want)
{
	expect_flags(t, re, caseless ? AVIS_REQLIT_CASELESS : 0, want);
}

void test_reqlit(T *t)
{
	expect(t, "\\bboucherie\\b", false, "{boucherie}");
	expect(t, "\\bje\\s+souffre\\b", false, "{je} {souffre}");
	expect(t, "meilleure?s?", false, "{meilleur}");
	expect(t, "ab?c", false, "{abc,ac}");
	expect(t, "caf[ée]", false, "{café,cafe}");
	expect(t, "\\d+\\s?(?:€|euros?)", false, "{€,euro}");
	expect(t, "(?:votre|vos)\\s+(?:\\w+\\s+){0,2}?traitements?", false, "{votre,vos} {traitement}");
	expect(t, "a\\.b", false, "{a.b}");
	expect(t, "(?<name>foo)bar", false, "{foobar}");
	expect(t, "(?=abc)d", false, "{d}");                /* lookaround: no literal of its own */
	expect(t, "x(?!abc)y", false, "{xy}");
	expect(t, "[^ab]c", false, "{c}");
	expect(t, "(?:ab)+c", false, "{ab} {c}");
	/* nothing required, or not understood: no clause (run the pattern) */
	expect(t, "\\w+", false, "");
	expect(t, "abc|", false, "");
	expect(t, "a*", false, "");
	expect(t, "(a)\\1", false, "");
	expect(t, "a(?i)bc", false, "");
	expect(t, "a\\Qb\\E", false, "");
	expect(t, "\\x41bc", false, "");
	expect(t, "(*UTF)abc", false, "");
	expect(t, "a{,3}b", false, "");
	expect(t, "(?x)a b", false, "");
	expect(t, "(a", false, "");
	/* caseless: ASCII lowered, other characters unknown */
	expect(t, "Madame", true, "{madame}");
	expect(t, "caf[ée]S", true, "{caf} {s}");
	expect(t, "(?-i:\\p{Lu})ab", true, "{ab}");
	expect(t, "ab(?-i:X)cd", false, "{ab} {cd}");
	/* a brace after \\d or after a range's end is a member of the class */
	expect(t, "[!\\d{]|}]wxyz", false, "");
	expect(t, "wxyz[a-z{]}|abc\\s]", false, "{wxyz,abc}");
	expect(t, "[a-\\x{7a}]bc", false, "{bc}");
	expect(t, "[\\p{L}\\x{41}]bc", false, "{bc}");
	/* repeats: n copies one after the other */
	expect(t, "[!?]{3,}", false, "{!!!,!!?,!?!,!??,?!!,?!?,?\?!,???}");
	expect(t, "(?:ab){2}c", false, "{ababc}");
	expect(t, "(?:ab){2,5}c", false, "{abab} {c}");
	expect(t, "x{20}", false, "{xxxxxxxx}");
	/* plain words are read a run at a time: the same literals as one
	 * character at a time, a quantified last letter left to its
	 * quantifier, a literal cut at 64 bytes */
	expect(t, "implants?", false, "{implant}");
	expect(t, "(?:a|b)cd-e'f g", false, "{acd-e'f g,bcd-e'f g}");
	expect(t, "MADAME Dupont", true, "{madame dupont}");
	expect(t, "ab{2}c", false, "{abbc}");
	expect(t, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefXYZ", false,
	       "{0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef} {X} {YZ}");
	/* a folded text: whitespace one character at a time, a space */
	unsigned one = AVIS_REQLIT_ONE_SPACE;
	expect_flags(t, "\\bde\\s+votre\\s+fait\\b", one, "{de votre fait}");
	expect_flags(t, "\\bde\\s+votre\\s+fait\\b", 0, "{de} {votre} {fait}");
	expect_flags(t, "a\\s*b", one, "{a b,ab}");
	expect_flags(t, "a\\s?b", one, "{a b,ab}");
	expect_flags(t, "ab\\s{2}cd", one, "{ab} {cd}");  /* never matches: nothing joined */
	expect_flags(t, "(?:\\s)+x", one, "{ } {x}");    /* a group: read as before */
	expect_flags(t, "de\\s+votre", one | AVIS_REQLIT_CASELESS, "{de} {votre}");
	/* past 16 strings a phrase's product splits (the scanner's size) */
	expect_flags(t, "(?:aa|bb|cc|dd)\\s+(?:ee|ff|gg|hh)", one,
		     "{aa ee,aa ff,aa gg,aa hh,bb ee,bb ff,bb gg,bb hh,cc ee,cc ff,cc gg,cc hh,dd ee,dd ff,dd gg,dd hh}");
	expect_flags(t, "(?:aa|bb|cc|dd|xx)\\s+(?:ee|ff|gg|hh)", one, "{aa ,bb ,cc ,dd ,xx } {ee,ff,gg,hh}");
}

/* Patterns and texts for the property below: tricky constructs, and
 * texts where they match and nearly match. */
static const char *const patterns[] = {
	"\\b(?:le|la|les)\\s+meilleure?s?\\s+(?:dentistes?|cabinets?)\\b",
	"(?<!\\d)(?:\\+33\\s?|0033\\s?|0)[1-9](?:[\\s.-]?\\d{2}){4}(?!\\d)",
	"\\bfactur\\w*\\s+(?:\\w+\\s+){0,3}?(?:non\\s+(?:faite?s?|realisee?s?)|jamais\\s+faite?s?)",
	"(?:^|[.!?]\\s+|\\bj'ai\\s+ete\\s+)(?:operee?|soignee?)\\s+(?:de|pour)\\b",
	"x{2,3}yz|a(?:b|c)*d",
	"[]a]b|[a-c]de|e[.]f",
	"(?:ab)+c|(?:de){0}f|g(?:hi)?j",
	"\\bhttps?://\\S+|\\bwww\\.\\S+|(?<![@\\w.-])[\\w-]+\\.(?:fr|com)\\b",
	"\\bde\\s*votre\\s+fait|[!?]{3,}|(?:ab){2,3}c\\s?d",
	"\\bmal\\s+(?:au|a\\s+la)\\s+(?:dos|tete)\\b|x\\s{2}y",
};

static const char *const texts[] = {
	"le meilleur dentiste", "la meilleure cabinet", "les meilleurs cabinets du coin", "le meilleurs",
	"appelez le 06 12 34 56 78", "+33612345678", "0033 6 12 34 56 78", "01-23",
	"facture jamais faite", "factures de soins non realisees", "facturation rapide",
	"j'ai ete operee de la hanche. soignee pour rien", "operee de", "ok. soigne pour",
	"xxyz", "xxxyz", "ad", "abcbd", "acd", "xyz",
	"]b", "ab", "cde", "e.f", "ef",
	"abc", "ababc", "f", "gj", "ghij", "ghj",
	"www.x.fr", "https://a", "voir cabinet.fr", "cabinet . fr",
	"de votre fait", "de\nvotre\nfait", "devotre fait", "quoi !?!", "??? !!", "ababc d", "abababcd",
	"mal a la\ntete", "mal au dos", "x  y", "x\ny",
};

/* Does s hold lit, whitespace taken for a space (as litscan looks)? */
static bool holds(const char *s, const char *lit, bool one_space)
{
	if (!one_space)
		return strstr(s, lit) != NULL;
	char a[256], b[256];
	snprintf(a, sizeof a, "%s", s);
	snprintf(b, sizeof b, "%s", lit);
	for (char *p = a; *p; p++)
		if (strchr("\t\n\v\f\r", *p))
			*p = ' ';
	for (char *p = b; *p; p++)
		if (strchr("\t\n\v\f\r", *p))
			*p = ' ';
	return strstr(a, b) != NULL;
}

/* A text whitespace comes in one character at a time, as in a folded
 * text (AVIS_REQLIT_ONE_SPACE holds only there). */
static bool one_space_text(const char *s)
{
	for (const char *p = s; *p; p++)
		if (strchr(" \t\n\v\f\r", *p) && p[1] && strchr(" \t\n\v\f\r", p[1]))
			return false;
	return true;
}

/* Every match contains a literal of each clause: checked by PCRE2 itself
 * on texts that match, so the reader's answer is never too strong. */
void test_reqlit_property(T *t)
{
	size_t matches = 0;
	bool sound = true;
	for (size_t p = 0; p < sizeof patterns / sizeof *patterns; p++) {
		int err;
		PCRE2_SIZE off;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)patterns[p], PCRE2_ZERO_TERMINATED,
					       PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
		CHECK(t, re != NULL, "property: the pattern compiles");
		if (!re)
			continue;
		pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
		for (unsigned flags = 0; flags <= AVIS_REQLIT_ONE_SPACE; flags += AVIS_REQLIT_ONE_SPACE) {
			bool one = flags == AVIS_REQLIT_ONE_SPACE;
			avis_reqlit rl;
			avis_reqlit_find(patterns[p], strlen(patterns[p]), flags, &rl);
			CHECK(t, rl.n > 0, "property: each test pattern has clauses");
			for (size_t x = 0; x < sizeof texts / sizeof *texts; x++) {
				const char *s = texts[x];
				if ((one && !one_space_text(s)) ||
				    pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL) < 0)
					continue;
				matches++;
				for (size_t k = 0; k < rl.n; k++) {
					bool any = false;
					for (size_t i = 0; i < rl.all[k].n; i++)
						any = any || holds(s, rl.all[k].v[i], one);
					if (!any) {
						sound = false;
						fprintf(stderr, "# %s matches \"%s\" without clause %zu (flags %u)\n",
							patterns[p], s, k, flags);
					}
				}
			}
			avis_reqlit_free(&rl);
		}
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	CHECK(t, matches >= 50, "property: the texts match the patterns often");
	CHECK(t, sound, "property: every match holds a literal of every clause");
}

/* litscan against memmem, on random texts over a small alphabet (so that
 * literals overlap, share prefixes and suffixes). */
void test_litscan(T *t)
{
	enum { NLIT = 60, NTEXT = 300 };
	char lits[NLIT][8];
	const char *lit[NLIT];
	size_t len[NLIT];
	unsigned seed = 12345;
	for (size_t i = 0; i < NLIT; i++) {
		seed = seed * 1103515245u + 12345u;
		len[i] = 1 + (seed >> 16) % 6;
		for (size_t k = 0; k < len[i]; k++) {
			seed = seed * 1103515245u + 12345u;
			lits[i][k] = "abcd\xc3\xa9"[(seed >> 16) % 6];
		}
		lit[i] = lits[i];
	}
	len[7] = 0;       /* left out: never found */
	avis_litscan *a = avis_litscan_new(lit, len, NLIT);
	bool same = true, listed_ok = true;
	for (size_t n = 0; n < NTEXT; n++) {
		/* up to 1599 bytes: long texts are walked in four parts at
		 * once, and each walk reports its literals by chunks */
		char text[1600];
		size_t tl = n < 150 ? n : (n * 37) % 1600;
		for (size_t k = 0; k < tl; k++) {
			seed = seed * 1103515245u + 12345u;
			text[k] = "abcde\xc3\xa9"[(seed >> 16) % 7];
		}
		uint8_t found[NLIT] = {0};
		uint32_t list[NLIT];
		size_t nlist = NLIT + 1;
		if (n % 2)
			avis_litscan_run(a, text, tl, found, 2);
		else
			nlist = avis_litscan_collect(a, text, tl, found, 2, list);
		size_t nfound = 0;
		for (size_t i = 0; i < NLIT; i++) {
			bool want = len[i] && memmem(text, tl, lit[i], len[i]) != NULL;
			if ((found[i] == 2) != want)
				same = false;
			nfound += want;
		}
		if (nlist <= NLIT) {     /* the list: each literal found, once */
			uint8_t listed[NLIT] = {0};
			for (size_t k = 0; k < nlist; k++)
				if (found[list[k]] != 2 || listed[list[k]]++)
					listed_ok = false;
			listed_ok = listed_ok && nlist == nfound;
		}
	}
	CHECK(t, same, "litscan: finds exactly the literals memmem finds");
	CHECK(t, listed_ok, "litscan_collect: lists each literal found once");
	avis_litscan_free(a);
	/* whitespace bytes are one, in the literals as in the texts */
	const char *sp[] = {"de votre", "a\nb"};
	size_t splen[] = {8, 3};
	avis_litscan *ws = avis_litscan_new(sp, splen, 2);
	const char *ws_texts[] = {"de\nvotre", "de\tvotre", "de votre", "a b", "a\r\nb"};
	const uint8_t ws_want[][2] = {{1, 0}, {1, 0}, {1, 0}, {0, 1}, {0, 0}};
	bool ws_ok = true;
	for (size_t i = 0; i < 5; i++) {
		uint8_t f[2] = {0, 0};
		avis_litscan_run(ws, ws_texts[i], strlen(ws_texts[i]), f, 1);
		ws_ok = ws_ok && f[0] == ws_want[i][0] && f[1] == ws_want[i][1];
	}
	CHECK(t, ws_ok, "litscan: whitespace bytes are one");
	avis_litscan_free(ws);
	avis_litscan *none = avis_litscan_new(NULL, NULL, 0);
	uint8_t dummy = 0;
	avis_litscan_run(none, "abc", 3, &dummy, 1);
	CHECK(t, dummy == 0, "litscan: no literals, nothing found");
	avis_litscan_free(none);
}

/* The checker finds a list's runnable patterns by prefilter id in a bit
 * set: each list's ids must follow one another (first_id, first_id + 1,
 * ...) however its lines are mixed with other kinds in the block, and no
 * two patterns share one. */
static const char *const mixed_rules =
	"[a.reply]\nlevel = info\ntarget = reply\nmessage = m\n"
	"match = \\bfoo\\b\nunless = \\bbar\\b\nmatch = \\bbaz\\w+\nunless = \\bqux\\b\nmatch = zut\n"
	"escalate = \\bvite\\b\n\n"
	"[a.thread]\nlevel = info\ntarget = thread\nmessage = m\n"
	"echo = \\bdent\\w*\nreview-match = \\bdouleur\\b\necho = \\bcarie\\b\n"
	"echo-group = \\b(?:peur|phobie)\\b\nreview-match = \\bmal\\b\n";

static bool ids_follow(const avis_patterns *ps, uint8_t *seen, size_t nseen)
{
	for (size_t i = 0; i < ps->n; i++) {
		uint32_t id = ps->v[i].pre.id;
		if (id != ps->first_id + i || id >= nseen || seen[id]++)
			return false;
	}
	return true;
}

/* Load the rule text content into rs (through a temporary file): false,
 * with a failed check, when the file cannot be made. */
static bool load_rules_text(T *t, const char *content, avis_ruleset *rs)
{
	char path[] = "/tmp/avis-unit-rules-XXXXXX";
	bool made = t_temp_file(path, content);
	CHECK(t, made, "a temporary rule file");
	if (!made)
		return false;
	avis_ruleset_init(rs, NULL, NULL);
	avis_ruleset_load(rs, path);
	remove(path);
	return true;
}

void test_pattern_ids(T *t)
{
	avis_ruleset rs;
	if (!load_rules_text(t, mixed_rules, &rs))
		return;
	CHECK(t, rs.errors == 0 && rs.n == 2, "pattern ids: the mixed rules load");
	uint8_t *seen = calloc(rs.npatterns + 1, 1);
	bool ok = seen != NULL;
	size_t lists = 0;
	for (size_t i = 0; ok && i < rs.n; i++) {
		const avis_rule *r = &rs.rules[i];
		const avis_patterns *kinds[] = {&r->match, &r->unless, &r->review_match, &r->echo, &r->escalate,
						&r->echo_group};
		for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
			ok = ok && ids_follow(kinds[k], seen, rs.npatterns);
			lists += kinds[k]->n > 0;
		}
	}
	CHECK(t, ok && lists == 6, "pattern ids: each list's ids follow one another, none shared");
	free(seen);
	avis_ruleset_free(&rs);
}

/* The literals of a pattern's prefilter, clause by clause: "{a,b} {c}". */
static void prefilter_text(const avis_ruleset *rs, const avis_prefilter *pf, char *out, size_t outsz)
{
	size_t at = 0;
	out[0] = '\0';
	for (size_t k = 0; k < pf->nclauses; k++) {
		at += (size_t)snprintf(out + at, outsz - at, "%s{", k ? " " : "");
		for (uint32_t j = pf->start[k]; j < pf->start[k + 1]; j++) {
			size_t len;
			const char *l = avis_strmap_key(&rs->lits, pf->lit[j], &len);
			at += (size_t)snprintf(out + at, outsz - at, "%s%.*s", j > pf->start[k] ? "," : "", (int)len, l);
		}
		at += (size_t)snprintf(out + at, outsz - at, "}");
	}
}

/* A clause of function words ("le", "votre") filters nothing and costs
 * much: it is dropped when another clause is left, kept when alone. */
static const char *const weak_rules =
	"[w.reply]\nlevel = info\ntarget = reply\nmessage = m\n"
	"match = \\b(?:le|la|votre)\\s+(?:\\w+\\s+)?detartrage\\b\n"
	"match = \\bvotre\\s+(?:\\w+\\s+)?dossier\\b\n"
	"match = \\bvotre\\b\n"
	"match = \\ba\\s+(?:\\w+\\s+)?soigne\\b\n";

void test_weak_clauses(T *t)
{
	avis_ruleset rs;
	if (!load_rules_text(t, weak_rules, &rs))
		return;
	CHECK(t, rs.errors == 0 && rs.n == 1 && rs.rules[0].match.n == 4, "weak clauses: the rule loads");
	if (rs.n != 1 || rs.rules[0].match.n != 4) {
		avis_ruleset_free(&rs);
		return;
	}
	const char *want[] = {"{detartrage}", "{dossier}", "{votre}", "{soigne}"};
	for (size_t i = 0; i < 4; i++) {
		char got[256];
		prefilter_text(&rs, &rs.rules[0].match.v[i].pre, got, sizeof got);
		CHECK_STR(t, got, strlen(got), want[i], "weak clauses: the clauses kept");
	}
	avis_ruleset_free(&rs);
}
