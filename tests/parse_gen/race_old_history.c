/* The first access of a race lies far back in its thread's history: the
 * thread then makes many calls and memory accesses, so with a small
 * history_size TSan can no longer restore the earlier stack. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int shared;
static volatile int sink[64];

__attribute__((noinline)) static void churn(int i)
{
    sink[i & 63] = i;
}

static void *early(void *arg)
{
    (void)arg;
    shared = 1;
    for (int i = 0; i < 4000000; i++)
        churn(i);
    sleep(2);
    return NULL;
}

static void *late(void *arg)
{
    (void)arg;
    sleep(1);
    shared = 2;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, early, NULL);
    pthread_create(&b, NULL, late, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("shared=%d\n", shared);
    return 0;
}
