/* timer: classes of deadlines, precomputed change instants, and the next wake. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "redress/timer.h"
#include "redress/xalloc.h"

#define TIMER_NEVER INT64_MAX

typedef struct TimerEntry {
   TimerTarget target;
   RdInstant soon_at;       /* local midnight starting the due-soon period */
   RdInstant today_at;      /* local midnight starting the due day */
   RdInstant overdue_at;    /* local midnight ending the due day */
   TimerClass cls;
} TimerEntry;

/* A target's identity, for finding it again after the targets are set anew. */
typedef struct TimerKey {
   int64_t case_id;
   int stage;
   int kind;
   size_t index;
} TimerKey;

struct Timer {
   const Calendar *cal;
   Division division;
   TimerEntry *entries;
   size_t count;
   TimerKey *keys;          /* sorted by (case, stage, kind) */
   RdInstant *changes;      /* every change instant, sorted, without repeats */
   size_t change_count;
   size_t *changed;         /* the indexes the last tick reported */
   size_t changed_count;
};

Timer *timer_new(const Calendar *cal, Division division) {
   Timer *t = xcalloc(1, sizeof *t);
   t->cal = cal;
   t->division = division;
   return t;
}

void timer_free(Timer *t) {
   if (!t)
      return;
   free(t->entries);
   free(t->keys);
   free(t->changes);
   free(t->changed);
   free(t);
}

const char *timer_class_name(TimerClass c) {
   switch (c) {
   case TIMER_ON_TRACK:
      return "on track";
   case TIMER_DUE_SOON:
      return "due soon";
   case TIMER_DUE_TODAY:
      return "due today";
   case TIMER_OVERDUE:
      return "overdue";
   default:
      return "?";
   }
}

/* Working days after day d up to the due date only grow as d moves back, so the due-soon
 * period is the run of days just before the due date; walk back until it would exceed the
 * threshold. The walk is bounded by the threshold plus the weekends and holidays met. */
RdDate timer_due_soon_from(const Calendar *cal, Division division, RdDate due, int due_soon_days) {
   if (due == RD_NO_DATE || due_soon_days < 0)
      return due;
   RdDate first = due;
   int left = 0;   /* working days after first, up to due */
   for (;;) {
      int before = left + (calendar_is_workday(cal, division, first) ? 1 : 0);
      if (before > due_soon_days)
         break;
      left = before;
      first--;
   }
   return first;
}

TimerClass timer_classify(const Calendar *cal, Division division, RdDate today, RdDate due,
                          int due_soon_days) {
   if (due == RD_NO_DATE)
      return TIMER_ON_TRACK;
   if (today > due)
      return TIMER_OVERDUE;
   if (today == due)
      return TIMER_DUE_TODAY;
   if (due_soon_days >= 0 && calendar_workdays_between(cal, division, today, due) <= due_soon_days)
      return TIMER_DUE_SOON;
   return TIMER_ON_TRACK;
}

static TimerClass timer_entry_class(const TimerEntry *e, RdInstant now) {
   if (now >= e->overdue_at)
      return TIMER_OVERDUE;
   if (now >= e->today_at)
      return TIMER_DUE_TODAY;
   if (now >= e->soon_at)
      return TIMER_DUE_SOON;
   return TIMER_ON_TRACK;
}

static void timer_prepare_entry(const Timer *t, TimerEntry *e, const TimerTarget *target) {
   e->target = *target;
   if (target->due == RD_NO_DATE) {
      e->soon_at = e->today_at = e->overdue_at = TIMER_NEVER;
      return;
   }
   RdDate soon = timer_due_soon_from(t->cal, t->division, target->due, target->due_soon_days);
   e->today_at = datetime_local_to_instant(target->due, 0);
   e->overdue_at = datetime_local_to_instant(target->due + 1, 0);
   e->soon_at = soon < target->due ? datetime_local_to_instant(soon, 0) : e->today_at;
}

static int timer_key_cmp(const void *a, const void *b) {
   const TimerKey *x = a, *y = b;
   if (x->case_id != y->case_id)
      return x->case_id < y->case_id ? -1 : 1;
   if (x->stage != y->stage)
      return x->stage < y->stage ? -1 : 1;
   return (x->kind > y->kind) - (x->kind < y->kind);
}

static int timer_instant_cmp(const void *a, const void *b) {
   RdInstant x = *(const RdInstant *)a, y = *(const RdInstant *)b;
   return (x > y) - (x < y);
}

static const TimerKey *timer_lookup(const TimerKey *keys, size_t count, int64_t case_id, int stage,
                                    TimerKind kind) {
   if (count == 0)
      return NULL;
   TimerKey probe = { case_id, stage, (int)kind, 0 };
   return bsearch(&probe, keys, count, sizeof *keys, timer_key_cmp);
}

static void timer_index_keys(Timer *t) {
   t->keys = xreallocarray(t->keys, t->count ? t->count : 1, sizeof *t->keys);
   for (size_t i = 0; i < t->count; i++) {
      const TimerTarget *g = &t->entries[i].target;
      t->keys[i] = (TimerKey){ g->case_id, g->stage, (int)g->kind, i };
   }
   qsort(t->keys, t->count, sizeof *t->keys, timer_key_cmp);
}

static void timer_collect_changes(Timer *t) {
   t->changes = xreallocarray(t->changes, t->count ? t->count * 3 : 1, sizeof *t->changes);
   size_t n = 0;
   for (size_t i = 0; i < t->count; i++) {
      const TimerEntry *e = &t->entries[i];
      RdInstant at[3] = { e->soon_at, e->today_at, e->overdue_at };
      for (int k = 0; k < 3; k++)
         if (at[k] != TIMER_NEVER)
            t->changes[n++] = at[k];
   }
   qsort(t->changes, n, sizeof *t->changes, timer_instant_cmp);
   size_t unique = 0;
   for (size_t i = 0; i < n; i++)
      if (unique == 0 || t->changes[unique - 1] != t->changes[i])
         t->changes[unique++] = t->changes[i];
   t->change_count = unique;
}

void timer_set_targets(Timer *t, const TimerTarget *targets, size_t count, RdInstant now) {
   TimerEntry *old_entries = t->entries;
   TimerKey *old_keys = t->keys;
   size_t old_count = t->count;
   t->entries = xreallocarray(NULL, count ? count : 1, sizeof *t->entries);
   t->keys = NULL;
   t->count = count;
   for (size_t i = 0; i < count; i++) {
      TimerEntry *e = &t->entries[i];
      timer_prepare_entry(t, e, &targets[i]);
      const TimerKey *was = timer_lookup(old_keys, old_count, targets[i].case_id, targets[i].stage,
                                         targets[i].kind);
      e->cls = was ? old_entries[was->index].cls : timer_entry_class(e, now);
   }
   free(old_entries);
   free(old_keys);
   timer_index_keys(t);
   timer_collect_changes(t);
   t->changed_count = 0;
}

size_t timer_count(const Timer *t) {
   return t->count;
}

const TimerTarget *timer_target(const Timer *t, size_t index) {
   return index < t->count ? &t->entries[index].target : NULL;
}

TimerClass timer_class(const Timer *t, size_t index) {
   return index < t->count ? t->entries[index].cls : TIMER_ON_TRACK;
}

long timer_find(const Timer *t, int64_t case_id, int stage, TimerKind kind) {
   const TimerKey *k = timer_lookup(t->keys, t->count, case_id, stage, kind);
   return k ? (long)k->index : -1;
}

size_t timer_tick(Timer *t, RdInstant now, const size_t **changed) {
   t->changed = xreallocarray(t->changed, t->count ? t->count : 1, sizeof *t->changed);
   size_t n = 0;
   for (size_t i = 0; i < t->count; i++) {
      TimerEntry *e = &t->entries[i];
      TimerClass c = timer_entry_class(e, now);
      if (c != e->cls) {
         e->cls = c;
         t->changed[n++] = i;
      }
   }
   t->changed_count = n;
   if (changed)
      *changed = t->changed;
   return n;
}

int64_t timer_ms_to_next_change(const Timer *t, int64_t now_ms) {
   RdInstant now = now_ms >= 0 ? now_ms / 1000 : (now_ms - 999) / 1000;
   size_t lo = 0, hi = t->change_count;
   while (lo < hi) {   /* the first change instant after now */
      size_t mid = lo + (hi - lo) / 2;
      if (t->changes[mid] <= now)
         lo = mid + 1;
      else
         hi = mid;
   }
   if (lo == t->change_count)
      return -1;
   return t->changes[lo] * 1000 - now_ms;
}
