/* racecard's own test: no label at all, so not a race test. */
int main(void) { return 0; }
