/* pipeline — running avis filters as a shell pipe would, without a shell.
 *
 * Owns: spawning a chain of programs (posix_spawn, no shell, so no
 * quoting to get wrong), each one's standard output feeding the next one's
 * standard input, the first reading from a file or /dev/null and the last
 * writing to a file; and collecting each program's exit status.
 */
#ifndef AVIS_PIPELINE_H
#define AVIS_PIPELINE_H

#include <stddef.h>

enum { AVIS_PIPE_MAX = 8 };

typedef struct {
	char **argv[AVIS_PIPE_MAX];   /* NULL-terminated argument vectors */
	size_t n;
	const char *in;               /* file for the first stdin, NULL: /dev/null */
	const char *out;              /* file for the last stdout (truncated) */
	int status[AVIS_PIPE_MAX];    /* exit status of each, 128+signal if killed,
				       * 127 if it could not be started */
} avis_pipeline;

/* Run and wait for all; returns 0, or -1 with errno when the files or
 * pipes could not be set up (then nothing ran). */
int avis_pipeline_run(avis_pipeline *p);

#endif
