/* An error-checking mutex locked twice by one thread (the second lock fails
 * with EDEADLK instead of hanging). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

int main(void)
{
    pthread_mutexattr_t at;
    pthread_mutex_t m;
    pthread_mutexattr_init(&at);
    pthread_mutexattr_settype(&at, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&m, &at);
    pthread_mutex_lock(&m);
    int rc = pthread_mutex_lock(&m);
    printf("second lock=%d\n", rc);
    pthread_mutex_unlock(&m);
    pthread_mutex_destroy(&m);
    return 0;
}
