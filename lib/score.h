/* score — what avis-score does to one record.
 *
 * Owns: choosing the text and lexicon of a record and writing the
 * `sentiment` object (see avis-score(1)):
 *   - the review text is `norm.text` (folded by avis-norm) with `text`
 *     read for capitals; a record without `norm` has its `text` folded
 *     here (text.h), the same way;
 *   - the lexicon is English when `lang` is "en", French otherwise;
 *   - `sentiment` = {score, label, pos, neg, neu, aspects {name: score},
 *     mismatch (when `rating` is a number), reply {score, label, pos, neg,
 *     neu} (when there is a reply text)}; it replaces any earlier
 *     `sentiment` in place, and is null when the record has no text and
 *     no reply;
 *   - mismatch: rating >= AVIS_MISMATCH_HIGH with score <= -AVIS_MISMATCH_SCORE,
 *     or rating <= AVIS_MISMATCH_LOW with score >= AVIS_MISMATCH_SCORE.
 */
#ifndef AVIS_SCORE_H
#define AVIS_SCORE_H

#include <jansson.h>

#include "buf.h"
#include "charset.h"
#include "lexicon.h"

#define AVIS_MISMATCH_HIGH 4.5
#define AVIS_MISMATCH_LOW 1.5
#define AVIS_MISMATCH_SCORE 0.5

typedef struct avis_score_ctx avis_score_ctx;

/* Load the French and English lexicons from rules_dir; NULL with err set
 * ("FILE:LINE: message") when one cannot be loaded.  cs is used to fold
 * records that have no `norm`. */
avis_score_ctx *avis_score_ctx_new(const char *rules_dir, avis_charset *cs, char *err, size_t errsz);
void avis_score_ctx_free(avis_score_ctx *c);

/* Add `sentiment` to rec.  With explain non-NULL, the contributions of
 * every token and rule are appended to it as text. */
void avis_score_record(avis_score_ctx *c, json_t *rec, avis_buf *explain);

#endif
