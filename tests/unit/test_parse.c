/* Unit tests: the modules behind avis-parse (date, page, review, mhtml,
 * takeout, site). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "date.h"
#include "harness.h"
#include "mhtml.h"
#include "page.h"
#include "review.h"
#include "schemaorg.h"
#include "site.h"
#include "takeout.h"

static void check_date(T *t, avis_dates *d, const char *raw, time_t now, const char *want_iso,
		       const char *want_prec)
{
	avis_date out;
	char what[200];
	snprintf(what, sizeof what, "date \"%s\"", raw);
	bool ok = avis_date_parse(d, raw, now, &out);
	if (!want_iso) {
		CHECK(t, !ok, what);
		return;
	}
	CHECK_STR(t, ok ? out.iso : "(none)", strlen(ok ? out.iso : "(none)"), want_iso, what);
	const char *p = ok ? avis_date_prec_name(out.prec) : "(none)";
	CHECK_STR(t, p, strlen(p), want_prec, what);
}

void test_date(T *t)
{
	avis_dates *d = avis_dates_new();
	time_t now;
	CHECK(t, avis_parse_iso("2025-11-14", &now), "--now date");
	check_date(t, d, "14 septembre 2025", now, "2025-09-14", "day");
	check_date(t, d, "Le 1er mars 2024 ", now, "2024-03-01", "day");
	check_date(t, d, "4 août 2025\xc2\xa0à\xc2\xa0" "00:42", now, "2025-08-04", "day");
	check_date(t, d, "Expérience vécue le 12 DÉCEMBRE 2025", now, "2025-12-12", "day");
	check_date(t, d, "14/09/2025", now, "2025-09-14", "day");
	check_date(t, d, "4/16/2016", now, "2016-04-16", "day");
	check_date(t, d, "sept. 2025", now, "2025-09-01", "month");
	check_date(t, d, "février 2024", now, "2024-02-01", "month");
	check_date(t, d, "February 11, 2022", now, "2022-02-11", "day");
	check_date(t, d, "Sep 2026 • Couples", now, "2026-09-01", "month");
	check_date(t, d, "2024-06-20T13:09:47.000Z", now, "2024-06-20", "day");
	check_date(t, d, "il y a 3 jours", now, "2025-11-11", "day");
	check_date(t, d, "il y a une semaine", now, "2025-11-07", "week");
	check_date(t, d, "Modifié il y a 2 mois", now, "2025-09-14", "month");
	check_date(t, d, "il y a un an", now, "2024-11-14", "year");
	check_date(t, d, "ll y a 2 jours", now, "2025-11-12", "day");
	check_date(t, d, "a month ago", now, "2025-10-14", "month");
	check_date(t, d, "6 hours ago", now, "2025-11-13", "day");
	check_date(t, d, "hier", now, "2025-11-13", "day");
	check_date(t, d, "le mois dernier", now, "2025-10-14", "month");
	check_date(t, d, "L'année dernière", now, "2024-11-14", "year");
	check_date(t, d, "last week", now, "2025-11-07", "week");
	check_date(t, d, "la semaine", now, NULL, NULL);
	check_date(t, d, "Aujourd’hui", now, "2025-11-14", "day");
	check_date(t, d, "31/02/2025", now, NULL, NULL);
	check_date(t, d, "Nouveau", now, NULL, NULL);
	check_date(t, d, "", now, NULL, NULL);
	/* A month back from the 31st lands on the month's last day. */
	CHECK(t, avis_parse_iso("2025-03-31T12:00:00", &now), "--now with a time");
	check_date(t, d, "il y a 1 mois", now, "2025-02-28", "month");
	CHECK(t, !avis_parse_iso("2025-13-01", &now) && !avis_parse_iso("demain", &now),
	      "bad --now dates refused");
	avis_dates_free(d);
}

void test_read_number(T *t)
{
	double v;
	CHECK(t, avis_read_number("Noté 4,0 sur 5", false, &v) && v == 4.0, "decimal comma");
	CHECK(t, avis_read_number("Rated 4.4 out of 5,", false, &v) && v == 4.4, "decimal point");
	CHECK(t, avis_read_number("(2,205 reviews)", true, &v) && v == 2205, "thousands comma");
	CHECK(t, avis_read_number("1\xc2\xa0" "234 avis", true, &v) && v == 1234, "thousands no-break space");
	CHECK(t, !avis_read_number("aucun", false, &v), "no number");
}

static const char *text_of(avis_page *p, const char *xpath, avis_buf *b)
{
	xmlXPathContextPtr ctx = avis_xpath_context(p);
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	avis_buf_clear(b);
	if (r && r->nodesetval && r->nodesetval->nodeNr > 0)
		avis_node_text(r->nodesetval->nodeTab[0], b);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	return b->data ? b->data : "";
}

void test_page(T *t)
{
	avis_charset *cs = avis_charset_new();
	char err[200], cset[40];
	const char *equiv = "<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">";
	avis_sniff_charset(equiv, strlen(equiv), cset);
	CHECK(t, strcmp(cset, "iso-8859-1") == 0, "http-equiv charset");
	avis_sniff_charset("\xEF\xBB\xBF<meta charset=\"windows-1252\">", 30, cset);
	CHECK(t, strcmp(cset, "utf-8") == 0, "BOM wins over meta");
	avis_sniff_charset("<meta name=x content=y>", 23, cset);
	CHECK(t, cset[0] == 0, "no charset");

	const char *html = "<!-- saved from url=(0030)https://example.org/avis -->\n"
			   "<html><head><meta charset=\"iso-8859-1\"><title>T</title></head><body>"
			   "<div id=r><p>Tr\xe8s  bien,<br>merci</p><button>J'aime</button>"
			   "<script>var x = 1;</script><span>\xa0 fin \xa0</span></div></body></html>";
	avis_page p;
	CHECK(t, avis_page_parse(&p, cs, html, strlen(html), NULL, err, sizeof err), "page parsed");
	CHECK(t, strcmp(p.charset, "iso-8859-1") == 0 && !p.repaired, "declared charset used");
	CHECK(t, p.url && strcmp(p.url, "https://example.org/avis") == 0, "saved-from URL");
	avis_buf b = AVIS_BUF_INIT;
	const char *s = text_of(&p, "//div[@id='r']", &b);
	CHECK_STR(t, s, strlen(s), "Très bien,\nmerci\nfin", "visible text: breaks, no button, no script");
	avis_page_free(&p);

	const char *liar = "<html><head><meta charset=utf-8></head><body><p>d\xe9j\xe0 \xe2\x82\xac</p></body></html>";
	CHECK(t, avis_page_parse(&p, cs, liar, strlen(liar), NULL, err, sizeof err), "mixed page parsed");
	CHECK(t, p.repaired, "claims UTF-8 but is not: repaired");
	s = text_of(&p, "//p", &b);
	CHECK_STR(t, s, strlen(s), "déjà €", "bad bytes read as Windows-1252, good UTF-8 kept");
	avis_page_free(&p);

	const char *mhtml_part = "<html><body><p>caf\xe9</p></body></html>";
	CHECK(t, avis_page_parse(&p, cs, mhtml_part, strlen(mhtml_part), "windows-1252", err, sizeof err),
	      "container charset");
	s = text_of(&p, "//p", &b);
	CHECK_STR(t, s, strlen(s), "café", "container charset used when the page names none");
	avis_page_free(&p);
	avis_buf_free(&b);
	avis_charset_free(cs);
}

void test_mhtml(T *t)
{
	const char *m = "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://a.example/x\r\n"
			"Date: Sat, 22 Jun 2024 12:34:56 +0200\r\nMIME-Version: 1.0\r\n"
			"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"--B\"\r\n\r\n"
			"----B\r\nContent-Type: text/css\r\n\r\np{}\r\n"
			"----B\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
			"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
			"<p class=3D\"a\">Tr=C3=A8s bien, =\r\nmerci</p>\r\n----B--\r\n";
	CHECK(t, avis_mhtml_detect(m, strlen(m)), "MHTML detected");
	CHECK(t, !avis_mhtml_detect("<html>", 6), "HTML is not MHTML");
	avis_mhtml info;
	avis_buf out = AVIS_BUF_INIT;
	char err[200];
	CHECK(t, avis_mhtml_html_part(m, strlen(m), &info, &out, err, sizeof err), "html part found");
	CHECK_STR(t, out.data, out.len, "<p class=\"a\">Très bien, merci</p>\r\n", "quoted-printable decoded");
	CHECK(t, strcmp(info.charset, "utf-8") == 0 && strcmp(info.url, "https://a.example/x") == 0, "charset and URL");
	time_t want;
	avis_parse_iso("2024-06-22T12:34:56", &want);
	CHECK(t, info.date_known && info.date == want, "Date: header");
	const char *b64 = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=Z\n\n"
			  "--Z\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n"
			  "PHA+Qm9u\nam91cjwvcD4=\n--Z--\n";
	CHECK(t, avis_mhtml_html_part(b64, strlen(b64), &info, &out, err, sizeof err), "base64 part");
	CHECK_STR(t, out.data, out.len, "<p>Bonjour</p>", "base64 decoded across lines");
	const char *none = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=Z\n\n--Z\nContent-Type: image/png\n\nxx\n--Z--\n";
	CHECK(t, !avis_mhtml_html_part(none, strlen(none), &info, &out, err, sizeof err) &&
		 strstr(err, "without a text/html part") != NULL, "no html part reported");
	avis_buf_free(&out);
}

typedef struct {
	int n;
	char authors[200];
	char ratings[50];
} collect;

static bool collect_review(void *arg, const avis_review *r)
{
	collect *c = arg;
	c->n++;
	strncat(c->authors, r->author.len ? r->author.data : "-", sizeof c->authors - strlen(c->authors) - 2);
	strcat(c->authors, ";");
	strncat(c->ratings, r->rating.len ? r->rating.data : "-", 3);
	return true;
}

void test_takeout(T *t)
{
	const char *j = "{\"reviews\":[{\"reviewer\":{\"displayName\":\"A\"},\"starRating\":\"THREE\"},"
			"{\"reviewer\":{\"displayName\":\"B\"},\"starRating\":\"STAR_RATING_UNSPECIFIED\",\"comment\":\"x\"}, 3]}";
	CHECK(t, avis_takeout_detect(j, strlen(j)), "Takeout detected");
	CHECK(t, !avis_takeout_detect("{\"a\":1}", 7) && !avis_takeout_detect("<html>", 6), "others are not");
	collect c = {0};
	char err[200];
	unsigned long eline;
	CHECK(t, avis_takeout_read(j, strlen(j), collect_review, NULL, &c, err, sizeof err, &eline), "read");
	CHECK(t, c.n == 2 && strcmp(c.authors, "A;B;") == 0 && strcmp(c.ratings, "3-") == 0,
	      "star words, unspecified rating, non-object items skipped");
	CHECK(t, !avis_takeout_read("{\"reviews\":{}}", 14, collect_review, NULL, &c, err, sizeof err, &eline) &&
		 strstr(err, "no \"reviews\" array"), "not a reviews file");
	CHECK(t, !avis_takeout_read("{\"reviews\":[", 12, collect_review, NULL, &c, err, sizeof err, &eline) &&
		 strstr(err, "invalid JSON") && eline == 1, "broken JSON, with its line");
}

static avis_site *site_from(const char *text, char *err, size_t errsz)
{
	char path[] = "/tmp/avis-site-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	if (write(fd, text, strlen(text)) < 0) {
		close(fd);
		return NULL;
	}
	close(fd);
	avis_site *s = avis_site_load(path, err, errsz);
	unlink(path);
	return s;
}

void test_site(T *t)
{
	char err[512];
	avis_site *s = site_from("name = demo\nid = dm\ndetect = //ul[@id='avis']\n[review]\n"
				 "select = //li\nauthor = .//b\nrating = .//span/@title ~ ([0-9]) sur 5\n"
				 "rating = count(.//i[has-class('on')]) ~ ^([1-5])$\ntext = .//q\ntext = .//p\n"
				 "strip = \\s*Plus$\n", err, sizeof err);
	CHECK(t, s != NULL, "profile loads");
	if (!s) {
		printf("# %s\n", err);
		return;
	}
	const char *html = "<html><body><ul id=avis>"
			   "<li><b>Ann</b><span title='Note 4 sur 5'></span><q>Bien Plus</q></li>"
			   "<li><b>Bob</b><i class='x on'></i><i class='on'></i><i class=off></i><p>Moyen</p></li>"
			   "<li><b>Cy</b><q></q><p>Rien</p></li>"
			   "</ul></body></html>";
	avis_charset *cs = avis_charset_new();
	avis_page p;
	avis_page_parse(&p, cs, html, strlen(html), NULL, err, sizeof err);
	xmlXPathContextPtr ctx = avis_xpath_context(&p);
	CHECK(t, avis_site_detects(s, ctx, NULL), "detect XPath");
	collect c = {0};
	size_t n = avis_site_reviews(s, ctx, collect_review, &c);
	CHECK(t, n == 3 && strcmp(c.authors, "Ann;Bob;Cy;") == 0, "one review per selected node");
	CHECK(t, strcmp(c.ratings, "42-") == 0, "regex capture; has-class() count; no rating");
	xmlXPathFreeContext(ctx);
	avis_page_free(&p);
	avis_site_free(s);

	s = site_from("name = h\nhost = pagesjaunes.fr\n", err, sizeof err);
	const char *none = "<html><body><p>x</p></body></html>";
	avis_page_parse(&p, cs, none, strlen(none), NULL, err, sizeof err);
	ctx = avis_xpath_context(&p);
	CHECK(t, s && avis_site_detects(s, ctx, "https://www.pagesjaunes.fr/pros/1") &&
		 avis_site_detects(s, ctx, "https://PagesJaunes.fr:443/x") &&
		 avis_site_detects(s, ctx, "http://u@pagesjaunes.fr/x"), "host: the host, a sub-domain, a port, user info");
	CHECK(t, s && !avis_site_detects(s, ctx, "https://notpagesjaunes.fr/") &&
		 !avis_site_detects(s, ctx, "https://pagesjaunes.fr.evil.example/") &&
		 !avis_site_detects(s, ctx, "https://x.example/?u=pagesjaunes.fr") && !avis_site_detects(s, ctx, NULL),
	      "host: not a look-alike, not in the query, not without URL");
	xmlXPathFreeContext(ctx);
	avis_page_free(&p);
	avis_site_free(s);
	avis_charset_free(cs);

	struct { const char *text, *want; } bad[] = {
		{"name = x\ndetect = //div[\n", ":2: bad XPath: //div["},
		{"name = x\ndetect = //div\n[review]\nselect = //li\ntext = . ~ (x\n", ":5: bad regex: missing closing parenthesis"},
		{"name = x\ndetect = //div\n[review]\ntext = .\n", ":3: [review]: missing key 'select'"},
		{"name = x\ndetect = //div\n[review]\nselect = //li\nauthor = .\n", ":3: [review]: needs a 'text' or a 'rating'"},
		{"name = x\ndetect = //div\n[review]\nselect = //li\ntext = .\nnote = 4\n", ":6: unknown key 'note' in [review]"},
		{"name = x\ndetect = //div\n[aggregate]\nselect = //li\ntext = .\n", ":5: unknown key 'text' in [aggregate]"},
		{"name = x\ndetect = //div\n[reviews]\n", ":3: unknown or repeated block [reviews]"},
		{"detect = //div\n", ":1: missing key 'name'"},
		{"name = x\n", ":1: missing key 'detect' or 'host'"},
		{"name = x\nhost = https://a.example/\n", ":2: host: not a host name: https://a.example/"},
		{"name = x\ndetect = nosuch()\n", ":2: bad XPath: nosuch()"},
		{"name = x\ndetect = //div\n[review]\nselect = //li\nrating = .\nrating-best = zero\n", ":6: rating-best: not a positive number"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		avis_site *b = site_from(bad[i].text, err, sizeof err);
		char what[120];
		snprintf(what, sizeof what, "profile error located: %s", bad[i].want);
		CHECK(t, !b && strstr(err, bad[i].want) != NULL, what);
		if (b || !strstr(err, bad[i].want))
			printf("#   got: %s\n", b ? "(loaded)" : err);
		avis_site_free(b);
	}
}

typedef struct {
	int reviews, aggregates;
	char log[600];
} schema_log;

static bool log_review(void *arg, const avis_review *r)
{
	schema_log *l = arg;
	l->reviews++;
	char line[200];
	snprintf(line, sizeof line, "R[%s|%s/%g|%s|%s]", r->author.len ? r->author.data : "-",
		 r->rating.len ? r->rating.data : "-", r->best, r->date.len ? r->date.data : "-",
		 r->text.len ? r->text.data : "-");
	strncat(l->log, line, sizeof l->log - strlen(l->log) - 1);
	return true;
}

static bool log_aggregate(void *arg, const char *subject, const char *rating, double best, const char *count)
{
	schema_log *l = arg;
	l->aggregates++;
	char line[200];
	snprintf(line, sizeof line, "A[%s|%s/%g|%s]", subject ? subject : "-", rating, best, count ? count : "-");
	strncat(l->log, line, sizeof l->log - strlen(l->log) - 1);
	return true;
}

static void log_subject(void *arg, const char *subject)
{
	schema_log *l = arg;
	strncat(l->log, "S:", sizeof l->log - strlen(l->log) - 1);
	strncat(l->log, subject ? subject : "-", sizeof l->log - strlen(l->log) - 1);
}

void test_schemaorg(T *t)
{
	schema_log l = {0};
	avis_schema_sink sink = {log_review, log_aggregate, &l, log_subject};
	const char *j = "{\"@graph\":[{\"@type\":[\"Dentist\",\"MedicalBusiness\"],\"name\":\"Cabinet\","
			"\"aggregateRating\":{\"ratingValue\":4.5,\"reviewCount\":\"12\"},"
			"\"review\":[{\"author\":{\"name\":\"Ann\"},\"reviewRating\":{\"ratingValue\":\"8\",\"bestRating\":\"10\"},"
			"\"datePublished\":\"2025-01-02\",\"reviewBody\":\"Bien\"},"
			"{\"@type\":\"Review\",\"author\":\"Bob\",\"itemReviewed\":{\"name\":\"Dr X\"},\"reviewBody\":\"Non\"}]}]}";
	size_t n = avis_schema_jsonld_text(j, strlen(j), &sink);
	CHECK(t, n == 2 && l.aggregates == 1, "JSON-LD: @graph, typed and untyped reviews, aggregate");
	const char *want = "A[Cabinet|4.5/0|12]S:CabinetR[Ann|8/10|2025-01-02|Bien]S:Dr XR[Bob|-/0|-|Non]";
	CHECK_STR(t, l.log, strlen(l.log), want, "JSON-LD fields and subjects");
	CHECK(t, avis_schema_jsonld_text("[1,", 3, &sink) == 0, "broken JSON-LD ignored");

	memset(&l, 0, sizeof l);
	const char *html = "<html><body><div itemscope itemtype='http://schema.org/Physician'>"
			   "<h1 itemprop='name'>Dr Y</h1>"
			   "<div itemprop='review' itemscope itemtype='https://schema.org/Review'>"
			   "<span itemprop='author' itemscope itemtype='http://schema.org/Person'><b itemprop='name'>Cy</b></span>"
			   "<div itemprop='reviewRating' itemscope><meta itemprop='ratingValue' content='4'></div>"
			   "<time itemprop='datePublished' datetime='2024-05-06'>6 mai</time>"
			   "<p itemprop='reviewBody'>Tr&egrave;s bien<br>merci</p></div>"
			   "<div itemprop='aggregateRating' itemscope><span itemprop='ratingValue'>4,2</span>"
			   "<span itemprop='reviewCount'>31</span></div></div></body></html>";
	avis_charset *cs = avis_charset_new();
	avis_page p;
	char err[100];
	avis_page_parse(&p, cs, html, strlen(html), NULL, err, sizeof err);
	xmlXPathContextPtr ctx = avis_xpath_context(&p);
	n = avis_schema_microdata(ctx, &sink);
	CHECK(t, n == 1 && l.aggregates == 1, "microdata: one review, one aggregate");
	want = "S:Dr YR[Cy|4/0|2024-05-06|Très bien\nmerci]A[Dr Y|4,2/0|31]";
	CHECK_STR(t, l.log, strlen(l.log), want, "microdata: nested author item, datetime, text, subject");
	xmlXPathFreeContext(ctx);
	avis_page_free(&p);

	memset(&l, 0, sizeof l);
	const char *rdfa = "<html><body vocab='http://schema.org/'><div typeof='Dentist'>"
			   "<span property='name'>Cabinet Z</span>"
			   "<div property='review' typeof='Review'><span property='author'>Dee</span>"
			   "<div property='reviewRating' typeof='Rating'><span property='schema:ratingValue'>3</span>"
			   "<meta property='bestRating' content='5'></div>"
			   "<span property='datePublished' content='2023-02-01'>1er février</span>"
			   "<p property='http://schema.org/reviewBody'>Correct</p></div>"
			   "<div property='aggregateRating' typeof='AggregateRating'>"
			   "<span property='ratingValue'>3.5</span><span property='ratingCount'>8</span></div>"
			   "</div></body></html>";
	avis_page_parse(&p, cs, rdfa, strlen(rdfa), NULL, err, sizeof err);
	ctx = avis_xpath_context(&p);
	CHECK(t, avis_schema_microdata(ctx, &sink) == 0, "RDFa is not microdata");
	n = avis_schema_rdfa(ctx, &sink);
	want = "S:Cabinet ZR[Dee|3/5|2023-02-01|Correct]A[Cabinet Z|3.5/0|8]";
	CHECK_STR(t, l.log, strlen(l.log), want, "RDFa Lite: typeof, property (bare, prefixed, IRI)");
	xmlXPathFreeContext(ctx);
	avis_page_free(&p);
	avis_charset_free(cs);
}
