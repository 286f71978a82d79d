/* SPDX-License-Identifier: Apache-2.0 */
#include "link.h"

#include <math.h>
#include <string.h>

#include "olive/support/error.h"
#include "olive/support/mem.h"

#define NOISE_LEN    (1u << 16)
#define DATA_SYMBOLS 12 /* PDSCH symbols 2..13 of the slot */
#define DMRS_RE_PRB  12 /* one DM-RS symbol, both CDM groups without data */
/* int8 LLR steps per natural LLR unit, saturated at +-127 by the demapper: the scale
 * phy/include/olive/phy/ldpc.h recommends. */
#define LLR_STEPS_PER_UNIT 16.0f

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

static phy_mod_t mod_of_qm(unsigned qm)
{
  switch (qm) {
  case 2:
    return PHY_MOD_QPSK;
  case 4:
    return PHY_MOD_QAM16;
  case 6:
    return PHY_MOD_QAM64;
  default:
    return PHY_MOD_QAM256;
  }
}

/* TBS and G of the allocation (TS 38.214 5.1.3.2 with N_oh = 0, one layer). */
static int size_allocation(demo_link_t *l)
{
  const demo_link_args_t *a = &l->a;
  if (phy_tbs_mcs_get(a->table, a->mcs, false, &l->mcs) < 0 || l->mcs.reserved || l->mcs.qm < 2)
    return OLIVE_EINVAL;
  phy_tbs_cfg_t tc = {.n_symb_sh = DATA_SYMBOLS,
                      .n_dmrs_prb = DMRS_RE_PRB,
                      .n_prb = a->n_prb,
                      .n_layers = 1,
                      .qm = l->mcs.qm,
                      .r_x2048 = l->mcs.r_x2048};
  int tbs = phy_tbs_calc(&tc);
  if (tbs < 0)
    return tbs;
  l->tbs = (unsigned)tbs;
  l->nsym = a->n_prb * (12 * DATA_SYMBOLS - DMRS_RE_PRB);
  l->g = l->nsym * l->mcs.qm;
  l->mod = mod_of_qm(l->mcs.qm);
  l->sch_cfg = (phy_sch_cfg_t){.tbs = l->tbs,
                               .r_x2048 = l->mcs.r_x2048,
                               .qm = l->mcs.qm,
                               .n_layers = 1,
                               .g = l->g,
                               .rv = 0,
                               .lbrm = true,
                               .harq_id = 0,
                               .new_data = true,
                               .max_iters = a->max_iters,
                               .llr_scale = (int8_t)LLR_STEPS_PER_UNIT};
  return 0;
}

int demo_link_init(demo_link_t *l, const demo_link_args_t *args)
{
  memset(l, 0, sizeof(*l));
  l->a = *args;
  l->rng = args->seed ? args->seed : 1;
  int rc = size_allocation(l);
  if (rc < 0)
    return rc;
  l->noise_var = (float)pow(10.0, -args->snr_db / 10.0);
  phy_sch_args_t sa = {.max_prb = args->n_prb,
                       .max_layers = 1,
                       .max_qm = l->mcs.qm > 6 ? 8 : 6,
                       .nof_harq = 1,
                       .isa = OLIVE_ISA_AUTO};
  phy_modulation_args_t ma = {.isa = OLIVE_ISA_AUTO};
  if ((rc = phy_sch_init(&l->sch, &sa)) < 0 || (rc = phy_modulation_init(&l->modem, &ma)) < 0) {
    demo_link_free(l);
    return rc;
  }
  l->tb = olive_mem_alloc(l->tbs / 8);
  l->tb_rx = olive_mem_alloc(l->tbs / 8);
  l->bits = olive_mem_alloc(l->g);
  l->sym = olive_mem_calloc(l->nsym, sizeof(cf_t));
  l->llr = olive_mem_alloc(l->g);
  l->noise = olive_mem_calloc(NOISE_LEN, sizeof(cf_t));
  if (!l->tb || !l->tb_rx || !l->bits || !l->sym || !l->llr || !l->noise) {
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
  phy_sch_free(&l->sch);
  phy_modulation_free(&l->modem);
  olive_mem_free(l->tb);
  olive_mem_free(l->tb_rx);
  olive_mem_free(l->bits);
  olive_mem_free(l->sym);
  olive_mem_free(l->llr);
  olive_mem_free(l->noise);
  memset(l, 0, sizeof(*l));
}

void demo_link_run(demo_link_t *l, demo_link_result_t *res)
{
  /* Transmitter. */
  for (unsigned i = 0; i < l->tbs / 8; i++)
    l->tb[i] = (uint8_t)next_rand(&l->rng);
  phy_sch_encode(&l->sch, &l->sch_cfg, l->tb, l->bits);
  phy_modulation_map_bits(&l->modem, l->mod, l->bits, l->g, l->sym);

  /* Channel: y = x + n with E|n|^2 = N0, from a random offset of the noise table. */
  float sigma = sqrtf(l->noise_var);
  unsigned off = (unsigned)(next_rand(&l->rng) % NOISE_LEN);
  for (unsigned i = 0; i < l->nsym; i++)
    l->sym[i] += sigma * l->noise[(off + i) % NOISE_LEN];

  /* Receiver. */
  phy_demod_llr_i8(&l->modem, l->mod, l->sym, l->nsym, l->noise_var, LLR_STEPS_PER_UNIT, l->llr);
  phy_sch_result_t r = {0};
  int rc = phy_sch_decode(&l->sch, &l->sch_cfg, l->llr, l->tb_rx, &r);
  res->tb_ok = rc == 0 && memcmp(l->tb, l->tb_rx, l->tbs / 8) == 0;
  res->iters = r.iters;
}
