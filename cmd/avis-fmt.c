/* avis-fmt — render review records as a table, CSV, TSV, JSON or lint
 * lines (see avis-fmt(1)). */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "cli.h"
#include "fmt.h"
#include "hash.h"
#include "jsonl.h"
#include "norm.h"
#include "report.h"

static const char usage[] =
	"Usage: avis-fmt [OPTION]... [FILE]...\n"
	"Render review records (JSON Lines) from FILEs or stdin.\n"
	"\n"
	"  -f, --format=FMT     table (default), csv, tsv, json, lint, html (the\n"
	"                       audit report)\n"
	"      --fields=LIST    comma-separated fields, dotted paths (reply.text)\n"
	"      --excel          csv for spreadsheets: BOM, ';', CRLF, decimal comma\n"
	"  -w, --width=N        table width (default: the terminal's, else $COLUMNS,\n"
	"                       else unlimited)\n"
	"      --color=WHEN     auto (default), always, never; NO_COLOR disables\n"
	"      --lang=LANG      html: fr (default) or en\n"
	"      --now=DATE       html: the audit's date, YYYY-MM-DD (default: today)\n"
	"  -p, --pseudonymize[=SALT]  replace authors by keyed pseudonyms, as\n"
	"                       avis-norm does (SALT, else $AVIS_SALT, else random)\n"
	"      --strict         stop at the first invalid record\n"
	"  -o, --output=FILE    write to FILE instead of stdout\n"
	"  -q, --quiet          no warnings on stderr\n"
	"  -h, --help           show this help and exit\n"
	"      --version        show the version and exit\n"
	"\n"
	"Exit status: 0 on success, 2 if any input or record could not be read.\n"
	"See avis-fmt(1).\n";

enum { OPT_FIELDS = AVIS_OPT_FIRST_FREE, OPT_EXCEL, OPT_COLOR, OPT_STRICT, OPT_LANG, OPT_NOW };

typedef struct {
	avis_fmt_opts fmt;
	const char *color;
	bool strict;
	bool pseudonymize;
	const char *salt;
	size_t salt_len;
	char random_salt[32];
} options;

static int parse_width(avis_cli *cli, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end || v < 0 || v > 100000)
		avis_fatal(cli, "--width: '%s' is not a width (0 to 100000)", s);
	return (int)v;
}

static void parse_options(avis_cli *cli, int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		AVIS_COMMON_LONGOPTS,
		{"format", required_argument, NULL, 'f'},
		{"fields", required_argument, NULL, OPT_FIELDS},
		{"excel", no_argument, NULL, OPT_EXCEL},
		{"width", required_argument, NULL, 'w'},
		{"color", required_argument, NULL, OPT_COLOR},
		{"colour", required_argument, NULL, OPT_COLOR},
		{"strict", no_argument, NULL, OPT_STRICT},
		{"lang", required_argument, NULL, OPT_LANG},
		{"now", required_argument, NULL, OPT_NOW},
		{"pseudonymize", optional_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	o->fmt.format = AVIS_FMT_TABLE;
	o->fmt.now = time(NULL);
	o->fmt.width = -1;
	o->color = "auto";
	int c;
	while ((c = getopt_long(argc, argv, AVIS_COMMON_SHORT "f:w:p::", longopts, NULL)) != -1) {
		if (avis_cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'f': {
			int f = avis_format_from_name(optarg);
			if (f < 0)
				avis_fatal(cli, "--format: unknown format '%s' "
					   "(table, csv, tsv, json, lint)", optarg);
			o->fmt.format = (avis_format)f;
			break;
		}
		case OPT_FIELDS: o->fmt.fields = optarg; break;
		case OPT_EXCEL: o->fmt.excel = true; break;
		case 'w': o->fmt.width = parse_width(cli, optarg); break;
		case OPT_COLOR: o->color = optarg; break;
		case OPT_STRICT: o->strict = true; break;
		case OPT_LANG:
			if (strcmp(optarg, "fr") == 0) o->fmt.report_lang = AVIS_LANG_FR;
			else if (strcmp(optarg, "en") == 0) o->fmt.report_lang = AVIS_LANG_EN;
			else avis_fatal(cli, "--lang: '%s' is not fr or en", optarg);
			break;
		case OPT_NOW:
			if (!avis_parse_iso(optarg, &o->fmt.now))
				avis_fatal(cli, "--now: '%s' is not a date (YYYY-MM-DD)", optarg);
			break;
		case 'p':
			o->pseudonymize = true;
			o->salt = optarg;
			break;
		}
	}
	if (o->pseudonymize && !avis_salt_resolve(o->salt, o->random_salt, &o->salt, &o->salt_len))
		avis_fatal(cli, "cannot draw a random salt; give one with --pseudonymize=SALT");
	if (o->fmt.excel && o->fmt.format != AVIS_FMT_CSV)
		avis_fatal(cli, "--excel goes with --format=csv");
	if (strcmp(o->color, "auto") && strcmp(o->color, "always") && strcmp(o->color, "never"))
		avis_fatal(cli, "--color: '%s' is not auto, always or never", o->color);
}

/* The table's width: --width, else the terminal's, else $COLUMNS. */
static int table_width(int asked, FILE *out)
{
	if (asked >= 0)
		return asked;
	struct winsize ws;
	if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	return cols ? atoi(cols) : 0;
}

/* Colour only on a terminal, and never when NO_COLOR is set. */
static bool use_color(const char *when, FILE *out)
{
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return false;
	if (strcmp(when, "always") == 0)
		return true;
	return strcmp(when, "auto") == 0 && isatty(fileno(out));
}

int main(int argc, char **argv)
{
	avis_cli cli;
	avis_cli_init(&cli, "avis-fmt", usage, argv);
	options o = {0};
	parse_options(&cli, argc, argv, &o);
	avis_cli_open_output(&cli);
	o.fmt.width = table_width(o.fmt.width, cli.out);
	o.fmt.color = use_color(o.color, cli.out);

	char err[256];
	avis_formatter *f = avis_formatter_new(&o.fmt, cli.out, err, sizeof err);
	if (!f)
		avis_fatal(&cli, "%s", err);
	for (int i = optind; i < argc; i++)
		avis_fmt_input(f, argv[i]);
	if (optind == argc)
		avis_fmt_input(f, "<stdin>");
	avis_charset *cs = o.pseudonymize ? avis_charset_new() : NULL;
	avis_text *text = cs ? avis_text_new(cs) : NULL;
	if (o.pseudonymize && !text)
		avis_fatal(&cli, "iconv cannot convert WINDOWS-1252 on this system");
	avis_reader_opts ro = {.strict = o.strict};
	avis_reader *r = avis_reader_new(&cli, argc - optind, argv + optind, &ro);
	json_t *rec;
	while (avis_reader_next(r, &rec, NULL) == 1) {
		if (text)
			avis_pseudonymize_author(text, o.salt, o.salt_len, rec);
		avis_fmt_record(f, rec, avis_reader_file(r), avis_reader_line(r));
		json_decref(rec);
	}
	avis_fmt_finish(f);
	avis_text_free(text);
	avis_charset_free(cs);
	avis_formatter_free(f);
	avis_reader_free(r);
	avis_cli_close_output(&cli);
	return avis_cli_exit_status(&cli);
}
