/* libFuzzer harness for avis-score: the first byte chooses what the rest
 * is: a lexicon file of each kind (loaded after the shipped lexicon, so
 * that phrases and patterns interact with real data), or a text to score
 * (as folded text and as original text).  Must never crash, leak or read
 * out of bounds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexicon.h"
#include "sentiment.h"

static avis_lexicon *shipped;
static avis_scorer *scorer;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	if (!shipped) {
		const char *dir = getenv("AVIS_RULES") ? getenv("AVIS_RULES") : "rules";
		shipped = avis_lexicon_load(dir, "fr", err, sizeof err);
		if (!shipped) {
			fprintf(stderr, "fuzz_score: %s\n", err);
			abort();
		}
		scorer = avis_scorer_new();
	}
	if (size < 1)
		return 0;
	avis_sentiment s;
	avis_buf ex = AVIS_BUF_INIT;
	int kind = data[0] % 5;
	if (kind < 4) {
		static const char kinds[] = "vgpa";
		char path[] = "/tmp/fuzz-score-XXXXXX";
		int fd = mkstemp(path);
		if (fd < 0)
			return 0;
		if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
			close(fd);
			unlink(path);
			return 0;
		}
		close(fd);
		avis_lexicon *lx = avis_lexicon_new("fr");
		if (avis_lexicon_load_file(lx, path, kinds[kind], err, sizeof err))
			avis_score_text(scorer, lx, "tres bien mais 3 h d'attente !", 30, NULL, 0, &s, &ex);
		else if (strncmp(err, path, strlen(path)) != 0)
			abort(); /* every error names the file */
		avis_lexicon_free(lx);
		unlink(path);
	} else {
		avis_score_text(scorer, shipped, (const char *)data + 1, size - 1, (const char *)data + 1, size - 1, &s,
				&ex);
		if (s.score < -1 || s.score > 1)
			abort();
	}
	avis_buf_free(&ex);
	return 0;
}
