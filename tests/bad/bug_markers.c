/*
 * name: bug_markers
 * summary: a test input with misuse markers beside its race markers
 * verdict: race-free
 * category: test
 * origin: racecard tests
 * why: not a real case; it exists to be read by the tests.
 */
void a(void) { lock(1); lock(2); /* BUG(lock-order-inversion, ab) */ }
void b(void) { lock(2); lock(1); /* BUG(lock-order-inversion, ab) */ }
void c(void) { spawn(); /* BUG(thread-leak) */ }
void d(void) { spawn(); /* BUG(thread-leak) */ }
void e(void) { shared++; /* NORACE(s) */ }
