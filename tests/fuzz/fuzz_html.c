/* libFuzzer harness: the HTML path of avis-parse.  The input is a saved
 * page (or an MHTML archive, or a Takeout file: avis_parse_input decides)
 * run through charset detection, libxml2, every shipped site profile and
 * the schema.org readers; the records go to /dev/null.  Run from the
 * source tree (it loads rules/sites). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "parse.h"

typedef struct {
	avis_cli cli;
	avis_sites *sites;
	avis_charset *cs;
	avis_parser *parser;
} fuzz_state;

static fuzz_state *state(void)
{
	static fuzz_state s;   /* libFuzzer gives no context pointer */
	if (!s.parser) {
		char err[512];
		avis_cli_init(&s.cli, "fuzz_html", "", NULL);
		s.cli.quiet = true;
		s.cli.out = fopen("/dev/null", "w");
		s.sites = avis_sites_load("rules/sites", err, sizeof err);
		s.cs = avis_charset_new();
		if (!s.cli.out || !s.sites || !s.cs) {
			fprintf(stderr, "fuzz_html: run from the source tree: %s\n", err);
			abort();
		}
		time_t now = 1763078400;   /* 2025-11-14: results must not depend on the clock */
		s.parser = avis_parser_new(&s.cli, s.sites, s.cs, &now);
	}
	return &s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_state *s = state();
	avis_parse_stats st;
	avis_parse_input(s->parser, "fuzz", (const char *)data, size, 0, &st);
	return 0;
}
