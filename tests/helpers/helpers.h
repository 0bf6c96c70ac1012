/* Shared test helpers. */
#ifndef SCH_TEST_HELPERS_H
#define SCH_TEST_HELPERS_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "schedule.h"
#endif
