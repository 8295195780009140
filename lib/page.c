/* page — see page.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "page.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpath.h>

#include "calendar.h"

enum { SNIFF_WINDOW = 64 * 1024 };

/* Find the first "charset=NAME" inside a <meta ...> tag of s[0..len). */
static bool meta_charset(const char *s, size_t len, char out[40])
{
	const char *end = s + len;
	for (const char *p = s; p + 5 < end; p++) {
		if (p[0] != '<' || strncasecmp(p + 1, "meta", 4) != 0 || !(isspace((unsigned char)p[5]) || p[5] == '/'))
			continue;
		const char *q = p + 5;
		const char *close = memchr(q, '>', (size_t)(end - q));
		if (!close)
			return false;
		for (; q + 8 <= close; q++) {
			if (strncasecmp(q, "charset", 7) != 0)
				continue;
			const char *v = q + 7;
			while (v < close && isspace((unsigned char)*v)) v++;
			if (v >= close || *v != '=')
				continue;
			v++;
			while (v < close && (isspace((unsigned char)*v) || *v == '"' || *v == '\'')) v++;
			size_t n = 0;
			while (v + n < close && n < 39 && (isalnum((unsigned char)v[n]) || strchr("-_.:", v[n])))
				n++;
			if (n == 0)
				continue;
			for (size_t i = 0; i < n; i++)
				out[i] = (char)tolower((unsigned char)v[i]);
			out[n] = 0;
			return true;
		}
		p = close;
	}
	return false;
}

void avis_sniff_charset(const char *bytes, size_t len, char out[40])
{
	out[0] = 0;
	const unsigned char *u = (const unsigned char *)bytes;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		strcpy(out, "utf-8");
	else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		strcpy(out, "utf-16le");
	else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		strcpy(out, "utf-16be");
	else
		meta_charset(bytes, len < SNIFF_WINDOW ? len : SNIFF_WINDOW, out);
}

static bool is_utf8_name(const char *c)
{
	return !*c || strcasecmp(c, "utf-8") == 0 || strcasecmp(c, "utf8") == 0;
}

/* Browsers read these labels as Windows-1252 (WHATWG Encoding). */
static const char *iconv_name(const char *c)
{
	static const char *const as_1252[] = {"iso-8859-1", "iso8859-1", "latin1", "l1",
					      "us-ascii", "ascii", "windows-1252", "cp1252"};
	for (size_t i = 0; i < sizeof as_1252 / sizeof as_1252[0]; i++)
		if (strcasecmp(c, as_1252[i]) == 0)
			return "WINDOWS-1252";
	return c;
}

static bool iconv_convert(iconv_t cd, const char *bytes, size_t len, avis_buf *out)
{
	char *in = (char *)bytes;
	size_t left = len;
	while (left > 0) {
		avis_buf_reserve(out, left * 3 + 16);
		char *o = out->data + out->len;
		size_t room = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &left, &o, &room);
		out->len = (size_t)(o - out->data);
		if (r == (size_t)-1 && errno != E2BIG)
			return false;
	}
	out->data[out->len] = 0;
	return true;
}

bool avis_to_utf8(const avis_charset *cs, const char *charset, const char *bytes, size_t len,
		  avis_buf *out, bool *repaired)
{
	*repaired = false;
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		bytes += 3;
		len -= 3;
	}
	if (!is_utf8_name(charset)) {
		iconv_t cd = iconv_open("UTF-8", iconv_name(charset));
		if (cd != (iconv_t)-1) {
			size_t start = out->len;
			bool ok = iconv_convert(cd, bytes, len, out);
			iconv_close(cd);
			if (ok)
				return true;
			out->len = start;   /* not that charset after all: repair below */
		} else {
			avis_utf8_repair(cs, bytes, len, out);
			*repaired = avis_utf8_invalid_at(bytes, len) < len;
			return false;
		}
	}
	*repaired = avis_utf8_repair(cs, bytes, len, out) > 0;
	return true;
}

/* The URL in Internet Explorer's and Chrome's "saved from url=(NNNN)URL"
 * mark near the top of the file; NNNN is the URL's length. */
static char *saved_from_url(const char *bytes, size_t len)
{
	static const char mark[] = "saved from url=(";
	size_t window = len < 4096 ? len : 4096;
	for (size_t i = 0; i + sizeof mark < window; i++) {
		if (memcmp(bytes + i, mark, sizeof mark - 1) != 0)
			continue;
		const char *p = bytes + i + sizeof mark - 1, *end = bytes + window;
		size_t n = 0;
		while (p < end && *p >= '0' && *p <= '9' && n < 100000)
			n = n * 10 + (size_t)(*p++ - '0');
		if (p >= end || *p != ')')
			return NULL;
		p++;
		size_t avail = 0;
		while (p + avail < end && !isspace((unsigned char)p[avail]) && avail < n)
			avail++;
		/* "about:internet" is what IE writes for local files: no URL. */
		if (avail == 0 || (avail >= 6 && memcmp(p, "about:", 6) == 0))
			return NULL;
		return avis_xstrndup(p, avail);
	}
	return NULL;
}

/* SingleFile writes "saved date: Tue Nov 21 2023 10:05:11 GMT+0100 ...". */
static bool saved_date(const char *bytes, size_t len, time_t *t)
{
	static const char mark[] = "saved date: ";
	size_t window = len < 4096 ? len : 4096;
	for (size_t i = 0; i + sizeof mark < window; i++) {
		if (memcmp(bytes + i, mark, sizeof mark - 1) != 0)
			continue;
		/* sscanf needs a terminated string: the input may not be one. */
		char line[80];
		size_t n = len - i - (sizeof mark - 1);
		n = n < sizeof line - 1 ? n : sizeof line - 1;
		memcpy(line, bytes + i + sizeof mark - 1, n);
		line[n] = 0;
		char wd[4], mon[4];
		int d, y, hh, mm, ss;
		if (sscanf(line, "%3s %3s %d %d %d:%d:%d", wd, mon, &d, &y, &hh, &mm, &ss) != 7)
			return false;
		static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
		const char *m = strstr(months, mon);
		if (!m || (m - months) % 3)
			return false;
		char iso[32];
		snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d", y, (int)(m - months) / 3 + 1, d, hh, mm, ss);
		return avis_parse_iso(iso, t);
	}
	return false;
}

static char *xpath_string(htmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	char *s = NULL;
	if (r && r->type == XPATH_NODESET && r->nodesetval && r->nodesetval->nodeNr > 0) {
		xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[0]);
		if (v && *v)
			s = avis_xstrndup((const char *)v, strlen((const char *)v));
		xmlFree(v);
	}
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return s;
}

bool avis_page_parse(avis_page *p, const avis_charset *cs, const char *bytes, size_t len,
		     const char *declared, char *err, size_t errsz)
{
	memset(p, 0, sizeof *p);
	avis_sniff_charset(bytes, len, p->charset);
	if (!p->charset[0] && declared)
		snprintf(p->charset, sizeof p->charset, "%s", declared);
	avis_buf utf8 = AVIS_BUF_INIT;
	const char *text = bytes;
	size_t tlen = len;
	if (is_utf8_name(p->charset) && avis_utf8_invalid_at(bytes, len) == len) {
		/* The usual case: valid UTF-8 as claimed, parsed in place. */
		if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
			text += 3;
			tlen -= 3;
		}
	} else {
		if (!avis_to_utf8(cs, p->charset, bytes, len, &utf8, &p->repaired))
			snprintf(p->charset, sizeof p->charset, "utf-8");
		text = utf8.data ? utf8.data : "";
		tlen = utf8.len;
	}
	if (tlen > (size_t)INT32_MAX) {
		snprintf(err, errsz, "page too large (%zu bytes)", tlen);
		avis_buf_free(&utf8);
		return false;
	}
	/* The text is UTF-8 now, whatever its <meta> says: tell the parser so,
	 * and keep it from switching on the meta (HTML_PARSE_IGNORE_ENC). */
	p->doc = htmlReadMemory(text, (int)tlen, NULL, "UTF-8",
				HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				HTML_PARSE_RECOVER | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
	avis_buf_free(&utf8);
	if (!p->doc) {
		snprintf(err, errsz, "not an HTML document");
		return false;
	}
	p->url = saved_from_url(bytes, len);
	if (!p->url)
		p->url = xpath_string(p->doc, "//link[@rel='canonical']/@href");
	if (!p->url)
		p->url = xpath_string(p->doc, "//meta[@property='og:url']/@content");
	p->saved_known = saved_date(bytes, len, &p->saved);
	return true;
}

void avis_page_free(avis_page *p)
{
	if (p->doc)
		xmlFreeDoc(p->doc);
	free(p->url);
	memset(p, 0, sizeof *p);
}

static bool is_skipped(const xmlNode *n)
{
	static const char *const skip[] = {"script", "style", "noscript", "template", "button", "svg", "head"};
	for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++)
		if (strcasecmp((const char *)n->name, skip[i]) == 0)
			return true;
	return false;
}

static bool is_block(const xmlNode *n)
{
	static const char *const blocks[] = {"p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3",
					     "h4", "h5", "h6", "tr", "table", "section", "article", "dd", "dt",
					     "pre", "header", "footer"};
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (strcasecmp((const char *)n->name, blocks[i]) == 0)
			return true;
	return false;
}

/* Text accumulator: collapses white space, keeps pending breaks. */
typedef struct {
	avis_buf *out;
	size_t start;
	bool space, brk, nbsp;
} text_acc;

static void acc_text(text_acc *a, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			a->space = true;
			continue;
		}
		/* A no-break space only matters between words: trimmed at the
		 * ends like other white space, kept as such inside. */
		if (c == 0xC2 && (unsigned char)s[1] == 0xA0) {
			if (a->out->len > a->start && !a->space && !a->brk)
				a->nbsp = true;
			s++;
			continue;
		}
		if (a->out->len > a->start) {
			if (a->brk)
				avis_buf_putc(a->out, '\n');
			else if (a->space)
				avis_buf_putc(a->out, ' ');
			else if (a->nbsp)
				avis_buf_puts(a->out, "\xC2\xA0");
		}
		a->space = a->brk = a->nbsp = false;
		avis_buf_putc(a->out, (char)c);
	}
}

void avis_node_text(xmlNodePtr n, avis_buf *out)
{
	text_acc a = {out, out->len, false, false, false};
	if (!n)
		return;
	if (n->type == XML_ATTRIBUTE_NODE || n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		xmlChar *v = xmlNodeGetContent(n);
		if (v)
			acc_text(&a, (const char *)v);
		xmlFree(v);
		return;
	}
	/* Iterative walk: deeply nested pages must not exhaust the stack. */
	xmlNodePtr cur = n->children;
	while (cur && cur != n) {
		bool descend = false;
		if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
			if (cur->content)
				acc_text(&a, (const char *)cur->content);
		} else if (cur->type == XML_ELEMENT_NODE && !is_skipped(cur)) {
			if (strcasecmp((const char *)cur->name, "br") == 0 || is_block(cur))
				a.brk = true;
			descend = cur->children != NULL;
		}
		if (descend) {
			cur = cur->children;
			continue;
		}
		while (cur && cur != n && !cur->next) {
			cur = cur->parent;
			if (cur && cur != n && cur->type == XML_ELEMENT_NODE && is_block(cur))
				a.brk = true;
		}
		if (cur && cur != n)
			cur = cur->next;
	}
}
