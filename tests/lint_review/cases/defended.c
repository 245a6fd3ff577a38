/*
 * name: defended
 * summary: a test input for racecard lint: no detector reports its pair, and it says why
 * verdict: race
 * category: test
 * origin: racecard tests
 * flags: undetected
 * why: not a real case; two threads would store to x with nothing ordering them.
 *
 * Its text would say here why no detector can see the race.
 */
int x;
void f(void) { x = 1; /* RACE(x) */ }
void g(void) { x = 2; /* RACE(x) */ }
