/* fuzz: the entry point every fuzz target defines (libFuzzer's), and the replay driver
 * that make check uses to run the committed corpora through the same code. */
#ifndef REDRESS_FUZZ_H
#define REDRESS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
