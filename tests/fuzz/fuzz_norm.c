/* libFuzzer harness: the text functions on arbitrary bytes — repair,
 * clean, artefact stripping, folding with its offset map, language. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artefact.h"
#include "charset.h"
#include "lang.h"
#include "text.h"

typedef struct {
	avis_charset *cs;
	avis_text *text;
	avis_artefacts *art;
	avis_lang *lang;
} fuzz_state;

static fuzz_state *state(void)
{
	static fuzz_state s;   /* libFuzzer gives no context pointer */
	if (!s.cs) {
		char err[256];
		s.cs = avis_charset_new();
		s.text = avis_text_new(s.cs);
		s.art = avis_artefacts_new();
		s.lang = avis_lang_load("rules/lang", err, sizeof err);
		if (!s.cs || !s.lang) {
			fprintf(stderr, "fuzz_norm: run from the source tree: %s\n", err);
			abort();
		}
	}
	return &s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_state *s = state();
	avis_buf valid = AVIS_BUF_INIT, clean = AVIS_BUF_INIT, tr = AVIS_BUF_INIT, folded = AVIS_BUF_INIT;
	avis_utf8_repair(s->cs, (const char *)data, size, &valid);
	if (avis_utf8_invalid_at(valid.data ? valid.data : "", valid.len) != valid.len)
		abort();   /* repair must give valid UTF-8 */
	unsigned fixes;
	avis_text_clean(s->text, valid.data ? valid.data : "", valid.len, &clean, &fixes);
	if (avis_utf8_invalid_at(clean.data ? clean.data : "", clean.len) != clean.len)
		abort();
	avis_artefacts_strip(s->art, &clean, &tr);
	avis_offmap map = {0};
	avis_text_fold(s->text, clean.data ? clean.data : "", clean.len, &folded, &map);
	if (map.len != folded.len)
		abort();   /* one offset per folded byte */
	for (size_t i = 0; i < map.len; i++)
		if (map.src[i] >= clean.len)
			abort();   /* every offset inside the source */
	avis_lang_guess(s->lang, folded.data ? folded.data : "", folded.len);
	avis_offmap_free(&map);
	avis_buf_free(&valid);
	avis_buf_free(&clean);
	avis_buf_free(&tr);
	avis_buf_free(&folded);
	return 0;
}
