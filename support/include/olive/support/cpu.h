/* SPDX-License-Identifier: Apache-2.0 */
/* Instruction-set detection for SIMD dispatch.
 *
 * Each SIMD module has a portable C reference and optional AVX2 / AVX-512 variants, built
 * with their own compiler flags. An object chooses its variant once, at init, from
 * olive_cpu_isa() (or from an explicit request in its _args_t, which tests use to run every
 * variant against the reference). Nothing is chosen lazily on a hot path.
 *
 * OLIVE_ISA=generic|avx2|avx512 in the environment caps the choice (for debugging and for
 * comparing variants). */
#ifndef OLIVE_SUPPORT_CPU_H
#define OLIVE_SUPPORT_CPU_H

#include <stdbool.h>

#include "olive/support/api.h"

/* OLIVE_ISA_AUTO is 0 so that a zero-initialised _args_t picks the best variant: a
 * forgotten `isa` field must not silently select the portable reference. Variants run
 * from OLIVE_ISA_GENERIC to OLIVE_ISA_COUNT - 1 (loop over them from GENERIC). */
typedef enum olive_isa {
  OLIVE_ISA_AUTO = 0, /* for _args_t fields: "use olive_cpu_isa()" */
  OLIVE_ISA_GENERIC = 1,
  OLIVE_ISA_AVX2 = 2,   /* AVX2 + FMA + BMI2 */
  OLIVE_ISA_AVX512 = 3, /* AVX-512 F/BW/VL/DQ */
  OLIVE_ISA_COUNT,
} olive_isa_t;

/* The best ISA this CPU runs, capped by OLIVE_ISA. Thread-safe, cheap; call at init. */
OLIVE_API olive_isa_t olive_cpu_isa(void);

/* True when this CPU and build can run variant `isa` (ignores the OLIVE_ISA cap). */
OLIVE_API bool olive_cpu_supports(olive_isa_t isa);

/* Resolves OLIVE_ISA_AUTO to olive_cpu_isa(); other values pass through. */
OLIVE_API olive_isa_t olive_isa_resolve(olive_isa_t requested);

/* "auto", "generic", "avx2", "avx512"; "unknown" out of range. */
OLIVE_API const char *olive_isa_name(olive_isa_t isa);

#endif
