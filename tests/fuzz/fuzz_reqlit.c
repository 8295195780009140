/* libFuzzer harness for reqlit: the input is a pattern, a newline, then a
 * text.  Whenever PCRE2 compiles the pattern (PCRE2_UTF, as the lexicon
 * does) and finds a match in the text, the text must hold a literal of
 * each set that avis_reqlit_token_sets says the pattern requires: a miss
 * would let the scorer skip a pattern that matches.  The same for
 * avis_reqlit_find as avis-check uses it (UTF + UCP): plain; with
 * AVIS_REQLIT_ONE_SPACE on texts whose whitespace comes one character at
 * a time (as in a folded text), looked up with whitespace taken for a
 * space (as litscan does); caseless on ASCII texts, looked up lowered.
 * Must never crash, leak or read out of bounds either. */
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

/* A copy of s with whitespace bytes as spaces (one_space) or ASCII
 * letters lowered (caseless), as avis-check looks for literals. */
static char *lookup_copy(const char *s, size_t len, unsigned flags)
{
	char *c = malloc(len + 1);
	for (size_t i = 0; i < len; i++) {
		char b = s[i];
		if ((flags & AVIS_REQLIT_ONE_SPACE) && strchr("\t\n\v\f\r", b) && b)
			b = ' ';
		if ((flags & AVIS_REQLIT_CASELESS) && b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		c[i] = b;
	}
	c[len] = '\0';
	return c;
}

static bool ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* Does PCRE2 (UCP) find whitespace first, last, two in a row, or beyond
 * ASCII? */
static bool loose_spaces(const char *s, size_t len)
{
	int ec;
	PCRE2_SIZE eo;
	/* (and whitespace beyond ASCII: folding makes it a space) */
	pcre2_code *re = pcre2_compile((PCRE2_SPTR) "^\\s|\\s\\s|\\s$|[^\\S\\t\\n\\x0B\\f\\r ]", PCRE2_ZERO_TERMINATED,
				       PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &ec, &eo, NULL);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	bool loose = pcre2_match(re, (PCRE2_SPTR)s, len, 0, 0, md, NULL) >= 0;
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return loose;
}

static void check_find(const char *pat, size_t plen, const char *text, size_t tlen, unsigned flags)
{
	if ((flags & AVIS_REQLIT_ONE_SPACE) && loose_spaces(text, tlen))
		return;
	if ((flags & AVIS_REQLIT_CASELESS) && !ascii(text, tlen))
		return;
	int ec;
	PCRE2_SIZE eo;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
			((flags & AVIS_REQLIT_CASELESS) ? PCRE2_CASELESS : 0);
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, plen, opts, &ec, &eo, NULL);
	if (!re)
		return;
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	if (pcre2_match(re, (PCRE2_SPTR)text, tlen, 0, 0, md, NULL) >= 0) {
		avis_reqlit rl;
		avis_reqlit_find(pat, plen, flags, &rl);
		char *look = lookup_copy(text, tlen, flags);
		for (size_t k = 0; k < rl.n; k++) {
			avis_litset one = rl.all[k];
			if (flags & AVIS_REQLIT_ONE_SPACE)
				for (size_t i = 0; i < one.n; i++)
					for (char *q = one.v[i]; *q; q++)
						if (strchr("\t\n\v\f\r", *q))
							*q = ' ';
			if (!holds_one(look, tlen, &one))
				abort();
		}
		free(look);
		avis_reqlit_free(&rl);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl = memchr(in, '\n', size);
	if (!nl)
		return 0;
	size_t plen = (size_t)(nl - in);
	const char *text = nl + 1;
	size_t tlen = size - plen - 1;
	check_find(in, plen, text, tlen, 0);
	check_find(in, plen, text, tlen, AVIS_REQLIT_ONE_SPACE);
	check_find(in, plen, text, tlen, AVIS_REQLIT_CASELESS);
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
