/* buf — a growable byte buffer.
 *
 * Owns: the memory of one byte string that grows as text is appended.
 * Every text transformation in lib/ writes into a buf so that no module
 * has to guess output sizes.  The data is always NUL-terminated (the NUL
 * is not counted in len) so it can be handed to C string APIs, but it may
 * contain NUL bytes of its own: always use len.
 */
#ifndef AVIS_BUF_H
#define AVIS_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	char *data;
	size_t len;
	size_t cap;
} avis_buf;

#define AVIS_BUF_INIT {NULL, 0, 0}

/* Make room for n more bytes; aborts on out-of-memory (see avis_xalloc). */
void avis_buf_reserve(avis_buf *b, size_t n);
void avis_buf_put(avis_buf *b, const void *p, size_t n);
void avis_buf_puts(avis_buf *b, const char *s);
void avis_buf_putc(avis_buf *b, char c);
/* Append one code point as UTF-8 (invalid code points become U+FFFD). */
void avis_buf_put_cp(avis_buf *b, int32_t cp);
void avis_buf_printf(avis_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void avis_buf_clear(avis_buf *b);
void avis_buf_free(avis_buf *b);

/* malloc/realloc that never return NULL: out of memory is not an input
 * error we can report per record, so it ends the program (exit 2). */
void *avis_xmalloc(size_t n);
void *avis_xrealloc(void *p, size_t n);
void *avis_xcalloc(size_t n, size_t size);
char *avis_xstrndup(const char *s, size_t n);

#endif
