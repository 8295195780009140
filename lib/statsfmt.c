/* statsfmt — the summary as text or Markdown; see statsfmt.h. */
#include "statsfmt.h"

#include <string.h>

#include "buf.h"
#include "fmt.h"
#include "record.h"

typedef struct {
	FILE *out;
	bool md;
} writer;

static void heading(writer *w, const char *title)
{
	fprintf(w->out, w->md ? "\n## %s\n\n" : "\n%s\n", title);
	if (!w->md) {
		for (size_t i = 0; i < strlen(title); i++)
			fputc('-', w->out);
		fputc('\n', w->out);
	}
}

/* The text of v (numbers: at most 2 decimals; shares as percentages). */
static void value_text(const json_t *v, bool percent, avis_buf *b)
{
	avis_buf_clear(b);
	if (json_is_real(v))
		avis_buf_printf(b, percent ? "%.1f %%" : "%.2f",
				json_real_value(v) * (percent ? 100 : 1));
	else if (!v || json_is_null(v))
		avis_buf_puts(b, "-");
	else
		avis_cell_text(v, '.', b);
	if (!b->data)
		avis_buf_puts(b, "");
}

/* Cells come from records: control characters (terminal escapes) never
 * reach the output, and in Markdown neither does what would end a row. */
static void clean_cell(writer *w, avis_buf *b)
{
	for (size_t k = 0; k < b->len; k++) {
		unsigned char c = (unsigned char)b->data[k];
		if (c < 0x20 || c == 0x7F || (w->md && c == '|'))
			b->data[k] = ' ';
	}
}

/* One "label: value" line, or a Markdown table row. */
static void line(writer *w, const char *label, const json_t *v, bool percent)
{
	avis_buf b = AVIS_BUF_INIT, l = AVIS_BUF_INIT;
	value_text(v, percent, &b);
	avis_buf_puts(&l, label);
	clean_cell(w, &b);
	clean_cell(w, &l);
	if (w->md)
		fprintf(w->out, "| %s | %s |\n", l.data, b.data);
	else
		fprintf(w->out, "  %-32s %s\n", l.data, b.data);
	avis_buf_free(&b);
	avis_buf_free(&l);
}

static void table_head(writer *w, const char *cols[], size_t n)
{
	if (!w->md) {
		fputs(" ", w->out);
		for (size_t i = 0; i < n; i++)
			fprintf(w->out, i ? " %10s" : " %-32s", cols[i]);
		fputc('\n', w->out);
		return;
	}
	fputs("|", w->out);
	for (size_t i = 0; i < n; i++)
		fprintf(w->out, " %s |", cols[i]);
	fputs("\n|", w->out);
	for (size_t i = 0; i < n; i++)
		fputs(i ? " ---: |" : " --- |", w->out);
	fputc('\n', w->out);
}

/* A row of an array of objects: the first key left, the others right. */
static void table_row(writer *w, const json_t *obj, const char *keys[], size_t n)
{
	avis_buf b = AVIS_BUF_INIT;
	fputs(w->md ? "|" : " ", w->out);
	for (size_t i = 0; i < n; i++) {
		value_text(json_object_get(obj, keys[i]), false, &b);
		clean_cell(w, &b);
		if (w->md) {
			fprintf(w->out, " %s |", b.data);
		} else {
			fprintf(w->out, i ? " %10s" : " %-32s", b.data);
		}
	}
	fputc('\n', w->out);
	avis_buf_free(&b);
}

static void array_table(writer *w, const json_t *arr, const char *cols[], const char *keys[], size_t n)
{
	if (!json_array_size(arr)) {
		fputs(w->md ? "None.\n" : "  none\n", w->out);
		return;
	}
	table_head(w, cols, n);
	size_t i;
	json_t *e;
	json_array_foreach(arr, i, e)
		table_row(w, e, keys, n);
}

static void overview(writer *w, const json_t *s)
{
	heading(w, "Overview");
	if (w->md)
		fputs("| | |\n| --- | ---: |\n", w->out);
	line(w, "reviews", json_object_get(s, "reviews"), false);
	line(w, "rated", avis_field(s, "rating.count"), false);
	line(w, "mean rating", avis_field(s, "rating.mean"), false);
	for (int star = 5; star >= 1; star--) {
		char key[32], label[32];
		snprintf(key, sizeof key, "rating.distribution.%d", star);
		snprintf(label, sizeof label, "  %d star%s", star, star > 1 ? "s" : "");
		line(w, label, avis_field(s, key), false);
	}
	line(w, "negative reviews", avis_field(s, "negative.count"), false);
	line(w, "negative share", avis_field(s, "negative.share"), true);
	line(w, "replies", avis_field(s, "replies.count"), false);
	line(w, "reply rate", avis_field(s, "replies.rate"), true);
	line(w, "reply rate, negative reviews", avis_field(s, "replies.negative_rate"), true);
	line(w, "reply delay q1 (hours)", avis_field(s, "replies.delay_hours.q1"), false);
	line(w, "reply delay median (hours)", avis_field(s, "replies.delay_hours.median"), false);
	line(w, "reply delay q3 (hours)", avis_field(s, "replies.delay_hours.q3"), false);
	line(w, "replies within 24 h", avis_field(s, "replies.delay_hours.under_24h"), false);
	line(w, "laudatory (5 stars) reviews", avis_field(s, "replies.laudatory.count"), false);
	line(w, "  of which answered", avis_field(s, "replies.laudatory.replied"), false);
}

void avis_stats_write(FILE *out, const json_t *s, bool markdown)
{
	writer w = {out, markdown};
	if (markdown)
		fputs("# Review audit\n", out);
	overview(&w, s);

	heading(&w, "Sources");
	const char *src;
	json_t *n;
	json_object_foreach(json_object_get(s, "sources"), src, n)
		line(&w, src, n, false);

	heading(&w, "Pages' own ratings");
	const char *ac[] = {"subject", "rating", "count", "source"};
	array_table(&w, json_object_get(s, "aggregates"), ac, ac, 4);

	heading(&w, "Months");
	const char *mc[] = {"month", "count", "mean"};
	array_table(&w, json_object_get(s, "months"), mc, mc, 3);

	heading(&w, "Findings");
	const char *fc[] = {"rule", "level", "count"};
	array_table(&w, avis_field(s, "findings.by_rule"), fc, fc, 3);

	heading(&w, "Aspects, most hurtful first");
	const char *xc[] = {"aspect", "mentions", "mean", "weight"};
	const char *xk[] = {"aspect", "mentions", "mean", "negative_weight"};
	array_table(&w, json_object_get(s, "aspects"), xc, xk, 4);

	heading(&w, "Negative reviews awaiting a reply");
	const char *wc[] = {"id", "rating", "date", "days"};
	const char *wk[] = {"id", "rating", "date", "days_waiting"};
	array_table(&w, json_object_get(s, "awaiting_reply"), wc, wk, 4);
}
