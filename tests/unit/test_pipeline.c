/* Unit tests: pipeline, report helpers, calendar. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "harness.h"
#include "pipeline.h"
#include "report.h"

static char *slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	return buf;
}

void test_pipeline(T *t)
{
	char out[] = "/tmp/avis-pipe-XXXXXX";
	int fd = mkstemp(out);
	close(fd);
	char *a[] = {"/bin/sh", "-c", "printf 'bonjour\\nmonde\\n'", NULL};
	char *b[] = {"/usr/bin/tr", "a-z", "A-Z", NULL};
	char *c[] = {"/bin/sh", "-c", "cat; exit 3", NULL};
	avis_pipeline p = {.argv = {a, b, c}, .n = 3, .in = NULL, .out = out};
	CHECK(t, avis_pipeline_run(&p) == 0, "three stages run");
	CHECK(t, strcmp(slurp(out), "BONJOUR\nMONDE\n") == 0, "each feeds the next, the last writes the file");
	CHECK(t, p.status[0] == 0 && p.status[1] == 0 && p.status[2] == 3, "exit statuses kept");
	char *missing[] = {"/nonexistent/avis-x", NULL};
	avis_pipeline q = {.argv = {missing}, .n = 1, .in = NULL, .out = out};
	CHECK(t, avis_pipeline_run(&q) == 0 && q.status[0] == 127, "a missing program is 127");
	char *reader[] = {"/bin/cat", NULL};
	avis_pipeline r = {.argv = {reader}, .n = 1, .in = "/nonexistent/in", .out = out};
	CHECK(t, avis_pipeline_run(&r) == -1, "a missing input file fails before anything runs");
	unlink(out);
}

void test_report(T *t)
{
	avis_buf b = AVIS_BUF_INIT;
	avis_html_escape(&b, "<a href=\"x\">'&'</a>", 19);
	CHECK_STR(t, b.data, b.len, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;", "HTML escape");
	avis_buf_free(&b);
	const char *text = "D\xC3\xA9j\xC3\xA0 lors de votre visite";   /* "Déjà lors de ..." */
	size_t len = strlen(text), s, e;
	json_t *bytes = json_loads("{\"span\":[7,11],\"match\":\"lors\"}", 0, NULL);
	CHECK(t, avis_locate_passage(text, len, bytes, &s, &e) && s == 7 && e == 11, "span in bytes");
	json_t *cps = json_loads("{\"span\":[5,9],\"match\":\"lors\"}", 0, NULL);
	CHECK(t, avis_locate_passage(text, len, cps, &s, &e) && s == 7 && e == 11, "span in code points");
	json_t *only = json_loads("{\"match\":\"visite\"}", 0, NULL);
	CHECK(t, avis_locate_passage(text, len, only, &s, &e) && s == 21 && e == 27, "match without span");
	json_t *none = json_loads("{\"span\":[40,90],\"match\":\"absent\"}", 0, NULL);
	CHECK(t, !avis_locate_passage(text, len, none, &s, &e), "nothing to place");
	json_decref(bytes);
	json_decref(cps);
	json_decref(only);
	json_decref(none);
}

void test_calendar(T *t)
{
	time_t a, b;
	CHECK(t, avis_parse_iso("2025-09-14", &a) && avis_parse_iso("2025-09-15T12:30", &b) &&
		 b - a == 36 * 3600 + 30 * 60, "dates and times, UTC");
	CHECK(t, avis_parse_iso("2025-09-14 08:00:05Z", &b) && b - a == 8 * 3600 + 5, "space, seconds, Z");
	CHECK(t, !avis_parse_iso("2025-02-30", &a), "no 30 February");
	CHECK(t, !avis_parse_iso("14/09/2025", &a) && !avis_parse_iso("2025-9-1", &a) && !avis_parse_iso(NULL, &a),
	      "not ISO");
	char m[8];
	avis_parse_iso("2024-12-31T23:59", &a);
	avis_month_of(a, m);
	CHECK(t, strcmp(m, "2024-12") == 0, "month of a date");
}
