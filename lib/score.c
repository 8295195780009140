/* score — see score.h. */
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "score.h"
#include "sentiment.h"
#include "text.h"

struct avis_score_ctx {
	avis_lexicon *fr, *en;
	avis_scorer *scorer;
	avis_text *text;
	avis_buf folded;
	avis_buf unglued;
};

avis_score_ctx *avis_score_ctx_new(const char *rules_dir, avis_charset *cs, char *err, size_t errsz)
{
	avis_score_ctx *c = avis_xcalloc(1, sizeof *c);
	c->fr = avis_lexicon_load(rules_dir, "fr", err, errsz);
	c->en = c->fr ? avis_lexicon_load(rules_dir, "en", err, errsz) : NULL;
	if (!c->en) {
		avis_score_ctx_free(c);
		return NULL;
	}
	c->scorer = avis_scorer_new();
	c->text = avis_text_new(cs);
	return c;
}

void avis_score_ctx_free(avis_score_ctx *c)
{
	if (!c)
		return;
	avis_lexicon_free(c->fr);
	avis_lexicon_free(c->en);
	avis_scorer_free(c->scorer);
	if (c->text)
		avis_text_free(c->text);
	avis_buf_free(&c->folded);
	avis_buf_free(&c->unglued);
	free(c);
}

/* The keys and labels are ASCII literals: Jansson need not check them
 * (the _nocheck calls); aspect names come from data and are checked. */
static json_t *sentiment_object(const avis_sentiment *s)
{
	json_t *o = json_object();
	json_object_set_new_nocheck(o, "score", json_real(s->score));
	json_object_set_new_nocheck(o, "label", json_string_nocheck(s->label));
	json_object_set_new_nocheck(o, "pos", json_real(s->pos));
	json_object_set_new_nocheck(o, "neg", json_real(s->neg));
	json_object_set_new_nocheck(o, "neu", json_real(s->neu));
	return o;
}

/* Score one text: the folded form from norm (norm_key) when there, else
 * (or when words are glued) fold it here. */
static bool score_one(avis_score_ctx *c, avis_lexicon *lx, const json_t *rec, const char *text, size_t len,
		      const char *norm_key, avis_sentiment *out, avis_buf *explain)
{
	const json_t *norm = json_object_get(rec, "norm");
	size_t flen = 0;
	const char *folded = json_is_object(norm) ? avis_string(norm, norm_key, &flen) : NULL;
	if (!folded && !text)
		return false;
	/* Words glued where a line break was lost are folded again, apart;
	 * norm keeps the text as written for the rules. */
	bool glued = text && avis_text_unglue(text, len, &c->unglued);
	if (!folded || glued) {
		if (glued)
			avis_text_fold(c->text, c->unglued.data, c->unglued.len, &c->folded, NULL);
		else
			avis_text_fold(c->text, text, len, &c->folded, NULL);
		folded = c->folded.data;
		flen = c->folded.len;
	}
	avis_score_text(c->scorer, lx, folded, flen, text, len, out, explain);
	return true;
}

static void add_mismatch(json_t *o, const json_t *rec, const avis_sentiment *s)
{
	const json_t *r = json_object_get(rec, "rating");
	if (!json_is_number(r))
		return;
	double rating = json_number_value(r);
	bool m = (rating >= AVIS_MISMATCH_HIGH && s->score <= -AVIS_MISMATCH_SCORE) ||
		 (rating <= AVIS_MISMATCH_LOW && s->score >= AVIS_MISMATCH_SCORE);
	json_object_set_new_nocheck(o, "mismatch", json_boolean(m));
}

void avis_score_record(avis_score_ctx *c, json_t *rec, avis_buf *explain)
{
	const json_t *lang = json_object_get(rec, "lang");
	avis_lexicon *lx = json_is_string(lang) && strcmp(json_string_value(lang), "en") == 0 ? c->en : c->fr;
	size_t len = 0, rlen = 0;
	const char *text = avis_string(rec, "text", &len);
	const json_t *reply = json_object_get(rec, "reply");
	const char *rtext = json_is_object(reply) ? avis_string(reply, "text", &rlen) : NULL;

	avis_sentiment s;
	json_t *o = NULL;
	if (explain)
		avis_buf_printf(explain, "text (%s lexicon):\n", lx->lang);
	if (score_one(c, lx, rec, text, len, "text", &s, explain)) {
		o = sentiment_object(&s);
		json_t *asp = json_object();
		for (size_t a = 0; a < lx->naspects; a++)
			if (s.aspects_seen & (1u << a))
				json_object_set_new(asp, lx->aspect[a], json_real(s.aspect[a]));
		json_object_set_new_nocheck(o, "aspects", asp);
		add_mismatch(o, rec, &s);
	}
	if (explain && rtext)
		avis_buf_puts(explain, "reply:\n");
	if (rtext && score_one(c, lx, rec, rtext, rlen, "reply", &s, explain)) {
		if (!o)
			o = json_object();
		json_object_set_new_nocheck(o, "reply", sentiment_object(&s));
	}
	json_object_set_new_nocheck(rec, "sentiment", o ? o : json_null());
}
