/*
 * scale.h - the work scale at which a case's cost is measured.
 *
 * A case runs in milliseconds, so its wall time under a detector is mostly
 * the detector starting up.  Each case reads CASE_SCALE
 * (cases/support/scale.h) and does that many times its work; this module
 * finds, per case, the scale at which the native run takes long enough for
 * the ratio to measure the detector rather than its start-up.
 */
#ifndef RACECARD_SCALE_H
#define RACECARD_SCALE_H

#include "job.h"

#define SCALE_MAX 10000L        /* the largest CASE_SCALE a case accepts
                                   (SCALE_MAX of cases/support/scale.h) */
#define SCALE_TARGET_S 0.05     /* the native run's wall time to reach */

/*
 * The target in seconds: SCALE_TARGET_S, or RACECARD_SCALE_TARGET_MS when
 * set to a whole number of milliseconds (a slower machine may want more;
 * racecard's own test asks for more so that a loaded machine's scale-1 run
 * cannot already reach it).
 */
double scale_target_s(void);

/*
 * Runs j (the native baseline's job for a case) at growing scales until one
 * run takes scale_target_s() or more, and returns that scale in *scale and the
 * last run's wall time in *wall_s.  It stops at SCALE_MAX, also when the case
 * does not grow with the scale (a case without the knob): *wall_s then says
 * how far it got.  Returns 0, or an RC_EXIT_* status with err set when a run
 * could not be made; a run that completes badly (a crash at some scale) ends
 * the search with the last scale tried and returns 0.
 */
int scale_calibrate(job *j, long *scale, double *wall_s, text_buf *err);

#endif
