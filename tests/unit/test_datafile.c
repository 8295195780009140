/* Unit tests: datafile (file lists, block format). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datafile.h"
#include "harness.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

void test_datafile(T *t)
{
	char dir[] = "/tmp/avis-unit-XXXXXX";
	if (!mkdtemp(dir)) {
		CHECK(t, false, "mkdtemp");
		return;
	}
	char p[256], err[512];
	snprintf(p, sizeof p, "%s/b.rules", dir);
	write_file(p, "# head\nname = Site X\n\n[secret.one]\nlevel = error\n"
		      "match = \\b(vos|votre) soins?\\b  \nmatch = a = b\nexample+ = Oui.\n"
		      "  # indented comment\n[two]\nk=v\n");
	avis_blockfile *f = avis_blockfile_load(p, err, sizeof err);
	CHECK(t, f && f->nblocks == 3, "file level + two blocks");
	if (f) {
		CHECK(t, f->blocks[0].id == NULL && strcmp(avis_block_get(&f->blocks[0], "name"), "Site X") == 0,
		      "file-level key");
		const avis_block *b = &f->blocks[1];
		CHECK(t, strcmp(b->id, "secret.one") == 0 && b->line == 4, "block id and line");
		CHECK(t, b->nkv == 4 && strcmp(b->kv[1].value, "\\b(vos|votre) soins?\\b") == 0,
		      "value as-is, trimmed");
		CHECK(t, strcmp(b->kv[2].value, "a = b") == 0 && b->kv[2].line == 7, "repeated key, first '=' splits");
		CHECK(t, strcmp(b->kv[3].key, "example+") == 0, "key with +");
		CHECK(t, avis_block_find(b, "nope") == NULL, "missing key");
		CHECK(t, strcmp(avis_block_get(&f->blocks[2], "k"), "v") == 0, "no spaces around '='");
	}
	avis_blockfile_free(f);

	snprintf(p, sizeof p, "%s/a.rules", dir);
	write_file(p, "[ok]\nthis line is wrong\n");
	CHECK(t, !avis_blockfile_load(p, err, sizeof err) && strstr(err, "a.rules:2: expected 'key = value'"),
	      "bad line located");
	write_file(p, "[bad id!]\n");
	CHECK(t, !avis_blockfile_load(p, err, sizeof err) && strstr(err, "a.rules:1: bad block header"),
	      "bad header located");
	write_file(p, "[x]\nbad key! = 1\n");
	CHECK(t, !avis_blockfile_load(p, err, sizeof err) && strstr(err, "a.rules:2: bad key"),
	      "bad key located");
	snprintf(p, sizeof p, "%s/c.other", dir);
	write_file(p, "");

	size_t n;
	char **list = avis_list_files(dir, ".rules", &n, err, sizeof err);
	CHECK(t, list && n == 2 && strstr(list[0], "/a.rules") && strstr(list[1], "/b.rules"),
	      "files listed by suffix, sorted");
	for (size_t i = 0; list && i < n; i++)
		unlink(list[i]);
	avis_free_list(list, n);
	unlink(p);
	rmdir(dir);
	CHECK(t, !avis_list_files(dir, ".rules", &n, err, sizeof err) && strstr(err, "No such file"),
	      "missing directory reported");
	CHECK(t, !avis_blockfile_load("/nonexistent.rules", err, sizeof err), "missing file reported");
}
