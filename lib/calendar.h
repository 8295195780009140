/* calendar — the ISO dates of records.
 *
 * Owns: reading the ISO 8601 dates of records and options ("2025-09-14",
 * "2025-09-14T18:30", "2025-09-14 18:30:00.5", with "Z" or a UTC offset
 * "+02:00" / "+0200" / "-05") into seconds since the epoch, with libc's
 * timegm; impossible days (2025-02-30) and trailing text are refused.
 * Records carry dates more often than instants: a date alone means
 * midnight UTC of that day.
 */
#ifndef AVIS_CALENDAR_H
#define AVIS_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* true and *t set when s (NUL-terminated; or len bytes) is an ISO date,
 * with an optional time and offset. */
bool avis_parse_iso(const char *s, time_t *t);
bool avis_parse_iso_n(const char *s, size_t len, time_t *t);

/* "YYYY-MM" of t into out (8 bytes). */
void avis_month_of(time_t t, char out[8]);

#endif
