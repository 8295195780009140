/* sentiment — see sentiment.h. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "charset.h"
#include "sentiment.h"
#include "tokens.h"

/* VADER's constants (Hutto & Gilbert 2014). */
#define NEGATION_SCALAR (-0.74)
#define CAPS_INCR 0.733
#define ELONGATION_INCR 0.293
#define EXCLAMATION_INCR 0.292
#define MAX_EXCLAMATIONS 4
#define NORM_ALPHA 15.0
#define NEGATE_WINDOW 3
#define NE_WINDOW 4
#define BOOST_WINDOW 3

enum { F_COVERED = 1, F_NO_NEGATE = 2, F_CAPS = 4, F_ELONGATED = 8, F_NEGATED = 16, F_STEM = 32, F_PATTERN = 64 };

/* Per-token working state. */
typedef struct {
	float val;           /* lexicon valence (0: none) */
	float extra;         /* pattern valence starting here (never modified by rules) */
	float out;           /* contribution after the rules */
	float weight;        /* contrast weight */
	float boost;
	uint8_t role;
	uint8_t flags;
	uint32_t aspects;
	uint32_t sentence;
	avis_lex_src src, extra_src;
	int32_t phrase;      /* phrase that starts here, or -1 */
	int32_t entry;       /* the token's own lexicon entry, or -1 (phrase matching) */
	uint32_t span;       /* bytes of the phrase's text (explanations) */
	uint32_t extra_off, extra_len; /* the pattern's match (explanations) */
} tokstate;

struct avis_scorer {
	avis_tokens tk;
	tokstate *ts;
	size_t capts;
	avis_strmap caps;    /* folded words written in capitals */
	avis_buf scratch;
	double *sent_sum;
	size_t capsent;
	uint64_t *literals;  /* the patterns' required literals the text holds */
	size_t capliterals;
};

avis_scorer *avis_scorer_new(void)
{
	return avis_xcalloc(1, sizeof(avis_scorer));
}

void avis_scorer_free(avis_scorer *sc)
{
	if (!sc)
		return;
	avis_tokens_free(&sc->tk);
	free(sc->ts);
	avis_strmap_free(&sc->caps);
	avis_buf_free(&sc->scratch);
	free(sc->sent_sum);
	free(sc->literals);
	free(sc);
}

const char *avis_sentiment_label(double score)
{
	if (score >= AVIS_POS_THRESHOLD)
		return "pos";
	if (score <= AVIS_NEG_THRESHOLD)
		return "neg";
	return "neu";
}

static float sign(float v)
{
	return v > 0 ? 1.0f : v < 0 ? -1.0f : 0.0f;
}

/* ---- capitals in the original text ---------------------------------- */

/* Can orig hold a word in capitals?  Such a word's first capital is
 * either a non-ASCII upper-case letter, or an ASCII one followed by
 * another capital or a non-ASCII character (no lower case in the word,
 * and a second capital to come): when neither is found, no word is in
 * capitals.  Most reviews are answered here, without reading each word. */
static bool may_have_caps(const char *orig, size_t olen)
{
	for (size_t i = 0; i < olen; i++) {
		unsigned char b = (unsigned char)orig[i];
		if (b >= 'A' && b <= 'Z') {
			unsigned char next = i + 1 < olen ? (unsigned char)orig[i + 1] : 0;
			if ((next >= 'A' && next <= 'Z') || next >= 0x80)
				return true;
		} else if (b >= 0xC0) {
			utf8proc_int32_t cp;
			if (utf8proc_iterate((const utf8proc_uint8_t *)orig + i, (utf8proc_ssize_t)(olen - i), &cp) > 0 &&
			    utf8proc_category(cp) == UTF8PROC_CATEGORY_LU)
				return true;
		}
	}
	return false;
}

/* Collect the words of orig written in capitals (2+ letters, no lower
 * case), folded, into sc->caps; leaves it empty when every word is in
 * capitals (shouting throughout is no emphasis: VADER's rule). */
static void find_caps(avis_scorer *sc, const char *orig, size_t olen)
{
	avis_strmap_clear(&sc->caps);
	if (!orig || !may_have_caps(orig, olen))
		return;
	size_t i = 0, words = 0, caps = 0;
	while (i < olen) {
		size_t start = i, upper = 0, lower = 0;
		utf8proc_int32_t cp;
		while (i < olen) {
			unsigned char b = (unsigned char)orig[i];
			if (b < 0x80) { /* ASCII: what utf8proc says, without asking it */
				if (b >= 'A' && b <= 'Z')
					upper++;
				else if (b >= 'a' && b <= 'z')
					lower++;
				else
					break;
				i++;
				continue;
			}
			utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)orig + i,
							      (utf8proc_ssize_t)(olen - i), &cp);
			if (n <= 0) {
				i++;
				break;
			}
			utf8proc_category_t c = utf8proc_category(cp);
			if (c == UTF8PROC_CATEGORY_LU)
				upper++;
			else if (c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LO)
				lower++;
			else if (c != UTF8PROC_CATEGORY_LT && c != UTF8PROC_CATEGORY_MN)
				break;
			i += (size_t)n;
		}
		size_t end = i;
		if (upper + lower == 0) {
			if (end == start)
				i++;
			continue;
		}
		words++;
		if (lower == 0 && upper >= 2) {
			caps++;
			utf8proc_uint8_t *f = NULL;
			size_t wl = end - start;
			while (wl && !(orig[start + wl - 1] & 0x80) &&
			       !((orig[start + wl - 1] | 32) >= 'a' && (orig[start + wl - 1] | 32) <= 'z'))
				wl--;
			utf8proc_ssize_t fl = utf8proc_map((const utf8proc_uint8_t *)orig + start, (utf8proc_ssize_t)wl, &f,
							   UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
			if (fl > 0)
				avis_strmap_put(&sc->caps, (const char *)f, (size_t)fl, 1);
			free(f);
		}
	}
	if (caps == words)
		avis_strmap_clear(&sc->caps);
}

/* ---- lookup of each token -------------------------------------------- */

static bool is_ascii_letter(char c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* Does w hold a letter three times in a row (what collapse shortens)? */
static bool has_letter_run(const char *w, size_t len)
{
	for (size_t i = 2; i < len; i++)
		if (w[i] == w[i - 1] && w[i] == w[i - 2] && is_ascii_letter(w[i]))
			return true;
	return false;
}

/* Collapse runs of 3+ equal bytes to max_run ("trooop" -> "trop" with 1);
 * returns false if there is no such run. */
static bool collapse(const char *w, size_t len, size_t max_run, avis_buf *out)
{
	bool found = false;
	avis_buf_clear(out);
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && w[j] == w[i])
			j++;
		size_t run = j - i;
		if (run >= 3 && is_ascii_letter(w[i])) {
			found = true;
			run = max_run;
		}
		avis_buf_put(out, w + i, run);
		i = j;
	}
	return found;
}

static void look_up(avis_scorer *sc, avis_lexicon *lx, const char *text, size_t i)
{
	const avis_token *t = &sc->tk.v[i];
	tokstate *s = &sc->ts[i];
	const char *w = text + t->off;
	const avis_lex_hit *hit = avis_lexicon_lookup(lx, w, t->len);
	avis_lexicon_add_literals(lx, hit, sc->literals); /* before any other look-up */
	s->entry = hit->entry;
	avis_lex_hit h = *hit;
	if (!h.has_valence && h.entry < 0 && t->kind == AVIS_TOK_WORD && has_letter_run(w, t->len)) {
		for (size_t run = 1; run <= 2; run++) {
			if (!collapse(w, t->len, run, &sc->scratch))
				break;
			avis_lex_hit h2 = *avis_lexicon_lookup(lx, sc->scratch.data, sc->scratch.len);
			if (h2.has_valence || h2.entry >= 0) {
				h = h2;
				s->flags |= F_ELONGATED;
				break;
			}
		}
	}
	s->aspects = h.aspects;
	if (h.entry >= 0) {
		const avis_lex_entry *e = &lx->e[h.entry];
		s->role = e->role;
		s->boost = e->boost;
		s->phrase = e->phrase;
	}
	if (h.has_valence) {
		s->val = h.valence;
		s->src = h.src;
		if (h.via_stem)
			s->flags |= F_STEM;
	}
	if (sc->caps.n && avis_strmap_get(&sc->caps, w, t->len) >= 0)
		s->flags |= F_CAPS;
}

static bool phrase_matches(const avis_scorer *sc, size_t i, const avis_lex_phrase *p)
{
	if (i + p->n > sc->tk.n)
		return false;
	for (size_t k = 1; k < p->n; k++)
		if (sc->ts[i + k].entry != p->words[k])
			return false;
	return true;
}

/* Apply the longest phrase starting at i; returns the tokens it spans. */
static size_t apply_phrase(avis_scorer *sc, const avis_lexicon *lx, size_t i)
{
	for (int32_t pi = sc->ts[i].phrase; pi >= 0; pi = lx->ph[pi].next) {
		const avis_lex_phrase *p = &lx->ph[pi];
		if (!phrase_matches(sc, i, p))
			continue;
		for (size_t k = 0; k < p->n; k++) {
			tokstate *s = &sc->ts[i + k];
			s->val = 0;
			s->role = AVIS_ROLE_NONE;
			s->flags |= F_COVERED;
		}
		tokstate *first = &sc->ts[i], *last = &sc->ts[i + p->n - 1];
		const avis_token *lt = &sc->tk.v[i + p->n - 1];
		first->span = lt->off + lt->len - sc->tk.v[i].off;
		if (p->has_valence) {
			first->val = p->valence;
			first->src = p->src;
			first->flags &= (uint8_t)~(F_COVERED | F_STEM);
			if (p->has_negator)
				first->flags |= F_NO_NEGATE;
		} else {
			/* A grammar phrase acts where it ends: "loin d'etre" negates
			 * what follows "etre". */
			last->role = p->role;
			last->boost = p->boost;
			last->src = p->src;
		}
		return p->n;
	}
	return 1;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

/* ---- patterns ---------------------------------------------------------- */

/* The token holding byte off (the last token starting at or before it). */
static size_t token_at(const avis_tokens *tk, size_t off)
{
	size_t lo = 0, hi = tk->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (tk->v[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Credit the match [a, b) of pattern p: its valence where it starts; the
 * words it covers are silenced.  Two patterns never count the same words. */
static void credit_match(avis_scorer *sc, const avis_lexicon *lx, size_t p, size_t a, size_t b)
{
	size_t first = token_at(&sc->tk, a);
	for (size_t k = first; k < sc->tk.n && sc->tk.v[k].off < b; k++)
		if (sc->ts[k].flags & F_PATTERN)
			return; /* an earlier pattern has these words */
	bool holds_negator = false;
	for (size_t k = first; k < sc->tk.n && sc->tk.v[k].off < b; k++) {
		sc->ts[k].flags |= F_COVERED | F_PATTERN;
		sc->ts[k].val = 0;
		uint8_t r = sc->ts[k].role;
		holds_negator |= avis_role_negates(r) || r == AVIS_ROLE_NE || r == AVIS_ROLE_NE_PAIR;
	}
	/* Like a phrase, a pattern that says its own negation ("pas
	 * d'attente", "jamais rappelé") is never negated again. */
	if (holds_negator)
		sc->ts[first].flags |= F_NO_NEGATE;
	sc->ts[first].extra += lx->pat[p].valence;
	sc->ts[first].extra_src = lx->pat[p].src;
	sc->ts[first].extra_off = (uint32_t)a;
	sc->ts[first].extra_len = (uint32_t)(b - a);
}

/* Run pattern p over the text from byte start; credit each match. */
static void run_pattern(avis_scorer *sc, avis_lexicon *lx, size_t p, const char *text, size_t len, size_t start)
{
	while (start <= len) {
		/* The text was checked once (apply_patterns): without
		 * NO_UTF_CHECK every call would check all of it again. */
		int rc = pcre2_match(lx->pat[p].re, (PCRE2_SPTR)text, len, start, PCRE2_NO_UTF_CHECK, lx->md, NULL);
		if (rc < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(lx->md);
		credit_match(sc, lx, p, ov[0], ov[1]);
		start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
}

/* Each pattern scans the text in turn, in file order, when the text's
 * tokens hold the literals it requires (sc->literals, from the look-ups):
 * the others cannot match.  Measured slower: one combined alternation of
 * all patterns; anchored attempts at each word start; a prefilter of the
 * first two bytes of each match (PCRE2's per-call cost outweighs what
 * they save). */
static void apply_patterns(avis_scorer *sc, avis_lexicon *lx, const char *text, size_t len)
{
	if (!sc->tk.n)
		return;
	bool checked = false; /* the text is valid UTF-8: checked before the first pattern runs */
	for (size_t p = 0; p < lx->npat; p++) {
		if (!avis_lexicon_pattern_may_match(lx, p, sc->literals))
			continue;
		if (!checked && avis_utf8_invalid_at(text, len) != len)
			return;
		checked = true;
		run_pattern(sc, lx, p, text, len, 0);
	}
}

/* ---- rules --------------------------------------------------------------- */

static bool ends_clause(const avis_scorer *sc, const char *text, size_t i)
{
	const avis_token *t = &sc->tk.v[i];
	(void)text;
	return t->kind == AVIS_TOK_PUNCT || t->kind == AVIS_TOK_BREAK || sc->ts[i].role == AVIS_ROLE_CONTRAST ||
	       sc->ts[i].role == AVIS_ROLE_CONCEDE;
}

/* Is the "ne" at j a negation?  Not when a restrict word ("que") comes
 * before any negation word in the rest of its clause ("je n'ai que des
 * compliments"). */
static bool ne_negates(const avis_scorer *sc, const char *text, size_t j)
{
	for (size_t k = j + 1; k < sc->tk.n && k <= j + 5 && !ends_clause(sc, text, k); k++) {
		uint8_t r = sc->ts[k].role;
		if (r == AVIS_ROLE_RESTRICT)
			return false;
		if (avis_role_negates(r) || r == AVIS_ROLE_NE_PAIR)
			return true;
	}
	/* No "pas", "plus", "jamais", "rien"... after it: folded text has no
	 * accents, so a lone "ne" is mostly "né" ("né prématuré"), and the
	 * literary "je ne sais" is rare in reviews. */
	return false;
}

/* "pas de nourriture, honteux": after "pas de" (a partitive in the
 * grammar file) the negation is the noun's alone, not the words that
 * judge its absence. */
static bool partitive_follows(const avis_scorer *sc, size_t j)
{
	return j + 1 < sc->tk.n && sc->ts[j + 1].role == AVIS_ROLE_PARTITIVE;
}

/* Mark the tokens in the scope of a negation. */
static void mark_negations(avis_scorer *sc, const char *text)
{
	size_t n = sc->tk.n;
	bool ne_open = false;
	for (size_t j = 0; j < n; j++) {
		if (ends_clause(sc, text, j)) {
			ne_open = false;
			continue;
		}
		uint8_t r = sc->ts[j].role;
		size_t window = 0;
		if (r == AVIS_ROLE_NE && ne_negates(sc, text, j)) {
			ne_open = true;
			window = NE_WINDOW;
		} else if (avis_role_negates(r) || (r == AVIS_ROLE_NE_PAIR && ne_open)) {
			window = partitive_follows(sc, j) ? 2 : NEGATE_WINDOW;
		}
		for (size_t k = j + 1; k < n && k <= j + window && !ends_clause(sc, text, k); k++)
			sc->ts[k].flags |= F_NEGATED;
		/* Spoken French drops "ne": "j'aime pas", "je recommande pas".
		 * A word right before a negator, with no "ne" before it in the
		 * clause, is negated when nothing after the negator carries a
		 * valence of its own ("super pas cher" is not "super" negated). */
		if (r == AVIS_ROLE_NEGATE_AFTER && !ne_open && j > 0 &&
		    !ends_clause(sc, text, j - 1) &&
		    sc->ts[j - 1].val != 0 && !(j + 1 < n && sc->ts[j + 1].val != 0))
			sc->ts[j - 1].flags |= F_NEGATED;
	}
}

static float boost_of(const avis_scorer *sc, const char *text, size_t i)
{
	static const float decay[BOOST_WINDOW] = {1.0f, 0.95f, 0.9f};
	float b = 0;
	for (size_t d = 1; d <= BOOST_WINDOW && d <= i; d++) {
		size_t j = i - d;
		if (ends_clause(sc, text, j))
			break;
		if (sc->ts[j].role == AVIS_ROLE_BOOST) {
			float x = sc->ts[j].boost;
			if (sc->ts[j].flags & F_CAPS)
				x += sign(x) * (float)CAPS_INCR;
			b += x * decay[d - 1];
		}
	}
	return b;
}

static void explain_token(avis_buf *ex, avis_lexicon *lx, const char *text, const avis_token *t,
			  const tokstate *s, float boost)
{
	avis_buf_printf(ex, "  %+6.3f  \"%.*s\" %+.2f (%s:%u%s)", s->out, (int)(s->span ? s->span : t->len),
			text + t->off, s->val,
			base_name(lx->files[s->src.file]), (unsigned)s->src.line, (s->flags & F_STEM) ? ", by stem" : "");
	if (s->flags & F_ELONGATED)
		avis_buf_printf(ex, " elongated %+.3f", ELONGATION_INCR);
	if (s->flags & F_CAPS)
		avis_buf_printf(ex, " capitals %+.3f", CAPS_INCR);
	if (boost != 0)
		avis_buf_printf(ex, " boosted %+.3f", boost);
	if (s->flags & F_NEGATED)
		avis_buf_printf(ex, " negated x%.2f", NEGATION_SCALAR);
	if (s->weight != 1)
		avis_buf_printf(ex, " contrast x%.1f", s->weight);
	avis_buf_putc(ex, '\n');
}

/* The contribution of token i after boosters, capitals, negation. */
/* Is token state s in a negation's scope (and not a phrase or pattern
 * that says its own negation)?  For words and fact patterns alike. */
static bool in_negation(const tokstate *s)
{
	return (s->flags & F_NEGATED) && !(s->flags & F_NO_NEGATE);
}

static float contribution(avis_scorer *sc, const char *text, size_t i, float *boost_out)
{
	tokstate *s = &sc->ts[i];
	float v = s->val;
	*boost_out = 0;
	if (v == 0)
		return 0;
	float b = boost_of(sc, text, i);
	if (s->flags & F_ELONGATED)
		v += sign(v) * (float)ELONGATION_INCR;
	if (s->flags & F_CAPS)
		v += sign(v) * (float)CAPS_INCR;
	v += sign(v) * b;
	*boost_out = b;
	if (in_negation(s))
		v *= (float)NEGATION_SCALAR;
	else
		s->flags &= (uint8_t)~F_NEGATED;
	return v;
}

static bool ends_sentence(const avis_scorer *sc, const char *text, size_t i)
{
	const avis_token *u = &sc->tk.v[i];
	return u->kind == AVIS_TOK_BREAK || (u->kind == AVIS_TOK_PUNCT && avis_tok_ends_sentence(text + u->off, u->len));
}

/* A concession ("même si", "malgré", "although") weighs less than the
 * clause it concedes to: its own clause (to the next punctuation) x0.5,
 * the rest of its sentence x1.5. */
static void weigh_concession(avis_scorer *sc, const char *text, size_t i)
{
	size_t n = sc->tk.n, start = i, end = i + 1;
	while (start > 0 && !ends_sentence(sc, text, start - 1))
		start--;
	while (end < n && !ends_clause(sc, text, end))
		end++;
	for (size_t k = start; k < n && !ends_sentence(sc, text, k); k++)
		sc->ts[k].weight = k > i && k < end ? 0.5f : 1.5f;
}

/* Assign sentences and contrast weights. Returns the sentence count. */
static size_t sentences_and_contrast(avis_scorer *sc, const char *text)
{
	size_t n = sc->tk.n, sent = 0, sent_start = 0, prev_start = 0;
	bool content = false;
	for (size_t i = 0; i < n; i++) {
		sc->ts[i].sentence = (uint32_t)sent;
		if (sc->ts[i].role == AVIS_ROLE_CONTRAST) {
			size_t from = content ? sent_start : prev_start;
			for (size_t k = from; k < i; k++)
				sc->ts[k].weight *= 0.5f;
			for (size_t k = i + 1; k < n; k++) {
				if (ends_sentence(sc, text, k))
					break;
				sc->ts[k].weight = 1.5f;
			}
		}
		if (sc->ts[i].role == AVIS_ROLE_CONCEDE)
			weigh_concession(sc, text, i);
		if (ends_sentence(sc, text, i)) {
			if (content) {
				sent++;
				prev_start = sent_start;
			}
			sent_start = i + 1;
			content = false;
		} else {
			content = true;
		}
	}
	size_t nsent = content || sent == 0 ? sent + 1 : sent;
	/* Sentence ends after the last words ("Super. .") belong to the
	 * last sentence: no token may index past the sentences counted. */
	for (size_t i = n; i > 0 && sc->ts[i - 1].sentence >= nsent; i--)
		sc->ts[i - 1].sentence = (uint32_t)(nsent - 1);
	return nsent;
}

static size_t count_bangs(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '!';
	return n;
}

static double normalise(double s)
{
	double x = s / sqrt(s * s + NORM_ALPHA);
	return x < -1 ? -1 : x > 1 ? 1 : x;
}

static double round3(double x)
{
	return round(x * 1000) / 1000;
}

/* VADER's valence mass: positive, negative, neutral words. */
typedef struct {
	double pos, neg, neu;
} mass;

static void add_mass(mass *m, double v)
{
	if (v > 0)
		m->pos += v;
	else
		m->neg += v;
}

/* Look up, phrases, patterns, negation scopes, sentences and contrast:
 * everything the contributions depend on.  Returns the sentence count. */
static size_t analyse(avis_scorer *sc, avis_lexicon *lx, const char *text, size_t len, const char *orig, size_t olen)
{
	avis_tokenize(text, len, &sc->tk);
	size_t n = sc->tk.n;
	if (n > sc->capts) {
		sc->capts = n;
		sc->ts = avis_xrealloc(sc->ts, n * sizeof *sc->ts);
	}
	find_caps(sc, orig, olen);
	if (lx->req_words > sc->capliterals) {
		sc->capliterals = lx->req_words;
		sc->literals = avis_xrealloc(sc->literals, sc->capliterals * sizeof *sc->literals);
	}
	avis_lexicon_literals_init(lx, sc->literals);
	for (size_t i = 0; i < n; i++) {
		sc->ts[i] = (tokstate){.weight = 1, .phrase = -1, .entry = -1};
		if (sc->tk.v[i].kind != AVIS_TOK_BREAK)
			look_up(sc, lx, text, i);
	}
	for (size_t i = 0; i < n;)
		i += sc->ts[i].phrase >= 0 ? apply_phrase(sc, lx, i) : 1;
	apply_patterns(sc, lx, text, len);
	mark_negations(sc, text);
	size_t nsent = sentences_and_contrast(sc, text);
	if (nsent > sc->capsent) {
		sc->capsent = nsent;
		sc->sent_sum = avis_xrealloc(sc->sent_sum, nsent * sizeof *sc->sent_sum);
	}
	memset(sc->sent_sum, 0, nsent * sizeof *sc->sent_sum);
	return nsent;
}

/* A pattern's valence, negated when a negator before it has it in scope
 * ("jamais à l'heure"). */
static float pattern_value(const tokstate *s)
{
	return s->extra * (in_negation(s) ? (float)NEGATION_SCALAR : 1.0f);
}

static void explain_pattern(avis_buf *ex, const avis_lexicon *lx, const char *text, const tokstate *s)
{
	avis_buf_printf(ex, "  %+6.3f  pattern \"%.*s\" %+.2f (%s:%u)", pattern_value(s) * s->weight,
			(int)s->extra_len, text + s->extra_off, s->extra, base_name(lx->files[s->extra_src.file]),
			(unsigned)s->extra_src.line);
	if (in_negation(s))
		avis_buf_printf(ex, " negated x%.2f", NEGATION_SCALAR);
	avis_buf_printf(ex, "%s\n", s->weight != 1 ? (s->weight > 1 ? " contrast x1.5" : " contrast x0.5") : "");
}

/* Every token's contribution, into its sentence's sum and the mass. */
static void sum_contributions(avis_scorer *sc, avis_lexicon *lx, const char *text, mass *m, avis_buf *explain)
{
	for (size_t i = 0; i < sc->tk.n; i++) {
		tokstate *s = &sc->ts[i];
		float boost;
		s->out = contribution(sc, text, i, &boost) * s->weight;
		float total = s->out + pattern_value(s) * s->weight;
		sc->sent_sum[s->sentence] += total;
		if (total != 0)
			add_mass(m, total + (total > 0 ? 1 : -1));
		else if (sc->tk.v[i].kind == AVIS_TOK_WORD && !(s->flags & F_COVERED))
			m->neu += 1;
		if (explain && s->extra != 0)
			explain_pattern(explain, lx, text, s);
		if (explain && s->out != 0)
			explain_token(explain, lx, text, &sc->tk.v[i], s, boost);
	}
}

/* Exclamation marks emphasise their sentence, in its direction. */
static void add_exclamations(avis_scorer *sc, const char *text, mass *m, avis_buf *explain)
{
	for (size_t i = 0; i < sc->tk.n; i++) {
		const avis_token *t = &sc->tk.v[i];
		if (t->kind != AVIS_TOK_PUNCT)
			continue;
		size_t bangs = count_bangs(text + t->off, t->len);
		double *ss = &sc->sent_sum[sc->ts[i].sentence];
		if (!bangs || *ss == 0)
			continue;
		if (bangs > MAX_EXCLAMATIONS)
			bangs = MAX_EXCLAMATIONS;
		double e = (*ss > 0 ? 1 : -1) * (double)bangs * EXCLAMATION_INCR;
		*ss += e;
		add_mass(m, e);
		if (explain)
			avis_buf_printf(explain, "  %+6.3f  exclamation \"%.*s\"\n", e, (int)t->len, text + t->off);
	}
}

/* Each aspect's score: the mean normalised score of the sentences that
 * hold one of its cues. */
static void score_aspects(const avis_scorer *sc, const avis_lexicon *lx, avis_sentiment *out)
{
	double acc[AVIS_MAX_ASPECTS] = {0};
	unsigned cnt[AVIS_MAX_ASPECTS] = {0};
	uint32_t seen = 0;
	size_t n = sc->tk.n;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || (i > 0 && sc->ts[i].sentence != sc->ts[i - 1].sentence)) {
			double ss = i > 0 ? normalise(sc->sent_sum[sc->ts[i - 1].sentence]) : 0;
			for (size_t a = 0; a < lx->naspects; a++)
				if (seen & (1u << a)) {
					acc[a] += ss;
					cnt[a]++;
				}
			seen = 0;
			if (i == n)
				break;
		}
		seen |= sc->ts[i].aspects;
	}
	for (size_t a = 0; a < lx->naspects; a++)
		if (cnt[a]) {
			out->aspect[a] = round3(acc[a] / cnt[a]);
			out->aspects_seen |= 1u << a;
		}
}

static bool has_words(const avis_scorer *sc)
{
	for (size_t i = 0; i < sc->tk.n; i++)
		if (sc->tk.v[i].kind == AVIS_TOK_WORD || sc->tk.v[i].kind == AVIS_TOK_SYMBOL)
			return true;
	return false;
}

void avis_score_text(avis_scorer *sc, avis_lexicon *lx, const char *text, size_t len, const char *orig,
		     size_t olen, avis_sentiment *out, avis_buf *explain)
{
	memset(out, 0, sizeof *out);
	size_t nsent = analyse(sc, lx, text, len, orig, olen);
	mass m = {0, 0, 0};
	sum_contributions(sc, lx, text, &m, explain);
	add_exclamations(sc, text, &m, explain);
	double sum = 0;
	for (size_t k = 0; k < nsent; k++)
		sum += sc->sent_sum[k];
	out->sum = sum;
	if (has_words(sc)) {
		sum -= AVIS_REVIEW_PRIOR;
		if (explain)
			avis_buf_printf(explain, "  %+6.3f  review prior\n", -AVIS_REVIEW_PRIOR);
	}
	score_aspects(sc, lx, out);
	out->score = round3(normalise(sum));
	out->label = avis_sentiment_label(out->score);
	double total = m.pos - m.neg + m.neu;
	if (total > 0) {
		out->pos = round3(m.pos / total);
		out->neg = round3(-m.neg / total);
		out->neu = round3(m.neu / total);
	} else {
		out->neu = 1;
	}
	if (explain)
		avis_buf_printf(explain, "  sum %+.3f over %zu sentence%s -> score %+.3f (%s; pos >= %.2f, neg <= %.2f)\n",
				sum, nsent, nsent == 1 ? "" : "s", out->score, out->label, AVIS_POS_THRESHOLD,
				AVIS_NEG_THRESHOLD);
}
