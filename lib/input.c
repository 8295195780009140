/* input — see input.h. */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

bool avis_read_input(const char *path, avis_buf *out, time_t *mtime)
{
	bool std = strcmp(path, "-") == 0;
	FILE *f = std ? stdin : fopen(path, "rb");
	if (!f)
		return false;
	struct stat st;
	*mtime = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) ? st.st_mtime : time(NULL);
	if (!std && S_ISDIR(st.st_mode)) {
		fclose(f);
		errno = EISDIR;
		return false;
	}
	avis_buf_clear(out);
	for (;;) {
		avis_buf_reserve(out, 65536);
		size_t n = fread(out->data + out->len, 1, out->cap - out->len - 1, f);
		out->len += n;
		if (n == 0)
			break;
	}
	out->data[out->len] = 0;
	bool ok = !ferror(f);
	int e = errno;
	if (!std)
		fclose(f);
	errno = e;
	return ok;
}

bool avis_is_dir(const char *path)
{
	struct stat st;
	return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_page_name(const char *name)
{
	static const char *const suffixes[] = {".html", ".htm", ".xhtml", ".mhtml", ".mht", ".json"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t s = strlen(suffixes[i]);
		if (n > s && strcasecmp(name + n - s, suffixes[i]) == 0)
			return true;
	}
	return false;
}

typedef struct {
	char **v;
	size_t n, cap;
} list;

static void push(list *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = avis_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = s;
}

/* Folders already walked, by device and inode: a symbolic link back up
 * the tree (or to a sibling) would otherwise read the same pages again,
 * or loop. */
typedef struct {
	struct { dev_t dev; ino_t ino; } *v;
	size_t n, cap;
} visited;

static bool first_visit(visited *seen, const struct stat *st)
{
	for (size_t i = 0; i < seen->n; i++)
		if (seen->v[i].dev == st->st_dev && seen->v[i].ino == st->st_ino)
			return false;
	if (seen->n == seen->cap) {
		seen->cap = seen->cap ? 2 * seen->cap : 16;
		seen->v = avis_xrealloc(seen->v, seen->cap * sizeof *seen->v);
	}
	seen->v[seen->n].dev = st->st_dev;
	seen->v[seen->n].ino = st->st_ino;
	seen->n++;
	return true;
}

static bool walk(const char *dir, list *l, int depth, visited *seen)
{
	struct stat self;
	if (stat(dir, &self) == 0 && !first_visit(seen, &self))
		return true;
	DIR *d = opendir(dir);
	if (!d)
		return false;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;   /* ., .., hidden files and folders */
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *p = avis_xmalloc(len);
		snprintf(p, len, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode) && depth < 32) {
			walk(p, l, depth + 1, seen);
			free(p);
		} else if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && is_page_name(e->d_name)) {
			push(l, p);
		} else {
			free(p);
		}
	}
	closedir(d);
	return true;
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **avis_list_pages(const char *dir, size_t *n)
{
	list l = {0};
	visited seen = {0};
	bool ok = walk(dir, &l, 0, &seen);
	free(seen.v);
	if (!ok) {
		free(l.v);
		return NULL;
	}
	if (l.n)
		qsort(l.v, l.n, sizeof *l.v, by_bytes);
	*n = l.n;
	if (!l.v)
		l.v = avis_xcalloc(1, sizeof *l.v);
	return l.v;
}
