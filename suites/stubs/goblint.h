/*
 * goblint.h - racecard's stand-in for the header Goblint's regression tests
 * include, so that they build and run natively (tools/suite_goblint.c).
 *
 * Goblint's functions tell the analyser what to check or assume; a native
 * run has nothing to tell, so each one evaluates its argument and does
 * nothing.  __goblint_assume_join says "assume this thread has been
 * joined": natively it joins nothing, as the test's own code must.
 */
#ifndef RACECARD_STUB_GOBLINT_H
#define RACECARD_STUB_GOBLINT_H

static inline void __goblint_check(int exp) { (void)exp; }
static inline void __goblint_assume(int exp) { (void)exp; }
static inline void __goblint_assert(int exp) { (void)exp; }
#define __goblint_assume_join(...) ((void)0)
static inline void __goblint_globalize(void *ptr) { (void)ptr; }
static inline void __goblint_split_begin(int exp) { (void)exp; }
static inline void __goblint_split_end(int exp) { (void)exp; }
static inline void __goblint_bounded(unsigned long long exp) { (void)exp; }

#endif
