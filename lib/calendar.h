/* calendar — the ISO dates of records.
 *
 * Owns: reading the `date` fields of records ("2025-09-14", or with a
 * time "2025-09-14T18:30", "2025-09-14 18:30:00", a trailing "Z" or
 * offset ignored) into seconds since the epoch (UTC), and today's date for
 * --now.  Records carry dates, not instants: a date alone means midnight
 * UTC of that day.
 */
#ifndef AVIS_CALENDAR_H
#define AVIS_CALENDAR_H

#include <stdbool.h>
#include <time.h>

/* true and *t set when s is an ISO date (with an optional time). */
bool avis_parse_iso(const char *s, time_t *t);

/* "YYYY-MM" of t into out (8 bytes). */
void avis_month_of(time_t t, char out[8]);

#endif
