/* fuzz.h: what the fuzz targets share. Each target is one file defining LLVMFuzzerInitialize()
 * and LLVMFuzzerTestOneInput(); it links with libFuzzer in the fuzzing build (make check-fuzz)
 * and with replay.c in every build, where make check runs it over tests/fuzz/<target>/. */
#ifndef DL_FUZZ_H
#define DL_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: report it and abort, so that libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond)                                                                      \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "%s:%d: promise broken: %s\n", __FILE__, __LINE__, #cond);          \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

/* A NUL-terminated copy of the input (free with free()). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s) {
        for (size_t i = 0; i < size; i++)
            s[i] = data[i] ? (char)data[i] : ' ';
        s[size] = '\0';
    }
    return s;
}
#endif
