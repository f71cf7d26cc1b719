/* main.c — the crosscheck command line (filled in by the CLI module). */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("crosscheck %s\n", CC_VERSION);
        return 0;
    }
    fprintf(stderr, "usage: crosscheck check [options] FILES...\n");
    return 2;
}
