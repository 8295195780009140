/* avis-stats — the numbers of an audit: ratings, months, replies,
 * findings, aspects, reviews awaiting a reply (see avis-stats(1)). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "cli.h"
#include "jsonl.h"
#include "stats.h"
#include "statsfmt.h"

static const char usage[] =
	"Usage: avis-stats [OPTION]... [FILE]...\n"
	"Summarise review records (JSON Lines) from FILEs or stdin.\n"
	"\n"
	"  -f, --format=FMT     table (default), md, json\n"
	"      --now=DATE       the audit's date, YYYY-MM-DD (default: today, UTC)\n"
	"      --strict         stop at the first invalid record\n"
	"  -o, --output=FILE    write to FILE instead of stdout\n"
	"  -q, --quiet          no warnings on stderr\n"
	"  -h, --help           show this help and exit\n"
	"      --version        show the version and exit\n"
	"\n"
	"Exit status: 0 on success, 2 if any input or record could not be read.\n"
	"See avis-stats(1).\n";

enum { OPT_NOW = AVIS_OPT_FIRST_FREE, OPT_STRICT };
enum format { F_TABLE, F_MD, F_JSON };

typedef struct {
	enum format format;
	time_t now;
	bool strict;
} options;

static void parse_options(avis_cli *cli, int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		AVIS_COMMON_LONGOPTS,
		{"format", required_argument, NULL, 'f'},
		{"now", required_argument, NULL, OPT_NOW},
		{"strict", no_argument, NULL, OPT_STRICT},
		{NULL, 0, NULL, 0},
	};
	o->now = time(NULL);
	int c;
	while ((c = getopt_long(argc, argv, AVIS_COMMON_SHORT "f:", longopts, NULL)) != -1) {
		if (avis_cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'f':
			if (strcmp(optarg, "table") == 0) o->format = F_TABLE;
			else if (strcmp(optarg, "md") == 0) o->format = F_MD;
			else if (strcmp(optarg, "json") == 0) o->format = F_JSON;
			else avis_fatal(cli, "--format: unknown format '%s' (table, md, json)", optarg);
			break;
		case OPT_NOW:
			if (!avis_parse_iso(optarg, &o->now))
				avis_fatal(cli, "--now: '%s' is not a date (YYYY-MM-DD)", optarg);
			break;
		case OPT_STRICT: o->strict = true; break;
		}
	}
}

int main(int argc, char **argv)
{
	avis_cli cli;
	avis_cli_init(&cli, "avis-stats", usage, argv);
	options o = {0};
	parse_options(&cli, argc, argv, &o);
	avis_cli_open_output(&cli);
	avis_reader_opts ro = {.strict = o.strict};
	avis_reader *r = avis_reader_new(&cli, argc - optind, argv + optind, &ro);
	avis_stats *st = avis_stats_new(o.now);
	json_t *rec;
	while (avis_reader_next(r, &rec, NULL) == 1) {
		avis_stats_add(st, rec);
		json_decref(rec);
	}
	json_t *summary = avis_stats_summary(st);
	if (o.format == F_JSON) {
		json_dumpf(summary, cli.out, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
		fputc('\n', cli.out);
	} else {
		avis_stats_write(cli.out, summary, o.format == F_MD);
	}
	json_decref(summary);
	avis_stats_free(st);
	avis_reader_free(r);
	avis_cli_close_output(&cli);
	return avis_cli_exit_status(&cli);
}
