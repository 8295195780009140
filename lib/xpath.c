/* xpath — see xpath.h. */
#include "xpath.h"

#include <string.h>

#include <libxml/xpathInternals.h>

static void silent_error(void *data, xmlErrorPtr e)
{
	(void)data;
	(void)e;
}

static void silent_generic(void *data, const char *msg, ...)
{
	(void)data;
	(void)msg;
}

void avis_xml_quiet(void)
{
	xmlSetGenericErrorFunc(NULL, silent_generic);
}

static bool class_has(const xmlChar *cls, const xmlChar *want)
{
	size_t wl = strlen((const char *)want);
	if (!wl)
		return false;
	for (const char *p = (const char *)cls; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
			p++;
		size_t n = strcspn(p, " \t\n\r\f");
		if (n == wl && memcmp(p, want, n) == 0)
			return true;
		p += n;
	}
	return false;
}

static void xpath_has_class(xmlXPathParserContextPtr pc, int nargs)
{
	if (nargs != 1) {
		xmlXPathSetArityError(pc);
		return;
	}
	xmlChar *want = xmlXPathPopString(pc);
	xmlNodePtr n = pc->context->node;
	bool found = false;
	/* Read the attribute in place: this runs once per node a // step
	 * visits, so no copy. */
	for (xmlAttrPtr a = n && n->type == XML_ELEMENT_NODE ? n->properties : NULL; a && want; a = a->next)
		if (!a->ns && xmlStrEqual(a->name, (const xmlChar *)"class")) {
			const xmlNode *v = a->children;
			if (v && v->type == XML_TEXT_NODE && !v->next && v->content) {
				found = class_has(v->content, want);
			} else {
				xmlChar *cls = xmlNodeListGetString(n->doc, a->children, 1);
				found = cls && class_has(cls, want);
				xmlFree(cls);
			}
			break;
		}
	xmlFree(want);
	xmlXPathReturnBoolean(pc, found);
}

xmlXPathContextPtr avis_xpath_context(avis_page *p)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(p ? p->doc : NULL);
	if (!ctx)
		return NULL;
	ctx->error = silent_error;
	xmlXPathRegisterFunc(ctx, (const xmlChar *)"has-class", xpath_has_class);
	return ctx;
}

static void append_number(avis_buf *out, double v)
{
	if (v != v || v > 1e15 || v < -1e15)   /* NaN, infinities, huge */
		return;
	if (v == (double)(long long)v)
		avis_buf_printf(out, "%.0f", v);
	else
		avis_buf_printf(out, "%g", v);
}

void avis_xpath_text(xmlXPathContextPtr ctx, xmlXPathCompExprPtr expr, xmlNodePtr node, avis_buf *out)
{
	ctx->node = node;
	xmlXPathObjectPtr r = xmlXPathCompiledEval(expr, ctx);
	if (!r)
		return;
	switch (r->type) {
	case XPATH_NODESET:
		for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
			size_t before = out->len;
			avis_node_text(r->nodesetval->nodeTab[i], out);
			if (out->len > before)
				break;
		}
		break;
	case XPATH_STRING:
		avis_buf_puts(out, (const char *)r->stringval);
		break;
	case XPATH_NUMBER:
		append_number(out, r->floatval);
		break;
	case XPATH_BOOLEAN:
		if (r->boolval)
			avis_buf_puts(out, "true");
		break;
	default:
		break;
	}
	xmlXPathFreeObject(r);
}

