/* statsfmt — the audit summary written for people.
 *
 * Owns: rendering the summary object of stats.h as an aligned text report
 * (for the terminal) or as Markdown (for a document), in English.  The
 * JSON form needs no renderer: it is the summary itself.
 */
#ifndef AVIS_STATSFMT_H
#define AVIS_STATSFMT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

/* markdown: Markdown tables and headings; else plain aligned text. */
void avis_stats_write(FILE *out, const json_t *summary, bool markdown);

#endif
