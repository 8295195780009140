/* libFuzzer harness: the model-file reader (model.c) and, for what
 * loads, scoring a fixed text, whole and its second half.  A model file
 * is read from a path, so the input goes through one temporary file. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_file.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_file(data, size);
	avis_models *ms = avis_models_new();
	char *err = NULL;
	unsigned long line;
	int m = avis_models_load(ms, path, &err, &line);
	free(err);
	if (m >= 0) {
		/* a second load: the table grows, the first model keeps its weights */
		int m2 = avis_models_load(ms, path, &err, &line);
		free(err);
		avis_model_scratch *sc = avis_model_scratch_new(ms);
		static const char text[] = "bonjour , votre dent va mieux . l'\xc3\xa9tat de vos soins 12 x\xff";
		double logit[2];
		avis_models_score(ms, sc, text, 0, sizeof text - 1, logit);
		(void)avis_models_fires(ms, m, logit[m]);
		avis_models_score(ms, sc, text, sizeof text / 2, sizeof text - 1, logit);
		(void)avis_models_fires(ms, m2 >= 0 ? m2 : m, logit[m2 >= 0 ? m2 : m]);
		avis_model_scratch_free(sc);
	}
	avis_models_free(ms);
	return 0;
}
