/* litscan — which of a fixed set of literal strings occur in a text.
 *
 * Owns: an Aho-Corasick automaton over the literals (byte strings), built
 * once, that finds all of them in one pass over a text, whatever their
 * number.  avis-check uses it for the prefilter (check.h): the literals
 * that rule patterns cannot match without (reqlit.h).
 *
 * Whitespace bytes (space, \t, \n, \v, \f, \r) are one byte to the
 * automaton, in the literals as in the text: "de votre" is found in
 * "de\nvotre".  A text on which that is wrong can only be reported to
 * hold a literal it lacks, never the reverse (reqlit.h's
 * AVIS_REQLIT_ONE_SPACE counts on it).
 */
#ifndef AVIS_LITSCAN_H
#define AVIS_LITSCAN_H

#include <stddef.h>
#include <stdint.h>

typedef struct avis_litscan avis_litscan;

/* An automaton for the n literals lit[i] of len[i] bytes (those of
 * length 0 are left out). */
avis_litscan *avis_litscan_new(const char *const *lit, const size_t *len, size_t n);
void avis_litscan_free(avis_litscan *a);

/* Set found[i] = mark for every literal i that occurs in s; the other
 * entries are left alone.  An automaton too large for its 31-bit table
 * offsets (millions of literals) is not built: every literal is then
 * "found", the answer that costs a prefilter its speed, not its
 * correctness. */
void avis_litscan_run(const avis_litscan *a, const char *s, size_t len, uint8_t *found, uint8_t mark);

/* The same, and each literal whose found entry becomes mark (it was not
 * mark before) is appended to list, which has room for n entries (the n
 * of avis_litscan_new).  Returns how many were appended. */
size_t avis_litscan_collect(const avis_litscan *a, const char *s, size_t len, uint8_t *found, uint8_t mark,
			    uint32_t *list);

#endif
