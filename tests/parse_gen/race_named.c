/* Named threads race on a flag; TSan prints the names in its report. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static int flag;

static void *worker(void *arg)
{
    pthread_setname_np(pthread_self(), arg);
    flag = 1;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, "producer");
    pthread_create(&b, NULL, worker, "consumer");
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("flag=%d\n", flag);
    return 0;
}
