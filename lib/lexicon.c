/* lexicon — see lexicon.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "buf.h"
#include "datafile.h"
#include "lexicon.h"
#include "reqlit.h"
#include "tokens.h"

/* The cache of token lookups is emptied when it holds this many tokens:
 * memory stays flat however many distinct words the input has. */
#define CACHE_MAX 65536

/* See stem_of and same_word_inflected. */
#define STEM_MIN_LEN 5
#define STEM_MAX_ENDING 2

static const char *stemmer_name(const char *lang)
{
	if (strcmp(lang, "fr") == 0)
		return "french";
	if (strcmp(lang, "en") == 0)
		return "english";
	return NULL;
}

avis_lexicon *avis_lexicon_new(const char *lang)
{
	avis_lexicon *lx = avis_xcalloc(1, sizeof *lx);
	snprintf(lx->lang, sizeof lx->lang, "%s", lang);
	const char *sn = stemmer_name(lang);
	if (sn)
		lx->stemmer = sb_stemmer_new(sn, "UTF_8");
	lx->md = pcre2_match_data_create(32, NULL);
	return lx;
}

void avis_lexicon_free(avis_lexicon *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->nfiles; i++)
		free(lx->files[i]);
	free(lx->files);
	avis_strmap_free(&lx->words);
	avis_strmap_free(&lx->stems);
	free(lx->e);
	for (size_t i = 0; i < lx->nph; i++)
		free(lx->ph[i].words);
	free(lx->ph);
	for (size_t i = 0; i < lx->npat; i++)
		pcre2_code_free(lx->pat[i].re);
	free(lx->pat);
	for (size_t i = 0; i < lx->ncues; i++)
		free(lx->cues[i].s);
	free(lx->cues);
	free(lx->hit_reqs);
	for (size_t i = 0; i < lx->naspects; i++)
		free(lx->aspect[i]);
	for (size_t i = 0; i < lx->nprefix; i++)
		free(lx->prefix[i].s);
	free(lx->prefix);
	if (lx->stemmer)
		sb_stemmer_delete(lx->stemmer);
	pcre2_match_data_free(lx->md);
	avis_strmap_free(&lx->cache);
	free(lx->hits);
	free(lx);
}

/* ---- building -------------------------------------------------------- */

static int32_t entry_for(avis_lexicon *lx, const char *w, size_t len)
{
	int32_t i = avis_strmap_get(&lx->words, w, len);
	if (i >= 0)
		return i;
	if (lx->ne == lx->cape) {
		lx->cape = lx->cape ? lx->cape * 2 : 1024;
		lx->e = avis_xrealloc(lx->e, lx->cape * sizeof *lx->e);
	}
	lx->e[lx->ne] = (avis_lex_entry){.phrase = -1};
	avis_strmap_put(&lx->words, w, len, (int32_t)lx->ne);
	return (int32_t)lx->ne++;
}

/* A stem finds a word's inflections, not its derivations: the lexicon
 * word (entry i) and the word looked up must agree on all but the last
 * STEM_MAX_ENDING letters of the lexicon word ("recommande" finds
 * "recommanderais"; "chaleureux" does not find "chaleurs"). */
static bool same_word_inflected(const avis_lexicon *lx, int32_t i, const char *w, size_t len)
{
	size_t elen, p = 0;
	const char *ew = avis_strmap_key(&lx->words, (size_t)i, &elen);
	while (p < elen && p < len && ew[p] == w[p])
		p++;
	return p + STEM_MAX_ENDING >= elen;
}

static const char *stem_of(avis_lexicon *lx, const char *w, size_t len, size_t *slen)
{
	if (!lx->stemmer || len < 4 || len > 64)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (!((w[i] >= 'a' && w[i] <= 'z') || w[i] == '-'))
			return NULL;
	const sb_symbol *s = sb_stemmer_stem(lx->stemmer, (const sb_symbol *)w, (int)len);
	if (!s)
		return NULL;
	*slen = (size_t)sb_stemmer_length(lx->stemmer);
	/* Snowball's short French stems join unrelated words ("connait" and
	 * "connard" are both "conn"). */
	if (*slen < STEM_MIN_LEN)
		return NULL;
	return (const char *)s;
}

static bool fail(char *err, size_t errsz, const char *path, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static bool fail(char *err, size_t errsz, const char *path, unsigned long line, const char *fmt, ...)
{
	int n = line ? snprintf(err, errsz, "%s:%lu: ", path, line) : snprintf(err, errsz, "%s: ", path);
	if (n < 0 || (size_t)n >= errsz)
		return false;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

static bool parse_number(const char *s, float lo, float hi, float *out)
{
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	if (end == s || *end || errno || d < lo || d > hi)
		return false;
	*out = (float)d;
	return true;
}

/* A word or phrase term with what it carries. */
typedef struct {
	float valence;
	bool has_valence;
	uint8_t role;
	float boost;
	avis_lex_src src;
} term_data;

/* Which word of a family the stem index keeps.  A later file speaks for
 * the family.  Within a file, the shortest valenced word, since a stem
 * hit must share all but the last letters of it (same_word_inflected).  A
 * neutral entry is an exception for its word: it speaks for the family
 * only against earlier files ("equipe 0" silences fr.tsv's "equipes"),
 * never against a valenced word of its own file ("chaleurs 0" beside
 * "chaleureux 2.4"). */
static bool stem_slot_yields(avis_lexicon *lx, const char *st, size_t slen, size_t wlen, const term_data *d)
{
	int32_t slot = avis_strmap_get(&lx->stems, st, slen);
	if (slot < 0 || lx->e[slot].src.file != d->src.file)
		return true;
	if (d->valence == 0)
		return lx->e[slot].valence == 0;
	size_t old_len;
	avis_strmap_key(&lx->words, (size_t)slot, &old_len);
	return lx->e[slot].valence == 0 || wlen < old_len;
}

static void add_single(avis_lexicon *lx, const char *w, size_t len, const term_data *d)
{
	int32_t i = entry_for(lx, w, len);
	avis_lex_entry *e = &lx->e[i];
	if (d->has_valence) {
		e->valence = d->valence;
		e->has_valence = true;
		e->src = d->src;
		size_t slen;
		const char *st = stem_of(lx, w, len, &slen);
		if (st && stem_slot_yields(lx, st, slen, len, d))
			avis_strmap_put(&lx->stems, st, slen, i);
	} else {
		e->role = d->role;
		e->boost = d->boost;
		if (!e->has_valence)
			e->src = d->src;
	}
}

static void add_phrase(avis_lexicon *lx, const char *text, const avis_tokens *tk, const term_data *d)
{
	if (lx->nph == lx->capph) {
		lx->capph = lx->capph ? lx->capph * 2 : 256;
		lx->ph = avis_xrealloc(lx->ph, lx->capph * sizeof *lx->ph);
	}
	avis_lex_phrase *p = &lx->ph[lx->nph];
	*p = (avis_lex_phrase){.n = (uint32_t)tk->n, .valence = d->valence, .has_valence = d->has_valence,
			       .role = d->role, .boost = d->boost, .src = d->src};
	p->words = avis_xmalloc(tk->n * sizeof *p->words);
	for (size_t k = 0; k < tk->n; k++) {
		p->words[k] = entry_for(lx, text + tk->v[k].off, tk->v[k].len);
		uint8_t r = lx->e[p->words[k]].role;
		if (avis_role_negates(r) || r == AVIS_ROLE_NE || avis_role_negates(d->role))
			p->has_negator = true;
	}
	/* Keep each first word's list longest first, so the first match wins. */
	int32_t *link = &lx->e[p->words[0]].phrase;
	while (*link >= 0 && lx->ph[*link].n >= p->n)
		link = &lx->ph[*link].next;
	p->next = *link;
	*link = (int32_t)lx->nph++;
}

static void add_term(avis_lexicon *lx, const char *term, const term_data *d)
{
	avis_tokens tk = AVIS_TOKENS_INIT;
	avis_tokenize(term, strlen(term), &tk);
	if (tk.n == 1)
		add_single(lx, term + tk.v[0].off, tk.v[0].len, d);
	else if (tk.n > 1)
		add_phrase(lx, term, &tk, d);
	avis_tokens_free(&tk);
}

static const struct {
	const char *name;
	uint8_t role;
} roles[] = {
	{"negate", AVIS_ROLE_NEGATE}, {"ne", AVIS_ROLE_NE}, {"ne-pair", AVIS_ROLE_NE_PAIR},
	{"restrict", AVIS_ROLE_RESTRICT}, {"boost", AVIS_ROLE_BOOST}, {"contrast", AVIS_ROLE_CONTRAST},
	{"concede", AVIS_ROLE_CONCEDE}, {"negate-after", AVIS_ROLE_NEGATE_AFTER},
	{"partitive", AVIS_ROLE_PARTITIVE},
};

static bool load_grammar_line(avis_lexicon *lx, char **f, int nf, term_data *d, const char *path,
			      unsigned long line, char *err, size_t errsz)
{
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
		if (strcmp(f[1], roles[i].name) != 0)
			continue;
		d->role = roles[i].role;
		if (d->role == AVIS_ROLE_BOOST &&
		    (nf < 3 || !parse_number(f[2], -2, 2, &d->boost)))
			return fail(err, errsz, path, line, "boost needs a number from -2 to 2 in the third field");
		add_term(lx, f[0], d);
		return true;
	}
	return fail(err, errsz, path, line,
		    "unknown role '%s' (negate, negate-after, ne, ne-pair, restrict, boost, contrast, concede, "
		    "partitive)", f[1]);
}

/* What patterns are compiled with: reqlit.h reads patterns compiled with
 * these and no other (a caseless option would make its literals wrong). */
#define PATTERN_OPTIONS PCRE2_UTF
_Static_assert(PATTERN_OPTIONS == PCRE2_UTF, "reqlit.h reads patterns compiled with PCRE2_UTF alone");

/* A pattern's requirements beyond this many add little selectivity. */
#define MAX_REQS 3

/* The bucket of a cue, or of a token's position, by two bytes. */
static size_t cue_bucket_of(const char *s)
{
	return ((size_t)(unsigned char)s[0] * 31 + (unsigned char)s[1]) % AVIS_CUE_BUCKETS;
}

/* Record what pattern p requires (reqlit.h).  A set with a one-byte
 * literal is met by nearly every text: not worth a requirement.  With no
 * requirement left, the pattern always runs. */
static void add_requirements(avis_lexicon *lx, const char *pattern, avis_lex_pattern *p)
{
	avis_reqlit rl;
	avis_reqlit_token_sets(pattern, strlen(pattern), 2, MAX_REQS, &rl);
	p->req = (uint32_t)lx->nreq;
	for (size_t k = 0; k < rl.n; k++) {
		avis_litset *r = &rl.all[k];
		for (size_t i = 0; i < r->n; i++) {
			if (lx->ncues == lx->capcues) {
				lx->capcues = lx->capcues ? lx->capcues * 2 : 256;
				lx->cues = avis_xrealloc(lx->cues, lx->capcues * sizeof *lx->cues);
			}
			uint32_t *bucket = &lx->cue_bucket[cue_bucket_of(r->v[i])];
			lx->cues[lx->ncues] = (avis_lex_cue){r->v[i], strlen(r->v[i]), (uint32_t)lx->nreq, *bucket};
			*bucket = (uint32_t)++lx->ncues;
			r->v[i] = NULL; /* now the cue's */
		}
		lx->nreq++;
		p->nreq++;
	}
	avis_reqlit_free(&rl);
	if ((lx->nreq + 63) / 64 != lx->req_words) {
		lx->req_words = (lx->nreq + 63) / 64;
		/* The cached hits' sets have the old width. */
		avis_strmap_clear(&lx->cache);
	}
}

static bool load_pattern_line(avis_lexicon *lx, char **f, term_data *d, const char *path,
			      unsigned long line, char *err, size_t errsz)
{
	if (!parse_number(f[0], -4, 4, &d->valence))
		return fail(err, errsz, path, line, "valence '%s' is not a number from -4 to 4", f[0]);
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)f[1], PCRE2_ZERO_TERMINATED, PATTERN_OPTIONS, &ec, &eo, NULL);
	if (!re) {
		char msg[256];
		pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, sizeof msg);
		return fail(err, errsz, path, line, "bad pattern at offset %zu: %s", (size_t)eo, msg);
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
	if (lx->npat == lx->cappat) {
		lx->cappat = lx->cappat ? lx->cappat * 2 : 32;
		lx->pat = avis_xrealloc(lx->pat, lx->cappat * sizeof *lx->pat);
	}
	lx->pat[lx->npat] = (avis_lex_pattern){re, d->valence, d->src, 0, 0};
	add_requirements(lx, f[1], &lx->pat[lx->npat++]);
	return true;
}

static bool load_aspect_line(avis_lexicon *lx, char **f, const char *path, unsigned long line, char *err,
			     size_t errsz)
{
	size_t a = 0;
	while (a < lx->naspects && strcmp(lx->aspect[a], f[0]) != 0)
		a++;
	if (a == lx->naspects) {
		if (a == AVIS_MAX_ASPECTS)
			return fail(err, errsz, path, line, "more than %d aspects", AVIS_MAX_ASPECTS);
		lx->aspect[lx->naspects++] = avis_xstrndup(f[0], strlen(f[0]));
	}
	uint32_t bit = 1u << a;
	size_t len = strlen(f[1]);
	if (len > 1 && f[1][len - 1] == '*') {
		if (lx->nprefix == lx->capprefix) {
			lx->capprefix = lx->capprefix ? lx->capprefix * 2 : 64;
			lx->prefix = avis_xrealloc(lx->prefix, lx->capprefix * sizeof *lx->prefix);
		}
		lx->prefix[lx->nprefix++] = (struct avis_prefix_cue){avis_xstrndup(f[1], len - 1), len - 1, bit};
		return true;
	}
	if (strchr(f[1], ' ') || f[1][0] == '*')
		return fail(err, errsz, path, line, "a cue is one word, or a prefix ending in '*'");
	int32_t i = entry_for(lx, f[1], len); /* may move lx->e */
	lx->e[i].aspects |= bit;
	return true;
}

/* Split line at TABs into at most 3 fields; returns the count. */
static int split_fields(char *line, char **f)
{
	int n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < 3; p++)
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	return n;
}

static bool load_line(avis_lexicon *lx, char *s, int kind, uint16_t file, const char *path,
		      unsigned long line, char *err, size_t errsz)
{
	char *f[3];
	int nf = split_fields(s, f);
	if (nf < 2 || !*f[0] || !*f[1])
		return fail(err, errsz, path, line, "expected two TAB-separated fields");
	term_data d = {.src = {file, (uint32_t)line}};
	switch (kind) {
	case 'v':
		if (!parse_number(f[1], -4, 4, &d.valence))
			return fail(err, errsz, path, line, "valence '%s' is not a number from -4 to 4", f[1]);
		d.has_valence = true;
		add_term(lx, f[0], &d);
		return true;
	case 'g': return load_grammar_line(lx, f, nf, &d, path, line, err, errsz);
	case 'p': return load_pattern_line(lx, f, &d, path, line, err, errsz);
	default: return load_aspect_line(lx, f, path, line, err, errsz);
	}
}

bool avis_lexicon_load_file(avis_lexicon *lx, const char *path, int kind, char *err, size_t errsz)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return fail(err, errsz, path, 0, "%s", strerror(errno));
	if (lx->nfiles >= UINT16_MAX) {
		fclose(fp);
		return fail(err, errsz, path, 0, "too many lexicon files");
	}
	lx->files = avis_xrealloc(lx->files, (lx->nfiles + 1) * sizeof *lx->files);
	lx->files[lx->nfiles] = avis_xstrndup(path, strlen(path));
	uint16_t file = (uint16_t)lx->nfiles++;
	avis_strmap_clear(&lx->cache);
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long line = 0;
	bool ok = true;
	while (ok && (n = getline(&s, &cap, fp)) >= 0) {
		line++;
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			s[--n] = '\0';
		if ((size_t)n != strlen(s)) {
			ok = fail(err, errsz, path, line, "NUL byte in line");
			break;
		}
		char *p = s;
		while (*p == ' ')
			p++;
		if (!*p || *p == '#')
			continue;
		ok = load_line(lx, s, kind, file, path, line, err, errsz);
	}
	if (ok && ferror(fp))
		ok = fail(err, errsz, path, line, "read error");
	free(s);
	fclose(fp);
	return ok;
}

static bool readable(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f)
		fclose(f);
	return f != NULL;
}

/* Load the LANG-NAME.tsv valence files of dir (sorted), skipping the
 * grammar and pattern files, then LANG-care.tsv. */
static bool load_valence_files(avis_lexicon *lx, const char *dir, char *err, size_t errsz)
{
	size_t n;
	char **list = avis_list_files(dir, ".tsv", &n, err, errsz);
	if (!list)
		return false;
	char prefix[32];
	snprintf(prefix, sizeof prefix, "/%s-", lx->lang);
	bool ok = true;
	for (size_t i = 0; ok && i < n; i++) {
		const char *base = strrchr(list[i], '/');
		if (!base || strncmp(base, prefix, strlen(prefix)) != 0)
			continue;
		const char *name = base + strlen(prefix);
		if (strcmp(name, "grammar.tsv") == 0 || strcmp(name, "patterns.tsv") == 0 ||
		    strcmp(name, "care.tsv") == 0)
			continue;
		ok = avis_lexicon_load_file(lx, list[i], 'v', err, errsz);
	}
	/* The care lexicon, written for avis, has the last word over the
	 * general ones, whatever their names. */
	avis_buf care = AVIS_BUF_INIT;
	avis_buf_printf(&care, "%s/%s-care.tsv", dir, lx->lang);
	if (ok && readable(care.data))
		ok = avis_lexicon_load_file(lx, care.data, 'v', err, errsz);
	avis_buf_free(&care);
	avis_free_list(list, n);
	return ok;
}


avis_lexicon *avis_lexicon_load(const char *rules_dir, const char *lang, char *err, size_t errsz)
{
	avis_lexicon *lx = avis_lexicon_new(lang);
	avis_buf p = AVIS_BUF_INIT;
	bool ok = true;
	/* Grammar first: phrases of the valence files learn which of their
	 * words negate. */
	avis_buf_printf(&p, "%s/lexicon/%s-grammar.tsv", rules_dir, lang);
	ok = avis_lexicon_load_file(lx, p.data, 'g', err, errsz);
	avis_buf_clear(&p);
	avis_buf_printf(&p, "%s/lexicon/emoji.tsv", rules_dir);
	if (ok && readable(p.data))
		ok = avis_lexicon_load_file(lx, p.data, 'v', err, errsz);
	avis_buf_clear(&p);
	avis_buf_printf(&p, "%s/lexicon/%s.tsv", rules_dir, lang);
	if (ok)
		ok = avis_lexicon_load_file(lx, p.data, 'v', err, errsz);
	avis_buf_clear(&p);
	avis_buf_printf(&p, "%s/lexicon", rules_dir);
	if (ok)
		ok = load_valence_files(lx, p.data, err, errsz);
	avis_buf_clear(&p);
	avis_buf_printf(&p, "%s/lexicon/%s-patterns.tsv", rules_dir, lang);
	if (ok && readable(p.data))
		ok = avis_lexicon_load_file(lx, p.data, 'p', err, errsz);
	avis_buf_clear(&p);
	avis_buf_printf(&p, "%s/aspects/%s.tsv", rules_dir, lang);
	if (ok && readable(p.data))
		ok = avis_lexicon_load_file(lx, p.data, 'a', err, errsz);
	avis_buf_free(&p);
	if (!ok) {
		avis_lexicon_free(lx);
		return NULL;
	}
	return lx;
}

/* ---- lookup ------------------------------------------------------------ */

static void compute_hit(avis_lexicon *lx, const char *w, size_t len, avis_lex_hit *h)
{
	*h = (avis_lex_hit){.entry = avis_strmap_get(&lx->words, w, len)};
	if (h->entry >= 0) {
		const avis_lex_entry *e = &lx->e[h->entry];
		h->aspects = e->aspects;
		if (e->has_valence) {
			h->valence = e->valence;
			h->has_valence = true;
			h->src = e->src;
		}
	}
	if ((h->entry < 0 || lx->e[h->entry].role == AVIS_ROLE_NONE)) {
		size_t slen;
		const char *st = stem_of(lx, w, len, &slen);
		int32_t i = st ? avis_strmap_get(&lx->stems, st, slen) : -1;
		/* A later file speaks for the whole word family: the care
		 * lexicon's "conforme" outranks fr.tsv's "conformes". */
		if (i >= 0 && h->has_valence && lx->e[i].src.file <= h->src.file)
			i = -1;
		if (i >= 0 && !same_word_inflected(lx, i, w, len))
			i = -1;
		if (i >= 0) {
			h->valence = lx->e[i].valence;
			h->has_valence = true;
			h->via_stem = true;
			h->src = lx->e[i].src;
		}
	}
	for (size_t i = 0; i < lx->nprefix; i++)
		if (len >= lx->prefix[i].len && memcmp(w, lx->prefix[i].s, lx->prefix[i].len) == 0)
			h->aspects |= lx->prefix[i].bit;
}

/* The requirements the token (w, len) meets, into set: at each position,
 * the cues of its two bytes' bucket are compared. */
static void compute_literals(const avis_lexicon *lx, const char *w, size_t len, uint64_t *set)
{
	memset(set, 0, lx->req_words * sizeof *set);
	for (size_t i = 0; i + 1 < len; i++)
		for (uint32_t c = lx->cue_bucket[cue_bucket_of(w + i)]; c; c = lx->cues[c - 1].next) {
			const avis_lex_cue *q = &lx->cues[c - 1];
			if (q->len <= len - i && memcmp(w + i, q->s, q->len) == 0)
				set[q->req / 64] |= UINT64_C(1) << (q->req % 64);
		}
}

const avis_lex_hit *avis_lexicon_lookup(avis_lexicon *lx, const char *w, size_t len)
{
	int32_t c = avis_strmap_get(&lx->cache, w, len);
	if (c >= 0)
		return &lx->hits[c];
	if (avis_strmap_count(&lx->cache) >= CACHE_MAX)
		avis_strmap_clear(&lx->cache);
	size_t i = avis_strmap_count(&lx->cache);
	if (i == lx->caphits) {
		lx->caphits = lx->caphits ? lx->caphits * 2 : 1024;
		lx->hits = avis_xrealloc(lx->hits, lx->caphits * sizeof *lx->hits);
	}
	if (lx->caphit_reqs < lx->caphits * lx->req_words) {
		lx->caphit_reqs = lx->caphits * lx->req_words;
		lx->hit_reqs = avis_xrealloc(lx->hit_reqs, lx->caphit_reqs * sizeof *lx->hit_reqs);
	}
	compute_hit(lx, w, len, &lx->hits[i]);
	lx->hits[i].index = (uint32_t)i;
	if (lx->req_words)
		compute_literals(lx, w, len, lx->hit_reqs + i * lx->req_words);
	avis_strmap_put(&lx->cache, w, len, (int32_t)i);
	return &lx->hits[i];
}

void avis_lexicon_literals_init(const avis_lexicon *lx, uint64_t *set)
{
	if (lx->req_words)
		memset(set, 0, lx->req_words * sizeof *set);
}

void avis_lexicon_add_literals(const avis_lexicon *lx, const avis_lex_hit *h, uint64_t *set)
{
	if (!lx->req_words)
		return;
	const uint64_t *own = lx->hit_reqs + (size_t)h->index * lx->req_words;
	for (size_t k = 0; k < lx->req_words; k++)
		set[k] |= own[k];
}

bool avis_lexicon_pattern_may_match(const avis_lexicon *lx, size_t p, const uint64_t *set)
{
	const avis_lex_pattern *pat = &lx->pat[p];
	for (uint32_t r = pat->req; r < pat->req + pat->nreq; r++)
		if (!(set[r / 64] & (UINT64_C(1) << (r % 64))))
			return false;
	return true;
}
