/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzz target for the SigMF metadata parser (outside input: files people hand us).
 * Besides not crashing, an accepted document must survive write -> parse with the same
 * fields (the writer escapes whatever the parser let through). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "olive/radio/sigmf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  olive_sigmf_meta_t m, m2;
  char err[160];
  if (olive_sigmf_meta_parse((const char *)data, size, &m, err, sizeof(err)) != 0)
    return 0;
  static char buf[8192];
  int n = olive_sigmf_meta_write(&m, buf, sizeof(buf));
  if (n < 0)
    abort();
  if (olive_sigmf_meta_parse(buf, (size_t)n, &m2, err, sizeof(err)) != 0)
    abort();
  if (strcmp(m.datatype, m2.datatype) || strcmp(m.author, m2.author) ||
      m.sample_rate != m2.sample_rate || m.has_frequency != m2.has_frequency ||
      (m.has_frequency && m.frequency != m2.frequency) || m.sample_start != m2.sample_start)
    abort();
  return 0;
}
