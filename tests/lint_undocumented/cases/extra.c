/*
 * name: extra
 * summary: a test input for racecard lint: plain expects a finding outside the truth and says not why
 * verdict: race-free
 * category: test
 * origin: racecard tests
 * why: not a real case; two threads would store to x, but only ever one at a time (never compiled, never run).
 */
int x;
void f(void) { x = 1; /* NORACE(x) */ }
void g(void) { x = 2; /* NORACE(x) */ }
