/* Unit tests: cond (the `when` language) and check's date parsing. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "cond.h"
#include "harness.h"
#include "record.h"

typedef struct {
	json_t *rec;
} env_ctx;

static json_t *lookup(void *ctx, const char *path)
{
	return avis_field(((env_ctx *)ctx)->rec, path);
}

static bool fired(void *ctx, const char *id)
{
	(void)ctx;
	return strcmp(id, "a.b") == 0;
}

/* 1 true, 0 false, -1 parse error */
static int eval(const char *src, const char *json)
{
	char err[128];
	avis_cond *c = avis_cond_parse(src, err, sizeof err);
	if (!c)
		return -1;
	env_ctx e = {json_loads(json, 0, NULL)};
	avis_cond_env env = {lookup, fired, &e};
	bool r = avis_cond_eval(c, &env);
	json_decref(e.rec);
	avis_cond_free(c);
	return r;
}



void test_cond(T *t)
{
	const char *rec = "{\"rating\":2,\"lang\":\"fr\",\"reply\":{\"text\":\"x\",\"delay_hours\":3.5},"
			  "\"sentiment\":{\"score\":-0.4,\"aspects\":{\"prix\":-0.8}},\"empty\":\"\",\"none\":null}";
	CHECK(t, eval("rating <= 2", rec) == 1, "number comparison");
	CHECK(t, eval("rating > 2", rec) == 0, "number comparison false");
	CHECK(t, eval("lang == \"fr\" && lang != 'en'", rec) == 1, "strings, both quotes");
	CHECK(t, eval("reply", rec) == 1, "existence of an object");
	CHECK(t, eval("!decision", rec) == 1, "a missing field is false");
	CHECK(t, eval("none || empty", rec) == 0, "null and empty string are false");
	CHECK(t, eval("reply.delay_hours < 24", rec) == 1, "dotted path");
	CHECK(t, eval("sentiment.aspects.prix <= -0.5", rec) == 1, "deep path, negative number");
	CHECK(t, eval("missing < 3", rec) == 0, "comparison with a missing value is false");
	CHECK(t, eval("!(missing < 3)", rec) == 1, "... so its negation is true");
	CHECK(t, eval("rating == \"2\"", rec) == 0, "number and string do not compare");
	CHECK(t, eval("rating == 1 || rating == 2 && lang == 'fr'", rec) == 1, "&& binds tighter than ||");
	CHECK(t, eval("(rating == 1 || rating == 2) && lang == 'en'", rec) == 0, "parentheses");
	CHECK(t, eval("!!reply", rec) == 1, "double negation");
	CHECK(t, eval("fired(\"a.b\") && !fired('c')", rec) == 1, "fired()");
	CHECK(t, eval("none == null && reply != null", rec) == 0, "null compares only with null (reply is an object)");
	CHECK(t, eval("none == null", rec) == 1, "null == null");
	CHECK(t, eval("rating >=", rec) == -1, "missing operand");
	CHECK(t, eval("(rating", rec) == -1, "unbalanced parenthesis");
	CHECK(t, eval("rating = 2", rec) == -1, "single = refused");
	CHECK(t, eval("a..b", rec) == -1, "empty path step");
	CHECK(t, eval("'open", rec) == -1, "unterminated string");
	CHECK(t, eval("", rec) == -1, "empty condition");
	CHECK(t, eval("fired(x)", rec) == -1, "fired() takes a quoted id");
	char deep[400];
	memset(deep, '(', 200);
	strcpy(deep + 200, "rating");
	CHECK(t, eval(deep, rec) == -1, "deep nesting refused, no stack overflow");
	char err[128];
	avis_cond *c = avis_cond_parse("x && sentiment.score > 0", err, sizeof err);
	CHECK(t, c && avis_cond_uses(c, "sentiment") && !avis_cond_uses(c, "senti"), "uses a field prefix");
	avis_cond_free(c);
	c = avis_cond_parse("rating >= 2 && x", err, sizeof err);
	CHECK(t, !avis_cond_parse("rating >= && x", err, sizeof err) && strstr(err, "column 11"), "error column");
	avis_cond_free(c);
}

void test_parse_time(T *t)
{
	double a, b;
	CHECK(t, avis_parse_time("1970-01-01", 10, &a) && a == 0, "epoch");
	CHECK(t, avis_parse_time("2025-03-10T20:05", 16, &a) && avis_parse_time("2025-03-10T21:30:00Z", 20, &b) &&
		 fabs((b - a) / 3600 - 85.0 / 60) < 1e-9, "minutes and seconds, Z");
	CHECK(t, avis_parse_time("2024-03-01", 10, &a) && avis_parse_time("2024-02-28", 10, &b) && a - b == 2 * 86400,
	      "leap year");
	CHECK(t, avis_parse_time("2025-01-05T10:00:00+01:00", 25, &a) && avis_parse_time("2025-01-05T09:00:00Z", 20, &b) &&
		 a == b, "time zone offset");
	CHECK(t, !avis_parse_time("2025-13-01", 10, &a), "bad month");
	CHECK(t, !avis_parse_time("il y a 2 mois", 13, &a), "not a date");
	CHECK(t, !avis_parse_time("2025-01-05T10", 13, &a), "truncated time");
	CHECK(t, !avis_parse_time("2025-01-05x", 11, &a), "trailing junk");
}
