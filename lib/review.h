/* review — one review found on a page, and the records made from it.
 *
 * Owns: the fields every extractor fills in (site profiles, schema.org,
 * Takeout), and the record contract of avis(7) for them: key order id,
 * source, file, url, subject, author, rating, rating_raw (only when the
 * site's scale was not 5), date, date_raw, date_precision, text, reply;
 * the stable id (avis_digest64 over source, subject, author, date_raw and
 * text, written PREFIX-16 hex digits); the rating brought to a 5-point
 * scale; and the aggregate records ("type":"aggregate").  Text is kept as
 * the page gives it; avis-norm cleans it.
 */
#ifndef AVIS_REVIEW_H
#define AVIS_REVIEW_H

#include <stdbool.h>
#include <time.h>

#include <jansson.h>

#include "buf.h"
#include "date.h"

typedef struct {
	avis_buf key;          /* the site's own id, for de-duplication; may be empty */
	avis_buf author, rating, date, text;
	double best;           /* the rating scale's top (0: 5) */
	bool has_reply;
	avis_buf reply_author, reply_text, reply_date;
} avis_review;

void avis_review_init(avis_review *r);
void avis_review_clear(avis_review *r);
void avis_review_free(avis_review *r);

/* What every record of one page shares. */
typedef struct {
	const char *source;    /* "google-maps" */
	const char *prefix;    /* id prefix, "gm" */
	const char *file;
	const char *url;       /* may be NULL */
	const char *subject;   /* may be NULL */
	time_t now;            /* relative dates count back from here */
	avis_dates *dates;
} avis_page_ctx;

/* The record for r, or NULL if r holds neither text nor rating (nothing
 * to report: a layout block, not a review). */
json_t *avis_review_record(const avis_page_ctx *pc, const avis_review *r);

/* The record of a page's global rating; rating and count as written
 * ("4,1", "2,205 reviews"); NULL if the rating cannot be read. */
json_t *avis_aggregate_record(const avis_page_ctx *pc, const char *subject, const char *rating,
			      double best, const char *count);

/* The first number in s ("Noté 4,0 sur 5" → 4.0, "2,205" → 2205 when
 * thousands is true).  False if there is none. */
bool avis_read_number(const char *s, bool thousands, double *v);

#endif
