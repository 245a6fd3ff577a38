/* ThreadSanitizer's "double lock of a mutex": a thread exits holding a
 * mutex, main re-initialises it behind TSan's back and locks it again, so TSan
 * still sees the mutex owned by the dead thread.  (TSan says nothing about an
 * error-checking mutex relocked by its owner, which double_lock.c does for
 * Helgrind and DRD: the failed lock never reaches TSan's bookkeeping.) */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *take(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, take, NULL);
    pthread_join(t, NULL);
    pthread_mutex_init(&m, NULL);
    int rc = pthread_mutex_lock(&m);
    printf("lock=%d\n", rc);
    return 0;
}
