/* text — clean and folded text forms; see text.h. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <utf8proc.h>

/* What a folded code point is, for the tokens of the folded text. */
enum cls { C_WORD, C_DIGIT, C_SPACE, C_BREAK, C_PUNCT, C_SYMBOL };

/* Folding a Latin letter always gives the same few code points: they are
 * asked of utf8proc once and remembered here. */
enum { FOLD_CACHE_SIZE = 0x250, FOLD_CACHE_WIDTH = 4 };

struct avis_text {
	avis_charset *cs;
	int32_t fold_cache[FOLD_CACHE_SIZE][FOLD_CACHE_WIDTH];
	unsigned char fold_cached[FOLD_CACHE_SIZE];   /* 0 unknown, else count + 1 */
	avis_buf tmp;        /* intermediate clean text */
	avis_buf tmp2;
	unsigned char ascii_cls[128];  /* ascii_class of each, tabulated */
};

static unsigned char ascii_class(int32_t cp);

avis_text *avis_text_new(avis_charset *cs)
{
	avis_text *t = avis_xmalloc(sizeof *t);
	memset(t, 0, sizeof *t);
	t->cs = cs;
	for (int32_t b = 0; b < 128; b++)
		t->ascii_cls[b] = ascii_class(b);
	return t;
}

void avis_text_free(avis_text *t)
{
	if (!t)
		return;
	avis_buf_free(&t->tmp);
	avis_buf_free(&t->tmp2);
	free(t);
}

void avis_offmap_free(avis_offmap *m)
{
	free(m->src);
	m->src = NULL;
	m->len = m->cap = 0;
}

/* ---- clean text --------------------------------------------------- */

static bool is_line_break(int32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 ||
	       cp == 0x2028 || cp == 0x2029;
}

static bool is_hspace(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || cp == '\t';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Invisible characters that only get in the way of reading and matching.
 * Joiners and variation selectors are kept: emoji sequences need them. */
static bool is_invisible_junk(int32_t cp)
{
	return cp == 0x200B || cp == 0xFEFF || cp == 0x00AD || cp == 0x2060 ||
	       cp == 0x200E || cp == 0x200F;
}

static int32_t unify_quote(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032:
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
		return '"';
	default:
		return cp;
	}
}

/* Decode the entity starting at s[0] == '&'; returns its length and sets
 * *cp, or 0 when it is not a well-formed known entity. */
static size_t decode_entity(const char *s, size_t left, int32_t *cp)
{
	size_t i = 1;
	if (left > 2 && s[1] == '#') {
		int base = 10;
		i = 2;
		if (i < left && (s[i] == 'x' || s[i] == 'X')) {
			base = 16;
			i++;
		}
		long v = 0;
		size_t start = i;
		while (i < left && i - start < 8) {
			char c = s[i];
			int d = c >= '0' && c <= '9' ? c - '0'
			      : base == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10
			      : base == 16 && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0)
				break;
			v = v * base + d;
			i++;
		}
		if (i == start || i >= left || s[i] != ';' || v == 0 ||
		    !utf8proc_codepoint_valid((utf8proc_int32_t)v))
			return 0;
		*cp = (int32_t)v;
		return i + 1;
	}
	char name[16];
	while (i < left && i - 1 < sizeof name - 1 &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		(s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i == 1 || i >= left || s[i] != ';')
		return 0;
	memcpy(name, s + 1, i - 1);
	name[i - 1] = '\0';
	if (strcmp(name, "apos") == 0) { /* XML's, not in the HTML 4 table */
		*cp = '\'';
		return i + 1;
	}
	const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
	if (!e)
		return 0;
	*cp = (int32_t)e->value;
	return i + 1;
}

typedef struct {
	avis_buf *out;
	int pending;     /* 0 none, 1 space, 2 line break */
	bool started;
} ws_state;

static void emit_cp(ws_state *ws, int32_t cp)
{
	if (is_line_break(cp)) {
		ws->pending = 2;
		return;
	}
	if (is_hspace(cp)) {
		if (ws->pending < 1)
			ws->pending = 1;
		return;
	}
	if (ws->started && ws->pending)
		avis_buf_putc(ws->out, ws->pending == 2 ? '\n' : ' ');
	ws->pending = 0;
	ws->started = true;
	avis_buf_put_cp(ws->out, cp);
}

/* Entities, quotes, controls, junk and white space, in one pass. */
static void clean_pass(avis_text *t, const char *s, size_t len, avis_buf *out, unsigned *fixes)
{
	ws_state ws = {out, 0, false};
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		/* Fast path: printable ASCII other than '&' is kept as it is. */
		if (c > ' ' && c < 0x7F && c != '&') {
			if (ws.started && ws.pending)
				avis_buf_putc(out, ws.pending == 2 ? '\n' : ' ');
			ws.pending = 0;
			ws.started = true;
			avis_buf_putc(out, (char)c);
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {   /* cannot happen on validated input; never loop */
			cp = 0xFFFD;
			n = 1;
		}
		if (cp == '&') {
			int32_t ecp;
			size_t elen = decode_entity(s + i, len - i, &ecp);
			if (elen) {
				*fixes |= AVIS_FIX_ENTITY;
				cp = ecp;
				n = (utf8proc_ssize_t)elen;
			}
		}
		i += (size_t)n;
		if (cp >= 0x80 && cp <= 0x9F && cp != 0x85) {
			int32_t meant = avis_cp1252_decode(t->cs, (unsigned char)cp);
			*fixes |= AVIS_FIX_CHARSET;
			if (meant < 0)
				continue;
			cp = meant;
		}
		if (cp == '\r' && i < len && s[i] == '\n')
			continue;       /* CRLF is one break */
		if (is_invisible_junk(cp))
			continue;
		if (!is_line_break(cp) && cp != '\t' &&
		    utf8proc_category(cp) == UTF8PROC_CATEGORY_CC)
			continue;
		emit_cp(&ws, unify_quote(cp));
	}
}

static bool all_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

void avis_text_clean(avis_text *t, const char *s, size_t len, avis_buf *out, unsigned *fixes)
{
	*fixes = 0;
	/* Mojibake is looked for before cleaning (white space cleaning would
	 * break "Â" + no-break space) and again after (C1 controls and curly
	 * quotes mixed with mojibake only round-trip once cleaned), so that
	 * cleaning twice gives what cleaning once gave. */
	if (avis_fix_mojibake(t->cs, s, len, &t->tmp2)) {
		*fixes |= AVIS_FIX_CHARSET;
		s = t->tmp2.data;
		len = t->tmp2.len;
	}
	avis_buf_clear(&t->tmp);
	clean_pass(t, s, len, &t->tmp, fixes);
	if (avis_fix_mojibake(t->cs, t->tmp.data, t->tmp.len, &t->tmp2)) {
		*fixes |= AVIS_FIX_CHARSET;
		avis_buf_clear(&t->tmp);
		clean_pass(t, t->tmp2.data, t->tmp2.len, &t->tmp, fixes);
	}
	avis_buf_clear(out);
	if (all_ascii(t->tmp.data ? t->tmp.data : "", t->tmp.len)) {
		avis_buf_put(out, t->tmp.data, t->tmp.len);
		return;
	}
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)t->tmp.data,
					  (utf8proc_ssize_t)t->tmp.len, &nfc,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)   /* only on invalid input or no memory: keep unnormalised */
		avis_buf_put(out, t->tmp.data, t->tmp.len);
	else
		avis_buf_put(out, nfc, (size_t)n);
	free(nfc);
}

/* ---- folded text -------------------------------------------------- */

/* The class of each ASCII character, as classify gives it (controls
 * other than line breaks and tab are C_CONTROL: dropped). */
enum { C_CONTROL = 0xFF };
static unsigned char ascii_class(int32_t cp)
{
	if (cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C)
		return C_BREAK;
	if (cp == ' ' || cp == '\t')
		return C_SPACE;
	if (cp < 0x20 || cp == 0x7F)
		return C_CONTROL;
	if (cp >= '0' && cp <= '9')
		return C_DIGIT;
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return C_WORD;
	return C_PUNCT;
}

/* The class of a folded code point; C_CONTROL: it is dropped. */
static unsigned char classify(const avis_text *t, int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return t->ascii_cls[cp];
	if (is_line_break(cp))
		return C_BREAK;
	if (is_hspace(cp))
		return C_SPACE;
	utf8proc_category_t c = utf8proc_category(cp);
	if (c == UTF8PROC_CATEGORY_CC)
		return C_CONTROL;  /* controls have no place in matching text */
	return c == UTF8PROC_CATEGORY_ND ? C_DIGIT
	     : (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO) ? C_WORD
	     : (c >= UTF8PROC_CATEGORY_ZS && c <= UTF8PROC_CATEGORY_ZP) ? C_SPACE
	     : c == UTF8PROC_CATEGORY_SO ? C_SYMBOL : C_PUNCT;
}

#define FOLD_OPTS (UTF8PROC_CASEFOLD | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | \
		   UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_IGNORE)

/* Fold one code point; returns how many code points it became (at most
 * 64: a decomposition of 32 with every one a ligature spelled in two). */
static utf8proc_ssize_t fold_one(int32_t cp, int32_t out[64])
{
	int32_t dec[32];
	int last_boundclass = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, dec, 32, FOLD_OPTS, &last_boundclass);
	if (n < 0 || n > 32) {
		out[0] = cp;
		return 1;
	}
	/* Recompose what stripping marks left (Hangul jamo, for one). */
	if (n > 1)
		n = utf8proc_normalize_utf32(dec, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	utf8proc_ssize_t k = 0;
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		/* Ligatures Unicode does not decompose but readers do. */
		if (dec[i] == 0x0153 || dec[i] == 0x00E6) {
			out[k++] = dec[i] == 0x0153 ? 'o' : 'a';
			out[k++] = 'e';
		} else {
			out[k++] = dec[i];
		}
	}
	return k;
}

/* What a non-ASCII code point folds to (the cache remembers Latin). */
static utf8proc_ssize_t fold_cp(avis_text *t, int32_t cp, int32_t dec[64])
{
	if (cp < FOLD_CACHE_SIZE && t->fold_cached[cp]) {
		int n = t->fold_cached[cp] - 1;
		memcpy(dec, t->fold_cache[cp], (size_t)n * sizeof *dec);
		return n;
	}
	utf8proc_ssize_t n = fold_one(cp, dec);
	if (cp < FOLD_CACHE_SIZE && n < FOLD_CACHE_WIDTH) {
		memcpy(t->fold_cache[cp], dec, (size_t)n * sizeof *dec);
		t->fold_cached[cp] = (unsigned char)(n + 1);
	}
	return n;
}

/* Room in out and map for most more bytes. */
static void out_reserve(avis_buf *out, avis_offmap *map, size_t most)
{
	avis_buf_reserve(out, most);
	if (map && map->len + most + 1 > map->cap) {
		map->cap = map->len + most + 1 > 256 ? (map->len + most + 1) * 2 : 256;
		map->src = avis_xrealloc(map->src, map->cap * sizeof *map->src);
	}
}

/* A code point other than ASCII, with room made as needed. */
static void out_wide(avis_buf *out, avis_offmap *map, int32_t cp, uint32_t src)
{
	size_t before = out->len;
	avis_buf_put_cp(out, cp);
	if (!map)
		return;
	size_t need = map->len + (out->len - before);
	if (need > map->cap) {
		map->cap = need * 2 > 256 ? need * 2 : 256;
		map->src = avis_xrealloc(map->src, map->cap * sizeof *map->src);
	}
	while (map->len < need)
		map->src[map->len++] = src;
}

static inline void out_cp(avis_buf *out, avis_offmap *map, int32_t cp, uint32_t src)
{
	if (cp >= 0 && cp < 0x80) {  /* room made by out_reserve */
		out->data[out->len++] = (char)cp;
		if (map)
			map->src[map->len++] = src;
		return;
	}
	out_wide(out, map, cp, src);
}

/* The folded text is written as its code points come: words, runs of
 * punctuation and single symbols (emoji) are tokens, separated by one
 * space, or a line break where the source had one.  A code point that
 * may join two words is held until the next one tells. */
enum kind { K_NONE, K_WORD, K_PUNCT, K_SYMBOL };
typedef struct {
	avis_buf *out;
	avis_offmap *map;
	enum kind last;       /* of the last token written */
	int pending;          /* white space since it: 1 space, 2 line break */
	uint32_t pending_src;
	unsigned char prev_cls;       /* of the code point before, of any class */
	unsigned char held_prev_cls;  /* of the one before the held joiner */
	bool has_held;
	int32_t held;         /* a joiner (punctuation) waiting for the next one */
	uint32_t held_src;
} fold_writer;

static inline void put_token_cp(fold_writer *w, int32_t cp, uint32_t src, enum kind kind)
{
	/* a new token, or white space inside one: a separator first */
	if (w->last != K_NONE && (w->pending || kind != w->last || kind == K_SYMBOL))
		out_cp(w->out, w->map, w->pending == 2 ? '\n' : ' ', w->pending ? w->pending_src : src);
	w->pending = 0;
	out_cp(w->out, w->map, cp, src);
	w->last = kind;
}

static bool joins(unsigned char prev_cls, int32_t cp, unsigned char next_cls)
{
	bool prev_word = prev_cls == C_WORD || prev_cls == C_DIGIT;
	bool next_word = next_cls == C_WORD || next_cls == C_DIGIT;
	if (cp == '\'' || cp == '-')
		return prev_word && next_word;
	return prev_cls == C_DIGIT && next_cls == C_DIGIT;
}

static void release_held(fold_writer *w, unsigned char next_cls)
{
	bool j = joins(w->held_prev_cls, w->held, next_cls);
	put_token_cp(w, w->held, w->held_src, j ? K_WORD : K_PUNCT);
	w->has_held = false;
}

static inline void feed(fold_writer *w, int32_t cp, uint32_t src, unsigned char cls)
{
	if (w->has_held)
		release_held(w, cls);
	if (cls == C_WORD || cls == C_DIGIT) {
		if (w->last == K_WORD && !w->pending)   /* inside a word */
			out_cp(w->out, w->map, cp, src);
		else
			put_token_cp(w, cp, src, K_WORD);
	} else if (cls == C_SPACE || cls == C_BREAK) {
		int want = cls == C_BREAK ? 2 : 1;
		if (want > w->pending) {
			w->pending = want;
			w->pending_src = src;
		}
	} else if (cls == C_PUNCT && (cp == '\'' || cp == '-' || cp == '.' || cp == ',' || cp == ':' ||
				      cp == '/')) {
		/* may join two words (text.h): the next code point tells */
		w->held = cp;
		w->held_src = src;
		w->held_prev_cls = w->prev_cls;
		w->has_held = true;
	} else {
		put_token_cp(w, cp, src, cls == C_SYMBOL ? K_SYMBOL : K_PUNCT);
	}
	w->prev_cls = cls;
}

/* Copy the ASCII letters and digits from s[i] on, inside a word being
 * written; returns where they end. */
static size_t ascii_word_run(const avis_text *t, const char *s, size_t i, size_t len, fold_writer *w)
{
	avis_buf *out = w->out;
	avis_offmap *map = w->map;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b >= 0x80)
			break;
		unsigned char cls = t->ascii_cls[b];
		if (cls != C_WORD && cls != C_DIGIT)
			break;
		out->data[out->len++] = (char)((b >= 'A' && b <= 'Z') ? b + 32 : b);
		if (map)
			map->src[map->len++] = (uint32_t)i;
		w->prev_cls = cls;
		i++;
	}
	return i;
}

void avis_text_fold(avis_text *t, const char *s, size_t len, avis_buf *out, avis_offmap *map)
{
	avis_buf_clear(out);
	if (map)
		map->len = 0;
	/* An ASCII byte writes at most two bytes (a separator and itself);
	 * other code points make room for what they fold to. */
	out_reserve(out, map, len * 2);
	/* as if after a space: nothing joins at the very start */
	fold_writer w = {out, map, K_NONE, 0, 0, C_SPACE, C_SPACE, false, 0, 0};
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {         /* most of a French text */
			unsigned char cls = t->ascii_cls[b];
			if (cls != C_CONTROL)
				feed(&w, (b >= 'A' && b <= 'Z') ? b + 32 : b, (uint32_t)i, cls);
			i++;
			/* the rest of an ASCII word goes straight out */
			if (w.last == K_WORD && !w.pending && !w.has_held)
				i = ascii_word_run(t, s, i, len, &w);
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			cp = 0xFFFD;
			n = 1;
		}
		int32_t dec[64];
		utf8proc_ssize_t k = fold_cp(t, cp, dec);
		/* four bytes and a separator each, the rest of the text as above,
		 * and a held joiner */
		out_reserve(out, map, (size_t)k * 5 + (len - i) * 2 + 2);
		for (utf8proc_ssize_t j = 0; j < k; j++) {
			unsigned char cls = classify(t, dec[j]);
			if (cls != C_CONTROL)
				feed(&w, dec[j], (uint32_t)i, cls);
		}
		i += (size_t)n;
	}
	if (w.has_held)
		release_held(&w, C_SPACE);  /* nothing after: no join */
	out->data[out->len] = '\0';
}

/* ---- glued words -------------------------------------------------------- */

static utf8proc_category_t category_at(const char *s, size_t len, size_t i, size_t *n)
{
	unsigned char b = (unsigned char)s[i];
	if (b < 0x80) { /* most of a French text: no need to decode */
		*n = 1;
		return b >= 'a' && b <= 'z' ? UTF8PROC_CATEGORY_LL
		       : b >= 'A' && b <= 'Z' ? UTF8PROC_CATEGORY_LU
					      : UTF8PROC_CATEGORY_PO;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
	*n = k > 0 ? (size_t)k : 1;
	return k > 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
}

bool avis_text_unglue(const char *s, size_t len, avis_buf *out)
{
	bool glued = false;
	size_t lower_run = 0, copied = 0, i = 0;
	while (i < len) {
		size_t n;
		utf8proc_category_t c = category_at(s, len, i, &n);
		if (c == UTF8PROC_CATEGORY_LU && lower_run >= 2 && i + n < len) {
			size_t m;
			if (category_at(s, len, i + n, &m) == UTF8PROC_CATEGORY_LL) {
				if (!glued)
					avis_buf_clear(out);
				avis_buf_put(out, s + copied, i - copied);
				avis_buf_putc(out, ' ');
				copied = i;
				glued = true;
			}
		}
		lower_run = c == UTF8PROC_CATEGORY_LL ? lower_run + 1 : 0;
		i += n;
	}
	if (glued)
		avis_buf_put(out, s + copied, len - copied);
	return glued;
}
