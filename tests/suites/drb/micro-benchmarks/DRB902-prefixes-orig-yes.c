/*
 * racecard's own kernel: the other prefixes and forms the suite uses.
 * Dependence pair: sum@12:5:W vs. sum@12:5:W
 * Data Race Pairs, u1[i]@13:45@W vs. u1[i - 1]@13:13:R
 *                  u1[i]@13:45:W vs. u1[i + 1]@13:27:R
 */
int u1[64], u2[64], sum;
int main(void)
{
#pragma omp parallel for
  for (int i = 1; i < 63; i++) {
    sum += i;
    u2[i] = u1[i - 1] + u1[i] + u1[i + 1]; u1[i] = u2[i];
  }
  return sum > 0 ? 0 : 1;
}
