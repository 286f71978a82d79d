/* SPDX-License-Identifier: Apache-2.0 */
/* Whole-file reads with size checks and writes, for nrphy. */
#include <stdio.h>
#include <stdlib.h>

#include "nrphy.h"

uint8_t *nrphy_read_all(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    return NULL;
  }
  uint8_t *buf = NULL;
  long sz = -1;
  if (fseek(f, 0, SEEK_END) == 0) {
    sz = ftell(f);
  }
  if (sz < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fprintf(stderr, "nrphy: %s: cannot determine the size (not a regular file?)\n", path);
    fclose(f);
    return NULL;
  }
  buf = malloc(sz > 0 ? (size_t)sz : 1);
  if (buf == NULL || fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
    fprintf(stderr, "nrphy: %s: read failed\n", path);
    free(buf);
    fclose(f);
    return NULL;
  }
  fclose(f);
  *len = (size_t)sz;
  return buf;
}

uint8_t *nrphy_read_exact(const char *path, size_t expect)
{
  size_t len;
  uint8_t *buf = nrphy_read_all(path, &len);
  if (buf != NULL && len != expect) {
    fprintf(stderr, "nrphy: %s: wrong size: expected %zu bytes, got %zu\n", path, expect, len);
    free(buf);
    return NULL;
  }
  return buf;
}

uint8_t *nrphy_read_multiple(const char *path, size_t unit, const char *what, size_t *len)
{
  uint8_t *buf = nrphy_read_all(path, len);
  if (buf != NULL && (*len == 0 || *len % unit != 0)) {
    fprintf(stderr,
            "nrphy: %s: wrong size: expected a non-zero multiple of %zu bytes (%s), got %zu\n",
            path, unit, what, *len);
    free(buf);
    return NULL;
  }
  return buf;
}

int nrphy_write(const char *path, const void *buf, size_t len)
{
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    perror(path);
    return NRPHY_EXIT_FAIL;
  }
  size_t n = fwrite(buf, 1, len, f);
  if (fclose(f) != 0 || n != len) {
    fprintf(stderr, "nrphy: %s: write failed\n", path);
    return NRPHY_EXIT_FAIL;
  }
  return 0;
}

int nrphy_check_bits(const char *path, const uint8_t *bits, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    if (bits[i] > 1) {
      fprintf(stderr, "nrphy: %s: byte %zu is %u; a bits file holds only 0 and 1\n", path, i,
              bits[i]);
      return NRPHY_EXIT_FAIL;
    }
  }
  return 0;
}
