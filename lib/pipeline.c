/* pipeline — spawn a chain of programs; see pipeline.h. */
#define _GNU_SOURCE
#include "pipeline.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static pid_t spawn_stage(char **argv, int in, int out, int close_a, int close_b)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out, STDOUT_FILENO);
	/* The child must not keep the pipe ends it does not use, or the
	 * next stage never sees end of file. */
	if (close_a >= 0)
		posix_spawn_file_actions_addclose(&fa, close_a);
	if (close_b >= 0 && close_b != close_a)
		posix_spawn_file_actions_addclose(&fa, close_b);
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return rc == 0 ? pid : -1;
}

int avis_pipeline_run(avis_pipeline *p)
{
	int in = open(p->in ? p->in : "/dev/null", O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int last = open(p->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (last < 0) {
		int e = errno;
		close(in);
		errno = e;
		return -1;
	}
	pid_t pids[AVIS_PIPE_MAX];
	for (size_t i = 0; i < p->n; i++)
		pids[i] = -1;
	for (size_t i = 0; i < p->n; i++) {
		int fds[2] = {-1, -1};
		if (i + 1 < p->n && pipe2(fds, O_CLOEXEC) != 0)
			break;   /* the stages not started report 127 */
		int out = i + 1 < p->n ? fds[1] : last;
		pids[i] = spawn_stage(p->argv[i], in, out, fds[0], -1);
		close(in);
		if (i + 1 < p->n)
			close(fds[1]);
		in = fds[0];
	}
	if (in >= 0)
		close(in);
	close(last);
	for (size_t i = 0; i < p->n; i++) {
		int st;
		if (pids[i] < 0) {
			p->status[i] = 127;
			continue;
		}
		while (waitpid(pids[i], &st, 0) < 0 && errno == EINTR)
			;
		p->status[i] = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	return 0;
}
