/* SPDX-License-Identifier: Apache-2.0 */
#include "olive/phy/phy.h"

#include "olive/support/cpu.h"

const char *olive_phy_version(void)
{
  return OLIVE_VERSION;
}

const char *olive_phy_isa(void)
{
  return olive_isa_name(olive_cpu_isa());
}
