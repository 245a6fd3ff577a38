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
        size_t len;
        char *text = text_read_file(argv[i], &len);
        if (!text) {
            perror(argv[i]);
            return 1;
        }
        /* An exact-size copy, as libFuzzer gives, so an overread shows. */
        uint8_t *data = malloc(len ? len : 1);
        if (!data)
            return 1;
        if (len)
            memcpy(data, text, len);
        LLVMFuzzerTestOneInput(data, len);
        free(data);
        free(text);
        printf("replayed %s\n", argv[i]);
    }
    return 0;
}
