/* avis-check — apply deontology rules to review records (see avis-check(1)). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "cli.h"
#include "jsonl.h"
#include "rules.h"

static const char usage[] =
	"Usage: avis-check [OPTION]... [FILE]...\n"
	"Apply deontology rules to review records (JSON Lines) from FILEs or stdin;\n"
	"add `findings` to each record.\n"
	"\n"
	"      --rules=DIR|FILE  rule files to load (several allowed; a pack name such\n"
	"                        as fr or us-hipaa is looked up in the rules data\n"
	"                        directory); default: the fr pack\n"
	"      --profile=NAME    cnom-2018 (default) or strict-2025 (fr pack)\n"
	"      --only=GLOB       apply only rules whose id matches (several allowed)\n"
	"      --skip=GLOB       do not apply rules whose id matches (several allowed)\n"
	"      --level=L         report findings of level L and above (info, warning,\n"
	"                        error; default info)\n"
	"      --fail-on=L       exit 1 when a finding of level L or above is reported\n"
	"                        (default warning; never: always exit 0)\n"
	"      --now=DATE        the date age_days is computed against (ISO 8601)\n"
	"      --list            list the active rules: id, level, target, message\n"
	"      --explain=ID      show a rule, its reference and its examples\n"
	"      --self-test       run every rule's examples, report each failure\n"
	"      --lint            check the rule files\n"
	"      --strict          stop at the first bad rule or invalid record\n"
	"      --models          also apply the rules' word models (experimental)\n"
	"      --no-prefilter    run every pattern on every text (slower, same output;\n"
	"                        for testing)\n"
	"  -o, --output=FILE     write to FILE instead of stdout\n"
	"  -q, --quiet           no warnings on stderr\n"
	"  -h, --help            show this help and exit\n"
	"      --version         show the version and exit\n"
	"\n"
	"Exit status: 0 no finding at the --fail-on level, 1 such findings (or\n"
	"failed examples, lint problems), 2 errors.  See avis-check(1), avis-rules(5).\n";

enum {
	OPT_PROFILE = AVIS_OPT_FIRST_FREE, OPT_ONLY, OPT_SKIP, OPT_LEVEL, OPT_FAIL_ON, OPT_NOW,
	OPT_LIST, OPT_EXPLAIN, OPT_SELF_TEST, OPT_LINT, OPT_STRICT, OPT_NO_PREFILTER, OPT_MODELS,
};

typedef struct {
	avis_check_opts check;
	char **rules;
	size_t nrules;
	int fail_on;          /* an avis_level, or -1 for never */
	const char *explain;
	bool list, self_test, lint, strict;
} options;

static void push(char ***list, size_t *n, char *s)
{
	*list = avis_xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = s;
}

static avis_level level_arg(avis_cli *cli, const char *opt, const char *s)
{
	avis_level l;
	if (!avis_level_parse(s, &l))
		avis_fatal(cli, "%s: '%s' is not info, warning or error", opt, s);
	return l;
}

static void parse_options(avis_cli *cli, int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		AVIS_COMMON_LONGOPTS,
		{"profile", required_argument, NULL, OPT_PROFILE},
		{"only", required_argument, NULL, OPT_ONLY},
		{"skip", required_argument, NULL, OPT_SKIP},
		{"level", required_argument, NULL, OPT_LEVEL},
		{"fail-on", required_argument, NULL, OPT_FAIL_ON},
		{"now", required_argument, NULL, OPT_NOW},
		{"list", no_argument, NULL, OPT_LIST},
		{"explain", required_argument, NULL, OPT_EXPLAIN},
		{"self-test", no_argument, NULL, OPT_SELF_TEST},
		{"lint", no_argument, NULL, OPT_LINT},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"no-prefilter", no_argument, NULL, OPT_NO_PREFILTER},
		{"models", no_argument, NULL, OPT_MODELS},
		{NULL, 0, NULL, 0},
	};
	o->check.now = (double)time(NULL);
	o->fail_on = AVIS_WARNING;
	int c;
	while ((c = getopt_long(argc, argv, AVIS_COMMON_SHORT, longopts, NULL)) != -1) {
		if (c == AVIS_OPT_RULES) {   /* several, unlike the other filters */
			push(&o->rules, &o->nrules, optarg);
			continue;
		}
		if (avis_cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case OPT_PROFILE: o->check.profile = optarg; break;
		case OPT_ONLY: push(&o->check.only, &o->check.nonly, optarg); break;
		case OPT_SKIP: push(&o->check.skip, &o->check.nskip, optarg); break;
		case OPT_LEVEL: o->check.min_level = level_arg(cli, "--level", optarg); break;
		case OPT_FAIL_ON:
			o->fail_on = strcmp(optarg, "never") == 0 ? -1 : (int)level_arg(cli, "--fail-on", optarg);
			break;
		case OPT_NOW:
			if (!avis_parse_time(optarg, strlen(optarg), &o->check.now))
				avis_fatal(cli, "--now: '%s' is not an ISO 8601 date (YYYY-MM-DD)", optarg);
			break;
		case OPT_LIST: o->list = true; break;
		case OPT_EXPLAIN: o->explain = optarg; break;
		case OPT_SELF_TEST: o->self_test = true; break;
		case OPT_LINT: o->lint = true; break;
		case OPT_STRICT: o->strict = true; break;
		case OPT_NO_PREFILTER: o->check.no_prefilter = true; break;
		case OPT_MODELS: o->check.models = true; break;
		}
	}
}

static void rules_diag(void *ctx, const char *file, unsigned long line, const char *msg)
{
	avis_error(ctx, file, line, "%s", msg);
}

static void check_diag(void *ctx, bool error, const char *file, unsigned long line, const char *msg)
{
	if (error)
		avis_error(ctx, file, line, "%s", msg);
	else
		avis_warn(ctx, file, line, "%s", msg);
}

/* --list, --explain, --self-test, --lint: everything but the stream. */
static int run_mode(avis_cli *cli, const options *o, const avis_ruleset *rs, avis_checker *chk)
{
	if (o->lint) {
		if (!cli->quiet)
			fprintf(stderr, "avis-check: lint: %zu rules in %zu files, %lu problems\n", rs->n,
				rs->nfiles, rs->errors + rs->lint_findings);
		return rs->errors + rs->lint_findings ? AVIS_EXIT_FINDINGS : AVIS_EXIT_OK;
	}
	if (o->self_test) {
		size_t total;
		size_t failed = avis_check_self_test(chk, &total);
		if (!cli->quiet)
			fprintf(stderr, "avis-check: self-test: %zu rules, %zu examples, %zu failed\n", rs->n,
				total, failed);
		return cli->errors && !failed ? AVIS_EXIT_ERROR : failed ? AVIS_EXIT_FINDINGS : AVIS_EXIT_OK;
	}
	avis_cli_open_output(cli);
	if (o->explain) {
		const avis_rule *r = avis_ruleset_find(rs, o->explain);
		if (!r)
			avis_fatal(cli, "--explain: no rule '%s' is loaded", o->explain);
		avis_rule_explain(cli->out, rs, r);
	} else {
		for (size_t i = 0; i < rs->n; i++)
			if (avis_check_active(chk, &rs->rules[i]))
				avis_rule_list_line(cli->out, &rs->rules[i]);
	}
	avis_cli_close_output(cli);
	return avis_cli_exit_status(cli);
}

static int run_stream(avis_cli *cli, const options *o, avis_checker *chk, int nfiles, char **files)
{
	avis_cli_open_output(cli);
	avis_reader_opts ro = {.strict = o->strict, .repair = NULL, .keep_raw = true};
	avis_reader *r = avis_reader_new(cli, nfiles, files, &ro);
	bool failing = false;
	json_t *rec;
	avis_line_info info;
	avis_buf found = AVIS_BUF_INIT;
	while (avis_reader_next(r, &rec, &info) == 1) {
		avis_level worst;
		avis_buf_clear(&found);
		if (avis_check_record_text(chk, rec, avis_reader_file(r), avis_reader_line(r), &worst, &found) &&
		    o->fail_on >= 0 && (int)worst >= o->fail_on)
			failing = true;
		/* rec is as read when its findings come back as text (it held
		 * none): its line, when kept, is written again as it was,
		 * findings added */
		size_t line_len;
		const char *line = avis_reader_raw(r, &line_len);
		avis_write_record_with(cli, rec, line, line_len, "findings", found.data, found.len);
		json_decref(rec);
	}
	avis_buf_free(&found);
	avis_reader_free(r);
	avis_cli_close_output(cli);
	if (cli->errors)
		return AVIS_EXIT_ERROR;
	return failing ? AVIS_EXIT_FINDINGS : AVIS_EXIT_OK;
}

int main(int argc, char **argv)
{
	avis_keep_heap();
	avis_cli cli;
	avis_cli_init(&cli, "avis-check", usage, argv);
	options o = {0};
	parse_options(&cli, argc, argv, &o);

	avis_ruleset rs;
	avis_ruleset_init(&rs, rules_diag, &cli);
	rs.lint = o.lint;
	if (o.nrules == 0)
		avis_ruleset_load_pack(&rs, avis_rules_dir(&cli), "fr");
	for (size_t i = 0; i < o.nrules; i++)
		avis_ruleset_load_pack(&rs, avis_rules_dir(&cli), o.rules[i]);
	if (rs.errors && o.strict)
		avis_fatal(&cli, "%lu problem%s in the rule files (--strict)", rs.errors, rs.errors == 1 ? "" : "s");
	if (rs.n == 0 && !o.lint)
		avis_fatal(&cli, "no rule loaded");
	if (o.check.profile && strcmp(o.check.profile, AVIS_DEFAULT_PROFILE) != 0 &&
	    !avis_ruleset_has_profile(&rs, o.check.profile))
		avis_fatal(&cli, "--profile: no loaded rule knows the profile '%s'", o.check.profile);

	avis_checker *chk = avis_checker_new(&rs, &o.check, check_diag, &cli);
	int status = (o.list || o.explain || o.self_test || o.lint)
		? run_mode(&cli, &o, &rs, chk)
		: run_stream(&cli, &o, chk, argc - optind, argv + optind);
	avis_checker_free(chk);
	avis_ruleset_free(&rs);
	free(o.rules);
	free(o.check.only);
	free(o.check.skip);
	return status;
}
