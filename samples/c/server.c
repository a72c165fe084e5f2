/* A tiny line-oriented admin daemon with the defects reviewers keep finding in C. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

#define NAME_LEN 32

struct record {
    char name[NAME_LEN];
    int id;
};

static void greet(const char *user) {
    char banner[64];
    sprintf(banner, "welcome, %s", user);
    printf(banner);
}

static struct record *load_records(size_t count) {
    struct record *records = malloc(count * sizeof(struct record));
    return records;
}

static void run_hook(const char *script) {
    char command[256];
    snprintf(command, sizeof command, "/usr/lib/admin/hooks/%s", script);
    system(command);
}

static void write_report(const char *path) {
    if (access(path, W_OK) == 0) {
        FILE *out = fopen(path, "w");
        if (out != NULL) {
            fputs("ok\n", out);
            fclose(out);
        }
    }
}

static unsigned int session_token(void) {
    unsigned int token = rand();
    return token;
}

int main(int argc, char **argv) {
    char name[NAME_LEN];
    char line[128];
    if (argc < 2) {
        return 1;
    }
    strcpy(name, argv[1]);
    gets(line);
    greet(name);
    run_hook(line);
    write_report(tmpnam(NULL));
    printf("%u\n", session_token());
    free(load_records((size_t)atoi(argv[2])));
    return 0;
}
