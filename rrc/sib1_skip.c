/* SPDX-License-Identifier: Apache-2.0 */
/* Decode-only walkers for SIB1 fields we never send but other gNBs do (TS 38.331 v16.9.0):
 * ConnEstFailureControl, uac-BarringInfo, NR-NS-PmaxList. They read and check every bit
 * of the type and keep nothing, so a commercial cell's SIB1 still decodes. Only reached
 * when a presence bit said so, which our encoder never sets. */
#include "sib1_internal.h"

/* ConnEstFailureControl: 1 OPTIONAL, no "..." */
void rrc_cx_skip_conn_est_failure_control(rrc_codec_t *c)
{
  bool offset = false;
  int64_t v = 0;
  cx_bool(c, "connEstFailOffset", &offset);
  cx_enum(c, "connEstFailCount", &v, 4, false);
  cx_enum(c, "connEstFailOffsetValidity", &v, 8, false);
  if (offset)
    cx_int(c, "connEstFailOffset", &v, 0, 15);
  c->skipped = true;
}

/* UAC-BarringPerCatList ::= SEQUENCE (SIZE (1..maxAccessCat-1 = 63)) OF UAC-BarringPerCat */
static void skip_barring_per_cat_list(rrc_codec_t *c)
{
  int64_t n = 0, v = 0;
  cx_int(c, "UAC-BarringPerCatList", &n, 1, 63);
  for (int64_t i = 0; i < n && !c->err; i++) {
    cx_int(c, "accessCategory", &v, 1, 63);
    cx_int(c, "uac-barringInfoSetIndex", &v, 1, 8); /* maxBarringInfoSet */
  }
}

/* UAC-BarringPerPLMN: 1 OPTIONAL CHOICE {implicit SIZE (63) OF index, explicit list} */
static void skip_barring_per_plmn(rrc_codec_t *c)
{
  bool list_type = false;
  int64_t v = 0;
  cx_bool(c, "uac-ACBarringListType", &list_type);
  cx_int(c, "plmn-IdentityIndex", &v, 1, 12);
  if (!list_type)
    return;
  cx_int(c, "uac-ACBarringListType", &v, 0, 1);
  if (c->err)
    return;
  if (v == 1) {
    skip_barring_per_cat_list(c);
    return;
  }
  for (int i = 0; i < 63 && !c->err; i++) /* fixed size: no length */
    cx_int(c, "uac-ImplicitACBarringList", &v, 1, 8);
}

/* SIB1 uac-BarringInfo SEQUENCE: 3 OPTIONAL, no "..." */
void rrc_cx_skip_uac_barring_info(rrc_codec_t *c)
{
  bool common = false, per_plmn = false, assist = false;
  int64_t n = 0, v = 0;
  uint64_t bits = 0;
  cx_bool(c, "uac-BarringForCommon", &common);
  cx_bool(c, "uac-BarringPerPLMN-List", &per_plmn);
  cx_bool(c, "uac-AccessCategory1-SelectionAssistanceInfo", &assist);
  if (common)
    skip_barring_per_cat_list(c);
  if (per_plmn) {
    cx_int(c, "uac-BarringPerPLMN-List", &n, 1, 12);
    for (int64_t i = 0; i < n && !c->err; i++)
      skip_barring_per_plmn(c);
  }
  cx_int(c, "uac-BarringInfoSetList", &n, 1, 8);
  for (int64_t i = 0; i < n && !c->err; i++) {
    cx_enum(c, "uac-BarringFactor", &v, 16, false);
    cx_enum(c, "uac-BarringTime", &v, 8, false);
    cx_bits(c, "uac-BarringForAccessIdentity", &bits, 7);
  }
  if (assist) { /* CHOICE {plmnCommon ENUMERATED {a, b, c}, individualPLMNList SIZE (2..12)} */
    cx_int(c, "uac-AccessCategory1-SelectionAssistanceInfo", &v, 0, 1);
    n = 1;
    if (!c->err && v == 1)
      cx_int(c, "individualPLMNList", &n, 2, 12);
    for (int64_t i = 0; i < n && !c->err; i++)
      cx_enum(c, "UAC-AccessCategory1-SelectionAssistanceInfo", &v, 3, false);
  }
  c->skipped = true;
}

/* NR-NS-PmaxList ::= SEQUENCE (SIZE (1..maxNR-NS-Pmax = 8)) OF NR-NS-PmaxValue */
void rrc_cx_skip_nr_ns_pmax_list(rrc_codec_t *c)
{
  int64_t n = 0, v = 0;
  cx_int(c, "nr-NS-PmaxList", &n, 1, 8);
  for (int64_t i = 0; i < n && !c->err; i++) {
    bool pmax = false;
    cx_bool(c, "additionalPmax", &pmax);
    if (pmax)
      cx_int(c, "additionalPmax", &v, -30, 33);
    cx_int(c, "additionalSpectrumEmission", &v, 0, 7);
  }
  c->skipped = true;
}
