#define _GNU_SOURCE /* memmem */
/* reqlit — the literal strings a regular expression cannot match without;
 * see reqlit.h.
 *
 * Each part of the pattern gets an `info`: either the exact set of the
 * strings it can match (small sets only: "ab?" is {"a", "ab"}), or a
 * conjunction of clauses, each a set of literals one of which every match
 * contains.  A sequence joins runs of exact parts into longer literals
 * and keeps the other parts' clauses (the most selective few);
 * alternation unites the two sides' best clauses. */
#define _GNU_SOURCE   /* memmem */
#include "reqlit.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

enum {
	EXACT_MAX = 64,   /* strings in an exact set */
	REQ_MAX = 256,    /* literals in a clause */
	CLAUSE_MAX = 4,   /* clauses kept for one part */
	LIT_MAX = 64,     /* bytes of one literal */
	CLASS_MAX = 8,    /* characters of a class read as an exact set */
	DEPTH_MAX = 100,  /* nested groups */
	REPEAT_MAX = 8,   /* copies of a repeated exact atom joined */
	/* strings of a concatenation kept exact with AVIS_REQLIT_ONE_SPACE:
	 * phrases then join into long literals, and past this many the
	 * scanner's automaton grows more than the prefilter gains */
	PRODUCT_MAX = 16,
};

typedef struct {
	char **s;
	size_t n;
	size_t cap;       /* room in s; 0 for a set made from an avis_litset */
} strset;

/* What is known of the strings a part of the pattern matches: exact, the
 * set of them; else a conjunction of clauses, each a set of literals one
 * of which every match contains (no clause: nothing known). */
typedef struct {
	bool exact;
	strset set;
	strset *clause;
	size_t nclauses;
} info;

typedef struct {
	const char *p, *end;
	bool caseless;    /* literals in ASCII lower case; others unknown */
	bool one_space;   /* AVIS_REQLIT_ONE_SPACE: \s is " " */
	bool bad;         /* beyond this reader: the pattern requires nothing */
	bool space_atom;  /* the atom just read is \s, read as " " */
	size_t product_max; /* strings of an exact concatenation */
	int depth;
} reader;

/* ---- sets of strings ---------------------------------------------------- */

static bool set_has(const strset *s, const char *x, size_t len)
{
	/* x holds no NUL: once the first len bytes are equal, s->s[i] is
	 * at least len long and its byte len can be read */
	for (size_t i = 0; i < s->n; i++)
		if ((!len || s->s[i][0] == x[0]) && strncmp(s->s[i], x, len) == 0 && s->s[i][len] == '\0')
			return true;
	return false;
}

static void set_add(strset *s, const char *x, size_t len)
{
	if (set_has(s, x, len))
		return;
	if (s->n >= s->cap) {
		s->cap = s->n >= 4 ? 2 * s->n : 4;
		s->s = avis_xrealloc(s->s, s->cap * sizeof *s->s);
	}
	s->s[s->n++] = avis_xstrndup(x, len);
}

static void set_free(strset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->s[i]);
	free(s->s);
	s->s = NULL;
	s->n = s->cap = 0;
}

/* Does h hold n?  Literals are short (LIT_MAX): a plain loop costs less
 * than setting memmem up for each of the many pairs minimise tries. */
static bool contains(const char *h, size_t hl, const char *n, size_t nl)
{
	if (nl == 0)
		return true;
	for (size_t p = 0; p + nl <= hl; p++)
		if (h[p] == n[0] && memcmp(h + p, n, nl) == 0)
			return true;
	return false;
}

/* Drop every literal that contains another one: when the longer is
 * present, so is the shorter, and the clause is the same. */
static void minimise(strset *s)
{
	bool *drop = avis_xcalloc(s->n ? s->n : 1, sizeof *drop);
	size_t *len = avis_xcalloc(s->n ? s->n : 1, sizeof *len);
	/* which bytes (modulo 64) each holds: a literal with a byte another
	 * lacks cannot be inside it, most pairs need no search */
	uint64_t *bytes = avis_xcalloc(s->n ? s->n : 1, sizeof *bytes);
	for (size_t i = 0; i < s->n; i++) {
		len[i] = strlen(s->s[i]);
		for (size_t k = 0; k < len[i]; k++)
			bytes[i] |= UINT64_C(1) << ((unsigned char)s->s[i][k] & 63);
	}
	for (size_t i = 0; i < s->n; i++)
		for (size_t j = 0; j < s->n && !drop[i]; j++)
			drop[i] = len[j] < len[i] && !(bytes[j] & ~bytes[i]) &&
				  contains(s->s[i], len[i], s->s[j], len[j]);
	free(bytes);
	free(len);
	size_t kept = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (drop[i])
			free(s->s[i]);
		else
			s->s[kept++] = s->s[i];
	}
	s->n = kept;
	free(drop);
}

static size_t shortest(const strset *s)
{
	size_t m = SIZE_MAX;
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->s[i]) < m)
			m = strlen(s->s[i]);
	return m;
}

/* Is clause a more selective than b?  A longer shortest literal first
 * (short words are everywhere), then fewer literals. */
static bool better(const strset *a, const strset *b)
{
	size_t la = shortest(a), lb = shortest(b);
	return la != lb ? la > lb : a->n < b->n;
}

/* ---- infos -------------------------------------------------------------- */

static info any(void)
{
	return (info){false, {NULL, 0, 0}, NULL, 0};
}

static info literal(const char *x, size_t len)
{
	info i = any();
	i.exact = true;
	set_add(&i.set, x, len);
	return i;
}

static info empty(void)
{
	return literal("", 0);
}

static void info_free(info *i)
{
	set_free(&i->set);
	for (size_t k = 0; k < i->nclauses; k++)
		set_free(&i->clause[k]);
	free(i->clause);
	*i = any();
}

/* Add clause c (consumed) to i, keeping the CLAUSE_MAX best.  minimal:
 * c is a clause of another info, minimised when it was added there. */
static void add_clause(info *i, strset c, bool minimal)
{
	if (c.n == 0 || set_has(&c, "", 0) || c.n > REQ_MAX) {
		set_free(&c);
		return;
	}
	if (!minimal)
		minimise(&c);
	if (i->nclauses < CLAUSE_MAX) {
		i->clause = avis_xrealloc(i->clause, (i->nclauses + 1) * sizeof *i->clause);
		i->clause[i->nclauses++] = c;
		return;
	}
	size_t worst = 0;
	for (size_t k = 1; k < i->nclauses; k++)
		if (better(&i->clause[worst], &i->clause[k]))
			worst = k;
	if (better(&c, &i->clause[worst])) {
		set_free(&i->clause[worst]);
		i->clause[worst] = c;
	} else {
		set_free(&c);
	}
}

/* i as clauses (consumed): an exact set becomes one clause. */
static info requirement(info i)
{
	if (!i.exact)
		return i;
	strset c = i.set;
	i = any();
	add_clause(&i, c, false);
	return i;
}

/* The conjunction of a and b (consumed). */
static info both(info a, info b)
{
	a = requirement(a);
	b = requirement(b);
	for (size_t k = 0; k < b.nclauses; k++)
		add_clause(&a, b.clause[k], true);
	free(b.clause);
	return a;
}

/* a followed by b: exact while the product stays small. */
static info concat(const reader *rd, info a, info b)
{
	/* the common case, a word read one character at a time: its one
	 * string grows in place rather than being copied at each step */
	if (a.exact && b.exact && a.set.n == 1 && b.set.n == 1) {
		size_t la = strlen(a.set.s[0]), lb = strlen(b.set.s[0]);
		if (la + lb <= LIT_MAX) {
			a.set.s[0] = avis_xrealloc(a.set.s[0], la + lb + 1);
			memcpy(a.set.s[0] + la, b.set.s[0], lb + 1);
			info_free(&b);
			return a;
		}
	}
	if (a.exact && b.exact && a.set.n * b.set.n <= rd->product_max) {
		info r = any();
		r.exact = true;
		char tmp[2 * LIT_MAX + 1];
		bool fits = true;
		for (size_t i = 0; i < a.set.n && fits; i++)
			for (size_t j = 0; j < b.set.n && fits; j++) {
				size_t la = strlen(a.set.s[i]), lb = strlen(b.set.s[j]);
				fits = la + lb <= LIT_MAX;
				if (fits) {
					memcpy(tmp, a.set.s[i], la);
					memcpy(tmp + la, b.set.s[j], lb);
					set_add(&r.set, tmp, la + lb);
				}
			}
		if (fits) {
			info_free(&a);
			info_free(&b);
			return r;
		}
		info_free(&r);
	}
	return both(a, b);
}

/* The best clause of i (consumed), or an empty set. */
static strset best_clause(info i)
{
	i = requirement(i);
	strset best = {NULL, 0, 0};
	for (size_t k = 0; k < i.nclauses; k++) {
		if (!best.n || better(&i.clause[k], &best)) {
			set_free(&best);
			best = i.clause[k];
		} else {
			set_free(&i.clause[k]);
		}
	}
	free(i.clause);
	return best;
}

/* a or b: exact while small, else one clause, the union of each side's
 * best clause. */
static info alternative(info a, info b)
{
	if (a.exact && b.exact && a.set.n + b.set.n <= EXACT_MAX) {
		for (size_t i = 0; i < b.set.n; i++)
			set_add(&a.set, b.set.s[i], strlen(b.set.s[i]));
		info_free(&b);
		return a;
	}
	strset ca = best_clause(a), cb = best_clause(b);
	info r = any();
	if (ca.n && cb.n) {
		for (size_t i = 0; i < cb.n; i++)
			set_add(&ca, cb.s[i], strlen(cb.s[i]));
		add_clause(&r, ca, false);
	} else {
		set_free(&ca);
	}
	set_free(&cb);
	return r;
}

/* ---- reading the pattern ------------------------------------------------ */

static info bad(reader *r)
{
	r->bad = true;
	return any();
}

static size_t utf8_len(unsigned char lead)
{
	return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Past {...} if p is at one; false when the brace is not closed. */
static bool skip_braces(reader *r)
{
	if (r->p >= r->end || *r->p != '{')
		return true;
	const char *e = memchr(r->p, '}', (size_t)(r->end - r->p));
	if (!e)
		return false;
	r->p = e + 1;
	return true;
}

static info alternation(reader *r);

static bool ascii_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static char lower_ascii(char c)
{
	return ascii_upper(c) ? (char)(c - 'A' + 'a') : c;
}

static bool ascii_letter(char c)
{
	return ascii_upper(c) || (c >= 'a' && c <= 'z');
}

/* One character x (n bytes) of the pattern.  Caseless: an ASCII letter
 * stands for itself in lower case (see reqlit.h); another character may
 * have case variants this reader does not know. */
static info character(const reader *r, const char *x, size_t n)
{
	if (!r->caseless)
		return literal(x, n);
	if (n > 1)
		return any();
	char c = lower_ascii(*x);
	return literal(&c, 1);
}

/* \X outside a class. */
static info escape(reader *r)
{
	if (r->end - r->p < 2)
		return bad(r);
	char c = r->p[1];
	r->p += 2;
	if (!is_alnum(c)) {
		if ((unsigned char)c >= 0x80) {
			size_t n = utf8_len((unsigned char)c);
			if ((size_t)(r->end - r->p) < n - 1)
				return bad(r);
			r->p += n - 1;
			return character(r, r->p - n, n);
		}
		return character(r, &c, 1);
	}
	if (strchr("bBAzZGK", c))
		return empty();         /* zero-width */
	if (c == 's' && r->one_space) {
		r->space_atom = true;
		return literal(" ", 1);
	}
	if (strchr("dDwWsShHvVRXCntrfea", c))
		return any();           /* a class of characters, or a control one */
	if (c == 'p' || c == 'P') {  /* \pL, \p{Lu} */
		if (r->p < r->end && *r->p != '{')
			r->p++;
		else if (!skip_braces(r))
			return bad(r);
		return any();
	}
	return bad(r);                  /* \x, \N, \Q, \g, \k, \1, ...: not read */
}

/* Only ASCII letters from s to end (a POSIX class's name, "alpha"). */
static bool posix_name(const char *s, const char *end)
{
	for (; s < end; s++)
		if (!ascii_letter(*s))
			return false;
	return true;
}

/* [...]: a few plain characters are an exact set, anything else any
 * string of one character. */
static info char_class(reader *r)
{
	strset members = {NULL, 0, 0};
	r->p++;
	bool simple = true, first = true;
	if (r->p < r->end && *r->p == '^') {
		simple = false;
		r->p++;
	}
	for (;;) {
		if (r->p >= r->end) {
			set_free(&members);
			return bad(r);
		}
		if (*r->p == ']' && !first) {
			r->p++;
			break;
		}
		first = false;
		if (r->p[0] == '[' && r->end - r->p > 1 && strchr(":.=", r->p[1])) {
			/* [:name:] only when the first ']' after it closes
			 * ":name:" (PCRE2's reading): in "[[:])|(|:]]" the class
			 * is "[[:]", and "[:" is two members.  Anything else is
			 * not read (bounded: the pattern need not end with a NUL). */
			const char *e = memchr(r->p + 2, ']', (size_t)(r->end - (r->p + 2)));
			if (r->p[1] != ':' || !e || e - 1 <= r->p + 2 || e[-1] != ':' ||
			    !posix_name(r->p + 2, e - 1)) {
				set_free(&members);
				return bad(r);
			}
			simple = false;
			r->p = e + 1;
			continue;
		}
		const char *ch = r->p;
		size_t n;
		if (*r->p == '\\') {
			/* \cX is one character made of the next, whatever it
			 * is ("[\c]ab]" is one class): not read */
			if (r->end - r->p < 2 || r->p[1] == 'Q' || r->p[1] == 'E' || r->p[1] == 'c') {
				set_free(&members);
				return bad(r);
			}
			char c = r->p[1];
			r->p += 2;
			if (is_alnum(c)) {
				/* \d, \w...; only \p{..}, \x{..}, \o{..}, \N{..} own
				 * the brace after them: after \d it is a member */
				simple = false;
				if (strchr("pPxoN", c) && !skip_braces(r)) {
					set_free(&members);
					return bad(r);
				}
				continue;
			}
			ch++;
			n = utf8_len((unsigned char)c);
			if ((size_t)(r->end - ch) < n) {
				set_free(&members);
				return bad(r);
			}
			r->p = ch + n;
		} else {
			n = utf8_len((unsigned char)*r->p);
			if ((size_t)(r->end - r->p) < n) {
				set_free(&members);
				return bad(r);
			}
			r->p += n;
		}
		if (r->end - r->p > 1 && r->p[0] == '-' && r->p[1] != ']') {
			simple = false;         /* a range: skip its end */
			r->p++;
			bool braced = false;    /* \x{..}, \o{..}, \N{..} */
			if (*r->p == '\\') {
				if (r->end - r->p > 1 && r->p[1] == 'c') {
					set_free(&members);
					return bad(r);  /* \cX, as above */
				}
				braced = r->end - r->p > 1 && strchr("xoN", r->p[1]) && r->p[1];
				r->p += 2;
			} else {
				r->p += utf8_len((unsigned char)*r->p);
			}
			if (r->p > r->end || (braced && !skip_braces(r))) {
				set_free(&members);
				return bad(r);
			}
			continue;
		}
		if (r->caseless && n > 1) {
			simple = false;
		} else if (r->caseless && ascii_letter(*ch)) {
			char lower = lower_ascii(*ch);
			set_add(&members, &lower, 1);
		} else {
			set_add(&members, ch, n);
		}
	}
	if (!simple || members.n > CLASS_MAX || members.n == 0) {
		set_free(&members);
		return any();
	}
	info i = any();
	i.exact = true;
	i.set = members;
	return i;
}

/* Does q start the options of a group with options of its own, such as
 * (?-i:...)?  Not with x, which changes how the rest reads. */
static bool option_group(const char *q, const char *end)
{
	while (q < end && (ascii_letter(*q) || *q == '-' || *q == '^')) {
		if (*q == 'x')
			return false;
		q++;
	}
	return q < end && *q == ':';
}

/* (...) in its forms; r->p is past the '('. */
static info group(reader *r)
{
	bool zero_width = false, unknown = false;
	if (r->p < r->end && *r->p == '*')
		return bad(r);                  /* (*VERB), (*pla:...) */
	if (r->p < r->end && *r->p == '?') {
		const char *q = r->p + 1;
		size_t left = (size_t)(r->end - q);
		if (left >= 1 && (*q == ':' || *q == '>' || *q == '|')) {
			r->p = q + 1;
		} else if (left >= 1 && (*q == '=' || *q == '!')) {
			zero_width = true;
			r->p = q + 1;
		} else if (left >= 2 && *q == '<' && (q[1] == '=' || q[1] == '!')) {
			zero_width = true;
			r->p = q + 2;
		} else if (left >= 2 && (*q == '<' || *q == '\'' || (*q == 'P' && q[1] == '<'))) {
			/* a named group: (?<name>, (?'name', (?P<name>; a name
			 * is a word that does not start with a digit: "(?<*...)"
			 * is a lookbehind (non-atomic), not a group named "*" */
			const char *name = *q == 'P' ? q + 2 : q + 1;
			const char *e = name;
			while (e < r->end && (ascii_letter(*e) || *e == '_' || (e > name && *e >= '0' && *e <= '9')))
				e++;
			if (e == name || e >= r->end || *e != (*q == '\'' ? '\'' : '>'))
				return bad(r);
			r->p = e + 1;
		} else if (left >= 1 && option_group(q, r->end)) {
			/* (?-i:...): other options inside, its strings unknown */
			r->p = (const char *)memchr(q, ':', left) + 1;
			unknown = true;
		} else {
			return bad(r);          /* options, recursion, conditions, callouts */
		}
	}
	if (++r->depth > DEPTH_MAX)
		return bad(r);
	info in = alternation(r);
	r->depth--;
	if (r->bad || r->p >= r->end || *r->p != ')') {
		info_free(&in);
		return bad(r);
	}
	r->p++;
	if (zero_width || unknown) {
		info_free(&in);
		return zero_width ? empty() : any();
	}
	return in;
}

static info atom(reader *r)
{
	char c = *r->p;
	switch (c) {
	case '(':
		r->p++;
		return group(r);
	case '[':
		return char_class(r);
	case '\\':
		return escape(r);
	case '.':
		r->p++;
		return any();
	case '^':
	case '$':
		r->p++;
		return empty();
	case '*':
	case '+':
	case '?':
	case '{':
		return bad(r);
	default: {
		size_t n = utf8_len((unsigned char)c);
		if ((size_t)(r->end - r->p) < n)
			return bad(r);
		r->p += n;
		return character(r, r->p - n, n);
	}
	}
}

static bool read_number(reader *r, unsigned long *v)
{
	if (r->p >= r->end || *r->p < '0' || *r->p > '9')
		return false;
	*v = 0;
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
		*v = *v * 10 + (unsigned long)(*r->p - '0');
		if (*v > 100000)
			return false;
		r->p++;
	}
	return true;
}

static info exact_copy(const info *a)
{
	info c = any();
	c.exact = true;
	for (size_t i = 0; i < a->set.n; i++)
		set_add(&c.set, a->set.s[i], strlen(a->set.s[i]));
	return c;
}

/* n copies of exact a (consumed), n >= 2, one after the other: all of
 * the match when whole, else its start (each match begins with them). */
static info repeated(const reader *rd, info a, unsigned long n, bool whole)
{
	info r = exact_copy(&a);
	for (unsigned long k = 1; k < n && k < REPEAT_MAX && r.exact; k++)
		r = concat(rd, r, exact_copy(&a));
	info_free(&a);
	return whole && n <= REPEAT_MAX ? r : requirement(r);
}

/* The quantifier after an atom, if any, applied to it. */
static info quantified(reader *r, info a)
{
	if (r->p >= r->end)
		return a;
	unsigned long min, max = 0;
	bool bounded = true;
	switch (*r->p) {
	case '?': min = 0; max = 1; r->p++; break;
	case '*': min = 0; bounded = false; r->p++; break;
	case '+': min = 1; bounded = false; r->p++; break;
	case '{':
		r->p++;
		/* {n}, {n,}, {n,m}; anything else (a literal brace in some
		 * PCRE2 versions, a quantifier in others) is not read */
		if (!read_number(r, &min)) {
			info_free(&a);
			return bad(r);
		}
		max = min;
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			bounded = read_number(r, &max);
		}
		if (r->p >= r->end || *r->p != '}') {
			info_free(&a);
			return bad(r);
		}
		r->p++;
		break;
	default:
		return a;
	}
	if (r->p < r->end && (*r->p == '?' || *r->p == '+'))
		r->p++;                  /* lazy or possessive: the same strings */
	if (r->space_atom) {
		/* whitespace comes one character at a time: \s+ is \s, \s* is
		 * \s?, and more than one never matches (any string will do) */
		if (min >= 2) {
			info_free(&a);
			return any();
		}
		if (min == 0)
			set_add(&a.set, "", 0);
		return a;
	}
	if (min == 1 && bounded && max == 1)
		return a;
	if (min >= 2 && a.exact)
		return repeated(r, a, min, bounded && max == min);
	if (min == 0 && bounded && max == 1 && a.exact && a.set.n < EXACT_MAX) {
		set_add(&a.set, "", 0);
		return a;
	}
	if (min == 0) {
		info_free(&a);
		return any();
	}
	return requirement(a);          /* one or more copies: each contains one */
}

static bool plain(char c)
{
	return is_alnum(c) || c == ' ' || c == '\'' || c == '-';
}

static bool quantifier(char c)
{
	return c == '?' || c == '*' || c == '+' || c == '{';
}

/* The characters at r->p that can join run (exact, one string) as one
 * literal, in lower case when caseless, into buf: ASCII letters, digits,
 * space, apostrophe and hyphen, none quantified, as long as run's string
 * stays within LIT_MAX.  Reading them one at a time, as atom() does,
 * gives the same literal at the cost of an allocation per character, and
 * most of a rule file is such words.  0: let atom() read what comes. */
static size_t plain_run(const reader *r, const info *run, char *buf)
{
	if (!run->exact || run->set.n != 1)
		return 0;
	size_t room = LIT_MAX - strlen(run->set.s[0]), n = 0;
	while (n < room && r->p + n < r->end && plain(r->p[n]))
		n++;
	if (n && r->p + n < r->end && quantifier(r->p[n]))
		n--;                    /* the last one is quantified: atom() reads it */
	for (size_t i = 0; i < n; i++)
		buf[i] = r->caseless ? lower_ascii(r->p[i]) : r->p[i];
	return n;
}

/* Atoms one after the other: runs of exact atoms are joined into longer
 * literals before they become clauses. */
static info sequence(reader *r)
{
	info acc = any(), run = empty();
	bool exact = true;
	char buf[LIT_MAX];
	while (!r->bad && r->p < r->end && *r->p != '|' && *r->p != ')') {
		r->space_atom = false;
		size_t n = plain_run(r, &run, buf);
		if (n) {
			r->p += n;
			run = concat(r, run, literal(buf, n));
			continue;       /* within LIT_MAX: run stays exact */
		}
		info a = atom(r);
		if (!r->bad)
			a = quantified(r, a);
		/* cleared after as well: the \s that ends a group is not the
		 * group, whose quantifier the enclosing sequence reads next */
		r->space_atom = false;
		if (a.exact) {
			run = concat(r, run, a);
			if (run.exact)
				continue;
			/* too many or too long: what ran so far is a clause */
			exact = false;
			acc = both(acc, run);
			run = empty();
			continue;
		}
		exact = false;
		acc = both(acc, both(run, a));
		run = empty();
	}
	if (exact) {
		info_free(&acc);
		return run;
	}
	return both(acc, run);
}

/* The branches of an alternation, folded with alternative() from the
 * left.  Once the fold is a clause (the union of the branches' best
 * clauses), it is kept whole and minimised only when it outgrows
 * REQ_MAX and at the end: minimising at each branch, as alternative()
 * does, gives the same clause but costs the square of a long
 * alternation (a lexicon of words). */
static info alternation(reader *r)
{
	info acc = sequence(r);
	strset un = {NULL, 0, 0};
	bool folded = false, none = false;      /* none: nothing is required */
	while (!r->bad && r->p < r->end && *r->p == '|') {
		r->p++;
		info b = sequence(r);
		if (!folded && (!acc.exact || !b.exact || acc.set.n + b.set.n > EXACT_MAX)) {
			un = best_clause(acc);
			acc = any();
			folded = true;
			none = !un.n;
		}
		if (!folded) {
			acc = alternative(acc, b);
			continue;
		}
		strset cb = best_clause(b);
		none = none || !cb.n;
		for (size_t i = 0; i < cb.n && !none; i++)
			set_add(&un, cb.s[i], strlen(cb.s[i]));
		set_free(&cb);
		if (!none && un.n > REQ_MAX) {
			minimise(&un);
			none = un.n > REQ_MAX;
		}
		if (none)
			set_free(&un);
	}
	if (!folded)
		return acc;
	info_free(&acc);
	info res = any();
	if (!none)
		add_clause(&res, un, false);
	return res;
}

void avis_reqlit_find(const char *re, size_t len, unsigned flags, avis_reqlit *out)
{
	/* Not read (nothing is known to be required): a pattern holding a
	 * NUL byte, since the literals are C strings; and one holding a
	 * comment, since PCRE2 applies the quantifier after a comment to
	 * the item before it ("a(?#...)?" is "a?"), found by fuzz_reqlit. */
	bool one_space = (flags & AVIS_REQLIT_ONE_SPACE) && !(flags & AVIS_REQLIT_CASELESS);
	reader r = {.p = re, .end = re + len, .caseless = (flags & AVIS_REQLIT_CASELESS) != 0,
		    .one_space = one_space,
		    .bad = memchr(re, '\0', len) != NULL || memmem(re, len, "(?#", 3) != NULL,
		    .product_max = one_space ? PRODUCT_MAX : EXACT_MAX};
	if (r.bad) {
		out->n = 0;
		out->all = avis_xcalloc(1, sizeof *out->all);
		return;
	}
	info i = requirement(alternation(&r));
	if (r.bad || r.p != r.end)
		info_free(&i);
	out->n = i.nclauses;
	out->all = avis_xcalloc(i.nclauses ? i.nclauses : 1, sizeof *out->all);
	for (size_t k = 0; k < i.nclauses; k++)
		out->all[k] = (avis_litset){i.clause[k].s, i.clause[k].n};
	free(i.clause);
}

void avis_reqlit_free(avis_reqlit *l)
{
	for (size_t k = 0; k < l->n; k++) {
		strset s = {l->all[k].v, l->all[k].n, 0};
		set_free(&s);
	}
	free(l->all);
	l->all = NULL;
	l->n = 0;
}

/* ---- literals cut to tokens ---------------------------------------------- */

/* The longest piece of lit that lies inside one token (see reqlit.h);
 * the last of equals, since the exact runs this reader joins share their
 * ends more than their starts ("h de retard", "heures de retard"). */
static void longest_token_piece(const char *lit, size_t *start, size_t *len)
{
	size_t best = 0, best_len = 0, from = 0, n = strlen(lit);
	for (size_t i = 0; i <= n; i++) {
		bool space = i == n || lit[i] == ' ' || lit[i] == '\t' || lit[i] == '\r' || lit[i] == '\n';
		bool apostrophe = i < n && lit[i] == '\'';
		if (!space && !apostrophe)
			continue;
		/* an apostrophe ends its piece and belongs to it */
		size_t end = apostrophe ? i + 1 : i;
		if (end - from >= best_len) {
			best = from;
			best_len = end - from;
		}
		from = i + 1;
	}
	*start = best;
	*len = best_len;
}

/* The set of the pieces of set s, each at least min bytes, none inside
 * another; false (out empty) when a literal has no such piece. */
static bool token_pieces(const avis_litset *s, size_t min, strset *out)
{
	*out = (strset){NULL, 0, 0};
	for (size_t i = 0; i < s->n; i++) {
		size_t a, n;
		longest_token_piece(s->v[i], &a, &n);
		if (n < min) {
			set_free(out);
			return false;
		}
		set_add(out, s->v[i] + a, n);
	}
	minimise(out);
	return out->n > 0;
}

static int more_selective(const void *a, const void *b)
{
	const avis_litset *x = a, *y = b;
	strset sx = {x->v, x->n, 0}, sy = {y->v, y->n, 0};
	size_t lx = shortest(&sx), ly = shortest(&sy);
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

void avis_reqlit_token_sets(const char *re, size_t len, size_t min, size_t max, avis_reqlit *out)
{
	avis_reqlit_find(re, len, 0, out);
	size_t kept = 0;
	for (size_t k = 0; k < out->n; k++) {
		strset pieces, old = {out->all[k].v, out->all[k].n, 0};
		if (token_pieces(&out->all[k], min, &pieces))
			out->all[kept++] = (avis_litset){pieces.s, pieces.n};
		set_free(&old);
	}
	out->n = kept;
	qsort(out->all, out->n, sizeof *out->all, more_selective);
	while (out->n > max) {
		out->n--;
		strset dead = {out->all[out->n].v, out->all[out->n].n, 0};
		set_free(&dead);
	}
}
