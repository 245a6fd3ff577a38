/*
 * name: one
 * summary: a test input for racecard lint: a case with a detector whose definition cannot be read
 * verdict: race-free
 * category: test
 * origin: racecard tests
 * why: not a real case; two threads would store to x, but only ever one at a time (never compiled, never run).
 */
int x;
void f(void) { x = 1; /* NORACE(x) */ }
void g(void) { x = 2; /* NORACE(x) */ }
