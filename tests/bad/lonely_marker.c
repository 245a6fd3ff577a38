/*
 * name: lonely_marker
 * summary: a test input for racecard's case reader
 * verdict: race
 * category: test
 * origin: racecard tests
 * why: not a real case; it exists to be rejected or read by the tests.
 */
int x;
void f(void) { x = 1; /* RACE(x) */ }
