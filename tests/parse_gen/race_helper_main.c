/* The racing accesses are in a helper in race_helper_lib.c, not here. */
#include <pthread.h>
#include <stdio.h>

void helper_store(int *slot, int v);

static int shared;

static void *run(void *arg)
{
    helper_store(&shared, (int)(long)arg);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, run, (void *)1L);
    pthread_create(&b, NULL, run, (void *)2L);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("shared=%d\n", shared);
    return 0;
}
