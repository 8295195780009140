/* buf — growable byte buffer; see buf.h. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

void *avis_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("avis: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

void *avis_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("avis: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

void *avis_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		fputs("avis: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

char *avis_xstrndup(const char *s, size_t n)
{
	char *p = avis_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void avis_buf_reserve(avis_buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + n + 1)
		cap *= 2;
	b->data = avis_xrealloc(b->data, cap);
	b->cap = cap;
}

void avis_buf_put(avis_buf *b, const void *p, size_t n)
{
	avis_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void avis_buf_puts(avis_buf *b, const char *s)
{
	avis_buf_put(b, s, strlen(s));
}

void avis_buf_putc(avis_buf *b, char c)
{
	avis_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void avis_buf_put_cp(avis_buf *b, int32_t cp)
{
	if (cp >= 0 && cp < 0x80) {
		avis_buf_putc(b, (char)cp);
		return;
	}
	if (!utf8proc_codepoint_valid(cp))
		cp = 0xFFFD;
	avis_buf_reserve(b, 4);
	b->len += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)b->data + b->len);
	b->data[b->len] = '\0';
}

void avis_buf_printf(avis_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	avis_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void avis_buf_clear(avis_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void avis_buf_free(avis_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
