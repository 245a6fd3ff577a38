/* racecard's own task in SV-COMP's form: the accesses to counter are in
   atomic sections.  It defines reach_error itself, as tasks do, which the
   stand-ins must not clash with. */
#include <assert.h>
#include <pthread.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);
extern int __VERIFIER_nondet_int(void);
void reach_error(void) { assert(0); }

int counter;

void *worker(void *arg) {
  __VERIFIER_atomic_begin();
  counter++;
  __VERIFIER_atomic_end();
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  worker(0);
  pthread_join(t, 0);
  __VERIFIER_atomic_begin();
  if (counter != 2 + __VERIFIER_nondet_int())
    reach_error();
  __VERIFIER_atomic_end();
  return 0;
}
