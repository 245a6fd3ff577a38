/*
 * name: heap_free_after_join
 * summary: main mallocs a message, a reader thread checksums it and raises a relaxed atomic flag; main waits for the flag, joins the reader, then frees the message
 * verdict: race-free
 * category: heap
 * origin: racecard catalog: heap
 * why: free() counts as an access to the memory it deallocates (C11
 *      7.22.3p2); main frees only after pthread_join, which
 *      synchronises memory (POSIX XBD 4.12), so the reader's reads happen
 *      before the free, as main's writes before pthread_create happen before
 *      the reads (C11 5.1.2.4).
 *
 * The twin of heap_free_after_read, which differs in one thing: main frees
 * the message after joining the reader instead of before.  The relaxed flag
 * that main waits for orders nothing in the memory model; here it is only
 * what the twin needs to free at a fixed point in time, kept so that the
 * twins differ in the order of free and join alone.  Its operations are
 * read-modify-writes, which Valgrind's tools do not report.  The program
 * prints the reader's checksum of the message, the same every run.
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
    return (unsigned char)m->text[i]; /* NORACE(msg) */
}

static void release(struct message *m)
{
    free(m); /* NORACE(msg) */
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
        fprintf(stderr, "heap_free_after_join: out of memory\n");
        return 1;
    }
    memset(shared->text, 0, sizeof shared->text);
    strcpy(shared->text, TEXT);
    want = checksum(shared);
    turn_init(&done);
    if (pthread_create(&t, NULL, reader, &result) != 0) {
        fprintf(stderr, "heap_free_after_join: cannot create a thread\n");
        return 1;
    }
    turn_wait(&done, 1);
    pthread_join(t, NULL);
    release(shared);

    printf("checksum: %u (%u expected)\n", result, want);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
