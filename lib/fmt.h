/* fmt — records rendered for people and spreadsheets.
 *
 * Owns the output formats of avis-fmt:
 *   json   pretty-printed records (or only --fields, keyed by their paths)
 *   csv    RFC 4180 with a header row, LF line ends; with excel: UTF-8 BOM,
 *          ';' separator, CRLF, decimal comma
 *   tsv    tab-separated with a header row; tab, newline, CR and backslash
 *          in cells are written \t \n \r \\
 *   table  aligned columns fitted to a width, colour when asked
 *   lint   one line per finding: FILE:ID: LEVEL RULE: MESSAGE
 *   html   the audit report (report.h), written at the end
 * In csv and tsv a text cell that starts with = + - @ tab or CR gets a
 * leading apostrophe, so a spreadsheet never evaluates it as a formula
 * (JSON numbers are numbers and are written as such).
 * Cells: strings as they are, numbers in the shortest faithful form,
 * null and missing fields empty, arrays of scalars joined by ", ", other
 * arrays and objects as compact JSON.
 * Streaming: the table buffers its first rows to size its columns, then
 * streams; nothing else is held beyond one record.
 */
#ifndef AVIS_FMT_H
#define AVIS_FMT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "buf.h"

typedef enum { AVIS_FMT_JSON, AVIS_FMT_CSV, AVIS_FMT_TSV, AVIS_FMT_TABLE, AVIS_FMT_LINT,
	       AVIS_FMT_HTML } avis_format;

/* "json" -> AVIS_FMT_JSON ...; -1 if unknown. */
int avis_format_from_name(const char *name);

typedef struct {
	avis_format format;
	bool excel;          /* csv for spreadsheets: BOM, ';', CRLF, decimal comma */
	bool color;          /* table: ANSI colours */
	int width;           /* table: total width in columns, 0 for no limit */
	const char *fields;  /* comma-separated dotted paths, NULL for the default */
	int report_lang;     /* html: an avis_report_lang */
	time_t now;          /* html: the audit's date */
} avis_fmt_opts;

typedef struct avis_formatter avis_formatter;

/* NULL with a message in err when the options are unusable. */
avis_formatter *avis_formatter_new(const avis_fmt_opts *o, FILE *out, char *err, size_t errsz);
/* Render one record; where is the input's name, used by lint when the
 * record has no `file`; line is its line in that input. */
void avis_fmt_record(avis_formatter *f, const json_t *rec, const char *where, unsigned long line);
/* Name an input, for the report's list of inputs (other formats ignore
 * it). */
void avis_fmt_input(avis_formatter *f, const char *name);
/* Write what is still buffered (the table's first rows, the report). */
void avis_fmt_finish(avis_formatter *f);
void avis_formatter_free(avis_formatter *f);

/* The text of a cell for value v (NULL = missing), appended to out;
 * decimal is the decimal separator for reals. */
void avis_cell_text(const json_t *v, char decimal, avis_buf *out);

/* Display width of UTF-8 text in terminal columns (utf8proc widths). */
size_t avis_display_width(const char *s, size_t len);

#endif
