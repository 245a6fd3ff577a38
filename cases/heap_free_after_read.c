/*
 * name: heap_free_after_read
 * summary: main mallocs a message, a reader thread checksums it and raises a relaxed atomic flag; main waits for the flag and frees the message before joining the reader
 * verdict: race
 * category: heap
 * origin: racecard catalog: heap
 * why: free() counts as an access to the memory it deallocates (C11
 *      7.22.3p2); the relaxed flag creates no happens-before (C11
 *      7.17.3p1) and the join comes after the free, so the reader's reads and
 *      main's free are unordered: a data race under C11 5.1.2.4p25.
 *
 * The twin of heap_free_after_join, which differs in one thing: main frees
 * the message before joining the reader instead of after.  main waits for
 * the reader's relaxed flag first, so in time the reads always come before
 * the free: the program never reads freed memory and prints the right
 * checksum, and every detector sees the same order on every run.  That
 * order is not happens-before, so the free still races with the reads.
 *
 * ThreadSanitizer treats free() as a write to the whole block and reports
 * it against the reader's earlier read (a data race, not a use after free:
 * nothing touches the block after it is freed).  Helgrind and DRD do not
 * treat free() as an access unless run with --free-is-write=yes.  The flag's
 * operations are read-modify-writes, which Valgrind's tools do not report.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scale.h"
#include "turn.h"

#define TEXT "the quick brown fox jumps over the lazy dog"

struct message {
    char text[64];
};

static struct message *shared; /* written by main before the reader exists */
static struct turn done; /* raised once the reader has read (turn.h) */

static unsigned read_byte(const struct message *m, size_t i)
{
    return (unsigned char)m->text[i]; /* RACE(msg) */
}

static void release(struct message *m)
{
    free(m); /* RACE(msg) */
}

static unsigned checksum(const struct message *m)
{
    unsigned sum = 0;

    for (size_t i = 0; i < sizeof m->text; i++)
        sum = sum * 31 + read_byte(m, i);
    return sum;
}

static void *reader(void *arg)
{
    unsigned *result = arg;

    *result = checksum(shared);
    turn_pass(&done, 1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    unsigned result = 0, want;

    shared = malloc(sizeof *shared);
    if (shared == NULL) {
        fprintf(stderr, "heap_free_after_read: out of memory\n");
        return 1;
    }
    memset(shared->text, 0, sizeof shared->text);
    strcpy(shared->text, TEXT);
    want = checksum(shared);
    turn_init(&done);
    if (pthread_create(&t, NULL, reader, &result) != 0) {
        fprintf(stderr, "heap_free_after_read: cannot create a thread\n");
        return 1;
    }
    turn_wait(&done, 1);
    release(shared);
    pthread_join(t, NULL);

    printf("checksum: %u (%u expected)\n", result, want);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
