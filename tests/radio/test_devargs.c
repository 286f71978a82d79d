/* SPDX-License-Identifier: Apache-2.0 */
/* device_args parser: the srsRAN ZMQ examples (INTEROP.md) and UHD-style strings parse
 * to the expected pairs; every malformed form is rejected with a message. */
#include <string.h>

#include "olive/radio/devargs.h"
#include "olive/support/error.h"
#include "radio_test.h"

static void test_srsran_string(void)
{
  olive_devargs_t a;
  /* The srsRAN tutorial's gNB device_args, verbatim (INTEROP.md). */
  const char *s =
      "tx_port=tcp://127.0.0.1:2000,rx_port=tcp://127.0.0.1:2001,base_srate=23.04e6,id=gnb";
  REQUIRE(olive_devargs_parse(&a, s) == OLIVE_OK);
  CHECK(a.n == 4);
  CHECK(strcmp(olive_devargs_get(&a, "tx_port"), "tcp://127.0.0.1:2000") == 0);
  CHECK(strcmp(olive_devargs_get(&a, "rx_port"), "tcp://127.0.0.1:2001") == 0);
  CHECK(strcmp(olive_devargs_get(&a, "id"), "gnb") == 0);
  double d = 0;
  CHECK(olive_devargs_get_double(&a, "base_srate", 0, 0, 1e9, &d) == OLIVE_OK);
  CHECK(d == 23.04e6);
  CHECK(olive_devargs_unused(&a) == NULL);
  CHECK(olive_devargs_get(&a, "nope") == NULL);
}

static void test_typed(void)
{
  olive_devargs_t a;
  REQUIRE(olive_devargs_parse(&a, " trx_timeout_ms = 150 , fail_on_disconnect, x=off,y=") == 0);
  int64_t v = 0;
  bool b = false;
  CHECK(olive_devargs_get_int(&a, "trx_timeout_ms", 2000, 10, 100000, &v) == 0 && v == 150);
  CHECK(olive_devargs_get_bool(&a, "fail_on_disconnect", false, &b) == 0 && b);
  CHECK(olive_devargs_get_bool(&a, "x", true, &b) == 0 && !b);
  CHECK(olive_devargs_get_int(&a, "absent", 7, 0, 10, &v) == 0 && v == 7);
  CHECK(olive_devargs_unused(&a) && strcmp(olive_devargs_unused(&a), "y") == 0);
  CHECK(olive_devargs_get_int(&a, "y", 0, 0, 10, &v) == OLIVE_ECONFIG);
  REQUIRE(olive_devargs_parse(&a, "n=12x,m=5000,f=1e3.5,g=maybe") == 0);
  CHECK(olive_devargs_get_int(&a, "n", 0, 0, 100, &v) == OLIVE_ECONFIG);
  CHECK(strstr(a.err, "n='12x'") != NULL);
  CHECK(olive_devargs_get_int(&a, "m", 0, 0, 100, &v) == OLIVE_ECONFIG);
  double d;
  CHECK(olive_devargs_get_double(&a, "f", 0, 0, 1e9, &d) == OLIVE_ECONFIG);
  CHECK(olive_devargs_get_bool(&a, "g", false, &b) == OLIVE_ECONFIG);
}

static void test_malformed(void)
{
  static const char *const bad[] = {
      "=x",
      ",a=1",
      "a=1,,b=2",
      "a b=1",
      "a=1,a=2",
      "k-ey=1",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=1",
  };
  olive_devargs_t a;
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    int ret = olive_devargs_parse(&a, bad[i]);
    if (ret != OLIVE_ECONFIG || a.err[0] == '\0')
      fprintf(stderr, "accepted malformed '%s'\n", bad[i]);
    CHECK(ret == OLIVE_ECONFIG && a.err[0] != '\0');
  }
  char big[600];
  memset(big, 'v', sizeof(big));
  memcpy(big, "k=", 2);
  big[sizeof(big) - 1] = '\0';
  CHECK(olive_devargs_parse(&a, big) == OLIVE_ECONFIG);
  CHECK(olive_devargs_parse(&a, NULL) == OLIVE_OK && a.n == 0);
  CHECK(olive_devargs_parse(&a, "") == OLIVE_OK && a.n == 0);
  CHECK(olive_devargs_parse(&a, "a=1,") == OLIVE_OK && a.n == 1);
}

int main(void)
{
  test_srsran_string();
  test_typed();
  test_malformed();
  return test_report("radio_devargs");
}
