/* parse — one saved input in, review and aggregate records out.
 *
 * Owns: deciding what an input is (a Google Takeout reviews JSON, an
 * MHTML archive, or an HTML page), which reader applies to a page (the
 * first site profile whose `detect` matches; else the built-in schema.org
 * JSON-LD and microdata readers), the per-page context every record
 * shares (source, file, url, subject, the save date relative dates count
 * back from), and de-duplication within a page (a review shown twice
 * comes out once: same site key, else same id).
 */
#ifndef AVIS_PARSE_H
#define AVIS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "charset.h"
#include "cli.h"
#include "date.h"
#include "site.h"

typedef struct {
	const char *site;       /* profile name, "schema.org", "takeout", or NULL */
	size_t reviews, replies, aggregates, duplicates;
	bool repaired;          /* the page was not in the charset it claimed */
} avis_parse_stats;

typedef struct avis_parser avis_parser;

/* now: the --now date, or NULL to use each page's save date (else the
 * file's modification time). */
avis_parser *avis_parser_new(avis_cli *cli, const avis_sites *sites, avis_charset *cs, const time_t *now);
void avis_parser_free(avis_parser *p);

/* Parse one input's bytes; records go to cli's output.  False (reported
 * on stderr as FILE: message) when the input could not be read at all. */
bool avis_parse_input(avis_parser *p, const char *file, const char *bytes, size_t len, time_t mtime,
		      avis_parse_stats *st);

#endif
