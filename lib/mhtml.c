/* mhtml — see mhtml.h. */
#include "mhtml.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <nettle/base64.h>

#include "calendar.h"

/* A header block: lines up to the first empty line. */
typedef struct {
	const char *start, *end;   /* the block, without the empty line */
	const char *body;          /* after the empty line */
} headers;

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl : end;
}

static headers read_headers(const char *p, const char *end)
{
	headers h = {p, end, end};
	while (p < end) {
		const char *e = line_end(p, end);
		size_t n = (size_t)(e - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0) {
			h.end = p;
			h.body = e < end ? e + 1 : end;
			return h;
		}
		p = e < end ? e + 1 : end;
	}
	return h;
}

/* The value of header name (unfolded) into out; false if absent. */
static bool header(const headers *h, const char *name, char *out, size_t outsz)
{
	size_t nl = strlen(name);
	for (const char *p = h->start; p < h->end;) {
		const char *e = line_end(p, h->end);
		if ((size_t)(e - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			size_t o = 0;
			const char *v = p + nl + 1;
			for (;;) {
				for (; v < e && o + 1 < outsz; v++)
					if (*v != '\r')
						out[o++] = *v;
				/* folded continuation lines start with white space */
				const char *next = e < h->end ? e + 1 : h->end;
				if (next >= h->end || (*next != ' ' && *next != '\t'))
					break;
				v = next;
				e = line_end(next, h->end);
			}
			out[o] = 0;
			/* trim */
			char *s = out;
			while (isspace((unsigned char)*s))
				s++;
			memmove(out, s, strlen(s) + 1);
			for (size_t k = strlen(out); k > 0 && isspace((unsigned char)out[k - 1]); k--)
				out[k - 1] = 0;
			return true;
		}
		p = e < h->end ? e + 1 : h->end;
	}
	return false;
}

/* A parameter of a header value: boundary="x", charset=utf-8 */
static bool param(const char *value, const char *name, char *out, size_t outsz)
{
	size_t nl = strlen(name);
	for (const char *p = value; *p; p++) {
		if (strncasecmp(p, name, nl) != 0 || p[nl] != '=' || (p != value && !strchr("; \t", p[-1])))
			continue;
		const char *v = p + nl + 1;
		bool quoted = *v == '"';
		v += quoted;
		size_t o = 0;
		while (*v && o + 1 < outsz && (quoted ? *v != '"' : !strchr("; \t", *v)))
			out[o++] = *v++;
		out[o] = 0;
		return o > 0;
	}
	return false;
}

bool avis_mhtml_detect(const char *bytes, size_t len)
{
	headers h = read_headers(bytes, bytes + (len < 8192 ? len : 8192));
	if (h.body == bytes + len && len >= 8192)
		return false;
	char ct[512];
	return header(&h, "Content-Type", ct, sizeof ct) && strncasecmp(ct, "multipart/", 10) == 0 &&
	       (header(&h, "MIME-Version", ct, sizeof ct) || header(&h, "Snapshot-Content-Location", ct, sizeof ct));
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	return -1;
}

static void decode_qp(const char *p, const char *end, avis_buf *out)
{
	while (p < end) {
		if (*p != '=') {
			avis_buf_putc(out, *p++);
			continue;
		}
		if (p + 1 < end && p[1] == '\n') {            /* soft line break */
			p += 2;
		} else if (p + 2 < end && p[1] == '\r' && p[2] == '\n') {
			p += 3;
		} else if (p + 2 < end && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			avis_buf_putc(out, (char)(hexval(p[1]) * 16 + hexval(p[2])));
			p += 3;
		} else {
			avis_buf_putc(out, *p++);                /* a stray '=' stays */
		}
	}
}

static void decode_base64(const char *p, const char *end, avis_buf *out)
{
	struct base64_decode_ctx ctx;
	base64_decode_init(&ctx);
	avis_buf_reserve(out, 1);   /* data is never NULL, even for an empty part */
	while (p < end) {
		const char *e = line_end(p, end);
		size_t n = (size_t)(e - p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		avis_buf_reserve(out, BASE64_DECODE_LENGTH(n) + 1);
		size_t dst = BASE64_DECODE_LENGTH(n);
		if (!base64_decode_update(&ctx, &dst, (uint8_t *)out->data + out->len, n, (const char *)p))
			break;   /* not base64 beyond this point: keep what decoded */
		out->len += dst;
		p = e < end ? e + 1 : end;
	}
	out->data[out->len] = 0;
}

/* RFC 5322 date: "Sat, 22 Jun 2024 12:34:56 +0200" (zone ignored). */
static bool mail_date(const char *v, time_t *t)
{
	const char *comma = strchr(v, ',');
	if (comma)
		v = comma + 1;
	int d, y, hh, mm, ss = 0;
	char mon[4];
	if (sscanf(v, "%d %3s %d %d:%d:%d", &d, mon, &y, &hh, &mm, &ss) < 5)
		return false;
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	const char *m = strstr(months, mon);
	if (!m || (m - months) % 3 || strlen(mon) != 3)
		return false;
	char iso[40];
	snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d", y % 10000, (int)(m - months) / 3 + 1,
		 d % 100, hh % 100, mm % 100, ss % 100);
	return avis_parse_iso(iso, t);
}

static const char *find(const char *p, const char *end, const char *s, size_t n)
{
	for (; p + n <= end; p++) {
		p = memchr(p, s[0], (size_t)(end - p));
		if (!p || p + n > end)
			return NULL;
		if (memcmp(p, s, n) == 0)
			return p;
	}
	return NULL;
}

bool avis_mhtml_html_part(const char *bytes, size_t len, avis_mhtml *m, avis_buf *out, char *err,
			  size_t errsz)
{
	memset(m, 0, sizeof *m);
	const char *end = bytes + len;
	headers top = read_headers(bytes, end);
	char ct[1024], boundary[300], v[2048];
	if (!header(&top, "Content-Type", ct, sizeof ct) || !param(ct, "boundary", boundary + 2, sizeof boundary - 2)) {
		snprintf(err, errsz, "MHTML archive without a multipart boundary");
		return false;
	}
	if (header(&top, "Date", v, sizeof v))
		m->date_known = mail_date(v, &m->date);
	if (header(&top, "Snapshot-Content-Location", v, sizeof v))
		snprintf(m->url, sizeof m->url, "%s", v);
	boundary[0] = boundary[1] = '-';
	size_t blen = strlen(boundary);
	const char *p = top.body;
	while ((p = find(p, end, boundary, blen))) {
		p += blen;
		if (p + 2 <= end && p[0] == '-' && p[1] == '-')
			break;   /* closing boundary */
		p = line_end(p, end);
		if (p < end)
			p++;
		headers h = read_headers(p, end);
		const char *next = find(h.body, end, boundary, blen);
		const char *body_end = next ? next : end;
		if (header(&h, "Content-Type", ct, sizeof ct) && strncasecmp(ct, "text/html", 9) == 0) {
			param(ct, "charset", m->charset, sizeof m->charset);
			if (header(&h, "Content-Location", v, sizeof v) && !m->url[0])
				snprintf(m->url, sizeof m->url, "%s", v);
			char enc[64] = "";
			header(&h, "Content-Transfer-Encoding", enc, sizeof enc);
			avis_buf_clear(out);
			if (strcasecmp(enc, "quoted-printable") == 0)
				decode_qp(h.body, body_end, out);
			else if (strcasecmp(enc, "base64") == 0)
				decode_base64(h.body, body_end, out);
			else
				avis_buf_put(out, h.body, (size_t)(body_end - h.body));
			return true;
		}
		p = body_end;
	}
	snprintf(err, errsz, "MHTML archive without a text/html part");
	return false;
}
