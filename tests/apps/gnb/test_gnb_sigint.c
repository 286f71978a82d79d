/* SPDX-License-Identifier: Apache-2.0 */
/* A running gNB over ZeroMQ stops cleanly on a signal. The test is the UE side of the
 * srsRAN ZMQ link (olive's zmq driver with the ports crossed, INTEROP.md): it receives the
 * gNB's samples for about 1.5 s (the SSBs make them non-zero), then sends SIGINT (SIGTERM
 * in a second run) and requires exit status 0 within 2 s, a status line with SFN and
 * slots > 0 before it, and the closing "stopped:" line (threads joined, pcap flushed:
 * the MAC pcap file, enabled here, holds records). Ports are chosen from the pid so
 * parallel tests do not collide. */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "olive/radio/radio.h"
#include "olive/support/time.h"
#include "olive_test.h"

#define SLOT 23040u

static pid_t spawn(const char *gnb, const char *configs, unsigned port, const char *out,
                   const char *pcap)
{
  static char args[4][600];
  snprintf(args[0], sizeof(args[0]), "%s/gnb_zmq.yaml", configs);
  snprintf(args[1], sizeof(args[1]),
           "--ru_sdr.device_args=tx_port=tcp://127.0.0.1:%u,rx_port=tcp://127.0.0.1:%u,"
           "base_srate=23.04e6",
           port, port + 1);
  snprintf(args[2], sizeof(args[2]), "--pcap.mac_filename=%s", pcap);
  pid_t pid = fork();
  if (pid == 0) {
    if (freopen(out, "w", stdout) == NULL || dup2(fileno(stdout), 2) < 0)
      _exit(127);
    execl(gnb, gnb, "-c", args[0], args[1], args[2], "--pcap.mac_enable=true",
          "--expert_execution.rt_priority=0", "--metrics.period_ms=250", (char *)NULL);
    _exit(127);
  }
  return pid;
}

/* True when the gNB's output holds a status line ("sfn=" ... "slots=N", N > 0). */
static bool has_status(const char *out)
{
  static char text[65536];
  FILE *f = fopen(out, "r");
  size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
  text[n] = '\0';
  if (f)
    fclose(f);
  const char *st = strstr(text, "sfn=");
  unsigned long long slots = 0;
  return st != NULL && strstr(st, "slots=") != NULL &&
         sscanf(strstr(st, "slots="), "slots=%llu", &slots) == 1 && slots > 0;
}

/* Receives for at least 1.5 s of wall time and until the gNB has printed a status line
 * (start-up plans FFTs, slower under sanitizers), at most 20 s; returns the energy. */
static double listen_for(unsigned port, const char *out)
{
  char dev[256];
  snprintf(dev, sizeof(dev),
           "tx_port=tcp://127.0.0.1:%u,rx_port=tcp://127.0.0.1:%u,base_srate=23.04e6,"
           "trx_timeout_ms=3000",
           port + 1, port);
  olive_radio_t r = {0};
  static olive_radio_cf_t buf[SLOT];
  olive_radio_cf_t *bufs[1] = {buf};
  double e = 0;
  CHECK(olive_radio_open(&r, "zmq", dev, 1) == 0 && olive_radio_set_srate(&r, 23.04e6) == 0 &&
        olive_radio_start(&r) == 0);
  uint64_t t0 = olive_time_ns(), ts;
  for (uint32_t k = 0;; k++) {
    double secs = (double)(olive_time_ns() - t0) * 1e-9;
    if (secs > 20.0 || (secs > 1.5 && k % 50 == 0 && has_status(out)))
      break;
    if (olive_radio_rx(&r, bufs, SLOT, &ts) != (int)SLOT)
      break;
    for (uint32_t i = 0; i < SLOT; i++)
      e += (double)(crealf(buf[i]) * crealf(buf[i]) + cimagf(buf[i]) * cimagf(buf[i]));
  }
  olive_radio_close(&r);
  return e;
}

/* Waits up to 2 s for the exit; returns the status or -1. */
static int wait_exit(pid_t pid, double *secs)
{
  uint64_t t0 = olive_time_ns();
  int st = 0;
  while (olive_time_ns() - t0 < 2000000000ull) {
    if (waitpid(pid, &st, WNOHANG) == pid) {
      *secs = (double)(olive_time_ns() - t0) * 1e-9;
      return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    olive_sleep_ns(10000000);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &st, 0);
  return -1;
}

static void check_output(const char *out, const char *pcap)
{
  static char text[65536];
  FILE *f = fopen(out, "r");
  size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
  text[n] = '\0';
  if (f)
    fclose(f);
  CHECK(has_status(out), "a status line with slots > 0:\n%s", text);
  CHECK(strstr(text, "stopped: ") != NULL, "closing line:\n%s", text);
  struct stat sb;
  CHECK(stat(pcap, &sb) == 0 && sb.st_size > 24 + 16 + 26, "pcap flushed (%lld bytes)",
        (long long)sb.st_size);
}

static void run_once(const char *gnb, const char *configs, const char *dir, int sig)
{
  unsigned port = 20000u + (unsigned)(getpid() % 10000) * 4u + (sig == SIGTERM ? 2u : 0u);
  char out[512], pcap[512];
  snprintf(out, sizeof(out), "%s/gnb_sig%d.log", dir, sig);
  snprintf(pcap, sizeof(pcap), "%s/gnb_sig%d.pcap", dir, sig);
  pid_t pid = spawn(gnb, configs, port, out, pcap);
  CHECK(pid > 0);
  double e = listen_for(port, out);
  CHECK(e > 0, "signal %d: the gNB's samples carry energy (%g)", sig, e);
  double secs = 0;
  kill(pid, sig);
  int rc = wait_exit(pid, &secs);
  CHECK(rc == 0, "signal %d: exit status %d (log %s)", sig, rc, out);
  CHECK(rc < 0 || secs < 2.0, "stopped in %.2f s", secs);
  check_output(out, pcap);
  remove(pcap);
}

int main(int argc, char **argv)
{
  if (argc < 4) {
    fprintf(stderr, "usage: %s <gnb> <configs dir> <work dir>\n", argv[0]);
    return 2;
  }
  run_once(argv[1], argv[2], argv[3], SIGINT);
  run_once(argv[1], argv[2], argv[3], SIGTERM);
  return olive_test_done();
}
