/* SPDX-License-Identifier: Apache-2.0 */
#include "link.h"

#include <math.h>
#include <string.h>

#include "olive/phy/crc.h"
#include "olive/support/error.h"
#include "olive/support/mem.h"

#define NOISE_LEN (1u << 16)
/* int8 steps of the LLR of the least protected bit at a noise-free point, d_min^2 / N0
 * (38.211 5.1 points: d_min^2 = 2, 4/10, 4/42, 4/170 for QPSK .. 256QAM). Stronger bits
 * of the higher orders get proportionally larger values and may saturate at 127. */
#define LLR_WEAKEST_STEPS 6.0f
#define LLR_CLIP          32

static uint64_t next_rand(uint64_t *s)
{
  /* xorshift64*: fast, fixed seed, good enough for payload bits and noise offsets */
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717ull;
}

static void fill_noise(cf_t *w, unsigned n, uint64_t *s)
{
  for (unsigned i = 0; i < n; i++) {
    /* Box-Muller; E|w|^2 = 1 */
    double u1 = ((double)(next_rand(s) >> 11) + 1.0) / 9007199254740993.0;
    double u2 = (double)(next_rand(s) >> 11) / 9007199254740992.0;
    double r = sqrt(-log(u1));
    w[i] = (float)(r * cos(2 * M_PI * u2)) + I * (float)(r * sin(2 * M_PI * u2));
  }
}

int demo_link_init(demo_link_t *l, const demo_link_args_t *args)
{
  memset(l, 0, sizeof(*l));
  l->a = *args;
  l->rng = args->seed ? args->seed : 1;
  int n = phy_ldpc_codeword_len(PHY_LDPC_BG1, args->z, args->nof_rows);
  unsigned qm = phy_mod_bits(args->mod);
  if (n < 0 || qm == 0 || n % (int)qm != 0)
    return OLIVE_EINVAL;
  l->k = PHY_LDPC_BG1_KB * args->z;
  l->n = (unsigned)n;
  l->nsym = l->n / qm;
  l->noise_var = (float)pow(10.0, -args->snr_db / 10.0);
  /* Squared minimum distance of unit-energy square M-QAM: 6 / (M - 1). */
  l->dmin2 = 6.0f / (float)((1u << qm) - 1);
  phy_ldpc_enc_args_t ea = {.isa = OLIVE_ISA_AUTO};
  phy_ldpc_dec_args_t da = {.isa = OLIVE_ISA_AUTO};
  phy_modulation_args_t ma = {.isa = OLIVE_ISA_AUTO};
  int rc;
  if ((rc = phy_ldpc_enc_init(&l->enc, &ea)) < 0 || (rc = phy_ldpc_dec_init(&l->dec, &da)) < 0 ||
      (rc = phy_modulation_init(&l->mod, &ma)) < 0) {
    demo_link_free(l);
    return rc;
  }
  l->tb = olive_mem_alloc(l->k / 8 + 1);
  l->dec_c = olive_mem_alloc(l->k / 8 + 1);
  l->cw = olive_mem_alloc(l->n / 8 + 1);
  l->sym = olive_mem_calloc(l->nsym, sizeof(cf_t));
  l->llr = olive_mem_alloc(l->n);
  l->noise = olive_mem_calloc(NOISE_LEN, sizeof(cf_t));
  if (!l->tb || !l->dec_c || !l->cw || !l->sym || !l->llr || !l->noise) {
    demo_link_free(l);
    return OLIVE_ENOMEM;
  }
  fill_noise(l->noise, NOISE_LEN, &l->rng);
  return 0;
}

void demo_link_free(demo_link_t *l)
{
  if (l == NULL)
    return;
  phy_ldpc_enc_free(&l->enc);
  phy_ldpc_dec_free(&l->dec);
  phy_modulation_free(&l->mod);
  olive_mem_free(l->tb);
  olive_mem_free(l->dec_c);
  olive_mem_free(l->cw);
  olive_mem_free(l->sym);
  olive_mem_free(l->llr);
  olive_mem_free(l->noise);
  memset(l, 0, sizeof(*l));
}

void demo_link_run(demo_link_t *l, demo_link_result_t *res)
{
  /* Transmitter: random payload, CRC24A over it (a single code block, 38.212 7.2.1). */
  unsigned payload = l->k - 24;
  for (unsigned i = 0; i < l->k / 8; i++)
    l->tb[i] = (uint8_t)next_rand(&l->rng);
  phy_crc_attach_packed(PHY_CRC24A, l->tb, payload);
  phy_ldpc_enc_cfg_t ec = {.bg = PHY_LDPC_BG1, .z = l->a.z, .nof_rows = l->a.nof_rows};
  phy_ldpc_encode(&l->enc, &ec, l->tb, l->cw);
  phy_modulation_map_packed(&l->mod, l->a.mod, l->cw, l->n, l->sym);

  /* Channel: y = x + n with E|n|^2 = N0, from a random offset of the noise table. */
  float sigma = sqrtf(l->noise_var);
  unsigned off = (unsigned)(next_rand(&l->rng) % NOISE_LEN);
  for (unsigned i = 0; i < l->nsym; i++)
    l->sym[i] += sigma * l->noise[(off + i) % NOISE_LEN];

  /* Receiver: int8 LLRs, scaled per modulation order (see LLR_WEAKEST_STEPS). */
  float scale = LLR_WEAKEST_STEPS * l->noise_var / l->dmin2;
  phy_demod_llr_i8(&l->mod, l->a.mod, l->sym, l->nsym, l->noise_var, scale, l->llr);
  /* Keep the decoder's headroom (ldpc.h): clip channel LLRs to +-LLR_CLIP. */
  for (unsigned i = 0; i < l->n; i++)
    l->llr[i] = l->llr[i] > LLR_CLIP ? LLR_CLIP : l->llr[i] < -LLR_CLIP ? -LLR_CLIP : l->llr[i];
  phy_ldpc_dec_cfg_t dc = {.bg = PHY_LDPC_BG1,
                           .z = l->a.z,
                           .nof_filler = 0,
                           .max_iters = l->a.max_iters,
                           .stop = PHY_LDPC_STOP_CRC,
                           .crc = PHY_CRC24A};
  phy_ldpc_dec_result_t dr = {0};
  phy_ldpc_decode(&l->dec, &dc, l->llr, l->n, l->dec_c, &dr);
  res->crc_ok = phy_crc_check_packed(PHY_CRC24A, l->dec_c, payload) == 0 &&
                memcmp(l->dec_c, l->tb, payload / 8) == 0;
  res->iters = dr.iters;
  res->tb_bits = payload;
}
