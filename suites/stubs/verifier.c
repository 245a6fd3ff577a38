/*
 * verifier.c - racecard's stand-in for SV-COMP's __VERIFIER_ functions, so
 * that verification tasks and tests that call them build and run natively
 * (docs/suites.md).
 *
 * A verifier reads __VERIFIER_nondet_X() as "any value"; a native run must
 * pick one, and picks the same one on every run so that a program's
 * findings do not depend on it: 0, false, a null pointer.  A verifier reads
 * the code between __VERIFIER_atomic_begin() and _end() as one atomic step;
 * natively these take and release one global lock, which makes the section
 * atomic with respect to the other such sections, as they are meant to be
 * (and orders them, as a verifier's atomic steps are ordered).
 */
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t verifier_atomic = PTHREAD_MUTEX_INITIALIZER;

int __VERIFIER_nondet_int(void) { return 0; }
unsigned int __VERIFIER_nondet_uint(void) { return 0; }
long __VERIFIER_nondet_long(void) { return 0; }
unsigned long __VERIFIER_nondet_ulong(void) { return 0; }
char __VERIFIER_nondet_char(void) { return 0; }
_Bool __VERIFIER_nondet_bool(void) { return false; }
void *__VERIFIER_nondet_pointer(void) { return 0; }
void __VERIFIER_assume(int cond) { (void)cond; }
void __VERIFIER_atomic_begin(void) { pthread_mutex_lock(&verifier_atomic); }
void __VERIFIER_atomic_end(void) { pthread_mutex_unlock(&verifier_atomic); }
