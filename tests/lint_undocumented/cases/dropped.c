/*
 * name: dropped
 * summary: a test input for racecard lint: plain leaves out a true pair without a 'missing' line
 * verdict: race
 * category: test
 * origin: racecard tests
 * why: not a real case; two threads would store to x, with nothing ordering them.
 */
int x;
void f(void) { x = 1; /* RACE(x) */ }
void g(void) { x = 2; /* RACE(x) */ }
