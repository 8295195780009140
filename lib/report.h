/* report — the self-contained HTML audit report.
 *
 * Owns: what the consultant hands to the practitioner.  It gathers, in
 * memory bounded whatever the number of reviews, the audit numbers
 * (stats.h), a few examples of each deontology finding with the offending
 * passage, the reviews that can be reported, and the inputs; then writes
 * one HTML file with inline CSS and inline SVG charts: no JavaScript, no
 * external resource, printable on A4 (one section per page).
 * Every text that comes from a record is HTML-escaped and only ever placed
 * in text nodes, never in attributes, style or script.
 * Labels, numbers and dates are French by default, English on request.
 */
#ifndef AVIS_REPORT_H
#define AVIS_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "buf.h"

typedef enum { AVIS_LANG_FR, AVIS_LANG_EN } avis_report_lang;

typedef struct avis_report avis_report;

avis_report *avis_report_new(avis_report_lang lang, time_t now);
void avis_report_free(avis_report *r);

/* Note an input file name, for the report's list of inputs. */
void avis_report_input(avis_report *r, const char *name);
void avis_report_add(avis_report *r, const json_t *rec);
/* Write the whole document. */
void avis_report_write(avis_report *r, FILE *out);

/* Append text to out with & < > " ' escaped (exposed for tests). */
void avis_html_escape(avis_buf *out, const char *s, size_t len);

/* Where in text the finding's passage is: span when it holds byte or code
 * point offsets that agree with `match`, else the first occurrence of
 * `match`.  False when it cannot be placed. */
bool avis_locate_passage(const char *text, size_t len, const json_t *finding,
			size_t *start, size_t *end);

#endif
