/* A minimal TAP harness for the lib/ unit tests: each CHECK prints
 * "ok N - what" or "not ok N - what (file:line)"; main prints the plan. */
#ifndef AVIS_TEST_HARNESS_H
#define AVIS_TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	int run, failed;
	const char *suite;
} T;

void t_check(T *t, bool ok, const char *what, const char *file, int line);
void t_check_str(T *t, const char *got, size_t got_len, const char *want,
		 const char *what, const char *file, int line);

#define CHECK(t, cond, what) t_check((t), (cond), (what), __FILE__, __LINE__)
/* Compare a (data, len) result with an expected C string. */
#define CHECK_STR(t, got, len, want, what) \
	t_check_str((t), (got), (len), (want), (what), __FILE__, __LINE__)

/* Write content to a new temporary file made from the mkstemp
 * template path (changed in place); false if it cannot be made. */
bool t_temp_file(char *path, const char *content);

/* Every suite is a function "void test_NAME(T *t)" at the start of a
 * line in a tests/unit/test_*.c file: the Makefile lists them in
 * suites.inc, so a new test file needs no registration. */
#define SUITE(name) void name(T *t);
#include "suites.inc"
#undef SUITE

#endif
