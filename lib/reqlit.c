/* reqlit — see reqlit.h.
 *
 * A recursive reader of the pattern.  Each sequence keeps the literal run
 * being read (characters that must appear one after the other) and the
 * list of what it requires: each finished run, and each required group's
 * own requirements.  An alternation of several branches requires the
 * union of its branches' best requirements; of one branch, all of that
 * branch's.  An empty set stands for "no requirement". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "reqlit.h"

/* Beyond this many strings, or this nesting, the reader gives up. */
#define MAX_STRINGS 256
#define MAX_DEPTH 64

typedef struct {
	const char *p, *end;
	bool failed;
} reader;

typedef struct {
	size_t min, max; /* max SIZE_MAX: unbounded */
} quant;

/* Sets of strings, each of which a match needs (one string of each). */
typedef struct {
	avis_reqlit *v;
	size_t n;
} reqs;

static void set_add(avis_reqlit *r, const char *s, size_t len)
{
	r->s = avis_xrealloc(r->s, (r->n + 1) * sizeof *r->s);
	r->len = avis_xrealloc(r->len, (r->n + 1) * sizeof *r->len);
	r->s[r->n] = avis_xstrndup(s, len);
	r->len[r->n++] = len;
}

void avis_reqlit_free(avis_reqlit *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->s[i]);
	free(r->s);
	free(r->len);
	*r = (avis_reqlit)AVIS_REQLIT_INIT;
}

size_t avis_reqlit_shortest(const avis_reqlit *r)
{
	size_t m = r->n ? r->len[0] : 0;
	for (size_t i = 1; i < r->n; i++)
		if (r->len[i] < m)
			m = r->len[i];
	return m;
}

/* Is a better (more selective) than b?  Any set beats none; then the
 * longer shortest string, then fewer strings. */
static bool better(const avis_reqlit *a, const avis_reqlit *b)
{
	if (!a->n)
		return false;
	if (!b->n)
		return true;
	size_t la = avis_reqlit_shortest(a), lb = avis_reqlit_shortest(b);
	return la > lb || (la == lb && a->n < b->n);
}

/* Add cand to the requirements (cand is consumed; an empty set, which
 * requires nothing, is dropped). */
static void require(reqs *q, avis_reqlit *cand)
{
	if (!cand->n)
		return;
	q->v = avis_xrealloc(q->v, (q->n + 1) * sizeof *q->v);
	q->v[q->n++] = *cand;
	*cand = (avis_reqlit)AVIS_REQLIT_INIT;
}

static void reqs_free(reqs *q)
{
	for (size_t i = 0; i < q->n; i++)
		avis_reqlit_free(&q->v[i]);
	free(q->v);
	*q = (reqs){NULL, 0};
}

/* Move the most selective set of q to the front (none: no-op). */
static void best_first(reqs *q, size_t from)
{
	for (size_t i = from + 1; i < q->n; i++)
		if (better(&q->v[i], &q->v[from])) {
			avis_reqlit x = q->v[from];
			q->v[from] = q->v[i];
			q->v[i] = x;
		}
}

static void flush_run(avis_buf *run, reqs *q)
{
	if (!run->len)
		return;
	avis_reqlit one = AVIS_REQLIT_INIT;
	set_add(&one, run->data, run->len);
	require(q, &one);
	avis_buf_clear(run);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t read_number(reader *rd)
{
	size_t n = 0;
	while (rd->p < rd->end && is_digit(*rd->p)) {
		if (n < 100000)
			n = n * 10 + (size_t)(*rd->p - '0');
		rd->p++;
	}
	return n;
}

/* A brace quantifier {n}, {n,} or {n,m} at rd->p (which is '{').  Any
 * other brace is given up on: PCRE2 versions differ on what it means. */
static quant read_braces(reader *rd)
{
	quant q = {1, 1};
	const char *start = ++rd->p;
	q.min = read_number(rd);
	if (rd->p == start) {
		rd->failed = true;
		return q;
	}
	q.max = q.min;
	if (rd->p < rd->end && *rd->p == ',') {
		rd->p++;
		const char *m = rd->p;
		q.max = read_number(rd);
		if (rd->p == m)
			q.max = SIZE_MAX;
	}
	if (rd->p >= rd->end || *rd->p != '}')
		rd->failed = true;
	else
		rd->p++;
	return q;
}

/* The quantifier after an atom ({1, 1} when there is none). */
static quant read_quant(reader *rd)
{
	quant q = {1, 1};
	if (rd->p >= rd->end)
		return q;
	switch (*rd->p) {
	case '?': q = (quant){0, 1}; rd->p++; break;
	case '*': q = (quant){0, SIZE_MAX}; rd->p++; break;
	case '+': q = (quant){1, SIZE_MAX}; rd->p++; break;
	case '{': q = read_braces(rd); break;
	default: return q;
	}
	if (rd->p < rd->end && (*rd->p == '?' || *rd->p == '+'))
		rd->p++; /* lazy or possessive: the same strings */
	return q;
}

/* Skip a character class [...] (rd->p at '['). */
static void skip_class(reader *rd)
{
	rd->p++;
	if (rd->p < rd->end && *rd->p == '^')
		rd->p++;
	if (rd->p < rd->end && *rd->p == ']')
		rd->p++;
	while (rd->p < rd->end) {
		char c = *rd->p;
		if (c == ']') {
			rd->p++;
			return;
		}
		if (c == '\\') {
			if (rd->p + 1 >= rd->end || rd->p[1] == 'Q' || rd->p[1] == 'E')
				break;
			rd->p += 2;
		} else if (c == '[' && rd->p + 1 < rd->end && (rd->p[1] == ':' || rd->p[1] == '.' || rd->p[1] == '=')) {
			char kind = rd->p[1];
			const char *q = rd->p + 2;
			while (q + 1 < rd->end && !(q[0] == kind && q[1] == ']'))
				q++;
			if (q + 1 >= rd->end)
				break;
			rd->p = q + 2;
		} else {
			rd->p++;
		}
	}
	rd->failed = true;
}

/* The bytes of the UTF-8 character at p (1 for a stray byte). */
static size_t char_len(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	return (size_t)(end - p) < n ? 1 : n;
}

static reqs read_alternation(reader *rd, int depth);

/* After "(?" or "(": the group's kind.  Returns false for a zero-width
 * group (lookaround, comment); gives up on options, conditionals,
 * recursion and verbs. */
static bool open_group(reader *rd, bool *comment)
{
	*comment = false;
	if (rd->p < rd->end && *rd->p == '*') {
		rd->failed = true;
		return true;
	}
	if (rd->p >= rd->end || *rd->p != '?')
		return true;
	rd->p++;
	char c = rd->p < rd->end ? *rd->p : '\0';
	char d = rd->p + 1 < rd->end ? rd->p[1] : '\0';
	if (c == ':' || c == '|' || c == '>') {
		rd->p++;
		return true;
	}
	if (c == '=' || c == '!') {
		rd->p++;
		return false;
	}
	if (c == '<' && (d == '=' || d == '!')) {
		rd->p += 2;
		return false;
	}
	if (c == '#') {
		*comment = true;
		return false;
	}
	if (c == '<' || (c == 'P' && d == '<') || c == '\'') {
		char close = c == '\'' ? '\'' : '>';
		rd->p += c == 'P' ? 2 : 1;
		while (rd->p < rd->end && (is_alnum(*rd->p) || *rd->p == '_'))
			rd->p++;
		if (rd->p < rd->end && *rd->p == close) {
			rd->p++;
			return true;
		}
	}
	rd->failed = true;
	return true;
}

/* A group at rd->p ('('): its requirements go to q when the group must
 * match at least once. */
static void read_group(reader *rd, int depth, reqs *q)
{
	rd->p++;
	bool comment;
	bool counts = open_group(rd, &comment);
	if (rd->failed)
		return;
	if (comment) {
		const char *close = memchr(rd->p, ')', (size_t)(rd->end - rd->p));
		if (!close)
			rd->failed = true;
		else
			rd->p = close + 1;
		return;
	}
	reqs inner = read_alternation(rd, depth + 1);
	if (rd->p >= rd->end || *rd->p != ')')
		rd->failed = true;
	else
		rd->p++;
	quant times = read_quant(rd);
	if (counts && times.min >= 1 && !rd->failed)
		for (size_t i = 0; i < inner.n; i++)
			require(q, &inner.v[i]);
	reqs_free(&inner);
}

/* A literal character c (n bytes) of the run, with its quantifier. */
static void read_literal(reader *rd, const char *c, size_t n, avis_buf *run, reqs *req)
{
	quant q = read_quant(rd);
	if (q.min == 0 || (n == 1 && (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n'))) {
		flush_run(run, req);
		return;
	}
	avis_buf_put(run, c, n);
	/* A token ends after an elided apostrophe; a repeated character
	 * ends the run that can be counted on. */
	if ((n == 1 && *c == '\'') || q.max != 1)
		flush_run(run, req);
}

/* A backslash escape at rd->p. */
static void read_escape(reader *rd, avis_buf *run, reqs *req)
{
	if (rd->p + 1 >= rd->end) {
		rd->failed = true;
		return;
	}
	char e = rd->p[1];
	rd->p += 2;
	static const char literal_ws[] = {'n', '\n', 't', '\t', 'r', '\r'};
	for (size_t i = 0; i < sizeof literal_ws; i += 2)
		if (e == literal_ws[i]) {
			read_literal(rd, &literal_ws[i + 1], 1, run, req);
			return;
		}
	if (e && strchr("bBAzZGdDwWsShHvVNRXC", e)) {
		/* An assertion or a class: the run stops here. */
		read_quant(rd);
		flush_run(run, req);
		return;
	}
	if (is_alnum(e)) {
		rd->failed = true; /* backreferences, \K, \Q, \x, \p...: not read */
		return;
	}
	const char *c = rd->p - 1;
	size_t n = char_len(c, rd->end);
	rd->p = c + n;
	read_literal(rd, c, n, run, req);
}

/* One branch: up to '|', ')' or the end. */
static reqs read_sequence(reader *rd, int depth)
{
	reqs q = {NULL, 0};
	avis_buf run = AVIS_BUF_INIT;
	while (rd->p < rd->end && !rd->failed && *rd->p != '|' && *rd->p != ')') {
		char c = *rd->p;
		if (c == '(') {
			flush_run(&run, &q);
			read_group(rd, depth, &q);
		} else if (c == '[') {
			skip_class(rd);
			read_quant(rd);
			flush_run(&run, &q);
		} else if (c == '.' || c == '^' || c == '$') {
			rd->p++;
			read_quant(rd);
			flush_run(&run, &q);
		} else if (c == '\\') {
			read_escape(rd, &run, &q);
		} else if (c == '*' || c == '+' || c == '?' || c == '{') {
			rd->failed = true; /* a quantifier of nothing, or a literal brace */
		} else {
			const char *s = rd->p;
			size_t n = char_len(s, rd->end);
			rd->p += n;
			read_literal(rd, s, n, &run, &q);
		}
	}
	flush_run(&run, &q);
	avis_buf_free(&run);
	return q;
}

/* Branches: one keeps all its requirements; several require the union
 * of their best sets, or nothing when one branch requires nothing. */
static reqs read_alternation(reader *rd, int depth)
{
	reqs first = {NULL, 0};
	if (depth > MAX_DEPTH) {
		rd->failed = true;
		return first;
	}
	first = read_sequence(rd, depth);
	if (rd->failed || rd->p >= rd->end || *rd->p != '|')
		return first;
	avis_reqlit all = AVIS_REQLIT_INIT;
	bool unbounded = false; /* a branch requires nothing */
	reqs b = first;
	for (;;) {
		best_first(&b, 0);
		if (!b.n || all.n + b.v[0].n > MAX_STRINGS)
			unbounded = true;
		for (size_t i = 0; !unbounded && i < b.v[0].n; i++)
			set_add(&all, b.v[0].s[i], b.v[0].len[i]);
		reqs_free(&b);
		if (rd->failed || rd->p >= rd->end || *rd->p != '|')
			break;
		rd->p++;
		b = read_sequence(rd, depth);
	}
	reqs out = {NULL, 0};
	if (!unbounded)
		require(&out, &all);
	avis_reqlit_free(&all);
	return out;
}

size_t avis_reqlit_all(const char *pattern, size_t len, avis_reqlit *sets, size_t max)
{
	reader rd = {pattern, pattern + len, false};
	reqs q = read_alternation(&rd, 0);
	size_t n = 0;
	if (!rd.failed && rd.p == rd.end)
		for (; n < max && n < q.n; n++) {
			best_first(&q, n);
			sets[n] = q.v[n];
			q.v[n] = (avis_reqlit)AVIS_REQLIT_INIT;
		}
	reqs_free(&q);
	return n;
}

bool avis_reqlit_of(const char *pattern, size_t len, avis_reqlit *out)
{
	*out = (avis_reqlit)AVIS_REQLIT_INIT;
	return avis_reqlit_all(pattern, len, out, 1) == 1;
}
