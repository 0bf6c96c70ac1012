/* A map from a name to an index (open addressing), for importers resolving ids; keys are borrowed. */
#ifndef SCH_NAMEMAP_H
#define SCH_NAMEMAP_H

#include <stddef.h>

typedef struct {
	const char **keys;
	int *vals;
	size_t cap, n;
} sch_namemap;

/* The value of key, or -1 when absent (or key is NULL). */
int sch_namemap_find(const sch_namemap *m, const char *key);
/* Adds key -> val (key must outlive the map): 0, 1 when the key was already there (nothing
 * changed), -1 when out of memory. */
int sch_namemap_add(sch_namemap *m, const char *key, int val);
void sch_namemap_free(sch_namemap *m);

#endif
