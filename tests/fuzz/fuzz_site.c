/* libFuzzer harness: the site-profile parser.  The input is written to a
 * file and loaded as a profile (block format, XPath and regex checks);
 * a profile that loads is run over a small page. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "site.h"

static bool on_review(void *arg, const avis_review *r)
{
	(void)r;
	++*(int *)arg;
	return true;
}

static bool on_aggregate(void *arg, const char *subject, const char *rating, double best, const char *count)
{
	(void)subject, (void)rating, (void)best, (void)count;
	++*(int *)arg;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/fuzz-site-%d.site", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	char err[512];
	avis_xml_quiet();
	avis_site *s = avis_site_load(path, err, sizeof err);
	unlink(path);
	if (!s)
		return 0;
	static const char html[] = "<html><head><title>t</title></head><body><h1>Cabinet</h1>"
				   "<ul id=avis><li class='a b'><b>Ann</b><span title='Noté 4,0 sur 5'>x</span>"
				   "<i>il y a 2 mois</i><q>Bien</q></li></ul></body></html>";
	avis_charset *cs = avis_charset_new();
	avis_page p;
	if (cs && avis_page_parse(&p, cs, html, sizeof html - 1, NULL, err, sizeof err)) {
		xmlXPathContextPtr ctx = avis_xpath_context(&p);
		int n = 0;
		if (avis_site_detects(s, ctx, "https://www.example.org/avis")) {
			free(avis_site_subject(s, ctx));
			avis_site_reviews(s, ctx, on_review, &n);
			avis_site_aggregates(s, ctx, on_aggregate, &n);
		}
		xmlXPathFreeContext(ctx);
		avis_page_free(&p);
	}
	avis_charset_free(cs);
	avis_site_free(s);
	return 0;
}
