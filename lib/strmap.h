/* strmap — a string-keyed hash map to small integers.
 *
 * Owns: looking up byte strings (not NUL-terminated, any bytes) to an
 * int32 value, with the keys copied into the map.  Used for lexicon words
 * and per-run token caches.  Open addressing, FNV-1a; grows by doubling.
 * avis_strmap_clear empties it but keeps its memory, so a cache that is
 * cleared when it reaches a bound keeps memory flat.
 */
#ifndef AVIS_STRMAP_H
#define AVIS_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct {
	uint32_t *slots;   /* 0 = empty, else 1 + index into keys/vals */
	size_t nslots;     /* power of two */
	uint32_t *koff, *klen;
	int32_t *vals;
	size_t n, cap;
	avis_buf arena;    /* the key bytes */
} avis_strmap;

#define AVIS_STRMAP_INIT {0}

/* The value of key, or -1 if absent. */
int32_t avis_strmap_get(const avis_strmap *m, const char *key, size_t len);
/* Set key to val (replacing any value); returns the entry's index. */
size_t avis_strmap_put(avis_strmap *m, const char *key, size_t len, int32_t val);
/* The key of entry i (for explanations). */
const char *avis_strmap_key(const avis_strmap *m, size_t i, size_t *len);
size_t avis_strmap_count(const avis_strmap *m);
void avis_strmap_clear(avis_strmap *m);
void avis_strmap_free(avis_strmap *m);

#endif
