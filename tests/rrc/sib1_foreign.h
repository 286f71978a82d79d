/* SPDX-License-Identifier: Apache-2.0 */
/* A SIB1 as another gNB might send it, written field by field with the UPER primitives from
 * the TS 38.331 v16.9.0 ASN.1: it carries the fields our encoder never sends
 * (connEstFailureControl, uac-BarringInfo with all three optional parts,
 * lateNonCriticalExtension, nonCriticalExtension = SIB1-v1610-IEs) around fields we model
 * (cellAccessRelatedInfo, ue-TimersAndConstants, useFullResumeID). tshark must find it
 * well-formed (test_rrc_tshark); our decoder must step over the rest (test_rrc_sib1). */
#ifndef OLIVE_TEST_SIB1_FOREIGN_H
#define OLIVE_TEST_SIB1_FOREIGN_H

#include "olive/rrc/sib1.h"
#include "olive/rrc/uper.h"

/* What the modelled part decodes to. */
static void sib1_foreign_expected(rrc_sib1_t *s)
{
  memset(s, 0, sizeof *s);
  s->cell_access_related_info.nof_plmn = 1;
  s->cell_access_related_info.plmn[0] = (rrc_plmn_identity_t){true, {0, 0, 1}, 2, {0, 1, 0}};
  s->cell_access_related_info.cell_identity = 0x123456789ull;
  s->cell_access_related_info.cell_reserved_for_operator_use = RRC_CELL_NOT_RESERVED;
  s->has_ue_timers_and_constants = true;
  s->ue_timers_and_constants = (rrc_ue_timers_and_constants_t){
      RRC_T300_MS1000,  RRC_T300_MS2000, RRC_T310_MS500, RRC_N310_N10,
      RRC_T311_MS10000, RRC_N311_N2,     RRC_T300_MS100};
  s->use_full_resume_id = true;
  s->skipped_fields = true;
}

/* Writes the message into out (zeroed by the writer); returns its length in bytes. */
static size_t sib1_foreign(uint8_t *out, size_t cap)
{
  static const uint8_t cell_id[5] = {0x12, 0x34, 0x56, 0x78, 0x90};
  rrc_uper_writer_t w;
  rrc_uper_writer_init(&w, out, cap);
  rrc_uper_put_bits(&w, 0x1, 2); /* c1, systemInformationBlockType1 */
  /* SIB1 presence: cellSelectionInfo 0, connEstFailureControl 1, si-SchedulingInfo 0,
   * servingCellConfigCommon 0, ims 0, eCall 0, ue-TimersAndConstants 1, uac-BarringInfo 1,
   * useFullResumeID 1, lateNonCriticalExtension 1, nonCriticalExtension 1 */
  rrc_uper_put_bits(&w, 0x21F, 11);
  /* cellAccessRelatedInfo: as the minimal SIB1 of test_rrc_sib1 */
  rrc_uper_put_bits(&w, 0, 2);
  rrc_uper_put_int(&w, 1, 1, 12);
  rrc_uper_put_bits(&w, 0, 3);
  rrc_uper_put_int(&w, 1, 1, 12);
  rrc_uper_put_bits(&w, 0x1001, 13);
  rrc_uper_put_bits(&w, 0x01, 9);
  rrc_uper_put_bitstring(&w, cell_id, 36, 36, 36);
  rrc_uper_put_bits(&w, 1, 1);
  /* ConnEstFailureControl: offset present; n3, s120, offset 7 */
  rrc_uper_put_bool(&w, true);
  rrc_uper_put_enum(&w, 2, 4, false);
  rrc_uper_put_enum(&w, 2, 8, false);
  rrc_uper_put_int(&w, 7, 0, 15);
  /* UE-TimersAndConstants: extension bit, then ms1000 ms2000 ms500 n10 ms10000 n2 ms100 */
  rrc_uper_put_bool(&w, false);
  rrc_uper_put_enum(&w, 5, 8, false);
  rrc_uper_put_enum(&w, 7, 8, false);
  rrc_uper_put_enum(&w, 4, 7, false);
  rrc_uper_put_enum(&w, 6, 8, false);
  rrc_uper_put_enum(&w, 3, 7, false);
  rrc_uper_put_enum(&w, 1, 8, false);
  rrc_uper_put_enum(&w, 0, 8, false);
  /* uac-BarringInfo: all three OPTIONAL parts present */
  rrc_uper_put_bits(&w, 0x7, 3);
  rrc_uper_put_int(&w, 2, 1, 63); /* uac-BarringForCommon: (1, 1), (63, 8) */
  rrc_uper_put_int(&w, 1, 1, 63);
  rrc_uper_put_int(&w, 1, 1, 8);
  rrc_uper_put_int(&w, 63, 1, 63);
  rrc_uper_put_int(&w, 8, 1, 8);
  rrc_uper_put_int(&w, 1, 1, 12);       /* uac-BarringPerPLMN-List: one entry */
  rrc_uper_put_bool(&w, true);          /* uac-ACBarringListType present */
  rrc_uper_put_int(&w, 1, 1, 12);       /* plmn-IdentityIndex 1 */
  rrc_uper_put_choice(&w, 1, 2, false); /* uac-ExplicitACBarringList: (5, 2) */
  rrc_uper_put_int(&w, 1, 1, 63);
  rrc_uper_put_int(&w, 5, 1, 63);
  rrc_uper_put_int(&w, 2, 1, 8);
  rrc_uper_put_int(&w, 2, 1, 8); /* uac-BarringInfoSetList: (p50, s16, 1010101), (p00, s512, 0) */
  rrc_uper_put_enum(&w, 8, 16, false);
  rrc_uper_put_enum(&w, 2, 8, false);
  rrc_uper_put_bits(&w, 0x55, 7);
  rrc_uper_put_enum(&w, 0, 16, false);
  rrc_uper_put_enum(&w, 7, 8, false);
  rrc_uper_put_bits(&w, 0, 7);
  rrc_uper_put_choice(&w, 1, 2, false); /* individualPLMNList: a, c */
  rrc_uper_put_int(&w, 2, 2, 12);
  rrc_uper_put_enum(&w, 0, 3, false);
  rrc_uper_put_enum(&w, 2, 3, false);
  /* useFullResumeID ENUMERATED {true}: no bits. lateNonCriticalExtension: 2 octets */
  rrc_uper_put_octets(&w, (const uint8_t[]){0xDE, 0xAD}, 2, 0, SIZE_MAX);
  /* SIB1-v1610-IEs: idleModeMeasurementsNR-r16 present ({true}: no bits), rest absent */
  rrc_uper_put_bits(&w, 0x4, 4);
  return w.err ? 0 : rrc_uper_writer_bytes(&w);
}

/* Copies bits [from, to) of src into w. */
static void copy_bits(rrc_uper_writer_t *w, const uint8_t *src, size_t from, size_t to)
{
  for (size_t i = from; i < to; i++)
    rrc_uper_put_bits(w, src[i / 8] >> (7 - i % 8) & 1, 1);
}

/* Our srsUE default SIB1 with the minimal cellAccessRelatedInfo and no cellSelectionInfo,
 * re-written with an nr-NS-PmaxList in the DL NR-MultiBandInfo, as a real gNB may send.
 * The list's place follows from the ASN.1: 2 + 11 header bits, 72 bits of
 * cellAccessRelatedInfo, then ServingCellConfigCommonSIB's extension bit and 4 presence
 * bits (85..89), DownlinkConfigCommonSIB's extension bit (90), the frequencyBandList size
 * (91..93), NR-MultiBandInfo's presence bits (94 freqBandIndicatorNR, 95 nr-NS-PmaxList),
 * freqBandIndicatorNR (96..105); the list goes at 106. *expected gets the struct. */
static size_t sib1_with_pmax_list(uint8_t *out, size_t cap, rrc_sib1_t *expected)
{
  uint8_t plain[RRC_SIB1_MAX_BYTES];
  size_t nbits;
  rrc_sib1_cell_cfg_t cfg;
  rrc_sib1_t minimal;
  rrc_uper_writer_t w;
  sib1_foreign_expected(&minimal);
  rrc_sib1_cell_cfg_default(&cfg);
  rrc_sib1_build_default(&cfg, expected);
  expected->has_cell_selection_info = false;
  memset(&expected->cell_selection_info, 0, sizeof expected->cell_selection_info);
  expected->cell_access_related_info = minimal.cell_access_related_info;
  if (rrc_sib1_pack(expected, plain, sizeof plain, &nbits, NULL) <= 0)
    return 0;
  expected->skipped_fields = true;
  rrc_uper_writer_init(&w, out, cap);
  copy_bits(&w, plain, 0, 95);
  rrc_uper_put_bits(&w, 1, 1); /* nr-NS-PmaxList present */
  copy_bits(&w, plain, 96, 106);
  rrc_uper_put_int(&w, 2, 1, 8); /* two NR-NS-PmaxValue */
  rrc_uper_put_bool(&w, true);   /* additionalPmax 23 dBm, additionalSpectrumEmission 3 */
  rrc_uper_put_int(&w, 23, -30, 33);
  rrc_uper_put_int(&w, 3, 0, 7);
  rrc_uper_put_bool(&w, false); /* additionalSpectrumEmission 7 */
  rrc_uper_put_int(&w, 7, 0, 7);
  copy_bits(&w, plain, 106, nbits);
  return w.err ? 0 : rrc_uper_writer_bytes(&w);
}

#endif
