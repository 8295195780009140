/* strmap — see strmap.h. */
#include <stdlib.h>
#include <string.h>

#include "strmap.h"

static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static size_t find_slot(const avis_strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t mask = m->nslots - 1, i = h & mask;
	while (m->slots[i]) {
		size_t e = m->slots[i] - 1;
		if (m->klen[e] == len && memcmp(m->arena.data + m->koff[e], key, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

int32_t avis_strmap_get(const avis_strmap *m, const char *key, size_t len)
{
	if (!m->nslots)
		return -1;
	size_t i = find_slot(m, key, len, hash(key, len));
	return m->slots[i] ? m->vals[m->slots[i] - 1] : -1;
}

static void rehash(avis_strmap *m, size_t nslots)
{
	free(m->slots);
	m->slots = avis_xcalloc(nslots, sizeof *m->slots);
	m->nslots = nslots;
	for (size_t e = 0; e < m->n; e++) {
		const char *k = m->arena.data + m->koff[e];
		size_t i = find_slot(m, k, m->klen[e], hash(k, m->klen[e]));
		m->slots[i] = (uint32_t)(e + 1);
	}
}

size_t avis_strmap_put(avis_strmap *m, const char *key, size_t len, int32_t val)
{
	if ((m->n + 1) * 2 > m->nslots)
		rehash(m, m->nslots ? m->nslots * 2 : 64);
	size_t i = find_slot(m, key, len, hash(key, len));
	if (m->slots[i]) {
		m->vals[m->slots[i] - 1] = val;
		return m->slots[i] - 1;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		m->koff = avis_xrealloc(m->koff, m->cap * sizeof *m->koff);
		m->klen = avis_xrealloc(m->klen, m->cap * sizeof *m->klen);
		m->vals = avis_xrealloc(m->vals, m->cap * sizeof *m->vals);
	}
	m->koff[m->n] = (uint32_t)m->arena.len;
	m->klen[m->n] = (uint32_t)len;
	m->vals[m->n] = val;
	avis_buf_put(&m->arena, key, len);
	m->slots[i] = (uint32_t)(m->n + 1);
	return m->n++;
}

const char *avis_strmap_key(const avis_strmap *m, size_t i, size_t *len)
{
	*len = m->klen[i];
	return m->arena.data + m->koff[i];
}

size_t avis_strmap_count(const avis_strmap *m)
{
	return m->n;
}

void avis_strmap_clear(avis_strmap *m)
{
	if (m->slots)
		memset(m->slots, 0, m->nslots * sizeof *m->slots);
	m->n = 0;
	avis_buf_clear(&m->arena);
}

void avis_strmap_free(avis_strmap *m)
{
	free(m->slots);
	free(m->koff);
	free(m->klen);
	free(m->vals);
	avis_buf_free(&m->arena);
	memset(m, 0, sizeof *m);
}
