/* SPDX-License-Identifier: Apache-2.0 */
/* TS 38.211 6.3.3.1 and 6.3.3.2 tables other than the configuration tables: preamble
 * formats (6.3.3.1-1, -2), root sequence mapping (6.3.3.1-3, -4), N_CS (6.3.3.1-5, -6, -7)
 * and the PRACH allocation (6.3.3.2-1). Cross-checked in tests/phy/prach. */
#include <stddef.h>

#include "prach_internal.h"
#include "olive/support/error.h"

static const char *const format_names[PHY_PRACH_FMT_COUNT] = {
    "0",  "1",  "2",  "3",  "A1", "A2",    "A3",    "B1",
    "B2", "B3", "B4", "C0", "C2", "A1/B1", "A2/B2", "A3/B3",
};

const char *phy_prach_format_name(phy_prach_format_t f)
{
  return (unsigned)f < PHY_PRACH_FMT_COUNT ? format_names[f] : "?";
}

/* TS 38.211 Table 6.3.3.1-1 (L_RA = 839, delta f_RA <= 5 kHz) and Table 6.3.3.1-2
 * (L_RA = 139, delta f_RA = 15 * 2^mu kHz). N_u and N_CP in kappa units; for the short
 * formats they are further scaled by 2^-mu. */
typedef struct format_row {
  uint16_t l_ra;
  uint16_t scs_hz; /* long formats; 0 = 15 kHz 2^mu */
  uint8_t nof_rep;
  uint32_t n_u;  /* kappa */
  uint32_t n_cp; /* kappa */
  bool ra, rb;
} format_row_t;

static const format_row_t format_rows[PHY_PRACH_FMT_A1_B1] = {
    [PHY_PRACH_FMT_0] = {839, 1250, 1, 24576, 3168, true, true},
    [PHY_PRACH_FMT_1] = {839, 1250, 2, 2 * 24576, 21024, true, true},
    [PHY_PRACH_FMT_2] = {839, 1250, 4, 4 * 24576, 4688, true, true},
    [PHY_PRACH_FMT_3] = {839, 5000, 4, 4 * 6144, 3168, true, true},
    [PHY_PRACH_FMT_A1] = {139, 0, 2, 2 * 2048, 288, false, false},
    [PHY_PRACH_FMT_A2] = {139, 0, 4, 4 * 2048, 576, false, false},
    [PHY_PRACH_FMT_A3] = {139, 0, 6, 6 * 2048, 864, false, false},
    [PHY_PRACH_FMT_B1] = {139, 0, 2, 2 * 2048, 216, false, false},
    [PHY_PRACH_FMT_B2] = {139, 0, 4, 4 * 2048, 360, false, false},
    [PHY_PRACH_FMT_B3] = {139, 0, 6, 6 * 2048, 504, false, false},
    [PHY_PRACH_FMT_B4] = {139, 0, 12, 12 * 2048, 936, false, false},
    [PHY_PRACH_FMT_C0] = {139, 0, 1, 2048, 1240, false, false},
    [PHY_PRACH_FMT_C2] = {139, 0, 4, 4 * 2048, 2048, false, false},
};

uint32_t prach_format_l_ra(phy_prach_format_t f)
{
  if ((unsigned)f >= PHY_PRACH_FMT_COUNT) {
    return 0;
  }
  return f >= PHY_PRACH_FMT_A1 ? PHY_PRACH_L_SHORT : PHY_PRACH_L_LONG;
}

uint32_t prach_format_scs(phy_prach_format_t f, uint32_t mu_ra)
{
  if ((unsigned)f >= PHY_PRACH_FMT_COUNT || mu_ra > 1) {
    return 0;
  }
  if (f < PHY_PRACH_FMT_A1) {
    return format_rows[f].scs_hz;
  }
  return 15000u << mu_ra;
}

int phy_prach_format_info(phy_prach_format_t f, uint32_t mu_ra, phy_prach_format_info_t *info)
{
  if (info == NULL || (unsigned)f >= PHY_PRACH_FMT_A1_B1) {
    return OLIVE_EINVAL;
  }
  const format_row_t *r = &format_rows[f];
  bool is_short = r->scs_hz == 0;
  if (is_short && mu_ra > 1) {
    return OLIVE_EINVAL;
  }
  uint32_t shift = is_short ? mu_ra : 0;
  info->l_ra = r->l_ra;
  info->scs_hz = is_short ? 15000u << mu_ra : r->scs_hz;
  info->nof_rep = r->nof_rep;
  info->n_u_tc = (r->n_u * PHY_PRACH_KAPPA) >> shift;
  info->n_cp_tc = (r->n_cp * PHY_PRACH_KAPPA) >> shift;
  info->restricted_a = r->ra;
  info->restricted_b = r->rb;
  return OLIVE_OK;
}

/* clang-format off */
/* TS 38.211 Table 6.3.3.1-3: mapping from logical index i to sequence number u for
 * preamble formats with L_RA = 839. */
static const uint16_t root_839[PHY_PRACH_L_LONG - 1] = {
    129, 710, 140, 699, 120, 719, 210, 629, 168, 671,  84, 755, 105, 734,  93, 746,  /* 0 */
     70, 769,  60, 779,   2, 837,   1, 838,  56, 783, 112, 727, 148, 691,  80, 759,  /* 16 */
     42, 797,  40, 799,  35, 804,  73, 766, 146, 693,  31, 808,  28, 811,  30, 809,  /* 32 */
     27, 812,  29, 810,  24, 815,  48, 791,  68, 771,  74, 765, 178, 661, 136, 703,  /* 48 */
     86, 753,  78, 761,  43, 796,  39, 800,  20, 819,  21, 818,  95, 744, 202, 637,  /* 64 */
    190, 649, 181, 658, 137, 702, 125, 714, 151, 688, 217, 622, 128, 711, 142, 697,  /* 80 */
    122, 717, 203, 636, 118, 721, 110, 729,  89, 750, 103, 736,  61, 778,  55, 784,  /* 96 */
     15, 824,  14, 825,  12, 827,  23, 816,  34, 805,  37, 802,  46, 793, 207, 632,  /* 112 */
    179, 660, 145, 694, 130, 709, 223, 616, 228, 611, 227, 612, 132, 707, 133, 706,  /* 128 */
    143, 696, 135, 704, 161, 678, 201, 638, 173, 666, 106, 733,  83, 756,  91, 748,  /* 144 */
     66, 773,  53, 786,  10, 829,   9, 830,   7, 832,   8, 831,  16, 823,  47, 792,  /* 160 */
     64, 775,  57, 782, 104, 735, 101, 738, 108, 731, 208, 631, 184, 655, 197, 642,  /* 176 */
    191, 648, 121, 718, 141, 698, 149, 690, 216, 623, 218, 621, 152, 687, 144, 695,  /* 192 */
    134, 705, 138, 701, 199, 640, 162, 677, 176, 663, 119, 720, 158, 681, 164, 675,  /* 208 */
    174, 665, 171, 668, 170, 669,  87, 752, 169, 670,  88, 751, 107, 732,  81, 758,  /* 224 */
     82, 757, 100, 739,  98, 741,  71, 768,  59, 780,  65, 774,  50, 789,  49, 790,  /* 240 */
     26, 813,  17, 822,  13, 826,   6, 833,   5, 834,  33, 806,  51, 788,  75, 764,  /* 256 */
     99, 740,  96, 743,  97, 742, 166, 673, 172, 667, 175, 664, 187, 652, 163, 676,  /* 272 */
    185, 654, 200, 639, 114, 725, 189, 650, 115, 724, 194, 645, 195, 644, 192, 647,  /* 288 */
    182, 657, 157, 682, 156, 683, 211, 628, 154, 685, 123, 716, 139, 700, 212, 627,  /* 304 */
    153, 686, 213, 626, 215, 624, 150, 689, 225, 614, 224, 615, 221, 618, 220, 619,  /* 320 */
    127, 712, 147, 692, 124, 715, 193, 646, 205, 634, 206, 633, 116, 723, 160, 679,  /* 336 */
    186, 653, 167, 672,  79, 760,  85, 754,  77, 762,  92, 747,  58, 781,  62, 777,  /* 352 */
     69, 770,  54, 785,  36, 803,  32, 807,  25, 814,  18, 821,  11, 828,   4, 835,  /* 368 */
      3, 836,  19, 820,  22, 817,  41, 798,  38, 801,  44, 795,  52, 787,  45, 794,  /* 384 */
     63, 776,  67, 772,  72, 767,  76, 763,  94, 745, 102, 737,  90, 749, 109, 730,  /* 400 */
    165, 674, 111, 728, 209, 630, 204, 635, 117, 722, 188, 651, 159, 680, 198, 641,  /* 416 */
    113, 726, 183, 656, 180, 659, 177, 662, 196, 643, 155, 684, 214, 625, 126, 713,  /* 432 */
    131, 708, 219, 620, 222, 617, 226, 613, 230, 609, 232, 607, 262, 577, 252, 587,  /* 448 */
    418, 421, 416, 423, 413, 426, 411, 428, 376, 463, 395, 444, 283, 556, 285, 554,  /* 464 */
    379, 460, 390, 449, 363, 476, 384, 455, 388, 451, 386, 453, 361, 478, 387, 452,  /* 480 */
    360, 479, 310, 529, 354, 485, 328, 511, 315, 524, 337, 502, 349, 490, 335, 504,  /* 496 */
    324, 515, 323, 516, 320, 519, 334, 505, 359, 480, 295, 544, 385, 454, 292, 547,  /* 512 */
    291, 548, 381, 458, 399, 440, 380, 459, 397, 442, 369, 470, 377, 462, 410, 429,  /* 528 */
    407, 432, 281, 558, 414, 425, 247, 592, 277, 562, 271, 568, 272, 567, 264, 575,  /* 544 */
    259, 580, 237, 602, 239, 600, 244, 595, 243, 596, 275, 564, 278, 561, 250, 589,  /* 560 */
    246, 593, 417, 422, 248, 591, 394, 445, 393, 446, 370, 469, 365, 474, 300, 539,  /* 576 */
    299, 540, 364, 475, 362, 477, 298, 541, 312, 527, 313, 526, 314, 525, 353, 486,  /* 592 */
    352, 487, 343, 496, 327, 512, 350, 489, 326, 513, 319, 520, 332, 507, 333, 506,  /* 608 */
    348, 491, 347, 492, 322, 517, 330, 509, 338, 501, 341, 498, 340, 499, 342, 497,  /* 624 */
    301, 538, 366, 473, 401, 438, 371, 468, 408, 431, 375, 464, 249, 590, 269, 570,  /* 640 */
    238, 601, 234, 605, 257, 582, 273, 566, 255, 584, 254, 585, 245, 594, 251, 588,  /* 656 */
    412, 427, 372, 467, 282, 557, 403, 436, 396, 443, 392, 447, 391, 448, 382, 457,  /* 672 */
    389, 450, 294, 545, 297, 542, 311, 528, 344, 495, 345, 494, 318, 521, 331, 508,  /* 688 */
    325, 514, 321, 518, 346, 493, 339, 500, 351, 488, 306, 533, 289, 550, 400, 439,  /* 704 */
    378, 461, 374, 465, 415, 424, 270, 569, 241, 598, 231, 608, 260, 579, 268, 571,  /* 720 */
    276, 563, 409, 430, 398, 441, 290, 549, 304, 535, 308, 531, 358, 481, 316, 523,  /* 736 */
    293, 546, 288, 551, 284, 555, 368, 471, 253, 586, 256, 583, 263, 576, 242, 597,  /* 752 */
    274, 565, 402, 437, 383, 456, 357, 482, 329, 510, 317, 522, 307, 532, 286, 553,  /* 768 */
    287, 552, 266, 573, 261, 578, 236, 603, 303, 536, 356, 483, 355, 484, 405, 434,  /* 784 */
    404, 435, 406, 433, 235, 604, 267, 572, 302, 537, 309, 530, 265, 574, 233, 606,  /* 800 */
    367, 472, 296, 543, 336, 503, 305, 534, 373, 466, 280, 559, 279, 560, 419, 420,  /* 816 */
    240, 599, 258, 581, 229, 610,  /* 832 */
};

/* TS 38.211 Table 6.3.3.1-4: mapping from logical index i to sequence number u for
 * preamble formats with L_RA = 139. */
static const uint8_t root_139[PHY_PRACH_L_SHORT - 1] = {
      1, 138,   2, 137,   3, 136,   4, 135,   5, 134,   6, 133,   7, 132,   8, 131,  /* 0 */
      9, 130,  10, 129,  11, 128,  12, 127,  13, 126,  14, 125,  15, 124,  16, 123,  /* 16 */
     17, 122,  18, 121,  19, 120,  20, 119,  21, 118,  22, 117,  23, 116,  24, 115,  /* 32 */
     25, 114,  26, 113,  27, 112,  28, 111,  29, 110,  30, 109,  31, 108,  32, 107,  /* 48 */
     33, 106,  34, 105,  35, 104,  36, 103,  37, 102,  38, 101,  39, 100,  40,  99,  /* 64 */
     41,  98,  42,  97,  43,  96,  44,  95,  45,  94,  46,  93,  47,  92,  48,  91,  /* 80 */
     49,  90,  50,  89,  51,  88,  52,  87,  53,  86,  54,  85,  55,  84,  56,  83,  /* 96 */
     57,  82,  58,  81,  59,  80,  60,  79,  61,  78,  62,  77,  63,  76,  64,  75,  /* 112 */
     65,  74,  66,  73,  67,  72,  68,  71,  69,  70,  /* 128 */
};

/* TS 38.211 Table 6.3.3.1-5 (delta f_RA = 1.25 kHz) and Table 6.3.3.1-6 (5 kHz): N_CS per
 * zeroCorrelationZoneConfig for the unrestricted set and restricted sets type A and B;
 * 0xffff marks the tables' empty (reserved) entries. Table 6.3.3.1-7 (15 * 2^mu kHz):
 * unrestricted only. */
#define RSV 0xffffu
static const uint16_t ncs_1250[3][16] = {
    {0, 13, 15, 18, 22, 26, 32, 38, 46, 59, 76, 93, 119, 167, 279, 419},
    {15, 18, 22, 26, 32, 38, 46, 55, 68, 82, 100, 128, 158, 202, 237, RSV},
    {15, 18, 22, 26, 32, 38, 46, 55, 68, 82, 100, 118, 137, RSV, RSV, RSV},
};
static const uint16_t ncs_5000[3][16] = {
    {0, 13, 26, 33, 38, 41, 49, 55, 64, 76, 93, 119, 139, 209, 279, 419},
    {36, 57, 72, 81, 89, 94, 103, 112, 121, 132, 137, 152, 173, 195, 216, 237},
    {36, 57, 60, 63, 65, 68, 71, 77, 81, 85, 97, 109, 122, 137, RSV, RSV},
};
static const uint16_t ncs_short[16] = {0, 2, 4, 6, 8, 10, 12, 13, 15, 17, 19, 23, 27, 34, 46, 69};
/* clang-format on */

int phy_prach_root_u(uint32_t l_ra, uint32_t logical)
{
  if (l_ra == PHY_PRACH_L_LONG && logical < PHY_PRACH_L_LONG - 1) {
    return root_839[logical];
  }
  if (l_ra == PHY_PRACH_L_SHORT && logical < PHY_PRACH_L_SHORT - 1) {
    return root_139[logical];
  }
  return OLIVE_EINVAL;
}

int phy_prach_ncs(uint32_t scs_hz, phy_prach_set_t set, uint32_t zcz)
{
  if (zcz > 15 || (unsigned)set > PHY_PRACH_SET_TYPE_B) {
    return OLIVE_EINVAL;
  }
  uint32_t v;
  if (scs_hz == 1250) {
    v = ncs_1250[set][zcz];
  } else if (scs_hz == 5000) {
    v = ncs_5000[set][zcz];
  } else if ((scs_hz == 15000 || scs_hz == 30000) && set == PHY_PRACH_SET_UNRESTRICTED) {
    v = ncs_short[zcz];
  } else {
    return OLIVE_EINVAL;
  }
  return v == RSV ? OLIVE_EINVAL : (int)v;
}

/* TS 38.211 Table 6.3.3.2-1 (FR1 rows): {L_RA, delta f_RA, delta f PUSCH, N_RB^RA, k_bar}. */
static const uint32_t alloc_rows[][5] = {
    {839, 1250, 15000, 6, 7},   {839, 1250, 30000, 3, 1},   {839, 1250, 60000, 2, 133},
    {839, 5000, 15000, 24, 12}, {839, 5000, 30000, 12, 10}, {839, 5000, 60000, 6, 7},
    {139, 15000, 15000, 12, 2}, {139, 15000, 30000, 6, 2},  {139, 15000, 60000, 3, 2},
    {139, 30000, 15000, 24, 2}, {139, 30000, 30000, 12, 2}, {139, 30000, 60000, 6, 2},
};

int phy_prach_alloc(uint32_t l_ra, uint32_t scs_ra_hz, uint32_t scs_pusch_hz, uint32_t *n_rb_ra,
                    uint32_t *k_bar)
{
  for (size_t i = 0; i < OLIVE_ARRAY_SIZE(alloc_rows); i++) {
    const uint32_t *r = alloc_rows[i];
    if (r[0] == l_ra && r[1] == scs_ra_hz && r[2] == scs_pusch_hz) {
      *n_rb_ra = r[3];
      *k_bar = r[4];
      return OLIVE_OK;
    }
  }
  return OLIVE_EINVAL;
}

const phy_prach_config_t *phy_prach_config_table(bool tdd)
{
  return tdd ? prach_cfg_tdd : prach_cfg_fdd;
}

int phy_prach_config_get(bool tdd, uint32_t index, phy_prach_config_t *row)
{
  if (index >= PHY_PRACH_NOF_CFG || row == NULL) {
    return OLIVE_EINVAL;
  }
  *row = phy_prach_config_table(tdd)[index];
  return OLIVE_OK;
}

bool phy_prach_config_is_occasion(const phy_prach_config_t *row, uint32_t sfn, uint32_t sf)
{
  return row != NULL && row->x != 0 && sf < 10 && sfn % row->x == row->y &&
         ((row->sf_mask >> sf) & 1u);
}
