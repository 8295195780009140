/* model — the word models of rules (avis-rules(5): model = FILE).
 *
 * Owns: reading model files into one table shared by a rule set (every
 * word and pair of words some model weighs, each once, with the weights
 * of the models that weigh it), the features of a folded text, and the
 * scores.  A text's features are its words (runs of [a-z0-9] or of bytes
 * >= 0x80: "l'extraction" is "l" and "extraction") and each pair of
 * consecutive words, each counted once; tests/eval/train_models.py, which
 * writes the files, cuts texts the same way.  A model's score is its
 * bias plus the weights of the features present: the logit of a
 * logistic regression, compared with the logit of the model's threshold.
 *
 * A model file: lines "KEY<TAB>NUMBER"; "threshold" (a probability,
 * strictly between 0 and 1), "bias", then one feature per line ("word",
 * or "word_word" for a pair); '#' starts a comment line.
 */
#ifndef AVIS_MODEL_H
#define AVIS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct avis_models avis_models;

avis_models *avis_models_new(void);
void avis_models_free(avis_models *ms);

/* Read the model file at path into ms.  Returns the model's number, or
 * -1 when the file cannot be read or is not a model file: *err then
 * receives a message (allocated) and *line the line (0: the file). */
int avis_models_load(avis_models *ms, const char *path, char **err, unsigned long *line);
size_t avis_models_count(const avis_models *ms);
double avis_models_threshold(const avis_models *ms, int m);
size_t avis_models_weights(const avis_models *ms, int m);

/* Scratch space of a reader of ms (one per checker); made after every
 * model is loaded. */
typedef struct avis_model_scratch avis_model_scratch;
avis_model_scratch *avis_model_scratch_new(const avis_models *ms);
void avis_model_scratch_free(avis_model_scratch *sc);

/* The score of every model on s[from, to) of a folded text (its
 * features within: a pair with both words there): logit[m], m <
 * avis_models_count.  avis-check scores each sentence apart. */
void avis_models_score(const avis_models *ms, avis_model_scratch *sc, const char *s, size_t from, size_t to,
		       double *logit);
/* Does model m fire at that score? */
bool avis_models_fires(const avis_models *ms, int m, double logit);

#endif
