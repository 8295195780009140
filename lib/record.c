/* record — field access and flags; see record.h. */
#include "record.h"

#include <string.h>

json_t *avis_field(const json_t *rec, const char *path)
{
	const json_t *v = rec;
	const char *p = path;
	while (v && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (!json_is_object(v) || n == 0)
			return NULL;
		v = json_object_getn(v, p, n);
		p += n + (dot ? 1 : 0);
		if (dot && !*p)
			return NULL;
	}
	return (json_t *)v;
}

const char *avis_string(const json_t *obj, const char *key, size_t *len)
{
	json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
	if (!json_is_string(v))
		return NULL;
	*len = json_string_length(v);
	return json_string_value(v);
}

void avis_add_flag(json_t *rec, const char *flag)
{
	json_t *flags = json_object_get(rec, "flags");
	if (!flags || json_is_null(flags)) {
		flags = json_array();
		json_object_set_new(rec, "flags", flags);
	}
	if (!json_is_array(flags))
		return;
	size_t i;
	json_t *f;
	json_array_foreach(flags, i, f)
		if (json_is_string(f) && strcmp(json_string_value(f), flag) == 0)
			return;
	json_array_append_new(flags, json_string(flag));
}
