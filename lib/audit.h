/* audit — `avis audit DIR`: the whole pipeline as one command.
 *
 * Owns: the default audit: every saved page under DIR through
 *     avis-parse -r DIR | avis-norm | avis-score | avis-check
 * into REPORT.jsonl (kept, so other formats can be made from it), then
 * avis-fmt -f html into REPORT.html and a short summary from avis-stats.
 * The programs are the ones installed beside the running binary.
 */
#ifndef AVIS_AUDIT_H
#define AVIS_AUDIT_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"

typedef struct {
	const char *dir;          /* the saved pages */
	const char *report;       /* the HTML report's path */
	const char *lang;         /* "fr" or "en" */
	const char *now;          /* YYYY-MM-DD or NULL */
	const char *salt;         /* pseudonymise with this salt when set */
	bool pseudonymize;
} avis_audit_opts;

/* Run the audit; prints the summary on out.  Returns the exit status. */
int avis_audit_run(avis_cli *cli, const avis_audit_opts *o, FILE *out);

#endif
