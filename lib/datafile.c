/* datafile — data file listing and the block format; see datafile.h. */
#define _GNU_SOURCE
#include "datafile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **avis_list_files(const char *dir, const char *suffix, size_t *n, char *err, size_t errsz)
{
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errsz, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	size_t cap = 16, count = 0, slen = strlen(suffix);
	char **list = avis_xmalloc(cap * sizeof *list);
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len <= slen || strcmp(e->d_name + len - slen, suffix) != 0)
			continue;
		if (count == cap) {
			cap *= 2;
			list = avis_xrealloc(list, cap * sizeof *list);
		}
		avis_buf path = AVIS_BUF_INIT;
		avis_buf_printf(&path, "%s/%s", dir, e->d_name);
		list[count++] = path.data;
	}
	closedir(d);
	qsort(list, count, sizeof *list, by_name);
	*n = count;
	return list;
}

void avis_free_list(char **list, size_t n)
{
	if (!list)
		return;
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

char *avis_data_trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static bool all_of(const char *s, size_t n, const char *extra)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr(extra, s[i]))
			return false;
	return true;
}

static avis_block *new_block(avis_blockfile *f, const char *id, size_t idlen, unsigned long line)
{
	f->blocks = avis_xrealloc(f->blocks, (f->nblocks + 1) * sizeof *f->blocks);
	avis_block *b = &f->blocks[f->nblocks++];
	b->id = id ? avis_xstrndup(id, idlen) : NULL;
	b->line = line;
	b->kv = NULL;
	b->nkv = 0;
	return b;
}

static void add_kv(avis_block *b, const char *key, size_t keylen, const char *value,
		   unsigned long line)
{
	b->kv = avis_xrealloc(b->kv, (b->nkv + 1) * sizeof *b->kv);
	avis_kv *kv = &b->kv[b->nkv++];
	kv->key = avis_xstrndup(key, keylen);
	kv->value = avis_xstrndup(value, strlen(value));
	kv->line = line;
}

/* One line; false with err set when it is not part of the format. */
static bool parse_line(avis_blockfile *f, char *raw, unsigned long line, char *err, size_t errsz)
{
	char *s = avis_data_trim(raw);
	if (*s == '\0' || *s == '#')
		return true;
	if (*s == '[') {
		char *close = strchr(s, ']');
		if (!close || *avis_data_trim(close + 1) != '\0' || !all_of(s + 1, (size_t)(close - s - 1), "._-")) {
			snprintf(err, errsz, "%s:%lu: bad block header '%s' (expected [id], "
				 "id of letters, digits and ._-)", f->path, line, s);
			return false;
		}
		new_block(f, s + 1, (size_t)(close - s - 1), line);
		return true;
	}
	char *eq = strchr(s, '=');
	if (!eq) {
		snprintf(err, errsz, "%s:%lu: expected 'key = value' or '[id]', got '%.60s'",
			 f->path, line, s);
		return false;
	}
	size_t keylen = (size_t)(eq - s);
	while (keylen && (s[keylen - 1] == ' ' || s[keylen - 1] == '\t'))
		keylen--;
	if (!all_of(s, keylen, "_+-.")) {
		snprintf(err, errsz, "%s:%lu: bad key '%.*s'", f->path, line, (int)keylen, s);
		return false;
	}
	add_kv(&f->blocks[f->nblocks - 1], s, keylen, avis_data_trim(eq + 1), line);
	return true;
}

avis_blockfile *avis_blockfile_load(const char *path, char *err, size_t errsz)
{
	FILE *in = fopen(path, "r");
	if (!in) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return NULL;
	}
	avis_blockfile *f = avis_xcalloc(1, sizeof *f);
	f->path = avis_xstrndup(path, strlen(path));
	new_block(f, NULL, 0, 0);
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	bool ok = true;
	ssize_t got;
	while (ok && (got = getline(&line, &cap, in)) >= 0) {
		lineno++;
		if (strlen(line) != (size_t)got) {
			snprintf(err, errsz, "%s:%lu: NUL byte in a text file", path, lineno);
			ok = false;
			break;
		}
		ok = parse_line(f, line, lineno, err, errsz);
	}
	if (ok && ferror(in)) {
		snprintf(err, errsz, "%s: read error: %s", path, strerror(errno));
		ok = false;
	}
	free(line);
	fclose(in);
	if (!ok) {
		avis_blockfile_free(f);
		return NULL;
	}
	return f;
}

void avis_blockfile_free(avis_blockfile *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nblocks; i++) {
		for (size_t k = 0; k < f->blocks[i].nkv; k++) {
			free(f->blocks[i].kv[k].key);
			free(f->blocks[i].kv[k].value);
		}
		free(f->blocks[i].kv);
		free(f->blocks[i].id);
	}
	free(f->blocks);
	free(f->path);
	free(f);
}

const avis_kv *avis_block_find(const avis_block *b, const char *key)
{
	for (size_t i = 0; i < b->nkv; i++)
		if (strcmp(b->kv[i].key, key) == 0)
			return &b->kv[i];
	return NULL;
}

const char *avis_block_get(const avis_block *b, const char *key)
{
	const avis_kv *kv = avis_block_find(b, key);
	return kv ? kv->value : NULL;
}
