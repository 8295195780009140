/* Unit tests: model (word model files, features, scores).  The expected
 * scores are worked out by hand from the weights below; tests/cli/check.sh
 * checks that tests/eval/train_models.py cuts the same texts into the
 * same features. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "model.h"

static const char *const model_a =
	"# a comment\n"
	"threshold\t0.5\n"
	"bias\t-1\n"
	"dent\t2\n"
	"votre_dent\t0.5\n"
	"l\t0.125\n"
	"extraction\t1\n"
	"\xc3\xa9tat\t0.25\n"           /* "état": bytes >= 0x80 are word bytes */
	"une_couronne_tres\t9\n";       /* not a feature: rejected below */

static const char *const model_b =
	"threshold\t0.9\n"
	"bias\t0\n"
	"dent\t-3\n"
	"rendez_vous\t4\n";

static double score_of(avis_models *ms, avis_model_scratch *sc, int m, const char *text)
{
	double logit[4] = {0};
	avis_models_score(ms, sc, text, 0, strlen(text), logit);
	return logit[m];
}

static void bad_file(T *t, const char *content, unsigned long want_line, const char *what)
{
	char path[] = "/tmp/avis-model-XXXXXX";
	if (!t_temp_file(path, content)) {
		CHECK(t, false, "temp file");
		return;
	}
	avis_models *ms = avis_models_new();
	char *err = NULL;
	unsigned long line = 99;
	int m = avis_models_load(ms, path, &err, &line);
	CHECK(t, m < 0 && err && line == want_line, what);
	free(err);
	avis_models_free(ms);
	unlink(path);
}

void test_model(T *t)
{
	char pa[] = "/tmp/avis-model-XXXXXX", pb[] = "/tmp/avis-model-XXXXXX";
	/* model_a without its bad last line; model_b as is */
	const char *end = strstr(model_a, "une_couronne");
	char *a = strndup(model_a, (size_t)(end - model_a));
	if (!t_temp_file(pa, a) || !t_temp_file(pb, model_b)) {
		CHECK(t, false, "temp files");
		free(a);
		return;
	}
	free(a);
	avis_models *ms = avis_models_new();
	char *err = NULL;
	unsigned long line;
	int ma = avis_models_load(ms, pa, &err, &line);
	int mb = avis_models_load(ms, pb, &err, &line);
	CHECK(t, ma == 0 && mb == 1 && !err, "two models load into one table");
	CHECK(t, avis_models_count(ms) == 2 && avis_models_weights(ms, 0) == 5 && avis_models_weights(ms, 1) == 2,
	      "models and their weights counted");
	CHECK(t, avis_models_threshold(ms, 1) == 0.9, "threshold read");
	avis_model_scratch *sc = avis_model_scratch_new(ms);

	/* words: votre dent votre dent l extraction; each feature once */
	double s = score_of(ms, sc, 0, "votre dent , votre dent ; l'extraction .");
	CHECK(t, fabs(s - (-1 + 2 + 0.5 + 0.125 + 1)) < 1e-6, "words and pairs, each counted once");
	CHECK(t, avis_models_fires(ms, 0, s), "fires at or above the threshold's logit");
	s = score_of(ms, sc, 0, "rien a voir");
	CHECK(t, fabs(s - -1) < 1e-6 && !avis_models_fires(ms, 0, s), "bias alone: does not fire");
	/* the same text again: counted afresh (a new stamp) */
	s = score_of(ms, sc, 0, "votre dent");
	CHECK(t, fabs(s - 1.5) < 1e-6, "each text counted from zero");
	CHECK(t, fabs(score_of(ms, sc, 0, "votre grande dent") - 1) < 1e-6, "a pair is two words in a row");
	CHECK(t, fabs(score_of(ms, sc, 0, "votre-dent") - 1.5) < 1e-6, "a hyphen separates words");
	CHECK(t, fabs(score_of(ms, sc, 0, "votredent dents") - -1) < 1e-6, "whole words only");
	CHECK(t, fabs(score_of(ms, sc, 0, "l'\xc3\xa9tat") - (-1 + 0.125 + 0.25)) < 1e-6, "UTF-8 words");
	CHECK(t, fabs(score_of(ms, sc, 0, "Dent") - -1) < 1e-6, "upper case is not a word byte (texts are folded)");
	/* model b: shares "dent" with a; "rendez-vous" is the pair rendez_vous */
	CHECK(t, fabs(score_of(ms, sc, 1, "votre rendez-vous dentaire") - 4) < 1e-6, "second model, its own weights");
	CHECK(t, fabs(score_of(ms, sc, 1, "une dent") - -3) < 1e-6, "a word two models weigh");
	const char *two = "bonjour votre . dent va mieux . merci";
	size_t cut = strlen("bonjour votre . "), cut2 = strlen("bonjour votre . dent va mieux . ");
	double logit[2];
	avis_models_score(ms, sc, two, cut, cut2, logit);
	CHECK(t, fabs(logit[0] - 1) < 1e-6 && fabs(logit[1] - -3) < 1e-6,
	      "a range: its own features, no pair across its start");
	avis_models_score(ms, sc, two, 0, cut, logit);
	CHECK(t, fabs(logit[0] - -1) < 1e-6, "a range: no word past its end");
	avis_model_scratch_free(sc);
	avis_models_free(ms);
	unlink(pa);
	unlink(pb);

	bad_file(t, "threshold\t0.5\nbias\t0\nune_couronne_tres\t9\n", 3, "three joined words: error at its line");
	bad_file(t, "threshold\t1.5\nbias\t0\n", 1, "threshold outside (0, 1)");
	bad_file(t, "threshold\t0.5\nbias\tabc\n", 2, "not a number");
	bad_file(t, "threshold\t0.5\nbias\t0\nDent\t1\n", 3, "upper case feature");
	bad_file(t, "threshold\t0.5\nbias\t0\n_dent\t1\n", 3, "empty word in a pair");
	bad_file(t, "threshold\t0.5\nbias\t0\ndent 1\n", 3, "no tab");
	bad_file(t, "bias\t0\ndent\t1\n", 0, "no threshold");
	bad_file(t, "threshold\t0.5\n", 0, "no bias");
	avis_models *ms2 = avis_models_new();
	int m = avis_models_load(ms2, "/nonexistent/model.tsv", &err, &line);
	CHECK(t, m < 0 && err && strstr(err, "cannot read") && line == 0, "missing file");
	free(err);
	avis_models_free(ms2);
}
