/* findings — what avis-check found on one record, and its JSON; see
 * findings.h. */
#include "findings.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

/* A piece of encoded JSON text in the arena. */
typedef struct {
	size_t at, len;
} piece;

/* The members a rule's findings share, each made once: as values, and
 * as text ("rule":"...", and "message":"...","ref":"..."). */
typedef struct {
	json_t *id, *message, *ref;
	piece head, tail;
} rule_json;

struct avis_findings {
	const avis_ruleset *rs;
	rule_json *rule;        /* per rule */
	json_t *level[3], *target[3];
	piece level_text[3], target_text[3];
	avis_buf arena;         /* the encoded pieces */
	avis_finding *v;
	size_t n, cap;
};

static int append_to_buf(const char *chunk, size_t size, void *data)
{
	avis_buf_put(data, chunk, size);
	return 0;
}

/* The members of obj as Jansson writes them inside the braces. */
static piece encode_members(avis_buf *arena, json_t *obj)
{
	piece p = {arena->len, 0};
	json_dump_callback(obj, append_to_buf, arena, JSON_COMPACT | JSON_EMBED);
	p.len = arena->len - p.at;
	json_decref(obj);
	return p;
}

/* {key: v} made into text (a NULL v, a string Jansson refused, gives no
 * member, as json_object_set does). */
static piece encode_one(avis_buf *arena, const char *key, json_t *v)
{
	json_t *o = json_object();
	json_object_set(o, key, v);
	return encode_members(arena, o);
}

avis_findings *avis_findings_new(const avis_ruleset *rs)
{
	avis_findings *f = avis_xcalloc(1, sizeof *f);
	f->rs = rs;
	f->rule = avis_xcalloc(rs->n ? rs->n : 1, sizeof *f->rule);
	for (size_t i = 0; i < rs->n; i++) {
		const avis_rule *r = &rs->rules[i];
		rule_json *j = &f->rule[i];
		j->id = json_string(r->id);
		j->message = json_string(r->message);
		j->ref = r->ref ? json_string(r->ref) : NULL;
		j->head = encode_one(&f->arena, "rule", j->id);
		json_t *tail = json_object();
		json_object_set(tail, "message", j->message);
		if (j->ref)
			json_object_set(tail, "ref", j->ref);
		j->tail = encode_members(&f->arena, tail);
	}
	for (int k = 0; k < 3; k++) {
		f->level[k] = json_string(avis_level_name((avis_level)k));
		f->target[k] = json_string(avis_target_name((avis_target)k));
		f->level_text[k] = encode_one(&f->arena, "level", f->level[k]);
		f->target_text[k] = encode_one(&f->arena, "target", f->target[k]);
	}
	return f;
}

void avis_findings_free(avis_findings *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->rs->n; i++) {
		json_decref(f->rule[i].id);
		json_decref(f->rule[i].message);
		json_decref(f->rule[i].ref);
	}
	for (int k = 0; k < 3; k++) {
		json_decref(f->level[k]);
		json_decref(f->target[k]);
	}
	free(f->rule);
	avis_buf_free(&f->arena);
	free(f->v);
	free(f);
}

void avis_findings_clear(avis_findings *f)
{
	f->n = 0;
}

void avis_findings_add(avis_findings *f, const avis_finding *x)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->v = avis_xrealloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n++] = *x;
}

const avis_finding *avis_findings_get(const avis_findings *f, size_t i)
{
	return i < f->n ? &f->v[i] : NULL;
}

static size_t code_points(const char *s, size_t n)
{
	size_t cp = 0;
	for (size_t i = 0; i < n; i++)
		cp += ((unsigned char)s[i] & 0xC0) != 0x80;
	return cp;
}

/* The span of x in code points, [*a, *b): one pass over the text. */
static void span_of(const avis_finding *x, json_int_t *a, json_int_t *b)
{
	*a = (json_int_t)code_points(x->text, x->start);
	*b = *a + (json_int_t)code_points(x->text + x->start, x->end - x->start);
}

json_t *avis_finding_json(const avis_findings *f, const avis_finding *x)
{
	const rule_json *j = &f->rule[x->rule];
	json_t *o = json_object();
	json_object_set(o, "rule", j->id);
	json_object_set(o, "level", f->level[x->level]);
	json_object_set(o, "target", f->target[f->rs->rules[x->rule].target]);
	if (x->text) {
		json_int_t a, b;
		span_of(x, &a, &b);
		json_object_set_new(o, "span", json_pack("[II]", a, b));
		json_object_set_new(o, "match", json_stringn(x->text + x->start, x->end - x->start));
	}
	json_object_set(o, "message", j->message);
	if (j->ref)
		json_object_set(o, "ref", j->ref);
	return o;
}

json_t *avis_findings_json(const avis_findings *f)
{
	json_t *a = json_array();
	for (size_t i = 0; i < f->n; i++)
		json_array_append_new(a, avis_finding_json(f, &f->v[i]));
	return a;
}

static void put_piece(const avis_findings *f, piece p, avis_buf *out)
{
	if (!p.len)
		return;
	if (out->len && out->data[out->len - 1] != '{')
		avis_buf_putc(out, ',');
	avis_buf_put(out, f->arena.data + p.at, p.len);
}

/* "span":[a,b],"match":"..." — the numbers as Jansson prints a
 * json_int_t, the string encoded by Jansson. */
static void put_span(const avis_finding *x, avis_buf *out)
{
	json_int_t a, b;
	span_of(x, &a, &b);
	avis_buf_printf(out, ",\"span\":[%" JSON_INTEGER_FORMAT ",%" JSON_INTEGER_FORMAT "]", a, b);
	json_t *o = json_object();
	json_object_set_new(o, "match", json_stringn(x->text + x->start, x->end - x->start));
	if (json_object_size(o)) {
		avis_buf_putc(out, ',');
		json_dump_callback(o, append_to_buf, out, JSON_COMPACT | JSON_EMBED);
	}
	json_decref(o);
}

void avis_findings_text(const avis_findings *f, avis_buf *out)
{
	avis_buf_putc(out, '[');
	for (size_t i = 0; i < f->n; i++) {
		const avis_finding *x = &f->v[i];
		const rule_json *j = &f->rule[x->rule];
		avis_buf_puts(out, i ? ",{" : "{");
		put_piece(f, j->head, out);
		put_piece(f, f->level_text[x->level], out);
		put_piece(f, f->target_text[f->rs->rules[x->rule].target], out);
		if (x->text)
			put_span(x, out);
		put_piece(f, j->tail, out);
		avis_buf_putc(out, '}');
	}
	avis_buf_putc(out, ']');
}
