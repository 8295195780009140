/* date — see date.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "date.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"

/* Longest spellings first: the alternation takes the first that fits. */
#define MONTHS "janvier|janv|fevrier|fevr|fev|february|feb|mars|march|mar|avril|avr|april|apr|" \
	"mai|may|juin|june|jun|juillet|juil|july|jul|aout|august|aug|septembre|september|sept|sep|" \
	"octobre|october|oct|novembre|november|nov|decembre|december|dec|january|jan"

enum { P_ISO, P_NUMERIC, P_DAY_MONTH, P_MONTH_DAY, P_MONTH_YEAR, P_REL_FR, P_REL_EN,
       P_LAST_EN, P_LAST_FR, P_TODAY, P_YESTERDAY, P_COUNT };

static const char *const patterns[P_COUNT] = {
	[P_ISO] = "\\b(\\d{4})-(\\d{2})-(\\d{2})",
	[P_NUMERIC] = "\\b(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})\\b",
	[P_DAY_MONTH] = "\\b(\\d{1,2})(?:er)?\\s+(" MONTHS ")\\.?,?\\s+(\\d{4})\\b",
	[P_MONTH_DAY] = "\\b(" MONTHS ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b",
	[P_MONTH_YEAR] = "\\b(" MONTHS ")\\.?\\s+(\\d{4})\\b",
	/* "ll y a" is Trustpilot's own French typo for "il y a". */
	[P_REL_FR] = "\\b[il]l y a\\s+(\\d+|un|une|quelques)\\s+"
		     "(seconde|minute|heure|jour|semaine|mois|an|annee)s?\\b",
	[P_REL_EN] = "\\b(\\d+|an?|one|a few)\\s+(second|minute|hour|day|week|month|year)s?\\s+ago\\b",
	[P_LAST_EN] = "\\blast (week|month|year)\\b",
	[P_LAST_FR] = "\\b(?:la |le |l')(semaine|mois|annee) derni",
	[P_TODAY] = "\\b(aujourd'hui|today|just now|a l'instant)\\b",
	[P_YESTERDAY] = "\\b(hier|yesterday)\\b",
};

struct avis_dates {
	pcre2_code *re[P_COUNT];
	pcre2_match_data *md;
};

avis_dates *avis_dates_new(void)
{
	avis_dates *d = avis_xcalloc(1, sizeof *d);
	for (int i = 0; i < P_COUNT; i++) {
		int errcode;
		PCRE2_SIZE erroff;
		d->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
					 PCRE2_UTF | PCRE2_UCP, &errcode, &erroff, NULL);
		if (!d->re[i]) {   /* the patterns are ours: a bug, not an input error */
			fprintf(stderr, "avis: date pattern %d does not compile\n", i);
			abort();
		}
		pcre2_jit_compile(d->re[i], PCRE2_JIT_COMPLETE);
	}
	d->md = pcre2_match_data_create(8, NULL);
	return d;
}

void avis_dates_free(avis_dates *d)
{
	if (!d)
		return;
	for (int i = 0; i < P_COUNT; i++)
		pcre2_code_free(d->re[i]);
	pcre2_match_data_free(d->md);
	free(d);
}

const char *avis_date_prec_name(avis_date_prec p)
{
	static const char *const names[] = {NULL, "day", "week", "month", "year"};
	return names[p];
}

/* Days since 1970-01-01 back to a proleptic Gregorian date (H. Hinnant's
 * algorithm): calendar arithmetic without time zones. */
static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

static unsigned days_in_month(long y, unsigned m)
{
	static const unsigned n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : n[m - 1];
}

static bool set_date(avis_date *out, long y, unsigned m, unsigned d, avis_date_prec p)
{
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	snprintf(out->iso, sizeof out->iso, "%04u-%02u-%02u", (unsigned)y % 10000u, m % 100u, d % 100u);
	out->prec = p;
	return true;
}

static unsigned month_number(const char *name, size_t len)
{
	static const struct { const char *name; unsigned month; } spellings[] = {
		{"janvier", 1}, {"janv", 1}, {"january", 1}, {"jan", 1},
		{"fevrier", 2}, {"fevr", 2}, {"fev", 2}, {"february", 2}, {"feb", 2},
		{"mars", 3}, {"march", 3}, {"mar", 3},
		{"avril", 4}, {"avr", 4}, {"april", 4}, {"apr", 4},
		{"mai", 5}, {"may", 5},
		{"juin", 6}, {"june", 6}, {"jun", 6},
		{"juillet", 7}, {"juil", 7}, {"july", 7}, {"jul", 7},
		{"aout", 8}, {"august", 8}, {"aug", 8},
		{"septembre", 9}, {"september", 9}, {"sept", 9}, {"sep", 9},
		{"octobre", 10}, {"october", 10}, {"oct", 10},
		{"novembre", 11}, {"november", 11}, {"nov", 11},
		{"decembre", 12}, {"december", 12}, {"dec", 12},
	};
	for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
		if (strlen(spellings[i].name) == len && memcmp(spellings[i].name, name, len) == 0)
			return spellings[i].month;
	return 0;
}

static long num(const char *s, const PCRE2_SIZE *ov, int g)
{
	return strtol(s + ov[2 * g], NULL, 10);
}

static long amount(const char *s, const PCRE2_SIZE *ov, int g)
{
	const char *w = s + ov[2 * g];
	if (*w >= '0' && *w <= '9')
		return num(s, ov, g);
	if (strncmp(w, "quelques", 8) == 0 || strncmp(w, "a few", 5) == 0)
		return 3;
	return 1;   /* un, une, a, an, one */
}

/* now minus n units named by the word at group g. */
static bool resolve_relative(avis_date *out, time_t now, long n, const char *unit)
{
	long today = (long)(now / 86400);
	long y;
	unsigned m, d;
	avis_date_prec p = AVIS_PREC_DAY;
	if (strncmp(unit, "sec", 3) == 0 || strncmp(unit, "min", 3) == 0 || strncmp(unit, "h", 1) == 0) {
		long secs = strncmp(unit, "h", 1) == 0 ? n * 3600 : strncmp(unit, "min", 3) == 0 ? n * 60 : n;
		today = (long)((now - secs) / 86400);
	} else if (strncmp(unit, "j", 1) == 0 || strncmp(unit, "day", 3) == 0) {
		today -= n;
	} else if (strncmp(unit, "sem", 3) == 0 || strncmp(unit, "week", 4) == 0) {
		today -= 7 * n;
		p = AVIS_PREC_WEEK;
	}
	civil_from_days(today, &y, &m, &d);
	if (strncmp(unit, "mois", 4) == 0 || strncmp(unit, "month", 5) == 0) {
		long months = y * 12 + (m - 1) - n;
		y = months / 12;
		m = (unsigned)(months % 12) + 1;
		p = AVIS_PREC_MONTH;
	} else if (strncmp(unit, "an", 2) == 0 || strncmp(unit, "year", 4) == 0) {
		y -= n;
		p = AVIS_PREC_YEAR;
	}
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	out->relative = true;
	return set_date(out, y, m, d, p);
}

static bool match(avis_dates *dt, int which, const char *s, size_t len, PCRE2_SIZE **ov)
{
	if (pcre2_match(dt->re[which], (PCRE2_SPTR)s, len, 0, 0, dt->md, NULL) < 0)
		return false;
	*ov = pcre2_get_ovector_pointer(dt->md);
	return true;
}

static bool parse_folded(avis_dates *dt, const char *s, size_t len, time_t now, avis_date *out)
{
	PCRE2_SIZE *ov;
	if (match(dt, P_ISO, s, len, &ov))
		return set_date(out, num(s, ov, 1), (unsigned)num(s, ov, 2), (unsigned)num(s, ov, 3), AVIS_PREC_DAY);
	if (match(dt, P_NUMERIC, s, len, &ov)) {
		long a = num(s, ov, 1), b = num(s, ov, 2);
		bool month_first = a <= 12 && b > 12;
		return set_date(out, num(s, ov, 3), (unsigned)(month_first ? a : b),
				(unsigned)(month_first ? b : a), AVIS_PREC_DAY);
	}
	if (match(dt, P_DAY_MONTH, s, len, &ov))
		return set_date(out, num(s, ov, 3), month_number(s + ov[4], ov[5] - ov[4]),
				(unsigned)num(s, ov, 1), AVIS_PREC_DAY);
	if (match(dt, P_MONTH_DAY, s, len, &ov))
		return set_date(out, num(s, ov, 3), month_number(s + ov[2], ov[3] - ov[2]),
				(unsigned)num(s, ov, 2), AVIS_PREC_DAY);
	if (match(dt, P_MONTH_YEAR, s, len, &ov))
		return set_date(out, num(s, ov, 2), month_number(s + ov[2], ov[3] - ov[2]), 1,
				AVIS_PREC_MONTH);
	if (match(dt, P_REL_FR, s, len, &ov) || match(dt, P_REL_EN, s, len, &ov))
		return resolve_relative(out, now, amount(s, ov, 1), s + ov[4]);
	if (match(dt, P_LAST_EN, s, len, &ov) || match(dt, P_LAST_FR, s, len, &ov))
		return resolve_relative(out, now, 1, s + ov[2]);
	if (match(dt, P_TODAY, s, len, &ov))
		return resolve_relative(out, now, 0, "day");
	if (match(dt, P_YESTERDAY, s, len, &ov))
		return resolve_relative(out, now, 1, "day");
	return false;
}

bool avis_date_parse(avis_dates *dt, const char *raw, time_t now, avis_date *out)
{
	memset(out, 0, sizeof *out);
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)raw, 0, &folded,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
					  UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_LUMP);
	if (n < 0)
		return false;
	/* LUMP made non-breaking spaces plain and apostrophes ASCII. */
	bool ok = parse_folded(dt, (const char *)folded, (size_t)n, now, out);
	free(folded);
	if (!ok)
		memset(out, 0, sizeof *out);
	return ok;
}
