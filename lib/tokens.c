/* tokens — see tokens.h. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tokens.h"

static void push(avis_tokens *t, size_t off, size_t len, avis_tok_kind kind)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = avis_xrealloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n++] = (avis_token){(uint32_t)off, (uint32_t)len, kind};
}

static bool is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static avis_tok_kind kind_of(const char *s, size_t len)
{
	bool high = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_alnum(c))
			return AVIS_TOK_WORD;
		if (c >= 0x80)
			high = true;
	}
	/* Non-ASCII without any ASCII letter: a letter of another script is
	 * a word only if it is not a symbol; folded French and English have
	 * only ASCII letters, so such a run is an emoji or a symbol. */
	return high ? AVIS_TOK_SYMBOL : AVIS_TOK_PUNCT;
}

/* Length of the elided prefix of a word ("l'" = 2, "qu'" = 3), or 0. */
static size_t elision(const char *s, size_t len)
{
	static const char *const prefixes[] = {"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu",
					       "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu"};
	const char *q = memchr(s, '\'', len);
	if (!q || q + 1 == s + len)
		return 0;
	size_t p = (size_t)(q - s);
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
		if (strlen(prefixes[i]) == p && memcmp(s, prefixes[i], p) == 0)
			return p + 1;
	return 0;
}

static void push_word(avis_tokens *t, const char *s, size_t off, size_t len)
{
	size_t e;
	while ((e = elision(s + off, len)) > 0) {
		push(t, off, e, AVIS_TOK_WORD);
		off += e;
		len -= e;
	}
	push(t, off, len, AVIS_TOK_WORD);
}

/* The bytes between tokens (a line break is also a token of its own). */
static const bool separates[256] = {[' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true};

void avis_tokenize(const char *s, size_t len, avis_tokens *out)
{
	out->n = 0;
	size_t i = 0;
	while (i < len) {
		if (s[i] == '\n') {
			push(out, i, 1, AVIS_TOK_BREAK);
			i++;
			continue;
		}
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
			i++;
			continue;
		}
		size_t start = i;
		while (i < len && !separates[(unsigned char)s[i]])
			i++;
		avis_tok_kind k = kind_of(s + start, i - start);
		if (k == AVIS_TOK_WORD)
			push_word(out, s, start, i - start);
		else
			push(out, start, i - start, k);
	}
}

void avis_tokens_free(avis_tokens *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

bool avis_tok_ends_sentence(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';')
			return true;
	return false;
}
