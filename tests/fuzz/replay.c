/*
 * replay.c - main() for a fuzz target built without libFuzzer: feeds it
 * each file named on the command line, so CTest can replay the inputs that
 * once broke a reader (tests/fuzz/regress) with any compiler.
 */
#include "fuzz.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        text_buf b;
        text_buf_init(&b);
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            text_buf_add(&b, chunk, n);
        int bad = ferror(f);
        fclose(f);
        if (bad) {
            perror(argv[i]);
            return 1;
        }
        /* An exact-size copy, as libFuzzer gives, so an overread shows. */
        uint8_t *data = malloc(b.len ? b.len : 1);
        if (!data)
            return 1;
        if (b.len)
            memcpy(data, b.s, b.len);
        LLVMFuzzerTestOneInput(data, b.len);
        free(data);
        text_buf_free(&b);
        printf("replayed %s\n", argv[i]);
    }
    return 0;
}
