/* calendar — ISO dates of records; see calendar.h. */
#define _DEFAULT_SOURCE   /* timegm */
#include "calendar.h"

#include <stdio.h>
#include <string.h>

static bool digits(const char *s, size_t len, size_t at, size_t n, int *v)
{
	if (at + n > len)
		return false;
	*v = 0;
	for (size_t i = at; i < at + n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

/* The time of day after the date at s[*i], if any: "THH:MM[:SS[.fff]]". */
static bool time_of_day(const char *s, size_t len, size_t *i, int *h, int *mi, int *sec)
{
	if (*i >= len || (s[*i] != 'T' && s[*i] != ' '))
		return true;
	if (!digits(s, len, *i + 1, 2, h) || *i + 3 >= len || s[*i + 3] != ':' ||
	    !digits(s, len, *i + 4, 2, mi) || *h > 23 || *mi > 59)
		return false;
	*i += 6;
	if (*i < len && s[*i] == ':') {
		if (!digits(s, len, *i + 1, 2, sec) || *sec > 60)
			return false;
		*i += 3;
		if (*i < len && (s[*i] == '.' || s[*i] == ','))
			for ((*i)++; *i < len && s[*i] >= '0' && s[*i] <= '9'; (*i)++)
				;
	}
	return true;
}

/* "Z", "+HH:MM", "+HHMM", "-HH" or nothing, in seconds east of UTC. */
static bool utc_offset(const char *s, size_t len, size_t *i, long *offset)
{
	*offset = 0;
	if (*i < len && s[*i] == 'Z') {
		(*i)++;
		return true;
	}
	if (*i >= len || (s[*i] != '+' && s[*i] != '-'))
		return true;
	int oh, om = 0;
	if (!digits(s, len, *i + 1, 2, &oh))
		return false;
	size_t j = *i + 3;
	if (j < len && s[j] == ':')
		j++;
	if (j < len && !digits(s, len, j, 2, &om))
		return false;
	*offset = (oh * 60L + om) * 60L * (s[*i] == '-' ? -1 : 1);
	*i = j < len ? j + 2 : j;
	return true;
}

bool avis_parse_iso_n(const char *s, size_t len, time_t *t)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	if (!s || !digits(s, len, 0, 4, &y) || len < 10 || s[4] != '-' || !digits(s, len, 5, 2, &m) ||
	    s[7] != '-' || !digits(s, len, 8, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	size_t i = 10;
	long offset;
	if (!time_of_day(s, len, &i, &hh, &mm, &ss) || !utc_offset(s, len, &i, &offset) || i != len)
		return false;
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	time_t v = timegm(&tm);
	/* timegm normalises 2025-02-31 into March: refuse such dates. */
	struct tm back;
	gmtime_r(&v, &back);
	if (back.tm_mday != d || back.tm_mon != m - 1)
		return false;
	*t = v - offset;
	return true;
}

bool avis_parse_iso(const char *s, time_t *t)
{
	return s && avis_parse_iso_n(s, strlen(s), t);
}

void avis_month_of(time_t t, char out[8])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 8, "%Y-%m", &tm);
}
