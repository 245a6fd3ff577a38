/* racecard's own task in SV-COMP's form: both threads add, no lock. */
#include <pthread.h>

int counter;

void *worker(void *arg) {
  counter++;
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  worker(0);
  pthread_join(t, 0);
  return 0;
}
