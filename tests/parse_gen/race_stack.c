/* A thread writes a local variable of main's frame while main reads it. */
#include <pthread.h>
#include <stdio.h>

static void *set(void *arg)
{
    *(int *)arg = 7;
    return NULL;
}

int main(void)
{
    int local = 0;
    pthread_t t;
    pthread_create(&t, NULL, set, &local);
    int seen = local;
    pthread_join(t, NULL);
    printf("seen=%d\n", seen);
    return 0;
}
