/* schemaorg — reviews that pages mark up with schema.org, read without a
 * site profile.
 *
 * Owns: JSON-LD (<script type="application/ld+json">, parsed with
 * Jansson): Review and AggregateRating objects wherever they sit (top
 * level, arrays, @graph, nested in LocalBusiness, Dentist, Physician,
 * MedicalClinic, Recipe…, "@type" a string or an array); and microdata:
 * elements with itemtype schema.org/Review and itemprop=aggregateRating,
 * their properties read from content, datetime, href or text as the
 * microdata rules say; and RDFa Lite the same way (typeof and property,
 * with or without a "schema:" prefix).  The subject of a review is its itemReviewed's name
 * or the name of the item that holds it.
 */
#ifndef AVIS_SCHEMAORG_H
#define AVIS_SCHEMAORG_H

#include <stddef.h>

#include <libxml/xpath.h>

#include "site.h"

typedef struct {
	avis_review_fn review;
	avis_aggregate_fn aggregate;
	void *arg;
	/* Called with the subject before the reviews of each item. */
	void (*subject)(void *arg, const char *subject);
} avis_schema_sink;

/* Returns the number of reviews found (aggregates not counted). */
size_t avis_schema_jsonld(xmlXPathContextPtr ctx, const avis_schema_sink *sink);
size_t avis_schema_microdata(xmlXPathContextPtr ctx, const avis_schema_sink *sink);
/* RDFa Lite: typeof="Review" (or schema:Review) items, property= values. */
size_t avis_schema_rdfa(xmlXPathContextPtr ctx, const avis_schema_sink *sink);

/* Walk one JSON-LD text (exposed for the fuzz harness). */
size_t avis_schema_jsonld_text(const char *json, size_t len, const avis_schema_sink *sink);

#endif
