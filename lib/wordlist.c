/* wordlist — a term list file read into one regular expression; see
 * wordlist.h. */
#include "wordlist.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "datafile.h"
#include "strmap.h"

typedef struct {
	char *text;       /* the term as a regex fragment (spaces_to_class) */
	unsigned char key; /* its first letter, or 0: not grouped */
} term;

static void say(avis_wordlist_diag to, void *ctx, const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void say(avis_wordlist_diag to, void *ctx, const char *file, unsigned long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (to)
		to(ctx, file, line, msg);
}

/* The term with each run of spaces (outside a class [...]) made \s+, or
 * \s* when a '?' follows the run. */
static char *spaces_to_class(const char *s)
{
	avis_buf b = AVIS_BUF_INIT;
	bool in_class = false;
	for (const char *p = s; *p; p++) {
		if (*p == '\\' && p[1]) {
			avis_buf_put(&b, p, 2);
			p++;
			continue;
		}
		if (*p == '[')
			in_class = true;
		else if (*p == ']')
			in_class = false;
		if (*p == ' ' && !in_class) {
			while (p[1] == ' ')
				p++;
			/* " ?" is an optional space: \s* (not the lazy \s+?) */
			bool optional = p[1] == '?';
			avis_buf_puts(&b, optional ? "\\s*" : "\\s+");
			p += optional;
			continue;
		}
		avis_buf_putc(&b, *p);
	}
	if (!b.data)
		avis_buf_puts(&b, "");
	return b.data;
}

/* Does the fragment have a '|' outside every group and class?  Such a
 * term cannot give its first letter to a group: "ab|cd" is not
 * "a(?:b|cd)". */
static bool top_level_bar(const char *s)
{
	int depth = 0;
	bool in_class = false;
	for (const char *p = s; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (in_class)
			in_class = *p != ']';
		else if (*p == '[')
			in_class = true;
		else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth == 0)
			return true;
	}
	return false;
}

/* The character a term can be grouped by: an ASCII letter or digit that
 * no quantifier applies to and no top-level '|' follows; else 0.  Taken
 * as written: a caseless pattern matches "A(?:...)" as "a(?:...)". */
static unsigned char group_key(const char *t)
{
	unsigned char c = (unsigned char)t[0];
	if (!isalnum(c) || (t[1] && strchr("?*+{", t[1])) || top_level_bar(t))
		return 0;
	return c;
}

/* A term PCRE2 accepts, that needs at least one character. */
static bool term_ok(const char *re, char *why, size_t whysz)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
				      PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code, &off, NULL);
	if (!c) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof msg);
		snprintf(why, whysz, "bad term at offset %zu: %s", (size_t)off, (char *)msg);
		return false;
	}
	uint32_t min = 0;
	pcre2_pattern_info(c, PCRE2_INFO_MINLENGTH, &min);
	pcre2_code_free(c);
	if (min == 0) {
		snprintf(why, whysz, "term matches the empty string");
		return false;
	}
	return true;
}

/* "(?:a(?:bces|blation)|c(?:aries?)|(?:ungrouped))" */
static void build(const term *t, size_t n, avis_buf *out)
{
	avis_buf_clear(out);
	avis_buf_puts(out, "(?:");
	bool first = true;
	bool seen[256] = {false};
	for (size_t i = 0; i < n; i++) {
		unsigned char k = t[i].key;
		if (k && seen[k])
			continue;
		avis_buf_puts(out, first ? "" : "|");
		first = false;
		if (!k) {
			avis_buf_printf(out, "(?:%s)", t[i].text);
			continue;
		}
		seen[k] = true;
		avis_buf_printf(out, "%c(?:", k);
		const char *sep = "";
		for (size_t j = i; j < n; j++)
			if (t[j].key == k) {
				avis_buf_printf(out, "%s%s", sep, t[j].text + 1);
				sep = "|";
			}
		avis_buf_putc(out, ')');
	}
	avis_buf_putc(out, ')');
}

bool avis_wordlist_read(const char *path, avis_buf *out, avis_wordlist_report *rep)
{
	avis_buf_clear(out);
	avis_buf_puts(out, "(?!)");
	FILE *f = fopen(path, "r");
	if (!f) {
		say(rep->error, rep->ctx, path, 0, "cannot read the term list: %s", strerror(errno));
		rep->errors++;
		return false;
	}
	term *t = NULL;
	size_t n = 0;
	avis_strmap seen = AVIS_STRMAP_INIT;
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	ssize_t got;
	while ((got = getline(&line, &cap, f)) != -1) {
		lineno++;
		if ((size_t)got != strlen(line)) {
			/* the rest of the line would be lost without a word */
			say(rep->error, rep->ctx, path, lineno, "NUL byte in line");
			rep->errors++;
			continue;
		}
		char *s = avis_data_trim(line);
		if (!*s || *s == '#')
			continue;
		char why[320];
		char *re = spaces_to_class(s);
		if (!term_ok(re, why, sizeof why)) {
			say(rep->error, rep->ctx, path, lineno, "%s", why);
			rep->errors++;
			free(re);
			continue;
		}
		int32_t first = avis_strmap_get(&seen, re, strlen(re));
		if (first >= 0) {
			if (rep->lint) {
				say(rep->lint, rep->ctx, path, lineno, "term '%s' listed twice (first at line %ld)", s,
				    (long)first);
				rep->lint_findings++;
			}
			free(re);
			continue;
		}
		avis_strmap_put(&seen, re, strlen(re), (int32_t)lineno);
		t = avis_xrealloc(t, (n + 1) * sizeof *t);
		t[n++] = (term){re, group_key(re)};
	}
	bool read_error = ferror(f);
	fclose(f);
	free(line);
	avis_strmap_free(&seen);
	if (read_error) {
		say(rep->error, rep->ctx, path, lineno, "read error");
		rep->errors++;
	} else if (n == 0) {
		say(rep->error, rep->ctx, path, 0, "no term in the list");
		rep->errors++;
	} else {
		build(t, n, out);
	}
	for (size_t i = 0; i < n; i++)
		free(t[i].text);
	free(t);
	return !read_error && n > 0;
}
