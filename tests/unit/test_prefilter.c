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

/* The clauses of re as text: "{a,b} {c}" (sorted as found). */
static void clauses(const char *re, bool caseless, char *out, size_t outsz)
{
	avis_reqlit rl;
	avis_reqlit_find(re, strlen(re), caseless, &rl);
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

static void expect(T *t, const char *re, bool caseless, const char *want)
{
	char got[1024];
	clauses(re, caseless, got, sizeof got);
	char what[256];
	snprintf(what, sizeof what, "reqlit: %s", re);
	CHECK_STR(t, got, strlen(got), want, what);
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
};

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
		avis_reqlit rl;
		avis_reqlit_find(patterns[p], strlen(patterns[p]), false, &rl);
		CHECK(t, rl.n > 0, "property: each test pattern has clauses");
		for (size_t x = 0; x < sizeof texts / sizeof *texts; x++) {
			const char *s = texts[x];
			if (pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL) < 0)
				continue;
			matches++;
			for (size_t k = 0; k < rl.n; k++) {
				bool any = false;
				for (size_t i = 0; i < rl.all[k].n; i++)
					any = any || strstr(s, rl.all[k].v[i]);
				if (!any) {
					sound = false;
					fprintf(stderr, "# %s matches \"%s\" without clause %zu\n", patterns[p], s, k);
				}
			}
		}
		avis_reqlit_free(&rl);
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	CHECK(t, matches >= 20, "property: the texts match the patterns often");
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
		/* up to 63 bytes: long texts are walked in two halves at once */
		char text[64];
		size_t tl = n % 64;
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
	avis_litscan *none = avis_litscan_new(NULL, NULL, 0);
	uint8_t dummy = 0;
	avis_litscan_run(none, "abc", 3, &dummy, 1);
	CHECK(t, dummy == 0, "litscan: no literals, nothing found");
	avis_litscan_free(none);
}
