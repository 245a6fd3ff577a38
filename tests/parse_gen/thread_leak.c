/* A joinable thread is never joined nor detached. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *quick(void *arg)
{
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, quick, NULL);
    sleep(1);
    puts("leaving");
    return 0;
}
