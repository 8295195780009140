/* fmt — output formats; see fmt.h. */
#include "fmt.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "record.h"
#include "report.h"

enum { TABLE_SAMPLE_ROWS = 200, MIN_COL = 4, MAX_FIELDS = 64 };

static const char *const DEFAULT_FIELDS[] = {
	[AVIS_FMT_CSV] = "id,source,subject,author,rating,date,lang,text,reply.text",
	[AVIS_FMT_TSV] = "id,source,subject,author,rating,date,lang,text,reply.text",
	[AVIS_FMT_TABLE] = "date,rating,author,text",
};

struct avis_formatter {
	avis_fmt_opts o;
	FILE *out;
	char *fields_mem;              /* the field list, split in place */
	const char *fields[MAX_FIELDS];
	size_t nfields;
	bool header_done;
	avis_buf line, cell;
	/* table */
	char **rows;                   /* sampled cells, nfields per row */
	size_t nrows;
	size_t widths[MAX_FIELDS];
	bool sized;
	avis_report *report;           /* html */
};

int avis_format_from_name(const char *name)
{
	static const char *const names[] = {"json", "csv", "tsv", "table", "lint", "html"};
	for (int i = 0; i < 6; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

static bool split_fields(avis_formatter *f, const char *list, char *err, size_t errsz)
{
	f->fields_mem = avis_xstrndup(list, strlen(list));
	for (char *p = f->fields_mem; p;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		size_t n = strlen(p);
		if (n == 0 || p[0] == '.' || p[n - 1] == '.' || strstr(p, "..")) {
			snprintf(err, errsz, "--fields: bad field path '%s'", p);
			return false;
		}
		if (f->nfields == MAX_FIELDS) {
			snprintf(err, errsz, "--fields: more than %d fields", MAX_FIELDS);
			return false;
		}
		f->fields[f->nfields++] = p;
		p = comma ? comma + 1 : NULL;
	}
	return true;
}

avis_formatter *avis_formatter_new(const avis_fmt_opts *o, FILE *out, char *err, size_t errsz)
{
	avis_formatter *f = avis_xmalloc(sizeof *f);
	memset(f, 0, sizeof *f);
	f->o = *o;
	f->out = out;
	const char *list = o->fields;
	if (o->format == AVIS_FMT_HTML) {
		f->report = avis_report_new((avis_report_lang)o->report_lang, o->now);
		list = NULL;
	} else if (!list && o->format != AVIS_FMT_JSON && o->format != AVIS_FMT_LINT) {
		list = DEFAULT_FIELDS[o->format];
	}
	if (list && !split_fields(f, list, err, errsz)) {
		avis_formatter_free(f);
		return NULL;
	}
	return f;
}

void avis_formatter_free(avis_formatter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nrows * f->nfields; i++)
		free(f->rows[i]);
	free(f->rows);
	free(f->fields_mem);
	avis_report_free(f->report);
	avis_buf_free(&f->line);
	avis_buf_free(&f->cell);
	free(f);
}

/* ---- cells ----------------------------------------------------------- */

static bool is_scalar(const json_t *v)
{
	return !json_is_object(v) && !json_is_array(v);
}

static bool array_of_scalars(const json_t *v)
{
	size_t i;
	json_t *e;
	json_array_foreach(v, i, e)
		if (!is_scalar(e))
			return false;
	return true;
}

void avis_cell_text(const json_t *v, char decimal, avis_buf *out)
{
	if (!v || json_is_null(v))
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		avis_buf_put(out, json_string_value(v), json_string_length(v));
		return;
	case JSON_INTEGER:
		avis_buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return;
	case JSON_REAL: {
		size_t start = out->len;
		avis_buf_printf(out, "%.15g", json_real_value(v));
		if (decimal != '.')
			for (size_t i = start; i < out->len; i++)
				if (out->data[i] == '.')
					out->data[i] = decimal;
		return;
	}
	case JSON_TRUE: avis_buf_puts(out, "true"); return;
	case JSON_FALSE: avis_buf_puts(out, "false"); return;
	case JSON_ARRAY:
		if (array_of_scalars(v)) {
			size_t i;
			json_t *e;
			json_array_foreach(v, i, e) {
				if (i)
					avis_buf_puts(out, ", ");
				avis_cell_text(e, decimal, out);
			}
			return;
		}
		break;
	default:
		break;
	}
	/* objects, and arrays holding objects or arrays, as JSON */
	char *s = json_dumps(v, JSON_COMPACT);
	if (s)
		avis_buf_puts(out, s);
	free(s);
}

static bool needs_formula_guard(const json_t *v, const avis_buf *text)
{
	if (!json_is_string(v) && !json_is_array(v) && !json_is_object(v))
		return false;
	return text->len && strchr("=+-@\t\r", text->data[0]);
}

/* ---- csv / tsv --------------------------------------------------------- */

static void put_csv_cell(avis_formatter *f, const avis_buf *cell, bool guard)
{
	char sep = f->o.excel ? ';' : ',';
	bool quote = guard;
	for (size_t i = 0; i < cell->len && !quote; i++) {
		char c = cell->data[i];
		quote = c == sep || c == '"' || c == '\n' || c == '\r';
	}
	if (!quote) {
		avis_buf_put(&f->line, cell->data, cell->len);
		return;
	}
	avis_buf_putc(&f->line, '"');
	if (guard)
		avis_buf_putc(&f->line, '\'');
	for (size_t i = 0; i < cell->len; i++) {
		if (cell->data[i] == '"')
			avis_buf_putc(&f->line, '"');
		avis_buf_putc(&f->line, cell->data[i]);
	}
	avis_buf_putc(&f->line, '"');
}

static void put_tsv_cell(avis_formatter *f, const avis_buf *cell, bool guard)
{
	if (guard)
		avis_buf_putc(&f->line, '\'');
	for (size_t i = 0; i < cell->len; i++) {
		char c = cell->data[i];
		const char *esc = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
				: c == '\\' ? "\\\\" : NULL;
		if (esc)
			avis_buf_puts(&f->line, esc);
		else
			avis_buf_putc(&f->line, c);
	}
}

static void put_delimited(avis_formatter *f, const json_t *rec, bool header)
{
	bool csv = f->o.format == AVIS_FMT_CSV;
	avis_buf_clear(&f->line);
	for (size_t i = 0; i < f->nfields; i++) {
		if (i)
			avis_buf_putc(&f->line, csv ? (f->o.excel ? ';' : ',') : '\t');
		avis_buf_clear(&f->cell);
		const json_t *v = NULL;
		if (header)
			avis_buf_puts(&f->cell, f->fields[i]);
		else {
			v = avis_field(rec, f->fields[i]);
			avis_cell_text(v, f->o.excel ? ',' : '.', &f->cell);
		}
		bool guard = !header && needs_formula_guard(v, &f->cell);
		if (csv)
			put_csv_cell(f, &f->cell, guard);
		else
			put_tsv_cell(f, &f->cell, guard);
	}
	avis_buf_puts(&f->line, csv && f->o.excel ? "\r\n" : "\n");
	fwrite(f->line.data, 1, f->line.len, f->out);
}

/* ---- table -------------------------------------------------------------- */

size_t avis_display_width(const char *s, size_t len)
{
	size_t w = 0, i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			n = 1;
			cp = 0xFFFD;
		}
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		i += (size_t)n;
	}
	return w;
}

/* One line of cell text: breaks and tabs become spaces. */
static char *table_cell(const json_t *v)
{
	avis_buf b = AVIS_BUF_INIT;
	avis_cell_text(v, '.', &b);
	/* Breaks, tabs and every other control character (a terminal escape
	 * in a review must not reach the terminal) become spaces. */
	for (size_t i = 0; i < b.len; i++)
		if ((unsigned char)b.data[i] < 0x20 || b.data[i] == 0x7F)
			b.data[i] = ' ';
	if (!b.data)
		return avis_xstrndup("", 0);
	return b.data;
}

static void fit_widths(avis_formatter *f)
{
	for (size_t i = 0; i < f->nfields; i++) {
		f->widths[i] = avis_display_width(f->fields[i], strlen(f->fields[i]));
		for (size_t r = 0; r < f->nrows; r++) {
			const char *c = f->rows[r * f->nfields + i];
			size_t w = avis_display_width(c, strlen(c));
			if (w > f->widths[i])
				f->widths[i] = w;
		}
	}
	if (f->o.width <= 0)
		return;
	/* Shrink the widest column until the row fits (2 spaces between). */
	size_t avail = (size_t)f->o.width;
	for (;;) {
		size_t total = 2 * (f->nfields - 1), widest = 0;
		for (size_t i = 0; i < f->nfields; i++) {
			total += f->widths[i];
			if (f->widths[i] > f->widths[widest])
				widest = i;
		}
		if (total <= avail || f->widths[widest] <= MIN_COL)
			break;
		size_t excess = total - avail;
		size_t cut = f->widths[widest] - MIN_COL < excess ? f->widths[widest] - MIN_COL : excess;
		f->widths[widest] -= cut;
	}
}

static const char *cell_color(const char *field, const char *text)
{
	if (strcmp(field, "rating") == 0 && *text) {
		double r = atof(text);
		return r <= 2 ? "\033[31m" : r < 4 ? "\033[33m" : "\033[32m";
	}
	if (strcmp(text, "error") == 0 || strcmp(text, "neg") == 0)
		return "\033[31m";
	if (strcmp(text, "warning") == 0)
		return "\033[33m";
	if (strcmp(text, "pos") == 0)
		return "\033[32m";
	return NULL;
}

/* Append text cut to width columns (with "…" when cut), padded unless
 * it is the last column. */
static void put_fitted(avis_buf *line, const char *text, size_t width, bool pad)
{
	size_t len = strlen(text), w = avis_display_width(text, len);
	size_t used = 0, i = 0;
	if (w <= width) {
		avis_buf_put(line, text, len);
		used = w;
	} else {
		while (i < len) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
							      (utf8proc_ssize_t)(len - i), &cp);
			if (n <= 0)
				break;
			int cw = utf8proc_charwidth(cp);
			size_t cwu = cw > 0 ? (size_t)cw : 0;
			if (used + cwu + 1 > width)
				break;
			avis_buf_put(line, text + i, (size_t)n);
			used += cwu;
			i += (size_t)n;
		}
		avis_buf_puts(line, "\xE2\x80\xA6");
		used++;
	}
	while (pad && used++ < width)
		avis_buf_putc(line, ' ');
}

static void put_table_row(avis_formatter *f, char *const cells[], bool header)
{
	avis_buf_clear(&f->line);
	for (size_t i = 0; i < f->nfields; i++) {
		bool last = i + 1 == f->nfields;
		const char *color = !f->o.color ? NULL : header ? "\033[1m"
				  : cell_color(f->fields[i], cells[i]);
		if (color)
			avis_buf_puts(&f->line, color);
		put_fitted(&f->line, cells[i], f->widths[i], !last && !color);
		if (color) {
			avis_buf_puts(&f->line, "\033[0m");
			size_t w = avis_display_width(cells[i], strlen(cells[i]));
			for (size_t k = w; !last && k < f->widths[i]; k++)
				avis_buf_putc(&f->line, ' ');
		}
		if (!last)
			avis_buf_puts(&f->line, "  ");
	}
	avis_buf_putc(&f->line, '\n');
	fwrite(f->line.data, 1, f->line.len, f->out);
}

static void flush_sample(avis_formatter *f)
{
	if (f->sized)
		return;
	f->sized = true;
	if (f->nrows == 0)
		return;         /* no record, no table */
	fit_widths(f);
	put_table_row(f, (char *const *)f->fields, true);
	for (size_t r = 0; r < f->nrows; r++)
		put_table_row(f, &f->rows[r * f->nfields], false);
	for (size_t i = 0; i < f->nrows * f->nfields; i++)
		free(f->rows[i]);
	free(f->rows);
	f->rows = NULL;
	f->nrows = 0;
}

static void table_record(avis_formatter *f, const json_t *rec)
{
	char *cells[MAX_FIELDS];
	for (size_t i = 0; i < f->nfields; i++)
		cells[i] = table_cell(avis_field(rec, f->fields[i]));
	if (f->sized) {
		put_table_row(f, cells, false);
		for (size_t i = 0; i < f->nfields; i++)
			free(cells[i]);
		return;
	}
	f->rows = avis_xrealloc(f->rows, (f->nrows + 1) * f->nfields * sizeof *f->rows);
	memcpy(&f->rows[f->nrows * f->nfields], cells, f->nfields * sizeof *cells);
	if (++f->nrows == TABLE_SAMPLE_ROWS)
		flush_sample(f);
}

/* ---- json, lint ------------------------------------------------------------ */

static void json_record(avis_formatter *f, const json_t *rec)
{
	json_t *picked = NULL;
	if (f->nfields) {
		picked = json_object();
		for (size_t i = 0; i < f->nfields; i++) {
			json_t *v = avis_field(rec, f->fields[i]);
			json_object_set(picked, f->fields[i], v ? v : json_null());
		}
		rec = picked;
	}
	json_dumpf(rec, f->out, JSON_INDENT(2));
	fputc('\n', f->out);
	json_decref(picked);
}

static void lint_record(avis_formatter *f, const json_t *rec, const char *where, unsigned long line)
{
	json_t *findings = json_object_get(rec, "findings");
	if (!json_is_array(findings))
		return;
	size_t flen, idlen;
	const char *file = avis_string(rec, "file", &flen);
	const char *id = avis_string(rec, "id", &idlen);
	size_t i;
	json_t *fd;
	json_array_foreach(findings, i, fd) {
		avis_buf_clear(&f->line);
		if (file)
			avis_buf_put(&f->line, file, flen);
		else
			avis_buf_puts(&f->line, where);
		avis_buf_putc(&f->line, ':');
		if (id)
			avis_buf_put(&f->line, id, idlen);
		else
			avis_buf_printf(&f->line, "%lu", line);
		avis_buf_puts(&f->line, ": ");
		const char *keys[] = {"level", "rule", "message"};
		const char *seps[] = {" ", ": ", ""};
		for (int k = 0; k < 3; k++) {
			avis_buf_clear(&f->cell);
			avis_cell_text(json_object_get(fd, keys[k]), '.', &f->cell);
			for (size_t c = 0; c < f->cell.len; c++)
				if ((unsigned char)f->cell.data[c] < 0x20 || f->cell.data[c] == 0x7F)
					f->cell.data[c] = ' ';
			avis_buf_put(&f->line, f->cell.data, f->cell.len);
			avis_buf_puts(&f->line, seps[k]);
		}
		avis_buf_putc(&f->line, '\n');
		fwrite(f->line.data, 1, f->line.len, f->out);
	}
}

void avis_fmt_record(avis_formatter *f, const json_t *rec, const char *where, unsigned long line)
{
	switch (f->o.format) {
	case AVIS_FMT_JSON:
		json_record(f, rec);
		break;
	case AVIS_FMT_CSV:
	case AVIS_FMT_TSV:
		if (!f->header_done) {
			if (f->o.excel && f->o.format == AVIS_FMT_CSV)
				fputs("\xEF\xBB\xBF", f->out);
			put_delimited(f, NULL, true);
			f->header_done = true;
		}
		put_delimited(f, rec, false);
		break;
	case AVIS_FMT_TABLE:
		table_record(f, rec);
		break;
	case AVIS_FMT_LINT:
		lint_record(f, rec, where, line);
		break;
	case AVIS_FMT_HTML:
		avis_report_add(f->report, rec);
		break;
	}
}

void avis_fmt_input(avis_formatter *f, const char *name)
{
	if (f->report)
		avis_report_input(f->report, name);
}

void avis_fmt_finish(avis_formatter *f)
{
	if (f->o.format == AVIS_FMT_TABLE)
		flush_sample(f);
	else if (f->o.format == AVIS_FMT_HTML)
		avis_report_write(f->report, f->out);
	else if ((f->o.format == AVIS_FMT_CSV || f->o.format == AVIS_FMT_TSV) && !f->header_done) {
		/* No record: still a well-formed file with its header. */
		if (f->o.excel && f->o.format == AVIS_FMT_CSV)
			fputs("\xEF\xBB\xBF", f->out);
		put_delimited(f, NULL, true);
		f->header_done = true;
	}
}
