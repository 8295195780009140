/* libFuzzer harness: the MHTML decoder (headers, boundaries,
 * quoted-printable, base64). */
#include <stdint.h>

#include "mhtml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	avis_mhtml m;
	avis_buf out = AVIS_BUF_INIT;
	char err[256];
	if (avis_mhtml_detect(p, size) || size % 2)
		avis_mhtml_html_part(p, size, &m, &out, err, sizeof err);
	avis_buf_free(&out);
	return 0;
}
