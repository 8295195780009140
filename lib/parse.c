/* parse — see parse.h. */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "jsonl.h"
#include "mhtml.h"
#include "page.h"
#include "record.h"
#include "schemaorg.h"
#include "takeout.h"

struct avis_parser {
	avis_cli *cli;
	const avis_sites *sites;
	avis_charset *cs;
	avis_dates *dates;
	bool has_now;
	time_t now;
};

avis_parser *avis_parser_new(avis_cli *cli, const avis_sites *sites, avis_charset *cs, const time_t *now)
{
	avis_parser *p = avis_xcalloc(1, sizeof *p);
	avis_xml_quiet();
	p->cli = cli;
	p->sites = sites;
	p->cs = cs;
	p->dates = avis_dates_new();
	if (now) {
		p->has_now = true;
		p->now = *now;
	}
	return p;
}

void avis_parser_free(avis_parser *p)
{
	if (!p)
		return;
	avis_dates_free(p->dates);
	free(p);
}

/* The state of one page while its readers run. */
typedef struct {
	avis_parser *p;
	avis_page_ctx pc;
	avis_parse_stats *st;
	avis_seen *seen;
	bool want_reviews, want_aggregates;
	bool fixed_subject;      /* the profile named the subject */
	char *subject;           /* owned */
	bool repaired;
} page_run;

static bool deliver(page_run *run, json_t *rec)
{
	if (run->repaired)
		avis_add_flag(rec, "repaired-utf8");
	bool ok = avis_write_record(run->p->cli, rec);
	json_decref(rec);
	return ok && !avis_cli_output_failed(run->p->cli);
}

static bool on_review(void *arg, const avis_review *r)
{
	page_run *run = arg;
	if (!run->want_reviews)
		return true;
	json_t *rec = avis_review_record(&run->pc, r);
	if (!rec)
		return true;
	/* The site's own key when it has one, else the content id. */
	const char *key = r->key.len ? r->key.data : json_string_value(json_object_get(rec, "id"));
	const char *parts[] = {key};
	size_t lens[] = {strlen(key)};
	if (avis_seen_add(run->seen, avis_digest64(1, parts, lens))) {
		run->st->duplicates++;
		json_decref(rec);
		return true;
	}
	run->st->reviews++;
	if (r->has_reply)
		run->st->replies++;
	return deliver(run, rec);
}

static bool on_aggregate(void *arg, const char *subject, const char *rating, double best, const char *count)
{
	page_run *run = arg;
	if (!run->want_aggregates)
		return true;
	json_t *rec = avis_aggregate_record(&run->pc, subject ? subject : run->pc.subject, rating, best, count);
	if (!rec)
		return true;
	/* Listing pages show one business in several shelves: once is enough. */
	char *text = json_dumps(rec, JSON_COMPACT);
	const char *parts[] = {"aggregate", text};
	size_t lens[] = {9, strlen(text)};
	bool seen = avis_seen_add(run->seen, avis_digest64(2, parts, lens));
	free(text);
	if (seen) {
		json_decref(rec);
		return true;
	}
	run->st->aggregates++;
	return deliver(run, rec);
}

static void on_subject(void *arg, const char *subject)
{
	page_run *run = arg;
	if (run->fixed_subject || !subject)
		return;   /* keep what the profile or the page title said */
	free(run->subject);
	run->subject = subject ? avis_xstrndup(subject, strlen(subject)) : NULL;
	run->pc.subject = run->subject;
}

static char *first_text(xmlXPathContextPtr ctx, const char *expr)
{
	xmlXPathCompExprPtr c = xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
	avis_buf b = AVIS_BUF_INIT;
	if (c)
		avis_xpath_text(ctx, c, xmlDocGetRootElement(ctx->doc), &b);
	xmlXPathFreeCompExpr(c);
	if (!b.len) {
		avis_buf_free(&b);
		return NULL;
	}
	return b.data;
}

static void run_html(page_run *run, avis_page *page)
{
	xmlXPathContextPtr ctx = avis_xpath_context(page);
	if (!ctx || !xmlDocGetRootElement(page->doc)) {
		xmlXPathFreeContext(ctx);
		return;
	}
	const avis_site *site = avis_sites_match(run->p->sites, ctx, run->pc.url);
	run->pc.source = site ? avis_site_name(site) : "schema.org";
	run->pc.prefix = site ? avis_site_prefix(site) : "so";
	run->subject = site ? avis_site_subject(site, ctx) : NULL;
	run->fixed_subject = run->subject != NULL;
	if (!run->subject)
		run->subject = first_text(ctx, "//meta[@property='og:title']/@content");
	if (!run->subject)
		run->subject = first_text(ctx, "//title");
	run->pc.subject = run->subject;
	avis_schema_sink sink = {on_review, on_aggregate, run, on_subject};

	if (site && !avis_site_uses_schema(site)) {
		run->want_reviews = true;
		avis_site_reviews(site, ctx, on_review, run);
		run->want_reviews = false;
	}
	size_t site_aggregates = 0;
	if (site && avis_site_has_aggregate(site)) {
		run->want_aggregates = true;
		site_aggregates = avis_site_aggregates(site, ctx, on_aggregate, run);
		run->want_aggregates = false;
	}
	/* The built-in readers fill in what the profile does not cover. */
	run->want_reviews = !site || avis_site_uses_schema(site);
	run->want_aggregates = site_aggregates == 0;
	if (run->want_reviews || run->want_aggregates) {
		size_t before = run->st->reviews + run->st->aggregates;
		avis_schema_jsonld(ctx, &sink);
		if (run->st->reviews + run->st->aggregates == before)
			avis_schema_microdata(ctx, &sink);
		if (run->st->reviews + run->st->aggregates == before)
			avis_schema_rdfa(ctx, &sink);
	}
	if (run->st->reviews || run->st->aggregates || site)
		run->st->site = run->pc.source;
	xmlXPathFreeContext(ctx);
}

static bool run_takeout(page_run *run, const char *bytes, size_t len)
{
	char err[256];
	run->pc.source = "takeout";
	run->pc.prefix = "gt";
	run->want_reviews = true;
	run->st->site = "takeout";
	unsigned long line;
	if (avis_takeout_read(bytes, len, on_review, on_subject, run, err, sizeof err, &line))
		return true;
	avis_error(run->p->cli, run->pc.file, line, "%s", err);
	return false;
}

/* An HTML page, or the HTML part of an MHTML archive, whose container
 * may give the charset, URL and save date. */
static bool run_page(page_run *run, const char *html, size_t len, const avis_mhtml *archive)
{
	avis_parser *p = run->p;
	char err[256];
	avis_page page;
	const char *declared = archive && archive->charset[0] ? archive->charset : NULL;
	if (!avis_page_parse(&page, p->cs, html, len, declared, err, sizeof err)) {
		avis_error(p->cli, run->pc.file, 0, "%s", err);
		return false;
	}
	if (archive && archive->url[0] && !page.url)
		page.url = avis_xstrndup(archive->url, strlen(archive->url));
	/* The save date: --now, else the archive's Date:, else the page's
	 * own mark, else (already set) the file's modification time. */
	if (!p->has_now && archive && archive->date_known)
		run->pc.now = archive->date;
	else if (!p->has_now && page.saved_known)
		run->pc.now = page.saved;
	run->pc.url = page.url;
	run->repaired = run->st->repaired = page.repaired;
	run_html(run, &page);
	avis_page_free(&page);
	return true;
}

static bool run_mhtml(page_run *run, const char *bytes, size_t len)
{
	char err[256];
	avis_mhtml archive;
	avis_buf html = AVIS_BUF_INIT;
	bool ok = avis_mhtml_html_part(bytes, len, &archive, &html, err, sizeof err);
	if (ok)
		ok = run_page(run, html.data ? html.data : "", html.len, &archive);
	else
		avis_error(run->p->cli, run->pc.file, 0, "%s", err);
	avis_buf_free(&html);
	return ok;
}

bool avis_parse_input(avis_parser *p, const char *file, const char *bytes, size_t len, time_t mtime,
		      avis_parse_stats *st)
{
	memset(st, 0, sizeof *st);
	page_run run = {.p = p, .st = st};
	run.pc.file = file;
	run.pc.dates = p->dates;
	run.pc.now = p->has_now ? p->now : mtime;
	run.seen = avis_seen_new();
	bool ok = true;   /* an empty file holds no review; it is not an error */
	if (len > 0 && avis_takeout_detect(bytes, len))
		ok = run_takeout(&run, bytes, len);
	else if (len > 0 && avis_mhtml_detect(bytes, len))
		ok = run_mhtml(&run, bytes, len);
	else if (len > 0)
		ok = run_page(&run, bytes, len, NULL);
	free(run.subject);
	avis_seen_free(run.seen);
	return ok;
}
