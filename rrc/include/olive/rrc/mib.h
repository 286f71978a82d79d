/* SPDX-License-Identifier: Apache-2.0 */
/* MIB (TS 38.331 v16.9.0 6.2.2, BCCH-BCH-Message): the 24-bit BCCH-BCH payload that the
 * PBCH carries (1 bit of BCCH-BCH-MessageType CHOICE + 23 bits of MIB). Field order and
 * ranges follow the ASN.1 exactly; enums are the ASN.1 ENUMERATED values in order. */
#ifndef OLIVE_RRC_MIB_H
#define OLIVE_RRC_MIB_H

#include <stddef.h>
#include <stdint.h>

#include "olive/support/api.h"

#define RRC_MIB_BITS  24 /* BCCH-BCH-Message; TS 38.212 7.1.1 adds 8 PBCH bits to it */
#define RRC_MIB_BYTES 3

typedef enum rrc_scs_common {
  RRC_SCS_COMMON_SCS15OR60 = 0,
  RRC_SCS_COMMON_SCS30OR120 = 1,
} rrc_scs_common_t;

typedef enum rrc_dmrs_type_a_position {
  RRC_DMRS_TYPE_A_POS2 = 0,
  RRC_DMRS_TYPE_A_POS3 = 1,
} rrc_dmrs_type_a_position_t;

typedef enum rrc_cell_barred {
  RRC_CELL_BARRED = 0,
  RRC_CELL_NOT_BARRED = 1,
} rrc_cell_barred_t;

typedef enum rrc_intra_freq_reselection {
  RRC_INTRA_FREQ_RESELECTION_ALLOWED = 0,
  RRC_INTRA_FREQ_RESELECTION_NOT_ALLOWED = 1,
} rrc_intra_freq_reselection_t;

/* MIB ::= SEQUENCE */
typedef struct rrc_mib {
  uint8_t system_frame_number; /* BIT STRING (SIZE (6)): the 6 MSBs of the SFN, 0..63 */
  rrc_scs_common_t sub_carrier_spacing_common;
  uint8_t ssb_subcarrier_offset; /* INTEGER (0..15): 4 LSBs of k_SSB (38.211 7.4.3.1) */
  rrc_dmrs_type_a_position_t dmrs_type_a_position;
  uint8_t control_resource_set_zero; /* PDCCH-ConfigSIB1: ControlResourceSetZero (0..15) */
  uint8_t search_space_zero;         /* PDCCH-ConfigSIB1: SearchSpaceZero (0..15) */
  rrc_cell_barred_t cell_barred;
  rrc_intra_freq_reselection_t intra_freq_reselection;
  uint8_t spare; /* BIT STRING (SIZE (1)), 0 */
} rrc_mib_t;

/* The 6 MSBs of a 10-bit SFN, as systemFrameNumber carries them (38.331 MIB field
 * description; the 4 LSBs travel in the PBCH transport block, 38.212 7.1.1). */
static inline uint8_t rrc_mib_sfn_msbs(uint32_t sfn)
{
  return (uint8_t)(sfn >> 4 & 0x3F);
}

/* Encodes BCCH-BCH-Message { message mib } into out[0..2] (24 bits, MSB first: out[0] bit
 * 7 is the CHOICE bit). 0, or OLIVE_EINVAL for a field outside its range (*bad_field, when
 * bad_field is not NULL, names the ASN.1 field), OLIVE_ERANGE when cap < 3. */
OLIVE_API int rrc_mib_pack(const rrc_mib_t *mib, uint8_t *out, size_t cap, const char **bad_field);

/* Decodes a BCCH-BCH-Message of len bytes (>= 3; only the first 24 bits are read).
 * 0, OLIVE_EPROTO when too short, OLIVE_ENOTSUP for messageClassExtension. */
OLIVE_API int rrc_mib_unpack(const uint8_t *buf, size_t len, rrc_mib_t *mib);

/* One line for logs and tools, enums by their ASN.1 names:
 * "sfn_msbs=18 scs_common=scs15or60 k_ssb=0 dmrs_type_a=pos2 coreset0=12 ss0=0
 * cell_barred=notBarred intra_freq_reselection=allowed". Writes at most cap bytes
 * (always NUL-terminated when cap > 0) and returns the length the full line needs, like
 * snprintf. Not for the slot path. */
OLIVE_API int rrc_mib_to_str(const rrc_mib_t *mib, char *out, size_t cap);

#endif
