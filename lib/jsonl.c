/* jsonl — JSON Lines record reader and writer; see jsonl.h. */
#define _GNU_SOURCE
#include "jsonl.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"

struct avis_reader {
	avis_cli *cli;
	avis_reader_opts opts;
	char **files;
	char *stdin_only[1];   /* the input list when none is named */
	int nfiles, next_file;
	FILE *in;
	const char *name;      /* of the open input, for messages */
	unsigned long line;
	unsigned long rejected;
	char *linebuf;         /* getline's buffer: grows to the longest line */
	size_t linecap;
	avis_buf fixed;        /* the line after UTF-8 repair */
	const char *raw;       /* the last record's text as parsed (into linebuf or fixed) */
	size_t rawlen;
	bool stopped;
};

avis_reader *avis_reader_new(avis_cli *cli, int nfiles, char **files, const avis_reader_opts *opts)
{
	avis_reader *r = avis_xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	r->cli = cli;
	if (opts)
		r->opts = *opts;
	if (nfiles > 0) {
		r->files = files;
		r->nfiles = nfiles;
	} else {
		r->stdin_only[0] = "-";
		r->files = r->stdin_only;
		r->nfiles = 1;
	}
	return r;
}

void avis_reader_free(avis_reader *r)
{
	if (!r)
		return;
	if (r->in && r->in != stdin)
		fclose(r->in);
	free(r->linebuf);
	avis_buf_free(&r->fixed);
	free(r);
}

const char *avis_reader_file(const avis_reader *r) { return r->name; }
unsigned long avis_reader_line(const avis_reader *r) { return r->line; }
unsigned long avis_reader_rejected(const avis_reader *r) { return r->rejected; }

const char *avis_reader_raw(const avis_reader *r, size_t *len)
{
	*len = r->rawlen;
	return r->raw;
}

/* Open the next readable input; false when none is left. */
static bool open_next(avis_reader *r)
{
	while (r->next_file < r->nfiles) {
		const char *path = r->files[r->next_file++];
		r->line = 0;
		if (strcmp(path, "-") == 0) {
			r->in = stdin;
			r->name = "<stdin>";
			return true;
		}
		r->name = path;
		FILE *f = fopen(path, "r");
		if (!f) {
			avis_error(r->cli, path, 0, "%s", strerror(errno));
			continue;
		}
		struct stat st;
		if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
			avis_error(r->cli, path, 0, "%s", strerror(EISDIR));
			fclose(f);
			continue;
		}
		r->in = f;
		return true;
	}
	return false;
}

static void close_current(avis_reader *r)
{
	if (ferror(r->in))
		avis_error(r->cli, r->name, 0, "read error: %s", strerror(errno));
	if (r->in != stdin)
		fclose(r->in);
	else
		clearerr(stdin);
	r->in = NULL;
}

/* JSON's whitespace */
static bool is_blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank_byte(s[i]))
			return false;
	return true;
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: case JSON_REAL: return "a number";
	case JSON_TRUE: case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	default: return "an object";
	}
}

/* avis_parse_record, with Jansson's flags; *duplicate set when the line
 * was refused for a key it holds twice (JSON_REJECT_DUPLICATES). */
static json_t *parse_record(const char *line, size_t len, size_t flags, char *reason, size_t reason_size,
			    bool *duplicate)
{
	json_error_t err;
	json_t *v = json_loadb(line, len, JSON_ALLOW_NUL | JSON_DECODE_ANY | flags, &err);
	*duplicate = !v && json_error_code(&err) == json_error_duplicate_key;
	if (!v) {
		/* Jansson speaks of a file; we hand it one line. */
		char *eof = strstr(err.text, "end of file");
		if (eof)
			memcpy(eof, "end of line", 11);
		snprintf(reason, reason_size, "%s (column %d)", err.text, err.column);
		return NULL;
	}
	if (!json_is_object(v)) {
		snprintf(reason, reason_size, "not a JSON object but %s", type_name(v));
		json_decref(v);
		return NULL;
	}
	return v;
}

json_t *avis_parse_record(const char *line, size_t len, char *reason, size_t reason_size)
{
	bool duplicate;
	return parse_record(line, len, 0, reason, reason_size, &duplicate);
}

/* The record of line (len bytes), its text kept in r->raw when it can be
 * written again as it is (avis_reader_raw): only when the reader keeps
 * raw lines, and not for a line with a key twice (Jansson keeps the
 * last value, which every filter then reads; other readers may keep the
 * first) nor one with a carriage return inside (JSON whitespace, but a
 * line break to many tools). */
static json_t *parse_keeping_raw(avis_reader *r, const char *line, size_t len, char *reason, size_t reason_size)
{
	r->raw = NULL;
	r->rawlen = 0;
	if (!r->opts.keep_raw)
		return avis_parse_record(line, len, reason, reason_size);
	bool duplicate;
	json_t *v = parse_record(line, len, JSON_REJECT_DUPLICATES, reason, reason_size, &duplicate);
	if (duplicate)
		return avis_parse_record(line, len, reason, reason_size);
	size_t end = len;
	while (end && (line[end - 1] == '\n' || line[end - 1] == '\r'))
		end--;
	if (v && !memchr(line, '\r', end)) {
		r->raw = line;
		r->rawlen = len;
	}
	return v;
}

/* Bring the line to valid UTF-8 without NULs when repairing. */
static const char *repair_line(avis_reader *r, const char *s, size_t *len, avis_line_info *info)
{
	size_t bad = avis_utf8_invalid_at(s, *len);
	bool has_nul = memchr(s, '\0', *len) != NULL;
	if (bad == *len && !has_nul)
		return s;
	avis_buf_clear(&r->fixed);
	size_t n = avis_utf8_repair(r->opts.repair, s, *len, &r->fixed);
	info->repaired_utf8 = n > 0;
	info->removed_nul = has_nul;
	*len = r->fixed.len;
	return r->fixed.data;
}

/* A file's first line without the UTF-8 byte order mark that Windows
 * tools write: not JSON, but RFC 8259 lets a parser ignore it, and the
 * message for it would name a character nobody can see. */
static const char *skip_bom(const char *s, size_t *len)
{
	if (*len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		*len -= 3;
		return s + 3;
	}
	return s;
}

static void reject(avis_reader *r, const char *reason)
{
	r->rejected++;
	avis_error(r->cli, r->name, r->line, "invalid record: %s", reason);
	if (r->opts.strict)
		r->stopped = true;
}

int avis_reader_next(avis_reader *r, json_t **rec, avis_line_info *info)
{
	avis_line_info dummy;
	if (!info)
		info = &dummy;
	while (!r->stopped && !avis_cli_output_failed(r->cli)) {
		if (!r->in && !open_next(r))
			return 0;
		ssize_t got = getline(&r->linebuf, &r->linecap, r->in);
		if (got < 0) {
			close_current(r);
			continue;
		}
		r->line++;
		size_t len = (size_t)got;
		const char *line = r->linebuf;
		if (r->line == 1)
			line = skip_bom(line, &len);
		if (is_blank(line, len))
			continue;
		memset(info, 0, sizeof *info);
		if (r->opts.repair)
			line = repair_line(r, line, &len, info);
		char reason[256];
		json_t *v = parse_keeping_raw(r, line, len, reason, sizeof reason);
		if (!v && !r->opts.repair) {
			size_t bad = avis_utf8_invalid_at(line, len);
			if (bad < len)
				snprintf(reason, sizeof reason, "invalid UTF-8 at byte %zu "
					 "(avis-norm repairs it)", bad + 1);
		}
		if (!v) {
			reject(r, reason);
			continue;
		}
		*rec = v;
		return 1;
	}
	return 0;
}

/* True if every real in v prints back to the same double with 15
 * significant digits ("4.8", not Jansson's default "4.7999999999999998").
 * When one does not, the record is written with 17 digits: the shorter
 * form is only used when it loses nothing. */
static bool reals_fit_15(const json_t *v, int depth)
{
	if (json_is_real(v)) {
		char s[40];
		double d = json_real_value(v);
		/* Without printing: d is the double nearest k/1000 for an
		 * integer k of at most 15 digits (what the scores are), so
		 * "%.15g" prints k/1000 exactly and it reads back as d. */
		double k = round(d * 1000);
		if (k > -1e15 && k < 1e15 && k / 1000 == d)
			return true;
		snprintf(s, sizeof s, "%.15g", d);
		return strtod(s, NULL) == d;
	}
	if (depth > 64)
		return false;
	size_t i;
	const char *key;
	const json_t *e;
	if (json_is_array(v))
		json_array_foreach(v, i, e)
			if (!reals_fit_15(e, depth + 1))
				return false;
	if (json_is_object(v))
		json_object_foreach((json_t *)v, key, e)
			if (!reals_fit_15(e, depth + 1))
				return false;
	return true;
}

/* Append v's JSON text to b, encoded by Jansson straight into b's memory
 * (json_dumpb): the line buffer is reused, so after the first records it
 * is large enough and each record costs one pass. */
static void dump_into(avis_buf *b, const json_t *v, size_t flags)
{
	for (;;) {
		/* room for the text, the buffer keeping its terminating NUL */
		size_t room = b->cap > b->len + 1 ? b->cap - b->len - 1 : 0;
		size_t n = json_dumpb(v, room ? b->data + b->len : NULL, room, flags);
		if (n <= room) {
			b->len += n;
			if (b->data)
				b->data[b->len] = '\0';
			return;
		}
		avis_buf_reserve(b, n);
	}
}

bool avis_write_record(avis_cli *cli, const json_t *rec)
{
	/* One fwrite per record: Jansson's own file dumper writes token by
	 * token, which costs more than the encoding itself. */
	avis_buf *line = &cli->scratch;
	avis_buf_clear(line);
	dump_into(line, rec, JSON_COMPACT | JSON_REAL_PRECISION(reals_fit_15(rec, 0) ? 15 : 17));
	avis_buf_putc(line, '\n');
	return fwrite(line->data, 1, line->len, cli->out) == line->len;
}

/* The record's own text less its closing brace: line without the blanks
 * around it and without its last byte, the '}' of the object Jansson
 * read from it. */
static void put_open_object(avis_buf *b, const char *line, size_t len)
{
	while (len && is_blank_byte(line[len - 1]))
		len--;
	while (len && is_blank_byte(*line)) {
		line++;
		len--;
	}
	avis_buf_put(b, line, len ? len - 1 : 0);
}

bool avis_write_record_with(avis_cli *cli, const json_t *rec, const char *line, size_t line_len,
			    const char *key, const char *raw, size_t len)
{
	if (!len)
		return avis_write_record(cli, rec);
	avis_buf *out = &cli->scratch;
	avis_buf_clear(out);
	if (line) {
		put_open_object(out, line, line_len);
	} else {
		avis_buf_putc(out, '{');
		dump_into(out, rec, JSON_COMPACT | JSON_EMBED | JSON_REAL_PRECISION(reals_fit_15(rec, 0) ? 15 : 17));
	}
	if (json_object_size(rec))
		avis_buf_putc(out, ',');
	/* the key as Jansson writes it: "key":null, less the null */
	json_t *k = json_object();
	json_object_set_new(k, key, json_null());
	dump_into(out, k, JSON_COMPACT | JSON_EMBED);
	json_decref(k);
	out->len -= strlen("null");
	avis_buf_put(out, raw, len);
	avis_buf_puts(out, "}\n");
	return fwrite(out->data, 1, out->len, cli->out) == out->len;
}
