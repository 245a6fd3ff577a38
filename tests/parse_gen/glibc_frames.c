/* Races whose first frames are glibc's own code: a thread sorts an array
 * with qsort while main reads it, and main passes a buffer to write(2)
 * that a thread fills.  With glibc's debug info installed (Debian
 * libc6-dbg) Valgrind names those glibc frames by their source files
 * (msort.c, write.c, syscall-template.S) and prints no libc.so object. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static int arr[64];
static char buf[16] = "hello, world\n";

static int cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void *sorter(void *arg)
{
    (void)arg;
    qsort(arr, 64, sizeof arr[0], cmp);
    return NULL;
}

static void *filler(void *arg)
{
    (void)arg;
    buf[0] = 'H';
    return NULL;
}

int main(void)
{
    for (int i = 0; i < 64; i++)
        arr[i] = 64 - i;
    pthread_t t, u;
    pthread_create(&t, NULL, sorter, NULL);
    pthread_create(&u, NULL, filler, NULL);
    int first = arr[0];
    ssize_t n = write(1, buf, 13);
    pthread_join(t, NULL);
    pthread_join(u, NULL);
    return first == 0 && n == 0;
}
