/* SPDX-License-Identifier: Apache-2.0 */
/* SigMF: the metadata parser against the SigMF specification's own README example
 * (sigmf_corpus/spec_example.sigmf-meta, transcribed from github.com/sigmf/SigMF), the
 * file driver's record -> replay round trip, the cf32_le byte layout checked against
 * IEEE 754 little-endian bytes worked by hand, and malformed metadata rejected. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "olive/radio/sigmf.h"
#include "olive/support/error.h"
#include "radio_test.h"

static char dir[256];

static size_t slurp(const char *path, char *buf, size_t len)
{
  FILE *f = fopen(path, "rb");
  REQUIRE(f);
  size_t n = fread(buf, 1, len, f);
  fclose(f);
  return n;
}

static void test_spec_example(const char *corpus)
{
  char path[512], text[4096], err[160];
  snprintf(path, sizeof(path), "%s/spec_example.sigmf-meta", corpus);
  size_t n = slurp(path, text, sizeof(text));
  olive_sigmf_meta_t m;
  REQUIRE(olive_sigmf_meta_parse(text, n, &m, err, sizeof(err)) == 0);
  CHECK(strcmp(m.datatype, "cf32_le") == 0);
  CHECK(strcmp(m.version, "1.0.0") == 0);
  CHECK(m.sample_rate == 1e6);
  CHECK(strcmp(m.author, "Art Vandelay") == 0);
  CHECK(m.has_frequency && m.frequency == 915e6 && m.sample_start == 0);
  snprintf(path, sizeof(path), "%s/olive_written.sigmf-meta", corpus);
  n = slurp(path, text, sizeof(text));
  REQUIRE(olive_sigmf_meta_parse(text, n, &m, err, sizeof(err)) == 0);
  CHECK(strcmp(m.author, "a \"quoted\" \\ author?") == 0); /* \u00e9 is not ASCII */
  CHECK(m.frequency == 1842.5e6 && m.sample_rate == 23.04e6);
}

static void test_malformed(void)
{
  static const char *const bad[] = {
      "",
      "[]",
      "{}",
      "{\"global\": {\"core:datatype\": \"cf32_le\", \"core:version\": \"1.0.0\"}}",
      "{\"global\": {\"core:datatype\": 5, \"core:version\": \"1.0.0\", \"core:sample_rate\": 1}}",
      "{\"global\": {\"core:datatype\": \"cf32_le\", \"core:version\": \"1.0.0\", "
      "\"core:sample_rate\": -1}}",
      "{\"global\": {\"core:datatype\": \"cf32_le\", \"core:version\": \"1.0.0\", "
      "\"core:sample_rate\": 1}} x",
      "{\"global\": {\"core:datatype\": \"cf32_le\", \"core:version\": \"1.0.0\", "
      "\"core:sample_rate\": 01}}",
      "{\"global\": {\"core:datatype\": \"cf32_le\", \"core:version\": \"1.0.0\", "
      "\"core:sample_rate\": 1e999}}",
      "{\"global\": {\"core:datatype\": \"cf32_le\", \"core:version\": \"1.0.0\", "
      "\"core:sample_rate\": 1}, \"captures\": {}}",
      "{\"global\": {\"core:datatype\": \"cf32_le\", \"core:version\": \"1.0.0\", "
      "\"core:sample_rate\": 1}, \"captures\": [{\"core:sample_start\": 1.5}]}",
      "{\"global\": {\"core:datatype\": \"cf32_le\", \"core:version\": \"1.0.0\", "
      "\"core:sample_rate\": 1,}}",
      "{\"global\": {\"core:datatype\": \"cf\\x32_le\"}}",
      "{\"global\": {\"core:datatype\": \"cf32_le",
      "{\"global\": {\"core:datatype\": \"cf32_le\", \"core:version\": \"1.0.0\", "
      "\"core:sample_rate\": 1, \"x\": tru}}",
  };
  olive_sigmf_meta_t m;
  char err[160];
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    int ret = olive_sigmf_meta_parse(bad[i], strlen(bad[i]), &m, err, sizeof(err));
    if (ret != OLIVE_EPROTO || !err[0])
      fprintf(stderr, "accepted malformed #%zu: %s\n", i, bad[i]);
    CHECK(ret == OLIVE_EPROTO && err[0]);
  }
  /* 40 nested arrays: over the depth limit, rejected rather than recursing on. */
  char deep[256] = "{\"global\": {\"x\": ";
  for (int i = 0; i < 40; i++)
    strcat(deep, "[");
  CHECK(olive_sigmf_meta_parse(deep, strlen(deep), &m, err, sizeof(err)) == OLIVE_EPROTO);
  CHECK(strstr(err, "deeper") != NULL);
}

/* Record with a gap and a late transmission, then check the files. */
static void test_record(const char *base)
{
  char args[600];
  snprintf(args, sizeof(args), "tx_file=%s,author=radio test", base);
  olive_radio_t r;
  REQUIRE(olive_radio_open(&r, "file", args, 1) == 0);
  CHECK(olive_radio_set_srate(&r, 1.92e6) == 0);
  CHECK(olive_radio_set_tx_freq(&r, 0, 1842.5e6) == 0);
  REQUIRE(olive_radio_start(&r) == 0);
  olive_radio_cf_t x[100];
  for (int i = 0; i < 100; i++)
    x[i] = test_sample(7, (uint64_t)i);
  x[0] = 1.0f - 2.0f * I;
  const olive_radio_cf_t *tb[1] = {x};
  CHECK(olive_radio_tx(&r, tb, 100, 10, 0) == 100); /* samples 10..109, zeros 0..9 */
  CHECK(olive_radio_tx(&r, tb, 100, 60, 0) == 100); /* 50 late, 50 land at 110..159 */
  olive_radio_counters_t c;
  olive_radio_counters(&r, &c);
  CHECK(c.late == 1 && c.lost_samples == 50);
  olive_radio_close(&r);

  char path[600], text[4096], err[160];
  snprintf(path, sizeof(path), "%s.sigmf-meta", base);
  size_t n = slurp(path, text, sizeof(text));
  olive_sigmf_meta_t m;
  REQUIRE(olive_sigmf_meta_parse(text, n, &m, err, sizeof(err)) == 0);
  CHECK(strcmp(m.datatype, "cf32_le") == 0 && strcmp(m.version, "1.0.0") == 0);
  CHECK(m.sample_rate == 1.92e6 && m.has_frequency && m.frequency == 1842.5e6);
  CHECK(strcmp(m.author, "radio test") == 0);

  static uint8_t raw[4096];
  snprintf(path, sizeof(path), "%s.sigmf-data", base);
  n = slurp(path, (char *)raw, sizeof(raw));
  CHECK(n == 160 * 8);
  static const uint8_t zero8[8];
  CHECK(memcmp(raw, zero8, 8) == 0 && memcmp(raw + 9 * 8, zero8, 8) == 0);
  /* 1.0f = 0x3f800000, -2.0f = 0xc0000000, little-endian, re then im. */
  static const uint8_t one_m2[8] = {0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0};
  CHECK(memcmp(raw + 10 * 8, one_m2, 8) == 0);
  CHECK(memcmp(raw + 11 * 8, &x[1], 99 * 8) == 0);
  CHECK(memcmp(raw + 110 * 8, &x[50], 50 * 8) == 0);
}

static void test_replay(const char *base)
{
  char args[600];
  snprintf(args, sizeof(args), "rx_file=%s.sigmf-data", base);
  olive_radio_t r;
  REQUIRE(olive_radio_open(&r, "file", args, 1) == 0);
  CHECK(olive_radio_set_srate(&r, 3.84e6) == OLIVE_ENOTSUP); /* recorded at 1.92 Msps */
  CHECK(olive_radio_set_srate(&r, 1.92e6) == 0);
  REQUIRE(olive_radio_start(&r) == 0);
  olive_radio_cf_t buf[120];
  olive_radio_cf_t *rb[1] = {buf};
  uint64_t ts = 1;
  CHECK(olive_radio_rx(&r, rb, 120, &ts) == 120 && ts == 0);
  CHECK(buf[0] == 0 && buf[10] == 1.0f - 2.0f * I && buf[11] == test_sample(7, 1));
  CHECK(olive_radio_rx(&r, rb, 120, &ts) == 120 && ts == 120);
  CHECK(buf[0] == test_sample(7, 60) && buf[39] == test_sample(7, 99) && buf[40] == 0);
  CHECK(olive_radio_rx(&r, rb, 120, &ts) == OLIVE_EIO); /* end of the recording */
  olive_radio_close(&r);
  /* loop=true: the second read of 100 covers file samples 100..159 then 0..39. */
  snprintf(args, sizeof(args), "rx_file=%s,loop=true", base);
  REQUIRE(olive_radio_open(&r, "file", args, 1) == 0);
  REQUIRE(olive_radio_start(&r) == 0);
  for (int i = 0; i < 2; i++)
    CHECK(olive_radio_rx(&r, rb, 100, &ts) == 100);
  CHECK(ts == 100 && buf[59] == test_sample(7, 99) && buf[60] == 0);
  CHECK(buf[70] == 1.0f - 2.0f * I);
  olive_radio_close(&r);
}

static void test_bad_meta_file(const char *base)
{
  char path[600], args[600];
  snprintf(path, sizeof(path), "%s_bad.sigmf-meta", base);
  FILE *f = fopen(path, "wb");
  REQUIRE(f);
  fputs("{\"global\": {\"core:datatype\": \"ci16_le\", \"core:version\": \"1.0.0\", "
        "\"core:sample_rate\": 1e6}}",
        f);
  fclose(f);
  snprintf(args, sizeof(args), "rx_file=%s_bad", base);
  olive_radio_t r;
  CHECK(olive_radio_open(&r, "file", args, 1) == OLIVE_ENOTSUP);
  f = fopen(path, "wb");
  fputs("{\"global\": ", f);
  fclose(f);
  CHECK(olive_radio_open(&r, "file", args, 1) == OLIVE_EPROTO);
  unlink(path);
}

int main(int argc, char **argv)
{
  REQUIRE(argc == 2);
  snprintf(dir, sizeof(dir), "/tmp/olive-sigmf-XXXXXX");
  REQUIRE(mkdtemp(dir));
  char base[300];
  snprintf(base, sizeof(base), "%s/capture", dir);
  test_spec_example(argv[1]);
  test_malformed();
  test_record(base);
  test_replay(base);
  test_bad_meta_file(base);
  char path[400];
  snprintf(path, sizeof(path), "%s.sigmf-data", base);
  unlink(path);
  snprintf(path, sizeof(path), "%s.sigmf-meta", base);
  unlink(path);
  rmdir(dir);
  return test_report("radio_sigmf");
}
