/* jsonl — the record stream: JSON Lines in, JSON Lines out.
 *
 * Owns: reading the inputs named on the command line (files, "-" for
 * stdin, stdin when none is named) line by line, turning each line into a
 * JSON object, and reporting every line that is not one as
 *     avis-X: FILE:LINE: invalid record: REASON
 * without stopping the stream (unless strict).  Lines may be of any
 * length.  Blank lines are not records and are skipped silently, and so
 * is a UTF-8 byte order mark at the start of a file.
 * Invariant: records read = records returned + records reported.
 *
 * Also owns writing records: one compact line per record, keys in the
 * order they were read (Jansson keeps insertion order), so fields a filter
 * does not know pass through untouched and in place.  A filter that only
 * adds a member (avis-check) may instead write the line as it was read,
 * the member spliced in (avis_write_record_with).
 */
#ifndef AVIS_JSONL_H
#define AVIS_JSONL_H

#include <stdbool.h>

#include <jansson.h>

#include "charset.h"
#include "cli.h"

typedef struct {
	bool strict;   /* stop at the first bad line (still exit 2) */
	const avis_charset *repair; /* non-NULL: repair invalid UTF-8 and raw NULs */
	bool keep_raw; /* keep each record's line for avis_reader_raw */
} avis_reader_opts;

/* What the reader had to repair in the line it just returned. */
typedef struct {
	bool repaired_utf8;
	bool removed_nul;
} avis_line_info;

typedef struct avis_reader avis_reader;

avis_reader *avis_reader_new(avis_cli *cli, int nfiles, char **files, const avis_reader_opts *opts);
/* 1: *rec holds the next record (the caller owns the reference);
 * 0: no more input (or a strict stop, or the output failed). */
int avis_reader_next(avis_reader *r, json_t **rec, avis_line_info *info);
/* Where the last record came from: the file as named ("<stdin>" for -)
 * and its 1-based line. */
const char *avis_reader_file(const avis_reader *r);
unsigned long avis_reader_line(const avis_reader *r);
unsigned long avis_reader_rejected(const avis_reader *r);
/* The text the last record was parsed from: its line as read (after
 * repair, when repairing), line end included; valid until the next
 * avis_reader_next.  NULL unless the reader keeps raw lines (keep_raw),
 * and for a line that is better encoded again than written as it was:
 * one with a key twice, or a carriage return inside. */
const char *avis_reader_raw(const avis_reader *r, size_t *len);
void avis_reader_free(avis_reader *r);

/* Write rec as one compact JSON line to cli->out.  False on a failed
 * write (reported once by avis_cli_close_output).  Reals are written with
 * 15 significant digits when every real of the record reads back the same
 * that way ("0.925", not Jansson's default "0.92500000000000004"), else
 * with 17: nothing passing through is ever changed. */
bool avis_write_record(avis_cli *cli, const json_t *rec);

/* The same, with one more member at the end: key, whose value is the
 * JSON text raw (len bytes, already encoded: avis_check_record_text);
 * rec must not hold key.  With len 0, rec as it is (key is not added).
 * line, when not NULL, is the text rec was parsed from (line_len bytes:
 * avis_reader_raw), and rec has not changed since: the record is then
 * written as those bytes, the new member spliced in before the closing
 * brace, rather than encoded again.  Reading and writing JSON costs a
 * filter more than its own work when that work is small (avis-check),
 * and what passes through is kept byte for byte: escapes, spacing,
 * numbers as written. */
bool avis_write_record_with(avis_cli *cli, const json_t *rec, const char *line, size_t line_len,
			    const char *key, const char *raw, size_t len);

/* Parse one line into an object; on failure fill reason (NUL-terminated)
 * and return NULL.  Exposed for the fuzz harness and unit tests. */
json_t *avis_parse_record(const char *line, size_t len, char *reason, size_t reason_size);

#endif
