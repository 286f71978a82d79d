/* SPDX-License-Identifier: Apache-2.0 */
/* Two instances of our ZMQ driver, cross-wired as gNB and UE (INTEROP.md: gNB TX port
 * goes to UE RX, UE TX to gNB RX), each in its own thread doing what the slot engine
 * does: rx one slot, transmit the slot tx_advance ahead. Every received sample is
 * compared bit for bit with the peer's pattern at that absolute sample time (zeros for
 * the first tx_advance slots, which the driver fills with zeros on the wire).
 *
 * fc32: 10,000 slots of 1,920 samples = 10 s of air time at 1.92 Msps, 19.2 Msamples in
 * each direction (run unpaced: the sample count is what matters, not wall time).
 * sc16: 500 slots; expected values are quantised in the test (round(x * 32767) / 32767,
 * srsRAN's INT16_MAX scaling) independently of the driver's conversion.
 * 2 channels: 500 slots over tx_port0/1 and rx_port0/1, each channel its own stream. */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/log.h"
#include "olive/support/mem.h"
#include "olive/support/time.h"
#include "radio_test.h"

#define SLOT 1920u
#define ADV  2u

typedef struct side {
  const char *args;
  uint64_t seed, peer_seed;
  unsigned nof_slots, nch;
  bool sc16; /* the peer->us direction is sc16 */
  olive_radio_t radio;
  uint64_t bad_samples, bad_ts, errors;
} side_t;

static olive_radio_cf_t quant(olive_radio_cf_t x)
{
  float re = (float)lrintf(crealf(x) * 32767.0f) / 32767.0f;
  float im = (float)lrintf(cimagf(x) * 32767.0f) / 32767.0f;
  return re + im * I;
}

/* Channel ch of a side carries stream seed * 16 + ch, so crossed channels are caught. */
static void check_slot(side_t *s, const olive_radio_cf_t *rx, uint64_t ts, unsigned ch)
{
  for (uint32_t i = 0; i < SLOT; i++) {
    uint64_t t = ts + i;
    olive_radio_cf_t want = t < ADV * SLOT ? 0 : test_sample(s->peer_seed * 16 + ch, t);
    if (s->sc16)
      want = quant(want);
    if (memcmp(&want, &rx[i], sizeof(want)) != 0)
      s->bad_samples++;
  }
}

static void *run(void *arg)
{
  side_t *s = arg;
  olive_radio_cf_t *rx[2], *tx[2];
  for (unsigned c = 0; c < 2; c++) {
    rx[c] = olive_mem_calloc(SLOT, sizeof(olive_radio_cf_t));
    tx[c] = olive_mem_calloc(SLOT, sizeof(olive_radio_cf_t));
  }
  for (unsigned k = 0; k < s->nof_slots; k++) {
    uint64_t ts = 0;
    if (olive_radio_rx(&s->radio, rx, SLOT, &ts) != (int)SLOT) {
      s->errors++;
      break;
    }
    s->bad_ts += ts != (uint64_t)k * SLOT;
    uint64_t tts = ts + ADV * SLOT;
    for (unsigned c = 0; c < s->nch; c++) {
      check_slot(s, rx[c], ts, c);
      for (uint32_t i = 0; i < SLOT; i++)
        tx[c][i] = test_sample(s->seed * 16 + c, tts + i);
    }
    if (olive_radio_tx(&s->radio, (const olive_radio_cf_t *const *)tx, SLOT, tts, 0) != (int)SLOT) {
      s->errors++;
      break;
    }
  }
  for (unsigned c = 0; c < 2; c++) {
    olive_mem_free(rx[c]);
    olive_mem_free(tx[c]);
  }
  return NULL;
}

static void run_pair(const char *args_a, const char *args_b, unsigned slots, bool sc16,
                     unsigned nch)
{
  side_t a = {
      .args = args_a, .seed = 1, .peer_seed = 2, .nof_slots = slots, .sc16 = sc16, .nch = nch};
  side_t b = {
      .args = args_b, .seed = 2, .peer_seed = 1, .nof_slots = slots, .sc16 = sc16, .nch = nch};
  REQUIRE(olive_radio_open(&a.radio, "zmq", a.args, nch) == OLIVE_OK);
  REQUIRE(olive_radio_open(&b.radio, "zmq", b.args, nch) == OLIVE_OK);
  CHECK(olive_radio_set_srate(&a.radio, 1.92e6) == OLIVE_OK);
  CHECK(olive_radio_set_srate(&b.radio, 1.92e6) == OLIVE_OK);
  REQUIRE(olive_radio_start(&a.radio) == OLIVE_OK);
  REQUIRE(olive_radio_start(&b.radio) == OLIVE_OK);
  uint64_t t0 = olive_time_ns();
  pthread_t ta, tb;
  pthread_create(&ta, NULL, run, &a);
  pthread_create(&tb, NULL, run, &b);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  double secs = (double)(olive_time_ns() - t0) * 1e-9;
  side_t *sides[2] = {&a, &b};
  for (int i = 0; i < 2; i++) {
    olive_radio_counters_t c;
    olive_radio_counters(&sides[i]->radio, &c);
    CHECK(sides[i]->errors == 0);
    CHECK(sides[i]->bad_ts == 0);
    CHECK(sides[i]->bad_samples == 0);
    CHECK(c.rx_samples == (uint64_t)slots * SLOT);
    CHECK(c.tx_samples == (uint64_t)slots * SLOT);
    CHECK(c.late == 0 && c.lost_samples == 0 && c.timeouts == 0 && c.overflows == 0);
    if (sides[i]->bad_samples)
      fprintf(stderr, "side %d: %llu bad samples\n", i, (unsigned long long)sides[i]->bad_samples);
  }
  printf("loopback %s: %u slots x %u samples each way in %.2f s (%.1f Msps per direction)\n",
         sc16 ? "sc16" : "fc32", slots, SLOT, secs, (double)slots * SLOT / secs * 1e-6);
  uint64_t tc = olive_time_ns();
  olive_radio_close(&a.radio);
  olive_radio_close(&b.radio);
  CHECK(olive_time_ns() - tc < 2000000000ull); /* shutdown never waits for a peer */
}

int main(int argc, char **argv)
{
  unsigned slots = argc > 1 ? (unsigned)atoi(argv[1]) : 10000;
  run_pair("tx_port=tcp://127.0.0.1:24700,rx_port=tcp://127.0.0.1:24701,id=gnb",
           "tx_port=tcp://127.0.0.1:24701,rx_port=tcp://127.0.0.1:24700,id=ue", slots, false, 1);
  run_pair("tx_port=tcp://127.0.0.1:24702,rx_port=tcp://127.0.0.1:24703,id=gnb,"
           "tx_format=sc16,rx_format=sc16",
           "tx_port=tcp://127.0.0.1:24703,rx_port=tcp://127.0.0.1:24702,id=ue,"
           "tx_format=sc16,rx_format=sc16",
           500, true, 1);
  /* Two channels (2x2): per-channel ports tx_port0/1, rx_port0/1. */
  run_pair("tx_port0=tcp://127.0.0.1:24704,tx_port1=tcp://127.0.0.1:24705,"
           "rx_port0=tcp://127.0.0.1:24706,rx_port1=tcp://127.0.0.1:24707",
           "tx_port0=tcp://127.0.0.1:24706,tx_port1=tcp://127.0.0.1:24707,"
           "rx_port0=tcp://127.0.0.1:24704,rx_port1=tcp://127.0.0.1:24705",
           500, false, 2);
  return test_report("radio_zmq_loopback");
}
