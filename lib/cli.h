/* cli — what every avis-* program shares on the command line.
 *
 * Owns: the program's identity (name, version), its diagnostics channel
 * (every message goes to stderr as "avis-X: file:line: message"), the
 * output stream chosen with -o, the exit status policy (0 ok, 1 findings
 * or nothing found, 2 error), and where the rules data lives.
 *
 * A program creates one avis_cli on its stack in main() and passes it
 * down; there is no global state.
 */
#ifndef AVIS_CLI_H
#define AVIS_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "buf.h"

#define AVIS_VERSION "0.1.0"

enum { AVIS_EXIT_OK = 0, AVIS_EXIT_FINDINGS = 1, AVIS_EXIT_ERROR = 2 };

/* Long-option codes of the common options that have no short letter. */
enum { AVIS_OPT_VERSION = 0x100, AVIS_OPT_RULES, AVIS_OPT_FIRST_FREE };

typedef struct {
	const char *prog;        /* "avis-norm" */
	const char *usage;       /* full --help text */
	char **argv;             /* the arguments; after option parsing, the
				  * inputs are argv[optind..] */
	const char *out_path;    /* -o FILE, or NULL for stdout */
	FILE *out;               /* the open output stream */
	const char *rules_opt;   /* --rules DIR */
	bool quiet;              /* -q: no warnings, only errors */
	unsigned long errors;    /* errors reported so far: exit 2 at the end */
	int write_errno;         /* why the first write to out failed */
	char exe_dir[4096];      /* directory of the running binary */
	char rules_buf[4200];    /* resolved rules directory */
	avis_buf scratch;        /* the output line being written */
} avis_cli;

/* The common long options, to be placed first in each program's table;
 * COMMON_SHORT holds their short letters for getopt_long. */
#define AVIS_COMMON_LONGOPTS                                  \
	{"help", no_argument, NULL, 'h'},                     \
	{"version", no_argument, NULL, AVIS_OPT_VERSION},     \
	{"output", required_argument, NULL, 'o'},             \
	{"quiet", no_argument, NULL, 'q'},                    \
	{"rules", required_argument, NULL, AVIS_OPT_RULES}
#define AVIS_COMMON_SHORT "ho:q"

void avis_cli_init(avis_cli *cli, const char *prog, const char *usage, char **argv);

/* For programs that load large data (avis-check compiles some five
 * hundred patterns and finds their literals): glibc would give the top of
 * the heap back to the kernel and ask for it again, thousands of brk
 * calls that cost more than the work on a virtual machine.  Keeps it
 * (a no-op without glibc). */
void avis_keep_heap(void);

/* Handle a common option; returns true if c was one.  Exits for --help,
 * --version and for '?' (bad option: usage on stderr, exit 2). */
bool avis_cli_common_option(avis_cli *cli, int c, const char *arg);

/* Open the -o file (or take stdout), after option parsing.  Exits 2 if it
 * cannot be opened, or if it is one of the inputs (argv[optind..]). */
void avis_cli_open_output(avis_cli *cli);

/* Flush and close the output; reports a failed write (full disk, closed
 * pipe) as an error.  Returns false if the output was lost. */
bool avis_cli_close_output(avis_cli *cli);

/* True once a write to the output failed: stop reading, nothing more can
 * be delivered. */
bool avis_cli_output_failed(avis_cli *cli);

/* Diagnostics.  file may be NULL (no location), line 0 (file only). */
void avis_error(avis_cli *cli, const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void avis_warn(avis_cli *cli, const char *file, unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Report and exit 2 at once (usage errors, unusable data files). */
_Noreturn void avis_fatal(avis_cli *cli, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The directory of rules data: --rules, else $AVIS_RULES, else the rules/
 * directory of the source tree the binary was built in (EXE_DIR/../rules),
 * else the installed data beside the binary (EXE_DIR/../share/avis/rules),
 * else AVIS_DATADIR/rules as configured at build time.  Never NULL. */
const char *avis_rules_dir(avis_cli *cli);

/* The exit status for a run with no findings logic: 2 if any error. */
int avis_cli_exit_status(avis_cli *cli);

#endif
