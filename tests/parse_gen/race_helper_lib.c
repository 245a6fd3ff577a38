/* A helper that writes through a pointer; the race is reported here. */
void helper_store(int *slot, int v);

__attribute__((noinline)) void helper_store(int *slot, int v)
{
    *slot = v;
}
