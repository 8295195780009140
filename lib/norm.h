/* norm — what avis-norm does to one record.
 *
 * Owns: the record-level normalisation, in this order:
 *   1. the text fields `text`, `author`, `subject`, `reply.text` and
 *      `reply.author` are cleaned (text.h); charset repairs set the flag
 *      `repaired-utf8` (invalid bytes in the input line, decided by the
 *      reader) or `repaired-charset` (mojibake, C1 controls); raw NUL
 *      bytes removed from the line set `removed-nul`;
 *   2. platform artefacts are stripped from `text` and `reply.text`
 *      (artefact.h): flags `translated` / `truncated` (and
 *      `reply-translated` / `reply-truncated`); a machine translation that
 *      gave way to the original is kept in `text_translation` (in the
 *      record or in `reply`);
 *   3. `norm` is set to {"text": folded text, "reply": folded reply text}
 *      (null where there is no such text);
 *   4. `lang` is added when absent or null and there is a text (lang.h);
 *   5. with pseudonymisation, `author` becomes "anon-XXXXXXXX" (hash.h).
 * Running it twice gives the same record as running it once.
 * Deduplication is decided here too (avis_norm_is_duplicate), since its
 * key is the normalised content.
 */
#ifndef AVIS_NORM_H
#define AVIS_NORM_H

#include <stdbool.h>

#include <jansson.h>

#include "charset.h"
#include "jsonl.h"
#include "lang.h"
#include "text.h"

typedef struct {
	bool dedupe;
	bool pseudonymize;
	const char *salt;     /* secret key for pseudonyms */
	size_t salt_len;
} avis_norm_opts;

typedef struct avis_normalizer avis_normalizer;

avis_normalizer *avis_normalizer_new(avis_charset *cs, const avis_lang *lang,
				     const avis_norm_opts *opts);
void avis_normalizer_free(avis_normalizer *n);

/* Normalise rec in place; info says what the reader repaired (may be
 * NULL). */
void avis_norm_record(avis_normalizer *n, json_t *rec, const avis_line_info *info);

/* True if a record with the same key was already seen; call after
 * avis_norm_record.  The key is `id` when it is a non-empty string, else
 * the folded text with the author (as cleaned, or its pseudonym: the same
 * name gives the same pseudonym within a run). */
bool avis_norm_is_duplicate(avis_normalizer *n, const json_t *rec);

/* Replace rec's `author` by its keyed pseudonym (hash.h), computed on the
 * folded name; shared with the report, which honours --pseudonymize too. */
void avis_pseudonymize_author(avis_text *t, const char *salt, size_t salt_len, json_t *rec);

#endif
