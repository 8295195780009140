/* libFuzzer harness for reqlit: the input is a pattern, a newline, then a
 * text.  Whenever PCRE2 compiles the pattern (PCRE2_UTF, as the lexicon
 * does) and finds a match in the text, the text must hold a literal of
 * each set that avis_reqlit_token_sets says the pattern requires: a miss
 * would let the scorer skip a pattern that matches.  Must never crash, leak or read out of
 * bounds either. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "reqlit.h"

#define MAX_SETS 3

static bool holds_one(const char *s, size_t len, const avis_litset *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (memmem(s, len, r->v[i], strlen(r->v[i])))
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl = memchr(in, '\n', size);
	if (!nl)
		return 0;
	size_t plen = (size_t)(nl - in);
	const char *text = nl + 1;
	size_t tlen = size - plen - 1;
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)in, plen, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ec, &eo, NULL);
	if (!re)
		return 0;
	avis_reqlit sets;
	avis_reqlit_token_sets(in, plen, 2, MAX_SETS, &sets);
	size_t n = sets.n;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	size_t start = 0;
	for (int rounds = 0; n && start <= tlen && rounds < 64; rounds++) {
		if (pcre2_match(re, (PCRE2_SPTR)text, tlen, start, 0, md, NULL) < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		if (ov[1] < ov[0])
			break; /* \K can end a match before its start */
		for (size_t s = 0; s < n; s++)
			if (!holds_one(text, tlen, &sets.all[s]))
				abort();
		start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	avis_reqlit_free(&sets);
	return 0;
}
