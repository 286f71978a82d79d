/* SPDX-License-Identifier: Apache-2.0 */
/* FFTW planning for the OFDM objects: init-time only, serialised, wisdom cached. */
#include <fftw3.h>
#include <pthread.h>

#include "fft_internal.h"
#include "ofdm_internal.h"
#include "olive/support/error.h"
#include "olive/support/log.h"

/* FFTW's planner and wisdom are process-global and not thread-safe; this lock makes
 * concurrent olive inits safe. It is the only global state of the module. */
static pthread_mutex_t planner_lock = PTHREAD_MUTEX_INITIALIZER;

void phy_fft_planner_begin(const char *wisdom_path)
{
  pthread_mutex_lock(&planner_lock);
  if (wisdom_path != NULL) {
    /* A missing or unreadable file only means planning from scratch. */
    (void)fftwf_import_wisdom_from_filename(wisdom_path);
  }
}

void phy_fft_planner_end(const char *wisdom_path, bool planned_ok)
{
  if (planned_ok && wisdom_path != NULL && !fftwf_export_wisdom_to_filename(wisdom_path)) {
    OLOG_WARN(OLIVE_LOG_PHY, "fft: cannot write FFTW wisdom to %s", wisdom_path);
  }
  pthread_mutex_unlock(&planner_lock);
}

unsigned phy_fft_flags(phy_ofdm_plan_t effort)
{
  switch (effort) {
  case PHY_OFDM_PLAN_MEASURE:
    return FFTW_MEASURE;
  case PHY_OFDM_PLAN_PATIENT:
    return FFTW_PATIENT;
  default:
    return FFTW_ESTIMATE;
  }
}

void phy_fft_destroy(void *plan)
{
  if (plan != NULL) {
    pthread_mutex_lock(&planner_lock);
    fftwf_destroy_plan(plan);
    pthread_mutex_unlock(&planner_lock);
  }
}

int ofdm_fft_plan(phy_ofdm_t *q, int sign, phy_ofdm_plan_t effort, const char *wisdom_path)
{
  int n = (int)q->fft_size;
  fftwf_complex *in = (fftwf_complex *)q->fin;
  fftwf_complex *out = (fftwf_complex *)q->fout;
  unsigned flags = phy_fft_flags(effort);

  phy_fft_planner_begin(wisdom_path);
  /* MEASURE/PATIENT overwrite the arrays while planning: nothing lives there yet. */
  q->plan[0] = fftwf_plan_dft_1d(n, in, out, sign, flags);
  /* A second plan for an input one element off a 16-byte boundary costs the demodulator
   * about what copying the window would (0.9-1.1x over N 384..4096 here). A modulator
   * plan for an output one element off is 1.5-2x slower than the aligned plan plus a
   * copy (FFTW's SIMD codelets need 16-byte alignment): the modulator has none. */
  q->plan[1] = sign == FFTW_FORWARD ? fftwf_plan_dft_1d(n, in + 1, out, sign, flags) : NULL;
  bool ok = q->plan[0] != NULL && (sign == FFTW_BACKWARD || q->plan[1] != NULL);
  phy_fft_planner_end(wisdom_path, ok);
  /* New-array execution needs the alignment the plan was made with (FFTW manual 4.6).
   * The caller-side array is the output for the modulator, the input for the
   * demodulator; plan[1] was made with it one element off. */
  cf_t *ref = sign == FFTW_BACKWARD ? q->fout : q->fin;
  q->align[0] = fftwf_alignment_of((float *)ref);
  q->align[1] = q->plan[1] != NULL ? fftwf_alignment_of((float *)(ref + 1)) : -1;
  q->align[2] = fftwf_alignment_of((float *)q->fin);
  return ok ? OLIVE_OK : OLIVE_ENOMEM;
}

void ofdm_fft_destroy(phy_ofdm_t *q)
{
  for (int i = 0; i < 2; i++) {
    phy_fft_destroy(q->plan[i]);
    q->plan[i] = NULL;
  }
}

int ofdm_fft_pick(const phy_ofdm_t *q, const cf_t *p)
{
  int a = fftwf_alignment_of((float *)p);
  return a == q->align[0] ? 0 : a == q->align[1] ? 1 : -1;
}
