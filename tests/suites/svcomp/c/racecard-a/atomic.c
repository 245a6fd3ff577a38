/* racecard's own task in SV-COMP's form: a lock a verifier runs as one
   atomic step, guarded by an assumption; natively it is neither. */
#include <pthread.h>

extern void __VERIFIER_assume(int);
int lock, counter;

void __VERIFIER_atomic_acquire(void) {
  __VERIFIER_assume(lock == 0);
  lock = 1;
}

void *worker(void *arg) {
  __VERIFIER_atomic_acquire();
  counter++;
  lock = 0;
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  worker(0);
  pthread_join(t, 0);
  return 0;
}
