/* Lock misuse that each detector words its own way, one per run, chosen by
 * the first argument:
 *   rwunlock     unlock an initialised reader-writer lock nobody locked
 *   rwunlockinit unlock a statically initialised reader-writer lock nobody
 *                locked
 *   rwrelock     write-lock a reader-writer lock twice in one thread
 *   unlockinit   unlock a statically initialised mutex nobody locked
 *   eperm        unlock an error-checking mutex the thread does not hold
 *   exit1        a thread exits holding one mutex
 *   exit2        a thread exits holding two mutexes
 *   held         a mutex held for 50 ms (DRD --exclusive-threshold=10)
 *   invalid      lock a destroyed mutex
 *   wrongtype    try-lock, as a mutex, memory initialised as an rwlock */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t m2 = PTHREAD_MUTEX_INITIALIZER;

static void *exit_holding(void *arg)
{
    pthread_mutex_lock(&m1);
    if (arg)
        pthread_mutex_lock(&m2);
    return NULL;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    int rc = -1;
    if (strcmp(what, "rwunlock") == 0) {
        pthread_rwlock_t l;
        pthread_rwlock_init(&l, NULL);
        rc = pthread_rwlock_unlock(&l);
        pthread_rwlock_destroy(&l);
    } else if (strcmp(what, "rwunlockinit") == 0) {
        rc = pthread_rwlock_unlock(&rw);
    } else if (strcmp(what, "rwrelock") == 0) {
        pthread_rwlock_wrlock(&rw);
        rc = pthread_rwlock_wrlock(&rw);
    } else if (strcmp(what, "unlockinit") == 0) {
        rc = pthread_mutex_unlock(&m1);
    } else if (strcmp(what, "eperm") == 0) {
        pthread_mutex_t m;
        pthread_mutexattr_t a;
        pthread_mutexattr_init(&a);
        pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
        pthread_mutex_init(&m, &a);
        rc = pthread_mutex_unlock(&m);
        pthread_mutex_destroy(&m);
    } else if (strcmp(what, "exit1") == 0 || strcmp(what, "exit2") == 0) {
        pthread_t t;
        pthread_create(&t, NULL, exit_holding, what[4] == '2' ? &rc : NULL);
        rc = pthread_join(t, NULL);
    } else if (strcmp(what, "held") == 0) {
        struct timespec d = {0, 50000000};
        pthread_mutex_lock(&m1);
        nanosleep(&d, NULL);
        rc = pthread_mutex_unlock(&m1);
    } else if (strcmp(what, "invalid") == 0) {
        pthread_mutex_t m;
        pthread_mutex_init(&m, NULL);
        pthread_mutex_destroy(&m);
        memset(&m, 0xab, sizeof m);
        rc = pthread_mutex_lock(&m);
    } else if (strcmp(what, "wrongtype") == 0) {
        union {
            pthread_rwlock_t rw;
            pthread_mutex_t m;
        } u;
        pthread_rwlock_init(&u.rw, NULL);
        rc = pthread_mutex_trylock(&u.m);
    }
    printf("%s: %d\n", what, rc);
    return 0;
}
