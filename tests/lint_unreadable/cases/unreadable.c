/*
 * name: unreadable
 * summary: a test input for racecard lint: a RACE marker without its partner
 * verdict: race
 * category: test
 * origin: racecard tests
 * why: not a real case; the store to x in g() has lost its marker.
 */
int x;
void f(void) { x = 1; /* RACE(x) */ }
void g(void) { x = 2; }
