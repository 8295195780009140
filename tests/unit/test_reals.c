/* Unit tests: reals written by avis_write_record read back as the same
 * double, in the short form when 15 digits are enough (the scores, k/1000,
 * take a shortcut that must agree with printing them). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "harness.h"
#include "jsonl.h"

/* Write {"x": d, "y": e} and read both numbers back from the line. */
static bool round_trip(avis_cli *cli, FILE *mem, char **buf, double d, double e, bool *short_form)
{
	json_t *rec = json_pack("{s:f,s:f}", "x", d, "y", e);
	rewind(mem);
	avis_write_record(cli, rec);
	json_decref(rec);
	fflush(mem);
	const char *x = strstr(*buf, "\"x\":"), *y = strstr(*buf, "\"y\":");
	if (!x || !y)
		return false;
	char *end;
	double rx = strtod(x + 4, &end), ry = strtod(y + 4, NULL);
	*short_form = (size_t)(end - (x + 4)) <= 18; /* sign, point, 15 digits, exponent aside */
	return rx == d && ry == e;
}

void test_reals_round_trip(T *t)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	avis_cli cli;
	memset(&cli, 0, sizeof cli); /* avis_write_record uses out and scratch */
	cli.out = mem;
	size_t wrong = 0, long_scores = 0, checked = 0;
	bool short_form;
	/* Every score from -200 to 200 by 0.001, and large ones. */
	for (long k = -200000; k <= 200000; k++, checked++) {
		double d = (double)k / 1000;
		wrong += !round_trip(&cli, mem, &buf, d, 0.5, &short_form);
		long_scores += !short_form;
	}
	for (long long k = 999999999999999LL; k > 1000; k = k / 7 * 3, checked++) {
		double d = (double)k / 1000;
		wrong += !round_trip(&cli, mem, &buf, d, -d, &short_form);
		long_scores += !short_form;
	}
	char what[128];
	snprintf(what, sizeof what, "%zu values k/1000 read back exactly", checked);
	CHECK(t, wrong == 0, what);
	CHECK(t, long_scores == 0, "and are written in their short form");
	/* One neighbour of a score needs 17 digits: the record keeps them. */
	double near = nextafter(0.925, 1);
	CHECK(t, round_trip(&cli, mem, &buf, 0.925, near, &short_form), "17 digits when one real needs them");
	CHECK(t, strstr(buf, "0.92500000000000004") != NULL, "0.925 then printed with 17 digits too");
	fclose(mem);
	free(buf);
	avis_buf_free(&cli.scratch);
}
