/*
 * racecard's own kernel: said to race, but no pair is named.
 */
int count;
int main(void)
{
#pragma omp parallel for
  for (int i = 0; i < 10; i++)
    count++;
  return 0;
}
