/* reqlit — the literal strings a regular expression cannot match without.
 *
 * Owns: reading a PCRE2 pattern (compiled with PCRE2_UTF and no other
 * option) and finding a set of byte strings such that every match of the
 * pattern contains at least one of them.  A text holding none of them
 * cannot match, so the pattern need not be run on it (lexicon.h uses this
 * to skip fact patterns).
 *
 * The strings are cut to what one token can hold (tokens.h): none holds a
 * space, tab, CR or LF, and an apostrophe only as its last byte, so each
 * occurrence in a folded text lies inside a single token.  From the
 * strings the pattern requires, the set whose shortest member is longest
 * is chosen (the most selective).
 *
 * Sound, not complete: any construct the reader does not know (inline
 * options such as (?i), backreferences, \Q...\E, conditionals, verbs,
 * unusual escapes or braces) makes it give up, and "no set" means the
 * pattern must always run.
 */
#ifndef AVIS_REQLIT_H
#define AVIS_REQLIT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char **s;
	size_t *len;
	size_t n;
} avis_reqlit;

#define AVIS_REQLIT_INIT {NULL, NULL, 0}

/* Fill out with strings one of which every match of pattern (len bytes)
 * contains; false (out empty) when no such set is known. */
bool avis_reqlit_of(const char *pattern, size_t len, avis_reqlit *out);
/* The length of the shortest string of r (0 when r is empty). */
size_t avis_reqlit_shortest(const avis_reqlit *r);
void avis_reqlit_free(avis_reqlit *r);

#endif
