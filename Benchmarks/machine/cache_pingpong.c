// Measures the round trip of one cache line between the machine's first two cores: two threads
// pinned to cores 0 and 1 take turns storing to the same line, each waiting for the other's
// store. About 90-120 ns means the two cores share a cache; 350-400 ns means they do not, and
// 2-thread timings are then not comparable with the shared-cache ones (docs/PERFORMANCE.md).
//
//   cc -O2 -pthread Benchmarks/machine/cache_pingpong.c -o .build/cache_pingpong && .build/cache_pingpong
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

enum { roundTrips = 200000 };
static _Atomic long turn __attribute__((aligned(64)));

static void pin(int core) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(core, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *answer(void *unused) {
    (void)unused;
    pin(1);
    for (long i = 0; i < roundTrips; i++) {
        while (atomic_load(&turn) != 2 * i + 1) {}
        atomic_store(&turn, 2 * i + 2);
    }
    return NULL;
}

int main(void) {
    pthread_t other;
    pin(0);
    pthread_create(&other, NULL, answer, NULL);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 0; i < roundTrips; i++) {
        atomic_store(&turn, 2 * i + 1);
        while (atomic_load(&turn) != 2 * i + 2) {}
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    pthread_join(other, NULL);
    double nanoseconds = (end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec);
    printf("cache line round trip between cores 0 and 1: %.1f ns\n", nanoseconds / roundTrips);
    return 0;
}
