/* racecard's own task in SV-COMP's form: both threads write x whatever the
   nondeterministic values are. */
#include <pthread.h>

extern void __VERIFIER_assume(int);
extern _Bool __VERIFIER_nondet_bool(void);
extern char __VERIFIER_nondet_char(void);
extern unsigned int __VERIFIER_nondet_uint(void);
extern long __VERIFIER_nondet_long(void);
extern void *__VERIFIER_nondet_pointer(void);

long x;

void *worker(void *arg) {
  x = __VERIFIER_nondet_long() + 1;
  return arg;
}

int main(void) {
  int n = __VERIFIER_nondet_bool() + __VERIFIER_nondet_char() + (int)__VERIFIER_nondet_uint();
  __VERIFIER_assume(n >= 0);
  pthread_t t;
  pthread_create(&t, 0, worker, __VERIFIER_nondet_pointer());
  x = n;
  pthread_join(t, 0);
  return 0;
}
