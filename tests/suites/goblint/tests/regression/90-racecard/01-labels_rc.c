#include <pthread.h>
#include <stdio.h>

/* racecard's own test in the form of Goblint's regression tests. */
int shared, quiet;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
const char *text = "shared++; // RACE!";

void *worker(void *arg) {
  shared++; // RACE!
  pthread_mutex_lock(&m);
  quiet++; // NORACE
  pthread_mutex_unlock(&m);
  // RACE! (a comment alone on its line labels nothing)
  (void)arg; // TODO NORACE (not a label: it does not start with one)
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  shared--; // RACE!
  pthread_mutex_lock(&m);
  quiet--; // NORACE!
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  printf("%s %d %d\n", text, shared, quiet);
  return 0;
}
