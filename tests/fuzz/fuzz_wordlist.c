/* libFuzzer harness: the term list reader (wordlist.c).  A term list is
 * read from a path, so the input goes through one temporary file.  The
 * alternation it builds is compiled: every term compiled alone, so the
 * alternation must compile too, except where terms clash with one another
 * (two groups of one name), which the rule that uses it reports. */
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "fuzz_file.h"
#include "wordlist.h"

static void quiet(void *ctx, const char *file, unsigned long line, const char *msg)
{
	(void)ctx; (void)file; (void)line; (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_file(data, size);
	avis_wordlist_report rep = {quiet, quiet, NULL, 0, 0};
	avis_buf re = AVIS_BUF_INIT;
	avis_wordlist_read(path, &re, &rep);
	int code;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)re.data, re.len, PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
	if (c) {
		pcre2_match_data *md = pcre2_match_data_create_from_pattern(c, NULL);
		pcre2_match_context *mc = pcre2_match_context_create(NULL);
		pcre2_set_match_limit(mc, 10000);
		pcre2_match(c, (PCRE2_SPTR)"la pose d'une couronne", PCRE2_ZERO_TERMINATED, 0, 0, md, mc);
		pcre2_match_context_free(mc);
		pcre2_match_data_free(md);
		pcre2_code_free(c);
	}
	avis_buf_free(&re);
	return 0;
}
