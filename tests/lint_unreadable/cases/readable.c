/*
 * name: readable
 * summary: a test input for racecard lint: a case it can read
 * verdict: race
 * category: test
 * origin: racecard tests
 * why: not a real case; two threads would store to x, with nothing ordering them.
 */
int x;
void f(void) { x = 1; /* RACE(x) */ }
void g(void) { x = 2; /* RACE(x) */ }
