/* SPDX-License-Identifier: Apache-2.0 */
/* pcap writer: the file has the libpcap global header (pcap-savefile(5)) and every
 * record, byte-exact, in order; two-part records are joined. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "olive/support/error.h"
#include "olive/support/pcap.h"

static void test_file_layout(void **state)
{
  (void)state;
  char path[64];
  snprintf(path, sizeof(path), "/tmp/olive-pcap-test-%d.pcap", (int)getpid());
  olive_pcap_t *p = olive_pcap_open(path, OLIVE_PCAP_DLT_USER2, 0);
  assert_non_null(p);
  uint8_t rec[300];
  for (int i = 0; i < 100; i++) {
    for (int j = 0; j < 300; j++)
      rec[j] = (uint8_t)(i + j);
    if (i % 2)
      assert_int_equal(olive_pcap_write(p, rec, (size_t)(i + 1)), 0);
    else
      assert_int_equal(olive_pcap_write2(p, rec, 5, rec + 5, (size_t)i), 0);
  }
  assert_int_equal(olive_pcap_write(p, rec, OLIVE_PCAP_MAX_RECORD + 1), OLIVE_EINVAL);
  assert_int_equal(olive_pcap_dropped(p), 0);
  olive_pcap_close(p);

  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  uint8_t gh[24];
  assert_int_equal(fread(gh, 1, 24, f), 24);
  static const uint8_t expect_gh[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2,    0,    4, 0, 0,   0, 0, 0,
                                        0,    0,    0,    0,    0xff, 0xff, 0, 0, 149, 0, 0, 0};
  assert_memory_equal(gh, expect_gh, 24);
  for (int i = 0; i < 100; i++) {
    uint32_t rh[4];
    assert_int_equal(fread(rh, 4, 4, f), 4);
    size_t len = i % 2 ? (size_t)(i + 1) : (size_t)(5 + i);
    assert_int_equal(rh[2], len);
    assert_int_equal(rh[3], len);
    assert_true(rh[0] > 1600000000u);
    assert_true(rh[1] < 1000000u);
    uint8_t got[300];
    assert_int_equal(fread(got, 1, len, f), len);
    for (size_t j = 0; j < len; j++)
      assert_int_equal(got[j], (uint8_t)(i + (int)j));
  }
  uint8_t extra;
  assert_int_equal(fread(&extra, 1, 1, f), 0);
  fclose(f);
  unlink(path);
  assert_null(olive_pcap_open("/nonexistent-dir/x.pcap", 149, 0));
  olive_pcap_close(NULL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_file_layout)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
