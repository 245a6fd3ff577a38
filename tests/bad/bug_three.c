/*
 * name: bug_three
 * summary: a test input whose BUG pair has three lines
 * verdict: race-free
 * category: test
 * origin: racecard tests
 * why: not a real case; it exists to be rejected by the tests.
 */
void a(void) { lock(1); /* BUG(lock-order-inversion, t) */ }
void b(void) { lock(2); /* BUG(lock-order-inversion, t) */ }
void c(void) { lock(3); /* BUG(lock-order-inversion, t) */ }
