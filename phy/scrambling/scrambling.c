/* SPDX-License-Identifier: Apache-2.0 */
/* Scrambling by c(n) (TS 38.211 5.2.1), as used by 6.3.1.1, 6.3.2.5, 7.3.1.1, 7.3.2.3 and
 * 7.3.3.1: b~(i) = (b(i) + c(i)) mod 2 on bits, and the matching sign flip on LLRs.
 *
 * The sequence is generated in chunks of PHY_SCRAMBLING_CHUNK_WORDS words on the stack
 * (phy_seq_gold_fill, word-parallel for long runs) and applied by a kernel. The
 * placeholder and packed bit forms are portable C; the LLR and one-bit-per-byte forms have
 * AVX2 and AVX-512 kernels chosen at init. */
#include "olive/phy/scrambling.h"

#include "olive/support/error.h"

#include "scrambling_internal.h"

#define CHUNK (32 * PHY_SCRAMBLING_CHUNK_WORDS) /* elements per sequence chunk */

static void llr_f32_generic(float *out, const float *in, size_t len, const uint32_t *c)
{
  for (size_t i = 0; i < len; i += 32)
    phy_scrambling_f32_word(out + i, in + i, len - i < 32 ? len - i : 32, c[i / 32]);
}

static void llr_i8_generic(int8_t *out, const int8_t *in, size_t len, const uint32_t *c)
{
  for (size_t i = 0; i < len; i += 32)
    phy_scrambling_i8_word(out + i, in + i, len - i < 32 ? len - i : 32, c[i / 32]);
}

/* One LSB-first sequence byte as eight 0/1 bytes: replicate it, keep bit i in byte i and
 * map non-zero bytes to 1 (adding 0x7f carries into bit 7 only). */
static inline uint64_t spread8(uint32_t byte)
{
  uint64_t x = (uint64_t)byte * 0x0101010101010101ull;
  x &= 0x8040201008040201ull;
  return ((x + 0x7f7f7f7f7f7f7f7full) >> 7) & 0x0101010101010101ull;
}

static void bits_generic(uint8_t *out, const uint8_t *in, size_t len, const uint32_t *c)
{
  size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  for (; i + 8 <= len; i += 8) {
    uint64_t x;
    memcpy(&x, in + i, 8);
    x ^= spread8((c[i / 32] >> (i % 32)) & 0xffu);
    memcpy(out + i, &x, 8);
  }
#endif
  if (i < len)
    phy_scrambling_bits_word(out + i, in + i, len - i, c[i / 32] >> (i % 32));
}

const phy_scrambling_ops_t phy_scrambling_ops_generic = {llr_f32_generic, llr_i8_generic,
                                                         bits_generic};

int phy_scrambling_init(phy_scrambling_t *q, const phy_scrambling_args_t *args)
{
  olive_isa_t isa = olive_isa_resolve(args ? args->isa : OLIVE_ISA_AUTO);
  if (isa < OLIVE_ISA_GENERIC || isa >= OLIVE_ISA_COUNT)
    return OLIVE_EINVAL;
  if (!olive_cpu_supports(isa))
    return OLIVE_ENOTSUP;
  const phy_scrambling_ops_t *ops = &phy_scrambling_ops_generic;
#ifdef OLIVE_HAVE_X86_SIMD
  if (isa == OLIVE_ISA_AVX2)
    ops = &phy_scrambling_ops_avx2;
  else if (isa == OLIVE_ISA_AVX512)
    ops = &phy_scrambling_ops_avx512;
#else
  if (isa != OLIVE_ISA_GENERIC)
    return OLIVE_ENOTSUP;
#endif
  q->isa = isa;
  q->ops = ops;
  return 0;
}

void phy_scrambling_free(phy_scrambling_t *q)
{
  if (q)
    q->ops = NULL;
}

static inline size_t chunk_len(size_t left)
{
  return left < CHUNK ? left : CHUNK;
}

void phy_scrambling_bits(const phy_scrambling_t *q, uint8_t *out, const uint8_t *in, size_t len,
                         uint32_t c_init, uint32_t n)
{
  phy_seq_gold_t g;
  uint32_t c[PHY_SCRAMBLING_CHUNK_WORDS];
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = 0, m; i < len; i += m) {
    m = chunk_len(len - i);
    phy_seq_gold_fill(&g, c, (m + 31) / 32);
    q->ops->bits(out + i, in + i, m, c);
  }
}

static void bits_ph_chunk(uint8_t *out, const uint8_t *in, size_t len, const uint32_t *c,
                          uint8_t *prev)
{
  for (size_t i = 0; i < len; i++) {
    uint8_t b = in[i];
    if (b == PHY_SCRAMBLING_PH_X)
      b = 1;
    else if (b == PHY_SCRAMBLING_PH_Y)
      b = *prev;
    else
      b = (uint8_t)((b ^ (c[i / 32] >> (i % 32))) & 1u);
    out[i] = *prev = b;
  }
}

void phy_scrambling_bits_ph(const phy_scrambling_t *q, uint8_t *out, const uint8_t *in, size_t len,
                            uint32_t c_init, uint32_t n)
{
  (void)q;
  phy_seq_gold_t g;
  uint32_t c[PHY_SCRAMBLING_CHUNK_WORDS];
  uint8_t prev = 1; /* a leading y has no previous bit; see scrambling.h */
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = 0, m; i < len; i += m) {
    m = chunk_len(len - i);
    phy_seq_gold_fill(&g, c, (m + 31) / 32);
    bits_ph_chunk(out + i, in + i, m, c, &prev);
  }
}

/* LSB-first bits to MSB-first bytes: reverse the bits inside each byte. */
static inline uint64_t rev_in_bytes(uint64_t w)
{
  w = ((w >> 1) & 0x5555555555555555ull) | ((w & 0x5555555555555555ull) << 1);
  w = ((w >> 2) & 0x3333333333333333ull) | ((w & 0x3333333333333333ull) << 2);
  return ((w >> 4) & 0x0f0f0f0f0f0f0f0full) | ((w & 0x0f0f0f0f0f0f0f0full) << 4);
}

/* len bits from bit 7 of in[0]; len is a multiple of 8 except in the last chunk. */
static void packed_chunk(uint8_t *out, const uint8_t *in, size_t len, const uint32_t *c)
{
  size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  for (; i + 64 <= len; i += 64) { /* byte k of the reversed word is output byte k */
    uint64_t x, w = rev_in_bytes(c[i / 32] | (uint64_t)c[i / 32 + 1] << 32);
    memcpy(&x, in + i / 8, 8);
    x ^= w;
    memcpy(out + i / 8, &x, 8);
  }
#endif
  for (; i < len; i += 32) {
    size_t rem = len - i < 32 ? len - i : 32;
    uint32_t w = c[i / 32];
    if (rem < 32)
      w &= (1u << rem) - 1; /* bits past len stay as they are */
    w = (uint32_t)rev_in_bytes(w);
    for (size_t k = 0; k < (rem + 7) / 8; k++)
      out[i / 8 + k] = (uint8_t)(in[i / 8 + k] ^ (w >> (8 * k)));
  }
}

void phy_scrambling_packed(const phy_scrambling_t *q, uint8_t *out, const uint8_t *in, size_t len,
                           uint32_t c_init, uint32_t n)
{
  (void)q;
  phy_seq_gold_t g;
  uint32_t c[PHY_SCRAMBLING_CHUNK_WORDS];
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = 0, m; i < len; i += m) {
    m = chunk_len(len - i);
    phy_seq_gold_fill(&g, c, (m + 31) / 32);
    packed_chunk(out + i / 8, in + i / 8, m, c);
  }
}

void phy_scrambling_llr_f32(const phy_scrambling_t *q, float *out, const float *in, size_t len,
                            uint32_t c_init, uint32_t n)
{
  phy_seq_gold_t g;
  uint32_t c[PHY_SCRAMBLING_CHUNK_WORDS];
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = 0, m; i < len; i += m) {
    m = chunk_len(len - i);
    phy_seq_gold_fill(&g, c, (m + 31) / 32);
    q->ops->llr_f32(out + i, in + i, m, c);
  }
}

void phy_scrambling_llr_i8(const phy_scrambling_t *q, int8_t *out, const int8_t *in, size_t len,
                           uint32_t c_init, uint32_t n)
{
  phy_seq_gold_t g;
  uint32_t c[PHY_SCRAMBLING_CHUNK_WORDS];
  phy_seq_gold_init(&g, c_init, n);
  for (size_t i = 0, m; i < len; i += m) {
    m = chunk_len(len - i);
    phy_seq_gold_fill(&g, c, (m + 31) / 32);
    q->ops->llr_i8(out + i, in + i, m, c);
  }
}
