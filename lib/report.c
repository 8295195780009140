/* report — the HTML audit report; see report.h. */
#define _GNU_SOURCE   /* memmem */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "charset.h"
#include "cli.h"
#include "fmt.h"
#include "record.h"
#include "stats.h"

enum {
	EXAMPLES_PER_RULE = 5,   /* passages shown per rule; the rest counted */
	REPORTABLE_MAX = 50,     /* reviews listed as reportable */
	FILES_MAX = 200,         /* input pages listed */
	CONTEXT_BYTES = 160,     /* text shown around a passage */
};

/* ---- labels -------------------------------------------------------------------- */

typedef struct {
	const char *html_lang, *title, *made_on, *inputs, *pages, *and_more,
		*kpi_reviews, *kpi_mean, *kpi_shown, *kpi_negative, *kpi_replies, *kpi_delay,
		*kpi_findings, *hours, *none,
		*s_ratings, *s_months, *s_sentiment, *s_replies, *s_findings, *s_reportable,
		*s_waiting, *s_method,
		*stars, *volume, *mean_rating, *month, *aspect, *mentions, *mean, *weight,
		*label_pos, *label_neu, *label_neg, *no_sentiment,
		*reply_rate, *reply_rate_neg, *hot, *laudatory, *delay_hist,
		*b_1d, *b_2d, *b_7d, *b_30d, *b_more,
		*rule, *level, *count, *ref, *examples, *review, *reply, *more_cases,
		*no_findings, *no_reportable, *no_waiting, *date, *rating, *author, *days, *text,
		*why, *method_text, *rules_seen, *message, *generated, *star, *n_errors, *n_warnings,
		*lv_error, *lv_warning, *lv_info;
	char decimal;
	const char *const *months;
} labels;

static const char *const MONTHS_FR[] = {"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre"};
static const char *const MONTHS_EN[] = {"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"};

static const labels FR = {
	"fr", "Audit des avis en ligne", "Audit du", "Fichiers analysés", "Pages d'origine",
	"et %ld autres",
	"Avis", "Note moyenne", "Note affichée", "Avis négatifs", "Taux de réponse",
	"Délai médian de réponse", "Constats", "h", "aucun",
	"Répartition des notes", "Évolution mensuelle", "Sentiment et aspects",
	"Réponses du praticien", "Constats déontologiques", "Avis pouvant être signalés",
	"Avis négatifs en attente de réponse", "Méthode",
	"étoiles", "Nombre d'avis", "Note moyenne", "Mois", "Aspect", "Mentions", "Moyenne",
	"Poids négatif",
	"positifs", "neutres", "négatifs", "Aucun score de sentiment dans les données (avis-score n'a pas été appliqué).",
	"Taux de réponse", "Taux de réponse aux avis négatifs", "Réponses « à chaud » (moins de 24 h)",
	"Réponses à des avis élogieux (5 étoiles)", "Délai de réponse",
	"< 1 jour", "1-2 jours", "2-7 jours", "7-30 jours", "> 30 jours",
	"Règle", "Niveau", "Nombre", "Référence", "Exemples", "avis", "réponse", "et %ld autres cas",
	"Aucun constat.", "Aucun avis signalable.", "Aucun avis négatif en attente de réponse.",
	"Date", "Note", "Auteur", "Jours", "Texte", "Motif",
	"Les pages enregistrées ont été lues par avis-parse, les textes normalisés par avis-norm, "
	"le sentiment estimé par avis-score et les réponses vérifiées par avis-check au regard "
	"des règles déontologiques ci-dessous. Un avis est négatif s'il a 2 étoiles ou moins "
	"(sans note : si son sentiment est négatif). Le délai de réponse se compte de la date "
	"de l'avis à celle de la réponse.",
	"Règles ayant produit un constat", "Message", "Rapport produit par avis",
	"étoile", "erreurs", "avertissements", "erreur", "avertissement", "info",
	',', MONTHS_FR,
};

static const labels EN = {
	"en", "Online review audit", "Audit of", "Files analysed", "Source pages", "and %ld more",
	"Reviews", "Mean rating", "Rating shown", "Negative reviews", "Reply rate",
	"Median reply delay", "Findings", "h", "none",
	"Ratings", "Month by month", "Sentiment and aspects", "The practitioner's replies",
	"Deontology findings", "Reviews that can be reported", "Negative reviews awaiting a reply",
	"Method",
	"stars", "Reviews", "Mean rating", "Month", "Aspect", "Mentions", "Mean", "Negative weight",
	"positive", "neutral", "negative", "No sentiment scores in the data (avis-score was not run).",
	"Reply rate", "Reply rate on negative reviews", "Replies written in haste (under 24 h)",
	"Replies to laudatory (5-star) reviews", "Reply delay",
	"< 1 day", "1-2 days", "2-7 days", "7-30 days", "> 30 days",
	"Rule", "Level", "Count", "Reference", "Examples", "review", "reply", "and %ld more cases",
	"No findings.", "No review to report.", "No negative review awaiting a reply.",
	"Date", "Rating", "Author", "Days", "Text", "Why",
	"The saved pages were read by avis-parse, the texts normalised by avis-norm, sentiment "
	"estimated by avis-score and the replies checked by avis-check against the deontology "
	"rules below. A review is negative with 2 stars or fewer (without a rating: when its "
	"sentiment is negative). The reply delay runs from the review's date to the reply's.",
	"Rules that produced a finding", "Message", "Report made by avis",
	"star", "errors", "warnings", "error", "warning", "info",
	'.', MONTHS_EN,
};

/* ---- state --------------------------------------------------------------------- */

struct avis_report {
	const labels *L;
	time_t now;
	avis_stats *stats;
	json_t *rules;        /* rule -> {level, message, ref, count, examples[]} */
	json_t *reportable;   /* [{rec fields, why: [messages]}] */
	long reportable_more;
	json_t *inputs;       /* names given on the command line */
	json_t *pages;        /* record `file` values, as a set */
	long pages_more;
	json_t *subjects;     /* record `subject` values, as a set */
	json_t *aggregates;   /* page ratings, for the KPI */
	avis_buf b;           /* the document being written */
};

avis_report *avis_report_new(avis_report_lang lang, time_t now)
{
	avis_report *r = avis_xcalloc(1, sizeof *r);
	r->L = lang == AVIS_LANG_EN ? &EN : &FR;
	r->now = now;
	r->stats = avis_stats_new(now);
	r->rules = json_object();
	r->reportable = json_array();
	r->inputs = json_array();
	r->pages = json_object();
	r->subjects = json_object();
	return r;
}

void avis_report_free(avis_report *r)
{
	if (!r)
		return;
	avis_stats_free(r->stats);
	json_decref(r->rules);
	json_decref(r->reportable);
	json_decref(r->inputs);
	json_decref(r->pages);
	json_decref(r->subjects);
	avis_buf_free(&r->b);
	free(r);
}

void avis_report_input(avis_report *r, const char *name)
{
	if (json_array_size(r->inputs) < FILES_MAX)
		json_array_append_new(r->inputs, json_string(name));
}

/* ---- passages ------------------------------------------------------------------ */

/* Byte offset of code point index cp in text, or (size_t)-1. */
static size_t cp_to_byte(const char *text, size_t len, size_t cp)
{
	size_t i = 0, k = 0;
	while (k < cp && i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
						      (utf8proc_ssize_t)(len - i), &c);
		i += n > 0 ? (size_t)n : 1;
		k++;
	}
	return k == cp ? i : (size_t)-1;
}

static bool span_agrees(const char *text, size_t len, size_t s, size_t e, const json_t *match)
{
	if (s > e || e > len)
		return false;
	if (!json_is_string(match))
		return true;
	/* The match may be the folded form: compare lengths loosely, content
	 * only when it is the same length. */
	size_t ml = json_string_length(match);
	return ml != e - s || memcmp(text + s, json_string_value(match), ml) == 0 ||
	       strncasecmp(text + s, json_string_value(match), ml) == 0;
}

bool avis_locate_passage(const char *text, size_t len, const json_t *finding, size_t *start, size_t *end)
{
	json_t *span = json_object_get(finding, "span");
	json_t *match = json_object_get(finding, "match");
	if (json_is_array(span) && json_array_size(span) == 2 &&
	    json_is_integer(json_array_get(span, 0)) && json_is_integer(json_array_get(span, 1))) {
		json_int_t a = json_integer_value(json_array_get(span, 0));
		json_int_t b = json_integer_value(json_array_get(span, 1));
		if (a >= 0 && b >= a) {
			if (span_agrees(text, len, (size_t)a, (size_t)b, match) &&
			    (!json_is_string(match) || json_string_length(match) == (size_t)(b - a))) {
				*start = (size_t)a;
				*end = (size_t)b;
				return true;
			}
			size_t bs = cp_to_byte(text, len, (size_t)a), be = cp_to_byte(text, len, (size_t)b);
			if (bs != (size_t)-1 && be != (size_t)-1 && span_agrees(text, len, bs, be, match)) {
				*start = bs;
				*end = be;
				return true;
			}
		}
	}
	if (json_is_string(match) && json_string_length(match)) {
		const char *m = json_string_value(match);
		const char *at = memmem(text, len, m, json_string_length(match));
		if (at) {
			*start = (size_t)(at - text);
			*end = *start + json_string_length(match);
			return true;
		}
	}
	return false;
}

/* {"before", "passage", "after"} around the finding, or the text's start. */
static json_t *passage(const char *text, size_t len, const json_t *finding)
{
	size_t s = 0, e = 0;
	bool found = avis_locate_passage(text, len, finding, &s, &e);
	size_t from = s > CONTEXT_BYTES ? avis_utf8_char_start(text, len, s - CONTEXT_BYTES) : 0;
	size_t to = e + CONTEXT_BYTES < len ? avis_utf8_char_start(text, len, e + CONTEXT_BYTES) : len;
	if (!found)
		to = len < 2 * CONTEXT_BYTES ? len : avis_utf8_char_start(text, len, 2 * CONTEXT_BYTES);
	return json_pack("{s:s%, s:s%, s:s%, s:b, s:b}",
			 "before", text + from, (found ? s : to) - from,
			 "passage", text + s, found ? e - s : 0,
			 "after", text + (found ? e : to), found ? to - e : 0,
			 "cut_before", from > 0, "cut_after", to < len);
}

/* ---- gathering ---------------------------------------------------------------------- */

static void remember(json_t *set, const json_t *v, long *more, size_t max)
{
	if (!json_is_string(v) || json_object_get(set, json_string_value(v)))
		return;
	if (json_object_size(set) >= max) {
		if (more)
			(*more)++;
		return;
	}
	json_object_set_new(set, json_string_value(v), json_true());
}

static json_t *example(const json_t *rec, const json_t *finding)
{
	json_t *target = json_object_get(finding, "target");
	bool on_reply = json_is_string(target) && strcmp(json_string_value(target), "reply") == 0;
	size_t len = 0;
	const char *text = avis_string(on_reply ? json_object_get(rec, "reply") : rec, "text", &len);
	json_t *e = json_pack("{s:O?, s:O?, s:O?, s:O?, s:b}",
			      "id", json_object_get(rec, "id"), "date", json_object_get(rec, "date"),
			      "rating", json_object_get(rec, "rating"),
			      "author", json_object_get(rec, "author"), "on_reply", on_reply);
	if (text)
		json_object_set_new(e, "text", passage(text, len, finding));
	return e;
}

static void add_finding(avis_report *r, const json_t *rec, const json_t *f)
{
	json_t *id = json_object_get(f, "rule");
	if (!json_is_string(id))
		return;
	json_t *rule = json_object_get(r->rules, json_string_value(id));
	if (!rule) {
		rule = json_pack("{s:O?, s:O?, s:O?, s:i, s:[]}", "level", json_object_get(f, "level"),
				 "message", json_object_get(f, "message"), "ref", json_object_get(f, "ref"),
				 "count", 0, "examples");
		json_object_set_new(r->rules, json_string_value(id), rule);
	}
	json_object_set_new(rule, "count", json_integer(json_integer_value(json_object_get(rule, "count")) + 1));
	json_t *examples = json_object_get(rule, "examples");
	if (json_array_size(examples) < EXAMPLES_PER_RULE)
		json_array_append_new(examples, example(rec, f));
}

/* Findings about the review itself under abuse.* / review.*: grounds to
 * ask the platform to remove it. */
static bool reportable(const json_t *f)
{
	json_t *rule = json_object_get(f, "rule");
	json_t *target = json_object_get(f, "target");
	if (!json_is_string(rule) || (json_is_string(target) && strcmp(json_string_value(target), "review")))
		return false;
	return strncmp(json_string_value(rule), "abuse.", 6) == 0;
}

void avis_report_add(avis_report *r, const json_t *rec)
{
	avis_stats_add(r->stats, rec);
	remember(r->pages, json_object_get(rec, "file"), &r->pages_more, FILES_MAX);
	remember(r->subjects, json_object_get(rec, "subject"), NULL, 5);
	json_t *findings = json_object_get(rec, "findings");
	json_t *why = json_array();
	size_t i;
	json_t *f;
	json_array_foreach(findings, i, f) {
		add_finding(r, rec, f);
		if (reportable(f))
			json_array_append(why, json_object_get(f, "message") ? json_object_get(f, "message")
									      : json_object_get(f, "rule"));
	}
	if (json_array_size(why)) {
		if (json_array_size(r->reportable) < REPORTABLE_MAX) {
			size_t len = 0;
			const char *text = avis_string(rec, "text", &len);
			json_array_append_new(r->reportable, json_pack("{s:O?, s:O?, s:O?, s:s%, s:O}",
				"date", json_object_get(rec, "date"), "rating", json_object_get(rec, "rating"),
				"author", json_object_get(rec, "author"), "text", text ? text : "",
				text ? (len > 600 ? avis_utf8_char_start(text, len, 600) : len) : 0, "why", why));
		} else {
			r->reportable_more++;
		}
	}
	json_decref(why);
}

/* ---- writing helpers ------------------------------------------------------------ */

void avis_html_escape(avis_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': avis_buf_puts(out, "&amp;"); break;
		case '<': avis_buf_puts(out, "&lt;"); break;
		case '>': avis_buf_puts(out, "&gt;"); break;
		case '"': avis_buf_puts(out, "&quot;"); break;
		case '\'': avis_buf_puts(out, "&#39;"); break;
		case '\0': break;
		default: avis_buf_putc(out, s[i]);
		}
	}
}

static void esc(avis_report *r, const char *s)
{
	avis_html_escape(&r->b, s, strlen(s));
}

/* The text of a JSON value, escaped; "-" when absent. */
static void esc_value(avis_report *r, const json_t *v)
{
	if (json_is_string(v)) {
		avis_html_escape(&r->b, json_string_value(v), json_string_length(v));
		return;
	}
	if (!v || json_is_null(v)) {
		avis_buf_puts(&r->b, "-");
		return;
	}
	avis_buf tmp = AVIS_BUF_INIT;
	avis_cell_text(v, '.', &tmp);
	avis_html_escape(&r->b, tmp.data ? tmp.data : "", tmp.len);
	avis_buf_free(&tmp);
}

static void raw(avis_report *r, const char *s) { avis_buf_puts(&r->b, s); }

/* A number with the language's decimal mark. */
static void number(avis_report *r, double v, int decimals)
{
	size_t at = r->b.len;
	avis_buf_printf(&r->b, "%.*f", decimals, v);
	for (size_t i = at; i < r->b.len; i++)
		if (r->b.data[i] == '.')
			r->b.data[i] = r->L->decimal;
}

static void percent(avis_report *r, const json_t *share)
{
	if (!json_is_number(share)) {
		raw(r, "-");
		return;
	}
	number(r, json_number_value(share) * 100, 0);
	raw(r, r->L->decimal == ',' ? "\xC2\xA0%" : "%");
}

/* An ISO date as the language writes it (dd/mm/yyyy in French). */
/* Does s start with an ISO date, digits and dashes only? */
static bool iso_date_prefix(const char *s)
{
	if (!s || strlen(s) < 10)
		return false;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

static void date_text(avis_report *r, const json_t *v)
{
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	/* Only a real date is rewritten; anything else is escaped as text. */
	if (!iso_date_prefix(s)) {
		esc_value(r, v);
		return;
	}
	if (r->L->decimal == ',')
		avis_buf_printf(&r->b, "%.2s/%.2s/%.4s", s + 8, s + 5, s);
	else
		avis_buf_put(&r->b, s, 10);
}

static void long_date(avis_report *r, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	if (r->L->decimal == ',')
		avis_buf_printf(&r->b, "%d %s %d", tm.tm_mday, r->L->months[tm.tm_mon], tm.tm_year + 1900);
	else
		avis_buf_printf(&r->b, "%s %d, %d", r->L->months[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
}

static void section(avis_report *r, const char *id, const char *title)
{
	avis_buf_printf(&r->b, "<section id=\"%s\">\n<h2>", id);
	esc(r, title);
	raw(r, "</h2>\n");
}

static double num_at(const json_t *s, const char *path)
{
	json_t *v = avis_field(s, path);
	return json_is_number(v) ? json_number_value(v) : 0;
}

/* ---- charts (inline SVG) ---------------------------------------------------------- */

/* Horizontal bars: one per label, lengths scaled to the largest value. */
static void hbars(avis_report *r, const char *const names[], const double values[], size_t n,
		  const char *color)
{
	double max = 0;
	for (size_t i = 0; i < n; i++)
		max = values[i] > max ? values[i] : max;
	int row = 26, w = 520, label_w = 110;
	avis_buf_printf(&r->b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
			w, (int)n * row + 4);
	for (size_t i = 0; i < n; i++) {
		double len = max > 0 ? values[i] / max * (w - label_w - 60) : 0;
		avis_buf_printf(&r->b, "<text x=\"0\" y=\"%zu\">", i * (size_t)row + 17);
		esc(r, names[i]);
		avis_buf_printf(&r->b, "</text><rect x=\"%d\" y=\"%zu\" width=\"%.1f\" height=\"18\" "
				"fill=\"%s\"/><text x=\"%.1f\" y=\"%zu\">", label_w, i * (size_t)row + 4, len,
				color, label_w + len + 6, i * (size_t)row + 17);
		number(r, values[i], 0);
		raw(r, "</text>\n");
	}
	raw(r, "</svg>\n");
}

/* Monthly volume as bars, mean rating (0-5) as a line over them. */
static void month_chart(avis_report *r, const json_t *months)
{
	size_t n = json_array_size(months);
	if (!n) {
		avis_buf_printf(&r->b, "<p>%s</p>\n", r->L->none);
		return;
	}
	double max = 0;
	size_t i;
	json_t *m;
	json_array_foreach(months, i, m)
		max = fmax(max, num_at(m, "count"));
	int w = 680, h = 220, top = 10, bottom = 40, left = 30;
	double step = (double)(w - left) / (double)n, plot = h - top - bottom;
	avis_buf_printf(&r->b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\">\n", w, h);
	avis_buf line = AVIS_BUF_INIT;
	json_array_foreach(months, i, m) {
		double x = left + step * (double)i, bh = max > 0 ? num_at(m, "count") / max * plot : 0;
		avis_buf_printf(&r->b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				"fill=\"#9bb7d4\"/>\n", x + 1, top + plot - bh, step > 3 ? step - 2 : 1, bh);
		json_t *mean = json_object_get(m, "mean");
		if (json_is_number(mean))
			avis_buf_printf(&line, "%s%.1f,%.1f", line.len ? " " : "", x + step / 2,
					top + plot - json_number_value(mean) / 5 * plot);
		/* Label every month when few, else every sixth. */
		if (n <= 12 || i % 6 == 0) {
			avis_buf_printf(&r->b, "<text class=\"small\" x=\"%.1f\" y=\"%d\">", x, h - bottom + 16);
			esc_value(r, json_object_get(m, "month"));
			raw(r, "</text>\n");
		}
	}
	if (line.len)
		avis_buf_printf(&r->b, "<polyline points=\"%s\" fill=\"none\" stroke=\"#c0392b\" "
				"stroke-width=\"2\"/>\n", line.data);
	avis_buf_free(&line);
	/* The legend: a swatch of each colour before its name. */
	avis_buf_printf(&r->b, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#9bb7d4\"/>"
			"<text class=\"small\" x=\"%d\" y=\"%d\">", left, h - 15, left + 14, h - 6);
	esc(r, r->L->volume);
	avis_buf_printf(&r->b, "</text><rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"#c0392b\"/>"
			"<text class=\"small\" x=\"%d\" y=\"%d\">", left + 200, h - 15, left + 214, h - 6);
	esc(r, r->L->mean_rating);
	raw(r, " (0-5)</text>\n</svg>\n");
}

/* ---- sections ---------------------------------------------------------------------- */

static void kpi(avis_report *r, const char *label)
{
	raw(r, "<div class=\"kpi\"><span class=\"kpi-label\">");
	esc(r, label);
	raw(r, "</span><span class=\"kpi-value\">");
}

static void kpis(avis_report *r, const json_t *s)
{
	raw(r, "<div class=\"kpis\">\n");
	kpi(r, r->L->kpi_reviews);
	number(r, num_at(s, "reviews"), 0);
	raw(r, "</span></div>\n");
	kpi(r, r->L->kpi_mean);
	if (json_is_number(avis_field(s, "rating.mean"))) {
		number(r, num_at(s, "rating.mean"), 1);
		raw(r, " / 5");
	} else {
		raw(r, "-");
	}
	raw(r, "</span></div>\n");
	json_t *agg = json_array_get(json_object_get(s, "aggregates"), 0);
	if (agg && json_is_number(json_object_get(agg, "rating"))) {
		kpi(r, r->L->kpi_shown);
		number(r, num_at(agg, "rating"), 1);
		raw(r, " / 5");
		if (json_is_number(json_object_get(agg, "count"))) {
			raw(r, " <small>(");
			number(r, num_at(agg, "count"), 0);
			raw(r, ")</small>");
		}
		raw(r, "</span></div>\n");
	}
	kpi(r, r->L->kpi_negative);
	percent(r, avis_field(s, "negative.share"));
	raw(r, "</span></div>\n");
	kpi(r, r->L->kpi_replies);
	percent(r, avis_field(s, "replies.rate"));
	raw(r, "</span></div>\n");
	kpi(r, r->L->kpi_delay);
	json_t *median = avis_field(s, "replies.delay_hours.median");
	if (json_is_number(median)) {
		number(r, json_number_value(median), 0);
		raw(r, " ");
		esc(r, r->L->hours);
	} else {
		raw(r, "-");
	}
	raw(r, "</span></div>\n");
	kpi(r, r->L->kpi_findings);
	number(r, num_at(s, "findings.by_level.error"), 0);
	avis_buf_printf(&r->b, " <small class=\"error\">%s</small> ", r->L->n_errors);
	number(r, num_at(s, "findings.by_level.warning"), 0);
	avis_buf_printf(&r->b, " <small class=\"warning\">%s</small>", r->L->n_warnings);
	raw(r, "</span></div>\n</div>\n");
}

static void ratings_section(avis_report *r, const json_t *s)
{
	section(r, "notes", r->L->s_ratings);
	const char *names[5];
	double values[5];
	char bufs[5][32];
	for (int i = 0; i < 5; i++) {
		char path[40];
		snprintf(path, sizeof path, "rating.distribution.%d", 5 - i);
		snprintf(bufs[i], sizeof bufs[i], "%d %s", 5 - i, i == 4 ? r->L->star : r->L->stars);
		names[i] = bufs[i];
		values[i] = num_at(s, path);
	}
	hbars(r, names, values, 5, "#e5a50a");
	raw(r, "</section>\n");
	section(r, "mois", r->L->s_months);
	month_chart(r, json_object_get(s, "months"));
	raw(r, "</section>\n");
}

static void sentiment_section(avis_report *r, const json_t *s)
{
	section(r, "sentiment", r->L->s_sentiment);
	json_t *labels = avis_field(s, "sentiment.labels");
	if (!json_object_size(labels)) {
		avis_buf_printf(&r->b, "<p>");
		esc(r, r->L->no_sentiment);
		raw(r, "</p>\n");
	} else {
		const char *names[] = {r->L->label_pos, r->L->label_neu, r->L->label_neg};
		double values[] = {num_at(labels, "pos"), num_at(labels, "neu"), num_at(labels, "neg")};
		hbars(r, names, values, 3, "#6c8ebf");
	}
	json_t *aspects = json_object_get(s, "aspects");
	if (json_array_size(aspects)) {
		avis_buf_printf(&r->b, "<table><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
				"<th class=\"num\">%s</th></tr>\n",
				r->L->aspect, r->L->mentions, r->L->mean, r->L->weight);
		size_t i;
		json_t *a;
		json_array_foreach(aspects, i, a) {
			raw(r, "<tr><td>");
			esc_value(r, json_object_get(a, "aspect"));
			raw(r, "</td><td class=\"num\">");
			number(r, num_at(a, "mentions"), 0);
			raw(r, "</td><td class=\"num\">");
			number(r, num_at(a, "mean"), 2);
			raw(r, "</td><td class=\"num\">");
			number(r, num_at(a, "negative_weight"), 2);
			raw(r, "</td></tr>\n");
		}
		raw(r, "</table>\n");
	}
	raw(r, "</section>\n");
}

static void replies_section(avis_report *r, const json_t *s)
{
	section(r, "reponses", r->L->s_replies);
	raw(r, "<table>\n<tr><td>");
	esc(r, r->L->reply_rate);
	raw(r, "</td><td class=\"num\">");
	percent(r, avis_field(s, "replies.rate"));
	raw(r, "</td></tr>\n<tr><td>");
	esc(r, r->L->reply_rate_neg);
	raw(r, "</td><td class=\"num\">");
	percent(r, avis_field(s, "replies.negative_rate"));
	raw(r, "</td></tr>\n<tr><td>");
	esc(r, r->L->hot);
	raw(r, "</td><td class=\"num\">");
	number(r, num_at(s, "replies.delay_hours.under_24h"), 0);
	raw(r, "</td></tr>\n<tr><td>");
	esc(r, r->L->laudatory);
	raw(r, "</td><td class=\"num\">");
	number(r, num_at(s, "replies.laudatory.replied"), 0);
	raw(r, " / ");
	number(r, num_at(s, "replies.laudatory.count"), 0);
	raw(r, "</td></tr>\n</table>\n<h3>");
	esc(r, r->L->delay_hist);
	raw(r, "</h3>\n");
	const char *names[] = {r->L->b_1d, r->L->b_2d, r->L->b_7d, r->L->b_30d, r->L->b_more};
	const char *keys[] = {"under_1d", "1_to_2d", "2_to_7d", "7_to_30d", "over_30d"};
	double values[5];
	json_t *buckets = avis_field(s, "replies.delay_hours.buckets");
	for (int i = 0; i < 5; i++)
		values[i] = num_at(buckets, keys[i]);
	hbars(r, names, values, 5, "#8e6bbf");
	raw(r, "</section>\n");
}

static void passage_html(avis_report *r, const json_t *p)
{
	raw(r, "<blockquote>");
	if (json_is_true(json_object_get(p, "cut_before")))
		raw(r, "\xE2\x80\xA6");
	esc_value(r, json_object_get(p, "before"));
	json_t *mark = json_object_get(p, "passage");
	if (json_string_length(mark)) {
		raw(r, "<mark>");
		esc_value(r, mark);
		raw(r, "</mark>");
	}
	esc_value(r, json_object_get(p, "after"));
	if (json_is_true(json_object_get(p, "cut_after")))
		raw(r, "\xE2\x80\xA6");
	raw(r, "</blockquote>\n");
}

static int rule_order(const void *a, const void *b)
{
	static const char *const levels[] = {"error", "warning", "info"};
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int lx = 3, ly = 3;
	for (int i = 0; i < 3; i++) {
		if (json_is_string(json_object_get(x, "level")) &&
		    strcmp(json_string_value(json_object_get(x, "level")), levels[i]) == 0)
			lx = i;
		if (json_is_string(json_object_get(y, "level")) &&
		    strcmp(json_string_value(json_object_get(y, "level")), levels[i]) == 0)
			ly = i;
	}
	if (lx != ly)
		return lx - ly;
	return strcmp(json_string_value(json_object_get(x, "id")), json_string_value(json_object_get(y, "id")));
}

/* The rules, errors first, then by id. */
static json_t **rules_in_order(avis_report *r, size_t *n)
{
	*n = json_object_size(r->rules);
	json_t **list = avis_xmalloc((*n ? *n : 1) * sizeof *list);
	size_t i = 0;
	const char *id;
	json_t *rule;
	json_object_foreach(r->rules, id, rule) {
		json_object_set_new(rule, "id", json_string(id));
		list[i++] = rule;
	}
	qsort(list, *n, sizeof *list, rule_order);
	return list;
}

static void findings_section(avis_report *r)
{
	section(r, "constats", r->L->s_findings);
	size_t n;
	json_t **rules = rules_in_order(r, &n);
	if (!n) {
		avis_buf_printf(&r->b, "<p>%s</p>\n", r->L->no_findings);
	}
	for (size_t i = 0; i < n; i++) {
		json_t *rule = rules[i];
		json_t *level = json_object_get(rule, "level");
		raw(r, "<div class=\"rule\"><h3><code>");
		esc_value(r, json_object_get(rule, "id"));
		raw(r, "</code> <span class=\"level ");
		/* A class name from data: only known levels are used. */
		const char *lv = json_is_string(level) ? json_string_value(level) : "";
		bool is_error = strcmp(lv, "error") == 0, is_warning = strcmp(lv, "warning") == 0;
		raw(r, is_error ? "error" : is_warning ? "warning" : "info");
		raw(r, "\">");
		/* Known levels in the report's language; anything else as given. */
		if (is_error || is_warning || strcmp(lv, "info") == 0)
			esc(r, is_error ? r->L->lv_error : is_warning ? r->L->lv_warning : r->L->lv_info);
		else
			esc_value(r, level);
		raw(r, "</span> <span class=\"count\">× ");
		number(r, num_at(rule, "count"), 0);
		raw(r, "</span></h3>\n<p>");
		esc_value(r, json_object_get(rule, "message"));
		raw(r, "</p>\n<p class=\"ref\">");
		esc(r, r->L->ref);
		raw(r, " : ");
		esc_value(r, json_object_get(rule, "ref"));
		raw(r, "</p>\n");
		size_t k;
		json_t *e;
		json_array_foreach(json_object_get(rule, "examples"), k, e) {
			raw(r, "<div class=\"example\"><p class=\"meta\">");
			date_text(r, json_object_get(e, "date"));
			raw(r, " · ");
			esc_value(r, json_object_get(e, "author"));
			raw(r, " · ");
			esc_value(r, json_object_get(e, "rating"));
			raw(r, "★ · ");
			esc(r, json_is_true(json_object_get(e, "on_reply")) ? r->L->reply : r->L->review);
			raw(r, "</p>\n");
			json_t *p = json_object_get(e, "text");
			if (p)
				passage_html(r, p);
			raw(r, "</div>\n");
		}
		long more = (long)num_at(rule, "count") - (long)json_array_size(json_object_get(rule, "examples"));
		if (more > 0) {
			raw(r, "<p class=\"more\">");
			avis_buf_printf(&r->b, r->L->more_cases, more);
			raw(r, "</p>\n");
		}
		raw(r, "</div>\n");
	}
	free(rules);
	raw(r, "</section>\n");
}

static void review_row(avis_report *r, const json_t *e, const char *last_key, bool messages)
{
	raw(r, "<tr><td>");
	date_text(r, json_object_get(e, "date"));
	raw(r, "</td><td class=\"num\">");
	esc_value(r, json_object_get(e, "rating"));
	raw(r, "</td><td>");
	esc_value(r, json_object_get(e, "author"));
	raw(r, "</td><td>");
	esc_value(r, json_object_get(e, "text"));
	raw(r, "</td><td>");
	json_t *last = json_object_get(e, last_key);
	if (messages) {
		size_t i;
		json_t *m;
		json_array_foreach(last, i, m) {
			if (i)
				raw(r, "<br>");
			esc_value(r, m);
		}
	} else {
		esc_value(r, last);
	}
	raw(r, "</td></tr>\n");
}

static void reviews_table(avis_report *r, const json_t *list, const char *last_label,
			  const char *last_key, bool messages)
{
	avis_buf_printf(&r->b, "<table class=\"reviews\"><tr><th>%s</th><th>%s</th><th>%s</th>"
			"<th>%s</th><th>", r->L->date, r->L->rating, r->L->author, r->L->text);
	esc(r, last_label);
	raw(r, "</th></tr>\n");
	size_t i;
	json_t *e;
	json_array_foreach(list, i, e)
		review_row(r, e, last_key, messages);
	raw(r, "</table>\n");
}

static void reportable_section(avis_report *r)
{
	section(r, "signalables", r->L->s_reportable);
	if (!json_array_size(r->reportable))
		avis_buf_printf(&r->b, "<p>%s</p>\n", r->L->no_reportable);
	else
		reviews_table(r, r->reportable, r->L->why, "why", true);
	if (r->reportable_more) {
		raw(r, "<p class=\"more\">");
		avis_buf_printf(&r->b, r->L->more_cases, r->reportable_more);
		raw(r, "</p>\n");
	}
	raw(r, "</section>\n");
}

static int oldest_first(const void *a, const void *b)
{
	const json_t *x = json_object_get(*(json_t *const *)a, "date");
	const json_t *y = json_object_get(*(json_t *const *)b, "date");
	return strcmp(json_is_string(x) ? json_string_value(x) : "~",
		      json_is_string(y) ? json_string_value(y) : "~");
}

static void waiting_section(avis_report *r, const json_t *s)
{
	section(r, "attente", r->L->s_waiting);
	json_t *waiting = json_object_get(s, "awaiting_reply");
	size_t n = json_array_size(waiting);
	if (!n) {
		avis_buf_printf(&r->b, "<p>%s</p>\n", r->L->no_waiting);
		raw(r, "</section>\n");
		return;
	}
	json_t **items = avis_xmalloc(n * sizeof *items);
	for (size_t i = 0; i < n; i++)
		items[i] = json_array_get(waiting, i);
	qsort(items, n, sizeof *items, oldest_first);
	json_t *sorted = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append(sorted, items[i]);
	free(items);
	reviews_table(r, sorted, r->L->days, "days_waiting", false);
	json_decref(sorted);
	raw(r, "</section>\n");
}

static void method_section(avis_report *r)
{
	section(r, "methode", r->L->s_method);
	raw(r, "<p>");
	esc(r, r->L->method_text);
	raw(r, "</p>\n<h3>");
	esc(r, r->L->rules_seen);
	raw(r, "</h3>\n");
	size_t n;
	json_t **rules = rules_in_order(r, &n);
	if (!n) {
		avis_buf_printf(&r->b, "<p>%s</p>\n", r->L->no_findings);
	} else {
		avis_buf_printf(&r->b, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
				r->L->rule, r->L->level, r->L->message, r->L->ref);
		for (size_t i = 0; i < n; i++) {
			raw(r, "<tr><td><code>");
			esc_value(r, json_object_get(rules[i], "id"));
			raw(r, "</code></td><td>");
			esc_value(r, json_object_get(rules[i], "level"));
			raw(r, "</td><td>");
			esc_value(r, json_object_get(rules[i], "message"));
			raw(r, "</td><td>");
			esc_value(r, json_object_get(rules[i], "ref"));
			raw(r, "</td></tr>\n");
		}
		raw(r, "</table>\n");
	}
	free(rules);
	raw(r, "<h3>");
	esc(r, r->L->inputs);
	raw(r, "</h3>\n<ul>\n");
	size_t i;
	json_t *v;
	json_array_foreach(r->inputs, i, v) {
		raw(r, "<li>");
		esc_value(r, v);
		raw(r, "</li>\n");
	}
	raw(r, "</ul>\n<h3>");
	esc(r, r->L->pages);
	raw(r, "</h3>\n<ul>\n");
	const char *page;
	json_object_foreach(r->pages, page, v) {
		raw(r, "<li>");
		esc(r, page);
		raw(r, "</li>\n");
	}
	if (r->pages_more) {
		raw(r, "<li>");
		avis_buf_printf(&r->b, r->L->and_more, r->pages_more);
		raw(r, "</li>\n");
	}
	raw(r, "</ul>\n</section>\n");
}

static const char CSS[] =
	"body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:2em auto;max-width:60em;"
	"color:#222;line-height:1.4;padding:0 1em}\n"
	"h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #345;padding-bottom:.2em;"
	"margin-top:2em}\n"
	".meta,.ref,.more,small{color:#555}\n"
	".kpis{display:flex;flex-wrap:wrap;gap:.8em;margin:1.5em 0}\n"
	".kpi{border:1px solid #ccd;border-radius:6px;padding:.6em 1em;min-width:9em}\n"
	".kpi-label{display:block;font-size:.85em;color:#555}.kpi-value{font-size:1.4em;font-weight:bold}\n"
	"table{border-collapse:collapse;margin:1em 0;width:100%}\n"
	"th,td{border-bottom:1px solid #dde;padding:.3em .5em;text-align:left;vertical-align:top}\n"
	"td.num,th.num{text-align:right;white-space:nowrap}\n"
	"svg.chart{width:100%;max-width:680px;height:auto;font-size:12px}svg .small{font-size:10px}\n"
	"blockquote{margin:.4em 0 .8em 0;padding:.4em .8em;border-left:4px solid #ccd;background:#f7f7fa;"
	"white-space:pre-wrap}\n"
	"mark{background:#ffe08a;padding:0 .1em}\n"
	".level{font-size:.8em;padding:.1em .5em;border-radius:4px;color:#fff}\n"
	".level.error,.error{background:#c0392b;color:#fff}.level.warning,.warning{background:#d68910;"
	"color:#fff}.level.info{background:#5d6d7e}\n"
	".rule{margin-bottom:1.5em}.example{margin-left:1em}\n"
	"footer{margin-top:3em;font-size:.8em;color:#777}\n"
	"@page{size:A4;margin:15mm}\n"
	"@media print{body{margin:0;max-width:none;font-size:10pt}section{break-before:page}"
	"section:first-of-type{break-before:auto}.rule,.example,tr,svg{break-inside:avoid}}\n";

void avis_report_write(avis_report *r, FILE *out)
{
	json_t *s = avis_stats_summary(r->stats);
	avis_buf_clear(&r->b);
	avis_buf_printf(&r->b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			"style-src 'unsafe-inline'; img-src data:\">\n<title>", r->L->html_lang);
	esc(r, r->L->title);
	raw(r, "</title>\n<style>\n");
	raw(r, CSS);
	raw(r, "</style>\n</head>\n<body>\n<header>\n<h1>");
	esc(r, r->L->title);
	raw(r, "</h1>\n<p class=\"meta\" id=\"subject\">");
	const char *subject;
	json_t *v;
	size_t k = 0;
	json_object_foreach(r->subjects, subject, v) {
		if (k++)
			raw(r, " · ");
		esc(r, subject);
	}
	raw(r, "</p>\n<p class=\"meta\">");
	esc(r, r->L->made_on);
	raw(r, " ");
	long_date(r, r->now);
	raw(r, "</p>\n</header>\n");
	kpis(r, s);
	ratings_section(r, s);
	sentiment_section(r, s);
	replies_section(r, s);
	findings_section(r);
	reportable_section(r);
	waiting_section(r, s);
	method_section(r);
	raw(r, "<footer>");
	esc(r, r->L->generated);
	raw(r, " " AVIS_VERSION ".</footer>\n</body>\n</html>\n");
	fwrite(r->b.data, 1, r->b.len, out);
	json_decref(s);
}
