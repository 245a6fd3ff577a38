/*
 * racecard's own kernel: a label one line off its access (drift).
 * Data race pair: count@9:5:W vs. count@9:5:W
 */
int count;
int main(void)
{
#pragma omp parallel for
  for (int i = 0; i < 10; i++) {
    count++;
  }
  return 0;
}
