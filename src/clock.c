/* clock: real time, or time running on from a fixed starting instant. */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "redress/clock.h"

static bool clock_fixed;
static RdInstant clock_origin_ms;        /* the instant the clock was set to, in ms */
static int64_t clock_monotonic_origin;   /* the monotonic reading at that moment, ms */

static int64_t clock_monotonic_ms(void) {
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t clock_real_ms(void) {
   struct timespec ts;
   clock_gettime(CLOCK_REALTIME, &ts);
   return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

RdStatus clock_start_at(const char *text, RdError *err) {
   if (!text || !*text) {
      clock_fixed = false;
      return RD_OK;
   }
   RdInstant t;
   RdStatus st = datetime_parse_instant(text, &t, err);
   if (st != RD_OK) {
      error_prefix(err, "the clock cannot start");
      return st;
   }
   clock_fixed = true;
   clock_origin_ms = t * 1000;
   clock_monotonic_origin = clock_monotonic_ms();
   return RD_OK;
}

RdStatus clock_start_from_env(RdError *err) {
   const char *env = getenv("REDRESS_NOW");
   RdStatus st = clock_start_at(env, err);
   if (st != RD_OK)
      error_prefix(err, "REDRESS_NOW");
   return st;
}

bool clock_is_fixed(void) {
   return clock_fixed;
}

int64_t clock_now_ms(void) {
   if (!clock_fixed)
      return clock_real_ms();
   return clock_origin_ms + (clock_monotonic_ms() - clock_monotonic_origin);
}

RdInstant clock_now(void) {
   int64_t ms = clock_now_ms();
   return ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
}

RdDate clock_today(void) {
   return datetime_local_date(clock_now());
}
