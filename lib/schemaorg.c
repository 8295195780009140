/* schemaorg — see schemaorg.h. */
#include "schemaorg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

enum { MAX_DEPTH = 64 };

static bool type_is(const json_t *obj, const char *type)
{
	const json_t *t = json_object_get(obj, "@type");
	if (json_is_string(t))
		return strcmp(json_string_value(t), type) == 0;
	size_t i;
	const json_t *v;
	json_array_foreach(t, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), type) == 0)
			return true;
	return false;
}

/* A scalar as text: strings as-is, numbers written out. */
static void put_scalar(avis_buf *out, const json_t *v)
{
	if (json_is_string(v))
		avis_buf_put(out, json_string_value(v), json_string_length(v));
	else if (json_is_integer(v))
		avis_buf_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		avis_buf_printf(out, "%g", json_real_value(v));
}

/* author: "Name", {"name": "Name"} or [{"name": …}] */
static void put_name(avis_buf *out, const json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_object(v))
		v = json_object_get(v, "name");
	put_scalar(out, v);
}

static const char *name_of(const json_t *obj)
{
	const json_t *n = json_object_get(obj, "name");
	return json_is_string(n) ? json_string_value(n) : NULL;
}

static double best_of(const json_t *rating)
{
	avis_buf b = AVIS_BUF_INIT;
	put_scalar(&b, json_object_get(rating, "bestRating"));
	double v = 0;
	if (b.len && !avis_read_number(b.data, false, &v))
		v = 0;
	avis_buf_free(&b);
	return v;
}

typedef struct {
	const avis_schema_sink *sink;
	size_t found;
	bool stop;
	avis_review r;
} walker;

static void emit_review(walker *w, const json_t *obj, const char *holder)
{
	avis_review *r = &w->r;
	avis_review_clear(r);
	const json_t *reviewed = json_object_get(obj, "itemReviewed");
	const char *subject = json_is_object(reviewed) && name_of(reviewed) ? name_of(reviewed) : holder;
	if (w->sink->subject)
		w->sink->subject(w->sink->arg, subject);
	put_name(&r->author, json_object_get(obj, "author"));
	const json_t *rating = json_object_get(obj, "reviewRating");
	put_scalar(&r->rating, json_is_object(rating) ? json_object_get(rating, "ratingValue") : rating);
	r->best = json_is_object(rating) ? best_of(rating) : 0;
	put_scalar(&r->date, json_object_get(obj, "datePublished"));
	const json_t *body = json_object_get(obj, "reviewBody");
	put_scalar(&r->text, body ? body : json_object_get(obj, "description"));
	w->found++;
	if (!w->sink->review(w->sink->arg, r))
		w->stop = true;
}

static void emit_aggregate(walker *w, const json_t *agg, const char *holder)
{
	avis_buf rating = AVIS_BUF_INIT, count = AVIS_BUF_INIT;
	put_scalar(&rating, json_object_get(agg, "ratingValue"));
	const json_t *c = json_object_get(agg, "reviewCount");
	put_scalar(&count, c ? c : json_object_get(agg, "ratingCount"));
	if (rating.len && !w->sink->aggregate(w->sink->arg, holder, rating.data, best_of(agg),
					      count.len ? count.data : NULL))
		w->stop = true;
	avis_buf_free(&rating);
	avis_buf_free(&count);
}

static void walk(walker *w, const json_t *v, const char *holder, int depth)
{
	if (w->stop || depth > MAX_DEPTH)
		return;
	if (json_is_array(v)) {
		size_t i;
		const json_t *e;
		json_array_foreach(v, i, e)
			walk(w, e, holder, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	if (type_is(v, "Review")) {
		emit_review(w, v, holder);
		return;
	}
	if (type_is(v, "AggregateRating")) {
		emit_aggregate(w, v, holder);
		return;
	}
	const char *name = name_of(v) ? name_of(v) : holder;
	const char *key;
	const json_t *child;
	json_object_foreach((json_t *)v, key, child) {
		if (strcmp(key, "aggregateRating") == 0 && json_is_object(child) &&
		    !json_object_get(child, "@type"))
			emit_aggregate(w, child, name);   /* the type is often left out */
		else if (strcmp(key, "review") == 0 || strcmp(key, "reviews") == 0) {
			/* Reviews listed under "review" are Reviews even untyped. */
			if (json_is_object(child) && !json_object_get(child, "@type"))
				emit_review(w, child, name);
			else if (json_is_array(child)) {
				size_t i;
				const json_t *e;
				json_array_foreach(child, i, e) {
					if (json_is_object(e) && !json_object_get(e, "@type"))
						emit_review(w, e, name);
					else
						walk(w, e, name, depth + 1);
				}
			} else
				walk(w, child, name, depth + 1);
		} else
			walk(w, child, name, depth + 1);
		if (w->stop)
			return;
	}
}

size_t avis_schema_jsonld_text(const char *json, size_t len, const avis_schema_sink *sink)
{
	json_error_t e;
	json_t *root = json_loadb(json, len, JSON_DECODE_ANY, &e);
	if (!root) {
		/* Pages often put raw line breaks or tabs inside JSON-LD strings,
		 * which JSON forbids but browsers' structured-data readers take:
		 * read them as spaces rather than lose every review of the page. */
		char *copy = avis_xstrndup(json, len);
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)copy[i] < 0x20)
				copy[i] = ' ';
		root = json_loadb(copy, len, JSON_DECODE_ANY, &e);
		free(copy);
	}
	if (!root)
		return 0;
	walker w = {.sink = sink};
	avis_review_init(&w.r);
	walk(&w, root, NULL, 0);
	avis_review_free(&w.r);
	json_decref(root);
	return w.found;
}

static xmlXPathObjectPtr eval(xmlXPathContextPtr ctx, xmlNodePtr node, const char *expr)
{
	ctx->node = node;
	return xmlXPathEvalExpression((const xmlChar *)expr, ctx);
}

size_t avis_schema_jsonld(xmlXPathContextPtr ctx, const avis_schema_sink *sink)
{
	xmlXPathObjectPtr r = eval(ctx, xmlDocGetRootElement(ctx->doc),
				   "//script[translate(@type,'LDJSON','ldjson')='application/ld+json']");
	size_t found = 0;
	for (int i = 0; r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
		xmlChar *text = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
		if (text)
			found += avis_schema_jsonld_text((const char *)text, strlen((const char *)text), sink);
		xmlFree(text);
	}
	xmlXPathFreeObject(r);
	return found;
}

/* ---- microdata and RDFa -------------------------------------------------- */

/* The attributes that make items and properties: microdata's
 * itemscope/itemprop, or RDFa Lite's typeof/property. */
typedef struct {
	const char *prop, *scope;
	const char *reviews, *aggregates;   /* XPath of the items to read */
} vocab;

static const vocab microdata = {
	"itemprop", "itemscope",
	"//*[@itemscope][contains(@itemtype,'schema.org/Review')][not(contains(@itemtype,'schema.org/ReviewAction'))]",
	"//*[@itemprop='aggregateRating']",
};

static const vocab rdfa = {
	"property", "typeof",
	"//*[@typeof][contains(@typeof,'Review')][not(contains(@typeof,'ReviewAction'))]",
	"//*[@property][contains(@property,'aggregateRating')]",
};

/* True if the white-space separated list holds prop, bare
 * ("reviewBody"), prefixed ("schema:reviewBody") or as an IRI
 * ("http://schema.org/reviewBody"). */
static bool has_token(const xmlChar *list, const char *prop)
{
	size_t n = strlen(prop);
	for (const char *p = (const char *)list; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
			p++;
		size_t len = strcspn(p, " \t\n\r\f");
		if (len >= n && memcmp(p + len - n, prop, n) == 0 &&
		    (len == n || p[len - n - 1] == ':' || p[len - n - 1] == '/'))
			return true;
		p += len;
	}
	return false;
}

static bool is_scope(const vocab *v, xmlNodePtr n)
{
	return xmlHasProp(n, (const xmlChar *)v->scope) != NULL;
}

/* The first element under item (document order) whose property list
 * names prop, not looking inside nested items: their properties are
 * theirs.  A walk in C, iterative, touching each node of the item once. */
static xmlNodePtr find_prop(const vocab *v, xmlNodePtr item, const char *prop)
{
	xmlNodePtr cur = item->children;
	while (cur && cur != item) {
		bool descend = false;
		if (cur->type == XML_ELEMENT_NODE) {
			xmlChar *ip = xmlGetProp(cur, (const xmlChar *)v->prop);
			bool hit = ip && has_token(ip, prop);
			xmlFree(ip);
			if (hit)
				return cur;
			descend = cur->children && !is_scope(v, cur);
		}
		if (descend) {
			cur = cur->children;
			continue;
		}
		while (cur && cur != item && !cur->next)
			cur = cur->parent;
		if (cur && cur != item)
			cur = cur->next;
	}
	return NULL;
}

/* The value of property prop of item: content, datetime, href or src
 * attribute, else the name of a nested item, else the visible text. */
static void prop_value(const vocab *v, xmlNodePtr item, const char *prop, avis_buf *out)
{
	xmlNodePtr n = find_prop(v, item, prop);
	if (!n)
		return;
	static const char *const attrs[] = {"content", "datetime", "href", "src"};
	for (size_t a = 0; a < sizeof attrs / sizeof attrs[0]; a++) {
		xmlChar *val = xmlGetProp(n, (const xmlChar *)attrs[a]);
		if (val) {
			avis_buf_puts(out, (const char *)val);
			xmlFree(val);
			return;
		}
	}
	if (is_scope(v, n))
		prop_value(v, n, "name", out);
	else
		avis_node_text(n, out);
}

/* A nested item's property (reviewRating → ratingValue). */
static void nested_value(const vocab *v, xmlNodePtr item, const char *prop, const char *sub, avis_buf *out)
{
	xmlNodePtr n = find_prop(v, item, prop);
	if (n && is_scope(v, n))
		prop_value(v, n, sub, out);
}

/* The name of the nearest enclosing item that has one.  Reviews of one
 * page share their enclosing item: the last answer is kept, so that a
 * page with many reviews does not walk its whole item for each. */
typedef struct {
	xmlNodePtr scope;      /* the nearest enclosing item last asked about */
	avis_buf name;
} subject_cache;

static void item_subject(const vocab *v, xmlNodePtr n, subject_cache *cache, avis_buf *out)
{
	xmlNodePtr first = n->parent;
	while (first && first->type == XML_ELEMENT_NODE && !is_scope(v, first))
		first = first->parent;
	if (!first || first->type != XML_ELEMENT_NODE)
		return;
	if (first != cache->scope) {
		cache->scope = first;
		avis_buf_clear(&cache->name);
		for (xmlNodePtr up = first; up && up->type == XML_ELEMENT_NODE; up = up->parent)
			if (is_scope(v, up)) {
				prop_value(v, up, "name", &cache->name);
				if (cache->name.len)
					break;
			}
	}
	if (cache->name.len)
		avis_buf_put(out, cache->name.data, cache->name.len);
}

static double number_value(const vocab *v, xmlNodePtr n, const char *prop)
{
	avis_buf b = AVIS_BUF_INIT;
	prop_value(v, n, prop, &b);
	double x = 0;
	if (b.len && !avis_read_number(b.data, false, &x))
		x = 0;
	avis_buf_free(&b);
	return x;
}

static bool read_review(const vocab *v, xmlNodePtr n, const avis_schema_sink *sink, avis_review *rv,
			subject_cache *cache, avis_buf *subject)
{
	avis_review_clear(rv);
	avis_buf_clear(subject);
	nested_value(v, n, "itemReviewed", "name", subject);
	if (!subject->len)
		item_subject(v, n, cache, subject);
	if (sink->subject)
		sink->subject(sink->arg, subject->len ? subject->data : NULL);
	prop_value(v, n, "author", &rv->author);
	nested_value(v, n, "reviewRating", "ratingValue", &rv->rating);
	xmlNodePtr rating = find_prop(v, n, "reviewRating");
	rv->best = rating && is_scope(v, rating) ? number_value(v, rating, "bestRating") : 0;
	prop_value(v, n, "datePublished", &rv->date);
	prop_value(v, n, "reviewBody", &rv->text);
	if (!rv->text.len)
		prop_value(v, n, "description", &rv->text);
	return sink->review(sink->arg, rv);
}

static bool read_aggregate(const vocab *v, xmlNodePtr n, const avis_schema_sink *sink, subject_cache *cache,
			   avis_buf *subject)
{
	avis_buf rating = AVIS_BUF_INIT, count = AVIS_BUF_INIT;
	avis_buf_clear(subject);
	prop_value(v, n, "ratingValue", &rating);
	prop_value(v, n, "reviewCount", &count);
	if (!count.len)
		prop_value(v, n, "ratingCount", &count);
	item_subject(v, n, cache, subject);
	bool go_on = !rating.len || sink->aggregate(sink->arg, subject->len ? subject->data : NULL, rating.data,
						    number_value(v, n, "bestRating"), count.len ? count.data : NULL);
	avis_buf_free(&rating);
	avis_buf_free(&count);
	return go_on;
}

static size_t read_items(xmlXPathContextPtr ctx, const avis_schema_sink *sink, const vocab *v)
{
	xmlNodePtr root = xmlDocGetRootElement(ctx->doc);
	size_t found = 0;
	bool go_on = true;
	avis_buf subject = AVIS_BUF_INIT;
	subject_cache cache = {NULL, AVIS_BUF_INIT};
	avis_review rv;
	avis_review_init(&rv);
	xmlXPathObjectPtr r = eval(ctx, root, v->reviews);
	for (int i = 0; go_on && r && r->nodesetval && i < r->nodesetval->nodeNr; i++) {
		found++;
		go_on = read_review(v, r->nodesetval->nodeTab[i], sink, &rv, &cache, &subject);
	}
	xmlXPathFreeObject(r);
	r = eval(ctx, root, v->aggregates);
	for (int i = 0; go_on && r && r->nodesetval && i < r->nodesetval->nodeNr; i++)
		go_on = read_aggregate(v, r->nodesetval->nodeTab[i], sink, &cache, &subject);
	xmlXPathFreeObject(r);
	avis_review_free(&rv);
	avis_buf_free(&subject);
	avis_buf_free(&cache.name);
	return found;
}

size_t avis_schema_microdata(xmlXPathContextPtr ctx, const avis_schema_sink *sink)
{
	return read_items(ctx, sink, &microdata);
}

size_t avis_schema_rdfa(xmlXPathContextPtr ctx, const avis_schema_sink *sink)
{
	return read_items(ctx, sink, &rdfa);
}
