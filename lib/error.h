/* Setting the thread-local last error (internal). */
#ifndef SCH_LIB_ERROR_H
#define SCH_LIB_ERROR_H

#include "schedule/common.h"

/* Records code and message for sch_error_last(); returns code so callers can `return sch_error_set(...)`. */
int sch_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Records SCH_ENOMEM and returns it. */
int sch_error_oom(void);

#endif
