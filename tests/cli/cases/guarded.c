/*
 * name: guarded
 * summary: the same counter under one mutex
 * verdict: race-free
 * category: mutex
 * origin: racecard tests (tests/cli: a small tree for the command's own tests)
 * why: not a real case, never compiled; every access to n holds m, which orders them.
 */
#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int n;
void up(void) { pthread_mutex_lock(&m); n++; /* NORACE(n) */ pthread_mutex_unlock(&m); }
void down(void) { pthread_mutex_lock(&m); n--; /* NORACE(n) */ pthread_mutex_unlock(&m); }
