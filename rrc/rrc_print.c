/* SPDX-License-Identifier: Apache-2.0 */
/* One-line renderings of MIB and SIB1 for logs and tools (nrscan), enums printed by their
 * TS 38.331 names through name tables (STYLE 7). Not used on the slot path. */
#include <stdarg.h>
#include <stdio.h>

#include "olive/rrc/mib.h"
#include "olive/rrc/sib1.h"
#include "olive/support/api.h"

typedef struct line {
  char *out;
  size_t cap;
  size_t len; /* length the full line needs */
} line_t;

static void put(line_t *l, const char *fmt, ...)
{
  va_list ap;
  size_t room = l->len < l->cap ? l->cap - l->len : 0;
  va_start(ap, fmt);
  int n = vsnprintf(room ? l->out + l->len : NULL, room, fmt, ap);
  va_end(ap);
  if (n > 0)
    l->len += (size_t)n;
}

static const char *name(const char *const *table, size_t n, unsigned v)
{
  return v < n ? table[v] : "?";
}
#define NAME(table, v) name(table, OLIVE_ARRAY_SIZE(table), (unsigned)(v))

static const char *const scs_names[] = {"kHz15", "kHz30", "kHz60", "kHz120", "kHz240"};
static const char *const ssb_period_names[] = {"ms5", "ms10", "ms20", "ms40", "ms80", "ms160"};
static const char *const tdd_period_names[] = {"ms0p5", "ms0p625", "ms1", "ms1p25",
                                               "ms2",   "ms2p5",   "ms5", "ms10"};
static const char *const t300_names[] = {"ms100", "ms200",  "ms300",  "ms400",
                                         "ms600", "ms1000", "ms1500", "ms2000"};
static const char *const msg1_fdm_names[] = {"one", "two", "four", "eight"};

const char *rrc_scs_name(rrc_scs_t scs)
{
  return NAME(scs_names, scs);
}

int rrc_mib_to_str(const rrc_mib_t *m, char *out, size_t cap)
{
  static const char *const scs[] = {"scs15or60", "scs30or120"};
  static const char *const dmrs[] = {"pos2", "pos3"};
  static const char *const barred[] = {"barred", "notBarred"};
  static const char *const intra[] = {"allowed", "notAllowed"};
  line_t l = {out, cap, 0};
  if (out && cap)
    out[0] = 0;
  put(&l,
      "sfn_msbs=%u scs_common=%s k_ssb=%u dmrs_type_a=%s coreset0=%u ss0=%u cell_barred=%s "
      "intra_freq_reselection=%s",
      m->system_frame_number, NAME(scs, m->sub_carrier_spacing_common), m->ssb_subcarrier_offset,
      NAME(dmrs, m->dmrs_type_a_position), m->control_resource_set_zero, m->search_space_zero,
      NAME(barred, m->cell_barred), NAME(intra, m->intra_freq_reselection));
  return (int)l.len;
}

static void put_access(line_t *l, const rrc_cell_access_related_info_t *a)
{
  put(l, "plmn=");
  for (unsigned i = 0; i < a->nof_plmn && i < RRC_MAX_PLMN; i++) {
    const rrc_plmn_identity_t *p = &a->plmn[i];
    put(l, i ? "," : "");
    if (p->has_mcc)
      put(l, "%u%u%u-", p->mcc[0], p->mcc[1], p->mcc[2]);
    for (unsigned k = 0; k < p->nof_mnc_digits && k < 3; k++)
      put(l, "%u", p->mnc[k]);
  }
  if (a->has_tracking_area_code)
    put(l, " tac=%u", a->tracking_area_code);
  put(l, " cell_id=0x%09llx", (unsigned long long)a->cell_identity);
}

static void put_dl(line_t *l, const rrc_downlink_config_common_sib_t *d)
{
  const rrc_frequency_info_dl_sib_t *f = &d->frequency_info_dl;
  const rrc_pdcch_config_common_t *p = &d->initial_downlink_bwp.pdcch_config_common;
  if (f->nof_bands && f->band[0].has_freq_band_indicator_nr)
    put(l, " band=n%u", f->band[0].freq_band_indicator_nr);
  if (f->nof_scs)
    put(l, " dl_prb=%u scs=%s", f->scs[0].carrier_bandwidth,
        NAME(scs_names, f->scs[0].subcarrier_spacing));
  put(l, " offset_to_point_a=%u", f->offset_to_point_a);
  if (d->initial_downlink_bwp.has_pdcch_config_common && p->has_control_resource_set_zero)
    put(l, " coreset0=%u", p->control_resource_set_zero);
  if (d->initial_downlink_bwp.has_pdcch_config_common && p->has_search_space_zero)
    put(l, " ss0=%u", p->search_space_zero);
}

static void put_ul(line_t *l, const rrc_uplink_config_common_sib_t *u)
{
  const rrc_bwp_uplink_common_t *b = &u->initial_uplink_bwp;
  if (u->frequency_info_ul.has_absolute_frequency_point_a)
    put(l, " ul_point_a_arfcn=%u", u->frequency_info_ul.absolute_frequency_point_a);
  if (!b->has_rach_config_common)
    return;
  const rrc_rach_config_common_t *r = &b->rach_config_common;
  put(l,
      " prach_config_index=%u msg1_fdm=%s msg1_frequency_start=%u zero_correlation_zone=%u "
      "root=%s:%u",
      r->rach_config_generic.prach_configuration_index,
      NAME(msg1_fdm_names, r->rach_config_generic.msg1_fdm),
      r->rach_config_generic.msg1_frequency_start,
      r->rach_config_generic.zero_correlation_zone_config,
      r->prach_root_sequence_index_type == RRC_PRACH_ROOT_L839 ? "l839" : "l139",
      r->prach_root_sequence_index);
}

static void put_scc(line_t *l, const rrc_serving_cell_config_common_sib_t *s)
{
  put_dl(l, &s->downlink_config_common);
  if (s->has_uplink_config_common)
    put_ul(l, &s->uplink_config_common);
  put(l, " ssb_in_burst=0x%02x ssb_period=%s ss_pbch_power=%d",
      s->ssb_positions_in_burst_in_one_group,
      NAME(ssb_period_names, s->ssb_periodicity_serving_cell), s->ss_pbch_block_power);
  if (!s->has_tdd_ul_dl_configuration_common) {
    put(l, " duplex=fdd");
    return;
  }
  const rrc_tdd_ul_dl_pattern_t *p = &s->tdd_ul_dl_configuration_common.pattern1;
  put(l, " tdd=%s:%s:dl%u+%usym:ul%u+%usym",
      NAME(scs_names, s->tdd_ul_dl_configuration_common.reference_subcarrier_spacing),
      NAME(tdd_period_names, p->dl_ul_transmission_periodicity), p->nrof_downlink_slots,
      p->nrof_downlink_symbols, p->nrof_uplink_slots, p->nrof_uplink_symbols);
}

int rrc_sib1_to_str(const rrc_sib1_t *s, char *out, size_t cap)
{
  line_t l = {out, cap, 0};
  if (out && cap)
    out[0] = 0;
  put_access(&l, &s->cell_access_related_info);
  if (s->has_cell_selection_info)
    put(&l, " q_rx_lev_min=%d", s->cell_selection_info.q_rx_lev_min);
  if (s->has_serving_cell_config_common)
    put_scc(&l, &s->serving_cell_config_common);
  if (s->has_si_scheduling_info)
    put(&l, " si_messages=%u", s->si_scheduling_info.nof_si);
  if (s->has_ue_timers_and_constants)
    put(&l, " t300=%s t301=%s", NAME(t300_names, s->ue_timers_and_constants.t300),
        NAME(t300_names, s->ue_timers_and_constants.t301));
  return (int)l.len;
}
