/* timer: the deadline watcher behind the highlighting. No curses.
 *
 * Given the targets of the open cases (acknowledge or respond, stage 1 or 2, each with
 * its due date and the due-soon threshold of its case's policy), it classifies each as
 * on track, due soon, due today or overdue at an instant, tells which targets changed
 * class since the last tick, and says how long until the next change.
 *
 * A deadline is the end of its day: a target is overdue from the local (UK) midnight
 * after its due date. Classes only change at local midnights, so each target's three
 * change instants are computed once when the targets are set; a tick is then a few
 * integer comparisons per target. */
#ifndef REDRESS_TIMER_H
#define REDRESS_TIMER_H

#include <stddef.h>
#include <stdint.h>

#include "redress/calendar.h"
#include "redress/datetime.h"

/* Ordered from least to most urgent, so classes compare with < and >. */
typedef enum TimerClass {
   TIMER_ON_TRACK = 0,
   TIMER_DUE_SOON,
   TIMER_DUE_TODAY,
   TIMER_OVERDUE,
   TIMER_CLASS_COUNT
} TimerClass;

typedef enum TimerKind {
   TIMER_ACK = 0,       /* acknowledge the stage */
   TIMER_RESPOND        /* respond at the stage */
} TimerKind;

typedef struct TimerTarget {
   int64_t case_id;
   int stage;           /* 1 or 2 */
   TimerKind kind;
   RdDate due;          /* the last day on which it is in time */
   int due_soon_days;   /* working days left at which it turns due soon; < 0 never */
} TimerTarget;

typedef struct Timer Timer;

/* The calendar is borrowed and must outlive the timer. Owned by the caller: timer_free. */
Timer *timer_new(const Calendar *cal, Division division);
void timer_free(Timer *t);

/* The class of one due date on the local date today, without a Timer. */
TimerClass timer_classify(const Calendar *cal, Division division, RdDate today, RdDate due,
                          int due_soon_days);

/* The first day on which a target due on due counts as due soon: the earliest day with
 * no more than due_soon_days working days after it up to the due date. Equal to due when
 * there is no due-soon period. */
RdDate timer_due_soon_from(const Calendar *cal, Division division, RdDate due, int due_soon_days);

/* Replaces the targets (copied). A target that was there before, by (case, stage, kind),
 * keeps its previous class, so the next tick reports it only when its class really
 * changed; a new target is classified at now and is not reported as changed. Targets are
 * addressed by their index in the array given. */
void timer_set_targets(Timer *t, const TimerTarget *targets, size_t count, RdInstant now);

size_t timer_count(const Timer *t);
const TimerTarget *timer_target(const Timer *t, size_t index);
/* The class at the last tick (or at timer_set_targets). */
TimerClass timer_class(const Timer *t, size_t index);
/* The index of the target (case, stage, kind), or -1. */
long timer_find(const Timer *t, int64_t case_id, int stage, TimerKind kind);

/* Reclassifies every target at now. Returns how many changed class since the last tick;
 * *changed (may be NULL) points at their indexes in ascending order, owned by the timer
 * and valid until the next tick or timer_set_targets. */
size_t timer_tick(Timer *t, RdInstant now, const size_t **changed);

/* Milliseconds from now_ms (clock_now_ms) until the next instant at which any target
 * changes class; -1 when none ever will. */
int64_t timer_ms_to_next_change(const Timer *t, int64_t now_ms);

/* "on track", "due soon", "due today", "overdue". */
const char *timer_class_name(TimerClass c);

#endif
