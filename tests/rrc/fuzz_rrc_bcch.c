/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target for the BCCH decoders, which read bytes from the air: the same input is
 * decoded as BCCH-BCH (MIB) and as BCCH-DL-SCH (SIB1). Whatever decodes must be valid for
 * the encoder, and encode-decode must give the same struct back (abort() otherwise): the
 * decoder accepts nothing outside the constraints it also enforces on encode. (Fields that
 * SIB1 decoding steps over are not re-sent, so only the skipped_fields flag may differ.) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sib1_check(const uint8_t *data, size_t size)
{
  static rrc_sib1_t s, again;
  static uint8_t out[8192];
  if (rrc_sib1_unpack(data, size, &s) != 0)
    return;
  s.skipped_fields = false; /* what we step over is not sent again */
  int n = rrc_sib1_pack(&s, out, sizeof out, NULL, NULL);
  if (n <= 0 || rrc_sib1_unpack(out, (size_t)n, &again) != 0 || memcmp(&s, &again, sizeof s))
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  rrc_mib_t m, again;
  uint8_t out[RRC_MIB_BYTES];
  if (rrc_mib_unpack(data, size, &m) == 0) {
    if (rrc_mib_pack(&m, out, sizeof out, NULL) != 0 || rrc_mib_unpack(out, 3, &again) != 0 ||
        memcmp(&m, &again, sizeof m))
      abort();
  }
  sib1_check(data, size);
  return 0;
}
