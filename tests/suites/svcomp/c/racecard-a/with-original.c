/* racecard's own task in SV-COMP's form: the original of with-original.i.
   The race is on a path a native run does not take (nondet is 0). */
#include <pthread.h>

extern int __VERIFIER_nondet_int(void);
int flag;

void *worker(void *arg) {
  if (__VERIFIER_nondet_int())
    flag = 1;
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  flag = 2;
  pthread_join(t, 0);
  return 0;
}
