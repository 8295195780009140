/* check — applying a rule set to review records.
 *
 * Owns: which rules are active (profile, --only, --skip, needs), the
 * texts rules match (folded with text.h, the same form as avis-norm's
 * `norm`, with the offset map that takes a match back to the original
 * text), the derived fields conditions may read, running the patterns
 * under PCRE2 match and depth limits, and the `findings` array added to
 * each record.  Also the self-test of rule examples.
 *
 * Derived fields (computed at most once per record, read by `when`):
 *   reply.delay_hours   reply.date - date, in hours (ISO 8601 dates;
 *                       a date without a time is midnight UTC)
 *   reply.delay_days    the same in days
 *   age_days            now - date, in days (now: --now, else the clock)
 *   scan_age_days       now - platform.last_scan, in days
 *   letters, caps_ratio             letters in `text`, and the share of
 *   reply.letters, reply.caps_ratio them that are upper case (reply text)
 *   author_seen         records of the same author and subject earlier in
 *                       the stream (0 for the first)
 *
 * A finding: {"rule","level","target","span":[start,end],"match",
 * "message","ref"}; span counts Unicode characters (code points) of the
 * original text (`text`, or `reply.text` for reply and thread rules),
 * end excluded; span and match are left out for rules that fire on a
 * condition alone or on an absence.  One finding per rule and record:
 * the first match that no `unless` excuses.
 *
 * The prefilter: most patterns cannot match without some literal words
 * (rules.h, reqlit.h).  Before a pattern runs on a folded text, its
 * literals are looked up in the text (once per record and literal); when
 * a required one is missing the pattern is not run, since it could not
 * match.  Same findings, less time; no_prefilter turns it off.
 *
 * Word models (model.h): a rule with a model whose patterns found nothing
 * fires when its model's score on a sentence of the folded target text
 * reaches the model's threshold; every model is scored at once, sentence
 * by sentence, on a text's first need, once per record.  The finding's
 * span is the sentence that scores highest; an `unless` there excuses
 * it.  Off unless opts.models.
 */
#ifndef AVIS_CHECK_H
#define AVIS_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "buf.h"
#include "rules.h"

#define AVIS_DEFAULT_PROFILE "cnom-2018"

typedef struct {
	const char *profile;      /* NULL: AVIS_DEFAULT_PROFILE */
	char **only, **skip;      /* fnmatch globs on rule ids */
	size_t nonly, nskip;
	avis_level min_level;     /* findings below it are not reported */
	double now;               /* seconds since the epoch, UTC */
	uint32_t match_limit;     /* 0: a default that keeps a record under ~1 s */
	uint32_t depth_limit;
	bool no_prefilter;        /* run every pattern (for testing the prefilter) */
	bool models;              /* also the rules' word models (off by default) */
} avis_check_opts;

/* Where run-time problems go (a pattern that hit a limit, a rule skipped
 * for lack of a field): file and line of the rule or record. */
typedef void (*avis_check_diag)(void *ctx, bool error, const char *file, unsigned long line,
				const char *msg);

typedef struct avis_checker avis_checker;

/* rs, with its strings, must outlive the checker and not change while it
 * is used: the checker knows condition operands by their address. */
avis_checker *avis_checker_new(const avis_ruleset *rs, const avis_check_opts *o,
			       avis_check_diag diag, void *ctx);
void avis_checker_free(avis_checker *c);

/* Is rule r active under the options (profile, only, skip)? */
bool avis_check_active(const avis_checker *c, const avis_rule *r);

/* Apply the active rules to rec and set rec's `findings` (replacing an
 * older one).  Returns the number of findings; *worst receives the
 * highest level found (untouched when none).  file/line name the record
 * in messages. */
size_t avis_check_record(avis_checker *c, json_t *rec, const char *file, unsigned long line,
			 avis_level *worst);

/* The same, but rec is left as it is: the JSON text of its findings
 * (the array avis_check_record would set, in the bytes Jansson writes
 * for it) is appended to text, for avis_write_record_with (jsonl.h).
 * The strings that findings share are encoded once per rule
 * (findings.h), not once per finding.  A record that holds `findings`
 * already (checked before) gets the new ones in their place, as values,
 * and nothing is appended to text. */
size_t avis_check_record_text(avis_checker *c, json_t *rec, const char *file, unsigned long line,
			      avis_level *worst, avis_buf *text);

/* Run every example of every rule (all rules active, whatever the
 * options) and report each failure as FILE:LINE through diag.  Returns
 * the number of failures; *total receives the number of examples. */
size_t avis_check_self_test(avis_checker *c, size_t *total);

/* Parse an ISO 8601 date or date-time (YYYY-MM-DD[THH:MM[:SS[.f]]][Z|±HH:MM])
 * into seconds since the epoch.  False when s is not one. */
bool avis_parse_time(const char *s, size_t len, double *t);

#endif
