/*
 * omp_task_reuse.c - the false positive Archer gives on DataRaceBench's
 * DRB100 and DRB101, made to happen on nearly every run (docs/suites.md).
 *
 * Race-free by OpenMP's rules: each task gets its own firstprivate copy of
 * i, written by the thread that creates the task before the task exists
 * and read only by the task.  libomp takes a task's memory, that copy
 * included, from a pool of its own (1 MiB blocks it mallocs) and hands it
 * to a later task once the earlier one ends.  When a task ran on another
 * thread, the creating thread's copy into the recycled memory follows that
 * thread's read only through libomp's allocator, which ThreadSanitizer does
 * not see and Archer does not annotate: a report on the task construct's
 * line against the task body's read.  Whether it happens depends on the
 * schedule: DRB100 and DRB101, with 100 tasks, are reported in a few runs
 * in a hundred; 100,000 tasks make it all but certain.
 *
 *   clang -fopenmp -fsanitize=thread -g -O0 docs/examples/omp_task_reuse.c -o reuse
 *   OMP_TOOL_LIBRARIES=/usr/lib/llvm-14/lib/libarcher.so OMP_NUM_THREADS=4 \
 *     TSAN_OPTIONS=ignore_noninstrumented_modules=1 ./reuse 100000
 */
#include <stdio.h>
#include <stdlib.h>

#define MAX_TASKS 100000
static int a[MAX_TASKS];

/* A function of its own, as in DRB100, so that i reaches the task as a
   firstprivate copy rather than as the loop variable. */
static void spawn(int i)
{
#pragma omp task firstprivate(i)
    a[i] = i + 1;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100;
    if (n < 1 || n > MAX_TASKS) {
        fprintf(stderr, "usage: %s [TASKS, 1 to %d]\n", argv[0], MAX_TASKS);
        return 2;
    }
#pragma omp parallel
#pragma omp single
    for (int i = 0; i < n; i++)
        spawn(i);
    int wrong = 0;
    for (int i = 0; i < n; i++)
        wrong += a[i] != i + 1;
    printf("%d of %d tasks wrote the wrong value\n", wrong, n);
    return wrong != 0;
}
