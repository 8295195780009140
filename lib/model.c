/* model — see model.h. */
#include "model.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

typedef struct {
	uint32_t feature;
	uint16_t model;
	float weight;
} weight_entry;

/* A slot of the word table: the word's key (word_key), its number and
 * its feature as a word: a word of the text that a model has costs one
 * look at its slot, and a short word no comparison of bytes. */
typedef struct {
	uint64_t key;              /* 0: a free slot */
	int32_t word;
	int32_t unigram;           /* or -1 */
} word_slot;

/* The filters: one bit per hash (its top 16 bits) of each word and pair
 * some model has, so that the many words of a text that no model has
 * cost a look at a small bit set (8 kB), not at the tables. */
enum { FILTER_BITS = 1 << 16 };

/* A slot of the pair table: 8 bytes, so that it stays small.  check: 32
 * bits of the key's hash, never 0 (0: a free slot); the key itself is
 * compared only when they agree. */
typedef struct {
	uint32_t check;
	int32_t id;                /* the word, or the pair's feature */
} slot;

typedef struct {
	double threshold, logit;   /* logit: of the threshold */
	double bias;
	size_t nweights;
} model_info;

struct avis_models {
	/* words: open addressing on their key (word_key); their bytes are
	 * in the arena, compared only for words longer than seven bytes */
	word_slot *wslot;
	size_t wcap;               /* a power of two, or 0 */
	avis_buf arena;            /* the words' bytes */
	uint32_t *word_off, *word_len;
	size_t nwords, words_cap;
	uint64_t word_filter[FILTER_BITS / 64], pair_filter[FILTER_BITS / 64];
	/* pairs of words: open addressing on the hash of their key,
	 * (first + 1) << 32 | (second + 1) */
	slot *pslot;
	size_t pair_cap, npairs;
	size_t nfeatures;
	uint64_t *feature_key;     /* per feature: a pair's key, 0 for a word */
	size_t features_cap;
	/* the weights as read from the files, in that order */
	weight_entry *entries;
	/* the same by feature, as read when scoring (the model and the
	 * weight only): feature f's are hot[start[f] .. start[f + 1] - 1] */
	struct hot_weight { float weight; uint16_t model; } *hot;
	size_t nentries, entries_cap;
	uint32_t *start;
	model_info *models;
	size_t nmodels;
};

struct avis_model_scratch {
	uint32_t *mark;            /* per feature: == stamp when counted in this text */
	uint32_t stamp;
	size_t nfeatures;
};

avis_models *avis_models_new(void)
{
	return avis_xcalloc(1, sizeof(avis_models));
}

void avis_models_free(avis_models *ms)
{
	if (!ms)
		return;
	free(ms->wslot);
	avis_buf_free(&ms->arena);
	free(ms->word_off);
	free(ms->word_len);
	free(ms->pslot);
	free(ms->feature_key);
	free(ms->entries);
	free(ms->hot);
	free(ms->start);
	free(ms->models);
	free(ms);
}

size_t avis_models_count(const avis_models *ms)
{
	return ms ? ms->nmodels : 0;
}

double avis_models_threshold(const avis_models *ms, int m)
{
	return ms->models[m].threshold;
}

size_t avis_models_weights(const avis_models *ms, int m)
{
	return ms->models[m].nweights;
}

bool avis_models_fires(const avis_models *ms, int m, double logit)
{
	return logit >= ms->models[m].logit;
}

static bool word_byte(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b >= 0x80;
}

/* ---- the table ---------------------------------------------------------------- */

/* The parts of a 64-bit hash: a filter bit (the top 16 bits), a slot
 * (the low bits), a check (the middle 32 bits). */
static bool filter_has(const uint64_t *f, uint64_t h)
{
	return f[h >> 54] >> (h >> 48 & 63) & 1;
}

static void filter_add(uint64_t *f, uint64_t h)
{
	f[h >> 54] |= UINT64_C(1) << (h >> 48 & 63);
}

static uint32_t check_of(uint64_t h)
{
	return (uint32_t)(h >> 16) | 1;
}

/* A word's key: a word of up to 7 bytes is its bytes, with its length
 * in the top byte (so equal keys are equal words); a longer one, a hash
 * of it with the top bit set (equal keys are compared byte by byte). */
static uint64_t word_key(const char *w, size_t len)
{
	uint64_t k = 0;
	if (len <= 7) {
		memcpy(&k, w, len);
		return k | (uint64_t)len << 56;
	}
	uint64_t h = UINT64_C(0x9E3779B97F4A7C15) ^ len;
	for (size_t i = 0; i < len; i += 8) {
		k = 0;
		memcpy(&k, w + i, len - i < 8 ? len - i : 8);
		h = (h ^ k) * UINT64_C(0xFF51AFD7ED558CCD);
		h ^= h >> 32;
	}
	return h | UINT64_C(1) << 63;
}

/* The hash of a key (a word's or a pair's), for the slot and the filter. */
static uint64_t key_hash(uint64_t k)
{
	k *= UINT64_C(0xC4CEB9FE1A85EC53);
	return k ^ k >> 29;
}

/* The slot of word w (key k, its hash h): its own, or the free one where
 * it would go. */
static size_t word_slot_of(const avis_models *ms, const char *w, size_t len, uint64_t k, uint64_t h)
{
	size_t mask = ms->wcap - 1;
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		const word_slot *ws = &ms->wslot[i];
		if (!ws->key)
			return i;
		if (ws->key == k && (len <= 7 || (ms->word_len[ws->word] == len &&
						   memcmp(ms->arena.data + ms->word_off[ws->word], w, len) == 0)))
			return i;
	}
}

/* The slot of word w, or NULL when no model has it. */
static const word_slot *word_get(const avis_models *ms, const char *w, size_t len)
{
	uint64_t k = word_key(w, len), h = key_hash(k);
	if (!ms->wcap || !filter_has(ms->word_filter, h))
		return NULL;
	const word_slot *ws = &ms->wslot[word_slot_of(ms, w, len, k, h)];
	return ws->key ? ws : NULL;
}

static void words_grow(avis_models *ms)
{
	if (4 * (ms->nwords + 1) <= 3 * ms->wcap)
		return;
	size_t cap = ms->wcap ? 2 * ms->wcap : 1024;
	word_slot *t = avis_xcalloc(cap, sizeof *t);
	for (size_t i = 0; i < ms->wcap; i++)
		if (ms->wslot[i].key) {
			size_t j = (size_t)key_hash(ms->wslot[i].key) & (cap - 1);
			while (t[j].key)
				j = (j + 1) & (cap - 1);
			t[j] = ms->wslot[i];
		}
	free(ms->wslot);
	ms->wslot = t;
	ms->wcap = cap;
}

/* The slot of word w, made if new. */
static word_slot *word_add(avis_models *ms, const char *w, size_t len)
{
	const word_slot *found = word_get(ms, w, len);
	if (found)
		return (word_slot *)found;
	words_grow(ms);
	if (ms->nwords == ms->words_cap) {
		ms->words_cap = ms->words_cap ? 2 * ms->words_cap : 1024;
		ms->word_off = avis_xrealloc(ms->word_off, ms->words_cap * sizeof *ms->word_off);
		ms->word_len = avis_xrealloc(ms->word_len, ms->words_cap * sizeof *ms->word_len);
	}
	int32_t id = (int32_t)ms->nwords++;
	ms->word_off[id] = (uint32_t)ms->arena.len;
	ms->word_len[id] = (uint32_t)len;
	avis_buf_put(&ms->arena, w, len);
	uint64_t k = word_key(w, len), h = key_hash(k);
	word_slot *ws = &ms->wslot[word_slot_of(ms, w, len, k, h)];
	*ws = (word_slot){k, id, -1};
	filter_add(ms->word_filter, h);
	return ws;
}

static uint64_t pair_of(int32_t a, int32_t b)
{
	return (uint64_t)(a + 1) << 32 | (uint64_t)(uint32_t)(b + 1);
}

/* The slot of the pair key k: its own, or the free one where it would go. */
static size_t pair_slot_of(const avis_models *ms, uint64_t k, uint64_t h)
{
	size_t mask = ms->pair_cap - 1;
	uint32_t check = check_of(h);
	for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
		const slot *ps = &ms->pslot[i];
		if (!ps->check || (ps->check == check && ms->feature_key[ps->id] == k))
			return i;
	}
}

static int32_t pair_get(const avis_models *ms, int32_t a, int32_t b)
{
	uint64_t k = pair_of(a, b), h = key_hash(k);
	if (!ms->pair_cap || !filter_has(ms->pair_filter, h))
		return -1;
	const slot *ps = &ms->pslot[pair_slot_of(ms, k, h)];
	return ps->check ? ps->id : -1;
}

/* Keep the pair table at most three quarters full. */
static void pairs_grow(avis_models *ms)
{
	if (4 * (ms->npairs + 1) <= 3 * ms->pair_cap)
		return;
	size_t cap = ms->pair_cap ? 2 * ms->pair_cap : 1024;
	slot *t = avis_xcalloc(cap, sizeof *t);
	for (size_t i = 0; i < ms->pair_cap; i++)
		if (ms->pslot[i].check) {
			size_t j = (size_t)key_hash(ms->feature_key[ms->pslot[i].id]) & (cap - 1);
			while (t[j].check)
				j = (j + 1) & (cap - 1);
			t[j] = ms->pslot[i];
		}
	free(ms->pslot);
	ms->pslot = t;
	ms->pair_cap = cap;
}

/* A new feature, for a word (key 0) or a pair. */
static uint32_t new_feature(avis_models *ms, uint64_t key)
{
	if (ms->nfeatures == ms->features_cap) {
		ms->features_cap = ms->features_cap ? 2 * ms->features_cap : 1024;
		ms->feature_key = avis_xrealloc(ms->feature_key, ms->features_cap * sizeof *ms->feature_key);
	}
	ms->feature_key[ms->nfeatures] = key;
	return (uint32_t)ms->nfeatures++;
}

/* The feature number of "word" or "word_word", made if new. */
static uint32_t feature_id(avis_models *ms, const char *key, size_t len)
{
	const char *us = memchr(key, '_', len);
	if (!us) {
		word_slot *ws = word_add(ms, key, len);
		if (ws->unigram < 0)
			ws->unigram = (int32_t)new_feature(ms, 0);
		return (uint32_t)ws->unigram;
	}
	int32_t a = word_add(ms, key, (size_t)(us - key))->word;
	int32_t b = word_add(ms, us + 1, len - (size_t)(us - key) - 1)->word;
	int32_t f = pair_get(ms, a, b);
	if (f >= 0)
		return (uint32_t)f;
	pairs_grow(ms);
	uint64_t k = pair_of(a, b), h = key_hash(k);
	uint32_t nf = new_feature(ms, k);
	ms->pslot[pair_slot_of(ms, k, h)] = (slot){check_of(h), (int32_t)nf};
	filter_add(ms->pair_filter, h);
	ms->npairs++;
	return nf;
}

/* Index the weights by feature (a counting sort: stable, so each
 * feature's weights stay in model order); after each file, since a rule
 * set has a handful of models. */
static void index_weights(avis_models *ms)
{
	free(ms->start);
	ms->start = avis_xcalloc(ms->nfeatures + 1, sizeof *ms->start);
	for (size_t i = 0; i < ms->nentries; i++)
		ms->start[ms->entries[i].feature + 1]++;
	for (size_t f = 0; f < ms->nfeatures; f++)
		ms->start[f + 1] += ms->start[f];
	uint32_t *next = avis_xmalloc((ms->nfeatures ? ms->nfeatures : 1) * sizeof *next);
	memcpy(next, ms->start, ms->nfeatures * sizeof *next);
	free(ms->hot);
	ms->hot = avis_xmalloc((ms->nentries ? ms->nentries : 1) * sizeof *ms->hot);
	for (size_t i = 0; i < ms->nentries; i++) {
		const weight_entry *e = &ms->entries[i];
		ms->hot[next[e->feature]++] = (struct hot_weight){e->weight, e->model};
	}
	free(next);
}

/* ---- reading a file --------------------------------------------------------- */

static bool valid_key(const char *k, size_t len)
{
	if (!len)
		return false;
	size_t underscores = 0;
	for (size_t i = 0; i < len; i++) {
		if (k[i] == '_')
			underscores++;
		else if (!word_byte((unsigned char)k[i]))
			return false;
	}
	return underscores == 0 || (underscores == 1 && k[0] != '_' && k[len - 1] != '_');
}

/* The number at s, *end after it: the files' plain decimals ("-0.0512")
 * read directly (strtod's generality, locale and all, was a fifth of
 * avis-check's start-up), anything else by strtod. */
static double number(const char *s, const char **end)
{
	const char *p = s;
	bool neg = *p == '-';
	p += neg;
	uint64_t mant = 0;
	int digits = 0, scale = 0;
	for (; *p >= '0' && *p <= '9' && digits < 15; p++, digits++)
		mant = mant * 10 + (uint64_t)(*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && digits < 15; p++, digits++, scale++)
			mant = mant * 10 + (uint64_t)(*p - '0');
	if (digits && !*p) {
		static const double pow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
					       1e11, 1e12, 1e13, 1e14, 1e15};
		*end = p;
		double v = (double)mant / pow10[scale];
		return neg ? -v : v;
	}
	char *e;
	errno = 0;
	double v = strtod(s, &e);
	*end = errno ? s : e;
	return v;
}

static char *fail(unsigned long *line_out, unsigned long line, const char *msg)
{
	*line_out = line;
	return avis_xstrndup(msg, strlen(msg));
}

int avis_models_load(avis_models *ms, const char *path, char **err, unsigned long *line_out)
{
	*err = NULL;
	*line_out = 0;
	if (ms->nmodels >= UINT16_MAX) {
		*err = fail(line_out, 0, "too many models");
		return -1;
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		char msg[256];
		snprintf(msg, sizeof msg, "cannot read the model: %s", strerror(errno));
		*err = fail(line_out, 0, msg);
		return -1;
	}
	int m = (int)ms->nmodels;
	model_info info = {0};
	bool have_threshold = false, have_bias = false;
	size_t first_entry = ms->nentries;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long line = 0;
	while (!*err && (n = getline(&buf, &cap, f)) >= 0) {
		line++;
		size_t len = (size_t)n;
		while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			len--;
		buf[len] = '\0';
		if (!len || buf[0] == '#')
			continue;
		char *tab = memchr(buf, '\t', len);
		const char *end = NULL;
		double v = tab ? number(tab + 1, &end) : 0;
		if (!tab || end == tab + 1 || *end || !isfinite(v)) {
			*err = fail(line_out, line, "expected KEY<TAB>NUMBER");
			break;
		}
		size_t klen = (size_t)(tab - buf);
		if (klen == 9 && memcmp(buf, "threshold", 9) == 0) {
			if (!(v > 0 && v < 1))
				*err = fail(line_out, line, "the threshold is a probability strictly between 0 and 1");
			info.threshold = v;
			info.logit = log(v / (1 - v));
			have_threshold = true;
		} else if (klen == 4 && memcmp(buf, "bias", 4) == 0) {
			info.bias = v;
			have_bias = true;
		} else if (!valid_key(buf, klen)) {
			*err = fail(line_out, line, "a feature is a word of [a-z0-9] (or bytes >= 0x80), or two joined by '_'");
		} else {
			if (ms->nentries == ms->entries_cap) {
				ms->entries_cap = ms->entries_cap ? 2 * ms->entries_cap : 4096;
				ms->entries = avis_xrealloc(ms->entries, ms->entries_cap * sizeof *ms->entries);
			}
			ms->entries[ms->nentries++] = (weight_entry){feature_id(ms, buf, klen), (uint16_t)m, (float)v};
			info.nweights++;
		}
	}
	bool read_error = ferror(f);
	free(buf);
	fclose(f);
	if (!*err && read_error)
		*err = fail(line_out, 0, "read error");
	if (!*err && (!have_threshold || !have_bias))
		*err = fail(line_out, 0, have_threshold ? "no bias line" : "no threshold line");
	if (*err) {
		/* the words and features it added stay, weightless */
		ms->nentries = first_entry;
		index_weights(ms);
		return -1;
	}
	ms->models = avis_xrealloc(ms->models, (ms->nmodels + 1) * sizeof *ms->models);
	ms->models[ms->nmodels++] = info;
	index_weights(ms);
	return m;
}

/* ---- scoring -------------------------------------------------------------------- */

avis_model_scratch *avis_model_scratch_new(const avis_models *ms)
{
	avis_model_scratch *sc = avis_xcalloc(1, sizeof *sc);
	sc->nfeatures = ms ? ms->nfeatures : 0;
	sc->mark = avis_xcalloc(sc->nfeatures ? sc->nfeatures : 1, sizeof *sc->mark);
	return sc;
}

void avis_model_scratch_free(avis_model_scratch *sc)
{
	if (!sc)
		return;
	free(sc->mark);
	free(sc);
}

/* A new stamp: features marked with older ones count again. */
static void next_stamp(avis_model_scratch *sc)
{
	if (++sc->stamp == 0) {
		memset(sc->mark, 0, sc->nfeatures * sizeof *sc->mark);
		sc->stamp = 1;
	}
}

/* Each word of s[from, to) and each pair of words in a row, once, adds
 * its weights to the models' scores. */
void avis_models_score(const avis_models *ms, avis_model_scratch *sc, const char *s, size_t from, size_t to,
		       double *logit)
{
	for (size_t m = 0; m < ms->nmodels; m++)
		logit[m] = ms->models[m].bias;
	next_stamp(sc);
	uint32_t stamp = sc->stamp;
	int32_t prev = -1;
	for (size_t i = from; i < to;) {
		if (!word_byte((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t b = i;
		while (i < to && word_byte((unsigned char)s[i]))
			i++;
		const word_slot *ws = word_get(ms, s + b, i - b);
		if (!ws) {
			prev = -1;
			continue;
		}
		int32_t w = ws->word;
		int32_t feats[2] = {ws->unigram, prev >= 0 ? pair_get(ms, prev, w) : -1};
		for (int k = 0; k < 2; k++) {
			int32_t f = feats[k];
			if (f < 0 || sc->mark[f] == stamp)
				continue;
			sc->mark[f] = stamp;
			for (uint32_t j = ms->start[f]; j < ms->start[f + 1]; j++)
				logit[ms->hot[j].model] += ms->hot[j].weight;
		}
		prev = w;
	}
}
