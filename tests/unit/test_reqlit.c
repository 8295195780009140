#define _GNU_SOURCE /* memmem */
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

/* The sets of avis_reqlit_token_sets as "a|b;c" (most selective first). */
static void sets_string(const char *pattern, size_t max, char *out, size_t size)
{
	avis_reqlit r;
	avis_reqlit_token_sets(pattern, strlen(pattern), 2, max, &r);
	size_t n = 0;
	out[0] = '\0';
	for (size_t k = 0; k < r.n && n < size; k++)
		for (size_t i = 0; i < r.all[k].n && n < size; i++)
			n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "|" : k ? ";" : "", r.all[k].v[i]);
	avis_reqlit_free(&r);
}

void test_reqlit_token_sets(T *t)
{
	static const struct {
		const char *pattern;
		size_t max;
		const char *want;
	} cases[] = {
		/* "h" is one byte: a set nearly every text meets is dropped;
		 * the longest shortest piece comes first */
		{"\\b\\d+ ?(h|heures?) (de |d')(retard|attente)\\b", 3, "retard|attente"},
		{"\\bretard\\b.*\\bd'attente\\b", 3, "attente;retard"},
		{"\\bretard\\b.*\\bd'attente\\b", 1, "attente"},
		{"\\bpas (de |d')?attente\\b", 1, "attente"},
		/* cut to what one token holds: no space, an apostrophe last */
		{"qu'il", 3, "qu'"},
		{"ab cde\\nfg", 3, "cde;fg"},
		{"\\bl'attente\\b", 3, "attente"},
		{"x.z", 3, ""},
		{"(?i)abc", 3, ""},
		/* a POSIX class is one character: the words around it stay required */
		{"\\bretard[[:space:]]d'attente\\b", 3, "attente;retard"},
		/* a named group is read as any group */
		{"(?<mot>retard)|(?'autre'retards)|(?P<x_1>retardes)", 3, "retard"},
	};
	char got[256];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		sets_string(cases[i].pattern, cases[i].max, got, sizeof got);
		CHECK_STR(t, got, strlen(got), cases[i].want, cases[i].pattern);
	}
}

static bool holds_one(const char *s, size_t len, const avis_litset *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (memmem(s, len, r->v[i], strlen(r->v[i])))
			return true;
	return false;
}

#define MAX_SETS 3

typedef struct {
	avis_litset *r;
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
		const avis_litset *r = &q->r[(pick / 7) % q->n];
		const char *w = pick % 3 ? filler[pick % (sizeof filler / sizeof *filler)] : r->v[(pick / 3) % r->n];
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
			for (size_t k = 0, len = strlen(q->r[s].v[i]); k + len <= n; k++) {
				if (memcmp(text + k, q->r[s].v[i], len) != 0)
					continue;
				size_t j = 0;
				while (j + 1 < tk->n && tk->v[j + 1].off <= k)
					j++;
				bad += !(tk->n && tk->v[j].off <= k && k + len <= tk->v[j].off + tk->v[j].len);
			}
	return bad;
}

/* Count the matches of re in text, and in *unsound those found in a text
 * that misses a literal of one of the sets (the text, not the match: a
 * literal before a \\K is required of the text, outside the match). */
static size_t matches_in(pcre2_code *re, pcre2_match_data *md, const char *text, size_t n, const req_sets *q,
			 size_t *unsound)
{
	size_t m = 0, start = 0;
	while (start <= n && pcre2_match(re, (PCRE2_SPTR)text, n, start, 0, md, NULL) >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		m++;
		for (size_t s = 0; s < q->n; s++)
			*unsound += !holds_one(text, n, &q->r[s]);
		start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
	return m;
}

/* Soundness on the shipped patterns: every text in which PCRE2 finds a
 * match, made of the patterns' own literals and of filler words, holds a
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
		avis_reqlit rl = {NULL, 0};
		if (re)
			avis_reqlit_token_sets(pat, strlen(pat), 2, MAX_SETS, &rl);
		req_sets q = {rl.all, rl.n};
		for (int round = 0; q.n && round < 400; round++) {
			size_t n = random_text(&seed, &q, text, sizeof text);
			split += straddling(text, n, &q, &tk);
			matches += matches_in(re, md, text, n, &q, &unsound);
			for (size_t s = 0; s < q.n; s++) {
				memcpy(stripped, text, n + 1);
				for (size_t i = 0; i < q.r[s].n; i++)
					for (char *p = stripped; (p = strstr(p, q.r[s].v[i])) != NULL;)
						memset(p, '_', strlen(q.r[s].v[i]));
				unsound += matches_in(re, md, stripped, n, &q, &unsound);
			}
		}
		patterns += q.n > 0;
		avis_reqlit_free(&rl);
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
	bool made = t_temp_file(path, "-2\t\\bretard\\b.*\\bd'attente\\b\n" /* 0: "attente" and "retard" */
				"-1\t(?i)jamais\n"                        /* 1: not read: always */
				"1\t\\b(a l'heure|ponctuel)\\b\n"          /* 2: "heure" or "ponctuel" */
				"1\tx.z\n");                              /* 3: one-byte literals: always */
	CHECK(t, made, "temporary pattern file");
	if (!made)
		return;
	char err[512];
	avis_lexicon *lx = avis_lexicon_new("fr");
	CHECK(t, avis_lexicon_load_file(lx, path, 'p', err, sizeof err), "patterns load");
	CHECK(t, lx->npat == 4 && lx->nreq == 3 && lx->req_words == 1, "three requirements");
	CHECK(t, candidates(lx, "rien a signaler") == 0xA, "no literal: only the patterns that always run");
	CHECK(t, candidates(lx, "du retard , 3 h d'attente") == 0xB, "attente after an elision, and retard");
	CHECK(t, candidates(lx, "une attente") == 0xA, "every requirement is needed");
	CHECK(t, candidates(lx, "des attentes et retards") == 0xB, "literals inside longer tokens count");
	CHECK(t, candidates(lx, "toujours a l'heure") == 0xE, "heure after an elision");
	CHECK(t, candidates(lx, "ponctuel , l'heure ; attente retard") == 0xF, "several");
	avis_lexicon_free(lx);
	unlink(path);
}

/* Found by fuzzing: the reader must stay inside the len bytes it is
 * given (no NUL after them), and a NUL inside a pattern cannot be a C
 * string literal. */
void test_reqlit_bounds(T *t)
{
	static const char pat[] = "(^|[.|[.!?\\n] )(|abc";
	char *exact = malloc(sizeof pat - 1);
	memcpy(exact, pat, sizeof pat - 1);
	avis_reqlit r;
	avis_reqlit_find(exact, sizeof pat - 1, 0, &r);
	CHECK(t, true, "a POSIX-like class at the end of an unterminated pattern is read in bounds (ASan)");
	avis_reqlit_free(&r);
	free(exact);
	static const char nul[] = "3\0\0rt\\w*";
	avis_reqlit_find(nul, sizeof nul - 1, 0, &r);
	CHECK(t, r.n == 0, "a pattern holding a NUL requires nothing");
	avis_reqlit_free(&r);
	/* Found by fuzz_reqlit too, patterns that are not read (nothing
	 * required).  PCRE2 applies a quantifier after a comment to the item
	 * before it: "a(?#)?" is "a?" and matches "d", "ab(?#x)*c" matches
	 * "ac".  "[[:]" is a class of "[" and ":", not the start of a POSIX
	 * class that a later ":]" would close: "(n[[:])|(|:]])" matches "".
	 * In a class, \cX is one character whatever X is (found by a second
	 * reviewer): "x[\c]ab]cd" matches "xacd", "x[\c[:alpha:]|zz[]a]"
	 * matches "zza", "q[\x01-\c]xy]z" matches "qxz".  "(?<*...)" is a
	 * non-atomic lookbehind, not a group named "*": "(?<*|>s)" matches "". */
	static const char *const unread[] = {"a(?#)?", "ab(?#x)*c", "b(?#x)(?#y)?", "xyz(?#note)",
					     "(n[[:])|(|:]])", "x[\\c]ab]cd", "x[\\c[:alpha:]|zz[]a]",
					     "q[\\x01-\\c]xy]z", "(?<*|>s)"};
	for (size_t i = 0; i < sizeof unread / sizeof *unread; i++) {
		avis_reqlit_find(unread[i], strlen(unread[i]), 0, &r);
		CHECK(t, r.n == 0, unread[i]);
		avis_reqlit_free(&r);
		avis_reqlit_find(unread[i], strlen(unread[i]), AVIS_REQLIT_ONE_SPACE, &r);
		CHECK(t, r.n == 0, unread[i]);
		avis_reqlit_free(&r);
	}
}
