/* Runs every unit suite; output is TAP. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool t_temp_file(char *path, const char *content)
{
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	bool ok = fputs(content, f) >= 0;
	return fclose(f) == 0 && ok;
}

void t_check(T *t, bool ok, const char *what, const char *file, int line)
{
	t->run++;
	if (ok) {
		printf("ok %d - %s: %s\n", t->run, t->suite, what);
		return;
	}
	t->failed++;
	printf("not ok %d - %s: %s (%s:%d)\n", t->run, t->suite, what, file, line);
}

void t_check_str(T *t, const char *got, size_t got_len, const char *want,
		 const char *what, const char *file, int line)
{
	bool ok = got && got_len == strlen(want) && memcmp(got, want, got_len) == 0;
	t_check(t, ok, what, file, line);
	if (!ok)
		printf("#   want: \"%s\"\n#   got:  \"%.*s\"\n", want, got ? (int)got_len : 6,
		       got ? got : "(null)");
}

int main(void)
{
	struct { const char *name; void (*fn)(T *); } suites[] = {
#define SUITE(name) {#name + 5, name},
#include "suites.inc"
#undef SUITE
	};
	T t = {0, 0, NULL};
	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
		t.suite = suites[i].name;
		suites[i].fn(&t);
	}
	printf("1..%d\n", t.run);
	printf("# unit: %d passed, %d failed\n", t.run - t.failed, t.failed);
	return t.failed ? 1 : 0;
}
