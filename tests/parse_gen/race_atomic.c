/* One thread stores atomically, the other plainly: still a data race. */
#include <pthread.h>
#include <stdio.h>

static int word;

static void *atomic_side(void *arg)
{
    (void)arg;
    __atomic_store_n(&word, 1, __ATOMIC_RELAXED);
    return NULL;
}

static void *plain_side(void *arg)
{
    (void)arg;
    word = 2;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, atomic_side, NULL);
    pthread_create(&b, NULL, plain_side, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("word=%d\n", word);
    return 0;
}
