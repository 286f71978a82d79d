/* SPDX-License-Identifier: Apache-2.0 */
/* olive-radio-probe error paths, run as a child process with a watchdog:
 *  - UHD with no USRP attached (none exists on CI): exit status 1 within 30 s (the
 *    issue's "fails at start-up within seconds"), and stderr names the device_args;
 *  - ZMQ with fail_on_disconnect and no peer: exit status 1 after trx_timeout_ms;
 *  - ZMQ with a misspelt key: exit status 1, the message names the key;
 *  - the file driver with a missing recording: exit status 1, the path is named. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "olive/support/time.h"
#include "radio_test.h"

/* Runs probe with args, collects stderr+stdout into out, kills it after limit_s. */
static int run(const char *probe, const char *const *argv_tail, char *out, size_t len,
               double limit_s, double *took_s)
{
  int fd[2];
  REQUIRE(pipe(fd) == 0);
  uint64_t t0 = olive_time_ns();
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const char *argv[16] = {probe};
    for (int i = 0; argv_tail[i] && i < 14; i++)
      argv[i + 1] = argv_tail[i];
    dup2(fd[1], 1);
    dup2(fd[1], 2);
    close(fd[0]);
    execv(probe, (char *const *)argv);
    _exit(127);
  }
  close(fd[1]);
  size_t used = 0;
  int status = 0;
  for (;;) {
    ssize_t k = read(fd[0], out + used, len - 1 - used);
    if (k > 0) {
      used += (size_t)k;
      if (used < len - 1)
        continue;
    }
    if (k <= 0 || (double)(olive_time_ns() - t0) * 1e-9 > limit_s)
      break;
  }
  out[used] = '\0';
  close(fd[0]);
  if ((double)(olive_time_ns() - t0) * 1e-9 > limit_s)
    kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  *took_s = (double)(olive_time_ns() - t0) * 1e-9;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void expect_fail(const char *probe, const char *const *tail, const char *needle,
                        double limit_s)
{
  static char out[65536];
  double took = 0;
  int rc = run(probe, tail, out, sizeof(out), limit_s, &took);
  printf("probe %s %s: exit %d after %.2f s\n", tail[1], tail[3], rc, took);
  CHECK(rc == 1);
  CHECK(took < limit_s);
  CHECK(strstr(out, needle) != NULL);
  if (rc != 1 || !strstr(out, needle))
    fprintf(stderr, "--- probe output ---\n%s\n---\n", out);
}

int main(int argc, char **argv)
{
  REQUIRE(argc == 2);
  const char *probe = argv[1];
  const char *file[] = {"--driver", "file", "--args", "rx_file=/nonexistent/olive-capture", NULL};
  expect_fail(probe, file, "/nonexistent/olive-capture.sigmf-meta", 10.0);
#ifdef OLIVE_TEST_UHD
  const char *uhd[] = {"--driver", "uhd", "--args", "type=b200,serial=olive-no-such-usrp", NULL};
  expect_fail(probe, uhd, "serial=olive-no-such-usrp", 30.0);
  /* A bad olive key is refused before UHD is asked at all. */
  const char *bad[] = {"--driver", "uhd", "--args", "type=b200,clock=sideways", NULL};
  expect_fail(probe, bad, "clock='sideways'", 10.0);
#endif
#ifdef OLIVE_TEST_ZMQ
  const char *zmq[] = {
      "--driver",   "zmq",
      "--args",     "rx_port=tcp://127.0.0.1:24725,trx_timeout_ms=200,fail_on_disconnect=1",
      "--duration", "20",
      NULL};
  expect_fail(probe, zmq, "rx_port=tcp://127.0.0.1:24725", 10.0);
  const char *typo[] = {"--driver", "zmq", "--args", "tx_prot=tcp://127.0.0.1:24726", NULL};
  expect_fail(probe, typo, "unknown key 'tx_prot'", 10.0);
#endif
  return test_report("radio_probe_nodev");
}
