/* lang — stop-word profile language identification; see lang.h. */
#define _GNU_SOURCE
#include "lang.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"

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

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

avis_lang *avis_lang_load(const char *dir, char *err, size_t errsz)
{
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errsz, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	/* Sorted, so that profile order does not depend on the file system. */
	char *files[MAX_LANGS];
	int nfiles = 0;
	struct dirent *e;
	while ((e = readdir(d)) && nfiles < MAX_LANGS) {
		size_t n = strlen(e->d_name);
		if (n > 6 && n - 6 < 16 && strcmp(e->d_name + n - 6, ".words") == 0)
			files[nfiles++] = avis_xstrndup(e->d_name, n);
	}
	closedir(d);
	qsort(files, (size_t)nfiles, sizeof *files, by_name);
	avis_lang *l = avis_xmalloc(sizeof *l);
	memset(l, 0, sizeof *l);
	l->fr = -1;
	l->words = json_object();
	bool ok = nfiles > 0;
	if (!ok)
		snprintf(err, errsz, "%s: no *.words language profile", dir);
	for (int i = 0; i < nfiles; i++) {
		if (ok) {
			size_t n = strlen(files[i]) - 6;
			memcpy(l->names[l->n], files[i], n);
			l->names[l->n][n] = '\0';
			if (strcmp(l->names[l->n], "fr") == 0)
				l->fr = l->n;
			avis_buf path = AVIS_BUF_INIT;
			avis_buf_printf(&path, "%s/%s", dir, files[i]);
			ok = load_profile(l, path.data, l->n, err, errsz);
			avis_buf_free(&path);
			l->n++;
		}
		free(files[i]);
	}
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
