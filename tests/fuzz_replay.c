/* SPDX-License-Identifier: Apache-2.0 */
/* Replay driver for libFuzzer targets, so every decoder of outside bytes runs in every
 * build (gcc, sanitizers) and not only under clang's libFuzzer. It feeds:
 *   1. every file of --corpus DIR,
 *   2. --runs inputs from a fixed-seed generator: random lengths 0..4096 of random
 *      bytes, and corpus entries with random bit flips, truncations and splices.
 * A crash, sanitizer report or hang fails the test. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX_INPUT 4096
#define MAX_CORPUS       256

static uint64_t rng_state = 0x0123456789abcdefull;
static uint64_t rng(void)
{
  /* xorshift64* */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 2685821657736338717ull;
}

static uint8_t *corpus[MAX_CORPUS];
static size_t corpus_len[MAX_CORPUS];
static size_t nof_corpus;

static void load_corpus(const char *dir)
{
  DIR *d = opendir(dir);
  if (d == NULL) {
    fprintf(stderr, "fuzz-replay: cannot open corpus '%s'\n", dir);
    exit(1);
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL && nof_corpus < MAX_CORPUS) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
      continue;
    uint8_t *buf = malloc(REPLAY_MAX_INPUT);
    size_t n = fread(buf, 1, REPLAY_MAX_INPUT, f);
    fclose(f);
    corpus[nof_corpus] = buf;
    corpus_len[nof_corpus++] = n;
    LLVMFuzzerTestOneInput(buf, n);
  }
  closedir(d);
}

int main(int argc, char **argv)
{
  long runs = 20000;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
      runs = atol(argv[++i]);
    else if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
      load_corpus(argv[++i]);
  }
  static uint8_t buf[REPLAY_MAX_INPUT];
  for (long r = 0; r < runs; r++) {
    size_t n;
    if (nof_corpus > 0 && (r & 1)) {
      size_t c = (size_t)(rng() % nof_corpus);
      n = corpus_len[c];
      memcpy(buf, corpus[c], n);
      unsigned flips = (unsigned)(rng() % 4);
      for (unsigned f = 0; f < flips && n > 0; f++)
        buf[rng() % n] ^= (uint8_t)(1u << (rng() % 8));
      if (rng() % 4 == 0 && n > 0)
        n = (size_t)(rng() % n); /* truncate */
    } else {
      n = (size_t)(rng() % (r % 16 == 0 ? REPLAY_MAX_INPUT : 64));
      for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)rng();
    }
    LLVMFuzzerTestOneInput(buf, n);
  }
  printf("fuzz-replay: %zu corpus files, %ld generated inputs, no crash\n", nof_corpus, runs);
  for (size_t i = 0; i < nof_corpus; i++)
    free(corpus[i]);
  return 0;
}
