/* site — see site.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "site.h"

#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>

#include "datafile.h"

/* One way to read a field: an XPath, optionally narrowed by a regex. */
typedef struct {
	xmlXPathCompExprPtr xp;
	pcre2_code *re;
} alt;

/* A field: its alternatives, tried in order until one yields text. */
typedef struct {
	alt *alts;
	size_t n;
} field;

enum { F_KEY, F_AUTHOR, F_RATING, F_DATE, F_TEXT, F_REPLY, F_REPLY_AUTHOR, F_REPLY_TEXT,
       F_REPLY_DATE, F_SUBJECT, F_COUNT, F_NFIELDS };

static const char *const field_keys[F_NFIELDS] = {
	"key", "author", "rating", "date", "text", "reply", "reply.author", "reply.text",
	"reply.date", "subject", "count",
};

/* Which fields each block accepts (besides select and rating-best). */
static const bool review_fields[F_NFIELDS] = {
	[F_KEY] = 1, [F_AUTHOR] = 1, [F_RATING] = 1, [F_DATE] = 1, [F_TEXT] = 1, [F_REPLY] = 1,
	[F_REPLY_AUTHOR] = 1, [F_REPLY_TEXT] = 1, [F_REPLY_DATE] = 1,
};
static const bool aggregate_fields[F_NFIELDS] = {[F_RATING] = 1, [F_SUBJECT] = 1, [F_COUNT] = 1};

typedef struct {
	bool present;
	xmlXPathCompExprPtr select;
	field f[F_NFIELDS];
	double best;
	pcre2_code **strip;    /* regexes removed from text fields (UI chrome) */
	size_t nstrip;
} block;

struct avis_site {
	char *name, *prefix;
	field detect, subject;
	char **hosts;          /* host = example.org: the page's URL is on it */
	size_t nhosts;
	block review, aggregate;
};

struct avis_sites {
	avis_site **v;
	size_t n;
};

/* ---- loading ------------------------------------------------------------- */

typedef struct {
	const char *path;
	char *err;
	size_t errsz;
	xmlXPathContextPtr ctx;   /* with has-class(), on an empty page */
	htmlDocPtr empty;
} loader;

static bool fail(loader *L, unsigned long line, const char *fmt, const char *arg)
{
	int n = snprintf(L->err, L->errsz, "%s:%lu: ", L->path, line);
	if (n >= 0 && (size_t)n < L->errsz)
		snprintf(L->err + n, L->errsz - (size_t)n, fmt, arg);
	return false;
}

static bool compile_xpath(loader *L, const char *expr, unsigned long line, xmlXPathCompExprPtr *out)
{
	xmlResetError(&L->ctx->lastError);
	*out = xmlXPathCtxtCompile(L->ctx, (const xmlChar *)expr);
	if (!*out)
		return fail(L, line, "bad XPath: %s", expr);
	/* Evaluating once on an empty page finds unknown functions and
	 * wrong argument counts, which compiling does not. */
	L->ctx->node = xmlDocGetRootElement(L->empty);
	xmlXPathObjectPtr r = xmlXPathCompiledEval(*out, L->ctx);
	if (!r) {
		xmlXPathFreeCompExpr(*out);
		*out = NULL;
		return fail(L, line, "bad XPath: %s", expr);
	}
	xmlXPathFreeObject(r);
	return true;
}

static bool compile_regex(loader *L, const char *re, unsigned long line, pcre2_code **out)
{
	int code;
	PCRE2_SIZE off;
	*out = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
	if (!*out) {
		PCRE2_UCHAR msg[200];
		pcre2_get_error_message(code, msg, sizeof msg);
		char both[300];
		snprintf(both, sizeof both, "%s at offset %zu", (const char *)msg, (size_t)off);
		return fail(L, line, "bad regex: %s", both);
	}
	pcre2_jit_compile(*out, PCRE2_JIT_COMPLETE);
	return true;
}

/* "XPATH" or "XPATH ~ REGEX" */
static bool add_alt(loader *L, field *f, const avis_kv *kv)
{
	const char *tilde = strstr(kv->value, " ~ ");
	size_t xlen = tilde ? (size_t)(tilde - kv->value) : strlen(kv->value);
	while (xlen > 0 && kv->value[xlen - 1] == ' ')
		xlen--;
	if (xlen == 0)
		return fail(L, kv->line, "%s: empty XPath", kv->key);
	f->alts = avis_xrealloc(f->alts, (f->n + 1) * sizeof *f->alts);
	alt *a = &f->alts[f->n];
	memset(a, 0, sizeof *a);
	char *xp = avis_xstrndup(kv->value, xlen);
	bool ok = compile_xpath(L, xp, kv->line, &a->xp);
	free(xp);
	if (ok && tilde) {
		const char *re = tilde + 3;
		while (*re == ' ')
			re++;
		if (!*re)
			ok = fail(L, kv->line, "%s: empty regex after '~'", kv->key);
		else
			ok = compile_regex(L, re, kv->line, &a->re);
	}
	if (!ok) {
		xmlXPathFreeCompExpr(a->xp);
		return false;
	}
	f->n++;
	return true;
}

static void field_free(field *f)
{
	for (size_t i = 0; i < f->n; i++) {
		xmlXPathFreeCompExpr(f->alts[i].xp);
		pcre2_code_free(f->alts[i].re);
	}
	free(f->alts);
}

static void block_free(block *b)
{
	xmlXPathFreeCompExpr(b->select);
	for (int i = 0; i < F_NFIELDS; i++)
		field_free(&b->f[i]);
	for (size_t i = 0; i < b->nstrip; i++)
		pcre2_code_free(b->strip[i]);
	free(b->strip);
}

static int field_index(const char *key)
{
	for (int i = 0; i < F_NFIELDS; i++)
		if (strcmp(field_keys[i], key) == 0)
			return i;
	return -1;
}

static bool load_block(loader *L, const avis_block *src, block *b, const bool *allowed)
{
	b->present = true;
	for (size_t i = 0; i < src->nkv; i++) {
		const avis_kv *kv = &src->kv[i];
		int fi = field_index(kv->key);
		bool ok;
		if (strcmp(kv->key, "select") == 0) {
			if (b->select)
				return fail(L, kv->line, "select given twice in [%s]", src->id);
			ok = compile_xpath(L, kv->value, kv->line, &b->select);
		} else if (strcmp(kv->key, "rating-best") == 0) {
			char *end;
			b->best = strtod(kv->value, &end);
			ok = *end == 0 && b->best > 0 && b->best <= 1000 ? true
				: fail(L, kv->line, "rating-best: not a positive number: %s", kv->value);
		} else if (strcmp(kv->key, "strip") == 0 && allowed == review_fields) {
			b->strip = avis_xrealloc(b->strip, (b->nstrip + 1) * sizeof *b->strip);
			ok = compile_regex(L, kv->value, kv->line, &b->strip[b->nstrip]);
			if (ok)
				b->nstrip++;
		} else if (fi >= 0 && allowed[fi]) {
			ok = add_alt(L, &b->f[fi], kv);
		} else {
			char what[200];
			snprintf(what, sizeof what, "%s' in [%s]", kv->key, src->id);
			ok = fail(L, kv->line, "unknown key '%s", what);
		}
		if (!ok)
			return false;
	}
	if (!b->select)
		return fail(L, src->line, "[%s]: missing key 'select'", src->id);
	if (allowed == review_fields && !b->f[F_TEXT].n && !b->f[F_RATING].n)
		return fail(L, src->line, "[%s]: needs a 'text' or a 'rating'", src->id);
	if (allowed == aggregate_fields && !b->f[F_RATING].n)
		return fail(L, src->line, "[%s]: missing key 'rating'", src->id);
	return true;
}

/* host = www.example.org: a host name, no scheme, no path. */
static bool add_host(loader *L, avis_site *s, const avis_kv *kv)
{
	const char *v = kv->value;
	if (!*v || strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != strlen(v) ||
	    v[0] == '.' || v[0] == '-')
		return fail(L, kv->line, "host: not a host name: %s", v);
	s->hosts = avis_xrealloc(s->hosts, (s->nhosts + 1) * sizeof *s->hosts);
	s->hosts[s->nhosts++] = avis_xstrndup(v, strlen(v));
	return true;
}

static bool load_file_keys(loader *L, const avis_block *top, avis_site *s)
{
	for (size_t i = 0; i < top->nkv; i++) {
		const avis_kv *kv = &top->kv[i];
		bool ok = true;
		if (strcmp(kv->key, "name") == 0 && !s->name)
			s->name = avis_xstrndup(kv->value, strlen(kv->value));
		else if (strcmp(kv->key, "id") == 0 && !s->prefix)
			s->prefix = avis_xstrndup(kv->value, strlen(kv->value));
		else if (strcmp(kv->key, "detect") == 0)
			ok = add_alt(L, &s->detect, kv);
		else if (strcmp(kv->key, "host") == 0)
			ok = add_host(L, s, kv);
		else if (strcmp(kv->key, "subject") == 0)
			ok = add_alt(L, &s->subject, kv);
		else
			ok = fail(L, kv->line, "unknown or repeated key '%s'", kv->key);
		if (!ok)
			return false;
	}
	if (!s->name)
		return fail(L, 1, "missing key '%s'", "name");
	if (!s->detect.n && !s->nhosts)
		return fail(L, 1, "missing key '%s'", "detect' or 'host");
	if (!s->prefix)
		s->prefix = avis_xstrndup(s->name, strlen(s->name) < 2 ? strlen(s->name) : 2);
	return true;
}

static bool load_site(loader *L, const avis_blockfile *bf, avis_site *s)
{
	if (!load_file_keys(L, &bf->blocks[0], s))
		return false;
	for (size_t i = 1; i < bf->nblocks; i++) {
		const avis_block *b = &bf->blocks[i];
		bool ok;
		if (strcmp(b->id, "review") == 0 && !s->review.present)
			ok = load_block(L, b, &s->review, review_fields);
		else if (strcmp(b->id, "aggregate") == 0 && !s->aggregate.present)
			ok = load_block(L, b, &s->aggregate, aggregate_fields);
		else
			ok = fail(L, b->line, "unknown or repeated block [%s]", b->id);
		if (!ok)
			return false;
	}
	return true;
}

avis_site *avis_site_load(const char *path, char *err, size_t errsz)
{
	avis_blockfile *bf = avis_blockfile_load(path, err, errsz);
	if (!bf)
		return NULL;
	loader L = {path, err, errsz, NULL, NULL};
	L.empty = htmlReadMemory("<html><body></body></html>", 26, NULL, "UTF-8",
				 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	avis_page empty = {.doc = L.empty};
	L.ctx = avis_xpath_context(&empty);
	avis_site *s = avis_xcalloc(1, sizeof *s);
	/* libxml2 reports some XPath errors on its own channel: keep them off
	 * stderr while checking (ours, with FILE:LINE, is what the user sees). */
	xmlGenericErrorFunc old = xmlGenericError;
	void *old_ctx = xmlGenericErrorContext;
	avis_xml_quiet();
	bool ok = load_site(&L, bf, s);
	xmlSetGenericErrorFunc(old_ctx, old);
	xmlXPathFreeContext(L.ctx);
	xmlFreeDoc(L.empty);
	avis_blockfile_free(bf);
	if (!ok) {
		avis_site_free(s);
		return NULL;
	}
	return s;
}

void avis_site_free(avis_site *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->prefix);
	field_free(&s->detect);
	for (size_t i = 0; i < s->nhosts; i++)
		free(s->hosts[i]);
	free(s->hosts);
	field_free(&s->subject);
	block_free(&s->review);
	block_free(&s->aggregate);
	free(s);
}

avis_sites *avis_sites_load(const char *dir, char *err, size_t errsz)
{
	avis_sites *set = avis_xcalloc(1, sizeof *set);
	size_t n;
	char **files = avis_list_files(dir, ".site", &n, err, errsz);
	if (!files) {
		/* A rules directory without sites/ leaves the built-in readers;
		 * a rules directory that is not there at all is a mistake
		 * (a typo in --rules or AVIS_RULES), not a choice. */
		char *parent = avis_xstrndup(dir, strlen(dir));
		char *slash = strrchr(parent, '/');
		if (slash)
			*slash = '\0';
		struct stat st;
		bool parent_ok = !slash || (stat(parent, &st) == 0 && S_ISDIR(st.st_mode));
		if (!parent_ok)
			snprintf(err, errsz, "%s: %s", parent, strerror(ENOENT));
		free(parent);
		if (!parent_ok) {
			avis_sites_free(set);
			return NULL;
		}
		return set;
	}
	set->v = avis_xcalloc(n ? n : 1, sizeof *set->v);
	for (size_t i = 0; i < n; i++) {
		avis_site *s = avis_site_load(files[i], err, errsz);
		if (!s) {
			avis_free_list(files, n);
			avis_sites_free(set);
			return NULL;
		}
		set->v[set->n++] = s;
	}
	avis_free_list(files, n);
	return set;
}

void avis_sites_free(avis_sites *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		avis_site_free(s->v[i]);
	free(s->v);
	free(s);
}

/* ---- running --------------------------------------------------------------- */

/* Narrow text (in out from offset start) to what re captures; false (and
 * the text removed) when it does not match. */
static bool narrow(const pcre2_code *re, avis_buf *out, size_t start)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc = pcre2_match(re, (PCRE2_SPTR)out->data + start, out->len - start, 0, 0, md, NULL);
	bool ok = rc > 0;
	if (ok) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		int g = rc > 1 && ov[2] != PCRE2_UNSET ? 1 : 0;
		size_t a = ov[2 * g], b = ov[2 * g + 1];
		memmove(out->data + start, out->data + start + a, b - a);
		out->len = start + (b - a);
		out->data[out->len] = 0;
		ok = b > a;
	}
	if (!ok) {
		out->len = start;
		if (out->data)
			out->data[start] = 0;
	}
	pcre2_match_data_free(md);
	return ok;
}

/* Append the first alternative of f that yields text. */
static void read_field(xmlXPathContextPtr ctx, const field *f, xmlNodePtr node, avis_buf *out)
{
	for (size_t i = 0; i < f->n; i++) {
		size_t start = out->len;
		avis_xpath_text(ctx, f->alts[i].xp, node, out);
		if (out->len > start && (!f->alts[i].re || narrow(f->alts[i].re, out, start)))
			return;
		out->len = start;
		if (out->data)
			out->data[start] = 0;
	}
}

static void strip_chrome(const block *b, avis_buf *text)
{
	for (size_t i = 0; i < b->nstrip && text->len; i++) {
		PCRE2_SIZE outlen = text->len + 1;
		char *res = avis_xmalloc(outlen);
		int rc = pcre2_substitute(b->strip[i], (PCRE2_SPTR)text->data, text->len, 0,
					  PCRE2_SUBSTITUTE_GLOBAL, NULL, NULL, (PCRE2_SPTR) "", 0,
					  (PCRE2_UCHAR *)res, &outlen);
		if (rc > 0) {   /* removing never makes the text longer */
			avis_buf_clear(text);
			avis_buf_put(text, res, outlen);
		}
		free(res);
	}
	/* Trim what the removal left at the ends. */
	size_t a = 0, e = text->len;
	while (a < e && (text->data[a] == ' ' || text->data[a] == '\n'))
		a++;
	while (e > a && (text->data[e - 1] == ' ' || text->data[e - 1] == '\n'))
		e--;
	if (a > 0 || e < text->len) {
		memmove(text->data, text->data + a, e - a);
		text->len = e - a;
		text->data[text->len] = 0;
	}
}

/* True if any alternative of f selects something on node (a node, a
 * true boolean, a non-empty string, a non-zero number), narrowed by its
 * regex when it has one. */
static bool matches(xmlXPathContextPtr ctx, const field *f, xmlNodePtr node)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->alts[i].re) {
			avis_buf b = AVIS_BUF_INIT;
			field one = {&f->alts[i], 1};
			read_field(ctx, &one, node, &b);
			bool ok = b.len > 0;
			avis_buf_free(&b);
			if (ok)
				return true;
			continue;
		}
		ctx->node = node;
		xmlXPathObjectPtr r = xmlXPathCompiledEval(f->alts[i].xp, ctx);
		bool ok = r && xmlXPathCastToBoolean(r);
		xmlXPathFreeObject(r);
		if (ok)
			return true;
	}
	return false;
}

/* True if url's host is host or one of its sub-domains. */
static bool url_on_host(const char *url, const char *host)
{
	const char *h = strstr(url, "://");
	h = h ? h + 3 : url;
	const char *at = h + strcspn(h, "/?#");
	const char *cred = memchr(h, '@', (size_t)(at - h));
	if (cred)
		h = cred + 1;
	size_t n = strcspn(h, ":/?#");
	size_t hl = strlen(host);
	if (n < hl || strncasecmp(h + n - hl, host, hl) != 0)
		return false;
	return n == hl || h[n - hl - 1] == '.';
}

bool avis_site_detects(const avis_site *s, xmlXPathContextPtr ctx, const char *url)
{
	/* The page's URL costs nothing to check; an XPath walks the page. */
	for (size_t i = 0; url && i < s->nhosts; i++)
		if (url_on_host(url, s->hosts[i]))
			return true;
	xmlNodePtr root = xmlDocGetRootElement(ctx->doc);
	return root && s->detect.n && matches(ctx, &s->detect, root);
}

const avis_site *avis_sites_match(const avis_sites *s, xmlXPathContextPtr ctx, const char *url)
{
	for (size_t i = 0; i < s->n; i++)
		if (avis_site_detects(s->v[i], ctx, url))
			return s->v[i];
	return NULL;
}

const char *avis_site_name(const avis_site *s) { return s->name; }
const char *avis_site_prefix(const avis_site *s) { return s->prefix; }
bool avis_site_uses_schema(const avis_site *s) { return !s->review.present; }
bool avis_site_has_aggregate(const avis_site *s) { return s->aggregate.present; }

char *avis_site_subject(const avis_site *s, xmlXPathContextPtr ctx)
{
	avis_buf b = AVIS_BUF_INIT;
	read_field(ctx, &s->subject, xmlDocGetRootElement(ctx->doc), &b);
	if (!b.len) {
		avis_buf_free(&b);
		return NULL;
	}
	return b.data;
}

static xmlNodeSetPtr select_nodes(xmlXPathContextPtr ctx, xmlXPathCompExprPtr sel, xmlXPathObjectPtr *hold)
{
	ctx->node = xmlDocGetRootElement(ctx->doc);
	*hold = xmlXPathCompiledEval(sel, ctx);
	if (!*hold || (*hold)->type != XPATH_NODESET)
		return NULL;
	return (*hold)->nodesetval;
}

size_t avis_site_reviews(const avis_site *s, xmlXPathContextPtr ctx, avis_review_fn fn, void *arg)
{
	const block *b = &s->review;
	if (!b->present)
		return 0;
	xmlXPathObjectPtr hold;
	xmlNodeSetPtr set = select_nodes(ctx, b->select, &hold);
	size_t found = 0;
	avis_review r;
	avis_review_init(&r);
	for (int i = 0; set && i < set->nodeNr; i++) {
		xmlNodePtr node = set->nodeTab[i];
		avis_review_clear(&r);
		r.best = b->best;
		read_field(ctx, &b->f[F_KEY], node, &r.key);
		read_field(ctx, &b->f[F_AUTHOR], node, &r.author);
		read_field(ctx, &b->f[F_RATING], node, &r.rating);
		read_field(ctx, &b->f[F_DATE], node, &r.date);
		read_field(ctx, &b->f[F_TEXT], node, &r.text);
		read_field(ctx, &b->f[F_REPLY_AUTHOR], node, &r.reply_author);
		read_field(ctx, &b->f[F_REPLY_TEXT], node, &r.reply_text);
		read_field(ctx, &b->f[F_REPLY_DATE], node, &r.reply_date);
		strip_chrome(b, &r.text);
		strip_chrome(b, &r.reply_text);
		r.has_reply = b->f[F_REPLY].n ? matches(ctx, &b->f[F_REPLY], node) : r.reply_text.len > 0;
		found++;
		if (!fn(arg, &r))
			break;
	}
	avis_review_free(&r);
	xmlXPathFreeObject(hold);
	return found;
}

size_t avis_site_aggregates(const avis_site *s, xmlXPathContextPtr ctx, avis_aggregate_fn fn, void *arg)
{
	const block *b = &s->aggregate;
	if (!b->present)
		return 0;
	xmlXPathObjectPtr hold;
	xmlNodeSetPtr set = select_nodes(ctx, b->select, &hold);
	size_t found = 0;
	avis_buf subject = AVIS_BUF_INIT, rating = AVIS_BUF_INIT, count = AVIS_BUF_INIT;
	for (int i = 0; set && i < set->nodeNr; i++) {
		avis_buf_clear(&subject);
		avis_buf_clear(&rating);
		avis_buf_clear(&count);
		read_field(ctx, &b->f[F_SUBJECT], set->nodeTab[i], &subject);
		read_field(ctx, &b->f[F_RATING], set->nodeTab[i], &rating);
		read_field(ctx, &b->f[F_COUNT], set->nodeTab[i], &count);
		if (!rating.len)
			continue;
		found++;
		if (!fn(arg, subject.len ? subject.data : NULL, rating.data, b->best, count.len ? count.data : NULL))
			break;
	}
	avis_buf_free(&subject);
	avis_buf_free(&rating);
	avis_buf_free(&count);
	xmlXPathFreeObject(hold);
	return found;
}
