/*
 * name: bug_bad_kind
 * summary: a test input labelled with a kind racecard does not know
 * verdict: race-free
 * category: test
 * origin: racecard tests
 * why: not a real case; it exists to be rejected by the tests.
 */
void a(void) { lock(1); /* BUG(deadlock) */ }
