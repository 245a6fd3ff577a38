/*
 * stub_verifier.c - checks racecard's stand-ins for SV-COMP's __VERIFIER_
 * functions (suites/stubs/verifier.c): every nondet function gives 0, or
 * the value of RACECARD_NONDET converted to its type, and a pointer stays
 * null; the atomic sections nest with nothing else holding their lock.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>

_Bool __VERIFIER_nondet_bool(void);
unsigned char __VERIFIER_nondet_uchar(void);
int __VERIFIER_nondet_int(void);
unsigned int __VERIFIER_nondet_uint(void);
long long __VERIFIER_nondet_longlong(void);
double __VERIFIER_nondet_double(void);
void *__VERIFIER_nondet_pointer(void);
void __VERIFIER_assume(int cond);
void __VERIFIER_atomic_begin(void);
void __VERIFIER_atomic_end(void);

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "FAIL: %s\n", what);
        failures++;
    }
}

int main(void)
{
    unsetenv("RACECARD_NONDET");
    check(__VERIFIER_nondet_int() == 0, "nondet_int is 0 by default");
    check(!__VERIFIER_nondet_bool(), "nondet_bool is false by default");
    check(__VERIFIER_nondet_pointer() == NULL, "nondet_pointer is null");
    setenv("RACECARD_NONDET", "4", 1);
    check(__VERIFIER_nondet_int() == 4, "nondet_int follows RACECARD_NONDET");
    check(__VERIFIER_nondet_longlong() == 4, "nondet_longlong follows RACECARD_NONDET");
    check(__VERIFIER_nondet_double() == 4.0, "nondet_double follows RACECARD_NONDET");
    check(__VERIFIER_nondet_bool(), "nondet_bool is true for a value other than 0");
    check(__VERIFIER_nondet_pointer() == NULL, "nondet_pointer stays null");
    setenv("RACECARD_NONDET", "-1", 1);
    check(__VERIFIER_nondet_int() == -1, "nondet_int is -1");
    check(__VERIFIER_nondet_uchar() == 255, "nondet_uchar is -1 converted");
    check(__VERIFIER_nondet_uint() == 0xffffffffu, "nondet_uint is -1 converted");
    __VERIFIER_assume(1);   /* returns when the assumption holds */
    __VERIFIER_atomic_begin();
    __VERIFIER_atomic_end();
    __VERIFIER_atomic_begin();
    __VERIFIER_atomic_end();
    return failures ? 1 : 0;
}
