/* fuzz_file.h — for the harnesses whose code under test reads a path: the
 * input written to one temporary file, created on the first call and
 * rewritten on each one (libFuzzer gives no context pointer, hence the
 * static path). */
#ifndef AVIS_FUZZ_FILE_H
#define AVIS_FUZZ_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char fuzz_input_path[64];

/* at exit: the temporary file is not left behind */
static void remove_input_file(void)
{
	unlink(fuzz_input_path);
}

static const char *fuzz_input_file(const uint8_t *data, size_t size)
{
	char *path = fuzz_input_path;
	if (!path[0]) {
		snprintf(path, sizeof fuzz_input_path, "/tmp/fuzz-avis-XXXXXX");
		int fd = mkstemp(path);
		if (fd < 0)
			abort();
		close(fd);
		atexit(remove_input_file);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	return path;
}

#endif
