/* SPDX-License-Identifier: Apache-2.0 */
/* SIB1 IE codecs shared between the SIB1 files (not part of the API). */
#ifndef OLIVE_RRC_SIB1_INTERNAL_H
#define OLIVE_RRC_SIB1_INTERNAL_H

#include "olive/rrc/sib1.h"
#include "rrc_codec_internal.h"

void rrc_cx_downlink_config_common_sib(rrc_codec_t *c, rrc_downlink_config_common_sib_t *d);
void rrc_cx_uplink_config_common_sib(rrc_codec_t *c, rrc_uplink_config_common_sib_t *u);
void rrc_cx_serving_cell_config_common_sib(rrc_codec_t *c, rrc_serving_cell_config_common_sib_t *s);
void rrc_cx_bwp(rrc_codec_t *c, rrc_bwp_t *b);
void rrc_cx_scs_carrier_list(rrc_codec_t *c, uint8_t *n, rrc_scs_specific_carrier_t *scs);
void rrc_cx_band_list(rrc_codec_t *c, uint8_t *n, rrc_nr_multi_band_info_t *band);

/* Decode-only skips of fields we never send (sib1_skip.c). */
void rrc_cx_skip_conn_est_failure_control(rrc_codec_t *c);
void rrc_cx_skip_uac_barring_info(rrc_codec_t *c);
void rrc_cx_skip_nr_ns_pmax_list(rrc_codec_t *c);

#endif
