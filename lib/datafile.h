/* datafile — the text files of the rules directory.
 *
 * Owns: finding data files (every DIR/NAME.SUFFIX, sorted by name, so
 * that results never depend on the file system's order) and reading the
 * block format that rule files and site profiles share:
 *
 *     # a comment (a line whose first non-blank character is '#')
 *     key = value          keys before the first block belong to the file
 *     [block.id]
 *     key = value          a key may repeat; values keep their order
 *     other-key = a value written as-is, no escaping: \b(x|y)\b
 *
 * A key is letters, digits and "_+-."; a block id is letters, digits and
 * "._-".  The value is everything after the first '=', trimmed of white
 * space at both ends.  Blank lines are ignored.  Every key and block keeps
 * its line number, so that every later error can say FILE:LINE.
 */
#ifndef AVIS_DATAFILE_H
#define AVIS_DATAFILE_H

#include <stddef.h>

typedef struct {
	char *key;
	char *value;
	unsigned long line;
} avis_kv;

typedef struct {
	char *id;              /* NULL for the file-level keys */
	unsigned long line;    /* of the [id] line; 0 for the file level */
	avis_kv *kv;
	size_t nkv;
} avis_block;

typedef struct {
	char *path;
	avis_block *blocks;    /* blocks[0] is the file level (id NULL) */
	size_t nblocks;
} avis_blockfile;

/* NULL on error, with err holding "FILE:LINE: message" (or "FILE: ..."). */
avis_blockfile *avis_blockfile_load(const char *path, char *err, size_t errsz);
void avis_blockfile_free(avis_blockfile *f);

/* s without its leading blanks and tabs and its trailing white space
 * (the line end included), cut in place: a line of a data file as read. */
char *avis_data_trim(char *s);

/* The first value of key in b, or NULL. */
const char *avis_block_get(const avis_block *b, const char *key);
/* The first kv of key in b, or NULL (for its line number). */
const avis_kv *avis_block_find(const avis_block *b, const char *key);

/* The paths DIR/NAME ending in suffix (".rules"), sorted; *n receives the
 * count.  Returns NULL with err set when DIR cannot be read; an empty list
 * (non-NULL, *n == 0) when nothing matches.  Free with avis_free_list. */
char **avis_list_files(const char *dir, const char *suffix, size_t *n, char *err, size_t errsz);
void avis_free_list(char **list, size_t n);

#endif
