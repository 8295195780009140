/* check — applying a rule set to records; see check.h. */
#define _GNU_SOURCE   /* memmem */
#include "check.h"

#include <ctype.h>
#include <fnmatch.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "calendar.h"
#include "findings.h"
#include "litscan.h"
#include "model.h"
#include "record.h"
#include "strmap.h"
#include "text.h"

/* The prefilter's view of one text of the current record: which of the
 * rule set's literals it contains (all found in one pass, litscan.h, when
 * a pattern first asks) and so which patterns may match it.  For the
 * caseless patterns of text = original rules, the literals are looked
 * for in a lowered copy of the text (reqlit.h).
 *
 * A pattern may match when each of its clauses has a literal in the
 * text.  Rather than look at every literal of every clause (a clause
 * may list a whole lexicon), the literals found are followed to the
 * clauses they are in (the index: only the clauses of the patterns run
 * on this text), and the satisfied clauses of each pattern counted. */
typedef struct {
	uint32_t clause;        /* numbered within the memo */
	uint32_t pattern;       /* its pattern's prefilter id */
} clause_ref;

typedef struct {
	bool lower;             /* look in a lowered copy */
	avis_litscan *scan;     /* the literals of the patterns run on this text */
	bool ready;             /* the counts are made for this record */
	avis_buf copy;
	uint8_t *lit;           /* per literal: == mark when found in this text */
	uint8_t mark;           /* this text's mark, another for each text */
	uint32_t *found;        /* the literals found, in any order */
	size_t nfound;
	/* the index: literal i is in the clauses ref[start[i] .. start[i + 1] - 1] */
	uint32_t *start;
	clause_ref *ref;
	size_t nclauses;
	/* per pattern: the clauses it needs satisfied in this text, 0 for
	 * one without a prefilter here (not run on this text, or no
	 * clause) */
	uint16_t *need;
	/* per pattern, a bit set: 1 when it may match this text (needs
	 * nothing here, or all it needs is there); kept for the record once
	 * the memo is ready.  filtered: need > 0. */
	uint64_t *live, *filtered;
	uint8_t *satisfied;     /* per clause, for this record */
	uint16_t *count;        /* per pattern: its satisfied clauses */
	/* per pattern: its first clause (a pattern's clauses are numbered
	 * in a row) */
	uint32_t *first_clause;
	/* the patterns with a satisfied clause in this text: what the memo
	 * has to look at again and forget, rather than every clause of
	 * every literal found (common words are in hundreds of clauses) */
	uint32_t *touched;
	size_t ntouched;
} lit_memo;

/* One text of the record as rules see it: the original, and its folded
 * form with the map back, folded only when a rule asks for it. */
typedef struct {
	const char *orig;
	size_t len;
	bool present, folded;
	bool counted;           /* letters and upper are known */
	size_t letters, upper;
	avis_buf fold;
	avis_offmap map;
	lit_memo memo[2];       /* of the folded form, of the original */
	bool scored;            /* logit and best are known for this record */
	double *logit;          /* per word model (model.h): its best sentence's score */
	size_t *best;           /* per word model: that sentence, [best[2m], best[2m + 1]) */
} target_text;

enum { T_REVIEW, T_REPLY, T_COUNT };

/* Derived fields, computed on first use for the current record. */
#define NAME(s) {s, sizeof s - 1}
static const struct {
	const char *name;
	size_t len;             /* compared first: most paths are not derived */
} derived_names[] = {
	NAME("reply.delay_hours"), NAME("reply.delay_days"), NAME("age_days"), NAME("scan_age_days"),
	NAME("letters"), NAME("caps_ratio"), NAME("reply.letters"), NAME("reply.caps_ratio"),
	NAME("author_seen"),
};
#undef NAME
enum { N_DERIVED = sizeof derived_names / sizeof derived_names[0] };

/* Condition operands by address: a rule set's conditions, needs and
 * warn-if-in fields do not change while it is checked, so the field or
 * rule an operand names is resolved on its first use and found again by
 * the operand's address, rather than by comparing or hashing its text on
 * every record (a record asks for about fifteen).  Open addressing;
 * NULL marks a free slot. */
typedef struct {
	const void **key;
	int32_t *val;
	size_t cap, n;          /* cap: a power of two, or 0 */
} ptr_map;

/* A field the conditions read, its value cached for one record. */
typedef struct {
	int derived;            /* its index in derived_names, or -1 */
	uint64_t read_for;      /* the record (c->nrec) its value was read for */
	json_t *val;            /* borrowed: from the record or c->derived */
} field_slot;

enum { TIME_DATE, TIME_REPLY_DATE, N_TIMES };

struct avis_checker {
	const avis_ruleset *rs;
	avis_check_opts o;
	avis_check_diag diag;
	void *diag_ctx;
	avis_text *text;
	avis_findings *found;     /* the current record's */
	bool prefilter;           /* skip patterns whose literals are absent */
	size_t nlits;
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	bool *fired;              /* per rule, for the current record */
	bool *warned;             /* per rule: "needs" message already given */
	bool *limit_warned;       /* per rule: match limit message already given */
	bool *active;             /* per rule: avis_check_active, known once */
	uint8_t *jit;             /* per pattern (prefilter id): JIT compiled on its first run (JIT_*) */
	/* fired("id"): the rules by id, the first of each id in the map and
	 * the others (ids --lint calls duplicate) chained from it */
	avis_strmap by_id;
	int32_t *same_id;
	/* the current record */
	json_t *rec;
	const char *rec_file;
	unsigned long rec_line;
	double now;
	target_text t[T_COUNT];
	uint64_t nrec;            /* records begun, numbering them for the caches */
	json_t *derived[N_DERIVED];   /* owned: the last value of each, see lookup */
	/* date and reply.date, parsed once per record: 0 not yet, 1 parsed,
	 * 2 absent or not a date */
	double time[N_TIMES];
	uint8_t time_state[N_TIMES];
	/* the fields conditions read: by operand address, by path */
	ptr_map field_at;
	avis_strmap field_by_path;
	field_slot *fields;
	size_t nfields;
	ptr_map rule_at;          /* fired("id"): by operand address, the first rule of that id */
	/* the stream: how many records each (subject, author) had so far,
	 * keyed by a 64-bit hash (open addressing; 0 marks a free slot) */
	uint64_t *seen_key;
	uint32_t *seen_count;
	size_t seen_cap, seen_n;
	uint32_t author_seen;     /* for the current record */
	avis_model_scratch *msc;  /* NULL: no word models (none loaded, or no --models) */
	double *sentence_logit;   /* per word model: one sentence's score */
};

static void diag(avis_checker *c, bool error, const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void diag(avis_checker *c, bool error, const char *file, unsigned long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->diag)
		c->diag(c->diag_ctx, error, file, line, msg);
}

typedef void pattern_fn(const avis_pattern *p, void *ctx);

static void each_of(const avis_patterns *ps, pattern_fn *fn, void *ctx)
{
	for (size_t i = 0; i < ps->n; i++)
		fn(&ps->v[i], ctx);
}

/* Each pattern that runs on one text (T_REVIEW or T_REPLY), folded or
 * original. */
static void each_pattern_on(const avis_ruleset *rs, int which, bool original, pattern_fn *fn, void *ctx)
{
	for (size_t i = 0; i < rs->n; i++) {
		const avis_rule *r = &rs->rules[i];
		if (r->original != original)
			continue;
		int target = r->target == AVIS_TARGET_REVIEW ? T_REVIEW : T_REPLY;
		if (which == target) {
			each_of(&r->match, fn, ctx);
			each_of(&r->unless, fn, ctx);
			each_of(&r->escalate, fn, ctx);
			each_of(&r->echo, fn, ctx);
		}
		/* a group is looked for in both texts */
		if (which == target || which == T_REVIEW)
			each_of(&r->echo_group, fn, ctx);
		if (which == T_REVIEW)
			each_of(&r->review_match, fn, ctx);
	}
}

static void mark_literals(const avis_pattern *p, void *ctx)
{
	uint8_t *in = ctx;
	const avis_prefilter *pf = &p->pre;
	for (uint32_t j = 0; j < pf->start[pf->nclauses]; j++)
		in[pf->lit[j]] = 1;
}

/* The scanner for the literals of the patterns that run on one text:
 * a smaller automaton is a faster one. */
static avis_litscan *new_scan(const avis_ruleset *rs, int which, bool original)
{
	size_t n = avis_strmap_count(&rs->lits);
	uint8_t *in = avis_xcalloc(n ? n : 1, 1);
	each_pattern_on(rs, which, original, mark_literals, in);
	const char **lit = avis_xcalloc(n ? n : 1, sizeof *lit);
	size_t *len = avis_xcalloc(n ? n : 1, sizeof *len);
	for (size_t i = 0; i < n; i++) {
		lit[i] = avis_strmap_key(&rs->lits, i, &len[i]);
		if (!in[i])
			len[i] = 0;     /* not looked for in this text: left out */
	}
	avis_litscan *scan = avis_litscan_new(lit, len, n);
	free(in);
	free(lit);
	free(len);
	return scan;
}

/* Two passes over the patterns of a memo: count (clauses, and clauses
 * per literal), then fill. */
typedef struct {
	lit_memo *m;
	uint32_t *at;             /* per literal while filling; NULL: counting */
} index_pass;

static void index_pattern(const avis_pattern *p, void *ctx)
{
	index_pass *x = ctx;
	lit_memo *m = x->m;
	const avis_prefilter *pf = &p->pre;
	m->need[pf->id] = (uint16_t)pf->nclauses;
	m->first_clause[pf->id] = (uint32_t)m->nclauses;
	if (pf->nclauses) {
		m->live[pf->id / 64] &= ~(UINT64_C(1) << pf->id % 64);
		m->filtered[pf->id / 64] |= UINT64_C(1) << pf->id % 64;
	}
	for (size_t k = 0; k < pf->nclauses; k++) {
		uint32_t cl = (uint32_t)m->nclauses++;
		for (uint32_t j = pf->start[k]; j < pf->start[k + 1]; j++) {
			if (x->at)
				m->ref[x->at[pf->lit[j]]++] = (clause_ref){cl, pf->id};
			else
				m->start[pf->lit[j] + 1]++;
		}
	}
}

static void build_index(lit_memo *m, const avis_ruleset *rs, int which, bool original, size_t nlits)
{
	size_t npat = rs->npatterns ? rs->npatterns : 1;
	m->start = avis_xcalloc(nlits + 1, sizeof *m->start);
	m->need = avis_xcalloc(npat, sizeof *m->need);
	m->first_clause = avis_xcalloc(npat, sizeof *m->first_clause);
	m->touched = avis_xcalloc(npat + 1, sizeof *m->touched); /* one past: written before it counts */
	size_t words = (npat + 63) / 64;
	m->live = avis_xmalloc(words * sizeof *m->live);
	memset(m->live, 0xff, words * sizeof *m->live);
	m->filtered = avis_xcalloc(words, sizeof *m->filtered);
	index_pass x = {m, NULL};
	m->nclauses = 0;
	each_pattern_on(rs, which, original, index_pattern, &x);
	for (size_t i = 0; i < nlits; i++)
		m->start[i + 1] += m->start[i];
	m->ref = avis_xcalloc(m->start[nlits] ? m->start[nlits] : 1, sizeof *m->ref);
	x.at = avis_xcalloc(nlits ? nlits : 1, sizeof *x.at);
	memcpy(x.at, m->start, nlits * sizeof *x.at);
	m->nclauses = 0;
	each_pattern_on(rs, which, original, index_pattern, &x);
	free(x.at);
	m->satisfied = avis_xcalloc(m->nclauses ? m->nclauses : 1, sizeof *m->satisfied);
	m->count = avis_xcalloc(npat, sizeof *m->count);
}

/* ---- maps by address ------------------------------------------------------ */

static size_t ptr_slot(const ptr_map *m, const void *key)
{
	/* Fibonacci hashing of the address, whose low bits are alignment */
	size_t i = (size_t)(((uint64_t)(uintptr_t)key * UINT64_C(0x9E3779B97F4A7C15)) >> 40) & (m->cap - 1);
	while (m->key[i] && m->key[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool ptr_get(const ptr_map *m, const void *key, int32_t *val)
{
	if (!m->cap)
		return false;
	size_t i = ptr_slot(m, key);
	if (!m->key[i])
		return false;
	*val = m->val[i];
	return true;
}

static void ptr_put(ptr_map *m, const void *key, int32_t val)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		ptr_map bigger = {avis_xcalloc(cap, sizeof *bigger.key), avis_xcalloc(cap, sizeof *bigger.val), cap, 0};
		for (size_t i = 0; i < m->cap; i++)
			if (m->key[i])
				ptr_put(&bigger, m->key[i], m->val[i]);
		free(m->key);
		free(m->val);
		*m = bigger;
	}
	size_t i = ptr_slot(m, key);
	m->n += !m->key[i];
	m->key[i] = key;
	m->val[i] = val;
}

static void ptr_free(ptr_map *m)
{
	free(m->key);
	free(m->val);
}

avis_checker *avis_checker_new(const avis_ruleset *rs, const avis_check_opts *o,
			       avis_check_diag d, void *ctx)
{
	avis_checker *c = avis_xcalloc(1, sizeof *c);
	c->rs = rs;
	c->o = *o;
	if (!c->o.profile)
		c->o.profile = AVIS_DEFAULT_PROFILE;
	c->diag = d;
	c->diag_ctx = ctx;
	c->text = avis_text_new(NULL);
	c->mctx = pcre2_match_context_create(NULL);
	/* Limits so that a catastrophic pattern costs an error message, not
	 * a hang: about a second of backtracking on this machine. */
	pcre2_set_match_limit(c->mctx, o->match_limit ? o->match_limit : 1000000);
	pcre2_set_depth_limit(c->mctx, o->depth_limit ? o->depth_limit : 10000);
	c->md = pcre2_match_data_create(8, NULL);
	c->prefilter = !o->no_prefilter;
	c->nlits = avis_strmap_count(&rs->lits);
	for (int i = 0; i < T_COUNT; i++)
		for (int k = 0; k < 2; k++)
			c->t[i].memo[k].scan = new_scan(rs, i, k == 1);
	for (int i = 0; i < T_COUNT; i++)
		for (int k = 0; k < 2; k++) {
			lit_memo *m = &c->t[i].memo[k];
			m->lower = k == 1;
			m->lit = avis_xcalloc(c->nlits ? c->nlits : 1, 1);
			m->found = avis_xcalloc(c->nlits ? c->nlits : 1, sizeof *m->found);
			build_index(m, rs, i, k == 1, c->nlits);
		}
	size_t n = rs->n ? rs->n : 1;
	c->found = avis_findings_new(rs);
	c->fired = avis_xcalloc(n, sizeof *c->fired);
	c->active = avis_xcalloc(n, sizeof *c->active);
	for (size_t i = 0; i < rs->n; i++)
		c->active[i] = avis_check_active(c, &rs->rules[i]);
	c->warned = avis_xcalloc(n, sizeof *c->warned);
	c->jit = avis_xcalloc(rs->npatterns ? rs->npatterns : 1, sizeof *c->jit);
	c->same_id = avis_xcalloc(n, sizeof *c->same_id);
	for (size_t i = rs->n; i-- > 0;) {       /* backwards: the first of an id heads its chain */
		int32_t first = avis_strmap_get(&c->by_id, rs->rules[i].id, strlen(rs->rules[i].id));
		c->same_id[i] = first;
		avis_strmap_put(&c->by_id, rs->rules[i].id, strlen(rs->rules[i].id), (int32_t)i);
	}
	c->limit_warned = avis_xcalloc(n, sizeof *c->limit_warned);
	size_t nmodels = avis_models_count(rs->models);
	if (nmodels && o->models) {
		c->msc = avis_model_scratch_new(rs->models);
		c->sentence_logit = avis_xcalloc(nmodels, sizeof *c->sentence_logit);
		for (int i = 0; i < T_COUNT; i++) {
			c->t[i].logit = avis_xcalloc(nmodels, sizeof *c->t[i].logit);
			c->t[i].best = avis_xcalloc(2 * nmodels, sizeof *c->t[i].best);
		}
	}
	return c;
}

void avis_checker_free(avis_checker *c)
{
	if (!c)
		return;
	for (int i = 0; i < T_COUNT; i++) {
		avis_buf_free(&c->t[i].fold);
		avis_offmap_free(&c->t[i].map);
		free(c->t[i].logit);
		free(c->t[i].best);
		for (int k = 0; k < 2; k++) {
			free(c->t[i].memo[k].lit);
			avis_litscan_free(c->t[i].memo[k].scan);
			free(c->t[i].memo[k].found);
			free(c->t[i].memo[k].start);
			free(c->t[i].memo[k].ref);
			free(c->t[i].memo[k].need);
			free(c->t[i].memo[k].live);
			free(c->t[i].memo[k].filtered);
			free(c->t[i].memo[k].satisfied);
			free(c->t[i].memo[k].count);
			free(c->t[i].memo[k].first_clause);
			free(c->t[i].memo[k].touched);
			avis_buf_free(&c->t[i].memo[k].copy);
		}
	}
	for (int i = 0; i < N_DERIVED; i++)
		json_decref(c->derived[i]);
	avis_text_free(c->text);
	pcre2_match_context_free(c->mctx);
	pcre2_match_data_free(c->md);
	avis_findings_free(c->found);
	free(c->fired);
	free(c->active);
	free(c->warned);
	free(c->jit);
	free(c->same_id);
	avis_strmap_free(&c->by_id);
	ptr_free(&c->field_at);
	ptr_free(&c->rule_at);
	avis_strmap_free(&c->field_by_path);
	free(c->fields);
	free(c->limit_warned);
	free(c->seen_key);
	free(c->seen_count);
	avis_model_scratch_free(c->msc);
	free(c->sentence_logit);
	free(c);
}

/* ---- the stream: records by the same author -------------------------------- */

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static size_t seen_slot(const uint64_t *keys, size_t cap, uint64_t k)
{
	size_t i = (size_t)(k % cap);
	while (keys[i] && keys[i] != k)
		i = (i + 1) % cap;
	return i;
}

static void seen_grow(avis_checker *c)
{
	size_t cap = c->seen_cap ? c->seen_cap * 2 : 1024;
	uint64_t *keys = avis_xcalloc(cap, sizeof *keys);
	uint32_t *counts = avis_xcalloc(cap, sizeof *counts);
	for (size_t i = 0; i < c->seen_cap; i++)
		if (c->seen_key[i]) {
			size_t j = seen_slot(keys, cap, c->seen_key[i]);
			keys[j] = c->seen_key[i];
			counts[j] = c->seen_count[i];
		}
	free(c->seen_key);
	free(c->seen_count);
	c->seen_key = keys;
	c->seen_count = counts;
	c->seen_cap = cap;
}

/* Count this record's (subject, author) and remember how many came
 * before.  Memory grows with the number of distinct authors (16 bytes
 * each), like avis-norm --dedupe. */
static void count_author(avis_checker *c, const json_t *rec)
{
	size_t alen, slen = 0;
	const char *author = avis_string(rec, "author", &alen);
	const char *subject = avis_string(rec, "subject", &slen);
	c->author_seen = 0;
	if (!author || alen == 0)
		return;
	uint64_t k = fnv1a(0xcbf29ce484222325ULL, subject ? subject : "", slen);
	k = fnv1a(k, "\0", 1);
	k = fnv1a(k, author, alen);
	if (!k)
		k = 1;
	if ((c->seen_n + 1) * 2 > c->seen_cap)
		seen_grow(c);
	size_t i = seen_slot(c->seen_key, c->seen_cap, k);
	if (!c->seen_key[i]) {
		c->seen_key[i] = k;
		c->seen_n++;
	}
	c->author_seen = c->seen_count[i];
	if (c->seen_count[i] < UINT32_MAX)
		c->seen_count[i]++;
}

static void forget_authors(avis_checker *c)
{
	if (c->seen_cap) {
		memset(c->seen_key, 0, c->seen_cap * sizeof *c->seen_key);
		memset(c->seen_count, 0, c->seen_cap * sizeof *c->seen_count);
	}
	c->seen_n = 0;
}

/* ---- time ---------------------------------------------------------------- */

bool avis_parse_time(const char *s, size_t len, double *t)
{
	time_t v;
	if (!avis_parse_iso_n(s, len, &v))
		return false;
	*t = (double)v;
	return true;
}

static bool time_of_field(const json_t *rec, const char *path, double *t)
{
	json_t *v = avis_field(rec, path);
	return v && json_is_string(v) && avis_parse_time(json_string_value(v), json_string_length(v), t);
}

/* date (TIME_DATE) or reply.date of the current record, parsed on first
 * use: three derived fields read them. */
static bool time_at(avis_checker *c, int which, double *t)
{
	if (!c->time_state[which]) {
		bool ok = time_of_field(c->rec, which == TIME_DATE ? "date" : "reply.date", &c->time[which]);
		c->time_state[which] = ok ? 1 : 2;
	}
	*t = c->time[which];
	return c->time_state[which] == 1;
}

/* ---- derived fields -------------------------------------------------------- */

/* The letters of s and how many are capitals, in one pass. */
static void count_caps(const char *s, size_t len, size_t *letters_out, size_t *upper_out)
{
	size_t letters = 0, upper = 0;
	for (size_t i = 0; i < len;) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {         /* most of a French text: no need to decode */
			bool up = b >= 'A' && b <= 'Z';
			letters += up || (b >= 'a' && b <= 'z');
			upper += up;
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			i++;
			continue;
		}
		i += (size_t)n;
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
			letters++;
			upper += cat == UTF8PROC_CATEGORY_LU;
		}
	}
	*letters_out = letters;
	*upper_out = upper;
}

/* The letters of a target text (ratio: the share of capitals), counted
 * once a record. */
static json_t *caps(target_text *t, bool ratio)
{
	if (!t->counted) {
		count_caps(t->orig, t->len, &t->letters, &t->upper);
		t->counted = true;
	}
	if (!ratio)
		return json_integer((json_int_t)t->letters);
	return t->letters ? json_real((double)t->upper / (double)t->letters) : NULL;
}

static json_t *compute_derived(avis_checker *c, int k)
{
	double a, b;
	switch (k) {
	case 0:
	case 1:
		if (!time_at(c, TIME_DATE, &a) || !time_at(c, TIME_REPLY_DATE, &b))
			return NULL;
		return json_real((b - a) / (k == 0 ? 3600.0 : 86400.0));
	case 2:
		return time_at(c, TIME_DATE, &a) ? json_real((c->now - a) / 86400.0) : NULL;
	case 3:
		return time_of_field(c->rec, "platform.last_scan", &a) ? json_real((c->now - a) / 86400.0) : NULL;
	case 4:
	case 5:
		return c->t[T_REVIEW].present ? caps(&c->t[T_REVIEW], k == 5) : NULL;
	case 6:
	case 7:
		return c->t[T_REPLY].present ? caps(&c->t[T_REPLY], k == 7) : NULL;
	default:
		return json_integer(c->author_seen);
	}
}

/* ---- condition operands ---------------------------------------------------- */

/* The slot of the field path names: one per distinct path, whichever
 * operand names it. */
static int32_t field_slot_of(avis_checker *c, const char *path)
{
	size_t len = strlen(path);
	int32_t k = avis_strmap_get(&c->field_by_path, path, len);
	if (k < 0) {
		k = (int32_t)c->nfields++;
		c->fields = avis_xrealloc(c->fields, c->nfields * sizeof *c->fields);
		c->fields[k] = (field_slot){-1, 0, NULL};
		for (int d = 0; d < N_DERIVED; d++)
			if (len == derived_names[d].len && memcmp(path, derived_names[d].name, len) == 0)
				c->fields[k].derived = d;
		avis_strmap_put(&c->field_by_path, path, len, k);
	}
	return k;
}

/* The value of the field path names in the current record (a derived
 * field computed once), or NULL.  path must live as long as the checker:
 * it is known by its address (the rule set's strings do). */
static json_t *lookup(void *ctx, const char *path)
{
	avis_checker *c = ctx;
	int32_t k;
	if (!ptr_get(&c->field_at, path, &k)) {
		k = field_slot_of(c, path);
		ptr_put(&c->field_at, path, k);
	}
	field_slot *f = &c->fields[k];
	if (f->read_for != c->nrec) {
		int d = f->derived;
		if (d >= 0) {   /* one slot per derived field: computed once per record */
			json_decref(c->derived[d]);
			c->derived[d] = compute_derived(c, d);
		}
		f->val = d >= 0 ? c->derived[d] : avis_field(c->rec, path);
		f->read_for = c->nrec;
	}
	return f->val;
}

/* Has a rule of this id fired on the current record?  id is known by its
 * address, as path in lookup. */
static bool fired(void *ctx, const char *id)
{
	avis_checker *c = ctx;
	int32_t first;
	if (!ptr_get(&c->rule_at, id, &first)) {
		first = avis_strmap_get(&c->by_id, id, strlen(id));
		ptr_put(&c->rule_at, id, first);
	}
	for (int32_t i = first; i >= 0; i = c->same_id[i])
		if (c->fired[i])
			return true;
	return false;
}

/* ---- the record's texts ---------------------------------------------------- */

static void set_text(const avis_checker *c, target_text *t, const json_t *obj, const char *key)
{
	t->orig = obj ? avis_string(obj, key, &t->len) : NULL;
	t->present = t->orig != NULL;
	t->folded = false;
	t->counted = false;
	t->scored = false;
	(void)c;
	for (int k = 0; k < 2; k++)
		t->memo[k].ready = false;
}

static void begin_record(avis_checker *c, json_t *rec, const char *file, unsigned long line, double now)
{
	c->rec = rec;
	c->rec_file = file;
	c->rec_line = line;
	c->now = now;
	set_text(c, &c->t[T_REVIEW], rec, "text");
	json_t *reply = json_object_get(rec, "reply");
	set_text(c, &c->t[T_REPLY], json_is_object(reply) ? reply : NULL, "text");
	c->nrec++;              /* the field cache is stale, derived fields with it */
	memset(c->time_state, 0, sizeof c->time_state);
	memset(c->fired, 0, (c->rs->n ? c->rs->n : 1) * sizeof *c->fired);
	count_author(c, rec);
}

static target_text *text_for(avis_checker *c, int which)
{
	target_text *t = &c->t[which];
	if (t->present && !t->folded) {
		avis_text_fold(c->text, t->orig, t->len, &t->fold, &t->map);
		if (!t->fold.data)
			avis_buf_puts(&t->fold, "");
		t->folded = true;
	}
	return t;
}

/* ---- matching ---------------------------------------------------------------- */

typedef struct {
	const char *s;
	size_t len;
	lit_memo *memo;         /* NULL: no prefilter */
} subject;

static subject subject_of(const avis_checker *c, target_text *t, bool original)
{
	lit_memo *m = c->prefilter ? &t->memo[original] : NULL;
	if (original)
		return (subject){t->orig, t->len, m};
	return (subject){t->fold.data, t->fold.len, m};
}

/* ---- the prefilter ----------------------------------------------------------- */

/* What caseless matching takes for an ASCII letter, as that letter in
 * lower case (reqlit.h); n receives the bytes read. */
static char lowered(const char *s, size_t len, size_t i, size_t *n)
{
	unsigned char b = (unsigned char)s[i];
	*n = 1;
	if (b >= 'A' && b <= 'Z')
		return (char)(b - 'A' + 'a');
	if (b == 0xC5 && i + 1 < len && (unsigned char)s[i + 1] == 0xBF) {
		*n = 2;
		return 's';             /* U+017F LONG S */
	}
	if (b == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x84 && (unsigned char)s[i + 2] == 0xAA) {
		*n = 3;
		return 'k';             /* U+212A KELVIN SIGN */
	}
	return (char)b;
}

/* Clear the counts of the last text, where its literals set them: a
 * text holds few of the literals, and clearing them all cost more than
 * the scan. */
static void memo_forget(lit_memo *m)
{
	for (size_t i = 0; i < m->ntouched; i++) {
		uint32_t p = m->touched[i];
		memset(m->satisfied + m->first_clause[p], 0, m->need[p]);
		m->count[p] = 0;
		m->live[p / 64] &= ~(UINT64_C(1) << p % 64);
	}
	m->ntouched = 0;
	m->nfound = 0;
}

/* Find the literals in s (or its lowered copy). */
static __attribute__((noinline)) void memo_prepare(const avis_checker *c, lit_memo *m, subject s)
{
	const char *text = s.s;
	size_t len = s.len;
	if (m->lower) {
		avis_buf_clear(&m->copy);
		avis_buf_reserve(&m->copy, s.len + 1);
		for (size_t i = 0, n; i < s.len; i += n)
			m->copy.data[m->copy.len++] = lowered(s.s, s.len, i, &n);
		text = m->copy.data;
		len = m->copy.len;
	}
	memo_forget(m);
	if (++m->mark == 0) {   /* every mark used: start again */
		memset(m->lit, 0, c->nlits);
		m->mark = 1;
	}
	m->nfound = avis_litscan_collect(m->scan, text, len, m->lit, m->mark, m->found);
	size_t nt = 0;
	for (size_t i = 0; i < m->nfound; i++) {
		uint32_t l = m->found[i];
		for (uint32_t j = m->start[l]; j < m->start[l + 1]; j++) {
			/* without a branch: common words are in many clauses; a
			 * pattern joins touched at its first satisfied clause */
			clause_ref cr = m->ref[j];
			unsigned newly = !m->satisfied[cr.clause];
			m->count[cr.pattern] += newly;
			m->satisfied[cr.clause] = 1;
			m->touched[nt] = cr.pattern;
			nt += newly & (m->count[cr.pattern] == 1);
		}
	}
	m->ntouched = nt;
	for (size_t i = 0; i < nt; i++) {
		uint32_t p = m->touched[i];
		m->live[p / 64] |= (uint64_t)(m->count[p] == m->need[p]) << p % 64;
	}
	m->ready = true;
}

/* False when p cannot match s: a clause of its prefilter has none of its
 * literals in the text.  (A pattern asked about on a text it is not
 * indexed for, such as the echo of a caseless rule on the folded text,
 * needs nothing there: it runs.) */
static inline bool may_match(const avis_checker *c, const avis_pattern *p, subject s)
{
	lit_memo *m = s.memo;
	uint32_t id = p->pre.id;
	if (!m || !m->need[id])
		return true;
	if (!m->ready)
		memo_prepare(c, m, s);
	return m->count[id] == m->need[id];
}

/* The first set bit of bits in [from, end), or end: a word at a time. */
static size_t next_bit(const uint64_t *bits, size_t from, size_t end)
{
	for (size_t b = from; b < end; b += 64 - b % 64) {
		uint64_t w = bits[b / 64] >> b % 64;
		if (w) {
			size_t at = b + (size_t)__builtin_ctzll(w);
			return at < end ? at : end;
		}
	}
	return end;
}

/* The first pattern of ps at or after i that may match s (ps->n: none),
 * read from the memo's live set rather than asked pattern by pattern. */
static size_t next_possible(const avis_checker *c, const avis_patterns *ps, subject s, size_t i)
{
	lit_memo *m = s.memo;
	if (!m || i >= ps->n)
		return i;
	size_t from = ps->first_id + i, end = ps->first_id + ps->n;
	if (!m->ready) {
		if (next_bit(m->filtered, from, end) == end)
			return i;       /* none filtered here: the memo is not needed */
		memo_prepare(c, m, s);
	}
	return next_bit(m->live, from, end) - ps->first_id;
}

enum { JIT_UNTRIED, JIT_COMPILED, JIT_NONE };

/* 1 match (ovector in c->md), 0 none, -1 error (reported once per rule). */
static int run(avis_checker *c, const avis_rule *r, const avis_pattern *p, subject s, size_t from, size_t to)
{
	uint8_t *jit = &c->jit[p->pre.id];
	if (*jit == JIT_UNTRIED)
		*jit = pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE) == 0 ? JIT_COMPILED : JIT_NONE;
	/* The texts are valid UTF-8 (Jansson strings, and their folded form)
	 * and every offset given here is on a character boundary: the check
	 * PCRE2 would otherwise make over the whole text per call is skipped
	 * (pcre2_jit_match makes none).  Without JIT (not built in, or no
	 * executable memory) the interpreter runs the same pattern: slower,
	 * same results. */
	int rc = *jit == JIT_COMPILED
		 ? pcre2_jit_match(p->code, (PCRE2_SPTR)s.s, to, from, 0, c->md, c->mctx)
		 : pcre2_match(p->code, (PCRE2_SPTR)s.s, to, from, PCRE2_NO_UTF_CHECK, c->md, c->mctx);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	size_t idx = (size_t)(r - c->rs->rules);
	if (idx < c->rs->n && !c->limit_warned[idx]) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc, msg, sizeof msg);
		diag(c, true, r->file, p->line, "rule %s: pattern failed on %s:%lu (%s); the rule is "
		     "skipped where this happens", r->id, c->rec_file ? c->rec_file : "example", c->rec_line,
		     (char *)msg);
		c->limit_warned[idx] = true;
	}
	return -1;
}

/* The leftmost match of a pattern list in [from, to): 1 with its bounds,
 * 0 none, -1 error.  Joined lists are one pattern; the others run one by
 * one, each with its own start optimisations (PCRE2 looks for a
 * required character first, which a joined alternation loses). */
static int leftmost(avis_checker *c, const avis_rule *r, const avis_patterns *ps, subject s,
		    size_t from, size_t to, size_t *ma, size_t *mb)
{
	if (ps->joined || ps->n == 1) {
		/* the joined pattern, or the one pattern of the list that can
		 * match here (the others cannot: its leftmost match is the
		 * list's), which runs with its own start optimisations */
		size_t first = next_possible(c, ps, s, 0);
		if (first == ps->n)
			return 0;
		bool alone = next_possible(c, ps, s, first + 1) == ps->n;
		int rc = run(c, r, alone ? &ps->v[first] : &ps->all, s, from, to);
		if (rc == 1) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
			*ma = ov[0];
			*mb = ov[1];
		}
		return rc;
	}
	int found = 0;
	for (size_t i = next_possible(c, ps, s, 0); i < ps->n; i = next_possible(c, ps, s, i + 1)) {
		if (found && *ma == from)
			break;          /* none can start before the best */
		/* a later pattern wins only by starting before the best so far:
		 * it is not looked for past that */
		if (found)
			pcre2_set_offset_limit(c->mctx, *ma - 1);
		int rc = run(c, r, &ps->v[i], s, from, to);
		pcre2_set_offset_limit(c->mctx, PCRE2_UNSET);
		if (rc < 0)
			return -1;
		if (rc == 0)
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
		if (!found || ov[0] < *ma) {
			*ma = ov[0];
			*mb = ov[1];
			found = 1;
		}
	}
	return found;
}

/* Where to look for the next match after [a, b): past an empty match by
 * one whole character, so offsets stay on character boundaries. */
static size_t next_start(subject s, size_t a, size_t b)
{
	if (b > a)
		return b;
	size_t i = a + 1;
	while (i < s.len && ((unsigned char)s.s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static bool sentence_end(const char *s, size_t len, size_t i)
{
	char ch = s[i];
	if (ch == '\n' || ch == '!' || ch == '?')
		return true;
	/* a full stop, not the dot of "3.5" */
	return ch == '.' && !(i > 0 && i + 1 < len && s[i - 1] >= '0' && s[i - 1] <= '9' &&
			      s[i + 1] >= '0' && s[i + 1] <= '9');
}

/* Where the sentence holding s[i] ends: the index of its end character,
 * or len when it runs to the end of the text. */
static size_t sentence_stop(const char *s, size_t len, size_t i)
{
	while (i < len && !sentence_end(s, len, i))
		i++;
	return i;
}

static bool excused(avis_checker *c, const avis_rule *r, subject s, size_t ms, size_t me)
{
	if (!r->unless.n)
		return false;
	size_t from = 0, to = s.len;
	if (!r->unless_whole) {
		from = ms;
		while (from > 0 && !sentence_end(s.s, s.len, from - 1))
			from--;
		to = sentence_stop(s.s, s.len, me);
	}
	size_t a, b;
	return leftmost(c, r, &r->unless, s, from, to, &a, &b) == 1;
}

/* The first match of r's `match` patterns that `unless` does not excuse:
 * 1 with [*ms, *me) in the subject, 0 none, -1 error. */
static int first_match(avis_checker *c, const avis_rule *r, subject s, size_t *ms, size_t *me)
{
	size_t from = 0;
	while (from <= s.len) {
		size_t a, b;
		int rc = leftmost(c, r, &r->match, s, from, s.len, &a, &b);
		if (rc <= 0)
			return rc;
		if (!excused(c, r, s, a, b)) {
			*ms = a;
			*me = b;
			return 1;
		}
		from = next_start(s, a, b);
	}
	return 0;
}

static int any_match(avis_checker *c, const avis_rule *r, const avis_patterns *ps, subject s)
{
	size_t a, b;
	return leftmost(c, r, ps, s, 0, s.len, &a, &b);
}

/* Thread rules: a term that the echo patterns find in the review and,
 * spelled the same, in the reply. */
static int echo_match(avis_checker *c, const avis_rule *r, subject review, subject reply,
		      size_t *ms, size_t *me)
{
	size_t from = 0;
	while (from <= reply.len) {
		size_t a, b;
		int rc = leftmost(c, r, &r->echo, reply, from, reply.len, &a, &b);
		if (rc <= 0)
			return rc;
		from = next_start(reply, a, b);
		if (b > a && memmem(review.s, review.len, reply.s + a, b - a)) {
			*ms = a;
			*me = b;
			return 1;
		}
	}
	return 0;
}

/* Thread rules: a group of words (one echo-group pattern) that both the
 * review and the reply use, each in its own words ("phobie" / "la peur
 * du dentiste"); the first group in the file's order that is. */
static int echo_group_match(avis_checker *c, const avis_rule *r, subject review, subject reply,
			    size_t *ms, size_t *me)
{
	for (size_t i = 0; i < r->echo_group.n; i++) {
		const avis_pattern *p = &r->echo_group.v[i];
		if (!may_match(c, p, reply) || !may_match(c, p, review))
			continue;
		int rc = run(c, r, p, reply, 0, reply.len);
		if (rc < 0)
			return rc;
		if (rc == 0)
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
		size_t a = ov[0], b = ov[1];
		rc = run(c, r, p, review, 0, review.len);
		if (rc < 0)
			return rc;
		if (rc == 1) {
			*ms = a;
			*me = b;
			return 1;
		}
	}
	return 0;
}

/* Score every word model on each sentence of t's folded text, apart (a
 * score summed over a long text grows with its length), keeping each
 * model's best sentence. */
static void score_sentences(avis_checker *c, target_text *t)
{
	const avis_models *models = c->rs->models;
	size_t n = avis_models_count(models);
	const char *s = t->fold.data;
	size_t len = t->fold.len;
	for (size_t m = 0; m < n; m++)
		t->logit[m] = -HUGE_VAL;
	size_t a = 0;
	do {
		size_t b = sentence_stop(s, len, a);
		if (b < len)
			b++;    /* with its full stop */
		avis_models_score(models, c->msc, s, a, b, c->sentence_logit);
		for (size_t m = 0; m < n; m++)
			if (c->sentence_logit[m] > t->logit[m]) {
				t->logit[m] = c->sentence_logit[m];
				t->best[2 * m] = a;
				t->best[2 * m + 1] = b;
			}
		a = b;
	} while (a < len);
	t->scored = true;
}

/* A rule's word model on its (folded) target text, when the patterns
 * found nothing: 1 when the model fires on a sentence, that sentence in
 * [*ms, *me) (trimmed), 0 when it does not or an `unless` excuses the
 * sentence. */
static int model_match(avis_checker *c, const avis_rule *r, target_text *t, size_t *ms, size_t *me)
{
	if (!t->scored)
		score_sentences(c, t);
	if (!avis_models_fires(c->rs->models, r->model, t->logit[r->model]))
		return 0;
	const char *s = t->fold.data;
	size_t a = t->best[2 * r->model], b = t->best[2 * r->model + 1];
	while (a < b && (s[a] == ' ' || s[a] == '\n'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
		b--;
	if (excused(c, r, subject_of(c, t, false), a, b))
		return 0;
	*ms = a;
	*me = b;
	return 1;
}

/* ---- findings --------------------------------------------------------------- */

/* Original byte range of a folded range. */
static void to_original(const target_text *t, size_t fs, size_t fe, size_t *os, size_t *oe)
{
	if (fs >= t->map.len) {
		*os = *oe = t->len;
		return;
	}
	*os = t->map.src[fs];
	if (fe <= fs) {
		*oe = *os;
		return;
	}
	size_t last = t->map.src[fe - 1 < t->map.len ? fe - 1 : t->map.len - 1];
	size_t e = last + 1;
	while (e < t->len && ((unsigned char)t->orig[e] & 0xC0) == 0x80)
		e++;
	*oe = e < *os ? *os : e;
}

/* A finding of r: with the match [ms, me) of t (folded, unless
 * original) when t is given, else without a span. */
static avis_finding finding(const avis_checker *c, const avis_rule *r, avis_level level, const target_text *t,
			    bool original, size_t ms, size_t me)
{
	avis_finding f = {(size_t)(r - c->rs->rules), level, NULL, 0, 0};
	if (t) {
		f.text = t->orig;
		f.start = ms;
		f.end = me;
		if (!original)
			to_original(t, ms, me, &f.start, &f.end);
	}
	return f;
}

static bool glob_any(char **globs, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(globs[i], id, 0) == 0)
			return true;
	return false;
}

bool avis_check_active(const avis_checker *c, const avis_rule *r)
{
	if (r->nprofiles) {
		bool in = false;
		for (size_t i = 0; i < r->nprofiles; i++)
			in = in || strcmp(r->profiles[i], c->o.profile) == 0;
		if (!in)
			return false;
	}
	if (c->o.nonly && !glob_any(c->o.only, c->o.nonly, r->id))
		return false;
	return !glob_any(c->o.skip, c->o.nskip, r->id);
}

static bool has_needs(avis_checker *c, const avis_rule *r)
{
	for (size_t i = 0; i < r->nneeds; i++) {
		json_t *v = lookup(c, r->needs[i]);
		if (v && !json_is_null(v))
			continue;
		size_t idx = (size_t)(r - c->rs->rules);
		if (!c->warned[idx]) {
			diag(c, false, c->rec_file, c->rec_line, "rule %s needs `%s`%s; skipped on records "
			     "without it", r->id, r->needs[i],
			     strcmp(r->needs[i], "sentiment") == 0 ? " (run avis-score first)" : "");
			c->warned[idx] = true;
		}
		return false;
	}
	return true;
}

/* The level of a finding of r: error when an escalate pattern is found
 * in the target text or escalate-when holds, else the rule's level. */
static avis_level level_of(avis_checker *c, const avis_rule *r, target_text *t, const avis_cond_env *env)
{
	if (r->escalate_when && avis_cond_eval(r->escalate_when, env))
		return AVIS_ERROR;
	if (r->escalate.n && t->present) {
		if (!r->original && !t->folded)
			text_for(c, t == &c->t[T_REPLY] ? T_REPLY : T_REVIEW);
		if (any_match(c, r, &r->escalate, subject_of(c, t, r->original)) == 1)
			return AVIS_ERROR;
	}
	return r->level;
}

/* Does rule r fire on the current record?  If so, *f receives its
 * finding (at the rule's level). */
static bool apply(avis_checker *c, const avis_rule *r, avis_finding *f)
{
	avis_level level = r->level;
	avis_cond_env env = {lookup, fired, c};
	bool on_reply = r->target != AVIS_TARGET_REVIEW;
	target_text *t = &c->t[on_reply ? T_REPLY : T_REVIEW];
	if ((r->match.n || r->echo.n || r->echo_group.n) && !t->present)
		return false;
	if (!has_needs(c, r))
		return false;
	if (r->when && !avis_cond_eval(r->when, &env))
		return false;
	if (r->review_match.n) {
		target_text *rv = text_for(c, T_REVIEW);
		if (!rv->present || any_match(c, r, &r->review_match, subject_of(c, rv, r->original)) != 1)
			return false;
	}
	size_t ms = 0, me = 0;
	if (r->echo.n || r->echo_group.n) {
		target_text *rv = text_for(c, T_REVIEW);
		text_for(c, T_REPLY);
		if (!rv->present)
			return false;
		subject review = subject_of(c, rv, false), reply = subject_of(c, t, false);
		int rc = r->echo.n ? echo_match(c, r, review, reply, &ms, &me) : 0;
		if (rc == 0 && r->echo_group.n)
			rc = echo_group_match(c, r, review, reply, &ms, &me);
		if (rc != 1)
			return false;
		*f = finding(c, r, level, t, false, ms, me);
		return true;
	}
	if (!r->match.n) {
		*f = finding(c, r, level, NULL, false, 0, 0);
		return true;
	}
	text_for(c, on_reply ? T_REPLY : T_REVIEW);
	int rc = first_match(c, r, subject_of(c, t, r->original), &ms, &me);
	if (rc < 0)
		return false;
	if (rc == 0 && r->model >= 0 && c->msc)
		rc = model_match(c, r, t, &ms, &me);
	if (r->absent ? rc == 0 : rc == 1 || (r->or_when && avis_cond_eval(r->or_when, &env))) {
		*f = finding(c, r, level, rc == 1 ? t : NULL, r->original, ms, me);
		return true;
	}
	return false;
}

/* The last word of s (letters, digits, apostrophes and hyphens), folded
 * into out; false when s has none. */
static bool last_word_folded(avis_checker *c, const char *s, size_t len, avis_buf *out)
{
	avis_text_fold(c->text, s, len, out, NULL);
	size_t e = out->len;
	while (e > 0 && !isalnum((unsigned char)out->data[e - 1]))
		e--;
	size_t b = e;
	while (b > 0 && (isalnum((unsigned char)out->data[b - 1]) || out->data[b - 1] == '-' || out->data[b - 1] == '\''))
		b--;
	if (b == e)
		return false;
	memmove(out->data, out->data + b, e - b);
	out->len = e - b;
	out->data[out->len] = '\0';
	return true;
}

/* warn-if-in: is the last word of the finding's match a whole word of
 * the field (both folded)?  "Madame Durand" when the author signs "Marie
 * Durand": the reply names someone who already gave that name. */
static bool match_in_field(avis_checker *c, const avis_rule *r, const avis_finding *f)
{
	const json_t *v = lookup(c, r->warn_if_in);
	if (!f->text || !json_is_string(v))
		return false;
	avis_buf word = AVIS_BUF_INIT, field = AVIS_BUF_INIT;
	bool found = false;
	if (last_word_folded(c, f->text + f->start, f->end - f->start, &word)) {
		avis_text_fold(c->text, json_string_value(v), json_string_length(v), &field, NULL);
		for (const char *p = field.len >= word.len ? field.data : NULL; p && (p = memmem(p, field.len - (size_t)(p - field.data), word.data, word.len));
		     p++) {
			bool starts = p == field.data || !isalnum((unsigned char)p[-1]);
			const char *end = p + word.len;
			bool ends = end == field.data + field.len || !isalnum((unsigned char)*end);
			if (starts && ends) {
				found = true;
				break;
			}
		}
	}
	avis_buf_free(&word);
	avis_buf_free(&field);
	return found;
}

/* Apply the rules (all of them, or the active ones) to the current
 * record; its findings (at the --level and above, unless all; only
 * those of only_this when given) are put in c->found.  Returns how
 * many; *worst receives the highest level. */
static size_t check(avis_checker *c, bool all, avis_level *worst, const avis_rule *only_this)
{
	avis_findings_clear(c->found);
	size_t n = 0;
	for (size_t i = 0; i < c->rs->n; i++) {
		const avis_rule *r = &c->rs->rules[i];
		if (!all && !c->active[i])
			continue;
		avis_finding f;
		if (!apply(c, r, &f))
			continue;
		/* escalation is looked at only once the rule has fired */
		avis_cond_env env = {lookup, fired, c};
		f.level = level_of(c, r, &c->t[r->target == AVIS_TARGET_REVIEW ? T_REVIEW : T_REPLY], &env);
		if (r->warn_if_in && f.level > AVIS_WARNING && match_in_field(c, r, &f))
			f.level = AVIS_WARNING;
		c->fired[i] = true;
		if ((all || f.level >= c->o.min_level) && (!only_this || r == only_this)) {
			avis_findings_add(c->found, &f);
			n++;
			if (worst && (n == 1 || f.level > *worst))
				*worst = f.level;
		}
	}
	return n;
}

/* The active rules on rec: its findings in c->found, how many returned
 * and the highest level in *worst (untouched when none). */
static size_t check_record(avis_checker *c, json_t *rec, const char *file, unsigned long line, avis_level *worst)
{
	begin_record(c, rec, file, line, c->o.now);
	avis_level w = AVIS_INFO;
	size_t n = check(c, false, &w, NULL);
	if (n && worst)
		*worst = w;
	return n;
}

size_t avis_check_record(avis_checker *c, json_t *rec, const char *file, unsigned long line,
			 avis_level *worst)
{
	size_t n = check_record(c, rec, file, line, worst);
	json_object_set_new(rec, "findings", avis_findings_json(c->found));
	return n;
}

size_t avis_check_record_text(avis_checker *c, json_t *rec, const char *file, unsigned long line,
			      avis_level *worst, avis_buf *text)
{
	size_t n = check_record(c, rec, file, line, worst);
	if (json_object_get(rec, "findings"))
		json_object_set_new(rec, "findings", avis_findings_json(c->found));
	else
		avis_findings_text(c->found, text);
	return n;
}

/* ---- self-test ---------------------------------------------------------------- */

/* An example: a target text, a JSON record, or a JSON array of records
 * (a stream; the rule is judged on the last one). */
static json_t *example_records(const avis_rule *r, const avis_example *e)
{
	json_t *v;
	if (e->text[0] == '{' || e->text[0] == '[')
		v = json_loads(e->text, 0, NULL);
	else if (r->target == AVIS_TARGET_REVIEW)
		v = json_pack("{ss}", "text", e->text);
	else
		v = json_pack("{sss{ss}}", "text", "", "reply", "text", e->text);
	if (json_is_object(v)) {
		json_t *a = json_array();
		json_array_append_new(a, v);
		return a;
	}
	if (json_is_array(v) && json_array_size(v) > 0) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
			if (!json_is_object(x))
				break;
		if (i == json_array_size(v))
			return v;
	}
	json_decref(v);
	return NULL;
}

/* Does the example fire r?  *m receives the match (or NULL). */
static bool example_fires(avis_checker *c, const avis_rule *r, const avis_example *e, json_t *recs,
			  double now, char *m, size_t msz)
{
	forget_authors(c);
	bool fires = false;
	size_t i;
	json_t *rec;
	json_array_foreach(recs, i, rec) {
		begin_record(c, rec, r->file, e->line, now);
		fires = check(c, true, NULL, r) > 0;
		json_t *f = fires ? avis_finding_json(c->found, avis_findings_get(c->found, 0)) : NULL;
		const char *s = json_string_value(json_object_get(f, "match"));
		snprintf(m, msz, "%s", s ? s : "");
		json_decref(f);
	}
	forget_authors(c);
	return fires;
}

size_t avis_check_self_test(avis_checker *c, size_t *total)
{
	size_t failures = 0, count = 0;
	/* Examples of other rules lack fields a rule needs: no warning here. */
	for (size_t i = 0; i < c->rs->n; i++)
		c->warned[i] = true;
	for (size_t i = 0; i < c->rs->n; i++) {
		const avis_rule *r = &c->rs->rules[i];
		double now = c->o.now;
		if (r->example_now && !avis_parse_time(r->example_now, strlen(r->example_now), &now)) {
			diag(c, true, r->file, r->line, "rule %s: example-now is not an ISO 8601 date", r->id);
			failures++;
		}
		for (size_t k = 0; k < r->nexamples; k++) {
			const avis_example *e = &r->examples[k];
			count++;
			json_t *recs = example_records(r, e);
			if (!recs) {
				diag(c, true, r->file, e->line, "rule %s: example is not a JSON object "
				     "or an array of them", r->id);
				failures++;
				continue;
			}
			char m[200];
			bool fires = example_fires(c, r, e, recs, now, m, sizeof m);
			json_decref(recs);
			if (fires != e->positive) {
				diag(c, true, r->file, e->line, "rule %s: example%c %s%s%s%s", r->id,
				     e->positive ? '+' : '-', e->positive ? "does not fire" : "fires",
				     *m ? " on \"" : "", m, *m ? "\"" : "");
				failures++;
			}
		}
	}
	c->rec = NULL;
	memset(c->warned, 0, (c->rs->n ? c->rs->n : 1) * sizeof *c->warned);
	if (total)
		*total = count;
	return failures;
}
