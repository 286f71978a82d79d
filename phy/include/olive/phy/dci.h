/* SPDX-License-Identifier: Apache-2.0 */
/* Downlink control information, fallback formats: DCI 1_0 (TS 38.212 7.3.1.2.1) and
 * DCI 0_0 (7.3.1.1.1) packed and unpacked for C-RNTI, TC-RNTI, SI-RNTI, RA-RNTI and (1_0)
 * P-RNTI, the
 * payload size alignment between them (7.3.1.0, 7.3.1.1.1, 7.3.1.2.1), and the resource
 * indication value of resource allocation type 1 (TS 38.214 5.1.2.2.2, 6.1.2.2.2).
 *
 * Bits are one per byte (0/1), field MSB first, fields in the order of 7.3.1. Not covered:
 * the PDCCH-order form of 1_0 (C-RNTI with an all-ones FDRA), frequency hopping
 * offsets inside the 0_0 FDRA, the UL/SUL indicator, shared-spectrum variants; formats 1_1
 * and 0_1. */
#ifndef OLIVE_PHY_DCI_H
#define OLIVE_PHY_DCI_H

#include <stdbool.h>
#include <stdint.h>

#include "olive/support/api.h"

#define PHY_DCI_MAX_BITS 140u /* TS 38.212 7.3.2: A <= 140 */

typedef enum phy_rnti_type {
  PHY_RNTI_C,  /* C-RNTI (also CS-RNTI, MCS-C-RNTI layout) */
  PHY_RNTI_TC, /* TC-RNTI */
  PHY_RNTI_SI, /* SI-RNTI */
  PHY_RNTI_RA, /* RA-RNTI (and MsgB-RNTI layout) */
  PHY_RNTI_P,  /* P-RNTI */
  PHY_RNTI_TYPE_COUNT
} phy_rnti_type_t;

/* "C-RNTI", "TC-RNTI", "SI-RNTI", "RA-RNTI", "P-RNTI"; "?" otherwise. */
OLIVE_API const char *phy_rnti_type_name(phy_rnti_type_t t);

/* Sizes of 1_0 and 0_0 for one serving cell. */
typedef struct phy_dci_size_cfg {
  uint32_t n_rb_dl; /* N_RB^DL,BWP of the 1_0 FDRA: the CORESET#0 size for a common search
                       space when CORESET#0 exists, else the initial (CSS) or active (USS)
                       DL BWP size; 1..275 */
  uint32_t n_rb_ul; /* N_RB^UL,BWP: initial (CSS) or active (USS) UL BWP size; 1..275 */
  bool uss;         /* formats monitored in a UE-specific search space */
} phy_dci_size_cfg_t;

typedef struct phy_dci_sizes {
  uint32_t fdra_1_0; /* ceil(log2(N (N + 1) / 2)) for N = n_rb_dl */
  uint32_t fdra_0_0; /* the same for n_rb_ul, after any truncation */
  uint32_t pad_1_0;  /* zeros appended to 1_0 (USS only) */
  uint32_t pad_0_0;  /* zeros appended to 0_0 */
  uint32_t size_1_0; /* payload bits A (CRC excluded) */
  uint32_t size_0_0;
  uint32_t n_rb_dl, n_rb_ul;
} phy_dci_sizes_t;

/* Field sizes and alignment. CSS: 0_0 is padded with zeros to the 1_0 size, or its FDRA
 * loses MSBs until it fits (7.3.1.1.1). USS: the smaller of the two is padded to the
 * larger (7.3.1.1.1, 7.3.1.2.1). 0 or OLIVE_EINVAL. */
OLIVE_API int phy_dci_sizes(const phy_dci_size_cfg_t *cfg, phy_dci_sizes_t *s);

/* DCI 1_0 fields; only those of the RNTI type's layout are packed. */
typedef struct phy_dci_1_0 {
  uint32_t fdra;       /* frequency domain resource assignment (a RIV) */
  uint32_t tdra;       /* time domain resource assignment, 4 bits */
  uint32_t vrb_to_prb; /* 1 bit */
  uint32_t mcs;        /* 5 bits */
  uint32_t ndi;        /* C/TC: 1 bit */
  uint32_t rv;         /* C/TC/SI: 2 bits */
  uint32_t harq_id;    /* C/TC: 4 bits */
  uint32_t dai;        /* C/TC: 2 bits (reserved for TC-RNTI) */
  uint32_t tpc;        /* C/TC: TPC for PUCCH, 2 bits */
  uint32_t pri;        /* C/TC: PUCCH resource indicator, 3 bits */
  uint32_t k1;         /* C/TC: PDSCH-to-HARQ_feedback timing indicator, 3 bits */
  uint32_t sii;        /* SI: system information indicator, 1 bit */
  uint32_t tb_scaling; /* RA, P: TB scaling, 2 bits */
  uint32_t smi;        /* P: short messages indicator, 2 bits */
  uint32_t short_msg;  /* P: short messages, 8 bits */
} phy_dci_1_0_t;

/* DCI 0_0 fields (C-RNTI and TC-RNTI). */
typedef struct phy_dci_0_0 {
  uint32_t fdra;    /* RIV, fdra_0_0 bits */
  uint32_t tdra;    /* 4 bits */
  uint32_t hopping; /* frequency hopping flag, 1 bit */
  uint32_t mcs;     /* 5 bits */
  uint32_t ndi;     /* 1 bit */
  uint32_t rv;      /* 2 bits */
  uint32_t harq_id; /* 4 bits */
  uint32_t tpc;     /* TPC for PUSCH, 2 bits */
} phy_dci_0_0_t;

/* Packs into bits[0 .. s->size_1_0 - 1]. Returns the size, or OLIVE_EINVAL when a field
 * does not fit its width. */
OLIVE_API int phy_dci_1_0_pack(const phy_dci_sizes_t *s, phy_rnti_type_t t, const phy_dci_1_0_t *d,
                               uint8_t *bits);
/* Unpacks bits[0 .. size_1_0 - 1]. OLIVE_EPROTO when the format identifier says 0_0
 * (C/TC-RNTI), OLIVE_EINVAL on bad arguments. */
OLIVE_API int phy_dci_1_0_unpack(const phy_dci_sizes_t *s, phy_rnti_type_t t, const uint8_t *bits,
                                 phy_dci_1_0_t *d);
OLIVE_API int phy_dci_0_0_pack(const phy_dci_sizes_t *s, const phy_dci_0_0_t *d, uint8_t *bits);
/* OLIVE_EPROTO when the identifier says 1_0. */
OLIVE_API int phy_dci_0_0_unpack(const phy_dci_sizes_t *s, const uint8_t *bits, phy_dci_0_0_t *d);

/* TS 38.214 5.1.2.2.2: RIV = N (L - 1) + RB_start if L - 1 <= floor(N / 2), else
 * N (N - L + 1) + (N - 1 - RB_start); 1 <= L <= N - RB_start. 0 or OLIVE_EINVAL. */
OLIVE_API int phy_riv_encode(uint32_t n_bwp, uint32_t rb_start, uint32_t l_rbs, uint32_t *riv);
/* Inverse; OLIVE_EINVAL when riv is not a valid value for n_bwp. */
OLIVE_API int phy_riv_decode(uint32_t n_bwp, uint32_t riv, uint32_t *rb_start, uint32_t *l_rbs);

#endif
