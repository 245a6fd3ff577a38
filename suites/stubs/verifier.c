/*
 * verifier.c - racecard's stand-ins for SV-COMP's __VERIFIER_ functions and
 * reach_error, so that verification tasks (tools/suite_svcomp.c) and
 * Goblint's tests that call them build and run natively (docs/suites.md).
 * Written for racecard from the rules' descriptions, not copied.
 *
 * Every definition is weak: many tasks define reach_error, and some a
 * nondet function, themselves, and the program's own must win without a
 * clash at link time.
 *
 * A verifier reads __VERIFIER_nondet_X() as "any value"; a native run must
 * pick one, and picks the same one on every run so that a program's
 * findings do not depend on it: 0 (false, a null pointer), or the integer
 * in the environment variable RACECARD_NONDET, converted to each type (a
 * pointer stays null).  Many tasks take their thread count from a nondet
 * call, so at 0 they start no thread at all; RACECARD_NONDET=4 runs them
 * with four (docs/suites.md measures both).  A verifier reads
 * the code between __VERIFIER_atomic_begin() and _end() as one atomic step;
 * natively these take and release one global lock, which makes the section
 * atomic with respect to the other such sections, as they are meant to be
 * (and orders them, as a verifier's atomic steps are ordered).
 * __VERIFIER_assume(0) is, by SV-COMP's definition, a loop that never ends:
 * the calling thread stops there for good (asleep, not spinning), and the
 * run ends at the detector's time limit, as the task's own execution
 * would never end.  reach_error and __VERIFIER_error fail, as the tasks'
 * own definitions (an assertion) do.
 */
#define _POSIX_C_SOURCE 200809L   /* pause() under -std=c11 too */

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define VERIFIER_WEAK __attribute__((weak))

static pthread_mutex_t verifier_atomic = PTHREAD_MUTEX_INITIALIZER;

/* The one value every nondet function gives: RACECARD_NONDET, or 0.  The
   environment is read at each call, never cached: nothing to synchronise. */
static long long verifier_nondet(void)
{
    const char *v = getenv("RACECARD_NONDET");
    return v ? strtoll(v, NULL, 0) : 0;
}

VERIFIER_WEAK _Bool __VERIFIER_nondet_bool(void) { return verifier_nondet() != 0; }
VERIFIER_WEAK char __VERIFIER_nondet_char(void) { return (char)verifier_nondet(); }
VERIFIER_WEAK unsigned char __VERIFIER_nondet_uchar(void) { return (unsigned char)verifier_nondet(); }
VERIFIER_WEAK short __VERIFIER_nondet_short(void) { return (short)verifier_nondet(); }
VERIFIER_WEAK unsigned short __VERIFIER_nondet_ushort(void) { return (unsigned short)verifier_nondet(); }
VERIFIER_WEAK int __VERIFIER_nondet_int(void) { return (int)verifier_nondet(); }
VERIFIER_WEAK unsigned int __VERIFIER_nondet_uint(void) { return (unsigned int)verifier_nondet(); }
VERIFIER_WEAK unsigned int __VERIFIER_nondet_unsigned(void) { return (unsigned int)verifier_nondet(); }
VERIFIER_WEAK long __VERIFIER_nondet_long(void) { return (long)verifier_nondet(); }
VERIFIER_WEAK unsigned long __VERIFIER_nondet_ulong(void) { return (unsigned long)verifier_nondet(); }
VERIFIER_WEAK long long __VERIFIER_nondet_longlong(void) { return verifier_nondet(); }
VERIFIER_WEAK unsigned long long __VERIFIER_nondet_ulonglong(void)
{
    return (unsigned long long)verifier_nondet();
}
VERIFIER_WEAK unsigned long __VERIFIER_nondet_size_t(void) { return (unsigned long)verifier_nondet(); }
VERIFIER_WEAK long long __VERIFIER_nondet_loff_t(void) { return verifier_nondet(); }
VERIFIER_WEAK unsigned char __VERIFIER_nondet_u8(void) { return (unsigned char)verifier_nondet(); }
VERIFIER_WEAK unsigned short __VERIFIER_nondet_u16(void) { return (unsigned short)verifier_nondet(); }
VERIFIER_WEAK unsigned int __VERIFIER_nondet_u32(void) { return (unsigned int)verifier_nondet(); }
VERIFIER_WEAK float __VERIFIER_nondet_float(void) { return (float)verifier_nondet(); }
VERIFIER_WEAK double __VERIFIER_nondet_double(void) { return (double)verifier_nondet(); }
VERIFIER_WEAK void *__VERIFIER_nondet_pointer(void) { return 0; }

VERIFIER_WEAK void __VERIFIER_assume(int cond)
{
    while (!cond)
        pause();
}

VERIFIER_WEAK void __VERIFIER_atomic_begin(void) { pthread_mutex_lock(&verifier_atomic); }
VERIFIER_WEAK void __VERIFIER_atomic_end(void) { pthread_mutex_unlock(&verifier_atomic); }

VERIFIER_WEAK void reach_error(void)
{
    fputs("reach_error: the task's error location was reached\n", stderr);
    abort();
}

VERIFIER_WEAK void __VERIFIER_error(void) { reach_error(); }
