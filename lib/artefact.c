/* artefact — platform artefacts in review text; see artefact.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "artefact.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

struct avis_artefacts {
	pcre2_code *translated, *truncated;
	pcre2_match_data *md;
	avis_buf tmp;
};

static const char TRANSLATED[] =
	"^\\((?:Traduit par Google|Translated by Google)\\)\\s*(.*?)"
	"(?:\\s*\\((?:Avis d'origine|Original|Texte d'origine)\\)\\s*(.*))?$";

static const char TRUNCATED[] =
	"(?:(\\s*(?:\xE2\x80\xA6|\\.\\.\\.))\\s*|\\s*\\n)"
	"(?:Plus|More|Voir plus|Lire la suite|Read more|See more)$";

/* The patterns are constants of this file: failing to compile them is a
 * bug, so it aborts loudly rather than being reported per record. */
static pcre2_code *compile(const char *pattern)
{
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_DOTALL | PCRE2_NO_UTF_CHECK,
				       &errcode, &erroff, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof msg);
		fprintf(stderr, "avis: internal pattern error at %zu: %s\n", (size_t)erroff, msg);
		abort();
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
	return re;
}

avis_artefacts *avis_artefacts_new(void)
{
	avis_artefacts *a = avis_xmalloc(sizeof *a);
	memset(a, 0, sizeof *a);
	a->translated = compile(TRANSLATED);
	a->truncated = compile(TRUNCATED);
	a->md = pcre2_match_data_create(4, NULL);
	return a;
}

void avis_artefacts_free(avis_artefacts *a)
{
	if (!a)
		return;
	pcre2_code_free(a->translated);
	pcre2_code_free(a->truncated);
	pcre2_match_data_free(a->md);
	avis_buf_free(&a->tmp);
	free(a);
}

static bool match(avis_artefacts *a, pcre2_code *re, const avis_buf *text)
{
	/* The text is valid UTF-8 (cleaned), so skip PCRE2's own check. */
	return pcre2_match(re, (PCRE2_SPTR)(text->data ? text->data : ""), text->len, 0,
			   PCRE2_NO_UTF_CHECK, a->md, NULL) >= 0;
}

static bool group(avis_artefacts *a, int n, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(a->md);
	if (ov[2 * n] == PCRE2_UNSET)
		return false;
	*start = ov[2 * n];
	*end = ov[2 * n + 1];
	return true;
}

static unsigned strip_translation(avis_artefacts *a, avis_buf *text, avis_buf *translation)
{
	if (!match(a, a->translated, text))
		return 0;
	size_t ts = 0, te = 0, os = 0, oe = 0;
	group(a, 1, &ts, &te);
	avis_buf_clear(&a->tmp);
	if (group(a, 2, &os, &oe) && oe > os) {
		avis_buf_put(translation, text->data + ts, te - ts);
		avis_buf_put(&a->tmp, text->data + os, oe - os);
	} else {
		avis_buf_put(&a->tmp, text->data + ts, te - ts);
	}
	avis_buf_clear(text);
	avis_buf_put(text, a->tmp.data, a->tmp.len);
	return AVIS_ART_TRANSLATED;
}

static unsigned strip_more_button(avis_artefacts *a, avis_buf *text)
{
	if (!match(a, a->truncated, text))
		return 0;
	size_t ms = 0, me = 0, es = 0, ee = 0;
	group(a, 0, &ms, &me);
	size_t keep = ms;
	if (group(a, 1, &es, &ee))
		keep = ee;      /* keep the ellipsis */
	text->len = keep;
	text->data[keep] = '\0';
	return AVIS_ART_TRUNCATED;
}

unsigned avis_artefacts_strip(avis_artefacts *a, avis_buf *text, avis_buf *translation)
{
	avis_buf_clear(translation);
	unsigned found = strip_translation(a, text, translation);
	found |= strip_more_button(a, text);
	/* A translation can be truncated too. */
	if (translation->len)
		found |= strip_more_button(a, translation);
	return found;
}
