/* review — see review.h. */
#include "review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

void avis_review_init(avis_review *r)
{
	memset(r, 0, sizeof *r);
}

void avis_review_clear(avis_review *r)
{
	avis_buf *bufs[] = {&r->key, &r->author, &r->rating, &r->date, &r->text,
			    &r->reply_author, &r->reply_text, &r->reply_date};
	for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
		avis_buf_clear(bufs[i]);
	r->best = 0;
	r->has_reply = false;
}

void avis_review_free(avis_review *r)
{
	avis_buf *bufs[] = {&r->key, &r->author, &r->rating, &r->date, &r->text,
			    &r->reply_author, &r->reply_text, &r->reply_date};
	for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
		avis_buf_free(bufs[i]);
}

bool avis_read_number(const char *s, bool thousands, double *v)
{
	while (*s && !(*s >= '0' && *s <= '9'))
		s++;
	if (!*s)
		return false;
	char num[64];
	size_t n = 0;
	bool point = false;
	for (; *s && n + 1 < sizeof num; s++) {
		if (*s >= '0' && *s <= '9') {
			num[n++] = *s;
		} else if (thousands && (*s == ',' || *s == '.' || *s == ' ') && s[1] >= '0' && s[1] <= '9') {
			continue;   /* "2,205", "1 234" */
		} else if (thousands && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0 &&
			   s[2] >= '0' && s[2] <= '9') {
			s++;        /* no-break space as thousands separator */
		} else if (!thousands && !point && (*s == ',' || *s == '.') && s[1] >= '0' && s[1] <= '9') {
			num[n++] = '.';
			point = true;
		} else {
			break;
		}
	}
	num[n] = 0;
	*v = strtod(num, NULL);
	return true;
}

static json_t *opt_string(const avis_buf *b)
{
	return b->len ? json_stringn(b->data, b->len) : json_null();
}

static json_t *rating_value(double v)
{
	/* v is in 0..5 here: rounding by integer conversion is exact enough
	 * (and keeps the library free of libm). */
	v = (double)(long long)(v * 100 + 0.5) / 100;
	if (v == (double)(long long)v)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static void put_id(json_t *rec, const avis_page_ctx *pc, const avis_review *r)
{
	const char *subject = pc->subject ? pc->subject : "";
	const char *parts[] = {pc->source, subject, r->author.data ? r->author.data : "",
			       r->date.data ? r->date.data : "", r->text.data ? r->text.data : ""};
	size_t lens[] = {strlen(pc->source), strlen(subject), r->author.len, r->date.len, r->text.len};
	char id[40];
	snprintf(id, sizeof id, "%s-%016llx", pc->prefix,
		 (unsigned long long)avis_digest64(5, parts, lens));
	json_object_set_new(rec, "id", json_string(id));
}

static void put_rating(json_t *rec, const avis_review *r)
{
	double v;
	double best = r->best > 0 ? r->best : 5;
	if (!r->rating.len || !avis_read_number(r->rating.data, false, &v) || v < 0 || v > best) {
		json_object_set_new(rec, "rating", json_null());
		return;
	}
	json_object_set_new(rec, "rating", rating_value(v * 5 / best));
	if (best != 5)
		json_object_set_new(rec, "rating_raw", json_stringn(r->rating.data, r->rating.len));
}

static void put_date(json_t *rec, const char *prefix, const avis_page_ctx *pc, const avis_buf *raw)
{
	char key[32];
	avis_date d;
	bool ok = raw->len && avis_date_parse(pc->dates, raw->data, pc->now, &d);
	snprintf(key, sizeof key, "%sdate", prefix);
	json_object_set_new(rec, key, ok ? json_string(d.iso) : json_null());
	snprintf(key, sizeof key, "%sdate_raw", prefix);
	json_object_set_new(rec, key, opt_string(raw));
	if (!*prefix || ok) {
		snprintf(key, sizeof key, "%sdate_precision", prefix);
		json_object_set_new(rec, key, ok ? json_string(avis_date_prec_name(d.prec)) : json_null());
	}
}

static json_t *reply_object(const avis_page_ctx *pc, const avis_review *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "author", opt_string(&r->reply_author));
	json_object_set_new(o, "text", opt_string(&r->reply_text));
	put_date(o, "", pc, &r->reply_date);
	json_object_del(o, "date_precision");
	return o;
}

static void put_common(json_t *rec, const avis_page_ctx *pc)
{
	json_object_set_new(rec, "source", json_string(pc->source));
	json_object_set_new(rec, "file", json_string(pc->file));
	json_object_set_new(rec, "url", pc->url ? json_string(pc->url) : json_null());
}

json_t *avis_review_record(const avis_page_ctx *pc, const avis_review *r)
{
	if (!r->text.len && !r->rating.len)
		return NULL;
	json_t *rec = json_object();
	put_id(rec, pc, r);
	put_common(rec, pc);
	json_object_set_new(rec, "subject", pc->subject ? json_string(pc->subject) : json_null());
	json_object_set_new(rec, "author", opt_string(&r->author));
	put_rating(rec, r);
	put_date(rec, "", pc, &r->date);
	json_object_set_new(rec, "text", opt_string(&r->text));
	json_object_set_new(rec, "reply", r->has_reply ? reply_object(pc, r) : json_null());
	return rec;
}

json_t *avis_aggregate_record(const avis_page_ctx *pc, const char *subject, const char *rating,
			      double best, const char *count)
{
	double v, c;
	if (best <= 0)
		best = 5;
	if (!rating || !avis_read_number(rating, false, &v) || v < 0 || v > best)
		return NULL;
	json_t *rec = json_object();
	json_object_set_new(rec, "type", json_string("aggregate"));
	put_common(rec, pc);
	json_object_set_new(rec, "subject", subject ? json_string(subject) : json_null());
	json_object_set_new(rec, "rating", rating_value(v * 5 / best));
	json_object_set_new(rec, "count", count && avis_read_number(count, true, &c)
				? json_integer((json_int_t)c) : json_null());
	return rec;
}
