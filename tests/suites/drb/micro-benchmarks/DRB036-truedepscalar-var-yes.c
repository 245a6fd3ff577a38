/*
 * racecard's own kernel, named after the suite's kernel that has the same
 * erratum in racecard's adapter: its labels name the lines above the
 * accesses, as DataRaceBench's DRB036 does at the pinned commit, and the
 * errata move them to lines 67 and 68, where tmp is read and written.
 * Data race pairs: tmp@66:12:R vs. tmp@67:5:W
 *                  tmp@67:5:W vs. tmp@67:5:W
 */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
/* (this line keeps the code at the lines the errata name) */
int main(void)
{
  int a[100], tmp = 10;
  int len = 100;
#pragma omp parallel for
  for (int i = 0; i < len; i++) {
    a[i] = tmp;
    tmp = a[i] + i;
  }
  return a[0];
}
