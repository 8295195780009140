/* mhtml — pages saved as "Webpage, single file" (.mhtml, .mht).
 *
 * Owns: recognising a MIME multipart/related archive, finding its first
 * text/html part, decoding that part's transfer encoding
 * (quoted-printable, or base64 with Nettle; 7bit/8bit/binary as-is), and
 * the archive facts a page needs: the part's charset, its
 * Content-Location (or the archive's Snapshot-Content-Location) as URL,
 * and the archive's Date: header as the save date.
 */
#ifndef AVIS_MHTML_H
#define AVIS_MHTML_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"

typedef struct {
	char charset[40];     /* "" when the part header names none */
	char url[2048];       /* "" when unknown */
	time_t date;
	bool date_known;
} avis_mhtml;

/* True if the first header lines announce a MIME multipart archive. */
bool avis_mhtml_detect(const char *bytes, size_t len);

/* Decode the first text/html part into out.  False with err set when the
 * archive has no such part. */
bool avis_mhtml_html_part(const char *bytes, size_t len, avis_mhtml *m, avis_buf *out, char *err,
			  size_t errsz);

#endif
