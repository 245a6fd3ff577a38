/*
 * name: struct_assign_race
 * summary: an updater assigns a whole 256-byte settings struct with one `=`; a reader, later in time but unordered, copies it with another
 * verdict: race
 * category: detector-limits
 * origin: struct assignment, which compilers turn into block moves or memcpy calls the detector must still see
 * why: a struct assignment writes every member of the destination and reads
 *      every member of the source (C11 6.5.16.1), so the updater's
 *      assignment and the reader's copy are conflicting plain accesses of
 *      the shared struct, unordered (the turn between them is relaxed): a
 *      data race (5.1.2.4p25).
 *
 * One line of C, and no visible loop: gcc and clang compile the assignment of
 * a 256-byte struct into a call of memcpy or a block move (rep movs), not
 * into member stores.  A detector has to treat that as a write of the whole
 * struct and name the line of the `=`.  A turn (support/turn.h) puts the
 * reader's copy after the update in time without creating any happens-before,
 * so DRD names the copy, the later access, on every run.  It prints "reader
 * saw version 2".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

struct settings {
    long version;
    long values[31];
};

static struct settings current = { 1, { 0 } };
static struct turn order; /* update, then copy */

static void *updater(void *arg)
{
    const struct settings *next = arg;

    current = *next; /* RACE(current) */
    turn_pass(&order, 1);
    return NULL;
}

static void *reader(void *arg)
{
    struct settings *copy = arg;

    turn_wait(&order, 1);
    *copy = current; /* RACE(current) */
    return NULL;
}

int main(void)
{
    static struct settings next = { 2, { 7 } };
    struct settings copy = { 0, { 0 } };
    pthread_t u, r;

    turn_init(&order);
    if (pthread_create(&r, NULL, reader, &copy) != 0 ||
        pthread_create(&u, NULL, updater, &next) != 0) {
        fprintf(stderr, "struct_assign_race: cannot create threads\n");
        return 1;
    }
    pthread_join(u, NULL);
    pthread_join(r, NULL);
    printf("reader saw version %ld\n", copy.version);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
