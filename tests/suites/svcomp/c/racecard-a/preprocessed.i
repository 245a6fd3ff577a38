# 1 "preprocessed.c"
int main(void) { return 0; }
