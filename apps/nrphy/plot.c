/* SPDX-License-Identifier: Apache-2.0 */
/* nrphy --plot: a BLER-versus-SNR PNG through gnuplot or python3-matplotlib (Debian
 * packages gnuplot-nox / python3-matplotlib), whichever is installed. Neither is a build
 * dependency: without them --plot is refused before the simulation starts. The
 * environment variable NRPHY_PLOT=gnuplot|matplotlib|none forces the choice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define BLER_FLOOR 1e-4 /* where a point without errors is drawn on the log axis */

typedef enum { TOOL_NONE, TOOL_GNUPLOT, TOOL_MPL } plot_tool_t;

static plot_tool_t find_tool(void)
{
  const char *force = getenv("NRPHY_PLOT");
  if (force != NULL && strcmp(force, "none") == 0) {
    return TOOL_NONE;
  }
  bool any = force == NULL || *force == '\0';
  if ((any || strcmp(force, "gnuplot") == 0) && system("command -v gnuplot >/dev/null 2>&1") == 0) {
    return TOOL_GNUPLOT;
  }
  if ((any || strcmp(force, "matplotlib") == 0) &&
      system("python3 -c 'import matplotlib' >/dev/null 2>&1") == 0) {
    return TOOL_MPL;
  }
  return TOOL_NONE;
}

int nrphy_sim_plot_check(const char *cmd)
{
  if (find_tool() != TOOL_NONE) {
    return 0;
  }
  fprintf(stderr,
          "nrphy %s: --plot needs gnuplot or python3 with matplotlib and neither is "
          "installed (Debian: apt install gnuplot-nox, or python3-matplotlib)\n",
          cmd);
  return NRPHY_EXIT_USAGE;
}

/* The path and title go into a script between single quotes. */
static bool quotable(const char *s)
{
  return strpbrk(s, "'\\\n\r") == NULL;
}

static void gnuplot_script(FILE *p, const char *path, const char *title, const double *snr,
                           const double *bler, unsigned n)
{
  fprintf(p,
          "set terminal png size 900,600\nset output '%s'\nset title '%s'\n"
          "set xlabel 'SNR per RE (dB)'\nset ylabel 'BLER (0 drawn at %g)'\n"
          "set logscale y\nset yrange [%g:1.2]\nset grid\n"
          "plot '-' using 1:2 with linespoints pt 7 title 'BLER'\n",
          path, title, BLER_FLOOR, BLER_FLOOR / 2);
  for (unsigned i = 0; i < n; i++) {
    fprintf(p, "%g %g\n", snr[i], bler[i] > BLER_FLOOR ? bler[i] : BLER_FLOOR);
  }
  fprintf(p, "e\n");
}

static void mpl_script(FILE *p, const char *path, const char *title, const double *snr,
                       const double *bler, unsigned n)
{
  fprintf(p, "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n");
  fprintf(p, "x = [");
  for (unsigned i = 0; i < n; i++) {
    fprintf(p, "%g,", snr[i]);
  }
  fprintf(p, "]\ny = [");
  for (unsigned i = 0; i < n; i++) {
    fprintf(p, "%g,", bler[i] > BLER_FLOOR ? bler[i] : BLER_FLOOR);
  }
  fprintf(p,
          "]\nplt.semilogy(x, y, 'o-')\nplt.ylim(%g, 1.2)\nplt.grid(True, which='both')\n"
          "plt.xlabel('SNR per RE (dB)')\nplt.ylabel('BLER (0 drawn at %g)')\n"
          "plt.title('%s')\nplt.savefig('%s', dpi=100)\n",
          BLER_FLOOR / 2, BLER_FLOOR, title, path);
}

int nrphy_sim_plot(const char *path, const char *title, const double *snr, const double *bler,
                   unsigned n)
{
  if (!quotable(path) || !quotable(title)) {
    fprintf(stderr, "nrphy: --plot: the path may not contain quotes, backslashes or newlines\n");
    return NRPHY_EXIT_USAGE;
  }
  plot_tool_t tool = find_tool();
  FILE *p = tool == TOOL_GNUPLOT ? popen("gnuplot", "w")
            : tool == TOOL_MPL   ? popen("python3 -", "w")
                                 : NULL;
  if (p == NULL) {
    fprintf(stderr, "nrphy: --plot: cannot start the plotting tool\n");
    return NRPHY_EXIT_FAIL;
  }
  if (tool == TOOL_GNUPLOT) {
    gnuplot_script(p, path, title, snr, bler, n);
  } else {
    mpl_script(p, path, title, snr, bler, n);
  }
  if (pclose(p) != 0) {
    fprintf(stderr, "nrphy: --plot: the plotting tool failed for %s\n", path);
    return NRPHY_EXIT_FAIL;
  }
  return 0;
}
