/* sentiment — the lexicon-and-rules scorer of one text (VADER-like, for
 * French and English).
 *
 * Owns: turning a folded text (norm.text) into a score, and the rules
 * that do it, in this order:
 *   1. tokens (tokens.h); each is looked up in the lexicon (exact word,
 *      else its Snowball stem); a word with a letter repeated three times
 *      or more ("trooop") is looked up with the repeats collapsed and is
 *      emphasised (+0.293 in its direction);
 *   2. phrases ("rien a redire", "loin d'etre") replace their words;
 *      fact patterns (PCRE2 on the folded text) add their valence at the
 *      token where they start and silence the words they cover;
 *   3. within a clause (punctuation and contrast words end one), a word
 *      is negated (valence x -0.74) when a negator ("pas", "jamais",
 *      "sans", "aucun", "loin d'etre") is among the 3 tokens before it, or
 *      "ne" among the 4 before it when a negation word follows it (a lone
 *      "ne" is mostly a folded "né"; "ne ... que" restricts), or "plus" /
 *      "rien" / "personne" after a "ne"; phrases that hold a negator are
 *      never negated again;
 *   4. boosters and dampeners among the 3 tokens before a word add their
 *      value to its size (x1, x0.95, x0.9 by distance); a word written in
 *      capitals in the original text, when the text is not all capitals,
 *      gains 0.733;
 *   5. contrast ("mais", "par contre"): in its sentence, what precedes it
 *      weighs x0.5 and what follows x1.5 (when the contrast word opens a
 *      sentence, the previous sentence is the part that weighs less);
 *      a concession ("même si", "malgré", "although") weighs x0.5 up to
 *      the next punctuation, the rest of its sentence x1.5;
 *   6. each "!" of a sentence (at most 4) adds 0.292 to the sentence in
 *      its direction;
 *   7. score = S / sqrt(S^2 + 15) over the sum S (VADER's normalisation)
 *      minus the review prior (AVIS_REVIEW_PRIOR) when the text has words,
 *      in -1..1; pos/neg/neu are VADER's shares of the valence mass;
 *      label = pos if score >= AVIS_POS_THRESHOLD, neg if score <=
 *      AVIS_NEG_THRESHOLD, else neu;
 *   8. aspects: each sentence's own normalised score goes to every aspect
 *      that has a cue in the sentence; an aspect's score is the mean.
 */
#ifndef AVIS_SENTIMENT_H
#define AVIS_SENTIMENT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "lexicon.h"

/* Reviews are written with positive politeness ("merci", "bien", "bon
 * courage") even when they complain, and complaints often state facts
 * without a sentiment word: a text starts at -AVIS_REVIEW_PRIOR and must
 * earn a positive score. */
#define AVIS_REVIEW_PRIOR 1.2
#define AVIS_POS_THRESHOLD 0.05
#define AVIS_NEG_THRESHOLD (-0.05)

typedef struct {
	double score, pos, neg, neu;
	double sum;                    /* S, before the review prior */
	const char *label;             /* "pos", "neg", "neu" */
	double aspect[AVIS_MAX_ASPECTS];
	uint32_t aspects_seen;         /* bit i: aspect[i] is set */
} avis_sentiment;

typedef struct avis_scorer avis_scorer;

avis_scorer *avis_scorer_new(void);
void avis_scorer_free(avis_scorer *sc);

/* Score the folded text (folded, flen).  orig (may be NULL) is the clean
 * text it was folded from, read for capitals.  With explain non-NULL,
 * one line per contribution and rule is appended to it. */
void avis_score_text(avis_scorer *sc, avis_lexicon *lx, const char *folded, size_t flen, const char *orig,
		     size_t olen, avis_sentiment *out, avis_buf *explain);

/* The label of a score, by the thresholds above. */
const char *avis_sentiment_label(double score);

#endif
