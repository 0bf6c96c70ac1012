/* The thread-local last error and status names. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_message[1024];
static _Thread_local sch_error last_error;
static _Thread_local int has_error;

int sch_error_set(int code, const char *fmt, ...)
{
	/* formatted aside first: an argument may be the last message itself ("...: %s", e->message) */
	char msg[sizeof last_message];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	memcpy(last_message, msg, sizeof msg);
	last_error.code = code;
	last_error.message = last_message;
	has_error = 1;
	return code;
}

int sch_error_oom(void)
{
	return sch_error_set(SCH_ENOMEM, "out of memory");
}

const sch_error *sch_error_last(void)
{
	return has_error ? &last_error : NULL;
}

void sch_error_clear(void)
{
	has_error = 0;
	last_message[0] = '\0';
}

const char *sch_status_name(int code)
{
	switch (code) {
	case SCH_OK: return "SCH_OK";
	case SCH_ERROR: return "SCH_ERROR";
	case SCH_EINVALID: return "SCH_EINVALID";
	case SCH_ENOTFOUND: return "SCH_ENOTFOUND";
	case SCH_EINFEASIBLE: return "SCH_EINFEASIBLE";
	case SCH_ETIMEOUT: return "SCH_ETIMEOUT";
	case SCH_ECANCELLED: return "SCH_ECANCELLED";
	case SCH_EIO: return "SCH_EIO";
	case SCH_ENOMEM: return "SCH_ENOMEM";
	case SCH_EDB: return "SCH_EDB";
	case SCH_EEXISTS: return "SCH_EEXISTS";
	case SCH_EINTERNAL: return "SCH_EINTERNAL";
	case SCH_ENOTSUP: return "SCH_ENOTSUP";
	default: return "SCH_E?";
	}
}

const char *sch_version(void)
{
	return SCH_VERSION;
}
