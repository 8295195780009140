/* charset — UTF-8 validation and charset repairs; see charset.h. */
#define _GNU_SOURCE
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

struct avis_charset {
	int32_t cp1252[128];      /* bytes 0x80..0xFF, -1 = undefined */
	iconv_t to_cp1252;        /* UTF-8 -> WINDOWS-1252, for mojibake */
};

static int32_t decode_one_byte(iconv_t cd, unsigned char byte)
{
	char in[1] = {(char)byte};
	char out[8];
	char *ip = in, *op = out;
	size_t il = 1, ol = sizeof out;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
		return -1;
	utf8proc_int32_t cp;
	if (utf8proc_iterate((const utf8proc_uint8_t *)out, (utf8proc_ssize_t)(op - out), &cp) <= 0)
		return -1;
	return cp;
}

avis_charset *avis_charset_new(void)
{
	iconv_t from = iconv_open("UTF-8", "WINDOWS-1252");
	if (from == (iconv_t)-1)
		return NULL;
	avis_charset *cs = avis_xmalloc(sizeof *cs);
	for (int b = 0x80; b <= 0xFF; b++)
		cs->cp1252[b - 0x80] = decode_one_byte(from, (unsigned char)b);
	iconv_close(from);
	cs->to_cp1252 = iconv_open("WINDOWS-1252", "UTF-8");
	if (cs->to_cp1252 == (iconv_t)-1) {
		free(cs);
		return NULL;
	}
	return cs;
}

void avis_charset_free(avis_charset *cs)
{
	if (!cs)
		return;
	iconv_close(cs->to_cp1252);
	free(cs);
}

int32_t avis_cp1252_decode(const avis_charset *cs, unsigned char b)
{
	return b < 0x80 ? b : cs->cp1252[b - 0x80];
}

/* Length of the valid UTF-8 sequence at s, or 0 if invalid. */
static size_t valid_seq(const char *s, size_t left)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
					      (utf8proc_ssize_t)(left > 4 ? 4 : left), &cp);
	return n > 0 ? (size_t)n : 0;
}

size_t avis_utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = valid_seq(s + i, len - i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

size_t avis_utf8_char_start(const char *s, size_t len, size_t i)
{
	while (i > 0 && i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

size_t avis_utf8_repair(const avis_charset *cs, const char *s, size_t len, avis_buf *out)
{
	size_t repaired = 0, i = 0;
	avis_buf_reserve(out, len);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0) {
			i++;
			continue;
		}
		if (c < 0x80) {
			avis_buf_putc(out, (char)c);
			i++;
			continue;
		}
		size_t n = valid_seq(s + i, len - i);
		if (n) {
			avis_buf_put(out, s + i, n);
			i += n;
			continue;
		}
		int32_t cp = avis_cp1252_decode(cs, c);
		avis_buf_put_cp(out, cp < 0 ? 0xFFFD : cp);
		repaired++;
		i++;
	}
	return repaired;
}

/* Mojibake of French text shows as U+00C3 or U+00C2 (lead bytes of
 * Latin-1 letters) or "â€" (lead of U+2019 and friends). */
static bool looks_like_mojibake(const char *s, size_t len)
{
	if (!s || len < 2)
		return false;
	return memmem(s, len, "\xC3\x83", 2) || memmem(s, len, "\xC3\x82", 2) ||
	       memmem(s, len, "\xC3\xA2\xE2\x82\xAC", 5);
}

bool avis_fix_mojibake(avis_charset *cs, const char *s, size_t len, avis_buf *out)
{
	if (!looks_like_mojibake(s, len))
		return false;
	char *tmp = avis_xmalloc(len + 1);
	char *ip = (char *)s, *op = tmp;
	size_t il = len, ol = len;
	iconv(cs->to_cp1252, NULL, NULL, NULL, NULL);
	size_t rc = iconv(cs->to_cp1252, &ip, &il, &op, &ol);
	size_t n = (size_t)(op - tmp);
	/* Only when every character maps back to one byte and the bytes
	 * are UTF-8 with at least one multi-byte character is it mojibake. */
	bool ok = rc != (size_t)-1 && il == 0 && avis_utf8_invalid_at(tmp, n) == n;
	if (ok) {
		ok = false;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)tmp[i] >= 0x80) {
				ok = true;
				break;
			}
	}
	if (ok) {
		avis_buf_clear(out);
		avis_buf_put(out, tmp, n);
	}
	free(tmp);
	return ok;
}
