/* norm — record-level normalisation; see norm.h. */
#include "norm.h"

#include <stdlib.h>
#include <string.h>

#include "artefact.h"
#include "hash.h"
#include "record.h"
#include "text.h"

struct avis_normalizer {
	avis_norm_opts opts;
	const avis_lang *lang;
	avis_text *text;
	avis_artefacts *art;
	avis_seen *seen;
	avis_buf clean, translation, folded;
};

avis_normalizer *avis_normalizer_new(avis_charset *cs, const avis_lang *lang,
				     const avis_norm_opts *opts)
{
	avis_normalizer *n = avis_xmalloc(sizeof *n);
	memset(n, 0, sizeof *n);
	if (opts)
		n->opts = *opts;
	n->lang = lang;
	n->text = avis_text_new(cs);
	n->art = avis_artefacts_new();
	if (n->opts.dedupe)
		n->seen = avis_seen_new();
	return n;
}

void avis_normalizer_free(avis_normalizer *n)
{
	if (!n)
		return;
	avis_text_free(n->text);
	avis_artefacts_free(n->art);
	avis_seen_free(n->seen);
	avis_buf_free(&n->clean);
	avis_buf_free(&n->translation);
	avis_buf_free(&n->folded);
	free(n);
}

/* Clean obj[key] if it is a string; returns true if it was one, leaving
 * the cleaned text in n->clean. */
static bool clean_field(avis_normalizer *n, json_t *obj, const char *key, json_t *rec)
{
	size_t len;
	const char *s = avis_string(obj, key, &len);
	if (!s)
		return false;
	unsigned fixes;
	avis_text_clean(n->text, s, len, &n->clean, &fixes);
	if (fixes & AVIS_FIX_CHARSET)
		avis_add_flag(rec, "repaired-charset");
	if (n->clean.len != len || memcmp(n->clean.data ? n->clean.data : "", s, len) != 0)
		json_object_set_new(obj, key, json_stringn(n->clean.data ? n->clean.data : "",
							   n->clean.len));
	return true;
}

/* Clean a review or reply text, strip its artefacts, and return its
 * folded form (NULL when there is no text). */
static json_t *normalise_text(avis_normalizer *n, json_t *obj, json_t *rec, const char *prefix)
{
	if (!clean_field(n, obj, "text", rec))
		return json_null();
	unsigned found = avis_artefacts_strip(n->art, &n->clean, &n->translation);
	if (found) {
		avis_buf flag = AVIS_BUF_INIT;
		if (found & AVIS_ART_TRANSLATED) {
			avis_buf_printf(&flag, "%stranslated", prefix);
			avis_add_flag(rec, flag.data);
		}
		if (found & AVIS_ART_TRUNCATED) {
			avis_buf_clear(&flag);
			avis_buf_printf(&flag, "%struncated", prefix);
			avis_add_flag(rec, flag.data);
		}
		avis_buf_free(&flag);
		json_object_set_new(obj, "text", json_stringn(n->clean.data, n->clean.len));
		if (n->translation.len)
			json_object_set_new(obj, "text_translation",
					    json_stringn(n->translation.data, n->translation.len));
	}
	avis_text_fold(n->text, n->clean.data, n->clean.len, &n->folded, NULL);
	return json_stringn(n->folded.data ? n->folded.data : "", n->folded.len);
}

void avis_pseudonymize_author(avis_text *t, const char *salt, size_t salt_len, json_t *rec)
{
	size_t len;
	const char *author = avis_string(rec, "author", &len);
	json_t *other = json_object_get(rec, "author");
	char *dumped = NULL;
	if (!author && other && !json_is_null(other)) {
		/* A name in an object or array is still a name. */
		dumped = json_dumps(other, JSON_COMPACT | JSON_ENCODE_ANY);
		author = dumped;
		len = dumped ? strlen(dumped) : 0;
	}
	if (!author || len == 0) {
		free(dumped);
		return;
	}
	/* Fold first, so "Marie L." and "MARIE L." stay one person. */
	avis_buf folded = AVIS_BUF_INIT;
	avis_text_fold(t, author, len, &folded, NULL);
	char pseudo[14];
	avis_pseudonym(salt, salt_len, folded.data ? folded.data : "", folded.len, pseudo);
	json_object_set_new(rec, "author", json_string(pseudo));
	avis_buf_free(&folded);
	free(dumped);
}

void avis_norm_record(avis_normalizer *n, json_t *rec, const avis_line_info *info)
{
	if (info && info->repaired_utf8)
		avis_add_flag(rec, "repaired-utf8");
	if (info && info->removed_nul)
		avis_add_flag(rec, "removed-nul");
	clean_field(n, rec, "author", rec);
	clean_field(n, rec, "subject", rec);
	json_t *reply = json_object_get(rec, "reply");
	if (json_is_object(reply))
		clean_field(n, reply, "author", rec);

	json_t *norm = json_object();
	json_t *text = normalise_text(n, rec, rec, "");
	json_object_set_new(norm, "text", text);
	json_object_set_new(norm, "reply",
			    json_is_object(reply) ? normalise_text(n, reply, rec, "reply-")
						  : json_null());
	json_object_set_new(rec, "norm", norm);

	json_t *lang = json_object_get(rec, "lang");
	if ((!lang || json_is_null(lang)) && json_is_string(text))
		json_object_set_new(rec, "lang",
				    json_string(avis_lang_guess(n->lang, json_string_value(text),
								json_string_length(text))));
	if (n->opts.pseudonymize)
		avis_pseudonymize_author(n->text, n->opts.salt, n->opts.salt_len, rec);
}

bool avis_norm_is_duplicate(avis_normalizer *n, const json_t *rec)
{
	if (!n->seen)
		return false;
	size_t idlen, tlen = 0, alen = 0;
	const char *id = avis_string(rec, "id", &idlen);
	uint64_t key;
	if (id && idlen) {
		const char *parts[] = {"id", id};
		size_t lens[] = {2, idlen};
		key = avis_digest64(2, parts, lens);
	} else {
		const char *t = avis_string(json_object_get(rec, "norm"), "text", &tlen);
		const char *a = avis_string(rec, "author", &alen);
		const char *parts[] = {"content", t ? t : "", a ? a : ""};
		size_t lens[] = {7, tlen, alen};
		key = avis_digest64(3, parts, lens);
	}
	return avis_seen_add(n->seen, key);
}
