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
 * occurrence in a folded text lies inside a single token.  A pattern may
 * require several sets at once ("\d+ h (de |d')attente" needs "attente"
 * and "h"); the most selective come first: longest shortest string, then
 * fewest strings.
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

/* Fill sets[0..n) with up to max sets of strings, most selective first,
 * such that every match of pattern (len bytes) contains a string of each
 * set; returns n (0: nothing is known to be required). */
size_t avis_reqlit_all(const char *pattern, size_t len, avis_reqlit *sets, size_t max);
/* The most selective set alone: avis_reqlit_all with max 1; false (out
 * empty) when there is none. */
bool avis_reqlit_of(const char *pattern, size_t len, avis_reqlit *out);
/* The length of the shortest string of r (0 when r is empty). */
size_t avis_reqlit_shortest(const avis_reqlit *r);
void avis_reqlit_free(avis_reqlit *r);

#endif
