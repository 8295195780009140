/* avis-parse — saved review pages and exports to records (see avis-parse(1)). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar.h"
#include "cli.h"
#include "datafile.h"
#include "input.h"
#include "parse.h"

static const char usage[] =
	"Usage: avis-parse [OPTION]... [FILE|DIR]...\n"
	"Turn saved review pages (HTML, MHTML) and Google Business Profile Takeout\n"
	"exports into review records (JSON Lines), one per review, plus one\n"
	"\"aggregate\" record per global rating shown.  Reads stdin when no FILE.\n"
	"\n"
	"  -r, --recursive          read the saved pages inside directories\n"
	"  -v, --verbose            per file: site, reviews and replies found\n"
	"      --now=DATE           resolve relative dates (\"il y a 2 mois\") against\n"
	"                           DATE (YYYY-MM-DD[THH:MM:SS], UTC) instead of the\n"
	"                           page's save date or the file's modification time\n"
	"  -o, --output=FILE        write to FILE instead of stdout\n"
	"      --rules=DIR          rules data directory, site profiles in DIR/sites\n"
	"                           (also $AVIS_RULES)\n"
	"  -q, --quiet              no warnings or summaries on stderr\n"
	"  -h, --help               show this help and exit\n"
	"      --version            show the version and exit\n"
	"\n"
	"Exit status: 0 if a review was found, 1 if none was, 2 on errors.\n"
	"See avis-parse(1) and avis-sites(5).\n";

enum { OPT_NOW = AVIS_OPT_FIRST_FREE };

typedef struct {
	bool recursive, verbose, has_now;
	time_t now;
} options;

static void parse_options(avis_cli *cli, int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		AVIS_COMMON_LONGOPTS,
		{"recursive", no_argument, NULL, 'r'},
		{"verbose", no_argument, NULL, 'v'},
		{"now", required_argument, NULL, OPT_NOW},
		{NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, AVIS_COMMON_SHORT "rv", longopts, NULL)) != -1) {
		if (avis_cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'r': o->recursive = true; break;
		case 'v': o->verbose = true; break;
		case OPT_NOW:
			if (!avis_parse_iso(optarg, &o->now))
				avis_fatal(cli, "--now: not a date: %s (use YYYY-MM-DD)", optarg);
			o->has_now = true;
			break;
		}
	}
}

typedef struct {
	avis_cli *cli;
	avis_parser *parser;
	const options *o;
	avis_buf bytes;
	unsigned long files_with_reviews;
	size_t done, total;
	bool progress;
} run;

static void parse_one(run *R, const char *path)
{
	time_t mtime;
	if (!avis_read_input(path, &R->bytes, &mtime)) {
		avis_error(R->cli, path, 0, "%s%s", strerror(errno), errno == EISDIR ? " (use -r)" : "");
		return;
	}
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	avis_parse_stats st;
	bool ok = avis_parse_input(R->parser, name, R->bytes.data ? R->bytes.data : "", R->bytes.len, mtime, &st);
	if (st.reviews)
		R->files_with_reviews++;
	if (R->cli->quiet || !ok)
		return;   /* an error was reported: nothing more to say */
	if (R->progress)
		fprintf(stderr, "\r\033[K");
	if (st.repaired)
		avis_warn(R->cli, name, 0, "not valid UTF-8 as declared: invalid bytes read as Windows-1252");
	if (!st.site)
		fprintf(stderr, "%s: %s: no reviews found (site not recognised — see avis-sites(5))\n",
			R->cli->prog, name);
	else if (R->o->verbose)
		fprintf(stderr, "%s: %s: site %s, %zu review%s, %zu repl%s, %zu aggregate%s%s\n",
			R->cli->prog, name, st.site, st.reviews, st.reviews == 1 ? "" : "s", st.replies,
			st.replies == 1 ? "y" : "ies", st.aggregates, st.aggregates == 1 ? "" : "s",
			st.duplicates ? " (duplicates dropped)" : "");
	if (R->progress)
		fprintf(stderr, "%s: %zu/%zu files", R->cli->prog, R->done, R->total);
}

static void parse_arg(run *R, const char *arg)
{
	if (!avis_is_dir(arg)) {
		R->done++;
		parse_one(R, arg);
		return;
	}
	if (!R->o->recursive) {
		avis_error(R->cli, arg, 0, "is a directory (use -r)");
		return;
	}
	size_t n;
	char **pages = avis_list_pages(arg, &n);
	if (!pages) {
		avis_error(R->cli, arg, 0, "%s", strerror(errno));
		return;
	}
	R->total += n ? n - 1 : 0;
	for (size_t i = 0; i < n && !avis_cli_output_failed(R->cli); i++) {
		R->done++;
		parse_one(R, pages[i]);
	}
	avis_free_list(pages, n);
}

int main(int argc, char **argv)
{
	avis_cli cli;
	avis_cli_init(&cli, "avis-parse", usage, argv);
	options o = {0};
	parse_options(&cli, argc, argv, &o);

	char err[1024];
	avis_buf dir = AVIS_BUF_INIT;
	avis_buf_printf(&dir, "%s/sites", avis_rules_dir(&cli));
	avis_sites *sites = avis_sites_load(dir.data, err, sizeof err);
	avis_buf_free(&dir);
	if (!sites)
		avis_fatal(&cli, "%s", err);
	avis_charset *cs = avis_charset_new();
	if (!cs)
		avis_fatal(&cli, "iconv cannot convert WINDOWS-1252 on this system");

	avis_cli_open_output(&cli);
	run R = {&cli, avis_parser_new(&cli, sites, cs, o.has_now ? &o.now : NULL), &o, AVIS_BUF_INIT,
		 0, 0, (size_t)(argc - optind), false};
	R.progress = !cli.quiet && isatty(STDERR_FILENO) && R.total > 5;
	if (optind == argc)
		parse_arg(&R, "-");
	for (int i = optind; i < argc && !avis_cli_output_failed(&cli); i++)
		parse_arg(&R, argv[i]);
	if (R.progress)
		fprintf(stderr, "\r\033[K");
	avis_buf_free(&R.bytes);
	avis_parser_free(R.parser);
	avis_charset_free(cs);
	avis_sites_free(sites);
	bool written = avis_cli_close_output(&cli);
	int status = avis_cli_exit_status(&cli);
	if (status == AVIS_EXIT_OK && written && R.files_with_reviews == 0)
		status = AVIS_EXIT_FINDINGS;
	return status;
}
