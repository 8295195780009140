/* charset — bytes that are not the UTF-8 they claim to be.
 *
 * Owns: UTF-8 validation of raw input, and the three repairs avis makes
 * to text that went through the wrong charset on its way to us:
 *   - invalid UTF-8 bytes are decoded as Windows-1252 (the usual culprit
 *     for French text), and bytes Windows-1252 leaves undefined become
 *     U+FFFD;
 *   - C1 control characters (U+0080..U+009F), the trace of Windows-1252
 *     decoded as ISO-8859-1, are mapped to what Windows-1252 meant;
 *   - mojibake ("Ã©" for "é": UTF-8 decoded as Windows-1252 once too
 *     often) is undone when the whole string round-trips.
 * The Windows-1252 mapping comes from iconv at start-up, not from a table
 * written here.
 */
#ifndef AVIS_CHARSET_H
#define AVIS_CHARSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct avis_charset avis_charset;

/* NULL if iconv lacks WINDOWS-1252 (then the caller reports and exits). */
avis_charset *avis_charset_new(void);
void avis_charset_free(avis_charset *cs);

/* Offset of the first byte that does not start a valid UTF-8 sequence
 * (overlong forms and surrogates are invalid), or len when all is valid. */
size_t avis_utf8_invalid_at(const char *s, size_t len);

/* The start of the UTF-8 character that holds byte i of s (len bytes):
 * where a text can be cut without splitting a character. */
size_t avis_utf8_char_start(const char *s, size_t len, size_t i);

/* Copy s to out (appending), decoding each invalid byte as Windows-1252
 * (U+FFFD where undefined) and dropping NUL bytes.  Returns the number of
 * bytes that had to be repaired (NULs not counted). */
size_t avis_utf8_repair(const avis_charset *cs, const char *s, size_t len, avis_buf *out);

/* What Windows-1252 means by byte b (0x80..0xFF); -1 where undefined. */
int32_t avis_cp1252_decode(const avis_charset *cs, unsigned char b);

/* If s (valid UTF-8) is mojibake, write the repaired text to out
 * (replacing its content) and return true; else leave out alone. */
bool avis_fix_mojibake(avis_charset *cs, const char *s, size_t len, avis_buf *out);

#endif
