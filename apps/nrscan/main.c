/* SPDX-License-Identifier: Apache-2.0 */
/* nrscan command line. Exit status: 0 when at least one cell was found, 1 when none,
 * 2 for a bad command line, 3 when the radio failed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrscan.h"
#include "olive/support/error.h"

static const char usage[] =
    "usage: nrscan --device_driver=zmq|uhd|file --device_args=ARGS --srate=MHZ --band=N\n"
    "              [--arfcn=DL_ARFCN[,..]] [--ssb_arfcn=ARFCN[,..]] [--duration=S] [--scs=15|30]\n"
    "              [--rx_gain=DB] [--any_offset] [--once]\n"
    "  --arfcn      DL ARFCNs to tune to (the captured band is centred there); without it,\n"
    "               centres 0.8 srate apart sweep the band's DL range (a tunable radio;\n"
    "               ZMQ and files have no tuner: give the carrier's ARFCN)\n"
    "  --ssb_arfcn  search only these SSB ARFCNs (else every GSCN of the band in the band)\n"
    "  --duration   seconds of signal per DL ARFCN (default 1)\n"
    "  --any_offset also SSBs off the 15 kHz grid of the tuned centre\n"
    "  --once       stop as soon as every cell found has its SIB1\n"
    "ZMQ as a UE: --device_args=tx_port=tcp://127.0.0.1:2001,rx_port=tcp://127.0.0.1:2000\n"
    "SigMF file:  --device_driver=file --device_args=rx_file=capture\n"
    "Output lines: 'mib pci=..', 'cell pci=..', 'sib1 pci=..', 'summary cells=..'\n";

static int parse_u32(const char *v, uint32_t *out)
{
  char *end;
  errno = 0;
  unsigned long x = strtoul(v, &end, 10);
  if (errno || end == v || *end || x > UINT32_MAX) {
    return -1;
  }
  *out = (uint32_t)x;
  return 0;
}

static int parse_list(const char *v, uint32_t *out, uint32_t *n)
{
  char tmp[256];
  snprintf(tmp, sizeof(tmp), "%s", v);
  *n = 0;
  for (char *save = NULL, *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    if (*n == NRSCAN_MAX_ARFCN || parse_u32(t, &out[*n]) < 0) {
      return -1;
    }
    (*n)++;
  }
  return *n ? 0 : -1;
}

static int parse_double(const char *v, double *out)
{
  char *end;
  *out = strtod(v, &end);
  return end == v || *end ? -1 : 0;
}

static int parse_opt(nrscan_opts_t *o, const char *k, const char *v)
{
  if (!strcmp(k, "device_driver"))
    return (o->driver = v) ? 0 : -1;
  if (!strcmp(k, "device_args"))
    return (o->device_args = v) ? 0 : -1;
  if (v && !strcmp(k, "srate")) {
    int r = parse_double(v, &o->srate_hz);
    o->srate_hz *= 1e6;
    return r;
  }
  if (v && !strcmp(k, "band"))
    return parse_u32(v, &o->band);
  if (v && !strcmp(k, "scs"))
    return parse_u32(v, &o->scs_khz);
  if (v && !strcmp(k, "arfcn"))
    return parse_list(v, o->arfcn, &o->nof_arfcn);
  if (v && !strcmp(k, "ssb_arfcn"))
    return parse_list(v, o->ssb_arfcn, &o->nof_ssb_arfcn);
  if (v && !strcmp(k, "duration"))
    return parse_double(v, &o->duration_s) < 0 || o->duration_s <= 0 ? -1 : 0;
  if (v && !strcmp(k, "rx_gain"))
    return parse_double(v, &o->rx_gain_db);
  if (!v && !strcmp(k, "any_offset"))
    return (o->any_offset = true) ? 0 : -1;
  if (!v && !strcmp(k, "once"))
    return (o->once = true) ? 0 : -1;
  return -1;
}

static int parse_args(int argc, char **argv, nrscan_opts_t *o)
{
  *o = (nrscan_opts_t){.driver = "zmq", .srate_hz = 23.04e6, .duration_s = 1.0, .rx_gain_db = -1e9};
  for (int i = 1; i < argc; i++) {
    static char key[64];
    const char *a = argv[i], *eq = strchr(a, '=');
    size_t kl = eq ? (size_t)(eq - a) : strlen(a);
    if (strncmp(a, "--", 2) != 0 || kl < 3 || kl - 2 >= sizeof(key)) {
      fprintf(stderr, "nrscan: unexpected argument '%s'\n%s", a, usage);
      return -1;
    }
    memcpy(key, a + 2, kl - 2);
    key[kl - 2] = 0;
    if (!strcmp(key, "help")) {
      fputs(usage, stdout);
      exit(0);
    }
    if (parse_opt(o, key, eq ? eq + 1 : NULL) < 0) {
      fprintf(stderr, "nrscan: bad option '%s'\n%s", a, usage);
      return -1;
    }
  }
  if (o->band == 0) {
    fprintf(stderr, "nrscan: --band is required\n%s", usage);
    return -1;
  }
  return 0;
}

int main(int argc, char **argv)
{
  nrscan_opts_t o;
  if (parse_args(argc, argv, &o) < 0) {
    return 2;
  }
  int r = nrscan_run(&o);
  if (r == OLIVE_ECONFIG) {
    return 2;
  }
  if (r < 0) {
    fprintf(stderr, "nrscan: radio: %s\n", olive_strerror(r));
    return 3;
  }
  return r > 0 ? 0 : 1;
}
