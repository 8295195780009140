/* Unit tests: the literals a pattern requires (reqlit.h), and the
 * lexicon's use of them to skip patterns that cannot match a text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "lexicon.h"
#include "reqlit.h"
#include "tokens.h"

/* The set as "a|b|c" (empty when none is known). */
static void set_string(const char *pattern, char *out, size_t size)
{
	avis_reqlit r;
	out[0] = '\0';
	if (!avis_reqlit_of(pattern, strlen(pattern), &r))
		return;
	size_t n = 0;
	for (size_t i = 0; i < r.n && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "|" : "", r.s[i]);
	avis_reqlit_free(&r);
}

void test_reqlit_sets(T *t)
{
	static const struct {
		const char *pattern, *want;
	} cases[] = {
		{"\\bpas (de |d')?attente\\b", "attente"},
		{"abc|de", "abc|de"},
		{"(foo|bar)bazz", "bazz"},
		{"(foot|bart)baz", "foot|bart"},
		{"a(b|)cd", "cd"},
		{"colou?r", "colo"},
		{"xab+c", "xab"},
		{"(?:abcd){0,2}de", "de"},
		{"(?:abcd){1,2}de", "abcd"},
		{"(?=abcd)de", "de"},
		{"(?<!abcd)de", "de"},
		{"(?<name>abcd)e", "abcd"},
		{"(?#a comment)ab", "ab"},
		{"qu'il", "qu'"},
		{"ab cde\\nfg", "cde"},
		{"ab\\tcde", "cde"},
		{"[^]abc]def", "def"},
		{"[[:alpha:]]xyz", "xyz"},
		{"\\.com", ".com"},
		{"\\bd\\w+ (retard|attente)", "retard|attente"},
		{"(^|[.!?\\n] )(revoir|changer)\\b[^.!?\\n]*", "revoir|changer"},
		{"caf\xc3\xa9+s", "caf\xc3\xa9"},
		/* Nothing required, or not understood: none. */
		{"(ab)?c?", ""},
		{"ab|c*", ""},
		{"(?i)abc", ""},
		{"(ab)\\1", ""},
		{"\\Qab\\E", ""},
		{"a{,2}bc", ""},
		{"(*UCP)abc", ""},
		{"\\x41bc", ""},
		{"(?(1)ab|cd)", ""},
		{"\\p{L}bc", ""},
	};
	char got[256];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		set_string(cases[i].pattern, got, sizeof got);
		CHECK_STR(t, got, strlen(got), cases[i].want, cases[i].pattern);
	}
}

static bool holds_one(const char *s, size_t len, const avis_reqlit *r)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t k = 0; k + r->len[i] <= len; k++)
			if (memcmp(s + k, r->s[i], r->len[i]) == 0)
				return true;
	return false;
}

/* Soundness on the shipped patterns: every match PCRE2 finds, in texts
 * made of the patterns' own literals and of filler words, holds one of
 * the strings, and each string lies within one token of the text. */
static void check_sound(T *t, const char *path)
{
	FILE *f = fopen(path, "r");
	CHECK(t, f != NULL, path);
	if (!f)
		return;
	static const char *const filler[] = {"de ", "d'", "l'", "3 ", "h ", "pas ", "ne ", "a ", ". ", "\n", "je ",
					     "le ", "fois ", "min ", "plus ", "on ", "m'", "minutes ", "e "};
	char line[2048];
	size_t patterns = 0, matches = 0, unsound = 0, split = 0;
	uint64_t seed = 42;
	pcre2_match_data *md = pcre2_match_data_create(8, NULL);
	avis_tokens tk = AVIS_TOKENS_INIT;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !tab)
			continue;
		const char *pat = tab + 1;
		int ec;
		PCRE2_SIZE eo;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &eo, NULL);
		avis_reqlit r;
		if (!re || !avis_reqlit_of(pat, strlen(pat), &r)) {
			if (re)
				pcre2_code_free(re);
			continue;
		}
		patterns++;
		char text[512];
		for (int round = 0; round < 400; round++) {
			size_t n = 0;
			while (n < 200) {
				seed = seed * 6364136223846793005u + 1442695040888963407u;
				unsigned pick = (unsigned)(seed >> 33);
				const char *w = pick % 3 ? filler[pick % (sizeof filler / sizeof *filler)] : r.s[pick % r.n];
				n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", w, pick % 3 ? "" : " ");
			}
			avis_tokenize(text, n, &tk);
			for (size_t i = 0; i < r.n; i++)
				for (size_t k = 0; k + r.len[i] <= n; k++)
					if (memcmp(text + k, r.s[i], r.len[i]) == 0) {
						size_t j = 0;
						while (j + 1 < tk.n && tk.v[j + 1].off <= k)
							j++;
						if (!(tk.n && tk.v[j].off <= k && k + r.len[i] <= tk.v[j].off + tk.v[j].len))
							split++;
					}
			/* Texts with the strings taken out must not match. */
			for (int strip = 0; strip < 2; strip++) {
				if (strip)
					for (size_t i = 0; i < r.n; i++)
						for (char *p = text; (p = strstr(p, r.s[i])) != NULL;)
							memset(p, '_', r.len[i]);
				size_t start = 0;
				while (start <= n && pcre2_match(re, (PCRE2_SPTR)text, n, start, 0, md, NULL) >= 0) {
					PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
					matches++;
					unsound += !holds_one(text + ov[0], ov[1] - ov[0], &r);
					start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
				}
			}
		}
		avis_reqlit_free(&r);
		pcre2_code_free(re);
	}
	fclose(f);
	pcre2_match_data_free(md);
	avis_tokens_free(&tk);
	char what[256];
	snprintf(what, sizeof what, "%s: %zu patterns with literals, %zu matches, all hold one", path, patterns,
		 matches);
	CHECK(t, patterns > 10 && matches > 100 && unsound == 0, what);
	snprintf(what, sizeof what, "%s: each literal found lies within one token", path);
	CHECK(t, split == 0, what);
}

void test_reqlit_sound(T *t)
{
	check_sound(t, "rules/lexicon/fr-patterns.tsv");
	check_sound(t, "rules/lexicon/en-patterns.tsv");
}

/* The patterns a text may start, through its tokens' look-ups. */
static uint64_t candidates(avis_lexicon *lx, const char *text)
{
	avis_tokens tk = AVIS_TOKENS_INIT;
	uint64_t set = 0;
	avis_tokenize(text, strlen(text), &tk);
	avis_lexicon_patterns_init(lx, &set);
	for (size_t i = 0; i < tk.n; i++)
		avis_lexicon_add_patterns(lx, avis_lexicon_lookup(lx, text + tk.v[i].off, tk.v[i].len), &set);
	avis_tokens_free(&tk);
	return set;
}

void test_lexicon_pattern_filter(T *t)
{
	char path[] = "/tmp/avis-pat-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	CHECK(t, f != NULL, "temporary pattern file");
	if (!f)
		return;
	fputs("-2\t\\b\\d+ ?h (de |d')attente\\b\n"     /* 0: needs "attente" */
	      "-1\t(?i)jamais\n"                          /* 1: not read: always */
	      "1\t\\b(a l'heure|ponctuel)\\b\n"            /* 2: "heure" or "ponctuel" */
	      "1\tx.z\n",                                 /* 3: one-byte literals: always */
	      f);
	fclose(f);
	char err[512];
	avis_lexicon *lx = avis_lexicon_new("fr");
	CHECK(t, avis_lexicon_load_file(lx, path, 'p', err, sizeof err), "patterns load");
	CHECK(t, lx->pat_words == 1, "one word of pattern bits");
	CHECK(t, candidates(lx, "rien a signaler") == 0xA, "no literal: only the patterns that always run");
	CHECK(t, candidates(lx, "3 h d'attente") == 0xB, "attente (after an elision) starts pattern 0");
	CHECK(t, candidates(lx, "des attentes") == 0xB, "a literal inside a longer token counts");
	CHECK(t, candidates(lx, "toujours a l'heure") == 0xE, "heure after an elision starts pattern 2");
	CHECK(t, candidates(lx, "ponctuel , a l'heure ; attente") == 0xF, "several");
	avis_lexicon_free(lx);
	unlink(path);
}
