/* The program writes to standard output without a trailing newline just
 * before a race is reported, so the detector's first line of the report
 * follows the program's text on the same line of a combined log. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int counter;

static void *worker(void *arg)
{
    (void)arg;
    counter++;
    return NULL;
}

int main(void)
{
    pthread_t t;
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("progress: ");
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    printf("step ");
    pthread_create(&t, NULL, worker, NULL);
    counter++;
    pthread_join(t, NULL);
    printf("done\n");
    return 0;
}
