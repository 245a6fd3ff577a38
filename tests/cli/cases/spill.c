/*
 * name: spill
 * summary: a buffer's length and its bytes written by two threads, no lock
 * verdict: race
 * category: heap
 * origin: racecard tests (tests/cli: a small tree for the command's own tests)
 * why: not a real case, never compiled; both threads would write len and buf[0] with nothing ordering them.
 */
struct spill { int len; char buf[8]; } *s;
void fill(void) { s->len = 1; /* RACE(len) */ }
void drain(void) { s->len = 0; /* RACE(len) */ }
void poke(void) { s->buf[0]++; /* RACE(buf, self) */ }
