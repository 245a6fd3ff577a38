/* SV-COMP style: the program defines __VERIFIER_atomic_* functions (a name
 * that looks reserved, but is the program's own), and one of them races
 * with a plain access. */
#include <pthread.h>

static int x;

void __VERIFIER_atomic_inc(void)
{
    x = x + 1;
}

static void *worker(void *arg)
{
    (void)arg;
    __VERIFIER_atomic_inc();
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    x = 5;
    pthread_join(t, NULL);
    return 0;
}
