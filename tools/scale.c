/*
 * scale.c - the work scale at which a case's cost is measured (scale.h).
 *
 * The search multiplies the scale by what the last run says is missing,
 * between 2 and 16 times per step, so a case reaches its target in a few
 * runs and never overshoots it by more than a step; a case that ignores the
 * scale reaches SCALE_MAX in five runs of its own length.
 */
#include "scale.h"
#include "runner.h"

#include <math.h>
#include <stdlib.h>

double scale_target_s(void)
{
    const char *v = getenv("RACECARD_SCALE_TARGET_MS");
    unsigned long ms;
    return v && text_parse_ulong(v, 600000, &ms) == 0 && ms > 0 ? ms / 1000.0 : SCALE_TARGET_S;
}

int scale_calibrate(job *j, long *scale, double *wall_s, text_buf *err)
{
    long s = 1;
    *scale = 1;
    *wall_s = 0;
    for (;;) {
        job_set_scale(j, s);
        runner_result r;
        runner_result_init(&r);
        int rc = job_exec(j, &r, err);
        int ok = !rc && (r.outcome == RUNNER_CLEAN || r.outcome == RUNNER_REPORTS);
        double wall = r.status.wall_s;
        runner_result_free(&r);
        if (rc)
            return rc;
        if (!ok)
            return 0;
        *scale = s;
        *wall_s = wall;
        double target = scale_target_s();
        if (wall >= target || s >= SCALE_MAX)
            return 0;
        double want = wall > 0 ? ceil(target * 1.2 / wall) : 16;
        long step = want < 2 ? 2 : want > 16 ? 16 : (long)want;
        s = s > SCALE_MAX / step ? SCALE_MAX : s * step;
    }
}
