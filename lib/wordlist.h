/* wordlist — a term list file read into one regular expression.
 *
 * Owns: the format of the term lists a rule file names with
 * `lexicon.NAME = FILE` (avis-rules(5)), checking each term, and the shape
 * of the alternation they become.  The format:
 *
 *     # a comment (a line whose first non-blank character is '#')
 *     couronnes?          one term per line: a PCRE2 fragment
 *     pose d'implants?    a space matches any run of white space,
 *     dr ?\.? ?martin     and a space then '?' matches any or none
 *
 * A term that does not compile or matches the empty string is reported as
 * FILE:LINE and left out; the others are kept.  The alternation groups
 * terms by their first letter, "(?:a(?:bces|blation)|c(?:aries?)|...)",
 * because PCRE2 tries the branches of an alternation one by one: with
 * hundreds of terms, every position of the text would try every term.
 * Grouping keeps the order of the file within each letter, so the set of
 * texts matched is that of the plain alternation.
 */
#ifndef AVIS_WORDLIST_H
#define AVIS_WORDLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Where problems go: file, line (0: none), message. */
typedef void (*avis_wordlist_diag)(void *ctx, const char *file, unsigned long line, const char *msg);

typedef struct {
	avis_wordlist_diag error;  /* bad terms, unreadable or empty file */
	avis_wordlist_diag lint;   /* a term listed twice; NULL: not checked */
	void *ctx;
	unsigned long errors, lint_findings;
} avis_wordlist_report;

/* Read the term list at path and set *out to its alternation "(?:...)".
 * False when the file cannot be read or holds no valid term: *out is then
 * "(?!)", which never matches, so that the rules using it still load. */
bool avis_wordlist_read(const char *path, avis_buf *out, avis_wordlist_report *rep);

#endif
