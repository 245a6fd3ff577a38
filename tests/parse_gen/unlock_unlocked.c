/* A mutex unlocked once more after its owner already released it. */
#include <pthread.h>
#include <stdio.h>

int main(void)
{
    pthread_mutex_t m;
    pthread_mutex_init(&m, NULL);
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    int rc = pthread_mutex_unlock(&m);
    printf("second unlock=%d\n", rc);
    pthread_mutex_destroy(&m);
    return 0;
}
