/* cond — the `when` condition language; see cond.h. */
#define _GNU_SOURCE   /* memmem */
#include "cond.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

typedef enum { N_OR, N_AND, N_NOT, N_CMP, N_TEST } node_kind;
typedef enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE } cmp_op;
typedef enum { V_NONE, V_PATH, V_NUM, V_STR, V_TRUE, V_FALSE, V_NULL, V_FIRED } operand_kind;

typedef struct {
	operand_kind kind;
	double num;
	char *text;          /* path, string literal or rule id */
	size_t len;
} operand;

struct avis_cond {
	node_kind kind;
	avis_cond *a, *b;    /* OR, AND: both; NOT: a */
	cmp_op op;
	operand l, r;        /* CMP: both; TEST: l */
};

/* Nesting deeper than this is refused: a condition is a line of a rule
 * file, and recursion must stay bounded whatever the input. */
enum { MAX_DEPTH = 64 };

typedef struct {
	const char *src, *p;
	char *err;
	size_t errsz;
	bool failed;
	int depth;
} parser;

static void fail(parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(parser *ps, const char *fmt, ...)
{
	if (ps->failed)
		return;
	ps->failed = true;
	int n = snprintf(ps->err, ps->errsz, "column %zu: ", (size_t)(ps->p - ps->src) + 1);
	if (n < 0 || (size_t)n >= ps->errsz)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ps->err + n, ps->errsz - (size_t)n, fmt, ap);
	va_end(ap);
}

static void skip_space(parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

static bool accept(parser *ps, const char *tok)
{
	skip_space(ps);
	size_t n = strlen(tok);
	if (strncmp(ps->p, tok, n) != 0)
		return false;
	ps->p += n;
	return true;
}

static avis_cond *new_node(node_kind kind)
{
	avis_cond *c = avis_xcalloc(1, sizeof *c);
	c->kind = kind;
	return c;
}

static bool is_path_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '-';
}

static bool parse_string(parser *ps, operand *o)
{
	char quote = *ps->p++;
	const char *start = ps->p;
	while (*ps->p && *ps->p != quote)
		ps->p++;
	if (!*ps->p) {
		fail(ps, "unterminated string");
		return false;
	}
	o->kind = V_STR;
	o->len = (size_t)(ps->p - start);
	o->text = avis_xstrndup(start, o->len);
	ps->p++;
	return true;
}

static bool parse_number(parser *ps, operand *o)
{
	char *end;
	o->num = strtod(ps->p, &end);
	if (end == ps->p || is_path_char(*end) || o->num != o->num) {
		fail(ps, "bad number");
		return false;
	}
	o->kind = V_NUM;
	ps->p = end;
	return true;
}

static bool parse_fired(parser *ps, operand *o)
{
	if (!accept(ps, "(")) {
		fail(ps, "expected '(' after fired");
		return false;
	}
	skip_space(ps);
	if (*ps->p != '"' && *ps->p != '\'') {
		fail(ps, "expected a quoted rule id in fired()");
		return false;
	}
	if (!parse_string(ps, o))
		return false;
	o->kind = V_FIRED;
	if (!accept(ps, ")")) {
		fail(ps, "expected ')' after the rule id");
		return false;
	}
	return true;
}

static bool parse_operand(parser *ps, operand *o)
{
	skip_space(ps);
	char c = *ps->p;
	if (c == '"' || c == '\'')
		return parse_string(ps, o);
	if (isdigit((unsigned char)c) || ((c == '-' || c == '+' || c == '.') &&
					  (isdigit((unsigned char)ps->p[1]) || ps->p[1] == '.')))
		return parse_number(ps, o);
	const char *start = ps->p;
	while (is_path_char(*ps->p))
		ps->p++;
	size_t n = (size_t)(ps->p - start);
	if (n == 0) {
		fail(ps, *ps->p ? "unexpected '%c'" : "unexpected end of condition", *ps->p);
		return false;
	}
	if (start[0] == '.' || start[n - 1] == '.' || memmem(start, n, "..", 2)) {
		ps->p = start;
		fail(ps, "bad field path '%.*s'", (int)n, start);
		return false;
	}
	if (n == 4 && memcmp(start, "true", 4) == 0) { o->kind = V_TRUE; return true; }
	if (n == 5 && memcmp(start, "false", 5) == 0) { o->kind = V_FALSE; return true; }
	if (n == 4 && memcmp(start, "null", 4) == 0) { o->kind = V_NULL; return true; }
	if (n == 5 && memcmp(start, "fired", 5) == 0)
		return parse_fired(ps, o);
	o->kind = V_PATH;
	o->text = avis_xstrndup(start, n);
	o->len = n;
	return true;
}

static bool parse_cmp_op(parser *ps, cmp_op *op)
{
	static const struct { const char *tok; cmp_op op; } ops[] = {
		{"==", OP_EQ}, {"!=", OP_NE}, {"<=", OP_LE}, {">=", OP_GE}, {"<", OP_LT}, {">", OP_GT},
	};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (accept(ps, ops[i].tok)) {
			*op = ops[i].op;
			return true;
		}
	return false;
}

static avis_cond *parse_or(parser *ps);

static avis_cond *parse_primary(parser *ps)
{
	if (accept(ps, "(")) {
		avis_cond *c = parse_or(ps);
		if (c && !accept(ps, ")"))
			fail(ps, "expected ')'");
		return c;
	}
	avis_cond *c = new_node(N_TEST);
	if (!parse_operand(ps, &c->l))
		return c;
	skip_space(ps);
	/* "!=" is a comparison, a lone "!" here is an error caught later. */
	if (parse_cmp_op(ps, &c->op)) {
		c->kind = N_CMP;
		parse_operand(ps, &c->r);
	}
	return c;
}

static avis_cond *parse_unary(parser *ps)
{
	if (++ps->depth > MAX_DEPTH) {
		fail(ps, "condition nested too deeply");
		return NULL;
	}
	avis_cond *c;
	skip_space(ps);
	if (ps->p[0] == '!' && ps->p[1] != '=') {
		ps->p++;
		c = new_node(N_NOT);
		c->a = parse_unary(ps);
	} else {
		c = parse_primary(ps);
	}
	ps->depth--;
	return c;
}

static avis_cond *parse_binary(parser *ps, node_kind kind, const char *tok,
			       avis_cond *(*sub)(parser *))
{
	avis_cond *c = sub(ps);
	while (!ps->failed && accept(ps, tok)) {
		avis_cond *n = new_node(kind);
		n->a = c;
		n->b = sub(ps);
		c = n;
	}
	return c;
}

static avis_cond *parse_and(parser *ps)
{
	return parse_binary(ps, N_AND, "&&", parse_unary);
}

static avis_cond *parse_or(parser *ps)
{
	if (++ps->depth > MAX_DEPTH) {
		fail(ps, "condition nested too deeply");
		return NULL;
	}
	avis_cond *c = parse_binary(ps, N_OR, "||", parse_and);
	ps->depth--;
	return c;
}

avis_cond *avis_cond_parse(const char *src, char *err, size_t errsz)
{
	parser ps = {src, src, err, errsz, false, 0};
	avis_cond *c = parse_or(&ps);
	skip_space(&ps);
	if (!ps.failed && *ps.p)
		fail(&ps, "unexpected '%s'", ps.p);
	if (ps.failed) {
		avis_cond_free(c);
		return NULL;
	}
	return c;
}

static void free_operand(operand *o)
{
	free(o->text);
}

void avis_cond_free(avis_cond *c)
{
	if (!c)
		return;
	avis_cond_free(c->a);
	avis_cond_free(c->b);
	free_operand(&c->l);
	free_operand(&c->r);
	free(c);
}

/* ---- evaluation ------------------------------------------------------ */

typedef struct {
	enum { X_NONE, X_NUM, X_STR, X_BOOL, X_NULL, X_OTHER } kind;
	double num;
	const char *str;
	size_t len;
	bool b;
} value;

static value value_of(const operand *o, const avis_cond_env *env)
{
	value v = {X_NONE, 0, NULL, 0, false};
	switch (o->kind) {
	case V_NUM: v.kind = X_NUM; v.num = o->num; return v;
	case V_STR: v.kind = X_STR; v.str = o->text; v.len = o->len; return v;
	case V_TRUE: v.kind = X_BOOL; v.b = true; return v;
	case V_FALSE: v.kind = X_BOOL; return v;
	case V_NULL: v.kind = X_NULL; return v;
	case V_FIRED:
		v.kind = X_BOOL;
		v.b = env->fired && env->fired(env->ctx, o->text);
		return v;
	case V_NONE: return v;
	case V_PATH: break;
	}
	json_t *j = env->lookup ? env->lookup(env->ctx, o->text) : NULL;
	if (!j)
		return v;
	if (json_is_number(j)) {
		v.kind = X_NUM;
		v.num = json_number_value(j);
	} else if (json_is_string(j)) {
		v.kind = X_STR;
		v.str = json_string_value(j);
		v.len = json_string_length(j);
	} else if (json_is_boolean(j)) {
		v.kind = X_BOOL;
		v.b = json_is_true(j);
	} else if (json_is_null(j)) {
		v.kind = X_NULL;
	} else {
		v.kind = X_OTHER;
	}
	return v;
}

static bool truthy(value v)
{
	switch (v.kind) {
	case X_NUM: return v.num != 0;
	case X_STR: return v.len > 0;
	case X_BOOL: return v.b;
	case X_OTHER: return true;
	default: return false;
	}
}

static int compare_bytes(value a, value b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int c = memcmp(a.str, b.str, n);
	if (c)
		return c;
	return a.len < b.len ? -1 : a.len > b.len;
}

static bool compare(cmp_op op, value a, value b)
{
	int c;
	if (a.kind == X_NUM && b.kind == X_NUM)
		c = a.num < b.num ? -1 : a.num > b.num;
	else if (a.kind == X_STR && b.kind == X_STR)
		c = compare_bytes(a, b);
	else if ((op == OP_EQ || op == OP_NE) && a.kind == b.kind && (a.kind == X_BOOL || a.kind == X_NULL))
		c = a.kind == X_BOOL ? (a.b != b.b) : 0;
	else
		return false;    /* missing, or not comparable */
	switch (op) {
	case OP_EQ: return c == 0;
	case OP_NE: return c != 0;
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	case OP_GT: return c > 0;
	case OP_GE: return c >= 0;
	}
	return false;
}

bool avis_cond_eval(const avis_cond *c, const avis_cond_env *env)
{
	switch (c->kind) {
	case N_OR: return avis_cond_eval(c->a, env) || avis_cond_eval(c->b, env);
	case N_AND: return avis_cond_eval(c->a, env) && avis_cond_eval(c->b, env);
	case N_NOT: return !avis_cond_eval(c->a, env);
	case N_CMP: return compare(c->op, value_of(&c->l, env), value_of(&c->r, env));
	case N_TEST: return truthy(value_of(&c->l, env));
	}
	return false;
}

static bool operand_uses(const operand *o, const char *prefix)
{
	if (o->kind != V_PATH)
		return false;
	size_t n = strlen(prefix);
	return strncmp(o->text, prefix, n) == 0 && (o->text[n] == '\0' || o->text[n] == '.');
}

bool avis_cond_uses(const avis_cond *c, const char *prefix)
{
	if (!c)
		return false;
	return operand_uses(&c->l, prefix) || operand_uses(&c->r, prefix) ||
	       avis_cond_uses(c->a, prefix) || avis_cond_uses(c->b, prefix);
}
