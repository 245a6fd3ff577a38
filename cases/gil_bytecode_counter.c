/*
 * name: gil_bytecode_counter
 * summary: a tiny interpreter runs x = x + 1 and x = x - 1 as LOAD, ADD, STORE bytecodes in two threads under a GIL; updates are lost yet nothing races
 * verdict: race-free
 * category: gil
 * origin: seed article, why the Python counter printed -7149 even though CPython has a GIL
 * flags: atomicity-violation
 * why: every read and write of x happens while holding the GIL, whose
 *      hand-over is a pthread mutex unlock/lock pair that synchronises memory
 *      (POSIX XBD 4.12), so all accesses to x are ordered by happens-before and
 *      there is no data race under C11 5.1.2.4p25; the lost updates are a race
 *      condition (the three-bytecode update is not atomic), not a data race.
 *
 * The seed's deeper point.  CPython compiles `x += 1` to several bytecodes
 * (load x, add 1, store x) and the GIL may pass to another thread between
 * any two of them.  Here each thread runs such a three-bytecode statement
 * 200000 times in a small interpreter loop that, like CPython's, checks for a
 * drop request between bytecodes (support/gil.h).  The two threads meet at a
 * barrier before asking for the GIL, so that the second is already waiting
 * while the first runs, instead of still being created.  When the switch falls
 * between a thread's LOAD and its STORE, the other thread's updates made in
 * the meantime are overwritten, and the program prints a total other than 0,
 * just as the Python program printed -7149.
 *
 * Detectors must stay silent: every access to x is made by the GIL holder and
 * the GIL orders them.  The bug is at a level no data-race detector looks at:
 * the statement is not atomic with respect to the GIL.  The marked load and
 * store of x are where a report would be a false positive.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "support/gil.h"

#define ITERATIONS (200000 * scale_n) /* support/scale.h */
/* CPython switches every 5 ms; each thread here needs about a millisecond
   natively, so a 20 us interval (sys.setswitchinterval(0.00002)) is what lets
   the GIL change hands a few times in a run on two CPUs.  (On one CPU the
   waiting thread rarely gets to run before the other is done.) */
#define SWITCH_INTERVAL_US 20L

enum opcode { LOAD_GLOBAL, ADD_CONST, STORE_GLOBAL };

struct instr {
    enum opcode op;
    long arg;
};

/* The compiled body of each thread's loop. */
static const struct instr foo_code[] = {
    { LOAD_GLOBAL, 0 }, { ADD_CONST, 1 }, { STORE_GLOBAL, 0 }  /* x = x + 1 */
};
static const struct instr bar_code[] = {
    { LOAD_GLOBAL, 0 }, { ADD_CONST, -1 }, { STORE_GLOBAL, 0 } /* x = x - 1 */
};

struct frame {
    const struct instr *code;
    int len;
    long times;
};

static struct gil gil;
static pthread_barrier_t start_line; /* both threads ask for the GIL together */
static long x; /* the Python global x; touched only by the GIL holder */

/* Runs a frame's code `times` times, as a thread holding the GIL. */
static void eval(const struct frame *f)
{
    long top = 0; /* the value stack, one slot deep */

    for (long t = 0; t < f->times; t++) {
        for (int pc = 0; pc < f->len; pc++) {
            const struct instr *in = &f->code[pc];

            switch (in->op) {
            case LOAD_GLOBAL:
                top = x; /* NORACE(x) */
                break;
            case ADD_CONST:
                top += in->arg;
                break;
            case STORE_GLOBAL:
                x = top; /* NORACE(x) */
                break;
            }
            /* Between two bytecodes: the GIL may pass to another thread. */
            gil_check(&gil);
        }
    }
}

static void *run_thread(void *arg)
{
    pthread_barrier_wait(&start_line);
    gil_take(&gil);
    eval(arg);
    gil_drop(&gil);
    return NULL;
}

int main(void)
{
    struct frame foo = { foo_code, 3, ITERATIONS };
    struct frame bar = { bar_code, 3, ITERATIONS };
    pthread_t t1, t2;

    if (gil_init(&gil, SWITCH_INTERVAL_US) != 0) {
        fprintf(stderr, "gil_bytecode_counter: cannot set up the GIL\n");
        return 1;
    }
    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, run_thread, &foo) != 0 ||
        pthread_create(&t2, NULL, run_thread, &bar) != 0) {
        fprintf(stderr, "gil_bytecode_counter: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);

    printf("%ld\n", x);
    printf("the GIL changed hands on request %lu times\n", gil_forced_switches(&gil));
    pthread_barrier_destroy(&start_line);
    gil_destroy(&gil);
    return 0;
}
