/* clock: the only source of "now".
 *
 * The clock may start from a fixed instant (REDRESS_NOW or --now) and runs on from there
 * at the real rate, so a test can start seconds before a deadline and watch it pass. */
#ifndef REDRESS_CLOCK_H
#define REDRESS_CLOCK_H

#include <stdbool.h>

#include "redress/datetime.h"
#include "redress/error.h"

/* Starts the clock at the given instant text (local time unless it carries a zone);
 * NULL or empty means the real time. */
RdStatus clock_start_at(const char *text, RdError *err);
/* Starts the clock from REDRESS_NOW when set. */
RdStatus clock_start_from_env(RdError *err);
bool clock_is_fixed(void);
RdInstant clock_now(void);
/* Milliseconds, for timeouts: now in ms since the epoch of this clock. */
int64_t clock_now_ms(void);
RdDate clock_today(void);

#endif
