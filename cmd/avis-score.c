/* avis-score — add sentiment, aspects and a rating mismatch flag to
 * review records (see avis-score(1)). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonl.h"
#include "score.h"

static const char usage[] =
	"Usage: avis-score [OPTION]... [FILE]...\n"
	"Score the sentiment of review records (JSON Lines) from FILEs or stdin.\n"
	"\n"
	"Adds `sentiment`: score (-1..1), label (pos/neu/neg), pos/neg/neu shares,\n"
	"aspects (care aspects named in the text, with their score), mismatch (the\n"
	"rating and the text disagree) and reply (the same for the practitioner's\n"
	"reply).  French lexicon, or English when `lang` is \"en\".\n"
	"\n"
	"  -e, --explain            on stderr, the contribution of every token and\n"
	"                           rule, for each record\n"
	"      --strict             stop at the first invalid record\n"
	"  -o, --output=FILE        write to FILE instead of stdout\n"
	"      --rules=DIR          rules data directory (also $AVIS_RULES)\n"
	"  -q, --quiet              no warnings on stderr\n"
	"  -h, --help               show this help and exit\n"
	"      --version            show the version and exit\n"
	"\n"
	"Exit status: 0 on success, 2 if any input, record or lexicon could not be read.\n"
	"See avis-score(1).\n";

enum { OPT_STRICT = AVIS_OPT_FIRST_FREE };

typedef struct {
	bool explain;
	bool strict;
} options;

static void parse_options(avis_cli *cli, int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		AVIS_COMMON_LONGOPTS,
		{"explain", no_argument, NULL, 'e'},
		{"strict", no_argument, NULL, OPT_STRICT},
		{NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, AVIS_COMMON_SHORT "e", longopts, NULL)) != -1) {
		if (avis_cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'e': o->explain = true; break;
		case OPT_STRICT: o->strict = true; break;
		}
	}
}

static void print_explanation(avis_reader *r, const json_t *rec, const avis_buf *ex)
{
	const json_t *id = json_object_get(rec, "id");
	fprintf(stderr, "avis-score: %s:%lu: explain%s%s\n%s", avis_reader_file(r), avis_reader_line(r),
		json_is_string(id) ? " " : "", json_is_string(id) ? json_string_value(id) : "", ex->data ? ex->data : "");
}

int main(int argc, char **argv)
{
	avis_cli cli;
	avis_cli_init(&cli, "avis-score", usage, argv);
	options o = {0};
	parse_options(&cli, argc, argv, &o);

	avis_charset *cs = avis_charset_new();
	if (!cs)
		avis_fatal(&cli, "iconv cannot convert WINDOWS-1252 on this system");
	char err[1024];
	avis_score_ctx *sc = avis_score_ctx_new(avis_rules_dir(&cli), cs, err, sizeof err);
	if (!sc)
		avis_fatal(&cli, "%s", err);

	avis_cli_open_output(&cli);
	avis_reader_opts ro = {.strict = o.strict};
	avis_reader *r = avis_reader_new(&cli, argc - optind, argv + optind, &ro);
	avis_buf ex = AVIS_BUF_INIT;
	json_t *rec;
	while (avis_reader_next(r, &rec, NULL) == 1) {
		avis_buf_clear(&ex);
		avis_score_record(sc, rec, o.explain ? &ex : NULL);
		if (o.explain)
			print_explanation(r, rec, &ex);
		avis_write_record(&cli, rec);
		json_decref(rec);
	}
	avis_buf_free(&ex);
	avis_reader_free(r);
	avis_score_ctx_free(sc);
	avis_charset_free(cs);
	avis_cli_close_output(&cli);
	return avis_cli_exit_status(&cli);
}
