/* avis-norm — repair and normalise review records (see avis-norm(1)). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "hash.h"
#include "jsonl.h"
#include "lang.h"
#include "norm.h"

static const char usage[] =
	"Usage: avis-norm [OPTION]... [FILE]...\n"
	"Repair and normalise review records (JSON Lines) from FILEs or stdin.\n"
	"\n"
	"Cleans text fields (charset repair, NUL and control bytes, HTML entities,\n"
	"quotes, white space, NFC), strips platform artefacts, adds `norm` (folded\n"
	"text for matching) and `lang`.\n"
	"\n"
	"  -d, --dedupe             drop records already seen (by id, else text+author)\n"
	"  -p, --pseudonymize[=SALT]  replace authors by keyed pseudonyms; SALT or\n"
	"                           $AVIS_SALT keeps them stable across runs, else a\n"
	"                           random salt is used for this run only\n"
	"      --strict             stop at the first invalid record\n"
	"  -o, --output=FILE        write to FILE instead of stdout\n"
	"      --rules=DIR          rules data directory (also $AVIS_RULES)\n"
	"  -q, --quiet              no warnings or summaries on stderr\n"
	"  -h, --help               show this help and exit\n"
	"      --version            show the version and exit\n"
	"\n"
	"Exit status: 0 on success, 2 if any input or record could not be read.\n"
	"See avis-norm(1).\n";

enum { OPT_STRICT = AVIS_OPT_FIRST_FREE };

typedef struct {
	avis_norm_opts norm;
	bool strict;
	char random_salt[32];
} options;

static void parse_options(avis_cli *cli, int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		AVIS_COMMON_LONGOPTS,
		{"dedupe", no_argument, NULL, 'd'},
		{"pseudonymize", optional_argument, NULL, 'p'},
		{"strict", no_argument, NULL, OPT_STRICT},
		{NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, AVIS_COMMON_SHORT "dp::", longopts, NULL)) != -1) {
		if (avis_cli_common_option(cli, c, optarg))
			continue;
		switch (c) {
		case 'd': o->norm.dedupe = true; break;
		case 'p':
			o->norm.pseudonymize = true;
			o->norm.salt = optarg;
			break;
		case OPT_STRICT: o->strict = true; break;
		}
	}
	if (o->norm.pseudonymize &&
	    !avis_salt_resolve(o->norm.salt, o->random_salt, &o->norm.salt, &o->norm.salt_len))
		avis_fatal(cli, "cannot draw a random salt; give one with --pseudonymize=SALT");
}

int main(int argc, char **argv)
{
	avis_cli cli;
	avis_cli_init(&cli, "avis-norm", usage, argv);
	options o = {0};
	parse_options(&cli, argc, argv, &o);

	char err[512];
	avis_buf dir = AVIS_BUF_INIT;
	avis_buf_printf(&dir, "%s/lang", avis_rules_dir(&cli));
	avis_lang *lang = avis_lang_load(dir.data, err, sizeof err);
	avis_buf_free(&dir);
	if (!lang)
		avis_fatal(&cli, "%s", err);
	avis_charset *cs = avis_charset_new();
	if (!cs)
		avis_fatal(&cli, "iconv cannot convert WINDOWS-1252 on this system");

	avis_cli_open_output(&cli);
	avis_reader_opts ro = {.strict = o.strict, .repair = cs};
	avis_reader *r = avis_reader_new(&cli, argc - optind, argv + optind, &ro);
	avis_normalizer *n = avis_normalizer_new(cs, lang, &o.norm);
	unsigned long dropped = 0;
	json_t *rec;
	avis_line_info info;
	while (avis_reader_next(r, &rec, &info) == 1) {
		avis_norm_record(n, rec, &info);
		if (avis_norm_is_duplicate(n, rec))
			dropped++;
		else
			avis_write_record(&cli, rec);
		json_decref(rec);
	}
	if (o.norm.dedupe && !cli.quiet)
		fprintf(stderr, "avis-norm: %lu duplicate record%s dropped\n", dropped,
			dropped == 1 ? "" : "s");
	avis_reader_free(r);
	avis_normalizer_free(n);
	avis_charset_free(cs);
	avis_lang_free(lang);
	avis_cli_close_output(&cli);
	return avis_cli_exit_status(&cli);
}
