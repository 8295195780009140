/* findings — what avis-check found on one record, and its JSON.
 *
 * Owns: the list of the current record's findings (rule, level, and the
 * match as a byte range of the original text), and their two JSON forms,
 * which are the same bytes once written:
 *   - values, an array for the record's `findings` (the library's form);
 *   - text, the same array already encoded, for a writer that appends it
 *     to the record's own text (avis_write_record_with, jsonl.h).  The
 *     strings a rule's findings share (id, level, target, message, ref)
 *     are encoded by Jansson once, when the list is made, instead of once
 *     per finding: findings often weigh as much as the record itself.
 *
 * Finding fields, in this order: rule, level, target, span (code points
 * of the original text, [start, end)), match, message, ref (the last
 * only when the rule has one).  ../shared/DESIGN.md, avis-check(1).
 */
#ifndef AVIS_FINDINGS_H
#define AVIS_FINDINGS_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"
#include "rules.h"

typedef struct {
	size_t rule;            /* index in the rule set */
	avis_level level;
	const char *text;       /* the original text matched; NULL: no span */
	size_t start, end;      /* the match: bytes of text */
} avis_finding;

typedef struct avis_findings avis_findings;

avis_findings *avis_findings_new(const avis_ruleset *rs);
void avis_findings_free(avis_findings *f);

void avis_findings_clear(avis_findings *f);
void avis_findings_add(avis_findings *f, const avis_finding *x);
const avis_finding *avis_findings_get(const avis_findings *f, size_t i);

/* The JSON value of finding x, or of them all (a new array). */
json_t *avis_finding_json(const avis_findings *f, const avis_finding *x);
json_t *avis_findings_json(const avis_findings *f);

/* Append to out the compact JSON text of the array avis_findings_json
 * would give, byte for byte. */
void avis_findings_text(const avis_findings *f, avis_buf *out);

#endif
