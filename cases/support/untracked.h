/*
 * untracked.h - keeps an atomic synchronisation word out of Helgrind's and
 * DRD's sight, so that what they say about a case is about its data.
 *
 *   UNTRACKED(flag);   in main, before the threads that use flag exist
 *
 * Helgrind and DRD do not model C11 atomics: an atomic load or store is an
 * ordinary mov to them, so the flags and lock words of a lock-free protocol
 * show up in their reports as racing, and which "previous access" they name
 * depends on the interleaving of the spin loops.  A case that is about the
 * ordering such a word gives (or fails to give) to the plain data around it
 * hides the word itself with their client requests, as support/turn.h hides
 * its token: VALGRIND_HG_DISABLE_CHECKING and DRD_IGNORE_VAR stop the tools
 * from recording accesses to those bytes.  They create no ordering, change
 * nothing a happens-before model could take from the word (Helgrind and DRD
 * take none from it anyway), and outside Valgrind they are a few
 * instructions that do nothing.  The word is atomic, so hiding it hides no
 * data race.  helgrind.h must come before drd.h (see turn.h).
 */
#ifndef CASES_SUPPORT_UNTRACKED_H
#define CASES_SUPPORT_UNTRACKED_H

#include <valgrind/helgrind.h>
#include <valgrind/drd.h>

#define UNTRACKED(var)                                        \
    do {                                                      \
        VALGRIND_HG_DISABLE_CHECKING(&(var), sizeof(var));    \
        DRD_IGNORE_VAR(var);                                  \
    } while (0)

#endif
