/* SPDX-License-Identifier: Apache-2.0 */
/* A minimal PNG writer (W3C PNG, 2nd edition): 8-bit RGB, no interlace, filter 0 on every
 * row, the zlib stream (RFC 1950) made of stored deflate blocks (RFC 1951 3.2.4), so no
 * compression library is needed. Chunk CRC: CRC-32 of ISO 3309 (PNG 5.5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrphy.h"

#define STORED_MAX 65535u /* bytes per stored deflate block (RFC 1951 3.2.4) */

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    crc ^= p[i];
    for (int b = 0; b < 8; b++) {
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u))); /* reflected 0x04C11DB7 */
    }
  }
  return crc;
}

static void put32(uint8_t *p, uint32_t v)
{
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

static int write_chunk(FILE *f, const char *type, const uint8_t *data, size_t len)
{
  uint8_t hdr[8], tail[4];
  put32(hdr, (uint32_t)len);
  memcpy(hdr + 4, type, 4);
  uint32_t crc = crc32_update(0xFFFFFFFFu, hdr + 4, 4);
  put32(tail, crc32_update(crc, data, len) ^ 0xFFFFFFFFu);
  return fwrite(hdr, 1, 8, f) == 8 && fwrite(data, 1, len, f) == len && fwrite(tail, 1, 4, f) == 4
             ? 0
             : -1;
}

/* zlib stream of raw[0..n-1], n > 0, as stored blocks into z (n + 5 ceil(n / 65535) + 6
 * bytes). */
static size_t zlib_stored(const uint8_t *raw, size_t n, uint8_t *z)
{
  size_t o = 0;
  uint32_t s1 = 1, s2 = 0; /* Adler-32, RFC 1950 8.2 */
  z[o++] = 0x78;           /* CM 8, CINFO 7 */
  z[o++] = 0x01;           /* FCHECK: 0x7801 is a multiple of 31, no dictionary */
  for (size_t done = 0; done < n;) {
    size_t len = n - done < STORED_MAX ? n - done : STORED_MAX;
    z[o++] = done + len == n; /* BFINAL, BTYPE 00 */
    z[o++] = (uint8_t)len;
    z[o++] = (uint8_t)(len >> 8);
    z[o++] = (uint8_t)~len;
    z[o++] = (uint8_t)(~len >> 8);
    memcpy(z + o, raw + done, len);
    o += len;
    for (size_t i = 0; i < len; i++) {
      s1 = (s1 + raw[done + i]) % 65521u;
      s2 = (s2 + s1) % 65521u;
    }
    done += len;
  }
  put32(z + o, s2 << 16 | s1);
  return o + 4;
}

int nrphy_png_write(const char *path, unsigned w, unsigned h, const uint8_t *rgb)
{
  size_t row = 1 + 3 * (size_t)w, n = row * h;
  uint8_t *raw = malloc(n), *z = malloc(n + 5 * (n / STORED_MAX + 1) + 6);
  FILE *f = raw != NULL && z != NULL ? fopen(path, "wb") : NULL;
  int rc = f != NULL ? 0 : -1;
  if (rc == 0) {
    for (unsigned y = 0; y < h; y++) {
      raw[y * row] = 0; /* filter type None */
      memcpy(raw + y * row + 1, rgb + (size_t)y * w * 3, (size_t)w * 3);
    }
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    uint8_t ihdr[13] = {0};
    put32(ihdr, w);
    put32(ihdr + 4, h);
    ihdr[8] = 8; /* bit depth */
    ihdr[9] = 2; /* colour type RGB */
    size_t zlen = zlib_stored(raw, n, z);
    rc = fwrite(sig, 1, 8, f) == 8 ? 0 : -1;
    rc = rc ? rc : write_chunk(f, "IHDR", ihdr, sizeof(ihdr));
    rc = rc ? rc : write_chunk(f, "IDAT", z, zlen);
    rc = rc ? rc : write_chunk(f, "IEND", ihdr, 0);
  }
  if (f != NULL && fclose(f) != 0) {
    rc = -1;
  }
  if (rc != 0) {
    fprintf(stderr, "nrphy: %s: cannot write the PNG\n", path);
  }
  free(raw);
  free(z);
  return rc == 0 ? 0 : NRPHY_EXIT_FAIL;
}
