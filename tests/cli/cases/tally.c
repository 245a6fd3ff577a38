/*
 * name: tally
 * summary: two threads count on one global with no lock
 * verdict: race
 * category: unsynchronised-global
 * origin: racecard tests (tests/cli: a small tree for the command's own tests)
 * why: not a real case, never compiled; two threads would update n with nothing ordering them.
 */
int n;
void up(void) { n++; /* RACE(n) */ }
void down(void) { n--; /* RACE(n) */ }
