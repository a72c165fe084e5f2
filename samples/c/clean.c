/* The same daemon written carefully: secreview should stay silent here. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#define NAME_LEN 32

struct record {
    char name[NAME_LEN];
    int id;
};

static void greet(const char *user) {
    char banner[64];
    snprintf(banner, sizeof banner, "welcome, %s", user);
    printf("%s\n", banner);
}

static struct record *load_records(size_t count) {
    if (count > SIZE_MAX / sizeof(struct record)) {
        return NULL;
    }
    return malloc(count * sizeof(struct record));
}

static void write_report(void) {
    char path[] = "/tmp/report-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0) {
        dprintf(fd, "ok\n");
        close(fd);
    }
}

int main(int argc, char **argv) {
    char name[NAME_LEN];
    char line[128];
    if (argc < 2) {
        return 1;
    }
    strncpy(name, argv[1], sizeof name - 1);
    name[sizeof name - 1] = '\0';
    if (fgets(line, sizeof line, stdin) == NULL) {
        return 1;
    }
    greet(name);
    write_report();
    free(load_records(16));
    return 0;
}
