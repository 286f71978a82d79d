/* SPDX-License-Identifier: Apache-2.0 */
/* The gNB's uplink slot work, run by the engine's workers: PRACH detection (TS 38.211
 * 6.3.3, 5.3.2; TS 38.213 8.1) on the occasions of the cell's random access configuration.
 *
 * Configuration: the rach-ConfigCommon and n-TimingAdvanceOffset of the SIB1 the cell
 * broadcasts (unpacked once at init), so the detector looks for exactly what the UE was
 * told: prach-ConfigurationIndex, msg1-FrequencyStart, zeroCorrelationZoneConfig,
 * prach-RootSequenceIndex, and the initial UL BWP's start.
 *
 * Timing: a UE sends its PRACH with N_TA = 0 but N_TA,offset applied (TS 38.211 4.3.1,
 * TS 38.213 4.2), so on the gNB's clock the occasion of subframe k starts N_TA,offset before
 * k * 1 ms + t_start^RA (TS 38.133 Table 7.1.2-2: 25600 T_c in FR1 when the SIB1 leaves
 * n-TimingAdvanceOffset out). The reported TA is the delay after that instant, as the RAR
 * carries it. The occasion's window therefore spans two or more engine slots.
 *
 * Assembly without ordering: the slots of one occasion may run on different workers in any
 * order. Each copies its part of the window into the occasion's buffer (one of
 * GNB_UL_NBUF, by subframe number) and adds the samples it copied to the buffer's atomic
 * state (occasion id << 32 | samples); the worker that completes the window runs the
 * detector. Detectors: one per worker, claimed with one atomic test-and-set (gnb_dl.c).
 * Nothing here allocates, prints or blocks on the slot path; detections are logged through
 * the log ring (OLOG_INFO, category PHY). */
#ifndef OLIVE_APPS_GNB_UL_H
#define OLIVE_APPS_GNB_UL_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "gnb_cell.h"
#include "olive/phy/prach.h"
#include "olive/radio/engine.h"

/* Occasion buffers: occasions GNB_UL_NBUF subframes apart share one, so a window may be
 * completed up to GNB_UL_NBUF - 4 ms after it ends (long formats span up to 4 subframes). */
#define GNB_UL_NBUF 8u

typedef struct gnb_ul_buf {
  _Atomic uint64_t state; /* subframe number << 32 | samples copied (GNB_UL_DONE: free) */
  cf_t *x;                /* the occasion window, occ.len samples */
} gnb_ul_buf_t;

typedef struct gnb_ul_det {
  atomic_flag busy;
  phy_prach_det_t det;
} gnb_ul_det_t;

typedef struct gnb_ul {
  const gnb_cell_t *cell;
  phy_prach_cfg_t prach;    /* the occasion as the SIB1 describes it */
  phy_prach_occasion_t occ; /* resolved on the cell's carrier */
  uint32_t nta_offset;      /* N_TA,offset, samples */
  uint32_t sf_samples;      /* samples per subframe */
  unsigned nof_det;
  gnb_ul_det_t det[OLIVE_ENGINE_MAX_WORKERS];
  gnb_ul_buf_t buf[GNB_UL_NBUF];
  /* occasions: windows completed and searched; preambles: detections; no_det: windows left
   * unsearched for want of a free detector; overrun: slot parts dropped because their
   * buffer was still being searched for an older occasion, and incomplete windows given
   * up (a slot of theirs dropped or handed in GNB_UL_NBUF subframes late). */
  _Atomic uint64_t occasions, preambles, no_det, overrun;
} gnb_ul_t;

typedef struct gnb_ul_args {
  const gnb_cell_t *cell; /* with its packed SIB1 */
  unsigned nof_det;       /* = engine workers, 1..OLIVE_ENGINE_MAX_WORKERS */
} gnb_ul_args_t;

/* Reads the RACH configuration from the cell's SIB1, creates the detectors and the
 * occasion buffers. 0, or a negative olive_err_t with why written to msg. */
int gnb_ul_init(gnb_ul_t *g, const gnb_ul_args_t *a, char *msg, size_t msg_len);

/* Frees everything. NULL-safe, idempotent. */
void gnb_ul_free(gnb_ul_t *g);

/* olive_engine_ul_fn: the PRACH occasions overlapping slot s. ctx is the gnb_ul_t. */
void gnb_ul_slot(void *ctx, const olive_engine_slot_t *s, const olive_radio_cf_t *const *rx);

#endif
