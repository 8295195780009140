/* lang — which language a review is written in.
 *
 * Owns: the language profiles (rules/lang/LANG.words: function words and
 * frequent review words, one per line, see avis-lang(5)) and the guess.
 * Method: the folded text (text.h) is cut into words at every character
 * that is not a letter; the first 400 words are looked up in every
 * profile.  The profile with the most hits wins; a tie between French and
 * another profile goes to French (the reviews avis is for are French).
 * No hit at all, or fewer hits than 1 word in 8 once the text has 8 words
 * or more, is "other"; so is a winner other than French or English (the
 * es, de, it profiles exist only to keep those texts from being taken for
 * French).
 */
#ifndef AVIS_LANG_H
#define AVIS_LANG_H

#include <stddef.h>

typedef struct avis_lang avis_lang;

/* Load every LANG.words file of DIR.  NULL on error, with err holding
 * "FILE:LINE: message" or "DIR: message". */
avis_lang *avis_lang_load(const char *dir, char *err, size_t errsz);
void avis_lang_free(avis_lang *l);

/* "fr", "en" or "other" for a folded text. */
const char *avis_lang_guess(const avis_lang *l, const char *folded, size_t len);

#endif
