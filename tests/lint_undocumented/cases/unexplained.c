/*
 * name: unexplained
 * summary: a test input for racecard lint: plain's 'missing' line gives no reason
 * verdict: race
 * category: test
 * origin: racecard tests
 * why: not a real case; two threads would store to x, with nothing ordering them.
 */
int x;
void f(void) { x = 1; /* RACE(x) */ }
void g(void) { x = 2; /* RACE(x) */ }
