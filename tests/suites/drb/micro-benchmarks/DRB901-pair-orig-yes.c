/*
 * racecard's own kernel in DataRaceBench's form: a loop-carried
 * anti-dependence, labelled with the plain pair form.
 * Data race pair: a[i+1]@14:12:R vs. a[i]@14:5:W
 */
#include <stdio.h>
int main(void)
{
  int a[100];
  for (int i = 0; i < 100; i++)
    a[i] = i;
#pragma omp parallel for
  for (int i = 0; i < 99; i++)
    a[i] = a[i+1] + 1;
  printf("%d\n", a[50]);
  return 0;
}
