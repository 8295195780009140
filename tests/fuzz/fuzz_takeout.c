/* libFuzzer harness: the Google Takeout reviews reader, and the record
 * each review becomes. */
#include <stdint.h>
#include <stdlib.h>

#include "review.h"
#include "takeout.h"

typedef struct {
	avis_page_ctx pc;
} sink;

static bool on_review(void *arg, const avis_review *r)
{
	sink *k = arg;
	json_t *rec = avis_review_record(&k->pc, r);
	if (rec) {
		char *s = json_dumps(rec, JSON_COMPACT);
		free(s);
		json_decref(rec);
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sink k = {{"takeout", "gt", "fuzz", NULL, NULL, 1763078400, avis_dates_new()}};
	char err[256];
	avis_takeout_detect((const char *)data, size);
	unsigned long eline;
	avis_takeout_read((const char *)data, size, on_review, NULL, &k, err, sizeof err, &eline);
	avis_dates_free(k.pc.dates);
	return 0;
}
