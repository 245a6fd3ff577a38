/*
 * report_impl.h - what the report module's two files share: report.c writes
 * the text formats (table, Markdown, CSV), report_json.c the two that go
 * through cJSON (the JSON scorecard and SARIF).  Not for other modules.
 */
#ifndef RACECARD_REPORT_IMPL_H
#define RACECARD_REPORT_IMPL_H

#include "report.h"
#include "text.h"

/* The categories named by the entries of n detectors, sorted and unique; an
   entry in several ("Y3 Y5", DataRaceBench's P-labels) names each. */
void report_categories(const report_detector *d, size_t n, text_list *out);

/* How many entries of one detector are in category (any status); an entry in
   several categories counts in each. */
size_t report_category_cases(const report_detector *d, const char *category);

/* The JSON scorecard; returns 0, or -1 when out reports a write error. */
int report_json(FILE *out, const report_detector *d, size_t n, int per_case);

#endif
