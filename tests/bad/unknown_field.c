/*
 * name: unknown_field
 * summary: a header with a misspelt field
 * category: test
 * verdikt: race
 * origin: racecard tests
 * why: a typo in a field name must not pass as a missing optional field.
 */
int x;
