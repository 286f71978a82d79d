/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy crc: CRC attachment and check of TS 38.212 5.1 through olive/phy/crc.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrphy.h"
#include "olive/phy/crc.h"
#include "olive/support/api.h"

/* Index = phy_crc_type_t. */
static const char *const crc_names[] = {"crc6", "crc11", "crc16", "crc24a", "crc24b", "crc24c"};
static const char *const mode_names[] = {"attach", "check"};

static int crc_attach(phy_crc_type_t type, const uint8_t *bits, size_t a_len, const char *out)
{
  unsigned l = phy_crc_len(type);
  uint8_t *buf = malloc(a_len + l);
  if (buf == NULL) {
    return NRPHY_EXIT_FAIL;
  }
  memcpy(buf, bits, a_len);
  phy_crc_attach_bits(type, buf, a_len);
  int rc = nrphy_write(out, buf, a_len + l);
  free(buf);
  return rc;
}

static int crc_check(phy_crc_type_t type, const uint8_t *bits, size_t len, const char *out)
{
  size_t a_len = len - phy_crc_len(type);
  int ok = phy_crc_check_bits(type, bits, a_len) == 0;
  fprintf(stderr, "crc: %s %s\n", phy_crc_name(type), ok ? "ok" : "fail");
  int rc = out != NULL ? nrphy_write(out, bits, a_len) : 0;
  return rc != 0 ? rc : (ok ? 0 : NRPHY_EXIT_FAIL);
}

int nrphy_crc(nrphy_args_t *a)
{
  unsigned type, mode;
  int rc = nrphy_opt_enum(a, "type", crc_names, OLIVE_ARRAY_SIZE(crc_names), PHY_CRC24A, &type);
  if (rc == 0) {
    rc = nrphy_opt_enum(a, "mode", mode_names, OLIVE_ARRAY_SIZE(mode_names), 0, &mode);
  }
  if (rc == 0) {
    rc = nrphy_args_finish(a, mode == 0);
  }
  if (rc != 0) {
    return rc;
  }
  size_t len;
  uint8_t *bits = nrphy_read_all(a->in, &len);
  if (bits == NULL || nrphy_check_bits(a->in, bits, len) != 0) {
    free(bits);
    return NRPHY_EXIT_FAIL;
  }
  unsigned l = phy_crc_len((phy_crc_type_t)type);
  if (mode == 1 && len < l) {
    fprintf(stderr, "nrphy: %s: wrong size: expected at least %u bits (the CRC), got %zu\n", a->in,
            l, len);
    rc = NRPHY_EXIT_FAIL;
  } else if (mode == 1) {
    rc = crc_check((phy_crc_type_t)type, bits, len, a->out);
  } else {
    rc = crc_attach((phy_crc_type_t)type, bits, len, a->out);
  }
  free(bits);
  return rc;
}
