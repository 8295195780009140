/* input — the files avis-parse is given, read whole.
 *
 * Owns: reading one input completely into memory (a saved page must be
 * parsed as a whole; memory is bounded by the largest single input, never
 * by their total), with "-" meaning stdin, and expanding directories
 * (with -r) into the saved pages they hold: files ending in .html, .htm,
 * .xhtml, .mhtml, .mht or .json, in byte order of their paths, so that
 * output never depends on the file system's order.
 */
#ifndef AVIS_INPUT_H
#define AVIS_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"

/* Read path ("-" = stdin) into out (replacing its content); *mtime gets
 * the file's modification time (now for stdin).  False with errno set. */
bool avis_read_input(const char *path, avis_buf *out, time_t *mtime);

/* True if path names a directory. */
bool avis_is_dir(const char *path);

/* The saved pages under dir, recursively, sorted; NULL with errno set if
 * dir cannot be read.  Free with avis_free_list (datafile.h). */
char **avis_list_pages(const char *dir, size_t *n);

#endif
