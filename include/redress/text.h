/* text: small text jobs shared by commands, reports and screens. */
#ifndef REDRESS_TEXT_H
#define REDRESS_TEXT_H

#include <stdio.h>

/* Writes text to out with every line longer than width broken at spaces; continuation
 * lines are indented four more than the line they continue. */
void text_wrap(FILE *out, const char *text, int width);

#endif
