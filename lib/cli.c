/* cli — shared command-line plumbing; see cli.h. */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h> /* mallopt */
#endif

#ifndef AVIS_DATADIR
#define AVIS_DATADIR "/usr/local/share/avis"
#endif

static void find_exe_dir(avis_cli *cli, const char *argv0)
{
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n <= 0) {
		/* No procfs: fall back on argv[0] when it names a path. */
		if (!argv0 || !strchr(argv0, '/') || strlen(argv0) >= sizeof path)
			return;
		n = (ssize_t)strlen(argv0);
		memcpy(path, argv0, (size_t)n);
	}
	path[n] = '\0';
	char *slash = strrchr(path, '/');
	if (!slash)
		return;
	*slash = '\0';
	snprintf(cli->exe_dir, sizeof cli->exe_dir, "%s", path);
}

void avis_cli_init(avis_cli *cli, const char *prog, const char *usage, char **argv)
{
	memset(cli, 0, sizeof *cli);
	cli->prog = prog;
	cli->usage = usage;
	cli->out = stdout;
	cli->argv = argv;
	find_exe_dir(cli, argv ? argv[0] : NULL);
	/* A closed pipe must be an error we report (exit 2), not a silent
	 * death by signal: take EPIPE from write() instead of SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
}

static void vreport(avis_cli *cli, const char *kind, const char *file,
		    unsigned long line, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", cli->prog);
	if (file && line)
		fprintf(stderr, "%s:%lu: ", file, line);
	else if (file)
		fprintf(stderr, "%s: ", file);
	if (kind)
		fprintf(stderr, "%s", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void avis_error(avis_cli *cli, const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(cli, NULL, file, line, fmt, ap);
	va_end(ap);
	cli->errors++;
}

void avis_warn(avis_cli *cli, const char *file, unsigned long line, const char *fmt, ...)
{
	if (cli->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	vreport(cli, "warning: ", file, line, fmt, ap);
	va_end(ap);
}

_Noreturn void avis_fatal(avis_cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(cli, NULL, NULL, 0, fmt, ap);
	va_end(ap);
	exit(AVIS_EXIT_ERROR);
}

bool avis_cli_common_option(avis_cli *cli, int c, const char *arg)
{
	switch (c) {
	case 'h':
		fputs(cli->usage, stdout);
		exit(fflush(stdout) == 0 && !ferror(stdout) ? AVIS_EXIT_OK : AVIS_EXIT_ERROR);
	case AVIS_OPT_VERSION:
		printf("%s (avis) %s\n", cli->prog, AVIS_VERSION);
		exit(fflush(stdout) == 0 && !ferror(stdout) ? AVIS_EXIT_OK : AVIS_EXIT_ERROR);
	case 'o':
		cli->out_path = arg;
		return true;
	case 'q':
		cli->quiet = true;
		return true;
	case AVIS_OPT_RULES:
		cli->rules_opt = arg;
		return true;
	case '?':
		/* getopt_long already said what was wrong. */
		fprintf(stderr, "Try '%s --help' for more information.\n", cli->prog);
		exit(AVIS_EXIT_ERROR);
	default:
		return false;
	}
}

/* -o naming one of the inputs would empty it before it is read. */
static void refuse_input_as_output(avis_cli *cli)
{
	struct stat out, in;
	if (stat(cli->out_path, &out) != 0 || !S_ISREG(out.st_mode))
		return;
	for (int i = optind; cli->argv && cli->argv[i]; i++)
		if (stat(cli->argv[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
			avis_fatal(cli, "%s: the output would overwrite an input", cli->out_path);
}

void avis_cli_open_output(avis_cli *cli)
{
	if (!cli->out_path || strcmp(cli->out_path, "-") == 0) {
		cli->out = stdout;
		return;
	}
	refuse_input_as_output(cli);
	cli->out = fopen(cli->out_path, "w");
	if (!cli->out)
		avis_fatal(cli, "%s: %s", cli->out_path, strerror(errno));
}

static const char *output_name(const avis_cli *cli)
{
	return cli->out == stdout ? "<stdout>" : cli->out_path;
}

bool avis_cli_output_failed(avis_cli *cli)
{
	if (!ferror(cli->out))
		return false;
	/* Called right after each record is written, so errno still says
	 * why the write failed. */
	if (!cli->write_errno)
		cli->write_errno = errno ? errno : EIO;
	return true;
}

bool avis_cli_close_output(avis_cli *cli)
{
	bool ok = true;
	avis_cli_output_failed(cli);
	errno = 0;
	if (fflush(cli->out) != 0 || ferror(cli->out))
		ok = false;
	int saved = cli->write_errno ? cli->write_errno : errno;
	if (cli->out != stdout && fclose(cli->out) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	if (!ok)
		avis_error(cli, output_name(cli), 0, "write error: %s",
			   saved ? strerror(saved) : "I/O error");
	cli->out = stdout;
	avis_buf_free(&cli->scratch);
	return ok;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *avis_rules_dir(avis_cli *cli)
{
	if (cli->rules_opt && *cli->rules_opt)
		return cli->rules_opt;
	const char *env = getenv("AVIS_RULES");
	if (env && *env)
		return env;
	/* From the source tree (bin/avis-x beside rules/), then installed
	 * (PREFIX/bin/avis-x beside PREFIX/share/avis/rules): relative to the
	 * binary, so an installed tree can be moved. */
	static const char *const beside[] = {"%s/../rules", "%s/../share/avis/rules"};
	for (size_t i = 0; cli->exe_dir[0] && i < sizeof beside / sizeof beside[0]; i++) {
		snprintf(cli->rules_buf, sizeof cli->rules_buf, beside[i], cli->exe_dir);
		if (is_dir(cli->rules_buf))
			return cli->rules_buf;
	}
	return AVIS_DATADIR "/rules";
}

int avis_cli_exit_status(avis_cli *cli)
{
	return cli->errors ? AVIS_EXIT_ERROR : AVIS_EXIT_OK;
}

void avis_keep_heap(void)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 4 << 20);
#endif
}
