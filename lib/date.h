/* date — the dates review pages show, as ISO 8601 calendar dates.
 *
 * Owns: reading a displayed date ("14 septembre 2025", "Le 12 décembre
 * 2025", "14/09/2025", "sept. 2025", "February 11, 2022", ISO 8601
 * timestamps) and resolving relative ones ("il y a 3 jours", "il y a une
 * semaine", "Modifié il y a 2 mois", "a month ago", "hier", "le mois
 * dernier", "last year") against the
 * moment the page was saved, with the precision the text allows (day,
 * week, month, year).  Patterns are PCRE2, matched on the case-folded,
 * accent-stripped text (utf8proc), so "Décembre" and "decembre" are one.
 *
 * Numeric dates are read day first (French order) unless the first
 * number cannot be a month (13/…) … or the second cannot be one
 * ("4/16/2016" is April 16).  Times of day and time zones are dropped:
 * the calendar date as written is kept.
 */
#ifndef AVIS_DATE_H
#define AVIS_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef enum {
	AVIS_PREC_NONE = 0, AVIS_PREC_DAY, AVIS_PREC_WEEK, AVIS_PREC_MONTH, AVIS_PREC_YEAR
} avis_date_prec;

typedef struct {
	char iso[11];          /* "YYYY-MM-DD" */
	avis_date_prec prec;
	bool relative;         /* resolved against the save date */
} avis_date;

/* The compiled patterns (no global state: one per program). */
typedef struct avis_dates avis_dates;

avis_dates *avis_dates_new(void);
void avis_dates_free(avis_dates *d);

/* Read raw (UTF-8); relative dates count back from now (seconds since
 * the epoch, UTC).  False when raw holds no date we can read. */
bool avis_date_parse(avis_dates *d, const char *raw, time_t now, avis_date *out);

/* "day", "week", "month", "year" (NULL for NONE). */
const char *avis_date_prec_name(avis_date_prec p);

/* ISO dates and times (--now, saved-page dates) are read by calendar.h. */

#endif
