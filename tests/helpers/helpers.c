/* Shared test helpers. */
#include "helpers.h"
