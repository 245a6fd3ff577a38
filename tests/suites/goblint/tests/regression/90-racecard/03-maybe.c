#include <pthread.h>

/* racecard's own test: only "the analyser may warn" labels, so no truth. */
int flag;

void *worker(void *arg) {
  flag = 1; // RACE
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return flag; // RACE
}
