/*
 * store.h - the results stage: what one run of a case under a detector gave,
 * kept in the build tree as data, so that the matrix, CTest's checks, the
 * scorecard, its records and the HTML report read one set of runs instead
 * of each running every case again.
 *
 * A result is one JSON file, BUILD/results/DETECTOR/CASE[.sSCALE].rRUN.json,
 * holding the runner's whole answer (outcome, findings, notes, exit status,
 * wall and CPU time, peak RSS, the log's path) and a fingerprint of
 * everything the answer depends on: racecard itself, the machine and kernel,
 * the detector's definition, the case's source and support headers, its
 * binary, the environment a detector reads, the work scale and the run's
 * number.  A result whose fingerprint differs is stale and is never read;
 * the run is made again.  Writes go to a temporary file renamed into place,
 * so a reader never sees half a result, whatever runs at the same time.
 */
#ifndef RACECARD_STORE_H
#define RACECARD_STORE_H

#include "runner.h"
#include "text.h"

#include <stdint.h>

/* A fingerprint under construction: 64-bit FNV-1a over every part added. */
typedef struct store_print {
    uint64_t h;
} store_print;

void store_print_init(store_print *p);
/* Adds a string (with its terminator, so "ab"+"c" differs from "a"+"bc"). */
void store_print_str(store_print *p, const char *s);
void store_print_long(store_print *p, long v);
/* Adds a file's whole content, or its absence. */
void store_print_file(store_print *p, const char *path);
/* Adds every regular file of dir (sorted by name): content and name.  The
   files are read once per process for the last dir asked (they are taken
   not to change while racecard runs). */
void store_print_dir(store_print *p, const char *dir);
/* Adds a file's identity without reading it: device, inode, size and
   modification time, or its absence (for binaries, which are large and
   whose rebuild changes the time). */
void store_print_stat(store_print *p, const char *path);
/*
 * Adds what every result of this process depends on beside its job: the
 * racecard binary running, the machine and kernel (uname), the kernel
 * settings a detector is known to depend on (vm.mmap_rnd_bits,
 * kernel.randomize_va_space, vm.overcommit_memory), whether a seccomp
 * filter is on this process, and the environment variables a detector or a
 * case reads (PATH, LD_*, *_OPTIONS, VALGRIND*, OMP_*, KMP_*, GOMP_*,
 * RACECARD_*, CASE_SCALE, TMPDIR).
 */
void store_print_context(store_print *p);
/*
 * This racecard invocation's name, made at the first call: a result stored
 * under it was made by this invocation (or by the children it forked after
 * that call), so reading it back is no reuse of an earlier run.
 */
const char *store_session(void);

/* The fingerprint as 16 hex digits (buf of at least 17 bytes). */
void store_print_hex(const store_print *p, char *buf);

/*
 * Reads the result at path into r (initialised by the caller) when its
 * fingerprint is print.  Returns 0 when r was filled; 1 when there is no
 * result, or a stale, unreadable or malformed one (never an error: the run
 * is made again, and r is left as it was given).  r->reused is set when
 * the result was made by another invocation (store_session).
 */
int store_load(const char *path, const char *print, runner_result *r);

/*
 * Writes r as the result at path (its directory created), with fingerprint
 * print and the log's path.  Returns 0, or -1 with err set.
 */
int store_save(const char *path, const char *print, const runner_result *r, const char *log,
               text_buf *err);

#endif
