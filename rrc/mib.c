/* SPDX-License-Identifier: Apache-2.0 */
/* MIB codec, TS 38.331 v16.9.0 6.2.2 (BCCH-BCH-Message, MIB, PDCCH-ConfigSIB1). */
#include <string.h>

#include "olive/rrc/mib.h"
#include "olive/support/error.h"
#include "rrc_codec_internal.h"

/* MIB ::= SEQUENCE: no extension marker, no OPTIONAL field, so no preamble. */
static void mib_codec(rrc_codec_t *c, rrc_mib_t *m)
{
  CX_BITS(c, "systemFrameNumber", m->system_frame_number, 6);
  CX_ENUM(c, "subCarrierSpacingCommon", m->sub_carrier_spacing_common, 2);
  CX_INT(c, "ssb-SubcarrierOffset", m->ssb_subcarrier_offset, 0, 15);
  CX_ENUM(c, "dmrs-TypeA-Position", m->dmrs_type_a_position, 2);
  CX_INT(c, "controlResourceSetZero", m->control_resource_set_zero, 0, 15);
  CX_INT(c, "searchSpaceZero", m->search_space_zero, 0, 15);
  CX_ENUM(c, "cellBarred", m->cell_barred, 2);
  CX_ENUM(c, "intraFreqReselection", m->intra_freq_reselection, 2);
  CX_BITS(c, "spare", m->spare, 1);
}

/* BCCH-BCH-MessageType ::= CHOICE { mib, messageClassExtension }: one index bit. */
static void bcch_bch_codec(rrc_codec_t *c, rrc_mib_t *m)
{
  int64_t choice = 0;
  cx_int(c, "BCCH-BCH-MessageType", &choice, 0, 1);
  cx_absent(c, "messageClassExtension", choice == 1);
  mib_codec(c, m);
}

int rrc_mib_pack(const rrc_mib_t *mib, uint8_t *out, size_t cap, const char **bad_field)
{
  rrc_uper_writer_t w;
  rrc_mib_t tmp = *mib; /* the codec takes a mutable struct; encoding never writes it */
  rrc_codec_t c = {.w = &w};
  if (bad_field)
    *bad_field = NULL;
  if (cap < RRC_MIB_BYTES)
    return OLIVE_ERANGE;
  rrc_uper_writer_init(&w, out, RRC_MIB_BYTES);
  bcch_bch_codec(&c, &tmp);
  if (c.err && bad_field)
    *bad_field = c.field;
  return c.err;
}

int rrc_mib_unpack(const uint8_t *buf, size_t len, rrc_mib_t *mib)
{
  rrc_uper_reader_t r;
  rrc_codec_t c = {.r = &r};
  memset(mib, 0, sizeof *mib);
  if (!buf || len < RRC_MIB_BYTES)
    return OLIVE_EPROTO;
  rrc_uper_reader_init(&r, buf, RRC_MIB_BITS);
  bcch_bch_codec(&c, mib);
  return c.err;
}
