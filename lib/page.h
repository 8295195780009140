/* page — one saved web page, decoded and parsed.
 *
 * Owns: turning the bytes of a saved HTML page into a libxml2 document
 * that is safe to query: the charset is found (byte order mark, then
 * <meta charset> or http-equiv in the first 64 KB, then the charset the
 * container declared, e.g. an MHTML part header), the bytes are converted
 * to UTF-8 with iconv (ISO-8859-1 and US-ASCII are read as Windows-1252,
 * as browsers do), and a page that claims UTF-8 but is not has its bad
 * bytes decoded as Windows-1252 and is marked `repaired`.  The parser
 * never touches the network and never loads a DTD or an external entity
 * (HTML_PARSE_NONET, recover mode, no error output).
 *
 * Also owns the page's metadata (its URL from the "saved from url"
 * comment, <link rel=canonical> or og:url; its save date from a SingleFile
 * "saved date:" comment) and the visible text of a node: text nodes in
 * document order, <br> and block elements as line breaks, white space
 * runs as one space, and nothing from script, style, template, button or
 * svg elements (UI chrome such as "Plus" or "J'aime" lives in buttons).
 */
#ifndef AVIS_PAGE_H
#define AVIS_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "buf.h"
#include "charset.h"

typedef struct {
	htmlDocPtr doc;
	char *url;              /* NULL when the page does not say */
	time_t saved;           /* valid when saved_known */
	bool saved_known;
	char charset[40];       /* the charset the bytes were read as */
	bool repaired;          /* claimed UTF-8 (or nothing) but was not */
} avis_page;

/* Parse bytes into p.  declared: the charset a container gave (MHTML part
 * header), or NULL.  False (err set) only if libxml2 builds no document. */
bool avis_page_parse(avis_page *p, const avis_charset *cs, const char *bytes, size_t len,
		     const char *declared, char *err, size_t errsz);
void avis_page_free(avis_page *p);

/* Find the charset a page declares: BOM, then <meta> in the first 64 KB.
 * Writes a name (e.g. "utf-8", "iso-8859-1") or "" when none. */
void avis_sniff_charset(const char *bytes, size_t len, char out[40]);

/* Convert bytes in charset to UTF-8 (appended to out).  *repaired is set
 * when bytes were not valid in the charset claimed and were decoded as
 * Windows-1252.  False if iconv does not know the charset (then the bytes
 * were read as UTF-8 with repair). */
bool avis_to_utf8(const avis_charset *cs, const char *charset, const char *bytes, size_t len,
		  avis_buf *out, bool *repaired);

/* Append the visible text of node n to out (see above); trims ends. */
void avis_node_text(xmlNodePtr n, avis_buf *out);

#endif
