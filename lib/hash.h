/* hash — digests of record content.
 *
 * Owns: the 64-bit content digests used to recognise a record seen before
 * (SHA-256, first 8 bytes), the keyed pseudonyms that replace author
 * names (HMAC-SHA256 under a secret salt, so a name cannot be recovered
 * by hashing guesses without the salt), and the set of digests seen so
 * far.  Cryptography comes from Nettle.
 */
#ifndef AVIS_HASH_H
#define AVIS_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* SHA-256 of the concatenation of n parts, first 8 bytes big-endian.
 * Parts are length-prefixed so ("ab","c") and ("a","bc") differ. */
uint64_t avis_digest64(size_t n, const char *const parts[], const size_t lens[]);

/* "anon-" followed by 8 hex digits of HMAC-SHA256(key, name), in out
 * (at least 14 bytes). */
void avis_pseudonym(const char *key, size_t keylen, const char *name, size_t namelen,
		    char out[14]);

/* The salt for pseudonyms: arg when given and not empty, else $AVIS_SALT,
 * else random bytes drawn into random_buf (pseudonyms then hold within
 * the run only).  False if no random bytes could be drawn. */
bool avis_salt_resolve(const char *arg, char random_buf[32], const char **salt, size_t *len);

/* A set of 64-bit digests; memory grows with the distinct values added
 * (16 bytes each at most), which is what deduplication costs. */
typedef struct avis_seen avis_seen;

avis_seen *avis_seen_new(void);
void avis_seen_free(avis_seen *s);
/* Add v; true if it was already there. */
bool avis_seen_add(avis_seen *s, uint64_t v);

#endif
