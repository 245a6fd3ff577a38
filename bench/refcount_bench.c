/*
 * refcount_bench - what each way of keeping a shared reference count
 * costs, measured: the operations per second of every strategy in
 * refcount_strategies.c as a ratio to the unsynchronised baseline, run in
 * the same process with the same number of threads, right next to it.
 *
 * usage: refcount_bench [-r PAIRS] [-m MS] [-t THREADS,...] [-s STRATEGY,...]
 *
 *   -r PAIRS      pairs of runs per cell (default 7); the cell is their median
 *   -m MS         length of one run in milliseconds (default 200)
 *   -t THREADS    thread counts, comma-separated (default 1,2,4)
 *   -s STRATEGY   strategies to time, comma-separated (default all); the
 *                 baseline "none" is always run, since every ratio needs it
 *
 * A run makes one object, starts N threads on it, lets them do operations
 * (take a reference, read the value, drop it) for MS milliseconds and counts
 * how many they did.  A pair is a run of the baseline and a run of the
 * strategy, back to back, with the same N; the pair gives one ratio.  The
 * two runs of a pair swap order from one repetition to the next, so that
 * neither always goes first.
 *
 * Why ratios of pairs, and medians: how fast a counter goes says more about
 * the machine, and whatever else it is running, than about the counting, and
 * the load of a shared machine changes from one second to the next.  Two
 * runs made back to back mostly see the same load, and the median of
 * several pairs drops the pairs that a burst of load split.  So no absolute
 * rate is printed, only ratios, with the range of the pairs beside the
 * median so the noise is visible.
 *
 * Each pair gives two ratios: of operations per second of wall time, and of
 * operations per second of the CPU time the process used.  On a machine
 * shared with other work the CPU a run gets varies, and the second ratio
 * takes most of that out; the first is what a user would see.  How many
 * CPUs the baseline's runs actually had is printed too: threads that were
 * never running at the same moment cannot have contended.
 *
 * The baseline is a data race on purpose (refcount_nolock): with more than
 * one thread it loses updates, and what it lost is printed after the table,
 * as a reminder of what the yardstick is.  Every other strategy must end
 * with its count exact; one that does not makes the exit status 1.
 *
 * Exit status: 0; 1 a synchronised strategy lost updates or read a wrong
 * value; 2 usage; 3 a run could not be set up (memory, locks, threads).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "refcount_strategies.h"

#define MAX_THREADS 64
#define MAX_COUNTS 16
#define MAX_PAIRS 101
#define MAX_STRATEGIES 16
/* Operations between two looks at the stop flag: enough that the look
   costs nothing next to them, few enough that a run ends promptly. */
#define BATCH 256
#define VALUE 42 /* what every strategy's object holds */

struct worker {
    const struct rc_strategy *s;
    void *obj;
    int index;
    long ops;
    long sink;   /* the sum of the values read */
    long zeroes; /* drops that reached zero */
};

/* Set by main when the run's time is up; on its own line so that the
   threads polling it share that line with nothing that is written. */
static struct {
    _Alignas(64) atomic_int flag;
} stop;
static pthread_barrier_t start_line;

static void *work(void *arg)
{
    struct worker *w = arg;
    long ops = 0, sink = 0, zeroes = 0;

    pthread_barrier_wait(&start_line);
    w->s->enter(w->obj, w->index);
    do {
        sink += w->s->batch(w->obj, BATCH, &zeroes);
        ops += BATCH;
    } while (!atomic_load_explicit(&stop.flag, memory_order_relaxed));
    w->s->leave(w->obj);
    w->ops = ops;
    w->sink = sink;
    w->zeroes = zeroes;
    return NULL;
}

struct outcome {
    double rate;     /* operations per second of wall time, all threads */
    double cpu_rate; /* operations per second of CPU time the process used */
    double cpus;     /* CPU time over wall time: how many CPUs the run had */
    long drift;      /* count at the end minus the long-lived reference */
    long zeroes;     /* drops that reached zero */
    int wrong_reads; /* threads whose sum of values is not VALUE per operation */
};

static void die(const char *what)
{
    fprintf(stderr, "refcount_bench: %s\n", what);
    exit(3);
}

static double seconds(const struct timespec *t)
{
    return (double)t->tv_sec + (double)t->tv_nsec / 1e9;
}

/* One run of strategy s with n threads for ms milliseconds. */
static struct outcome run(const struct rc_strategy *s, int n, long ms)
{
    pthread_t tid[MAX_THREADS];
    struct worker w[MAX_THREADS];
    struct timespec t0, t1, c0, c1, nap = { ms / 1000, (ms % 1000) * 1000000L };
    struct outcome out = { 0, 0, 0, 0, 0, 0 };
    void *obj = s->create();
    long total = 0;

    if (obj == NULL)
        die("cannot make the shared object");
    atomic_store_explicit(&stop.flag, 0, memory_order_relaxed);
    if (pthread_barrier_init(&start_line, NULL, (unsigned)n + 1) != 0)
        die("cannot make a barrier");
    for (int t = 0; t < n; t++) {
        w[t] = (struct worker){ s, obj, t, 0, 0, 0 };
        if (pthread_create(&tid[t], NULL, work, &w[t]) != 0)
            die("cannot start a thread");
    }
    /* The clock starts when every thread is past the barrier's wait or
       about to be, and stops after the last has been joined, so every
       counted operation falls inside the measured time. */
    pthread_barrier_wait(&start_line);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    while (nanosleep(&nap, &nap) != 0 && errno == EINTR)
        ;
    atomic_store_explicit(&stop.flag, 1, memory_order_relaxed);
    for (int t = 0; t < n; t++) {
        pthread_join(tid[t], NULL);
        total += w[t].ops;
        out.zeroes += w[t].zeroes;
        if (w[t].sink != w[t].ops * VALUE)
            out.wrong_reads++;
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    pthread_barrier_destroy(&start_line);
    out.drift = s->destroy(obj);
    out.rate = (double)total / (seconds(&t1) - seconds(&t0));
    out.cpu_rate = (double)total / (seconds(&c1) - seconds(&c0));
    out.cpus = (seconds(&c1) - seconds(&c0)) / (seconds(&t1) - seconds(&t0));
    return out;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Sorts v in place and returns its median. */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void usage(void)
{
    fprintf(stderr, "usage: refcount_bench [-r PAIRS] [-m MS] [-t THREADS,...] [-s STRATEGY,...]\n");
    exit(2);
}

static long number(const char *s, long lo, long hi)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        usage();
    return v;
}

/* Thread counts from "1,2,4"; returns how many. */
static int parse_counts(char *list, int *counts)
{
    int n = 0;

    for (char *tok = strtok(list, ","); tok != NULL; tok = strtok(NULL, ",")) {
        if (n == MAX_COUNTS)
            usage();
        counts[n++] = (int)number(tok, 1, MAX_THREADS);
    }
    if (n == 0)
        usage();
    return n;
}

static int strategy_index(const char *name)
{
    for (int i = 0; i < rc_nstrategies; i++)
        if (strcmp(rc_strategies[i].name, name) == 0)
            return i;
    fprintf(stderr, "refcount_bench: no strategy '%s'; there are:", name);
    for (int i = 0; i < rc_nstrategies; i++)
        fprintf(stderr, " %s", rc_strategies[i].name);
    fputc('\n', stderr);
    exit(2);
}

/* The first field of /proc/loadavg, or -1 where there is none. */
static double load_average(void)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double load = -1;

    if (f != NULL) {
        if (fscanf(f, "%lf", &load) != 1)
            load = -1;
        fclose(f);
    }
    return load;
}

/* clang's own version string ends in a space, so it is spelled out. */
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
#if defined(__clang__)
#define COMPILER "clang " STRINGIFY(__clang_major__) "." STRINGIFY(__clang_minor__) "." \
    STRINGIFY(__clang_patchlevel__)
#elif defined(__GNUC__)
#define COMPILER "gcc " __VERSION__
#else
#define COMPILER "an unknown compiler"
#endif

static void print_machine(double load_before, double load_after, long pairs, long ms)
{
    int niceness;

    errno = 0;
    niceness = getpriority(PRIO_PROCESS, 0);
    printf("machine: %ld CPUs online", sysconf(_SC_NPROCESSORS_ONLN));
    if (errno == 0)
        printf(", this process at nice %d", niceness);
    if (load_before >= 0 && load_after >= 0)
        printf(", load average %.2f before and %.2f after", load_before, load_after);
    printf("\ncompiler: %s, -O2\n", COMPILER);
    printf("operation: take a reference to one object shared by all threads, read its value, drop the reference\n");
    printf("cell: median over %ld pairs of runs of (operations/s of the strategy) / (operations/s of none),\n"
           "      the two runs of a pair back to back with the same threads, %ld ms each; [lowest-highest pair]\n",
           pairs, ms);
}

/* Everything measured: per thread count, strategy and pair. */
struct results {
    int counts[MAX_COUNTS], ncounts;
    int chosen[MAX_STRATEGIES], nchosen; /* indices into rc_strategies, "none" left out */
    long pairs;
    double wall[MAX_COUNTS][MAX_STRATEGIES][MAX_PAIRS];
    double cpu[MAX_COUNTS][MAX_STRATEGIES][MAX_PAIRS];
    long none_runs[MAX_COUNTS], none_drifted[MAX_COUNTS];
    long none_worst[MAX_COUNTS], none_zeroes[MAX_COUNTS];
    double none_cpus[MAX_COUNTS][MAX_STRATEGIES * MAX_PAIRS];
    int failed;
};

static void print_table(const char *title, struct results *r, double v[MAX_COUNTS][MAX_STRATEGIES][MAX_PAIRS])
{
    printf("\n%s\n%-14s", title, "strategy");
    for (int c = 0; c < r->ncounts; c++) {
        char head[32];

        snprintf(head, sizeof head, "%d thread%s", r->counts[c], r->counts[c] == 1 ? "" : "s");
        printf("  %-18s", head);
    }
    printf("\n%-14s", "none");
    for (int c = 0; c < r->ncounts; c++)
        printf("  %-18s", "1");
    printf("\n");
    for (int k = 0; k < r->nchosen; k++) {
        printf("%-14s", rc_strategies[r->chosen[k]].name);
        for (int c = 0; c < r->ncounts; c++) {
            double *pairs = v[c][k];
            double m = median(pairs, (int)r->pairs);
            char cell[64];

            snprintf(cell, sizeof cell, "%.2f [%.2f-%.2f]", m, pairs[0], pairs[r->pairs - 1]);
            printf("  %-18s", cell);
        }
        printf("\n");
    }
}

/* One pair: the baseline and strategy k with the thread count of column c. */
static void measure_pair(struct results *r, int c, int k, long p, long ms)
{
    const struct rc_strategy *s = &rc_strategies[r->chosen[k]];
    int n = r->counts[c];
    struct outcome base, it;

    if (p % 2 == 0) {
        base = run(&rc_strategies[0], n, ms);
        it = run(s, n, ms);
    } else {
        it = run(s, n, ms);
        base = run(&rc_strategies[0], n, ms);
    }
    r->wall[c][k][p] = it.rate / base.rate;
    r->cpu[c][k][p] = it.cpu_rate / base.cpu_rate;

    r->none_cpus[c][r->none_runs[c]++] = base.cpus;
    if (base.drift != 0)
        r->none_drifted[c]++;
    if (labs(base.drift) > r->none_worst[c])
        r->none_worst[c] = labs(base.drift);
    r->none_zeroes[c] += base.zeroes;
    if (it.drift != 0 || it.zeroes != 0 || it.wrong_reads != 0) {
        fprintf(stderr, "refcount_bench: %s with %d threads ended with the count off by %ld, "
                "%ld drops to zero and %d threads reading wrong values\n",
                s->name, n, it.drift, it.zeroes, it.wrong_reads);
        r->failed = 1;
    }
}

int main(int argc, char **argv)
{
    static struct results r;
    static char default_counts[] = "1,2,4";
    char *count_list = default_counts, *strategy_list = NULL;
    long ms = 200;
    double load_before, load_after;
    int opt;

    r.pairs = 7;
    while ((opt = getopt(argc, argv, "r:m:t:s:h")) != -1) {
        switch (opt) {
        case 'r': r.pairs = number(optarg, 1, MAX_PAIRS); break;
        case 'm': ms = number(optarg, 1, 60000); break;
        case 't': count_list = optarg; break;
        case 's': strategy_list = optarg; break;
        default: usage();
        }
    }
    if (optind != argc || rc_nstrategies > MAX_STRATEGIES || strcmp(rc_strategies[0].name, "none") != 0)
        usage();
    r.ncounts = parse_counts(count_list, r.counts);
    if (strategy_list == NULL) {
        for (int i = 1; i < rc_nstrategies; i++)
            r.chosen[r.nchosen++] = i;
    } else {
        for (char *tok = strtok(strategy_list, ","); tok != NULL; tok = strtok(NULL, ",")) {
            int i = strategy_index(tok);

            if (i != 0 && r.nchosen < MAX_STRATEGIES)
                r.chosen[r.nchosen++] = i;
        }
    }

    load_before = load_average();
    /* One short run of each, untimed: faults in the code and the allocator's
       pages, and lets the CPU leave its idle clock before anything counts. */
    run(&rc_strategies[0], 1, ms / 4 + 1);
    for (int k = 0; k < r.nchosen; k++)
        run(&rc_strategies[r.chosen[k]], 1, ms / 4 + 1);
    /* Pairs outermost, so that a slow minute of the machine spoils one pair
       of every cell rather than every pair of a few cells. */
    for (long p = 0; p < r.pairs; p++)
        for (int c = 0; c < r.ncounts; c++)
            for (int k = 0; k < r.nchosen; k++)
                measure_pair(&r, c, k, p, ms);
    load_after = load_average();

    print_machine(load_before, load_after, r.pairs, ms);
    print_table("operations per second of wall time, as a ratio to none:", &r, r.wall);
    print_table("operations per second of CPU time used by the process, as a ratio to none:", &r, r.cpu);

    printf("\n");
    for (int k = 0; k < rc_nstrategies; k++) {
        const struct rc_strategy *s = &rc_strategies[k];

        printf("%-14s %s; case: %s\n", s->name, s->summary, s->twin ? s->twin : "-");
    }
    /* A thread that is not running cannot contend: on a loaded machine the
       threads of a run may share one CPU's worth of time, and then the
       columns with several threads say less about contention. */
    printf("\nCPUs the baseline's runs had on average (CPU time / wall time), median:");
    for (int c = 0; c < r.ncounts; c++)
        printf("%s %d thread%s %.2f", c ? "," : "", r.counts[c], r.counts[c] == 1 ? "" : "s",
               median(r.none_cpus[c], (int)r.none_runs[c]));
    printf("\n");
    printf("\nwhat the racy baseline lost (%ld runs per thread count):\n", r.none_runs[0]);
    for (int c = 0; c < r.ncounts; c++) {
        printf("  %d thread%s: count wrong at the end in %ld runs", r.counts[c],
               r.counts[c] == 1 ? "" : "s", r.none_drifted[c]);
        if (r.none_drifted[c] > 0)
            printf(" (off by up to %ld)", r.none_worst[c]);
        printf(", dropped to zero %ld times while in use\n", r.none_zeroes[c]);
    }
    return r.failed;
}
