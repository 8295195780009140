/* avis — the toolkit's front door: `avis audit DIR` runs the default
 * pipeline on a folder of saved pages (see avis(1)). */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"

static const char usage[] =
	"Usage: avis audit [OPTION]... DIR\n"
	"Audit the saved review pages in DIR: parse, normalise, score, check, and\n"
	"write an HTML report, with the records beside it.\n"
	"\n"
	"  -o, --output=FILE    the report (default: avis-audit.html); the records\n"
	"                       go to the same name ending in .jsonl\n"
	"      --lang=LANG      report language: fr (default) or en\n"
	"      --now=DATE       the audit's date, YYYY-MM-DD (default: today)\n"
	"  -p, --pseudonymize[=SALT]  replace reviewers' names in the report\n"
	"      --rules=DIR      rules data directory (also $AVIS_RULES)\n"
	"  -q, --quiet          no warnings on stderr\n"
	"  -h, --help           show this help and exit\n"
	"      --version        show the version and exit\n"
	"\n"
	"Exit status: 0 when the report was written, 2 otherwise.\n"
	"See avis(1).\n";

enum { OPT_LANG = AVIS_OPT_FIRST_FREE, OPT_NOW };

int main(int argc, char **argv)
{
	avis_cli cli;
	avis_cli_init(&cli, "avis", usage, argv);
	static const struct option longopts[] = {
		AVIS_COMMON_LONGOPTS,
		{"lang", required_argument, NULL, OPT_LANG},
		{"now", required_argument, NULL, OPT_NOW},
		{"pseudonymize", optional_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	avis_audit_opts o = {.lang = "fr", .report = "avis-audit.html"};
	int c;
	while ((c = getopt_long(argc, argv, AVIS_COMMON_SHORT "p::", longopts, NULL)) != -1) {
		if (avis_cli_common_option(&cli, c, optarg))
			continue;
		switch (c) {
		case OPT_LANG:
			if (strcmp(optarg, "fr") && strcmp(optarg, "en"))
				avis_fatal(&cli, "--lang: '%s' is not fr or en", optarg);
			o.lang = optarg;
			break;
		case OPT_NOW: o.now = optarg; break;
		case 'p':
			o.pseudonymize = true;
			o.salt = optarg;
			break;
		}
	}
	if (cli.out_path)
		o.report = cli.out_path;
	if (argc - optind != 2 || strcmp(argv[optind], "audit") != 0) {
		fputs(usage, stderr);
		return AVIS_EXIT_ERROR;
	}
	o.dir = argv[optind + 1];
	int status = avis_audit_run(&cli, &o, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		avis_error(&cli, "<stdout>", 0, "write error");
		status = AVIS_EXIT_ERROR;
	}
	return status;
}
