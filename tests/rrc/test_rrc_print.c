/* SPDX-License-Identifier: Apache-2.0 */
/* One-line renderings: the hand-worked MIB and the srsUE default SIB1 (whose values are
 * listed in shared/INTEROP.md and rrc/sib1_default.c) against the exact expected lines,
 * enum names as in TS 38.331; snprintf-style truncation. */
#include <string.h>

#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"
#include "olive_test.h"

int main(void)
{
  char line[512];
  rrc_mib_t m = {.system_frame_number = 0x12,
                 .control_resource_set_zero = 12,
                 .cell_barred = RRC_CELL_NOT_BARRED};
  const char *mib_line = "sfn_msbs=18 scs_common=scs15or60 k_ssb=0 dmrs_type_a=pos2 coreset0=12 "
                         "ss0=0 cell_barred=notBarred intra_freq_reselection=allowed";
  int n = rrc_mib_to_str(&m, line, sizeof line);
  CHECK(n == (int)strlen(mib_line) && strcmp(line, mib_line) == 0, "MIB line '%s'", line);

  rrc_sib1_cell_cfg_t cfg;
  static rrc_sib1_t s;
  rrc_sib1_cell_cfg_default(&cfg);
  CHECK(rrc_sib1_build_default(&cfg, &s) == 0, "default");
  const char *sib1_line =
      "plmn=001-01 tac=7 cell_id=0x00066c000 q_rx_lev_min=-70 band=n3 dl_prb=106 scs=kHz15 "
      "offset_to_point_a=40 coreset0=12 ss0=0 ul_point_a_arfcn=347592 prach_config_index=1 "
      "msg1_fdm=one msg1_frequency_start=1 zero_correlation_zone=0 root=l839:1 ssb_in_burst=0x80 "
      "ssb_period=ms10 ss_pbch_power=-16 duplex=fdd t300=ms1000 t301=ms1000";
  n = rrc_sib1_to_str(&s, line, sizeof line);
  CHECK(n == (int)strlen(sib1_line) && strcmp(line, sib1_line) == 0, "SIB1 line '%s'", line);

  /* TDD pattern rendering: 30 kHz reference, 5 ms, 7 DL slots + 6 symbols, 2 UL + 4 */
  s.serving_cell_config_common.has_tdd_ul_dl_configuration_common = true;
  s.serving_cell_config_common.tdd_ul_dl_configuration_common =
      (rrc_tdd_ul_dl_config_common_t){RRC_SCS_KHZ30, {RRC_TDD_MS5, 7, 6, 2, 4}, false, {0}};
  rrc_sib1_to_str(&s, line, sizeof line);
  CHECK(strstr(line, " tdd=kHz30:ms5:dl7+6sym:ul2+4sym ") != NULL, "TDD line '%s'", line);

  /* truncation: NUL-terminated prefix, full length returned */
  char small[8];
  n = rrc_mib_to_str(&m, small, sizeof small);
  CHECK(n == (int)strlen(mib_line) && strcmp(small, "sfn_msb") == 0, "truncated '%s'", small);
  CHECK(strcmp(rrc_scs_name(RRC_SCS_KHZ120), "kHz120") == 0 && strcmp(rrc_scs_name(9), "?") == 0,
        "scs names");
  return olive_test_done();
}
