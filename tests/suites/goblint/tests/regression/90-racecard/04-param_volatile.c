// PARAM: --disable ana.race.volatile
#include <pthread.h>

/* racecard's own test: a PARAM line that changes what counts as a race. */
volatile int v;

void *worker(void *arg) {
  v = 1; // NORACE
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  v = 2; // NORACE
  pthread_join(t, NULL);
  return 0;
}
