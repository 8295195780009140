/* cond — the `when` condition language of rule files.
 *
 * Owns: parsing a condition into a tree once, at load time, and
 * evaluating it against one record.  The language (avis-rules(5)):
 *
 *     expr    := and ( "||" and )*
 *     and     := unary ( "&&" unary )*
 *     unary   := "!" unary | primary
 *     primary := "(" expr ")" | operand [ CMP operand ]
 *     CMP     := "==" | "!=" | "<" | "<=" | ">" | ">="
 *     operand := NUMBER | "STRING" | 'STRING' | true | false | null
 *              | fired("rule.id") | PATH
 *     PATH    := a dotted field path: rating, reply.delay_hours, ...
 *
 * An operand alone is a test: true when the value exists and is not
 * null, false, 0 or "" (so `reply` means "there is a reply").  Numbers
 * compare as numbers, strings as byte strings (ISO dates order
 * correctly); any comparison with a missing value or between a number
 * and a string is false, so `!(x < 3)` is true when x is missing.
 * fired("id") is true when the rule id has fired on this record.
 *
 * Values come from the caller through avis_cond_env (record fields and
 * the derived fields of check.h); the module knows no field names.
 */
#ifndef AVIS_COND_H
#define AVIS_COND_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

typedef struct avis_cond avis_cond;

typedef struct {
	/* The value at path, or NULL when there is none (borrowed). */
	json_t *(*lookup)(void *ctx, const char *path);
	/* Has rule id fired on this record? */
	bool (*fired)(void *ctx, const char *id);
	void *ctx;
} avis_cond_env;

/* Parse src.  NULL on error, with err holding "column N: message". */
avis_cond *avis_cond_parse(const char *src, char *err, size_t errsz);
bool avis_cond_eval(const avis_cond *c, const avis_cond_env *env);
void avis_cond_free(avis_cond *c);

/* Does the condition read a field path that is prefix or starts with
 * "prefix."?  (To know which rules need `sentiment`.) */
bool avis_cond_uses(const avis_cond *c, const char *prefix);

#endif
