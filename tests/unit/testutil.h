/*
 * testutil.h — what every Check test file shares: a main() that runs one suite and
 * exits non-zero when a test fails, and small assertions for intervals.
 * Each tests/unit/test_X.c defines `Suite *make_suite(void)` and includes this.
 */
#ifndef CC_TESTUTIL_H
#define CC_TESTUTIL_H

#include <check.h>
#include <math.h>
#include <stdlib.h>

Suite *make_suite(void);

/* Two doubles equal to 1e-9 relative (figures like 4350000 or 0.66665). */
#define ck_assert_near(a, b)                                                              \
    do {                                                                                  \
        double a_ = (a), b_ = (b);                                                        \
        ck_assert_msg((isinf(a_) && isinf(b_) && (a_ > 0) == (b_ > 0)) ||                 \
                          fabs(a_ - b_) <= 1e-9 * fmax(1.0, fmax(fabs(a_), fabs(b_))),    \
                      "%s = %.17g, expected %.17g", #a, a_, b_);                          \
    } while (0)

int main(void)
{
    SRunner *sr = srunner_create(make_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
