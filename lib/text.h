/* text — cleaning review text for display, and folding it for matching.
 *
 * Owns the two text forms avis works with:
 *
 * Clean text (what `text`, `reply.text`, `author`, `subject` become):
 *   charset repairs (see charset.h), NUL and control characters removed,
 *   invisible junk removed (zero-width space, BOM, soft hyphen, LRM/RLM),
 *   HTML entities left in the text decoded (&amp; &eacute; &#39; &#x2019;,
 *   names from libxml2's HTML entity table; a semicolon is required),
 *   typographic apostrophes (U+2018 U+2019 U+201B U+02BC U+2032) become
 *   ASCII ' and curly double quotes (U+201C U+201D U+201E U+201F U+2033)
 *   become ASCII " (French guillemets are kept), each run of horizontal
 *   white space becomes one space, each run of white space that holds a
 *   line break becomes one "\n", the ends are trimmed, and the result is
 *   in Unicode NFC.
 *
 * Folded text (what goes into `norm`; rule authors match against it):
 *   case-folded, compatibility-decomposed, accents and other marks
 *   stripped, ligatures œ æ spelled oe ae, dashes, quotes and spaces lumped
 *   to ASCII (utf8proc LUMP), and punctuation spaced: every run of
 *   punctuation and math, currency or modifier symbols (":-)", "!!!")
 *   stands between single spaces as a token of its own, as does every
 *   other symbol (each emoji is one token), except an apostrophe or hyphen between two
 *   letters ("l'attente", "rendez-vous") and . , : / between two digits
 *   ("3.5", "14/09/2025", "17:30"), which stay inside their word.  Line
 *   breaks stay "\n"; other white space is one space; ends trimmed.
 *   An optional offset map gives, for each byte of the folded text, the
 *   byte of the source text it came from, so matches can be reported in
 *   the original.
 */
#ifndef AVIS_TEXT_H
#define AVIS_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "charset.h"

/* Repairs made while cleaning, as bits. */
enum {
	AVIS_FIX_CHARSET = 1 << 0,  /* mojibake or C1 controls undone */
	AVIS_FIX_ENTITY = 1 << 1,   /* HTML entities decoded */
};

/* Scratch space reused from one text to the next (no global state). */
typedef struct avis_text avis_text;

avis_text *avis_text_new(avis_charset *cs);
void avis_text_free(avis_text *t);

/* Clean s into out (replacing its content).  *fixes receives AVIS_FIX_*
 * bits.  s must be valid UTF-8 (the reader guarantees it). */
void avis_text_clean(avis_text *t, const char *s, size_t len, avis_buf *out, unsigned *fixes);

/* Byte offsets from folded text back to its source. */
typedef struct {
	uint32_t *src;   /* src[i]: source byte offset of folded byte i */
	size_t len, cap;
} avis_offmap;

void avis_offmap_free(avis_offmap *m);

/* Fold s into out (replacing its content); map may be NULL. */
void avis_text_fold(avis_text *t, const char *s, size_t len, avis_buf *out, avis_offmap *map);

/* Words glued where a line break was lost ("Livraison rapideService
 * top", "Très bienMerci"): when s holds a capital that follows two
 * lower-case letters and precedes one, write s into out with a space
 * before each such capital and return true; else return false and leave
 * out alone.  ("iPhone" has one letter before its capital: kept.) */
bool avis_text_unglue(const char *s, size_t len, avis_buf *out);

#endif
