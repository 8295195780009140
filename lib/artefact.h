/* artefact — platform artefacts in review text.
 *
 * Owns: recognising and removing what a review site adds to a text that
 * the reviewer did not write:
 *   - Google's machine translation banner: "(Traduit par Google) TEXT"
 *     or "(Translated by Google) TEXT", optionally followed by
 *     "(Avis d'origine)" / "(Original)" / "(Texte d'origine)" and the
 *     original.  The original becomes the text and the translation is
 *     handed back separately; without an original, the banner is removed.
 *   - The "read more" button caught at the end of a truncated text:
 *     "Plus", "More", "Voir plus", "Lire la suite", "Read more",
 *     "See more", after an ellipsis or alone on the last line.  The
 *     ellipsis stays, so the reader sees the text is cut.
 * Patterns are PCRE2, compiled once with JIT; they work on clean text
 * (text.h), where apostrophes are ASCII and paragraphs single "\n".
 */
#ifndef AVIS_ARTEFACT_H
#define AVIS_ARTEFACT_H

#include "buf.h"

enum { AVIS_ART_TRANSLATED = 1 << 0, AVIS_ART_TRUNCATED = 1 << 1 };

typedef struct avis_artefacts avis_artefacts;

avis_artefacts *avis_artefacts_new(void);
void avis_artefacts_free(avis_artefacts *a);

/* Strip artefacts from text in place; a machine translation that was
 * replaced by its original goes to translation (cleared first).  Returns
 * the AVIS_ART_* bits of what was found. */
unsigned avis_artefacts_strip(avis_artefacts *a, avis_buf *text, avis_buf *translation);

#endif
