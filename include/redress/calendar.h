/* calendar: working days over weekends and the bank holidays of a UK division.
 *
 * Holidays come from GOV.UK's bank-holidays.json format: the shipped file under data/,
 * and any imported later. Outside the years it holds holidays for, the calendar still
 * answers (weekends only) and says so through calendar_knows(). */
#ifndef REDRESS_CALENDAR_H
#define REDRESS_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "redress/datetime.h"
#include "redress/error.h"

typedef enum Division {
   DIVISION_ENGLAND_WALES,
   DIVISION_SCOTLAND,
   DIVISION_NORTHERN_IRELAND,
   DIVISION_COUNT
} Division;

typedef struct Holiday {
   RdDate date;
   char *title;
   char *notes;
} Holiday;

typedef struct Calendar Calendar;

/* Minutes after local midnight at which the office opens and closes. */
typedef struct OfficeHours {
   int open_minute;
   int close_minute;
} OfficeHours;

RdStatus calendar_division_parse(const char *name, Division *out, RdError *err);
const char *calendar_division_name(Division division);   /* "england-and-wales" */
const char *calendar_division_title(Division division);  /* "England and Wales" */

/* Owned by the caller; free with calendar_free. */
Calendar *calendar_new(void);
void calendar_free(Calendar *cal);

/* Merges every division of a GOV.UK bank-holidays.json text. On any error the calendar
 * is unchanged. origin names the source in messages. */
RdStatus calendar_merge_json(Calendar *cal, const char *text, size_t len, const char *origin,
                             RdError *err);
RdStatus calendar_load_file(Calendar *cal, const char *path, RdError *err);

/* Adds one holiday; a second holiday on the same date of the same division is merged
 * (the first title is kept). Returns true when the date was new. */
bool calendar_add_holiday(Calendar *cal, Division division, RdDate date, const char *title,
                          const char *notes);

size_t calendar_holiday_count(const Calendar *cal, Division division);
/* The i-th holiday of the division, in date order. */
const Holiday *calendar_holiday_at(const Calendar *cal, Division division, size_t i);
const Holiday *calendar_holiday_on(const Calendar *cal, Division division, RdDate date);

bool calendar_is_workday(const Calendar *cal, Division division, RdDate date);
/* True when the holidays of date's year are known for the division. */
bool calendar_knows(const Calendar *cal, Division division, RdDate date);
bool calendar_knows_range(const Calendar *cal, Division division, RdDate from, RdDate to);
int calendar_first_known_year(const Calendar *cal, Division division);   /* 0 when none */
int calendar_last_known_year(const Calendar *cal, Division division);

/* The end of the n-th working day after start (start is day 0). n = 0 gives start. */
RdDate calendar_add_workdays(const Calendar *cal, Division division, RdDate start, int n);
/* Working days after from, up to and including to; negative when to is before from. */
int calendar_workdays_between(const Calendar *cal, Division division, RdDate from, RdDate to);
RdDate calendar_next_workday(const Calendar *cal, Division division, RdDate date);

/* The day a count starts from for something received at instant t: the local date, or the
 * next working day when it arrived on a non-working day or after the office closed. */
RdDate calendar_start_day(const Calendar *cal, Division division, const OfficeHours *hours,
                          RdInstant t);

#endif
