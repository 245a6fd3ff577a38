/*
 * unit_detector.c - detector definitions (detector.c): the C++ compiler keys
 * read, and whether a detector can run the C++ cases, from the status files
 * CMake writes after probing each flavour's compilers.
 */
#include "detector.h"
#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define FAKE RACECARD_TEST_DIR "/fake/fake-report.det"  /* cxx = g++ */
#define NO_CXX RACECARD_TEST_DIR "/fake/fake-segv.det"  /* no cxx */

/* Writes BUILD/flavours/FILE with one line. */
static void unit_status(const char *build, const char *file, const char *line)
{
    char path[512];
    snprintf(path, sizeof path, "%s/flavours/%s", build, file);
    FILE *f = fopen(path, "w");
    UNIT_CHECK(f != NULL);
    if (f) {
        fprintf(f, "%s\n", line);
        fclose(f);
    }
}

static void test_keys(void)
{
    det_def d;
    text_buf err;
    text_buf_init(&err);
    UNIT_CHECK(det_load(FAKE, &d, &err) == 0);
    UNIT_STREQ(d.cxx, "g++");
    UNIT_STREQ(d.cxxflags, "-std=c++17 -g -O0");
    det_free(&d);
    UNIT_CHECK(det_load(NO_CXX, &d, &err) == 0);
    UNIT_CHECK(d.cxx == NULL && d.cxxflags == NULL);
    det_free(&d);
    text_buf_free(&err);
}

static void test_available(const char *build)
{
    det_def fake, none;
    text_buf why;
    text_buf_init(&why);
    UNIT_CHECK(det_load(FAKE, &fake, &why) == 0);
    UNIT_CHECK(det_load(NO_CXX, &none, &why) == 0);

    /* Not configured: neither language. */
    UNIT_CHECK(!det_available(&fake, build, &why));
    UNIT_CHECK(!det_available_cxx(&fake, build, &why));
    UNIT_CHECK(strstr(why.s, "configure the build tree first") != NULL);
    char flavours[600];
    snprintf(flavours, sizeof flavours, "%s/flavours", build);
    UNIT_CHECK(mkdir(flavours, 0700) == 0);

    /* C built, C++ compiler missing: the C++ cases are skipped, naming it
       and the packages. */
    unit_status(build, "plain.status", "ok");
    unit_status(build, "plain.cxx.status", "C++ compiler 'g++' not found");
    UNIT_CHECK(det_available(&fake, build, &why));
    UNIT_CHECK(!det_available_cxx(&fake, build, &why));
    UNIT_CHECK(strstr(why.s, "cannot build the C++ cases: C++ compiler 'g++' not found") != NULL);
    UNIT_CHECK(strstr(why.s, "(install: nothing: part of racecard's tests)") != NULL);

    /* Both built. */
    unit_status(build, "plain.cxx.status", "ok");
    UNIT_CHECK(det_available_cxx(&fake, build, &why));

    /* A definition without cxx never runs C++ cases, whatever was built. */
    UNIT_CHECK(det_available(&none, build, &why));
    UNIT_CHECK(!det_available_cxx(&none, build, &why));
    UNIT_CHECK(strstr(why.s, "names no C++ compiler") != NULL);

    /* Nor does one whose C build is missing. */
    unit_status(build, "plain.status", "compiler 'gcc' not found");
    UNIT_CHECK(!det_available_cxx(&fake, build, &why));
    UNIT_CHECK(strstr(why.s, "compiler 'gcc' not found") != NULL);

    det_free(&fake);
    det_free(&none);
    text_buf_free(&why);
}

int main(void)
{
    char build[] = "/tmp/racecard-unit-detector-XXXXXX";
    UNIT_CHECK(mkdtemp(build) != NULL);
    test_keys();
    test_available(build);
    const char *const left[] = {"flavours/plain.status", "flavours/plain.cxx.status",
                                "flavours", ""};
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s", build, left[i]);
        UNIT_CHECK(remove(path) == 0);
    }
    return unit_finish("unit_detector");
}
