/* hash — digests, pseudonyms, seen-set; see hash.h. */
#include "hash.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <nettle/hmac.h>
#include <nettle/sha2.h>

#include "buf.h"

uint64_t avis_digest64(size_t n, const char *const parts[], const size_t lens[])
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	for (size_t i = 0; i < n; i++) {
		uint8_t len[8];
		for (int k = 0; k < 8; k++)
			len[k] = (uint8_t)((uint64_t)lens[i] >> (56 - 8 * k));
		sha256_update(&ctx, sizeof len, len);
		sha256_update(&ctx, lens[i], (const uint8_t *)parts[i]);
	}
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest(&ctx, sizeof d, d);
	uint64_t v = 0;
	for (int k = 0; k < 8; k++)
		v = (v << 8) | d[k];
	return v;
}

void avis_pseudonym(const char *key, size_t keylen, const char *name, size_t namelen,
		    char out[14])
{
	struct hmac_sha256_ctx ctx;
	hmac_sha256_set_key(&ctx, keylen, (const uint8_t *)key);
	hmac_sha256_update(&ctx, namelen, (const uint8_t *)name);
	uint8_t d[SHA256_DIGEST_SIZE];
	hmac_sha256_digest(&ctx, sizeof d, d);
	static const char hex[] = "0123456789abcdef";
	memcpy(out, "anon-", 5);
	for (int k = 0; k < 4; k++) {
		out[5 + 2 * k] = hex[d[k] >> 4];
		out[6 + 2 * k] = hex[d[k] & 15];
	}
	out[13] = '\0';
}

bool avis_salt_resolve(const char *arg, char random_buf[32], const char **salt, size_t *len)
{
	if (!arg || !*arg)
		arg = getenv("AVIS_SALT");
	if (arg && *arg) {
		*salt = arg;
		*len = strlen(arg);
		return true;
	}
	if (getrandom(random_buf, 32, 0) != 32)
		return false;
	*salt = random_buf;
	*len = 32;
	return true;
}

/* Open addressing with linear probing; 0 marks an empty slot, so the
 * value 0 is remembered on the side. */
struct avis_seen {
	uint64_t *slots;
	size_t cap, count;
	bool has_zero;
};

avis_seen *avis_seen_new(void)
{
	avis_seen *s = avis_xmalloc(sizeof *s);
	s->cap = 1024;
	s->count = 0;
	s->has_zero = false;
	s->slots = avis_xcalloc(s->cap, sizeof *s->slots);
	return s;
}

void avis_seen_free(avis_seen *s)
{
	if (!s)
		return;
	free(s->slots);
	free(s);
}

static bool insert(uint64_t *slots, size_t cap, uint64_t v)
{
	size_t i = (size_t)(v ^ (v >> 32)) & (cap - 1);
	while (slots[i]) {
		if (slots[i] == v)
			return true;
		i = (i + 1) & (cap - 1);
	}
	slots[i] = v;
	return false;
}

static void grow(avis_seen *s)
{
	size_t cap = s->cap * 2;
	uint64_t *slots = avis_xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < s->cap; i++)
		if (s->slots[i])
			insert(slots, cap, s->slots[i]);
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
}

bool avis_seen_add(avis_seen *s, uint64_t v)
{
	if (v == 0) {
		bool had = s->has_zero;
		s->has_zero = true;
		return had;
	}
	if ((s->count + 1) * 4 > s->cap * 3)
		grow(s);
	bool had = insert(s->slots, s->cap, v);
	if (!had)
		s->count++;
	return had;
}
