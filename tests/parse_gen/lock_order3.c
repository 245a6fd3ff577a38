/* A three-mutex cycle: a->b, b->c, c->a, each pair taken by its own function
 * in its own thread, one thread after another so nothing deadlocks. */
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;

static void release(pthread_mutex_t *outer, pthread_mutex_t *inner)
{
    pthread_mutex_unlock(inner);
    pthread_mutex_unlock(outer);
}

static void *ab(void *arg)
{
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    release(&a, &b);
    return arg;
}

static void *bc(void *arg)
{
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&c);
    release(&b, &c);
    return arg;
}

static void *ca(void *arg)
{
    pthread_mutex_lock(&c);
    pthread_mutex_lock(&a);
    release(&c, &a);
    return arg;
}

int main(void)
{
    void *(*fn[3])(void *) = {ab, bc, ca};
    for (int i = 0; i < 3; i++) {
        pthread_t t;
        pthread_create(&t, NULL, fn[i], NULL);
        pthread_join(t, NULL);
    }
    puts("done");
    return 0;
}
