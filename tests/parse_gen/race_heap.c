/* A heap block written by a thread and read by main without synchronisation. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *fill(void *arg)
{
    int *p = arg;
    p[3] = 42;
    return NULL;
}

int main(void)
{
    int *p = calloc(8, sizeof *p);
    pthread_t t;
    pthread_create(&t, NULL, fill, p);
    printf("p[3]=%d\n", p[3]);
    pthread_join(t, NULL);
    free(p);
    return 0;
}
