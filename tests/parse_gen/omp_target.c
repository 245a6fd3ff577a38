/* An OpenMP target region run on the host (no device): clang names its
 * host version __omp_offloading_..._main_lNN, a reserved-looking name that
 * is the program's own code.  Two threads run it at once on one counter. */
#include <stdio.h>

static int counter;

int main(void)
{
#pragma omp parallel num_threads(2)
    {
#pragma omp target map(tofrom: counter)
        counter++;
    }
    printf("%d\n", counter);
    return 0;
}
