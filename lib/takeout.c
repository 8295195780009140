/* takeout — see takeout.h. */
#include "takeout.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

bool avis_takeout_detect(const char *bytes, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t'))
		i++;
	if (i >= len || bytes[i] != '{')
		return false;
	size_t window = len - i < 4096 ? len - i : 4096;
	for (size_t j = i; j + 9 <= i + window; j++)
		if (memcmp(bytes + j, "\"reviews\"", 9) == 0)
			return true;
	return false;
}

static const char *str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void put(avis_buf *b, const char *s)
{
	if (s)
		avis_buf_puts(b, s);
}

static const char *star_digit(const char *word)
{
	static const char *const words[] = {"ONE", "TWO", "THREE", "FOUR", "FIVE"};
	static const char *const digits[] = {"1", "2", "3", "4", "5"};
	for (int i = 0; word && i < 5; i++)
		if (strcmp(word, words[i]) == 0)
			return digits[i];
	return NULL;   /* STAR_RATING_UNSPECIFIED */
}

bool avis_takeout_read(const char *bytes, size_t len, avis_review_fn fn,
		       void (*subject_fn)(void *arg, const char *subject), void *arg, char *err,
		       size_t errsz, unsigned long *err_line)
{
	json_error_t e;
	*err_line = 0;
	json_t *root = json_loadb(bytes, len, 0, &e);
	if (!root) {
		snprintf(err, errsz, "invalid JSON: %s", e.text);
		*err_line = e.line > 0 ? (unsigned long)e.line : 0;
		return false;
	}
	const json_t *reviews = json_object_get(root, "reviews");
	if (!json_is_array(reviews)) {
		snprintf(err, errsz, "not a Google Takeout reviews file (no \"reviews\" array)");
		json_decref(root);
		return false;
	}
	const char *location = str(root, "locationName");
	if (!location)
		location = str(root, "title");
	if (location && subject_fn)
		subject_fn(arg, location);
	avis_review r;
	avis_review_init(&r);
	size_t i;
	const json_t *item;
	json_array_foreach(reviews, i, item) {
		if (!json_is_object(item))
			continue;
		avis_review_clear(&r);
		put(&r.key, str(item, "name"));
		put(&r.author, str(json_object_get(item, "reviewer"), "displayName"));
		put(&r.rating, star_digit(str(item, "starRating")));
		put(&r.date, str(item, "createTime"));
		put(&r.text, str(item, "comment"));
		const json_t *reply = json_object_get(item, "reviewReply");
		if (json_is_object(reply) && str(reply, "comment")) {
			r.has_reply = true;
			put(&r.reply_text, str(reply, "comment"));
			put(&r.reply_date, str(reply, "updateTime"));
		}
		if (!fn(arg, &r))
			break;
	}
	avis_review_free(&r);
	json_decref(root);
	return true;
}
