/*
 * blind.h - blind copies of cases, for detectors that read source (static
 * analysers, learned models) and must not read the answer with it.
 *
 * A case carries its own label: the header's verdict and why, the RACE and
 * NORACE markers, comments that explain the race, and its name.  A blind copy
 * has every comment removed (a removed comment leaves its newlines, so line N
 * of the copy is line N of the case) and every mention of the name replaced
 * by a neutral id derived from it, and is named after that id.  The id says
 * nothing of the verdict; the mapping back from id to case is racecard's,
 * never written beside the copies "racecard blind" writes for a tool.  (The
 * SV-COMP tasks of export_svcomp.h write it beside theirs, for whoever reads
 * the results: their task definitions state the verdict there anyway, and
 * BenchExec hands a verifier the program, its headers and the property.)
 */
#ifndef RACECARD_BLIND_H
#define RACECARD_BLIND_H

#include "text.h"

#include <stdio.h>

/* The neutral id of a case name: "case_" and eight hex digits of a hash of
   the name.  Free it. */
char *blind_id(const char *name);

/*
 * Copies in to out with every comment removed and every occurrence of name
 * (may be NULL) that starts a word replaced by id (pthread_mutex_trylock
 * stays itself in the case mutex_trylock).  String and character literals are kept as
 * they are, but for the name.  An #include "support/X" becomes #include "X",
 * since the support headers go beside the copy.  Returns 0, or -1 on a read
 * or write error.
 */
int blind_copy(FILE *in, FILE *out, const char *name, const char *id);

/*
 * Writes the blind copy of the file at src to dst (see blind_copy).
 * Returns 0, or RC_EXIT_INPUT / RC_EXIT_OUTPUT with err set.
 */
int blind_write(const char *src, const char *dst, const char *name, const char *id,
                text_buf *err);

#endif
