/*
 * racecard's own kernel: private indices only; no race.
 */
#include <stdio.h>
int main(void)
{
  int a[100];
  /* A string that looks like a label is no label: */
  const char *s = "/* x@3:1:W vs. x@3:1:W */";
#pragma omp parallel for
  for (int i = 0; i < 100; i++)
    a[i] = i;
  printf("%s %d\n", s, a[9]);
  return 0;
}
