/* Status codes, the thread-local last error, version and the log callback. */
#ifndef SCHEDULE_COMMON_H
#define SCHEDULE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define SCH_EXTERN(type) __declspec(dllexport) type
#elif defined(__GNUC__)
#define SCH_EXTERN(type) __attribute__((visibility("default"))) type
#else
#define SCH_EXTERN(type) type
#endif

#define SCH_VERSION_MAJOR 0
#define SCH_VERSION_MINOR 1
#define SCH_VERSION_PATCH 0
#define SCH_VERSION "0.1.0"

/* Every fallible call returns 0 (SCH_OK) or one of these negative codes. */
typedef enum {
	SCH_OK = 0,
	SCH_ERROR = -1,       /* generic failure */
	SCH_EINVALID = -2,    /* bad input: the message names file, line and field */
	SCH_ENOTFOUND = -3,   /* a named entity, file or version does not exist */
	SCH_EINFEASIBLE = -4, /* the school cannot be scheduled as described */
	SCH_ETIMEOUT = -5,    /* the time limit ran out before a result */
	SCH_ECANCELLED = -6,  /* a callback or cancel flag stopped the call */
	SCH_EIO = -7,         /* reading or writing a file failed */
	SCH_ENOMEM = -8,      /* out of memory */
	SCH_EDB = -9,         /* the database is corrupt, foreign or newer */
	SCH_EEXISTS = -10,    /* the object already exists */
	SCH_EINTERNAL = -11,  /* a bug: please report it */
	SCH_ENOTSUP = -12     /* the request is valid but not supported (yet) for this input or method */
} sch_status;

/* Where and why the last call on this thread failed. */
typedef struct {
	int code;            /* the sch_status returned */
	const char *message; /* UTF-8, never NULL after a failure */
} sch_error;

/* The last error of the calling thread; NULL when no call has failed. */
SCH_EXTERN(const sch_error *) sch_error_last(void);
/* Forget the last error of the calling thread. */
SCH_EXTERN(void) sch_error_clear(void);
/* A short English name for a status code ("SCH_EINVALID"). */
SCH_EXTERN(const char *) sch_status_name(int code);

SCH_EXTERN(const char *) sch_version(void);

typedef enum { SCH_LOG_DEBUG = 0, SCH_LOG_INFO = 1, SCH_LOG_WARN = 2 } sch_log_level;

/* The library prints nothing: messages of long calls (solver, GLPK) go here. */
typedef void (*sch_log_cb)(int level, const char *message, void *payload);

#ifdef __cplusplus
}
#endif

#endif
