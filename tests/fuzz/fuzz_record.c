/* libFuzzer harness: the record path of every filter.  The input is cut
 * into lines as the reader cuts them; each line is repaired as avis-norm
 * repairs it, parsed as a record, normalised, written and formatted.
 * Run from the source tree (it loads rules/lang). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "fmt.h"
#include "jsonl.h"
#include "lang.h"
#include "norm.h"

typedef struct {
	avis_charset *cs;
	avis_lang *lang;
	FILE *sink;
} fuzz_state;

static fuzz_state *state(void)
{
	static fuzz_state s;   /* libFuzzer gives no context pointer */
	if (!s.cs) {
		char err[256];
		s.cs = avis_charset_new();
		s.lang = avis_lang_load("rules/lang", err, sizeof err);
		s.sink = fopen("/dev/null", "w");
		if (!s.cs || !s.lang || !s.sink) {
			fprintf(stderr, "fuzz_record: run from the source tree: %s\n", err);
			abort();
		}
	}
	return &s;
}

static void one_line(fuzz_state *s, avis_normalizer *n, avis_formatter *f, const char *p, size_t len)
{
	avis_buf fixed = AVIS_BUF_INIT;
	avis_utf8_repair(s->cs, p, len, &fixed);
	char why[256];
	json_t *rec = avis_parse_record(fixed.data ? fixed.data : "", fixed.len, why, sizeof why);
	if (rec) {
		avis_line_info info = {true, false};
		avis_norm_record(n, rec, &info);
		avis_norm_is_duplicate(n, rec);
		avis_fmt_record(f, rec, "fuzz", 1);
		json_decref(rec);
	}
	avis_buf_free(&fixed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_state *s = state();
	avis_norm_opts o = {.dedupe = true, .pseudonymize = true, .salt = "k", .salt_len = 1};
	avis_normalizer *n = avis_normalizer_new(s->cs, s->lang, &o);
	avis_fmt_opts fo = {.format = (avis_format)(size % 5), .width = 60, .excel = size % 2};
	char err[128];
	avis_formatter *f = avis_formatter_new(&fo, s->sink, err, sizeof err);
	const char *p = (const char *)data, *end = p + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		one_line(s, n, f, p, len);
		p += len + 1;
	}
	avis_fmt_finish(f);
	avis_formatter_free(f);
	avis_normalizer_free(n);
	return 0;
}
