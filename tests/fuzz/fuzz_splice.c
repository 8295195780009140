/* libFuzzer harness: avis-check's pass-through, differentially.  The
 * input is read as a record stream by the reader that keeps raw lines
 * (keep_raw), and each record is written with a member added
 * (avis_write_record_with), from its line as read when the reader gives
 * one.  What is written must be one line of JSON, an object equal to the
 * record with that member added; when written from the line, it must be
 * that line, trimmed, up to its closing brace.  Aborts otherwise.
 * Invalid lines are reported on stderr as the filters report them: make
 * fuzz closes this target's stderr (-close_fd_mask=2; libFuzzer and the
 * sanitizers keep theirs). */
#define _GNU_SOURCE /* open_memstream */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_file.h"
#include "jsonl.h"

static const char KEY[] = "findings";
static const char VALUE[] = "[{\"rule\":\"x\"}]";

static size_t trimmed(const char *s, size_t n, size_t *start)
{
	size_t a = 0;
	while (a < n && strchr(" \t\r\n", s[a]) && s[a])
		a++;
	while (n > a && strchr(" \t\r\n", s[n - 1]) && s[n - 1])
		n--;
	*start = a;
	return n - a;
}

static void expect_written(const json_t *rec, const char *raw, size_t rawlen, const char *out, size_t outlen)
{
	if (outlen == 0 || out[outlen - 1] != '\n' || memchr(out, '\n', outlen - 1))
		abort();        /* not exactly one line */
	json_error_t err;
	json_t *back = json_loadb(out, outlen, JSON_ALLOW_NUL, &err);
	if (!back)
		abort();        /* not JSON */
	json_t *want = json_deep_copy(rec);
	json_object_set_new(want, KEY, json_loadb(VALUE, strlen(VALUE), 0, &err));
	if (!json_equal(back, want))
		abort();        /* another value */
	json_decref(want);
	json_decref(back);
	if (raw) {
		size_t start, n = trimmed(raw, rawlen, &start);
		if (n == 0 || outlen < n || memcmp(out, raw + start, n - 1) != 0)
			abort();        /* the line was not kept */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *files[] = {(char *)fuzz_input_file(data, size)};
	avis_cli cli;
	avis_cli_init(&cli, "fuzz_splice", "", NULL);
	cli.quiet = true;
	char *mem = NULL;
	size_t memlen = 0;
	cli.out = open_memstream(&mem, &memlen);
	avis_reader_opts o = {.keep_raw = true};
	avis_reader *r = avis_reader_new(&cli, 1, files, &o);
	json_t *rec;
	while (avis_reader_next(r, &rec, NULL)) {
		if (!json_object_get(rec, KEY)) {
			size_t rawlen = 0;
			const char *raw = avis_reader_raw(r, &rawlen);
			fflush(cli.out);
			size_t before = memlen;
			if (!avis_write_record_with(&cli, rec, raw, rawlen, KEY, VALUE, strlen(VALUE)))
				abort();
			fflush(cli.out);
			expect_written(rec, raw, rawlen, mem + before, memlen - before);
		}
		json_decref(rec);
	}
	avis_reader_free(r);
	fclose(cli.out);
	free(mem);
	avis_buf_free(&cli.scratch);
	return 0;
}
