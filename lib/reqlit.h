/* reqlit — the literal strings a regular expression cannot match without.
 *
 * Owns: a conservative reading of a PCRE2 pattern (compiled with UTF and
 * UCP, case-sensitive, no inline options) that finds a set of literals
 * such that every string the pattern matches contains at least one of
 * them.  A text that contains none of them cannot match, so avis-check
 * need not run the pattern on it (check.h's prefilter).
 *
 * The reader knows literals, escaped punctuation, groups, alternation,
 * quantifiers, small character classes and zero-width assertions.
 * Anything it does not fully understand (inline options, back-
 * references, \Q...\E, verbs, conditionals...) counts as "any string"
 * for its part, or for the whole pattern: the answer may be weaker than
 * possible, never wrong.  Examples: \bje\s+souffre\b requires "je" and
 * "souffre"; \b(?:le|la)\s+meilleure?s?\b requires "le" or "la", and
 * "meilleur"; \d+\s*(?:€|euros?) requires "€" or "euro"; \w+ nothing.
 */
#ifndef AVIS_REQLIT_H
#define AVIS_REQLIT_H

#include <stdbool.h>
#include <stddef.h>

/* One of these literals is in every match. */
typedef struct {
	char **v;       /* NUL-terminated, non-empty, none inside another */
	size_t n;
} avis_litset;

/* Every match contains a literal of each set (n == 0: nothing known). */
typedef struct {
	avis_litset *all;
	size_t n;
} avis_reqlit;

/* How the pattern is compiled and what it runs on (flags of
 * avis_reqlit_find). */
enum {
	/* Compiled with PCRE2_CASELESS: the literals are then made of ASCII
	 * characters, letters in lower case, and must be looked up in a copy
	 * of the text whose ASCII letters are lowered and where U+017F LONG
	 * S and U+212A KELVIN SIGN become s and k: the only other characters
	 * that UTF + UCP caseless matching takes for an ASCII letter. */
	AVIS_REQLIT_CASELESS = 1,
	/* Run on a folded text (text.h), where whitespace comes one
	 * character at a time, a space or a line break, never two in a row:
	 * \s, \s+ are read as " " and \s*, \s? as " " or nothing, so that
	 * "de\s+votre\s+fait" requires "de votre fait" whole.  The literals
	 * must then be looked up with every whitespace byte taken for a
	 * space (litscan.h does).  Ignored with AVIS_REQLIT_CASELESS. */
	AVIS_REQLIT_ONE_SPACE = 2,
};

/* The required literals of pattern re (len bytes), compiled and run as
 * flags say.  out is overwritten. */
void avis_reqlit_find(const char *re, size_t len, unsigned flags, avis_reqlit *out);
void avis_reqlit_free(avis_reqlit *l);

/* The required literals of re for a scanner that looks inside the tokens
 * of a folded text (lexicon.h): those of avis_reqlit_find (case-
 * sensitive), each cut to its longest piece without a space, tab, CR or
 * LF and with an apostrophe only as its last byte, so that every
 * occurrence lies inside one token ("d'attente" gives "attente"); a set
 * with a piece shorter than min bytes is dropped (nearly every text holds
 * it); the others come most selective first (longest shortest piece, then
 * fewest pieces), at most max.  out is overwritten. */
void avis_reqlit_token_sets(const char *re, size_t len, size_t min, size_t max, avis_reqlit *out);

#endif
