/* probe.c - the smallest threaded program: if a build flavour can compile
 * and link this, it can build the cases. */
#include <pthread.h>

static void *probe_thread(void *arg)
{
    return arg;
}

int main(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, probe_thread, NULL) != 0)
        return 1;
    return pthread_join(t, NULL) != 0;
}
