/*
 * name: good_case
 * summary: a test input for racecard's case reader
 * verdict: race
 * category: test
 * origin: racecard tests
 * why: not a real case; it exists to be rejected or read by the tests.
 */
int x, y;
void f(void) { x = 1; /* RACE(x) */ }
void g(void) { x = 2; /* RACE(x) */ }
void h(void) { y++; /* RACE(y, self) NORACE(z) */ }
void k(void) { x = 3; /* RACE(x) */ }
