/* noop.c — the benchmark baseline: read JSON Lines with Jansson and write
 * each record back, compact, doing nothing else.  The same line reading
 * and the same encoder the avis filters use, so that a filter's ratio to
 * this program is the cost of its own work. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

int main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		json_error_t err;
		json_t *v = json_loadb(line, (size_t)n, JSON_ALLOW_NUL, &err);
		if (!v)
			continue;
		char *s = json_dumps(v, JSON_COMPACT);
		if (s) {
			fputs(s, stdout);
			fputc('\n', stdout);
		}
		free(s);
		json_decref(v);
	}
	free(line);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
}
