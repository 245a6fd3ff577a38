/* main frees a block a thread is still writing: a race with free. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *late(void *arg)
{
    usleep(200000);
    *(int *)arg = 1;
    return NULL;
}

int main(void)
{
    int *p = malloc(sizeof *p);
    pthread_t t;
    pthread_create(&t, NULL, late, p);
    free(p);
    pthread_join(t, NULL);
    puts("done");
    return 0;
}
