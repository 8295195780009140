/* audit — the one-command audit; see audit.h. */
#include "audit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "buf.h"
#include "calendar.h"
#include "jsonl.h"
#include "pipeline.h"
#include "record.h"
#include "stats.h"

enum { MAX_ARGS = 16 };

typedef struct {
	char *v[MAX_ARGS + 1];
	int n;
} args;

static void arg(args *a, const char *s)
{
	if (a->n < MAX_ARGS)
		a->v[a->n++] = avis_xstrndup(s, strlen(s));
	a->v[a->n] = NULL;
}

static void free_args(args *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->v[i]);
	a->n = 0;
}

/* A program of the toolkit: beside the running binary. */
static void program(const avis_cli *cli, args *a, const char *name)
{
	avis_buf path = AVIS_BUF_INIT;
	avis_buf_printf(&path, "%s/%s", cli->exe_dir[0] ? cli->exe_dir : ".", name);
	arg(a, path.data);
	avis_buf_free(&path);
}

static void with_now(const avis_audit_opts *o, args *a)
{
	if (o->now) {
		arg(a, "--now");
		arg(a, o->now);
	}
}

static const char *const STAGES[] = {"avis-parse", "avis-norm", "avis-score", "avis-check"};

/* The records: parse | norm | score | check > records. */
static bool make_records(avis_cli *cli, const avis_audit_opts *o, const char *records)
{
	args a[4] = {0};
	for (int i = 0; i < 4; i++)
		program(cli, &a[i], STAGES[i]);
	arg(&a[0], "-r");
	with_now(o, &a[0]);
	arg(&a[0], o->dir);
	with_now(o, &a[3]);
	avis_pipeline p = {.n = 4, .in = NULL, .out = records};
	for (int i = 0; i < 4; i++)
		p.argv[i] = a[i].v;
	bool ok = true;
	if (avis_pipeline_run(&p) != 0) {
		avis_error(cli, records, 0, "%s", strerror(errno));
		ok = false;
	}
	/* When a stage fails, the ones before it die of a closed pipe: blame
	 * the last stage that failed.  avis-check says 1 when it found
	 * something, which is the point of an audit. */
	int failed = -1;
	for (int i = 0; ok && i < 4; i++)
		if (!(p.status[i] == 0 || (i == 3 && p.status[i] == 1)))
			failed = i;
	if (!ok || failed < 0) {
		/* nothing more to say */
	} else if (p.status[failed] == 127) {
		avis_error(cli, NULL, 0, "cannot run %s (is it installed beside avis?)", STAGES[failed]);
		ok = false;
	} else if (failed == 0 && p.status[0] == 1) {
		avis_error(cli, o->dir, 0, "no reviews found in the saved pages");
		ok = false;
	} else if (failed == 0 && p.status[0] == 2) {
		/* Some pages could not be read (avis-parse said which): the
		 * report covers the others, and the exit status says 2. */
		avis_error(cli, o->dir, 0, "some pages could not be read; the report covers the others");
	} else {
		avis_error(cli, NULL, 0, "%s failed (exit status %d)", STAGES[failed], p.status[failed]);
		ok = false;
	}
	for (int i = 0; i < 4; i++)
		free_args(&a[i]);
	return ok;
}

/* One program reading records from a file, writing to out_path. */
static int run_one(avis_cli *cli, args *a, const char *in, const char *out_path)
{
	avis_pipeline p = {.n = 1, .in = in, .out = out_path};
	p.argv[0] = a->v;
	if (avis_pipeline_run(&p) != 0) {
		avis_error(cli, out_path, 0, "%s", strerror(errno));
		return -1;
	}
	return p.status[0];
}

static bool make_report(avis_cli *cli, const avis_audit_opts *o, const char *records)
{
	args a = {0};
	program(cli, &a, "avis-fmt");
	arg(&a, "-f");
	arg(&a, "html");
	arg(&a, "--lang");
	arg(&a, o->lang ? o->lang : "fr");
	if (o->now) {
		arg(&a, "--now");
		arg(&a, o->now);
	}
	if (o->pseudonymize) {
		avis_buf p = AVIS_BUF_INIT;
		avis_buf_printf(&p, "--pseudonymize=%s", o->salt ? o->salt : "");
		arg(&a, p.data);
		avis_buf_free(&p);
	}
	arg(&a, records);
	int st = run_one(cli, &a, NULL, o->report);
	free_args(&a);
	if (st != 0)
		avis_error(cli, NULL, 0, "avis-fmt failed (exit status %d)", st);
	return st == 0;
}

/* The numbers come from the same library avis-stats uses, on the records
 * just written: no process or temporary file for them. */
static json_t *audit_numbers(avis_cli *cli, const avis_audit_opts *o, char *records)
{
	time_t now = time(NULL);
	if (o->now)
		avis_parse_iso(o->now, &now);   /* the stages already refused a bad one */
	avis_reader *r = avis_reader_new(cli, 1, &records, NULL);
	avis_stats *st = avis_stats_new(now);
	json_t *rec;
	while (avis_reader_next(r, &rec, NULL) == 1) {
		avis_stats_add(st, rec);
		json_decref(rec);
	}
	json_t *s = avis_stats_summary(st);
	avis_stats_free(st);
	avis_reader_free(r);
	return s;
}

static void summary(avis_cli *cli, const avis_audit_opts *o, char *records, FILE *out)
{
	json_t *s = audit_numbers(cli, o, records);
	json_t *mean = avis_field(s, "rating.mean");
	fprintf(out, "reviews:   %lld\n", (long long)json_integer_value(json_object_get(s, "reviews")));
	if (json_is_number(mean))
		fprintf(out, "average:   %.2f / 5\n", json_number_value(mean));
	fputs("findings: ", out);
	const char *levels[] = {"error", "warning", "info"};
	for (int i = 0; i < 3; i++) {
		char path[40];
		snprintf(path, sizeof path, "findings.by_level.%s", levels[i]);
		json_t *n = avis_field(s, path);
		fprintf(out, " %lld %s%s", (long long)(n ? json_integer_value(n) : 0), levels[i],
			i < 2 ? "," : "\n");
	}
	fprintf(out, "awaiting a reply: %zu negative review(s)\n",
		json_array_size(json_object_get(s, "awaiting_reply")));
	fprintf(out, "records:   %s\nreport:    %s\n", records, o->report);
	json_decref(s);
}

int avis_audit_run(avis_cli *cli, const avis_audit_opts *o, FILE *out)
{
	/* Every stage finds the rules data the way it always does; --rules
	 * reaches them through the environment they inherit. */
	if (cli->rules_opt && setenv("AVIS_RULES", cli->rules_opt, 1) != 0) {
		avis_error(cli, cli->rules_opt, 0, "%s", strerror(errno));
		return AVIS_EXIT_ERROR;
	}
	struct stat st;
	if (stat(o->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		avis_error(cli, o->dir, 0, "%s", stat(o->dir, &st) != 0 ? strerror(errno) : "not a directory");
		return AVIS_EXIT_ERROR;
	}
	/* REPORT.html beside REPORT.jsonl. */
	avis_buf records = AVIS_BUF_INIT;
	size_t len = strlen(o->report);
	size_t stem = len > 5 && strcmp(o->report + len - 5, ".html") == 0 ? len - 5 : len;
	avis_buf_put(&records, o->report, stem);
	avis_buf_puts(&records, ".jsonl");
	bool ok = make_records(cli, o, records.data) && make_report(cli, o, records.data);
	if (ok)
		summary(cli, o, records.data, out);
	avis_buf_free(&records);
	return ok && !cli->errors ? AVIS_EXIT_OK : AVIS_EXIT_ERROR;
}
