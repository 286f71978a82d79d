/* SPDX-License-Identifier: Apache-2.0 */
/* Steps of gnb_cell_derive shared between its files. */
#ifndef OLIVE_APPS_GNB_CELL_INTERNAL_H
#define OLIVE_APPS_GNB_CELL_INTERNAL_H

#include "gnb_cell.h"

/* Sets err (key and "<key>: <fmt...>") and returns OLIVE_ECONFIG. */
__attribute__((format(printf, 3, 4))) int gnb_cell_fail(gnb_cell_err_t *err, const char *key,
                                                        const char *fmt, ...);

/* TDD pattern of an unpaired band, and the SSB / SIB1 slots inside its DL part. */
int gnb_cell_check_tdd(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err);

/* PRACH configuration row, long format, occasions in UL slots, inside the carrier. */
int gnb_cell_check_prach(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err);

/* MIB and SIB1 (packed into c->mib_bits and c->sib1). */
int gnb_cell_build_msgs(const gnb_cfg_t *cfg, gnb_cell_t *c, gnb_cell_err_t *err);

#endif
