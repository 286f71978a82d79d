/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target: arbitrary bytes as a YAML config file. Must never crash; every input is
 * either accepted or rejected with a message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "test_schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char path[] = "/tmp/olive-fuzz-cfg-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    return 0;
  if (write(fd, data, size) != (ssize_t)size) {
    close(fd);
    unlink(path);
    return 0;
  }
  close(fd);
  test_cfg_t c;
  olive_cfg_error_t err;
  const char *files[1] = {path};
  int rc = olive_cfg_load(&test_schema, &c, files, 1, NULL, 0, &err);
  if (rc < 0 && err.msg[0] == '\0')
    abort(); /* a rejection must always say why */
  unlink(path);
  return 0;
}
