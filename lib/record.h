/* record — reading and amending the fields of one review record.
 *
 * Owns: the record schema's conventions that every filter shares:
 * dotted field paths ("reply.text", "sentiment.aspects.prix"), the
 * `flags` array (a set of strings, kept in first-seen order), and string
 * fields that may legitimately hold U+0000 (Jansson strings carry their
 * length; never use strlen on them).
 */
#ifndef AVIS_RECORD_H
#define AVIS_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* The value at a dotted path, or NULL if any step is missing or not an
 * object.  A path step may not be empty. */
json_t *avis_field(const json_t *rec, const char *path);

/* The string at key in obj: its bytes and length, or NULL if absent or
 * not a string. */
const char *avis_string(const json_t *obj, const char *key, size_t *len);

/* Add flag to rec's `flags` array unless present; creates the array at
 * the end of the record when there is none (a non-array `flags` is
 * left alone: the record's owner chose that, we do not overwrite it). */
void avis_add_flag(json_t *rec, const char *flag);

#endif
