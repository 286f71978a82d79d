/* SPDX-License-Identifier: Apache-2.0 */
/* SIB1 (TS 38.331 v16.9.0 6.2.2) inside BCCH-DL-SCH-Message: cellSelectionInfo,
 * CellAccessRelatedInfo, SI-SchedulingInfo, UE-TimersAndConstants, and the entry points. */
#include <string.h>

#include "olive/support/error.h"
#include "sib1_internal.h"

/* SIB1 cellSelectionInfo SEQUENCE: 4 OPTIONAL, no "..." */
static void cx_cell_selection_info(rrc_codec_t *c, rrc_cell_selection_info_t *s)
{
  cx_bool(c, "q-RxLevMinOffset", &s->has_q_rx_lev_min_offset);
  cx_bool(c, "q-RxLevMinSUL", &s->has_q_rx_lev_min_sul);
  cx_bool(c, "q-QualMin", &s->has_q_qual_min);
  cx_bool(c, "q-QualMinOffset", &s->has_q_qual_min_offset);
  CX_INT(c, "q-RxLevMin", s->q_rx_lev_min, -70, -22);
  if (s->has_q_rx_lev_min_offset)
    CX_INT(c, "q-RxLevMinOffset", s->q_rx_lev_min_offset, 1, 8);
  if (s->has_q_rx_lev_min_sul)
    CX_INT(c, "q-RxLevMinSUL", s->q_rx_lev_min_sul, -70, -22);
  if (s->has_q_qual_min)
    CX_INT(c, "q-QualMin", s->q_qual_min, -43, -12);
  if (s->has_q_qual_min_offset)
    CX_INT(c, "q-QualMinOffset", s->q_qual_min_offset, 1, 8);
}

/* PLMN-Identity: 1 OPTIONAL (mcc), no "..."; MCC ::= SEQUENCE (SIZE (3)) OF MCC-MNC-Digit,
 * MNC ::= SEQUENCE (SIZE (2..3)) OF MCC-MNC-Digit, MCC-MNC-Digit ::= INTEGER (0..9) */
static void cx_plmn_identity(rrc_codec_t *c, rrc_plmn_identity_t *p)
{
  cx_bool(c, "mcc", &p->has_mcc);
  if (p->has_mcc)
    for (unsigned i = 0; i < 3; i++)
      CX_INT(c, "mcc", p->mcc[i], 0, 9);
  CX_SIZE(c, "mnc", p->nof_mnc_digits, 2, 3, 3);
  for (unsigned i = 0; i < p->nof_mnc_digits && !c->err; i++)
    CX_INT(c, "mnc", p->mnc[i], 0, 9);
}

/* PLMN-IdentityInfo: "...", 2 OPTIONAL (trackingAreaCode, ranac) */
static void cx_plmn_identity_info(rrc_codec_t *c, rrc_cell_access_related_info_t *a)
{
  bool ext;
  cx_ext(c, &ext);
  cx_bool(c, "trackingAreaCode", &a->has_tracking_area_code);
  cx_bool(c, "ranac", &a->has_ranac);
  CX_SIZE(c, "plmn-IdentityList", a->nof_plmn, 1, 12, RRC_MAX_PLMN); /* maxPLMN */
  for (unsigned i = 0; i < a->nof_plmn && !c->err; i++)
    cx_plmn_identity(c, &a->plmn[i]);
  if (a->has_tracking_area_code)
    CX_BITS(c, "trackingAreaCode", a->tracking_area_code, 24);
  if (a->has_ranac)
    CX_INT(c, "ranac", a->ranac, 0, 255);
  CX_BITS(c, "cellIdentity", a->cell_identity, 36);
  CX_ENUM(c, "cellReservedForOperatorUse", a->cell_reserved_for_operator_use, 2);
  cx_ext_end(c, ext);
}

/* CellAccessRelatedInfo: "...", 1 OPTIONAL; a plmn-IdentityInfoList of exactly one entry */
static void cx_cell_access_related_info(rrc_codec_t *c, rrc_cell_access_related_info_t *a)
{
  bool ext;
  int64_t n = 1;
  cx_ext(c, &ext);
  cx_bool(c, "cellReservedForOtherUse", &a->cell_reserved_for_other_use);
  cx_size(c, "plmn-IdentityInfoList", &n, 1, 12, 1);
  cx_plmn_identity_info(c, a);
  if (a->cell_reserved_for_other_use) {
    int64_t t = 0; /* ENUMERATED {true} */
    cx_enum(c, "cellReservedForOtherUse", &t, 1, false);
  }
  cx_ext_end(c, ext);
}

/* SIB-TypeInfo: 2 OPTIONAL, no "..."; type is an extensible ENUMERATED of 16 root values */
static void cx_sib_type_info(rrc_codec_t *c, rrc_sib_type_info_t *t)
{
  cx_bool(c, "valueTag", &t->has_value_tag);
  cx_bool(c, "areaScope", &t->area_scope);
  CX_ENUM_EXT(c, "type", t->type, 16);
  if (t->has_value_tag)
    CX_INT(c, "valueTag", t->value_tag, 0, 31);
  if (t->area_scope) {
    int64_t v = 0; /* ENUMERATED {true} */
    cx_enum(c, "areaScope", &v, 1, false);
  }
}

/* SchedulingInfo: no OPTIONAL, no "..."; SIB-Mapping SIZE (1..maxSIB = 32) */
static void cx_scheduling_info(rrc_codec_t *c, rrc_scheduling_info_t *s)
{
  CX_ENUM(c, "si-BroadcastStatus", s->si_broadcast_status, 2);
  CX_ENUM(c, "si-Periodicity", s->si_periodicity, 7);
  CX_SIZE(c, "sib-MappingInfo", s->nof_sib, 1, 32, RRC_MAX_SIB_PER_SI);
  for (unsigned i = 0; i < s->nof_sib && !c->err; i++)
    cx_sib_type_info(c, &s->sib[i]);
}

/* SI-SchedulingInfo: "...", 3 OPTIONAL (si-RequestConfig, -SUL never sent) */
static void cx_si_scheduling_info(rrc_codec_t *c, rrc_si_scheduling_info_t *s)
{
  bool ext, req = false, req_sul = false;
  cx_ext(c, &ext);
  cx_bool(c, "si-RequestConfig", &req);
  cx_absent(c, "si-RequestConfig", req);
  cx_bool(c, "si-RequestConfigSUL", &req_sul);
  cx_absent(c, "si-RequestConfigSUL", req_sul);
  cx_bool(c, "systemInformationAreaID", &s->has_system_information_area_id);
  CX_SIZE(c, "schedulingInfoList", s->nof_si, 1, 32, RRC_MAX_SI); /* maxSI-Message */
  for (unsigned i = 0; i < s->nof_si && !c->err; i++)
    cx_scheduling_info(c, &s->si[i]);
  CX_ENUM(c, "si-WindowLength", s->si_window_length, 9);
  if (s->has_system_information_area_id)
    CX_BITS(c, "systemInformationAreaID", s->system_information_area_id, 24);
  cx_ext_end(c, ext);
}

/* UE-TimersAndConstants: "...", no OPTIONAL */
static void cx_ue_timers(rrc_codec_t *c, rrc_ue_timers_and_constants_t *t)
{
  bool ext;
  cx_ext(c, &ext);
  CX_ENUM(c, "t300", t->t300, 8);
  CX_ENUM(c, "t301", t->t301, 8);
  CX_ENUM(c, "t310", t->t310, 7);
  CX_ENUM(c, "n310", t->n310, 8);
  CX_ENUM(c, "t311", t->t311, 7);
  CX_ENUM(c, "n311", t->n311, 8);
  CX_ENUM(c, "t319", t->t319, 8);
  cx_ext_end(c, ext);
}

/* ENUMERATED {true} OPTIONAL: the presence bit is the value; the enum itself has 0 bits. */
static void cx_true_value(rrc_codec_t *c, const char *name, bool present)
{
  int64_t t = 0;
  if (present)
    cx_enum(c, name, &t, 1, false);
}

/* SIB1: 11 OPTIONAL, no "..."; connEstFailureControl, uac-BarringInfo,
 * lateNonCriticalExtension and nonCriticalExtension are never sent and skipped on decode */
static void cx_sib1(rrc_codec_t *c, rrc_sib1_t *s)
{
  bool conn_est = false, uac = false, late = false, nce = false;
  cx_bool(c, "cellSelectionInfo", &s->has_cell_selection_info);
  cx_bool(c, "connEstFailureControl", &conn_est);
  cx_bool(c, "si-SchedulingInfo", &s->has_si_scheduling_info);
  cx_bool(c, "servingCellConfigCommon", &s->has_serving_cell_config_common);
  cx_bool(c, "ims-EmergencySupport", &s->ims_emergency_support);
  cx_bool(c, "eCallOverIMS-Support", &s->ecall_over_ims_support);
  cx_bool(c, "ue-TimersAndConstants", &s->has_ue_timers_and_constants);
  cx_bool(c, "uac-BarringInfo", &uac);
  cx_bool(c, "useFullResumeID", &s->use_full_resume_id);
  cx_bool(c, "lateNonCriticalExtension", &late);
  cx_bool(c, "nonCriticalExtension", &nce);
  if (s->has_cell_selection_info)
    cx_cell_selection_info(c, &s->cell_selection_info);
  cx_cell_access_related_info(c, &s->cell_access_related_info);
  if (conn_est)
    rrc_cx_skip_conn_est_failure_control(c);
  if (s->has_si_scheduling_info)
    cx_si_scheduling_info(c, &s->si_scheduling_info);
  if (s->has_serving_cell_config_common)
    rrc_cx_serving_cell_config_common_sib(c, &s->serving_cell_config_common);
  cx_true_value(c, "ims-EmergencySupport", s->ims_emergency_support);
  cx_true_value(c, "eCallOverIMS-Support", s->ecall_over_ims_support);
  if (s->has_ue_timers_and_constants)
    cx_ue_timers(c, &s->ue_timers_and_constants);
  if (uac)
    rrc_cx_skip_uac_barring_info(c);
  cx_true_value(c, "useFullResumeID", s->use_full_resume_id);
  if (late)
    cx_skip_octets(c, "lateNonCriticalExtension");
  /* nonCriticalExtension (SIB1-v1610-IEs and its Rel-16/17 chain) is the last field: we stop
   * before it, everything we model has been read. */
  c->skipped |= nce;
}

/* BCCH-DL-SCH-MessageType ::= CHOICE {c1 CHOICE {systemInformation, systemInformationBlockType1},
 * messageClassExtension}: one bit each, no "..." */
static void cx_bcch_dl_sch(rrc_codec_t *c, rrc_sib1_t *s)
{
  int64_t outer = 0, c1 = 1;
  cx_int(c, "BCCH-DL-SCH-MessageType", &outer, 0, 1);
  cx_absent(c, "messageClassExtension", outer == 1);
  cx_int(c, "c1", &c1, 0, 1);
  cx_absent(c, "systemInformation", c1 == 0);
  cx_sib1(c, s);
}

int rrc_sib1_pack(const rrc_sib1_t *sib1, uint8_t *out, size_t cap, size_t *nbits,
                  const char **bad_field)
{
  rrc_uper_writer_t w;
  rrc_sib1_t tmp = *sib1; /* the codec takes a mutable struct; encoding never changes it */
  rrc_codec_t c = {.w = &w};
  if (bad_field)
    *bad_field = NULL;
  if (nbits)
    *nbits = 0;
  rrc_uper_writer_init(&w, out, cap);
  cx_bcch_dl_sch(&c, &tmp);
  if (c.err) {
    if (bad_field)
      *bad_field = c.field;
    return c.err;
  }
  if (nbits)
    *nbits = w.nbits;
  return (int)rrc_uper_writer_bytes(&w);
}

int rrc_sib1_unpack(const uint8_t *buf, size_t len, rrc_sib1_t *sib1)
{
  rrc_uper_reader_t r;
  rrc_codec_t c = {.r = &r};
  memset(sib1, 0, sizeof *sib1);
  if (!buf || len == 0 || len > SIZE_MAX / 8)
    return OLIVE_EPROTO;
  rrc_uper_reader_init(&r, buf, len * 8);
  cx_bcch_dl_sch(&c, sib1);
  sib1->skipped_fields = c.skipped && !c.err;
  return c.err;
}
