/* fork(): parent and child each run their own racy pair of threads. */
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int in_parent, in_child;

static void *bump_parent(void *arg)
{
    (void)arg;
    in_parent++;
    return NULL;
}

static void *bump_child(void *arg)
{
    (void)arg;
    in_child++;
    return NULL;
}

static void pair(void *(*fn)(void *))
{
    pthread_t a, b;
    pthread_create(&a, NULL, fn, NULL);
    pthread_create(&b, NULL, fn, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pair(bump_child);
        printf("child %d\n", in_child);
        return 0;
    }
    pair(bump_parent);
    waitpid(pid, NULL, 0);
    printf("parent %d\n", in_parent);
    return 0;
}
