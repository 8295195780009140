/*
 * rss.c - run a command and report its peak memory and wall time, for the
 * avis benchmarks.
 *
 * Usage: rss CMD [ARGS...]
 *
 * The command inherits stdin, stdout and stderr. When it ends, one line
 *   rss: max_rss_kb=N wall_s=F exit=E
 * is printed on stderr, where E is the exit status or 128+signal, and rss
 * exits with E. If the command cannot be started, rss exits 2.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct run_result {
    long max_rss_kb;
    double wall_s;
    int exit_code;
};

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* In the child: exec, or report errno through the close-on-exec pipe. */
static void exec_child(char **argv, int report_fd)
{
    execvp(argv[0], argv);
    int err = errno;
    ssize_t n = write(report_fd, &err, sizeof err);
    (void)n;
    _exit(127);
}

/* Returns the child's exec errno, or 0 when exec succeeded. */
static int read_exec_error(int report_fd)
{
    int err = 0;
    ssize_t n;
    do
        n = read(report_fd, &err, sizeof err);
    while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof err ? err : 0;
}

static int wait_child(pid_t pid, struct run_result *res)
{
    int status;
    struct rusage ru;
    pid_t got;

    do
        got = wait4(pid, &status, 0, &ru);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        return -1;
    res->max_rss_kb = ru.ru_maxrss;   /* KiB on Linux */
    if (WIFEXITED(status))
        res->exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        res->exit_code = 128 + WTERMSIG(status);
    else
        res->exit_code = 1;
    return 0;
}

int main(int argc, char **argv)
{
    int report[2];
    struct run_result res = { 0, 0.0, 0 };

    if (argc > 1 && strcmp(argv[1], "--") == 0) {
        argv++;
        argc--;
    }
    if (argc < 2) {
        fputs("usage: rss CMD [ARGS...]\n", stderr);
        return 2;
    }
    if (pipe2(report, O_CLOEXEC) != 0) {
        fprintf(stderr, "rss: pipe: %s\n", strerror(errno));
        return 2;
    }

    double start = monotonic_seconds();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "rss: fork: %s\n", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        close(report[0]);
        exec_child(argv + 1, report[1]);
    }
    close(report[1]);
    int exec_err = read_exec_error(report[0]);
    close(report[0]);

    if (wait_child(pid, &res) != 0) {
        fprintf(stderr, "rss: wait4: %s\n", strerror(errno));
        return 2;
    }
    res.wall_s = monotonic_seconds() - start;
    if (exec_err) {
        fprintf(stderr, "rss: cannot execute %s: %s\n", argv[1], strerror(exec_err));
        return 2;
    }
    fprintf(stderr, "rss: max_rss_kb=%ld wall_s=%.3f exit=%d\n",
            res.max_rss_kb, res.wall_s, res.exit_code);
    return res.exit_code;
}
