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

void test_reqlit_all(T *t)
{
	const char *pat = "\\b\\d+ ?(h|heures?) (de |d')(retard|attente)\\b";
	avis_reqlit r[4];
	size_t n = avis_reqlit_all(pat, strlen(pat), r, 4);
	CHECK(t, n == 3, "three sets required at once");
	if (n == 3) {
		CHECK(t, r[0].n == 2 && strcmp(r[0].s[0], "retard") == 0 && strcmp(r[0].s[1], "attente") == 0,
		      "most selective first");
		CHECK(t, r[1].n == 2 && strcmp(r[1].s[0], "de") == 0 && strcmp(r[1].s[1], "d'") == 0, "then de|d'");
		CHECK(t, r[2].n == 2 && strcmp(r[2].s[0], "h") == 0 && strcmp(r[2].s[1], "heure") == 0,
		      "then h|heure (heures? needs heure)");
	}
	for (size_t i = 0; i < n; i++)
		avis_reqlit_free(&r[i]);
	CHECK(t, avis_reqlit_all(pat, strlen(pat), r, 1) == 1, "at most max");
	avis_reqlit_free(&r[0]);
	CHECK(t, avis_reqlit_all("a|(b)?", 6, r, 4) == 0, "none");
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
		{"(?:abc|de)", "abc|de"},
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
		{"abc\\Kdef", ""},
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

#define MAX_SETS 3

typedef struct {
	avis_reqlit r[MAX_SETS];
	size_t n;
} req_sets;

/* A text of about 200 bytes: the sets' literals among filler words. */
static size_t random_text(uint64_t *seed, const req_sets *q, char *text, size_t size)
{
	static const char *const filler[] = {"de ", "d'", "l'", "3 ", "h ", "pas ", "ne ", "a ", ". ", "\n", "je ",
					     "le ", "fois ", "min ", "plus ", "on ", "m'", "minutes ", "e "};
	size_t n = 0;
	while (n < 200) {
		*seed = *seed * 6364136223846793005u + 1442695040888963407u;
		unsigned pick = (unsigned)(*seed >> 33);
		const avis_reqlit *r = &q->r[(pick / 7) % q->n];
		const char *w = pick % 3 ? filler[pick % (sizeof filler / sizeof *filler)] : r->s[(pick / 3) % r->n];
		n += (size_t)snprintf(text + n, size - n, "%s%s", w, pick % 3 ? "" : " ");
	}
	return n;
}

/* Occurrences of the literals that straddle two tokens. */
static size_t straddling(const char *text, size_t n, const req_sets *q, avis_tokens *tk)
{
	size_t bad = 0;
	avis_tokenize(text, n, tk);
	for (size_t s = 0; s < q->n; s++)
		for (size_t i = 0; i < q->r[s].n; i++)
			for (size_t k = 0; k + q->r[s].len[i] <= n; k++) {
				if (memcmp(text + k, q->r[s].s[i], q->r[s].len[i]) != 0)
					continue;
				size_t j = 0;
				while (j + 1 < tk->n && tk->v[j + 1].off <= k)
					j++;
				bad += !(tk->n && tk->v[j].off <= k &&
					 k + q->r[s].len[i] <= tk->v[j].off + tk->v[j].len);
			}
	return bad;
}

/* Count the matches of re in text, and in *unsound those that miss a
 * literal of one of the sets. */
static size_t matches_in(pcre2_code *re, pcre2_match_data *md, const char *text, size_t n, const req_sets *q,
			 size_t *unsound)
{
	size_t m = 0, start = 0;
	while (start <= n && pcre2_match(re, (PCRE2_SPTR)text, n, start, 0, md, NULL) >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		m++;
		for (size_t s = 0; s < q->n; s++)
			*unsound += !holds_one(text + ov[0], ov[1] - ov[0], &q->r[s]);
		start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
	return m;
}

/* Soundness on the shipped patterns: every match PCRE2 finds, in texts
 * made of the patterns' own literals and of filler words, holds a
 * literal of each required set; with one set's literals blotted out, a
 * text has no match; and each literal found lies within one token. */
static void check_sound(T *t, const char *path)
{
	FILE *f = fopen(path, "r");
	CHECK(t, f != NULL, path);
	if (!f)
		return;
	char line[2048], text[512], stripped[512];
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
		req_sets q;
		q.n = re ? avis_reqlit_all(pat, strlen(pat), q.r, MAX_SETS) : 0;
		for (int round = 0; q.n && round < 400; round++) {
			size_t n = random_text(&seed, &q, text, sizeof text);
			split += straddling(text, n, &q, &tk);
			matches += matches_in(re, md, text, n, &q, &unsound);
			for (size_t s = 0; s < q.n; s++) {
				memcpy(stripped, text, n + 1);
				for (size_t i = 0; i < q.r[s].n; i++)
					for (char *p = stripped; (p = strstr(p, q.r[s].s[i])) != NULL;)
						memset(p, '_', q.r[s].len[i]);
				unsound += matches_in(re, md, stripped, n, &q, &unsound);
			}
		}
		patterns += q.n > 0;
		for (size_t s = 0; s < q.n; s++)
			avis_reqlit_free(&q.r[s]);
		if (re)
			pcre2_code_free(re);
	}
	fclose(f);
	pcre2_match_data_free(md);
	avis_tokens_free(&tk);
	char what[256];
	snprintf(what, sizeof what, "%s: %zu patterns with literals, %zu matches, all hold one of each set", path,
		 patterns, matches);
	CHECK(t, patterns > 10 && matches > 100 && unsound == 0, what);
	snprintf(what, sizeof what, "%s: each literal found lies within one token", path);
	CHECK(t, split == 0, what);
}

void test_reqlit_sound(T *t)
{
	check_sound(t, "rules/lexicon/fr-patterns.tsv");
	check_sound(t, "rules/lexicon/en-patterns.tsv");
}

/* The patterns that may match text, as bits. */
static uint64_t candidates(avis_lexicon *lx, const char *text)
{
	avis_tokens tk = AVIS_TOKENS_INIT;
	uint64_t set[4] = {0};
	avis_tokenize(text, strlen(text), &tk);
	avis_lexicon_literals_init(lx, set);
	for (size_t i = 0; i < tk.n; i++)
		avis_lexicon_add_literals(lx, avis_lexicon_lookup(lx, text + tk.v[i].off, tk.v[i].len), set);
	avis_tokens_free(&tk);
	uint64_t may = 0;
	for (size_t p = 0; p < lx->npat; p++)
		if (avis_lexicon_pattern_may_match(lx, p, set))
			may |= UINT64_C(1) << p;
	return may;
}

void test_lexicon_pattern_filter(T *t)
{
	char path[] = "/tmp/avis-pat-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	CHECK(t, f != NULL, "temporary pattern file");
	if (!f)
		return;
	fputs("-2\t\\b\\d+ ?h (de |d')attente\\b\n"   /* 0: "attente" and "de" or "d'" */
	      "-1\t(?i)jamais\n"                        /* 1: not read: always */
	      "1\t\\b(a l'heure|ponctuel)\\b\n"          /* 2: "heure" or "ponctuel" */
	      "1\tx.z\n",                               /* 3: one-byte literals: always */
	      f);
	fclose(f);
	char err[512];
	avis_lexicon *lx = avis_lexicon_new("fr");
	CHECK(t, avis_lexicon_load_file(lx, path, 'p', err, sizeof err), "patterns load");
	CHECK(t, lx->npat == 4 && lx->nreq == 3 && lx->req_words == 1, "three requirements");
	CHECK(t, candidates(lx, "rien a signaler") == 0xA, "no literal: only the patterns that always run");
	CHECK(t, candidates(lx, "3 h d'attente") == 0xB, "attente after an elision, and d'");
	CHECK(t, candidates(lx, "une attente") == 0xA, "every requirement is needed");
	CHECK(t, candidates(lx, "des attentes") == 0xB, "literals inside longer tokens count");
	CHECK(t, candidates(lx, "toujours a l'heure") == 0xE, "heure after an elision");
	CHECK(t, candidates(lx, "ponctuel , l'heure ; attente de") == 0xF, "several");
	avis_lexicon_free(lx);
	unlink(path);
}
