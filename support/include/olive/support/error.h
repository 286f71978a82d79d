/* SPDX-License-Identifier: Apache-2.0 */
/* One error vocabulary for the whole stack. Functions that can fail return 0 (or a
 * non-negative count) on success and one of these negative values on failure. */
#ifndef OLIVE_SUPPORT_ERROR_H
#define OLIVE_SUPPORT_ERROR_H

#include "olive/support/api.h"

typedef enum olive_err {
  OLIVE_OK = 0,
  OLIVE_EINVAL = -1,    /* argument outside its documented range */
  OLIVE_ENOMEM = -2,    /* allocation failed (init time only) */
  OLIVE_ERANGE = -3,    /* value does not fit the buffer or table */
  OLIVE_EIO = -4,       /* file, socket or device I/O failed */
  OLIVE_ETIMEDOUT = -5, /* a peer or device did not answer in time */
  OLIVE_EAGAIN = -6,    /* nothing available now (queue empty) */
  OLIVE_ENOSPC = -7,    /* no room now (queue full, pool empty) */
  OLIVE_ECRC = -8,      /* CRC check failed */
  OLIVE_EPROTO = -9,    /* malformed PDU or message from outside */
  OLIVE_ENOTSUP = -10,  /* valid but not implemented */
  OLIVE_ESTATE = -11,   /* call not allowed in the current state */
  OLIVE_ENODEV = -12,   /* device not found */
  OLIVE_ECONFIG = -13,  /* configuration rejected */
  OLIVE_EPERM = -14,    /* operation not permitted */
} olive_err_t;

/* Returns a static, human-readable name for an olive_err_t ("invalid argument"). Unknown
 * codes give "unknown error". */
OLIVE_API const char *olive_strerror(int err);

#endif
