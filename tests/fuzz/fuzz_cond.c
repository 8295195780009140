/* libFuzzer harness: the `when` condition parser and evaluator. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "record.h"

static json_t *lookup(void *ctx, const char *path)
{
	return avis_field(ctx, path);
}

static bool fired(void *ctx, const char *id)
{
	(void)ctx;
	return id[0] == 'a';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *rec;   /* libFuzzer gives no context pointer */
	if (!rec)
		rec = json_loads("{\"rating\":2,\"lang\":\"fr\",\"reply\":{\"text\":\"x\",\"delay_hours\":3.5},"
				 "\"sentiment\":{\"score\":-0.4,\"aspects\":{\"prix\":-0.8}},\"n\":null,\"b\":true}",
				 0, NULL);
	char *src = malloc(size + 1);
	memcpy(src, data, size);
	src[size] = '\0';
	char err[256];
	avis_cond *c = avis_cond_parse(src, err, sizeof err);
	if (c) {
		avis_cond_env env = {lookup, fired, rec};
		avis_cond_eval(c, &env);
		avis_cond_uses(c, "sentiment");
		avis_cond_free(c);
	} else if (!memchr(err, '\0', sizeof err)) {
		abort();   /* the message must be terminated */
	}
	free(src);
	return 0;
}
