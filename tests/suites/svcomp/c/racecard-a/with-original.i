# 1 "with-original.c"
int main(void) { return 0; }
