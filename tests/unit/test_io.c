/* Unit tests: jsonl record parsing, fmt cells. */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "harness.h"
#include "jsonl.h"

void test_jsonl(T *t)
{
	char why[256];
	json_t *v = avis_parse_record("{\"a\":1}\n", 8, why, sizeof why);
	CHECK(t, json_is_object(v), "object line parses, trailing newline allowed");
	json_decref(v);
	CHECK(t, !avis_parse_record("{\"a\":", 5, why, sizeof why) && strstr(why, "end of line"),
	      "truncated line: reason speaks of the line");
	CHECK(t, !avis_parse_record("[1]", 3, why, sizeof why) && strstr(why, "an array"),
	      "array named");
	CHECK(t, !avis_parse_record("42", 2, why, sizeof why) && strstr(why, "a number"),
	      "number named");
	CHECK(t, !avis_parse_record("{} {}", 5, why, sizeof why), "two values on a line rejected");
	v = avis_parse_record("{\"s\":\"a\\u0000b\"}", 16, why, sizeof why);
	CHECK(t, v && json_string_length(json_object_get(v, "s")) == 3, "escaped NUL kept with length");
	json_decref(v);
	CHECK(t, !avis_parse_record("{\"s\":\"\xE9\"}", 8, why, sizeof why), "invalid UTF-8 rejected");
	v = avis_parse_record("{\"z\":1,\"a\":2,\"m\":3}", 19, why, sizeof why);
	char *dump = json_dumps(v, JSON_COMPACT);
	CHECK(t, strcmp(dump, "{\"z\":1,\"a\":2,\"m\":3}") == 0, "key order kept on output");
	free(dump);
	json_decref(v);
}

static void cell(T *t, const char *json, char dec, const char *want, const char *what)
{
	json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
	avis_buf b = AVIS_BUF_INIT;
	avis_cell_text(v, dec, &b);
	CHECK_STR(t, b.data ? b.data : "", b.len, want, what);
	avis_buf_free(&b);
	json_decref(v);
}

void test_fmt(T *t)
{
	cell(t, "\"x\"", '.', "x", "string");
	cell(t, "null", '.', "", "null empty");
	cell(t, "-0.62", '.', "-0.62", "real shortest");
	cell(t, "0.1", ',', "0,1", "decimal comma");
	cell(t, "12", ',', "12", "integer");
	cell(t, "[\"a\",1,true]", '.', "a, 1, true", "array of scalars joined");
	cell(t, "[{\"a\":1}]", '.', "[{\"a\":1}]", "array of objects as JSON");
	cell(t, "{\"b\":[1]}", '.', "{\"b\":[1]}", "object as JSON");
	CHECK(t, avis_display_width("abc", 3) == 3, "ASCII width");
	CHECK(t, avis_display_width("\xE6\x9D\x8E", 3) == 2, "CJK is wide");
	CHECK(t, avis_display_width("e\xCC\x81", 3) == 1, "combining mark takes no column");
	CHECK(t, avis_format_from_name("csv") == AVIS_FMT_CSV && avis_format_from_name("x") < 0,
	      "format names");
	char err[128];
	avis_fmt_opts o = {.format = AVIS_FMT_CSV, .fields = "a,,b"};
	CHECK(t, avis_formatter_new(&o, stdout, err, sizeof err) == NULL && strstr(err, "bad field"),
	      "empty field path refused");
}
