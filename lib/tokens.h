/* tokens — splitting folded text (norm.text, see text.h) into tokens.
 *
 * Owns: what a token is for scoring.  Folded text already spaces
 * punctuation and emoji, so tokens are the space-separated runs, plus:
 *   - a line break is a token of its own (AVIS_TOK_BREAK: ends a sentence);
 *   - a run made only of ASCII punctuation is AVIS_TOK_PUNCT (".", "!!!",
 *     ":-)"); a run with no ASCII letter or digit and some non-ASCII byte
 *     is AVIS_TOK_SYMBOL (an emoji); anything else is AVIS_TOK_WORD;
 *   - French elisions are split after the apostrophe ("l'attente" gives
 *     "l'" and "attente", "qu'il" gives "qu'" and "il"), for the prefixes
 *     c d j l m n s t qu jusqu lorsqu puisqu quoiqu presqu quelqu; other
 *     apostrophes stay inside the word ("don't", "aujourd'hui").
 * Tokens point into the text (offset, length): no copies.
 */
#ifndef AVIS_TOKENS_H
#define AVIS_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { AVIS_TOK_WORD, AVIS_TOK_PUNCT, AVIS_TOK_SYMBOL, AVIS_TOK_BREAK } avis_tok_kind;

typedef struct {
	uint32_t off, len;
	avis_tok_kind kind;
} avis_token;

typedef struct {
	avis_token *v;
	size_t n, cap;
} avis_tokens;

#define AVIS_TOKENS_INIT {NULL, 0, 0}

/* Replace out's content with the tokens of s. */
void avis_tokenize(const char *s, size_t len, avis_tokens *out);
void avis_tokens_free(avis_tokens *t);

/* True if the punctuation token (s, len) ends a sentence (. ! ? …). */
bool avis_tok_ends_sentence(const char *s, size_t len);

#endif
