/* SPDX-License-Identifier: Apache-2.0 */
#include "olive/support/error.h"

const char *olive_strerror(int err)
{
  switch ((olive_err_t)err) {
  case OLIVE_OK:
    return "success";
  case OLIVE_EINVAL:
    return "invalid argument";
  case OLIVE_ENOMEM:
    return "out of memory";
  case OLIVE_ERANGE:
    return "value out of range";
  case OLIVE_EIO:
    return "I/O error";
  case OLIVE_ETIMEDOUT:
    return "timed out";
  case OLIVE_EAGAIN:
    return "nothing available";
  case OLIVE_ENOSPC:
    return "no space left";
  case OLIVE_ECRC:
    return "CRC check failed";
  case OLIVE_EPROTO:
    return "malformed message";
  case OLIVE_ENOTSUP:
    return "not supported";
  case OLIVE_ESTATE:
    return "not allowed in this state";
  case OLIVE_ENODEV:
    return "device not found";
  case OLIVE_ECONFIG:
    return "configuration rejected";
  case OLIVE_EPERM:
    return "not permitted";
  }
  return "unknown error";
}
