/*
 * name: no_verdict
 * summary: a header without its verdict
 * category: test
 * origin: racecard tests
 * why: the reader must refuse a case whose label is incomplete.
 */
int x;
