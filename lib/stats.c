/* stats — audit numbers in bounded memory; see stats.h. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "calendar.h"
#include "charset.h"
#include "record.h"

/* Reply delays are counted per hour over a year; longer ones share the
 * last bin (quantiles beyond a year say "a year or more"). */
enum { DELAY_BINS = 24 * 366 + 1, EXCERPT_BYTES = 280 };

typedef struct {
	int rating;        /* rounded; 3 when none */
	time_t date;
	json_t *entry;     /* what the summary shows */
} waiting;

struct avis_stats {
	time_t now;
	long off_scale;            /* ratings outside 0..5, not counted */
	long reviews, rated, negative, replied, replied_negative, laudatory,
	     replied_laudatory, under_24h, delays, bad_delays;
	double rating_sum;
	long stars[6];             /* [1..5]: ratings rounded half up */
	long delay_hist[DELAY_BINS];
	json_t *sources;           /* source -> count */
	json_t *months;            /* "YYYY-MM" -> {count, rated, sum} */
	json_t *rules;             /* rule -> {level, count} */
	json_t *levels;            /* level -> count */
	json_t *aspects;           /* aspect -> {mentions, sum, negative} */
	json_t *aggregates;        /* the pages' own ratings */
	json_t *labels;            /* sentiment.label -> count */
	double score_sum;          /* of sentiment.score */
	long scored;
	waiting wait[AVIS_STATS_WAITING_MAX];
	int nwait;
};

avis_stats *avis_stats_new(time_t now)
{
	avis_stats *s = avis_xcalloc(1, sizeof *s);
	s->now = now;
	s->sources = json_object();
	s->months = json_object();
	s->rules = json_object();
	s->levels = json_object();
	s->aspects = json_object();
	s->aggregates = json_array();
	s->labels = json_object();
	return s;
}

void avis_stats_free(avis_stats *s)
{
	if (!s)
		return;
	json_decref(s->sources);
	json_decref(s->months);
	json_decref(s->rules);
	json_decref(s->levels);
	json_decref(s->aspects);
	json_decref(s->aggregates);
	json_decref(s->labels);
	for (int i = 0; i < s->nwait; i++)
		json_decref(s->wait[i].entry);
	free(s);
}

/* ---- accumulation helpers -------------------------------------------------- */

static void bump(json_t *map, const char *key, long by)
{
	json_t *v = json_object_get(map, key);
	json_object_set_new(map, key, json_integer((v ? json_integer_value(v) : 0) + by));
}

static json_t *child(json_t *map, const char *key)
{
	json_t *v = json_object_get(map, key);
	if (!v) {
		v = json_object();
		json_object_set_new(map, key, v);
	}
	return v;
}

static void add_real(json_t *obj, const char *key, double by)
{
	json_t *v = json_object_get(obj, key);
	json_object_set_new(obj, key, json_real((v ? json_number_value(v) : 0) + by));
}

static bool number_at(const json_t *rec, const char *path, double *v)
{
	json_t *n = avis_field(rec, path);
	if (!json_is_number(n))
		return false;
	*v = json_number_value(n);
	return true;
}

static bool date_at(const json_t *rec, const char *path, time_t *t)
{
	json_t *d = avis_field(rec, path);
	return json_is_string(d) && avis_parse_iso(json_string_value(d), t);
}

/* ---- one review ----------------------------------------------------------------- */

static bool is_negative(const json_t *rec, bool has_rating, double rating)
{
	if (has_rating)
		return rating <= 2;
	json_t *label = avis_field(rec, "sentiment.label");
	return json_is_string(label) && strcmp(json_string_value(label), "neg") == 0;
}

static void add_month(avis_stats *s, const json_t *rec, bool has_rating, double rating)
{
	time_t t;
	if (!date_at(rec, "date", &t))
		return;
	char month[8];
	avis_month_of(t, month);
	json_t *m = child(s->months, month);
	bump(m, "count", 1);
	if (has_rating) {
		bump(m, "rated", 1);
		add_real(m, "sum", rating);
	}
}

static void add_reply(avis_stats *s, const json_t *rec)
{
	time_t asked, answered;
	if (!date_at(rec, "date", &asked) || !date_at(rec, "reply.date", &answered))
		return;
	double hours = difftime(answered, asked) / 3600.0;
	if (hours < 0) {
		s->bad_delays++;   /* a reply dated before its review */
		return;
	}
	long bin = (long)hours;
	if (bin >= DELAY_BINS)
		bin = DELAY_BINS - 1;
	s->delay_hist[bin]++;
	s->delays++;
	if (hours < 24)
		s->under_24h++;
}

static void add_findings(avis_stats *s, const json_t *rec)
{
	json_t *findings = json_object_get(rec, "findings");
	size_t i;
	json_t *f;
	json_array_foreach(findings, i, f) {
		json_t *rule = json_object_get(f, "rule");
		json_t *level = json_object_get(f, "level");
		if (!json_is_string(rule))
			continue;
		json_t *r = child(s->rules, json_string_value(rule));
		bump(r, "count", 1);
		if (json_is_string(level)) {
			json_object_set(r, "level", level);
			bump(s->levels, json_string_value(level), 1);
		}
	}
}

static void add_aspects(avis_stats *s, const json_t *rec)
{
	json_t *aspects = avis_field(rec, "sentiment.aspects");
	const char *name;
	json_t *v;
	json_object_foreach(aspects, name, v) {
		if (!json_is_number(v))
			continue;
		double score = json_number_value(v);
		json_t *a = child(s->aspects, name);
		bump(a, "mentions", 1);
		add_real(a, "sum", score);
		if (score < 0)
			add_real(a, "negative", -score);
	}
}

/* Does a come before b in the waiting list? */
static bool more_urgent(const waiting *a, const waiting *b)
{
	if (a->rating != b->rating)
		return a->rating < b->rating;
	return a->date < b->date;
}

static json_t *waiting_entry(const avis_stats *s, const json_t *rec, time_t date, bool dated)
{
	json_t *e = json_object();
	const char *keys[] = {"id", "source", "file", "date", "rating", "author"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		json_t *v = json_object_get(rec, keys[i]);
		json_object_set(e, keys[i], v ? v : json_null());
	}
	size_t len;
	const char *text = avis_string(rec, "text", &len);
	if (text) {
		size_t n = len < EXCERPT_BYTES ? len : avis_utf8_char_start(text, len, EXCERPT_BYTES);
		avis_buf b = AVIS_BUF_INIT;
		avis_buf_put(&b, text, n);
		if (n < len)
			avis_buf_puts(&b, "\xE2\x80\xA6");
		json_object_set_new(e, "text", json_stringn(b.data, b.len));
		avis_buf_free(&b);
	}
	json_object_set_new(e, "days_waiting",
			    dated ? json_integer((json_int_t)(difftime(s->now, date) / 86400)) : json_null());
	return e;
}

static void add_waiting(avis_stats *s, const json_t *rec, bool has_rating, double rating)
{
	time_t date = 0;
	bool dated = date_at(rec, "date", &date);
	/* Unrated (negative by its text): after the 2-star reviews. */
	waiting w = {has_rating ? (int)lround(rating) : 3, dated ? date : s->now, NULL};
	int at = s->nwait;
	while (at > 0 && more_urgent(&w, &s->wait[at - 1]))
		at--;
	if (at >= AVIS_STATS_WAITING_MAX)
		return;
	if (s->nwait == AVIS_STATS_WAITING_MAX)
		json_decref(s->wait[--s->nwait].entry);
	memmove(&s->wait[at + 1], &s->wait[at], (size_t)(s->nwait - at) * sizeof w);
	w.entry = waiting_entry(s, rec, date, dated);
	s->wait[at] = w;
	s->nwait++;
}

static void add_aggregate(avis_stats *s, const json_t *rec)
{
	json_t *a = json_object();
	const char *keys[] = {"source", "file", "subject", "rating", "count"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		json_t *v = json_object_get(rec, keys[i]);
		json_object_set(a, keys[i], v ? v : json_null());
	}
	json_array_append_new(s->aggregates, a);
}

void avis_stats_add(avis_stats *s, const json_t *rec)
{
	json_t *type = json_object_get(rec, "type");
	if (json_is_string(type) && strcmp(json_string_value(type), "aggregate") == 0) {
		add_aggregate(s, rec);
		return;
	}
	s->reviews++;
	json_t *source = json_object_get(rec, "source");
	bump(s->sources, json_is_string(source) ? json_string_value(source) : "(unknown)", 1);
	double rating = 0;
	bool has_rating = number_at(rec, "rating", &rating);
	if (has_rating && (rating < 0 || rating > 5 || rating != rating)) {
		/* Not on the 5-point scale of the record contract: left out of
		 * the mean and the distribution, and counted apart. */
		s->off_scale++;
		has_rating = false;
	}
	if (has_rating) {
		s->rated++;
		s->rating_sum += rating;
		long star = lround(rating);
		if (star >= 1 && star <= 5)
			s->stars[star]++;
	}
	bool negative = is_negative(rec, has_rating, rating);
	bool replied = json_is_object(json_object_get(rec, "reply"));
	s->negative += negative;
	s->replied += replied;
	s->replied_negative += negative && replied;
	if (has_rating && rating >= 5) {
		s->laudatory++;
		s->replied_laudatory += replied;
	}
	add_month(s, rec, has_rating, rating);
	if (replied)
		add_reply(s, rec);
	else if (negative)
		add_waiting(s, rec, has_rating, rating);
	add_findings(s, rec);
	add_aspects(s, rec);
	json_t *label = avis_field(rec, "sentiment.label");
	if (json_is_string(label))
		bump(s->labels, json_string_value(label), 1);
	double score;
	if (number_at(rec, "sentiment.score", &score)) {
		s->score_sum += score;
		s->scored++;
	}
}

/* ---- the summary ---------------------------------------------------------------- */

static json_t *ratio(long part, long whole)
{
	return whole ? json_real((double)part / (double)whole) : json_null();
}

/* The hour at which the cumulative count first reaches q of the delays. */
static json_t *delay_quantile(const avis_stats *s, double q)
{
	if (!s->delays)
		return json_null();
	long need = (long)ceil(q * (double)s->delays), seen = 0;
	if (need < 1)
		need = 1;
	for (long h = 0; h < DELAY_BINS; h++) {
		seen += s->delay_hist[h];
		if (seen >= need)
			return json_integer(h);
	}
	return json_integer(DELAY_BINS - 1);
}

/* Delays in five bins a person reads at a glance. */
static json_t *delay_buckets(const avis_stats *s)
{
	static const struct { const char *name; long from, to; } bins[] = {
		{"under_1d", 0, 24}, {"1_to_2d", 24, 48}, {"2_to_7d", 48, 168},
		{"7_to_30d", 168, 720}, {"over_30d", 720, DELAY_BINS},
	};
	json_t *out = json_object();
	for (size_t i = 0; i < sizeof bins / sizeof bins[0]; i++) {
		long n = 0;
		for (long h = bins[i].from; h < bins[i].to; h++)
			n += s->delay_hist[h];
		json_object_set_new(out, bins[i].name, json_integer(n));
	}
	return out;
}

static int by_count_desc(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "count"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "count"));
	return x < y ? 1 : x > y ? -1 : strcmp(json_string_value(json_object_get(*(json_t *const *)a, "rule")),
					       json_string_value(json_object_get(*(json_t *const *)b, "rule")));
}

static int by_weight_desc(const void *a, const void *b)
{
	double x = json_number_value(json_object_get(*(json_t *const *)a, "negative_weight"));
	double y = json_number_value(json_object_get(*(json_t *const *)b, "negative_weight"));
	return x < y ? 1 : x > y ? -1 : strcmp(json_string_value(json_object_get(*(json_t *const *)a, "aspect")),
					       json_string_value(json_object_get(*(json_t *const *)b, "aspect")));
}

/* A map turned into an array sorted by cmp; make builds each element. */
static json_t *sorted(json_t *map, json_t *(*make)(const char *, json_t *),
		      int (*cmp)(const void *, const void *))
{
	size_t n = json_object_size(map), i = 0;
	json_t **items = avis_xmalloc((n ? n : 1) * sizeof *items);
	const char *k;
	json_t *v;
	json_object_foreach(map, k, v)
		items[i++] = make(k, v);
	qsort(items, n, sizeof *items, cmp);
	json_t *out = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(out, items[i]);
	free(items);
	return out;
}

static json_t *rule_item(const char *rule, json_t *v)
{
	json_t *level = json_object_get(v, "level");
	return json_pack("{s:s, s:O, s:O}", "rule", rule, "level", level ? level : json_null(),
			 "count", json_object_get(v, "count"));
}

static json_t *aspect_item(const char *aspect, json_t *v)
{
	json_int_t mentions = json_integer_value(json_object_get(v, "mentions"));
	double sum = json_number_value(json_object_get(v, "sum"));
	json_t *neg = json_object_get(v, "negative");
	return json_pack("{s:s, s:I, s:f, s:f}", "aspect", aspect, "mentions", mentions,
			 "mean", mentions ? sum / (double)mentions : 0.0,
			 "negative_weight", neg ? json_number_value(neg) : 0.0);
}

static json_t *month_item(const char *month, json_t *m)
{
	json_int_t rated = json_integer_value(json_object_get(m, "rated"));
	double sum = json_number_value(json_object_get(m, "sum"));
	return json_pack("{s:s, s:I, s:o}", "month", month,
			 "count", json_integer_value(json_object_get(m, "count")),
			 "mean", rated ? json_real(sum / (double)rated) : json_null());
}

/* Jansson keeps insertion order; months must come out in calendar order. */
static int by_month(const void *a, const void *b)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "month")),
		      json_string_value(json_object_get(*(json_t *const *)b, "month")));
}

json_t *avis_stats_summary(const avis_stats *s)
{
	json_t *dist = json_object();
	for (int i = 1; i <= 5; i++) {
		char k[2] = {(char)('0' + i), 0};
		json_object_set_new(dist, k, json_integer(s->stars[i]));
	}
	json_t *waiting = json_array();
	for (int i = 0; i < s->nwait; i++)
		json_array_append(waiting, s->wait[i].entry);
	return json_pack(
		"{s:I, s:O, s:O,"
		" s:{s:I, s:I, s:o, s:o},"
		" s:o,"
		" s:{s:I, s:o},"
		" s:{s:I, s:o, s:o, s:{s:I, s:o, s:o, s:o, s:I, s:I, s:o}, s:{s:I, s:I}},"
		" s:{s:O, s:o},"
		" s:o, s:o, s:{s:O, s:I, s:o}}",
		"reviews", (json_int_t)s->reviews, "sources", s->sources, "aggregates", s->aggregates,
		"rating", "count", (json_int_t)s->rated, "off_scale", (json_int_t)s->off_scale,
			"mean", s->rated ? json_real(s->rating_sum / (double)s->rated) : json_null(),
			"distribution", dist,
		"months", sorted(s->months, month_item, by_month),
		"negative", "count", (json_int_t)s->negative, "share", ratio(s->negative, s->reviews),
		"replies", "count", (json_int_t)s->replied, "rate", ratio(s->replied, s->reviews),
			"negative_rate", ratio(s->replied_negative, s->negative),
			"delay_hours", "n", (json_int_t)s->delays, "q1", delay_quantile(s, 0.25),
				"median", delay_quantile(s, 0.5), "q3", delay_quantile(s, 0.75),
				"under_24h", (json_int_t)s->under_24h,
				"before_review", (json_int_t)s->bad_delays,
				"buckets", delay_buckets(s),
			"laudatory", "count", (json_int_t)s->laudatory,
				"replied", (json_int_t)s->replied_laudatory,
		"findings", "by_level", s->levels, "by_rule", sorted(s->rules, rule_item, by_count_desc),
		"aspects", sorted(s->aspects, aspect_item, by_weight_desc),
		"awaiting_reply", waiting,
		"sentiment", "labels", s->labels, "scored", (json_int_t)s->scored,
			"mean_score", s->scored ? json_real(s->score_sum / (double)s->scored) : json_null());
}
