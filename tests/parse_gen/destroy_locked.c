/* A mutex destroyed while it is still locked. */
#include <pthread.h>
#include <stdio.h>

int main(void)
{
    pthread_mutex_t m;
    pthread_mutex_init(&m, NULL);
    pthread_mutex_lock(&m);
    int rc = pthread_mutex_destroy(&m);
    printf("destroy=%d\n", rc);
    return 0;
}
