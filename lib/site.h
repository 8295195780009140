/* site — site profiles: how to read the reviews of one web site, as data.
 *
 * Owns: loading rules/sites/NAME.site files (the block format of
 * datafile.h; the keys are documented in avis-sites(5)), checking them at
 * load time (every XPath is compiled, every regex is compiled, unknown and
 * missing keys are errors, all reported as FILE:LINE: message), deciding
 * which profile a page belongs to (the first, by file name, whose `host`
 * is the page URL's or whose `detect` XPath matches), and running a profile over a page: one review
 * per node of [review] `select`, each field the first of its XPath
 * alternatives that yields text, optionally narrowed by "~ REGEX" (group 1
 * if the regex has one, else the whole match).
 *
 * XPath expressions may call has-class('name') (see xpath.h).
 */
#ifndef AVIS_SITE_H
#define AVIS_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/xpath.h>

#include "page.h"
#include "review.h"
#include "xpath.h"

typedef struct avis_site avis_site;
typedef struct avis_sites avis_sites;

/* Load every *.site file of dir.  NULL with err set ("FILE:LINE: ...")
 * on the first bad profile.  A missing directory is an empty set. */
avis_sites *avis_sites_load(const char *dir, char *err, size_t errsz);
/* Load one profile file (for tests and the fuzz harness). */
avis_site *avis_site_load(const char *path, char *err, size_t errsz);
void avis_site_free(avis_site *s);
void avis_sites_free(avis_sites *s);

/* True if the page is the profile's: its URL (may be NULL) is on one of
 * the profile's hosts, or a detect expression matches. */
bool avis_site_detects(const avis_site *s, xmlXPathContextPtr ctx, const char *url);
/* The first profile (by file name) the page is for, or NULL. */
const avis_site *avis_sites_match(const avis_sites *s, xmlXPathContextPtr ctx, const char *url);

const char *avis_site_name(const avis_site *s);
const char *avis_site_prefix(const avis_site *s);
/* True when the profile leaves reviews to the built-in schema.org
 * reader (it has no [review] block). */
bool avis_site_uses_schema(const avis_site *s);
bool avis_site_has_aggregate(const avis_site *s);

/* The subject the profile reads from the page (malloc'd), or NULL. */
char *avis_site_subject(const avis_site *s, xmlXPathContextPtr ctx);

/* Called for each review / aggregate found; return false to stop. */
typedef bool (*avis_review_fn)(void *arg, const avis_review *r);
typedef bool (*avis_aggregate_fn)(void *arg, const char *subject, const char *rating, double best,
				  const char *count);

/* Run the profile's [review] block; returns the number of reviews. */
size_t avis_site_reviews(const avis_site *s, xmlXPathContextPtr ctx, avis_review_fn fn, void *arg);
size_t avis_site_aggregates(const avis_site *s, xmlXPathContextPtr ctx, avis_aggregate_fn fn, void *arg);

#endif
