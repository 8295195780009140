/* stats — the numbers of an audit.
 *
 * Owns: aggregating a stream of records into the summary avis-stats
 * prints and the HTML report draws, in memory that does not grow with the
 * number of reviews (maps keyed by source, month, rule and aspect; a
 * histogram of reply delays; a bounded list of the reviews most in need
 * of a reply).  Definitions (also in avis-stats(1)):
 *   negative review   rating <= 2; without a rating, sentiment.label "neg"
 *   laudatory review  rating >= 5
 *   reply delay       reply.date - date, in hours (a date without a time
 *                     is midnight UTC: same-day replies count 0 hours)
 *   awaiting a reply  a negative review without a reply; priority: lower
 *                     rating first, then the oldest
 *   aspect weight     the sum of the negative aspect scores, as a positive
 *                     number: the aspects that hurt most come first
 * Records with "type": "aggregate" are the pages' own global ratings: they
 * are listed, not counted as reviews.
 */
#ifndef AVIS_STATS_H
#define AVIS_STATS_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

enum { AVIS_STATS_WAITING_MAX = 20 };

typedef struct avis_stats avis_stats;

/* now: the date the audit is made (for the age of waiting reviews). */
avis_stats *avis_stats_new(time_t now);
void avis_stats_free(avis_stats *s);

void avis_stats_add(avis_stats *s, const json_t *rec);

/* The summary as a new JSON object (schema in avis-stats(1)). */
json_t *avis_stats_summary(const avis_stats *s);

#endif
