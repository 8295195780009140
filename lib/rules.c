/* rules — loading rule files into a rule set; see rules.h. */
#include "rules.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "datafile.h"
#include "reqlit.h"
#include "wordlist.h"

static const char *const known_keys[] = {
	"level", "target", "message", "ref", "match", "unless", "unless-scope",
	"review-match", "echo", "echo-group", "escalate", "escalate-when", "or-when", "warn-if-in", "when", "needs", "text", "mode",
	"model",
	"profile",
	"example+", "example-", "example-now", NULL,
};

static void report(avis_ruleset *rs, const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void report(avis_ruleset *rs, const char *file, unsigned long line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (rs->diag)
		rs->diag(rs->diag_ctx, file, line, msg);
}

#define RULE_ERROR(rs, file, line, ...) (report((rs), (file), (line), __VA_ARGS__), (rs)->errors++)
#define LINT(rs, file, line, ...) \
	((rs)->lint ? (report((rs), (file), (line), __VA_ARGS__), (rs)->lint_findings++) : 0)

void avis_ruleset_init(avis_ruleset *rs, avis_rules_diag diag, void *ctx)
{
	memset(rs, 0, sizeof *rs);
	rs->diag = diag;
	rs->diag_ctx = ctx;
}

const char *avis_level_name(avis_level l)
{
	return l == AVIS_ERROR ? "error" : l == AVIS_WARNING ? "warning" : "info";
}

bool avis_level_parse(const char *name, avis_level *l)
{
	if (strcmp(name, "info") == 0)
		*l = AVIS_INFO;
	else if (strcmp(name, "warning") == 0)
		*l = AVIS_WARNING;
	else if (strcmp(name, "error") == 0)
		*l = AVIS_ERROR;
	else
		return false;
	return true;
}

const char *avis_target_name(avis_target t)
{
	return t == AVIS_TARGET_REVIEW ? "review" : t == AVIS_TARGET_REPLY ? "reply" : "thread";
}

static bool parse_target(const char *s, avis_target *t)
{
	if (strcmp(s, "review") == 0)
		*t = AVIS_TARGET_REVIEW;
	else if (strcmp(s, "reply") == 0)
		*t = AVIS_TARGET_REPLY;
	else if (strcmp(s, "thread") == 0)
		*t = AVIS_TARGET_THREAD;
	else
		return false;
	return true;
}

void avis_ruleset_load_pack(avis_ruleset *rs, const char *rules_dir, const char *arg)
{
	struct stat st;
	if (stat(arg, &st) == 0 || strchr(arg, '/')) {
		avis_ruleset_load(rs, arg);
		return;
	}
	avis_buf path = AVIS_BUF_INIT;
	avis_buf_printf(&path, "%s/%s", rules_dir, arg);
	avis_ruleset_load(rs, path.data);
	avis_buf_free(&path);
}

bool avis_ruleset_has_profile(const avis_ruleset *rs, const char *profile)
{
	for (size_t i = 0; i < rs->n; i++)
		for (size_t k = 0; k < rs->rules[i].nprofiles; k++)
			if (strcmp(rs->rules[i].profiles[k], profile) == 0)
				return true;
	return false;
}

const avis_rule *avis_ruleset_find(const avis_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return &rs->rules[i];
	return NULL;
}

/* ---- patterns ---------------------------------------------------------- */

enum { DEFINE_DEPTH_MAX = 8 };

/* Expand {NAME} from the file's define.NAME keys, and the {NAME}s of
 * their values in turn (a define may name a lexicon: "define.MED =
 * (?:otite|{ETATS})").  False (with the reason in *bad) when a {NAME} is
 * not defined or defines nest deeper than DEFINE_DEPTH_MAX, which only a
 * cycle does; {2,4} and other quantifiers, which do not start with a
 * letter, are left alone. */
static bool expand_into(const avis_block *file, const char *src, avis_buf *out, int depth, char *bad, size_t badsz)
{
	for (const char *p = src; *p;) {
		/* not the braces of \p{Lu}, \x{e9}, \N{U+...}, \g{1}, \k{name}, \{ */
		bool escaped = (p > src && p[-1] == '\\') ||
			       (p - src >= 2 && p[-2] == '\\' && strchr("pPxoNgk", p[-1]));
		if (p[0] == '{' && (isalpha((unsigned char)p[1]) || p[1] == '_') && !escaped) {
			const char *e = p + 1;
			while (isalnum((unsigned char)*e) || *e == '_')
				e++;
			if (*e == '}') {
				char key[128];
				snprintf(key, sizeof key, "define.%.*s", (int)(e - p - 1), p + 1);
				const char *v = avis_block_get(file, key);
				if (!v || depth >= DEFINE_DEPTH_MAX) {
					snprintf(bad, badsz, "%s%.*s%s", v ? "" : "undefined ", (int)(e - p + 1), p,
						 v ? ": defines nested too deep (a cycle?)" : "");
					return false;
				}
				if (!expand_into(file, v, out, depth + 1, bad, badsz))
					return false;
				p = e + 1;
				continue;
			}
		}
		avis_buf_putc(out, *p++);
	}
	return true;
}

static bool expand_defines(const avis_block *file, const char *src, avis_buf *out, char *bad, size_t badsz)
{
	avis_buf_clear(out);
	bool ok = expand_into(file, src, out, 0, bad, badsz);
	if (!out->data)
		avis_buf_puts(out, "");
	return ok;
}

/* Compiled for PCRE2's interpreter; the JIT compiles a pattern when it
 * first runs (check.c): most patterns of a pack never run on a given
 * input (the prefilter skips them), and compiling them all to machine
 * code was most of the start-up time. */
static pcre2_code *compile_re(const char *re, size_t len, bool caseless, int *code, PCRE2_SIZE *off)
{
	/* PCRE2_USE_OFFSET_LIMIT: a list matched pattern by pattern looks
	 * for its leftmost match only where it would beat the best so far
	 * (check.c) */
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT | (caseless ? PCRE2_CASELESS : 0);
	return pcre2_compile((PCRE2_SPTR)re, len, opts, code, off, NULL);
}

static int fewer_literals(const void *a, const void *b)
{
	size_t na = ((const avis_litset *)a)->n, nb = ((const avis_litset *)b)->n;
	return (na > nb) - (na < nb);
}

/* Is literal l in nearly every text, so that a clause holding it filters
 * nothing and costs the scanner a report at each occurrence?  A lone
 * letter, digit, space or common punctuation mark ("@" or "%" are kept:
 * they are rare). */
static bool everywhere(const char *l)
{
	unsigned char c = (unsigned char)l[0];
	return l[0] && !l[1] && (isalnum(c) || strchr(" ,.'-", c));
}

/* Is literal l (give or take the spaces around it) one of the function
 * words found in nearly every review or reply, French or English?  A
 * clause holding one filters almost nothing, yet each found occurrence
 * walks all the clauses it is in: hundreds, for "votre" or "le". */
static bool function_word(const char *l)
{
	static const char *const words[] = {
		"a", "au", "aux", "ce", "ces", "cet", "cette", "d'", "de", "des", "du", "elle", "en", "est", "et",
		"il", "j'", "je", "l'", "la", "le", "les", "leur", "leurs", "m'", "ma", "me", "mes", "mon", "n'",
		"ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu'", "que", "qui", "s'", "sa",
		"se", "ses", "son", "sur", "t'", "ta", "te", "tes", "ton", "un", "une", "vos", "votre", "vous", "y",
		"an", "and", "at", "for", "in", "is", "it", "of", "on", "our", "the", "to", "we", "you", "your",
	};
	while (*l == ' ')
		l++;
	size_t n = strlen(l);
	while (n && l[n - 1] == ' ')
		n--;
	if (n > 5)              /* the longest word above: most literals stop here */
		return false;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == n && !memcmp(words[i], l, n))
			return true;
	return false;
}

static bool clause_has(const avis_litset *clause, bool (*test)(const char *))
{
	for (size_t i = 0; i < clause->n; i++)
		if (test(clause->v[i]))
			return true;
	return false;
}

static void free_clause(avis_litset *clause)
{
	for (size_t i = 0; i < clause->n; i++)
		free(clause->v[i]);
	free(clause->v);
}

/* Drop the clauses of rl that hold a literal found everywhere, and
 * those that hold a function word when another clause is left to
 * filter with (a pattern whose only clause is "votre" still runs only
 * on texts with "votre"). */
static void drop_weak_clauses(avis_reqlit *rl)
{
	size_t kept = 0, strong = 0;
	for (size_t k = 0; k < rl->n; k++)
		strong += !clause_has(&rl->all[k], everywhere) && !clause_has(&rl->all[k], function_word);
	for (size_t k = 0; k < rl->n; k++) {
		if (clause_has(&rl->all[k], everywhere) || (strong && clause_has(&rl->all[k], function_word)))
			free_clause(&rl->all[k]);
		else
			rl->all[kept++] = rl->all[k];
	}
	rl->n = kept;
}

/* Bytes of a literal the prefilter looks for: the end of a longer one
 * is in every text the whole is in, and short literals keep the
 * scanner's automaton small and let it walk a text in two halves at
 * once (litscan.c). */
enum { PREFILTER_LIT_MAX = 16 };

/* The prefilter of a pattern whose expanded source is re.  Its clauses
 * are tried in turn until one has none of its literals in the text: the
 * short ones first, they cost least. */
static avis_prefilter prefilter_of(avis_ruleset *rs, const avis_buf *re, bool caseless)
{
	avis_reqlit rl;
	/* the other patterns run on folded texts: one whitespace at a time */
	avis_reqlit_find(re->data, re->len, caseless ? AVIS_REQLIT_CASELESS : AVIS_REQLIT_ONE_SPACE, &rl);
	drop_weak_clauses(&rl);
	qsort(rl.all, rl.n, sizeof *rl.all, fewer_literals);
	avis_prefilter pf = {NULL, avis_xcalloc(rl.n + 1, sizeof *pf.start), rl.n, (uint32_t)rs->npatterns++,
			     caseless};
	size_t total = 0;
	for (size_t k = 0; k < rl.n; k++)
		total += rl.all[k].n;
	pf.lit = avis_xcalloc(total ? total : 1, sizeof *pf.lit);
	size_t at = 0;
	for (size_t k = 0; k < rl.n; k++) {
		pf.start[k] = (uint32_t)at;
		for (size_t i = 0; i < rl.all[k].n; i++) {
			const char *l = rl.all[k].v[i];
			size_t len = strlen(l);
			if (len > PREFILTER_LIT_MAX) {  /* its end: phrases start with common words */
				l += len - PREFILTER_LIT_MAX;
				len = PREFILTER_LIT_MAX;
			}
			int32_t idx = avis_strmap_get(&rs->lits, l, len);
			if (idx < 0)
				idx = (int32_t)avis_strmap_put(&rs->lits, l, len, (int32_t)avis_strmap_count(&rs->lits));
			pf.lit[at++] = (uint32_t)idx;
		}
	}
	pf.start[rl.n] = (uint32_t)at;
	avis_reqlit_free(&rl);
	return pf;
}

static void free_prefilter(avis_prefilter *pf)
{
	free(pf->lit);
	free(pf->start);
	memset(pf, 0, sizeof *pf);
}

/* Does the pattern (compiled as c from re) refer to its groups by
 * number: back-references, or recursion, subroutine calls and
 * conditions, which PCRE2 does not report and are read from re? */
static bool numbered_refs(const pcre2_code *c, const char *re)
{
	uint32_t backrefs = 0;
	pcre2_pattern_info(c, PCRE2_INFO_BACKREFMAX, &backrefs);
	if (backrefs)
		return true;
	for (const char *p = re; *p; p++) {
		if (p[0] == '\\' && p[1]) {
			if (p[1] == 'g')
				return true;    /* \g<1>, \g'name', \g{-1} */
			p++;
			continue;
		}
		if (p[0] != '(' || p[1] != '?')
			continue;
		char a = p[2], b = a ? p[3] : '\0';
		if ((a && strchr("R&(", a)) || (a == 'P' && b == '>') || isdigit((unsigned char)a) ||
		    ((a == '+' || a == '-') && isdigit((unsigned char)b)))
			return true;    /* (?R), (?&name), (?(1)...), (?P>name), (?1), (?-1) */
	}
	return false;
}

static bool compile_pattern(avis_ruleset *rs, const avis_block *file, const char *path,
			    const avis_rule *r, const avis_kv *kv, avis_patterns *into, avis_buf *all)
{
	avis_buf re = AVIS_BUF_INIT;
	char bad[160];
	if (!expand_defines(file, kv->value, &re, bad, sizeof bad)) {
		RULE_ERROR(rs, path, kv->line, "rule %s: %s: %s", r->id, kv->key, bad);
		avis_buf_free(&re);
		return false;
	}
	int code;
	PCRE2_SIZE off;
	pcre2_code *c = compile_re(re.data, re.len, r->original, &code, &off);
	avis_buf_printf(all, "%s(?:%s)", all->len ? "|" : "", re.data);
	if (!c) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		RULE_ERROR(rs, path, kv->line, "rule %s: %s: bad regex at offset %zu: %s",
			   r->id, kv->key, (size_t)off, (char *)msg);
		avis_buf_free(&re);
		return false;
	}
	avis_prefilter pf = prefilter_of(rs, &re, r->original);
	bool numbered = numbered_refs(c, re.data);
	avis_buf_free(&re);
	into->v = avis_xrealloc(into->v, (into->n + 1) * sizeof *into->v);
	into->v[into->n++] = (avis_pattern){avis_xstrndup(kv->value, strlen(kv->value)), c, kv->line, pf, numbered};
	return true;
}

/* Does a pattern of the list let PCRE2 skip ahead on its own (a known
 * first or required code unit)?  Joining would lose that. */
static bool has_start_hint(const avis_patterns *p)
{
	for (size_t i = 0; i < p->n; i++) {
		uint32_t first = 0, last = 0;
		pcre2_pattern_info(p->v[i].code, PCRE2_INFO_FIRSTCODETYPE, &first);
		pcre2_pattern_info(p->v[i].code, PCRE2_INFO_LASTCODETYPE, &last);
		if (first == 1 || last == 1)
			return true;
	}
	return false;
}

static bool any_numbered(const avis_patterns *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].numbered)
			return true;
	return false;
}

static void free_patterns(avis_patterns *p)
{
	if (p->n > 1 && p->joined)
		pcre2_code_free(p->all.code);
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].src);
		pcre2_code_free(p->v[i].code);
		free_prefilter(&p->v[i].pre);
	}
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

/* ---- one rule ---------------------------------------------------------- */

static void split_words(const char *s, char ***list, size_t *n)
{
	const char *p = s;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		const char *start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != ',')
			p++;
		if (p > start) {
			*list = avis_xrealloc(*list, (*n + 1) * sizeof **list);
			(*list)[(*n)++] = avis_xstrndup(start, (size_t)(p - start));
		}
	}
}

static void free_rule(avis_rule *r)
{
	free(r->id);
	free(r->message);
	free(r->ref);
	free_patterns(&r->match);
	free_patterns(&r->unless);
	free_patterns(&r->review_match);
	free_patterns(&r->echo);
	free_patterns(&r->echo_group);
	free(r->when_src);
	avis_cond_free(r->when);
	free_patterns(&r->escalate);
	free(r->escalate_when_src);
	avis_cond_free(r->escalate_when);
	free(r->or_when_src);
	avis_cond_free(r->or_when);
	free(r->warn_if_in);
	free(r->model_file);
	for (size_t i = 0; i < r->nneeds; i++)
		free(r->needs[i]);
	free(r->needs);
	for (size_t i = 0; i < r->nprofiles; i++)
		free(r->profiles[i]);
	free(r->profiles);
	free(r->example_now);
	for (size_t i = 0; i < r->nexamples; i++)
		free(r->examples[i].text);
	free(r->examples);
	memset(r, 0, sizeof *r);
}

static char *dup_value(const avis_kv *kv)
{
	return avis_xstrndup(kv->value, strlen(kv->value));
}

/* The keys that say what the rule is; false on the first error. */
/* A condition key (when, escalate-when, or-when): one per rule, parsed
 * into *cond with its source text kept for --explain. */
static bool read_condition(avis_ruleset *rs, const char *path, const avis_kv *kv, const avis_rule *r, char **src,
			   avis_cond **cond)
{
	if (*src) {
		RULE_ERROR(rs, path, kv->line, "rule %s: only one '%s'%s", r->id, kv->key,
			   strcmp(kv->key, "when") == 0 ? " (join conditions with &&)" : "");
		return false;
	}
	char err[256];
	*src = dup_value(kv);
	*cond = avis_cond_parse(kv->value, err, sizeof err);
	if (!*cond) {
		RULE_ERROR(rs, path, kv->line, "rule %s: %s: %s", r->id, kv->key, err);
		return false;
	}
	return true;
}

/* A file named in a rule file (lexicon.NAME = FILE, model = FILE),
 * relative to the rule file's directory unless absolute. */
static char *beside_rule_file(const char *rule_file, const char *name)
{
	avis_buf b = AVIS_BUF_INIT;
	const char *slash = strrchr(rule_file, '/');
	if (name[0] != '/' && slash)
		avis_buf_put(&b, rule_file, (size_t)(slash - rule_file + 1));
	avis_buf_puts(&b, name);
	return b.data;
}

/* model = FILE: the model is read into the rule set's table (model.h). */
static bool read_model(avis_ruleset *rs, const char *path, const avis_kv *kv, avis_rule *r)
{
	if (r->model_file) {
		RULE_ERROR(rs, path, kv->line, "rule %s: one model per rule", r->id);
		return false;
	}
	r->model_file = dup_value(kv);
	char *file = beside_rule_file(path, r->model_file);
	if (!rs->models)
		rs->models = avis_models_new();
	char *err;
	unsigned long line;
	r->model = avis_models_load(rs->models, file, &err, &line);
	if (r->model < 0) {
		if (line)
			RULE_ERROR(rs, file, line, "%s (model of rule %s)", err, r->id);
		else
			RULE_ERROR(rs, path, kv->line, "rule %s: %s: %s", r->id, file, err);
		free(err);
	}
	free(file);
	return r->model >= 0;
}

static bool read_scalars(avis_ruleset *rs, const char *path, const avis_block *b, avis_rule *r)
{
	bool ok = true, seen_level = false, seen_target = false;
	for (size_t i = 0; i < b->nkv; i++) {
		const avis_kv *kv = &b->kv[i];
		const char *k = kv->key, *v = kv->value;
		bool known = false;
		for (const char *const *kk = known_keys; *kk; kk++)
			known = known || strcmp(*kk, k) == 0;
		if (!known) {
			RULE_ERROR(rs, path, kv->line, "rule %s: unknown key '%s'", r->id, k);
			ok = false;
		} else if (strcmp(k, "level") == 0) {
			seen_level = true;
			if (!avis_level_parse(v, &r->level)) {
				RULE_ERROR(rs, path, kv->line, "rule %s: level must be info, warning or error, not '%s'", r->id, v);
				ok = false;
			}
		} else if (strcmp(k, "target") == 0) {
			seen_target = true;
			if (!parse_target(v, &r->target)) {
				RULE_ERROR(rs, path, kv->line, "rule %s: target must be review, reply or thread, not '%s'", r->id, v);
				ok = false;
			}
		} else if (strcmp(k, "message") == 0 && !r->message) {
			r->message = dup_value(kv);
		} else if (strcmp(k, "ref") == 0 && !r->ref) {
			r->ref = dup_value(kv);
		} else if (strcmp(k, "unless-scope") == 0) {
			r->unless_whole = strcmp(v, "target") == 0;
			if (!r->unless_whole && strcmp(v, "sentence") != 0) {
				RULE_ERROR(rs, path, kv->line, "rule %s: unless-scope must be sentence or target", r->id);
				ok = false;
			}
		} else if (strcmp(k, "text") == 0) {
			r->original = strcmp(v, "original") == 0;
			if (!r->original && strcmp(v, "folded") != 0) {
				RULE_ERROR(rs, path, kv->line, "rule %s: text must be folded or original", r->id);
				ok = false;
			}
		} else if (strcmp(k, "mode") == 0) {
			r->absent = strcmp(v, "absent") == 0;
			if (!r->absent && strcmp(v, "present") != 0) {
				RULE_ERROR(rs, path, kv->line, "rule %s: mode must be present or absent", r->id);
				ok = false;
			}
		} else if (strcmp(k, "when") == 0) {
			ok = read_condition(rs, path, kv, r, &r->when_src, &r->when) && ok;
		} else if (strcmp(k, "escalate-when") == 0) {
			ok = read_condition(rs, path, kv, r, &r->escalate_when_src, &r->escalate_when) && ok;
		} else if (strcmp(k, "or-when") == 0) {
			ok = read_condition(rs, path, kv, r, &r->or_when_src, &r->or_when) && ok;
		} else if (strcmp(k, "warn-if-in") == 0) {
			free(r->warn_if_in);
			r->warn_if_in = dup_value(kv);
		} else if (strcmp(k, "model") == 0) {
			ok = read_model(rs, path, kv, r) && ok;
		} else if (strcmp(k, "needs") == 0) {
			split_words(v, &r->needs, &r->nneeds);
		} else if (strcmp(k, "profile") == 0) {
			split_words(v, &r->profiles, &r->nprofiles);
		} else if (strcmp(k, "example-now") == 0) {
			free(r->example_now);
			r->example_now = dup_value(kv);
		} else if (strcmp(k, "example+") == 0 || strcmp(k, "example-") == 0) {
			r->examples = avis_xrealloc(r->examples, (r->nexamples + 1) * sizeof *r->examples);
			r->examples[r->nexamples++] = (avis_example){dup_value(kv), k[7] == '+', kv->line};
		}
	}
	if (!seen_level || !seen_target || !r->message) {
		RULE_ERROR(rs, path, r->line, "rule %s: missing %s", r->id,
			   !seen_level ? "level" : !seen_target ? "target" : "message");
		ok = false;
	}
	return ok;
}

static bool read_patterns(avis_ruleset *rs, const char *path, const avis_block *file,
			  const avis_block *b, avis_rule *r)
{
	bool ok = true;
	/* echo-group last: its patterns are one group each, run one by one */
	avis_patterns *kinds[] = {&r->match, &r->unless, &r->review_match, &r->echo, &r->escalate, &r->echo_group};
	static const char *const keys[] = {"match", "unless", "review-match", "echo", "escalate", "echo-group"};
	enum { KINDS = sizeof keys / sizeof keys[0] };
	avis_buf all[KINDS] = {AVIS_BUF_INIT, AVIS_BUF_INIT, AVIS_BUF_INIT, AVIS_BUF_INIT, AVIS_BUF_INIT, AVIS_BUF_INIT};
	uint32_t next_id = (uint32_t)rs->npatterns;
	for (size_t i = 0; i < b->nkv; i++) {
		const avis_kv *kv = &b->kv[i];
		for (int k = 0; k < KINDS; k++)
			if (strcmp(kv->key, keys[k]) == 0 && !compile_pattern(rs, file, path, r, kv, kinds[k], &all[k]))
				ok = false;
	}
	/* The block's patterns took the ids next_id... in the order of its
	 * lines, kinds mixed: renumbered list by list, each list's ids
	 * follow one another. */
	for (int k = 0; k < KINDS; k++) {
		kinds[k]->first_id = next_id;
		for (size_t i = 0; i < kinds[k]->n; i++)
			kinds[k]->v[i].pre.id = next_id++;
	}
	for (int k = 0; k < KINDS; k++) {
		avis_patterns *p = kinds[k];
		if (ok && p->n == 1)
			p->all = p->v[0];
		if (ok && p->n > 1 && (any_numbered(p) || p == &r->echo_group)) {
			/* one by one: the group numbers hold; each echo group
			 * is looked for in both texts on its own */
			p->joined = false;
		} else if (ok && p->n > 1 && has_start_hint(p)) {
			p->joined = false;      /* one by one: each skips ahead on its own */
		} else if (ok && p->n > 1) {
			int code;
			PCRE2_SIZE off;
			p->joined = true;
			p->all = (avis_pattern){NULL, compile_re(all[k].data, all[k].len, r->original, &code, &off),
						p->v[0].line, {.id = (uint32_t)rs->npatterns++}, false};
			if (!p->all.code) {
				/* each compiles, the whole does not (past PCRE2's
				 * size limit): matched one by one, the same
				 * findings.  Not worth a lint: with the prefilter,
				 * the fr pack unjoined costs the same on the bench
				 * (callgrind, 3000 records, within 0.1 %). */
				p->joined = false;
			}
		}
		avis_buf_free(&all[k]);
	}
	return ok;
}

static bool check_shape(avis_ruleset *rs, const char *path, avis_rule *r)
{
	const char *why = NULL;
	if (r->or_when && (!r->match.n || r->absent))
		why = "or-when is an alternative to match: it needs a match (without mode = absent)";
	else if (!r->match.n && !r->when && !r->review_match.n && !r->echo.n && !r->echo_group.n)
		why = "needs at least one of match, when, review-match, echo, echo-group";
	else if (r->absent && !r->match.n)
		why = "mode = absent needs a match";
	else if ((r->review_match.n || r->echo.n || r->echo_group.n) && r->target != AVIS_TARGET_THREAD)
		why = "review-match, echo and echo-group are for target = thread";
	else if ((r->echo.n || r->echo_group.n) && r->match.n)
		why = "echo and echo-group find the rule's match: no match with them";
	else if (r->warn_if_in && !r->match.n && !r->echo.n && !r->echo_group.n)
		why = "warn-if-in reads the matched text: it needs a match, an echo or an echo-group";
	else if (r->model_file && (r->target == AVIS_TARGET_THREAD || !r->match.n || r->absent || r->original))
		why = "a model reads the folded review or reply beside the rule's match: it needs "
		      "target = review or reply, a match, and neither mode = absent nor text = original";
	if (why)
		RULE_ERROR(rs, path, r->line, "rule %s: %s", r->id, why);
	return !why;
}

static void lint_rule(avis_ruleset *rs, const char *path, const avis_rule *r)
{
	size_t pos = 0, neg = 0;
	for (size_t i = 0; i < r->nexamples; i++)
		r->examples[i].positive ? pos++ : neg++;
	if (pos < 2)
		LINT(rs, path, r->line, "rule %s: %zu example+ (at least 2 wanted)", r->id, pos);
	if (neg < 1)
		LINT(rs, path, r->line, "rule %s: no example- (a near miss that must not fire)", r->id);
	if (!r->ref)
		LINT(rs, path, r->line, "rule %s: no ref (the legal or ordinal reference)", r->id);
}

static void load_block(avis_ruleset *rs, const char *path, const avis_block *file, const avis_block *b)
{
	avis_rule r = {0};
	r.id = avis_xstrndup(b->id, strlen(b->id));
	r.file = path;
	r.line = b->line;
	r.model = -1;
	const avis_rule *dup = avis_ruleset_find(rs, b->id);
	if (dup) {
		RULE_ERROR(rs, path, b->line, "rule %s: duplicate id (first at %s:%lu)", r.id, dup->file, dup->line);
		free_rule(&r);
		return;
	}
	bool ok = read_scalars(rs, path, b, &r);
	ok = read_patterns(rs, path, file, b, &r) && ok;
	ok = ok && check_shape(rs, path, &r);
	if (!ok) {
		free_rule(&r);
		return;
	}
	lint_rule(rs, path, &r);
	rs->rules = avis_xrealloc(rs->rules, (rs->n + 1) * sizeof *rs->rules);
	rs->rules[rs->n++] = r;
}

/* The NAME of define.NAME or lexicon.NAME; NULL for any other key. */
static const char *macro_name(const char *key)
{
	if (strncmp(key, "define.", 7) == 0)
		return key + 7;
	if (strncmp(key, "lexicon.", 8) == 0)
		return key + 8;
	return NULL;
}

static void check_file_keys(avis_ruleset *rs, const char *path, const avis_block *file)
{
	for (size_t i = 0; i < file->nkv; i++) {
		const char *name = macro_name(file->kv[i].key);
		if (!name) {
			RULE_ERROR(rs, path, file->kv[i].line,
				   "unknown file-level key '%s' (only define.NAME and lexicon.NAME before the first [id])",
				   file->kv[i].key);
			continue;
		}
		/* {NAME} would take the first: a second one is a mistake
		 * (two authors picking one name), never what was meant */
		for (size_t j = 0; j < i; j++) {
			const char *other = macro_name(file->kv[j].key);
			if (other && strcmp(other, name) == 0) {
				RULE_ERROR(rs, path, file->kv[i].line, "%s defined twice (first at line %lu)",
					   file->kv[i].key, (unsigned long)file->kv[j].line);
				break;
			}
		}
	}
}

static void wordlist_diag(void *ctx, const char *file, unsigned long line, const char *msg)
{
	avis_ruleset *rs = ctx;
	report(rs, file, line, "%s", msg);
}

/* Each lexicon.NAME = FILE becomes define.NAME = the term list's
 * alternation (wordlist.h), so that {NAME} expands like any define. */
static void read_lexicons(avis_ruleset *rs, const char *path, avis_block *file)
{
	size_t n = file->nkv;
	for (size_t i = 0; i < n; i++) {
		if (strncmp(file->kv[i].key, "lexicon.", 8) != 0)
			continue;
		char *list = beside_rule_file(path, file->kv[i].value);
		avis_wordlist_report rep = {wordlist_diag, rs->lint ? wordlist_diag : NULL, rs, 0, 0};
		avis_buf re = AVIS_BUF_INIT;
		avis_wordlist_read(list, &re, &rep);
		rs->errors += rep.errors;
		rs->lint_findings += rep.lint_findings;
		free(list);
		avis_buf key = AVIS_BUF_INIT;
		avis_buf_printf(&key, "define.%s", file->kv[i].key + 8);
		file->kv = avis_xrealloc(file->kv, (file->nkv + 1) * sizeof *file->kv);
		file->kv[file->nkv++] = (avis_kv){key.data, re.data, file->kv[i].line};
	}
}

static void load_file(avis_ruleset *rs, const char *path)
{
	char err[1024];
	avis_blockfile *f = avis_blockfile_load(path, err, sizeof err);
	if (!f) {
		RULE_ERROR(rs, NULL, 0, "%s", err);
		return;
	}
	rs->files = avis_xrealloc(rs->files, (rs->nfiles + 1) * sizeof *rs->files);
	char *owned = avis_xstrndup(path, strlen(path));
	rs->files[rs->nfiles++] = owned;
	check_file_keys(rs, owned, &f->blocks[0]);
	read_lexicons(rs, owned, &f->blocks[0]);
	for (size_t i = 1; i < f->nblocks; i++)
		load_block(rs, owned, &f->blocks[0], &f->blocks[i]);
	if (f->nblocks == 1)
		LINT(rs, owned, 0, "no rules in this file");
	avis_blockfile_free(f);
}

void avis_ruleset_load(avis_ruleset *rs, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		load_file(rs, path);
		return;
	}
	char err[1024];
	size_t n;
	char **list = avis_list_files(path, ".rules", &n, err, sizeof err);
	if (!list) {
		RULE_ERROR(rs, NULL, 0, "%s", err);
		return;
	}
	if (n == 0)
		RULE_ERROR(rs, path, 0, "no *.rules file in this directory");
	for (size_t i = 0; i < n; i++)
		load_file(rs, list[i]);
	avis_free_list(list, n);
}

void avis_ruleset_free(avis_ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free_rule(&rs->rules[i]);
	free(rs->rules);
	for (size_t i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->files);
	avis_strmap_free(&rs->lits);
	avis_models_free(rs->models);
	rs->models = NULL;
	rs->rules = NULL;
	rs->files = NULL;
	rs->n = rs->nfiles = 0;
}

/* ---- listing ------------------------------------------------------------ */

void avis_rule_list_line(FILE *out, const avis_rule *r)
{
	fprintf(out, "%s\t%s\t%s\t%s\n", r->id, avis_level_name(r->level), avis_target_name(r->target),
		r->message);
}

static void explain_patterns(FILE *out, const char *key, const avis_patterns *p)
{
	for (size_t i = 0; i < p->n; i++)
		fprintf(out, "  %-13s %s\n", key, p->v[i].src);
}

void avis_rule_explain(FILE *out, const avis_ruleset *rs, const avis_rule *r)
{
	fprintf(out, "%s  (%s:%lu)\n", r->id, r->file, r->line);
	fprintf(out, "  %-13s %s\n  %-13s %s\n", "level", avis_level_name(r->level), "target",
		avis_target_name(r->target));
	fprintf(out, "  %-13s %s\n", "message", r->message);
	fprintf(out, "  %-13s %s\n", "ref", r->ref ? r->ref : "(none)");
	for (size_t i = 0; i < r->nprofiles; i++)
		fprintf(out, "  %-13s %s\n", "profile", r->profiles[i]);
	for (size_t i = 0; i < r->nneeds; i++)
		fprintf(out, "  %-13s %s\n", "needs", r->needs[i]);
	if (r->when_src)
		fprintf(out, "  %-13s %s\n", "when", r->when_src);
	if (r->original)
		fprintf(out, "  %-13s original (not folded)\n", "text");
	if (r->absent)
		fprintf(out, "  %-13s absent: fires when no match is found\n", "mode");
	explain_patterns(out, "review-match", &r->review_match);
	explain_patterns(out, "echo", &r->echo);
	explain_patterns(out, "echo-group", &r->echo_group);
	explain_patterns(out, "match", &r->match);
	explain_patterns(out, "unless", &r->unless);
	explain_patterns(out, "escalate", &r->escalate);
	if (r->escalate_when_src)
		fprintf(out, "  %-13s %s\n", "escalate-when", r->escalate_when_src);
	if (r->or_when_src)
		fprintf(out, "  %-13s %s (fires without a match)\n", "or-when", r->or_when_src);
	if (r->warn_if_in)
		fprintf(out, "  %-13s %s (warning when the match's last word is in it)\n", "warn-if-in", r->warn_if_in);
	if (r->model >= 0)
		fprintf(out, "  %-13s %s (with --models: fires without a match on a sentence at probability %g or more; %zu weights)\n", "model",
			r->model_file, avis_models_threshold(rs->models, r->model), avis_models_weights(rs->models, r->model));
	if (r->unless.n)
		fprintf(out, "  %-13s %s\n", "unless-scope", r->unless_whole ? "target" : "sentence");
	for (size_t i = 0; i < r->nexamples; i++)
		fprintf(out, "  %-13s %s\n", r->examples[i].positive ? "example+" : "example-",
			r->examples[i].text);
}
