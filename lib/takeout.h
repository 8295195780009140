/* takeout — Google Business Profile reviews from a Google Takeout export.
 *
 * Owns: recognising the reviews JSON of a Takeout archive (an object with
 * a "reviews" array whose items carry "starRating" or "reviewer") and
 * reading each item: reviewer.displayName, starRating as a word
 * ("ONE".."FIVE"), comment, createTime, reviewReply.comment and
 * reviewReply.updateTime.  The review's "name" (its resource path) is the
 * de-duplication key.
 */
#ifndef AVIS_TAKEOUT_H
#define AVIS_TAKEOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "site.h"

/* True if bytes look like a Takeout reviews file (a JSON object whose
 * text names "reviews"); the full check happens in avis_takeout_read. */
bool avis_takeout_detect(const char *bytes, size_t len);

/* Call fn for each review; subject_fn once with the location's name when
 * the file has one.  False with err set if the JSON is not a reviews file
 * (and *err_line the line of a JSON syntax error, else 0). */
bool avis_takeout_read(const char *bytes, size_t len, avis_review_fn fn,
		       void (*subject_fn)(void *arg, const char *subject), void *arg, char *err,
		       size_t errsz, unsigned long *err_line);

#endif
