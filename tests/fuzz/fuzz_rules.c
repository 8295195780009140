/* libFuzzer harness: the rule-file parser (rules.c over datafile.c) and,
 * for what loads, the engine: every example is run (self-test) and the
 * rules are applied to a fixed record.  A rule file is read from a path,
 * so the input goes through one temporary file. */
#include <stdint.h>

#include "check.h"
#include "fuzz_file.h"
#include "rules.h"

static void quiet(void *ctx, const char *file, unsigned long line, const char *msg)
{
	(void)ctx; (void)file; (void)line; (void)msg;
}

static void quiet_check(void *ctx, bool error, const char *file, unsigned long line, const char *msg)
{
	(void)ctx; (void)error; (void)file; (void)line; (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_file(data, size);
	avis_ruleset rs;
	avis_ruleset_init(&rs, quiet, NULL);
	rs.lint = size % 2;
	avis_ruleset_load(&rs, path);
	avis_check_opts o = {.now = 1.7e9, .match_limit = 10000, .depth_limit = 1000};
	avis_checker *c = avis_checker_new(&rs, &o, quiet_check, NULL);
	size_t total;
	avis_check_self_test(c, &total);
	json_t *rec = json_loads("{\"rating\":1,\"date\":\"2025-01-01\",\"author\":\"a\",\"text\":\"Le Dr MARTIN, très bien !!!\","
				 "\"reply\":{\"text\":\"Lors de votre consultation du 4 mars\",\"date\":\"2025-01-02\"}}", 0, NULL);
	avis_level worst;
	avis_check_record(c, rec, "fuzz", 1, &worst);
	json_decref(rec);
	avis_checker_free(c);
	avis_ruleset_free(&rs);
	return 0;
}
