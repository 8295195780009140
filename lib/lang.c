/* lang — stop-word profile language identification; see lang.h. */
#define _GNU_SOURCE
#include "lang.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "datafile.h"

enum { MAX_LANGS = 30, MAX_WORDS_LOOKED_AT = 400, MAX_WORD = 64 };

struct avis_lang {
	char names[MAX_LANGS][16];
	int n;
	int fr;          /* index of French, or -1 */
	json_t *words;   /* word -> integer bit set of the profiles holding it */
};

static bool is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static void add_word(avis_lang *l, const char *w, size_t n, int lang)
{
	json_t *bits = json_object_getn(l->words, w, n);
	json_int_t v = bits ? json_integer_value(bits) : 0;
	json_object_setn_new(l->words, w, n, json_integer(v | ((json_int_t)1 << lang)));
}

/* Read one profile; words are lower case ASCII letters or UTF-8. */
static bool load_profile(avis_lang *l, const char *path, int lang, char *err, size_t errsz)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return false;
	}
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	bool ok = true;
	while (ok && getline(&line, &cap, f) >= 0) {
		lineno++;
		char *hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		for (char *p = line; *p;) {
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			char *start = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				p++;
			size_t n = (size_t)(p - start);
			if (!n)
				continue;
			for (size_t i = 0; i < n; i++)
				if (!is_word_byte((unsigned char)start[i]) ||
				    (start[i] >= 'A' && start[i] <= 'Z')) {
					snprintf(err, errsz, "%s:%lu: '%.*s' is not a folded word "
						 "(lower case letters only)", path, lineno, (int)n, start);
					ok = false;
					break;
				}
			if (ok)
				add_word(l, start, n, lang);
		}
	}
	free(line);
	fclose(f);
	return ok;
}

avis_lang *avis_lang_load(const char *dir, char *err, size_t errsz)
{
	size_t nfiles;
	char **files = avis_list_files(dir, ".words", &nfiles, err, errsz);
	if (!files)
		return NULL;
	avis_lang *l = avis_xcalloc(1, sizeof *l);
	l->fr = -1;
	l->words = json_object();
	bool ok = true;
	if (nfiles == 0) {
		snprintf(err, errsz, "%s: no *.words language profile", dir);
		ok = false;
	} else if (nfiles > MAX_LANGS) {
		snprintf(err, errsz, "%s: more than %d language profiles", dir, MAX_LANGS);
		ok = false;
	}
	for (size_t i = 0; ok && i < nfiles; i++) {
		const char *base = strrchr(files[i], '/') + 1;
		size_t n = strlen(base) - strlen(".words");
		if (n >= sizeof l->names[0]) {
			snprintf(err, errsz, "%s: language code too long", files[i]);
			ok = false;
			break;
		}
		memcpy(l->names[l->n], base, n);
		l->names[l->n][n] = '\0';
		if (strcmp(l->names[l->n], "fr") == 0)
			l->fr = l->n;
		ok = load_profile(l, files[i], l->n, err, errsz);
		l->n++;
	}
	avis_free_list(files, nfiles);
	if (!ok) {
		avis_lang_free(l);
		return NULL;
	}
	return l;
}

void avis_lang_free(avis_lang *l)
{
	if (!l)
		return;
	json_decref(l->words);
	free(l);
}

static int winner(const avis_lang *l, const unsigned hits[])
{
	int best = -1;
	for (int i = 0; i < l->n; i++)
		if (hits[i] && (best < 0 || hits[i] > hits[best] ||
				(hits[i] == hits[best] && i == l->fr)))
			best = i;
	return best;
}

const char *avis_lang_guess(const avis_lang *l, const char *s, size_t len)
{
	unsigned hits[MAX_LANGS] = {0};
	unsigned words = 0;
	size_t i = 0;
	while (i < len && words < MAX_WORDS_LOOKED_AT) {
		while (i < len && !is_word_byte((unsigned char)s[i]))
			i++;
		size_t start = i;
		while (i < len && is_word_byte((unsigned char)s[i]))
			i++;
		if (i == start)
			break;
		words++;
		if (i - start > MAX_WORD)
			continue;
		json_t *bits = json_object_getn(l->words, s + start, i - start);
		if (!bits)
			continue;
		json_int_t v = json_integer_value(bits);
		for (int k = 0; k < l->n; k++)
			if (v & ((json_int_t)1 << k))
				hits[k]++;
	}
	int best = winner(l, hits);
	if (best < 0 || (words >= 8 && hits[best] * 8 < words))
		return "other";
	const char *name = l->names[best];
	return strcmp(name, "fr") == 0 || strcmp(name, "en") == 0 ? name : "other";
}
