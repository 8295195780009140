/* Unit tests: buf, record, hash. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "harness.h"
#include "hash.h"
#include "record.h"

void test_buf(T *t)
{
	avis_buf b = AVIS_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		avis_buf_puts(&b, "abc");
	CHECK(t, b.len == 3000 && b.data[3000] == '\0', "grows and stays NUL-terminated");
	avis_buf_clear(&b);
	avis_buf_put_cp(&b, 0xE9);
	avis_buf_put_cp(&b, 0x1F60A);
	avis_buf_put_cp(&b, 0xD800);
	CHECK_STR(t, b.data, b.len, "\xC3\xA9\xF0\x9F\x98\x8A\xEF\xBF\xBD",
		  "code points to UTF-8, surrogates to U+FFFD");
	avis_buf_clear(&b);
	avis_buf_printf(&b, "%s-%d", "x", 42);
	CHECK_STR(t, b.data, b.len, "x-42", "printf appends");
	avis_buf_put(&b, "\0z", 2);
	CHECK(t, b.len == 6 && b.data[4] == '\0' && b.data[5] == 'z', "holds NUL bytes");
	avis_buf_free(&b);
}

void test_record(T *t)
{
	json_t *r = json_loads("{\"a\":{\"b\":{\"c\":3}},\"s\":\"x\\u0000y\",\"n\":1,"
			       "\"flags\":null}", JSON_ALLOW_NUL, NULL);
	CHECK(t, json_integer_value(avis_field(r, "a.b.c")) == 3, "dotted path");
	CHECK(t, avis_field(r, "a.x.c") == NULL, "missing step");
	CHECK(t, avis_field(r, "n.x") == NULL, "through a non-object");
	CHECK(t, avis_field(r, "a..b") == NULL && avis_field(r, "a.") == NULL, "empty steps");
	size_t len;
	const char *s = avis_string(r, "s", &len);
	CHECK(t, s && len == 3 && s[1] == '\0', "strings keep their NUL and length");
	CHECK(t, avis_string(r, "n", &len) == NULL, "a number is not a string");
	avis_add_flag(r, "b");
	avis_add_flag(r, "a");
	avis_add_flag(r, "b");
	char *dump = json_dumps(json_object_get(r, "flags"), JSON_COMPACT);
	CHECK(t, strcmp(dump, "[\"b\",\"a\"]") == 0, "flags: a set in first-seen order, null replaced");
	free(dump);
	json_object_set_new(r, "flags", json_string("mine"));
	avis_add_flag(r, "c");
	CHECK(t, json_is_string(json_object_get(r, "flags")), "a non-array flags is left alone");
	json_decref(r);
}

void test_hash(T *t)
{
	const char *p1[] = {"ab", "c"}, *p2[] = {"a", "bc"};
	size_t l1[] = {2, 1}, l2[] = {1, 2};
	CHECK(t, avis_digest64(2, p1, l1) != avis_digest64(2, p2, l2), "parts are length-prefixed");
	CHECK(t, avis_digest64(2, p1, l1) == avis_digest64(2, p1, l1), "digest is stable");
	char a[14], b[14], c[14];
	avis_pseudonym("k1", 2, "marie", 5, a);
	avis_pseudonym("k1", 2, "marie", 5, b);
	avis_pseudonym("k2", 2, "marie", 5, c);
	CHECK(t, strcmp(a, b) == 0 && strcmp(a, c) != 0, "pseudonym keyed and stable");
	CHECK(t, strncmp(a, "anon-", 5) == 0 && strlen(a) == 13, "pseudonym form");
	avis_seen *s = avis_seen_new();
	bool dup = false;
	for (uint64_t v = 0; v < 100000; v++)
		dup |= avis_seen_add(s, v * 0x9E3779B97F4A7C15ull);
	CHECK(t, !dup, "100k distinct values are new (through growth)");
	CHECK(t, avis_seen_add(s, 0) && avis_seen_add(s, 5 * 0x9E3779B97F4A7C15ull),
	      "seen values, zero included, are recognised");
	avis_seen_free(s);
}
