/* litscan — which of a fixed set of literal strings occur in a text; see
 * litscan.h.
 *
 * A trie of the literals with Aho-Corasick failure links: the failure
 * link of a node is the node of its longest proper suffix in the trie,
 * and its output link the nearest node along the failure links that ends
 * a literal.  The trie's children are kept as sorted edge lists while
 * the links are made; then the automaton becomes a table of transitions
 * (node, byte class) -> node, one lookup per byte of text.  A byte class
 * is one of the bytes the literals use, or all the others (class 0,
 * which always leads back to the root). */
#include "litscan.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct avis_litscan {
	int32_t root_next[256];  /* the root's child by byte, 0: none (stay at root) */
	/* per node; node 0 is the root */
	uint32_t *edge_start;    /* node i's edges: edge_start[i] .. edge_start[i + 1] - 1 */
	uint8_t *edge_byte;      /* sorted by byte within a node */
	int32_t *edge_to;
	int32_t *fail;
	int32_t *lit;            /* the literal this node ends, or -1 */
	int32_t *out;            /* nearest node on the failure chain with a literal, or -1 */
	size_t nnodes;
	uint8_t cls[256];        /* byte -> class */
	size_t ncls;
	/* The scan's own numbering of the nodes (number_states: the hot,
	 * shallow nodes close together, each deeper subtree in a run):
	 * delta[row + class] is the next state's row (state * ncls: no
	 * multiplication on the way), with EMITS set when a literal ends
	 * there. */
	uint32_t *delta;
	uint64_t row_magic;      /* state = row * row_magic >> 32 (see state_of) */
	/* by state: the literals that end there, its own and those along
	 * its output links, in emit_lit[emit_start[x] .. emit_start[x + 1] - 1] */
	uint32_t *emit_start;
	uint32_t *emit_lit;
	int32_t *same;           /* by literal: the next one with the same string, or -1 */
	bool too_big;            /* rows beyond 31 bits: every literal "found" */
	size_t nlits;
	size_t longest;          /* bytes of the longest literal */
};

#define EMITS 0x80000000u
_Static_assert(EMITS == 1u << 31, "the walks count emitting states by their top bit");
#define ROW 0x7fffffffu

/* The trie while it is built: first-child / next-sibling lists. */
typedef struct {
	int32_t *child, *sibling, *lit;
	uint8_t *byte;
	size_t n, cap;
} trie;

static int32_t trie_add_node(trie *t, uint8_t b)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->child = avis_xrealloc(t->child, t->cap * sizeof *t->child);
		t->sibling = avis_xrealloc(t->sibling, t->cap * sizeof *t->sibling);
		t->lit = avis_xrealloc(t->lit, t->cap * sizeof *t->lit);
		t->byte = avis_xrealloc(t->byte, t->cap * sizeof *t->byte);
	}
	t->child[t->n] = t->sibling[t->n] = t->lit[t->n] = -1;
	t->byte[t->n] = b;
	return (int32_t)t->n++;
}

static int32_t trie_child(const trie *t, int32_t node, uint8_t b)
{
	for (int32_t c = t->child[node]; c >= 0; c = t->sibling[c])
		if (t->byte[c] == b)
			return c;
	return -1;
}

/* Whitespace bytes are one (litscan.h): spaces stand for them all. */
static bool is_space_byte(uint8_t b)
{
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r';
}

/* Insert literal id; a literal already there (the same string) gets id
 * as the next of its kind in same[]. */
static void trie_insert(trie *t, const char *s, size_t len, int32_t id, int32_t *same)
{
	int32_t node = 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t b = is_space_byte((uint8_t)s[i]) ? ' ' : (uint8_t)s[i];
		int32_t c = trie_child(t, node, b);
		if (c < 0) {
			c = trie_add_node(t, b);
			t->sibling[c] = t->child[node];
			t->child[node] = c;
		}
		node = c;
	}
	if (t->lit[node] >= 0)
		same[id] = same[t->lit[node]];
	if (t->lit[node] >= 0)
		same[t->lit[node]] = id;
	else
		t->lit[node] = id;
}

static int cmp_byte(const void *a, const void *b)
{
	return (int)*(const uint8_t *)a - (int)*(const uint8_t *)b;
}

/* The trie's edges as sorted arrays. */
static void freeze_edges(avis_litscan *a, const trie *t)
{
	a->edge_start = avis_xcalloc(t->n + 1, sizeof *a->edge_start);
	a->edge_byte = avis_xmalloc(t->n ? t->n : 1);
	a->edge_to = avis_xcalloc(t->n ? t->n : 1, sizeof *a->edge_to);
	uint32_t at = 0;
	for (size_t i = 0; i < t->n; i++) {
		a->edge_start[i] = at;
		uint8_t bytes[256];
		size_t nb = 0;
		for (int32_t c = t->child[i]; c >= 0; c = t->sibling[c])
			bytes[nb++] = t->byte[c];
		qsort(bytes, nb, 1, cmp_byte);
		for (size_t k = 0; k < nb; k++) {
			a->edge_byte[at] = bytes[k];
			a->edge_to[at] = trie_child(t, (int32_t)i, bytes[k]);
			at++;
		}
	}
	a->edge_start[t->n] = at;
	memset(a->root_next, 0, sizeof a->root_next);
	for (int32_t c = t->child[0]; c >= 0; c = t->sibling[c])
		a->root_next[t->byte[c]] = c;
}

static int32_t child_of(const avis_litscan *a, int32_t node, uint8_t b)
{
	if (node == 0)
		return a->root_next[b] ? a->root_next[b] : -1;
	uint32_t lo = a->edge_start[node], hi = a->edge_start[node + 1];
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (a->edge_byte[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->edge_start[node + 1] && a->edge_byte[lo] == b ? a->edge_to[lo] : -1;
}

/* The state after byte b from node (following failure links). */
static int32_t step(const avis_litscan *a, int32_t node, uint8_t b)
{
	for (;;) {
		int32_t c = child_of(a, node, b);
		if (c >= 0)
			return c;
		if (node == 0)
			return 0;
		node = a->fail[node];
	}
}

/* Failure and output links, breadth first so that a node's failure
 * target, being shallower, is done before it. */
static void link(avis_litscan *a)
{
	int32_t *queue = avis_xcalloc(a->nnodes ? a->nnodes : 1, sizeof *queue);
	size_t head = 0, tail = 0;
	a->fail[0] = 0;
	a->out[0] = -1;
	for (uint32_t e = a->edge_start[0]; e < a->edge_start[1]; e++) {
		int32_t c = a->edge_to[e];
		a->fail[c] = 0;
		a->out[c] = -1;
		queue[tail++] = c;
	}
	while (head < tail) {
		int32_t node = queue[head++];
		for (uint32_t e = a->edge_start[node]; e < a->edge_start[node + 1]; e++) {
			int32_t c = a->edge_to[e];
			int32_t f = step(a, a->fail[node], a->edge_byte[e]);
			a->fail[c] = f;
			a->out[c] = a->lit[f] >= 0 ? f : a->out[f];
			queue[tail++] = c;
		}
	}
	free(queue);
}

/* The literals that end at node: its own, then those of the nodes along
 * its output links, each with the others of the same string.  Appends
 * them to list (when there is one); returns how many. */
static size_t outputs_of(const avis_litscan *a, int32_t node, uint32_t *list)
{
	size_t n = 0;
	for (int32_t o = a->lit[node] >= 0 ? node : a->out[node]; o >= 0; o = a->out[o])
		for (int32_t l = a->lit[o]; l >= 0; l = a->same[l]) {
			if (list)
				list[n] = (uint32_t)l;
			n++;
		}
	return n;
}

/* Each state's literals in one run of emit_lit (order[i] is state i's
 * node): the scan reads them in a row, without following links. */
static void flatten_outputs(avis_litscan *a, const int32_t *order, size_t n)
{
	a->emit_start = avis_xcalloc(n + 1, sizeof *a->emit_start);
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		a->emit_start[i] = (uint32_t)total;
		total += outputs_of(a, order[i], NULL);
	}
	a->emit_start[n] = (uint32_t)total;
	a->emit_lit = avis_xcalloc(total ? total : 1, sizeof *a->emit_lit);
	for (size_t i = 0; i < n; i++)
		outputs_of(a, order[i], a->emit_lit + a->emit_start[i]);
}

/* The scan's numbering of the nodes (order[state] = node): the shallow
 * nodes breadth first, so that the hot ones, where most steps of a text
 * begin, share cache lines; then each deeper subtree depth first, so
 * that a walk along a literal reads rows that follow one another in
 * memory (which the processor fetches ahead) rather than rows scattered
 * a level apart.  The failure target of a node is shallower than the
 * node, but not always numbered before it: tabulate fills the rows in
 * order of depth, whatever their numbers. */
enum { SHALLOW = 2 };

static size_t number_states(const avis_litscan *a, int32_t *order)
{
	size_t n = 0, level_start = 0;
	order[n++] = 0;
	for (int depth = 0; depth < SHALLOW; depth++) {
		size_t level_end = n;
		for (size_t h = level_start; h < level_end; h++)
			for (uint32_t e = a->edge_start[order[h]]; e < a->edge_start[order[h] + 1]; e++)
				order[n++] = a->edge_to[e];
		level_start = level_end;
	}
	/* the subtrees below the deepest shallow level, depth first (a
	 * stack of nodes, children pushed in reverse to come out in order) */
	size_t shallow_end = n;
	int32_t *stack = avis_xcalloc(a->nnodes ? a->nnodes : 1, sizeof *stack);
	for (size_t h = level_start; h < shallow_end; h++) {
		size_t top = 0;
		for (uint32_t e = a->edge_start[order[h] + 1]; e-- > a->edge_start[order[h]];)
			stack[top++] = a->edge_to[e];
		while (top) {
			int32_t node = stack[--top];
			order[n++] = node;
			for (uint32_t e = a->edge_start[node + 1]; e-- > a->edge_start[node];)
				stack[top++] = a->edge_to[e];
		}
	}
	free(stack);
	return n;
}

/* The transition table, filled breadth first: a node goes where its
 * failure target goes (already filled, being shallower), except by its
 * own edges.  States are numbered by number_states. */
static void tabulate(avis_litscan *a)
{
	memset(a->cls, 0, sizeof a->cls);
	a->ncls = 1;
	for (size_t i = 0; i < a->nnodes; i++)
		for (uint32_t e = a->edge_start[i]; e < a->edge_start[i + 1]; e++)
			if (!a->cls[a->edge_byte[e]])
				a->cls[a->edge_byte[e]] = (uint8_t)a->ncls++;
	for (int b = 0; b < 256; b++)
		if (is_space_byte((uint8_t)b))
			a->cls[b] = a->cls[' '];
	int32_t *bfs = avis_xcalloc(a->nnodes, sizeof *bfs);
	size_t n = 0;
	bfs[n++] = 0;
	for (size_t head = 0; head < n; head++)
		for (uint32_t e = a->edge_start[bfs[head]]; e < a->edge_start[bfs[head] + 1]; e++)
			bfs[n++] = a->edge_to[e];
	int32_t *order = avis_xcalloc(a->nnodes, sizeof *order);
	int32_t *state = avis_xcalloc(a->nnodes, sizeof *state);
	number_states(a, order);
	for (size_t i = 0; i < n; i++)
		state[order[i]] = (int32_t)i;
	a->delta = avis_xcalloc(a->nnodes * a->ncls, sizeof *a->delta);
	for (size_t j = 0; j < n; j++) {
		int32_t node = bfs[j];
		uint32_t *row = a->delta + (size_t)state[node] * a->ncls;
		const uint32_t *via = a->delta + (size_t)state[a->fail[node]] * a->ncls;
		for (size_t k = 1; k < a->ncls; k++)
			row[k] = node == 0 ? 0 : via[k];
		for (uint32_t e = a->edge_start[node]; e < a->edge_start[node + 1]; e++) {
			int32_t c = a->edge_to[e];
			row[a->cls[a->edge_byte[e]]] = (uint32_t)((size_t)state[c] * a->ncls) |
						       (a->lit[c] >= 0 || a->out[c] >= 0 ? EMITS : 0);
		}
	}
	free(bfs);
	a->row_magic = (uint64_t)UINT32_MAX / a->ncls + 1;
	flatten_outputs(a, order, n);
	free(order);
	free(state);
}

avis_litscan *avis_litscan_new(const char *const *lit, const size_t *len, size_t n)
{
	trie t = {0};
	trie_add_node(&t, 0);
	avis_litscan *a = avis_xcalloc(1, sizeof *a);
	a->same = avis_xmalloc((n ? n : 1) * sizeof *a->same);
	for (size_t i = 0; i < n; i++)
		a->same[i] = -1;
	for (size_t i = 0; i < n; i++)
		if (len[i]) {
			trie_insert(&t, lit[i], len[i], (int32_t)i, a->same);
			if (len[i] > a->longest)
				a->longest = len[i];
		}
	a->nnodes = t.n;
	freeze_edges(a, &t);
	a->lit = t.lit;
	a->fail = avis_xcalloc(t.n, sizeof *a->fail);
	a->out = avis_xcalloc(t.n, sizeof *a->out);
	link(a);
	a->nlits = n;
	a->too_big = t.n > ROW / 256;
	if (!a->too_big)
		tabulate(a);
	free(t.child);
	free(t.sibling);
	free(t.byte);
	return a;
}

void avis_litscan_free(avis_litscan *a)
{
	if (!a)
		return;
	free(a->edge_start);
	free(a->edge_byte);
	free(a->edge_to);
	free(a->fail);
	free(a->lit);
	free(a->out);
	free(a->delta);
	free(a->emit_start);
	free(a->emit_lit);
	free(a->same);
	free(a);
}

/* The state whose row starts at row (state * ncls), without a division:
 * row_magic is 2^32 / ncls rounded up, and as row is a multiple of
 * ncls below 2^31, row * row_magic = state * 2^32 + (a remainder below
 * row), whose top half is the state. */
static uint32_t state_of(const avis_litscan *a, uint32_t row)
{
	return (uint32_t)((uint64_t)row * a->row_magic >> 32);
}

/* The literals that end at state st (which has EMITS); those not yet
 * marked are appended to list when there is one.  Returns how many. */
static size_t emit(const avis_litscan *a, uint32_t st, uint8_t *found, uint8_t mark, uint32_t *list)
{
	size_t n = 0;
	uint32_t x = state_of(a, st & ROW);
	for (uint32_t k = a->emit_start[x]; k < a->emit_start[x + 1]; k++) {
		uint32_t l = a->emit_lit[k];
		if (list && found[l] != mark)
			list[n++] = l;
		found[l] = mark;
	}
	return n;
}

static uint32_t next(const avis_litscan *a, uint32_t st, char b)
{
	return a->delta[(st & ROW) + a->cls[(uint8_t)b]];
}

/* The literals of the emitting states hits[0 .. h - 1]. */
static size_t emit_all(const avis_litscan *a, const uint32_t *hits, size_t h, uint8_t *found, uint8_t mark,
		       uint32_t *list)
{
	size_t n = 0;
	for (size_t k = 0; k < h; k++)
		n += emit(a, hits[k], found, mark, list ? list + n : NULL);
	return n;
}

/* The walks below do not branch on each state: a literal ends at one
 * byte in a few, at places no predictor guesses, and a missed guess
 * costs more than the step.  Each state is written to hits and the
 * count moves on only for an emitting one (its top bit); the literals
 * are reported after each chunk of text. */
enum { CHUNK = 128 };

/* Walk s[from, to) from state st, reporting what ends there. */
static size_t walk(const avis_litscan *a, const char *s, size_t from, size_t to, uint32_t st, uint8_t *found,
		   uint8_t mark, uint32_t *list)
{
	uint32_t hits[CHUNK];
	size_t n = 0;
	for (size_t i = from; i < to;) {
		size_t end = to - i > CHUNK ? i + CHUNK : to, h = 0;
		for (; i < end; i++) {
			st = next(a, st, s[i]);
			hits[h] = st;
			h += st >> 31;
		}
		n += emit_all(a, hits, h, found, mark, list ? list + n : NULL);
	}
	return n;
}

enum { WALKS = 4 };

/* WALKS walks in lockstep for steps bytes each, the i-th over p[i] ..
 * from state st[i] (updated).  The states are locals during the loop:
 * an array would go through memory at each step. */
static size_t lockstep(const avis_litscan *a, const char *const p[WALKS], uint32_t st[WALKS], size_t steps,
		       uint8_t *found, uint8_t mark, uint32_t *list)
{
	const char *p0 = p[0], *p1 = p[1], *p2 = p[2], *p3 = p[3];
	uint32_t s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];
	uint32_t hits[WALKS * CHUNK];
	size_t n = 0;
	for (size_t k = 0; k < steps;) {
		size_t end = steps - k > CHUNK ? k + CHUNK : steps, h = 0;
		for (; k < end; k++) {
			s0 = next(a, s0, p0[k]);
			s1 = next(a, s1, p1[k]);
			s2 = next(a, s2, p2[k]);
			s3 = next(a, s3, p3[k]);
			hits[h] = s0;
			h += s0 >> 31;
			hits[h] = s1;
			h += s1 >> 31;
			hits[h] = s2;
			h += s2 >> 31;
			hits[h] = s3;
			h += s3 >> 31;
		}
		n += emit_all(a, hits, h, found, mark, list ? list + n : NULL);
	}
	st[0] = s0;
	st[1] = s1;
	st[2] = s2;
	st[3] = s3;
	return n;
}

static size_t scan(const avis_litscan *a, const char *s, size_t len, uint8_t *found, uint8_t mark, uint32_t *list)
{
	size_t n = 0;
	if (a->too_big) {           /* the safe answer for a prefilter */
		for (size_t l = 0; l < a->nlits; l++) {
			if (list && found[l] != mark)
				list[n++] = (uint32_t)l;
			found[l] = mark;
		}
		return n;
	}
	/* Each step of the automaton waits for the table lookup of the step
	 * before: four walks over four parts of the text, taken together,
	 * keep the processor busy in the meantime.  Each walk but the first
	 * starts back = longest - 1 bytes before its part, so that a literal
	 * across two parts is seen whole by one walk (and maybe by both:
	 * reporting a literal twice does no harm).  The walks take part +
	 * back steps of waiting where one walk would take 4 * part: worth it
	 * from part >= back on. */
	size_t back = a->longest ? a->longest - 1 : 0;
	size_t part = len / WALKS;
	if (!a->longest || part < back || part == 0)
		return walk(a, s, 0, len, 0, found, mark, list);
	/* the four parts, each walk's first part bytes */
	const char *p[WALKS] = {s, s + part - back, s + 2 * part - back, s + 3 * part - back};
	uint32_t st[WALKS] = {0, 0, 0, 0};
	n += lockstep(a, p, st, part, found, mark, list ? list + n : NULL);
	/* then the last back bytes of parts 1 to 3, in lockstep too (the
	 * first walk, done, follows the second again: the same literals,
	 * reported twice) */
	const char *q[WALKS] = {p[1] + part, p[1] + part, p[2] + part, p[3] + part};
	uint32_t sq[WALKS] = {st[1], st[1], st[2], st[3]};
	n += lockstep(a, q, sq, back, found, mark, list ? list + n : NULL);
	/* and the bytes the division by four left over, at the end */
	return n + walk(a, s, WALKS * part, len, sq[3], found, mark, list ? list + n : NULL);
}

void avis_litscan_run(const avis_litscan *a, const char *s, size_t len, uint8_t *found, uint8_t mark)
{
	scan(a, s, len, found, mark, NULL);
}

size_t avis_litscan_collect(const avis_litscan *a, const char *s, size_t len, uint8_t *found, uint8_t mark,
			    uint32_t *list)
{
	return scan(a, s, len, found, mark, list);
}
