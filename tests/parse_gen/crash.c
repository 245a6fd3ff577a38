/* A racy program that then dies of SIGSEGV. */
#include <pthread.h>
#include <stdio.h>

static int counter;

static void *bump(void *arg)
{
    (void)arg;
    counter++;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, bump, NULL);
    pthread_create(&b, NULL, bump, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("counter=%d\n", counter);
    fflush(stdout);
    volatile int *nowhere = (int *)16;
    return *nowhere;
}
