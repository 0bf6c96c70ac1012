/* Reading a whole XML file with libxml2: its first error kept with its line, nothing printed. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "error.h"
#include "fileio.h"
#include "xmlfile.h"

typedef struct {
	int have;
	int line;
	char msg[300];
} xml_err;

#if LIBXML_VERSION >= 21200
static void on_xml_error(void *data, const xmlError *e)
#else
static void on_xml_error(void *data, xmlErrorPtr e)
#endif
{
	/* Both routes hand over the parser context; the error record hangs off its _private. */
	xmlParserCtxt *ctxt = data;
	xml_err *xe = ctxt ? ctxt->_private : NULL;
	if (!xe || !e || e->level < XML_ERR_ERROR || xe->have)
		return;
	xe->have = 1;
	xe->line = e->line;
	snprintf(xe->msg, sizeof xe->msg, "%s", e->message ? e->message : "XML error");
	size_t n = strlen(xe->msg);
	while (n && (xe->msg[n - 1] == '\n' || xe->msg[n - 1] == ' '))
		xe->msg[--n] = 0;
}

int sch_xml_read_file(xmlDoc **doc, const char *path, size_t max_bytes, const char *what, sch_diags *diags)
{
	char *buf = NULL;
	size_t len = 0;
	xmlParserCtxt *ctxt = NULL;
	xml_err xe = {0};
	int rc;
	*doc = NULL;
	if ((rc = sch_file_read(path, max_bytes, what, &buf, &len, diags)) < 0)
		goto done;
	if (len > INT_MAX) {
		rc = sch_error_set(SCH_EINVALID, "%s: the file is too large for %s", path, what);
		sch_diags_add(diags, SCH_DIAG_ERROR, path, 0, 0, "the file is too large for %s", what);
		goto done;
	}
	if (!(ctxt = xmlNewParserCtxt())) {
		rc = sch_error_oom();
		goto done;
	}
	/* Both the context's and the thread's structured handler: libxml2 must never print. */
	xmlStructuredErrorFunc old = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	ctxt->_private = &xe;
	xmlSetStructuredErrorFunc(ctxt, on_xml_error);
	ctxt->sax->serror = on_xml_error;
	*doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL,
				 XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
					 XML_PARSE_BIG_LINES);
	xmlSetStructuredErrorFunc(old_ctx, old);
	if (!*doc || xe.have) {
		xmlFreeDoc(*doc);
		*doc = NULL;
		if (xe.have) {
			rc = sch_error_set(SCH_EINVALID, "%s:%d: not well-formed XML: %s", path, xe.line, xe.msg);
			sch_diags_add(diags, SCH_DIAG_ERROR, path, xe.line, 0, "not well-formed XML: %s", xe.msg);
		} else {
			rc = sch_error_set(SCH_EINVALID, "%s: not well-formed XML", path);
			sch_diags_add(diags, SCH_DIAG_ERROR, path, 0, 0, "not well-formed XML");
		}
		goto done;
	}
	rc = 0;
done:
	xmlFreeParserCtxt(ctxt);
	free(buf);
	return rc;
}
