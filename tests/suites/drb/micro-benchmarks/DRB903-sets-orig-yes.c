/*
 * racecard's own kernel: a shared loop counter, labelled with sets.
 * Data race pairs:
 *   Write_set = {j@14:10, j@14:20}
 *   Read_set = {j@14:14, j@15:12}
 *   Any pair from Write_set vs. Write_set and Write_set vs. Read_set is a data race pair.
 */
int a[10][10];
int main(void)
{
  int i, j;
#pragma omp parallel for
  for (i = 0; i < 10; i++)
    for (j = 0; j < 10; j++)
      a[i][j] = a[i][j] + j;
  return 0;
}
