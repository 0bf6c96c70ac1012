/* Reading a whole XML file with libxml2, which must never print (internal). */
#ifndef SCH_LIB_XMLFILE_H
#define SCH_LIB_XMLFILE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "schedule/diag.h"

/*
 * Reads the XML file at path (at most max_bytes; `what` names it in messages, "a FET
 * file") into *doc, line numbers past 65535 kept and whitespace-only text dropped.
 * A file that cannot be read fails as sch_file_read() does; XML that is not well
 * formed fails with SCH_EINVALID "path:line: not well-formed XML: <libxml2's words>",
 * also added to diags (may be NULL) at that line. *doc is NULL on failure.
 */
int sch_xml_read_file(xmlDoc **doc, const char *path, size_t max_bytes, const char *what, sch_diags *diags);

#endif
