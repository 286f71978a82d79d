/* SPDX-License-Identifier: Apache-2.0 */
/* Variant choice for olive/phy/vec.h. */
#include "vec_internal.h"
#include "olive/support/cpu.h"

static phy_vec_scale_fn scale_fn = phy_vec_scale_generic;

/* Made once at library load, before main() and any thread (like phy/bits). */
__attribute__((constructor)) static void vec_choose_isa(void)
{
#ifdef OLIVE_HAVE_X86_SIMD
  __builtin_cpu_init(); /* olive_cpu_isa() may run before libgcc's own initialiser */
  olive_isa_t isa = olive_cpu_isa();
  if (isa == OLIVE_ISA_AVX512) {
    scale_fn = phy_vec_scale_avx512;
  } else if (isa == OLIVE_ISA_AVX2) {
    scale_fn = phy_vec_scale_avx2;
  }
#endif
}

void phy_vec_scale(cf_t *dst, const cf_t *src, cf_t c, uint32_t n)
{
  scale_fn(dst, src, c, n);
}
