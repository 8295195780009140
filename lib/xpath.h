/* xpath — queries on a saved page.
 *
 * Owns: the XPath context every reader of a page uses (libxml2's XPath
 * 1.0, with the extension function has-class('name'): true when the
 * context node's class attribute holds that class, since class attributes
 * often carry several classes and stray spaces), the text a query yields
 * (a node-set: the visible text of its first node that has some, see
 * avis_node_text; a string, number or boolean: its value), and keeping
 * libxml2's own messages off stderr (the parser recovers from bad markup;
 * its complaints would only be noise).
 */
#ifndef AVIS_XPATH_H
#define AVIS_XPATH_H

#include <libxml/xpath.h>

#include "buf.h"
#include "page.h"

/* Silence libxml2's generic error channel.  A process-wide libxml2
 * setting: call once at start-up. */
void avis_xml_quiet(void);

/* A query context on page p (p may be NULL: no document) with
 * has-class() registered and XPath errors silenced.  Free with
 * xmlXPathFreeContext. */
xmlXPathContextPtr avis_xpath_context(avis_page *p);

/* Evaluate expr with node as context and append its text to out. */
void avis_xpath_text(xmlXPathContextPtr ctx, xmlXPathCompExprPtr expr, xmlNodePtr node, avis_buf *out);

#endif
