/* rules — loading deontology rule files into a rule set.
 *
 * Owns: the meaning of the keys of a rule file (avis-rules(5)), checking
 * them, compiling every pattern once (PCRE2 with UTF, UCP and JIT) and
 * every `when` condition once (cond.h), the prefilter literals of each
 * pattern (reqlit.h), and the lint checks.  A rule with
 * an error is reported as FILE:LINE: message and left out; the others
 * load (the caller may stop instead: --strict).  Applying rules to
 * records is check.h's business.
 *
 * File-level keys (before the first [id]):
 *     define.NAME = regex     {NAME} in any pattern of the file expands to it
 *     lexicon.NAME = FILE     {NAME} expands to the term list FILE (wordlist.h),
 *                             a path relative to the rule file's directory
 * Rule keys: level, target, message, ref, match, unless, unless-scope,
 *     review-match, echo, echo-group, escalate, escalate-when, when, needs, text,
 *     mode, profile, model, example+, example-, example-now.
 * A rule's model (model.h) is read into the rule set's shared table.
 */
#ifndef AVIS_RULES_H
#define AVIS_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "cond.h"
#include "model.h"
#include "strmap.h"

typedef enum { AVIS_INFO, AVIS_WARNING, AVIS_ERROR } avis_level;
typedef enum { AVIS_TARGET_REVIEW, AVIS_TARGET_REPLY, AVIS_TARGET_THREAD } avis_target;

/* The prefilter of a pattern (check.h): literals it cannot match
 * without, found by reqlit.h, as indexes into the rule set's `lits`.
 * Clause k is lit[start[k]] .. lit[start[k + 1] - 1]: every match
 * contains one literal of each clause.  No clause: nothing known.  For
 * text = original (caseless) rules the literals are in lower case, to be
 * looked up as reqlit.h says. */
typedef struct {
	uint32_t *lit;
	uint32_t *start;        /* nclauses + 1 entries */
	size_t nclauses;
	uint32_t id;            /* this pattern's number in the rule set */
	bool caseless;          /* literals of a caseless pattern (reqlit.h) */
} avis_prefilter;

typedef struct {
	char *src;              /* as written, before {NAME} expansion */
	pcre2_code *code;
	unsigned long line;
	avis_prefilter pre;
	/* refers to groups by number (back-references, recursion,
	 * conditions): the numbers would change in a joined alternation */
	bool numbered;
} avis_pattern;

typedef struct {
	avis_pattern *v;
	size_t n;
	/* All n patterns as one alternation (?:p1)|(?:p2)|..., so that a
	 * text is scanned once per rule rather than once per pattern; its
	 * line is the first pattern's.  Equal to v[0] when n == 1. */
	avis_pattern all;
	/* Match with `all` (true) or pattern by pattern: joining is slower
	 * when a pattern has a first or required code unit, which PCRE2
	 * uses to skip ahead and an alternation loses, and wrong when a
	 * pattern refers to its groups by number.  `all` is made only for
	 * a joined list (and is v[0] when n == 1). */
	bool joined;
	/* The prefilter ids of v[] are first_id, first_id + 1, ... (the
	 * checker finds a list's runnable patterns in a bit set by id). */
	uint32_t first_id;
} avis_patterns;

typedef struct {
	char *text;             /* a target text, or a JSON record if it starts with '{' */
	bool positive;          /* example+ (must fire) or example- (must not) */
	unsigned long line;
} avis_example;

typedef struct {
	char *id;
	const char *file;       /* owned by the rule set */
	unsigned long line;
	avis_level level;
	avis_target target;
	char *message, *ref;
	avis_patterns match;    /* any may fire (on the target text) */
	avis_patterns unless;   /* exceptions */
	bool unless_whole;      /* unless-scope = target (default: sentence) */
	avis_patterns review_match; /* thread rules: the review must match one */
	avis_patterns echo;     /* thread rules: a term found in both texts */
	avis_patterns echo_group; /* thread rules: each one group of words that
				   * say the same; one found in both texts */
	avis_patterns escalate; /* found in the target text too: level error */
	char *escalate_when_src;
	avis_cond *escalate_when; /* holds too: level error */
	char *or_when_src;
	avis_cond *or_when;     /* fires without a match when this holds */
	char *warn_if_in;       /* field: the match's last word found in it
				 * makes the finding a warning */
	bool original;          /* text = original: match the original text */
	bool absent;            /* mode = absent: fire when nothing matches */
	int model;              /* its word model in the rule set's models, or -1 */
	char *model_file;       /* as written */
	char *when_src;
	avis_cond *when;
	char **needs;           /* fields the rule cannot work without */
	size_t nneeds;
	char **profiles;        /* empty: every profile */
	size_t nprofiles;
	char *example_now;      /* --now for this rule's examples */
	avis_example *examples;
	size_t nexamples;
} avis_rule;

/* Where load and lint problems go: file, line (0: none), message. */
typedef void (*avis_rules_diag)(void *ctx, const char *file, unsigned long line, const char *msg);

typedef struct {
	avis_rule *rules;
	size_t n;
	char **files;           /* every file loaded, for the rules' file */
	size_t nfiles;
	avis_rules_diag diag;
	void *diag_ctx;
	unsigned long errors;   /* problems reported while loading */
	bool lint;              /* also report lint findings (--lint) */
	unsigned long lint_findings;
	avis_strmap lits;       /* the prefilters' literals, each once */
	size_t npatterns;       /* patterns (and joined lists) numbered by their prefilter's id */
	avis_models *models;    /* the rules' word models; NULL until one is read */
} avis_ruleset;

void avis_ruleset_init(avis_ruleset *rs, avis_rules_diag diag, void *ctx);
/* Load a rule file, or every *.rules file of a directory (sorted).
 * Problems are reported through diag and counted in rs->errors. */
void avis_ruleset_load(avis_ruleset *rs, const char *path);
/* A --rules argument: a path (it exists, or has a '/'), else the name of
 * a pack in rules_dir. */
void avis_ruleset_load_pack(avis_ruleset *rs, const char *rules_dir, const char *arg);
/* Does a loaded rule name this profile? */
bool avis_ruleset_has_profile(const avis_ruleset *rs, const char *profile);
void avis_ruleset_free(avis_ruleset *rs);

const avis_rule *avis_ruleset_find(const avis_ruleset *rs, const char *id);

/* --list: "id<TAB>level<TAB>target<TAB>message" (one line). */
void avis_rule_list_line(FILE *out, const avis_rule *r);
/* --explain: the rule of rs, its reference, its conditions and its
 * examples (rs: for its word model). */
void avis_rule_explain(FILE *out, const avis_ruleset *rs, const avis_rule *r);

const char *avis_level_name(avis_level l);
/* false when name is not info, warning or error. */
bool avis_level_parse(const char *name, avis_level *l);
const char *avis_target_name(avis_target t);

#endif
