/* calendar — ISO dates of records; see calendar.h. */
#define _DEFAULT_SOURCE   /* timegm */
#include "calendar.h"

#include <stdio.h>
#include <string.h>

static bool digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (s[i] - '0');
	}
	return true;
}

bool avis_parse_iso(const char *s, time_t *t)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	if (!s || strlen(s) < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) ||
	    s[7] != '-' || !digits(s + 8, 2, &d))
		return false;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	const char *p = s + 10;
	if ((*p == 'T' || *p == ' ') && digits(p + 1, 2, &hh) && p[3] == ':' && digits(p + 4, 2, &mm)) {
		p += 6;
		if (*p == ':' && digits(p + 1, 2, &ss))
			p += 3;
		if (hh > 23 || mm > 59 || ss > 60)
			return false;
	}
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
	*t = v;
	return true;
}

void avis_month_of(time_t t, char out[8])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 8, "%Y-%m", &tm);
}
